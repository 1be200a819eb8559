"""``manage.py exchange_import FILE --source CODE --user NAME [--csv]``: import a file of dossier format 1
(NDJSON, gzip-compressed or plain), or with ``--csv`` of the persons' CSV format, received from the
installation ``CODE``, on behalf of the national administrator ``NAME``; prints the counts per kind, or the
problems by line, field and rule (exit code 2, nothing written)."""

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from noivu.accounts.models import User
from noivu.exchange import csvformat, engine


class Command(BaseCommand):
    help = "Nhập tệp hồ sơ (định dạng hồ sơ 1) nhận từ hệ thống khác."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--source", required=True, help="mã hệ thống gửi (ví dụ mã tỉnh)")
        parser.add_argument("--user", required=True, help="tên đăng nhập của quản trị viên cấp quốc gia")
        parser.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
        parser.add_argument(
            "--csv", action="store_true", help="tệp CSV hồ sơ (phiên bản 1), không phải NDJSON"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["user"]).first()
        if user is None:
            raise CommandError(f"không có tài khoản {options['user']}")
        with options["file"].open("rb") as stream:
            if options["csv"]:
                outcome = csvformat.import_csv(stream, options["source"], user)
            else:
                outcome = engine.import_stream(stream, options["source"], user)
        if options["json"]:
            self.stdout.write(json.dumps(outcome.as_dict(), ensure_ascii=False, indent=1))
        else:
            for kind, counts in sorted(outcome.counts.items()):
                self.stdout.write(
                    f"{kind}: " + ", ".join(f"{name} {number}" for name, number in counts.items())
                )
            self.stdout.write(f"xung đột mới: {outcome.conflicts}")
            for problem in outcome.problems:
                self.stderr.write(f"dòng {problem.line}, {problem.field} ({problem.rule}): {problem.message}")
            for warning in outcome.warnings:
                self.stdout.write(f"cảnh báo dòng {warning.line}, {warning.field}: {warning.message}")
        if not outcome.ok:
            raise SystemExit(2)
