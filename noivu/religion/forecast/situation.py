"""The situation of an area as monthly series, its forecast with a band, and the early warnings: reads
the incidents and dossiers of a scope in a few grouped queries and runs :mod:`.engine` over them."""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncMonth

from noivu.core import dates
from noivu.religion.forecast import engine

HISTORY_MONTHS = 36
HORIZON = 6
MIN_ALERT = 3  # an alert needs at least this many incidents in the month, whatever the band


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def months_back(month: dt.date, count: int) -> dt.date:
    return dates.add_months(month, -count)


def month_index(months: list[dt.date]) -> dict[dt.date, int]:
    return {month: index for index, month in enumerate(months)}


def monthly(rows: QuerySet, date_field: str, first: dt.date, last: dt.date, key: Any = None) -> Any:
    """Counts per month from ``first`` to ``last`` (month starts, inclusive) of ``rows``, grouped by
    ``key`` when given: (keys, months, matrix keys × months) or (months, vector)."""
    months = [
        dates.add_months(first, i)
        for i in range((last.year - first.year) * 12 + last.month - first.month + 1)
    ]
    index = month_index(months)
    scoped = rows.filter(**{f"{date_field}__gte": first, f"{date_field}__lt": dates.add_months(last, 1)})
    keys_of = list(key) if isinstance(key, tuple) else [key] if key else []
    fields = ["month", *keys_of]
    grouped = scoped.order_by().annotate(month=TruncMonth(date_field)).values(*fields).annotate(n=Count("pk"))
    if key is None:
        vector = np.zeros(len(months))
        for row in grouped:
            vector[index[_as_date(row["month"])]] += row["n"]
        return months, vector
    keys: dict[Any, int] = {}
    cells: list[tuple[int, int, int]] = []
    for row in grouped:
        value = tuple(row[name] for name in keys_of) if isinstance(key, tuple) else row[key]
        position = keys.setdefault(value, len(keys))
        cells.append((position, index[_as_date(row["month"])], row["n"]))
    matrix = np.zeros((len(keys), len(months)))
    for position, month, n in cells:
        matrix[position, month] += n
    return list(keys), months, matrix


def _as_date(value: Any) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


@dataclass
class Series:
    """A monthly series with its forecast, ready for a chart."""

    label: str
    months: list[dt.date]
    observed: list[int]
    forecast_months: list[dt.date]
    mean: list[float]
    lower: list[float]
    upper: list[float]
    method: str

    def chart(self) -> dict[str, Any]:
        labels = [f"{m:%m/%Y}" for m in self.months + self.forecast_months]
        pad = [None] * len(self.months)
        last = [None] * (len(self.months) - 1) + [self.observed[-1]] if self.observed else []
        return {
            "labels": labels,
            "observed": self.observed + [None] * len(self.forecast_months),
            "mean": last + [round(v, 2) for v in self.mean],
            "lower": pad + list(self.lower),
            "upper": pad + list(self.upper),
            "label": self.label,
        }


def series(rows: QuerySet, date_field: str, label: str, as_of: dt.date) -> Series:
    """The last :data:`HISTORY_MONTHS` complete months before ``as_of`` and the next :data:`HORIZON`."""
    last = months_back(month_start(as_of), 1)
    first = months_back(last, HISTORY_MONTHS - 1)
    months, vector = monthly(rows, date_field, first, last)
    result = engine.fit(vector, HORIZON, first.month)
    future = [dates.add_months(last, i + 1) for i in range(HORIZON)]
    return Series(
        label,
        months,
        [int(v) for v in vector],
        future,
        [float(v) for v in result.mean],
        [float(v) for v in result.lower],
        [float(v) for v in result.upper],
        result.method,
    )


@dataclass
class Alert:
    """More incidents in ``month`` than the band of the one-month-ahead forecast allows."""

    area_code: str
    area: str
    topic: str
    month: dt.date
    observed: int
    expected: float
    upper: float


@dataclass
class Warnings:
    month: dt.date
    alerts: list[Alert] = field(default_factory=list)


def alerts(incidents: QuerySet, as_of: dt.date, topic_labels: dict[str, str]) -> Warnings:
    """Early warnings for the last complete month before ``as_of``: each commune, and each topic of the
    whole scope, whose count exceeds the upper end of its band. The scope's monthly total before that month
    is fitted once; each commune and topic gets its share of that forecast from its count over the
    :data:`engine.SHARE_WINDOW` months before (two grouped queries, one model)."""
    month = months_back(month_start(as_of), 1)
    first = months_back(month, HISTORY_MONTHS)
    window = months_back(month, engine.SHARE_WINDOW)
    found = Warnings(month)
    months, total = monthly(incidents, "occurred_on", first, months_back(month, 1))
    if not total.any():
        return found
    parent = engine.fit(total, 1, first.month)
    latest_q = Q(occurred_on__gte=month, occurred_on__lt=dates.add_months(month, 1))
    recent_q = Q(occurred_on__gte=window, occurred_on__lt=month)
    scoped = incidents.filter(occurred_on__gte=window, occurred_on__lt=dates.add_months(month, 1)).order_by()
    for key in ("commune_code", "topic"):
        rows = list(
            scoped.values(key).annotate(
                recent=Count("pk", filter=recent_q), latest=Count("pk", filter=latest_q)
            )
        )
        if not rows:
            continue
        recent = np.array([[row["recent"]] for row in rows], dtype=float)
        latest = np.array([row["latest"] for row in rows], dtype=float)
        areas = engine.shares(recent, parent)
        for index in np.nonzero((latest > areas.upper[:, 0]) & (latest >= MIN_ALERT))[0]:
            value = rows[index][key]
            found.alerts.append(
                Alert(
                    value if key == "commune_code" else "",
                    "",
                    topic_labels.get(value, value) if key == "topic" else "",
                    month,
                    int(latest[index]),
                    float(areas.mean[index, 0]),
                    float(areas.upper[index, 0]),
                )
            )
    found.alerts.sort(key=lambda alert: alert.observed - alert.upper, reverse=True)
    return found
