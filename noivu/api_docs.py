"""The interactive API documentation (tài liệu API tương tác) at /api/docs, served without a CDN."""

import json
from typing import TYPE_CHECKING, Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from ninja.openapi.docs import Swagger, _csrf_needed

if TYPE_CHECKING:
    from ninja import NinjaAPI


class LocalSwagger(Swagger):
    """Swagger UI from the ``swagger-ui-dist`` npm package, served by staticfiles like the rest of the UI.

    Ninja renders its CDN page unless ``ninja`` is an installed app; this page is ours either way."""

    template = "api/docs.html"

    def render_page(self, request: HttpRequest, api: "NinjaAPI", **kwargs: Any) -> HttpResponse:
        """Render the documentation page (trang tài liệu API) of ``api``."""
        settings = {**self.settings, "url": self.get_openapi_url(api, kwargs)}
        context = {"swagger_settings": json.dumps(settings), "api": api, "add_csrf": _csrf_needed(api)}
        return render(request, self.template, context)
