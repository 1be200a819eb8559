"""State changes of staffing: organisation details, restructuring events, quotas, streamlining targets and
cases. Every one checks the acting user's right on the units it touches, keeps the rules of the law and
is audited; restructuring moves persons and streamlining ends assignments through personnel's actions."""

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from noivu.core.actions import ActionContext, action
from noivu.core.audit import event_type
from noivu.core.models import LegalBasis
from noivu.core.permissions import Action
from noivu.core.rules import rule_table
from noivu.organizations.actions import do_end_organization, do_move_organization, do_rename_organization
from noivu.organizations.models import Organization
from noivu.personnel.models import Assignment, Person
from noivu.personnel.records.actions import do_end_assignment, do_transfer_person
from noivu.staffing import benefits as rules
from noivu.staffing.models import (
    QUOTA_FILLED_BY,
    QUOTA_OF_CATEGORY,
    OrganizationProfile,
    RestructuringAllocation,
    RestructuringEvent,
    RestructuringKind,
    StaffingQuota,
    StreamliningCase,
    StreamliningGround,
    StreamliningTarget,
    Workflow,
)
from noivu.staffing.person_facts import insurance_service, months_to_retirement, salary_facts

PROFILE_SAVED = event_type("staffing.profile_saved", gettext_lazy("Cập nhật thông tin tổ chức"))
RESTRUCTURING_PROPOSED = event_type(
    "staffing.restructuring_proposed", gettext_lazy("Đề xuất sắp xếp tổ chức")
)
RESTRUCTURING_DECIDED = event_type(
    "staffing.restructuring_decided", gettext_lazy("Phê duyệt sắp xếp tổ chức")
)
RESTRUCTURING_APPLIED = event_type(
    "staffing.restructuring_applied", gettext_lazy("Thực hiện sắp xếp tổ chức")
)
QUOTA_PROPOSED = event_type("staffing.quota_proposed", gettext_lazy("Đề xuất biên chế"))
QUOTA_APPRAISED = event_type("staffing.quota_appraised", gettext_lazy("Thẩm định biên chế"))
QUOTA_DECIDED = event_type("staffing.quota_decided", gettext_lazy("Phê duyệt biên chế"))
TARGET_SET = event_type("staffing.target_set", gettext_lazy("Giao chỉ tiêu tinh giản biên chế"))
CASE_PROPOSED = event_type("staffing.case_proposed", gettext_lazy("Đề xuất tinh giản biên chế"))
CASE_DECIDED = event_type("staffing.case_decided", gettext_lazy("Phê duyệt tinh giản biên chế"))
CASE_EXECUTED = event_type("staffing.case_executed", gettext_lazy("Thực hiện tinh giản biên chế"))


def _clean(instance: Any) -> None:
    instance.full_clean()
    instance.save()


# --- Organisation details ---------------------------------------------------------------------------


@action(PROFILE_SAVED)
def do_save_organization_profile(
    ctx: ActionContext,
    *,
    organization: Organization,
    organization_type: str,
    functions: str = "",
    tasks: str = "",
    basis_number: str = "",
    basis_article: str = "",
    basis_title: str = "",
    basis_issued_on: dt.date | None = None,
) -> OrganizationProfile:
    """Record what a unit is: its type, its functions and tasks, and the document that established it
    (a legal basis, found by its number and article or recorded here)."""
    ctx.require(organization)
    profile = OrganizationProfile.objects.unrestricted().filter(organization=organization).first()
    profile = profile or OrganizationProfile(organization=organization)
    profile.organization_type = organization_type
    profile.functions = functions.strip()
    profile.tasks = tasks.strip()
    if basis_number.strip():
        basis = LegalBasis.objects.filter(
            document_number=basis_number.strip(), article=basis_article.strip()
        ).first()
        if basis is None:
            basis = LegalBasis(
                document_number=basis_number.strip(),
                article=basis_article.strip(),
                title=basis_title.strip(),
                issued_on=basis_issued_on,
                effective_on=basis_issued_on,
            )
            basis.full_clean()
            basis.save()
        elif basis_issued_on and basis.issued_on and basis.issued_on != basis_issued_on:
            raise ValidationError(
                {
                    "basis_number": _(
                        "Văn bản %(number)s đã được ghi nhận với ngày ban hành %(day)s: ghi rõ cơ "
                        "quan ban hành "
                        "trong số hiệu nếu đây là văn bản khác."
                    )
                    % {"number": basis.citation, "day": f"{basis.issued_on:%d/%m/%Y}"}
                }
            )
        profile.establishment_basis = basis
    _clean(profile)
    return profile


