"""The catalogue as a workbook (danh mục vị trí việc làm trên Excel): exported with one position a row,
edited in Excel and imported back. The columns carry every part of a position: its group and staff, the
job description (nhiệm vụ, sản phẩm, điều kiện), the competency framework (one "name: level" a line),
the minimum rank or professional title and the qualification.

Reading goes through the project's defensive reader (no formulas evaluated, no zip bombs); each cell is
turned into a value here, and the import action checks the rows as the form and the API check one
position, so that a refused file names the row, the column and the rule of every problem.
"""

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from noivu.core.excel.errors import ERROR_HEADER, Problem
from noivu.core.excel.errors import error_workbook as shared_error_workbook
from noivu.core.excel.reader import Limits, cell_name, read_table, require_headers
from noivu.core.excel.writer import TEXT, WRAPPED, Column, Sheet, workbook_bytes
from noivu.core.text import fold
from noivu.personnel.codelists import education_levels
from noivu.positions.actions import CatalogueRow
from noivu.positions.catalogue.rules import LEVELS, competencies_text, parse_competencies, rule_label
from noivu.positions.models import CatalogPosition, LeadershipRole, PositionGroup, StaffKind

MAX_ROWS = 5_000
YES = {"co", "x", "1", "true", "yes", "dung"}
NO = {"", "khong", "0", "false", "no", "sai"}


@dataclass(frozen=True)
class CatalogueColumn:
    field: str
    header: Any
    width: float
    required: bool = False
    comment: Any = ""


COLUMNS = (
    CatalogueColumn(
        "code", gettext_lazy("Mã vị trí"), 14, True, gettext_lazy("Mã không trùng, ví dụ CC.CM.01")
    ),
    CatalogueColumn("name", gettext_lazy("Tên vị trí việc làm"), 40, True),
    CatalogueColumn(
        "group",
        gettext_lazy("Nhóm"),
        30,
        True,
        gettext_lazy(
            "Lãnh đạo, quản lý; Chuyên môn, nghiệp vụ chuyên ngành; Chuyên môn dùng chung; Hỗ trợ, phục vụ"
        ),
    ),
    CatalogueColumn(
        "staff_kind", gettext_lazy("Đối tượng"), 14, True, gettext_lazy("Công chức hoặc Viên chức")
    ),
    CatalogueColumn(
        "level",
        gettext_lazy("Cấp áp dụng"),
        14,
        comment=gettext_lazy("Trung ương, Cấp tỉnh, Cấp xã hoặc Mọi cấp"),
    ),
    CatalogueColumn("leadership_role", gettext_lazy("Vị trí trong cơ cấu"), 30),
    CatalogueColumn("tasks", gettext_lazy("Nhiệm vụ"), 50),
    CatalogueColumn("products", gettext_lazy("Sản phẩm đầu ra"), 40),
    CatalogueColumn("conditions", gettext_lazy("Điều kiện làm việc"), 30),
    CatalogueColumn(
        "competencies",
        gettext_lazy("Khung năng lực"),
        40,
        comment=gettext_lazy("Mỗi dòng một năng lực: «tên năng lực: cấp độ» (cấp độ 1–5)"),
    ),
    CatalogueColumn(
        "min_rank_code",
        gettext_lazy("Ngạch, chức danh tối thiểu (mã)"),
        16,
        comment=gettext_lazy("Mã ngạch hoặc chức danh nghề nghiệp, ví dụ 01.003 hoặc V.07.03.28"),
    ),
    CatalogueColumn("min_qualification", gettext_lazy("Trình độ chuyên môn tối thiểu"), 20),
    CatalogueColumn(
        "required", gettext_lazy("Bắt buộc có trong đề án"), 12, comment=gettext_lazy("Có hoặc để trống")
    ),
    CatalogueColumn("active", gettext_lazy("Đang sử dụng"), 12, comment=gettext_lazy("Có hoặc Không")),
)


def _choice_labels() -> dict[str, dict[str, str]]:
    """For each field with a list, the value of every label and code, by folded text."""
    lists: dict[str, Iterable[tuple[str, Any]]] = {
        "group": PositionGroup.choices,
        "staff_kind": StaffKind.choices,
        "level": LEVELS,
        "leadership_role": LeadershipRole.choices,
        "min_qualification": [("", ""), *education_levels("professional").choices],
    }
    return {
        name: {key: value for value, label in choices for key in (fold(str(label)), fold(value))}
        for name, choices in lists.items()
    }


def _labels() -> dict[str, dict[str, str]]:
    return {
        "group": {str(v): str(label) for v, label in PositionGroup.choices},
        "staff_kind": {str(v): str(label) for v, label in StaffKind.choices},
        "level": {v: str(label) for v, label in LEVELS},
        "leadership_role": {str(v): str(label) if v else "" for v, label in LeadershipRole.choices},
        "min_qualification": dict(education_levels("professional").choices),
    }


