from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from noivu.accounts.audit import log_access
from noivu.accounts.models import AccessLog


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs) -> None:
    log_access(request, AccessLog.Event.LOGIN, user=user)


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs) -> None:
    if user is not None:
        log_access(request, AccessLog.Event.LOGOUT, user=user)


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs) -> None:
    log_access(request, AccessLog.Event.LOGIN_FAILED, username=credentials.get("username", ""))
