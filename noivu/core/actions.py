"""One way to change state: the :func:`action` decorator, and the actions on shared data (rule tables,
background jobs).

Every state change of every app is a typed function ``do_<verb>_<noun>(ctx, *, ..., acting_user)``
decorated with :func:`action`, which

- opens a durable atomic transaction (an action called from inside another joins it);
- hands the function an :class:`ActionContext` whose ``require()`` checks the acting user's right on
  each object touched (one function for every app; an action that never calls it is refused);
- makes every history row written meanwhile carry the acting user and the reason;
- writes a typed :class:`~noivu.core.models.AuditEvent` (the function may write its own with
  ``ctx.audit()``; otherwise one is written for the object returned);
- runs side effects (starting jobs, notifications) with ``ctx.on_commit()`` once the data is safe, and
  undoes what the database cannot take back (a file written to the storage) with ``ctx.on_rollback()``
  when the whole action rolls back.

Views and API endpoints call actions and write nothing themselves.
"""

import datetime as dt
import functools
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Concatenate, ParamSpec, TypeVar

from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from noivu.core import audit, context, permissions
from noivu.core.models import AuditEvent, Job, LegalBasis, RuleRow, SavedFilter
from noivu.core.permissions import Action, is_national

logger = logging.getLogger(__name__)

P = ParamSpec("P")
R = TypeVar("R")


@dataclass
class ActionContext:
    """What an action knows of its call: the acting user, the reason given, and its audit events."""

    user: Any
    reason: str
    event_type: str
    permission: str
    checked: bool = False
    events: list[AuditEvent] = field(default_factory=list)
    # Shared by the actions an outermost one calls: what to undo when the whole transaction rolls back.
    undo: list[Callable[[], Any]] = field(default_factory=list)

    def require(self, obj: models.Model | type[models.Model], action: str | None = None) -> None:
        """PermissionDenied unless the user may ``action`` (the action's permission by default) on
        ``obj``; a model class stands for all its rows, national data (the right over the whole
        country)."""
        wanted = action or self.permission
        if isinstance(obj, type):
            if not permissions.path_allows(self.user, wanted, None):
                raise PermissionDenied(
                    _("Chỉ quản trị hệ thống cấp quốc gia được %(action)s dữ liệu này.")
                    % {"action": Action(wanted).label}
                )
        else:
            permissions.require(self.user, wanted, obj)
        self.checked = True

    def require_somewhere(self, action: str | None = None) -> None:
        """PermissionDenied unless the user may ``action`` in some unit: for an action over the user's
        own scope, which reads its rows through ``restrict(ctx.user, …)``."""
        permissions.require_somewhere(self.user, action or self.permission)
        self.checked = True

    def allow_public(self) -> None:
        """Declare an action open to anyone by design (a public application form): it writes only the
        rows of its own submission, and the view guarding it limits the rate and refuses spam."""
        self.checked = True

    def require_owner(self, owner_id: int | None) -> None:
        """PermissionDenied unless the acting user is the owner (``owner_id``) of a personal setting."""
        if owner_id is None or not getattr(self.user, "is_authenticated", False) or owner_id != self.user.pk:
            raise PermissionDenied(_("Bạn chỉ thay đổi được thiết lập của chính mình."))
        self.checked = True

    def audit(
        self,
        target: models.Model | None = None,
        *,
        event_type: str | None = None,
        organization_path: str | None = None,
        extra: dict[str, Any] | None = None,
    ) -> AuditEvent:
        """Write a typed audit event of this action (its own type unless another is given)."""
        event = audit.record(
            event_type or self.event_type,
            user=self.user,
            target=target,
            organization_path=organization_path,
            reason=self.reason,
            extra=extra,
        )
        self.events.append(event)
        return event

    def audit_each(self, event_type: str, targets: Sequence[models.Model]) -> None:
        """Write one typed audit event per row changed (``event_type`` a fact's own type, e.g. the award
        recorded on each person's dossier by a council's decision), besides the action's own event."""
        if targets:
            audit.record_each(event_type, user=self.user, targets=targets, reason=self.reason)

    def on_commit(self, effect: Callable[[], Any], *, robust: bool = False) -> None:
        """Run ``effect`` once the whole action has committed (never if it rolls back); a ``robust``
        effect that fails is logged instead of raising to the caller of the committed action."""
        transaction.on_commit(effect, robust=robust)

    def on_rollback(self, effect: Callable[[], Any]) -> None:
        """Run ``effect`` if the whole action rolls back (the outermost one, when this one was called
        from another), e.g. to delete a file it wrote to the storage; a failing effect is logged."""
        self.undo.append(effect)


