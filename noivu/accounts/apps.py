from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "noivu.accounts"
    label = "accounts"
    verbose_name = "Người dùng và phân quyền"

    def ready(self) -> None:
        from noivu.accounts import signals  # noqa: F401  (connects the login audit receivers)
