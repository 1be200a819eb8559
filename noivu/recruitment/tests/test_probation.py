"""The end of probation (kết thúc tập sự): passed, the person is appointed to the rank from the decision;
failed, the recruitment is cancelled or the contract ends and the assignment ends that day; each with
the rule of the staff kind in force on the decision date, within the user's scope."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from conftest import make_person
from noivu.personnel.dossier.models import RankHistory
from noivu.personnel.models import Assignment
from noivu.recruitment import actions
from noivu.recruitment.models import Probation

pytestmark = pytest.mark.django_db


def probation_of(person, start: dt.date = dt.date(2026, 3, 1)) -> Probation:
    return Probation.objects.create(
        person=person,
        starts_on=start,
        ends_on=dt.date(start.year + 1, start.month, 1) - dt.timedelta(days=1),
        months=12,
    )


def test_until_july_2025_a_civil_servant_who_passed_is_appointed_to_the_rank_after_the_last_day(
    tree, hr_a, approver_a
):
    row = probation_of(make_person(tree["dept_a"], "Nguyễn Văn Một"), start=dt.date(2024, 3, 1))
    end = {"outcome": "passed", "decision_number": "40/QĐ", "rank_code": "01.003"}
    with pytest.raises(ValidationError, match="Tập sự kết thúc ngày 28/02/2025"):
        actions.do_end_probation(probation=row, decided_on=dt.date(2025, 2, 28), acting_user=hr_a, **end)
    with pytest.raises(PermissionDenied):  # the approver signs; the HR officer records the rank
        actions.do_end_probation(probation=row, decided_on=dt.date(2025, 3, 1), acting_user=approver_a, **end)
    actions.do_end_probation(probation=row, decided_on=dt.date(2025, 3, 1), acting_user=hr_a, **end)
    row.refresh_from_db()
    assert (row.outcome, row.consequence) == ("passed", "Bổ nhiệm vào ngạch công chức")
    assert row.legal_basis.startswith("138/2020/NĐ-CP")
    rank = RankHistory.objects.get(person=row.person)
    assert (rank.rank_code, rank.effective_from, rank.decision_number) == (
        "01.003",
        dt.date(2025, 3, 1),
        "40/QĐ",
    )
    with pytest.raises(ValidationError, match="đã có kết quả"):
        actions.do_end_probation(probation=row, decided_on=dt.date(2025, 3, 2), acting_user=hr_a, **end)


def test_from_july_2025_a_civil_servant_on_probation_is_placed_in_the_rank_at_once(tree, hr_a):
    """Nghị định 170/2025/NĐ-CP Điều 70 khoản 4: a probation begun on 01/3/2025 (ending 28/02/2026) ends by
    placement in the rank on 01/7/2025; it cannot be failed, having run 4 months (not 6) by 30/6/2025."""
    row = probation_of(make_person(tree["dept_a"], "Nguyễn Văn Bốn"), start=dt.date(2025, 3, 1))
    end = {"decided_on": dt.date(2025, 7, 1), "decision_number": "5/QĐ", "acting_user": hr_a}
    with pytest.raises(ValidationError, match="Chưa tập sự đủ 6 tháng đến ngày 30/06/2025"):
        actions.do_end_probation(probation=row, outcome="failed", **end)
    actions.do_end_probation(probation=row, outcome="passed", rank_code="01.003", **end)
    row.refresh_from_db()
    assert row.consequence == "Xếp vào ngạch công chức tương ứng với vị trí việc làm tuyển dụng"
    assert row.legal_basis.startswith("170/2025/NĐ-CP") and "Điều 70 khoản 4" in row.legal_basis
    assert RankHistory.objects.get(person=row.person).effective_from == dt.date(2025, 7, 1)


def test_from_july_2025_a_civil_servants_recruitment_is_cancelled_only_after_six_months_served(tree, hr_a):
    # Begun 01/01/2025: 6 months served on 30/6/2025, judged not to meet the requirements under 138/2020.
    row = probation_of(make_person(tree["dept_a"], "Nguyễn Văn Năm"), start=dt.date(2025, 1, 1))
    actions.do_end_probation(
        probation=row,
        outcome="failed",
        decided_on=dt.date(2025, 7, 2),
        decision_number="6/QĐ",
        acting_user=hr_a,
    )
    row.refresh_from_db()
    assert row.consequence.startswith("Hủy bỏ quyết định tuyển dụng")
    assert Assignment.objects.get(person=row.person).effective_to == dt.date(2025, 7, 2)


def test_before_july_2025_a_civil_servants_probation_ends_under_decree_138(tree, hr_a):
    row = probation_of(make_person(tree["dept_a"], "Nguyễn Văn Hai"), start=dt.date(2024, 1, 1))
    actions.do_end_probation(
        probation=row,
        outcome="passed",
        decided_on=dt.date(2025, 1, 2),
        decision_number="2/QĐ",
        rank_code="01.003",
        acting_user=hr_a,
    )
    row.refresh_from_db()
    assert row.legal_basis.startswith("138/2020/NĐ-CP") and "116/2024/NĐ-CP" in row.legal_basis


def test_a_public_employee_who_failed_has_the_contract_ended_and_leaves_the_assignment(tree, hr_a):
    person = make_person(tree["dept_a"], "Trần Thị Ba", category="public_employee")
    row = probation_of(person)
    actions.do_end_probation(
        probation=row,
        outcome="failed",
        decided_on=dt.date(2026, 9, 30),
        decision_number="7/QĐ",
        acting_user=hr_a,
    )
    row.refresh_from_db()
    assert (row.outcome, row.consequence) == (
        "failed",
        "Chấm dứt hợp đồng làm việc, hủy bỏ quyết định tuyển dụng",
    )
    assert row.legal_basis.startswith("115/2020/NĐ-CP") and "85/2023/NĐ-CP" in row.legal_basis
    assert Assignment.objects.get(person=person).effective_to == dt.date(2026, 9, 30)
    assert not RankHistory.objects.filter(person=person).exists()


def test_the_page_offers_the_form_to_the_hr_officer_of_the_scope_only(client, tree, hr_a, hr_b, approver_a):
    row = probation_of(make_person(tree["dept_a"], "Nguyễn Văn Một"))
    url = f"/recruitment/probations/{row.pk}/"
    client.force_login(approver_a)
    assert 'id="probation-form"' not in client.get(url).content.decode()
    client.force_login(hr_b)
    assert client.get(url).status_code == 404
    client.force_login(hr_a)
    assert "Nguyễn Văn Một" in client.get("/recruitment/probations/").content.decode()
    body = {
        "outcome": "passed",
        "decided_on": "01/03/2027",
        "decision_number": "40/QĐ",
        "rank_code": "01.003",
    }
    assert client.post(url, body).status_code == 302
    text = client.get(url).content.decode()
    assert "Xếp vào ngạch công chức tương ứng với vị trí việc làm tuyển dụng" in text
    assert "170/2025/NĐ-CP" in text


def test_the_api_records_the_end_and_names_a_refusal(client, tree, hr_a):
    row = probation_of(make_person(tree["dept_a"], "Nguyễn Văn Một"))
    client.force_login(hr_a)
    url = f"/api/v1/recruitment/probations/{row.pk}/end"
    body = {"outcome": "passed", "decided_on": "2027-03-01", "decision_number": "40/QĐ"}
    refused = client.post(url, body, content_type="application/json")
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "rank_code"
    done = client.post(url, {**body, "rank_code": "01.003"}, content_type="application/json")
    assert done.status_code == 200
    assert done.json()["consequence"] == "Xếp vào ngạch công chức tương ứng với vị trí việc làm tuyển dụng"
    listed = client.get("/api/v1/recruitment/probations").json()
    assert [(p["id"], p["outcome"]) for p in listed["items"]] == [(row.pk, "passed")]


def test_a_public_employee_who_passed_is_appointed_to_a_title_named_on_the_form_when_the_table_lacks_it(
    client, tree, hr_a
):
    """Professional titles (V.xx.xx.xx) are set by each sector's circular, which the rank table does not
    list: the page asks for the title's name rather than refusing the appointment."""
    person = make_person(tree["dept_a"], "Lê Thị Sáu", category="public_employee")
    row = probation_of(person, start=dt.date(2025, 9, 1))
    client.force_login(hr_a)
    url = f"/recruitment/probations/{row.pk}/"
    form = {
        "outcome": "passed",
        "decided_on": "01/09/2026",
        "decision_number": "9/QĐ",
        "rank_code": "V.07.03.28",
    }

    refused = client.post(url, form).content.decode()
    assert "Thiếu tên ngạch." in refused
    assert not RankHistory.objects.filter(person=person).exists()

    client.post(url, {**form, "rank_name": "Giáo viên tiểu học hạng II"})
    rank = RankHistory.objects.get(person=person)
    assert (rank.rank_code, rank.rank_name, rank.effective_from) == (
        "V.07.03.28",
        "Giáo viên tiểu học hạng II",
        dt.date(2026, 9, 1),
    )
