"""Entering a person's addresses (quê quán, nơi sinh, thường trú, nơi ở hiện nay) as an officer types
them; the conversion of recorded addresses to the units of 1/7/2025 is in :mod:`.conversion`."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy

from noivu.core.actions import ActionContext, action
from noivu.core.audit import event_type
from noivu.core.text import normalize
from noivu.personnel.models import AddressKind, ConversionStatus, Person, PersonAddress

ADDRESSES_UPDATED = event_type("person.addresses_updated", gettext_lazy("Sửa địa chỉ trong hồ sơ"))
TEXT_FIELDS = ("detail", "current_text", "legacy_text")


@action(ADDRESSES_UPDATED)
def do_update_addresses(
    ctx: ActionContext, *, person: Person, addresses: dict[str, dict[str, str]]
) -> Person:
    """Set the addresses of ``person`` by kind (``{kind: {detail, current_text, legacy_text}}``), checked
    as every text of the record is (:meth:`PersonAddress.clean`). An address whose texts are all emptied
    is removed; one typed in the current units needs no conversion, one typed only as it was recorded
    before 1/7/2025 waits for the conversion, which reads its units from the text."""
    ctx.require(person)
    Person.objects.select_for_update().filter(pk=person.pk).exists()
    changed: list[str] = []
    for kind, values in addresses.items():
        AddressKind(kind)  # an unknown kind is a programming error
        texts = {name: normalize(values.get(name) or "") for name in TEXT_FIELDS}
        address = PersonAddress.objects.unrestricted().filter(person=person, kind=kind).first()
        if not any(texts.values()):
            if address is not None:
                address.delete()
                changed.append(kind)
            continue
        address = address or PersonAddress(person=person, kind=kind)
        if all(getattr(address, name) == value for name, value in texts.items()) and address.pk:
            continue
        if texts["current_text"] != address.current_text and texts["current_text"]:
            address.conversion_status = ConversionStatus.CURRENT_UNITS
            address.conversion_candidates = []
        for name, value in texts.items():
            setattr(address, name, value)
        try:
            address.full_clean()
        except ValidationError as refused:
            # Named by kind and field ("permanent_detail"): four addresses share the field names.
            raise ValidationError(
                {f"{kind}_{name}": messages for name, messages in refused.message_dict.items()}
            ) from refused
        address.save()
        changed.append(kind)
    ctx.audit(person, extra={"addresses": changed})
    return person
