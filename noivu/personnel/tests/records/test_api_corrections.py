"""Correcting and deleting a record and the facts of its dossier through the API: the same actions and
rules as the pages, declared errors naming the field, nothing partly saved, the history kept."""

import datetime as dt
import json

import pytest
from django.test import Client

from noivu.accounts.models import ApiToken
from noivu.awards.models import AwardRecord
from noivu.core.models import AuditEvent
from noivu.personnel.dossier.actions import FACT_DELETED, FACT_UPDATED
from noivu.personnel.dossier.models import FamilyRelation
from noivu.personnel.models import Assignment, Person
from noivu.personnel.records.actions import PERSON_DELETED, PERSON_UPDATED

pytestmark = pytest.mark.django_db

FULLWIDTH = "".join(chr(0xFF10 + int(digit)) for digit in "001085012345")


def api_client(user) -> Client:
    _, raw = ApiToken.issue(user, "kiểm thử")
    return Client(headers={"authorization": f"Bearer {raw}"})


def send(client: Client, method: str, url: str, body: dict | None = None):
    return client.generic(method, url, json.dumps(body or {}), content_type="application/json")


def test_a_record_is_corrected_field_by_field_and_the_history_keeps_the_values_before(hr_a, people):
    an = people["an"]
    response = send(
        api_client(hr_a),
        "PATCH",
        f"/api/v1/persons/{an.pk}",
        {"other_names": " Ba  An ", "birth_date": "1985-05-18"},
    )
    assert response.status_code == 200, response.content
    assert response.json()["birth_date"] == "1985-05-18"
    an.refresh_from_db()
    assert (an.other_names, an.birth_date, an.full_name) == ("Ba An", dt.date(1985, 5, 18), "Nguyễn Văn An")
    assert AuditEvent.objects.get(event_type=PERSON_UPDATED).extra["fields"] == ["birth_date", "other_names"]
    assert an.history.filter(history_type="~").first().other_names == "Ba An"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"cccd_number": FULLWIDTH}, "cccd_number"),
        ({"full_name": "Nguyễn\u202eVăn An"}, "full_name"),
        ({"birth_date": "0001-01-01"}, "birth_date"),
        ({"full_name": None}, "full_name"),
        ({"gender": "X"}, "gender"),
        ({"birth_date": 20}, "birth_date"),
        ({"ho_ten": "Nguyễn Văn Ân"}, "ho_ten"),
    ],
)
def test_a_correction_is_refused_as_the_form_refuses_it_naming_the_field(hr_a, people, body, field):
    an = people["an"]
    before = Person.objects.filter(pk=an.pk).values().get()
    response = send(api_client(hr_a), "PATCH", f"/api/v1/persons/{an.pk}", {"other_names": "Ba", **body})
    assert response.status_code == 422, response.content
    assert field in json.dumps(response.json())
    assert Person.objects.filter(pk=an.pk).values().get() == before


def test_a_record_is_deleted_with_its_assignments_and_the_history_keeps_it(hr_a, people):
    an = people["an"]
    assert send(api_client(hr_a), "DELETE", f"/api/v1/persons/{an.pk}").status_code == 204
    assert (
        not Person.objects.filter(pk=an.pk).exists()
        and not Assignment.objects.filter(person_id=an.pk).exists()
    )
    assert Person.history.filter(id=an.pk, history_type="-").exists()
    assert AuditEvent.objects.get(event_type=PERSON_DELETED).extra == {"full_name": "Nguyễn Văn An"}


def test_only_a_role_that_changes_records_corrects_or_deletes_and_another_province_gets_404(
    hr_a, leader_a, people
):
    an, duc = people["an"], people["duc"]
    leader = api_client(leader_a)
    assert send(leader, "PATCH", f"/api/v1/persons/{an.pk}", {"other_names": "X"}).status_code == 403
    assert send(leader, "DELETE", f"/api/v1/persons/{an.pk}").status_code == 403
    officer = api_client(hr_a)
    assert send(officer, "PATCH", f"/api/v1/persons/{duc.pk}", {"other_names": "X"}).status_code == 404
    assert send(officer, "DELETE", f"/api/v1/persons/{duc.pk}").status_code == 404
    assert Person.objects.filter(pk__in=[an.pk, duc.pk], other_names="").count() == 2


def test_a_fact_is_corrected_or_deleted_through_the_actions_of_the_pages(hr_a, people):
    an = people["an"]
    award = AwardRecord.objects.create(person=an, form="Giấy khen", decision_date=dt.date(2023, 5, 4))
    of_binh = AwardRecord.objects.create(
        person=people["binh"], form="Giấy khen", decision_date=dt.date(2022, 5, 4)
    )
    client = api_client(hr_a)
    url = f"/api/v1/dossier/{an.pk}/award/{award.pk}"

    corrected = send(client, "PATCH", url, {"form": "Bằng khen", "authority": "UBND tỉnh"})
    assert corrected.status_code == 200, corrected.content
    assert corrected.json()["fact"]["form"] == "Bằng khen"
    award.refresh_from_db()
    assert (award.decision_date, award.form) == (dt.date(2023, 5, 4), "Bằng khen")
    assert AuditEvent.objects.get(event_type=FACT_UPDATED).extra["fields"] == ["authority", "form"]

    for body in (
        {"decision_date": None},
        {"decision_date": False},
        {"decision_date": "31/02/2024"},
        {"decision_date": "2023-05-05", "hinh_thuc": "Bằng khen"},
    ):
        refused = send(client, "PATCH", url, body)
        field = "hinh_thuc" if "hinh_thuc" in body else "decision_date"
        assert refused.status_code == 422 and field in json.dumps(refused.json()), body
    award.refresh_from_db()
    assert award.decision_date == dt.date(2023, 5, 4)
    # A row of another record, or of another kind, is not found through this record and kind.
    assert (
        send(client, "PATCH", f"/api/v1/dossier/{an.pk}/award/{of_binh.pk}", {"authority": "x"}).status_code
        == 404
    )
    assert send(client, "DELETE", f"/api/v1/dossier/{an.pk}/family/{award.pk}").status_code == 404

    assert send(client, "DELETE", url).status_code == 422
    assert send(client, "DELETE", url, {"reason": "Nhập trùng"}).status_code == 204
    assert not AwardRecord.objects.filter(pk=award.pk).exists()
    assert AuditEvent.objects.filter(event_type=FACT_DELETED).count() == 1
    assert AwardRecord.history.filter(id=award.pk, deletion_reason="Nhập trùng").exists()


def test_a_fact_of_another_province_or_by_a_role_without_the_right_is_refused(hr_a, leader_a, people):
    duc_family = FamilyRelation.objects.create(person=people["duc"], relation="mother", full_name="Lê Thị Mẹ")
    an_family = FamilyRelation.objects.create(person=people["an"], relation="mother", full_name="Trần Thị Mẹ")
    url = f"/api/v1/dossier/{people['duc'].pk}/family/{duc_family.pk}"
    assert send(api_client(hr_a), "DELETE", url).status_code == 404
    leader = api_client(leader_a)
    assert (
        send(leader, "DELETE", f"/api/v1/dossier/{people['an'].pk}/family/{an_family.pk}").status_code == 403
    )
    assert FamilyRelation.objects.count() == 2
