"""State changes of recruitment: the plan from the vacancies and its approval, applications (by an
officer, from the public page or imported), exam rooms and candidate numbers, score entry (double entry or
import), appeals, and the recruitment decision that creates each new person's record through the
personnel app and opens the probation. Each checks the acting user's right, refuses bad input naming the
row, field and rule, and is audited."""

import calendar
import datetime as dt
import functools
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

import polars as pl
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from noivu.core.actions import ActionContext, action
from noivu.core.audit import event_type
from noivu.core.dates import today
from noivu.core.permissions import Action
from noivu.core.rules import RuleNotFound, rule_table
from noivu.core.text import normalize
from noivu.organizations.models import Organization
from noivu.personnel.dossier.actions import do_record_rank_change
from noivu.personnel.identity.cccd import validate_cccd
from noivu.personnel.models import Person
from noivu.personnel.records.actions import do_create_person, do_end_assignment, do_update_person
from noivu.recruitment import ranking, rounds
from noivu.recruitment.admission import (
    CONDITIONS,
    admission_choices,
    admission_groups,
    admission_problems,
    group_label,
)
from noivu.recruitment.documents import Upload, check_documents
from noivu.recruitment.forms import ADMISSION_FIELDS, CandidateForm
from noivu.recruitment.models import (
    DOCUMENTS,
    REQUIRED_DOCUMENTS,
    Appeal,
    AppealStatus,
    ApplicationDocument,
    Candidate,
    CandidateStatus,
    ExamForm,
    Exemption,
    Method,
    PlanPosition,
    PlanStatus,
    Probation,
    RecruitmentPlan,
    Room,
    Score,
    ScorePart,
    Source,
    StaffKind,
    TalentGrant,
)
from noivu.recruitment.probation import placement_rule, probation_months
from noivu.recruitment.talent import TALENT_TABLE, talent_problem, talent_rule
from noivu.recruitment.vacancies import qualification_name, qualification_order, vacancies

logger = logging.getLogger(__name__)

PLAN_CREATED = event_type("recruitment.plan_created", gettext_lazy("Lập kế hoạch tuyển dụng"))
PLAN_APPROVED = event_type("recruitment.plan_approved", gettext_lazy("Phê duyệt kế hoạch tuyển dụng"))
CANDIDATE_ADDED = event_type("recruitment.candidate_added", gettext_lazy("Nhận hồ sơ dự tuyển"))
CANDIDATES_IMPORTED = event_type(
    "recruitment.candidates_imported", gettext_lazy("Nhận hồ sơ dự tuyển từ tệp")
)
ROOM_ADDED = event_type("recruitment.room_added", gettext_lazy("Thêm phòng thi"))
CANDIDATES_SEATED = event_type("recruitment.seated", gettext_lazy("Xếp phòng thi, cấp số báo danh"))
SCORE_ENTERED = event_type("recruitment.score_entered", gettext_lazy("Nhập điểm thi"))
SCORES_IMPORTED = event_type("recruitment.scores_imported", gettext_lazy("Nhập điểm thi từ tệp"))
APPEAL_FILED = event_type("recruitment.appeal_filed", gettext_lazy("Nhận đơn phúc khảo"))
APPEAL_DECIDED = event_type("recruitment.appeal_decided", gettext_lazy("Kết quả phúc khảo"))
RESULTS_RECOGNISED = event_type(
    "recruitment.results_recognised", gettext_lazy("Quyết định công nhận kết quả tuyển dụng")
)
RECRUITMENT_DECIDED = event_type("recruitment.decided", gettext_lazy("Quyết định tuyển dụng"))
PROBATION_ENDED = event_type("recruitment.probation_ended", gettext_lazy("Kết thúc tập sự"))
DOCUMENT_ATTACHED = event_type("recruitment.document_attached", gettext_lazy("Nhận tệp hồ sơ dự tuyển"))
DOCUMENT_REMOVED = event_type("recruitment.document_removed", gettext_lazy("Gỡ tệp hồ sơ dự tuyển"))
DOCUMENT_DOWNLOADED = event_type("recruitment.document_downloaded", gettext_lazy("Tải tệp hồ sơ dự tuyển"))
TALENT_GRANTED = event_type("recruitment.talent_granted", gettext_lazy("Ghi nhận diện thu hút tài năng"))

MINIMUM_AGE = 18  # Luật Cán bộ, công chức; Luật Viên chức: từ đủ 18 tuổi trở lên.


def _save(row: Any) -> None:
    row.full_clean()
    row.save()


