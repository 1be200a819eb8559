from django.apps import AppConfig


class ReligionConfig(AppConfig):
    name = "noivu.religion"
    label = "religion"
    verbose_name = "Quản lý nhà nước về tín ngưỡng, tôn giáo"

    def ready(self) -> None:
        # Its demo step (core discovers the calculator); the actions declare their
        # audit event types.
        from noivu.religion import demo  # noqa: F401
        from noivu.religion.incidents import actions as incident_actions  # noqa: F401
        from noivu.religion.procedures import actions as procedure_actions  # noqa: F401
        from noivu.religion.registries import actions as registry_actions  # noqa: F401
