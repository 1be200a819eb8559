"""The demo generator, without a database: determinism, tree shape, identification numbers, names, mix."""

import collections
import datetime as dt
import unicodedata

import pytest

from noivu.core.text import fold
from noivu.demo import admin_units
from noivu.demo.generator import generate
from noivu.demo.people import allocate
from noivu.demo.structure import encode_step
from noivu.organizations.models import OrganizationKind
from noivu.personnel.models import Category

AS_OF = dt.date(2026, 11, 28)


def _snapshot(size: str, seed: int, persons: int) -> tuple[list, list]:
    data = generate(size, seed, as_of=AS_OF, persons=persons)
    nodes = [
        (n.path, n.code, n.name, n.kind, n.level, n.admin_unit_code, n.effective_from) for n in data.nodes
    ]
    return nodes, [row for batch in data.batches for row in batch]


@pytest.fixture(scope="module")
def province_rows():
    data = generate("province", 3, as_of=AS_OF, persons=20_000)
    return data, [row for batch in data.batches for row in batch]


def test_same_seed_gives_identical_data():
    assert _snapshot("small", 7, 400) == _snapshot("small", 7, 400)


def test_different_seeds_give_different_people_and_units():
    nodes_a, people_a = _snapshot("small", 7, 400)
    nodes_b, people_b = _snapshot("small", 8, 400)
    assert [p.full_name for p in people_a] != [p.full_name for p in people_b]
    assert {p.cccd_number for p in people_a} != {p.cccd_number for p in people_b}
    assert nodes_a != nodes_b  # how many schools a commune has depends on the seed


def test_head_count_is_exact():
    data = generate("small", 1, as_of=AS_OF, persons=1234)
    assert data.person_count == 1234
    assert sum(len(batch) for batch in data.batches) == 1234


def test_allocate_splits_exactly_by_largest_remainder():
    assert allocate(10, [1, 1, 1]) == [4, 3, 3]
    assert allocate(7, [0, 2, 5]) == [0, 2, 5]
    assert allocate(0, [1, 2]) == [0, 0]


@pytest.mark.parametrize(
    ("position", "step"), [(1, "0001"), (9, "0009"), (10, "000A"), (35, "000Z"), (36, "0010"), (1296, "0100")]
)
def test_path_steps_use_the_treebeard_alphabet(position, step):
    assert encode_step(position) == step


def test_tree_has_one_root_and_consistent_paths():
    data = generate("small", 1, as_of=AS_OF, persons=0)
    by_path = {n.path: n for n in data.nodes}
    assert [n.code for n in data.nodes if n.depth == 1] == ["VN"]
    assert len({n.code for n in data.nodes}) == len(data.nodes)
    for node in data.nodes:
        assert len(node.path) == 4 * node.depth
        for position, child in enumerate(node.children, start=1):
            assert child.path == node.path + encode_step(position)
        if node.depth > 1:
            assert node in by_path[node.path[:-4]].children
    names = {n.name for n in data.nodes}
    assert {
        "Chính phủ",
        "Bộ Nội vụ",
        "UBND thành phố Hà Nội",
        "Sở Nội vụ thành phố Hà Nội",
        "Sở Giáo dục và Đào tạo thành phố Hà Nội",
        "Sở Y tế thành phố Hà Nội",
    } <= names


def test_national_tree_covers_every_province_commune_and_ministry():
    data = generate("national", 1, as_of=AS_OF, persons=0)
    kinds = collections.Counter(n.kind for n in data.nodes)
    assert kinds[OrganizationKind.PROVINCE_COMMITTEE] == 34
    assert kinds[OrganizationKind.COMMUNE_COMMITTEE] == 3321
    assert kinds[OrganizationKind.MINISTRY] == 17
    official = {c.code for p in admin_units.provinces() for c in p.communes}
    communes = [n for n in data.nodes if n.kind == OrganizationKind.COMMUNE_COMMITTEE]
    assert {n.admin_unit_code for n in communes} == official
    assert all(n.effective_from == dt.date(2025, 7, 1) for n in communes)
    assert data.node("T79").name == "UBND thành phố Hồ Chí Minh"


