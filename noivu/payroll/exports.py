"""The payroll's workbooks: the payroll sheet in the usual layout (bảng thanh toán tiền lương) and the
list of transfers for the bank (danh sách chuyển khoản)."""

from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet, Sum
from django.utils.translation import gettext as _

from noivu.core.excel.writer import Column, Sheet, workbook_bytes
from noivu.core.money import format_amount
from noivu.payroll.models import PayrollLine, PayrollRun, RaiseProposal, RaiseProposalItem, SalaryScenario
from noivu.payroll.quota import approved_early, early_quota, remainder_pool

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
        if run.arrears:
            paid = run.arrears_lines.aggregate(net=Sum("net"))["net"] or 0
            blank = [""] * 11
            yield [
                "",
                _("Truy lĩnh các tháng đã khóa (trang Truy lĩnh)"),
                *blank,
                run.arrears,
                "",
                "",
                "",
                paid,
            ]
        yield ["", _("Tổng cộng"), "", "", "", "", "", "", "", "", "", "", "", run.gross, "", "", "", run.net]

    sheets = [Sheet(_("Bảng lương %(month)s") % {"month": f"{run.month:%m-%Y}"}, columns, rows())]
    if run.arrears:
        sheets.append(Sheet(_("Truy lĩnh"), run_arrears_columns(), run_arrears_rows(run)))
    return workbook_bytes(sheets)


def run_arrears_columns() -> list[Column]:
    return [
        Column(_("STT"), 6),
        Column(_("Họ và tên"), 28),
        Column(_("Tháng truy lĩnh"), 10),
        Column(_("Chênh lệch được truy lĩnh"), AMOUNT),
        Column(_("BHXH"), AMOUNT),
        Column(_("BHYT"), AMOUNT),
        Column(_("BHTN"), AMOUNT),
        Column(_("Thực lĩnh"), AMOUNT),
        Column(_("Chi tiết"), 60),
        Column(_("Căn cứ"), 50),
    ]


def run_arrears_rows(run: PayrollRun) -> Iterator[list[Any]]:
    """The arrears a run pays: one row a person and month owed, its components in words."""
    lines = run.arrears_lines.select_related("person").order_by("person__full_name", "month")
    for number, line in enumerate(lines, 1):
        yield [
            number,
            line.person.full_name,
            f"{line.month:%m/%Y}",
            line.gross,
            line.social_insurance,
            line.health_insurance,
            line.unemployment_insurance,
            line.net,
            arrears_detail(line.details),
            line.legal_basis,
        ]


