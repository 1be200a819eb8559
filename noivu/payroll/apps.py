from django.apps import AppConfig


class PayrollConfig(AppConfig):
    name = "noivu.payroll"
    label = "payroll"
    verbose_name = "Lương, nâng bậc lương, phương án trả lương"

    def ready(self) -> None:
        # Salary steps and allowances on the person's record (personnel's dossier registry), the scenario
        # job (for the workers, which never load the URL configuration) and the demo step.
        from noivu.payroll import demo, dossier, jobs  # noqa: F401
