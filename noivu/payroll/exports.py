"""The payroll's workbooks: the payroll sheet in the usual layout (bảng thanh toán tiền lương) and the
list of transfers for the bank (danh sách chuyển khoản)."""

from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from noivu.core.excel.writer import Column, Sheet, workbook_bytes
from noivu.payroll.models import PayrollLine, PayrollRun, RaiseProposal, RaiseProposalItem, SalaryScenario

AMOUNT = 15


def _lines(run: PayrollRun) -> QuerySet[PayrollLine]:
    return run.lines.select_related("person", "organization").order_by(
        "organization__path", "person__full_name"
    )


def payroll_sheet(run: PayrollRun) -> bytes:
    """One row per person: the coefficients and every amount of the month, as the sector's sheet has them."""
    columns = [
        Column(_("STT"), 6),
        Column(_("Họ và tên"), 28),
        Column(_("Đơn vị"), 30),
        Column(_("Nhóm ngạch"), 10),
        Column(_("Bậc"), 6),
        Column(_("Hệ số lương"), 10),
        Column(_("% vượt khung"), 10),
        Column(_("Lương ngạch, bậc"), AMOUNT),
        Column(_("Phụ cấp thâm niên vượt khung"), AMOUNT),
        Column(_("Phụ cấp chức vụ"), AMOUNT),
        Column(_("Phụ cấp khác"), AMOUNT),
        Column(_("Phụ cấp công vụ"), AMOUNT),
        Column(_("Hệ số chênh lệch bảo lưu"), AMOUNT),
        Column(_("Tổng thu nhập"), AMOUNT),
        Column(_("BHXH (8%)"), AMOUNT),
        Column(_("BHYT (1,5%)"), AMOUNT),
        Column(_("BHTN (1%)"), AMOUNT),
        Column(_("Thực lĩnh"), AMOUNT),
    ]

    def rows() -> Iterator[list[Any]]:
        for number, line in enumerate(_lines(run), 1):
            yield [
                number,
                line.person.full_name,
                line.organization.name,
                line.salary_group,
                line.step,
                line.coefficient,
                line.seniority_percent,
                line.salary,
                line.seniority,
                line.leadership,
                line.allowances,
                line.public_duty,
                line.reserved,
                line.gross,
                line.social_insurance,
                line.health_insurance,
                line.unemployment_insurance,
                line.net,
            ]
        yield ["", _("Tổng cộng"), "", "", "", "", "", "", "", "", "", "", "", run.gross, "", "", "", run.net]

    return workbook_bytes(
        [Sheet(_("Bảng lương %(month)s") % {"month": f"{run.month:%m-%Y}"}, columns, rows())]
    )


def bank_transfers(run: PayrollRun) -> bytes:
    """The net pay of each person to transfer, with the number the bank reconciles by."""
    columns = [
        Column(_("STT"), 6),
        Column(_("Họ và tên"), 28),
        Column(_("Số hiệu cán bộ"), 16),
        Column(_("Số tiền (đồng)"), AMOUNT),
        Column(_("Nội dung"), 40),
    ]
    note = _("Lương tháng %(month)s") % {"month": f"{run.month:%m/%Y}"}

    def rows() -> Iterator[list[Any]]:
        for number, line in enumerate(_lines(run), 1):
            yield [number, line.person.full_name, line.person.personnel_code, line.net, note]

    return workbook_bytes([Sheet(_("Chuyển khoản"), columns, rows())])


def scenario_workbook(scenario: SalaryScenario, categories: dict[str, str], groups: dict[str, str]) -> bytes:
    """The scenario's funds and its differences by unit, category and salary group."""
    results = scenario.results
    summary_columns = [
        Column(_("Chỉ tiêu"), 40),
        Column(_("Hiện hành"), 20),
        Column(_("Phương án"), 20),
        Column(_("Chênh lệch"), 20),
    ]
    summary = [
        [_("Số người"), results["persons"], results["persons"], 0],
        [
            _("Mức lương cơ sở"),
            results["base_salary"],
            results["scenario_base_salary"],
            results["scenario_base_salary"] - results["base_salary"],
        ],
        [_("Quỹ lương tháng (đồng)"), *results["monthly"].values()],
        [_("Quỹ lương năm (đồng)"), *results["yearly"].values()],
    ]
    columns = [
        Column(_("Nhóm"), 36),
        Column(_("Số người"), 10),
        Column(_("Hiện hành (tháng)"), AMOUNT),
        Column(_("Phương án (tháng)"), AMOUNT),
        Column(_("Chênh lệch (tháng)"), AMOUNT),
    ]

    def rows(key: str, labels: dict[str, str]) -> list[list[Any]]:
        return [
            [
                labels.get(row["key"], row["key"]),
                row["persons"],
                row["baseline"],
                row["scenario"],
                row["difference"],
            ]
            for row in results[key]
        ]

    return workbook_bytes(
        [
            Sheet(_("Tổng hợp"), summary_columns, summary),
            Sheet(_("Theo đơn vị"), columns, rows("by_unit", {})),
            Sheet(_("Theo đối tượng"), columns, rows("by_category", categories)),
            Sheet(_("Theo nhóm ngạch"), columns, rows("by_group", groups)),
        ]
    )


def raises_workbook(proposal: RaiseProposal, items: list[RaiseProposalItem]) -> bytes:
    """The list of an approved proposal (danh sách nâng bậc lương): each person's step held and granted,
    its date and the decision."""
    columns = [
        Column(_("STT"), 6),
        Column(_("Họ và tên"), 28),
        Column(_("Nhóm ngạch"), 24),
        Column(_("Loại"), 26),
        Column(_("Bậc hiện hưởng"), 10),
        Column(_("Hệ số hiện hưởng"), 10),
        Column(_("% vượt khung hiện hưởng"), 12),
        Column(_("Mốc tính nâng bậc"), 14),
        Column(_("Kéo dài (tháng)"), 10),
        Column(_("Trước thời hạn (tháng)"), 12),
        Column(_("Bậc mới"), 8),
        Column(_("Hệ số mới"), 10),
        Column(_("% vượt khung mới"), 10),
        Column(_("Ngày hưởng mới"), 14),
        Column(_("Số quyết định"), 16),
        Column(_("Căn cứ"), 50),
    ]

    def rows() -> Iterator[list[Any]]:
        for number, item in enumerate(items, 1):
            yield [
                number,
                item.person.full_name,
                getattr(item, "scale_label", item.scale),
                item.get_kind_display(),
                item.step,
                item.coefficient,
                item.seniority_percent,
                item.clock_from,
                item.postponed,
                item.months_early,
                item.new_step,
                item.new_coefficient,
                item.new_seniority_percent,
                item.effective_from,
                proposal.decision_number,
                "; ".join(
                    part
                    for part in (getattr(item, "legal_basis", ""), item.reasons, item.achievement)
                    if part
                ),
            ]

    return workbook_bytes([Sheet(_("Nâng bậc lương %(year)s") % {"year": proposal.year}, columns, rows())])
