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
import functools
import operator
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import polars as pl
import yaml
from django.apps import apps
from django.db import connection, models, transaction
from django.db.models import Case, Q, QuerySet, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Trim
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from noivu.core import rules
from noivu.core.models import in_force_condition
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


def _codes_where(checks: list[tuple[str, pl.Expr]]) -> pl.Expr:
    """The list of the codes whose condition holds on each row (a null condition does not), in order;
    joined as text and split, which Polars does several times faster than concatenating lists."""
    joined = pl.concat_str(
        [pl.when(condition.fill_null(False)).then(pl.lit(code)) for code, condition in checks],
        separator=",",
        ignore_nulls=True,
    )
    return pl.when(joined == "").then(pl.lit([], pl.List(pl.String))).otherwise(joined.str.split(","))


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
    return framed.with_columns(_codes_where(checks).alias("problems")).drop("_digits")


# Up to this many persons, each kind of fact is read by the persons' index instead of whole.
NARROW_SCOPE = 2_000


def _fact_presence(
    persons: QuerySet[Person],
    day: dt.date,
    sources: dict[str, dict[str, Any]],
    *,
    narrow: bool,
    ids: list[int] | None = None,
) -> pl.DataFrame:
    """``person_id`` and a boolean column per entry of ``sources`` (column name → field source), one row
    per person of ``persons`` having at least one matching fact, in one query: each kind of fact is read
    once, every field it feeds setting its own bit of the row's flags, the kinds appended and the flags
    OR-ed per person. A ``narrow`` scope is applied to each kind's rows, so that a few persons' facts are
    found by index; a wide one once to the appended rows, instead of joining each kind to it."""
    bits = _bits(sources)
    by_model: dict[str, list[Any]] = {}
    for name, source in sources.items():
        condition = Q(**source.get("where", {}))
        if source.get("in_force"):
            condition &= in_force_condition(day)
        flag = (
            Case(When(condition, then=Value(bits[name])), default=Value(0))
            if condition
            else Value(bits[name])
        )
        by_model.setdefault(source["fact"], []).append(flag)
    scope = persons.values("id")
    parts = [
        apps.get_model(label)
        ._default_manager.filter(_within(apps.get_model(label), scope, narrow, ids))
        .order_by()
        .annotate(flags=functools.reduce(operator.add, flags))
        .values_list("person_id", "flags")
        for label, flags in by_model.items()
    ]
    sql, params = parts[0].union(*parts[1:], all=True).query.sql_with_params()
    scope_sql, scope_params = scope.query.sql_with_params()
    if connection.vendor == "postgresql":
        combined = "BIT_OR(flags)"
    else:
        combined = " | ".join(f"MAX(flags & {bit})" for bit in bits.values())
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT person_id, {combined} FROM ({sql}) facts"
            f" WHERE person_id IN ({scope_sql}) GROUP BY person_id",
            (*params, *scope_params),
        )
        rows = cursor.fetchall()
    frame = pl.DataFrame(rows, schema={"person_id": pl.Int64, "flags": pl.Int64}, orient="row")
    return frame.select("person_id", *_unpacked("flags", bits))


SMALL_SHARE = 0.5


def _small_share(count: int) -> bool:
    """Whether ``count`` persons are under :data:`SMALL_SHARE` of all the persons, by PostgreSQL's own
    estimate of the table's rows (no count of millions of rows): then their facts are best found by the
    array of their ids; a larger share (a province's own installation) is best filtered once at the end."""
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [Person._meta.db_table])
        row = cursor.fetchone()
    return bool(row) and row[0] > 0 and count < SMALL_SHARE * row[0]


