"""The salary of a public servant for a month (tiền lương tháng), itemised, and the same computation
over a frame of persons.

One rule, two shapes: :func:`compute_salary` answers for one person with every component, its formula and
its legal basis (the calculator, the person's page, the API); :func:`compute_frame` computes the same
figures column by column for a whole scope (payroll runs, salary-plan scenarios). Both round each
component to whole đồng half up, so they agree to the đồng (a property test holds them to it).

The rules (Nghị định 204/2004/NĐ-CP and later decrees):
- salary = coefficient of the rank's step × base salary;
- seniority beyond the frame (thâm niên vượt khung) = last step's coefficient × % × base salary, earned
  at the last step only (Điều 6 khoản 1 điểm a);
- an allowance given as a coefficient = coefficient × base salary; one given as a percentage (public duty,
  concurrent post, special, attraction, preferential, professional seniority) = % × (salary + leadership +
  seniority beyond the frame coefficients) × base salary; the reserved difference coefficient (hệ số chênh
  lệch bảo lưu) is paid but is not in that base;
- contributions are rates of the insurance base (salary, leadership, seniority beyond the frame,
  professional seniority, reserved difference) capped at a multiple of the base salary.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

import polars as pl
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from noivu.core.calculation import CaseError
from noivu.core.money import Dong, to_dong
from noivu.core.rules import RuleNotFound, RuleTable, RuleValue, rule_table
from noivu.personnel.models import Category

BASE_SALARY_TABLE = "base_salary"
SCALES_TABLE = "salary_scales"
RANKS_TABLE = "rank_salary_tables"
LEADERSHIP_TABLE = "leadership_allowances"
RULES_TABLE = "salary_rules"
LEVELS_TABLE = "allowance_levels"
CONTRIBUTIONS_TABLE = "employee_contributions"

# Allowance kinds (the codes of personnel's allowance kinds) paid as a share of the salary.
PERCENT_KINDS = (
    "concurrent",
    "prof_seniority",
    "special",
    "attraction",
    "preferential",
    "public_duty",
    "other",
)
# Allowance kinds whose amount is part of the insurance base (Luật BHXH 41/2024/QH15 Điều 31 khoản 1 a).
INSURED_KINDS = ("leadership", "prof_seniority")
# Categories of person who earn the public-duty allowance (Nghị định 34/2012/NĐ-CP Điều 2): cadres and
# civil servants of the State's and the Party's bodies, not public employees of service units.
PUBLIC_DUTY_CATEGORIES = ("cadre", "civil_servant", "commune_cadre", "commune_servant")
FUNDS = ("social_insurance", "health_insurance", "unemployment_insurance", "union_fee")
FUND_LABELS: dict[str, Promise] = {
    "social_insurance": _("Bảo hiểm xã hội"),
    "health_insurance": _("Bảo hiểm y tế"),
    "unemployment_insurance": _("Bảo hiểm thất nghiệp"),
    "union_fee": _("Đoàn phí công đoàn"),
}
KIND_LABELS: dict[str, Promise] = {
    "salary": _("Lương theo ngạch, bậc"),
    "seniority_beyond_frame": _("Phụ cấp thâm niên vượt khung"),
    "reserved": _("Hệ số chênh lệch bảo lưu"),
    "leadership": _("Phụ cấp chức vụ lãnh đạo"),
    "concurrent": _("Phụ cấp kiêm nhiệm"),
    "prof_seniority": _("Phụ cấp thâm niên nghề"),
    "responsibility": _("Phụ cấp trách nhiệm theo nghề, công việc"),
    "regional": _("Phụ cấp khu vực"),
    "special": _("Phụ cấp đặc biệt"),
    "attraction": _("Phụ cấp thu hút"),
    "mobile": _("Phụ cấp lưu động"),
    "hazard": _("Phụ cấp độc hại, nguy hiểm"),
    "preferential": _("Phụ cấp ưu đãi theo nghề"),
    "public_duty": _("Phụ cấp công vụ"),
    "other": _("Phụ cấp khác"),
}
HUNDRED = Decimal(100)


def label_of(allowance: "AllowanceInput") -> str:
    """The allowance's kind as the reader's language names it, with the title or grounds recorded."""
    label = str(KIND_LABELS[allowance.kind])
    return f"{label} ({allowance.title})" if allowance.title else label


class SalaryInputError(CaseError):
    """Bad input to the salary computation: names the field and the rule it breaks."""


def vnd(amount: int) -> str:
    """An amount in the Vietnamese grouping of the explanation's sentences: 2.340.000."""
    return f"{amount:,}".replace(",", ".")


