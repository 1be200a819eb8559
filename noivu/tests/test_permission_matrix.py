"""Every web route and every API operation × every role × an object inside and outside the user's scope.

Generated from the URL configuration and the OpenAPI document against the declarations of
``permission_matrix``: a route or operation without an entry fails. Each role is granted over province A;
province B's data must never appear in an answer (no leak), its objects are a 404 (or a 403 where the
role lacks the right altogether), and a refused write leaves the database unchanged (no write).
"""

import datetime as dt
import json
from collections.abc import Iterator
from typing import Any

import pytest
from django.apps import apps
from django.db import connection, transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from conftest import make_org, make_person, make_user
from noivu.accounts.models import ApiToken
from noivu.admin_units.arrangement.models import ArrangementPlan
from noivu.api import api
from noivu.awards.models import CouncilMember, CouncilSession, Nominee
from noivu.core.models import AuditEvent, Job, SavedFilter
from noivu.core.permissions import ROLE_ACTIONS, Action, Role
from noivu.legislation.models import DraftDocument, DraftingStep, Programme
from noivu.legislation.progress import plan_steps
from noivu.organizations.models import OrganizationKind, OrganizationLevel
from noivu.personnel.dossier.models import FamilyRelation
from noivu.personnel.models import ConversionStatus, PersonAddress
from noivu.religion.tests.factories import matrix_world as religion_world
from noivu.tests.permission_matrix import (
    CREATOR,
    CREATOR_OR_ADMINISTRATOR,
    NATIONAL,
    OPERATIONS,
    ROUTES,
    SIGNED_IN,
    Entry,
    World,
)

SIDES = ("in", "out")
# What only province B holds: none of it may appear in an answer to a user of province A.
OUT_OF_SCOPE_MARKERS = (
    "Lê Đức Dũng",
    "079085099999",
    "Sở Nội vụ tỉnh B",
    "UBND tỉnh B",
    "Số nhà B",
    "Giáo hội tỉnh B",
    "Chùa tỉnh B",
    "Văn bản tỉnh B",
    "Câu hỏi tỉnh B",
    "Hội nghị tỉnh B",
    "Đề nghị nâng bậc tỉnh B",
)
REFUSED = (403, 404)
# Ninja's own routes (the document and its viewer) and the redirect to them carry no data of a unit.
NOT_ROUTES = {"api:openapi-json", "api:openapi-view", "api:api-root", None}


def _walk(patterns: list[Any], namespace: str | None = None) -> Iterator[str | None]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from _walk(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern):
            yield f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name


def web_routes() -> list[str]:
    """The named routes of the site, except the API's (covered through its OpenAPI document)."""
    names = {name for name in _walk(get_resolver().url_patterns) if name not in NOT_ROUTES}
    return sorted(name for name in names if name is not None and not name.startswith("api:"))


def api_operations() -> dict[str, tuple[str, str]]:
    """operationId → (method, path template) of every operation of the OpenAPI document."""
    document = api.get_openapi_schema()
    return {
        operation["operationId"]: (method.upper(), path)
        for path, methods in document["paths"].items()
        for method, operation in methods.items()
    }


