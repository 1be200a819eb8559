"""The filters of the electronic dossier's reports: the unit subtree, a data field missing, an identifier
problem, as of a date (the record's facts in force then); the proposals, the integrity findings and the
reconciliation with the national database."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from noivu.core.filters import Filter, FilterSet, choice_field, equals, keep_all
from noivu.core.widgets import tree_field
from noivu.edossier.engine import PROBLEM_LABELS, data_groups
from noivu.edossier.integrity import table_labels
from noivu.edossier.models import IntegrityFindingKind, ProposalKind, ProposalStatus
from noivu.organizations.filters import unit_path, within_unit
from noivu.personnel.records.filters import within_unit_on


def _field_choices() -> list[tuple[str, Any]]:
    # A callable: the labels are read in the page's language when the form is drawn.
    return [
        ("", _("Thiếu bất kỳ trường nào")),
        *((field.code, field.name) for field in data_groups().required),
    ]


class QualityFilters(FilterSet):
    """Persons of a unit's subtree (by their assignment on the as-of day)."""

    organization = Filter(
        tree_field(_("Đơn vị")),
        within_unit_on,
        description="Mã đơn vị: người thuộc đơn vị đó và các đơn vị bên dưới.",
    )


class MissingFilters(QualityFilters):
    """Persons lacking a required field of the data groups, or every person lacking one."""

    missing = Filter(
        forms.ChoiceField(label=_("Thiếu trường thông tin"), required=False, choices=_field_choices),
        keep_all,
        description="Mã trường thông tin bắt buộc (xem /edossier/groups).",
    )


class IdentifierFilters(QualityFilters):
    """Persons whose dossier identifier fails, by problem."""

    problem = Filter(
        choice_field(list(PROBLEM_LABELS.items()), _("Lỗi"), _("Mọi lỗi")),
        keep_all,
        description="Mã lỗi của số định danh: " + ", ".join(PROBLEM_LABELS),
    )


def _organization_subtree(rows: Any, code: str, filters: FilterSet) -> Any:
    path = unit_path(code)
    return rows.none() if path is None else rows.filter(person__organization__path__startswith=path)


class ProposalFilters(FilterSet):
    """Self-service proposals of a unit's subtree, by state and kind (waiting ones by default)."""

    offers_as_of = False

    organization = Filter(
        tree_field(_("Đơn vị")),
        _organization_subtree,
        description="Mã đơn vị: đề nghị của người thuộc đơn vị đó và các đơn vị bên dưới.",
    )
    status = Filter(
        choice_field(list(ProposalStatus.choices), _("Trạng thái"), _("Mọi trạng thái")),
        equals("status"),
        description="Trạng thái: " + ", ".join(ProposalStatus.values),
    )
    kind = Filter(
        choice_field(list(ProposalKind.choices), _("Nội dung đề nghị"), _("Mọi nội dung")),
        equals("kind"),
        description="Nội dung: " + ", ".join(ProposalKind.values),
    )


def _table_choices() -> list[tuple[str, Any]]:
    return [("", _("Mọi bảng")), *table_labels().items()]


class IntegrityFindingFilters(FilterSet):
    """Findings of the integrity check of a unit's subtree, by kind and by table."""

    offers_as_of = False

    organization = Filter(
        tree_field(_("Đơn vị")),
        _organization_subtree,
        description="Mã đơn vị: phát hiện về người thuộc đơn vị đó và các đơn vị bên dưới.",
    )
    kind = Filter(
        choice_field(list(IntegrityFindingKind.choices), _("Loại phát hiện"), _("Mọi loại")),
        equals("kind"),
        description="Loại phát hiện: row (dữ liệu sửa ngoài nghiệp vụ), history (lịch sử bị sửa hoặc xóa).",
    )
    table = Filter(
        forms.ChoiceField(label=_("Bảng"), required=False, choices=_table_choices),
        equals("table"),
        description="Tên bảng dữ liệu (ví dụ personnel_person, personnel_rankhistory).",
    )


class ReconciliationFilters(FilterSet):
    """Units of a subtree in the reconciliation report, all or only those that differ."""

    offers_as_of = False

    organization = Filter(
        tree_field(_("Đơn vị")),
        within_unit("path"),
        description="Mã đơn vị: đơn vị đó và các đơn vị bên dưới.",
    )
    differs = Filter(
        choice_field([("1", _("Chỉ đơn vị có chênh lệch"))], _("Chênh lệch"), _("Mọi đơn vị")),
        keep_all,
        description="1: chỉ các đơn vị có số lượng hoặc tổng kiểm tra khác với máy nhận.",
    )
