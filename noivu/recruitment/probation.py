"""The length of a probation (thời gian tập sự) by the rule in force on the recruitment decision's day and
the least qualification the position requires: public employees, Nghị định 115/2020/NĐ-CP Điều 21 khoản 2
as amended by 85/2023 (12 months for a university degree, 9 for college, 6 for intermediate); civil
servants, Nghị định 138/2020/NĐ-CP Điều 20 khoản 1 until 30/6/2025 (12 months, 6 for cán sự), none from
01/7/2025 (Nghị định 170/2025/NĐ-CP Điều 70 khoản 4). The figures are rows of
``law/recruitment_exam.yaml``."""

import datetime as dt

from noivu.core.rules import RuleNotFound, RuleValue, rule_table
from noivu.recruitment.vacancies import qualification_order

EXAM_TABLE = "recruitment_exam"
RANK_TABLE = "recruitment_rank"


def probation_months(staff_kind: str, required_level: str, day: dt.date) -> tuple[int, RuleValue]:
    """The months of probation of a position of ``staff_kind`` requiring ``required_level`` under the rule
    in force on ``day``, with that rule: the first level listed that the requirement reaches, else the
    last row's months (a requirement below every level listed). A rule without probation lists one row of
    no level and 0 months."""
    rule = rule_table(EXAM_TABLE).lookup(f"{staff_kind}.probation_by_level", day)
    levels = list(rule.value)
    order = qualification_order()
    have = order.get(required_level, 0)
    for row in levels:
        if have >= order.get(row["level"], 0):
            return int(row["months"]), rule
    return int(levels[-1]["months"]), rule


def placement_rule(staff_kind: str, day: dt.date) -> RuleValue | None:
    """The rule placing a person recruited on ``day`` in the rank of the position by the recruitment
    decision itself (công chức from 1/7/2025: Nghị định 170/2025/NĐ-CP Điều 19 khoản 1), or None where the
    rank or professional title is given at the end of the probation."""
    try:
        rule = rule_table(RANK_TABLE).lookup(f"{staff_kind}.placed", day)
    except RuleNotFound:
        return None
    return rule if rule.value.get("when") == "decision" else None
