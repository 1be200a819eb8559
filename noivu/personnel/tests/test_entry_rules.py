"""One validation for every entry path (web form, API, import, actions): ranges of dates and years, the
CCCD against gender and birth year, names and texts without control or invisible characters; and rows
stored before these rules never make a page answer 500."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from noivu.accounts.models import ApiToken
from noivu.evaluation.actions import do_record_evaluation
from noivu.evaluation.models import Evaluation
from noivu.personnel.dossier.models import FamilyRelation
from noivu.personnel.excel.importer import import_workbook
from noivu.personnel.excel.validation import Rule
from noivu.personnel.models import Person
from noivu.personnel.records.actions import do_create_person, do_update_person
from noivu.personnel.tests.excel.helpers import valid_row, workbook
from noivu.succession.models import TrainingCourse

pytestmark = pytest.mark.django_db

FULLWIDTH_CCCD = "".join(chr(0xFF10 + int(digit)) for digit in "001190000001")
ARABIC_INDIC_CCCD = "".join(chr(0x0660 + int(digit)) for digit in "001190000001")
HOSTILE_NAMES = {
    "zero-width only": "\u200b\u200b\u200c",
    "NUL": "Nguyễn\x00 Văn An",
    "right-to-left override": "Nguyễn Văn \u202eAn",
}


def api_client(user) -> Client:
    _, raw = ApiToken.issue(user, "kiểm thử")
    return Client(headers={"authorization": f"Bearer {raw}"})


def new_person(**changes) -> dict:
    payload = {
        "full_name": "Phạm Thị Hoa",
        "birth_date": "1990-03-08",
        "gender": "F",
        "organization": "T01-SNV",
        "category": "public_employee",
        "start_date": "2015-01-01",
        "cccd_number": "001190000001",
    }
    payload.update(changes)
    return payload


def api_errors(response) -> dict[str, str]:
    assert response.status_code == 422, response.content
    return {error["field"]: error["message"] for error in response.json()["errors"]}


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"cccd_number": FULLWIDTH_CCCD}, "cccd_number"),
        ({"cccd_number": ARABIC_INDIC_CCCD}, "cccd_number"),
        ({"cccd_number": "001090000001"}, "cccd_number"),  # codes a man
        ({"cccd_number": "001191000001"}, "cccd_number"),  # codes 1991
        ({"birth_date": "0001-01-01"}, "birth_date"),
        ({"birth_date": "9999-12-31"}, "birth_date"),
        ({"start_date": "1995-01-01"}, "start_date"),  # before birth
        ({"start_date": "2000-01-01"}, "start_date"),  # aged 9
        *[({"full_name": name}, "full_name") for name in HOSTILE_NAMES.values()],
    ],
)
def test_api_create_applies_the_import_rules(tree, hr_a, changes, field):
    client = api_client(hr_a)
    response = client.post("/api/v1/persons", new_person(**changes), content_type="application/json")
    errors = api_errors(response)
    # The start date is the first assignment's "effective_from"; the API names its own field.
    assert set(errors) <= {field, "effective_from", "cccd_number"}, errors
    assert field in errors or (field == "start_date" and "effective_from" in errors), errors
    assert not Person.objects.filter(full_name__contains="Hoa").exists()


def test_api_create_accepts_a_consistent_record(tree, hr_a):
    response = api_client(hr_a).post("/api/v1/persons", new_person(), content_type="application/json")
    assert response.status_code == 201, response.content


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("cccd_number", "".join(chr(0xFF10 + int(digit)) for digit in "001085012345")),
        ("cccd_number", "001185012345"),  # codes a woman
        ("birth_date", "31/12/9999"),
        ("birth_date", "01/01/0001"),
        *[("full_name", name) for name in HOSTILE_NAMES.values()],
    ],
)
def test_web_edit_applies_the_import_rules(client, hr_a, people, field, value):
    an = people["an"]
    client.force_login(hr_a)
    url = reverse("personnel:edit", args=[an.pk])
    form = client.get(url).context["form"]
    data = {
        "full_name": an.full_name,
        "birth_date": "17/05/1985",
        "gender": "M",
        "cccd_number": an.cccd_number,
        "ethnic_group": an.ethnic_group,
        "updated_at": form["updated_at"].value(),
        field: value,
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    an.refresh_from_db()
    assert (an.full_name, an.birth_date) == ("Nguyễn Văn An", dt.date(1985, 5, 17))
    assert an.cccd_number == "001085012345"


def test_action_refuses_a_birth_date_after_today(people, hr_a):
    with pytest.raises(ValidationError) as refused:
        do_update_person(person=people["an"], changes={"birth_date": dt.date(2099, 1, 1)}, acting_user=hr_a)
    assert "birth_date" in refused.value.message_dict


def test_action_refuses_work_before_the_age_of_eighteen(tree, hr_a):
    with pytest.raises(ValidationError) as refused:
        do_create_person(
            full_name="Phạm Thị Hoa",
            birth_date=dt.date(1990, 3, 8),
            gender="F",
            organization=tree["dept_a"],
            category="public_employee",
            start_date=dt.date(2007, 1, 1),
            acting_user=hr_a,
        )
    assert "effective_from" in refused.value.message_dict
    assert not Person.objects.filter(full_name="Phạm Thị Hoa").exists()


@pytest.mark.parametrize("year", [0, 1899, 99999, 2999])
def test_evaluation_year_out_of_range_is_refused_by_api_and_web_form(client, hr_a, people, year):
    an = people["an"]
    fact = {"year": year, "rating": "HTT"}
    url = f"/api/v1/dossier/{an.pk}/evaluation"
    response = api_client(hr_a).post(url, fact, content_type="application/json")
    assert "year" in api_errors(response)
    client.force_login(hr_a)
    page = client.post(reverse("personnel:dossier_add", args=[an.pk, "evaluation"]), fact)
    assert page.status_code == 200
    assert "year" in page.context["form"].errors
    assert not Evaluation.objects.exists()


def test_evaluation_year_is_checked_by_the_action(people, hr_a):
    with pytest.raises(ValidationError) as refused:
        do_record_evaluation(person=people["an"], year=0, rating="HTT", acting_user=hr_a)
    assert "year" in refused.value.message_dict


def test_dossier_texts_refuse_control_and_invisible_characters(hr_a, people):
    client = api_client(hr_a)
    an = people["an"]
    for name in HOSTILE_NAMES.values():
        response = client.post(
            f"/api/v1/dossier/{an.pk}/family",
            {"relation": "father", "full_name": name},
            content_type="application/json",
        )
        assert "full_name" in api_errors(response)
    future = client.post(
        f"/api/v1/dossier/{an.pk}/training",
        {"name": "Quản lý nhà nước", "start_date": "9999-01-01"},
        content_type="application/json",
    )
    assert "start_date" in api_errors(future)
    assert not FamilyRelation.objects.exists() and not TrainingCourse.objects.exists()


def test_rows_stored_before_the_rules_do_not_break_the_record_pages(client, hr_a, people):
    an = people["an"]
    Person.objects.filter(pk=an.pk).update(birth_date=dt.date(9999, 12, 31))
    for year in (0, 99999 % 32768, 32767):
        Evaluation.objects.create(
            person=an,
            organization=an.organization,
            year=year,
            period_kind="year",
            category=an.category,
            regime="ND90_2020",
            status="decided",
            rating="HTT",
        )
    client.force_login(hr_a)
    for url in (
        reverse("personnel:detail", args=[an.pk]),
        reverse("personnel:dossier", args=[an.pk]),
        reverse("personnel:dossier_list", args=[an.pk, "evaluation"]),
        reverse("personnel:cv", args=[an.pk]),
        f"/api/v1/persons/{an.pk}",
        f"/api/v1/persons/{an.pk}/timeline",
        f"/api/v1/dossier/{an.pk}",
        "/persons/",
        "/persons/retirements/",
    ):
        assert client.get(url).status_code == 200, url
    retirement = client.get(f"/api/v1/persons/{an.pk}/retirement")
    assert retirement.status_code == 422
    assert retirement.json()["errors"][0]["field"] == "birth_date"


def test_the_import_refuses_what_the_form_and_the_api_refuse(tree, hr_a):
    rows = [
        valid_row(0, **{"Họ và tên": HOSTILE_NAMES["zero-width only"]}),
        valid_row(1, **{"Họ và tên": HOSTILE_NAMES["right-to-left override"]}),
        valid_row(2, **{"Chức vụ/chức danh": "Chuyên viên \u202etxt.exe"}),
        valid_row(3, **{"Ngày sinh": "01/01/0001"}),
        valid_row(4, **{"Số CCCD": "".join(chr(0xFF10 + int(digit)) for digit in "001085000004")}),
        valid_row(5, **{"Ngày bắt đầu công tác tại đơn vị": "01/09/1980"}),
    ]

    outcome = import_workbook(workbook(rows), user=hr_a)

    found = {(error.row, error.column, error.rule) for error in outcome.row_errors}
    assert found == {
        (2, "Họ và tên", Rule.NAME),
        (3, "Họ và tên", Rule.NAME),
        (4, "Chức vụ/chức danh", Rule.TEXT),
        (5, "Ngày sinh", Rule.DATE),
        (6, "Số CCCD", "cccd.not_digits"),
        (7, "Ngày sinh", Rule.AGE),
    }
    assert Person.objects.count() == 0
