"""The disk fills up during an upload: nothing half-written stays, no job starts, the user is told why."""

import errno
import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.urls import reverse

from noivu.core.models import Job
from noivu.core.storage import MediaStorage


def _fills_the_disk_after_the_first_chunk(self, chunk_size=None):
    yield b"PK\x03\x04" + b"x" * 1000
    raise OSError(errno.ENOSPC, "No space left on device")


def test_an_upload_that_fills_the_disk_leaves_no_part_and_starts_no_job(
    db, client, hr_a, settings, tmp_path, monkeypatch
):
    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setattr(InMemoryUploadedFile, "chunks", _fills_the_disk_after_the_first_chunk)
    client.force_login(hr_a)
    upload = io.BytesIO(b"PK\x03\x04" + b"y" * 5000)
    upload.name = "ho-so.xlsx"

    response = client.post(reverse("personnel:import"), {"file": upload})

    assert response.status_code == 507
    assert "Máy chủ không còn chỗ để lưu tệp" in response.content.decode()
    assert not Job.objects.exists()
    assert [path for path in tmp_path.rglob("*") if path.is_file()] == []


def test_a_write_cut_short_by_a_full_disk_is_removed_and_the_error_kept(settings, tmp_path):
    storage = MediaStorage(location=tmp_path)

    class Cut(ContentFile):
        def chunks(self, chunk_size=None):
            return _fills_the_disk_after_the_first_chunk(self)

    with pytest.raises(OSError) as error:
        storage.save("exports/half.ndjson.gz", Cut(b""))
    assert error.value.errno == errno.ENOSPC
    assert not (tmp_path / "exports" / "half.ndjson.gz").exists()
    assert isinstance(default_storage._wrapped, MediaStorage)
