"""The given-name-first search key without a regular expression (PostgreSQL).

``regexp_replace(full_name_folded, '^(.+) ([^ ]+)$', '\\2 \\1')`` cost more than every other index of the
person table together on each write (imports, the demo load, the rebuild after a bulk load). The key is
now built from the last word (``split_part(…, ' ', -1)``) and what precedes it (``left(…, -n)``): the same
text for every folded name, whose words are separated by single spaces. The expression must match
:class:`noivu.personnel.records.search.GivenNameFirst` exactly; its finer histogram is kept.
"""

from django.db import migrations

NAME = "person_given_first_bytewise"
LAST_WORD = "split_part(full_name_folded, ' ', -1)"
NEW = (
    f"(((CASE WHEN strpos(full_name_folded, ' ') > 0 THEN {LAST_WORD} || ' ' || "
    f'left(full_name_folded, -length({LAST_WORD}) - 1) ELSE full_name_folded END) COLLATE "C"), id)'
)
OLD = r"""((regexp_replace(full_name_folded, '^(.+) ([^ ]+)$', '\2 \1') COLLATE "C"), id)"""
FINE_TARGET = 1000


def _replace(schema_editor, columns: str) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {NAME}")
    schema_editor.execute(f"CREATE INDEX {NAME} ON personnel_person {columns}")
    schema_editor.execute(f"ALTER INDEX {NAME} ALTER COLUMN 1 SET STATISTICS {FINE_TARGET}")


def forwards(apps, schema_editor):
    _replace(schema_editor, NEW)


def backwards(apps, schema_editor):
    _replace(schema_editor, OLD)


class Migration(migrations.Migration):
    dependencies = [("personnel", "0007_person_fewer_indexes")]

    operations = [migrations.RunPython(forwards, backwards)]
