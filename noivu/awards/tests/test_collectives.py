"""Collective nominees (tập thể được đề nghị): a unit screened from its own rating and its members, voted on
and decided like a person, its award written on the unit's own award history (shown on the unit page) with
the collective's reward coefficient (Luật Thi đua, khen thưởng 06/2022/QH15 Điều 27; Nghị định 152/2025/NĐ-CP
Điều 50)."""

import datetime as dt
from decimal import Decimal

import polars as pl
import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from conftest import make_rating, make_user
from noivu.awards import actions, engine
from noivu.awards.models import Nominee, UnitAward
from noivu.awards.tests.factories import seat_council
from noivu.core.permissions import Role
from noivu.evaluation.models import UnitEvaluation

pytestmark = pytest.mark.django_db


def rate_unit(unit, year, rating):
    return UnitEvaluation.objects.create(
        organization=unit, year=year, rating=rating, decided_on=dt.date(year + 1, 1, 10)
    )


@pytest.fixture
def session(tree, people, hr_a):
    # The department's one member, An, completed 2025 excellently: Lao động tiên tiến and Chiến sĩ thi đua
    # cơ sở, so 100 % completed, 100 % ≥ 70 % advanced, one fighter (Điều 27).
    make_rating(people["an"], 2025, "HTXS")
    make_rating(people["binh"], 2025, "HT")
    rate_unit(tree["dept_a"], 2025, "HTXS")
    rate_unit(tree["province_a"], 2025, "HTT")
    opened = actions.do_open_council(
        organization=tree["province_a"], year=2025, held_on=dt.date(2026, 1, 15), members=11, acting_user=hr_a
    )
    seat_council(opened, hr_a)
    return opened


def test_a_collective_is_nominated_voted_and_decided_onto_its_own_history(
    client, tree, people, session, hr_a
):
    approver = make_user("approver_a", Role.APPROVER, tree["province_a"])
    # The province itself was rated "hoàn thành tốt": not the excellent rating Điều 27 asks.
    with pytest.raises(ValidationError, match="Tập thể xếp loại hoàn thành xuất sắc nhiệm vụ năm 2025"):
        actions.do_nominate(session=session, unit=tree["province_a"], title="TTLDXS", acting_user=hr_a)
    with pytest.raises(ValidationError, match="không có cho cá nhân"):
        actions.do_nominate(session=session, person=people["an"], title="TTLDXS", acting_user=hr_a)
    with pytest.raises(PermissionDenied):
        actions.do_nominate(session=session, unit=tree["dept_b"], title="TTLDTT", acting_user=hr_a)
    nominee = actions.do_nominate(session=session, unit=tree["dept_a"], title="TTLDXS", acting_user=hr_a)
    with pytest.raises(ValidationError, match="đã được đề nghị"):
        actions.do_nominate(session=session, unit=tree["dept_a"], title="TTLDXS", acting_user=hr_a)
    # No threshold of its own: more than half of the 11 members.
    voted = actions.do_record_votes(nominee=nominee, yes_votes=6, acting_user=hr_a)
    assert (voted.votes_needed, voted.passed) == (6, True)
    actions.do_decide_council(
        session=session,
        decision_number="7/QĐ-UBND",
        decided_on=dt.date(2026, 8, 10),
        signer="Chủ tịch UBND tỉnh A",
        acting_user=approver,
    )
    nominee.refresh_from_db()
    # 1.5 × 2,530,000 = 3,795,000, rounded up to ten thousand đồng (Nghị định 152/2025 Điều 49, 50).
    assert nominee.reward == 3_800_000
    award = UnitAward.objects.get()
    assert (award.organization, award.form, award.year, award.reward) == (
        tree["dept_a"],
        "Tập thể lao động xuất sắc",
        2025,
        3_800_000,
    )
    assert nominee.unit_award == award and nominee.award is None
    client.force_login(hr_a)
    page = client.get(f"/organizations/{tree['dept_a'].pk}/").content.decode()
    panel = page.split('id="unit-awards-panel"')[1].split("</ul>")[0]
    assert "Tập thể lao động xuất sắc" in panel and "7/QĐ-UBND" in panel and "3.800.000" in panel


