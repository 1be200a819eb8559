"""The state changes of the exchange: applying another installation's dossiers, and deciding a conflict of
identification numbers. Only a national administrator (a grant to administer the whole country) may."""

from collections import Counter
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy

from noivu.core.actions import ActionContext, action
from noivu.core.audit import event_type
from noivu.core.permissions import Action
from noivu.exchange import engine
from noivu.exchange.models import Conflict, ConflictStatus, ExchangeKey
from noivu.personnel.models import Person

EXCHANGE_APPLIED = event_type("exchange.applied", gettext_lazy("Ghi hồ sơ nhận từ hệ thống khác"))
CONFLICT_DECIDED = event_type("exchange.conflict_decided", gettext_lazy("Quyết định xung đột số định danh"))
APPLY_REASON = "Nhận từ hệ thống %(source)s"
CONFLICT_TAKEN_REASON = gettext_lazy("Thay bằng hồ sơ gửi đến khi quyết định xung đột số định danh")


@action(EXCHANGE_APPLIED, permission=Action.ADMINISTER)
def do_apply_exchange(
    ctx: ActionContext,
    *,
    source: str,
    plans: list[engine.Plan],
    mapper: engine.Mapper,
    outcome: engine.Outcome,
) -> None:
    """Write the planned changes of dossiers received from ``source`` (ghi hồ sơ nhận từ hệ thống khác):
    all or nothing, every row through its model's validation (:class:`engine.Refused` rolls back)."""
    ctx.require(Person)
    problems = engine.write(plans, source, ctx.reason or APPLY_REASON % {"source": source})
    if problems:
        raise engine.Refused(problems)
    engine.remember_units(mapper)
    units = Counter(plan.unit_id for plan in plans)
    ctx.audit(
        extra={
            "source": source,
            "dossiers": len(plans),
            "units": len(units),
            "counts": outcome.counts,
            "conflicts": outcome.conflicts,
        }
    )


@action(CONFLICT_DECIDED, permission=Action.ADMINISTER)
def do_decide_conflict(ctx: ActionContext, *, conflict: Conflict, take: bool) -> Conflict:
    """Decide a conflict of identification numbers (quyết định xung đột): keep the record that holds the
    number, or take the incoming dossier, which then updates that record and is followed from its source
    from now on (the record no longer follows the source it came from)."""
    ctx.require(Conflict)
    if conflict.status != ConflictStatus.PENDING:
        raise ValidationError(gettext_lazy("Xung đột này đã được quyết định."))
    extra: dict[str, Any] = {"identifier": conflict.identifier, "source": conflict.source, "take": take}
    if take and conflict.held_person_id is not None:
        # The record becomes the incoming dossier: its facts give way to those the dossier carries.
        engine.clear_facts(conflict.held_person_id, ctx.reason or str(CONFLICT_TAKEN_REASON))
        ExchangeKey.objects.filter(model=engine.PERSON, local_id=conflict.held_person_id).delete()
        ExchangeKey.objects.update_or_create(
            source=conflict.source,
            model=engine.PERSON,
            source_id=conflict.reference,
            defaults={"local_id": conflict.held_person_id},
        )
        outcome = engine.apply_documents(
            [engine.incoming_document(0, conflict.document)], conflict.source, ctx.user, reason=ctx.reason
        )
        if not outcome.ok:
            raise engine.Refused(outcome.problems)
        extra["counts"] = outcome.counts
    conflict.status = ConflictStatus.TAKEN if take else ConflictStatus.KEPT
    conflict.decided_at = timezone.now()
    conflict.decided_by = ctx.user
    conflict.save()
    ctx.audit(conflict, extra=extra)
    return conflict