def months_between(start: dt.date, end: dt.date) -> int:
    """Whole months from ``start`` to ``end`` (0 when ``end`` is before ``start``)."""
    months = (end.year - start.year) * 12 + end.month - start.month - (1 if end.day < start.day else 0)
    return max(months, 0)


def first_of_month(day: dt.date) -> dt.date:
    return day.replace(day=1)


@dataclass(frozen=True)
class AllowanceInput:
    """One allowance of the case: a coefficient of the base salary or a percentage of the salary."""

    kind: str
    coefficient: Decimal | None = None
    percent: Decimal | None = None
    title: str = ""
    legal_basis: dict | None = None


@dataclass(frozen=True)
class SalaryCase:
    """What the salary of a person on a date depends on.

    ``scale`` is a code of the rule table ``salary_scales`` ("bang_2_cong_chuc.A1"); it may be left out
    when ``rank_code`` names a rank of ``rank_salary_tables``. Give the ``step``, the ``coefficient`` or
    both (they must agree). ``seniority_percent`` is the % earned beyond the frame; when it is None and
    ``last_step_since`` is given, it is computed from the months at the last step less
    ``seniority_delay_months`` (postponed by discipline or an unsatisfactory rating).
    """

    on: dt.date
    category: str = "civil_servant"
    rank_code: str = ""
    scale: str = ""
    step: int | None = None
    coefficient: Decimal | None = None
    seniority_percent: int | None = None
    last_step_since: dt.date | None = None
    seniority_delay_months: int = 0
    reserved_coefficient: Decimal = Decimal("0")
    leadership_code: str = ""
    allowances: tuple[AllowanceInput, ...] = ()
    public_duty: bool | None = None
    union_member: bool = False
    base_salary: Dong | None = None


@dataclass(frozen=True)
class Component:
    """One line of the pay (khoản lương): its coefficient where it has one, amount, formula, legal basis."""

    code: str
    label: str
    amount: Dong
    formula: str
    coefficient: Decimal | None = None
    percent: Decimal | None = None
    insured: bool = False
    legal_basis: dict | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "label": self.label,
            "coefficient": str(self.coefficient) if self.coefficient is not None else None,
            "percent": str(self.percent) if self.percent is not None else None,
            "amount": self.amount,
            "formula": self.formula,
            "in_insurance_base": self.insured,
            "legal_basis": self.legal_basis,
        }


@dataclass(frozen=True)
class Contribution:
    """A contribution on the salary (khoản trích): the employee's share is deducted, the employer's added."""

    fund: str
    label: str
    employee_rate: Decimal
    employee_amount: Dong
    employer_rate: Decimal
    employer_amount: Dong
    legal_basis: dict

    def as_dict(self) -> dict[str, Any]:
        return {
            "fund": self.fund,
            "label": self.label,
            "employee_rate": str(self.employee_rate),
            "employee_amount": self.employee_amount,
            "employer_rate": str(self.employer_rate),
            "employer_amount": self.employer_amount,
            "legal_basis": self.legal_basis,
        }


@dataclass
class SalaryResult:
    """The itemised salary of a month: components, gross, insurance base, contributions, net pay."""

    on: dt.date
    base_salary: Dong
    scale: str
    step: int | None
    last_step: int | None
    components: list[Component]
    insurance_base: Dong
    insurance_cap: Dong
    contributions: list[Contribution]
    rules: list[dict] = field(default_factory=list)
    steps: list[str] = field(default_factory=list)

    @property
    def gross(self) -> Dong:
        return sum(component.amount for component in self.components)

    @property
    def employee_deductions(self) -> Dong:
        return sum(item.employee_amount for item in self.contributions)

    @property
    def employer_contributions(self) -> Dong:
        return sum(item.employer_amount for item in self.contributions)

    @property
    def net(self) -> Dong:
        return self.gross - self.employee_deductions

    def amount_of(self, code: str) -> Dong:
        return sum(component.amount for component in self.components if component.code == code)

    def contribution(self, fund: str) -> Dong:
        return sum(item.employee_amount for item in self.contributions if item.fund == fund)

    def as_dict(self) -> dict[str, Any]:
        return {
            "on": self.on.isoformat(),
            "base_salary": self.base_salary,
            "scale": self.scale,
            "step": self.step,
            "last_step": self.last_step,
            "components": [component.as_dict() for component in self.components],
            "gross": self.gross,
            "insurance_base": self.insurance_base,
            "insurance_cap": self.insurance_cap,
            "contributions": [item.as_dict() for item in self.contributions],
            "employee_deductions": self.employee_deductions,
            "employer_contributions": self.employer_contributions,
            "net": self.net,
        }


