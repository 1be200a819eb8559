"""Evaluation's statistical report of the yearly ratings (kết quả đánh giá, xếp loại chất lượng cán bộ,
công chức, viên chức), registered with ``reports`` through :data:`noivu.core.extensions.statistical_reports`.

The year reported is the one before the day asked (the ratings of a year are decided in its last weeks or
early in the next, so a report as of 30/06/2025 gives the ratings of 2024). The persons counted are the
cadres, civil servants and public employees in service on the day, in the unit and category of their primary
assignment that day (:func:`noivu.personnel.quality_report.cadres_in_force`); each is counted at the level of
their yearly rating of that year decided by the day (phiếu đã quyết định xếp loại, not deleted), or as not
rated when there is none (newly recruited, on leave, or not yet decided). The levels are the four of every
regime (Nghị định 90/2020/NĐ-CP Điều 2, as amended by Nghị định 48/2023/NĐ-CP; Nghị định 335/2025/NĐ-CP for
civil servants from 2026), best first.
"""

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from noivu.core.extensions import Figure, ReportingForm, StatisticalReport, statistical_reports
from noivu.evaluation.models import Evaluation, Level, PeriodKind, Status
from noivu.personnel.models import Category
from noivu.personnel.quality_report import CADRES, CIVIL_SERVANTS, cadres_in_force, listing
from noivu.personnel.records.presenters import PersonPresenter

FORM = ReportingForm(
    code="Biểu kết quả đánh giá, xếp loại chất lượng CBCCVC",
    title="Kết quả đánh giá, xếp loại chất lượng cán bộ, công chức, viên chức",
    basis=(
        "Thông tư 18/2025/TT-BNV ngày 08/10/2025 của Bộ Nội vụ quy định chế độ báo cáo thống kê ngành "
        "Nội vụ; "
        "mức xếp loại theo Nghị định 90/2020/NĐ-CP (sửa đổi bởi Nghị định 48/2023/NĐ-CP) và "
        "Nghị định 335/2025/NĐ-CP"
    ),
    verified=False,
    note=(
        "Số hiệu, tên và ngày ban hành của Thông tư đã đối chiếu trên cơ sở dữ liệu văn bản pháp luật; "
        "không tìm được phụ lục biểu mẫu chính thức nên mã biểu và bố cục các cột (mức xếp loại theo đối "
        "tượng) chưa đối chiếu được."
    ),
)

CATEGORIES = (
    ("all", _("Tổng số"), Q()),
    ("cadres", _("Cán bộ"), Q(category__in=CADRES)),
    ("civil_servants", _("Công chức"), Q(category__in=CIVIL_SERVANTS)),
    ("public_employees", _("Viên chức"), Q(category=Category.PUBLIC_EMPLOYEE)),
)
NOT_RATED = "none"


def year_rated(day: dt.date) -> int:
    """The year whose ratings a report as of ``day`` gives: the year before."""
    return day.year - 1


def decided_ratings(day: dt.date) -> QuerySet[Evaluation]:
    """The yearly ratings of the year before ``day`` decided by ``day`` (a rating entered without its
    decision's date counts as decided). Membership only: the rows counted are already those of the user's
    scope."""
    decided = Q(decided_on__lte=day) | Q(decided_on__isnull=True)
    return Evaluation.objects.unrestricted().filter(
        decided, year=year_rated(day), period_kind=PeriodKind.YEAR, status=Status.DECIDED
    )


def _rated(level: str, narrower: Q) -> Any:
    def condition(day: dt.date) -> Q:
        ratings = decided_ratings(day)
        if level == NOT_RATED:
            return ~Q(person_id__in=ratings.values("person_id")) & narrower
        return Q(person_id__in=ratings.filter(rating=level).values("person_id")) & narrower

    return condition


def _figures() -> tuple[Figure, ...]:
    levels = [(str(level.value), level.label) for level in Level] + [(NOT_RATED, _("Chưa xếp loại"))]
    figures = [Figure("total", _("Tổng số người"))]
    figures += [
        Figure(f"{category}_{level}", label, header, _rated(level, narrower))
        for category, header, narrower in CATEGORIES
        for level, label in levels
    ]
    return tuple(figures)


RATINGS_REPORT = statistical_reports.register(
    StatisticalReport(
        key="evaluation-ratings",
        title=_("Kết quả đánh giá, xếp loại chất lượng cán bộ, công chức, viên chức"),
        order=30,
        form=FORM,
        figures=_figures(),
        facts=cadres_in_force,
        listing=listing,
        presenter=PersonPresenter,
        columns=("full_name", "birth_date", "gender", "category", "unit", "rank", "cccd_number"),
        link=lambda person: reverse("personnel:detail", args=[person.pk]),
        chart=("all_HTXS", "all_HTT", "all_HT", "all_KHT", "all_none"),
        description=_(
            "Xếp loại năm trước năm của ngày tính, đã quyết định đến ngày tính, của những người đang "
            "công tác vào ngày tính (theo đơn vị và đối tượng của quá trình công tác chính ngày đó)."
        ),
    )
)
