"""What an adopted plan does beyond the registry (tác động của phương án đã thi hành): other apps register
an effect run for each merge, in the adoption's transaction (the organisation tree, personnel records,
addresses). ``admin_units`` imports none of them: they register here from their ``ready()``.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from noivu.core.extensions import Registry


@dataclass(frozen=True)
class UnitMerge:
    """Units merged into a new one on ``effective_from`` by ``resolution_number``; ``organizations`` maps
    the id of each old commune People's Committee to the id of the new unit's committee."""

    old_codes: tuple[str, ...]
    new_code: str
    new_name: str
    province_code: str
    effective_from: dt.date
    resolution_number: str
    organizations: dict[int, int] = field(default_factory=dict)


@dataclass(frozen=True)
class MergeEffect:
    """``apply(merge, acting_user)`` carries the merge over into the registering app; returns a line for
    the adoption's report."""

    key: str
    order: int
    apply: Callable[[UnitMerge, Any], str]


merge_effects: Registry[MergeEffect] = Registry("Unit merge effect")
