"""The Excel reports of the electronic dossier: the dossiers' quality (báo cáo chất lượng hồ sơ điện tử) with
the units and their marks, the persons lacking required fields and the data groups it counts; the findings
of the integrity check; the reconciliation with the national database."""

import datetime as dt
from collections.abc import Iterator
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from noivu.core.excel.writer import Column, Sheet, workbook_bytes
from noivu.edossier.engine import MARK_LABELS, MARKS, data_groups
from noivu.edossier.models import SyncStatus
from noivu.edossier.reconciliation import Drill, Report
from noivu.edossier.sync import KIND_LABELS


def quality_workbook(
    units: list[dict[str, Any]], persons: list[dict[str, Any]], totals: dict[str, Any], day: dt.date
) -> bytes:
    groups = data_groups()
    unit_columns = [
        Column(_("STT"), 6),
        Column(_("Đơn vị"), 45),
        Column(_("Số hồ sơ"), 10),
        Column(_("Mức đầy đủ bình quân (%)"), 14),
        *[Column(_("%(mark)s (%% hồ sơ)") % {"mark": MARK_LABELS[mark]}, 12) for mark in MARKS],
        Column(_("Số hồ sơ đủ"), 12),
    ]

    def unit_rows() -> Iterator[list[Any]]:
        for number, row in enumerate(units, 1):
            yield [
                number,
                row["unit_name"],
                row["persons"],
                row["score"],
                *[row[m] for m in MARKS],
                row["complete_persons"],
            ]
        yield []
        yield [
            None,
            _("Toàn phạm vi"),
            totals["persons"],
            totals["score"],
            *[totals["marks"][m] for m in MARKS],
            sum(row["complete_persons"] for row in units),
        ]
        yield [
            None,
            _("Tính đến ngày %(day)s theo 10 nhóm thông tin của Nghị định %(decree)s, bản %(version)s.")
            % {"day": day.strftime("%d/%m/%Y"), "decree": groups.decree, "version": groups.version},
        ]

    person_columns = [
        Column(_("STT"), 6),
        Column(_("Họ và tên"), 28),
        Column(_("Đơn vị"), 40),
        Column(_("Mức đầy đủ (%)"), 12),
        Column(_("Trường còn thiếu"), 80),
    ]

    def person_rows() -> Iterator[list[Any]]:
        for number, row in enumerate(persons, 1):
            fields = "; ".join(groups.field(code).name for code in row["missing"])
            yield [number, row["full_name"], row["unit_name"], row["score"], fields]

    group_columns = [
        Column(_("Nhóm"), 8),
        Column(_("Trường thông tin"), 50),
        Column(_("Bắt buộc"), 10),
        Column(_("Nơi lưu trong hồ sơ"), 36),
        Column(_("Mã trường (API)"), 24),
    ]

    def group_rows() -> Iterator[list[Any]]:
        for group in groups.groups:
            yield [group.number, group.name, None, None, None]
            for field in group.fields:
                yield [
                    None,
                    field.name,
                    _("Có") if field.required else _("Không"),
                    field.stored_in,
                    field.code,
                ]
        yield []
        yield [None, groups.source]

    return workbook_bytes(
        [
            Sheet(_("Theo đơn vị")[:31], unit_columns, unit_rows()),
            Sheet(_("Hồ sơ còn thiếu")[:31], person_columns, person_rows()),
            Sheet(_("10 nhóm thông tin")[:31], group_columns, group_rows()),
        ]
    )


def integrity_workbook(findings: list[dict[str, Any]]) -> bytes:
    """The findings of the integrity check (kết quả kiểm tra toàn vẹn), as :func:`integrity.described`
    gives them."""
    columns = [
        Column(_("STT"), 6),
        Column(_("Thời điểm phát hiện"), 18),
        Column(_("Họ và tên"), 28),
        Column(_("Đơn vị"), 40),
        Column(_("Loại phát hiện"), 28),
        Column(_("Bảng"), 30),
        Column(_("Bảng (tên kỹ thuật)"), 28),
        Column(_("Dòng"), 10),
        Column(_("Trường"), 24),
    ]

    def rows() -> Iterator[list[Any]]:
        for number, row in enumerate(findings, 1):
            yield [
                number,
                timezone.localtime(row["found_at"]).strftime("%d/%m/%Y %H:%M"),
                row["full_name"],
                row["organization"],
                row["kind_label"],
                row["table_label"],
                row["table"],
                row["row_id"],
                row["field_label"],
            ]

    return workbook_bytes([Sheet(_("Kiểm tra toàn vẹn")[:31], columns, rows())])


