"""What a person sees of their own dossier (hồ sơ của tôi): every value in full, their own data being
theirs to read, grouped as the 2C form groups it, with the parts they can propose to change."""

from dataclasses import dataclass
from typing import Any

from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from noivu.core.dates import today
from noivu.core.fields import concrete_field
from noivu.edossier.models import ProposalKind
from noivu.personnel.dossier.forms import KINDS
from noivu.personnel.models import AddressKind, Assignment, Person, PersonAddress


@dataclass(frozen=True)
class Part:
    """A part of the dossier: its title, the kind of proposal that changes it (if any), and either
    label–value rows or a table."""

    title: str | Promise
    kind: str = ""
    rows: tuple[tuple[Any, str], ...] = ()
    columns: tuple[str, ...] = ()
    table: tuple[tuple[tuple[str, str], ...], ...] = ()


def _value(person: Person, name: str) -> str:
    value = getattr(person, name)
    display = getattr(person, f"get_{name}_display", None)
    if display is not None and value:
        return str(display())
    if hasattr(value, "strftime"):
        return date_format(value, "d/m/Y")
    return "" if value is None else str(value)


def _label(name: str) -> Any:
    return concrete_field(Person, name).verbose_name


def _facts(slug: str, person: Person, title: Any, kind: str = "") -> Part:
    fact = KINDS[slug]
    labels = tuple(fact.labels)
    rows = tuple(
        tuple(zip(labels, (fact.display(row, name, masked=False) for name in fact.columns), strict=True))
        for row in fact.rows(person)
    )
    return Part(title, kind, columns=labels, table=rows)


def _address(address: PersonAddress | None) -> str:
    if address is None:
        return ""
    return ", ".join(text for text in (address.detail, address.current_text or address.legacy_text) if text)


def own_dossier(person: Person) -> list[Part]:
    assignment = (
        Assignment.objects.unrestricted()
        .as_of(today())
        .filter(person=person, is_primary=True)
        .select_related("organization")
        .first()
    )
    identity = tuple(
        (_label(name), _value(person, name))
        for name in ("full_name", "birth_date", "gender", "cccd_number", "cccd_issued_on", "ethnic_group")
    )
    work = (
        (_("Đơn vị công tác"), assignment.organization.name if assignment else person.organization.name),
        (_("Chức vụ, chức danh"), assignment.position_title if assignment else ""),
        (_label("category"), _value(person, "category")),
        (_label("recruited_on"), _value(person, "recruited_on")),
    )
    addresses = {row.kind: row for row in PersonAddress.objects.unrestricted().filter(person=person)}
    address_rows = tuple((label, _address(addresses.get(kind))) for kind, label in AddressKind.choices)
    return [
        Part(_("Thông tin cá nhân"), rows=identity),
        Part(_("Công tác"), rows=work),
        Part(
            _("Liên hệ"),
            ProposalKind.CONTACTS,
            rows=tuple((_label(n), _value(person, n)) for n in ("phone", "email")),
        ),
        Part(_("Địa chỉ"), ProposalKind.ADDRESSES, rows=address_rows),
        _facts("family", person, _("Quan hệ gia đình"), ProposalKind.FAMILY),
        _facts("education", person, _("Trình độ đào tạo, văn bằng, chứng chỉ"), ProposalKind.EDUCATION),
    ]
