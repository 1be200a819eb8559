"""Vietnam's administrative units (đơn vị hành chính) as shipped by the ``vietnamadminunits`` package.

Only the package's bundled data files are read (its SQLite ``dataset.db`` and the legacy → 2025
province mapping): none of its functions that call an online geocoder is used.
"""

import contextlib
import functools
import importlib.util
import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Commune:
    """A commune-level unit of the two-tier structure (xã, phường, đặc khu) from 01/07/2025."""

    code: str  # official 5-digit ward code
    name: str  # "Phường Ba Đình"
    short_name: str  # "Ba Đình"
    unit_type: str  # "Xã", "Phường" or "Đặc khu"


@dataclass(frozen=True)
class Province:
    """A province or centrally-run city (tỉnh, thành phố trực thuộc trung ương) from 01/07/2025."""

    code: str  # official 2-digit code
    name: str  # "Thành phố Hà Nội"
    short_name: str  # "Hà Nội"
    legacy_codes: tuple[str, ...]  # 2-digit codes of the pre-2025 provinces merged into it
    communes: tuple[Commune, ...]

    @property
    def is_city(self) -> bool:
        return self.name.startswith("Thành phố")


def _data_file(name: str) -> Path:
    # find_spec locates the package without importing it: its __init__ pulls in pandas and takes seconds.
    spec = importlib.util.find_spec("vietnamadminunits")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("The vietnamadminunits package is not installed.")
    return Path(next(iter(spec.submodule_search_locations))) / "data" / name


def _open_dataset() -> contextlib.closing[sqlite3.Connection]:
    return contextlib.closing(sqlite3.connect(f"file:{_data_file('dataset.db')}?mode=ro", uri=True))


@functools.cache
def legacy_province_codes() -> dict[str, str]:
    """Pre-2025 provinces: 2-digit code → short name (63 entries)."""
    with _open_dataset() as db:
        rows = db.execute("SELECT DISTINCT provinceCode, provinceShort FROM admin_units_legacy").fetchall()
    return dict(sorted(rows))


@functools.cache
def provinces() -> tuple[Province, ...]:
    """The 34 current provinces with their communes, ordered by official code."""
    with _open_dataset() as db:
        legacy_keys = dict(db.execute("SELECT DISTINCT provinceKey, provinceCode FROM admin_units_legacy"))
        rows = db.execute(
            "SELECT provinceCode, province, provinceShort, provinceKey, wardCode, ward, wardShort, wardType "
            "FROM admin_units ORDER BY provinceCode, wardCode"
        ).fetchall()
    merged_from: dict[str, list[str]] = json.loads(_data_file("converter_2025.json").read_text("utf-8"))[
        "DICT_PROVINCE"
    ]
    grouped: dict[str, list[tuple]] = {}
    for row in rows:
        grouped.setdefault(row[0], []).append(row)
    result = []
    for code, units in grouped.items():
        _, name, short, key = units[0][:4]
        legacy = tuple(sorted(legacy_keys[k] for k in merged_from[key]))
        communes = tuple(Commune(code=u[4], name=u[5], short_name=u[6], unit_type=u[7]) for u in units)
        result.append(
            Province(code=code, name=name, short_name=short, legacy_codes=legacy, communes=communes)
        )
    return tuple(result)


def province(code: str) -> Province:
    for item in provinces():
        if item.code == code:
            return item
    raise KeyError(code)