def arrears_detail(details: dict) -> str:
    """The components of an arrears line in words: "Lương theo ngạch, bậc 594.000; …"."""
    return "; ".join(
        f"{part['label']} {format_amount(part['amount'])}"
        for part in details.get("components", []) + details.get("contributions", [])
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
    with_arrears = _("Lương tháng %(month)s và truy lĩnh") % {"month": f"{run.month:%m/%Y}"}
    owed = dict(
        run.arrears_lines.values("person_id").annotate(total=Sum("net")).values_list("person_id", "total")
    )

    def rows() -> Iterator[list[Any]]:
        for number, line in enumerate(_lines(run), 1):
            extra = owed.get(line.person_id, 0)
            label = with_arrears if extra else note
            yield [number, line.person.full_name, line.person.personnel_code, line.net + extra, label]

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

    return workbook_bytes(
        [
            Sheet(_("Nâng bậc lương %(year)s") % {"year": proposal.year}, columns, rows()),
            Sheet(_("Truy lĩnh"), arrears_columns(), arrears_rows(items)),
            Sheet(_("Chỉ tiêu trước thời hạn"), quota_columns(), quota_rows(proposal)),
        ]
    )


def quota_columns() -> list[Column]:
    return [
        Column(_("Đơn vị"), 40),
        Column(_("Danh sách trả lương 31/12"), 14),
        Column(_("Theo tỷ lệ"), 10),
        Column(_("Số dư"), 10),
        Column(_("Được giao thêm"), 12),
        Column(_("Chỉ tiêu"), 10),
        Column(_("Đã phê duyệt"), 12),
        Column(_("Căn cứ"), 60),
    ]


def quota_rows(proposal: RaiseProposal) -> Iterator[list[Any]]:
    """The early-raise quota of the proposal's unit and year, then the remainders of its direct units
    and the places they pool (Thông tư 08/2013/TT-BNV Điều 3 khoản 1 điểm b as amended)."""
    unit, year = proposal.organization, proposal.year
    quota = early_quota(unit, year)
    yield [
        unit.name,
        quota.persons,
        quota.own_places,
        quota.remainder,
        quota.granted,
        quota.places,
        approved_early(unit, year),
        "; ".join(part for part in (quota.citation, quota.pool_citation) if part),
    ]
    pool = remainder_pool(unit, year)
    if pool is None:
        return
    for row in pool.units:
        yield [
            row.organization.name,
            row.persons,
            row.own_places,
            row.remainder,
            row.granted,
            row.own_places + row.granted,
            approved_early(row.organization, year),
            "",
        ]
    yield [
        _(
            "Số dư của các đơn vị trực thuộc: giao thêm được %(places)s, đã giao %(granted)s, "
            "còn %(available)s"
        )
        % {"places": pool.places, "granted": pool.granted, "available": pool.available},
        pool.persons,
        sum(row.own_places for row in pool.units),
        pool.remainder,
        pool.granted,
        None,
        None,
        pool.citation,
    ]


def arrears_columns() -> list[Column]:
    return [
        Column(_("STT"), 6),
        Column(_("Họ và tên"), 28),
        Column(_("Tháng truy lĩnh"), 10),
        Column(_("Mức lương cơ sở"), AMOUNT),
        Column(_("Số ngày hưởng/ngày của tháng"), 12),
        Column(_("Khoản"), 36),
        Column(_("Theo bậc mới"), AMOUNT),
        Column(_("Theo bậc cũ"), AMOUNT),
        Column(_("Chênh lệch được truy lĩnh"), AMOUNT),
        Column(_("Trích nộp của người lao động"), AMOUNT),
        Column(_("Căn cứ"), 50),
        Column(_("Đã trả kèm bảng lương tháng"), 12),
    ]


def arrears_rows(items: list[RaiseProposalItem]) -> Iterator[list[Any]]:
    """The arrears of a proposal's persons (danh sách truy lĩnh): for each locked month owed, a row per
    component and per contribution on the difference, then the month's net; the total at the end."""
    number = 0
    total = net = 0
    for item in items:
        basis = getattr(item, "arrears_basis", "")
        paid = getattr(item, "arrears_paid", {})
        problem = getattr(item, "arrears_error", "")
        if problem:
            number += 1
            yield [number, item.person.full_name, "", "", "", problem, "", "", "", "", "", ""]
        for month in getattr(item, "arrears", []):
            number += 1
            head = [
                number,
                item.person.full_name,
                f"{month.month:%m/%Y}",
                month.base_salary,
                f"{month.days}/{month.month_days}",
            ]
            paid_in = paid.get(month.month)
            paid_label = f"{paid_in:%m/%Y}" if paid_in else ""
            for part in month.components:
                yield [
                    *head,
                    part.label,
                    part.new,
                    part.old,
                    part.amount,
                    "",
                    part.basis or basis,
                    paid_label,
                ]
                head = ["", "", "", "", ""]
            for part in month.contributions:
                yield [*head, part.label, part.new, part.old, "", part.amount, part.basis, paid_label]
            yield [*head, _("Thực lĩnh truy lĩnh"), "", "", month.net, month.deductions, basis, paid_label]
            total += month.amount
            net += month.net
    yield ["", _("Tổng cộng"), "", "", "", "", "", "", total, total - net, "", ""]
