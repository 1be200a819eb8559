"""Template helpers shared by every page of the web interface."""

from typing import Any

from django import template

from noivu.core.actions import may_edit_rule_tables
from noivu.core.menu import ShownGroup, menu_for
from noivu.core.permissions import Action, may_somewhere

register = template.Library()


@register.simple_tag(takes_context=True)
def may_edit_rules(context: template.Context) -> bool:
    """Whether the navigation shows the rule tables (quản trị bảng quy định) to the current user."""
    user = context.get("user")
    return bool(user is not None and user.is_authenticated and may_edit_rule_tables(user))


@register.simple_tag(takes_context=True)
def main_menu(context: template.Context) -> list[ShownGroup]:
    """The groups of the main menu the current user sees (``noivu.core.menu``)."""
    user = context.get("user")
    return menu_for(user) if user is not None and user.is_authenticated else []


@register.simple_tag(takes_context=True)
def holds_a_grant(context: template.Context) -> bool:
    """Whether the current user is an official holding a grant (a personal account holds none and has no
    overview to open)."""
    user = context.get("user")
    return user is not None and user.is_authenticated and may_somewhere(user, Action.VIEW)


@register.simple_tag(takes_context=True)
def query_with(context: template.Context, **changes: Any) -> str:
    """The current query string with ``changes`` applied (used by pagination links)."""
    query = context["request"].GET.copy()
    for key, value in changes.items():
        query[key] = value
    return query.urlencode()


@register.filter
def job_label(kind: str) -> str:
    """What the user reads for a kind of background job, never its internal name."""
    from noivu.core.jobs import label_of

    return label_of(kind)


@register.simple_tag(takes_context=True)
def may_rerun(context: template.Context, job: Any) -> bool:
    """Whether the user looking at ``job`` may start it again: it failed, its kind keeps its input, and
    they started it."""
    from noivu.core.jobs import kind_of

    kind = kind_of(job.kind)
    user = context.get("user")
    return bool(
        job.status == "failed"
        and kind is not None
        and kind.rerun
        and user is not None
        and user.pk == job.created_by_id
    )


@register.filter
def dong(amount: int | None) -> str:
    """An amount in đồng as the page's language writes it: 2.530.000 đ / 2,530,000 VND."""
    from noivu.core.money import format_dong

    return "" if amount is None else format_dong(int(amount))
