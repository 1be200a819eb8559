"""Recording an initiative: the right on the person checked, the rules of the entry, the audit event; the
page and the endpoint go through the same action."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from noivu.accounts.models import ApiToken
from noivu.awards.actions import INITIATIVE_RECORDED, do_record_initiative
from noivu.awards.models import Initiative
from noivu.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_an_initiative_is_recorded_and_audited(hr_a, people):
    row = do_record_initiative(
        person=people["an"],
        title="  Số hóa hồ sơ  ",
        level="ministry_province",
        recognised_on=dt.date(2024, 10, 1),
        acting_user=hr_a,
    )
    assert (row.title, row.level) == ("Số hóa hồ sơ", "ministry_province")
    assert (
        AuditEvent.objects.unrestricted()
        .filter(event_type=INITIATIVE_RECORDED, target_id=str(row.pk))
        .exists()
    )


def test_a_user_of_another_province_may_not_record_one(hr_b, people):
    with pytest.raises(PermissionDenied):
        do_record_initiative(
            person=people["an"],
            title="X",
            level="grassroots",
            recognised_on=dt.date(2024, 1, 1),
            acting_user=hr_b,
        )
    assert not Initiative.objects.unrestricted().exists()


@pytest.mark.parametrize(
    "level,day,field",
    [("city", dt.date(2024, 1, 1), "level"), ("grassroots", dt.date(2100, 1, 1), "recognised_on")],
)
def test_bad_entries_are_refused_naming_the_field(hr_a, people, level, day, field):
    with pytest.raises(ValidationError) as refused:
        do_record_initiative(person=people["an"], title="X", level=level, recognised_on=day, acting_user=hr_a)
    assert field in refused.value.message_dict


def test_the_page_records_an_initiative_and_lists_it(client, hr_a, people):
    client.force_login(hr_a)
    url = f"/awards/persons/{people['an'].pk}/initiatives/"
    response = client.post(
        url, {"title": "Phần mềm chấm công", "level": "grassroots", "recognised_on": "15/03/2024"}
    )
    assert response.status_code == 302
    assert "Phần mềm chấm công" in client.get(url).content.decode()


def test_the_endpoint_records_with_a_strict_body_and_lists_only_the_scope(hr_a, hr_b, people):
    _, raw = ApiToken.issue(hr_a, "kiểm thử")
    api = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    body = {
        "person_id": people["an"].pk,
        "title": "Số hóa",
        "level": "national",
        "recognised_on": "2024-05-02",
    }
    created = api.post("/api/v1/awards/initiatives", body, content_type="application/json")
    assert created.status_code == 201 and created.json()["level"] == "national"
    assert (
        api.post(
            "/api/v1/awards/initiatives",
            {**body, "person_id": str(people["an"].pk)},
            content_type="application/json",
        ).status_code
        == 422
    )
    assert (
        api.post(
            "/api/v1/awards/initiatives",
            {**body, "person_id": people["duc"].pk},
            content_type="application/json",
        ).status_code
        == 404
    )
    _, raw_b = ApiToken.issue(hr_b, "kiểm thử")
    other = Client(HTTP_AUTHORIZATION=f"Bearer {raw_b}").get("/api/v1/awards/initiatives").json()
    assert other["items"] == []
