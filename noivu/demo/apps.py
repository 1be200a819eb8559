from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "noivu.demo"
    label = "demo"
    verbose_name = "Dữ liệu mẫu"
