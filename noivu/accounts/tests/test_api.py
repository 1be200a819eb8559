import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from conftest import make_user
from noivu.accounts.models import ApiToken
from noivu.core.permissions import Role

ME = "/api/v1/me"


def bearer(raw: str) -> Client:
    return Client(headers={"authorization": f"Bearer {raw}"})


@pytest.mark.django_db
def test_me_gives_the_user_and_grants_with_role_and_unit(tree, hr_a):
    make_user("other")
    _, raw = ApiToken.issue(hr_a, "máy chủ báo cáo")
    response = bearer(raw).get(ME)
    assert response.status_code == 200
    body = response.json()
    assert (body["username"], body["full_name"], body["is_superuser"]) == ("hr_a", "Cán bộ tỉnh A", False)
    assert body["grants"] == [
        {
            "role": Role.HR_OFFICER,
            "role_label": "Cán bộ tổ chức – nhân sự",
            "organization_code": "T01",
            "organization_name": "UBND tỉnh A",
        }
    ]


@pytest.mark.django_db
def test_valid_token_is_accepted_and_its_use_recorded(tree, hr_b):
    token, raw = ApiToken.issue(hr_b, "đồng bộ")
    assert token.last_used_at is None
    assert bearer(raw).get(ME).json()["username"] == "hr_b"
    token.refresh_from_db()
    assert token.last_used_at is not None


@pytest.mark.django_db
def test_session_login_works_too(tree, hr_a):
    client = Client()
    client.force_login(hr_a)
    assert client.get(ME).json()["username"] == "hr_a"


@pytest.mark.django_db
def test_no_credentials_is_401_with_a_bearer_challenge(tree):
    response = Client().get(ME)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"
    assert "Chưa xác thực" in response.json()["detail"]


@pytest.mark.django_db
def test_revoked_expired_unknown_tokens_and_inactive_users_are_refused(tree, hr_a):
    revoked, revoked_raw = ApiToken.issue(hr_a, "thu hồi")
    ApiToken.objects.filter(pk=revoked.pk).update(revoked=True)
    expired, expired_raw = ApiToken.issue(hr_a, "hết hạn")
    ApiToken.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    later, later_raw = ApiToken.issue(hr_a, "còn hạn")
    ApiToken.objects.filter(pk=later.pk).update(expires_at=timezone.now() + dt.timedelta(days=1))
    assert bearer(later_raw).get(ME).status_code == 200

    for raw in (revoked_raw, expired_raw, "nv_" + "x" * 43, later_raw[:-1], ""):
        assert bearer(raw).get(ME).status_code == 401, raw
    # The digest, not the raw value, is what is stored: presenting the digest is no use either.
    assert bearer(later.digest).get(ME).status_code == 401

    hr_a.is_active = False
    hr_a.save()
    assert bearer(later_raw).get(ME).status_code == 401


@pytest.mark.django_db
def test_every_endpoint_needs_authentication(tree, people):
    client = Client()
    person = people["an"].pk
    for method, url in [
        ("get", ME),
        ("get", "/api/v1/organizations"),
        ("get", "/api/v1/organizations/T01"),
        ("get", "/api/v1/persons"),
        ("get", f"/api/v1/persons/{person}"),
        ("post", "/api/v1/persons"),
        ("get", "/api/v1/rules/base_salary"),
        ("get", "/api/v1/calculators"),
        ("post", "/api/v1/calculators/base-salary"),
        ("get", "/api/v1/jobs/1"),
    ]:
        response = getattr(client, method)(url, content_type="application/json")
        assert response.status_code == 401, url
