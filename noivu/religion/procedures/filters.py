"""Filters of the dossier queue (hàng hồ sơ): one definition for the page, the API and the export."""

import datetime as dt

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from noivu.core.api import IsoDate
from noivu.core.filters import Filter, FilterSet, date_field
from noivu.core.widgets import tree_field
from noivu.organizations.filters import within_unit
from noivu.religion.models import DossierStatus

DUE_SOON_DAYS = 5


QUEUE_CHOICES = [
    ("open", _("Đang giải quyết (cả chờ bổ sung)")),
    ("due_soon", _("Sắp đến hạn (5 ngày)")),
    ("overdue", _("Quá hạn")),
    ("decided", _("Đã có kết quả")),
    ("decided_late", _("Có kết quả sau hạn")),
    ("all", _("Tất cả")),
]


def in_queue(dossiers: QuerySet, value: str, filters: FilterSet) -> QuerySet:
    day = filters.as_of
    open_ = dossiers.filter(status__in=[DossierStatus.RECEIVED, DossierStatus.SUPPLEMENT])
    if value == "open":
        return open_
    if value == "due_soon":
        return open_.filter(due_on__gte=day, due_on__lte=day + dt.timedelta(days=DUE_SOON_DAYS))
    if value == "overdue":
        return open_.filter(due_on__lt=day)
    if value == "decided":
        return dossiers.filter(status=DossierStatus.DECIDED)
    if value == "decided_late":
        return dossiers.filter(status=DossierStatus.DECIDED).exclude(late_reason="")
    return dossiers


class DossierFilters(FilterSet):
    """The queue: what is open, due within five days or overdue on the as-of day; by procedure, unit,
    dates of receipt."""

    queue = Filter(
        forms.ChoiceField(label=_("Hàng hồ sơ"), required=False, choices=[("", "—"), *QUEUE_CHOICES]),
        in_queue,
        description="open, due_soon (hạn trong 5 ngày), overdue (quá hạn), decided, decided_late, all.",
    )
    procedure = Filter(
        forms.CharField(label=_("Mã thủ tục"), required=False, max_length=64),
        lambda dossiers, code, filters: dossiers.filter(procedure_code=code),
    )
    organization = Filter(
        tree_field(_("Cơ quan tiếp nhận")),
        within_unit("organization__path"),
        description="Mã đơn vị: hồ sơ do đơn vị đó và các đơn vị bên dưới tiếp nhận.",
    )
    received_from = Filter(
        date_field(_("Nhận từ ngày")),
        lambda dossiers, day, filters: dossiers.filter(received_on__gte=day),
        api_type=IsoDate,
    )
    received_to = Filter(
        date_field(_("Nhận đến ngày")),
        lambda dossiers, day, filters: dossiers.filter(received_on__lte=day),
        api_type=IsoDate,
    )
