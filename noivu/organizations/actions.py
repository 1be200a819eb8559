"""State changes of the organisation tree."""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from noivu.accounts.models import User
from noivu.core.permissions import Action, can
from noivu.organizations.models import Organization


@transaction.atomic
def do_create_organization(
    *,
    parent: Organization | None,
    code: str,
    name: str,
    kind: str,
    level: str,
    effective_from: dt.date,
    admin_unit_code: str = "",
    acting_user: User,
) -> Organization:
    """Create a unit under ``parent`` (a new root needs a national system administrator)."""
    if parent is None:
        if not acting_user.is_superuser:
            raise PermissionDenied(_("Chỉ quản trị hệ thống tạo được đơn vị gốc."))
    elif not can(acting_user, Action.ADMINISTER, parent):
        raise PermissionDenied(_("Bạn không có quyền thêm đơn vị vào %(parent)s.") % {"parent": parent})
    fields = {
        "code": code,
        "name": name,
        "kind": kind,
        "level": level,
        "effective_from": effective_from,
        "admin_unit_code": admin_unit_code,
    }
    candidate = Organization(**fields)
    candidate.full_clean(exclude=["path", "depth", "numchild"])
    node = Organization.add_root(**fields) if parent is None else parent.add_child(**fields)
    node.history.update(history_user=acting_user)
    return node
