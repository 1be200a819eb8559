"""REST endpoints of the organisation tree (cơ quan, tổ chức, đơn vị), limited to the user's scope."""

import datetime as dt
from typing import Any, TypeVar

from django.db.models import OuterRef, QuerySet, Subquery
from django.db.models.functions import Length, Substr
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from noivu.core.api import DETAIL_ERRORS, QUERY_ERRORS, Pagination
from noivu.organizations.filters import OrganizationFilters
from noivu.organizations.models import Organization, OrganizationKind, OrganizationLevel

router = Router(tags=["organizations"])


class OrganizationOut(Schema):
    code: str
    name: str
    kind: OrganizationKind
    kind_label: str
    level: OrganizationLevel
    admin_unit_code: str
    parent_code: str | None = Field(description="Mã đơn vị cấp trên (null với gốc cây).")
    depth: int = Field(description="Độ sâu trong cây, gốc là 1.")
    child_count: int = Field(description="Số đơn vị trực thuộc trực tiếp.")
    effective_from: dt.date
    effective_to: dt.date | None

    @staticmethod
    def resolve_kind_label(org: Organization) -> str:
        return str(org.get_kind_display())

    @staticmethod
    def resolve_child_count(org: Organization) -> int:
        return org.numchild


OrganizationQuery = OrganizationFilters.schema()


QS = TypeVar("QS", bound=QuerySet[Any])


def _with_parent_code(organizations: QS) -> QS:
    """Annotate ``parent_code`` in the same query: the parent's path is the path minus one step."""
    parent_path = Substr(OuterRef("path"), 1, Length(OuterRef("path")) - Organization.steplen)
    parents = Organization.objects.unrestricted().filter(path=parent_path).values("code")[:1]
    return organizations.annotate(parent_code=Subquery(parents))


@router.get("", response={200: list[OrganizationOut], **QUERY_ERRORS}, summary="Danh sách đơn vị")
@paginate(Pagination)
def list_organizations(
    request: HttpRequest,
    query: Query[OrganizationQuery],  # type: ignore[valid-type]
) -> QuerySet[Organization]:
    """Organisations in force on the as-of date (today by default) within the user's scope, in tree order."""
    filters = OrganizationFilters.from_schema(query, user=request.user)
    return _with_parent_code(filters.apply(Organization.objects.restrict(request.user))).order_by("path")


@router.get(
    "/{code}",
    operation_id="get_organization",
    response={200: OrganizationOut, **DETAIL_ERRORS},
    summary="Thông tin đơn vị",
)
def organization_detail(request: HttpRequest, code: str) -> Organization:
    """One organisation with its parent's code, its depth and its number of direct children."""
    return _with_parent_code(Organization.objects.restrict(request.user)).get_or_404(code=code)
