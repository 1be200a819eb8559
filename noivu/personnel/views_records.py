"""Record-review pages (rà soát hồ sơ): persons reaching retirement age, duplicate records and their
merge, addresses to settle after the 2025 reorganisation of administrative units.

Thin views: parse, authorise through ``noivu.core.permissions``, call the action, render.
"""

import logging

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from noivu.accounts.audit import log_access
from noivu.accounts.models import AccessLog
from noivu.core.jobs import run_job
from noivu.core.models import Job
from noivu.core.permissions import Action, get_scoped_or_404, granted_paths, scope
from noivu.personnel.address_conversion import choose_conversion, convert_person_addresses
from noivu.personnel.duplicates import find_duplicates
from noivu.personnel.forms_records import (
    RULE_CHOICES,
    AddressChoiceForm,
    DuplicateRuleForm,
    MergeForm,
    RetirementFilterForm,
)
from noivu.personnel.jobs_addresses import CONVERSION_KIND, addresses_in_scope, report_dict
from noivu.personnel.merge import do_merge_persons
from noivu.personnel.models import ConversionStatus, Person
from noivu.personnel.models_merge import PersonMerge
from noivu.personnel.retirement import age_text
from noivu.personnel.retirement_list import (
    RetirementDates,
    add_months,
    citation,
    retirement_workbook,
    retiring,
)

logger = logging.getLogger(__name__)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Above this many pending addresses the conversion runs as a background job rather than in the request.
INLINE_CONVERSION_LIMIT = 5000


def _require_change_right(request: HttpRequest) -> None:
    if not granted_paths(request.user, Action.CHANGE):
        raise PermissionDenied


# ---------------------------------------------------------------------------------------------------
# Retirement (đến tuổi nghỉ hưu)


def retirements(request: HttpRequest) -> HttpResponse:
    """Persons of the user's scope reaching the statutory retirement age in the next 3–24 months."""
    form = RetirementFilterForm(request.GET)
    today = timezone.localdate()
    persons = retiring(scope(request.user, Person.objects.select_related("organization")), today, form.period)
    page = Paginator(persons, settings.PERSONS_PER_PAGE).get_page(request.GET.get("page"))
    dates = RetirementDates()
    rows = []
    for person in page:
        result = dates.of(person)
        rows.append(
            {
                "person": person,
                "result": result,
                "age": age_text(result.retirement_age_months) if result else "",
                "citation": citation(result) if result else "",
            }
        )
    return render(
        request,
        "personnel/retirements.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "until": add_months(today, form.period),
            "may_export": bool(granted_paths(request.user, Action.EXPORT)),
        },
    )


def retirements_export(request: HttpRequest) -> HttpResponse:
    """The retirement list as an Excel file, limited to the subtrees the user may export."""
    if not granted_paths(request.user, Action.EXPORT):
        raise PermissionDenied
    form = RetirementFilterForm(request.GET)
    today = timezone.localdate()
    persons = retiring(scope(request.user, Person.objects.all(), Action.EXPORT), today, form.period)
    content = retirement_workbook(persons)
    log_access(request, AccessLog.Event.EXPORT)
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="den-tuoi-nghi-huu-{today:%Y%m%d}.xlsx"'
    return response


# ---------------------------------------------------------------------------------------------------
# Duplicates and merge (hồ sơ trùng lặp, gộp hồ sơ)


def duplicates(request: HttpRequest) -> HttpResponse:
    """Groups of records that look like one person, among those the user may change, with a merge form."""
    _require_change_right(request)
    form = DuplicateRuleForm(request.GET)
    rule = form.rule_value
    groups = find_duplicates(scope(request.user, Person.objects.all(), Action.CHANGE), rule=rule)
    member_ids = [person.pk for group in groups for person in group.persons]
    unmasked = set(
        scope(request.user, Person.objects.filter(pk__in=member_ids), Action.VIEW_PERSONAL_DATA).values_list(
            "pk", flat=True
        )
    )
    for group in groups:
        for person in group.persons:
            person.cccd_shown = person.cccd_number if person.pk in unmasked else person.cccd_masked
    return render(
        request,
        "personnel/duplicates.html",
        {"form": form, "rule": rule, "rules": RULE_CHOICES, "groups": groups},
    )


