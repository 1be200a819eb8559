import time
from typing import Any

from django.core.management.base import BaseCommand

from noivu.admin_units.loader import load_admin_units


class Command(BaseCommand):
    help = (
        "Nạp danh mục đơn vị hành chính (trước và từ 1/7/2025) và bảng chuyển đổi; "
        "chạy lại không thay đổi gì."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        result = load_admin_units()
        for name, (created, updated, deleted) in result.counts.items():
            self.stdout.write(f"{name}: thêm {created}, sửa {updated}, xóa {deleted}")
        self.stdout.write(f"Xong trong {time.perf_counter() - started:.1f} giây.")
