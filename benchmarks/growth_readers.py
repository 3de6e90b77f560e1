"""Growth of the readers with input size (issue 11 item 2): time per doubling, side by side.

``ec.loads`` of a framework with *n* source notes took 122 s at 100k notes (each note ID was
compared with every earlier one). Target: each doubling of *n* at most ~2.5x the time (n log n),
judged on the geometric mean per doubling from 8,000 on. Times are this process's CPU time
(the machine is shared; other processes' load would otherwise decide single steps).
Also measured: *n* indicators under one competency, and *n* competencies in one domain (the
IDs' duplicate check and the item index), so every list the reader walks is covered.

    python benchmarks/growth_readers.py [--max 128000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import time
from collections.abc import Callable
from typing import Any

import edcompetencies as ec

TARGET = 2.5


def _framework(*, notes: int = 0, indicators: int = 0, competencies: int = 1) -> str:
    data: dict[str, Any] = {
        "edition": "growth",
        "title": "Growth",
        "domains": [
            {
                "key": "cog",
                "name": "Cognitive",
                "competencies": [
                    {
                        "number": c + 1,
                        "statement": f"Statement {c}.",
                        "indicators": [{"label": f"i{k}", "text": f"Indicator {k}."} for k in range(indicators)]
                        if c == 0
                        else [],
                    }
                    for c in range(competencies)
                ],
            }
        ],
        "notes": [
            {"id": f"note-{k}", "kind": "editorial", "items": ["growth:cog.1"], "text": f"Note {k}."}
            for k in range(notes)
        ],
    }
    return json.dumps(data)


CASES: dict[str, Callable[[int], str]] = {
    "ec.loads, n notes": lambda n: _framework(notes=n),
    "ec.loads, n indicators": lambda n: _framework(indicators=n),
    "ec.loads, n competencies": lambda n: _framework(competencies=n),
}


def best_of(repeat: int, run: Callable[[], object]) -> float:
    """The least CPU time of this process over *repeat* runs (other processes' load does not count)."""
    times = []
    for _ in range(repeat):
        gc.collect()  # start each run from the same heap: the previous run's garbage is not this one's cost
        start = time.process_time()
        run()
        times.append(time.process_time() - start)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--min", type=int, default=1000)
    parser.add_argument("--max", type=int, default=128_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    ec.loads(_framework(notes=10))  # import and configure the converter once, outside the timings
    worst = 0.0  # the geometric mean per doubling from n = 8000 on (one noisy step does not decide it)
    for name, make in CASES.items():
        print(f"{name} (best of {args.repeat})")
        print(f"  {'n':>8s}  {'bytes':>10s}  {'CPU time':>9s}  {'x per doubling':>14s}")
        previous: float | None = None
        timings: dict[int, float] = {}
        n = args.min
        while n <= args.max:
            text = make(n)
            seconds = best_of(args.repeat, lambda text=text: ec.loads(text))  # type: ignore[misc]
            ratio = seconds / previous if previous else None
            shown = f"{ratio:13.2f}x" if ratio is not None else f"{'':>14s}"
            print(f"  {n:8d}  {len(text):10d}  {seconds * 1000:7.1f} ms  {shown}")
            previous = timings[n] = seconds
            n *= 2
        large = sorted(k for k in timings if k >= 8000)  # below that, fixed costs dominate
        if len(large) >= 2:
            mean = (timings[large[-1]] / timings[large[0]]) ** (1 / (len(large) - 1))
            worst = max(worst, mean)
            print(f"  mean per doubling, {large[0]} -> {large[-1]}: {mean:.2f}x")
    verdict = "OK" if worst <= TARGET else "OVER TARGET"
    print(f"worst mean ratio per doubling (n >= 8000): {worst:.2f}x (target <= {TARGET}x): {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
