"""State changes of arrangement plans: propose (solver), draw by hand, the approval workflow, and
adoption, which writes the change events and carries the merge over into the organisation tree and
the records of the apps registered in :mod:`.cascade`."""

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

import numpy as np
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from shapely.geometry import mapping

from noivu.admin_units.actions import require_provinces
from noivu.admin_units.arrangement import engine
from noivu.admin_units.arrangement.adjacency import approximate_edges, edge, read_boundaries
from noivu.admin_units.arrangement.cascade import UnitMerge, merge_effects
from noivu.admin_units.arrangement.models import (
    AdjacencySource,
    ArrangementPlan,
    Objective,
    PlanGroup,
    PlanSource,
    PlanStatus,
    UnitAdjacency,
    UnitBoundary,
)
from noivu.admin_units.arrangement.standards import merged_type
from noivu.admin_units.models import AdminUnit, ChangeKind, Level, UnitChange, UnitFigure, UnitType
from noivu.admin_units.names import name_key
from noivu.core.actions import ActionContext, action
from noivu.core.audit import event_type
from noivu.core.permissions import Action
from noivu.organizations.actions import do_create_organization, do_end_organization, do_move_organization
from noivu.organizations.models import Organization, OrganizationKind, OrganizationLevel

PLAN_PROPOSED = event_type("arrangement.plan_proposed", gettext_lazy("Lập phương án sắp xếp ĐVHC"))
PLAN_GROUPS_SET = event_type("arrangement.plan_groups_set", gettext_lazy("Sửa nhóm của phương án sắp xếp"))
PLAN_SUBMITTED = event_type("arrangement.plan_submitted", gettext_lazy("Trình phương án sắp xếp"))
PLAN_APPRAISED = event_type("arrangement.plan_appraised", gettext_lazy("Thẩm định phương án sắp xếp"))
PLAN_APPROVED = event_type("arrangement.plan_approved", gettext_lazy("Phê duyệt phương án sắp xếp"))
PLAN_RETURNED = event_type("arrangement.plan_returned", gettext_lazy("Trả lại phương án sắp xếp"))
PLAN_ADOPTED = event_type("arrangement.plan_adopted", gettext_lazy("Thi hành phương án sắp xếp"))

_TYPE_WORDS: dict[str, str] = {
    UnitType.WARD: "Phường",
    UnitType.COMMUNE: "Xã",
    UnitType.TOWNSHIP: "Thị trấn",
    UnitType.SPECIAL_ZONE: "Đặc khu",
}


def _groups(plan: ArrangementPlan, groups: Iterable[Iterable[str]]) -> None:
    plan.groups.all().delete()
    PlanGroup.objects.bulk_create(
        [
            PlanGroup(plan=plan, members=sorted(group), seat_code=sorted(group)[0])
            for group in groups
            if len(list(group)) > 1
        ]
    )


@action(PLAN_PROPOSED)
def do_propose_plan(
    ctx: ActionContext,
    *,
    organization: Organization,
    name: str,
    parent_code: str,
    as_of: dt.date,
    period: str = "",
    objective: str = Objective.FEWEST_UNITS,
    locked: list[str] | None = None,
    time_limit: float = 20.0,
    solve: bool = True,
) -> ArrangementPlan:
    """A new plan for the units under ``parent_code``, its groups proposed by the solver (or none, to be
    drawn by hand)."""
    ctx.require(organization)
    scope = engine.plan_scope(parent_code, as_of, period or None)
    plan = ArrangementPlan(
        organization=organization,
        name=name.strip() or _("Phương án sắp xếp"),
        regime=scope.regime,
        parent_code=parent_code,
        as_of=as_of,
        period=scope.analysis.period.code,
        objective=objective,
        source=PlanSource.SOLVER if solve else PlanSource.MANUAL,
        locked_codes=sorted(locked or []),
    )
    plan.full_clean()
    plan.save()
    if solve:
        result = engine.propose(scope, objective=objective, locked=plan.locked_codes, time_limit=time_limit)
        _groups(plan, result.groups)
        plan.solver_report = result.report()
        plan.save(update_fields=["solver_report"])
    ctx.audit(plan, extra={"parent_code": parent_code, "objective": objective, **plan.solver_report})
    return plan


