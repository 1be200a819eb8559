"""REST endpoints of the dated facts of a record (hồ sơ 2C): entry, reading, masking, errors, isolation."""

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client

from noivu.accounts.models import ApiToken
from noivu.core.models import AuditEvent
from noivu.evaluation.models import Evaluation
from noivu.payroll.models import Allowance, SalaryHistory
from noivu.personnel.dossier import registry
from noivu.personnel.dossier.actions import do_add_health_note
from noivu.personnel.dossier.models import (
    Education,
    FamilyRelation,
    RankHistory,
)

# Every kind of fact of the record, personnel's and those other apps register (salary, allowances).
KINDS = registry.fact_kinds()
LISTED_KINDS = registry.listed_kinds()

URL = "/api/v1/dossier"

pytestmark = pytest.mark.django_db


def api_client(user) -> Client:
    _, raw = ApiToken.issue(user, "kiểm thử")
    return Client(headers={"authorization": f"Bearer {raw}"})


def post(client: Client, person, kind: str, payload: dict):
    return client.post(f"{URL}/{person.pk}/{kind}", payload, content_type="application/json")


@pytest.fixture
def client_a(hr_a) -> Client:
    return api_client(hr_a)


def test_rank_then_salary_steps_close_the_previous_period_the_day_before(client_a, people):
    an = people["an"]
    response = post(client_a, an, "rank", {"rank_code": "01.003", "effective_from": "2020-01-01"})
    assert response.status_code == 201
    assert response.json()["fact"]["rank_name"] == "Chuyên viên"
    assert (
        post(
            client_a, an, "salary", {"step": 1, "coefficient": "2.34", "effective_from": "2020-01-01"}
        ).status_code
        == 201
    )
    second = post(client_a, an, "salary", {"step": 2, "coefficient": 2.67, "effective_from": "2023-01-01"})
    assert second.status_code == 201
    assert second.json()["fact"]["coefficient"] == "2.67"
    periods = list(SalaryHistory.objects.filter(person=an).order_by("effective_from"))
    assert [(p.step, p.coefficient, p.rank_code, p.effective_to) for p in periods] == [
        (1, Decimal("2.34"), "01.003", dt.date(2022, 12, 31)),
        (2, Decimal("2.67"), "01.003", None),
    ]
    assert RankHistory.objects.get(person=an).history.first().history_user.username == "hr_a"


def test_allowance_and_its_refusal_in_vietnamese(client_a, people):
    an = people["an"]
    both = {"kind": "leadership", "coefficient": "0.3", "percent": "5", "effective_from": "2024-01-01"}
    refused = post(client_a, an, "allowance", both)
    assert refused.status_code == 422
    assert any("chỉ một trong hai" in error["message"] for error in refused.json()["errors"])
    created = post(
        client_a,
        an,
        "allowance",
        {"kind": "leadership", "coefficient": "0.3", "effective_from": "2024-01-01"},
    )
    assert created.status_code == 201
    assert Allowance.objects.get(person=an).coefficient == Decimal("0.30")


def test_request_errors_name_the_field(client_a, people):
    an = people["an"]
    response = post(client_a, an, "allowance", {"kind": "bonus", "effective_from": "01/01/2024"})
    assert response.status_code == 422
    fields = {error["field"]: error["message"] for error in response.json()["errors"]}
    assert fields["effective_from"] == "phải là ngày dạng yyyy-mm-dd"
    assert fields["kind"].startswith("phải là một trong các giá trị")
    assert not Allowance.objects.exists()


def test_education_with_a_level_outside_its_kind_is_a_422_on_level(client_a, people):
    an = people["an"]
    wrong = post(client_a, an, "education", {"kind": "professional", "level": "12/12"})
    assert wrong.status_code == 422
    assert wrong.json()["errors"] == [
        {"field": "level", "message": "Trình độ không có trong danh mục của loại này."}
    ]
    right = post(
        client_a, an, "education", {"kind": "professional", "level": "master", "end_date": "2015-09-30"}
    )
    assert right.status_code == 201
    assert Education.objects.get(person=an).graduation_year == 2015


def test_evaluation_and_the_whole_dossier(client_a, people, hr_a):
    an = people["an"]
    assert post(client_a, an, "evaluation", {"year": 2024, "rating": "HTT"}).status_code == 201
    assert Evaluation.objects.get(person=an).get_rating_display() == "Hoàn thành tốt nhiệm vụ"
    body = client_a.get(f"{URL}/{an.pk}").json()
    assert set(body["facts"]) == set(LISTED_KINDS)
    assert body["facts"]["evaluation"][0]["rating"] == "HTT"
    assert body["masked"] is False


