"""The integrity check: a change made outside the actions is reported, a change through an action is not,
and history rows changed or removed after a check are reported by the next one."""

from django.core.management import call_command
from django.db import connection

from noivu.edossier.integrity import run_check
from noivu.edossier.models import IntegrityFinding, IntegrityFindingKind
from noivu.personnel.models import Assignment, Person
from noivu.personnel.records.actions import do_update_person


def _findings() -> set[tuple[int, str, str, str]]:
    return {
        (f.person_id, f.kind, f.table, f.field)
        for f in IntegrityFinding.objects.unrestricted().order_by("id")
    }


def test_a_raw_update_is_reported_and_a_change_through_an_action_is_not(people, hr_a):
    an = people["an"]
    run_check()
    assert _findings() == set()

    do_update_person(person=an, changes={"full_name": "Nguyễn Văn Ân"}, acting_user=hr_a)
    run_check()
    assert _findings() == set()

    table = Person._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET full_name = %s WHERE id = %s", ["Ai đó khác", an.pk])
    Assignment.objects.filter(person=an).update(effective_from="2001-01-01")
    run_check()
    found = _findings()
    assert (an.pk, IntegrityFindingKind.ROW_CHANGED, table, "full_name") in found
    assert (an.pk, IntegrityFindingKind.ROW_CHANGED, Assignment._meta.db_table, "effective_from") in found
    assert all(person == an.pk for person, *_ in found)

    # Reported once however often the check runs; no longer reported once an action puts it right.
    first = IntegrityFinding.objects.unrestricted().get(field="full_name").found_at
    run_check()
    assert IntegrityFinding.objects.unrestricted().get(field="full_name").found_at == first
    do_update_person(person=an, changes={"full_name": "Nguyễn Văn Ân"}, acting_user=hr_a)
    run_check()
    assert not IntegrityFinding.objects.unrestricted().filter(field="full_name").exists()


def test_a_history_row_changed_or_removed_is_reported(people, hr_a):
    an, binh = people["an"], people["binh"]
    do_update_person(person=an, changes={"full_name": "Nguyễn Văn Ân"}, acting_user=hr_a)
    call_command("edossier_integrity")
    assert _findings() == set()

    history = Person.history.model
    history.objects.filter(id=an.pk).order_by("history_id").first().delete()
    history.objects.filter(id=binh.pk).update(history_change_reason="sửa lén")
    # A change through an action after the check is an appended history row, not a change of history.
    do_update_person(person=an, changes={"full_name": "Nguyễn Văn An"}, acting_user=hr_a)
    call_command("edossier_integrity")
    assert _findings() == {
        (an.pk, IntegrityFindingKind.HISTORY_CHANGED, Person._meta.db_table, ""),
        (binh.pk, IntegrityFindingKind.HISTORY_CHANGED, Person._meta.db_table, ""),
    }
    call_command("edossier_integrity")
    assert len(_findings()) == 2
    assert IntegrityFinding.objects.unrestricted().count() == 2
