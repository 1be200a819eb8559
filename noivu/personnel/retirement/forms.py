"""Form of the retirement list page."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from noivu.personnel.retirement.listing import DEFAULT_PERIOD, PERIODS


class RetirementFilterForm(forms.Form):
    """The period of the retirement list (đến tuổi nghỉ hưu trong … tháng tới)."""

    months = forms.TypedChoiceField(
        label=_("Trong thời gian"),
        coerce=int,
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Built per form, in the language of the request (not once, in the language of the first import).
        months = self.fields["months"]
        assert isinstance(months, forms.TypedChoiceField)
        months.choices = [(period, _("%(months)s tháng tới") % {"months": period}) for period in PERIODS]

    @property
    def period(self) -> int:
        return (self.cleaned_data.get("months") if self.is_valid() else None) or DEFAULT_PERIOD
