from django.apps import AppConfig


class PayrollConfig(AppConfig):
    name = "noivu.payroll"
    label = "payroll"
    verbose_name = "Lương, nâng bậc lương, phương án trả lương"

    def ready(self) -> None:
        # Salary steps and allowances on the person's record (personnel's dossier registry).
        # The scenario job, registered for the workers, which never load the URL configuration.
        from noivu.payroll import (
            dossier,  # noqa: F401
            jobs,  # noqa: F401
        )
