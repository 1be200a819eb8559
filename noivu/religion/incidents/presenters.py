"""What a user sees of an incident in a list, the API and the export."""

from django.utils.translation import gettext_lazy as _

from noivu.core.presenters import Column, Presenter
from noivu.religion.models import Incident, Severity


def _severity(incident: Incident) -> object:
    return Severity(incident.severity).label


class IncidentPresenter(Presenter):
    columns = [
        Column("title", _("Vụ việc"), sort="title"),
        Column("occurred_on", _("Ngày xảy ra"), sort="occurred_on"),
        Column("topic", _("Lĩnh vực"), read=lambda row: row.get_topic_display(), sort="topic"),
        Column("severity", _("Mức độ"), read=_severity, sort="severity"),
        Column(
            "commune", _("Xã, phường"), read=lambda row: getattr(row, "commune_name", "") or row.commune_code
        ),
        Column("organization__name", _("Đơn vị báo cáo")),
        Column("status", _("Tình trạng"), read=lambda row: row.get_status_display(), sort="status"),
        Column("follow_up_due", _("Hạn theo dõi"), sort="follow_up_due"),
    ]
