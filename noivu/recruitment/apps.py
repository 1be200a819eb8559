from django.apps import AppConfig


class RecruitmentConfig(AppConfig):
    name = "noivu.recruitment"
    label = "recruitment"
    verbose_name = "Tuyển dụng, thu hút nhân tài"

    def ready(self) -> None:
        # Register the demo step, the part of a person's record and the background jobs (for the workers,
        # which never load the URL configuration).
        from noivu.recruitment import demo, dossier, jobs  # noqa: F401
