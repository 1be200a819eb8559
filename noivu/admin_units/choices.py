"""The communes of the two-tier administrative map as the tree select of a list's filter offers them
(chọn xã, phường): search by name with or without diacritics, each commune shown with its province.

Administrative units are national data every signed-in user reads, so the suggestions are not limited
to the user's scope; the province beside each name tells apart the communes that share a name.
"""

from typing import Any

from django.db.models import Case, Q, When

from noivu.admin_units.models import AdminUnit, Level, Regime
from noivu.core import dates
from noivu.core.extensions import TreeChoice, TreeChoices, tree_choices
from noivu.core.text import fold

# Typed before a name ("phường Ba Đình"), but not part of the folded names searched.
TYPE_WORDS = ("dac khu", "thi tran", "phuong", "xa")


def _in_force(level: str) -> Any:
    return AdminUnit.objects.as_of(dates.today()).filter(regime=Regime.TWO_TIER, level=level)


def _choices(units: list[AdminUnit]) -> list[TreeChoice]:
    provinces = dict(
        _in_force(Level.PROVINCE)
        .filter(code__in={unit.province_code for unit in units})
        .values_list("code", "name")
    )
    return [TreeChoice(unit.code, unit.name, provinces.get(unit.province_code, "")) for unit in units]


def search(user: Any, text: str, limit: int) -> list[TreeChoice]:
    """Communes in force today whose name has a word beginning with each word of ``text`` (folded), or
    whose code is ``text``; names beginning with it first."""
    folded = fold(text).strip()
    for word in TYPE_WORDS:
        if folded == word or folded.startswith(word + " "):
            folded = folded[len(word) :].strip()
            break
    communes = _in_force(Level.COMMUNE).only("code", "name", "province_code")
    words = folded.split()
    if not words:
        return _choices(list(communes.order_by("province_code", "folded_name", "code")[:limit]))
    named = Q()
    for word in words:
        named &= Q(folded_name__startswith=word) | Q(folded_name__contains=f" {word}")
    starts = Case(When(folded_name__startswith=" ".join(words), then=0), default=1)
    found = communes.filter(named | Q(code=text.strip())).annotate(starts=starts)
    return _choices(list(found.order_by("starts", "folded_name", "province_code", "code")[:limit]))


def find(user: Any, code: str) -> TreeChoice | None:
    unit = _in_force(Level.COMMUNE).filter(code=code).only("code", "name", "province_code").first()
    return _choices([unit])[0] if unit else None


def places(user: Any, codes: list[str]) -> dict[str, str]:
    """The province of each commune of ``codes``."""
    communes = list(
        _in_force(Level.COMMUNE).filter(code__in=set(codes)).only("code", "name", "province_code")
    )
    return {choice.value: choice.place for choice in _choices(communes)}


def register() -> None:
    tree_choices.register(TreeChoices(key="commune", order=10, search=search, find=find, places=places))
