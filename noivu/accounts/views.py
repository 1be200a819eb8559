"""Views: parse, authorise, call the action, render."""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from noivu.accounts.actions import do_issue_api_token, do_revoke_api_token
from noivu.accounts.forms import ApiTokenForm
from noivu.accounts.http import AuthenticatedRequest
from noivu.accounts.models import ApiToken


def tokens(request: AuthenticatedRequest) -> HttpResponse:
    """The user's personal API tokens (khóa truy cập API); a new token's raw value is shown once."""
    raw_token = None
    if request.method == "POST":
        form = ApiTokenForm(request.POST)
        if form.is_valid():
            _token, raw_token = do_issue_api_token(name=form.cleaned_data["name"], acting_user=request.user)
            form = ApiTokenForm()
    else:
        form = ApiTokenForm()
    return render(
        request,
        "accounts/tokens.html",
        {
            "form": form,
            "raw_token": raw_token,
            "tokens": ApiToken.objects.filter(user=request.user).order_by("-created_at"),
        },
    )


@require_POST
def revoke_token(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    # Tokens are personal, not organisational: the owner is the only scope.
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    do_revoke_api_token(token=token, acting_user=request.user)
    messages.success(request, _("Đã thu hồi khóa %(name)s.") % {"name": token.name})
    return redirect("accounts:tokens")


def locked_out(
    request: HttpRequest, response: HttpResponse | None, credentials: dict[str, Any]
) -> HttpResponse:
    """The login page, refused (tạm khóa đăng nhập) after too many wrong passwords for the account or
    from the address (django-axes calls it)."""
    form = AuthenticationForm(request, initial={"username": credentials.get("username", "")})
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(
        request,
        "accounts/login.html",
        {"form": form, "next": request.POST.get("next", ""), "locked_out_minutes": minutes},
        status=429,
    )
