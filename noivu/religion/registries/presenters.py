"""What a user sees of a row of the registries, on the page, in the API and in the export. A dignitary's
birth year is personal data (Nghị định 13/2023/NĐ-CP): masked unless the user may see personal data of the
managing unit."""

from django.utils.translation import gettext_lazy as _

from noivu.core.presenters import Column, Presenter, mask_all

COMMON_HEAD = [Column("name", _("Tên"), sort="name_folded")]
COMMON_TAIL = [
    Column("commune_code", _("Mã xã, phường"), sort="commune_code"),
    Column("organization__name", _("Cơ quan quản lý")),
    Column("effective_from", _("Từ ngày"), sort="effective_from"),
    Column("effective_to", _("Đến ngày")),
]


class OrganizationPresenter(Presenter):
    columns = [
        *COMMON_HEAD,
        Column("kind", _("Loại"), read=lambda row: row.get_kind_display()),
        Column("religion__name", _("Tôn giáo")),
        Column("parent__name", _("Tổ chức cấp trên")),
        Column("decision_number", _("Số quyết định")),
        *COMMON_TAIL,
    ]


class PlacePresenter(Presenter):
    columns = [
        *COMMON_HEAD,
        Column("kind", _("Loại cơ sở"), read=lambda row: row.get_kind_display()),
        Column("religion__name", _("Tôn giáo")),
        Column("religious_organization__name", _("Tổ chức tôn giáo")),
        Column("address", _("Địa chỉ")),
        Column("latitude", _("Vĩ độ")),
        Column("longitude", _("Kinh độ")),
        *COMMON_TAIL,
    ]


class DignitaryPresenter(Presenter):
    columns = [
        *COMMON_HEAD,
        Column("kind", _("Loại"), read=lambda row: row.get_kind_display()),
        Column("title", _("Phẩm vị, chức vụ")),
        Column("birth_year", _("Năm sinh"), personal=mask_all),
        Column("religious_organization__name", _("Tổ chức tôn giáo")),
        Column("place__name", _("Nơi hoạt động")),
        *COMMON_TAIL,
    ]


class GroupPresenter(Presenter):
    columns = [
        *COMMON_HEAD,
        Column("religion__name", _("Tôn giáo")),
        Column("representative", _("Người đại diện")),
        Column("members", _("Số người")),
        Column("address", _("Địa điểm sinh hoạt")),
        *COMMON_TAIL,
    ]
