"""The eligibility page and endpoint of a unit: candidates per title with their citations, refusals with the
condition that failed, the regime of the decision date, and nothing of another province."""

import pytest
from django.test import Client

from noivu.accounts.models import ApiToken
from noivu.evaluation.models import Evaluation

pytestmark = pytest.mark.django_db


def rate(person, year, rating):
    Evaluation.objects.create(
        person=person,
        organization=person.organization,
        year=year,
        period_kind="year",
        category=person.category,
        regime="ND90_2020",
        status="decided",
        rating=rating,
    )


@pytest.fixture
def rated(people):
    rate(people["an"], 2024, "HTXS")
    rate(people["binh"], 2024, "HT")
    rate(people["duc"], 2024, "HTXS")
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
        "Trần Thị Bình: <span" in advanced
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
