import datetime as dt
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

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
    assert rule.legal_basis.document_number == document


@pytest.mark.django_db
def test_no_base_salary_before_the_first_row():
    with pytest.raises(rules.RuleNotFound):
        base_salary_on(dt.date(2000, 1, 1))


@pytest.mark.django_db
def test_loading_the_rule_files_again_adds_nothing():
    count = RuleRow.objects.count()
    assert count > 0
    report = rules.load_rule_files()
    assert (report.added, report.updated, report.drifts) == (0, 0, [])
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
    assert rules.load_rule_files([path]).added == 2
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
    # Closed by the administrator: loading the rule files will not reopen it.
    assert previous.source == RuleRow.Source.ADMIN
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


SAMPLE = """
table: sample
rows:
  - {code: x, value: 1, effective_from: 2020-01-01, legal_basis: {document: "1/2020/NĐ-CP"}}
  - {code: x, value: 2, effective_from: 2022-03-01, legal_basis: {document: "2/2022/NĐ-CP"}}
"""


@pytest.mark.django_db
def test_a_changed_figure_in_the_file_updates_the_file_row_with_history(tmp_path):
    path = _write_table(tmp_path, SAMPLE)
    rules.load_rule_files([path])
    # A corrected value, and a new decree from 2024: the 2022 row now ends the day before it.
    path.write_text(
        SAMPLE.replace("value: 2,", "value: 3,")
        + '  - {code: x, value: 4, effective_from: 2024-01-01, legal_basis: {document: "4/2024/NĐ-CP"}}\n',
        encoding="utf-8",
    )
    report = rules.load_rule_files([path])
    assert (report.added, report.updated, report.drifts) == (1, 1, [])
    corrected = RuleRow.objects.get(table="sample", effective_from=dt.date(2022, 3, 1))
    assert (corrected.value, corrected.effective_to) == (3, dt.date(2023, 12, 31))
    assert [entry.value for entry in corrected.history.order_by("history_date")] == [2, 3]
    assert corrected.history.latest().history_change_reason == "sample.yaml changed"
    assert rules.lookup("sample", "x", dt.date(2023, 6, 1)).value == 3
    assert rules.lookup("sample", "x", dt.date(2024, 6, 1)).value == 4


@pytest.mark.django_db
def test_a_figure_an_administrator_changed_is_kept_and_its_drift_reported(tmp_path, national_admin):
    path = _write_table(tmp_path, SAMPLE)
    rules.load_rule_files([path])
    do_add_rule_row(
        table="sample",
        code="x",
        value=5,
        effective_from=dt.date(2025, 1, 1),
        legal_basis=LegalBasis(document_number="5/2025/NĐ-CP"),
        acting_user=national_admin,
    )
    path.write_text(SAMPLE.replace("value: 2,", "value: 3,"), encoding="utf-8")
    report = rules.load_rule_files([path])
    assert (report.added, report.updated) == (0, 0)
    assert report.drifts == [
        "sample.yaml: sample.x từ 01/03/2022 khác tệp (value, effective_to); "
        "giữ giá trị quản trị viên đã sửa."
    ]
    kept = RuleRow.objects.get(table="sample", effective_from=dt.date(2022, 3, 1))
    assert (kept.value, kept.effective_to) == (2, dt.date(2024, 12, 31))
    assert rules.lookup("sample", "x", dt.date(2025, 1, 1)).value == 5


@pytest.mark.django_db
def test_migrate_prints_the_drift(capsys):
    from noivu.core.apps import _load_rule_tables

    previous = RuleRow.objects.get(table="base_salary", effective_from=dt.date(2026, 7, 1))
    previous.value, previous.source = 2_600_000, RuleRow.Source.ADMIN
    previous.save()
    _load_rule_tables()
    printed = capsys.readouterr().out
    assert "CẢNH BÁO bảng quy định: base_salary.yaml: base_salary.base_salary từ 01/07/2026" in printed


