"""Emulation movements and registrations (phong trào thi đua, đăng ký thi đua): the registrant inside the
units taking part, the title existing for the registrant in the regime of the registration's day."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from noivu.awards import actions
from noivu.awards.models import Registration

pytestmark = pytest.mark.django_db


@pytest.fixture
def movement(tree, hr_a):
    return actions.do_launch_movement(
        organization=tree["province_a"],
        name="Phong trào thi đua năm 2026",
        year=2026,
        starts_on=dt.date(2026, 1, 1),
        ends_on=dt.date(2026, 12, 31),
        criteria="Hoàn thành xuất sắc nhiệm vụ được giao",
        units=[tree["dept_a"]],
        acting_user=hr_a,
    )


def test_a_person_and_a_collective_of_the_units_taking_part_register(movement, tree, people, hr_a):
    day = dt.date(2026, 2, 1)
    mine = actions.do_register(
        movement=movement, person=people["an"], title="CSTDCS", registered_on=day, acting_user=hr_a
    )
    unit = actions.do_register(
        movement=movement, unit=tree["dept_a"], title="TTLDXS", registered_on=day, acting_user=hr_a
    )
    assert (mine.organization, unit.person, unit.is_collective) == (tree["dept_a"], None, True)
    with pytest.raises(ValidationError, match="Đã đăng ký danh hiệu này"):
        actions.do_register(
            movement=movement, person=people["an"], title="CSTDCS", registered_on=day, acting_user=hr_a
        )


def test_a_registration_outside_the_units_or_for_a_title_not_in_the_regime_is_refused(
    movement, tree, people, hr_a
):
    day = dt.date(2026, 2, 1)
    with pytest.raises(ValidationError) as outside:
        actions.do_register(
            movement=movement, person=people["binh"], title="LDTT", registered_on=day, acting_user=hr_a
        )
    assert "Trần Thị Bình không thuộc đơn vị tham gia phong trào" in str(outside.value)
    assert "Sở Nội vụ tỉnh A" in str(outside.value)
    with pytest.raises(ValidationError) as collective_title:
        actions.do_register(
            movement=movement, person=people["an"], title="TTLDXS", registered_on=day, acting_user=hr_a
        )
    assert "không có cho cá nhân theo 152/2025/NĐ-CP" in str(collective_title.value)
    with pytest.raises(ValidationError, match="không có cho tập thể"):
        actions.do_register(
            movement=movement, unit=tree["dept_a"], title="LDTT", registered_on=day, acting_user=hr_a
        )
    assert not Registration.objects.unrestricted().exists()


def test_the_movement_page_registers_a_person(client, movement, people, hr_a):
    client.force_login(hr_a)
    url = reverse("awards:movement", args=[movement.pk])
    page = client.get(url)
    assert "Phong trào thi đua năm 2026" in page.content.decode() and "Nguyễn Văn An" in page.content.decode()
    done = client.post(
        url,
        {
            "individual-person": people["an"].pk,
            "individual-title": "LDTT",
            "individual-registered_on": "01/02/2026",
        },
    )
    assert done.status_code == 302
    assert Registration.objects.unrestricted().get().person == people["an"]
    assert "Lao động tiên tiến" in client.get(url).content.decode()
