"""Where an incident happened, in the current administrative units: a commune of the two-tier structure
(from 1/7/2025), or a legacy commune named by a report dated before, mapped to the commune that took over
its territory through the official succession (the new commune that took its seat, for a split one)."""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from noivu.admin_units.models import TWO_TIER_START, AdminUnit, Level, Regime, UnitSuccession


@dataclass(frozen=True)
class Place:
    commune_code: str
    province_code: str
    legacy_commune_code: str
    split: bool


def current_commune(code: str) -> AdminUnit | None:
    # The catalogue of administrative units is national data, read by every user.
    return (
        AdminUnit.objects.unrestricted()
        .filter(regime=Regime.TWO_TIER, level=Level.COMMUNE, code=code)
        .first()
    )


def place_of(*, occurred_on: dt.date, commune_code: str = "", legacy_commune_code: str = "") -> Place:
    """The current commune and province of an incident. Before 1/7/2025 a report names the legacy commune
    (``legacy_commune_code``); from then on the current one."""
    if legacy_commune_code:
        if occurred_on >= TWO_TIER_START:
            raise ValidationError(
                {"legacy_commune_code": _("Vụ việc từ 01/07/2025 ghi theo đơn vị hành chính hiện hành.")}
            )
        successions = UnitSuccession.objects.unrestricted().filter(
            level=Level.COMMUNE, legacy_code=legacy_commune_code
        )
        chosen = successions.order_by("-is_default", "new_code").first()
        if chosen is None:
            raise ValidationError(
                {"legacy_commune_code": _("Không có xã cũ mã %(code)s.") % {"code": legacy_commune_code}}
            )
        return Place(chosen.new_code, chosen.new_province_code, legacy_commune_code, chosen.is_split)
    unit = current_commune(commune_code)
    if unit is None:
        raise ValidationError(
            {"commune_code": _("Không có xã, phường mã %(code)s hiện hành.") % {"code": commune_code}}
        )
    return Place(unit.code, unit.province_code, "", False)


def commune_names(codes: Iterable[str]) -> dict[str, str]:
    """Names of the current communes with ``codes``."""
    # The catalogue of administrative units is national data, read by every user.
    rows = AdminUnit.objects.unrestricted().filter(
        regime=Regime.TWO_TIER, level=Level.COMMUNE, code__in=set(codes)
    )
    return dict(rows.values_list("code", "name"))


def province_name(code: str) -> str:
    found = (
        AdminUnit.objects.unrestricted()
        .filter(regime=Regime.TWO_TIER, level=Level.PROVINCE, code=code)
        .values_list("name", flat=True)
        .first()
    )
    return found or code


def legacy_names(codes: Iterable[str]) -> dict[str, str]:
    rows = AdminUnit.objects.unrestricted().filter(
        regime=Regime.LEGACY, level=Level.COMMUNE, code__in=set(codes)
    )
    return dict(rows.values_list("code", "name"))
