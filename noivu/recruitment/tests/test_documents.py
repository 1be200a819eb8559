"""The files of an application: sent with the public form or handed to the officer, checked for type (by
extension and content) and size, kept in the file storage and downloaded only by officers in scope, each
download audited."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from noivu.core.actions import ActionContext, action
from noivu.core.audit import event_type
from noivu.core.models import AuditEvent
from noivu.recruitment import actions
from noivu.recruitment.documents import Upload, check_document
from noivu.recruitment.models import ApplicationDocument, Candidate
from noivu.recruitment.tests import factories
from noivu.recruitment.tests.test_views import application

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def storage(settings, tmp_path):
    """The files of each test in a folder of its own."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bang.gif", b"GIF89a", "chỉ nhận PDF, JPG, JPEG, PNG"),
        ("bang.pdf", b"MZ\x90\x00", "không phải PDF như đuôi .pdf"),
        ("bang.pdf", b"", "rỗng"),
        ("bang.pdf", PDF + b"x" * 100, "vượt quá giới hạn 64 byte"),
    ],
)
def test_a_file_of_the_wrong_type_or_size_is_refused_naming_it(settings, name, content, message):
    settings.RECRUITMENT_MAX_DOCUMENT_BYTES = 64
    with pytest.raises(ValidationError, match=message) as refused:
        check_document(Upload("degree", name, content))
    assert "Bản sao văn bằng, bảng điểm" in refused.value.messages[0]


def test_an_accepted_file_keeps_its_base_name_and_type():
    checked = check_document(Upload("priority_proof", "C:\\giay to\\uu tien.PNG", PNG))
    assert (checked.name, checked.content_type) == ("uu tien.PNG", "image/png")


def test_files_sent_with_the_public_form_are_kept_and_counted_among_the_papers(tree):
    plan = factories.plan(tree["dept_a"])
    body = application(
        plan,
        documents=[],
        file_application_form=SimpleUploadedFile("phieu.pdf", PDF),
        file_degree=SimpleUploadedFile("bang.pdf", PDF),
    )
    response = Client().post(f"/recruitment/apply/{plan.pk}/", body)
    assert response.status_code == 200, response.content.decode()[:500]
    candidate = Candidate.objects.get()
    # The form was not ticked, but the file sent counts: the application is complete.
    assert candidate.documents == ["application_form", "degree"] and candidate.status == "eligible"
    files = {row.kind: row for row in ApplicationDocument.objects.all()}
    assert set(files) == {"application_form", "degree"}
    stored = files["degree"].file.name
    assert stored.startswith(f"recruitment/applications/{plan.pk}/") and "bang" not in stored
    with default_storage.open(stored) as kept:
        assert kept.read() == PDF


def test_a_bad_file_refuses_the_whole_application_and_writes_nothing(tree):
    plan = factories.plan(tree["dept_a"])
    body = application(
        plan,
        file_degree=SimpleUploadedFile("bang.pdf", PDF),
        file_certificate=SimpleUploadedFile("chung-chi.pdf", b"not a pdf"),
    )
    response = Client().post(f"/recruitment/apply/{plan.pk}/", body)
    assert response.status_code == 400
    assert "Bản sao chứng chỉ: Nội dung tệp «chung-chi.pdf» không phải PDF" in response.content.decode()
    assert not Candidate.objects.exists() and not ApplicationDocument.objects.exists()
    assert not default_storage.exists(f"recruitment/applications/{plan.pk}")


