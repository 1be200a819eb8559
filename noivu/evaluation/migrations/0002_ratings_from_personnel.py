"""The yearly ratings recorded in the personnel dossier (personnel.EvaluationResult) become decided yearly
evaluations of this app, with the same ids and their change history; the unit and category are the
person's at the time of the move, the regime the one in force in the rated year."""

from django.core.management.color import no_style
from django.db import connection, migrations

MIGRATED_NOTE_LIMIT = 500


def regime_of(year: int, category: str) -> str:
    if year < 2020:
        return "ND56_2015"
    if year >= 2026 and category in ("civil_servant", "commune_servant"):
        return "ND335_2025"
    if year >= 2026 and category == "public_employee":
        return "ND233_2026"
    return "ND90_2020"


def copy_ratings(apps, schema_editor) -> None:  # type: ignore[no-untyped-def]
    Old = apps.get_model("personnel", "EvaluationResult")
    OldHistory = apps.get_model("personnel", "HistoricalEvaluationResult")
    Evaluation = apps.get_model("evaluation", "Evaluation")
    History = apps.get_model("evaluation", "HistoricalEvaluation")
    Person = apps.get_model("personnel", "Person")
    people = dict(
        (pk, (organization_id, category))
        for pk, organization_id, category in Person.objects.values_list("pk", "organization_id", "category")
    )

    def fields(row) -> dict:  # type: ignore[no-untyped-def]
        organization_id, category = people[row.person_id]
        return {
            "person_id": row.person_id,
            "organization_id": organization_id,
            "year": row.year,
            "period_kind": "year",
            "period_number": 0,
            "category": category,
            "regime": regime_of(row.year, category),
            "status": "decided",
            "rating": row.rating,
            "decided_on": row.decided_on,
            "note": row.note[:MIGRATED_NOTE_LIMIT],
            "components": {},
        }

    batch = []
    for row in Old.objects.order_by("pk").iterator(chunk_size=5000):
        batch.append(Evaluation(id=row.pk, **fields(row)))
        if len(batch) == 5000:
            Evaluation.objects.bulk_create(batch)
            batch = []
    Evaluation.objects.bulk_create(batch)

    history = []
    for row in OldHistory.objects.order_by("history_id").iterator(chunk_size=5000):
        if row.person_id not in people:
            continue
        history.append(
            History(
                id=row.id,
                history_date=row.history_date,
                history_change_reason=row.history_change_reason,
                history_type=row.history_type,
                history_user_id=row.history_user_id,
                **fields(row),
            )
        )
        if len(history) == 5000:
            History.objects.bulk_create(history)
            history = []
    History.objects.bulk_create(history)

    sequences = connection.ops.sequence_reset_sql(no_style(), [Evaluation])
    with connection.cursor() as cursor:
        for sql in sequences:
            cursor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("evaluation", "0001_initial"),
        ("personnel", "0007_person_fewer_indexes"),
    ]

    operations = [migrations.RunPython(copy_ratings, migrations.RunPython.noop)]
