"""Excel export of a period's results (kết xuất kết quả xếp loại): one row per unit and group of similar
tasks, the counts per level as the sector's yearly report lays them out, and the cap."""

from collections.abc import Iterator
from typing import Any

from django.utils.translation import gettext as _

from noivu.core.excel.writer import Column, Sheet, workbook_bytes
from noivu.core.rules import RuleValue
from noivu.evaluation.engine import UnitResult
from noivu.evaluation.models import Level


def results_workbook(results: list[UnitResult], period: str, rule: RuleValue | None) -> bytes:
    columns = [
        Column(_("STT"), 6),
        Column(_("Đơn vị"), 45),
        Column(_("Nhóm nhiệm vụ tương đồng"), 24),
        Column(_("Tổng số được xếp loại"), 14),
        *[Column(str(label), 16) for _code, label in Level.choices],
        Column(_("Tỷ lệ hoàn thành xuất sắc / hoàn thành tốt (%)"), 18),
        Column(_("Tối đa được xếp hoàn thành xuất sắc"), 18),
        Column(_("Vượt tỷ lệ"), 10),
        Column(_("Chưa quyết định"), 12),
    ]

    def lines() -> Iterator[list[Any]]:
        for number, row in enumerate(results, 1):
            good = row.counts[Level.GOOD]
            share = round(row.counts[Level.EXCELLENT] * 100 / good, 1) if good else None
            yield [
                number,
                row.name,
                row.group,
                row.total,
                *[row.counts[code] for code in Level.values],
                share,
                row.allowed,
                _("Có") if row.exceeded else "",
                row.pending,
            ]
        if rule is not None:
            yield []
            yield [None, _("Căn cứ: %(citation)s") % {"citation": rule.legal_basis.citation}]

    name = _("Xếp loại %(period)s") % {"period": period}
    return workbook_bytes([Sheet(name.replace("/", "-")[:31], columns, lines())])
