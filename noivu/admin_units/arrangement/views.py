"""Pages of the arrangement: the analysis and its export, plans (propose, draw, evaluate, the workflow,
adoption), the map data and the adjacency of a scope. Thin: parse, authorise, call the action, render."""

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from noivu.accounts.http import AuthenticatedRequest
from noivu.admin_units.actions import do_import_unit_figures, do_record_unit_figure, may_change_province
from noivu.admin_units.arrangement import actions, engine
from noivu.admin_units.arrangement.adjacency import BoundaryError
from noivu.admin_units.arrangement.analysis import SORTABLE, parent_choices, read
from noivu.admin_units.arrangement.export import analysis_workbook
from noivu.admin_units.arrangement.filters import AnalysisFilters
from noivu.admin_units.arrangement.forms import (
    AdoptForm,
    AsOfDateForm,
    GroupsForm,
    PlanForm,
    UnitFigureForm,
    parse_groups,
)
from noivu.admin_units.arrangement.mapping import scope_features
from noivu.admin_units.arrangement.models import AdjacencySource, ArrangementPlan, PlanStatus, UnitAdjacency
from noivu.admin_units.arrangement.presenters import AnalysisPresenter, figure
from noivu.admin_units.arrangement.standards import Verdict
from noivu.admin_units.census import CENSUS_DAY, CENSUS_SOURCE, match_census
from noivu.admin_units.models import AdminUnit, ExemptionGround, Level, UnitFigure
from noivu.admin_units.registry import regime_on
from noivu.core import audit
from noivu.core.http import XLSX
from noivu.core.listing import ListPage, page_number
from noivu.core.permissions import Action, can, granted_paths, may_somewhere
from noivu.organizations.models import Organization, OrganizationKind

PAGE_SIZE = 50
COLUMNS = [
    "name",
    "unit_type",
    "parent",
    "area_km2",
    "area_pct",
    "population",
    "population_pct",
    "verdict",
    "grounds",
]


def _province_choices(user: Any, day: dt.date) -> list[tuple[str, str]]:
    units = AdminUnit.objects.restrict(user).as_of(
        max(day, dt.date(2025, 1, 1)) if day < dt.date(2025, 7, 1) else day
    )
    return list(
        units.filter(level=Level.PROVINCE, regime=regime_on(day)).order_by("name").values_list("code", "name")
    )


def analysis(request: AuthenticatedRequest) -> HttpResponse:
    """The analysis of a province or district (phân tích theo tiêu chuẩn) as of a day: each unit's area
    and population as a share of its standard and its verdict, sortable, with the summary by verdict."""
    filters = AnalysisFilters(request.GET, user=request.user)
    if filters.errors:
        result = None
    else:
        try:
            result = read(filters, request.GET.get("sort", ""))
        except LookupError as missing:
            filters.form.add_error("period", str(missing))
            result = None
    rows = result.rows if result else []
    number = page_number(request)
    start = (number - 1) * PAGE_SIZE
    page = ListPage(
        rows=rows[start : start + PAGE_SIZE],
        number=number,
        size=PAGE_SIZE,
        count=len(rows),
        has_next=start + PAGE_SIZE < len(rows),
        sort=result.sort if result else "",
        sortable={name: name for name in SORTABLE},
    )
    presenter = AnalysisPresenter(request.user)
    headers = []
    for name in COLUMNS:
        column = presenter.column(name)
        key = column.sort
        sorted_here = page.sort.lstrip("-") == key
        headers.append(
            {
                "label": column.label,
                "sort_key": (f"-{key}" if sorted_here and not page.sort.startswith("-") else key)
                if key
                else None,
                "sorted": sorted_here,
                "descending": page.sort.startswith("-"),
            }
        )
    labels = [presenter.column(name).label for name in COLUMNS]
    table_rows = [
        {
            "cells": [
                {"label": label, "text": text}
                for label, text in zip(labels, presenter.cells(row, COLUMNS), strict=True)
            ],
            "verdict": row["verdict"],
            "citation": row["citation"],
            "url": reverse("admin_units:unit_figures", args=[regime_on(filters.as_of), row["code"]]),
        }
        for row in page.rows
    ]
    counts = result.counts if result else {}
    return render(
        request,
        "admin_units/analysis.html",
        {
            "filters": filters,
            "form": filters.form,
            "result": result,
            "page": page,
            "headers": headers,
            "rows": table_rows,
            "summary": [(Verdict(v).label, v, counts.get(v, 0)) for v in Verdict.values if counts.get(v)],
            "provinces": _province_choices(request.user, filters.as_of),
            "districts": [(code, name) for code, name in parent_choices(request.user) if len(code) == 3],
            "period": result.analysis.period if result else None,
            "may_export": may_somewhere(request.user, Action.EXPORT),
            "map_url": (
                f"{reverse('admin_units:map_data')}?{request.GET.urlencode()}"
                if result and (filters.value("parent") or filters.value("province") or result.province_codes)
                else ""
            ),
        },
    )


