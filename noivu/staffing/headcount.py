"""Headcount against quota (biên chế được giao và số người hiện có), as of any date.

A quota of an organisation covers its whole subtree: the persons whose primary assignment in force on the
day is in that unit or below it, in the personnel categories that fill the quota's kind. The figures come
from one grouped query over the assignments in force (per unit and category), rolled up to every unit
holding a quota by the prefixes of its tree path, so a province or the whole country costs one aggregate.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, QuerySet

from noivu.core.permissions import TREE_STEP
from noivu.personnel.models import Assignment
from noivu.staffing.models import QUOTA_FILLED_BY, QUOTA_OF_CATEGORY, QuotaCategory, StaffingQuota, Workflow


@dataclass
class HeadcountRow:
    """One quota in force and the persons filling it (biên chế được giao / có mặt / còn thiếu / vượt)."""

    quota_id: int
    organization_id: int
    code: str
    name: str
    path: str
    category: str
    quota: int
    assigned: int = 0
    has_children: bool = False

    @property
    def depth(self) -> int:
        return len(self.path) // TREE_STEP

    @property
    def vacant(self) -> int:
        return max(0, self.quota - self.assigned)

    @property
    def over(self) -> int:
        return max(0, self.assigned - self.quota)

    @property
    def use_percent(self) -> int:
        return round(100 * self.assigned / self.quota) if self.quota else 0

    @property
    def category_label(self) -> str:
        return str(QuotaCategory(self.category).label)

    def as_dict(self) -> dict[str, Any]:
        return {
            "organization": self.code,
            "organization_name": self.name,
            "category": self.category,
            "quota": self.quota,
            "assigned": self.assigned,
            "vacant": self.vacant,
            "over": self.over,
        }


def approved_quotas(quotas: QuerySet[StaffingQuota], as_of: dt.date) -> QuerySet[StaffingQuota]:
    """The approved quotas in force on ``as_of``."""
    return quotas.as_of(as_of).filter(status=Workflow.APPROVED)  # type: ignore[attr-defined]


def assigned_counts(assignments: QuerySet[Assignment], as_of: dt.date) -> dict[tuple[str, str], int]:
    """Persons by (unit path, quota kind) on ``as_of``: one grouped query over the primary assignments."""
    rows = (
        assignments.as_of(as_of)  # type: ignore[attr-defined]
        .filter(is_primary=True)
        .values_list("organization__path", "category")
        .annotate(count=Count("pk"))
        .order_by()
    )
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for path, category, count in rows:
        kind = QUOTA_OF_CATEGORY.get(category)
        if kind is not None:
            counts[path, kind] += count
    return counts


def headcount(
    quotas: QuerySet[StaffingQuota],
    assignments: QuerySet[Assignment],
    as_of: dt.date,
    *,
    under: str | None = None,
    category: str | None = None,
) -> list[HeadcountRow]:
    """Every approved quota in force on ``as_of`` among ``quotas`` (already restricted to the user), with
    the persons of its subtree among ``assignments`` (restricted too), in tree order."""
    quotas = approved_quotas(quotas, as_of)
    if under:
        quotas = quotas.filter(organization__path__startswith=under)
        assignments = assignments.filter(organization__path__startswith=under)
    if category:
        quotas = quotas.filter(category=category)
        assignments = assignments.filter(category__in=QUOTA_FILLED_BY.get(category, ()))
    rows = [
        HeadcountRow(quota_id, org_id, code, name, path, kind, quantity)
        for quota_id, org_id, code, name, path, kind, quantity in quotas.values_list(
            "pk",
            "organization_id",
            "organization__code",
            "organization__name",
            "organization__path",
            "category",
            "quantity",
        ).order_by()
    ]
    rows.sort(key=lambda row: (row.path, row.category))
    if not rows:
        return []
    holders: dict[tuple[str, str], list[HeadcountRow]] = defaultdict(list)
    for row in rows:
        holders[row.path, row.category].append(row)
    lengths = sorted({len(row.path) for row in rows})
    for (path, kind), count in assigned_counts(assignments, as_of).items():
        for length in lengths:
            if length > len(path):
                break
            for row in holders.get((path[:length], kind), ()):
                row.assigned += count
    return rows


def totals(rows: list[HeadcountRow]) -> dict[str, dict[str, int]]:
    """Per quota kind, the figures of the top quotas (those with no quota of the same kind above them among
    ``rows``), so that a subtree is not counted twice."""
    result: dict[str, dict[str, int]] = {}
    tops: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        if any(row.path.startswith(top) for top in tops[row.category]):
            continue
        tops[row.category].append(row.path)
        figures = result.setdefault(row.category, {"quota": 0, "assigned": 0, "vacant": 0, "over": 0})
        figures["quota"] += row.quota
        figures["assigned"] += row.assigned
        figures["vacant"] += row.vacant
        figures["over"] += row.over
    return result


def focus(rows: list[HeadcountRow], under: str | None = None) -> list[HeadcountRow]:
    """The rows a page shows of a subtree: the quotas of the unit ``under`` (tree path) and of the nearest
    quota holders below it; without ``under``, the top holders of the rows and the nearest ones below them.
    Each row knows whether holders lie below it (``has_children``), for the next step of the drill-down."""
    paths = {row.path for row in rows}

    def nearest_above(path: str) -> str | None:
        return next(
            (path[:n] for n in range(len(path) - TREE_STEP, 0, -TREE_STEP) if path[:n] in paths), None
        )

    parents = {row.path: nearest_above(row.path) for row in rows}
    with_children = {parent for parent in parents.values() if parent is not None}
    if under:
        heads = {under} if under in paths else {p for p in paths if parents[p] is None}
    else:
        heads = {p for p in paths if parents[p] is None}
    shown = [row for row in rows if row.path in heads or parents[row.path] in heads]
    for row in shown:
        row.has_children = row.path in with_children
    return shown
