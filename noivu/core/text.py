"""Vietnamese text helpers: NFC storage, diacritic folding for search (đ → d), and the check of text
entered by any path (forms, API, import) before it is stored."""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_FOLD_EXTRA = str.maketrans({"đ": "d", "Đ": "d"})


def normalize(text: str) -> str:
    """Return ``text`` in NFC with surrounding and repeated inner spaces removed."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def fold(text: str) -> str:
    """Lower-case ``text`` and strip every diacritic, mapping đ/Đ to d.

    "Nguyễn Văn Đức" → "nguyen van duc". Used for search keys on both databases.
    """
    decomposed = unicodedata.normalize("NFD", text.translate(_FOLD_EXTRA))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.lower().split())


# Marks that reorder what is displayed (a name shown reversed, a file name "gpj.exe" read as ".exe.jpg").
_BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_PERSON_NAME = re.compile(r"^[^\W\d_]+(?:[ '’.\-][^\W\d_]+)*\.?$")


def text_problem(text: str) -> str | None:
    """Why ``text`` may not be stored, or None: control characters (NUL …), bidirectional overrides, or
    nothing but invisible characters (zero-width spaces). Said in Vietnamese, naming the rule."""
    if any(ch in _BIDI_CONTROLS for ch in text):
        return str(_("Không được chứa ký tự đảo chiều hiển thị (như U+202E)."))
    if any(unicodedata.category(ch) == "Cc" and ch not in "\t\n\r" for ch in text):
        return str(_("Không được chứa ký tự điều khiển (như NUL)."))
    if text and all(ch.isspace() or unicodedata.category(ch) == "Cf" for ch in text):
        return str(_("Không được chỉ gồm ký tự vô hình (như ký tự độ rộng bằng không)."))
    return None


def validate_text(text: str) -> None:
    """Django validator refusing what :func:`text_problem` refuses (kiểm tra văn bản nhập)."""
    problem = text_problem(text)
    if problem is not None:
        raise ValidationError(problem, code="unsafe_text")


_PHONE = re.compile(r"^\+?[0-9 .\-()]+$")


def is_phone_number(text: str) -> bool:
    """Whether ``text`` is a telephone number (số điện thoại): 8 to 15 ASCII digits, with an optional
    leading "+" and spaces, dots, hyphens or brackets between them."""
    digits = sum("0" <= ch <= "9" for ch in text)
    return _PHONE.match(text) is not None and 8 <= digits <= 15


def is_person_name(text: str) -> bool:
    """Whether ``text`` (normalised) is a person's name (họ và tên): letters in words joined by a space,
    an apostrophe, a dot or a hyphen; no digits, no symbols, no invisible characters."""
    return _PERSON_NAME.match(text) is not None
