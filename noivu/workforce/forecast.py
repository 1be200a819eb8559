"""Five-year workforce forecast (dự báo nguồn nhân lực 5 năm), columnar, as of any date.

The forecast starts from the persons whose primary assignment is in force on the as-of date and follows
them over five periods of twelve months, each ending on an anniversary of the as-of date (period 1 ends
one year after it). A person leaves at the earlier of:

- the statutory retirement date (thời điểm nghỉ hưu, Nghị định 135/2020/NĐ-CP Điều 3–4): worked out by
  :func:`noivu.personnel.retirement.engine.retirement_date` from the rule table ``retirement_age``, once per
  gender and month of birth, since the day of birth never changes the result;
- the leave date of an approved streamlining case (tinh giản biên chế).

A date already past on the as-of day (a person kept past the age, a leave not yet carried out) counts in
period 1. The planned intake of the open recruitment plans (chỉ tiêu tuyển dụng) joins on the plan's start
date (its exam date when none is set), in period 1 when that date is past. For each unit holding a quota and
each kind of quota the projected headcount at the end of each period is then the current one less the
leaves and plus the intake so far, compared with the approved quota in force on that day (or the last one
approved before it, carried forward). As in the staffing headcount, a unit's figures cover its subtree.

The age and rank pyramids count, at the end of each period, the persons of today still present (the
intake's ages and ranks are not known yet); ranks are those held on the as-of date.
"""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import polars as pl
from django.utils.translation import gettext as _

from noivu.core import dates
from noivu.core.permissions import TREE_STEP
from noivu.core.rules import rule_table
from noivu.personnel.models import Category
from noivu.personnel.retirement.engine import AGE_TABLE, RetirementError, age_text, retirement_date
from noivu.staffing.models import QUOTA_OF_CATEGORY, QuotaCategory

YEARS = 5
RETIREMENT, STREAMLINING = "retirement", "streamlining"
# Age bands of the pyramid (nhóm tuổi): lower bounds, each band up to the next bound less one year.
AGE_BOUNDS = (0, 30, 35, 40, 45, 50, 55, 60)
RANKS_SHOWN = 8

PERSON_SCHEMA: dict[str, Any] = {
    "person_id": pl.Int64,
    "path": pl.String,
    "category": pl.String,
    "birth_date": pl.Date,
    "gender": pl.String,
}
RANK_SCHEMA: dict[str, Any] = {"person_id": pl.Int64, "rank_code": pl.String, "rank_name": pl.String}
POSITION_SCHEMA: dict[str, Any] = {
    "person_id": pl.Int64,
    "position_code": pl.String,
    "position_name": pl.String,
}
LEAVE_SCHEMA: dict[str, Any] = {"person_id": pl.Int64, "leave_date": pl.Date, "leave_source": pl.String}
INTAKE_SCHEMA: dict[str, Any] = {
    "path": pl.String,
    "kind": pl.String,
    "on": pl.Date,
    "count": pl.Int64,
    "source": pl.String,
}


@dataclass(frozen=True)
class Period:
    """One of the five periods (năm thứ n): from ``start`` to ``end``, both included."""

    number: int
    start: dt.date
    end: dt.date

    def label(self) -> str:
        return _("Năm thứ %(n)s (%(start)s–%(end)s)") % {
            "n": self.number,
            "start": f"{self.start:%d/%m/%Y}",
            "end": f"{self.end:%d/%m/%Y}",
        }


def periods(as_of: dt.date) -> list[Period]:
    """The five periods after ``as_of``, each ending on an anniversary of it (29/02 → 28/02)."""
    ends = [dates.add_months(as_of, 12 * n) for n in range(YEARS + 1)]
    return [Period(n, ends[n - 1] + dt.timedelta(days=1), ends[n]) for n in range(1, YEARS + 1)]


@dataclass(frozen=True)
class Unit:
    organization_id: int
    code: str
    name: str
    path: str


@dataclass(frozen=True)
class Quota:
    """An approved quota (biên chế được giao) of a unit's subtree, with the decision that gave it."""

    path: str
    kind: str
    quantity: int
    effective_from: dt.date
    effective_to: dt.date | None
    source: str


