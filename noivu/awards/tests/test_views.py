"""The eligibility page and endpoint of a unit: candidates per title with their citations, refusals with the
condition that failed, the regime of the decision date, and nothing of another province."""

import pytest
from django.test import Client

from conftest import make_person, make_rating
from noivu.accounts.models import ApiToken

pytestmark = pytest.mark.django_db


@pytest.fixture
def rated(people):
    make_rating(people["an"], 2024, "HTXS")
    make_rating(people["binh"], 2024, "HT")
    make_rating(people["duc"], 2024, "HTXS")
    return people


def test_the_page_lists_candidates_and_refusals_with_the_failed_condition(client, hr_a, tree, rated):
    client.force_login(hr_a)
    response = client.get(
        f"/awards/units/{tree['province_a'].pk}/eligibility/?year=2024&decided_on=2025-01-20"
    )
    assert response.status_code == 200
    text = response.content.decode()
    advanced = text[text.index('id="title-LDTT"') : text.index('id="title-CSTDCS"')]
    candidates = advanced[advanced.index('class="candidates"') : advanced.index('class="refusals"')]
    assert "Nguyễn Văn An" in candidates and "Trần Thị Bình" not in candidates
    assert (
        "Trần Thị Bình</a>: <span" in advanced
        and "Xếp loại năm 2024 từ hoàn thành tốt nhiệm vụ trở lên" in advanced
    )
    assert "06/2022/QH15, Điều 24 khoản 1" in advanced
    assert "98/2023/NĐ-CP" in text  # the regime of 20/01/2025
    assert (
        "chưa kiểm chứng" in text[text.index('id="title-TTLDTT"') :]
    )  # Điều 28 not read in its 2022 wording
    assert "Lê Đức Dũng" not in text


def test_the_regime_follows_the_decision_date_on_the_page(client, hr_a, tree, rated):
    client.force_login(hr_a)
    page = f"/awards/units/{tree['province_a'].pk}/eligibility/?year=2024&decided_on="
    before = client.get(page + "30/06/2025").content.decode()
    assert "98/2023/NĐ-CP" in before and "152/2025/NĐ-CP" not in before
    assert 'value="30/06/2025"' in before
    assert "152/2025/NĐ-CP" in client.get(page + "01/07/2025").content.decode()


def test_another_provinces_unit_is_not_found(client, hr_a, tree, rated):
    client.force_login(hr_a)
    assert client.get(f"/awards/units/{tree['province_b'].pk}/eligibility/").status_code == 404


def test_the_index_lists_the_units_of_the_scope(client, hr_a, tree):
    client.force_login(hr_a)
    text = client.get("/awards/").content.decode()
    assert "UBND tỉnh A" in text and "UBND tỉnh B" not in text


def test_the_index_opens_the_unit_chosen_in_the_tree_and_never_another_provinces(client, hr_a, tree):
    client.force_login(hr_a)
    unit = tree["province_a"]
    response = client.get("/awards/", {"unit": unit.code, "year": "2025"})
    assert response.status_code == 302
    assert response["Location"] == f"/awards/units/{unit.pk}/eligibility/?year=2025"
    refused = client.get("/awards/", {"unit": tree["province_b"].code, "year": "2025"})
    assert refused.status_code == 200
    assert "Không tìm thấy đơn vị này trong phạm vi của bạn." in refused.content.decode()


def api(user) -> Client:
    _, raw = ApiToken.issue(user, "kiểm thử")
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def test_the_endpoint_gives_each_person_and_title_with_the_failed_condition(hr_a, rated):
    response = api(hr_a).get("/api/v1/awards/eligibility/T01?year=2024&decided_on=2025-07-10")
    assert response.status_code == 200
    rows = {(r["id"], r["title"]): r for r in response.json() if r["recipient"] == "individual"}
    an, binh = rated["an"].pk, rated["binh"].pk
    assert rows[(an, "CSTDCS")]["eligible"] is True
    assert rows[(binh, "LDTT")]["failed"] == "LDTT.rating"
    assert rows[(binh, "LDTT")]["citation"] == "06/2022/QH15, Điều 24 khoản 1"
    assert rated["duc"].pk not in {r["id"] for r in response.json() if r["recipient"] == "individual"}
    only = api(hr_a).get("/api/v1/awards/eligibility/T01?year=2024&only_eligible=true").json()
    assert {(r["id"], r["title"]) for r in only} == {(an, "LDTT"), (an, "CSTDCS")}


