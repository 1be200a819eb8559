"""Staffing's statistical report of quota use and streamlining (biên chế được giao, số người hiện có,
tinh giản biên chế), registered with ``reports`` through :data:`noivu.core.extensions.statistical_reports`.

The rows counted are not persons but the approved staffing quotas in force on the day asked. A quota covers
its unit's whole subtree and the quotas of the units below it are carved out of it (a province's quota holds
its departments'), so summing the quotas of a subtree would count a department twice. Each quota is therefore
reported by its own share (phần giữ lại): its quantity less the quotas of the nearest holders of the same kind
below it, and the persons of its subtree filling that kind (primary assignment in force on the day, the
categories of :data:`noivu.staffing.models.QUOTA_FILLED_BY`) less those under such a nearer holder. The shares
of the quotas within any subtree add up to the quotas of its topmost holders, so the same figures roll up by
the prefixes of the units' paths from communes and agencies to the province and the nation, as
:func:`noivu.staffing.headcount.totals` counts them for one kind. A vacancy (còn thiếu) or an excess (vượt) is
that of each share, summed, so that one unit's excess does not hide another's vacancy. Persons in units under
no quota of their kind are not counted. The streamlining figure counts, in the same shares, the streamlining
cases approved or carried out whose leave date falls in the year of the day asked (Nghị định 154/2025/NĐ-CP).

Every figure is a sum (or a count) over the quota rows, read by correlated subqueries in the one grouped
query; the drill-down lists the quotas of a cell with their shares.
"""

import datetime as dt
from typing import Any

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Greatest, Left, Length
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from noivu.core.extensions import Figure, ReportingForm, StatisticalReport, statistical_reports
from noivu.core.presenters import Column, Presenter
from noivu.organizations.models import Organization
from noivu.personnel.models import Assignment
from noivu.staffing.models import QUOTA_FILLED_BY, QuotaCategory, StaffingQuota, StreamliningCase, Workflow

FORM = ReportingForm(
    code="Biểu biên chế và tinh giản biên chế",
    title="Biên chế được giao, số người hiện có và tinh giản biên chế",
    basis=(
        "Thông tư 18/2025/TT-BNV ngày 08/10/2025 của Bộ Nội vụ quy định chế độ báo cáo thống kê ngành "
        "Nội vụ; tinh giản biên chế theo Nghị định 154/2025/NĐ-CP"
    ),
    verified=False,
    note=(
        "Số hiệu, tên và ngày ban hành của Thông tư đã đối chiếu trên cơ sở dữ liệu văn bản pháp luật; "
        "không tìm được phụ lục biểu mẫu chính thức nên mã biểu và bố cục các cột (biên chế được giao, "
        "hiện có, còn thiếu, vượt, tinh giản theo loại biên chế) chưa đối chiếu được."
    ),
)

PATH = "organization__path"


def _approved(day: dt.date) -> QuerySet[StaffingQuota]:
    # Membership only: the quotas reported are already those of the user's scope.
    return StaffingQuota.objects.unrestricted().as_of(day).filter(status=Workflow.APPROVED)


def _strictly_below(outer: Any) -> Q:
    """Rows of a unit strictly below the unit whose path is ``outer``."""
    return Q(**{f"{PATH}__startswith": outer}) & ~Q(**{PATH: outer})


def _nearest_below(day: dt.date) -> QuerySet[StaffingQuota]:
    """The nearest holders of the kind of the quota one query out strictly below it: the approved quotas of
    that kind in its subtree with no other such quota between."""
    between = (
        _approved(day)
        .filter(_strictly_below(OuterRef(OuterRef(PATH))), category=OuterRef(OuterRef("category")))
        .exclude(**{PATH: OuterRef(PATH)})
        .annotate(inner_prefix=Left(OuterRef(PATH), Length(PATH)))
        .filter(inner_prefix=F(PATH))
    )
    return (
        _approved(day)
        .filter(_strictly_below(OuterRef(PATH)), category=OuterRef("category"))
        .exclude(Exists(between))
    )


def _total(rows: QuerySet, value: Any) -> Coalesce:
    """``value`` aggregated over ``rows`` (0 when there are none): a correlated subquery."""
    one_group = rows.order_by().annotate(one=Value(1)).values("one")
    return Coalesce(Subquery(one_group.annotate(total=value).values("total")), Value(0))


def _under(rows: QuerySet) -> QuerySet:
    """``rows`` (annotated with the ``kind`` of quota they fill) of the kind of the quota one query out, in
    its unit's subtree: found through the units of the subtree, so that the rows are read by their unit's
    index rather than each compared with the quota's path."""
    units = Organization.objects.unrestricted().filter(path__startswith=OuterRef(OuterRef(PATH)))
    return rows.filter(organization_id__in=units.values("pk"), kind=OuterRef("category"))


def _own(day: dt.date, rows: QuerySet) -> Any:
    """The number of ``rows`` in the own share of the quota one query out: those of its subtree less those of
    the subtrees of the nearest holders below it (one scan of ``rows`` per quota and per nearest holder,
    rather than a search for the nearest holder of each row)."""
    counted = _total(_under(rows), Count("pk"))
    return counted - _total(
        _nearest_below(day).annotate(counted=_total(_under(rows), Count("pk"))), Sum("counted")
    )


