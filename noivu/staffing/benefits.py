"""Streamlining benefits (chế độ tinh giản biên chế; chính sách khi sắp xếp tổ chức bộ máy), item by item.

Which decree governs a case is a dated rule (table ``streamlining_regimes``): Nghị định 29/2023/NĐ-CP for a
case dated 20/7/2023–15/6/2025, Nghị định 154/2025/NĐ-CP from 16/6/2025, and Nghị định 178/2024/NĐ-CP as
amended by 67/2025/NĐ-CP (from 1/1/2025) for a person made surplus by the restructuring of the apparatus.
The shape of the computation differs between the decrees, so each has its function below; its figures
(months of salary per item, windows, rounding) are the rows of ``streamlining_benefits``, each with its
article and confidence.

Every result lists its items with the amount, the formula with the figures put in, and the rule row (article)
behind it. :func:`compute` takes a :class:`Benefits` (the two tables, taken once) so that a province's list is
computed in one pass (:func:`compute_many`).
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from noivu.core import dates
from noivu.core.money import format_amount, format_dong, to_dong
from noivu.core.rules import RuleTable, RuleValue, rule_table

REGIMES_TABLE = "streamlining_regimes"
BENEFITS_TABLE = "streamlining_benefits"

ND29, ND154, ND178 = "nd29_2023", "nd154_2025", "nd178_2024"
EARLY_RETIREMENT, RESIGNATION, TRANSFER = "early_retirement", "resignation", "transfer_non_budget"
POLICIES_OF: dict[str, tuple[str, ...]] = {
    ND29: (EARLY_RETIREMENT, RESIGNATION),
    ND154: (EARLY_RETIREMENT, TRANSFER, RESIGNATION),
    ND178: (EARLY_RETIREMENT, RESIGNATION),
}
FIRST_PHASE, LATER_PHASE = "first_12_months", "from_month_13"

# Item labels, translated when a result is shown, not once per case of a batch.
PER_YEAR_EARLY = gettext_lazy("Trợ cấp cho số năm nghỉ hưu trước tuổi")
SI_SERVICE = gettext_lazy("Trợ cấp theo số năm đóng bảo hiểm xã hội")
JOB_SEARCH = gettext_lazy("Trợ cấp để tìm việc làm")
ONE_OFF = gettext_lazy("Trợ cấp một lần")
LUMP_SUM = gettext_lazy("Trợ cấp hưu trí một lần cho số tháng nghỉ sớm (%(phase)s)")
SEVERANCE = gettext_lazy("Trợ cấp thôi việc cho số tháng đến tuổi nghỉ hưu (%(phase)s)")
FIRST_PHASE_TEXT = gettext_lazy("trong 12 tháng đầu")
LATER_PHASE_TEXT = gettext_lazy("từ tháng thứ 13")


@dataclass(frozen=True)
class Label:
    """A label with the phase put in, translated when read."""

    template: Promise
    phase: Promise

    def __str__(self) -> str:
        return str(self.template) % {"phase": str(self.phase)}


def regime_label(regime: str) -> str:
    return {
        ND29: _("Nghị định 29/2023/NĐ-CP"),
        ND154: _("Nghị định 154/2025/NĐ-CP"),
        ND178: _("Nghị định 178/2024/NĐ-CP (sửa đổi bởi Nghị định 67/2025/NĐ-CP)"),
    }.get(regime, regime)


def policy_label(policy: str) -> str:
    return {
        EARLY_RETIREMENT: _("Nghỉ hưu trước tuổi"),
        RESIGNATION: _("Thôi việc"),
        TRANSFER: _("Chuyển sang tổ chức không hưởng lương thường xuyên từ ngân sách"),
    }.get(policy, policy)


ITEM_LABELS: dict[str, Promise] = {
    "per_year_early": PER_YEAR_EARLY,
    "si_service": SI_SERVICE,
    "per_si_year": SI_SERVICE,
    "job_search": JOB_SEARCH,
    "one_off": ONE_OFF,
    "lump_sum": LUMP_SUM,
    "severance": SEVERANCE,
}


def item_label(code: str, phase: str | None) -> str:
    """The label of an item of a stored result, in the language of the page that shows it."""
    label = ITEM_LABELS.get(code)
    if label is None:
        return code
    if code in ("lump_sum", "severance"):
        return str(Label(label, FIRST_PHASE_TEXT if phase == FIRST_PHASE else LATER_PHASE_TEXT))
    return str(label)


class BenefitError(ValueError):
    """A case the rules refuse or cannot compute: ``field`` names the input, the message the rule."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


