"""Self-service: personal accounts created from the dossier, a person's proposals to change their own
dossier, checked by the record's rules, and the HR officer's approval (applied, audited, queued for the
national database) or return; a personal account sees its own dossier and nothing else."""

import base64
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from python_calamine import CalamineWorkbook

from conftest import make_person, make_user
from noivu.core.models import AuditEvent
from noivu.core.permissions import Role
from noivu.edossier.models import ChangeProposal, PersonAccount, ProposalStatus, SyncEvent
from noivu.personnel.dossier.models import Education, FamilyRelation
from noivu.personnel.records.actions import do_update_person

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def accounts(client, tree, people, hr_a):
    """Accounts created by province A's HR officer; returns the workbook's rows (name, user, link)."""
    make_person(tree["dept_a"], "Phạm Văn Cường", cccd_number="123456789")  # an old CMND: no account
    client.force_login(hr_a)
    response = client.post(reverse("edossier:accounts"))
    book = CalamineWorkbook.from_filelike(io.BytesIO(response.content)).get_sheet_by_index(0).to_python()
    client.logout()
    return {row[1]: (row[2], row[3]) for row in book[1:] if row and row[0]}


@pytest.fixture
def an_client(accounts, people):
    """A's An, signed in with his personal account (a browser of his own)."""
    own = Client()
    own.force_login(PersonAccount.objects.get(person=people["an"]).user)
    return own


def test_accounts_are_created_from_valid_identifiers_in_scope_once(client, accounts, people, hr_a):
    assert set(accounts) == {"Nguyễn Văn An", "Trần Thị Bình"}  # not B's Dũng, not Cường's CMND
    assert accounts["Nguyễn Văn An"][0] == people["an"].cccd_number
    assert AuditEvent.objects.filter(event_type="edossier.accounts_created", acting_user=hr_a).exists()
    account = PersonAccount.objects.get(person=people["an"])
    assert account.history.get().history_user == account.user.history.get().history_user == hr_a
    client.force_login(hr_a)
    client.post(reverse("edossier:accounts"))
    assert PersonAccount.objects.count() == 2


def test_the_first_login_link_sets_the_password_once_and_lands_on_the_own_dossier(client, accounts):
    username, link = accounts["Trần Thị Bình"]
    path = re.sub(r"^https?://[^/]+", "", link)
    form_page = client.get(path, follow=True)
    assert "new_password1" in form_page.content.decode()
    client.post(
        form_page.redirect_chain[-1][0], {"new_password1": "Hoa-sen-2026!", "new_password2": "Hoa-sen-2026!"}
    )
    home = client.post(
        reverse("accounts:login"), {"username": username, "password": "Hoa-sen-2026!"}, follow=True
    )
    assert home.redirect_chain[-1][0] == reverse("edossier:me")
    page = home.content.decode()
    assert "Trần Thị Bình" in page and "Hồ sơ của tôi" in page
    assert reverse("personnel:list") not in page  # no official menu for a personal account
    client.logout()
    again = client.get(path, follow=True).content.decode()
    assert "không còn dùng được" in again


def test_links_are_given_again_for_the_accounts_never_used(client, accounts, people, hr_a):
    client.force_login(PersonAccount.objects.get(person=people["an"]).user)  # An has logged in
    client.force_login(hr_a)
    response = client.post(reverse("edossier:accounts"), {"again": "1"})
    rows = CalamineWorkbook.from_filelike(io.BytesIO(response.content)).get_sheet_by_index(0).to_python()
    assert [row[1] for row in rows[1:] if row and row[0]] == ["Trần Thị Bình"]


def test_a_personal_account_sees_its_own_dossier_and_nothing_else(an_client, people):
    assert an_client.get(reverse("personnel:detail", args=[people["binh"].pk])).status_code == 404
    assert an_client.get(reverse("personnel:detail", args=[people["an"].pk])).status_code == 404
    assert an_client.get(reverse("edossier:proposals")).status_code == 403
    assert an_client.get(reverse("edossier:index")).content.decode().count("Trần Thị Bình") == 0
    page = an_client.get(reverse("edossier:me")).content.decode()
    assert people["an"].cccd_number in page and "Trần Thị Bình" not in page
    menu = page.split("</nav>")[0].split('id="main-menu"')[1]
    assert f'href="{reverse("reports:dashboard")}"' not in menu and "Hồ sơ của tôi" in menu


def test_the_proposals_list_offers_no_as_of_date_in_the_page_or_the_api(client, hr_a):
    client.force_login(hr_a)
    page = client.get(reverse("edossier:proposals")).content.decode()
    assert 'name="as_of"' not in page and 'name="status"' in page
    schema = client.get("/api/v1/openapi.json").json()
    operation = next(
        op
        for path, ops in schema["paths"].items()
        if path.endswith("/edossier/proposals")
        for op in ops.values()
    )
    assert "as_of" not in {parameter["name"] for parameter in operation["parameters"]}


def test_an_invalid_value_is_refused_on_its_field_and_nothing_is_kept(an_client):
    response = an_client.post(
        reverse("edossier:propose", args=["contacts"]), {"phone": "0912 345 678", "email": "khong-phai-thu"}
    )
    assert response.status_code == 200
    email_field = response.content.decode().split('name="email"')[1].split("</div>")[0]
    assert 'aria-invalid="true"' in email_field
    assert not ChangeProposal.objects.exists()


