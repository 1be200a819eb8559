"""The benefit rules against the worked examples: the official example of Thông tư 19/2025/TT-BQP (Ví dụ 01,
02) is a hard truth; the others are computed by hand from the articles cited in the rule tables."""

import datetime as dt
from decimal import Decimal

import pytest

from noivu.staffing.benefits import (
    EARLY_RETIREMENT,
    ND29,
    ND154,
    ND178,
    RESIGNATION,
    TRANSFER,
    BenefitCase,
    BenefitError,
    Benefits,
    compute,
    compute_many,
    rounded_years,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def benefits() -> Benefits:
    return Benefits.load()


def amounts(result) -> dict[str, int]:
    return {item.code: item.amount for item in result.items}


def test_official_example_tt19_2025_vi_du_02_early_retirement_under_178(benefits):
    # Đại tá, salary 30,000,000, retires 01/06/2025 48 months early, 35 years 4 months of insurance, in the
    # first 12 months after the merger decision of 03/2025: 1,440,000,000 + 600,000,000 + 382,500,000.
    case = BenefitCase(
        policy=EARLY_RETIREMENT,
        leave_date=dt.date(2025, 6, 1),
        salary_current=30_000_000,
        months_to_retirement=48,
        si_years=35,
        si_months=4,
        restructuring=True,
        restructuring_decision_date=dt.date(2025, 3, 15),
        gender="M",
    )
    result = compute(case, benefits)
    assert result.regime == ND178
    assert result.phase == "first_12_months"
    assert amounts(result) == {
        "lump_sum": 1_440_000_000,
        "per_year_early": 600_000_000,
        "si_service": 382_500_000,
    }
    assert result.total == 2_422_500_000
    assert result.si_years_counted == Decimal("35.5")
    citations = {item.code: item.rule.legal_basis.citation for item in result.items}
    assert citations["lump_sum"].startswith("178/2024/NĐ-CP, Điều 7")


def test_official_example_tt19_2025_vi_du_01_pension_rate_not_reduced(benefits):
    # Trung tá, 32 years of compulsory insurance: 45% for the first 20 years + 2% × 12 = 69%.
    case = BenefitCase(
        policy=EARLY_RETIREMENT,
        leave_date=dt.date(2025, 6, 1),
        salary_current=20_000_000,
        months_to_retirement=40,
        si_years=32,
        restructuring=True,
        phase="first_12_months",
        gender="M",
    )
    assert compute(case, benefits).pension_rate_percent == 69


def test_178_five_to_ten_years_band_by_phase(benefits):
    # Hand-computed (Điều 7 as amended): 20 M × 0.9 × 60; 20 M × 4 × 7; 20 M × (5 + 0.5 × 10).
    base = dict(
        policy=EARLY_RETIREMENT,
        leave_date=dt.date(2025, 5, 1),
        salary_current=20_000_000,
        months_to_retirement=84,
        si_years=30,
        restructuring=True,
    )
    first = compute(BenefitCase(**base, phase="first_12_months"), benefits)
    later = compute(BenefitCase(**base, phase="from_month_13"), benefits)
    assert amounts(first) == {
        "lump_sum": 1_080_000_000,
        "per_year_early": 560_000_000,
        "si_service": 200_000_000,
    }
    assert first.total == 1_840_000_000
    assert later.total == 1_300_000_000


def test_178_under_two_years_gets_the_lump_sum_only(benefits):
    base = dict(
        policy=EARLY_RETIREMENT,
        leave_date=dt.date(2025, 5, 1),
        salary_current=15_000_000,
        months_to_retirement=18,
        si_years=30,
        restructuring=True,
    )
    assert compute(BenefitCase(**base, phase="first_12_months"), benefits).total == 270_000_000
    assert compute(BenefitCase(**base, phase="from_month_13"), benefits).total == 135_000_000


def test_178_service_allowance_counts_four_months_for_fifteen_years_from_july_2025(benefits):
    # Retiring 01/01/2026 (after 1/7/2025): 30 M × (4 + 0.5 × (36 − 15)); 41 months early → 3.5 years.
    case = BenefitCase(
        policy=EARLY_RETIREMENT,
        leave_date=dt.date(2026, 1, 1),
        salary_current=30_000_000,
        months_to_retirement=41,
        si_years=35,
        si_months=11,
        restructuring=True,
        phase="first_12_months",
    )
    result = compute(case, benefits)
    assert amounts(result) == {
        "lump_sum": 1_230_000_000,
        "per_year_early": 525_000_000,
        "si_service": 435_000_000,
    }


def test_178_phase_follows_the_restructuring_decision_date(benefits):
    base = dict(
        policy=RESIGNATION,
        salary_current=10_000_000,
        months_to_retirement=96,
        si_years=12,
        restructuring=True,
        restructuring_decision_date=dt.date(2025, 3, 1),
    )
    first = compute(BenefitCase(leave_date=dt.date(2025, 6, 1), **base), benefits)
    later = compute(
        BenefitCase(leave_date=dt.date(2026, 3, 2), case_date=dt.date(2025, 6, 1), **base), benefits
    )
    assert amounts(first) == {"severance": 480_000_000, "per_si_year": 180_000_000, "job_search": 30_000_000}
    assert first.total == 690_000_000
    assert later.phase == "from_month_13" and later.total == 450_000_000


def test_178_resignation_needs_two_years_to_retirement(benefits):
    with pytest.raises(BenefitError, match="178/2024/NĐ-CP, Điều 9") as error:
        compute(
            BenefitCase(
                policy=RESIGNATION,
                leave_date=dt.date(2025, 6, 1),
                salary_current=10_000_000,
                months_to_retirement=20,
                si_years=30,
                restructuring=True,
                phase="first_12_months",
            ),
            benefits,
        )
    assert error.value.field == "months_to_retirement"


def test_178_refuses_more_than_ten_years_early(benefits):
    with pytest.raises(BenefitError, match="120 tháng"):
        compute(
            BenefitCase(
                policy=EARLY_RETIREMENT,
                leave_date=dt.date(2025, 6, 1),
                salary_current=10_000_000,
                months_to_retirement=121,
                si_years=20,
                restructuring=True,
                phase="first_12_months",
            ),
            benefits,
        )


def test_29_2023_early_retirement_uses_the_average_salary(benefits):
    # Điều 5: 3 × 8 M × 3 years; 8 M × (5 + 0.5 × 5).
    case = BenefitCase(
        policy=EARLY_RETIREMENT,
        leave_date=dt.date(2024, 9, 1),
        salary_current=9_000_000,
        salary_average=8_000_000,
        months_to_retirement=36,
        si_years=25,
    )
    result = compute(case, benefits)
    assert result.regime == ND29
    assert amounts(result) == {"per_year_early": 72_000_000, "si_service": 60_000_000}


def test_29_2023_needs_the_average_salary(benefits):
    with pytest.raises(BenefitError) as error:
        compute(
            BenefitCase(
                policy=EARLY_RETIREMENT,
                leave_date=dt.date(2024, 9, 1),
                salary_current=9_000_000,
                months_to_retirement=36,
                si_years=25,
            ),
            benefits,
        )
    assert error.value.field == "salary_average"


def test_154_2025_governs_cases_from_16_june_2025(benefits):
    # Điều 6, group 2: 5 × 10 M × 3 years; (5 + 0.5 × 5) × 10 M.
    case = BenefitCase(
        policy=EARLY_RETIREMENT,
        leave_date=dt.date(2025, 10, 1),
        case_date=dt.date(2025, 6, 16),
        salary_current=10_000_000,
        months_to_retirement=36,
        si_years=25,
    )
    result = compute(case, benefits)
    assert result.regime == ND154
    assert result.total == 225_000_000
    day_before = compute(
        BenefitCase(
            policy=EARLY_RETIREMENT,
            leave_date=dt.date(2025, 10, 1),
            case_date=dt.date(2025, 6, 15),
            salary_current=10_000_000,
            salary_average=10_000_000,
            months_to_retirement=36,
            si_years=25,
        ),
        benefits,
    )
    assert day_before.regime == ND29


def test_154_2025_flat_five_months_between_fifteen_and_twenty_years(benefits):
    case = BenefitCase(
        policy=EARLY_RETIREMENT,
        leave_date=dt.date(2025, 10, 1),
        salary_current=10_000_000,
        months_to_retirement=24,
        si_years=17,
    )
    assert amounts(compute(case, benefits)) == {"per_year_early": 100_000_000, "si_service": 50_000_000}


def test_154_2025_resignation_and_transfer(benefits):
    resign = compute(
        BenefitCase(
            policy=RESIGNATION,
            leave_date=dt.date(2025, 10, 1),
            salary_current=10_000_000,
            months_to_retirement=200,
            si_years=12,
        ),
        benefits,
    )
    assert amounts(resign) == {"job_search": 30_000_000, "per_si_year": 180_000_000}
    transfer = compute(
        BenefitCase(
            policy=TRANSFER,
            leave_date=dt.date(2025, 10, 1),
            salary_current=10_000_000,
            months_to_retirement=200,
            si_years=12,
        ),
        benefits,
    )
    assert amounts(transfer) == {"one_off": 30_000_000, "per_si_year": 60_000_000}


def test_154_2025_refuses_resignation_of_a_person_eligible_for_early_retirement(benefits):
    with pytest.raises(BenefitError, match="154/2025/NĐ-CP, Điều 6") as error:
        compute(
            BenefitCase(
                policy=RESIGNATION,
                leave_date=dt.date(2025, 10, 1),
                salary_current=10_000_000,
                months_to_retirement=36,
                si_years=25,
            ),
            benefits,
        )
    assert error.value.field == "policy"


def test_154_2025_refuses_early_retirement_more_than_five_years_early(benefits):
    with pytest.raises(BenefitError, match="từ đủ 24 đến đủ 60 tháng"):
        compute(
            BenefitCase(
                policy=EARLY_RETIREMENT,
                leave_date=dt.date(2025, 10, 1),
                salary_current=10_000_000,
                months_to_retirement=61,
                si_years=25,
            ),
            benefits,
        )


def test_no_streamlining_decree_before_20_july_2023(benefits):
    with pytest.raises(BenefitError) as error:
        compute(
            BenefitCase(
                policy=RESIGNATION,
                leave_date=dt.date(2023, 1, 1),
                salary_current=1,
                months_to_retirement=100,
                si_years=1,
            ),
            benefits,
        )
    assert error.value.field == "case_date"


@pytest.mark.parametrize(
    ("months", "years"), [(424, "35.5"), (431, "36"), (41, "3.5"), (42, "3.5"), (43, "4"), (240, "20")]
)
def test_leftover_months_round_to_half_or_whole_years(months, years):
    assert rounded_years(months) == Decimal(years)


def test_batch_gives_each_case_its_result_or_its_refusal(benefits):
    good = BenefitCase(
        policy=RESIGNATION,
        leave_date=dt.date(2025, 10, 1),
        salary_current=10_000_000,
        months_to_retirement=200,
        si_years=12,
    )
    bad = BenefitCase(
        policy=RESIGNATION,
        leave_date=dt.date(2025, 10, 1),
        salary_current=10_000_000,
        months_to_retirement=36,
        si_years=25,
    )
    first, second = compute_many([good, bad], benefits)
    assert not isinstance(first, BenefitError) and first.total == 210_000_000
    assert isinstance(second, BenefitError)
