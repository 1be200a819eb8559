"""State changes of dossiers of administrative procedures: receipt, supplement requests and their
receipt, decisions; and the rows of the working calendar. Each checks the user's right on the receiving
authority, keeps the statutory clock current and is audited."""

import datetime as dt
import secrets

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from noivu.core import dates
from noivu.core.actions import ActionContext, action
from noivu.core.audit import event_type
from noivu.core.models import RuleRow
from noivu.core.permissions import Action
from noivu.core.rules import rule_table
from noivu.organizations.models import Organization
from noivu.religion.models import (
    ActivityGroup,
    CalendarDay,
    Dossier,
    DossierStatus,
    Outcome,
    ReligiousOrganization,
    SupplementRequest,
)
from noivu.religion.procedures.calendar import calendar_for
from noivu.religion.procedures.clock import COUNTING, PROCEDURES, Deadline, Pause, Procedure, deadline

DOSSIER_RECEIVED = event_type("religion.dossier_received", gettext_lazy("Tiếp nhận hồ sơ thủ tục tôn giáo"))
SUPPLEMENT_REQUESTED = event_type("religion.supplement_requested", gettext_lazy("Yêu cầu bổ sung hồ sơ"))
SUPPLEMENT_RECEIVED = event_type("religion.supplement_received", gettext_lazy("Nhận hồ sơ bổ sung"))
DOSSIER_DECIDED = event_type("religion.dossier_decided", gettext_lazy("Trả kết quả hồ sơ thủ tục tôn giáo"))
CALENDAR_DAY_ADDED = event_type("religion.calendar_day_added", gettext_lazy("Thêm ngày nghỉ, ngày làm bù"))


