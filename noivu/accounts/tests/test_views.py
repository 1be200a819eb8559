import datetime as dt

from django.urls import reverse
from django.utils import timezone

from noivu.accounts.models import ApiToken
from noivu.core.models import AuditEvent


def test_login_page_renders_and_logs_in(client, hr_a):
    page = client.get(reverse("accounts:login"))
    assert page.status_code == 200
    assert "Đăng nhập" in page.content.decode()
    response = client.post(reverse("accounts:login"), {"username": "hr_a", "password": "Mat-khau-123"})
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:dashboard")
    assert AuditEvent.objects.filter(acting_user=hr_a, event_type="auth.login").exists()


def test_wrong_password_shows_an_error(client, hr_a):
    response = client.post(reverse("accounts:login"), {"username": "hr_a", "password": "sai"})
    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in response.content.decode()


def test_logout(client, hr_a):
    client.force_login(hr_a)
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert client.get(reverse("reports:dashboard")).status_code == 302


def test_language_switch_before_login_gives_english(client, db):
    client.post(reverse("accounts:language"), {"language": "en", "next": reverse("accounts:login")})
    html = client.get(reverse("accounts:login")).content.decode()
    assert '<html lang="en">' in html
    assert "Log in to continue" in html and "Đăng nhập để tiếp tục" not in html


def test_tokens_are_shown_once_listed_and_revoked(client, hr_a, hr_b):
    client.force_login(hr_a)
    response = client.post(reverse("accounts:tokens"), {"name": "kế toán"})
    raw = response.context["raw_token"]
    assert raw.startswith("nv_") and raw in response.content.decode()
    token = ApiToken.objects.get(user=hr_a)
    assert token.digest == ApiToken.hash(raw)
    listing = client.get(reverse("accounts:tokens")).content.decode()
    assert "kế toán" in listing and raw not in listing

    client.force_login(hr_b)
    assert client.post(reverse("accounts:revoke_token", args=[token.pk])).status_code == 404
    token.refresh_from_db()
    assert token.usable

    client.force_login(hr_a)
    client.post(reverse("accounts:revoke_token", args=[token.pk]))
    token.refresh_from_db()
    assert not token.usable
    events = AuditEvent.objects.filter(target_id=str(token.pk)).order_by("pk")
    assert [(event.event_type, event.acting_user) for event in events] == [
        ("auth.token_issued", hr_a),
        ("auth.token_revoked", hr_a),
    ]
    assert raw not in str(list(events.values_list("extra", flat=True)))
    assert [h.revoked for h in token.history.order_by("history_date")] == [False, True]


def test_tokens_of_others_are_not_listed(client, hr_a, hr_b):
    ApiToken.issue(hr_b, "của tỉnh B")
    client.force_login(hr_a)
    assert "của tỉnh B" not in client.get(reverse("accounts:tokens")).content.decode()


def test_a_token_expires_after_the_configured_days_shown_on_the_token_page(client, hr_a, settings):
    client.force_login(hr_a)
    client.post(reverse("accounts:tokens"), {"name": "mặc định"})
    token = ApiToken.objects.get(user=hr_a)
    assert token.expires_at is not None
    assert abs(token.expires_at - token.created_at - dt.timedelta(days=90)) < dt.timedelta(seconds=5)
    expiry = timezone.localtime(token.expires_at).strftime("%d/%m/%Y")
    assert f">{expiry}</td>" in client.get(reverse("accounts:tokens")).content.decode()

    settings.API_TOKEN_DAYS = 7
    client.post(reverse("accounts:tokens"), {"name": "ngắn hạn"})
    short = ApiToken.objects.get(user=hr_a, name="ngắn hạn")
    assert short.expires_at is not None
    assert timezone.now() + dt.timedelta(days=6) < short.expires_at <= timezone.now() + dt.timedelta(days=7)
    ApiToken.objects.filter(pk=short.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    short.refresh_from_db()
    assert not short.usable