@dataclass(frozen=True)
class BenefitCase:
    """What a benefit depends on. ``months_to_retirement``: whole months from the leaving date to the
    normal retirement date (the first day of the month after the month the age is reached)."""

    policy: str
    leave_date: dt.date
    salary_current: int
    months_to_retirement: int
    si_years: int
    si_months: int = 0
    salary_average: int | None = None
    case_date: dt.date | None = None
    restructuring: bool = False
    restructuring_decision_date: dt.date | None = None
    phase: str | None = None
    gender: str | None = None
    regime: str | None = None


@dataclass(frozen=True)
class BenefitItem:
    """One item of a benefit (khoản trợ cấp): its amount and the formula and rule behind it."""

    code: str
    label: "Promise | Label"
    amount: int
    formula_of: Callable[[], str]
    rule: RuleValue

    @property
    def formula(self) -> str:
        """The computation with the figures put in, written when a result is shown."""
        return f"{self.formula_of()} = {_money(self.amount)} đ"

    def explain(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "label": str(self.label),
            "amount": self.amount,
            "amount_text": format_dong(self.amount),
            "formula": self.formula,
            "citation": self.rule.legal_basis.citation,
            "confidence": self.rule.legal_basis.confidence,
        }


@dataclass
class BenefitResult:
    regime: str
    policy: str
    items: list[BenefitItem]
    years_early: Decimal | None = None
    si_years_counted: Decimal = Decimal(0)
    phase: str | None = None
    pension_rate_percent: Decimal | None = None
    pension_rule: RuleValue | None = None
    regime_rule: RuleValue | None = None
    notes: list[str] = field(default_factory=list)
    other_rules: list[RuleValue] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(item.amount for item in self.items)

    def explain(self) -> dict[str, Any]:
        rules = [self.regime_rule] if self.regime_rule else []
        rules += [item.rule for item in self.items]
        rules += self.other_rules
        if self.pension_rule is not None:
            rules.append(self.pension_rule)
        unique = {(rule.table, rule.code, rule.effective_from): rule.explain() for rule in rules}
        return {
            "regime": self.regime,
            "regime_label": regime_label(self.regime),
            "policy": self.policy,
            "policy_label": policy_label(self.policy),
            "phase": self.phase,
            "years_early": str(self.years_early) if self.years_early is not None else None,
            "si_years_counted": str(self.si_years_counted),
            "items": [item.explain() for item in self.items],
            "total": self.total,
            "total_text": format_dong(self.total),
            "pension_rate_percent": str(self.pension_rate_percent)
            if self.pension_rate_percent is not None
            else None,
            "notes": self.notes,
            "rules": list(unique.values()),
        }


