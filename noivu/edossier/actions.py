"""State changes of the electronic dossier: sending again the events of the outbox that could not be
delivered (gửi lại sự kiện đồng bộ)."""

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy

from noivu.core.actions import ActionContext, action
from noivu.core.audit import event_type
from noivu.edossier.models import SyncEvent, SyncStatus

EVENTS_RESENT = event_type("edossier.events_resent", gettext_lazy("Gửi lại sự kiện đồng bộ"))


@action(EVENTS_RESENT)
def do_resend(ctx: ActionContext, *, events: QuerySet[SyncEvent]) -> int:
    """Put the dead-lettered ``events`` (already restricted to the user's right to change them) back in
    the queue with a fresh count of attempts; the number put back."""
    ctx.require_somewhere()
    dead = events.filter(status=SyncStatus.DEAD)
    count = dead.update(status=SyncStatus.PENDING, attempts=0, next_attempt_at=None)
    ctx.audit(extra={"events": count})
    return count
