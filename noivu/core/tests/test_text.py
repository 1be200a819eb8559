import unicodedata

import pytest
from django.core.exceptions import ValidationError

from noivu.core.text import fold, fold_many, is_person_name, normalize, text_problem, validate_text


def test_fold_strips_tones_and_maps_d_bar():
    assert fold("Nguyễn Văn Đức") == "nguyen van duc"
    assert fold("ĐẶNG THỊ HƯỜNG") == "dang thi huong"


def test_fold_treats_decomposed_and_composed_input_alike():
    composed = "Phạm Thị Huệ"
    decomposed = unicodedata.normalize("NFD", composed)
    assert decomposed != composed
    assert fold(decomposed) == fold(composed) == "pham thi hue"


def test_fold_many_folds_each_text_as_fold_does():
    texts = [
        "Nguyễn Văn Đức",
        "  LÊ   đức dũng ",
        "",
        "ΟΔΥΣΣΕΥΣ",
        "Tạ Thị\u200b Ánh",
        "a\u0301\u0323b",
        "x\0y",
    ]
    assert fold_many(texts) == [fold(text) for text in texts]
    assert fold_many(texts[:-1]) == [fold(text) for text in texts[:-1]]
    assert fold_many([]) == []


def test_normalize_stores_nfc_and_collapses_spaces():
    decomposed = unicodedata.normalize("NFD", "  Lê   Thị\tHoa ")
    result = normalize(decomposed)
    assert result == "Lê Thị Hoa"
    assert unicodedata.is_normalized("NFC", result)


@pytest.mark.parametrize(
    "text",
    ["\u200b", "\u200b\u200c\u2060 ", "An\x00", "An\x1b[31m", "Văn \u202eAn", "\u2067An\u2069"],
)
def test_text_with_control_invisible_or_direction_characters_is_refused(text):
    assert text_problem(text) is not None
    with pytest.raises(ValidationError):
        validate_text(text)


@pytest.mark.parametrize("text", ["", "Nguyễn Văn An", "Dòng 1\nDòng 2\tcột", "N'Drê", "Y Moan Niê"])
def test_ordinary_text_passes(text):
    assert text_problem(text) is None


def test_person_names_are_letters_in_words():
    assert is_person_name("Nguyễn Thị Ánh-Tuyết")
    assert not is_person_name("Nguyễn Văn 3")
    assert not is_person_name("\u200b")
