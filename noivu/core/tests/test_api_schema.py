"""Property-based run of the read-only endpoints against their OpenAPI document (schemathesis).

Generated requests must never make the server fail, and every answer — success or error — must
match what the document declares for that operation. Only schema-conforming requests are generated,
from a fixed seed, so that the run is the same on every machine.
"""

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis import GenerationMode

from noivu.accounts.models import ApiToken
from noivu.core.models import Job
from noivu.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application).include(method="GET")
schema.config.generation.update(modes=[GenerationMode.POSITIVE], deterministic=True)


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
def token(people, hr_a, keep_test_connection) -> str:
    Job.objects.create(kind="export", created_by=hr_a)
    _, raw = ApiToken.issue(hr_a, "kiểm thử lược đồ")
    return raw


@pytest.mark.fuzz
@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=10,
    database=None,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_read_endpoints_conform_to_the_schema(case, token):
    case.call_and_validate(headers={"Authorization": f"Bearer {token}"})
