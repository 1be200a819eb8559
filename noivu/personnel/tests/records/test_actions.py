import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from noivu.core.models import AuditEvent
from noivu.personnel.models import Category, Gender, Person
from noivu.personnel.records.actions import (
    PERSON_CREATED,
    PERSON_TRANSFERRED,
    PERSON_UPDATED,
    do_create_person,
    do_transfer_person,
    do_update_person,
)


@pytest.mark.django_db
def test_create_person_with_first_assignment_and_history(tree, hr_a):
    person = do_create_person(
        full_name="  Phạm   Thị Huệ ",
        birth_date=dt.date(1990, 2, 3),
        gender=Gender.FEMALE,
        organization=tree["dept_a"],
        category=Category.CIVIL_SERVANT,
        start_date=dt.date(2015, 9, 1),
        acting_user=hr_a,
    )
    assert person.full_name == "Phạm Thị Huệ"
    assert person.full_name_folded == "pham thi hue"
    (assignment,) = person.assignments.all()
    assert assignment.organization == tree["dept_a"] and assignment.effective_to is None
    assert person.history.get().history_user == hr_a


@pytest.mark.django_db
def test_hr_officer_cannot_create_in_another_province(tree, hr_a):
    with pytest.raises(PermissionDenied):
        do_create_person(
            full_name="Người Ngoài",
            birth_date=dt.date(1990, 1, 1),
            gender=Gender.MALE,
            organization=tree["dept_b"],
            category=Category.CIVIL_SERVANT,
            start_date=dt.date(2015, 1, 1),
            acting_user=hr_a,
        )
    assert not Person.objects.filter(full_name="Người Ngoài").exists()


@pytest.mark.django_db
def test_duplicate_cccd_is_refused_and_nothing_is_written(tree, people, hr_a):
    with pytest.raises(ValidationError) as error:
        do_create_person(
            full_name="Trùng Số",
            birth_date=dt.date(1985, 1, 1),
            gender=Gender.MALE,
            organization=tree["dept_a"],
            category=Category.CIVIL_SERVANT,
            start_date=dt.date(2015, 1, 1),
            cccd_number=people["an"].cccd_number,
            acting_user=hr_a,
        )
    assert "cccd_number" in error.value.message_dict
    assert not Person.objects.filter(full_name="Trùng Số").exists()


@pytest.mark.django_db
def test_transfer_closes_the_current_assignment(tree, people, national_admin):
    an = people["an"]
    new = do_transfer_person(
        person=an,
        to_organization=tree["dept_b"],
        category=Category.CIVIL_SERVANT,
        effective_from=dt.date(2025, 3, 1),
        acting_user=national_admin,
    )
    an.refresh_from_db()
    assert an.organization == tree["dept_b"]
    old = an.assignments.get(effective_from=dt.date(2020, 1, 1))
    assert old.effective_to == dt.date(2025, 2, 28)
    assert list(an.assignments.as_of(dt.date(2025, 3, 1))) == [new]


@pytest.mark.django_db
def test_transfer_out_of_scope_is_refused(tree, people, hr_a):
    with pytest.raises(PermissionDenied):
        do_transfer_person(
            person=people["an"],
            to_organization=tree["dept_b"],
            category=Category.CIVIL_SERVANT,
            effective_from=dt.date(2025, 3, 1),
            acting_user=hr_a,
        )
    assert people["an"].assignments.count() == 1


@pytest.mark.django_db
def test_create_update_and_transfer_write_typed_audit_events(tree, hr_a, national_admin):
    person = do_create_person(
        full_name="Lê Văn Sự",
        birth_date=dt.date(1988, 5, 6),
        gender=Gender.MALE,
        organization=tree["dept_a"],
        category=Category.CIVIL_SERVANT,
        start_date=dt.date(2015, 9, 1),
        acting_user=hr_a,
    )
    do_update_person(
        person=person, changes={"full_name": "Lê Văn Sự Mới"}, acting_user=hr_a, reason="Cải chính"
    )
    do_transfer_person(
        person=person,
        to_organization=tree["dept_b"],
        category=Category.CIVIL_SERVANT,
        effective_from=dt.date(2025, 3, 1),
        acting_user=national_admin,
        reason="Quyết định 12/QĐ-BNV",
    )
    events = list(AuditEvent.objects.filter(target_id=str(person.pk)).order_by("pk"))
    assert [(e.event_type, e.acting_user, e.organization_path) for e in events] == [
        (PERSON_CREATED, hr_a, tree["dept_a"].path),
        (PERSON_UPDATED, hr_a, tree["dept_a"].path),
        (PERSON_TRANSFERRED, national_admin, tree["dept_b"].path),
    ]
    assert events[1].extra == {"fields": ["full_name"]} and events[1].reason == "Cải chính"
    assert events[2].extra["from_organization"] == tree["dept_a"].pk
    latest = person.history.latest()
    assert (latest.history_user, latest.history_change_reason) == (national_admin, "Quyết định 12/QĐ-BNV")


@pytest.mark.django_db
def test_refused_transfer_writes_no_event(tree, people, hr_a):
    with pytest.raises(PermissionDenied):
        do_transfer_person(
            person=people["an"],
            to_organization=tree["dept_b"],
            category=Category.CIVIL_SERVANT,
            effective_from=dt.date(2025, 3, 1),
            acting_user=hr_a,
        )
    assert not AuditEvent.objects.exists()
