"""The API's operation ids are part of its contract: a generated client names its functions by them
(``list_persons.sync(client=...)``), so they are short, unique, valid identifiers in every language, and
pinned here. Renaming an endpoint's function must not rename its operation: give the route an explicit
``operation_id=`` instead. A new operation is added below with the id its function's name gives it.
"""

import re

from noivu.api import api

PINNED = {
    "GET /api/v1/religion/registries/{kind}": "list_religion_records",
    "POST /api/v1/religion/registries/{kind}": "create_religion_record",
    "GET /api/v1/religion/registries/{kind}/{record_id}": "get_religion_record",
    "GET /api/v1/religion/dossiers": "list_religion_dossiers",
    "POST /api/v1/religion/dossiers": "receive_religion_dossier",
    "GET /api/v1/religion/dossiers/{dossier_id}": "get_religion_dossier",
    "POST /api/v1/religion/dossiers/{dossier_id}/supplements": "request_religion_supplement",
    "POST /api/v1/religion/dossiers/{dossier_id}/supplement-received": "receive_religion_supplement",
    "POST /api/v1/religion/dossiers/{dossier_id}/decision": "decide_religion_dossier",
    "GET /api/v1/religion/incidents": "list_religion_incidents",
    "POST /api/v1/religion/incidents": "report_religion_incident",
    "GET /api/v1/religion/incidents/{incident_id}": "get_religion_incident",
    "GET /api/v1/religion/situation": "get_religion_situation",
    "GET /api/v1/religion/reports": "get_religion_periodic_report",
    "GET /api/v1/me": "get_me",
    "GET /api/v1/organizations": "list_organizations",
    "GET /api/v1/organizations/{code}": "get_organization",
    "GET /api/v1/persons/retirements": "list_retirements",
    "GET /api/v1/persons/{person_id}/retirement": "get_person_retirement",
    "GET /api/v1/persons/duplicates": "list_duplicates",
    "POST /api/v1/persons/merge": "merge_persons",
    "GET /api/v1/persons/merges": "list_merges",
    "GET /api/v1/persons/addresses/ambiguous": "list_ambiguous_addresses",
    "POST /api/v1/persons/addresses/{address_id}/choose": "choose_address",
    "GET /api/v1/persons": "list_persons",
    "POST /api/v1/persons": "create_person",
    "GET /api/v1/persons/search": "search_persons",
    "GET /api/v1/persons/{person_id}/timeline": "get_person_timeline",
    "GET /api/v1/persons/{person_id}": "get_person",
    "PATCH /api/v1/persons/{person_id}": "update_person",
    "DELETE /api/v1/persons/{person_id}": "delete_person",
    "GET /api/v1/dossier/{person_id}": "get_dossier",
    "POST /api/v1/dossier/{person_id}/rank": "add_rank",
    "POST /api/v1/dossier/{person_id}/salary": "add_salary",
    "POST /api/v1/dossier/{person_id}/allowance": "add_allowance",
    "POST /api/v1/dossier/{person_id}/allowance-end": "add_allowance_end",
    "POST /api/v1/dossier/{person_id}/party": "add_party",
    "POST /api/v1/dossier/{person_id}/education": "add_education",
    "POST /api/v1/dossier/{person_id}/training": "add_training",
    "POST /api/v1/dossier/{person_id}/family": "add_family",
    "POST /api/v1/dossier/{person_id}/evaluation": "add_evaluation",
    "POST /api/v1/dossier/{person_id}/award": "add_award",
    "GET /api/v1/evaluation/evaluations": "list_evaluations",
    "POST /api/v1/evaluation/evaluations": "self_assess_evaluation",
    "POST /api/v1/evaluation/evaluations/{evaluation_id}/assess": "assess_evaluation",
    "POST /api/v1/evaluation/evaluations/{evaluation_id}/decide": "decide_evaluation",
    "GET /api/v1/evaluation/results/{code}": "get_unit_evaluation_results",
    "POST /api/v1/evaluation/units/{code}/rating": "rate_unit_evaluation",
    "GET /api/v1/evaluation/consequences": "list_evaluation_consequences",
    "GET /api/v1/evaluation/tasks": "list_evaluation_tasks",
    "POST /api/v1/evaluation/tasks": "assign_evaluation_task",
    "POST /api/v1/evaluation/tasks/{task_id}/progress": "report_evaluation_task_progress",
    "GET /api/v1/recruitment/plans": "list_recruitment_plans",
    "POST /api/v1/recruitment/plans": "create_recruitment_plan",
    "GET /api/v1/recruitment/plans/{plan_id}": "get_recruitment_plan",
    "GET /api/v1/recruitment/vacancies": "list_recruitment_vacancies",
    "POST /api/v1/recruitment/plans/{plan_id}/approval": "approve_recruitment_plan",
    "GET /api/v1/recruitment/plans/{plan_id}/candidates": "list_recruitment_candidates",
    "POST /api/v1/recruitment/plans/{plan_id}/candidates": "add_recruitment_candidate",
    "POST /api/v1/recruitment/plans/{plan_id}/rooms": "add_recruitment_room",
    "POST /api/v1/recruitment/plans/{plan_id}/seating": "seat_recruitment_candidates",
    "POST /api/v1/recruitment/candidates/{candidate_id}/scores": "enter_recruitment_score",
    "POST /api/v1/recruitment/plans/{plan_id}/scores": "import_recruitment_scores",
    "POST /api/v1/recruitment/candidates/{candidate_id}/appeals": "file_recruitment_appeal",
    "POST /api/v1/recruitment/appeals/{appeal_id}/result": "decide_recruitment_appeal",
    "GET /api/v1/recruitment/plans/{plan_id}/results": "get_recruitment_results",
    "POST /api/v1/recruitment/plans/{plan_id}/decision": "decide_recruitment",
    "POST /api/v1/dossier/{person_id}/discipline": "add_discipline",
    "POST /api/v1/dossier/{person_id}/health": "add_health",
    "PATCH /api/v1/dossier/{person_id}/rank/{fact_id}": "update_rank",
    "DELETE /api/v1/dossier/{person_id}/rank/{fact_id}": "delete_rank",
    "PATCH /api/v1/dossier/{person_id}/salary/{fact_id}": "update_salary",
    "DELETE /api/v1/dossier/{person_id}/salary/{fact_id}": "delete_salary",
    "PATCH /api/v1/dossier/{person_id}/allowance/{fact_id}": "update_allowance",
    "DELETE /api/v1/dossier/{person_id}/allowance/{fact_id}": "delete_allowance",
    "PATCH /api/v1/dossier/{person_id}/party/{fact_id}": "update_party",
    "DELETE /api/v1/dossier/{person_id}/party/{fact_id}": "delete_party",
    "PATCH /api/v1/dossier/{person_id}/education/{fact_id}": "update_education",
    "DELETE /api/v1/dossier/{person_id}/education/{fact_id}": "delete_education",
    "PATCH /api/v1/dossier/{person_id}/training/{fact_id}": "update_training",
    "DELETE /api/v1/dossier/{person_id}/training/{fact_id}": "delete_training",
    "PATCH /api/v1/dossier/{person_id}/family/{fact_id}": "update_family",
    "DELETE /api/v1/dossier/{person_id}/family/{fact_id}": "delete_family",
    "PATCH /api/v1/dossier/{person_id}/evaluation/{fact_id}": "update_evaluation",
    "DELETE /api/v1/dossier/{person_id}/evaluation/{fact_id}": "delete_evaluation",
    "PATCH /api/v1/dossier/{person_id}/award/{fact_id}": "update_award",
    "DELETE /api/v1/dossier/{person_id}/award/{fact_id}": "delete_award",
    "PATCH /api/v1/dossier/{person_id}/discipline/{fact_id}": "update_discipline",
    "DELETE /api/v1/dossier/{person_id}/discipline/{fact_id}": "delete_discipline",
    "PATCH /api/v1/dossier/{person_id}/health/{fact_id}": "update_health",
    "DELETE /api/v1/dossier/{person_id}/health/{fact_id}": "delete_health",
    "GET /api/v1/legislation/programmes": "list_programmes",
    "POST /api/v1/legislation/programmes": "create_programme",
    "POST /api/v1/legislation/programmes/{programme_id}/documents": "add_document",
    "GET /api/v1/legislation/documents": "list_documents",
    "GET /api/v1/legislation/documents/{document_id}": "document_detail",
    "POST /api/v1/legislation/documents/{document_id}/steps": "complete_step",
    "POST /api/v1/legislation/documents/{document_id}/amendments": "record_amendment",
    "POST /api/v1/legislation/documents/{document_id}/legal-bases": "link_legal_basis",
    "GET /api/v1/staffing/headcount": "list_headcount",
    "GET /api/v1/staffing/headcount/{code}/persons": "list_assigned_persons",
    "GET /api/v1/staffing/organizations/{code}": "get_organization_profile",
    "POST /api/v1/staffing/organizations/{code}": "save_organization_profile",
    "GET /api/v1/staffing/quotas": "list_quotas",
    "POST /api/v1/staffing/quotas": "propose_quota",
    "POST /api/v1/staffing/quotas/{quota_id}/appraise": "appraise_quota",
    "POST /api/v1/staffing/quotas/{quota_id}/decide": "decide_quota",
    "GET /api/v1/staffing/restructurings": "list_restructurings",
    "POST /api/v1/staffing/restructurings": "propose_restructuring",
    "POST /api/v1/staffing/restructurings/{event_id}/decide": "decide_restructuring",
    "POST /api/v1/staffing/restructurings/{event_id}/apply": "apply_restructuring",
    "GET /api/v1/staffing/targets": "list_streamlining_targets",
    "POST /api/v1/staffing/targets": "set_streamlining_target",
    "GET /api/v1/staffing/cases": "list_streamlining_cases",
    "POST /api/v1/staffing/cases": "propose_streamlining_case",
    "GET /api/v1/staffing/cases/{case_id}": "get_streamlining_case",
    "POST /api/v1/staffing/cases/{case_id}/decide": "decide_streamlining_case",
    "POST /api/v1/staffing/cases/{case_id}/execute": "execute_streamlining_case",
    "GET /api/v1/helpdesk/questions": "list_questions",
    "POST /api/v1/helpdesk/questions": "create_question",
    "GET /api/v1/helpdesk/questions/{question_id}": "question_detail",
    "POST /api/v1/helpdesk/questions/{question_id}/answer": "answer_question",
    "POST /api/v1/helpdesk/questions/{question_id}/publish": "publish_question",
    "GET /api/v1/helpdesk/knowledge": "search_knowledge",
    "GET /api/v1/helpdesk/questions/{question_id}/suggestions": "question_suggestions",
    "GET /api/v1/succession/pools": "list_pools",
    "POST /api/v1/succession/pools": "create_pool",
    "GET /api/v1/succession/pools/{pool_id}": "get_pool",
    "POST /api/v1/succession/pools/{pool_id}/candidates": "add_pool_candidate",
    "POST /api/v1/succession/pools/{pool_id}/candidates/{candidate_id}/remove": "remove_pool_candidate",
    "POST /api/v1/succession/pools/{pool_id}/reviews": "review_pool",
    "GET /api/v1/succession/pool-checks": "list_pool_checks",
    "GET /api/v1/succession/training-hours": "list_training_hours",
    "GET /api/v1/succession/courses": "list_courses",
    "POST /api/v1/succession/courses": "create_course",
    "POST /api/v1/succession/courses/{course_id}/enrolments": "enrol_course",
    "POST /api/v1/succession/enrolments/{enrolment_id}/complete": "complete_enrolment",
    "GET /api/v1/succession/mentoring": "list_mentoring",
    "POST /api/v1/succession/mentoring": "start_mentoring",
    "POST /api/v1/succession/mentoring/{pair_id}/check-ins": "check_in_mentoring",
    "GET /api/v1/succession/handovers": "list_handovers",
    "POST /api/v1/succession/handovers": "start_handover",
    "POST /api/v1/succession/handover-items/{item_id}/done": "complete_handover_item",
    "GET /api/v1/rules/{table}": "get_rule_table",
    "GET /api/v1/calculators": "list_calculators",
    "POST /api/v1/calculators/{name}": "run_calculator",
    "GET /api/v1/jobs/{job_id}": "get_job",
    "GET /api/v1/admin-units/analysis": "analyse_units",
    "GET /api/v1/admin-units/plans": "list_arrangement_plans",
    "GET /api/v1/admin-units/plans/{plan_id}": "get_arrangement_plan",
    "POST /api/v1/admin-units/plans/{plan_id}/evaluate": "evaluate_arrangement_plan",
    "GET /api/v1/positions/catalogue": "list_catalogue",
    "GET /api/v1/positions/catalogue/export": "export_catalogue",
    "POST /api/v1/positions/catalogue/import": "import_catalogue",
    "GET /api/v1/positions/catalogue/{code}/history": "get_catalogue_history",
    "POST /api/v1/positions/catalogue/{code}": "save_catalog_position",
    "GET /api/v1/positions/projects": "list_projects",
    "POST /api/v1/positions/projects": "create_project",
    "GET /api/v1/positions/projects/{project_id}": "get_project",
    "POST /api/v1/positions/projects/{project_id}/positions/{code}": "set_project_position",
    "POST /api/v1/positions/projects/{project_id}/positions/{code}/remove": "remove_project_position",
    "POST /api/v1/positions/projects/{project_id}/holders": "place_person",
    "POST /api/v1/positions/projects/{project_id}/holders/{holder_id}/remove": "unplace_person",
    "POST /api/v1/positions/projects/{project_id}/submit": "submit_project",
    "POST /api/v1/positions/projects/{project_id}/appraisal": "start_appraisal",
    "POST /api/v1/positions/projects/{project_id}/comments": "comment_project",
    "POST /api/v1/positions/projects/{project_id}/return": "return_project",
    "POST /api/v1/positions/projects/{project_id}/approve": "approve_project",
    "POST /api/v1/positions/projects/{project_id}/versions": "new_project_version",
    "GET /api/v1/positions/campaigns": "list_campaigns",
    "POST /api/v1/positions/campaigns": "open_campaign",
    "GET /api/v1/positions/campaigns/{campaign_id}/dashboard": "campaign_dashboard",
    "POST /api/v1/positions/campaigns/{campaign_id}/reminders": "send_reminders",
    "GET /api/v1/positions/gaps": "get_gaps",
    "GET /api/v1/positions/approved/{code}": "list_approved_positions",
    "GET /api/v1/payroll/persons/{person_id}/salary": "get_person_salary",
    "GET /api/v1/payroll/raises": "list_step_raises",
    "GET /api/v1/payroll/raise-proposals": "list_raise_proposals",
    "GET /api/v1/payroll/raise-proposals/{proposal_id}": "get_raise_proposal",
    "POST /api/v1/payroll/raise-proposals": "propose_raises",
    "POST /api/v1/payroll/raise-proposals/{proposal_id}/approve": "approve_raise_proposal",
    "POST /api/v1/payroll/raise-proposals/{proposal_id}/return": "return_raise_proposal",
    "POST /api/v1/payroll/persons/{person_id}/rank-placement": "place_on_new_rank",
    "GET /api/v1/payroll/runs": "list_payroll_runs",
    "GET /api/v1/payroll/runs/{run_id}": "get_payroll_run",
    "GET /api/v1/payroll/runs/{run_id}/lines": "list_payroll_lines",
    "GET /api/v1/payroll/scenarios": "list_salary_scenarios",
    "GET /api/v1/payroll/scenarios/{scenario_id}": "get_salary_scenario",
    "POST /api/v1/payroll/runs": "compute_payroll_run",
    "POST /api/v1/payroll/runs/{run_id}/lock": "lock_payroll_run",
    "POST /api/v1/payroll/runs/{run_id}/review": "review_payroll_run",
    "POST /api/v1/payroll/scenarios": "start_salary_scenario",
}


