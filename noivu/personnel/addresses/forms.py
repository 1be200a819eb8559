"""Form of the address review page."""

from django import forms
from django.utils.translation import gettext_lazy as _


class AddressChoiceForm(forms.Form):
    """The new commune chosen for an address whose legacy commune was split."""

    commune_code = forms.CharField(label=_("Đơn vị hành chính mới"), max_length=8)
