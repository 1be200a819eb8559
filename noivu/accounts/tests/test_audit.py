import pytest
from django.test import Client
from django.urls import reverse

from noivu.accounts.models import ApiToken
from noivu.core.models import AuditEvent


@pytest.mark.django_db
def test_logins_and_failures_are_logged(hr_a):
    # Through the login page: login throttling needs the request that every real login has.
    login = reverse("accounts:login")
    assert Client().post(login, {"username": "hr_a", "password": "Mat-khau-123"}).status_code == 302
    assert Client().post(login, {"username": "hr_a", "password": "sai-mat-khau"}).status_code == 200
    events = list(AuditEvent.objects.order_by("at", "pk").values_list("event_type", "username", "extra"))
    assert events == [("auth.login", "hr_a", {}), ("auth.login_failed", "", {"username": "hr_a"})]


@pytest.mark.django_db
def test_changes_to_users_are_kept_in_history(hr_a):
    hr_a.full_name = "Tên mới"
    hr_a.save()
    assert [h.full_name for h in hr_a.history.order_by("history_date")] == ["Cán bộ tỉnh A", "Tên mới"]
    assert not hasattr(hr_a.history.first(), "password")


@pytest.mark.django_db
def test_api_token_is_stored_only_as_a_digest(hr_a):
    token, raw = ApiToken.issue(hr_a, "báo cáo")
    assert raw.startswith("nv_") and len(raw) > 40
    stored = ApiToken.objects.get(pk=token.pk)
    assert raw not in (stored.digest, stored.prefix)
    assert stored.digest == ApiToken.hash(raw)
    assert stored.usable
    stored.revoked = True
    assert not stored.usable
