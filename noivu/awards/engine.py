"""The eligibility engine of emulation and commendation (xét điều kiện thi đua, khen thưởng) and the reward
money (tiền thưởng).

- :func:`screen`: for a set of persons and a year, each title and form of the rule table ``award_titles``
  (Lao động tiên tiến, Chiến sĩ thi đua cơ sở, bộ/tỉnh, toàn quốc, Bằng khen of a ministry or province and
  of the Prime Minister, Huân chương Lao động hạng Ba) eligible or refused, with every condition checked.
  It is a set operation over Polars frames of the history (ratings, titles held, initiatives, discipline
  periods): one frame per kind of fact, never a loop over persons.
- :func:`screen_collectives`: the collective titles (Tập thể lao động xuất sắc, tiên tiến) of each unit from
  its own rating and the screening of its members, grouped in one pass, and the flags (Cờ thi đua of a
  ministry or province, of the Government) and the Bằng khen of a ministry or province for a collective
  from its ratings of the years before and the titles it holds.
- :func:`reward_amount`: the money of a title or form, the coefficient of the rule table ``award_money`` in
  force on the decision date times the base salary of the core table ``base_salary`` that day, rounded up
  to ten thousand đồng (Nghị định 152/2025/NĐ-CP Điều 49).
- :func:`votes_needed`: the yes votes of all the council's members a nominee needs for a title (Nghị định
  98/2023/NĐ-CP khoản 7 Điều 30), rounded up to a whole vote.
- :func:`rank_within_quota`: where an organisation sets a quota of a title (:class:`Quota`), the eligible
  candidates in the stated order (``award_ranking``: the year's rating, then initiatives or the share of
  members found Lao động tiên tiến), equals ordered women first (Nghị định 152/2025/NĐ-CP Điều 4), each
  marked within or beyond the places, and those still equal at the limit marked as such.
- :func:`history_frames`: the history of a set of persons read from the database in one query per kind;
  :func:`scope_screening` screens every person and unit of a scope with it.

The regime (Nghị định 98/2023/NĐ-CP, then 152/2025/NĐ-CP from 1/7/2025) is the one in force on the decision
date; each condition carries the citation and the confidence of the rule it rests on.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import ROUND_CEILING, Decimal
from functools import cached_property
from typing import Any

import polars as pl
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from noivu.awards.models import (
    LEVEL_RANK,
    AwardQuota,
    AwardRecord,
    DisciplineRecord,
    Initiative,
    UnitAward,
)
from noivu.core.calculators import base_salary_on
from noivu.core.frames import queryset_frame
from noivu.core.money import Dong, format_dong
from noivu.core.permissions import TREE_STEP
from noivu.core.rules import RuleNotFound, RuleTable, RuleValue, rule_table
from noivu.evaluation.models import Evaluation, PeriodKind, Status, UnitEvaluation
from noivu.organizations.models import Organization
from noivu.personnel.models import Gender, Person

TITLES, MONEY, REGIMES, VOTES = "award_titles", "award_money", "award_regimes", "award_council_votes"
RANKING = "award_ranking"
FIRST_DECISION = dt.date(2024, 1, 1)
COMPLETED = ("HTXS", "HTT", "HT")
INDIVIDUAL, COLLECTIVE = "individual", "collective"

RATINGS = {"person_id": pl.Int64, "year": pl.Int32, "rating": pl.String}
HELD = {"person_id": pl.Int64, "year": pl.Int32, "title": pl.String}
INITIATIVES = {"person_id": pl.Int64, "year": pl.Int32, "level": pl.String}
DISCIPLINES = {"person_id": pl.Int64, "start": pl.Date, "end": pl.Date, "form": pl.String}
MEMBERS = {"person_id": pl.Int64, "organization_id": pl.Int64}
UNITS = {"organization_id": pl.Int64, "rating": pl.String}
UNIT_HELD = {"organization_id": pl.Int64, "year": pl.Int32, "title": pl.String}
UNIT_RATINGS = {"organization_id": pl.Int64, "year": pl.Int32, "rating": pl.String}
# A unit holding the higher collective title of a year is not offered the lower one for it either.
SUPERSEDED_BY = {"TTLDTT": ("TTLDXS",)}


class ScreeningError(ValueError):
    """The screening cannot be done as asked (a date before the Law of 2022, a title unknown)."""


@dataclass(frozen=True)
class History:
    """The facts the conditions read, one frame per kind: yearly ratings (person_id, year, rating), titles
    and forms already held (person_id, year of the achievement, title code), initiatives (person_id, year
    recognised, level), discipline periods (person_id, start, end or null while running, form), the
    collective titles units already hold (organization_id, year of the achievement, title code) and the
    units' own ratings of the years before (organization_id, year, rating)."""

    ratings: pl.DataFrame = field(default_factory=lambda: pl.DataFrame(schema=RATINGS))
    held: pl.DataFrame = field(default_factory=lambda: pl.DataFrame(schema=HELD))
    initiatives: pl.DataFrame = field(default_factory=lambda: pl.DataFrame(schema=INITIATIVES))
    disciplines: pl.DataFrame = field(default_factory=lambda: pl.DataFrame(schema=DISCIPLINES))
    unit_held: pl.DataFrame = field(default_factory=lambda: pl.DataFrame(schema=UNIT_HELD))
    unit_ratings: pl.DataFrame = field(default_factory=lambda: pl.DataFrame(schema=UNIT_RATINGS))


@dataclass(frozen=True)
class Condition:
    """One condition of a title: its code, the title it belongs to, and what it asks, in Vietnamese."""

    code: str
    title: str
    message: str


