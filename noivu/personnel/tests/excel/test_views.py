"""The import pages: template download, upload as a background job, result, error workbook, export."""

import io
from pathlib import Path

import pytest
from django.test import TestCase
from django.urls import reverse
from python_calamine import CalamineWorkbook

from noivu.core.models import Job
from noivu.personnel.excel.columns import COLUMNS, registered_columns
from noivu.personnel.excel.reader import read_workbook
from noivu.personnel.models import Person
from noivu.personnel.tests.excel.helpers import valid_row, workbook

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def upload(client, content: bytes, name: str = "ho-so.xlsx"):
    """Post the file; the job starts once the request's actions have committed, as in production."""
    file = io.BytesIO(content)
    file.name = name
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(reverse("personnel:import"), {"file": file})


def test_template_has_the_headers_the_code_lists_and_the_users_units(client, tree, hr_a):
    client.force_login(hr_a)
    response = client.get(reverse("personnel:import_template"))

    assert response.status_code == 200
    book = CalamineWorkbook.from_filelike(io.BytesIO(response.content))
    assert book.sheet_names == ["Danh sách", "Danh mục", "Hướng dẫn", "Đơn vị"]
    assert book.get_sheet_by_name("Danh sách").to_python()[0] == [column.header for column in COLUMNS]
    lists = book.get_sheet_by_name("Danh mục").to_python()
    assert lists[0][:2] == ["Giới tính", "Đối tượng"] and lists[1][:2] == ["Nam", "Cán bộ"]
    units = [row[0] for row in book.get_sheet_by_name("Đơn vị").to_python()[1:]]
    assert units == ["T01", "T01-SNV"]


def test_a_valid_upload_runs_as_a_job_and_reports_the_persons_created(client, tree, hr_a, media):
    client.force_login(hr_a)
    response = upload(client, workbook([valid_row(index) for index in range(3)]))

    job = Job.objects.get()
    assert response.status_code == 302 and response.url == reverse("personnel:import_result", args=[job.pk])
    assert (job.kind, job.status, job.progress, job.created_by) == (
        "personnel-import",
        Job.Status.DONE,
        100,
        hr_a,
    )
    assert job.message == "Đã nhập 3 hồ sơ."
    assert job.result["created"] == 3 and Person.objects.count() == 3
    assert not list((media / "personnel-imports").iterdir())  # the upload is not kept
    page = client.get(response.url)
    assert "Đã nhập 3 hồ sơ" in page.content.decode()


def test_a_refused_upload_shows_the_errors_and_serves_the_error_workbook(client, tree, hr_a, hr_b):
    client.force_login(hr_a)
    response = upload(client, workbook([valid_row(0), valid_row(1, **{"Giới tính": "?"})]))

    page = client.get(response.url).content.decode()
    assert "Không hồ sơ nào được ghi" in page and "Giới tính" in page
    # The rule is named for the user, never by its internal name.
    assert "Giá trị trong danh mục" in page and "danh_muc" not in page
    job = Job.objects.get()
    download = client.get(reverse("personnel:import_errors", args=[job.pk]))
    assert download.status_code == 200
    listing = CalamineWorkbook.from_filelike(io.BytesIO(b"".join(download.streaming_content)))
    assert listing.get_sheet_by_index(1).to_python()[1][:4] == [
        3.0,
        "Giới tính",
        "E3",
        "Giá trị trong danh mục",
    ]
    assert Person.objects.count() == 0

    client.force_login(hr_b)
    assert client.get(reverse("personnel:import_errors", args=[job.pk])).status_code == 404
    assert client.get(response.url).status_code == 404


def test_the_status_partial_polls_until_the_job_is_finished(client, tree, hr_a):
    job = Job.objects.create(kind="personnel-import", created_by=hr_a, status=Job.Status.RUNNING, progress=40)
    client.force_login(hr_a)

    running = client.get(reverse("personnel:import_result", args=[job.pk]), HTTP_HX_REQUEST="true")
    assert 'hx-trigger="every 1s"' in running.content.decode() and 'value="40"' in running.content.decode()

    Job.objects.filter(pk=job.pk).update(
        status=Job.Status.DONE, progress=100, result={"ok": True, "created": 2}
    )
    done = client.get(
        reverse("personnel:import_result", args=[job.pk]), HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "hx-trigger" not in done and "Đã nhập 2 hồ sơ" in done


def test_a_file_that_is_not_xlsx_is_refused_before_any_job(client, tree, hr_a):
    client.force_login(hr_a)
    response = upload(client, b"a,b,c", name="ho-so.csv")

    assert response.status_code == 200
    assert "Chỉ nhận tệp Excel .xlsx" in response.content.decode()
    assert not Job.objects.exists()


def test_a_leader_without_the_right_to_change_cannot_import(client, tree, leader_a):
    client.force_login(leader_a)
    assert client.get(reverse("personnel:import")).status_code == 403
    assert upload(client, workbook([valid_row(0)])).status_code == 403


def test_export_of_a_filtered_scoped_list_round_trips_through_the_reader(client, tree, hr_a, people):
    client.force_login(hr_a)
    response = client.get(reverse("personnel:export"), {"organization": tree["dept_a"].code})

    sheet = read_workbook(b"".join(response.streaming_content))
    assert sheet.columns == [*COLUMNS, *registered_columns()]
    name = COLUMNS.index(next(column for column in COLUMNS if column.header == "Họ và tên"))
    cccd = COLUMNS.index(next(column for column in COLUMNS if column.header == "Số CCCD"))
    unit = COLUMNS.index(next(column for column in COLUMNS if column.header == "Mã đơn vị"))
    assert [(row[name], row[cccd], row[unit]) for row in sheet.rows] == [
        ("Nguyễn Văn An", "001085012345", "T01-SNV")
    ]


def test_export_masks_the_cccd_for_a_user_without_personal_data_rights(client, tree, leader_a, people):
    client.force_login(leader_a)
    response = client.get(reverse("personnel:export"))

    sheet = read_workbook(b"".join(response.streaming_content))
    cccd = COLUMNS.index(next(column for column in COLUMNS if column.header == "Số CCCD"))
    assert sorted(row[cccd] for row in sheet.rows) == ["001*******21", "001*******45"]


def test_the_user_documentation_lists_every_column():
    documentation = (Path(__file__).resolve().parents[4] / "docs" / "import.md").read_text(encoding="utf-8")
    for column in COLUMNS:
        assert f"| {column.header} |" in documentation