def test_every_route_and_operation_has_an_entry():
    missing_routes = sorted(set(web_routes()) - set(ROUTES))
    missing_operations = sorted(set(api_operations()) - set(OPERATIONS))
    assert not missing_routes and not missing_operations, (
        "Add these to noivu/tests/permission_matrix.py (which right they need, how to build their "
        f"arguments): routes {missing_routes}, API operations {missing_operations}"
    )
    stale = sorted(set(ROUTES) - set(web_routes())) + sorted(set(OPERATIONS) - set(api_operations()))
    assert not stale, f"Entries of permission_matrix.py for routes that no longer exist: {stale}"


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker) -> Iterator[World]:
    """Province A (the users' scope) and province B, each with a person, a duplicate, an address,
    a job and an API token; one user per role granted over province A. Built once for the module and
    rolled back after it; each test runs in its own savepoint."""
    with django_db_blocker.unblock(), transaction.atomic():
        root = make_org(None, "VN", "Chính phủ", OrganizationKind.GOVERNMENT, OrganizationLevel.CENTRAL)
        org = {}
        for side, code, letter in (("in", "T01", "A"), ("out", "T02", "B")):
            province = make_org(
                root,
                code,
                f"UBND tỉnh {letter}",
                OrganizationKind.PROVINCE_COMMITTEE,
                OrganizationLevel.PROVINCE,
            )
            org[side] = make_org(
                province,
                f"{code}-SNV",
                f"Sở Nội vụ tỉnh {letter}",
                OrganizationKind.DEPARTMENT,
                OrganizationLevel.PROVINCE,
            )
        people = {
            "in": make_person(org["in"], "Nguyễn Văn An", cccd_number="001085012345"),
            "out": make_person(org["out"], "Lê Đức Dũng", cccd_number="079085099999"),
        }
        twins = {
            "in": make_person(org["in"], "Nguyễn Văn An", birth_date=dt.date(1985, 5, 17)),
            "out": make_person(org["out"], "Lê Đức Dũng", birth_date=dt.date(1985, 5, 17)),
        }
        owners = {
            "in": make_user("owner_a", Role.HR_OFFICER, org["in"]),
            "out": make_user("hr_b", Role.HR_OFFICER, org["out"]),
        }
        addresses = {
            side: PersonAddress.objects.create(
                person=people[side],
                kind="permanent",
                detail=f"Số nhà {letter}",
                conversion_status=ConversionStatus.AMBIGUOUS,
                conversion_candidates=[{"code": "00001", "name": "Xã Một", "is_default": False}],
            )
            for side, letter in (("in", "A"), ("out", "B"))
        }
        family = {
            side: FamilyRelation.objects.create(person=people[side], relation="father", full_name="Họ Tên Bố")
            for side in SIDES
        }
        users = {role: make_user(f"role_{role}", role, org["in"]) for role in Role.values}
        programmes = {
            side: Programme.objects.create(organization=org[side], name=f"Chương trình {side}", year=2025)
            for side in SIDES
        }
        draft_documents = {
            side: DraftDocument.objects.create(
                programme=programmes[side],
                organization=org[side],
                kind="decision",
                title=f"Văn bản tỉnh {letter}",
                deadline=dt.date(2025, 6, 30),
                number=f"01/2025/QĐ-UBND{letter}",
                issued_on=dt.date(2025, 1, 1),
            )
            for side, letter in (("in", "A"), ("out", "B"))
        }
        helpdesk = helpdesk_world(org)
        for side in SIDES:
            for index, item in enumerate(plan_steps(dt.date(2025, 6, 30), dt.date(2025, 1, 1))):
                DraftingStep.objects.create(
                    document=draft_documents[side], step=item.step, position=index, planned_on=item.planned_on
                )
        staffing = staffing_world(org, people)
        evaluation = evaluation_world(org, people)
        recruitment = recruitment_world(org)
        succession = succession_world(org, people, twins)
        payroll = payroll_world(org, people)
        positions = positions_world(org, people)
        awards = awards_world(org)
        religion = religion_world(org)
        edossier = edossier_world(people, owners)
        plans = {
            side: ArrangementPlan.objects.create(
                organization=org[side],
                name=f"Phương án sắp xếp {org[side].name}",
                regime="two_tier",
                parent_code="01",
                as_of=dt.date(2025, 8, 1),
                period="2025",
            )
            for side in SIDES
        }
        yield {
            **religion,
            "organization": org,
            "person": people,
            "twin": twins,
            "address": addresses,
            "family": family,
            "job": {
                side: Job.objects.create(kind="personnel-import", created_by=owners[side]) for side in SIDES
            },
            "recruitment_import_job": {
                side: Job.objects.create(kind="recruitment-candidates-import", created_by=owners[side])
                for side in SIDES
            },
            "award_screening_job": {
                side: Job.objects.create(
                    kind="awards.screening",
                    params={"organization": org[side].pk, "year": 2025, "decided_on": "2026-01-15"},
                    created_by=owners[side],
                )
                for side in SIDES
            },
            "token": {side: ApiToken.issue(owners[side], f"khóa {side}")[0] for side in SIDES},
            "saved_filter": {
                side: SavedFilter.objects.create(
                    user=owners[side], list_key="persons", name=side, query="q=an"
                )
                for side in SIDES
            },
            "users": users,
            "programme": programmes,
            "draft_document": draft_documents,
            **staffing,
            **evaluation,
            **recruitment,
            **succession,
            **payroll,
            **positions,
            **awards,
            "plan": plans,
            **helpdesk,
            **edossier,
        }
        transaction.set_rollback(True)


