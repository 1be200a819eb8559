"""Receiving without an exam (tiếp nhận): the group of the decree in force on the plan's day is required,
its conditions are vetted with each failure naming the article (Nghị định 170/2025/NĐ-CP Điều 13 for civil
servants, 115/2020/NĐ-CP Điều 13 as amended by 85/2023 for public employees), and the vetted applications
within the quota are received without scores."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from noivu.recruitment import actions
from noivu.recruitment.tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(tree):
    return factories.plan(tree["dept_a"], method="admission", quota=1)


def add(plan, hr, **values):
    position = plan.positions.get()
    return actions.do_add_candidate(
        plan=plan, position=position, values={**factories.APPLICANT, **values}, acting_user=hr
    )


def test_an_admission_needs_a_group_of_the_decree_in_force(plan, hr_a):
    with pytest.raises(ValidationError, match="Cần đối tượng tiếp nhận.*b\\) Viên chức"):
        add(plan, hr_a)
    with pytest.raises(ValidationError, match="Cần đối tượng tiếp nhận"):
        add(plan, hr_a, admission_group="experienced")  # a public employees' group
    exam = factories.plan(plan.organization, title="Thi tuyển")
    with pytest.raises(ValidationError, match="Chỉ hồ sơ của kế hoạch tiếp nhận"):
        add(exam, hr_a, admission_group="public_employee")


def test_each_unmet_condition_is_kept_as_a_reason_naming_the_article(plan, hr_a):
    short = add(plan, hr_a, admission_group="public_employee", work_months=59)
    assert short.status == "ineligible"
    assert short.ineligibility == [
        "Chưa đủ 60 tháng công tác phù hợp của đối tượng «b) Viên chức công tác tại đơn vị sự nghiệp công "
        "lập» (có 59 tháng) — 170/2025/NĐ-CP, Điều 13.",
        "Chưa có điều kiện «Không trong thời hạn xử lý kỷ luật hoặc thi hành quyết định kỷ luật» — "
        "170/2025/NĐ-CP, Điều 13.",
    ]
    # A former civil servant moved by decision needs the decision, not the five years (điểm c khoản 3).
    moved = add(
        plan,
        hr_a,
        cccd_number="001098000007",
        birth_date=dt.date(1998, 1, 1),
        gender="M",
        admission_group="former_official",
        admission_conditions=["transfer_decision", "no_discipline"],
    )
    assert (moved.status, moved.ineligibility) == ("eligible", [])


def test_a_doctor_abroad_needs_the_doctorate_and_three_years(plan, hr_a):
    plan.staff_kind = "public_employee"
    plan.save()
    doctor = add(plan, hr_a, admission_group="doctor_abroad", work_months=36)
    assert doctor.status == "ineligible"
    assert doctor.ineligibility == [
        "Đối tượng «d) Tiến sĩ làm việc tại tổ chức ở nước ngoài hoặc tổ chức nước ngoài, có 03 năm công tác "
        "phù hợp» cần trình độ Tiến sĩ trở lên — 115/2020/NĐ-CP, Điều 13 khoản 1 (sửa đổi bởi Nghị "
        "định 85/2023/NĐ-CP)."
    ]


def test_vetted_applications_within_the_quota_are_received_without_scores(plan, hr_a, approver_a):
    received = add(
        plan, hr_a, admission_group="public_employee", work_months=72, admission_conditions=["no_discipline"]
    )
    add(
        plan,
        hr_a,
        cccd_number="001098000007",
        birth_date=dt.date(1998, 1, 1),
        gender="M",
        admission_group="public_employee",
    )
    passed = actions.do_recognise_results(
        plan=plan, result_number="20/QĐ", result_date=dt.date(2027, 1, 25), acting_user=approver_a
    )
    assert [c.pk for c in passed] == [received.pk]


def test_the_groups_are_named_in_english_on_the_english_interface_never_by_code(client, plan, hr_a):
    received = add(
        plan, hr_a, admission_group="public_employee", work_months=72, admission_conditions=["no_discipline"]
    )
    client.force_login(hr_a)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    form = client.get(f"/recruitment/plans/{plan.pk}/").content.decode()
    assert "b) Public employees of public service units" in form
    assert "Viên chức công tác" not in form
    page = client.get(f"/recruitment/candidates/{received.pk}/").content.decode()
    assert "b) Public employees of public service units · 72 months of fitting work" in page
    assert "Not within a disciplinary period or serving a disciplinary decision" in page
    assert "public_employee" not in page and "Vòng" not in page
