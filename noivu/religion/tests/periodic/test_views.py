"""The periodic report on screen, as a workbook and as a PDF, for the reader's scope only."""

import datetime as dt
import io

import pytest
from django.test import Client
from django.urls import reverse
from python_calamine import CalamineWorkbook

from noivu.religion.tests import factories

pytestmark = pytest.mark.django_db
QUERY = {"kind": "month", "month": "10", "year": "2026"}


@pytest.fixture
def reader(tree, hr_a):
    factories.incident(tree["dept_a"], "Khiếu nại về đất chùa", dt.date(2026, 10, 5))
    factories.incident(tree["dept_b"], "Vụ việc Giáo hội tỉnh B", dt.date(2026, 10, 6), province_code="79")
    client = Client()
    client.force_login(hr_a)
    return client


def test_the_page_shows_the_month_of_the_scope(reader):
    page = reader.get(reverse("religion:periodic"), QUERY).content.decode()
    assert "tháng 10 năm 2026" in page and "Phường Ba Đình" in page
    assert "Giáo hội tỉnh B" not in page
    assert "chưa đối chiếu được với biểu mẫu chính thức" in page


def test_a_bad_period_names_the_field(reader):
    response = reader.get(reverse("religion:periodic"), {"kind": "month", "year": "1800"})
    assert response.status_code == 200
    assert "periodic-report" not in response.content.decode()


def test_the_workbook_has_the_tables_of_the_report(reader):
    response = reader.get(reverse("religion:periodic_xlsx"), QUERY)
    assert response["Content-Disposition"].endswith('bao-cao-ton-giao-2026-10.xlsx"')
    book = CalamineWorkbook.from_filelike(io.BytesIO(response.content))
    assert book.sheet_names[:2] == ["Tổng hợp", "Tổ chức, cơ sở"]
    summary = book.get_sheet_by_name("Tổng hợp").to_python()
    assert ["Vụ việc phát sinh trong kỳ", 1.0] in [row[:2] for row in summary]
    communes = book.get_sheet_by_name("Vụ việc theo xã").to_python()
    assert communes[1][:3] == ["Thành phố Hà Nội", "Phường Ba Đình", 1.0]
    assert len(communes) == 2


def test_the_pdf_is_a_printed_report(reader):
    response = reader.get(reverse("religion:periodic_pdf"), QUERY)
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_a_bad_period_is_not_exported(reader):
    response = reader.get(
        reverse("religion:periodic_xlsx"), {"kind": "quarter", "quarter": "9", "year": "2026"}
    )
    assert response.status_code == 400


def test_the_api_gives_the_same_figures(reader):
    response = reader.get("/api/v1/religion/reports", {"kind": "month", "year": 2026, "number": 10})
    assert response.status_code == 200, response.content
    report = response.json()
    assert report["period"]["label"] == "tháng 10 năm 2026"
    assert report["incidents_total"] == 1
    assert [c["name"] for c in report["communes"]] == ["Phường Ba Đình"]
    wrong = reader.get("/api/v1/religion/reports", {"kind": "quarter", "year": 2026, "number": 5})
    assert wrong.status_code == 422 and "quarter" in wrong.content.decode()
