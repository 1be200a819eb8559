"""Who may open the record-review pages and endpoints (rà soát hồ sơ): duplicates, merges, addresses."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from noivu.core.permissions import Action, granted_paths


def require_change_right_somewhere(user: Any) -> None:
    """Refuse a user who may change the records of no unit at all; the rows shown are still scoped."""
    if not granted_paths(user, Action.CHANGE):
        raise PermissionDenied(_("Bạn không có quyền cập nhật hồ sơ."))
