"""Vietnamese text helpers: NFC storage, diacritic folding for search (đ → d), and the check of text
entered by any path (forms, API, import) before it is stored."""

import functools
import re
import sys
import unicodedata
from collections.abc import Sequence

import numpy as np
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
    return " ".join(decomposed.translate(_combining_marks()).lower().split())


def fold_many(texts: Sequence[str]) -> list[str]:
    """:func:`fold` of each of ``texts``, all at once: the marks are dropped from one array of code points
    (an import folds a hundred thousand names)."""
    joined = "\0".join(texts)
    if not texts or joined.count("\0") != len(texts) - 1:
        return [fold(text) for text in texts]  # a NUL inside a text: one by one
    points = np.frombuffer(unicodedata.normalize("NFD", joined).encode("utf-32-le"), dtype=np.uint32)
    points = np.where((points == ord("đ")) | (points == ord("Đ")), np.uint32(ord("d")), points)
    kept = points[~_combining_mask()[points]]
    stripped = kept.tobytes().decode("utf-32-le").lower()
    return [" ".join(part.split()) for part in stripped.split("\0")]


@functools.cache
def _combining_marks() -> dict[int, None]:
    """A translation table deleting every combining character (``unicodedata.combining`` non-zero)."""
    return {code: None for code in range(sys.maxunicode + 1) if unicodedata.combining(chr(code))}


@functools.cache
def _combining_mask() -> np.ndarray:
    """For every code point, whether it is a combining character."""
    mask = np.zeros(sys.maxunicode + 1, dtype=bool)
    mask[list(_combining_marks())] = True
    return mask


# Marks that reorder what is displayed (a name shown reversed, a file name "gpj.exe" read as ".exe.jpg").
_BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_BIDI_CONTROL = re.compile("[" + "".join(sorted(_BIDI_CONTROLS)) + "]")
# Category Cc but tabs and line breaks.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_PERSON_NAME = re.compile(r"^[^\W\d_]+(?:[ '’.\-][^\W\d_]+)*\.?$")


def text_problem(text: str) -> str | None:
    """Why ``text`` may not be stored, or None: control characters (NUL …), bidirectional overrides, or
    nothing but invisible characters (zero-width spaces). Said in Vietnamese, naming the rule."""
    if _BIDI_CONTROL.search(text):
        return str(_("Không được chứa ký tự đảo chiều hiển thị (như U+202E)."))
    if _CONTROL.search(text):
        return str(_("Không được chứa ký tự điều khiển (như NUL)."))
    # A printable character other than the space is visible: the full check only for text without one.
    if (
        text
        and not any(ch.isprintable() and ch != " " for ch in text)
        and all(ch.isspace() or unicodedata.category(ch) == "Cf" for ch in text)
    ):
        return str(_("Không được chỉ gồm ký tự vô hình (như ký tự độ rộng bằng không)."))
    return None


def validate_text(text: str) -> None:
    """Django validator refusing what :func:`text_problem` refuses (kiểm tra văn bản nhập)."""
    problem = text_problem(text)
    if problem is not None:
        raise ValidationError(problem, code="unsafe_text")


_PHONE = re.compile(r"^\+?[0-9 .\-()]+$")
_NOT_DIGIT = re.compile("[^0-9]")


def is_phone_number(text: str) -> bool:
    """Whether ``text`` is a telephone number (số điện thoại): 8 to 15 ASCII digits, with an optional
    leading "+" and spaces, dots, hyphens or brackets between them."""
    return _PHONE.match(text) is not None and 8 <= len(_NOT_DIGIT.sub("", text)) <= 15


def is_person_name(text: str) -> bool:
    """Whether ``text`` (normalised) is a person's name (họ và tên): letters in words joined by a space,
    an apostrophe, a dot or a hyphen; no digits, no symbols, no invisible characters."""
    return _PERSON_NAME.match(text) is not None
