"""Protection of personal data in personnel records (bảo vệ dữ liệu cá nhân, Nghị định 13/2023/NĐ-CP).

Only users granted ``Action.VIEW_PERSONAL_DATA`` over a person's unit see the full identification
number, addresses, contact details, family members, health and personal history; everyone else who
may view the record sees them masked. Name, birth date, gender, ethnicity, religion, career and
salary stay visible: the sector's statistics and personnel decisions rest on them.
"""

import re
from typing import TYPE_CHECKING

from noivu.core.permissions import Action, can

if TYPE_CHECKING:
    from noivu.personnel.models import Person

HIDDEN = "***"


def personal_data_visible(user, person: "Person") -> bool:
    """Whether ``user`` may see the personal data of ``person`` unmasked."""
    return can(user, Action.VIEW_PERSONAL_DATA, person)


def mask_cccd(number: str | None) -> str:
    """``001085012345`` → ``001*******45``: the province-and-century prefix and the last two digits."""
    if not number:
        return ""
    if len(number) <= 5:
        return "*" * len(number)
    return number[:3] + "*" * (len(number) - 5) + number[-2:]


def mask_address(text: str | None) -> str:
    """Only the last, widest part of an address: ``Số 5, phường X, tỉnh Y`` → ``***, tỉnh Y``."""
    if not text:
        return ""
    parts = [part.strip() for part in text.split(",") if part.strip()]
    if len(parts) <= 1:
        return HIDDEN
    return f"{HIDDEN}, {parts[-1]}"


def mask_phone(number: str | None) -> str:
    """All but the last three digits hidden."""
    digits = re.sub(r"\D", "", number or "")
    if not digits:
        return ""
    return "*" * max(len(digits) - 3, 0) + digits[-3:]


def mask_email(address: str | None) -> str:
    """``nguyenvanan@example.vn`` → ``n***@example.vn``."""
    if not address:
        return ""
    local, _, domain = address.partition("@")
    return f"{local[:1]}{HIDDEN}@{domain}" if domain else HIDDEN


def mask_name(full_name: str | None) -> str:
    """Initials only: ``Nguyễn Văn Bình`` → ``N. V. B.``."""
    return " ".join(f"{word[0]}." for word in (full_name or "").split())
