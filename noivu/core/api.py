"""REST endpoints of shared data — rule tables (bảng quy định), calculators (công cụ tính) and background
jobs (tác vụ nền) — and the building blocks every router of the API uses: error bodies, the
declared error responses and the pagination."""

import datetime as dt
import json
import re
from typing import Annotated, Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Path, Router, Schema, Status
from ninja.pagination import PageNumberPagination
from pydantic import BeforeValidator, ConfigDict, WithJsonSchema

from noivu.core import calculation
from noivu.core.models import Job, RuleRow

# ---------------------------------------------------------------------------------------------------
# Building blocks shared by the routers


class ErrorOut(Schema):
    """Body of every 401, 403 and 404 answer."""

    detail: str


class FieldErrorOut(Schema):
    field: str = Field(description="Tên trường (hoặc vị trí tham số) bị lỗi; `__all__` cho lỗi chung.")
    message: str


class ValidationErrorOut(Schema):
    """Body of a 422 answer: one entry per field in error, messages in Vietnamese."""

    detail: str
    errors: list[FieldErrorOut]


AUTH_ERRORS: dict[int, type[Schema]] = {401: ErrorOut}
QUERY_ERRORS: dict[int, type[Schema]] = {401: ErrorOut, 422: ValidationErrorOut}
DETAIL_ERRORS: dict[int, type[Schema]] = {401: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut}
CREATE_ERRORS: dict[int, type[Schema]] = {
    401: ErrorOut,
    403: ErrorOut,
    413: ErrorOut,
    422: ValidationErrorOut,
}
"""Declared by every operation that reads a body: 413 when it exceeds DATA_UPLOAD_MAX_MEMORY_SIZE."""

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_date_only(value: Any) -> Any:
    # Pydantic alone would also take "0" or 1700000000 as a Unix time.
    if isinstance(value, dt.date) or (isinstance(value, str) and _ISO_DATE.fullmatch(value)):
        return value
    raise ValueError("phải là ngày dạng yyyy-mm-dd")


IsoDate = Annotated[
    dt.date, BeforeValidator(_iso_date_only), WithJsonSchema({"type": "string", "format": "date"})
]
"""A date given as ``yyyy-mm-dd`` and nothing else (API convention)."""


class CorrectionIn(Schema):
    """The body of a correction (PATCH): a field the record does not have is refused with a 422 naming
    it, instead of being ignored while the answer says the record was corrected."""

    model_config = ConfigDict(extra="forbid")


PAGE_SIZE = 50
MAX_PAGE_SIZE = 500
MAX_PAGE = 1_000_000  # keeps the row offset within a 64-bit integer

RecordId = Annotated[int, Path(ge=1, le=2**63 - 1)]
"""A primary key in a path: out-of-range numbers are a 422, not a database overflow."""


