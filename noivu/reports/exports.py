"""The workbook of a statistical report: the table as the form lays it out (a row per unit and the total,
a column per figure headed by its group), then a sheet naming the form, its legal basis, the scope and the
day, and whether the layout was checked against the official form."""

from django.utils.translation import gettext as _

from noivu.core.excel.writer import HEADER, WRAPPED, Cell, Column, Sheet, Style
from noivu.reports.tables import Row, Table

TOTAL = Style(bold=True, border=True)


def unverified_footer() -> str:
    return _(
        "Bố cục biểu này chưa đối chiếu được với biểu mẫu chính thức; cần kiểm tra trước khi gửi báo cáo."
    )


def _row(row: Row, style: Style | None = None) -> list[object]:
    name = row.name if not row.own else _("%(name)s (trực tiếp)") % {"name": row.name}
    values: list[object] = [row.code, name, *row.values]
    return [Cell(value, style) for value in values] if style else values


def sheets(table: Table) -> list[Sheet]:
    report = table.report
    columns = [Column(_("Mã đơn vị"), 12), Column(_("Đơn vị"), 40)]
    columns += [
        Column(f"{figure.group}: {figure.label}" if figure.group else str(figure.label), 12)
        for figure in report.figures
    ]
    rows = [_row(row) for row in table.rows] + [_row(table.total, TOTAL)]
    form = report.form
    about = [
        (_("Báo cáo"), str(report.title)),
        (_("Biểu mẫu"), f"{form.code}: {form.title}"),
        (_("Căn cứ"), form.basis),
        (_("Phạm vi"), table.scope.name),
        (_("Tính đến ngày"), table.as_of.strftime("%d/%m/%Y")),
        (_("Đối chiếu biểu mẫu"), _("Đã đối chiếu") if form.verified else unverified_footer()),
    ]
    if form.note:
        about.append((_("Ghi chú"), form.note))
    return [
        Sheet(_("Báo cáo"), columns, rows, header_style=HEADER, header_height=60),
        Sheet(_("Thông tin"), [Column(_("Mục"), 24), Column(_("Nội dung"), 100, WRAPPED)], about),
    ]
