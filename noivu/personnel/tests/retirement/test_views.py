"""The retirement list page and its export; isolation between provinces."""

import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from conftest import make_person, make_user
from noivu.core.dates import add_months
from noivu.core.models import AuditEvent
from noivu.personnel.models import Gender, Person
from noivu.personnel.retirement.engine import retirement_date
from noivu.personnel.retirement.listing import retiring

M, F = Gender.MALE, Gender.FEMALE


@pytest.fixture
def client_a(client, hr_a):
    client.force_login(hr_a)
    return client


def _born_retiring_from(gender: str, day: dt.date) -> dt.date:
    """The earliest birth date (the 10th of a month) whose normal retirement date is on or after ``day``."""
    birth = dt.date(day.year - 63, day.month, 10)
    while retirement_date(birth, gender).retirement_date < day:
        birth = add_months(birth, 1)
    return birth


@pytest.mark.django_db
def test_retiring_follows_appendix_i_of_decree_135(tree):
    # Phụ lục I, Nghị định 135/2020/NĐ-CP: men born 01–03/1961 retire at 60 years 3 months in 04–06/2021,
    # women born 01–02/1966 at 55 years 4 months in 05–06/2021; a man born 04/1961 retires in 07/2021.
    unit = tree["dept_a"]
    man_jan = make_person(unit, "Nam Tháng Một", birth_date=dt.date(1961, 1, 20))
    man_mar = make_person(unit, "Nam Tháng Ba", birth_date=dt.date(1961, 3, 1))
    make_person(unit, "Nam Tháng Tư", birth_date=dt.date(1961, 4, 1))
    woman_jan = make_person(unit, "Nữ Tháng Một", birth_date=dt.date(1966, 1, 31), gender=F)
    woman_feb = make_person(unit, "Nữ Tháng Hai", birth_date=dt.date(1966, 2, 5), gender=F)
    make_person(unit, "Nữ Tháng Ba", birth_date=dt.date(1966, 3, 5), gender=F)

    found = list(retiring(Person.objects.all(), dt.date(2021, 4, 1), 3))

    assert [(p.pk, p.retires_on) for p in found] == [
        (man_jan.pk, dt.date(2021, 4, 30)),
        (woman_jan.pk, dt.date(2021, 5, 31)),
        (man_mar.pk, dt.date(2021, 6, 30)),  # same day: by name
        (woman_feb.pk, dt.date(2021, 6, 30)),
    ]


@pytest.fixture
def retirees(tree) -> dict[str, Person]:
    today = timezone.localdate()
    soon = _born_retiring_from(M, today)
    return {
        "man_soon": make_person(tree["dept_a"], "Hoàng Văn Sớm", birth_date=soon),
        "woman_soon": make_person(
            tree["province_a"],
            "Vũ Thị Gần",
            gender=F,
            birth_date=_born_retiring_from(F, add_months(today, 2)),
        ),
        "man_later": make_person(
            tree["dept_a"], "Đỗ Văn Muộn", birth_date=_born_retiring_from(M, add_months(today, 14))
        ),
        "retired": make_person(tree["dept_a"], "Phan Văn Đã Nghỉ", birth_date=add_months(soon, -1)),
        "young": make_person(tree["dept_a"], "Lý Văn Trẻ", birth_date=dt.date(1995, 1, 1)),
        "other_province": make_person(tree["dept_b"], "Mai Văn Tỉnh B", birth_date=soon),
    }


def _expected(persons: list[Person], months: int) -> list[int]:
    today = timezone.localdate()
    end = add_months(today, months)
    dated = sorted(
        (retirement_date(p.birth_date, p.gender).retirement_date, p.full_name_folded, p.pk) for p in persons
    )
    return [pk for day, _, pk in dated if today <= day <= end]


def test_retirement_list_holds_the_scope_s_persons_retiring_in_the_period_by_date(client_a, retirees):
    in_scope = [p for key, p in retirees.items() if key != "other_province"]
    for months in (12, 24):
        response = client_a.get(reverse("personnel:retirements"), {"months": months})
        assert response.status_code == 200
        rows = response.context["rows"]
        assert [row["person"].pk for row in rows] == _expected(in_scope, months)
        for row in rows:
            computed = retirement_date(row["person"].birth_date, row["person"].gender)
            assert row["result"].retirement_date == computed.retirement_date == row["person"].retires_on
            assert row["result"].pension_start == computed.retirement_date + dt.timedelta(days=1)
    twelve = client_a.get(reverse("personnel:retirements"))
    listed = {row["person"].pk for row in twelve.context["rows"]}
    assert {retirees["man_soon"].pk, retirees["woman_soon"].pk} <= listed
    assert retirees["man_later"].pk not in listed
    html = twelve.content.decode()
    assert "Mai Văn Tỉnh B" not in html and "Phan Văn Đã Nghỉ" not in html and "Lý Văn Trẻ" not in html
    soon = retirement_date(retirees["man_soon"].birth_date, M)
    assert f"{soon.retirement_date:%d/%m/%Y}" in html and f"{soon.pension_start:%d/%m/%Y}" in html
    assert "135/2020/NĐ-CP" in html


