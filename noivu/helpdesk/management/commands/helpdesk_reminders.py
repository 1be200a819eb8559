import datetime as dt

from django.core.management.base import BaseCommand, CommandParser

from noivu.helpdesk.questions.reminders import send_reminders


class Command(BaseCommand):
    help = "Nhắc hạn trả lời các câu hỏi đường dây nóng sắp đến hạn hoặc quá hạn (chạy hằng ngày)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--date", type=dt.date.fromisoformat, metavar="YYYY-MM-DD", help="Ngày chạy (mặc định: hôm nay)."
        )

    def handle(self, *args: object, date: dt.date | None = None, **options: object) -> None:
        count = send_reminders(date)
        self.stdout.write(f"Đã nhắc hạn {count} câu hỏi.")
