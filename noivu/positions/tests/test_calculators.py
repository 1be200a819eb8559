"""``manage.py calc position-project``: hand-computed cases of each check, the regime by date, bad input."""

import pytest

pytestmark = pytest.mark.django_db

HEAD = {
    "code": "LD01",
    "group": "leadership",
    "leadership_role": "head",
    "headcount": 1,
    "rank_code": "01.001",
}


def _case(**changes):
    case = {
        "date": "2026-03-01",
        "staff_kind": "civil_servant",
        "level": "province",
        "quota": 10,
        "divisions": 2,
        "positions": [
            HEAD,
            {
                "code": "CM01",
                "group": "professional",
                "headcount": 4,
                "rank_code": "01.003",
                "min_rank_code": "01.003",
            },
        ],
        "people": [
            {"id": 1, "name": "Nguyễn Văn A", "rank_code": "01.001", "position": "LD01"},
            {"id": 2, "name": "Trần Thị B", "rank_code": "01.003", "position": "CM01"},
        ],
    }
    case.update(changes)
    return case


def _checks(output):
    return {(f["check"], f["severity"]) for f in output["result"]["findings"]}


def test_a_sound_project_has_no_finding(calc_command):
    output, code = calc_command("position-project", _case())
    assert code == 0
    assert output["result"] == {
        "valid": True,
        "errors": 0,
        "warnings": 0,
        "total_headcount": 5,
        "findings": [],
    }


def test_over_quota_is_an_error_citing_the_decree_of_the_date(calc_command):
    output, _ = calc_command("position-project", _case(quota=4))
    finding = output["result"]["findings"][0]
    assert (finding["check"], finding["severity"]) == ("within_quota", "error")
    assert "5" in finding["message"] and "4" in finding["message"]
    assert finding["citation"] == "361/2025/NĐ-CP"
    before, _ = calc_command("position-project", _case(quota=4, date="2025-06-01"))
    assert before["result"]["findings"][0]["citation"] == "62/2020/NĐ-CP"


def test_rank_structure_cap_follows_the_date(calc_command):
    # 4 of a quota of 10 planned as chuyên viên chính (01.002) and 1 head as chuyên viên cao cấp (01.001).
    positions = [HEAD, {"code": "CM01", "group": "professional", "headcount": 4, "rank_code": "01.002"}]
    people = [{"id": 1, "name": "A", "rank_code": "01.001", "position": "LD01"}]
    # From 31/12/2025, Nghị định 361/2025: chuyên viên chính at most 50 % of 10 = 5; 4 is within it.
    output, _ = calc_command("position-project", _case(positions=positions, people=people))
    assert ("rank_structure", "error") not in _checks(output)
    # Under letter 64/BNV-CCVC (2024–2025): chuyên viên chính and above at most 40 % of 10 = 4; 5 exceed it.
    output, _ = calc_command("position-project", _case(positions=positions, people=people, date="2025-06-01"))
    finding = next(f for f in output["result"]["findings"] if f["check"] == "rank_structure")
    assert finding["citation"] == "64/BNV-CCVC"
    assert "5" in finding["message"] and "40%" in finding["message"] and "(4 người)" in finding["message"]


def test_each_person_in_exactly_one_main_position(calc_command):
    people = [
        {"id": 1, "name": "Nguyễn Văn A", "rank_code": "01.001", "position": "LD01"},
        {"id": 2, "name": "Trần Thị B", "rank_code": "01.003", "position": ["CM01", "LD01"]},
        {"id": 3, "name": "Lê Văn C", "rank_code": "01.003", "concurrent": ["CM01"]},
    ]
    output, _ = calc_command("position-project", _case(people=people))
    by_check = {f["check"]: f for f in output["result"]["findings"]}
    assert by_check["person_mapped_twice"]["person_id"] == 2
    assert "Trần Thị B" in by_check["person_mapped_twice"]["message"]
    assert by_check["person_unmapped"]["person_id"] == 3
    assert by_check["position_overfilled"]["position_code"] == "LD01"


def test_rank_and_qualification_below_the_position_are_warnings(calc_command):
    positions = [
        HEAD,
        {
            "code": "CM01",
            "group": "professional",
            "headcount": 4,
            "rank_code": "01.003",
            "min_rank_code": "01.003",
            "min_qualification": "university",
        },
    ]
    people = [
        {"id": 1, "name": "A", "rank_code": "01.001", "position": "LD01"},
        {
            "id": 2,
            "name": "Cán sự B",
            "rank_code": "01.004",
            "qualification": "university",
            "position": "CM01",
        },
        {"id": 3, "name": "Thạc sĩ C", "rank_code": "01.002", "qualification": "master", "position": "CM01"},
        {
            "id": 4,
            "name": "Cao đẳng D",
            "rank_code": "01.003",
            "qualification": "college",
            "position": "CM01",
        },
    ]
    output, code = calc_command("position-project", _case(positions=positions, people=people))
    assert code == 0
    found = {(f["check"], f["person_id"], f["severity"]) for f in output["result"]["findings"]}
    assert found == {
        ("rank_below_minimum", 2, "warning"),
        ("qualification_below_minimum", 4, "warning"),
    }
    assert output["result"]["valid"] is True


