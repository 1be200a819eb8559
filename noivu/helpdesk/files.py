"""The check of a file sent to the hotline (kiểm tra tệp đính kèm): the project's check of an uploaded file
(``noivu.core.files``: its type by extension AND by its first bytes, so that a renamed program is refused,
its size, its name) over the types the hotline takes, and how many a question carries."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from noivu.core.files import CheckedFile, check_file

EXTENSIONS = (".pdf", ".png", ".jpg", ".jpeg", ".docx", ".xlsx", ".doc", ".xls", ".txt")
MAX_FILES = 5


def max_bytes() -> int:
    return int(getattr(settings, "HELPDESK_MAX_ATTACHMENT_BYTES", 10 * 1024 * 1024))


def check_attachment(name: str, content: bytes) -> CheckedFile:
    """The file as kept (its base name), or a ValidationError naming the file and the rule it breaks."""
    return check_file(name, content, extensions=EXTENSIONS, max_bytes=max_bytes())


def check_files(files: list[tuple[str, bytes]]) -> list[CheckedFile]:
    if len(files) > MAX_FILES:
        raise ValidationError(_("Mỗi câu hỏi kèm tối đa %(count)s tệp.") % {"count": MAX_FILES})
    return [check_attachment(name, content) for name, content in files]
