"""The rules of succession planning and training, and their batch computations.

- :func:`eligibility`: whether one person may enter the pool of a leadership position for a term (quy hoạch,
  Quy định 50-QĐ/TW, then 377-QĐ/TW from 8/10/2025): the age condition (able to serve the terms the rule
  table asks before the retirement age), the recent yearly ratings, no barring discipline; each condition
  a :class:`Reason` with its rule and citation. Pure: the calculator and the actions share it.
- :func:`candidate_facts`: the facts :func:`eligibility` and :func:`readiness` need, read for a set of
  persons in a few queries (ratings from ``evaluation``'s decided yearly results, disciplines through
  ``person_facts``, programmes and periods from the training record, units of the career).
- :func:`pool_checks`: every pool of a scope checked at once (numbers over the limits, candidates no longer
  eligible), in set operations.
- :func:`training_hours`: each person's periods of training in a year against the yearly requirement
  (Nghị định 101/2017/NĐ-CP, then 171/2025/NĐ-CP from 1/7/2025), as one SQL query over a scope.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Case, Count, F, IntegerField, Q, QuerySet, Sum, Value, When
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from noivu.awards.models import DisciplineForm
from noivu.core.extensions import person_facts
from noivu.core.rules import RuleTable, RuleValue, rule_table
from noivu.evaluation.models import Evaluation, Level, PeriodKind, Status
from noivu.personnel import codelists
from noivu.personnel.dossier.models import RankHistory
from noivu.personnel.models import Assignment, Person
from noivu.personnel.retirement.engine import AGE_TABLE, RetirementError, retirement_date
from noivu.succession.models import LeadershipLevel, PlanningPool, PoolCandidate, Programme, TrainingCourse

LIMITS, REQUIREMENTS, POOL_TRAINING, POOL_RANKS = (
    "planning_limits",
    "training_requirements",
    "pool_training",
    "pool_ranks",
)
DISCIPLINE = "awards.discipline"


@dataclass(frozen=True)
class Reason:
    """One condition checked: its code, whether it is met, the message, and the rule it rests on."""

    code: str
    met: bool
    message: str
    rule: RuleValue | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "met": self.met,
            "message": self.message,
            "citation": self.rule.legal_basis.citation if self.rule else "",
            "confidence": self.rule.legal_basis.confidence if self.rule else "",
        }


@dataclass
class Facts:
    """What the planning rules read of one person."""

    birth_date: dt.date
    gender: str
    ratings: dict[int, str] = field(default_factory=dict)
    disciplines: list[tuple[dt.date, str]] = field(default_factory=list)
    programmes: set[str] = field(default_factory=set)
    periods_this_year: int = 0
    units: int = 1
    category: str = ""
    rank_code: str = ""
    rank_group: str = ""


@dataclass(frozen=True)
class Eligibility:
    eligible: bool
    reasons: list[Reason]

    def refusals(self) -> list[str]:
        return [reason.message for reason in self.reasons if not reason.met]


def level_name(code: str) -> str:
    return str(dict(Level.choices).get(code, code))


def programme_name(code: str) -> str:
    return str(dict(Programme.choices).get(code, code))


def leadership_level_name(code: str) -> str:
    return str(dict(LeadershipLevel.choices).get(code, code))


# Retirement dates by (year and month of birth, gender, table): the age is reached by month of birth
# (Nghị định 135/2020/NĐ-CP Điều 3), so a batch of persons needs one computation per month of birth.
_retirements: dict[tuple[int, int, str, int], dt.date | None] = {}


def retirement_on(birth_date: dt.date, gender: str, ages: RuleTable) -> dt.date | None:
    key = (birth_date.year, birth_date.month, gender, id(ages))
    if key not in _retirements:
        if len(_retirements) > 100_000:
            _retirements.clear()
        try:
            _retirements[key] = retirement_date(birth_date, gender, ages=ages).retirement_date
        except RetirementError:
            _retirements[key] = None
    return _retirements[key]


def eligibility(
    facts: Facts, level: str, term_start: int, as_of: dt.date, tables: dict[str, RuleTable]
) -> Eligibility:
    """Whether a person with ``facts`` may be planned, on ``as_of``, for a position of ``level`` for a term
    starting in ``term_start``: the rank, the age, the recent ratings, no barring discipline."""
    limits = tables[LIMITS]
    reasons: list[Reason] = []

    ranks = tables[POOL_RANKS].get(level, as_of)
    if ranks is not None:
        if not facts.rank_group:
            reasons.append(Reason("rank", False, _("Chưa có ngạch đang giữ trên hồ sơ."), ranks))
        else:
            met = facts.rank_group in ranks.value
            message = (
                _("Ngạch %(rank)s (loại %(group)s) đạt tiêu chuẩn %(level)s.")
                if met
                else _("Ngạch %(rank)s (loại %(group)s) thấp hơn tiêu chuẩn %(level)s (từ loại %(lowest)s).")
            ) % {
                "rank": facts.rank_code,
                "group": facts.rank_group,
                "level": leadership_level_name(level).lower(),
                "lowest": ranks.value[-1],
            }
            reasons.append(Reason("rank", met, message, ranks))

    terms = limits.lookup("min_terms_before_retirement", as_of)
    years = limits.lookup("term_years", as_of)
    serve_until = dt.date(term_start + terms.value * years.value, 1, 1)
    retires = retirement_on(facts.birth_date, facts.gender, tables[AGE_TABLE])
    if retires is None:
        reasons.append(Reason("age", False, _("Không xác định được tuổi nghỉ hưu từ ngày sinh."), terms))
    else:
        met = retires >= serve_until
        message = (
            _("Nghỉ hưu ngày %(retires)s: đủ tuổi công tác trọn %(terms)s nhiệm kỳ từ năm %(start)s.")
            if met
            else _(
                "Nghỉ hưu ngày %(retires)s: không đủ tuổi công tác trọn %(terms)s nhiệm kỳ từ năm %(start)s "
                "(cần công tác đến %(until)s)."
            )
        ) % {
            "retires": f"{retires:%d/%m/%Y}",
            "terms": terms.value,
            "start": term_start,
            "until": f"{serve_until:%d/%m/%Y}",
        }
        reasons.append(Reason("age", met, message, terms))

    ratings = limits.lookup("recent_ratings", as_of)
    wanted = ratings.value["levels"]
    for year in range(as_of.year - ratings.value["years"], as_of.year):
        found = facts.ratings.get(year)
        if found is None:
            reasons.append(
                Reason("rating", False, _("Chưa có kết quả xếp loại năm %(year)s.") % {"year": year}, ratings)
            )
        else:
            met = found in wanted
            message = (
                _("Năm %(year)s xếp loại %(level)s.")
                if met
                else _("Năm %(year)s xếp loại %(level)s, thấp hơn mức %(wanted)s.")
            ) % {"year": year, "level": level_name(found), "wanted": level_name(wanted[-1])}
            reasons.append(Reason("rating", met, message, ratings))

    bars = limits.lookup("discipline_bars", as_of)
    since = as_of - dt.timedelta(days=365 * bars.value["years"])
    barring = [
        (day, form)
        for day, form in facts.disciplines
        if form in bars.value["forms"] and since <= day <= as_of
    ]
    if barring:
        day, form = max(barring)
        reasons.append(
            Reason(
                "discipline",
                False,
                _("Bị kỷ luật (%(form)s) ngày %(day)s: chưa được quy hoạch trong thời hạn %(years)s năm.")
                % {"form": _discipline_name(form), "day": f"{day:%d/%m/%Y}", "years": bars.value["years"]},
                bars,
            )
        )
    else:
        reasons.append(Reason("discipline", True, _("Không bị kỷ luật trong thời hạn xét."), bars))
    return Eligibility(all(reason.met for reason in reasons), reasons)


def _discipline_name(code: str) -> str:
    return str(dict(DisciplineForm.choices).get(code, code))


@dataclass(frozen=True)
class Readiness:
    """How ready a candidate is (mức độ sẵn sàng): the programmes the pool's level needs and those missing
    (the planned training), the periods of the year against the requirement, whether they rotated."""

    eligible: bool
    reasons: list[Reason]
    missing_programmes: list[str]
    periods: int
    required_periods: int | None
    rotated: bool

    @property
    def ready(self) -> bool:
        return self.eligible and not self.missing_programmes

    @property
    def missing_names(self) -> list[str]:
        return [programme_name(code) for code in self.missing_programmes]

    @property
    def label(self) -> str:
        if not self.eligible:
            return _("Không còn đủ điều kiện")
        if self.missing_programmes:
            return _("Cần bồi dưỡng thêm")
        return _("Sẵn sàng")


def readiness(
    facts: Facts, level: str, term_start: int, as_of: dt.date, tables: dict[str, RuleTable]
) -> Readiness:
    checked = eligibility(facts, level, term_start, as_of, tables)
    needed = tables[POOL_TRAINING].get(level, as_of)
    missing = [code for code in (needed.value if needed else []) if code not in facts.programmes]
    required = tables[REQUIREMENTS].get(facts.category, dt.date(as_of.year, 12, 31))
    return Readiness(
        eligible=checked.eligible,
        reasons=checked.reasons,
        missing_programmes=missing,
        periods=facts.periods_this_year,
        required_periods=required.value if required else None,
        rotated=facts.units > 1,
    )


def tables() -> dict[str, RuleTable]:
    return {name: rule_table(name) for name in (LIMITS, REQUIREMENTS, POOL_TRAINING, POOL_RANKS, AGE_TABLE)}


def candidate_facts(person_ids: Iterable[int], as_of: dt.date, limits: RuleTable) -> dict[int, Facts]:
    """The facts of ``person_ids`` as of ``as_of``, in one query per kind of fact."""
    ids = sorted(set(person_ids))
    if not ids:
        return {}
    facts = {
        pk: Facts(birth, gender, category=category)
        for pk, birth, gender, category in Person.objects.unrestricted()
        .filter(pk__in=ids)
        .values_list("pk", "birth_date", "gender", "category")
    }
    held = list(
        RankHistory.objects.unrestricted()
        .as_of(as_of)
        .filter(person_id__in=ids)
        .values_list("person_id", "rank_code")
    )
    groups = {}
    for code in {code for _pk, code in held}:
        rank = codelists.rank_on(code, as_of)
        groups[code] = rank.value.get("salary_group", "") if rank else ""
    for pk, code in held:
        facts[pk].rank_code = code
        facts[pk].rank_group = groups[code]
    rating_rule = limits.lookup("recent_ratings", as_of)
    first = as_of.year - rating_rule.value["years"]
    for pk, year, level in (
        Evaluation.objects.unrestricted()
        .filter(
            person_id__in=ids,
            period_kind=PeriodKind.YEAR,
            status=Status.DECIDED,
            year__gte=first,
            year__lt=as_of.year,
        )
        .values_list("person_id", "year", "rating")
    ):
        facts[pk].ratings[year] = level
    years = limits.lookup("discipline_bars", as_of).value["years"]
    for fact in person_facts(DISCIPLINE, ids, dt.date(as_of.year - years - 1, 1, 1), as_of):
        facts[fact.person_id].disciplines.append((fact.on, fact.detail))
    for pk, programme in (
        TrainingCourse.objects.unrestricted()
        .filter(person_id__in=ids)
        .values_list("person_id", "programme")
        .distinct()
    ):
        facts[pk].programmes.add(programme)
    for pk, periods in (
        TrainingCourse.objects.unrestricted()
        .filter(person_id__in=ids)
        .filter(_in_year(as_of.year))
        .values("person_id")
        .annotate(total=Sum("periods"))
        .values_list("person_id", "total")
    ):
        facts[pk].periods_this_year = periods or 0
    units: dict[int, set[int]] = defaultdict(set)
    for pk, organization in (
        Assignment.objects.unrestricted()
        .filter(person_id__in=ids)
        .values_list("person_id", "organization_id")
        .distinct()
    ):
        units[pk].add(organization)
    for pk, seen in units.items():
        facts[pk].units = len(seen)
    return facts


def _in_year(year: int, prefix: str = "") -> Q:
    """Courses counted in ``year``: those ending in it (or starting in it when no end is recorded)."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return Q(**{f"{prefix}end_date__range": (first, last)}) | Q(
        **{f"{prefix}end_date__isnull": True, f"{prefix}start_date__range": (first, last)}
    )


