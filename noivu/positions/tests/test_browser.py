"""An agency's job-position project in a real browser: drafted by the HR officer, returned by the appraiser
with a comment on a position, corrected with its change shown, approved by a decision; the gap analysis and
the campaign dashboard then reflect it. The Ministry's officer edits a catalogue position and sees the change
in its history."""

import datetime as dt

import pytest
from playwright.sync_api import Page, expect

from conftest import make_org, make_person, make_user
from noivu.core.permissions import Role
from noivu.organizations.models import OrganizationKind, OrganizationLevel
from noivu.personnel.dossier.models import RankHistory
from noivu.positions.models import Campaign, CatalogPosition, LeadershipRole, PositionGroup
from noivu.staffing.models import StaffingQuota, Workflow
from noivu.tests.axe import axe_violations


def add_position(page: Page, label: str, headcount: str, rank: str) -> None:
    page.select_option("#id_catalog", label=label)
    page.fill("#id_headcount", headcount)
    page.fill("#id_rank_code", rank)
    page.click("#position-form button[type=submit]")
    expect(page.locator(".notification.is-success").first).to_contain_text("Đã ghi vị trí")


def place(page: Page, person: str, position: str) -> None:
    page.select_option("#id_person", label=person)
    page.select_option("#id_position", label=position)
    page.click("#place-form button[type=submit]")


@pytest.mark.browser
def test_project_from_draft_through_a_return_to_approval(page: Page, live_server, log_in):
    province = make_org(
        None, "T01", "UBND tỉnh A", OrganizationKind.PROVINCE_COMMITTEE, OrganizationLevel.PROVINCE
    )
    agency = make_org(
        province, "T01-STC", "Sở Tài chính tỉnh A", OrganizationKind.DEPARTMENT, OrganizationLevel.PROVINCE
    )
    division = make_org(
        agency, "T01-STC-01", "Phòng Ngân sách", OrganizationKind.DIVISION, OrganizationLevel.PROVINCE
    )
    director = make_person(agency, "Nguyễn Văn Giám")
    specialist = make_person(division, "Trần Thị Chuyên")
    for person, code in ((director, "01.002"), (specialist, "01.003")):
        RankHistory.objects.create(person=person, rank_code=code, effective_from=dt.date(2015, 1, 1))
    StaffingQuota.objects.create(
        organization=agency,
        category="civil_servant",
        quantity=4,
        year=2026,
        effective_from=dt.date(2020, 1, 1),
        status=Workflow.APPROVED,
    )
    CatalogPosition.objects.create(
        code="LD01",
        name="Giám đốc Sở",
        group=PositionGroup.LEADERSHIP,
        staff_kind="civil_servant",
        leadership_role=LeadershipRole.HEAD,
    )
    CatalogPosition.objects.create(
        code="CM01",
        name="Quản lý ngân sách",
        group=PositionGroup.PROFESSIONAL,
        staff_kind="civil_servant",
        min_rank_code="01.003",
    )
    campaign = Campaign.objects.create(
        organization=province,
        title="Phê duyệt đề án 2026",
        staff_kind="civil_servant",
        opened_on=dt.date(2026, 1, 1),
        deadline=dt.date(2099, 3, 31),
    )
    campaign.agencies.set([agency])
    make_user("hr_a", Role.HR_OFFICER, province, full_name="Cán bộ tỉnh A")
    make_user("appraiser_a", Role.APPRAISER, province, full_name="Thẩm định viên")
    make_user("approver_a", Role.APPROVER, province, full_name="Lãnh đạo phê duyệt")
    base = live_server.url

    # The HR officer drafts the project: positions over the quota are refused at submission.
    log_in("hr_a")
    page.goto(base + "/positions/")
    page.fill("#id_organization", "T01-STC")
    page.select_option("#id_staff_kind", "civil_servant")
    page.click("#create-project button[type=submit]")
    expect(page.locator("#project-status")).to_have_text("Dự thảo")
    add_position(page, "LD01 – Giám đốc Sở", "1", "01.002")
    add_position(page, "CM01 – Quản lý ngân sách", "4", "01.003")
    place(page, "Nguyễn Văn Giám", "LD01 – Giám đốc Sở")
    place(page, "Trần Thị Chuyên", "CM01 – Quản lý ngân sách")
    page.click("#submit-form button")
    expect(page.locator("body")).to_contain_text("vượt biên chế được giao 4")
    expect(page.locator("#project-status")).to_have_text("Dự thảo")
    add_position(page, "CM01 – Quản lý ngân sách", "3", "01.003")
    page.click("#submit-form button")
    expect(page.locator("#project-status")).to_have_text("Đã gửi thẩm định")
    project_url = page.url
    assert axe_violations(page) == []

    # The appraiser takes it, comments on a position and returns it with the reasons.
    log_in("appraiser_a")
    page.goto(project_url)
    page.click("#appraise-form button")
    expect(page.locator("#project-status")).to_have_text("Đang thẩm định")
    page.select_option("#comment-form select[name=position]", label="CM01 – Quản lý ngân sách")
    page.fill("#comment-form textarea[name=text]", "Khối lượng công việc chỉ đủ cho 2 người")
    page.click("#comment-form button[type=submit]")
    page.fill("#return-form textarea[name=reasons]", "Điều chỉnh số lượng vị trí quản lý ngân sách")
    page.click("#return-form button[type=submit]")
    expect(page.locator("#project-status")).to_have_text("Trả lại để hoàn thiện")

    # The officer sees the reasons and the comment, corrects, and sees what changed before resubmitting.
    log_in("hr_a")
    page.goto(project_url)
    expect(page.locator("#return-reason")).to_contain_text("Điều chỉnh số lượng")
    expect(page.locator(".position-comment")).to_contain_text("chỉ đủ cho 2 người")
    add_position(page, "CM01 – Quản lý ngân sách", "2", "01.003")
    expect(page.locator("#project-changes")).to_contain_text("số lượng 3 → 2")
    page.click("#submit-form button")
    expect(page.locator("#project-status")).to_have_text("Đã gửi thẩm định")

    log_in("appraiser_a")
    page.goto(project_url)
    page.click("#appraise-form button")
    expect(page.locator("#project-status")).to_have_text("Đang thẩm định")

    # The approver approves it by a decision.
    log_in("approver_a")
    page.goto(project_url)
    page.fill("#approve-form input[name=decision_number]", "25/QĐ-UBND")
    page.fill("#approve-form input[name=decision_date]", "02/03/2026")
    page.fill("#approve-form input[name=signer]", "Chủ tịch UBND tỉnh A")
    page.click("#approve-form button[type=submit]")
    expect(page.locator("#project-status")).to_have_text("Đã phê duyệt")
    expect(page.locator("#project-decision")).to_contain_text("25/QĐ-UBND ngày 02/03/2026")
    expect(page.locator("#submit-form")).to_have_count(0)

    # The gap analysis reads the approved positions: 3 approved, 2 present, 1 vacancy.
    page.goto(base + "/positions/gaps/")
    expect(page.locator("#gap-headcount")).to_have_text("3")
    expect(page.locator("#gap-present")).to_have_text("2")
    expect(page.locator("#gap-vacant")).to_have_text("1")
    page.goto(base + "/positions/gaps/?as_of=01/03/2026")
    expect(page.locator("#gap-headcount")).to_have_text("0")

    # The campaign dashboard shows the agency approved.
    page.goto(base + f"/positions/campaigns/{campaign.pk}/")
    expect(page.locator("#count-approved")).to_have_text("1")
    expect(page.locator("#campaign-agencies")).to_contain_text("Đã phê duyệt")
    assert axe_violations(page) == []


