"""The salary computation against the sector's worked examples (EX-nn of the salary examples) and
hand-computed cases for each rule; the columnar computation against the itemised one."""

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from noivu.payroll.engine import (
    AllowanceInput,
    FrameRates,
    SalaryCase,
    SalaryInputError,
    SalaryLaw,
    case_frames,
    compute_frame,
    compute_salary,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def law() -> SalaryLaw:
    return SalaryLaw.load()


def salary(law: SalaryLaw, **fields) -> object:
    fields.setdefault("on", dt.date(2026, 3, 1))
    return compute_salary(SalaryCase(**fields), law)


@pytest.mark.parametrize(
    ("scale", "coefficient", "base", "expected"),
    [
        ("bang_2_cong_chuc.A3.1", "6.20", 290000, 1798000),
        ("bang_2_cong_chuc.A1", "2.34", 1490000, 3486600),
        ("bang_2_cong_chuc.A1", "2.34", 1800000, 4212000),
        ("bang_2_cong_chuc.B", "4.06", 1490000, 6049400),
        ("bang_4_thua_hanh_phuc_vu.lai_xe", "2.05", 1490000, 3054500),
        ("bang_4_thua_hanh_phuc_vu.bao_ve", "1.50", 1490000, 2235000),
        ("bang_2_cong_chuc.A3.1", "6.20", 2340000, 14508000),
        ("bang_2_cong_chuc.A3.2", "6.83", 2340000, 15982200),
        ("bang_2_cong_chuc.A3.1", "6.20", 2530000, 15686000),
        ("bang_1_chuyen_gia_cao_cap", "10.00", 2530000, 25300000),
    ],
)
def test_salary_is_the_coefficient_times_the_base_salary_ex06(law, scale, coefficient, base, expected):
    result = salary(law, scale=scale, coefficient=Decimal(coefficient), base_salary=base, public_duty=False)
    assert result.amount_of("salary") == expected


def test_the_base_salary_of_2021_is_1490000_not_the_never_applied_1600000_ex09(law):
    result = salary(law, on=dt.date(2021, 6, 15), scale="bang_2_cong_chuc.A1", step=1)
    assert result.base_salary == 1490000


def test_the_base_salary_rises_to_2530000_on_1_july_2026(law):
    assert salary(law, on=dt.date(2026, 6, 30), scale="bang_2_cong_chuc.A1", step=1).base_salary == 2340000
    assert salary(law, on=dt.date(2026, 7, 1), scale="bang_2_cong_chuc.A1", step=1).base_salary == 2530000


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("cuc.cuc_truong.loai_1", 2574000),
        ("cuc.cuc_truong.loai_2", 2340000),
        ("cuc.pho_truong_phong_chi_cuc", 468000),
    ],
)
def test_leadership_allowance_of_a_department_of_a_ministry_from_2026_ex05(law, code, expected):
    result = salary(law, scale="bang_2_cong_chuc.A2.1", step=1, leadership_code=code, base_salary=2340000)
    assert result.amount_of("leadership") == expected
    leadership = next(c for c in result.components if c.code == "leadership")
    assert leadership.legal_basis["document_number"] == "07/2026/NĐ-CP"


def test_leadership_allowances_of_nd07_2026_do_not_apply_before_2026(law):
    before = salary(
        law,
        on=dt.date(2025, 12, 1),
        scale="bang_2_cong_chuc.A2.1",
        step=1,
        leadership_code="cuc.cuc_truong.loai_1",
    )
    assert before.amount_of("leadership") == 2340000  # 1.00 under Nghị định 117/2016/NĐ-CP
    with pytest.raises(SalaryInputError) as refused:
        salary(
            law,
            on=dt.date(2025, 12, 1),
            scale="bang_2_cong_chuc.A1",
            step=1,
            leadership_code="ubnd_xa.chu_tich.other",
        )
    assert refused.value.field == "leadership_code" and "leadership_allowances" in refused.value.message


@pytest.mark.parametrize(
    ("code", "base", "expected"),
    [
        ("ubnd_xa.chu_tich.hn_hcm", 2340000, 1638000),
        ("ubnd_xa.chu_tich.other", 2340000, 1404000),
        ("ubnd_xa.truong_phong.other", 2340000, 585000),
        ("ubnd_xa.chu_tich.other", 2530000, 1518000),
    ],
)
def test_leadership_allowance_of_a_commune_peoples_committee_ex14(law, code, base, expected):
    result = salary(law, scale="bang_2_cong_chuc.A1", step=1, leadership_code=code, base_salary=base)
    assert result.amount_of("leadership") == expected


@pytest.mark.parametrize(
    ("kind", "coefficient", "expected"),
    [
        ("regional", "0.1", 149000),
        ("regional", "0.2", 298000),
        ("regional", "0.3", 447000),
        ("regional", "0.4", 596000),
        ("regional", "0.5", 745000),
        ("regional", "0.7", 1043000),
        ("regional", "1.0", 1490000),
        ("mobile", "0.2", 298000),
        ("mobile", "0.4", 596000),
        ("mobile", "0.6", 894000),
    ],
)
def test_regional_and_mobile_allowances_ex07(law, kind, coefficient, expected):
    allowance = AllowanceInput(kind, coefficient=Decimal(coefficient))
    result = salary(law, scale="bang_2_cong_chuc.A1", step=1, allowances=(allowance,), base_salary=1490000)
    assert result.amount_of(kind) == expected


