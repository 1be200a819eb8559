"""State changes of the organisation tree."""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from noivu.core.actions import ActionContext, action
from noivu.core.audit import event_type
from noivu.core.permissions import Action
from noivu.organizations.models import Organization

ORGANIZATION_CREATED = event_type("organization.created", gettext_lazy("Thêm cơ quan, đơn vị"))


@action(ORGANIZATION_CREATED, permission=Action.ADMINISTER)
def do_create_organization(
    ctx: ActionContext,
    *,
    parent: Organization | None,
    code: str,
    name: str,
    kind: str,
    level: str,
    effective_from: dt.date,
    admin_unit_code: str = "",
) -> Organization:
    """Create a unit under ``parent`` (a new root needs a superuser)."""
    if parent is None:
        if not ctx.user.is_superuser:
            raise PermissionDenied(_("Chỉ quản trị hệ thống tạo được đơn vị gốc."))
        ctx.require(Organization)
    else:
        ctx.require(parent)
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
    return Organization.add_root(**fields) if parent is None else parent.add_child(**fields)
