"""Form of the retirement list page."""

from django import forms
from django.utils.translation import gettext_lazy as _

from noivu.personnel.retirement.listing import DEFAULT_PERIOD, PERIODS


class RetirementFilterForm(forms.Form):
    """The period of the retirement list (đến tuổi nghỉ hưu trong … tháng tới)."""

    months = forms.TypedChoiceField(
        label=_("Trong thời gian"),
        coerce=int,
        choices=[(months, _("%(months)s tháng tới") % {"months": months}) for months in PERIODS],
        required=False,
    )

    @property
    def period(self) -> int:
        return (self.cleaned_data.get("months") if self.is_valid() else None) or DEFAULT_PERIOD
