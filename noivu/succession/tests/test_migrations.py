"""The move of the training courses from the personnel dossier into this app, run on a database holding
rows of the earlier schema: rows, ids and history kept."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("personnel", "0011_history_user_unchecked"), ("succession", None)]
AFTER = [("personnel", "0012_training_courses_to_succession"), ("succession", "0002_courses_pools_mentoring")]


@pytest.mark.django_db(transaction=True)
def test_the_dossier_training_courses_move_keeping_ids_values_and_history():
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
    Course = old.get_model("personnel", "TrainingCourse")
    History = old.get_model("personnel", "HistoricalTrainingCourse")
    course = Course.objects.create(
        person=an,
        name="Bồi dưỡng quản lý nhà nước",
        institution="Trường Chính trị tỉnh",
        start_date=dt.date(2022, 3, 1),
        end_date=dt.date(2022, 4, 30),
        certificate="QLNN-01",
    )
    History.objects.create(
        id=course.pk,
        person=an,
        name="Bồi dưỡng quản lý nhà nước",
        institution="",
        start_date=dt.date(2022, 3, 1),
        mode="",
        certificate="",
        history_type="+",
        history_date=dt.datetime(2022, 5, 2, 8, tzinfo=dt.UTC),
    )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    Moved = new.get_model("succession", "TrainingCourse")
    moved = Moved.objects.get(pk=course.pk)
    assert (moved.person_id, moved.name, moved.institution, moved.certificate) == (
        an.pk,
        "Bồi dưỡng quản lý nhà nước",
        "Trường Chính trị tỉnh",
        "QLNN-01",
    )
    assert (moved.start_date, moved.end_date, moved.programme, moved.periods) == (
        dt.date(2022, 3, 1),
        dt.date(2022, 4, 30),
        "other",
        None,
    )
    history = new.get_model("succession", "HistoricalTrainingCourse").objects.filter(id=course.pk)
    assert [h.history_type for h in history] == ["+"]
    assert "personnel_trainingcourse" not in connection.introspection.table_names()
    added = Moved.objects.create(person_id=an.pk, name="Khóa mới", start_date=dt.date(2025, 1, 1))
    assert added.pk > course.pk

    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
