"""A person's addresses typed on the record: every text checked as the rest of the record, kept in the
history, personal data reserved to users who may see it."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from noivu.core.models import AuditEvent
from noivu.personnel.addresses.actions import do_update_addresses
from noivu.personnel.models import AddressKind, ConversionStatus, PersonAddress
from noivu.personnel.records.history import change_history

pytestmark = pytest.mark.django_db

HOSTILE = {
    "zero-width only": "\u200b\u200c",
    "NUL": "Thôn 3\x00",
    "right-to-left override": "Thôn \u202e3",
}


def test_addresses_are_entered_corrected_and_removed_from_the_record(client, hr_a, people):
    an = people["an"]
    client.force_login(hr_a)
    url = reverse("personnel:person_addresses", args=[an.pk])
    assert client.get(url).status_code == 200

    response = client.post(
        url,
        {
            "permanent_detail": " Số 5,  ngõ 10 ",
            "permanent_current_text": "Phường Ba Đình, Thành phố Hà Nội",
            "hometown_legacy_text": "Xã Tân Hội, huyện Đan Phượng, Hà Nội",
        },
    )

    assert response.status_code == 302
    permanent = PersonAddress.objects.get(person=an, kind=AddressKind.PERMANENT)
    assert (permanent.detail, permanent.conversion_status) == ("Số 5, ngõ 10", ConversionStatus.CURRENT_UNITS)
    hometown = PersonAddress.objects.get(person=an, kind=AddressKind.HOMETOWN)
    assert hometown.conversion_status == ConversionStatus.PENDING  # the conversion reads its units
    assert AuditEvent.objects.filter(event_type="person.addresses_updated").count() == 1

    client.post(
        url, {"permanent_detail": "Số 7", "permanent_current_text": "Phường Ba Đình, Thành phố Hà Nội"}
    )
    assert not PersonAddress.objects.filter(person=an, kind=AddressKind.HOMETOWN).exists()
    entries = change_history(an, personal_data=True)
    changed = [entry for entry in entries if entry.subject == "Địa chỉ" and entry.operation == "Sửa"]
    assert changed and {c.label: (c.old, c.new) for c in changed[0].changes}["Số nhà, thôn, tổ"] == (
        "Số 5, ngõ 10",
        "Số 7",
    )
    assert any(entry.subject == "Địa chỉ" and entry.operation == "Xóa" for entry in entries)
    masked = change_history(an, personal_data=False)
    assert "Số 7" not in str([entry.changes for entry in masked])


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
@pytest.mark.parametrize("field", ["detail", "current_text", "legacy_text"])
def test_every_address_text_refuses_control_invisible_and_direction_characters(
    client, hr_a, people, field, text
):
    an = people["an"]
    with pytest.raises(ValidationError) as refused:
        do_update_addresses(person=an, addresses={"current": {field: text}}, acting_user=hr_a)
    assert f"current_{field}" in refused.value.message_dict
    client.force_login(hr_a)
    response = client.post(reverse("personnel:person_addresses", args=[an.pk]), {f"current_{field}": text})
    assert response.status_code == 200 and f"current_{field}" in response.context["form"].errors
    address = PersonAddress(person=an, kind=AddressKind.BIRTHPLACE, **{field: text})
    with pytest.raises(ValidationError):
        address.full_clean()
    assert not PersonAddress.objects.exists()


def test_a_leader_may_not_change_addresses(client, leader_a, people):
    client.force_login(leader_a)
    url = reverse("personnel:person_addresses", args=[people["an"].pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"current_detail": "Số 1"}).status_code == 403
    assert not PersonAddress.objects.exists()
