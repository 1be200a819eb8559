"""The person list's one filter definition: narrowing, as-of replay from the dated facts, API schema."""

import datetime as dt

import pytest
from django.urls import reverse

from conftest import make_person
from noivu.core import dates
from noivu.personnel.models import Category, Gender
from noivu.personnel.records.actions import do_transfer_person
from noivu.personnel.records.filters import PersonFilters
from noivu.personnel.records.search import search_persons

TRANSFER_DAY = dt.date(2023, 7, 1)


def listed(user, **data) -> list[str]:
    filters = PersonFilters(data, user=user)
    return sorted(person.full_name for person in filters.apply(filters.persons()))


@pytest.fixture
def more_people(tree, people):
    return {
        "duc": make_person(tree["dept_a"], "Phạm Minh Đức", birth_date=dt.date(1970, 3, 1)),
        "anh": make_person(tree["dept_a"], "Nguyễn Văn Anh", birth_date=dt.date(1999, 12, 31)),
        "hung": make_person(tree["province_a"], "Trần Quốc Hùng", category=Category.PUBLIC_EMPLOYEE),
        "thu": make_person(tree["dept_b"], "Trần Thị Thu Hà", gender=Gender.FEMALE),
    }


@pytest.mark.django_db
def test_filters_by_subtree_category_and_age(national_admin, more_people):
    assert "Lê Đức Dũng" not in listed(national_admin, organization="T01")
    assert listed(national_admin, category=Category.PUBLIC_EMPLOYEE) == ["Trần Quốc Hùng"]
    assert listed(national_admin, gender=Gender.FEMALE) == ["Trần Thị Bình", "Trần Thị Thu Hà"]
    # Born 31/12/1999: 25 on 31/12/2024, still 25 on 1/1/2025; born 1/3/1970: 54.
    assert listed(national_admin, min_age=20, max_age=25, as_of="01/01/2025") == ["Nguyễn Văn Anh"]
    assert listed(national_admin, min_age=50, as_of="2025-01-01") == ["Phạm Minh Đức"]
    # The day before the 25th birthday: still 24.
    assert listed(national_admin, min_age=24, max_age=24, as_of="30/12/2024") == ["Nguyễn Văn Anh"]


@pytest.mark.django_db
def test_narrow_leaves_the_search_text_to_the_cursor_search(national_admin, more_people):
    filters = PersonFilters({"q": "tran", "organization": "T01"}, user=national_admin)
    found = search_persons(filters.narrow(filters.persons()), filters.query, user=national_admin, limit=10)
    assert [person.full_name for person in found.persons] == ["Trần Quốc Hùng", "Trần Thị Bình"]


@pytest.fixture
def transferred(tree, people, national_admin):
    """Nguyễn Văn An moves from province A's department to province B's on 01/07/2023."""
    do_transfer_person(
        person=people["an"],
        to_organization=tree["dept_b"],
        category=Category.PUBLIC_EMPLOYEE,
        effective_from=TRANSFER_DAY,
        acting_user=national_admin,
    )
    return people["an"]


@pytest.mark.django_db
def test_as_of_a_day_lists_each_person_where_they_were_then_for_each_province(transferred, hr_a, hr_b):
    before, after = "01/01/2023", "01/01/2024"
    assert "Nguyễn Văn An" in listed(hr_a, as_of=before)
    assert "Nguyễn Văn An" not in listed(hr_b, as_of=before)
    assert "Nguyễn Văn An" not in listed(hr_a, as_of=after)
    assert "Nguyễn Văn An" in listed(hr_b, as_of=after)
    assert listed(hr_a, as_of=before, organization="T01-SNV") == ["Nguyễn Văn An"]
    assert listed(hr_b, as_of=after, organization="T02-SNV") == ["Lê Đức Dũng", "Nguyễn Văn An"]
    # The category of the day, too.
    assert listed(hr_b, as_of=after, category=Category.PUBLIC_EMPLOYEE) == ["Nguyễn Văn An"]
    assert listed(hr_a, as_of=before, category=Category.CIVIL_SERVANT) == ["Nguyễn Văn An", "Trần Thị Bình"]


@pytest.mark.django_db
def test_as_of_today_gives_the_same_rows_as_the_list_of_today(transferred, hr_a, hr_b, national_admin):
    today = dates.today().strftime("%d/%m/%Y")
    yesterday = (dates.today() - dt.timedelta(days=1)).strftime("%d/%m/%Y")
    for user in (hr_a, hr_b, national_admin):
        assert listed(user, as_of=today) == listed(user)
        # Yesterday is answered from the assignments: the same rows, as no one moved since.
        assert listed(user, as_of=yesterday) == listed(user)


@pytest.mark.django_db
def test_as_of_rows_carry_the_unit_category_and_rank_of_that_day(transferred, hr_a, hr_b):
    from noivu.personnel.dossier.actions import do_record_rank_change

    for start, code in ((dt.date(2020, 1, 1), "01.003"), (dt.date(2023, 7, 1), "01.002")):
        do_record_rank_change(
            person=transferred, rank_code=code, rank_name="", effective_from=start, acting_user=hr_b
        )
    then = PersonFilters({"as_of": "01/01/2023"}, user=hr_a)
    row = then.persons().get(pk=transferred.pk)
    then_held = (row.unit_name, row.category_held, row.rank_held)
    assert then_held == ("Sở Nội vụ tỉnh A", Category.CIVIL_SERVANT, "01.003")
    assert listed(hr_a, rank="01.002") == []
    assert listed(hr_a, rank="01.003", as_of="01/01/2023") == ["Nguyễn Văn An"]
    assert listed(hr_b, rank="01.002") == ["Nguyễn Văn An"]


@pytest.mark.django_db
def test_the_page_the_api_and_the_export_take_the_as_of_day(client, transferred, hr_a):
    client.force_login(hr_a)
    page = client.get(reverse("personnel:list"), {"as_of": "01/01/2023"})
    assert "Nguyễn Văn An" in [person.full_name for person in page.context["page"].rows]
    assert "Sở Nội vụ tỉnh A" in page.content.decode()
    api = client.get("/api/v1/persons", {"as_of": "2023-01-01", "organization": "T01-SNV"}).json()
    assert [item["full_name"] for item in api["items"]] == ["Nguyễn Văn An"]
    assert api["items"][0]["organization"]["code"] == "T01-SNV"
    found = client.get("/api/v1/persons/search", {"as_of": "2023-01-01", "q": "nguyen"}).json()
    assert [item["full_name"] for item in found["items"]] == ["Nguyễn Văn An"]
    assert client.get("/api/v1/persons/search", {"q": "nguyen"}).json()["items"] == []


def test_the_api_query_schema_comes_from_the_filter_set():
    fields = set(PersonFilters.schema().model_fields)
    assert fields == {"as_of", "q", "organization", "category", "gender", "rank", "min_age", "max_age"}


@pytest.mark.django_db
def test_age_bounds_before_the_calendars_first_years_narrow_without_error(national_admin, more_people):
    # Nobody was placed then; what matters is an answer rather than a date out of range.
    assert listed(national_admin, min_age=150, as_of="0100-01-01") == []
    assert listed(national_admin, max_age=150, as_of="0100-01-01") == []
