import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from conftest import make_person
from noivu.core.models import AuditEvent
from noivu.personnel.duplicates.merge import PERSONS_MERGED, do_merge_persons, merged_person_ids
from noivu.personnel.duplicates.models import PersonMerge
from noivu.personnel.models import AddressKind, Assignment, Person, PersonAddress


@pytest.fixture
def pair(tree, people):
    """``people["an"]`` and a second record of the same man, made from a spreadsheet import."""
    keep = people["an"]
    keep.phone = "0912345678"
    keep.save()
    remove = make_person(
        tree["dept_a"], "Nguyen Van An", cccd_number=None, email="an@example.vn", phone="0900000000"
    )
    Assignment.objects.create(
        person=remove,
        organization=tree["province_a"],
        category=remove.category,
        is_primary=False,
        position_title="Kiêm nhiệm",
        effective_from=dt.date(2021, 1, 1),
    )
    PersonAddress.objects.create(person=keep, kind=AddressKind.PERMANENT, legacy_text="Hà Nội")
    PersonAddress.objects.create(person=remove, kind=AddressKind.PERMANENT, legacy_text="Hà Tây")
    PersonAddress.objects.create(person=remove, kind=AddressKind.HOMETOWN, legacy_text="Nam Định")
    return keep, remove


@pytest.mark.django_db
def test_merge_moves_every_related_row_and_fills_empty_fields(pair, hr_a):
    keep, remove = pair
    removed_pk = remove.pk
    merge = do_merge_persons(keep, remove, acting_user=hr_a, reason="Trùng hồ sơ khi nhập Excel")

    assert not Person.objects.filter(pk=removed_pk).exists()
    keep.refresh_from_db()
    assert keep.assignments.count() == 3
    assert set(keep.addresses.values_list("kind", "legacy_text")) == {
        (AddressKind.PERMANENT, "Hà Nội"),
        (AddressKind.HOMETOWN, "Nam Định"),
    }
    # Empty fields filled, filled ones kept.
    assert keep.email == "an@example.vn" and keep.phone == "0912345678"
    assert "email" in merge.filled_fields and "phone" not in merge.filled_fields
    # The address the kept person already had of that kind is recorded, not lost.
    (conflict,) = merge.conflicts
    assert conflict["model"] == "personnel.PersonAddress" and conflict["fields"]["legacy_text"] == "Hà Tây"
    assert merge.moved == {"personnel.Assignment.person": 2, "personnel.PersonAddress.person": 1}


@pytest.mark.django_db
def test_merge_is_audited_and_both_histories_stay_readable(pair, hr_a):
    keep, remove = pair
    removed_pk = remove.pk
    merge = do_merge_persons(keep, remove, acting_user=hr_a, reason="Trùng hồ sơ")

    assert merge.merged_by == hr_a and merge.reason == "Trùng hồ sơ"
    assert merge.removed_person_id == removed_pk and merge.removed_full_name == "Nguyen Van An"
    assert merge.removed_snapshot["email"] == "an@example.vn"
    assert merged_person_ids(keep) == [keep.pk, removed_pk]
    removed_history = Person.history.filter(id=removed_pk).order_by("history_date")
    assert [h.history_type for h in removed_history] == ["+", "-"]
    assert removed_history.last().history_user == hr_a
    kept_history = Person.history.filter(id=keep.pk).order_by("history_date")
    assert kept_history.last().email == "an@example.vn" and kept_history.last().history_user == hr_a
    # The moved rows' history shows both owners.
    moved = keep.addresses.get(kind=AddressKind.HOMETOWN)
    assert [h.person_id for h in moved.history.order_by("history_date")] == [removed_pk, keep.pk]


@pytest.mark.django_db
def test_earlier_merges_follow_the_kept_record(tree, pair, hr_a):
    keep, remove = pair
    third = make_person(tree["dept_a"], "Nguyễn Văn An")
    do_merge_persons(remove, third, acting_user=hr_a, reason="lần 1")
    do_merge_persons(keep, remove, acting_user=hr_a, reason="lần 2")
    assert set(merged_person_ids(keep)) == {keep.pk, remove.pk, third.pk}
    assert PersonMerge.objects.filter(kept_person=keep).count() == 2


@pytest.mark.django_db
def test_merge_refuses_out_of_scope_users(tree, people, hr_a, hr_b):
    other = make_person(tree["dept_b"], "Nguyễn Văn An")
    for user in (hr_a, hr_b):
        with pytest.raises(PermissionDenied):
            do_merge_persons(people["an"], other, acting_user=user, reason="Trùng")
    assert Person.objects.filter(pk=other.pk).exists()
    assert not PersonMerge.objects.exists()


@pytest.mark.django_db
def test_merge_refuses_itself_and_needs_a_reason(people, hr_a, leader_a):
    with pytest.raises(ValidationError):
        do_merge_persons(people["an"], people["an"], acting_user=hr_a, reason="Trùng")
    with pytest.raises(ValidationError):
        do_merge_persons(people["an"], people["binh"], acting_user=hr_a, reason="  ")
    with pytest.raises(PermissionDenied):  # a leader may view but not change
        do_merge_persons(people["an"], people["binh"], acting_user=leader_a, reason="Trùng")
    assert Person.objects.count() == 3


@pytest.mark.django_db
def test_the_kept_record_takes_the_removed_records_cccd(tree, people, hr_a):
    keep = make_person(tree["dept_a"], "Nguyễn Văn An")
    do_merge_persons(keep, people["an"], acting_user=hr_a, reason="Trùng")
    keep.refresh_from_db()
    assert keep.cccd_number == "001085012345"


@pytest.mark.django_db
def test_merge_writes_an_event_in_the_kept_persons_unit(pair, hr_a):
    keep, remove = pair
    removed_pk = remove.pk
    merge = do_merge_persons(keep, remove, acting_user=hr_a, reason="Trùng")
    event = AuditEvent.objects.get(event_type=PERSONS_MERGED)
    assert (event.acting_user, event.organization_path, event.target_id) == (
        hr_a,
        keep.organization.path,
        str(keep.pk),
    )
    assert event.reason == "Trùng" and event.extra["removed_person"] == removed_pk
    assert event.extra["merge"] == merge.pk
