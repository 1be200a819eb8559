from django.apps import AppConfig


class AwardsConfig(AppConfig):
    name = "noivu.awards"
    label = "awards"
    verbose_name = "Thi đua, khen thưởng"
