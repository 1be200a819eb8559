from django.core.management.base import BaseCommand

from noivu.edossier.sync import deliver


class Command(BaseCommand):
    help = (
        "Gửi các sự kiện đồng bộ đến hạn tới cơ sở dữ liệu quốc gia (EDOSSIER_SYNC_ENDPOINT); "
        "chạy định kỳ khi không dùng Celery beat."
    )

    def handle(self, *args: object, **options: object) -> None:
        counts = deliver()
        self.stdout.write(
            f"Đã gửi {counts['batches']} lô: {counts['acknowledged']} sự kiện được tiếp nhận, "
            f"{counts['rejected']} sẽ gửi lại, {counts['dead']} chuyển vào danh sách không gửi được."
        )
