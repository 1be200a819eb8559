"""State changes of payroll's facts: a person's salary steps and allowances (dated: a new period closes
the open one of the same fact the day before; scope checked, invariants kept, audited)."""

import datetime as dt
from decimal import Decimal

import polars as pl
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Exists, OuterRef
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from noivu.core import dates
from noivu.core.actions import ActionContext, action, do_start_job
from noivu.core.audit import event_type
from noivu.core.bulk import insert_columns
from noivu.core.permissions import Action
from noivu.organizations.models import Organization
from noivu.payroll.arrears import arrears, arrears_citation, paid_months
from noivu.payroll.engine import KIND_LABELS, SalaryInputError, SalaryLaw
from noivu.payroll.models import (
    Allowance,
    ArrearsLine,
    EarlyRaiseGrant,
    PayrollLine,
    PayrollRun,
    ProposalStatus,
    RaiseKind,
    RaiseProposal,
    RaiseProposalItem,
    RunStatus,
    SalaryHistory,
    SalaryScenario,
)
from noivu.payroll.proposals import (
    Problem,
    ProposalRefused,
    Selection,
    check_selections,
    quota_problems,
)
from noivu.payroll.quota import grant_problem, remainder_pool
from noivu.payroll.raises import place_on_new_scale
from noivu.payroll.runs import compute_month
from noivu.personnel import codelists
from noivu.personnel.dossier.actions import _record_period, _save
from noivu.personnel.models import Person

# The event names are those the facts were audited under before payroll took them over.
SALARY_STEP_RECORDED = event_type("dossier.salary_step_recorded", gettext_lazy("Ghi quá trình lương"))
ALLOWANCE_RECORDED = event_type("dossier.allowance_recorded", gettext_lazy("Ghi phụ cấp"))
ALLOWANCE_ENDED = event_type("dossier.allowance_ended", gettext_lazy("Thôi hưởng phụ cấp"))


@action(SALARY_STEP_RECORDED)
def do_record_salary_step(
    ctx: ActionContext,
    *,
    person: Person,
    step: int,
    coefficient: Decimal,
    effective_from: dt.date,
    rank_code: str = "",
    salary_table: str = "",
    salary_group: str = "",
    seniority_percent: int = 0,
    reserved_coefficient: Decimal = Decimal("0.00"),
    decision_number: str = "",
    decision_date: dt.date | None = None,
    effective_to: dt.date | None = None,
    clock_from: dt.date | None = None,
    raise_kind: str = "",
) -> SalaryHistory:
    """Place on or raise to a salary step (xếp lương, nâng bậc lương). Without a rank code, the rank in
    force on ``effective_from`` is used; the rule table ``rank_salary_tables`` as of that day gives a known
    rank's salary table and group. ``raise_kind`` records how the step was reached when it is known (an
    early raise decided before the system, say), blank for a placement or when unknown."""
    if raise_kind and raise_kind not in RaiseKind.values:
        raise ValidationError(
            {"raise_kind": _("Hình thức nâng bậc '%(kind)s' không có.") % {"kind": raise_kind[:20]}}
        )
    if not rank_code:
        rank = person.rank_history.as_of(effective_from).first()
        rank_code = rank.rank_code if rank else ""
    known = codelists.rank_on(rank_code, effective_from)
    if known is not None:
        salary_table = salary_table or known.value["salary_table"]
        salary_group = salary_group or known.value["salary_group"]
    return _record_period(
        ctx,
        SalaryHistory,
        person=person,
        same_fact={},
        values={
            "step": step,
            "coefficient": Decimal(coefficient),
            "rank_code": rank_code,
            "salary_table": salary_table,
            "salary_group": salary_group,
            "seniority_percent": seniority_percent,
            "reserved_coefficient": Decimal(reserved_coefficient),
            "decision_number": decision_number,
            "decision_date": decision_date,
            "clock_from": clock_from,
            "raise_kind": raise_kind,
        },
        effective_from=effective_from,
        effective_to=effective_to,
    )


@action(ALLOWANCE_RECORDED)
def do_record_allowance(
    ctx: ActionContext,
    *,
    person: Person,
    kind: str,
    effective_from: dt.date,
    coefficient: Decimal | None = None,
    percent: Decimal | None = None,
    title: str = "",
    decision_number: str = "",
    effective_to: dt.date | None = None,
) -> Allowance:
    """Grant or change an allowance (phụ cấp) of one kind; its open period ends the day before."""
    return _record_period(
        ctx,
        Allowance,
        person=person,
        same_fact={"kind": kind},
        values={
            "coefficient": None if coefficient is None else Decimal(coefficient),
            "percent": None if percent is None else Decimal(percent),
            "title": title,
            "decision_number": decision_number,
        },
        effective_from=effective_from,
        effective_to=effective_to,
    )


