"""REST endpoints of the addresses to settle after the 2025 reorganisation of administrative units
(địa chỉ theo ĐVHC mới): the ambiguous ones and the choice among candidates."""

from django.db.models import QuerySet
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from noivu.accounts.http import AuthenticatedRequest
from noivu.core.api import (
    CREATE_ERRORS,
    QUERY_ERRORS,
    ErrorOut,
    Pagination,
    RecordId,
)
from noivu.core.permissions import Action, require_somewhere
from noivu.personnel.addresses.conversion import do_choose_address_commune
from noivu.personnel.addresses.jobs import addresses_in_scope
from noivu.personnel.models import ConversionStatus, PersonAddress

router = Router(tags=["persons"])


class CandidateOut(Schema):
    code: str
    name: str
    is_default: bool


class AddressOut(Schema):
    id: int
    person_id: int
    person_name: str
    kind: str
    kind_label: str
    detail: str
    legacy_text: str = Field(description="Địa chỉ theo đơn vị hành chính trước 1/7/2025.")
    current_text: str = Field(description="Địa chỉ theo đơn vị hành chính hiện hành.")
    conversion_status: str
    candidates: list[CandidateOut] = Field(description="Các xã, phường mới có thể chọn.")

    @staticmethod
    def resolve_person_name(address: PersonAddress) -> str:
        return address.person.full_name

    @staticmethod
    def resolve_kind_label(address: PersonAddress) -> str:
        return str(address.get_kind_display())

    @staticmethod
    def resolve_candidates(address: PersonAddress) -> list:
        return address.conversion_candidates


@router.get(
    "/addresses/ambiguous",
    operation_id="list_ambiguous_addresses",
    response={200: list[AddressOut], **QUERY_ERRORS, 403: ErrorOut},
    summary="Địa chỉ cần chọn đơn vị mới",
)
@paginate(Pagination)
def ambiguous_addresses(request: AuthenticatedRequest) -> QuerySet[PersonAddress]:
    """Addresses whose legacy commune was split among several new ones, of persons the user may change
    and whose personal data they may see."""
    require_somewhere(request.user, Action.CHANGE)
    return (
        addresses_in_scope(request.user, Action.CHANGE, Action.VIEW_PERSONAL_DATA)
        .filter(conversion_status=ConversionStatus.AMBIGUOUS)
        .select_related("person")
        .order_by("person__full_name_folded", "person_id", "kind", "pk")
    )


class AddressChoiceIn(Schema):
    commune_code: str = Field(min_length=1, max_length=8, description="Mã xã, phường mới trong `candidates`.")


@router.post(
    "/addresses/{address_id}/choose",
    response={200: AddressOut, **CREATE_ERRORS, 404: ErrorOut},
    summary="Chọn đơn vị mới cho một địa chỉ",
)
def choose_address(
    request: AuthenticatedRequest, address_id: RecordId, payload: AddressChoiceIn
) -> PersonAddress:
    """Record the new commune chosen among the candidates of an address (or correct an earlier choice)."""
    address = PersonAddress.objects.restrict(request.user).select_related("person").get_or_404(pk=address_id)
    return do_choose_address_commune(
        address=address, commune_code=payload.commune_code, acting_user=request.user
    )