def _kind() -> Case:
    """The kind of quota a person's category fills."""
    return Case(
        *[
            When(category__in=categories, then=Value(str(kind)))
            for kind, categories in QUOTA_FILLED_BY.items()
        ],
        default=Value(""),
    )


def quotas_in_force(user: Any, as_of: dt.date) -> QuerySet[StaffingQuota]:
    """The approved quotas in force on ``as_of`` the user may see, each with its own share of the quantity
    (``own_quota``), of the persons filling it (``own_headcount``) and of the streamlining cases of the year
    (``own_streamlined``), its vacancy and its excess."""
    persons = Assignment.objects.unrestricted().as_of(as_of).filter(is_primary=True).annotate(kind=_kind())
    year = (dt.date(as_of.year, 1, 1), dt.date(as_of.year, 12, 31))
    cases = (
        StreamliningCase.objects.unrestricted()
        .filter(status__in=(Workflow.APPROVED, Workflow.DONE), leave_date__range=year)
        .annotate(kind=F("category"))
    )
    return (
        StaffingQuota.objects.restrict(user)
        .as_of(as_of)
        .filter(status=Workflow.APPROVED)
        .annotate(
            own_quota=F("quantity") - _total(_nearest_below(as_of), Sum("quantity")),
            own_headcount=_own(as_of, persons),
            own_streamlined=_own(as_of, cases),
        )
        .annotate(
            own_vacant=Greatest(F("own_quota") - F("own_headcount"), Value(0), output_field=IntegerField()),
            own_over=Greatest(F("own_headcount") - F("own_quota"), Value(0), output_field=IntegerField()),
        )
    )


def _of_kind(kind: str | None, positive: str | None = None) -> Any:
    def condition(day: dt.date) -> Q:
        narrower = Q() if kind is None else Q(category=kind)
        return narrower & Q(**{f"{positive}__gt": 0}) if positive else narrower

    return condition


KINDS = (
    (None, _("Tổng số")),
    (QuotaCategory.CIVIL_SERVANT, _("Công chức")),
    (QuotaCategory.PUBLIC_EMPLOYEE, _("Viên chức (người làm việc)")),
    (QuotaCategory.COMMUNE, _("Cán bộ, công chức cấp xã")),
    (QuotaCategory.SUPPORT_CONTRACT, _("Hợp đồng hỗ trợ, phục vụ")),
)


def _figures() -> tuple[Figure, ...]:
    figures = []
    for field, header, key in (
        ("own_quota", _("Biên chế được giao"), "quota"),
        ("own_headcount", _("Số người hiện có"), "headcount"),
    ):
        figures += [
            Figure(f"{key}_{kind or 'all'}", label, header, _of_kind(kind), field) for kind, label in KINDS
        ]
    difference = _("Chênh lệch, tinh giản")
    figures += [
        Figure(
            "vacant", _("Còn thiếu so với biên chế"), difference, _of_kind(None, "own_vacant"), "own_vacant"
        ),
        Figure("over", _("Vượt biên chế"), difference, _of_kind(None, "own_over"), "own_over"),
        Figure(
            "streamlined",
            _("Tinh giản trong năm"),
            difference,
            _of_kind(None, "own_streamlined"),
            "own_streamlined",
        ),
    ]
    return tuple(figures)


class ReportedQuotaPresenter(Presenter):
    """A quota of a cell of the report, with its own share of the quantity and of the persons."""

    columns = [
        Column("organization", _("Đơn vị"), read=lambda q: q.organization.name),
        Column("category", _("Loại biên chế"), read=lambda q: QuotaCategory(q.category)),
        Column("year", _("Năm")),
        Column("quantity", _("Số lượng được giao")),
        Column("own_quota", _("Phần giữ lại")),
        Column("own_headcount", _("Số người hiện có")),
        Column("own_streamlined", _("Tinh giản trong năm")),
        Column("decision", _("Quyết định"), read=lambda q: q.decision_label),
    ]


def listing(user: Any, as_of: dt.date, ids: QuerySet) -> QuerySet[StaffingQuota]:
    """The quotas of a cell with their shares of that day."""
    return quotas_in_force(user, as_of).filter(pk__in=ids).select_related("organization")


QUOTA_REPORT = statistical_reports.register(
    StatisticalReport(
        key="staffing-quotas",
        title=_("Biên chế được giao, số người hiện có và tinh giản biên chế"),
        order=50,
        form=FORM,
        figures=_figures(),
        facts=quotas_in_force,
        listing=listing,
        presenter=ReportedQuotaPresenter,
        columns=(
            "organization",
            "category",
            "year",
            "quantity",
            "own_quota",
            "own_headcount",
            "own_streamlined",
            "decision",
        ),
        link=lambda quota: reverse("staffing:quota", args=[quota.pk]),
        person="pk",
        chart=("quota_all", "headcount_all"),
        ordering=("organization__path", "category", "pk"),
        listing_title=_("Danh sách biên chế được giao được tính"),
        description=_(
            "Biên chế đã phê duyệt đang hiệu lực vào ngày tính; mỗi biên chế tính phần giữ lại (trừ biên "
            "chế đã giao cho đơn vị cấp dưới) và số người hiện có trong phạm vi phần đó, để cộng dồn lên "
            "tỉnh và toàn quốc không tính trùng."
        ),
    )
)
