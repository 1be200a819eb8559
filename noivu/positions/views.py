"""Views of job positions: parse (filter sets, forms), authorise (restricted reads), call the action,
render. A refused action comes back to the project page with the rule it broke."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from noivu.accounts.http import AuthenticatedRequest
from noivu.core import audit, dates
from noivu.core.forms import styled_filters
from noivu.core.http import DOCX, PDF, XLSX
from noivu.core.listing import list_table
from noivu.core.permissions import Action, may_somewhere
from noivu.organizations.models import Organization
from noivu.personnel.models import Person
from noivu.positions import actions, exports
from noivu.positions.campaigns import dashboard, summary
from noivu.positions.filters import GapFilters, ProjectFilters
from noivu.positions.forms import (
    ApproveForm,
    CampaignForm,
    CommentForm,
    PlaceForm,
    PositionForm,
    ProjectForm,
    ReturnForm,
)
from noivu.positions.frames import project_findings
from noivu.positions.gaps import gap_analysis
from noivu.positions.models import (
    Campaign,
    CatalogPosition,
    PositionGroup,
    PositionHolder,
    PositionProject,
    ProjectPosition,
    ProjectStatus,
)
from noivu.positions.presenters import CampaignPresenter, ProjectPresenter
from noivu.positions.versions import changes_since_last_round
from noivu.positions.word import project_docx


def _refusal(error: ValidationError | PermissionDenied) -> str:
    if isinstance(error, PermissionDenied):
        return str(error) or _("Bạn không có quyền thực hiện thao tác này.")
    return " ".join(error.messages)


def _attempt(request: AuthenticatedRequest, call: Callable[[], Any], done: str) -> Any:
    try:
        result = call()
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, _refusal(error))
        return None
    messages.success(request, done)
    return result


def _form_refusal(request: AuthenticatedRequest, form: Any) -> None:
    problems = [
        f"{form.fields[name].label if name in form.fields else ''}: {' '.join(errs)}".lstrip(": ")
        for name, errs in form.errors.items()
    ]
    messages.error(request, " ".join(problems))


# --- Projects ---------------------------------------------------------------------------------------


def projects(request: AuthenticatedRequest) -> HttpResponse:
    """The projects within the user's scope, by unit, kind and status; an HR officer opens a new one."""
    form = ProjectForm()
    if request.method == "POST":
        if not may_somewhere(request.user, Action.CHANGE):
            raise PermissionDenied
        form = ProjectForm(request.POST)
        if form.is_valid():
            unit = (
                Organization.objects.restrict(request.user, Action.CHANGE)
                .filter(code=form.cleaned_data["organization"].strip())
                .first()
            )
            if unit is None:
                form.add_error("organization", _("Không có đơn vị mã này trong phạm vi bạn được thay đổi."))
            else:
                data = {k: v for k, v in form.cleaned_data.items() if k != "organization"}
                try:
                    project = actions.do_create_project(organization=unit, acting_user=request.user, **data)
                except (ValidationError, PermissionDenied) as error:
                    form.add_error(None, _refusal(error))
                else:
                    messages.success(request, _("Đã lập dự thảo đề án."))
                    return redirect("positions:project", pk=project.pk)
    filters = ProjectFilters(request.GET, user=request.user)
    rows = filters.apply(PositionProject.objects.restrict(request.user)).select_related("organization")
    return render(
        request,
        "positions/projects.html",
        {
            "filter_form": styled_filters(filters.form),
            "form": form,
            "table": list_table(
                request,
                "position_project",
                rows,
                ProjectPresenter,
                default_sort="organization",
                link=lambda p: reverse("positions:project", args=[p.pk]),
            ),
            "may_create": may_somewhere(request.user, Action.CHANGE),
        },
    )


def _allowed(request: AuthenticatedRequest, pk: int) -> dict[str, bool]:
    return {
        action: PositionProject.objects.restrict(request.user, action).filter(pk=pk).exists()
        for action in (Action.CHANGE, Action.APPRAISE, Action.APPROVE)
    }


