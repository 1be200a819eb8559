"""The bulk writer: COPY on PostgreSQL (text and binary), executemany elsewhere, same rows either way."""

import datetime as dt

import numpy as np
import pytest

from noivu.core.bulk import insert_columns, insert_rows, reserve_ids
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
def test_rows_given_column_by_column_are_written_alike():
    numbers = np.array([900_007, 900_008], dtype=np.int64)
    columns = [[row[0] for row in ROWS], [row[1] for row in ROWS], ["2020-11-18", None], numbers]

    insert_columns(LegalBasis, [*COLUMNS, "id"], columns)

    default = LegalBasis._meta.get_field("confidence").default
    assert stored() == [(*ROWS[0], "", default), (*ROWS[1], "", default)]
    written = LegalBasis.objects.filter(document_number__startswith="BULK-").values_list("pk", flat=True)
    assert sorted(written) == [900_007, 900_008]


@pytest.mark.django_db
def test_reserved_keys_are_a_fresh_block_that_later_rows_never_take():
    before = LegalBasis.objects.create(document_number="BULK-1", title="trước").pk

    reserved = reserve_ids(LegalBasis, 3)
    insert_rows(LegalBasis, [*COLUMNS, "id"], [(f"BULK-R{key}", "khối", None, key) for key in reserved])
    after = LegalBasis.objects.create(document_number="BULK-2", title="sau").pk

    assert reserved == list(range(reserved[0], reserved[0] + 3))
    assert reserved[0] > before
    assert after > reserved[-1]
    assert reserve_ids(LegalBasis, 0) == []
