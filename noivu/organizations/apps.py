from django.apps import AppConfig


class OrganizationsConfig(AppConfig):
    name = "noivu.organizations"
    label = "organizations"
    verbose_name = "Cơ quan, tổ chức, đơn vị"

    def ready(self) -> None:
        from noivu.organizations import (
            cards,  # noqa: F401  (registers its dashboard card)
            choices,
        )

        choices.register()
