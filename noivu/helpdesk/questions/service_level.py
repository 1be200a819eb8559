"""The service level of the hotline (thời hạn trả lời): the due date of a question, the questions to remind
today, and the figures of the dashboard (volumes, time to answer, topics rising), each computed in a few
grouped queries."""

import datetime as dt
import statistics
from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, QuerySet
from django.db.models.functions import TruncMonth

from noivu.core.rules import RuleValue, rule_table
from noivu.helpdesk.models import Question, QuestionStatus, Topic

TABLE = "answer_days"


def add_working_days(day: dt.date, days: int) -> dt.date:
    """``day`` moved forward by ``days`` working days (Monday to Friday)."""
    while days > 0:
        day += dt.timedelta(days=1)
        if day.weekday() < 5:
            days -= 1
    return day


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days after ``start`` up to and including ``end`` (0 when ``end`` is not later)."""
    count, day = 0, start
    while day < end:
        day += dt.timedelta(days=1)
        if day.weekday() < 5:
            count += 1
    return count


def service_rule(asker_kind: str, received_on: dt.date) -> RuleValue:
    return rule_table(TABLE).lookup(asker_kind, received_on)


def due_date(asker_kind: str, received_on: dt.date) -> dt.date:
    """The day by which a question received on ``received_on`` from ``asker_kind`` must be answered."""
    return add_working_days(received_on, int(service_rule(asker_kind, received_on).value))


def to_remind(questions: QuerySet[Question], today: dt.date) -> QuerySet[Question]:
    """Open questions due within the reminder window (or overdue) not yet reminded today."""
    before = rule_table(TABLE).get("reminder_before", today)
    window_end = add_working_days(today, int(before.value) if before else 2)
    return (
        questions.filter(status__in=[QuestionStatus.NEW, QuestionStatus.ASSIGNED], due_on__lte=window_end)
        .exclude(reminded_on=today)
        .select_related("assigned_to", "organization")
    )


@dataclass(frozen=True)
class HotlineFigures:
    """Hotline volumes and answer times of a scope over the months to a day."""

    months: list[str]
    by_channel: dict[str, list[int]]
    open_questions: int
    overdue: int
    answered: int
    median_working_days: float | None
    within_service_level: int
    rising: list[tuple[str, int, int]]
    """(topic label, questions in the last 30 days, in the 30 days before), topics that grew."""

    @property
    def percent_within(self) -> int:
        return round(100 * self.within_service_level / self.answered) if self.answered else 0


def figures(questions: QuerySet[Question], today: dt.date, months: int = 6) -> HotlineFigures:
    """Volumes by month and channel, open and overdue questions, time to answer and rising topics."""
    first = dt.date(today.year, today.month, 1)
    for _ in range(months - 1):
        first = (first - dt.timedelta(days=1)).replace(day=1)
    window = questions.filter(received_on__gte=first, received_on__lte=today)
    labels: list[str] = []
    month = first
    while month <= today:
        labels.append(f"{month:%m/%Y}")
        month = (month + dt.timedelta(days=32)).replace(day=1)
    by_channel: dict[str, list[int]] = {channel: [0] * len(labels) for channel in ("web", "email", "phone")}
    rows = window.annotate(month=TruncMonth("received_on")).values("month", "channel").annotate(n=Count("pk"))
    for row in rows:
        month_value = row["month"]
        key = f"{month_value:%m/%Y}"
        if key in labels and row["channel"] in by_channel:
            by_channel[row["channel"]][labels.index(key)] = row["n"]
    open_ = questions.filter(status__in=[QuestionStatus.NEW, QuestionStatus.ASSIGNED])
    answered = list(
        window.filter(answered_on__isnull=False).values_list("received_on", "answered_on", "due_on")
    )
    spans = [working_days_between(received, done) for received, done, _due in answered if done]
    recent = Counter(
        questions.filter(received_on__gt=today - dt.timedelta(days=30), received_on__lte=today).values_list(
            "topic", flat=True
        )
    )
    before = Counter(
        questions.filter(
            received_on__gt=today - dt.timedelta(days=60), received_on__lte=today - dt.timedelta(days=30)
        ).values_list("topic", flat=True)
    )
    rising = sorted(
        (
            (str(Topic(code).label), recent[code], before[code])
            for code in recent
            if recent[code] > before[code]
        ),
        key=lambda item: (item[2] - item[1], item[0]),
    )
    return HotlineFigures(
        months=labels,
        by_channel=by_channel,
        open_questions=open_.count(),
        overdue=open_.filter(due_on__lt=today).count(),
        answered=len(answered),
        median_working_days=statistics.median(spans) if spans else None,
        within_service_level=sum(1 for _r, done, due in answered if done and done <= due),
        rising=rising[:5],
    )
