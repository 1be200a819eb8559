"""The project document in Word: opened back with python-docx, it has the parts of a job-position project
in order and the figures of its positions and totals."""

import io

import docx
import pytest

from noivu.positions import actions
from noivu.positions.models import StaffKind

pytestmark = pytest.mark.django_db


def test_the_word_document_has_the_official_parts_and_the_project_figures(
    client, hr_a, agency, catalogue, staff, quota
):
    catalogue["budget"].competencies = [{"name": "Phân tích tài chính", "level": "4"}]
    catalogue["budget"].tasks = "Lập dự toán ngân sách"
    catalogue["budget"].save()
    project = actions.do_create_project(
        organization=agency["finance"],
        staff_kind=StaffKind.CIVIL_SERVANT,
        legal_basis="Nghị định 361/2025/NĐ-CP",
        acting_user=hr_a,
    )
    for key, headcount, rank in (("head", 1, "01.002"), ("budget", 3, "01.003"), ("clerk", 1, "01.004")):
        actions.do_set_position(
            project=project, catalog=catalogue[key], headcount=headcount, rank_code=rank, acting_user=hr_a
        )
    client.force_login(hr_a)
    response = client.get(f"/positions/projects/{project.pk}/document/?format=docx")
    assert response.status_code == 200
    assert response["Content-Type"].endswith("wordprocessingml.document")

    document = docx.Document(io.BytesIO(response.content))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == [
        "I. Sự cần thiết và căn cứ pháp lý",
        "II. Vị trí việc làm, bản mô tả công việc và khung năng lực",
        "III. Tổng hợp số lượng và cơ cấu ngạch",
        "IV. Kết quả kiểm tra và kiến nghị",
    ]
    positions = [p.text for p in document.paragraphs if p.style.name == "Heading 3"]
    assert "CM01 – Quản lý ngân sách" in positions
    text = "\n".join(p.text for p in document.paragraphs)
    assert "ĐỀ ÁN VỊ TRÍ VIỆC LÀM" in text and "Nghị định 361/2025/NĐ-CP" in text
    assert "Nhiệm vụ: Lập dự toán ngân sách" in text

    def rows(table):
        return [[cell.text for cell in row.cells] for row in table.rows]

    tables = [rows(table) for table in document.tables]
    by_group = next(t for t in tables if t[0] == ["Nhóm", "Số lượng"])
    assert by_group[-1] == ["Tổng cộng", "5"]
    assert ["Lãnh đạo, quản lý", "1"] in by_group and ["Chuyên môn, nghiệp vụ chuyên ngành", "3"] in by_group
    by_rank = next(t for t in tables if t[0] == ["Ngạch bố trí", "Số lượng"])
    assert by_rank[1:] == [["01.002", "1"], ["01.003", "3"], ["01.004", "1"]]
    assert ["Phân tích tài chính", "4"] in next(t for t in tables if t[0] == ["Năng lực", "Cấp độ"])