def _editable(ctx: ActionContext, plan: ArrangementPlan) -> ArrangementPlan:
    plan = ArrangementPlan.objects.unrestricted().select_for_update().get(pk=plan.pk)
    ctx.require(plan)
    if plan.status not in (PlanStatus.DRAFT, PlanStatus.RETURNED):
        raise ValidationError(_("Chỉ sửa được phương án dự thảo hoặc bị trả lại."))
    return plan


@action(PLAN_GROUPS_SET)
def do_set_plan_groups(
    ctx: ActionContext, *, plan: ArrangementPlan, groups: list[list[str]]
) -> ArrangementPlan:
    """Replace the plan's groups with ones drawn by hand; refused, naming each problem, when a unit is in
    two groups, a group is not contiguous or spans two parents."""
    plan = _editable(ctx, plan)
    scope = engine.plan_scope(plan.parent_code, plan.as_of, plan.period)
    evaluation = engine.evaluate_groups(scope, groups)
    if evaluation.errors:
        raise ValidationError(evaluation.errors)
    _groups(plan, groups)
    plan.source = PlanSource.MANUAL
    plan.save(update_fields=["source", "updated_at"])
    return plan


def _move(
    ctx: ActionContext, plan: ArrangementPlan, allowed: set[str], to: str, comment: str = ""
) -> ArrangementPlan:
    plan = ArrangementPlan.objects.unrestricted().select_for_update().get(pk=plan.pk)
    ctx.require(plan)
    if plan.status not in allowed:
        raise ValidationError(
            _("Phương án đang ở trạng thái %(status)s: không thực hiện được bước này.")
            % {"status": plan.get_status_display()}
        )
    plan.status = to
    if comment:
        plan.comment = comment
    plan.save(update_fields=["status", "comment", "updated_at"])
    ctx.audit(plan, extra={"status": to})
    return plan


@action(PLAN_SUBMITTED)
def do_submit_plan(ctx: ActionContext, *, plan: ArrangementPlan) -> ArrangementPlan:
    if not plan.groups.exists():
        raise ValidationError(_("Phương án chưa có nhóm đơn vị nào để trình."))
    return _move(ctx, plan, {PlanStatus.DRAFT, PlanStatus.RETURNED}, PlanStatus.SUBMITTED)


@action(PLAN_APPRAISED, permission=Action.APPRAISE)
def do_appraise_plan(ctx: ActionContext, *, plan: ArrangementPlan, comment: str = "") -> ArrangementPlan:
    return _move(ctx, plan, {PlanStatus.SUBMITTED}, PlanStatus.APPRAISED, comment)


@action(PLAN_APPROVED, permission=Action.APPROVE)
def do_approve_plan(ctx: ActionContext, *, plan: ArrangementPlan, comment: str = "") -> ArrangementPlan:
    return _move(ctx, plan, {PlanStatus.SUBMITTED, PlanStatus.APPRAISED}, PlanStatus.APPROVED, comment)


@action(PLAN_RETURNED, permission=Action.APPROVE)
def do_return_plan(ctx: ActionContext, *, plan: ArrangementPlan, comment: str) -> ArrangementPlan:
    if not comment.strip():
        raise ValidationError({"comment": _("Hãy ghi lý do trả lại.")})
    return _move(ctx, plan, {PlanStatus.SUBMITTED, PlanStatus.APPRAISED}, PlanStatus.RETURNED, comment)


