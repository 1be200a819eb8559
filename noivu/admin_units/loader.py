"""Fill the unit catalogue and the 2025 successions from the data of the ``vietnamadminunits`` package.

The package ships an SQLite file with both unit lists and a JSON mapping keyed by folded names
("thanhphohanoi_huyendanphuong_xatanhoi"); this module turns the keys into official codes. Loading
is a set-based sync: rows are compared with what is stored and only the differences are written,
so running it again changes nothing.
"""

import datetime as dt
import importlib.util
import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any

from django.db import connection, models, transaction

from noivu.admin_units.models import (
    LEGACY_END,
    TWO_TIER_START,
    AdminUnit,
    Level,
    Regime,
    UnitSuccession,
    UnitType,
)
from noivu.admin_units.names import name_key
from noivu.core.rules import load_rule_files, rule_table

# Located without importing the package, whose import pulls in its parser and pandas (over a second).
_SPEC = importlib.util.find_spec("vietnamadminunits")
assert _SPEC is not None and _SPEC.submodule_search_locations, "vietnamadminunits is a dependency"
DATA_DIR = Path(_SPEC.submodule_search_locations[0]) / "data"
LAW_FILE = Path(__file__).resolve().parent / "law" / "commune_units_2025.yaml"
RESOLUTION_TABLE = "commune_units_2025"
PROVINCES_ROW = "provinces"
# The legacy list is the state on 1/1/2025, after the 2023–2025 arrangement; earlier states are
# not in the source, so the catalogue does not claim them.
LEGACY_START = dt.date(2025, 1, 1)
BATCH = 2000

_TYPES = {
    "Quận": UnitType.URBAN_DISTRICT,
    "Huyện": UnitType.RURAL_DISTRICT,
    "Thị xã": UnitType.TOWN,
    "Thành phố": UnitType.CITY,
    "Xã": UnitType.COMMUNE,
    "Phường": UnitType.WARD,
    "Thị trấn": UnitType.TOWNSHIP,
    "Đặc khu": UnitType.SPECIAL_ZONE,
}


@dataclass
class LoadResult:
    """How many rows each sync created, updated and deleted."""

    counts: dict[str, tuple[int, int, int]] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        return any(any(c) for c in self.counts.values())


@dataclass
class _Source:
    units: list[dict]
    legacy_keys: dict[str, tuple[str, str, str]]  # "prov_dist_ward" key → (level, code, province code)
    current_keys: dict[tuple[str, str], str]  # (province key, ward key) → commune code
    province_codes: dict[tuple[str, str], str]  # (regime, province key) → province code


def _unit(
    regime: str,
    level: str,
    code: str,
    name: str,
    short: str,
    unit_type: str,
    parent: str,
    province: str,
    area: float | None = None,
    latitude: float | None = None,
    longitude: float | None = None,
) -> dict:
    legacy = regime == Regime.LEGACY
    return {
        "regime": regime,
        "level": level,
        "code": code,
        "name": name,
        "short_name": short,
        "folded_name": name_key(name),
        "unit_type": unit_type,
        "parent_code": parent,
        "province_code": province,
        "area_km2": None if area is None else Decimal(str(area)).quantize(Decimal("0.01")),
        "latitude": latitude,
        "longitude": longitude,
        "effective_from": LEGACY_START if legacy else TWO_TIER_START,
        "effective_to": LEGACY_END if legacy else None,
    }


def _province(
    regime: str, name: str, short: str, code: str, latitude: float | None, longitude: float | None
) -> dict:
    unit_type = UnitType.CENTRAL_CITY if name.startswith("Thành phố") else UnitType.PROVINCE
    return _unit(regime, Level.PROVINCE, code, name, short, unit_type, "", code, None, latitude, longitude)


