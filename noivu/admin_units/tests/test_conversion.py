"""Converting legacy addresses, checked against the 2025 arrangement of Hà Nội (Resolution
1656/NQ-UBTVQH15: Xã Ô Diên formed from Hạ Mỗ, Tân Hội and parts of Hồng Hà, Liên Hà, Liên Hồng,
Liên Trung...; Xã Đan Phượng from Thị trấn Phùng, Đồng Tháp, Song Phượng, Thượng Mỗ, Đan Phượng)."""

import pytest

from noivu.admin_units.conversion import LegacyCodes, LegacyNameIndex, Outcome, SuccessionMap, convert_legacy

pytestmark = pytest.mark.django_db

HA_NOI, DAN_PHUONG = "01", "273"
TAN_HOI, HONG_HA, PHUNG = "09817", "09796", "09784"


def test_a_commune_merged_whole_converts_to_its_new_commune():
    conversion = convert_legacy(HA_NOI, DAN_PHUONG, TAN_HOI)
    assert conversion.outcome == Outcome.CONVERTED
    assert (conversion.province_code, conversion.commune_code) == ("01", "09817")
    assert conversion.text == "Xã Ô Diên, Thành phố Hà Nội"


def test_a_township_becomes_a_commune():
    conversion = convert_legacy(HA_NOI, DAN_PHUONG, PHUNG)
    assert conversion.text == "Xã Đan Phượng, Thành phố Hà Nội"


def test_a_split_commune_lists_its_candidates_with_the_default_first():
    conversion = convert_legacy(HA_NOI, DAN_PHUONG, HONG_HA)
    assert conversion.outcome == Outcome.AMBIGUOUS
    assert conversion.commune_code == ""
    assert conversion.province_code == "01"
    names = {candidate.name for candidate in conversion.candidates}
    assert names == {"Xã Ô Diên", "Xã Mê Linh", "Xã Liên Minh", "Xã Yên Lãng"}
    assert [c.name for c in conversion.candidates if c.is_default] == ["Xã Ô Diên"]
    assert conversion.candidates[0].is_default


def test_a_commune_of_a_merged_province_converts_to_the_new_province():
    # Côn Đảo district (Bà Rịa – Vũng Tàu, no communes) became a special zone of Hồ Chí Minh City.
    conversion = convert_legacy("77", "755", "")
    assert conversion.outcome == Outcome.CONVERTED
    assert conversion.text == "Đặc khu Côn Đảo, Thành phố Hồ Chí Minh"


def test_an_address_known_only_to_the_province_converts_to_the_province():
    conversion = convert_legacy("02")  # Hà Giang
    assert conversion.outcome == Outcome.CONVERTED
    assert (conversion.province_code, conversion.commune_code, conversion.text) == (
        "08",
        "",
        "Tỉnh Tuyên Quang",
    )


@pytest.mark.parametrize(
    "codes",
    [("", "", "99999"), ("79", "", TAN_HOI), ("01", "001", TAN_HOI), ("99", "", ""), ("", "", "")],
    ids=[
        "unknown commune",
        "commune of another province",
        "commune of another district",
        "unknown province",
        "empty",
    ],
)
def test_unknown_or_inconsistent_codes_are_not_found(codes):
    assert SuccessionMap.load().convert(*codes).outcome == Outcome.NOT_FOUND


@pytest.fixture
def index() -> LegacyNameIndex:
    return LegacyNameIndex()


@pytest.mark.parametrize(
    "text",
    [
        "Xã Tân Hội, Huyện Đan Phượng, Thành phố Hà Nội",
        "Thôn 3, xã Tân Hội, huyện Đan Phượng, TP. Hà Nội, Việt Nam",
        "xa tan hoi, huyen dan phuong, thanh pho ha noi",
        "Tân Hội, Đan Phượng, Hà Nội",
        "Xã Tân Hội, Hà Nội",
    ],
)
def test_a_written_address_is_read_with_or_without_diacritics_and_type_words(index, text):
    assert index.parse(text) == LegacyCodes(HA_NOI, DAN_PHUONG, TAN_HOI)


def test_numbered_wards_and_abbreviations(index):
    assert index.parse("P.15, Q. Gò Vấp, TP.HCM") == index.parse(
        "Phường 15, Quận Gò Vấp, Thành phố Hồ Chí Minh"
    )
    assert index.parse("Phường 15, Quận Gò Vấp, Thành phố Hồ Chí Minh").commune_code == "26872"


def test_names_that_differ_only_by_tones_are_told_apart_by_them(index):
    # Trấn Yên district (Yên Bái) had both Xã Minh Quán and Xã Minh Quân.
    assert index.parse("Xã Minh Quân, Huyện Trấn Yên, Tỉnh Yên Bái").commune_code == "04567"
    assert index.parse("Xã Minh Quán, Huyện Trấn Yên, Tỉnh Yên Bái").commune_code == "04516"
    assert index.parse("xa minh quan, huyen tran yen, tinh yen bai") is None


def test_a_name_that_begins_like_a_type_word_is_still_a_name(index):
    # Thị trấn Phương Sơn (Lục Nam, Bắc Giang): "Phương" is not "Phường".
    assert index.parse("Phương Sơn, Lục Nam, Bắc Giang").commune_code == "07477"
    assert index.parse("phuong son, luc nam, bac giang").commune_code == "07477"


def test_unknown_or_ambiguous_names_are_not_guessed(index):
    assert index.parse("Xã Không Có, Huyện Đan Phượng, Thành phố Hà Nội") is None
    assert index.parse("Tỉnh Không Có") is None
    assert index.parse("") is None
    # Hà Nội had three units folded "dong xuan" (Phường Đồng Xuân, two Xã Đông Xuân).
    assert index.parse("Dong Xuan, Ha Noi") is None
