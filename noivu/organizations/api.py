"""REST endpoints of the organisation tree (cơ quan, tổ chức, đơn vị), limited to the user's scope."""

import datetime as dt

from django.db.models import OuterRef, QuerySet, Subquery
from django.db.models.functions import Length, Substr
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from noivu.core.api import DETAIL_ERRORS, QUERY_ERRORS, IsoDate, Pagination
from noivu.core.permissions import get_scoped_or_404, scope
from noivu.core.text import fold
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


class OrganizationFilters(Schema):
    parent: str | None = Field(None, description="Mã đơn vị: chỉ các đơn vị trực thuộc trực tiếp.")
    under: str | None = Field(None, description="Mã đơn vị: đơn vị đó và toàn bộ cây bên dưới.")
    kind: OrganizationKind | None = None
    level: OrganizationLevel | None = None
    q: str | None = Field(
        None, max_length=100, description="Tìm theo tên, không phân biệt dấu (\"so noi vu\")."
    )
    as_of: IsoDate | None = Field(None, description="Chỉ các đơn vị có hiệu lực vào ngày này (yyyy-mm-dd).")


def _with_parent_code(organizations: QuerySet) -> QuerySet:
    """Annotate ``parent_code`` in the same query: the parent's path is the path minus one step."""
    parent_path = Substr(OuterRef("path"), 1, Length(OuterRef("path")) - Organization.steplen)
    parents = Organization.objects.filter(path=parent_path).values("code")[:1]
    return organizations.annotate(parent_code=Subquery(parents))


def _path_of(code: str) -> str | None:
    # Only narrows a queryset that is already scoped: the unit named may lie above the user's subtree.
    return Organization.objects.filter(code=code).values_list("path", flat=True).first()


@router.get("", response={200: list[OrganizationOut], **QUERY_ERRORS}, summary="Danh sách đơn vị")
@paginate(Pagination)
def list_organizations(request: HttpRequest, filters: Query[OrganizationFilters]):
    """Organisations within the user's scope, in tree order."""
    organizations = scope(request.user, Organization.objects.all())
    if filters.parent is not None:
        path = _path_of(filters.parent)
        if path is None:
            return organizations.none()
        depth = len(path) // Organization.steplen + 1
        organizations = organizations.filter(path__startswith=path, depth=depth)
    if filters.under is not None:
        path = _path_of(filters.under)
        if path is None:
            return organizations.none()
        organizations = organizations.filter(path__startswith=path)
    if filters.kind is not None:
        organizations = organizations.filter(kind=filters.kind)
    if filters.level is not None:
        organizations = organizations.filter(level=filters.level)
    if filters.q:
        organizations = organizations.filter(name_folded__contains=fold(filters.q))
    if filters.as_of is not None:
        organizations = organizations.as_of(filters.as_of)
    return _with_parent_code(organizations).order_by("path")


@router.get("/{code}", response={200: OrganizationOut, **DETAIL_ERRORS}, summary="Thông tin đơn vị")
def organization_detail(request: HttpRequest, code: str):
    """One organisation with its parent's code, its depth and its number of direct children."""
    return get_scoped_or_404(request.user, _with_parent_code(Organization.objects.all()), code=code)
