"""Validation of job-position projects (kiểm tra đề án vị trí việc làm), columnar: one call checks one
project or every project of a province, as Polars frames, and returns the findings, each with its check,
severity and the legal text it rests on under the regime in force on the day asked.

Frames (one row per …):

- ``projects``: project — ``project_id``, ``level`` (central / province / commune), ``staff_kind``,
  ``quota`` (approved staffing quota in force, null when none), ``divisions`` (units directly below);
- ``positions``: position of a project — ``project_id``, ``position_id``, ``code``, ``name``, ``group``,
  ``leadership_role``, ``headcount``, ``rank_code`` (the rank planned), ``min_rank_code``,
  ``min_qualification``, ``catalog_kind``, ``catalog_level``, ``catalog_active``;
- ``people``: person present in the agency on the day — ``project_id``, ``person_id``, ``full_name``,
  ``rank_code``, ``qualification`` (highest professional level);
- ``holders``: person mapped to a position — ``project_id``, ``person_id``, ``position_id``, ``is_main``;
- ``required``: catalogue position every project of a kind and level must hold — ``code``, ``name``,
  ``staff_kind``, ``level`` ("" for every level).
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import polars as pl
from django.utils.translation import gettext as _

from noivu.core.rules import RuleValue, rule_table
from noivu.personnel import codelists

CHECKS_TABLE = "position_checks"
CAPS_TABLE = "rank_structure_caps"

# Order of the salary groups of Nghị định 204/2004 (loại A3 highest … C lowest): a rank meets a minimum
# when its group is at least as high.
GROUP_GRADE = {"A3": 6, "A2": 5, "A1": 4, "A0": 3, "B": 2, "C": 1}

PROJECT_SCHEMA = {
    "project_id": pl.Int64,
    "level": pl.String,
    "staff_kind": pl.String,
    "quota": pl.Int64,
    "divisions": pl.Int64,
}
POSITION_SCHEMA = {
    "project_id": pl.Int64,
    "position_id": pl.Int64,
    "code": pl.String,
    "name": pl.String,
    "group": pl.String,
    "leadership_role": pl.String,
    "headcount": pl.Int64,
    "rank_code": pl.String,
    "min_rank_code": pl.String,
    "min_qualification": pl.String,
    "catalog_kind": pl.String,
    "catalog_level": pl.String,
    "catalog_active": pl.Boolean,
}
PEOPLE_SCHEMA = {
    "project_id": pl.Int64,
    "person_id": pl.Int64,
    "full_name": pl.String,
    "rank_code": pl.String,
    "qualification": pl.String,
}
HOLDER_SCHEMA = {
    "project_id": pl.Int64,
    "person_id": pl.Int64,
    "position_id": pl.Int64,
    "is_main": pl.Boolean,
}
REQUIRED_SCHEMA = {"code": pl.String, "name": pl.String, "staff_kind": pl.String, "level": pl.String}
FINDING_SCHEMA = {
    "project_id": pl.Int64,
    "check": pl.String,
    "position_code": pl.String,
    "person_id": pl.Int64,
    "actual": pl.Int64,
    "limit": pl.Int64,
    "detail": pl.String,
}


def frame(rows: Sequence[Any] | None, schema: dict[str, Any]) -> pl.DataFrame:
    """A frame of ``rows`` with exactly the columns of ``schema``."""
    if not rows:
        return pl.DataFrame(schema=schema)
    return pl.DataFrame(rows, schema=schema, orient="row" if isinstance(rows[0], tuple | list) else None)


@dataclass(frozen=True)
class Rules:
    """The rules in force on ``day``: each check's severity and legal basis per kind of staff, the
    rank-structure caps per level, the grade of each civil-servant rank and the order of qualifications."""

    day: dt.date
    checks: dict[str, RuleValue]
    caps: dict[str, RuleValue]
    rank_grades: dict[str, int]
    qualification_order: dict[str, int] = field(default_factory=dict)
    rank_groups: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls, day: dt.date) -> "Rules":
        grades = {}
        groups = {}
        for code, value in rule_table(codelists.RANK_TABLE).in_force(day).items():
            group = str(value.value.get("salary_group") or "")
            if group:
                groups[code] = group
            grade = GROUP_GRADE.get(group.split(".")[0])
            if grade is not None:
                grades[code] = grade
        levels = [item.code for item in codelists.education_levels("professional").items]
        return cls(
            day=day,
            checks=rule_table(CHECKS_TABLE).in_force(day),
            caps=rule_table(CAPS_TABLE).in_force(day),
            rank_grades=grades,
            # Highest first in the code list: a larger number is a higher qualification.
            qualification_order={code: len(levels) - index for index, code in enumerate(levels)},
            rank_groups=groups,
        )

    def check(self, staff_kind: str, name: str) -> RuleValue | None:
        return self.checks.get(f"{staff_kind}.{name}")


def _empty() -> pl.DataFrame:
    return pl.DataFrame(schema=FINDING_SCHEMA)


def _findings(df: pl.DataFrame, check: str, **columns: pl.Expr) -> pl.DataFrame:
    """Shape ``df`` into finding rows of ``check``; columns not given are null."""
    exprs = []
    for name, dtype in FINDING_SCHEMA.items():
        if name == "check":
            exprs.append(pl.lit(check, dtype).alias(name))
        elif name in columns:
            exprs.append(columns[name].cast(dtype).alias(name))
        else:
            exprs.append(pl.lit(None, dtype).alias(name))
    return df.select(exprs)


def check_within_quota(projects: pl.DataFrame, totals: pl.DataFrame) -> pl.DataFrame:
    """The project's total headcount is within the approved staffing quota (biên chế được giao)."""
    joined = projects.join(totals, on="project_id", how="left").with_columns(pl.col("total").fill_null(0))
    over = joined.filter(pl.col("quota").is_not_null() & (pl.col("total") > pl.col("quota")))
    missing = joined.filter(pl.col("quota").is_null())
    return pl.concat(
        [
            _findings(
                over,
                "within_quota",
                project_id=pl.col("project_id"),
                actual=pl.col("total"),
                limit=pl.col("quota"),
            ),
            _findings(
                missing,
                "no_quota",
                project_id=pl.col("project_id"),
                actual=pl.col("total"),
            ),
        ]
    )