def operations() -> dict[str, str]:
    """``"METHOD /path"`` → operationId of every operation of the OpenAPI document."""
    document = api.get_openapi_schema()
    return {
        f"{method.upper()} {path}": operation["operationId"]
        for path, methods in document["paths"].items()
        for method, operation in methods.items()
    }


def test_operation_ids_are_pinned():
    found = operations()
    changed = {
        key: (PINNED[key], found[key]) for key in PINNED.keys() & found.keys() if PINNED[key] != found[key]
    }
    assert not changed, f"operation ids changed (pinned, now): {changed}"
    removed = sorted(PINNED.keys() - found.keys())
    assert not removed, f"pinned operations no longer in the API: {removed}"
    new = {key: found[key] for key in sorted(found.keys() - PINNED.keys())}
    assert not new, f"pin the ids of the new operations in PINNED: {new}"


def test_operation_ids_are_short_unique_identifiers():
    ids = list(operations().values())
    assert len(ids) == len(set(ids)), sorted({name for name in ids if ids.count(name) > 1})
    for name in ids:
        assert re.fullmatch(r"[a-z][a-z0-9_]{2,39}", name), name


def test_the_title_gives_a_generated_client_an_ascii_package_name():
    info = api.get_openapi_schema()["info"]
    assert info["title"].isascii() and re.fullmatch(r"[A-Za-z][A-Za-z0-9 ]*", info["title"])
    assert "Nội vụ số" in info["description"]