def test_a_regional_allowance_not_on_the_levels_is_refused_naming_the_table(law):
    with pytest.raises(SalaryInputError) as refused:
        salary(
            law,
            scale="bang_2_cong_chuc.A1",
            step=1,
            allowances=(AllowanceInput("regional", coefficient=Decimal("0.25")),),
        )
    assert refused.value.field == "allowances[0].coefficient" and "allowance_levels" in refused.value.message


@pytest.mark.parametrize(
    ("coefficient", "expected"),
    [("1.25", 1737500), ("0.95", 1320500), ("0.90", 1251000), ("0.80", 1112000), ("0.70", 973000)],
)
def test_party_leadership_allowance_given_as_a_coefficient_ex08(law, coefficient, expected):
    allowance = AllowanceInput("leadership", coefficient=Decimal(coefficient))
    result = salary(law, scale="bang_2_cong_chuc.A2.1", step=1, allowances=(allowance,), base_salary=1390000)
    assert result.amount_of("leadership") == expected


def test_seniority_beyond_the_frame_at_the_last_step_of_group_b_ex11(law):
    result = salary(law, scale="bang_2_cong_chuc.B", step=12, seniority_percent=5, base_salary=1300000)
    seniority = next(c for c in result.components if c.code == "seniority_beyond_frame")
    assert seniority.coefficient == Decimal("0.203") and seniority.amount == 263900


@pytest.mark.parametrize(
    ("since", "scale", "step", "on", "percent"),
    [
        ("2015-03-01", "bang_2_cong_chuc.A1", 9, "2018-02-28", 0),
        ("2015-03-01", "bang_2_cong_chuc.A1", 9, "2018-03-01", 5),
        ("2015-03-01", "bang_2_cong_chuc.A1", 9, "2019-03-01", 6),
        ("2015-03-01", "bang_2_cong_chuc.A1", 9, "2020-03-01", 7),
        ("2020-01-01", "bang_2_cong_chuc.B", 12, "2022-01-01", 5),
        ("2020-01-01", "bang_2_cong_chuc.B", 12, "2023-01-01", 6),
    ],
)
def test_seniority_beyond_the_frame_starts_after_the_interval_and_grows_yearly_ex12(
    law, since, scale, step, on, percent
):
    result = salary(
        law,
        on=dt.date.fromisoformat(on),
        scale=scale,
        step=step,
        last_step_since=dt.date.fromisoformat(since),
    )
    found = next((c for c in result.components if c.code == "seniority_beyond_frame"), None)
    assert (found.percent if found else 0) == percent


def test_seniority_postponed_by_discipline_starts_later(law):
    result = salary(
        law,
        on=dt.date(2018, 3, 1),
        scale="bang_2_cong_chuc.A1",
        step=9,
        last_step_since=dt.date(2015, 3, 1),
        seniority_delay_months=6,
    )
    assert result.amount_of("seniority_beyond_frame") == 0


def test_full_monthly_pay_of_a_commune_department_head_ex15(law):
    result = salary(
        law,
        scale="bang_2_cong_chuc.A2.1",
        step=3,
        leadership_code="ubnd_xa.truong_phong.other",
        base_salary=2340000,
        category="civil_servant",
    )
    assert result.amount_of("salary") == 11887200
    assert result.amount_of("leadership") == 585000
    assert result.amount_of("public_duty") == 3118050
    assert result.insurance_base == 12472200
    assert result.contribution("social_insurance") == 997776
    assert result.contribution("health_insurance") == 187083
    assert result.contribution("unemployment_insurance") == 0
    assert result.net == result.gross - 997776 - 187083


def test_a_public_employee_pays_unemployment_insurance_and_gets_no_public_duty_allowance(law):
    result = salary(law, scale="bang_3_vien_chuc.A1", step=1, category="public_employee", base_salary=2340000)
    assert result.amount_of("public_duty") == 0
    assert result.contribution("unemployment_insurance") == 54756  # 2.34 × 2,340,000 × 1 %


@pytest.mark.parametrize(("base", "cap"), [(2340000, 46800000), (2530000, 50600000)])
def test_the_insurance_base_is_capped_at_twenty_base_salaries_ex16(law, base, cap):
    result = salary(
        law,
        scale="bang_1_chuyen_gia_cao_cap",
        step=3,
        leadership_code="bo.thu_truong",
        base_salary=base,
        reserved_coefficient=Decimal("9.00"),
    )
    assert result.insurance_cap == cap and result.insurance_base == cap


