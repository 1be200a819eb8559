"""One presenter for every channel: the same user sees the same masked values on the page, in the API,
in the Excel export and in the CV."""

import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from noivu.accounts.models import ApiToken
from noivu.personnel.records.presenters import PersonPresenter

FULL, MASKED = "001085012345", "001*******45"


def _api(user) -> Client:
    _, raw = ApiToken.issue(user, "kiểm thử")
    return Client(headers={"authorization": f"Bearer {raw}"})


def seen_everywhere(client: Client, user, person) -> dict[str, str]:
    """The CCCD of ``person`` as ``user`` sees it in each channel."""
    client.force_login(user)
    page = client.get(reverse("personnel:list"), {"q": "nguyen van an"})
    table = page.context["table"]
    position = [header["label"] for header in table.headers].index("Số CCCD")
    record = client.get(reverse("personnel:detail", args=[person.pk])).content.decode()
    export = client.get(reverse("personnel:export"), {"q": "nguyen van an"})
    sheet = load_workbook(io.BytesIO(b"".join(export)), read_only=True).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    header = list(rows[0])
    cccd_column = next(i for i, title in enumerate(header) if title and "CCCD" in str(title))
    cv = client.get(reverse("personnel:cv", args=[person.pk])).content.decode()
    return {
        "page": table.rows[0]["cells"][position]["text"],
        "record": FULL if FULL in record else MASKED if MASKED in record else "",
        "api": _api(user).get(f"/api/v1/persons/{person.pk}").json()["cccd_number"],
        "export": rows[1][cccd_column],
        "cv": FULL if FULL in cv else MASKED if MASKED in cv else "",
    }


@pytest.mark.django_db
def test_a_leader_sees_the_same_masked_cccd_in_page_record_api_export_and_cv(client, people, leader_a):
    seen = seen_everywhere(client, leader_a, people["an"])
    assert seen == dict.fromkeys(seen, MASKED)


@pytest.mark.django_db
def test_an_hr_officer_sees_the_same_full_cccd_everywhere(client, people, hr_a):
    seen = seen_everywhere(client, hr_a, people["an"])
    assert seen == dict.fromkeys(seen, FULL)


@pytest.mark.django_db
def test_the_presenter_decides_from_cached_grants_without_a_query_per_row(
    people, leader_a, hr_a, django_assert_num_queries
):
    from noivu.personnel.models import Person

    persons = list(Person.objects.select_related("organization").filter(organization__code__startswith="T01"))
    for user, expected in ((hr_a, FULL), (leader_a, MASKED)):
        presenter = PersonPresenter(user)
        presenter.shows_personal_data(persons[0])  # caches the user's grants
        with django_assert_num_queries(0):
            rows = [presenter.row(person, ["full_name", "cccd_number"]) for person in persons]
        an = next(row for row in rows if row["full_name"] == "Nguyễn Văn An")
        assert an["cccd_number"] == expected
