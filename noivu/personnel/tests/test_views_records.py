"""Record-review pages: retirement list, duplicates and merge, address conversion; and their isolation."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from conftest import make_person, make_user
from noivu.accounts.models import AccessLog
from noivu.core.models import Job
from noivu.personnel import views_records
from noivu.personnel.merge import do_merge_persons
from noivu.personnel.models import AddressKind, ConversionStatus, Gender, Person, PersonAddress
from noivu.personnel.models_merge import PersonMerge
from noivu.personnel.retirement import retirement_date
from noivu.personnel.retirement_list import add_months, retiring

M, F = Gender.MALE, Gender.FEMALE
HA_NOI, DAN_PHUONG, TAN_HOI, HONG_HA = "01", "273", "09817", "09796"
SPLIT_HONG_HA = {
    "legacy_province_code": HA_NOI, "legacy_district_code": DAN_PHUONG, "legacy_commune_code": HONG_HA
}


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


# ---------------------------------------------------------------------------------------------------
# Retirement


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
    assert AccessLog.objects.filter(event=AccessLog.Event.EXPORT).count() == 1


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


# ---------------------------------------------------------------------------------------------------
# Duplicates and merge


@pytest.fixture
def twins(tree, people) -> dict[str, Person]:
    return {
        "an_copy": make_person(tree["dept_a"], "Nguyen Van  An", cccd_number="1085012345"),
        "duc_copy": make_person(tree["dept_b"], "LÊ ĐỨC DŨNG", cccd_number="79085099999"),
    }


def test_duplicates_page_lists_groups_in_scope_under_both_rules(client_a, people, twins):
    for rule in ("cccd", "name_birth_date"):
        response = client_a.get(reverse("personnel:duplicates"), {"rule": rule})
        assert response.status_code == 200
        groups = response.context["groups"]
        assert [{p.pk for p in group.persons} for group in groups] == [{people["an"].pk, twins["an_copy"].pk}]
        html = response.content.decode()
        assert "Lê Đức Dũng" not in html and "LÊ ĐỨC DŨNG" not in html
        assert reverse("personnel:detail", args=[twins["an_copy"].pk]) in html
    assert "001085012345" in html


def test_duplicates_page_needs_the_change_right(client, people, leader_a):
    client.force_login(leader_a)
    assert client.get(reverse("personnel:duplicates")).status_code == 403
    assert client.get(reverse("personnel:merges")).status_code == 403
    assert client.get(reverse("personnel:addresses")).status_code == 403


def test_merge_form_merges_and_records_the_merge(client_a, people, twins, hr_a):
    keep, remove = people["an"], twins["an_copy"]
    response = client_a.post(
        reverse("personnel:merge"),
        {"keep": keep.pk, "remove": [remove.pk], "reason": "Trùng khi nhập Excel", "rule": "cccd"},
        follow=True,
    )
    assert response.status_code == 200
    assert not Person.objects.filter(pk=remove.pk).exists()
    merge = PersonMerge.objects.get()
    assert (merge.kept_person_id, merge.removed_person_id, merge.merged_by) == (keep.pk, remove.pk, hr_a)
    assert "Đã gộp 1 hồ sơ" in response.content.decode()
    assert response.context["groups"] == []
    merges = client_a.get(reverse("personnel:merges"))
    assert [m.pk for m in merges.context["page"]] == [merge.pk]
    assert "Trùng khi nhập Excel" in merges.content.decode()


def test_merge_without_reason_changes_nothing(client_a, people, twins):
    response = client_a.post(
        reverse("personnel:merge"), {"keep": people["an"].pk, "remove": [twins["an_copy"].pk], "reason": ""},
        follow=True,
    )
    assert Person.objects.filter(pk=twins["an_copy"].pk).exists()
    assert not PersonMerge.objects.exists()
    assert list(response.context["messages"])[0].level_tag == "error"


def test_merge_cannot_reach_another_province(client_a, people, twins):
    for keep, remove in ((people["an"], people["duc"]), (people["duc"], twins["duc_copy"])):
        response = client_a.post(
            reverse("personnel:merge"), {"keep": keep.pk, "remove": [remove.pk], "reason": "thử"}
        )
        assert response.status_code == 404
    assert Person.objects.filter(pk__in=[people["duc"].pk, twins["duc_copy"].pk]).count() == 2
    assert not PersonMerge.objects.exists()


def test_merges_of_another_province_are_not_listed(client, people, twins, hr_a, hr_b):
    do_merge_persons(people["duc"], twins["duc_copy"], acting_user=hr_b, reason="Trùng")
    client.force_login(hr_a)
    response = client.get(reverse("personnel:merges"))
    assert list(response.context["page"]) == []
    assert "Lê Đức Dũng" not in response.content.decode()


# ---------------------------------------------------------------------------------------------------
# Addresses


@pytest.fixture
def split_addresses(people) -> dict[str, PersonAddress]:
    make = PersonAddress.objects.create
    return {
        "a": make(person=people["an"], kind=AddressKind.HOMETOWN, **SPLIT_HONG_HA),
        "a_merged": make(
            person=people["an"], kind=AddressKind.PERMANENT, detail="Thôn 3",
            legacy_province_code=HA_NOI, legacy_district_code=DAN_PHUONG, legacy_commune_code=TAN_HOI,
        ),
        "b": make(person=people["duc"], kind=AddressKind.HOMETOWN, **SPLIT_HONG_HA),
    }


def _reload(address: PersonAddress) -> PersonAddress:
    return PersonAddress.objects.get(pk=address.pk)


def test_convert_button_converts_the_scope_only_and_reports_counts(client_a, split_addresses):
    response = client_a.get(reverse("personnel:addresses"))
    assert response.context["pending"] == 2
    response = client_a.post(reverse("personnel:addresses_convert"), follow=True)
    html = response.content.decode()
    assert "Đã chuyển đổi 2 địa chỉ: 1 chuyển được, 1 cần chọn đơn vị mới" in html
    assert _reload(split_addresses["a"]).conversion_status == ConversionStatus.AMBIGUOUS
    assert _reload(split_addresses["a_merged"]).conversion_status == ConversionStatus.CONVERTED
    assert _reload(split_addresses["b"]).conversion_status == ConversionStatus.PENDING
    assert [address.pk for address in response.context["page"]] == [split_addresses["a"].pk]
    assert "Xã Ô Diên" in html and "Lê Đức Dũng" not in html


def test_a_large_scope_is_converted_by_a_background_job(client_a, split_addresses, monkeypatch, hr_a):
    monkeypatch.setattr(views_records, "INLINE_CONVERSION_LIMIT", 1)
    response = client_a.post(reverse("personnel:addresses_convert"))
    job = Job.objects.get()
    assert response.status_code == 302 and response.url == reverse("core:job", args=[job.pk])
    job.refresh_from_db()
    assert (job.status, job.created_by) == (Job.Status.DONE, hr_a)
    assert job.result["counts"] == {ConversionStatus.CONVERTED: 1, ConversionStatus.AMBIGUOUS: 1}
    assert _reload(split_addresses["b"]).conversion_status == ConversionStatus.PENDING


def test_choosing_a_candidate_settles_the_address(client_a, split_addresses, hr_a):
    client_a.post(reverse("personnel:addresses_convert"))
    address = _reload(split_addresses["a"])
    other = next(c for c in address.conversion_candidates if not c["is_default"])
    response = client_a.post(
        reverse("personnel:address_choose", args=[address.pk]), {"commune_code": other["code"]}, follow=True
    )
    address.refresh_from_db()
    assert (address.conversion_status, address.commune_code) == (ConversionStatus.CONVERTED, other["code"])
    assert address.current_text == f"{other['name']}, Thành phố Hà Nội"
    assert address.history.first().history_user == hr_a
    assert list(response.context["page"]) == []


def test_choosing_a_code_outside_the_candidates_is_refused(client_a, split_addresses):
    client_a.post(reverse("personnel:addresses_convert"))
    response = client_a.post(
        reverse("personnel:address_choose", args=[split_addresses["a"].pk]), {"commune_code": "26734"},
        follow=True,
    )
    assert _reload(split_addresses["a"]).conversion_status == ConversionStatus.AMBIGUOUS
    assert "không nằm trong các đơn vị mới" in response.content.decode()


def test_addresses_of_another_province_cannot_be_listed_or_chosen(client, split_addresses, hr_a, hr_b):
    client.force_login(hr_b)
    client.post(reverse("personnel:addresses_convert"))
    address_b = _reload(split_addresses["b"])
    assert address_b.conversion_status == ConversionStatus.AMBIGUOUS
    client.force_login(hr_a)
    assert list(client.get(reverse("personnel:addresses")).context["page"]) == []
    code = address_b.conversion_candidates[0]["code"]
    response = client.post(reverse("personnel:address_choose", args=[address_b.pk]), {"commune_code": code})
    assert response.status_code == 404
    assert _reload(split_addresses["b"]).conversion_status == ConversionStatus.AMBIGUOUS


def test_person_page_shows_legacy_and_current_address(client_a, client, split_addresses, people, leader_a):
    client_a.post(reverse("personnel:addresses_convert"))
    html = client_a.get(reverse("personnel:detail", args=[people["an"].pk])).content.decode()
    assert "Thôn 3, Xã Ô Diên, Thành phố Hà Nội" in html
    assert "Thôn 3, Xã Tân Hội, Huyện Đan Phượng, Thành phố Hà Nội" in html
    assert "Cần chọn đơn vị mới" in html
    client.force_login(leader_a)
    masked = client.get(reverse("personnel:detail", args=[people["an"].pk])).content.decode()
    assert "Thôn 3" not in masked and "***, Thành phố Hà Nội" in masked


# ---------------------------------------------------------------------------------------------------
# Navigation


def test_navbar_shows_review_links_to_users_who_may_change_records(client, client_a, people, leader_a):
    html = client_a.get(reverse("personnel:list")).content.decode()
    assert reverse("personnel:duplicates") in html and reverse("personnel:addresses") in html
    assert reverse("personnel:retirements") in html
    client.force_login(leader_a)
    html = client.get(reverse("personnel:list")).content.decode()
    assert reverse("personnel:duplicates") not in html and reverse("personnel:addresses") not in html
    assert reverse("personnel:retirements") in html


def test_national_admin_sees_every_province(client, people, twins, national_admin):
    client.force_login(national_admin)
    groups = client.get(reverse("personnel:duplicates"), {"rule": "cccd"}).context["groups"]
    assert sorted(len(group.persons) for group in groups) == [2, 2]
