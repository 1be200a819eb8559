"""REST endpoints of the registries, limited to the user's scope: the same filters, forms and presenters
as the pages."""

from enum import StrEnum
from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from noivu.core.api import CREATE_ERRORS, DETAIL_ERRORS, Pagination, RecordId
from noivu.religion.api_support import bound, json_object, plain, unit_pk
from noivu.religion.registries.actions import do_save_record
from noivu.religion.registries.filters import RegistryFilters
from noivu.religion.registries.kinds import KINDS, RegistryKind

router = Router(tags=["religion"])


class Kind(StrEnum):
    ORGANIZATIONS = "organizations"
    PLACES = "places"
    DIGNITARIES = "dignitaries"
    GROUPS = "groups"


class RecordOut(Schema):
    id: int
    kind: str
    values: dict[str, Any] = Field(description="Các cột của mục (dữ liệu cá nhân bị che nếu không có quyền).")


def _out(spec: RegistryKind, user: Any, record: Any) -> dict[str, Any]:
    values = spec.presenter(user).row(record)
    return {"id": record.pk, "kind": spec.key, "values": {k: plain(v) for k, v in values.items()}}


RegistryQuery = RegistryFilters.schema()


@router.get(
    "/registries/{kind}",
    response={200: list[RecordOut], **DETAIL_ERRORS},
    summary="Sổ theo dõi",
    operation_id="list_religion_records",
)
@paginate(Pagination)
def list_records(
    request: HttpRequest,
    kind: Kind,
    query: Query[RegistryQuery],  # type: ignore[valid-type]
) -> list[dict[str, Any]]:
    """Rows of a registry in force on the as-of day, within the user's scope."""
    spec = KINDS[kind.value]
    filters = RegistryFilters.from_schema(query, user=request.user)
    rows = filters.apply(spec.model.objects.restrict(request.user).select_related(*spec.related))
    return [_out(spec, request.user, row) for row in rows.order_by("name_folded", "pk")[:5000]]


@router.get(
    "/registries/{kind}/{record_id}",
    response={200: RecordOut, **DETAIL_ERRORS},
    summary="Một mục",
    operation_id="get_religion_record",
)
def record_detail(request: HttpRequest, kind: Kind, record_id: RecordId) -> dict[str, Any]:
    spec = KINDS[kind.value]
    rows = spec.model.objects.restrict(request.user).select_related(*spec.related)
    return _out(spec, request.user, rows.get_or_404(pk=record_id))


REGISTRY_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": {"type": "object", "additionalProperties": True, "title": "Mục sổ theo dõi"},
                "example": {
                    "name": "Chùa An Lạc",
                    "kind": "religious",
                    "religion": 1,
                    "organization": "X00004",
                    "effective_from": "2020-01-01",
                },
            }
        },
    }
}


@router.post(
    "/registries/{kind}",
    response={201: RecordOut, **CREATE_ERRORS, 404: DETAIL_ERRORS[404]},
    summary="Ghi một mục sổ theo dõi",
    operation_id="create_religion_record",
    openapi_extra=REGISTRY_BODY,
)
def create_record(request: HttpRequest, kind: Kind) -> Status:
    """Record a row: the fields of the entry form (``organization`` is the managing unit's code, related
    rows by id, dates yyyy-mm-dd); each field in error is named in the 422."""
    spec = KINDS[kind.value]
    body = json_object(request)
    data = {**body, "organization": unit_pk(request.user, body.get("organization"))}
    form = spec.form(data, user=request.user)
    bound(form)
    record = do_save_record(record=form.save(commit=False), acting_user=request.user)
    return Status(201, _out(spec, request.user, record))
