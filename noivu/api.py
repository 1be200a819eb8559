"""The REST API under /api/v1/ (interactive documentation at /api/docs): each app adds its router here.

Every answer that is not a success has a ``detail``; a 422 also lists ``errors`` as ``{field, message}``
with the messages in Vietnamese (see docs/api.md).
"""

import logging
import re
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as RequestValidationError
from ninja.operation import Operation
from ninja.security import HttpBearer, SessionAuth

from noivu.accounts.models import ApiToken, User
from noivu.api_docs import LocalSwagger
from noivu.core.api import field_errors

logger = logging.getLogger(__name__)


class PersonalTokenAuth(HttpBearer):
    """``Authorization: Bearer nv_...`` with a personal API token; revoked or expired tokens and
    tokens of deactivated users are refused."""

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        found = ApiToken.objects.select_related("user").filter(digest=ApiToken.hash(token)).first()
        if found is None or not found.usable or not found.user.is_active:
            return None
        ApiToken.objects.filter(pk=found.pk).update(last_used_at=timezone.now())
        request.user = found.user
        return found.user


class NoivuAPI(NinjaAPI):
    """The API with short operation ids: a generated client names its functions by them."""

    def get_openapi_operation_id(self, operation: Operation) -> str:
        """The endpoint function's name (``list_persons``, ``add_allowance_end``), unless the route gives
        its own ``operation_id``. Ids are unique across the API and part of its contract:
        ``noivu/tests/test_api_operation_ids.py`` pins them, so renaming a function does not rename an
        operation unnoticed."""
        return re.sub(r"\W", "_", operation.view_func.__name__)


# The title is ASCII: client generators derive a package name from it (``noivu-api-client``,
# ``noivu_api_client``); the Vietnamese name is in the description.
api = NoivuAPI(
    title="Noivu API",
    version="1",
    description=(
        "API của Nội vụ số (Noivu). Xác thực bằng khóa truy cập cá nhân (`Authorization: Bearer <khóa>`) "
        "hoặc phiên đăng nhập. Mọi dữ liệu được giới hạn theo phạm vi quyền của người dùng; "
        "đối tượng ngoài phạm vi trả về 404."
    ),
    auth=[PersonalTokenAuth(), SessionAuth()],
    docs_url="/docs",
    docs=LocalSwagger(),
    urls_namespace="api",
)

api.add_router("", "noivu.accounts.api.router")
api.add_router("/organizations", "noivu.organizations.api.router")
api.add_router("/admin-units", "noivu.admin_units.api.router")
# Personnel records, one router per feature; the record's own last, as its ``/{person_id}`` would
# otherwise take the features' fixed paths (``/retirements`` …) for a record id.
api.add_router("/persons", "noivu.personnel.retirement.api.router")
api.add_router("/persons", "noivu.personnel.duplicates.api.router")
api.add_router("/persons", "noivu.personnel.addresses.api.router")
api.add_router("/persons", "noivu.personnel.records.api.router")
api.add_router("/dossier", "noivu.personnel.dossier.api.router")
api.add_router("/legislation", "noivu.legislation.api.router")
api.add_router("/staffing", "noivu.staffing.api.router")
api.add_router("/payroll", "noivu.payroll.api.router")
api.add_router("/positions", "noivu.positions.api.router")
api.add_router("/religion", "noivu.religion.api.router")
api.add_router("/helpdesk", "noivu.helpdesk.api.router")
api.add_router("/evaluation", "noivu.evaluation.api.router")
api.add_router("/awards", "noivu.awards.api.router")
api.add_router("/recruitment", "noivu.recruitment.api.router")
api.add_router("/succession", "noivu.succession.api.router")
api.add_router("/workforce", "noivu.workforce.api.router")
api.add_router("/edossier", "noivu.edossier.api.router")
api.add_router("/exchange", "noivu.exchange.api.router")
api.add_router("/statistics", "noivu.reports.api.router")
api.add_router("", "noivu.core.api.router")


