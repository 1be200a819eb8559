"""Importing area and population by commune from a statistics file (nhập số liệu diện tích, dân số).

The file names its units without codes, as the 2019 census tables do ("HàNội", "HoànKiếm", "HàngĐào",
spaces removed); each row is matched to a unit of the legacy list by its folded name within its province
and district, and the rows that match no unit, or the same unit as another row, are reported for a
person to settle. The figures are written by :func:`noivu.admin_units.actions.do_import_unit_figures`.
"""

import csv
import datetime as dt
import io
import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from noivu.admin_units.models import AdminUnit, Level, Regime, Setting
from noivu.core.text import fold

CENSUS_DAY = dt.date(2019, 4, 1)
CENSUS_SOURCE = "Tổng điều tra dân số và nhà ở 01/4/2019"
REQUIRED = ("city", "district", "ward", "ward_title", "area_sqm", "total")
# Provinces renamed between the census and the 2025 list.
PROVINCE_ALIASES = {"thuathienhue": "hue"}
_URBAN_TITLES = {"phuong", "thitran"}


def squash(text: str) -> str:
    """A name folded with its spaces and punctuation removed: "Bà Rịa - Vũng Tàu" → "bariavungtau"."""
    squashed = re.sub(r"[^0-9a-z]", "", fold(text))
    return str(int(squashed)) if squashed.isdigit() else squashed


@dataclass(frozen=True)
class FigureRow:
    """Figures for one unit from one row of the file."""

    unit_id: int
    row_number: int
    area_km2: Decimal | None
    population: int | None
    setting: str


@dataclass(frozen=True)
class Unmatched:
    """A row a person must match by hand, with the reason in Vietnamese."""

    row_number: int
    province: str
    district: str
    ward: str
    reason: str


@dataclass
class CensusMatch:
    figures: list[FigureRow] = field(default_factory=list)
    unmatched: list[Unmatched] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return len(self.figures) + len(self.unmatched)


class _Index:
    """Legacy units by squashed name: provinces, districts of a province, communes of a district and of
    a province."""

    def __init__(self) -> None:
        self.provinces: dict[str, str] = {}
        self.districts: dict[tuple[str, str], list[str]] = defaultdict(list)
        self.communes: dict[tuple[str, str], list[int]] = defaultdict(list)
        self.communes_of_province: dict[tuple[str, str], list[int]] = defaultdict(list)
        rows = AdminUnit.objects.filter(regime=Regime.LEGACY).values_list(
            "id", "level", "code", "short_name", "parent_code", "province_code"
        )
        for pk, level, code, short_name, parent, province in rows:
            key = squash(short_name)
            if level == Level.PROVINCE:
                self.provinces[key] = code
            elif level == Level.DISTRICT:
                self.districts[(province, key)].append(code)
            else:
                self.communes[(parent, key)].append(pk)
                self.communes_of_province[(province, key)].append(pk)


def _number(raw: str, row_number: int, column: str, errors: list[str]) -> float | None:
    raw = (raw or "").strip()
    if not raw:
        return None
    try:
        value = float(raw)
    except ValueError:
        errors.append(
            _("Dòng %(row)s, cột %(column)s: '%(value)s' không phải số.")
            % {"row": row_number, "column": column, "value": raw[:40]}
        )
        return None
    if value < 0 or value != value:
        errors.append(
            _("Dòng %(row)s, cột %(column)s: số phải không âm.") % {"row": row_number, "column": column}
        )
        return None
    return value


def match_census(content: str | bytes) -> CensusMatch:
    """Read the census CSV and match each row to a legacy commune-level unit."""
    text = content.decode("utf-8-sig") if isinstance(content, bytes) else content
    reader = csv.DictReader(io.StringIO(text))
    result = CensusMatch()
    missing = [column for column in REQUIRED if column not in (reader.fieldnames or [])]
    if missing:
        result.errors.append(_("Tệp thiếu cột bắt buộc: %(columns)s.") % {"columns": ", ".join(missing)})
        return result
    index = _Index()
    matched_rows: dict[int, list[FigureRow]] = defaultdict(list)
    names: dict[int, tuple[str, str, str]] = {}
    for row_number, row in enumerate(reader, start=2):
        province_key = squash(row["city"])
        province = index.provinces.get(PROVINCE_ALIASES.get(province_key, province_key))
        ward_key = squash(row["ward"])

        def unmatched(reason: str, row: dict = row, row_number: int = row_number) -> None:
            result.unmatched.append(Unmatched(row_number, row["city"], row["district"], row["ward"], reason))

        if province is None:
            unmatched(_("Không tìm thấy tỉnh trong danh mục."))
            continue
        candidates: list[int] = []
        districts = index.districts.get((province, squash(row["district"])), [])
        for district in districts:
            candidates += index.communes.get((district, ward_key), [])
        if not districts:
            # A district renamed or arranged since: the commune by its name alone within the province.
            candidates = index.communes_of_province.get((province, ward_key), [])
        if len(candidates) != 1:
            unmatched(
                _("Không tìm thấy xã trong danh mục (có thể đã đổi tên hoặc sắp xếp).")
                if not candidates
                else _("Tên xã trùng với nhiều đơn vị trong tỉnh.")
            )
            continue
        area = _number(row["area_sqm"], row_number, "area_sqm", result.errors)
        population = _number(row["total"], row_number, "total", result.errors)
        names[row_number] = (row["city"], row["district"], row["ward"])
        setting = Setting.URBAN if squash(row["ward_title"]) in _URBAN_TITLES else Setting.RURAL
        matched_rows[candidates[0]].append(
            FigureRow(
                unit_id=candidates[0],
                row_number=row_number,
                area_km2=None if area is None else Decimal(str(round(area / 1_000_000, 2))),
                population=None if population is None else int(population),
                setting=setting,
            )
        )
    for figures in matched_rows.values():
        if len(figures) == 1:
            result.figures.append(figures[0])
            continue
        for figure in figures:
            result.unmatched.append(
                Unmatched(
                    figure.row_number,
                    *names[figure.row_number],
                    _("Nhiều dòng cùng khớp một đơn vị (dòng %(rows)s).")
                    % {"rows": ", ".join(str(f.row_number) for f in figures)},
                )
            )
    result.figures.sort(key=lambda figure: figure.row_number)
    result.unmatched.sort(key=lambda row: row.row_number)
    return result
