"""What a catalogue position may hold: one check for the editing form, the API and the Excel import. Every
problem is keyed by the field it concerns and carries the code of the rule it breaks, so that the form
shows it beside the field, the API names the field and the import names the row, the column and the rule.
"""

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from noivu.core.text import normalize, text_problem
from noivu.personnel.codelists import education_levels, is_valid_rank_code, rank_name
from noivu.positions.models import CatalogPosition, LeadershipRole, PositionGroup

LEVELS = (
    ("", gettext_lazy("Mọi cấp")),
    ("central", gettext_lazy("Trung ương")),
    ("province", gettext_lazy("Cấp tỉnh")),
    ("commune", gettext_lazy("Cấp xã")),
)
COMPETENCY_LEVELS = ("1", "2", "3", "4", "5")
MAX_COMPETENCIES = 100
CODE_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._\-]{0,31}$")
TEXT_FIELDS = ("name", "tasks", "products", "conditions")
FIELDS = (
    "name",
    "group",
    "staff_kind",
    "level",
    "leadership_role",
    "tasks",
    "products",
    "conditions",
    "competencies",
    "min_rank_code",
    "min_qualification",
    "required",
    "active",
)

RULES = {
    "required": gettext_lazy("Bắt buộc nhập"),
    "invalid_choice": gettext_lazy("Giá trị trong danh mục"),
    "max_length": gettext_lazy("Độ dài tối đa"),
    "unsafe_text": gettext_lazy("Văn bản an toàn"),
    "code_format": gettext_lazy("Định dạng mã vị trí"),
    "rank_format": gettext_lazy("Định dạng mã ngạch, chức danh"),
    "rank_unknown": gettext_lazy("Ngạch, chức danh có trong bảng ngạch"),
    "qualification_unknown": gettext_lazy("Trình độ trong danh mục"),
    "level_unknown": gettext_lazy("Cấp áp dụng"),
    "competency": gettext_lazy("Khung năng lực: tên và cấp độ 1–5"),
    "leadership_group": gettext_lazy("Vị trí lãnh đạo thuộc nhóm lãnh đạo, quản lý"),
    "yes_no": gettext_lazy("Có hoặc không"),
    "duplicate": gettext_lazy("Mỗi mã vị trí một dòng"),
    "unique": gettext_lazy("Mã vị trí không trùng"),
}


def rule_label(code: str) -> str:
    return str(RULES.get(code, code))


def parse_competencies(text: str) -> list[dict[str, str]]:
    """The competency framework written one competency a line, "name: level" (level 1 to 5); lines may
    also be separated by semicolons. ValidationError (code ``competency``) names the line at fault."""
    items: list[dict[str, str]] = []
    lines = [line.strip() for line in re.split(r"[\n;]", text or "") if line.strip()]
    for number, line in enumerate(lines, 1):
        name, separator, level = line.rpartition(":")
        name, level = normalize(name), level.strip()
        if not separator or not name or level not in COMPETENCY_LEVELS:
            raise ValidationError(
                _(
                    "Dòng %(number)s của khung năng lực («%(line)s») phải có dạng «tên năng lực: cấp độ» "
                    "với cấp độ từ 1 đến 5."
                )
                % {"number": number, "line": line[:60]},
                code="competency",
            )
        items.append({"name": name, "level": level})
    return items


def competencies_text(items: list[dict[str, Any]]) -> str:
    """The framework as it is typed and exported: one "name: level" a line."""
    return "\n".join(f"{item.get('name', '')}: {item.get('level', '')}" for item in items)


def _check_competencies(items: Any) -> None:
    if not isinstance(items, list) or len(items) > MAX_COMPETENCIES:
        raise ValidationError(
            _("Khung năng lực có tối đa %(max)s năng lực.") % {"max": MAX_COMPETENCIES}, code="competency"
        )
    for item in items:
        name = normalize(str(item.get("name", ""))) if isinstance(item, dict) else ""
        level = str(item.get("level", "")).strip() if isinstance(item, dict) else ""
        if not name or len(name) > 255 or level not in COMPETENCY_LEVELS:
            raise ValidationError(
                _("Mỗi năng lực cần có tên (tối đa 255 ký tự) và cấp độ từ 1 đến 5."), code="competency"
            )


