"""Periodic situation reports (báo cáo định kỳ tình hình tín ngưỡng, tôn giáo): monthly, quarterly and yearly
figures of a scope — the registries in force at the end of the period, the procedure dossiers received and
decided in it, the incidents that occurred in it by commune and topic compared with the period before, and
the forecast of the next period with the early warnings.

A report covering days before 1/7/2025 counts each incident under the current commune that succeeded the
legacy one the report named (the incident keeps both: :mod:`noivu.religion.incidents.places`), and lists
the legacy units each current commune took over. Every figure is one grouped query; nothing loops over
rows of the database.
"""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, F, Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from noivu.admin_units.models import TWO_TIER_START
from noivu.core import dates
from noivu.core.models import EffectiveDatedQuerySet
from noivu.religion.forecast import engine
from noivu.religion.forecast.situation import Alert, alerts, monthly
from noivu.religion.incidents.places import commune_names, legacy_names, province_name
from noivu.religion.models import (
    Dossier,
    DossierStatus,
    Incident,
    IncidentStatus,
    PlaceKind,
    Severity,
    Topic,
    procedure_label,
)

MONTH = "month"
QUARTER = "quarter"
YEAR = "year"
PERIOD_KINDS = {
    MONTH: gettext_lazy("Tháng"),
    QUARTER: gettext_lazy("Quý"),
    YEAR: gettext_lazy("Năm"),
}
MONTHS_IN = {MONTH: 1, QUARTER: 3, YEAR: 12}
ROMAN = ("I", "II", "III", "IV")
OPEN_STATES = (DossierStatus.RECEIVED, DossierStatus.SUPPLEMENT)