@dataclass(frozen=True)
class Problem:
    """A pool over a limit, or a candidate no longer meeting a condition, with the rule's citation."""

    pool_id: int
    person_id: int | None
    code: str
    message: str
    citation: str


def pool_checks(pools: QuerySet[PlanningPool], as_of: dt.date) -> list[Problem]:
    """Every pool of ``pools`` checked on ``as_of``: the number planned per position and the positions per
    person against the limits, and each candidate's conditions (age, ratings, discipline)."""
    rules = tables()
    limits = rules[LIMITS]
    per_position = limits.lookup("max_candidates_per_position", as_of)
    per_person = limits.lookup("max_positions_per_person", as_of)
    active = PoolCandidate.objects.unrestricted().filter(pool__in=pools.values("pk"), removed_on__isnull=True)
    problems: list[Problem] = []
    for pool_id, title, count in (
        active.values("pool_id", "pool__position_title")
        .annotate(n=Count("pk"))
        .filter(n__gt=per_position.value)
        .values_list("pool_id", "pool__position_title", "n")
    ):
        problems.append(
            Problem(
                pool_id,
                None,
                "per_position",
                _("Chức danh %(title)s có %(count)s người trong quy hoạch, quá giới hạn %(limit)s người.")
                % {"title": title, "count": count, "limit": per_position.value},
                per_position.legal_basis.citation,
            )
        )
    # Positions per person count across every pool of the same level, in the user's scope or not.
    everywhere = PoolCandidate.objects.unrestricted().filter(removed_on__isnull=True)
    crowded = (
        everywhere.filter(person_id__in=active.values("person_id"))
        .values("person_id", "pool__level")
        .annotate(n=Count("pk"))
        .filter(n__gt=per_person.value)
        .values_list("person_id", "pool__level", "n")
    )
    crowded_keys = {(person, level): n for person, level, n in crowded}
    rows = list(
        active.values_list("pool_id", "person_id", "pool__level", "pool__term_start", "person__full_name")
    )
    facts = candidate_facts([row[1] for row in rows], as_of, limits)
    for pool_id, person_id, level, term_start, name in rows:
        n = crowded_keys.get((person_id, level))
        if n is not None:
            problems.append(
                Problem(
                    pool_id,
                    person_id,
                    "per_person",
                    _("%(name)s được quy hoạch %(count)s chức danh cùng cấp, quá giới hạn %(limit)s.")
                    % {"name": name, "count": n, "limit": per_person.value},
                    per_person.legal_basis.citation,
                )
            )
        for reason in eligibility(facts[person_id], level, term_start, as_of, rules).reasons:
            if not reason.met:
                problems.append(
                    Problem(
                        pool_id,
                        person_id,
                        reason.code,
                        f"{name}: {reason.message}",
                        reason.rule.legal_basis.citation if reason.rule else "",
                    )
                )
    return problems