def _next_code(province_code: str, regime: str, taken: set[str]) -> str:
    """A commune code not used in the regime: after the highest code of the province."""
    codes = AdminUnit.objects.filter(
        regime=regime, level=Level.COMMUNE, province_code=province_code
    ).values_list("code", flat=True)
    used = {int(code) for code in codes if code.isdigit()} | {int(c) for c in taken if c.isdigit()}
    every = {
        int(code)
        for code in AdminUnit.objects.filter(regime=regime, level=Level.COMMUNE).values_list(
            "code", flat=True
        )
        if code.isdigit()
    }
    candidate = max(used, default=0) + 1
    while candidate in every or candidate in used:
        candidate += 1
    return f"{candidate:05d}"


@action(PLAN_ADOPTED, permission=Action.ADMINISTER)
def do_adopt_plan(
    ctx: ActionContext,
    *,
    plan: ArrangementPlan,
    resolution_number: str,
    resolution_date: dt.date,
    effective_on: dt.date,
    names: dict[int, str] | None = None,
) -> ArrangementPlan:
    """Put an approved plan into force on ``effective_on`` by ``resolution_number``: each group becomes a
    new unit (named, coded) and a merge event; the old units end the day before; the commune People's
    Committees are merged in the organisation tree and the registered effects (people, addresses) run."""
    plan = ArrangementPlan.objects.unrestricted().select_for_update().get(pk=plan.pk)
    ctx.require(plan)
    if plan.status != PlanStatus.APPROVED:
        raise ValidationError(_("Chỉ thi hành được phương án đã phê duyệt."))
    if not resolution_number.strip():
        raise ValidationError({"resolution_number": _("Hãy nhập số nghị quyết.")})
    if effective_on <= plan.as_of:
        raise ValidationError({"effective_on": _("Ngày có hiệu lực phải sau ngày số liệu của phương án.")})
    names = names or {}
    taken: set[str] = set()
    lines: list[str] = []
    for group in plan.groups.order_by("pk"):
        old_units = list(
            AdminUnit.objects.as_of(effective_on - dt.timedelta(days=1)).filter(
                regime=plan.regime, level=Level.COMMUNE, code__in=group.members
            )
        )
        if len(old_units) != len(group.members):
            raise ValidationError(
                _("Nhóm %(members)s có đơn vị không còn hiệu lực trước ngày %(day)s.")
                % {"members": ", ".join(group.members), "day": effective_on.strftime("%d/%m/%Y")}
            )
        seat = next((u for u in old_units if u.code == group.seat_code), old_units[0])
        unit_type = merged_type([u.unit_type for u in old_units])
        short = (names.get(group.pk) or group.new_name or seat.short_name).strip()
        code = group.new_code or _next_code(seat.province_code, plan.regime, taken)
        taken.add(code)
        full_name = f"{_TYPE_WORDS.get(unit_type, 'Xã')} {short}"
        figures = {f.unit_id: f for f in UnitFigure.objects.as_of(plan.as_of).filter(unit__in=old_units)}
        new = AdminUnit(
            regime=plan.regime,
            level=Level.COMMUNE,
            code=code,
            name=full_name,
            short_name=short,
            unit_type=unit_type,
            parent_code=seat.parent_code,
            province_code=seat.province_code,
            area_km2=sum((u.area_km2 or Decimal(0)) for u in old_units),
            latitude=float(np.mean([u.latitude for u in old_units if u.latitude is not None] or [np.nan])),
            longitude=float(np.mean([u.longitude for u in old_units if u.longitude is not None] or [np.nan])),
            effective_from=effective_on,
        )
        new.folded_name = name_key(full_name)
        new.full_clean()
        new.save()
        if figures:
            UnitFigure.objects.create(
                unit=new,
                effective_from=effective_on,
                area_km2=sum((f.area_km2 or Decimal(0)) for f in figures.values()),
                population=sum((f.population or 0) for f in figures.values()),
                setting=figures[seat.pk].setting if seat.pk in figures else "",
                mountainous=any(f.mountainous for f in figures.values()),
                administrative_centre=seat.name,
                source=resolution_number,
            )
        for old in old_units:
            old.effective_to = effective_on - dt.timedelta(days=1)
            old.save(update_fields=["effective_to"])
        change = UnitChange.objects.create(
            kind=ChangeKind.MERGE,
            resolution_number=resolution_number,
            resolution_date=resolution_date,
            effective_from=effective_on,
            plan=plan,
        )
        change.before.set(old_units)
        change.after.set([new])
        group.new_code, group.new_name = code, short
        group.save(update_fields=["new_code", "new_name"])
        lines.append(_cascade(ctx, plan, group.members, new, effective_on, resolution_number))
    plan.status = PlanStatus.ADOPTED
    plan.resolution_number = resolution_number
    plan.resolution_date = resolution_date
    plan.effective_on = effective_on
    plan.save(update_fields=["status", "resolution_number", "resolution_date", "effective_on", "updated_at"])
    ctx.audit(
        plan,
        extra={
            "resolution_number": resolution_number,
            "effective_on": effective_on.isoformat(),
            "report": lines,
        },
    )
    return plan


