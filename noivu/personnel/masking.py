"""Masking of personal data (che dữ liệu cá nhân, Nghị định 13/2023/NĐ-CP): pure functions of the value
shown, with no knowledge of users or models. Who sees unmasked data is decided in
:mod:`noivu.personnel.privacy`.
"""

import re

HIDDEN = "***"


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
