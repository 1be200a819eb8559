"""The forecast as an Excel workbook (kết xuất Excel), through the project's one workbook writer."""

from collections.abc import Callable, Iterator
from typing import Any

from django.utils.translation import gettext as _

from noivu.core.excel.writer import Column, Sheet, workbook_bytes
from noivu.workforce.forecast import Forecast, ForecastRow
from noivu.workforce.presenters import VacancyPresenter, vacancies

VACANCY_BATCH = 5000


def _year_lines(rows: list[ForecastRow]) -> Iterator[list[Any]]:
    for row in rows:
        for year in row.years:
            yield [
                row.unit.code if row.unit else "",
                row.unit.name if row.unit else _("Toàn phạm vi"),
                row.kind_label,
                year.period.number,
                year.period.end,
                row.current,
                year.retirements,
                year.streamlining,
                year.intake,
                year.headcount,
                year.quota,
                year.gap,
                year.vacated_positions,
                year.target,
                "; ".join(
                    part
                    for part in (
                        year.quota_source + (_(" (giữ nguyên đến năm này)") if year.quota_carried else ""),
                        year.target_source,
                        "; ".join(row.leave_sources),
                        "; ".join(row.intake_sources),
                    )
                    if part
                ),
            ]


def _year_columns() -> list[Column]:
    specs = [
        (_("Mã đơn vị"), 14),
        (_("Đơn vị"), 40),
        (_("Loại biên chế"), 30),
        (_("Năm thứ"), 8),
        (_("Đến ngày"), 12),
        (_("Hiện có"), 10),
        (_("Nghỉ hưu"), 10),
        (_("Tinh giản"), 10),
        (_("Tuyển dụng"), 11),
        (_("Dự báo có mặt"), 12),
        (_("Biên chế được giao"), 12),
        (_("Chênh lệch (+ thiếu, − vượt)"), 14),
        (_("Vị trí sẽ trống"), 12),
        (_("Chỉ tiêu tinh giản (tối đa)"), 14),
        (_("Căn cứ"), 80),
    ]
    return [Column(header, width) for header, width in specs]


def forecast_workbook(user: Any, result: Forecast, rank_label: Callable[[str], str]) -> bytes:
    presenter = VacancyPresenter(user)

    def vacancy_lines() -> Iterator[list[Any]]:
        frame = result.vacancies
        for start in range(0, frame.height, VACANCY_BATCH):
            for row in vacancies(user, frame.slice(start, VACANCY_BATCH)):
                yield list(presenter.row(row).values())

    def age_lines() -> Iterator[list[Any]]:
        for number, bands in result.age_pyramid.items():
            for band, figures in bands.items():
                yield [number, band, figures["M"], figures["F"]]

    def rank_lines() -> Iterator[list[Any]]:
        for number, lines in result.rank_pyramid.items():
            for code, count in lines:
                yield [number, rank_label(code), count]

    rules = _("Tuổi nghỉ hưu theo: %(rules)s; thời điểm nghỉ hưu: 135/2020/NĐ-CP, Điều 3.") % {
        "rules": ", ".join(result.retirement_rules)
    }
    return workbook_bytes(
        [
            Sheet(_("Tổng hợp"), _year_columns(), _year_lines(result.totals)),
            Sheet(_("Theo đơn vị"), _year_columns(), _year_lines(result.rows)),
            Sheet(
                _("Vị trí sẽ trống"),
                [Column(str(column.label), 18) for column in presenter.columns],
                vacancy_lines(),
            ),
            Sheet(
                _("Tháp tuổi"),
                [
                    Column(_("Năm thứ (0: hiện tại)"), 12),
                    Column(_("Nhóm tuổi"), 16),
                    Column(_("Nam"), 10),
                    Column(_("Nữ"), 10),
                ],
                age_lines(),
            ),
            Sheet(
                _("Ngạch"),
                [Column(_("Năm thứ (0: hiện tại)"), 12), Column(_("Ngạch"), 50), Column(_("Số người"), 10)],
                rank_lines(),
            ),
            Sheet(
                _("Căn cứ"),
                [Column(_("Ghi chú"), 120)],
                [
                    [
                        _("Dự báo tính đến ngày %(day)s; mỗi năm kết thúc vào ngày tròn năm.")
                        % {"day": f"{result.as_of:%d/%m/%Y}"}
                    ],
                    [rules],
                ],
            ),
        ]
    )
