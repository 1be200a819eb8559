"""Matching census rows to unit codes by folded names, and importing their figures as dated facts."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from conftest import make_org, make_user
from noivu.admin_units.actions import do_import_unit_figures
from noivu.admin_units.census import CENSUS_DAY, match_census, squash
from noivu.admin_units.models import AdminUnit, Level, Regime, UnitFigure
from noivu.admin_units.registry import units_on
from noivu.core.models import AuditEvent
from noivu.core.permissions import Role
from noivu.organizations.models import OrganizationKind, OrganizationLevel

pytestmark = pytest.mark.django_db

HEADER = (
    "ward_id,city,district,ward,city_title,dist_title,ward_title,area_sqm,total,urban,rural,pop_density\n"
)
ROWS = (
    "a,HàNội,ĐanPhượng,TânHội,ThànhPhố,Huyện,Xã,6100000,12000,,12000,1\n"
    "b,HàNội,ĐanPhượng,Phùng,ThànhPhố,Huyện,ThịTrấn,3200000.5,15000,15000,,1\n"
    "c,HàNội,ĐanPhượng,KhôngCóXã,ThànhPhố,Huyện,Xã,1000000,100,,100,1\n"
    "d,ThừaThiênHuế,PhúVang,KhôngCó,ThànhPhố,Huyện,Xã,1,1,,1,1\n"
    "e,NơiKhác,Huyện,Xã,Tỉnh,Huyện,Xã,1,1,,1,1\n"
)


def _legacy(code: str) -> AdminUnit:
    return AdminUnit.objects.get(regime=Regime.LEGACY, level=Level.COMMUNE, code=code)


def test_names_are_squashed_without_tones_spaces_or_punctuation():
    assert squash("Bà Rịa - Vũng Tàu") == squash("BàRịa-VũngTàu") == "bariavungtau"
    assert squash("05") == "5"


def test_rows_match_by_folded_names_within_province_and_district_and_the_rest_is_reported():
    match = match_census(HEADER + ROWS)
    assert [(f.row_number, f.unit_id) for f in match.figures] == [
        (2, _legacy("09817").pk),
        (3, _legacy("09784").pk),
    ]
    assert match.figures[0].area_km2 == Decimal("6.10") and match.figures[0].population == 12000
    assert match.figures[1].setting == "urban"
    assert [(u.row_number, u.ward) for u in match.unmatched] == [(4, "KhôngCóXã"), (5, "KhôngCó"), (6, "Xã")]
    assert "tỉnh" in match.unmatched[-1].reason


def test_a_file_without_the_required_columns_is_refused_naming_them():
    match = match_census("city,district,ward\nA,B,C\n")
    assert match.errors and "ward_title" in match.errors[0] and "total" in match.errors[0]


def test_a_non_numeric_population_names_row_and_column():
    match = match_census(HEADER + "a,HàNội,ĐanPhượng,TânHội,ThànhPhố,Huyện,Xã,6100000,nhiều,,,1\n")
    assert match.errors == ["Dòng 2, cột total: 'nhiều' không phải số."]


def test_imported_figures_are_dated_and_answer_as_of_a_day():
    admin = make_user("root", is_superuser=True)
    match = match_census(HEADER + ROWS)
    assert (
        do_import_unit_figures(
            figures=match.figures, effective_from=CENSUS_DAY, source="TĐT 2019", acting_user=admin
        )
        == 2
    )
    later = [
        f.__class__(f.unit_id, f.row_number, Decimal("6.2"), 13000, f.setting) for f in match.figures[:1]
    ]
    do_import_unit_figures(
        figures=later, effective_from=dt.date(2024, 1, 1), source="2024", acting_user=admin
    )
    history = list(UnitFigure.objects.filter(unit=_legacy("09817")).order_by("effective_from"))
    assert [(f.population, f.effective_to) for f in history] == [
        (12000, dt.date(2023, 12, 31)),
        (13000, None),
    ]
    units = units_on(dt.date(2023, 6, 1), parent_code="273")
    assert units.population[list(units.code).index("09817")] == 12000
    units = units_on(dt.date(2025, 1, 1), parent_code="273")
    assert units.population[list(units.code).index("09817")] == 13000
    assert AuditEvent.objects.filter(event_type="admin_units.figures_imported").count() == 2


def test_a_province_officer_imports_only_their_province():
    root = make_org(None, "VN", "Chính phủ", OrganizationKind.GOVERNMENT, OrganizationLevel.CENTRAL)
    province = make_org(
        root, "T01", "UBND Hà Nội", OrganizationKind.PROVINCE_COMMITTEE, OrganizationLevel.PROVINCE
    )
    province.admin_unit_code = "01"
    province.save()
    other = make_org(
        root, "T02", "UBND khác", OrganizationKind.PROVINCE_COMMITTEE, OrganizationLevel.PROVINCE
    )
    match = match_census(HEADER + ROWS)
    officer = make_user("hn", Role.HR_OFFICER, province)
    assert do_import_unit_figures(
        figures=match.figures, effective_from=CENSUS_DAY, source="x", acting_user=officer
    )
    stranger = make_user("other", Role.HR_OFFICER, other)
    with pytest.raises(PermissionDenied):
        do_import_unit_figures(
            figures=match.figures, effective_from=CENSUS_DAY, source="x", acting_user=stranger
        )


def test_an_import_without_a_matched_row_is_refused():
    with pytest.raises(ValidationError):
        do_import_unit_figures(
            figures=[], effective_from=CENSUS_DAY, source="x", acting_user=make_user("r", is_superuser=True)
        )
