"""State changes of the unit registry: importing figures, editing a unit's dated attributes."""

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from noivu.admin_units.census import FigureRow
from noivu.admin_units.models import AdminUnit, ExemptionGround, Level, UnitFigure, UnitSuccession
from noivu.core.actions import ActionContext, action
from noivu.core.audit import event_type
from noivu.core.permissions import Action, can, is_national
from noivu.organizations.models import Organization, OrganizationKind

FIGURES_IMPORTED = event_type("admin_units.figures_imported", gettext_lazy("Nhập số liệu đơn vị hành chính"))
FIGURE_RECORDED = event_type(
    "admin_units.figure_recorded", gettext_lazy("Cập nhật số liệu đơn vị hành chính")
)
BATCH = 2000


def province_organization(province_code: str) -> Organization | None:
    """The People's Committee of a province in the organisation tree, for a current or legacy code
    (a legacy province answers through the province that succeeded it)."""
    codes = [province_code]
    successor = (
        UnitSuccession.objects.filter(level=Level.PROVINCE, legacy_code=province_code)
        .values_list("new_code", flat=True)
        .first()
    )
    if successor:
        codes.append(successor)
    for code in codes:
        found = (
            Organization.objects.unrestricted()
            .filter(kind=OrganizationKind.PROVINCE_COMMITTEE, admin_unit_code=code)
            .first()
        )
        if found is not None:
            return found
    return None


def may_change_province(user: Any, province_code: str) -> bool:
    """Whether ``user`` may change the figures of a province's units (a national grant, or a grant over
    the province's People's Committee)."""
    if is_national(user, Action.CHANGE):
        return True
    organization = province_organization(province_code)
    return organization is not None and can(user, Action.CHANGE, organization)


def require_provinces(
    ctx: ActionContext, province_codes: Iterable[str], permission: str = Action.CHANGE
) -> None:
    """PermissionDenied unless the user may ``permission`` over every province named (a national grant
    covers all of them)."""
    if is_national(ctx.user, permission):
        ctx.require(UnitFigure, permission)
        return
    for code in sorted(set(province_codes)):
        organization = province_organization(code)
        if organization is None:
            raise PermissionDenied(
                _("Tỉnh mã %(code)s không có trong cây tổ chức: chỉ quản trị cấp quốc gia được cập nhật.")
                % {"code": code}
            )
        ctx.require(organization, permission)


@action(FIGURES_IMPORTED)
def do_import_unit_figures(
    ctx: ActionContext, *, figures: list[FigureRow], effective_from: dt.date, source: str
) -> int:
    """Record the figures of a file as in force from ``effective_from``: a unit's figure starting that
    day is replaced, the one in force before it ends the day before. All or nothing."""
    if not figures:
        raise ValidationError(_("Tệp không có dòng nào khớp với đơn vị hành chính."))
    unit_ids = [figure.unit_id for figure in figures]
    provinces = AdminUnit.objects.filter(pk__in=unit_ids).values_list("province_code", flat=True).distinct()
    require_provinces(ctx, provinces)
    existing = UnitFigure.objects.filter(unit_id__in=unit_ids)
    replaced = list(existing.filter(effective_from=effective_from))
    carried = {
        row.unit_id: row for row in existing.filter(effective_from__lt=effective_from).as_of(effective_from)
    }
    for row in carried.values():
        row.effective_to = effective_from - dt.timedelta(days=1)
    UnitFigure.objects.bulk_update(list(carried.values()), ["effective_to"], batch_size=BATCH)
    UnitFigure.objects.filter(pk__in=[row.pk for row in replaced]).delete()
    later = dict(
        existing.filter(effective_from__gt=effective_from)
        .order_by("unit_id", "-effective_from")
        .values_list("unit_id", "effective_from")
    )
    rows = []
    for figure in figures:
        previous = carried.get(figure.unit_id)
        following = later.get(figure.unit_id)
        rows.append(
            UnitFigure(
                unit_id=figure.unit_id,
                area_km2=figure.area_km2,
                population=figure.population,
                setting=figure.setting,
                # Classification and grounds are a person's record: a new census keeps them.
                mountainous=previous.mountainous if previous else False,
                island=previous.island if previous else False,
                border=previous.border if previous else False,
                ethnic_minority_pct=previous.ethnic_minority_pct if previous else None,
                red_river_delta=previous.red_river_delta if previous else False,
                coastal_poor=previous.coastal_poor if previous else False,
                administrative_centre=previous.administrative_centre if previous else "",
                exemption_grounds=previous.exemption_grounds if previous else [],
                source=source[:255],
                effective_from=effective_from,
                effective_to=None if following is None else following - dt.timedelta(days=1),
            )
        )
    created = UnitFigure.objects.bulk_create(rows, batch_size=BATCH)
    UnitFigure.history.bulk_history_create(created, default_user=ctx.user, default_change_reason=source[:100])
    UnitFigure.history.bulk_history_create(
        list(carried.values()), update=True, default_user=ctx.user, default_change_reason=source[:100]
    )
    ctx.audit(extra={"rows": len(created), "effective_from": effective_from.isoformat(), "source": source})
    return len(created)


EDITABLE = (
    "area_km2",
    "population",
    "setting",
    "mountainous",
    "island",
    "border",
    "ethnic_minority_pct",
    "red_river_delta",
    "coastal_poor",
    "administrative_centre",
    "exemption_grounds",
)


@action(FIGURE_RECORDED)
def do_record_unit_figure(
    ctx: ActionContext, *, unit: AdminUnit, effective_from: dt.date, changes: dict[str, Any], source: str = ""
) -> UnitFigure:
    """Record a unit's figures and classification from ``effective_from`` (what is not given carries
    over from the figure in force before); the earlier figure ends the day before."""
    require_provinces(ctx, [unit.province_code])
    unknown = sorted(set(changes) - set(EDITABLE))
    if unknown:
        raise ValidationError(_("Không sửa được trường: %(fields)s.") % {"fields": ", ".join(unknown)})
    grounds = changes.get("exemption_grounds")
    if grounds is not None and not set(grounds) <= set(ExemptionGround.values):
        raise ValidationError({"exemption_grounds": _("Căn cứ không bắt buộc sắp xếp không hợp lệ.")})
    previous = UnitFigure.objects.filter(unit=unit).as_of(effective_from).first()
    values = {name: getattr(previous, name) for name in EDITABLE} if previous else {}
    values.update(changes)
    if values.get("area_km2") is not None:
        values["area_km2"] = Decimal(str(values["area_km2"]))
    if previous is not None and previous.effective_from == effective_from:
        figure = previous
        for name, value in values.items():
            setattr(figure, name, value)
        figure.source = source or figure.source
    else:
        if previous is not None:
            previous.effective_to = effective_from - dt.timedelta(days=1)
            previous.save(update_fields=["effective_to"])
        figure = UnitFigure(unit=unit, effective_from=effective_from, source=source, **values)
        following = (
            UnitFigure.objects.filter(unit=unit, effective_from__gt=effective_from)
            .order_by("effective_from")
            .first()
        )
        if following is not None:
            figure.effective_to = following.effective_from - dt.timedelta(days=1)
    figure.full_clean()
    figure.save()
    return figure
