"""Filters of situation reports: one definition for the page, the API and the export."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from noivu.core.api import IsoDate
from noivu.core.filters import Filter, FilterSet, date_field
from noivu.core.widgets import tree_field
from noivu.religion.models import IncidentStatus, Severity, Topic


def _choice(choices: Any, label: Any) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, required=False, choices=[("", "—"), *choices])


def _open(incidents: QuerySet, value: str, filters: FilterSet) -> QuerySet:
    return incidents.exclude(status=IncidentStatus.CLOSED) if value == "1" else incidents


class IncidentFilters(FilterSet):
    """Incidents by topic, severity, status, commune and dates."""

    topic = Filter(
        _choice(Topic.choices, _("Lĩnh vực")), lambda rows, v, f: rows.filter(topic=v), api_type=Topic
    )
    min_severity = Filter(
        forms.TypedChoiceField(
            label=_("Mức độ từ"), required=False, choices=[("", "—"), *Severity.choices], coerce=int
        ),
        lambda rows, v, f: rows.filter(severity__gte=v),
        api_type=int,
        description="Mức độ tối thiểu: 1 thấp, 2 trung bình, 3 cao, 4 nghiêm trọng.",
    )
    status = Filter(
        _choice(IncidentStatus.choices, _("Tình trạng")),
        lambda rows, v, f: rows.filter(status=v),
        api_type=IncidentStatus,
    )
    open_only = Filter(
        forms.ChoiceField(
            label=_("Chỉ vụ việc chưa giải quyết"), required=False, choices=[("", "—"), ("1", _("Có"))]
        ),
        _open,
        description="1: chỉ các vụ việc chưa giải quyết xong.",
    )
    commune = Filter(
        tree_field(_("Xã, phường"), "commune", empty_label=_("Tất cả xã, phường")),
        lambda rows, v, f: rows.filter(commune_code=v),
        description="Mã xã, phường hiện hành: kể cả vụ việc báo cáo theo xã cũ trước 01/07/2025.",
    )
    occurred_from = Filter(
        date_field(_("Xảy ra từ ngày")), lambda rows, v, f: rows.filter(occurred_on__gte=v), api_type=IsoDate
    )
    occurred_to = Filter(
        date_field(_("Xảy ra đến ngày")), lambda rows, v, f: rows.filter(occurred_on__lte=v), api_type=IsoDate
    )