@action(ALLOWANCE_ENDED)
def do_end_allowance(ctx: ActionContext, *, person: Person, kind: str, last_day: dt.date) -> Allowance:
    """Stop an allowance (thôi hưởng phụ cấp): its open period ends on ``last_day``."""
    ctx.require(person)
    current = (
        Allowance.objects.select_for_update()
        .filter(person=person, kind=kind, effective_to__isnull=True)
        .first()
    )
    if current is None:
        raise ValidationError(_("Không có phụ cấp loại này đang được hưởng."))
    current.effective_to = last_day
    _save(current)
    return current


PAYROLL_COMPUTED = event_type("payroll.computed", gettext_lazy("Lập bảng lương tháng"))
PAYROLL_REVIEWED = event_type("payroll.reviewed", gettext_lazy("Kiểm tra bảng lương tháng"))
PAYROLL_LOCKED = event_type("payroll.locked", gettext_lazy("Khóa bảng lương tháng"))

LINE_COLUMNS = (
    "person_id",
    "organization_id",
    "category",
    "salary_group",
    "step",
    "coefficient",
    "seniority_percent",
    "salary",
    "seniority",
    "leadership",
    "allowances",
    "public_duty",
    "reserved",
    "gross",
    "insurance_base",
    "social_insurance",
    "health_insurance",
    "unemployment_insurance",
    "deductions",
    "net",
    "employer_contributions",
)


def locked_run(organization: Organization, month: dt.date) -> PayrollRun | None:
    """The locked payroll of ``organization`` for ``month``, if there is one."""
    return (
        PayrollRun.objects.unrestricted()
        .filter(organization=organization, month=month, status=RunStatus.LOCKED, corrects__isnull=True)
        .first()
    )


@action(PAYROLL_COMPUTED)
def do_compute_payroll(
    ctx: ActionContext, *, organization: Organization, month: dt.date, correction: bool = False
) -> PayrollRun:
    """Compute the payroll of ``organization``'s subtree for ``month`` (the facts in force on its first
    day) and store its lines in bulk. A month already locked is refused unless this is a correction,
    which becomes a new run pointing at the locked one; a draft or reviewed run of the same month and kind
    is replaced."""
    ctx.require(organization)
    month = month.replace(day=1)
    locked = locked_run(organization, month)
    if locked is not None and not correction:
        raise ValidationError(
            _(
                "Bảng lương tháng %(month)s của %(organization)s đã khóa: không lập lại được; "
                "hãy lập bảng lương điều chỉnh."
            )
            % {"month": f"{month:%m/%Y}", "organization": organization.name}
        )
    if correction and locked is None:
        raise ValidationError(
            _("Tháng %(month)s chưa có bảng lương đã khóa để điều chỉnh.") % {"month": f"{month:%m/%Y}"}
        )
    PayrollRun.objects.unrestricted().filter(
        organization=organization, month=month, corrects=locked if correction else None
    ).exclude(status=RunStatus.LOCKED).delete()
    try:
        lines, rates = compute_month(organization.path, month)
    except SalaryInputError as error:
        raise ValidationError(error.message) from error
    run = PayrollRun.objects.create(
        organization=organization,
        month=month,
        corrects=locked if correction else None,
        base_salary=rates.base_salary,
        persons=lines.height,
        gross=int(lines["gross"].sum() or 0),
        deductions=int(lines["deductions"].sum() or 0),
        net=int(lines["net"].sum() or 0),
        employer_contributions=int(lines["employer_contributions"].sum() or 0),
    )
    store_lines(run, lines)
    if not correction:
        carry_arrears(run)
    ctx.audit(
        run,
        extra={
            "month": month.isoformat(),
            "persons": run.persons,
            "correction": correction,
            "arrears": run.arrears,
        },
    )
    return run