@dataclass(frozen=True)
class Period:
    """A reporting period: calendar month, quarter or year, both ends inclusive."""

    kind: str
    year: int
    number: int  # month 1–12, quarter 1–4, or 1 for a year

    @classmethod
    def of(cls, kind: str, year: int, number: int = 1) -> "Period":
        if kind not in MONTHS_IN:
            raise ValueError(kind)
        limit = {MONTH: 12, QUARTER: 4, YEAR: 1}[kind]
        if not 1 <= number <= limit:
            raise ValueError(number)
        return cls(kind, year, number)

    @classmethod
    def last_complete(cls, kind: str, day: dt.date) -> "Period":
        """The last period of ``kind`` that ended before ``day``."""
        return cls.containing(kind, dates.add_months(day.replace(day=1), -MONTHS_IN[kind]))

    @classmethod
    def containing(cls, kind: str, day: dt.date) -> "Period":
        number = {MONTH: day.month, QUARTER: (day.month - 1) // 3 + 1, YEAR: 1}[kind]
        return cls(kind, day.year, number)

    @property
    def start(self) -> dt.date:
        first_month = {MONTH: self.number, QUARTER: 3 * self.number - 2, YEAR: 1}[self.kind]
        return dt.date(self.year, first_month, 1)

    @property
    def months(self) -> int:
        return MONTHS_IN[self.kind]

    @property
    def end(self) -> dt.date:
        return dates.add_months(self.start, self.months) - dt.timedelta(days=1)

    @property
    def previous(self) -> "Period":
        return Period.containing(self.kind, dates.add_months(self.start, -self.months))

    @property
    def next(self) -> "Period":
        return Period.containing(self.kind, dates.add_months(self.start, self.months))

    @property
    def label(self) -> str:
        if self.kind == MONTH:
            return _("tháng %(month)d năm %(year)d") % {"month": self.number, "year": self.year}
        if self.kind == QUARTER:
            return _("quý %(quarter)s năm %(year)d") % {"quarter": ROMAN[self.number - 1], "year": self.year}
        return _("năm %(year)d") % {"year": self.year}

    @property
    def slug(self) -> str:
        suffix = {MONTH: f"-{self.number:02d}", QUARTER: f"-q{self.number}", YEAR: ""}[self.kind]
        return f"{self.year}{suffix}"

    @property
    def spans_legacy_units(self) -> bool:
        """Whether some of its days fall before 1/7/2025, when reports named the legacy units."""
        return self.start < TWO_TIER_START


@dataclass
class Line:
    """A row of a report table: a label and its figures."""

    label: str
    values: list[int]
    note: str = ""


@dataclass
class CommuneLine:
    """The incidents of the period in a current commune, with the legacy units a report before 1/7/2025
    named there."""

    province: str
    commune_code: str
    name: str
    total: int
    serious: int
    unresolved: int
    legacy_count: int
    legacy_units: list[str]
    topics: list[int]


@dataclass
class Outlook:
    """The next period's forecast of incidents (sum of the monthly forecasts) with its 95 % band."""

    period: Period
    mean: float
    lower: int
    upper: int
    method: str


@dataclass
class PeriodicReport:
    period: Period
    as_of: dt.date
    issuer: str
    registries: list[Line]
    registry_headers: list[str]
    procedures: list[Line]
    procedure_headers: list[str]
    incidents_total: int
    incidents_previous: int
    incidents_serious: int
    incidents_unresolved: int
    by_topic: list[Line]
    by_severity: list[Line]
    communes: list[CommuneLine]
    topic_headers: list[str]
    outlook: Outlook | None
    warnings: list[Alert] = field(default_factory=list)
    legacy_incidents: int = 0

    @property
    def change(self) -> int:
        return self.incidents_total - self.incidents_previous

    @property
    def procedure_totals(self) -> list[int]:
        return [sum(line.values[i] for line in self.procedures) for i in range(len(self.procedure_headers))]

    @property
    def registry_totals(self) -> list[int]:
        return [sum(line.values[i] for line in self.registries) for i in range(len(self.registry_headers))]


def _counts(rows: QuerySet, key: str) -> dict[Any, int]:
    return {row[key]: row["n"] for row in rows.order_by().values(key).annotate(n=Count("pk"))}


def registries(
    organizations: EffectiveDatedQuerySet,
    places: EffectiveDatedQuerySet,
    dignitaries: EffectiveDatedQuerySet,
    groups: EffectiveDatedQuerySet,
    day: dt.date,
) -> tuple[list[str], list[Line]]:
    """Per religion, what is in force on ``day``: organisations, places of worship, dignitaries and office
    holders, registered groups; the belief establishments (no religion) on a line of their own."""
    columns = [
        _counts(organizations.as_of(day), "religion__name"),
        _counts(places.as_of(day).filter(kind=PlaceKind.RELIGIOUS), "religion__name"),
        _counts(dignitaries.as_of(day), "religious_organization__religion__name"),
        _counts(groups.as_of(day), "religion__name"),
    ]
    names = sorted({name for column in columns for name in column if name})
    lines = [Line(name, [column.get(name, 0) for column in columns] + [0]) for name in names]
    belief = places.as_of(day).filter(kind=PlaceKind.BELIEF).count()
    lines.append(Line(_("Cơ sở tín ngưỡng"), [0, 0, 0, 0, belief]))
    headers = [
        _("Tổ chức tôn giáo"),
        _("Cơ sở tôn giáo"),
        _("Chức sắc, chức việc, nhà tu hành"),
        _("Nhóm sinh hoạt tôn giáo tập trung"),
        _("Cơ sở tín ngưỡng"),
    ]
    return headers, lines


def procedures(dossiers: QuerySet[Dossier], period: Period) -> tuple[list[str], list[Line]]:
    """Per procedure: received in the period, decided in it (in time, late), open at its end and, of those,
    past their deadline."""
    start, end = period.start, period.end
    decided = Q(status=DossierStatus.DECIDED, decided_on__gte=start, decided_on__lte=end)
    still_open = Q(received_on__lte=end) & (
        Q(status__in=OPEN_STATES) | Q(status=DossierStatus.DECIDED, decided_on__gt=end)
    )
    rows = (
        dossiers.order_by()
        .values("procedure_code", "rule__value")
        .annotate(
            received=Count("pk", filter=Q(received_on__gte=start, received_on__lte=end)),
            decided=Count("pk", filter=decided),
            late=Count("pk", filter=decided & Q(decided_on__gt=F("due_on"))),
            pending=Count("pk", filter=still_open),
            overdue=Count("pk", filter=still_open & Q(due_on__lt=end)),
        )
    )
    merged: dict[str, Line] = {}
    for row in rows:
        if not any(row[k] for k in ("received", "decided", "pending")):
            continue
        name = procedure_label(row["rule__value"]) or _("Thủ tục khác")
        line = merged.setdefault(row["procedure_code"], Line(name, [0, 0, 0, 0, 0, 0]))
        in_time = row["decided"] - row["late"]
        for i, value in enumerate(
            (row["received"], row["decided"], in_time, row["late"], row["pending"], row["overdue"])
        ):
            line.values[i] += value
    headers = [
        _("Tiếp nhận trong kỳ"),
        _("Đã giải quyết"),
        _("Đúng hạn"),
        _("Quá hạn"),
        _("Đang giải quyết cuối kỳ"),
        _("Trong đó quá hạn"),
    ]
    return headers, sorted(merged.values(), key=lambda line: (-line.values[0], line.label))


def incidents_by_commune(incidents: QuerySet[Incident], period: Period) -> list[CommuneLine]:
    """The period's incidents per current commune; a legacy commune a report named is listed under the
    commune that succeeded it."""
    rows = list(
        incidents.filter(occurred_on__gte=period.start, occurred_on__lte=period.end)
        .order_by()
        .values("province_code", "commune_code", "legacy_commune_code")
        .annotate(
            total=Count("pk"),
            serious=Count("pk", filter=Q(severity__gte=Severity.HIGH)),
            unresolved=Count("pk", filter=~Q(status=IncidentStatus.CLOSED)),
            **{f"topic_{topic.value}": Count("pk", filter=Q(topic=topic.value)) for topic in Topic},
        )
    )
    names = commune_names(row["commune_code"] for row in rows)
    old_names = legacy_names(row["legacy_commune_code"] for row in rows if row["legacy_commune_code"])
    provinces = {code: province_name(code) for code in {row["province_code"] for row in rows}}
    lines: dict[tuple[str, str], CommuneLine] = {}
    for row in rows:
        key = (row["province_code"], row["commune_code"])
        line = lines.get(key)
        if line is None:
            line = lines[key] = CommuneLine(
                provinces[row["province_code"]],
                row["commune_code"],
                names.get(row["commune_code"], row["commune_code"]),
                0,
                0,
                0,
                0,
                [],
                [0] * len(Topic.values),
            )
        line.total += row["total"]
        line.serious += row["serious"]
        line.unresolved += row["unresolved"]
        for i, topic in enumerate(Topic.values):
            line.topics[i] += row[f"topic_{topic}"]
        legacy = row["legacy_commune_code"]
        if legacy:
            line.legacy_count += row["total"]
            label = old_names.get(legacy, legacy)
            if label not in line.legacy_units:
                line.legacy_units.append(label)
    for line in lines.values():
        line.legacy_units.sort()
    return sorted(lines.values(), key=lambda line: (line.province, -line.total, line.name))


def outlook(incidents: QuerySet[Incident], period: Period) -> Outlook | None:
    """The forecast of the next period's incidents from the monthly history up to the period's end."""
    last = period.end.replace(day=1)
    first = dates.add_months(last, -35)
    _months, history = monthly(incidents, "occurred_on", first, last)
    if not history.any():
        return None
    fitted = engine.fit(history, period.months, first.month)
    mean = float(fitted.mean.sum())
    lower, upper = engine.band(fitted.mean.sum(keepdims=True), fitted.dispersion)
    return Outlook(period.next, mean, int(lower[0]), int(upper[0]), fitted.method)


def build(
    *,
    period: Period,
    as_of: dt.date,
    issuer: str,
    organizations: EffectiveDatedQuerySet,
    places: EffectiveDatedQuerySet,
    dignitaries: EffectiveDatedQuerySet,
    groups: EffectiveDatedQuerySet,
    dossiers: QuerySet[Dossier],
    incidents: QuerySet[Incident],
) -> PeriodicReport:
    """The report of ``period`` over querysets already limited to the reader's scope."""
    registry_headers, registry_lines = registries(
        organizations, places, dignitaries, groups, min(period.end, as_of)
    )
    procedure_headers, procedure_lines = procedures(dossiers, period)
    previous = period.previous
    within = Q(occurred_on__gte=period.start, occurred_on__lte=period.end)
    before = Q(occurred_on__gte=previous.start, occurred_on__lte=previous.end)
    figures = incidents.order_by().aggregate(
        total=Count("pk", filter=within),
        previous=Count("pk", filter=before),
        serious=Count("pk", filter=within & Q(severity__gte=Severity.HIGH)),
        unresolved=Count("pk", filter=within & ~Q(status=IncidentStatus.CLOSED)),
        legacy=Count("pk", filter=within & ~Q(legacy_commune_code="")),
    )
    topic_now = _counts(incidents.filter(within), "topic")
    topic_before = _counts(incidents.filter(before), "topic")
    severity_now = _counts(incidents.filter(within), "severity")
    severity_before = _counts(incidents.filter(before), "severity")
    by_topic = [
        Line(str(label), [topic_now.get(value, 0), topic_before.get(value, 0)])
        for value, label in Topic.choices
    ]
    by_severity = [
        Line(str(label), [severity_now.get(value, 0), severity_before.get(value, 0)])
        for value, label in Severity.choices
    ]
    return PeriodicReport(
        period=period,
        as_of=as_of,
        issuer=issuer,
        registries=registry_lines,
        registry_headers=registry_headers,
        procedures=procedure_lines,
        procedure_headers=procedure_headers,
        incidents_total=figures["total"],
        incidents_previous=figures["previous"],
        incidents_serious=figures["serious"],
        incidents_unresolved=figures["unresolved"],
        by_topic=by_topic,
        by_severity=by_severity,
        communes=incidents_by_commune(incidents, period),
        topic_headers=[str(label) for label in Topic.labels],
        outlook=outlook(incidents, period),
        legacy_incidents=figures["legacy"],
        warnings=warnings_of(incidents, period),
    )


def warnings_of(incidents: QuerySet[Incident], period: Period) -> list[Alert]:
    """The early warnings of the period's last month, communes named."""
    found = alerts(incidents, period.end + dt.timedelta(days=1), {k: str(v) for k, v in Topic.choices}).alerts
    names = commune_names(alert.area_code for alert in found if alert.area_code)
    for alert in found:
        alert.area = names.get(alert.area_code, alert.area_code)
    return found