@dataclass(frozen=True)
class Benefits:
    """The two rule tables of streamlining, taken once for a page, a calculator call or a batch."""

    regimes: RuleTable
    figures: RuleTable
    _seen: dict[tuple[str, dt.date], RuleValue] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def load(cls) -> "Benefits":
        return cls(rule_table(REGIMES_TABLE), rule_table(BENEFITS_TABLE))

    def figure(self, code: str, day: dt.date) -> RuleValue:
        # A batch asks the same few (code, day) pairs again and again: answered from memory.
        key = (code, day)
        found = self._seen.get(key)
        if found is None:
            found = self.figures.get(code, day)
            if found is None:
                raise BenefitError(
                    "leave_date",
                    _("Không có quy định %(code)s có hiệu lực ngày %(day)s.")
                    % {"code": code, "day": f"{day:%d/%m/%Y}"},
                )
            self._seen[key] = found
        return found

    def regime_for(self, day: dt.date, restructuring: bool) -> RuleValue:
        """The decree governing a case dated ``day``: 178/2024 for a restructuring case while it is in
        force, otherwise the streamlining decree in force."""
        if restructuring:
            row = self.regimes.get("restructuring", day)
            if row is not None:
                return row
        row = self.regimes.get("general", day)
        if row is None:
            raise BenefitError(
                "case_date",
                _(
                    "Ngày %(day)s không có văn bản về tinh giản biên chế có hiệu lực (Nghị định "
                    "29/2023/NĐ-CP "
                    "có hiệu lực từ 20/07/2023)."
                )
                % {"day": f"{day:%d/%m/%Y}"},
            )
        return row


def rounded_years(months: int, half_year_up_to: int = 6) -> Decimal:
    """Whole years of ``months`` with the leftover months rounded: 1–6 → half a year, 7–11 → a year
    (Nghị định 29/2023 Điều 10; Thông tư 19/2025/TT-BQP Điều 5 khoản 2)."""
    years, rest = divmod(months, 12)
    if rest == 0:
        return Decimal(years)
    return Decimal(years) + (Decimal("0.5") if rest <= half_year_up_to else Decimal(1))


def _n(value: Decimal | float | int) -> str:
    """A figure in a formula: 0.5, 35.5, 5 — no trailing zeros."""
    if isinstance(value, int):
        return str(value)
    text = str(value)
    return text.rstrip("0").rstrip(".") if "." in text else text


def _money(amount: int) -> str:
    return format_amount(amount)


def _item(
    code: str,
    label: "Promise | Label",
    salary: int,
    months: Decimal,
    formula: Callable[[], str],
    rule: RuleValue,
) -> BenefitItem:
    return BenefitItem(code, label, to_dong(Decimal(salary) * months), formula, rule)


def _service_months(spec: dict, si: Decimal) -> Decimal:
    """Months of the social-insurance service allowance: ``months_first`` for the first ``first_years``,
    ``months_per_year_after`` per year beyond (or ``flat_months`` from ``flat_from_years`` below that)."""
    first = Decimal(str(spec["first_years"]))
    if si < first and "flat_from_years" in spec:
        return (
            Decimal(str(spec["flat_months"])) if si >= Decimal(str(spec["flat_from_years"])) else Decimal(0)
        )
    beyond = max(Decimal(0), si - first)
    return Decimal(str(spec["months_first"])) + Decimal(str(spec["months_per_year_after"])) * beyond


def _require_average(case: BenefitCase, regime: str) -> int:
    if not case.salary_average or case.salary_average <= 0:
        raise BenefitError(
            "salary_average",
            _("%(regime)s tính theo tiền lương tháng bình quân 60 tháng: cần số tiền dương.")
            % {"regime": regime_label(regime)},
        )
    return case.salary_average


def _check_window(case: BenefitCase, spec: dict, rule: RuleValue, what: str) -> None:
    months = case.months_to_retirement
    if not spec["min_months"] <= months <= spec["max_months"]:
        raise BenefitError(
            "months_to_retirement",
            _(
                "Không đủ điều kiện %(what)s theo %(citation)s: phải còn từ đủ %(low)s đến đủ "
                "%(high)s tháng đến "
                "tuổi nghỉ hưu; người này còn %(months)s tháng."
            )
            % {
                "what": what,
                "citation": rule.legal_basis.citation,
                "low": spec["min_months"],
                "high": spec["max_months"],
                "months": months,
            },
        )


def _pension_rate(case: BenefitCase, benefits: Benefits, si: Decimal, result: BenefitResult) -> None:
    """The pension rate kept unreduced for retiring early (informative: paid by social insurance)."""
    if case.gender not in ("M", "F"):
        return
    row = benefits.figures.get(
        "pension_rate_male" if case.gender == "M" else "pension_rate_female", case.leave_date
    )
    if row is None:
        return
    spec = row.value
    extra = max(Decimal(0), si - Decimal(spec["base_years"]))
    rate = Decimal(spec["base_percent"]) + Decimal(spec["percent_per_year"]) * extra
    result.pension_rate_percent = min(rate, Decimal(spec["max_percent"]))
    result.pension_rule = row


