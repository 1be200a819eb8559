"""Fixtures shared by every app's tests: a small organisation tree and users with grants."""

import datetime as dt
import os
from typing import NamedTuple

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client, override_settings
from django.utils import translation

from noivu.accounts.models import Grant, User
from noivu.core.permissions import Role
from noivu.organizations.models import Organization, OrganizationKind, OrganizationLevel
from noivu.personnel.models import Assignment, Category, Gender, Person

START = dt.date(2020, 1, 1)
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ONCE_ON_POSTGRESQL = ("browser", "fuzz", "serving")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Browser journeys and API fuzzing test the pages and the schema, not the database: `make test` runs
    them once, in its PostgreSQL pass, instead of once per database; so does the start of the production
    server, which reads the test database from another process (SQLite's is in memory)."""
    if connection.vendor == "postgresql":
        return
    skip = pytest.mark.skip(
        reason=f"runs once, on PostgreSQL (make test-postgres), not on {connection.vendor}"
    )
    for item in items:
        if any(item.get_closest_marker(name) for name in ONCE_ON_POSTGRESQL):
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in Vietnamese: a request in English leaves English active on the test's thread."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True, scope="session")
def _fast_password_hashing():
    """The real hasher is deliberately slow (≈ 0.7 s a user): tests check who may log in, not its cost."""
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


def make_org(parent: Organization | None, code: str, name: str, kind: str, level: str) -> Organization:
    fields = {"code": code, "name": name, "kind": kind, "level": level, "effective_from": START}
    return Organization.add_root(**fields) if parent is None else parent.add_child(**fields)


def make_person(org: Organization, name: str, **extra) -> Person:
    fields = {
        "full_name": name,
        "birth_date": dt.date(1985, 5, 17),
        "gender": Gender.MALE,
        "organization": org,
        "category": Category.CIVIL_SERVANT,
    }
    fields.update(extra)
    person = Person.objects.create(**fields)
    Assignment.objects.create(person=person, organization=org, category=person.category, effective_from=START)
    return person


def make_rating(person: Person, year: int, rating: str, status: str = "decided") -> None:
    """A yearly rating of ``person`` under Nghị định 90/2020/NĐ-CP (decided unless told)."""
    from noivu.evaluation.models import Evaluation

    Evaluation.objects.create(
        person=person,
        organization=person.organization,
        year=year,
        period_kind="year",
        category=person.category,
        regime="ND90_2020",
        status=status,
        rating=rating,
    )


def make_user(username: str, role: str | None = None, org: Organization | None = None, **extra) -> User:
    user = User.objects.create_user(username=username, password="Mat-khau-123", **extra)
    if role and org:
        Grant.objects.create(user=user, role=role, organization=org)
    return user


class StatisticsRow(NamedTuple):
    code: str
    own: bool
    values: dict[str, int]


class StatisticsTable(NamedTuple):
    scope: str
    rows: list[StatisticsRow]
    total: StatisticsRow


def statistics_table(user: User, key: str, code: str = "", day: dt.date | None = None) -> StatisticsTable:
    """A statistical report as ``/api/v1/statistics/{key}`` answers it to ``user``: an app's tests read their
    report through the API, since nothing outside ``reports`` may import it."""
    client = Client()
    client.force_login(user)
    query = {"organization": code} | ({"as_of": day.isoformat()} if day else {})
    answer = client.get(f"/api/v1/statistics/{key}", query)
    assert answer.status_code == 200, answer.content
    data = answer.json()
    rows = [StatisticsRow(row["code"], row["own"], row["values"]) for row in data["rows"]]
    return StatisticsTable(data["scope"], rows, StatisticsRow("", False, data["total"]["values"]))


def own_province_table(
    officer: User, administrator: User, key: str, province: str, other: str, day: dt.date
) -> StatisticsTable:
    """Report ``key`` on ``day`` as a provincial ``officer`` opens it, checked against what it must show:
    their own ``province`` broken into its units, the administrator's figures of that province, nothing of the
    ``other`` province, which the officer cannot ask for (404)."""
    table = statistics_table(officer, key, day=day)
    assert table.scope == province
    assert other not in [row.code for row in table.rows]
    assert table.total.values == statistics_table(administrator, key, province, day).total.values
    client = Client()
    client.force_login(officer)
    assert client.get(f"/api/v1/statistics/{key}", {"organization": other}).status_code == 404
    return table


def nonzero_figures(table: StatisticsTable, code: str | None = None) -> dict[str, int]:
    """The figures of a row (the total when ``code`` is None) that are not zero."""
    row = table.total if code is None else next(row for row in table.rows if row.code == code)
    return {key: value for key, value in row.values.items() if value}


@pytest.fixture
def tree(db) -> dict[str, Organization]:
    """Chính phủ → {Bộ Nội vụ, UBND tỉnh A → Sở Nội vụ A, UBND tỉnh B → Sở Nội vụ B}."""
    root = make_org(None, "VN", "Chính phủ", OrganizationKind.GOVERNMENT, OrganizationLevel.CENTRAL)
    ministry = make_org(root, "BNV", "Bộ Nội vụ", OrganizationKind.MINISTRY, OrganizationLevel.CENTRAL)
    province_a = make_org(
        root, "T01", "UBND tỉnh A", OrganizationKind.PROVINCE_COMMITTEE, OrganizationLevel.PROVINCE
    )
    dept_a = make_org(
        province_a, "T01-SNV", "Sở Nội vụ tỉnh A", OrganizationKind.DEPARTMENT, OrganizationLevel.PROVINCE
    )
    province_b = make_org(
        root, "T02", "UBND tỉnh B", OrganizationKind.PROVINCE_COMMITTEE, OrganizationLevel.PROVINCE
    )
    dept_b = make_org(
        province_b, "T02-SNV", "Sở Nội vụ tỉnh B", OrganizationKind.DEPARTMENT, OrganizationLevel.PROVINCE
    )
    return {
        "root": Organization.objects.get(pk=root.pk),
        "ministry": Organization.objects.get(pk=ministry.pk),
        "province_a": Organization.objects.get(pk=province_a.pk),
        "dept_a": Organization.objects.get(pk=dept_a.pk),
        "province_b": Organization.objects.get(pk=province_b.pk),
        "dept_b": Organization.objects.get(pk=dept_b.pk),
    }


@pytest.fixture
def people(tree) -> dict[str, Person]:
    return {
        "an": make_person(tree["dept_a"], "Nguyễn Văn An", cccd_number="001085012345"),
        "binh": make_person(
            tree["province_a"], "Trần Thị Bình", gender=Gender.FEMALE, cccd_number="001185054321"
        ),
        "duc": make_person(tree["dept_b"], "Lê Đức Dũng", cccd_number="079085099999"),
    }


@pytest.fixture
def hr_a(tree) -> User:
    """HR officer of province A (the agency A of the isolation tests)."""
    return make_user("hr_a", Role.HR_OFFICER, tree["province_a"], full_name="Cán bộ tỉnh A")


@pytest.fixture
def hr_b(tree) -> User:
    return make_user("hr_b", Role.HR_OFFICER, tree["province_b"], full_name="Cán bộ tỉnh B")


@pytest.fixture
def leader_a(tree) -> User:
    return make_user("leader_a", Role.LEADER, tree["province_a"])


@pytest.fixture
def national_admin(tree) -> User:
    return make_user("sysadmin", Role.SYSTEM_ADMIN, tree["root"])


CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def page(live_server, transactional_db, settings, tmp_path):
    """A Playwright page in Debian's chromium, against the live test server, in Vietnamese."""
    from playwright.sync_api import sync_playwright

    settings.MEDIA_ROOT = tmp_path
    # Playwright's sync API runs an event loop in this thread; Django's ORM calls from it are safe here.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(locale="vi-VN", accept_downloads=True)
        page = context.new_page()
        page.set_default_timeout(15_000)
        yield page
        context.close()
        browser.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture
def log_in(page, live_server):
    """Log the browser ``page`` in as a user made by :func:`make_user`, from a fresh session; it lands on
    the dashboard. Usage: ``log_in("hr_a")``."""
    from playwright.sync_api import expect

    def run(username: str) -> None:
        page.context.clear_cookies()
        page.goto(live_server.url + "/accounts/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", "Mat-khau-123")
        page.click("#login-form button[type=submit]")
        expect(page.locator("h1.title")).to_have_text("Tổng quan")

    return run


@pytest.fixture
def calc_command(monkeypatch):
    """Run ``manage.py calc NAME --json -`` on a case; returns (parsed output, exit code)."""
    import io
    import json

    from django.core.management import call_command

    def run(name: str, case: dict | str) -> tuple[dict, int | str | None]:
        text = case if isinstance(case, str) else json.dumps(case)
        monkeypatch.setattr("sys.stdin", io.StringIO(text))
        out = io.StringIO()
        code: int | str | None = 0
        try:
            call_command("calc", name, "--json", "-", stdout=out)
        except SystemExit as exit_:
            code = exit_.code
        return json.loads(out.getvalue()), code

    return run


@pytest.fixture
def race(transactional_db):
    """Run callables at the same moment against one row: ``race(model_instance, call_a, call_b)`` locks the
    row from another connection, starts each call on a thread of its own (its own database connection),
    waits until every call is blocked on that row, then lets them go. Each call's outcome comes back in
    order: its return value or the exception it raised. PostgreSQL only (row locks)."""
    import threading
    import time

    from django.db import connections

    from noivu.core.backup import Target

    def run(instance, *calls):
        outcomes: list[object] = [None] * len(calls)

        def worker(index, call):
            try:
                outcomes[index] = call()
            except Exception as error:  # noqa: BLE001 - the outcome is what the test inspects
                outcomes[index] = error
            finally:
                connections.close_all()

        settings_dict = connection.settings_dict
        table = instance._meta.db_table
        with Target.from_settings(settings_dict).connect() as holder:
            holder.execute(f'SELECT 1 FROM "{table}" WHERE id = %s FOR UPDATE', [instance.pk])
            threads = [threading.Thread(target=worker, args=(i, call)) for i, call in enumerate(calls)]
            for thread in threads:
                thread.start()
            deadline = time.monotonic() + 20
            while True:
                holder.execute("SELECT pg_stat_clear_snapshot()")
                waiting = holder.execute(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND wait_event_type = 'Lock'",
                    [settings_dict["NAME"]],
                ).fetchone()[0]
                if waiting >= len(calls):
                    break
                if time.monotonic() > deadline or not any(thread.is_alive() for thread in threads):
                    break
                time.sleep(0.05)
            holder.commit()
        for thread in threads:
            thread.join(timeout=30)
        return outcomes

    return run
