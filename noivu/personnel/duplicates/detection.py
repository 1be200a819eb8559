"""Likely duplicate records (hồ sơ trùng lặp) inside a scope, found set-wise with GROUP BY.

Two rules:

- the same CCCD once leading zeros are restored: numbers typed into spreadsheets often lose them
  ("001085012345" becomes "1085012345"), which the unique constraint on the stored text cannot catch.
  Padding to 12 digits cannot make an old 9-digit CMND collide with a CCCD, whose first three digits
  (the province code, 001–096) are never "000";
- the same folded name and birth date ("Nguyễn Văn An" and "Nguyen Van  An", both born 17/05/1985).
"""

import dataclasses

from django.db.models import Count, F, Q, QuerySet, Value
from django.db.models.functions import Concat, Right

from noivu.personnel.models import Person


class Rule:
    CCCD = "cccd"
    NAME_BIRTH_DATE = "name_birth_date"


@dataclasses.dataclass
class DuplicateGroup:
    rule: str
    key: tuple
    persons: list[Person]


def find_duplicates(queryset: QuerySet, *, rule: str, limit: int = 100) -> list[DuplicateGroup]:
    """Up to ``limit`` groups of persons of ``queryset`` (already scoped) that look like one person,
    largest groups first."""
    keyed, key_fields = _keyed(queryset, rule)
    groups = list(
        keyed.order_by()
        .values(*key_fields)
        .annotate(size=Count("pk"))
        .filter(size__gt=1)
        .order_by("-size", *key_fields)[:limit]
    )
    if not groups:
        return []
    wanted = Q()
    for group in groups:
        wanted |= Q(**{field: group[field] for field in key_fields})
    members: dict[tuple, list[Person]] = {}
    for person in keyed.filter(wanted).select_related("organization").order_by("pk"):
        members.setdefault(tuple(getattr(person, field) for field in key_fields), []).append(person)
    return [
        DuplicateGroup(rule, key, members[key])
        for key in (tuple(group[field] for field in key_fields) for group in groups)
    ]


def _keyed(queryset: QuerySet, rule: str) -> tuple[QuerySet, tuple[str, ...]]:
    """``queryset`` annotated with the grouping key of ``rule``, and the key's field names."""
    if rule == Rule.CCCD:
        keyed = queryset.filter(cccd_number__isnull=False).exclude(cccd_number="")
        padded = Right(Concat(Value("000000000000"), F("cccd_number")), 12)
        return keyed.annotate(cccd_key=padded), ("cccd_key",)
    if rule == Rule.NAME_BIRTH_DATE:
        keyed = queryset.annotate(name_key=F("full_name_folded"), birth_key=F("birth_date"))
        return keyed, ("name_key", "birth_key")
    raise ValueError(f"unknown duplicate rule: {rule}")
