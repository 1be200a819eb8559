"""The project document as a Word file (văn bản đề án vị trí việc làm, .docx), written with python-docx in
the structure the PDF follows: the header of an administrative document (the agency, the national motto),
then the parts a job-position project holds under Nghị định 106/2020/NĐ-CP Điều 7 — necessity and legal
basis; each position with its job description, competency framework and rank; the summary of positions and
rank structure; the checks and recommendations — so that the agency can finish and sign it in Word."""

import io
from typing import Any

from django.utils.translation import gettext as _
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt
from docx.table import Table

FONT = "Times New Roman"


def _cells(table: Table, row: int, values: list[Any], bold: bool = False) -> None:
    for column, value in enumerate(values):
        cell = table.cell(row, column)
        cell.text = "" if value is None else str(value)
        if bold:
            for run in cell.paragraphs[0].runs:
                run.bold = True


def _table(document: Any, headers: list[str], rows: list[list[Any]], total: list[Any] | None = None) -> Table:
    table = document.add_table(rows=1 + len(rows) + (1 if total else 0), cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _cells(table, 0, headers, bold=True)
    for index, row in enumerate(rows, 1):
        _cells(table, index, row)
    if total:
        _cells(table, len(rows) + 1, total, bold=True)
    return table


def _centered(document: Any, text: str, *, bold: bool = False, size: float | None = None) -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(text)
    run.bold = bold
    if size:
        run.font.size = Pt(size)


def project_docx(context: dict[str, Any]) -> bytes:
    """The .docx bytes of the document whose contents :func:`noivu.positions.exports.document_context`
    gathered (the same as the PDF's)."""
    item = context["item"]
    document = Document()
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(1.5)
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(13)
    for level in (1, 2, 3):
        heading = document.styles[f"Heading {level}"]
        heading.font.name = FONT
        heading.font.size = Pt(14 if level == 1 else 13)
    document.core_properties.title = item.title
    document.core_properties.author = item.organization.name

    header = document.add_table(rows=1, cols=2)
    header.cell(0, 0).text = item.organization.name.upper()
    header.cell(0, 1).text = _("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") + "\n" + _("Độc lập - Tự do - Hạnh phúc")
    for cell in header.rows[0].cells:
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        for run in cell.paragraphs[0].runs:
            run.bold = True
            run.font.size = Pt(12)

    _centered(document, _("ĐỀ ÁN VỊ TRÍ VIỆC LÀM"), bold=True, size=15)
    _centered(document, item.title, bold=True)
    status = _("Phiên bản %(version)s — %(status)s") % {
        "version": item.version,
        "status": item.get_status_display(),
    }
    if item.decision_number:
        status += "; " + _("Quyết định phê duyệt %(decision)s, %(signer)s") % {
            "decision": item.decision_label,
            "signer": item.signer,
        }
    _centered(document, status)

    document.add_heading(_("I. Sự cần thiết và căn cứ pháp lý"), level=1)
    for line in (item.legal_basis or _("Chưa ghi căn cứ pháp lý.")).splitlines():
        document.add_paragraph(line)

    document.add_heading(_("II. Vị trí việc làm, bản mô tả công việc và khung năng lực"), level=1)
    for number, group in enumerate(context["groups"], 1):
        document.add_heading(
            _("%(number)s. %(group)s (%(count)s người)")
            % {"number": number, "group": group["label"], "count": group["total"]},
            level=2,
        )
        for position in group["positions"]:
            catalog = position.catalog
            document.add_heading(f"{catalog.code} – {catalog.name}", level=3)
            _table(
                document,
                [_("Số lượng"), _("Ngạch bố trí"), _("Ngạch tối thiểu"), _("Trình độ tối thiểu")],
                [
                    [
                        position.headcount,
                        position.rank_code or "—",
                        catalog.min_rank_code or "—",
                        getattr(position, "qualification_label", "") or "—",
                    ]
                ],
            )
            for label, text in (
                (_("Nhiệm vụ"), catalog.tasks),
                (_("Sản phẩm đầu ra"), catalog.products),
                (_("Điều kiện làm việc"), catalog.conditions),
            ):
                if text:
                    paragraph = document.add_paragraph()
                    paragraph.add_run(f"{label}: ").bold = True
                    paragraph.add_run(text)
            if catalog.competencies:
                document.add_paragraph().add_run(_("Khung năng lực")).bold = True
                _table(
                    document,
                    [_("Năng lực"), _("Cấp độ")],
                    [[c.get("name", ""), c.get("level", "")] for c in catalog.competencies],
                )

    document.add_heading(_("III. Tổng hợp số lượng và cơ cấu ngạch"), level=1)
    _table(
        document,
        [_("Nhóm"), _("Số lượng")],
        [[group["label"], group["total"]] for group in context["groups"]],
        total=[_("Tổng cộng"), context["total"]],
    )
    document.add_paragraph()
    _table(
        document, [_("Ngạch bố trí"), _("Số lượng")], [[rank, count] for rank, count in context["by_rank"]]
    )

    document.add_heading(_("IV. Kết quả kiểm tra và kiến nghị"), level=1)
    findings = context["findings"]
    if findings:
        for finding in findings:
            document.add_paragraph(f"{finding.message} ({finding.citation})", style="List Bullet")
    else:
        document.add_paragraph(_("Đề án đáp ứng các điều kiện được kiểm tra."))
    note = document.add_paragraph(
        _("Kết xuất ngày %(day)s.") % {"day": context["today"].strftime("%d/%m/%Y")}
    )
    note.runs[0].font.size = Pt(10)

    output = io.BytesIO()
    document.save(output)
    return output.getvalue()