def _d(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def clock_of(dossier: Dossier) -> Deadline:
    """The statutory clock of ``dossier`` as its procedure, supplements and calendar stand now."""
    pauses = [Pause(s.requested_on, s.received_on) for s in dossier.supplements.all()]
    procedure = Procedure.of(rule_table(PROCEDURES).lookup(dossier.procedure_code, dossier.received_on))
    return deadline(
        procedure,
        dossier.received_on,
        pauses,
        calendar_for(dossier.organization.path),
        rule_table(COUNTING),
    )


def _refresh(dossier: Dossier) -> None:
    clock = clock_of(dossier)
    dossier.due_on = clock.due_on
    if dossier.status in (DossierStatus.RECEIVED, DossierStatus.SUPPLEMENT):
        dossier.status = DossierStatus.SUPPLEMENT if clock.paused else DossierStatus.RECEIVED


def _not_future(field: str, day: dt.date) -> None:
    if day > dates.today():
        raise ValidationError({field: _("Ngày %(day)s chưa đến.") % {"day": _d(day)}})


@action(DOSSIER_RECEIVED)
def do_receive_dossier(
    ctx: ActionContext,
    *,
    organization: Organization,
    procedure_code: str,
    applicant: str,
    received_on: dt.date,
    religious_organization: ReligiousOrganization | None = None,
    group: ActivityGroup | None = None,
    commune_code: str = "",
    subject: str = "",
    reference: str = "",
) -> Dossier:
    """Receive a complete dossier (tiếp nhận hồ sơ) of ``procedure_code`` at ``organization``: the rule in
    force on the day of receipt gives its statutory time, which starts the clock."""
    ctx.require(organization)
    for related in (religious_organization, group):
        if related is not None:
            ctx.require(related, Action.VIEW)
    _not_future("received_on", received_on)
    rule = rule_table(PROCEDURES).get(procedure_code, received_on)
    if rule is None:
        raise ValidationError(
            {
                "procedure_code": _("Không có thủ tục %(code)s có hiệu lực ngày %(day)s.")
                % {"code": procedure_code, "day": _d(received_on)}
            }
        )
    row = RuleRow.objects.unrestricted().get(
        table=PROCEDURES, code=procedure_code, effective_from=rule.effective_from
    )
    dossier = Dossier(
        reference=reference.strip() or f"{received_on:%Y%m%d}-{secrets.token_hex(3).upper()}",
        procedure_code=procedure_code,
        rule=row,
        organization=organization,
        applicant=applicant,
        religious_organization=religious_organization,
        group=group,
        commune_code=commune_code or organization.admin_unit_code,
        subject=subject,
        received_on=received_on,
    )
    dossier.full_clean(exclude=["rule", "organization"])
    dossier.save()
    _refresh(dossier)
    dossier.save(update_fields=["due_on", "status", "updated_at"])
    ctx.audit(dossier, extra={"procedure": procedure_code, "due_on": str(dossier.due_on)})
    return dossier


def _locked(dossier: Dossier) -> Dossier:
    return Dossier.objects.select_for_update().select_related("organization", "rule").get(pk=dossier.pk)


@action(SUPPLEMENT_REQUESTED)
def do_request_supplement(
    ctx: ActionContext, *, dossier: Dossier, requested_on: dt.date, content: str
) -> SupplementRequest:
    """Ask the applicant to complete the dossier: the clock stops from the next day until the supplement
    arrives."""
    dossier = _locked(dossier)
    ctx.require(dossier)
    if not dossier.is_open:
        raise ValidationError(_("Hồ sơ %(ref)s đã có kết quả.") % {"ref": dossier.reference})
    if dossier.supplements.filter(received_on__isnull=True).exists():
        raise ValidationError(_("Hồ sơ đang chờ bổ sung theo yêu cầu trước."))
    _not_future("requested_on", requested_on)
    last = dossier.supplements.order_by("-received_on").values_list("received_on", flat=True).first()
    earliest = max(dossier.received_on, last or dossier.received_on)
    if requested_on < earliest:
        raise ValidationError(
            {"requested_on": _("Ngày yêu cầu bổ sung phải từ ngày %(day)s.") % {"day": _d(earliest)}}
        )
    if not content.strip():
        raise ValidationError({"content": _("Ghi rõ nội dung cần bổ sung.")})
    request = SupplementRequest(dossier=dossier, requested_on=requested_on, content=content.strip())
    request.full_clean(exclude=["dossier"])
    request.save()
    _refresh(dossier)
    dossier.save(update_fields=["due_on", "status", "updated_at"])
    ctx.audit(dossier, extra={"requested_on": requested_on.isoformat()})
    return request


@action(SUPPLEMENT_RECEIVED)
def do_receive_supplement(ctx: ActionContext, *, dossier: Dossier, received_on: dt.date) -> Dossier:
    """Record the supplement received: the clock runs again from the next day."""
    dossier = _locked(dossier)
    ctx.require(dossier)
    pending = dossier.supplements.filter(received_on__isnull=True).first()
    if pending is None:
        raise ValidationError(_("Hồ sơ không có yêu cầu bổ sung nào đang chờ."))
    _not_future("received_on", received_on)
    if received_on < pending.requested_on:
        raise ValidationError(
            {
                "received_on": _("Ngày nhận bổ sung phải từ ngày yêu cầu %(day)s.")
                % {"day": _d(pending.requested_on)}
            }
        )
    pending.received_on = received_on
    pending.save(update_fields=["received_on"])
    _refresh(dossier)
    dossier.save(update_fields=["due_on", "status", "updated_at"])
    ctx.audit(dossier, extra={"received_on": received_on.isoformat(), "due_on": str(dossier.due_on)})
    return dossier


@action(DOSSIER_DECIDED, permission=Action.APPROVE)
def do_decide_dossier(
    ctx: ActionContext,
    *,
    dossier: Dossier,
    decided_on: dt.date,
    outcome: str,
    decision_number: str,
    late_reason: str = "",
) -> Dossier:
    """Record the authority's answer (trả kết quả). An answer after the statutory deadline is accepted
    only with the reason for the delay recorded."""
    dossier = _locked(dossier)
    ctx.require(dossier)
    if not dossier.is_open:
        raise ValidationError(_("Hồ sơ %(ref)s đã có kết quả.") % {"ref": dossier.reference})
    if dossier.status == DossierStatus.SUPPLEMENT:
        raise ValidationError(_("Hồ sơ đang chờ bổ sung: ghi nhận bổ sung trước khi trả kết quả."))
    if outcome not in Outcome.values:
        raise ValidationError({"outcome": _("Kết quả phải là chấp thuận hoặc từ chối.")})
    if not decision_number.strip():
        raise ValidationError({"decision_number": _("Ghi số văn bản trả lời.")})
    _not_future("decided_on", decided_on)
    if decided_on < dossier.received_on:
        raise ValidationError({"decided_on": _("Ngày trả kết quả trước ngày nhận hồ sơ.")})
    last = dossier.supplements.order_by("-received_on").values_list("received_on", flat=True).first()
    if last and decided_on < last:
        raise ValidationError({"decided_on": _("Ngày trả kết quả trước ngày nhận bổ sung.")})
    _refresh(dossier)
    if dossier.due_on and decided_on > dossier.due_on and not late_reason.strip():
        raise ValidationError(
            {
                "late_reason": _(
                    "Ngày trả kết quả %(day)s sau hạn giải quyết %(due)s theo %(basis)s: "
                    "phải ghi lý do quá hạn."
                )
                % {
                    "day": _d(decided_on),
                    "due": _d(dossier.due_on),
                    "basis": dossier.rule.legal_basis.citation,
                }
            }
        )
    dossier.decided_on = decided_on
    dossier.outcome = outcome
    dossier.decision_number = decision_number.strip()
    dossier.late_reason = late_reason.strip()
    dossier.status = DossierStatus.DECIDED
    dossier.save()
    ctx.audit(dossier, extra={"outcome": outcome, "late": dossier.decided_late})
    return dossier


@action(CALENDAR_DAY_ADDED, permission=Action.ADMINISTER)
def do_add_calendar_day(
    ctx: ActionContext,
    *,
    day: dt.date,
    kind: str,
    name: str,
    basis: str = "",
    organization: Organization | None = None,
) -> CalendarDay:
    """Add an announced day off or make-up working day (for the whole country without ``organization``,
    which only a national administrator may); the deadlines of the open dossiers it may move are
    recomputed."""
    if organization is None:
        ctx.require(CalendarDay)
    else:
        ctx.require(organization)
    row = CalendarDay(day=day, kind=kind, name=name.strip(), basis=basis.strip(), organization=organization)
    row.full_clean()
    row.save()
    affected = Dossier.objects.unrestricted().select_related("organization", "rule")
    affected = affected.filter(
        status__in=[DossierStatus.RECEIVED, DossierStatus.SUPPLEMENT], received_on__lt=day
    )
    affected = affected.filter(Q(due_on__isnull=True) | Q(due_on__gte=day - dt.timedelta(days=7)))
    if organization is not None:
        affected = affected.filter(organization__path__startswith=organization.path)
    moved = 0
    for dossier in affected.prefetch_related("supplements"):
        before = dossier.due_on
        _refresh(dossier)
        if dossier.due_on != before:
            dossier.save(update_fields=["due_on", "status", "updated_at"])
            moved += 1
    ctx.audit(row, organization_path=organization.path if organization else "", extra={"moved": moved})
    return row