@dataclass(frozen=True)
class SalaryLaw:
    """The rule tables the salary depends on, loaded once for a unit of work."""

    base_salary: RuleTable
    scales: RuleTable
    ranks: RuleTable
    leadership: RuleTable
    rules: RuleTable
    levels: RuleTable
    contributions: RuleTable

    @classmethod
    def load(cls) -> "SalaryLaw":
        return cls(
            rule_table(BASE_SALARY_TABLE),
            rule_table(SCALES_TABLE),
            rule_table(RANKS_TABLE),
            rule_table(LEADERSHIP_TABLE),
            rule_table(RULES_TABLE),
            rule_table(LEVELS_TABLE),
            rule_table(CONTRIBUTIONS_TABLE),
        )

    def base_salary_on(self, day: dt.date) -> RuleValue:
        try:
            return self.base_salary.lookup("base_salary", day)
        except RuleNotFound as missing:
            raise SalaryInputError(
                "on", f"không có mức lương cơ sở (bảng {BASE_SALARY_TABLE}) có hiệu lực ngày {day:%d/%m/%Y}"
            ) from missing

    def scale_of_rank(self, rank_code: str, day: dt.date) -> str:
        rank = self.ranks.get(rank_code, day)
        if rank is None:
            raise SalaryInputError(
                "rank_code",
                f"mã ngạch {rank_code} không có trong bảng {RANKS_TABLE} ngày {day:%d/%m/%Y}: "
                "hãy ghi bảng lương và nhóm ngạch (scale)",
            )
        return f"{rank.value['salary_table']}.{rank.value['salary_group']}"

    def scale_on(self, scale: str, day: dt.date) -> RuleValue:
        found = self.scales.get(scale, day)
        if found is None:
            raise SalaryInputError("scale", f"không có nhóm ngạch {scale} trong bảng {SCALES_TABLE}")
        return found

    def seniority_rule(self, day: dt.date) -> RuleValue:
        return self.rules.lookup("seniority_beyond_frame", day)

    def seniority_percent(
        self, last_step_since: dt.date, day: dt.date, after_months: int, delay: int = 0
    ) -> int:
        """% beyond the frame on ``day`` for a person at the last step since ``last_step_since``: 5 % once
        ``after_months`` are served there, then 1 % more each further year (Nghị định 204/2004/NĐ-CP
        Điều 6 khoản 1 điểm a); ``delay`` months of postponement push every date back."""
        rule = self.seniority_rule(day).value
        served = months_between(last_step_since, day) - delay
        if served < after_months:
            return 0
        return int(rule["start_percent"]) + (served - after_months) // 12 * int(
            rule["yearly_increment_percent"]
        )


def decimal_of(value: Any, field_name: str) -> Decimal:
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except (InvalidOperation, ValueError) as error:
        raise SalaryInputError(field_name, f"'{value}' không phải số") from error
    if not number.is_finite() or number < 0:
        raise SalaryInputError(field_name, f"'{value}' không phải số không âm")
    return number


def _coefficients(scale_row: RuleValue) -> list[Decimal]:
    return [Decimal(value) for value in scale_row.value["coefficients"]]


def _place_on_scale(case: SalaryCase, scale: str, scale_row: RuleValue) -> tuple[int, Decimal]:
    """The step and coefficient of the case on its scale, refusing a step past the last or a coefficient
    that the scale does not have."""
    coefficients = _coefficients(scale_row)
    if case.step is not None:
        if not 1 <= case.step <= len(coefficients):
            raise SalaryInputError(
                "step",
                f"bậc {case.step} vượt bậc cuối (bậc {len(coefficients)}) của nhóm ngạch {scale} "
                f"(bảng {SCALES_TABLE}, {scale_row.legal_basis.citation})",
            )
        coefficient = coefficients[case.step - 1]
        if case.coefficient is not None and case.coefficient != coefficient:
            raise SalaryInputError(
                "coefficient",
                f"hệ số {case.coefficient} không phải hệ số bậc {case.step} "
                f"của nhóm ngạch {scale} ({coefficient})",
            )
        return case.step, coefficient
    if case.coefficient is None:
        raise SalaryInputError("step", "cần bậc (step) hoặc hệ số lương (coefficient)")
    if case.coefficient not in coefficients:
        raise SalaryInputError(
            "coefficient",
            f"hệ số {case.coefficient} không có trong thang lương nhóm ngạch {scale} "
            f"(bảng {SCALES_TABLE}, {scale_row.legal_basis.citation})",
        )
    return coefficients.index(case.coefficient) + 1, case.coefficient


