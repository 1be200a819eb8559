import datetime as dt
from decimal import Decimal

import pytest

from conftest import make_user
from noivu.core.permissions import Role
from noivu.payroll.models import Allowance, SalaryHistory


@pytest.fixture
def salaried(people):
    """An (A1 step 3, leadership 0.30, regional 0.2), Bình (public employee A2.1 step 8 with 6 % beyond the
    frame) in province A; Dũng in province B."""
    an, binh, duc = people["an"], people["binh"], people["duc"]
    SalaryHistory.objects.create(
        person=an,
        step=2,
        coefficient=Decimal("2.67"),
        effective_from=dt.date(2020, 1, 1),
        effective_to=dt.date(2022, 12, 31),
        salary_group="A1",
    )
    SalaryHistory.objects.create(
        person=an, step=3, coefficient=Decimal("3.00"), effective_from=dt.date(2023, 1, 1), salary_group="A1"
    )
    Allowance.objects.create(
        person=an, kind="leadership", coefficient=Decimal("0.30"), effective_from=dt.date(2021, 1, 1)
    )
    Allowance.objects.create(
        person=an, kind="regional", coefficient=Decimal("0.20"), effective_from=dt.date(2021, 1, 1)
    )
    binh.category = "public_employee"
    binh.save()
    binh.assignments.update(category="public_employee")
    SalaryHistory.objects.create(
        person=binh,
        step=8,
        coefficient=Decimal("6.78"),
        seniority_percent=6,
        effective_from=dt.date(2019, 1, 1),
        salary_group="A2.1",
    )
    SalaryHistory.objects.create(
        person=duc, step=1, coefficient=Decimal("2.34"), effective_from=dt.date(2020, 1, 1), salary_group="A1"
    )
    return people


@pytest.fixture
def approver_a(tree):
    return make_user("approver_a", Role.APPROVER, tree["province_a"])


@pytest.fixture
def read_in_december_2026(monkeypatch):
    """The clock on 2 December 2026: cases proposing early raises for 2026 stay within the year's places,
    which lapse after 31/03/2027, whenever the suite runs."""
    from noivu.core import dates

    monkeypatch.setattr(dates, "now", lambda: dt.datetime(2026, 12, 2, 9, tzinfo=dates.VIETNAM))
