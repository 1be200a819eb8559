"""The arrangement of administrative units on the 2019 census data (PostgreSQL).

Claims: the analysis of every commune-level unit of the 2019 census takes at most 1 s; the planner on the
largest district of the 2019 data finds a feasible plan within 60 s and reports its gap; on a province-
sized instance (≈250 communes, grouped within the province as in 2025) it reports the best plan found in
60 s. Reads the census file given by --census (the reference data set of the project's test data).
"""

import datetime as dt
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench._common import create_database, database_url, drop_database, manage, parser  # noqa: E402

ANALYSIS_LIMIT, PLANNER_LIMIT = 1.0, 60.0
DAY = dt.date(2025, 5, 1)


def main() -> int:
    arguments = parser(__doc__ or "", "noivu_bench_arrangement")
    arguments.add_argument("--census", required=True, help="population_ward_2019.csv")
    arguments.add_argument("--seconds", type=float, default=PLANNER_LIMIT, help="planner time limit")
    options = arguments.parse_args()
    create_database(options.database)
    try:
        manage(options.database, "migrate", "-v0")
        os.environ["DATABASE_URL"] = database_url(options.database)
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "noivu.settings")
        os.environ.setdefault("SECRET_KEY", "bench-only")
        import django

        django.setup()
        return _measure(Path(options.census), options.seconds)
    finally:
        if not options.keep:
            drop_database(options.database)


def _measure(census: Path, seconds: float) -> int:
    import csv

    import numpy as np

    from noivu.accounts.models import User
    from noivu.admin_units.actions import do_import_unit_figures
    from noivu.admin_units.arrangement.adjacency import approximate_edges
    from noivu.admin_units.arrangement.planner import plan
    from noivu.admin_units.arrangement.standards import Standards, analyse
    from noivu.admin_units.census import CENSUS_DAY, CENSUS_SOURCE, match_census
    from noivu.admin_units.models import AdminUnit, Level, Regime
    from noivu.admin_units.registry import UnitTable, units_on

    failures = 0
    content = census.read_bytes()
    match = match_census(content)
    admin = User.objects.create_superuser("bench", "bench@example.vn", "x")
    do_import_unit_figures(
        figures=match.figures, effective_from=CENSUS_DAY, source=CENSUS_SOURCE, acting_user=admin
    )
    print(
        f"census: {match.rows:,} rows, {len(match.figures):,} matched, {len(match.unmatched):,} for a person"
    )

    titles = {"Xã": "commune", "Phường": "ward", "ThịTrấn": "township"}
    parents = {"Huyện": "rural_district", "Quận": "urban_district", "ThịXã": "town", "ThànhPhố": "city"}
    rows = list(csv.DictReader(content.decode("utf-8").splitlines()))
    census_units = UnitTable.from_rows(
        {
            "code": row["ward_id"] or str(n),
            "name": row["ward"],
            "level": "commune",
            "unit_type": titles.get(row["ward_title"], "commune"),
            "parent_code": row["city"] + "/" + row["district"],
            "parent_type": parents.get(row["dist_title"], ""),
            "area_km2": float(row["area_sqm"]) / 1e6 if row["area_sqm"] else None,
            "population": float(row["total"]) if row["total"] else None,
        }
        for n, row in enumerate(rows)
    )
    standards = Standards()
    analyse(census_units, dt.date(2020, 1, 1), standards=standards)
    started = time.perf_counter()
    result = analyse(census_units, dt.date(2020, 1, 1), standards=standards)
    elapsed = time.perf_counter() - started
    ok = elapsed <= ANALYSIS_LIMIT
    failures += not ok
    print(
        f"analysis of {len(census_units):,} communes of 2019 (rows of the census file): {elapsed:.3f} s; "
        f"limit {ANALYSIS_LIMIT:.0f} s: {'OK' if ok else 'OVER'}; {result.counts()}"
    )
    started = time.perf_counter()
    registry = units_on(DAY, level=Level.COMMUNE)
    result = analyse(registry, DAY, standards=standards)
    elapsed = time.perf_counter() - started
    failures += elapsed > ANALYSIS_LIMIT
    print(
        f"registry read + analysis of {len(registry):,} legacy communes as of {DAY:%d/%m/%Y}: {elapsed:.3f} s"
    )

    sizes: dict[str, int] = {}
    for row in rows:
        key = row["city"] + "/" + row["district"]
        sizes[key] = sizes.get(key, 0) + 1
    largest = max(sizes, key=lambda key: sizes[key])
    city, district = largest.split("/")
    from noivu.admin_units.census import squash

    code = next(
        unit.code
        for unit in AdminUnit.objects.filter(regime=Regime.LEGACY, level=Level.DISTRICT)
        if squash(unit.short_name) == squash(district)
    )
    units = units_on(DAY, parent_code=code)
    units = units.take(~np.isnan(units.area_km2))
    analysis = analyse(units, DAY, standards=standards)
    found = plan(analysis, approximate_edges(units), time_limit=seconds, standards=standards)
    ok = found.status in ("OPTIMAL", "FEASIBLE") and found.seconds <= PLANNER_LIMIT
    failures += not ok
    print(
        f"planner, largest district of 2019 ({city} / {district}: {sizes[largest]} communes in 2019, "
        f"{len(units)} with figures in the 2025 list): {found.status} in {found.seconds:.1f} s, "
        f"objective {found.objective}, bound {found.bound}, gap {found.gap}, {len(found.groups)} groups, "
        f"unresolved {len(found.unresolved)}: {'OK' if ok else 'NOT MET'}"
    )

    with_figures: dict[str, int] = {}
    for parent in registry.parent_code[~np.isnan(registry.population)]:
        with_figures[parent] = with_figures.get(parent, 0) + 1
    code = max(with_figures, key=lambda key: with_figures[key])
    units = units_on(DAY, parent_code=code)
    units = units.take(~np.isnan(units.area_km2))
    analysis = analyse(units, DAY, standards=standards)
    found = plan(analysis, approximate_edges(units), time_limit=seconds, standards=standards)
    ok = found.status in ("OPTIMAL", "FEASIBLE") and found.seconds <= PLANNER_LIMIT + 5
    failures += not ok
    print(
        f"planner, largest district of the registry with figures ({code}: {len(units)} communes): "
        f"{found.status} in {found.seconds:.1f} s, objective {found.objective}, bound {found.bound}, "
        f"gap {found.gap}, {len(found.groups)} groups, unresolved {len(found.unresolved)}: "
        f"{'OK' if ok else 'NOT MET'}"
    )

    counts = {
        code: AdminUnit.objects.filter(regime=Regime.LEGACY, level=Level.COMMUNE, province_code=code).count()
        for code in AdminUnit.objects.filter(regime=Regime.LEGACY, level=Level.PROVINCE).values_list(
            "code", flat=True
        )
    }
    province = min(counts, key=lambda code: abs(counts[code] - 250))
    units = units_on(DAY, province_code=province)
    units = units.take(~np.isnan(units.area_km2))
    units.parent_code[:] = province
    analysis = analyse(units, DAY, standards=standards)
    found = plan(analysis, approximate_edges(units), time_limit=seconds, standards=standards)
    ok = found.status in ("OPTIMAL", "FEASIBLE") and found.seconds <= PLANNER_LIMIT + 5
    failures += not ok
    print(
        f"planner, province {province} ({len(units)} communes with figures): {found.status} in "
        f"{found.seconds:.1f} s, objective {found.objective}, bound {found.bound}, gap {found.gap}, "
        f"{len(found.groups)} groups, unresolved {len(found.unresolved)}: {'OK' if ok else 'NOT MET'}"
    )
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
