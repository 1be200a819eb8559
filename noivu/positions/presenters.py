"""What a user sees of job-position rows, for the pages, the API and the exports. None holds personal data
beyond a person's name, which every role reading the agency sees."""

from django.utils.translation import gettext_lazy as _

from noivu.core.presenters import Column, Presenter
from noivu.positions.models import PositionGroup, ProjectStatus, StaffKind


class ProjectPresenter(Presenter):
    columns = [
        Column(
            "organization",
            _("Cơ quan, đơn vị"),
            read=lambda p: p.organization.name,
            sort="organization__path",
        ),
        Column("staff_kind", _("Đối tượng"), read=lambda p: StaffKind(p.staff_kind)),
        Column("version", _("Phiên bản"), sort="version"),
        Column("status", _("Trạng thái"), read=lambda p: ProjectStatus(p.status), sort="status"),
        Column("submitted_on", _("Ngày gửi"), sort="submitted_on"),
        Column("decision", _("Quyết định phê duyệt"), read=lambda p: p.decision_label),
    ]


class CatalogPresenter(Presenter):
    columns = [
        Column("code", _("Mã"), sort="code"),
        Column("name", _("Tên vị trí việc làm"), sort="name"),
        Column("group", _("Nhóm"), read=lambda c: PositionGroup(c.group)),
        Column("staff_kind", _("Đối tượng"), read=lambda c: StaffKind(c.staff_kind)),
        Column("min_rank_code", _("Ngạch tối thiểu")),
        Column("required", _("Bắt buộc"), read=lambda c: _("Có") if c.required else ""),
    ]


class CampaignPresenter(Presenter):
    columns = [
        Column("title", _("Tên đợt"), sort="title"),
        Column("organization", _("Cơ quan mở đợt"), read=lambda c: c.organization.name),
        Column("staff_kind", _("Đối tượng"), read=lambda c: StaffKind(c.staff_kind)),
        Column("opened_on", _("Ngày mở"), sort="opened_on"),
        Column("deadline", _("Hạn phê duyệt"), sort="deadline"),
    ]
