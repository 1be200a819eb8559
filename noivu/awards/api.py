"""REST endpoints of emulation and commendation (thi đua, khen thưởng), limited to the user's scope: the
screening of a unit for a year with the same engine as the pages (the reward money is the calculator
``award-amount`` of the calculators' endpoint), and the initiatives recognised."""

import datetime as dt
from typing import Any

import polars as pl
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from noivu.accounts.http import AuthenticatedRequest
from noivu.awards import actions, engine
from noivu.awards.models import Initiative, InitiativeLevel
from noivu.core.api import CREATE_ERRORS, DETAIL_ERRORS, QUERY_ERRORS, IsoDate, Pagination
from noivu.core.dates import today
from noivu.evaluation.models import UnitEvaluation
from noivu.organizations.models import Organization
from noivu.personnel.models import Person

router = Router(tags=["awards"])


class ScreeningOut(Schema):
    recipient: str
    id: int
    title: str
    eligible: bool
    failed: str | None
    failed_message: str | None
    citation: str
    confidence: str


def _decided(decided_on: dt.date | None) -> dt.date:
    day = decided_on or today()
    if day < engine.FIRST_DECISION:
        raise ValidationError(
            {"decided_on": _("Luật Thi đua, khen thưởng 06/2022/QH15 áp dụng từ 01/01/2024.")}
        )
    return day


def _out(screening: engine.Screening, key: str, recipient: str) -> list[dict]:
    return [
        {
            "recipient": recipient,
            "id": row[key],
            "title": row["title"],
            "eligible": row["eligible"],
            "failed": row["failed"],
            "failed_message": screening.messages[row["failed"]].message if row["failed"] else None,
            "citation": screening.rules[row["title"]].legal_basis.citation,
            "confidence": screening.rules[row["title"]].legal_basis.confidence,
        }
        for row in screening.results.sort(key, "title").iter_rows(named=True)
    ]


@router.get(
    "/eligibility/{code}",
    response={200: list[ScreeningOut], **DETAIL_ERRORS},
    summary="Xét điều kiện thi đua, khen thưởng của đơn vị",
)
def get_unit_award_eligibility(
    request: AuthenticatedRequest,
    code: str,
    year: int | None = Query(None, ge=2024, le=2100),
    decided_on: IsoDate | None = None,
    only_eligible: bool = False,
) -> list[dict]:
    """Every person of the unit and the units below it, and every unit rated, for each title and form of
    ``year`` (default last year): eligible or the condition that failed, with the citation and its
    confidence, under the regime in force on ``decided_on`` (default today)."""
    day = _decided(decided_on)
    year = year or max(today().year - 1, engine.FIRST_DECISION.year)
    unit = Organization.objects.restrict(request.user).get_or_404(code=code)
    persons = Person.objects.restrict(request.user).filter(organization__path__startswith=unit.path)
    units = UnitEvaluation.objects.restrict(request.user).filter(organization__path__startswith=unit.path)
    individual, collective = engine.scope_screening(persons, units, year, day)
    if only_eligible:
        individual = _only(individual)
        collective = _only(collective)
    return _out(individual, "person_id", engine.INDIVIDUAL) + _out(
        collective, "organization_id", engine.COLLECTIVE
    )


def _only(screening: engine.Screening) -> engine.Screening:
    return engine.Screening(
        screening.results.filter(pl.col("eligible")),
        screening.conditions,
        screening.rules,
        screening.messages,
    )


class InitiativeIn(Schema):
    person_id: int = Field(strict=True)
    title: str = Field(min_length=1, max_length=300)
    level: InitiativeLevel
    recognised_on: IsoDate
    decision_number: str = Field("", max_length=64)
    authority: str = Field("", max_length=255)


class InitiativeOut(Schema):
    id: int
    person_id: int
    title: str
    level: str
    recognised_on: dt.date
    decision_number: str
    authority: str


@router.get("/initiatives", response={200: list[InitiativeOut], **QUERY_ERRORS}, summary="Sáng kiến")
@paginate(Pagination)
def list_initiatives(
    request: AuthenticatedRequest,
    person_id: int | None = None,
    year: int | None = Query(None, ge=1900, le=2100),
) -> Any:
    """The initiatives recognised in the user's scope, newest first."""
    rows = Initiative.objects.restrict(request.user).order_by("-recognised_on", "pk")
    if person_id is not None:
        rows = rows.filter(person_id=person_id)
    if year is not None:
        rows = rows.filter(recognised_on__year=year)
    return rows


@router.post(
    "/initiatives",
    response={201: InitiativeOut, **CREATE_ERRORS, 404: DETAIL_ERRORS[404]},
    summary="Ghi sáng kiến được công nhận",
)
def record_initiative(request: AuthenticatedRequest, payload: InitiativeIn) -> Status:
    data = payload.dict()
    person = Person.objects.restrict(request.user).get_or_404(pk=data.pop("person_id"))
    return Status(201, actions.do_record_initiative(person=person, acting_user=request.user, **data))
