"""Benchmark: export of 100,000 persons in the import layout on PostgreSQL.

Claim: at most 15 s. Builds the database ``noivu_bench_excel`` afresh as ``personnel_import.py`` does,
loads the persons through the importer (not timed), then times the export of the HR officer's whole
scope, checks the file reads back, and exits non-zero when the claim fails.

    .venv/bin/python bench/personnel_export.py [--rows 100000]
"""

import argparse
import sys
import tempfile
import time

from personnel_import import make_units, make_workbook, prepare_database

LIMIT_SECONDS = 15.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    arguments = parser.parse_args()
    prepare_database()
    from noivu.core.permissions import Action
    from noivu.personnel.excel.exporter import export_persons
    from noivu.personnel.excel.importer import import_workbook
    from noivu.personnel.excel.reader import read_workbook
    from noivu.personnel.models import Person

    user, codes = make_units()
    loaded = import_workbook(make_workbook(arguments.rows, codes), user=user)
    if not loaded.ok:
        print("could not load the persons:", loaded.file_errors, loaded.row_errors[:5])
        return 1
    persons = Person.objects.restrict(user, Action.EXPORT).order_by("full_name_folded", "pk")
    with tempfile.TemporaryFile() as output:
        started = time.perf_counter()
        count = export_persons(persons, output, user=user)
        elapsed = time.perf_counter() - started
        size = output.tell()
        output.seek(0)
        sheet = read_workbook(output.read())
    assert count == arguments.rows == len(sheet.rows)
    print(
        f"export: {count:,} persons, {size / 2**20:.1f} MB in {elapsed:.2f} s "
        f"({count / elapsed:,.0f} rows/s; limit {LIMIT_SECONDS:.0f} s)"
    )
    return 0 if elapsed <= LIMIT_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
