"""Backup and restore (sao lưu, phục hồi) of an installation on PostgreSQL: the database and the uploaded
files, with a manifest that proves a restore complete.

A backup is a directory holding ``database/`` (``pg_dump`` in its directory format, dumped by several
jobs), ``media/`` (a copy of ``MEDIA_ROOT``) and ``manifest.json``. The manifest is read in the very
snapshot that ``pg_dump`` dumps (``pg_export_snapshot``), so writes going on during the backup change
neither: it holds every table's row count, the digest of a random sample of rows of each table with a
one-column primary key, and the size and SHA-256 of every uploaded file. A restore loads the dump into an
empty database, copies the files, and checks all three against the manifest; any difference is named.
"""

import datetime as dt
import hashlib
import json
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql
from psycopg.conninfo import make_conninfo

MANIFEST = "manifest.json"
FORMAT_VERSION = 1
SAMPLE_ROWS = 50


class BackupError(Exception):
    """A backup or restore that cannot go on, with the reason for the operator."""


@dataclass(frozen=True)
class Target:
    """A PostgreSQL database: the connection parameters of libpq and the tools."""

    name: str
    host: str = ""
    port: str = ""
    user: str = ""
    password: str = ""

    @classmethod
    def from_settings(cls, settings_dict: dict[str, Any]) -> "Target":
        if "postgresql" not in settings_dict["ENGINE"]:
            raise BackupError(
                f"sao lưu chỉ hỗ trợ PostgreSQL; cơ sở dữ liệu này dùng {settings_dict['ENGINE']}"
            )
        return cls(
            name=settings_dict["NAME"],
            host=str(settings_dict.get("HOST") or ""),
            port=str(settings_dict.get("PORT") or ""),
            user=str(settings_dict.get("USER") or ""),
            password=str(settings_dict.get("PASSWORD") or ""),
        )

    def other(self, name: str) -> "Target":
        return Target(name, self.host, self.port, self.user, self.password)

    def connect(self, **kwargs: Any) -> psycopg.Connection[Any]:
        params = {
            "dbname": self.name,
            "host": self.host,
            "port": self.port,
            "user": self.user,
            "password": self.password,
        }
        conninfo = make_conninfo(**{key: value for key, value in params.items() if value})
        return psycopg.connect(conninfo, **kwargs)

    def tool_arguments(self) -> list[str]:
        arguments = ["--dbname", self.name]
        for flag, value in (("--host", self.host), ("--port", self.port), ("--username", self.user)):
            if value:
                arguments += [flag, value]
        return arguments

    def tool_environment(self) -> dict[str, str]:
        environment = dict(os.environ)
        if self.password:
            environment["PGPASSWORD"] = self.password
        return environment


@dataclass
class Report:
    """What a backup or a restore did: its durations in seconds and, for a restore, every difference."""

    durations: dict[str, float] = field(default_factory=dict)
    tables: int = 0
    rows: int = 0
    sampled_rows: int = 0
    files: int = 0
    file_bytes: int = 0
    differences: list[str] = field(default_factory=list)

    @property
    def matches(self) -> bool:
        return not self.differences


class _Timer:
    def __init__(self, report: Report) -> None:
        self.report = report

    def __call__(self, step: str) -> "_Step":
        return _Step(self.report, step)


class _Step:
    def __init__(self, report: Report, step: str) -> None:
        self.report, self.step = report, step

    def __enter__(self) -> None:
        self.started = time.perf_counter()

    def __exit__(self, *exc: object) -> None:
        self.report.durations[self.step] = round(time.perf_counter() - self.started, 2)


def _tables(conn: psycopg.Connection[Any]) -> list[tuple[str, str | None]]:
    """The ordinary tables of the public schema with their primary key when it is one column."""
    rows = conn.execute(
        """
        SELECT c.relname,
               (SELECT a.attname FROM pg_index i
                JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
                WHERE i.indrelid = c.oid AND i.indisprimary AND i.indnatts = 1)
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
        ORDER BY c.relname
        """
    ).fetchall()
    return [(name, key) for name, key in rows]


