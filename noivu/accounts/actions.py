"""State changes of a user's own settings: personal API tokens."""

from django.utils.translation import gettext_lazy as _

from noivu.accounts.models import ApiToken
from noivu.core.actions import ActionContext, action
from noivu.core.audit import event_type

TOKEN_ISSUED = event_type("auth.token_issued", _("Tạo khóa truy cập API"))
TOKEN_REVOKED = event_type("auth.token_revoked", _("Thu hồi khóa truy cập API"))


@action(TOKEN_ISSUED)
def do_issue_api_token(ctx: ActionContext, *, name: str) -> tuple[ApiToken, str]:
    """A new token of the acting user; its raw value is returned once and never stored."""
    ctx.require_owner(ctx.user.pk)
    token, raw = ApiToken.issue(ctx.user, name)
    ctx.audit(token, extra={"prefix": token.prefix})
    return token, raw


@action(TOKEN_REVOKED)
def do_revoke_api_token(ctx: ActionContext, *, token: ApiToken) -> ApiToken:
    ctx.require_owner(token.user_id)
    token.revoked = True
    token.save(update_fields=["revoked"])
    return token
