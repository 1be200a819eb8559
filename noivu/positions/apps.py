from django.apps import AppConfig


class PositionsConfig(AppConfig):
    name = "noivu.positions"
    label = "positions"
    verbose_name = "Vị trí việc làm"
