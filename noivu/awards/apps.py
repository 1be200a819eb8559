from django.apps import AppConfig


class AwardsConfig(AppConfig):
    name = "noivu.awards"
    label = "awards"
    verbose_name = "Thi đua, khen thưởng"

    def ready(self) -> None:
        # Registers the demo step.
        from noivu.awards import demo  # noqa: F401
