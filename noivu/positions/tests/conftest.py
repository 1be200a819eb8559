"""Shared fixtures of the job-position tests: a small catalogue, a department with two divisions and its
civil servants with ranks and qualifications, a quota, and the roles of province A."""

import datetime as dt

import pytest

from conftest import make_org, make_person, make_user
from noivu.core.permissions import Role
from noivu.organizations.models import Organization, OrganizationKind, OrganizationLevel
from noivu.personnel.dossier.models import Education, RankHistory
from noivu.positions.models import CatalogPosition, LeadershipRole, PositionGroup, StaffKind
from noivu.staffing.models import StaffingQuota, Workflow


@pytest.fixture
def catalogue(db) -> dict[str, CatalogPosition]:
    def make(code: str, name: str, group: str, **extra) -> CatalogPosition:
        return CatalogPosition.objects.create(
            code=code, name=name, group=group, staff_kind=StaffKind.CIVIL_SERVANT, **extra
        )

    return {
        "head": make(
            "LD01",
            "Giám đốc Sở",
            PositionGroup.LEADERSHIP,
            leadership_role=LeadershipRole.HEAD,
            min_rank_code="01.002",
        ),
        "division_head": make(
            "LD03", "Trưởng phòng", PositionGroup.LEADERSHIP, leadership_role=LeadershipRole.DIVISION_HEAD
        ),
        "budget": make(
            "CM01",
            "Quản lý ngân sách",
            PositionGroup.PROFESSIONAL,
            min_rank_code="01.003",
            min_qualification="university",
        ),
        "clerk": make("HT01", "Văn thư", PositionGroup.SUPPORT, required=True),
    }


@pytest.fixture
def agency(tree) -> dict[str, Organization]:
    dept = make_org(
        tree["province_a"],
        "T01-STC",
        "Sở Tài chính tỉnh A",
        OrganizationKind.DEPARTMENT,
        OrganizationLevel.PROVINCE,
    )
    for code, name in (("T01-STC-01", "Phòng Ngân sách"), ("T01-STC-02", "Phòng Đầu tư")):
        make_org(dept, code, name, OrganizationKind.DIVISION, OrganizationLevel.PROVINCE)
    return {
        **tree,
        "finance": Organization.objects.get(pk=dept.pk),
        "budget_division": Organization.objects.get(code="T01-STC-01"),
    }


@pytest.fixture
def staff(agency):
    """The director (chuyên viên chính), a specialist (chuyên viên, university) and a clerk (cán sự)."""
    people = {
        "director": make_person(agency["finance"], "Nguyễn Văn Giám"),
        "specialist": make_person(agency["budget_division"], "Trần Thị Chuyên"),
        "clerk": make_person(agency["budget_division"], "Lê Văn Thư"),
    }
    start = dt.date(2015, 1, 1)
    for key, code in (("director", "01.002"), ("specialist", "01.003"), ("clerk", "01.004")):
        RankHistory.objects.create(person=people[key], rank_code=code, effective_from=start)
    Education.objects.create(person=people["specialist"], kind="professional", level="university")
    Education.objects.create(person=people["clerk"], kind="professional", level="college")
    return people


@pytest.fixture
def quota(agency) -> StaffingQuota:
    return StaffingQuota.objects.create(
        organization=agency["finance"],
        category="civil_servant",
        quantity=6,
        year=2026,
        effective_from=dt.date(2020, 1, 1),
        status=Workflow.APPROVED,
    )


@pytest.fixture
def appraiser_a(tree):
    return make_user("appraiser_a", Role.APPRAISER, tree["province_a"])


@pytest.fixture
def approver_a(tree):
    return make_user("approver_a", Role.APPROVER, tree["province_a"])
