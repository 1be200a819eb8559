"""Personnel's statistical report of retirements due (cán bộ, công chức, viên chức đến tuổi nghỉ hưu),
registered with ``reports`` through :data:`noivu.core.extensions.statistical_reports`.

The persons counted are the cadres, civil servants and public employees in service on the day asked, in the
unit and category of their primary assignment that day (the rows of the quality report,
:func:`noivu.personnel.quality_report.cadres_in_force`). A person is due in a period when their normal
retirement date (Nghị định 135/2020/NĐ-CP Điều 3–4: the end of the month in which they reach the age of the
roadmap) lies in it; :func:`noivu.personnel.retirement.engine.reaching_retirement_q` turns each period into
birth-date ranges per gender, so that every figure is a condition on the row and ``reports`` counts them all
in one grouped query. The periods are calendar years counted from the year of the day asked: that year, the
next one, and the five years from that year to four years later. Earlier or later retirement (Điều 5–6) is a
person's choice and a decision, not a due date: it is not anticipated.
"""

import datetime as dt
from typing import Any, cast

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from noivu.core.extensions import Figure, ReportingForm, StatisticalReport, statistical_reports
from noivu.personnel.models import Category, Gender
from noivu.personnel.quality_report import CADRES, CIVIL_SERVANTS, FORM, cadres_in_force, listing
from noivu.personnel.records.presenters import PersonPresenter
from noivu.personnel.retirement.engine import reaching_retirement_q

RETIREMENT_FORM = ReportingForm(
    code="Biểu số lượng CBCCVC đến tuổi nghỉ hưu",
    title="Số lượng cán bộ, công chức, viên chức đến tuổi nghỉ hưu",
    basis=f"{FORM.basis}; tuổi nghỉ hưu theo Nghị định 135/2020/NĐ-CP, Điều 3 và Điều 4",
    verified=False,
    note=(
        "Số hiệu, tên và ngày ban hành của Thông tư đã đối chiếu trên cơ sở dữ liệu văn bản pháp luật; "
        "không tìm được phụ lục biểu mẫu chính thức nên mã biểu và bố cục các cột (theo năm đến tuổi, "
        "đối tượng, giới tính) chưa đối chiếu được."
    ),
)

# (key prefix, header, first year and last year counted from the year of the day asked)
PERIODS = (
    ("this_year", _("Đến tuổi nghỉ hưu trong năm tính"), 0, 0),
    ("next_year", _("Đến tuổi nghỉ hưu năm sau"), 1, 1),
    ("five_years", _("Đến tuổi nghỉ hưu trong 5 năm (năm tính và 4 năm sau)"), 0, 4),
)

BREAKDOWN = (
    ("total", _("Tổng số"), Q()),
    ("cadres", _("Cán bộ"), Q(category__in=CADRES)),
    ("civil_servants", _("Công chức"), Q(category__in=CIVIL_SERVANTS)),
    ("public_employees", _("Viên chức"), Q(category=Category.PUBLIC_EMPLOYEE)),
    ("women", _("Nữ"), Q(person__gender=Gender.FEMALE)),
    ("men", _("Nam"), Q(person__gender=Gender.MALE)),
)


def on_person(condition: Q) -> Q:
    """A condition on a person (``Person``'s fields) as the same condition on a row's ``person``."""
    moved = Q()
    moved.connector, moved.negated = condition.connector, condition.negated
    children: list[Any] = []
    for child in condition.children:
        if isinstance(child, Q):
            children.append(on_person(child))
        else:
            lookup, value = cast(tuple[str, Any], child)
            children.append((f"person__{lookup}", value))
    moved.children = children
    return moved


def _due(first: int, last: int, narrower: Q) -> Any:
    def condition(day: dt.date) -> Q:
        start, end = dt.date(day.year + first, 1, 1), dt.date(day.year + last, 12, 31)
        return on_person(reaching_retirement_q(start, end)) & narrower

    return condition


def _figures() -> tuple[Figure, ...]:
    return tuple(
        Figure(f"{period}_{key}", label, header, _due(first, last, narrower))
        for period, header, first, last in PERIODS
        for key, label, narrower in BREAKDOWN
    )


RETIREMENT_REPORT = statistical_reports.register(
    StatisticalReport(
        key="personnel-retirements",
        title=_("Cán bộ, công chức, viên chức đến tuổi nghỉ hưu"),
        order=20,
        form=RETIREMENT_FORM,
        figures=_figures(),
        facts=cadres_in_force,
        listing=listing,
        presenter=PersonPresenter,
        columns=("full_name", "birth_date", "gender", "category", "unit", "rank", "cccd_number"),
        link=lambda person: reverse("personnel:detail", args=[person.pk]),
        chart=("this_year_cadres", "this_year_civil_servants", "this_year_public_employees"),
        description=_(
            "Người đang công tác vào ngày tính (theo đơn vị và đối tượng của quá trình công tác chính) có "
            "thời điểm nghỉ hưu theo tuổi nghỉ hưu thông thường (Nghị định 135/2020/NĐ-CP) rơi vào năm của "
            "ngày tính, năm sau hoặc 5 năm tính từ năm đó."
        ),
    )
)
