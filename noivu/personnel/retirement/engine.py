"""Statutory retirement age and retirement date (tuổi nghỉ hưu, thời điểm nghỉ hưu).

Bộ luật Lao động 45/2019/QH14 Điều 169 and Nghị định 135/2020/NĐ-CP (in force from 01/01/2021):

- Điều 4: the normal retirement age rises from 60 years 3 months (men) and 55 years 4 months (women) in
  2021 by 3 / 4 months a year to 62 (2028) and 60 (2035). The age applies to the persons who reach it in
  that year, so a person's required age depends on the year in which they reach it: the person retires in
  the first month in which their age is at least the age in force in that month (Phụ lục I lists the
  result by month and year of birth). Before 2021: 60 / 55 (Bộ luật Lao động 2012 Điều 187).
- Điều 3: the retirement moment is the end of the last day of the month in which the person reaches the
  retirement age; the pension starts on the first day of the next month. A birth date known only by year
  counts from 01/01 of that year, one known by month and year from the 1st of that month; since the
  roadmap works by months, the day of birth never changes the result.
- Điều 5 (Điều 169 khoản 3) and Điều 6 (khoản 4): earlier or later retirement, at most 5 years (10 for some
  grounds of the Law on Social Insurance) from the normal age in force AT THE TIME OF RETIREMENT. The lowest
  ages (Phụ lục II) are thus the normal age of the year of retirement less 5 years.

The ages are the rule tables ``retirement_age`` and ``retirement_grounds`` (``noivu/personnel/law/``).
"""

import datetime as dt
from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.db.models import Q
from django.utils.translation import gettext as _

from noivu.core import dates
from noivu.core.rules import RuleTable, RuleValue, rule_table
from noivu.personnel.models import Gender

AGE_TABLE = "retirement_age"
GROUNDS_TABLE = "retirement_grounds"
AGE_CODES: dict[str, str] = {Gender.MALE: "normal_age_male", Gender.FEMALE: "normal_age_female"}
EARLIER, LATER = "earlier", "later"

RETIREMENT_MOMENT_RULE = {
    "table": None,
    "code": "retirement_moment",
    "value": "Thời điểm nghỉ hưu là kết thúc ngày cuối cùng của tháng đủ tuổi nghỉ hưu; thời điểm hưởng "
    "lương hưu là ngày đầu tiên của tháng liền kề sau đó; chỉ có năm sinh thì lấy ngày 01/01 của năm sinh.",
    "effective_from": "2021-01-01",
    "effective_to": None,
    "legal_basis": {
        "document_number": "135/2020/NĐ-CP",
        "article": "Điều 3",
        "title": "Quy định về tuổi nghỉ hưu",
        "issued_on": "2020-11-18",
        "effective_on": "2021-01-01",
        "confidence": "cross-checked",
        "citation": "135/2020/NĐ-CP, Điều 3",
    },
}


class RetirementError(ValueError):
    """A retirement case the rules cannot decide, naming the input (``field``) at fault."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def _month_index(day: dt.date) -> int:
    return day.year * 12 + day.month - 1


def _first_day(index: int) -> dt.date:
    return dt.date(index // 12, index % 12 + 1, 1)


def _last_day(index: int) -> dt.date:
    return _first_day(index + 1) - dt.timedelta(days=1)


def age_text(months: int) -> str:
    """E.g. 723 → "60 tuổi 3 tháng", 744 → "62 tuổi"."""
    years, rest = divmod(months, 12)
    if rest:
        return _("%(years)s tuổi %(months)s tháng") % {"years": years, "months": rest}
    return _("%(years)s tuổi") % {"years": years}


def _roadmap(gender: str, ages: RuleTable) -> tuple[RuleValue, ...]:
    if gender not in AGE_CODES:
        raise RetirementError("gender", _("Giới tính phải là 'M' (nam) hoặc 'F' (nữ)."))
    return ages.history(AGE_CODES[gender])


def _reach(birth_month: int, roadmap: tuple[RuleValue, ...], adjustment: int) -> tuple[RuleValue, int] | None:
    """The roadmap row and the month in which a person born in ``birth_month`` reaches its age (+ adjustment).

    Rows are tried in time order; the first whose age, reached in some month, is in force at the end of
    that month decides. With ages rising by less than 12 months a year exactly one row can match.
    """
    for row in roadmap:
        month = birth_month + row.value + adjustment
        if row.in_force_on(_last_day(month)):
            return row, month
    return None


@dataclass(frozen=True)
class RetirementResult:
    """A person's retirement age, retirement date and pension start, with the rules that gave them."""

    birth_date: dt.date
    gender: str
    ground: str | None
    adjustment_months: int
    normal_age_months: int
    retirement_age_months: int
    retirement_date: dt.date
    pension_start: dt.date
    rules: list[dict] = field(default_factory=list)
    steps: list[str] = field(default_factory=list)

    @property
    def retirement_age(self) -> tuple[int, int]:
        """(years, months)."""
        return divmod(self.retirement_age_months, 12)

    def explain(self) -> dict:
        return {
            "inputs": {
                "birth_date": self.birth_date.isoformat(),
                "gender": self.gender,
                "ground": self.ground,
                "adjustment_months": self.adjustment_months,
            },
            "rules": self.rules,
            "steps": self.steps,
        }


