import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from conftest import make_org, make_person, make_user
from noivu.core.models import AuditEvent
from noivu.organizations.models import OrganizationKind, OrganizationLevel
from noivu.personnel.models import Category, Person


@pytest.fixture
def client_a(client, hr_a):
    client.force_login(hr_a)
    return client


def names_in(response) -> list[str]:
    return [person.full_name for person in response.context["page"].rows]


def test_list_shows_the_persons_of_the_users_scope_only(client_a, people):
    response = client_a.get(reverse("personnel:list"))
    assert response.status_code == 200
    assert sorted(names_in(response)) == ["Nguyễn Văn An", "Trần Thị Bình"]
    assert "Lê Đức Dũng" not in response.content.decode()


@pytest.mark.parametrize(
    "query", ["nguyen van an", "Nguyen Van An", "nguyen an", "an", "NGUYỄN", "001085012345"]
)
def test_search_ignores_diacritics_and_finds_by_name_given_name_or_cccd(client_a, people, query):
    response = client_a.get(reverse("personnel:list"), {"q": query})
    assert names_in(response) == ["Nguyễn Văn An"]


def test_search_matches_prefixes_not_inner_substrings(client_a, people):
    assert names_in(client_a.get(reverse("personnel:list"), {"q": "guyen"})) == []
    assert names_in(client_a.get(reverse("personnel:list"), {"q": "binh"})) == ["Trần Thị Bình"]


def test_search_finds_middle_and_given_names(client, people, national_admin):
    client.force_login(national_admin)
    assert names_in(client.get(reverse("personnel:list"), {"q": "van an"})) == ["Nguyễn Văn An"]
    assert names_in(client.get(reverse("personnel:list"), {"q": "đức"})) == ["Lê Đức Dũng"]


def test_search_shows_its_total_and_a_hint_when_nothing_is_found(client_a, people):
    found = client_a.get(reverse("personnel:list"), {"q": "nguyen"})
    assert found.context["page"].count == 1
    assert "1–1 trong số 1" in found.content.decode() and 'id="search-hint"' not in found.content.decode()
    nothing = client_a.get(reverse("personnel:list"), {"q": "nguyen vna an"})
    html = nothing.content.decode()
    assert nothing.context["page"].hint and 'id="search-hint"' in html and "van an" in html


def test_search_says_more_than_the_cap(client_a, tree, people, monkeypatch):
    from noivu.personnel.records import views

    monkeypatch.setattr("noivu.personnel.records.search.TOTAL_CAP", 2)
    monkeypatch.setattr(views, "TOTAL_CAP", 2)
    for given in ("Bảo", "Cường"):
        make_person(tree["dept_a"], f"Nguyễn Văn {given}")
    response = client_a.get(reverse("personnel:list"), {"q": "nguyen"})
    assert response.context["page"].count is None and response.context["page"].more_than == 2
    assert "1–3 trong số hơn 2" in response.content.decode()


def test_search_maps_d_stroke(client, people, national_admin):
    client.force_login(national_admin)
    assert names_in(client.get(reverse("personnel:list"), {"q": "le duc dung"})) == ["Lê Đức Dũng"]


def test_htmx_search_returns_only_the_results_partial(client_a, people):
    response = client_a.get(
        reverse("personnel:list"), {"q": "tran"}, headers={"HX-Request": "true", "HX-Target": "results"}
    )
    html = response.content.decode()
    assert "Trần Thị Bình" in html
    assert '<nav class="navbar' not in html
    assert [t.name for t in response.templates][0] == "personnel/_results.html"


def test_filters_by_organisation_subtree_and_category(client_a, tree, people):
    make_person(tree["dept_a"], "Phạm Hợp Đồng", category=Category.CONTRACT)
    by_unit = client_a.get(reverse("personnel:list"), {"organization": tree["dept_a"].code})
    assert sorted(names_in(by_unit)) == ["Nguyễn Văn An", "Phạm Hợp Đồng"]
    by_province = client_a.get(reverse("personnel:list"), {"organization": tree["province_a"].code})
    assert len(names_in(by_province)) == 3
    contract = client_a.get(reverse("personnel:list"), {"category": Category.CONTRACT})
    assert names_in(contract) == ["Phạm Hợp Đồng"]


