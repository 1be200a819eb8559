"""Views: parse, authorise, call the action, render."""

from django.contrib import messages
from django.http import HttpResponse
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
