"""Where the demo personnel were born, come from and live: pairs of a legacy commune (before 1/7/2025) and a
commune that succeeded to it, read from the administrative-unit catalogue and its 2025 successions.

Every address the demo writes is one such pair, so that its legacy units and its current units agree with
the succession the address conversion uses. A legacy commune split among several new communes gives one
pair per new commune (the person lives in one of its parts).
"""

from dataclasses import dataclass

import numpy as np

from noivu.admin_units.models import AdminUnit, Level, Regime, UnitSuccession


@dataclass(frozen=True)
class Geography:
    """Address pairs, grouped by legacy province (``by_legacy_province`` gives each one's pair indexes)."""

    legacy_province: list[str]
    legacy_district: list[str]
    legacy_commune: list[str]
    province: list[str]  # current province of the new commune
    commune: list[str]  # new commune
    legacy_text: list[str]  # "Xã Tân Hội, Huyện Đan Phượng, Thành phố Hà Nội"
    current_text: list[str]  # "Xã Ô Diên, Thành phố Hà Nội"
    rural: np.ndarray  # the legacy commune is a xã (not a phường or thị trấn)
    by_legacy_province: dict[str, np.ndarray]
    legacy_province_names: dict[str, str]

    def __len__(self) -> int:
        return len(self.commune)

    @classmethod
    def from_catalogue(cls) -> "Geography":
        """Read the catalogue (loading it first when the database has none, e.g. after a flush)."""
        if not UnitSuccession.objects.filter(level=Level.COMMUNE).exists():
            from noivu.admin_units.loader import load_admin_units

            load_admin_units()
        names: dict[tuple[str, str, str], str] = {}
        types: dict[str, str] = {}
        parents: dict[str, str] = {}
        for regime, level, code, name, parent, unit_type in AdminUnit.objects.values_list(
            "regime", "level", "code", "name", "parent_code", "unit_type"
        ):
            names[(regime, level, code)] = name
            if regime == Regime.LEGACY and level == Level.COMMUNE:
                parents[code] = parent
                types[code] = unit_type
        pairs = sorted(
            UnitSuccession.objects.filter(level=Level.COMMUNE).values_list(
                "legacy_province_code", "legacy_code", "new_province_code", "new_code"
            )
        )
        legacy, current = Regime.LEGACY, Regime.TWO_TIER
        rows = []
        for legacy_province, legacy_code, new_province, new_code in pairs:
            district = parents.get(legacy_code)
            if district is None:
                continue
            rows.append(
                (
                    legacy_province,
                    district,
                    legacy_code,
                    new_province,
                    new_code,
                    ", ".join(
                        (
                            names[(legacy, Level.COMMUNE, legacy_code)],
                            names[(legacy, Level.DISTRICT, district)],
                            names[(legacy, Level.PROVINCE, legacy_province)],
                        )
                    ),
                    ", ".join(
                        (
                            names[(current, Level.COMMUNE, new_code)],
                            names[(current, Level.PROVINCE, new_province)],
                        )
                    ),
                    types[legacy_code] == "commune",
                )
            )
        columns = list(zip(*rows, strict=True))
        provinces = np.array(columns[0])
        by_province = {code: np.flatnonzero(provinces == code) for code in sorted(set(columns[0]))}
        return cls(
            legacy_province=list(columns[0]),
            legacy_district=list(columns[1]),
            legacy_commune=list(columns[2]),
            province=list(columns[3]),
            commune=list(columns[4]),
            legacy_text=list(columns[5]),
            current_text=list(columns[6]),
            rural=np.array(columns[7], dtype=bool),
            by_legacy_province=by_province,
            legacy_province_names={code: names[(legacy, Level.PROVINCE, code)] for code in by_province},
        )
