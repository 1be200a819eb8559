"""Step raises and rank changes (nâng bậc lương, nâng ngạch, chuyển ngạch): the dates and placements the
law sets, as pure functions over dates and coefficients.

- Regular raise (Thông tư 08/2013/TT-BNV Điều 2): one step after the group's interval (36 months for
  A0–A3, 24 for B, C and Bảng 4, 60 for Bảng 1), postponed by discipline and unsatisfactory years.
- Seniority beyond the frame (Nghị định 204/2004/NĐ-CP Điều 6 khoản 1 điểm a): at the last step, 5 % after
  the same interval, then 1 % a year.
- Early raise (Điều 3 khoản 1): up to 12 months early when at most 12 months are lacking on 31/12 of the
  review year; the new step runs from the regular date less the months granted.
- Promotion or transfer of rank (Thông tư 02/2007/TT-BNV Mục II): the nearest equal or higher coefficient
  of the new scale, a reserved difference above its last step, and the next-raise clock kept or reset.
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import polars as pl
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from noivu.core.dates import add_months
from noivu.core.rules import RuleTable
from noivu.payroll.engine import HUNDRED, SalaryInputError, SalaryLaw, months_between

RULES_TABLE = "step_raise_rules"


def regular_raise_due(clock_from: dt.date, interval_months: int, postponed_months: int = 0) -> dt.date:
    """The date of the next regular raise: the clock's start plus the interval and any postponement."""
    return add_months(clock_from, interval_months + postponed_months)


@dataclass(frozen=True)
class Postponement:
    """Months a raise is postponed, and why (one line per discipline or unsatisfactory year)."""

    months: int
    reasons: tuple[str, ...]


def postponement(
    rules: RuleTable,
    category: str,
    day: dt.date,
    disciplines: Sequence[str] = (),
    unsatisfactory_years: int = 0,
    same_act: bool = False,
) -> Postponement:
    """Months of postponement for ``disciplines`` (forms: reprimand, warning, demotion, dismissal) and
    ``unsatisfactory_years`` within the holding period; they add up, except that a discipline and an
    unsatisfactory year for the same act count once, the longer (``same_act``)."""
    parts: list[tuple[int, str]] = []
    for form in disciplines:
        row = rules.get(f"discipline.{category}.{form}", day)
        if row is None:
            raise SalaryInputError(
                "disciplines",
                f"hình thức kỷ luật '{form}' không áp dụng cho đối tượng {category} (bảng {RULES_TABLE})",
            )
        parts.append(
            (
                int(row.value["months"]),
                f"kỷ luật {form}: {row.value['months']} tháng ({row.legal_basis.citation})",
            )
        )
    if unsatisfactory_years:
        row = rules.lookup("unsatisfactory_year", day)
        each = int(row.value["months"])
        parts.append(
            (
                each * unsatisfactory_years,
                f"{unsatisfactory_years} năm không hoàn thành nhiệm vụ: {each} tháng mỗi năm",
            )
        )
    if same_act and len(parts) > 1:
        longest = max(parts)
        return Postponement(longest[0], (longest[1] + " (cùng một hành vi: tính mức cao hơn)",))
    return Postponement(sum(months for months, _ in parts), tuple(reason for _, reason in parts))


def seniority_schedule(
    last_step_since: dt.date, after_months: int, until: dt.date, postponed_months: int = 0
) -> list[tuple[dt.date, int]]:
    """Each date the % beyond the frame starts or grows, up to ``until``: 5 % after ``after_months`` at the
    last step, then 1 % more each year."""
    schedule = []
    start = add_months(last_step_since, after_months + postponed_months)
    percent = 5
    while start <= until:
        schedule.append((start, percent))
        start = add_months(start, 12)
        percent += 1
    return schedule


@dataclass(frozen=True)
class EarlyRaise:
    """An early raise (nâng bậc lương trước thời hạn): whether the rule allows it, its date, back pay."""

    eligible: bool
    regular_due: dt.date
    months_lacking: int
    effective_from: dt.date
    back_pay_months: tuple[str, ...]
    reason: str


