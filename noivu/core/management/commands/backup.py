from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from noivu.core.backup import BackupError, Target, backup
from noivu.core.management.backup_report import describe


class Command(BaseCommand):
    help = (
        "Sao lưu cơ sở dữ liệu PostgreSQL và các tệp đã tải lên vào một thư mục mới, kèm bản kê số dòng "
        "và mẫu bản ghi để kiểm tra khi phục hồi. Xem docs/operations.md."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("destination", type=Path, help="thư mục mới chứa bản sao lưu")
        parser.add_argument("--jobs", type=int, default=2, help="số tiến trình pg_dump chạy song song")

    def handle(self, *args: Any, destination: str | Path, jobs: int, **options: Any) -> None:
        try:
            report = backup(
                Target.from_settings(connection.settings_dict),
                Path(settings.MEDIA_ROOT),
                Path(destination),
                jobs,
            )
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(describe("Đã sao lưu", report))
