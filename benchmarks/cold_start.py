"""Cold start: importing edcompetencies and answering one lookup, against two baselines.

Measured side by side in one run (interleaved, so machine noise hits every case alike), each as
a fresh ``python`` process. Prints each case's median and two ratios: against a bare
interpreter (``python -c pass``) and against ``python -c "import attrs"`` (the library's own
floor: its model is attrs classes). Targets (issue 10): the library lookups within 1.2x
``import attrs``; the command ``edcompetencies show 2020:instructional.4`` within 3x a bare
interpreter (it answers without importing attrs).

    python benchmarks/cold_start.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time

BARE, ATTRS = "bare interpreter", "import attrs"
CASES = {
    BARE: "pass",
    ATTRS: "import attrs",
    "import attrs, json + read the file": (
        "import attrs, json, edcompetencies._packaged as p; json.loads(p.read_bytes('edition-2020.json'))"
    ),
    "import + ec.load(2020)['intrapersonal.1']": "import edcompetencies as ec; ec.load(2020)['intrapersonal.1']",
    "import + ec.load(2015)['cognitive.2.1.3']": "import edcompetencies as ec; ec.load(2015)['cognitive.2.1.3']",
}
COMMANDS = {
    "cli: show 2020:instructional.4": ["-m", "edcompetencies", "show", "2020:instructional.4"],
}
LIBRARY = ("import + ec.load(2020)['intrapersonal.1']", "import + ec.load(2015)['cognitive.2.1.3']")
TARGET_VS_ATTRS = 1.2
TARGET_CLI_VS_BARE = 3.0


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
    for argv in cases.values():  # warm the OS file cache and write the bytecode
        time_once(argv)
    samples: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(args.runs):
        for name, argv in cases.items():
            samples[name].append(time_once(argv))
    medians = {name: statistics.median(values) for name, values in samples.items()}
    bare, attrs_ = medians[BARE], medians[ATTRS]
    print(f"cold start, median of {args.runs} interleaved runs (python {sys.version.split()[0]})")
    print(f"  {'case':45s} {'median':>9s}  {'vs bare':>7s}  {'vs attrs':>8s}")
    for name, median in medians.items():
        print(f"  {name:45s} {median * 1000:6.1f} ms  {median / bare:6.2f}x  {median / attrs_:7.2f}x")
    worst = max(medians[name] / attrs_ for name in LIBRARY)
    cli = medians["cli: show 2020:instructional.4"] / bare
    print(f"library lookups: worst {worst:.2f}x import attrs (target <= {TARGET_VS_ATTRS}x): ", end="")
    print("OK" if worst <= TARGET_VS_ATTRS else "OVER TARGET")
    print(f"command line: {cli:.2f}x a bare interpreter (target <= {TARGET_CLI_VS_BARE:.0f}x): ", end="")
    print("OK" if cli <= TARGET_CLI_VS_BARE else "OVER TARGET")
    return 0


if __name__ == "__main__":
    sys.exit(main())