def early_raise(
    rules: RuleTable,
    regular_due: dt.date,
    months_early: int,
    review_year: int,
    decided_on: dt.date | None = None,
) -> EarlyRaise:
    """An early raise of ``months_early`` for a regular raise due on ``regular_due``, reviewed in
    ``review_year``: allowed when at most 12 months are lacking on 31/12 of that year; the new step runs
    from the regular date less the months granted, with back pay for the months before the decision."""
    row = rules.lookup("early_raise", dt.date(review_year, 12, 31))
    limit_early = int(row.value["max_months_early"])
    if not 1 <= months_early <= limit_early:
        raise SalaryInputError(
            "months_early", f"nâng trước thời hạn từ 1 đến {limit_early} tháng ({row.legal_basis.citation})"
        )
    lacking = months_between(dt.date(review_year, 12, 31), regular_due)
    eligible = lacking <= int(row.value["max_months_lacking"])
    effective = add_months(regular_due, -months_early)
    back_pay: tuple[str, ...] = ()
    if decided_on is not None and effective < decided_on:
        month = effective.replace(day=1)
        months = []
        while month < decided_on.replace(day=1):
            months.append(f"{month:%Y-%m}")
            month = add_months(month, 1)
        back_pay = tuple(months)
    reason = (
        f"Tính đến 31/12/{review_year} còn thiếu {lacking} tháng để nâng bậc thường xuyên "
        f"({'không quá' if eligible else 'quá'} {row.value['max_months_lacking']} tháng, "
        f"{row.legal_basis.citation})."
    )
    return EarlyRaise(eligible, regular_due, lacking, effective, back_pay, reason)


@dataclass(frozen=True)
class Placement:
    """Where a person lands on a new scale (xếp lương ngạch mới)."""

    step: int
    coefficient: Decimal
    reserved_coefficient: Decimal
    seniority_percent: int
    old_total: Decimal
    clock_from: dt.date
    reason: str


