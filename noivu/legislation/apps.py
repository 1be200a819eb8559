from django.apps import AppConfig


class LegislationConfig(AppConfig):
    name = "noivu.legislation"
    label = "legislation"
    verbose_name = "Chương trình xây dựng văn bản quy phạm pháp luật"

    def ready(self) -> None:
        # Its dashboard card and its part of the demo data set.
        from noivu.legislation import cards, demo  # noqa: F401
