"""Shared fixtures of the staffing tests: a province with two departments, their persons and the roles."""

import datetime as dt

import pytest

from conftest import make_org, make_person, make_user
from noivu.accounts.models import User
from noivu.core.permissions import Role
from noivu.organizations.models import Organization, OrganizationKind, OrganizationLevel
from noivu.personnel.models import Category, Gender


@pytest.fixture
def province(tree) -> dict[str, Organization]:
    """Province A with its Home Affairs department (tree fixture) and a department with two divisions."""
    dept = make_org(
        tree["province_a"],
        "T01-STC",
        "Sở Tài chính tỉnh A",
        OrganizationKind.DEPARTMENT,
        OrganizationLevel.PROVINCE,
    )
    first = make_org(
        dept, "T01-STC-01", "Phòng Ngân sách", OrganizationKind.DIVISION, OrganizationLevel.PROVINCE
    )
    second = make_org(
        dept, "T01-STC-02", "Phòng Đầu tư", OrganizationKind.DIVISION, OrganizationLevel.PROVINCE
    )
    return {
        **tree,
        "finance": Organization.objects.get(pk=dept.pk),
        "budget_division": Organization.objects.get(pk=first.pk),
        "investment_division": Organization.objects.get(pk=second.pk),
    }


@pytest.fixture
def staff(province):
    """Three civil servants in the budget division, one public employee in the finance department."""
    division = province["budget_division"]
    return {
        "old": make_person(division, "Nguyễn Văn Lão", birth_date=dt.date(1965, 3, 10)),
        "young": make_person(division, "Trần Văn Trẻ", birth_date=dt.date(1990, 6, 1)),
        "woman": make_person(division, "Lê Thị Hoa", gender=Gender.FEMALE, birth_date=dt.date(1971, 2, 2)),
        "teacher": make_person(province["finance"], "Phạm Văn Giáo", category=Category.PUBLIC_EMPLOYEE),
    }


@pytest.fixture
def appraiser_a(tree) -> User:
    return make_user("appraiser_a", Role.APPRAISER, tree["province_a"])


@pytest.fixture
def approver_a(tree) -> User:
    return make_user("approver_a", Role.APPROVER, tree["province_a"])