def analysis_export(request: AuthenticatedRequest) -> HttpResponse:
    """The analysis as an Excel workbook (every row of the filtered scope, with the standards' citations)."""
    if not granted_paths(request.user, Action.EXPORT):
        raise PermissionDenied
    filters = AnalysisFilters(request.GET, user=request.user)
    if filters.errors:
        raise ValidationError(filters.errors)
    result = read(filters, request.GET.get("sort", ""))
    audit.record_read(request, audit.DATA_EXPORTED)
    response = HttpResponse(analysis_workbook(result, AnalysisPresenter(request.user)), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="phan-tich-dvhc-{filters.as_of:%Y%m%d}.xlsx"'
    return response


def map_data(request: AuthenticatedRequest) -> JsonResponse:
    """GeoJSON of a scope's units, coloured by verdict (and by group when a plan is given)."""
    plan = None
    if request.GET.get("plan", "").isdigit():
        plan = ArrangementPlan.objects.restrict(request.user).get_or_404(pk=int(request.GET["plan"]))
        parent, day, period = plan.parent_code, plan.as_of, plan.period
    else:
        filters = AnalysisFilters(request.GET, user=request.user)
        if filters.errors:
            return JsonResponse({"type": "FeatureCollection", "features": []})
        day, period = filters.as_of, filters.value("period") or None
        parent = (
            filters.value("parent")
            or filters.value("province")
            or next(iter(read(filters).province_codes), "")
        )
        if not parent:
            return JsonResponse({"type": "FeatureCollection", "features": []})
    try:
        scope = engine.plan_scope(parent, day, period)
    except (engine.ScopeError, LookupError):
        return JsonResponse({"type": "FeatureCollection", "features": []})
    groups = [list(group.members) for group in plan.groups.all()] if plan else []
    return JsonResponse(scope_features(scope, groups))


def _drafting_organizations(user: Any) -> list[Organization]:
    """The province-level bodies (People's Committee, departments) where the user may draft a plan."""
    return list(
        Organization.objects.restrict(user, Action.CHANGE)
        .filter(kind__in=[OrganizationKind.PROVINCE_COMMITTEE, OrganizationKind.DEPARTMENT], level="province")
        .order_by("path")[:50]
    )


def plans(request: AuthenticatedRequest) -> HttpResponse:
    """The plans of the user's scope, and a new plan (proposed by the solver or to draw by hand)."""
    organizations = _drafting_organizations(request.user)
    form = PlanForm(request.POST or None, organizations=organizations, parents=parent_choices(request.user))
    if request.method == "POST":
        if not organizations:
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            try:
                plan = actions.do_propose_plan(
                    organization=data["organization"],
                    name=data["name"],
                    parent_code=data["parent_code"],
                    as_of=data["as_of"],
                    period=data["period"],
                    objective=data["objective"],
                    solve=data["solve"],
                    time_limit=data["time_limit"],
                    acting_user=request.user,
                )
            except (ValidationError, engine.ScopeError, LookupError) as error:
                form.add_error(None, "; ".join(getattr(error, "messages", [str(error)])))
            else:
                return redirect("admin_units:plan", pk=plan.pk)
    listed = ArrangementPlan.objects.restrict(request.user).select_related("organization")
    return render(
        request,
        "admin_units/plans.html",
        {"plans": listed, "form": form, "may_draft": bool(organizations)},
    )


def _evaluation_context(plan: ArrangementPlan) -> dict[str, Any]:
    scope = engine.plan_scope(plan.parent_code, plan.as_of, plan.period)
    groups = list(plan.groups.order_by("pk"))
    evaluation = engine.evaluate_groups(scope, [g.members for g in groups])
    rows = sorted(evaluation.rows, key=lambda row: (not row.merged, row.names))
    merged = [row for row in rows if row.merged]
    kept = [row for row in rows if not row.merged]
    before = scope.analysis
    summary = {
        "before": len(scope.units),
        "after": evaluation.units_after,
        "merged_units": sum(len(row.codes) for row in merged),
        "groups": len(merged),
        "must_before": int((before.verdict == Verdict.MUST_ARRANGE).sum()),
        "failing_after": sum(1 for row in rows if not row.ok),
        "area": figure(float(sum(row.area_km2 for row in rows if row.area_km2 == row.area_km2)), 2),
        "population": figure(float(sum(row.population for row in rows if row.population == row.population))),
    }
    display = [
        {
            "names": ", ".join(row.names),
            "count": len(row.codes),
            "area": figure(row.area_km2, 2),
            "population": figure(row.population),
            "area_pct": figure(row.area_pct, 1),
            "population_pct": figure(row.population_pct, 1),
            "ok": row.ok,
            "note": row.note,
            "merged": row.merged,
        }
        for row in merged + kept
    ]
    return {
        "scope": scope,
        "evaluation": evaluation,
        "summary": summary,
        "rows": display,
        "groups": groups,
        "group_names": {
            g.pk: ", ".join(
                scope.units.name[scope.units.position()[c]] for c in g.members if c in scope.units.position()
            )
            for g in groups
        },
    }


def plan(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """A plan: its evaluation against the standards (before/after summary, a row per unit formed or
    kept), its map, the groups drawn by hand, and the workflow step the user may take."""
    plan = ArrangementPlan.objects.restrict(request.user).select_related("organization").get_or_404(pk=pk)
    may_change = can(request.user, Action.CHANGE, plan)
    groups_form = GroupsForm(request.POST or None)
    context = _evaluation_context(plan)
    if request.method == "POST":
        if not may_change:
            raise PermissionDenied
        if groups_form.is_valid():
            try:
                parsed = parse_groups(groups_form.cleaned_data["groups"], context["scope"].units)
                actions.do_set_plan_groups(plan=plan, groups=parsed, acting_user=request.user)
            except ValidationError as error:
                for message in error.messages:
                    groups_form.add_error("groups", message)
            else:
                messages.success(request, _("Đã lưu các nhóm của phương án."))
                return redirect("admin_units:plan", pk=plan.pk)
    elif context["groups"]:
        groups_form = GroupsForm(initial={"groups": "\n".join(context["group_names"].values())})
    steps = []
    if plan.status in (PlanStatus.DRAFT, PlanStatus.RETURNED) and may_change:
        steps.append(("submit", _("Trình phương án")))
    if plan.status == PlanStatus.SUBMITTED and can(request.user, Action.APPRAISE, plan):
        steps.append(("appraise", _("Thẩm định")))
    if plan.status in (PlanStatus.SUBMITTED, PlanStatus.APPRAISED) and can(
        request.user, Action.APPROVE, plan
    ):
        steps += [("approve", _("Phê duyệt")), ("return", _("Trả lại"))]
    may_adopt = plan.status == PlanStatus.APPROVED and can(request.user, Action.ADMINISTER, plan)
    return render(
        request,
        "admin_units/plan.html",
        {
            "plan": plan,
            **context,
            "parent": context["scope"].parent,
            "groups_form": groups_form,
            "may_edit": may_change and plan.status in (PlanStatus.DRAFT, PlanStatus.RETURNED),
            "steps": steps,
            "adopt_form": AdoptForm(groups=context["groups"], names=context["group_names"])
            if may_adopt
            else None,
            "map_url": f"{reverse('admin_units:map_data')}?plan={plan.pk}",
        },
    )


@require_POST
def plan_step(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """A workflow step on a plan: submit, appraise, approve, return (with a comment) or adopt."""
    plan = ArrangementPlan.objects.restrict(request.user).get_or_404(pk=pk)
    step = request.POST.get("step", "")
    comment = request.POST.get("comment", "")[:2000]
    try:
        if step == "submit":
            actions.do_submit_plan(plan=plan, acting_user=request.user)
        elif step == "appraise":
            actions.do_appraise_plan(plan=plan, comment=comment, acting_user=request.user)
        elif step == "approve":
            actions.do_approve_plan(plan=plan, comment=comment, acting_user=request.user)
        elif step == "return":
            actions.do_return_plan(plan=plan, comment=comment, acting_user=request.user)
        elif step == "adopt":
            groups = list(plan.groups.order_by("pk"))
            form = AdoptForm(request.POST, groups=groups, names={})
            if not form.is_valid():
                for field, errors in form.errors.items():
                    for error in errors:
                        messages.error(
                            request, f"{form.fields[field].label if field in form.fields else ''}: {error}"
                        )
                return redirect("admin_units:plan", pk=plan.pk)
            data = form.cleaned_data
            actions.do_adopt_plan(
                plan=plan,
                resolution_number=data["resolution_number"],
                resolution_date=data["resolution_date"],
                effective_on=data["effective_on"],
                names={g.pk: data.get(f"name_{g.pk}", "") for g in groups},
                acting_user=request.user,
            )
        else:
            raise PermissionDenied
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Đã cập nhật phương án."))
    return redirect("admin_units:plan", pk=plan.pk)


MAX_UPLOAD = 20 * 1024 * 1024


def _pairs(values: list[str]) -> list[tuple[str, str]]:
    pairs = []
    for value in values:
        a, _sep, b = value.partition("-")
        if a and b:
            pairs.append((a, b))
    return pairs


def adjacency(request: AuthenticatedRequest) -> HttpResponse:
    """The adjacency of a parent's units (quan hệ liền kề): imported from a boundary file, estimated from
    the centres, corrected by hand."""
    filters = AnalysisFilters(request.GET, user=request.user)
    choices = parent_choices(request.user)
    parent_code = request.GET.get("parent") or (choices[0][0] if choices else "")
    day = filters.as_of
    if request.method == "POST":
        if not granted_paths(request.user, Action.CHANGE):
            raise PermissionDenied
        step = request.POST.get("step", "")
        try:
            if step == "derive":
                actions.do_derive_adjacency(parent_code=parent_code, day=day, acting_user=request.user)
            elif step == "edit":
                actions.do_edit_adjacency(
                    parent_code=parent_code,
                    day=day,
                    add=_pairs([f"{request.POST.get('add_a', '')}-{request.POST.get('add_b', '')}"]),
                    remove=_pairs(request.POST.getlist("remove")),
                    acting_user=request.user,
                )
            elif step == "import":
                upload = request.FILES.get("boundaries")
                if upload is None or (upload.size or 0) > MAX_UPLOAD:
                    raise ValidationError(_("Hãy chọn tệp GeoJSON (tối đa 20 MB)."))
                actions.do_import_boundaries(
                    parent_code=parent_code, day=day, content=upload.read(), acting_user=request.user
                )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        except BoundaryError as error:
            for message in error.problems[:50]:
                messages.error(request, message)
        else:
            if step:
                messages.success(request, _("Đã cập nhật quan hệ liền kề."))
        return redirect(f"{reverse('admin_units:adjacency')}?{request.GET.urlencode()}")
    scope = None
    if parent_code:
        try:
            scope = engine.plan_scope(parent_code, day)
        except (engine.ScopeError, LookupError):
            scope = None
    rows = []
    if scope is not None:
        names = dict(zip(scope.units.code, scope.units.name, strict=True))
        stored = {
            (a, b): (source, approximate, removed)
            for a, b, source, approximate, removed in UnitAdjacency.objects.restrict(request.user)
            .filter(regime=scope.regime, code_a__in=names, code_b__in=names)
            .values_list("code_a", "code_b", "source", "approximate", "removed")
        }
        for pair in sorted(set(stored) | scope.edges, key=lambda p: (names[p[0]], names[p[1]])):
            source, approximate, removed = stored.get(pair, (AdjacencySource.CENTROIDS, True, False))
            rows.append(
                {
                    "value": f"{pair[0]}-{pair[1]}",
                    "a": names[pair[0]],
                    "b": names[pair[1]],
                    "source": AdjacencySource(source).label,
                    "approximate": approximate,
                    "removed": removed,
                }
            )
    return render(
        request,
        "admin_units/adjacency.html",
        {
            "scope": scope,
            "rows": rows,
            "parents": choices,
            "parent_code": parent_code,
            "as_of": day,
            "units": sorted(zip(scope.units.name, scope.units.code, strict=True)) if scope else [],
            "may_change": may_somewhere(request.user, Action.CHANGE),
        },
    )


def figures_import(request: AuthenticatedRequest) -> HttpResponse:
    """Import area and population by commune from a CSV file (the 2019 census layout): rows matched to
    units by folded names, the rest listed for a person; all or nothing."""
    if not granted_paths(request.user, Action.CHANGE):
        raise PermissionDenied
    result = None
    imported = None
    errors: list[str] = []
    if request.method == "POST":
        upload = request.FILES.get("figures")
        form = AsOfDateForm(request.POST)
        if upload is None or (upload.size or 0) > MAX_UPLOAD:
            errors.append(_("Hãy chọn tệp CSV (tối đa 20 MB)."))
        elif not form.is_valid():
            errors += [str(message) for messages_ in form.errors.values() for message in messages_]
        else:
            result = match_census(upload.read())
            errors += result.errors
            if not errors:
                try:
                    imported = do_import_unit_figures(
                        figures=result.figures,
                        effective_from=form.cleaned_data["effective_from"],
                        source=form.cleaned_data["source"] or upload.name,
                        acting_user=request.user,
                    )
                except ValidationError as error:
                    errors += error.messages
    else:
        form = AsOfDateForm(initial={"effective_from": CENSUS_DAY, "source": CENSUS_SOURCE})
    return render(
        request,
        "admin_units/figures_import.html",
        {
            "form": form,
            "result": result,
            "imported": imported,
            "errors": errors,
            "unmatched": result.unmatched[:500] if result else [],
        },
    )


def unit_figures(request: AuthenticatedRequest, regime: str, code: str) -> HttpResponse:
    """A commune-level unit's dated figures and classification, and a new figure from a date (the
    exemption grounds a person records make a must-arrange unit exemptible)."""
    unit = AdminUnit.objects.restrict(request.user).get_or_404(regime=regime, level=Level.COMMUNE, code=code)
    history = list(UnitFigure.objects.restrict(request.user).filter(unit=unit).order_by("-effective_from"))
    form = UnitFigureForm(request.POST or None)
    may_change = may_change_province(request.user, unit.province_code)
    if request.method == "POST":
        if not may_change:
            raise PermissionDenied
        if form.is_valid():
            data = dict(form.cleaned_data)
            day, source = data.pop("effective_from"), data.pop("source")
            try:
                do_record_unit_figure(
                    unit=unit, effective_from=day, changes=data, source=source, acting_user=request.user
                )
            except ValidationError as error:
                for message in error.messages:
                    form.add_error(None, message)
            else:
                messages.success(request, _("Đã ghi số liệu của đơn vị."))
                return redirect("admin_units:unit_figures", regime=regime, code=code)
    elif history:
        latest = history[0]
        form = UnitFigureForm(
            initial={name: getattr(latest, name) for name in form.fields if hasattr(latest, name)}
            | {"source": ""}
        )
    grounds = dict(ExemptionGround.choices)
    rows = [
        {
            "period": row.period_label(),
            "area": figure(row.area_km2, 2),
            "population": figure(row.population),
            "flags": ", ".join(
                str(getattr(UnitFigure._meta.get_field(name), "verbose_name", name))
                for name in ("mountainous", "island", "border", "red_river_delta", "coastal_poor")
                if getattr(row, name)
            ),
            "grounds": "; ".join(str(grounds.get(g, g)) for g in row.exemption_grounds),
            "source": row.source,
        }
        for row in history
    ]
    return render(
        request,
        "admin_units/unit_figures.html",
        {
            "unit": unit,
            "rows": rows,
            "form": form,
            "may_change": may_somewhere(request.user, Action.CHANGE),
        },
    )
