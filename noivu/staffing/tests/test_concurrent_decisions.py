"""Two approvers deciding the same proposal at the same moment: one decision is taken, the other is refused,
and nothing is decided twice."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from noivu.core.models import AuditEvent
from noivu.staffing import actions
from noivu.staffing.models import StaffingQuota, Workflow

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks: PostgreSQL only")


def test_two_simultaneous_approvals_of_one_quota_decide_it_once(
    province, hr_a, appraiser_a, approver_a, race
):
    quota = actions.do_propose_quota(
        organization=province["finance"], category="civil_servant", year=2026, quantity=7, acting_user=hr_a
    )
    actions.do_appraise_quota(quota=quota, agree=True, acting_user=appraiser_a)

    def decide(number: str):
        return lambda: actions.do_decide_quota(
            quota=quota,
            approve=True,
            decision_number=number,
            decision_date=dt.date(2026, 1, 5),
            acting_user=approver_a,
        )

    outcomes = race(quota, decide("1/QĐ-UBND"), decide("2/QĐ-UBND"))

    decided = [outcome for outcome in outcomes if isinstance(outcome, StaffingQuota)]
    refused = [outcome for outcome in outcomes if isinstance(outcome, ValidationError)]
    assert len(decided) == 1 and len(refused) == 1, outcomes
    assert "Chỉ phê duyệt biên chế đã được thẩm định." in refused[0].messages
    stored = StaffingQuota.objects.unrestricted().get(pk=quota.pk)
    assert stored.status == Workflow.APPROVED
    assert stored.decision_number == decided[0].decision_number
    decisions = AuditEvent.objects.filter(target_id=str(quota.pk), event_type="staffing.quota_decided")
    assert decisions.count() == 1
