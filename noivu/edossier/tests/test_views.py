"""The pages, the Excel report and the API of the electronic dossier, each limited to the user's scope."""

import io

import pytest
from django.urls import reverse
from python_calamine import CalamineWorkbook

from conftest import make_person
from noivu.core.audit import RECORD_VIEWED
from noivu.core.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def dossiers(tree, people):
    """Province A: An and Bình (valid numbers) and Cường, still on an old CMND; province B: Dũng, and
    Hà without a number."""
    return {
        **people,
        "cuong": make_person(tree["dept_a"], "Phạm Văn Cường", cccd_number="123456789"),
        "ha": make_person(tree["dept_b"], "Vũ Thị Hà", cccd_number=None),
    }


def test_the_quality_page_counts_the_users_scope_only(client, dossiers, hr_a):
    client.force_login(hr_a)
    page = client.get(reverse("edossier:index")).content.decode()
    assert 'id="edossier-summary"' in page
    assert '<p class="title is-5">3</p>' in page  # An, Bình, Cường; not B's Dũng and Hà
    assert "Sở Nội vụ tỉnh B" not in page and "Sở Nội vụ tỉnh A" in page


def test_the_identifier_page_names_the_rule_and_the_fix(client, dossiers, hr_a):
    client.force_login(hr_a)
    page = client.get(reverse("edossier:identifiers")).content.decode()
    assert "Phạm Văn Cường" in page and "Vũ Thị Hà" not in page
    assert "Còn ghi số CMND 9 chữ số" in page and "137/2015/NĐ-CP, Điều 7" in page
    assert reverse("personnel:edit", args=[dossiers["cuong"].pk]) in page
    assert "Nguyễn Văn An" not in page


def test_the_missing_page_lists_the_fields_to_fill(client, dossiers, hr_a):
    client.force_login(hr_a)
    page = client.get(reverse("edossier:missing"), {"missing": "hometown"}).content.decode()
    assert "Quê quán" in page and "Nguyễn Văn An" in page and "Lê Đức Dũng" not in page


def test_the_workbook_has_the_units_the_persons_and_the_groups(client, dossiers, hr_a):
    client.force_login(hr_a)
    response = client.get(reverse("edossier:export"))
    book = CalamineWorkbook.from_filelike(io.BytesIO(response.content))
    assert book.sheet_names == ["Theo đơn vị", "Hồ sơ còn thiếu", "10 nhóm thông tin"]
    units = book.get_sheet_by_index(0).to_python()
    assert {row[1] for row in units[1:] if row[1]} >= {"Sở Nội vụ tỉnh A", "UBND tỉnh A", "Toàn phạm vi"}
    persons = book.get_sheet_by_index(1).to_python()
    assert sorted(row[1] for row in persons[1:]) == ["Nguyễn Văn An", "Phạm Văn Cường", "Trần Thị Bình"]
    assert AuditEvent.objects.filter(event_type="data.exported", acting_user=hr_a).exists()


def test_the_api_finds_a_dossier_by_its_identifier_and_audits_the_read(client, dossiers, hr_a):
    client.force_login(hr_a)
    found = client.get("/api/v1/edossier/dossiers/001085012345").json()
    assert (found["person_id"], found["full_name"]) == (dossiers["an"].pk, "Nguyễn Văn An")
    event = AuditEvent.objects.get(event_type=RECORD_VIEWED, acting_user=hr_a)
    assert (event.channel, event.target_id) == ("api", str(dossiers["an"].pk))
    assert client.get("/api/v1/edossier/dossiers/079085099999").status_code == 404  # province B's
    refused = client.get("/api/v1/edossier/dossiers/12345")
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "identifier"


def test_the_api_lists_identifier_problems_and_a_persons_missing_fields(client, dossiers, leader_a):
    client.force_login(leader_a)
    items = client.get("/api/v1/edossier/identifiers").json()["items"]
    assert [(i["full_name"], i["problems"]) for i in items] == [("Phạm Văn Cường", ["old_id"])]
    assert items[0]["number"] != "123456789"  # a leader sees the number masked
    quality = client.get(f"/api/v1/edossier/persons/{dossiers['an'].pk}/quality").json()
    assert "hometown" in quality["missing"] and quality["identifier_problems"] == []
    assert client.get(f"/api/v1/edossier/persons/{dossiers['duc'].pk}/quality").status_code == 404


def test_the_record_page_shows_the_dossiers_completeness(client, dossiers, hr_a):
    client.force_login(hr_a)
    page = client.get(reverse("personnel:detail", args=[dossiers["cuong"].pk])).content.decode()
    assert 'id="edossier-quality"' in page
    assert "Còn ghi số CMND 9 chữ số" in page and "Quê quán" in page


def test_the_record_page_of_a_contract_worker_says_the_dossier_does_not_cover_them(client, tree, hr_a):
    from noivu.personnel.models import Category

    worker = make_person(tree["province_a"], "Đinh Văn Hợp", category=Category.CONTRACT)
    client.force_login(hr_a)
    response = client.get(reverse("personnel:detail", args=[worker.pk]))
    assert response.status_code == 200
    assert "chỉ lập cho cán bộ, công chức, viên chức" in response.content.decode()