# --- Restructuring ----------------------------------------------------------------------------------


@action(RESTRUCTURING_PROPOSED)
def do_propose_restructuring(
    ctx: ActionContext,
    *,
    kind: str,
    organization: Organization,
    effective_date: dt.date,
    successor: Organization | None = None,
    new_name: str = "",
    description: str = "",
    allocations: dict[int, Organization] | None = None,
) -> RestructuringEvent:
    """Propose to merge, split, rename or move a unit from ``effective_date``; a split may say where each
    person goes (``allocations``: person id → unit), the others go to ``successor``."""
    ctx.require(organization)
    if successor is not None:
        ctx.require(successor)
    event = RestructuringEvent(
        kind=kind,
        organization=organization,
        successor=successor,
        new_name=new_name.strip(),
        old_name=organization.name,
        effective_date=effective_date,
        description=description.strip(),
    )
    if not organization.in_force_on(effective_date):
        raise ValidationError(
            {
                "effective_date": _("Ngày %(day)s đơn vị %(name)s không còn hoạt động.")
                % {"day": f"{effective_date:%d/%m/%Y}", "name": organization.name}
            }
        )
    _clean(event)
    for person_id, unit in (allocations or {}).items():
        ctx.require(unit)
        person = Person.objects.unrestricted().get(pk=person_id)
        _clean(RestructuringAllocation(event=event, person=person, to_organization=unit))
    return event


@action(RESTRUCTURING_DECIDED, permission=Action.APPROVE)
def do_decide_restructuring(
    ctx: ActionContext,
    *,
    event: RestructuringEvent,
    approve: bool,
    decision_number: str = "",
    decision_date: dt.date | None = None,
    decided_by: str = "",
    comment: str = "",
) -> RestructuringEvent:
    """Approve a proposed restructuring with its decision, or return it with a comment."""
    event = RestructuringEvent.objects.unrestricted().select_for_update().get(pk=event.pk)
    ctx.require(event)
    if event.status != Workflow.PROPOSED:
        raise ValidationError(
            _("Chỉ phê duyệt hoặc trả lại đề xuất đang chờ; đề xuất này %(status)s.")
            % {"status": event.get_status_display().lower()}
        )
    _decide(event, approve, decision_number, decision_date, decided_by, comment)
    event.save()
    return event


def _decide(
    item: Any, approve: bool, number: str, day: dt.date | None, decided_by: str, comment: str
) -> None:
    if approve and (not number.strip() or day is None):
        raise ValidationError({"decision_number": _("Phê duyệt cần số và ngày của quyết định.")})
    if not approve and not comment.strip():
        raise ValidationError({"comment": _("Trả lại cần ghi lý do.")})
    item.status = Workflow.APPROVED if approve else Workflow.RETURNED
    item.decision_number, item.decision_date = number.strip(), day
    item.decided_by, item.comment = decided_by.strip(), comment.strip()