def project(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """A project: its positions with the people placed and the appraisers' comments, the checks' findings
    with their legal basis, what changed since the last submission, and the steps the user may take."""
    item = (
        PositionProject.objects.restrict(request.user)
        .select_related("organization", "previous")
        .get_or_404(pk=pk)
    )
    allowed = _allowed(request, pk)
    positions = list(item.positions.select_related("catalog").order_by("catalog__group", "catalog__code"))
    holders = list(item.holders.select_related("person").order_by("person__full_name_folded"))
    comments = list(item.comments.select_related("author"))
    by_position: dict[int, dict[str, list]] = {p.pk: {"holders": [], "comments": []} for p in positions}
    for holder in holders:
        by_position[holder.position_id]["holders"].append(holder)
    general = []
    for comment in comments:
        if comment.position_id in by_position:
            by_position[comment.position_id]["comments"].append(comment)
        else:
            general.append(comment)
    rows = [{"position": p, **by_position[p.pk]} for p in positions]
    position_choices = [(str(p.pk), f"{p.catalog.code} – {p.catalog.name}") for p in positions]
    context: dict[str, Any] = {
        "item": item,
        "rows": rows,
        "general_comments": general,
        "findings": project_findings(item, dates.today()),
        "total": sum(p.headcount for p in positions),
        "allowed": allowed,
    }
    compared, changes = changes_since_last_round(item)
    context.update(compared_round=compared, changes=changes)
    if item.editable and allowed[Action.CHANGE]:
        catalog = CatalogPosition.objects.restrict(request.user).filter(
            staff_kind=item.staff_kind, active=True
        )
        context["position_form"] = PositionForm(
            choices=[(str(c.pk), f"{c.code} – {c.name}") for c in catalog.order_by("group", "code")]
        )
        present = (
            actions.present_in(item, dates.today())
            .select_related("person")
            .order_by("person__full_name_folded")[:2000]
        )
        context["place_form"] = PlaceForm(
            people=[(str(a.person_id), a.person.full_name) for a in present], positions=position_choices
        )
    if item.status in (ProjectStatus.SUBMITTED, ProjectStatus.UNDER_APPRAISAL) and allowed[Action.APPRAISE]:
        context["comment_form"] = CommentForm(positions=position_choices)
        context["return_form"] = ReturnForm()
    if item.status == ProjectStatus.UNDER_APPRAISAL and allowed[Action.APPROVE]:
        context["approve_form"] = ApproveForm(initial={"decision_date": dates.today()})
    context["has_newer"] = (
        PositionProject.objects.unrestricted()
        .filter(organization_id=item.organization_id, staff_kind=item.staff_kind, version__gt=item.version)
        .exists()
    )
    return render(request, "positions/project.html", context)


def _writable(request: AuthenticatedRequest, pk: int, action: str) -> PositionProject:
    return (
        PositionProject.objects.restrict(request.user, action)
        .select_related("organization")
        .get_or_404(pk=pk)
    )


@require_POST
def project_positions(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Add or change a position of a draft (headcount, planned rank), or take one out (``remove``)."""
    item = _writable(request, pk, Action.CHANGE)
    if request.POST.get("remove"):
        position = (
            ProjectPosition.objects.restrict(request.user, Action.CHANGE)
            .filter(project=item, pk=request.POST["remove"] if request.POST["remove"].isdigit() else 0)
            .first()
        )
        if position is not None:
            _attempt(
                request,
                lambda: actions.do_remove_position(position=position, acting_user=request.user),
                _("Đã bỏ vị trí khỏi đề án."),
            )
        return redirect("positions:project", pk=pk)
    catalog = CatalogPosition.objects.restrict(request.user).filter(staff_kind=item.staff_kind)
    form = PositionForm(request.POST, choices=[(str(c.pk), c.code) for c in catalog])
    if form.is_valid():
        chosen = catalog.get(pk=form.cleaned_data["catalog"])
        _attempt(
            request,
            lambda: actions.do_set_position(
                project=item,
                catalog=chosen,
                headcount=form.cleaned_data["headcount"],
                rank_code=form.cleaned_data["rank_code"],
                acting_user=request.user,
            ),
            _("Đã ghi vị trí %(code)s.") % {"code": chosen.code},
        )
    else:
        _form_refusal(request, form)
    return redirect("positions:project", pk=pk)


@require_POST
def project_people(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Place a person working in the agency in a position (main or concurrent), or take one out."""
    item = _writable(request, pk, Action.CHANGE)
    if request.POST.get("remove"):
        holder = (
            PositionHolder.objects.restrict(request.user, Action.CHANGE)
            .filter(project=item, pk=request.POST["remove"] if request.POST["remove"].isdigit() else 0)
            .first()
        )
        if holder is not None:
            _attempt(
                request,
                lambda: actions.do_unplace_person(holder=holder, acting_user=request.user),
                _("Đã bỏ bố trí."),
            )
        return redirect("positions:project", pk=pk)
    positions = ProjectPosition.objects.restrict(request.user, Action.CHANGE).filter(project=item)
    form = PlaceForm(
        request.POST,
        people=[(request.POST.get("person", ""), "")],
        positions=[(str(p.pk), "") for p in positions],
    )
    if form.is_valid():
        person = (
            Person.objects.restrict(request.user, Action.CHANGE)
            .filter(pk=form.cleaned_data["person"] if str(form.cleaned_data["person"]).isdigit() else 0)
            .first()
        )
        position = positions.get(pk=form.cleaned_data["position"])
        if person is None:
            messages.error(request, _("Không tìm thấy người này trong phạm vi bạn được thay đổi."))
        else:
            _attempt(
                request,
                lambda: actions.do_place_person(
                    position=position,
                    person=person,
                    is_main=form.cleaned_data["is_main"],
                    acting_user=request.user,
                ),
                _("Đã bố trí %(name)s.") % {"name": person.full_name},
            )
    else:
        _form_refusal(request, form)
    return redirect("positions:project", pk=pk)


@require_POST
def project_submit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    item = _writable(request, pk, Action.CHANGE)
    _attempt(
        request,
        lambda: actions.do_submit_project(project=item, acting_user=request.user),
        _("Đã gửi đề án thẩm định."),
    )
    return redirect("positions:project", pk=pk)


@require_POST
def project_appraise(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    item = _writable(request, pk, Action.APPRAISE)
    _attempt(
        request,
        lambda: actions.do_start_appraisal(project=item, acting_user=request.user),
        _("Đã tiếp nhận thẩm định."),
    )
    return redirect("positions:project", pk=pk)


@require_POST
def project_comment(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    item = _writable(request, pk, Action.APPRAISE)
    positions = ProjectPosition.objects.restrict(request.user, Action.APPRAISE).filter(project=item)
    form = CommentForm(request.POST, positions=[(str(p.pk), "") for p in positions])
    if form.is_valid():
        position = positions.select_related("catalog").filter(pk=form.cleaned_data["position"] or 0).first()
        _attempt(
            request,
            lambda: actions.do_comment(
                project=item, position=position, text=form.cleaned_data["text"], acting_user=request.user
            ),
            _("Đã ghi ý kiến."),
        )
    else:
        _form_refusal(request, form)
    return redirect("positions:project", pk=pk)


@require_POST
def project_return(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    item = _writable(request, pk, Action.APPRAISE)
    form = ReturnForm(request.POST)
    if form.is_valid():
        _attempt(
            request,
            lambda: actions.do_return_project(
                project=item, reasons=form.cleaned_data["reasons"], acting_user=request.user
            ),
            _("Đã trả lại đề án."),
        )
    else:
        _form_refusal(request, form)
    return redirect("positions:project", pk=pk)


@require_POST
def project_approve(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    item = _writable(request, pk, Action.APPROVE)
    form = ApproveForm(request.POST)
    if form.is_valid():
        _attempt(
            request,
            lambda: actions.do_approve_project(project=item, acting_user=request.user, **form.cleaned_data),
            _("Đã phê duyệt đề án."),
        )
    else:
        _form_refusal(request, form)
    return redirect("positions:project", pk=pk)


@require_POST
def project_version(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    item = _writable(request, pk, Action.CHANGE)
    draft = _attempt(
        request,
        lambda: actions.do_new_version(project=item, acting_user=request.user),
        _("Đã lập phiên bản mới."),
    )
    return redirect("positions:project", pk=draft.pk if draft is not None else pk)


def project_document(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The project as a document to print (PDF, ``?format=pdf``) or to finish in Word (``?format=docx``), or
    its annexes (Excel, otherwise)."""
    item = (
        PositionProject.objects.restrict(request.user, Action.EXPORT)
        .select_related("organization")
        .get_or_404(pk=pk)
    )
    audit.record_read(request, audit.DATA_EXPORTED, target=item)
    if request.GET.get("format") == "docx":
        context = exports.document_context(item, project_findings(item, dates.today()), dates.today())
        response = HttpResponse(project_docx(context), content_type=DOCX)
        response["Content-Disposition"] = f'attachment; filename="de-an-vi-tri-viec-lam-{item.pk}.docx"'
        return response
    if request.GET.get("format") == "pdf":
        from weasyprint import HTML  # imported here: loading Pango is slow and only the PDF needs it

        context = exports.document_context(item, project_findings(item, dates.today()), dates.today())
        html = render_to_string("positions/document.html", context, request=request)
        pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
        response = HttpResponse(pdf, content_type=PDF)
        response["Content-Disposition"] = f'inline; filename="de-an-vi-tri-viec-lam-{item.pk}.pdf"'
        return response
    response = HttpResponse(exports.annexes_workbook(item), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="phu-luc-de-an-{item.pk}.xlsx"'
    return response


# --- Campaigns --------------------------------------------------------------------------------------


def campaigns(request: AuthenticatedRequest) -> HttpResponse:
    """The campaigns within the user's scope; an HR officer of the Ministry or a Department opens one."""
    form = CampaignForm()
    if request.method == "POST":
        if not may_somewhere(request.user, Action.CHANGE):
            raise PermissionDenied
        form = CampaignForm(request.POST)
        if form.is_valid():
            data = dict(form.cleaned_data)
            unit = (
                Organization.objects.restrict(request.user, Action.CHANGE)
                .filter(code=data.pop("organization").strip())
                .first()
            )
            codes = sorted(
                {c.strip() for c in data.pop("agencies").replace(",", "\n").splitlines() if c.strip()}
            )
            agencies = list(Organization.objects.restrict(request.user).filter(code__in=codes))
            missing = sorted(set(codes) - {a.code for a in agencies})
            if unit is None:
                form.add_error("organization", _("Không có đơn vị mã này trong phạm vi bạn được thay đổi."))
            elif missing:
                form.add_error(
                    "agencies", _("Không tìm thấy đơn vị: %(codes)s.") % {"codes": ", ".join(missing[:5])}
                )
            else:
                try:
                    campaign = actions.do_open_campaign(
                        organization=unit, agencies=agencies, acting_user=request.user, **data
                    )
                except (ValidationError, PermissionDenied) as error:
                    form.add_error(None, _refusal(error))
                else:
                    messages.success(request, _("Đã mở đợt."))
                    return redirect("positions:campaign", pk=campaign.pk)
    rows = Campaign.objects.restrict(request.user).select_related("organization")
    return render(
        request,
        "positions/campaigns.html",
        {
            "form": form,
            "table": list_table(
                request,
                "position_campaign",
                rows,
                CampaignPresenter,
                default_sort="-deadline",
                link=lambda c: reverse("positions:campaign", args=[c.pk]),
            ),
            "may_open": may_somewhere(request.user, Action.CHANGE),
        },
    )


def campaign(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """A campaign's dashboard: each agency's state, the days left, the overdue ones."""
    item = Campaign.objects.restrict(request.user).select_related("organization").get_or_404(pk=pk)
    rows = dashboard(item, dates.today())
    shown = request.GET.get("show", "")
    if shown == "overdue":
        rows_shown = [row for row in rows if row.overdue]
    elif shown == "pending":
        rows_shown = [row for row in rows if not row.approved]
    else:
        rows_shown = rows
    return render(
        request,
        "positions/campaign.html",
        {
            "item": item,
            "summary": summary(rows),
            "rows": rows_shown[:500],
            "more": max(0, len(rows_shown) - 500),
            "shown": shown,
            "days_left": (item.deadline - dates.today()).days,
            "may_remind": Campaign.objects.restrict(request.user, Action.CHANGE).filter(pk=pk).exists(),
        },
    )


@require_POST
def campaign_remind(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    item = Campaign.objects.restrict(request.user, Action.CHANGE).get_or_404(pk=pk)
    sent = _attempt(
        request,
        lambda: actions.do_send_reminders(campaign=item, acting_user=request.user),
        _("Đã gửi thư nhắc hạn."),
    )
    if sent is not None:
        messages.info(request, _("Số thư đã gửi: %(count)s.") % {"count": sent})
    return redirect("positions:campaign", pk=pk)


# --- Gap analysis -----------------------------------------------------------------------------------


def gaps(request: AuthenticatedRequest) -> HttpResponse:
    """Vacancies, surplus and the people who do not meet their position, under the approved projects in
    force on the as-of date."""
    filters = GapFilters(request.GET, user=request.user)
    report = gap_analysis(filters.apply(PositionProject.objects.restrict(request.user)), filters.as_of)
    projects_by_id = {
        p.pk: p
        for p in PositionProject.objects.restrict(request.user)
        .filter(pk__in=report.positions["project_id"].unique().to_list())
        .select_related("organization")
    }
    groups = dict(PositionGroup.choices)
    rows = [
        {**row, "project": projects_by_id.get(row["project_id"]), "group_label": groups.get(row["group"], "")}
        for row in report.positions.filter(
            (report.positions["vacant"] > 0) | (report.positions["surplus"] > 0)
        )
        .head(500)
        .to_dicts()
    ]
    return render(
        request,
        "positions/gaps.html",
        {
            "filter_form": styled_filters(filters.form),
            "as_of": filters.as_of,
            "totals": report.totals,
            "rows": rows,
            "findings": report.findings[:500],
        },
    )
