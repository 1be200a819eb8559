"""The REST API (/api/v1/, OpenAPI at /api/docs): each app adds its router here."""

from django.http import HttpRequest
from ninja import NinjaAPI
from ninja.security import HttpBearer, SessionAuth
from django.utils import timezone

from noivu.accounts.models import ApiToken


class PersonalTokenAuth(HttpBearer):
    """``Authorization: Bearer nv_...`` with a personal API token."""

    def authenticate(self, request: HttpRequest, token: str):
        found = ApiToken.objects.select_related("user").filter(digest=ApiToken.hash(token)).first()
        if found is None or not found.usable or not found.user.is_active:
            return None
        ApiToken.objects.filter(pk=found.pk).update(last_used_at=timezone.now())
        request.user = found.user
        return found.user


api = NinjaAPI(
    title="Nội vụ số API",
    version="1",
    description="API của Nội vụ số. Xác thực bằng khóa truy cập cá nhân (Bearer) hoặc phiên đăng nhập.",
    auth=[PersonalTokenAuth(), SessionAuth()],
    docs_url="/docs",
    urls_namespace="api",
)

api.add_router("/organizations", "noivu.organizations.api.router")
api.add_router("/persons", "noivu.personnel.api.router")