def helpdesk_world(org: dict[str, Any]) -> dict[str, Any]:
    """A question with a file, a published answer and a training session with a material per province."""
    from django.core.files.base import ContentFile

    from noivu.helpdesk.models import Article, Attachment, Event, EventMaterial, Question

    keys = ("question", "attachment", "article", "guidance_event", "material")
    world: dict[str, Any] = {key: {} for key in keys}
    for side, letter in (("in", "A"), ("out", "B")):
        question = Question.objects.create(
            organization=org[side],
            channel="web",
            asker_kind="citizen",
            asker_name=f"Người hỏi {letter}",
            contact_email=f"hoi{letter}@example.com",
            subject=f"Câu hỏi tỉnh {letter}",
            body="Nội dung",
            received_on=dt.date(2025, 1, 2),
            due_on=dt.date(2025, 1, 15),
        )
        world["question"][side] = question
        world["attachment"][side] = Attachment.objects.create(
            question=question, file=ContentFile(b"%PDF-1", name=f"tep-{side}.pdf"), name="tep.pdf", size=6
        )
        world["article"][side] = Article.objects.create(
            organization=org[side],
            source="faq",
            topic="salary",
            question=f"Hỏi đáp công bố {side}",
            answer="Trả lời",
            published_on=dt.date(2025, 1, 20),
            vector=b"",
            folded_vector=b"",
        )
        event = Event.objects.create(
            organization=org[side],
            kind="training",
            title=f"Hội nghị tỉnh {letter}",
            topic="salary",
            held_on=dt.date(2025, 3, 1),
        )
        world["guidance_event"][side] = event
        world["material"][side] = EventMaterial.objects.create(
            event=event, title="Tài liệu", file=ContentFile(b"%PDF-1", name=f"tl-{side}.pdf"), size=6
        )
    return world


def payroll_world(org: dict[str, Any], people: dict[str, Any]) -> dict[str, Any]:
    """A salary step per person and a draft payroll per province."""
    from decimal import Decimal

    from noivu.payroll.models import PayrollRun, SalaryHistory, SalaryScenario

    for side in SIDES:
        SalaryHistory.objects.create(
            person=people[side],
            step=1,
            coefficient=Decimal("2.34"),
            effective_from=dt.date(2020, 1, 1),
            salary_table="bang_2_cong_chuc",
            salary_group="A1",
        )
    totals = {"baseline": 0, "scenario": 0, "difference": 0}
    results = {
        "persons": 0,
        "base_salary": 2340000,
        "scenario_base_salary": 2530000,
        "monthly": totals,
        "yearly": totals,
        "by_unit": [],
        "by_category": [],
        "by_group": [],
    }
    world = raise_proposals_world(org, people)
    return {
        **world,
        "scenario": {
            side: SalaryScenario.objects.create(
                organization=org[side],
                name=f"Phương án {side}",
                starts_on=dt.date(2026, 7, 1),
                results=results,
            )
            for side in SIDES
        },
        "payroll_run": {
            side: PayrollRun.objects.create(
                organization=org[side], month=dt.date(2026, 6, 1), base_salary=2340000
            )
            for side in SIDES
        },
    }


def raise_proposals_world(org: dict[str, Any], people: dict[str, Any]) -> dict[str, Any]:
    """A step-raise proposal awaiting approval, an approved one and a returned one, with its person, per
    province: the
    person's raise from step 1 to step 2 due on 1/1/2023."""
    from decimal import Decimal

    from noivu.payroll.models import ProposalStatus, RaiseProposal, RaiseProposalItem

    world: dict[str, Any] = {
        "raise_proposal": {},
        "raise_approved": {},
        "raise_returned": {},
        "raise_item": {},
    }
    for side, letter in (("in", "A"), ("out", "B")):
        for key, status in (
            ("raise_proposal", "submitted"),
            ("raise_approved", "approved"),
            ("raise_returned", "returned"),
        ):
            proposal = RaiseProposal.objects.create(
                organization=org[side],
                year=2023,
                title=f"Đề nghị nâng bậc tỉnh {letter}",
                status=status,
                proposed_on=dt.date(2023, 1, 5),
                decision_number="9/QĐ" if status == ProposalStatus.APPROVED else "",
                decision_date=dt.date(2023, 1, 20) if status == ProposalStatus.APPROVED else None,
            )
            item = RaiseProposalItem.objects.create(
                proposal=proposal,
                person=people[side],
                kind="regular",
                scale="bang_2_cong_chuc.A1",
                step=1,
                coefficient=Decimal("2.34"),
                clock_from=dt.date(2020, 1, 1),
                regular_due=dt.date(2023, 1, 1),
                effective_from=dt.date(2023, 1, 1),
                new_step=2,
                new_coefficient=Decimal("2.67"),
            )
            world[key][side] = proposal
            if key == "raise_approved":
                world["raise_item"][side] = item
    return world


