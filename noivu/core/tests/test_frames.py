"""Reading rows as frames: the same frame from PostgreSQL's CSV text as from the rows themselves."""

import datetime as dt

import polars as pl
import pytest
from django.db import connection

from noivu.core.frames import queryset_frame, read_frame
from noivu.core.models import LegalBasis

SCHEMA = {"id": pl.Int64, "number": pl.String, "title": pl.String, "issued_on": pl.Date}
ROWS = [
    ("FRAME-1", 'Tuổi nghỉ hưu, "điều 4"\nkhoản 1', dt.date(2020, 11, 18)),
    ("FRAME-2", "", None),
]


@pytest.mark.django_db
def test_text_with_commas_quotes_and_line_breaks_blank_text_and_null_dates_read_back_as_stored():
    made = [LegalBasis.objects.create(document_number=n, title=t, issued_on=d) for n, t, d in ROWS]

    frame = queryset_frame(
        LegalBasis.objects.filter(document_number__startswith="FRAME-").values_list(
            "pk", "document_number", "title", "issued_on"
        ),
        SCHEMA,
    )

    assert frame.schema == pl.Schema(SCHEMA)
    assert sorted(frame.rows()) == [(m.pk, *row) for m, row in zip(made, ROWS, strict=True)]


@pytest.mark.django_db
def test_an_empty_result_and_an_empty_selection_read_as_empty_frames_of_the_schema():
    table = connection.ops.quote_name(LegalBasis._meta.db_table)
    none = read_frame(
        f"SELECT id, document_number, title, issued_on FROM {table} WHERE document_number = %s",
        ["FRAME-none"],
        SCHEMA,
    )
    nothing = queryset_frame(
        LegalBasis.objects.filter(pk__in=[]).values_list("pk", "document_number", "title", "issued_on"),
        SCHEMA,
    )

    assert none.height == nothing.height == 0
    assert none.schema == nothing.schema == pl.Schema(SCHEMA)
