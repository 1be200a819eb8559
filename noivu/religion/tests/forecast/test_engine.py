"""The forecast on series generated with a known mean: the band covers what it should, an outlier is
flagged, the top-down shares follow the history, and the accuracy measure is the textbook one."""

import numpy as np

from noivu.religion.forecast import engine


def _series(months: int, rng: np.random.Generator, level: float = 20.0) -> tuple[np.ndarray, np.ndarray]:
    t = np.arange(months)
    mean = level * (1 + 0.01 * t) * (1 + 0.3 * np.cos(2 * np.pi * t / 12))
    return rng.poisson(mean), mean


def test_the_band_covers_about_95_percent_of_new_months():
    rng = np.random.default_rng(7)
    inside = total = 0
    for _ in range(30):
        y, mean = _series(48, rng)
        result = engine.fit(y[:36], 12)
        inside += int(np.sum((y[36:] >= result.lower) & (y[36:] <= result.upper)))
        total += 12
    assert 0.88 <= inside / total <= 1.0


def test_the_forecast_follows_trend_and_season():
    rng = np.random.default_rng(3)
    y, mean = _series(48, rng, level=50)
    result = engine.fit(y[:36], 12)
    assert result.method == "glm-poisson-trend-season"
    assert np.mean(np.abs(result.mean - mean[36:]) / mean[36:]) < 0.1


def test_a_sparse_series_gets_a_trend_only_and_never_a_zero_month():
    y = np.zeros(36)
    y[[3, 15, 27, 30]] = 1
    result = engine.fit(y, 3)
    assert result.method == "glm-poisson-trend"
    assert np.all(result.mean > 0)


def test_top_down_shares_follow_the_recent_history():
    counts = np.array([[10] * 36, [30] * 36, [0] * 36], dtype=float)
    areas = engine.top_down(counts, 1)
    assert areas.mean[1, 0] > 2.5 * areas.mean[0, 0] > 0
    assert areas.mean[2, 0] > 0
    assert abs(areas.mean[:, 0].sum() - areas.parent.mean[0]) < 1e-6


def test_mase_of_the_seasonal_naive_forecast_on_a_repeating_series_is_zero():
    history = np.tile(np.arange(12, dtype=float), 3)
    assert engine.mase(history[:12], engine.seasonal_naive(history, 12), np.arange(24, dtype=float)) == 0
    assert engine.mase([2, 2], [1, 3], np.array([0.0] * 12 + [2.0] * 12)) == 0.5
