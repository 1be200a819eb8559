"""The permission matrix (ma trận phân quyền): for every web route and every API operation, what a request
needs and how to build its arguments for an object inside and outside the user's scope.

``test_permission_matrix`` walks the URL configuration and the OpenAPI document and fails for a route or
an operation without an entry here, so a new page or endpoint is covered as soon as it exists: add its
entry with the right its reads and its writes need, and how to build its arguments.

Requirements (``read`` for GET, ``write`` for POST):

* an :class:`~noivu.core.permissions.Action`: a role holding that action over the object's unit may;
* ``SIGNED_IN``: any signed-in user (their own data: the dashboard, API tokens, calculators);
* ``NATIONAL``: only a grant over the whole country (rule tables): no provincial role;
* ``CREATOR``: only the user who created the object (an API token, a saved filter), whatever their role;
* ``CREATOR_OR_ADMINISTRATOR``: the user who created the object (a background job) and an administrator
  of a unit where that user holds a grant;
* ``None``: the route does not answer that method (405, or the GET of a form-only URL is not tested).

``args(world, side)`` gives the URL keyword arguments (web) or path parameters (API) for the object of
``side`` ("in": province A, the user's; "out": province B); routes without an object have no ``args``:
for them only "nothing of province B in the answer" is checked.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from noivu.core.permissions import Action

SIGNED_IN = "signed_in"
NATIONAL = "national"
CREATOR = "creator"
CREATOR_OR_ADMINISTRATOR = "creator_or_administrator"

World = dict[str, Any]
Args = Callable[[World, str], dict[str, Any]]


@dataclass(frozen=True)
class Entry:
    read: str | None
    write: str | None = None
    args: Args | None = None
    body: Callable[[World, str], dict[str, Any]] | None = None


def person(world: World, side: str) -> dict[str, Any]:
    return {"pk": world["person"][side].pk}


def person_id(world: World, side: str) -> dict[str, Any]:
    return {"person_id": world["person"][side].pk}


def person_kind(kind: str) -> Args:
    return lambda world, side: {"pk": world["person"][side].pk, "kind": kind}


def family_row(world: World, side: str) -> dict[str, Any]:
    return {"pk": world["person"][side].pk, "kind": "family", "row_id": world["family"][side].pk}


def assignment(world: World, side: str) -> dict[str, Any]:
    person = world["person"][side]
    return {"pk": person.pk, "assignment_id": person.assignments.order_by("pk").first().pk}


def organization(world: World, side: str) -> dict[str, Any]:
    return {"pk": world["organization"][side].pk}


def council(world: World, side: str) -> dict[str, Any]:
    return {"pk": world["council"][side].pk}


def decided_council(world: World, side: str) -> dict[str, Any]:
    return {"pk": world["council_decided"][side].pk}


def award_movement(world: World, side: str) -> dict[str, Any]:
    return {"pk": world["award_movement"][side].pk}


def job(world: World, side: str) -> dict[str, Any]:
    return {"pk": world["job"][side].pk}


def address(world: World, side: str) -> dict[str, Any]:
    return {"pk": world["address"][side].pk}


def saved_filter(world: World, side: str) -> dict[str, Any]:
    return {"pk": world["saved_filter"][side].pk}


def plan(world: World, side: str) -> dict[str, Any]:
    return {"pk": world["plan"][side].pk}


def token(world: World, side: str) -> dict[str, Any]:
    return {"pk": world["token"][side].pk}


def programme(world: World, side: str) -> dict[str, Any]:
    return {"pk": world["programme"][side].pk}


def draft_document(world: World, side: str) -> dict[str, Any]:
    return {"pk": world["draft_document"][side].pk}


def catalogue_position(world: World, side: str) -> dict[str, Any]:
    from noivu.positions.models import CatalogPosition

    return {"pk": CatalogPosition.objects.get(code="HT01").pk}


def recruitment_plan_id(world: World, side: str) -> dict[str, Any]:
    return {"plan_id": world["recruitment_plan"][side].pk}


def probation_id(world: World, side: str) -> int:
    """A probation of the person of ``side``, made on first use (inside the test's savepoint)."""
    import datetime as dt

    from noivu.recruitment.models import Probation

    row, _created = Probation.objects.get_or_create(
        person=world["person"][side],
        defaults={"starts_on": dt.date(2026, 3, 1), "ends_on": dt.date(2027, 2, 28), "months": 12},
    )
    return row.pk


def recruitment_document_id(world: World, side: str) -> int:
    """A file of the candidate of ``side``, made on first use (inside the test's savepoint)."""
    from django.core.files.base import ContentFile

    from noivu.recruitment.models import ApplicationDocument

    found = ApplicationDocument.objects.filter(candidate=world["candidate"][side]).first()
    if found is None:
        found = ApplicationDocument.objects.create(
            candidate=world["candidate"][side],
            kind="degree",
            file=ContentFile(b"%PDF-1.4", name="bang.pdf"),
            name="bang.pdf",
            size=8,
            content_type="application/pdf",
        )
    return found.pk


def pk_of(key: str) -> Args:
    return lambda world, side: {"pk": world[key][side].pk}


def staffing(kind: str) -> Args:
    return lambda world, side: {"pk": world[kind][side].pk}


def staffing_id(kind: str, name: str) -> Args:
    return lambda world, side: {name: world[kind][side].pk}


def position_project(world: World, side: str) -> dict[str, Any]:
    return {"project_id": world["position_project"][side].pk}


def organization_code(world: World, side: str) -> dict[str, Any]:
    return {"code": world["organization"][side].code}


def religion_dossier(world: World, side: str) -> dict[str, Any]:
    return {"pk": world["dossier"][side].pk}


def religion_incident(world: World, side: str) -> dict[str, Any]:
    return {"pk": world["incident"][side].pk}


def registry_record(world: World, side: str) -> dict[str, Any]:
    return {"kind": "places", "pk": world["place"][side].pk}


ROUTES: dict[str, Entry] = {
    "reports:dashboard": Entry(read=SIGNED_IN),
    # The statistical reports read only within the user's scope, whatever report is asked: any official (the
    # exports need Action.EXPORT somewhere, which every role holds).
    "reports:statistics": Entry(read=SIGNED_IN),
    "reports:statistic": Entry(read=SIGNED_IN, args=lambda world, side: {"key": "personnel-quality"}),
    "reports:statistic_persons": Entry(read=SIGNED_IN, args=lambda world, side: {"key": "personnel-quality"}),
    "reports:statistic_excel": Entry(read=SIGNED_IN, args=lambda world, side: {"key": "personnel-quality"}),
    "reports:statistic_pdf": Entry(read=SIGNED_IN, args=lambda world, side: {"key": "personnel-quality"}),
    "core:rules": Entry(read=NATIONAL, write=NATIONAL),
    "core:jobs": Entry(read=SIGNED_IN),
    "core:tree_choices": Entry(read=SIGNED_IN, args=lambda world, side: {"source": "organization"}),
    "core:job": Entry(read=CREATOR_OR_ADMINISTRATOR, args=job),
    "core:job_rerun": Entry(read=None, write=CREATOR, args=job),
    "core:save_filter": Entry(read=None, write=SIGNED_IN),
    "core:delete_saved_filter": Entry(read=None, write=CREATOR, args=saved_filter),
    # The health check answers everyone, signed in or not: the proxy and the monitoring have no account.
    "core:health": Entry(read=None),
    "accounts:login": Entry(read=None),
    "accounts:logout": Entry(read=None),
    "accounts:language": Entry(read=None),
    "set_language": Entry(read=None),
    "accounts:tokens": Entry(read=SIGNED_IN),
    "accounts:revoke_token": Entry(read=None, write=CREATOR, args=token),
    "organizations:tree": Entry(read=SIGNED_IN),
    "organizations:detail": Entry(read=Action.VIEW, args=organization),
    "organizations:children": Entry(read=Action.VIEW, args=organization),
    "personnel:list": Entry(read=SIGNED_IN),
    "personnel:export": Entry(read=Action.EXPORT),
    # Reads of the rows selected in the list, posted: an export, and the 2C CVs on one page.
    "personnel:export_selected": Entry(read=None, write=Action.EXPORT),
    "personnel:print_cvs": Entry(read=None, write=Action.VIEW),
    "personnel:import": Entry(read=Action.CHANGE, write=Action.CHANGE),
    "personnel:import_template": Entry(read=Action.CHANGE),
    "personnel:import_result": Entry(read=CREATOR_OR_ADMINISTRATOR, args=job),
    # The world's job has no error workbook: the page answers 404 to whoever may follow the job.
    "personnel:import_errors": Entry(read=CREATOR, args=job),
    "personnel:detail": Entry(read=Action.VIEW, args=person),
    "personnel:history": Entry(read=Action.VIEW, args=person),
    "personnel:create": Entry(read=Action.CHANGE, write=Action.CHANGE),
    "personnel:edit": Entry(read=Action.CHANGE, write=Action.CHANGE, args=person),
    "personnel:assignment_edit": Entry(read=Action.CHANGE, write=Action.CHANGE, args=assignment),
    "personnel:assignment_delete": Entry(read=Action.CHANGE, write=Action.CHANGE, args=assignment),
    "personnel:cv": Entry(read=Action.VIEW, args=person),
    "personnel:dossier": Entry(read=Action.VIEW, args=person),
    "personnel:dossier_list": Entry(read=Action.VIEW, args=person_kind("family")),
    "personnel:dossier_add": Entry(read=Action.CHANGE, write=Action.CHANGE, args=person_kind("family")),
    "personnel:dossier_edit": Entry(read=Action.CHANGE, write=Action.CHANGE, args=family_row),
    "personnel:dossier_delete": Entry(read=Action.CHANGE, write=Action.CHANGE, args=family_row),
    "personnel:retirements": Entry(read=SIGNED_IN),
    "personnel:retirements_export": Entry(read=Action.EXPORT),
    "personnel:duplicates": Entry(read=Action.CHANGE),
    "personnel:merge": Entry(read=None, write=Action.CHANGE),
    "personnel:merges": Entry(read=Action.CHANGE),
    "personnel:addresses": Entry(read=Action.CHANGE),
    "personnel:addresses_convert": Entry(read=None, write=Action.CHANGE),
    "personnel:address_choose": Entry(read=None, write=Action.CHANGE, args=address),
    "personnel:person_addresses": Entry(read=Action.CHANGE, write=Action.CHANGE, args=person),
    "legislation:programmes": Entry(read=SIGNED_IN),
    "legislation:programme_create": Entry(read=None, write=Action.CHANGE),
    "legislation:programme": Entry(read=Action.VIEW, args=programme),
    "legislation:document_add": Entry(read=None, write=Action.CHANGE, args=programme),
    "legislation:documents": Entry(read=SIGNED_IN),
    "legislation:document": Entry(read=Action.VIEW, args=draft_document),
    "legislation:step_complete": Entry(read=None, write=Action.CHANGE, args=draft_document),
    "legislation:amendment_add": Entry(read=None, write=Action.CHANGE, args=draft_document),
    "legislation:basis_link": Entry(read=None, write=Action.CHANGE, args=draft_document),
    "helpdesk:questions": Entry(read=SIGNED_IN),
    # Anyone with a role in a unit may ask it a question through the form.
    "helpdesk:ask": Entry(read=SIGNED_IN, write=Action.VIEW),
    "helpdesk:import_email": Entry(read=Action.CHANGE, write=Action.CHANGE),
    "helpdesk:question": Entry(read=Action.VIEW, args=pk_of("question")),
    "helpdesk:assign": Entry(read=None, write=Action.CHANGE, args=pk_of("question")),
    "helpdesk:answer": Entry(read=None, write=Action.CHANGE, args=pk_of("question")),
    "helpdesk:publish": Entry(read=None, write=Action.CHANGE, args=pk_of("question")),
    "helpdesk:attachment": Entry(read=Action.VIEW, args=pk_of("attachment")),
    # Published answers and guidance are read by every signed-in user, whoever published them.
    "helpdesk:knowledge": Entry(read=SIGNED_IN),
    "helpdesk:article": Entry(read=SIGNED_IN, args=pk_of("article")),
    "helpdesk:events": Entry(read=SIGNED_IN),
    "helpdesk:event_create": Entry(read=None, write=Action.CHANGE),
    "helpdesk:event": Entry(read=Action.VIEW, args=pk_of("guidance_event")),
    "helpdesk:material_add": Entry(read=None, write=Action.CHANGE, args=pk_of("guidance_event")),
    "helpdesk:participants_add": Entry(read=None, write=Action.CHANGE, args=pk_of("guidance_event")),
    "helpdesk:attendance": Entry(read=None, write=Action.CHANGE, args=pk_of("guidance_event")),
    "helpdesk:material": Entry(read=Action.VIEW, args=pk_of("material")),
    "positions:projects": Entry(read=SIGNED_IN, write=Action.CHANGE),
    "positions:project": Entry(read=Action.VIEW, args=pk_of("position_project")),
    "positions:project_positions": Entry(read=None, write=Action.CHANGE, args=pk_of("position_project")),
    "positions:project_people": Entry(read=None, write=Action.CHANGE, args=pk_of("position_project")),
    "positions:project_submit": Entry(read=None, write=Action.CHANGE, args=pk_of("position_project")),
    "positions:project_appraise": Entry(read=None, write=Action.APPRAISE, args=pk_of("position_project")),
    "positions:project_comment": Entry(read=None, write=Action.APPRAISE, args=pk_of("position_project")),
    "positions:project_return": Entry(read=None, write=Action.APPRAISE, args=pk_of("position_project")),
    "positions:project_approve": Entry(read=None, write=Action.APPROVE, args=pk_of("position_project")),
    "positions:project_version": Entry(read=None, write=Action.CHANGE, args=pk_of("position_project")),
    "positions:project_document": Entry(read=Action.EXPORT, args=pk_of("position_project")),
    "positions:catalogue": Entry(read=SIGNED_IN),
    "positions:catalogue_position": Entry(read=SIGNED_IN, args=catalogue_position),
    "positions:catalogue_new": Entry(read=NATIONAL, write=NATIONAL),
    "positions:catalogue_edit": Entry(read=NATIONAL, write=NATIONAL, args=catalogue_position),
    "positions:catalogue_export": Entry(read=Action.EXPORT),
    "positions:catalogue_import": Entry(read=NATIONAL, write=NATIONAL),
    "positions:catalogue_import_errors": Entry(read=NATIONAL, args=lambda world, side: {"token": "0" * 32}),
    "positions:campaigns": Entry(read=SIGNED_IN, write=Action.CHANGE),
    "positions:campaign": Entry(read=Action.VIEW, args=pk_of("position_campaign")),
    "positions:campaign_remind": Entry(read=None, write=Action.CHANGE, args=pk_of("position_campaign")),
    "positions:gaps": Entry(read=SIGNED_IN),
    "awards:index": Entry(read=SIGNED_IN),
    "awards:eligibility": Entry(read=Action.VIEW, args=organization),
    "awards:initiatives": Entry(read=SIGNED_IN),
    "awards:councils": Entry(read=Action.VIEW, write=Action.CHANGE, args=organization),
    "awards:quotas": Entry(read=Action.VIEW, write=Action.ADMINISTER, args=organization),
    "awards:screening_job": Entry(read=None, write=Action.VIEW, args=organization),
    "awards:screening_progress": Entry(
        read=CREATOR_OR_ADMINISTRATOR, args=lambda world, side: {"pk": world["award_screening_job"][side].pk}
    ),
    "awards:council": Entry(read=Action.VIEW, write=Action.CHANGE, args=council),
    "awards:council_decide": Entry(read=None, write=Action.APPROVE, args=council),
    "awards:council_nominations": Entry(read=Action.EXPORT, args=council),
    "awards:council_annex": Entry(read=Action.EXPORT, args=decided_council),
    "awards:council_decision": Entry(read=Action.EXPORT, args=decided_council),
    "awards:council_decision_pdf": Entry(read=Action.EXPORT, args=decided_council),
    "awards:person_initiatives": Entry(read=Action.VIEW, write=Action.CHANGE, args=person),
    "awards:movements": Entry(read=SIGNED_IN),
    "awards:movement": Entry(read=Action.VIEW, write=Action.CHANGE, args=award_movement),
    "awards:movement_new": Entry(read=Action.CHANGE, write=Action.CHANGE, args=organization),
    "evaluation:index": Entry(read=SIGNED_IN),
    "evaluation:person": Entry(read=Action.VIEW, write=Action.CHANGE, args=person),
    "evaluation:detail": Entry(read=Action.VIEW, write=Action.APPRAISE, args=pk_of("evaluation")),
    "evaluation:results": Entry(read=SIGNED_IN),
    "evaluation:results_export": Entry(read=Action.EXPORT),
    "evaluation:tasks": Entry(read=SIGNED_IN),
    "evaluation:task": Entry(read=Action.VIEW, write=Action.CHANGE, args=pk_of("task")),
    "evaluation:unit_tasks": Entry(read=Action.VIEW, write=Action.CHANGE, args=organization),
    "edossier:index": Entry(read=SIGNED_IN),
    "edossier:missing": Entry(read=SIGNED_IN),
    "edossier:identifiers": Entry(read=SIGNED_IN),
    "edossier:groups": Entry(read=SIGNED_IN),
    "edossier:export": Entry(read=Action.EXPORT),
    "edossier:sync": Entry(read=SIGNED_IN, write=Action.CHANGE),
    "edossier:integrity": Entry(read=Action.ADMINISTER),
    "edossier:integrity_export": Entry(read=Action.ADMINISTER),
    "edossier:reconciliation": Entry(read=Action.ADMINISTER),
    "edossier:reconciliation_export": Entry(read=Action.ADMINISTER),
    "edossier:reconciliation_unit": Entry(read=Action.ADMINISTER, args=organization_code),
    "edossier:reconciliation_unit_export": Entry(read=Action.ADMINISTER, args=organization_code),
    # The local stand-in of the national database: POST with this installation's token, no session.
    "edossier:receiver": Entry(read=None),
    # What the stand-in kept, for the reconciliation: GET with this installation's token, no session.
    "edossier:receiver_acknowledged": Entry(read=None),
    "edossier:initial_export": Entry(read=NATIONAL, write=NATIONAL),
    "edossier:initial_export_file": Entry(read=NATIONAL, args=job),
    # The exchange between installations is the national administrator's (no province's role).
    "exchange:index": Entry(read=NATIONAL, write=NATIONAL),
    "exchange:conflicts": Entry(read=NATIONAL),
    "exchange:conflict": Entry(read=NATIONAL, write=NATIONAL, args=lambda world, side: {"pk": 1}),
    # The receiver of the upward sync: POST with a source's token, no session.
    "exchange:receiver": Entry(read=None),
    # A person's own dossier: only a personal account, which no official's role is.
    "edossier:me": Entry(read=CREATOR),
    "edossier:propose": Entry(read=CREATOR, write=CREATOR, args=lambda world, side: {"kind": "contacts"}),
    "edossier:withdraw": Entry(read=None, write=CREATOR, args=pk_of("proposal")),
    "edossier:my_attachment": Entry(read=CREATOR, args=pk_of("proposal")),
    "edossier:proposals": Entry(read=Action.VIEW_PERSONAL_DATA),
    "edossier:proposal": Entry(read=Action.VIEW_PERSONAL_DATA, write=Action.CHANGE, args=pk_of("proposal")),
    "edossier:proposal_attachment": Entry(read=Action.VIEW_PERSONAL_DATA, args=pk_of("proposal")),
    "edossier:accounts": Entry(read=Action.CHANGE, write=Action.CHANGE),
    "edossier:consents": Entry(read=SIGNED_IN, write=SIGNED_IN),
    "edossier:consented_dossier": Entry(read=CREATOR, args=pk_of("consent")),
    "edossier:answer_consent": Entry(read=None, write=CREATOR, args=pk_of("consent")),
    "edossier:activate": Entry(read=None, args=lambda world, side: {"uidb64": "MQ", "token": "set-password"}),
    "succession:index": Entry(read=SIGNED_IN, write=Action.CHANGE),
    "succession:pools_export": Entry(read=Action.EXPORT),
    "succession:pool": Entry(read=Action.VIEW, write=Action.CHANGE, args=pk_of("pool")),
    "succession:training": Entry(read=SIGNED_IN),
    "succession:courses": Entry(read=SIGNED_IN, write=Action.CHANGE),
    "succession:course": Entry(read=Action.VIEW, write=Action.CHANGE, args=pk_of("course")),
    "succession:mentoring": Entry(read=SIGNED_IN, write=Action.CHANGE),
    "succession:pair": Entry(read=Action.VIEW, write=Action.CHANGE, args=pk_of("pair")),
    "succession:handovers": Entry(read=SIGNED_IN, write=Action.CHANGE),
    "succession:handover": Entry(read=Action.VIEW, write=Action.CHANGE, args=pk_of("handover")),
    "recruitment:index": Entry(read=SIGNED_IN),
    "recruitment:plan_create": Entry(read=Action.CHANGE, write=Action.CHANGE),
    "recruitment:plan": Entry(read=Action.VIEW, write=Action.CHANGE, args=pk_of("recruitment_plan")),
    "recruitment:results": Entry(read=Action.VIEW, write=Action.CHANGE, args=pk_of("recruitment_plan")),
    "recruitment:scores_import": Entry(
        read=Action.CHANGE, write=Action.CHANGE, args=pk_of("recruitment_plan")
    ),
    "recruitment:scores_template": Entry(read=Action.CHANGE, args=pk_of("recruitment_plan")),
    # The error workbook of a refused upload is its uploader's alone (kept in their session).
    "recruitment:scores_import_errors": Entry(
        read=CREATOR, args=lambda world, side: {"pk": world["recruitment_plan"][side].pk, "token": "0" * 32}
    ),
    "recruitment:probations": Entry(read=SIGNED_IN),
    "recruitment:probation": Entry(
        read=Action.VIEW, write=Action.CHANGE, args=lambda world, side: {"pk": probation_id(world, side)}
    ),
    "recruitment:candidates_import": Entry(
        read=Action.CHANGE, write=Action.CHANGE, args=pk_of("recruitment_plan")
    ),
    "recruitment:candidates_template": Entry(read=Action.CHANGE, args=pk_of("recruitment_plan")),
    "recruitment:candidates_import_errors": Entry(
        read=CREATOR, args=lambda world, side: {"pk": world["recruitment_plan"][side].pk, "token": "0" * 32}
    ),
    "recruitment:candidates_import_job": Entry(
        read=CREATOR_OR_ADMINISTRATOR,
        args=lambda world, side: {"pk": world["recruitment_import_job"][side].pk},
    ),
    "recruitment:candidates_import_job_errors": Entry(
        read=CREATOR, args=lambda world, side: {"pk": world["recruitment_import_job"][side].pk}
    ),
    "recruitment:candidate": Entry(read=Action.VIEW, write=Action.CHANGE, args=pk_of("candidate")),
    # The public application page answers everyone, signed in or not (an approved plan's open call).
    "recruitment:apply": Entry(read=None, args=pk_of("recruitment_plan")),
    "recruitment:document": Entry(
        read=Action.VIEW, args=lambda world, side: {"pk": recruitment_document_id(world, side)}
    ),
    "recruitment:talent_grants": Entry(read=SIGNED_IN),
    "recruitment:talent_grant_create": Entry(read=Action.CHANGE, write=Action.CHANGE, args=person),
    "staffing:overview": Entry(read=SIGNED_IN),
    "workforce:forecast": Entry(read=SIGNED_IN),
    "workforce:forecast_export": Entry(read=Action.EXPORT),
    "staffing:overview_export": Entry(read=Action.EXPORT),
    "staffing:assigned": Entry(read=Action.VIEW, args=organization),
    "staffing:organization": Entry(read=Action.VIEW, write=Action.CHANGE, args=organization),
    "staffing:quotas": Entry(read=SIGNED_IN, write=Action.CHANGE),
    "staffing:quota": Entry(read=Action.VIEW, args=staffing("quota")),
    "staffing:quota_appraise": Entry(read=None, write=Action.APPRAISE, args=staffing("quota")),
    "staffing:quota_decide": Entry(read=None, write=Action.APPROVE, args=staffing("quota")),
    "staffing:events": Entry(read=SIGNED_IN, write=Action.CHANGE),
    "staffing:event": Entry(read=Action.VIEW, args=staffing("event")),
    "staffing:event_decide": Entry(read=None, write=Action.APPROVE, args=staffing("event")),
    "staffing:event_apply": Entry(read=None, write=Action.CHANGE, args=staffing("event")),
    "staffing:targets": Entry(read=SIGNED_IN, write=Action.CHANGE),
    "staffing:targets_export": Entry(read=Action.EXPORT),
    "staffing:cases": Entry(read=SIGNED_IN, write=Action.CHANGE),
    "staffing:cases_export": Entry(read=Action.EXPORT),
    "staffing:case": Entry(read=Action.VIEW, args=staffing("case")),
    "staffing:case_decide": Entry(read=None, write=Action.APPROVE, args=staffing("case")),
    "staffing:case_execute": Entry(read=None, write=Action.CHANGE, args=staffing("case")),
    "payroll:runs": Entry(read=SIGNED_IN, write=Action.CHANGE),
    "payroll:run": Entry(read=Action.VIEW, args=staffing("payroll_run")),
    "payroll:run_review": Entry(read=None, write=Action.CHANGE, args=staffing("payroll_run")),
    "payroll:run_lock": Entry(read=None, write=Action.APPROVE, args=staffing("payroll_run")),
    "payroll:run_sheet": Entry(read=Action.EXPORT, args=staffing("payroll_run")),
    "payroll:run_bank": Entry(read=Action.EXPORT, args=staffing("payroll_run")),
    "payroll:person": Entry(read=Action.VIEW, args=person),
    "payroll:raises": Entry(read=SIGNED_IN),
    "payroll:raises_propose": Entry(read=None, write=Action.CHANGE),
    "payroll:raises_grant": Entry(read=None, write=Action.APPROVE),
    "payroll:proposals": Entry(read=SIGNED_IN),
    "payroll:proposal": Entry(read=Action.VIEW, args=staffing("raise_proposal")),
    "payroll:proposal_edit": Entry(read=Action.CHANGE, write=Action.CHANGE, args=staffing("raise_returned")),
    "payroll:proposal_approve": Entry(read=None, write=Action.APPROVE, args=staffing("raise_proposal")),
    "payroll:proposal_return": Entry(read=None, write=Action.APPROVE, args=staffing("raise_proposal")),
    "payroll:proposal_sheet": Entry(read=Action.EXPORT, args=staffing("raise_approved")),
    "payroll:proposal_notice": Entry(read=Action.EXPORT, args=staffing("raise_item")),
    "payroll:person_rank": Entry(read=Action.CHANGE, write=Action.CHANGE, args=person),
    "payroll:scenarios": Entry(read=SIGNED_IN, write=Action.CHANGE),
    "payroll:scenario": Entry(read=Action.VIEW, args=staffing("scenario")),
    "payroll:scenario_export": Entry(read=Action.EXPORT, args=staffing("scenario")),
    "religion:dossiers": Entry(read=SIGNED_IN),
    "religion:receive": Entry(read=Action.CHANGE, write=Action.CHANGE),
    "religion:dossier": Entry(read=Action.VIEW, args=religion_dossier),
    "religion:supplement": Entry(read=None, write=Action.CHANGE, args=religion_dossier),
    "religion:supplement_received": Entry(read=None, write=Action.CHANGE, args=religion_dossier),
    "religion:decide": Entry(read=None, write=Action.APPROVE, args=religion_dossier),
    "religion:calendar": Entry(read=SIGNED_IN, write=Action.ADMINISTER),
    "religion:registry": Entry(read=SIGNED_IN, args=lambda world, side: {"kind": "places"}),
    "religion:registry_add": Entry(read=Action.CHANGE, write=Action.CHANGE),
    "religion:record": Entry(read=Action.VIEW, write=Action.CHANGE, args=registry_record),
    "religion:record_close": Entry(read=None, write=Action.CHANGE, args=registry_record),
    "religion:situation": Entry(read=SIGNED_IN),
    "religion:incidents": Entry(read=SIGNED_IN),
    "religion:report": Entry(read=Action.CHANGE, write=Action.CHANGE),
    "religion:rollup": Entry(read=SIGNED_IN),
    "religion:periodic": Entry(read=SIGNED_IN),
    "religion:periodic_xlsx": Entry(read=Action.EXPORT),
    "religion:periodic_pdf": Entry(read=Action.EXPORT),
    "religion:map": Entry(read=SIGNED_IN),
    "religion:map_data": Entry(read=SIGNED_IN),
    "religion:incident": Entry(read=Action.VIEW, write=Action.CHANGE, args=religion_incident),
    # The analysis reads national data (units, figures, standards); plans belong to a province.
    "admin_units:analysis": Entry(read=SIGNED_IN),
    "admin_units:analysis_export": Entry(read=Action.EXPORT),
    "admin_units:map_data": Entry(read=SIGNED_IN),
    "admin_units:unit_figures": Entry(
        read=SIGNED_IN, write=Action.CHANGE, args=lambda world, side: {"regime": "two_tier", "code": "00004"}
    ),
    # National reference data any user reads; changed by a user who may change records of the province.
    "admin_units:adjacency": Entry(read=SIGNED_IN, write=Action.CHANGE),
    "admin_units:figures_import": Entry(read=Action.CHANGE, write=Action.CHANGE),
    "admin_units:plans": Entry(read=SIGNED_IN, write=Action.CHANGE),
    "admin_units:plan": Entry(read=Action.VIEW, write=Action.CHANGE, args=plan),
    # Each step needs its own right (change, appraise, approve, administer); an empty post is refused.
    "admin_units:plan_step": Entry(read=None, write=Action.ADMINISTER, args=plan),
}
"""Web routes by URL name (namespace:name)."""


def fact(kind: str, values: dict[str, Any]) -> Entry:
    return Entry(read=None, write=Action.CHANGE, args=person_id, body=lambda world, side: values)


OPERATIONS: dict[str, Entry] = {
    "get_me": Entry(read=SIGNED_IN),
    "list_organizations": Entry(read=SIGNED_IN),
    "get_organization": Entry(
        read=Action.VIEW, args=lambda world, side: {"code": world["organization"][side].code}
    ),
    "list_persons": Entry(read=SIGNED_IN),
    "create_person": Entry(
        read=None,
        write=Action.CHANGE,
        body=lambda world, side: {
            "full_name": "Hồ Sơ Mới",
            "birth_date": "1990-01-01",
            "gender": "M",
            "category": "civil_servant",
            "organization": world["organization"][side].code,
            "start_date": "2024-01-01",
        },
    ),
    "update_person": Entry(
        read=None, write=Action.CHANGE, args=person_id, body=lambda world, side: {"other_names": "Tên khác"}
    ),
    "delete_person": Entry(read=None, write=Action.CHANGE, args=person_id),
    "search_persons": Entry(read=SIGNED_IN),
    "list_retirements": Entry(read=SIGNED_IN),
    "list_duplicates": Entry(read=Action.CHANGE),
    "merge_persons": Entry(
        read=None,
        write=Action.CHANGE,
        body=lambda world, side: {
            "keep": world["person"][side].pk,
            "remove": world["twin"][side].pk,
            "reason": "Trùng hồ sơ",
        },
    ),
    "list_merges": Entry(read=Action.CHANGE),
    "list_ambiguous_addresses": Entry(read=Action.CHANGE),
    "choose_address": Entry(
        read=None,
        write=Action.CHANGE,
        args=lambda world, side: {"address_id": world["address"][side].pk},
        # Not among the candidates: refused by the action even where the role may change.
        body=lambda world, side: {"commune_code": "99999"},
    ),
    "get_person_timeline": Entry(read=Action.VIEW, args=person_id),
    "get_person_retirement": Entry(read=Action.VIEW, args=person_id),
    "get_person": Entry(read=Action.VIEW, args=person_id),
    "get_dossier": Entry(read=Action.VIEW, args=person_id),
    "add_rank": fact("rank", {"rank_code": "01.003", "effective_from": "2021-07-01"}),
    "add_salary": fact("salary", {"step": 1, "coefficient": "2.34", "effective_from": "2021-07-01"}),
    "add_allowance": fact(
        "allowance", {"kind": "leadership", "coefficient": "0.2", "effective_from": "2021-07-01"}
    ),
    "add_allowance_end": fact("allowance-end", {"kind": "leadership", "last_day": "2024-12-31"}),
    "add_party": fact("party", {"admitted_on": "2010-05-19"}),
    "add_education": fact("education", {"kind": "it", "level": "basic"}),
    "add_training": fact("training", {"name": "Bồi dưỡng quản lý nhà nước", "start_date": "2022-03-01"}),
    "add_family": fact("family", {"relation": "father", "full_name": "Lê Văn Bố"}),
    "add_evaluation": fact("evaluation", {"year": 2024, "rating": "HT"}),
    "add_award": fact("award", {"form": "Bằng khen", "decision_date": "2024-12-20"}),
    "add_discipline": fact("discipline", {"form": "reprimand", "decision_date": "2024-06-01"}),
    "add_health": fact("health", {"recorded_on": "2024-03-01", "status": "Tốt"}),
    "list_questions": Entry(read=SIGNED_IN),
    "create_question": Entry(
        read=None,
        write=Action.VIEW,
        body=lambda world, side: {
            "organization": world["organization"][side].code,
            "asker_kind": "locality",
            "asker_name": "Người hỏi",
            "contact_phone": "0912345678",
            "subject": "Câu hỏi mới",
            "body": "Nội dung",
        },
    ),
    "question_detail": Entry(
        read=Action.VIEW, args=lambda world, side: {"question_id": world["question"][side].pk}
    ),
    "answer_question": Entry(
        read=None,
        write=Action.CHANGE,
        args=lambda world, side: {"question_id": world["question"][side].pk},
        body=lambda world, side: {"answer": "Trả lời"},
    ),
    "publish_question": Entry(
        read=None,
        write=Action.CHANGE,
        args=lambda world, side: {"question_id": world["question"][side].pk},
        body=lambda world, side: {},
    ),
    "search_knowledge": Entry(read=SIGNED_IN),
    "question_suggestions": Entry(
        read=Action.VIEW, args=lambda world, side: {"question_id": world["question"][side].pk}
    ),
    "list_programmes": Entry(read=SIGNED_IN),
    "create_programme": Entry(
        read=None,
        write=Action.CHANGE,
        body=lambda world, side: {
            "name": "Chương trình mới",
            "year": 2026,
            "organization": world["organization"][side].code,
        },
    ),
    "add_document": Entry(
        read=None,
        write=Action.CHANGE,
        args=lambda world, side: {"programme_id": world["programme"][side].pk},
        body=lambda world, side: {
            "title": "Quyết định mới",
            "kind": "decision",
            "organization": world["organization"][side].code,
            "deadline": "2027-06-30",
        },
    ),
    "list_documents": Entry(read=SIGNED_IN),
    "document_detail": Entry(
        read=Action.VIEW, args=lambda world, side: {"document_id": world["draft_document"][side].pk}
    ),
    "complete_step": Entry(
        read=None,
        write=Action.CHANGE,
        args=lambda world, side: {"document_id": world["draft_document"][side].pk},
        body=lambda world, side: {"step": "drafting", "done_on": "2025-01-02"},
    ),
    "record_amendment": Entry(
        read=None,
        write=Action.CHANGE,
        args=lambda world, side: {"document_id": world["draft_document"][side].pk},
        body=lambda world, side: {"kind": "amended", "by_number": "2/2025", "issued_on": "2025-03-01"},
    ),
    "link_legal_basis": Entry(
        read=None,
        write=Action.CHANGE,
        args=lambda world, side: {"document_id": world["draft_document"][side].pk},
        body=lambda world, side: {"document_number": "01/2025/QĐ-UBND", "article": ""},
    ),
    "list_catalogue": Entry(read=SIGNED_IN),
    "export_catalogue": Entry(read=Action.EXPORT),
    "import_catalogue": Entry(read=None, write=NATIONAL),
    "get_catalogue_history": Entry(read=SIGNED_IN, args=lambda world, side: {"code": "HT01"}),
    "save_catalog_position": Entry(
        read=None,
        write=NATIONAL,
        args=lambda world, side: {"code": "LD99"},
        body=lambda world, side: {"name": "Vị trí mới", "group": "support", "staff_kind": "civil_servant"},
    ),
    "list_projects": Entry(read=SIGNED_IN),
    "create_project": Entry(
        read=None,
        write=Action.CHANGE,
        body=lambda world, side: {
            "organization": world["organization"][side].code,
            "staff_kind": "public_employee",
        },
    ),
    "get_project": Entry(read=Action.VIEW, args=position_project),
    "set_project_position": Entry(
        read=None,
        write=Action.CHANGE,
        args=lambda world, side: {**position_project(world, side), "code": "HT01"},
        body=lambda world, side: {"headcount": 2},
    ),
    "remove_project_position": Entry(
        read=None,
        write=Action.CHANGE,
        args=lambda world, side: {**position_project(world, side), "code": "LD01"},
    ),
    "place_person": Entry(
        read=None,
        write=Action.CHANGE,
        args=position_project,
        body=lambda world, side: {
            "person_id": world["twin"][side].pk,
            "position_code": "LD01",
            "is_main": False,
        },
    ),
    "unplace_person": Entry(
        read=None,
        write=Action.CHANGE,
        args=lambda world, side: {
            **position_project(world, side),
            "holder_id": world["position_holder"][side].pk,
        },
    ),
    "submit_project": Entry(read=None, write=Action.CHANGE, args=position_project),
    "start_appraisal": Entry(read=None, write=Action.APPRAISE, args=position_project),
    "comment_project": Entry(
        read=None,
        write=Action.APPRAISE,
        args=position_project,
        body=lambda world, side: {"text": "Thuyết minh thêm"},
    ),
    "return_project": Entry(
        read=None,
        write=Action.APPRAISE,
        args=position_project,
        body=lambda world, side: {"reasons": "Bổ sung"},
    ),
    "approve_project": Entry(
        read=None,
        write=Action.APPROVE,
        args=position_project,
        body=lambda world, side: {"decision_number": "1/QĐ", "decision_date": "2026-03-01", "signer": "A"},
    ),
    "new_project_version": Entry(read=None, write=Action.CHANGE, args=position_project),
    "list_campaigns": Entry(read=SIGNED_IN),
    "open_campaign": Entry(
        read=None,
        write=Action.CHANGE,
        body=lambda world, side: {
            "organization": world["organization"][side].code,
            "title": "Đợt mới",
            "staff_kind": "civil_servant",
            "deadline": "2026-12-31",
            "agencies": [world["organization"][side].code],
        },
    ),
    "campaign_dashboard": Entry(
        read=Action.VIEW, args=lambda world, side: {"campaign_id": world["position_campaign"][side].pk}
    ),
    "send_reminders": Entry(
        read=None,
        write=Action.CHANGE,
        args=lambda world, side: {"campaign_id": world["position_campaign"][side].pk},
    ),
    "get_gaps": Entry(read=SIGNED_IN),
    "list_approved_positions": Entry(read=Action.VIEW, args=organization_code),
    "list_headcount": Entry(read=SIGNED_IN),
    "get_forecast": Entry(read=SIGNED_IN),
    "list_vacancies": Entry(read=SIGNED_IN),
    "list_assigned_persons": Entry(read=Action.VIEW, args=organization_code),
    "get_organization_profile": Entry(read=Action.VIEW, args=organization_code),
    "save_organization_profile": Entry(
        read=None,
        write=Action.CHANGE,
        args=organization_code,
        body=lambda world, side: {"organization_type": "administrative", "functions": "Tham mưu"},
    ),
    "list_quotas": Entry(read=SIGNED_IN),
    "propose_quota": Entry(
        read=None,
        write=Action.CHANGE,
        body=lambda world, side: {
            "organization": world["organization"][side].code,
            "category": "civil_servant",
            "year": 2030,
            "quantity": 10,
        },
    ),
    "appraise_quota": Entry(
        read=None,
        write=Action.APPRAISE,
        args=staffing_id("quota", "quota_id"),
        body=lambda world, side: {"agree": True},
    ),
    "decide_quota": Entry(
        read=None,
        write=Action.APPROVE,
        args=staffing_id("quota", "quota_id"),
        body=lambda world, side: {"approve": False, "comment": "Chưa đủ thuyết minh"},
    ),
    "list_restructurings": Entry(read=SIGNED_IN),
    "propose_restructuring": Entry(
        read=None,
        write=Action.CHANGE,
        body=lambda world, side: {
            "kind": "rename",
            "organization": world["organization"][side].code,
            "new_name": "Sở Nội vụ mới",
            "effective_date": "2026-01-01",
        },
    ),
    "decide_restructuring": Entry(
        read=None,
        write=Action.APPROVE,
        args=staffing_id("event", "event_id"),
        body=lambda world, side: {"approve": False, "comment": "Chưa phù hợp"},
    ),
    "apply_restructuring": Entry(read=None, write=Action.CHANGE, args=staffing_id("event", "event_id")),
    "list_streamlining_targets": Entry(read=SIGNED_IN),
    "set_streamlining_target": Entry(
        read=None,
        write=Action.CHANGE,
        body=lambda world, side: {
            "organization": world["organization"][side].code,
            "category": "civil_servant",
            "effective_from": "2027-01-01",
            "effective_to": "2030-12-31",
            "baseline_year": 2026,
        },
    ),
    "list_streamlining_cases": Entry(read=SIGNED_IN),
    "get_streamlining_case": Entry(read=Action.VIEW, args=staffing_id("case", "case_id")),
    "propose_streamlining_case": Entry(
        read=None,
        write=Action.CHANGE,
        body=lambda world, side: {
            "person_id": world["twin"][side].pk,
            "policy": "resignation",
            "ground": "job_position",
            "case_date": "2026-01-05",
            "leave_date": "2026-03-01",
            "salary_current": 10000000,
            "si_years": 12,
        },
    ),
    "decide_streamlining_case": Entry(
        read=None,
        write=Action.APPROVE,
        args=staffing_id("case", "case_id"),
        body=lambda world, side: {"approve": False, "comment": "Bổ sung hồ sơ"},
    ),
    "execute_streamlining_case": Entry(read=None, write=Action.CHANGE, args=staffing_id("case", "case_id")),
    "list_payroll_runs": Entry(read=SIGNED_IN),
    "get_payroll_run": Entry(read=Action.VIEW, args=staffing_id("payroll_run", "run_id")),
    "list_payroll_lines": Entry(read=Action.VIEW, args=staffing_id("payroll_run", "run_id")),
    "compute_payroll_run": Entry(
        read=None,
        write=Action.CHANGE,
        body=lambda world, side: {"organization": world["organization"][side].code, "month": "2026-07-01"},
    ),
    "review_payroll_run": Entry(read=None, write=Action.CHANGE, args=staffing_id("payroll_run", "run_id")),
    "lock_payroll_run": Entry(read=None, write=Action.APPROVE, args=staffing_id("payroll_run", "run_id")),
    "get_person_salary": Entry(read=Action.VIEW, args=person_id),
    "list_step_raises": Entry(read=SIGNED_IN),
    "get_early_raise_quota": Entry(read=SIGNED_IN),
    "grant_early_places": Entry(
        read=None,
        write=Action.APPROVE,
        body=lambda world, side: {
            "organization": world["organization"][side].code,
            "unit": world["organization"][side].code,
            "year": 2026,
            "places": 1,
            "decision_number": "5/UBND",
        },
    ),
    "list_raise_proposals": Entry(read=SIGNED_IN),
    "get_raise_proposal": Entry(read=Action.VIEW, args=staffing_id("raise_proposal", "proposal_id")),
    "propose_raises": Entry(
        read=None,
        write=Action.CHANGE,
        body=lambda world, side: {
            "organization": world["organization"][side].code,
            "year": 2023,
            "persons": [{"person_id": world["person"][side].pk}],
        },
    ),
    "approve_raise_proposal": Entry(
        read=None,
        write=Action.APPROVE,
        args=staffing_id("raise_proposal", "proposal_id"),
        body=lambda world, side: {"decision_number": "15/QĐ-UBND", "decision_date": "2023-02-01"},
    ),
    "return_raise_proposal": Entry(
        read=None,
        write=Action.APPROVE,
        args=staffing_id("raise_proposal", "proposal_id"),
        body=lambda world, side: {"comment": "Bổ sung hồ sơ"},
    ),
    "resubmit_raise_proposal": Entry(
        read=None,
        write=Action.CHANGE,
        args=staffing_id("raise_returned", "proposal_id"),
        body=lambda world, side: {"title": "Trình lại", "persons": [{"person_id": world["person"][side].pk}]},
    ),
    "raise_proposal_sheet": Entry(read=Action.EXPORT, args=staffing_id("raise_approved", "proposal_id")),
    "raise_notice": Entry(read=Action.EXPORT, args=staffing_id("raise_item", "item_id")),
    "place_on_new_rank": Entry(
        read=None,
        write=Action.CHANGE,
        args=person_id,
        body=lambda world, side: {"rank_code": "01.002", "appointed_on": "2026-03-01"},
    ),
    "list_salary_scenarios": Entry(read=SIGNED_IN),
    "get_salary_scenario": Entry(read=Action.VIEW, args=staffing_id("scenario", "scenario_id")),
    "start_salary_scenario": Entry(
        read=None,
        write=Action.CHANGE,
        body=lambda world, side: {
            "organization": world["organization"][side].code,
            "name": "Tăng lương cơ sở",
            "starts_on": "2027-01-01",
            "base_salary": 2800000,
        },
    ),
    "get_unit_award_eligibility": Entry(read=Action.VIEW, args=organization_code),
    # Starts a screening of the unit's scope, which reads what the user may see there.
    "start_award_screening": Entry(
        read=None, write=Action.VIEW, args=organization_code, body=lambda world, side: {"year": 2025}
    ),
    "get_award_quotas": Entry(read=Action.VIEW, args=organization_code),
    "set_award_quota": Entry(
        read=None,
        write=Action.ADMINISTER,
        args=organization_code,
        body=lambda world, side: {
            "title": "CSTDCS",
            "percent": 30,
            "document": "Quyết định 1/2026/QĐ-UBND",
            "effective_from": "2026-01-01",
        },
    ),
    "list_initiatives": Entry(read=SIGNED_IN),
    "record_initiative": Entry(
        read=None,
        write=Action.CHANGE,
        body=lambda world, side: {
            "person_id": world["person"][side].pk,
            "title": "Số hóa hồ sơ",
            "level": "grassroots",
            "recognised_on": "2024-10-01",
        },
    ),
    "list_award_councils": Entry(read=SIGNED_IN),
    "get_award_council": Entry(
        read=Action.VIEW, args=lambda world, side: {"council_id": world["council"][side].pk}
    ),
    "open_award_council": Entry(
        read=None,
        write=Action.CHANGE,
        body=lambda world, side: {
            "organization": world["organization"][side].code,
            "year": 2025,
            "held_on": "2026-01-15",
            "members": 9,
        },
    ),
    "add_award_council_member": Entry(
        read=None,
        write=Action.CHANGE,
        args=lambda world, side: {"council_id": world["council"][side].pk},
        body=lambda world, side: {"name": "Nguyễn Văn Thành", "role": "member"},
    ),
    "remove_award_council_member": Entry(
        read=None,
        write=Action.CHANGE,
        args=lambda world, side: {"member_id": world["council_member"][side].pk},
    ),
    "nominate_award_candidate": Entry(
        read=None,
        write=Action.CHANGE,
        args=lambda world, side: {"council_id": world["council"][side].pk},
        body=lambda world, side: {"person_id": world["person"][side].pk, "title": "LDTT"},
    ),
    "record_award_votes": Entry(
        read=None,
        write=Action.CHANGE,
        args=lambda world, side: {"nominee_id": world["nominee"][side].pk},
        body=lambda world, side: {"yes_votes": 9},
    ),
    "award_council_nominations": Entry(
        read=Action.EXPORT, args=lambda world, side: {"council_id": world["council"][side].pk}
    ),
    "award_decision_annex": Entry(
        read=Action.EXPORT, args=lambda world, side: {"council_id": world["council_decided"][side].pk}
    ),
    "award_decision_document": Entry(
        read=Action.EXPORT, args=lambda world, side: {"council_id": world["council_decided"][side].pk}
    ),
    "award_decision_pdf": Entry(
        read=Action.EXPORT, args=lambda world, side: {"council_id": world["council_decided"][side].pk}
    ),
    "decide_award_council": Entry(
        read=None,
        write=Action.APPROVE,
        args=lambda world, side: {"council_id": world["council"][side].pk},
        body=lambda world, side: {
            "decision_number": "1/QĐ",
            "decided_on": "2026-02-01",
            "signer": "Chủ tịch",
        },
    ),
    "list_award_movements": Entry(read=SIGNED_IN),
    "get_award_movement": Entry(
        read=Action.VIEW, args=lambda world, side: {"movement_id": world["award_movement"][side].pk}
    ),
    "launch_award_movement": Entry(
        read=None,
        write=Action.CHANGE,
        body=lambda world, side: {
            "organization": world["organization"][side].code,
            "name": "Phong trào thi đua năm 2026",
            "year": 2026,
            "starts_on": "2026-01-01",
            "ends_on": "2026-12-31",
            "units": [world["organization"][side].code],
        },
    ),
    "list_movement_registrations": Entry(
        read=Action.VIEW, args=lambda world, side: {"movement_id": world["award_movement"][side].pk}
    ),
    "register_for_award_movement": Entry(
        read=None,
        write=Action.CHANGE,
        args=lambda world, side: {"movement_id": world["award_movement"][side].pk},
        body=lambda world, side: {
            "person_id": world["person"][side].pk,
            "title": "LDTT",
            "registered_on": "2026-03-01",
        },
    ),
    "list_evaluations": Entry(read=SIGNED_IN),
    "self_assess_evaluation": Entry(
        read=None,
        write=Action.CHANGE,
        body=lambda world, side: {"person_id": world["twin"][side].pk, "year": 2025, "rating": "HTT"},
    ),
    "assess_evaluation": Entry(
        read=None,
        write=Action.APPRAISE,
        args=lambda world, side: {"evaluation_id": world["evaluation"][side].pk},
        body=lambda world, side: {"rating": "HTT", "comment": "Đạt yêu cầu"},
    ),
    "decide_evaluation": Entry(
        read=None,
        write=Action.APPROVE,
        args=lambda world, side: {"evaluation_id": world["evaluation"][side].pk},
        body=lambda world, side: {"rating": "HTT"},
    ),
    "get_unit_evaluation_results": Entry(read=Action.VIEW, args=organization_code),
    "rate_unit_evaluation": Entry(
        read=None,
        write=Action.APPROVE,
        args=organization_code,
        body=lambda world, side: {"year": 2025, "rating": "HTT"},
    ),
    "list_evaluation_consequences": Entry(read=SIGNED_IN),
    "list_evaluation_tasks": Entry(read=SIGNED_IN),
    "assign_evaluation_task": Entry(
        read=None,
        write=Action.CHANGE,
        body=lambda world, side: {
            "organization": world["organization"][side].code,
            "title": "Thẩm định hồ sơ",
            "target_quantity": 5,
            "deadline": "2026-12-31",
        },
    ),
    "report_evaluation_task_progress": Entry(
        read=None,
        write=Action.CHANGE,
        args=lambda world, side: {"task_id": world["task"][side].pk},
        body=lambda world, side: {"quantity": 1},
    ),
    "list_recruitment_plans": Entry(read=SIGNED_IN),
    "get_recruitment_plan": Entry(read=Action.VIEW, args=recruitment_plan_id),
    "list_recruitment_vacancies": Entry(read=SIGNED_IN),
    "create_recruitment_plan": Entry(
        read=None,
        write=Action.CHANGE,
        body=lambda world, side: {
            "organization": world["organization"][side].code,
            "title": "Tuyển dụng",
            "staff_kind": "civil_servant",
            "method": "exam",
            "applications_open": "2026-03-01",
            "applications_close": "2026-03-31",
            "exam_date": "2026-05-10",
            "positions": [{"code": "TD01", "quota": 1}],
        },
    ),
    "approve_recruitment_plan": Entry(
        read=None,
        write=Action.APPROVE,
        args=recruitment_plan_id,
        body=lambda world, side: {"approval_number": "1/QĐ", "approval_date": "2026-02-01"},
    ),
    "list_recruitment_candidates": Entry(read=Action.VIEW, args=recruitment_plan_id),
    "add_recruitment_candidate": Entry(
        read=None,
        write=Action.CHANGE,
        args=recruitment_plan_id,
        body=lambda world, side: {
            "position": "TD01",
            "full_name": "Phạm Thị Hoa",
            "birth_date": "1999-05-01",
            "gender": "F",
            "cccd_number": "001199000111",
            "qualification": "university",
            "documents": ["application_form"],
        },
    ),
    "import_recruitment_candidates": Entry(read=None, write=Action.CHANGE, args=recruitment_plan_id),
    "add_recruitment_room": Entry(
        read=None,
        write=Action.CHANGE,
        args=recruitment_plan_id,
        body=lambda world, side: {"name": "Phòng 9", "capacity": 30},
    ),
    "seat_recruitment_candidates": Entry(read=None, write=Action.CHANGE, args=recruitment_plan_id),
    "enter_recruitment_score": Entry(
        read=None,
        write=Action.CHANGE,
        args=lambda world, side: {"candidate_id": world["fresh_candidate"][side].pk},
        body=lambda world, side: {"part": "professional", "value": "70"},
    ),
    "import_recruitment_scores": Entry(
        read=None,
        write=Action.CHANGE,
        args=recruitment_plan_id,
        body=lambda world, side: {"rows": [{"number": "0002", "part": "professional", "value": "70"}]},
    ),
    "file_recruitment_appeal": Entry(
        read=None,
        write=Action.CHANGE,
        args=lambda world, side: {"candidate_id": world["candidate"][side].pk},
        body=lambda world, side: {"part": "professional"},
    ),
    "decide_recruitment_appeal": Entry(
        read=None,
        write=Action.CHANGE,
        args=lambda world, side: {"appeal_id": world["appeal"][side].pk},
        body=lambda world, side: {"new_value": "71"},
    ),
    "get_recruitment_results": Entry(read=Action.VIEW, args=recruitment_plan_id),
    "recognise_recruitment_results": Entry(
        read=None,
        write=Action.APPROVE,
        args=recruitment_plan_id,
        body=lambda world, side: {"result_number": "8/QĐ", "result_date": "2027-01-25"},
    ),
    "decide_recruitment": Entry(
        read=None,
        write=Action.CHANGE,
        args=recruitment_plan_id,
        body=lambda world, side: {
            "decision_number": "9/QĐ",
            "decision_date": "2027-02-01",
            "start_date": "2027-03-01",
        },
    ),
    "list_recruitment_probations": Entry(read=SIGNED_IN),
    "end_recruitment_probation": Entry(
        read=None,
        write=Action.CHANGE,
        args=lambda world, side: {"probation_id": probation_id(world, side)},
        body=lambda world, side: {
            "outcome": "passed",
            "decided_on": "2026-06-01",
            "decision_number": "3/QĐ",
            "rank_code": "01.003",
        },
    ),
    "list_recruitment_documents": Entry(
        read=Action.VIEW, args=lambda world, side: {"candidate_id": world["candidate"][side].pk}
    ),
    "attach_recruitment_document": Entry(
        read=None, write=Action.CHANGE, args=lambda world, side: {"candidate_id": world["candidate"][side].pk}
    ),
    "download_recruitment_document": Entry(
        read=Action.VIEW, args=lambda world, side: {"document_id": recruitment_document_id(world, side)}
    ),
    "list_recruitment_talent_grants": Entry(read=SIGNED_IN),
    "record_recruitment_talent_grant": Entry(
        read=None,
        write=Action.CHANGE,
        args=person_id,
        body=lambda world, side: {
            "track": "expert",
            "conditions": ["results_fit_position"],
            "incentives": ["Phụ cấp thu hút"],
            "granted_on": "2026-01-05",
            "decision_number": "5/QĐ",
        },
    ),
    "list_pools": Entry(read=SIGNED_IN),
    "create_pool": Entry(
        read=None,
        write=Action.CHANGE,
        body=lambda world, side: {
            "organization": world["organization"][side].code,
            "position_title": "Phó Giám đốc",
            "level": "department_deputy",
            "term_start": 2026,
            "term_end": 2031,
        },
    ),
    "get_pool": Entry(read=Action.VIEW, args=lambda world, side: {"pool_id": world["pool"][side].pk}),
    "add_pool_candidate": Entry(
        read=None,
        write=Action.CHANGE,
        args=lambda world, side: {"pool_id": world["pool"][side].pk},
        body=lambda world, side: {"person_id": world["twin"][side].pk},
    ),
    "remove_pool_candidate": Entry(
        read=None,
        write=Action.CHANGE,
        args=lambda world, side: {
            "pool_id": world["pool"][side].pk,
            "candidate_id": world["pool_candidate"][side].pk,
        },
        body=lambda world, side: {"removal_reason": "Chuyển công tác"},
    ),
    "review_pool": Entry(
        read=None,
        write=Action.CHANGE,
        args=lambda world, side: {"pool_id": world["pool"][side].pk},
        body=lambda world, side: {"year": 2026},
    ),
    "list_pool_checks": Entry(read=SIGNED_IN),
    "export_pools": Entry(read=Action.EXPORT),
    "list_training_hours": Entry(read=SIGNED_IN),
    "list_courses": Entry(read=SIGNED_IN),
    "create_course": Entry(
        read=None,
        write=Action.CHANGE,
        body=lambda world, side: {
            "organization": world["organization"][side].code,
            "name": "Bồi dưỡng kỹ năng số",
            "programme": "digital",
            "start_date": "2026-03-02",
            "end_date": "2026-03-06",
            "periods": 40,
        },
    ),
    "enrol_course": Entry(
        read=None,
        write=Action.CHANGE,
        args=lambda world, side: {"course_id": world["course"][side].pk},
        body=lambda world, side: {"person_id": world["twin"][side].pk},
    ),
    "complete_enrolment": Entry(
        read=None,
        write=Action.CHANGE,
        args=lambda world, side: {"enrolment_id": world["enrolment"][side].pk},
        body=lambda world, side: {"certificate": "CC-01"},
    ),
    "withdraw_enrolment": Entry(
        read=None,
        write=Action.CHANGE,
        args=lambda world, side: {"enrolment_id": world["enrolment"][side].pk},
    ),
    "list_mentoring": Entry(read=SIGNED_IN),
    "start_mentoring": Entry(
        read=None,
        write=Action.CHANGE,
        body=lambda world, side: {
            "mentor_id": world["twin"][side].pk,
            "mentee_id": world["person"][side].pk,
            "goals": "Chủ trì họp giao ban",
            "start_date": "2026-01-05",
        },
    ),
    "check_in_mentoring": Entry(
        read=None,
        write=Action.CHANGE,
        args=lambda world, side: {"pair_id": world["pair"][side].pk},
        body=lambda world, side: {"held_on": "2026-02-01", "progress": 30},
    ),
    "close_mentoring": Entry(
        read=None,
        write=Action.CHANGE,
        args=lambda world, side: {"pair_id": world["pair"][side].pk},
        body=lambda world, side: {"end_date": "2026-06-30"},
    ),
    "list_handovers": Entry(read=SIGNED_IN),
    "start_handover": Entry(
        read=None,
        write=Action.CHANGE,
        body=lambda world, side: {
            "person_id": world["person"][side].pk,
            "reason": "retirement",
            "due_on": "2026-12-31",
            "items": ["Hồ sơ đang giải quyết"],
        },
    ),
    "complete_handover_item": Entry(
        read=None,
        write=Action.CHANGE,
        args=lambda world, side: {"item_id": world["handover_item"][side].pk},
        body=lambda world, side: {},
    ),
    "list_religion_incidents": Entry(read=SIGNED_IN),
    "get_religion_incident": Entry(
        read=Action.VIEW, args=lambda world, side: {"incident_id": world["incident"][side].pk}
    ),
    "report_religion_incident": Entry(
        read=None,
        write=Action.CHANGE,
        body=lambda world, side: {
            "organization": world["organization"][side].code,
            "title": "Vụ việc mới",
            "topic": "complaint",
            "severity": 2,
            "occurred_on": "2025-09-01",
            "commune_code": "00004",
        },
    ),
    "get_religion_situation": Entry(read=SIGNED_IN),
    "get_religion_periodic_report": Entry(read=SIGNED_IN),
    "get_rule_table": Entry(read=SIGNED_IN, args=lambda world, side: {"table": "base_salary"}),
    "list_calculators": Entry(read=SIGNED_IN),
    "run_calculator": Entry(
        read=None,
        write=SIGNED_IN,
        args=lambda world, side: {"name": "base-salary"},
        body=lambda world, side: {"date": "2025-01-15"},
    ),
    "analyse_units": Entry(read=SIGNED_IN),
    "list_arrangement_plans": Entry(read=SIGNED_IN),
    "get_arrangement_plan": Entry(
        read=Action.VIEW, args=lambda world, side: {"plan_id": world["plan"][side].pk}
    ),
    # Evaluates without saving: any user who may see the plan.
    "evaluate_arrangement_plan": Entry(
        read=None,
        write=Action.VIEW,
        args=lambda world, side: {"plan_id": world["plan"][side].pk},
        body=lambda world, side: {"groups": []},
    ),
    "get_job": Entry(
        read=CREATOR_OR_ADMINISTRATOR, args=lambda world, side: {"job_id": world["job"][side].pk}
    ),
    "list_religion_records": Entry(read=SIGNED_IN, args=lambda world, side: {"kind": "places"}),
    "get_religion_record": Entry(
        read=Action.VIEW, args=lambda world, side: {"kind": "places", "record_id": world["place"][side].pk}
    ),
    "create_religion_record": Entry(
        read=None,
        write=Action.CHANGE,
        args=lambda world, side: {"kind": "places"},
        body=lambda world, side: {
            "name": "Chùa Mới",
            "kind": "belief",
            "organization": world["organization"][side].code,
            "effective_from": "2024-01-01",
        },
    ),
    "list_religion_dossiers": Entry(read=SIGNED_IN),
    "get_religion_dossier": Entry(
        read=Action.VIEW, args=lambda world, side: {"dossier_id": world["dossier"][side].pk}
    ),
    "receive_religion_dossier": Entry(
        read=None,
        write=Action.CHANGE,
        body=lambda world, side: {
            "organization": world["organization"][side].code,
            "procedure_code": "TG_SHTGTT",
            "applicant": "Nhóm Mới",
            "received_on": "2025-03-03",
        },
    ),
    "request_religion_supplement": Entry(
        read=None,
        write=Action.CHANGE,
        args=lambda world, side: {"dossier_id": world["dossier"][side].pk},
        body=lambda world, side: {"requested_on": "2025-03-05", "content": "Bổ sung giấy tờ địa điểm"},
    ),
    "receive_religion_supplement": Entry(
        read=None,
        write=Action.CHANGE,
        args=lambda world, side: {"dossier_id": world["dossier"][side].pk},
        body=lambda world, side: {"received_on": "2025-03-10"},
    ),
    "decide_religion_dossier": Entry(
        read=None,
        write=Action.APPROVE,
        args=lambda world, side: {"dossier_id": world["dossier"][side].pk},
        body=lambda world, side: {
            "decided_on": "2025-03-20",
            "outcome": "approved",
            "decision_number": "12/UBND",
        },
    ),
}
"""API operations by operationId."""


def fact_row(world: World, side: str) -> dict[str, Any]:
    # The world holds a family row on each side: the other kinds answer it 404 (not a row of theirs).
    return {"person_id": world["person"][side].pk, "fact_id": world["family"][side].pk}


def _correction_entries() -> dict[str, Entry]:
    from noivu.personnel.dossier import registry

    entries = {}
    for slug in registry.listed_kinds():
        name = slug.replace("-", "_")
        entries[f"update_{name}"] = Entry(
            read=None, write=Action.CHANGE, args=fact_row, body=lambda world, side: {"occupation": "Hưu trí"}
        )
        entries[f"delete_{name}"] = Entry(read=None, write=Action.CHANGE, args=fact_row)
    return entries


OPERATIONS.update(_correction_entries())
OPERATIONS.update(
    {
        "get_dossier_quality": Entry(read=SIGNED_IN),
        "list_statistical_reports": Entry(read=SIGNED_IN),
        "get_statistical_report": Entry(
            read=SIGNED_IN, args=lambda world, side: {"key": "personnel-quality"}
        ),
        "list_statistical_report_persons": Entry(
            read=SIGNED_IN, args=lambda world, side: {"key": "personnel-quality"}
        ),
        "get_person_dossier_quality": Entry(read=Action.VIEW, args=person_id),
        "list_dossier_identifier_problems": Entry(read=SIGNED_IN),
        "list_dossier_integrity_findings": Entry(read=Action.ADMINISTER),
        "get_sync_reconciliation": Entry(read=Action.ADMINISTER),
        "get_exchange_schema": Entry(read=SIGNED_IN, args=lambda world, side: {"name": "dossier-1"}),
        "list_exchange_conflicts": Entry(read=NATIONAL),
        "decide_exchange_conflict": Entry(
            read=None,
            write=NATIONAL,
            args=lambda world, side: {"conflict_id": 1},
            body=lambda world, side: {"take": False},
        ),
        "get_unit_sync_reconciliation": Entry(read=Action.ADMINISTER, args=organization_code),
        # Finding a dossier by its identifier is a read of personal data.
        "get_dossier_by_identifier": Entry(
            read=Action.VIEW_PERSONAL_DATA,
            args=lambda world, side: {"identifier": world["person"][side].cccd_number},
        ),
        # A person's own proposals: only a personal account, which no official's role is.
        "list_my_dossier_proposals": Entry(read=CREATOR),
        "submit_my_dossier_proposal": Entry(
            read=None,
            write=CREATOR,
            body=lambda world, side: {"kind": "contacts", "values": {"phone": "0912345678", "email": ""}},
        ),
        "list_dossier_proposals": Entry(read=Action.VIEW_PERSONAL_DATA),
        "get_dossier_proposal": Entry(
            read=Action.VIEW_PERSONAL_DATA,
            args=lambda world, side: {"proposal_id": world["proposal"][side].pk},
        ),
        "approve_dossier_proposal": Entry(
            read=None,
            write=Action.CHANGE,
            args=lambda world, side: {"proposal_id": world["proposal"][side].pk},
        ),
        "list_consent_requests": Entry(read=SIGNED_IN),
        "request_dossier_consent": Entry(
            read=None,
            write=SIGNED_IN,
            body=lambda world, side: {
                "identifier": "001099000001",
                "purpose": "Xác minh lý lịch để tiếp nhận",
            },
        ),
        "get_consented_dossier": Entry(
            read=CREATOR, args=lambda world, side: {"consent_id": world["consent"][side].pk}
        ),
        "list_my_consents": Entry(read=CREATOR),
        "answer_my_consent": Entry(
            read=None,
            write=CREATOR,
            args=lambda world, side: {"consent_id": world["consent"][side].pk},
            body=lambda world, side: {"decision": "withdraw", "days": 30},
        ),
        "return_dossier_proposal": Entry(
            read=None,
            write=Action.CHANGE,
            args=lambda world, side: {"proposal_id": world["proposal"][side].pk},
            body=lambda world, side: {"reason": "Thiếu giấy tờ"},
        ),
    }
)