def _read_source(data_dir: Path) -> _Source:
    source = _Source([], {}, {}, {})
    seen: set[tuple[str, str, str]] = set()

    def once(regime: str, level: str, code: str) -> bool:
        key = (regime, level, code)
        if key in seen:
            return False
        seen.add(key)
        return True

    db = sqlite3.connect(f"file:{data_dir / 'dataset.db'}?mode=ro", uri=True)
    try:
        current = db.execute(
            "SELECT province, provinceShort, provinceCode, provinceKey, ward, wardShort, wardType, wardCode,"
            " wardKey, wardAreaKm2, provinceLat, provinceLon, wardLat, wardLon"
            " FROM admin_units ORDER BY provinceCode, wardCode"
        ).fetchall()
        legacy = db.execute(
            "SELECT province, provinceShort, provinceCode, provinceKey,"
            " district, districtShort, districtType, districtCode, districtKey,"
            " ward, wardShort, wardType, wardCode, wardKey,"
            " provinceLat, provinceLon, districtLat, districtLon, wardLat, wardLon"
            " FROM admin_units_legacy ORDER BY provinceCode, districtCode, wardCode"
        ).fetchall()
    finally:
        db.close()

    two_tier = Regime.TWO_TIER
    for (
        province,
        p_short,
        p_code,
        p_key,
        ward,
        w_short,
        w_type,
        w_code,
        w_key,
        area,
        p_lat,
        p_lon,
        w_lat,
        w_lon,
    ) in current:
        if once(two_tier, Level.PROVINCE, p_code):
            source.province_codes[(two_tier, p_key)] = p_code
            source.units.append(_province(two_tier, province, p_short, p_code, p_lat, p_lon))
        source.units.append(
            _unit(
                two_tier,
                Level.COMMUNE,
                w_code,
                ward,
                w_short,
                _TYPES[w_type],
                p_code,
                p_code,
                area,
                w_lat,
                w_lon,
            )
        )
        source.current_keys[(p_key, w_key)] = w_code

    for (
        province,
        p_short,
        p_code,
        p_key,
        district,
        d_short,
        d_type,
        d_code,
        d_key,
        ward,
        w_short,
        w_type,
        w_code,
        w_key,
        p_lat,
        p_lon,
        d_lat,
        d_lon,
        w_lat,
        w_lon,
    ) in legacy:
        if once(Regime.LEGACY, Level.PROVINCE, p_code):
            source.province_codes[(Regime.LEGACY, p_key)] = p_code
            source.units.append(_province(Regime.LEGACY, province, p_short, p_code, p_lat, p_lon))
        if once(Regime.LEGACY, Level.DISTRICT, d_code):
            source.units.append(
                _unit(
                    Regime.LEGACY,
                    Level.DISTRICT,
                    d_code,
                    district,
                    d_short,
                    _TYPES[d_type],
                    p_code,
                    p_code,
                    None,
                    d_lat,
                    d_lon,
                )
            )
        if w_code:
            source.units.append(
                _unit(
                    Regime.LEGACY,
                    Level.COMMUNE,
                    w_code,
                    ward,
                    w_short,
                    _TYPES[w_type],
                    d_code,
                    p_code,
                    None,
                    w_lat,
                    w_lon,
                )
            )
            source.legacy_keys[f"{p_key}_{d_key}_{w_key}"] = (Level.COMMUNE, w_code, p_code)
        else:
            # An island district without communes (Bạch Long Vĩ, Cồn Cỏ, Hoàng Sa, Lý Sơn, Côn Đảo).
            source.legacy_keys[f"{p_key}_{d_key}_"] = (Level.DISTRICT, d_code, p_code)
    return source


def _resolutions() -> dict[str, int]:
    """LegalBasis id by new province code ("provinces" for the provincial merger)."""
    load_rule_files([LAW_FILE])
    table = rule_table(RESOLUTION_TABLE)
    return {code: table.history(code)[-1].legal_basis.pk for code in table.codes()}


