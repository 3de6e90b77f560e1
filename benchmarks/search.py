"""Search speed: a warm ``fw.search("trauma")`` against the first search of a framework.

The first search of a framework folds and tokenises every item's text once; later searches of
the same framework reuse those tokens. Prints medians of repeated runs, and the warm time
against the 5 ms target (issue 10), side by side in one run.

    python benchmarks/search.py
"""

from __future__ import annotations

import statistics
import time

import edcompetencies as ec


def _time(fn: object, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    base = ec.load(2020)
    text = ec.dumps(base)
    fresh = [ec.loads(text) for _ in range(15)]  # equal frameworks, none searched yet
    cold = _time(lambda: fresh.pop().search("trauma"), 15)
    base.search("trauma")
    warm = _time(lambda: base.search("trauma"), 200)
    phrase = _time(lambda: base.search('"student agency" data', mode="any"), 200)
    print(f"{'search':<40} {'median ms':>10} {'x warm':>8}")
    print(f"{'first search of a framework (trauma)':<40} {cold:>10.2f} {cold / warm:>8.1f}")
    label = 'warm fw.search("trauma")'
    print(f"{label:<40} {warm:>10.2f} {1.0:>8.1f}")
    print(f"{'warm phrase + word, mode=any':<40} {phrase:>10.2f} {phrase / warm:>8.1f}")
    print(f"warm search is {warm / 5:.2f}x the 5 ms target")


if __name__ == "__main__":
    main()