def _check_level(law: SalaryLaw, allowance: AllowanceInput, day: dt.date, index: int) -> None:
    levels = law.levels.get(allowance.kind, day)
    if levels is None or allowance.coefficient is None:
        return
    allowed = [Decimal(level) for level in levels.value["levels"]]
    if allowance.coefficient not in allowed:
        shown = ", ".join(str(level) for level in allowed)
        raise SalaryInputError(
            f"allowances[{index}].coefficient",
            f"{label_of(AllowanceInput(allowance.kind))} chỉ có các mức {shown} "
            f"(bảng {LEVELS_TABLE}, {levels.legal_basis.citation})",
        )


def leadership_allowance(law: SalaryLaw, code: str, day: dt.date) -> AllowanceInput:
    """The leadership allowance of a title of the rule table ``leadership_allowances`` on ``day``."""
    row = law.leadership.get(code, day)
    if row is None:
        raise SalaryInputError(
            "leadership_code",
            f"chức vụ {code} không có hệ số phụ cấp trong bảng {LEADERSHIP_TABLE} ngày {day:%d/%m/%Y}",
        )
    return AllowanceInput(
        "leadership",
        coefficient=Decimal(row.value["coefficient"]),
        title=row.value["title"],
        legal_basis=row.legal_basis.as_dict(),
    )


