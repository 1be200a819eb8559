"""The duplicates page, the merge form and the merges done; isolation between provinces; the review
links of the navigation bar."""

import pytest
from django.urls import reverse

from conftest import make_person
from noivu.personnel.duplicates.merge import do_merge_persons
from noivu.personnel.duplicates.models import PersonMerge
from noivu.personnel.models import Person


@pytest.fixture
def client_a(client, hr_a):
    client.force_login(hr_a)
    return client


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
    assert [m.pk for m in merges.context["page"].rows] == [merge.pk]
    assert "Trùng khi nhập Excel" in merges.content.decode()


def test_merge_without_reason_changes_nothing(client_a, people, twins):
    response = client_a.post(
        reverse("personnel:merge"),
        {"keep": people["an"].pk, "remove": [twins["an_copy"].pk], "reason": ""},
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
    assert response.context["page"].rows == []
    assert "Lê Đức Dũng" not in response.content.decode()


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


def test_duplicates_are_looked_for_in_a_unit_chosen_in_the_tree_select(
    client, tree, people, twins, national_admin
):
    make_person(tree["province_a"], "Trần Thị  Bình", cccd_number="1185054321")
    client.force_login(national_admin)
    whole = client.get(reverse("personnel:duplicates"), {"rule": "cccd"})
    assert len(whole.context["groups"]) == 3
    response = client.get(
        reverse("personnel:duplicates"), {"rule": "cccd", "organization": tree["dept_a"].code}
    )
    assert [{p.pk for p in group.persons} for group in response.context["groups"]] == [
        {people["an"].pk, twins["an_copy"].pk}
    ]
    html = response.content.decode()
    assert 'data-tree-select data-url="/choices/organization/"' in html
    assert '<input type="hidden" name="organization" value="T01-SNV">' in html
