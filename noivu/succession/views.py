"""Pages of succession: the planning pools with their checks, a pool with its candidates' readiness, the
additions, removals and yearly review; the training hours of each person against the yearly requirement;
the courses with their enrolments and completions; the mentoring pairs with their check-ins; the handovers
with their checklists."""

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from noivu.accounts.http import AuthenticatedRequest
from noivu.core import audit
from noivu.core.dates import today
from noivu.core.forms import add_refusal, styled_filters
from noivu.core.http import XLSX
from noivu.core.listing import page_number, page_of
from noivu.core.permissions import Action, can, may_somewhere
from noivu.organizations.models import Organization
from noivu.personnel.models import Person
from noivu.succession import actions, engine, exports
from noivu.succession.filters import CourseFilters, PoolFilters, TrainingHoursFilters
from noivu.succession.forms import (
    CandidateForm,
    CheckInForm,
    CompletionForm,
    CourseForm,
    EnrolForm,
    HandoverForm,
    MentoringForm,
    PoolForm,
    RemovalForm,
    persons_under,
)
from noivu.succession.models import (
    Course,
    Enrolment,
    EnrolmentStatus,
    Handover,
    HandoverItem,
    MentoringPair,
    MentoringStatus,
    PlanningPool,
    PoolCandidate,
)

PER_PAGE = 50
CHECKS_SHOWN = 30


def _refused(form: forms.Form, call: Any) -> Any:
    """Run ``call``; on a refusal, put it on ``form`` and return None."""
    try:
        return call()
    except ValidationError as error:
        add_refusal(form, error)
        return None


def _changeable_units(request: AuthenticatedRequest) -> Any:
    return Organization.objects.restrict(request.user, Action.CHANGE).order_by("path")


def index(request: AuthenticatedRequest) -> HttpResponse:
    """The planning pools of the user's scope (danh sách quy hoạch), the problems the checks found, and
    the opening of a new pool."""
    filters = PoolFilters(request.GET, user=request.user)
    pools = filters.apply(PlanningPool.objects.restrict(request.user))
    may_change = may_somewhere(request.user, Action.CHANGE)
    form = PoolForm(request.POST or None, organizations=_changeable_units(request))
    if request.method == "POST":
        if not may_change:
            raise PermissionDenied
        if form.is_valid():
            pool = _refused(
                form, lambda: actions.do_create_pool(acting_user=request.user, **form.cleaned_data)
            )
            if pool is not None:
                messages.success(request, _("Đã lập quy hoạch chức danh %(pool)s.") % {"pool": pool})
                return redirect("succession:pool", pk=pool.pk)
    rows = (
        pools.select_related("organization")
        .annotate(active=Count("candidates", filter=Q(candidates__removed_on__isnull=True)))
        .order_by("organization__path", "level", "position_title", "pk")
    )
    page = page_of(rows, number=page_number(request), size=PER_PAGE)
    problems = engine.pool_checks(pools, today())
    return render(
        request,
        "succession/index.html",
        {
            "form": styled_filters(filters.form),
            "page": page,
            "query": filters.query_string(),
            "problems": problems[:CHECKS_SHOWN],
            "problem_count": len(problems),
            "pool_form": form,
            "may_change": may_change,
            "limit": engine.tables()[engine.LIMITS].lookup("max_candidates_per_position", today()),
            "may_export": may_somewhere(request.user, Action.EXPORT),
        },
    )


def pools_response(request: AuthenticatedRequest, filters: PoolFilters, channel: str) -> HttpResponse:
    """The pools ``filters`` select among those the user may export, as an Excel workbook (danh sách quy
    hoạch); the export is audited as a read of personal data."""
    if not may_somewhere(request.user, Action.EXPORT):
        raise PermissionDenied
    pools = filters.apply(PlanningPool.objects.restrict(request.user, Action.EXPORT))
    day = today()
    content = exports.pools_workbook(pools, day)
    audit.record_read(request, audit.DATA_EXPORTED, channel=channel, extra={"list": "succession.pools"})
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="danh-sach-quy-hoach-{day:%Y%m%d}.xlsx"'
    return response


def pools_export(request: AuthenticatedRequest) -> HttpResponse:
    """The list of the index page, with its filters, as an Excel workbook."""
    return pools_response(request, PoolFilters(request.GET, user=request.user), "web")


