"""What personnel shows on other apps' pages: the dashboard card of persons by category and gender, the
headcount panel of a unit and the person count of each subtree in the organisation tree.

Every figure counts persons by their primary assignment (công tác chính) in force on the day asked, in
the category of that assignment, and within the user's scope through the path of the assignment's unit
— not by the ``Person.organization`` mirror, which only knows today.
"""

import datetime as dt
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Substr
from django.utils.translation import gettext_lazy as _

from noivu.core.extensions import (
    DashboardCard,
    OrganizationPanel,
    SubtreeCount,
    User,
    dashboard_cards,
    organization_panels,
    subtree_counts,
)
from noivu.core.models import EffectiveDatedQuerySet
from noivu.organizations.models import Organization
from noivu.personnel.models import Assignment, Category, Gender


def assignments_in_force(user: User, as_of: dt.date) -> EffectiveDatedQuerySet:
    """Primary assignments in force on ``as_of`` (one per person) in units the user may see."""
    return Assignment.objects.restrict(user).as_of(as_of).filter(is_primary=True)


def _by_category_and_gender(assignments: QuerySet[Assignment]) -> dict[str, Any]:
    counts = assignments.aggregate(
        total=Count("pk"),
        **{
            f"{category}__{gender}": Count("pk", filter=Q(category=category, person__gender=gender))
            for category in Category.values
            for gender in Gender.values
        },
    )
    rows = [
        {
            "label": category.label,
            "by_gender": [counts[f"{category}__{gender}"] for gender in Gender.values],
            "total": sum(counts[f"{category}__{gender}"] for gender in Gender.values),
        }
        for category in Category
    ]
    return {"total": counts["total"], "genders": [gender.label for gender in Gender], "rows": rows}


def persons_card(user: User, as_of: dt.date) -> dict[str, Any]:
    """Persons (hồ sơ) of the user's scope on ``as_of`` by category and gender, with the chart's data."""
    figures = _by_category_and_gender(assignments_in_force(user, as_of))
    figures["chart"] = {
        "labels": [str(row["label"]) for row in figures["rows"]],
        "datasets": [
            {"label": str(gender.label), "values": [row["by_gender"][index] for row in figures["rows"]]}
            for index, gender in enumerate(Gender)
        ],
    }
    return figures


def headcount_panel(user: User, organization: Organization, as_of: dt.date) -> dict[str, Any]:
    """Persons of the unit's subtree on ``as_of`` by category and gender (biên chế hiện có)."""
    in_subtree = assignments_in_force(user, as_of).within(organization.path)
    return {"organization": organization, **_by_category_and_gender(in_subtree)}


def persons_per_subtree(user: User, prefix_length: int, paths: list[str], as_of: dt.date) -> dict[str, int]:
    """Persons on ``as_of`` under each of ``paths`` (all of one tree depth), in one grouped query: a person
    belongs to the subtree whose path is the prefix of their unit's path of that length."""
    rows = (
        assignments_in_force(user, as_of)
        .annotate(prefix=Substr("organization__path", 1, prefix_length))
        .filter(prefix__in=paths)
        .values("prefix")
        .annotate(count=Count("pk"))
        .order_by()
    )
    return {row["prefix"]: row["count"] for row in rows}


dashboard_cards.register(
    DashboardCard(
        key="persons",
        title=_("Hồ sơ cán bộ, công chức, viên chức"),
        order=20,
        context=persons_card,
        template="personnel/cards/persons.html",
        scripts=("vendor/chartjs/chart.umd.min.js", "noivu/dashboard.js"),
    )
)
organization_panels.register(
    OrganizationPanel(
        key="headcount",
        title=_("Hồ sơ theo đối tượng"),
        order=20,
        context=headcount_panel,
        template="personnel/panels/headcount.html",
    )
)
subtree_counts.register(SubtreeCount(key="persons", label=_("Số hồ sơ"), order=20, count=persons_per_subtree))
