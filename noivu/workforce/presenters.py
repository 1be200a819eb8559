"""What a user sees of a position falling vacant (vị trí sẽ trống) and the person holding it: the person's
columns and their masking are the personnel presenter's, decided by the unit of the row."""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import polars as pl
from django.utils.translation import gettext_lazy as _

from noivu.core.presenters import Column, Presenter
from noivu.personnel import privacy
from noivu.personnel.models import Person
from noivu.personnel.records.presenters import PersonPresenter
from noivu.workforce.forecast import RETIREMENT

REASONS = {RETIREMENT: _("Nghỉ hưu"), "streamlining": _("Tinh giản biên chế")}


@dataclass(frozen=True)
class Vacancy:
    """A position whose holder leaves within the five years, with who holds it."""

    year: int
    position: str
    full_name: str
    birth_date: dt.date | None
    cccd_number: str
    unit: str
    path: str
    leaves_on: dt.date
    reason: str
    source: str


class VacancyPresenter(Presenter):
    columns = [
        Column("year", _("Năm thứ")),
        Column("position", _("Vị trí việc làm")),
        PersonPresenter.column("full_name"),
        PersonPresenter.column("birth_date"),
        Column("unit", _("Đơn vị")),
        Column("leaves_on", _("Ngày thôi giữ vị trí")),
        Column("reason", _("Lý do")),
        Column("source", _("Căn cứ")),
        PersonPresenter.column("cccd_number"),
    ]

    def shows_personal_data(self, row: Any) -> bool:
        return privacy.visible_at(self.user, row.path)


def vacancies(user: Any, frame: pl.DataFrame) -> list[Vacancy]:
    """The rows of ``frame`` (the forecast's ``vacancies``) with their holders, read within the user's
    scope."""
    ids = frame["person_id"].to_list()
    persons = {
        pk: (name, birth, cccd, unit)
        for pk, name, birth, cccd, unit in Person.objects.restrict(user)
        .filter(pk__in=ids)
        .values_list("pk", "full_name", "birth_date", "cccd_number", "organization__name")
    }
    found = []
    for row in frame.iter_rows(named=True):
        name, birth, cccd, unit = persons.get(row["person_id"], ("", None, "", ""))
        found.append(
            Vacancy(
                year=row["period"],
                position=f"{row['position_code']} – {row['position_name']}",
                full_name=name,
                birth_date=birth,
                cccd_number=cccd or "",
                unit=unit,
                path=row["path"],
                leaves_on=row["leaves_on"],
                reason=str(REASONS.get(row["reason"], row["reason"])),
                source=row["source"] or "",
            )
        )
    return found


def vacancy_rows(user: Any, rows: Iterable[Vacancy]) -> list[dict[str, Any]]:
    presenter = VacancyPresenter(user)
    return [presenter.row(row) for row in rows]
