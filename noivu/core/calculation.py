"""Registry of calculators run by ``python manage.py calc NAME --json FILE`` (see docs/calc.md).

A calculator takes a JSON case (a dict) and returns a dict with ``result`` and ``explanation``
(inputs, rules used with their citations, steps). Each app registers its own in its ``calculators``
module, imported at start-up.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal, overload

from noivu.core import dates

Case = dict[str, Any]
Calculator = Callable[[Case], dict[str, Any]]


class CaseError(ValueError):
    """Bad input: names the field and the rule it breaks."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


@dataclass(frozen=True)
class Registered:
    name: str
    description: str
    function: Calculator


_registry: dict[str, Registered] = {}


def register(name: str, description: str) -> Callable[[Calculator], Calculator]:
    def decorate(function: Calculator) -> Calculator:
        if name in _registry and _registry[name].function is not function:
            raise ValueError(f"calculator {name!r} is registered twice")
        _registry[name] = Registered(name, description, function)
        return function

    return decorate


def registry() -> dict[str, Registered]:
    return dict(sorted(_registry.items()))


def run(name: str, case: Case) -> dict[str, Any]:
    """Run calculator ``name`` on ``case``; the output names the calculator and echoes the inputs."""
    if name not in _registry:
        raise KeyError(name)
    if not isinstance(case, dict):
        raise CaseError("$", "hồ sơ tính toán phải là một đối tượng JSON")
    output = _registry[name].function(case)
    return {"calculator": name, **output}


@overload
def date_field(case: Case, field: str, *, required: Literal[True] = True) -> dt.date: ...


@overload
def date_field(case: Case, field: str, *, required: bool) -> dt.date | None: ...


def date_field(case: Case, field: str, *, required: bool = True) -> dt.date | None:
    """Parse a date given as ISO yyyy-mm-dd or as dd/mm/yyyy."""
    raw = case.get(field)
    if raw in (None, ""):
        if required:
            raise CaseError(field, "bắt buộc")
        return None
    if not isinstance(raw, str):
        raise CaseError(field, "phải là ngày dạng yyyy-mm-dd hoặc dd/mm/yyyy")
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            day = dt.datetime.strptime(raw.strip(), pattern).date()
        except ValueError:
            continue
        return plausible(field, day)
    raise CaseError(field, f"'{raw}' không phải ngày hợp lệ (yyyy-mm-dd hoặc dd/mm/yyyy)")


def plausible(field: str, day: dt.date) -> dt.date:
    """``day`` when its year is plausible for a record (:func:`noivu.core.dates.is_plausible`), else the
    case is refused naming ``field``: no rule is in force for the year 9999."""
    if not dates.is_plausible(day):
        raise CaseError(field, f"năm {day.year} không hợp lý (từ {dates.FIRST_YEAR} đến {dates.LAST_YEAR})")
    return day