@dataclass(frozen=True)
class Target:
    """A streamlining target (chỉ tiêu tinh giản): at most ``ceiling`` persons at the end of its period."""

    path: str
    kind: str
    effective_from: dt.date
    effective_to: dt.date | None
    ceiling: int
    source: str


@dataclass
class Facts:
    """What the forecast reads, already limited to the user's scope (see :mod:`noivu.workforce.facts`)."""

    as_of: dt.date
    persons: pl.DataFrame
    ranks: pl.DataFrame
    positions: pl.DataFrame
    leaves: pl.DataFrame
    intakes: pl.DataFrame
    quotas: list[Quota]
    targets: list[Target]
    units: dict[str, Unit]


@dataclass
class YearFigures:
    """A period's figures of a unit and kind: leaves, intake, the headcount at its end, the quota then."""

    period: Period
    retirements: int = 0
    streamlining: int = 0
    intake: int = 0
    headcount: int = 0
    vacated_positions: int = 0
    quota: int | None = None
    quota_source: str = ""
    quota_carried: bool = False
    target: int | None = None
    target_source: str = ""

    @property
    def gap(self) -> int | None:
        """Quota less headcount: positive, places to fill (còn thiếu); negative, persons over it (vượt)."""
        return None if self.quota is None else self.quota - self.headcount

    def as_dict(self) -> dict[str, Any]:
        return {
            "year": self.period.number,
            "start": self.period.start,
            "end": self.period.end,
            "retirements": self.retirements,
            "streamlining": self.streamlining,
            "intake": self.intake,
            "headcount": self.headcount,
            "quota": self.quota,
            "quota_source": self.quota_source,
            "quota_carried": self.quota_carried,
            "gap": self.gap,
            "vacated_positions": self.vacated_positions,
            "target": self.target,
            "target_source": self.target_source,
        }


@dataclass
class ForecastRow:
    """A unit's subtree (or the whole scope, ``unit`` None) and one kind of quota over the five periods."""

    unit: Unit | None
    kind: str
    current: int
    years: list[YearFigures]
    leave_sources: list[str] = field(default_factory=list)
    leave_source_count: int = 0
    intake_sources: list[str] = field(default_factory=list)
    has_children: bool = False

    @property
    def path(self) -> str:
        return self.unit.path if self.unit else ""

    @property
    def depth(self) -> int:
        return len(self.path) // TREE_STEP

    @property
    def kind_label(self) -> str:
        return kind_label(self.kind)

    def as_dict(self) -> dict[str, Any]:
        return {
            "organization": self.unit.code if self.unit else None,
            "organization_name": self.unit.name if self.unit else None,
            "category": self.kind,
            "current": self.current,
            "years": [year.as_dict() for year in self.years],
            "leave_sources": self.leave_sources,
            "leave_source_count": self.leave_source_count,
            "intake_sources": self.intake_sources,
        }


@dataclass
class Forecast:
    as_of: dt.date
    periods: list[Period]
    # One line a unit holding a row, kind and period (the columns of :data:`TABLE_COLUMNS`).
    table: pl.DataFrame
    units: dict[str, Unit]
    sources: dict[tuple[str, str], tuple[list[str], int, list[str]]]
    totals: list[ForecastRow]
    retirement_rules: list[str]
    # One line a person leaving a position: person_id, path, kind, position_code, position_name, leaves_on,
    # reason, source, period.
    vacancies: pl.DataFrame
    # Per period (0: the as-of date) {band label: {gender: count}} and [(rank code, count)].
    age_pyramid: dict[int, dict[str, dict[str, int]]]
    rank_pyramid: dict[int, list[tuple[str, int]]]
    # The name recorded with each rank of the pyramid (a public employee's professional title, which the
    # rank table does not list, is known by it).
    rank_names: dict[str, str]

    def holders(self) -> list[str]:
        """The tree paths of the units that have rows."""
        return sorted(set(self.table["holder"].to_list()))

    def rows_of(self, paths: list[str] | None = None) -> list[ForecastRow]:
        """The rows of the units at ``paths`` (all when None), in tree order."""
        table = self.table if paths is None else self.table.filter(pl.col("holder").is_in(paths))
        return _rows(table.sort("holder", "kind", "period"), self.periods, self.units, self.sources)

    @property
    def rows(self) -> list[ForecastRow]:
        return self.rows_of()


