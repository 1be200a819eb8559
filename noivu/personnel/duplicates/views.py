"""Duplicate records (hồ sơ trùng lặp), their merge (gộp hồ sơ) and the merges done.

Thin views: parse, authorise through ``noivu.core.permissions``, call the action, render.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from noivu.accounts.http import AuthenticatedRequest
from noivu.core.listing import page_number, page_of
from noivu.core.permissions import Action, require_somewhere
from noivu.personnel.duplicates.detection import find_duplicates
from noivu.personnel.duplicates.forms import (
    RULE_CHOICES,
    DuplicateFilters,
    MergeForm,
)
from noivu.personnel.duplicates.merge import do_merge_duplicates
from noivu.personnel.duplicates.models import PersonMerge
from noivu.personnel.models import Person
from noivu.personnel.records.presenters import PersonPresenter


def duplicates(request: AuthenticatedRequest) -> HttpResponse:
    """Groups of records that look like one person, among those the user may change, with a merge form."""
    require_somewhere(request.user, Action.CHANGE)
    filters = DuplicateFilters(request.GET, user=request.user)
    rule = filters.rule_value
    groups = find_duplicates(filters.apply(Person.objects.restrict(request.user, Action.CHANGE)), rule=rule)
    presenter = PersonPresenter(request.user)
    for group in groups:
        for person in group.persons:
            person.cccd_shown = presenter.cccd(person)[0]
    return render(
        request,
        "personnel/duplicates.html",
        {"form": filters.form, "rule": rule, "rules": RULE_CHOICES, "groups": groups},
    )


@require_POST
def merge(request: AuthenticatedRequest) -> HttpResponse:
    """Merge the chosen records of a group into the one kept; all or none of them are merged."""
    require_somewhere(request.user, Action.CHANGE)
    form = MergeForm(request.POST)
    kept = {name: request.POST.get(name, "") for name in ("rule", "organization")}
    target = f"{reverse('personnel:duplicates')}?{urlencode({k: v for k, v in kept.items() if v})}"
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for error in errors:
                messages.error(request, f"{label}: {error}" if label else str(error))
        return redirect(target)
    visible = Person.objects.restrict(request.user)
    keep = visible.get_or_404(pk=form.cleaned_data["keep"])
    removed = [visible.get_or_404(pk=pk) for pk in form.cleaned_data["remove"]]
    try:
        do_merge_duplicates(keep, removed, acting_user=request.user, reason=form.cleaned_data["reason"])
    except (ValidationError, PermissionDenied) as error:
        for message in getattr(error, "messages", None) or [str(error)]:
            messages.error(request, message)
        return redirect(target)
    messages.success(
        request,
        _("Đã gộp %(count)s hồ sơ vào hồ sơ %(name)s.") % {"count": len(removed), "name": keep.full_name},
    )
    return redirect(target)


def merges(request: AuthenticatedRequest) -> HttpResponse:
    """Past merges (biên bản gộp hồ sơ) of records the user may change."""
    require_somewhere(request.user, Action.CHANGE)
    records = (
        PersonMerge.objects.restrict(request.user, Action.CHANGE)
        .select_related("kept_person", "merged_by")
        .order_by("-merged_at", "-pk")
    )
    page = page_of(records, number=page_number(request), size=settings.PERSONS_PER_PAGE)
    return render(request, "personnel/merges.html", {"page": page})
