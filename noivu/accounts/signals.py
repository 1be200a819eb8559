"""Sign-ins, sign-outs and refused sign-ins, written to the audit log (nhật ký nghiệp vụ)."""

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from noivu.core import audit

LOGGED_IN = audit.event_type("auth.login", _("Đăng nhập"))
LOGGED_OUT = audit.event_type("auth.logout", _("Đăng xuất"))
LOGIN_FAILED = audit.event_type("auth.login_failed", _("Đăng nhập không thành công"))


def _address(request: HttpRequest | None) -> str | None:
    return request.META.get("REMOTE_ADDR") if request is not None else None


@receiver(user_logged_in)
def _logged_in(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    audit.record(LOGGED_IN, user=user, ip_address=_address(request))


@receiver(user_logged_out)
def _logged_out(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    if user is not None:
        audit.record(LOGGED_OUT, user=user, ip_address=_address(request))


@receiver(user_login_failed)
def _login_failed(sender: Any, credentials: dict, request: HttpRequest | None = None, **kwargs: Any) -> None:
    audit.record(
        LOGIN_FAILED,
        user=None,
        extra={"username": str(credentials.get("username", ""))[:150]},
        ip_address=_address(request),
    )
