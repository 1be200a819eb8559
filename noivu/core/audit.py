"""Typed audit events (nhật ký nghiệp vụ): the one writer of :class:`AuditEvent` rows.

Each app declares its event types with :func:`event_type` (a dotted code and a Vietnamese label), so the
audit pages can name every event. Actions write their events through ``ActionContext.audit``; reads of a
full record and exports through :func:`record_read`.
"""

from collections.abc import Sequence
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.http import HttpRequest
from django.utils.functional import Promise

from noivu.core.extensions import audit_listeners
from noivu.core.models import AuditEvent

_labels: dict[str, Promise | str] = {}


def event_type(code: str, label: Promise | str) -> str:
    """Declare an event type (e.g. ``person.transferred``) with its label; returns the code."""
    if code in _labels and _labels[code] != label:
        raise ValueError(f"audit event type {code!r} is declared twice")
    _labels[code] = label
    return code


def label_of(code: str) -> str:
    return str(_labels.get(code, code))


def event_types() -> dict[str, str]:
    return {code: str(label) for code, label in sorted(_labels.items())}


RECORD_VIEWED = event_type("record.viewed", "Xem hồ sơ đầy đủ")
DATA_EXPORTED = event_type("data.exported", "Kết xuất dữ liệu")


def organization_path_of(target: models.Model | None) -> str:
    path = getattr(target, "organization_path", None)
    value = path() if callable(path) else None
    return value or ""


def _event(
    code: str,
    user: Any,
    target: models.Model | None,
    organization_path: str | None,
    reason: str,
    extra: dict[str, Any] | None,
    channel: str,
    ip_address: str | None = None,
) -> AuditEvent:
    """The (unsaved) audit event; the unit is the target's unless given."""
    authenticated = user is not None and user.is_authenticated
    return AuditEvent(
        event_type=code,
        acting_user=user if authenticated else None,
        username=user.get_username() if authenticated else "",
        organization_path=organization_path_of(target) if organization_path is None else organization_path,
        target_type=ContentType.objects.get_for_model(target) if target is not None else None,
        target_id=str(target.pk) if target is not None else "",
        target_label=str(target)[:255] if target is not None else "",
        reason=reason,
        extra=extra or {},
        channel=channel,
        ip_address=ip_address,
    )


def _announce(event: AuditEvent, target: models.Model | None) -> None:
    for listener in audit_listeners:
        listener.handle(event, target)


def record(
    code: str,
    *,
    user: Any,
    target: models.Model | None = None,
    organization_path: str | None = None,
    reason: str = "",
    extra: dict[str, Any] | None = None,
    channel: str = "web",
    ip_address: str | None = None,
) -> AuditEvent:
    """Write one audit event; the unit is the target's unless given."""
    event = _event(code, user, target, organization_path, reason, extra, channel, ip_address)
    event.save()
    _announce(event, target)
    return event


def record_each(
    code: str,
    *,
    user: Any,
    targets: Sequence[models.Model],
    reason: str = "",
    extra: dict[str, Any] | None = None,
    channel: str = "web",
) -> list[AuditEvent]:
    """Write one audit event per target, in one statement: an action changing the dossier of many persons
    at once (a council's decision, an approved list of raises) records each person's change, so that
    every listener sees each one as if it had been made alone."""
    events = AuditEvent.objects.bulk_create(
        [_event(code, user, target, None, reason, extra, channel) for target in targets]
    )
    for event, target in zip(events, targets, strict=True):
        _announce(event, target)
    return events


def record_read(
    request: HttpRequest,
    code: str = RECORD_VIEWED,
    *,
    target: models.Model | None = None,
    channel: str = "web",
    extra: dict[str, Any] | None = None,
) -> AuditEvent:
    """Audit a read of personal data (a full record, an export) from a web page or the API."""
    return record(
        code,
        user=getattr(request, "user", None),
        target=target,
        extra=extra,
        channel=channel,
        ip_address=request.META.get("REMOTE_ADDR"),
    )
