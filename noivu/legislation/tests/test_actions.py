import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from noivu.core.models import AuditEvent, LegalBasis
from noivu.legislation.actions import (
    do_add_document,
    do_complete_step,
    do_link_legal_basis,
    do_record_amendment,
)
from noivu.legislation.models import DraftDocument, Step
from noivu.legislation.tests.factories import document, programme

TODAY = dt.date(2026, 11, 30)


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr("noivu.core.dates.today", lambda: TODAY)


@pytest.mark.django_db
def test_a_document_is_planned_backwards_from_its_deadline_with_the_step_durations(tree, hr_a):
    found = document(programme(tree["province_a"], hr_a), tree["dept_a"], hr_a, dt.date(2027, 3, 31))
    planned = {step.step: step.planned_on for step in found.steps.all()}
    # drafting_step_days: consultation 30, appraisal 20, submission 10, signature 10, publication 3.
    assert planned == {
        "drafting": dt.date(2027, 3, 31) - dt.timedelta(days=70),
        "consultation": dt.date(2027, 3, 31) - dt.timedelta(days=40),
        "appraisal": dt.date(2027, 3, 31) - dt.timedelta(days=20),
        "submission": dt.date(2027, 3, 21),
        "signature": dt.date(2027, 3, 31),
        "publication": dt.date(2027, 4, 3),
    }
    assert AuditEvent.objects.filter(
        event_type="legislation.document_added", target_id=str(found.pk)
    ).exists()
    assert found.history.get().history_user == hr_a


@pytest.mark.django_db
def test_a_document_without_drafting_agency_or_deadline_is_refused_naming_the_fields(tree, hr_a):
    plan = programme(tree["province_a"], hr_a)
    with pytest.raises(ValidationError) as error:
        do_add_document(
            programme=plan,
            organization=None,
            kind="decree",
            title="Nghị định",
            deadline=None,
            acting_user=hr_a,
        )
    assert error.value.message_dict == {
        "organization": ["Văn bản phải có cơ quan chủ trì soạn thảo."],
        "deadline": ["Văn bản phải có hạn ban hành."],
    }
    assert not DraftDocument.objects.exists()


@pytest.mark.django_db
def test_documents_are_added_only_within_the_users_scope_and_role(tree, hr_a, leader_a):
    plan = programme(tree["province_a"], hr_a)
    with pytest.raises(PermissionDenied):
        document(plan, tree["dept_b"], hr_a, dt.date(2027, 1, 1))
    with pytest.raises(PermissionDenied):
        document(plan, tree["dept_a"], leader_a, dt.date(2027, 1, 1))
    assert not DraftDocument.objects.exists()


@pytest.mark.django_db
def test_steps_are_done_in_order_and_the_signature_issues_the_document_and_links_its_bases(tree, hr_a):
    found = document(programme(tree["province_a"], hr_a), tree["dept_a"], hr_a, dt.date(2027, 3, 31))
    with pytest.raises(ValidationError, match="Soạn thảo"):
        do_complete_step(
            document=found, step=Step.CONSULTATION, done_on=dt.date(2026, 11, 1), acting_user=hr_a
        )
    for step, day in (("drafting", 1), ("consultation", 5), ("appraisal", 10), ("submission", 15)):
        do_complete_step(document=found, step=step, done_on=dt.date(2026, 11, day), acting_user=hr_a)
    with pytest.raises(ValidationError) as error:
        do_complete_step(document=found, step=Step.SIGNATURE, done_on=dt.date(2026, 11, 20), acting_user=hr_a)
    assert "number" in error.value.message_dict
    basis = LegalBasis.objects.create(document_number="01/2026/QĐ-UBND", article="Điều 3")
    do_complete_step(
        document=found,
        step=Step.SIGNATURE,
        done_on=dt.date(2026, 11, 20),
        number="01/2026/QĐ-UBND",
        acting_user=hr_a,
    )
    found.refresh_from_db()
    assert (found.number, found.issued_on, found.step) == (
        "01/2026/QĐ-UBND",
        dt.date(2026, 11, 20),
        "publication",
    )
    assert list(found.legal_bases.all()) == [basis]
    assert AuditEvent.objects.filter(event_type="legislation.step_completed").count() == 5


@pytest.mark.django_db
def test_a_step_cannot_be_dated_before_the_previous_one_or_in_the_future(tree, hr_a):
    found = document(programme(tree["province_a"], hr_a), tree["dept_a"], hr_a, dt.date(2027, 3, 31))
    do_complete_step(document=found, step="drafting", done_on=dt.date(2026, 11, 10), acting_user=hr_a)
    with pytest.raises(ValidationError, match="10/11/2026"):
        do_complete_step(document=found, step="consultation", done_on=dt.date(2026, 11, 9), acting_user=hr_a)
    with pytest.raises(ValidationError, match="sau hôm nay"):
        do_complete_step(document=found, step="consultation", done_on=dt.date(2026, 12, 9), acting_user=hr_a)


def _issued(tree, user, issued_on=dt.date(2024, 1, 1)):
    found = document(programme(tree["province_a"], user), tree["dept_a"], user, issued_on)
    found.number, found.issued_on = "05/2024/QĐ-UBND", issued_on
    found.save()
    return found


@pytest.mark.django_db
def test_an_amendment_records_the_time_from_issue(tree, hr_a):
    found = _issued(tree, hr_a)
    amendment = do_record_amendment(
        document=found,
        kind="amended",
        by_number="12/2025/QĐ-UBND",
        issued_on=dt.date(2025, 3, 1),
        acting_user=hr_a,
    )
    assert amendment.days_after_issue == 425
    with pytest.raises(ValidationError, match="01/01/2024"):
        do_record_amendment(
            document=found,
            kind="replaced",
            by_number="1/2023",
            issued_on=dt.date(2023, 3, 1),
            acting_user=hr_a,
        )


@pytest.mark.django_db
def test_only_an_issued_document_is_amended_or_linked_to_a_legal_basis(tree, hr_a):
    found = document(programme(tree["province_a"], hr_a), tree["dept_a"], hr_a, dt.date(2027, 3, 31))
    with pytest.raises(ValidationError):
        do_record_amendment(
            document=found,
            kind="amended",
            by_number="1/2027",
            issued_on=dt.date(2027, 5, 1),
            acting_user=hr_a,
        )
    basis = LegalBasis.objects.create(document_number="73/2024/NĐ-CP", article="Điều 3")
    with pytest.raises(ValidationError):
        do_link_legal_basis(document=found, legal_basis=basis, acting_user=hr_a)
