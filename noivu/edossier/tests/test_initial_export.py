"""The full initial export of the dossiers: one document per cadre, civil servant or public employee of the
scope, keyed by the identification number, built by the database on PostgreSQL exactly as the documents
assembled row by row elsewhere; a background job for the national administrator, its file downloaded as an
audited export and delivered to the receiver in batches, each dossier kept once by its key."""

import datetime as dt
import gzip
import io
import json

import pytest
from django.db import connection

from conftest import make_person
from noivu.core.models import AuditEvent, Job
from noivu.edossier import documents, initial_export, sync
from noivu.edossier.models import SyncReceipt
from noivu.personnel.dossier.actions import do_delete_fact, do_record_rank_change
from noivu.personnel.models import Category, Person

pytestmark = pytest.mark.django_db


def _export(path: str, **options) -> list[dict]:
    out = io.BytesIO()
    totals = initial_export.write_export(path, out, **options)
    out.seek(0)
    exported = list(initial_export.read_export(out))
    assert totals.dossiers == len(exported)
    return exported


def _world(tree, people, hr_a):
    do_record_rank_change(
        person=people["an"], rank_code="01.003", effective_from=dt.date(2024, 1, 1), acting_user=hr_a
    )
    make_person(tree["dept_a"], "Lê Văn Hợp", category=Category.CONTRACT, cccd_number="001090011111")


def test_every_dossier_of_the_scope_is_one_document_keyed_by_its_identifier(tree, people, hr_a):
    _world(tree, people, hr_a)
    exported = _export(tree["province_a"].path)
    # Province A: An and Bình; not Dũng (province B) nor the contract staff.
    assert [d["identifier"] for d in exported] == [people["an"].cccd_number, people["binh"].cccd_number]
    an = exported[0]
    assert (an["format_version"], an["reference"], an["agency"]) == ("1", people["an"].pk, "T01-SNV")
    assert an["person"]["full_name"] == "Nguyễn Văn An" and "full_name_folded" not in an["person"]
    columns = documents.fact_columns()["personnel.RankHistory"]
    ranks = [dict(zip(columns, row, strict=True)) for row in an["facts"]["personnel.RankHistory"]]
    assert [(r["rank_code"], r["effective_from"], r["person_id"]) for r in ranks] == [
        ("01.003", "2024-01-01", people["an"].pk)
    ]
    assert exported[1]["facts"]["personnel.RankHistory"] == []
    assert set(an["facts"]) == set(documents.FACT_MODELS)
    assert len(_export("")) == 3


def test_ranges_cut_the_export_without_losing_or_repeating_a_dossier(tree, people, hr_a):
    _world(tree, people, hr_a)
    whole = _export("")
    assert _export("", size=1) == whole
    out = io.BytesIO()
    totals = initial_export.write_export("", out, size=1)
    lines = gzip.decompress(out.getvalue())
    assert totals.bytes_written == len(lines) and lines.count(b"\n") == 3


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the documents built by PostgreSQL")
@pytest.mark.parametrize("spread", [1, 1000], ids=["by-range", "by-ids"])
def test_postgresql_builds_the_same_documents_as_the_rows_read_one_by_one(tree, people, hr_a, spread):
    _world(tree, people, hr_a)
    ids = sorted(initial_export.dossier_persons("").values_list("pk", flat=True))
    everyone = sorted(Person.objects.unrestricted().values_list("pk", flat=True))  # and the contract staff
    # Ids far apart are read from the facts by the list of ids, close ones by a range.
    wanted = [*everyone, everyone[-1] + spread * len(everyone)]
    built = [(person, json.loads(line)) for person, line in documents._postgres_lines(wanted)]
    assembled = [(person, json.loads(line)) for person, line in documents._python_lines(wanted)]
    assert built == assembled and [person for person, _ in built] == ids


