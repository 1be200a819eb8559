"""Job positions' statistical report of position coverage (vị trí việc làm được phê duyệt và người hiện có),
registered with ``reports`` through :data:`noivu.core.extensions.statistical_reports`.

The rows counted are not persons but the positions of the approved job-position projects in force on the day
asked (:func:`noivu.positions.gaps.in_force`: approved from the decision's date until the day before the
version that superseded it), in the unit of their project, so that communes and agencies roll up to the
province. A position is held when at least one person the project placed in it (main or concurrent) is in
service that day (a primary assignment in force); the planned headcount (số lượng người làm việc) and the
persons placed are sums over the positions, the shortfall and the excess those of each position's
difference, so that a position short of two does not hide behind another over by two. The drill-down lists
the positions of a cell: those counted, or those adding to a sum (the positions short for the shortfall).
"""

import datetime as dt
from typing import Any

from django.db.models import Count, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, Greatest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from noivu.core.extensions import Figure, ReportingForm, StatisticalReport, statistical_reports
from noivu.core.presenters import Column, Presenter
from noivu.personnel.models import Assignment
from noivu.positions.gaps import in_force
from noivu.positions.models import PositionGroup, PositionHolder, PositionProject, ProjectPosition, StaffKind

FORM = ReportingForm(
    code="Biểu vị trí việc làm",
    title="Vị trí việc làm được phê duyệt và việc bố trí người làm việc",
    basis=(
        "Thông tư 18/2025/TT-BNV ngày 08/10/2025 của Bộ Nội vụ quy định chế độ báo cáo thống kê ngành "
        "Nội vụ; vị trí việc làm theo Nghị định 62/2020/NĐ-CP, 106/2020/NĐ-CP, Nghị định 361/2025/NĐ-CP "
        "và Nghị định 232/2026/NĐ-CP"
    ),
    verified=False,
    note=(
        "Số hiệu, tên và ngày ban hành của Thông tư đã đối chiếu trên cơ sở dữ liệu văn bản pháp luật; "
        "không tìm được phụ lục biểu mẫu chính thức nên mã biểu và bố cục các cột (số vị trí, vị trí có "
        "và chưa có người, số người theo đề án và hiện có) chưa đối chiếu được."
    ),
)


def _holders(day: dt.date) -> QuerySet[PositionHolder]:
    # Membership only: the positions counted are already those of the user's scope.
    in_service = Assignment.objects.unrestricted().as_of(day).filter(is_primary=True).values("person_id")
    return PositionHolder.objects.unrestricted().filter(person_id__in=in_service)


def positions_in_force(user: Any, as_of: dt.date) -> QuerySet[ProjectPosition]:
    """The positions of the approved projects in force on ``as_of`` the user may see, each with the number
    of persons placed in it who are in service that day (``holder_count``), its shortfall and excess."""
    placed = (
        _holders(as_of)
        .filter(position_id=OuterRef("pk"))
        .order_by()
        .values("position_id")
        .annotate(count=Count("pk"))
        .values("count")
    )
    count = Coalesce(Subquery(placed, output_field=IntegerField()), Value(0))
    return (
        ProjectPosition.objects.restrict(user)
        .filter(project__in=in_force(PositionProject.objects.unrestricted(), as_of))
        .annotate(holder_count=count)
        .annotate(
            shortfall=Greatest(F("headcount") - F("holder_count"), Value(0), output_field=IntegerField()),
            excess=Greatest(F("holder_count") - F("headcount"), Value(0), output_field=IntegerField()),
        )
    )


def _in_group(group: str) -> Any:
    def condition(day: dt.date) -> Q:
        return Q(catalog__group=group)

    return condition


def _held(day: dt.date) -> Q:
    return Q(pk__in=_holders(day).values("position_id"))


def _figures() -> tuple[Figure, ...]:
    positions = _("Số vị trí việc làm")
    persons = _("Số người làm việc")
    figures = [
        Figure("positions", _("Tổng số vị trí"), positions),
        Figure("held", _("Có người đảm nhận"), positions, _held),
        Figure("unheld", _("Chưa có người"), positions, lambda day: ~_held(day)),
    ]
    figures += [
        Figure(
            f"group_{group.value}",
            group.label,
            _("Vị trí theo nhóm"),
            _in_group(group.value),
        )
        for group in PositionGroup
    ]
    figures += [
        Figure("planned", _("Theo đề án"), persons, sum_of="headcount"),
        Figure("placed", _("Hiện có"), persons, lambda day: Q(holder_count__gt=0), "holder_count"),
        Figure("short", _("Còn thiếu"), persons, lambda day: Q(shortfall__gt=0), "shortfall"),
        Figure("over", _("Vượt"), persons, lambda day: Q(excess__gt=0), "excess"),
    ]
    return tuple(figures)


class ReportedPositionPresenter(Presenter):
    """A position of a cell of the report: its agency, position, planned headcount and persons placed."""

    columns = [
        Column("organization", _("Cơ quan, đơn vị"), read=lambda p: p.project.organization.name),
        Column("staff_kind", _("Đối tượng"), read=lambda p: StaffKind(p.project.staff_kind)),
        Column("code", _("Mã vị trí"), read=lambda p: p.catalog.code),
        Column("name", _("Tên vị trí việc làm"), read=lambda p: p.catalog.name),
        Column("group", _("Nhóm"), read=lambda p: PositionGroup(p.catalog.group)),
        Column("headcount", _("Số người theo đề án")),
        Column("holder_count", _("Số người hiện có")),
    ]


def listing(user: Any, as_of: dt.date, ids: QuerySet) -> QuerySet[ProjectPosition]:
    """The positions of a cell, with their persons placed that day."""
    return (
        positions_in_force(user, as_of).filter(pk__in=ids).select_related("project__organization", "catalog")
    )


COVERAGE_REPORT = statistical_reports.register(
    StatisticalReport(
        key="positions-coverage",
        title=_("Vị trí việc làm được phê duyệt và người hiện có"),
        order=60,
        form=FORM,
        figures=_figures(),
        facts=positions_in_force,
        listing=listing,
        presenter=ReportedPositionPresenter,
        columns=("organization", "staff_kind", "code", "name", "group", "headcount", "holder_count"),
        link=lambda position: reverse("positions:project_positions", args=[position.project_id]),
        path="project__organization__path",
        person="pk",
        chart=("held", "unheld"),
        ordering=("project__organization__path", "project__staff_kind", "catalog__code", "pk"),
        listing_title=_("Danh sách vị trí việc làm được tính"),
        description=_(
            "Các vị trí của đề án vị trí việc làm đã phê duyệt đang hiệu lực vào ngày tính, theo đơn vị của "
            "đề án; người hiện có là người được bố trí vào vị trí và đang công tác vào ngày tính."
        ),
    )
)
