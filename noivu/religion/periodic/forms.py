"""The choice of a reporting period (kỳ báo cáo)."""

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from noivu.religion.periodic.engine import MONTH, PERIOD_KINDS, QUARTER, ROMAN, Period


def _months() -> list[tuple[int, str]]:
    return [(m, gettext("Tháng %(month)d") % {"month": m}) for m in range(1, 13)]


def _quarters() -> list[tuple[int, str]]:
    return [(q, gettext("Quý %(quarter)s") % {"quarter": ROMAN[q - 1]}) for q in range(1, 5)]


class PeriodForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kỳ báo cáo"), choices=list(PERIOD_KINDS.items()))
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    month = forms.TypedChoiceField(label=_("Tháng"), choices=_months, coerce=int, required=False)
    quarter = forms.TypedChoiceField(label=_("Quý"), choices=_quarters, coerce=int, required=False)

    def __init__(self, data: Any, *, default: Period) -> None:
        initial = {
            "kind": default.kind,
            "year": default.year,
            "month": default.start.month,
            "quarter": (default.start.month - 1) // 3 + 1,
        }
        super().__init__({**initial, **{k: v for k, v in data.items() if v}}, initial=initial)

    def period(self) -> Period:
        """The period chosen (call after ``is_valid()``)."""
        data = self.cleaned_data
        kind = data["kind"]
        number = {MONTH: data.get("month"), QUARTER: data.get("quarter")}.get(kind) or 1
        return Period.of(kind, data["year"], number)


def default_period(today: dt.date) -> Period:
    return Period.last_complete(MONTH, today)