class Pagination(PageNumberPagination):
    """``?page=`` (from 1) and ``?page_size=`` (50 by default, at most 500); answers ``{items, count}``."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE, description="Số trang, bắt đầu từ 1.")
        page_size: int = Field(
            PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description="Số dòng mỗi trang (tối đa 500)."
        )

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(page_size=PAGE_SIZE, max_page_size=MAX_PAGE_SIZE, **kwargs)


def file_download(description: str, *media_types: str) -> dict[str, Any]:
    """The ``openapi_extra`` of an operation answering a file: its 200 response, of each of
    ``media_types``, described as binary content."""
    return {
        "responses": {
            "200": {
                "description": description,
                "content": {kind: {"schema": {"type": "string", "format": "binary"}} for kind in media_types},
            }
        }
    }


def field_errors(error: DjangoValidationError) -> list[dict[str, str]]:
    """A Django validation error as ``[{field, message}]`` (non-field errors under ``__all__``)."""
    if hasattr(error, "error_dict"):
        return [
            {"field": field, "message": message}
            for field, messages in error.message_dict.items()
            for message in messages
        ]
    return [{"field": "__all__", "message": message} for message in error.messages]


# ---------------------------------------------------------------------------------------------------
# Rule tables, calculators and jobs

router = Router(tags=["rules and calculators"])


class LegalBasisOut(Schema):
    document_number: str
    article: str
    title: str
    issued_on: dt.date | None
    effective_on: dt.date | None
    confidence: str
    citation: str


class RuleRowOut(Schema):
    code: str
    value: Any
    effective_from: dt.date
    effective_to: dt.date | None
    note: str
    source: str
    legal_basis: LegalBasisOut


class RuleTableOut(Schema):
    table: str
    date: dt.date | None = Field(description="Ngày đã hỏi (`?date=`), nếu có.")
    rows: list[RuleRowOut]


@router.get(
    "/rules/{table}",
    operation_id="get_rule_table",
    response={200: RuleTableOut, **DETAIL_ERRORS},
    summary="Bảng quy định",
)
def rule_table(
    request: HttpRequest, table: str, date: IsoDate | None = None, code: str | None = None
) -> dict[str, Any]:
    """Rows of a rule table with their periods and legal citations; with ``?date=`` only the rows in
    force on that day (one per code)."""
    # Rule tables are the law in force: public to every caller of the API.
    rows = RuleRow.objects.unrestricted().select_related("legal_basis").filter(table=table)
    if not rows.exists():
        raise Http404(_("Không có bảng quy định %(table)s.") % {"table": table})
    if code is not None:
        rows = rows.filter(code=code)
    if date is not None:
        rows = rows.as_of(date)
        if not rows.exists():
            raise Http404(
                _("Không có quy định %(table)s có hiệu lực ngày %(day)s.")
                % {"table": table, "day": date.strftime("%d/%m/%Y")}
            )
    return {"table": table, "date": date, "rows": rows.order_by("code", "effective_from")}


class CalculatorOut(Schema):
    name: str
    description: str


@router.get(
    "/calculators",
    operation_id="list_calculators",
    response={200: list[CalculatorOut], **AUTH_ERRORS},
    summary="Danh sách công cụ tính",
)
def calculators(request: HttpRequest) -> list[dict[str, str]]:
    return [{"name": c.name, "description": c.description} for c in calculation.registry().values()]


class CalculationOut(Schema):
    calculator: str
    result: dict[str, Any]
    explanation: dict[str, Any] = Field(description="inputs, rules (kèm căn cứ pháp lý), steps")


class CaseErrorOut(Schema):
    """A calculator refusing its case: the field and the rule it breaks."""

    detail: str
    field: str
    message: str


CASE_REQUEST_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": {"type": "object", "additionalProperties": True, "title": "Hồ sơ tính toán"},
                "example": {"date": "2025-01-15"},
            }
        },
    }
}


@router.post(
    "/calculators/{name}",
    response={
        200: CalculationOut,
        401: ErrorOut,
        # A browser session's POST without its CSRF token.
        403: ErrorOut,
        404: ErrorOut,
        413: ErrorOut,
        422: CaseErrorOut | ValidationErrorOut,
    },
    summary="Chạy công cụ tính",
    openapi_extra=CASE_REQUEST_BODY,
)
def run_calculator(request: HttpRequest, name: str) -> dict[str, Any] | Status:
    """Run a calculator on the JSON case sent as the body (the same case as ``manage.py calc``)."""
    if name not in calculation.registry():
        raise Http404(_("Không có công cụ tính %(name)s.") % {"name": name})
    try:
        return calculation.run(name, _json_body(request))
    except calculation.CaseError as error:
        return Status(422, {"detail": str(error), "field": error.field, "message": error.message})


def _json_body(request: HttpRequest) -> Any:
    """The case is free-form JSON that each calculator checks itself, so the body is read as is."""
    try:
        return json.loads(request.body or b"null")
    except (ValueError, UnicodeDecodeError) as error:
        raise calculation.CaseError("$", _("nội dung gửi lên không phải JSON hợp lệ")) from error
    except RecursionError as error:
        raise calculation.CaseError("$", _("nội dung JSON lồng nhau quá sâu")) from error


class JobOut(Schema):
    id: int
    kind: str
    status: str
    status_label: str
    progress: int = Field(description="Phần trăm hoàn thành (0–100).")
    message: str
    result: Any = Field(description="Kết quả khi đã hoàn thành.")
    created_at: dt.datetime
    finished_at: dt.datetime | None

    @staticmethod
    def resolve_status_label(job: Job) -> str:
        return str(job.get_status_display())


@router.get(
    "/jobs/{job_id}",
    operation_id="get_job",
    response={200: JobOut, **DETAIL_ERRORS},
    summary="Tiến độ tác vụ nền",
)
def job_status(request: HttpRequest, job_id: RecordId) -> Job:
    """Status and progress of a background job; its creator sees it, and an administrator of the units
    where its creator works."""
    user = request.user
    if not user.is_authenticated:  # the API authenticates every operation before it runs
        raise Http404
    job = Job.objects.visible_to(user).filter(pk=job_id).first()
    if job is None:
        raise Http404(_("Không tìm thấy tác vụ."))
    return job
