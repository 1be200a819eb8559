"""Two officers saving the same record they opened at the same time: the first save is kept, the second is
refused with a reason instead of silently overwriting it."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from noivu.core.models import AuditEvent
from noivu.personnel.models import Person
from noivu.personnel.records.actions import do_update_person

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks: PostgreSQL only")


def test_two_simultaneous_edits_of_one_record_lose_no_update(people, hr_a, race):
    an = people["an"]
    opened_at = Person.objects.unrestricted().get(pk=an.pk).updated_at

    def save(phone: str):
        return lambda: do_update_person(
            person=an, changes={"phone": phone}, expected_updated_at=opened_at, acting_user=hr_a
        )

    outcomes = race(an, save("0912345678"), save("0987654321"))

    saved = [outcome for outcome in outcomes if isinstance(outcome, Person)]
    refused = [outcome for outcome in outcomes if isinstance(outcome, ValidationError)]
    assert len(saved) == 1 and len(refused) == 1, outcomes
    assert "Hồ sơ vừa được người khác cập nhật; hãy tải lại trang và sửa lại." in refused[0].messages
    assert Person.objects.unrestricted().get(pk=an.pk).phone == saved[0].phone
    assert AuditEvent.objects.filter(target_id=str(an.pk), event_type="person.updated").count() == 1
