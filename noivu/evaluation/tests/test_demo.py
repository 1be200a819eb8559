"""The demo's ratings keep each unit's cap, and an award's level where the cap allows it."""

import numpy as np

from noivu.evaluation.demo import within_cap


def test_the_cap_is_kept_promoting_completed_before_turning_an_awarded_excellent():
    group = np.array([1] * 4 + [2] * 6)
    levels = np.array([0, 0, 1, 1, 0, 1, 1, 1, 1, 2])  # 0 excellent, 1 good, 2 completed
    locked = np.array([True, True, False, False, True, False, False, False, False, False])
    # Unit 1: four people can hold no "excellent" (a fifth of 4 is 0); unit 2 keeps its awarded one by
    # raising the "completed" one to "good" (a fifth of 5 is 1).
    assert within_cap(group, levels, locked).tolist() == [1, 1, 1, 1, 0, 1, 1, 1, 1, 1]