def _age_on(birth: dt.date, day: dt.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


# Plans ------------------------------------------------------------------------------------------------


@action(PLAN_CREATED)
def do_create_plan(
    ctx: ActionContext,
    *,
    organization: Organization,
    title: str,
    staff_kind: str,
    method: str,
    applications_open: dt.date,
    applications_close: dt.date,
    exam_date: dt.date,
    positions: list[dict[str, Any]],
    requirements: str = "",
) -> RecruitmentPlan:
    """A plan listing positions to fill; each must be vacant in the agency's approved job positions on the
    day the applications open (the gap analysis), its quota no larger than the vacancy."""
    ctx.require(organization)
    if staff_kind not in StaffKind.values:
        raise ValidationError({"staff_kind": _("Đối tượng phải là công chức hoặc viên chức.")})
    if method not in Method.values:
        raise ValidationError({"method": _("Hình thức tuyển dụng không hợp lệ.")})
    if not positions:
        raise ValidationError({"positions": _("Kế hoạch phải có ít nhất một vị trí cần tuyển.")})
    plan = RecruitmentPlan(
        organization=organization,
        title=normalize(title),
        staff_kind=staff_kind,
        method=method,
        applications_open=applications_open,
        applications_close=applications_close,
        exam_date=exam_date,
        requirements=normalize(requirements),
    )
    _save(plan)
    open_positions = {
        v.code: v for v in vacancies(organization, applications_open) if v.staff_kind == staff_kind
    }
    problems = []
    for index, spec in enumerate(positions, start=1):
        code = str(spec.get("code", ""))
        vacancy = open_positions.get(code)
        quota = spec.get("quota")
        if vacancy is None:
            problems.append(
                _("Vị trí %(row)s (%(code)s): không còn thiếu người theo đề án vị trí việc làm được duyệt.")
                % {"row": index, "code": code}
            )
            continue
        if not isinstance(quota, int) or quota < 1 or quota > vacancy.vacant:
            problems.append(
                _("Vị trí %(row)s (%(code)s), chỉ tiêu: phải từ 1 đến %(vacant)s (số còn thiếu).")
                % {"row": index, "code": code, "vacant": vacancy.vacant}
            )
            continue
        exam_form = spec.get("exam_form", ExamForm.SINGLE)
        if exam_form not in ExamForm.values:
            problems.append(_("Vị trí %(row)s, hình thức thi: không hợp lệ.") % {"row": index})
            continue
        _save(
            PlanPosition(
                plan=plan,
                code=code,
                name=vacancy.name,
                quota=quota,
                min_qualification=spec.get("min_qualification") or vacancy.min_qualification,
                rank_code=vacancy.min_rank_code,
                field_of_study=normalize(str(spec.get("field_of_study", ""))),
                exam_form=exam_form,
                round1=bool(spec.get("round1", method == Method.EXAM)),
            )
        )
    if problems:
        raise ValidationError({"positions": problems})
    ctx.audit(plan, extra={"positions": [p["code"] for p in positions]})
    return plan


@action(PLAN_APPROVED, permission=Action.APPROVE)
def do_approve_plan(
    ctx: ActionContext, *, plan: RecruitmentPlan, approval_number: str, approval_date: dt.date
) -> RecruitmentPlan:
    """Record the decision approving the plan (quyết định phê duyệt kế hoạch tuyển dụng)."""
    plan = RecruitmentPlan.objects.select_for_update().get(pk=plan.pk)
    ctx.require(plan)
    if plan.status != PlanStatus.DRAFT:
        raise ValidationError(_("Kế hoạch đã được phê duyệt."))
    if not normalize(approval_number):
        raise ValidationError({"approval_number": _("Cần số quyết định phê duyệt.")})
    plan.status, plan.approval_number, plan.approval_date = (
        PlanStatus.APPROVED,
        normalize(approval_number),
        approval_date,
    )
    _save(plan)
    return plan


# Applications -----------------------------------------------------------------------------------------


def eligibility_problems(position: PlanPosition, values: dict[str, Any], day: dt.date) -> list[str]:
    """The position's requirements the applicant does not meet (empty: eligible)."""
    problems = []
    if _age_on(values["birth_date"], day) < MINIMUM_AGE:
        problems.append(_("Chưa đủ %(age)s tuổi vào ngày nộp hồ sơ.") % {"age": MINIMUM_AGE})
    order = qualification_order()
    if order.get(values["qualification"], 0) < order.get(position.min_qualification, 0):
        problems.append(
            _("Trình độ %(have)s thấp hơn yêu cầu của vị trí (%(need)s).")
            % {
                "have": qualification_name(values["qualification"]),
                "need": qualification_name(position.min_qualification),
            }
        )
    missing = [str(DOCUMENTS[d]) for d in REQUIRED_DOCUMENTS if d not in values["documents"]]
    if missing:
        problems.append(_("Thiếu giấy tờ: %(docs)s.") % {"docs": ", ".join(missing)})
    return problems


def second_preference_problem(
    plan: RecruitmentPlan, position: PlanPosition, second: PlanPosition, rules: ranking.Rules
) -> str | None:
    """Why ``second`` may not be the application's second preference (nguyện vọng 2), naming the rule, or
    None: the rule in force on the exam day allows one, in a competitive exam, for another position of the
    plan with the same requirements and exam (Nghị định 115/2020/NĐ-CP Điều 15 khoản 6 as amended)."""
    rule = rules.second_preference
    basis = rule.legal_basis.citation if rule else ""
    if not rules.second_preference_allowed:
        return _("Quy định có hiệu lực vào ngày thi không cho đăng ký nguyện vọng 2 (%(basis)s).") % {
            "basis": basis or _("không có quy định")
        }
    if plan.method != Method.EXAM:
        return _("Chỉ đăng ký nguyện vọng 2 trong kỳ thi tuyển (%(basis)s).") % {"basis": basis}
    if second.plan_id != plan.pk:
        return _("Vị trí nguyện vọng 2 không thuộc kế hoạch này.")
    if second.pk == position.pk:
        return _("Vị trí nguyện vọng 2 phải khác vị trí nguyện vọng 1.")
    same = (position.min_qualification, position.field_of_study, position.exam_form, position.round1) == (
        second.min_qualification,
        second.field_of_study,
        second.exam_form,
        second.round1,
    )
    if not same:
        return _(
            "Vị trí nguyện vọng 2 phải có cùng tiêu chuẩn, điều kiện (trình độ, chuyên ngành) và cùng hình "
            "thức thi với vị trí nguyện vọng 1 (%(basis)s)."
        ) % {"basis": basis}
    return None


def _candidate(
    plan: RecruitmentPlan,
    position: PlanPosition,
    values: dict[str, Any],
    source: str,
    day: dt.date,
    rules: ranking.Rules | None = None,
    *,
    save: bool = True,
) -> Candidate:
    """The application checked as the action takes it, saved unless ``save`` is false (a check only)."""
    if plan.status != PlanStatus.APPROVED:
        raise ValidationError(
            _("Kế hoạch chưa được phê duyệt hoặc đã có quyết định tuyển dụng: không nhận hồ sơ.")
        )
    if position.plan_id != plan.pk:
        raise ValidationError({"position": _("Vị trí không thuộc kế hoạch này.")})
    # The checks the person's record will make when the candidate is recruited, made now.
    check = validate_cccd(str(values.get("cccd_number", "")), values["birth_date"], values["gender"])
    if check.failures:
        raise ValidationError({"cccd_number": [failure.message for failure in check.failures]})
    cccd = check.number
    if values["qualification"] not in qualification_order():
        raise ValidationError({"qualification": _("Trình độ chuyên môn không có trong danh mục.")})
    documents = [d for d in values.get("documents", []) if d in DOCUMENTS]
    grounds = list(dict.fromkeys(values.get("priority_grounds", [])))
    try:
        rules = rules or ranking.Rules.load(plan.staff_kind, plan.exam_date)
    except RuleNotFound as error:
        raise ValidationError(str(error)) from error
    known = rules.priority_points
    second = values.get("second_position")
    if second is not None:
        problem = second_preference_problem(plan, position, second, rules)
        if problem:
            raise ValidationError({"second_position": problem})
    unknown = [g for g in grounds if g not in known]
    if unknown:
        raise ValidationError(
            {
                "priority_grounds": _("Đối tượng ưu tiên không có trong quy định: %(g)s.")
                % {"g": ", ".join(unknown)}
            }
        )
    exemptions = list(dict.fromkeys(values.get("exemptions", [])))
    if [e for e in exemptions if e not in Exemption.values]:
        raise ValidationError({"exemptions": _("Diện miễn thi không hợp lệ.")})
    track = values.get("talent_track", "")
    if track and track not in rule_table(TALENT_TABLE):
        raise ValidationError({"talent_track": _("Diện thu hút không có trong quy định.")})
    group = values.get("admission_group") or ""
    conditions = list(dict.fromkeys(values.get("admission_conditions") or []))
    vetting: list[str] = []
    if plan.method == Method.ADMISSION:
        groups = admission_groups(plan.staff_kind, plan.exam_date)
        if group not in groups:
            raise ValidationError(
                {
                    "admission_group": _(
                        "Cần đối tượng tiếp nhận theo quy định có hiệu lực ngày %(day)s: %(groups)s."
                    )
                    % {
                        "day": plan.exam_date.strftime("%d/%m/%Y"),
                        "groups": "; ".join(group_label(rule) for rule in groups.values())
                        or _("không có quy định"),
                    }
                }
            )
        if [c for c in conditions if c not in CONDITIONS]:
            raise ValidationError({"admission_conditions": _("Điều kiện tiếp nhận không có trong danh mục.")})
        vetting = admission_problems(
            groups[group],
            work_months=values.get("work_months"),
            qualification=values["qualification"],
            conditions=conditions,
        )
    elif group or conditions or values.get("work_months") is not None:
        raise ValidationError(
            {"admission_group": _("Chỉ hồ sơ của kế hoạch tiếp nhận mới có đối tượng, điều kiện tiếp nhận.")}
        )
    if Candidate.objects.unrestricted().filter(plan=plan, cccd_number=cccd).exists():
        raise ValidationError(
            {
                "cccd_number": ValidationError(
                    _("Người có số CCCD này đã nộp hồ sơ vào kế hoạch."), code="duplicate"
                )
            }
        )
    candidate = Candidate(
        plan=plan,
        position=position,
        second_position=second,
        full_name=normalize(values["full_name"]),
        birth_date=values["birth_date"],
        gender=values["gender"],
        cccd_number=cccd,
        email=values.get("email", ""),
        phone=normalize(values.get("phone", "")),
        qualification=values["qualification"],
        field_of_study=normalize(values.get("field_of_study", "")),
        documents=documents,
        priority_grounds=grounds,
        exemptions=exemptions,
        talent_track=track,
        admission_group=group,
        work_months=values.get("work_months"),
        admission_conditions=conditions,
        source=source,
    )
    problems = eligibility_problems(position, {**values, "documents": documents}, day) + vetting
    # An ineligible application is kept, with its reasons, so nothing the applicant sent is lost.
    candidate.status = CandidateStatus.INELIGIBLE if problems else CandidateStatus.ELIGIBLE
    candidate.ineligibility = problems
    if save:
        _save(candidate)
    else:
        candidate.full_clean()
    return candidate


def _notify(candidate: Candidate, subject: str, body: str) -> None:
    if candidate.email:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [candidate.email])


