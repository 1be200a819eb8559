"""The engine over the database: the history of a unit's persons read in one query per kind (decided
ratings of ``evaluation``, titles of the record, initiatives, discipline periods) and screened at once."""

import datetime as dt

import polars as pl
import pytest

from conftest import make_org, make_person, make_rating
from noivu.awards import engine
from noivu.awards.models import AwardRecord, DisciplineForm, DisciplineRecord, Initiative, InitiativeLevel
from noivu.organizations.models import OrganizationKind, OrganizationLevel
from noivu.personnel.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(tree):
    division = make_org(
        tree["dept_a"], "T01-SNV-09", "Phòng Thi đua", OrganizationKind.DIVISION, OrganizationLevel.PROVINCE
    )
    return [make_person(division, name) for name in ("Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường")]


def test_the_history_of_a_unit_is_read_and_screened_as_a_whole(staff):
    an, binh, cuong = staff
    for year in (2023, 2024):
        make_rating(an, year, "HTXS")
        make_rating(binh, year, "HTT")
    make_rating(cuong, 2024, "HTXS", status="assessed")  # not decided: does not count
    AwardRecord.objects.create(person=an, form="Chiến sĩ thi đua cơ sở", decision_date=dt.date(2024, 1, 20))
    AwardRecord.objects.create(
        person=an, form="Giấy khen của Giám đốc Sở", decision_date=dt.date(2024, 1, 20)
    )
    Initiative.objects.create(
        person=binh,
        title="Số hóa hồ sơ",
        level=InitiativeLevel.GRASSROOTS,
        recognised_on=dt.date(2024, 10, 1),
    )
    DisciplineRecord.objects.create(
        person=binh,
        form=DisciplineForm.REPRIMAND,
        decision_date=dt.date(2024, 2, 1),
        effective_from=dt.date(2024, 2, 1),
        effective_to=dt.date(2024, 7, 31),
    )
    persons = Person.objects.unrestricted().filter(pk__in=[p.pk for p in staff])
    history = engine.history_frames(persons, 2019, 2024)
    assert history.held.to_dicts() == [{"person_id": an.pk, "year": 2023, "title": "CSTDCS"}]
    assert history.initiatives.height == 1 and history.disciplines.height == 1

    frame = pl.DataFrame({"person_id": [p.pk for p in staff]})
    screening = engine.screen(frame, history, 2024, dt.date(2025, 1, 20))
    eligible = screening.results.filter(pl.col("eligible")).group_by("person_id").agg(pl.col("title"))
    found = {row["person_id"]: sorted(row["title"]) for row in eligible.to_dicts()}
    # An: HTXS in 2024 and a 2023 fighter title → LĐTT, CSTĐCS and the ministry certificate (two in a row).
    assert found == {an.pk: ["BK_BO_TINH", "CSTDCS", "LDTT"]}
    refused = screening.results.filter(pl.col("person_id") == binh.pk, pl.col("title") == "LDTT").row(
        0, named=True
    )
    assert refused["failed"] == "LDTT.discipline"
    assert screening.rules["DISCIPLINE"].legal_basis.citation == "98/2023/NĐ-CP, Điều 5"


def test_the_regime_follows_the_decision_date():
    assert engine.regime_on(dt.date(2025, 6, 30)).value == "nd98_2023"
    assert engine.regime_on(dt.date(2025, 7, 1)).value == "nd152_2025"
    with pytest.raises(engine.ScreeningError):
        engine.regime_on(dt.date(2023, 12, 31))


def test_collectives_are_screened_per_unit_in_one_pass():
    members = pl.DataFrame({"person_id": [1, 2, 3, 4], "organization_id": [10, 10, 20, 20]})
    units = pl.DataFrame({"organization_id": [10, 20], "rating": ["HTXS", "HTXS"]})
    ratings = pl.DataFrame(
        {"person_id": [1, 2, 3, 4], "year": [2024] * 4, "rating": ["HTXS", "HTT", "HTT", "HT"]},
        schema=engine.RATINGS,
    )
    screening = engine.screen_collectives(
        members, units, engine.History(ratings=ratings), 2024, dt.date(2025, 7, 10)
    )
    found = {(r["organization_id"], r["title"]): r["failed"] for r in screening.results.to_dicts()}
    assert found[(10, "TTLDXS")] is None
    assert found[(20, "TTLDXS")] == "TTLDXS.advanced"  # 1 of 2 advanced, and no fighter
    assert found[(20, "TTLDTT")] == "TTLDTT.advanced"  # 50% is not more than half
