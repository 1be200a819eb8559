from django.core.management.base import BaseCommand, CommandParser

from noivu.helpdesk.knowledge.seed import VECTORS, load_seed, write_vectors


class Command(BaseCommand):
    help = "Nạp hoặc cập nhật bộ hỏi đáp mẫu của ngành nội vụ vào cơ sở tri thức (tính véc-tơ ngữ nghĩa)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--write-vectors",
            action="store_true",
            help="Tính lại véc-tơ của các bài có nội dung thay đổi và ghi tệp véc-tơ đi kèm bộ hỏi đáp.",
        )

    def handle(self, *args: object, **options: object) -> None:
        if options.get("write_vectors"):
            count = write_vectors()
            self.stdout.write(f"Đã ghi véc-tơ của {count} bài vào {VECTORS.name}.")
            return
        report = load_seed()
        self.stdout.write(
            f"Cơ sở tri thức: thêm {report.added}, cập nhật {report.updated}, "
            f"giữ nguyên {report.unchanged} bài."
        )
