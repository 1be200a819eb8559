"""REST endpoint of the signed-in user (người dùng hiện tại) and their grants (phân quyền)."""

from typing import Any

from ninja import Router, Schema

from noivu.accounts.http import AuthenticatedRequest
from noivu.accounts.models import Grant
from noivu.core.api import AUTH_ERRORS

router = Router(tags=["accounts"])


class GrantOut(Schema):
    role: str
    role_label: str
    organization_code: str
    organization_name: str


class MeOut(Schema):
    username: str
    full_name: str
    email: str
    is_superuser: bool
    grants: list[GrantOut]


@router.get(
    "/me",
    operation_id="get_me",
    response={200: MeOut, **AUTH_ERRORS},
    summary="Người dùng hiện tại",
)
def me(request: AuthenticatedRequest) -> dict[str, Any]:
    """The authenticated user and the roles they hold, each over an organisation subtree."""
    user = request.user
    # The user's own grants, whatever the units they name.
    grants = (
        Grant.objects.unrestricted()
        .filter(user=user)
        .select_related("organization")
        .order_by("organization__path", "role")
    )
    return {
        "username": user.username,
        "full_name": user.full_name,
        "email": user.email,
        "is_superuser": user.is_superuser,
        "grants": [
            {
                "role": grant.role,
                "role_label": str(grant.get_role_display()),
                "organization_code": grant.organization.code,
                "organization_name": grant.organization.name,
            }
            for grant in grants
        ],
    }
