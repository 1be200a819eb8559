from django.apps import AppConfig


class SuccessionConfig(AppConfig):
    name = "noivu.succession"
    label = "succession"
    verbose_name = "Quy hoạch, đào tạo bồi dưỡng, kèm cặp"

    def ready(self) -> None:
        # Register the record's part (the training courses), the demo step and the calculator.
        from noivu.succession import calculators, demo, dossier  # noqa: F401
