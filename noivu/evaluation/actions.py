"""State changes of evaluation: the steps of a person's evaluation (self-assessment, the direct manager's
assessment, the competent person's decision), a yearly result recorded from the paper dossier, the rating
of units, and the tasks with their progress. Each checks the acting user's right on the person or unit,
keeps the rules of the regime in force on the period, and is audited."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from noivu.core import dates
from noivu.core.actions import ActionContext, action
from noivu.core.audit import event_type
from noivu.core.dates import today
from noivu.core.permissions import Action
from noivu.core.text import normalize
from noivu.evaluation import engine
from noivu.evaluation.models import (
    Evaluation,
    Level,
    PeriodKind,
    Status,
    Task,
    TaskProgress,
    TaskStatus,
    UnitEvaluation,
    period_bounds,
    period_label,
)
from noivu.evaluation.rules.nd335_2025 import ScoreInputs, TaskResults
from noivu.organizations.models import Organization
from noivu.personnel.models import Person

EVALUATION_RECORDED = event_type("evaluation.recorded", gettext_lazy("Ghi kết quả xếp loại"))
SELF_ASSESSED = event_type("evaluation.self_assessed", gettext_lazy("Tự đánh giá, xếp loại"))
ASSESSED = event_type("evaluation.assessed", gettext_lazy("Người quản lý đánh giá, đề xuất xếp loại"))
DECIDED = event_type("evaluation.decided", gettext_lazy("Quyết định xếp loại chất lượng"))
UNIT_RATED = event_type("evaluation.unit_rated", gettext_lazy("Xếp loại chất lượng tập thể"))
TASK_ASSIGNED = event_type("evaluation.task_assigned", gettext_lazy("Giao nhiệm vụ"))
TASK_PROGRESS = event_type("evaluation.task_progress", gettext_lazy("Báo cáo tiến độ nhiệm vụ"))
TASK_CLOSED = event_type("evaluation.task_closed", gettext_lazy("Kết thúc nhiệm vụ"))

PERIOD_NUMBERS = {PeriodKind.YEAR: (0, 0), PeriodKind.QUARTER: (1, 4), PeriodKind.MONTH: (1, 12)}


def _save(row: Evaluation | UnitEvaluation | Task | TaskProgress) -> None:
    row.full_clean()
    row.save()


def _check_period(year: int, period_kind: str, period_number: int) -> None:
    if period_kind not in PERIOD_NUMBERS:
        raise ValidationError({"period_kind": _("Kỳ đánh giá phải là năm, quý hoặc tháng.")})
    low, high = PERIOD_NUMBERS[PeriodKind(period_kind)]
    if not low <= period_number <= high:
        raise ValidationError(
            {"period_number": _("Số kỳ phải từ %(low)s đến %(high)s.") % {"low": low, "high": high}}
        )
    if not dates.FIRST_YEAR <= year <= today().year:
        raise ValidationError(
            {
                "year": _("Năm %(year)s không hợp lý (từ %(first)s đến %(last)s).")
                % {"year": year, "first": dates.FIRST_YEAR, "last": today().year}
            }
        )


def _check_score(value: Decimal | None, field: str) -> None:
    if value is not None and not Decimal(0) <= value <= Decimal(100):
        raise ValidationError(
            {field: _("Điểm %(score)s ngoài thang điểm 100 (từ 0 đến 100).") % {"score": value}}
        )


def _check_level(value: str, field: str, *, required: bool = True) -> None:
    if (value or required) and value not in Level.values:
        raise ValidationError({field: _("Mức xếp loại không hợp lệ: %(value)s.") % {"value": value}})


def enforce_cap(evaluation: Evaluation) -> None:
    """Refuse a decided rating that would take the unit's period (and the group of similar tasks) over the
    cap on "hoàn thành xuất sắc"; every path that decides a rating runs it."""
    if evaluation.rating != Level.EXCELLENT:
        return
    others = (
        Evaluation.objects.unrestricted()
        .filter(
            organization_id=evaluation.organization_id,
            year=evaluation.year,
            period_kind=evaluation.period_kind,
            period_number=evaluation.period_number,
            status=Status.DECIDED,
            task_group=evaluation.task_group,
        )
        .exclude(pk=evaluation.pk)
        .values_list("task_group", "rating")
    )
    ratings = [*others, (evaluation.task_group, evaluation.rating)]
    outstanding = (
        UnitEvaluation.objects.unrestricted()
        .filter(organization_id=evaluation.organization_id, year=evaluation.year, outstanding=True)
        .exists()
    )
    for check in engine.check_cap(ratings, evaluation.period_end, outstanding=outstanding):
        if check.exceeded:
            unit = Organization.objects.unrestricted().get(pk=evaluation.organization_id)
            raise ValidationError({"rating": check.message(unit.name, evaluation.period_label)})


def _new_evaluation(person: Person, year: int, period_kind: str, period_number: int) -> Evaluation:
    _check_period(year, period_kind, period_number)
    end = period_bounds(year, period_kind, period_number)[1]
    regime = engine.regime_for(person.category, end)
    return Evaluation(
        person=person,
        organization_id=person.organization_id,
        year=year,
        period_kind=period_kind,
        period_number=period_number,
        category=person.category,
        regime=regime.value,
    )


@action(EVALUATION_RECORDED)
def do_record_evaluation(
    ctx: ActionContext,
    *,
    person: Person,
    year: int,
    rating: str,
    decided_on: dt.date | None = None,
    note: str = "",
) -> Evaluation:
    """Record (or correct, keeping the history) a year's decided rating from the paper dossier (kết quả
    xếp loại đã quyết định); the cap of the unit's year is checked as for a decision."""
    ctx.require(person)
    _check_level(rating, "rating")
    row = (
        Evaluation.objects.select_for_update()
        .filter(person=person, year=year, period_kind=PeriodKind.YEAR, period_number=0)
        .first()
    )
    if row is None:
        row = _new_evaluation(person, year, PeriodKind.YEAR, 0)
    row.status, row.rating, row.decided_on, row.note = Status.DECIDED, rating, decided_on, normalize(note)
    enforce_cap(row)
    _save(row)
    return row


