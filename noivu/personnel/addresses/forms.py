"""Forms of the addresses: the review of converted addresses, and a person's addresses as typed."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from noivu.core.fields import concrete_field
from noivu.personnel.addresses.actions import TEXT_FIELDS
from noivu.personnel.models import AddressKind, Person, PersonAddress

LABELS = {
    "detail": _("Số nhà, đường, thôn, tổ"),
    "current_text": _("Xã, phường, tỉnh, thành phố (đơn vị hành chính hiện hành)"),
    "legacy_text": _("Địa chỉ như đã ghi trước 1/7/2025 (xã, huyện, tỉnh cũ), nếu có"),
}


class AddressChoiceForm(forms.Form):
    """The new commune chosen for an address whose legacy commune was split."""

    commune_code = forms.CharField(label=_("Đơn vị hành chính mới"), max_length=8)


class PersonAddressesForm(forms.Form):
    """The four addresses of the 2C form (quê quán, nơi sinh, thường trú, nơi ở hiện nay), each as the
    house and hamlet, the address in the current units and, if it was recorded so, before 1/7/2025."""

    def __init__(self, *args: Any, person: Person, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        recorded = {
            address.kind: address for address in PersonAddress.objects.unrestricted().filter(person=person)
        }
        self.kinds: list[tuple[str, Any]] = list(AddressKind.choices)
        for kind, _label in self.kinds:
            address = recorded.get(kind)
            for name in TEXT_FIELDS:
                model_field = concrete_field(PersonAddress, name)
                self.fields[f"{kind}_{name}"] = forms.CharField(
                    label=LABELS[name],
                    required=False,
                    max_length=model_field.max_length,
                    initial=getattr(address, name) if address else "",
                    widget=forms.TextInput(attrs={"class": "input", "autocomplete": "off"}),
                )

    @property
    def sections(self) -> list[tuple[Any, list[forms.BoundField]]]:
        return [(label, [self[f"{kind}_{name}"] for name in TEXT_FIELDS]) for kind, label in self.kinds]

    @property
    def addresses(self) -> dict[str, dict[str, str]]:
        return {
            kind: {name: self.cleaned_data[f"{kind}_{name}"] for name in TEXT_FIELDS}
            for kind, _label in self.kinds
        }

    def show_errors(self, error: ValidationError) -> None:
        """The action's refusal on the field of the address it names (above the form otherwise)."""
        if not hasattr(error, "error_dict"):
            self.add_error(None, error.messages)
            return
        for name, messages in error.message_dict.items():
            self.add_error(name if name in self.fields else None, messages)
