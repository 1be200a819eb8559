"""The one place that limits what a user sees: grants over organisation subtrees.

Every scoped model names, in ``scope_path``, the lookup to the materialised path of the organisation
it belongs to ("path" for an organisation, "organization__path" for a person). A user sees a row
when that path starts with the path of an organisation granted to them with a role that allows the
action. Views and endpoints call :func:`scope` (or :func:`get_scoped_or_404`), never filter by hand.
"""

from django.db.models import Model, Q, QuerySet
from django.http import Http404

from noivu.accounts.roles import Action, roles_allowing

_ALL = ""


def granted_paths(user, action: str = Action.VIEW) -> list[str]:
    """Tree paths of the subtrees where ``user`` may perform ``action`` (cached on the user object)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return []
    if user.is_superuser:
        return [_ALL]
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


def scope(user, queryset: QuerySet, action: str = Action.VIEW) -> QuerySet:
    """``queryset`` limited to the rows ``user`` may ``action``."""
    paths = granted_paths(user, action)
    if not paths:
        return queryset.none()
    if _ALL in paths:
        return queryset
    field = f"{queryset.model.scope_path}__startswith"
    condition = Q()
    for path in paths:
        condition |= Q(**{field: path})
    return queryset.filter(condition)


def can(user, action: str, obj: Model) -> bool:
    """Whether ``user`` may ``action`` the object ``obj``."""
    return scope(user, type(obj)._default_manager.filter(pk=obj.pk), action).exists()


def get_scoped_or_404(user, queryset: QuerySet, action: str = Action.VIEW, **lookup) -> Model:
    """The object found by ``lookup`` inside the user's scope; 404 (not 403) outside it, so that
    the existence of another agency's records is not disclosed."""
    try:
        return scope(user, queryset, action).get(**lookup)
    except queryset.model.DoesNotExist as missing:
        raise Http404 from missing
