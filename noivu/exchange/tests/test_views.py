"""The national administrator's pages and API: a file uploaded is imported by a background job whose
result names each problem; the conflicts listed and decided; the schemas served; the command."""

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from noivu.core.models import Job
from noivu.exchange import engine
from noivu.exchange.models import Conflict, ConflictStatus
from noivu.exchange.tests.helpers import as_other, exported, ndjson
from noivu.personnel.models import Person

pytestmark = pytest.mark.django_db
AN_THERE = "001085077771"


@pytest.fixture
def admin_client(client, national_admin):
    client.force_login(national_admin)
    return client


@pytest.fixture
def documents(tree, people):
    an, binh = exported(tree["province_a"].path)
    return [as_other(an, AN_THERE), as_other(binh, people["binh"].cccd_number)]


def test_an_uploaded_file_is_imported_by_a_job_and_its_conflicts_listed(
    admin_client, documents, django_capture_on_commit_callbacks
):
    upload = SimpleUploadedFile("t01.ndjson.gz", ndjson(documents))
    with django_capture_on_commit_callbacks(execute=True):
        answer = admin_client.post(reverse("exchange:index"), {"source": "T01", "file": upload})
    job = Job.objects.get(kind="exchange.import")
    assert answer.url == reverse("core:job", args=[job.pk])
    assert job.status == Job.Status.DONE, job.message
    assert job.result["ok"] and job.result["conflicts"] == 1
    assert job.result["counts"][engine.PERSON]["created"] == 1
    assert Person.objects.filter(cccd_number=AN_THERE).exists()
    page = admin_client.get(reverse("exchange:index")).content.decode()
    assert "1 xung đột số định danh chờ quyết định" in page
    listing = admin_client.get(reverse("exchange:conflicts")).content.decode()
    assert documents[1]["identifier"] in listing


def test_the_problems_of_a_refused_file_are_shown(
    admin_client, documents, django_capture_on_commit_callbacks
):
    documents[0]["reference"] = 0
    upload = SimpleUploadedFile("t01.ndjson", ndjson(documents, packed=False))
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(reverse("exchange:index"), {"source": "T01", "file": upload})
    job = Job.objects.get(kind="exchange.import")
    assert job.result["problems"][0] | {"message": ""} == {
        "line": 1,
        "field": "$.reference",
        "rule": "minimum",
        "message": "",
    }
    assert "Dòng 1, $.reference (minimum)" in admin_client.get(reverse("exchange:index")).content.decode()


def test_a_conflict_is_decided_on_its_page_and_through_the_api(admin_client, documents, national_admin):
    engine.import_bytes(ndjson(documents), "T01", national_admin)
    conflict = Conflict.objects.get()
    page = admin_client.get(reverse("exchange:conflict", args=[conflict.pk])).content.decode()
    assert "Trần Thị Bình" in page
    admin_client.post(
        reverse("exchange:conflict", args=[conflict.pk]), {"decision": "keep", "reason": "Đúng"}
    )
    assert Conflict.objects.get().status == ConflictStatus.KEPT
    listed = admin_client.get("/api/v1/exchange/conflicts?status=kept").json()
    assert listed["count"] == 1 and listed["items"][0]["identifier"] == conflict.identifier
    again = admin_client.post(
        f"/api/v1/exchange/conflicts/{conflict.pk}/decision",
        json.dumps({"take": True}),
        content_type="application/json",
    )
    assert again.status_code == 422


def test_the_schemas_are_served_and_an_unknown_one_is_not(admin_client):
    answer = admin_client.get("/api/v1/exchange/schemas/dossier-1")
    assert answer.status_code == 200 and answer.json()["title"].startswith("Hồ sơ điện tử")
    assert admin_client.get("/api/v1/exchange/schemas/dossier-9").status_code == 422


def test_the_command_imports_a_file_and_exits_2_on_a_bad_one(documents, national_admin, tmp_path):
    good = tmp_path / "t01.ndjson.gz"
    good.write_bytes(ndjson(documents[:1]))
    out = io.StringIO()
    call_command("exchange_import", str(good), source="T01", user=national_admin.username, stdout=out)
    assert "personnel.Person: created 1" in out.getvalue()
    documents[0]["agency"] = "NOPE"
    bad = tmp_path / "bad.ndjson"
    bad.write_bytes(ndjson(documents[:1], packed=False))
    with pytest.raises(SystemExit) as exit_code:
        call_command(
            "exchange_import", str(bad), source="T01", user=national_admin.username, stderr=io.StringIO()
        )
    assert exit_code.value.code == 2
