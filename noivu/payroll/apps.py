from django.apps import AppConfig


class PayrollConfig(AppConfig):
    name = "noivu.payroll"
    label = "payroll"
    verbose_name = "Lương, nâng bậc lương, phương án trả lương"
