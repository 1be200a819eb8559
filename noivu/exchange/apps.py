from django.apps import AppConfig


class ExchangeConfig(AppConfig):
    name = "noivu.exchange"
    label = "exchange"
    verbose_name = "Trao đổi dữ liệu giữa các hệ thống"

    def ready(self) -> None:
        # Register the import job and the menu entry.
        from noivu.exchange import jobs, menu  # noqa: F401
