"""A proposal of step raises (đề nghị nâng bậc lương), checked: the raise each selected person is due in a
year (the next step, the seniority percentage at the last step, an early raise for outstanding achievement,
or the early raise of a person with a retirement notice), and every reason a person cannot be on it, named
with the rule it breaks.

The same check runs when a proposal is made (page, API) and again when it is approved, against the facts
of that day: a person raised meanwhile, no longer on the list, or outside the approver's scope, and the
yearly quota of early raises, refuse the approval as a whole.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import polars as pl
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from noivu.core import dates
from noivu.core.rules import RuleTable, rule_table
from noivu.organizations.models import Organization
from noivu.payroll.engine import SalaryInputError, SalaryLaw
from noivu.payroll.models import (
    ProposalStatus,
    RaiseKind,
    RaiseProposalItem,
    SalaryHistory,
)
from noivu.payroll.quota import Quota, approved_early, early_quota, lapse_date, superiors_with_early
from noivu.payroll.raises import NOTICE_COLUMNS, RULES_TABLE, early_raise, raises_due, retirement_raises

# Nghị định 204/2004/NĐ-CP Điều 6 khoản 1 and its scales (Bảng 2, 3, 4): the steps of each group.
SCALE_RULE = "Nghị định 204/2004/NĐ-CP, bảng lương của nhóm ngạch"


@dataclass(frozen=True)
class Selection:
    """A person the officer selects: a regular raise (``months_early`` 0), an early one for an achievement,
    or, with ``retires_on``, the early raise on the retirement notice ``notice`` (its number and date)."""

    person_id: int
    months_early: int = 0
    achievement: str = ""
    retires_on: dt.date | None = None
    notice: str = ""


@dataclass(frozen=True)
class Problem:
    """Why a person cannot be raised as proposed: the person, the rule's code and the message."""

    person_id: int
    name: str
    rule: str
    message: str

    def text(self) -> str:
        return f"{self.name}: {self.message}" if self.name else self.message


class ProposalRefused(ValidationError):
    """A proposal or an approval refused as a whole; ``problems`` name each person and rule."""

    def __init__(self, problems: list[Problem]):
        super().__init__([problem.text() for problem in problems[:50]])
        self.problems = problems


