"""The one way to change state: scope checked, history and audit written, side effects after commit."""

import pytest
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.db import transaction

from conftest import make_user
from noivu.core.actions import ActionContext, action
from noivu.core.audit import event_type
from noivu.core.models import AuditEvent
from noivu.core.permissions import Action, Role
from noivu.organizations.models import Organization

RENAMED = event_type("test.organization_renamed", "Đổi tên đơn vị (kiểm thử)")
effects: list[str] = []


@action(RENAMED)
def do_rename(ctx: ActionContext, *, organization: Organization, name: str) -> Organization:
    ctx.require(organization)
    organization.name = name
    organization.save()
    ctx.on_commit(lambda: effects.append(name))
    return organization


@action(RENAMED)
def do_rename_unchecked(ctx: ActionContext, *, organization: Organization, name: str) -> Organization:
    organization.name = name
    organization.save()
    return organization


@action(RENAMED)
def do_rename_both(ctx: ActionContext, *, first: Organization, second: Organization) -> None:
    ctx.require(first)
    do_rename(organization=first, name="Tên mới 1", acting_user=ctx.user)
    do_rename(organization=second, name="Tên mới 2", acting_user=ctx.user)


@pytest.fixture
def admin_a(tree):
    return make_user("admin_a", Role.SYSTEM_ADMIN, tree["province_a"])


@pytest.mark.django_db
def test_action_writes_history_with_user_and_reason_and_a_typed_event(tree, hr_a):
    unit = tree["dept_a"]
    do_rename(organization=unit, name="Sở Nội vụ A (mới)", acting_user=hr_a, reason="Nghị quyết 01")
    latest = unit.history.latest()
    assert (latest.history_user, latest.history_change_reason) == (hr_a, "Nghị quyết 01")
    event = AuditEvent.objects.get(event_type=RENAMED)
    assert event.acting_user == hr_a
    assert event.organization_path == unit.path
    assert event.target_id == str(unit.pk) and event.target_label == "Sở Nội vụ A (mới)"
    assert event.reason == "Nghị quyết 01"


@pytest.mark.django_db
def test_action_outside_scope_is_refused_and_changes_nothing(tree, hr_a):
    with pytest.raises(PermissionDenied):
        do_rename(organization=tree["dept_b"], name="Đổi trộm", acting_user=hr_a)
    assert Organization.objects.get(pk=tree["dept_b"].pk).name == "Sở Nội vụ tỉnh B"
    assert not AuditEvent.objects.exists()


@pytest.mark.django_db
def test_action_that_never_checks_the_right_is_refused_and_rolled_back(tree, hr_a):
    with pytest.raises(ImproperlyConfigured):
        do_rename_unchecked(organization=tree["dept_a"], name="Không kiểm tra", acting_user=hr_a)
    assert Organization.objects.get(pk=tree["dept_a"].pk).name == "Sở Nội vụ tỉnh A"


@pytest.mark.django_db
def test_side_effects_run_only_after_commit(tree, hr_a, django_capture_on_commit_callbacks):
    effects.clear()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        do_rename(organization=tree["dept_a"], name="Sở A", acting_user=hr_a)
    assert effects == [] and len(callbacks) == 1
    callbacks[0]()
    assert effects == ["Sở A"]


@pytest.mark.django_db
def test_nested_action_failing_rolls_back_the_whole_outer_action(tree, hr_a):
    with pytest.raises(PermissionDenied):
        do_rename_both(first=tree["dept_a"], second=tree["dept_b"], acting_user=hr_a)
    assert Organization.objects.get(pk=tree["dept_a"].pk).name == "Sở Nội vụ tỉnh A"
    assert not AuditEvent.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_action_is_durable_outside_tests_transactions(tree, hr_a):
    with pytest.raises(RuntimeError), transaction.atomic():
        do_rename(organization=tree["dept_a"], name="Trong giao dịch khác", acting_user=hr_a)


@pytest.mark.django_db
def test_restrict_unrestricted_and_within(tree, hr_a):
    visible = set(Organization.objects.restrict(hr_a).values_list("code", flat=True))
    assert visible == {"T01", "T01-SNV"}
    assert Organization.objects.restrict(hr_a, Action.ADMINISTER).count() == 0
    assert Organization.objects.unrestricted().count() == 6
    assert set(Organization.objects.within(tree["province_b"].path).values_list("code", flat=True)) == {
        "T02",
        "T02-SNV",
    }


@pytest.mark.django_db
def test_national_data_is_read_by_everyone_and_changed_by_national_administrators(tree, hr_a):
    from noivu.core.models import LegalBasis

    LegalBasis.objects.create(document_number="99/2099/NĐ-CP")
    total = LegalBasis.objects.unrestricted().count()
    national = make_user("national", Role.SYSTEM_ADMIN, tree["root"])
    assert LegalBasis.objects.restrict(hr_a).count() == total
    assert LegalBasis.objects.restrict(hr_a, Action.CHANGE).count() == 0
    assert LegalBasis.objects.restrict(national, Action.CHANGE).count() == total


@pytest.mark.django_db
def test_a_long_reason_is_kept_whole_on_the_event_and_shortened_in_the_history(tree, hr_a):
    reason = "Theo đề nghị của Sở Nội vụ, " * 40
    do_rename(organization=tree["dept_a"], name="Sở A", acting_user=hr_a, reason=reason)
    assert AuditEvent.objects.get(event_type=RENAMED).reason == reason
    assert tree["dept_a"].history.latest().history_change_reason == reason[:100]


@action(RENAMED)
def do_rename_with_undo(ctx: ActionContext, *, organization: Organization) -> Organization:
    ctx.require(organization)
    ctx.on_rollback(lambda: effects.append("undone inner"))
    return organization


@action(RENAMED)
def do_rename_then_fail(ctx: ActionContext, *, organization: Organization, fail: bool) -> Organization:
    ctx.require(organization)
    ctx.on_rollback(lambda: effects.append("undone outer"))
    do_rename_with_undo(organization=organization, acting_user=ctx.user)
    if fail:
        raise PermissionDenied("thất bại")
    return organization


@pytest.mark.django_db
def test_what_an_action_undoes_runs_only_when_the_outermost_action_rolls_back(tree, hr_a):
    effects.clear()
    unit = tree["dept_a"]
    do_rename_then_fail(organization=unit, fail=False, acting_user=hr_a)
    do_rename_with_undo(organization=unit, acting_user=hr_a)
    assert effects == []
    with pytest.raises(PermissionDenied):
        do_rename_then_fail(organization=unit, fail=True, acting_user=hr_a)
    assert effects == ["undone inner", "undone outer"]
