"""A division of province A with four civil servants whose futures differ, a quota, an approved
streamlining case, an open recruitment plan and the positions two of them hold."""

import datetime as dt

import pytest

from conftest import make_org, make_person
from noivu.organizations.models import Organization, OrganizationKind, OrganizationLevel
from noivu.personnel.dossier.models import RankHistory
from noivu.personnel.models import Gender, Person
from noivu.positions.models import (
    CatalogPosition,
    PositionGroup,
    PositionHolder,
    PositionProject,
    ProjectPosition,
    ProjectStatus,
    StaffKind,
)
from noivu.recruitment.models import PlanPosition, RecruitmentPlan
from noivu.staffing.models import StaffingQuota, StreamliningCase, Workflow

AS_OF = dt.date(2026, 6, 30)


def approved_quota(unit: Organization, quantity: int, year: int = 2026) -> StaffingQuota:
    return StaffingQuota.objects.create(
        organization=unit,
        category="civil_servant",
        quantity=quantity,
        year=year,
        status=Workflow.APPROVED,
        decision_number=f"{year}/QĐ-UBND",
        decision_date=dt.date(year, 1, 10),
        effective_from=dt.date(year, 1, 1),
        effective_to=dt.date(year, 12, 31),
    )


def approved_case(person: Person, leave: dt.date, decided: dt.date) -> StreamliningCase:
    return StreamliningCase.objects.create(
        person=person,
        organization=person.organization,
        category="civil_servant",
        ground="job_position",
        policy="resignation",
        case_date=decided - dt.timedelta(days=20),
        leave_date=leave,
        regime="nd178_2024",
        salary_current=10_000_000,
        si_years=10,
        months_to_retirement=200,
        benefit_total=100_000_000,
        status=Workflow.APPROVED,
        decision_number="77/QĐ-UBND",
        decision_date=decided,
    )


def open_plan(unit: Organization, intake: int, approved: dt.date, start: dt.date) -> RecruitmentPlan:
    plan = RecruitmentPlan.objects.create(
        organization=unit,
        title="Thi tuyển công chức năm 2027",
        staff_kind="civil_servant",
        method="exam",
        status="approved",
        applications_open=approved,
        applications_close=approved + dt.timedelta(days=30),
        exam_date=approved + dt.timedelta(days=60),
        approval_number="12/QĐ-SNV",
        approval_date=approved,
        start_date=start,
    )
    PlanPosition.objects.create(plan=plan, code="CV01", name="Chuyên viên", quota=intake, exam_form="single")
    return plan


def holds_position(person: Person, code: str, name: str) -> None:
    catalog = CatalogPosition.objects.create(
        code=code, name=name, group=PositionGroup.PROFESSIONAL, staff_kind=StaffKind.CIVIL_SERVANT
    )
    project = PositionProject.objects.filter(organization=person.organization).first()
    if project is None:
        project = PositionProject.objects.create(
            organization=person.organization,
            staff_kind=StaffKind.CIVIL_SERVANT,
            title="Đề án vị trí việc làm",
            status=ProjectStatus.APPROVED,
            decision_number="15/QĐ-UBND",
            decision_date=dt.date(2025, 1, 2),
            effective_from=dt.date(2025, 1, 2),
        )
    position = ProjectPosition.objects.create(project=project, catalog=catalog, headcount=1)
    PositionHolder.objects.create(project=project, position=position, person=person, is_main=True)


@pytest.fixture
def division(tree) -> Organization:
    return make_org(
        tree["province_a"],
        "T01-STC",
        "Sở Tài chính tỉnh A",
        OrganizationKind.DEPARTMENT,
        OrganizationLevel.PROVINCE,
    )


@pytest.fixture
def world(tree, division) -> dict:
    """Four civil servants of the division:

    - ``man``, born 10/03/1966: reaches 61 years 9 months (the age of 2027) in 12/2027, retires 31/12/2027;
    - ``woman``, born 15/01/1970: reaches 57 years 4 months (the age of 2027) in 05/2027, retires 31/05/2027;
    - ``leaver``, born 1990, leaves on 01/09/2028 under a case approved on 01/05/2026;
    - ``stayer``, born 1992.

    A quota of 5 for 2026 (decided 10/01/2026), a plan approved on 01/05/2026 taking 2 from 01/09/2027; the
    man and the woman hold positions; a person of province B, who must never show."""
    man = make_person(division, "Nguyễn Văn Hưu", birth_date=dt.date(1966, 3, 10), cccd_number="001066012345")
    woman = make_person(division, "Lê Thị Hoa", gender=Gender.FEMALE, birth_date=dt.date(1970, 1, 15))
    leaver = make_person(division, "Trần Văn Đi", birth_date=dt.date(1990, 6, 1))
    stayer = make_person(division, "Phạm Văn Ở", birth_date=dt.date(1992, 8, 8))
    for person, rank in ((man, "01.002"), (woman, "01.003"), (leaver, "01.003"), (stayer, "01.003")):
        RankHistory.objects.create(person=person, rank_code=rank, effective_from=dt.date(2020, 1, 1))
    approved_quota(division, 5)
    approved_case(leaver, dt.date(2028, 9, 1), dt.date(2026, 5, 1))
    open_plan(division, 2, dt.date(2026, 5, 1), dt.date(2027, 9, 1))
    holds_position(man, "TCNS", "Quản lý ngân sách")
    holds_position(woman, "TCKT", "Kế toán")
    other = make_person(tree["dept_b"], "Võ Văn Bê", birth_date=dt.date(1966, 3, 10))
    return {"man": man, "woman": woman, "leaver": leaver, "stayer": stayer, "other": other}
