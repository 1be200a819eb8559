"""Export of a person list to Excel (kết xuất danh sách hồ sơ ra Excel)."""

import io

from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from noivu.accounts.roles import Action
from noivu.accounts.scoping import scope
from noivu.personnel.models import Category, Gender, Person

DATE_FORMAT = "DD/MM/YYYY"


def person_workbook(user, persons: QuerySet[Person]) -> bytes:
    """An .xlsx of ``persons`` with Vietnamese headers and dd/mm/yyyy dates.

    The CCCD number is written in full only for persons in the subtrees where ``user`` may see
    personal data, masked elsewhere, exactly as on the person's page.
    """
    rows = persons.select_related("organization").annotate(
        personal_data=Exists(scope(user, Person.objects.filter(pk=OuterRef("pk")), Action.VIEW_PERSONAL_DATA))
    )
    genders = dict(Gender.choices)
    categories = dict(Category.choices)
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Danh sách hồ sơ"))
    for column, width in zip("ABCDEFGH", (6, 30, 12, 10, 16, 14, 20, 40), strict=True):
        sheet.column_dimensions[column].width = width
    headers = [
        _("STT"),
        _("Họ và tên"),
        _("Ngày sinh"),
        _("Giới tính"),
        _("Số CCCD/định danh cá nhân"),
        _("Dân tộc"),
        _("Đối tượng"),
        _("Đơn vị"),
    ]
    header_cells = []
    for header in headers:
        cell = WriteOnlyCell(sheet, value=header)
        cell.font = Font(bold=True)
        header_cells.append(cell)
    sheet.append(header_cells)
    for number, person in enumerate(rows.iterator(chunk_size=2000), start=1):
        birth = WriteOnlyCell(sheet, value=person.birth_date)
        birth.number_format = DATE_FORMAT
        sheet.append(
            [
                number,
                person.full_name,
                birth,
                str(genders.get(person.gender, person.gender)),
                person.cccd_number if person.personal_data else person.cccd_masked,
                person.ethnic_group,
                str(categories.get(person.category, person.category)),
                person.organization.name,
            ]
        )
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()
