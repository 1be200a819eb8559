"""Benchmark: creating the personal accounts of a province in one step (tạo tài khoản cá nhân hàng loạt).

Measures, on PostgreSQL over ``demo --size province`` (≈60,000 persons), the HR officer's one step of the
*Tài khoản cá nhân* page: every account created with its history rows (``do_create_accounts``) and the
workbook of user names and first-login links built (``exports.accounts_workbook``). No claim of the issue
names a figure; the point is that a province's accounts come in one request, in seconds. The accounts are
deleted again afterwards, so that the script can be rerun on the same database.

    .venv/bin/python bench/edossier_accounts.py --database noivu_bench_demo_province
"""

import argparse
import os
import sys
import time

from _common import setup_django


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", required=True, help="a PostgreSQL database loaded with the demo")
    options = parser.parse_args()
    setup_django(options.database)
    from django.contrib.auth.tokens import default_token_generator

    from noivu.accounts.models import User
    from noivu.edossier.models import PersonAccount
    from noivu.edossier.selfservice import exports
    from noivu.edossier.selfservice.actions import do_create_accounts
    from noivu.personnel.models import Person

    officer = User.objects.get(username="demo.nhansu")
    persons = Person.objects.restrict(officer, "change")
    before = set(PersonAccount.objects.unrestricted().values_list("pk", flat=True))
    started = time.perf_counter()
    created = do_create_accounts(persons=persons, acting_user=officer)
    made = time.perf_counter() - started
    links = [
        f"/edossier/activate/{account.user.pk}/{default_token_generator.make_token(account.user)}/"
        for account in created
    ]
    workbook = exports.accounts_workbook(created, links)
    total = time.perf_counter() - started
    print(
        f"personal accounts of {officer.full_name}'s scope: {len(created):,} created with their history in "
        f"{made:.2f} s; with the workbook of first-login links ({len(workbook):,} bytes) {total:.2f} s; "
        f"load average {os.getloadavg()[0]:.1f} ({os.cpu_count()} cores)"
    )
    fresh = PersonAccount.objects.unrestricted().exclude(pk__in=before)
    User.objects.filter(pk__in=fresh.values("user_id")).delete()
    return 0


if __name__ == "__main__":
    sys.exit(main())
