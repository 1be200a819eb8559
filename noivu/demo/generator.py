"""The demo data set (dữ liệu mẫu): which part of the country each size covers, and its generation.

``generate()`` is pure: it touches no database and returns the organisation nodes plus a lazy stream
of person batches, so the loader can write rows while they are produced.
"""

import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass

from noivu.core import dates
from noivu.demo import admin_units
from noivu.demo.people import PeopleGenerator, PersonRow, allocate
from noivu.demo.structure import OrgNode, TreeOptions, build_tree, flatten

DEFAULT_PROVINCE = "01"


@dataclass(frozen=True)
class Size:
    """A size of demo (cỡ dữ liệu mẫu)."""

    name: str
    persons: int
    national: bool
    communes_per_province: int | None
    units_cap: int | None


SIZES: dict[str, Size] = {
    "small": Size("small", 2_000, national=False, communes_per_province=8, units_cap=2),
    "province": Size("province", 60_000, national=False, communes_per_province=None, units_cap=None),
    "national": Size("national", 2_500_000, national=True, communes_per_province=None, units_cap=None),
}


@dataclass
class DemoData:
    """The generated organisations (in path order) and a one-shot stream of person batches."""

    size: Size
    seed: int
    as_of: dt.date
    province: admin_units.Province
    nodes: list[OrgNode]
    counts: list[int]
    batches: Iterator[list[PersonRow]]

    @property
    def person_count(self) -> int:
        return sum(self.counts)

    def node(self, code: str) -> OrgNode:
        return next(n for n in self.nodes if n.code == code)


def generate(
    size: str,
    seed: int = 1,
    *,
    as_of: dt.date | None = None,
    persons: int | None = None,
    province_code: str = DEFAULT_PROVINCE,
) -> DemoData:
    """Generate the demo data of ``size`` for ``seed``; ``persons`` overrides the size's head count.

    Ages are computed at ``as_of`` (default: today), so a reproduction needs both the seed and that date.
    """
    spec = SIZES[size]
    as_of = as_of or dates.today()
    demo_province = admin_units.province(province_code)
    provinces = admin_units.provinces() if spec.national else (demo_province,)
    options = TreeOptions(
        provinces=provinces,
        communes_per_province=spec.communes_per_province,
        all_ministries=spec.national,
        units_cap=spec.units_cap,
    )
    nodes = flatten(build_tree(random.Random(f"noivu-demo:{seed}:tree"), options))
    counts = allocate(spec.persons if persons is None else persons, [n.weight for n in nodes])
    people = PeopleGenerator(
        seed,
        as_of,
        {p.code: p.legacy_codes for p in admin_units.provinces()},
        sorted(admin_units.legacy_province_codes()),
    )
    return DemoData(
        size=spec,
        seed=seed,
        as_of=as_of,
        province=demo_province,
        nodes=nodes,
        counts=counts,
        batches=people.batches(nodes, counts),
    )
