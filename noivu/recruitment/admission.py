"""Receiving a person without an exam (tiếp nhận): the groups the decree in force lets a recruiting body
receive and the vetting of an application against its group's conditions, each failure naming the rule.
The rules are the rows of ``law/recruitment_admission.yaml`` (Nghị định 170/2025/NĐ-CP Điều 13 for civil
servants from 1/7/2025, 138/2020 before; Nghị định 115/2020/NĐ-CP Điều 13 as amended by 85/2023 for public
employees)."""

import datetime as dt
from collections.abc import Iterable

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from noivu.core.rules import RuleValue, localized, rule_table
from noivu.recruitment.models import Method, RecruitmentPlan
from noivu.recruitment.vacancies import qualification_name, qualification_order

ADMISSION_TABLE = "recruitment_admission"

# The facts an officer confirms from the papers of an application for admission.
CONDITIONS = {
    "no_discipline": gettext_lazy("Không trong thời hạn xử lý kỷ luật hoặc thi hành quyết định kỷ luật"),
    "transfer_decision": gettext_lazy(
        "Có quyết định bằng văn bản của cấp có thẩm quyền điều động, chuyển công tác"
    ),
    "fitting_products": gettext_lazy("Có kết quả, sản phẩm hoặc tài năng phù hợp với vị trí việc làm"),
    "nominated_locality": gettext_lazy("Về công tác tại địa phương nơi cử đi học (cử tuyển)"),
}


def group_label(rule: RuleValue) -> str:
    """The group's label in the page's language: the row's English label on the English interface."""
    return localized(rule.value)


def group_name(staff_kind: str, day: dt.date, code: str) -> str:
    """The label of the group ``code`` of a plan's rule on ``day``; the code itself names none (empty)."""
    if not code:
        return ""
    found = admission_groups(staff_kind, day).get(code)
    return group_label(found) if found is not None else code


def admission_groups(staff_kind: str, day: dt.date) -> dict[str, RuleValue]:
    """The groups of persons that may be received as ``staff_kind`` under the rule in force on ``day``."""
    prefix = f"{staff_kind}."
    return {
        code.removeprefix(prefix): row
        for code, row in rule_table(ADMISSION_TABLE).in_force(day).items()
        if code.startswith(prefix)
    }


def admission_problems(
    rule: RuleValue, *, work_months: int | None, qualification: str, conditions: Iterable[str]
) -> list[str]:
    """The conditions of the group ``rule`` that an application does not meet, each naming the rule
    (empty: it may be received)."""
    basis = rule.legal_basis.citation
    label = group_label(rule)
    problems = []
    need = int(rule.value.get("work_months") or 0)
    if need and (work_months or 0) < need:
        problems.append(
            _(
                "Chưa đủ %(need)s tháng công tác phù hợp của đối tượng «%(group)s» (có %(have)s tháng) "
                "— %(basis)s."
            )
            % {"need": need, "group": label, "have": work_months or 0, "basis": basis}
        )
    level = rule.value.get("min_qualification")
    order = qualification_order()
    if level and order.get(qualification, 0) < order.get(level, 0):
        problems.append(
            _("Đối tượng «%(group)s» cần trình độ %(need)s trở lên — %(basis)s.")
            % {"group": label, "need": qualification_name(level), "basis": basis}
        )
    declared = set(conditions)
    for code in rule.value.get("conditions", []):
        if code not in declared:
            problems.append(
                _("Chưa có điều kiện «%(condition)s» — %(basis)s.")
                % {"condition": CONDITIONS.get(code, code), "basis": basis}
            )
    return problems


def admission_choices(plan: RecruitmentPlan) -> dict[str, str] | None:
    """The groups a plan receiving without an exam offers on its forms, by code; None for another plan."""
    if plan.method != Method.ADMISSION:
        return None
    return {
        code: group_label(rule) for code, rule in admission_groups(plan.staff_kind, plan.exam_date).items()
    }