def _row_digest(conn: psycopg.Connection[Any], table: str, key: str, values: list[str]) -> dict[str, str]:
    """The MD5 of each row's text form, by its key's text form."""
    rows = conn.execute(
        sql.SQL("SELECT {key}::text, md5(t::text) FROM {table} t WHERE {key}::text = ANY(%s)").format(
            key=sql.Identifier(key), table=sql.Identifier(table)
        ),
        [values],
    ).fetchall()
    return dict(rows)


def _sample_keys(conn: psycopg.Connection[Any], table: str, key: str, count: int) -> list[str]:
    """Up to ``count`` keys of rows picked at random: from random pages of a large table (no full scan)."""
    estimated = conn.execute(
        "SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [f'public."{table}"']
    ).fetchone()
    rows = float(estimated[0]) if estimated else -1
    if rows > 20 * count:
        percent = min(100.0, 100.0 * 5 * count / rows)
        statement = sql.SQL(
            "SELECT {key}::text FROM {table} TABLESAMPLE SYSTEM (%s) ORDER BY random() LIMIT %s"
        )
        params: list[Any] = [percent, count]
    else:
        statement = sql.SQL("SELECT {key}::text FROM {table} ORDER BY random() LIMIT %s")
        params = [count]
    query = statement.format(key=sql.Identifier(key), table=sql.Identifier(table))
    return [value for (value,) in conn.execute(query, params).fetchall()]


def _files(root: Path) -> Iterator[Path]:
    if root.is_dir():
        yield from sorted(path for path in root.rglob("*") if path.is_file())


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _run(command: list[str], target: Target) -> None:
    result = subprocess.run(command, env=target.tool_environment(), capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{command[0]} thất bại (mã {result.returncode}): {result.stderr.strip()[-2000:]}")


def backup(source: Target, media_root: Path, destination: Path, jobs: int = 2) -> Report:
    """Back up ``source`` and the files under ``media_root`` into the new directory ``destination``."""
    if destination.exists() and any(destination.iterdir()):
        raise BackupError(f"thư mục đích {destination} đã có nội dung: chọn một thư mục mới")
    destination.mkdir(parents=True, exist_ok=True)
    report = Report()
    timed = _Timer(report)
    manifest: dict[str, Any] = {
        "format": FORMAT_VERSION,
        "database": source.name,
        "taken_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "tables": {},
        "samples": {},
        "files": {},
    }
    with source.connect(autocommit=False) as conn:
        conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        conn.execute("SET TimeZone = 'UTC'")
        snapshot_row = conn.execute("SELECT pg_export_snapshot()").fetchone()
        assert snapshot_row is not None
        snapshot = snapshot_row[0]
        dump = subprocess.Popen(
            [
                "pg_dump",
                *source.tool_arguments(),
                "--format=directory",
                f"--jobs={jobs}",
                f"--snapshot={snapshot}",
                "--no-owner",
                "--no-privileges",
                "--compress=1",
                "--file",
                str(destination / "database"),
            ],
            env=source.tool_environment(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        with timed("database"):
            with timed("manifest"):
                for table, key in _tables(conn):
                    count_row = conn.execute(
                        sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table))
                    ).fetchone()
                    manifest["tables"][table] = count_row[0] if count_row else 0
                    if key is not None and manifest["tables"][table]:
                        keys = _sample_keys(conn, table, key, SAMPLE_ROWS)
                        manifest["samples"][table] = {"key": key, "rows": _row_digest(conn, table, key, keys)}
            _, errors = dump.communicate()
        conn.rollback()
    if dump.returncode != 0:
        raise BackupError(f"pg_dump thất bại (mã {dump.returncode}): {errors.strip()[-2000:]}")
    with timed("media"):
        for path in _files(media_root):
            relative = path.relative_to(media_root).as_posix()
            copy = destination / "media" / relative
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, copy)
            manifest["files"][relative] = {"size": copy.stat().st_size, "sha256": _sha256(copy)}
    (destination / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    _summarise(report, manifest)
    return report


def _summarise(report: Report, manifest: dict[str, Any]) -> None:
    report.tables = len(manifest["tables"])
    report.rows = sum(manifest["tables"].values())
    report.sampled_rows = sum(len(sample["rows"]) for sample in manifest["samples"].values())
    report.files = len(manifest["files"])
    report.file_bytes = sum(entry["size"] for entry in manifest["files"].values())


def read_manifest(source: Path) -> dict[str, Any]:
    path = source / MANIFEST
    if not path.is_file():
        raise BackupError(f"{source} không phải một bản sao lưu: thiếu {MANIFEST}")
    manifest = json.loads(path.read_text(encoding="utf-8"))
    if manifest.get("format") != FORMAT_VERSION:
        raise BackupError(
            f"bản sao lưu có định dạng {manifest.get('format')}, chương trình đọc {FORMAT_VERSION}"
        )
    return manifest


def _create_empty(target: Target, maintenance: Target) -> None:
    with maintenance.connect(autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [target.name]).fetchone()
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(target.name)))
            return
    with target.connect() as conn:
        tables = conn.execute(
            "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')"
        ).fetchone()
    if tables and tables[0]:
        raise BackupError(
            f"cơ sở dữ liệu {target.name} đã có {tables[0]} bảng: phục hồi chỉ vào một cơ sở dữ liệu trống"
        )


