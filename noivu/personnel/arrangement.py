"""Carrying an adopted arrangement of communes over into personnel records: the people of a merged
commune's People's Committee move to the new committee (their assignment history kept), and addresses
recorded with a merged commune take the new one. Registered with ``admin_units`` from ``ready()``."""

from typing import Any

from django.utils.translation import gettext as _

from noivu.admin_units.arrangement.cascade import MergeEffect, UnitMerge, merge_effects
from noivu.admin_units.models import AdminUnit, Level, Regime
from noivu.organizations.models import Organization
from noivu.personnel.models import Person, PersonAddress
from noivu.personnel.records.actions import do_transfer_person

REASON = "Sắp xếp đơn vị hành chính"


def carry_over(merge: UnitMerge, acting_user: Any) -> str:
    moved = 0
    for old_id, new_id in merge.organizations.items():
        into = Organization.objects.unrestricted().get(pk=new_id)
        for person in Person.objects.unrestricted().filter(organization_id=old_id).order_by("pk"):
            do_transfer_person(
                person=person,
                to_organization=into,
                category=person.category,
                effective_from=merge.effective_from,
                acting_user=acting_user,
                reason=f"{REASON} ({merge.resolution_number})",
            )
            moved += 1
    province = AdminUnit.objects.filter(
        regime=Regime.TWO_TIER, level=Level.PROVINCE, code=merge.province_code
    ).first()
    text = ", ".join(part for part in (merge.new_name, province.name if province else "") if part)
    addresses = list(
        PersonAddress.objects.unrestricted().filter(
            province_code=merge.province_code, commune_code__in=merge.old_codes
        )
    )
    for address in addresses:
        address.commune_code = merge.new_code
        address.current_text = text
        address._change_reason = REASON  # simple_history reads it
        address.save(update_fields=["commune_code", "current_text"])
    return _("%(people)s người chuyển sang đơn vị mới, %(addresses)s địa chỉ được cập nhật.") % {
        "people": moved,
        "addresses": len(addresses),
    }


merge_effects.register(MergeEffect("personnel", 10, carry_over))
