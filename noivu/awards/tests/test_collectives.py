"""Collective nominees (tập thể được đề nghị): a unit screened from its own rating and its members, voted on
and decided like a person, its award written on the unit's own award history (shown on the unit page) with
the collective's reward coefficient (Luật Thi đua, khen thưởng 06/2022/QH15 Điều 27; Nghị định 152/2025/NĐ-CP
Điều 50)."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from conftest import make_rating, make_user
from noivu.awards import actions
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
        return {r["title"]: r["failed"] for r in collective.results.to_dicts()}

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
