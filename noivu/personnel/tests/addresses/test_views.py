"""The address review page: conversion, choice among candidates; isolation between provinces."""

import pytest
from django.urls import reverse

from noivu.core.actions import JOB_STARTED
from noivu.core.models import AuditEvent, Job
from noivu.personnel.addresses import views as address_views
from noivu.personnel.addresses.conversion import ADDRESSES_CONVERTED
from noivu.personnel.addresses.jobs import CONVERSION_KIND
from noivu.personnel.models import AddressKind, ConversionStatus, PersonAddress

HA_NOI, DAN_PHUONG, TAN_HOI, HONG_HA = "01", "273", "09817", "09796"
SPLIT_HONG_HA = {
    "legacy_province_code": HA_NOI,
    "legacy_district_code": DAN_PHUONG,
    "legacy_commune_code": HONG_HA,
}


@pytest.fixture
def client_a(client, hr_a):
    client.force_login(hr_a)
    return client


@pytest.fixture
def split_addresses(people) -> dict[str, PersonAddress]:
    make = PersonAddress.objects.create
    return {
        "a": make(person=people["an"], kind=AddressKind.HOMETOWN, **SPLIT_HONG_HA),
        "a_merged": make(
            person=people["an"],
            kind=AddressKind.PERMANENT,
            detail="Thôn 3",
            legacy_province_code=HA_NOI,
            legacy_district_code=DAN_PHUONG,
            legacy_commune_code=TAN_HOI,
        ),
        "b": make(person=people["duc"], kind=AddressKind.HOMETOWN, **SPLIT_HONG_HA),
    }


def _reload(address: PersonAddress) -> PersonAddress:
    return PersonAddress.objects.get(pk=address.pk)


def test_convert_button_converts_the_scope_only_and_reports_counts(client_a, split_addresses):
    response = client_a.get(reverse("personnel:addresses"))
    assert response.context["pending"] == 2
    response = client_a.post(reverse("personnel:addresses_convert"), follow=True)
    html = response.content.decode()
    assert "Đã chuyển đổi 2 địa chỉ: 1 chuyển được, 1 cần chọn đơn vị mới" in html
    assert _reload(split_addresses["a"]).conversion_status == ConversionStatus.AMBIGUOUS
    assert _reload(split_addresses["a_merged"]).conversion_status == ConversionStatus.CONVERTED
    assert _reload(split_addresses["b"]).conversion_status == ConversionStatus.PENDING
    assert [address.pk for address in response.context["page"].rows] == [split_addresses["a"].pk]
    assert "Xã Ô Diên" in html and "Lê Đức Dũng" not in html
    event = AuditEvent.objects.get(event_type=ADDRESSES_CONVERTED)
    assert event.acting_user == response.wsgi_request.user
    assert event.extra["counts"] == {ConversionStatus.CONVERTED: 1, ConversionStatus.AMBIGUOUS: 1}


def test_a_large_scope_is_converted_by_a_background_job(
    client_a, split_addresses, monkeypatch, hr_a, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(address_views, "INLINE_CONVERSION_LIMIT", 1)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_a.post(reverse("personnel:addresses_convert"))
    job = Job.objects.get()
    assert response.status_code == 302 and response.url == reverse("core:job", args=[job.pk])
    job.refresh_from_db()
    assert (job.status, job.created_by) == (Job.Status.DONE, hr_a)
    started = AuditEvent.objects.get(event_type=JOB_STARTED)
    assert (started.acting_user, started.extra) == (hr_a, {"job": job.pk, "kind": CONVERSION_KIND})
    assert job.result["counts"] == {ConversionStatus.CONVERTED: 1, ConversionStatus.AMBIGUOUS: 1}
    assert _reload(split_addresses["b"]).conversion_status == ConversionStatus.PENDING


def test_choosing_a_candidate_settles_the_address(client_a, split_addresses, hr_a):
    client_a.post(reverse("personnel:addresses_convert"))
    address = _reload(split_addresses["a"])
    other = next(c for c in address.conversion_candidates if not c["is_default"])
    response = client_a.post(
        reverse("personnel:address_choose", args=[address.pk]), {"commune_code": other["code"]}, follow=True
    )
    address.refresh_from_db()
    assert (address.conversion_status, address.commune_code) == (ConversionStatus.CONVERTED, other["code"])
    assert address.current_text == f"{other['name']}, Thành phố Hà Nội"
    assert address.history.first().history_user == hr_a
    assert response.context["page"].rows == []


def test_choosing_a_code_outside_the_candidates_is_refused(client_a, split_addresses):
    client_a.post(reverse("personnel:addresses_convert"))
    response = client_a.post(
        reverse("personnel:address_choose", args=[split_addresses["a"].pk]),
        {"commune_code": "26734"},
        follow=True,
    )
    assert _reload(split_addresses["a"]).conversion_status == ConversionStatus.AMBIGUOUS
    assert "không nằm trong các đơn vị mới" in response.content.decode()


def test_addresses_of_another_province_cannot_be_listed_or_chosen(client, split_addresses, hr_a, hr_b):
    client.force_login(hr_b)
    client.post(reverse("personnel:addresses_convert"))
    address_b = _reload(split_addresses["b"])
    assert address_b.conversion_status == ConversionStatus.AMBIGUOUS
    client.force_login(hr_a)
    assert client.get(reverse("personnel:addresses")).context["page"].rows == []
    code = address_b.conversion_candidates[0]["code"]
    response = client.post(reverse("personnel:address_choose", args=[address_b.pk]), {"commune_code": code})
    assert response.status_code == 404
    assert _reload(split_addresses["b"]).conversion_status == ConversionStatus.AMBIGUOUS


def test_person_page_shows_legacy_and_current_address(client_a, client, split_addresses, people, leader_a):
    client_a.post(reverse("personnel:addresses_convert"))
    html = client_a.get(reverse("personnel:detail", args=[people["an"].pk])).content.decode()
    assert "Thôn 3, Xã Ô Diên, Thành phố Hà Nội" in html
    assert "Thôn 3, Xã Tân Hội, Huyện Đan Phượng, Thành phố Hà Nội" in html
    assert "Cần chọn đơn vị mới" in html
    client.force_login(leader_a)
    masked = client.get(reverse("personnel:detail", args=[people["an"].pk])).content.decode()
    assert "Thôn 3" not in masked and "***, Thành phố Hà Nội" in masked