@action(RESTRUCTURING_APPLIED)
def do_apply_restructuring(ctx: ActionContext, *, event: RestructuringEvent) -> RestructuringEvent:
    """Carry out an approved restructuring: the persons assigned to the unit (and, for a merge or a split,
    to the units below it) move to the receiving units from the event's date through a transfer that keeps
    their earlier assignments; the unit is closed the day before (merge, split), renamed, or moved under its
    new parent with its subtree."""
    event = (
        RestructuringEvent.objects.unrestricted()
        .select_for_update(of=("self",))
        .select_related("organization", "successor")
        .get(pk=event.pk)
    )
    ctx.require(event.organization)
    if event.successor is not None:
        ctx.require(event.successor)
    if event.status != Workflow.APPROVED:
        raise ValidationError(_("Chỉ thực hiện sắp xếp đã được phê duyệt."))
    day = event.effective_date
    moved = 0
    if event.kind in (RestructuringKind.MERGE, RestructuringKind.SPLIT):
        assert event.successor is not None  # required by clean()
        below = (
            Organization.objects.unrestricted()
            .as_of(day)
            .filter(path__startswith=event.organization.path, depth__gt=event.organization.depth)
        )
        if below.exists():
            raise ValidationError(
                _("%(name)s còn đơn vị trực thuộc đang hoạt động: sắp xếp các đơn vị đó trước.")
                % {"name": event.organization.name}
            )
        targets = {
            a.person_id: a.to_organization for a in event.allocations.select_related("to_organization")
        }
        assignments = (
            Assignment.objects.unrestricted()
            .as_of(day)
            .filter(is_primary=True, organization=event.organization)
            .select_related("person", "organization")
        )
        for assignment in assignments:
            to = targets.get(assignment.person_id, event.successor)
            do_transfer_person(
                person=assignment.person,
                to_organization=to,
                category=assignment.category,
                effective_from=day,
                position_title=assignment.position_title,
                acting_user=ctx.user,
                reason=str(event),
            )
            moved += 1
        do_end_organization(
            organization=event.organization,
            last_day=day - dt.timedelta(days=1),
            acting_user=ctx.user,
            reason=str(event),
        )
    elif event.kind == RestructuringKind.RENAME:
        do_rename_organization(
            organization=event.organization, name=event.new_name, acting_user=ctx.user, reason=str(event)
        )
    else:
        assert event.successor is not None
        do_move_organization(
            organization=event.organization, parent=event.successor, acting_user=ctx.user, reason=str(event)
        )
        moved = (
            Assignment.objects.unrestricted()
            .as_of(day)
            .filter(
                is_primary=True,
                organization__path__startswith=Organization.objects.get(pk=event.organization_id).path,
            )
            .count()
        )
    event.status = Workflow.DONE
    event.persons_moved = moved
    event.save(update_fields=["status", "persons_moved"])
    ctx.audit(event, extra={"persons_moved": moved})
    return event


# --- Quotas -----------------------------------------------------------------------------------------


def _in_force_quotas(quota: StaffingQuota) -> Any:
    return (
        StaffingQuota.objects.unrestricted()
        .filter(category=quota.category, status=Workflow.APPROVED)
        .exclude(pk=quota.pk)
        .overlapping(quota.effective_from, quota.effective_to)
    )


def _nearest_below(holder_path: str, quotas: list[StaffingQuota]) -> list[StaffingQuota]:
    """The quotas of the units below ``holder_path`` with no quota holder between them and it."""
    below = [
        q
        for q in quotas
        if q.organization.path.startswith(holder_path) and q.organization.path != holder_path
    ]
    paths = {q.organization.path for q in below}
    return [
        q
        for q in below
        if not any(q.organization.path.startswith(p) and p != q.organization.path for p in paths)
    ]


def check_quota(quota: StaffingQuota) -> None:
    """The rules a quota must keep (ValidationError naming the rule):

    - the quotas of the units below it together do not exceed it, and with it the quotas below the nearest
      unit above holding a quota of the kind do not exceed that one (biên chế của đơn vị cấp dưới cộng lại
      không vượt biên chế của đơn vị cấp trên);
    - it is not below the persons already working in its subtree on its first day in the categories it
      covers (không giao thấp hơn số người đang làm việc);
    - no other quota of the kind for the unit overlaps its period (checked by the model).
    """
    quota.full_clean()
    org = quota.organization
    others = list(_in_force_quotas(quota).select_related("organization"))
    below = _nearest_below(org.path, others)
    below_sum = sum(q.quantity for q in below)
    if below and below_sum > quota.quantity:
        raise ValidationError(
            {
                "quantity": _(
                    "Quy tắc biên chế cấp trên: %(quantity)s thấp hơn tổng biên chế đã giao cho các "
                    "đơn vị trực "
                    "thuộc (%(sum)s, %(count)s đơn vị)."
                )
                % {"quantity": quota.quantity, "sum": below_sum, "count": len(below)}
            }
        )
    above = [
        q for q in others if org.path.startswith(q.organization.path) and q.organization.path != org.path
    ]
    if above:
        parent = max(above, key=lambda q: len(q.organization.path))
        siblings = [
            q
            for q in _nearest_below(parent.organization.path, others)
            if not q.organization.path.startswith(org.path)
        ]
        used = sum(q.quantity for q in siblings) + quota.quantity
        if used > parent.quantity:
            raise ValidationError(
                {
                    "quantity": _(
                        "Quy tắc biên chế cấp trên: tổng biên chế các đơn vị trực thuộc %(parent)s "
                        "sẽ là %(used)s, "
                        "vượt biên chế được giao của %(parent)s (%(limit)s)."
                    )
                    % {"parent": parent.organization.name, "used": used, "limit": parent.quantity}
                }
            )
    assigned = (
        Assignment.objects.unrestricted()
        .as_of(quota.effective_from)
        .filter(
            is_primary=True,
            organization__path__startswith=org.path,
            category__in=QUOTA_FILLED_BY[quota.category],
        )
        .count()
    )
    if quota.quantity < assigned:
        raise ValidationError(
            {
                "quantity": _(
                    "Quy tắc không giao thấp hơn số người đang làm việc: %(quantity)s thấp hơn "
                    "%(assigned)s người "
                    "đang làm việc ngày %(day)s; giảm dần qua tinh giản biên chế trước."
                )
                % {
                    "quantity": quota.quantity,
                    "assigned": assigned,
                    "day": f"{quota.effective_from:%d/%m/%Y}",
                }
            }
        )


