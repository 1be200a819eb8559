"""Consequences of the ratings as dated facts other apps read through core's registry."""

import datetime as dt

import pytest

from conftest import make_rating
from noivu.core.extensions import person_facts

pytestmark = pytest.mark.django_db


def test_two_consecutive_years_at_the_lowest_level_and_a_year_below_completed(staff):
    an, binh, cuong = staff[:3]
    for year, rating in ((2022, "KHT"), (2023, "HT"), (2024, "KHT"), (2025, "KHT")):
        make_rating(an, year, rating)
    make_rating(binh, 2023, "KHT")
    make_rating(binh, 2025, "KHT")
    make_rating(cuong, 2025, "HTXS")
    start, end = dt.date(2021, 1, 1), dt.date(2025, 12, 31)
    twice = person_facts("evaluation.lowest_two_consecutive_years", None, start, end)
    assert [(f.person_id, f.on) for f in twice] == [(an.pk, dt.date(2025, 12, 31))]
    assert "58/2010/QH12" in twice[0].citation
    postponed = person_facts("evaluation.step_raise_postponed", [an.pk, binh.pk], start, end)
    assert [(f.person_id, f.on.year) for f in postponed] == [
        (an.pk, 2022),
        (an.pk, 2024),
        (an.pk, 2025),
        (binh.pk, 2023),
        (binh.pk, 2025),
    ]
    assert postponed[0].citation == "08/2013/TT-BNV, Điều 2 khoản 1, khoản 3"
    fighters = person_facts("evaluation.qualifies_emulation_fighter", None, start, end)
    assert [f.person_id for f in fighters] == [cuong.pk]


def test_a_fact_is_dated_the_last_day_of_the_year_rated_and_read_only_within_the_dates_asked(staff):
    an = staff[0]
    for year in (2012, 2013, 2024, 2025):
        make_rating(an, year, "KHT")

    def years(start, end):
        return [f.on for f in person_facts("evaluation.step_raise_postponed", [an.pk], start, end)]

    assert years(dt.date(2024, 6, 1), dt.date(2025, 12, 30)) == [dt.date(2024, 12, 31)]
    assert years(dt.date(2025, 1, 1), dt.date(2025, 12, 31)) == [dt.date(2025, 12, 31)]
    assert years(dt.date(2025, 1, 1), dt.date(2025, 6, 30)) == []
    # The step-raise rule took effect on 1 July 2013: the 2012 rating brings no postponement.
    assert years(dt.date(2010, 1, 1), dt.date(2014, 12, 31)) == [dt.date(2013, 12, 31)]
    twice = person_facts(
        "evaluation.lowest_two_consecutive_years", [an.pk], dt.date(2025, 1, 1), dt.date(2025, 12, 31)
    )
    assert [(f.on, f.detail) for f in twice] == [(dt.date(2025, 12, 31), "KHT")]