def check_rank_structure(
    projects: pl.DataFrame, positions: pl.DataFrame, totals: pl.DataFrame, rules: Rules
) -> pl.DataFrame:
    """Civil servants planned in the capped ranks stay within the share of the quota their agency's level
    allows (cơ cấu ngạch)."""
    parts = []
    for code, cap in rules.caps.items():
        level = code.split(".")[0]
        ranks = list(cap.value["ranks"])
        share = Decimal(str(cap.value["max_share"]))
        scope = projects.filter((pl.col("staff_kind") == "civil_servant") & (pl.col("level") == level))
        if scope.is_empty():
            continue
        counted = (
            positions.filter(pl.col("rank_code").is_in(ranks))
            .group_by("project_id")
            .agg(pl.col("headcount").sum().alias("counted"))
        )
        joined = (
            scope.join(totals, on="project_id", how="left")
            .join(counted, on="project_id", how="inner")
            .with_columns(
                base=pl.coalesce(pl.col("quota"), pl.col("total")).fill_null(0),
            )
            .with_columns(
                # floor(base × share), the largest whole number of persons the share allows.
                allowed=(pl.col("base") * int(share * 1000)) // 1000
            )
            .filter(pl.col("counted") > pl.col("allowed"))
        )
        parts.append(
            _findings(
                joined,
                "rank_structure",
                project_id=pl.col("project_id"),
                actual=pl.col("counted"),
                limit=pl.col("allowed"),
                detail=pl.lit(code),
            )
        )
    return pl.concat(parts) if parts else _empty()


