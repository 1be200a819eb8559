"""Request types for the web pages (yêu cầu HTTP)."""

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails


class HtmxRequest(HttpRequest):
    """A request that went through django-htmx's middleware, which sets ``request.htmx``."""

    htmx: HtmxDetails
