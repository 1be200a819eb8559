"""State changes of payroll's facts: a person's salary steps and allowances (dated: a new period closes
the open one of the same fact the day before; scope checked, invariants kept, audited)."""

import datetime as dt
from decimal import Decimal

import polars as pl
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from noivu.core import dates
from noivu.core.actions import ActionContext, action, do_start_job
from noivu.core.audit import event_type
from noivu.core.bulk import insert_columns
from noivu.core.permissions import Action
from noivu.organizations.models import Organization
from noivu.payroll.engine import KIND_LABELS, SalaryInputError, SalaryLaw
from noivu.payroll.models import (
    Allowance,
    PayrollLine,
    PayrollRun,
    RunStatus,
    SalaryHistory,
    SalaryScenario,
)
from noivu.payroll.raises import raises_due
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
) -> SalaryHistory:
    """Place on or raise to a salary step (xếp lương, nâng bậc lương). Without a rank code, the rank in
    force on ``effective_from`` is used; the rule table ``rank_salary_tables`` as of that day gives a known
    rank's salary table and group."""
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
    ctx.audit(run, extra={"month": month.isoformat(), "persons": run.persons, "correction": correction})
    return run


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


RAISES_APPROVED = event_type("payroll.raises_approved", gettext_lazy("Phê duyệt nâng bậc lương"))


@action(RAISES_APPROVED, permission=Action.APPROVE)
def do_approve_step_raises(
    ctx: ActionContext,
    *,
    organization: Organization,
    year: int,
    person_ids: list[int],
    decision_number: str = "",
    decision_date: dt.date | None = None,
) -> list[SalaryHistory]:
    """Approve the raises due in ``year`` of the listed persons of ``organization``'s subtree (quyết định
    nâng bậc lương): each person's current step closes the day before the due date and the new step or
    seniority percentage is recorded from that date, with history, in a few set operations."""
    ctx.require(organization, Action.APPROVE)
    due = raises_due(organization.path, year, SalaryLaw.load()).filter(pl.col("person_id").is_in(person_ids))
    if due.is_empty():
        raise ValidationError(_("Không có người nào đến hạn nâng bậc lương trong danh sách đã chọn."))
    rows = {row["person_id"]: row for row in due.to_dicts()}
    current = list(
        SalaryHistory.objects.select_for_update().filter(
            person_id__in=list(rows), effective_from__in=[row["clock_from"] for row in rows.values()]
        )
    )
    current = [step for step in current if step.effective_from == rows[step.person_id]["clock_from"]]
    for step in current:
        step.effective_to = rows[step.person_id]["due_on"] - dt.timedelta(days=1)
    bulk_update_with_history(current, SalaryHistory, ["effective_to"], default_user=ctx.user)
    added = [
        SalaryHistory(
            person_id=step.person_id,
            rank_code=step.rank_code,
            salary_table=step.salary_table,
            salary_group=step.salary_group,
            step=rows[step.person_id]["new_step"],
            coefficient=Decimal(rows[step.person_id]["new_coefficient_e4"]) / 10000,
            seniority_percent=rows[step.person_id]["new_seniority_percent"],
            reserved_coefficient=step.reserved_coefficient,
            effective_from=rows[step.person_id]["due_on"],
            decision_number=decision_number,
            decision_date=decision_date,
        )
        for step in current
    ]
    created = bulk_create_with_history(added, SalaryHistory, default_user=ctx.user)
    ctx.audit(organization, extra={"year": year, "persons": len(created), "decision_number": decision_number})
    return created
