"""Shared fixtures of the succession tests: a division of province A with civil servants holding a rank and
rated the last two years, and a pool for its head."""

import datetime as dt

import pytest

from conftest import make_org, make_person
from noivu.core.dates import today
from noivu.evaluation.models import Evaluation
from noivu.organizations.models import Organization, OrganizationKind, OrganizationLevel
from noivu.personnel.dossier.models import RankHistory
from noivu.personnel.models import Person
from noivu.succession.models import LeadershipLevel, PlanningPool


def rated(person: Person, *levels: str) -> Person:
    """``person`` rated ``levels`` in the last years, the most recent last."""
    this_year = today().year
    for offset, level in enumerate(reversed(levels), start=1):
        Evaluation.objects.create(
            person=person,
            organization=person.organization,
            year=this_year - offset,
            period_kind="year",
            category=person.category,
            regime="ND90_2020",
            status="decided",
            rating=level,
        )
    return person


def ranked(person: Person, code: str = "01.003") -> Person:
    RankHistory.objects.create(person=person, rank_code=code, effective_from=dt.date(2015, 1, 1))
    return person


@pytest.fixture
def division(tree) -> Organization:
    made = make_org(
        tree["dept_a"], "T01-SNV-01", "Phòng Công chức", OrganizationKind.DIVISION, OrganizationLevel.PROVINCE
    )
    return Organization.objects.get(pk=made.pk)


@pytest.fixture
def staff(division) -> list[Person]:
    names = ("Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung", "Hoàng Văn Em")
    return [
        rated(ranked(make_person(division, name, birth_date=dt.date(1982, 3, 4))), "HTT", "HTXS")
        for name in names
    ]


@pytest.fixture
def pool(division) -> PlanningPool:
    return PlanningPool.objects.create(
        organization=division,
        position_title="Trưởng phòng",
        level=LeadershipLevel.DIVISION_HEAD,
        term_start=2026,
        term_end=2031,
    )
