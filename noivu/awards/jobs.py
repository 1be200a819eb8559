"""The screening of a whole scope as a background job (xét điều kiện thi đua, khen thưởng toàn phạm vi): a
ministry, a province or the country, too many persons for one page. The scope's units are taken in path
order and cut into batches of about ``BATCH`` persons, each unit whole (a collective is screened with its
members); each batch is screened set-wise like a unit's page and the job reports its progress after each.
The result counts, per title, those found eligible and refused."""

import datetime as dt
import time
from typing import Any

import polars as pl
from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from noivu.awards import engine
from noivu.core.jobs import Progress, job
from noivu.core.models import Job
from noivu.core.numbers import grouped
from noivu.evaluation.models import UnitEvaluation
from noivu.organizations.models import Organization
from noivu.personnel.models import Person

SCREENING_JOB = "awards.screening"
BATCH = 500_000


def batches(root: Organization, size: int = BATCH) -> list[tuple[str, str | None]]:
    """The scope of ``root`` cut into ranges of unit paths [first, next first) of about ``size`` persons,
    each unit whole, from one grouped count."""
    counts = (
        Person.objects.unrestricted()
        .filter(organization__path__startswith=root.path)
        .values("organization__path")
        .annotate(n=Count("pk"))
        .order_by("organization__path")
        .values_list("organization__path", "n")
    )
    starts: list[str] = []
    running = size
    for path, n in counts:
        if running >= size:
            starts.append(path)
            running = 0
        running += n
    return [(start, starts[k + 1] if k + 1 < len(starts) else None) for k, start in enumerate(starts)]


@job(
    SCREENING_JOB,
    label=gettext_lazy("Xét điều kiện thi đua, khen thưởng toàn phạm vi"),
    page="awards:screening_progress",
)
def screen_scope(record: Job, progress: Progress) -> dict[str, Any]:
    """Screen every person and rated unit under ``params["organization"]`` for ``params["year"]`` under
    the rules of ``params["decided_on"]``, a batch of units at a time."""
    root = Organization.objects.get(pk=record.params["organization"])
    year, decided_on = int(record.params["year"]), dt.date.fromisoformat(record.params["decided_on"])
    started = time.perf_counter()
    ranges = batches(root, int(record.params.get("batch", BATCH)))
    tallies: list[pl.DataFrame] = []
    persons_seen = units_seen = 0
    for number, (first, following) in enumerate(ranges, 1):
        where = {"organization__path__startswith": root.path, "organization__path__gte": first}
        if following is not None:
            where["organization__path__lt"] = following
        persons = Person.objects.unrestricted().filter(**where)
        units = UnitEvaluation.objects.unrestricted().filter(**where)
        individual, collective = engine.scope_screening(persons, units, year, decided_on)
        for screening, recipient in ((individual, engine.INDIVIDUAL), (collective, engine.COLLECTIVE)):
            tallies.append(
                screening.results.group_by("title")
                .agg(
                    pl.col("eligible").sum().alias("eligible"),
                    pl.col("eligible").not_().sum().alias("refused"),
                )
                .with_columns(pl.lit(recipient).alias("recipient"))
            )
        persons_seen += individual.results.select(pl.col("person_id").n_unique()).item()
        units_seen += collective.results.select(pl.col("organization_id").n_unique()).item()
        progress(
            number * 100 // len(ranges) if number < len(ranges) else 99,
            _("Đã xét %(persons)s người, %(units)s tập thể (phần %(k)s/%(n)s).")
            % {"persons": grouped(persons_seen), "units": grouped(units_seen), "k": number, "n": len(ranges)},
        )
    names = {code: rule.value["name"] for code, rule in engine.title_rules(decided_on).items()}
    order = {code: position for position, code in enumerate(names)}
    total = (
        pl.concat(tallies).group_by("title", "recipient").agg(pl.col("eligible", "refused").sum())
        if tallies
        else pl.DataFrame(
            schema={"title": pl.String, "recipient": pl.String, "eligible": pl.Int64, "refused": pl.Int64}
        )
    )
    titles = sorted(
        (
            {
                "code": code,
                "name": names.get(code, code),
                "recipient": recipient,
                "eligible": eligible,
                "refused": refused,
            }
            for code, recipient, eligible, refused in total.select(
                "title", "recipient", "eligible", "refused"
            ).iter_rows()
        ),
        key=lambda row: order.get(str(row["code"]), 99),
    )
    summary = "; ".join(f"{row['name']}: {grouped(int(row['eligible']))}" for row in titles)
    progress(
        100,
        _("Đã xét %(persons)s người, %(units)s tập thể. Đủ điều kiện — %(summary)s.")
        % {"persons": grouped(persons_seen), "units": grouped(units_seen), "summary": summary},
    )
    return {
        "organization": root.pk,
        "year": year,
        "decided_on": decided_on.isoformat(),
        "persons": persons_seen,
        "units": units_seen,
        "batches": len(ranges),
        "titles": titles,
        "seconds": round(time.perf_counter() - started, 2),
    }
