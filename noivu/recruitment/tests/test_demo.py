"""The demo's recruitment round: an approved plan whose exam was held, with scores, a refused candidate and
a pending appeal, in an agency whose approved positions are vacant."""

import datetime as dt

import pytest

from noivu.core.extensions import DemoContext
from noivu.recruitment import demo
from noivu.recruitment.models import Appeal, Candidate, RecruitmentPlan
from noivu.recruitment.tests import factories

pytestmark = pytest.mark.django_db


def test_the_demo_writes_a_round_in_progress_and_clears_it(tree):
    factories.approved_project(tree["dept_a"], {"budget": 2})
    context = DemoContext(
        size="small",
        seed=1,
        as_of=dt.date(2026, 6, 1),
        province_code="T01",
        root_path=tree["province_a"].path,
        persons=0,
        progress=lambda line: None,
    )
    assert "12 thí sinh" in demo.load(context)
    plan = RecruitmentPlan.objects.get()
    # Applications closed before the exam, and the scores were entered after it.
    assert plan.approval_date < plan.applications_open <= plan.applications_close < plan.exam_date
    assert plan.exam_date < context.as_of
    assert Candidate.objects.filter(status="ineligible").count() == 1
    assert Appeal.objects.filter(status="pending").count() == 1
    demo.clear(tree["province_a"].path)
    assert not RecruitmentPlan.objects.exists()