def compute_salary(case: SalaryCase, law: SalaryLaw | None = None) -> SalaryResult:
    """The itemised salary of ``case`` (see the module's docstring for the rules)."""
    law = law or SalaryLaw.load()
    day = case.on
    used: list[dict] = []
    steps: list[str] = []
    if case.base_salary is not None:
        base = case.base_salary
        steps.append(f"Mức lương cơ sở cho trước: {vnd(base)} đồng.")
    else:
        base_row = law.base_salary_on(day)
        base = int(base_row.value)
        used.append(base_row.explain())
        steps.append(
            f"Ngày {day:%d/%m/%Y}: mức lương cơ sở {vnd(base)} đồng theo {base_row.legal_basis.citation}."
        )
    scale = case.scale or (law.scale_of_rank(case.rank_code, day) if case.rank_code else "")
    if not scale:
        raise SalaryInputError("scale", "cần nhóm ngạch (scale) hoặc mã ngạch (rank_code)")
    scale_row = law.scale_on(scale, day)
    used.append(scale_row.explain())
    step, coefficient = _place_on_scale(case, scale, scale_row)
    coefficients = _coefficients(scale_row)
    last_step = len(coefficients)
    components = [
        Component(
            "salary",
            str(KIND_LABELS["salary"]),
            to_dong(coefficient * base),
            f"{coefficient} × {base}",
            coefficient=coefficient,
            insured=True,
            legal_basis=scale_row.legal_basis.as_dict(),
        )
    ]
    steps.append(f"Nhóm ngạch {scale}, bậc {step}/{last_step}: hệ số {coefficient}.")

    seniority = case.seniority_percent
    seniority_after = scale_row.value.get("seniority_after_months")
    if seniority and seniority_after is None:
        raise SalaryInputError(
            "seniority_percent", f"nhóm ngạch {scale} không hưởng phụ cấp thâm niên vượt khung"
        )
    if seniority is None and case.last_step_since is not None and step == last_step and seniority_after:
        seniority = law.seniority_percent(
            case.last_step_since, day, int(seniority_after), case.seniority_delay_months
        )
        steps.append(
            f"Giữ bậc cuối từ {case.last_step_since:%d/%m/%Y}"
            + (f", kéo dài {case.seniority_delay_months} tháng" if case.seniority_delay_months else "")
            + f": thâm niên vượt khung {seniority}%."
        )
    seniority = seniority or 0
    seniority_coefficient = Decimal(0)
    if seniority:
        if step != last_step:
            raise SalaryInputError(
                "seniority_percent",
                f"phụ cấp thâm niên vượt khung chỉ hưởng ở bậc cuối (bậc {last_step}) của nhóm ngạch {scale} "
                "(Nghị định 204/2004/NĐ-CP Điều 6 khoản 1 điểm a)",
            )
        rule = law.seniority_rule(day)
        used.append(rule.explain())
        seniority_coefficient = coefficient * seniority / HUNDRED
        components.append(
            Component(
                "seniority_beyond_frame",
                str(KIND_LABELS["seniority_beyond_frame"]),
                to_dong(seniority_coefficient * base),
                f"{coefficient} × {seniority}% × {base}",
                coefficient=seniority_coefficient,
                percent=Decimal(seniority),
                insured=True,
                legal_basis=rule.legal_basis.as_dict(),
            )
        )

    allowances = list(case.allowances)
    if case.leadership_code:
        allowances.insert(0, leadership_allowance(law, case.leadership_code, day))
    for index, allowance in enumerate(allowances):
        if (allowance.coefficient is None) == (allowance.percent is None):
            raise SalaryInputError(
                f"allowances[{index}]",
                "phụ cấp được ghi bằng hệ số hoặc bằng tỷ lệ phần trăm, chỉ một trong hai",
            )
        if allowance.kind not in KIND_LABELS or allowance.kind in (
            "salary",
            "seniority_beyond_frame",
            "reserved",
        ):
            raise SalaryInputError(f"allowances[{index}].kind", f"loại phụ cấp '{allowance.kind}' không có")
        _check_level(law, allowance, day, index)
    leadership_coefficient = sum(
        (a.coefficient or Decimal(0) for a in allowances if a.kind == "leadership"), Decimal(0)
    )
    for allowance in allowances:
        if allowance.coefficient is not None:
            components.append(
                Component(
                    allowance.kind,
                    label_of(allowance),
                    to_dong(allowance.coefficient * base),
                    f"{allowance.coefficient} × {base}",
                    coefficient=allowance.coefficient,
                    insured=allowance.kind in INSURED_KINDS,
                    legal_basis=allowance.legal_basis,
                )
            )
    share_base = coefficient + leadership_coefficient + seniority_coefficient
    share_formula = " + ".join(
        str(part) for part in (coefficient, leadership_coefficient, seniority_coefficient) if part
    )
    wants_public_duty = (
        case.public_duty if case.public_duty is not None else case.category in PUBLIC_DUTY_CATEGORIES
    )
    if wants_public_duty and not any(a.kind == "public_duty" for a in allowances):
        duty_rule = law.rules.get("public_duty", day)
        if duty_rule is not None:
            used.append(duty_rule.explain())
            allowances.append(
                AllowanceInput(
                    "public_duty",
                    percent=Decimal(duty_rule.value["rate"]) * HUNDRED,
                    legal_basis=duty_rule.legal_basis.as_dict(),
                )
            )
    for allowance in allowances:
        if allowance.percent is not None:
            components.append(
                Component(
                    allowance.kind,
                    label_of(allowance),
                    to_dong(share_base * base * allowance.percent / HUNDRED),
                    f"({share_formula}) × {base} × {allowance.percent.normalize()}%",
                    percent=allowance.percent,
                    insured=allowance.kind in INSURED_KINDS,
                    legal_basis=allowance.legal_basis,
                )
            )
    if case.reserved_coefficient:
        components.append(
            Component(
                "reserved",
                str(KIND_LABELS["reserved"]),
                to_dong(case.reserved_coefficient * base),
                f"{case.reserved_coefficient} × {base}",
                coefficient=case.reserved_coefficient,
                insured=True,
                legal_basis={"citation": "02/2007/TT-BNV, Mục II khoản 1"},
            )
        )

    cap_rule = law.rules.get("insurance_cap", day)
    cap = base * int(cap_rule.value["multiplier"]) if cap_rule else 0
    insured = sum(component.amount for component in components if component.insured)
    insurance_base = min(insured, cap) if cap else insured
    if cap_rule:
        used.append(cap_rule.explain())
    contributions = []
    for fund in FUNDS:
        if fund == "union_fee" and not case.union_member:
            continue
        row = law.contributions.get(f"{fund}.{case.category}", day)
        if row is None:
            continue
        used.append(row.explain())
        employee_rate = Decimal(row.value["employee_rate"])
        employer_rate = Decimal(row.value["employer_rate"])
        employee = to_dong(insurance_base * employee_rate)
        if "employee_cap_of_base_salary" in row.value:
            employee = min(employee, to_dong(base * Decimal(row.value["employee_cap_of_base_salary"])))
        contributions.append(
            Contribution(
                fund,
                str(FUND_LABELS[fund]),
                employee_rate,
                employee,
                employer_rate,
                to_dong(insurance_base * employer_rate),
                row.legal_basis.as_dict(),
            )
        )
    steps.append(f"Căn cứ đóng bảo hiểm: {vnd(insurance_base)} đồng (trần {vnd(cap)} đồng).")
    return SalaryResult(
        on=day,
        base_salary=base,
        scale=scale,
        step=step,
        last_step=last_step,
        components=components,
        insurance_base=insurance_base,
        insurance_cap=cap,
        contributions=contributions,
        rules=used,
        steps=steps,
    )


