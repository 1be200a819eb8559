import pytest
from django.conf import settings
from django.urls import reverse


@pytest.mark.django_db
def test_vietnamese_by_default_even_for_an_english_browser(client, hr_a):
    client.force_login(hr_a)
    html = client.get(
        reverse("reports:dashboard"), headers={"Accept-Language": "en-US,en;q=0.9"}
    ).content.decode()
    assert "Tổng quan" in html
    assert "Overview" not in html


@pytest.mark.django_db
def test_the_switcher_turns_the_interface_to_english_and_keeps_dates_dd_mm_yyyy(client, hr_a, people):
    client.force_login(hr_a)
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    html = client.get(reverse("reports:dashboard")).content.decode()
    assert "Overview" in html
    detail = client.get(reverse("personnel:detail", args=[people["an"].pk])).content.decode()
    assert "Date of birth" in detail and "17/05/1985" in detail
