from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from noivu.core.backup import BackupError, Target, restore
from noivu.core.management.backup_report import describe


class Command(BaseCommand):
    help = (
        "Phục hồi một bản sao lưu vào một cơ sở dữ liệu trống (mặc định: cơ sở dữ liệu đã cấu hình; --into: "
        "một cơ sở dữ liệu khác trên cùng máy chủ, để diễn tập) và các tệp vào một thư mục trống, rồi đối "
        "chiếu số dòng, mẫu bản ghi và tệp với bản kê. Xem docs/operations.md."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("source", type=Path, help="thư mục của bản sao lưu")
        parser.add_argument("--into", help="tên cơ sở dữ liệu đích trên cùng máy chủ (tạo mới nếu chưa có)")
        parser.add_argument("--media-root", type=Path, help="thư mục tệp đích (mặc định: MEDIA_ROOT)")
        parser.add_argument("--jobs", type=int, default=2, help="số tiến trình pg_restore chạy song song")

    def handle(
        self,
        *args: Any,
        source: str | Path,
        into: str | None,
        media_root: str | Path | None,
        jobs: int,
        **options: Any,
    ) -> None:
        try:
            target = Target.from_settings(connection.settings_dict)
            if into:
                target = target.other(into)
            report = restore(Path(source), target, Path(media_root or settings.MEDIA_ROOT), jobs)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(describe(f"Đã phục hồi vào {target.name}", report))
        if not report.matches:
            raise CommandError(
                f"bản phục hồi khác bản sao lưu ở {len(report.differences)} chỗ:\n"
                + "\n".join(report.differences)
            )
