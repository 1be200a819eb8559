"""Pages of recruitment: the plans, a plan made from the vacancies of the gap analysis, a plan with its
positions, rooms and candidates, a candidate with the double entry of scores and the appeals, the ranked
results with the recruitment decision, and the public application page."""

import datetime as dt
import uuid
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from noivu.accounts.http import AuthenticatedRequest
from noivu.core import audit
from noivu.core.dates import today
from noivu.core.excel.reader import WorkbookError
from noivu.core.forms import add_refusal
from noivu.core.http import XLSX
from noivu.core.listing import page_number, page_of
from noivu.core.models import Job
from noivu.core.permissions import Action, can, may_somewhere
from noivu.organizations.models import Organization
from noivu.personnel.models import Person
from noivu.recruitment import actions, jobs, ranking
from noivu.recruitment.admission import CONDITIONS, admission_choices, group_name
from noivu.recruitment.documents import Upload, max_bytes
from noivu.recruitment.excel import (
    candidate_error_workbook,
    candidate_template,
    read_candidates,
    read_scores,
    score_error_workbook,
    score_template,
)
from noivu.recruitment.filters import PlanFilters, TalentFilters
from noivu.recruitment.forms import (
    EXAM_FORMS,
    AppealForm,
    AppealResultForm,
    ApprovalForm,
    CandidateForm,
    CandidateUploadForm,
    DecisionForm,
    DocumentForm,
    ImportForm,
    PlaceForm,
    PlanForm,
    ProbationEndForm,
    PublicApplicationForm,
    RecognitionForm,
    RoomForm,
    ScoreForm,
    ScoreUploadForm,
    TalentGrantForm,
)
from noivu.recruitment.models import (
    Appeal,
    AppealStatus,
    ApplicationDocument,
    Candidate,
    CandidateStatus,
    Method,
    PlanPosition,
    PlanStatus,
    Probation,
    RecruitmentPlan,
    Room,
    Score,
    TalentGrant,
)
from noivu.recruitment.talent import label_grants
from noivu.recruitment.vacancies import qualification_name, vacancies

PER_PAGE = 50


def index(request: AuthenticatedRequest) -> HttpResponse:
    """The recruitment plans of the user's scope, latest exam first."""
    filters = PlanFilters(request.GET, user=request.user)
    rows = filters.apply(RecruitmentPlan.objects.restrict(request.user)).select_related("organization")
    page = page_of(rows.order_by("-exam_date", "pk"), number=page_number(request), size=PER_PAGE)
    return render(
        request,
        "recruitment/index.html",
        {"page": page, "filters": filters, "may_create": may_somewhere(request.user, Action.CHANGE)},
    )


