"""E-mail import (nhập câu hỏi từ thư điện tử): a message saved as an ``.eml`` file becomes a question — the
sender is the contact, the subject and the plain-text body (or the HTML body stripped of its tags) the
question, the attached files its attachments, checked like any other."""

import datetime as dt
import email
import email.policy
import email.utils
import html
import re
from dataclasses import dataclass, field
from email.message import EmailMessage

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_EML_BYTES = 25 * 1024 * 1024
_TAGS = re.compile(r"<[^>]+>")


@dataclass
class ParsedEmail:
    asker_name: str
    contact_email: str
    subject: str
    body: str
    received_on: dt.date | None
    files: list[tuple[str, bytes]] = field(default_factory=list)


def parse_eml(raw: bytes) -> ParsedEmail:
    """The parts of an e-mail message; a ValidationError in Vietnamese when it is not one."""
    if len(raw) > MAX_EML_BYTES:
        raise ValidationError(_("Tệp thư quá lớn (tối đa 25 MB)."))
    message = email.message_from_bytes(raw, policy=email.policy.default)
    if not isinstance(message, EmailMessage) or not message.get("From"):
        raise ValidationError(_("Tệp không phải một thư điện tử (.eml): thiếu người gửi."))
    name, address = email.utils.parseaddr(str(message.get("From", "")))
    if "@" not in address:
        raise ValidationError(_("Thư không có địa chỉ người gửi hợp lệ nên không có thông tin liên hệ."))
    subject = " ".join(str(message.get("Subject", "")).split()) or _("(không có tiêu đề)")
    body_part = message.get_body(preferencelist=("plain", "html"))
    body = ""
    if body_part is not None:
        content = body_part.get_content()
        body = (
            content
            if body_part.get_content_type() == "text/plain"
            else html.unescape(_TAGS.sub(" ", content))
        )
    body = "\n".join(line.rstrip() for line in body.strip().splitlines())
    if not body:
        raise ValidationError(_("Thư không có nội dung câu hỏi."))
    received_on = None
    if message.get("Date"):
        try:
            received_on = email.utils.parsedate_to_datetime(str(message["Date"])).date()
        except (TypeError, ValueError):
            received_on = None
    files = []
    for part in message.iter_attachments():
        filename = part.get_filename() or "tep-dinh-kem"
        payload = part.get_payload(decode=True)
        if isinstance(payload, bytes):
            files.append((filename, payload))
    return ParsedEmail(name or address, address, subject[:300], body, received_on, files)
