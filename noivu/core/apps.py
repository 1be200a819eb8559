from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.module_loading import autodiscover_modules


class CoreConfig(AppConfig):
    name = "noivu.core"
    label = "core"
    verbose_name = "Dùng chung"

    def ready(self) -> None:
        autodiscover_modules("calculators")
        post_migrate.connect(_load_rule_tables, sender=self)


def _load_rule_tables(**kwargs) -> None:
    from noivu.core.rules import load_rule_files

    load_rule_files()
