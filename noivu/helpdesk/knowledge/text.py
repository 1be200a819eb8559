"""Vietnamese text for the lexical index (văn bản cho tìm kiếm từ khóa): folded (no diacritics, đ → d) so a
question typed with or without accents finds the same words, and segmented into words the simple way that
works without accents: each syllable and each pair of neighbouring syllables ("bien_che", "luong_co",
"co_so"), since most Vietnamese words are one or two syllables and a word segmenter needs the accents."""

import re

from noivu.core.text import fold

_WORD = re.compile(r"\w+")

# Function words (folded) that say nothing of the subject; they still join syllables into pairs.
STOPWORDS = frozenset(
    """a ah ai anh ba bi boi cac cai can chi cho chu co con cua cung da dang de den di do duoc em gi hay hoac
    hoi khi khong kia la lam len loi luc ma minh moi mot nao ne neu nguoi nhe nhu nhung noi o oi ong phai
    qua ra rang rat roi sao se tai thi the thu toi tren trong tu va vao van vay ve vi voi xin""".split()
)


def words(text: str) -> list[str]:
    """The folded syllables of ``text``."""
    return _WORD.findall(fold(text))


def tokens(text: str) -> list[str]:
    """The terms of ``text`` for BM25: content syllables and every pair of neighbouring syllables."""
    syllables = words(text)
    terms = [syllable for syllable in syllables if syllable not in STOPWORDS and not syllable.isdigit()]
    terms.extend(f"{first}_{second}" for first, second in zip(syllables, syllables[1:], strict=False))
    return terms


def has_diacritics(text: str) -> bool:
    """Whether ``text`` carries Vietnamese accents (or đ): its folded form differs from its lower case."""
    return fold(text) != " ".join(text.lower().split())