class ReviewForm(forms.Form):
    year = forms.IntegerField(label=gettext_lazy("Năm rà soát"), min_value=2000, max_value=2100)
    remove = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Đưa ra khỏi quy hoạch"),
        queryset=PoolCandidate.objects.unrestricted().none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    reason = forms.CharField(label=gettext_lazy("Lý do đưa ra"), max_length=500, required=False)
    add = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Bổ sung vào quy hoạch"),
        queryset=Person.objects.unrestricted().none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    note = forms.CharField(label=gettext_lazy("Ghi chú"), max_length=500, required=False)


def pool(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """A pool: each candidate's readiness (conditions, programmes still needed, periods of the year,
    rotation), and the forms to add, remove and review."""
    row = PlanningPool.objects.restrict(request.user).select_related("organization").get_or_404(pk=pk)
    may_change = can(request.user, Action.CHANGE, row)
    active = row.candidates.filter(removed_on__isnull=True).select_related("person", "person__organization")
    persons = persons_under(request.user, row.organization.path)
    step = request.POST.get("step")
    add_form = CandidateForm(request.POST if step == "add" else None, persons=persons)
    remove_form = RemovalForm(request.POST if step == "remove" else None, candidates=active)
    review_form = ReviewForm(request.POST if step == "review" else None, initial={"year": today().year})
    review_form.fields["remove"].queryset = active  # type: ignore[attr-defined]
    review_form.fields["remove"].label_from_instance = lambda c: c.person.full_name  # type: ignore[attr-defined]
    review_form.fields["add"].queryset = persons  # type: ignore[attr-defined]
    review_form.fields["add"].label_from_instance = lambda p: p.full_name  # type: ignore[attr-defined]
    for field in ("year", "reason", "note"):
        review_form.fields[field].widget.attrs["class"] = "input"
    if request.method == "POST":
        if not may_change or step not in ("add", "remove", "review"):
            raise PermissionDenied
        done = None
        if step == "add" and add_form.is_valid():
            done = _refused(
                add_form,
                lambda: actions.do_add_candidate(
                    pool=row,
                    person=add_form.cleaned_data["person"],
                    added_on=add_form.cleaned_data["added_on"],
                    acting_user=request.user,
                ),
            )
        elif step == "remove" and remove_form.is_valid():
            done = _refused(
                remove_form,
                lambda: actions.do_remove_candidate(
                    candidate=remove_form.cleaned_data["candidate"],
                    removal_reason=remove_form.cleaned_data["removal_reason"],
                    removed_on=remove_form.cleaned_data["removed_on"],
                    acting_user=request.user,
                ),
            )
        elif step == "review" and review_form.is_valid():
            data = review_form.cleaned_data
            done = _refused(
                review_form,
                lambda: actions.do_review_pool(
                    pool=row,
                    year=data["year"],
                    add=list(data["add"]),
                    remove=[(candidate, data["reason"]) for candidate in data["remove"]],
                    note=data["note"],
                    acting_user=request.user,
                ),
            )
        if done is not None:
            messages.success(request, _("Đã cập nhật quy hoạch."))
            return redirect("succession:pool", pk=row.pk)
    tables = engine.tables()
    candidates = list(active)
    facts = engine.candidate_facts([c.person_id for c in candidates], today(), tables[engine.LIMITS])
    readiness = [
        (c, engine.readiness(facts[c.person_id], row.level, row.term_start, today(), tables))
        for c in candidates
    ]
    return render(
        request,
        "succession/pool.html",
        {
            "pool": row,
            "readiness": readiness,
            "removed": row.candidates.filter(removed_on__isnull=False).select_related("person"),
            "reviews": row.reviews.all(),
            "problems": engine.pool_checks(
                PlanningPool.objects.restrict(request.user).filter(pk=row.pk), today()
            ),
            "may_change": may_change,
            "add_form": add_form,
            "remove_form": remove_form,
            "review_form": review_form,
            "programme_name": engine.programme_name,
        },
    )


def training(request: AuthenticatedRequest) -> HttpResponse:
    """Each person's periods of training in a year against the yearly requirement, short ones first."""
    filters = TrainingHoursFilters(request.GET, user=request.user)
    year = filters.value("year") or today().year
    annotated = engine.training_hours(Person.objects.restrict(request.user), year)
    rows = filters.apply(annotated).select_related("organization")
    summary = engine.training_summary(rows)
    page = page_of(
        rows.order_by("-periods_missing", "full_name_folded", "pk"),
        number=page_number(request),
        size=PER_PAGE,
    )
    return render(
        request,
        "succession/training.html",
        {
            "form": styled_filters(filters.form),
            "page": page,
            "query": filters.query_string(),
            "year": year,
            "summary": summary,
        },
    )


def courses(request: AuthenticatedRequest) -> HttpResponse:
    """The courses of the user's scope and the opening of a new one."""
    filters = CourseFilters(request.GET, user=request.user)
    may_change = may_somewhere(request.user, Action.CHANGE)
    form = CourseForm(request.POST or None, organizations=_changeable_units(request))
    if request.method == "POST":
        if not may_change:
            raise PermissionDenied
        if form.is_valid():
            course = _refused(
                form, lambda: actions.do_create_course(acting_user=request.user, **form.cleaned_data)
            )
            if course is not None:
                messages.success(request, _("Đã mở khóa học %(name)s.") % {"name": course.name})
                return redirect("succession:course", pk=course.pk)
    rows = (
        filters.apply(Course.objects.restrict(request.user))
        .select_related("organization")
        .annotate(enrolled=Count("enrolments"))
        .order_by("-start_date", "name", "pk")
    )
    page = page_of(rows, number=page_number(request), size=PER_PAGE)
    return render(
        request,
        "succession/courses.html",
        {
            "form": styled_filters(filters.form),
            "page": page,
            "query": filters.query_string(),
            "course_form": form,
            "may_change": may_change,
        },
    )


def course(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """A course: its enrolments (those the user sees), sending a person, recording completions."""
    row = Course.objects.restrict(request.user).select_related("organization").get_or_404(pk=pk)
    may_change = can(request.user, Action.CHANGE, row)
    form = EnrolForm(
        request.POST if request.POST.get("step") == "enrol" else None,
        persons=persons_under(request.user, row.organization.path),
    )
    completion = CompletionForm(request.POST if request.POST.get("step") == "complete" else None)
    if request.method == "POST":
        step = request.POST.get("step")
        if not may_change or step not in ("enrol", "complete", "withdraw"):
            raise PermissionDenied
        done = None
        if step == "enrol" and form.is_valid():
            done = _refused(
                form,
                lambda: actions.do_enrol(
                    course=row, person=form.cleaned_data["person"], acting_user=request.user
                ),
            )
        elif step in ("complete", "withdraw") and completion.is_valid():
            enrolment = Enrolment.objects.restrict(request.user, Action.CHANGE).get_or_404(
                pk=request.POST.get("enrolment") or 0, course=row
            )
            if step == "complete":
                done = _refused(
                    completion,
                    lambda: actions.do_complete_enrolment(
                        enrolment=enrolment,
                        completed_on=completion.cleaned_data["completed_on"],
                        certificate=completion.cleaned_data["certificate"],
                        acting_user=request.user,
                    ),
                )
            else:
                done = _refused(
                    completion,
                    lambda: actions.do_withdraw_enrolment(enrolment=enrolment, acting_user=request.user),
                )
        if done is not None:
            messages.success(request, _("Đã cập nhật khóa học."))
            return redirect("succession:course", pk=row.pk)
    enrolments = (
        Enrolment.objects.restrict(request.user)
        .filter(course=row)
        .select_related("person", "person__organization")
        .order_by("person__full_name_folded", "pk")
    )
    return render(
        request,
        "succession/course.html",
        {
            "course": row,
            "enrolments": enrolments,
            "form": form,
            "completion": completion,
            "may_change": may_change,
            "enrolled": EnrolmentStatus.ENROLLED,
        },
    )


def _unit_of(request: AuthenticatedRequest) -> Organization | None:
    code = request.GET.get("under") or ""
    return Organization.objects.restrict(request.user).filter(code=code).first() if code else None


def mentoring(request: AuthenticatedRequest) -> HttpResponse:
    """The mentoring pairs of the user's scope, and a new pair among the persons of a unit."""
    unit = _unit_of(request)
    may_change = may_somewhere(request.user, Action.CHANGE)
    form = MentoringForm(
        request.POST or None,
        persons=persons_under(request.user, unit.path) if unit else Person.objects.unrestricted().none(),
    )
    if request.method == "POST":
        if not may_change or unit is None:
            raise PermissionDenied
        if form.is_valid():
            pair = _refused(
                form, lambda: actions.do_start_mentoring(acting_user=request.user, **form.cleaned_data)
            )
            if pair is not None:
                messages.success(request, _("Đã phân công kèm cặp."))
                return redirect("succession:pair", pk=pair.pk)
    rows = MentoringPair.objects.restrict(request.user).select_related(
        "mentor", "mentee", "mentee__organization"
    )
    if unit is not None:
        rows = rows.filter(mentee__organization__path__startswith=unit.path)
    rows = rows.annotate(check_ins_count=Count("check_ins")).order_by("-start_date", "pk")
    page = page_of(rows, number=page_number(request), size=PER_PAGE)
    return render(
        request,
        "succession/mentoring.html",
        {
            "page": page,
            "form": form,
            "unit": unit,
            "may_change": may_change,
            "query": request.GET.urlencode(),
        },
    )


def pair(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """A mentoring pair: the goals, the check-ins and the form of the next one, the closing."""
    row = MentoringPair.objects.restrict(request.user).select_related("mentor", "mentee").get_or_404(pk=pk)
    may_change = can(request.user, Action.CHANGE, row)
    form = CheckInForm(request.POST if request.POST.get("step") == "check_in" else None)
    if request.method == "POST":
        step = request.POST.get("step")
        if not may_change or step not in ("check_in", "close"):
            raise PermissionDenied
        if step == "close":
            _refused(
                form, lambda: actions.do_close_mentoring(pair=row, end_date=today(), acting_user=request.user)
            )
            if not form.errors:
                return redirect("succession:pair", pk=row.pk)
        elif form.is_valid():
            done = _refused(
                form, lambda: actions.do_check_in(pair=row, acting_user=request.user, **form.cleaned_data)
            )
            if done is not None:
                messages.success(request, _("Đã ghi lần trao đổi."))
                return redirect("succession:pair", pk=row.pk)
    return render(
        request,
        "succession/pair.html",
        {
            "pair": row,
            "check_ins": row.check_ins.all(),
            "form": form,
            "may_change": may_change,
            "active": row.status == MentoringStatus.ACTIVE,
        },
    )


def handovers(request: AuthenticatedRequest) -> HttpResponse:
    """The handovers of the user's scope with their progress, and a new checklist for a person of a unit."""
    unit = _unit_of(request)
    may_change = may_somewhere(request.user, Action.CHANGE)
    form = HandoverForm(
        request.POST or None,
        persons=persons_under(request.user, unit.path) if unit else Person.objects.unrestricted().none(),
    )
    if request.method == "POST":
        if not may_change or unit is None:
            raise PermissionDenied
        if form.is_valid():
            data = dict(form.cleaned_data)
            data["items"] = data["items"].splitlines()
            data["handover_reason"] = data.pop("reason")
            row = _refused(form, lambda: actions.do_start_handover(acting_user=request.user, **data))
            if row is not None:
                messages.success(request, _("Đã lập danh mục bàn giao."))
                return redirect("succession:handover", pk=row.pk)
    rows = Handover.objects.restrict(request.user).select_related(
        "person", "successor", "person__organization"
    )
    if unit is not None:
        rows = rows.filter(person__organization__path__startswith=unit.path)
    rows = rows.annotate(
        items_count=Count("items"), done_count=Count("items", filter=Q(items__done_on__isnull=False))
    ).order_by("due_on", "pk")
    page = page_of(rows, number=page_number(request), size=PER_PAGE)
    return render(
        request,
        "succession/handovers.html",
        {
            "page": page,
            "form": form,
            "unit": unit,
            "may_change": may_change,
            "query": request.GET.urlencode(),
        },
    )


def handover(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """A handover's checklist; each item marked done on the day."""
    row = Handover.objects.restrict(request.user).select_related("person", "successor").get_or_404(pk=pk)
    may_change = can(request.user, Action.CHANGE, row)
    if request.method == "POST":
        if not may_change:
            raise PermissionDenied
        item = HandoverItem.objects.restrict(request.user, Action.CHANGE).get_or_404(
            pk=request.POST.get("item") or 0, handover=row
        )
        try:
            actions.do_complete_handover_item(item=item, done_on=today(), acting_user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("succession:handover", pk=row.pk)
    return render(
        request,
        "succession/handover.html",
        {"handover": row, "items": row.items.all(), "may_change": may_change},
    )
