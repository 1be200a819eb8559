import datetime as dt
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from noivu.core import rules
from noivu.core.actions import do_add_rule_row
from noivu.core.calculators import base_salary_on
from noivu.core.models import LegalBasis, RuleRow


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("day", "amount", "document"),
    [
        (dt.date(2019, 6, 30), 1_390_000, "72/2018/NĐ-CP"),
        (dt.date(2019, 7, 1), 1_490_000, "38/2019/NĐ-CP"),
        # 1,600,000 from 1/7/2020 was never applied: 1,490,000 stays until 30/6/2023.
        (dt.date(2021, 1, 1), 1_490_000, "38/2019/NĐ-CP"),
        (dt.date(2023, 7, 1), 1_800_000, "24/2023/NĐ-CP"),
        (dt.date(2024, 6, 30), 1_800_000, "24/2023/NĐ-CP"),
        (dt.date(2024, 7, 1), 2_340_000, "73/2024/NĐ-CP"),
        (dt.date(2026, 6, 30), 2_340_000, "73/2024/NĐ-CP"),
        (dt.date(2026, 7, 1), 2_530_000, "161/2026/NĐ-CP"),
    ],
)
def test_base_salary_as_of_date_follows_the_decrees(day, amount, document):
    rule = base_salary_on(day)
    assert rule.value == amount
    assert rule.row.legal_basis.document_number == document


@pytest.mark.django_db
def test_no_base_salary_before_the_first_row():
    with pytest.raises(rules.RuleNotFound):
        base_salary_on(dt.date(2000, 1, 1))


@pytest.mark.django_db
def test_loading_the_rule_files_again_adds_nothing():
    count = RuleRow.objects.count()
    assert count > 0
    assert rules.load_rule_files() == 0
    assert RuleRow.objects.count() == count


def _write_table(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "sample.yaml"
    path.write_text(body, encoding="utf-8")
    return path


@pytest.mark.django_db
def test_overlapping_rows_in_a_file_are_refused_and_nothing_is_kept(tmp_path):
    path = _write_table(
        tmp_path,
        """
table: sample
rows:
  - {code: x, value: 1, effective_from: 2020-01-01, effective_to: 2021-12-31,
     legal_basis: {document: "1/2020/NĐ-CP"}}
  - {code: x, value: 2, effective_from: 2021-06-01, legal_basis: {document: "2/2021/NĐ-CP"}}
""",
    )
    with pytest.raises(ValidationError, match="sample.yaml"):
        rules.load_rule_files([path])
    assert not RuleRow.objects.filter(table="sample").exists()


@pytest.mark.django_db
def test_open_rows_in_a_file_end_the_day_before_the_next_one(tmp_path):
    path = _write_table(
        tmp_path,
        """
table: sample
rows:
  - {code: x, value: 2, effective_from: 2022-03-01,
     legal_basis: {document: "2/2022/NĐ-CP", article: "Điều 2"}}
  - {code: x, value: 1, effective_from: 2020-01-01, legal_basis: {document: "1/2020/NĐ-CP"}}
""",
    )
    assert rules.load_rule_files([path]) == 2
    first = RuleRow.objects.get(table="sample", value=1)
    assert first.effective_to == dt.date(2022, 2, 28)
    assert rules.lookup("sample", "x", dt.date(2022, 2, 28)).value == 1
    later = rules.lookup("sample", "x", dt.date(2030, 1, 1))
    assert later.value == 2
    assert later.explain()["legal_basis"]["citation"] == "2/2022/NĐ-CP, Điều 2"


@pytest.mark.django_db
def test_administrator_adds_a_row_and_the_previous_one_is_closed(national_admin):
    basis = LegalBasis.objects.create(document_number="999/2027/NĐ-CP", article="Điều 3")
    row = do_add_rule_row(
        table="base_salary",
        code="base_salary",
        value=2_800_000,
        effective_from=dt.date(2027, 7, 1),
        legal_basis=basis,
        acting_user=national_admin,
    )
    assert row.source == RuleRow.Source.ADMIN
    assert base_salary_on(dt.date(2027, 6, 30)).value == 2_530_000
    assert base_salary_on(dt.date(2027, 7, 1)).value == 2_800_000
    previous = RuleRow.objects.get(table="base_salary", effective_from=dt.date(2026, 7, 1))
    assert previous.effective_to == dt.date(2027, 6, 30)
    # History kept: the closed row remembers it used to be open-ended, and who added the new one.
    assert previous.history.earliest().effective_to is None
    assert row.history.get().history_user == national_admin


@pytest.mark.django_db
def test_a_row_must_start_after_the_latest_one(national_admin):
    basis = LegalBasis.objects.create(document_number="998/2026/NĐ-CP")
    with pytest.raises(ValidationError):
        do_add_rule_row(
            table="base_salary",
            code="base_salary",
            value=1,
            effective_from=dt.date(2026, 7, 1),
            legal_basis=basis,
            acting_user=national_admin,
        )


@pytest.mark.django_db
def test_only_a_national_administrator_edits_rule_tables(hr_a, tree):
    from conftest import make_user
    from noivu.core.permissions import Role

    province_admin = make_user("admin_a", Role.SYSTEM_ADMIN, tree["province_a"])
    basis = LegalBasis.objects.create(document_number="997/2027/NĐ-CP")
    for user in (hr_a, province_admin):
        with pytest.raises(PermissionDenied):
            do_add_rule_row(
                table="base_salary",
                code="base_salary",
                value=1,
                effective_from=dt.date(2028, 1, 1),
                legal_basis=basis,
                acting_user=user,
            )
    assert not RuleRow.objects.filter(table="base_salary", effective_from=dt.date(2028, 1, 1)).exists()
