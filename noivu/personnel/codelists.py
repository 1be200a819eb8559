"""Code lists of the personnel dossier (danh mục dùng trong hồ sơ cán bộ, công chức, viên chức).

The lists live in ``codelists.yaml`` beside this module, with their legal basis and confidence: the
54 ethnic groups with the codes of Quyết định 121-TCTK/PPCĐ (1979), the recognised religions, the
education, political-theory, state-management, foreign-language and IT levels. They are reference lists,
not dated rule tables, so they stay out of ``law/``; a rank's name, salary table and group change with the
law and are the rule table ``rank_salary_tables`` (:func:`rank_on`).
"""

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from noivu.core.rules import RuleValue, rule_table
from noivu.core.text import fold

RANK_TABLE = "rank_salary_tables"

DATA_FILE = Path(__file__).resolve().with_suffix(".yaml")

# Mã ngạch of công chức ("01.003", old teacher codes "15a.201") and mã chức danh nghề nghiệp of viên chức
# ("V.07.03.28").
RANK_CODE_PATTERN = re.compile(r"^(\d{2}[a-z]?\.\d{3}|V\.\d{2}\.\d{2}\.\d{2})$")


@dataclass(frozen=True)
class Code:
    code: str
    name: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class CodeList:
    name: str
    basis: str
    confidence: str
    items: tuple[Code, ...]

    def name_of(self, code: str) -> str:
        """The name for ``code``, or ``code`` itself when it is not in the list (legacy free text)."""
        for item in self.items:
            if item.code == code:
                return item.name
        return code

    def __contains__(self, code: str) -> bool:
        return any(item.code == code for item in self.items)

    @property
    def choices(self) -> list[tuple[str, str]]:
        return [(item.code, item.name) for item in self.items]

    def resolve(self, text: str) -> str | None:
        """The code of an entry given by code, name or alias, whatever its diacritics, hyphens or case."""
        key = _key(text)
        if not key:
            return None
        for item in self.items:
            if key in {_key(item.code), _key(item.name), *(_key(alias) for alias in item.aliases)}:
                return item.code
        return None


def _key(text: str) -> str:
    return re.sub(r"[\s\-'’]+", "", fold(text or ""))


@cache
def _data() -> dict:
    with DATA_FILE.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _code_list(name: str, section: dict) -> CodeList:
    return CodeList(
        name=name,
        basis=section.get("basis", ""),
        confidence=section.get("confidence", ""),
        items=tuple(
            Code(str(item["code"]), item["name"], tuple(item.get("aliases", ()))) for item in section["items"]
        ),
    )


@cache
def ethnic_groups() -> CodeList:
    """The 54 ethnic groups (dân tộc) with their statistics-office codes."""
    return _code_list("ethnic_groups", _data()["ethnic_groups"])


@cache
def religions() -> CodeList:
    """The recognised religions (tôn giáo), plus "Không" and "Tôn giáo khác"."""
    return _code_list("religions", _data()["religions"])


@cache
def salary_tables() -> CodeList:
    """The salary tables (bảng lương) of Nghị định 204/2004/NĐ-CP."""
    return _code_list("salary_tables", _data()["salary_tables"])


@cache
def salary_groups() -> CodeList:
    """The groups (loại, nhóm ngạch) of the salary tables: A3.1 … C3."""
    return _code_list("salary_groups", _data()["salary_groups"])


def rank_choices(day: dt.date) -> list[tuple[str, str]]:
    """The ranks of the rule table ``rank_salary_tables`` as (code, "code – name"), in code order; the
    latest name of a rank, whether or not it is in force on ``day``."""
    table = rule_table(RANK_TABLE)
    choices = []
    for code in sorted(table.codes()):
        value = table.get(code, day) or table.history(code)[-1]
        choices.append((code, f"{code} – {value.value['name']}"))
    return choices


@cache
def education_levels(kind: str) -> CodeList:
    """Levels of one kind of education (general, professional, political_theory, state_management,
    foreign_language, it)."""
    return _code_list(kind, _data()["education_levels"][kind])


def rank_on(code: str, day: dt.date) -> RuleValue | None:
    """A rank (ngạch) as the law sets it on ``day``: its value holds ``name``, ``salary_table`` and
    ``salary_group``; None for a rank the table does not list then."""
    return rule_table(RANK_TABLE).get(code, day)


def rank_name(code: str) -> str | None:
    """The latest name the rule table ``rank_salary_tables`` gives a rank, whatever the date asked: a
    rank recorded before its first row still has its name."""
    history = rule_table(RANK_TABLE).history(code)
    return history[-1].value["name"] if history else None


def cv_form() -> dict:
    """Name, legal basis and confidence of the CV form (mẫu 2C) the printable CV follows."""
    return dict(_data()["cv_form"])


def ethnic_group_code(text: str) -> str | None:
    """The ethnic-group code for a code, a name or a common spelling ("Khmer" → "05", "Mông" → "08")."""
    return ethnic_groups().resolve(text)


def is_valid_rank_code(code: str) -> bool:
    return bool(RANK_CODE_PATTERN.match(code or ""))


def highest(kind: str, levels: list[str]) -> str | None:
    """The highest of ``levels`` of one kind of education (the lists run from highest to lowest)."""
    order = [item.code for item in education_levels(kind).items]
    known = [level for level in levels if level in order]
    return min(known, key=order.index) if known else None
