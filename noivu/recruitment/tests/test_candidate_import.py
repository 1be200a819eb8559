"""Applications from a workbook: the plan's template with Vietnamese headers and its code lists, an upload
read by the candidate form of the plan's page and checked by the same action, all or nothing, with the
error workbook of a refusal; the API operation takes the same file."""

import datetime as dt
import io
import re

import openpyxl
import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from noivu.core.models import AuditEvent, Job
from noivu.personnel import codelists
from noivu.recruitment.actions import CANDIDATE_RULES
from noivu.recruitment.models import Candidate
from noivu.recruitment.tests import factories

pytestmark = pytest.mark.django_db

HEADERS = (
    "Vị trí dự tuyển",
    "Họ và tên",
    "Ngày sinh",
    "Giới tính",
    "Số CCCD",
    "Thư điện tử",
    "Điện thoại",
    "Trình độ chuyên môn",
    "Chuyên ngành",
    "Giấy tờ đã nộp",
    "Đối tượng ưu tiên",
    "Miễn thi",
    "Vị trí nguyện vọng 2",
)
HOA = [
    "TD01",
    "Phạm Thị Hoa",
    dt.date(1999, 5, 1),
    "Nữ",
    "001199000111",
    "hoa@example.com",
    "0912345678",
    "Đại học",
    "Tài chính",
    "Phiếu đăng ký dự tuyển; Bản sao văn bằng, bảng điểm",
    "Người dân tộc thiểu số",
    "",
]
# No application form handed in: kept, ineligible, with the reason.
BINH = ["TD01", "Lê Văn Bình", "04/03/1998", "Nam", "001098000007", "", "", "university", "", "", "", ""]


def workbook(rows: list[list[object]], headers: tuple[str, ...] = HEADERS) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.worksheets[0]
    sheet.append(list(headers))
    for row in rows:
        sheet.append(row)
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def upload(client, plan, content: bytes):
    return client.post(
        f"/recruitment/plans/{plan.pk}/candidates/import/",
        {"workbook": SimpleUploadedFile("ho-so.xlsx", content)},
    )


@pytest.fixture
def plan(tree):
    return factories.plan(tree["dept_a"])


def test_the_template_has_the_forms_vietnamese_headers_and_the_plans_code_lists(client, plan, hr_a):
    client.force_login(hr_a)
    response = client.get(f"/recruitment/plans/{plan.pk}/candidates/template/")
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    data, lists = book.worksheets
    assert data.title == "Hồ sơ dự tuyển"
    assert tuple(cell.value for cell in data[1]) == HEADERS
    assert data.max_row == 1
    assert "12 chữ số" in data["E1"].comment.text
    listed = {column[0].value: [c.value for c in column[1:] if c.value] for column in lists.iter_cols()}
    assert listed["Vị trí dự tuyển"] == ["TD01"]
    assert listed["Tên vị trí"] == ["Quản lý ngân sách"]
    assert listed["Giới tính"] == ["Nam", "Nữ"]
    assert "Đại học" in listed["Trình độ chuyên môn"]
    assert "Người dân tộc thiểu số" in listed["Đối tượng ưu tiên"]
    dropdowns = {str(v.sqref).split(":")[0]: v.formula1 for v in data.data_validations.dataValidation}
    assert dropdowns["A2"] == dropdowns["M2"] == "'Danh mục'!$A$2:$A$2"


