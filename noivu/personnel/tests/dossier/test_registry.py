"""A kind of fact added to the record through the registry, as another app would add one: it appears on
the record page, in the timeline, in the CV, among the API's kinds and on the generic entry pages."""

import datetime as dt

import pytest
from django.template import Template
from django.test import Client
from django.urls import reverse

from noivu.accounts.models import ApiToken
from noivu.awards.actions import do_record_award
from noivu.awards.models import AwardRecord
from noivu.personnel.dossier import registry
from noivu.personnel.dossier.cv import build_cv
from noivu.personnel.dossier.forms import FactKind, fact_form
from noivu.personnel.dossier.registry import CvTable, DossierPart, RecordSection
from noivu.personnel.dossier.timeline import TimelineEntry, timeline

pytestmark = pytest.mark.django_db

# The award record of awards stands in for the model of an app that would register the part.
COMMENDATIONS = FactKind(
    slug="commendation",
    title="Bằng khen thử nghiệm",
    form=fact_form(AwardRecord, ("form", "decision_date", "decision_number")),
    action=do_record_award,
    related_name="awards",
    columns=("form", "decision_date", "decision_number"),
)


def _entries(person) -> list[TimelineEntry]:
    return [
        TimelineEntry(row.decision_date, "commendation", f"Bằng khen: {row.form}")
        for row in person.awards.all()
    ]


def _cv_rows(person, full: bool) -> list[tuple[str, ...]]:
    return [(row.form, f"{row.decision_date:%d/%m/%Y}") for row in person.awards.all()]


@pytest.fixture
def commendations(people, hr_a):
    part = DossierPart(
        "commendations",
        fact_kinds=(COMMENDATIONS,),
        timeline=_entries,
        record_section=RecordSection(
            "Bằng khen (phần đăng ký)",
            Template("<p id='commendations'>{{ section_context.count }} bằng khen</p>"),
            lambda person, full: {"count": person.awards.count()},
        ),
        cv_table=CvTable("Bảng bằng khen (phần đăng ký)", ("Hình thức", "Ngày"), _cv_rows),
    )
    registry.register(part)
    do_record_award(
        person=people["an"],
        form="Bằng khen của Bộ trưởng",
        decision_date=dt.date(2022, 5, 4),
        decision_number="12/QĐ-BNV",
        acting_user=hr_a,
    )
    yield part
    registry.unregister("commendations")


def test_a_registered_part_shows_on_the_record_page_and_in_its_timeline(client, hr_a, people, commendations):
    client.force_login(hr_a)
    html = client.get(reverse("personnel:detail", args=[people["an"].pk])).content.decode()
    assert "Bằng khen (phần đăng ký)" in html
    assert "<p id='commendations'>1 bằng khen</p>" in html
    assert "Bằng khen: Bằng khen của Bộ trưởng" in html
    entries = timeline(people["an"])
    assert [entry.date for entry in entries if entry.kind == "commendation"] == [dt.date(2022, 5, 4)]


def test_a_registered_part_has_its_table_in_the_cv(client, hr_a, people, commendations):
    cv = build_cv(people["an"], full=True)
    assert [(table.title, rows) for table, rows in cv.tables if table.title.startswith("Bảng bằng khen")] == [
        ("Bảng bằng khen (phần đăng ký)", [("Bằng khen của Bộ trưởng", "04/05/2022")])
    ]
    client.force_login(hr_a)
    html = client.get(reverse("personnel:cv", args=[people["an"].pk])).content.decode()
    assert "Bảng bằng khen (phần đăng ký)" in html and "<td>04/05/2022</td>" in html


def test_a_registered_kind_is_listed_by_the_api_and_has_generic_pages(client, hr_a, people, commendations):
    _, raw = ApiToken.issue(hr_a, "kiểm thử")
    api = Client(headers={"authorization": f"Bearer {raw}"})
    body = api.get(f"/api/v1/dossier/{people['an'].pk}").json()
    assert body["facts"]["commendation"] == [
        {
            "id": people["an"].awards.get().pk,
            "form": "Bằng khen của Bộ trưởng",
            "decision_date": "2022-05-04",
            "decision_number": "12/QĐ-BNV",
        }
    ]
    client.force_login(hr_a)
    index = client.get(reverse("personnel:dossier", args=[people["an"].pk])).content.decode()
    assert "Bằng khen thử nghiệm" in index
    add = reverse("personnel:dossier_add", args=[people["an"].pk, "commendation"])
    assert client.get(add).status_code == 200
    listed = client.get(reverse("personnel:dossier_list", args=[people["an"].pk, "commendation"]))
    assert "12/QĐ-BNV" in listed.content.decode()


def test_a_kind_cannot_be_registered_twice(commendations):
    with pytest.raises(ValueError):
        registry.register(DossierPart("other", fact_kinds=(COMMENDATIONS,)))
    with pytest.raises(ValueError):
        registry.register(DossierPart("commendations"))
