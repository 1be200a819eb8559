"""The award decision of a council session (quyết định khen thưởng) as a Word file (.docx), written with
python-docx, and as a PDF printed by WeasyPrint from the same words, in the layout of an administrative
document: the agency and the national motto, the number and date, the legal bases (the Law, the decree in
force on the decision date, the council's ballot), the titles awarded and their money as coefficients of the
base salary of that date, the signer, and the list of the persons awarded attached to it."""

import io
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Cm, Pt

from noivu.awards import engine
from noivu.awards.exports import lines, title_rewards
from noivu.awards.models import CouncilSession
from noivu.core.money import format_amount

FONT = "Times New Roman"


def _paragraph(
    document: object, text: str, *, bold: bool = False, center: bool = False, right: bool = False
) -> object:
    paragraph = document.add_paragraph()  # type: ignore[attr-defined]
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif right:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    paragraph.add_run(text).bold = bold
    return paragraph


@dataclass(frozen=True)
class DecisionText:
    """The words of a decision, as both the Word and the PDF document print them."""

    agency: str
    number: str
    dated: str
    subject: str
    bases: list[str]
    articles: list[str]
    recipients: str
    signer: str
    annex_caption: str
    annex_headers: tuple[str, ...]
    annex_rows: list[tuple[str, str, str, str, str]]
    total: str


def decision_text(session: CouncilSession) -> DecisionText:
    """The words of the decision of the decided ``session``: the bases (the Law, the decree in force on the
    decision date, the council's ballot), the titles awarded and their money, and the list attached."""
    assert session.decided_on is not None
    decided_on = session.decided_on
    awarded = [line for line in lines(session) if line.passed]
    rewards = title_rewards(session, awarded)
    regime = engine.regime_on(decided_on).legal_basis
    decree = _("Căn cứ Nghị định số %(number)s") % {"number": regime.document_number}
    if regime.issued_on:
        decree += _(" ngày %(day)s") % {"day": f"{regime.issued_on:%d/%m/%Y}"}
    decree += _(" của Chính phủ")
    if regime.title:
        decree += f" ({regime.title})"
    bases = [
        _("Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15/6/2022;"),
        decree + ";",
        _(
            "Căn cứ kết quả bỏ phiếu kín của Hội đồng Thi đua – Khen thưởng ngày %(day)s "
            "(%(members)s thành viên);"
        )
        % {"day": f"{session.held_on:%d/%m/%Y}", "members": session.members},
    ]
    collectives = sum(1 for line in awarded if line.collective)
    if collectives:
        first = _(
            "Điều 1. Tặng danh hiệu, hình thức khen thưởng cho %(count)s cá nhân và %(collectives)s tập thể "
            "có tên trong danh sách kèm theo, đã có thành tích năm %(year)s:"
        ) % {"count": len(awarded) - collectives, "collectives": collectives, "year": session.year}
    else:
        first = _(
            "Điều 1. Tặng danh hiệu, hình thức khen thưởng cho %(count)s cá nhân có tên trong danh sách kèm "
            "theo, đã có thành tích năm %(year)s:"
        ) % {"count": len(awarded), "year": session.year}
    articles = [
        first,
        *[
            (
                _("- %(title)s: %(count)s tập thể.")
                if reward.collective
                else _("- %(title)s: %(count)s cá nhân.")
            )
            % {"title": reward.title, "count": reward.persons}
            for reward in rewards
        ],
    ]
    total = sum(line.reward or 0 for line in awarded)
    articles.append(
        _(
            "Điều 2. Tiền thưởng kèm theo, tính theo mức lương cơ sở %(base)s đồng tại ngày quyết định: "
            "tổng %(total)s đồng."
        )
        % {"base": format_amount(rewards[0].base_salary) if rewards else "—", "total": format_amount(total)}
    )
    articles += [
        (
            _("- %(title)s: hệ số %(coefficient)s, mỗi tập thể %(amount)s đồng (%(citation)s).")
            if reward.collective
            else _("- %(title)s: hệ số %(coefficient)s, mỗi cá nhân %(amount)s đồng (%(citation)s).")
        )
        % {
            "title": reward.title,
            "coefficient": number_format(reward.coefficient),
            "amount": format_amount(reward.amount),
            "citation": reward.citation,
        }
        for reward in rewards
    ]
    articles.append(
        _(
            "Điều 3. Quyết định có hiệu lực kể từ ngày ký. Thủ trưởng các đơn vị có liên quan và các cá nhân "
            "có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này."
        )
    )
    rows = [
        (
            str(number),
            line.name,
            ", ".join(part for part in (line.position, line.unit) if part),
            line.title,
            format_amount(line.reward or 0),
        )
        for number, line in enumerate(awarded, 1)
    ]
    return DecisionText(
        agency=session.organization.name.upper(),
        number=_("Số: %(number)s") % {"number": session.decision_number},
        dated=_("ngày %(day)s tháng %(month)s năm %(year)s")
        % {"day": f"{decided_on:%d}", "month": f"{decided_on:%m}", "year": decided_on.year},
        subject=_("Về việc khen thưởng thành tích năm %(year)s") % {"year": session.year},
        bases=bases,
        articles=articles,
        recipients=_("Nơi nhận: như Điều 3; lưu hồ sơ thi đua, khen thưởng."),
        signer=session.signer,
        annex_caption=_("(Quyết định số %(number)s ngày %(day)s)")
        % {"number": session.decision_number, "day": f"{decided_on:%d/%m/%Y}"},
        annex_headers=(
            _("STT"),
            _("Họ và tên"),
            _("Chức vụ, đơn vị công tác"),
            _("Danh hiệu, hình thức"),
            _("Tiền thưởng (đồng)"),
        ),
        annex_rows=rows,
        total=format_amount(total),
    )


