from typing import Any

from django.core.management.base import BaseCommand

from noivu.core.jobs import fail_lost_jobs


class Command(BaseCommand):
    help = (
        "Đánh dấu lỗi các tác vụ nền đang chạy mà tiến trình xử lý đã ngừng (không còn báo nhịp); chạy mỗi "
        "phút từ cron khi không dùng Celery beat."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"Đã đánh dấu lỗi {fail_lost_jobs()} tác vụ bị dừng giữa chừng.")
