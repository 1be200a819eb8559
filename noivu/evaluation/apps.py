from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "noivu.evaluation"
    label = "evaluation"
    verbose_name = "Đánh giá, xếp loại chất lượng; giao việc"

    def ready(self) -> None:
        # Register the record's parts, the consequences other apps read, the demo step, the calculator and
        # the statistical report of the yearly ratings shown by reports.
        from noivu.evaluation import consequences, demo, dossier, ratings_report  # noqa: F401
