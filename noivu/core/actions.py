"""State changes of shared data: rule tables and background jobs."""

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from noivu.core.models import Job, LegalBasis, RuleRow
from noivu.core.permissions import Action, is_national


def may_edit_rule_tables(user: Any) -> bool:
    """Rule tables are national: only a system administrator over a root of the tree edits them."""
    return is_national(user, Action.ADMINISTER)


@transaction.atomic
def do_add_rule_row(
    *,
    table: str,
    code: str,
    value: Any,
    effective_from: dt.date,
    legal_basis: LegalBasis,
    note: str = "",
    acting_user: Any,
) -> RuleRow:
    """Add a row taking effect on ``effective_from`` when a new decree comes out.

    The row in force until then is closed on the day before (its history is kept); a row that
    starts on or after ``effective_from`` makes the new row ambiguous and is refused.
    """
    if not may_edit_rule_tables(acting_user):
        raise PermissionDenied(_("Chỉ quản trị hệ thống cấp quốc gia được sửa bảng quy định."))
    rows = RuleRow.objects.select_for_update().filter(table=table, code=code)
    if not rows.exists():
        raise ValidationError(_("Bảng %(table)s không có mã %(code)s.") % {"table": table, "code": code})
    later = rows.filter(effective_from__gte=effective_from).first()
    if later is not None:
        raise ValidationError(
            _("Đã có dòng hiệu lực từ %(day)s; dòng mới phải bắt đầu sau ngày đó.")
            % {"day": later.effective_from.strftime("%d/%m/%Y")}
        )
    current = rows.as_of(effective_from).first()
    if current is not None:
        current.effective_to = effective_from - dt.timedelta(days=1)
        current._change_reason = f"closed by new row from {effective_from.isoformat()}"
        current.save(update_fields=["effective_to"])
    row = RuleRow(
        table=table,
        code=code,
        value=value,
        effective_from=effective_from,
        legal_basis=legal_basis,
        note=note,
        source=RuleRow.Source.ADMIN,
    )
    row.full_clean()
    row._history_user = acting_user
    row.save()
    return row


@transaction.atomic
def do_start_job(*, kind: str, params: dict, acting_user: Any) -> Job:
    """Record a background job and queue it once the transaction commits."""
    from noivu.core.jobs import run_job

    job = Job.objects.create(kind=kind, params=params, created_by=acting_user)
    transaction.on_commit(lambda: run_job.delay(job.pk))
    return job
