"""Load test of the web application: officials of several roles logging in and working through their day.

Each simulated user logs in as one of the demo accounts (``manage.py demo``), then, with a pause of a few
seconds between pages as a person reading them takes, opens the overview, the organisation tree and a
unit, the person list with filters, a name search, the records found, an export to Excel of a commune's
persons, the statistical report and the workforce forecast. Every request is named by its page, so that
the statistics are per page. Run it through ``bench/load_test.py``, which starts the production server and
passes the demo's units in ``LOAD_UNITS`` (commune codes, comma-separated) and the password in
``DEMO_PASSWORD``.
"""

import os
import random
import re

from locust import HttpUser, between, task

PASSWORD = os.environ.get("DEMO_PASSWORD", "demo-noivu-2026")
UNITS = [code for code in os.environ.get("LOAD_UNITS", "").split(",") if code]
# (account, share of the users): mostly the provincial HR officers, who use the system all day.
ACCOUNTS = [
    ("demo.nhansu", 40),
    ("demo.nhansu.xa", 20),
    ("demo.thamdinh", 15),
    ("demo.lanhdao", 15),
    ("demo.quantri", 10),
]
NAMES = ["Nguyễn Văn", "Trần Thị", "Lê Văn", "Phạm Thị", "Hoàng", "Huỳnh", "Vũ Thị", "Đặng", "Bùi Văn", "Đỗ"]
GIVEN = ["Hùng", "Lan", "Minh", "Hương", "Tuấn", "Hà", "Dũng", "Linh", "Nam", "Thảo", "Đức", "Mai"]
CATEGORIES = ["civil_servant", "public_employee", "commune_servant", "cadre"]
PERSON_LINK = re.compile(r'href="/persons/(\d+)/"')
UNIT_LINK = re.compile(r'href="/organizations/(\d+)/[?"]')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
REPORT = "personnel-quality"


class Official(HttpUser):
    wait_time = between(2, 8)

    def on_start(self) -> None:
        # A new connection for each request, as nginx opens to gunicorn once its idle one is closed: kept
        # alive, a connection idle past gunicorn's keep-alive (5 s) is closed by the server just as the
        # client, having paused longer, sends on it, and the request is reset (nginx retries it instead).
        self.client.headers["Connection"] = "close"
        self.username = random.choices([a for a, _ in ACCOUNTS], weights=[w for _, w in ACCOUNTS])[0]
        self.persons: list[str] = []
        self.units: list[str] = []
        page = self.client.get("/accounts/login/", name="login page")
        token = CSRF.search(page.text)
        with self.client.post(
            "/accounts/login/",
            data={
                "username": self.username,
                "password": PASSWORD,
                "csrfmiddlewaretoken": token.group(1) if token else "",
            },
            name="login",
            catch_response=True,
        ) as answer:
            # A successful login redirects to the overview; a refused one shows the form again.
            if 'name="password"' in answer.text or answer.status_code != 200:
                answer.failure(f"login of {self.username} refused")

    def _list(self, params: dict[str, str], name: str) -> None:
        with self.client.get("/persons/", params=params, name=name, catch_response=True) as answer:
            if answer.status_code == 200:
                self.persons = PERSON_LINK.findall(answer.text)[:20] or self.persons

    @task(3)
    def overview(self) -> None:
        self.client.get("/", name="overview")

    @task(2)
    def organisation_tree(self) -> None:
        with self.client.get("/organizations/", name="organisation tree", catch_response=True) as answer:
            if answer.status_code == 200:
                self.units = UNIT_LINK.findall(answer.text)[:30] or self.units
        if self.units:
            unit = random.choice(self.units)
            self.client.get(f"/organizations/{unit}/children/", name="organisation tree (open a unit)")
            self.client.get(f"/organizations/{unit}/", name="unit")

    @task(5)
    def person_list(self) -> None:
        params = {"category": random.choice(CATEGORIES)}
        if random.random() < 0.5:
            params["min_age"] = str(random.choice([30, 40, 50]))
        self._list(params, "person list (filters)")
        if self.persons and random.random() < 0.3:
            self._list({**params, "page": "2"}, "person list (page 2)")

    @task(5)
    def search(self) -> None:
        query = (
            random.choice(NAMES)
            if random.random() < 0.5
            else f"{random.choice(NAMES)} {random.choice(GIVEN)}"
        )
        self._list({"q": query}, "search by name")

    @task(6)
    def open_record(self) -> None:
        if not self.persons:
            self._list({}, "person list")
        if self.persons:
            self.client.get(f"/persons/{random.choice(self.persons)}/", name="person record")

    @task(1)
    def export(self) -> None:
        params = {}
        if self.username != "demo.nhansu.xa" and UNITS:
            params["organization"] = random.choice(UNITS)
        self.client.get("/persons/export.xlsx", params=params, name="export to Excel")

    @task(1)
    def statistical_report(self) -> None:
        params = {} if self.username in ("demo.quantri", "demo.nhansu.xa") else {"organization": "T01"}
        self.client.get(f"/statistics/{REPORT}/", params=params, name="statistical report")

    @task(1)
    def workforce_forecast(self) -> None:
        params = {"under": random.choice(UNITS)} if UNITS and self.username != "demo.nhansu.xa" else {}
        self.client.get("/workforce/", params=params, name="workforce forecast")