def kind_label(kind: str) -> str:
    if kind in QuotaCategory.values:
        return str(QuotaCategory(kind).label)
    return str(Category(kind).label) if kind in Category.values else kind


def band_labels() -> list[str]:
    labels = []
    for low, high in zip(AGE_BOUNDS, (*AGE_BOUNDS[1:], None), strict=True):
        if low == 0:
            labels.append(_("Dưới %(age)s") % {"age": high})
        elif high is None:
            labels.append(_("Từ %(age)s trở lên") % {"age": low})
        else:
            labels.append(f"{low}–{high - 1}")
    return labels


# --- Retirement dates, columnar -------------------------------------------------------------------------


def with_retirement(persons: pl.DataFrame) -> tuple[pl.DataFrame, list[str]]:
    """``persons`` with ``retires_on`` and ``retirement_source`` (the rule's citation and the age), and the
    citations used. :func:`retirement_date` is called once per gender and month of birth present (a few
    thousand calls for the whole country) and the result joined back; a person the rules cannot decide (an
    unknown gender, an implausible birth year) keeps no retirement date."""
    keys = persons.select(
        "gender", pl.col("birth_date").dt.year().alias("y"), pl.col("birth_date").dt.month().alias("m")
    ).unique()
    ages = rule_table(AGE_TABLE)
    rows = []
    for gender, year, month in keys.iter_rows():
        try:
            result = retirement_date(dt.date(year, month, 1), gender, ages=ages)
        except RetirementError:
            continue
        citation = result.rules[0]["legal_basis"]["citation"]
        rows.append(
            (
                gender,
                year,
                month,
                result.retirement_date,
                f"{citation} ({age_text(result.retirement_age_months)})",
            )
        )
    lookup = pl.DataFrame(
        rows,
        schema={
            "gender": pl.String,
            "y": pl.Int32,
            "m": pl.Int8,
            "retires_on": pl.Date,
            "retirement_source": pl.String,
        },
        orient="row",
    )
    joined = (
        persons.with_columns(
            pl.col("birth_date").dt.year().alias("y"), pl.col("birth_date").dt.month().alias("m")
        )
        .join(lookup, on=["gender", "y", "m"], how="left")
        .drop("y", "m")
    )
    citations = sorted({row[4].split(" (")[0] for row in rows})
    return joined, citations


# --- The forecast -------------------------------------------------------------------------------------


def _period_of(column: str, spans: list[Period]) -> pl.Expr:
    """The number of the period holding the date in ``column`` (1 for a date already past), null after."""
    number = pl.lit(1, pl.Int8)
    for span in spans[:-1]:
        number = number + (pl.col(column) > span.end).cast(pl.Int8)
    return pl.when(pl.col(column) <= spans[-1].end).then(number)


def _leaving(facts: Facts, spans: list[Period]) -> tuple[pl.DataFrame, list[str]]:
    """Every person with kind, retirement, the leave that comes first within the five years and its period."""
    persons, citations = with_retirement(facts.persons)
    leaves = facts.leaves.sort("leave_date").unique("person_id", keep="first")
    frame = (
        persons.join(leaves, on="person_id", how="left")
        .with_columns(
            pl.col("category").replace_strict(QUOTA_OF_CATEGORY, default=pl.col("category")).alias("kind"),
            pl.when(
                pl.col("leave_date").is_not_null()
                & (pl.col("retires_on").is_null() | (pl.col("leave_date") < pl.col("retires_on")))
            )
            .then(pl.lit(STREAMLINING))
            .when(pl.col("retires_on").is_not_null())
            .then(pl.lit(RETIREMENT))
            .alias("reason"),
        )
        .with_columns(
            pl.when(pl.col("reason") == STREAMLINING)
            .then(pl.col("leave_date"))
            .otherwise(pl.col("retires_on"))
            .alias("leaves_on"),
            pl.when(pl.col("reason") == STREAMLINING)
            .then(pl.col("leave_source"))
            .otherwise(pl.col("retirement_source"))
            .alias("source"),
        )
        .with_columns(_period_of("leaves_on", spans).alias("period"))
    )
    return frame, citations


