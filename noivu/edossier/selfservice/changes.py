"""What a person may propose to change in their own dossier (tự cập nhật hồ sơ, Nghị định 27/2026/NĐ-CP
Điều 9 as reported): contacts, addresses, family members, and degrees or certificates with a scan of the
document. Each kind is entered with the record's own form and applied by the record's own action, so a
proposal is checked by the same rules as an HR officer's entry, once when it is sent and again when it is
approved (the dossier may have changed meanwhile).

A proposal keeps the values as typed (the form's data); approving it parses them again.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from noivu.core.text import normalize
from noivu.edossier.models import ProposalKind
from noivu.personnel.addresses.actions import TEXT_FIELDS, do_update_addresses
from noivu.personnel.addresses.forms import PersonAddressesForm
from noivu.personnel.dossier.actions import do_update_dossier
from noivu.personnel.dossier.forms import KINDS, FactForm, fact_form
from noivu.personnel.dossier.models import Education, FamilyRelation
from noivu.personnel.models import AddressKind, Person, PersonAddress
from noivu.personnel.records.actions import apply_person_changes

ContactsForm = fact_form(Person, ("phone", "email"), optional=("phone", "email"))


@dataclass(frozen=True)
class ChangeKind:
    """A kind of change a person proposes: its form, how it is checked and how it is applied."""

    kind: str
    build_form: Callable[..., forms.Form]
    check: Callable[[Person, forms.Form], None]
    apply: Callable[[Person, forms.Form, Any, str], None]
    adds_a_row: bool
    """Whether the change adds a row (a family member, a degree) rather than replacing values."""


def _contacts_form(person: Person, data: dict | None = None) -> forms.Form:
    return ContactsForm(data, initial={"phone": person.phone, "email": person.email})


def _check_contacts(person: Person, form: forms.Form) -> None:
    values = {name: form.cleaned_data.get(name) or "" for name in ("phone", "email")}
    if values == {"phone": person.phone, "email": person.email}:
        raise ValidationError(_("Thông tin đề nghị giống thông tin đang có trong hồ sơ."))
    trial = Person.objects.unrestricted().get(pk=person.pk)
    apply_person_changes(trial, values)


def _apply_contacts(person: Person, form: forms.Form, user: Any, reason: str) -> None:
    values = {name: form.cleaned_data.get(name) or "" for name in ("phone", "email")}
    do_update_dossier(person=person, changes=values, acting_user=user, reason=reason)


def _addresses_form(person: Person, data: dict | None = None) -> forms.Form:
    return PersonAddressesForm(data, person=person)


def _check_addresses(person: Person, form: forms.Form) -> None:
    addresses: dict[str, dict[str, str]] = form.addresses  # type: ignore[attr-defined]
    recorded = {row.kind: row for row in PersonAddress.objects.unrestricted().filter(person=person)}
    changed = False
    errors: dict[str, list[str]] = {}
    for kind, values in addresses.items():
        texts = {name: normalize(values.get(name) or "") for name in TEXT_FIELDS}
        current = recorded.get(kind)
        if texts != {name: getattr(current, name) if current else "" for name in TEXT_FIELDS}:
            changed = True
        if not any(texts.values()):
            continue
        trial = PersonAddress(person=person, kind=kind, **texts)
        try:
            trial.full_clean(exclude=["conversion_status", "conversion_candidates"])
        except ValidationError as refused:
            for name, messages in refused.message_dict.items():
                errors.setdefault(f"{kind}_{name}", []).extend(messages)
    if errors:
        raise ValidationError(errors)
    if not changed:
        raise ValidationError(_("Thông tin đề nghị giống thông tin đang có trong hồ sơ."))


def _apply_addresses(person: Person, form: forms.Form, user: Any, reason: str) -> None:
    do_update_addresses(
        person=person,
        addresses=form.addresses,  # type: ignore[attr-defined]
        acting_user=user,
        reason=reason,
    )


def _fact_form(slug: str) -> Callable[..., forms.Form]:
    def build(person: Person, data: dict | None = None) -> forms.Form:
        return KINDS[slug].form(data)

    return build


def _check_row(model: type[FamilyRelation] | type[Education]) -> Callable[[Person, forms.Form], None]:
    def check(person: Person, form: forms.Form) -> None:
        values = form.values if isinstance(form, FactForm) else form.cleaned_data
        trial = model(person=person, **values)
        trial.full_clean(exclude=["order"])

    return check


def _apply_row(slug: str) -> Callable[[Person, forms.Form, Any, str], None]:
    def apply(person: Person, form: forms.Form, user: Any, reason: str) -> None:
        values = form.values if isinstance(form, FactForm) else form.cleaned_data
        KINDS[slug].action(person=person, acting_user=user, reason=reason, **values)

    return apply


CHANGE_KINDS: dict[str, ChangeKind] = {
    ProposalKind.CONTACTS: ChangeKind(
        ProposalKind.CONTACTS, _contacts_form, _check_contacts, _apply_contacts, False
    ),
    ProposalKind.ADDRESSES: ChangeKind(
        ProposalKind.ADDRESSES, _addresses_form, _check_addresses, _apply_addresses, False
    ),
    ProposalKind.FAMILY: ChangeKind(
        ProposalKind.FAMILY, _fact_form("family"), _check_row(FamilyRelation), _apply_row("family"), True
    ),
    ProposalKind.EDUCATION: ChangeKind(
        ProposalKind.EDUCATION, _fact_form("education"), _check_row(Education), _apply_row("education"), True
    ),
}


def parsed(kind: str, person: Person, values: dict) -> forms.Form:
    """The form of ``kind`` filled with the proposed ``values`` and checked by every rule of the record;
    ValidationError naming the field otherwise."""
    change = CHANGE_KINDS[kind]
    form = change.build_form(person, values)
    if not form.is_valid():
        raise ValidationError(_errors(form))
    change.check(person, form)
    return form


def _errors(form: forms.Form) -> dict[str, list[str]]:
    return {name: [str(message) for message in messages] for name, messages in form.errors.items()}


def typed_values(form: forms.Form) -> dict[str, str]:
    """What the person typed, field by field, as the form reads it back (texts only, JSON-ready)."""
    return {name: str(form.data.get(name, "")).strip() for name in form.fields}


def _shown(form: forms.Form, name: str) -> str:
    field = form.fields[name]
    value: Any = form.cleaned_data.get(name) if hasattr(form, "cleaned_data") else None
    if value in (None, ""):
        return ""
    if isinstance(value, dt.date):
        return date_format(value, "d/m/Y")
    choices = getattr(field, "choices", None)
    if choices:
        for code, label in _flat(choices):
            if str(code) == str(value):
                return str(label)
    return str(value)


def _flat(choices: Any) -> list[tuple[Any, Any]]:
    flat: list[tuple[Any, Any]] = []
    for code, label in choices:
        if isinstance(label, list | tuple):
            flat.extend(label)
        else:
            flat.append((code, label))
    return flat


def described(kind: str, person: Person, values: dict) -> list[tuple[str | Promise, str, str]]:
    """The proposal's fields as (label, value now in the dossier, value proposed), for the reviewer and
    the person; only the fields typed (and, for contacts and addresses, every field that differs)."""
    form = CHANGE_KINDS[kind].build_form(person, values)
    form.is_valid()
    rows: list[tuple[str | Promise, str, str]] = []
    if kind == ProposalKind.CONTACTS:
        for name in ("phone", "email"):
            rows.append((form.fields[name].label or name, getattr(person, name), _shown(form, name)))
        return rows
    if kind == ProposalKind.ADDRESSES:
        recorded = {row.kind: row for row in PersonAddress.objects.unrestricted().filter(person=person)}
        for address_kind, address_label in AddressKind.choices:
            current = recorded.get(address_kind)
            for name in TEXT_FIELDS:
                field_name = f"{address_kind}_{name}"
                now = getattr(current, name) if current else ""
                proposed = str(values.get(field_name, "")).strip()
                if now != proposed:
                    rows.append((f"{address_label} – {form.fields[field_name].label}", now, proposed))
        return rows
    for name in form.fields:
        shown = _shown(form, name)
        if shown:
            rows.append((form.fields[name].label or name, "", shown))
    return rows
