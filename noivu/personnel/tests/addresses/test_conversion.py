"""Batch conversion of personnel addresses to the two-tier units and the choice of a split commune."""

import datetime as dt
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from openpyxl import load_workbook

from conftest import make_person
from noivu.core.models import AuditEvent
from noivu.personnel.addresses.conversion import (
    ADDRESS_COMMUNE_CHOSEN,
    convert_person_addresses,
    do_choose_address_commune,
)
from noivu.personnel.models import AddressKind, ConversionStatus, PersonAddress

HA_NOI, DAN_PHUONG, TAN_HOI, HONG_HA = "01", "273", "09817", "09796"
LEGACY = {"legacy_province_code": HA_NOI, "legacy_district_code": DAN_PHUONG}


@pytest.fixture
def addresses(people) -> dict[str, PersonAddress]:
    an, duc = people["an"], people["duc"]
    make = PersonAddress.objects.create
    return {
        "merged": make(
            person=an, kind=AddressKind.PERMANENT, detail="Thôn 3", legacy_commune_code=TAN_HOI, **LEGACY
        ),
        "split": make(person=an, kind=AddressKind.HOMETOWN, legacy_commune_code=HONG_HA, **LEGACY),
        "text": make(
            person=an, kind=AddressKind.BIRTHPLACE, legacy_text="xã Tân Hội, huyện Đan Phượng, Hà Nội"
        ),
        "unknown": make(person=an, kind=AddressKind.CURRENT, legacy_commune_code="99999"),
        "already": make(
            person=duc,
            kind=AddressKind.CURRENT,
            province_code="79",
            commune_code="26734",
            current_text="Phường Sài Gòn, Thành phố Hồ Chí Minh",
            conversion_status=ConversionStatus.CURRENT_UNITS,
        ),
        "split_b": make(person=duc, kind=AddressKind.HOMETOWN, legacy_commune_code=HONG_HA, **LEGACY),
    }


def _reload(address: PersonAddress) -> PersonAddress:
    return PersonAddress.objects.get(pk=address.pk)


def test_batch_converts_pending_addresses_and_keeps_the_legacy_units(addresses):
    report = convert_person_addresses(PersonAddress.objects.all())
    assert report.counts == {
        ConversionStatus.CONVERTED: 2,
        ConversionStatus.AMBIGUOUS: 2,
        ConversionStatus.NOT_FOUND: 1,
    }
    assert report.read_from_text == 1

    merged = _reload(addresses["merged"])
    assert merged.conversion_status == ConversionStatus.CONVERTED
    assert (merged.province_code, merged.commune_code) == ("01", "09817")
    assert merged.current_text == "Xã Ô Diên, Thành phố Hà Nội"
    assert (merged.legacy_province_code, merged.legacy_district_code, merged.legacy_commune_code) == (
        HA_NOI,
        DAN_PHUONG,
        TAN_HOI,
    )
    assert merged.legacy_text == "Xã Tân Hội, Huyện Đan Phượng, Thành phố Hà Nội"
    assert merged.detail == "Thôn 3"

    text = _reload(addresses["text"])
    assert text.legacy_text == "xã Tân Hội, huyện Đan Phượng, Hà Nội"
    assert (text.legacy_commune_code, text.commune_code) == (TAN_HOI, "09817")

    split = _reload(addresses["split"])
    assert split.conversion_status == ConversionStatus.AMBIGUOUS
    assert split.commune_code == ""
    assert {c["name"] for c in split.conversion_candidates} == {
        "Xã Ô Diên",
        "Xã Mê Linh",
        "Xã Liên Minh",
        "Xã Yên Lãng",
    }
    assert [c["code"] for c in split.conversion_candidates if c["is_default"]] == ["09817"]

    assert _reload(addresses["unknown"]).conversion_status == ConversionStatus.NOT_FOUND
    already = _reload(addresses["already"])
    assert (already.conversion_status, already.commune_code) == (ConversionStatus.CURRENT_UNITS, "26734")
    assert merged.history.first().history_change_reason.startswith("Chuyển đổi địa chỉ")


def test_running_the_batch_again_changes_nothing(addresses):
    convert_person_addresses(PersonAddress.objects.all())
    before = list(PersonAddress.objects.order_by("pk").values())
    history = PersonAddress.history.count()
    report = convert_person_addresses(PersonAddress.objects.all())
    assert report.total == 0
    assert list(PersonAddress.objects.order_by("pk").values()) == before
    assert PersonAddress.history.count() == history


