"""Converting an address recorded with the legacy units (before 1/7/2025) to the two-tier units.

A legacy commune merged whole into a new commune converts directly; one split among several new
communes (điều chỉnh một phần) cannot be settled from the codes alone, so the conversion lists the
candidates, the default first, for a person to choose. Both a single conversion and the batch over
a scope use a :class:`SuccessionMap` read once from the catalogue.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import gettext_lazy as _

from noivu.admin_units.models import AdminUnit, Level, Regime, UnitSuccession
from noivu.admin_units.names import name_keys


class Outcome(models.TextChoices):
    CONVERTED = "converted", _("Đã chuyển đổi")
    AMBIGUOUS = "ambiguous", _("Cần chọn đơn vị mới")
    NOT_FOUND = "not_found", _("Không tìm thấy trong danh mục")


@dataclass(frozen=True)
class Candidate:
    """A new commune that took over part of a split legacy commune."""

    code: str
    name: str
    is_default: bool

    def as_dict(self) -> dict:
        return {"code": self.code, "name": self.name, "is_default": self.is_default}


@dataclass(frozen=True)
class Conversion:
    """The current units of a legacy address: the commune, or the candidates when it was split.

    An address recorded only to the province (or a district that has no successor of its own)
    converts to the province alone, with ``commune_code`` empty.
    """

    outcome: str
    province_code: str = ""
    province_name: str = ""
    commune_code: str = ""
    commune_name: str = ""
    candidates: tuple[Candidate, ...] = ()

    @property
    def text(self) -> str:
        """E.g. "Xã Ô Diên, Thành phố Hà Nội"."""
        return ", ".join(part for part in (self.commune_name, self.province_name) if part)


NOT_FOUND = Conversion(Outcome.NOT_FOUND)


@dataclass
class SuccessionMap:
    """The catalogue in memory: legacy units, their successors and the names of the current units."""

    legacy_communes: dict[str, tuple[str, str]] = field(default_factory=dict)  # code → (district, province)
    legacy_districts: dict[str, str] = field(default_factory=dict)  # code → province
    provinces: dict[str, str] = field(default_factory=dict)  # legacy province → new province
    successors: dict[tuple[str, str], list[tuple[str, bool]]] = field(default_factory=dict)
    current_names: dict[tuple[str, str], str] = field(default_factory=dict)  # (level, code) → name

    @classmethod
    def load(cls, legacy_provinces: Iterable[str] | None = None) -> "SuccessionMap":
        """Read the catalogue, all of it or only what ``legacy_provinces`` need."""
        mapping = cls()
        legacy = AdminUnit.objects.filter(regime=Regime.LEGACY, level__in=[Level.DISTRICT, Level.COMMUNE])
        successions = UnitSuccession.objects.all()
        if legacy_provinces is not None:
            legacy_provinces = set(legacy_provinces)
            legacy = legacy.filter(province_code__in=legacy_provinces)
            successions = successions.filter(legacy_province_code__in=legacy_provinces)
        for level, code, parent, province in legacy.values_list(
            "level", "code", "parent_code", "province_code"
        ):
            if level == Level.COMMUNE:
                mapping.legacy_communes[code] = (parent, province)
            else:
                mapping.legacy_districts[code] = province
        successors: dict[tuple[str, str], list[tuple[str, bool]]] = defaultdict(list)
        new_provinces: set[str] = set()
        rows = successions.values_list("level", "legacy_code", "new_code", "new_province_code", "is_default")
        for level, legacy_code, new_code, new_province, is_default in rows.order_by(
            "-is_default", "new_code"
        ):
            new_provinces.add(new_province)
            if level == Level.PROVINCE:
                mapping.provinces[legacy_code] = new_code
            else:
                successors[(level, legacy_code)].append((new_code, is_default))
        mapping.successors = dict(successors)
        current = AdminUnit.objects.filter(regime=Regime.TWO_TIER, province_code__in=new_provinces)
        for level, code, name in current.values_list("level", "code", "name"):
            mapping.current_names[(level, code)] = name
        return mapping

    def convert(self, province_code: str = "", district_code: str = "", commune_code: str = "") -> Conversion:
        """The current units of the legacy (province, district, commune); codes may be partly empty."""
        province_code, district_code, commune_code = (
            c.strip() for c in (province_code, district_code, commune_code)
        )
        if commune_code:
            if commune_code not in self.legacy_communes:
                return NOT_FOUND
            district, province = self.legacy_communes[commune_code]
            if district_code not in ("", district) or province_code not in ("", province):
                return NOT_FOUND
            return self._succeed(Level.COMMUNE, commune_code, province)
        if district_code:
            district_province = self.legacy_districts.get(district_code)
            if district_province is None or province_code not in ("", district_province):
                return NOT_FOUND
            if (Level.DISTRICT, district_code) in self.successors:
                return self._succeed(Level.DISTRICT, district_code, district_province)
            return self._province_only(district_province)
        return self._province_only(province_code) if province_code else NOT_FOUND

    def _province_only(self, legacy_province: str) -> Conversion:
        new_province = self.provinces.get(legacy_province)
        if new_province is None:
            return NOT_FOUND
        return Conversion(
            Outcome.CONVERTED, new_province, self.current_names.get((Level.PROVINCE, new_province), "")
        )

    def _succeed(self, level: str, legacy_code: str, legacy_province: str) -> Conversion:
        successors = self.successors.get((level, legacy_code))
        new_province = self.provinces.get(legacy_province)
        if not successors or new_province is None:
            return NOT_FOUND
        province_name = self.current_names.get((Level.PROVINCE, new_province), "")
        if len(successors) == 1:
            code = successors[0][0]
            name = self.current_names[(Level.COMMUNE, code)]
            return Conversion(Outcome.CONVERTED, new_province, province_name, code, name)
        candidates = tuple(
            Candidate(code, self.current_names[(Level.COMMUNE, code)], is_default)
            for code, is_default in successors
        )
        return Conversion(Outcome.AMBIGUOUS, new_province, province_name, candidates=candidates)


def convert_legacy(province_code: str = "", district_code: str = "", commune_code: str = "") -> Conversion:
    """Convert one legacy address given by its codes (reads only the catalogue of its province)."""
    provinces = [province_code.strip()] if province_code.strip() else None
    return SuccessionMap.load(provinces).convert(province_code, district_code, commune_code)


@dataclass(frozen=True)
class LegacyCodes:
    """The legacy units a recorded address names; lower levels may be empty."""

    province_code: str
    district_code: str = ""
    commune_code: str = ""


@dataclass(frozen=True)
class _Named:
    code: str
    unit_type: str
    name: str
    short_name: str
    parent_code: str

    def spelled_as(self, written: str) -> bool:
        written = " ".join(written.lower().split())
        return written in (self.name.lower(), self.short_name.lower()) or written.endswith(
            " " + self.short_name.lower()
        )


_PROVINCE_ALIASES = {
    "hcm": "ho chi minh",
    "tphcm": "ho chi minh",
    "thua thien hue": "hue",
    "sai gon": "ho chi minh",
}
_COUNTRY = {"viet nam", "vietnam", "vn"}


class LegacyNameIndex:
    """Legacy units by folded name, to read addresses recorded as text."""

    def __init__(self) -> None:
        self.provinces: dict[str, list[_Named]] = defaultdict(list)
        self.children: dict[tuple[str, str], list[_Named]] = defaultdict(list)  # (parent code, key) → units
        self.communes_of_province: dict[tuple[str, str], list[_Named]] = defaultdict(list)
        units = AdminUnit.objects.filter(regime=Regime.LEGACY).values_list(
            "level", "code", "unit_type", "name", "short_name", "folded_name", "parent_code", "province_code"
        )
        for level, code, unit_type, name, short_name, key, parent, province in units:
            unit = _Named(code, unit_type, name, short_name, parent)
            if level == Level.PROVINCE:
                self.provinces[key].append(unit)
            else:
                self.children[(parent, key)].append(unit)
                if level == Level.COMMUNE:
                    self.communes_of_province[(province, key)].append(unit)

    def parse(self, text: str) -> LegacyCodes | None:
        """Codes of "[detail, ]commune, district, province"; None unless every named level is unambiguous.

        A text that skips the district ("Xã Tân Hội, Thành phố Hà Nội") is read when the commune's
        name is unique in the province.
        """
        parts = [part.strip() for part in text.split(",") if part.strip()]
        if parts and name_keys(parts[-1])[0][0] in _COUNTRY:
            parts.pop()
        if not parts:
            return None
        written = parts.pop()
        province = _find(written, lambda key: self.provinces.get(_PROVINCE_ALIASES.get(key, key), []))
        if province is None:
            return None
        if not parts:
            return LegacyCodes(province.code)
        written = parts.pop()
        district = _find(written, lambda key: self.children.get((province.code, key), []))
        if district is None:
            commune = _find(written, lambda key: self.communes_of_province.get((province.code, key), []))
            if commune is None:
                return None
            return LegacyCodes(province.code, commune.parent_code, commune.code)
        if not parts:
            return LegacyCodes(province.code, district.code)
        commune = _find(parts.pop(), lambda key: self.children.get((district.code, key), []))
        if commune is None:
            return None
        return LegacyCodes(province.code, district.code, commune.code)


def _find(written: str, units_named: Callable[[str], list[_Named]]) -> _Named | None:
    """The one unit that ``written`` designates, trying its readings in order."""
    for key, types in name_keys(written):
        unit = _pick(units_named(key), types, written)
        if unit is not None:
            return unit
    return None


def _pick(units: list[_Named], types: frozenset[str], written: str) -> _Named | None:
    """The one unit among ``units`` that the written name designates, or None."""
    if types:
        units = [unit for unit in units if unit.unit_type in types]
    if len(units) > 1:
        # Names that differ only by their tones ("Văn Lang", "Văn Lăng"): the diacritics decide.
        units = [unit for unit in units if unit.spelled_as(written)]
    return units[0] if len(units) == 1 else None


def parse_legacy_address(text: str, index: LegacyNameIndex | None = None) -> LegacyCodes | None:
    """Legacy codes of an address written as text, e.g. "Xã Tân Hội, Huyện Đan Phượng, Thành phố Hà Nội"."""
    return (index or LegacyNameIndex()).parse(text)
