from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from noivu.core.excel.writer import Column, Sheet, write_workbook
from noivu.organizations.models import Organization
from noivu.personnel.addresses.conversion import convert_person_addresses
from noivu.personnel.models import ConversionStatus, PersonAddress

HEADERS = [
    "Họ và tên",
    "Đơn vị",
    "Loại địa chỉ",
    "Địa chỉ cũ",
    "Tỉnh, thành phố mới",
    "Đơn vị mới có thể",
    "Mặc định",
]


class Command(BaseCommand):
    help = (
        "Chuyển đổi địa chỉ hồ sơ từ đơn vị hành chính trước 1/7/2025 sang đơn vị hiện hành "
        "và liệt kê các địa chỉ cần chọn đơn vị mới."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--organization", metavar="CODE", help="Chỉ hồ sơ thuộc đơn vị này và đơn vị trực thuộc."
        )
        parser.add_argument("--xlsx", metavar="FILE", type=Path, help="Ghi danh sách cần chọn ra tệp Excel.")

    def handle(
        self, *args: Any, organization: str | None = None, xlsx: Path | None = None, **options: Any
    ) -> None:
        addresses = PersonAddress.objects.unrestricted()
        if organization:
            org = Organization.objects.unrestricted().filter(code=organization).first()
            if org is None:
                raise CommandError(f"Không có đơn vị mã {organization}.")
            addresses = addresses.filter(person__organization__path__startswith=org.path)
        report = convert_person_addresses(addresses)
        self.stdout.write(f"Đã xử lý {report.total} địa chỉ (đọc mã từ văn bản: {report.read_from_text}).")
        for status in ConversionStatus:
            if report.counts[status]:
                self.stdout.write(f"  {status.label}: {report.counts[status]}")

        ambiguous = (
            addresses.filter(conversion_status=ConversionStatus.AMBIGUOUS)
            .select_related("person__organization")
            .order_by("person__organization__path", "person__full_name_folded", "kind")
        )
        rows = []
        for address in ambiguous.iterator(2000):
            candidates = address.conversion_candidates
            rows.append(
                [
                    address.person.full_name,
                    address.person.organization.name,
                    address.get_kind_display(),
                    address.legacy_text,
                    address.current_text,
                    "; ".join(c["name"] for c in candidates),
                    next((c["name"] for c in candidates if c["is_default"]), ""),
                ]
            )
        self.stdout.write(f"Cần chọn đơn vị mới: {len(rows)} địa chỉ.")
        for name, _org, kind, legacy, _province, candidates, default in rows:
            self.stdout.write(f"  {name} – {kind}: {legacy} → {candidates} (mặc định: {default})")
        if xlsx:
            with xlsx.open("wb") as output:
                write_workbook(output, [Sheet("Cần chọn đơn vị mới", [Column(h, 30) for h in HEADERS], rows)])
            self.stdout.write(f"Đã ghi {xlsx}.")