def training_hours(persons: QuerySet[Person], year: int) -> QuerySet[Person]:
    """``persons`` with ``periods_done`` (the periods of their courses counted in ``year``) and
    ``periods_required`` (the yearly minimum of their category, None where none applies), in one query:
    the courses joined and summed per person (one hash aggregate, not a query per person)."""
    requirements = rule_table(REQUIREMENTS).in_force(dt.date(year, 12, 31))
    required = Case(
        *(When(category=code, then=Value(row.value)) for code, row in requirements.items()),
        default=None,
        output_field=IntegerField(),
    )
    done = Coalesce(
        Sum("training_courses__periods", filter=_in_year(year, "training_courses__")),
        Value(0),
        output_field=IntegerField(),
    )
    return persons.annotate(periods_done=done, periods_required=required).annotate(
        periods_missing=Case(
            When(periods_required__gt=F("periods_done"), then=F("periods_required") - F("periods_done")),
            default=Value(0),
            output_field=IntegerField(),
        )
    )


def training_summary(rows: QuerySet[Person]) -> dict[str, int]:
    """How many of the annotated ``rows`` have a requirement, meet it, and miss it."""
    return rows.aggregate(
        persons=Count("pk"),
        required=Count("pk", filter=Q(periods_required__isnull=False)),
        met=Count("pk", filter=Q(periods_required__isnull=False, periods_missing=0)),
        missing=Count("pk", filter=Q(periods_missing__gt=0)),
    )
