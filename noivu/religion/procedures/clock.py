"""The statutory clock of a dossier (thời hạn giải quyết): working days, pauses, the deadline.

Counting (rule table ``religion_counting``): a time of N days starts on the day after receipt (Bộ luật Dân sự
2015 Điều 147); in calendar days every day counts, and a deadline that falls on a weekly rest day or a public
holiday moves to the next working day (Điều 148); in working days only working days count. While the
authority waits for a supplement it asked for, the clock stops: the days after the request up to and
including the day the supplement arrives do not count.

Working days: Monday to Friday, less the public holidays and announced days off of the ``holidays`` library
(Viet Nam), plus the make-up working Saturdays it knows, then the rows of the working calendar
(:class:`~noivu.religion.models.CalendarDay`) for the whole country and for the province, which win.
"""

import datetime as dt
import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import holidays

from noivu.core.rules import RuleTable, RuleValue, rule_table

ONE_DAY = dt.timedelta(days=1)
PROCEDURES = "religion_procedures"
COUNTING = "religion_counting"
CALENDAR, WORKING = "calendar", "working"
# The clock never runs this far: a guard against a calendar without working days.
MAX_SPAN = dt.timedelta(days=3 * 366)


@functools.lru_cache(maxsize=64)
def _library_year(year: int) -> tuple[dict[dt.date, str], frozenset[dt.date]]:
    """The library's holidays of ``year`` (date → name) and its make-up working weekend days."""
    days = holidays.country_holidays("VN", years=year, language="vi")
    return dict(days.items()), frozenset(getattr(days, "weekend_workdays", ()))


@dataclass(frozen=True)
class CalendarRow:
    """A day added to the calendar: ``working`` True for a make-up working day, False for a day off."""

    day: dt.date
    working: bool
    name: str


@dataclass
class WorkCalendar:
    """Which days are working days, for one place (its announced rows already chosen)."""

    rows: dict[dt.date, CalendarRow] = field(default_factory=dict)

    @classmethod
    def of(cls, rows: Iterable[CalendarRow]) -> "WorkCalendar":
        return cls({row.day: row for row in rows})

    def is_working_day(self, day: dt.date) -> bool:
        row = self.rows.get(day)
        if row is not None:
            return row.working
        named, make_up = _library_year(day.year)
        if day in make_up:
            return True
        return day.weekday() < 5 and day not in named

    def why_off(self, day: dt.date) -> str:
        """Why ``day`` is not a working day, in Vietnamese (empty for a working day)."""
        row = self.rows.get(day)
        if row is not None:
            return "" if row.working else row.name
        named, make_up = _library_year(day.year)
        if day in make_up:
            return ""
        if day in named:
            return named[day]
        return {5: "thứ Bảy", 6: "Chủ nhật"}.get(day.weekday(), "")

    def next_working_day(self, day: dt.date) -> dt.date:
        """``day`` itself when it is a working day, else the first working day after it."""
        limit = day + MAX_SPAN
        while not self.is_working_day(day):
            day += ONE_DAY
            if day > limit:
                raise ValueError("lịch làm việc không có ngày làm việc nào")
        return day


@dataclass(frozen=True)
class Pause:
    """A supplement request: the clock stops after ``requested_on`` and runs again after
    ``received_on`` (None: still waiting)."""

    requested_on: dt.date
    received_on: dt.date | None

    def holds(self, day: dt.date) -> bool:
        """Whether the clock is stopped on ``day``."""
        return self.requested_on < day and (self.received_on is None or day <= self.received_on)


@dataclass(frozen=True)
class Procedure:
    """A procedure's statutory time as the rule table gives it."""

    code: str
    name: str
    days: int
    count: str
    authority: str
    rule: RuleValue | None = None

    @classmethod
    def of(cls, rule: RuleValue) -> "Procedure":
        value = rule.value
        return cls(
            code=rule.code,
            name=str(value["name"]),
            days=int(value["days"]),
            count=str(value.get("count", CALENDAR)),
            authority=str(value.get("authority", "")),
            rule=rule,
        )


@dataclass
class Deadline:
    """The result of the clock: the deadline (None while paused), the days counted and the steps."""

    due_on: dt.date | None
    paused: bool
    counted_until: dt.date | None
    days_counted: int
    paused_days: int
    moved_from: dt.date | None
    steps: list[str]
    rules: list[RuleValue]


