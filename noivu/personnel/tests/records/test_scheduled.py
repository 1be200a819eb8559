"""Transfers dated in the future move the person on their day, and the person's scope follows."""

import datetime as dt

import pytest
from django.core.management import call_command

from noivu.core import dates
from noivu.core.models import AuditEvent
from noivu.personnel.models import Category, Person
from noivu.personnel.records.actions import do_transfer_person
from noivu.personnel.records.scheduled import CHANGE_REASON, TRANSFER_APPLIED, apply_due_assignments
from noivu.personnel.tasks import APPLY_DUE_ASSIGNMENTS, apply_due_assignments_task

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 3, 31)


@pytest.fixture
def transfer_tomorrow(tree, people, national_admin, monkeypatch):
    monkeypatch.setattr(dates, "today", lambda: TODAY)
    do_transfer_person(
        person=people["an"],
        to_organization=tree["dept_b"],
        category=Category.PUBLIC_EMPLOYEE,
        effective_from=TODAY + dt.timedelta(days=1),
        acting_user=national_admin,
    )
    return people["an"]


def test_a_transfer_dated_tomorrow_leaves_the_person_where_they_are_today(
    tree, transfer_tomorrow, hr_a, hr_b
):
    assert apply_due_assignments() == 0
    an = Person.objects.get(pk=transfer_tomorrow.pk)
    assert (an.organization, an.category) == (tree["dept_a"], Category.CIVIL_SERVANT)
    assert Person.objects.restrict(hr_a).filter(pk=an.pk).exists()
    assert not Person.objects.restrict(hr_b).filter(pk=an.pk).exists()


def test_on_its_day_the_job_moves_the_person_and_their_scope_follows(
    tree, transfer_tomorrow, hr_a, hr_b, monkeypatch
):
    monkeypatch.setattr(dates, "today", lambda: TODAY + dt.timedelta(days=1))
    assert apply_due_assignments() == 1
    an = Person.objects.get(pk=transfer_tomorrow.pk)
    assert (an.organization, an.category) == (tree["dept_b"], Category.PUBLIC_EMPLOYEE)
    assert Person.objects.restrict(hr_b).filter(pk=an.pk).exists()
    assert not Person.objects.restrict(hr_a).filter(pk=an.pk).exists()
    latest = an.history.latest()
    assert (latest.organization_id, latest.history_type) == (tree["dept_b"].pk, "~")
    assert latest.history_change_reason == CHANGE_REASON
    event = AuditEvent.objects.get(event_type=TRANSFER_APPLIED)
    assert (event.organization_path, event.target_id) == (tree["dept_b"].path, str(an.pk))
    assert event.extra["from_organization"] == tree["dept_a"].pk
    assert apply_due_assignments() == 0  # nothing left to move: running twice changes nothing


def test_persons_moving_to_the_same_unit_are_moved_by_one_update_per_group(
    tree, people, national_admin, monkeypatch, django_assert_max_num_queries
):
    monkeypatch.setattr(dates, "today", lambda: TODAY)
    for person in (people["an"], people["binh"]):
        do_transfer_person(
            person=person,
            to_organization=tree["dept_b"],
            category=Category.CIVIL_SERVANT,
            effective_from=TODAY + dt.timedelta(days=1),
            acting_user=national_admin,
        )
    monkeypatch.setattr(dates, "today", lambda: TODAY + dt.timedelta(days=1))
    with django_assert_max_num_queries(8):
        assert apply_due_assignments() == 2
    assert set(Person.objects.filter(organization=tree["dept_b"]).values_list("pk", flat=True)) >= {
        people["an"].pk,
        people["binh"].pk,
    }


def test_the_command_and_the_beat_task_apply_the_same_function(
    tree, transfer_tomorrow, settings, capsys, monkeypatch
):
    schedule = settings.CELERY_BEAT_SCHEDULE["apply-due-assignments"]
    assert (schedule["task"], schedule["schedule"].hour, settings.CELERY_TIMEZONE) == (
        APPLY_DUE_ASSIGNMENTS,
        {0},
        "Asia/Ho_Chi_Minh",
    )
    call_command("apply_due_assignments", "--date", (TODAY + dt.timedelta(days=1)).isoformat())
    assert "1 người" in capsys.readouterr().out
    assert Person.objects.get(pk=transfer_tomorrow.pk).organization == tree["dept_b"]
    assert apply_due_assignments_task.apply().get() == 1  # today the old unit is still in force
    assert Person.objects.get(pk=transfer_tomorrow.pk).organization == tree["dept_a"]
    monkeypatch.setattr(dates, "today", lambda: TODAY + dt.timedelta(days=1))
    assert apply_due_assignments_task.apply().get() == 1
    assert Person.objects.get(pk=transfer_tomorrow.pk).organization == tree["dept_b"]