def test_the_filled_template_records_every_application_as_the_plans_form_does(
    client, plan, hr_a, django_capture_on_commit_callbacks
):
    client.force_login(hr_a)
    template = client.get(f"/recruitment/plans/{plan.pk}/candidates/template/").content
    book = openpyxl.load_workbook(io.BytesIO(template))
    book.active.append(HOA)
    book.active.append(BINH)
    filled = io.BytesIO()
    book.save(filled)
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, plan, filled.getvalue())
    assert response.status_code == 302
    hoa, binh = Candidate.objects.order_by("full_name").reverse()
    assert (hoa.full_name, hoa.gender, hoa.birth_date, hoa.cccd_number) == (
        "Phạm Thị Hoa",
        "F",
        dt.date(1999, 5, 1),
        "001199000111",
    )
    assert hoa.documents == ["application_form", "degree"]
    assert hoa.priority_grounds == ["ethnic_minority"]
    assert (hoa.qualification, hoa.source, hoa.status) == ("university", "import", "eligible")
    assert (binh.birth_date, binh.status) == (dt.date(1998, 3, 4), "ineligible")
    assert binh.ineligibility == ["Thiếu giấy tờ: Phiếu đăng ký dự tuyển."]
    event = AuditEvent.objects.get(event_type="recruitment.candidates_imported")
    assert sorted(event.extra["candidates"]) == sorted([hoa.pk, binh.pk])
    assert [message.to for message in mail.outbox] == [["hoa@example.com"]]


def test_a_bad_row_refuses_the_whole_file_naming_row_column_and_rule_with_an_error_workbook(
    client, plan, hr_a, django_capture_on_commit_callbacks
):
    client.force_login(hr_a)
    rows = [
        HOA,
        ["TD09", *BINH[1:]],  # no such position in the plan
        [*BINH[:2], "31/02/1998", "Nam", "001098000008", *BINH[5:]],  # no such day
        [*BINH[:4], "001098000001", *BINH[5:7], "Đại học", *BINH[8:]],  # CCCD: gender code of a man born
        [*HOA[:1], "Phạm Thị Hoa (lần 2)", *HOA[2:]],  # the same person twice
    ]
    rows[3][3] = "Nữ"  # the CCCD says a man
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, plan, workbook(rows))
    assert response.status_code == 200
    assert not Candidate.objects.exists()
    assert not mail.outbox
    problems = [(p["row"], str(p["column"]), str(p["rule"])) for p in response.context["problems"]]
    assert problems == [
        (3, "Vị trí dự tuyển", "Giá trị có trong danh mục của kế hoạch"),
        (4, "Ngày sinh", "Đúng định dạng (ngày dd/mm/yyyy, thư điện tử, độ dài)"),
        (5, "Số CCCD", "Số CCCD hợp lệ, khớp ngày sinh và giới tính"),
        (6, "Số CCCD", "Mỗi người một hồ sơ trong kế hoạch"),
    ]
    text = response.content.decode()
    assert "Dòng 3, cột «Vị trí dự tuyển»: Không có vị trí này trong kế hoạch; các mã vị trí: TD01." in text
    link = re.search(r'id="import-error-file" href="([^"]+)"', text).group(1)
    error_file = client.get(link)
    assert error_file.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(b"".join(error_file.streaming_content)))
    data, listing = book.worksheets
    assert [cell.value for cell in data[1]] == [*HEADERS, "Lỗi"]
    assert data["N2"].value is None
    assert data["N3"].value.startswith("Vị trí dự tuyển (Giá trị có trong danh mục của kế hoạch)")
    assert "Không có vị trí này" in data["A3"].comment.text
    assert [row[:2] for row in listing.iter_rows(min_row=2, values_only=True)] == [
        (3, "Vị trí dự tuyển"),
        (4, "Ngày sinh"),
        (5, "Số CCCD"),
        (6, "Số CCCD"),
    ]
    # The error workbook, corrected, is uploaded again as it is (its «Lỗi» column ignored).
    data["A3"], data["C4"], data["D5"] = "TD01", "28/02/1998", "Nam"
    data.delete_rows(6)
    fixed = io.BytesIO()
    book.save(fixed)
    again = upload(client, plan, fixed.getvalue())
    assert again.status_code == 302, again.context.get("problems") or again.context.get("file_errors")
    assert Candidate.objects.count() == 4


