"""The length of a probation by the decision's day and the position's required qualification, against
hand-computed cases of Nghị định 115/2020 Điều 21 khoản 2, 138/2020 Điều 20 khoản 1 and 170/2025 Điều 70."""

import datetime as dt

import pytest

from noivu.recruitment.probation import probation_months

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("staff_kind", "level", "day", "months", "document"),
    [
        # Public employees: 12 months for a university degree (and above), 9 for college, 6 for intermediate.
        ("public_employee", "university", dt.date(2024, 3, 1), 12, "115/2020/NĐ-CP"),
        ("public_employee", "master", dt.date(2026, 3, 1), 12, "115/2020/NĐ-CP"),
        ("public_employee", "college", dt.date(2026, 3, 1), 9, "115/2020/NĐ-CP"),
        ("public_employee", "intermediate", dt.date(2026, 3, 1), 6, "115/2020/NĐ-CP"),
        ("public_employee", "elementary", dt.date(2026, 3, 1), 6, "115/2020/NĐ-CP"),
        # Civil servants until 30/6/2025: 12 months (chuyên viên), 6 for cán sự.
        ("civil_servant", "university", dt.date(2025, 6, 30), 12, "138/2020/NĐ-CP"),
        ("civil_servant", "college", dt.date(2025, 6, 30), 6, "138/2020/NĐ-CP"),
        # From 01/7/2025, none.
        ("civil_servant", "university", dt.date(2025, 7, 1), 0, "170/2025/NĐ-CP"),
    ],
)
def test_the_probation_follows_the_rule_of_the_decision_day_and_the_required_qualification(
    staff_kind, level, day, months, document
):
    found, rule = probation_months(staff_kind, level, day)
    assert found == months
    assert rule.legal_basis.citation.startswith(document)
