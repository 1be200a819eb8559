"""Error pages in Vietnamese inside the layout, with DEBUG off; the API answers JSON even to a crash."""

import pytest
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.urls import path

from noivu.urls import handler500  # noqa: F401  (the site's error page, for the URLconf below)
from noivu.urls import urlpatterns as site_urls


def _forbidden(request: HttpRequest) -> HttpResponse:
    raise PermissionDenied


@login_not_required
def _crash(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("boom")


urlpatterns = [*site_urls, path("test-403/", _forbidden), path("test-500/", _crash)]


@pytest.fixture(autouse=True)
def _production(settings):
    settings.DEBUG = False


@pytest.mark.urls(__name__)
def test_404_is_vietnamese_inside_the_layout(client, hr_a):
    client.force_login(hr_a)
    response = client.get("/khong-co-trang-nay/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "Không tìm thấy trang" in html and 'class="navbar is-link"' in html
    assert "URLconf" not in html and "Page not found" not in html


@pytest.mark.urls(__name__)
def test_403_is_vietnamese_inside_the_layout(client, hr_a):
    client.force_login(hr_a)
    response = client.get("/test-403/")
    html = response.content.decode()
    assert response.status_code == 403
    assert "Không có quyền truy cập" in html and 'class="navbar is-link"' in html
    assert "403 Forbidden" not in html


@pytest.mark.urls(__name__)
def test_500_is_vietnamese_and_needs_no_database():
    # No database fixture: any query made while rendering the page would fail the test.
    response = Client(raise_request_exception=False).get("/test-500/", HTTP_X_REQUEST_ID="proxy-given-id-42")
    html = response.content.decode()
    assert response.status_code == 500
    assert "Lỗi máy chủ" in html and 'class="navbar is-link"' in html and "boom" not in html
    # The id the user quotes is the one on the error's log lines and the proxy's.
    assert response["X-Request-ID"] == "proxy-given-id-42"
    assert "<code>proxy-given-id-42</code>" in html


@pytest.mark.parametrize("debug", [False, True])
def test_an_unexpected_api_error_answers_the_documented_json(client, hr_a, monkeypatch, settings, debug):
    settings.DEBUG = debug
    client.force_login(hr_a)

    def crash(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("noivu.accounts.api.Grant.objects.unrestricted", crash)
    client.raise_request_exception = False
    response = client.get("/api/v1/me")
    assert response.status_code == 500
    assert response["Content-Type"].startswith("application/json")
    assert response.json() == {
        "detail": "Lỗi máy chủ: thao tác không thực hiện được. Vui lòng thử lại sau hoặc báo quản trị viên."
    }