@pytest.mark.django_db
def test_a_rule_table_is_loaded_once_and_then_answers_from_memory():
    rules.rule_table("retirement_age")
    with CaptureQueriesContext(connection) as queries:
        table = rules.rule_table("retirement_age")
        for year in range(2021, 2036):
            table.lookup("normal_age_female", dt.date(year, 6, 1))
    # Only the check that the cached copy is current.
    assert len(queries) == 1
    assert table.lookup("normal_age_male", dt.date(2028, 1, 1)).explain()["value"] == 744
    assert table.codes() == ["normal_age_female", "normal_age_male"]


@pytest.mark.django_db
def test_pinned_rule_tables_answer_from_memory_without_a_query_until_a_row_is_saved():
    rules.rule_table("retirement_age")
    with rules.pinned_rule_tables():
        with CaptureQueriesContext(connection) as queries:
            for _ in range(5):
                rules.rule_table("retirement_age")
        assert len(queries) == 0
        LegalBasis.objects.first().save()  # any save in this process empties the cache
        with CaptureQueriesContext(connection) as queries:
            rules.rule_table("retirement_age")
        assert len(queries) == 2  # the version and the table
    with CaptureQueriesContext(connection) as queries:
        rules.rule_table("retirement_age")
    assert len(queries) == 1  # outside the block, the check that the cached copy is current


@pytest.mark.django_db
def test_a_new_row_is_seen_at_once(national_admin):
    assert base_salary_on(dt.date(2030, 1, 1)).value == 2_530_000
    do_add_rule_row(
        table="base_salary",
        code="base_salary",
        value=2_900_000,
        effective_from=dt.date(2029, 1, 1),
        legal_basis=LegalBasis(document_number="996/2028/NĐ-CP", article="Điều 3", title="Mức lương cơ sở"),
        acting_user=national_admin,
    )
    rule = base_salary_on(dt.date(2030, 1, 1))
    assert rule.value == 2_900_000
    assert rule.legal_basis.citation == "996/2028/NĐ-CP, Điều 3"


@pytest.mark.django_db
def test_a_row_saved_elsewhere_is_seen_through_the_history_version():
    """Another worker process changes a row: no signal reaches this one, the history version does."""
    cached = rules.rule_table("base_salary")
    row = RuleRow.objects.get(table="base_salary", effective_from=dt.date(2026, 7, 1))
    row.note = "đã sửa"
    from django.db.models.signals import post_save

    post_save.disconnect(rules.forget_rule_tables, sender=RuleRow, dispatch_uid="rule-tables-save-RuleRow")
    try:
        row.save()
    finally:
        post_save.connect(rules.forget_rule_tables, sender=RuleRow, dispatch_uid="rule-tables-save-RuleRow")
    fresh = rules.rule_table("base_salary")
    assert fresh is not cached
    assert fresh.lookup("base_salary", dt.date(2026, 7, 1)).note == "đã sửa"


@pytest.mark.django_db
def test_a_file_row_an_administrator_closed_before_it_was_marked_is_kept(tmp_path, national_admin):
    """Rows closed by an administrator before closing marked them as the administrator's."""
    path = _write_table(tmp_path, SAMPLE)
    rules.load_rule_files([path])
    do_add_rule_row(
        table="sample",
        code="x",
        value=5,
        effective_from=dt.date(2025, 1, 1),
        legal_basis=LegalBasis(document_number="5/2025/NĐ-CP"),
        acting_user=national_admin,
    )
    closed = RuleRow.objects.filter(table="sample", effective_from=dt.date(2022, 3, 1))
    closed.update(source=RuleRow.Source.FILE)
    report = rules.load_rule_files([path])
    assert (report.added, report.updated) == (0, 0)
    (drift,) = report.drifts
    assert drift.startswith("sample.yaml: sample.x từ 01/03/2022 khác tệp nhưng không cập nhật được")
    assert rules.lookup("sample", "x", dt.date(2024, 12, 31)).value == 2
    assert rules.lookup("sample", "x", dt.date(2025, 1, 1)).value == 5


def test_every_rule_table_has_an_english_title():
    untitled = [name for name, info in rules.table_infos().items() if not info.title_en.strip()]
    assert untitled == []
