import datetime as dt

from django.core.management.base import BaseCommand, CommandParser

from noivu.personnel.records.scheduled import apply_due_assignments


class Command(BaseCommand):
    help = (
        "Áp dụng các quyết định điều động đến ngày có hiệu lực: đơn vị, đối tượng của mỗi người theo quá "
        "trình công tác chính đang có hiệu lực (chạy hằng ngày sau 0 giờ, giờ Việt Nam)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--date",
            type=dt.date.fromisoformat,
            metavar="YYYY-MM-DD",
            help="Ngày áp dụng (mặc định: hôm nay).",
        )

    def handle(self, *args: object, date: dt.date | None = None, **options: object) -> None:
        moved = apply_due_assignments(date)
        self.stdout.write(f"Đã cập nhật đơn vị của {moved} người.")
