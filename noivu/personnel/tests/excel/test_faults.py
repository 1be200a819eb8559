"""An import whose database connection is cut in the middle of writing (the database restarted): nothing is
written, the job says it failed, the uploaded file is kept, and running it again imports every row."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection

from noivu.core.actions import do_rerun_job, do_start_job
from noivu.core.backup import Target
from noivu.core.models import Job
from noivu.personnel.excel import importer
from noivu.personnel.models import Person
from noivu.personnel.tests.excel.helpers import valid_row, workbook

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_terminate_backend: PostgreSQL")


def _terminate(pid: int) -> None:
    with Target.from_settings(connection.settings_dict).other("postgres").connect(autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", [pid])


def test_an_import_cut_off_by_the_database_writes_nothing_and_runs_again(
    transactional_db, tree, hr_a, settings, tmp_path, monkeypatch
):
    settings.MEDIA_ROOT = tmp_path
    stored = default_storage.save(
        "personnel-imports/cut.xlsx", ContentFile(workbook([valid_row(1), valid_row(2)]))
    )
    written = importer.insert_rows
    calls = []

    def cut_after_the_persons(*args, **kwargs):
        written(*args, **kwargs)
        calls.append(args[0])
        if len(calls) == 1:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                _terminate(cursor.fetchone()[0])

    monkeypatch.setattr(importer, "insert_rows", cut_after_the_persons)
    first = do_start_job(
        kind="personnel-import", params={"upload": stored, "file_name": "cut.xlsx"}, on=None, acting_user=hr_a
    )

    first.refresh_from_db()
    assert first.status == Job.Status.FAILED
    assert "terminat" in first.message or "connection" in first.message
    assert Person.objects.unrestricted().count() == 0
    assert default_storage.exists(stored)

    monkeypatch.setattr(importer, "insert_rows", written)
    again = do_rerun_job(job=first, acting_user=hr_a)

    again.refresh_from_db()
    assert again.status == Job.Status.DONE and again.result["created"] == 2
    assert Person.objects.unrestricted().count() == 2
    assert not default_storage.exists(stored)
