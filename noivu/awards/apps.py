from django.apps import AppConfig


class AwardsConfig(AppConfig):
    name = "noivu.awards"
    label = "awards"
    verbose_name = "Thi đua, khen thưởng"

    def ready(self) -> None:
        # Register the record's parts, the discipline facts other apps read, the unit panel, the screening
        # job, the demo step and the statistical report of awards and discipline shown by reports.
        from noivu.awards import awards_report, demo, dossier, facts, jobs, panels  # noqa: F401
