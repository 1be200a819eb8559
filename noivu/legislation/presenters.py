"""What a user sees of a document of the drafting programme, in the list, the API and the exports."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from noivu.core import dates
from noivu.core.presenters import Column, Presenter
from noivu.legislation.models import DocumentKind, DraftDocument, Step
from noivu.legislation.progress import flag_label


def _status(document: DraftDocument) -> str:
    return flag_label(document, getattr(document, "as_of", None) or dates.today())


class DocumentPresenter(Presenter):
    """The columns of a document row (no personal data: the lead is named as a public official)."""

    columns = [
        Column("title", _("Tên văn bản"), sort="title"),
        Column("kind", _("Loại"), read=lambda d: DocumentKind(d.kind)),
        Column("organization", _("Cơ quan chủ trì"), read=lambda d: d.organization.name),
        Column("lead", _("Người chủ trì")),
        Column("detailed_article", _("Quy định chi tiết")),
        Column("deadline", _("Hạn ban hành"), sort="deadline"),
        Column("step", _("Bước hiện tại"), read=lambda d: None if d.issued_on else Step(d.step)),
        Column("status", _("Tình trạng"), read=_status),
        Column("number", _("Số hiệu"), sort="number"),
        Column("issued_on", _("Ngày ban hành"), sort="issued_on"),
    ]

    def api_row(self, document: DraftDocument) -> dict[str, Any]:
        return self.row(document)
