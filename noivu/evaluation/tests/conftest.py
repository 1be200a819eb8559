"""Shared fixtures of the evaluation tests: a division of province A with six civil servants, and the roles
of the evaluation workflow."""

import pytest

from conftest import make_org, make_person, make_user
from noivu.accounts.models import User
from noivu.core.permissions import Role
from noivu.organizations.models import Organization, OrganizationKind, OrganizationLevel
from noivu.personnel.models import Person


@pytest.fixture
def division(tree) -> Organization:
    made = make_org(
        tree["dept_a"], "T01-SNV-01", "Phòng Công chức", OrganizationKind.DIVISION, OrganizationLevel.PROVINCE
    )
    return Organization.objects.get(pk=made.pk)


@pytest.fixture
def staff(division) -> list[Person]:
    names = (
        "Nguyễn Văn An",
        "Trần Thị Bình",
        "Lê Văn Cường",
        "Phạm Thị Dung",
        "Hoàng Văn Em",
        "Vũ Thị Giang",
    )
    return [make_person(division, name) for name in names]


@pytest.fixture
def appraiser_a(tree) -> User:
    return make_user("appraiser_a", Role.APPRAISER, tree["province_a"])


@pytest.fixture
def approver_a(tree) -> User:
    return make_user("approver_a", Role.APPROVER, tree["province_a"])
