"""Column-by-column validation of an imported sheet (kiểm tra dữ liệu nhập): every problem becomes a
:class:`RowError` naming the Excel row, the column header and the rule.

Each column is parsed once per distinct value (a file repeats the same unit codes, categories and dates
many times); the database is asked once per batch of values (units in scope, identification numbers
already recorded), never once per row.
"""

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, cast

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import connection, models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from noivu.core import dates, rules
from noivu.core.permissions import Action
from noivu.core.text import fold, is_person_name, is_phone_number, normalize, text_problem
from noivu.organizations.models import Organization
from noivu.personnel import codelists
from noivu.personnel.excel.columns import COLUMNS, Column, Kind, by_target
from noivu.personnel.excel.reader import Sheet
from noivu.personnel.identity.cccd import PROVINCE_TABLE, validate_cccd
from noivu.personnel.models import CCCD_TAKEN, MAX_AGE, MIN_AGE, Category, Gender, Person

QUERY_BATCH = 5_000


class Rule(StrEnum):
    """Names of the rules, as the error workbook shows them."""

    REQUIRED = "bat_buoc"
    TYPE = "kieu_du_lieu"
    DATE = "ngay_thang"
    MAX_LENGTH = "do_dai"
    NAME = "ho_ten"
    CODE_LIST = "danh_muc"
    AGE = "tuoi"
    DATE_ORDER = "thu_tu_ngay"
    CCCD = "cccd"
    DUPLICATE_IN_FILE = "trung_trong_tep"
    DUPLICATE_IN_DATABASE = "trung_co_so_du_lieu"
    ORGANIZATION_UNKNOWN = "don_vi_khong_co"
    ORGANIZATION_OUT_OF_SCOPE = "don_vi_ngoai_pham_vi"
    ORGANIZATION_NOT_IN_FORCE = "don_vi_het_hieu_luc"
    PHONE = "dien_thoai"
    EMAIL = "thu_dien_tu"
    TEXT = "ky_tu"


RULE_LABELS: dict[str, Any] = {
    Rule.REQUIRED: gettext_lazy("Bắt buộc nhập"),
    Rule.TYPE: gettext_lazy("Kiểu dữ liệu"),
    Rule.DATE: gettext_lazy("Ngày tháng hợp lệ"),
    Rule.MAX_LENGTH: gettext_lazy("Độ dài tối đa"),
    Rule.NAME: gettext_lazy("Họ và tên hợp lệ"),
    Rule.CODE_LIST: gettext_lazy("Giá trị trong danh mục"),
    Rule.AGE: gettext_lazy("Độ tuổi hợp lý"),
    Rule.DATE_ORDER: gettext_lazy("Thứ tự các ngày"),
    Rule.CCCD: gettext_lazy("Số CCCD hợp lệ"),
    Rule.DUPLICATE_IN_FILE: gettext_lazy("Trùng trong tệp"),
    Rule.DUPLICATE_IN_DATABASE: gettext_lazy("Trùng với hồ sơ đã có"),
    Rule.ORGANIZATION_UNKNOWN: gettext_lazy("Đơn vị không có"),
    Rule.ORGANIZATION_OUT_OF_SCOPE: gettext_lazy("Đơn vị ngoài phạm vi"),
    Rule.ORGANIZATION_NOT_IN_FORCE: gettext_lazy("Đơn vị hết hiệu lực"),
    Rule.PHONE: gettext_lazy("Số điện thoại"),
    Rule.EMAIL: gettext_lazy("Thư điện tử"),
    Rule.TEXT: gettext_lazy("Ký tự cho phép"),
    "cccd.format": gettext_lazy("CCCD: gồm 12 chữ số"),
    "cccd.not_digits": gettext_lazy("CCCD: chỉ gồm chữ số"),
    "cccd.wrong_length": gettext_lazy("CCCD: gồm 12 chữ số"),
    "cccd.province_unknown": gettext_lazy("CCCD: mã tỉnh đăng ký khai sinh"),
    "cccd.century_mismatch": gettext_lazy("CCCD: mã thế kỷ khớp năm sinh"),
    "cccd.birth_year_mismatch": gettext_lazy("CCCD: năm sinh khớp ngày sinh"),
    "cccd.gender_mismatch": gettext_lazy("CCCD: mã giới tính khớp giới tính"),
}
"""What the user reads for each rule (the error table and the error workbook), never its internal name."""


