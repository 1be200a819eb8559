"""Scores as a workbook (bảng điểm trên Excel): the exam board downloads a template listing the round's
candidates and the parts each sits, fills in the scores and uploads it back.

Reading goes through the project's defensive reader (no formulas evaluated, no zip bombs); each row is
handed to the score import action, which checks it as it checks a pasted or an API row, so a refused
file names the row, the column and the rule of every problem, and the error workbook repeats the
uploaded rows with each problem marked.
"""

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from noivu.core.excel.errors import ERROR_HEADER, Problem, error_workbook
from noivu.core.excel.reader import Limits, WorkbookError, read_table
from noivu.core.excel.writer import TEXT, Column, Sheet, workbook_bytes
from noivu.core.text import fold
from noivu.recruitment.actions import SCORE_RULES, ScoreProblem, parts_of
from noivu.recruitment.models import Candidate, CandidateStatus, RecruitmentPlan, ScorePart

MAX_ROWS = 50_000


@dataclass(frozen=True)
class ScoreColumn:
    field: str
    header: Any
    width: float
    required: bool = False
    comment: Any = ""


COLUMNS = (
    ScoreColumn("number", gettext_lazy("Số báo danh"), 14, True),
    ScoreColumn("full_name", gettext_lazy("Họ và tên"), 30, comment=gettext_lazy("Để đối chiếu; không nhập")),
    ScoreColumn("position", gettext_lazy("Vị trí"), 12, comment=gettext_lazy("Để đối chiếu; không nhập")),
    ScoreColumn(
        "part",
        gettext_lazy("Phần thi"),
        34,
        True,
        gettext_lazy("Tên phần thi như trong mẫu, hoặc mã: general, professional, written, interview"),
    ),
    ScoreColumn(
        "value", gettext_lazy("Điểm"), 10, True, gettext_lazy("Thang điểm 100, tối đa 2 chữ số thập phân")
    ),
)


def _header(field: str) -> str:
    for column in COLUMNS:
        if column.field == field:
            return str(column.header)
    return field


def score_template(plan: RecruitmentPlan) -> bytes:
    """The workbook of the plan's seated eligible candidates, one row per part each sits, the score
    empty."""
    candidates = (
        Candidate.objects.unrestricted()  # the caller read the plan through restrict()
        .filter(plan=plan, status=CandidateStatus.ELIGIBLE)
        .exclude(number="")
        .select_related("position")
        .order_by("number", "pk")
    )

    def rows() -> Iterator[list[Any]]:
        for candidate in candidates:
            for part in parts_of(candidate.position, plan.method):
                yield [
                    candidate.number,
                    candidate.full_name,
                    candidate.position.code,
                    str(ScorePart(part).label),
                    "",
                ]

    columns = [
        Column(str(column.header), column.width, style=TEXT, comment=str(column.comment))
        for column in COLUMNS
    ]
    return workbook_bytes([Sheet(_("Bảng điểm")[:31], columns, rows())])


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _parts() -> dict[str, str]:
    return {key: code for code, label in ScorePart.choices for key in (fold(str(label)), fold(code))}


def read_scores(content: bytes) -> list[dict[str, Any]]:
    """The rows of an uploaded score workbook as the import action takes them (``row``, ``number``,
    ``part``, ``value``); a part's name is turned into its code. WorkbookError when the file as a whole is
    not a score workbook."""
    by_header = {fold(str(column.header)): column for column in COLUMNS}

    def check_headers(headers: list[str]) -> None:
        present = {fold(header) for header in headers}
        missing = [str(c.header) for c in COLUMNS if c.required and fold(str(c.header)) not in present]
        if missing:
            raise WorkbookError(
                [
                    _("Tệp thiếu cột bắt buộc: %(columns)s. Hãy dùng tệp mẫu bảng điểm của kỳ thi.")
                    % {"columns": ", ".join(missing)}
                ]
            )

    table = read_table(content, Limits(max_rows=MAX_ROWS), check_headers=check_headers)
    placed = {
        by_header[fold(header)].field: index
        for index, header in enumerate(table.headers)
        if fold(header) in by_header
    }
    parts = _parts()
    rows = []
    for number, cells in zip(table.row_numbers, table.rows, strict=True):
        part = _text(cells[placed["part"]])
        rows.append(
            {
                "row": number,
                "number": _text(cells[placed["number"]]),
                "part": parts.get(fold(part), part),
                "value": _text(cells[placed["value"]]),
            }
        )
    return rows


def score_error_workbook(content: bytes, problems: Sequence[ScoreProblem]) -> bytes:
    """The error workbook (tệp báo lỗi) of a refused score upload, in the shared layout of
    ``noivu.core.excel.errors``: the uploaded rows (a «Lỗi» column of an earlier error workbook left out)
    with each problem's cell marked, and the list of the problems."""
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
    return error_workbook(
        columns,
        table.row_numbers,
        rows,
        [
            Problem(p.row, _header(p.field), position.get(p.field), str(SCORE_RULES[p.rule]), p.message)
            for p in problems
        ],
    )