def carry_arrears(run: PayrollRun) -> list[ArrearsLine]:
    """Carry into ``run`` the arrears its persons are owed for earlier locked months (approved raises
    whose month was paid on the old step) that no locked run has paid yet, one line a raise and month,
    and add them to the run's totals."""
    law = SalaryLaw.load()
    paid_on_old_step = PayrollLine.objects.filter(
        person_id=OuterRef("person_id"),
        run__status=RunStatus.LOCKED,
        run__month__gte=OuterRef("first_month"),
        run__month__lt=run.month,
        coefficient=OuterRef("coefficient"),
        seniority_percent=OuterRef("seniority_percent"),
    )
    items = list(
        RaiseProposalItem.objects.unrestricted()
        .filter(
            proposal__status=ProposalStatus.APPROVED,
            person_id__in=PayrollLine.objects.filter(run=run).values("person_id"),
            effective_from__lt=run.month,
        )
        .annotate(first_month=TruncMonth("effective_from"))
        .filter(Exists(paid_on_old_step))
        .order_by("effective_from", "pk")
    )
    # arrears() reads one raise a person: a person raised twice is computed in two batches.
    batches: list[list[RaiseProposalItem]] = []
    for item in items:
        batch = next((b for b in batches if all(o.person_id != item.person_id for o in b)), None)
        if batch is None:
            batches.append(batch := [])
        batch.append(item)
    paid = paid_months(item.pk for item in items)
    carried = []
    for batch in batches:
        owed = arrears(batch, law)
        if owed.problems:
            raise ValidationError(list(owed.problems.values()))
        for item in batch:
            basis = arrears_citation(item.effective_from)
            for month in owed.get(item.person_id, []):
                if month.month >= run.month or (item.pk, month.month) in paid:
                    continue
                carried.append(
                    ArrearsLine(
                        run=run,
                        item=item,
                        person_id=item.person_id,
                        month=month.month,
                        gross=month.amount,
                        social_insurance=month.contribution("social_insurance"),
                        health_insurance=month.contribution("health_insurance"),
                        unemployment_insurance=month.contribution("unemployment_insurance"),
                        deductions=month.deductions,
                        net=month.net,
                        employer_contributions=month.employer_contributions,
                        details={
                            "base_salary": month.base_salary,
                            "days": month.days,
                            "month_days": month.month_days,
                            "paid_with": month.unit,
                            "components": [part.as_dict() for part in month.components],
                            "contributions": [part.as_dict() for part in month.contributions],
                        },
                        legal_basis=basis[:300],
                    )
                )
    if not carried:
        return []
    ArrearsLine.objects.bulk_create(carried)
    run.arrears = sum(line.gross for line in carried)
    run.gross += run.arrears
    run.deductions += sum(line.deductions for line in carried)
    run.net += sum(line.net for line in carried)
    run.employer_contributions += sum(line.employer_contributions for line in carried)
    run.save(update_fields=["arrears", "gross", "deductions", "net", "employer_contributions"])
    return carried


def store_lines(run: PayrollRun, lines: pl.DataFrame) -> None:
    """Write the lines of ``run`` in bulk: on PostgreSQL the frame is written as CSV by Polars and sent
    with one ``COPY … FROM STDIN``, no Python work per line; elsewhere through the bulk writer."""
    frame = lines.select(
        pl.lit(run.pk, dtype=pl.Int64).alias("run_id"),
        *[
            (pl.col("coefficient_e4") / 10000).round(2).cast(pl.Utf8).alias("coefficient")
            if name == "coefficient"
            else pl.col("public_duty_amount").alias("public_duty")
            if name == "public_duty"
            else pl.col(name).cast(pl.Utf8)
            if name in ("category", "salary_group")
            else pl.col(name)
            for name in LINE_COLUMNS
        ],
    )
    if connection.vendor != "postgresql":
        insert_columns(
            PayrollLine,
            frame.columns,
            [
                frame[name].to_numpy() if frame[name].dtype.is_integer() else frame[name].to_list()
                for name in frame.columns
            ],
        )
        return
    quote = connection.ops.quote_name
    sql = (
        f"COPY {quote(PayrollLine._meta.db_table)} ({', '.join(map(quote, frame.columns))}) "
        "FROM STDIN WITH (FORMAT csv)"
    )
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        copy.write(frame.write_csv(include_header=False))


@action(PAYROLL_REVIEWED)
def do_review_payroll(ctx: ActionContext, *, run: PayrollRun) -> PayrollRun:
    """Mark a draft payroll as checked (đã kiểm tra), ready to be locked."""
    run = PayrollRun.objects.select_for_update().get(pk=run.pk)
    ctx.require(run)
    if run.status != RunStatus.DRAFT:
        raise ValidationError(_("Chỉ bảng lương dự thảo mới được đánh dấu đã kiểm tra."))
    run.status = RunStatus.REVIEWED
    run.save(update_fields=["status"])
    return run