def rule_label(rule: str) -> str:
    label = RULE_LABELS.get(rule) or RULE_LABELS.get(rule.split(".", 1)[0])
    return str(label) if label is not None else str(gettext_lazy("Quy tắc khác"))


@dataclass(frozen=True)
class RowError:
    """One problem: Excel row number, column header, rule name and a Vietnamese message."""

    row: int
    column: str
    rule: str
    message: str

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "rule": self.rule, "message": self.message}


@dataclass
class Validated:
    """The cleaned columns, keyed by model target ("person.birth_date"), aligned with ``row_numbers``."""

    row_numbers: list[int]
    values: dict[str, list[Any]] = field(default_factory=dict)
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


class _Invalid(Exception):
    def __init__(self, rule: Rule, message: str):
        self.rule, self.message = rule, message


_DATE = re.compile(r"^\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})\s*$")


def _text(value: Any) -> str:
    if isinstance(value, bool):
        raise _Invalid(Rule.TYPE, _("Ô phải chứa chữ, không phải giá trị đúng/sai."))
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.date | dt.datetime):
        raise _Invalid(Rule.TYPE, _("Ô phải chứa chữ, không phải ngày tháng."))
    text = normalize(str(value))
    problem = text_problem(text)
    if problem is not None:
        raise _Invalid(Rule.TEXT, problem)
    return text


def _check_length(text: str, column: Column) -> str:
    if column.max_length and len(text) > column.max_length:
        raise _Invalid(
            Rule.MAX_LENGTH,
            _("Dài %(length)s ký tự, tối đa %(max)s ký tự.")
            % {"length": f"{len(text):,}", "max": column.max_length},
        )
    return text


def _parse_text(value: Any, column: Column) -> str:
    return _check_length(_text(value), column)


def _parse_name(value: Any, column: Column) -> str:
    if not isinstance(value, str):
        raise _Invalid(Rule.TYPE, _("Họ và tên phải là chữ."))
    name = _check_length(normalize(value), column)
    if not is_person_name(name):
        raise _Invalid(Rule.NAME, _("Họ và tên chỉ gồm chữ cái, dấu cách, dấu nháy hoặc gạch nối."))
    return name


def _parse_date(value: Any, column: Column) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        found = _DATE.match(value)
        if found is None:
            raise _Invalid(
                Rule.DATE, _("«%(value)s» không phải ngày dạng dd/mm/yyyy.") % {"value": value[:40]}
            )
        day, month, year = (int(part) for part in found.groups())
        try:
            parsed = dt.date(year, month, day)
        except ValueError:
            raise _Invalid(Rule.DATE, _("Ngày %(value)s không tồn tại.") % {"value": value.strip()}) from None
        if not dates.is_plausible(parsed):
            raise _Invalid(Rule.DATE, _("Năm %(year)s không hợp lý.") % {"year": parsed.year})
        return parsed
    raise _Invalid(Rule.TYPE, _("Ô phải là ngày (dd/mm/yyyy) hoặc ô kiểu ngày của Excel, không phải số."))


