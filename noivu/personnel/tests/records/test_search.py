import datetime as dt

import pytest
from django.db import connection
from django.db.models import QuerySet
from django.test.utils import CaptureQueriesContext

from conftest import make_person
from noivu.accounts.models import User
from noivu.core.permissions import Action
from noivu.personnel.models import Category, Gender, Person
from noivu.personnel.records import search
from noivu.personnel.records.search import (
    GivenNameFirst,
    ParsedQuery,
    QueryKind,
    WithoutSurname,
    given_name_first,
    matching,
    parse_query,
    search_persons,
    without_surname,
)

# Sees every record and its personal data: the search rules themselves, not the scope.
SEARCHER = User(username="searcher", is_superuser=True, is_active=True)


def names(page) -> list[str]:
    return [person.full_name for person in page.persons]


def everyone() -> QuerySet[Person]:
    return Person.objects.all()


@pytest.fixture
def more_people(tree, people):
    return {
        "duc": make_person(tree["dept_a"], "Phạm Minh Đức", birth_date=dt.date(1970, 3, 1)),
        "anh": make_person(tree["dept_a"], "Nguyễn Văn Anh", birth_date=dt.date(1999, 12, 31)),
        "hung": make_person(tree["province_a"], "Trần Quốc Hùng", category=Category.PUBLIC_EMPLOYEE),
        "thu": make_person(tree["dept_b"], "Trần Thị Thu Hà", gender=Gender.FEMALE),
    }


def test_parse_query_tells_numbers_codes_and_names_apart():
    assert parse_query(" 001 085 012345 ") == ParsedQuery(QueryKind.ID_NUMBER, "001085012345")
    assert parse_query("001085012345").kind == QueryKind.ID_NUMBER
    assert parse_query("123456789").kind == QueryKind.ID_NUMBER
    assert parse_query("001 085").value == "001085"
    assert parse_query("001085").kind == QueryKind.ID_NUMBER
    assert parse_query("03419").kind == QueryKind.PERSONAL_CODE
    assert parse_query("cb-00123").kind == QueryKind.PERSONAL_CODE
    assert parse_query("cb-00123").value == "CB-00123"
    assert parse_query("  Nguyễn   VĂN  Ánh ").value == "nguyen van anh"
    assert parse_query("").kind == QueryKind.ALL


def test_given_name_first_rotates_the_last_word():
    assert given_name_first("nguyen van an") == "an nguyen van"
    assert given_name_first("an") == "an"


def test_without_surname_drops_the_first_word():
    assert without_surname("nguyen van an") == "van an"
    assert without_surname("an") == "an"


@pytest.mark.django_db
def test_surname_removal_in_the_database_matches_python(more_people):
    rows = Person.objects.annotate(rest=WithoutSurname("full_name_folded")).values_list(
        "full_name_folded", "rest"
    )
    assert rows and all(rest == without_surname(folded) for folded, rest in rows)


@pytest.mark.django_db
def test_rotation_in_the_database_matches_python(more_people):
    rows = Person.objects.annotate(rotated=GivenNameFirst("full_name_folded")).values_list(
        "full_name_folded", "rotated"
    )
    assert rows and all(rotated == given_name_first(folded) for folded, rotated in rows)


@pytest.mark.django_db
def test_name_without_diacritics_finds_the_written_name(more_people):
    page = search_persons(everyone(), "nguyen van an", user=SEARCHER, limit=10)
    assert names(page)[0] == "Nguyễn Văn An"
    # A prefix: "an" also begins "Anh".
    assert set(names(page)) == {"Nguyễn Văn An", "Nguyễn Văn Anh"}


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["đức", "duc", "ĐỨC", "Duc"])
def test_d_with_stroke_and_plain_d_find_the_same_person(more_people, query):
    # The given name Đức first, then the middle name Đức.
    assert names(search_persons(everyone(), query, user=SEARCHER, limit=10)) == [
        "Phạm Minh Đức",
        "Lê Đức Dũng",
    ]