def test_the_council_page_and_the_api_offer_and_take_collectives(client, tree, people, session, hr_a):
    from django.test import Client

    from noivu.accounts.models import ApiToken

    client.force_login(hr_a)
    url = f"/awards/councils/{session.pk}/"
    page = client.get(url).content.decode()
    # Screened set-wise with the persons: the department for both collective titles, the province for
    # neither (its one member, Bình, rated "hoàn thành" only, is not Lao động tiên tiến).
    assert f'value="u{tree["dept_a"].pk}:TTLDXS"' in page and f'value="u{tree["dept_a"].pk}:TTLDTT"' in page
    assert f'value="u{tree["province_a"].pk}:' not in page
    client.post(url, {"candidate": f"u{tree['dept_a'].pk}:TTLDTT"})
    assert Nominee.objects.get().organization == tree["dept_a"]
    assert "Sở Nội vụ tỉnh A" in client.get(url).content.decode().split('id="nominee-table"')[1]
    _, raw = ApiToken.issue(hr_a, "kiểm thử")
    api = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    done = api.post(
        f"/api/v1/awards/councils/{session.pk}/nominees",
        {"organization": "T01-SNV", "title": "TTLDXS"},
        content_type="application/json",
    )
    assert done.status_code == 201
    found = {(n["organization"], n["title"]) for n in done.json()["nominees"]}
    assert found == {("T01-SNV", "TTLDTT"), ("T01-SNV", "TTLDXS")}
    both = api.post(
        f"/api/v1/awards/councils/{session.pk}/nominees",
        {"organization": "T01-SNV", "person_id": people["an"].pk, "title": "TTLDXS"},
        content_type="application/json",
    )
    assert both.status_code == 422 and "một cá nhân hoặc một tập thể" in both.json()["errors"][0]["message"]


def test_a_unit_holding_a_collective_title_of_the_year_is_not_offered_it_again(tree, people, session, hr_a):
    from noivu.awards import engine
    from noivu.personnel.models import Person

    def screened():
        persons = Person.objects.unrestricted().filter(organization__path__startswith=tree["dept_a"].path)
        units = UnitEvaluation.objects.unrestricted().filter(organization=tree["dept_a"])
        _individual, collective = engine.scope_screening(persons, units, 2025, dt.date(2026, 1, 15))
        found = collective.results.filter(pl.col("title").is_in(["TTLDXS", "TTLDTT"]))
        return {r["title"]: r["failed"] for r in found.to_dicts()}

    assert screened() == {"TTLDXS": None, "TTLDTT": None}
    # Decided for 2025 already: neither it nor the lower title is offered for 2025 again.
    UnitAward.objects.create(
        organization=tree["dept_a"],
        title="TTLDXS",
        form="Tập thể lao động xuất sắc",
        year=2025,
        decision_number="3/QĐ-UBND",
        decision_date=dt.date(2026, 1, 5),
        reward=3_510_000,
    )
    assert screened() == {"TTLDXS": "TTLDXS.not_held", "TTLDTT": "TTLDTT.not_held"}
    with pytest.raises(ValidationError, match="Chưa được tặng Tập thể lao động xuất sắc"):
        actions.do_nominate(session=session, unit=tree["dept_a"], title="TTLDXS", acting_user=hr_a)
    # A title of another year does not bar 2025.
    UnitAward.objects.update(year=2024)
    assert screened() == {"TTLDXS": None, "TTLDTT": None}