@action(PAYROLL_LOCKED, permission=Action.APPROVE)
def do_lock_payroll(ctx: ActionContext, *, run: PayrollRun) -> PayrollRun:
    """Lock a reviewed payroll: from then on it is never recomputed or changed."""
    run = PayrollRun.objects.select_for_update().get(pk=run.pk)
    ctx.require(run)
    if run.status != RunStatus.REVIEWED:
        raise ValidationError(_("Chỉ khóa được bảng lương đã kiểm tra."))
    twice = (
        ArrearsLine.objects.filter(run=run)
        .filter(
            Exists(
                ArrearsLine.objects.filter(
                    item=OuterRef("item"), month=OuterRef("month"), run__status=RunStatus.LOCKED
                ).exclude(run=run)
            )
        )
        .select_related("person")
        .first()
    )
    if twice is not None:
        raise ValidationError(
            _(
                "Tiền truy lĩnh tháng %(month)s của %(name)s đã được trả ở một bảng lương đã khóa khác: "
                "không trả hai lần; hãy lập lại bảng lương này."
            )
            % {"month": f"{twice.month:%m/%Y}", "name": twice.person.full_name}
        )
    run.status = RunStatus.LOCKED
    run.locked_at = dates.now()
    run.save(update_fields=["status", "locked_at"])
    return run


SCENARIO_STARTED = event_type("payroll.scenario_started", gettext_lazy("Tính phương án trả lương"))
SCENARIO_JOB = "payroll-scenario"


@action(SCENARIO_STARTED)
def do_start_scenario(
    ctx: ActionContext,
    *,
    organization: Organization,
    name: str,
    starts_on: dt.date,
    base_salary: int | None = None,
    allowance_changes: dict[str, float] | None = None,
    position_amounts: dict[str, int] | None = None,
) -> SalaryScenario:
    """Record a salary-plan scenario over ``organization``'s subtree and compute it as a background job.
    ``position_amounts`` is a position-based table: job-position code → monthly amount in đồng."""
    ctx.require(organization)
    table: dict[str, int] = {}
    for code, amount in (position_amounts or {}).items():
        key = str(code).strip()
        if not key or len(key) > 32:
            raise ValidationError({"position_amounts": _("Mã vị trí việc làm phải có từ 1 đến 32 ký tự.")})
        if isinstance(amount, bool) or not isinstance(amount, int) or not 0 < amount <= 10**9:
            raise ValidationError(
                {
                    "position_amounts": _(
                        "Tiền lương theo vị trí %(code)s phải là số đồng nguyên dương, tối đa 1.000.000.000."
                    )
                    % {"code": key}
                }
            )
        table[key] = amount
    changes = {kind: float(value) for kind, value in (allowance_changes or {}).items() if value}
    for kind, value in changes.items():
        if kind not in KIND_LABELS or not -100 < value <= 1000:
            raise ValidationError({"allowance_changes": _("Thay đổi phụ cấp phải từ trên -100% đến 1000%.")})
    if base_salary is not None and base_salary <= 0:
        raise ValidationError({"base_salary": _("Mức lương cơ sở mới phải là số tiền dương.")})
    scenario = SalaryScenario(
        organization=organization,
        name=name.strip() or _("Phương án"),
        starts_on=starts_on,
        base_salary=base_salary,
        allowance_changes=changes,
        position_amounts=table,
    )
    scenario.full_clean()
    scenario.save()
    scenario.job = do_start_job(
        kind=SCENARIO_JOB, params={"scenario": scenario.pk}, on=organization, acting_user=ctx.user
    )
    scenario.save(update_fields=["job"])
    ctx.audit(scenario, extra={"starts_on": starts_on.isoformat()})
    return scenario


# --- Step raises: proposal → approval or return ------------------------------------------------------

RAISES_PROPOSED = event_type("payroll.raises_proposed", gettext_lazy("Đề nghị nâng bậc lương"))
RAISES_RETURNED = event_type("payroll.raises_returned", gettext_lazy("Trả lại đề nghị nâng bậc lương"))
RAISES_APPROVED = event_type("payroll.raises_approved", gettext_lazy("Phê duyệt nâng bậc lương"))
RAISES_RESUBMITTED = event_type(
    "payroll.raises_resubmitted", gettext_lazy("Sửa và trình lại đề nghị nâng bậc lương")
)


def _names(user: object, person_ids: list[int]) -> dict[int, str]:
    """The names of the persons ``user`` may see: a refusal never names anyone outside the scope."""
    return dict(Person.objects.restrict(user).filter(pk__in=person_ids).values_list("pk", "full_name"))


def _outside(user: object, action_name: str, person_ids: list[int], names: dict[int, str]) -> list[Problem]:
    inside = set(
        Person.objects.restrict(user, action_name).filter(pk__in=person_ids).values_list("pk", flat=True)
    )
    return [
        Problem(
            person_id,
            names.get(person_id) or _("Người có mã %(id)s") % {"id": person_id},
            "scope",
            _("ngoài phạm vi %(action)s của bạn (phân quyền theo cây đơn vị)")
            % {"action": Action(action_name).label},
        )
        for person_id in person_ids
        if person_id not in inside
    ]


