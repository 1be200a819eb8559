"""The catalogue loaded after migrate: counts against the official 2025 figures, successions, idempotence."""

import datetime as dt

import pytest
from django.db.models import Count, Q

from noivu.admin_units.loader import load_admin_units
from noivu.admin_units.models import AdminUnit, Level, Regime, UnitSuccession, UnitType
from noivu.core import rules

pytestmark = pytest.mark.django_db

JULY_2025 = dt.date(2025, 7, 1)


def _count(regime: str, level: str, **extra) -> int:
    return AdminUnit.objects.filter(regime=regime, level=level, **extra).count()


def test_two_tier_units_match_the_official_2025_counts():
    assert _count(Regime.TWO_TIER, Level.PROVINCE) == 34
    assert _count(Regime.TWO_TIER, Level.COMMUNE) == 3321
    by_type = dict(
        AdminUnit.objects.filter(regime=Regime.TWO_TIER, level=Level.COMMUNE)
        .values_list("unit_type")
        .annotate(n=Count("id"))
    )
    assert by_type == {UnitType.COMMUNE: 2621, UnitType.WARD: 687, UnitType.SPECIAL_ZONE: 13}
    assert _count(Regime.TWO_TIER, Level.PROVINCE, unit_type=UnitType.CENTRAL_CITY) == 6


def test_legacy_units_match_the_counts_of_1_january_2025():
    assert _count(Regime.LEGACY, Level.PROVINCE) == 63
    assert _count(Regime.LEGACY, Level.DISTRICT) == 696
    assert _count(Regime.LEGACY, Level.COMMUNE) == 10035


def test_regimes_are_effective_dated_around_the_reform():
    assert not AdminUnit.objects.as_of(JULY_2025).filter(regime=Regime.LEGACY).exists()
    assert AdminUnit.objects.as_of(dt.date(2025, 6, 30)).filter(regime=Regime.TWO_TIER).count() == 0
    assert AdminUnit.objects.as_of(JULY_2025).count() == 34 + 3321


def test_every_legacy_unit_has_a_successor_and_each_split_one_exactly_one_default():
    communes = UnitSuccession.objects.filter(level=Level.COMMUNE)
    assert communes.values("legacy_code").distinct().count() == 10035
    assert UnitSuccession.objects.filter(level=Level.DISTRICT).count() == 5
    assert UnitSuccession.objects.filter(level=Level.PROVINCE).count() == 63
    split = (
        UnitSuccession.objects.filter(is_split=True)
        .values("legacy_code")
        .annotate(n=Count("id"), defaults=Count("id", filter=Q(is_default=True)))
    )
    assert len(split) == 471
    assert all(row["defaults"] == 1 and 2 <= row["n"] <= 5 for row in split)


def test_each_province_has_as_many_communes_as_its_resolution_sets():
    for code, count in (
        AdminUnit.objects.filter(regime=Regime.TWO_TIER, level=Level.COMMUNE)
        .values_list("province_code")
        .annotate(n=Count("id"))
    ):
        assert rules.lookup("commune_units_2025", code, JULY_2025).value == count


def test_successions_cite_the_resolution_of_their_province():
    tan_hoi = UnitSuccession.objects.select_related("legal_basis").get(
        level=Level.COMMUNE, legacy_code="09817"
    )
    assert tan_hoi.legal_basis.document_number == "1656/NQ-UBTVQH15"
    ha_tay = UnitSuccession.objects.select_related("legal_basis").get(level=Level.PROVINCE, legacy_code="02")
    assert ha_tay.legal_basis.document_number == "202/2025/QH15"
    assert ha_tay.new_code == "08"  # Hà Giang merged into Tuyên Quang


def test_loading_again_changes_nothing_and_repairs_edits():
    assert not load_admin_units().changed
    AdminUnit.objects.filter(regime=Regime.TWO_TIER, code="09817").update(name="Xã sai tên")
    UnitSuccession.objects.filter(level=Level.COMMUNE, legacy_code="09817").delete()
    AdminUnit.objects.create(
        regime=Regime.TWO_TIER,
        level=Level.COMMUNE,
        code="99999",
        name="Xã thừa",
        short_name="Thừa",
        unit_type=UnitType.COMMUNE,
        province_code="01",
        effective_from=JULY_2025,
    )
    result = load_admin_units()
    assert result.counts == {"units": (0, 1, 1), "successions": (1, 0, 0)}
    assert (
        AdminUnit.objects.get(regime=Regime.TWO_TIER, level=Level.COMMUNE, code="09817").name == "Xã Ô Diên"
    )