def test_the_form_the_api_and_the_workbook_refuse_an_application_with_the_same_message(client, plan, hr_a):
    client.force_login(hr_a)
    page = client.post(
        f"/recruitment/plans/{plan.pk}/",
        {
            "step": "candidate",
            "position": plan.positions.get().pk,
            "full_name": "Lê Văn Bình",
            "birth_date": "04/03/1998",
            "gender": "F",
            "cccd_number": "001098000007",
            "qualification": "university",
        },
    )
    [message] = page.context["candidate_form"].errors["cccd_number"]
    uploaded = upload(client, plan, workbook([[*BINH[:3], "Nữ", *BINH[4:]]]))
    assert [p["message"] for p in uploaded.context["problems"]] == [f"Dòng 2, cột «Số CCCD»: {message}"]
    api = client.post(
        f"/api/v1/recruitment/plans/{plan.pk}/candidates/import",
        {"workbook": SimpleUploadedFile("ho-so.xlsx", workbook([[*BINH[:3], "Nữ", *BINH[4:]]]))},
    )
    assert api.status_code == 422
    assert api.json()["errors"] == [
        {
            "field": "cccd_number",
            "row": 2,
            "column": "Số CCCD",
            "rule": "cccd",
            "message": f"Dòng 2, cột «Số CCCD»: {message}",
        }
    ]
    assert not Candidate.objects.exists()


def test_the_api_records_the_applications_of_a_workbook(client, plan, hr_a):
    client.force_login(hr_a)
    response = client.post(
        f"/api/v1/recruitment/plans/{plan.pk}/candidates/import",
        {"workbook": SimpleUploadedFile("ho-so.xlsx", workbook([HOA, BINH]))},
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["imported"], body["ineligible"]) == (2, 1)
    assert [c["full_name"] for c in body["candidates"]] == ["Phạm Thị Hoa", "Lê Văn Bình"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"ho ten,ngay sinh\nA,01/01/2000\n", "không phải là tệp Excel"),
        (workbook([["Phạm Thị Hoa"]], headers=("Họ và tên",)), "thiếu cột bắt buộc: Vị trí dự tuyển"),
    ],
)
def test_a_file_that_is_not_an_application_workbook_is_named_as_such(client, plan, hr_a, content, message):
    client.force_login(hr_a)
    response = upload(client, plan, content)
    assert message in response.content.decode()
    assert not Candidate.objects.exists()


def test_a_plan_not_taking_applications_refuses_the_file(client, tree, hr_a):
    draft = factories.plan(tree["dept_a"], status="draft")
    client.force_login(hr_a)
    response = upload(client, draft, workbook([HOA]))
    assert "chưa được phê duyệt" in response.content.decode()
    assert not Candidate.objects.exists()


def test_a_second_preference_is_read_from_its_column_and_refused_naming_row_column_and_rule(
    client, plan, hr_a
):
    plan.staff_kind = "public_employee"
    plan.save()
    plan.positions.create(code="TD02", name="Kế toán", quota=1, round1=False, field_of_study="Kế toán")
    same = plan.positions.create(code="TD03", name="Thủ quỹ", quota=1, round1=False)
    client.force_login(hr_a)
    response = upload(client, plan, workbook([[*HOA, "TD02"], [*BINH, "TD09"]]))
    assert response.status_code == 200 and not Candidate.objects.exists()
    text = response.content.decode()
    assert "Dòng 2, cột «Vị trí nguyện vọng 2»: Vị trí nguyện vọng 2 phải có cùng tiêu chuẩn" in text
    assert "Dòng 3, cột «Vị trí nguyện vọng 2»: Không có vị trí này trong kế hoạch" in text
    response = upload(client, plan, workbook([[*HOA, "TD03"]]))
    assert response.status_code == 302
    assert Candidate.objects.get().second_position == same


