"""The forecast page, its Excel export and its API: the figures of the hand-computed case, within scope."""

import io
import re
import zipfile

import pytest
from django.test import Client

from conftest import make_user
from noivu.core.audit import DATA_EXPORTED
from noivu.core.models import AuditEvent

pytestmark = pytest.mark.django_db

AS_OF = {"as_of": "30/06/2026"}


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def sheet_rows(content: bytes, number: int) -> list[list[str]]:
    """The cell texts of worksheet ``number`` of an .xlsx, row by row."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        xml = archive.read(f"xl/worksheets/sheet{number}.xml").decode()
    return [
        [re.sub(r"<[^>]+>", "", cell) for cell in re.findall(r"<c [^>]*>(.*?)</c>", row)]
        for row in re.findall(r"<row[^>]*>(.*?)</row>", xml)
    ]


def test_the_page_shows_the_years_the_sources_and_the_positions_falling_vacant(world, hr_a):
    response = client_for(hr_a).get("/workforce/", AS_OF)
    assert response.status_code == 200
    text = response.content.decode()
    row = re.search(r'data-unit="T01-STC".*?</tr>', text, re.S).group(0)
    assert re.findall(r'class="has-text-right headcount"><strong>(\d+)</strong>', row) == [
        "3",
        "4",
        "3",
        "3",
        "3",
    ]
    assert "30/06/2027" in text and "30/06/2031" in text
    assert "QĐ 77/QĐ-UBND ngày 01/05/2026, thôi việc, nghỉ từ 01/09/2028" in text
    assert "135/2020/NĐ-CP, Điều 4; Phụ lục I" in text
    vacancies = re.search(r'id="vacancy-table".*?</table>', text, re.S).group(0)
    assert vacancies.index("Lê Thị Hoa") < vacancies.index("Nguyễn Văn Hưu")
    assert "TCNS – Quản lý ngân sách" in vacancies and "31/12/2027" in vacancies
    assert "Võ Văn Bê" not in text


def test_personal_data_is_masked_for_a_role_without_the_right(world, hr_a, leader_a):
    shown = client_for(hr_a).get("/workforce/", AS_OF).content.decode()
    assert "001066012345" in shown
    masked = client_for(leader_a).get("/workforce/", AS_OF).content.decode()
    assert "Nguyễn Văn Hưu" in masked and "001066012345" not in masked


def test_a_bad_date_is_refused_with_a_message(world, hr_a):
    response = client_for(hr_a).get("/workforce/", {"as_of": "31/02/2026"})
    assert response.status_code == 200
    assert 'id="forecast-errors"' in response.content.decode()
    assert 'id="forecast-table"' not in response.content.decode()
    assert client_for(hr_a).get("/workforce/export.xlsx", {"as_of": "x"}).status_code == 400


def test_the_export_holds_the_figures(world, hr_a):
    response = client_for(hr_a).get("/workforce/export.xlsx", AS_OF)
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxml")
    units = sheet_rows(response.content, 2)
    lines = [line for line in units[1:] if line[0] == "T01-STC"]
    # Year, current, retirements, streamlining, intake, headcount, quota, gap, positions vacated.
    assert [line[3:4] + line[5:13] for line in lines] == [
        ["1", "4", "1", "0", "0", "3", "5", "2", "1"],
        ["2", "4", "1", "0", "2", "4", "5", "1", "1"],
        ["3", "4", "0", "1", "0", "3", "5", "2", "0"],
        ["4", "4", "0", "0", "0", "3", "5", "2", "0"],
        ["5", "4", "0", "0", "0", "3", "5", "2", "0"],
    ]
    vacancies = sheet_rows(response.content, 3)
    assert [line[2] for line in vacancies[1:]] == ["Lê Thị Hoa", "Nguyễn Văn Hưu"]
    assert AuditEvent.objects.filter(event_type=DATA_EXPORTED, acting_user=hr_a).exists()


def test_the_export_needs_the_export_right(world):
    assert client_for(make_user("nobody")).get("/workforce/export.xlsx", AS_OF).status_code == 403


def test_the_api_gives_the_forecast_and_the_vacancies_within_scope(world, hr_a, hr_b):
    body = client_for(hr_a).get("/api/v1/workforce/forecast", {"as_of": "2026-06-30"}).json()
    row = next(r for r in body["rows"] if r["organization"] == "T01-STC")
    assert [y["headcount"] for y in row["years"]] == [3, 4, 3, 3, 3]
    assert [y["gap"] for y in row["years"]] == [2, 1, 2, 2, 2]
    assert body["vacancies"] == 2
    listed = (
        client_for(hr_a).get("/api/v1/workforce/vacancies", {"as_of": "2026-06-30", "page_size": 1}).json()
    )
    assert listed["count"] == 2
    assert [item["full_name"] for item in listed["items"]] == ["Lê Thị Hoa"]
    other = client_for(hr_b).get("/api/v1/workforce/forecast", {"as_of": "2026-06-30"}).json()
    assert other["rows"] == [] and other["vacancies"] == 0
    refused = client_for(hr_a).get("/api/v1/workforce/forecast", {"as_of": "30/06/2026"})
    assert refused.status_code == 422
