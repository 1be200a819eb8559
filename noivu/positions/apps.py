from django.apps import AppConfig


class PositionsConfig(AppConfig):
    name = "noivu.positions"
    label = "positions"
    verbose_name = "Vị trí việc làm"

    def ready(self) -> None:
        # Register the demo step and the statistical report of position coverage shown by reports.
        from noivu.positions import coverage_report, demo  # noqa: F401
