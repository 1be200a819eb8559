"""PostgreSQL indexes of person search (person_search_middle_name): the middle-name branch and the
case-insensitive personal code.

The first expression must match :class:`noivu.personnel.records.search.WithoutSurname` exactly: the
folded name without its first word, byte-wise ordered. The second serves ``personnel_code__iexact``
(``UPPER(...) = UPPER(...)``), which the unique index of the column cannot. SQLite needs neither.

The keys of the name branches get a finer histogram (1,000 buckets instead of 100): with the default,
a given name such as "Đức" (0.4 % of a country) falls inside one bucket, PostgreSQL expects a few
dozen rows and sorts every match instead of walking the index for the first page.
"""

from django.db import migrations

INDEXES = {
    "person_without_surname_bytewise": """((substr(full_name_folded, strpos(full_name_folded, ' ') + 1) COLLATE "C"), id)""",
    "person_personnel_code_upper": "(upper(personnel_code::text))",
}
STATISTICS = (
    "ALTER TABLE personnel_person ALTER COLUMN full_name_folded SET STATISTICS {target}",
    "ALTER INDEX person_given_first_bytewise ALTER COLUMN 1 SET STATISTICS {target}",
    "ALTER INDEX person_without_surname_bytewise ALTER COLUMN 1 SET STATISTICS {target}",
)
FINE_TARGET = 1000


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, columns in INDEXES.items():
            schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON personnel_person {columns}")
        for statement in STATISTICS:
            schema_editor.execute(statement.format(target=FINE_TARGET))


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in STATISTICS:
            schema_editor.execute(statement.format(target=-1))
        for name in INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):

    dependencies = [("personnel", "0005_person_merge_history")]

    operations = [migrations.RunPython(create_index, drop_index)]
