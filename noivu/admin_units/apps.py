from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AdminUnitsConfig(AppConfig):
    name = "noivu.admin_units"
    label = "admin_units"
    verbose_name = "Đơn vị hành chính"

    def ready(self) -> None:
        post_migrate.connect(_load_catalogue, sender=self)
        from noivu.admin_units import choices

        choices.register()
        # The arrangement's part of the demo data set.
        from noivu.admin_units.arrangement import demo  # noqa: F401


def _load_catalogue(plan: list[Any] | None = None, **kwargs: Any) -> None:
    # ``migrate`` passes its plan (empty when up to date) and the sync then costs well under a
    # second; ``flush`` passes none, and reloading 25,000 rows after every flush of a
    # transactional test would cost more than those tests need: they load it when they use it.
    if plan is None:
        return
    from noivu.admin_units.loader import load_admin_units

    load_admin_units()
