"""Loading the demo data set into the database (SQLite and PostgreSQL)."""

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import F

from noivu.accounts.models import Grant, User
from noivu.core.permissions import Role
from noivu.demo import loader
from noivu.demo.generator import generate
from noivu.demo.models import DemoLoad
from noivu.organizations.models import Organization, OrganizationKind
from noivu.payroll.models import SalaryHistory
from noivu.personnel.models import Assignment, Person
from noivu.succession.models import TrainingCourse

AS_OF = "2026-11-28"
PASSWORD = "Mat-khau-demo-1"


def _demo(*args: str, **options) -> str:
    out = io.StringIO()
    options.setdefault("as_of", dt.date.fromisoformat(AS_OF))
    options.setdefault("password", PASSWORD)
    call_command("demo", *args, stdout=out, **options)
    return out.getvalue()


@pytest.mark.django_db
def test_load_builds_a_valid_tree_with_people_and_users():
    output = _demo(size="small", persons=300)

    assert Organization.find_problems() == ([], [], [], [], [])
    data = generate("small", 1, as_of=dt.date.fromisoformat(AS_OF), persons=300)
    assert Organization.objects.count() == len(data.nodes)
    root = Organization.objects.get(code="VN")
    assert root.is_root() and root.name == "Chính phủ" and root.kind == OrganizationKind.GOVERNMENT
    for org in Organization.objects.filter(code__in=["VN", "T01", "T01-SNV", "X00004"]):
        assert org.numchild == org.get_children().count()
        assert org.depth == len(org.path) // 4
    commune = Organization.objects.get(code="X00004")
    assert (commune.name, commune.admin_unit_code, commune.get_parent().code) == (
        "UBND phường Ba Đình",
        "00004",
        "T01",
    )
    assert commune.name_folded == "ubnd phuong ba dinh"

    assert Person.objects.count() == 300
    for person in Person.objects.select_related("organization")[:50]:
        career = list(person.assignments.order_by("effective_from"))
        current = career[-1]
        assert (current.organization_id, current.category) == (person.organization_id, person.category)
        # A person the apps' demo steps made leave (streamlined) keeps the assignment they left.
        assert all(a.is_primary for a in career)
        assert current.effective_to is None or current.effective_to < dt.date.fromisoformat(AS_OF)
        assert current.effective_from >= person.organization.effective_from
        # The career starts on the recruitment date, without gaps.
        assert career[0].effective_from == person.recruited_on
        for before, after in zip(career, career[1:], strict=False):
            assert before.effective_to == after.effective_from - dt.timedelta(days=1)

    # Every course was taken by the as-of date and ends on or after its start (the model's own rule).
    courses = TrainingCourse.objects.unrestricted()
    assert courses.exists()
    assert not courses.filter(end_date__lt=F("start_date")).exists()
    assert not courses.filter(start_date__gt=dt.date.fromisoformat(AS_OF)).exists()

    # The id sequences were moved past the loaded rows.
    extra = Person.objects.create(
        full_name="Người Mới",
        birth_date=dt.date(1990, 1, 1),
        gender="M",
        organization=commune,
        category="civil_servant",
    )
    assert extra.pk > max(Person.objects.exclude(pk=extra.pk).values_list("pk", flat=True))

    hr = User.objects.get(username="demo.nhansu")
    assert hr.check_password(PASSWORD)
    assert Grant.objects.filter(user=hr, role=Role.HR_OFFICER, organization__code="T01").exists()
    assert Grant.objects.get(user__username="demo.quantri").organization == root
    assert set(Grant.objects.values_list("role", flat=True)) == set(Role.values)
    assert "demo.nhansu" in output and PASSWORD in output


@pytest.mark.django_db
def test_second_run_adds_nothing_and_another_size_is_refused():
    _demo(size="small", persons=200)
    counts = (
        Organization.objects.count(),
        Person.objects.count(),
        User.objects.count(),
        Grant.objects.count(),
    )

    output = _demo(size="small", persons=200)

    assert "không làm gì thêm" in output
    assert (
        Organization.objects.count(),
        Person.objects.count(),
        User.objects.count(),
        Grant.objects.count(),
    ) == counts
    with pytest.raises(CommandError, match="--replace"):
        _demo(size="province", persons=200)
    assert DemoLoad.objects.count() == 1


