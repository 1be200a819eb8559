"""The vacancies a plan may fill: the positions app's gap analysis (vị trí việc làm được duyệt trừ người
hiện có) of the agency on a day, with each position's minimum qualification and rank."""

import datetime as dt
from dataclasses import dataclass

import polars as pl

from noivu.organizations.models import Organization
from noivu.personnel import codelists
from noivu.positions.gaps import gap_analysis
from noivu.positions.models import PositionProject, ProjectPosition


@dataclass(frozen=True)
class Vacancy:
    code: str
    name: str
    staff_kind: str
    headcount: int
    present: int
    vacant: int
    min_qualification: str
    min_rank_code: str = ""


def vacancies(organization: Organization, day: dt.date) -> list[Vacancy]:
    """The positions of the agency's approved projects in force on ``day`` with people missing. Unscoped:
    the caller has checked the user's right over the agency."""
    report = gap_analysis(PositionProject.objects.unrestricted().filter(organization=organization), day)
    open_rows = report.positions.filter(pl.col("vacant") > 0)
    if open_rows.is_empty():
        return []
    details = {
        pk: (kind, qualification, rank)
        for pk, kind, qualification, rank in ProjectPosition.objects.unrestricted()
        .filter(pk__in=open_rows["position_id"].to_list())
        .values_list("pk", "project__staff_kind", "catalog__min_qualification", "catalog__min_rank_code")
    }
    return [
        Vacancy(
            code=row["code"],
            name=row["name"],
            staff_kind=details[row["position_id"]][0],
            headcount=row["headcount"],
            present=row["present"],
            vacant=row["vacant"],
            min_qualification=details[row["position_id"]][1] or "university",
            min_rank_code=details[row["position_id"]][2] or "",
        )
        for row in open_rows.iter_rows(named=True)
    ]


def qualification_order() -> dict[str, int]:
    """Professional education levels, a larger number for a higher level."""
    levels = [item.code for item in codelists.education_levels("professional").items]
    return {code: len(levels) - index for index, code in enumerate(levels)}


def qualification_name(code: str) -> str:
    return dict(codelists.education_levels("professional").choices).get(code, code)
