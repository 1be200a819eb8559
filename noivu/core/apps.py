import sys
from typing import Any, TextIO

from django.apps import AppConfig
from django.core.signals import request_finished
from django.db.models.signals import post_migrate
from django.utils.module_loading import autodiscover_modules

from noivu.core import request_id


class CoreConfig(AppConfig):
    name = "noivu.core"
    label = "core"
    verbose_name = "Dùng chung"

    def ready(self) -> None:
        autodiscover_modules("calculators")
        # The main menu: core's groups, then every app's entries.
        autodiscover_modules("menu")
        post_migrate.connect(_load_rule_tables, sender=self)
        request_finished.connect(request_id.forget, dispatch_uid="noivu.core.request_id")


def _load_rule_tables(stdout: TextIO | None = None, **kwargs: Any) -> None:
    from noivu.core.rules import load_rule_files

    report = load_rule_files()
    out = stdout or sys.stdout
    if report.updated:
        out.write(f"Bảng quy định: đã cập nhật {report.updated} dòng theo tệp quy định.\n")
    for drift in report.drifts:
        out.write(f"CẢNH BÁO bảng quy định: {drift}\n")
