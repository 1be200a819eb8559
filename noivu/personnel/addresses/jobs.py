"""Background job converting the addresses of a user's scope (chuyển đổi địa chỉ theo ĐVHC mới)."""

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from noivu.core.jobs import Progress, job
from noivu.core.models import Job, ScopedQuerySet
from noivu.core.numbers import grouped
from noivu.core.permissions import Action
from noivu.personnel.addresses.conversion import ConversionReport, do_convert_addresses
from noivu.personnel.models import PersonAddress

CONVERSION_KIND = "personnel-address-conversion"


def addresses_in_scope(user: Any, *actions: str) -> ScopedQuerySet:
    """The addresses of the persons ``user`` may do every one of ``actions`` with (``Action.CHANGE`` by
    default); an address is scoped through its person."""
    addresses = PersonAddress.objects.all()
    for action in actions or (Action.CHANGE,):
        addresses = addresses.restrict(user, action)
    return addresses


def report_dict(report: ConversionReport) -> dict:
    return {"counts": dict(report.counts), "total": report.total, "read_from_text": report.read_from_text}


@job(CONVERSION_KIND, label=gettext_lazy("Chuyển đổi địa chỉ theo đơn vị hành chính mới"))
def run_conversion(record: Job, progress: Progress) -> dict:
    """Convert the pending addresses of the scope of the job's creator, as it stands when the job runs."""
    progress(0, _("Đang chuyển đổi địa chỉ…"))
    report = do_convert_addresses(acting_user=record.created_by)
    progress(100, _("Đã chuyển đổi %(count)s địa chỉ.") % {"count": grouped(report.total)})
    return report_dict(report)
