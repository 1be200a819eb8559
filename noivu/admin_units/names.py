"""Matching keys for unit names typed by people: folded, without the type word, numbers unpadded.

"Thị trấn Phùng", "TT. Phùng" and "thi tran phung" all give the key "phung" with the township type.
"""

import re
import unicodedata

from noivu.admin_units.models import UnitType
from noivu.core.text import fold

_TYPE_WORDS: dict[str, frozenset[str]] = {
    "thanh pho": frozenset({UnitType.CENTRAL_CITY, UnitType.CITY}),
    "tp": frozenset({UnitType.CENTRAL_CITY, UnitType.CITY}),
    "tinh": frozenset({UnitType.PROVINCE}),
    "quan": frozenset({UnitType.URBAN_DISTRICT}),
    "q": frozenset({UnitType.URBAN_DISTRICT}),
    "huyen": frozenset({UnitType.RURAL_DISTRICT}),
    "h": frozenset({UnitType.RURAL_DISTRICT}),
    "thi xa": frozenset({UnitType.TOWN}),
    "tx": frozenset({UnitType.TOWN}),
    "thi tran": frozenset({UnitType.TOWNSHIP}),
    "tt": frozenset({UnitType.TOWNSHIP}),
    "xa": frozenset({UnitType.COMMUNE}),
    "x": frozenset({UnitType.COMMUNE}),
    "phuong": frozenset({UnitType.WARD}),
    "p": frozenset({UnitType.WARD}),
    "dac khu": frozenset({UnitType.SPECIAL_ZONE}),
}
# Full type words are followed by a space; abbreviations ("TP.", "P.", "TT.") need their dot,
# since a bare "h " or "p " could begin a name.
_PREFIX = re.compile(
    r"^(?:(thanh pho|tinh|quan|huyen|thi xa|thi tran|xa|phuong|dac khu|tp|tt)\s+|(tp|tt|tx|p|q|h|x)\.\s*)"
)
# The type words as written with their tones: "Phường Sơn" is a ward, "Phương Sơn" a name.
_ACCENTED = re.compile(r"^(?:thành phố|tỉnh|quận|huyện|thị xã|thị trấn|xã|phường|đặc khu)\s")


def _key(folded: str) -> str:
    return str(int(folded)) if folded.isdigit() else folded


def name_keys(text: str) -> list[tuple[str, frozenset[str]]]:
    """The readings of a written unit name, most likely first: (key, unit types allowed, empty = any).

    A name written without tones that begins like a type word ("phuong son") has two readings:
    a ward "Sơn" or a unit named "Phương Sơn".
    """
    folded = " ".join(fold(text).replace("-", " ").split())
    match = _PREFIX.match(folded)
    if not match or not folded[match.end() :].strip():
        return [(_key(folded), frozenset())]
    reading = (_key(folded[match.end() :].strip()), _TYPE_WORDS[match.group(1) or match.group(2)])
    lowered = " ".join(unicodedata.normalize("NFC", text).lower().replace("-", " ").split())
    whole: tuple[str, frozenset[str]] = (_key(folded), frozenset())
    if match.group(2) or _ACCENTED.match(lowered):
        return [reading]
    if lowered != folded:  # written with tones, but not those of a type word
        return [whole]
    return [reading, whole]


def name_key(text: str) -> str:
    """The search key of a unit's full name ("Thị trấn Phương Sơn" → "phuong son")."""
    return name_keys(text)[0][0]
