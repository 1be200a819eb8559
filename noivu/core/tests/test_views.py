import datetime as dt

import pytest
from django.urls import reverse

from noivu.core.models import Job, LegalBasis, RuleRow

RULES_URL = "/rules/?table=sample_fee"


@pytest.fixture
def fee_row(db) -> RuleRow:
    basis = LegalBasis.objects.create(document_number="73/2024/NĐ-CP", article="Điều 3")
    return RuleRow.objects.create(
        table="sample_fee",
        code="amount",
        value=2_340_000,
        effective_from=dt.date(2024, 7, 1),
        legal_basis=basis,
    )


def test_rules_page_lists_rows_with_citation(client, national_admin, fee_row):
    client.force_login(national_admin)
    response = client.get(reverse("core:rules"), {"table": "sample_fee"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "2340000" in html and "73/2024/NĐ-CP, Điều 3" in html and "01/07/2024" in html


def test_adding_a_rule_row_with_a_new_legal_basis_closes_the_previous_row(client, national_admin, fee_row):
    client.force_login(national_admin)
    response = client.post(
        RULES_URL,
        {
            "rule": "sample_fee|amount",
            "value": "2530000",
            "effective_from": "01/07/2026",
            "document_number": "99/2026/NĐ-CP",
            "article": "Điều 3",
        },
    )
    assert response.status_code == 302
    fee_row.refresh_from_db()
    assert fee_row.effective_to == dt.date(2026, 6, 30)
    new = RuleRow.objects.get(table="sample_fee", code="amount", effective_from=dt.date(2026, 7, 1))
    assert new.value == 2_530_000
    assert new.legal_basis.citation == "99/2026/NĐ-CP, Điều 3"
    assert new.history.first().history_user == national_admin


def test_a_refused_rule_row_leaves_no_legal_basis_behind(client, national_admin, fee_row):
    client.force_login(national_admin)
    response = client.post(
        RULES_URL,
        {
            "rule": "sample_fee|amount",
            "value": "1",
            "effective_from": "01/01/2024",
            "document_number": "1/2024/X",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert not LegalBasis.objects.filter(document_number="1/2024/X").exists()
    assert RuleRow.objects.filter(table="sample_fee").count() == 1


def test_rules_page_is_for_national_administrators_only(client, hr_a, fee_row):
    client.force_login(hr_a)
    assert client.get(reverse("core:rules")).status_code == 403
    response = client.post(
        RULES_URL,
        {
            "rule": "sample_fee|amount",
            "value": "1",
            "effective_from": "01/01/2030",
            "legal_basis": fee_row.legal_basis_id,
        },
    )
    assert response.status_code == 403
    assert RuleRow.objects.filter(table="sample_fee").count() == 1


def test_job_partial_polls_until_finished(client, hr_a):
    job = Job.objects.create(kind="import", created_by=hr_a, status=Job.Status.RUNNING, progress=40)
    client.force_login(hr_a)
    running = client.get(reverse("core:job", args=[job.pk]), headers={"HX-Request": "true"})
    html = running.content.decode()
    assert 'hx-trigger="every 1s"' in html and 'value="40"' in html and "<nav" not in html
    Job.objects.filter(pk=job.pk).update(status=Job.Status.DONE, progress=100)
    done = client.get(reverse("core:job", args=[job.pk]), headers={"HX-Request": "true"}).content.decode()
    assert "hx-trigger" not in done and 'value="100"' in done
    assert "<nav" in client.get(reverse("core:job", args=[job.pk])).content.decode()


def test_job_is_hidden_from_other_users(client, hr_a, hr_b):
    job = Job.objects.create(kind="import", created_by=hr_a)
    client.force_login(hr_b)
    assert client.get(reverse("core:job", args=[job.pk])).status_code == 404


def test_rules_page_names_tables_by_title_and_writes_money_per_language(client, national_admin):
    from noivu.core.rules import law_files, load_rule_files, table_infos

    load_rule_files([path for path in law_files() if path.stem == "base_salary"])
    assert table_infos()["base_salary"].unit == "dong"
    client.force_login(national_admin)
    html = client.get(reverse("core:rules"), {"table": "base_salary"}).content.decode()
    assert "Mức lương cơ sở" in html and "2.340.000 đ" in html
    assert ">base_salary<" not in html and "2340000" not in html
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    english = client.get(reverse("core:rules"), {"table": "base_salary"}).content.decode()
    assert "Base salary" in english and "2,340,000 VND" in english
