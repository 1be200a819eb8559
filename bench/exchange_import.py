"""Benchmark: applying another installation's dossiers to this database (nhận hồ sơ từ hệ thống khác),
``docs/exchange.md``.

Claim: on PostgreSQL over ``demo --size province``, the dossiers of ``--persons`` persons of the province
(their record and every kind of fact, dossier format 1, built by the export's own code), sent as another
installation's (every id moved, no identification number so that none is a conflict), are imported —
every line checked against the JSON Schema, planned, then written through each model's validation in one
action — at no less than ``--min-rate`` rows a second (the records and their facts); a second import of
the same file changes nothing (every row unchanged, no history row added) and takes at most ``--max-again``
seconds per 1,000 dossiers.

Creates (or, with ``--reuse``, keeps) the database ``--database`` (default
``noivu_exchange_bench_province``), migrates it and loads the province demo when it is empty; the rows
imported are removed again afterwards, so that the data set can be reused.

    .venv/bin/python bench/exchange_import.py --persons 2000
    .venv/bin/python bench/exchange_import.py --reuse

Exits non-zero when a figure misses its claim.
"""

import argparse
import gzip
import json
import os
import sys
import time
from pathlib import Path

from _common import province_database

REPO = Path(__file__).resolve().parents[1]
SOURCE = "BENCH"
OFFSET = 10_000_000

sys.path.insert(0, str(REPO))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reuse", action="store_true", help="keep an already loaded data set")
    parser.add_argument("--database", default="noivu_exchange_bench_province", help="database name")
    parser.add_argument("--persons", type=int, default=2000, help="dossiers sent")
    parser.add_argument("--min-rate", type=float, default=500.0, help="rows a second, first load")
    parser.add_argument("--max-again", type=float, default=2.0, help="seconds per 1,000 dossiers, again")
    args = parser.parse_args()
    province_database(args.database, reuse=args.reuse)

    from noivu.accounts.models import Grant, Role, User
    from noivu.edossier import documents
    from noivu.edossier.initial_export import dossier_persons
    from noivu.exchange import engine
    from noivu.exchange.models import Conflict, ExchangeKey
    from noivu.organizations.models import Organization
    from noivu.personnel.models import Person

    root = Organization.objects.filter(kind="province_committee").order_by("path").first()
    if root is None:
        print(f"{args.database} holds no province: load the province demo into it first")
        return 2
    admin, _created = User.objects.get_or_create(username="exchange_bench_admin")
    national = Organization.objects.order_by("path").first()
    Grant.objects.get_or_create(user=admin, role=Role.SYSTEM_ADMIN, organization=national)

    ids = list(dossier_persons(root.path).order_by("pk").values_list("pk", flat=True)[: args.persons])
    columns = documents.fact_columns()
    lines = []
    for _person, line in documents.build_lines(ids):
        document = json.loads(line)
        document["reference"] += OFFSET
        document["identifier"] = None
        document["person"]["id"] += OFFSET
        document["person"]["cccd_number"] = None
        document["person"]["personnel_code"] = ""
        for label, rows in document["facts"].items():
            at = columns[label].index("person_id")
            for row in rows:
                row[0] += OFFSET
                row[at] += OFFSET
        lines.append(json.dumps(document, ensure_ascii=False).encode())
    packed = gzip.compress(b"\n".join(lines) + b"\n")
    print(f"{root.name}: {len(lines):,} dossiers, {len(packed):,} bytes gzip")

    def history_rows() -> int:
        return sum(m.history.count() for m in (Person, *documents.fact_models()) if hasattr(m, "history"))

    try:
        started = time.perf_counter()
        first = engine.import_bytes(packed, SOURCE, admin)
        first_s = time.perf_counter() - started
        if not first.ok:
            for problem in first.problems[:10]:
                print(f"  line {problem.line} {problem.field} ({problem.rule}): {problem.message}")
            return 1
        rows = sum(c["created"] for c in first.counts.values())
        skipped = sum(c["skipped"] for c in first.counts.values())
        history = history_rows()
        started = time.perf_counter()
        again = engine.import_bytes(packed, SOURCE, admin)
        again_s = time.perf_counter() - started
        unchanged = sum(c["unchanged"] for c in again.counts.values())
        rate = rows / first_s
        per_thousand = again_s * 1000 / len(lines)
        ok_first = rate >= args.min_rate
        ok_again = again.changed == 0 and history_rows() == history and per_thousand <= args.max_again
        print(
            f"first load: {first_s:.1f} s, {rows:,} rows created ({skipped:,} skipped), {rate:,.0f} rows/s;"
            f" claim >= {args.min_rate:,.0f}: {'OK' if ok_first else 'MISSED'}"
        )
        print(
            f"same file again: {again_s:.1f} s, {unchanged:,} rows unchanged, {again.changed} changed,"
            f" {per_thousand:.2f} s per 1,000 dossiers;"
            f" claim <= {args.max_again}: {'OK' if ok_again else 'MISSED'}"
        )
        print(f"load average {os.getloadavg()[0]:.1f} (2 cores)")
        return 0 if ok_first and ok_again else 1
    finally:
        local = ExchangeKey.objects.filter(source=SOURCE, model=engine.PERSON).values_list(
            "local_id", flat=True
        )
        for model in documents.fact_models():
            model._base_manager.filter(person_id__in=list(local)).delete()
        Person.objects.unrestricted().filter(pk__in=list(local)).delete()
        ExchangeKey.objects.filter(source=SOURCE).delete()
        Conflict.objects.filter(source=SOURCE).delete()


if __name__ == "__main__":
    sys.exit(main())
