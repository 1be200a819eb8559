"""The check of an application's file (kiểm tra tệp hồ sơ dự tuyển): its kind among the papers of an
application, its type by extension AND by its first bytes (PDF, JPEG or PNG: a renamed program is
refused), its size against ``RECRUITMENT_MAX_DOCUMENT_BYTES`` and its name; and how many an application
carries."""

from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from noivu.core.text import text_problem
from noivu.recruitment.models import DOCUMENTS

# Extension → the content type it is served as and the signature its content starts with.
TYPES: dict[str, tuple[str, bytes]] = {
    ".pdf": ("application/pdf", b"%PDF-"),
    ".jpg": ("image/jpeg", b"\xff\xd8\xff"),
    ".jpeg": ("image/jpeg", b"\xff\xd8\xff"),
    ".png": ("image/png", b"\x89PNG\r\n\x1a\n"),
}
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
    """The file as kept (its base name and type), or a ValidationError naming the file, its kind and the
    rule it breaks."""
    if upload.kind not in DOCUMENTS:
        raise ValidationError(
            _("Loại giấy tờ «%(kind)s» không có trong hồ sơ dự tuyển.") % {"kind": upload.kind}
        )
    kind = DOCUMENTS[upload.kind]
    base = PurePath(upload.name.replace("\\", "/")).name.strip()
    problem = text_problem(base)
    if not base or problem:
        raise ValidationError(
            _("%(kind)s: tên tệp «%(name)s» không hợp lệ. %(problem)s")
            % {"kind": kind, "name": base, "problem": problem or ""}
        )
    if len(base) > 200:
        raise ValidationError(
            _("%(kind)s: tên tệp «%(name)s…» dài quá 200 ký tự.") % {"kind": kind, "name": base[:40]}
        )
    extension = PurePath(base).suffix.lower()
    if extension not in TYPES:
        raise ValidationError(
            _("%(kind)s: tệp «%(name)s» không được nhận; chỉ nhận PDF, JPEG hoặc PNG.")
            % {"kind": kind, "name": base}
        )
    if not upload.content:
        raise ValidationError(_("%(kind)s: tệp «%(name)s» rỗng.") % {"kind": kind, "name": base})
    limit = max_bytes()
    if len(upload.content) > limit:
        raise ValidationError(
            _("%(kind)s: tệp «%(name)s» vượt quá giới hạn %(limit)s byte.")
            % {"kind": kind, "name": base, "limit": f"{limit:,}".replace(",", ".")}
        )
    content_type, signature = TYPES[extension]
    if not upload.content.startswith(signature):
        raise ValidationError(
            _("%(kind)s: nội dung tệp «%(name)s» không phải %(type)s như đuôi %(extension)s cho biết.")
            % {"kind": kind, "name": base, "type": extension[1:].upper(), "extension": extension}
        )
    return CheckedDocument(upload.kind, base, upload.content, content_type)


def check_documents(uploads: list[Upload], already: int = 0) -> list[CheckedDocument]:
    """Every file checked, or the first refusal; with the ``already`` kept, at most :data:`MAX_FILES`."""
    if already + len(uploads) > MAX_FILES:
        raise ValidationError(_("Mỗi hồ sơ dự tuyển kèm tối đa %(count)s tệp.") % {"count": MAX_FILES})
    return [check_document(upload) for upload in uploads]