def test_an_officer_adds_a_file_and_only_officers_in_scope_download_it_audited(client, tree, hr_a, hr_b):
    plan = factories.plan(tree["dept_a"])
    candidate = factories.candidate(plan, "Nguyễn Văn Một", "001098000001")
    client.force_login(hr_a)
    url = f"/recruitment/candidates/{candidate.pk}/"
    refused = client.post(
        url,
        {
            "step": "document",
            "document-kind": "certificate",
            "document-file": SimpleUploadedFile("cc.exe", b"MZ"),
        },
    )
    assert "chỉ nhận PDF, JPG, JPEG, PNG" in refused.content.decode()
    assert not ApplicationDocument.objects.exists()
    done = client.post(
        url,
        {
            "step": "document",
            "document-kind": "certificate",
            "document-file": SimpleUploadedFile("cc.png", PNG),
        },
    )
    assert done.status_code == 302
    document = ApplicationDocument.objects.get()
    candidate.refresh_from_db()
    assert "certificate" in candidate.documents
    assert AuditEvent.objects.filter(event_type="recruitment.document_attached").count() == 1
    assert "cc.png" in client.get(url).content.decode()
    download = client.get(f"/recruitment/documents/{document.pk}/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PNG
    assert 'attachment; filename="cc.png"' in download["Content-Disposition"]
    event = AuditEvent.objects.get(event_type="recruitment.document_downloaded")
    assert (event.acting_user, event.extra) == (hr_a, {"document": document.pk})
    client.force_login(hr_b)
    assert client.get(f"/recruitment/documents/{document.pk}/").status_code == 404
    assert Client().get(f"/recruitment/documents/{document.pk}/").status_code == 302
    assert AuditEvent.objects.filter(event_type="recruitment.document_downloaded").count() == 1


def test_the_api_lists_attaches_and_downloads_a_file(client, tree, hr_a):
    plan = factories.plan(tree["dept_a"])
    candidate = factories.candidate(plan, "Nguyễn Văn Một", "001098000001")
    client.force_login(hr_a)
    url = f"/api/v1/recruitment/candidates/{candidate.pk}/documents"
    bad = client.post(url, {"kind": "diploma", "file": SimpleUploadedFile("bang.pdf", PDF)})
    assert bad.status_code == 422 and "Loại giấy tờ «diploma»" in bad.json()["errors"][0]["message"]
    created = client.post(url, {"kind": "degree", "file": SimpleUploadedFile("bang.pdf", PDF)})
    assert created.status_code == 201, created.content
    assert [row["name"] for row in client.get(url).json()] == ["bang.pdf"]
    download = client.get(f"/api/v1/recruitment/documents/{created.json()['id']}")
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert AuditEvent.objects.get(event_type="recruitment.document_downloaded").channel == "api"


def test_an_application_carries_at_most_ten_files(tree, hr_a):
    plan = factories.plan(tree["dept_a"])
    candidate = factories.candidate(plan, "Nguyễn Văn Một", "001098000001")
    for number in range(10):
        actions.do_attach_document(
            candidate=candidate, upload=Upload("degree", f"bang-{number}.pdf", PDF), acting_user=hr_a
        )
    with pytest.raises(ValidationError, match="tối đa 10 tệp"):
        actions.do_attach_document(
            candidate=candidate, upload=Upload("degree", "bang-10.pdf", PDF), acting_user=hr_a
        )
    assert ApplicationDocument.objects.count() == 10


def test_a_file_taken_off_an_application_leaves_no_file_in_the_storage(
    client, tree, hr_a, django_capture_on_commit_callbacks
):
    plan = factories.plan(tree["dept_a"])
    candidate = factories.candidate(plan, "Nguyễn Văn Một", "001098000001")
    with django_capture_on_commit_callbacks(execute=True):
        kept = actions.do_attach_document(
            candidate=candidate, upload=Upload("degree", "bang.pdf", PDF), acting_user=hr_a
        )
    stored = kept.file.name
    assert default_storage.exists(stored)
    client.force_login(hr_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/recruitment/candidates/{candidate.pk}/", {"step": "remove_document", "document": kept.pk}
        )
    assert response.status_code == 302
    assert not ApplicationDocument.objects.exists() and not default_storage.exists(stored)
    event = AuditEvent.objects.get(event_type="recruitment.document_removed")
    assert event.extra == {"document": kept.pk, "kind": "degree", "name": "bang.pdf"}
    # A file replaced on its row, or whose plan is deleted, goes too.
    with django_capture_on_commit_callbacks(execute=True):
        first = actions.do_attach_document(
            candidate=candidate, upload=Upload("degree", "bang.pdf", PDF), acting_user=hr_a
        )
        old = first.file.name
        first.file.save("bang-2.pdf", ContentFile(PDF))
    assert not default_storage.exists(old) and default_storage.exists(first.file.name)
    with django_capture_on_commit_callbacks(execute=True):
        plan.delete()
    assert not default_storage.exists(first.file.name)


ATTACHED_THEN_REFUSED = event_type(
    "test.document_attached_then_refused", "Nhận tệp rồi bị từ chối (kiểm thử)"
)


@action(ATTACHED_THEN_REFUSED)
def do_attach_then_refuse(ctx: ActionContext, *, candidate: Candidate) -> None:
    ctx.require(candidate.plan)
    document = actions.do_attach_document(
        candidate=candidate, upload=Upload("degree", "bang.pdf", PDF), acting_user=ctx.user
    )
    stored.append(document.file.name)
    raise ValidationError("Từ chối sau khi đã ghi tệp")


stored: list[str] = []


def test_a_file_stored_by_an_action_that_then_rolls_back_leaves_nothing_in_the_storage(tree, hr_a, storage):
    plan = factories.plan(tree["dept_a"])
    candidate = factories.candidate(plan, "Nguyễn Văn Một", "001098000001")
    stored.clear()
    with pytest.raises(ValidationError, match="Từ chối sau khi đã ghi tệp"):
        do_attach_then_refuse(candidate=candidate, acting_user=hr_a)
    assert len(stored) == 1 and stored[0]
    assert not ApplicationDocument.objects.exists()
    assert not default_storage.exists(stored[0])
    assert not [path for path in storage.rglob("*") if path.is_file()]