def test_retirement_list_reads_the_rule_tables_in_a_few_queries(client_a, retirees):
    """A 24-month window asks the retirement-age roadmap 50 times: the table is read once for the page."""
    client_a.get(reverse("personnel:retirements"), {"months": 24})
    with CaptureQueriesContext(connection) as queries:
        response = client_a.get(reverse("personnel:retirements"), {"months": 24})
    assert len(response.context["rows"]) >= 2
    rule_queries = [query["sql"] for query in queries if "rulerow" in query["sql"].lower()]
    # The checks that the cached tables are current; the rows themselves come from the process cache.
    assert len(rule_queries) <= 2


def test_retirement_list_ignores_an_unknown_period(client_a, retirees):
    response = client_a.get(reverse("personnel:retirements"), {"months": "7"})
    assert response.status_code == 200
    assert [row["person"].pk for row in response.context["rows"]] == _expected(
        [p for key, p in retirees.items() if key != "other_province"], 12
    )


def test_other_province_sees_only_its_own_retirees(client, retirees, hr_b):
    client.force_login(hr_b)
    response = client.get(reverse("personnel:retirements"), {"months": 24})
    assert [row["person"].pk for row in response.context["rows"]] == [retirees["other_province"].pk]


def test_retirement_export_has_vietnamese_headers_dates_and_is_logged(client_a, retirees):
    response = client_a.get(reverse("personnel:retirements_export"), {"months": 24})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("STT", "Họ và tên", "Ngày sinh")
    assert "Thời điểm nghỉ hưu" in rows[0] and "Hưởng lương hưu từ" in rows[0]
    in_scope = [p for key, p in retirees.items() if key != "other_province"]
    by_pk = {p.pk: p for p in in_scope}
    assert [row[1] for row in rows[1:]] == [by_pk[pk].full_name for pk in _expected(in_scope, 24)]
    first = by_pk[_expected(in_scope, 24)[0]]
    result = retirement_date(first.birth_date, first.gender)
    column = rows[0].index("Thời điểm nghỉ hưu")
    assert rows[1][column].date() == result.retirement_date
    assert AuditEvent.objects.filter(event_type="data.exported").count() == 1


def test_retirement_export_needs_the_export_right(client, retirees):
    client.force_login(make_user("nobody"))
    assert client.get(reverse("personnel:retirements_export")).status_code == 403
    assert client.get(reverse("personnel:retirements")).context["rows"] == []


def test_person_page_shows_retirement_date_and_legal_basis(client_a, people):
    response = client_a.get(reverse("personnel:detail", args=[people["an"].pk]))
    # Born 17/05/1985, a man: 62 years (from 2028) reached in 05/2047.
    html = response.content.decode()
    assert "31/05/2047" in html and "01/06/2047" in html and "62 tuổi" in html
    assert "135/2020/NĐ-CP" in html


@pytest.mark.django_db
def test_list_counts_and_numbers_its_pages_with_the_shared_templates(client_a, tree):
    from noivu.core import dates

    birth = _born_retiring_from(M, add_months(dates.today(), 4))
    for number in range(55):
        make_person(tree["dept_a"], f"Hoàng Văn {number:02d}", birth_date=birth)
    second = client_a.get(reverse("personnel:retirements"), {"page": 2})
    html = second.content.decode()
    assert "51–55 trong số 55" in html
    assert 'aria-current="page">2<' in html and 'class="pagination-list"' in html
    assert len(second.context["rows"]) == 5


def test_retirement_list_and_export_narrow_to_a_unit_chosen_in_the_tree_select(client_a, tree, retirees):
    page = client_a.get(reverse("personnel:retirements"), {"months": 24, "organization": tree["dept_a"].code})
    names = {row["person"].full_name for row in page.context["rows"]}
    assert "Hoàng Văn Sớm" in names and "Vũ Thị Gần" not in names
    html = page.content.decode()
    assert 'data-tree-select data-url="/choices/organization/"' in html
    assert 'name="organization" value="T01-SNV"' in html and 'value="Sở Nội vụ tỉnh A"' in html

    export = client_a.get(
        reverse("personnel:retirements_export"), {"months": 24, "organization": tree["dept_a"].code}
    )
    sheet = load_workbook(io.BytesIO(export.content), read_only=True).active
    exported = {str(row[1]) for row in sheet.iter_rows(min_row=2, values_only=True) if row[1]}
    assert "Vũ Thị Gần" not in exported and "Hoàng Văn Sớm" in exported
