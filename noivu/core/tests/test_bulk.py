"""The bulk writer: COPY on PostgreSQL (text and binary), executemany elsewhere, same rows either way."""

import datetime as dt

import pytest

from noivu.core.bulk import insert_row_pairs, insert_rows
from noivu.core.models import LegalBasis

COLUMNS = ["document_number", "title", "issued_on"]
ROWS = [
    ("BULK-135/2020/NĐ-CP", "Tuổi nghỉ hưu\tđiều 4\nkhoản 1 \\ a", dt.date(2020, 11, 18)),
    ("BULK-73/2024/NĐ-CP", "Lương cơ sở", None),
]


def stored() -> list[tuple]:
    return list(
        LegalBasis.objects.filter(document_number__startswith="BULK-")
        .order_by("document_number")
        .values_list(*COLUMNS, "article", "confidence")
    )


@pytest.mark.django_db
@pytest.mark.parametrize("binary", [False, True])
def test_rows_are_written_as_given_and_other_columns_get_their_defaults(binary):
    insert_rows(LegalBasis, COLUMNS, iter(ROWS), binary=binary)

    default = LegalBasis._meta.get_field("confidence").default
    assert stored() == [(*ROWS[0], "", default), (*ROWS[1], "", default)]
    assert LegalBasis.objects.filter(title__contains="\t", document_number__startswith="BULK-").count() == 1


@pytest.mark.django_db
def test_pairs_of_rows_produced_together_are_all_written():
    batches = [([row], [(f"{row[0]}-b", "", None)]) for row in ROWS]

    insert_row_pairs((LegalBasis, COLUMNS), (LegalBasis, COLUMNS), iter(batches))

    assert LegalBasis.objects.filter(document_number__startswith="BULK-").count() == 4
    assert LegalBasis.objects.get(document_number="BULK-73/2024/NĐ-CP-b").issued_on is None
