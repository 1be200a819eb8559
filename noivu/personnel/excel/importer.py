"""All-or-nothing import of a personnel workbook (nhập hồ sơ từ Excel: ghi tất cả hoặc không ghi gì).

The file is read and validated completely before anything is written. Then one transaction writes the
persons, their first primary assignments and one simple-history "created" row for each of both, so that
every imported record shows in its history who imported it and when, exactly as a record created by
hand does. The rows go through the bulk writer of :mod:`noivu.core.bulk` (binary COPY on PostgreSQL,
``executemany`` elsewhere), primary keys reserved first so that assignments can point at their persons.
Any failure — including a unique CCCD added by someone else since validation — rolls the whole
transaction back.
"""

import datetime as dt
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from noivu.accounts.models import User
from noivu.core.actions import ActionContext, action
from noivu.core.audit import event_type
from noivu.core.bulk import analyze, insert_rows, reserve_ids
from noivu.core.numbers import grouped
from noivu.core.text import fold_many
from noivu.organizations.models import Organization
from noivu.personnel.excel.errors import error_workbook
from noivu.personnel.excel.reader import WorkbookError, read_workbook
from noivu.personnel.excel.validation import RowError, Validated, validate
from noivu.personnel.models import Assignment, Person

Progress = Callable[[int, str], None]
CHANGE_REASON = "Nhập từ tệp Excel"
ANALYZE_FROM = 10_000
# The person columns that lists and search filter and sort on; the forty others of the 2C form wait
# for autovacuum.
PLANNED_PERSON_COLUMNS = (
    "id",
    "organization_id",
    "full_name_folded",
    "cccd_number",
    "category",
    "birth_date",
)

IMPORT_COMMITTED = event_type("person.imported", gettext_lazy("Nhập hồ sơ từ Excel"))


@dataclass
class ImportOutcome:
    """What an import did: ``created`` persons, or the problems that stopped it (nothing written then)."""

    created: int = 0
    file_errors: list[str] = field(default_factory=list)
    row_errors: list[RowError] = field(default_factory=list)
    error_workbook: bytes | None = None
    rows: int = 0
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.file_errors and not self.row_errors


def _no_progress(percent: int, message: str) -> None:
    return None


def import_workbook(content: bytes, *, user: User, progress: Progress = _no_progress) -> ImportOutcome:
    """Read, validate and, when every row is valid, commit ``content`` on behalf of ``user``."""
    outcome = ImportOutcome()
    started = time.perf_counter()
    progress(5, _("Đang đọc tệp…"))
    try:
        sheet = read_workbook(content)
    except WorkbookError as error:
        outcome.file_errors = error.messages
        return outcome
    outcome.rows = len(sheet.rows)
    outcome.seconds["read"] = time.perf_counter() - started

    progress(30, _("Đang kiểm tra %(rows)s dòng…") % {"rows": grouped(outcome.rows)})
    checked = time.perf_counter()
    validated = validate(sheet, user=user)
    outcome.seconds["validate"] = time.perf_counter() - checked
    if not validated.ok:
        progress(80, _("Đang lập tệp báo lỗi…"))
        outcome.row_errors = validated.errors
        outcome.error_workbook = error_workbook(sheet, validated.errors)
        outcome.seconds["total"] = time.perf_counter() - started
        return outcome

    progress(60, _("Đang ghi %(rows)s hồ sơ vào cơ sở dữ liệu…") % {"rows": grouped(outcome.rows)})
    committing = time.perf_counter()
    try:
        outcome.created = do_commit_import(validated, acting_user=user, reason=CHANGE_REASON)
    except IntegrityError:
        outcome.file_errors = [
            _(
                "Không ghi được: một số hồ sơ vừa được người khác thêm (trùng số CCCD) trong lúc nhập. "
                "Không hồ sơ nào được ghi; hãy nhập lại tệp để xem các dòng trùng."
            )
        ]
    outcome.seconds["commit"] = time.perf_counter() - committing
    outcome.seconds["total"] = time.perf_counter() - started
    return outcome


def _column_data(validated: Validated, now: dt.datetime) -> tuple[dict[str, Any], dict[str, Any]]:
    """Person and assignment columns keyed by database attribute name (a scalar is the same for all rows)."""
    values = validated.values
    person: dict[str, Any] = {
        target.split(".", 1)[1]: column for target, column in values.items() if target.startswith("person.")
    }
    person["cccd_number"] = [number or None for number in person["cccd_number"]]
    person["full_name_folded"] = fold_many(person["full_name"])
    person["organization_id"] = values["assignment.organization"]
    person["category"] = values["assignment.category"]
    person["created_at"] = person["updated_at"] = now
    assignment: dict[str, Any] = {
        target.split(".", 1)[1]: column
        for target, column in values.items()
        if target.startswith("assignment.")
    }
    assignment["organization_id"] = assignment.pop("organization")
    assignment["is_primary"] = True
    assignment["effective_to"] = None
    return person, assignment


@action(IMPORT_COMMITTED)
def do_commit_import(ctx: ActionContext, validated: Validated) -> int:
    """Write every validated row (ghi hồ sơ nhập từ Excel); returns the number of persons created. The
    user must still have the right to change every unit named, and an event per unit says how many
    records it received."""
    now = timezone.now()
    person, assignment = _column_data(validated, now)
    count = len(validated.row_numbers)
    unit_ids = person["organization_id"]
    per_unit = Counter(unit_ids if isinstance(unit_ids, list) else [unit_ids] * count)
    units = list(Organization.objects.unrestricted().filter(pk__in=per_unit).order_by("path"))
    # One query for every unit; a unit out of scope is then refused by name.
    allowed = set(
        Organization.objects.filter(pk__in=per_unit)
        .restrict(ctx.user, ctx.permission)
        .values_list("pk", flat=True)
    )
    for unit in units:
        if unit.pk not in allowed:
            ctx.require(unit)
    if units:
        ctx.require(units[0])  # marks the action checked
    person["id"] = reserve_ids(Person, count)
    assignment["id"] = reserve_ids(Assignment, count)
    assignment["person_id"] = person["id"]
    for model, columns in (
        (Person, person),
        (Assignment, assignment),
        (Person.history.model, _history_columns(person, ctx, now)),
        (Assignment.history.model, _history_columns(assignment, ctx, now)),
    ):
        names = list(columns)
        values = [value if isinstance(value, list) else [value] * count for value in columns.values()]
        insert_rows(model, names, zip(*values, strict=True), now=now, binary=True)
    if count >= ANALYZE_FROM:
        analyze(Assignment)
        analyze(Person, columns=PLANNED_PERSON_COLUMNS)
    for unit in units:
        ctx.audit(unit, extra={"created": per_unit[unit.pk]})
    return count


def _history_columns(columns: dict[str, Any], ctx: ActionContext, now: dt.datetime) -> dict[str, Any]:
    """The "created" history rows written beside the bulk rows, as the action's history rows would be."""
    return {
        **columns,
        "history_date": now,
        "history_change_reason": ctx.reason or CHANGE_REASON,
        "history_type": "+",
        "history_user_id": ctx.user.pk,
    }