def test_unit_names_name_a_province_or_a_city_once():
    data = generate("national", 1, as_of=AS_OF, persons=0)
    names = [n.name for n in data.nodes]
    for wrong in ("tỉnh thành phố", "tỉnh tỉnh", "thành phố tỉnh", "thành phố thành phố", "  "):
        assert not [name for name in names if wrong in name], wrong
    assert {"Thanh tra thành phố Hà Nội", "Thanh tra tỉnh Lào Cai", "Bệnh viện Đa khoa tỉnh Lào Cai"} <= set(
        names
    )
    inspectorate = data.node("T01-TTR")
    assert "Văn phòng Sở" not in {child.name for child in inspectorate.children}


def test_cccd_numbers_are_unique_and_match_birth_year_gender_and_a_legacy_province(province_rows):
    _, rows = province_rows
    legacy = set(admin_units.legacy_province_codes())
    numbers = [r.cccd_number for r in rows]
    assert len(set(numbers)) == len(numbers)
    for row in rows:
        number, year = row.cccd_number, int(row.birth_date[:4])
        assert len(number) == 12 and number.isdigit()
        assert number[0] == "0" and number[1:3] in legacy
        century_gender = int(number[3])
        assert 1900 + 100 * (century_gender // 2) + int(number[4:6]) == year
        assert century_gender % 2 == (1 if row.gender == "F" else 0)


def test_people_are_mostly_born_in_the_province_they_work_in(province_rows):
    data, rows = province_rows
    home = {"0" + code for code in data.province.legacy_codes}
    provincial = [r for r in rows if data.nodes[r.org].home == data.province.code]
    share = sum(r.cccd_number[:3] in home for r in provincial) / len(provincial)
    assert 0.8 <= share <= 0.95


def test_names_are_nfc_and_folded(province_rows):
    _, rows = province_rows
    for row in rows:
        assert unicodedata.is_normalized("NFC", row.full_name)
        assert row.full_name_folded == fold(row.full_name)
        assert len(row.full_name.split()) >= 3


def _age(birth: dt.date, day: dt.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def test_ages_are_between_22_and_62_and_people_were_recruited_as_adults(province_rows):
    _, rows = province_rows
    for row in rows:
        birth = dt.date.fromisoformat(row.birth_date)
        assert 22 <= _age(birth, AS_OF) <= 62
        recruited = dt.date.fromisoformat(row.recruited_on)
        assert _age(birth, recruited) >= 22
        assert recruited <= dt.date.fromisoformat(row.effective_from) <= AS_OF


def test_proportions_are_plausible(province_rows):
    data, rows = province_rows
    total = len(rows)
    categories = collections.Counter(r.category for r in rows)
    share = {c: categories[c] / total for c in Category.values}
    assert 0.62 <= share[Category.PUBLIC_EMPLOYEE] <= 0.78
    assert 0.10 <= share[Category.CIVIL_SERVANT] <= 0.20
    assert 0.03 <= share[Category.CADRE] <= 0.08
    assert 0.06 <= share[Category.CONTRACT] <= 0.15
    women = collections.Counter(r.category for r in rows if r.gender == "F")
    assert women[Category.PUBLIC_EMPLOYEE] / categories[Category.PUBLIC_EMPLOYEE] > 0.6
    assert women[Category.PUBLIC_EMPLOYEE] / categories[Category.PUBLIC_EMPLOYEE] > (
        women[Category.CIVIL_SERVANT] / categories[Category.CIVIL_SERVANT]
    )
    surnames = collections.Counter(r.full_name.split()[0] for r in rows)
    assert 0.30 <= surnames["Nguyễn"] / total <= 0.45
    assert [name for name, _ in surnames.most_common(3)][0] == "Nguyễn"
    ethnic = collections.Counter(r.ethnic_group for r in rows)
    assert 0.80 <= ethnic["Kinh"] / total <= 0.99
    schools = [r for r in rows if data.nodes[r.org].staff.startswith("school")]
    assert all(r.category in (Category.PUBLIC_EMPLOYEE, Category.CONTRACT) for r in schools)


def test_each_unit_has_its_head_first(province_rows):
    data, rows = province_rows
    first = {}
    for row in rows:
        first.setdefault(row.org, row)
    for org, row in first.items():
        assert row.position_title == data.nodes[org].head_title
