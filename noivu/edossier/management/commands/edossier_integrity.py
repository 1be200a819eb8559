from django.core.management.base import BaseCommand

from noivu.edossier.integrity import run_check


class Command(BaseCommand):
    help = (
        "Kiểm tra toàn vẹn hồ sơ điện tử: tìm dữ liệu sửa ngoài nghiệp vụ và lịch sử bị sửa hoặc xóa; "
        "chạy định kỳ khi không dùng Celery beat."
    )

    def handle(self, *args: object, **options: object) -> None:
        counts = run_check()
        self.stdout.write(
            f"Đã kiểm tra {counts['tables']} bảng: {counts['rows']} trường sửa ngoài nghiệp vụ, "
            f"{counts['histories']} lịch sử bị sửa hoặc xóa."
        )
