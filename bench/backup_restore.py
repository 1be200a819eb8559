"""The backup and restore drill on a loaded database (sao lưu, phục hồi): how long a backup takes (what
the recovery point objective can be), how long a restore into a fresh database takes and whether it matches
(the recovery time objective).

Usage (the national demo database loaded by ``bench/demo_national.py --database noivu_national --keep``):

    BENCH_PG_URL=postgres://postgres@127.0.0.1:5432 .venv/bin/python bench/backup_restore.py \
        --database noivu_national

It runs ``manage.py backup`` into a new folder, then ``manage.py restore --into <database>_restore_drill``
into a fresh database and a fresh media folder (the command checks every table's row count, a random sample
of rows of each table and every file against the backup's manifest and fails on any difference), and
prints the times; the drill's database and folder are removed afterwards unless ``--keep``.
"""

import shutil
import tempfile
from pathlib import Path

from _common import drop_database, manage, parser


def main() -> int:
    arguments = parser("backup and restore drill", default_database="noivu_national")
    arguments.add_argument("--jobs", default="2", help="parallel jobs of pg_dump and pg_restore")
    arguments.add_argument("--folder", type=Path, help="where to write the backup (a new temporary folder)")
    args = arguments.parse_args()
    work = Path(tempfile.mkdtemp(prefix="noivu-backup-drill-", dir=args.folder))
    drill = f"{args.database}_restore_drill"
    drop_database(drill)
    try:
        backup_seconds, output = manage(args.database, "backup", str(work / "backup"), "--jobs", args.jobs)
        print(output.rstrip())
        size = sum(path.stat().st_size for path in (work / "backup").rglob("*") if path.is_file())
        print(f"backup: {backup_seconds:.1f} s, {size / 1e9:.2f} GB on disk")
        restore_seconds, output = manage(
            args.database,
            "restore",
            str(work / "backup"),
            "--into",
            drill,
            "--media-root",
            str(work / "media"),
            "--jobs",
            args.jobs,
        )
        print(output.rstrip())
        print(f"restore and verification: {restore_seconds:.1f} s (the recovery time, before serving again)")
    finally:
        if not args.keep:
            drop_database(drill)
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
