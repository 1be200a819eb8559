from django.apps import AppConfig


class StaffingConfig(AppConfig):
    name = "noivu.staffing"
    label = "staffing"
    verbose_name = "Biên chế, tinh giản biên chế"

    def ready(self) -> None:
        # The cards, panel and demo step; the streamlining leaves other apps read as dated facts (core's
        # person_facts); the statistical report of quota use and streamlining shown by reports.
        from noivu.staffing import cards, demo, facts, quota_report  # noqa: F401