@action(SELF_ASSESSED)
def do_self_assess(
    ctx: ActionContext,
    *,
    person: Person,
    year: int,
    period_kind: str = PeriodKind.YEAR,
    period_number: int = 0,
    rating: str,
    score: Decimal | None = None,
    comment: str = "",
    task_group: str = "",
    is_manager: bool = False,
) -> Evaluation:
    """The person's self-assessment for a period (tự đánh giá): their proposed level, and under the scored
    regimes their own score; a second self-assessment before the manager's replaces the first."""
    ctx.require(person)
    _check_level(rating, "rating")
    _check_score(score, "score")
    row = (
        Evaluation.objects.select_for_update()
        .filter(person=person, year=year, period_kind=period_kind, period_number=period_number)
        .first()
    )
    if row is None:
        row = _new_evaluation(person, year, period_kind, period_number)
    elif row.status != Status.SELF_ASSESSED:
        raise ValidationError(
            _("%(period)s đã qua bước tự đánh giá (%(status)s): không tự đánh giá lại.")
            % {"period": row.period_label, "status": row.get_status_display()}
        )
    if score is not None and not engine.is_scored(row.regime):
        raise ValidationError(
            {"score": _("Chế độ %(regime)s không chấm điểm.") % {"regime": row.get_regime_display()}}
        )
    row.status = Status.SELF_ASSESSED
    row.self_rating, row.self_score, row.self_comment = rating, score, normalize(comment)
    row.self_assessed_on = today()
    row.task_group, row.is_manager = normalize(task_group), is_manager
    _save(row)
    return row


def proposed_result(
    evaluation: Evaluation, general_points: Decimal | None, overriding_reason: str = ""
) -> engine.Explained | None:
    """Under a scored regime, the score the task results of the period give with ``general_points``."""
    if general_points is None or not engine.is_scored(evaluation.regime):
        return None
    start, end = period_bounds(evaluation.year, evaluation.period_kind, evaluation.period_number)
    tasks = engine.task_results([evaluation.person_id], start, end).get(
        evaluation.person_id, TaskResults(0, 0, 0, 0)
    )
    inputs = ScoreInputs(
        general_points, tasks, is_manager=evaluation.is_manager, overriding_reason=overriding_reason
    )
    try:
        return engine.score_period(evaluation.regime, end, inputs)
    except ValueError as error:
        raise ValidationError({"general_points": str(error)}) from error


