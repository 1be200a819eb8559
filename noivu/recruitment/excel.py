"""The workbooks of a round. Scores (bảng điểm trên Excel): the exam board downloads a template listing
the round's candidates and the parts each sits, fills in the scores and uploads it back. Applications
(hồ sơ dự tuyển): the HR officer downloads the plan's empty template, lists the applications received on
paper and uploads it; each row goes through the candidate form and action of the plan's page.

Reading goes through the project's defensive reader (no formulas evaluated, no zip bombs); each row is
handed to the score import action, which checks it as it checks a pasted or an API row, so a refused
file names the row, the column and the rule of every problem, and the error workbook repeats the
uploaded rows with each problem marked.
"""

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from noivu.core.excel.errors import ERROR_HEADER, Problem, error_workbook
from noivu.core.excel.reader import Limits, column_letter, in_each_language, read_table, require_headers
from noivu.core.excel.writer import DATE, TEXT, Column, Sheet, workbook_bytes
from noivu.core.text import fold
from noivu.recruitment.actions import (
    CANDIDATE_RULES,
    SCORE_RULES,
    CandidateProblem,
    ScoreProblem,
    candidate_column,
    parts_of,
)
from noivu.recruitment.admission import admission_choices
from noivu.recruitment.forms import CandidateForm
from noivu.recruitment.models import (
    Candidate,
    CandidateStatus,
    Method,
    PlanPosition,
    RecruitmentPlan,
    ScorePart,
)
from noivu.recruitment.ranking import ground_labels

