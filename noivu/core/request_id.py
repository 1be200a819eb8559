"""The request id (mã yêu cầu): one value per HTTP request, on the response's ``X-Request-ID`` header and on
every log record written while the request is answered, so that an operator finds all the lines of one
request, and the proxy's line, from the id a user reports.

A valid incoming ``X-Request-ID`` (the proxy's, e.g. nginx's ``$request_id``) is kept; otherwise a new one
is made. Only a short token of letters, digits, ``-``, ``_`` and ``.`` is taken from a request, so a
client cannot write anything else into the logs through it.
"""

import logging
import re
import uuid
from collections.abc import Callable
from contextvars import ContextVar

from django.http import HttpRequest, HttpResponse

HEADER = "X-Request-ID"
VALID = re.compile(r"[A-Za-z0-9._-]{8,64}")

_current: ContextVar[str | None] = ContextVar("request_id", default=None)


def current() -> str | None:
    """The id of the request being answered on this thread, or ``None`` outside a request."""
    return _current.get()


def accepted(value: str) -> str:
    """``value`` when it is a valid request id, else a new one (32 hexadecimal digits, like nginx's)."""
    return value if VALID.fullmatch(value) else uuid.uuid4().hex


def forget(**kwargs: object) -> None:
    """The receiver of ``request_finished``: the request is over once its response is closed, after
    Django has logged an error status and a streamed file has been sent, so the id is kept until then."""
    _current.set(None)


class RequestIdMiddleware:
    """Takes or makes the request id, keeps it for the logs of the request, and sends it back on the
    response. First in ``MIDDLEWARE``, so that every answer carries one, static files included."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        value = accepted(request.headers.get(HEADER, ""))
        _current.set(value)
        response = self.get_response(request)
        response[HEADER] = value
        return response


class RequestIdFilter(logging.Filter):
    """Adds ``request_id`` to a record written during a request (on a handler, so that records of every
    logger get it); a record that already carries one (the server's access line) keeps its own."""

    def filter(self, record: logging.LogRecord) -> bool:
        value = _current.get()
        if value is not None and not hasattr(record, "request_id"):
            record.request_id = value
        return True
