import datetime as dt

import pytest

from conftest import make_person
from noivu.core.permissions import Action
from noivu.personnel.duplicates.detection import Rule, find_duplicates
from noivu.personnel.models import Person


@pytest.mark.django_db
def test_same_cccd_once_leading_zeros_are_restored(tree, people):
    # 001085012345 after a spreadsheet dropped its leading zeros.
    stripped = make_person(tree["dept_a"], "Nguyễn Văn Ân", cccd_number="1085012345")
    # An old 9-digit CMND is never padded into a CCCD.
    make_person(tree["dept_a"], "Người Khác", cccd_number="123456789")
    (group,) = find_duplicates(Person.objects.all(), rule=Rule.CCCD)
    assert group.key == ("001085012345",)
    assert {p.pk for p in group.persons} == {people["an"].pk, stripped.pk}


@pytest.mark.django_db
def test_same_folded_name_and_birth_date(tree, people):
    twin = make_person(tree["province_a"], "NGUYỄN  văn an")
    make_person(tree["dept_a"], "Nguyễn Văn An", birth_date=dt.date(1986, 5, 17))  # another birth date
    (group,) = find_duplicates(Person.objects.all(), rule=Rule.NAME_BIRTH_DATE)
    assert group.key == ("nguyen van an", dt.date(1985, 5, 17))
    assert {p.pk for p in group.persons} == {people["an"].pk, twin.pk}


@pytest.mark.django_db
def test_largest_groups_first_and_limit(tree, people):
    for _ in range(2):
        make_person(tree["dept_a"], "Lê Đức Dũng")  # with people["duc"]: a group of three
    make_person(tree["dept_a"], "Trần Thị Bình")
    groups = find_duplicates(Person.objects.all(), rule=Rule.NAME_BIRTH_DATE)
    assert [len(g.persons) for g in groups] == [3, 2]
    assert len(find_duplicates(Person.objects.all(), rule=Rule.NAME_BIRTH_DATE, limit=1)) == 1


@pytest.mark.django_db
def test_duplicates_stay_inside_the_scope(tree, people, hr_a, hr_b):
    make_person(tree["dept_b"], "Nguyễn Văn An")  # same name and birth date, but in province B
    assert find_duplicates(Person.objects.restrict(hr_a, Action.VIEW), rule=Rule.NAME_BIRTH_DATE) == []
    assert find_duplicates(Person.objects.restrict(hr_b, Action.VIEW), rule=Rule.NAME_BIRTH_DATE) == []
    assert len(find_duplicates(Person.objects.all(), rule=Rule.NAME_BIRTH_DATE)) == 1


def test_unknown_rule():
    with pytest.raises(ValueError):
        find_duplicates(Person.objects.none(), rule="phone")
