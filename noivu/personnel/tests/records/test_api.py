import unicodedata

import pytest
from django.test import Client

from conftest import make_person
from noivu.accounts.models import ApiToken
from noivu.core.models import AuditEvent
from noivu.personnel.models import Assignment, Gender, Person

URL = "/api/v1/persons"


def api_client(user) -> Client:
    _, raw = ApiToken.issue(user, "kiểm thử")
    return Client(headers={"authorization": f"Bearer {raw}"})


def names(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["full_name"] for item in response.json()["items"]]


def post(client: Client, payload: dict):
    return client.post(URL, payload, content_type="application/json")


def new_person(**changes) -> dict:
    payload = {
        "full_name": "Phạm Thị Hoa",
        "birth_date": "1990-03-08",
        "gender": "F",
        "organization": "T01-SNV",
        "category": "public_employee",
        "start_date": "2025-01-01",
        "cccd_number": "001190000001",
        "position_title": "Chuyên viên",
    }
    payload.update(changes)
    return payload


@pytest.mark.django_db
def test_list_holds_only_persons_in_scope(people, hr_a, hr_b):
    body = api_client(hr_a).get(URL).json()
    assert body["count"] == 2
    assert [p["full_name"] for p in body["items"]] == ["Nguyễn Văn An", "Trần Thị Bình"]
    assert body["items"][0]["organization"] == {"code": "T01-SNV", "name": "Sở Nội vụ tỉnh A"}
    assert "cccd_number" not in body["items"][0]
    assert names(api_client(hr_b).get(URL)) == ["Lê Đức Dũng"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("nguyen van", ["Nguyễn Văn An"]),
        ("NGUYỄN VĂN AN", ["Nguyễn Văn An"]),
        ("nguyen an", ["Nguyễn Văn An"]),
        ("an", ["Nguyễn Văn An"]),
        ("binh", ["Trần Thị Bình"]),
        ("tran thi b", ["Trần Thị Bình"]),
        ("uyen", []),
        ("dung", []),
    ],
)
def test_name_search_ignores_diacritics_and_matches_name_or_given_name(people, hr_a, query, expected):
    assert names(api_client(hr_a).get(URL, {"q": query})) == expected


@pytest.mark.django_db
def test_name_search_reaches_the_other_agency_only_for_its_own_users(people, hr_a, hr_b):
    assert names(api_client(hr_b).get(URL, {"q": "dũng"})) == ["Lê Đức Dũng"]
    assert names(api_client(hr_b).get(URL, {"q": "le đuc"})) == ["Lê Đức Dũng"]
    assert names(api_client(hr_a).get(URL, {"q": "dung"})) == []
    assert names(api_client(hr_a).get(URL, {"q": "le duc dung"})) == []


@pytest.mark.django_db
def test_organization_filter_takes_the_subtree_within_scope(tree, people, hr_a):
    client = api_client(hr_a)
    assert names(client.get(URL, {"organization": "T01-SNV"})) == ["Nguyễn Văn An"]
    assert names(client.get(URL, {"organization": "T01"})) == ["Nguyễn Văn An", "Trần Thị Bình"]
    assert names(client.get(URL, {"organization": "VN"})) == ["Nguyễn Văn An", "Trần Thị Bình"]
    assert names(client.get(URL, {"organization": "T02-SNV"})) == []
    assert names(client.get(URL, {"organization": "KHONG-CO"})) == []


@pytest.mark.django_db
def test_category_and_gender_filters(tree, people, hr_a):
    make_person(tree["dept_a"], "Võ Văn Chính", category="cadre")
    client = api_client(hr_a)
    assert names(client.get(URL, {"gender": Gender.FEMALE})) == ["Trần Thị Bình"]
    assert names(client.get(URL, {"category": "cadre"})) == ["Võ Văn Chính"]
    assert client.get(URL, {"gender": "X"}).status_code == 422


@pytest.mark.django_db
def test_pagination_is_stable_and_complete(tree, people, hr_a):
    for number in range(60):
        make_person(tree["dept_a"], f"Đỗ Văn Số {number:02}")
    client = api_client(hr_a)
    first = client.get(URL).json()
    second = client.get(URL, {"page": 2}).json()
    assert first["count"] == 62
    assert (len(first["items"]), len(second["items"])) == (50, 12)
    ids = [p["id"] for p in first["items"] + second["items"]]
    assert len(set(ids)) == 62
    assert client.get(URL, {"page": 0}).status_code == 422


