from django.apps import AppConfig


class PersonnelConfig(AppConfig):
    name = "noivu.personnel"
    label = "personnel"
    verbose_name = "Hồ sơ cán bộ, công chức, viên chức"
