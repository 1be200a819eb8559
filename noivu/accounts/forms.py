"""Forms of the accounts pages."""

from django import forms
from django.utils.translation import gettext_lazy as _


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Tên khóa"),
        max_length=100,
        help_text=_("Ví dụ: đồng bộ phần mềm kế toán"),
        widget=forms.TextInput(attrs={"class": "input"}),
    )