def _choice_parser(choices: type[models.Choices]) -> Callable[[Any, Column], str]:
    lookup: dict[str, str] = {}
    for code, label in choices.choices:
        lookup[fold(str(label))] = code
        lookup[fold(code)] = code

    def parse(value: Any, column: Column) -> str:
        code = lookup.get(fold(_text(value)))
        if code is None:
            raise _Invalid(
                Rule.CODE_LIST,
                _("«%(value)s» không có trong danh mục; dùng một trong: %(labels)s.")
                % {
                    "value": str(value)[:40],
                    "labels": ", ".join(str(label) for _code, label in choices.choices),
                },
            )
        return code

    return parse


def _codelist_parser(code_list: Callable[[], codelists.CodeList]) -> Callable[[Any, Column], str]:
    def parse(value: Any, column: Column) -> str:
        if isinstance(value, float) and value.is_integer():
            value = f"{int(value):02d}"  # a code such as "01" typed into a number cell
        code = code_list().resolve(_text(value))
        if code is None:
            raise _Invalid(
                Rule.CODE_LIST,
                _("«%(value)s» không có trong danh mục %(column)s (xem trang «Danh mục» của tệp mẫu).")
                % {"value": str(value)[:40], "column": column.header},
            )
        return code

    return parse


def _parse_cccd(value: Any, column: Column) -> str:
    if not isinstance(value, str):
        raise _Invalid(
            Rule.TYPE,
            _("Số CCCD phải nhập dạng văn bản (định dạng ô Text) để giữ các số 0 ở đầu."),
        )
    number = "".join(value.split())
    if len(number) != 12 or not number.isdigit():
        raise _Invalid(Rule.CCCD, _("Số CCCD phải gồm đúng 12 chữ số."))
    return number


def _parse_organization_code(value: Any, column: Column) -> str:
    return _text(value)


def _parse_phone(value: Any, column: Column) -> str:
    phone = _text(value)
    if not is_phone_number(phone):
        raise _Invalid(Rule.PHONE, _("Số điện thoại phải gồm 8–15 chữ số."))
    return _check_length(phone, column)


def _parse_email(value: Any, column: Column) -> str:
    email = _text(value)
    try:
        validate_email(email)
    except ValidationError:
        raise _Invalid(
            Rule.EMAIL, _("«%(value)s» không phải địa chỉ thư điện tử.") % {"value": email[:60]}
        ) from None
    return _check_length(email, column)


PARSERS: dict[Kind, Callable[[Any, Column], Any]] = {
    Kind.NAME: _parse_name,
    Kind.TEXT: _parse_text,
    Kind.DATE: _parse_date,
    Kind.GENDER: _choice_parser(Gender),
    Kind.CATEGORY: _choice_parser(Category),
    Kind.ETHNIC_GROUP: _codelist_parser(codelists.ethnic_groups),
    Kind.RELIGION: _codelist_parser(codelists.religions),
    Kind.CCCD: _parse_cccd,
    Kind.ORGANIZATION: _parse_organization_code,
    Kind.PHONE: _parse_phone,
    Kind.EMAIL: _parse_email,
}


def _empty_value(column: Column) -> Any:
    return (
        ""
        if column.kind in (Kind.NAME, Kind.TEXT, Kind.ETHNIC_GROUP, Kind.RELIGION, Kind.PHONE, Kind.EMAIL)
        else None
    )


def _is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


_EMPTY = object()