def test_family_and_health_are_masked_for_a_leader_and_each_read_is_logged(client_a, people, hr_a, leader_a):
    an = people["an"]
    family = {
        "relation": "spouse",
        "full_name": "Phạm Thị Hoa",
        "birth_year": 1987,
        "address": "Số 5, phường X, tỉnh A",
    }
    assert post(client_a, an, "family", family).status_code == 201
    assert FamilyRelation.objects.get(person=an).address == "Số 5, phường X, tỉnh A"
    do_add_health_note(
        person=an, recorded_on=dt.date(2024, 3, 1), status="Tốt", height_cm=172, acting_user=hr_a
    )

    full = client_a.get(f"{URL}/{an.pk}").json()["facts"]
    assert full["family"][0]["full_name"] == "Phạm Thị Hoa"
    assert full["health"][0]["height_cm"] == 172

    before = AuditEvent.objects.filter(event_type="record.viewed", channel="api").count()
    body = api_client(leader_a).get(f"{URL}/{an.pk}").json()
    assert body["masked"] is True
    member = body["facts"]["family"][0]
    assert (member["full_name"], member["address"], member["birth_year"], member["relation"]) == (
        "P. T. H.",
        "***",
        1987,
        "spouse",
    )
    health = body["facts"]["health"][0]
    assert (health["recorded_on"], health["status"], health["height_cm"]) == ("2024-03-01", "***", "***")
    log = AuditEvent.objects.filter(event_type="record.viewed", channel="api")
    assert log.count() == before + 1
    assert (log.latest("pk").acting_user, log.latest("pk").target_id) == (leader_a, str(an.pk))


def test_a_leader_is_forbidden_to_enter(people, leader_a):
    response = post(
        api_client(leader_a), people["an"], "rank", {"rank_code": "01.003", "effective_from": "2021-07-01"}
    )
    assert response.status_code == 403
    assert "không có quyền" in response.json()["detail"]
    assert not RankHistory.objects.exists()


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_another_provinces_person_is_not_found_and_nothing_is_written(client_a, people, kind):
    duc = people["duc"]
    logged = AuditEvent.objects.count()
    # A valid body, so that the answer is about the person and not about the body.
    response = post(client_a, duc, kind, VALID[kind])
    assert response.status_code == 404
    assert client_a.get(f"{URL}/{duc.pk}").status_code == 404
    assert AuditEvent.objects.count() == logged
    assert KINDS[kind].rows(duc).count() == 0


VALID = {
    "rank": {"rank_code": "01.003", "effective_from": "2021-07-01"},
    "salary": {"step": 1, "coefficient": "2.34", "effective_from": "2021-07-01"},
    "allowance": {"kind": "leadership", "coefficient": "0.2", "effective_from": "2021-07-01"},
    "party": {"admitted_on": "2010-05-19"},
    "education": {"kind": "it", "level": "basic"},
    "training": {"name": "Bồi dưỡng quản lý nhà nước", "start_date": "2022-03-01"},
    "family": {"relation": "father", "full_name": "Lê Văn Bố"},
    "evaluation": {"year": 2024, "rating": "HT"},
    "award": {"form": "Bằng khen", "decision_date": "2024-12-20"},
    "discipline": {"form": "reprimand", "decision_date": "2024-06-01"},
    "health": {"recorded_on": "2024-03-01", "status": "Tốt"},
    "allowance-end": {"kind": "leadership", "last_day": "2024-12-31"},
}


@pytest.mark.parametrize("kind", sorted(LISTED_KINDS))
def test_every_kind_is_entered_by_its_minimal_body(client_a, people, kind):
    response = post(client_a, people["an"], kind, VALID[kind])
    assert response.status_code == 201, response.json()
    assert KINDS[kind].rows(people["an"]).count() == 1


def test_unauthenticated_requests_are_refused(people):
    assert Client().get(f"{URL}/{people['an'].pk}").status_code == 401
    assert post(Client(), people["an"], "rank", VALID["rank"]).status_code == 401


def test_every_operation_declares_its_error_answers():
    document = Client().get("/api/v1/openapi.json").json()
    components = document["components"]["schemas"]
    operations = [
        (path, op)
        for path, methods in document["paths"].items()
        if path.startswith(URL)
        for op in methods.values()
    ]
    assert sorted(path for path, _op in operations) == sorted(
        [
            f"{URL}/{{person_id}}",
            *(f"{URL}/{{person_id}}/{kind}" for kind in KINDS),
            # The correction (PATCH) and the deletion (DELETE) of a fact of each listed kind.
            *(f"{URL}/{{person_id}}/{kind}/{{fact_id}}" for kind in LISTED_KINDS for _method in range(2)),
        ]
    )
    for path, operation in operations:
        assert operation["security"], path
        declared = set(operation["responses"])
        assert {"401", "403", "404", "422"} <= declared, path
        for status in declared - {"200", "201", "204"}:
            schema = operation["responses"][status]["content"]["application/json"]["schema"]
            name = schema["$ref"].rsplit("/", 1)[-1]
            assert "detail" in components[name]["properties"], (path, status)


def test_the_body_of_a_kind_is_documented_with_its_choices():
    document = Client().get("/api/v1/openapi.json").json()
    body = document["paths"][f"{URL}/{{person_id}}/evaluation"]["post"]["requestBody"]["content"]
    schema = document["components"]["schemas"][body["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]]
    assert schema["required"] == ["year", "rating"]
    assert schema["properties"]["rating"]["enum"] == ["HTXS", "HTT", "HT", "KHT"]


def test_an_allowance_ends_through_the_api(client_a, people):
    an = people["an"]
    refused = post(client_a, an, "allowance-end", VALID["allowance-end"])
    assert refused.status_code == 422
    assert refused.json()["errors"] == [
        {"field": "__all__", "message": "Không có phụ cấp loại này đang được hưởng."}
    ]
    post(client_a, an, "allowance", VALID["allowance"])
    ended = post(client_a, an, "allowance-end", VALID["allowance-end"])
    assert ended.status_code == 201
    assert ended.json()["fact"]["effective_to"] == "2024-12-31"
