"""Applying another installation's dossiers: a round trip through this installation's own export, a
second import that changes nothing (no history, no audit event), changes and removals carried over,
bad lines named by line, field and rule with nothing written, and conflicts of identification numbers."""

import datetime as dt
import io
from decimal import Decimal

import pytest

from noivu.core.models import AuditEvent
from noivu.exchange import engine
from noivu.exchange.models import ExchangeKey
from noivu.exchange.tests.helpers import OFFSET, as_other, exported, ndjson
from noivu.payroll.models import SalaryHistory
from noivu.personnel.dossier.actions import do_add_family_member, do_record_rank_change
from noivu.personnel.dossier.models import FamilyRelation, RankHistory
from noivu.personnel.models import Assignment, Person

pytestmark = pytest.mark.django_db

# Valid numbers for the persons of the fixtures: An (male, 1985) and Bình (female, 1985).
AN_THERE, BINH_THERE = "001085077771", "001185077772"


@pytest.fixture
def province(tree, people, hr_a):
    """Province A's export, as the installation "T01" would send it (other ids, other numbers)."""
    do_record_rank_change(
        person=people["an"],
        rank_code="01.003",
        rank_name="Chuyên viên",
        effective_from=dt.date(2024, 1, 1),
        acting_user=hr_a,
    )
    do_add_family_member(person=people["an"], relation="spouse", full_name="Phạm Thị Hoa", acting_user=hr_a)
    SalaryHistory.objects.create(
        person=people["an"], effective_from=dt.date(2024, 1, 1), step=2, coefficient=Decimal("2.67")
    )
    an, binh = exported(tree["province_a"].path)
    return [as_other(an, AN_THERE), as_other(binh, BINH_THERE)]


def _import(lines, user, source="T01", **options):
    return engine.import_bytes(ndjson(lines, **options), source, user)


def _counts(model):
    return model.objects.count(), model.history.count()


def test_a_province_export_is_applied_with_its_facts_and_its_units(province, tree, people, national_admin):
    outcome = _import(province, national_admin)
    assert outcome.ok, outcome.problems
    an = Person.objects.get(cccd_number=AN_THERE)
    binh = Person.objects.get(cccd_number=BINH_THERE)
    assert (an.full_name, an.organization, an.birth_date) == (
        "Nguyễn Văn An",
        tree["dept_a"],
        dt.date(1985, 5, 17),
    )
    assert binh.organization == tree["province_a"]
    assert list(
        RankHistory.objects.filter(person=an).values_list("rank_code", "rank_name", "effective_from")
    ) == [("01.003", "Chuyên viên", dt.date(2024, 1, 1))]
    # A decimal read from JSON is the decimal sent (2.67, not the float's 2.6699999…).
    assert SalaryHistory.objects.get(person=an).coefficient == Decimal("2.67")
    assert list(FamilyRelation.objects.filter(person=an).values_list("relation", "full_name")) == [
        ("spouse", "Phạm Thị Hoa")
    ]
    # Each one's assignment, its unit remapped by the unit's code.
    assert list(Assignment.objects.filter(person=binh).values_list("organization", flat=True)) == [
        tree["province_a"].pk
    ]
    assert outcome.counts[engine.PERSON]["created"] == 2
    assert outcome.counts["personnel.RankHistory"]["created"] == 1
    assert outcome.counts["personnel.Assignment"]["created"] == 2
    key = ExchangeKey.objects.get(source="T01", model=engine.PERSON, source_id=people["an"].pk + OFFSET)
    assert key.local_id == an.pk
    event = AuditEvent.objects.get(event_type="exchange.applied")
    assert event.extra["source"] == "T01" and event.extra["dossiers"] == 2
    assert an.history.get().history_user == national_admin


def test_a_second_import_of_the_same_file_changes_nothing(province, national_admin):
    assert _import(province, national_admin).ok
    before = [_counts(m) for m in (Person, RankHistory, FamilyRelation, Assignment)]
    events, keys = AuditEvent.objects.count(), ExchangeKey.objects.count()
    again = _import(province, national_admin, packed=False)
    assert again.ok and again.conflicts == 0
    assert again.changed == 0
    assert {
        kind: row["unchanged"] for kind, row in again.counts.items() if kind != "positions.PositionHolder"
    } == {
        engine.PERSON: 2,
        "personnel.Assignment": 2,
        "personnel.RankHistory": 1,
        "personnel.FamilyRelation": 1,
        "payroll.SalaryHistory": 1,
    }
    assert [_counts(m) for m in (Person, RankHistory, FamilyRelation, Assignment)] == before
    assert (AuditEvent.objects.count(), ExchangeKey.objects.count()) == (events, keys)


def test_a_change_and_a_removal_at_the_source_are_carried_over(province, national_admin):
    assert _import(province, national_admin).ok
    an = province[0]
    an["person"]["phone"] = "0912345678"
    an["facts"]["personnel.RankHistory"][0][5] = "Chuyên viên chính"  # rank_name
    an["facts"]["personnel.FamilyRelation"] = []
    outcome = _import(province, national_admin)
    assert outcome.ok, outcome.problems
    assert outcome.counts[engine.PERSON] == {
        "created": 0,
        "updated": 1,
        "unchanged": 1,
        "deleted": 0,
        "skipped": 0,
    }
    assert outcome.counts["personnel.RankHistory"]["updated"] == 1
    assert outcome.counts["personnel.FamilyRelation"]["deleted"] == 1
    local = Person.objects.get(cccd_number=AN_THERE)
    assert local.phone == "0912345678"
    assert RankHistory.objects.get(person=local).rank_name == "Chuyên viên chính"
    assert not FamilyRelation.objects.filter(person=local).exists()
    removed = FamilyRelation._base_manager.get(person=local)
    assert removed.deleted_at is not None and removed.deletion_reason == "Nhận từ hệ thống T01"


def test_bad_lines_are_named_by_line_field_and_rule_and_nothing_is_written(province, national_admin):
    persons = _counts(Person)
    province[1]["identifier"] = "12AB"
    del province[0]["facts"]["personnel.RankHistory"][0][-1]
    outcome = _import(province, national_admin)
    assert not outcome.ok
    found = {(p.line, p.field, p.rule) for p in outcome.problems}
    assert (2, "$.identifier", "pattern") in found
    assert (1, "$.facts['personnel.RankHistory'][0]", "minItems") in found
    assert _counts(Person) == persons and not ExchangeKey.objects.exists()


def test_a_line_that_is_not_json_and_an_unknown_unit_are_refused(province, national_admin):
    broken = ndjson(province[:1])[:0] + ndjson([province[0]], packed=False) + b"{not json\n"
    outcome = engine.import_stream(io.BytesIO(broken), "T01", national_admin)
    assert [(p.line, p.rule) for p in outcome.problems] == [(2, "json")]
    province[1]["agency"] = "T99-XYZ"
    outcome = _import(province, national_admin)
    assert [(p.line, p.field, p.rule) for p in outcome.problems] == [(2, "$.agency", "unit")]
    assert "T99-XYZ" in outcome.problems[0].message
    assert not Person.objects.filter(cccd_number=AN_THERE).exists()


def test_a_row_the_model_refuses_rolls_the_whole_file_back(province, national_admin):
    province[1]["person"]["birth_date"] = "2999-01-01"
    outcome = _import(province, national_admin)
    assert [(p.line, p.field, p.rule) for p in outcome.problems] == [(2, "$.person.birth_date", "model")]
    assert not Person.objects.filter(cccd_number=AN_THERE).exists()
    assert not AuditEvent.objects.filter(event_type="exchange.applied").exists()
