import datetime as dt
from pathlib import Path

from django.urls import reverse

from conftest import make_person, make_user
from noivu.core.dates import today
from noivu.core.extensions import DashboardCard, dashboard_cards
from noivu.personnel.models import Category, Gender

TEMPLATES = Path(__file__).parent / "templates"


def test_dashboard_shows_the_registered_cards_within_the_users_scope(client, hr_a, tree, people):
    make_person(tree["dept_a"], "Đỗ Thị Hoa", gender=Gender.FEMALE, category=Category.PUBLIC_EMPLOYEE)
    client.force_login(hr_a)
    response = client.get(reverse("reports:dashboard"))
    assert response.status_code == 200
    cards = response.context["cards"]
    assert {"organizations", "persons"} <= set(cards)  # and the cards of the other apps
    assert cards["persons"].context["total"] == 3  # An, Bình, Hoa; not Dũng of province B
    assert cards["organizations"].context["count"] == 2  # UBND tỉnh A and its Sở Nội vụ
    rows = {str(row["label"]): row["by_gender"] for row in cards["persons"].context["rows"]}
    assert (rows["Công chức"], rows["Viên chức"], rows["Cán bộ"]) == ([1, 1], [0, 1], [0, 0])
    html = response.content.decode()
    assert "chart.umd.min.js" in html and 'id="chart-data"' in html
    assert 'id="person-count">3<' in html and 'id="organization-count"' in html


def test_dashboard_of_a_user_without_grants_is_empty(client, people):
    client.force_login(make_user("nobody"))
    cards = client.get(reverse("reports:dashboard")).context["cards"]
    assert (cards["persons"].context["total"], cards["organizations"].context["count"]) == (0, 0)


def test_dashboard_is_as_of_today_unless_a_date_is_given(client, hr_a, people):
    client.force_login(hr_a)
    response = client.get(reverse("reports:dashboard"))
    assert response.context["as_of"] == today()
    assert f'value="{today():%d/%m/%Y}"' in response.content.decode()
    before = client.get(reverse("reports:dashboard"), {"as_of": "31/12/2019"})
    assert before.context["as_of"] == dt.date(2019, 12, 31)
    # Nobody was assigned and no unit existed before 01/01/2020.
    assert before.context["cards"]["persons"].context["total"] == 0
    assert before.context["cards"]["organizations"].context["count"] == 0


def test_an_invalid_date_says_so_and_counts_as_of_today(client, hr_a, people):
    client.force_login(hr_a)
    response = client.get(reverse("reports:dashboard"), {"as_of": "32/13/2024"})
    assert response.context["as_of"] == today()
    assert response.context["cards"]["persons"].context["total"] == 2
    assert "Ngày không hợp lệ" in response.content.decode()


def test_a_card_registered_by_an_app_is_shown_with_its_date(client, hr_a, tree, settings):
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], TEMPLATES]}]
    card = DashboardCard(
        key="sample",
        title="Thẻ mẫu",
        order=99,
        context=lambda user, as_of: {"figure": f"{user.username} {as_of:%d/%m/%Y}"},
        template="sample_card.html",
    )
    dashboard_cards.register(card)
    try:
        client.force_login(hr_a)
        html = client.get(reverse("reports:dashboard"), {"as_of": "01/02/2024"}).content.decode()
    finally:
        dashboard_cards.unregister("sample")
    assert '<p id="sample">hr_a 01/02/2024</p>' in html


def test_pages_need_login(client):
    response = client.get(reverse("reports:dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