def _ground_rows(ground: str) -> tuple[RuleValue, ...]:
    grounds = rule_table(GROUNDS_TABLE)
    rows = grounds.history(ground)
    if not rows:
        raise RetirementError(
            "ground",
            _("Không có trường hợp nghỉ hưu '%(ground)s'; có: %(known)s.")
            % {"ground": ground, "known": ", ".join(grounds.codes())},
        )
    return rows


def retirement_date(
    birth_date: dt.date,
    gender: str,
    *,
    ground: str | None = None,
    adjustment_months: int = 0,
    ages: RuleTable | None = None,
) -> RetirementResult:
    """The retirement date of a person born on ``birth_date`` (Nghị định 135/2020/NĐ-CP Điều 3–6).

    ``ground`` is a code of the ``retirement_grounds`` table; ``adjustment_months`` is how far from the
    normal age the person retires under it: negative for an earlier ground, positive for a later one, 0 for
    the limit the ground allows (the lowest age for an earlier ground, Phụ lục II). Without a ground it must
    be 0. ``ages``: the ``retirement_age`` table already taken, when the caller works out many persons.
    """
    if not dates.is_plausible(birth_date):
        raise RetirementError(
            "birth_date",
            _("Năm sinh %(year)s không hợp lý (từ %(first)s đến %(last)s).")
            % {"year": birth_date.year, "first": dates.FIRST_YEAR, "last": dates.LAST_YEAR},
        )
    roadmap = _roadmap(gender, ages or rule_table(AGE_TABLE))
    birth_month = _month_index(birth_date)
    if ground is None:
        if adjustment_months:
            raise RetirementError(
                "ground",
                _("Chỉ được nghỉ hưu sớm hơn hoặc muộn hơn khi thuộc một trường hợp pháp luật quy định."),
            )
        reached = _reach(birth_month, roadmap, 0)
        if reached is None:
            raise _no_rule(birth_date)
        row, month = reached
        return _result(birth_date, gender, None, 0, row, None, month)

    ground_rows = _ground_rows(ground)
    for ground_row in ground_rows:
        spec = ground_row.value
        direction, limit = spec["direction"], spec["max_months"]
        adjustment = adjustment_months or (-limit if direction == EARLIER else limit)
        if (adjustment < 0) != (direction == EARLIER):
            raise RetirementError(
                "adjustment_months",
                _("Trường hợp '%(label)s' là nghỉ hưu ở tuổi %(way)s tuổi nghỉ hưu bình thường.")
                % {"label": spec["label"], "way": _("thấp hơn") if direction == EARLIER else _("cao hơn")},
            )
        reached = _reach(birth_month, roadmap, adjustment)
        if reached is None or not ground_row.in_force_on(_last_day(reached[1])):
            continue
        if abs(adjustment) > limit:
            raise _beyond_limit(ground_row, abs(adjustment))
        row, month = reached
        return _result(birth_date, gender, ground, adjustment, row, ground_row, month)
    widest = max(ground_rows, key=lambda r: r.value["max_months"])
    if abs(adjustment_months) > widest.value["max_months"]:
        raise _beyond_limit(widest, abs(adjustment_months))
    raise RetirementError(
        "ground",
        _(
            "Trường hợp '%(ground)s' chưa có quy định áp dụng cho thời điểm nghỉ hưu của người sinh ngày "
            "%(birth)s."
        )
        % {"ground": ground, "birth": f"{birth_date:%d/%m/%Y}"},
    )


def _beyond_limit(ground_row: RuleValue, asked: int) -> RetirementError:
    spec = ground_row.value
    return RetirementError(
        "adjustment_months",
        _(
            "Trường hợp '%(label)s' chỉ cho phép nghỉ hưu %(way)s tối đa %(limit)s so với tuổi nghỉ hưu bình "
            "thường tại thời điểm nghỉ hưu (%(citation)s); đã yêu cầu %(asked)s."
        )
        % {
            "label": spec["label"],
            "way": _("sớm hơn") if spec["direction"] == EARLIER else _("muộn hơn"),
            "limit": _months_text(spec["max_months"]),
            "citation": ground_row.legal_basis.citation,
            "asked": _months_text(asked),
        },
    )


