"""The frames the validation and the gap analysis read, loaded in bulk from the database for a set of
projects (one agency's, or every project of a province) as of a day: a fixed number of queries whatever
the number of projects, the matching of persons to the agencies above them done by tree-path prefixes."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

import polars as pl
from django.db.models import QuerySet

from noivu.core.permissions import TREE_STEP
from noivu.organizations.models import Organization
from noivu.personnel.dossier.models import Education, RankHistory
from noivu.personnel.models import Assignment
from noivu.positions.models import (
    CatalogPosition,
    PositionHolder,
    PositionProject,
    ProjectPosition,
    StaffKind,
)
from noivu.positions.validation import (
    HOLDER_SCHEMA,
    PEOPLE_SCHEMA,
    POSITION_SCHEMA,
    PROJECT_SCHEMA,
    REQUIRED_SCHEMA,
    Finding,
    Rules,
    explain,
    frame,
    validate,
)

# Personnel categories (noivu.personnel.models.Category) whose persons a project of each kind places.
CATEGORIES_OF_KIND: dict[str, tuple[str, ...]] = {
    StaffKind.CIVIL_SERVANT: ("civil_servant", "commune_servant"),
    StaffKind.PUBLIC_EMPLOYEE: ("public_employee",),
}
# Staffing quota kinds (noivu.staffing.models.QuotaCategory) that bound a project of each kind.
QUOTAS_OF_KIND: dict[str, tuple[str, ...]] = {
    StaffKind.CIVIL_SERVANT: ("civil_servant", "commune"),
    StaffKind.PUBLIC_EMPLOYEE: ("public_employee",),
}


@dataclass
class Frames:
    """The inputs of :func:`noivu.positions.validation.validate` for a set of projects."""

    projects: pl.DataFrame
    positions: pl.DataFrame
    people: pl.DataFrame
    holders: pl.DataFrame
    required: pl.DataFrame
    names: dict[int, str]


def _common_prefix(paths: list[str]) -> str:
    first, last = min(paths), max(paths)
    size = 0
    while size < len(first) and size < len(last) and first[size] == last[size]:
        size += 1
    return first[: size - size % TREE_STEP]


def prefixes(df: pl.DataFrame, column: str = "path") -> pl.DataFrame:
    """``df`` with one row per ancestor-or-self path of ``column`` in ``prefix``."""
    longest: Any = df[column].str.len_chars().max() if not df.is_empty() else 0
    longest = int(longest or 0)
    steps = list(range(TREE_STEP, longest + 1, TREE_STEP))
    return (
        df.with_columns(pl.lit(steps, dtype=pl.List(pl.Int64)).alias("_steps"))
        .explode("_steps")
        .filter(pl.col("_steps") <= pl.col(column).str.len_chars())
        .with_columns(prefix=pl.col(column).str.slice(0, pl.col("_steps")))
        .drop("_steps")
    )


def approved_quota_by_organization(
    organization_ids: list[int], staff_kind_of: dict[int, str], day: dt.date
) -> dict[int, int]:
    """The approved staffing quota in force on ``day`` of each organisation, in the kinds bounding its
    project (read from staffing's quotas, which it owns)."""
    from noivu.staffing.headcount import approved_quotas
    from noivu.staffing.models import StaffingQuota

    rows = approved_quotas(StaffingQuota.objects.unrestricted(), day).filter(
        organization_id__in=organization_ids
    )
    totals: dict[int, int] = {}
    for organization_id, category, quantity in rows.values_list("organization_id", "category", "quantity"):
        if category in QUOTAS_OF_KIND.get(staff_kind_of.get(organization_id, ""), ()):
            totals[organization_id] = totals.get(organization_id, 0) + quantity
    return totals


def load(projects: QuerySet[PositionProject], day: dt.date) -> Frames:
    """The frames of ``projects`` (already chosen and restricted by the caller) as of ``day``."""
    heads = list(
        projects.values_list(
            "pk", "organization_id", "organization__path", "organization__level", "staff_kind"
        )
    )
    if not heads:
        return Frames(
            frame(None, PROJECT_SCHEMA),
            frame(None, POSITION_SCHEMA),
            frame(None, PEOPLE_SCHEMA),
            frame(None, HOLDER_SCHEMA),
            required_frame(),
            {},
        )
    paths = [row[2] for row in heads]
    root = _common_prefix(paths)
    kind_of_org = {row[1]: row[4] for row in heads}
    quotas = approved_quota_by_organization(list(kind_of_org), kind_of_org, day)

    units = pl.DataFrame(
        {
            "path": list(
                Organization.objects.unrestricted()
                .as_of(day)
                .filter(path__startswith=root)
                .values_list("path", flat=True)
            )
        },
        schema={"path": pl.String},
    )
    parents = units.with_columns(
        parent=pl.col("path").str.slice(0, pl.col("path").str.len_chars() - TREE_STEP)
    )
    divisions = parents.group_by("parent").agg(pl.len().cast(pl.Int64).alias("divisions"))
    project_frame = (
        pl.DataFrame(
            [(pk, path, level, kind, quotas.get(org)) for pk, org, path, level, kind in heads],
            schema={
                "project_id": pl.Int64,
                "path": pl.String,
                "level": pl.String,
                "staff_kind": pl.String,
                "quota": pl.Int64,
            },
            orient="row",
        )
        .join(divisions, left_on="path", right_on="parent", how="left")
        .with_columns(pl.col("divisions").fill_null(0))
    )

    positions = frame(
        list(
            ProjectPosition.objects.unrestricted()
            .filter(project__in=projects.values("pk"))
            .values_list(
                "project_id",
                "pk",
                "catalog__code",
                "catalog__name",
                "catalog__group",
                "catalog__leadership_role",
                "headcount",
                "rank_code",
                "catalog__min_rank_code",
                "catalog__min_qualification",
                "catalog__staff_kind",
                "catalog__level",
                "catalog__active",
            )
        ),
        POSITION_SCHEMA,
    )
    holders = frame(
        list(
            PositionHolder.objects.unrestricted()
            .filter(project__in=projects.values("pk"))
            .values_list("project_id", "person_id", "position_id", "is_main")
        ),
        HOLDER_SCHEMA,
    )

    categories = sorted({c for kind in kind_of_org.values() for c in CATEGORIES_OF_KIND.get(kind, ())})
    in_post = (
        Assignment.objects.unrestricted()
        .as_of(day)
        .filter(is_primary=True, organization__path__startswith=root, category__in=categories)
    )
    present = pl.DataFrame(
        list(in_post.values_list("person_id", "person__full_name", "organization__path", "category")),
        schema={"person_id": pl.Int64, "full_name": pl.String, "path": pl.String, "category": pl.String},
        orient="row",
    )
    kinds = pl.DataFrame(
        [(kind, category) for kind, cats in CATEGORIES_OF_KIND.items() for category in cats],
        schema={"staff_kind": pl.String, "category": pl.String},
        orient="row",
    )
    people = (
        prefixes(present)
        .join(kinds, on="category")
        .join(
            project_frame.select("project_id", pl.col("path").alias("prefix"), "staff_kind"),
            on=["prefix", "staff_kind"],
        )
        .select("project_id", "person_id", "full_name")
        .unique(["project_id", "person_id"])
    )
    # The persons in post, as a subquery: a list of tens of thousands of ids costs more to send than to join.
    person_ids = in_post.values("person_id")
    ranks = person_ranks(person_ids, day)
    qualifications = person_qualifications(person_ids, Rules.load(day).qualification_order)
    people = (
        people.join(ranks, on="person_id", how="left")
        .join(qualifications, on="person_id", how="left")
        .select(list(PEOPLE_SCHEMA))
    )
    names = dict(zip(people["person_id"].to_list(), people["full_name"].to_list(), strict=True))
    return Frames(
        project_frame.select(list(PROJECT_SCHEMA)), positions, people, holders, required_frame(), names
    )


def person_ranks(person_ids: Any, day: dt.date) -> pl.DataFrame:
    """The rank (mã ngạch) each person of ``person_ids`` (a list or a subquery) holds on ``day``."""
    rows = list(
        RankHistory.objects.unrestricted()
        .as_of(day)
        .filter(person_id__in=person_ids)
        .values_list("person_id", "rank_code")
    )
    return pl.DataFrame(rows, schema={"person_id": pl.Int64, "rank_code": pl.String}, orient="row").unique(
        "person_id"
    )


def person_qualifications(person_ids: Any, order: dict[str, int]) -> pl.DataFrame:
    """The highest professional qualification (trình độ chuyên môn) of each person of ``person_ids``."""
    rows = list(
        Education.objects.unrestricted()
        .filter(person_id__in=person_ids, kind="professional")
        .values_list("person_id", "level")
    )
    levels = pl.DataFrame(rows, schema={"person_id": pl.Int64, "qualification": pl.String}, orient="row")
    return (
        levels.with_columns(
            rank=pl.col("qualification").replace_strict(order, default=0, return_dtype=pl.Int64)
        )
        .sort("rank", descending=True)
        .unique("person_id", keep="first")
        .drop("rank")
    )


def required_frame() -> pl.DataFrame:
    return frame(
        list(
            CatalogPosition.objects.unrestricted()
            .filter(required=True, active=True)
            .values_list("code", "name", "staff_kind", "level")
        ),
        REQUIRED_SCHEMA,
    )


def validate_projects(
    projects: QuerySet[PositionProject], day: dt.date
) -> tuple[pl.DataFrame, Rules, Frames]:
    """Every finding of ``projects`` as of ``day`` in one batch (a frame), with the rules and inputs used."""
    rules = Rules.load(day)
    inputs = load(projects, day)
    findings = validate(
        inputs.projects, inputs.positions, inputs.people, inputs.holders, inputs.required, rules
    )
    return findings, rules, inputs


def project_findings(project: PositionProject, day: dt.date) -> list[Finding]:
    """The findings of one project as of ``day``, as messages with their citations."""
    findings, rules, inputs = validate_projects(
        PositionProject.objects.unrestricted().filter(pk=project.pk), day
    )
    return explain(findings, rules, inputs.names)
