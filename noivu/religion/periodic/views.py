"""The periodic report pages: the report of a period on screen, and the same report as a workbook or a
printable PDF."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string

from noivu.accounts.http import AuthenticatedRequest
from noivu.core import audit, dates
from noivu.core.http import PDF, XLSX
from noivu.core.permissions import Action, granted_paths, may_somewhere
from noivu.organizations.models import Organization
from noivu.religion.models import (
    ActivityGroup,
    Dignitary,
    Dossier,
    Incident,
    ReligiousOrganization,
    WorshipPlace,
)
from noivu.religion.periodic import notes
from noivu.religion.periodic.engine import PeriodicReport, build
from noivu.religion.periodic.excel import report_workbook
from noivu.religion.periodic.forms import PeriodForm, default_period

PRINT_TEMPLATE = "religion/periodic_print.html"


def _issuer(user: Any, action: str) -> str:
    """The top organisation of the reader's scope, in whose name the report is drawn up."""
    paths = granted_paths(user, action)
    top = Organization.objects.restrict(user, action).filter(path__in=paths).order_by("path").first()
    return top.name if top else ""


def _report(request: AuthenticatedRequest, form: PeriodForm, action: str) -> PeriodicReport:
    user = request.user
    return build(
        period=form.period(),
        as_of=dates.today(),
        issuer=_issuer(user, action),
        organizations=ReligiousOrganization.objects.restrict(user, action),
        places=WorshipPlace.objects.restrict(user, action),
        dignitaries=Dignitary.objects.restrict(user, action),
        groups=ActivityGroup.objects.restrict(user, action),
        dossiers=Dossier.objects.restrict(user, action),
        incidents=Incident.objects.restrict(user, action),
    )


def periodic(request: AuthenticatedRequest) -> HttpResponse:
    """The monthly, quarterly or yearly report of the reader's scope (báo cáo định kỳ)."""
    form = PeriodForm(request.GET, default=default_period(dates.today()))
    report = _report(request, form, Action.VIEW) if form.is_valid() else None
    may_export = may_somewhere(request.user, Action.EXPORT)
    return render(
        request,
        "religion/periodic.html",
        {
            "form": form,
            "report": report,
            "may_export": may_export,
            "query": request.GET.urlencode(),
            "notes": notes,
        },
    )


def _export(request: AuthenticatedRequest) -> PeriodicReport | HttpResponse:
    if not granted_paths(request.user, Action.EXPORT):
        raise PermissionDenied
    form = PeriodForm(request.GET, default=default_period(dates.today()))
    if not form.is_valid():
        context = {"form": form, "report": None, "notes": notes}
        return render(request, "religion/periodic.html", context, status=400)
    audit.record_read(request, audit.DATA_EXPORTED)
    return _report(request, form, Action.EXPORT)


def periodic_xlsx(request: AuthenticatedRequest) -> HttpResponse:
    """The report as an Excel workbook: a summary sheet and one sheet per table."""
    report = _export(request)
    if isinstance(report, HttpResponse):
        return report
    response = HttpResponse(report_workbook(report), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="bao-cao-ton-giao-{report.period.slug}.xlsx"'
    return response


def periodic_pdf(request: AuthenticatedRequest) -> HttpResponse:
    """The report printed as an administrative document (A4 PDF)."""
    report = _export(request)
    if isinstance(report, HttpResponse):
        return report
    from weasyprint import HTML  # imported here: loading Pango is slow and only the PDF needs it

    html = render_to_string(PRINT_TEMPLATE, {"report": report, "notes": notes}, request=request)
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type=PDF)
    response["Content-Disposition"] = f'inline; filename="bao-cao-ton-giao-{report.period.slug}.pdf"'
    return response
