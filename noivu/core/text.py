"""Vietnamese text helpers: NFC storage and diacritic folding for search (đ → d)."""

import unicodedata

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