def test_list_paginates_by_fifty(client_a, tree):
    for number in range(55):
        Person.objects.create(
            full_name=f"Hoàng Văn {number:02d}",
            birth_date=dt.date(1990, 1, 1),
            gender="M",
            organization=tree["dept_a"],
            category=Category.CIVIL_SERVANT,
        )
    first = client_a.get(reverse("personnel:list"))
    assert len(first.context["page"].rows) == 50
    assert first.context["page"].count == 55
    assert first.context["page"].has_next
    second = client_a.get(reverse("personnel:list"), {"page": 2})
    assert names_in(second) == [f"Hoàng Văn {n:02d}" for n in range(50, 55)]
    assert not second.context["page"].has_next


def test_filter_by_another_agencys_unit_is_404(client_a, tree, people):
    response = client_a.get(reverse("personnel:list"), {"organization": tree["dept_b"].code})
    assert response.status_code == 404


def test_search_never_finds_another_agencys_person(client_a, people):
    response = client_a.get(reverse("personnel:list"), {"q": "le duc dung"})
    assert names_in(response) == []
    assert "Lê Đức Dũng" not in response.content.decode()


def test_detail_shows_full_cccd_to_hr_and_logs_the_view(client_a, hr_a, people):
    an = people["an"]
    response = client_a.get(reverse("personnel:detail", args=[an.pk]))
    html = response.content.decode()
    assert "001085012345" in html
    assert "Sở Nội vụ tỉnh A" in html
    assert "01/01/2020" in html  # the assignment timeline
    log = AuditEvent.objects.get(event_type="record.viewed")
    assert (log.acting_user, log.target_type.model, log.target_id) == (hr_a, "person", str(an.pk))


def test_detail_masks_cccd_for_a_leader(client, leader_a, people):
    client.force_login(leader_a)
    response = client.get(reverse("personnel:detail", args=[people["an"].pk]))
    html = response.content.decode()
    assert "001085012345" not in html
    assert "001*******45" in html
    assert AuditEvent.objects.filter(acting_user=leader_a, event_type="record.viewed").count() == 1


def test_detail_of_another_agencys_person_is_404_and_not_logged(client_a, people):
    response = client_a.get(reverse("personnel:detail", args=[people["duc"].pk]))
    assert response.status_code == 404
    assert "Lê Đức Dũng" not in response.content.decode()
    assert not AuditEvent.objects.filter(event_type="record.viewed").exists()


def test_history_lists_changes_and_masks_cccd_for_a_leader(client, hr_a, leader_a, people):
    client.force_login(hr_a)
    an = people["an"]
    client.post(
        reverse("personnel:edit", args=[an.pk]),
        {
            "full_name": "Nguyễn Văn Ân",
            "birth_date": "17/05/1985",
            "gender": "M",
            "cccd_number": "001085099999",
        },
    )
    own = client.get(reverse("personnel:history", args=[an.pk])).content.decode()
    assert "Nguyễn Văn An → Nguyễn Văn Ân" in own
    assert "001085099999" in own
    client.force_login(leader_a)
    masked = client.get(reverse("personnel:history", args=[an.pk])).content.decode()
    assert "Nguyễn Văn Ân" in masked
    assert "001085099999" not in masked and "001085012345" not in masked


def test_history_of_another_agencys_person_is_404(client_a, people):
    assert client_a.get(reverse("personnel:history", args=[people["duc"].pk])).status_code == 404