@require_POST
def merge(request: HttpRequest) -> HttpResponse:
    """Merge the chosen records of a group into the one kept; all or none of them are merged."""
    _require_change_right(request)
    form = MergeForm(request.POST)
    target = f"{reverse('personnel:duplicates')}?{urlencode({'rule': request.POST.get('rule', '')})}"
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for error in errors:
                messages.error(request, f"{label}: {error}" if label else error)
        return redirect(target)
    visible = Person.objects.all()
    keep = get_scoped_or_404(request.user, visible, pk=form.cleaned_data["keep"])
    removed = [get_scoped_or_404(request.user, visible, pk=pk) for pk in form.cleaned_data["remove"]]
    try:
        with transaction.atomic():
            for remove in removed:
                do_merge_persons(keep, remove, acting_user=request.user, reason=form.cleaned_data["reason"])
    except (ValidationError, PermissionDenied) as error:
        for message in getattr(error, "messages", None) or [str(error)]:
            messages.error(request, message)
        return redirect(target)
    messages.success(
        request,
        _("Đã gộp %(count)s hồ sơ vào hồ sơ %(name)s.") % {"count": len(removed), "name": keep.full_name},
    )
    return redirect(target)


def merges(request: HttpRequest) -> HttpResponse:
    """Past merges (biên bản gộp hồ sơ) of records the user may change."""
    _require_change_right(request)
    records = scope(
        request.user, PersonMerge.objects.select_related("kept_person", "merged_by"), Action.CHANGE
    ).order_by("-merged_at", "-pk")
    page = Paginator(records, settings.PERSONS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "personnel/merges.html", {"page": page})


# ---------------------------------------------------------------------------------------------------
# Addresses after the reorganisation of administrative units (địa chỉ theo ĐVHC mới)


def _reviewable_addresses(request: HttpRequest):
    # Settling an address means reading it: personal data as well as the right to change.
    return addresses_in_scope(request.user, Action.CHANGE, Action.VIEW_PERSONAL_DATA)


def addresses(request: HttpRequest) -> HttpResponse:
    """Addresses whose legacy commune was split, to settle by choosing the new commune, and the counts of
    the conversion in the user's scope."""
    _require_change_right(request)
    ambiguous = (
        _reviewable_addresses(request)
        .filter(conversion_status=ConversionStatus.AMBIGUOUS)
        .select_related("person", "person__organization")
        .order_by("person__full_name_folded", "person_id", "kind")
    )
    page = Paginator(ambiguous, settings.PERSONS_PER_PAGE).get_page(request.GET.get("page"))
    by_status = {
        row["conversion_status"]: row["count"]
        for row in addresses_in_scope(request.user).order_by().values("conversion_status").annotate(
            count=Count("pk")
        )
    }
    counts = [(label, by_status.get(status, 0)) for status, label in ConversionStatus.choices]
    return render(
        request,
        "personnel/addresses.html",
        {"page": page, "counts": counts, "pending": by_status.get(ConversionStatus.PENDING, 0)},
    )


@require_POST
def address_choose(request: HttpRequest, pk: int) -> HttpResponse:
    """Record the new commune chosen for one address."""
    _require_change_right(request)
    address = _reviewable_addresses(request).select_related("person").filter(pk=pk).first()
    if address is None:
        raise Http404
    form = AddressChoiceForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Hãy chọn đơn vị hành chính mới."))
        return redirect("personnel:addresses")
    try:
        address = choose_conversion(address, form.cleaned_data["commune_code"], request.user)
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
def addresses_convert(request: HttpRequest) -> HttpResponse:
    """Convert the pending addresses of the user's scope: in the request for a small scope, as a background
    job with a progress page for a large one."""
    _require_change_right(request)
    pending = addresses_in_scope(request.user).filter(conversion_status=ConversionStatus.PENDING)
    if pending.count() > INLINE_CONVERSION_LIMIT:
        record = Job.objects.create(kind=CONVERSION_KIND, created_by=request.user)
        try:
            run_job.delay(record.pk)
        except Exception:
            # In eager mode a failing job raises here; the job record already says it failed.
            logger.exception("address conversion job %s failed", record.pk)
        return redirect("core:job", pk=record.pk)
    counts = report_dict(convert_person_addresses(pending, acting_user=request.user))["counts"]
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
