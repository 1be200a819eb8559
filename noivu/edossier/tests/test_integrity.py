"""The integrity check: a change made outside the actions is reported, a change through an action is not,
and history rows changed or removed after a check are reported by the next one; its findings on a page, in
the API and in a workbook, for the administrators of the persons' units only."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from python_calamine import CalamineWorkbook

from conftest import make_user
from noivu.core.models import AuditEvent
from noivu.core.permissions import Role
from noivu.edossier.integrity import checked_tables, run_check
from noivu.edossier.models import IntegrityFinding, IntegrityFindingKind
from noivu.personnel.dossier.actions import do_add_family_member, do_delete_fact
from noivu.personnel.dossier.models import FamilyRelation
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


def test_a_fact_removed_with_its_reason_is_no_finding_and_is_still_checked(people, hr_a):
    an = people["an"]
    row = do_add_family_member(person=an, relation="father", full_name="Nguyễn Văn Bố", acting_user=hr_a)
    run_check()
    do_delete_fact(person=an, row=row, acting_user=hr_a, reason="Nhập nhầm")
    run_check()
    assert _findings() == set()
    FamilyRelation._base_manager.filter(pk=row.pk).update(full_name="Sửa lén")
    run_check()
    assert _findings() == {
        (an.pk, IntegrityFindingKind.ROW_CHANGED, FamilyRelation._meta.db_table, "full_name")
    }


def _tamper(people, user) -> None:
    """An's name (province A) and Dũng's (province B) changed by an action, then by raw UPDATEs, then
    the check run."""
    table = Person._meta.db_table
    with connection.cursor() as cursor:
        for person in (people["an"], people["duc"]):
            do_update_person(
                person=person, changes={"full_name": person.full_name + " Văn"}, acting_user=user
            )
            cursor.execute(f"UPDATE {table} SET full_name = %s WHERE id = %s", ["Ai đó khác", person.pk])
    run_check()


@pytest.fixture
def admin_a(tree):
    return make_user("admin_a", Role.SYSTEM_ADMIN, tree["province_a"])


def test_a_units_administrator_sees_its_findings_only_and_others_are_refused(
    client, people, tree, hr_a, admin_a, national_admin
):
    _tamper(people, national_admin)
    client.force_login(admin_a)
    page = client.get(reverse("edossier:integrity")).content.decode()
    assert "Dữ liệu sửa ngoài nghiệp vụ" in page and "personnel_person" in page
    assert "Ai đó khác" in page and "Sở Nội vụ tỉnh A" in page and "Sở Nội vụ tỉnh B" not in page
    assert reverse("edossier:integrity") in client.get(reverse("edossier:sync")).content.decode()
    items = client.get("/api/v1/edossier/integrity/findings").json()["items"]
    assert [(i["person_id"], i["kind"], i["table"], i["field"]) for i in items] == [
        (people["an"].pk, "row", "personnel_person", "full_name")
    ]
    assert items[0]["organization"] == "Sở Nội vụ tỉnh A" and items[0]["field_label"] == "họ và tên"

    client.force_login(national_admin)
    items = client.get("/api/v1/edossier/integrity/findings", {"organization": "T02"}).json()["items"]
    assert [i["person_id"] for i in items] == [people["duc"].pk]
    assert client.get("/api/v1/edossier/integrity/findings", {"kind": "history"}).json()["count"] == 0
    refused = client.get("/api/v1/edossier/integrity/findings", {"kind": "khac"})
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "kind"

    client.force_login(hr_a)
    assert client.get(reverse("edossier:integrity")).status_code == 403
    assert client.get(reverse("edossier:integrity_export")).status_code == 403
    assert client.get("/api/v1/edossier/integrity/findings").status_code == 403
    assert reverse("edossier:integrity") not in client.get(reverse("edossier:sync")).content.decode()


def test_the_workbook_lists_the_findings_with_the_filters_and_is_audited(client, people, national_admin):
    _tamper(people, national_admin)
    Person.history.model.objects.filter(id=people["duc"].pk).update(history_change_reason="sửa lén")
    run_check()
    client.force_login(national_admin)
    response = client.get(reverse("edossier:integrity_export"), {"organization": "T02"})
    rows = CalamineWorkbook.from_filelike(io.BytesIO(response.content)).get_sheet_by_index(0).to_python()
    assert [(row[2], row[4], row[6], row[8]) for row in rows[1:]] == [
        ("Ai đó khác", "Lịch sử bị sửa hoặc xóa", "personnel_person", ""),
        ("Ai đó khác", "Dữ liệu sửa ngoài nghiệp vụ", "personnel_person", "họ và tên"),
    ]
    assert AuditEvent.objects.filter(event_type="data.exported", acting_user=national_admin).exists()


def test_the_page_says_when_the_check_last_ran_or_that_it_never_did(client, people, admin_a):
    client.force_login(admin_a)
    before = client.get(reverse("edossier:integrity")).content.decode()
    assert "Chưa có lần kiểm tra nào" in before and "Lần kiểm tra gần nhất lúc" not in before
    run_check()
    ran = AuditEvent.objects.get(event_type="edossier.integrity_checked")
    assert ran.extra == {"tables": len(checked_tables()), "rows": 0, "histories": 0}
    after = client.get(reverse("edossier:integrity")).content.decode()
    assert "Chưa có lần kiểm tra nào" not in after
    assert f"Lần kiểm tra gần nhất lúc {timezone.localtime(ran.at):%d/%m/%Y %H:%M}" in after
