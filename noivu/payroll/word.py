"""The notice of a person's step raise (thông báo nâng bậc lương) as a Word file (.docx), written with
python-docx in the layout of an administrative document: the agency and the national motto, the legal
basis, the step held and the step or percentage granted from its date, the clock of the next raise and the
months of back pay when the decision comes after that date; for the agency to sign and hand over."""

import datetime as dt
import io

from django.utils.translation import gettext as _
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from noivu.core.dates import add_months
from noivu.core.money import format_amount
from noivu.payroll.arrears import arrears_citation
from noivu.payroll.models import RaiseKind, RaiseProposalItem

FONT = "Times New Roman"


def back_pay_months(effective_from: dt.date, decided_on: dt.date | None) -> list[dt.date]:
    """The months from the raise's month to the month before the decision (truy lĩnh), none when the
    decision comes first."""
    if decided_on is None:
        return []
    month, end = effective_from.replace(day=1), decided_on.replace(day=1)
    months = []
    while month < end and effective_from < decided_on:
        months.append(month)
        month = add_months(month, 1)
    return months


def _paragraph(document: object, text: str, *, bold: bool = False, center: bool = False) -> None:
    paragraph = document.add_paragraph()  # type: ignore[attr-defined]
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run(text).bold = bold


def raise_notice(item: RaiseProposalItem) -> bytes:
    """The .docx bytes of the notice of ``item``'s raise, once its proposal is approved."""
    proposal = item.proposal
    document = Document()
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(1.5)
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(13)
    document.core_properties.title = _("Thông báo nâng bậc lương")
    document.core_properties.author = proposal.organization.name

    header = document.add_table(rows=1, cols=2)
    header.cell(0, 0).text = proposal.organization.name.upper()
    header.cell(0, 1).text = _("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") + "\n" + _("Độc lập - Tự do - Hạnh phúc")
    for cell in header.rows[0].cells:
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        for run in cell.paragraphs[0].runs:
            run.bold = True
            run.font.size = Pt(12)

    _paragraph(document, _("THÔNG BÁO"), bold=True, center=True)
    _paragraph(document, _("Về việc nâng bậc lương"), bold=True, center=True)
    decision = _("Quyết định số %(number)s ngày %(date)s") % {
        "number": proposal.decision_number,
        "date": f"{proposal.decision_date:%d/%m/%Y}" if proposal.decision_date else "…",
    }
    for line in (
        _(
            "Căn cứ Nghị định số 204/2004/NĐ-CP ngày 14/12/2004 của Chính phủ về chế độ tiền lương đối "
            "với cán bộ, công chức, viên chức và lực lượng vũ trang;"
        ),
        _(
            "Căn cứ Thông tư số 08/2013/TT-BNV ngày 31/7/2013 của Bộ Nội vụ, được sửa đổi, bổ sung bởi "
            "Thông tư số 03/2021/TT-BNV ngày 29/6/2021, hướng dẫn chế độ nâng bậc lương thường xuyên và "
            "nâng bậc lương trước thời hạn;"
        ),
        _("Căn cứ %(decision)s của %(organization)s về việc nâng bậc lương,")
        % {"decision": decision, "organization": proposal.organization.name},
    ):
        _paragraph(document, line)
    _paragraph(document, _("%(organization)s thông báo:") % {"organization": proposal.organization.name})
    person = item.person
    _paragraph(document, _("Ông/Bà: %(name)s") % {"name": person.full_name}, bold=True)
    held = _("Hiện hưởng: %(scale)s, bậc %(step)s, hệ số %(coefficient)s") % {
        "scale": getattr(item, "scale_label", item.scale),
        "step": item.step,
        "coefficient": item.coefficient,
    }
    if item.seniority_percent:
        held += _(", phụ cấp thâm niên vượt khung %(percent)s%%") % {"percent": item.seniority_percent}
    _paragraph(document, held + _(", từ ngày %(day)s.") % {"day": f"{item.clock_from:%d/%m/%Y}"})
    if item.kind == RaiseKind.SENIORITY:
        granted = _("Được hưởng phụ cấp thâm niên vượt khung %(percent)s%% kể từ ngày %(day)s.") % {
            "percent": item.new_seniority_percent,
            "day": f"{item.effective_from:%d/%m/%Y}",
        }
    else:
        granted = _("Được nâng lên bậc %(step)s, hệ số %(coefficient)s kể từ ngày %(day)s.") % {
            "step": item.new_step,
            "coefficient": item.new_coefficient,
            "day": f"{item.effective_from:%d/%m/%Y}",
        }
    _paragraph(document, granted, bold=True)
    if item.kind == RaiseKind.EARLY:
        _paragraph(
            document,
            _("Nâng bậc lương trước thời hạn %(months)s tháng do lập thành tích xuất sắc: %(achievement)s.")
            % {"months": item.months_early, "achievement": item.achievement or "—"},
        )
    if item.kind == RaiseKind.RETIREMENT:
        _paragraph(
            document,
            _(
                "Nâng bậc lương trước thời hạn %(months)s tháng khi có thông báo nghỉ hưu (%(notice)s; nghỉ "
                "hưu từ ngày %(day)s), không tính vào chỉ tiêu nâng bậc lương trước thời hạn."
            )
            % {
                "months": item.months_early,
                "notice": item.notice or "—",
                "day": f"{item.retires_on:%d/%m/%Y}" if item.retires_on else "—",
            },
        )
    if item.postponed:
        _paragraph(
            document,
            _("Thời gian nâng bậc bị kéo dài %(months)s tháng: %(reasons)s.")
            % {"months": item.postponed, "reasons": item.reasons},
        )
    _paragraph(
        document,
        _("Mốc thời gian tính nâng bậc lương lần sau: từ ngày %(day)s.")
        % {"day": f"{item.effective_from:%d/%m/%Y}"},
    )
    months = back_pay_months(item.effective_from, proposal.decision_date)
    if months:
        _paragraph(
            document,
            _(
                "Được truy lĩnh tiền lương chênh lệch và truy đóng bảo hiểm từ tháng %(first)s đến tháng "
                "%(last)s."
            )
            % {"first": f"{months[0]:%m/%Y}", "last": f"{months[-1]:%m/%Y}"},
        )
    owed = getattr(item, "arrears", [])
    problem = getattr(item, "arrears_error", "")
    if problem:
        _paragraph(document, problem)
    if owed:
        _paragraph(
            document,
            _(
                "Truy lĩnh tiền lương chênh lệch cho các tháng đã khóa bảng lương (%(rule)s): tổng %(total)s "
                "đồng."
            )
            % {
                "rule": arrears_citation(item.effective_from),
                "total": format_amount(sum(m.amount for m in owed)),
            },
        )
        for month in owed:
            _paragraph(
                document,
                _(
                    "Tháng %(month)s: lương cơ sở %(base)s đồng, chênh lệch %(formula)s = %(amount)s đồng "
                    "(%(parts)s); trích nộp %(deductions)s đồng, thực lĩnh %(net)s đồng."
                )
                % {
                    "month": f"{month.month:%m/%Y}",
                    "base": format_amount(month.base_salary),
                    "formula": month.formula,
                    "amount": format_amount(month.amount),
                    "parts": "; ".join(
                        f"{part.label} {format_amount(part.amount)}"
                        for part in month.components + month.contributions
                    ),
                    "deductions": format_amount(month.deductions),
                    "net": format_amount(month.net),
                },
            )
    _paragraph(document, _("Nơi nhận: người có tên trên; bộ phận kế toán; lưu hồ sơ."))
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue()
