"""Writing the access log."""

from django.db import models
from django.http import HttpRequest

from noivu.accounts.models import AccessLog, User


def log_access(
    request: HttpRequest | None,
    event: str,
    *,
    user: User | None = None,
    username: str = "",
    target: models.Model | None = None,
    channel: str = "web",
) -> AccessLog:
    user = user if user is not None else getattr(request, "user", None)
    if user is not None and not user.is_authenticated:
        user = None
    return AccessLog.objects.create(
        user=user,
        username=username or (user.username if user else ""),
        event=event,
        object_type=target._meta.label_lower if target is not None else "",
        object_id=str(target.pk) if target is not None else "",
        channel=channel,
        ip_address=request.META.get("REMOTE_ADDR") if request is not None else None,
    )
