"""Cold start: importing edcompetencies and answering one lookup, against a bare interpreter.

Measured side by side in one run (interleaved, so machine noise hits both alike), each as a
fresh `python` process. Prints the medians and their ratio. Target: at most 3x `python -c pass`
for the library lookups and for the command `edcompetencies show 2020:instructional.4`.

    python benchmarks/cold_start.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time

CASES = {
    "bare interpreter": "pass",
    "import + ec.load(2020)['intrapersonal.1']": "import edcompetencies as ec; ec.load(2020)['intrapersonal.1']",
    "import + ec.load(2015)['cognitive.2.1.3']": "import edcompetencies as ec; ec.load(2015)['cognitive.2.1.3']",
}
COMMANDS = {
    "cli: show 2020:instructional.4": ["-m", "edcompetencies", "show", "2020:instructional.4"],
}
TARGET = 3.0


# An installed package has its bytecode compiled by pip; a source checkout may not (this
# workplace sets PYTHONDONTWRITEBYTECODE). The children may write and use .pyc files, so the
# warm-up run compiles them once and every timed run is what an installed user sees.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def time_once(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, *argv], check=True, stdout=subprocess.DEVNULL, env=ENV)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    cases = {name: ["-c", code] for name, code in CASES.items()}
    cases.update(COMMANDS)
    for argv in cases.values():  # warm the OS file cache
        time_once(argv)
    samples: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(args.runs):
        for name, argv in cases.items():
            samples[name].append(time_once(argv))
    base = statistics.median(samples["bare interpreter"])
    print(f"cold start, median of {args.runs} interleaved runs (python {sys.version.split()[0]})")
    worst = 0.0
    for name, values in samples.items():
        median = statistics.median(values)
        ratio = median / base
        if name != "bare interpreter":
            worst = max(worst, ratio)
        print(f"  {name:45s} {median * 1000:7.1f} ms  {ratio:4.2f}x")
    verdict = "OK" if worst <= TARGET else "OVER TARGET"
    print(f"worst ratio {worst:.2f}x (target <= {TARGET:.0f}x): {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
