"""Rules as data: dated rule tables loaded from ``noivu/<app>/law/*.yaml`` and looked up as of a date.

A table file holds rows ``{code, value, effective_from, [effective_to], legal_basis, [note]}``. An
omitted ``effective_to`` ends the day before the next row of the same code starts, so a file lists
a rule's history in order, as the decrees replaced each other.
"""

import contextlib
import datetime as dt
import functools
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS, connection, transaction
from django.db.models.signals import post_delete, post_save
from django.utils import translation

from noivu.core.models import LegalBasis, RuleRow


class RuleNotFound(LookupError):
    pass


@dataclass(frozen=True)
class RuleValue:
    """A rule's value over a period (giá trị quy định), with the legal basis it rests on."""

    table: str
    code: str
    value: Any
    effective_from: dt.date
    effective_to: dt.date | None
    legal_basis: LegalBasis
    note: str = ""

    @classmethod
    def of(cls, row: RuleRow) -> "RuleValue":
        return cls(
            table=row.table,
            code=row.code,
            value=row.value,
            effective_from=row.effective_from,
            effective_to=row.effective_to,
            legal_basis=row.legal_basis,
            note=row.note,
        )

    def in_force_on(self, day: dt.date) -> bool:
        return self.effective_from <= day and (self.effective_to is None or day <= self.effective_to)

    def period_label(self) -> str:
        end = self.effective_to.strftime("%d/%m/%Y") if self.effective_to else "…"
        return f"{self.effective_from:%d/%m/%Y}–{end}"

    def explain(self) -> dict:
        """The (rule, citation, period) record a calculator's explanation carries."""
        return {
            "table": self.table,
            "code": self.code,
            "value": self.value,
            "effective_from": self.effective_from.isoformat(),
            "effective_to": self.effective_to.isoformat() if self.effective_to else None,
            "legal_basis": self.legal_basis.as_dict(),
        }


@dataclass(frozen=True)
class RuleTable:
    """Every row of one rule table (bảng quy định), loaded at once; lookups are answered in memory.

    Get one with :func:`rule_table` and keep it for a unit of work (a page, an import): each call of
    :func:`rule_table` checks that the cached copy is still current, which costs one small query.
    """

    name: str
    by_code: dict[str, tuple[RuleValue, ...]] = field(default_factory=dict)

    @classmethod
    def from_rows(cls, name: str, rows: list[RuleRow]) -> "RuleTable":
        by_code: dict[str, list[RuleValue]] = {}
        for row in sorted(rows, key=lambda r: (r.code, r.effective_from)):
            by_code.setdefault(row.code, []).append(RuleValue.of(row))
        return cls(name, {code: tuple(values) for code, values in by_code.items()})

    def codes(self) -> list[str]:
        return sorted(self.by_code)

    def __contains__(self, code: str) -> bool:
        return code in self.by_code

    def history(self, code: str) -> tuple[RuleValue, ...]:
        """The rows of ``code`` in time order (empty if the table has no such code)."""
        return self.by_code.get(code, ())

    def get(self, code: str, day: dt.date) -> RuleValue | None:
        """The row of ``code`` in force on ``day``, or None."""
        for value in self.history(code):
            if value.in_force_on(day):
                return value
        return None

    def lookup(self, code: str, day: dt.date) -> RuleValue:
        """The row of ``code`` in force on ``day``; RuleNotFound if none is."""
        found = self.get(code, day)
        if found is None:
            raise RuleNotFound(f"Không có quy định {self.name}.{code} có hiệu lực ngày {day:%d/%m/%Y}.")
        return found

    def in_force(self, day: dt.date) -> dict[str, RuleValue]:
        """Every code's row in force on ``day``."""
        found = {code: self.get(code, day) for code in self.by_code}
        return {code: value for code, value in found.items() if value is not None}


# Per process: table name -> (version it was loaded at, table).
_cache: dict[str, tuple[tuple, RuleTable]] = {}


def _version() -> tuple:
    """The latest history row of rule rows and legal bases: every save or delete writes one, in any
    process, so a cached table older than it is reloaded. Signals alone would not reach the other
    worker processes."""
    quote = connection.ops.quote_name
    tables = (RuleRow.history.model._meta.db_table, LegalBasis.history.model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT " + ", ".join(f"(SELECT MAX(history_id) FROM {quote(table)})" for table in tables)
        )
        return tuple(cursor.fetchone())


_pinned: ContextVar[bool] = ContextVar("rule_tables_pinned", default=False)


@contextlib.contextmanager
def pinned_rule_tables() -> Iterator[None]:
    """Within the block, a table already in the process cache is used without asking the database
    whether a rule changed since: for a batch that looks rules up thousands of times in one transaction
    (the demo load), one query per look-up otherwise. A row saved in this process still empties the
    cache."""
    token = _pinned.set(True)
    try:
        yield
    finally:
        _pinned.reset(token)


def rule_table(name: str) -> RuleTable:
    """The rule table ``name``, from the process cache when it is current (one query; none inside
    :func:`pinned_rule_tables`), else loaded in one query with its legal bases."""
    if _pinned.get() and name in _cache:
        return _cache[name][1]
    version = _version()
    cached = _cache.get(name)
    if cached is not None and cached[0] == version:
        return cached[1]
    # From the primary, as its version is, even for a report reading the replica: a lagging replica's rows
    # kept under the primary's version would stay in the cache after the replica caught up.
    rows = RuleRow.objects.using(DEFAULT_DB_ALIAS).select_related("legal_basis").filter(table=name)
    table = RuleTable.from_rows(name, list(rows))
    _cache[name] = (version, table)
    return table