def action(
    event_type: str, *, permission: str = Action.CHANGE
) -> Callable[[Callable[Concatenate[ActionContext, P], R]], Callable[..., R]]:
    """Make ``function(ctx, *args, **kwargs)`` an action called as ``function(*args, acting_user=…,
    reason="", **kwargs)``; ``event_type`` is the code declared with :func:`noivu.core.audit.event_type`."""

    def decorate(function: Callable[Concatenate[ActionContext, P], R]) -> Callable[..., R]:
        @functools.wraps(function)
        def run(*args: Any, acting_user: Any, reason: str = "", **kwargs: Any) -> R:
            outer = context.current_action()
            ctx = ActionContext(user=acting_user, reason=reason, event_type=event_type, permission=permission)
            if isinstance(outer, ActionContext):
                ctx.undo = outer.undo
            token = context.enter(ctx)
            try:
                with transaction.atomic(durable=outer is None):
                    result = function(ctx, *args, **kwargs)
                    if not ctx.checked:
                        raise ImproperlyConfigured(
                            f"{function.__qualname__} changed state without checking the user's right "
                            "(ctx.require)"
                        )
                    if not ctx.events:
                        ctx.audit(result if isinstance(result, models.Model) else None)
            except BaseException:
                if outer is None:
                    _undo(ctx.undo)
                raise
            finally:
                context.leave(token)
            return result

        run.event_type = event_type  # type: ignore[attr-defined]
        return run

    return decorate


def _undo(effects: list[Callable[[], Any]]) -> None:
    for effect in reversed(effects):
        try:
            effect()
        except Exception:
            logger.exception("Undoing a rolled-back action failed")


FILTER_SAVED = audit.event_type("filters.saved", _("Lưu bộ lọc"))
FILTER_DELETED = audit.event_type("filters.deleted", _("Xóa bộ lọc đã lưu"))
RULE_ROW_ADDED = audit.event_type("rules.row_added", _("Thêm dòng quy định"))
JOB_STARTED = audit.event_type("jobs.started", _("Bắt đầu tác vụ nền"))
JOB_RERUN = audit.event_type("jobs.rerun", _("Chạy lại tác vụ nền"))


def may_edit_rule_tables(user: Any) -> bool:
    """Rule tables are national: only a system administrator over a root of the tree edits them."""
    return is_national(user, Action.ADMINISTER)