def _checked_lines(
    ctx: ActionContext, organization: Organization, year: int, selections: list[Selection]
) -> tuple[list[dict], int]:
    """The lines of a proposal of ``selections`` as the law gives them today, and its early raises; refused
    as a whole, naming each person and rule, when a person is outside the officer's scope, already in a
    proposal awaiting approval, not due, or the early raises exceed the yearly quota."""
    if not selections:
        raise ValidationError(_("Hãy chọn ít nhất một người để đề nghị nâng bậc lương."))
    person_ids = [selection.person_id for selection in selections]
    if len(set(person_ids)) != len(person_ids):
        raise ValidationError(_("Mỗi người chỉ có một dòng trong một đề nghị."))
    names = _names(ctx.user, person_ids)
    problems = _outside(ctx.user, Action.CHANGE, person_ids, names)
    pending = dict(
        RaiseProposalItem.objects.unrestricted()
        .filter(person_id__in=person_ids, proposal__status=ProposalStatus.SUBMITTED)
        .values_list("person_id", "proposal__title")
    )
    problems += [
        Problem(
            person_id,
            names.get(person_id, ""),
            "pending",
            _("đã có trong đề nghị “%(title)s” đang chờ phê duyệt") % {"title": pending_title},
        )
        for person_id, pending_title in pending.items()
    ]
    checked = check_selections(organization.path, year, selections, names, SalaryLaw.load())
    problems += checked.problems
    early = sum(1 for line in checked.lines if line["kind"] == RaiseKind.EARLY)
    problems += quota_problems(organization, year, early)
    if problems:
        raise ProposalRefused(problems)
    return checked.lines, early


@action(RAISES_PROPOSED)
def do_propose_raises(
    ctx: ActionContext,
    *,
    organization: Organization,
    year: int,
    selections: list[Selection],
    title: str = "",
) -> RaiseProposal:
    """Propose the raises of the selected persons of ``organization``'s subtree in ``year`` (đề nghị nâng
    bậc lương): each one as the list of raises due gives it, or early by some months for an outstanding
    achievement. Refused as a whole, naming each person and rule, when a person is outside the officer's
    scope, already in a proposal awaiting approval, not due, or the early raises exceed the yearly quota."""
    ctx.require(organization)
    lines, early = _checked_lines(ctx, organization, year, selections)
    proposal = RaiseProposal.objects.create(
        organization=organization,
        year=year,
        title=(
            title.strip()
            or _("Nâng bậc lương năm %(year)s – %(unit)s") % {"year": year, "unit": organization.name}
        )[:200],
        proposed_by=ctx.user if getattr(ctx.user, "is_authenticated", False) else None,
        proposed_on=dates.today(),
    )
    RaiseProposalItem.objects.bulk_create(
        [
            RaiseProposalItem(
                proposal=proposal,
                **{key: value for key, value in line.items() if key not in ("salary_id",)},
            )
            for line in lines
        ]
    )
    ctx.audit(proposal, extra={"year": year, "persons": len(lines), "early": early})
    return proposal


EARLY_PLACES_GRANTED = event_type(
    "payroll.early_places_granted", gettext_lazy("Giao thêm chỉ tiêu nâng bậc lương trước thời hạn")
)


@action(EARLY_PLACES_GRANTED, permission=Action.APPROVE)
def do_grant_early_places(
    ctx: ActionContext,
    *,
    superior: Organization,
    unit: Organization,
    year: int,
    places: int,
    decision_number: str,
    decision_date: dt.date | None = None,
) -> EarlyRaiseGrant:
    """Grant ``unit``, a direct unit of ``superior``, ``places`` extra places of early raises for ``year``
    out of the remainders of the superior's direct units (giao thêm chỉ tiêu nâng bậc lương trước thời
    hạn từ số dư, :mod:`noivu.payroll.quota`). Refused, naming the rule, beyond the places the remainders
    give, to a unit not directly under the superior, or after the places of the year have lapsed."""
    superior = Organization.objects.unrestricted().select_for_update().get(pk=superior.pk)
    ctx.require(superior)
    decision_number = decision_number.strip()
    if not decision_number:
        raise ValidationError({"decision_number": _("Hãy ghi số văn bản giao thêm chỉ tiêu.")})
    problem = grant_problem(remainder_pool(superior, year), unit, places)
    if problem:
        raise ValidationError({"places": problem})
    grant = EarlyRaiseGrant.objects.create(
        superior=superior,
        unit=unit,
        year=year,
        places=places,
        decision_number=decision_number[:64],
        decision_date=decision_date or dates.today(),
    )
    ctx.audit(grant, extra={"year": year, "unit": unit.code, "places": places})
    return grant


