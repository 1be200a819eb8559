"""Every statistical report an app registers is shown, exported and served by the API with no code of its
own in reports: its page, workbook, printed report and API answer hold one column per figure."""

import datetime as dt
import io

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse

from conftest import make_org, make_person, make_user
from noivu.core.extensions import statistical_reports
from noivu.core.permissions import Role
from noivu.organizations.models import OrganizationKind, OrganizationLevel
from noivu.reports.tables import Row, Scope, Table

KEYS = [report.key for report in statistical_reports]
QUERY = {"organization": "T01", "as_of": "30/06/2025"}


@pytest.fixture
def client(db):
    root = make_org(None, "VN", "Chính phủ", OrganizationKind.GOVERNMENT, OrganizationLevel.CENTRAL)
    province = make_org(
        root, "T01", "UBND tỉnh A", OrganizationKind.PROVINCE_COMMITTEE, OrganizationLevel.PROVINCE
    )
    make_org(province, "S01", "Sở Y", OrganizationKind.DEPARTMENT, OrganizationLevel.PROVINCE)
    make_person(province, "Nguyễn Văn An", birth_date=dt.date(1964, 3, 10))
    client = Client()
    client.force_login(make_user("admin", Role.SYSTEM_ADMIN, root))
    return client


def test_the_apps_register_their_reports():
    assert KEYS == [
        "personnel-quality",
        "personnel-retirements",
        "evaluation-ratings",
        "awards-discipline",
        "staffing-quotas",
        "positions-coverage",
    ]


@pytest.mark.parametrize("key", KEYS)
def test_a_registered_report_is_listed_shown_exported_and_served(client, key, monkeypatch):
    report = statistical_reports[key]
    assert (
        reverse("reports:statistic", args=[key]) in client.get(reverse("reports:statistics")).content.decode()
    )
    page = client.get(reverse("reports:statistic", args=[key]), QUERY)
    assert page.status_code == 200 and str(report.title) in page.content.decode()

    workbook = client.get(reverse("reports:statistic_excel", args=[key]), QUERY)
    sheet = openpyxl.load_workbook(io.BytesIO(workbook.content)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows[0]) == 2 + len(report.figures)
    # Sở Y is listed even where nothing counts there; tỉnh A's own row only where something does.
    assert rows[-2][0] == "S01" and rows[-1][1] == "Tổng cộng"

    import weasyprint

    printed = []

    class Capture:
        def __init__(self, string):
            printed.append(string)

        def write_pdf(self):
            return b"%PDF-"

    monkeypatch.setattr(weasyprint, "HTML", Capture)
    assert client.get(reverse("reports:statistic_pdf", args=[key]), QUERY).status_code == 200
    assert "<svg" in printed[0] and report.form.basis in printed[0]

    answer = client.get(f"/api/v1/statistics/{key}", {"organization": "T01", "as_of": "2025-06-30"}).json()
    assert list(answer["total"]["values"]) == [figure.key for figure in report.figures]
    cell = client.get(
        reverse("reports:statistic_persons", args=[key]), {**QUERY, "figure": report.figures[-1].key}
    )
    assert cell.status_code == 200


@pytest.mark.parametrize("key", KEYS)
def test_a_registered_reports_chart_names_each_series_once(key):
    report = statistical_reports[key]
    table = Table(report, Scope(None, "", 8), dt.date(2025, 6, 30), [], Row(None, "", "", []))
    labels = [table.chart_label(figure) for figure in table.chart_figures()]
    assert len(set(labels)) == len(labels), labels


def test_a_figure_sharing_its_name_is_told_apart_by_its_group():
    quotas = statistical_reports["staffing-quotas"]
    table = Table(quotas, Scope(None, "", 8), dt.date(2025, 6, 30), [], Row(None, "", "", []))
    charted = table.chart_figures()
    assert [str(figure.label) for figure in charted][:2] == ["Tổng số", "Tổng số"]
    assert table.chart_label(charted[0]) == f"Tổng số ({charted[0].group})"
    assert table.chart_label(charted[0]) != table.chart_label(charted[1])