@action(QUOTA_PROPOSED)
def do_propose_quota(
    ctx: ActionContext,
    *,
    organization: Organization,
    category: str,
    year: int,
    quantity: int,
    effective_from: dt.date | None = None,
    effective_to: dt.date | None = None,
    comment: str = "",
) -> StaffingQuota:
    """Propose a unit's quota of one kind for ``year`` (or the period given within it)."""
    ctx.require(organization)
    quota = StaffingQuota(
        organization=organization,
        category=category,
        year=year,
        quantity=quantity,
        effective_from=effective_from or dt.date(year, 1, 1),
        effective_to=effective_to or dt.date(year, 12, 31),
        comment=comment.strip(),
    )
    if quota.effective_from.year != year or (quota.effective_to and quota.effective_to.year != year):
        raise ValidationError(
            {"effective_from": _("Biên chế năm %(year)s phải có hiệu lực trong năm đó.") % {"year": year}}
        )
    check_quota(quota)
    quota.save()
    return quota


@action(QUOTA_APPRAISED, permission=Action.APPRAISE)
def do_appraise_quota(
    ctx: ActionContext, *, quota: StaffingQuota, agree: bool, comment: str = ""
) -> StaffingQuota:
    """The Home Affairs department's appraisal: agree (to the approver) or return with a comment."""
    quota = StaffingQuota.objects.unrestricted().select_for_update().get(pk=quota.pk)
    ctx.require(quota)
    if quota.status != Workflow.PROPOSED:
        raise ValidationError(_("Chỉ thẩm định đề xuất đang chờ thẩm định."))
    if not agree and not comment.strip():
        raise ValidationError({"comment": _("Trả lại cần ghi lý do.")})
    quota.status = Workflow.APPRAISED if agree else Workflow.RETURNED
    quota.comment = comment.strip()
    if agree:
        check_quota(quota)
    quota.save()
    return quota


@action(QUOTA_DECIDED, permission=Action.APPROVE)
def do_decide_quota(
    ctx: ActionContext,
    *,
    quota: StaffingQuota,
    approve: bool,
    decision_number: str = "",
    decision_date: dt.date | None = None,
    decided_by: str = "",
    comment: str = "",
) -> StaffingQuota:
    """Approve an appraised quota with the deciding document, or return it."""
    quota = StaffingQuota.objects.unrestricted().select_for_update().get(pk=quota.pk)
    ctx.require(quota)
    if quota.status != Workflow.APPRAISED:
        raise ValidationError(_("Chỉ phê duyệt biên chế đã được thẩm định."))
    _decide(quota, approve, decision_number, decision_date, decided_by, comment)
    if approve:
        check_quota(quota)
    quota.save()
    return quota


# --- Streamlining targets ---------------------------------------------------------------------------


