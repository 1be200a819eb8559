"""The documents of a council session: the list of nominees with their ballot results, and once decided
the decision (Word) and the list attached to it (Excel), from the page and the API, for those who may
export within their scope, each download audited; a name that looks like a formula stays text."""

import datetime as dt
import io

import openpyxl
import pytest
from django.test import Client
from docx import Document

from conftest import make_person, make_rating, make_user
from noivu.accounts.models import ApiToken
from noivu.awards import actions
from noivu.awards.tests.factories import seat_council
from noivu.core.models import AuditEvent
from noivu.core.permissions import Role

pytestmark = pytest.mark.django_db

HOSTILE = '=HYPERLINK("http://x","Bấm")'


@pytest.fixture
def approver_a(tree):
    return make_user("approver_a", Role.APPROVER, tree["province_a"])


@pytest.fixture
def session(tree, people, hr_a):
    """A session of province A for 2025 with 11 members: An for two titles, of which one fails the ballot,
    and a person whose name starts with "=" awarded too."""
    hostile = make_person(tree["dept_a"], HOSTILE)
    make_rating(people["an"], 2025, "HTXS")
    make_rating(hostile, 2025, "HTT")
    opened = actions.do_open_council(
        organization=tree["province_a"], year=2025, held_on=dt.date(2026, 1, 15), members=11, acting_user=hr_a
    )
    seat_council(opened, hr_a)
    for person, title, votes in (
        (people["an"], "LDTT", 11),
        (people["an"], "CSTDCS", 8),
        (hostile, "LDTT", 6),
    ):
        nominee = actions.do_nominate(session=opened, person=person, title=title, acting_user=hr_a)
        actions.do_record_votes(nominee=nominee, yes_votes=votes, acting_user=hr_a)
    return opened


def _decide(session, approver) -> None:
    actions.do_decide_council(
        session=session,
        decision_number="12/QĐ-UBND",
        decided_on=dt.date(2026, 8, 10),
        signer="Chủ tịch UBND tỉnh A",
        acting_user=approver,
    )


def _rows(content: bytes) -> list[list]:
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    assert sheet is not None
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def test_the_nomination_list_has_each_nominee_with_the_ballot_and_keeps_formulas_as_text(
    client, session, hr_a
):
    client.force_login(hr_a)
    response = client.get(f"/awards/councils/{session.pk}/nominees.xlsx")
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="de-nghi-khen-thuong-{session.pk}.xlsx"'
    rows = _rows(response.content)
    assert rows[0][:2] == ["STT", "Họ và tên"] and rows[0][-1] == "Kết quả"
    # By title (CSTDCS before LDTT), then by name; 8 of 11 is 72.73 %, short of the 9 needed.
    body = [[row[0], row[1], row[5], row[6], row[7], row[8], row[9], row[10]] for row in rows[1:]]
    assert body == [
        [1, "Nguyễn Văn An", "Chiến sĩ thi đua cơ sở", 8, 11, 72.73, 9, "Không đạt"],
        [2, HOSTILE, "Lao động tiên tiến", 6, 11, 54.55, 6, "Đạt"],
        [3, "Nguyễn Văn An", "Lao động tiên tiến", 11, 11, 100, 6, "Đạt"],
    ]
    assert rows[1][2] == dt.datetime(1985, 5, 17) and rows[1][4] == "Sở Nội vụ tỉnh A"
    cell = openpyxl.load_workbook(io.BytesIO(response.content)).active["B3"]
    assert cell.data_type == "s" and cell.quotePrefix
    event = AuditEvent.objects.get(event_type="data.exported")
    assert (event.target_id, event.channel, event.username) == (str(session.pk), "web", "hr_a")


def test_the_decision_documents_are_refused_before_the_decision(client, session, hr_a):
    client.force_login(hr_a)
    assert client.get(f"/awards/councils/{session.pk}/annex.xlsx").status_code == 404
    assert client.get(f"/awards/councils/{session.pk}/decision.docx").status_code == 404
    assert not AuditEvent.objects.filter(event_type="data.exported").exists()


def test_the_annex_lists_the_persons_awarded_with_their_money_and_the_total(
    client, session, hr_a, approver_a
):
    _decide(session, approver_a)
    client.force_login(hr_a)
    rows = _rows(client.get(f"/awards/councils/{session.pk}/annex.xlsx").content)
    # 0.3 × 2,530,000 (base salary from 1/7/2026) = 759,000, rounded up to ten thousand đồng.
    assert rows == [
        [
            "STT",
            "Họ và tên",
            "Chức vụ",
            "Đơn vị công tác",
            "Danh hiệu, hình thức",
            "Hệ số mức lương cơ sở",
            "Tiền thưởng (đồng)",
        ],
        [1, HOSTILE, None, "Sở Nội vụ tỉnh A", "Lao động tiên tiến", 0.3, 760_000],
        [2, "Nguyễn Văn An", None, "Sở Nội vụ tỉnh A", "Lao động tiên tiến", 0.3, 760_000],
        [None, "Tổng cộng", None, None, None, None, 1_520_000],
    ]


