"""Periodic reports: the period's bounds, the figures of a quarter counted by hand, legacy communes rolled up
to the commune that succeeded them, and the scope."""

import datetime as dt

import pytest

from noivu.religion.models import (
    ActivityGroup,
    Dignitary,
    Dossier,
    DossierStatus,
    Incident,
    ReligiousOrganization,
    Topic,
    WorshipPlace,
)
from noivu.religion.periodic.engine import MONTH, QUARTER, YEAR, Period, build
from noivu.religion.tests import factories

HONG_HA, TAN_HOI, O_DIEN = "09796", "09817", "09817"


def test_periods_have_calendar_bounds_and_neighbours():
    quarter = Period.of(QUARTER, 2025, 3)
    assert (quarter.start, quarter.end) == (dt.date(2025, 7, 1), dt.date(2025, 9, 30))
    assert quarter.previous == Period.of(QUARTER, 2025, 2)
    assert Period.of(QUARTER, 2025, 4).next == Period.of(QUARTER, 2026, 1)
    assert Period.of(MONTH, 2024, 2).end == dt.date(2024, 2, 29)
    assert Period.of(YEAR, 2025).spans_legacy_units and not quarter.spans_legacy_units
    assert Period.last_complete(MONTH, dt.date(2026, 1, 10)) == Period.of(MONTH, 2025, 12)
    assert Period.last_complete(QUARTER, dt.date(2026, 5, 3)) == Period.of(QUARTER, 2026, 1)
    with pytest.raises(ValueError):
        Period.of(QUARTER, 2025, 5)


def _report(user, period):
    return build(
        period=period,
        as_of=dt.date(2026, 11, 15),
        issuer="UBND Thành phố Hà Nội",
        organizations=ReligiousOrganization.objects.restrict(user),
        places=WorshipPlace.objects.restrict(user),
        dignitaries=Dignitary.objects.restrict(user),
        groups=ActivityGroup.objects.restrict(user),
        dossiers=Dossier.objects.restrict(user),
        incidents=Incident.objects.restrict(user),
    )


@pytest.mark.django_db
def test_a_quarter_counts_dossiers_and_incidents_of_the_scope(tree, hr_a):
    unit = tree["dept_a"]
    factories.place(unit, "Chùa Một Cột", commune_code="00004")
    factories.place(unit, "Đình Kim Liên", kind="belief", religion=None)
    factories.place(unit, "Chùa đã giải thể", effective_to=dt.date(2025, 8, 1))
    factories.organization(unit, "Giáo hội Phật giáo Việt Nam thành phố Hà Nội")
    # Received in the quarter: one decided in time, one late, one still open past its deadline.
    factories.dossier(
        unit,
        "Nhóm A",
        dt.date(2025, 8, 1),
        due_on=dt.date(2025, 8, 21),
        status=DossierStatus.DECIDED,
        decided_on=dt.date(2025, 8, 20),
        outcome="approved",
    )
    factories.dossier(
        unit,
        "Nhóm B",
        dt.date(2025, 8, 5),
        due_on=dt.date(2025, 8, 25),
        status=DossierStatus.DECIDED,
        decided_on=dt.date(2025, 9, 2),
        outcome="approved",
        late_reason="Chờ ý kiến",
    )
    factories.dossier(unit, "Nhóm C", dt.date(2025, 9, 1), due_on=dt.date(2025, 9, 22))
    # Received before the quarter, decided after it: open at the quarter's end.
    factories.dossier(
        unit,
        "Nhóm D",
        dt.date(2025, 6, 20),
        due_on=dt.date(2025, 7, 10),
        status=DossierStatus.DECIDED,
        decided_on=dt.date(2025, 10, 3),
        outcome="refused",
    )
    factories.incident(unit, "Tranh chấp", dt.date(2025, 7, 3), topic=Topic.LAND, severity=3)
    factories.incident(unit, "Khiếu nại", dt.date(2025, 9, 30))
    factories.incident(unit, "Khiếu nại quý trước", dt.date(2025, 6, 30))
    factories.incident(tree["dept_b"], "Vụ việc tỉnh B", dt.date(2025, 8, 3), province_code="79")

    report = _report(hr_a, Period.of(QUARTER, 2025, 3))

    assert report.period.label == "quý III năm 2025"
    assert report.registry_totals == [1, 1, 0, 0, 1]
    [line] = report.procedures
    # received, decided, in time, late, open at the end, of which overdue
    assert line.values == [3, 2, 1, 1, 2, 2]
    assert (report.incidents_total, report.incidents_previous, report.change) == (2, 1, 1)
    assert report.incidents_serious == 1
    assert dict((line.label, line.values) for line in report.by_topic)[
        "Tranh chấp, khiếu kiện về đất đai"
    ] == [1, 0]
    [commune] = report.communes
    assert (commune.name, commune.total, commune.serious) == ("Phường Ba Đình", 2, 1)
    assert report.outlook is not None and report.outlook.period == Period.of(QUARTER, 2025, 4)


@pytest.mark.django_db
def test_a_year_before_the_reform_rolls_legacy_communes_up_to_their_successor(tree, hr_a):
    unit = tree["dept_a"]
    factories.incident(
        unit, "Ở xã Hồng Hà cũ", dt.date(2025, 3, 2), commune_code=O_DIEN, legacy_commune_code=HONG_HA
    )
    factories.incident(
        unit, "Ở xã Tân Hội cũ", dt.date(2025, 4, 2), commune_code=O_DIEN, legacy_commune_code=TAN_HOI
    )
    factories.incident(unit, "Ở xã Ô Diên mới", dt.date(2025, 9, 2), commune_code=O_DIEN)

    report = _report(hr_a, Period.of(YEAR, 2025))

    [commune] = report.communes
    assert commune.commune_code == O_DIEN and commune.total == 3
    assert commune.legacy_count == 2
    assert commune.legacy_units == ["Xã Hồng Hà", "Xã Tân Hội"]
    assert report.legacy_incidents == 2
