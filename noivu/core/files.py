"""Uploaded files (tệp tải lên), for every app that keeps them.

:func:`check_file` is the one check of a file sent by a user: its name, its type by extension AND by its
first bytes (a renamed program is refused), and its size. :func:`delete_orphaned_files` makes a model's
file field give its stored file back once the row is deleted or the file replaced, after the transaction
commits (a rolled-back change keeps the file its row still names), and a file stored by an action that
then rolls back.
"""

from collections.abc import Collection
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models.signals import post_delete, pre_save
from django.utils.translation import gettext as _

from noivu.core import context
from noivu.core.actions import ActionContext
from noivu.core.numbers import grouped
from noivu.core.text import text_problem

# Extension → the content type a file is kept as, and the signatures its content may start with (None:
# plain text, checked as UTF-8 without NUL instead).
TYPES: dict[str, tuple[str, tuple[bytes, ...] | None]] = {
    ".pdf": ("application/pdf", (b"%PDF-",)),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", (b"PK\x03\x04",)),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (b"PK\x03\x04",)),
    ".doc": ("application/msword", (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)),
    ".xls": ("application/vnd.ms-excel", (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)),
    ".txt": ("text/plain", None),
}
MAX_NAME = 200


@dataclass(frozen=True)
class CheckedFile:
    """A file as it may be kept: its base name (no folders of the sender's machine) and content type."""

    name: str
    content: bytes
    content_type: str


def allowed_types(extensions: Collection[str]) -> str:
    """The accepted types as a person reads them: "PDF, JPG, JPEG, PNG"."""
    return ", ".join(extension[1:].upper() for extension in extensions)


def check_file(name: str, content: bytes, *, extensions: Collection[str], max_bytes: int) -> CheckedFile:
    """The file as kept, or a ValidationError naming the file and the rule it breaks. ``extensions`` are
    keys of :data:`TYPES` (lower case, with the dot)."""
    base = PurePath(name.replace("\\", "/")).name.strip()
    problem = text_problem(base)
    if not base or problem:
        raise ValidationError(
            _("Tên tệp «%(name)s» không hợp lệ. %(problem)s") % {"name": base, "problem": problem or ""}
        )
    if len(base) > MAX_NAME:
        raise ValidationError(
            _("Tên tệp «%(name)s…» dài quá %(max)s ký tự.") % {"name": base[:40], "max": MAX_NAME}
        )
    extension = PurePath(base).suffix.lower()
    if extension not in extensions or extension not in TYPES:
        raise ValidationError(
            _("Tệp «%(name)s» không được nhận: chỉ nhận %(allowed)s.")
            % {"name": base, "allowed": allowed_types(extensions)}
        )
    if not content:
        raise ValidationError(_("Tệp «%(name)s» rỗng.") % {"name": base})
    if len(content) > max_bytes:
        raise ValidationError(
            _("Tệp «%(name)s» có %(size)s byte, vượt quá giới hạn %(limit)s byte.")
            % {"name": base, "size": grouped(len(content)), "limit": grouped(max_bytes)}
        )
    content_type, signatures = TYPES[extension]
    if signatures is None:
        try:
            text = content.decode("utf-8")
        except UnicodeDecodeError as error:
            raise ValidationError(
                _("Tệp «%(name)s» không phải văn bản UTF-8 như đuôi .txt cho biết.") % {"name": base}
            ) from error
        if "\x00" in text:
            raise ValidationError(_("Tệp «%(name)s» chứa ký tự NUL: không phải văn bản.") % {"name": base})
    elif not content.startswith(signatures):
        raise ValidationError(
            _(
                "Nội dung tệp «%(name)s» không phải %(type)s như đuôi %(extension)s cho biết "
                "(có thể là tệp đổi tên)."
            )
            % {"name": base, "type": extension[1:].upper(), "extension": extension}
        )
    return CheckedFile(base, content, content_type)


def _delete_on_commit(storage: Any, name: str) -> None:
    if name:
        transaction.on_commit(lambda: storage.delete(name), robust=True)


def delete_orphaned_files(model: type[models.Model], field: str = "file") -> None:
    """Delete the stored file of ``model``'s ``field`` when its row is deleted (a cascade included) or the
    field is given another file, once the transaction commits."""

    def deleted(sender: Any, instance: models.Model, **kwargs: Any) -> None:
        stored = getattr(instance, field)
        _delete_on_commit(stored.storage, stored.name)

    def saving(sender: Any, instance: models.Model, **kwargs: Any) -> None:
        if kwargs.get("raw"):
            return
        stored = getattr(instance, field)
        before = None
        if instance.pk is not None:
            before = sender._base_manager.filter(pk=instance.pk).values_list(field, flat=True).first()
        if before and before != stored.name:
            _delete_on_commit(stored.storage, before)
        running = context.current_action()
        if stored.name and stored.name != before and isinstance(running, ActionContext):
            storage, name = stored.storage, stored.name
            running.on_rollback(lambda: storage.delete(name))

    key = f"orphaned-files:{model._meta.label}.{field}"
    post_delete.connect(deleted, sender=model, weak=False, dispatch_uid=key)
    pre_save.connect(saving, sender=model, weak=False, dispatch_uid=key)
