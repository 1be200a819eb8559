"""The demo's recruitment round: an approved plan whose exam was held, with scores, a refused candidate and
a pending appeal, in an agency whose approved positions are vacant."""

import datetime as dt

import pytest

from conftest import make_person
from noivu.core.extensions import DemoContext
from noivu.personnel.models import Person
from noivu.recruitment import demo
from noivu.recruitment.models import Appeal, Candidate, Probation, RecruitmentPlan, TalentGrant
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
    recent = make_person(tree["dept_a"], "Lê Thị Mới", category="public_employee")
    earlier = make_person(tree["dept_a"], "Lê Văn Cũ", category="public_employee")
    civil = make_person(tree["dept_a"], "Lê Văn Công")
    Person.objects.filter(pk=recent.pk).update(recruited_on=dt.date(2026, 1, 5))
    Person.objects.filter(pk=earlier.pk).update(recruited_on=dt.date(2024, 1, 5))
    Person.objects.filter(pk=civil.pk).update(recruited_on=dt.date(2026, 1, 5))
    # Aged 24 when recruited under 140/2017 (limit 25), 29 under 179/2024 (limit 30); the third too old.
    graduate = make_person(tree["dept_a"], "Vũ Thu Hà", birth_date=dt.date(1995, 6, 1))
    Person.objects.filter(pk=graduate.pk).update(recruited_on=dt.date(2019, 9, 1))
    young = make_person(tree["dept_a"], "Vũ Minh Nam", birth_date=dt.date(1996, 2, 1))
    Person.objects.filter(pk=young.pk).update(recruited_on=dt.date(2025, 3, 1))
    summary = demo.load(context)
    assert "12 thí sinh" in summary and "1 người đang hoặc vừa hết tập sự" in summary
    assert "2 người diện thu hút tài năng" in summary
    grants = {row.person_id: row for row in TalentGrant.objects.all()}
    assert set(grants) == {graduate.pk, young.pk}
    assert grants[graduate.pk].legal_basis.startswith("140/2017/NĐ-CP")
    assert grants[graduate.pk].conditions == ["excellent_degree", "olympiad_prize"]
    assert grants[young.pk].legal_basis.startswith("179/2024/NĐ-CP")
    # Only the public employee recruited lately is on probation: 12 months (115/2020 Điều 21).
    probation = Probation.objects.get()
    assert (probation.person, probation.starts_on, probation.ends_on) == (
        recent,
        dt.date(2026, 1, 5),
        dt.date(2027, 1, 4),
    )
    assert probation.legal_basis.startswith("115/2020/NĐ-CP")
    plan = RecruitmentPlan.objects.get()
    # Applications closed before the exam, and the scores were entered after it.
    assert plan.approval_date < plan.applications_open <= plan.applications_close < plan.exam_date
    assert plan.exam_date < context.as_of
    assert Candidate.objects.filter(status="ineligible").count() == 1
    assert Appeal.objects.filter(status="pending").count() == 1
    demo.clear(tree["province_a"].path)
    assert not RecruitmentPlan.objects.exists() and not Probation.objects.exists()
    assert not TalentGrant.objects.exists()
