"""The move of the award and discipline records from the personnel dossier into this app, run on a database
holding rows of the earlier schema: rows, ids, history and the council decisions pointing at them kept."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("personnel", "0013_person_cccd_unique_constraint"), ("awards", "0002_councils")]
AFTER = [("personnel", "0014_award_discipline_to_awards"), ("awards", "0003_award_discipline_from_personnel")]


@pytest.mark.django_db(transaction=True)
def test_the_dossier_awards_and_discipline_move_keeping_ids_values_history_and_decisions():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    Organization = old.get_model("organizations", "Organization")
    unit = Organization.objects.create(
        path="0001",
        depth=1,
        code="T01",
        name="Sở Nội vụ",
        name_folded="so noi vu",
        kind="department",
        level="province",
        effective_from=dt.date(2000, 1, 1),
    )
    an = old.get_model("personnel", "Person").objects.create(
        full_name="Nguyễn Văn An",
        full_name_folded="nguyen van an",
        birth_date=dt.date(1985, 5, 17),
        gender="M",
        organization=unit,
        category="civil_servant",
    )
    award = old.get_model("personnel", "AwardRecord").objects.create(
        person=an,
        form="Chiến sĩ thi đua cơ sở",
        decision_number="15/QĐ-SNV",
        decision_date=dt.date(2024, 1, 20),
        authority="Giám đốc Sở Nội vụ",
        reason="Thành tích năm 2023",
    )
    old.get_model("personnel", "HistoricalAwardRecord").objects.create(
        id=award.pk,
        person=an,
        form="Chiến sĩ thi đua cơ sở",
        decision_number="15/QĐ-SNV",
        decision_date=dt.date(2024, 1, 20),
        authority="",
        reason="",
        history_type="+",
        history_date=dt.datetime(2024, 1, 21, 8, tzinfo=dt.UTC),
    )
    discipline = old.get_model("personnel", "DisciplineRecord").objects.create(
        person=an,
        form="reprimand",
        decision_number="3/QĐ-KL",
        decision_date=dt.date(2025, 3, 1),
        effective_from=dt.date(2025, 3, 1),
        effective_to=dt.date(2026, 2, 28),
    )
    session = old.get_model("awards", "CouncilSession").objects.create(
        organization=unit,
        year=2023,
        held_on=dt.date(2024, 1, 10),
        members=7,
        status="decided",
        decision_number="15/QĐ-SNV",
        decided_on=dt.date(2024, 1, 20),
        signer="Giám đốc Sở Nội vụ",
    )
    nominee = old.get_model("awards", "Nominee").objects.create(
        session=session, person=an, title="CSTDCS", yes_votes=6, votes_needed=6, passed=True, award=award
    )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    with pytest.raises(LookupError):
        new.get_model("personnel", "AwardRecord")
    Award = new.get_model("awards", "AwardRecord")
    moved = Award.objects.get(pk=award.pk)
    assert (moved.person_id, moved.form, moved.decision_number, moved.decision_date, moved.authority) == (
        an.pk,
        "Chiến sĩ thi đua cơ sở",
        "15/QĐ-SNV",
        dt.date(2024, 1, 20),
        "Giám đốc Sở Nội vụ",
    )
    history = new.get_model("awards", "HistoricalAwardRecord").objects.filter(id=award.pk)
    assert [(h.history_type, h.form) for h in history] == [("+", "Chiến sĩ thi đua cơ sở")]
    kept = new.get_model("awards", "DisciplineRecord").objects.get(pk=discipline.pk)
    assert (kept.form, kept.effective_from, kept.effective_to) == (
        "reprimand",
        dt.date(2025, 3, 1),
        dt.date(2026, 2, 28),
    )
    assert new.get_model("awards", "Nominee").objects.get(pk=nominee.pk).award_id == award.pk
    assert {"personnel_awardrecord", "personnel_disciplinerecord"} <= set(
        connection.introspection.table_names()
    )
    added = Award.objects.create(person_id=an.pk, form="Giấy khen", decision_date=dt.date(2025, 1, 5))
    assert added.pk > award.pk

    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
