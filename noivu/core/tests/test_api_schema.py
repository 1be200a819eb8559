"""Property-based run of every API operation, reads and writes, against its OpenAPI document (schemathesis).

Generated requests must never make the server fail, and every answer — success or error — must match
what the document declares for that operation (status code, content type, body). Both schema-conforming
and non-conforming requests are generated, from a fixed seed, so that the run is the same on every
machine; non-conforming ones must be refused with a 4xx.

The requests are made as an HR officer of province A, who may change records there. Path parameters
naming an object (a person, an address, a job, a unit, a rule table, a calculator) are set to objects
that exist in that scope, so that the bodies reach the actions' rules instead of stopping at a 404.
A request the schema allows may still be refused by those rules (a work start before the birth date, a
unit that is not among an address's candidates): such a 422 is the documented answer, so schemathesis'
check that every schema-valid request is accepted is not run.
Each operation gets schemathesis' coverage cases (the boundary and wrong-type values of each parameter,
the methods it does not answer) and ``EXAMPLES`` generated ones: about 3,000 requests for 60
operations, some 40 s of one core.
"""

import json
import zlib

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis import GenerationMode
from schemathesis.checks import positive_data_acceptance
from schemathesis.core.parameters import ParameterLocation

from noivu.accounts.models import ApiToken
from noivu.core import calculation
from noivu.core.models import Job
from noivu.personnel.dossier.models import FamilyRelation
from noivu.personnel.models import AddressKind, Person, PersonAddress
from noivu.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
schema.config.generation.update(modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE], deterministic=True)
# Generated cases per operation, beyond the coverage cases.
EXAMPLES = 8


@pytest.fixture
def keep_test_connection():
    """Requests go through the real WSGI handler, which would close the connection holding the test's
    transaction at the start and end of each request (Django's test client does the same)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def objects(people, hr_a, keep_test_connection) -> dict:
    """Objects of province A for the path parameters, and the officer's token."""
    an: Person = people["an"]
    address = PersonAddress.objects.create(
        person=an, kind=AddressKind.HOMETOWN, detail="Thôn 1", legacy_text="Xã A, huyện B, tỉnh C"
    )
    job = Job.objects.create(kind="export", created_by=hr_a)
    family = FamilyRelation.objects.create(person=an, relation="father", full_name="Nguyễn Văn Bố")
    _, raw = ApiToken.issue(hr_a, "kiểm thử lược đồ")
    return {
        "token": raw,
        "person_id": an.pk,
        "address_id": address.pk,
        "job_id": job.pk,
        "fact_id": family.pk,
        "code": "T01-SNV",
        "table": "base_salary",
        "names": sorted(calculation.registry()),
    }


def _choose(options: list[str], case) -> str:
    """One of ``options``, the same for the same case on every machine (no random, no hash seed)."""
    key = json.dumps([case.body, case.query], sort_keys=True, default=str)
    return options[zlib.crc32(key.encode()) % len(options)]


def _negative(case, location: ParameterLocation) -> bool:
    """Whether the case was generated to break the schema at ``location`` (left as generated then)."""
    component = case.meta.components.get(location) if case.meta else None
    return component is not None and component.mode == GenerationMode.NEGATIVE


def _existing(case, objects: dict) -> None:
    if _negative(case, ParameterLocation.PATH):
        return
    for name in list(case.path_parameters or {}):
        if name == "name":
            case.path_parameters[name] = _choose(objects["names"], case)
        elif name in objects:
            case.path_parameters[name] = objects[name]


@pytest.mark.fuzz
@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    database=None,
    derandomize=True,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_every_operation_conforms_to_the_schema(case, objects):
    # A case breaking the Authorization header is sent as generated: it must be refused.
    headers = (
        {} if _negative(case, ParameterLocation.HEADER) else {"Authorization": f"Bearer {objects['token']}"}
    )
    _existing(case, objects)
    case.call_and_validate(headers=headers, excluded_checks=[positive_data_acceptance])
