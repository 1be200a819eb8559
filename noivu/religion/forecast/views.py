"""The situation page (tình hình, dự báo, cảnh báo sớm): figures of the queue and the incidents, the
monthly trend with its forecast and band, and the early warnings."""

import datetime as dt
from typing import Any

from django import forms
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from noivu.accounts.http import AuthenticatedRequest
from noivu.core import dates
from noivu.core.filters import date_field
from noivu.core.widgets import tree_field
from noivu.religion.forecast.situation import alerts, series
from noivu.religion.geo.views import provinces_of
from noivu.religion.incidents.places import commune_names
from noivu.religion.models import Dossier, DossierStatus, Incident, IncidentStatus, Topic
from noivu.religion.procedures.filters import DUE_SOON_DAYS


class SituationForm(forms.Form):
    as_of = date_field(gettext_lazy("Tính đến ngày"))
    topic = forms.ChoiceField(
        label=gettext_lazy("Lĩnh vực"),
        required=False,
        choices=[("", gettext_lazy("Mọi lĩnh vực")), *Topic.choices],
    )
    commune = tree_field(gettext_lazy("Xã, phường"), "commune", empty_label=gettext_lazy("Tất cả xã, phường"))


def figures(user: Any, as_of: dt.date) -> dict[str, Any]:
    """The queue and incident figures of the user's scope on ``as_of`` (one query each)."""
    open_states = [DossierStatus.RECEIVED, DossierStatus.SUPPLEMENT]
    dossiers = (
        Dossier.objects.restrict(user)
        .filter(received_on__lte=as_of)
        .aggregate(
            open=Count("pk", filter=Q(status__in=open_states)),
            overdue=Count("pk", filter=Q(status__in=open_states, due_on__lt=as_of)),
            due_soon=Count(
                "pk",
                filter=Q(
                    status__in=open_states,
                    due_on__gte=as_of,
                    due_on__lte=as_of + dt.timedelta(days=DUE_SOON_DAYS),
                ),
            ),
            late=Count(
                "pk", filter=Q(status=DossierStatus.DECIDED, decided_on__year=as_of.year) & ~Q(late_reason="")
            ),
        )
    )
    month = as_of.replace(day=1)
    incidents = (
        Incident.objects.restrict(user)
        .filter(occurred_on__lte=as_of)
        .aggregate(
            this_month=Count("pk", filter=Q(occurred_on__gte=month)),
            unresolved=Count("pk", filter=~Q(status=IncidentStatus.CLOSED)),
            serious=Count("pk", filter=Q(severity__gte=3, occurred_on__gte=month)),
        )
    )
    return {"dossiers": dossiers, "incidents": incidents}


def situation(request: AuthenticatedRequest) -> HttpResponse:
    """Trend, forecast and early warnings of incidents and dossiers in the user's scope."""
    form = SituationForm(request.GET)
    form.fields["commune"].widget.user = request.user
    cleaned = form.cleaned_data if form.is_valid() else {}
    as_of = cleaned.get("as_of") or dates.today()
    topic = cleaned.get("topic") or ""
    commune = (cleaned.get("commune") or "").strip()
    incidents = Incident.objects.restrict(request.user)
    dossiers = Dossier.objects.restrict(request.user)
    if commune:
        incidents = incidents.filter(commune_code=commune)
        dossiers = dossiers.filter(commune_code=commune)
    chosen = incidents.filter(topic=topic) if topic else incidents
    labels = dict(Topic.choices)
    incident_series = series(chosen, "occurred_on", _("Vụ việc"), as_of)
    dossier_series = series(dossiers, "received_on", _("Hồ sơ thủ tục tiếp nhận"), as_of)
    warnings = alerts(Incident.objects.restrict(request.user), as_of, {k: str(v) for k, v in labels.items()})
    names = commune_names(alert.area_code for alert in warnings.alerts if alert.area_code)
    for alert in warnings.alerts:
        alert.area = names.get(alert.area_code, alert.area_code)
    provinces = provinces_of(request)
    window = {"occurred_from": f"{dates.add_months(as_of, -12) + dt.timedelta(days=1):%d/%m/%Y}"}
    window["occurred_to"] = f"{as_of:%d/%m/%Y}"
    if topic:
        window["topic"] = topic
    return render(
        request,
        "religion/situation.html",
        {
            "province": provinces[0][0] if provinces else "",
            "data_url": f"{reverse('religion:map_data')}?{urlencode(window)}",
            "map_title": _("Cơ sở và vụ việc 12 tháng qua theo xã, phường"),
            "map_link": True,
            "form": form,
            "as_of": as_of,
            "figures": figures(request.user, as_of),
            "charts": {"incidents": incident_series.chart(), "dossiers": dossier_series.chart()},
            "method": incident_series.method,
            "warnings": warnings,
            "topic_label": labels.get(topic, ""),
        },
    )