@dataclass(frozen=True)
class Screening:
    """The result of a screening: ``results`` one row per person (or unit) and title (``eligible``, the
    first ``failed`` condition or null), ``conditions`` one row per condition checked (``met``), and the
    rules with their citations keyed by the title or principle code."""

    results: pl.DataFrame
    checks: pl.DataFrame
    rules: dict[str, RuleValue]
    messages: dict[str, Condition]

    @cached_property
    def conditions(self) -> pl.DataFrame:
        """One row per person (or unit) and condition checked, in the order of the conditions: built
        only when asked, since over a whole scope it is the largest frame of all."""
        return _long(self.checks, self.checks.columns[0], list(self.messages))

    def explain(self, code: str) -> dict[str, Any]:
        rule = self.rules[code]
        return {**rule.explain(), "confidence": rule.legal_basis.confidence}


def regime_on(day: dt.date) -> RuleValue:
    """The decree detailing the Law in force on the decision date ``day``."""
    if day < FIRST_DECISION:
        raise ScreeningError(
            _(
                "Ngày quyết định %(day)s trước 01/01/2024: "
                "Luật Thi đua, khen thưởng 06/2022/QH15 chưa có hiệu lực."
            )
            % {"day": f"{day:%d/%m/%Y}"}
        )
    return rule_table(REGIMES).lookup("DECREE", day)


def title_rules(day: dt.date, recipient: str | None = None) -> dict[str, RuleValue]:
    """The titles and forms screened, in force on ``day``, in their order."""
    found = rule_table(TITLES).in_force(day)
    chosen = {code: rule for code, rule in found.items() if recipient in (None, rule.value["recipient"])}
    return dict(sorted(chosen.items(), key=lambda item: item[1].value["order"]))


def _held(code: str, year: int) -> str:
    return f"held_{code}_{year}"


def _conditions(
    rules: dict[str, RuleValue], names: dict[str, str], year: int
) -> tuple[dict[str, list[tuple[Condition, pl.Expr]]], list[str]]:
    """Each title's conditions as (condition, boolean expression over the person frame) in the order they
    are reported, and the columns of held titles the expressions read."""
    y = year
    free = pl.col("barred").not_()
    conditions: dict[str, list[tuple[Condition, pl.Expr]]] = {}
    needs: list[str] = []

    def add(title: str, code: str, message: str, expr: pl.Expr) -> None:
        conditions.setdefault(title, []).append((Condition(f"{title}.{code}", title, message), expr))

    def discipline(title: str) -> None:
        add(title, "discipline", _("Không đang chịu kỷ luật trong năm %(year)s") % {"year": y}, free)

    if "LDTT" in rules:
        levels = list(rules["LDTT"].value["levels"])
        discipline("LDTT")
        add(
            "LDTT",
            "rating",
            _("Xếp loại năm %(year)s từ hoàn thành tốt nhiệm vụ trở lên") % {"year": y},
            _rated_expr(y, levels),
        )
    ldtt = free & _rated_expr(y, list(rules["LDTT"].value["levels"])) if "LDTT" in rules else pl.lit(False)
    fighter = pl.lit(False)
    if "CSTDCS" in rules:
        value = rules["CSTDCS"].value
        discipline("CSTDCS")
        add("CSTDCS", "advanced", _("Đạt tiêu chuẩn Lao động tiên tiến năm %(year)s") % {"year": y}, ldtt)
        achievement = _rated_expr(y, list(value["levels"])) | (pl.col("initiatives_1y") >= 1)
        add(
            "CSTDCS",
            "achievement",
            _("Xếp loại hoàn thành xuất sắc nhiệm vụ năm %(year)s hoặc có sáng kiến được công nhận ở cơ sở")
            % {"year": y},
            achievement,
        )
        fighter = ldtt & achievement
    # A title of the year already recorded counts like one found eligible now.
    needs.append(_held("CSTDCS", y))
    fighter_now = fighter | pl.col(_held("CSTDCS", y))
    if "CSTD_BO_TINH" in rules:
        value = rules["CSTD_BO_TINH"].value
        years = int(value["consecutive_years"])
        earlier = [_held("CSTDCS", y - k) for k in range(1, years)]
        needs.extend(earlier)
        discipline("CSTD_BO_TINH")
        chain = fighter_now
        for column in earlier:
            chain = chain & pl.col(column)
        add(
            "CSTD_BO_TINH",
            "consecutive",
            _("%(n)s năm liên tục %(first)s–%(last)s đạt Chiến sĩ thi đua cơ sở")
            % {"n": years, "first": y - years + 1, "last": y},
            chain,
        )
        add(
            "CSTD_BO_TINH",
            "initiative",
            _("Có sáng kiến được công nhận, áp dụng hiệu quả trong bộ, ngành, tỉnh trong %(first)s–%(last)s")
            % {"first": y - years + 1, "last": y},
            pl.col("initiatives_mp") >= 1,
        )
    if "CSTDTQ" in rules:
        value = rules["CSTDTQ"].value
        cycle = int(value["cycle_years"])
        needs.extend([_held("CSTD_BO_TINH", y), _held("CSTD_BO_TINH", y - cycle)])
        discipline("CSTDTQ")
        provincial_now = pl.col(_held("CSTD_BO_TINH", y))
        if "CSTD_BO_TINH" in rules:
            provincial_now = provincial_now | pl.all_horizontal(
                [expr for _c, expr in conditions["CSTD_BO_TINH"]]
            )
        add(
            "CSTDTQ",
            "consecutive",
            _("Hai lần liên tục đạt Chiến sĩ thi đua bộ, ngành, tỉnh (năm %(earlier)s và năm %(year)s)")
            % {"earlier": y - cycle, "year": y},
            provincial_now & pl.col(_held("CSTD_BO_TINH", y - cycle)),
        )
        add(
            "CSTDTQ",
            "initiative",
            _("Có sáng kiến có phạm vi ảnh hưởng toàn quốc trong %(first)s–%(last)s")
            % {"first": y - 2 * cycle + 1, "last": y},
            pl.col("initiatives_nat") >= 1,
        )
    if "BK_BO_TINH" in rules:
        value = rules["BK_BO_TINH"].value
        n = int(value["consecutive_years"])
        earlier = [_held("CSTDCS", y - k) for k in range(1, n)]
        needs.extend(earlier)
        discipline("BK_BO_TINH")
        titles_route = fighter_now
        for column in earlier:
            titles_route = titles_route & pl.col(column)
        excellent = pl.lit(True)
        for k in range(int(value["excellent_years"])):
            excellent = excellent & _rated_expr(y - k, ["HTXS"])
        rating_route = excellent & (pl.col("initiatives_bk") >= int(value["initiatives"]))
        add(
            "BK_BO_TINH",
            "route",
            _(
                "%(n)s năm liên tục %(first)s–%(last)s đạt Chiến sĩ thi đua cơ sở, hoặc %(n)s năm "
                "liên tục xếp loại hoàn thành xuất sắc nhiệm vụ và có %(k)s sáng kiến được công nhận "
                "ở cơ sở trong thời gian đó"
            )
            % {"n": n, "first": y - n + 1, "last": y, "k": value["initiatives"]},
            titles_route | rating_route,
        )
    for code in ("BK_TTG", "HCLD_3"):
        if code not in rules:
            continue
        value = rules[code].value
        n = int(value["years"])
        earlier = [_held("CSTDCS", y - k) for k in range(1, n)]
        needs.extend(earlier)
        discipline(code)
        holds = f"holds_{value['holds']}_{y - n + 1}"
        needs.append(holds)
        add(
            code,
            "holds",
            _("Đã được tặng %(form)s trước năm %(first)s")
            % {"form": names[value["holds"]], "first": y - n + 1},
            pl.col(holds),
        )
        every = pl.lit(True)
        for k in range(n):
            every = every & _rated_expr(y - k, list(value["levels"]))
        add(
            code,
            "years",
            _("%(n)s năm liên tục %(first)s–%(last)s xếp loại từ hoàn thành tốt nhiệm vụ trở lên")
            % {"n": n, "first": y - n + 1, "last": y},
            every,
        )
        if "excellent_years" in value:
            any_excellent = pl.any_horizontal([_rated_expr(y - k, ["HTXS"]) for k in range(n)])
            add(
                code,
                "excellent",
                _("Ít nhất %(k)s năm trong %(first)s–%(last)s xếp loại hoàn thành xuất sắc nhiệm vụ")
                % {"k": value["excellent_years"], "first": y - n + 1, "last": y},
                any_excellent,
            )
        count = pl.sum_horizontal([fighter_now.cast(pl.Int32), *[pl.col(c).cast(pl.Int32) for c in earlier]])
        add(
            code,
            "fighters",
            _("Có %(k)s lần Chiến sĩ thi đua cơ sở trong %(first)s–%(last)s")
            % {"k": value["fighter_titles"], "first": y - n + 1, "last": y},
            count >= int(value["fighter_titles"]),
        )
    return conditions, needs