def _holders(facts: Facts, scope_path: str | None) -> list[str]:
    """The units whose rows the forecast gives: every quota holder, and the unit of the scope."""
    paths = {quota.path for quota in facts.quotas if quota.path in facts.units}
    if scope_path and scope_path in facts.units:
        paths.add(scope_path)
    return sorted(paths)


def _roll_up(frame: pl.DataFrame, holders: list[str]) -> pl.DataFrame:
    """Each line of ``frame`` (with ``path``) once for every holder whose subtree holds it (``holder``)."""
    if not holders or frame.is_empty():
        return frame.clear().rename({"path": "holder"})
    parts = []
    for length in sorted({len(path) for path in holders}):
        wanted = pl.DataFrame({"holder": [path for path in holders if len(path) == length]})
        parts.append(
            frame.with_columns(pl.col("path").str.slice(0, length).alias("holder"))
            .join(wanted, on="holder")
            .drop("path")
        )
    return pl.concat(parts)


def _summed(frame: pl.DataFrame, keys: list[str], value: str = "count") -> pl.DataFrame:
    return frame.group_by(keys).agg(pl.col(value).sum().alias(value))


QUOTA_FRAME: dict[str, Any] = {
    "holder": pl.String,
    "kind": pl.String,
    "effective_from": pl.Date,
    "effective_to": pl.Date,
    "amount": pl.Int64,
    "note": pl.String,
}


def _dated(lines: list[tuple]) -> pl.DataFrame:
    return pl.DataFrame(lines, schema=QUOTA_FRAME, orient="row").sort("effective_from")


def _as_of_ends(grid: pl.DataFrame, dated: pl.DataFrame, prefix: str) -> pl.DataFrame:
    """``grid`` with the line of ``dated`` (same holder and kind) started last on or before each period's
    end: ``<prefix>``, ``<prefix>_source`` and ``<prefix>_to`` (when it ended)."""
    found = grid.sort("end").join_asof(
        dated.rename({"effective_from": "start"}),
        left_on="end",
        right_on="start",
        by=["holder", "kind"],
        strategy="backward",
        check_sortedness=False,
    )
    return found.drop("start").rename(
        {"amount": prefix, "note": f"{prefix}_source", "effective_to": f"{prefix}_to"}
    )


def _table(
    current: pl.DataFrame,
    exits: pl.DataFrame,
    intake: pl.DataFrame,
    vacated: pl.DataFrame,
    quotas: pl.DataFrame,
    targets: pl.DataFrame,
    spans: list[Period],
) -> pl.DataFrame:
    """One line a (holder, kind, period): the leaves, the intake, the headcount at the period's end, the
    quota then (the last one started, ``quota_carried`` when it has ended) and the target in force."""
    keys = ["holder", "kind"]
    ends = pl.DataFrame(
        {"period": [s.number for s in spans], "end": [s.end for s in spans]},
        schema={"period": pl.Int8, "end": pl.Date},
    )
    grid = (
        pl.concat(
            [
                current.select(keys),
                intake.select(keys),
                quotas.select(keys),
            ]
        )
        .unique()
        .join(current, on=keys, how="left")
        .join(ends, how="cross")
    )
    on = [*keys, "period"]
    for reason, name in ((RETIREMENT, "retirements"), (STREAMLINING, "streamlining")):
        part = exits.filter(pl.col("reason") == reason).select(*on, pl.col("count").alias(name))
        grid = grid.join(part, on=on, how="left")
    grid = grid.join(intake.rename({"count": "intake"}), on=on, how="left").join(
        vacated.rename({"count": "vacated_positions"}), on=on, how="left"
    )
    counts = ["current", "retirements", "streamlining", "intake", "vacated_positions"]
    grid = (
        grid.with_columns(pl.col(counts).fill_null(0).cast(pl.Int64))
        .sort(*keys, "period")
        .with_columns(
            (
                pl.col("current")
                + (pl.col("intake") - pl.col("retirements") - pl.col("streamlining")).cum_sum().over(keys)
            ).alias("headcount")
        )
    )
    grid = _as_of_ends(grid, quotas, "quota")
    grid = _as_of_ends(grid, targets, "target")
    ended = pl.col("target_to").is_not_null() & (pl.col("target_to") < pl.col("end"))
    return grid.with_columns(
        (pl.col("quota_to").is_not_null() & (pl.col("quota_to") < pl.col("end")))
        .fill_null(False)
        .alias("quota_carried"),
        pl.when(ended).then(None).otherwise(pl.col("target")).alias("target"),
        pl.when(ended).then(None).otherwise(pl.col("target_source")).alias("target_source"),
    ).drop("quota_to", "target_to")


