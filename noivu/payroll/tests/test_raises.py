"""Step raises, postponements, early raises and placement on a new rank: the sector's worked examples
(EX-01 to EX-04, EX-10, EX-12, EX-13) and hand-computed cases."""

import datetime as dt
from decimal import Decimal

import polars as pl
import pytest

from conftest import make_rating
from noivu.core.rules import rule_table
from noivu.payroll.engine import SalaryInputError
from noivu.payroll.raises import (
    RULES_TABLE,
    early_raise,
    place_on_new_scale,
    postponement,
    regular_raise_due,
    seniority_schedule,
)

A0 = [Decimal(v) for v in ["2.10", "2.41", "2.72", "3.03", "3.34", "3.65", "3.96", "4.27", "4.58", "4.89"]]
A1 = [Decimal(v) for v in ["2.34", "2.67", "3.00", "3.33", "3.66", "3.99", "4.32", "4.65", "4.98"]]
A2_2 = [Decimal(v) for v in ["4.00", "4.34", "4.68", "5.02", "5.36", "5.70", "6.04", "6.38"]]
A2_1 = [Decimal(v) for v in ["4.40", "4.74", "5.08", "5.42", "5.76", "6.10", "6.44", "6.78"]]


@pytest.fixture
def rules():
    return rule_table(RULES_TABLE)


def test_regular_raise_after_the_groups_interval():
    assert regular_raise_due(dt.date(2023, 11, 1), 36) == dt.date(2026, 11, 1)
    assert regular_raise_due(dt.date(2024, 1, 1), 24, postponed_months=6) == dt.date(2026, 7, 1)


@pytest.mark.django_db
def test_early_raise_nine_months_with_back_pay_ex01(rules):
    due = regular_raise_due(dt.date(2003, 4, 1), 36)
    raised = early_raise(rules, due, 9, review_year=2005, decided_on=dt.date(2006, 2, 1))
    assert due == dt.date(2006, 4, 1)
    assert raised.eligible and raised.effective_from == dt.date(2005, 7, 1)
    assert raised.back_pay_months == (
        "2005-07",
        "2005-08",
        "2005-09",
        "2005-10",
        "2005-11",
        "2005-12",
        "2006-01",
    )


@pytest.mark.django_db
def test_early_raise_eligibility_by_the_31_december_rule_ex10(rules):
    raised = early_raise(rules, dt.date(2026, 11, 1), 9, review_year=2025)
    assert raised.months_lacking == 10 and raised.eligible
    assert raised.effective_from == dt.date(2026, 2, 1)
    too_far = early_raise(rules, dt.date(2027, 3, 1), 6, review_year=2025)
    assert too_far.months_lacking == 14 and not too_far.eligible


@pytest.mark.django_db
def test_early_raise_beyond_twelve_months_is_refused(rules):
    with pytest.raises(SalaryInputError) as refused:
        early_raise(rules, dt.date(2026, 11, 1), 13, review_year=2025)
    assert refused.value.field == "months_early"


@pytest.mark.django_db
def test_reprimand_and_an_unsatisfactory_year_add_up_to_twelve_months_ex04(rules):
    found = postponement(rules, "civil_servant", dt.date(2017, 11, 1), ["reprimand"], unsatisfactory_years=1)
    assert found.months == 12 and len(found.reasons) == 2


@pytest.mark.django_db
def test_discipline_and_rating_for_the_same_act_count_once_the_longer(rules):
    found = postponement(rules, "civil_servant", dt.date(2023, 1, 1), ["reprimand"], 1, same_act=True)
    assert found.months == 6


@pytest.mark.django_db
def test_a_public_employees_reprimand_postpones_three_months(rules):
    assert postponement(rules, "public_employee", dt.date(2023, 1, 1), ["reprimand"]).months == 3
    with pytest.raises(SalaryInputError):
        postponement(rules, "public_employee", dt.date(2023, 1, 1), ["demotion"])


def test_seniority_beyond_the_frame_schedule_ex12():
    assert seniority_schedule(dt.date(2015, 3, 1), 36, dt.date(2020, 6, 1)) == [
        (dt.date(2018, 3, 1), 5),
        (dt.date(2019, 3, 1), 6),
        (dt.date(2020, 3, 1), 7),
    ]
    assert seniority_schedule(dt.date(2020, 1, 1), 24, dt.date(2023, 6, 1)) == [
        (dt.date(2022, 1, 1), 5),
        (dt.date(2023, 1, 1), 6),
    ]


def test_transfer_with_seniority_to_a_higher_scale_ex02():
    placed = place_on_new_scale(A1, 9, 7, dt.date(2018, 1, 1), A2_2, dt.date(2025, 9, 1))
    assert placed.old_total == Decimal("5.33")
    assert (placed.step, placed.coefficient, placed.seniority_percent) == (5, Decimal("5.36"), 0)
    assert placed.clock_from == dt.date(2025, 9, 1)


def test_promotion_above_the_new_last_step_reserves_the_difference_ex03():
    placed = place_on_new_scale(A0, 10, 7, dt.date(2018, 1, 1), A1, dt.date(2025, 9, 1))
    assert placed.old_total == Decimal("5.23")
    assert (placed.step, placed.coefficient, placed.reserved_coefficient) == (
        9,
        Decimal("4.98"),
        Decimal("0.25"),
    )