MAX_ROWS = 50_000
MAX_CANDIDATES = 5_000  # each row is checked and saved as one typed in: under a minute at the limit


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

    check_headers = require_headers(
        (str(column.header) for column in COLUMNS if column.required),
        _("Tệp thiếu cột bắt buộc: %(columns)s. Hãy dùng tệp mẫu bảng điểm của kỳ thi."),
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
    """The error workbook (tệp báo lỗi) of a refused score upload: the uploaded rows with each problem's
    cell marked, and the list of the problems."""
    return _error_workbook(
        content,
        {str(column.header): (column.field, column.width) for column in COLUMNS},
        [(p.row, p.field, _header(p.field), str(SCORE_RULES[p.rule]), p.message) for p in problems],
    )


def _error_workbook(
    content: bytes,
    columns: dict[str, tuple[str, float]],
    problems: Sequence[tuple[int, str, str, str, str]],
) -> bytes:
    """The error workbook in the shared layout of ``noivu.core.excel.errors``: the uploaded rows (a «Lỗi»
    column of an earlier error workbook left out) with each problem's cell marked, and the list of the
    problems. ``columns`` maps each known header to its field and width; each problem is (row, field,
    column header, rule label, message), the field "" for a problem of the whole row."""
    table = read_table(content, Limits(max_rows=MAX_ROWS))
    kept = [index for index, header in enumerate(table.headers) if fold(header) != fold(ERROR_HEADER)]
    by_header = {fold(header): field for header, (field, _width) in columns.items()}
    widths = {fold(header): width for header, (_field, width) in columns.items()}
    position = {
        by_header[fold(table.headers[i])]: n
        for n, i in enumerate(kept)
        if fold(table.headers[i]) in by_header
    }
    sheet_columns = [
        Column(table.headers[index], widths.get(fold(table.headers[index]), 16)) for index in kept
    ]
    rows = ([cells[index] for index in kept] for cells in table.rows)
    return error_workbook(
        sheet_columns,
        table.row_numbers,
        rows,
        [
            Problem(row, header, position.get(field) if field else None, rule, message)
            for row, field, header, rule, message in problems
        ],
    )


# Applications ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ApplicationColumn:
    """A column of the application workbook: a field of the candidate form, headed by the form's label."""

    field: str
    width: float
    required: bool = False
    comment: Any = ""


# The columns of the application workbook, in order: the fields of the candidate form an officer fills in
# on the plan's page, headed by its labels; each row goes through that form and the same action.
CANDIDATE_COLUMNS = (
    ApplicationColumn(
        "position", 14, True, gettext_lazy("Mã vị trí trong kế hoạch (trang «Danh mục»), ví dụ TD01")
    ),
    ApplicationColumn("full_name", 28, True),
    ApplicationColumn("birth_date", 12, True, gettext_lazy("Ngày dd/mm/yyyy")),
    ApplicationColumn("gender", 10, True, gettext_lazy("Nam hoặc Nữ")),
    ApplicationColumn(
        "cccd_number",
        16,
        True,
        gettext_lazy("12 chữ số, nhập dạng văn bản (định dạng ô Text) để giữ các số 0 ở đầu"),
    ),
    ApplicationColumn("email", 26, comment=gettext_lazy("Để gửi thông báo cho thí sinh; có thể để trống")),
    ApplicationColumn("phone", 14),
    ApplicationColumn("qualification", 18, True, gettext_lazy("Theo danh mục, ví dụ Đại học, Thạc sĩ")),
    ApplicationColumn("field_of_study", 24),
    ApplicationColumn(
        "documents",
        34,
        comment=gettext_lazy("Tên giấy tờ theo danh mục, nhiều giấy tờ cách nhau bởi dấu chấm phẩy (;)"),
    ),
    ApplicationColumn(
        "priority_grounds",
        34,
        comment=gettext_lazy("Tên đối tượng ưu tiên theo danh mục, cách nhau bởi dấu chấm phẩy (;)"),
    ),
    ApplicationColumn(
        "exemptions", 30, comment=gettext_lazy("Diện miễn thi theo danh mục, cách nhau bởi dấu chấm phẩy (;)")
    ),
    ApplicationColumn(
        "second_position",
        14,
        comment=gettext_lazy(
            "Mã vị trí nguyện vọng 2 (nếu có, khi quy định cho phép): vị trí khác cùng tiêu chuẩn "
            "và hình thức thi"
        ),
    ),
)
# Receiving without an exam (tiếp nhận): the group of the decree in force and the facts its vetting needs,
# the same fields as the plan's form; a plan of that method has them instead of the exam's columns.
ADMISSION_COLUMNS = (
    ApplicationColumn(
        "admission_group",
        40,
        True,
        gettext_lazy("Tên đối tượng tiếp nhận theo danh mục (trang «Danh mục») của quy định có hiệu lực"),
    ),
    ApplicationColumn(
        "work_months",
        14,
        comment=gettext_lazy(
            "Số tháng công tác phù hợp, có đóng bảo hiểm xã hội bắt buộc (số nguyên, ví dụ 60); "
            "để trống khi đối tượng không cần"
        ),
    ),
    ApplicationColumn(
        "admission_conditions",
        40,
        comment=gettext_lazy(
            "Điều kiện tiếp nhận đã đáp ứng theo giấy tờ, tên theo danh mục, cách nhau bởi dấu chấm phẩy (;)"
        ),
    ),
)
EXAM_ONLY = ("priority_grounds", "exemptions", "second_position")
LIST_FIELDS = ("documents", "priority_grounds", "exemptions", "admission_conditions")
CODED_FIELDS = ("gender", "qualification", "admission_group")
TEMPLATE_ROWS = 2_000  # how far down the template's drop-down lists reach


def application_columns(plan: RecruitmentPlan) -> tuple[ApplicationColumn, ...]:
    """The columns of the plan's application workbook: the admission columns for a plan receiving without
    an exam, the exam's otherwise."""
    if plan.method == Method.ADMISSION:
        return (*(c for c in CANDIDATE_COLUMNS if c.field not in EXAM_ONLY), *ADMISSION_COLUMNS)
    return CANDIDATE_COLUMNS


def _candidate_choices(plan: RecruitmentPlan) -> dict[str, list[tuple[str, str]]]:
    """The codes and labels each coded column of the plan's application workbook accepts."""
    form = CandidateForm(
        positions=PlanPosition.objects.unrestricted().filter(plan=plan),  # the caller read the plan
        grounds=ground_labels(plan.staff_kind, plan.exam_date),
        admission=admission_choices(plan),
    )
    choices = {
        field: [
            (str(code), str(label))
            for code, label in form.fields[field].choices  # type: ignore[attr-defined]
            if code != ""
        ]
        for field in (*CODED_FIELDS, *LIST_FIELDS)
        if field in form.fields
    }
    choices["position"] = [
        (position.code, position.name)
        for position in PlanPosition.objects.unrestricted().filter(plan=plan).order_by("code")
    ]
    return choices


def candidate_template(plan: RecruitmentPlan) -> bytes:
    """The empty application workbook of a plan (tệp mẫu nhận hồ sơ): the form's fields as Vietnamese
    headers documented by their comments, drop-down lists of the plan's positions, the genders, the
    qualifications (and the admission groups of a plan receiving without an exam), and a «Danh mục» sheet
    listing every accepted value."""
    lists_name = _("Danh mục")
    choices = _candidate_choices(plan)
    fields = [column.field for column in application_columns(plan)]
    listed = [
        f for f in ("position", "gender", "qualification", *LIST_FIELDS, "admission_group") if f in fields
    ]
    sources = {
        field: f"'{lists_name}'!${column_letter(index)}$2:${column_letter(index)}${len(choices[field]) + 1}"
        for index, field in enumerate(listed)
        if choices[field]
    }
    dropdowns = ("position", "gender", "qualification", "admission_group")
    error = _("Giá trị không có trong danh mục.")
    columns = [
        Column(
            candidate_column(column.field),
            column.width,
            DATE if column.field == "birth_date" else TEXT,
            comment=str(column.comment),
            choices=sources.get("position" if column.field == "second_position" else column.field, "")
            if column.field in (*dropdowns, "second_position")
            else "",
            choices_error=error,
        )
        for column in application_columns(plan)
    ]
    labels = {
        field: [code if field == "position" else label for code, label in choices[field]] for field in listed
    }
    depth = max(len(values) for values in labels.values())
    list_rows = (
        [
            *(labels[field][line] if line < len(labels[field]) else None for field in listed),
            choices["position"][line][1] if line < len(choices["position"]) else None,
        ]
        for line in range(depth)
    )
    wide = (*LIST_FIELDS, "admission_group")
    list_columns = [
        *(Column(candidate_column(field), 34 if field in wide else 20) for field in listed),
        Column(_("Tên vị trí"), 40),
    ]
    return workbook_bytes(
        [
            Sheet(_("Hồ sơ dự tuyển"), columns, header_height=32, validation_rows=TEMPLATE_ROWS),
            Sheet(lists_name, list_columns, list_rows),
        ]
    )


def read_candidates(plan: RecruitmentPlan, content: bytes) -> list[dict[str, Any]]:
    """The rows of an uploaded application workbook as the import action takes them: the candidate form's
    fields, a coded value given by its label or its code turned into its code (the lists split at «;»),
    anything else left as typed for the form to refuse. Headers and labels are read in either language
    of the interface. WorkbookError when the file as a whole is not an application workbook."""
    known = application_columns(plan)
    every = (*CANDIDATE_COLUMNS, *ADMISSION_COLUMNS)
    headers = {
        fold(name): column
        for names in in_each_language(lambda: [candidate_column(column.field) for column in every])
        for name, column in zip(names, every, strict=True)
    }
    required = [column for column in known if column.required]
    named = in_each_language(lambda: [candidate_column(column.field) for column in required])
    check_headers = require_headers(
        zip(*named, strict=True),
        _("Tệp thiếu cột bắt buộc: %(columns)s. Hãy dùng tệp mẫu nhận hồ sơ của kế hoạch."),
    )
    table = read_table(content, Limits(max_rows=MAX_CANDIDATES), check_headers=check_headers)
    placed = {
        headers[fold(header)].field: index
        for index, header in enumerate(table.headers)
        if fold(header) in headers
    }
    codes: dict[str, dict[str, str]] = {}
    for choices in reversed(in_each_language(lambda: _candidate_choices(plan))):
        for field, pairs in choices.items():
            codes.setdefault(field, {}).update(
                {key: code for code, label in pairs for key in (fold(label), fold(code))}
            )
    rows = []
    for number, cells in zip(table.row_numbers, table.rows, strict=True):
        row: dict[str, Any] = {"row": number}
        for field, index in placed.items():
            value = cells[index]
            if field == "birth_date" and isinstance(value, dt.date):
                row[field] = value.date() if isinstance(value, dt.datetime) else value
            elif field in LIST_FIELDS:
                items = [item.strip() for item in _text(value).replace("\n", ";").split(";")]
                row[field] = [codes.get(field, {}).get(fold(item), item) for item in items if item]
            elif field in CODED_FIELDS:
                row[field] = codes.get(field, {}).get(fold(_text(value)), _text(value))
            else:
                row[field] = _text(value)
        rows.append(row)
    return rows


def candidate_error_workbook(content: bytes, problems: Sequence[CandidateProblem]) -> bytes:
    """The error workbook of a refused application upload: the uploaded rows with each problem's cell
    marked, and the list of the problems; fixed, it can be uploaded again as it is."""
    return _error_workbook(
        content,
        {
            candidate_column(column.field): (column.field, column.width)
            for column in (*CANDIDATE_COLUMNS, *ADMISSION_COLUMNS)
        },
        [
            (p.row, p.field, candidate_column(p.field), str(CANDIDATE_RULES[p.rule]), p.message)
            for p in problems
        ],
    )
