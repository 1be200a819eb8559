"""Views of situation reports: parse, authorise, call the action, render."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from noivu.accounts.http import AuthenticatedRequest
from noivu.core.listing import page_number, page_of, table
from noivu.core.permissions import Action, can, granted_paths, may_somewhere
from noivu.religion.incidents.actions import do_follow_up_incident, do_report_incident
from noivu.religion.incidents.filters import IncidentFilters
from noivu.religion.incidents.forms import FollowUpForm, ReportForm
from noivu.religion.incidents.places import commune_names, legacy_names, province_name
from noivu.religion.incidents.presenters import IncidentPresenter
from noivu.religion.models import Incident, IncidentStatus, Severity, Topic

COLUMNS = ["title", "occurred_on", "topic", "severity", "commune", "status", "follow_up_due"]


def incidents_of(request: AuthenticatedRequest, action: str = Action.VIEW) -> Any:
    return Incident.objects.restrict(request.user, action).select_related("organization")


def incident_list(request: AuthenticatedRequest) -> HttpResponse:
    """Situation reports (vụ việc) within the user's scope, newest first."""
    filters = IncidentFilters(request.GET, user=request.user)
    page = page_of(
        filters.apply(incidents_of(request)),
        number=page_number(request),
        size=50,
        presenter=IncidentPresenter,
        sort=request.GET.get("sort", ""),
        default_sort="-occurred_on",
    )
    names = commune_names(row.commune_code for row in page.rows)
    for row in page.rows:
        row.commune_name = names.get(row.commune_code, row.commune_code)
    context = {
        "filters": filters,
        "form": filters.form,
        "table": table(
            "incidents",
            page,
            IncidentPresenter(request.user),
            COLUMNS,
            link=lambda incident: reverse("religion:incident", args=[incident.pk]),
        ),
        "may_report": may_somewhere(request.user, Action.CHANGE),
    }
    return render(request, "religion/incident_list.html", context)


def report(request: AuthenticatedRequest) -> HttpResponse:
    """Report an incident (báo cáo vụ việc)."""
    if not granted_paths(request.user, Action.CHANGE):
        raise PermissionDenied
    form = ReportForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            incident = do_report_incident(**form.cleaned_data, acting_user=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã ghi vụ việc %(title)s.") % {"title": incident.title})
            return redirect("religion:incident", incident.pk)
    return render(request, "religion/incident_report.html", {"form": form})


def incident_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """An incident: where (the current commune, and the legacy one a report before 1/7/2025 named), who,
    what was done, what follows; its managers record the follow-up."""
    incident = incidents_of(request).get_or_404(pk=pk)
    may_change = can(request.user, Action.CHANGE, incident)
    form = None
    if may_change:
        initial = {
            "status": incident.status,
            "actions_taken": incident.actions_taken,
            "follow_up": incident.follow_up,
            "follow_up_due": incident.follow_up_due,
        }
        form = FollowUpForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                do_follow_up_incident(incident=incident, **form.cleaned_data, acting_user=request.user)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Đã cập nhật việc xử lý."))
                return redirect("religion:incident", incident.pk)
    return render(
        request,
        "religion/incident_detail.html",
        {
            "incident": incident,
            "commune": commune_names([incident.commune_code]).get(
                incident.commune_code, incident.commune_code
            ),
            "province": province_name(incident.province_code),
            "legacy": legacy_names([incident.legacy_commune_code]).get(incident.legacy_commune_code, "")
            if incident.legacy_commune_code
            else "",
            "organizations": incident.religious_organizations.restrict(request.user),
            "history": incident.history.select_related("history_user").order_by("-history_date")[:30],
            "form": form,
        },
    )


def rollup(request: AuthenticatedRequest) -> HttpResponse:
    """Reports of the communes rolled up to the province (tổng hợp theo xã): by current commune, reports
    dated before 1/7/2025 counted under the commune that succeeded the one they named."""
    filters = IncidentFilters(request.GET, user=request.user)
    incidents = filters.apply(incidents_of(request)).order_by()
    rows = list(
        incidents.values("province_code", "commune_code").annotate(
            total=Count("pk"),
            serious=Count("pk", filter=Q(severity__gte=Severity.HIGH)),
            unresolved=Count("pk", filter=~Q(status=IncidentStatus.CLOSED)),
            legacy=Count("pk", filter=~Q(legacy_commune_code="")),
            **{topic.value: Count("pk", filter=Q(topic=topic.value)) for topic in Topic},
        )
    )
    names = commune_names(row["commune_code"] for row in rows)
    provinces: dict[str, dict[str, Any]] = {}
    for row in sorted(rows, key=lambda r: (r["province_code"], -r["total"], r["commune_code"])):
        province = provinces.setdefault(
            row["province_code"],
            {
                "name": province_name(row["province_code"]),
                "communes": [],
                "totals": dict.fromkeys(["total", "serious", "unresolved", "legacy", *Topic.values], 0),
            },
        )
        row["name"] = names.get(row["commune_code"], row["commune_code"])
        row["topics"] = [row[topic] for topic in Topic.values]
        province["communes"].append(row)
        for key in province["totals"]:
            province["totals"][key] += row[key]
    for province in provinces.values():
        province["topic_totals"] = [province["totals"][topic] for topic in Topic.values]
    return render(
        request,
        "religion/incident_rollup.html",
        {"filters": filters, "form": filters.form, "provinces": provinces.values(), "topics": Topic.labels},
    )
