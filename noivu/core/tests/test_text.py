import unicodedata

from noivu.core.text import fold, normalize


def test_fold_strips_tones_and_maps_d_bar():
    assert fold("Nguyễn Văn Đức") == "nguyen van duc"
    assert fold("ĐẶNG THỊ HƯỜNG") == "dang thi huong"


def test_fold_treats_decomposed_and_composed_input_alike():
    composed = "Phạm Thị Huệ"
    decomposed = unicodedata.normalize("NFD", composed)
    assert decomposed != composed
    assert fold(decomposed) == fold(composed) == "pham thi hue"


def test_normalize_stores_nfc_and_collapses_spaces():
    decomposed = unicodedata.normalize("NFD", "  Lê   Thị\tHoa ")
    result = normalize(decomposed)
    assert result == "Lê Thị Hoa"
    assert unicodedata.is_normalized("NFC", result)
