"""Measure the Monte Carlo forecast: 10,000 trials for 500 remaining cards.

    python bench/forecast_speed.py              # 5 runs, the demo-like history
    python bench/forecast_speed.py --cards 2000 --runs 3 --mean 0.5

The history is made, not read: 30 working days of daily throughput drawn
from a Poisson distribution with ``--mean`` cards a day (seeded, so every run
draws from the same history). The clock covers ``domain.forecast.when`` (the
simulation, the percentiles and the histogram); numpy's own import is timed
apart, since only a command that forecasts pays it. The bar (issue 14):
under 0.3 s on 2 cores.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from kanban_tui.domain import forecast  # noqa: E402
from kanban_tui.domain.calendar import Calendar  # noqa: E402

BAR = 0.3


def poisson(rng: random.Random, mean: float) -> int:
    """Knuth's method: fine for a small mean."""
    limit, count, product = 2.718281828459045**-mean, 0, rng.random()
    while product > limit:
        count += 1
        product *= rng.random()
    return count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=500)
    parser.add_argument("--trials", type=int, default=forecast.TRIALS)
    parser.add_argument("--mean", type=float, default=1.0, help="cards finished a day")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    started = time.perf_counter()
    import numpy  # noqa: F401

    imported = time.perf_counter() - started
    today = date(2026, 11, 30)
    calendar = Calendar()
    rng = random.Random(14)
    days = calendar.days_back(today, forecast.WINDOW)
    counts = tuple(poisson(rng, args.mean) for _ in days)
    history = forecast.History(days, counts, counts, sum(counts))
    times = []
    result = None
    for run in range(args.runs):
        started = time.perf_counter()
        result = forecast.when(history, args.cards, today, calendar, trials=args.trials, seed=run)
        times.append(time.perf_counter() - started)
    assert result is not None
    median = statistics.median(times)
    print(f"numpy import: {imported:.3f} s (paid once, only by a forecast)")
    print(
        f"{args.trials:,} trials, {args.cards:,} cards, {sum(counts)} finished in "
        f"{len(days)} working days: median {median:.3f} s, fastest {min(times):.3f} s "
        f"over {args.runs} runs"
    )
    print("forecast: " + ", ".join(f"{p}% by {d}" for p, d in result.dates.items()))
    verdict = "under" if median < BAR else "OVER"
    print(f"{verdict} the {BAR} s bar")
    return 0 if median < BAR else 1


if __name__ == "__main__":
    raise SystemExit(main())
