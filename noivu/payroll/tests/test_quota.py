"""The early-raise quota and the pooling of the remainders by the direct superior (Thông tư 08/2013/TT-BNV
Điều 3 khoản 1 điểm b as amended by Thông tư 03/2021/TT-BNV Điều 1 khoản 6), hand-computed."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from python_calamine import CalamineWorkbook

from conftest import make_org
from noivu.core import dates
from noivu.core.models import AuditEvent
from noivu.organizations.models import OrganizationKind, OrganizationLevel
from noivu.payroll import actions
from noivu.payroll.models import (
    EarlyRaiseGrant,
    ProposalStatus,
    RaiseKind,
    RaiseProposal,
    RaiseProposalItem,
    SalaryHistory,
)
from noivu.payroll.proposals import ProposalRefused, Selection, quota_problems
from noivu.payroll.quota import approved_early, early_quota, grant_problem, remainder_pool
from noivu.payroll.tests.test_proposals import salaried_person
from noivu.personnel.models import Person

pytestmark = pytest.mark.django_db

YEAR = dates.today().year


@pytest.fixture
def units(tree):
    """Under UBND tỉnh A: Sở Nội vụ (23 persons), a centre of 7 and a board of 15 on 31/12 of the year."""
    province = tree["province_a"]
    centre = make_org(
        province, "T01-TT", "Trung tâm A", OrganizationKind.PUBLIC_SERVICE_UNIT, OrganizationLevel.PROVINCE
    )
    board = make_org(
        province, "T01-BQL", "Ban quản lý A", OrganizationKind.DEPARTMENT, OrganizationLevel.PROVINCE
    )
    found = {"department": tree["dept_a"], "centre": centre, "board": board}
    since = dt.date(YEAR - 1, 1, 1)
    for key, count in (("department", 23), ("centre", 6), ("board", 15)):
        for number in range(count):
            salaried_person(found[key], f"Người {key} {number}", "A1", 1, "2.34", since)
    # The seventh of the centre: A1 bậc 2 since 1/6 two years back, regular raise on 1/6 of the next year,
    # 5 months lacking on 31/12: may be raised early.
    found["early"] = salaried_person(centre, "Phạm Văn Cường", "A1", 2, "2.67", dt.date(YEAR - 2, 6, 1))
    return {key: value.__class__.objects.get(pk=value.pk) for key, value in found.items()}


def test_the_remainders_of_the_direct_units_pool_into_places_the_superior_may_grant(tree, units):
    pool = remainder_pool(tree["province_a"], YEAR)
    assert [
        (unit.organization.code, unit.persons, unit.own_places, unit.remainder, unit.small)
        for unit in pool.units
    ] == [
        ("T01-SNV", 23, 2, 3, False),
        ("T01-TT", 7, 0, 7, True),
        ("T01-BQL", 15, 1, 5, False),
    ]
    # 45 persons in all give 4 places; the units hold 2 + 0 + 1 of their own: 1 more, from the 3 + 7 + 5
    # = 15 left over.
    assert (pool.persons, pool.remainder, pool.places, pool.available) == (45, 15, 1, 1)
    assert "03/2021/TT-BNV" in pool.citation and "số dư" in pool.citation
    centre = early_quota(units["centre"], YEAR)
    assert (centre.persons, centre.own_places, centre.remainder, centre.granted, centre.places) == (
        7,
        0,
        7,
        0,
        0,
    )


def test_a_granted_place_lets_a_unit_of_seven_raise_one_person_early(tree, units, hr_a, approver_a):
    early = Selection(units["early"].pk, 6, "Chiến sĩ thi đua cơ sở")
    with pytest.raises(ProposalRefused, match="chỉ tiêu 0 người"):
        actions.do_propose_raises(
            organization=units["centre"], year=YEAR, selections=[early], acting_user=hr_a
        )
    with pytest.raises(ValidationError, match="Vượt số dư: giao thêm 2 người, còn 1 người"):
        actions.do_grant_early_places(
            superior=tree["province_a"],
            unit=units["centre"],
            year=YEAR,
            places=2,
            decision_number="5/UBND",
            acting_user=approver_a,
        )
    with pytest.raises(ValidationError, match="không trực thuộc trực tiếp"):
        actions.do_grant_early_places(
            superior=tree["province_a"],
            unit=tree["dept_b"],
            year=YEAR,
            places=1,
            decision_number="5/UBND",
            acting_user=approver_a,
        )
    grant = actions.do_grant_early_places(
        superior=tree["province_a"],
        unit=units["centre"],
        year=YEAR,
        places=1,
        decision_number="5/UBND",
        acting_user=approver_a,
    )
    event = AuditEvent.objects.get(event_type="payroll.early_places_granted")
    assert event.extra == {"year": YEAR, "unit": "T01-TT", "places": 1}
    assert early_quota(units["centre"], YEAR).places == 1
    assert remainder_pool(tree["province_a"], YEAR).available == 0
    proposal = actions.do_propose_raises(
        organization=units["centre"], year=YEAR, selections=[early], acting_user=hr_a
    )
    item = proposal.items.get()
    assert (item.kind, item.new_step, item.new_coefficient, item.effective_from) == (
        "early",
        3,
        Decimal("3.00"),
        dt.date(YEAR, 12, 1),
    )
    with pytest.raises(ValidationError, match="còn 0 người"):
        actions.do_grant_early_places(
            superior=tree["province_a"],
            unit=units["board"],
            year=YEAR,
            places=1,
            decision_number="6/UBND",
            acting_user=approver_a,
        )
    assert list(EarlyRaiseGrant.objects.values_list("pk", flat=True)) == [grant.pk]


def test_an_officer_cannot_grant_and_places_lapse_after_the_first_quarter(tree, units, hr_a):
    with pytest.raises(Exception, match="quyền|Bạn"):
        actions.do_grant_early_places(
            superior=tree["province_a"],
            unit=units["centre"],
            year=YEAR,
            places=1,
            decision_number="5/UBND",
            acting_user=hr_a,
        )
    pool = remainder_pool(tree["province_a"], YEAR)
    assert grant_problem(pool, units["centre"], 1, today=dt.date(YEAR + 1, 3, 31)) == ""
    assert "hết hiệu lực sau 31/03/" in grant_problem(pool, units["centre"], 1, today=dt.date(YEAR + 1, 4, 1))
    # Before Thông tư 03/2021/TT-BNV took effect there is no pooling rule.
    assert remainder_pool(tree["province_a"], 2020) is None
    assert not EarlyRaiseGrant.objects.exists()


def test_the_raises_page_the_api_and_the_workbook_show_the_quota_and_the_pool(
    client, tree, units, hr_a, approver_a
):
    client.force_login(approver_a)
    url = reverse("payroll:raises")
    page = client.get(url, {"organization": tree["province_a"].pk, "year": YEAR}).content.decode()
    assert f"45 người trong danh sách trả lương ngày 31/12/{YEAR}: 4 người theo tỷ lệ 10%" in page
    assert "Số dư của các đơn vị trực thuộc: 15 người, giao thêm được 1 người, đã giao 0, còn 1" in page
    assert "dưới 10 người, ưu tiên" in page and 'id="grant-places"' in page
    refused = client.post(
        reverse("payroll:raises_grant"),
        {"organization": tree["province_a"].pk, "unit": units["centre"].pk, "year": YEAR, "places": 1},
    )
    assert "Hãy ghi số văn bản giao thêm chỉ tiêu." in refused.content.decode()
    answer = client.post(
        reverse("payroll:raises_grant"),
        {
            "organization": tree["province_a"].pk,
            "unit": units["centre"].pk,
            "year": YEAR,
            "places": 1,
            "decision_number": "5/UBND",
            "decision_date": f"15/11/{YEAR}",
        },
    )
    assert answer.status_code == 302
    assert EarlyRaiseGrant.objects.get().decision_date == dt.date(YEAR, 11, 15)
    quota = client.get("/api/v1/payroll/early-raise-quota", {"organization": "T01-TT", "year": YEAR}).json()
    assert {key: quota[key] for key in ("persons", "own_places", "remainder", "granted", "places")} == {
        "persons": 7,
        "own_places": 0,
        "remainder": 7,
        "granted": 1,
        "places": 1,
    }
    assert quota["pool"] is None and "số dư" in quota["pool_legal_basis"]
    over = client.post(
        "/api/v1/payroll/early-raise-grants",
        {"organization": "T01", "unit": "T01-BQL", "year": YEAR, "places": 1, "decision_number": "6/UBND"},
        content_type="application/json",
    )
    assert over.status_code == 422 and "còn 0 người" in over.json()["errors"][0]["message"]
    client.force_login(hr_a)
    early = Selection(units["early"].pk, 6, "Chiến sĩ thi đua cơ sở")
    proposal = actions.do_propose_raises(
        organization=units["centre"], year=YEAR, selections=[early], acting_user=hr_a
    )
    actions.do_approve_raise_proposal(proposal=proposal, decision_number="9/QĐ", acting_user=approver_a)
    sheet = client.get(reverse("payroll:proposal_sheet", args=[proposal.pk]))
    rows = CalamineWorkbook.from_filelike(io.BytesIO(sheet.content)).get_sheet_by_index(2).to_python()
    assert rows[1][:7] == ["Trung tâm A", 7, 0, 7, 1, 1, 1]


def _approved_early(organization, persons):
    """An approved proposal of ``organization`` raising each of ``persons`` six months early."""
    proposal = RaiseProposal.objects.create(
        organization=organization,
        year=YEAR,
        title="Đề nghị đã phê duyệt",
        proposed_on=dt.date(YEAR, 11, 1),
        status=ProposalStatus.APPROVED,
    )
    for person in persons:
        RaiseProposalItem.objects.create(
            proposal=proposal,
            person=person,
            kind=RaiseKind.EARLY,
            scale="A1",
            step=1,
            coefficient=Decimal("2.34"),
            clock_from=dt.date(YEAR - 1, 1, 1),
            regular_due=dt.date(YEAR + 2, 1, 1),
            months_early=6,
            effective_from=dt.date(YEAR + 1, 7, 1),
            new_step=2,
            new_coefficient=Decimal("2.67"),
        )
    return proposal


def test_a_unit_cannot_use_a_place_its_superior_used_for_the_same_person(tree, units, hr_a, approver_a):
    # A second candidate in the centre: 8 persons, 23 + 8 + 15 = 46 give the superior 4 places, the units
    # 2 + 0 + 1 of their own, and 1 to grant, which goes to the centre.
    hoa = salaried_person(units["centre"], "Lê Thị Hoa", "A1", 2, "2.67", dt.date(YEAR - 2, 6, 1))
    actions.do_grant_early_places(
        superior=tree["province_a"],
        unit=units["centre"],
        year=YEAR,
        places=1,
        decision_number="5/UBND",
        acting_user=approver_a,
    )
    # Both proposals pass while neither is approved; the superior's, approved first, raises Cường of the
    # centre early, which uses the centre's one place: the centre's own proposal can no longer use it.
    own = actions.do_propose_raises(
        organization=units["centre"],
        year=YEAR,
        selections=[Selection(hoa.pk, 6, "Chiến sĩ thi đua cơ sở")],
        acting_user=hr_a,
    )
    whole = actions.do_propose_raises(
        organization=tree["province_a"],
        year=YEAR,
        selections=[Selection(units["early"].pk, 6, "Chiến sĩ thi đua cơ sở")],
        acting_user=hr_a,
    )
    actions.do_approve_raise_proposal(proposal=whole, decision_number="9/QĐ", acting_user=approver_a)
    assert (approved_early(units["centre"], YEAR), approved_early(tree["province_a"], YEAR)) == (1, 1)
    with pytest.raises(
        ProposalRefused,
        match="trước thời hạn của Trung tâm A: đề nghị 1 người, đã phê duyệt 1 người",
    ) as refused:
        actions.do_approve_raise_proposal(proposal=own, decision_number="10/QĐ", acting_user=approver_a)
    assert "chỉ tiêu 1 người" in str(refused.value) and "mỗi suất chỉ được dùng một lần" in str(refused.value)
    assert list(SalaryHistory.objects.filter(person=hoa).values_list("step", flat=True)) == [2]


def test_a_superior_that_used_its_places_for_its_subtree_bounds_its_units(tree, units):
    # The superior's 4 places (45 persons) all used for persons of the department, which has 2 of its own.
    department = list(Person.objects.filter(assignments__organization=units["department"])[:4])
    _approved_early(tree["province_a"], department)
    EarlyRaiseGrant.objects.create(
        superior=tree["province_a"],
        unit=units["centre"],
        year=YEAR,
        places=1,
        decision_number="5/UBND",
        decision_date=dt.date(YEAR, 11, 15),
    )
    assert [approved_early(units[key], YEAR) for key in ("department", "centre", "board")] == [4, 0, 0]
    # The centre's granted place is not used on its own list, but the superior's quota has none left.
    (problem,) = quota_problems(units["centre"], YEAR, 1)
    assert problem.message.startswith(
        "Vượt chỉ tiêu nâng bậc lương trước thời hạn của UBND tỉnh A: đề nghị 1 người, đã phê duyệt 4 người"
    )
    assert "chỉ tiêu 4 người" in problem.message and "Cấp trên này đã đề nghị" in problem.message
    # The department's own 2 places are used by the superior's raises of its persons.
    assert [problem.message.split(":")[0] for problem in quota_problems(units["department"], YEAR, 1)] == [
        "Vượt chỉ tiêu nâng bậc lương trước thời hạn của Sở Nội vụ tỉnh A",
        "Vượt chỉ tiêu nâng bậc lương trước thời hạn của UBND tỉnh A",
    ]
    assert quota_problems(units["board"], YEAR, 0) == []


def test_an_approval_after_the_first_quarter_of_the_next_year_is_refused(
    tree, units, hr_a, approver_a, monkeypatch
):
    actions.do_grant_early_places(
        superior=tree["province_a"],
        unit=units["centre"],
        year=YEAR,
        places=1,
        decision_number="5/UBND",
        acting_user=approver_a,
    )
    proposal = actions.do_propose_raises(
        organization=units["centre"],
        year=YEAR,
        selections=[Selection(units["early"].pk, 6, "Chiến sĩ thi đua cơ sở")],
        acting_user=hr_a,
    )
    assert quota_problems(units["centre"], YEAR, 1, exclude=proposal.pk, today=dt.date(YEAR + 1, 3, 31)) == []
    monkeypatch.setattr(dates, "today", lambda: dt.date(YEAR + 1, 4, 1))
    with pytest.raises(ProposalRefused, match=f"năm {YEAR} đã hết hiệu lực sau 31/03/{YEAR + 1}") as refused:
        actions.do_approve_raise_proposal(proposal=proposal, decision_number="9/QĐ", acting_user=approver_a)
    assert "03/2021/TT-BNV" in str(refused.value)
    assert list(SalaryHistory.objects.filter(person=units["early"]).values_list("step", flat=True)) == [2]
