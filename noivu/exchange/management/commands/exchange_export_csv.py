"""``manage.py exchange_export_csv FILE [--unit CODE]``: write the cadres, civil servants and public employees
of a unit's subtree (the whole country without ``--unit``) in the persons' CSV format, version 1
(``docs/exchange.md``)."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from noivu.edossier.initial_export import dossier_persons
from noivu.exchange import csvformat
from noivu.organizations.models import Organization


class Command(BaseCommand):
    help = "Kết xuất hồ sơ theo định dạng CSV (phiên bản 1)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--unit", default="", help="mã đơn vị (trống: toàn quốc)")

    def handle(self, *args: Any, **options: Any) -> None:
        path = ""
        if options["unit"]:
            unit = Organization.objects.unrestricted().filter(code=options["unit"]).first()
            if unit is None:
                raise CommandError(f"không có đơn vị mã {options['unit']}")
            path = unit.path
        with options["file"].open("w", encoding="utf-8", newline="") as out:
            count = csvformat.write_csv(dossier_persons(path), out)
        self.stdout.write(f"{count} hồ sơ")
