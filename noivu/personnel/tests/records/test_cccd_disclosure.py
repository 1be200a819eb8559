"""What each role may learn of an identification number (CCCD) it does not see in full (docs/privacy.md).

A role that sees CCCD numbers masked cannot find a person by typing the number, on the web list, the
API list or the cursor search; and creating, correcting or importing a record says that a number is
taken, never whose record or which agency holds it — the same words inside and outside the scope.
"""

import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from conftest import make_user
from noivu.accounts.models import ApiToken, Grant
from noivu.core.permissions import Role
from noivu.personnel.excel.importer import import_workbook
from noivu.personnel.excel.validation import Rule
from noivu.personnel.models import CCCD_TAKEN, Person
from noivu.personnel.records.search import ID_NUMBER_HINT
from noivu.personnel.tests.excel.helpers import valid_row, workbook

pytestmark = pytest.mark.django_db

AN_CCCD = "001085012345"  # Nguyễn Văn An, Sở Nội vụ tỉnh A
MASKED_ROLES = [Role.LEADER, Role.APPRAISER, Role.APPROVER]


def web_names(user, query: str) -> list[str]:
    client = Client()
    client.force_login(user)
    response = client.get(reverse("personnel:list"), {"q": query})
    assert response.status_code == 200
    return [person.full_name for person in response.context["page"].rows]


def api(user) -> Client:
    _, raw = ApiToken.issue(user, "kiểm thử")
    return Client(headers={"authorization": f"Bearer {raw}"})


def api_list_names(user, query: str) -> list[str]:
    response = api(user).get("/api/v1/persons", {"q": query})
    assert response.status_code == 200
    return [item["full_name"] for item in response.json()["items"]]


def api_search(user, query: str) -> dict:
    response = api(user).get("/api/v1/persons/search", {"q": query})
    assert response.status_code == 200
    return response.json()


@pytest.fixture(params=MASKED_ROLES)
def masked_viewer(request, tree, people):
    """A user of province A who sees its records, with CCCD numbers masked."""
    return make_user(f"viewer_{request.param}", request.param, tree["province_a"])


@pytest.mark.parametrize("query", [AN_CCCD, "001085", "001 085 012"])
def test_a_role_that_sees_cccd_masked_finds_no_one_by_the_number(masked_viewer, query):
    assert web_names(masked_viewer, query) == []
    assert api_list_names(masked_viewer, query) == []
    found = api_search(masked_viewer, query)
    assert found["items"] == [] and found["total"] == 0
    assert found["hint"] == str(ID_NUMBER_HINT)


def test_the_web_list_says_why_a_number_found_no_one(masked_viewer):
    client = Client()
    client.force_login(masked_viewer)
    html = client.get(reverse("personnel:list"), {"q": AN_CCCD}).content.decode()
    assert 'id="id-number-limited"' in html


def test_a_role_that_sees_cccd_masked_still_finds_by_name(masked_viewer):
    assert web_names(masked_viewer, "nguyen van an") == ["Nguyễn Văn An"]
    assert api_search(masked_viewer, "nguyen van an")["items"][0]["full_name"] == "Nguyễn Văn An"


@pytest.mark.parametrize("query", [AN_CCCD, "001085"])
def test_an_hr_officer_finds_by_the_number_in_the_scope(hr_a, people, query):
    assert web_names(hr_a, query) == ["Nguyễn Văn An"]
    assert api_list_names(hr_a, query) == ["Nguyễn Văn An"]
    found = api_search(hr_a, query)
    assert [item["full_name"] for item in found["items"]] == ["Nguyễn Văn An"]
    assert found["hint"] is None


def test_an_hr_officer_finds_no_number_of_another_agency_and_gets_the_usual_hint(hr_b, people):
    assert web_names(hr_b, AN_CCCD) == []
    found = api_search(hr_b, AN_CCCD)
    assert found["items"] == [] and found["hint"] != str(ID_NUMBER_HINT)


def test_mixed_grants_search_the_number_only_where_it_is_seen_in_full(tree, people):
    """HR officer of the department, leader over the province: Bình (province level) is masked."""
    user = make_user("mixed", Role.HR_OFFICER, tree["dept_a"])
    Grant.objects.create(user=user, role=Role.LEADER, organization=tree["province_a"])
    assert web_names(user, AN_CCCD) == ["Nguyễn Văn An"]
    assert web_names(user, people["binh"].cccd_number) == []
    assert web_names(user, "tran thi binh") == ["Trần Thị Bình"]
    assert api_search(user, people["binh"].cccd_number)["hint"] == str(ID_NUMBER_HINT)


def test_the_export_of_a_number_search_holds_no_one_for_a_masked_role(masked_viewer):
    client = Client()
    client.force_login(masked_viewer)
    response = client.get(reverse("personnel:export"), {"q": AN_CCCD})
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    cells = [cell.value for row in book.worksheets[0].iter_rows() for cell in row]
    assert "Nguyễn Văn An" not in cells


# ---------------------------------------------------------------------------------------------------
# Create, correct, import: a taken number, never whose


def _says_nothing_of_an(message: str) -> None:
    for clue in ("Nguyễn Văn An", "Sở Nội vụ tỉnh A", "T01", "tỉnh A", AN_CCCD):
        assert clue not in message


def new_person(**changes) -> dict:
    body = {
        "full_name": "Phạm Văn Hòa",
        "birth_date": "1985-03-08",
        "gender": "M",
        "organization": "T02-SNV",
        "category": "civil_servant",
        "start_date": "2025-01-01",
        "cccd_number": AN_CCCD,
    }
    body.update(changes)
    return body


def test_create_through_the_api_says_the_number_is_taken_not_by_whom(hr_a, hr_b, people):
    outside = api(hr_b).post("/api/v1/persons", new_person(), content_type="application/json")
    inside = api(hr_a).post(
        "/api/v1/persons", new_person(organization="T01-SNV"), content_type="application/json"
    )
    assert outside.status_code == inside.status_code == 422
    error = outside.json()["errors"][0]
    assert error == {"field": "cccd_number", "message": str(CCCD_TAKEN)}
    # The same answer whether the record holding the number is in the scope or not.
    assert inside.json() == outside.json()
    _says_nothing_of_an(outside.content.decode())
    assert not Person.objects.filter(full_name="Phạm Văn Hòa").exists()


def test_correcting_a_record_on_the_web_says_the_number_is_taken_not_by_whom(client, hr_b, people):
    client.force_login(hr_b)
    duc = people["duc"]
    url = reverse("personnel:edit", args=[duc.pk])
    form = client.get(url).context["form"]
    response = client.post(
        url,
        {
            "full_name": duc.full_name,
            "birth_date": "17/05/1985",
            "gender": "M",
            "cccd_number": AN_CCCD,
            "ethnic_group": "",
            "updated_at": form["updated_at"].value(),
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["cccd_number"] == [str(CCCD_TAKEN)]
    _says_nothing_of_an(" ".join(response.context["form"].errors["cccd_number"]))
    duc.refresh_from_db()
    assert duc.cccd_number == "079085099999"


def test_the_import_says_the_number_is_taken_not_by_whom(tree, hr_b, people):
    row = valid_row(0, unit="T02-SNV", **{"Số CCCD": AN_CCCD})
    outcome = import_workbook(workbook([row]), user=hr_b)
    [error] = [error for error in outcome.row_errors if error.rule == Rule.DUPLICATE_IN_DATABASE]
    assert error.message == str(CCCD_TAKEN)
    _says_nothing_of_an(error.message)
    assert outcome.created == 0