def _nd29(case: BenefitCase, benefits: Benefits, result: BenefitResult) -> None:
    day = case.leave_date
    rounding_rule = benefits.figure("rounding", day)
    result.other_rules.append(rounding_rule)
    rounding = rounding_rule.value["half_year_up_to_months"]
    si = rounded_years(case.si_years * 12 + case.si_months, rounding)
    result.si_years_counted = si
    if case.policy == EARLY_RETIREMENT:
        window = benefits.figure("nd29_early_window", day)
        _check_window(case, window.value, window, _("nghỉ hưu trước tuổi"))
        average = _require_average(case, ND29)
        years = rounded_years(case.months_to_retirement, rounding)
        result.years_early = years
        per_year = benefits.figure("nd29_early_per_year", day)
        months = Decimal(per_year.value["months"]) * years
        result.items.append(
            _item(
                "per_year_early",
                PER_YEAR_EARLY,
                average,
                months,
                lambda: f"{_money(average)} × {per_year.value['months']} × {_n(years)}",
                per_year,
            )
        )
        service = benefits.figure("nd29_early_service", day)
        spec = service.value
        service_months = _service_months(spec, si)
        result.items.append(
            _item(
                "si_service",
                SI_SERVICE,
                average,
                service_months,
                lambda: (
                    f"{_money(average)} × ({spec['months_first']} + {_n(spec['months_per_year_after'])} × "
                    f"{_n(max(Decimal(0), si - spec['first_years']))})"
                ),
                service,
            )
        )
        _pension_rate(case, benefits, si, result)
        return
    average = _require_average(case, ND29)
    job = benefits.figure("nd29_resign_job_search", day)
    result.items.append(
        _item(
            "job_search",
            JOB_SEARCH,
            case.salary_current,
            Decimal(str(job.value["months"])),
            lambda: f"{_money(case.salary_current)} × {_n(job.value['months'])}",
            job,
        )
    )
    per_si = benefits.figure("nd29_resign_per_si_year", day)
    result.items.append(
        _item(
            "per_si_year",
            SI_SERVICE,
            average,
            Decimal(str(per_si.value["months"])) * si,
            lambda: f"{_money(average)} × {_n(per_si.value['months'])} × {_n(si)}",
            per_si,
        )
    )


