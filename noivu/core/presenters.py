"""What a user may see of a row (trình bày dữ liệu): one presenter per kind of row, used alike by the web
page, the API, the Excel export and the printed CV, so that personal data (Nghị định 13/2023/NĐ-CP) is
masked by one rule everywhere.

A :class:`Presenter` lists :class:`Column` objects; a column marked ``personal`` holds personal data and
names the function that masks it. A user sees it unmasked where they hold ``Action.VIEW_PERSONAL_DATA``
over the row's unit — decided from the user's cached grants and the row's organisation path, so a list
of a thousand rows costs no query per row (select the organisation with the rows).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, ClassVar

from django.db import models
from django.utils.formats import date_format

from noivu.core import permissions
from noivu.core.permissions import Action

HIDDEN = "***"


def mask_all(value: Any) -> str:
    return HIDDEN if value not in (None, "") else ""


@dataclass(frozen=True)
class Column:
    """One column of a list, export or API object: its name, label, how to read it from a row, the
    database ordering that sorts it (None: not sortable) and, for personal data, the masking function.
    A column naming a node of a tree (a unit) gives ``place``: the node's tree path read from the row, so
    that a list shows where the unit lies ("Sở Nội vụ › UBND thành phố Hà Nội") under its name."""

    name: str
    label: Any
    read: Callable[[Any], Any] | None = None
    sort: str | None = None
    personal: Callable[[Any], Any] | None = None
    place: Callable[[Any], str | None] | None = None
    tree: str = "organization"

    def raw(self, row: Any) -> Any:
        if self.read is not None:
            return self.read(row)
        value: Any = row
        for part in self.name.split("__"):
            value = getattr(value, part, None)
            if value is None:
                return None
        return value


def display(value: Any) -> str:
    """A value as the sector writes it: dates dd/mm/yyyy, choices by label, None as empty."""
    if value is None:
        return ""
    if hasattr(value, "label"):
        return str(value.label)
    if hasattr(value, "strftime"):
        return date_format(value, "d/m/Y")
    return str(value)


class Presenter:
    """The columns of a kind of row, and the masking rule for one user."""

    columns: ClassVar[list[Column]] = []

    def __init__(self, user: Any) -> None:
        self.user = user

    @classmethod
    def column(cls, name: str) -> Column:
        for column in cls.columns:
            if column.name == name:
                return column
        raise KeyError(name)

    @classmethod
    def personal_fields(cls) -> set[str]:
        """The names of the columns that hold personal data."""
        return {column.name for column in cls.columns if column.personal is not None}

    @classmethod
    def sortable(cls) -> dict[str, str]:
        return {column.name: column.sort for column in cls.columns if column.sort}

    def shows_personal_data(self, row: Any) -> bool:
        """Whether this user sees ``row``'s personal data unmasked."""
        scoped = isinstance(row, models.Model) and hasattr(row, "organization_path")
        path = row.organization_path() if scoped else None
        return permissions.path_allows(self.user, Action.VIEW_PERSONAL_DATA, path)

    def value(self, row: Any, column: Column, *, unmasked: bool | None = None) -> Any:
        raw = column.raw(row)
        if column.personal is None:
            return raw
        if unmasked is None:
            unmasked = self.shows_personal_data(row)
        return raw if unmasked else column.personal(raw)

    def row(self, row: Any, names: Iterable[str] | None = None) -> dict[str, Any]:
        """The row as ``{column name: value}``, personal data masked unless this user may see it."""
        unmasked = self.shows_personal_data(row)
        chosen = self.columns if names is None else [self.column(name) for name in names]
        return {column.name: self.value(row, column, unmasked=unmasked) for column in chosen}

    def cells(self, row: Any, names: Iterable[str] | None = None) -> list[str]:
        """The row's values as display text, in column order (for a table or a spreadsheet)."""
        return [display(value) for value in self.row(row, names).values()]
