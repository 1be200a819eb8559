import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from conftest import make_user
from noivu.core.models import AuditEvent
from noivu.core.permissions import Role
from noivu.organizations.actions import do_create_organization
from noivu.organizations.models import Organization, OrganizationKind, OrganizationLevel


def _create(parent, user, code="T01-STC", name="Sở Tài chính tỉnh A"):
    return do_create_organization(
        parent=parent,
        code=code,
        name=name,
        kind=OrganizationKind.DEPARTMENT,
        level=OrganizationLevel.PROVINCE,
        effective_from=dt.date(2025, 7, 1),
        acting_user=user,
    )


@pytest.mark.django_db
def test_province_administrator_adds_a_unit_inside_the_province(tree):
    admin_a = make_user("admin_a", Role.SYSTEM_ADMIN, tree["province_a"])
    node = _create(tree["province_a"], admin_a)
    assert node.get_parent() == tree["province_a"]
    assert node.name_folded == "so tai chinh tinh a"
    assert node.history.get().history_user == admin_a
    assert AuditEvent.objects.get(event_type="organization.created").target_id == str(node.pk)
    subtree = Organization.get_tree(Organization.objects.get(pk=tree["province_a"].pk))
    assert [o.code for o in subtree] == ["T01", "T01-SNV", "T01-STC"]


@pytest.mark.django_db
def test_units_cannot_be_added_outside_the_grant(tree, hr_a):
    admin_a = make_user("admin_a", Role.SYSTEM_ADMIN, tree["province_a"])
    with pytest.raises(PermissionDenied):
        _create(tree["province_b"], admin_a)
    with pytest.raises(PermissionDenied):
        _create(tree["province_a"], hr_a)  # HR officers do not restructure the tree
    assert not Organization.objects.filter(code="T01-STC").exists()


@pytest.mark.django_db
def test_duplicate_code_is_refused(tree):
    admin_a = make_user("admin_a", Role.SYSTEM_ADMIN, tree["province_a"])
    with pytest.raises(ValidationError):
        _create(tree["province_a"], admin_a, code="T01-SNV")