def _nd154(case: BenefitCase, benefits: Benefits, result: BenefitResult) -> None:
    day, salary = case.leave_date, case.salary_current
    rounding_rule = benefits.figure("rounding", day)
    result.other_rules.append(rounding_rule)
    rounding = rounding_rule.value["half_year_up_to_months"]
    si = rounded_years(case.si_years * 12 + case.si_months, rounding)
    result.si_years_counted = si
    window = benefits.figure("nd154_early_window", day)
    spec = window.value
    early_eligible = (
        spec["min_months"] <= case.months_to_retirement <= spec["max_months"] and si >= spec["min_si_years"]
    )
    if case.policy == EARLY_RETIREMENT:
        if case.months_to_retirement > spec["max_months"]:
            _check_window(case, spec, window, _("nghỉ hưu trước tuổi"))
        if si < spec["min_si_years"]:
            raise BenefitError(
                "si_years",
                _(
                    "Không đủ điều kiện nghỉ hưu trước tuổi theo %(citation)s: cần đủ %(need)s năm "
                    "đóng bảo hiểm xã "
                    "hội bắt buộc để hưởng lương hưu; người này có %(have)s năm."
                )
                % {"citation": window.legal_basis.citation, "need": spec["min_si_years"], "have": _n(si)},
            )
        _pension_rate(case, benefits, si, result)
        if case.months_to_retirement < spec["min_months"]:
            result.notes.append(
                _(
                    "Còn dưới 2 năm đến tuổi nghỉ hưu: không bị trừ tỷ lệ lương hưu; các khoản trợ "
                    "cấp bằng tiền "
                    "cho trường hợp này chưa được đối chiếu trong văn bản nên không tính."
                )
            )
            return
        rounding_value = rounding
        years = rounded_years(case.months_to_retirement, rounding_value)
        result.years_early = years
        per_year = benefits.figure("nd154_early_per_year", day)
        result.items.append(
            _item(
                "per_year_early",
                PER_YEAR_EARLY,
                salary,
                Decimal(per_year.value["months"]) * years,
                lambda: f"{_money(salary)} × {per_year.value['months']} × {_n(years)}",
                per_year,
            )
        )
        service = benefits.figure("nd154_early_service", day)
        sspec = service.value
        months = _service_months(sspec, si)

        def formula() -> str:
            if si >= Decimal(sspec["first_years"]):
                per_year, beyond = _n(sspec["months_per_year_after"]), _n(si - sspec["first_years"])
                return f"{_money(salary)} × ({sspec['months_first']} + {per_year} × {beyond})"
            return f"{_money(salary)} × {sspec['flat_months']}"

        result.items.append(_item("si_service", SI_SERVICE, salary, months, formula, service))
        return
    if case.policy == TRANSFER:
        one_off = benefits.figure("nd154_transfer_one_off", day)
        if (
            case.months_to_retirement < one_off.value["min_months_to_retirement"]
            and si >= spec["min_si_years"]
        ):
            raise BenefitError(
                "months_to_retirement",
                _(
                    "Không hưởng chính sách chuyển công tác theo %(citation)s: người còn từ 3 năm "
                    "trở xuống đến tuổi "
                    "nghỉ hưu và đủ điều kiện hưởng lương hưu (còn %(months)s tháng)."
                )
                % {"citation": one_off.legal_basis.citation, "months": case.months_to_retirement},
            )
        per_si = benefits.figure("nd154_transfer_per_si_year", day)
        result.items += [
            _item(
                "one_off",
                ONE_OFF,
                salary,
                Decimal(one_off.value["months"]),
                lambda: f"{_money(salary)} × {one_off.value['months']}",
                one_off,
            ),
            _item(
                "per_si_year",
                SI_SERVICE,
                salary,
                Decimal(str(per_si.value["months"])) * si,
                lambda: f"{_money(salary)} × {_n(per_si.value['months'])} × {_n(si)}",
                per_si,
            ),
        ]
        return
    job = benefits.figure("nd154_resign_job_search", day)
    if case.months_to_retirement < 1:
        raise BenefitError(
            "months_to_retirement",
            _("Thôi việc theo %(citation)s chỉ áp dụng cho người chưa đến tuổi nghỉ hưu.")
            % {"citation": job.legal_basis.citation},
        )
    if early_eligible:
        raise BenefitError(
            "policy",
            _(
                "Không áp dụng thôi việc theo %(citation)s: người này đủ điều kiện nghỉ hưu trước tuổi theo "
                "%(early)s (còn %(months)s tháng, %(si)s năm đóng bảo hiểm xã hội)."
            )
            % {
                "citation": job.legal_basis.citation,
                "early": window.legal_basis.citation,
                "months": case.months_to_retirement,
                "si": _n(si),
            },
        )
    per_si = benefits.figure("nd154_resign_per_si_year", day)
    result.items += [
        _item(
            "job_search",
            JOB_SEARCH,
            salary,
            Decimal(job.value["months"]),
            lambda: f"{_money(salary)} × {job.value['months']}",
            job,
        ),
        _item(
            "per_si_year",
            SI_SERVICE,
            salary,
            Decimal(str(per_si.value["months"])) * si,
            lambda: f"{_money(salary)} × {_n(per_si.value['months'])} × {_n(si)}",
            per_si,
        ),
    ]