def _receipt(ctx: ActionContext, candidate: Candidate) -> None:
    subject = _("Đã nhận hồ sơ dự tuyển: %(plan)s") % {"plan": candidate.plan.title}
    body = _(
        "Kính gửi %(name)s,\n\nHồ sơ dự tuyển vị trí %(position)s đã được tiếp nhận. Tình trạng: %(status)s."
    ) % {
        "name": candidate.full_name,
        "position": candidate.position.name,
        "status": candidate.get_status_display(),
    }
    if candidate.ineligibility:
        body += "\n" + "\n".join(f"- {reason}" for reason in candidate.ineligibility)
    ctx.on_commit(lambda: _notify(candidate, subject, body), robust=True)


def _keep_files(candidate: Candidate, uploads: list[Upload]) -> list[ApplicationDocument]:
    """Keep the checked files of an application in the file storage, each by a random name."""
    kept = []
    for checked in check_documents(uploads, ApplicationDocument.objects.filter(candidate=candidate).count()):
        document = ApplicationDocument(
            candidate=candidate,
            kind=checked.kind,
            name=checked.name,
            size=len(checked.content),
            content_type=checked.content_type,
        )
        document.file.save(checked.name, ContentFile(checked.content), save=False)
        _save(document)
        kept.append(document)
    return kept


def _with_files(values: dict[str, Any], uploads: list[Upload]) -> dict[str, Any]:
    """The application's values with the kinds of the files sent counted among the papers handed in."""
    check_documents(uploads)  # every file is checked before anything is written
    kinds = [*values.get("documents", []), *(upload.kind for upload in uploads)]
    return {**values, "documents": list(dict.fromkeys(kinds))}


@action(CANDIDATE_ADDED)
def do_add_candidate(
    ctx: ActionContext,
    *,
    plan: RecruitmentPlan,
    position: PlanPosition,
    values: dict[str, Any],
    source: str = Source.OFFICE,
    files: list[Upload] | None = None,
) -> Candidate:
    """An application entered by an officer (or imported), with its files: checked against the position's
    requirements; an ineligible one is kept with its reasons."""
    ctx.require(plan)
    uploads = files or []
    candidate = _candidate(plan, position, _with_files(values, uploads), source, today())
    _keep_files(candidate, uploads)
    _receipt(ctx, candidate)
    return candidate


@action(CANDIDATE_ADDED, permission=Action.VIEW)
def do_apply_publicly(
    ctx: ActionContext,
    *,
    plan: RecruitmentPlan,
    position: PlanPosition,
    values: dict[str, Any],
    files: list[Upload] | None = None,
) -> Candidate:
    """An application sent from the public page with its files, within the plan's application window."""
    ctx.allow_public()
    day = today()
    if not plan.applications_open <= day <= plan.applications_close:
        raise ValidationError(_("Ngoài thời gian nhận hồ sơ của kế hoạch."))
    uploads = files or []
    candidate = _candidate(plan, position, _with_files(values, uploads), Source.PUBLIC, day)
    _keep_files(candidate, uploads)
    _receipt(ctx, candidate)
    return candidate


@action(DOCUMENT_ATTACHED)
def do_attach_document(ctx: ActionContext, *, candidate: Candidate, upload: Upload) -> ApplicationDocument:
    """A file handed in for an application after it was received (a certificate brought to the office),
    counted among the papers handed in."""
    candidate = Candidate.objects.select_for_update().get(pk=candidate.pk)
    ctx.require(candidate)
    [document] = _keep_files(candidate, [upload])
    if upload.kind not in candidate.documents:
        candidate.documents = [*candidate.documents, upload.kind]
        _save(candidate)
    ctx.audit(candidate, extra={"document": document.pk, "kind": document.kind, "size": document.size})
    return document


@action(DOCUMENT_REMOVED)
def do_remove_document(ctx: ActionContext, *, document: ApplicationDocument) -> None:
    """A file attached by mistake taken off the application; its stored file is deleted once this commits.
    The papers marked as handed in stay as they are (the paper itself may have been handed in)."""
    candidate = Candidate.objects.select_for_update().select_related("plan").get(pk=document.candidate_id)
    ctx.require(candidate)
    if candidate.plan.status != PlanStatus.APPROVED:
        raise ValidationError(_("Kế hoạch không còn nhận hồ sơ: không gỡ tệp."))
    ctx.audit(candidate, extra={"document": document.pk, "kind": document.kind, "name": document.name})
    document.delete()


# Applications from a file ---------------------------------------------------------------------------

CANDIDATE_RULES = {
    "required": gettext_lazy("Ô bắt buộc"),
    "format": gettext_lazy("Đúng định dạng (ngày dd/mm/yyyy, thư điện tử, độ dài)"),
    "choice": gettext_lazy("Giá trị có trong danh mục của kế hoạch"),
    "cccd": gettext_lazy("Số CCCD hợp lệ, khớp ngày sinh và giới tính"),
    "once_per_plan": gettext_lazy("Mỗi người một hồ sơ trong kế hoạch"),
    "rules": gettext_lazy("Có trong quy định (trình độ, đối tượng ưu tiên, miễn thi)"),
    "second_preference": gettext_lazy(
        "Nguyện vọng 2: quy định cho phép, vị trí khác cùng tiêu chuẩn, điều kiện và hình thức thi"
    ),
    "admission": gettext_lazy(
        "Tiếp nhận: đối tượng, điều kiện theo quy định có hiệu lực, chỉ ở kế hoạch tiếp nhận"
    ),
}
_FORM_RULES = {"required": "required", "invalid_choice": "choice", "invalid_list": "choice"}


@dataclass(frozen=True)
class CandidateProblem:
    """One refused application row: its row number, the field of the candidate form ("" for the row as a
    whole), the rule's code (a key of :data:`CANDIDATE_RULES`) and the message naming the row and column."""

    row: int
    field: str
    rule: str
    message: str


class CandidateImportRefused(ValidationError):
    """An import of applications refused as a whole, with each row's :class:`CandidateProblem`."""

    def __init__(self, problems: list[CandidateProblem]):
        super().__init__([problem.message for problem in problems])
        self.problems = problems