@dataclass
class Checked:
    """The lines of a proposal as the law gives them today, and the problems found."""

    lines: list[dict[str, Any]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _scale(law: SalaryLaw, scale: str, day: dt.date) -> list[Decimal]:
    found = law.scales.get(scale, day)
    return [Decimal(value) for value in found.value["coefficients"]] if found else []


def _e4(value: int | None) -> Decimal:
    return (Decimal(value or 0) / 10000).quantize(Decimal("0.01"))


def scale_problem(scale: str, step: int, coefficient: Decimal, coefficients: list[Decimal]) -> str | None:
    """Why a held step does not fit its scale: a step beyond the group's last step, or a coefficient that
    is not the scale's coefficient at that step; None when it fits."""
    if not coefficients:
        return _("nhóm ngạch %(scale)s không có trong bảng lương (%(rule)s)") % {
            "scale": scale,
            "rule": SCALE_RULE,
        }
    if step > len(coefficients):
        return _("bậc %(step)s vượt bậc cuối (bậc %(last)s) của nhóm ngạch %(scale)s (%(rule)s)") % {
            "step": step,
            "last": len(coefficients),
            "scale": scale,
            "rule": SCALE_RULE,
        }
    if coefficients[step - 1] != coefficient:
        return _(
            "hệ số %(coefficient)s không có trong bảng lương nhóm ngạch %(scale)s ở bậc %(step)s "
            "(hệ số của bậc là %(expected)s; %(rule)s)"
        ) % {
            "coefficient": coefficient,
            "scale": scale,
            "step": step,
            "expected": coefficients[step - 1],
            "rule": SCALE_RULE,
        }
    return None


def raise_basis(rules: RuleTable, kind: str, day: dt.date) -> str:
    """The legal basis (căn cứ) of a raise of ``kind`` running from ``day``: the citations of the rows
    ``basis.<kind>.<n>`` of the rule table in force that day, in the order of n."""
    prefix = f"basis.{kind}."
    found = [(code, row) for code, row in rules.in_force(day).items() if code.startswith(prefix)]
    return "; ".join(row.legal_basis.citation for _code, row in sorted(found, key=lambda pair: pair[0]))


def early_in_a_row(rules: RuleTable, year: int, held: dict[int, int]) -> dict[int, str]:
    """The persons of ``held`` (person → the salary step record held) who reached the step they hold by an
    approved early raise in the same rank, with the message naming the rule, when the rule in force on
    31/12 of ``year`` forbids two consecutive early raises in a rank (Thông tư 08/2013/TT-BNV Điều 3
    khoản 1 điểm b as re-issued by Thông tư 03/2021/TT-BNV Điều 1 khoản 6)."""
    row = rules.lookup("early_raise", dt.date(year, 12, 31))
    if row.value.get("consecutive_in_rank", True) or not held:
        return {}
    steps = {
        record["person_id"]: record
        for record in SalaryHistory.objects.filter(pk__in=held.values()).values(
            "person_id", "rank_code", "salary_group", "step"
        )
    }
    earlier = (
        RaiseProposalItem.objects.unrestricted()
        .filter(
            person_id__in=list(steps),
            kind=RaiseKind.EARLY,
            proposal__status=ProposalStatus.APPROVED,
            salary_record__isnull=False,
        )
        .values(
            "person_id",
            "effective_from",
            "salary_record__rank_code",
            "salary_record__salary_group",
            "salary_record__step",
            "proposal__decision_number",
        )
    )
    found: dict[int, str] = {}
    for item in earlier:
        step = steps[item["person_id"]]
        if (
            item["salary_record__rank_code"],
            item["salary_record__salary_group"],
            item["salary_record__step"],
        ) != (
            step["rank_code"],
            step["salary_group"],
            step["step"],
        ):
            continue
        found[item["person_id"]] = _(
            "bậc %(step)s đang hưởng là do nâng bậc lương trước thời hạn từ %(date)s (quyết định số "
            "%(decision)s): không nâng bậc lương trước thời hạn hai lần liên tiếp trong cùng ngạch (%(rule)s)"
        ) % {
            "step": step["step"],
            "date": f"{item['effective_from']:%d/%m/%Y}",
            "decision": item["proposal__decision_number"],
            "rule": row.legal_basis.citation,
        }
    # Early raises in the salary history, decided before the system or recorded with their kind: the step
    # held was reached by an early raise when a record of the same rank, group and step says so.
    recorded = (
        SalaryHistory.objects.unrestricted()
        .filter(person_id__in=list(steps), raise_kind=RaiseKind.EARLY)
        .values("person_id", "rank_code", "salary_group", "step", "effective_from", "decision_number")
        .order_by("person_id", "effective_from")
    )
    for record in recorded:
        step = steps[record["person_id"]]
        if (record["rank_code"], record["salary_group"], record["step"]) != (
            step["rank_code"],
            step["salary_group"],
            step["step"],
        ):
            continue
        found.setdefault(
            record["person_id"],
            _(
                "bậc %(step)s đang hưởng là do nâng bậc lương trước thời hạn từ %(date)s (quá trình lương, "
                "quyết định số %(decision)s): không nâng bậc lương trước thời hạn hai lần liên tiếp trong "
                "cùng ngạch (%(rule)s)"
            )
            % {
                "step": step["step"],
                "date": f"{record['effective_from']:%d/%m/%Y}",
                "decision": record["decision_number"] or "—",
                "rule": row.legal_basis.citation,
            },
        )
    return found


# A streamlining leave applied for or approved, a fact the staffing app decides and publishes through core's
# ``person_facts`` (payroll does not import staffing): dated on the leave, the regime as the detail.
STREAMLINING_LEAVE = "staffing.streamlining_leave"
FAR_FUTURE = dt.date(9999, 12, 31)


def streamlining_exclusions(rules: RuleTable, year: int, person_ids: list[int]) -> dict[tuple[int, str], str]:
    """(person, kind of early raise) → why the person may not get that early raise: a streamlining leave
    from the review year on, under a regime the row ``streamlining_exclusion.<kind>`` of the rule table in
    force on the leave date excludes, with the message naming the case and the rule."""
    from noivu.core.extensions import person_facts

    if not person_ids:
        return {}
    found: dict[tuple[int, str], str] = {}
    for fact in person_facts(STREAMLINING_LEAVE, person_ids, dt.date(year, 1, 1), FAR_FUTURE):
        for kind in (RaiseKind.EARLY, RaiseKind.RETIREMENT):
            row = rules.get(f"streamlining_exclusion.{kind}", fact.on)
            if row is None or fact.detail not in row.value["regimes"]:
                continue
            found.setdefault(
                (fact.person_id, kind),
                _(
                    "đã có hồ sơ nghỉ theo chính sách khi sắp xếp tổ chức bộ máy (%(case)s): không đề nghị "
                    "%(kind)s (%(rule)s)"
                )
                % {"case": fact.citation, "kind": RaiseKind(kind).label.lower(), "rule": _rule_citation(row)},
            )
    return found


def _rule_citation(row: Any) -> str:
    basis = row.legal_basis
    mark = _(", chưa kiểm chứng") if basis.confidence == "unverified" else ""
    return f"{basis.citation}{mark}"


def check_selections(
    root_path: str, year: int, selections: Iterable[Selection], names: dict[int, str], law: SalaryLaw
) -> Checked:
    """The raise of each selected person of the subtree at ``root_path`` in ``year``: regular ones from the
    list of raises due (with its postponements), early ones from the raises due in the year or the next
    (Thông tư 08/2013/TT-BNV Điều 3 khoản 1: at most 12 months lacking on 31/12 of the review year, not at
    the last step). ``names`` maps person ids to names for the messages."""
    rules = rule_table(RULES_TABLE)
    selections = list(selections)
    due = {row["person_id"]: row for row in raises_due(root_path, year, law).to_dicts()}
    early_ids = [
        selection.person_id for selection in selections if selection.months_early or selection.retires_on
    ]
    later: dict[int, dict[str, Any]] = {}
    if any(due.get(person_id) is None or due[person_id]["beyond_frame"] for person_id in early_ids):
        later = {
            r["person_id"]: r
            for r in raises_due(root_path, year + 1, law).to_dicts()
            if r["person_id"] not in due
        }
    retiring = retirement_lines(root_path, year, selections, law, rules)
    held_rows = {person_id: (due.get(person_id) or later.get(person_id)) for person_id in early_ids}
    consecutive = early_in_a_row(
        rules, year, {person_id: row["salary_id"] for person_id, row in held_rows.items() if row is not None}
    )
    excluded = streamlining_exclusions(rules, year, early_ids)
    checked = Checked()
    start = dt.date(year, 1, 1)
    for selection in selections:
        name = names.get(selection.person_id, "")

        def refuse(rule: str, message: str, person_id: int = selection.person_id, who: str = name) -> None:
            checked.problems.append(Problem(person_id, who, rule, message))

        wanted = (
            RaiseKind.RETIREMENT
            if selection.retires_on is not None
            else RaiseKind.EARLY
            if selection.months_early
            else None
        )
        if wanted is not None and (selection.person_id, wanted) in excluded:
            refuse("streamlining", excluded[(selection.person_id, wanted)])
            continue

        row = due.get(selection.person_id)
        if selection.retires_on is not None:
            row = later.get(selection.person_id, row)
            retired = retiring[selection.person_id]
            if retired["problem"] is None and not selection.notice.strip():
                retired = {**retired, "problem": "notice"}
            if retired["problem"] is not None:
                refuse(retired["problem"], retirement_problem(retired, selection, rules, year))
                continue
        elif selection.months_early and row is None:
            row = later.get(selection.person_id)
        if row is None:
            refuse(
                "not_due",
                _(
                    "không đến hạn nâng bậc lương trong năm %(year)s trong đơn vị này (Thông tư "
                    "08/2013/TT-BNV Điều 2: đủ thời gian giữ bậc, trừ thời gian bị kéo dài)"
                )
                % {"year": year},
            )
            continue
        coefficients = _scale(law, row["scale"], start)
        held = _e4(row["coefficient_e4"])
        wrong = scale_problem(row["scale"], row["step"], held, coefficients)
        if wrong:
            refuse("scale", wrong)
            continue
        line: dict[str, Any] = {
            "person_id": row["person_id"],
            "scale": row["scale"],
            "step": row["step"],
            "coefficient": held,
            "seniority_percent": row["seniority_percent"],
            "clock_from": row["clock_from"],
            "salary_id": row["salary_id"],
            "postponed": row["postponed"],
            "reasons": row["reasons"],
            "regular_due": row["due_on"],
            "months_early": 0,
            "achievement": "",
            "retires_on": None,
            "notice": "",
        }
        if selection.retires_on is not None:
            line.update(
                kind=RaiseKind.RETIREMENT,
                months_early=retired["months_early"],
                notice=selection.notice.strip()[:200],
                retires_on=selection.retires_on,
                effective_from=retired["effective_from"],
                regular_due=retired["regular_due"],
                new_step=row["step"] + 1,
                new_coefficient=coefficients[row["step"]],
                new_seniority_percent=0,
            )
        elif selection.months_early:
            if row["beyond_frame"]:
                refuse(
                    "last_step",
                    _(
                        "đã xếp bậc cuối (bậc %(step)s) của nhóm ngạch %(scale)s: không nâng bậc lương trước "
                        "thời hạn (Thông tư 08/2013/TT-BNV Điều 3 khoản 1: chưa xếp bậc cuối)"
                    )
                    % {"step": row["step"], "scale": row["scale"]},
                )
                continue
            if selection.person_id in consecutive:
                refuse("early_in_a_row", consecutive[selection.person_id])
                continue
            try:
                early = early_raise(rules, row["due_on"], selection.months_early, review_year=year)
            except SalaryInputError as error:
                refuse("months_early", error.message)
                continue
            if not early.eligible:
                refuse("months_lacking", early.reason)
                continue
            line.update(
                kind=RaiseKind.EARLY,
                months_early=selection.months_early,
                achievement=selection.achievement.strip()[:300],
                effective_from=early.effective_from,
                new_step=row["step"] + 1,
                new_coefficient=coefficients[row["step"]],
                new_seniority_percent=0,
            )
        elif row["beyond_frame"]:
            line.update(
                kind=RaiseKind.SENIORITY,
                effective_from=row["due_on"],
                new_step=row["step"],
                new_coefficient=held,
                new_seniority_percent=row["new_seniority_percent"],
            )
        else:
            line.update(
                kind=RaiseKind.REGULAR,
                effective_from=row["due_on"],
                new_step=row["new_step"],
                new_coefficient=coefficients[row["step"]],
                new_seniority_percent=0,
            )
        checked.lines.append(line)
    return checked


def retirement_lines(
    root_path: str,
    year: int,
    selections: list[Selection],
    law: SalaryLaw,
    rules: RuleTable,
) -> dict[int, dict[str, Any]]:
    """The early raise on a retirement notice of each selection with a retirement date, checked as one set
    against the raises regularly due in ``year`` and the next, before any postponement
    (:func:`noivu.payroll.raises.retirement_raises`)."""
    notices = [(s.person_id, s.retires_on) for s in selections if s.retires_on is not None]
    if not notices:
        return {}
    held = pl.concat([raises_due(root_path, day, law, by_regular_date=True) for day in (year, year + 1)])
    frame = retirement_raises(held, pl.DataFrame(notices, schema=NOTICE_COLUMNS, orient="row"), rules, year)
    return {row["person_id"]: row for row in frame.to_dicts()}


def retirement_problem(row: dict[str, Any], selection: Selection, rules: RuleTable, year: int) -> str:
    """Why the early raise on a retirement notice of ``row`` (from :func:`retirement_lines`) is refused,
    naming the rule."""
    rule = rules.lookup("retirement_raise", dt.date(year, 12, 31)).legal_basis.citation
    values = {
        "rule": rule,
        "retires": f"{selection.retires_on:%d/%m/%Y}",
        "due": f"{row['regular_due']:%d/%m/%Y}" if row.get("regular_due") else "",
        "months": row.get("months_lacking"),
    }
    messages = {
        "not_due": _(
            "không đến hạn nâng bậc lương thường xuyên trong năm %(year)s hoặc năm sau trong đơn vị này: "
            "không nâng bậc lương trước thời hạn khi có thông báo nghỉ hưu (%(rule)s)"
        ),
        "last_step": _(
            "đã xếp bậc cuối của ngạch: không nâng bậc lương trước thời hạn khi có thông báo nghỉ hưu "
            "(%(rule)s: chưa xếp bậc lương cuối cùng)"
        ),
        "standards": _(
            "trong thời gian giữ bậc bị kỷ luật hoặc không hoàn thành nhiệm vụ (%(reasons)s): không đạt "
            "đủ hai tiêu chuẩn để nâng bậc lương trước thời hạn khi có thông báo nghỉ hưu (%(rule)s)"
        ),
        "due_before_retirement": _(
            "đến hạn nâng bậc lương thường xuyên ngày %(due)s, trước ngày nghỉ hưu %(retires)s: đề nghị "
            "nâng bậc thường xuyên, không nâng trước thời hạn (%(rule)s)"
        ),
        "months_lacking": _(
            "từ ngày nghỉ hưu %(retires)s đến ngày đến hạn nâng bậc lương thường xuyên %(due)s còn thiếu "
            "hơn 12 tháng: không nâng bậc lương trước thời hạn khi có thông báo nghỉ hưu (%(rule)s)"
        ),
        "notice": _("hãy ghi số, ngày thông báo nghỉ hưu (%(rule)s: đã có thông báo nghỉ hưu)"),
    }
    return messages[row["problem"]] % {**values, "year": year, "reasons": row.get("reasons") or ""}


def quota_problems(
    organization: Organization,
    year: int,
    proposed: int,
    exclude: int | None = None,
    today: dt.date | None = None,
) -> list[Problem]:
    """Why ``proposed`` early raises for achievement of ``organization``'s proposal of ``year`` (its proposal
    ``exclude`` left out of the places used) cannot be granted: the places of the year have lapsed, or they
    exceed the quota of ``organization`` or of a superior that proposed early raises for its subtree, each
    counting the places its list's persons already used (:func:`noivu.payroll.quota.approved_early`)."""
    if proposed == 0:
        return []
    last = lapse_date(year)
    if last is not None and (today or dates.today()) > last:
        pool = rule_table(RULES_TABLE).lookup("early_raise_pool", dt.date(year, 12, 31))
        return [
            Problem(
                0,
                "",
                "early_lapsed",
                _(
                    "Chỉ tiêu nâng bậc lương trước thời hạn năm %(year)s đã hết hiệu lực sau %(last)s: chỉ "
                    "tiêu của đơn vị và số được cấp trên giao thêm từ số dư không sử dụng hết đến hết quý I "
                    "năm sau liền kề thì không được sử dụng nữa; đề nghị %(proposed)s người nâng trước thời "
                    "hạn không được chấp nhận (%(rule)s)."
                )
                % {
                    "year": year,
                    "last": f"{last:%d/%m/%Y}",
                    "proposed": proposed,
                    "rule": pool.legal_basis.citation,
                },
            )
        ]
    problems = []
    for unit in [organization, *superiors_with_early(organization, year, exclude)]:
        problem = quota_problem(
            unit, early_quota(unit, year), proposed, approved_early(unit, year, exclude), unit != organization
        )
        if problem is not None:
            problems.append(problem)
    return problems


def quota_problem(
    unit: Organization, quota: Quota, proposed: int, approved: int, superior: bool = False
) -> Problem | None:
    """The quota error of ``unit`` naming the counts, when ``proposed`` more early raises than the
    ``approved`` ones using its places exceed them; ``superior`` when the proposal is of one of its units."""
    if proposed == 0 or proposed + approved <= quota.places:
        return None
    return Problem(
        0,
        "",
        "early_quota",
        _(
            "Vượt chỉ tiêu nâng bậc lương trước thời hạn của %(unit)s: đề nghị %(proposed)s người, đã phê "
            "duyệt %(approved)s người trong năm dùng chỉ tiêu này (đề nghị của đơn vị, của các đơn vị trực "
            "thuộc và của cấp trên cho người trong danh sách trả lương của đơn vị: mỗi suất chỉ được dùng "
            "một lần), chỉ tiêu %(places)s người (%(percent)s%% của %(persons)s người trong danh sách trả "
            "lương, mỗi đủ 10 người một suất: %(own)s người; cấp trên giao thêm từ số dư: %(granted)s người; "
            "%(rule)s)."
        )
        % {
            "unit": unit.name,
            "proposed": proposed,
            "approved": approved,
            "places": quota.places,
            "percent": quota.percent,
            "persons": quota.persons,
            "own": quota.own_places,
            "granted": quota.granted,
            "rule": quota.citation,
        }
        + (
            " " + _("Cấp trên này đã đề nghị nâng trước thời hạn cho cả các đơn vị trực thuộc trong năm.")
            if superior
            else ""
        ),
    )