def decision_document(session: CouncilSession) -> bytes:
    """The .docx bytes of the decision of the decided ``session``."""
    text = decision_text(session)
    organization = session.organization

    document = Document()
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(1.5)
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(13)
    document.core_properties.title = _("Quyết định khen thưởng")
    document.core_properties.author = organization.name

    header = document.add_table(rows=2, cols=2)
    header.cell(0, 0).text = text.agency
    header.cell(0, 1).text = _("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") + "\n" + _("Độc lập - Tự do - Hạnh phúc")
    header.cell(1, 0).text = text.number
    header.cell(1, 1).text = text.dated
    for row in header.rows:
        for cell in row.cells:
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
            for run in cell.paragraphs[0].runs:
                run.bold = row is header.rows[0]
                run.font.size = Pt(12)

    _paragraph(document, _("QUYẾT ĐỊNH"), bold=True, center=True)
    _paragraph(document, text.subject, bold=True, center=True)
    _paragraph(document, text.agency, bold=True, center=True)
    for basis in text.bases:
        _paragraph(document, basis)
    _paragraph(document, _("QUYẾT ĐỊNH:"), bold=True, center=True)
    for article in text.articles:
        _paragraph(document, article)
    _paragraph(document, text.recipients)
    _paragraph(document, text.signer, bold=True, right=True)

    breaker = document.add_paragraph()
    breaker.add_run().add_break(WD_BREAK.PAGE)
    _paragraph(document, _("DANH SÁCH KÈM THEO QUYẾT ĐỊNH"), bold=True, center=True)
    _paragraph(document, text.annex_caption, center=True)
    table = document.add_table(rows=1, cols=len(text.annex_headers))
    table.style = "Table Grid"
    for cell, heading in zip(table.rows[0].cells, text.annex_headers, strict=True):
        cell.text = heading
        cell.paragraphs[0].runs[0].bold = True
    for values in text.annex_rows:
        for cell, value in zip(table.add_row().cells, values, strict=True):
            cell.text = value
    cells = table.add_row().cells
    cells[1].text = _("Tổng cộng")
    cells[4].text = text.total
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue()


def decision_pdf(session: CouncilSession) -> bytes:
    """The PDF bytes of the decision of the decided ``session``, the same words as the Word document."""
    from weasyprint import HTML  # imported here: loading Pango is slow and only the PDF needs it

    html = render_to_string("awards/decision_document.html", {"text": decision_text(session)})
    return HTML(string=html).write_pdf()