def _phase(case: BenefitCase, cap_rule: RuleValue) -> str:
    if case.phase is not None:
        if case.phase not in (FIRST_PHASE, LATER_PHASE):
            raise BenefitError("phase", _("Phải là first_12_months hoặc from_month_13."))
        return case.phase
    if case.restructuring_decision_date is None:
        raise BenefitError(
            "restructuring_decision_date",
            _(
                "%(citation)s tính theo thời điểm nghỉ so với quyết định sắp xếp tổ chức bộ máy: cần "
                "ngày quyết "
                "định sắp xếp."
            )
            % {"citation": cap_rule.legal_basis.citation},
        )
    limit = dates.add_months(case.restructuring_decision_date, cap_rule.value["first_phase_months"])
    return FIRST_PHASE if case.leave_date <= limit else LATER_PHASE


def _nd178(case: BenefitCase, benefits: Benefits, result: BenefitResult) -> None:
    day, salary = case.leave_date, case.salary_current
    rounding_rule = benefits.figure("rounding_178", day)
    result.other_rules.append(rounding_rule)
    rounding = rounding_rule.value["half_year_up_to_months"]
    si = rounded_years(case.si_years * 12 + case.si_months, rounding)
    result.si_years_counted = si
    phase_rule = benefits.figure("nd178_phase", day)
    result.other_rules.append(phase_rule)
    cap = phase_rule.value["months_cap"]
    phase = _phase(case, phase_rule)
    result.phase = phase
    first = phase == FIRST_PHASE
    phase_text = FIRST_PHASE_TEXT if first else LATER_PHASE_TEXT
    months = case.months_to_retirement
    if case.policy == EARLY_RETIREMENT:
        band = None
        for code in ("nd178_early_under_2", "nd178_early_2_to_5", "nd178_early_5_to_10"):
            row = benefits.figure(code, day)
            if row.value["min_months"] <= months <= row.value["max_months"]:
                band = row
        if band is None:
            raise BenefitError(
                "months_to_retirement",
                _(
                    "Không đủ điều kiện nghỉ hưu trước tuổi theo %(citation)s: chỉ áp dụng khi còn "
                    "không quá 10 năm "
                    "(120 tháng) đến tuổi nghỉ hưu; người này còn %(months)s tháng."
                )
                % {
                    "citation": benefits.figure("nd178_early_5_to_10", day).legal_basis.citation,
                    "months": months,
                },
            )
        spec = band.value
        if spec["service"]:
            pension = benefits.figure("nd178_early_pension", day)
            result.other_rules.append(pension)
            if si < pension.value["min_si_years"]:
                raise BenefitError(
                    "si_years",
                    _(
                        "Không đủ điều kiện nghỉ hưu trước tuổi theo %(citation)s: cần đủ %(need)s "
                        "năm đóng bảo hiểm "
                        "xã hội bắt buộc để hưởng lương hưu (%(law)s); người này có %(have)s năm."
                    )
                    % {
                        "citation": band.legal_basis.citation,
                        "need": pension.value["min_si_years"],
                        "law": pension.legal_basis.citation,
                        "have": _n(si),
                    },
                )
        coefficient = Decimal(str(spec["lump_first" if first else "lump_later"]))
        counted = min(months, cap) if spec["lump_months"] == "early" else int(spec["lump_months"])
        result.items.append(
            _item(
                "lump_sum",
                Label(LUMP_SUM, phase_text),
                salary,
                coefficient * counted,
                lambda: f"{_money(salary)} × {_n(coefficient)} × {counted}",
                band,
            )
        )
        if spec["per_year_months"]:
            years = rounded_years(months, rounding)
            result.years_early = years
            result.items.append(
                _item(
                    "per_year_early",
                    PER_YEAR_EARLY,
                    salary,
                    Decimal(spec["per_year_months"]) * years,
                    lambda: f"{_money(salary)} × {spec['per_year_months']} × {_n(years)}",
                    band,
                )
            )
        if spec["service"]:
            service = benefits.figure("nd178_early_service", day)
            sspec = service.value
            result.items.append(
                _item(
                    "si_service",
                    SI_SERVICE,
                    salary,
                    _service_months(sspec, si),
                    lambda: (
                        f"{_money(salary)} × ({sspec['months_first']} + {_n(sspec['months_per_year_after'])}"
                        f" × {_n(max(Decimal(0), si - sspec['first_years']))})"
                    ),
                    service,
                )
            )
            _pension_rate(case, benefits, si, result)
        return
    resign = benefits.figure("nd178_resign", day)
    spec = resign.value
    if months < spec["min_months_to_retirement"]:
        raise BenefitError(
            "months_to_retirement",
            _(
                "Không đủ điều kiện thôi việc theo %(citation)s: phải còn từ đủ 2 năm (24 tháng) trở "
                "lên đến tuổi "
                "nghỉ hưu; người này còn %(months)s tháng."
            )
            % {"citation": resign.legal_basis.citation, "months": months},
        )
    coefficient = Decimal(str(spec["severance_first" if first else "severance_later"]))
    counted = min(months, cap)
    result.items += [
        _item(
            "severance",
            Label(SEVERANCE, phase_text),
            salary,
            coefficient * counted,
            lambda: f"{_money(salary)} × {_n(coefficient)} × {counted}",
            resign,
        ),
        _item(
            "per_si_year",
            SI_SERVICE,
            salary,
            Decimal(str(spec["per_si_year_months"])) * si,
            lambda: f"{_money(salary)} × {_n(spec['per_si_year_months'])} × {_n(si)}",
            resign,
        ),
        _item(
            "job_search",
            JOB_SEARCH,
            salary,
            Decimal(spec["job_search_months"]),
            lambda: f"{_money(salary)} × {spec['job_search_months']}",
            resign,
        ),
    ]