def test_edit_updates_basic_fields_with_history_user(client_a, hr_a, people):
    an = people["an"]
    form = client_a.get(reverse("personnel:edit", args=[an.pk]))
    assert form.status_code == 200
    response = client_a.post(
        reverse("personnel:edit", args=[an.pk]),
        {
            "full_name": "  Nguyễn   Văn An  ",
            "birth_date": "02/09/1985",
            "gender": "M",
            "cccd_number": "001085012345",
            "ethnic_group": "01",
            "updated_at": form.context["form"]["updated_at"].value(),
        },
    )
    assert response.status_code == 302
    an.refresh_from_db()
    assert (an.full_name, an.birth_date, an.ethnic_group) == ("Nguyễn Văn An", dt.date(1985, 9, 2), "01")
    assert an.history.first().history_user == hr_a


def test_edit_refuses_a_stale_form(client_a, people):
    an = people["an"]
    stale = client_a.get(reverse("personnel:edit", args=[an.pk])).context["form"]["updated_at"].value()
    Person.objects.get(pk=an.pk).save()  # someone else saves meanwhile
    response = client_a.post(
        reverse("personnel:edit", args=[an.pk]),
        {"full_name": "Tên Khác", "birth_date": "17/05/1985", "gender": "M", "updated_at": stale},
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    an.refresh_from_db()
    assert an.full_name == "Nguyễn Văn An"


def test_edit_is_refused_to_a_leader(client, leader_a, people):
    client.force_login(leader_a)
    url = reverse("personnel:edit", args=[people["an"].pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"full_name": "X", "birth_date": "01/01/1990", "gender": "M"}).status_code == 403
    people["an"].refresh_from_db()
    assert people["an"].full_name == "Nguyễn Văn An"


def test_edit_of_another_agencys_person_is_404_and_changes_nothing(client_a, people):
    duc = people["duc"]
    url = reverse("personnel:edit", args=[duc.pk])
    assert client_a.get(url).status_code == 404
    response = client_a.post(url, {"full_name": "Bị sửa", "birth_date": "01/01/1990", "gender": "M"})
    assert response.status_code == 404
    duc.refresh_from_db()
    assert duc.full_name == "Lê Đức Dũng"


def _sheet(response):
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return list(book.active.iter_rows(values_only=True)), book.active


def test_export_writes_vietnamese_headers_dates_and_logs(client_a, hr_a, people):
    response = client_a.get(reverse("personnel:export"), {"q": "nguyen"})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    rows, sheet = _sheet(response)
    header = rows[0]
    assert header[:2] == ("STT", "Họ và tên")
    birth, cccd = header.index("Ngày sinh"), header.index("Số CCCD")
    assert len(rows) == 2
    assert rows[1][1] == "Nguyễn Văn An"
    assert rows[1][birth].date() == dt.date(1985, 5, 17)
    assert sheet.cell(row=2, column=birth + 1).number_format.lower() == "dd/mm/yyyy"
    assert rows[1][cccd] == "001085012345"
    assert AuditEvent.objects.filter(acting_user=hr_a, event_type="data.exported").count() == 1


def test_export_masks_cccd_for_a_leader(client, leader_a, people):
    client.force_login(leader_a)
    rows, _sheet_ = _sheet(client.get(reverse("personnel:export")))
    cccd = rows[0].index("Số CCCD")
    cccds = {row[1]: row[cccd] for row in rows[1:]}
    assert cccds == {"Nguyễn Văn An": "001*******45", "Trần Thị Bình": "001*******21"}


def test_export_never_contains_another_agencys_person(client_a, people):
    rows, _sheet_ = _sheet(client_a.get(reverse("personnel:export")))
    names = [row[1] for row in rows[1:]]
    assert sorted(names) == ["Nguyễn Văn An", "Trần Thị Bình"]
    rows, _sheet_ = _sheet(client_a.get(reverse("personnel:export"), {"q": "le duc dung"}))
    assert rows[1:] == []


def test_export_needs_an_export_right(client, tree, people):
    client.force_login(make_user("no_grant"))
    assert client.get(reverse("personnel:export")).status_code == 403
    assert not AuditEvent.objects.filter(event_type="data.exported").exists()


def test_search_continues_by_cursor_without_repeating(client_a, tree):
    for number in range(55):
        make_person(tree["dept_a"], f"Hoàng Thị {chr(65 + number % 26)}{number:02d}")
    first = client_a.get(reverse("personnel:list"), {"q": "hoang"})
    page = first.context["page"]
    assert len(page.rows) == 50 and page.count == 55 and page.next_cursor
    assert "1–50 trong số 55" in first.content.decode()
    second = client_a.get(reverse("personnel:list"), {"q": "hoang", "cursor": page.next_cursor})
    rest = names_in(second)
    assert len(rest) == 5
    assert not set(rest) & set(names_in(first))
    assert not second.context["page"].has_next


def test_filters_by_rank_held_today_and_by_age_band(client_a, tree, people, hr_a):
    from noivu.personnel.dossier.actions import do_record_rank_change

    an, binh = people["an"], people["binh"]
    do_record_rank_change(
        person=an, rank_code="01.002", rank_name="", effective_from=dt.date(2010, 1, 1), acting_user=hr_a
    )
    do_record_rank_change(
        person=an, rank_code="01.001", rank_name="", effective_from=dt.date(2020, 1, 1), acting_user=hr_a
    )
    do_record_rank_change(
        person=binh, rank_code="01.002", rank_name="", effective_from=dt.date(2015, 1, 1), acting_user=hr_a
    )
    assert names_in(client_a.get(reverse("personnel:list"), {"rank": "01.002"})) == ["Trần Thị Bình"]
    assert names_in(client_a.get(reverse("personnel:list"), {"rank": "01.001"})) == ["Nguyễn Văn An"]
    make_person(tree["dept_a"], "Lý Thị Trẻ", birth_date=dt.date(dt.date.today().year - 25, 1, 1))
    young = names_in(client_a.get(reverse("personnel:list"), {"max_age": 30}))
    assert young == ["Lý Thị Trẻ"]
    assert "Lý Thị Trẻ" not in names_in(client_a.get(reverse("personnel:list"), {"min_age": 30}))


def test_list_sorts_by_a_column_and_numbers_its_pages(client_a, tree, people):
    make_person(tree["dept_a"], "Đỗ Văn Già", birth_date=dt.date(1960, 1, 1))
    by_birth = client_a.get(reverse("personnel:list"), {"sort": "birth_date"})
    assert names_in(by_birth)[0] == "Đỗ Văn Già"
    assert by_birth.context["page"].sort == "birth_date"
    newest = client_a.get(reverse("personnel:list"), {"sort": "-birth_date"})
    assert names_in(newest)[-1] == "Đỗ Văn Già"
    by_unit = names_in(client_a.get(reverse("personnel:list"), {"sort": "unit"}))
    assert by_unit[-1] == "Trần Thị Bình"  # "UBND tỉnh A" after "Sở Nội vụ tỉnh A"
    ignored = client_a.get(reverse("personnel:list"), {"sort": "cccd_number"})
    assert ignored.context["page"].sort == "full_name"


def test_name_search_keeps_its_own_order_and_offers_no_sorting(client_a, people):
    response = client_a.get(reverse("personnel:list"), {"q": "tran", "sort": "-birth_date"})
    assert names_in(response) == ["Trần Thị Bình"]
    assert all(header["sort_key"] is None for header in response.context["table"].headers)


def test_exports_only_the_selected_rows_within_scope(client_a, people):
    selected = [people["an"].pk, people["duc"].pk]  # Lê Đức Dũng is in another province
    response = client_a.post(reverse("personnel:export_selected"), {"selected": selected})
    rows, _sheet_ = _sheet(response)
    assert [row[1] for row in rows[1:]] == ["Nguyễn Văn An"]
    assert AuditEvent.objects.filter(event_type="data.exported").count() == 1


def test_prints_the_2c_cvs_of_the_selected_rows_on_one_page(client_a, people):
    selected = [people["an"].pk, people["binh"].pk, people["duc"].pk]
    response = client_a.post(reverse("personnel:print_cvs"), {"selected": selected})
    html = response.content.decode()
    assert html.count('class="sheet"') == 2
    assert "NGUYỄN VĂN AN" in html and "TRẦN THỊ BÌNH" in html and "LÊ ĐỨC DŨNG" not in html
    assert AuditEvent.objects.filter(event_type="record.viewed").count() == 2


def test_bulk_actions_are_posts(client_a, people):
    assert client_a.get(reverse("personnel:print_cvs")).status_code == 405


def test_list_saves_its_filters_per_user_and_shows_the_as_of_field(client_a, people, leader_a):
    filters = {"category": Category.CIVIL_SERVANT, "as_of": "01/01/2024"}
    page = client_a.get(reverse("personnel:list"), filters)
    html = page.content.decode()
    assert 'name="as_of"' in html and 'value="01/01/2024"' in html
    query = page.context["filter_query"]
    assert "as_of=01%2F01%2F2024" in query and "category=civil_servant" in query
    client_a.post(
        reverse("core:save_filter"),
        {"list_key": page.context["list_key"], "name": "Công chức 2024", "query": query, "next": "/persons/"},
    )
    again = client_a.get(reverse("personnel:list")).content.decode()
    assert "Công chức 2024" in again and f'href="?{query.replace("&", "&amp;")}"' in again
    client_a.force_login(leader_a)
    assert "Công chức 2024" not in client_a.get(reverse("personnel:list")).content.decode()


def test_export_masks_phone_and_email_for_a_leader_and_not_for_hr(client, hr_a, leader_a, people):
    Person.objects.filter(pk=people["an"].pk).update(phone="0912345678", email="an.nv@snv.gov.vn")
    client.force_login(leader_a)
    rows, _sheet_ = _sheet(client.get(reverse("personnel:export")))
    an = next(row for row in rows[1:] if row[1] == "Nguyễn Văn An")
    assert an[rows[0].index("Điện thoại")] == "*******678"
    assert an[rows[0].index("Thư điện tử")] == "a***@snv.gov.vn"
    client.force_login(hr_a)
    rows, _sheet_ = _sheet(client.get(reverse("personnel:export")))
    an = next(row for row in rows[1:] if row[1] == "Nguyễn Văn An")
    assert (an[rows[0].index("Điện thoại")], an[rows[0].index("Thư điện tử")]) == (
        "0912345678",
        "an.nv@snv.gov.vn",
    )


def test_history_hides_contact_changes_from_a_leader(client, hr_a, leader_a, people):
    an = people["an"]
    an.phone = "0987654321"
    an.save()  # a contact change as the dossier's identity page records it, with history
    client.force_login(hr_a)
    assert "0987654321" in client.get(reverse("personnel:history", args=[an.pk])).content.decode()
    client.force_login(leader_a)
    masked = client.get(reverse("personnel:history", args=[an.pk])).content.decode()
    assert "0987654321" not in masked


@pytest.mark.django_db
def test_the_unit_filter_takes_any_unit_of_the_tree_and_the_list_shows_each_units_place(client_a, tree):
    office = make_org(
        tree["dept_a"], "T01-SNV-VP", "Văn phòng Sở", OrganizationKind.DIVISION, OrganizationLevel.PROVINCE
    )
    team = make_org(
        office, "T01-SNV-VP-HC", "Tổ hành chính", OrganizationKind.DIVISION, OrganizationLevel.PROVINCE
    )
    make_person(team, "Vũ Thị Hạnh")
    make_person(tree["dept_a"], "Nguyễn Văn Bảo")
    response = client_a.get(reverse("personnel:list"), {"organization": team.code})
    html = response.content.decode()
    assert "Vũ Thị Hạnh" in html and "Nguyễn Văn Bảo" not in html
    # The filter is the searchable tree select, showing the chosen unit and its place.
    assert 'role="combobox"' in html and reverse("core:tree_choices", args=["organization"]) in html
    assert 'value="Tổ hành chính"' in html
    assert "Văn phòng Sở › Sở Nội vụ tỉnh A › UBND tỉnh A" in html
