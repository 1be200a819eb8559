from django.apps import AppConfig


class HelpdeskConfig(AppConfig):
    name = "noivu.helpdesk"
    label = "helpdesk"
    verbose_name = "Đường dây nóng, hỏi đáp, hướng dẫn nghiệp vụ"

    def ready(self) -> None:
        # Its dashboard cards and its part of the demo data set.
        from noivu.helpdesk import cards, demo  # noqa: F401
