from django.apps import AppConfig


class WorkforceConfig(AppConfig):
    name = "noivu.workforce"
    label = "workforce"
    verbose_name = "Dự báo nguồn nhân lực"
