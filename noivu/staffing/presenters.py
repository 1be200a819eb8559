"""What a user sees of staffing rows, for the pages, the API and the Excel exports. None of these rows holds
personal data beyond a person's name, which every role reading the unit sees."""

from django.utils.translation import gettext_lazy as _

from noivu.core.money import format_dong
from noivu.core.presenters import Column, Presenter
from noivu.staffing.benefits import regime_label
from noivu.staffing.models import QuotaCategory, RestructuringKind, StreamliningPolicy, Workflow


class QuotaPresenter(Presenter):
    columns = [
        Column("organization", _("Đơn vị"), read=lambda q: q.organization.name, sort="organization__path"),
        Column("year", _("Năm"), sort="year"),
        Column("category", _("Loại biên chế"), read=lambda q: QuotaCategory(q.category)),
        Column("quantity", _("Số lượng"), sort="quantity"),
        Column("status", _("Trạng thái"), read=lambda q: Workflow(q.status)),
        Column("decision", _("Quyết định"), read=lambda q: q.decision_label),
    ]


class RestructuringPresenter(Presenter):
    columns = [
        Column("organization", _("Đơn vị được sắp xếp"), read=lambda e: e.old_name or e.organization.name),
        Column("kind", _("Hình thức"), read=lambda e: RestructuringKind(e.kind)),
        Column(
            "successor", _("Đơn vị tiếp nhận"), read=lambda e: e.successor.name if e.successor else e.new_name
        ),
        Column("effective_date", _("Ngày hiệu lực"), sort="effective_date"),
        Column("status", _("Trạng thái"), read=lambda e: Workflow(e.status)),
        Column("persons_moved", _("Số người chuyển")),
        Column("decision", _("Quyết định"), read=lambda e: e.decision_label),
    ]


class CasePresenter(Presenter):
    columns = [
        Column("person", _("Họ và tên"), read=lambda c: c.person.full_name, sort="person__full_name_folded"),
        Column("organization", _("Đơn vị"), read=lambda c: c.organization.name),
        Column("policy", _("Chính sách"), read=lambda c: StreamliningPolicy(c.policy)),
        Column("regime", _("Văn bản áp dụng"), read=lambda c: regime_label(c.regime)),
        Column("leave_date", _("Ngày nghỉ"), sort="leave_date"),
        Column(
            "benefit_total",
            _("Tổng trợ cấp"),
            read=lambda c: format_dong(c.benefit_total),
            sort="benefit_total",
        ),
        Column("status", _("Trạng thái"), read=lambda c: Workflow(c.status)),
    ]
