"""Builders shared by the recruitment tests (and the permission matrix): an agency with an approved
job-position project whose positions have vacancies, and a plan on it."""

import datetime as dt
from typing import Any

from noivu.organizations.models import Organization
from noivu.positions.models import CatalogPosition, PositionProject, ProjectPosition
from noivu.recruitment.models import Candidate, PlanPosition, RecruitmentPlan, Score


def catalogue() -> dict[str, CatalogPosition]:
    def make(code: str, name: str, qualification: str, rank: str) -> CatalogPosition:
        found = CatalogPosition.objects.filter(code=code).first()
        return found or CatalogPosition.objects.create(
            code=code,
            name=name,
            group="professional",
            staff_kind="civil_servant",
            min_qualification=qualification,
            min_rank_code=rank,
        )

    return {
        "budget": make("TD01", "Quản lý ngân sách", "university", "01.003"),
        "archive": make("TD02", "Lưu trữ", "college", "02.008"),
    }


def approved_project(organization: Organization, headcounts: dict[str, int]) -> PositionProject:
    """An approved job-position project of ``organization`` in force since 2020, with no one placed: every
    position is vacant."""
    positions = catalogue()
    project = PositionProject.objects.create(
        organization=organization,
        staff_kind="civil_servant",
        title=f"Đề án {organization.code}",
        status="approved",
        decision_number="01/QĐ",
        decision_date=dt.date(2020, 1, 1),
        effective_from=dt.date(2020, 1, 1),
    )
    for key, headcount in headcounts.items():
        ProjectPosition.objects.create(project=project, catalog=positions[key], headcount=headcount)
    return project


def plan(
    organization: Organization, *, status: str = "approved", quota: int = 2, **extra: Any
) -> RecruitmentPlan:
    """A plan written directly (not through the action), for tests of later steps."""
    item = RecruitmentPlan.objects.create(
        organization=organization,
        title=extra.pop("title", f"Tuyển dụng công chức {organization.code}"),
        staff_kind="civil_servant",
        method=extra.pop("method", "exam"),
        status=status,
        applications_open=dt.date(2026, 1, 1),
        applications_close=dt.date(2026, 12, 31),
        exam_date=dt.date(2027, 1, 10),
        approval_number="10/QĐ" if status != "draft" else "",
        **extra,
    )
    PlanPosition.objects.create(
        plan=item, code="TD01", name="Quản lý ngân sách", quota=quota, round1=False, rank_code="01.003"
    )
    return item


def candidate(
    item: RecruitmentPlan, name: str, cccd: str, *, score: float | None = None, **extra: Any
) -> Candidate:
    row = Candidate.objects.create(
        plan=item,
        position=item.positions.get(code="TD01"),
        full_name=name,
        birth_date=dt.date(1998, 3, 4),
        gender="M",
        cccd_number=cccd,
        qualification="university",
        documents=["application_form"],
        status=extra.pop("status", "eligible"),
        **extra,
    )
    if score is not None:
        Score.objects.create(
            candidate=row, part="professional", first_entry=score, second_entry=score, value=score
        )
    return row


APPLICANT = {
    "full_name": "Phạm Thị Hoa",
    "birth_date": dt.date(1999, 5, 1),
    "gender": "F",
    "cccd_number": "001199000111",
    "email": "hoa@example.com",
    "qualification": "university",
    "documents": ["application_form", "degree"],
    "priority_grounds": [],
    "exemptions": [],
}
