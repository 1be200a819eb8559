import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from noivu.personnel.models import Assignment, Category


@pytest.fixture
def person(people):
    return people["an"]


@pytest.mark.django_db
def test_as_of_selects_the_period_in_force(person, tree):
    first = person.assignments.get()
    first.effective_to = dt.date(2023, 12, 31)
    first.save()
    second = Assignment.objects.create(
        person=person,
        organization=tree["province_a"],
        category=Category.CIVIL_SERVANT,
        effective_from=dt.date(2024, 1, 1),
    )
    assert list(person.assignments.as_of(dt.date(2023, 12, 31))) == [first]
    assert list(person.assignments.as_of(dt.date(2024, 1, 1))) == [second]
    assert list(person.assignments.as_of(dt.date(2019, 12, 31))) == []
    assert first.in_force_on(dt.date(2023, 6, 1)) and not first.in_force_on(dt.date(2024, 1, 1))


@pytest.mark.django_db
def test_overlapping_periods_of_the_same_fact_are_refused(person, tree):
    clash = Assignment(
        person=person,
        organization=tree["province_a"],
        category=Category.CIVIL_SERVANT,
        effective_from=dt.date(2024, 1, 1),
    )
    with pytest.raises(ValidationError, match="trùng"):
        clash.full_clean()


@pytest.mark.django_db
def test_concurrent_posts_may_overlap_the_primary_assignment(person, tree):
    concurrent = Assignment(
        person=person,
        organization=tree["province_a"],
        category=Category.CIVIL_SERVANT,
        effective_from=dt.date(2024, 1, 1),
        is_primary=False,
        position_title="Kiêm nhiệm",
    )
    concurrent.full_clean()


@pytest.mark.django_db
def test_period_must_not_end_before_it_starts(person, tree):
    wrong = Assignment(
        person=person,
        organization=tree["province_a"],
        category=Category.CIVIL_SERVANT,
        effective_from=dt.date(2024, 1, 1),
        effective_to=dt.date(2023, 1, 1),
        is_primary=False,
    )
    with pytest.raises(ValidationError) as error:
        wrong.full_clean()
    assert "effective_to" in error.value.message_dict