def evaluation_world(org: dict[str, Any], people: dict[str, Any]) -> dict[str, Any]:
    """A self-assessed evaluation of 2025 and a task per province."""
    from noivu.evaluation.models import Evaluation, Task

    return {
        "evaluation": {
            side: Evaluation.objects.create(
                person=people[side],
                organization=org[side],
                year=2025,
                period_kind="year",
                category="civil_servant",
                regime="ND90_2020",
                status="self_assessed",
                self_rating="HTT",
            )
            for side in SIDES
        },
        "task": {
            side: Task.objects.create(
                organization=org[side],
                owner=people[side],
                title="Thẩm định hồ sơ",
                target_quantity=10,
                start_date=dt.date(2026, 1, 5),
                deadline=dt.date(2026, 12, 31),
            )
            for side in SIDES
        },
    }


def recruitment_world(org: dict[str, Any]) -> dict[str, Any]:
    """An approved recruitment plan per province with a scored candidate under a pending appeal and an
    unscored one."""
    from noivu.recruitment.models import Appeal
    from noivu.recruitment.tests import factories

    world: dict[str, Any] = {
        key: {} for key in ("recruitment_plan", "candidate", "fresh_candidate", "appeal")
    }
    for side in SIDES:
        plan = factories.plan(org[side], title=f"Tuyển dụng {side}")
        scored = factories.candidate(plan, "Nguyễn Văn Một", "001098000001", score=60, number="0001")
        world["recruitment_plan"][side] = plan
        world["candidate"][side] = scored
        world["fresh_candidate"][side] = factories.candidate(
            plan, "Nguyễn Văn Hai", "001098000002", number="0002"
        )
        world["appeal"][side] = Appeal.objects.create(
            candidate=scored, part="professional", requested_on=dt.date(2027, 1, 20), old_value=60
        )
    return world


def succession_world(org: dict[str, Any], people: dict[str, Any], twins: dict[str, Any]) -> dict[str, Any]:
    """A planning pool with a candidate, a course with an enrolment, a mentoring pair and a handover with
    an item per province."""
    from noivu.succession.models import (
        Course,
        Enrolment,
        Handover,
        HandoverItem,
        MentoringPair,
        PlanningPool,
        PoolCandidate,
    )

    world: dict[str, Any] = {
        key: {}
        for key in ("pool", "pool_candidate", "course", "enrolment", "pair", "handover", "handover_item")
    }
    for side in SIDES:
        pool = PlanningPool.objects.create(
            organization=org[side],
            position_title="Giám đốc",
            level="department_head",
            term_start=2026,
            term_end=2031,
        )
        world["pool"][side] = pool
        world["pool_candidate"][side] = PoolCandidate.objects.create(
            pool=pool, person=people[side], added_on=dt.date(2026, 1, 5)
        )
        course = Course.objects.create(
            organization=org[side],
            name="Bồi dưỡng theo vị trí việc làm",
            programme="job",
            start_date=dt.date(2026, 3, 2),
            end_date=dt.date(2026, 3, 6),
            periods=40,
        )
        world["course"][side] = course
        world["enrolment"][side] = Enrolment.objects.create(course=course, person=people[side])
        world["pair"][side] = MentoringPair.objects.create(
            mentor=twins[side], mentee=people[side], goals="Chủ trì họp", start_date=dt.date(2026, 1, 5)
        )
        handover = Handover.objects.create(
            person=people[side], reason="retirement", due_on=dt.date(2026, 12, 31)
        )
        world["handover"][side] = handover
        world["handover_item"][side] = HandoverItem.objects.create(handover=handover, title="Hồ sơ")
    return world


