"""Roles (vai trò) and what each may do inside its organisation subtree."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    HR_OFFICER = "hr_officer", _("Cán bộ tổ chức – nhân sự")
    APPRAISER = "appraiser", _("Thẩm định (Sở/Bộ)")
    APPROVER = "approver", _("Người phê duyệt")
    LEADER = "leader", _("Lãnh đạo")
    SYSTEM_ADMIN = "system_admin", _("Quản trị hệ thống")


class Action(models.TextChoices):
    VIEW = "view", _("xem")
    VIEW_PERSONAL_DATA = "view_personal_data", _("xem dữ liệu cá nhân đầy đủ")
    CHANGE = "change", _("thêm, sửa")
    EXPORT = "export", _("kết xuất")
    APPRAISE = "appraise", _("thẩm định")
    APPROVE = "approve", _("phê duyệt")
    ADMINISTER = "administer", _("quản trị người dùng và quy định")


ROLE_ACTIONS: dict[str, frozenset[str]] = {
    Role.HR_OFFICER: frozenset({Action.VIEW, Action.VIEW_PERSONAL_DATA, Action.CHANGE, Action.EXPORT}),
    Role.APPRAISER: frozenset({Action.VIEW, Action.EXPORT, Action.APPRAISE}),
    Role.APPROVER: frozenset({Action.VIEW, Action.EXPORT, Action.APPROVE}),
    Role.LEADER: frozenset({Action.VIEW, Action.EXPORT}),
    Role.SYSTEM_ADMIN: frozenset(Action.values),
}


def roles_allowing(action: str) -> list[str]:
    return [role for role, actions in ROLE_ACTIONS.items() if action in actions]