def test_promotion_without_seniority_keeps_or_restarts_the_clock_ex13():
    appointed = dt.date(2025, 3, 1)
    first = place_on_new_scale(A0, 5, 0, dt.date(2022, 5, 1), A1, appointed)
    assert (first.step, first.coefficient, first.clock_from) == (5, Decimal("3.66"), appointed)
    second = place_on_new_scale(A0, 4, 0, dt.date(2023, 6, 1), A1, appointed)
    assert (second.step, second.coefficient, second.clock_from) == (4, Decimal("3.33"), dt.date(2023, 6, 1))


def test_transfer_to_a_lower_scale_keeps_step_percent_and_clock_with_a_reserved_difference():
    placed = place_on_new_scale(A2_1, 3, 0, dt.date(2023, 6, 1), A2_2, dt.date(2025, 3, 1), transfer=True)
    assert (placed.step, placed.coefficient, placed.reserved_coefficient) == (
        3,
        Decimal("4.68"),
        Decimal("0.40"),
    )
    assert placed.clock_from == dt.date(2023, 6, 1)


@pytest.mark.django_db
def test_the_raises_due_in_a_year_take_each_groups_interval_and_postponements(salaried, tree):
    from noivu.awards.models import DisciplineRecord
    from noivu.payroll.engine import SalaryLaw
    from noivu.payroll.raises import raises_due

    law = SalaryLaw.load()
    # An: A1 step 3 since 1/1/2023 → step 4 on 1/1/2026 (36 months). Bình: A2.1 last step (8), 6 % since
    # 1/1/2019 → 7 % a year later, on 1/1/2020. Dũng (province B): step 2 on 1/1/2023.
    due = raises_due(tree["root"].path, 2026, law)
    assert due["person_id"].to_list() == [salaried["an"].pk]
    row = due.row(0, named=True)
    assert (row["due_on"], row["new_step"], row["new_coefficient_e4"]) == (dt.date(2026, 1, 1), 4, 33300)
    assert (
        raises_due(tree["root"].path, 2020, law)
        .filter(pl.col("person_id") == salaried["binh"].pk)
        .row(0, named=True)["new_seniority_percent"]
        == 7
    )
    # A warning in 2025 postpones An's raise six months (Thông tư 08/2013/TT-BNV Điều 2 khoản 3).
    DisciplineRecord.objects.create(
        person=salaried["an"],
        form="warning",
        decision_date=dt.date(2025, 3, 1),
        effective_from=dt.date(2025, 3, 1),
    )
    assert raises_due(tree["root"].path, 2026, law).row(0, named=True)["due_on"] == dt.date(2026, 7, 1)
    # An unsatisfactory year, decided by the app that owns the ratings, adds six more: out of 2026.
    make_rating(salaried["an"], 2024, "KHT")
    assert raises_due(tree["root"].path, 2026, law).height == 0


@pytest.mark.django_db
def test_a_year_rated_below_completed_postpones_the_raise_with_its_citation(client, salaried, tree, hr_a):
    from django.urls import reverse

    from noivu.payroll.engine import SalaryLaw
    from noivu.payroll.raises import raises_due

    # An: A1 step 3 since 1/1/2023, due on 1/1/2026; rated "không hoàn thành nhiệm vụ" for 2024 (read
    # through core's person_facts, evaluation not imported): six months later, 1/7/2026.
    make_rating(salaried["an"], 2024, "KHT")
    # A rating before the step was held does not count.
    make_rating(salaried["an"], 2021, "KHT")
    row = raises_due(tree["root"].path, 2026, SalaryLaw.load()).row(0, named=True)
    assert (row["person_id"], row["postponed"], row["due_on"]) == (salaried["an"].pk, 6, dt.date(2026, 7, 1))
    assert "Năm 2024" in row["reasons"] and "Năm 2021" not in row["reasons"]
    assert "08/2013/TT-BNV" in row["reasons"]
    client.force_login(hr_a)
    page = client.get(reverse("payroll:raises"), {"organization": tree["province_a"].pk, "year": 2026})
    assert "08/2013/TT-BNV" in page.content.decode() and "01/07/2026" in page.content.decode()
    listed = client.get("/api/v1/payroll/raises", {"organization": tree["province_a"].code, "year": 2026})
    assert listed.json()[0]["postponed"] == 6 and "Năm 2024" in listed.json()[0]["reasons"]


@pytest.mark.django_db
def test_postponement_reasons_are_in_the_readers_language(salaried, tree):
    from django.utils import translation

    from noivu.awards.models import DisciplineRecord
    from noivu.payroll.engine import SalaryLaw
    from noivu.payroll.raises import raises_due

    make_rating(salaried["an"], 2024, "KHT")
    DisciplineRecord.objects.create(
        person=salaried["an"],
        form="reprimand",
        decision_date=dt.date(2024, 3, 1),
        effective_from=dt.date(2024, 3, 1),
    )
    with translation.override("en"):
        row = raises_due(tree["root"].path, 2027, SalaryLaw.load()).row(0, named=True)
    assert row["postponed"] == 12
    assert row["reasons"].startswith("Discipline, reprimand (")
    assert (
        "Year 2024 rated as not completing the tasks" in row["reasons"]
        and "postponed 6 months" in row["reasons"]
    )
    assert "kéo dài" not in row["reasons"]
