"""The hotline journey in a real browser: an officer files a question through the web form, answers it,
publishes it, and finds it again in the knowledge base by a differently-worded search without diacritics."""

import pytest
from playwright.sync_api import Page, expect

from conftest import make_org, make_user
from noivu.core.permissions import Role
from noivu.helpdesk.knowledge import search
from noivu.organizations.models import OrganizationKind, OrganizationLevel


@pytest.fixture
def officer(page: Page, live_server, corpus_articles) -> Page:
    province = make_org(
        None, "T01", "UBND tỉnh A", OrganizationKind.PROVINCE_COMMITTEE, OrganizationLevel.PROVINCE
    )
    make_org(province, "T01-SNV", "Sở Nội vụ tỉnh A", OrganizationKind.DEPARTMENT, OrganizationLevel.PROVINCE)
    make_user("hr_a", Role.HR_OFFICER, province, full_name="Cán bộ tỉnh A")
    search.forget()
    for article in corpus_articles:
        article.pk = None
        article.save()
    page.goto(live_server.url + "/")
    page.fill("#id_username", "hr_a")
    page.fill("#id_password", "Mat-khau-123")
    page.click("#login-form button[type=submit]")
    expect(page.locator("h1.title")).to_have_text("Tổng quan")
    return page


@pytest.mark.browser
def test_a_question_is_filed_answered_published_and_found_again_in_other_words(officer: Page, live_server):
    page = officer
    page.goto(live_server.url + "/helpdesk/ask/")
    page.select_option("#id_organization", label="Sở Nội vụ tỉnh A")
    page.select_option("#id_asker_kind", "locality")
    page.fill("#id_asker_name", "Nguyễn Thị Hoa")
    page.fill("#id_contact_email", "hoa@example.gov.vn")
    page.select_option("#id_topic", "salary")
    page.fill("#id_subject", "Phụ cấp công vụ tính thế nào")
    page.fill("#id_body", "Xin hỏi phụ cấp công vụ của công chức được tính bằng bao nhiêu phần trăm?")
    page.click("#ask-form button[type=submit]")
    expect(page.locator("h1.title")).to_have_text("Phụ cấp công vụ tính thế nào")

    page.fill("#id_answer", "Phụ cấp công vụ bằng 25% mức lương hiện hưởng cộng phụ cấp chức vụ lãnh đạo.")
    page.fill("#id_citations", "Nghị định 34/2012/NĐ-CP")
    page.click("#answer-form button[type=submit]")
    expect(page.locator("#question-status")).to_have_text("Đã trả lời")

    page.fill("#id_title", "Phụ cấp công vụ được tính bằng bao nhiêu phần trăm lương?")
    page.click("#publish-form button[type=submit]")
    expect(page.locator("#article-question")).to_have_text(
        "Phụ cấp công vụ được tính bằng bao nhiêu phần trăm lương?"
    )

    page.goto(live_server.url + "/helpdesk/knowledge/")
    page.fill("#id_q", "muc phu cap cong vu hien nay la bao nhieu")
    page.click("#knowledge-search button[type=submit]")
    first_three = page.locator("#results .article-hit").filter(
        has_text="Phụ cấp công vụ được tính bằng bao nhiêu phần trăm lương?"
    )
    expect(first_three).to_have_count(1)
    assert page.locator("#results .article-hit").all_inner_texts().index(first_three.inner_text()) < 3
