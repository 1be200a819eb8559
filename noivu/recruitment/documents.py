"""The check of an application's file (kiểm tra tệp hồ sơ dự tuyển): its kind among the papers of an
application, then the project's check of an uploaded file (``noivu.core.files``: PDF, JPEG or PNG by
extension AND by its first bytes, so that a renamed program is refused, its size against
``RECRUITMENT_MAX_DOCUMENT_BYTES``, its name); and how many an application carries."""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from noivu.core.files import check_file
from noivu.recruitment.models import DOCUMENTS

EXTENSIONS = (".pdf", ".jpg", ".jpeg", ".png")
MAX_FILES = 10


def max_bytes() -> int:
    return int(getattr(settings, "RECRUITMENT_MAX_DOCUMENT_BYTES", 5 * 1024 * 1024))


@dataclass(frozen=True)
class Upload:
    """A file as sent: the kind of paper it is, its name and its content (read up to one byte past the
    limit, so that an oversized file is known without reading all of it)."""

    kind: str
    name: str
    content: bytes


@dataclass(frozen=True)
class CheckedDocument:
    kind: str
    name: str
    content: bytes
    content_type: str


def check_document(upload: Upload) -> CheckedDocument:
    """The file as kept (its base name and type), or a ValidationError naming its kind, the file and the
    rule it breaks (the project's one check of an uploaded file, ``noivu.core.files``)."""
    if upload.kind not in DOCUMENTS:
        raise ValidationError(
            _("Loại giấy tờ «%(kind)s» không có trong hồ sơ dự tuyển.") % {"kind": upload.kind}
        )
    try:
        checked = check_file(upload.name, upload.content, extensions=EXTENSIONS, max_bytes=max_bytes())
    except ValidationError as error:
        raise ValidationError(
            [f"{DOCUMENTS[upload.kind]}: {message}" for message in error.messages]
        ) from error
    return CheckedDocument(upload.kind, checked.name, checked.content, checked.content_type)


def check_documents(uploads: list[Upload], already: int = 0) -> list[CheckedDocument]:
    """Every file checked, or the first refusal; with the ``already`` kept, at most :data:`MAX_FILES`."""
    if already + len(uploads) > MAX_FILES:
        raise ValidationError(_("Mỗi hồ sơ dự tuyển kèm tối đa %(count)s tệp.") % {"count": MAX_FILES})
    return [check_document(upload) for upload in uploads]