@pytest.mark.django_db
def test_replace_wipes_and_reloads():
    _demo(size="small", persons=200)
    before = set(Person.objects.values_list("cccd_number", flat=True))

    _demo(size="small", seed=2, persons=150, replace=True)

    assert Person.objects.count() == 150
    assert (
        SalaryHistory.objects.count()
        and not SalaryHistory.objects.exclude(person__in=Person.objects.all()).exists()
    )
    assert set(Person.objects.values_list("cccd_number", flat=True)) != before
    assert DemoLoad.objects.get().seed == 2
    assert Organization.find_problems() == ([], [], [], [], [])


@pytest.mark.django_db
def test_refuses_to_mix_with_real_organisations(tree):
    with pytest.raises(CommandError, match="không thuộc dữ liệu mẫu"):
        _demo(size="small", persons=10)
    assert not DemoLoad.objects.exists()


@pytest.mark.django_db
def test_a_failure_leaves_nothing_behind(monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(loader, "_create_users", broken)
    with pytest.raises(RuntimeError):
        _demo(size="small", persons=100)
    assert not Organization.objects.exists()
    assert not Person.objects.exists()
    assert not DemoLoad.objects.exists()


def _structures(table: str) -> set[tuple[str, str]]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s", [table])
        indexes = set(cursor.fetchall())
        cursor.execute(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = %s::regclass",
            [table],
        )
        # The foreign keys come back NOT VALID (enforced from then on, the loaded rows not re-read).
        return indexes | {
            (name, definition.removesuffix(" NOT VALID")) for name, definition in cursor.fetchall()
        }


@pytest.mark.django_db
def test_bulk_mode_restores_indexes_and_constraints_also_when_replacing(monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("bulk mode is specific to PostgreSQL")
    from noivu.core.extensions import demo_steps

    step_tables = [model for step in demo_steps for model in step.tables]
    assert step_tables  # the evaluation and positions steps declare theirs
    tables = [model._meta.db_table for model in (*loader.PERSON_TABLES, *step_tables)]
    before = {t: _structures(t) for t in tables}
    monkeypatch.setattr(loader, "BULK_THRESHOLD", 1)

    _demo(size="small", persons=300)
    assert {t: _structures(t) for t in tables} == before
    assert Person.objects.count() == 300

    _demo(size="small", seed=3, persons=250, replace=True)
    assert {t: _structures(t) for t in tables} == before
    assert Person.objects.count() == 250
    assert not Assignment.objects.exclude(person__in=Person.objects.all()).exists()


@pytest.mark.django_db
def test_bulk_mode_keeps_the_statistics_targets_of_indexes(monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("bulk mode is specific to PostgreSQL")

    def targets() -> set[tuple[str, int]]:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT a.attrelid::regclass::text, a.attstattarget FROM pg_attribute a "
                "JOIN pg_index i ON i.indexrelid = a.attrelid "
                "WHERE i.indrelid = %s::regclass AND a.attstattarget > 0",
                [Person._meta.db_table],
            )
            return set(cursor.fetchall())

    before = targets()
    assert ("person_without_surname_bytewise", 1000) in before
    monkeypatch.setattr(loader, "BULK_THRESHOLD", 1)
    _demo(size="small", persons=200)
    assert targets() == before


@pytest.mark.django_db
def test_registered_demo_steps_load_in_order_and_clear_before_a_replace():
    from noivu.core.extensions import DemoContext, DemoStep, demo_steps

    calls: list[tuple[str, object]] = []

    def load_step(name: str):
        def load(context: DemoContext) -> str:
            calls.append((name, (context.size, context.persons, Person.objects.count())))
            return f"{name} loaded"

        return load

    demo_steps.register(
        DemoStep("test-second", 9_002, load_step("second"), lambda root: calls.append(("clear", root)))
    )
    demo_steps.register(DemoStep("test-first", 9_001, load_step("first")))
    try:
        output = _demo(size="small", persons=120)
        assert calls == [("first", ("small", 120, 120)), ("second", ("small", 120, 120))]
        assert output.index("first loaded") < output.index("second loaded")
        root_path = DemoLoad.objects.get().root_path
        calls.clear()
        _demo(size="small", persons=100, replace=True)
        assert calls[0] == ("clear", root_path)
    finally:
        demo_steps.unregister("test-second")
        demo_steps.unregister("test-first")


@pytest.mark.django_db
def test_every_demo_record_starts_its_change_history_with_its_creation():
    from noivu.personnel.records.history import change_history

    _demo(size="small", persons=120)
    created = Person.history.filter(history_type="+")
    assert sorted(created.values_list("id", flat=True)) == sorted(Person.objects.values_list("id", flat=True))
    person = Person.objects.order_by("id").first()
    first = created.get(id=person.pk)
    assert (first.full_name, first.birth_date, first.organization_id) == (
        person.full_name,
        person.birth_date,
        person.organization_id,
    )
    entries = change_history(person, personal_data=True)
    assert entries[-1].kind == "created" and entries[-1].subject == "Thông tin cá nhân"
    assert entries[-1].reason == "Nạp dữ liệu mẫu"

    _demo(size="small", seed=2, persons=80, replace=True)
    # A replaced load leaves no history behind for the ids the new records take again.
    ids = sorted(Person.objects.values_list("id", flat=True))
    assert sorted(Person.history.filter(history_type="+").values_list("id", flat=True)) == ids
    assert set(Person.history.values_list("id", flat=True)) == set(ids)


@pytest.mark.django_db
def test_a_december_demo_proposes_the_next_years_raises_after_its_locked_month():
    from noivu.payroll.models import PayrollRun, RaiseProposal

    _demo(size="small", persons=300, as_of=dt.date(2026, 12, 15))

    locked = PayrollRun.objects.unrestricted().filter(locked_at__isnull=False)
    assert {run.month for run in locked} == {dt.date(2026, 12, 1)}
    proposal = RaiseProposal.objects.unrestricted().get()
    assert proposal.year == 2027
    starts = [item.effective_from for item in proposal.items.all()]
    assert starts and min(starts) >= dt.date(2027, 1, 1)


@pytest.mark.django_db
def test_the_demo_recognises_initiatives_in_line_with_the_ratings():
    from noivu.awards.models import Initiative, InitiativeLevel
    from noivu.evaluation.models import Evaluation

    _demo(size="small", persons=600)

    initiatives = Initiative.objects.unrestricted().all()
    assert initiatives.count() > 0
    assert InitiativeLevel.GRASSROOTS in set(initiatives.values_list("level", flat=True))
    as_of = dt.date.fromisoformat(AS_OF)
    for row in initiatives[:100]:
        assert row.recognised_on <= as_of and row.title and row.decision_number.endswith("/QĐ-CNSK")
        # Each initiative is of a year the person was rated "hoàn thành tốt" or better.
        rating = Evaluation.objects.unrestricted().get(
            person=row.person_id, year=row.recognised_on.year, period_kind="year"
        )
        assert rating.rating in ("HTXS", "HTT")
    # Every higher level rests on a "hoàn thành xuất sắc" year.
    higher = initiatives.exclude(level=InitiativeLevel.GRASSROOTS)
    for row in higher:
        rating = Evaluation.objects.unrestricted().get(
            person=row.person_id, year=row.recognised_on.year, period_kind="year"
        )
        assert rating.rating == "HTXS"

    # The province's council met on 2025 through the actions: decided, two awarded, one short of the vote.
    from noivu.awards.models import CouncilSession, SessionStatus

    decided = CouncilSession.objects.unrestricted().get(status=SessionStatus.DECIDED)
    assert (decided.organization.code, decided.year) == ("T01", 2025)
    assert decided.decision_number and decided.signer and decided.decided_on >= decided.held_on
    nominees = list(decided.nominees.select_related("award"))
    assert len(nominees) == 3 and all(n.votes_needed for n in nominees)
    refused = [n for n in nominees if not n.passed]
    assert len(refused) == 1 and refused[0].yes_votes < refused[0].votes_needed and refused[0].award is None
    for nominee in nominees:
        if nominee.passed:
            assert nominee.reward > 0 and nominee.award.decision_number == decided.decision_number
            assert nominee.award.person_id == nominee.person_id
    waiting = CouncilSession.objects.unrestricted().get(status=SessionStatus.OPEN)
    assert waiting.nominees.exists() and not waiting.nominees.filter(passed__isnull=False).exists()

    # The units are rated from their staff's ratings, so that the province's screening of 2025 proposes
    # collectives for Tập thể lao động tiên tiến.
    from noivu.awards import engine
    from noivu.evaluation.models import UnitEvaluation

    province = decided.organization
    units = UnitEvaluation.objects.unrestricted().filter(organization__path__startswith=province.path)
    assert units.filter(year=2025).exists()
    _individual, collective = engine.scope_screening(
        Person.objects.unrestricted().filter(organization__path__startswith=province.path),
        units,
        2025,
        dt.date(2026, 1, 15),
    )
    eligible = collective.results.filter(collective.results["eligible"])
    assert "TTLDTT" in set(eligible["title"].to_list())