def _rows(
    table: pl.DataFrame,
    spans: list[Period],
    units: dict[str, Unit],
    sources: dict[tuple[str, str], tuple[list[str], int, list[str]]],
) -> list[ForecastRow]:
    rows: list[ForecastRow] = []
    for line in table.iter_rows(named=True):
        key = (line["holder"], line["kind"])
        if not rows or (rows[-1].path, rows[-1].kind) != key:
            shown, count, intakes = sources.get(key, ([], 0, []))
            rows.append(
                ForecastRow(
                    units.get(line["holder"]),
                    line["kind"],
                    line["current"],
                    [],
                    leave_sources=shown,
                    leave_source_count=count,
                    intake_sources=intakes,
                )
            )
        rows[-1].years.append(
            YearFigures(
                spans[line["period"] - 1],
                retirements=line["retirements"],
                streamlining=line["streamlining"],
                intake=line["intake"],
                headcount=line["headcount"],
                vacated_positions=line["vacated_positions"],
                quota=line["quota"],
                quota_source=line["quota_source"] or "",
                quota_carried=line["quota_carried"],
                target=line["target"],
                target_source=line["target_source"] or "",
            )
        )
    return rows


def _sources(
    streamlined: pl.DataFrame, intakes: pl.DataFrame, limit: int = 5
) -> dict[tuple[str, str], tuple[list[str], int, list[str]]]:
    """Per (holder, kind) the first decisions of the streamlining leaves, their number and the plans."""
    found: dict[tuple[str, str], tuple[list[str], int, list[str]]] = {}
    if not streamlined.is_empty():
        grouped = streamlined.group_by("holder", "kind").agg(
            pl.col("source").sort().head(limit).alias("shown"), pl.len().alias("n")
        )
        for holder, kind, shown, n in grouped.iter_rows():
            found[holder, kind] = (shown, n, [])
    if not intakes.is_empty():
        for holder, kind, plans in (
            intakes.group_by("holder", "kind").agg(pl.col("source").unique().sort()).iter_rows()
        ):
            shown, n, _plans = found.get((holder, kind), ([], 0, []))
            found[holder, kind] = (shown, n, plans)
    return found


