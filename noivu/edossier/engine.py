"""The electronic dossier's quality (chất lượng hồ sơ điện tử, Nghị định 27/2026/NĐ-CP), computed set-wise.

Two checks, over every person of a scope in one query and a Polars frame, never a loop over persons:

- **the dossier identifier** (mã định danh hồ sơ): from 1/7/2026 a dossier is identified by the person's
  personal identification number. :func:`identifier_problems` flags each number that is missing, is not
  12 digits (an old 9-digit CMND among them), has a province code outside the table, contradicts the
  recorded birth year or gender (the rules of :mod:`noivu.personnel.identity.cccd`, applied to columns),
  or is shared by two records once the leading zeros a spreadsheet drops are restored;
- **completeness** (mức độ đầy đủ): the fields of the decree's ten data groups (``data_groups.yaml``)
  present in each person's record, and the four marks the sector asks of the data, "đúng – đủ – sạch –
  sống": *correct* (the identifier passes), *complete* (every required field present), *clean* (no other
  record with the same identifier, or the same name and birth date), *live* (an assignment, a rank and a
  salary step in force on the day, so that the dossier describes the present).
"""

import datetime as dt
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import polars as pl
import yaml
from django.apps import apps
from django.db import connection, transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from noivu.core import rules
from noivu.personnel.identity.cccd import CENTURY_GENDER_BASIS, LENGTH, PROVINCE_TABLE, STRUCTURE_BASIS
from noivu.personnel.models import Category, Gender, Person

DATA_GROUPS_FILE = Path(__file__).with_name("data_groups.yaml")

# Whom the decree's dossier is for: cadres, civil servants and public employees (commune ones recorded
# under the categories before 1/7/2025 included), not labour-contract staff.
DOSSIER_CATEGORIES = (
    Category.CADRE,
    Category.CIVIL_SERVANT,
    Category.PUBLIC_EMPLOYEE,
    Category.COMMUNE_CADRE,
    Category.COMMUNE_CIVIL_SERVANT,
)


def _english() -> bool:
    return (get_language() or "vi").startswith("en")


@dataclass(frozen=True)
class DataField:
    """One field of a data group and where this system keeps it."""

    code: str
    label: str
    label_en: str
    required: bool
    group: int
    source: dict[str, Any]

    @property
    def name(self) -> str:
        """The label in the page's language."""
        return self.label_en if _english() else self.label

    @property
    def stored_in(self) -> str:
        """Where the record keeps the field, as the pages name it."""
        if "identifier" in self.source:
            return str(_("Số CCCD của hồ sơ, đã kiểm tra"))
        if "person" in self.source:
            label = getattr(Person._meta.get_field(self.source["person"]), "verbose_name", "")
            return str(_("Hồ sơ 2C: %(field)s") % {"field": label})
        model = apps.get_model(self.source["fact"])
        return str(model._meta.verbose_name_plural).capitalize()


@dataclass(frozen=True)
class DataGroup:
    number: int
    title: str
    title_en: str
    note: str
    note_en: str
    fields: tuple[DataField, ...]

    @property
    def name(self) -> str:
        return self.title_en if _english() else self.title

    @property
    def remark(self) -> str:
        return self.note_en if _english() else self.note


@dataclass(frozen=True)
class DataGroups:
    """The versioned mapping of the decree's data groups to this system's facts."""

    version: str
    decree: str
    confidence: str
    source_vi: str
    source_en: str
    groups: tuple[DataGroup, ...]

    @property
    def source(self) -> str:
        return self.source_en if _english() else self.source_vi

    @property
    def fields(self) -> tuple[DataField, ...]:
        return tuple(field for group in self.groups for field in group.fields)

    @property
    def required(self) -> tuple[DataField, ...]:
        return tuple(field for field in self.fields if field.required)

    def field(self, code: str) -> DataField:
        return next(field for field in self.fields if field.code == code)