def _flag(differs: bool | None) -> str:
    if differs is None:
        return _("Không rõ")
    return _("Chênh lệch") if differs else _("Khớp")


def reconciliation_workbook(report: Report) -> bytes:
    """The reconciliation report (báo cáo đối soát): per unit, our events and dossiers against the
    receiver's, with their checksums and whether they differ."""
    columns = [
        Column(_("STT"), 6),
        Column(_("Mã đơn vị"), 14),
        Column(_("Đơn vị"), 40),
        Column(_("Sự kiện đã đưa vào hàng đợi"), 14),
        Column(_("Sự kiện đã được tiếp nhận (theo bên gửi)"), 16),
        Column(_("Sự kiện máy nhận xác nhận"), 14),
        Column(_("Tổng kiểm tra sự kiện (bên gửi)"), 34),
        Column(_("Tổng kiểm tra sự kiện (máy nhận)"), 34),
        Column(_("Sự kiện"), 12),
        Column(_("Hồ sơ đang quản lý"), 12),
        Column(_("Hồ sơ máy nhận xác nhận"), 14),
        Column(_("Tổng kiểm tra hồ sơ (bên gửi)"), 34),
        Column(_("Tổng kiểm tra hồ sơ (máy nhận)"), 34),
        Column(_("Hồ sơ"), 12),
    ]

    def rows() -> Iterator[list[Any]]:
        for number, row in enumerate(report.units, 1):
            yield [
                number,
                row["code"],
                row["name"],
                row["events"],
                row["events_delivered"],
                row["receiver_events"],
                row["events_checksum"],
                row["receiver_events_checksum"],
                _flag(row["events_differ"]),
                row["dossiers"],
                row["receiver_dossiers"],
                row["dossiers_checksum"],
                row["receiver_dossiers_checksum"],
                _flag(row["dossiers_differ"]),
            ]
        if report.receiver_error:
            yield []
            yield [None, None, report.receiver_error]

    return workbook_bytes([Sheet(_("Đối soát theo đơn vị")[:31], columns, rows())])


def reconciliation_unit_workbook(drill: Drill) -> bytes:
    """A unit's items that do not reconcile: the events and dossiers the receiver does not hold, and the
    keys and identifiers it holds that the unit does not."""
    statuses = dict(SyncStatus.choices)
    event_columns = [
        Column(_("STT"), 6),
        Column(_("Họ và tên"), 28),
        Column(_("Loại dữ liệu"), 22),
        Column(_("Thời điểm thay đổi"), 18),
        Column(_("Trạng thái"), 20),
        Column(_("Khóa sự kiện"), 38),
    ]

    def event_rows() -> Iterator[list[Any]]:
        for number, event in enumerate(drill.events, 1):
            yield [
                number,
                event.person.full_name,
                str(KIND_LABELS.get(event.kind, event.kind)),
                timezone.localtime(event.occurred_at).strftime("%d/%m/%Y %H:%M"),
                str(statuses.get(event.status, event.status)),
                str(event.key),
            ]

    person_columns = [Column(_("STT"), 6), Column(_("Họ và tên"), 28), Column(_("Số định danh cá nhân"), 16)]

    def person_rows() -> Iterator[list[Any]]:
        for number, person in enumerate(drill.persons, 1):
            yield [number, person.full_name, person.cccd_number or _("(chưa có)")]

    unknown_columns = [Column(_("Loại"), 24), Column(_("Khóa sự kiện hoặc số định danh"), 40)]

    def unknown_rows() -> Iterator[list[Any]]:
        for key in drill.unknown_keys:
            yield [_("Sự kiện"), key]
        for identifier in drill.unknown_identifiers:
            yield [_("Hồ sơ"), identifier]

    return workbook_bytes(
        [
            Sheet(_("Sự kiện chưa được xác nhận")[:31], event_columns, event_rows()),
            Sheet(_("Hồ sơ chưa được xác nhận")[:31], person_columns, person_rows()),
            Sheet(_("Máy nhận có, bên gửi không có")[:31], unknown_columns, unknown_rows()),
        ]
    )