def staffing_world(org: dict[str, Any], people: dict[str, Any]) -> dict[str, Any]:
    """A proposed quota, a proposed rename, a unit's details and a proposed streamlining case per province."""
    from noivu.staffing.models import (
        OrganizationProfile,
        RestructuringEvent,
        StaffingQuota,
        StreamliningCase,
    )

    for side in SIDES:
        OrganizationProfile.objects.create(organization=org[side], organization_type="administrative")
    return {
        "quota": {
            side: StaffingQuota.objects.create(
                organization=org[side],
                category="civil_servant",
                quantity=12,
                year=2026,
                effective_from=dt.date(2026, 1, 1),
                effective_to=dt.date(2026, 12, 31),
            )
            for side in SIDES
        },
        "event": {
            side: RestructuringEvent.objects.create(
                kind="rename",
                organization=org[side],
                old_name=org[side].name,
                new_name="Sở Nội vụ và Lao động",
                effective_date=dt.date(2026, 1, 1),
            )
            for side in SIDES
        },
        "case": {
            side: StreamliningCase.objects.create(
                person=people[side],
                organization=org[side],
                category="civil_servant",
                ground="job_position",
                policy="resignation",
                case_date=dt.date(2026, 1, 5),
                leave_date=dt.date(2026, 3, 1),
                regime="nd154_2025",
                salary_current=10_000_000,
                si_years=12,
                months_to_retirement=200,
                benefit_total=210_000_000,
            )
            for side in SIDES
        },
    }


def positions_world(org: dict[str, Any], people: dict[str, Any]) -> dict[str, Any]:
    """A draft job-position project with a placed person and a campaign per province."""
    from noivu.positions.models import (
        Campaign,
        CatalogPosition,
        PositionHolder,
        PositionProject,
        ProjectPosition,
    )

    head = CatalogPosition.objects.create(
        code="LD01", name="Giám đốc", group="leadership", staff_kind="civil_servant", leadership_role="head"
    )
    CatalogPosition.objects.create(code="HT01", name="Văn thư", group="support", staff_kind="civil_servant")
    world: dict[str, Any] = {
        "position_project": {},
        "position_holder": {},
        "position_campaign": {},
        "council": {},
        "council_decided": {},
        "nominee": {},
        "council_member": {},
    }
    for side in SIDES:
        project = PositionProject.objects.create(
            organization=org[side], staff_kind="civil_servant", title=f"Đề án {side}"
        )
        position = ProjectPosition.objects.create(project=project, catalog=head, headcount=1)
        world["position_project"][side] = project
        world["position_holder"][side] = PositionHolder.objects.create(
            project=project, position=position, person=people[side]
        )
        campaign = Campaign.objects.create(
            organization=org[side],
            title=f"Đợt {side}",
            staff_kind="civil_servant",
            opened_on=dt.date(2026, 1, 1),
            deadline=dt.date(2026, 3, 31),
        )
        campaign.agencies.set([org[side]])
        world["position_campaign"][side] = campaign
        world["council"][side] = CouncilSession.objects.create(
            organization=org[side], year=2025, held_on=dt.date(2026, 1, 15), members=9
        )
        world["council_member"][side] = CouncilMember.objects.create(
            session=world["council"][side], name=f"Chủ tịch {side}", role="chair"
        )
        world["nominee"][side] = Nominee.objects.create(
            session=world["council"][side], person=people[side], title="LDTT"
        )
        decided = CouncilSession.objects.create(
            organization=org[side],
            year=2024,
            held_on=dt.date(2025, 1, 10),
            members=9,
            status="decided",
            decision_number=f"1/QĐ-{side}",
            decided_on=dt.date(2025, 1, 20),
            signer="Chủ tịch",
        )
        Nominee.objects.create(
            session=decided,
            person=people[side],
            title="LDTT",
            yes_votes=9,
            votes_needed=5,
            passed=True,
            reward=710_000,
        )
        world["council_decided"][side] = decided
    return world


def edossier_world(people: dict[str, Any], owners: dict[str, Any]) -> dict[str, Any]:
    """A waiting self-service proposal of each province's person, with the scan of a certificate; a consent
    in force that the person gave to another user of the other province."""
    from django.core.files.base import ContentFile

    from noivu.edossier.models import ChangeProposal, ConsentRequest

    proposals = {}
    for side in SIDES:
        proposal = ChangeProposal(
            person=people[side], kind="contacts", values={"phone": "0912345678", "email": ""}
        )
        proposal.attachment_name = "giay-to.pdf"
        proposal.attachment_type = "application/pdf"
        proposal.attachment.save("giay-to.pdf", ContentFile(b"%PDF-1.4"), save=False)
        proposal.save()
        proposals[side] = proposal
    consents = {
        side: ConsentRequest.objects.create(
            identifier=people[side].cccd_number,
            person=people[side],
            requested_by=owners["out" if side == "in" else "in"],
            purpose="Xác minh lý lịch để tiếp nhận",
            status="granted",
            expires_on=dt.date(2099, 12, 31),
        )
        for side in SIDES
    }
    return {"proposal": proposals, "consent": consents}