def _cascade(
    ctx: ActionContext,
    plan: ArrangementPlan,
    old_codes: list[str],
    new: AdminUnit,
    effective_on: dt.date,
    resolution: str,
) -> str:
    """Merge the commune People's Committees of ``old_codes`` into a new committee of ``new`` and run the
    registered effects."""
    committees = list(
        Organization.objects.unrestricted()
        .filter(kind=OrganizationKind.COMMUNE_COMMITTEE, admin_unit_code__in=old_codes)
        .as_of(effective_on - dt.timedelta(days=1))
        .order_by("path")
    )
    mapping: dict[int, int] = {}
    report = ""
    if committees:
        parent: Any = committees[0].get_parent()
        committee = do_create_organization(
            parent=parent,
            code=f"X{new.code}",
            name=f"UBND {new.name[0].lower()}{new.name[1:]}",
            kind=OrganizationKind.COMMUNE_COMMITTEE,
            level=OrganizationLevel.COMMUNE,
            effective_from=effective_on,
            admin_unit_code=new.code,
            acting_user=ctx.user,
            reason=resolution,
        )
        mapping = {c.pk: committee.pk for c in committees}
    merge = UnitMerge(
        tuple(old_codes), new.code, new.name, new.province_code, effective_on, resolution, mapping
    )
    lines = [effect.apply(merge, ctx.user) for effect in merge_effects]
    if committees:
        into = Organization.objects.unrestricted().get(pk=next(iter(mapping.values())))
        last_day = effective_on - dt.timedelta(days=1)
        for committee in committees:
            for child in list(Organization.objects.unrestricted().get(pk=committee.pk).get_children()):
                do_move_organization(organization=child, parent=into, acting_user=ctx.user, reason=resolution)
            do_end_organization(
                organization=committee, last_day=last_day, acting_user=ctx.user, reason=resolution
            )
    report = f"{new.name}: " + " ".join(lines)
    return report


ADJACENCY_IMPORTED = event_type(
    "arrangement.boundaries_imported", gettext_lazy("Nhập tệp ranh giới đơn vị hành chính")
)
ADJACENCY_DERIVED = event_type("arrangement.adjacency_derived", gettext_lazy("Ước lượng quan hệ liền kề"))
ADJACENCY_EDITED = event_type("arrangement.adjacency_edited", gettext_lazy("Sửa quan hệ liền kề"))


def _scope_units(parent_code: str, day: dt.date) -> tuple[AdminUnit, list[AdminUnit]]:
    parent = engine.parent_unit(parent_code, day)
    units = AdminUnit.objects.as_of(
        max(day, dt.date(2025, 1, 1)) if parent.regime == "legacy" else day
    ).filter(regime=parent.regime, level=Level.COMMUNE)
    units = (
        units.filter(parent_code=parent.code)
        if parent.level == Level.DISTRICT
        else units.filter(province_code=parent.code)
    )
    return parent, list(units)


