"""The score workbook: a template listing the round's candidates and parts, an upload checked row by row
by the same function as the pasted and API rows, all or nothing, and the error workbook of a refusal."""

import io
import re

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from conftest import make_user
from noivu.core.permissions import Role
from noivu.recruitment import actions
from noivu.recruitment.models import Score
from noivu.recruitment.tests import factories

pytestmark = pytest.mark.django_db


def workbook(
    rows: list[list[object]], headers: tuple[str, ...] = ("Số báo danh", "Phần thi", "Điểm")
) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.worksheets[0]
    sheet.append(list(headers))
    for row in rows:
        sheet.append(row)
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def upload(client, plan, content: bytes):
    return client.post(
        f"/recruitment/plans/{plan.pk}/scores/import/",
        {"step": "upload", "workbook": SimpleUploadedFile("bang-diem.xlsx", content)},
    )


@pytest.fixture
def round_(tree):
    plan = factories.plan(tree["dept_a"])
    factories.candidate(plan, "Nguyễn Văn Một", "001098000001", number="0001")
    factories.candidate(plan, "Nguyễn Văn Hai", "001098000002", number="0002")
    factories.candidate(plan, "Trần Văn Ba", "001098000003", status="ineligible")
    return plan


def test_the_template_lists_each_seated_eligible_candidate_and_part_to_score(client, round_, hr_a):
    client.force_login(hr_a)
    response = client.get(f"/recruitment/plans/{round_.pk}/scores/template/")
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Số báo danh", "Họ và tên", "Vị trí", "Phần thi", "Điểm")
    assert [row[:4] for row in rows[1:]] == [
        ("0001", "Nguyễn Văn Một", "TD01", "Vòng 2: nghiệp vụ chuyên ngành"),
        ("0002", "Nguyễn Văn Hai", "TD01", "Vòng 2: nghiệp vụ chuyên ngành"),
    ]


def test_the_filled_template_uploaded_records_every_score(client, round_, hr_a):
    client.force_login(hr_a)
    template = client.get(f"/recruitment/plans/{round_.pk}/scores/template/").content
    book = openpyxl.load_workbook(io.BytesIO(template))
    book.active["E2"], book.active["E3"] = 72.5, "64,25"
    filled = io.BytesIO()
    book.save(filled)
    response = upload(client, round_, filled.getvalue())
    assert response.status_code == 302
    assert dict(Score.objects.values_list("candidate__number", "value")) == {"0001": 72.5, "0002": 64.25}


def test_a_bad_row_refuses_the_whole_file_naming_row_column_and_rule_with_an_error_workbook(
    client, round_, hr_a
):
    client.force_login(hr_a)
    content = workbook(
        [
            ["0001", "professional", 70],
            ["0009", "professional", 60],  # no such candidate
            ["0002", "Vòng 2: nghiệp vụ chuyên ngành", 105],  # off the scale
            ["0001", "interview", 50],  # not a part of the position
            ["0001", "professional", 71],  # the same part twice
        ]
    )
    response = upload(client, round_, content)
    assert response.status_code == 200
    assert not Score.objects.exists()
    problems = [(p["row"], str(p["column"]), str(p["rule"])) for p in response.context["problems"]]
    assert problems == [
        (3, "số báo danh", "Số báo danh có trong kế hoạch"),
        (4, "điểm", "Điểm thang 100, tối đa 2 chữ số thập phân"),
        (5, "phần thi", "Phần thi của vị trí"),
        (6, "phần thi", "Mỗi phần thi một điểm; sửa qua phúc khảo"),
    ]
    text = response.content.decode()
    assert "Dòng 4, cột điểm: Điểm 105 ngoài thang điểm 100" in text
    link = re.search(r'id="import-error-file" href="([^"]+)"', text).group(1)
    error_file = client.get(link)
    assert error_file.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(b"".join(error_file.streaming_content)))
    data, listing = book.worksheets
    assert [cell.value for cell in data[1]] == ["Số báo danh", "Phần thi", "Điểm", "Lỗi"]
    assert data["D2"].value is None
    assert "Điểm (Điểm thang 100, tối đa 2 chữ số thập phân)" in data["D4"].value
    assert "ngoài thang điểm 100" in data["C4"].comment.text
    assert [row[0] for row in listing.iter_rows(min_row=2, values_only=True)] == [3, 4, 5, 6]
    # The corrected error workbook is uploaded again as it is (its «Lỗi» column ignored).
    data["A3"] = "0002"
    data.delete_rows(4, 3)
    fixed = io.BytesIO()
    book.save(fixed)
    assert upload(client, round_, fixed.getvalue()).status_code == 302
    assert dict(Score.objects.values_list("candidate__number", "value")) == {"0001": 70, "0002": 60}


def test_the_pasted_the_api_and_the_uploaded_rows_are_refused_by_the_same_check(client, round_, hr_a):
    bad = {"number": "0002", "part": "professional", "value": "50.123"}
    _, problems = actions.check_score_rows(round_, [bad])
    client.force_login(hr_a)
    pasted = client.post(
        f"/recruitment/plans/{round_.pk}/scores/import/",
        {"step": "paste", "rows": "0002, professional, 50.123"},
    )
    uploaded = upload(client, round_, workbook([["0002", "professional", "50.123"]]))
    api = client.post(
        f"/api/v1/recruitment/plans/{round_.pk}/scores", {"rows": [bad]}, content_type="application/json"
    )
    message = problems[0].message
    assert message == "Dòng 2, cột điểm: Điểm 50.123 có quá 2 chữ số thập phân."
    assert message in pasted.content.decode()
    assert [p["message"] for p in uploaded.context["problems"]] == [message]
    assert api.status_code == 422 and [e["message"] for e in api.json()["errors"]] == [message]
    assert not Score.objects.exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"so bao danh,phan thi,diem\n0001,professional,70\n", "không phải là tệp Excel"),
        (workbook([["0001", 70]], headers=("Số báo danh", "Điểm")), "thiếu cột bắt buộc: Phần thi"),
    ],
)
def test_a_file_that_is_not_a_score_workbook_is_named_as_such(client, round_, hr_a, content, message):
    client.force_login(hr_a)
    response = upload(client, round_, content)
    assert message in response.content.decode()
    assert not Score.objects.exists()


def test_another_users_error_workbook_is_not_served(client, tree, round_, hr_a):
    client.force_login(hr_a)
    response = upload(client, round_, workbook([["0009", "professional", 60]]))
    link = re.search(r'id="import-error-file" href="([^"]+)"', response.content.decode()).group(1)
    client.force_login(make_user("hr_a2", Role.HR_OFFICER, tree["province_a"]))
    assert client.get(link).status_code == 404