# Columnar computation ---------------------------------------------------------------------------------
#
# Coefficients travel as integers in ten-thousandths (4.98 → 49800; 0.203 → 2030) and percentages in
# hundredths of a per cent (25 % → 2500), so that every amount is an exact integer product rounded half up
# once, as :func:`compute_salary` rounds each component with Decimal.
#
# A person is one row: the allowances arrive as columns, one per kind and form (``regional_e4``, the
# coefficient of the regional allowance; ``preferential_e2``, the percentage of the preferential one),
# as the loading query pivots them. A person holds at most one period of a kind on a day, so a column
# holds one allowance and each is rounded on its own, as the itemised computation does. The computation
# is then a handful of column expressions over that frame: no join on persons, no loop over rows.

PERSON_COLUMNS = {
    "person_id": pl.Int64,
    "coefficient_e4": pl.Int64,  # hệ số lương × 10 000
    "seniority_percent": pl.Int64,
    "leadership_e4": pl.Int64,  # sum of the leadership coefficients × 10 000
    "reserved_e4": pl.Int64,
    "public_duty": pl.Boolean,  # the automatic public-duty allowance (no explicit one recorded)
    "category": pl.Utf8,
}
ALLOWANCE_COLUMNS = {
    "person_id": pl.Int64,
    "kind": pl.Utf8,
    "coefficient_e4": pl.Int64,  # null for a percentage
    "percent_e2": pl.Int64,  # null for a coefficient
}
# The allowance kinds a person frame may carry as columns (leadership is ``leadership_e4``).
OTHER_KINDS = tuple(
    kind for kind in KIND_LABELS if kind not in ("salary", "seniority_beyond_frame", "reserved", "leadership")
)
COEFFICIENT_SUFFIX, PERCENT_SUFFIX = "_e4", "_e2"
# The categories of person, in the order of their codes in a frame's ``category`` column.
CATEGORIES = tuple(Category.values)
CATEGORY = pl.Enum(CATEGORIES)
NO_CAP = 1 << 62


def allowance_columns(columns: list[str]) -> list[tuple[str, str, bool]]:
    """The allowance columns of a person frame: (column, kind, is a percentage)."""
    present = set(columns)
    found = []
    for kind in OTHER_KINDS:
        if kind + COEFFICIENT_SUFFIX in present:
            found.append((kind + COEFFICIENT_SUFFIX, kind, False))
        if kind + PERCENT_SUFFIX in present:
            found.append((kind + PERCENT_SUFFIX, kind, True))
    return found


