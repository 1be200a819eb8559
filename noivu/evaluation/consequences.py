"""The consequences of the yearly ratings (hệ quả của kết quả xếp loại) as dated facts other apps read
through ``noivu.core.extensions.person_facts`` without importing this app: two consecutive years at the
lowest level (grounds for ending the contract, leaving the service, streamlining), a year below "hoàn
thành nhiệm vụ" (a step raise postponed), ratings qualifying for emulation titles. Which levels and how
many consecutive years, and the citation, are the rule table ``evaluation_consequences``."""

import datetime as dt

from django.db.models import Exists, OuterRef, QuerySet

from noivu.core.extensions import PersonFact, PersonFactSource, person_fact_sources
from noivu.core.rules import rule_table
from noivu.evaluation.models import Evaluation, PeriodKind, Status

TABLE = "evaluation_consequences"
KINDS = (
    "lowest_two_consecutive_years",
    "step_raise_postponed",
    "qualifies_advanced_worker",
    "qualifies_emulation_fighter",
)


def _decided_years(levels: list[str], first: int, last: int) -> QuerySet[Evaluation]:
    return Evaluation.objects.unrestricted().filter(
        period_kind=PeriodKind.YEAR, status=Status.DECIDED, rating__in=levels, year__range=(first, last)
    )


def consequence_rows(kind: str, person_ids: list[int] | None, first: int, last: int) -> QuerySet[Evaluation]:
    """The yearly ratings of years ``first``–``last`` that bring consequence ``kind``: one query."""
    rule = rule_table(TABLE).lookup(kind, dt.date(last, 12, 31)).value
    levels, years = list(rule["levels"]), int(rule["consecutive_years"])
    rows = _decided_years(levels, first, last)
    if person_ids is not None:
        rows = rows.filter(person_id__in=person_ids)
    for back in range(1, years):
        earlier = _decided_years(levels, first - back, last).filter(
            person_id=OuterRef("person_id"), year=OuterRef("year") - back
        )
        rows = rows.filter(Exists(earlier))
    return rows


def rated_years(start: dt.date, end: dt.date) -> tuple[int, int]:
    """The years whose facts, dated the last day of the year rated, fall within [start, end]."""
    last = end.year if end >= dt.date(end.year, 12, 31) else end.year - 1
    return start.year, last


def facts(kind: str, person_ids: list[int] | None, start: dt.date, end: dt.date) -> list[PersonFact]:
    """The facts of ``kind`` dated within [start, end], each dated the last day of the year rated (the
    earlier years a consecutive-years fact rests on may lie before ``start``), with the citation of the rule
    in force that day and the level as its detail; none before the rule took effect."""
    first, last = rated_years(start, end)
    if kind not in KINDS or first > last:
        return []
    rule = rule_table(TABLE).get(kind, dt.date(last, 12, 31))
    if rule is None:
        return []
    first = max(first, rule.effective_from.year)
    citation = rule.legal_basis.citation
    rows = consequence_rows(kind, person_ids, first, last).order_by("person_id", "year")
    return [
        PersonFact(person_id, f"evaluation.{kind}", dt.date(year, 12, 31), citation, rating)
        for person_id, year, rating in rows.values_list("person_id", "year", "rating")
    ]


def _source(kind: str, person_ids: list[int] | None, start: dt.date, end: dt.date) -> list[PersonFact]:
    return facts(kind.removeprefix("evaluation."), person_ids, start, end)


person_fact_sources.register(
    PersonFactSource(
        key="evaluation",
        order=10,
        kinds=tuple(f"evaluation.{kind}" for kind in KINDS),
        facts=_source,
    )
)