AUTHORITY_LABELS = {
    "commune": "UBND cấp xã",
    "district": "UBND cấp huyện",
    "province": "UBND cấp tỉnh",
    "province_body": "Cơ quan chuyên môn về tín ngưỡng, tôn giáo cấp tỉnh",
    "central": "Cơ quan quản lý nhà nước về tín ngưỡng, tôn giáo ở trung ương",
}


def procedure_on(code: str, day: dt.date, table: RuleTable | None = None) -> Procedure | None:
    """The procedure ``code`` as in force on ``day`` (None: unknown or not in force then)."""
    table = table or rule_table(PROCEDURES)
    rule = table.get(code, day)
    return Procedure.of(rule) if rule is not None else None


def _d(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def deadline(
    procedure: Procedure,
    received_on: dt.date,
    pauses: Sequence[Pause],
    calendar: WorkCalendar,
    counting: RuleTable | None = None,
) -> Deadline:
    """The deadline of a dossier of ``procedure`` received on ``received_on`` with ``pauses``."""
    steps = [
        f"Thủ tục {procedure.name}: thời hạn {procedure.days} "
        f"{'ngày làm việc' if procedure.count == WORKING else 'ngày'}"
        + (f" theo {procedure.rule.legal_basis.citation}" if procedure.rule else "")
        + ".",
        f"Nhận hồ sơ ngày {_d(received_on)}; thời hạn bắt đầu tính từ ngày hôm sau "
        f"({_d(received_on + ONE_DAY)}).",
    ]
    rules: list[RuleValue] = [procedure.rule] if procedure.rule else []
    if counting is not None:
        for code in ("start_next_day", "end_on_day_off", "supplement_pause"):
            rule = counting.get(code, received_on)
            if rule is not None:
                rules.append(rule)
    ordered = sorted(pauses, key=lambda pause: pause.requested_on)
    for pause in ordered:
        if pause.requested_on < received_on:
            raise ValueError("yêu cầu bổ sung trước ngày nhận hồ sơ")
        if pause.received_on is not None and pause.received_on < pause.requested_on:
            raise ValueError("ngày nhận bổ sung trước ngày yêu cầu bổ sung")
    day, counted, paused_days = received_on, 0, 0
    limit = received_on + MAX_SPAN
    while counted < procedure.days:
        day += ONE_DAY
        if day > limit:
            raise ValueError("thời hạn vượt quá ba năm: kiểm tra lịch làm việc")
        stopped = next((pause for pause in ordered if pause.holds(day)), None)
        if stopped is not None:
            if stopped.received_on is None:
                steps.append(
                    f"Ngày {_d(stopped.requested_on)} yêu cầu bổ sung hồ sơ, chưa nhận bổ sung: thời hạn tạm "
                    f"dừng sau {counted} {'ngày làm việc' if procedure.count == WORKING else 'ngày'} đã tính."
                )
                return Deadline(None, True, day - ONE_DAY, counted, paused_days, None, steps, rules)
            paused_days += 1
            continue
        if procedure.count == WORKING and not calendar.is_working_day(day):
            continue
        counted += 1
    for pause in ordered:
        if pause.received_on is not None and pause.requested_on < day:
            steps.append(
                f"Tạm dừng từ {_d(pause.requested_on + ONE_DAY)} đến {_d(pause.received_on)} "
                f"(yêu cầu bổ sung ngày {_d(pause.requested_on)}, "
                f"nhận bổ sung ngày {_d(pause.received_on)}): "
                "những ngày này không tính."
            )
    unit = "ngày làm việc" if procedure.count == WORKING else "ngày"
    steps.append(f"Ngày thứ {procedure.days} ({unit}) là {_d(day)}.")
    moved_from = None
    if not calendar.is_working_day(day):
        moved_from, reason = day, calendar.why_off(day)
        day = calendar.next_working_day(day)
        steps.append(
            f"Ngày {_d(moved_from)} là ngày nghỉ ({reason}): "
            f"hạn chuyển sang ngày làm việc tiếp theo {_d(day)}."
        )
    steps.append(f"Hạn giải quyết: {_d(day)}.")
    return Deadline(day, False, day, counted, paused_days, moved_from, steps, rules)


def working_days_between(calendar: WorkCalendar, start: dt.date, end: dt.date) -> int:
    """Working days after ``start`` up to and including ``end`` (negative when ``end`` is earlier)."""
    sign = 1
    if end < start:
        start, end, sign = end, start, -1
    count, day = 0, start
    while day < end:
        day += ONE_DAY
        count += calendar.is_working_day(day)
    return sign * count
