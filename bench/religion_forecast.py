"""Benchmark: forecasts with 95 % bands for the 3,321 communes of the two-tier structure in ≤ 10 s, and the
accuracy of the forecast on a held-out last year against the seasonal naive forecast.

Synthetic monthly incident counts for every commune of every province (the real lists, from the
``vietnamadminunits`` package): a province level, a commune rate (log-normal), a yearly seasonal wave, a trend
and overdispersed (negative binomial) noise, four years long. The forecast of ``noivu.religion.forecast``
(a Poisson GLM with trend and season per province, top-down shares per commune) is fitted on the first three
years and scored on the fourth with the mean absolute scaled error (MASE, scaled by the in-sample seasonal
naive error), beside the same score of the seasonal naive forecast itself (repeat last year).

    .venv/bin/python bench/religion_forecast.py

No database is needed. Exits non-zero when the time is over the limit.
"""

import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from noivu.demo.admin_units import provinces  # noqa: E402
from noivu.religion.forecast import engine  # noqa: E402

LIMIT_S = 10.0
MONTHS, HELD_OUT = 48, 12


def generate(rng: np.random.Generator) -> list[np.ndarray]:
    """Counts (communes × months) for each province."""
    t = np.arange(MONTHS)
    data = []
    for _province in provinces():
        communes = len(_province.communes)
        level = rng.uniform(0.5, 2.5)
        rates = rng.lognormal(0, 0.6, communes)
        phase = rng.uniform(0, 2 * np.pi)
        trend = 1 + rng.uniform(-0.1, 0.4) * t / 12
        season = 1 + 0.35 * np.cos(2 * np.pi * t / 12 + phase)
        mean = level * rates[:, None] * (trend * season)[None, :]
        dispersion = 1.5
        data.append(rng.negative_binomial(mean / (dispersion - 1), 1 / dispersion).astype(float))
    return data


def main() -> int:
    rng = np.random.default_rng(2026)
    data = generate(rng)
    communes = sum(len(block) for block in data)
    print(f"{len(data)} tỉnh, {communes:,} xã, {MONTHS} tháng")

    started = time.perf_counter()
    bands = [engine.top_down(block, 6) for block in data]
    elapsed = time.perf_counter() - started
    assert sum(len(b.upper) for b in bands) == communes
    print(f"dự báo 6 tháng có dải 95 % cho {communes:,} xã: {elapsed:.2f} s (giới hạn {LIMIT_S:.0f} s)")

    train = [block[:, : MONTHS - HELD_OUT] for block in data]
    actual = [block[:, MONTHS - HELD_OUT :] for block in data]
    forecasts = [engine.top_down(block, HELD_OUT) for block in train]
    province_model, province_naive, commune_model, commune_naive = [], [], [], []
    covered = total = 0
    for history, truth, result in zip(train, actual, forecasts, strict=True):
        series = history.sum(axis=0)
        province_model.append(engine.mase(truth.sum(axis=0), result.parent.mean, series))
        province_naive.append(engine.mase(truth.sum(axis=0), engine.seasonal_naive(series, HELD_OUT), series))
        for row in range(len(history)):
            commune_model.append(engine.mase(truth[row], result.mean[row], history[row]))
            commune_naive.append(
                engine.mase(truth[row], engine.seasonal_naive(history[row], HELD_OUT), history[row])
            )
        covered += int(np.sum((truth >= result.lower) & (truth <= result.upper)))
        total += truth.size

    def summary(values: list[float]) -> str:
        finite = np.array([v for v in values if np.isfinite(v)])
        return f"trung vị {np.median(finite):.2f}, trung bình {np.mean(finite):.2f}"

    print(
        f"MASE năm giữ lại, cấp tỉnh: mô hình {summary(province_model)}; "
        f"mùa vụ ngây thơ {summary(province_naive)}"
    )
    print(
        f"MASE năm giữ lại, cấp xã:   mô hình {summary(commune_model)}; "
        f"mùa vụ ngây thơ {summary(commune_naive)}"
    )
    print(f"tỷ lệ tháng của xã nằm trong dải 95 %: {covered / total:.1%}")
    verdict = elapsed <= LIMIT_S
    print(f"giới hạn {LIMIT_S:.0f} s: {'đạt' if verdict else 'VƯỢT'}")
    return 0 if verdict else 1


if __name__ == "__main__":
    sys.exit(main())