@pytest.mark.django_db
def test_middle_name_with_or_without_the_given_name(more_people):
    assert names(search_persons(everyone(), "van an", user=SEARCHER, limit=10)) == [
        "Nguyễn Văn An",
        "Nguyễn Văn Anh",
    ]
    assert names(search_persons(everyone(), "Văn Anh", user=SEARCHER, limit=10)) == ["Nguyễn Văn Anh"]
    assert names(search_persons(everyone(), "thi thu", user=SEARCHER, limit=10)) == ["Trần Thị Thu Hà"]
    assert names(search_persons(everyone(), "quoc", user=SEARCHER, limit=10)) == ["Trần Quốc Hùng"]
    assert names(search_persons(everyone(), "minh duc", user=SEARCHER, limit=10)) == ["Phạm Minh Đức"]
    assert set(names(search_persons(everyone(), "thi", user=SEARCHER, limit=10))) == {
        "Trần Thị Bình",
        "Trần Thị Thu Hà",
    }


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["van an", "đức", "thi thu", "nguyen", "001085", "an nguyen"])
def test_matching_finds_what_the_search_finds(more_people, query):
    found = {person.pk for person in search_persons(everyone(), query, user=SEARCHER, limit=50).persons}
    assert found and set(matching(everyone(), query, user=SEARCHER).values_list("pk", flat=True)) == found


@pytest.mark.django_db
def test_given_name_alone_and_surname_with_given_name(more_people):
    assert names(search_persons(everyone(), "hung", user=SEARCHER, limit=10)) == ["Trần Quốc Hùng"]
    assert names(search_persons(everyone(), "an nguyen", user=SEARCHER, limit=10)) == ["Nguyễn Văn An"]
    assert names(search_persons(everyone(), "tran hung", user=SEARCHER, limit=10)) == ["Trần Quốc Hùng"]
    assert names(search_persons(everyone(), "tran", user=SEARCHER, limit=10)) == [
        "Trần Quốc Hùng",
        "Trần Thị Bình",
        "Trần Thị Thu Hà",
    ]


@pytest.mark.django_db
def test_no_match_and_too_short_queries(more_people):
    assert names(search_persons(everyone(), "xuan truong", user=SEARCHER, limit=10)) == []
    assert names(search_persons(everyone(), "n", user=SEARCHER, limit=10)) == []


@pytest.mark.django_db
def test_id_number_is_an_exact_match(more_people):
    page = search_persons(everyone(), "001085012345", user=SEARCHER, limit=10)
    assert page.kind == QueryKind.ID_NUMBER and names(page) == ["Nguyễn Văn An"]
    assert names(search_persons(everyone(), "001085012346", user=SEARCHER, limit=10)) == []


@pytest.mark.django_db
def test_the_beginning_of_an_id_number_pages_in_number_order(tree, more_people):
    for number in ("001085000001", "001085000002", "001085000003"):
        make_person(tree["dept_a"], "Hà Văn Số", cccd_number=number)
    assert (
        names(search_persons(everyone(), "00118", user=SEARCHER, limit=10)) == []
    )  # five digits: a personal code
    first = search_persons(everyone(), "001 085", user=SEARCHER, limit=2)
    assert [p.cccd_number for p in first.persons] == ["001085000001", "001085000002"]
    rest = search_persons(everyone(), "001085", user=SEARCHER, limit=2, cursor=first.next_cursor)
    assert [p.cccd_number for p in rest.persons] == ["001085000003", "001085012345"]
    assert rest.next_cursor is None
    assert names(search_persons(everyone(), "0011850", user=SEARCHER, limit=10)) == ["Trần Thị Bình"]


@pytest.mark.django_db
def test_personnel_code(more_people):
    Person.objects.filter(pk=more_people["hung"].pk).update(personnel_code="CB-00123")
    assert names(search_persons(everyone(), "cb-00123", user=SEARCHER, limit=10)) == ["Trần Quốc Hùng"]


