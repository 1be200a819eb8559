"""Consent-aware access: outside their remit an official reads a full dossier only with the person's
consent in force, each read audited with its purpose and shown to the person; the person grants, refuses
and withdraws; whether a number belongs to a dossier is never told to the requester."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from noivu.core.models import AuditEvent
from noivu.edossier.consent import actions
from noivu.edossier.models import ConsentRequest, ConsentStatus, PersonAccount
from noivu.edossier.selfservice.actions import do_create_accounts
from noivu.personnel.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def an_client(people, hr_a):
    do_create_accounts(persons=Person.objects.restrict(hr_a, "change"), acting_user=hr_a)
    own = Client()
    own.force_login(PersonAccount.objects.get(person=people["an"]).user)
    return own


def _ask(client, identifier: str) -> None:
    client.post(
        reverse("edossier:consents"), {"identifier": identifier, "purpose": "Xác minh lý lịch để tiếp nhận"}
    )


def test_a_request_does_not_tell_whether_the_number_is_a_dossier(client, people, hr_b):
    client.force_login(hr_b)
    _ask(client, people["an"].cccd_number)
    _ask(client, "001099000001")
    answers = [row.person_id for row in ConsentRequest.objects.order_by("pk")]
    assert answers == [people["an"].pk, None]
    page = client.get(reverse("edossier:consents")).content.decode()
    assert page.count("Chờ người có hồ sơ trả lời") == 2 and "Nguyễn Văn An" not in page


def test_within_remit_no_consent_is_asked(client, people, hr_a):
    client.force_login(hr_a)
    page = client.post(
        reverse("edossier:consents"),
        {"identifier": people["an"].cccd_number, "purpose": "Xem để bổ nhiệm lại"},
    ).content.decode()
    assert "thuộc phạm vi quản lý của bạn" in page and not ConsentRequest.objects.exists()


def test_only_a_consent_in_force_opens_the_dossier_and_the_person_sees_each_read(
    client, an_client, people, hr_b, settings
):
    client.force_login(hr_b)
    _ask(client, people["an"].cccd_number)
    consent = ConsentRequest.objects.get()
    dossier_url = reverse("edossier:consented_dossier", args=[consent.pk])
    assert client.get(dossier_url).status_code == 403  # not answered yet
    an_client.post(reverse("edossier:answer_consent", args=[consent.pk]), {"decision": "grant", "days": "7"})
    consent.refresh_from_db()
    assert consent.status == ConsentStatus.GRANTED and consent.expires_on is not None
    page = client.get(dossier_url).content.decode()
    assert people["an"].cccd_number in page and "Xác minh lý lịch" in page
    read = AuditEvent.objects.filter(event_type="record.viewed", acting_user=hr_b).get()
    assert read.extra["purpose"] == "consent"
    mine = an_client.get(reverse("edossier:me")).content.decode().split('id="my-reads"')[1]
    assert str(hr_b) in mine and "Theo đồng ý của bạn" in mine
    an_client.post(reverse("edossier:answer_consent", args=[consent.pk]), {"decision": "withdraw"})
    assert client.get(dossier_url).status_code == 403


def test_a_consent_expires_and_only_the_person_answers(client, an_client, people, hr_a, hr_b):
    client.force_login(hr_b)
    _ask(client, people["an"].cccd_number)
    consent = ConsentRequest.objects.get()
    client.force_login(hr_a)  # the person's own HR officer cannot answer for them
    client.post(reverse("edossier:answer_consent", args=[consent.pk]), {"decision": "grant"})
    assert ConsentRequest.objects.get().status == ConsentStatus.REQUESTED
    actions.do_answer_consent(
        request=consent, grant=True, days=1, acting_user=PersonAccount.objects.get(person=people["an"]).user
    )
    consent.refresh_from_db()
    assert consent.in_force_on(consent.expires_on) and not consent.in_force_on(
        consent.expires_on + dt.timedelta(days=1)
    )


def test_the_api_requests_and_the_person_refuses(client, an_client, people, hr_b):
    client.force_login(hr_b)
    sent = client.post(
        "/api/v1/edossier/consents",
        {"identifier": people["an"].cccd_number, "purpose": "Xác minh lý lịch để tiếp nhận"},
        content_type="application/json",
    )
    assert sent.status_code == 201 and sent.json()["in_force"] is False
    incoming = an_client.get("/api/v1/edossier/me/consents").json()
    assert [row["requested_by"] for row in incoming] == [str(hr_b)]
    answered = an_client.post(
        f"/api/v1/edossier/me/consents/{incoming[0]['id']}",
        {"decision": "refuse"},
        content_type="application/json",
    )
    assert answered.json()["status"] == "refused"
    assert client.get(f"/api/v1/edossier/consents/{sent.json()['id']}/dossier").status_code == 403
