"""The check of a file sent to the hotline (kiểm tra tệp đính kèm): its type by extension AND by its first
bytes (a renamed program is refused), its size, its name, and how many a question carries."""

from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from noivu.core.text import text_problem

# Extension → the signatures its content may start with (None: plain text, checked otherwise).
SIGNATURES: dict[str, tuple[bytes, ...] | None] = {
    ".pdf": (b"%PDF-",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".docx": (b"PK\x03\x04",),
    ".xlsx": (b"PK\x03\x04",),
    ".doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",),
    ".xls": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",),
    ".txt": None,
}
MAX_FILES = 5


def max_bytes() -> int:
    return int(getattr(settings, "HELPDESK_MAX_ATTACHMENT_BYTES", 10 * 1024 * 1024))


@dataclass(frozen=True)
class CheckedFile:
    name: str
    content: bytes


def check_file(name: str, content: bytes) -> CheckedFile:
    """The file as kept (its base name), or a ValidationError naming the file and the rule it breaks."""
    base = PurePath(name.replace("\\", "/")).name.strip()
    problem = text_problem(base)
    if not base or problem:
        raise ValidationError(
            _("Tên tệp “%(name)s” không hợp lệ. %(problem)s") % {"name": base, "problem": problem or ""}
        )
    if len(base) > 200:
        raise ValidationError(_("Tên tệp “%(name)s…” dài quá 200 ký tự.") % {"name": base[:40]})
    extension = PurePath(base).suffix.lower()
    if extension not in SIGNATURES:
        raise ValidationError(
            _("Tệp “%(name)s”: chỉ nhận các loại %(allowed)s.")
            % {"name": base, "allowed": ", ".join(SIGNATURES)}
        )
    if len(content) == 0:
        raise ValidationError(_("Tệp “%(name)s” rỗng.") % {"name": base})
    if len(content) > max_bytes():
        raise ValidationError(
            _("Tệp “%(name)s” có %(size)s byte, vượt quá giới hạn %(limit)s byte.")
            % {"name": base, "size": f"{len(content):,}", "limit": f"{max_bytes():,}"}
        )
    signatures = SIGNATURES[extension]
    if signatures is None:
        try:
            text = content.decode("utf-8")
        except UnicodeDecodeError as error:
            raise ValidationError(
                _("Tệp “%(name)s” không phải văn bản UTF-8 như đuôi .txt cho biết.") % {"name": base}
            ) from error
        if "\x00" in text:
            raise ValidationError(_("Tệp “%(name)s” chứa ký tự NUL: không phải văn bản.") % {"name": base})
    elif not content.startswith(signatures):
        raise ValidationError(
            _("Nội dung tệp “%(name)s” không đúng loại %(extension)s (có thể là tệp đổi tên).")
            % {"name": base, "extension": extension}
        )
    return CheckedFile(base, content)


def check_files(files: list[tuple[str, bytes]]) -> list[CheckedFile]:
    if len(files) > MAX_FILES:
        raise ValidationError(_("Mỗi câu hỏi kèm tối đa %(count)s tệp.") % {"count": MAX_FILES})
    return [check_file(name, content) for name, content in files]
