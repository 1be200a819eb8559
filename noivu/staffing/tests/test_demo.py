"""The staffing demo step's merger of divisions keeps every person's career one unbroken line."""

import datetime as dt

from conftest import make_org, make_person
from noivu.organizations.models import OrganizationKind, OrganizationLevel
from noivu.personnel.models import Assignment
from noivu.staffing.demo import TWO_TIER_MERGE_DAY, _move_persons


def test_a_merger_moves_the_assignment_in_force_and_the_later_ones_without_overlap(tree):
    department = tree["dept_a"]
    absorbed = make_org(
        department, "T01-SNV-01", "Phòng A", OrganizationKind.DIVISION, OrganizationLevel.PROVINCE
    )
    receiving = make_org(
        department, "T01-SNV-02", "Phòng B", OrganizationKind.DIVISION, OrganizationLevel.PROVINCE
    )
    person = make_person(absorbed, "Nguyễn Văn Ba")
    first = person.assignments.get()
    first.effective_to = dt.date(2025, 10, 15)
    first.save()
    Assignment.objects.create(
        person=person,
        organization=absorbed,
        category=person.category,
        position_title="Phó Trưởng phòng",
        effective_from=dt.date(2025, 10, 16),
    )

    moved = _move_persons([(absorbed.pk, receiving.pk)], TWO_TIER_MERGE_DAY)

    assert moved == {absorbed.pk: 1}
    career = list(
        person.assignments.order_by("effective_from").values_list(
            "organization_id", "effective_from", "effective_to", "position_title"
        )
    )
    assert career == [
        (absorbed.pk, first.effective_from, dt.date(2025, 8, 31), ""),
        (receiving.pk, TWO_TIER_MERGE_DAY, dt.date(2025, 10, 15), ""),
        (receiving.pk, dt.date(2025, 10, 16), None, "Phó Trưởng phòng"),
    ]
    person.refresh_from_db()
    assert person.organization_id == receiving.pk
