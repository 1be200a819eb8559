"""Reads from the read replica: with one configured, the statistical reports and the workforce forecast (page,
export, API) read from it and every write still goes to the primary; without one nothing changes. The
replica is a second database holding different data from the primary, so each answer shows where it was
read."""

import datetime as dt
import io

import openpyxl
import pytest
from django.db import models
from django.test import Client
from django.urls import reverse

from conftest import make_org, make_person, make_user
from noivu.accounts.models import Grant, User
from noivu.core.models import AuditEvent
from noivu.core.permissions import Role
from noivu.core.replica import ReplicaRouter, read_alias, reading_from_replica
from noivu.organizations.models import Organization, OrganizationKind, OrganizationLevel
from noivu.personnel.models import Assignment, Category, Person

KEY = "personnel-quality"
DAY = {"organization": "T01", "as_of": "30/06/2025"}
BOTH = pytest.mark.django_db(databases=["default", "replica"])


def _copy_to_replica(*kinds: type[models.Model]) -> None:
    """Write the primary's rows of ``kinds`` into the replica, keys kept, as streaming replication would."""
    for kind in kinds:
        kind._base_manager.using("replica").bulk_create(list(kind._base_manager.using("default").all()))


@pytest.fixture
def world():
    """A province with one commune: two civil servants on the primary; on the replica the same and a third
    one only the replica holds, so a count of 3 was read from the replica."""
    root = make_org(None, "VN", "Chính phủ", OrganizationKind.GOVERNMENT, OrganizationLevel.CENTRAL)
    province = make_org(
        root, "T01", "UBND tỉnh A", OrganizationKind.PROVINCE_COMMITTEE, OrganizationLevel.PROVINCE
    )
    commune = make_org(
        province, "X01", "UBND xã X", OrganizationKind.COMMUNE_COMMITTEE, OrganizationLevel.COMMUNE
    )
    admin = make_user("admin", Role.SYSTEM_ADMIN, root)
    make_person(commune, "Trần Văn Bình", birth_date=dt.date(1970, 3, 1))
    make_person(commune, "Lê Thị Cúc", birth_date=dt.date(1980, 3, 1))
    _copy_to_replica(Organization, User, Grant, Person, Assignment)
    # Keys of its own: copied rows with their keys leave the replica's sequences behind.
    only_there = Person.objects.using("replica").create(
        pk=10_000,
        full_name="Ngô Văn Khoa",
        birth_date=dt.date(1968, 5, 17),
        gender="M",
        organization_id=commune.pk,
        category=Category.CIVIL_SERVANT,
    )
    Assignment.objects.using("replica").create(
        pk=10_000,
        person=only_there,
        organization_id=commune.pk,
        category=Category.CIVIL_SERVANT,
        effective_from=dt.date(2020, 1, 1),
    )
    client = Client()
    client.force_login(admin)
    return client


def _report_total(client: Client) -> int:
    answer = client.get(f"/api/v1/statistics/{KEY}", {**DAY, "as_of": "2025-06-30"})
    assert answer.status_code == 200
    return answer.json()["total"]["values"]["total"]


@BOTH
def test_without_a_replica_the_reports_read_the_primary(world, settings):
    settings.READ_REPLICA = ""
    with reading_from_replica():
        assert read_alias() == "default"
    assert _report_total(world) == 2


@BOTH
def test_the_statistical_report_reads_from_the_replica_page_export_and_api(world, settings):
    settings.READ_REPLICA = "replica"
    assert _report_total(world) == 3

    page = world.get(reverse("reports:statistic", args=[KEY]), DAY).content.decode()
    assert "UBND xã X" in page
    cell = world.get(
        f"/api/v1/statistics/{KEY}/persons",
        {"organization": "T01", "unit": "X01", "figure": "total", "as_of": "2025-06-30"},
    ).json()
    assert cell["count"] == 3
    assert "Ngô Văn Khoa" in {item["values"]["full_name"] for item in cell["items"]}

    workbook = world.get(reverse("reports:statistic_excel", args=[KEY]), DAY)
    assert workbook.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(workbook.content)).worksheets[0]
    header = next(row for row in sheet.iter_rows(values_only=True) if "Tổng số" in row)
    commune = next(row for row in sheet.iter_rows(values_only=True) if "UBND xã X" in row)
    assert commune[header.index("Tổng số")] == 3

    # The export's audit entry, a write made while reading from the replica, went to the primary.
    assert AuditEvent.objects.using("default").filter(extra__report=KEY).count() == 1
    assert not AuditEvent.objects.using("replica").filter(extra__report=KEY).exists()


@BOTH
def test_the_workforce_forecast_reads_from_the_replica(world, settings):
    settings.READ_REPLICA = "replica"
    forecast = world.get("/api/v1/workforce/forecast", {"as_of": "2025-06-30"}).json()
    assert sum(row["current"] for row in forecast["totals"]) == 3
    settings.READ_REPLICA = ""
    forecast = world.get("/api/v1/workforce/forecast", {"as_of": "2025-06-30"}).json()
    assert sum(row["current"] for row in forecast["totals"]) == 2


def test_the_router_sends_reads_inside_the_block_to_the_replica_and_every_write_to_the_primary(settings):
    router = ReplicaRouter()
    settings.READ_REPLICA = "replica"
    assert router.db_for_read(Person) is None
    with reading_from_replica():
        assert router.db_for_read(Person) == "replica"
        assert router.db_for_write(Person) == "default"
    assert router.db_for_read(Person) is None and router.db_for_write(Person) == "default"