def plan_create(request: AuthenticatedRequest) -> HttpResponse:
    """A new plan: the agency's vacancies from the gap analysis of its approved job positions, each with
    the quota to fill (at most the vacancy) and the exam form."""
    if not may_somewhere(request.user, Action.CHANGE):
        raise PermissionDenied
    code = (request.GET.get("organization") or request.POST.get("organization") or "").strip()
    unit = (
        Organization.objects.restrict(request.user, Action.CHANGE).filter(code=code).first() if code else None
    )
    form = PlanForm(request.POST or None, initial={"applications_open": today()})
    day = today()
    open_positions = vacancies(unit, day) if unit is not None else []
    if request.method == "POST" and unit is not None and form.is_valid():
        positions = []
        for vacancy in open_positions:
            raw = request.POST.get(f"quota_{vacancy.code}", "").strip()
            if raw in ("", "0"):
                continue
            positions.append(
                {
                    "code": vacancy.code,
                    "quota": int(raw) if raw.isdigit() else -1,
                    "exam_form": request.POST.get(f"form_{vacancy.code}", "single"),
                }
            )
        try:
            plan = actions.do_create_plan(
                organization=unit, positions=positions, acting_user=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(request, _("Đã lập kế hoạch tuyển dụng."))
            return redirect("recruitment:plan", pk=plan.pk)
    return render(
        request,
        "recruitment/plan_create.html",
        {
            "unit": unit,
            "code": code,
            "form": form,
            "vacancies": [(v, qualification_name(v.min_qualification)) for v in open_positions],
            "exam_forms": EXAM_FORMS,
            "day": day,
        },
    )


def plan(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """A plan: its positions and timetable, the approval, the rooms, the candidates and the forms of the
    step the user may take."""
    item = RecruitmentPlan.objects.restrict(request.user).select_related("organization").get_or_404(pk=pk)
    may_change = can(request.user, Action.CHANGE, item)
    may_approve = can(request.user, Action.APPROVE, item)
    positions = PlanPosition.objects.restrict(request.user).filter(plan=item)
    step = request.POST.get("step") if request.method == "POST" else None
    approval_form = ApprovalForm(request.POST if step == "approve" else None)
    room_form = RoomForm(request.POST if step == "room" else None)
    candidate_form = CandidateForm(
        request.POST if step == "candidate" else None,
        positions=positions,
        grounds=ranking.ground_labels(item.staff_kind, item.exam_date),
        admission=admission_choices(item),
    )
    if request.method == "POST":
        if step == "approve":
            if not may_approve:
                raise PermissionDenied
            if approval_form.is_valid():
                try:
                    actions.do_approve_plan(plan=item, acting_user=request.user, **approval_form.cleaned_data)
                except ValidationError as error:
                    add_refusal(approval_form, error)
                else:
                    messages.success(request, _("Đã phê duyệt kế hoạch."))
                    return redirect("recruitment:plan", pk=item.pk)
        elif step in ("room", "candidate", "seat"):
            if not may_change:
                raise PermissionDenied
            form: Any = {"room": room_form, "candidate": candidate_form}.get(step)
            try:
                if step == "seat":
                    seated = actions.do_seat_candidates(plan=item, acting_user=request.user)
                    messages.success(request, _("Đã xếp phòng %(n)s thí sinh.") % {"n": seated})
                    return redirect("recruitment:plan", pk=item.pk)
                if form.is_valid():
                    if step == "room":
                        actions.do_add_room(plan=item, acting_user=request.user, **form.cleaned_data)
                        messages.success(request, _("Đã thêm phòng thi."))
                    else:
                        values = dict(form.cleaned_data)
                        position = values.pop("position")
                        candidate = actions.do_add_candidate(
                            plan=item, position=position, values=values, acting_user=request.user
                        )
                        messages.success(
                            request,
                            _("Đã nhận hồ sơ của %(name)s: %(status)s.")
                            % {"name": candidate.full_name, "status": candidate.get_status_display()},
                        )
                    return redirect("recruitment:plan", pk=item.pk)
            except ValidationError as error:
                if form is None:
                    messages.error(request, " ".join(error.messages))
                else:
                    add_refusal(form, error)
        else:
            raise PermissionDenied
    candidates = (
        Candidate.objects.restrict(request.user)
        .filter(plan=item)
        .select_related("position", "second_position", "room")
        .order_by("position__code", "number", "full_name", "pk")
    )
    rooms = Room.objects.restrict(request.user).filter(plan=item).order_by("name")
    return render(
        request,
        "recruitment/plan.html",
        {
            "plan": item,
            "positions": positions,
            "candidates": page_of(candidates, number=page_number(request), size=PER_PAGE),
            # Totals are recorded by the decision; before it they are on the results page.
            "decided": candidates.filter(total__isnull=False).exists(),
            "rooms": rooms,
            "may_change": may_change and item.status == PlanStatus.APPROVED,
            "may_approve": may_approve and item.status == PlanStatus.DRAFT,
            "approval_form": approval_form,
            "room_form": room_form,
            "candidate_form": candidate_form,
        },
    )


def candidate(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """A candidate: the application, the eligibility, the room, the double entry of each part's score,
    and the appeals."""
    row = (
        Candidate.objects.restrict(request.user)
        .select_related("plan__organization", "position", "second_position", "room")
        .get_or_404(pk=pk)
    )
    may_change = can(request.user, Action.CHANGE, row.plan) and row.plan.status == PlanStatus.APPROVED
    step = request.POST.get("step") if request.method == "POST" else None
    rooms = Room.objects.restrict(request.user).filter(plan=row.plan)
    forms_: dict[str, Any] = {
        "place": PlaceForm(request.POST if step == "place" else None, rooms=rooms),
        "score": ScoreForm(request.POST if step == "score" else None),
        "appeal": AppealForm(request.POST if step == "appeal" else None, prefix="appeal"),
        "appeal_result": AppealResultForm(request.POST if step == "appeal_result" else None, prefix="result"),
        "document": DocumentForm(
            request.POST if step == "document" else None,
            request.FILES if step == "document" else None,
            prefix="document",
        ),
    }
    allowed_parts = actions.parts_of(row.position, row.plan.method)
    scores = Score.objects.restrict(request.user).filter(candidate=row).order_by("part")
    appeals = Appeal.objects.restrict(request.user).filter(candidate=row).order_by("pk")
    appealable = {score.part for score in scores if score.value is not None} - {
        appeal.part for appeal in appeals if appeal.status == AppealStatus.PENDING
    }
    for name, parts in (("score", set(allowed_parts)), ("appeal", set(allowed_parts) & appealable)):
        forms_[name].fields["part"].choices = [
            (code, label) for code, label in forms_[name].fields["part"].choices if code in parts
        ]
    if request.method == "POST" and step == "remove_document":
        if not may_change:
            raise PermissionDenied
        document = (
            ApplicationDocument.objects.restrict(request.user, Action.CHANGE)
            .filter(candidate=row)
            .get_or_404(pk=request.POST.get("document"))
        )
        actions.do_remove_document(document=document, acting_user=request.user)
        messages.success(request, _("Đã gỡ tệp «%(name)s».") % {"name": document.name})
        return redirect("recruitment:candidate", pk=row.pk)
    if request.method == "POST":
        if step not in forms_:
            raise PermissionDenied
        if not may_change:
            raise PermissionDenied
        form = forms_[step]
        if form.is_valid():
            data = form.cleaned_data
            try:
                if step == "place":
                    actions.do_place_candidate(candidate=row, room=data["room"], acting_user=request.user)
                elif step == "document":
                    actions.do_attach_document(
                        candidate=row, upload=upload(data["kind"], data["file"]), acting_user=request.user
                    )
                elif step == "score":
                    actions.do_enter_score(candidate=row, acting_user=request.user, **data)
                elif step == "appeal":
                    actions.do_file_appeal(candidate=row, acting_user=request.user, **data)
                else:
                    appeal = (
                        Appeal.objects.restrict(request.user)
                        .filter(candidate=row)
                        .get_or_404(pk=request.POST.get("appeal"))
                    )
                    actions.do_decide_appeal(appeal=appeal, acting_user=request.user, **data)
            except ValidationError as error:
                add_refusal(form, error)
            else:
                messages.success(request, _("Đã ghi."))
                return redirect("recruitment:candidate", pk=row.pk)
    return render(
        request,
        "recruitment/candidate.html",
        {
            "row": row,
            "scores": scores,
            "appeals": appeals,
            "files": ApplicationDocument.objects.restrict(request.user).filter(candidate=row),
            "may_change": may_change,
            "forms": forms_,
            "grounds": ranking.ground_labels(row.plan.staff_kind, row.plan.exam_date),
            "pending": AppealStatus.PENDING,
            "eligible": row.status == CandidateStatus.ELIGIBLE,
            "exam": row.plan.method != Method.ADMISSION,
            "appealable": bool(forms_["appeal"].fields["part"].choices),
            "admission_group": group_name(row.plan.staff_kind, row.plan.exam_date, row.admission_group),
            "admission_conditions": [str(CONDITIONS.get(c, c)) for c in row.admission_conditions],
        },
    )


def _result_rows(item: RecruitmentPlan) -> tuple[list[dict[str, Any]], ranking.Rules]:
    ranked, rules = actions.results(item)
    names = dict(
        Candidate.objects.unrestricted().filter(plan=item).values_list("pk", "full_name")
    )  # the plan was read through restrict() by the caller
    numbers = dict(Candidate.objects.unrestricted().filter(plan=item).values_list("pk", "number"))
    codes = dict(PlanPosition.objects.unrestricted().filter(plan=item).values_list("pk", "code"))
    rows = []
    for row in ranked.iter_rows(named=True):
        rows.append(
            {
                **row,
                "name": names[row["candidate_id"]],
                "number": numbers[row["candidate_id"]],
                "position": codes[row["position_id"]],
                "second_position": codes.get(row["second_position_id"], ""),
                "reason_text": ranking.REASONS.get(row["reason"] or "", ""),
                "steps": ranking.explain(row, rules),
            }
        )
    return rows, rules


def results(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The ranked results of a plan (danh sách kết quả) with each row's explanation; the recognition of the
    results for an approver (quyết định công nhận kết quả), then the recruitment decision for the HR
    officer who records it."""
    item = RecruitmentPlan.objects.restrict(request.user).select_related("organization").get_or_404(pk=pk)
    rows, rules = _result_rows(item)
    ties = [
        (row["candidate_id"], f"{row['name']} ({row['position']})") for row in rows if row["needs_decision"]
    ] + [
        (row["candidate_id"], f"{row['name']} ({_('NV2')}: {row['second_position']})")
        for row in rows
        if row["second_needs_decision"]
    ]
    step = request.POST.get("step") if request.method == "POST" else None
    recognition_form = RecognitionForm(
        request.POST if step == "recognise" else None, ties=ties, initial={"result_date": today()}
    )
    form = DecisionForm(request.POST if step == "decide" else None, initial={"decision_date": today()})
    may_recognise = can(request.user, Action.APPROVE, item) and item.status == PlanStatus.APPROVED
    may_decide = can(request.user, Action.CHANGE, item) and item.status == PlanStatus.RECOGNISED
    if request.method == "POST":
        if step == "recognise":
            if not can(request.user, Action.APPROVE, item):
                raise PermissionDenied
            if recognition_form.is_valid():
                data = dict(recognition_form.cleaned_data)
                data["tie_winners"] = [int(pk) for pk in data.get("tie_winners", [])]
                try:
                    passed = actions.do_recognise_results(plan=item, acting_user=request.user, **data)
                except ValidationError as error:
                    add_refusal(recognition_form, error)
                else:
                    messages.success(
                        request,
                        _("Đã công nhận kết quả: %(n)s người trúng tuyển.") % {"n": len(passed)},
                    )
                    return redirect("recruitment:results", pk=item.pk)
        elif step == "decide":
            if not can(request.user, Action.CHANGE, item):
                raise PermissionDenied
            if form.is_valid():
                try:
                    recruited = actions.do_decide_recruitment(
                        plan=item, acting_user=request.user, **form.cleaned_data
                    )
                except ValidationError as error:
                    add_refusal(form, error)
                else:
                    messages.success(
                        request,
                        _("Đã quyết định tuyển dụng %(n)s người; hồ sơ cán bộ đã được tạo.")
                        % {"n": len(recruited)},
                    )
                    return redirect("recruitment:results", pk=item.pk)
        else:
            raise PermissionDenied
    people = (
        Candidate.objects.restrict(request.user)
        .filter(plan=item, person__isnull=False)
        .select_related("person")
    )
    return render(
        request,
        "recruitment/results.html",
        {
            "plan": item,
            "rows": rows,
            "rules": rules,
            "form": form,
            "recognition_form": recognition_form,
            "may_recognise": may_recognise,
            "may_decide": may_decide,
            "recruited": people,
        },
    )


def scores_import(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Scores pasted from a spreadsheet (số báo danh, phần thi, điểm per line) or uploaded as the round's
    score workbook: every row checked as a score entered by hand, all or nothing; a refused workbook's
    problems are listed by row, column and rule, with the error workbook to download."""
    item = RecruitmentPlan.objects.restrict(request.user).get_or_404(pk=pk)
    if not can(request.user, Action.CHANGE, item):
        raise PermissionDenied
    step = request.POST.get("step") if request.method == "POST" else None
    form = ImportForm(request.POST if step != "upload" and request.method == "POST" else None)
    upload_form = ScoreUploadForm(
        request.POST if step == "upload" else None, request.FILES if step == "upload" else None
    )
    context: dict[str, Any] = {"plan": item, "form": form, "upload_form": upload_form}
    if step == "upload" and upload_form.is_valid():
        content = upload_form.cleaned_data["workbook"].read()
        try:
            count = actions.do_import_scores(plan=item, rows=read_scores(content), acting_user=request.user)
        except WorkbookError as error:
            context["file_errors"] = error.messages
        except actions.ScoreImportRefused as refused:
            context["problems"] = [
                {
                    "row": problem.row,
                    "column": actions.COLUMNS[problem.field],
                    "rule": actions.SCORE_RULES[problem.rule],
                    "message": problem.message,
                }
                for problem in refused.problems
            ]
            context["error_file"] = _keep_error_workbook(
                request, score_error_workbook(content, refused.problems)
            )
        except ValidationError as error:
            context["file_errors"] = error.messages
        else:
            messages.success(request, _("Đã nhập %(n)s điểm.") % {"n": count})
            return redirect("recruitment:plan", pk=item.pk)
    elif request.method == "POST" and step != "upload" and form.is_valid():
        rows = []
        for line in form.cleaned_data["rows"].splitlines():
            if not line.strip():
                continue
            cells = [cell.strip() for cell in line.replace(";", ",").replace("\t", ",").split(",")]
            cells += [""] * (3 - len(cells))
            rows.append({"number": cells[0], "part": cells[1], "value": cells[2]})
        try:
            count = actions.do_import_scores(plan=item, rows=rows, acting_user=request.user)
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(request, _("Đã nhập %(n)s điểm.") % {"n": count})
            return redirect("recruitment:plan", pk=item.pk)
    return render(request, "recruitment/import.html", context)


def scores_template(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The round's score workbook to fill in: each seated eligible candidate's parts, the score empty."""
    return _plan_workbook(request, pk, score_template, "bang-diem")


def _plan_workbook(
    request: AuthenticatedRequest, pk: int, build: Callable[[RecruitmentPlan], bytes], name: str
) -> HttpResponse:
    """A workbook built from a plan the user may change, as ``name-<plan>.xlsx``."""
    item = RecruitmentPlan.objects.restrict(request.user).get_or_404(pk=pk)
    if not can(request.user, Action.CHANGE, item):
        raise PermissionDenied
    response = HttpResponse(build(item), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}-{item.pk}.xlsx"'
    return response


ERROR_FILES = "recruitment_score_error_files"
ERROR_FILES_KEPT = 5


def _keep_error_workbook(request: AuthenticatedRequest, content: bytes) -> str:
    """Store the error workbook of a refused upload for its uploader; the token to download it by."""
    token = uuid.uuid4().hex
    default_storage.save(f"recruitment-scores/{token}-loi.xlsx", ContentFile(content))
    tokens = [token, *request.session.get(ERROR_FILES, [])]
    for old in tokens[ERROR_FILES_KEPT:]:
        default_storage.delete(f"recruitment-scores/{old}-loi.xlsx")
    request.session[ERROR_FILES] = tokens[:ERROR_FILES_KEPT]
    return token


def _error_file(request: AuthenticatedRequest, pk: int, token: str, filename: str) -> FileResponse:
    item = RecruitmentPlan.objects.restrict(request.user).get_or_404(pk=pk)
    if not can(request.user, Action.CHANGE, item):
        raise PermissionDenied
    name = f"recruitment-scores/{token}-loi.xlsx"
    if token not in request.session.get(ERROR_FILES, []) or not default_storage.exists(name):
        raise Http404
    return FileResponse(
        default_storage.open(name, "rb"), as_attachment=True, filename=filename, content_type=XLSX
    )


def scores_import_errors(request: AuthenticatedRequest, pk: int, token: str) -> FileResponse:
    """The error workbook of the user's own refused upload to the plan (the last few are kept)."""
    return _error_file(request, pk, token, "loi-nhap-bang-diem.xlsx")


def candidates_import(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Applications uploaded as the plan's application workbook: every row read by the candidate form of
    the plan's page and checked by the same action, all or nothing; a refused workbook's problems are
    listed by row, column and rule, with the error workbook to download."""
    item = RecruitmentPlan.objects.restrict(request.user).get_or_404(pk=pk)
    if not can(request.user, Action.CHANGE, item):
        raise PermissionDenied
    form = CandidateUploadForm(request.POST or None, request.FILES or None)
    context: dict[str, Any] = {
        "plan": item,
        "form": form,
        "open": item.status == PlanStatus.APPROVED,
        "admission": item.method == Method.ADMISSION,
    }
    if request.method == "POST" and form.is_valid():
        content = form.cleaned_data["workbook"].read()
        try:
            rows = read_candidates(item, content)
            if len(rows) > jobs.inline_rows():
                record = jobs.start_import(
                    item, content, form.cleaned_data["workbook"].name or "", request.user
                )
                return redirect("recruitment:candidates_import_job", pk=record.pk)
            added = actions.do_import_candidates(plan=item, rows=rows, acting_user=request.user)
        except WorkbookError as error:
            context["file_errors"] = error.messages
        except actions.CandidateImportRefused as refused:
            context["problems"] = [
                {
                    "row": problem.row,
                    "column": actions.candidate_column(problem.field) or "—",
                    "rule": actions.CANDIDATE_RULES[problem.rule],
                    "message": problem.message,
                }
                for problem in refused.problems
            ]
            context["error_file"] = _keep_error_workbook(
                request, candidate_error_workbook(content, refused.problems)
            )
        except ValidationError as error:
            context["file_errors"] = error.messages
        else:
            ineligible = sum(1 for c in added if c.status == CandidateStatus.INELIGIBLE)
            messages.success(
                request,
                _("Đã nhận %(n)s hồ sơ, trong đó %(ineligible)s hồ sơ không đủ điều kiện (lưu kèm lý do).")
                % {"n": len(added), "ineligible": ineligible},
            )
            return redirect("recruitment:plan", pk=item.pk)
    return render(request, "recruitment/candidates_import.html", context)


def _import_job(request: AuthenticatedRequest, pk: int) -> Job:
    found = Job.objects.visible_to(request.user).filter(pk=pk, kind=jobs.IMPORT_KIND).first()
    # Others than its creator and their administrators get the 404 of a job that does not exist.
    if found is None:
        raise Http404
    return found


def candidates_import_job(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """A large application workbook being imported in the background: its progress, then its outcome (the
    problems by row, column and rule, with the error workbook); the status part polls itself until the
    job ends."""
    record = _import_job(request, pk)
    plan = RecruitmentPlan.objects.restrict(request.user).filter(pk=record.params.get("plan")).first()
    template = (
        "recruitment/_candidates_import_status.html"
        if request.htmx
        else "recruitment/candidates_import_job.html"
    )
    return render(request, template, {"job": record, "result": record.result or {}, "plan": plan})


def candidates_import_job_errors(request: AuthenticatedRequest, pk: int) -> FileResponse:
    """The error workbook of a refused background import."""
    record = _import_job(request, pk)
    name = (record.result or {}).get("error_file")
    if not name or not default_storage.exists(name):
        raise Http404
    return FileResponse(
        default_storage.open(name, "rb"),
        as_attachment=True,
        filename="loi-nhap-ho-so-du-tuyen.xlsx",
        content_type=XLSX,
    )


def candidates_template(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The plan's empty application workbook, with its positions and code lists."""
    return _plan_workbook(request, pk, candidate_template, "mau-ho-so-du-tuyen")


def candidates_import_errors(request: AuthenticatedRequest, pk: int, token: str) -> FileResponse:
    """The error workbook of the user's own refused application upload to the plan."""
    return _error_file(request, pk, token, "loi-nhap-ho-so-du-tuyen.xlsx")


def probations(request: AuthenticatedRequest) -> HttpResponse:
    """The probations (tập sự) of the user's scope, those still running first, by their last day."""
    rows = (
        Probation.objects.restrict(request.user)
        .select_related("person", "person__organization")
        .order_by("-outcome", "ends_on", "pk")
    )
    page = page_of(rows, number=page_number(request), size=PER_PAGE)
    return render(request, "recruitment/probations.html", {"page": page, "today": today()})


def probation(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """A probation and, for the HR officer while it runs, the record of its end (kết thúc tập sự): the
    appointment to the rank, or the end of the contract, with the rule it follows."""
    row = Probation.objects.restrict(request.user).select_related("person").get_or_404(pk=pk)
    may_end = can(request.user, Action.CHANGE, row) and not row.outcome
    form = ProbationEndForm(request.POST or None, initial={"decided_on": today()})
    if request.method == "POST":
        if not can(request.user, Action.CHANGE, row):
            raise PermissionDenied
        if form.is_valid():
            try:
                actions.do_end_probation(probation=row, acting_user=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_refusal(form, error)
            else:
                messages.success(request, _("Đã ghi kết thúc tập sự."))
                return redirect("recruitment:probation", pk=row.pk)
    return render(request, "recruitment/probation.html", {"row": row, "form": form, "may_end": may_end})


def upload(kind: str, sent: UploadedFile) -> Upload:
    """A file sent with a form, read up to one byte past the size limit (the check refuses it then)."""
    return Upload(kind, sent.name or "", sent.read(max_bytes() + 1))


def document(request: AuthenticatedRequest, pk: int) -> FileResponse:
    """A file of an application, for officers who may read the candidate; every download is audited. The
    files are never served from a public address."""
    found = ApplicationDocument.objects.restrict(request.user).get_or_404(pk=pk)
    audit.record_read(
        request, actions.DOCUMENT_DOWNLOADED, target=found.candidate, extra={"document": found.pk}
    )
    return FileResponse(
        found.file.open("rb"), as_attachment=True, filename=found.name, content_type=found.content_type
    )


def talent_grants(request: AuthenticatedRequest) -> HttpResponse:
    """The persons of the user's scope recruited through a talent-attraction track (diện thu hút tài năng),
    newest decision first, with the conditions they met and the incentives granted."""
    filters = TalentFilters(request.GET, user=request.user)
    rows = (
        filters.apply(TalentGrant.objects.restrict(request.user))
        .select_related("person", "person__organization")
        .order_by("-granted_on", "pk")
    )
    page = page_of(rows, number=page_number(request), size=PER_PAGE)
    page.rows = label_grants(page.rows)
    return render(request, "recruitment/talent_grants.html", {"page": page, "filters": filters})


def talent_grant_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Record on a person the talent-attraction track they came through, the conditions checked against the
    rule in force on the day of the decision."""
    subject = Person.objects.restrict(request.user).select_related("organization").get_or_404(pk=pk)
    if not can(request.user, Action.CHANGE, subject):
        raise PermissionDenied
    form = TalentGrantForm(request.POST or None, initial={"granted_on": today()})
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_record_talent_grant(person=subject, acting_user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(request, _("Đã ghi nhận diện thu hút tài năng."))
            return redirect("personnel:detail", pk=subject.pk)
    return render(request, "recruitment/talent_grant_form.html", {"person": subject, "form": form})


# The public page ---------------------------------------------------------------------------------------

SIGNER_SALT = "recruitment.apply"


def _client(request: HttpRequest) -> str:
    return str(request.META.get("REMOTE_ADDR", ""))


def _rate_limited(request: HttpRequest) -> bool:
    """At most ``RECRUITMENT_APPLY_PER_HOUR`` submissions an hour from one address."""
    key = f"recruitment-apply:{_client(request)}:{dt.datetime.now(dt.UTC):%Y%m%d%H}"
    count = cache.get_or_set(key, 0, timeout=3600) or 0
    if count >= settings.RECRUITMENT_APPLY_PER_HOUR:
        return True
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=3600)
    return False


def spam_problem(form: PublicApplicationForm) -> str | None:
    """Why a submission looks automated: the hidden trap field filled in, or sent too fast (or with a
    stale or forged time stamp)."""
    if form.cleaned_data.get("website"):
        return _("Không gửi được hồ sơ.")
    signer = signing.TimestampSigner(salt=SIGNER_SALT)
    try:
        signer.unsign(form.cleaned_data["shown"], max_age=6 * 3600)
    except signing.BadSignature:  # forged, or older than the page's life (SignatureExpired)
        return _("Trang đăng ký đã hết hạn; hãy tải lại trang.")
    try:
        signer.unsign(form.cleaned_data["shown"], max_age=settings.RECRUITMENT_APPLY_MIN_SECONDS)
    except signing.SignatureExpired:
        return None  # shown long enough ago to have been typed by a person
    return _("Hồ sơ được gửi quá nhanh; hãy kiểm tra lại và gửi lại.")


@login_not_required
@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest, pk: int) -> HttpResponse:
    """The public application page of an approved plan open for applications (no account needed)."""
    item = (
        RecruitmentPlan.objects.unrestricted()  # public by design: an approved plan's open call
        .select_related("organization")
        .filter(status=PlanStatus.APPROVED)
        .get_or_404(pk=pk)
    )
    positions = PlanPosition.objects.unrestricted().filter(plan=item)
    shown = signing.TimestampSigner(salt=SIGNER_SALT).sign("form")
    form = PublicApplicationForm(
        request.POST or None,
        request.FILES or None,
        positions=positions,
        grounds=ranking.ground_labels(item.staff_kind, item.exam_date),
        admission=admission_choices(item),
        initial={"shown": shown},
    )
    form.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
    is_open = item.applications_open <= today() <= item.applications_close
    sent = None
    status = 200
    if request.method == "POST":
        if _rate_limited(request):
            form.add_error(None, _("Quá nhiều hồ sơ được gửi từ địa chỉ này; hãy thử lại sau một giờ."))
            status = 429
        elif form.is_valid():
            problem = spam_problem(form)
            if problem:
                form.add_error(None, problem)
                status = 400
            else:
                skipped = {"website", "shown", "position", *form.file_fields()}
                values = {k: v for k, v in form.cleaned_data.items() if k not in skipped}
                files = [
                    upload(name.removeprefix("file_"), form.cleaned_data[name])
                    for name in form.file_fields()
                    if form.cleaned_data.get(name)
                ]
                try:
                    sent = actions.do_apply_publicly(
                        plan=item,
                        position=form.cleaned_data["position"],
                        values=values,
                        files=files,
                        acting_user=request.user,
                    )
                except ValidationError as error:
                    add_refusal(form, error)
                    status = 400
        else:
            status = 400
    return render(
        request,
        "recruitment/apply.html",
        {"plan": item, "positions": positions, "form": form, "is_open": is_open, "sent": sent},
        status=status,
    )