def test_leadership_follows_the_structure(calc_command):
    positions = [
        {**HEAD, "headcount": 2},
        {
            "code": "LD03",
            "group": "leadership",
            "leadership_role": "division_head",
            "headcount": 3,
            "rank_code": "01.003",
        },
    ]
    output, _ = calc_command("position-project", _case(positions=positions, people=[], divisions=2))
    assert {"leadership_head", "leadership_divisions"} <= {c for c, _ in _checks(output)}


def test_public_service_unit_needs_professional_positions_until_the_new_decree(calc_command):
    positions = [
        {"code": "QL01", "group": "leadership", "leadership_role": "head", "headcount": 1},
        {"code": "CM01", "group": "professional", "headcount": 5},
        {"code": "HT01", "group": "support", "headcount": 4},
    ]
    case = _case(staff_kind="public_employee", positions=positions, people=[], date="2026-03-01")
    # 5 of 10 in professional positions; Nghị định 106/2020 Điều 3 khoản 5 wants ceil(65 % × 10) = 7.
    output, _ = calc_command("position-project", case)
    finding = next(f for f in output["result"]["findings"] if f["check"] == "professional_share")
    assert finding["citation"] == "106/2020/NĐ-CP, Điều 3"
    assert "7" in finding["message"]
    # Nghị định 232/2026 (from 01/7/2026) does not carry the 65 % rule as read.
    later, _ = calc_command("position-project", {**case, "date": "2026-07-01"})
    assert "professional_share" not in {c for c, _ in _checks(later)}


def test_required_positions_are_present(calc_command):
    output, _ = calc_command("position-project", _case(required=[{"code": "HT09", "name": "Văn thư"}]))
    finding = output["result"]["findings"][0]
    assert finding["check"] == "required_missing" and "Văn thư" in finding["message"]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"extra": 1}, "extra"),
        ({"staff_kind": "soldier"}, "staff_kind"),
        ({"quota": -1}, "quota"),
        ({"positions": [HEAD, HEAD]}, "positions[1].code"),
        ({"people": [{"id": 1, "position": "NOPE"}]}, "people[0].position"),
        ({"date": "31/02/2026"}, "date"),
    ],
)
def test_bad_input_names_the_field(calc_command, changes, field):
    output, code = calc_command("position-project", _case(**changes))
    assert code == 2
    assert output["error"]["field"] == field


def _levels_case(ranks: list[str], headcount: int, date: str = "2026-08-01") -> dict:
    """A public-service unit whose professional position CM01 holds people of the ranks given: 01.004
    (A0, level 2), 01.003 (A1, level 3), 01.002 (A2.1, level 4), 01.001 (A3.1, level 5)."""
    head = {"code": "QL01", "group": "leadership", "leadership_role": "head", "headcount": 1}
    people = [{"id": 1, "name": "Người đứng đầu", "rank_code": "", "position": "QL01"}]
    people += [
        {"id": number, "name": f"Viên chức {number}", "rank_code": rank, "position": "CM01"}
        for number, rank in enumerate(ranks, 2)
    ]
    return _case(
        staff_kind="public_employee",
        date=date,
        quota=headcount + 1,
        divisions=0,
        positions=[head, {"code": "CM01", "group": "professional", "headcount": headcount}],
        people=people,
    )


def _level_findings(output):
    return [f for f in output["result"]["findings"] if f["check"] == "career_level_cap"]


def test_career_levels_of_a_position_stay_within_the_shares_of_decree_232(calc_command):
    # Ten posts, levels 5/4/3: at most floor(30 % × 10) = 3 at level 5 and 4 at level 4.
    ranks = ["01.001"] * 4 + ["01.002"] * 5 + ["01.003"]
    output, _ = calc_command("position-project", _levels_case(ranks, 10))
    findings = _level_findings(output)
    assert [(f["severity"], f["citation"]) for f in findings] == [
        ("warning", "232/2026/NĐ-CP, Điều 10 khoản 2")
    ] * 2
    messages = sorted(f["message"] for f in findings)
    assert (
        "4 viên chức ở bậc nghề nghiệp 5, vượt tỷ lệ tối đa 30%" in messages[0] and "(3 người)" in messages[0]
    )
    assert (
        "5 viên chức ở bậc nghề nghiệp 4, vượt tỷ lệ tối đa 40%" in messages[1] and "(4 người)" in messages[1]
    )


def test_two_levels_cap_the_higher_at_half_and_one_level_is_not_capped(calc_command):
    two, _ = calc_command("position-project", _levels_case(["01.002"] * 3 + ["01.003"], 4))
    assert [f["message"] for f in _level_findings(two)] == [
        "Vị trí CM01 có 3 viên chức ở bậc nghề nghiệp 4, vượt tỷ lệ tối đa 50% số lượng người làm việc "
        "của vị trí (2 người)."
    ]
    within, _ = calc_command("position-project", _levels_case(["01.002"] * 2 + ["01.003"] * 2, 4))
    assert _level_findings(within) == []
    single, _ = calc_command("position-project", _levels_case(["01.002"] * 4, 4))
    assert _level_findings(single) == []


def test_career_level_shares_start_with_decree_232(calc_command):
    before, _ = calc_command("position-project", _levels_case(["01.002"] * 3 + ["01.003"], 4, "2026-06-30"))
    assert _level_findings(before) == []