@pytest.mark.browser
def test_the_ministry_edits_a_catalogue_position_and_its_history_shows_the_change(
    page: Page, live_server, log_in
):
    root = make_org(None, "VN", "Chính phủ", OrganizationKind.GOVERNMENT, OrganizationLevel.CENTRAL)
    make_user("ministry_hr", Role.HR_OFFICER, root, full_name="Chuyên viên Vụ Tổ chức cán bộ")
    position = CatalogPosition.objects.create(
        code="CC.CM.01",
        name="Chuyên viên quản lý ngành",
        group=PositionGroup.PROFESSIONAL,
        staff_kind="civil_servant",
        min_rank_code="01.003",
    )
    log_in("ministry_hr")
    page.goto(live_server.url + "/positions/catalogue/")
    page.click("text=CC.CM.01")
    page.click("#catalogue-edit")
    page.fill("#id_competencies", "Phân tích chính sách: 9")
    page.fill("#id_min_rank_code", "01.002")
    page.fill("#id_reason", "Theo Nghị định 361/2025")
    page.click("#catalogue-form button[type=submit]")
    expect(page.locator("#catalogue-form")).to_contain_text("cấp độ từ 1 đến 5")
    page.fill("#id_competencies", "Phân tích chính sách: 4")
    page.click("#catalogue-form button[type=submit]")
    expect(page.locator("#catalogue-competencies")).to_contain_text("Phân tích chính sách")
    history = page.locator("#catalogue-history")
    expect(history).to_contain_text("Theo Nghị định 361/2025")
    expect(history).to_contain_text("01.003 → 01.002")
    assert axe_violations(page) == []
    position.refresh_from_db()
    assert position.competencies == [{"name": "Phân tích chính sách", "level": "4"}]