def test_the_reserved_coefficient_is_paid_and_insured_but_not_in_the_public_duty_base(law):
    result = salary(
        law, scale="bang_2_cong_chuc.A1", step=9, reserved_coefficient=Decimal("0.25"), base_salary=2000000
    )
    assert result.amount_of("reserved") == 500000
    assert result.amount_of("public_duty") == 2490000  # 4.98 × 2,000,000 × 25 %
    assert result.insurance_base == 9960000 + 500000


def test_the_union_fee_is_one_percent_up_to_a_tenth_of_the_base_salary(law):
    small = salary(law, scale="bang_2_cong_chuc.A1", step=1, union_member=True, base_salary=2340000)
    assert small.contribution("union_fee") == 54756
    large = salary(
        law,
        scale="bang_1_chuyen_gia_cao_cap",
        step=3,
        union_member=True,
        base_salary=2340000,
        leadership_code="bo.thu_truong",
    )
    assert large.contribution("union_fee") == 234000


@pytest.mark.parametrize(
    ("fields", "field", "words"),
    [
        ({"scale": "bang_2_cong_chuc.A1", "step": 10}, "step", "bậc cuối (bậc 9)"),
        (
            {"scale": "bang_2_cong_chuc.A1", "coefficient": Decimal("3.10")},
            "coefficient",
            "không có trong thang lương",
        ),
        ({"scale": "bang_2_cong_chuc.A1", "step": 3, "coefficient": Decimal("3.33")}, "coefficient", "bậc 3"),
        (
            {"scale": "bang_2_cong_chuc.A1", "step": 8, "seniority_percent": 5},
            "seniority_percent",
            "bậc cuối",
        ),
        ({"scale": "bang_2_cong_chuc.A1", "step": 1, "on": dt.date(2004, 9, 30)}, "on", "base_salary"),
        ({"scale": "bang_9.X", "step": 1}, "scale", "salary_scales"),
    ],
)
def test_bad_input_names_the_field_and_the_rule(law, fields, field, words):
    with pytest.raises(SalaryInputError) as refused:
        salary(law, **fields)
    assert refused.value.field == field and words in refused.value.message


def test_a_rank_code_finds_its_scale_in_the_rank_table(law):
    result = salary(law, rank_code="01.003", step=3)
    assert result.scale == "bang_2_cong_chuc.A1" and result.amount_of("salary") == 7020000  # 3.00 × 2,340,000


CATEGORIES = ["civil_servant", "public_employee", "cadre", "contract"]
SCALES = {
    "bang_2_cong_chuc.A1": 9,
    "bang_2_cong_chuc.B": 12,
    "bang_3_vien_chuc.A2.1": 8,
    "bang_1_chuyen_gia_cao_cap": 3,
}


@st.composite
def cases(draw: st.DrawFn) -> SalaryCase:
    scale = draw(st.sampled_from(sorted(SCALES)))
    last = SCALES[scale]
    step = draw(st.integers(1, last))
    seniority = (
        draw(st.integers(5, 15))
        if step == last and scale != "bang_1_chuyen_gia_cao_cap" and draw(st.booleans())
        else 0
    )
    allowances = []
    if draw(st.booleans()):
        allowances.append(
            AllowanceInput(
                "leadership", coefficient=Decimal(draw(st.sampled_from(["0.15", "0.25", "0.60", "1.30"])))
            )
        )
    if draw(st.booleans()):
        allowances.append(
            AllowanceInput("regional", coefficient=Decimal(draw(st.sampled_from(["0.10", "0.70"]))))
        )
    if draw(st.booleans()):
        allowances.append(AllowanceInput("prof_seniority", percent=Decimal(draw(st.integers(5, 30)))))
    if draw(st.booleans()):
        allowances.append(
            AllowanceInput("preferential", percent=Decimal(draw(st.sampled_from(["25", "30", "50"]))))
        )
    return SalaryCase(
        on=draw(st.sampled_from([dt.date(2024, 8, 1), dt.date(2026, 7, 1)])),
        category=draw(st.sampled_from(CATEGORIES)),
        scale=scale,
        step=step,
        seniority_percent=seniority,
        reserved_coefficient=Decimal(draw(st.sampled_from(["0", "0.25"]))),
        allowances=tuple(allowances),
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=cases())
def test_the_columnar_computation_agrees_with_the_itemised_one_to_the_dong(law, case):
    itemised = compute_salary(case, law)
    person, allowances = case_frames(case, law)
    frame = compute_frame(person, FrameRates.on(law, case.on), allowances).collect().row(0, named=True)
    assert frame["gross"] == itemised.gross
    assert frame["insurance_base"] == itemised.insurance_base
    assert frame["deductions"] == itemised.employee_deductions
    assert frame["net"] == itemised.net


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=cases())
def test_a_higher_step_never_pays_less(law, case):
    if case.step == SCALES[case.scale]:
        return
    lower = compute_salary(case, law)
    higher = compute_salary(
        SalaryCase(**{**case.__dict__, "step": case.step + 1, "seniority_percent": 0}), law
    )
    assert higher.gross >= lower.gross and higher.net >= lower.net