@action(RULE_ROW_ADDED, permission=Action.ADMINISTER)
def do_add_rule_row(
    ctx: ActionContext,
    *,
    table: str,
    code: str,
    value: Any,
    effective_from: dt.date,
    legal_basis: LegalBasis,
    note: str = "",
) -> RuleRow:
    """Add a row taking effect on ``effective_from`` when a new decree comes out.

    The row in force until then is closed on the day before (its history is kept) and counts from
    then on as the administrator's, so that loading the rule files does not reopen it; a row that
    starts on or after ``effective_from`` makes the new row ambiguous and is refused. An unsaved
    ``legal_basis`` is the new document the row rests on: saved with the row, or the one already
    recorded under the same number and article.
    """
    ctx.require(RuleRow)
    rows = RuleRow.objects.select_for_update().filter(table=table, code=code)
    if not rows.exists():
        raise ValidationError(_("Bảng %(table)s không có mã %(code)s.") % {"table": table, "code": code})
    later = rows.filter(effective_from__gte=effective_from).first()
    if later is not None:
        raise ValidationError(
            _("Đã có dòng hiệu lực từ %(day)s; dòng mới phải bắt đầu sau ngày đó.")
            % {"day": later.effective_from.strftime("%d/%m/%Y")}
        )
    if legal_basis.pk is None:
        legal_basis, _created = LegalBasis.objects.get_or_create(
            document_number=legal_basis.document_number,
            article=legal_basis.article,
            defaults={
                "title": legal_basis.title,
                "issued_on": legal_basis.issued_on,
                "effective_on": legal_basis.effective_on,
                "url": legal_basis.url,
                "confidence": legal_basis.confidence,
            },
        )
    current = rows.as_of(effective_from).first()
    if current is not None:
        current.effective_to = effective_from - dt.timedelta(days=1)
        current.source = RuleRow.Source.ADMIN
        current._change_reason = f"closed by new row from {effective_from.isoformat()}"
        current.save(update_fields=["effective_to", "source"])
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
    row.save()
    return row


@action(JOB_STARTED, permission=Action.VIEW)
def do_start_job(
    ctx: ActionContext,
    *,
    kind: str,
    params: dict,
    on: models.Model | type[models.Model] | None,
    permission: str = Action.CHANGE,
) -> Job:
    """Record a background job of ``kind`` over ``on`` (an object the job works in, a model class for
    national data, or None for the user's own scope), which the user must be allowed to
    ``permission``, and queue it once committed.

    A job that fails (at once, when jobs run in-process) keeps its error on the job record for the UI;
    the caller still gets the job, which was recorded."""
    from noivu.core import jobs

    if on is None:
        ctx.require_somewhere(permission)
    else:
        ctx.require(on, permission)
    job = Job.objects.create(kind=kind, params=params, created_by=ctx.user)
    ctx.audit(on if isinstance(on, models.Model) else None, extra={"job": job.pk, "kind": kind})
    ctx.on_commit(lambda: jobs.start(job.pk), robust=True)
    return job


@action(JOB_RERUN)
def do_rerun_job(ctx: ActionContext, *, job: Job) -> Job:
    """Start again, as a new job, a failed job of a kind that can be rerun (its input is kept when it
    fails), on behalf of the user who started it: only they may, so that it runs within the same scope."""
    from noivu.core import jobs

    ctx.require_owner(job.created_by_id)
    kind = jobs.kind_of(job.kind)
    if job.status != Job.Status.FAILED or kind is None or not kind.rerun:
        raise ValidationError(_("Chỉ chạy lại được tác vụ đã lỗi thuộc loại cho phép chạy lại."))
    again = Job.objects.create(kind=job.kind, params=job.params, created_by=ctx.user)
    ctx.audit(None, extra={"job": again.pk, "kind": job.kind, "rerun_of": job.pk})
    ctx.on_commit(lambda: jobs.start(again.pk), robust=True)
    return again


@action(FILTER_SAVED)
def do_save_filter(ctx: ActionContext, *, list_key: str, name: str, query: str) -> SavedFilter:
    """Save (or replace) the user's filter ``name`` of the list ``list_key``."""
    ctx.require_owner(ctx.user.pk)
    saved = SavedFilter.objects.filter(user=ctx.user, list_key=list_key, name=name.strip()).first()
    saved = saved or SavedFilter(user=ctx.user, list_key=list_key, name=name.strip())
    saved.query = query
    saved.full_clean()
    saved.save()
    return saved


@action(FILTER_DELETED)
def do_delete_saved_filter(ctx: ActionContext, *, saved: SavedFilter) -> None:
    ctx.require_owner(saved.user_id)
    ctx.audit(extra={"list_key": saved.list_key, "name": saved.name})
    saved.delete()
