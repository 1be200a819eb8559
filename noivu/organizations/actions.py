"""State changes of the organisation tree."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
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


ORGANIZATION_RENAMED = event_type("organization.renamed", gettext_lazy("Đổi tên cơ quan, đơn vị"))
ORGANIZATION_ENDED = event_type("organization.ended", gettext_lazy("Chấm dứt hoạt động cơ quan, đơn vị"))
ORGANIZATION_MOVED = event_type("organization.moved", gettext_lazy("Chuyển đơn vị về trực thuộc đơn vị khác"))


@action(ORGANIZATION_RENAMED)
def do_rename_organization(ctx: ActionContext, *, organization: Organization, name: str) -> Organization:
    """Give a unit a new name (its former names stay in its history)."""
    ctx.require(organization)
    organization = Organization.objects.get(pk=organization.pk)
    old = organization.name
    organization.name = name.strip()
    organization.full_clean(exclude=["path", "depth", "numchild"])
    organization.save()
    ctx.audit(organization, extra={"old_name": old, "new_name": organization.name})
    return organization


@action(ORGANIZATION_ENDED)
def do_end_organization(ctx: ActionContext, *, organization: Organization, last_day: dt.date) -> Organization:
    """Close a unit on ``last_day`` (merged into another, split); it stays in the tree for earlier dates."""
    ctx.require(organization)
    organization = Organization.objects.get(pk=organization.pk)
    organization.effective_to = last_day
    organization.full_clean(exclude=["path", "depth", "numchild"])
    organization.save(update_fields=["effective_to"])
    ctx.audit(organization, extra={"last_day": last_day.isoformat()})
    return organization


@action(ORGANIZATION_MOVED)
def do_move_organization(
    ctx: ActionContext, *, organization: Organization, parent: Organization
) -> Organization:
    """Move a unit and its subtree under ``parent``; the persons assigned there move with it."""
    ctx.require(organization)
    ctx.require(parent)
    organization = Organization.objects.get(pk=organization.pk)
    parent = Organization.objects.get(pk=parent.pk)
    if parent.path.startswith(organization.path):
        raise ValidationError(
            _("Không chuyển một đơn vị về trực thuộc chính nó hoặc đơn vị cấp dưới của nó.")
        )
    old_parent = organization.get_parent()
    organization.move(parent, "last-child")
    organization = Organization.objects.get(pk=organization.pk)
    ctx.audit(
        organization,
        extra={"from_parent": old_parent.pk if old_parent else None, "to_parent": parent.pk},
    )
    return organization
