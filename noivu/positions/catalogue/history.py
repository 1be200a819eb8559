"""A catalogue position's history of changes (lịch sử thay đổi): when, who, why and each field's old and
new value; read by the position's page and by the API alike."""

from typing import Any

from django.utils.translation import gettext as _

from noivu.positions.catalogue.rules import FIELDS, competencies_text
from noivu.positions.models import CatalogPosition

HISTORY_SHOWN = 50


def position_history(position: CatalogPosition, limit: int = HISTORY_SHOWN) -> list[dict[str, Any]]:
    """Each saved change of ``position``, newest first: its record, kind, user, reason and the fields it
    changed (``field``, ``label``, ``old``, ``new``)."""
    labels = {
        f.name: f.verbose_name for f in CatalogPosition._meta.get_fields() if hasattr(f, "verbose_name")
    }
    records = list(
        position.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1]
    )
    entries = []
    for index, record in enumerate(records[:limit]):
        older = records[index + 1] if index + 1 < len(records) else None
        changed: list[dict[str, Any]] = []
        if older is not None:
            delta = record.diff_against(older, included_fields=list(FIELDS))
            for change in delta.changes:
                old, new = change.old, change.new
                if change.field == "competencies":
                    old, new = competencies_text(old or []), competencies_text(new or [])
                changed.append(
                    {
                        "field": change.field,
                        "label": str(labels.get(change.field, change.field)),
                        "old": old,
                        "new": new,
                    }
                )
        entries.append(
            {
                "record": record,
                "kind": {"+": _("Thêm vào danh mục"), "~": _("Sửa"), "-": _("Xóa")}.get(
                    record.history_type, ""
                ),
                "user": getattr(record.history_user, "full_name", "")
                or getattr(record.history_user, "username", ""),
                "reason": record.history_change_reason or "",
                "changes": changed,
            }
        )
    return entries
