"""What a user sees of a person in a list, the API, the Excel export and the CV (trình bày hồ sơ).

Personal data (the CCCD number) is shown in full only where :func:`noivu.personnel.privacy.
personal_data_visible` allows it, masked by :func:`noivu.personnel.masking.mask_cccd` elsewhere: one
rule for every channel.
"""

from typing import Any

from django.utils.translation import gettext_lazy as _

from noivu.core.presenters import Column, Presenter, mask_all
from noivu.personnel import privacy
from noivu.personnel.masking import mask_cccd, mask_email, mask_phone
from noivu.personnel.models import Category, Gender, Person


def _unit(person: Person) -> str:
    # Lists annotate the unit of their as-of day; a person read alone shows their current unit.
    return getattr(person, "unit_name", None) or person.organization.name


def _unit_path(person: Person) -> str | None:
    return getattr(person, "unit_path", None) or person.organization.path


def _category(person: Person) -> Category | None:
    code = getattr(person, "category_held", None) or person.category
    return Category(code) if code in Category.values else None


class PersonPresenter(Presenter):
    """The columns of a person row; ``cccd_number`` is personal data."""

    columns = [
        Column("full_name", _("Họ và tên"), sort="full_name_folded"),
        Column("birth_date", _("Ngày sinh"), sort="birth_date"),
        Column("gender", _("Giới tính"), read=lambda person: Gender(person.gender)),
        Column("category", _("Đối tượng"), read=_category),
        Column("unit", _("Đơn vị"), read=_unit, sort="unit_name", place=_unit_path),
        Column("rank", _("Mã ngạch"), read=lambda person: getattr(person, "rank_held", None)),
        Column("cccd_number", _("Số CCCD"), personal=mask_cccd),
        Column("phone", _("Điện thoại"), personal=mask_phone),
        Column("email", _("Thư điện tử"), personal=mask_email),
        Column("social_insurance_number", _("Số sổ bảo hiểm xã hội"), personal=mask_all),
        Column("personal_history", _("Đặc điểm lịch sử bản thân"), personal=mask_all),
    ]

    def shows_personal_data(self, row: Any) -> bool:
        return privacy.personal_data_visible(self.user, row)

    def cccd_at(self, path: str, number: str) -> str:
        """The same rule for a row read as values (the export), by the tree path of its unit."""
        return self.value_at(path, "cccd_number", number)

    def value_at(self, path: str, name: str, value: Any) -> Any:
        """Column ``name``'s ``value`` of a row read as values, masked by the tree path of its unit."""
        column = self.column(name)
        if column.personal is None or privacy.visible_at(self.user, path):
            return value
        return column.personal(value)

    def cccd(self, person: Person) -> tuple[str | None, bool]:
        """The CCCD number as this user may see it, and whether it is masked."""
        shown = self.value(person, self.column("cccd_number"))
        masked = bool(person.cccd_number) and not self.shows_personal_data(person)
        return shown or None, masked