def test_an_admission_plans_workbook_carries_the_group_and_facts_vetted_as_on_the_form(client, tree, hr_a):
    admission = factories.plan(tree["dept_a"], method="admission", quota=1)
    client.force_login(hr_a)
    template = client.get(f"/recruitment/plans/{admission.pk}/candidates/template/").content
    book = openpyxl.load_workbook(io.BytesIO(template))
    data, lists = book.worksheets
    headers = [cell.value for cell in data[1]]
    assert headers == [
        *HEADERS[:10],
        "Đối tượng tiếp nhận",
        "Số tháng công tác phù hợp",
        "Điều kiện tiếp nhận đã đáp ứng",
    ]
    listed = {column[0].value: [c.value for c in column[1:] if c.value] for column in lists.iter_cols()}
    groups = listed["Đối tượng tiếp nhận"]
    employee = "b) Viên chức công tác tại đơn vị sự nghiệp công lập"
    assert employee in groups and len(groups) == 8
    assert (
        "Có quyết định bằng văn bản của cấp có thẩm quyền điều động, chuyển công tác"
        in listed["Điều kiện tiếp nhận đã đáp ứng"]
    )
    base = HOA[:10]
    no_discipline = "Không trong thời hạn xử lý kỷ luật hoặc thi hành quyết định kỷ luật"
    rows = [
        [*base, employee, 59, no_discipline],  # one month short: kept with the reason
        [*BINH[:10], "Người ngoài danh mục", "", ""],  # no such group
        [*BINH[:2], "04/03/1997", *BINH[3:4], "001097000009", *BINH[5:10], "", "72", ""],  # no group
        [*BINH[:2], "04/03/1996", *BINH[3:4], "001096000009", *BINH[5:10], employee, "-1", ""],
    ]
    response = client.post(
        f"/recruitment/plans/{admission.pk}/candidates/import/",
        {"workbook": SimpleUploadedFile("ho-so.xlsx", workbook(rows, tuple(headers)))},
    )
    assert response.status_code == 200 and not Candidate.objects.exists()
    problems = [(p["row"], str(p["column"]), str(p["rule"])) for p in response.context["problems"]]
    assert problems == [
        (3, "Đối tượng tiếp nhận", "Giá trị có trong danh mục của kế hoạch"),
        (4, "Đối tượng tiếp nhận", CANDIDATE_RULES["admission"]),
        (5, "Số tháng công tác phù hợp", "Đúng định dạng (ngày dd/mm/yyyy, thư điện tử, độ dài)"),
    ]
    assert "Dòng 4, cột «Đối tượng tiếp nhận»: Cần đối tượng tiếp nhận" in response.content.decode()
    # The same file through the API, as the page; then the first row alone is received and vetted.
    api = client.post(
        f"/api/v1/recruitment/plans/{admission.pk}/candidates/import",
        {"workbook": SimpleUploadedFile("ho-so.xlsx", workbook(rows, tuple(headers)))},
    )
    assert [(e["row"], e["rule"]) for e in api.json()["errors"]] == [
        (3, "choice"),
        (4, "admission"),
        (5, "format"),
    ]
    response = client.post(
        f"/recruitment/plans/{admission.pk}/candidates/import/",
        {"workbook": SimpleUploadedFile("ho-so.xlsx", workbook(rows[:1], tuple(headers)))},
    )
    assert response.status_code == 302
    hoa = Candidate.objects.get()
    assert (hoa.admission_group, hoa.work_months, hoa.admission_conditions) == (
        "public_employee",
        59,
        ["no_discipline"],
    )
    assert hoa.status == "ineligible"
    assert hoa.ineligibility == [
        "Chưa đủ 60 tháng công tác phù hợp của đối tượng «b) Viên chức công tác tại đơn vị sự nghiệp công "
        "lập» (có 59 tháng) — 170/2025/NĐ-CP, Điều 13."
    ]


def test_admission_facts_in_an_exam_plans_workbook_are_refused(client, plan, hr_a):
    client.force_login(hr_a)
    response = upload(
        client,
        plan,
        workbook(
            [[*HOA, "", "b) Viên chức công tác tại đơn vị sự nghiệp công lập"]],
            (*HEADERS, "Đối tượng tiếp nhận"),
        ),
    )
    assert [(p["row"], str(p["column"])) for p in response.context["problems"]] == [
        (2, "Đối tượng tiếp nhận")
    ]
    assert "Chỉ hồ sơ của kế hoạch tiếp nhận" in response.context["problems"][0]["message"]