def _parse_column(raw: Sequence[Any], column: Column, rows: list[int], errors: list[RowError]) -> list[Any]:
    """The cleaned values of one column; each distinct raw value is parsed once."""
    parse = PARSERS[column.kind]
    empty = None if column.required else _empty_value(column)
    # 1, 1.0 and True are equal as keys but not as cells: only strings are keyed by themselves.
    keys = [value if type(value) is str else (type(value), value) for value in raw]
    memo: dict[Any, tuple[Any, _Invalid | None] | object] = {}
    clean = True
    for key, value in dict(zip(keys, raw, strict=True)).items():
        if _is_empty(value):
            memo[key] = _EMPTY
            clean = clean and not column.required
            continue
        try:
            memo[key] = (parse(value, column), None)
        except _Invalid as refused:
            memo[key] = (None, refused)
            clean = False
    if clean:  # no error to report: the values alone
        values = {key: empty if result is _EMPTY else cast(tuple, result)[0] for key, result in memo.items()}
        return list(map(values.__getitem__, keys))
    cleaned: list[Any] = []
    for index, key in enumerate(keys):
        result = memo[key]
        if result is _EMPTY:
            if column.required:
                errors.append(RowError(rows[index], column.header, Rule.REQUIRED, _("Bắt buộc nhập.")))
            cleaned.append(empty)
            continue
        parsed, invalid = cast(tuple[Any, _Invalid | None], result)
        if invalid is not None:
            errors.append(RowError(rows[index], column.header, invalid.rule, invalid.message))
        cleaned.append(parsed)
    return cleaned


def validate(sheet: Sheet, *, user: Any, today: dt.date | None = None) -> Validated:
    """Check every cell and every cross-row rule of ``sheet`` for an import by ``user``."""
    rows = sheet.row_numbers
    result = Validated(row_numbers=rows)
    errors = result.errors
    cells = sheet.all_column_values()
    for column in COLUMNS:
        if not column.imported or column.target is None:
            continue
        if column in cells:
            result.values[column.target] = _parse_column(cells[column], column, rows, errors)
        else:
            result.values[column.target] = [_empty_value(column)] * len(rows)
    _check_ages(result)
    _check_issue_dates(result, today or dates.today())
    _check_cccd(result)
    _check_organizations(result, user)
    order = {column.header: position for position, column in enumerate(COLUMNS)}
    errors.sort(key=lambda error: (error.row, order.get(error.column, 0)))
    return result


def _check_ages(result: Validated) -> None:
    births = result.values["person.birth_date"]
    starts = result.values["assignment.effective_from"]
    header = by_target("person.birth_date").header
    for index, (birth, start) in enumerate(zip(births, starts, strict=True)):
        if birth is None or start is None:
            continue
        age = start.year - birth.year - ((start.month, start.day) < (birth.month, birth.day))
        if not MIN_AGE <= age <= MAX_AGE:
            result.errors.append(
                RowError(
                    result.row_numbers[index],
                    header,
                    Rule.AGE,
                    _("Tuổi tại ngày bắt đầu công tác (%(start)s) là %(age)s, phải từ %(min)s đến %(max)s.")
                    % {"start": f"{start:%d/%m/%Y}", "age": age, "min": MIN_AGE, "max": MAX_AGE},
                )
            )


def _check_issue_dates(result: Validated, today: dt.date) -> None:
    births = result.values["person.birth_date"]
    header = by_target("person.cccd_issued_on").header
    for index, (issued, birth) in enumerate(zip(result.values["person.cccd_issued_on"], births, strict=True)):
        if issued is None:
            continue
        if (birth is not None and issued < birth) or issued > today:
            result.errors.append(
                RowError(
                    result.row_numbers[index],
                    header,
                    Rule.DATE_ORDER,
                    _("Ngày cấp CCCD phải sau ngày sinh và không sau ngày hôm nay."),
                )
            )