@pytest.mark.django_db
def test_pages_follow_each_other_without_repeats_or_gaps(tree, more_people):
    for middle in ("Bảo", "Công", "Duy", "Hữu", "Khắc", "Minh", "Quang"):
        make_person(tree["dept_a"], f"Lê {middle} An")
    make_person(tree["dept_a"], "An Thị Lan")  # surname "An": first branch
    make_person(tree["dept_a"], "Hoàng Anh Tuấn")  # middle name "Anh": last branch
    seen, cursor = [], None
    for _ in range(10):
        page = search_persons(everyone(), "an", user=SEARCHER, limit=3, cursor=cursor)
        assert len(page.persons) <= 3
        seen += [person.pk for person in page.persons]
        cursor = page.next_cursor
        if cursor is None:
            break
    expected = {
        p.pk
        for p in Person.objects.all()
        if p.full_name_folded.startswith("an")
        or p.full_name_folded.split()[-1].startswith("an")
        or without_surname(p.full_name_folded).startswith("an")
    }
    assert len(expected) == 11
    assert len(seen) == len(set(seen))
    assert set(seen) == expected
    assert Person.objects.get(pk=seen[0]).full_name == "An Thị Lan"
    assert Person.objects.get(pk=seen[-1]).full_name == "Hoàng Anh Tuấn"


@pytest.mark.django_db
def test_scope_is_respected(more_people, hr_a: User, hr_b: User):
    in_a = Person.objects.restrict(hr_a, Action.VIEW)
    in_b = Person.objects.restrict(hr_b, Action.VIEW)
    assert names(search_persons(in_a, "le duc dung", user=SEARCHER, limit=10)) == []
    assert names(search_persons(in_a, "079085099999", user=SEARCHER, limit=10)) == []
    assert names(search_persons(in_b, "le duc dung", user=SEARCHER, limit=10)) == ["Lê Đức Dũng"]
    assert names(search_persons(in_b, "nguyen van an", user=SEARCHER, limit=10)) == []
    assert "Trần Thị Thu Hà" not in names(search_persons(in_a, "tran", user=SEARCHER, limit=10))


@pytest.mark.django_db
def test_no_count_of_all_matches(more_people):
    with CaptureQueriesContext(connection) as queries:
        search_persons(everyone(), "nguyen", user=SEARCHER, limit=1)
    assert queries and not any("COUNT(" in q["sql"].upper() for q in queries)
    assert all("LIMIT" in q["sql"] for q in queries)


@pytest.mark.django_db
def test_total_is_exact_up_to_the_cap(tree, more_people, monkeypatch):
    monkeypatch.setattr(search, "TOTAL_CAP", 3)
    for middle in ("Bảo", "Công", "Duy"):
        make_person(tree["dept_a"], f"Lê {middle} An")
    page = search_persons(everyone(), "le", user=SEARCHER, limit=2, with_total=True)
    assert len(page.persons) == 2 and page.total == 4 and page.total_capped  # five: more than three
    page = search_persons(everyone(), "nguyen", user=SEARCHER, limit=1, with_total=True)
    assert page.total == 2 and not page.total_capped
    page = search_persons(everyone(), "nguyen", user=SEARCHER, limit=10, with_total=True)
    assert page.total == 2 and page.next_cursor is None
    assert search_persons(everyone(), "nguyen vna", user=SEARCHER, limit=10, with_total=True).total == 0
    assert search_persons(everyone(), "nguyen", user=SEARCHER, limit=10).total is None


@pytest.mark.django_db
def test_total_counts_stop_at_the_cap(more_people):
    with CaptureQueriesContext(connection) as queries:
        search_persons(everyone(), "tran", user=SEARCHER, limit=1, with_total=True)
    counts = [q["sql"] for q in queries if "COUNT(" in q["sql"].upper()]
    assert counts and all("LIMIT" in sql for sql in counts)
