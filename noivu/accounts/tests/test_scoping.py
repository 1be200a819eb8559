import pytest
from django.http import Http404

from conftest import make_user
from noivu.core.permissions import Action, Role, can, granted_paths
from noivu.organizations.models import Organization
from noivu.personnel.models import Person


@pytest.mark.django_db
def test_grant_covers_the_whole_subtree_and_nothing_else(tree, people, hr_a):
    visible_orgs = set(Organization.objects.restrict(hr_a).values_list("code", flat=True))
    assert visible_orgs == {"T01", "T01-SNV"}
    visible_people = set(Person.objects.restrict(hr_a).values_list("full_name", flat=True))
    assert visible_people == {"Nguyễn Văn An", "Trần Thị Bình"}


@pytest.mark.django_db
def test_national_grant_sees_everything(tree, people, national_admin):
    assert Person.objects.restrict(national_admin).count() == 3


@pytest.mark.django_db
def test_user_without_grants_sees_nothing(tree, people):
    nobody = make_user("nobody")
    assert not Person.objects.restrict(nobody).exists()
    assert not Organization.objects.restrict(nobody).exists()


@pytest.mark.django_db
def test_role_limits_the_actions(tree, people, leader_a, hr_a):
    an = people["an"]
    assert can(leader_a, Action.VIEW, an)
    assert not can(leader_a, Action.CHANGE, an)
    assert not can(leader_a, Action.VIEW_PERSONAL_DATA, an)
    assert can(hr_a, Action.VIEW_PERSONAL_DATA, an)
    assert not can(hr_a, Action.APPROVE, an)


@pytest.mark.django_db
def test_other_agencys_objects_are_not_found(tree, people, hr_a):
    with pytest.raises(Http404):
        Person.objects.restrict(hr_a).get_or_404(pk=people["duc"].pk)
    assert Person.objects.restrict(hr_a).get_or_404(pk=people["an"].pk) == people["an"]


@pytest.mark.django_db
def test_nested_grants_collapse_to_the_top(tree):
    user = make_user("two", Role.HR_OFFICER, tree["dept_a"])
    from noivu.accounts.models import Grant

    Grant.objects.create(user=user, role=Role.HR_OFFICER, organization=tree["province_a"])
    assert granted_paths(user, Action.VIEW) == [tree["province_a"].path]


@pytest.mark.django_db
def test_inactive_user_sees_nothing(tree, people, hr_a):
    hr_a.is_active = False
    hr_a.save()
    assert not Person.objects.restrict(hr_a).exists()
