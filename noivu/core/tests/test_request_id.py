"""The request id: taken from a valid X-Request-ID or made, sent back, and on each log line of the request."""

import io
import json
import logging
import re

import pytest
from django.conf import settings
from django.test import Client
from pythonjsonlogger.json import JsonFormatter

from noivu.core.request_id import RequestIdFilter

MADE = re.compile(r"[0-9a-f]{32}")


def test_a_valid_incoming_request_id_is_kept():
    response = Client().get("/accounts/login/", headers={"X-Request-ID": "7f1c2e0a-nginx.42_b"})
    assert response["X-Request-ID"] == "7f1c2e0a-nginx.42_b"


@pytest.mark.parametrize(
    "given",
    [
        "short",  # under 8 characters
        "x" * 65,  # over 64
        'abc12345" level="CRITICAL',  # would forge a field of a text log
        "abc12345\u00e9\u00e9",  # not ASCII
    ],
)
def test_an_invalid_request_id_is_replaced_by_a_new_one(given):
    response = Client().get("/accounts/login/", headers={"X-Request-ID": given})
    assert MADE.fullmatch(response["X-Request-ID"]), response["X-Request-ID"]


def test_each_request_without_an_id_gets_its_own():
    client = Client()
    first, second = (client.get("/accounts/login/")["X-Request-ID"] for _ in range(2))
    assert MADE.fullmatch(first) and MADE.fullmatch(second) and first != second


@pytest.fixture
def json_log():
    """What the root logger writes during the test, through the production settings' JSON formatter and
    the request-id filter, as parsed lines."""
    options = {key: value for key, value in settings.LOGGING["formatters"]["json"].items() if key != "()"}
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter(**options))
    handler.addFilter(RequestIdFilter())
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    finally:
        root.removeHandler(handler)


def test_the_log_lines_of_a_request_carry_its_id_and_later_lines_none(json_log):
    response = Client().get("/no-such-page/", headers={"X-Request-ID": "req-from-nginx-0001"})
    assert response.status_code == 404
    logging.getLogger("noivu.test").warning("after the request")
    lines = json_log()
    # Django logs the 404 once the response has left the middleware; the id is still on it.
    not_found = [line for line in lines if line["logger"] == "django.request"]
    assert len(not_found) == 1
    assert not_found[0]["request_id"] == "req-from-nginx-0001"
    assert not_found[0]["level"] == "WARNING"
    assert not_found[0]["message"] == "Not Found: /no-such-page/"
    assert "time" in not_found[0]
    after = [line for line in lines if line["logger"] == "noivu.test"]
    assert after == [after[0]] and after[0]["request_id"] is None
