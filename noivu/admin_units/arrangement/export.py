"""The analysis as an Excel workbook (kết xuất bảng phân tích)."""

from typing import Any

from django.utils.translation import gettext as _

from noivu.admin_units.arrangement.analysis import ScopedAnalysis
from noivu.admin_units.arrangement.standards import Verdict
from noivu.core.excel.writer import Column, Sheet, workbook_bytes

_LABELS = {v: str(label) for v, label in Verdict.choices}


def analysis_workbook(result: ScopedAnalysis, presenter: Any) -> bytes:
    period = result.analysis.period
    columns = [
        Column(_("Mã"), 8),
        Column(_("Đơn vị"), 28),
        Column(_("Loại"), 10),
        Column(_("Đơn vị cấp trên"), 24),
        Column(_("Diện tích (km²)"), 12),
        Column(_("Tiêu chuẩn diện tích (km²)"), 12),
        Column(_("% tiêu chuẩn diện tích"), 10),
        Column(_("Dân số (người)"), 12),
        Column(_("Tiêu chuẩn dân số (người)"), 12),
        Column(_("% tiêu chuẩn dân số"), 10),
        Column(_("Kết luận"), 28),
        Column(_("Căn cứ không bắt buộc"), 24),
        Column(_("Căn cứ tiêu chuẩn"), 40),
        Column(_("Tiêu chí sắp xếp"), 40),
    ]
    criteria = f"{period.value['title']} — {period.legal_basis.citation}"
    rows = (
        [
            row["code"],
            row["name"],
            presenter.column("unit_type").raw(row),
            row["parent_name"],
            row["area_km2"],
            row["standard_area_km2"],
            row["area_pct"],
            row["population"],
            row["standard_population"],
            row["population_pct"],
            _LABELS.get(row["verdict"], row["verdict"]),
            presenter.column("grounds").raw(row),
            row["citation"],
            criteria,
        ]
        for row in result.rows
    )
    return workbook_bytes([Sheet(f"Phân tích {result.analysis.day:%d-%m-%Y}", columns, rows)])
