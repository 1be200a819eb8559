"""Forms of the awards pages: they only parse what was typed; every rule is checked by the action."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from noivu.awards.models import InitiativeLevel
from noivu.core.forms import DateTextInput
from noivu.core.widgets import TreeSelect, tree_field


class InitiativeForm(forms.Form):
    """An initiative recognised (sáng kiến được công nhận), entered from its recognition decision."""

    title = forms.CharField(label=_("Tên sáng kiến"), max_length=300)
    level = forms.ChoiceField(label=_("Cấp công nhận"), choices=InitiativeLevel.choices)
    recognised_on = forms.DateField(label=_("Ngày công nhận"), widget=DateTextInput())
    decision_number = forms.CharField(label=_("Số quyết định công nhận"), max_length=64, required=False)
    authority = forms.CharField(label=_("Cơ quan công nhận"), max_length=255, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if not isinstance(field.widget, forms.Select):
                field.widget.attrs.setdefault("class", "input")


class UnitYearForm(forms.Form):
    """The unit (any of the user's scope, found by name) and the year whose eligibility to screen."""

    unit = tree_field(_("Đơn vị"), empty_label=_("Tìm đơn vị theo tên…"), allow_empty=False)
    year = forms.TypedChoiceField(label=_("Năm xét"), coerce=int)

    def __init__(self, data: Any, *, user: Any, last_year: int) -> None:
        super().__init__(data)
        widget = self.fields["unit"].widget
        assert isinstance(widget, TreeSelect)
        widget.user = user
        year = self.fields["year"]
        assert isinstance(year, forms.TypedChoiceField)
        year.choices = [(value, str(value)) for value in range(last_year + 1, 2023, -1)]
        year.initial = last_year