def _round_div(numerator: pl.Expr, divisor: int) -> pl.Expr:
    """Integer division rounded half up, for non-negative numerators."""
    return (numerator + divisor // 2) // divisor


@dataclass(frozen=True)
class FrameRates:
    """The figures of law a frame computation needs on one date, as integers."""

    base_salary: Dong
    public_duty_e2: int
    insurance_cap: Dong
    # category -> fund -> (employee rate, employer rate) in ten-thousandths.
    contributions: dict[str, dict[str, tuple[int, int]]]

    @classmethod
    def on(cls, law: SalaryLaw, day: dt.date, base_salary: Dong | None = None) -> "FrameRates":
        base = base_salary if base_salary is not None else int(law.base_salary_on(day).value)
        duty = law.rules.get("public_duty", day)
        cap = law.rules.get("insurance_cap", day)
        rates: dict[str, dict[str, tuple[int, int]]] = {}
        for code, row in law.contributions.in_force(day).items():
            fund, _, category = code.partition(".")
            if fund == "union_fee":
                continue
            rates.setdefault(category, {})[fund] = (
                int(Decimal(row.value["employee_rate"]) * 10000),
                int(Decimal(row.value["employer_rate"]) * 10000),
            )
        return cls(
            base,
            int(Decimal(duty.value["rate"]) * 10000) if duty else 0,
            base * int(cap.value["multiplier"]) if cap else 0,
            rates,
        )

    def rate(self, who: str, fund: str) -> pl.Expr:
        """The ``who`` ("employee", "employer") rate of ``fund`` of each person's category, picked from a
        rule column of one value per category by the category's code (no join, no text comparison)."""
        index = 0 if who == "employee" else 1
        values = [self.contributions.get(category, {}).get(fund, (0, 0))[index] for category in CATEGORIES]
        return pl.lit(pl.Series(values, dtype=pl.Int64)).gather(pl.col("category").to_physical())


def empty_allowances() -> pl.LazyFrame:
    return pl.LazyFrame(schema=ALLOWANCE_COLUMNS)


def widen(persons: pl.DataFrame | pl.LazyFrame, allowances: pl.DataFrame | pl.LazyFrame) -> pl.LazyFrame:
    """A person frame with its allowances given as rows (:data:`ALLOWANCE_COLUMNS`) turned into the
    columns the computation reads: the leadership coefficients summed into ``leadership_e4``, one column
    per other kind and form present. For small frames (a case, the tests); the loading query pivots."""
    rows = allowances.lazy().collect() if isinstance(allowances, pl.LazyFrame) else allowances
    present = rows.select("kind", pl.col("coefficient_e4").is_not_null().alias("is_coefficient")).unique()
    aggregations = [
        pl.col("coefficient_e4").filter(pl.col("kind") == "leadership").sum().alias("leadership_e4")
    ]
    for kind, is_coefficient in present.iter_rows():
        if kind == "leadership" or kind not in OTHER_KINDS:
            continue
        value, suffix = (
            ("coefficient_e4", COEFFICIENT_SUFFIX) if is_coefficient else ("percent_e2", PERCENT_SUFFIX)
        )
        aggregations.append(pl.col(value).filter(pl.col("kind") == kind).sum().alias(kind + suffix))
    pivot = rows.lazy().group_by("person_id").agg(aggregations)
    base = persons.lazy()
    if "leadership_e4" in base.collect_schema().names():
        base = base.drop("leadership_e4")
    names = [expression.meta.output_name() for expression in aggregations]
    return base.join(pivot, on="person_id", how="left").with_columns(pl.col(names).fill_null(0))


@dataclass(frozen=True)
class Inputs:
    """The column expressions a pay computation reads, so that a scenario computes its variant of the
    same person frame in the same pass (scaled allowances, another base salary)."""

    leadership_e4: pl.Expr
    allowances: list[tuple[str, pl.Expr, bool]]  # (kind, value, is a percentage)

    @classmethod
    def of(cls, columns: list[str]) -> "Inputs":
        return cls(
            pl.col("leadership_e4"),
            [(kind, pl.col(name), percent) for name, kind, percent in allowance_columns(columns)],
        )


def pay_expressions(
    rates: FrameRates, inputs: Inputs, position_amount: pl.Expr | None = None
) -> dict[str, pl.Expr]:
    """The amounts of a month as column expressions over a person frame (``category`` of the type
    :data:`CATEGORY`): every component, gross, insurance base, contributions. ``position_amount``, the
    amount of a position-based table, replaces the salary of the step where it is not null."""
    base = rates.base_salary
    coefficient = pl.col("coefficient_e4")
    seniority_percent = pl.col("seniority_percent")
    share_e4 = coefficient + inputs.leadership_e4 + coefficient * seniority_percent // 100
    salary = _round_div(coefficient * base, 10000)
    seniority = _round_div(coefficient * seniority_percent * base, 1000000)
    if position_amount is not None:
        # A position-based table: its amount replaces the salary of the step and the seniority beyond
        # the frame of whoever holds a mapped position (null elsewhere).
        salary = pl.coalesce(position_amount, salary)
        seniority = pl.when(position_amount.is_null()).then(seniority).otherwise(0)
    leadership = _round_div(inputs.leadership_e4 * base, 10000)
    reserved = _round_div(pl.col("reserved_e4") * base, 10000)
    duty = (
        pl.when(pl.col("public_duty"))
        .then(_round_div(share_e4 * (base * rates.public_duty_e2), 100000000))
        .otherwise(0)
    )
    amounts = [
        _round_div(share_e4 * base * value, 100000000) if percent else _round_div(value * base, 10000)
        for _kind, value, percent in inputs.allowances
    ]
    insured = salary + seniority + leadership + reserved
    gross = insured + duty
    for amount, (kind, _value, _percent) in zip(amounts, inputs.allowances, strict=True):
        gross = gross + amount
        if kind in INSURED_KINDS:
            insured = insured + amount
    others = pl.sum_horizontal(amounts) if amounts else pl.lit(0, dtype=pl.Int64)
    insurance_base = insured.clip(upper_bound=rates.insurance_cap or NO_CAP)
    result = {
        "salary": salary,
        "seniority": seniority,
        "leadership": leadership,
        "allowances": others,
        "public_duty_amount": duty,
        "reserved": reserved,
        "gross": gross,
        "insurance_base": insurance_base,
    }
    for fund in FUNDS[:3]:
        result[fund] = _round_div(insurance_base * rates.rate("employee", fund), 10000)
        result[f"employer_{fund}"] = _round_div(insurance_base * rates.rate("employer", fund), 10000)
    result["employer_contributions"] = employer_contributions(rates, insurance_base)
    result["deductions"] = (
        result["social_insurance"] + result["health_insurance"] + result["unemployment_insurance"]
    )
    result["net"] = gross - result["deductions"]
    return result


def employer_contributions(rates: FrameRates, insurance_base: pl.Expr) -> pl.Expr:
    """The employer's share over ``insurance_base`` in one expression: the funds' rates of each person's
    category, each rounded as the itemised computation."""
    social, health, unemployment = (
        _round_div(insurance_base * rates.rate("employer", fund), 10000) for fund in FUNDS[:3]
    )
    return social + health + unemployment


def with_category(persons: pl.LazyFrame) -> pl.LazyFrame:
    """The persons with their category as :data:`CATEGORY` (the loading query gives it so already)."""
    if persons.collect_schema()["category"] == CATEGORY:
        return persons
    return persons.with_columns(pl.col("category").cast(CATEGORY))


def compute_frame(
    persons: pl.DataFrame | pl.LazyFrame,
    rates: FrameRates,
    allowances: pl.DataFrame | pl.LazyFrame | None = None,
) -> pl.LazyFrame:
    """The salary of every person of ``persons`` (columns :data:`PERSON_COLUMNS` and the allowance
    columns, others kept; or allowances given as rows in ``allowances``, leadership included), adding
    the amounts ``salary``, ``seniority``, ``leadership``, ``allowances``, ``public_duty_amount``,
    ``reserved``, ``gross``, ``insurance_base``, one column per employee contribution and its
    ``employer_<fund>``, ``deductions``, ``net`` and ``employer_contributions``. Union fees are left to
    the itemised computation."""
    lazy = persons.lazy() if allowances is None else widen(persons, allowances)
    expressions = pay_expressions(rates, Inputs.of(lazy.collect_schema().names()))
    return with_category(lazy).with_columns(value.alias(name) for name, value in expressions.items())


def case_frames(case: SalaryCase, law: SalaryLaw, person_id: int = 1) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The person and allowance frames of a case, as :func:`compute_frame` reads them."""
    scale = case.scale or law.scale_of_rank(case.rank_code, case.on)
    _, coefficient = _place_on_scale(case, scale, law.scale_on(scale, case.on))
    allowances = list(case.allowances)
    if case.leadership_code:
        allowances.append(leadership_allowance(law, case.leadership_code, case.on))
    wants_duty = case.public_duty if case.public_duty is not None else case.category in PUBLIC_DUTY_CATEGORIES
    person = {
        "person_id": person_id,
        "coefficient_e4": int(coefficient * 10000),
        "seniority_percent": case.seniority_percent or 0,
        "leadership_e4": 0,
        "reserved_e4": int(case.reserved_coefficient * 10000),
        "public_duty": wants_duty and not any(a.kind == "public_duty" for a in allowances),
        "category": case.category,
    }
    rows = [
        {
            "person_id": person_id,
            "kind": a.kind,
            "coefficient_e4": int(a.coefficient * 10000) if a.coefficient is not None else None,
            "percent_e2": int(a.percent * 100) if a.percent is not None else None,
        }
        for a in allowances
    ]
    return pl.DataFrame([person], schema=PERSON_COLUMNS), pl.DataFrame(rows, schema=ALLOWANCE_COLUMNS)
