import datetime as dt

import pytest

from noivu.core.extensions import dashboard_cards, organization_panels, subtree_counts
from noivu.personnel.cards import headcount_panel, persons_card, persons_per_subtree
from noivu.personnel.models import Category
from noivu.personnel.records.actions import do_transfer_person

BEFORE = dt.date(2024, 6, 30)
AFTER = dt.date(2024, 7, 1)


@pytest.fixture
def an_moved_to_b(tree, people, national_admin):
    """An, civil servant of Sở Nội vụ tỉnh A, becomes a public employee of Sở Nội vụ tỉnh B on 01/07/2024."""
    do_transfer_person(
        person=people["an"],
        to_organization=tree["dept_b"],
        category=Category.PUBLIC_EMPLOYEE,
        effective_from=AFTER,
        acting_user=national_admin,
    )


def by_category(figures: dict) -> dict[str, int]:
    return {str(row["label"]): row["total"] for row in figures["rows"] if row["total"]}


def test_personnel_registers_its_card_panel_and_subtree_count():
    assert dashboard_cards["persons"].context is persons_card
    assert organization_panels["headcount"].context is headcount_panel
    assert subtree_counts["persons"].count is persons_per_subtree


def test_card_counts_only_the_users_scope(hr_a, hr_b, people):
    assert persons_card(hr_a, BEFORE)["total"] == 2  # An and Bình
    assert persons_card(hr_b, BEFORE)["total"] == 1  # Dũng
    assert (
        persons_card(hr_a, BEFORE)["chart"]["datasets"][1]["values"][
            list(Category.values).index(Category.CIVIL_SERVANT)
        ]
        == 1
    )  # Bình, the only woman


def test_card_follows_the_assignment_in_force_on_the_day(hr_a, hr_b, an_moved_to_b):
    assert persons_card(hr_a, BEFORE)["total"] == 2
    assert persons_card(hr_b, BEFORE)["total"] == 1
    assert persons_card(hr_a, AFTER)["total"] == 1
    assert by_category(persons_card(hr_b, AFTER)) == {"Công chức": 1, "Viên chức": 1}
    assert by_category(persons_card(hr_b, BEFORE)) == {"Công chức": 1}


def test_card_counts_nobody_before_the_first_assignment(national_admin, people):
    assert persons_card(national_admin, dt.date(2019, 12, 31))["total"] == 0
    assert persons_card(national_admin, BEFORE)["total"] == 3


def test_headcount_panel_of_a_unit_on_the_day(national_admin, hr_a, tree, an_moved_to_b):
    assert headcount_panel(national_admin, tree["dept_a"], BEFORE)["total"] == 1
    assert headcount_panel(national_admin, tree["dept_a"], AFTER)["total"] == 0
    assert by_category(headcount_panel(national_admin, tree["province_b"], AFTER)) == {
        "Công chức": 1,
        "Viên chức": 1,
    }
    # Within a unit the user sees, only what the user's grant covers is counted.
    assert headcount_panel(hr_a, tree["root"], BEFORE)["total"] == 2


def test_subtree_counts_are_scoped_and_dated(national_admin, hr_a, tree, an_moved_to_b):
    a, b = tree["province_a"].path, tree["province_b"].path
    assert persons_per_subtree(national_admin, len(a), [a, b], BEFORE) == {a: 2, b: 1}
    assert persons_per_subtree(national_admin, len(a), [a, b], AFTER) == {a: 1, b: 2}
    assert persons_per_subtree(hr_a, len(a), [a, b], AFTER) == {a: 1}
