from django.apps import AppConfig


class RecruitmentConfig(AppConfig):
    name = "noivu.recruitment"
    label = "recruitment"
    verbose_name = "Tuyển dụng, thu hút nhân tài"

    def ready(self) -> None:
        # Register the demo step and the part of a person's record.
        from noivu.recruitment import demo, dossier  # noqa: F401
