"""The electronic dossier's entries in the main menu, in the personnel group, and a person's own dossier as
the home page of a personal account."""

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from noivu.core.extensions import HomePage, MenuEntry, home_pages, menu_entries
from noivu.edossier.models import PersonAccount


def _has_own_dossier(user: Any) -> bool:
    """Whether ``user`` is a person's own account (asked once per request: cached on the user)."""
    if not getattr(user, "is_authenticated", False):
        return False
    if "_has_own_dossier" not in user.__dict__:
        user.__dict__["_has_own_dossier"] = (
            PersonAccount.objects.unrestricted().filter(user_id=user.pk).exists()
        )
    return bool(user.__dict__["_has_own_dossier"])


for entry in (
    MenuEntry("edossier.index", "personnel", _("Hồ sơ điện tử"), 55, "edossier:index"),
    MenuEntry("edossier.me", "personnel", _("Hồ sơ của tôi"), 1, "edossier:me", visible=_has_own_dossier),
    MenuEntry("edossier.consents", "personnel", _("Khai thác hồ sơ theo đồng ý"), 56, "edossier:consents"),
):
    menu_entries.register(entry)

home_pages.register(
    HomePage("edossier.me", 10, lambda user: reverse("edossier:me") if _has_own_dossier(user) else None)
)