def forget_rule_tables(**kwargs: Any) -> None:
    """Drop the cached tables: a row or legal basis was saved or deleted in this process (the history
    version alone would miss a row saved after a rolled-back one reused its history id)."""
    _cache.clear()


for _event, _signal in (("save", post_save), ("delete", post_delete)):
    for _model in (RuleRow, LegalBasis):
        _uid = f"rule-tables-{_event}-{_model.__name__}"
        _signal.connect(forget_rule_tables, sender=_model, dispatch_uid=_uid)


def lookup(table: str, code: str, day: dt.date) -> RuleValue:
    """The row of ``table``/``code`` in force on ``day``; RuleNotFound if none is.

    For many lookups in one table, take :func:`rule_table` once and ask it.
    """
    return rule_table(table).lookup(code, day)


def law_files() -> list[Path]:
    """Every rule-table file of every installed project app, in a stable order."""
    files: list[Path] = []
    for config in apps.get_app_configs():
        if config.name.startswith("noivu."):
            files.extend(sorted((Path(config.path) / "law").glob("*.yaml")))
    return files


def reads_english() -> bool:
    return (translation.get_language() or "vi").startswith("en")


def localized(value: Any, key: str = "label") -> str:
    """A rule row's text ``key`` in the reader's language: its ``<key>_en`` on the English interface where
    the row gives one, else the Vietnamese ``key``."""
    value = value or {}
    return str((reads_english() and value.get(f"{key}_en")) or value.get(key, ""))


@dataclass(frozen=True)
class TableInfo:
    """What a rule table's file says of it: its title (Vietnamese, and English where the file gives
    ``title_en``) and the unit of its values (``dong`` for money)."""

    title: str
    title_en: str
    unit: str

    @property
    def label(self) -> str:
        return self.title_en if reads_english() and self.title_en else self.title


@functools.cache
def table_infos() -> dict[str, TableInfo]:
    """The title and unit of every rule table, read from the law files once per process."""
    infos = {}
    for path in law_files():
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        infos[document["table"]] = TableInfo(
            str(document.get("title") or document["table"]),
            str(document.get("title_en") or ""),
            str(document.get("unit") or ""),
        )
    return infos


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


@dataclass
class LoadReport:
    """What loading the rule files did: rows added, file rows updated, and the rows an administrator
    changed that now differ from their file (kept as the administrator left them)."""

    added: int = 0
    updated: int = 0
    drifts: list[str] = field(default_factory=list)


FIGURE_FIELDS = ("value", "effective_to", "legal_basis", "note")


def _figure(row: RuleRow) -> dict:
    return {name: getattr(row, name) for name in FIGURE_FIELDS}


@transaction.atomic
def load_rule_files(paths: list[Path] | None = None) -> LoadReport:
    """Bring the database in line with the rule files.

    A row not yet present (same table, code and start) is added. A present row whose figure (value,
    end, legal basis, note) differs from its file is updated, with history, when it came from the file;
    when an administrator changed it, or the update would clash with an administrator's row, it is kept
    and the drift is reported. A new row that overlaps another is refused with the file named.
    """
    report = LoadReport()
    for path in paths if paths is not None else law_files():
        table, rows = parse_table(path)
        existing = {
            (row.code, row.effective_from): row
            for row in RuleRow.objects.select_related("legal_basis").filter(table=table)
        }
        # In time order per code, so that a row closed by a newly added one is closed before it is added.
        for spec in sorted(rows, key=lambda r: (r["code"], r["effective_from"])):
            figure = {
                "value": spec["value"],
                "effective_to": spec["effective_to"],
                "legal_basis": _legal_basis(spec["legal_basis"]),
                "note": spec.get("note", ""),
            }
            row = existing.get((spec["code"], spec["effective_from"]))
            if row is None:
                row = RuleRow(table=table, code=spec["code"], effective_from=spec["effective_from"], **figure)
                row.source = RuleRow.Source.FILE
            elif _figure(row) == figure:
                continue
            elif row.source == RuleRow.Source.ADMIN:
                changed = ", ".join(name for name in FIGURE_FIELDS if getattr(row, name) != figure[name])
                report.drifts.append(
                    f"{path.name}: {table}.{spec['code']} từ {spec['effective_from']:%d/%m/%Y} khác tệp "
                    f"({changed}); giữ giá trị quản trị viên đã sửa."
                )
                continue
            else:
                for name, value in figure.items():
                    setattr(row, name, value)
                row._change_reason = f"{path.name} changed"
            try:
                row.full_clean()
            except ValidationError as error:
                if row.pk is None:
                    raise ValidationError(
                        f"{path.name}: {spec['code']} từ {spec['effective_from']}: {error}"
                    ) from error
                # A file row closed by an administrator's later row before closing marked it as theirs.
                report.drifts.append(
                    f"{path.name}: {table}.{spec['code']} từ {spec['effective_from']:%d/%m/%Y} khác tệp "
                    f"nhưng không cập nhật được ({'; '.join(error.messages)}); giữ giá trị đang có."
                )
                continue
            if row.pk is None:
                report.added += 1
            else:
                report.updated += 1
            row.save()
    return report
