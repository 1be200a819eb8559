"""The exchange's demo step: the province's dossiers received from its own installation are conflicts of
identification numbers on the pages, written by the engine, and removed with the demo."""

import datetime as dt

import pytest

from conftest import make_user
from noivu.core.extensions import DemoContext
from noivu.core.models import Job
from noivu.core.permissions import Role
from noivu.exchange import demo
from noivu.exchange.jobs import IMPORT_JOB
from noivu.exchange.models import Conflict

pytestmark = pytest.mark.django_db


def test_the_demo_receives_the_provinces_dossiers_as_conflicts_and_clears_them(tree, people):
    tree["province_a"].admin_unit_code = "01"
    tree["province_a"].save()
    make_user(demo.IMPORTED_BY, Role.SYSTEM_ADMIN, tree["root"])
    context = DemoContext("small", 1, dt.date(2026, 11, 28), "01", tree["root"].path, 3, print)

    line = demo.load(context)

    # Every cadre, civil servant and public employee with a number is held here already: each a conflict.
    conflicts = Conflict.objects.unrestricted().order_by("identifier")
    assert [(c.identifier, c.source, c.held_person_id) for c in conflicts] == sorted(
        (person.cccd_number, "01", person.pk) for person in people.values()
    )
    job = Job.objects.get(kind=IMPORT_JOB)
    assert job.status == Job.Status.DONE and job.result["conflicts"] == 3 and job.result["lines"] == 3
    assert "3 xung đột" in line

    demo.clear(tree["root"].path)
    assert not Conflict.objects.unrestricted().exists() and not Job.objects.filter(kind=IMPORT_JOB).exists()
