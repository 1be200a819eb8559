from django.apps import AppConfig


class AdminUnitsConfig(AppConfig):
    name = "noivu.admin_units"
    label = "admin_units"
    verbose_name = "Đơn vị hành chính"
