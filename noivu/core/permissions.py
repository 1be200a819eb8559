"""Who may do what, where: roles (vai trò), the actions they allow, and the one place that limits a
query or an object to the subtrees of the organisation tree granted to a user (phạm vi quyền).

A user holds grants: a role over an organisation and everything below it. Every scoped model names,
in ``scope_path``, the lookup to the materialised path of the organisation it belongs to ("path" for
an organisation, "organization__path" for a person), or ``None`` for national data (rule tables,
administrative units) that every signed-in user reads and only a national administrator changes.
The model's default manager applies :func:`scope_condition` through ``.restrict(user, action)``; views and
endpoints never filter by hand. Objects outside the scope are a 404, not a 403, so that the existence
of another agency's records is not disclosed.
"""

from typing import Any, Protocol

from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

TREE_STEP = 4
"""Characters per level of the organisation tree's materialised path."""

EVERYWHERE = ""
"""The path granted to a superuser: the prefix of every path."""


class Role(models.TextChoices):
    HR_OFFICER = "hr_officer", gettext_lazy("Cán bộ tổ chức – nhân sự")
    APPRAISER = "appraiser", gettext_lazy("Thẩm định (Sở/Bộ)")
    APPROVER = "approver", gettext_lazy("Người phê duyệt")
    LEADER = "leader", gettext_lazy("Lãnh đạo")
    SYSTEM_ADMIN = "system_admin", gettext_lazy("Quản trị hệ thống")


class Action(models.TextChoices):
    VIEW = "view", gettext_lazy("xem")
    VIEW_PERSONAL_DATA = "view_personal_data", gettext_lazy("xem dữ liệu cá nhân đầy đủ")
    CHANGE = "change", gettext_lazy("thêm, sửa")
    EXPORT = "export", gettext_lazy("kết xuất")
    APPRAISE = "appraise", gettext_lazy("thẩm định")
    APPROVE = "approve", gettext_lazy("phê duyệt")
    ADMINISTER = "administer", gettext_lazy("quản trị người dùng và quy định")


ROLE_ACTIONS: dict[str, frozenset[str]] = {
    Role.HR_OFFICER: frozenset({Action.VIEW, Action.VIEW_PERSONAL_DATA, Action.CHANGE, Action.EXPORT}),
    Role.APPRAISER: frozenset({Action.VIEW, Action.EXPORT, Action.APPRAISE}),
    Role.APPROVER: frozenset({Action.VIEW, Action.EXPORT, Action.APPROVE}),
    Role.LEADER: frozenset({Action.VIEW, Action.EXPORT}),
    Role.SYSTEM_ADMIN: frozenset(Action.values),
}


def roles_allowing(action: str) -> list[str]:
    return [role for role, actions in ROLE_ACTIONS.items() if action in actions]


class Principal(Protocol):
    """What scoping needs of a user: the accounts app's ``User`` (its ``grants`` relation) or Django's
    anonymous user."""

    is_authenticated: bool
    is_active: bool
    is_superuser: bool


def granted_paths(user: Any, action: str = Action.VIEW) -> list[str]:
    """Tree paths of the subtrees where ``user`` may perform ``action`` (cached on the user object);
    ``[EVERYWHERE]`` for a superuser, ``[]`` for nobody."""
    if user is None or not user.is_authenticated or not user.is_active:
        return []
    if user.is_superuser:
        return [EVERYWHERE]
    cache = user.__dict__.setdefault("_granted_paths", {})
    if action not in cache:
        paths = sorted(
            set(
                user.grants.filter(role__in=roles_allowing(action)).values_list(
                    "organization__path", flat=True
                )
            )
        )
        # Keep only the top of nested grants so the filter stays short.
        cache[action] = [p for p in paths if not any(p != q and p.startswith(q) for q in paths)]
    return cache[action]


def is_national(user: Any, action: str) -> bool:
    """Whether ``user`` may ``action`` over a root of the tree (the whole country)."""
    return any(len(path) <= TREE_STEP for path in granted_paths(user, action))


def path_allows(user: Any, action: str, path: str | None) -> bool:
    """Whether an object at tree ``path`` (None: national data) lies in ``user``'s scope for ``action``,
    without a query once the grants are cached: for deciding row by row in a list already scoped."""
    if path is None:
        return is_national(user, action) or (action == Action.VIEW and bool(granted_paths(user, action)))
    return any(path.startswith(granted) for granted in granted_paths(user, action))


def scope_condition(user: Any, action: str, field: str | None) -> Q | None:
    """The filter keeping the rows ``user`` may ``action``, for a model whose ``scope_path`` is ``field``
    (``Q()``: every row; None: no row). Read through ``Model.objects.restrict(user, action)``."""
    paths = granted_paths(user, action)
    if not paths:
        return None
    if field is None:
        return Q() if path_allows(user, action, None) else None
    if EVERYWHERE in paths:
        return Q()
    condition = Q()
    for path in paths:
        condition |= Q(**{f"{field}__startswith": path})
    return condition


def can(user: Any, action: str, obj: models.Model) -> bool:
    """Whether ``user`` may ``action`` the object ``obj`` (a row of a scoped model)."""
    rows: Any = type(obj)._default_manager.filter(pk=obj.pk)  # a ScopedQuerySet: core.models imports us
    return bool(rows.restrict(user, action).exists())


def require(user: Any, action: str, obj: models.Model) -> None:
    """Raise PermissionDenied unless ``user`` may ``action`` the object ``obj``."""
    if not can(user, action, obj):
        raise PermissionDenied(
            _("Bạn không có quyền %(action)s đối với %(object)s.")
            % {"action": Action(action).label, "object": obj}
        )


def may_somewhere(user: Any, action: str) -> bool:
    """Whether ``user`` may ``action`` in at least one unit: whether a page offers the action's button."""
    return bool(granted_paths(user, action))


def require_somewhere(user: Any, action: str) -> None:
    """Raise PermissionDenied unless ``user`` may ``action`` in at least one unit: the check of a page or
    an action over the user's own scope, whose rows are then read through ``restrict()``."""
    if not granted_paths(user, action):
        raise PermissionDenied(
            _("Bạn không có quyền %(action)s ở đơn vị nào.") % {"action": Action(action).label}
        )
