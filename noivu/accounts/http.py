"""Request types for the code that only signed-in users reach (yêu cầu của người dùng đã đăng nhập)."""

from django.contrib.auth.models import AnonymousUser

from noivu.accounts.models import User
from noivu.core.http import HtmxRequest

AnyUser = User | AnonymousUser


class AuthenticatedRequest(HtmxRequest):
    """A request past the login requirement (pages) or the API's authentication: its user is an account.

    Pages are behind ``LoginRequiredMiddleware`` and the API authenticates every operation, so the
    views and endpoints annotate their request with this type instead of checking again.
    """

    user: User