def _successions(source: _Source, mapping: dict[str, Any], resolutions: dict[str, int]) -> list[dict]:
    rows: list[dict] = []

    def add(
        level: str,
        legacy_code: str,
        legacy_province: str,
        new_code: str,
        new_province: str,
        is_split: bool,
        is_default: bool,
        basis: str,
    ) -> None:
        rows.append(
            {
                "level": level,
                "legacy_code": legacy_code,
                "legacy_province_code": legacy_province,
                "new_code": new_code,
                "new_province_code": new_province,
                "is_split": is_split,
                "is_default": is_default,
                "legal_basis_id": resolutions.get(basis),
                "effective_from": TWO_TIER_START,
                "effective_to": None,
            }
        )

    for new_key, legacy_keys in mapping["DICT_PROVINCE"].items():
        new_code = source.province_codes[(Regime.TWO_TIER, new_key)]
        for legacy_key in legacy_keys:
            legacy_code = source.province_codes[(Regime.LEGACY, legacy_key)]
            add(Level.PROVINCE, legacy_code, legacy_code, new_code, new_code, False, True, PROVINCES_ROW)

    for province_key, wards in mapping["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        province_code = source.province_codes[(Regime.TWO_TIER, province_key)]
        for ward_key, legacy_keys in wards.items():
            new_code = source.current_keys[(province_key, ward_key)]
            for legacy_key in legacy_keys:
                level, legacy_code, legacy_province = source.legacy_keys[legacy_key]
                add(level, legacy_code, legacy_province, new_code, province_code, False, True, province_code)

    for province_key, legacy_units in mapping["DICT_PROVINCE_WARD_DIVIDED"].items():
        province_code = source.province_codes[(Regime.TWO_TIER, province_key)]
        for legacy_key, candidates in legacy_units.items():
            level, legacy_code, legacy_province = source.legacy_keys[legacy_key]
            for candidate in candidates:
                new_code = source.current_keys[(province_key, candidate["newWardKey"])]
                add(
                    level,
                    legacy_code,
                    legacy_province,
                    new_code,
                    province_code,
                    True,
                    bool(candidate["isDefaultNewWard"]),
                    province_code,
                )
    return rows


def _insert(model: type[models.Model], rows: list[dict]) -> None:
    """Insert plain rows with ``executemany``: several times faster than ``bulk_create``, whose
    per-field compilation dominates a load of 25,000 rows; the values are already in database form."""
    if not rows:
        return
    columns = {f.attname: f.column for f in model._meta.concrete_fields}
    names = list(rows[0])
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(model._meta.db_table),
        ", ".join(quote(columns[n]) for n in names),
        ", ".join(["%s"] * len(names)),
    )
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH):
            cursor.executemany(
                sql,
                [
                    tuple(str(v) if isinstance(v, Enum) else v for v in (r[n] for n in names))
                    for r in rows[start : start + BATCH]
                ],
            )


def _sync(
    model: type[models.Model], key_fields: tuple[str, ...], rows: Iterable[dict]
) -> tuple[int, int, int]:
    """Make the table hold exactly ``rows``, matched on ``key_fields``.

    Returns how many rows were created, updated and deleted.
    """
    rows = list(rows)
    value_fields = [name for name in rows[0] if name not in key_fields]
    k = len(key_fields)
    stored: dict[tuple, tuple[int, tuple]] = {}
    for pk, *values in model._default_manager.values_list("pk", *key_fields, *value_fields).iterator(BATCH):
        stored[tuple(values[:k])] = (pk, tuple(values[k:]))
    wanted_keys = set()
    to_create, to_update = [], []
    for row in rows:
        key = tuple(row[name] for name in key_fields)
        wanted_keys.add(key)
        existing = stored.get(key)
        if existing is None:
            to_create.append(row)
        elif existing[1] != tuple(row[name] for name in value_fields):
            to_update.append(model(pk=existing[0], **row))
    stale = [pk for key, (pk, _) in stored.items() if key not in wanted_keys]
    _insert(model, to_create)
    model._default_manager.bulk_update(to_update, value_fields, batch_size=BATCH)
    for start in range(0, len(stale), BATCH):
        model._default_manager.filter(pk__in=stale[start : start + BATCH]).delete()
    return len(to_create), len(to_update), len(stale)


@transaction.atomic
def load_admin_units(data_dir: Path = DATA_DIR) -> LoadResult:
    """Sync both unit lists and the successions with the package data; idempotent."""
    source = _read_source(data_dir)
    mapping = json.loads((data_dir / "converter_2025.json").read_text(encoding="utf-8"))
    result = LoadResult()
    result.counts["units"] = _sync(AdminUnit, ("regime", "level", "code"), source.units)
    result.counts["successions"] = _sync(
        UnitSuccession, ("level", "legacy_code", "new_code"), _successions(source, mapping, _resolutions())
    )
    return result
