"""The move of the yearly ratings from the personnel dossier into this app, run on a database holding rows
of the earlier schema."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("personnel", "0009_salary_and_allowances_to_payroll"), ("evaluation", None)]
AFTER = [("personnel", "0010_evaluation_results_moved")]


@pytest.mark.django_db(transaction=True)
def test_the_dossier_ratings_move_into_evaluations_keeping_ids_values_and_history():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state([BEFORE[0]]).apps
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
    Person = old.get_model("personnel", "Person")
    an = Person.objects.create(
        full_name="Nguyễn Văn An",
        full_name_folded="nguyen van an",
        birth_date=dt.date(1985, 5, 17),
        gender="M",
        organization=unit,
        category="civil_servant",
    )
    teacher = Person.objects.create(
        full_name="Lê Thị Giáo",
        full_name_folded="le thi giao",
        birth_date=dt.date(1980, 1, 2),
        gender="F",
        organization=unit,
        category="public_employee",
    )
    Result = old.get_model("personnel", "EvaluationResult")
    History = old.get_model("personnel", "HistoricalEvaluationResult")
    rated = Result.objects.create(
        person=an, year=2024, rating="HT", decided_on=dt.date(2024, 12, 20), note="cũ"
    )
    History.objects.create(
        id=rated.pk,
        person=an,
        year=2024,
        rating="HT",
        note="",
        history_type="+",
        history_date=dt.datetime(2024, 12, 20, 8, tzinfo=dt.UTC),
    )
    History.objects.create(
        id=rated.pk,
        person=an,
        year=2024,
        rating="HT",
        note="cũ",
        history_type="~",
        history_date=dt.datetime(2025, 1, 5, 8, tzinfo=dt.UTC),
    )
    Result.objects.create(person=teacher, year=2019, rating="HTXS")
    Result.objects.create(person=teacher, year=2026, rating="HTT")

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    Evaluation = new.get_model("evaluation", "Evaluation")
    moved = Evaluation.objects.get(pk=rated.pk)
    assert (moved.person_id, moved.organization_id, moved.year, moved.rating) == (an.pk, unit.pk, 2024, "HT")
    assert (moved.period_kind, moved.status, moved.regime) == ("year", "decided", "ND90_2020")
    assert (moved.decided_on, moved.note, moved.category) == (dt.date(2024, 12, 20), "cũ", "civil_servant")
    history = new.get_model("evaluation", "HistoricalEvaluation").objects.filter(id=rated.pk)
    assert [(h.note, h.history_type) for h in history.order_by("history_date")] == [("", "+"), ("cũ", "~")]
    regimes = dict(Evaluation.objects.filter(person_id=teacher.pk).values_list("year", "regime"))
    assert regimes == {2019: "ND56_2015", 2026: "ND233_2026"}
    assert "personnel_evaluationresult" not in connection.introspection.table_names()
    added = Evaluation.objects.create(
        person_id=an.pk,
        organization_id=unit.pk,
        year=2025,
        period_kind="year",
        category="civil_servant",
        regime="ND90_2020",
        status="decided",
        rating="HTT",
    )
    assert added.pk > rated.pk

    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