def _months_text(months: int) -> str:
    years, rest = divmod(months, 12)
    parts = ([f"{years} năm"] if years else []) + ([f"{rest} tháng"] if rest else [])
    return " ".join(parts) or "0 tháng"


def _no_rule(birth_date: dt.date) -> RetirementError:
    return RetirementError(
        "birth_date",
        _("Không có quy định tuổi nghỉ hưu áp dụng cho người sinh ngày %(birth)s.")
        % {"birth": f"{birth_date:%d/%m/%Y}"},
    )


def _result(
    birth_date: dt.date,
    gender: str,
    ground: str | None,
    adjustment: int,
    row: RuleValue,
    ground_row: RuleValue | None,
    month: int,
) -> RetirementResult:
    retired_on = _last_day(month)
    pension_start = retired_on + dt.timedelta(days=1)
    required = row.value + adjustment
    sex = _("nam") if gender == Gender.MALE else _("nữ")
    steps = [
        _(
            "Sinh tháng %(birth)s: tuổi được tính theo tháng, năm sinh (Nghị định 135/2020/NĐ-CP Điều 3, "
            "Phụ lục I)."
        )
        % {"birth": f"{birth_date:%m/%Y}"},
        _(
            "Tuổi nghỉ hưu trong điều kiện lao động bình thường của lao động %(sex)s áp dụng cho người "
            "đủ tuổi trong khoảng %(period)s là %(age)s (%(citation)s)."
        )
        % {
            "sex": sex,
            "period": row.period_label(),
            "age": age_text(row.value),
            "citation": row.legal_basis.citation,
        },
    ]
    rules = [row.explain()]
    if ground_row is not None:
        way = _("thấp hơn") if adjustment < 0 else _("cao hơn")
        steps.append(
            _(
                "Trường hợp '%(label)s': nghỉ hưu ở tuổi %(way)s %(months)s so với tuổi nghỉ hưu bình thường "
                "tại thời điểm nghỉ hưu, tức %(age)s (%(citation)s)."
            )
            % {
                "label": ground_row.value["label"],
                "way": way,
                "months": _months_text(abs(adjustment)),
                "age": age_text(required),
                "citation": ground_row.legal_basis.citation,
            }
        )
        rules.append(ground_row.explain())
    steps += [
        _("Đủ %(age)s vào tháng %(month)s, trong khoảng áp dụng của quy định trên.")
        % {"age": age_text(required), "month": f"{retired_on:%m/%Y}"},
        _(
            "Thời điểm nghỉ hưu: hết ngày %(retired)s; thời điểm hưởng lương hưu: %(pension)s (Nghị định "
            "135/2020/NĐ-CP Điều 3)."
        )
        % {"retired": f"{retired_on:%d/%m/%Y}", "pension": f"{pension_start:%d/%m/%Y}"},
    ]
    rules.append(RETIREMENT_MOMENT_RULE)
    return RetirementResult(
        birth_date=birth_date,
        gender=gender,
        ground=ground,
        adjustment_months=adjustment,
        normal_age_months=row.value,
        retirement_age_months=required,
        retirement_date=retired_on,
        pension_start=pension_start,
        rules=rules,
        steps=steps,
    )


def _birth_months_retiring(roadmap: tuple[RuleValue, ...], first: int, last: int) -> tuple[int, int] | None:
    """The first and last birth month whose normal retirement month lies in [first, last].

    The retirement month does not decrease with the birth month, so those birth months are one run; the
    candidates lie between ``first`` less the highest age and ``last`` less the lowest.
    """
    ages = [row.value for row in roadmap]
    months = []
    for birth_month in range(first - max(ages), last - min(ages) + 1):
        reached = _reach(birth_month, roadmap, 0)
        if reached is not None and first <= reached[1] <= last:
            months.append(birth_month)
    return (months[0], months[-1]) if months else None


def reaching_retirement_q(start: dt.date, end: dt.date, ages: RuleTable | None = None) -> Q:
    """Persons (``noivu.personnel.models.Person``) whose normal retirement date lies in [start, end].

    The retirement date only depends on the birth month and gender and never decreases with the birth
    month, so the condition becomes one birth-date range per gender, evaluated by the database.
    ``ages``: the ``retirement_age`` table already taken, when the caller asks for many periods.
    """
    ages = ages or rule_table(AGE_TABLE)
    first = _month_index(start)
    last = _month_index(end) if end == _last_day(_month_index(end)) else _month_index(end) - 1
    conditions = []
    for gender in AGE_CODES:
        roadmap = _roadmap(gender, ages)
        run = _birth_months_retiring(roadmap, first, last) if roadmap and first <= last else None
        if run is not None:
            conditions.append(
                Q(gender=gender, birth_date__gte=_first_day(run[0]), birth_date__lte=_last_day(run[1]))
            )
    return reduce(or_, conditions) if conditions else Q(pk__in=[])