def _locked_proposal(proposal: RaiseProposal) -> RaiseProposal:
    return (
        RaiseProposal.objects.unrestricted()
        .select_for_update()
        .select_related("organization")
        .get(pk=proposal.pk)
    )


def _require_submitted(proposal: RaiseProposal) -> None:
    if proposal.status != ProposalStatus.SUBMITTED:
        raise ValidationError(
            _("Đề nghị %(status)s: chỉ phê duyệt hoặc trả lại đề nghị đang chờ phê duyệt.")
            % {"status": proposal.get_status_display().lower()}
        )


@action(RAISES_RETURNED, permission=Action.APPROVE)
def do_return_raise_proposal(ctx: ActionContext, *, proposal: RaiseProposal, comment: str) -> RaiseProposal:
    """Return a proposal to its officer with the approver's comment; nothing else changes, and its persons
    may be proposed again."""
    proposal = _locked_proposal(proposal)
    ctx.require(proposal)
    _require_submitted(proposal)
    if not comment.strip():
        raise ValidationError({"comment": _("Hãy ghi lý do trả lại đề nghị.")})
    proposal.status = ProposalStatus.RETURNED
    proposal.comment = comment.strip()
    proposal.decided_by = ctx.user if getattr(ctx.user, "is_authenticated", False) else None
    proposal.save(update_fields=["status", "comment", "decided_by"])
    ctx.audit(proposal, extra={"comment": proposal.comment[:200]})
    return proposal


@action(RAISES_RESUBMITTED)
def do_resubmit_raise_proposal(
    ctx: ActionContext, *, proposal: RaiseProposal, selections: list[Selection], title: str = ""
) -> RaiseProposal:
    """Edit a returned proposal and submit it again (sửa và trình lại đề nghị): its lines become those of
    ``selections`` (persons removed or added, months early and achievements changed), checked as a new
    proposal against today's facts and refused as a whole the same way. The kept lines are updated, the
    others deleted or added, with history; the approver's comment moves to the audit event."""
    proposal = _locked_proposal(proposal)
    ctx.require(proposal)
    if proposal.status != ProposalStatus.RETURNED:
        raise ValidationError(
            _("Đề nghị %(status)s: chỉ sửa và trình lại đề nghị bị trả lại.")
            % {"status": proposal.get_status_display().lower()}
        )
    lines, early = _checked_lines(ctx, proposal.organization, proposal.year, selections)
    current = {item.person_id: item for item in proposal.items.order_by("pk")}
    wanted = {line["person_id"]: line for line in lines}
    removed = sorted(set(current) - set(wanted))
    added = [line for person_id, line in wanted.items() if person_id not in current]
    changed = []
    for person_id, item in current.items():
        line = wanted.get(person_id)
        if line is None:
            continue
        fields = {key: value for key, value in line.items() if key != "salary_id"}
        if any(getattr(item, key) != value for key, value in fields.items()):
            for key, value in fields.items():
                setattr(item, key, value)
            changed.append(item)
    # A queryset's delete sends each row's deletion signal: the history keeps every removed line.
    proposal.items.filter(person_id__in=removed).delete()
    if changed:
        bulk_update_with_history(
            changed,
            RaiseProposalItem,
            [key for key in lines[0] if key not in ("salary_id", "person_id")],
            default_user=ctx.user,
        )
    if added:
        bulk_create_with_history(
            [
                RaiseProposalItem(
                    proposal=proposal, **{key: value for key, value in line.items() if key != "salary_id"}
                )
                for line in added
            ],
            RaiseProposalItem,
            default_user=ctx.user,
        )
    returned_comment = proposal.comment
    proposal.status = ProposalStatus.SUBMITTED
    proposal.title = (title.strip() or proposal.title)[:200]
    proposal.comment = ""
    proposal.decided_by = None
    proposal.proposed_by = ctx.user if getattr(ctx.user, "is_authenticated", False) else None
    proposal.proposed_on = dates.today()
    proposal.save(update_fields=["status", "title", "comment", "decided_by", "proposed_by", "proposed_on"])
    ctx.audit(
        proposal,
        extra={
            "year": proposal.year,
            "persons": len(lines),
            "early": early,
            "added": sorted(line["person_id"] for line in added),
            "removed": removed,
            "changed": sorted(item.person_id for item in changed),
            "returned_comment": returned_comment[:200],
        },
    )
    return proposal


LINE_FIELDS = ("kind", "effective_from", "new_step", "new_coefficient", "new_seniority_percent")