@action(ASSESSED, permission=Action.APPRAISE)
def do_assess(
    ctx: ActionContext,
    *,
    evaluation: Evaluation,
    rating: str = "",
    general_points: Decimal | None = None,
    comment: str = "",
    overriding_reason: str = "",
) -> Evaluation:
    """The direct manager's assessment (nhận xét, đánh giá của người quản lý trực tiếp): under a scored
    regime the score is computed from the period's task results and the general criteria's points, each
    component kept; the level proposed is the one the score reaches unless the manager names another."""
    ctx.require(evaluation.person)
    row = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
    if row.status != Status.SELF_ASSESSED:
        raise ValidationError(
            _("Chỉ đánh giá phiếu đã tự đánh giá và chưa quyết định (hiện: %(status)s).")
            % {"status": row.get_status_display()}
        )
    result = proposed_result(row, general_points, overriding_reason)
    if result is not None:
        row.manager_score, row.components = result.score, {**result.components, "steps": result.steps}
        rating = rating or (result.rating or "")
    _check_level(rating, "rating")
    row.manager_rating, row.manager_comment, row.assessed_on = rating, normalize(comment), today()
    row.status = Status.ASSESSED
    _save(row)
    return row


@action(DECIDED, permission=Action.APPROVE)
def do_decide(
    ctx: ActionContext,
    *,
    evaluation: Evaluation,
    rating: str = "",
    decided_on: dt.date | None = None,
    decision_number: str = "",
) -> Evaluation:
    """The competent person's decision (quyết định xếp loại): the level proposed by the manager or another,
    refused when it takes the unit over the cap on "hoàn thành xuất sắc" or when the steps before it were
    not taken."""
    ctx.require(evaluation.person)
    row = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
    if row.status == Status.DECIDED:
        raise ValidationError(_("%(period)s đã có quyết định xếp loại.") % {"period": row.period_label})
    if row.status != Status.ASSESSED:
        raise ValidationError(
            _(
                "Chưa thể quyết định: người quản lý trực tiếp chưa đánh giá (quy trình: tự đánh giá → "
                "người quản lý đánh giá → quyết định)."
            )
        )
    rating = rating or row.manager_rating
    _check_level(rating, "rating")
    # Several decisions of one unit at once take their turns on the unit's rows.
    Evaluation.objects.select_for_update().filter(
        organization_id=row.organization_id, year=row.year, period_kind=row.period_kind
    ).exists()
    row.rating, row.score = rating, row.manager_score
    row.status, row.decided_on = Status.DECIDED, decided_on or today()
    row.decision_number, row.decided_by = decision_number, ctx.user
    enforce_cap(row)
    _save(row)
    return row


@action(UNIT_RATED, permission=Action.APPROVE)
def do_rate_unit(
    ctx: ActionContext,
    *,
    organization: Organization,
    year: int,
    rating: str,
    outstanding: bool = False,
    decided_on: dt.date | None = None,
    decision_number: str = "",
    note: str = "",
) -> UnitEvaluation:
    """The rating of a unit for a year by the leader of the unit above (xếp loại tập thể); the units rated
    by the same leader are held to the cap on "hoàn thành xuất sắc" where a rule sets one."""
    ctx.require(organization)
    _check_level(rating, "rating")
    row = UnitEvaluation.objects.select_for_update().filter(organization=organization, year=year).first()
    row = row or UnitEvaluation(organization=organization, year=year)
    row.rating, row.outstanding, row.decided_on = rating, outstanding, decided_on or today()
    row.decision_number, row.note = decision_number, normalize(note)
    parent = organization.get_parent()
    if rating == Level.EXCELLENT and parent is not None:
        siblings = (
            UnitEvaluation.objects.unrestricted()
            .filter(
                organization__path__startswith=parent.path, organization__depth=organization.depth, year=year
            )
            .exclude(organization=organization)
            .values_list("rating", flat=True)
        )
        ratings = [("", level) for level in [*siblings, rating]]
        for check in engine.check_cap(ratings, dt.date(year, 12, 31), units=True):
            if check.exceeded:
                units = _("các đơn vị trực thuộc %(unit)s") % {"unit": parent.name}
                raise ValidationError(
                    {"rating": check.message(units, period_label(year, PeriodKind.YEAR, 0), units=True)}
                )
    _save(row)
    return row


