"""Rows of the religion app for tests: a religion, an organisation, a place, a group, a dossier."""

import datetime as dt
from typing import Any

from noivu.core.models import RuleRow
from noivu.organizations.models import Organization
from noivu.religion.models import (
    ActivityGroup,
    Dossier,
    DossierStatus,
    Incident,
    PlaceKind,
    Religion,
    ReligiousOrganization,
    Topic,
    WorshipPlace,
)

START = dt.date(2020, 1, 1)


def religion(code: str = "PG", name: str = "Phật giáo") -> Religion:
    found, _ = Religion.objects.get_or_create(code=code, defaults={"name": name})
    return found


def organization(unit: Organization, name: str, **extra: Any) -> ReligiousOrganization:
    fields = {
        "name": name,
        "religion": religion(),
        "kind": "recognised",
        "organization": unit,
        "effective_from": START,
    }
    fields.update(extra)
    return ReligiousOrganization.objects.create(**fields)


def place(unit: Organization, name: str, **extra: Any) -> WorshipPlace:
    fields = {
        "name": name,
        "kind": PlaceKind.RELIGIOUS,
        "religion": religion(),
        "organization": unit,
        "effective_from": START,
    }
    fields.update(extra)
    return WorshipPlace.objects.create(**fields)


def group(unit: Organization, name: str, **extra: Any) -> ActivityGroup:
    fields = {
        "name": name,
        "religion": religion(),
        "representative": "Nguyễn Văn Đại Diện",
        "organization": unit,
        "effective_from": START,
    }
    fields.update(extra)
    return ActivityGroup.objects.create(**fields)


def dossier(unit: Organization, applicant: str, received_on: dt.date, **extra: Any) -> Dossier:
    rule = (
        RuleRow.objects.filter(table="religion_procedures", code="TG_SHTGTT")
        .order_by("effective_from")
        .first()
    )
    assert rule is not None
    fields = {
        "reference": f"T-{applicant[-12:]}-{received_on:%Y%m%d}",
        "procedure_code": "TG_SHTGTT",
        "rule": rule,
        "organization": unit,
        "applicant": applicant,
        "received_on": received_on,
        "due_on": received_on + dt.timedelta(days=20),
        "status": DossierStatus.RECEIVED,
    }
    fields.update(extra)
    return Dossier.objects.create(**fields)


def incident(unit: Organization, title: str, occurred_on: dt.date, **extra: Any) -> Incident:
    fields = {
        "organization": unit,
        "title": title,
        "topic": Topic.COMPLAINT,
        "severity": 2,
        "occurred_on": occurred_on,
        "reported_on": occurred_on,
        "commune_code": "00004",
        "province_code": "01",
    }
    fields.update(extra)
    return Incident.objects.create(**fields)


def matrix_world(units: dict[str, Organization]) -> dict[str, Any]:
    """Province A's and province B's rows of the app, for the permission matrix."""
    world: dict[str, Any] = {
        "religious_organization": {},
        "place": {},
        "dossier": {},
        "religion_group": {},
        "incident": {},
    }
    for side, letter in (("in", "A"), ("out", "B")):
        unit = units[side]
        world["religious_organization"][side] = organization(unit, f"Giáo hội tỉnh {letter}")
        world["place"][side] = place(unit, f"Chùa tỉnh {letter}", address=f"Số nhà {letter}")
        world["religion_group"][side] = group(unit, f"Nhóm tỉnh {letter}")
        world["dossier"][side] = dossier(unit, f"Giáo hội tỉnh {letter}", dt.date(2025, 3, 3))
        world["incident"][side] = incident(unit, f"Vụ việc Giáo hội tỉnh {letter}", dt.date(2025, 9, 3))
    return world
