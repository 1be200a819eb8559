from django.apps import AppConfig


class OrganizationsConfig(AppConfig):
    name = "noivu.organizations"
    label = "organizations"
    verbose_name = "Cơ quan, tổ chức, đơn vị"
