"""The column list of the personnel workbook (danh sách cột của mẫu Excel hồ sơ), declared once.

Template, reader, validation, importer, error workbook, exporter and the user documentation all read
:data:`COLUMNS`; adding a column is adding one line here. ``target`` names the model field the column
fills ("person.<field>" or "assignment.<field>"); its maximum length comes from the model field.
"""

from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from noivu.core.excel.errors import ERROR_HEADER
from noivu.core.fields import concrete_field
from noivu.core.text import fold
from noivu.personnel.dossier import registry
from noivu.personnel.models import Assignment, Person


class Kind(StrEnum):
    """How a column's cells are read and checked."""

    SEQUENCE = "sequence"  # STT: any value, not stored
    NAME = "name"
    TEXT = "text"
    DATE = "date"
    GENDER = "gender"
    CATEGORY = "category"
    ETHNIC_GROUP = "ethnic_group"
    RELIGION = "religion"
    CCCD = "cccd"
    ORGANIZATION = "organization"
    PHONE = "phone"
    EMAIL = "email"
    INFORMATION = "information"  # written by export or the error workbook, ignored on import


@dataclass(frozen=True)
class Column:
    header: str
    target: str | None
    kind: Kind
    required: bool = False
    doc: Any = ""  # a lazily translated explanation
    example: str = ""
    width: int = 16

    @cached_property
    def key(self) -> str:
        return fold(self.header)

    @cached_property
    def model_field(self) -> models.Field | None:
        if self.target is None:
            return None
        model_name, field = self.target.split(".")
        model = {"person": Person, "assignment": Assignment}[model_name]
        return concrete_field(model, field)

    @property
    def max_length(self) -> int | None:
        return getattr(self.model_field, "max_length", None)

    @property
    def imported(self) -> bool:
        return self.kind not in (Kind.SEQUENCE, Kind.INFORMATION)


# The order is the template's order. Headers are matched ignoring case and diacritics.
# fmt: off
COLUMNS: tuple[Column, ...] = (
    Column("STT", None, Kind.SEQUENCE,
           doc=_("Số thứ tự, không bắt buộc; không được lưu."), example="1", width=6),
    Column("Họ và tên", "person.full_name", Kind.NAME, required=True,
           doc=_("Họ, chữ đệm và tên khai sinh, có dấu."), example="Nguyễn Văn An", width=28),
    Column("Tên gọi khác", "person.other_names", Kind.TEXT,
           doc=_("Bí danh, tên thường gọi (nếu có)."), width=18),
    Column("Ngày sinh", "person.birth_date", Kind.DATE, required=True,
           doc=_("dd/mm/yyyy hoặc ô kiểu ngày của Excel; tuổi từ 18 đến 70 tại ngày bắt đầu công tác."),
           example="17/05/1985", width=12),
    Column("Giới tính", "person.gender", Kind.GENDER, required=True,
           doc=_("Nam hoặc Nữ."), example="Nam", width=10),
    Column("Số CCCD", "person.cccd_number", Kind.CCCD, required=True,
           doc=_("Số định danh cá nhân 12 chữ số, nhập dạng văn bản để giữ số 0 đầu; khớp năm sinh và giới "
               "tính; không trùng trong tệp và với hồ sơ đã có."), example="001085012345", width=16),
    Column("Ngày cấp CCCD", "person.cccd_issued_on", Kind.DATE, doc=_("dd/mm/yyyy, không trước ngày sinh."),
           example="10/03/2021", width=12),
    Column("Nơi cấp CCCD", "person.cccd_issued_by", Kind.TEXT,
           example="Cục Cảnh sát quản lý hành chính về trật tự xã hội", width=24),
    Column("Dân tộc", "person.ethnic_group", Kind.ETHNIC_GROUP,
           doc=_("Tên hoặc mã theo danh mục 54 dân tộc (ví dụ Kinh, Tày, Mông hoặc 01)."),
           example="Kinh", width=12),
    Column("Tôn giáo", "person.religion", Kind.RELIGION, doc=_("Tên tôn giáo theo danh mục, hoặc «Không»."),
           example="Không", width=14),
    Column("Điện thoại", "person.phone", Kind.PHONE, doc=_("Số điện thoại, 8–15 chữ số."),
           example="0912345678"),
    Column("Thư điện tử", "person.email", Kind.EMAIL, example="an.nv@snv.gov.vn", width=24),
    Column("Ngày tuyển dụng", "person.recruited_on", Kind.DATE, doc=_("dd/mm/yyyy."),
           example="01/09/2010", width=12),
    Column("Mã đơn vị", "assignment.organization", Kind.ORGANIZATION, required=True,
           doc=_("Mã cơ quan, đơn vị trong hệ thống (trang «Đơn vị» của tệp mẫu); phải thuộc phạm vi bạn "
                 "được cập nhật hồ sơ."), example="T01-SNV", width=14),
    Column("Tên đơn vị", None, Kind.INFORMATION,
           doc=_("Chỉ để đọc (tệp kết xuất ghi tên đơn vị); khi nhập, cột này được bỏ qua."), width=30),
    Column("Đối tượng", "assignment.category", Kind.CATEGORY, required=True,
           doc=_("Cán bộ, Công chức, Viên chức, Hợp đồng lao động…"), example="Công chức", width=16),
    Column("Ngày bắt đầu công tác tại đơn vị", "assignment.effective_from", Kind.DATE, required=True,
           doc=_("dd/mm/yyyy: ngày bắt đầu quá trình công tác tại đơn vị."), example="01/09/2010", width=14),
    Column("Chức vụ/chức danh", "assignment.position_title", Kind.TEXT, example="Chuyên viên", width=22),
)
# fmt: on

# The error workbook adds this column; reading a corrected error workbook back ignores it.
ERROR_COLUMN = Column(
    ERROR_HEADER, None, Kind.INFORMATION, doc=_("Do hệ thống ghi trong tệp báo lỗi."), width=60
)

BY_KEY: dict[str, Column] = {column.key: column for column in (*COLUMNS, ERROR_COLUMN)}


def registered_columns() -> tuple[Column, ...]:
    """The read-only columns other parts of the record add to the export (ignored on import)."""
    return tuple(
        Column(column.header, None, Kind.INFORMATION, doc=column.doc, width=column.width)
        for column in registry.export_columns()
    )


def known_columns() -> dict[str, Column]:
    """Every header a workbook of ours may carry, by folded header."""
    return {**BY_KEY, **{column.key: column for column in registered_columns()}}


IMPORTED: tuple[Column, ...] = tuple(column for column in COLUMNS if column.imported)
REQUIRED: tuple[Column, ...] = tuple(column for column in COLUMNS if column.required)


def by_target(target: str) -> Column:
    return next(column for column in COLUMNS if column.target == target)
