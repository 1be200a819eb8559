import datetime as dt

import pytest

from noivu.legislation.actions import do_complete_step, do_record_amendment
from noivu.legislation.models import DraftDocument
from noivu.legislation.progress import amendment_indicator, flag, progress, with_flags
from noivu.legislation.tests.factories import document, programme

TODAY = dt.date(2026, 11, 30)


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr("noivu.core.dates.today", lambda: TODAY)


@pytest.fixture
def documents(tree, hr_a):
    plan = programme(tree["province_a"], hr_a)
    made = {
        # Deadline passed, not signed.
        "overdue": document(plan, tree["dept_a"], hr_a, TODAY - dt.timedelta(days=1), "Quá hạn"),
        # Drafting must end 70 days before the deadline: 10 days from today, within the 14-day margin.
        "at_risk": document(plan, tree["dept_a"], hr_a, TODAY + dt.timedelta(days=80), "Nguy cơ"),
        # 100 days before its first step is due.
        "on_track": document(plan, tree["dept_a"], hr_a, TODAY + dt.timedelta(days=170), "Đúng hạn"),
        "issued": document(plan, tree["dept_a"], hr_a, TODAY - dt.timedelta(days=400), "Đã ban hành"),
    }
    issued = made["issued"]
    for step in ("drafting", "consultation", "appraisal", "submission"):
        do_complete_step(document=issued, step=step, done_on=TODAY - dt.timedelta(days=500), acting_user=hr_a)
    do_complete_step(
        document=issued,
        step="signature",
        done_on=TODAY - dt.timedelta(days=400),
        number="9/2025",
        acting_user=hr_a,
    )
    return made


@pytest.mark.django_db
def test_documents_are_flagged_overdue_at_risk_on_track_or_issued(documents):
    flagged = {d.title: flag(d, TODAY) for d in with_flags(DraftDocument.objects.all(), TODAY)}
    assert flagged == {
        "Quá hạn": "overdue",
        "Nguy cơ": "at_risk",
        "Đúng hạn": "on_track",
        "Đã ban hành": "issued",
    }


@pytest.mark.django_db
def test_a_document_at_risk_is_back_on_track_once_its_late_step_is_done(documents, hr_a):
    do_complete_step(document=documents["at_risk"], step="drafting", done_on=TODAY, acting_user=hr_a)
    found = with_flags(DraftDocument.objects.all(), TODAY).get(pk=documents["at_risk"].pk)
    assert flag(found, TODAY) == "on_track"  # consultation is due 40 days before the deadline


@pytest.mark.django_db
def test_programme_progress_counts_each_state(documents):
    result = progress(DraftDocument.objects.all(), TODAY)
    assert (result.total, result.issued, result.overdue, result.at_risk, result.on_track) == (4, 1, 1, 1, 1)
    assert result.by_step == {"drafting": 3}


@pytest.mark.django_db
def test_the_amendment_indicator_takes_the_first_amendment_of_each_issued_document(documents, hr_a):
    issued = documents["issued"]
    issued.refresh_from_db()
    for days, number in ((200, "A"), (300, "B")):
        do_record_amendment(
            document=issued,
            kind="amended",
            by_number=number,
            issued_on=issued.issued_on + dt.timedelta(days=days),
            acting_user=hr_a,
        )
    indicator = amendment_indicator(DraftDocument.objects.all())
    assert (indicator.issued, indicator.amended, indicator.median_days, indicator.within_two_years) == (
        1,
        1,
        200,
        1,
    )
    assert indicator.percent_amended == 100
