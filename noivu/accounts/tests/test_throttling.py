"""Login throttling (django-axes): by account and by address, with a Vietnamese message."""

from django.conf import settings
from django.urls import reverse

from conftest import make_user

LOGIN = reverse("accounts:login")
LOCKED = "Đăng nhập tạm thời bị khóa do nhập sai mật khẩu quá nhiều lần"
RIGHT = "Mat-khau-123"


def attempt(client, username: str, password: str, address: str):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def test_too_many_wrong_passwords_lock_the_account_and_the_address(client, hr_a, hr_b, tree):
    other = make_user("hr_c")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = attempt(client, "hr_a", "sai-mat-khau", "10.0.0.1")
        assert response.status_code == 200 and LOCKED not in response.content.decode()
    attempt(client, "hr_a", "sai-mat-khau", "10.0.0.1")

    refused = attempt(client, "hr_a", RIGHT, "10.0.0.1")
    assert refused.status_code == 429
    assert LOCKED in refused.content.decode() and "15 phút" in refused.content.decode()
    assert "_auth_user_id" not in client.session
    # By account: the right password from another address is refused too.
    assert attempt(client, "hr_a", RIGHT, "10.0.0.2").status_code == 429
    # By address: another account from the locked address is refused.
    assert attempt(client, "hr_c", RIGHT, "10.0.0.1").status_code == 429
    assert not other.last_login

    # Another account from another address is unaffected.
    response = attempt(client, "hr_b", RIGHT, "10.0.0.3")
    assert response.status_code == 302 and response["Location"] == reverse("reports:dashboard")


def test_a_success_before_the_limit_starts_the_count_again(client, hr_a):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, "hr_a", "sai-mat-khau", "10.0.0.1")
    assert attempt(client, "hr_a", RIGHT, "10.0.0.1").status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, "hr_a", "sai-mat-khau", "10.0.0.1")
    assert attempt(client, "hr_a", RIGHT, "10.0.0.1").status_code == 302
