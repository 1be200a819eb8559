"""What the analysis and the plan evaluation show, alike on the page, in the API and in Excel."""

from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from noivu.admin_units.arrangement.standards import Verdict
from noivu.admin_units.models import ExemptionGround, UnitType
from noivu.core.presenters import Column, Presenter


def _label(choices: Any, value: str) -> str:
    return str(choices(value).label) if value in choices.values else value


def figure(value: Any, digits: int = 0) -> str:
    """A number as the page writes it (grouping and decimal mark of the language), empty when unknown."""
    if value is None or value != value:
        return ""
    return number_format(value, digits, force_grouping=True)


class AnalysisPresenter(Presenter):
    """A unit's row of the analysis (a dict from :meth:`Analysis.row`)."""

    columns = [
        Column("name", _("Đơn vị"), read=lambda row: row["name"], sort="name"),
        Column("unit_type", _("Loại"), read=lambda row: _label(UnitType, row["unit_type"]), sort="unit_type"),
        Column(
            "parent", _("Đơn vị cấp trên"), read=lambda row: row.get("parent_name", ""), sort="parent_code"
        ),
        Column("area_km2", _("Diện tích (km²)"), read=lambda row: row["area_km2"], sort="area_km2"),
        Column(
            "standard_area_km2", _("Tiêu chuẩn diện tích (km²)"), read=lambda row: row["standard_area_km2"]
        ),
        Column("area_pct", _("% tiêu chuẩn diện tích"), read=lambda row: row["area_pct"], sort="area_pct"),
        Column("population", _("Dân số (người)"), read=lambda row: row["population"], sort="population"),
        Column(
            "standard_population", _("Tiêu chuẩn dân số (người)"), read=lambda row: row["standard_population"]
        ),
        Column(
            "population_pct",
            _("% tiêu chuẩn dân số"),
            read=lambda row: row["population_pct"],
            sort="population_pct",
        ),
        Column("verdict", _("Kết luận"), read=lambda row: _label(Verdict, row["verdict"]), sort="verdict"),
        Column(
            "grounds",
            _("Căn cứ không bắt buộc"),
            read=lambda row: "; ".join(_label(ExemptionGround, g) for g in row["grounds"]),
        ),
        Column("citation", _("Căn cứ tiêu chuẩn"), read=lambda row: row["citation"]),
    ]

    def cells(self, row: Any, names: Any = None) -> list[str]:
        texts = []
        for column in self.columns if names is None else [self.column(name) for name in names]:
            value = column.raw(row)
            if column.name in ("area_km2", "standard_area_km2"):
                texts.append(figure(value, 2))
            elif column.name in ("area_pct", "population_pct"):
                texts.append(figure(value, 1))
            elif column.name in ("population", "standard_population"):
                texts.append(figure(value))
            else:
                texts.append("" if value is None else str(value))
        return texts
