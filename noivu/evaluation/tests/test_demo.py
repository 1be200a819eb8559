"""The demo's ratings keep each unit's cap, and an award's level where the cap allows it."""

import numpy as np

from noivu.evaluation.demo import unit_levels, within_cap


def test_the_cap_is_kept_promoting_completed_before_turning_an_awarded_excellent():
    group = np.array([1] * 4 + [2] * 6)
    levels = np.array([0, 0, 1, 1, 0, 1, 1, 1, 1, 2])  # 0 excellent, 1 good, 2 completed
    locked = np.array([True, True, False, False, True, False, False, False, False, False])
    # Unit 1: four people can hold no "excellent" (a fifth of 4 is 0); unit 2 keeps its awarded one by
    # raising the "completed" one to "good" (a fifth of 5 is 1).
    assert within_cap(group, levels, locked).tolist() == [1, 1, 1, 1, 0, 1, 1, 1, 1, 1]


def test_a_units_rating_follows_its_staffs_ratings():
    # 0 excellent, 1 good, 2 completed; groups: 1 all good with one excellent, 2 the same but its draw
    # above a half, 3 half good (not more than half), 4 two of three good.
    group = np.array([1] * 5 + [2] * 5 + [3] * 4 + [4] * 3)
    levels = np.array([0, 1, 1, 1, 1] + [0, 1, 1, 1, 2] + [1, 1, 2, 2] + [1, 1, 2])
    keys, rated = unit_levels(group, levels, np.array([0.1, 0.9, 0.1, 0.1]))
    assert keys.tolist() == [1, 2, 3, 4]
    assert rated.tolist() == [0, 1, 2, 1]
