"""Tasks given down the organisation tree: a unit gives a task to a unit below it, the receiving unit
splits it for its own persons, every refusal names the rule on the form and in the API alike, and the
summaries of a unit roll its sub-tree up per unit below it and per person, split tasks counted once."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from conftest import make_org, make_person, make_user
from noivu.core.models import AuditEvent
from noivu.core.permissions import Role
from noivu.evaluation import engine
from noivu.evaluation.actions import do_assign_task, do_report_progress
from noivu.evaluation.models import PeriodKind, Task
from noivu.evaluation.tests.test_api import URL, api

pytestmark = pytest.mark.django_db

DEADLINE = dt.date(2026, 12, 31)


def give(hr, unit, by, **extra):
    values = {"title": "Thẩm định hồ sơ", "target_quantity": 10, "deadline": DEADLINE}
    return do_assign_task(organization=unit, assigned_by=by, acting_user=hr, **{**values, **extra})


def test_a_unit_gives_a_task_down_one_level_and_the_receiver_splits_it_for_its_persons(tree, staff, hr_a):
    division = staff[0].organization
    task = give(hr_a, division, tree["dept_a"], start_date=dt.date(2026, 1, 5))
    assert (task.organization, task.assigned_by, task.owner) == (division, tree["dept_a"], None)
    part = give(
        hr_a,
        division,
        None,
        owner=staff[0],
        parent=task,
        target_quantity=6,
        start_date=dt.date(2026, 1, 5),
        deadline=dt.date(2026, 6, 30),
    )
    assert (part.parent, part.assigned_by, part.owner) == (task, division, staff[0])
    events = list(AuditEvent.objects.order_by("pk").values_list("event_type", flat=True))
    assert events[-2:] == ["evaluation.task_assigned", "evaluation.task_assigned"]


def test_the_refusals_name_the_rule_and_save_nothing(tree, staff, hr_a):
    division = staff[0].organization
    sibling = make_org(tree["province_a"], "T01-STC", "Sở Tài chính tỉnh A", "department", "province")
    cases = [
        ({"unit": sibling, "by": tree["dept_a"]}, "organization", "không thuộc Sở Nội vụ tỉnh A"),
        ({"unit": tree["dept_a"], "by": division}, "organization", "chỉ giao nhiệm vụ cho chính đơn vị"),
        ({"unit": tree["dept_a"], "by": tree["dept_a"], "owner": staff[0]}, "owner", "phải thuộc đơn vị"),
    ]
    for case, field, words in cases:
        with pytest.raises(ValidationError) as refused:
            give(hr_a, case["unit"], case["by"], owner=case.get("owner"))
        assert words in " ".join(refused.value.message_dict[field]), case
    task = give(hr_a, division, tree["dept_a"])
    with pytest.raises(ValidationError) as late:
        give(hr_a, division, None, owner=staff[0], parent=task, deadline=dt.date(2027, 1, 5))
    assert "không được sau hạn" in " ".join(late.value.message_dict["deadline"])
    with pytest.raises(ValidationError) as nobody:
        give(hr_a, division, None, parent=task)
    assert "phải có người thực hiện" in " ".join(nobody.value.message_dict["owner"])
    with pytest.raises(ValidationError) as not_the_receiver:
        give(hr_a, division, tree["dept_a"], owner=staff[0], parent=task)
    assert "Chỉ đơn vị nhận nhiệm vụ" in " ".join(not_the_receiver.value.message_dict["parent"])
    assert Task.objects.count() == 1


def test_a_unit_below_cannot_give_tasks_to_the_unit_above_or_outside_its_scope(tree, staff):
    division = staff[0].organization
    hr_division = make_user("hr_division", Role.HR_OFFICER, division)
    with pytest.raises(PermissionDenied):
        give(hr_division, division, tree["dept_a"])
    with pytest.raises(PermissionDenied):
        give(hr_division, tree["dept_b"], tree["dept_b"])
    assert give(hr_division, division, division, owner=staff[1]).assigned_by == division


def test_the_form_gives_a_task_down_and_splits_it_with_the_same_refusals(client, tree, staff, hr_a):
    division = staff[0].organization
    client.force_login(hr_a)
    page = client.get(reverse("evaluation:unit_tasks", args=[tree["dept_a"].pk]))
    receivers = dict(page.context["form"].fields["receiver"].choices)
    assert f"o{tree['dept_a'].pk}" in receivers and "Đơn vị cấp dưới" in receivers
    posted = client.post(
        reverse("evaluation:unit_tasks", args=[tree["dept_a"].pk]),
        {
            "title": "Rà soát vị trí việc làm",
            "receiver": f"o{division.pk}",
            "target_quantity": "8",
            "measure": "hồ sơ",
            "deadline": "31/12/2026",
        },
    )
    assert posted.status_code == 302
    task = Task.objects.get(title="Rà soát vị trí việc làm")
    assert (task.organization, task.assigned_by) == (division, tree["dept_a"])
    split = reverse("evaluation:task", args=[task.pk])
    refused = client.post(
        split,
        {
            "step": "split",
            "part-title": "Rà soát phòng 1",
            "part-receiver": f"p{staff[0].pk}",
            "part-target_quantity": "3",
            "part-measure": "hồ sơ",
            "part-deadline": "05/01/2027",
        },
    )
    assert "không được sau hạn" in refused.content.decode()
    assert Task.objects.count() == 1
    given = client.post(
        split,
        {
            "step": "split",
            "part-title": "Rà soát phòng 1",
            "part-receiver": f"p{staff[0].pk}",
            "part-target_quantity": "3",
            "part-measure": "hồ sơ",
            "part-deadline": "30/12/2026",
        },
    )
    assert given.status_code == 302
    part = Task.objects.get(parent=task)
    assert (part.owner, part.assigned_by) == (staff[0], division)
    client.post(reverse("evaluation:task", args=[part.pk]), {"step": "progress", "quantity": "2"})
    page = client.get(split).content.decode()
    assert "Rà soát phòng 1" in page and "2/3 hồ sơ" in page
    assert "is-danger" not in page  # a page only opened shows no form's error


def test_the_api_gives_a_task_down_with_the_same_refusals(tree, staff, hr_a):
    client = api(hr_a)
    body = {
        "organization": "T01-SNV-01",
        "title": "Thẩm định",
        "target_quantity": 3,
        "deadline": "2026-12-31",
    }
    given = client.post(f"{URL}/tasks", {**body, "assigned_by": "T01-SNV"}, content_type="application/json")
    assert given.status_code == 201 and given.json()["assigned_by"] == "T01-SNV", given.json()
    refused = client.post(
        f"{URL}/tasks",
        {**body, "organization": "T01-SNV", "assigned_by": "T01-SNV-01"},
        content_type="application/json",
    )
    assert refused.status_code == 422 and "chỉ giao nhiệm vụ cho chính đơn vị" in str(
        refused.json()["errors"]
    )
    part = client.post(
        f"{URL}/tasks",
        {**body, "parent_id": given.json()["id"], "owner_id": staff[0].pk, "deadline": "2027-01-05"},
        content_type="application/json",
    )
    assert part.status_code == 422 and "deadline" in str(part.json()["errors"])


def test_a_units_summaries_roll_its_sub_tree_up_per_unit_below_and_per_person(tree, staff, hr_a):
    dept, division = tree["dept_a"], staff[0].organization
    other = make_org(dept, "T01-SNV-02", "Phòng Tổ chức", "division", "province")
    clerk = make_person(other, "Đỗ Văn Hải")
    whole = give(hr_a, division, dept, start_date=dt.date(2026, 1, 5), deadline=dt.date(2026, 6, 30))
    part = give(
        hr_a,
        division,
        None,
        owner=staff[0],
        parent=whole,
        target_quantity=4,
        start_date=dt.date(2026, 1, 5),
        deadline=dt.date(2026, 3, 31),
    )
    do_report_progress(task=part, quantity=4, reported_on=dt.date(2026, 3, 20), acting_user=hr_a)
    give(
        hr_a,
        other,
        dept,
        owner=clerk,
        target_quantity=5,
        start_date=dt.date(2026, 2, 1),
        deadline=dt.date(2026, 5, 31),
    )
    give(hr_a, dept, dept, target_quantity=2, start_date=dt.date(2026, 2, 1), deadline=dt.date(2026, 8, 31))
    day = dt.date(2026, 11, 30)
    by_unit, by_person = engine.subtree_summaries(
        Task.objects.all(), dept.path, dept.steplen, 2026, PeriodKind.YEAR, day=day
    )
    rows = {s.key: (s.tasks, s.assigned, s.finished, s.overdue) for s in by_unit}
    # The split task counts through its part only: 4 products, not 10 + 4.
    assert rows == {dept.path: (1, 2, 0, 1), division.path: (1, 4, 4, 0), other.path: (1, 5, 0, 1)}
    people = {s.key: (s.tasks, s.finished) for s in by_person}
    assert people == {None: (1, 0), staff[0].pk: (1, 4), clerk.pk: (1, 0)}
    quarters, _people = engine.subtree_summaries(
        Task.objects.all(), dept.path, dept.steplen, 2026, PeriodKind.QUARTER, day=day
    )
    assert {(s.key, s.period) for s in quarters} == {(dept.path, 3), (division.path, 1), (other.path, 2)}