@action(TARGET_SET)
def do_set_streamlining_target(
    ctx: ActionContext,
    *,
    organization: Organization,
    category: str,
    effective_from: dt.date,
    effective_to: dt.date,
    baseline_year: int,
    baseline: int | None = None,
    min_cut: Decimal | None = None,
) -> StreamliningTarget:
    """Set a unit's streamlining target for a period; the least rate and the baseline default to the rule
    table ``streamlining_targets`` and to the persons of the subtree at the end of the baseline year."""
    ctx.require(organization)
    law = rule_table("streamlining_targets").get(category, effective_from)
    if min_cut is None:
        if law is None:
            raise ValidationError(
                {"min_cut": _("Không có chỉ tiêu tối thiểu theo quy định cho loại biên chế này: nhập tỷ lệ.")}
            )
        min_cut = Decimal(law.value["min_cut"])
    elif law is not None and min_cut < Decimal(law.value["min_cut"]):
        raise ValidationError(
            {
                "min_cut": _(
                    "Quy tắc chỉ tiêu tối thiểu: tỷ lệ %(rate)s thấp hơn mức %(law)s theo %(citation)s."
                )
                % {
                    "rate": f"{min_cut:.1%}",
                    "law": f"{Decimal(law.value['min_cut']):.0%}",
                    "citation": law.legal_basis.citation,
                }
            }
        )
    if baseline is None:
        baseline = (
            Assignment.objects.unrestricted()
            .as_of(dt.date(baseline_year, 12, 31))
            .filter(
                is_primary=True,
                organization__path__startswith=organization.path,
                category__in=QUOTA_FILLED_BY[category],
            )
            .count()
        )
    target = StreamliningTarget(
        organization=organization,
        category=category,
        effective_from=effective_from,
        effective_to=effective_to,
        baseline_year=baseline_year,
        baseline=baseline,
        min_cut=min_cut,
        legal_basis=law.legal_basis if law is not None else None,
    )
    _clean(target)
    return target


# --- Streamlining cases -----------------------------------------------------------------------------


def case_inputs(
    person: Person,
    *,
    leave_date: dt.date,
    salary_current: int | None = None,
    salary_average: int | None = None,
    si_years: int | None = None,
    si_months: int | None = None,
) -> dict[str, Any]:
    """The figures of a case from the person's record, each overridden when given."""
    months = months_to_retirement(person, leave_date)
    if months is None:
        raise ValidationError(
            {"person": _("Không xác định được tuổi nghỉ hưu của người này (thiếu ngày sinh, giới tính).")}
        )
    facts = salary_facts(person, leave_date) if salary_current is None or salary_average is None else None
    current = salary_current if salary_current is not None else (facts.current if facts else None)
    average = salary_average if salary_average is not None else (facts.average if facts else None)
    if not current:
        raise ValidationError(
            {
                "salary_current": _(
                    "Hồ sơ chưa có quá trình lương tại tháng trước ngày nghỉ: nhập tiền lương tháng "
                    "hiện hưởng."
                )
            }
        )
    if si_years is None:
        service = insurance_service(person, leave_date)
        if service is None:
            raise ValidationError({"si_years": _("Nhập số năm đóng bảo hiểm xã hội bắt buộc.")})
        si_years, default_months = service
        si_months = default_months if si_months is None else si_months
    return {
        "months_to_retirement": months,
        "salary_current": current,
        "salary_average": average,
        "si_years": si_years,
        "si_months": si_months or 0,
    }


def compute_case(case: StreamliningCase, benefits: rules.Benefits | None = None) -> rules.BenefitResult:
    """The benefit of a case record (BenefitError when the person does not meet the legal ground)."""
    return rules.compute(
        rules.BenefitCase(
            policy=case.policy,
            leave_date=case.leave_date,
            case_date=case.case_date,
            salary_current=case.salary_current,
            salary_average=case.salary_average,
            months_to_retirement=case.months_to_retirement,
            si_years=case.si_years,
            si_months=case.si_months,
            restructuring=case.ground == StreamliningGround.RESTRUCTURING,
            restructuring_decision_date=case.restructuring_decision_date,
            gender=case.person.gender,
        ),
        benefits,
    )


