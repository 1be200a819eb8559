"""Converting personnel addresses to the two-tier administrative units (chuyển đổi địa chỉ theo ĐVHC mới).

The batch reads the unit catalogue once and walks the pending addresses in primary-key batches, so
the database sees a few queries per thousand addresses whatever the size of the scope. The legacy
fields stay as recorded; an address kept only as text has its legacy codes read from the text
first when that reading is unambiguous.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from noivu.accounts.models import User
from noivu.admin_units.conversion import Conversion, LegacyNameIndex, Outcome, SuccessionMap
from noivu.admin_units.models import AdminUnit, Level, Regime
from noivu.core.actions import ActionContext, action
from noivu.core.audit import event_type
from noivu.core.fields import concrete_field
from noivu.core.permissions import Action
from noivu.personnel.models import ConversionStatus, PersonAddress

BATCH = 2000
ADDRESSES_CONVERTED = event_type(
    "person.addresses_converted", gettext_lazy("Chuyển đổi địa chỉ theo ĐVHC mới")
)
ADDRESS_COMMUNE_CHOSEN = event_type(
    "person.address_commune_chosen", gettext_lazy("Chọn đơn vị mới của địa chỉ")
)
CHANGE_REASON = "Chuyển đổi địa chỉ theo đơn vị hành chính từ 1/7/2025"
_STATUS: dict[str, str] = {
    Outcome.CONVERTED: ConversionStatus.CONVERTED,
    Outcome.AMBIGUOUS: ConversionStatus.AMBIGUOUS,
    Outcome.NOT_FOUND: ConversionStatus.NOT_FOUND,
}
_FIELDS = [
    "legacy_province_code",
    "legacy_district_code",
    "legacy_commune_code",
    "legacy_text",
    "province_code",
    "commune_code",
    "current_text",
    "conversion_status",
    "conversion_candidates",
]


@dataclass
class ConversionReport:
    """What a batch conversion did: addresses by resulting status, and how many were read from text."""

    counts: Counter = field(default_factory=Counter)
    read_from_text: int = 0

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def _legacy_text(address: PersonAddress, names: dict[tuple[str, str], str]) -> str:
    parts = [
        names.get((Level.COMMUNE, address.legacy_commune_code), ""),
        names.get((Level.DISTRICT, address.legacy_district_code), ""),
        names.get((Level.PROVINCE, address.legacy_province_code), ""),
    ]
    return ", ".join(part for part in parts if part)


def _apply(address: PersonAddress, conversion: Conversion) -> None:
    address.conversion_status = _STATUS[conversion.outcome]
    address.province_code = conversion.province_code
    address.commune_code = conversion.commune_code
    address.current_text = conversion.text
    address.conversion_candidates = [candidate.as_dict() for candidate in conversion.candidates]


def convert_person_addresses(
    queryset: QuerySet[PersonAddress], *, acting_user: User | None = None, batch_size: int = BATCH
) -> ConversionReport:
    """Convert every pending address of ``queryset``; converted, ambiguous and not-found ones are
    left alone, so running it again changes nothing."""
    report = ConversionReport()
    pending = queryset.filter(conversion_status=ConversionStatus.PENDING).order_by("pk")
    if not pending.exists():
        return report
    mapping = SuccessionMap.load()
    legacy_names = {
        (level, code): name
        for level, code, name in AdminUnit.objects.filter(regime=Regime.LEGACY).values_list(
            "level", "code", "name"
        )
    }
    index: LegacyNameIndex | None = None
    last_pk = 0
    while True:
        batch = list(pending.filter(pk__gt=last_pk)[:batch_size])
        if not batch:
            return report
        last_pk = batch[-1].pk
        for address in batch:
            has_codes = (
                address.legacy_province_code or address.legacy_district_code or address.legacy_commune_code
            )
            if not has_codes and address.legacy_text:
                index = index or LegacyNameIndex()
                codes = index.parse(address.legacy_text)
                if codes is not None:
                    address.legacy_province_code = codes.province_code
                    address.legacy_district_code = codes.district_code
                    address.legacy_commune_code = codes.commune_code
                    report.read_from_text += 1
            if not address.legacy_text:
                address.legacy_text = _legacy_text(address, legacy_names)
            _apply(
                address,
                mapping.convert(
                    address.legacy_province_code, address.legacy_district_code, address.legacy_commune_code
                ),
            )
            report.counts[address.conversion_status] += 1
        with transaction.atomic():
            _write(batch)
            PersonAddress.history.bulk_history_create(
                batch, update=True, default_user=acting_user, default_change_reason=CHANGE_REASON
            )


def _write(batch: list[PersonAddress]) -> None:
    """One parameterised UPDATE per address sent with ``executemany`` (pipelined by psycopg):
    ``bulk_update``'s CASE expressions grow with the batch and made 100,000 addresses take minutes."""
    fields = [concrete_field(PersonAddress, name) for name in _FIELDS]
    quote = connection.ops.quote_name
    sql = "UPDATE {} SET {} WHERE {} = %s".format(
        quote(PersonAddress._meta.db_table),
        ", ".join(f"{quote(f.column)} = %s" for f in fields),
        quote(PersonAddress._meta.pk.column),
    )
    params = [
        [f.get_db_prep_save(getattr(address, f.attname), connection) for f in fields] + [address.pk]
        for address in batch
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


@action(ADDRESSES_CONVERTED)
def do_convert_addresses(ctx: ActionContext, *, batch_size: int = BATCH) -> ConversionReport:
    """Convert the pending addresses of the persons whose records the acting user may change."""
    ctx.require_somewhere()
    report = convert_person_addresses(
        PersonAddress.objects.restrict(ctx.user, Action.CHANGE), acting_user=ctx.user, batch_size=batch_size
    )
    ctx.audit(extra={"counts": dict(report.counts), "read_from_text": report.read_from_text})
    return report


@action(ADDRESS_COMMUNE_CHOSEN)
def do_choose_address_commune(
    ctx: ActionContext, *, address: PersonAddress, commune_code: str
) -> PersonAddress:
    """Settle an address whose legacy commune was split: record the new commune a person chose
    among the candidates (which stay on the record), or correct an earlier choice."""
    address = PersonAddress.objects.unrestricted().select_for_update().get(pk=address.pk)
    ctx.require(address)
    chosen = next((c for c in address.conversion_candidates if c["code"] == commune_code), None)
    if chosen is None:
        raise ValidationError(
            _("Đơn vị %(code)s không nằm trong các đơn vị mới của địa chỉ này.") % {"code": commune_code}
        )
    province = AdminUnit.objects.get(regime=Regime.TWO_TIER, level=Level.PROVINCE, code=address.province_code)
    address.commune_code = chosen["code"]
    address.current_text = f"{chosen['name']}, {province.name}"
    address.conversion_status = ConversionStatus.CONVERTED
    address._change_reason = CHANGE_REASON  # type: ignore[attr-defined]  # simple_history reads it
    address.full_clean()
    address.save(update_fields=["commune_code", "current_text", "conversion_status"])
    return address