def export_catalogue(positions: Iterable[CatalogPosition]) -> bytes:
    """The workbook of ``positions``, one a row, with labels a person reads rather than codes."""
    labels = _labels()
    yes = _("Có")

    def rows() -> Iterator[list[Any]]:
        for position in positions:
            line: list[Any] = []
            for column in COLUMNS:
                value = getattr(position, column.field)
                if column.field in labels:
                    value = labels[column.field].get(value, value)
                elif column.field == "competencies":
                    value = competencies_text(value)
                elif column.field in ("required", "active"):
                    value = yes if value else _("Không")
                line.append(value)
            yield line

    columns = [
        Column(
            str(column.header),
            column.width,
            style=WRAPPED if column.width >= 30 else TEXT,
            comment=str(column.comment),
        )
        for column in COLUMNS
    ]
    return workbook_bytes([Sheet(_("Danh mục vị trí việc làm")[:31], columns, rows())])


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_catalogue(content: bytes) -> list[CatalogueRow]:
    """The rows of an uploaded catalogue workbook, each cell turned into a value, with the problems of
    cells that cannot be (reported with the other checks by the import action). WorkbookError when the
    file as a whole is not a catalogue workbook."""
    by_header = {fold(str(column.header)): column for column in COLUMNS}

    check_headers = require_headers(
        (str(column.header) for column in COLUMNS if column.required),
        _("Tệp thiếu cột bắt buộc: %(columns)s. Hãy dùng tệp kết xuất từ danh mục."),
    )
    table = read_table(content, Limits(max_rows=MAX_ROWS), check_headers=check_headers)
    placed = [
        (index, by_header[fold(header)])
        for index, header in enumerate(table.headers)
        if fold(header) in by_header
    ]
    lists = _choice_labels()
    rows: list[CatalogueRow] = []
    for number, cells in zip(table.row_numbers, table.rows, strict=True):
        values: dict[str, Any] = {}
        problems: list[tuple[str, str, str]] = []
        code = ""
        for index, column in placed:
            text = _text(cells[index])
            where = cell_name(index, number)
            if column.field == "code":
                code = text
                if not text:
                    problems.append(
                        ("code", "required", _("Ô %(cell)s: chưa nhập mã vị trí.") % {"cell": where})
                    )
            elif column.required and not text:
                problems.append(
                    (column.field, "required", _("Ô %(cell)s: cột bắt buộc chưa nhập.") % {"cell": where})
                )
            elif column.field in lists:
                value = lists[column.field].get(fold(text))
                if value is None:
                    problems.append(
                        (
                            column.field,
                            "invalid_choice",
                            _("Ô %(cell)s: «%(value)s» không có trong danh mục (%(allowed)s).")
                            % {
                                "cell": where,
                                "value": text[:60],
                                "allowed": ", ".join(
                                    sorted({label for label in _labels()[column.field].values() if label})
                                )[:300],
                            },
                        )
                    )
                else:
                    values[column.field] = value
            elif column.field in ("required", "active"):
                key = fold(text)
                if key in YES or key in NO:
                    values[column.field] = key in YES if key else column.field == "active"
                else:
                    problems.append(
                        (
                            column.field,
                            "yes_no",
                            _("Ô %(cell)s: «%(value)s» phải là Có hoặc Không.")
                            % {"cell": where, "value": text[:30]},
                        )
                    )
            elif column.field == "competencies":
                try:
                    values["competencies"] = parse_competencies(text)
                except ValidationError as error:
                    problems.append(("competencies", "competency", f"{where}: {error.messages[0]}"))
            else:
                values[column.field] = text
        rows.append(CatalogueRow(row=number, code=code, values=values, problems=problems))
    return rows


def column_header(field: str) -> str:
    """The column a field is read from, for naming it in a problem."""
    for column in COLUMNS:
        if column.field == field:
            return str(column.header)
    return field


def error_workbook(content: bytes, problems: Sequence[tuple[int, str, str, str]]) -> bytes:
    """The error workbook (tệp báo lỗi) of a refused import, in the shared layout of
    ``noivu.core.excel.errors`` over the uploaded rows (a «Lỗi» column of an earlier error workbook
    left out). ``problems`` are the (row, field, rule code, message) of :class:`CatalogueImportRefused`."""
    table = read_table(content, Limits(max_rows=MAX_ROWS))
    kept = [index for index, header in enumerate(table.headers) if fold(header) != fold(ERROR_HEADER)]
    by_header = {fold(str(column.header)): column.field for column in COLUMNS}
    position = {
        by_header[fold(table.headers[i])]: n
        for n, i in enumerate(kept)
        if fold(table.headers[i]) in by_header
    }
    widths = {str(column.header): column.width for column in COLUMNS}
    columns = [Column(table.headers[index], widths.get(table.headers[index], 16)) for index in kept]
    rows = ([cells[index] for index in kept] for cells in table.rows)
    return shared_error_workbook(
        columns,
        table.row_numbers,
        rows,
        [
            Problem(row, column_header(name), position.get(name), rule_label(rule), message)
            for row, name, rule, message in problems
        ],
    )
