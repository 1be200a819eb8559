"""Request types for the web pages (yêu cầu HTTP)."""

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails


class HtmxRequest(HttpRequest):
    """A request that went through django-htmx's middleware, which sets ``request.htmx``."""

    htmx: HtmxDetails


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
"""The media type of an Excel workbook (.xlsx), the sector's usual exchange format."""

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
"""The media type of a Word document (.docx), the form official templates come in."""

PDF = "application/pdf"
