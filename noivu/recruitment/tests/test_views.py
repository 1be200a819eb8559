"""The pages: the public application page (no account, honeypot, time check, rate limit), the score form
naming its error, and the results page explaining each row."""

import datetime as dt
import time

import pytest
from django.core import signing
from django.test import Client

from conftest import make_person
from noivu.recruitment.models import Candidate, TalentGrant
from noivu.recruitment.tests import factories
from noivu.recruitment.views import SIGNER_SALT

pytestmark = pytest.mark.django_db


def shown(seconds_ago: int) -> str:
    """The signed time stamp of a form shown ``seconds_ago``."""

    class Earlier(signing.TimestampSigner):
        def timestamp(self) -> str:
            return signing.b62_encode(int(time.time()) - seconds_ago)

    return Earlier(salt=SIGNER_SALT).sign("form")


def application(plan, **changes) -> dict:
    data = {
        "position": plan.positions.get().pk,
        "full_name": "Phạm Thị Hoa",
        "birth_date": "01/05/1999",
        "gender": "F",
        "cccd_number": "001199000111",
        "email": "hoa@example.com",
        "qualification": "university",
        "documents": ["application_form"],
        "website": "",
        "shown": shown(60),
    }
    return {**data, **changes}


def test_anyone_applies_on_the_public_page_without_an_account(tree):
    plan = factories.plan(tree["dept_a"])
    client = Client()
    assert client.get(f"/recruitment/apply/{plan.pk}/").status_code == 200
    response = client.post(f"/recruitment/apply/{plan.pk}/", application(plan))
    assert response.status_code == 200
    candidate = Candidate.objects.get()
    assert (candidate.source, candidate.status) == ("public", "eligible")
    assert "Đã nhận hồ sơ của Phạm Thị Hoa" in response.content.decode()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"website": "http://spam.example"}, "Không gửi được hồ sơ"),
        ({"shown": "just now"}, "gửi quá nhanh"),
        ({"shown": "form:forged"}, "hết hạn"),
        ({"cccd_number": "001099000111"}, "không khớp giới tính"),
    ],
)
def test_spam_and_bad_input_are_refused_and_nothing_is_written(tree, changes, message):
    plan = factories.plan(tree["dept_a"])
    if changes.get("shown") == "just now":
        changes = {"shown": shown(0)}
    response = Client().post(f"/recruitment/apply/{plan.pk}/", application(plan, **changes))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Candidate.objects.exists()


def test_the_public_page_limits_submissions_per_address(tree, settings):
    settings.RECRUITMENT_APPLY_PER_HOUR = 1
    plan = factories.plan(tree["dept_a"])
    client = Client(REMOTE_ADDR="203.0.113.9")
    client.post(f"/recruitment/apply/{plan.pk}/", application(plan))
    response = client.post(f"/recruitment/apply/{plan.pk}/", application(plan, cccd_number="001199000112"))
    assert response.status_code == 429
    assert Candidate.objects.count() == 1


def test_a_plan_not_yet_approved_has_no_public_page(tree):
    plan = factories.plan(tree["dept_a"], status="draft")
    assert Client().get(f"/recruitment/apply/{plan.pk}/").status_code == 404


def test_a_score_off_the_scale_is_named_on_the_form(client, tree, hr_a):
    plan = factories.plan(tree["dept_a"])
    candidate = factories.candidate(plan, "Nguyễn Văn Một", "001098000001")
    client.force_login(hr_a)
    response = client.post(
        f"/recruitment/candidates/{candidate.pk}/",
        {"step": "score", "part": "professional", "entry": "1", "value": "105"},
    )
    assert response.status_code == 200
    assert "Điểm 105 ngoài thang điểm 100" in response.content.decode()


def test_the_results_page_explains_each_row_and_another_province_sees_nothing(client, tree, hr_a, hr_b):
    plan = factories.plan(tree["dept_a"], quota=1)
    factories.candidate(
        plan, "Nguyễn Văn Một", "001098000001", score=81, priority_grounds=["ethnic_minority"]
    )
    client.force_login(hr_a)
    text = client.get(f"/recruitment/plans/{plan.pk}/results/").content.decode()
    assert "86,0" in text and "Trúng tuyển" in text and "170/2025/NĐ-CP" in text
    client.force_login(hr_b)
    assert client.get(f"/recruitment/plans/{plan.pk}/results/").status_code == 404


def test_only_the_approver_is_offered_and_may_record_the_recognition_of_the_results(
    client, tree, hr_a, approver_a
):
    plan = factories.plan(tree["dept_a"], quota=1)
    factories.candidate(plan, "Nguyễn Văn Một", "001098000001", score=81)
    url = f"/recruitment/plans/{plan.pk}/results/"
    body = {"step": "recognise", "result_number": "20/QĐ", "result_date": "25/01/2027"}
    client.force_login(hr_a)
    assert 'id="recognition-form"' not in client.get(url).content.decode()
    assert client.post(url, body).status_code == 403
    plan.refresh_from_db()
    assert plan.status == "approved"
    client.force_login(approver_a)
    assert 'id="recognition-form"' in client.get(url).content.decode()
    assert client.post(url, body).status_code == 302
    plan.refresh_from_db()
    assert (plan.status, plan.result_number) == ("recognised", "20/QĐ")