def forecast(facts: Facts, scope_path: str | None = None) -> Forecast:
    """The five-year forecast of ``facts`` (read for the scope ``scope_path``, the whole scope when None)."""
    spans = periods(facts.as_of)
    people, citations = _leaving(facts, spans)
    people = people.join(facts.positions.unique("person_id"), on="person_id", how="left")
    holders = _holders(facts, scope_path)

    leaving = people.filter(pl.col("period").is_not_null())
    exits = leaving.group_by("path", "kind", "period", "reason").agg(pl.len().alias("count"))
    current = people.group_by("path", "kind").agg(pl.len().alias("current"))
    vacancies = leaving.filter(pl.col("position_code").is_not_null()).select(
        "person_id",
        "path",
        "kind",
        "position_code",
        "position_name",
        "leaves_on",
        "reason",
        "source",
        "period",
    )
    vacated = vacancies.group_by("path", "kind", "period").agg(pl.len().alias("count"))
    intakes = facts.intakes.with_columns(
        pl.when(pl.col("on") <= facts.as_of)
        .then(pl.lit(1, pl.Int8))
        .otherwise(_period_of("on", spans))
        .alias("period")
    ).filter(pl.col("period").is_not_null())
    intake = intakes.group_by("path", "kind", "period").agg(pl.col("count").sum())

    in_rows = set(holders)
    quotas = _dated(
        [
            (q.path, q.kind, q.effective_from, q.effective_to, q.quantity, q.source)
            for q in facts.quotas
            if q.path in in_rows
        ]
    )
    targets = _dated(
        [
            (t.path, t.kind, t.effective_from, t.effective_to, t.ceiling, t.source)
            for t in facts.targets
            if t.path in in_rows
        ]
    )
    table = _table(
        _summed(_roll_up(current, holders), ["holder", "kind"], "current"),
        _summed(_roll_up(exits, holders), ["holder", "kind", "period", "reason"]),
        _summed(_roll_up(intake, holders), ["holder", "kind", "period"]),
        _summed(_roll_up(vacated, holders), ["holder", "kind", "period"]),
        quotas,
        targets,
        spans,
    )
    sources = _sources(
        _roll_up(leaving.filter(pl.col("reason") == STREAMLINING).select("path", "kind", "source"), holders),
        _roll_up(intakes.select("path", "kind", "source"), holders),
    )
    totals = _totals(current, exits, intake, vacated, facts, spans)
    rank_pyramid = _rank_pyramid(
        people.join(facts.ranks.unique("person_id"), on="person_id", how="left"), spans
    )
    return Forecast(
        as_of=facts.as_of,
        periods=spans,
        table=table,
        units=facts.units,
        sources=sources,
        totals=totals,
        retirement_rules=citations,
        vacancies=vacancies.sort("leaves_on", "path", "person_id"),
        age_pyramid=_age_pyramid(people, facts.as_of, spans),
        rank_pyramid=rank_pyramid,
        rank_names=_rank_names(facts.ranks, {code for code, _n in rank_pyramid[0]}),
    )


def _top_quotas(quotas: list[Quota]) -> list[Quota]:
    """The quotas with no quota of the same kind above them, so that a subtree is not counted twice."""
    paths = {(quota.path, quota.kind) for quota in quotas}
    return [
        quota
        for quota in quotas
        if not any(
            (quota.path[:n], quota.kind) in paths for n in range(TREE_STEP, len(quota.path), TREE_STEP)
        )
    ]


def _totals(
    current: pl.DataFrame,
    exits: pl.DataFrame,
    intake: pl.DataFrame,
    vacated: pl.DataFrame,
    facts: Facts,
    spans: list[Period],
) -> list[ForecastRow]:
    """The rows of the whole scope, one a kind: every person counted once, the quota the sum of the top
    quotas."""
    whole = pl.lit("")
    tops = _top_quotas(facts.quotas)
    by_top = _table(
        pl.DataFrame(schema={"holder": pl.String, "kind": pl.String, "current": pl.Int64}),
        exits.clear().rename({"path": "holder"}),
        intake.clear().rename({"path": "holder"}),
        vacated.clear().rename({"path": "holder"}),
        _dated([(q.path, q.kind, q.effective_from, q.effective_to, q.quantity, q.source) for q in tops]),
        _dated([]),
        spans,
    )
    quota = by_top.group_by("kind", "period").agg(
        pl.when(pl.col("quota").is_not_null().any()).then(pl.col("quota").sum()).alias("amount"),
        pl.col("quota_carried").any().alias("carried"),
    )
    table = _table(
        current.group_by("kind").agg(pl.col("current").sum()).with_columns(whole.alias("holder")),
        exits.group_by("kind", "period", "reason")
        .agg(pl.col("count").sum())
        .with_columns(whole.alias("holder")),
        intake.group_by("kind", "period").agg(pl.col("count").sum()).with_columns(whole.alias("holder")),
        vacated.group_by("kind", "period").agg(pl.col("count").sum()).with_columns(whole.alias("holder")),
        _dated([("", q.kind, dt.date(1900, 1, 1), None, 0, "") for q in tops]).unique(["kind"]),
        _dated([]),
        spans,
    )
    table = (
        table.drop("quota", "quota_carried")
        .join(quota, on=["kind", "period"], how="left")
        .rename({"amount": "quota"})
        .with_columns(
            pl.col("carried").fill_null(False).alias("quota_carried"), pl.lit("").alias("quota_source")
        )
    )
    return _rows(table.sort("kind", "period"), spans, {}, {})


