from django.apps import AppConfig


class ExchangeConfig(AppConfig):
    name = "noivu.exchange"
    label = "exchange"
    verbose_name = "Trao đổi dữ liệu giữa các hệ thống"

    def ready(self) -> None:
        # Register the import job, the menu entry and the demo step.
        from noivu.exchange import demo, jobs, menu  # noqa: F401