@cache
def data_groups() -> DataGroups:
    spec = yaml.safe_load(DATA_GROUPS_FILE.read_text(encoding="utf-8"))
    groups = tuple(
        DataGroup(
            number=group["number"],
            title=group["title"],
            title_en=group["title_en"],
            note=group.get("note", ""),
            note_en=group.get("note_en", ""),
            fields=tuple(DataField(group=group["number"], **field) for field in group["fields"]),
        )
        for group in spec["groups"]
    )
    return DataGroups(
        spec["version"],
        spec["decree"],
        spec["confidence"],
        spec["source"].strip(),
        spec["source_en"].strip(),
        groups,
    )


class Problem:
    """The ways a dossier identifier fails (lỗi mã định danh hồ sơ)."""

    MISSING = "missing"
    OLD_ID = "old_id"
    MALFORMED = "malformed"
    PROVINCE_UNKNOWN = "province_unknown"
    CENTURY_MISMATCH = "century_mismatch"
    BIRTH_YEAR_MISMATCH = "birth_year_mismatch"
    GENDER_MISMATCH = "gender_mismatch"
    SHARED = "shared"


PROBLEM_LABELS = {
    Problem.MISSING: _("Chưa có số định danh cá nhân"),
    Problem.OLD_ID: _("Còn ghi số CMND 9 chữ số, chưa có số định danh cá nhân"),
    Problem.MALFORMED: _("Số định danh không đúng cấu trúc 12 chữ số"),
    Problem.PROVINCE_UNKNOWN: _("Mã tỉnh nơi đăng ký khai sinh không có trong bảng mã"),
    Problem.CENTURY_MISMATCH: _("Mã thế kỷ không khớp năm sinh"),
    Problem.BIRTH_YEAR_MISMATCH: _("Hai chữ số năm sinh không khớp năm sinh"),
    Problem.GENDER_MISMATCH: _("Mã giới tính không khớp giới tính"),
    Problem.SHARED: _("Trùng số định danh với hồ sơ khác"),
}

PROBLEM_BASIS = {
    Problem.MISSING: "27/2026/NĐ-CP",
    Problem.OLD_ID: STRUCTURE_BASIS["citation"],
    Problem.MALFORMED: STRUCTURE_BASIS["citation"],
    Problem.PROVINCE_UNKNOWN: CENTURY_GENDER_BASIS["citation"],
    Problem.CENTURY_MISMATCH: CENTURY_GENDER_BASIS["citation"],
    Problem.BIRTH_YEAR_MISMATCH: STRUCTURE_BASIS["citation"],
    Problem.GENDER_MISMATCH: CENTURY_GENDER_BASIS["citation"],
    Problem.SHARED: "27/2026/NĐ-CP",
}

# Which fix a problem calls for: the record's edit page, or the merge of two records of one person.
FIX_BY_MERGE = frozenset({Problem.SHARED})

OLD_ID_LENGTH = 9


