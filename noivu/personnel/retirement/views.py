"""The list of persons reaching retirement age (đến tuổi nghỉ hưu) and its Excel export.

Thin views: parse, authorise through ``noivu.core.permissions``, call the engine, render.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render

from noivu.accounts.http import AuthenticatedRequest
from noivu.core import audit, dates
from noivu.core.http import XLSX
from noivu.core.listing import page_number, page_of, places
from noivu.core.permissions import Action, granted_paths, may_somewhere
from noivu.personnel.models import Person
from noivu.personnel.retirement.engine import age_text
from noivu.personnel.retirement.filters import RetirementFilters
from noivu.personnel.retirement.listing import (
    RetirementDates,
    citation,
    retirement_workbook,
    retiring,
)


def retirements(request: AuthenticatedRequest) -> HttpResponse:
    """Persons of the user's scope reaching the statutory retirement age in the next 3–24 months."""
    filters = RetirementFilters(request.GET, user=request.user)
    today = dates.today()
    persons = retiring(
        filters.apply(Person.objects.restrict(request.user).select_related("organization")),
        today,
        filters.period,
    )
    page = page_of(persons, number=page_number(request), size=settings.PERSONS_PER_PAGE)
    retirement_dates = RetirementDates()
    where = places(request.user, [person.organization.path for person in page.rows])
    rows = []
    for person in page.rows:
        result = retirement_dates.of(person)
        rows.append(
            {
                "person": person,
                "place": where.get(person.organization.path, ""),
                "result": result,
                "age": age_text(result.retirement_age_months) if result else "",
                "citation": citation(result) if result else "",
            }
        )
    return render(
        request,
        "personnel/retirements.html",
        {
            "form": filters.form,
            "period": filters.period,
            "page": page,
            "rows": rows,
            "until": dates.add_months(today, filters.period),
            "may_export": may_somewhere(request.user, Action.EXPORT),
        },
    )


def retirements_export(request: AuthenticatedRequest) -> HttpResponse:
    """The retirement list as an Excel file, limited to the subtrees the user may export."""
    if not granted_paths(request.user, Action.EXPORT):
        raise PermissionDenied
    filters = RetirementFilters(request.GET, user=request.user)
    today = dates.today()
    persons = retiring(
        filters.apply(Person.objects.restrict(request.user, Action.EXPORT)), today, filters.period
    )
    content = retirement_workbook(persons)
    audit.record_read(request, audit.DATA_EXPORTED)
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="den-tuoi-nghi-huu-{today:%Y%m%d}.xlsx"'
    return response
