"""The periodic report as an Excel workbook (biểu số liệu báo cáo định kỳ), through the project's writer:
a summary sheet, then one sheet per table of the printed report."""

from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext as _

from noivu.core.excel.writer import HEADER, Cell, Column, Sheet, Style, workbook_bytes
from noivu.religion.periodic import notes
from noivu.religion.periodic.engine import Line, PeriodicReport

TOTAL = Style(bold=True, fill="F2F2F2")


def _total_row(label: str, values: Sequence[int]) -> list[Any]:
    return [Cell(label, TOTAL), *(Cell(value, TOTAL) for value in values)]


def _lines(lines: list[Line]) -> list[list[Any]]:
    return [[line.label, *line.values] for line in lines]


def report_workbook(report: PeriodicReport) -> bytes:
    period = report.period
    outlook = report.outlook
    summary: list[list[Any]] = [
        [_("Báo cáo tình hình tín ngưỡng, tôn giáo %(period)s") % {"period": period.label}, ""],
        [_("Đơn vị báo cáo"), report.issuer],
        [_("Từ ngày"), period.start],
        [_("Đến ngày"), period.end],
        [_("Số liệu lập ngày"), report.as_of],
        [_("Vụ việc phát sinh trong kỳ"), report.incidents_total],
        [_("Kỳ trước (%(period)s)") % {"period": period.previous.label}, report.incidents_previous],
        [_("Tăng (+), giảm (−) so với kỳ trước"), report.change],
        [_("Vụ việc mức cao trở lên"), report.incidents_serious],
        [_("Vụ việc chưa giải quyết xong"), report.incidents_unresolved],
        [_("Vụ việc báo cáo theo xã cũ (trước 01/07/2025)"), report.legacy_incidents],
    ]
    if outlook:
        summary += [
            [_("Dự báo vụ việc %(period)s") % {"period": outlook.period.label}, round(outlook.mean, 1)],
            [_("Khoảng dự báo 95 %"), f"{outlook.lower}–{outlook.upper}"],
        ]
    summary += [
        [_("Cảnh báo sớm tháng cuối kỳ"), len(report.warnings)],
        [_("Ghi chú"), str(notes.LAYOUT_BASIS)],
        ["", str(notes.UNVERIFIED)],
        ["", str(notes.LEGACY)],
        ["", str(notes.FORECAST)],
    ]
    wrapped = Style(wrap=True, top=True)
    sheets = [
        Sheet(
            _("Tổng hợp"), [Column(_("Chỉ tiêu"), 48, wrapped), Column(_("Số liệu"), 90, wrapped)], summary
        ),
        Sheet(
            _("Tổ chức, cơ sở"),
            [Column(_("Tôn giáo"), 30), *(Column(h, 16) for h in report.registry_headers)],
            [*_lines(report.registries), _total_row(_("Tổng cộng"), report.registry_totals)],
            header_style=HEADER,
        ),
        Sheet(
            _("Thủ tục hành chính"),
            [Column(_("Thủ tục"), 60, wrapped), *(Column(h, 14) for h in report.procedure_headers)],
            [*_lines(report.procedures), _total_row(_("Tổng cộng"), report.procedure_totals)],
        ),
        Sheet(
            _("Vụ việc theo lĩnh vực"),
            [Column(_("Lĩnh vực, mức độ"), 48), Column(_("Kỳ này"), 12), Column(_("Kỳ trước"), 12)],
            [
                *_lines(report.by_topic),
                _total_row(_("Cộng"), [report.incidents_total, report.incidents_previous]),
                *_lines(report.by_severity),
            ],
        ),
        Sheet(
            _("Vụ việc theo xã"),
            [
                Column(_("Tỉnh, thành phố"), 22),
                Column(_("Xã, phường"), 26),
                Column(_("Tổng"), 8),
                Column(_("Mức cao trở lên"), 10),
                Column(_("Chưa giải quyết"), 10),
                Column(_("Theo đơn vị cũ"), 10),
                Column(_("Xã cũ trước 01/07/2025"), 36, wrapped),
                *(Column(h, 14) for h in report.topic_headers),
            ],
            [
                [
                    line.province,
                    line.name,
                    line.total,
                    line.serious,
                    line.unresolved,
                    line.legacy_count,
                    ", ".join(line.legacy_units),
                    *line.topics,
                ]
                for line in report.communes
            ],
        ),
        Sheet(
            _("Cảnh báo sớm"),
            [
                Column(_("Địa bàn hoặc lĩnh vực"), 40),
                Column(_("Số vụ việc"), 12),
                Column(_("Dự báo"), 12),
                Column(_("Ngưỡng trên (95 %)"), 14),
            ],
            [
                [alert.area or alert.topic, alert.observed, round(alert.expected, 1), int(alert.upper)]
                for alert in report.warnings
            ],
        ),
    ]
    return workbook_bytes(sheets)
