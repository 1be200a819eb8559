"""Template helpers of the personnel pages: retirement date and addresses on the record, navigation rights."""

from django import template

from noivu.core import dates
from noivu.personnel.masking import mask_address
from noivu.personnel.models import ConversionStatus, Person
from noivu.personnel.retirement.engine import RetirementError, age_text, retirement_date
from noivu.personnel.retirement.listing import citation

register = template.Library()


@register.inclusion_tag("personnel/_retirement_row.html")
def retirement_row(person: Person) -> dict:
    """A row of the identity table: the statutory retirement date (thời điểm nghỉ hưu) and its legal basis."""
    try:
        result = retirement_date(person.birth_date, person.gender)
    except RetirementError:
        return {"result": None}
    return {
        "result": result,
        "age": age_text(result.retirement_age_months),
        "citation": citation(result),
        "passed": result.retirement_date < dates.today(),
    }


def _joined(*parts: str) -> str:
    return ", ".join(part for part in parts if part)


@register.inclusion_tag("personnel/_addresses.html", takes_context=True)
def address_box(context: template.Context, person: Person) -> dict:
    """A person's addresses in the current administrative units and as recorded before 1/7/2025, masked for
    users who may not see personal data (``show_personal_data`` of the page)."""
    shown = (lambda text: text) if context.get("show_personal_data") else mask_address
    rows = []
    for address in person.addresses.order_by("kind"):
        current = _joined(address.detail, address.current_text) if address.current_text else ""
        legacy = _joined(address.detail, address.legacy_text) if address.legacy_text else ""
        rows.append(
            {
                "kind": address.get_kind_display(),
                "current": shown(current),
                "legacy": shown(legacy) if legacy != current else "",
                "status": address.get_conversion_status_display(),
                "needs_review": address.conversion_status
                in (ConversionStatus.AMBIGUOUS, ConversionStatus.NOT_FOUND, ConversionStatus.PENDING),
            }
        )
    return {"rows": rows}


@register.filter
def import_rule(rule: str) -> str:
    """What the user reads for a rule of the Excel import, never its internal name."""
    from noivu.personnel.excel.validation import rule_label

    return rule_label(rule)