def _rated_expr(year: int, levels: list[str]) -> pl.Expr:
    return pl.col(f"r{year}").is_in(levels).fill_null(False)


def windows(rules: dict[str, RuleValue]) -> dict[str, int]:
    """How many years back each initiative count reaches, from the rule figures."""
    value = {code: rule.value for code, rule in rules.items()}
    return {
        "initiatives_1y": 1,
        "initiatives_mp": int(value.get("CSTD_BO_TINH", {}).get("consecutive_years", 1)),
        "initiatives_nat": 2 * int(value.get("CSTDTQ", {}).get("cycle_years", 0)) or 1,
        "initiatives_bk": int(value.get("BK_BO_TINH", {}).get("excellent_years", 1)),
    }


INITIATIVE_LEVELS = {"initiatives_1y": 1, "initiatives_mp": 2, "initiatives_nat": 3, "initiatives_bk": 1}
LOOK_BACK = 6


def _features(
    persons: pl.DataFrame, history: History, year: int, rules: dict[str, RuleValue], needs: list[str]
) -> pl.DataFrame:
    """One row per person: under discipline in ``year`` (``barred``), the ratings ``r<year>`` of the years
    looked back, the held-title flags ``needs`` names and the initiative counts — each counted only from
    the end of the person's last discipline period (ND 152/2025 Điều 4)."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    ids = persons.select(pl.col("person_id").cast(pl.Int64)).unique()
    disciplines = history.disciplines.filter(pl.col("start") <= end)
    discipline = disciplines.group_by("person_id").agg(
        (pl.col("end").is_null() | (pl.col("end") >= start)).any().alias("barred"),
        pl.when(pl.col("end").is_null())
        .then(year + 1)
        .otherwise(pl.col("end").dt.year() + 1)
        .max()
        .cast(pl.Int32)
        .alias("since"),
    )
    frame = ids.join(discipline, on="person_id", how="left").with_columns(
        pl.col("barred").fill_null(False), pl.col("since").fill_null(0)
    )
    since = frame.select("person_id", "since")

    def counted(facts: pl.DataFrame) -> pl.DataFrame:
        return facts.join(since, on="person_id", how="inner").filter(pl.col("year") >= pl.col("since"))

    ratings = counted(history.ratings.filter(pl.col("year").is_between(year - LOOK_BACK + 1, year)))
    rating_columns = [
        pl.col("rating").filter(pl.col("year") == year - k).first().alias(f"r{year - k}")
        for k in range(LOOK_BACK)
    ]
    frame = frame.join(ratings.group_by("person_id").agg(rating_columns), on="person_id", how="left")
    for k in range(LOOK_BACK):
        if f"r{year - k}" not in frame.columns:
            frame = frame.with_columns(pl.lit(None, pl.String).alias(f"r{year - k}"))

    held = counted(history.held)
    flags = []
    for column in dict.fromkeys(needs):
        kind, rest = column.split("_", 1)
        code, at = rest.rsplit("_", 1)
        on_year = pl.col("year") == int(at) if kind == "held" else pl.col("year") < int(at)
        flags.append(((pl.col("title") == code) & on_year).any().alias(column))
    if flags:
        frame = frame.join(held.group_by("person_id").agg(flags), on="person_id", how="left")
        frame = frame.with_columns([pl.col(c).fill_null(False) for c in dict.fromkeys(needs)])

    ranks = pl.col("level").replace_strict({str(k): v for k, v in LEVEL_RANK.items()}, default=0)
    initiatives = counted(history.initiatives).with_columns(ranks.alias("rank"))
    counts = [
        (
            (pl.col("rank") >= INITIATIVE_LEVELS[name])
            & (pl.col("year") > year - back)
            & (pl.col("year") <= year)
        )
        .sum()
        .alias(name)
        for name, back in windows(rules).items()
    ]
    frame = frame.join(initiatives.group_by("person_id").agg(counts), on="person_id", how="left")
    return frame.with_columns([pl.col(name).fill_null(0) for name in INITIATIVE_LEVELS])


def screen(
    persons: pl.DataFrame, history: History, year: int, decided_on: dt.date, recipient: str = INDIVIDUAL
) -> Screening:
    """Every individual title and form for ``persons`` (a frame with ``person_id``) in ``year``, under the
    rules in force on ``decided_on``: one row per person and title in ``results``, one per condition in
    ``conditions``. Titles of ``year`` already recorded in ``history.held`` count as held for the chains."""
    regime_on(decided_on)
    rules = title_rules(decided_on, INDIVIDUAL)
    names = {code: rule.value["name"] for code, rule in rule_table(TITLES).in_force(decided_on).items()}
    by_title, needs = _conditions(rules, names, year)
    frame = _features(persons, history, year, rules, needs)
    messages = {condition.code: condition for pairs in by_title.values() for condition, _e in pairs}
    checks = frame.select(
        "person_id",
        *[
            expr.fill_null(False).alias(condition.code)
            for pairs in by_title.values()
            for condition, expr in pairs
        ],
    )
    discipline = rule_table(REGIMES).lookup("DISCIPLINE", decided_on)
    return Screening(
        _results(checks, "person_id", list(messages)), checks, {**rules, "DISCIPLINE": discipline}, messages
    )


def _long(checks: pl.DataFrame, key: str, codes: list[str]) -> pl.DataFrame:
    order = {code: position for position, code in enumerate(codes)}
    return (
        checks.unpivot(index=key, variable_name="condition", value_name="met")
        .with_columns(
            pl.col("condition").str.split(".").list.first().alias("title"),
            pl.col("condition").replace_strict(order, return_dtype=pl.Int32).alias("position"),
        )
        .sort(key, "position")
    )


def _results(checks: pl.DataFrame, key: str, codes: list[str]) -> pl.DataFrame:
    """One row per key and title, in the order of the titles: ``eligible`` when every condition of the
    title is met, else the first condition that is not (``failed``). Read from the wide frame of checks,
    a column per condition, so that the long frame of every condition need not be built."""
    by_title: dict[str, list[str]] = {}
    for code in codes:
        by_title.setdefault(code.split(".")[0], []).append(code)
    if not by_title:
        return pl.DataFrame(
            schema={key: checks.schema[key], "title": pl.String, "eligible": pl.Boolean, "failed": pl.String}
        )
    per_title = [
        checks.select(
            key,
            pl.lit(title).alias("title"),
            pl.all_horizontal(title_codes).alias("eligible"),
            pl.coalesce([pl.when(pl.col(code).not_()).then(pl.lit(code)) for code in title_codes]).alias(
                "failed"
            ),
        )
        for title, title_codes in by_title.items()
    ]
    return pl.concat(per_title).sort(key, maintain_order=True)


def screen_collectives(
    members: pl.DataFrame,
    units: pl.DataFrame,
    history: History,
    year: int,
    decided_on: dt.date,
    individual: Screening | None = None,
) -> Screening:
    """The collective titles of each unit of ``units`` (organization_id, its own rating of ``year``) from its
    members (``members``: person_id, organization_id): the share completing their tasks, the share found
    Lao động tiên tiến, the number of Chiến sĩ thi đua cơ sở and the disciplines of the year, grouped in
    one pass over the members' screening (``individual``, screened here when not given)."""
    individual = individual or screen(members.select("person_id"), history, year, decided_on)
    found = individual.results.filter(pl.col("eligible")).pivot(
        on="title", index="person_id", values="eligible", aggregate_function="first"
    )
    for code in ("LDTT", "CSTDCS"):
        if code not in found.columns:
            found = found.with_columns(pl.lit(False).alias(code))
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    rules = title_rules(decided_on, COLLECTIVE)
    barring = list(rules["TTLDTT"].value["barring_forms"]) if "TTLDTT" in rules else []
    grave = (
        history.disciplines.filter(
            (pl.col("start") <= end)
            & (pl.col("end").is_null() | (pl.col("end") >= start))
            & pl.col("form").is_in(barring)
        )
        .select("person_id")
        .unique()
        .with_columns(pl.lit(True).alias("grave"))
    )
    rated = history.ratings.filter(pl.col("year") == year).select("person_id", "rating")
    per_member = (
        members.join(found.select("person_id", "LDTT", "CSTDCS"), on="person_id", how="left")
        .join(rated, on="person_id", how="left")
        .join(grave, on="person_id", how="left")
        .with_columns(pl.col("LDTT", "CSTDCS", "grave").fill_null(False))
    )
    unit = per_member.group_by("organization_id").agg(
        pl.len().alias("members"),
        pl.col("rating").is_in(list(COMPLETED)).fill_null(False).sum().alias("completed"),
        pl.col("LDTT").sum().alias("advanced"),
        pl.col("CSTDCS").sum().alias("fighters"),
        pl.col("grave").sum().alias("disciplined"),
    )
    holding = (
        history.unit_held.filter(pl.col("year") == year)
        .group_by("organization_id")
        .agg(pl.col("title").unique().alias("holding"))
    )
    frame = (
        units.join(unit, on="organization_id", how="left")
        .join(holding, on="organization_id", how="left")
        .with_columns(
            pl.col("members", "completed", "advanced", "fighters", "disciplined").fill_null(0),
            pl.col("holding").fill_null(pl.lit([], dtype=pl.List(pl.String))),
        )
    )
    share = pl.when(pl.col("members") > 0)
    conditions: list[tuple[Condition, pl.Expr]] = []

    def not_held(code: str) -> tuple[Condition, pl.Expr]:
        """A title of the year a unit already holds (or one above it) is not offered again."""
        barring = [code, *SUPERSEDED_BY.get(code, ())]
        held = pl.any_horizontal([pl.col("holding").list.contains(pl.lit(c)) for c in barring])
        return (
            Condition(
                f"{code}.not_held",
                code,
                _("Chưa được tặng %(title)s hoặc danh hiệu cao hơn cho năm %(year)s")
                % {"title": rules[code].value["name"], "year": year},
            ),
            held.not_(),
        )

    if "TTLDXS" in rules:
        value = rules["TTLDXS"].value
        conditions += [
            not_held("TTLDXS"),
            (
                Condition(
                    "TTLDXS.rating",
                    "TTLDXS",
                    _("Tập thể xếp loại hoàn thành xuất sắc nhiệm vụ năm %(year)s") % {"year": year},
                ),
                pl.col("rating").is_in(list(value["unit_levels"])),
            ),
            (
                Condition("TTLDXS.completed", "TTLDXS", _("100% thành viên hoàn thành nhiệm vụ")),
                share.then(
                    pl.col("completed") >= pl.col("members") * float(value["completed_share"])
                ).otherwise(False),
            ),
            (
                Condition(
                    "TTLDXS.advanced",
                    "TTLDXS",
                    _("Ít nhất %(share)s%% thành viên đạt Lao động tiên tiến")
                    % {"share": int(float(value["advanced_share"]) * 100)},
                ),
                share.then(
                    pl.col("advanced") * 100 >= pl.col("members") * int(float(value["advanced_share"]) * 100)
                ).otherwise(False),
            ),
            (
                Condition("TTLDXS.fighter", "TTLDXS", _("Có cá nhân đạt Chiến sĩ thi đua cơ sở")),
                pl.col("fighters") >= int(value["fighters"]),
            ),
        ]
    if "TTLDTT" in rules:
        value = rules["TTLDTT"].value
        conditions += [
            not_held("TTLDTT"),
            (
                Condition(
                    "TTLDTT.rating",
                    "TTLDTT",
                    _("Tập thể xếp loại từ hoàn thành tốt nhiệm vụ trở lên năm %(year)s") % {"year": year},
                ),
                pl.col("rating").is_in(list(value["unit_levels"])),
            ),
            (
                Condition(
                    "TTLDTT.advanced",
                    "TTLDTT",
                    _("Trên %(share)s%% thành viên đạt Lao động tiên tiến")
                    % {"share": int(float(value["advanced_share_over"]) * 100)},
                ),
                share.then(
                    pl.col("advanced") * 100
                    > pl.col("members") * int(float(value["advanced_share_over"]) * 100)
                ).otherwise(False),
            ),
            (
                Condition(
                    "TTLDTT.discipline", "TTLDTT", _("Không có thành viên bị kỷ luật từ cảnh cáo trở lên")
                ),
                pl.col("disciplined") == 0,
            ),
        ]
    standards = {
        code: pl.all_horizontal(
            [
                expr
                for condition, expr in conditions
                if condition.title == code and condition.code != f"{code}.not_held"
            ]
        )
        for code in ("TTLDXS", "TTLDTT")
        if code in rules
    }
    frame = frame.join(
        _excellent_years(units, history.unit_ratings, year), on="organization_id", how="left"
    ).with_columns(pl.col("excellent_years").fill_null(0))
    for code, rule in rules.items():
        if code not in standards:
            conditions += _flag_conditions(code, rule.value, rules, standards, year, not_held)
    checks = frame.select(
        "organization_id", *[expr.fill_null(False).alias(condition.code) for condition, expr in conditions]
    )
    messages = {condition.code: condition for condition, _e in conditions}
    return Screening(_results(checks, "organization_id", list(messages)), checks, dict(rules), messages)


