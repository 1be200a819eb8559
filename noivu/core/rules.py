"""Rules as data: dated rule tables loaded from ``noivu/<app>/law/*.yaml`` and looked up as of a date.

A table file holds rows ``{code, value, effective_from, [effective_to], legal_basis, [note]}``. An
omitted ``effective_to`` ends the day before the next row of the same code starts, so a file lists
a rule's history in order, as the decrees replaced each other.
"""

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import transaction

from noivu.core.models import LegalBasis, RuleRow


class RuleNotFound(LookupError):
    pass


@dataclass(frozen=True)
class RuleValue:
    """A rule's value on a date, with the row (and so the legal basis) it comes from."""

    value: Any
    row: RuleRow

    def explain(self) -> dict:
        """The (rule, citation, period) record a calculator's explanation carries."""
        return {
            "table": self.row.table,
            "code": self.row.code,
            "value": self.value,
            "effective_from": self.row.effective_from.isoformat(),
            "effective_to": self.row.effective_to.isoformat() if self.row.effective_to else None,
            "legal_basis": self.row.legal_basis.as_dict(),
        }


def lookup(table: str, code: str, day: dt.date) -> RuleValue:
    """The row of ``table``/``code`` in force on ``day``; RuleNotFound if none is."""
    row = RuleRow.objects.select_related("legal_basis").as_of(day).filter(table=table, code=code).first()
    if row is None:
        raise RuleNotFound(f"Không có quy định {table}.{code} có hiệu lực ngày {day:%d/%m/%Y}.")
    return RuleValue(row.value, row)


def law_files() -> list[Path]:
    """Every rule-table file of every installed project app, in a stable order."""
    files: list[Path] = []
    for config in apps.get_app_configs():
        if config.name.startswith("noivu."):
            files.extend(sorted((Path(config.path) / "law").glob("*.yaml")))
    return files


def _date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def _legal_basis(spec: dict) -> LegalBasis:
    confidence = spec.get("confidence", LegalBasis.Confidence.VERIFIED)
    basis, _ = LegalBasis.objects.get_or_create(
        document_number=spec["document"],
        article=spec.get("article", ""),
        defaults={
            "title": spec.get("title", ""),
            "issued_on": _date(spec.get("issued")),
            "effective_on": _date(spec.get("effective")),
            "url": spec.get("url", ""),
            "confidence": confidence,
        },
    )
    return basis


def parse_table(path: Path) -> tuple[str, list[dict]]:
    """Read a table file into (table name, rows with computed ``effective_to``)."""
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    table = document["table"]
    rows = [dict(row) for row in document["rows"]]
    for row in rows:
        row["effective_from"] = _date(row["effective_from"])
        row["effective_to"] = _date(row.get("effective_to"))
    by_code: dict[str, list[dict]] = {}
    for row in rows:
        by_code.setdefault(row["code"], []).append(row)
    for history in by_code.values():
        history.sort(key=lambda r: r["effective_from"])
        for current, following in zip(history, history[1:], strict=False):
            if current["effective_to"] is None:
                current["effective_to"] = following["effective_from"] - dt.timedelta(days=1)
    return table, rows


@transaction.atomic
def load_rule_files(paths: list[Path] | None = None) -> int:
    """Insert the rows of the rule files not yet in the database; return how many were added.

    Rows already present (same table, code and start) are left alone, so an administrator's later
    corrections survive; an overlapping row is refused with the file named.
    """
    added = 0
    for path in paths if paths is not None else law_files():
        table, rows = parse_table(path)
        for spec in rows:
            if RuleRow.objects.filter(
                table=table, code=spec["code"], effective_from=spec["effective_from"]
            ).exists():
                continue
            row = RuleRow(
                table=table,
                code=spec["code"],
                value=spec["value"],
                effective_from=spec["effective_from"],
                effective_to=spec["effective_to"],
                legal_basis=_legal_basis(spec["legal_basis"]),
                note=spec.get("note", ""),
                source=RuleRow.Source.FILE,
            )
            try:
                row.full_clean()
            except ValidationError as error:
                raise ValidationError(
                    f"{path.name}: {spec['code']} từ {spec['effective_from']}: {error}"
                ) from error
            row.save()
            added += 1
    return added
