import json
import sys
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from noivu.core import calculation as calculators


class Command(BaseCommand):
    help = (
        "Chạy một bộ tính theo quy định: calc NAME --json FILE (FILE '-' là đầu vào chuẩn). Xem docs/calc.md."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("name", nargs="?", help="tên bộ tính; bỏ trống để liệt kê")
        parser.add_argument(
            "--json", dest="path", help="tệp JSON của hồ sơ tính, hoặc - để đọc đầu vào chuẩn"
        )

    def handle(self, *args: Any, name: str | None, path: str | None, **options: Any) -> None:
        if not name:
            for registered in calculators.registry().values():
                self.stdout.write(f"{registered.name}\t{registered.description}")
            return
        if name not in calculators.registry():
            raise CommandError(f"không có bộ tính '{name}'; có: {', '.join(calculators.registry())}")
        if not path:
            raise CommandError("thiếu --json FILE")
        text = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
        try:
            case = json.loads(text)
        except json.JSONDecodeError as error:
            self._fail({"field": "$", "message": f"JSON không hợp lệ: {error}"})
        except RecursionError:
            self._fail({"field": "$", "message": "JSON lồng nhau quá sâu"})
        try:
            # The calculators answer in Vietnamese (docs/calc.md), whatever language was active before.
            with translation.override(settings.LANGUAGE_CODE):
                output = calculators.run(name, case)
        except calculators.CaseError as error:
            self._fail({"field": error.field, "message": error.message})
        self.stdout.write(json.dumps(output, ensure_ascii=False, indent=2))

    def _fail(self, error: dict) -> None:
        self.stdout.write(json.dumps({"error": error}, ensure_ascii=False, indent=2))
        raise SystemExit(2)
