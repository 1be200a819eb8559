"""The registry as of a date (sổ đơn vị hành chính theo ngày): which units existed on a day, under which
parent, with which figures in force that day, and the change events that made them.

Read in bulk, column by column (:class:`UnitTable`), so that an analysis of the whole country costs a few
queries and array operations, never a query per unit.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, fields

import numpy as np

from noivu.admin_units.models import (
    LEGACY_END,
    AdminUnit,
    Level,
    Regime,
    UnitChange,
    UnitFigure,
    UnitSuccession,
)
from noivu.core.models import in_force_condition

# The legacy list is the state on 1/1/2025; an earlier day is answered with that list, the earliest
# the catalogue knows, and the figures in force on the day asked.
EARLIEST_KNOWN = dt.date(2025, 1, 1)


def regime_on(day: dt.date) -> str:
    """The regime of local government in force on ``day``: three tiers until 30/6/2025, then two."""
    return Regime.LEGACY if day <= LEGACY_END else Regime.TWO_TIER


@dataclass
class UnitTable:
    """Units in columns (one numpy array per attribute), as the analysis and the planner read them."""

    code: np.ndarray
    name: np.ndarray
    unit_type: np.ndarray
    level: np.ndarray
    parent_code: np.ndarray
    parent_type: np.ndarray
    province_code: np.ndarray
    province_type: np.ndarray
    area_km2: np.ndarray  # float, nan when unknown
    population: np.ndarray  # float, nan when unknown
    mountainous: np.ndarray
    island: np.ndarray
    border: np.ndarray
    red_river_delta: np.ndarray
    coastal_poor: np.ndarray
    ethnic_minority_pct: np.ndarray  # float, nan when unknown
    exemption_grounds: np.ndarray  # tuples of ExemptionGround codes
    latitude: np.ndarray
    longitude: np.ndarray

    def __len__(self) -> int:
        return len(self.code)

    @classmethod
    def from_rows(cls, rows: Iterable[dict]) -> "UnitTable":
        """Build from dicts keyed by the column names (missing keys take their empty value)."""
        rows = list(rows)
        columns = {}
        for spec in fields(cls):
            name = spec.name
            if name in ("area_km2", "population", "ethnic_minority_pct", "latitude", "longitude"):
                values = [row.get(name) for row in rows]
                columns[name] = np.array([np.nan if v is None else float(v) for v in values], dtype=float)
            elif name in ("mountainous", "island", "border", "red_river_delta", "coastal_poor"):
                columns[name] = np.array([bool(row.get(name)) for row in rows], dtype=bool)
            elif name == "exemption_grounds":
                grounds = np.empty(len(rows), dtype=object)
                grounds[:] = [tuple(row.get(name) or ()) for row in rows]
                columns[name] = grounds
            else:
                columns[name] = np.array([row.get(name) or "" for row in rows], dtype=object)
        return cls(**columns)

    @classmethod
    def concat(cls, tables: list["UnitTable"]) -> "UnitTable":
        return cls(
            **{spec.name: np.concatenate([getattr(t, spec.name) for t in tables]) for spec in fields(cls)}
        )

    def take(self, index: np.ndarray) -> "UnitTable":
        """The rows selected by a boolean mask or an index array."""
        return UnitTable(**{spec.name: getattr(self, spec.name)[index] for spec in fields(self)})

    def position(self) -> dict[str, int]:
        return {code: i for i, code in enumerate(self.code)}


def units_on(
    day: dt.date,
    *,
    level: str = Level.COMMUNE,
    regime: str | None = None,
    province_code: str | None = None,
    parent_code: str | None = None,
) -> UnitTable:
    """The units of ``level`` in force on ``day`` (in ``province_code`` or under ``parent_code``), each
    with its parent's type and the figures in force that day (three queries)."""
    regime = regime or regime_on(day)
    known = max(day, EARLIEST_KNOWN) if regime == Regime.LEGACY else day
    units = AdminUnit.objects.filter(in_force_condition(known), regime=regime, level=level)
    if province_code:
        units = units.filter(province_code=province_code)
    if parent_code:
        units = units.filter(parent_code=parent_code)
    rows = list(
        units.order_by("province_code", "parent_code", "code").values(
            "id",
            "code",
            "name",
            "unit_type",
            "level",
            "parent_code",
            "province_code",
            "area_km2",
            "latitude",
            "longitude",
        )
    )
    parents = {
        (row["level"], row["code"]): row["unit_type"]
        for row in AdminUnit.objects.filter(regime=regime, level__in=[Level.PROVINCE, Level.DISTRICT])
        .filter(code__in={r["parent_code"] for r in rows} | {r["province_code"] for r in rows})
        .values("level", "code", "unit_type")
    }
    figures: dict[int, dict] = {}
    figure_rows = UnitFigure.objects.as_of(day).filter(unit__regime=regime, unit__level=level)
    if province_code:
        figure_rows = figure_rows.filter(unit__province_code=province_code)
    if parent_code:
        figure_rows = figure_rows.filter(unit__parent_code=parent_code)
    for figure in figure_rows.values(
        "unit_id",
        "area_km2",
        "population",
        "mountainous",
        "island",
        "border",
        "red_river_delta",
        "coastal_poor",
        "ethnic_minority_pct",
        "exemption_grounds",
    ):
        figures[figure.pop("unit_id")] = figure
    parent_level = Level.DISTRICT if regime == Regime.LEGACY and level == Level.COMMUNE else Level.PROVINCE
    for row in rows:
        figure = figures.get(row["id"], {})
        row["parent_type"] = parents.get((parent_level, row["parent_code"]), "")
        row["province_type"] = parents.get((Level.PROVINCE, row["province_code"]), "")
        if figure.get("area_km2") is None:
            figure.pop("area_km2", None)  # the catalogue's own area stands when no figure gives one
        row.update(figure)
    return UnitTable.from_rows(rows)


