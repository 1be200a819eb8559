"""Forecasting the religious situation and early warning (dự báo tình hình, cảnh báo sớm).

Monthly counts (incidents, dossiers) are forecast with a generalised linear model of counts (statsmodels):
log E[y_t] = a + b·t + s(t) — a trend and a yearly seasonal wave (two harmonics: four parameters rather
than eleven month effects, so that a sparse series has no month without data to push to zero) — fitted by
Poisson maximum likelihood, with the overdispersion estimated from the Pearson statistic. The uncertainty
band of a month is the 2.5–97.5 % range of a negative binomial with that mean and dispersion (a Poisson
when there is no overdispersion). A month whose count lies above the band's upper end is an alert: more
than the history predicts.

Many small areas (the communes of a province, the 3,321 communes of the country) are forecast top-down: the
area's parent series is fitted once and each area gets its share of the parent's forecast, its share being
its smoothed part of the parent's recent history; the band of an area is computed from its own mean with the
parent's dispersion. This is columnar (one model per parent, numpy over the areas) and keeps a commune with
a handful of incidents from getting a model of its own it cannot support.
"""

import warnings
from dataclasses import dataclass

import numpy as np
import statsmodels.api as sm
from scipy import stats

SEASON = 12
LEVEL = 0.95
SHARE_WINDOW = 24  # months of history an area's share is taken from
SHARE_PRIOR = 0.5  # incidents added to every area before taking shares (additive smoothing)


@dataclass(frozen=True)
class Forecast:
    """A fitted series: the fitted means of the history, the forecast means and their bands."""

    fitted: np.ndarray
    mean: np.ndarray
    lower: np.ndarray
    upper: np.ndarray
    dispersion: float
    method: str


HARMONICS = 2
MIN_SEASONAL_COUNT = 24  # fewer incidents than this in the history: trend only


def _design(start: int, length: int, first_month: int) -> np.ndarray:
    """Columns: intercept, trend (in years), sine and cosine of the first two yearly harmonics."""
    t = np.arange(start, start + length, dtype=float)
    angle = 2 * np.pi * (first_month - 1 + t) / SEASON
    columns = [np.ones(length), t / SEASON]
    for harmonic in range(1, HARMONICS + 1):
        columns.extend([np.sin(harmonic * angle), np.cos(harmonic * angle)])
    return np.column_stack(columns)


def band(mean: np.ndarray, dispersion: float, level: float = LEVEL) -> tuple[np.ndarray, np.ndarray]:
    """The central ``level`` range of counts with these means: negative binomial with variance
    dispersion × mean when overdispersed, Poisson otherwise."""
    tail = (1 - level) / 2
    mean = np.maximum(mean, 1e-9)
    if dispersion <= 1.0001:
        return stats.poisson.ppf(tail, mean), stats.poisson.ppf(1 - tail, mean)
    # Variance φμ: a negative binomial with n = μ/(φ-1), p = 1/φ.
    n = mean / (dispersion - 1)
    p = 1 / dispersion
    return stats.nbinom.ppf(tail, n, p), stats.nbinom.ppf(1 - tail, n, p)


def fit(history: np.ndarray, horizon: int, first_month: int = 1) -> Forecast:
    """Fit one monthly series (``first_month`` is the calendar month of its first value) and forecast
    ``horizon`` months. With less than two years of history the month effects are dropped."""
    y = np.asarray(history, dtype=float)
    # A series that starts later (a register opened during the window) is fitted from its first count.
    nonzero = np.flatnonzero(y)
    skip = int(nonzero[0]) if len(nonzero) and len(y) - nonzero[0] >= SEASON // 2 else 0
    if skip:
        first_month = (first_month - 1 + skip) % SEASON + 1
        fitted_head = np.zeros(skip)
        y = y[skip:]
    else:
        fitted_head = np.zeros(0)
    length = len(y)
    x = _design(0, length, first_month)
    future = _design(length, horizon, first_month)
    if length < 2 * SEASON or y.sum() < MIN_SEASONAL_COUNT:
        x, future = x[:, :2], future[:, :2]
    method = "glm-poisson-trend-season" if x.shape[1] > 2 else "glm-poisson-trend"
    if y.sum() == 0:
        zeros = np.zeros(horizon)
        return Forecast(np.zeros(length + skip), zeros, zeros, zeros, 1.0, "zero")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = sm.GLM(y, x, family=sm.families.Poisson()).fit()
    fitted = np.asarray(result.fittedvalues)
    dof = max(length - x.shape[1], 1)
    dispersion = float(max(1.0, np.sum((y - fitted) ** 2 / np.maximum(fitted, 1e-9)) / dof))
    # The trend is extrapolated over a few months only; a fit that diverged falls back to the recent mean.
    mean = np.exp(np.clip(future @ np.asarray(result.params), -20, 20))
    recent = float(y[-SEASON:].mean())
    if not np.all(np.isfinite(mean)) or mean.max() > 10 * max(recent, 1.0):
        mean = np.full(horizon, recent)
        method = "recent-mean"
    lower, upper = band(mean, dispersion)
    return Forecast(np.concatenate([fitted_head, fitted]), mean, lower, upper, dispersion, method)


@dataclass(frozen=True)
class AreaForecasts:
    """Forecasts of many areas under one parent: arrays of shape (areas, horizon)."""

    mean: np.ndarray
    lower: np.ndarray
    upper: np.ndarray
    parent: Forecast


def top_down(counts: np.ndarray, horizon: int, first_month: int = 1) -> AreaForecasts:
    """Forecast every row of ``counts`` (areas × months) from the forecast of their sum."""
    counts = np.asarray(counts, dtype=float)
    return shares(counts, fit(counts.sum(axis=0), horizon, first_month))


def shares(counts: np.ndarray, parent: Forecast) -> AreaForecasts:
    """Each row of ``counts`` gets its smoothed share of ``parent``'s forecast, with a band."""
    counts = np.asarray(counts, dtype=float)
    recent = counts[:, -SHARE_WINDOW:].sum(axis=1) + SHARE_PRIOR
    shares = recent / recent.sum()
    mean = shares[:, None] * parent.mean[None, :]
    lower, upper = band(mean, parent.dispersion)
    return AreaForecasts(mean, lower, upper, parent)


def seasonal_naive(history: np.ndarray, horizon: int) -> np.ndarray:
    """The same month a year earlier (repeated for horizons beyond a year)."""
    history = np.asarray(history, dtype=float)
    last = history[..., -SEASON:]
    reps = -(-horizon // SEASON)
    return np.tile(last, reps)[..., :horizon]


def mase(actual: np.ndarray, predicted: np.ndarray, history: np.ndarray) -> float:
    """Mean absolute scaled error: the forecast's mean absolute error over that of the in-sample seasonal
    naive forecast (1 = as good as repeating last year)."""
    history = np.asarray(history, dtype=float)
    scale = np.mean(np.abs(history[..., SEASON:] - history[..., :-SEASON]))
    error = np.mean(np.abs(np.asarray(actual, dtype=float) - np.asarray(predicted, dtype=float)))
    return float(error / scale) if scale > 0 else float("nan")
