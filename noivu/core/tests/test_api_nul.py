"""A NUL character in an API request is a 422 naming the field, never a server error: PostgreSQL can
neither store nor compare such a text (the schema run found it in the task assignment's unit code)."""

import json

import pytest
from django.test import Client

from noivu.accounts.models import ApiToken
from noivu.evaluation.models import Task

pytestmark = pytest.mark.django_db


def test_a_nul_in_a_body_or_a_query_is_refused_naming_the_field(hr_a):
    _, raw = ApiToken.issue(hr_a, "kiểm thử")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    body = {"organization": "T01\u0000", "title": "Thẩm định", "target_quantity": 3, "deadline": "2026-12-31"}
    refused = client.post("/api/v1/evaluation/tasks", json.dumps(body), content_type="application/json")
    assert refused.status_code == 422
    assert [error["field"] for error in refused.json()["errors"]] == ["organization"]
    assert not Task.objects.exists()
    nested = client.post(
        "/api/v1/evaluation/tasks",
        json.dumps({**body, "organization": "T01", "extra": [{"a": "x\u0000"}]}),
        content_type="application/json",
    )
    assert [error["field"] for error in nested.json()["errors"]] == ["extra.0.a"]
    query = client.get("/api/v1/persons", {"q": "an\u0000"})
    assert query.status_code == 422 and query.json()["errors"][0]["field"] == "q"