_COMPUTE = {ND29: _nd29, ND154: _nd154, ND178: _nd178}


def _validate(case: BenefitCase) -> None:
    if case.salary_current <= 0:
        raise BenefitError("salary_current", _("Tiền lương tháng hiện hưởng phải là số tiền dương (đồng)."))
    if case.si_years < 0 or not 0 <= case.si_months <= 11:
        raise BenefitError("si_years", _("Số năm đóng bảo hiểm xã hội không âm; số tháng lẻ từ 0 đến 11."))
    if case.months_to_retirement < 0:
        raise BenefitError(
            "months_to_retirement",
            _("Người này đã đến tuổi nghỉ hưu vào ngày nghỉ: không thuộc diện tinh giản."),
        )


def compute(case: BenefitCase, benefits: Benefits | None = None) -> BenefitResult:
    """The benefit of ``case`` item by item, under the decree in force on its date; BenefitError names the
    input at fault or the condition of the law the person does not meet."""
    benefits = benefits or Benefits.load()
    _validate(case)
    day = case.case_date or case.leave_date
    if case.regime is not None:
        regime_rule = None
        regime = case.regime
        if regime not in _COMPUTE:
            raise BenefitError("regime", _("Phải là một trong: %(known)s.") % {"known": ", ".join(_COMPUTE)})
    else:
        regime_rule = benefits.regime_for(day, case.restructuring)
        regime = regime_rule.value
    if case.policy not in POLICIES_OF[regime]:
        raise BenefitError(
            "policy",
            _("%(regime)s không có chính sách '%(policy)s'; có: %(known)s.")
            % {
                "regime": regime_label(regime),
                "policy": case.policy,
                "known": ", ".join(policy_label(p) for p in POLICIES_OF[regime]),
            },
        )
    result = BenefitResult(regime=regime, policy=case.policy, items=[], regime_rule=regime_rule)
    _COMPUTE[regime](case, benefits, result)
    return result


def compute_many(
    cases: list[BenefitCase], benefits: Benefits | None = None
) -> list[BenefitResult | BenefitError]:
    """A list of cases in one pass with the tables taken once: each a result, or the error refusing it."""
    benefits = benefits or Benefits.load()
    results: list[BenefitResult | BenefitError] = []
    for case in cases:
        try:
            results.append(compute(case, benefits))
        except BenefitError as error:
            results.append(error)
    return results
