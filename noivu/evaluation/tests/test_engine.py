"""The regime of a period by its last day, the rules of Nghị định 90/2020 and the 100-point bands."""

import datetime as dt
from decimal import Decimal

import pytest

from noivu.evaluation import engine
from noivu.evaluation.rules import nd90_2020

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("category", "day", "regime"),
    [
        ("civil_servant", dt.date(2025, 12, 31), "ND90_2020"),
        ("civil_servant", dt.date(2026, 3, 31), "ND335_2025"),
        ("public_employee", dt.date(2026, 6, 30), "ND90_2020"),
        ("public_employee", dt.date(2026, 9, 30), "ND233_2026"),
        ("cadre", dt.date(2026, 12, 31), "ND90_2020"),
        ("civil_servant", dt.date(2019, 12, 31), "ND56_2015"),
    ],
)
def test_the_regime_is_the_one_in_force_on_the_last_day_of_the_period(category, day, regime):
    assert engine.regime_for(category, day).value == regime


@pytest.mark.parametrize(
    ("score", "level"), [("90", "HTXS"), ("89.99", "HTT"), ("70", "HTT"), ("50", "HT"), ("49.5", "KHT")]
)
def test_the_bands_of_the_100_point_scale(score, level):
    assert engine.level_from_score(Decimal(score), dt.date(2026, 3, 31)).rating == level


def test_a_score_outside_the_scale_is_refused():
    with pytest.raises(ValueError, match="từ 0 đến 100"):
        engine.level_from_score(Decimal("-1"), dt.date(2026, 3, 31))


@pytest.mark.parametrize(
    ("criteria", "level"),
    [
        (nd90_2020.Criteria(True, 10, 10, 5), "HTXS"),
        (nd90_2020.Criteria(True, 10, 10, 4), "HTT"),
        (nd90_2020.Criteria(True, 10, 8), "HT"),
        (nd90_2020.Criteria(True, 10, 7), "KHT"),
        (nd90_2020.Criteria(True, 10, 10, 6, disciplined=True), "KHT"),
        (nd90_2020.Criteria(True, 10, 10, 6, absent_months=4), "HT"),
        (nd90_2020.Criteria(True, 10, 10, 6, is_manager=True, unit_targets_met_percent=85), "HTT"),
        (nd90_2020.Criteria(True, 10, 10, 6, absent_months=7), None),
        (nd90_2020.Criteria(True, 10, 10, 6, absent_months=7, maternity_leave=True), "HTXS"),
    ],
)
def test_the_criteria_of_nghi_dinh_90(criteria, level):
    assert nd90_2020.rate(criteria)[0] == level


def test_the_cap_is_rounded_down_and_absent_before_nghi_dinh_48():
    checks = engine.check_cap([("", "HTT")] * 12 + [("", "HTXS")] * 3, dt.date(2025, 12, 31))
    assert (checks[0].allowed, checks[0].exceeded) == (2, True)
    assert not engine.check_cap([("", "HTXS")] * 3, dt.date(2022, 12, 31))[0].exceeded