@action(CASE_PROPOSED)
def do_propose_streamlining_case(
    ctx: ActionContext,
    *,
    person: Person,
    policy: str,
    ground: str,
    case_date: dt.date,
    leave_date: dt.date,
    restructuring: RestructuringEvent | None = None,
    restructuring_decision_date: dt.date | None = None,
    salary_current: int | None = None,
    salary_average: int | None = None,
    si_years: int | None = None,
    si_months: int | None = None,
) -> StreamliningCase:
    """Propose to streamline ``person`` under ``policy``: the decree in force on ``case_date`` decides the
    benefit, computed item by item from their salary history and insurance years; a person who does not
    meet the decree's conditions is refused with the article named."""
    person = Person.objects.unrestricted().select_related("organization").get(pk=person.pk)
    assignment = (
        person.assignments.filter(is_primary=True)
        .as_of(leave_date - dt.timedelta(days=1))
        .select_related("organization")
        .first()
    )
    unit = assignment.organization if assignment is not None else person.organization
    ctx.require(unit)
    if assignment is None:
        raise ValidationError(
            {"leave_date": _("Trước ngày nghỉ người này không giữ vị trí công tác chính nào.")}
        )
    if leave_date <= case_date - dt.timedelta(days=366):
        raise ValidationError({"leave_date": _("Ngày nghỉ không được trước ngày lập hồ sơ quá một năm.")})
    category = QUOTA_OF_CATEGORY.get(assignment.category)
    if category is None:
        raise ValidationError(
            {"person": _("Người hoạt động không chuyên trách không thuộc biên chế được giao.")}
        )
    open_case = (
        StreamliningCase.objects.unrestricted()
        .filter(person=person, status__in=[Workflow.PROPOSED, Workflow.APPROVED])
        .first()
    )
    if open_case is not None:
        raise ValidationError(
            {"person": _("Người này đã có hồ sơ tinh giản đang xử lý (%(case)s).") % {"case": open_case}}
        )
    if restructuring is not None:
        ctx.require(restructuring, Action.VIEW)
        restructuring_decision_date = (
            restructuring_decision_date or restructuring.decision_date or restructuring.effective_date
        )
    inputs = case_inputs(
        person,
        leave_date=leave_date,
        salary_current=salary_current,
        salary_average=salary_average,
        si_years=si_years,
        si_months=si_months,
    )
    case = StreamliningCase(
        person=person,
        organization=unit,
        category=category,
        ground=ground,
        policy=policy,
        case_date=case_date,
        leave_date=leave_date,
        restructuring=restructuring,
        restructuring_decision_date=restructuring_decision_date,
        regime="",
        benefit_total=0,
        **inputs,
    )
    try:
        result = compute_case(case)
    except rules.BenefitError as error:
        raise ValidationError(
            {error.field if error.field in _CASE_FIELDS else "__all__": error.message}
        ) from error
    case.regime = result.regime
    case.benefit = result.explain()
    case.benefit_total = result.total
    _clean(case)
    return case


_CASE_FIELDS = {
    "policy",
    "case_date",
    "leave_date",
    "salary_current",
    "salary_average",
    "si_years",
    "si_months",
    "months_to_retirement",
    "restructuring_decision_date",
}


@action(CASE_DECIDED, permission=Action.APPROVE)
def do_decide_streamlining_case(
    ctx: ActionContext,
    *,
    case: StreamliningCase,
    approve: bool,
    decision_number: str = "",
    decision_date: dt.date | None = None,
    decided_by: str = "",
    comment: str = "",
) -> StreamliningCase:
    """Approve a proposed case with its decision (the benefit, recomputed, must still hold), or return it."""
    case = (
        StreamliningCase.objects.unrestricted().select_for_update().select_related("person").get(pk=case.pk)
    )
    ctx.require(case)
    if case.status != Workflow.PROPOSED:
        raise ValidationError(_("Chỉ phê duyệt hoặc trả lại hồ sơ đang chờ phê duyệt."))
    _decide(case, approve, decision_number, decision_date, decided_by, comment)
    if approve:
        try:
            result = compute_case(case)
        except rules.BenefitError as error:
            raise ValidationError(error.message) from error
        case.benefit, case.benefit_total = result.explain(), result.total
    case.save()
    return case


@action(CASE_EXECUTED)
def do_execute_streamlining_case(ctx: ActionContext, *, case: StreamliningCase) -> StreamliningCase:
    """Carry out an approved case: the person leaves their assignment on the leave date (their primary
    assignment ends the day before, through personnel's action)."""
    case = (
        StreamliningCase.objects.unrestricted().select_for_update().select_related("person").get(pk=case.pk)
    )
    ctx.require(case)
    if case.status != Workflow.APPROVED:
        raise ValidationError(_("Chỉ thực hiện hồ sơ tinh giản đã được phê duyệt."))
    do_end_assignment(
        person=case.person,
        last_day=case.last_day,
        cause=f"{case.get_policy_display()} — {case.decision_label}",
        acting_user=ctx.user,
        reason=str(case),
    )
    case.status = Workflow.DONE
    case.save(update_fields=["status"])
    return case
