"""The dossier of a person read as one story: every dated fact in order (dòng thời gian hồ sơ).

:func:`timeline` reads each kind of fact with one query (no query per row) and returns entries sorted
by date, each with a Vietnamese label, for the detail page and the printable CV.
"""

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext as _

from noivu.personnel.dossier import registry
from noivu.personnel.dossier.models import EducationKind
from noivu.personnel.models import Person


class Kind(StrEnum):
    """Kinds of timeline entry, in the order entries of the same day are shown."""

    RECRUITMENT = "recruitment"
    ASSIGNMENT = "assignment"
    RANK = "rank"
    SALARY = "salary"
    ALLOWANCE = "allowance"
    PARTY = "party"
    MILITARY = "military"
    EDUCATION = "education"
    TRAINING = "training"
    EVALUATION = "evaluation"
    AWARD = "award"
    DISCIPLINE = "discipline"


ORDER: dict[str, int] = {kind: index for index, kind in enumerate(Kind)}


@dataclass(frozen=True)
class TimelineEntry:
    """One dated fact. ``year_only`` marks facts known only by year (a graduation, a yearly rating)."""

    date: dt.date
    kind: str  # a :class:`Kind`, or the kind of an entry another app adds
    label: str
    end: dt.date | None = None
    detail: str = ""
    year_only: bool = False

    @property
    def date_label(self) -> str:
        return f"{self.date:%Y}" if self.year_only else f"{self.date:%d/%m/%Y}"

    @property
    def end_label(self) -> str:
        return f"{self.end:%d/%m/%Y}" if self.end else ""


def _decision(number: str) -> str:
    return _("Quyết định số %(number)s") % {"number": number} if number else ""


def assignments(person: Person) -> list[TimelineEntry]:
    """Assignments (quá trình công tác), primary or concurrent."""
    entries = []
    for row in person.assignments.select_related("organization").order_by("effective_from"):
        if row.is_primary:
            label = _("Công tác tại %(org)s") % {"org": row.organization.name}
        else:
            label = _("Kiêm nhiệm tại %(org)s") % {"org": row.organization.name}
        if row.position_title:
            label = f"{label} — {row.position_title}"
        entries.append(
            TimelineEntry(
                row.effective_from, Kind.ASSIGNMENT, label, row.effective_to, row.get_category_display()
            )
        )
    return entries


def ranks(person: Person) -> list[TimelineEntry]:
    """Periods in a rank (ngạch)."""
    return [
        TimelineEntry(
            row.effective_from,
            Kind.RANK,
            _("Ngạch %(name)s (mã %(code)s)") % {"name": row.rank_name, "code": row.rank_code},
            row.effective_to,
            _decision(row.decision_number),
        )
        for row in person.rank_history.order_by("effective_from")
    ]


def party(person: Person) -> list[TimelineEntry]:
    """Party admission, full membership and leaving (Đảng viên)."""
    entries = []
    for row in person.party_memberships.order_by("admitted_on"):
        entries.append(TimelineEntry(row.admitted_on, Kind.PARTY, _("Vào Đảng Cộng sản Việt Nam")))
        if row.official_on:
            entries.append(TimelineEntry(row.official_on, Kind.PARTY, _("Trở thành đảng viên chính thức")))
        if row.left_on:
            entries.append(TimelineEntry(row.left_on, Kind.PARTY, _("Ra khỏi Đảng")))
    return entries


def education(person: Person) -> list[TimelineEntry]:
    """Degrees and certificates by the day or year obtained (trình độ đào tạo)."""
    entries = []
    for row in person.education.all():
        day = row.end_date or _day_of_year(row.graduation_year, 1, 1)
        if day is None:
            continue
        label = f"{row.get_kind_display()}: {row.level_name}"
        if row.kind == EducationKind.FOREIGN_LANGUAGE and row.language:
            label = f"{row.get_kind_display()} ({row.language}): {row.level_name}"
        detail = ", ".join(part for part in (row.field, row.institution) if part)
        entries.append(
            TimelineEntry(day, Kind.EDUCATION, label, None, detail, year_only=row.end_date is None)
        )
    return entries


def _day_of_year(year: int | None, month: int, day: int) -> dt.date | None:
    """The day of ``year``, or None for a year no calendar has (0 or 99999, stored before the entry rules
    refused them): such a row is left off the timeline rather than breaking it."""
    return dt.date(year, month, day) if year and dt.MINYEAR <= year <= dt.MAXYEAR else None


def personal_milestones(person: Person) -> list[TimelineEntry]:
    """Recruitment and military service from the person's own fields (tuyển dụng, nhập ngũ, xuất ngũ)."""
    entries = []
    if person.recruited_on:
        entries.append(
            TimelineEntry(
                person.recruited_on, Kind.RECRUITMENT, _("Được tuyển dụng"), None, person.recruiting_agency
            )
        )
    if person.enlisted_on:
        entries.append(TimelineEntry(person.enlisted_on, Kind.MILITARY, _("Nhập ngũ")))
    if person.discharged_on:
        entries.append(
            TimelineEntry(
                person.discharged_on, Kind.MILITARY, _("Xuất ngũ"), None, person.highest_military_rank
            )
        )
    return entries


def timeline(person: Person) -> list[TimelineEntry]:
    """Every dated fact of ``person`` from the registered parts of the record, in date order (same-day
    facts in the order of :class:`Kind`, then those of the kinds other apps add)."""
    entries = [entry for source in registry.timeline_sources() for entry in source(person)]
    return sorted(entries, key=lambda entry: (entry.date, ORDER.get(entry.kind, len(ORDER))))