def restore(source: Path, target: Target, media_root: Path, jobs: int = 2) -> Report:
    """Restore the backup ``source`` into the empty (or new) database ``target`` and the files into
    ``media_root``, then check the row counts, the sampled rows and the files against the manifest."""
    manifest = read_manifest(source)
    if media_root.exists() and any(media_root.iterdir()):
        raise BackupError(f"thư mục tệp {media_root} đã có nội dung: phục hồi chỉ vào một thư mục trống")
    report = Report()
    timed = _Timer(report)
    with timed("database"):
        _create_empty(target, target.other("postgres"))
        _run(
            [
                "pg_restore",
                *target.tool_arguments(),
                f"--jobs={jobs}",
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                str(source / "database"),
            ],
            target,
        )
    with timed("media"):
        if (source / "media").is_dir():
            shutil.copytree(source / "media", media_root, dirs_exist_ok=True)
    with timed("verify"):
        report.differences = verify(manifest, target, media_root)
    _summarise(report, manifest)
    return report


def verify(manifest: dict[str, Any], target: Target, media_root: Path) -> list[str]:
    """Every difference between the restored database and files and what the manifest recorded."""
    differences = []
    with target.connect(autocommit=True) as conn:
        conn.execute("SET TimeZone = 'UTC'")
        present = {table for table, _ in _tables(conn)}
        for table, expected in manifest["tables"].items():
            if table not in present:
                differences.append(f"bảng {table}: không có sau khi phục hồi")
                continue
            count_row = conn.execute(
                sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table))
            ).fetchone()
            count = count_row[0] if count_row else 0
            if count != expected:
                differences.append(f"bảng {table}: {count} dòng, bản sao lưu có {expected}")
        for table, sample in manifest["samples"].items():
            if table not in present:
                continue
            restored = _row_digest(conn, table, sample["key"], list(sample["rows"]))
            for value, digest in sample["rows"].items():
                if restored.get(value) != digest:
                    state = "thiếu" if value not in restored else "khác nội dung"
                    differences.append(f"bảng {table}, {sample['key']} = {value}: {state}")
    for relative, expected in manifest["files"].items():
        path = media_root / relative
        if not path.is_file():
            differences.append(f"tệp {relative}: thiếu")
        elif path.stat().st_size != expected["size"] or _sha256(path) != expected["sha256"]:
            differences.append(f"tệp {relative}: khác nội dung")
    return differences
