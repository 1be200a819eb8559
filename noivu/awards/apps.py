from django.apps import AppConfig


class AwardsConfig(AppConfig):
    name = "noivu.awards"
    label = "awards"
    verbose_name = "Thi đua, khen thưởng"

    def ready(self) -> None:
        # Register the record's parts, the discipline facts other apps read, the unit panel, the screening
        # job and the demo step.
        from noivu.awards import demo, dossier, facts, jobs, panels  # noqa: F401