def test_the_batch_is_limited_to_its_queryset(addresses, people):
    report = convert_person_addresses(PersonAddress.objects.filter(person=people["duc"]))
    assert report.counts == {ConversionStatus.AMBIGUOUS: 1}
    assert _reload(addresses["merged"]).conversion_status == ConversionStatus.PENDING


def test_the_number_of_queries_does_not_grow_with_the_addresses(tree, django_assert_max_num_queries):
    def run(count: int) -> None:
        for i in range(count):
            person = make_person(tree["dept_a"], f"Người {count}-{i}", birth_date=dt.date(1990, 1, 1))
            PersonAddress.objects.create(
                person=person, kind=AddressKind.PERMANENT, legacy_commune_code=TAN_HOI
            )
        with django_assert_max_num_queries(16):
            convert_person_addresses(PersonAddress.objects.all(), batch_size=100)

    run(5)
    run(60)
    assert PersonAddress.objects.filter(conversion_status=ConversionStatus.CONVERTED).count() == 65


def test_choosing_a_candidate_settles_a_split_commune(addresses, hr_a):
    convert_person_addresses(PersonAddress.objects.all())
    address = do_choose_address_commune(
        address=_reload(addresses["split"]), commune_code="09022", acting_user=hr_a
    )
    address = _reload(address)
    assert address.conversion_status == ConversionStatus.CONVERTED
    assert (address.province_code, address.commune_code) == ("01", "09022")
    assert address.current_text == "Xã Mê Linh, Thành phố Hà Nội"
    assert len(address.conversion_candidates) == 4
    assert address.history.first().history_user == hr_a
    event = AuditEvent.objects.get(event_type=ADDRESS_COMMUNE_CHOSEN)
    assert (event.acting_user, event.organization_path, event.target_id) == (
        hr_a,
        address.person.organization.path,
        str(address.pk),
    )


def test_a_commune_outside_the_candidates_is_refused(addresses, hr_a):
    convert_person_addresses(PersonAddress.objects.all())
    with pytest.raises(ValidationError):
        do_choose_address_commune(address=_reload(addresses["split"]), commune_code="26734", acting_user=hr_a)
    assert _reload(addresses["split"]).conversion_status == ConversionStatus.AMBIGUOUS


def test_a_user_of_another_province_cannot_choose(addresses, hr_a, hr_b):
    convert_person_addresses(PersonAddress.objects.all())
    with pytest.raises(PermissionDenied):
        do_choose_address_commune(
            address=_reload(addresses["split_b"]), commune_code="09817", acting_user=hr_a
        )
    with pytest.raises(PermissionDenied):
        do_choose_address_commune(address=_reload(addresses["split"]), commune_code="09817", acting_user=hr_b)
    assert _reload(addresses["split_b"]).conversion_status == ConversionStatus.AMBIGUOUS
    do_choose_address_commune(address=_reload(addresses["split_b"]), commune_code="09817", acting_user=hr_b)
    assert _reload(addresses["split_b"]).commune_code == "09817"


def test_command_prints_counts_and_writes_the_ambiguous_ones_to_excel(addresses, tmp_path):
    out = StringIO()
    path = tmp_path / "can-chon.xlsx"
    call_command("convert_addresses", "--organization", "T01", "--xlsx", str(path), stdout=out)
    text = out.getvalue()
    assert "Đã xử lý 4 địa chỉ" in text
    assert "Cần chọn đơn vị mới: 1 địa chỉ." in text
    assert "Nguyễn Văn An – Quê quán" in text
    rows = list(load_workbook(path).active.iter_rows(values_only=True))
    assert rows[0][:4] == ("Họ và tên", "Đơn vị", "Loại địa chỉ", "Địa chỉ cũ")
    assert len(rows) == 2
    assert rows[1][0] == "Nguyễn Văn An"
    assert rows[1][3] == "Xã Hồng Hà, Huyện Đan Phượng, Thành phố Hà Nội"
    assert rows[1][6] == "Xã Ô Diên"
    # Province B's address was outside the organisation asked for.
    assert _reload(addresses["split_b"]).conversion_status == ConversionStatus.PENDING