@action(TASK_ASSIGNED)
def do_assign_task(
    ctx: ActionContext,
    *,
    organization: Organization,
    title: str,
    target_quantity: int,
    deadline: dt.date,
    owner: Person | None = None,
    assigned_by: Organization | None = None,
    start_date: dt.date | None = None,
    measure: str = "sản phẩm",
    quality_requirement: str = "",
    parent: Task | None = None,
) -> Task:
    """Assign a task with a measurable target down the organisation tree (giao việc): ``assigned_by`` (the
    unit whose leader or HR assigns; by default the unit of ``parent``, else the receiving unit itself)
    gives it to ``organization`` — itself or a unit below it — and, within that unit, to ``owner``. With
    ``parent`` the receiving unit of that task breaks it into a part for one of its own units or persons:
    the part runs within the task's deadline while the task is open."""
    if parent is not None:
        ctx.require(parent)
        if assigned_by is not None and assigned_by.pk != parent.organization_id:
            raise ValidationError(
                {"parent": _("Chỉ đơn vị nhận nhiệm vụ mới giao tiếp nhiệm vụ đó cho cấp dưới.")}
            )
        assigned_by = parent.organization
    assigning = assigned_by or organization
    ctx.require(assigning)
    ctx.require(organization)
    if not organization.path.startswith(assigning.path):
        raise ValidationError(
            {
                "organization": _(
                    "%(unit)s không thuộc %(assigning)s: chỉ giao nhiệm vụ cho chính đơn vị hoặc đơn vị cấp "
                    "dưới."
                )
                % {"unit": organization.name, "assigning": assigning.name}
            }
        )
    if owner is not None:
        ctx.require(owner)
        if owner.organization_id != organization.pk:
            raise ValidationError({"owner": _("Người thực hiện phải thuộc đơn vị được giao nhiệm vụ.")})
    if parent is not None:
        if parent.status != TaskStatus.OPEN:
            raise ValidationError(
                {"parent": _("Nhiệm vụ %(task)s đã kết thúc: không giao tiếp.") % {"task": parent.title}}
            )
        if organization.pk == parent.organization_id and owner is None:
            raise ValidationError({"owner": _("Phần việc giao trong chính đơn vị phải có người thực hiện.")})
        if deadline > parent.deadline:
            raise ValidationError(
                {
                    "deadline": _(
                        "Hạn của phần việc không được sau hạn của nhiệm vụ được giao (%(deadline)s)."
                    )
                    % {"deadline": parent.deadline.strftime("%d/%m/%Y")}
                }
            )
    task = Task(
        organization=organization,
        owner=owner,
        assigned_by=assigning,
        parent=parent,
        title=normalize(title),
        measure=normalize(measure) or "sản phẩm",
        target_quantity=target_quantity,
        quality_requirement=normalize(quality_requirement),
        start_date=start_date or today(),
        deadline=deadline,
    )
    _save(task)
    return task


@action(TASK_PROGRESS)
def do_report_progress(
    ctx: ActionContext,
    *,
    task: Task,
    quantity: int,
    quality_quantity: int | None = None,
    reported_on: dt.date | None = None,
    note: str = "",
) -> TaskProgress:
    """Report products finished on a task (báo cáo tiến độ); the task is done once its target is reached."""
    ctx.require(task)
    row = Task.objects.select_for_update().get(pk=task.pk)
    if row.status != TaskStatus.OPEN:
        raise ValidationError(_("Nhiệm vụ đã kết thúc: không báo cáo thêm tiến độ."))
    progress = TaskProgress(
        task=row,
        reported_on=reported_on or today(),
        quantity=quantity,
        quality_quantity=quantity if quality_quantity is None else quality_quantity,
        note=normalize(note),
    )
    if progress.reported_on < row.start_date:
        raise ValidationError({"reported_on": _("Ngày báo cáo phải từ ngày giao nhiệm vụ trở đi.")})
    _save(progress)
    finished = sum(row.progress.values_list("quantity", flat=True))
    if finished >= row.target_quantity:
        row.status, row.completed_on = TaskStatus.DONE, progress.reported_on
        _save(row)
    return progress


@action(TASK_CLOSED)
def do_cancel_task(ctx: ActionContext, *, task: Task) -> Task:
    """Cancel a task no longer required (hủy nhiệm vụ); it no longer counts in the results."""
    ctx.require(task)
    task.status = TaskStatus.CANCELLED
    _save(task)
    return task
