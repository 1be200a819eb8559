"""The one check of an uploaded file: its name, its type by extension and by its first bytes, its size."""

import pytest
from django.core.exceptions import ValidationError

from noivu.core.files import check_file

PDF = b"%PDF-1.4\n"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("C:\\thu muc\\don.exe", b"MZ", "Tệp «don.exe» không được nhận: chỉ nhận PDF, TXT."),
        ("don.pdf", b"MZ\x90\x00", "Nội dung tệp «don.pdf» không phải PDF như đuôi .pdf cho biết"),
        ("don.pdf", b"", "Tệp «don.pdf» rỗng."),
        ("don.pdf", PDF + b"x" * 20, "Tệp «don.pdf» có 29 byte, vượt quá giới hạn 16 byte."),
        ("ghi-chu.txt", b"\xff\xfe", "không phải văn bản UTF-8"),
        ("don\u202efdp.pdf", PDF, "Tên tệp «don\u202efdp.pdf» không hợp lệ."),
    ],
)
def test_a_file_is_refused_naming_it_and_the_rule(name, content, message):
    with pytest.raises(ValidationError) as refused:
        check_file(name, content, extensions=(".pdf", ".txt"), max_bytes=16)
    assert message in refused.value.messages[0]


def test_an_accepted_file_keeps_its_base_name_and_content_type():
    checked = check_file("C:\\ho so\\Don.PDF", PDF, extensions=(".pdf",), max_bytes=16)
    assert (checked.name, checked.content_type) == ("Don.PDF", "application/pdf")