def _excellent_years(units: pl.DataFrame, earlier: pl.DataFrame, year: int) -> pl.DataFrame:
    """For each unit of ``units`` (its rating of ``year``), the number of consecutive years up to ``year``
    it was rated hoàn thành xuất sắc nhiệm vụ, from its ratings of the years before (``earlier``)."""
    ratings = pl.concat(
        [
            units.select("organization_id", pl.lit(year, pl.Int32).alias("year"), "rating"),
            earlier.filter(pl.col("year") < year).select("organization_id", "year", "rating"),
        ]
    ).unique(["organization_id", "year"], keep="first")
    # The years since the last year not rated excellent (or without a rating) before ``year``.
    return (
        units.select("organization_id")
        .join(
            ratings.filter(pl.col("rating") == "HTXS").select("organization_id", "year"),
            on="organization_id",
            how="left",
        )
        .with_columns((year - pl.col("year")).alias("back"))
        .sort("organization_id", "back")
        .with_columns((pl.col("back") == pl.int_range(pl.len()).over("organization_id")).alias("unbroken"))
        .group_by("organization_id")
        .agg(pl.col("unbroken").fill_null(False).cast(pl.Int32).cum_prod().sum().alias("excellent_years"))
    )


def _flag_conditions(
    code: str,
    value: dict[str, Any],
    rules: dict[str, RuleValue],
    standards: dict[str, pl.Expr],
    year: int,
    not_held: Callable[[str], tuple[Condition, pl.Expr]],
) -> list[tuple[Condition, pl.Expr]]:
    """The conditions of a collective title or form beyond the yearly ones (Cờ thi đua, Bằng khen), from its
    row: not already given for the year; the unit rated hoàn thành xuất sắc nhiệm vụ for
    ``consecutive_years`` years up to ``year``; meeting the standard of the title ``meets`` for the year
    (or holding it); holding the title ``holds`` for the year."""
    found = [not_held(code)]
    years = int(value.get("consecutive_years", 1))
    if years > 1:
        message = _("Hoàn thành xuất sắc nhiệm vụ %(n)s năm liên tục (%(first)s–%(last)s)") % {
            "n": years,
            "first": year - years + 1,
            "last": year,
        }
    else:
        message = _("Tập thể xếp loại hoàn thành xuất sắc nhiệm vụ năm %(year)s") % {"year": year}
    found.append((Condition(f"{code}.rating", code, message), pl.col("excellent_years") >= years))
    meets = value.get("meets")
    if meets and meets in standards:
        found.append(
            (
                Condition(
                    f"{code}.meets",
                    code,
                    _("Đạt tiêu chuẩn %(title)s năm %(year)s")
                    % {"title": rules[meets].value["name"], "year": year},
                ),
                standards[meets] | pl.col("holding").list.contains(pl.lit(meets)),
            )
        )
    holds = value.get("holds")
    if holds:
        found.append(
            (
                Condition(
                    f"{code}.holds",
                    code,
                    _("Đã được tặng %(title)s năm %(year)s")
                    % {"title": rules[holds].value["name"] if holds in rules else holds, "year": year},
                ),
                pl.col("holding").list.contains(pl.lit(holds)),
            )
        )
    return found