def awards_world(org: dict[str, Any]) -> dict[str, Any]:
    """An emulation movement of each province, its department taking part."""
    from noivu.awards.models import Movement

    movements = {}
    for side in SIDES:
        movements[side] = Movement.objects.create(
            organization=org[side],
            name=f"Phong trào {side}",
            year=2026,
            starts_on=dt.date(2026, 1, 1),
            ends_on=dt.date(2026, 12, 31),
        )
        movements[side].units.set([org[side]])
    return {"award_movement": movements}


def _fingerprint() -> list[tuple[Any, ...]]:
    """Row count and highest key of every table of the project's apps (the audit log aside: reads and
    refusals write it), read in one query and sorted by model, since PostgreSQL may return the parts
    of a UNION ALL in any order."""
    quote = connection.ops.quote_name
    parts = [
        f"SELECT '{model._meta.label}', COUNT(*), CAST(MAX({quote(model._meta.pk.column)}) AS TEXT) "
        f"FROM {quote(model._meta.db_table)}"
        for model in apps.get_models()
        if model.__module__.startswith("noivu.") and model is not AuditEvent and not model._meta.proxy
    ]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts))
        return sorted(cursor.fetchall(), key=lambda row: row[0])


def _allowed(requirement: str | None, role: str, side: str) -> bool:
    """Whether a user holding ``role`` over province A may, on an object of ``side``; the objects of
    CREATOR routes belong to another user of each province."""
    if requirement == CREATOR_OR_ADMINISTRATOR:
        return side == "in" and Action.ADMINISTER in ROLE_ACTIONS[role]
    if requirement in (None, NATIONAL, CREATOR):
        return False
    if requirement == SIGNED_IN:
        return True
    return side == "in" and requirement in ROLE_ACTIONS[role]


def _check_read(response: Any, entry: Entry, role: str, side: str) -> None:
    text = response.content.decode(errors="replace") if not response.streaming else ""
    leaked = [marker for marker in OUT_OF_SCOPE_MARKERS if marker in text]
    assert not leaked, f"{role} of province A sees {leaked}"
    if _allowed(entry.read, role, side):
        assert response.status_code < 400, response.status_code
    elif entry.read is not None:
        assert response.status_code in (*REFUSED, 302), response.status_code


def _cases(entries: dict[str, Entry]) -> list[Any]:
    return [
        pytest.param(name, role, side, id=f"{name}-{role}-{side}")
        for name, entry in entries.items()
        for role in Role.values
        for side in (SIDES if entry.args is not None or entry.body is not None else ("in",))
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "role", "side"), _cases(ROUTES))
def test_web_route(world, name, role, side):
    entry = ROUTES[name]
    client = Client()
    client.force_login(world["users"][role])
    url = reverse(name, kwargs=entry.args(world, side) if entry.args else None)
    if entry.read is not None:
        _check_read(client.get(url), entry, role, side)
    if entry.write is not None and not _allowed(entry.write, role, side):
        before = _fingerprint()
        response = client.post(url, {})
        assert response.status_code in (*REFUSED, 302), response.status_code
        assert _fingerprint() == before, f"{role} wrote through {name} ({side} of scope)"


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "role", "side"), _cases(OPERATIONS))
def test_api_operation(world, name, role, side):
    entry = OPERATIONS[name]
    method, path = api_operations()[name]
    client = Client()
    client.force_login(world["users"][role])
    url = path.format(**(entry.args(world, side) if entry.args else {}))
    if method == "GET":
        _check_read(client.get(url), entry, role, side)
        return
    body = entry.body(world, side) if entry.body else {}
    before = _fingerprint()
    response = client.generic(method, url, json.dumps(body), content_type="application/json")
    text = response.content.decode()
    assert not [marker for marker in OUT_OF_SCOPE_MARKERS if marker in text]
    if not _allowed(entry.write, role, side):
        assert response.status_code in (*REFUSED, 422), response.status_code
        assert _fingerprint() == before, f"{role} wrote through {name} ({side} of scope)"
