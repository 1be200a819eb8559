"""Excel exports of staffing (kết xuất Excel): headcount against quota, streamlining progress and cases,
written through the project's one workbook writer."""

import datetime as dt
from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from noivu.core.excel.writer import Column, Sheet, workbook_bytes
from noivu.staffing.benefits import regime_label
from noivu.staffing.headcount import HeadcountRow
from noivu.staffing.models import StreamliningCase


def _columns(specs: list[tuple[str, float]]) -> list[Column]:
    return [Column(header, width) for header, width in specs]


def headcount_workbook(rows: list[HeadcountRow], as_of: dt.date) -> bytes:
    columns = _columns(
        [
            (_("STT"), 6),
            (_("Mã đơn vị"), 14),
            (_("Đơn vị"), 45),
            (_("Loại biên chế"), 32),
            (_("Biên chế được giao"), 14),
            (_("Có mặt"), 12),
            (_("Còn thiếu"), 12),
            (_("Vượt"), 10),
        ]
    )

    def lines() -> Iterator[list[Any]]:
        for number, row in enumerate(rows, 1):
            yield [
                number,
                row.code,
                row.name,
                row.category_label,
                row.quota,
                row.assigned,
                row.vacant,
                row.over,
            ]

    name = _("Biên chế %(day)s") % {"day": f"{as_of:%d-%m-%Y}"}
    return workbook_bytes([Sheet(name[:31], columns, lines())])


def targets_workbook(rows: list[dict], as_of: dt.date) -> bytes:
    columns = _columns(
        [
            (_("STT"), 6),
            (_("Đơn vị"), 45),
            (_("Loại biên chế"), 32),
            (_("Giai đoạn"), 24),
            (_("Năm gốc"), 10),
            (_("Số biên chế năm gốc"), 14),
            (_("Tỷ lệ tối thiểu"), 12),
            (_("Chỉ tiêu (người)"), 12),
            (_("Đã thực hiện"), 12),
            (_("Dự kiến"), 12),
            (_("Có mặt hiện nay"), 14),
            (_("Căn cứ"), 30),
        ]
    )

    def lines() -> Iterator[list[Any]]:
        for number, row in enumerate(rows, 1):
            target = row["target"]
            yield [
                number,
                target.organization.name,
                target.get_category_display(),
                target.period_label(),
                target.baseline_year,
                target.baseline,
                f"{target.min_cut:.0%}",
                row["required"],
                row["achieved"],
                row["planned"],
                row["headcount"],
                target.legal_basis.citation if target.legal_basis else "",
            ]

    return workbook_bytes([Sheet(_("Tiến độ tinh giản"), columns, lines())])


def cases_workbook(cases: QuerySet[StreamliningCase]) -> bytes:
    columns = _columns(
        [
            (_("STT"), 6),
            (_("Họ và tên"), 28),
            (_("Đơn vị"), 40),
            (_("Lý do"), 36),
            (_("Chính sách"), 30),
            (_("Văn bản áp dụng"), 36),
            (_("Ngày nghỉ"), 12),
            (_("Tổng trợ cấp (đồng)"), 18),
            (_("Trạng thái"), 14),
            (_("Quyết định"), 24),
        ]
    )

    def lines() -> Iterator[list[Any]]:
        for number, case in enumerate(cases.iterator(chunk_size=2000), 1):
            yield [
                number,
                case.person.full_name,
                case.organization.name,
                case.get_ground_display(),
                case.get_policy_display(),
                regime_label(case.regime),
                case.leave_date,
                case.benefit_total,
                case.get_status_display(),
                case.decision_label,
            ]

    return workbook_bytes([Sheet(_("Hồ sơ tinh giản"), columns, lines())])