def test_a_large_workbook_is_checked_and_recorded_as_a_background_job_all_or_nothing(
    client, plan, hr_a, settings, django_capture_on_commit_callbacks
):
    settings.RECRUITMENT_IMPORT_INLINE_ROWS = 1
    client.force_login(hr_a)
    bad = [HOA, BINH, [*HOA[:1], "Phạm Thị Hoa (lần 2)", *HOA[2:]]]
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, plan, workbook(bad))
    job = Job.objects.get(kind="recruitment-candidates-import")
    assert response.status_code == 302 and response["Location"] == f"/recruitment/imports/{job.pk}/"
    assert not Candidate.objects.exists()
    job.refresh_from_db()
    assert (job.status, job.progress, job.result["ok"], job.result["rows"]) == ("done", 100, False, 3)
    assert [(p["row"], p["column"], p["rule"]) for p in job.result["problems"]] == [
        (4, "Số CCCD", "Mỗi người một hồ sơ trong kế hoạch")
    ]
    page = client.get(response["Location"]).content.decode()
    assert "Dòng 4, cột «Số CCCD»: Người có số CCCD này đã nộp hồ sơ vào kế hoạch." in page
    errors = client.get(f"/recruitment/imports/{job.pk}/errors/")
    book = openpyxl.load_workbook(io.BytesIO(b"".join(errors.streaming_content)))
    assert book.worksheets[0]["N4"].value.startswith("Số CCCD (Mỗi người một hồ sơ trong kế hoạch)")
    # The API starts the same job for a large file and answers with its number.
    with django_capture_on_commit_callbacks(execute=True):
        api = client.post(
            f"/api/v1/recruitment/plans/{plan.pk}/candidates/import",
            {"workbook": SimpleUploadedFile("ho-so.xlsx", workbook(bad[:2]))},
        )
    assert api.status_code == 202 and api.json()["rows"] == 2
    done = client.get(f"/api/v1/jobs/{api.json()['job']}").json()
    assert (
        done["status"],
        done["result"]["ok"],
        done["result"]["created"],
        done["result"]["ineligible"],
    ) == (
        "done",
        True,
        2,
        1,
    )
    assert sorted(Candidate.objects.values_list("full_name", flat=True)) == ["Lê Văn Bình", "Phạm Thị Hoa"]
    assert AuditEvent.objects.filter(event_type="recruitment.candidates_imported").count() == 1


def test_a_template_filled_on_the_english_interface_is_read_on_the_vietnamese_one(
    client, plan, hr_a, django_capture_on_commit_callbacks
):
    client.force_login(hr_a)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    template = client.get(f"/recruitment/plans/{plan.pk}/candidates/template/").content
    book = openpyxl.load_workbook(io.BytesIO(template))
    data, lists = book.worksheets
    listed = {column[0].value: [c.value for c in column[1:] if c.value] for column in lists.iter_cols()}
    assert "Position applied for" in [cell.value for cell in data[1]]
    assert "Members of ethnic minorities" in listed["Priority group"]
    data.append(
        [
            "TD01",
            "Phạm Thị Hoa",
            dt.date(1999, 5, 1),
            "Female",
            "001199000111",
            "",
            "",
            listed["Qualification"][0],
            "Tài chính",
            "Application form; Copies of degrees and transcripts",
            "Members of ethnic minorities",
            "",
        ]
    )
    filled = io.BytesIO()
    book.save(filled)
    client.post("/i18n/setlang/", {"language": "vi", "next": "/"})
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, plan, filled.getvalue())
    assert response.status_code == 302, response.content.decode()[:2000]
    hoa = Candidate.objects.get()
    assert hoa.gender == "F"
    with translation.override("en"):
        by_label = {label: code for code, label in codelists.education_levels("professional").choices}
    assert hoa.qualification == by_label[listed["Qualification"][0]]
    assert hoa.documents == ["application_form", "degree"]
    assert hoa.priority_grounds == ["ethnic_minority"]