@dataclass(frozen=True)
class Reward:
    """The money of a title or form (tiền thưởng): the amount paid, the product before rounding, and the
    rules it came from."""

    amount: Dong
    unrounded: Decimal
    coefficient: Decimal
    base_salary: Dong
    rules: list[RuleValue]
    steps: list[str]


def reward_amount(code: str, recipient: str, decided_on: dt.date, *, rounding: bool = True) -> Reward:
    """The reward money of ``code`` for an individual or a collective decided on ``decided_on``: the
    coefficient in force that day times the base salary in force that day, rounded up to the step of the
    rule ``ROUNDING`` (ten thousand đồng) unless ``rounding`` is off."""
    regime = regime_on(decided_on)
    table: RuleTable = rule_table(MONEY)
    # A form given to persons and collectives under two title rows is paid from one row of money.
    title = rule_table(TITLES).get(code, decided_on)
    code = str(title.value.get("money", code)) if title is not None else code
    rule = table.get(code, decided_on)
    if rule is None:
        raise ScreeningError(
            _("Không có mức tiền thưởng của %(code)s ngày %(day)s.")
            % {"code": code, "day": f"{decided_on:%d/%m/%Y}"}
        )
    raw = rule.value.get(recipient)
    if raw is None:
        raise ScreeningError(
            _("%(code)s không tặng cho %(recipient)s.")
            % {"code": code, "recipient": _("cá nhân") if recipient == INDIVIDUAL else _("tập thể")}
        )
    coefficient = Decimal(str(raw))
    try:
        base = base_salary_on(decided_on)
    except RuleNotFound as missing:
        raise ScreeningError(str(missing)) from missing
    product = coefficient * base.value
    steps = [
        _("Ngày quyết định %(day)s: chế độ %(regime)s; mức lương cơ sở %(base)s (%(citation)s).")
        % {
            "day": f"{decided_on:%d/%m/%Y}",
            "regime": regime.legal_basis.citation,
            "base": format_dong(base.value),
            "citation": base.legal_basis.citation,
        },
        _("Hệ số %(coefficient)s × %(base)s = %(product)s (%(citation)s).")
        % {
            "coefficient": coefficient,
            "base": format_dong(base.value),
            "product": format_dong(int(product)),
            "citation": rule.legal_basis.citation,
        },
    ]
    used = [regime, rule, base]
    amount = int(product.to_integral_value(rounding=ROUND_CEILING))
    if rounding:
        rounding_rule = table.lookup("ROUNDING", decided_on)
        step = int(rounding_rule.value["step"])
        amount = -(-amount // step) * step
        used.append(rounding_rule)
        steps.append(
            _("Làm tròn lên hàng %(step)s đồng: %(amount)s (%(citation)s).")
            % {
                "step": f"{step:,}".replace(",", "."),
                "amount": format_dong(amount),
                "citation": rounding_rule.legal_basis.citation,
            }
        )
    return Reward(amount, product, coefficient, base.value, used, steps)


def votes_needed(code: str, members: int, day: dt.date) -> tuple[int, RuleValue]:
    """The yes votes a nominee for ``code`` needs from a council of ``members`` members (the share is of
    all members, absent ones voting in writing) on ``day``, and the rule: the title's share rounded up to
    a whole vote (80 % of 15 = 12; 90 % of 15 = 13.5, so 14), or more than half where the title has no
    threshold of its own."""
    table = rule_table(VOTES)
    rule = table.get(code, day) or table.lookup("MAJORITY", day)
    percent = int(rule.value["yes_percent"])
    if rule.value.get("strictly_more"):
        return members * percent // 100 + 1, rule
    return -(-members * percent // 100), rule


def held_year(decided: pl.Expr) -> pl.Expr:
    """The year of the achievement a recorded title rewards: a title decided in the first half of a year
    rewards the year before (the yearly titles are decided after the year's ratings), otherwise the year
    of the decision."""
    return (
        pl.when(decided.dt.month() <= 6)
        .then(decided.dt.year() - 1)
        .otherwise(decided.dt.year())
        .cast(pl.Int32)
    )


def history_frames(persons: QuerySet[Person], first: int, last: int) -> History:
    """The history of ``persons`` over ``first``–``last`` (held titles and discipline: any time before),
    in one query per kind: the decided yearly ratings of ``evaluation``, the titles and forms of the
    record (their text matched to the title names of ``award_titles``), the initiatives and the discipline
    periods."""
    ratings = queryset_frame(
        Evaluation.objects.unrestricted()
        .filter(
            person__in=persons, period_kind=PeriodKind.YEAR, status=Status.DECIDED, year__range=(first, last)
        )
        .exclude(rating="")
        .values_list("person_id", "year", "rating"),
        RATINGS,
    )
    names = {
        rule.value["name"].casefold(): code
        for code, history in rule_table(TITLES).by_code.items()
        for rule in history
    }
    recorded = queryset_frame(
        AwardRecord.objects.unrestricted()
        .filter(person__in=persons, decision_date__year__lte=last + 1)
        .values_list("person_id", "decision_date", "form"),
        {"person_id": pl.Int64, "decided": pl.Date, "form": pl.String},
    )
    held = recorded.select(
        "person_id",
        held_year(pl.col("decided")).alias("year"),
        pl.col("form")
        .str.strip_chars()
        .str.to_lowercase()
        .replace_strict(names, default=None)
        .alias("title"),
    ).drop_nulls("title")
    initiatives = queryset_frame(
        Initiative.objects.unrestricted()
        .filter(person__in=persons, recognised_on__range=(dt.date(first, 1, 1), dt.date(last, 12, 31)))
        .values_list("person_id", "recognised_on", "level"),
        {"person_id": pl.Int64, "on": pl.Date, "level": pl.String},
    ).select("person_id", pl.col("on").dt.year().cast(pl.Int32).alias("year"), "level")
    disciplines = queryset_frame(
        DisciplineRecord.objects.unrestricted()
        .filter(person__in=persons, effective_from__year__lte=last)
        .values_list("person_id", "effective_from", "effective_to", "form"),
        DISCIPLINES,
    )
    return History(ratings, held, initiatives, disciplines)


def unit_history(units: QuerySet[UnitEvaluation], year: int) -> pl.DataFrame:
    """The collective titles of ``year`` already recorded (:class:`UnitAward`) for the units rated in
    ``units``, in one query."""
    return queryset_frame(
        UnitAward.objects.unrestricted()
        .filter(organization_id__in=units.values("organization_id"), year=year)
        .values_list("organization_id", "year", "title"),
        UNIT_HELD,
    )


def scope_screening(
    persons: QuerySet[Person], units: QuerySet[UnitEvaluation], year: int, decided_on: dt.date
) -> tuple[Screening, Screening]:
    """The individual and collective screening of a scope: ``persons`` its persons, ``units`` the unit
    ratings readable there (those of ``year`` are used). The caller passes querysets already restricted
    to the user."""
    found = scope_ranking(persons, units, year, decided_on, {})
    return found.individual, found.collective


@dataclass(frozen=True)
class ScopeScreening:
    """The screening of a scope and, for each title with a quota, its candidates ranked within it."""

    individual: Screening
    collective: Screening
    ranked: dict[str, "Ranked"]
    quotas: dict[str, "Quota"]


def scope_ranking(
    persons: QuerySet[Person],
    units: QuerySet[UnitEvaluation],
    year: int,
    decided_on: dt.date,
    quotas: dict[str, "Quota"],
) -> ScopeScreening:
    """:func:`scope_screening`, and the candidates of each title of ``quotas`` ranked within its quota
    (:func:`rank_within_quota`) from the same history, read once."""
    members = gendered_members(persons)
    history = history_frames(persons, year - LOOK_BACK + 1, year)
    rated = queryset_frame(units.filter(year=year).values_list("organization_id", "rating"), UNITS)
    history = replace(
        history,
        unit_held=unit_history(units.filter(year=year), year),
        unit_ratings=queryset_frame(
            units.filter(year__range=(year - LOOK_BACK + 1, year - 1)).values_list(
                "organization_id", "year", "rating"
            ),
            UNIT_RATINGS,
        ),
    )
    individual = screen(members.select("person_id"), history, year, decided_on)
    collective = screen_collectives(
        members.select("person_id", "organization_id"), rated, history, year, decided_on, individual
    )
    ranked: dict[str, Ranked] = {}
    if quotas:
        person_keys, unit_keys = ranking_keys(members, rated, history, year, individual)
        for code, quota in quotas.items():
            if code in individual.rules:
                ranked[code] = rank_within_quota(individual, "person_id", person_keys, quota, decided_on)
            elif code in collective.rules:
                ranked[code] = rank_within_quota(collective, "organization_id", unit_keys, quota, decided_on)
    return ScopeScreening(individual, collective, ranked, quotas)


def quotas_on(unit: Organization, day: dt.date) -> dict[str, "Quota"]:
    """The quota of each title in force on ``day`` for the scope of ``unit``: set by ``unit`` or the
    organisations above it, the nearest one's where several set the same title."""
    paths = [unit.path[:end] for end in range(TREE_STEP, len(unit.path) + 1, TREE_STEP)]
    rows = (
        AwardQuota.objects.unrestricted()
        .as_of(day)
        .filter(organization__path__in=paths)
        .select_related("organization")
        .order_by("organization__depth", "pk")
    )
    return {
        row.title: Quota(row.title, row.percent, row.of_title, row.citation, row.organization.name)
        for row in rows
    }


@dataclass(frozen=True)
class Quota:
    """A title's quota as the ranking applies it: at most ``percent`` per cent of the persons or units
    screened, or of those eligible for ``of_title``; ``citation`` the organisation's own text."""

    title: str
    percent: int
    of_title: str
    citation: str
    set_by: str


@dataclass(frozen=True)
class Ranked:
    """A title's candidates in the order of the quota (``frame``: key, ``place`` from 1, ``within`` the
    places, ``tied`` equal at the limit after the tie-break), the base counted and the places."""

    frame: pl.DataFrame
    base: int
    places: int
    order: RuleValue
    tie_break: RuleValue
    quota: Quota


def ranking_keys(
    members: pl.DataFrame, units: pl.DataFrame, history: History, year: int, individual: Screening
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The keys of the stated order, set-wise: for each person (``members``: person_id, organization_id,
    female) the rank of the year's rating (0 for the best), the initiatives recognised in the year and
    whether a woman; for each unit of ``units`` (organization_id, rating) the rank of its rating, the
    share of its members found Lao động tiên tiến and whether at least the tie-break's share are women."""
    ratings = list(rule_table(RANKING).lookup("ORDER", dt.date(year, 12, 31)).value["ratings"])
    rank = {level: position for position, level in enumerate(ratings)}

    def rated(column: pl.Expr) -> pl.Expr:
        return column.replace_strict(rank, default=len(ratings), return_dtype=pl.Int32).fill_null(
            len(ratings)
        )

    rating = history.ratings.filter(pl.col("year") == year).select("person_id", "rating")
    ideas = (
        history.initiatives.filter(pl.col("year") == year)
        .group_by("person_id")
        .agg(pl.len().cast(pl.Int64).alias("merit"))
    )
    persons = (
        members.join(rating, on="person_id", how="left")
        .join(ideas, on="person_id", how="left")
        .select(
            "person_id",
            rated(pl.col("rating")).alias("rank"),
            pl.col("merit").fill_null(0).cast(pl.Float64),
            pl.col("female").fill_null(False),
        )
    )
    advanced = (
        individual.results.filter((pl.col("title") == "LDTT") & pl.col("eligible"))
        .select("person_id")
        .with_columns(pl.lit(True).alias("advanced"))
    )
    share = float(
        rule_table(RANKING).lookup("TIE_BREAK", dt.date(year, 12, 31)).value["collective_women_share"]
    )
    per_unit = (
        members.join(advanced, on="person_id", how="left")
        .group_by("organization_id")
        .agg(
            pl.len().alias("members"),
            pl.col("advanced").fill_null(False).sum().alias("advanced"),
            pl.col("female").fill_null(False).sum().alias("women"),
        )
    )
    collectives = units.join(per_unit, on="organization_id", how="left").select(
        "organization_id",
        rated(pl.col("rating")).alias("rank"),
        (pl.col("advanced").fill_null(0) / pl.col("members").fill_null(0).clip(lower_bound=1)).alias("merit"),
        (pl.col("women").fill_null(0) >= pl.col("members").fill_null(0) * share)
        .and_(pl.col("members").fill_null(0) > 0)
        .alias("female"),
    )
    return persons, collectives


def rank_within_quota(
    screening: Screening, key: str, keys: pl.DataFrame, quota: Quota, day: dt.date
) -> Ranked:
    """The candidates ``screening`` finds eligible for ``quota.title``, in the stated order: rating rank,
    then merit (initiatives of the year, or the share of members found Lao động tiên tiến), then women
    first (the tie-break in force on ``day``); the first ``places`` — ``percent`` of the base, rounded
    down — are within the quota. Candidates equal on all three at the limit, some within and some beyond,
    are all marked ``tied``: the council chooses among them."""
    results = screening.results
    if quota.of_title:
        base = results.filter((pl.col("title") == quota.of_title) & pl.col("eligible")).height
    else:
        base = results.select(pl.col(key).n_unique()).item()
    places = base * quota.percent // 100
    ranked = (
        results.filter((pl.col("title") == quota.title) & pl.col("eligible"))
        .select(key)
        .join(keys, on=key, how="left")
        .with_columns(
            pl.col("rank").fill_null(99), pl.col("merit").fill_null(0.0), pl.col("female").fill_null(False)
        )
        .sort(["rank", "merit", "female", key], descending=[False, True, True, False])
        .with_row_index("place", offset=1)
        .with_columns((pl.col("place") <= places).alias("within"))
    )
    tied = pl.lit(False)
    if 0 < places < ranked.height:
        last, first_out = ranked.row(places - 1, named=True), ranked.row(places, named=True)
        same = all(last[name] == first_out[name] for name in ("rank", "merit", "female"))
        if same:
            tied = (
                (pl.col("rank") == last["rank"])
                & (pl.col("merit") == last["merit"])
                & (pl.col("female") == last["female"])
            )
    table = rule_table(RANKING)
    return Ranked(
        ranked.with_columns(tied.alias("tied")).select(key, "place", "within", "tied"),
        base,
        places,
        table.lookup("ORDER", day),
        table.lookup("TIE_BREAK", day),
        quota,
    )


def ranking_rules(day: dt.date) -> tuple[RuleValue, RuleValue]:
    """The stated order and the tie-break in force on ``day``, with their citations."""
    table = rule_table(RANKING)
    return table.lookup("ORDER", day), table.lookup("TIE_BREAK", day)


def gendered_members(persons: QuerySet[Person]) -> pl.DataFrame:
    """The persons of a scope with their unit and whether a woman, in one query."""
    rows = queryset_frame(
        persons.values_list("pk", "organization_id", "gender"),
        {"person_id": pl.Int64, "organization_id": pl.Int64, "gender": pl.String},
    )
    return rows.select("person_id", "organization_id", (pl.col("gender") == Gender.FEMALE).alias("female"))
