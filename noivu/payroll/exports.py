"""The payroll's workbooks: the payroll sheet in the usual layout (bảng thanh toán tiền lương) and the
list of transfers for the bank (danh sách chuyển khoản)."""

from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from noivu.core.excel.writer import Column, Sheet, workbook_bytes
from noivu.payroll.models import PayrollLine, PayrollRun, SalaryScenario

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
