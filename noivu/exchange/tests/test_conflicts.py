"""A dossier whose identification number is held by a record entered here or received from another
source is not merged: a conflict is kept once, listed for a national administrator, who keeps the record
or takes the incoming dossier, an audited decision."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from noivu.core.models import AuditEvent
from noivu.exchange import actions, engine
from noivu.exchange.models import Conflict, ConflictStatus, ExchangeKey
from noivu.exchange.tests.helpers import OFFSET, as_other, exported, ndjson
from noivu.personnel.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def incoming(tree, people):
    """An's dossier as "T01" sends it, with the number An holds here; Bình's with a number of its own."""
    an, binh = exported(tree["province_a"].path)
    moved = as_other(an, people["an"].cccd_number)
    moved["person"]["full_name"] = "Nguyễn Văn Ân"
    return [moved, as_other(binh, "001185077772")]


def _import(lines, user, source="T01"):
    return engine.import_bytes(ndjson(lines), source, user)


def test_a_number_held_here_is_a_conflict_kept_once_and_the_line_skipped(incoming, people, national_admin):
    persons = Person.objects.count()
    outcome = _import(incoming, national_admin)
    assert outcome.ok and outcome.conflicts == 1
    assert Person.objects.count() == persons + 1  # Bình only
    conflict = Conflict.objects.get()
    assert (conflict.identifier, conflict.source, conflict.reference) == (
        people["an"].cccd_number,
        "T01",
        people["an"].pk + OFFSET,
    )
    assert (conflict.held_person, conflict.held_source, conflict.held_reference) == (people["an"], "", None)
    assert conflict.document["person"]["full_name"] == "Nguyễn Văn Ân"
    again = _import(incoming, national_admin)
    assert again.ok and again.conflicts == 0 and again.changed == 0
    assert again.counts[engine.PERSON]["skipped"] == 1
    assert Conflict.objects.count() == 1


def test_a_number_held_by_another_source_is_a_conflict_naming_that_source(incoming, people, national_admin):
    assert _import(incoming[1:], national_admin, source="T01").conflicts == 0
    assert _import(incoming[1:], national_admin, source="T02").conflicts == 1
    conflict = Conflict.objects.get()
    assert (conflict.source, conflict.held_source, conflict.held_reference) == (
        "T02",
        "T01",
        people["binh"].pk + OFFSET,
    )


def test_keeping_the_record_is_audited_and_the_line_stays_skipped(incoming, people, national_admin):
    _import(incoming, national_admin)
    conflict = actions.do_decide_conflict(
        conflict=Conflict.objects.get(), take=False, acting_user=national_admin, reason="Hồ sơ gốc đúng"
    )
    assert (conflict.status, conflict.decided_by) == (ConflictStatus.KEPT, national_admin)
    event = AuditEvent.objects.get(event_type="exchange.conflict_decided")
    assert (event.reason, event.extra["take"]) == ("Hồ sơ gốc đúng", False)
    assert _import(incoming, national_admin).changed == 0
    people["an"].refresh_from_db()
    assert people["an"].full_name == "Nguyễn Văn An"
    with pytest.raises(ValidationError):
        actions.do_decide_conflict(conflict=conflict, take=True, acting_user=national_admin)


def test_taking_the_incoming_dossier_updates_the_record_which_then_follows_the_source(
    incoming, people, national_admin
):
    _import(incoming, national_admin)
    actions.do_decide_conflict(conflict=Conflict.objects.get(), take=True, acting_user=national_admin)
    an = Person.objects.get(pk=people["an"].pk)
    assert an.full_name == "Nguyễn Văn Ân"
    assert (
        ExchangeKey.objects.get(source="T01", model=engine.PERSON, source_id=an.pk + OFFSET).local_id == an.pk
    )
    assert Conflict.objects.get().status == ConflictStatus.TAKEN
    # The record follows T01 now: the same file again changes nothing, a change of it is applied.
    assert _import(incoming, national_admin).changed == 0
    incoming[0]["person"]["phone"] = "0987654321"
    assert _import(incoming, national_admin).counts[engine.PERSON]["updated"] == 1
    assert Person.objects.get(pk=an.pk).phone == "0987654321"


def test_only_a_national_administrator_decides(incoming, national_admin, hr_a):
    _import(incoming, national_admin)
    with pytest.raises(PermissionDenied):
        actions.do_decide_conflict(conflict=Conflict.objects.get(), take=True, acting_user=hr_a)
    assert Conflict.objects.get().status == ConflictStatus.PENDING