def test_the_endpoint_refuses_a_date_before_the_law_and_another_province(hr_a, rated):
    refused = api(hr_a).get("/api/v1/awards/eligibility/T01?year=2024&decided_on=2023-12-01")
    assert refused.status_code == 422 and "decided_on" in refused.content.decode()
    assert api(hr_a).get("/api/v1/awards/eligibility/T02?year=2024").status_code == 404


def test_a_title_shows_its_names_a_page_at_a_time_with_the_total(client, hr_a, tree, rated):
    many = [make_person(tree["dept_a"], f"Người Thứ {n:02d}") for n in range(1, 31)]
    for person in many:
        make_rating(person, 2024, "HTT")
    client.force_login(hr_a)
    page = f"/awards/units/{tree['province_a'].pk}/eligibility/?year=2024&decided_on=20/01/2025"

    def candidates(text: str, code: str, following: str) -> str:
        section = text[text.index(f'id="title-{code}"') : text.index(f'id="title-{following}"')]
        return section[section.index('class="candidates"') : section.index('class="refusals"')]

    first = client.get(page).content.decode()
    # An and the thirty rated "hoàn thành tốt": 31 for Lao động tiên tiến, 25 on the first page.
    advanced = candidates(first, "LDTT", "CSTDCS")
    assert "Đủ điều kiện: 31" in first and "(1–25)" in first
    assert advanced.count('<li><a href="/awards/persons/') == 25
    assert "Nguyễn Văn An" in advanced and "Người Thứ 24" in advanced and "Người Thứ 25" not in advanced
    assert "eligible_LDTT=2#title-LDTT" in first

    second = client.get(page + "&eligible_LDTT=2").content.decode()
    advanced = candidates(second, "LDTT", "CSTDCS")
    assert (
        advanced.count('<li><a href="/awards/persons/') == 6
        and "Người Thứ 25" in advanced
        and "Người Thứ 30" in advanced
    )
    assert "(26–31)" in second
    # The other titles keep their first page; a page past the end shows the last one.
    assert "Nguyễn Văn An" in candidates(second, "CSTDCS", "CSTD_BO_TINH")
    assert "Người Thứ 30" in candidates(
        client.get(page + "&eligible_LDTT=9").content.decode(), "LDTT", "CSTDCS"
    )


def test_the_initiatives_of_the_scope_are_listed_by_level_and_year(client, hr_a, tree, people):
    import datetime as dt

    from noivu.awards.models import Initiative

    Initiative.objects.create(
        person=people["an"], title="Số hóa hồ sơ", level="grassroots", recognised_on=dt.date(2024, 10, 1)
    )
    Initiative.objects.create(
        person=people["binh"],
        title="Một cửa liên thông",
        level="ministry_province",
        recognised_on=dt.date(2025, 3, 1),
    )
    Initiative.objects.create(
        person=people["duc"], title="Sáng kiến tỉnh B", level="grassroots", recognised_on=dt.date(2024, 5, 1)
    )
    client.force_login(hr_a)
    text = client.get("/awards/initiatives/").content.decode()
    assert "Số hóa hồ sơ" in text and "Một cửa liên thông" in text and "Sáng kiến tỉnh B" not in text
    assert text.index("Một cửa liên thông") < text.index("Số hóa hồ sơ")  # newest first
    assert "1–2 trong số 2" in text
    assert f"/awards/persons/{people['an'].pk}/initiatives/" in text
    only = client.get("/awards/initiatives/", {"level": "grassroots"}).content.decode()
    assert "Số hóa hồ sơ" in only and "Một cửa liên thông" not in only
    by_year = client.get("/awards/initiatives/", {"year": "2025"}).content.decode()
    assert "Một cửa liên thông" in by_year and "Số hóa hồ sơ" not in by_year
    under = client.get("/awards/initiatives/", {"under": tree["dept_a"].code}).content.decode()
    assert "Số hóa hồ sơ" in under and "Một cửa liên thông" not in under