@dataclass(frozen=True)
class ChangeRow:
    """A change event as the registry reports it: kind, resolution, day, units before and after."""

    kind: str
    resolution_number: str
    resolution_date: dt.date | None
    effective_from: dt.date
    before: tuple[str, ...]
    after: tuple[str, ...]


def changes_between(start: dt.date, end: dt.date, *, province_code: str | None = None) -> list[ChangeRow]:
    """The change events in force from a day in [start, end]: those recorded (resolutions, adopted
    plans) and, when the range covers 1/7/2025, the commune mergers of the official 2025 succession."""
    found: list[ChangeRow] = []
    recorded = UnitChange.objects.filter(effective_from__gte=start, effective_from__lte=end).prefetch_related(
        "before", "after"
    )
    for change in recorded:
        before = tuple(sorted(unit.code for unit in change.before.all()))
        after = tuple(sorted(unit.code for unit in change.after.all()))
        provinces = {unit.province_code for unit in [*change.before.all(), *change.after.all()]}
        if province_code and province_code not in provinces:
            continue
        found.append(
            ChangeRow(
                change.kind,
                change.resolution_number,
                change.resolution_date,
                change.effective_from,
                before,
                after,
            )
        )
    successions = UnitSuccession.objects.filter(
        level=Level.COMMUNE, effective_from__gte=start, effective_from__lte=end
    ).select_related("legal_basis")
    if province_code:
        successions = successions.filter(new_province_code=province_code)
    merged: dict[str, list[UnitSuccession]] = {}
    for succession in successions:
        merged.setdefault(succession.new_code, []).append(succession)
    for new_code, rows in sorted(merged.items()):
        basis = rows[0].legal_basis
        found.append(
            ChangeRow(
                "merge" if len(rows) > 1 else "rename",
                basis.document_number if basis else "",
                basis.issued_on if basis else None,
                rows[0].effective_from,
                tuple(sorted(row.legacy_code for row in rows)),
                (new_code,),
            )
        )
    return sorted(found, key=lambda change: (change.effective_from, change.after))