def test_a_fact_removed_with_its_reason_is_not_exported(tree, people, hr_a):
    _world(tree, people, hr_a)
    binh = people["binh"]
    removed = do_record_rank_change(
        person=binh, rank_code="01.003", effective_from=dt.date(2024, 1, 1), acting_user=hr_a
    )
    do_delete_fact(person=binh, row=removed, acting_user=hr_a, reason="Nhập nhầm người")
    ranks = {d["identifier"]: d["facts"]["personnel.RankHistory"] for d in _export(tree["province_a"].path)}
    assert ranks[binh.cccd_number] == [] and len(ranks[people["an"].cccd_number]) == 1
    assert "deleted_at" not in documents.fact_columns()["personnel.RankHistory"]


def test_the_national_administrator_exports_in_the_background_and_downloads_an_audited_file(
    client, settings, tree, people, hr_a, national_admin, django_capture_on_commit_callbacks, tmp_path
):
    settings.JOBS_ON_THREAD = False
    settings.MEDIA_ROOT = tmp_path
    _world(tree, people, hr_a)
    client.force_login(national_admin)
    with django_capture_on_commit_callbacks(execute=True):
        started = client.post("/edossier/sync/export/", {"organization": "T01"})
    record = Job.objects.get(kind="edossier.initial_export")
    assert started["Location"] == f"/jobs/{record.pk}/"
    assert record.status == Job.Status.DONE and record.progress == 100
    assert (record.result["dossiers"], record.result["organization"]) == (2, tree["province_a"].pk)
    page = client.get("/edossier/sync/export/")
    assert f"/edossier/sync/export/{record.pk}/file/" in page.content.decode()
    download = client.get(f"/edossier/sync/export/{record.pk}/file/")
    assert download.status_code == 200
    exported = [
        json.loads(line) for line in gzip.decompress(b"".join(download.streaming_content)).splitlines()
    ]
    assert [d["identifier"] for d in exported] == [people["an"].cccd_number, people["binh"].cccd_number]
    exported = AuditEvent.objects.get(event_type="data.exported")
    assert exported.extra["report"] == "edossier.initial_export" and exported.acting_user == national_admin


def test_only_the_national_administrator_may_export_everything(client, tree, hr_a, national_admin):
    client.force_login(hr_a)
    assert client.get("/edossier/sync/export/").status_code == 403
    assert client.post("/edossier/sync/export/", {}).status_code == 403
    assert not Job.objects.exists()
    client.force_login(national_admin)
    refused = client.post("/edossier/sync/export/", {"organization": "NOPE"})
    assert refused.status_code == 302 and not Job.objects.exists()


def test_the_export_is_delivered_in_batches_and_kept_once_by_its_keys(tree, people, hr_a, monkeypatch):
    _world(tree, people, hr_a)
    monkeypatch.setattr(initial_export, "DELIVERY_BATCH", 2)
    out = io.BytesIO()
    initial_export.write_export("", out)
    sent = []

    def transport(body: bytes) -> dict:
        sent.append(json.loads(body))
        status, answer = sync.receive(json.loads(body))
        assert status == 200
        return answer

    key = "6f1c9a6e-3d52-4a8e-9a41-2f7c0b1d5e90"
    for _attempt in range(2):
        out.seek(0)
        counts = initial_export.deliver_export(out, key, transport, dt.date(2026, 12, 2))
        assert counts == {"acknowledged": 3, "rejected": 0, "batches": 2}
    assert SyncReceipt.objects.count() == 3  # the second delivery kept nothing new
    assert sent[0]["dossiers"][0]["key"] == sent[2]["dossiers"][0]["key"]
    kept = SyncReceipt.objects.get(key=initial_export.delivery_key(key, people["an"].cccd_number))
    assert kept.body["identifier"] == people["an"].cccd_number


def test_the_receiver_refuses_a_dossier_without_a_valid_identifier(db):
    status, answer = sync.receive(
        {
            "format_version": "1",
            "dossiers": [
                {
                    "format_version": "1",
                    "key": "6f1c9a6e-3d52-4a8e-9a41-2f7c0b1d5e90",
                    "identifier": "12345",
                    "reference": 1,
                    "agency": "T01",
                    "person": {},
                    "facts": {},
                }
            ],
        }
    )
    assert status == 200 and answer["acknowledged"] == []
    assert "12 chữ số" in answer["rejected"][0]["reason"] and not SyncReceipt.objects.exists()
