"""Pages entering and reading the dated facts of a record (hồ sơ 2C): happy paths, errors, isolation."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from noivu.core.models import AuditEvent
from noivu.evaluation.models import Evaluation
from noivu.payroll.models import Allowance, SalaryHistory
from noivu.personnel.dossier import registry
from noivu.personnel.dossier.actions import do_add_family_member, do_add_health_note
from noivu.personnel.dossier.models import (
    Education,
    FamilyRelation,
    RankHistory,
)

# Every kind of fact of the record, personnel's and those other apps register (salary, allowances).
KINDS = registry.fact_kinds()
LISTED_KINDS = registry.listed_kinds()

pytestmark = pytest.mark.django_db


def add_url(person, kind: str) -> str:
    return reverse("personnel:dossier_add", args=[person.pk, kind])


def list_url(person, kind: str) -> str:
    return reverse("personnel:dossier_list", args=[person.pk, kind])


@pytest.fixture
def client_a(client, hr_a):
    client.force_login(hr_a)
    return client


def test_rank_change_entered_with_a_vietnamese_date_fills_the_name_from_the_code_list(client_a, people):
    an = people["an"]
    response = client_a.post(
        add_url(an, "rank"),
        {"rank_code": "01.003", "effective_from": "01/07/2021", "decision_number": "12/QĐ-SNV"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("personnel:detail", args=[an.pk])
    assert "Đã ghi quá trình ngạch" in response.content.decode()
    rank = RankHistory.objects.get(person=an)
    assert (rank.rank_name, rank.effective_from, rank.effective_to) == (
        "Chuyên viên",
        dt.date(2021, 7, 1),
        None,
    )
    assert rank.history.first().history_user.username == "hr_a"


def test_salary_step_closes_the_previous_period_the_day_before(client_a, people):
    an = people["an"]
    first = {"step": "1", "coefficient": "2,34", "rank_code": "01.003", "effective_from": "01/01/2020"}
    assert client_a.post(add_url(an, "salary"), first).status_code == 302
    raise_ = {"step": "2", "coefficient": "2.67", "effective_from": "01/01/2023"}
    assert client_a.post(add_url(an, "salary"), raise_).status_code == 302
    periods = list(SalaryHistory.objects.filter(person=an).order_by("effective_from"))
    assert [(p.step, p.coefficient, p.effective_to) for p in periods] == [
        (1, Decimal("2.34"), dt.date(2022, 12, 31)),
        (2, Decimal("2.67"), None),
    ]
    # A known rank code gives the salary table and group.
    assert (periods[0].salary_table, periods[0].salary_group) == ("bang_2_cong_chuc", "A1")


def test_salary_step_starting_before_the_open_period_is_refused_on_its_field(client_a, people):
    an = people["an"]
    client_a.post(add_url(an, "salary"), {"step": "2", "coefficient": "2.67", "effective_from": "01/01/2023"})
    response = client_a.post(
        add_url(an, "salary"), {"step": "3", "coefficient": "3.00", "effective_from": "01/01/2022"}
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "khoảng đang có hiệu lực" in errors["effective_from"][0]
    assert SalaryHistory.objects.filter(person=an).count() == 1


def test_allowance_needs_a_coefficient_or_a_percentage_not_both(client_a, people):
    an = people["an"]
    both = {"kind": "leadership", "coefficient": "0,30", "percent": "5", "effective_from": "01/01/2024"}
    response = client_a.post(add_url(an, "allowance"), both)
    assert response.status_code == 200
    assert "chỉ một trong hai" in " ".join(response.context["form"].non_field_errors())
    assert not Allowance.objects.exists()
    one = {
        "kind": "leadership",
        "coefficient": "0,30",
        "effective_from": "01/01/2024",
        "title": "Trưởng phòng",
    }
    assert client_a.post(add_url(an, "allowance"), one).status_code == 302
    allowance = Allowance.objects.get(person=an)
    assert (allowance.coefficient, allowance.percent, allowance.title) == (
        Decimal("0.30"),
        None,
        "Trưởng phòng",
    )


def test_education_level_must_belong_to_its_kind(client_a, people):
    an = people["an"]
    wrong = {"kind": "professional", "level": "12/12"}
    response = client_a.post(add_url(an, "education"), wrong)
    assert response.status_code == 200
    assert response.context["form"].errors["level"] == ["Trình độ không có trong danh mục của loại này."]
    right = {"kind": "professional", "level": "university", "field": "Luật", "end_date": "30/06/2007"}
    assert client_a.post(add_url(an, "education"), right).status_code == 302
    education = Education.objects.get(person=an)
    assert (education.level_name, education.graduation_year) == ("Đại học", 2007)


def test_evaluation_of_a_year_is_corrected_not_duplicated(client_a, people):
    an = people["an"]
    client_a.post(add_url(an, "evaluation"), {"year": "2024", "rating": "HT"})
    client_a.post(add_url(an, "evaluation"), {"year": "2024", "rating": "HTT", "decided_on": "15/01/2025"})
    evaluation = Evaluation.objects.get(person=an)
    assert (evaluation.rating, evaluation.decided_on) == ("HTT", dt.date(2025, 1, 15))


def test_form_errors_keep_the_typed_values_and_write_nothing(client_a, people):
    response = client_a.post(
        add_url(people["an"], "rank"), {"rank_code": "01.003", "effective_from": "31/02/2021"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["effective_from"]
    assert 'value="01.003"' in response.content.decode()
    assert not RankHistory.objects.exists()


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_kind_has_an_entry_page_and_a_list_page(client_a, people, kind):
    an = people["an"]
    page = client_a.get(add_url(an, kind))
    assert page.status_code == 200
    assert str(KINDS[kind].title).lower() in page.content.decode().lower()
    assert client_a.get(list_url(an, kind)).status_code == (200 if kind in LISTED_KINDS else 404)


def test_unknown_kind_is_not_found(client_a, people):
    assert client_a.get(add_url(people["an"], "salary-raise")).status_code == 404
    assert client_a.get(list_url(people["an"], "salary-raise")).status_code == 404


def test_family_is_shown_to_hr_and_masked_for_a_leader_and_every_read_is_logged(
    client, people, hr_a, leader_a
):
    an = people["an"]
    client.force_login(hr_a)
    response = client.post(
        add_url(an, "family"),
        {
            "relation": "spouse",
            "full_name": "Phạm Thị Hoa",
            "birth_year": "1987",
            "address": "Số 5, phường X, tỉnh A",
        },
    )
    assert response.status_code == 302
    assert FamilyRelation.objects.get(person=an).full_name == "Phạm Thị Hoa"
    shown = client.get(list_url(an, "family")).content.decode()
    assert "Phạm Thị Hoa" in shown and "Số 5, phường X" in shown

    client.force_login(leader_a)
    before = AuditEvent.objects.filter(event_type="record.viewed", target_id=str(an.pk)).count()
    masked = client.get(list_url(an, "family"))
    body = masked.content.decode()
    assert masked.context["masked"] is True
    assert "Phạm Thị Hoa" not in body and "Số 5" not in body
    assert "P. T. H." in body and "1987" in body and "Vợ (chồng)" in body
    log = AuditEvent.objects.filter(event_type="record.viewed", target_id=str(an.pk))
    assert log.count() == before + 1
    assert log.latest("pk").acting_user == leader_a and log.latest("pk").channel == "web"


def test_health_is_masked_for_a_leader_except_its_date(client, people, hr_a, leader_a):
    an = people["an"]
    do_add_health_note(
        person=an, recorded_on=dt.date(2024, 3, 1), status="Tốt", height_cm=172, acting_user=hr_a
    )
    client.force_login(leader_a)
    body = client.get(list_url(an, "health")).content.decode()
    # As a word: the page's CSRF token, letters and digits, may hold the digits "172".
    assert not re.search(r"\b172\b", body) and "Tốt" not in body and "01/03/2024" in body
    client.force_login(hr_a)
    body = client.get(list_url(an, "health")).content.decode()
    assert re.search(r"\b172\b", body) and "Tốt" in body


def test_a_leader_may_read_but_not_enter(client, people, leader_a):
    an = people["an"]
    client.force_login(leader_a)
    assert client.get(add_url(an, "rank")).status_code == 403
    response = client.post(add_url(an, "rank"), {"rank_code": "01.003", "effective_from": "01/07/2021"})
    assert response.status_code == 403
    assert not RankHistory.objects.exists()
    index = client.get(reverse("personnel:dossier", args=[an.pk]))
    assert index.status_code == 200
    assert add_url(an, "rank") not in index.content.decode()


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_another_provinces_person_is_not_found_on_every_page_and_nothing_is_written(
    client_a, people, hr_b, kind
):
    duc = people["duc"]
    do_add_family_member(person=duc, relation="father", full_name="Lê Văn Bố", acting_user=hr_b)
    logged = AuditEvent.objects.count()
    assert client_a.get(add_url(duc, kind)).status_code == 404
    assert client_a.post(add_url(duc, kind), {"year": "2024", "rating": "HT"}).status_code == 404
    assert client_a.get(list_url(duc, kind)).status_code == 404
    assert (
        client_a.post(add_url(duc, kind), {"kind": "leadership", "last_day": "31/12/2024"}).status_code == 404
    )
    assert client_a.get(reverse("personnel:dossier", args=[duc.pk])).status_code == 404
    assert AuditEvent.objects.count() == logged
    assert KINDS[kind].rows(duc).count() == (1 if kind == "family" else 0)


def test_index_counts_the_facts_and_links_to_the_entry_pages(client_a, people, hr_a):
    an = people["an"]
    do_add_family_member(person=an, relation="father", full_name="Nguyễn Văn Cha", acting_user=hr_a)
    do_add_family_member(person=an, relation="mother", full_name="Trần Thị Mẹ", acting_user=hr_a)
    response = client_a.get(reverse("personnel:dossier", args=[an.pk]))
    counts = {kind.slug: count for kind, count in response.context["kinds"]}
    assert counts["family"] == 2 and counts["rank"] == 0
    assert add_url(an, "family") in response.content.decode()


def test_the_menu_snippet_for_the_record_page_links_every_kind(people):
    html = render_to_string("personnel/dossier_menu.html", {"person": people["an"]})
    for kind in KINDS:
        assert add_url(people["an"], kind) in html


def test_an_allowance_ends_on_the_last_day_given(client_a, people, hr_a):
    an = people["an"]
    end = {"kind": "leadership", "last_day": "31/12/2024"}
    refused = client_a.post(add_url(an, "allowance-end"), end)
    assert refused.context["form"].non_field_errors() == ["Không có phụ cấp loại này đang được hưởng."]
    client_a.post(
        add_url(an, "allowance"), {"kind": "leadership", "coefficient": "0,2", "effective_from": "01/01/2024"}
    )
    assert client_a.post(add_url(an, "allowance-end"), end).status_code == 302
    assert Allowance.objects.get(person=an).effective_to == dt.date(2024, 12, 31)


def test_record_offers_one_button_for_the_2c_curriculum_vitae(client_a, people):
    html = client_a.get(reverse("personnel:detail", args=[people["an"].pk])).content.decode()
    assert html.count(f'href="{reverse("personnel:cv", args=[people["an"].pk])}"') == 1
    assert "Sơ yếu lý lịch (mẫu 2C)" in html
    assert "Hồ sơ 2C" not in html