@pytest.mark.django_db
def test_detail_is_the_full_record_with_cccd_for_hr(people, hr_a):
    an = people["an"]
    response = api_client(hr_a).get(f"{URL}/{an.pk}")
    assert response.status_code == 200
    body = response.json()
    assert body["full_name"] == "Nguyễn Văn An"
    assert body["birth_date"] == "1985-05-17"
    assert body["cccd_number"] == "001085012345"
    assert body["cccd_masked"] is False
    assert body["organization"]["code"] == "T01-SNV"
    history = [(a["organization"]["code"], a["effective_from"], a["is_primary"]) for a in body["assignments"]]
    assert history == [("T01-SNV", "2020-01-01", True)]


@pytest.mark.django_db
def test_detail_masks_cccd_without_personal_data_right(people, leader_a):
    body = api_client(leader_a).get(f"{URL}/{people['an'].pk}").json()
    assert body["cccd_number"] == "001*******45"
    assert body["cccd_number"] != "001085012345"
    assert body["cccd_number"].startswith("001") and "*" in body["cccd_number"]
    assert body["cccd_masked"] is True


@pytest.mark.django_db
def test_each_read_of_a_record_is_logged_with_the_api_channel(people, hr_a):
    client = api_client(hr_a)
    an = people["an"]
    client.get(f"{URL}/{an.pk}")
    client.get(f"{URL}/{an.pk}")
    entries = AuditEvent.objects.filter(event_type="record.viewed")
    assert entries.count() == 2
    entry = entries.first()
    assert (entry.acting_user, ".".join(entry.target_type.natural_key()), entry.target_id, entry.channel) == (
        hr_a,
        "personnel.person",
        str(an.pk),
        "api",
    )


@pytest.mark.django_db
def test_record_of_the_other_agency_is_not_found_and_not_logged(people, hr_a):
    client = api_client(hr_a)
    outside = client.get(f"{URL}/{people['duc'].pk}")
    missing = client.get(f"{URL}/{Person.objects.order_by('-pk').first().pk + 1000}")
    assert outside.status_code == missing.status_code == 404
    assert outside.json() == missing.json()
    assert "Đức" not in outside.content.decode()
    assert not AuditEvent.objects.filter(event_type="record.viewed").exists()


@pytest.mark.django_db
def test_create_makes_the_record_and_its_first_assignment(tree, hr_a):
    decomposed = unicodedata.normalize("NFD", "Phạm  Thị Hoa ")
    response = api_client(hr_a).post(URL, new_person(full_name=decomposed), content_type="application/json")
    assert response.status_code == 201, response.content
    body = response.json()
    person = Person.objects.get(pk=body["id"])
    assert person.full_name == body["full_name"] == "Phạm Thị Hoa"
    assert unicodedata.is_normalized("NFC", body["full_name"])
    assert person.organization == tree["dept_a"]
    assignment = Assignment.objects.get(person=person)
    assert (assignment.effective_from.isoformat(), assignment.position_title) == ("2025-01-01", "Chuyên viên")
    assert body["cccd_number"] == "001190000001"


@pytest.mark.django_db
def test_create_without_change_right_is_forbidden(tree, leader_a):
    response = api_client(leader_a).post(URL, new_person(), content_type="application/json")
    assert response.status_code == 403
    assert "quyền" in response.json()["detail"]
    assert not Person.objects.filter(full_name="Phạm Thị Hoa").exists()


@pytest.mark.django_db
def test_create_in_the_other_agency_is_refused_like_an_unknown_unit(tree, hr_a):
    client = api_client(hr_a)
    outside = client.post(URL, new_person(organization="T02-SNV"), content_type="application/json")
    missing = client.post(URL, new_person(organization="KHONG-CO"), content_type="application/json")
    assert outside.status_code == missing.status_code == 422
    assert outside.json() == missing.json()
    assert outside.json()["errors"][0]["field"] == "organization"
    assert not Person.objects.filter(organization=tree["dept_b"]).exists()


@pytest.mark.django_db
def test_create_reports_field_errors_in_vietnamese(people, hr_a):
    client = api_client(hr_a)
    response = post(client, new_person(cccd_number="12345", birth_date="08/03/1990"))
    assert response.status_code == 422
    errors = {e["field"]: e["message"] for e in response.json()["errors"]}
    assert errors == {"cccd_number": "không đúng định dạng", "birth_date": "phải là ngày dạng yyyy-mm-dd"}

    duplicate = post(
        client, new_person(cccd_number=people["an"].cccd_number, gender="M", birth_date="1985-05-01")
    )
    assert duplicate.status_code == 422
    [error] = duplicate.json()["errors"]
    assert error["field"] == "cccd_number"
    assert "đã được ghi cho một hồ sơ khác" in error["message"]

    missing = client.post(URL, {"full_name": "Hoa"}, content_type="application/json")
    assert {e["message"] for e in missing.json()["errors"]} == {"bắt buộc"}
    assert Person.objects.count() == 3