def _replace_pairs(
    regime: str,
    province_code: str,
    codes: set[str],
    pairs: set[tuple[str, str]],
    source: str,
    approximate: bool,
) -> int:
    UnitAdjacency.objects.filter(regime=regime, code_a__in=codes, code_b__in=codes).delete()
    UnitAdjacency.objects.bulk_create(
        [
            UnitAdjacency(
                regime=regime,
                code_a=a,
                code_b=b,
                province_code=province_code,
                source=source,
                approximate=approximate,
            )
            for a, b in sorted(pairs)
        ]
    )
    return len(pairs)


@action(ADJACENCY_IMPORTED)
def do_import_boundaries(ctx: ActionContext, *, parent_code: str, day: dt.date, content: bytes) -> int:
    """Store the polygons of a boundary file (GeoJSON, WGS 84, unit codes in ``code``) for the units of a
    parent and replace their adjacency with the one the polygons give; refused whole, naming each problem."""
    parent, units = _scope_units(parent_code, day)
    require_provinces(ctx, [parent.province_code])
    found = read_boundaries(content, [u.code for u in units])
    by_code = {u.code: u for u in units}
    UnitBoundary.objects.filter(unit__in=[by_code[c] for c in found.polygons]).delete()
    UnitBoundary.objects.bulk_create(
        [
            UnitBoundary(unit=by_code[code], geometry=mapping(shape), approximate=False)
            for code, shape in found.polygons.items()
        ]
    )
    count = _replace_pairs(
        parent.regime,
        parent.province_code,
        set(found.polygons),
        found.edges,
        AdjacencySource.BOUNDARIES,
        False,
    )
    ctx.audit(extra={"parent_code": parent_code, "units": len(found.polygons), "pairs": count})
    return count


@action(ADJACENCY_DERIVED)
def do_derive_adjacency(ctx: ActionContext, *, parent_code: str, day: dt.date) -> int:
    """Store the approximate adjacency of a parent's units from their centres (marked approximate)."""
    scope = engine.plan_scope(parent_code, day)
    require_provinces(ctx, [scope.parent.province_code])
    pairs = approximate_edges(scope.units)
    count = _replace_pairs(
        scope.regime,
        scope.parent.province_code,
        set(scope.units.code),
        pairs,
        AdjacencySource.CENTROIDS,
        True,
    )
    ctx.audit(extra={"parent_code": parent_code, "pairs": count})
    return count


@action(ADJACENCY_EDITED)
def do_edit_adjacency(
    ctx: ActionContext,
    *,
    parent_code: str,
    day: dt.date,
    add: list[tuple[str, str]],
    remove: list[tuple[str, str]],
) -> int:
    """A person's corrections: pairs added (entered by hand) and pairs marked removed."""
    scope = engine.plan_scope(parent_code, day)
    require_provinces(ctx, [scope.parent.province_code])
    codes = set(scope.units.code)
    for a, b in [*add, *remove]:
        if a not in codes or b not in codes or a == b:
            raise ValidationError(_("Cặp đơn vị %(a)s–%(b)s không thuộc phạm vi.") % {"a": a, "b": b})
    if not UnitAdjacency.objects.filter(regime=scope.regime, code_a__in=codes, code_b__in=codes).exists():
        _replace_pairs(
            scope.regime, scope.parent.province_code, codes, scope.edges, AdjacencySource.CENTROIDS, True
        )
    changed = 0
    for a, b in {edge(a, b) for a, b in add}:
        row, _created = UnitAdjacency.objects.get_or_create(
            regime=scope.regime,
            code_a=a,
            code_b=b,
            defaults={"province_code": scope.parent.province_code, "source": AdjacencySource.MANUAL},
        )
        row.removed, row.source = False, AdjacencySource.MANUAL
        row.save()
        changed += 1
    for a, b in {edge(a, b) for a, b in remove}:
        changed += UnitAdjacency.objects.filter(regime=scope.regime, code_a=a, code_b=b).update(removed=True)
    ctx.audit(
        extra={
            "parent_code": parent_code,
            "added": [list(p) for p in add],
            "removed": [list(p) for p in remove],
        }
    )
    return changed