@action(RAISES_APPROVED, permission=Action.APPROVE)
def do_approve_raise_proposal(
    ctx: ActionContext,
    *,
    proposal: RaiseProposal,
    decision_number: str,
    decision_date: dt.date | None = None,
) -> RaiseProposal:
    """Approve a proposal (quyết định nâng bậc lương): in one transaction each person's step in force closes
    the day before the raise and the new step, or the new seniority percentage, is recorded from that day
    with the decision's number and date. Every line is checked again against today's facts (still due as
    proposed, inside the approver's scope, the step and coefficient on the scale, the early-raise quota);
    any problem refuses the whole approval, naming the person and the rule, and changes nothing. A raise
    running from a payroll month already locked is approved all the same: the locked payroll stays as it
    was and the difference owed for each locked month is the arrears its proposal and notice show
    (:mod:`noivu.payroll.arrears`)."""
    proposal = _locked_proposal(proposal)
    ctx.require(proposal)
    _require_submitted(proposal)
    decision_number = decision_number.strip()
    if not decision_number:
        raise ValidationError({"decision_number": _("Hãy ghi số quyết định nâng bậc lương.")})
    decision_date = decision_date or dates.today()
    items = list(proposal.items.select_related("person").order_by("pk"))
    person_ids = [item.person_id for item in items]
    names = {item.person_id: item.person.full_name for item in items}
    problems = _outside(ctx.user, Action.APPROVE, person_ids, names)
    selections = [
        Selection(item.person_id, item.months_early, item.achievement, item.retires_on, item.notice)
        for item in items
    ]
    checked = check_selections(proposal.organization.path, proposal.year, selections, names, SalaryLaw.load())
    problems += checked.problems
    lines = {line["person_id"]: line for line in checked.lines}
    steps = {
        step.pk: step
        for step in SalaryHistory.objects.select_for_update().filter(
            pk__in=[line["salary_id"] for line in lines.values()]
        )
    }
    for item in items:
        line = lines.get(item.person_id)
        if line is None:
            continue
        step = steps.get(line["salary_id"])
        if any(line[name] != getattr(item, name) for name in LINE_FIELDS) or step is None:
            problems.append(
                Problem(
                    item.person_id,
                    names[item.person_id],
                    "changed",
                    _(
                        "không còn đến hạn như đề nghị: nay được %(kind)s bậc %(step)s từ %(date)s "
                        "(quá trình lương đã thay đổi sau khi lập đề nghị)"
                    )
                    % {
                        "kind": RaiseKind(line["kind"]).label.lower(),
                        "step": line["new_step"],
                        "date": f"{line['effective_from']:%d/%m/%Y}",
                    },
                )
            )
        elif step.effective_to is not None:
            problems.append(
                Problem(
                    item.person_id,
                    names[item.person_id],
                    "later_record",
                    _(
                        "đã có quá trình lương khác từ %(date)s: bậc đang hưởng khi lập đề nghị đã kết thúc "
                        "(diễn biến lương không được chồng lấn)"
                    )
                    % {"date": f"{step.effective_to + dt.timedelta(days=1):%d/%m/%Y}"},
                )
            )
    early = sum(1 for item in items if item.kind == RaiseKind.EARLY)
    problems += quota_problems(proposal.organization, proposal.year, early, exclude=proposal.pk)
    if problems:
        raise ProposalRefused(problems)
    current = []
    for item in items:
        step = steps[lines[item.person_id]["salary_id"]]
        step.effective_to = item.effective_from - dt.timedelta(days=1)
        current.append(step)
    bulk_update_with_history(current, SalaryHistory, ["effective_to"], default_user=ctx.user)
    by_person = {step.person_id: step for step in current}
    added = [
        SalaryHistory(
            person_id=item.person_id,
            rank_code=by_person[item.person_id].rank_code,
            salary_table=by_person[item.person_id].salary_table,
            salary_group=by_person[item.person_id].salary_group,
            step=item.new_step,
            coefficient=item.new_coefficient,
            seniority_percent=item.new_seniority_percent,
            reserved_coefficient=by_person[item.person_id].reserved_coefficient,
            effective_from=item.effective_from,
            decision_number=decision_number[:64],
            decision_date=decision_date,
            raise_kind=item.kind,
        )
        for item in items
    ]
    created = bulk_create_with_history(added, SalaryHistory, default_user=ctx.user)
    records = {record.person_id: record for record in created}
    for item in items:
        item.salary_record = records[item.person_id]
    RaiseProposalItem.objects.bulk_update(items, ["salary_record"])
    proposal.status = ProposalStatus.APPROVED
    proposal.decision_number = decision_number[:64]
    proposal.decision_date = decision_date
    proposal.decided_by = ctx.user if getattr(ctx.user, "is_authenticated", False) else None
    proposal.save(update_fields=["status", "decision_number", "decision_date", "decided_by"])
    ctx.audit_each(SALARY_STEP_RECORDED, created)
    ctx.audit(
        proposal,
        extra={
            "year": proposal.year,
            "persons": len(items),
            "early": early,
            "decision_number": proposal.decision_number,
        },
    )
    return proposal


