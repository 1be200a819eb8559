"""Views: parse, authorise, call the action, render."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from noivu.accounts.forms import ApiTokenForm
from noivu.accounts.http import AuthenticatedRequest
from noivu.accounts.models import ApiToken


def tokens(request: AuthenticatedRequest) -> HttpResponse:
    """The user's personal API tokens (khóa truy cập API); a new token's raw value is shown once."""
    raw_token = None
    if request.method == "POST":
        form = ApiTokenForm(request.POST)
        if form.is_valid():
            _token, raw_token = ApiToken.issue(request.user, form.cleaned_data["name"])
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
    token.revoked = True
    token.save(update_fields=["revoked"])
    messages.success(request, _("Đã thu hồi khóa %(name)s.") % {"name": token.name})
    return redirect("accounts:tokens")
