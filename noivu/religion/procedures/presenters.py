"""What a user sees of a dossier in the queue, the API and the export."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from noivu.core.presenters import Column, Presenter
from noivu.religion.models import Dossier


def _procedure(dossier: Dossier) -> str:
    return dossier.procedure_name


def _article(dossier: Dossier) -> str:
    return dossier.rule.legal_basis.citation


def _clock(dossier: Dossier) -> Any:
    return dossier.get_status_display()


class DossierPresenter(Presenter):
    columns = [
        Column("reference", pgettext_lazy("dossier reference", "Số hồ sơ"), sort="reference"),
        Column("procedure", _("Thủ tục"), read=_procedure, sort="procedure_code"),
        Column("applicant", _("Người, tổ chức đề nghị"), sort="applicant"),
        Column("organization__name", _("Cơ quan tiếp nhận")),
        Column("received_on", _("Ngày nhận"), sort="received_on"),
        Column("due_on", _("Hạn giải quyết"), sort="due_on"),
        Column("status", _("Trạng thái"), read=_clock, sort="status"),
        Column("decided_on", _("Ngày có kết quả"), sort="decided_on"),
        Column("article", _("Căn cứ"), read=_article),
    ]