def check_professional_share(
    projects: pl.DataFrame, positions: pl.DataFrame, totals: pl.DataFrame, rules: Rules
) -> pl.DataFrame:
    """Professional positions hold at least the minimum share of a public-service unit's headcount."""
    rule = rules.check("public_employee", "professional_share")
    if rule is None:
        return _empty()
    share = Decimal(str(rule.value["min_share"]))
    professional = (
        positions.filter(pl.col("group").is_in(["professional", "shared"]))
        .group_by("project_id")
        .agg(pl.col("headcount").sum().alias("professional"))
    )
    joined = (
        projects.filter(pl.col("staff_kind") == "public_employee")
        .join(totals, on="project_id", how="inner")
        .join(professional, on="project_id", how="left")
        .with_columns(pl.col("professional").fill_null(0))
        .with_columns(needed=-((-pl.col("total") * int(share * 1000)) // 1000))
        .filter((pl.col("total") > 0) & (pl.col("professional") < pl.col("needed")))
    )
    return _findings(
        joined,
        "professional_share",
        project_id=pl.col("project_id"),
        actual=pl.col("professional"),
        limit=pl.col("needed"),
    )


def check_leadership_structure(projects: pl.DataFrame, positions: pl.DataFrame) -> pl.DataFrame:
    """Leadership positions follow the organisation's structure: one head; no more heads of division than
    the units directly below the agency."""
    roles = positions.group_by("project_id").agg(
        (pl.col("headcount") * (pl.col("leadership_role") == "head")).sum().alias("heads"),
        (pl.col("headcount") * (pl.col("leadership_role") == "division_head")).sum().alias("division_heads"),
    )
    joined = projects.join(roles, on="project_id", how="left").with_columns(
        pl.col("heads").fill_null(0), pl.col("division_heads").fill_null(0)
    )
    return pl.concat(
        [
            _findings(
                joined.filter(pl.col("heads") != 1),
                "leadership_head",
                project_id=pl.col("project_id"),
                actual=pl.col("heads"),
                limit=pl.lit(1),
            ),
            _findings(
                joined.filter(pl.col("division_heads") > pl.col("divisions")),
                "leadership_divisions",
                project_id=pl.col("project_id"),
                actual=pl.col("division_heads"),
                limit=pl.col("divisions"),
            ),
        ]
    )


def check_main_positions(people: pl.DataFrame, holders: pl.DataFrame) -> pl.DataFrame:
    """Every person present holds exactly one main position; a person mapped is present in the agency."""
    mains = (
        holders.filter(pl.col("is_main"))
        .group_by("project_id", "person_id")
        .agg(pl.len().cast(pl.Int64).alias("mains"))
    )
    joined = people.join(mains, on=["project_id", "person_id"], how="left").with_columns(
        pl.col("mains").fill_null(0)
    )
    absent = holders.unique(["project_id", "person_id"]).join(
        people, on=["project_id", "person_id"], how="anti"
    )
    return pl.concat(
        [
            _findings(
                joined.filter(pl.col("mains") == 0),
                "person_unmapped",
                project_id=pl.col("project_id"),
                person_id=pl.col("person_id"),
                detail=pl.col("full_name"),
            ),
            _findings(
                joined.filter(pl.col("mains") > 1),
                "person_mapped_twice",
                project_id=pl.col("project_id"),
                person_id=pl.col("person_id"),
                actual=pl.col("mains"),
                limit=pl.lit(1),
                detail=pl.col("full_name"),
            ),
            _findings(
                absent,
                "person_absent",
                project_id=pl.col("project_id"),
                person_id=pl.col("person_id"),
            ),
        ]
    )


def _main_holders(people: pl.DataFrame, positions: pl.DataFrame, holders: pl.DataFrame) -> pl.DataFrame:
    return (
        holders.filter(pl.col("is_main"))
        .join(people, on=["project_id", "person_id"], how="inner")
        .join(
            positions.select("project_id", "position_id", "code", "min_rank_code", "min_qualification"),
            on=["project_id", "position_id"],
            how="inner",
        )
    )


def check_person_requirements(
    people: pl.DataFrame, positions: pl.DataFrame, holders: pl.DataFrame, rules: Rules
) -> pl.DataFrame:
    """A person's rank meets the minimum of their main position, and their qualification its minimum."""
    grades = rules.rank_grades
    order = rules.qualification_order
    mapped = _main_holders(people, positions, holders).with_columns(
        person_grade=pl.col("rank_code").replace_strict(grades, default=None, return_dtype=pl.Int64),
        min_grade=pl.col("min_rank_code").replace_strict(grades, default=None, return_dtype=pl.Int64),
        person_level=pl.col("qualification").replace_strict(order, default=None, return_dtype=pl.Int64),
        min_level=pl.col("min_qualification").replace_strict(order, default=None, return_dtype=pl.Int64),
    )
    has_minimum = pl.col("min_rank_code").is_not_null() & (pl.col("min_rank_code") != "")
    rank_short = has_minimum & (
        pl.when(pl.col("person_grade").is_not_null() & pl.col("min_grade").is_not_null())
        .then(pl.col("person_grade") < pl.col("min_grade"))
        # A rank without a known grade (a professional title) meets only the same code.
        .otherwise(pl.col("rank_code").fill_null("") != pl.col("min_rank_code"))
    )
    qualification_short = pl.col("min_level").is_not_null() & (
        pl.col("person_level").is_null() | (pl.col("person_level") < pl.col("min_level"))
    )
    return pl.concat(
        [
            _findings(
                mapped.filter(rank_short),
                "rank_below_minimum",
                project_id=pl.col("project_id"),
                position_code=pl.col("code"),
                person_id=pl.col("person_id"),
                detail=pl.col("rank_code").fill_null("") + pl.lit("|") + pl.col("min_rank_code"),
            ),
            _findings(
                mapped.filter(qualification_short),
                "qualification_below_minimum",
                project_id=pl.col("project_id"),
                position_code=pl.col("code"),
                person_id=pl.col("person_id"),
                detail=pl.col("qualification").fill_null("") + pl.lit("|") + pl.col("min_qualification"),
            ),
        ]
    )


def check_career_levels(
    projects: pl.DataFrame, positions: pl.DataFrame, people: pl.DataFrame, holders: pl.DataFrame, rules: Rules
) -> pl.DataFrame:
    """Public employees of a position stay within the shares of its headcount each career level may hold
    (tỷ lệ bậc nghề nghiệp, Nghị định 232/2026/NĐ-CP Điều 10 khoản 2): levels 5 and 4 when the highest
    is 5, level 4 when it is 4, the higher of exactly two levels."""
    rule = rules.check("public_employee", "career_level_caps")
    if rule is None:
        return _empty()
    level_of_group = {str(k): int(v) for k, v in rule.value["level_of_group"].items()}
    levels = {
        rank: level_of_group[group] for rank, group in rules.rank_groups.items() if group in level_of_group
    }
    public = projects.filter(pl.col("staff_kind") == "public_employee").select("project_id")
    if public.is_empty() or not levels:
        return _empty()
    mapped = (
        _main_holders(people, positions, holders)
        .join(public, on="project_id", how="inner")
        .with_columns(level=pl.col("rank_code").replace_strict(levels, default=None, return_dtype=pl.Int64))
        .filter(pl.col("level").is_not_null())
    )
    if mapped.is_empty():
        return _empty()
    per_position = (
        mapped.group_by("project_id", "position_id", "code")
        .agg(
            pl.col("level").n_unique().cast(pl.Int64).alias("spread"),
            pl.col("level").max().alias("top"),
            (pl.col("level") == 5).sum().cast(pl.Int64).alias("at_5"),
            (pl.col("level") == 4).sum().cast(pl.Int64).alias("at_4"),
            (pl.col("level") == pl.col("level").max()).sum().cast(pl.Int64).alias("at_top"),
        )
        .join(positions.select("project_id", "position_id", "headcount"), on=["project_id", "position_id"])
    )

    def capped(frame: pl.DataFrame, counted: str, level: pl.Expr, share: str) -> pl.DataFrame:
        thousandths = int(Decimal(share) * 1000)
        over = frame.with_columns(allowed=(pl.col("headcount") * thousandths) // 1000).filter(
            pl.col(counted) > pl.col("allowed")
        )
        return _findings(
            over,
            "career_level_cap",
            project_id=pl.col("project_id"),
            position_code=pl.col("code"),
            actual=pl.col(counted),
            limit=pl.col("allowed"),
            detail=level.cast(pl.String) + pl.lit(f"|{share}"),
        )

    two = per_position.filter(pl.col("spread") == 2)
    many = per_position.filter(pl.col("spread") >= 3)
    top_5, top_4 = rule.value["top_5"], rule.value["top_4"]
    return pl.concat(
        [
            capped(two, "at_top", pl.col("top"), str(rule.value["two_levels"])),
            capped(many.filter(pl.col("top") == 5), "at_5", pl.lit(5), str(top_5["5"])),
            capped(many.filter(pl.col("top") == 5), "at_4", pl.lit(4), str(top_5["4"])),
            capped(many.filter(pl.col("top") == 4), "at_4", pl.lit(4), str(top_4["4"])),
        ]
    )


def check_catalogue(projects: pl.DataFrame, positions: pl.DataFrame, required: pl.DataFrame) -> pl.DataFrame:
    """Positions come from the catalogue of the project's kind and level; required ones are present."""
    joined = positions.join(projects.select("project_id", "staff_kind", "level"), on="project_id")
    outside = joined.filter(
        (pl.col("catalog_kind") != pl.col("staff_kind"))
        | ((pl.col("catalog_level") != "") & (pl.col("catalog_level") != pl.col("level")))
        | ~pl.col("catalog_active")
    )
    wanted = projects.select("project_id", "staff_kind", "level").join(
        required.rename({"level": "required_level"}), on="staff_kind", how="inner"
    )
    wanted = wanted.filter((pl.col("required_level") == "") | (pl.col("required_level") == pl.col("level")))
    missing = wanted.join(positions.select("project_id", "code"), on=["project_id", "code"], how="anti")
    return pl.concat(
        [
            _findings(
                outside,
                "not_in_catalogue",
                project_id=pl.col("project_id"),
                position_code=pl.col("code"),
            ),
            _findings(
                missing,
                "required_missing",
                project_id=pl.col("project_id"),
                position_code=pl.col("code"),
                detail=pl.col("name"),
            ),
        ]
    )


def check_overfilled(positions: pl.DataFrame, holders: pl.DataFrame) -> pl.DataFrame:
    """No more persons mapped to a position as their main one than its headcount."""
    counts = (
        holders.filter(pl.col("is_main"))
        .group_by("project_id", "position_id")
        .agg(pl.len().cast(pl.Int64).alias("mapped"))
    )
    over = positions.join(counts, on=["project_id", "position_id"]).filter(
        pl.col("mapped") > pl.col("headcount")
    )
    return _findings(
        over,
        "position_overfilled",
        project_id=pl.col("project_id"),
        position_code=pl.col("code"),
        actual=pl.col("mapped"),
        limit=pl.col("headcount"),
    )


# Each finding's check in the rule table (its severity and legal basis).
RULE_OF_CHECK = {
    "within_quota": "within_quota",
    "no_quota": "within_quota",
    "rank_structure": "rank_structure",
    "professional_share": "professional_share",
    "leadership_head": "leadership_structure",
    "leadership_divisions": "leadership_structure",
    "person_unmapped": "one_main_position",
    "person_mapped_twice": "one_main_position",
    "person_absent": "one_main_position",
    "rank_below_minimum": "rank_meets_minimum",
    "qualification_below_minimum": "qualification",
    "not_in_catalogue": "in_catalogue",
    "required_missing": "required_positions",
    "position_overfilled": "position_overfilled",
    "career_level_cap": "career_level_caps",
}
# Findings that are always warnings, whatever the severity of their rule.
ALWAYS_WARNING = {"no_quota", "person_absent"}


def validate(
    projects: pl.DataFrame,
    positions: pl.DataFrame,
    people: pl.DataFrame,
    holders: pl.DataFrame,
    required: pl.DataFrame,
    rules: Rules,
) -> pl.DataFrame:
    """Every finding of every project given, with its ``severity`` and its rule's ``rule_code``."""
    totals = positions.group_by("project_id").agg(pl.col("headcount").sum().alias("total"))
    found = pl.concat(
        [
            check_within_quota(projects, totals),
            check_rank_structure(projects, positions, totals, rules),
            check_professional_share(projects, positions, totals, rules),
            check_leadership_structure(projects, positions),
            check_main_positions(people, holders),
            check_person_requirements(people, positions, holders, rules),
            check_catalogue(projects, positions, required),
            check_overfilled(positions, holders),
            check_career_levels(projects, positions, people, holders, rules),
        ]
    )
    severities = [
        {
            "staff_kind": code.split(".")[0],
            "rule": code.split(".")[1],
            "rule_severity": rule.value["severity"],
        }
        for code, rule in rules.checks.items()
    ]
    severity_frame = frame(
        severities, {"staff_kind": pl.String, "rule": pl.String, "rule_severity": pl.String}
    )
    return (
        found.join(projects.select("project_id", "staff_kind"), on="project_id", how="left")
        .with_columns(rule=pl.col("check").replace_strict(RULE_OF_CHECK, return_dtype=pl.String))
        .join(severity_frame, on=["staff_kind", "rule"], how="left")
        .with_columns(
            severity=pl.when(pl.col("check").is_in(list(ALWAYS_WARNING)))
            .then(pl.lit("warning"))
            .otherwise(pl.col("rule_severity").fill_null("warning"))
        )
        .drop("rule_severity")
        .sort("project_id", "severity", "check", "position_code", "person_id", nulls_last=True)
    )


@dataclass(frozen=True)
class Finding:
    """One finding (phát hiện) of a project's check, ready to show: its message and legal basis."""

    project_id: int
    check: str
    severity: str
    message: str
    citation: str
    position_code: str | None
    person_id: int | None
    rule: dict[str, Any] | None

    def as_dict(self) -> dict[str, Any]:
        return {
            "check": self.check,
            "severity": self.severity,
            "message": self.message,
            "citation": self.citation,
            "position_code": self.position_code,
            "person_id": self.person_id,
        }


def _message(row: dict[str, Any], names: dict[int, str], caps: dict[str, RuleValue]) -> str:
    check = row["check"]
    person = names.get(row["person_id"] or 0, str(row["person_id"] or ""))
    actual, limit, code = row["actual"], row["limit"], row["position_code"] or ""
    if check == "within_quota":
        return _("Tổng số người làm việc %(actual)s vượt biên chế được giao %(limit)s.") % {
            "actual": actual,
            "limit": limit,
        }
    if check == "no_quota":
        return _("Chưa có biên chế được giao có hiệu lực để đối chiếu tổng số %(actual)s người.") % {
            "actual": actual
        }
    if check == "rank_structure":
        cap = caps.get(row["detail"] or "")
        label = cap.value.get("label", "") if cap else ""
        share = f"{Decimal(str(cap.value['max_share'])) * 100:.0f}%" if cap else ""
        return _(
            "Số bố trí ngạch %(label)s là %(actual)s, vượt tỷ lệ tối đa %(share)s (%(limit)s người)."
        ) % {
            "label": label,
            "actual": actual,
            "share": share,
            "limit": limit,
        }
    if check == "professional_share":
        return _("Vị trí chuyên môn có %(actual)s người, cần tối thiểu %(limit)s người (65%%).") % {
            "actual": actual,
            "limit": limit,
        }
    if check == "leadership_head":
        return _("Đề án phải có đúng một người đứng đầu; hiện có %(actual)s.") % {"actual": actual}
    if check == "leadership_divisions":
        return _("Số trưởng phòng %(actual)s nhiều hơn số đơn vị trực thuộc %(limit)s.") % {
            "actual": actual,
            "limit": limit,
        }
    if check == "person_unmapped":
        return _("%(person)s chưa được bố trí vào vị trí chính nào.") % {"person": person}
    if check == "person_mapped_twice":
        return _("%(person)s được bố trí vào %(actual)s vị trí chính; mỗi người chỉ một vị trí chính.") % {
            "person": person,
            "actual": actual,
        }
    if check == "person_absent":
        return _("%(person)s được bố trí nhưng không công tác tại đơn vị vào ngày kiểm tra.") % {
            "person": person
        }
    if check == "rank_below_minimum":
        held, minimum = (row["detail"] or "|").split("|", 1)
        return _(
            "%(person)s giữ ngạch %(held)s, thấp hơn ngạch tối thiểu %(minimum)s của vị trí %(code)s."
        ) % {
            "person": person,
            "held": held or _("chưa có"),
            "minimum": minimum,
            "code": code,
        }
    if check == "qualification_below_minimum":
        held, minimum = (row["detail"] or "|").split("|", 1)
        levels = codelists.education_levels("professional")
        if not held:
            return _(
                "%(person)s chưa có trình độ chuyên môn được ghi nhận; vị trí %(code)s cần tối thiểu "
                "%(minimum)s."
            ) % {
                "person": person,
                "code": code,
                "minimum": levels.name_of(minimum),
            }
        return _(
            "%(person)s có trình độ %(held)s, chưa đạt trình độ tối thiểu %(minimum)s của vị trí %(code)s."
        ) % {
            "person": person,
            "held": levels.name_of(held),
            "minimum": levels.name_of(minimum),
            "code": code,
        }
    if check == "not_in_catalogue":
        return _("Vị trí %(code)s không thuộc danh mục áp dụng cho đối tượng và cấp của đề án.") % {
            "code": code
        }
    if check == "required_missing":
        return _("Thiếu vị trí bắt buộc %(code)s – %(name)s.") % {"code": code, "name": row["detail"] or ""}
    if check == "career_level_cap":
        level, share = (row["detail"] or "|0").split("|", 1)
        return _(
            "Vị trí %(code)s có %(actual)s viên chức ở bậc nghề nghiệp %(level)s, vượt tỷ lệ tối đa "
            "%(share)s số lượng người làm việc của vị trí (%(limit)s người)."
        ) % {
            "code": code,
            "actual": actual,
            "level": level,
            "share": f"{Decimal(share) * 100:.0f}%",
            "limit": limit,
        }
    if check == "position_overfilled":
        return _("Vị trí %(code)s có %(actual)s người bố trí, nhiều hơn số lượng %(limit)s.") % {
            "code": code,
            "actual": actual,
            "limit": limit,
        }
    return check


def explain(findings: pl.DataFrame, rules: Rules, names: dict[int, str] | None = None) -> list[Finding]:
    """The findings as messages with their citations (for a page, the API, a calculator)."""
    names = names or {}
    result = []
    for row in findings.iter_rows(named=True):
        rule = rules.check(row["staff_kind"] or "", row["rule"])
        if row["check"] == "rank_structure" and row["detail"] in rules.caps:
            rule = rules.caps[row["detail"]]
        result.append(
            Finding(
                project_id=row["project_id"],
                check=row["check"],
                severity=row["severity"],
                message=_message(row, names, rules.caps),
                citation=rule.legal_basis.citation if rule else "",
                position_code=row["position_code"],
                person_id=row["person_id"],
                rule=rule.explain() if rule else None,
            )
        )
    return result