def test_an_approved_contact_change_is_applied_audited_and_queued(an_client, client, people, hr_a):
    an_client.post(
        reverse("edossier:propose", args=["contacts"]), {"phone": "0912345678", "email": "an@noivu.gov.vn"}
    )
    proposal = ChangeProposal.objects.get()
    assert proposal.status == ProposalStatus.SUBMITTED
    refused = an_client.post(reverse("edossier:proposal", args=[proposal.pk]), {"decision": "approve"})
    assert refused.status_code == 404  # the person cannot approve their own proposal
    client.force_login(hr_a)
    client.post(reverse("edossier:proposal", args=[proposal.pk]), {"decision": "approve"})
    people["an"].refresh_from_db()
    assert (people["an"].phone, people["an"].email) == ("0912345678", "an@noivu.gov.vn")
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.APPROVED and proposal.decided_by == hr_a
    assert AuditEvent.objects.filter(event_type="person.dossier_updated", acting_user=hr_a).exists()
    assert SyncEvent.objects.filter(person=people["an"], kind="record").exists()


def test_a_degree_needs_its_scan_of_the_right_type(an_client, client, people, hr_a):
    values = {
        "kind": "foreign_language",
        "level": "level_4",
        "language": "Tiếng Anh",
        "graduation_year": "2020",
    }
    url = reverse("edossier:propose", args=["education"])
    assert "Cần kèm bản chụp" in an_client.post(url, values).content.decode()
    renamed = SimpleUploadedFile("bang.pdf", b"MZ\x90\x00 a program", content_type="application/pdf")
    assert "không phải PDF" in an_client.post(url, {**values, "attachment": renamed}).content.decode()
    assert not ChangeProposal.objects.exists()
    scan = SimpleUploadedFile("bang B2.pdf", PDF, content_type="application/pdf")
    an_client.post(url, {**values, "attachment": scan})
    proposal = ChangeProposal.objects.get()
    assert proposal.attachment_type == "application/pdf"
    client.force_login(hr_a)
    assert client.get(reverse("edossier:proposal_attachment", args=[proposal.pk])).status_code == 200
    client.post(reverse("edossier:proposal", args=[proposal.pk]), {"decision": "approve"})
    assert Education.objects.filter(person=people["an"], kind="foreign_language", level="level_4").exists()


def test_a_return_needs_a_reason_and_other_provinces_cannot_decide(an_client, client, people, hr_a, hr_b):
    an_client.post(
        reverse("edossier:propose", args=["family"]),
        {"relation": "child", "full_name": "Nguyễn Minh Khang", "birth_year": "2015"},
    )
    proposal = ChangeProposal.objects.get()
    client.force_login(hr_b)
    assert (
        client.post(reverse("edossier:proposal", args=[proposal.pk]), {"decision": "approve"}).status_code
        == 404
    )
    client.force_login(hr_a)
    page = client.post(
        reverse("edossier:proposal", args=[proposal.pk]), {"decision": "return", "reason": " "}
    )
    assert "Cần nêu lý do trả lại" in page.content.decode()
    client.post(
        reverse("edossier:proposal", args=[proposal.pk]),
        {"decision": "return", "reason": "Thiếu giấy khai sinh"},
    )
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.RETURNED and not FamilyRelation.objects.filter(
        person=people["an"]
    )
    assert "Thiếu giấy khai sinh" in an_client.get(reverse("edossier:me")).content.decode()


def test_the_person_sees_who_read_their_dossier(an_client, client, people, hr_a):
    client.force_login(hr_a)
    client.get(reverse("personnel:detail", args=[people["an"].pk]))
    reads = an_client.get(reverse("edossier:me")).content.decode()
    assert "Cán bộ tỉnh A" in reads.split('id="my-reads"')[1]


def test_the_api_takes_a_proposal_with_its_scan_and_the_officer_approves_it(an_client, client, people, hr_a):
    body = {
        "kind": "education",
        "values": {"kind": "it", "level": "basic", "graduation_year": "2024"},
        "attachment_name": "tin-hoc.pdf",
        "attachment_base64": base64.b64encode(PDF).decode(),
    }
    bad = an_client.post(
        "/api/v1/edossier/me/proposals",
        {**body, "attachment_base64": "không phải"},
        content_type="application/json",
    )
    assert bad.status_code == 422 and "attachment_base64" in bad.content.decode()
    sent = an_client.post("/api/v1/edossier/me/proposals", body, content_type="application/json")
    assert sent.status_code == 201, sent.content
    proposal_id = sent.json()["id"]
    assert [row["id"] for row in an_client.get("/api/v1/edossier/me/proposals").json()] == [proposal_id]
    client.force_login(hr_a)
    listed = client.get("/api/v1/edossier/proposals", {"status": "submitted"}).json()["items"]
    assert [row["full_name"] for row in listed] == ["Nguyễn Văn An"]
    approved = client.post(f"/api/v1/edossier/proposals/{proposal_id}/approve")
    assert approved.json()["status"] == "approved"
    assert Education.objects.filter(person=people["an"], kind="it").exists()
    again = client.post(f"/api/v1/edossier/proposals/{proposal_id}/approve")
    assert again.status_code == 422 and "đã được xử lý" in again.json()["errors"][0]["message"]


def test_the_user_name_follows_a_corrected_identifier_and_never_takes_another_accounts(
    client, accounts, people, hr_a
):
    an = people["an"]
    do_update_person(person=an, changes={"cccd_number": "001085012399"}, acting_user=hr_a)
    user = PersonAccount.objects.get(person=an).user
    user.refresh_from_db()
    assert user.username == "001085012399"
    # A number another account already uses as its user name is not taken.
    make_user("001085012377", Role.HR_OFFICER, people["an"].organization)
    do_update_person(person=an, changes={"cccd_number": "001085012377"}, acting_user=hr_a)
    user.refresh_from_db()
    assert user.username == "001085012399"
