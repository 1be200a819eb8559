"""The working calendar of a place, read from the database: the announced days of the whole country and
of the provinces above the place, over the library's public holidays."""

from django.db.models import Q

from noivu.core.permissions import TREE_STEP
from noivu.religion.models import CalendarDay, CalendarDayKind
from noivu.religion.procedures.clock import CalendarRow, WorkCalendar


def calendar_for(path: str) -> WorkCalendar:
    """The calendar of the organisation at tree ``path``: a row of a unit above it wins over a national
    row of the same day (a province's decision over the general announcement)."""
    prefixes = [path[:end] for end in range(TREE_STEP, len(path) + 1, TREE_STEP)]
    # The calendar applies to every dossier of the place, whoever reads it: a deliberate unscoped read.
    rows = CalendarDay.objects.unrestricted().filter(
        Q(organization__isnull=True) | Q(organization__path__in=prefixes)
    )
    ordered = sorted(
        rows.values("day", "kind", "name", "organization__path"),
        key=lambda row: len(row["organization__path"] or ""),
    )
    return WorkCalendar.of(
        CalendarRow(row["day"], row["kind"] == CalendarDayKind.WORKING_DAY, row["name"]) for row in ordered
    )