def candidate_column(field: str) -> str:
    """The column (the candidate form's label, as the workbook's header) of a field."""
    found = CandidateForm.base_fields.get(field)
    return str(found.label) if found is not None else ""


def _candidate_problem(row: int, field: str, rule: str, message: str) -> CandidateProblem:
    if field:
        text = _("Dòng %(row)s, cột «%(col)s»: %(msg)s") % {
            "row": row,
            "col": candidate_column(field),
            "msg": message,
        }
    else:
        text = _("Dòng %(row)s: %(msg)s") % {"row": row, "msg": message}
    return CandidateProblem(row, field, rule, text)


def _action_rule(field: str, code: str | None) -> str:
    if field == "cccd_number":
        return "once_per_plan" if code == "duplicate" else "cccd"
    if field == "second_position":
        return "second_preference"
    if field in ADMISSION_FIELDS:
        return "admission"
    return "choice" if field == "position" else "rules"


def _import_rows(
    plan: RecruitmentPlan,
    rows: Iterable[dict[str, Any]],
    *,
    save: bool,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[list[Candidate], list[CandidateProblem]]:
    """Each row read by the candidate form and checked by :func:`_candidate` (saved when ``save``): the
    applications and the problems of the rows refused. ``progress(done, total)`` is called every
    :data:`PROGRESS_EVERY` rows."""
    if plan.status != PlanStatus.APPROVED:
        raise ValidationError(
            _("Kế hoạch chưa được phê duyệt hoặc đã có quyết định tuyển dụng: không nhận hồ sơ.")
        )
    try:
        rules = ranking.Rules.load(plan.staff_kind, plan.exam_date)
    except RuleNotFound as error:
        raise ValidationError(str(error)) from error
    grounds = rules.priority_labels
    admission = admission_choices(plan)
    positions = PlanPosition.objects.unrestricted().filter(plan=plan)  # the caller checked the plan
    by_code = {position.code: position.pk for position in positions}
    unknown_position = _("Không có vị trí này trong kế hoạch; các mã vị trí: %(codes)s.") % {
        "codes": ", ".join(sorted(by_code))
    }
    day = today()
    rows = list(rows)
    added: list[Candidate] = []
    problems: list[CandidateProblem] = []
    # Without saving, the same person twice in the file is found here rather than by the database.
    seen: set[str] = set()
    for index, row in enumerate(rows, start=2):
        if progress is not None and (index - 1) % PROGRESS_EVERY == 0:
            progress(index - 1, len(rows))
        line = int(row.get("row") or index)
        code = str(row.get("position") or "").strip()
        second = str(row.get("second_position") or "").strip()
        form = CandidateForm(
            {**row, "position": by_code.get(code, code), "second_position": by_code.get(second, second)},
            positions=positions,
            grounds=grounds,
            admission=admission,
        )
        form.fields["position"].error_messages["invalid_choice"] = unknown_position
        form.fields["second_position"].error_messages["invalid_choice"] = unknown_position
        if not form.is_valid():
            problems.extend(
                _candidate_problem(
                    line,
                    "" if field == "__all__" else field,
                    _FORM_RULES.get(error.code or "", "format"),
                    " ".join(error.messages),
                )
                for field, errors in form.errors.as_data().items()
                for error in errors
            )
            continue
        values = dict(form.cleaned_data)
        position = values.pop("position")
        # Admission facts filled in for a plan of another method go to the action, which refuses them.
        values.update(
            {f: row[f] for f in ADMISSION_FIELDS if f not in values and row.get(f) not in (None, "", [])}
        )
        try:
            candidate = _candidate(plan, position, values, Source.IMPORT, day, rules, save=save)
        except ValidationError as error:
            if not hasattr(error, "error_dict"):
                problems.extend(_candidate_problem(line, "", "rules", m) for m in error.messages)
                continue
            problems.extend(
                _candidate_problem(line, field, _action_rule(field, found.code), message)
                for field, errors in error.error_dict.items()
                for found in errors
                for message in found.messages
            )
            continue
        if not save and candidate.cccd_number in seen:
            problems.append(
                _candidate_problem(
                    line, "cccd_number", "once_per_plan", _("Người có số CCCD này đã nộp hồ sơ vào kế hoạch.")
                )
            )
            continue
        seen.add(candidate.cccd_number)
        added.append(candidate)
    return added, problems


PROGRESS_EVERY = 50


def check_candidate_rows(
    plan: RecruitmentPlan,
    rows: Iterable[dict[str, Any]],
    progress: Callable[[int, int], None] | None = None,
) -> list[CandidateProblem]:
    """The problems :func:`do_import_candidates` would refuse the rows for, found without writing
    anything, so that a long import can show its progress while it checks; the caller has read the plan
    through ``restrict()`` with the right to change it. ValidationError when the plan takes no
    applications."""
    return _import_rows(plan, rows, save=False, progress=progress)[1]


@action(CANDIDATES_IMPORTED)
def do_import_candidates(
    ctx: ActionContext, *, plan: RecruitmentPlan, rows: Iterable[dict[str, Any]]
) -> list[Candidate]:
    """Applications from a file (nhận hồ sơ từ tệp), all or nothing: each row is read by the form an
    officer fills in on the plan's page (``position`` given by its code) and checked by the same action
    (:func:`do_add_candidate`), an ineligible one kept with its reasons as there; a refusal
    (:class:`CandidateImportRefused`) names the row, the column and the rule of each problem, and nothing
    is saved. A row's number is its ``row`` key, or its place counted from 2 (below a header line)."""
    ctx.require(plan)
    added, problems = _import_rows(plan, rows, save=True)
    if problems:
        raise CandidateImportRefused(problems)
    if not added:
        raise ValidationError(_("Tệp không có hồ sơ nào."))
    for candidate in added:
        _receipt(ctx, candidate)
    ctx.audit(plan, extra={"candidates": [candidate.pk for candidate in added]})
    return added


# Rooms ------------------------------------------------------------------------------------------------


@action(ROOM_ADDED)
def do_add_room(ctx: ActionContext, *, plan: RecruitmentPlan, name: str, capacity: int) -> Room:
    ctx.require(plan)
    if capacity < 1:
        raise ValidationError({"capacity": _("Số chỗ phải từ 1 trở lên.")})
    room = Room(plan=plan, name=normalize(name), capacity=capacity)
    _save(room)
    return room


@action(CANDIDATES_SEATED)
def do_place_candidate(
    ctx: ActionContext, *, candidate: Candidate, room: Room, number: str = ""
) -> Candidate:
    """Put an eligible candidate in a room; a candidate already in another room is refused (one room per
    candidate), as is a full room."""
    candidate = Candidate.objects.select_for_update().get(pk=candidate.pk)
    ctx.require(candidate.plan)
    if room.plan_id != candidate.plan_id:
        raise ValidationError({"room": _("Phòng thi không thuộc kế hoạch của thí sinh.")})
    if candidate.status != CandidateStatus.ELIGIBLE:
        raise ValidationError(
            _("Thí sinh %(name)s không đủ điều kiện dự thi.") % {"name": candidate.full_name}
        )
    if candidate.room_id is not None and candidate.room_id != room.pk:
        raise ValidationError(
            {
                "room": _("Thí sinh %(name)s đã ở phòng %(room)s: một thí sinh chỉ ở một phòng thi.")
                % {"name": candidate.full_name, "room": candidate.room}
            }
        )
    if Candidate.objects.unrestricted().filter(room=room).exclude(pk=candidate.pk).count() >= room.capacity:
        raise ValidationError(
            {"room": _("Phòng %(room)s đã đủ %(n)s chỗ.") % {"room": room.name, "n": room.capacity}}
        )
    candidate.room = room
    candidate.number = normalize(number) or candidate.number or _next_number(candidate.plan)
    _save(candidate)
    return candidate


def _next_number(plan: RecruitmentPlan) -> str:
    numbers = (
        Candidate.objects.unrestricted().filter(plan=plan).exclude(number="").values_list("number", flat=True)
    )
    highest = max((int(n) for n in numbers if n.isdigit()), default=0)
    return f"{highest + 1:04d}"


@action(CANDIDATES_SEATED)
def do_seat_candidates(ctx: ActionContext, *, plan: RecruitmentPlan) -> int:
    """Seat every eligible candidate without a room in the rooms with free places, in order of name, and
    give each a candidate number; the number seated."""
    ctx.require(plan)
    rooms = list(Room.objects.unrestricted().filter(plan=plan).order_by("name"))
    waiting = list(
        Candidate.objects.unrestricted()
        .select_for_update()
        .filter(plan=plan, status=CandidateStatus.ELIGIBLE, room__isnull=True)
        .order_by("position__code", "full_name", "pk")
    )
    free = {room.pk: room.capacity - room.candidates.count() for room in rooms}
    if sum(free.values()) < len(waiting):
        raise ValidationError(
            _("Không đủ chỗ: %(need)s thí sinh, còn %(free)s chỗ trong các phòng thi.")
            % {"need": len(waiting), "free": sum(free.values())}
        )
    start = int(_next_number(plan))
    seated = []
    for offset, candidate in enumerate(waiting):
        room = next(r for r in rooms if free[r.pk] > 0)
        free[room.pk] -= 1
        candidate.room, candidate.number = room, f"{start + offset:04d}"
        seated.append(candidate)
    Candidate.objects.bulk_update(seated, ["room", "number"])
    ctx.audit(plan, extra={"seated": len(seated)})
    return len(seated)


# Scores -----------------------------------------------------------------------------------------------


def parts_of(position: PlanPosition, method: str) -> list[str]:
    """The parts a candidate of ``position`` is scored on."""
    parts = [ScorePart.GENERAL.value] if position.round1 and method == Method.EXAM else []
    if position.exam_form == ExamForm.WRITTEN_INTERVIEW:
        return [*parts, ScorePart.WRITTEN.value, ScorePart.INTERVIEW.value]
    return [*parts, ScorePart.PROFESSIONAL.value]


def parse_score(value: Any, field: str = "value") -> Decimal:
    """A score on the 100-point scale with at most two decimals, or a ValidationError naming ``field``."""
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except (InvalidOperation, ValueError) as error:
        raise ValidationError({field: _("'%(value)s' không phải là điểm số.") % {"value": value}}) from error
    if not number.is_finite() or not Decimal(0) <= number <= Decimal(100):
        raise ValidationError(
            {field: _("Điểm %(value)s ngoài thang điểm 100 (từ 0 đến 100).") % {"value": value}}
        )
    if number != number.quantize(Decimal("0.01")):
        raise ValidationError({field: _("Điểm %(value)s có quá 2 chữ số thập phân.") % {"value": value}})
    return number.quantize(Decimal("0.01"))


def _check_scorable(candidate: Candidate, part: str) -> None:
    if candidate.plan.status != PlanStatus.APPROVED:
        raise ValidationError(_("Kế hoạch không ở bước thi: không nhập điểm."))
    if candidate.status != CandidateStatus.ELIGIBLE:
        raise ValidationError(
            _("Thí sinh %(name)s không đủ điều kiện dự thi: không nhập điểm.") % {"name": candidate.full_name}
        )
    allowed = parts_of(candidate.position, candidate.plan.method)
    if part not in allowed:
        raise ValidationError(
            {
                "part": _("Vị trí %(position)s không thi phần này; các phần: %(parts)s.")
                % {
                    "position": candidate.position.code,
                    "parts": ", ".join(str(ScorePart(p).label) for p in allowed),
                }
            }
        )


def validate_score(candidate: Candidate, part: str, value: Any, *, absent: bool = False) -> Decimal | None:
    """The check of a score of every path (entered by hand, pasted, sent to the API, uploaded): the plan is
    at its exam step, the candidate eligible, the part one of the candidate's position and, unless the
    candidate was absent, the value a score on the 100-point scale; the value as a Decimal."""
    _check_scorable(candidate, part)
    return None if absent else parse_score(value)


@action(SCORE_ENTERED)
def do_enter_score(
    ctx: ActionContext,
    *,
    candidate: Candidate,
    part: str,
    value: Any = None,
    entry: int = 1,
    absent: bool = False,
) -> Score:
    """Double entry of a score (nhập điểm hai lần): the first entry is kept; the second must agree with it,
    then the score counts. A disagreement is refused naming both values; a score already agreed is only
    changed by an appeal."""
    candidate = Candidate.objects.select_related("plan", "position").get(pk=candidate.pk)
    ctx.require(candidate.plan)
    number = validate_score(candidate, part, value, absent=absent)
    score = Score.objects.select_for_update().filter(candidate=candidate, part=part).first() or Score(
        candidate=candidate, part=part
    )
    if score.value is not None or (score.absent and score.pk):
        raise ValidationError(_("Điểm phần này đã được xác nhận; chỉ thay đổi qua phúc khảo."))
    if absent:
        score.absent, score.first_entry, score.second_entry, score.value = True, None, None, None
        _save(score)
        return score
    if entry == 1:
        score.first_entry, score.first_by = number, ctx.user if getattr(ctx.user, "pk", None) else None
    elif entry == 2:
        if score.first_entry is None:
            raise ValidationError({"entry": _("Chưa có lần nhập 1 của phần thi này.")})
        if score.first_entry != number:
            raise ValidationError(
                {
                    "value": _("Lần nhập 2 (%(second)s) khác lần nhập 1 (%(first)s): kiểm tra lại bài thi.")
                    % {"second": number, "first": score.first_entry}
                }
            )
        score.second_entry = score.value = number
    else:
        raise ValidationError({"entry": _("Lần nhập phải là 1 hoặc 2.")})
    _save(score)
    ctx.audit(candidate, extra={"part": part, "entry": entry, "value": str(number)})
    return score


COLUMNS = {
    "number": gettext_lazy("số báo danh"),
    "value": gettext_lazy("điểm"),
    "part": gettext_lazy("phần thi"),
}
SCORE_RULES = {
    "unknown_number": gettext_lazy("Số báo danh có trong kế hoạch"),
    "exam_step": gettext_lazy("Nhập điểm khi kế hoạch ở bước thi"),
    "eligible": gettext_lazy("Thí sinh đủ điều kiện dự thi"),
    "part_of_position": gettext_lazy("Phần thi của vị trí"),
    "score_scale": gettext_lazy("Điểm thang 100, tối đa 2 chữ số thập phân"),
    "scored_once": gettext_lazy("Mỗi phần thi một điểm; sửa qua phúc khảo"),
}


@dataclass(frozen=True)
class ScoreProblem:
    """One refused score row: its row number, the field (number, part, value), the rule's code (a key of
    :data:`SCORE_RULES`) and the message naming the row and column."""

    row: int
    field: str
    rule: str
    message: str


class ScoreImportRefused(ValidationError):
    """A score import refused as a whole, with each row's :class:`ScoreProblem`."""

    def __init__(self, problems: list[ScoreProblem]):
        super().__init__([problem.message for problem in problems])
        self.problems = problems


def _problem(row: int, field: str, rule: str, message: str) -> ScoreProblem:
    text = _("Dòng %(row)s, cột %(col)s: %(msg)s") % {"row": row, "col": COLUMNS[field], "msg": message}
    return ScoreProblem(row, field, rule, text)


def check_score_rows(
    plan: RecruitmentPlan, rows: Iterable[dict[str, Any]]
) -> tuple[list[Score], list[ScoreProblem]]:
    """The one check of score rows (số báo danh, phần thi, điểm), whether pasted, sent to the API or read
    from a workbook: each row's candidate, step, part and score are checked as for a score entered by hand
    (:func:`validate_score`), and a part may be scored once. A row's number is its ``row`` key, or its
    place counted from 2 (below a header line)."""
    by_number = {
        c.number: c
        for c in Candidate.objects.unrestricted()
        .select_related("plan", "position")
        .filter(plan=plan)
        .exclude(number="")
    }
    existing = {
        (candidate_id, part)
        for candidate_id, part in Score.objects.unrestricted()
        .filter(candidate__plan=plan, value__isnull=False)
        .values_list("candidate_id", "part")
    }
    problems: list[ScoreProblem] = []
    parsed: list[Score] = []
    seen: set[tuple[int, str]] = set()
    for index, row in enumerate(rows, start=2):
        line = int(row.get("row") or index)
        number, part = str(row.get("number", "")).strip(), str(row.get("part", "")).strip()
        candidate = by_number.get(number)
        if candidate is None:
            problems.append(
                _problem(line, "number", "unknown_number", _("không có thí sinh %(n)s.") % {"n": number})
            )
            continue
        try:
            value = validate_score(candidate, part, row.get("value"))
        except ValidationError as error:
            problems.extend(_score_problems(line, candidate, error))
            continue
        key = (candidate.pk, part)
        if key in existing or key in seen:
            problems.append(
                _problem(
                    line,
                    "part",
                    "scored_once",
                    _("thí sinh %(n)s đã có điểm phần này (chỉ thay đổi qua phúc khảo).") % {"n": number},
                )
            )
            continue
        seen.add(key)
        parsed.append(
            Score(candidate=candidate, part=part, first_entry=value, second_entry=value, value=value)
        )
    return parsed, problems


def _score_problems(row: int, candidate: Candidate, error: ValidationError) -> list[ScoreProblem]:
    if not hasattr(error, "error_dict"):
        rule = "exam_step" if candidate.plan.status != PlanStatus.APPROVED else "eligible"
        return [_problem(row, "number", rule, message) for message in error.messages]
    return [
        _problem(row, field, "part_of_position" if field == "part" else "score_scale", message)
        for field, messages in error.message_dict.items()
        for message in messages
    ]


@action(SCORES_IMPORTED)
def do_import_scores(ctx: ActionContext, *, plan: RecruitmentPlan, rows: Iterable[dict[str, Any]]) -> int:
    """Scores from a file or a list (số báo danh, phần thi, điểm): every row checked by
    :func:`check_score_rows`, all or nothing; a refusal (:class:`ScoreImportRefused`) names the row, the
    column and the rule of each problem."""
    ctx.require(plan)
    parsed, problems = check_score_rows(plan, rows)
    if problems:
        raise ScoreImportRefused(problems)
    Score.objects.filter(candidate__plan=plan, value__isnull=True, absent=False).filter(
        candidate_id__in=[s.candidate_id for s in parsed]
    ).delete()
    Score.objects.bulk_create(parsed)
    ctx.audit(plan, extra={"scores": len(parsed)})
    return len(parsed)


# Appeals ----------------------------------------------------------------------------------------------


@action(APPEAL_FILED)
def do_file_appeal(
    ctx: ActionContext, *, candidate: Candidate, part: str, requested_on: dt.date | None = None
) -> Appeal:
    """A request to re-mark a part whose score is known (đơn phúc khảo)."""
    ctx.require(candidate.plan)
    score = Score.objects.filter(candidate=candidate, part=part, value__isnull=False).first()
    if score is None:
        raise ValidationError({"part": _("Phần thi này chưa có điểm: chưa phúc khảo được.")})
    if Appeal.objects.filter(candidate=candidate, part=part, status=AppealStatus.PENDING).exists():
        raise ValidationError({"part": _("Phần thi này đang được phúc khảo.")})
    appeal = Appeal(
        candidate=candidate, part=part, requested_on=requested_on or today(), old_value=score.value
    )
    _save(appeal)
    return appeal


@action(APPEAL_DECIDED)
def do_decide_appeal(ctx: ActionContext, *, appeal: Appeal, new_value: Any, note: str = "") -> Appeal:
    """The result of an appeal: the part's score becomes the re-marked one; the change is audited with the
    score before and after, and kept in the score's history."""
    appeal = Appeal.objects.select_for_update().select_related("candidate__plan").get(pk=appeal.pk)
    ctx.require(appeal.candidate.plan)
    if appeal.status != AppealStatus.PENDING:
        raise ValidationError(_("Đơn phúc khảo này đã có kết quả."))
    if appeal.candidate.plan.status != PlanStatus.APPROVED:
        raise ValidationError(_("Kế hoạch đã có quyết định tuyển dụng."))
    number = parse_score(new_value, "new_value")
    score = Score.objects.select_for_update().get(candidate=appeal.candidate, part=appeal.part)
    old = score.value
    score.value = score.second_entry = number
    score._change_reason = f"phúc khảo {appeal.pk}"
    _save(score)
    appeal.new_value, appeal.status, appeal.decided_on, appeal.note = (
        number,
        AppealStatus.DECIDED,
        today(),
        normalize(note),
    )
    _save(appeal)
    ctx.audit(
        appeal.candidate,
        extra={"part": appeal.part, "old": str(old), "new": str(number), "appeal": appeal.pk},
    )
    return appeal


# The decision -----------------------------------------------------------------------------------------


SECOND_COLUMNS = ("second_rank", "second_winner", "second_needs_decision")


def results(plan: RecruitmentPlan) -> tuple[Any, ranking.Rules]:
    """The ranked frame of the plan and the rules it was ranked by."""
    rules = ranking.Rules.load(plan.staff_kind, plan.exam_date)
    return ranking.rank(rounds.load(plan), rules), rules


@action(RESULTS_RECOGNISED, permission=Action.APPROVE)
def do_recognise_results(
    ctx: ActionContext,
    *,
    plan: RecruitmentPlan,
    result_number: str,
    result_date: dt.date,
    tie_winners: list[int] | None = None,
) -> list[Candidate]:
    """The head of the recruiting body recognises the results (quyết định công nhận kết quả tuyển dụng),
    recorded by an approver: each candidate's total and rank are fixed, the winners of each position are
    recorded as passed and the others as not; every candidate with an e-mail address is told. Refused
    while an appeal is pending or a tie at the last place of a quota is not settled by ``tie_winners``."""
    plan = RecruitmentPlan.objects.select_for_update().select_related("organization").get(pk=plan.pk)
    ctx.require(plan)
    if plan.status != PlanStatus.APPROVED:
        raise ValidationError(_("Kế hoạch chưa được phê duyệt hoặc đã có quyết định công nhận kết quả."))
    if not normalize(result_number):
        raise ValidationError({"result_number": _("Cần số quyết định công nhận kết quả.")})
    pending = Appeal.objects.filter(candidate__plan=plan, status=AppealStatus.PENDING).count()
    if pending:
        raise ValidationError(_("Còn %(n)s đơn phúc khảo chưa có kết quả.") % {"n": pending})
    ranked, rules = results(plan)
    chosen = set(tie_winners or [])
    undecided = ranked.filter(pl.col("needs_decision"))
    winners = set(ranked.filter(pl.col("winner"))["candidate_id"].to_list())
    for (position_id,), group in undecided.group_by("position_id"):
        ids = set(group["candidate_id"].to_list())
        taken = int(ranked.filter((pl.col("position_id") == position_id) & pl.col("winner")).height)
        free = int(group["quota"][0]) - taken
        picked = ids & chosen
        if len(picked) != free:
            raise ValidationError(
                {
                    "tie_winners": _(
                        "Có %(n)s thí sinh bằng điểm ở chỉ tiêu cuối cùng; "
                        "người đứng đầu chọn %(free)s người."
                    )
                    % {"n": len(ids), "free": free}
                }
            )
        winners |= picked
    # The second preferences, once the first preference's ties are settled; a tie at the last seat left
    # is the head's choice as well.
    ranked = ranking.second_preferences(ranked.drop(SECOND_COLUMNS), rules, first_winners=winners)
    second_winners = set(ranked.filter(pl.col("second_winner"))["candidate_id"].to_list())
    undecided = ranked.filter(pl.col("second_needs_decision"))
    for (position_id,), group in undecided.group_by("second_position_id"):
        ids = set(group["candidate_id"].to_list())
        taken = ranked.filter((pl.col("second_position_id") == position_id) & pl.col("second_winner")).height
        free = int(group["second_quota"][0]) - int(
            ranked.filter((pl.col("position_id") == position_id) & pl.col("reason").is_null()).height
        )
        free -= int(taken)
        picked = ids & chosen
        if len(picked) != free:
            raise ValidationError(
                {
                    "tie_winners": _(
                        "Có %(n)s thí sinh nguyện vọng 2 bằng điểm ở chỉ tiêu còn lại cuối cùng; "
                        "người đứng đầu chọn %(free)s người."
                    )
                    % {"n": len(ids), "free": free}
                }
            )
        second_winners |= picked
    rows = {row["candidate_id"]: row for row in ranked.iter_rows(named=True)}
    candidates = list(Candidate.objects.select_for_update().filter(plan=plan).order_by("pk"))
    passed = []
    for candidate in candidates:
        row = rows.get(candidate.pk, {})
        candidate.total = Decimal(str(row["total"])) if row.get("total") is not None else None
        candidate.rank = row.get("rank")
        candidate.won_second = candidate.pk in second_winners
        if candidate.status != CandidateStatus.INELIGIBLE:
            won = candidate.pk in winners or candidate.won_second
            candidate.status = CandidateStatus.PASSED if won else CandidateStatus.FAILED
        if candidate.status == CandidateStatus.PASSED:
            passed.append(candidate)
    Candidate.objects.bulk_update(candidates, ["total", "rank", "status", "won_second"])
    plan.status, plan.result_number, plan.result_date = (
        PlanStatus.RECOGNISED,
        normalize(result_number),
        result_date,
    )
    _save(plan)
    ctx.audit(
        plan,
        extra={
            "passed": [c.pk for c in passed],
            "second_preference": sorted(second_winners),
            "result_number": plan.result_number,
        },
    )
    for candidate in candidates:
        if candidate.email and candidate.status != CandidateStatus.INELIGIBLE:
            subject = _("Kết quả tuyển dụng: %(plan)s") % {"plan": plan.title}
            body = _("Kính gửi %(name)s,\n\nKết quả: %(result)s. Tổng điểm: %(total)s.") % {
                "name": candidate.full_name,
                "result": candidate.get_status_display(),
                "total": candidate.total if candidate.total is not None else "—",
            }
            ctx.on_commit(functools.partial(_notify, candidate, subject, body), robust=True)
    return passed


@action(RECRUITMENT_DECIDED)
def do_decide_recruitment(
    ctx: ActionContext,
    *,
    plan: RecruitmentPlan,
    decision_number: str,
    decision_date: dt.date,
    start_date: dt.date,
) -> list[Candidate]:
    """Record the recruitment decision (quyết định tuyển dụng) of the candidates whose results were
    recognised, as the HR officer who keeps the records does: each becomes a person of the agency from
    ``start_date`` (through the personnel app's own actions), with their probation and talent track."""
    plan = RecruitmentPlan.objects.select_for_update().select_related("organization").get(pk=plan.pk)
    ctx.require(plan)
    if plan.status != PlanStatus.RECOGNISED:
        raise ValidationError(
            _("Kết quả tuyển dụng chưa được công nhận hoặc kế hoạch đã có quyết định tuyển dụng.")
        )
    if not normalize(decision_number):
        raise ValidationError({"decision_number": _("Cần số quyết định tuyển dụng.")})
    if plan.result_date and decision_date < plan.result_date:
        raise ValidationError(
            {"decision_date": _("Ngày quyết định tuyển dụng không trước ngày công nhận kết quả.")}
        )
    if start_date < decision_date:
        raise ValidationError({"start_date": _("Ngày nhận việc không trước ngày quyết định.")})
    candidates = list(
        # Only the candidates are locked: PostgreSQL locks no nullable side of an outer join.
        Candidate.objects.select_for_update(of=("self",))
        .select_related("position", "second_position")
        .filter(plan=plan, status=CandidateStatus.PASSED)
        .order_by("pk")
    )
    placed = placement_rule(plan.staff_kind, decision_date)
    if placed is not None:
        unranked = sorted(
            {c.recruited_position.code for c in candidates if not c.recruited_position.rank_code}
        )
        if unranked:
            raise ValidationError(
                _(
                    "Quyết định tuyển dụng phải xếp ngạch tương ứng với vị trí việc làm tuyển dụng "
                    "(%(basis)s), nhưng vị trí %(codes)s chưa có mã ngạch: hãy ghi ngạch tối thiểu của vị "
                    "trí trong danh mục vị trí việc làm."
                )
                % {"basis": placed.legal_basis.citation, "codes": ", ".join(unranked)}
            )
    recruited = []
    for candidate in candidates:
        position = candidate.recruited_position
        person = do_create_person(
            full_name=candidate.full_name,
            birth_date=candidate.birth_date,
            gender=candidate.gender,
            organization=plan.organization,
            category=plan.staff_kind,
            start_date=start_date,
            cccd_number=candidate.cccd_number,
            position_title=position.name,
            acting_user=ctx.user,
            reason=ctx.reason,
        )
        changes: dict[str, Any] = {"recruited_on": decision_date, "recruiting_agency": plan.organization.name}
        if candidate.email:
            changes["email"] = candidate.email
        if candidate.phone:
            changes["phone"] = candidate.phone
        do_update_person(person=person, changes=changes, acting_user=ctx.user, reason=ctx.reason)
        if placed is not None:
            # Placed in the position's rank by the decision itself, from the first day of work.
            do_record_rank_change(
                person=person,
                rank_code=position.rank_code,
                effective_from=start_date,
                decision_number=normalize(decision_number),
                decision_date=decision_date,
                acting_user=ctx.user,
                reason=ctx.reason,
            )
        # As long as the rule in force on the decision's day gives the position's required qualification;
        # none where it has none (civil servants from 1/7/2025).
        months, probation_rule = probation_months(plan.staff_kind, position.min_qualification, decision_date)
        if months:
            ends = add_months(start_date, months) - dt.timedelta(days=1)
            _save(
                Probation(
                    person=person,
                    candidate=candidate,
                    starts_on=start_date,
                    ends_on=ends,
                    months=months,
                    legal_basis=probation_rule.legal_basis.citation,
                )
            )
        if candidate.talent_track:
            track = rule_table(TALENT_TABLE).lookup(candidate.talent_track, decision_date)
            _save(
                TalentGrant(
                    person=person,
                    track=candidate.talent_track,
                    conditions=[],
                    incentives=list(track.value.get("incentives", [])),
                    granted_on=decision_date,
                    decision_number=normalize(decision_number),
                    legal_basis=track.legal_basis.citation,
                )
            )
        candidate.person, candidate.status = person, CandidateStatus.RECRUITED
        _save(candidate)
        recruited.append(candidate)
    plan.status, plan.decision_number = PlanStatus.DECIDED, normalize(decision_number)
    plan.decision_date, plan.start_date = decision_date, start_date
    _save(plan)
    ctx.audit(plan, extra={"recruited": [c.pk for c in recruited], "decision_number": plan.decision_number})
    return recruited


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, or the month's last day when it has no such day."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


PROBATION_TABLE = "recruitment_probation"


@action(PROBATION_ENDED)
def do_end_probation(
    ctx: ActionContext,
    *,
    probation: Probation,
    outcome: str,
    decided_on: dt.date,
    decision_number: str,
    rank_code: str = "",
    rank_name: str = "",
) -> Probation:
    """Record the end of a recruited person's probation (kết thúc tập sự) with the decision on it, as the
    rule table ``recruitment_probation`` in force on ``decided_on`` says for the person's staff kind:
    passed, the person is appointed to the rank or professional title ``rank_code`` from that day (through
    the personnel app's rank history, which names it from the rank table or, for a professional title
    the table does not list, from ``rank_name``); failed, the recruitment is cancelled or the work
    contract ends, and the person's assignment ends on that day. Passing before the probation's last day
    is refused, unless the rule places the person at once (civil servants from 1/7/2025, Nghị định
    170/2025/NĐ-CP Điều 70 khoản 4, which also cancels a recruitment only after 6 months served by
    30/6/2025)."""
    probation = Probation.objects.select_for_update().select_related("person").get(pk=probation.pk)
    person = probation.person
    ctx.require(person)
    if probation.outcome:
        raise ValidationError(_("Tập sự này đã có kết quả."))
    if outcome not in ("passed", "failed"):
        raise ValidationError({"outcome": _("Kết quả tập sự phải là đạt hoặc không đạt.")})
    if not normalize(decision_number):
        raise ValidationError({"decision_number": _("Cần số quyết định.")})
    if decided_on < probation.starts_on:
        raise ValidationError({"decided_on": _("Ngày quyết định không trước ngày bắt đầu tập sự.")})
    try:
        rule = rule_table(PROBATION_TABLE).lookup(f"{person.category}.end", decided_on)
    except RuleNotFound as error:
        raise ValidationError(str(error)) from error
    served = rule.value.get("fail_served_months")
    if outcome == "failed" and served:
        by = dt.date.fromisoformat(str(rule.value["fail_served_by"]))
        if add_months(probation.starts_on, int(served)) - dt.timedelta(days=1) > by:
            raise ValidationError(
                {
                    "outcome": _(
                        "Chưa tập sự đủ %(months)s tháng đến ngày %(day)s: không hủy bỏ quyết định "
                        "tuyển dụng (%(basis)s)."
                    )
                    % {"months": served, "day": f"{by:%d/%m/%Y}", "basis": rule.legal_basis.citation}
                }
            )
    if outcome == "passed" and decided_on <= probation.ends_on and not rule.value.get("early"):
        raise ValidationError(
            {
                "decided_on": _("Tập sự kết thúc ngày %(day)s: chỉ bổ nhiệm sau ngày đó.")
                % {"day": f"{probation.ends_on:%d/%m/%Y}"}
            }
        )
    if outcome == "passed" and not rank_code.strip():
        raise ValidationError({"rank_code": _("Cần mã ngạch hoặc chức danh nghề nghiệp được bổ nhiệm.")})
    if outcome == "passed":
        do_record_rank_change(
            person=person,
            rank_code=rank_code.strip(),
            rank_name=rank_name,
            effective_from=decided_on,
            decision_number=normalize(decision_number),
            decision_date=decided_on,
            acting_user=ctx.user,
            reason=ctx.reason,
        )
    else:
        do_end_assignment(
            person=person,
            last_day=decided_on,
            cause=f"{rule.value['failed']} — {rule.legal_basis.citation}",
            acting_user=ctx.user,
            reason=ctx.reason,
        )
    probation.outcome, probation.decided_on = outcome, decided_on
    probation.decision_number, probation.rank_code = normalize(decision_number), rank_code.strip()
    probation.consequence, probation.legal_basis = rule.value[outcome], rule.legal_basis.citation
    _save(probation)
    ctx.audit(person, extra={"probation": probation.pk, "outcome": outcome, "basis": probation.legal_basis})
    return probation


@action(TALENT_GRANTED)
def do_record_talent_grant(
    ctx: ActionContext,
    *,
    person: Person,
    track: str,
    conditions: list[str],
    incentives: list[str],
    granted_on: dt.date,
    decision_number: str = "",
) -> TalentGrant:
    """Record on a person the talent-attraction track they came through (diện thu hút tài năng), under the
    rule in force on the day of the decision: every required condition of the track met and at least one
    of its others, the person within its age limit, and the incentives granted each among those the rule
    lists. A refusal names the condition that failed."""
    ctx.require(person)
    rule = talent_rule(track, granted_on)
    problem = talent_problem(rule, person.birth_date, conditions, granted_on)
    if problem:
        raise ValidationError(problem)
    offered = set(rule.value["incentives"])
    if not incentives:
        raise ValidationError({"incentives": _("Cần ít nhất một chính sách được hưởng.")})
    if set(incentives) - offered:
        raise ValidationError(
            {
                "incentives": _("Chính sách không thuộc diện «%(track)s»: %(items)s.")
                % {"track": rule.value["label"], "items": ", ".join(sorted(set(incentives) - offered))}
            }
        )
    grant = TalentGrant(
        person=person,
        track=track,
        conditions=list(dict.fromkeys(conditions)),
        incentives=list(dict.fromkeys(incentives)),
        granted_on=granted_on,
        decision_number=normalize(decision_number),
        legal_basis=rule.legal_basis.citation,
    )
    _save(grant)
    return grant