# Pydantic's messages are English; the common ones are said in Vietnamese, the rest kept as they are.
_REQUEST_ERROR_MESSAGES = {
    "missing": "bắt buộc",
    "int_parsing": "phải là số nguyên",
    "int_type": "phải là số nguyên",
    "string_type": "phải là chuỗi ký tự",
    "date_parsing": "phải là ngày dạng yyyy-mm-dd",
    "date_from_datetime_parsing": "phải là ngày dạng yyyy-mm-dd",
    "date_type": "phải là ngày dạng yyyy-mm-dd",
    "greater_than_equal": "phải lớn hơn hoặc bằng {ge}",
    "less_than_equal": "phải nhỏ hơn hoặc bằng {le}",
    "string_too_short": "phải có ít nhất {min_length} ký tự",
    "string_too_long": "có nhiều nhất {max_length} ký tự",
    "string_pattern_mismatch": "không đúng định dạng",
    "enum": "phải là một trong các giá trị {expected}",
    "literal_error": "phải là một trong các giá trị {expected}",
    "json_invalid": "nội dung gửi lên không phải JSON hợp lệ",
    "model_attributes_type": "phải là một đối tượng JSON",
    "dict_type": "phải là một đối tượng JSON",
}


# Where ninja found the value (and the name of the body parameter) say nothing to the client.
_LOCATIONS = ("query", "path", "body", "payload")


def _request_error(error: dict) -> dict[str, str]:
    location = [str(part) for part in error.get("loc", ()) if part not in _LOCATIONS]
    if error.get("type") == "value_error":  # raised by our own validators, already in Vietnamese
        return {"field": ".".join(location) or "__all__", "message": str(error["ctx"]["error"])}
    template = _REQUEST_ERROR_MESSAGES.get(error.get("type", ""))
    try:
        message = template.format(**error.get("ctx", {})) if template else error.get("msg", "")
    except (KeyError, IndexError):
        message = error.get("msg", "")
    return {"field": ".".join(location) or "__all__", "message": message}


@api.exception_handler(RequestValidationError)
def _invalid_request(request: HttpRequest, exc: RequestValidationError) -> HttpResponse:
    body = {"detail": _("Dữ liệu gửi lên không hợp lệ."), "errors": [_request_error(e) for e in exc.errors]}
    return api.create_response(request, body, status=422)


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    # Django Ninja answers a body that is not JSON with a bare 400; the API's contract for a body it
    # cannot read is the 422 of every invalid request, naming the rule.
    body: dict[str, Any]
    if exc.status_code == 400:
        body = {
            "detail": _("Dữ liệu gửi lên không hợp lệ."),
            "errors": [{"field": "__all__", "message": _REQUEST_ERROR_MESSAGES["json_invalid"]}],
        }
        return api.create_response(request, body, status=422)
    body = {"detail": str(exc.message)}
    if exc.status_code == 422:  # the declared body of every 422
        body["errors"] = [{"field": "__all__", "message": str(exc.message)}]
    return api.create_response(request, body, status=exc.status_code)


@api.exception_handler(DjangoValidationError)
def _invalid_data(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
    body = {"detail": _("Dữ liệu không hợp lệ."), "errors": field_errors(exc)}
    return api.create_response(request, body, status=422)


@api.exception_handler(RequestDataTooBig)
def _too_large(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    detail = _("Nội dung gửi lên quá lớn: tối đa %(size)s byte.") % {
        "size": f"{settings.DATA_UPLOAD_MAX_MEMORY_SIZE:,}"
    }
    return api.create_response(request, {"detail": detail}, status=413)


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    detail = str(exc) or _("Bạn không có quyền thực hiện thao tác này.")
    return api.create_response(request, {"detail": detail}, status=403)


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    # get_or_404() says nothing, so that out-of-scope and missing objects look the same.
    detail = str(exc.args[0]) if exc.args else _("Không tìm thấy.")
    return api.create_response(request, {"detail": detail}, status=404)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    response = api.create_response(
        request,
        {"detail": _("Chưa xác thực: cần khóa truy cập hợp lệ (Authorization: Bearer …) hoặc đăng nhập.")},
        status=401,
    )
    response["WWW-Authenticate"] = "Bearer"
    return response


@api.exception_handler(Exception)
def _server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
    # Whatever DEBUG says, an API client gets the documented JSON body, never a traceback or an HTML page.
    logger.exception("Unexpected error in %s %s", request.method, request.path)
    detail = _("Lỗi máy chủ: thao tác không thực hiện được. Vui lòng thử lại sau hoặc báo quản trị viên.")
    return api.create_response(request, {"detail": detail}, status=500)