def test_the_flags_and_the_certificate_of_merit_of_collectives_name_the_condition_that_failed():
    # Hand-computed for 2025. Unit 10: excellent in 2024 and 2025, its one member excellent (Lao động tiên
    # tiến and Chiến sĩ thi đua cơ sở): Tập thể lao động xuất sắc, so the flag of its ministry or province,
    # and two consecutive excellent years, so the Bằng khen; not the Government's flag, which it does not
    # hold the provincial one for. Unit 20: excellent in 2025 only, already holding the provincial flag of
    # 2025: the Government's flag. Unit 30: "hoàn thành tốt" in 2025. Unit 40: excellent in 2023 and 2025
    # but not rated in 2024, so not two consecutive years.
    members = pl.DataFrame({"person_id": [1, 2, 3, 4], "organization_id": [10, 20, 30, 40]})
    units = pl.DataFrame({"organization_id": [10, 20, 30, 40], "rating": ["HTXS", "HTXS", "HTT", "HTXS"]})
    history = engine.History(
        ratings=pl.DataFrame(
            {"person_id": [1, 2, 3, 4], "year": [2025] * 4, "rating": ["HTXS", "HTT", "HTXS", "HTXS"]},
            schema=engine.RATINGS,
        ),
        unit_held=pl.DataFrame(
            {"organization_id": [20], "year": [2025], "title": ["CO_THI_DUA_BO_TINH"]},
            schema=engine.UNIT_HELD,
        ),
        unit_ratings=pl.DataFrame(
            {
                "organization_id": [10, 20, 30, 40],
                "year": [2024, 2024, 2024, 2023],
                "rating": ["HTXS", "HTT", "HTXS", "HTXS"],
            },
            schema=engine.UNIT_RATINGS,
        ),
    )
    screening = engine.screen_collectives(members, units, history, 2025, dt.date(2026, 1, 15))
    found = {(r["organization_id"], r["title"]): r["failed"] for r in screening.results.to_dicts()}
    assert {unit: found[(unit, "CO_THI_DUA_BO_TINH")] for unit in (10, 20, 30, 40)} == {
        10: None,
        20: "CO_THI_DUA_BO_TINH.not_held",
        30: "CO_THI_DUA_BO_TINH.rating",
        40: None,
    }
    assert {unit: found[(unit, "CO_THI_DUA_CP")] for unit in (10, 20, 30, 40)} == {
        10: "CO_THI_DUA_CP.holds",
        20: None,
        30: "CO_THI_DUA_CP.rating",
        40: "CO_THI_DUA_CP.holds",
    }
    assert {unit: found[(unit, "BK_BO_TINH_TT")] for unit in (10, 20, 30, 40)} == {
        10: None,
        20: "BK_BO_TINH_TT.rating",
        30: "BK_BO_TINH_TT.rating",
        40: "BK_BO_TINH_TT.rating",
    }
    messages = screening.messages
    assert (
        messages["BK_BO_TINH_TT.rating"].message == "Hoàn thành xuất sắc nhiệm vụ 2 năm liên tục (2024–2025)"
    )
    assert (
        messages["CO_THI_DUA_CP.holds"].message == "Đã được tặng Cờ thi đua của bộ, ban, ngành, tỉnh năm 2025"
    )
    assert messages["CO_THI_DUA_BO_TINH.meets"].message == "Đạt tiêu chuẩn Tập thể lao động xuất sắc năm 2025"
    # Each rests on its article, marked as sure as it is; each names who decides.
    rules = screening.rules
    assert (rules["CO_THI_DUA_CP"].legal_basis.citation, rules["CO_THI_DUA_CP"].legal_basis.confidence) == (
        "06/2022/QH15, Điều 25 khoản 1",
        "cross-checked",
    )
    assert rules["CO_THI_DUA_BO_TINH"].legal_basis.confidence == "unverified"
    assert rules["BK_BO_TINH_TT"].legal_basis.citation == "06/2022/QH15, Điều 74 khoản 2"
    assert rules["BK_BO_TINH_TT"].legal_basis.confidence == "unverified"
    assert rules["CO_THI_DUA_CP"].value["authority"] == "Thủ tướng Chính phủ"


def test_a_flag_needs_the_standard_of_an_excellent_collective():
    # Unit 50 is excellent but its one member only "hoàn thành tốt" without initiative: no Chiến sĩ thi đua
    # cơ sở, so not Tập thể lao động xuất sắc (Điều 27), so not the flag of its ministry or province.
    members = pl.DataFrame({"person_id": [5], "organization_id": [50]})
    units = pl.DataFrame({"organization_id": [50], "rating": ["HTXS"]})
    ratings = pl.DataFrame({"person_id": [5], "year": [2025], "rating": ["HTT"]}, schema=engine.RATINGS)
    screening = engine.screen_collectives(
        members, units, engine.History(ratings=ratings), 2025, dt.date(2026, 1, 15)
    )
    found = {r["title"]: r["failed"] for r in screening.results.to_dicts()}
    assert found["TTLDXS"] == "TTLDXS.fighter"
    assert found["CO_THI_DUA_BO_TINH"] == "CO_THI_DUA_BO_TINH.meets"