def _two_places(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def place_on_new_scale(
    old_coefficients: Sequence[Decimal],
    old_step: int,
    old_seniority_percent: int,
    old_since: dt.date,
    new_coefficients: Sequence[Decimal],
    appointed_on: dt.date,
    *,
    transfer: bool = False,
) -> Placement:
    """Placement on a new rank's scale (Thông tư 02/2007/TT-BNV Mục II).

    Promotion (nâng ngạch, khoản 1): the old coefficient plus the seniority beyond the frame is placed on
    the equal or nearest higher coefficient of the new scale; above its last step, on the last step with
    the difference reserved. The clock restarts on the appointment when the person had seniority beyond
    the frame or gained at least one step's gap of the old scale; it is kept otherwise.

    Transfer (chuyển ngạch, ``transfer``, khoản 2): to a scale with the same coefficient at the same step,
    the step, % and clock are kept; to a higher one, as a promotion; to a lower one, the step, % and clock
    are kept with the difference to the old total reserved.
    """
    if not 1 <= old_step <= len(old_coefficients):
        raise SalaryInputError(
            "old_step", f"bậc {old_step} vượt bậc cuối (bậc {len(old_coefficients)}) của ngạch cũ"
        )
    old = old_coefficients[old_step - 1]
    old_total = _two_places(old * (HUNDRED + old_seniority_percent) / HUNDRED)
    if transfer and old_step <= len(new_coefficients) and new_coefficients[old_step - 1] <= old:
        same = new_coefficients[old_step - 1]
        new_total = _two_places(same * (HUNDRED + old_seniority_percent) / HUNDRED)
        return Placement(
            old_step,
            same,
            old_total - new_total,
            old_seniority_percent,
            old_total,
            old_since,
            "Chuyển ngạch: xếp ngang bậc, giữ % thâm niên vượt khung và mốc nâng bậc"
            + (", hưởng hệ số chênh lệch bảo lưu" if same < old else "")
            + " (02/2007/TT-BNV Mục II khoản 2).",
        )
    higher = [(index + 1, value) for index, value in enumerate(new_coefficients) if value >= old_total]
    if not higher:
        last = new_coefficients[-1]
        return Placement(
            len(new_coefficients),
            last,
            old_total - last,
            0,
            old_total,
            appointed_on,
            "Hệ số cũ (kể cả thâm niên vượt khung) cao hơn bậc cuối ngạch mới: xếp bậc cuối, "
            "hưởng hệ số chênh lệch bảo lưu (02/2007/TT-BNV Mục II khoản 1).",
        )
    step, coefficient = higher[0]
    index = max(old_step - 1, 1)
    gap = old_coefficients[index] - old_coefficients[index - 1]
    reset = bool(old_seniority_percent) or coefficient - old >= gap
    return Placement(
        step,
        coefficient,
        Decimal(0),
        0,
        old_total,
        appointed_on if reset else old_since,
        (
            f"Xếp hệ số bằng hoặc cao hơn gần nhất {coefficient} (bậc {step}); "
            f"chênh lệch {coefficient - old} "
            + ("≥" if coefficient - old >= gap else "<")
            + f" chênh lệch hai bậc liền kề ngạch cũ {gap}: mốc nâng bậc "
            + ("tính từ ngày bổ nhiệm" if reset else "giữ như cũ")
            + " (02/2007/TT-BNV Mục II khoản 1)."
        ),
    )


# The list of raises due in a year, columnar -----------------------------------------------------------

# Postponements (kéo dài thời gian nâng bậc) are facts other apps decide, read through core's
# ``person_facts`` without importing them: a year rated below "hoàn thành nhiệm vụ" (evaluation) and a
# discipline decision (awards). Each counts when dated within the holding period of the
# step, by the months the rule table ``step_raise_rules`` sets.
UNSATISFACTORY_YEAR = "evaluation.step_raise_postponed"
DISCIPLINE = "awards.discipline"

# Forms of discipline of the personnel record → the forms of the rule table ``step_raise_rules``.
DISCIPLINE_FORMS = {
    "reprimand": "reprimand",
    "warning": "warning",
    "demotion": "demotion",
    "dismissal_post": "dismissal",
}
DISCIPLINE_LABELS = {
    "reprimand": gettext_lazy("khiển trách"),
    "warning": gettext_lazy("cảnh cáo"),
    "demotion": gettext_lazy("giáng chức"),
    "dismissal": gettext_lazy("cách chức"),
}
NAMED_PERSONS_LIMIT = 2_000
POSTPONEMENT_COLUMNS = {"person_id": pl.Int64, "on": pl.Date, "months": pl.Int64, "reason": pl.Utf8}


def postponement_facts(held: pl.DataFrame, start: dt.date, end: dt.date, rules: RuleTable) -> pl.DataFrame:
    """The postponing facts of the persons of ``held`` (columns person_id, category) dated within
    [start, end]: one row each with its months and its reason, citations included."""
    from noivu.core.extensions import person_facts

    # Postponing facts are rare: for a large list every fact of the period is read and the others are
    # dropped by the join on the persons, cheaper than a query naming tens of thousands of persons.
    ids: list[int] | None = held["person_id"].to_list() if held.height <= NAMED_PERSONS_LIMIT else None
    categories = dict(held.select("person_id", "category").iter_rows())
    rows: list[tuple[int, dt.date, int, str]] = []
    for fact in person_facts(UNSATISFACTORY_YEAR, ids, start, end):
        rule = rules.get("unsatisfactory_year", fact.on)
        if rule is not None:
            months = int(rule.value["months"])
            rows.append(
                (
                    fact.person_id,
                    fact.on,
                    months,
                    _(
                        "Năm %(year)s xếp loại không hoàn thành nhiệm vụ (%(source)s): kéo dài %(months)s "
                        "tháng (%(rule)s)"
                    )
                    % {
                        "year": fact.on.year,
                        "source": fact.citation,
                        "months": months,
                        "rule": rule.legal_basis.citation,
                    },
                )
            )
    for fact in person_facts(DISCIPLINE, ids, start, end):
        form = DISCIPLINE_FORMS.get(fact.detail)
        rule = rules.get(f"discipline.{categories.get(fact.person_id)}.{form}", fact.on) if form else None
        if rule is not None and form is not None:
            months = int(rule.value["months"])
            rows.append(
                (
                    fact.person_id,
                    fact.on,
                    months,
                    _("Kỷ luật %(form)s (%(source)s): kéo dài %(months)s tháng (%(rule)s)")
                    % {
                        "form": DISCIPLINE_LABELS[form],
                        "source": fact.citation,
                        "months": months,
                        "rule": rule.legal_basis.citation,
                    },
                )
            )
    return pl.DataFrame(rows, schema=POSTPONEMENT_COLUMNS, orient="row")


DUE_COLUMNS = {
    "person_id": pl.Int64,
    "organization_id": pl.Int64,
    "category": pl.Utf8,
    "salary_table": pl.Utf8,
    "salary_group": pl.Utf8,
    "step": pl.Int64,
    "coefficient_e4": pl.Int64,
    "seniority_percent": pl.Int64,
    "kept_clock": pl.Date,
    "salary_id": pl.Int64,
    "salary_from": pl.Date,
}

DUE_SQL = """
    WITH staff AS (
        SELECT a.person_id, a.organization_id, a.category
        FROM personnel_assignment a
        JOIN organizations_organization o ON o.id = a.organization_id
        WHERE a.is_primary AND a.effective_from <= %s AND (a.effective_to IS NULL OR a.effective_to >= %s)
          AND o.path LIKE %s
    )
    SELECT staff.person_id, staff.organization_id, staff.category, s.salary_table, s.salary_group, s.step,
           CAST(ROUND(s.coefficient * 10000) AS BIGINT), s.seniority_percent,
           s.clock_from, s.id, s.effective_from
    FROM staff
    JOIN payroll_salaryhistory s ON s.person_id = staff.person_id
    WHERE s.effective_from <= %s AND (s.effective_to IS NULL OR s.effective_to >= %s)
"""


def raises_due(root_path: str, year: int, law: SalaryLaw, *, by_regular_date: bool = False) -> pl.DataFrame:
    """Every regular step raise and seniority-beyond-the-frame increase due in ``year`` in the subtree at
    ``root_path``: the step held on 1 January, its clock, the group's interval (and the months at the last
    step before 5 %), pushed back by the postponing facts of the holding period (``postponed`` months,
    ``reasons`` with their citations). With ``by_regular_date``, those whose regular date (before any
    postponement) falls in ``year``: the persons a postponement disqualifies from an early raise."""
    from noivu.core.frames import read_frame
    from noivu.core.rules import rule_table
    from noivu.payroll.persons import TABLE_OF_CATEGORY

    rules = rule_table(RULES_TABLE)
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    held = read_frame(DUE_SQL, [start, start, f"{root_path}%", start, start], DUE_COLUMNS).with_columns(
        # A promotion that keeps the clock of the old rank records it (Thông tư 02/2007/TT-BNV Mục II).
        pl.coalesce("kept_clock", "salary_from").alias("clock_from")
    )
    scales = [
        {
            "scale": code,
            "interval": int(row.value["raise_interval_months"]),
            "after": int(row.value["seniority_after_months"] or 0),
            "last_step": len(row.value["coefficients"]),
            "next_e4": [int(Decimal(value) * 10000) for value in row.value["coefficients"]],
        }
        for code, row in law.scales.in_force(start).items()
    ]
    scale_frame = pl.DataFrame(
        scales,
        schema={
            "scale": pl.Utf8,
            "interval": pl.Int64,
            "after": pl.Int64,
            "last_step": pl.Int64,
            "next_e4": pl.List(pl.Int64),
        },
    )
    table = (
        pl.when(pl.col("salary_table") != "")
        .then(pl.col("salary_table"))
        .otherwise(pl.col("category").replace_strict(TABLE_OF_CATEGORY, default="", return_dtype=pl.Utf8))
    )
    placed = (
        held.lazy()
        .with_columns((table + "." + pl.col("salary_group")).alias("scale"))
        .join(scale_frame.lazy(), on="scale", how="inner")
        .with_columns((pl.col("step") >= pl.col("last_step")).alias("beyond_frame"))
        .filter(~pl.col("beyond_frame") | (pl.col("after") > 0))
        .with_columns(
            pl.when(~pl.col("beyond_frame"))
            .then(pl.col("interval"))
            .when(pl.col("seniority_percent") == 0)
            .then(pl.col("after"))
            # Each increase is its own dated record: the next comes a year after the current one.
            .otherwise(12)
            .alias("months")
        )
        .with_columns(
            pl.col("clock_from").dt.offset_by(pl.format("{}mo", pl.col("months"))).alias("regular_due")
        )
        # Postponements only push a raise later: one regularly due after the year is not due in it.
        .filter(pl.col("regular_due") <= end)
        .collect()
    )
    # The facts dated within each person's holding period, from its start to the regular due date.
    facts = postponement_facts(
        placed.select("person_id", "category"),
        placed["clock_from"].min() or start,  # type: ignore[arg-type]
        end,
        rules,
    )
    delays = (
        facts.lazy()
        .join(placed.lazy().select("person_id", "clock_from", "regular_due"), on="person_id")
        .filter(pl.col("on").is_between(pl.col("clock_from"), pl.col("regular_due")))
        .sort("person_id", "on")
        .group_by("person_id")
        .agg(pl.col("months").sum().alias("postponed"), pl.col("reason").str.join("; ").alias("reasons"))
    )
    frame = (
        placed.lazy()
        .join(delays, on="person_id", how="left")
        .with_columns(pl.col("postponed").fill_null(0), pl.col("reasons").fill_null(""))
        .with_columns(
            pl.col("regular_due").dt.offset_by(pl.format("{}mo", pl.col("postponed"))).alias("due_on"),
            pl.when(pl.col("beyond_frame"))
            .then(pl.col("step"))
            .otherwise(pl.col("step") + 1)
            .alias("new_step"),
            pl.when(pl.col("beyond_frame"))
            .then(pl.max_horizontal(pl.col("seniority_percent") + 1, pl.lit(5)))
            .otherwise(0)
            .alias("new_seniority_percent"),
        )
        .filter(pl.col("regular_due" if by_regular_date else "due_on").is_between(start, end))
        .with_columns(
            pl.col("next_e4").list.get(pl.col("new_step") - 1, null_on_oob=True).alias("new_coefficient_e4")
        )
        .select(
            "person_id",
            "organization_id",
            "scale",
            "step",
            "coefficient_e4",
            "seniority_percent",
            "clock_from",
            "salary_id",
            "salary_from",
            "postponed",
            "reasons",
            "regular_due",
            "due_on",
            "beyond_frame",
            "new_step",
            "new_coefficient_e4",
            "new_seniority_percent",
        )
        .sort("due_on", "person_id")
    )
    return frame.collect()


# Early raises on a retirement notice, columnar ----------------------------------------------------------

NOTICE_COLUMNS = {"person_id": pl.Int64, "retires_on": pl.Date}


def _whole_months(start: pl.Expr, end: pl.Expr) -> pl.Expr:
    """Whole months from ``start`` to ``end`` (as :func:`noivu.payroll.engine.months_between`, unclipped)."""
    return (
        (end.dt.year() - start.dt.year()) * 12
        + end.dt.month().cast(pl.Int64)
        - start.dt.month().cast(pl.Int64)
        - (end.dt.day() < start.dt.day()).cast(pl.Int64)
    )


def retirement_raises(held: pl.DataFrame, notices: pl.DataFrame, rules: RuleTable, year: int) -> pl.DataFrame:
    """The early raise on a retirement notice (Thông tư 08/2013/TT-BNV Điều 3 khoản 2) of each person of
    ``notices`` (person_id, retires_on: the retirement date of the notice), from ``held``, the raises due of
    :func:`raises_due` (the review year and the next): one step, ``months_early`` (12) months before the
    regular date, when the person is not at the last step, met both standards over the holding period (no
    postponing discipline or unsatisfactory year) and lacks at most ``max_months_lacking`` (12) months on
    the retirement date. Each row carries ``problem`` (None when granted: not_due, last_step, standards,
    due_before_retirement, months_lacking), ``months_lacking`` and ``effective_from``."""
    row = rules.lookup("retirement_raise", dt.date(year, 12, 31))
    early, lacking = int(row.value["months_early"]), int(row.value["max_months_lacking"])
    columns = ["person_id", "beyond_frame", "postponed", "reasons", "regular_due", "due_on"]
    return (
        notices.lazy()
        .join(held.lazy().select(columns).unique("person_id", keep="first"), on="person_id", how="left")
        .with_columns(
            _whole_months(pl.col("retires_on"), pl.col("regular_due")).alias("months_lacking"),
            pl.col("retires_on").dt.offset_by(f"{lacking}mo").alias("latest_due"),
            pl.col("regular_due").dt.offset_by(f"-{early}mo").alias("effective_from"),
        )
        .with_columns(
            pl.when(pl.col("regular_due").is_null())
            .then(pl.lit("not_due"))
            .when(pl.col("beyond_frame"))
            .then(pl.lit("last_step"))
            .when(pl.col("postponed") > 0)
            .then(pl.lit("standards"))
            .when(pl.col("regular_due") < pl.col("retires_on"))
            .then(pl.lit("due_before_retirement"))
            .when(pl.col("regular_due") > pl.col("latest_due"))
            .then(pl.lit("months_lacking"))
            .alias("problem")
        )
        .with_columns(pl.lit(early).alias("months_early"))
        .collect()
    )
