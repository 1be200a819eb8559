"""The list of personal accounts created (danh sách tài khoản cá nhân): for each person, the user name and
the first-login link to hand over, with the day the link stops working."""

import datetime as dt
from collections.abc import Iterator, Sequence
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from noivu.core.dates import today
from noivu.core.excel.writer import Column, Sheet, workbook_bytes
from noivu.edossier.selfservice.actions import CreatedAccount


def accounts_workbook(created: Sequence[CreatedAccount], links: Sequence[str]) -> bytes:
    valid_until = today() + dt.timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT)
    columns = [
        Column(_("STT"), 6),
        Column(_("Họ và tên"), 28),
        Column(_("Tên đăng nhập (số định danh cá nhân)"), 22),
        Column(_("Đường dẫn đặt mật khẩu lần đầu"), 90),
        Column(_("Đường dẫn dùng được đến ngày"), 16),
    ]

    def rows() -> Iterator[list[Any]]:
        for number, (account, link) in enumerate(zip(created, links, strict=True), 1):
            yield [number, account.person.full_name, account.username, link, valid_until]
        yield []
        yield [
            None,
            _(
                "Mỗi đường dẫn dùng được một lần: người có hồ sơ mở đường dẫn, đặt mật khẩu rồi đăng nhập "
                "bằng số định danh cá nhân. Giao đường dẫn tận tay hoặc qua thư điện tử công vụ của người đó."
            ),
        ]

    return workbook_bytes([Sheet(_("Tài khoản cá nhân")[:31], columns, rows())])
