"""Correcting and deleting a period of the career (quá trình công tác, chức vụ) from the record page: the
unit chosen in the tree select, the rules every path applies, the record following the primary
assignment in force, the history and the audit of each change."""

import datetime as dt

import pytest
from django.urls import reverse

from noivu.core.models import AuditEvent
from noivu.personnel.models import Assignment, Category
from noivu.personnel.records.actions import ASSIGNMENT_DELETED, ASSIGNMENT_UPDATED
from noivu.personnel.records.history import change_history

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_a(client, hr_a):
    client.force_login(hr_a)
    return client


def _form(assignment: Assignment, **changes: str) -> dict:
    data = {
        "organization": assignment.organization.code,
        "category": assignment.category,
        "position_title": assignment.position_title,
        "is_primary": "on" if assignment.is_primary else "",
        "effective_from": f"{assignment.effective_from:%d/%m/%Y}",
        "effective_to": f"{assignment.effective_to:%d/%m/%Y}" if assignment.effective_to else "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value != ""}


def test_the_record_page_offers_to_correct_and_delete_each_period(client_a, people):
    an = people["an"]
    assignment = an.assignments.get()
    html = client_a.get(reverse("personnel:detail", args=[an.pk])).content.decode()
    assert reverse("personnel:assignment_edit", args=[an.pk, assignment.pk]) in html
    assert reverse("personnel:assignment_delete", args=[an.pk, assignment.pk]) in html
    form = client_a.get(reverse("personnel:assignment_edit", args=[an.pk, assignment.pk])).content.decode()
    assert 'data-tree-select data-url="/choices/organization/"' in form and 'value="Sở Nội vụ tỉnh A"' in form


def test_a_period_is_corrected_the_record_follows_and_the_history_keeps_the_values_before(
    client_a, hr_a, tree, people
):
    an = people["an"]
    assignment = an.assignments.get()
    response = client_a.post(
        reverse("personnel:assignment_edit", args=[an.pk, assignment.pk]),
        _form(
            assignment,
            organization=tree["province_a"].code,
            category=Category.CADRE,
            position_title="  Phó   Giám đốc ",
            effective_from="01/02/2010",
        ),
    )
    assert response.status_code == 302
    assignment.refresh_from_db()
    an.refresh_from_db()
    assert (assignment.organization, assignment.position_title, assignment.effective_from) == (
        tree["province_a"],
        "Phó Giám đốc",
        dt.date(2010, 2, 1),
    )
    assert (an.organization, an.category) == (tree["province_a"], Category.CADRE)
    event = AuditEvent.objects.get(event_type=ASSIGNMENT_UPDATED)
    assert event.acting_user == hr_a
    assert event.extra["fields"] == ["category", "effective_from", "organization", "position_title"]
    changed = next(
        entry for entry in change_history(an, personal_data=True) if entry.subject == "Quá trình công tác"
    )
    assert changed.kind == "changed" and changed.user == str(hr_a)
    assert ("Chức vụ, chức danh", "", "Phó Giám đốc") in [(c.label, c.old, c.new) for c in changed.changes]


def test_a_correction_is_refused_naming_the_field_and_nothing_is_saved(client_a, tree, people):
    an = people["an"]
    assignment = an.assignments.get()
    before = (assignment.organization_id, assignment.effective_from)
    other_province = client_a.post(
        reverse("personnel:assignment_edit", args=[an.pk, assignment.pk]),
        _form(assignment, organization=tree["dept_b"].code),
    )
    assert other_province.status_code == 200
    assert "Hãy chọn một đơn vị trong phạm vi" in other_province.content.decode()
    too_young = client_a.post(
        reverse("personnel:assignment_edit", args=[an.pk, assignment.pk]),
        _form(assignment, effective_from="01/01/1990"),
    )
    assert "đủ 18 tuổi" in too_young.content.decode()
    Assignment.objects.create(
        person=an, organization=tree["province_a"], category=an.category, effective_from=dt.date(2024, 1, 1)
    )
    assignment.refresh_from_db()
    overlapping = client_a.post(
        reverse("personnel:assignment_edit", args=[an.pk, assignment.pk]), _form(assignment)
    )
    assert overlapping.status_code == 200 and "trùng" in overlapping.content.decode().lower()
    assignment.refresh_from_db()
    assert (assignment.organization_id, assignment.effective_from) == before
    assert not AuditEvent.objects.filter(event_type=ASSIGNMENT_UPDATED).exists()


def test_a_period_is_deleted_but_never_the_only_primary_one(client_a, tree, people):
    an = people["an"]
    primary = an.assignments.get()
    concurrent = Assignment.objects.create(
        person=an,
        organization=tree["province_a"],
        category=an.category,
        position_title="Kiêm nhiệm",
        is_primary=False,
        effective_from=dt.date(2020, 1, 1),
    )
    page = client_a.get(reverse("personnel:assignment_delete", args=[an.pk, concurrent.pk]))
    assert "Kiêm nhiệm" in page.content.decode()
    client_a.post(reverse("personnel:assignment_delete", args=[an.pk, concurrent.pk]))
    assert not Assignment.objects.filter(pk=concurrent.pk).exists()
    assert AuditEvent.objects.filter(event_type=ASSIGNMENT_DELETED).count() == 1
    deleted = [entry for entry in change_history(an, personal_data=True) if entry.kind == "deleted"]
    assert deleted and deleted[0].subject == "Quá trình công tác"

    refused = client_a.post(reverse("personnel:assignment_delete", args=[an.pk, primary.pk]), follow=True)
    assert "quá trình công tác chính duy nhất" in refused.content.decode()
    assert Assignment.objects.filter(pk=primary.pk).exists()


def test_only_a_role_that_changes_records_reaches_the_pages_and_another_province_gets_404(
    client, leader_a, hr_a, people
):
    an, duc = people["an"], people["duc"]
    client.force_login(leader_a)
    url = reverse("personnel:assignment_edit", args=[an.pk, an.assignments.get().pk])
    assert client.get(url).status_code == 403
    assert "assignment_edit" not in client.get(reverse("personnel:detail", args=[an.pk])).content.decode()
    client.force_login(hr_a)
    assert (
        client.get(reverse("personnel:assignment_edit", args=[duc.pk, duc.assignments.get().pk])).status_code
        == 404
    )
    assert (
        client.get(reverse("personnel:assignment_edit", args=[an.pk, duc.assignments.get().pk])).status_code
        == 404
    )
