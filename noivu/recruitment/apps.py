from django.apps import AppConfig


class RecruitmentConfig(AppConfig):
    name = "noivu.recruitment"
    label = "recruitment"
    verbose_name = "Tuyển dụng, thu hút nhân tài"

    def ready(self) -> None:
        # Register the demo step.
        from noivu.recruitment import demo  # noqa: F401