def _within(model: type[models.Model], scope: QuerySet, narrow: bool, ids: list[int] | None) -> Q | RawSQL:
    """The condition that keeps a kind's facts of the scope: by the scope's query when it is narrow, by
    the array of its ids when given (PostgreSQL hashes the array once), else none (the scope is applied
    once to the appended rows)."""
    if narrow:
        return Q(person_id__in=scope)
    if ids is not None:
        column = f"{connection.ops.quote_name(model._meta.db_table)}.{connection.ops.quote_name('person_id')}"
        return RawSQL(f"{column} = ANY(%s)", (ids,), output_field=models.BooleanField())
    return Q()


def _bits(names: Iterable[str]) -> dict[str, int]:
    return {name: 1 << number for number, name in enumerate(names)}


def _unpacked(flags: str, bits: dict[str, int]) -> list[pl.Expr]:
    return [((pl.col(flags) & bit) != 0).alias(name) for name, bit in bits.items()]


def person_frame(persons: QuerySet[Person], day: dt.date) -> pl.DataFrame:
    """One row per cadre, civil servant or public employee of ``persons`` (already restricted to the
    reader's scope; :data:`DOSSIER_CATEGORIES`): the identifier's inputs, the name and birth date the
    "clean" mark compares, and a ``has_<code>`` column for each field of the data groups kept on the record
    or in a fact (the record's fields tested by the database, so that no long text is read)."""
    groups = data_groups()
    on_record = {f"has_{f.code}": f.source["person"] for f in groups.fields if "person" in f.source}
    in_facts = {f"has_{f.code}": f.source for f in groups.fields if "fact" in f.source}
    for code, label in LIVE_FACTS.items():
        in_facts.setdefault(f"has_{code}", {"fact": label, "in_force": True})
    record_bits = _bits(on_record)
    texts = {
        column
        for column in on_record.values()
        if isinstance(Person._meta.get_field(column), (models.CharField, models.TextField))
    }
    filled = []
    for name, column in on_record.items():
        condition = Q(**{f"{column}__isnull": False})
        if column in texts:
            condition &= ~Q(**{f"_trimmed_{column}": ""})
        filled.append(Case(When(condition, then=Value(record_bits[name])), default=Value(0)))
    trimmed = {f"_trimmed_{column}": Trim(column) for column in texts}
    columns = ["id", "organization_id", "cccd_number", "birth_date", "gender", "full_name_folded"]
    persons = persons.filter(category__in=DOSSIER_CATEGORIES).order_by()
    query = persons.annotate(**trimmed).annotate(_filled=functools.reduce(operator.add, filled))
    with transaction.atomic():
        rows = list(query.values_list(*columns, "_filled"))
        if rows:
            facts = _fact_presence(
                persons,
                day,
                in_facts,
                narrow=len(rows) <= NARROW_SCOPE,
                ids=[row[0] for row in rows] if _small_share(len(rows)) else None,
            )
        else:
            facts = pl.DataFrame(schema={"person_id": pl.Int64, **dict.fromkeys(in_facts, pl.Boolean)})
    schema = {
        "id": pl.Int64,
        "organization_id": pl.Int64,
        "cccd_number": pl.String,
        "birth_date": pl.Date,
        "gender": pl.String,
        "full_name_folded": pl.String,
        "_filled": pl.Int64,
    }
    frame = pl.DataFrame(rows, schema=schema, orient="row")
    frame = frame.with_columns(_unpacked("_filled", record_bits)).drop("_filled")
    return frame.join(facts, left_on="id", right_on="person_id", how="left").with_columns(
        pl.col(name).fill_null(False) for name in in_facts
    )


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
    # Each field's presence takes the field's code (``birth_date``…), the record's column named alike too.
    present = []
    for field in groups.fields:
        source = field.source
        if "identifier" in source:
            expr = pl.col("problems").list.len() == 0
        else:
            expr = pl.col(f"has_{field.code}")
        present.append(expr.fill_null(False).alias(field.code))
    frame = frame.with_columns(present)
    required = [field.code for field in groups.required]
    frame = frame.with_columns(_codes_where([(code, ~pl.col(code)) for code in required]).alias("missing"))
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