def test_the_decision_names_its_bases_titles_money_signer_and_list(client, session, hr_a, approver_a):
    _decide(session, approver_a)
    client.force_login(hr_a)
    response = client.get(f"/awards/councils/{session.pk}/decision.docx")
    assert (
        response["Content-Type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    document = Document(io.BytesIO(response.content))
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert "Về việc khen thưởng thành tích năm 2025" in text
    assert "Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15/6/2022;" in text
    # The decree in force on the decision date, 10/08/2026.
    assert "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14/06/2025 của Chính phủ (Phân cấp" in text
    assert "ngày 15/01/2026 (11 thành viên)" in text
    assert "cho 2 cá nhân có tên trong danh sách kèm theo" in text
    assert "- Lao động tiên tiến: 2 cá nhân." in text
    assert "mức lương cơ sở 2.530.000 đồng tại ngày quyết định: tổng 1.520.000 đồng." in text
    assert "- Lao động tiên tiến: hệ số 0,3, mỗi cá nhân 760.000 đồng (152/2025/NĐ-CP" in text
    assert "Chủ tịch UBND tỉnh A" in text
    header, annex = document.tables
    assert (
        header.cell(1, 0).text == "Số: 12/QĐ-UBND" and header.cell(1, 1).text == "ngày 10 tháng 08 năm 2026"
    )
    assert [[cell.text for cell in row.cells] for row in annex.rows] == [
        ["STT", "Họ và tên", "Chức vụ, đơn vị công tác", "Danh hiệu, hình thức", "Tiền thưởng (đồng)"],
        ["1", HOSTILE, "Sở Nội vụ tỉnh A", "Lao động tiên tiến", "760.000"],
        ["2", "Nguyễn Văn An", "Sở Nội vụ tỉnh A", "Lao động tiên tiến", "760.000"],
        ["", "Tổng cộng", "", "", "1.520.000"],
    ]


def test_the_decision_prints_as_a_pdf_with_the_words_of_the_word_document(client, session, hr_a, approver_a):
    from django.template.loader import render_to_string

    from noivu.awards.word import decision_text

    client.force_login(hr_a)
    assert client.get(f"/awards/councils/{session.pk}/decision.pdf").status_code == 404  # not decided yet
    _decide(session, approver_a)
    response = client.get(f"/awards/councils/{session.pk}/decision.pdf")
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")
    assert AuditEvent.objects.filter(event_type="data.exported", target_id=str(session.pk)).count() == 1
    session.refresh_from_db()
    html = render_to_string("awards/decision_document.html", {"text": decision_text(session)})
    for words in (
        "Về việc khen thưởng thành tích năm 2025",
        "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14/06/2025 của Chính phủ",
        "- Lao động tiên tiến: hệ số 0,3, mỗi cá nhân 760.000 đồng (152/2025/NĐ-CP",
        "Số: 12/QĐ-UBND",
        "<strong>1.520.000</strong>",
    ):
        assert words in html


def test_the_api_gives_the_documents_within_the_export_scope_and_audits_them(session, hr_a, hr_b, approver_a):
    def api(user) -> Client:
        _, raw = ApiToken.issue(user, "kiểm thử")
        return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")

    base = f"/api/v1/awards/councils/{session.pk}"
    assert api(hr_a).get(f"{base}/decision.docx").status_code == 404  # not decided yet
    _decide(session, approver_a)
    for path in ("nominees.xlsx", "annex.xlsx", "decision.docx", "decision.pdf"):
        assert api(hr_b).get(f"{base}/{path}").status_code == 404  # another province
        assert api(hr_a).get(f"{base}/{path}").status_code == 200
    assert _rows(api(hr_a).get(f"{base}/annex.xlsx").content)[-1][-1] == 1_520_000
    assert AuditEvent.objects.filter(event_type="data.exported", channel="api").count() == 5


def test_the_council_page_offers_the_documents_it_may(client, session, hr_a, approver_a):
    client.force_login(hr_a)
    page = client.get(f"/awards/councils/{session.pk}/").content.decode()
    assert f"/awards/councils/{session.pk}/nominees.xlsx" in page
    assert f"/awards/councils/{session.pk}/decision.docx" not in page
    _decide(session, approver_a)
    page = client.get(f"/awards/councils/{session.pk}/").content.decode()
    assert (
        f"/awards/councils/{session.pk}/decision.docx" in page
        and f"/awards/councils/{session.pk}/decision.pdf" in page
        and f"/awards/councils/{session.pk}/annex.xlsx" in page
    )
