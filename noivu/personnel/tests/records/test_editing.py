"""A new record from the web form, and the correction of every item of the 2C form the record holds: the
same action and rules as the API and the import, code lists as choices, dates as dd/mm/yyyy."""

import datetime as dt

import pytest
from django.urls import reverse

from noivu.core.models import AuditEvent
from noivu.personnel.models import Assignment, Person
from noivu.personnel.records.actions import EDITABLE_FIELDS
from noivu.personnel.records.forms import SECTIONS

pytestmark = pytest.mark.django_db

FULLWIDTH = "".join(chr(0xFF10 + int(digit)) for digit in "001190000001")
ARABIC_INDIC = "".join(chr(0x0660 + int(digit)) for digit in "001190000001")


@pytest.fixture
def client_a(client, hr_a):
    client.force_login(hr_a)
    return client


def new_person(**changes) -> dict:
    data = {
        "full_name": "  Phạm   Thị Hoa ",
        "birth_date": "08/03/1990",
        "gender": "F",
        "cccd_number": "001 190 000 001",
        "ethnic_group": "02",
        "organization": "T01-SNV",
        "category": "public_employee",
        "start_date": "01/01/2015",
        "position_title": "Chuyên viên",
    }
    data.update(changes)
    return data


def test_a_new_record_is_created_from_the_form(client_a, hr_a, tree):
    page = client_a.get(reverse("personnel:create"))
    html = page.content.decode()
    assert '<option value="T01-SNV">' in html and "T02-SNV" not in html  # only units the user may change
    assert '<option value="02">Tày</option>' in html

    response = client_a.post(reverse("personnel:create"), new_person())

    person = Person.objects.get(full_name="Phạm Thị Hoa")
    assert response["Location"] == reverse("personnel:detail", args=[person.pk])
    assert (person.birth_date, person.cccd_number, person.ethnic_group) == (
        dt.date(1990, 3, 8),
        "001190000001",
        "02",
    )
    first = Assignment.objects.get(person=person)
    assert (first.organization, first.effective_from, first.position_title) == (
        tree["dept_a"],
        dt.date(2015, 1, 1),
        "Chuyên viên",
    )
    assert AuditEvent.objects.filter(event_type="person.created", acting_user=hr_a).count() == 1


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"cccd_number": FULLWIDTH}, "cccd_number"),
        ({"cccd_number": ARABIC_INDIC}, "cccd_number"),
        ({"cccd_number": "001090000001"}, "cccd_number"),  # codes a man
        ({"birth_date": "31/12/9999"}, "birth_date"),
        ({"full_name": "Nguyễn Văn \u202eAn"}, "full_name"),
        ({"full_name": "\u200b\u200b"}, "full_name"),
        ({"start_date": "01/01/2000"}, "start_date"),  # aged 9
        ({"organization": "T02-SNV"}, "organization"),  # another province
        ({"birth_date": "1990-13-45"}, "birth_date"),
    ],
)
def test_the_new_record_form_refuses_what_the_import_refuses(client_a, tree, changes, field):
    response = client_a.post(reverse("personnel:create"), new_person(**changes))
    assert response.status_code == 200
    assert field in response.context["form"].errors, response.context["form"].errors
    assert not Person.objects.filter(full_name="Phạm Thị Hoa").exists()


def test_only_a_role_that_changes_records_may_create_one(client, leader_a, tree):
    client.force_login(leader_a)
    assert client.get(reverse("personnel:create")).status_code == 403
    assert client.post(reverse("personnel:create"), new_person()).status_code == 403
    assert not Person.objects.exists()


def test_every_item_of_the_2c_form_held_by_the_record_is_edited(client_a, hr_a, people):
    an = people["an"]
    form = client_a.get(reverse("personnel:edit", args=[an.pk])).context["form"]
    in_sections = {name for _title, names in SECTIONS for name in names}
    assert set(EDITABLE_FIELDS) == in_sections == set(form.fields) - {"updated_at"}
    data = {
        "updated_at": form["updated_at"].value(),
        "full_name": "Nguyễn Văn An",
        "other_names": "An Nguyễn",
        "birth_date": "17/05/1985",
        "gender": "M",
        "ethnic_group": "01",
        "religion": "buddhism",
        "cccd_number": "001085012345",
        "cccd_issued_on": "10/03/2021",
        "cccd_issued_by": "Cục Cảnh sát quản lý hành chính về trật tự xã hội",
        "phone": "0912 345 678",
        "email": "an.nv@snv.gov.vn",
        "social_insurance_number": "0123456789",
        "personnel_code": "SNV-0001",
        "recruited_on": "01/09/2010",
        "recruiting_agency": "Sở Nội vụ tỉnh A",
        "occupation_at_recruitment": "Sinh viên",
        "main_duties": "Quản lý hồ sơ",
        "strengths": "Tổng hợp",
        "mass_organization_joined_on": "26/03/2003",
        "enlisted_on": "",
        "discharged_on": "",
        "highest_military_rank": "",
        "highest_honorary_title": "",
        "policy_status": "",
        "personal_history": "Không",
    }

    response = client_a.post(reverse("personnel:edit", args=[an.pk]), data)

    assert response.status_code == 302, response.context["form"].errors
    an.refresh_from_db()
    assert (an.religion, an.religion_name, an.other_names) == ("buddhism", "Phật giáo", "An Nguyễn")
    assert (an.cccd_issued_on, an.recruited_on) == (dt.date(2021, 3, 10), dt.date(2010, 9, 1))
    assert (an.phone, an.personnel_code, an.personal_history) == ("0912 345 678", "SNV-0001", "Không")
    event = AuditEvent.objects.get(event_type="person.updated")
    assert event.acting_user == hr_a
    assert "religion" in event.extra["fields"] and "full_name" not in event.extra["fields"]  # the changes


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("cccd_number", FULLWIDTH),
        ("cccd_number", ARABIC_INDIC),
        ("phone", "０９１２３４５６７８"),
        ("phone", "12"),
        ("cccd_issued_on", "01/01/1980"),  # before birth
        ("discharged_on", "01/01/2000"),  # before enlistment
        ("other_names", "An\x00"),
        ("main_duties", "\u200b"),
        ("strengths", "Tổng hợp \u202etxt.exe"),
    ],
)
def test_the_edit_form_refuses_what_the_import_refuses(client_a, people, field, value):
    an = people["an"]
    url = reverse("personnel:edit", args=[an.pk])
    form = client_a.get(url).context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data.update({"birth_date": "17/05/1985", "enlisted_on": "01/01/2003", field: value})
    response = client_a.post(url, data)
    assert response.status_code == 200
    assert field in response.context["form"].errors, response.context["form"].errors
    an.refresh_from_db()
    assert an.cccd_number == "001085012345" and an.phone == "" and an.enlisted_on is None
