"""Filter sets, presenters, list pages and saved filters, on the organisation tree."""

import datetime as dt

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse

from noivu.core import dates
from noivu.core.filters import Filter, FilterSet
from noivu.core.listing import page_of, table
from noivu.core.models import AuditEvent, SavedFilter
from noivu.core.presenters import Column, Presenter, mask_all
from noivu.organizations.models import Organization, OrganizationKind


class UnitFilters(FilterSet):
    kind = Filter(
        forms.ChoiceField(label="Loại hình", required=False, choices=[("", "—"), *OrganizationKind.choices]),
        lambda units, value, filters: units.filter(kind=value),
    )
    founded_by = Filter(
        forms.IntegerField(label="Năm thành lập đến", required=False, min_value=1900, max_value=2100),
        lambda units, value, filters: units.filter(effective_from__year__lte=value),
        api_type=int,
    )


class UnitPresenter(Presenter):
    columns = [
        Column("name", "Tên đơn vị", sort="name_folded"),
        Column("code", "Mã", sort="code"),
        Column("admin_unit_code", "Mã ĐVHC", personal=mask_all),
    ]


@pytest.mark.django_db
def test_one_filter_definition_serves_the_form_the_schema_and_the_queryset(tree, hr_a):
    filters = UnitFilters({"kind": OrganizationKind.DEPARTMENT, "as_of": "01/01/2024"}, user=hr_a)
    assert filters.as_of == dt.date(2024, 1, 1)
    codes = set(filters.apply(Organization.objects.restrict(hr_a)).values_list("code", flat=True))
    assert codes == {"T01-SNV"}
    schema = UnitFilters.schema()
    assert set(schema.model_fields) == {"as_of", "kind", "founded_by"}
    from_api = UnitFilters.from_schema(schema(kind=OrganizationKind.DEPARTMENT), user=hr_a)
    assert from_api.as_of == dates.today()
    assert from_api.apply(Organization.objects.restrict(hr_a)).get().code == "T01-SNV"


@pytest.mark.django_db
def test_a_typed_filter_is_a_styled_box_that_says_what_it_takes(tree, hr_a):
    # The filter bars read their labels aloud only: an unstyled, empty box would say nothing on screen.
    html = str(UnitFilters({}, user=hr_a).form["founded_by"])
    assert 'class="input"' in html and 'placeholder="Năm thành lập đến"' in html


@pytest.mark.django_db
def test_api_values_go_through_the_form_s_validation(tree, hr_a):
    with pytest.raises(ValidationError) as refused:
        UnitFilters.from_schema(UnitFilters.schema()(founded_by=1800), user=hr_a)
    assert "founded_by" in refused.value.message_dict
    page_filters = UnitFilters({"founded_by": "1800"}, user=hr_a)
    assert "founded_by" in page_filters.errors


@pytest.mark.django_db
def test_presenter_masks_personal_columns_for_users_without_the_right(tree, hr_a, leader_a):
    unit = Organization.objects.get(code="T01-SNV")
    unit.admin_unit_code = "01"
    unit.save()
    assert UnitPresenter(hr_a).row(unit)["admin_unit_code"] == "01"
    assert UnitPresenter(leader_a).row(unit)["admin_unit_code"] == "***"


@pytest.mark.django_db
def test_list_page_sorts_counts_and_numbers_its_pages(tree, national_admin):
    units = Organization.objects.restrict(national_admin)
    page = page_of(units, number=2, size=2, presenter=UnitPresenter, sort="-code", default_sort="name")
    assert [unit.code for unit in page.rows] == ["T02", "T01-SNV"]  # VN, T02-SNV | T02, T01-SNV | T01, BNV
    assert (page.count, page.num_pages, page.page_numbers) == (6, 3, [1, 2, 3])
    rendered = table("units", page, UnitPresenter(national_admin), ["name", "code"])
    assert [header["sort_key"] for header in rendered.headers] == ["name", "code"]
    assert rendered.rows[0]["cells"][1]["text"] == "T02"
    unknown = page_of(units, size=10, presenter=UnitPresenter, sort="password", default_sort="name")
    assert unknown.sort == "name" and unknown.rows[0].name == "Bộ Nội vụ"


@pytest.mark.django_db
def test_a_user_saves_and_deletes_their_own_filters_only(client, tree, hr_a, hr_b):
    client.force_login(hr_a)
    response = client.post(
        reverse("core:save_filter"),
        {"list_key": "persons", "name": "Công chức", "query": "category=civil_servant", "next": "/persons/"},
    )
    assert response.status_code == 302 and response["Location"] == "/persons/"
    saved = SavedFilter.objects.get(user=hr_a)
    assert (saved.list_key, saved.query) == ("persons", "category=civil_servant")
    assert AuditEvent.objects.filter(event_type="filters.saved", acting_user=hr_a).exists()
    client.force_login(hr_b)
    assert client.post(reverse("core:delete_saved_filter", args=[saved.pk])).status_code == 404
    client.force_login(hr_a)
    client.post(reverse("core:delete_saved_filter", args=[saved.pk]), {"next": "https://evil.example/"})
    assert not SavedFilter.objects.exists()


@pytest.mark.django_db
def test_a_list_larger_than_the_count_cap_shows_an_estimate(tree, national_admin, monkeypatch):
    monkeypatch.setattr("noivu.core.listing.COUNT_CAP", 3)
    page = page_of(Organization.objects.restrict(national_admin).order_by("path"), size=2)
    assert page.count is None and page.estimate >= 4 and page.total == page.estimate