def checked_position(code: str, values: dict[str, Any], existing: CatalogPosition | None) -> CatalogPosition:
    """``existing`` (or a new position ``code``) with ``values`` set, checked and not saved;
    ValidationError keyed by field, each message with its rule's code, when it may not be stored."""
    code = normalize(code or "")
    errors: dict[str, list[ValidationError]] = {}

    def refuse(field: str, message: str, rule: str) -> None:
        errors.setdefault(field, []).append(ValidationError(message, code=rule))

    if not CODE_PATTERN.match(code):
        refuse(
            "code",
            _("Mã vị trí gồm 1–32 chữ cái không dấu, chữ số, dấu chấm, gạch ngang (ví dụ CC.CM.01)."),
            "code_format",
        )
    position = existing if existing is not None else CatalogPosition(code=code)
    for name, value in values.items():
        if name not in FIELDS:
            continue
        if isinstance(value, str):
            value = value.strip() if name in ("tasks", "products", "conditions") else normalize(value)
            value = value.replace("\r\n", "\n")
        if name == "competencies" and isinstance(value, list):
            value = [
                {"name": normalize(str(item.get("name", ""))), "level": str(item.get("level", "")).strip()}
                if isinstance(item, dict)
                else item
                for item in value
            ]
        setattr(position, name, value)
    for name in TEXT_FIELDS:
        problem = text_problem(getattr(position, name) or "")
        if problem:
            refuse(name, problem, "unsafe_text")
    if position.level not in dict(LEVELS):
        refuse(
            "level",
            _("Cấp áp dụng là trung ương, cấp tỉnh, cấp xã hoặc để trống (mọi cấp)."),
            "level_unknown",
        )
    try:
        _check_competencies(position.competencies)
    except ValidationError as error:
        refuse("competencies", error.messages[0], "competency")
    rank = position.min_rank_code
    if rank and not is_valid_rank_code(rank):
        refuse(
            "min_rank_code",
            _("Mã ngạch, chức danh «%(code)s» không đúng định dạng (ví dụ 01.003 hoặc V.07.03.28).")
            % {"code": rank},
            "rank_format",
        )
    elif rank and not rank.startswith("V.") and rank_name(rank) is None:
        # Professional titles (chức danh nghề nghiệp, "V.…") are not in the rank table yet: their format
        # is checked, their existence cannot be.
        refuse(
            "min_rank_code",
            _("Mã ngạch, chức danh «%(code)s» không có trong bảng ngạch, chức danh nghề nghiệp.")
            % {"code": rank},
            "rank_unknown",
        )
    if position.min_qualification and position.min_qualification not in education_levels("professional"):
        refuse(
            "min_qualification",
            _("Trình độ «%(value)s» không có trong danh mục trình độ chuyên môn.")
            % {"value": position.min_qualification},
            "qualification_unknown",
        )
    if position.leadership_role and position.group != PositionGroup.LEADERSHIP:
        refuse(
            "leadership_role",
            _("Chỉ vị trí thuộc nhóm «%(group)s» mới có vị trí trong cơ cấu lãnh đạo.")
            % {"group": PositionGroup.LEADERSHIP.label},
            "leadership_group",
        )
    if position.leadership_role not in LeadershipRole.values:
        refuse("leadership_role", _("Vị trí trong cơ cấu không có trong danh mục."), "invalid_choice")
    try:
        position.full_clean(exclude=["code"] if "code" in errors else None)
    except ValidationError as error:
        for field, found in error.error_dict.items():
            for refusal in found:
                if not any(refusal.message == known.message for known in errors.get(field, [])):
                    errors.setdefault(field, []).append(refusal)
    if errors:
        raise ValidationError(errors)
    return position


def problems_of(error: ValidationError) -> list[tuple[str, str, str]]:
    """(field, rule code, message) of each problem of a ValidationError raised by the check."""
    found: list[tuple[str, str, str]] = []
    if hasattr(error, "error_dict"):
        for field, problems in error.error_dict.items():
            for problem in problems:
                for message in problem.messages:
                    found.append((field, problem.code or "", message))
    else:
        for problem in error.error_list:
            found.append(("", problem.code or "", " ".join(problem.messages)))
    return found
