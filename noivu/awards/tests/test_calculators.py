"""``calc award-amount`` against every reward-money example of the domain notes (awards_examples.yaml
RM-001 to RM-005) and ``calc award-eligibility`` against the eligibility examples EL-001 to EL-006, plus
the refusals naming the field."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from noivu.core.calculation import CaseError, run

pytestmark = pytest.mark.django_db

# A decision date on which each base salary of the examples was in force, under the decree of that day.
ON_1800000 = "2024-03-15"  # Nghị định 98/2023; base 1,800,000 (Nghị định 24/2023)
ON_2340000_ND98 = "2025-01-20"  # Nghị định 98/2023; base 2,340,000 (Nghị định 73/2024)
ON_2340000_ND152 = "2025-12-20"  # Nghị định 152/2025; base 2,340,000
ON_2530000 = "2026-07-15"  # Nghị định 152/2025; base 2,530,000 (Nghị định 161/2026)


def amount(award, decided_on, recipient="individual", rounding=True):
    case = {"award": award, "decided_on": decided_on, "recipient": recipient, "rounding": rounding}
    return run("award-amount", case)["result"]["amount"]


@pytest.mark.parametrize(
    "award,recipient,expected",
    [
        ("CSTDTQ", "individual", 8100000),
        ("CSTD_BO_TINH", "individual", 5400000),
        ("CSTDCS", "individual", 1800000),
        ("LDTT", "individual", 540000),
        ("CO_THI_DUA_CP", "collective", 21600000),
        ("CO_THI_DUA_BO_TINH", "collective", 14400000),
        ("TTLDXS", "collective", 2700000),
        ("TTLDTT", "collective", 1440000),
        ("HC_SAO_VANG", "collective", 165600000),
        ("HC_SAO_VANG", "individual", 82800000),
    ],
)
def test_rm001_the_official_table_at_the_base_salary_of_2023(award, recipient, expected):
    assert amount(award, ON_1800000, recipient) == expected


def test_rm002_third_class_labour_order_at_the_base_salary_of_2024():
    assert amount("HCLD_3", ON_2340000_ND98) == 10530000


@pytest.mark.parametrize(
    "award,recipient,expected",
    [
        ("CSTDTQ", "individual", 10530000),
        ("CSTD_BO_TINH", "individual", 7020000),
        ("CSTDCS", "individual", 2340000),
        ("TTLDXS", "collective", 3510000),
        ("XA_TIEU_BIEU", "collective", 4680000),
        ("CO_THI_DUA_CP", "collective", 28080000),
        ("CO_THI_DUA_BO_TINH", "collective", 18720000),
        ("CO_THI_DUA_BQP_DHQG", "collective", 14040000),
    ],
)
def test_rm003_titles_under_decree_152(award, recipient, expected):
    assert amount(award, ON_2340000_ND152, recipient) == expected


@pytest.mark.parametrize(
    "award,recipient,published,rounded",
    [("LDTT", "individual", 702000, 710000), ("TTLDTT", "collective", 1872000, 1880000)],
)
def test_rm003_the_press_figure_is_the_product_and_the_decree_rounds_it_up(
    award, recipient, published, rounded
):
    assert amount(award, ON_2340000_ND152, recipient) == rounded
    assert amount(award, ON_2340000_ND152, recipient, rounding=False) == published


@pytest.mark.parametrize(
    "award,recipient,expected",
    [
        ("BK_TTG", "individual", 8190000),
        ("BK_TTG", "collective", 16380000),
        ("BK_BO_TINH", "individual", 3510000),
        ("BK_BO_TINH", "collective", 7020000),
        ("GIAY_KHEN", "collective", 1410000),
        ("HCLD_3", "collective", 21060000),
    ],
)
def test_rm004_forms_under_decree_152(award, recipient, expected):
    assert amount(award, ON_2340000_ND152, recipient) == expected


def test_rm004_the_unrounded_giay_khen_of_a_collective():
    assert amount("GIAY_KHEN", ON_2340000_ND152, "collective", rounding=False) == 1404000


@pytest.mark.parametrize(
    "award,raw,rounded",
    [
        ("CSTDCS", 2530000, 2530000),
        ("CSTDTQ", 11385000, 11390000),
        ("LDTT", 759000, 760000),
        ("BK_TTG", 8855000, 8860000),
    ],
)
def test_rm005_the_base_salary_of_july_2026(award, raw, rounded):
    assert amount(award, ON_2530000, rounding=False) == raw
    assert amount(award, ON_2530000) == rounded


def test_the_regime_of_the_decision_date_sets_the_money_of_a_ministry_certificate():
    # 1.0 × 2,340,000 under Nghị định 98/2023 on 30/6/2025; 1.5 × 2,340,000 under 152/2025 the next day.
    before = run("award-amount", {"award": "BK_BO_TINH", "decided_on": "30/06/2025"})
    after = run("award-amount", {"award": "BK_BO_TINH", "decided_on": "01/07/2025"})
    assert (before["result"]["amount"], after["result"]["amount"]) == (2340000, 3510000)
    citations = [rule["legal_basis"]["citation"] for rule in after["explanation"]["rules"]]
    assert "152/2025/NĐ-CP, Điều 54" in citations and "152/2025/NĐ-CP, Điều 49" in citations
    assert before["explanation"]["rules"][1]["legal_basis"]["confidence"] == "unverified"


@pytest.mark.parametrize(
    "case,field",
    [
        ({"award": "CSTDCS", "decided_on": "2023-12-31"}, "decided_on"),
        ({"award": "TTLDXS", "decided_on": "2025-01-20"}, "award"),
        ({"award": "NOTHING", "decided_on": "2025-01-20"}, "award"),
        ({"award": "CSTDCS", "decided_on": "2025-01-20", "recipient": "family"}, "recipient"),
        ({"award": "CSTDCS", "decided_on": "2025-01-20", "amount": 1}, "amount"),
        ({"award": "CSTDCS"}, "decided_on"),
    ],
)
def test_bad_amount_input_names_the_field(case, field):
    with pytest.raises(CaseError) as refused:
        run("award-amount", case)
    assert refused.value.field == field


def eligible(persons, year=2024, decided_on="2025-01-20", **extra):
    result = run("award-eligibility", {"year": year, "decided_on": decided_on, "persons": persons, **extra})
    return result["result"]


def title(result, code, person=0):
    return next(t for t in result["persons"][person]["titles"] if t["code"] == code)


def test_el001_two_excellent_years_with_two_initiatives_earn_a_ministry_certificate():
    person = {
        "ratings": {"2023": "HTXS", "2024": "HTXS"},
        "initiatives": [{"year": 2023, "level": "grassroots"}, {"year": 2024, "level": "grassroots"}],
        "titles": [{"year": 2024, "title": "CSTDCS"}],
    }
    assert title(eligible([person]), "BK_BO_TINH")["eligible"] is True
    # Without the second initiative and without two fighter titles, neither route holds.
    person["initiatives"] = [{"year": 2024}]
    person["titles"] = []
    refused = title(eligible([person]), "BK_BO_TINH")
    assert (refused["eligible"], refused["failed"]) == (False, "BK_BO_TINH.route")
    assert refused["citation"] == "06/2022/QH15, Điều 74 khoản 1 điểm d"


def labour_order_case(levels, fighter_years):
    first = 2024 - len(levels) + 1
    return {
        "ratings": {str(first + k): level for k, level in enumerate(levels)},
        "titles": [
            {"year": 2018, "title": "BK_TTG"},
            *[{"year": y, "title": "CSTDCS"} for y in fighter_years],
        ],
    }


def test_el002_third_class_labour_order_after_the_prime_ministers_certificate():
    ok = labour_order_case(["HTT", "HTXS", "HTT", "HTXS", "HTXS"], [2022, 2023, 2024])
    assert title(eligible([ok]), "HCLD_3")["eligible"] is True
    no_excellent = labour_order_case(["HTT"] * 5, [2021, 2022, 2023])
    assert title(eligible([no_excellent]), "HCLD_3")["failed"] == "HCLD_3.excellent"
    four_years = labour_order_case(["HTXS"] * 4, [2022, 2023, 2024])
    assert title(eligible([four_years]), "HCLD_3")["failed"] == "HCLD_3.years"


def certificate_case(has_ministry_certificate, good_years, fighter_titles):
    person = labour_order_case(["HTT"] * good_years, list(range(2024 - fighter_titles + 1, 2025)))
    person["titles"] = [t for t in person["titles"] if t["title"] != "BK_TTG"]
    if has_ministry_certificate:
        person["titles"].append({"year": 2017, "title": "BK_BO_TINH"})
    return person


def test_el003_the_prime_ministers_certificate_after_a_ministry_certificate():
    assert title(eligible([certificate_case(False, 3, 3)]), "BK_TTG")["failed"] == "BK_TTG.holds"
    assert title(eligible([certificate_case(True, 5, 3)]), "BK_TTG")["eligible"] is True
    assert title(eligible([certificate_case(True, 6, 2)]), "BK_TTG")["failed"] == "BK_TTG.fighters"


def test_el004_ministry_fighter_needs_three_consecutive_grassroots_fighter_titles():
    initiative = [{"year": 2023, "level": "ministry_province"}]
    consecutive = {
        "titles": [{"year": y, "title": "CSTDCS"} for y in (2022, 2023, 2024)],
        "initiatives": initiative,
    }
    assert title(eligible([consecutive]), "CSTD_BO_TINH")["eligible"] is True
    gap = {"titles": [{"year": y, "title": "CSTDCS"} for y in (2021, 2023, 2024)], "initiatives": initiative}
    assert title(eligible([gap]), "CSTD_BO_TINH")["failed"] == "CSTD_BO_TINH.consecutive"
    twice = {
        "titles": [{"year": 2021, "title": "CSTD_BO_TINH"}, {"year": 2024, "title": "CSTD_BO_TINH"}],
        "initiatives": [{"year": 2022, "level": "national"}],
    }
    assert title(eligible([twice]), "CSTDTQ")["eligible"] is True


@pytest.mark.parametrize(
    "rating,initiatives,expected,failed",
    [
        ("HTXS", 0, True, None),
        ("HTT", 1, True, None),
        ("HTT", 0, False, "CSTDCS.achievement"),
        ("HT", 2, False, "CSTDCS.advanced"),
    ],
)
def test_el005_grassroots_fighter_needs_an_excellent_year_or_an_initiative(
    rating, initiatives, expected, failed
):
    person = {"ratings": {"2024": rating}, "initiatives": [{"year": 2024}] * initiatives}
    found = title(eligible([person]), "CSTDCS")
    assert (found["eligible"], found["failed"]) == (expected, failed)


def collective(members, completed, advanced, fighters):
    """``members`` persons: the first ``fighters`` rated HTXS (fighters), up to ``advanced`` rated HTT, up to
    ``completed`` rated HT, the rest KHT."""
    persons = []
    for k in range(members):
        level = "HTXS" if k < fighters else "HTT" if k < advanced else "HT" if k < completed else "KHT"
        persons.append({"id": k + 1, "ratings": {"2024": level}})
    return persons


@pytest.mark.parametrize(
    "members,completed,advanced,fighters,expected,failed",
    [
        (20, 20, 14, 1, True, None),
        (20, 20, 13, 1, False, "TTLDXS.advanced"),
        (20, 19, 18, 2, False, "TTLDXS.completed"),
        (10, 10, 10, 0, False, "TTLDXS.fighter"),
    ],
)
def test_el006_excellent_labour_collective(members, completed, advanced, fighters, expected, failed):
    result = eligible(collective(members, completed, advanced, fighters), unit_rating="HTXS")
    found = next(t for t in result["collective"]["titles"] if t["code"] == "TTLDXS")
    assert (found["eligible"], found["failed"]) == (expected, failed)


def test_the_advanced_collective_rests_on_an_unverified_article_and_says_so():
    result = eligible(collective(4, 4, 3, 0), unit_rating="HTT")
    found = next(t for t in result["collective"]["titles"] if t["code"] == "TTLDTT")
    assert (found["eligible"], found["confidence"]) == (True, "unverified")


def test_a_collective_flag_and_certificate_of_merit_from_the_units_earlier_years_and_titles():
    # One excellent member, the unit excellent in 2023 and 2024: Tập thể lao động xuất sắc, the flag of its
    # ministry or province and the Bằng khen (two years running); the Government's flag only once it holds
    # the provincial one for 2024.
    members = [{"ratings": {"2024": "HTXS"}}]
    result = eligible(members, unit_rating="HTXS", unit_ratings={"2023": "HTXS"})
    found = {t["code"]: t["failed"] for t in result["collective"]["titles"]}
    assert result["collective"]["eligible"] == ["TTLDXS", "TTLDTT", "CO_THI_DUA_BO_TINH", "BK_BO_TINH_TT"]
    assert found["CO_THI_DUA_CP"] == "CO_THI_DUA_CP.holds"
    held = eligible(members, unit_rating="HTXS", unit_titles=[{"year": 2024, "title": "CO_THI_DUA_BO_TINH"}])
    found = {t["code"]: t["failed"] for t in held["collective"]["titles"]}
    assert found["CO_THI_DUA_CP"] is None and found["CO_THI_DUA_BO_TINH"] == "CO_THI_DUA_BO_TINH.not_held"
    # Without the year before, one excellent year is not two.
    assert found["BK_BO_TINH_TT"] == "BK_BO_TINH_TT.rating"
    # Its money: the collective coefficient of the ministry's Bằng khen, 3.0 × 2,340,000 (RM-004).
    assert amount("BK_BO_TINH_TT", ON_2340000_ND152, "collective") == 7020000


def test_no_title_while_under_discipline_and_achievements_count_from_its_end():
    person = {
        "ratings": {"2022": "HTXS", "2023": "HTXS", "2024": "HTXS"},
        "titles": [{"year": 2022, "title": "CSTDCS"}, {"year": 2023, "title": "CSTDCS"}],
        "disciplines": [{"from": "2024-03-01", "to": "2024-08-31", "form": "reprimand"}],
    }
    found = eligible([person])
    assert found["persons"][0]["eligible"] == []
    assert title(found, "LDTT")["failed"] == "LDTT.discipline"
    # The discipline ended in 2023: 2024 is free, but the 2022 and 2023 titles do not count any more.
    person["disciplines"] = [{"from": "2023-01-10", "to": "2023-12-31"}]
    found = eligible([person])
    assert found["persons"][0]["eligible"] == ["LDTT", "CSTDCS"]
    assert title(found, "BK_BO_TINH")["failed"] == "BK_BO_TINH.route"


def test_several_persons_are_screened_together_and_each_keeps_its_own_answer():
    result = eligible([{"id": 7, "ratings": {"2024": "HTT"}}, {"id": 9, "ratings": {"2024": "HT"}}])
    assert [(p["id"], p["eligible"]) for p in result["persons"]] == [(7, ["LDTT"]), (9, [])]


@pytest.mark.parametrize(
    "case,field",
    [
        ({"persons": [{}]}, "year"),
        ({"year": 2024, "decided_on": "2023-06-01", "persons": [{}]}, "decided_on"),
        ({"year": 2024, "persons": []}, "persons"),
        ({"year": 2024, "persons": [{"ratings": {"2024": "GOOD"}}]}, "persons[0].ratings.2024"),
        (
            {"year": 2024, "persons": [{"titles": [{"year": 2023, "title": "X"}]}]},
            "persons[0].titles[0].title",
        ),
        (
            {"year": 2024, "persons": [{"initiatives": [{"year": 2023, "level": "city"}]}]},
            "persons[0].initiatives[0].level",
        ),
        (
            {"year": 2024, "persons": [{"disciplines": [{"from": "2024-05-01", "to": "2024-01-01"}]}]},
            "persons[0].disciplines[0].to",
        ),
        ({"year": 2024, "persons": [{"id": 1}, {"id": 1}]}, "persons"),
        ({"year": 2024, "persons": [{}], "unit_rating": "A"}, "unit_rating"),
        ({"year": 2024, "persons": [{"salary": 1}]}, "persons[0].salary"),
        ({"year": 2024, "persons": [{}], "unit_ratings": {"2023": "HTXS"}}, "unit_rating"),
        (
            {"year": 2024, "persons": [{}], "unit_rating": "HTXS", "unit_ratings": {"2024": "HTXS"}},
            "unit_ratings.2024",
        ),
        (
            {
                "year": 2024,
                "persons": [{}],
                "unit_rating": "HTXS",
                "unit_titles": [{"year": 2024, "title": "X"}],
            },
            "unit_titles[0].title",
        ),
    ],
)
def test_bad_eligibility_input_names_the_field(case, field):
    with pytest.raises(CaseError) as refused:
        run("award-eligibility", case)
    assert refused.value.field == field


def test_the_command_reads_a_file_and_answers_json(tmp_path):
    path = tmp_path / "case.json"
    path.write_text(json.dumps({"award": "CSTDCS", "decided_on": "2025-07-01"}), encoding="utf-8")
    out = StringIO()
    call_command("calc", "award-amount", "--json", str(path), stdout=out)
    assert json.loads(out.getvalue())["result"]["amount"] == 2340000
