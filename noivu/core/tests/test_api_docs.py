"""The interactive API documentation loads Swagger UI from this server, never from a CDN."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.test import Client


@pytest.mark.django_db
def test_api_docs_reference_only_local_assets_that_exist():
    page = Client().get("/api/v1/docs")
    assert page.status_code == 200
    html = page.content.decode()
    urls = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert any(url.endswith("swagger-ui-bundle.js") for url in urls)
    assert any(url.endswith("swagger-ui.css") for url in urls)
    assert not re.search(r"https?://", html.split("<body")[0])
    for url in urls:
        assert url.startswith("/static/"), url
        assert finders.find(url.removeprefix("/static/")), url
    assert '"url": "/api/v1/openapi.json"' in html
