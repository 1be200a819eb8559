"""The blank import template (tệp mẫu nhập hồ sơ): the header row, a sheet documenting each column,
and the code lists, with drop-down lists where a column takes a code."""

import io

import xlsxwriter
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from noivu.personnel import codelists
from noivu.personnel.excel.columns import COLUMNS, Kind
from noivu.personnel.excel.reader import limit
from noivu.personnel.models import Category, Gender

# Drop-down lists of Excel are read from the «Danh mục» sheet; a unit list longer than this is left
# to the «Đơn vị» sheet alone, as a drop-down that long is unusable.
MAX_UNITS_IN_DROPDOWN = 2_000


def code_lists() -> dict[Kind, list[str]]:
    """The accepted labels of each coded column, as the template and the documentation list them."""
    return {
        Kind.GENDER: [str(label) for label in Gender.labels],
        Kind.CATEGORY: [str(label) for label in Category.labels],
        Kind.ETHNIC_GROUP: [item.name for item in codelists.ethnic_groups().items],
        Kind.RELIGION: [item.name for item in codelists.religions().items],
    }


def template_workbook(units: QuerySet) -> bytes:
    """The template as .xlsx bytes; ``units`` are the organisations the user may import into."""
    output = io.BytesIO()
    book = xlsxwriter.Workbook(output, {"strings_to_formulas": False, "strings_to_urls": False})
    bold = book.add_format(
        {"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True, "valign": "top"}
    )
    text = book.add_format({"num_format": "@"})
    date = book.add_format({"num_format": "dd/mm/yyyy"})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})

    data = book.add_worksheet(_("Danh sách"))
    lists = book.add_worksheet(_("Danh mục"))
    guide = book.add_worksheet(_("Hướng dẫn"))
    unit_sheet = book.add_worksheet(_("Đơn vị"))
    last_row = limit("MAX_ROWS")

    list_columns: dict[Kind, str] = {}
    for index, (kind, labels) in enumerate(code_lists().items()):
        header = next(column.header for column in COLUMNS if column.kind == kind)
        lists.write_string(0, index, header, bold)
        lists.set_column(index, index, 28)
        for line, label in enumerate(labels, start=1):
            lists.write_string(line, index, label)
        letter = xlsxwriter.utility.xl_col_to_name(index)
        list_columns[kind] = f"='{lists.name}'!${letter}$2:${letter}${len(labels) + 1}"

    unit_rows = list(units.order_by("path").values_list("code", "name"))
    for index, (header, width) in enumerate(((_("Mã đơn vị"), 16), (_("Tên đơn vị"), 60))):
        unit_sheet.write_string(0, index, header, bold)
        unit_sheet.set_column(index, index, width)
    for line, (code, name) in enumerate(unit_rows, start=1):
        unit_sheet.write_string(line, 0, code)
        unit_sheet.write_string(line, 1, name)

    data.freeze_panes(1, 0)
    data.set_row(0, 32)
    for index, column in enumerate(COLUMNS):
        cell_format = date if column.kind == Kind.DATE else text if column.kind == Kind.CCCD else None
        data.set_column(index, index, column.width, cell_format)
        data.write_string(0, index, column.header, bold)
        if column.doc:
            data.write_comment(0, index, column.doc, {"x_scale": 2, "y_scale": 1.5})
        source = list_columns.get(column.kind)
        if column.kind == Kind.ORGANIZATION and 0 < len(unit_rows) <= MAX_UNITS_IN_DROPDOWN:
            source = f"='{unit_sheet.name}'!$A$2:$A${len(unit_rows) + 1}"
        if source:
            data.data_validation(
                1,
                index,
                last_row,
                index,
                {
                    "validate": "list",
                    "source": source,
                    "error_type": "warning",
                    "error_title": column.header,
                    "error_message": _("Giá trị không có trong danh mục."),
                },
            )

    for index, (header, width) in enumerate(
        ((_("Cột"), 30), (_("Bắt buộc"), 10), (_("Quy định"), 80), (_("Ví dụ"), 20))
    ):
        guide.write_string(0, index, header, bold)
        guide.set_column(index, index, width)
    for line, column in enumerate(COLUMNS, start=1):
        guide.write_string(line, 0, column.header, wrap)
        guide.write_string(line, 1, _("Có") if column.required else "", wrap)
        guide.write_string(line, 2, column.doc, wrap)
        guide.write_string(line, 3, column.example, wrap)
    guide.write_string(
        len(COLUMNS) + 2,
        0,
        _(
            "Tiêu đề ở dòng 1 của trang «Danh sách», mỗi hồ sơ một dòng, không gộp ô, không dùng công thức "
            "chưa tính. Ngày ghi dd/mm/yyyy. Tối đa %(max)s dòng mỗi tệp. Tệp chỉ được ghi khi mọi dòng đều "
            "hợp lệ."
        )
        % {"max": f"{last_row:,}"},
    )
    book.close()
    return output.getvalue()
