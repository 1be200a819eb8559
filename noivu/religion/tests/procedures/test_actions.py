"""Receiving a dossier, pausing its clock for a supplement, deciding it; the working calendar's rows."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from conftest import make_user
from noivu.core.models import AuditEvent
from noivu.core.permissions import Role
from noivu.religion.models import CalendarDayKind, DossierStatus
from noivu.religion.procedures.actions import (
    do_add_calendar_day,
    do_decide_dossier,
    do_receive_dossier,
    do_receive_supplement,
    do_request_supplement,
)
from noivu.religion.tests import factories

pytestmark = pytest.mark.django_db
D = dt.date


MARCH_3 = D(2025, 3, 3)


def _receive(unit, user, received_on=MARCH_3, **extra):
    fields = {
        "procedure_code": "TG_SHTGTT",
        "applicant": "Nhóm Tin lành thôn Đông",
        "received_on": received_on,
    }
    fields.update(extra)
    return do_receive_dossier(organization=unit, acting_user=user, **fields)


def test_a_received_dossier_gets_its_deadline_from_the_rule_in_force(tree, hr_a):
    dossier = _receive(tree["dept_a"], hr_a)
    assert dossier.due_on == D(2025, 3, 24)
    assert dossier.rule.legal_basis.citation == "02/2016/QH14, Điều 16"
    event = AuditEvent.objects.get(event_type="religion.dossier_received")
    assert event.target_id == str(dossier.pk) and event.organization_path == tree["dept_a"].path


def test_a_supplement_pauses_and_its_receipt_restarts_the_clock(tree, hr_a):
    dossier = _receive(tree["dept_a"], hr_a)
    do_request_supplement(
        dossier=dossier, requested_on=D(2025, 3, 5), content="Giấy tờ địa điểm", acting_user=hr_a
    )
    dossier.refresh_from_db()
    assert (dossier.status, dossier.due_on) == (DossierStatus.SUPPLEMENT, None)
    do_receive_supplement(dossier=dossier, received_on=D(2025, 3, 10), acting_user=hr_a)
    dossier.refresh_from_db()
    assert (dossier.status, dossier.due_on) == (DossierStatus.RECEIVED, D(2025, 3, 28))
    assert list(
        AuditEvent.objects.filter(target_id=str(dossier.pk))
        .order_by("pk")
        .values_list("event_type", flat=True)
    ) == ["religion.dossier_received", "religion.supplement_requested", "religion.supplement_received"]


def test_a_late_decision_needs_a_reason(tree, hr_a):
    approver = make_user("approver_a", Role.APPROVER, tree["province_a"])
    dossier = _receive(tree["dept_a"], hr_a)
    with pytest.raises(ValidationError) as refused:
        do_decide_dossier(
            dossier=dossier,
            decided_on=D(2025, 3, 26),
            outcome="approved",
            decision_number="5/UBND",
            acting_user=approver,
        )
    assert "late_reason" in refused.value.message_dict
    assert "24/03/2025" in refused.value.message_dict["late_reason"][0]
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.RECEIVED
    do_decide_dossier(
        dossier=dossier,
        decided_on=D(2025, 3, 26),
        outcome="approved",
        decision_number="5/UBND",
        late_reason="Chờ ý kiến Sở Xây dựng về địa điểm",
        acting_user=approver,
    )
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.DECIDED and dossier.decided_late


def test_an_officer_without_the_right_to_approve_cannot_decide(tree, hr_a):
    dossier = _receive(tree["dept_a"], hr_a)
    with pytest.raises(PermissionDenied):
        do_decide_dossier(
            dossier=dossier,
            decided_on=D(2025, 3, 20),
            outcome="approved",
            decision_number="1",
            acting_user=hr_a,
        )


def test_another_province_cannot_receive_or_touch_the_dossier(tree, hr_a, hr_b):
    with pytest.raises(PermissionDenied):
        _receive(tree["dept_a"], hr_b)
    dossier = _receive(tree["dept_a"], hr_a)
    with pytest.raises(PermissionDenied):
        do_request_supplement(dossier=dossier, requested_on=D(2025, 3, 5), content="x", acting_user=hr_b)


def test_a_procedure_not_in_force_on_receipt_is_refused(tree, hr_a):
    with pytest.raises(ValidationError) as refused:
        _receive(tree["dept_a"], hr_a, procedure_code="TG_DAI_HOI_HUYEN", received_on=D(2025, 7, 2))
    assert "procedure_code" in refused.value.message_dict


def test_a_province_day_off_moves_the_open_deadlines_of_the_province_only(tree, hr_a, hr_b):
    admin_a = make_user("admin_a", Role.SYSTEM_ADMIN, tree["province_a"])
    in_a = _receive(tree["dept_a"], hr_a)
    in_b = _receive(tree["dept_b"], hr_b)
    do_add_calendar_day(
        day=D(2025, 3, 24),
        kind=CalendarDayKind.DAY_OFF,
        name="Nghỉ bù lễ hội",
        organization=tree["province_a"],
        acting_user=admin_a,
    )
    in_a.refresh_from_db()
    in_b.refresh_from_db()
    assert (in_a.due_on, in_b.due_on) == (D(2025, 3, 25), D(2025, 3, 24))
    with pytest.raises(PermissionDenied):
        do_add_calendar_day(day=D(2025, 3, 25), kind=CalendarDayKind.DAY_OFF, name="x", acting_user=admin_a)


def test_a_related_organisation_outside_the_scope_is_refused(tree, hr_a):
    other = factories.organization(tree["dept_b"], "Giáo hội tỉnh B")
    with pytest.raises(PermissionDenied):
        _receive(tree["dept_a"], hr_a, religious_organization=other)