def test_a_talent_grant_is_recorded_from_the_person_and_shown_on_the_record(client, tree, hr_a):
    person = make_person(tree["dept_a"], "Trần Minh Khoa", birth_date=dt.date(1996, 3, 10))
    client.force_login(hr_a)
    record = client.get(f"/persons/{person.pk}/")
    assert b'id="record-talent-link"' in record.content
    url = f"/recruitment/people/{person.pk}/talent/new/"
    assert client.get(url).status_code == 200
    refused = client.post(
        url,
        {
            "track": "excellent_graduate",
            "granted_on": "01/09/2020",
            "decision_number": "12/QĐ",
            "conditions": ["school_prize"],
            "incentives": ["Xét tuyển không qua thi"],
        },
    )
    assert refused.status_code == 200
    assert "Chưa đáp ứng điều kiện bắt buộc" in refused.content.decode()
    assert not TalentGrant.objects.exists()
    done = client.post(
        url,
        {
            "track": "excellent_graduate",
            "granted_on": "01/09/2020",
            "decision_number": "12/QĐ",
            "conditions": ["excellent_degree", "school_prize"],
            "incentives": ["Xét tuyển không qua thi"],
        },
    )
    assert done.status_code == 302
    grant = TalentGrant.objects.get()
    assert grant.conditions == ["excellent_degree", "school_prize"]
    page = client.get(f"/persons/{person.pk}/").content.decode()
    assert 'id="record-talent"' in page and "Sinh viên tốt nghiệp xuất sắc" in page
    listing = client.get("/recruitment/talent/?track=excellent_graduate").content.decode()
    assert "Trần Minh Khoa" in listing and "01/09/2020" in listing
    assert "Trần Minh Khoa" not in client.get("/recruitment/talent/?track=expert").content.decode()


def test_the_talent_list_keeps_to_the_scope_and_the_form_to_those_who_may_change(client, tree, hr_a):
    outsider = make_person(tree["dept_b"], "Hoàng Văn Ngoài", birth_date=dt.date(1996, 3, 10))
    TalentGrant.objects.create(
        person=outsider, track="expert", conditions=["results_fit_position"], granted_on=dt.date(2026, 1, 5)
    )
    client.force_login(hr_a)
    assert "Hoàng Văn Ngoài" not in client.get("/recruitment/talent/").content.decode()
    assert client.get(f"/recruitment/people/{outsider.pk}/talent/new/").status_code == 404


def test_talent_tracks_and_priority_grounds_read_in_english_on_the_english_interface(client, tree, hr_a):
    person = make_person(tree["dept_a"], "Trần Minh Khoa", birth_date=dt.date(1996, 3, 10))
    plan = factories.plan(tree["dept_a"], quota=1)
    candidate = factories.candidate(
        plan, "Nguyễn Văn Một", "001098000001", score=81, priority_grounds=["ethnic_minority"]
    )
    client.force_login(hr_a)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    refused = client.post(
        f"/recruitment/people/{person.pk}/talent/new/",
        {
            "track": "expert",
            "granted_on": "01/09/2025",
            "decision_number": "12/QĐ",
            "incentives": ["Phụ cấp thu hút"],
        },
    ).content.decode()
    assert "Experts, scientists, jurists and able entrepreneurs" in refused
    assert "Results or products fitting the position" in refused
    assert "Chuyên gia, nhà khoa học" not in refused
    done = client.post(
        f"/recruitment/people/{person.pk}/talent/new/",
        {
            "track": "expert",
            "granted_on": "01/09/2025",
            "decision_number": "12/QĐ",
            "conditions": ["results_fit_position"],
            "incentives": ["Phụ cấp thu hút"],
        },
    )
    assert done.status_code == 302
    assert TalentGrant.objects.get().incentives == ["Phụ cấp thu hút"]
    listing = client.get("/recruitment/talent/").content.decode()
    assert "Attraction allowance" in listing and "Phụ cấp thu hút" not in listing
    assert "Experts, scientists, jurists and able entrepreneurs" in listing
    page = client.get(f"/recruitment/candidates/{candidate.pk}/").content.decode()
    assert "Members of ethnic minorities" in page and "Người dân tộc thiểu số" not in page


def test_an_appeal_is_offered_only_for_a_part_that_has_its_score_and_none_pending(client, tree, hr_a):
    plan = factories.plan(tree["dept_a"], quota=1)
    unscored = factories.candidate(plan, "Nguyễn Văn Một", "001098000001", status="ineligible")
    scored = factories.candidate(plan, "Nguyễn Văn Hai", "001098000002", score=81)
    client.force_login(hr_a)
    assert 'id="appeal-form"' not in client.get(f"/recruitment/candidates/{unscored.pk}/").content.decode()
    url = f"/recruitment/candidates/{scored.pk}/"
    page = client.get(url).content.decode()
    assert 'id="appeal-form"' in page and 'value="professional"' in page
    filed = client.post(
        url, {"step": "appeal", "appeal-part": "professional", "appeal-requested_on": "15/01/2027"}
    )
    assert filed.status_code == 302
    assert 'id="appeal-form"' not in client.get(url).content.decode()