def test_the_reward_of_the_flags_and_of_a_collective_certificate_of_merit():
    # The examples of the domain notes (RM-003, RM-004): base salary 2,340,000 đồng.
    day = dt.date(2025, 8, 10)
    assert engine.reward_amount("CO_THI_DUA_CP", engine.COLLECTIVE, day).amount == 28_080_000
    assert engine.reward_amount("CO_THI_DUA_BO_TINH", engine.COLLECTIVE, day).amount == 18_720_000
    # The collective's Bằng khen is paid from the row of the form: 3.0 × 2,340,000 (Nghị định 152/2025
    # Điều 54).
    reward = engine.reward_amount("BK_BO_TINH_TT", engine.COLLECTIVE, day)
    assert (reward.amount, reward.coefficient) == (7_020_000, Decimal("3.0"))
    # Before 1/7/2025 the coefficient of Nghị định 98/2023 (2.0, unverified): 2.0 × 2,340,000.
    assert engine.reward_amount("BK_BO_TINH_TT", engine.COLLECTIVE, dt.date(2025, 3, 1)).amount == 4_680_000


def test_a_unit_excellent_two_years_running_is_nominated_for_the_certificate_of_merit(
    tree, people, session, hr_a
):
    approver = make_user("approver_a", Role.APPROVER, tree["province_a"])
    # The province was rated "hoàn thành tốt" in 2025: neither flag nor Bằng khen.
    with pytest.raises(ValidationError, match="Hoàn thành xuất sắc nhiệm vụ 2 năm liên tục"):
        actions.do_nominate(session=session, unit=tree["province_a"], title="BK_BO_TINH_TT", acting_user=hr_a)
    # The department was excellent in 2025 only so far.
    with pytest.raises(ValidationError, match="2 năm liên tục"):
        actions.do_nominate(session=session, unit=tree["dept_a"], title="BK_BO_TINH_TT", acting_user=hr_a)
    rate_unit(tree["dept_a"], 2024, "HTXS")
    nominee = actions.do_nominate(
        session=session, unit=tree["dept_a"], title="BK_BO_TINH_TT", acting_user=hr_a
    )
    # It does not hold the flag of the province for 2025: not the Government's.
    with pytest.raises(ValidationError, match="Đã được tặng Cờ thi đua của bộ, ban, ngành, tỉnh năm 2025"):
        actions.do_nominate(session=session, unit=tree["dept_a"], title="CO_THI_DUA_CP", acting_user=hr_a)
    flag = actions.do_nominate(
        session=session, unit=tree["dept_a"], title="CO_THI_DUA_BO_TINH", acting_user=hr_a
    )
    # The flags need 80 % of all 11 members: 9 (Nghị định 98/2023 khoản 7 Điều 30).
    assert actions.do_record_votes(nominee=flag, yes_votes=8, acting_user=hr_a).passed is False
    assert actions.do_record_votes(nominee=flag, yes_votes=9, acting_user=hr_a).votes_needed == 9
    actions.do_record_votes(nominee=nominee, yes_votes=6, acting_user=hr_a)
    actions.do_decide_council(
        session=session,
        decision_number="8/QĐ-UBND",
        decided_on=dt.date(2026, 8, 10),
        signer="Chủ tịch UBND tỉnh A",
        acting_user=approver,
    )
    # 3.0 × 2,530,000 = 7,590,000; 8.0 × 2,530,000 = 20,240,000.
    awards = {award.title: (award.form, award.reward) for award in UnitAward.objects.all()}
    assert awards == {
        "BK_BO_TINH_TT": ("Bằng khen của bộ, ban, ngành, tỉnh (tập thể)", 7_590_000),
        "CO_THI_DUA_BO_TINH": ("Cờ thi đua của bộ, ban, ngành, tỉnh", 20_240_000),
    }