def _check_cccd(result: Validated) -> None:
    numbers = result.values["person.cccd_number"]
    births = result.values["person.birth_date"]
    genders = result.values["person.gender"]
    rows = result.row_numbers
    header = by_target("person.cccd_number").header
    positions: dict[str, list[int]] = defaultdict(list)
    # The number has no check digit (Nghị định 137/2015/NĐ-CP Điều 7): the check decodes only its first
    # six digits (province, century and gender, year), so numbers sharing those, the birth year and the
    # gender share the outcome; each such group is checked once.
    outcomes: dict[tuple, list] = {}
    provinces = rules.rule_table(PROVINCE_TABLE)
    for index, number in enumerate(numbers):
        if number is None:
            continue
        positions[number].append(index)
        birth = births[index]
        key = (number[:6], birth.year if birth else None, genders[index])
        failures = outcomes.get(key)
        if failures is None:
            failures = outcomes[key] = validate_cccd(number, birth, genders[index], provinces).failures
        for failure in failures:
            result.errors.append(
                RowError(rows[index], header, f"{Rule.CCCD}.{failure.code}", failure.message)
            )
    for indexes in positions.values():
        if len(indexes) > 1:
            for index in indexes:
                others = ", ".join(str(rows[other]) for other in indexes if other != index)
                result.errors.append(
                    RowError(
                        rows[index],
                        header,
                        Rule.DUPLICATE_IN_FILE,
                        _("Số CCCD trùng với dòng %(rows)s của tệp.") % {"rows": others},
                    )
                )
    # Across the whole country: a number is unique whoever's scope holds it. The row is told only that
    # the number is taken (CCCD_TAKEN), never whose record holds it. One array parameter for every number.
    table = connection.ops.quote_name(Person._meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Numbers are twelve ASCII digits by now: one text parameter is cheaper to send than an array.
            cursor.execute(
                f"SELECT cccd_number FROM {table} WHERE cccd_number = ANY(string_to_array(%s, ','))",
                [",".join(positions)],
            )
            recorded = {number for (number,) in cursor.fetchall()}
        else:
            recorded = set()
            distinct = list(positions)
            for start in range(0, len(distinct), QUERY_BATCH):
                taken = Person.objects.unrestricted().filter(
                    cccd_number__in=distinct[start : start + QUERY_BATCH]
                )
                recorded.update(number for number in taken.values_list("cccd_number", flat=True) if number)
    refusal = str(CCCD_TAKEN)
    for number in recorded:
        for index in positions[number]:
            result.errors.append(RowError(rows[index], header, Rule.DUPLICATE_IN_DATABASE, refusal))


def _check_organizations(result: Validated, user: Any) -> None:
    """Replace each unit code by the unit's id; the unit must exist, not have closed before the start date,
    and lie inside the subtrees where ``user`` may change records."""
    codes = result.values["assignment.organization"]
    starts = result.values["assignment.effective_from"]
    rows = result.row_numbers
    header = by_target("assignment.organization").header
    distinct = sorted({code for code in codes if code is not None})
    known: dict[str, tuple[int, dt.date | None]] = {}
    allowed: set[str] = set()
    for start in range(0, len(distinct), QUERY_BATCH):
        batch = distinct[start : start + QUERY_BATCH]
        units = Organization.objects.unrestricted().filter(code__in=batch)
        known.update((code, (pk, ends)) for code, pk, ends in units.values_list("code", "pk", "effective_to"))
        allowed.update(units.restrict(user, Action.CHANGE).values_list("code", flat=True))
    ids: list[int | None] = []
    for index, code in enumerate(codes):
        if code is None:
            ids.append(None)
            continue
        found = known.get(code)
        if found is None:
            problem = (Rule.ORGANIZATION_UNKNOWN, _("Không có đơn vị mã «%(code)s».") % {"code": code[:40]})
        elif code not in allowed:
            problem = (
                Rule.ORGANIZATION_OUT_OF_SCOPE,
                _("Bạn không có quyền cập nhật hồ sơ của đơn vị mã «%(code)s».") % {"code": code},
            )
        elif found[1] is not None and starts[index] is not None and found[1] < starts[index]:
            problem = (
                Rule.ORGANIZATION_NOT_IN_FORCE,
                _("Đơn vị mã «%(code)s» đã thôi hoạt động từ %(end)s, trước ngày bắt đầu công tác.")
                % {"code": code, "end": f"{found[1]:%d/%m/%Y}"},
            )
        else:
            ids.append(found[0])
            continue
        result.errors.append(RowError(rows[index], header, *problem))
        ids.append(None)
    result.values["assignment.organization"] = ids
