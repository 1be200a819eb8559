"""The electronic dossier's part of the demo: an initial export to download, gone with the demo."""

import datetime as dt
import gzip
import io

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command

from noivu.core.models import Job
from noivu.edossier.engine import DOSSIER_CATEGORIES
from noivu.edossier.jobs import EXPORT_JOB
from noivu.organizations.models import Organization
from noivu.personnel.models import Person


def _demo(**options) -> None:
    call_command(
        "demo",
        size="small",
        as_of=dt.date(2026, 11, 28),
        password="Mat-khau-demo-1",
        stdout=io.StringIO(),
        **options,
    )


@pytest.mark.django_db
def test_the_demo_holds_an_initial_export_of_the_home_affairs_department_that_a_reload_replaces(
    settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    _demo(persons=200)
    first = Job.objects.get(kind=EXPORT_JOB)
    department = Organization.objects.get(pk=first.params["organization"])
    dossiers = Person.objects.filter(
        organization__path__startswith=department.path, category__in=DOSSIER_CATEGORIES
    ).count()

    assert department.name.startswith("Sở Nội vụ") and dossiers > 0
    assert (first.status, first.created_by.username, first.result["dossiers"]) == (
        Job.Status.DONE,
        "demo.quantri",
        dossiers,
    )
    with default_storage.open(first.result["file"], "rb") as stored:
        assert len(gzip.decompress(stored.read()).splitlines()) == dossiers

    _demo(persons=150, seed=2, replace=True)

    again = Job.objects.get(kind=EXPORT_JOB)
    assert again.pk != first.pk and again.status == Job.Status.DONE
    assert not default_storage.exists(first.result["file"]) and default_storage.exists(again.result["file"])
