"""Addresses to settle after the 2025 reorganisation of administrative units (địa chỉ theo ĐVHC mới):
the ambiguous ones, the choice among candidates, the conversion of the pending ones.

Thin views: parse, authorise through ``noivu.core.permissions``, call the action, render.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from noivu.accounts.http import AuthenticatedRequest
from noivu.core.actions import do_start_job
from noivu.core.listing import page_number, page_of
from noivu.core.models import ScopedQuerySet
from noivu.core.permissions import Action, can, require_somewhere
from noivu.personnel.addresses.actions import do_update_addresses
from noivu.personnel.addresses.conversion import do_choose_address_commune, do_convert_addresses
from noivu.personnel.addresses.forms import AddressChoiceForm, PersonAddressesForm
from noivu.personnel.addresses.jobs import CONVERSION_KIND, addresses_in_scope, report_dict
from noivu.personnel.models import ConversionStatus, Person
from noivu.personnel.privacy import personal_data_visible

# Above this many pending addresses the conversion runs as a background job rather than in the request.
INLINE_CONVERSION_LIMIT = 5000


def _reviewable_addresses(request: AuthenticatedRequest) -> ScopedQuerySet:
    # Settling an address means reading it: personal data as well as the right to change.
    return addresses_in_scope(request.user, Action.CHANGE, Action.VIEW_PERSONAL_DATA)


def addresses(request: AuthenticatedRequest) -> HttpResponse:
    """Addresses whose legacy commune was split, to settle by choosing the new commune, and the counts of
    the conversion in the user's scope."""
    require_somewhere(request.user, Action.CHANGE)
    ambiguous = (
        _reviewable_addresses(request)
        .filter(conversion_status=ConversionStatus.AMBIGUOUS)
        .select_related("person", "person__organization")
        .order_by("person__full_name_folded", "person_id", "kind")
    )
    page = page_of(ambiguous, number=page_number(request), size=settings.PERSONS_PER_PAGE)
    by_status = {
        row["conversion_status"]: row["count"]
        for row in addresses_in_scope(request.user)
        .order_by()
        .values("conversion_status")
        .annotate(count=Count("pk"))
    }
    counts = [(label, by_status.get(status, 0)) for status, label in ConversionStatus.choices]
    return render(
        request,
        "personnel/addresses.html",
        {"page": page, "counts": counts, "pending": by_status.get(ConversionStatus.PENDING, 0)},
    )


@require_POST
def address_choose(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Record the new commune chosen for one address."""
    require_somewhere(request.user, Action.CHANGE)
    address = _reviewable_addresses(request).select_related("person").get_or_404(pk=pk)
    form = AddressChoiceForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Hãy chọn đơn vị hành chính mới."))
        return redirect("personnel:addresses")
    try:
        address = do_choose_address_commune(
            address=address, commune_code=form.cleaned_data["commune_code"], acting_user=request.user
        )
    except (ValidationError, PermissionDenied) as error:
        for message in getattr(error, "messages", None) or [str(error)]:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("Đã ghi địa chỉ của %(name)s: %(text)s.")
            % {"name": address.person.full_name, "text": address.current_text},
        )
    return redirect("personnel:addresses")


@require_POST
def addresses_convert(request: AuthenticatedRequest) -> HttpResponse:
    """Convert the pending addresses of the user's scope: in the request for a small scope, as a background
    job with a progress page for a large one."""
    require_somewhere(request.user, Action.CHANGE)
    pending = addresses_in_scope(request.user).filter(conversion_status=ConversionStatus.PENDING)
    if pending.count() > INLINE_CONVERSION_LIMIT:
        record = do_start_job(kind=CONVERSION_KIND, params={}, on=None, acting_user=request.user)
        return redirect("core:job", pk=record.pk)
    counts = report_dict(do_convert_addresses(acting_user=request.user))["counts"]
    messages.success(
        request,
        _(
            "Đã chuyển đổi %(total)s địa chỉ: %(converted)s chuyển được, %(ambiguous)s cần chọn đơn vị mới, "
            "%(not_found)s không tìm thấy trong danh mục."
        )
        % {
            "total": sum(counts.values()),
            "converted": counts.get(ConversionStatus.CONVERTED, 0),
            "ambiguous": counts.get(ConversionStatus.AMBIGUOUS, 0),
            "not_found": counts.get(ConversionStatus.NOT_FOUND, 0),
        },
    )
    return redirect("personnel:addresses")


def person_addresses(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Enter or correct the four addresses of a person's record, for users allowed to change it and to
    see its personal data (addresses are personal data)."""
    person = Person.objects.restrict(request.user).select_related("organization").get_or_404(pk=pk)
    if not can(request.user, Action.CHANGE, person) or not personal_data_visible(request.user, person):
        raise PermissionDenied
    form = PersonAddressesForm(request.POST or None, person=person)
    if request.method == "POST" and form.is_valid():
        try:
            do_update_addresses(person=person, addresses=form.addresses, acting_user=request.user)
        except ValidationError as error:
            form.show_errors(error)
        else:
            messages.success(request, _("Đã cập nhật địa chỉ."))
            return redirect("personnel:detail", pk=person.pk)
    return render(request, "personnel/person_addresses.html", {"person": person, "form": form})
