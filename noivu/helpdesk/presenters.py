"""What a user sees of a question: the asker's contact (e-mail, phone) is personal data, shown only to those
who may see personal data in the receiving unit, masked for everyone else — on the page and in the API."""

from django.utils.translation import gettext_lazy as _

from noivu.core.presenters import Column, Presenter
from noivu.helpdesk.models import AskerKind, Channel, Question, QuestionStatus, Topic
from noivu.personnel.masking import mask_email, mask_phone


class QuestionPresenter(Presenter):
    columns = [
        Column("subject", _("Tiêu đề"), sort="subject"),
        Column("topic", _("Lĩnh vực"), read=lambda q: Topic(q.topic)),
        Column("channel", _("Kênh"), read=lambda q: Channel(q.channel)),
        Column("asker_kind", _("Người hỏi là"), read=lambda q: AskerKind(q.asker_kind)),
        Column("asker_name", _("Người hỏi")),
        Column("received_on", _("Ngày tiếp nhận"), sort="received_on"),
        Column("due_on", _("Hạn trả lời"), sort="due_on"),
        Column("status", _("Tình trạng"), read=lambda q: QuestionStatus(q.status)),
        Column("contact_email", _("Thư điện tử"), personal=mask_email),
        Column("contact_phone", _("Điện thoại"), personal=mask_phone),
    ]

    def contact(self, question: Question) -> dict[str, str]:
        return {name: self.value(question, self.column(name)) for name in ("contact_email", "contact_phone")}
