"""The blank import template (tệp mẫu nhập hồ sơ): the header row, a sheet documenting each column,
and the code lists, with drop-down lists where a column takes a code."""

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from noivu.core.excel.writer import DATE, PLAIN, TEXT, WRAPPED, Column, Sheet, workbook_bytes
from noivu.personnel import codelists
from noivu.personnel.excel.columns import COLUMNS, Kind
from noivu.personnel.excel.reader import column_letter, limit
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
    lists_name, units_name = _("Danh mục"), _("Đơn vị")
    lists = code_lists()
    list_sources: dict[Kind, str] = {}
    list_columns = []
    for index, (kind, labels) in enumerate(lists.items()):
        letter = column_letter(index)
        list_sources[kind] = f"'{lists_name}'!${letter}$2:${letter}${len(labels) + 1}"
        list_columns.append(Column(next(column.header for column in COLUMNS if column.kind == kind), 28))
    depth = max(len(labels) for labels in lists.values())
    list_rows = [
        [labels[line] if line < len(labels) else None for labels in lists.values()] for line in range(depth)
    ]

    unit_rows = [list(row) for row in units.order_by("path").values_list("code", "name")]
    choices_error = _("Giá trị không có trong danh mục.")
    data_columns = []
    for column in COLUMNS:
        source = list_sources.get(column.kind, "")
        if column.kind == Kind.ORGANIZATION and 0 < len(unit_rows) <= MAX_UNITS_IN_DROPDOWN:
            source = f"'{units_name}'!$A$2:$A${len(unit_rows) + 1}"
        data_columns.append(
            Column(
                column.header,
                column.width,
                DATE if column.kind == Kind.DATE else TEXT if column.kind == Kind.CCCD else PLAIN,
                comment=str(column.doc),
                choices=source,
                choices_error=choices_error,
            )
        )
    last_row = limit("MAX_ROWS")
    guide_columns = [
        Column(header, width, WRAPPED)
        for header, width in ((_("Cột"), 30), (_("Bắt buộc"), 10), (_("Quy định"), 80), (_("Ví dụ"), 20))
    ]
    guide_rows = [
        [column.header, _("Có") if column.required else "", str(column.doc), column.example]
        for column in COLUMNS
    ]
    footnote = _(
        "Tiêu đề ở dòng 1 của trang «Danh sách», mỗi hồ sơ một dòng, không gộp ô, không dùng công thức "
        "chưa tính. Ngày ghi dd/mm/yyyy. Tối đa %(max)s dòng mỗi tệp. Tệp chỉ được ghi khi mọi dòng đều "
        "hợp lệ."
    )
    guide_rows.append([footnote % {"max": f"{last_row:,}"}])
    return workbook_bytes(
        [
            Sheet(_("Danh sách"), data_columns, header_height=32, validation_rows=last_row),
            Sheet(lists_name, list_columns, list_rows),
            Sheet(
                _("Hướng dẫn"),
                guide_columns,
                guide_rows,
                row_numbers=[*range(2, len(COLUMNS) + 2), len(COLUMNS) + 3],
            ),
            Sheet(units_name, [Column(_("Mã đơn vị"), 16), Column(_("Tên đơn vị"), 60)], unit_rows),
        ]
    )
