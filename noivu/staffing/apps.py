from django.apps import AppConfig


class StaffingConfig(AppConfig):
    name = "noivu.staffing"
    label = "staffing"
    verbose_name = "Biên chế, tinh giản biên chế"

    def ready(self) -> None:
        from noivu.staffing import cards, demo  # noqa: F401  (register their cards, panel and demo step)