def _age_pyramid(
    people: pl.DataFrame, as_of: dt.date, spans: list[Period]
) -> dict[int, dict[str, dict[str, int]]]:
    """Per period (0: the as-of date) the persons still present by age band and gender. Each period ends on
    an anniversary of the as-of date, so a person's age then is their age on the as-of date plus the
    period's number: one grouping of the persons serves every period."""
    labels = band_labels()
    birthday_later = (pl.col("birth_date").dt.month() > as_of.month) | (
        (pl.col("birth_date").dt.month() == as_of.month) & (pl.col("birth_date").dt.day() > as_of.day)
    )
    age = (pl.lit(as_of.year) - pl.col("birth_date").dt.year() - birthday_later.cast(pl.Int32)).alias("age")
    grouped = people.group_by(age, "gender", "period").agg(pl.len()).rows()
    pyramid: dict[int, dict[str, dict[str, int]]] = {}
    for number in range(len(spans) + 1):
        figures: dict[str, dict[str, int]] = {label: {"M": 0, "F": 0} for label in labels}
        for years, gender, period, count in grouped:
            if number and period is not None and period <= number:
                continue
            band = sum(1 for bound in AGE_BOUNDS[1:] if years + number >= bound)
            figures[labels[band]][gender] = figures[labels[band]].get(gender, 0) + count
        pyramid[number] = figures
    return pyramid


def _rank_names(ranks: pl.DataFrame, codes: set[str]) -> dict[str, str]:
    """The most often recorded name of each rank of ``codes``."""
    named = ranks.filter(pl.col("rank_code").is_in(list(codes)) & (pl.col("rank_name").fill_null("") != ""))
    counted = (
        named.group_by("rank_code", "rank_name")
        .agg(pl.len())
        .sort("len", "rank_name", descending=[True, False])
    )
    return {
        code: name
        for code, name in counted.unique("rank_code", keep="first", maintain_order=True)
        .select("rank_code", "rank_name")
        .rows()
    }


def _rank_pyramid(people: pl.DataFrame, spans: list[Period]) -> dict[int, list[tuple[str, int]]]:
    """Per period the persons by rank held on the as-of date: the most common ranks of today, the rest as
    one line ("" when no rank is recorded)."""
    grouped = people.group_by("rank_code", "period").agg(pl.len()).rows()
    today: dict[str, int] = {}
    for code, _period, count in grouped:
        today[code or ""] = today.get(code or "", 0) + count
    shown = [code for code, _n in sorted(today.items(), key=lambda item: (-item[1], item[0])) if code][
        :RANKS_SHOWN
    ]
    result = {}
    for number in range(len(spans) + 1):
        counts: dict[str, int] = {}
        for code, period, count in grouped:
            if number and period is not None and period <= number:
                continue
            counts[code or ""] = counts.get(code or "", 0) + count
        lines = [(code, counts.get(code, 0)) for code in shown]
        rest = sum(count for code, count in counts.items() if code not in shown)
        if rest:
            lines.append(("", rest))
        result[number] = lines
    return result


def focus(paths: list[str], under: str | None = None) -> tuple[list[str], set[str]]:
    """The units a page shows of ``paths`` (the units with rows): the unit ``under`` (or the top ones) and the
    nearest ones below them; and those of them with units below (for the next step of the drill-down)."""
    known = set(paths)

    def nearest_above(path: str) -> str | None:
        return next(
            (path[:n] for n in range(len(path) - TREE_STEP, 0, -TREE_STEP) if path[:n] in known), None
        )

    parents = {path: nearest_above(path) for path in known}
    with_children = {parent for parent in parents.values() if parent is not None}
    heads = {under} if under in known else {path for path in known if parents[path] is None}
    shown = sorted(path for path in known if path in heads or parents[path] in heads)
    return shown, with_children & set(shown)