def check_identifiers(frame: pl.DataFrame, day: dt.date) -> pl.DataFrame:
    """``frame`` (``number``, ``birth_date``, ``gender``) with a ``problems`` column: the list of the
    :class:`Problem` codes each row's number fails, empty when it passes."""
    provinces = set(rules.rule_table(PROVINCE_TABLE).in_force(day))
    digits = pl.col("number").fill_null("").str.replace_all(r"\s", "")
    framed = frame.with_columns(digits.alias("_digits"))
    well_formed = pl.col("_digits").str.contains(rf"^\d{{{LENGTH}}}$")
    century_digit = pl.col("_digits").str.slice(3, 1).cast(pl.Int32, strict=False)
    century_start = 1900 + 100 * (century_digit // 2)
    year = pl.col("birth_date").dt.year()
    coded_gender = pl.when(century_digit % 2 == 0).then(pl.lit(Gender.MALE)).otherwise(pl.lit(Gender.FEMALE))
    padded = pl.col("_digits").str.zfill(LENGTH)
    shared = (
        (pl.col("_digits") != "") & pl.col("_digits").str.contains(r"^\d+$") & (pl.len().over(padded) > 1)
    )
    old_id = pl.col("_digits").str.contains(rf"^\d{{{OLD_ID_LENGTH}}}$")
    checks = [
        (Problem.MISSING, pl.col("_digits") == ""),
        (Problem.OLD_ID, old_id),
        (
            Problem.MALFORMED,
            (pl.col("_digits") != "") & ~well_formed & ~old_id,
        ),
        (Problem.PROVINCE_UNKNOWN, well_formed & ~pl.col("_digits").str.slice(0, 3).is_in(sorted(provinces))),
        (
            Problem.CENTURY_MISMATCH,
            well_formed & year.is_not_null() & ((year < century_start) | (year > century_start + 99)),
        ),
        (
            Problem.BIRTH_YEAR_MISMATCH,
            well_formed
            & year.is_not_null()
            & (pl.col("_digits").str.slice(4, 2) != (year % 100).cast(pl.String).str.zfill(2)),
        ),
        (
            Problem.GENDER_MISMATCH,
            well_formed & pl.col("gender").is_not_null() & (pl.col("gender") != coded_gender),
        ),
        (Problem.SHARED, shared),
    ]
    problems = pl.concat_list(
        [
            pl.when(condition.fill_null(False)).then(pl.lit([code])).otherwise(pl.lit([], pl.List(pl.String)))
            for code, condition in checks
        ]
    )
    return framed.with_columns(problems.alias("problems")).drop("_digits")


def _present(source: dict[str, Any], day: dt.date) -> Any:
    """An expression for the annotation saying whether a person has the field of ``source``."""
    model = apps.get_model(source["fact"])
    rows = model._default_manager.filter(person_id=OuterRef("pk"), **source.get("where", {}))
    return Exists(rows.as_of(day) if source.get("in_force") else rows)


def person_frame(persons: QuerySet[Person], day: dt.date) -> pl.DataFrame:
    """One row per cadre, civil servant or public employee of ``persons`` (already restricted to the
    reader's scope; :data:`DOSSIER_CATEGORIES`): the identifier's inputs, the record's fields the data
    groups read and a ``has_<code>`` column for each fact field."""
    groups = data_groups()
    person_fields = sorted({f.source["person"] for f in groups.fields if "person" in f.source})
    facts = {f"has_{f.code}": _present(f.source, day) for f in groups.fields if "fact" in f.source}
    live = {
        f"has_{code}": _present({"fact": label, "in_force": True}, day)
        for code, label in LIVE_FACTS.items()
        if f"has_{code}" not in facts
    }
    columns = [
        "id",
        "organization_id",
        "cccd_number",
        "birth_date",
        "gender",
        "full_name_folded",
        *person_fields,
    ]
    columns = list(dict.fromkeys(columns))
    persons = persons.filter(category__in=DOSSIER_CATEGORIES)
    query = persons.order_by().annotate(**facts, **live).values_list(*columns, *facts, *live)
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Each EXISTS is planned as a hashed subplan; compiling the query for the JIT costs more than
            # running it (3 s against 1.7 s over a province).
            cursor.execute("SET LOCAL jit = off")
        rows = list(query)
    names = [*columns, *facts, *live]
    types = {"id": pl.Int64, "organization_id": pl.Int64, **dict.fromkeys([*facts, *live], pl.Boolean)}
    for name in columns:
        kind = getattr(Person._meta.get_field(name), "get_internal_type", str)()
        types.setdefault(name, pl.Date if kind == "DateField" else pl.String)
    return pl.DataFrame(rows, schema={name: types[name] for name in names}, orient="row")


def identifier_frame(persons: QuerySet[Person], day: dt.date) -> pl.DataFrame:
    """``person_id``, ``organization_id``, the recorded ``number`` and its ``problems``, for every cadre,
    civil servant and public employee of ``persons``: the identifier report reads only these columns."""
    rows = (
        persons.filter(category__in=DOSSIER_CATEGORIES)
        .order_by()
        .values_list("id", "organization_id", "cccd_number", "birth_date", "gender")
    )
    schema = {
        "person_id": pl.Int64,
        "organization_id": pl.Int64,
        "number": pl.String,
        "birth_date": pl.Date,
        "gender": pl.String,
    }
    return check_identifiers(pl.DataFrame(list(rows), schema=schema, orient="row"), day)


# The dated facts that make a dossier "live" (sống): in force on the day.
LIVE_FACTS = {
    "current_assignment": "personnel.Assignment",
    "rank": "personnel.RankHistory",
    "salary": "payroll.SalaryHistory",
}


def completeness(persons: QuerySet[Person], day: dt.date) -> pl.DataFrame:
    """Per person: ``person_id``, ``organization_id``, one boolean per field of the data groups, the
    ``problems`` of the identifier, ``missing`` (the codes of the required fields absent), ``score`` (the
    share of required fields present, 0–100, one decimal) and the four marks ``correct``, ``complete``,
    ``clean``, ``live``."""
    groups = data_groups()
    frame = person_frame(persons, day).rename({"id": "person_id", "cccd_number": "number"})
    frame = check_identifiers(frame, day).with_columns(
        (pl.len().over("full_name_folded", "birth_date") > 1).alias("_same_name")
    )
    # Each field's presence replaces the record's column of the same name (``birth_date``…) from here on.
    present = []
    for field in groups.fields:
        source = field.source
        if "identifier" in source:
            expr = pl.col("problems").list.len() == 0
        elif "person" in source:
            column = pl.col(source["person"])
            expr = column.is_not_null() & (column.cast(pl.String).str.strip_chars() != "")
        else:
            expr = pl.col(f"has_{field.code}")
        present.append(expr.fill_null(False).alias(field.code))
    frame = frame.with_columns(present)
    required = [field.code for field in groups.required]
    missing = pl.concat_list(
        [
            pl.when(~pl.col(code)).then(pl.lit([code])).otherwise(pl.lit([], pl.List(pl.String)))
            for code in required
        ]
    )
    frame = frame.with_columns(missing.alias("missing"))
    return frame.select(
        "person_id",
        "organization_id",
        *[field.code for field in groups.fields],
        "problems",
        "missing",
        (100 * (1 - pl.col("missing").list.len() / len(required))).round(1).alias("score"),
        (pl.col("problems").list.len() == 0).alias("correct"),
        (pl.col("missing").list.len() == 0).alias("complete"),
        (~pl.col("problems").list.contains(Problem.SHARED) & ~pl.col("_same_name")).alias("clean"),
        pl.all_horizontal(f"has_{code}" for code in LIVE_FACTS).alias("live"),
    )


MARKS = ("correct", "complete", "clean", "live")
MARK_LABELS = {
    "correct": _("Đúng"),
    "complete": _("Đủ"),
    "clean": _("Sạch"),
    "live": _("Sống"),
}
MARK_HELP = {
    "correct": _("số định danh cá nhân hợp lệ, khớp ngày sinh và giới tính"),
    "complete": _("có đủ mọi trường bắt buộc của 10 nhóm thông tin"),
    "clean": _("không trùng số định danh, họ tên và ngày sinh với hồ sơ khác"),
    "live": _("có quá trình công tác, ngạch và bậc lương đang có hiệu lực"),
}


def unit_summary(frame: pl.DataFrame) -> pl.DataFrame:
    """Per unit (the unit each person belongs to directly): ``persons``, the average ``score``, the
    number of persons with every required field, and the share (%) of each mark, lowest score first."""
    return (
        frame.group_by("organization_id")
        .agg(
            pl.len().alias("persons"),
            pl.col("score").mean().round(1).alias("score"),
            *[(100 * pl.col(mark).mean()).round(1).alias(mark) for mark in MARKS],
            pl.col("complete").sum().alias("complete_persons"),
        )
        .sort("score", "organization_id")
    )


def totals(frame: pl.DataFrame) -> dict[str, Any]:
    """The scope's figures: persons, average score, the share of each mark and, per required field, how
    many persons lack it (most often missing first)."""
    if frame.is_empty():
        return {"persons": 0, "score": None, "marks": dict.fromkeys(MARKS), "missing": []}
    groups = data_groups()
    lacking = frame.select([(~pl.col(f.code)).sum().alias(f.code) for f in groups.required]).row(
        0, named=True
    )
    means = frame.select(pl.col("score").mean(), *[(100 * pl.col(m).mean()).alias(m) for m in MARKS]).row(
        0, named=True
    )
    return {
        "persons": frame.height,
        "score": round(means["score"], 1),
        "marks": {mark: round(means[mark], 1) for mark in MARKS},
        "missing": sorted(
            ((groups.field(code), count) for code, count in lacking.items() if count),
            key=lambda pair: (-pair[1], pair[0].group),
        ),
    }
