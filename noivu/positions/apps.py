from django.apps import AppConfig


class PositionsConfig(AppConfig):
    name = "noivu.positions"
    label = "positions"
    verbose_name = "Vị trí việc làm"

    def ready(self) -> None:
        from noivu.positions import demo  # noqa: F401  (registers the demo step)
