"""Filters of the map (lọc bản đồ): the places shown and the incidents that shade the communes."""

from django import forms
from django.utils.translation import gettext_lazy as _

from noivu.core.api import IsoDate
from noivu.core.filters import Filter, FilterSet, date_field
from noivu.religion.models import PlaceKind, Topic


class PlaceMapFilters(FilterSet):
    """Places in force on the as-of day, by kind and religion."""

    kind = Filter(
        forms.ChoiceField(
            label=_("Loại cơ sở"), required=False, choices=[("", _("Mọi loại cơ sở")), *PlaceKind.choices]
        ),
        lambda rows, v, f: rows.filter(kind=v),
        api_type=PlaceKind,
    )
    religion = Filter(
        forms.CharField(label=_("Mã tôn giáo"), required=False, max_length=32),
        lambda rows, v, f: rows.filter(religion__code=v),
    )


class IncidentMapFilters(FilterSet):
    """Incidents of a topic between two days."""

    topic = Filter(
        forms.ChoiceField(
            label=_("Lĩnh vực"), required=False, choices=[("", _("Mọi lĩnh vực")), *Topic.choices]
        ),
        lambda rows, v, f: rows.filter(topic=v),
        api_type=Topic,
    )
    occurred_from = Filter(
        date_field(_("Vụ việc từ ngày")), lambda rows, v, f: rows.filter(occurred_on__gte=v), api_type=IsoDate
    )
    occurred_to = Filter(
        date_field(_("Vụ việc đến ngày")),
        lambda rows, v, f: rows.filter(occurred_on__lte=v),
        api_type=IsoDate,
    )
