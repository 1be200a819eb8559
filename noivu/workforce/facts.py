"""What the workforce forecast reads from the apps that own the facts, within a user's scope, as of a day.

The forecast owns no fact. It reads, each through ``restrict(user)``:

- personnel: the persons whose primary assignment is in force on the day (unit, category), their birth
  date and gender, the rank held on the day (``RankHistory``);
- positions: the main position each person holds under an approved job-position project in force;
- staffing: the approved quotas (biên chế được giao), the streamlining targets, and the streamlining cases
  approved by the day (decision dated on or before it). Core's ``person_facts("staffing.
  streamlining_leave")`` also gives the cases still under review and carries no decision date, so the
  forecast, recomputable as of an earlier day, reads the cases with their decision;
- recruitment: the plans open on the day (approved by then, no recruitment decision yet) and the intake
  of their positions (chỉ tiêu).
"""

import datetime as dt
from typing import Any

import polars as pl
from django.db.models import Q, QuerySet, Sum

from noivu.core.frames import queryset_frame
from noivu.organizations.models import Organization
from noivu.personnel.dossier.models import RankHistory
from noivu.personnel.models import Assignment
from noivu.positions.gaps import in_force
from noivu.positions.models import PositionHolder, PositionProject
from noivu.recruitment.models import PlanPosition, PlanStatus
from noivu.staffing.models import (
    StaffingQuota,
    StreamliningCase,
    StreamliningPolicy,
    StreamliningTarget,
    Workflow,
)
from noivu.workforce.forecast import (
    INTAKE_SCHEMA,
    LEAVE_SCHEMA,
    PERSON_SCHEMA,
    POSITION_SCHEMA,
    RANK_SCHEMA,
    Facts,
    Quota,
    Target,
    Unit,
)

OPEN_PLAN = (PlanStatus.APPROVED, PlanStatus.RECOGNISED, PlanStatus.DECIDED)


def _within(rows: QuerySet, lookup: str, path: str | None) -> QuerySet:
    return rows.filter(**{f"{lookup}__startswith": path}) if path else rows


def read_facts(user: Any, as_of: dt.date, path: str | None = None) -> Facts:
    """The facts of the forecast as of ``as_of`` that ``user`` may see, in the subtree at ``path`` (all of
    the user's scope when None)."""
    assignments = _within(
        Assignment.objects.restrict(user).as_of(as_of).filter(is_primary=True), "organization__path", path
    )
    persons = queryset_frame(
        assignments.values_list(
            "person_id", "organization__path", "category", "person__birth_date", "person__gender"
        ),
        PERSON_SCHEMA,
    ).unique("person_id")
    # Ranks and positions are read for the persons of the subtree by their current unit, not through the
    # assignments of the day (a second pass over millions of them); the frames join on the person.
    ranks = queryset_frame(
        _within(
            RankHistory.objects.restrict(user).as_of(as_of), "person__organization__path", path
        ).values_list("person_id", "rank_code", "rank_name"),
        RANK_SCHEMA,
    )
    positions = queryset_frame(
        _within(PositionHolder.objects.restrict(user), "project__organization__path", path)
        .filter(is_main=True)
        .filter(project__in=in_force(PositionProject.objects.restrict(user), as_of))
        .values_list("person_id", "position__catalog__code", "position__catalog__name"),
        POSITION_SCHEMA,
    )
    return Facts(
        as_of=as_of,
        persons=persons,
        ranks=ranks,
        positions=positions,
        leaves=_leaves(user, as_of, path),
        intakes=_intakes(user, as_of, path),
        quotas=_quotas(user, as_of, path),
        targets=_targets(user, path),
        units=_units(user, as_of, path),
    )


def _leaves(user: Any, as_of: dt.date, path: str | None) -> pl.DataFrame:
    rows = (
        _within(StreamliningCase.objects.restrict(user), "organization__path", path)
        .filter(status__in=(Workflow.APPROVED, Workflow.DONE), decision_date__lte=as_of)
        .values_list("person_id", "leave_date", "decision_number", "decision_date", "policy")
    )
    found = [
        (
            person_id,
            leave,
            f"QĐ {number} ngày {decided:%d/%m/%Y}, {str(StreamliningPolicy(policy).label).lower()}, "
            f"nghỉ từ {leave:%d/%m/%Y}",
        )
        for person_id, leave, number, decided, policy in rows
    ]
    return pl.DataFrame(found, schema=LEAVE_SCHEMA, orient="row")


def _intakes(user: Any, as_of: dt.date, path: str | None) -> pl.DataFrame:
    rows = (
        _within(PlanPosition.objects.restrict(user), "plan__organization__path", path)
        .filter(plan__status__in=OPEN_PLAN, plan__approval_date__lte=as_of)
        .exclude(plan__decision_date__lte=as_of)
        .values(
            "plan__organization__path",
            "plan__staff_kind",
            "plan__start_date",
            "plan__exam_date",
            "plan__title",
            "plan__approval_number",
            "plan__approval_date",
        )
        .annotate(intake=Sum("quota"))
        .order_by()
    )
    found = [
        (
            row["plan__organization__path"],
            row["plan__staff_kind"],
            row["plan__start_date"] or row["plan__exam_date"],
            row["intake"],
            f"{row['plan__title']} (QĐ {row['plan__approval_number']} "
            f"ngày {row['plan__approval_date']:%d/%m/%Y})",
        )
        for row in rows
    ]
    return pl.DataFrame(found, schema=INTAKE_SCHEMA, orient="row")


def _quotas(user: Any, as_of: dt.date, path: str | None) -> list[Quota]:
    rows = (
        _within(StaffingQuota.objects.restrict(user), "organization__path", path)
        .filter(status=Workflow.APPROVED, decision_date__lte=as_of)
        .values_list(
            "organization__path",
            "category",
            "quantity",
            "effective_from",
            "effective_to",
            "decision_number",
            "decision_date",
            "year",
        )
    )
    return [
        Quota(
            unit,
            kind,
            quantity,
            start,
            end,
            f"Biên chế năm {year}: QĐ {number} ngày {decided:%d/%m/%Y}",
        )
        for unit, kind, quantity, start, end, number, decided, year in rows
    ]


def _targets(user: Any, path: str | None) -> list[Target]:
    rows = _within(StreamliningTarget.objects.restrict(user), "organization__path", path).select_related(
        "legal_basis", "organization"
    )
    return [
        Target(
            target.organization.path,
            target.category,
            target.effective_from,
            target.effective_to,
            target.baseline - target.required,
            f"{target} ({target.legal_basis})" if target.legal_basis else str(target),
        )
        for target in rows
    ]


def _units(user: Any, as_of: dt.date, path: str | None) -> dict[str, Unit]:
    """The units that may hold a row: those holding an approved quota, and the unit of the scope."""
    holders = (
        StaffingQuota.objects.restrict(user)
        .filter(status=Workflow.APPROVED, decision_date__lte=as_of)
        .values("organization_id")
    )
    condition = Q(pk__in=holders) | (Q(path=path) if path else Q(pk__in=[]))
    units = _within(Organization.objects.restrict(user), "path", path).filter(condition)
    return {
        unit_path: Unit(pk, code, name, unit_path)
        for pk, code, name, unit_path in units.values_list("pk", "code", "name", "path")
    }