# --- Rank promotion and transfer ----------------------------------------------------------------------

RANK_PLACED = event_type("payroll.rank_placed", gettext_lazy("Xếp lương khi nâng ngạch, chuyển ngạch"))


@action(RANK_PLACED)
def do_place_on_new_rank(
    ctx: ActionContext,
    *,
    person: Person,
    rank_code: str,
    appointed_on: dt.date,
    transfer: bool = False,
    decision_number: str = "",
    decision_date: dt.date | None = None,
) -> SalaryHistory:
    """Promote (nâng ngạch) or transfer (chuyển ngạch, ``transfer``) ``person`` to the rank ``rank_code``
    from ``appointed_on`` and place them on its scale by Thông tư 02/2007/TT-BNV Mục II
    (:func:`noivu.payroll.raises.place_on_new_scale`): the rank is recorded on the personnel record, the step
    in force closes the day before, and the new step, any reserved difference and the clock of the next
    raise (kept or restarted, as the rule says) are recorded from the appointment."""
    ctx.require(person)
    law = SalaryLaw.load()
    current = SalaryHistory.objects.select_for_update().filter(person=person).as_of(appointed_on).first()
    if current is None:
        raise ValidationError(
            {
                "appointed_on": _("Chưa có quá trình lương vào ngày %(day)s để chuyển xếp lương.")
                % {"day": f"{appointed_on:%d/%m/%Y}"}
            }
        )
    if current.effective_to is not None:
        raise ValidationError(
            {
                "appointed_on": _(
                    "Đã có quá trình lương sau ngày %(day)s: chuyển xếp lương từ bậc đang hưởng hiện nay."
                )
                % {"day": f"{current.effective_to:%d/%m/%Y}"}
            }
        )
    if appointed_on <= current.effective_from:
        raise ValidationError(
            {
                "appointed_on": _("Ngày bổ nhiệm phải sau ngày bắt đầu hưởng bậc hiện tại (%(day)s).")
                % {"day": f"{current.effective_from:%d/%m/%Y}"}
            }
        )
    from noivu.payroll.persons import TABLE_OF_CATEGORY
    from noivu.payroll.proposals import scale_problem

    old_scale = f"{current.salary_table or TABLE_OF_CATEGORY.get(person.category, '')}.{current.salary_group}"
    old = law.scales.get(old_scale, appointed_on)
    old_coefficients = [Decimal(value) for value in old.value["coefficients"]] if old else []
    wrong = scale_problem(old_scale, current.step, current.coefficient, old_coefficients)
    if wrong:
        raise ValidationError({"rank_code": _("Bậc đang hưởng: %(problem)s") % {"problem": wrong}})
    rank_code = rank_code.strip()
    try:
        new_scale = law.scale_of_rank(rank_code, appointed_on)
        new = law.scale_on(new_scale, appointed_on)
    except SalaryInputError as error:
        raise ValidationError({"rank_code": error.message}) from error
    placement = place_on_new_scale(
        old_coefficients,
        current.step,
        current.seniority_percent,
        current.clock_from or current.effective_from,
        [Decimal(value) for value in new.value["coefficients"]],
        appointed_on,
        transfer=transfer,
    )
    from noivu.personnel.dossier.actions import do_record_rank_change

    do_record_rank_change(
        person=person,
        rank_code=rank_code,
        effective_from=appointed_on,
        decision_number=decision_number,
        decision_date=decision_date,
        acting_user=ctx.user,
    )
    table, group = new_scale.split(".", 1)
    record = do_record_salary_step(
        person=person,
        step=placement.step,
        coefficient=placement.coefficient,
        effective_from=appointed_on,
        rank_code=rank_code,
        salary_table=table,
        salary_group=group,
        seniority_percent=placement.seniority_percent,
        reserved_coefficient=placement.reserved_coefficient,
        decision_number=decision_number,
        decision_date=decision_date,
        clock_from=None if placement.clock_from == appointed_on else placement.clock_from,
        acting_user=ctx.user,
    )
    ctx.audit(
        record,
        extra={
            "rank_code": rank_code,
            "transfer": transfer,
            "step": placement.step,
            "coefficient": str(placement.coefficient),
            "reserved_coefficient": str(placement.reserved_coefficient),
            "clock_from": placement.clock_from.isoformat(),
            "reason": placement.reason,
        },
    )
    return record
