"""CASE import and diff: two synthetic CASE frameworks of 10,000 items each, against the floor.

The floor is what no CASE reader can beat: decoding the same JSON text with the standard ``json``
module. Measured side by side in one run (interleaved, so machine noise hits all alike):

1. ``json.loads`` of both packages (the floor);
2. ``case.loads`` of both packages: decoding, validation, the tree rebuilt from ``isChildOf``
   edges and ``sequenceNumber``, IDs derived from the codes, the model built;
3. ``diff.compare`` of the two imported frameworks;

and prints each time and its ratio to the floor.

The packages are what another publisher's tool would write: the synthetic frameworks of
``benchmarks/diff.py`` (real sentences, a "next version" with rewording, moves, merges and splits),
exported and then stripped of the library's extension, recoded (``SYN.D0.3.a``) and shuffled, so
the reader takes the general path (codes, list enumerations, sequence numbers), not the shortcut
of its own exports.

    python benchmarks/case.py [--items N] [--repeat N] [--seed S]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import math
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import edcompetencies as ec
from edcompetencies import case, diff


def _diff_benchmark() -> ModuleType:
    """benchmarks/diff.py, for its synthetic frameworks."""
    name = "_diff_benchmark_for_case"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name("diff.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def _strip_extensions(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip_extensions(v) for k, v in value.items() if k != "extensions"}
    if isinstance(value, list):
        return [_strip_extensions(v) for v in value]
    return value


def as_plain_case(fw: ec.Framework, version: str, rng: random.Random) -> str:
    """*fw* as another publisher's CASE package: no edcompetencies extension, its own codes, shuffled."""
    package: dict[str, Any] = _strip_extensions(case.export(fw, base_uri="https://case.example.org/uri/"))
    package["CFDocument"]["version"] = version
    package["CFDocument"]["title"] = "Synthetic State Competencies"
    for item in package["CFItems"]:
        item["humanCodingScheme"] = "SYN." + item["humanCodingScheme"].partition(":")[2].upper()
    rng.shuffle(package["CFItems"])
    rng.shuffle(package["CFAssociations"])
    return json.dumps(package, ensure_ascii=False)


def synthetic_pair(items: int, seed: int) -> tuple[ec.Framework, ec.Framework, str, str]:
    """An old framework of about *items* items (a little more), its next version, and both as plain CASE JSON text."""
    bench = _diff_benchmark()
    chain = bench.Chain(i.text for fw in (ec.load(2015), ec.load(2020)) for i in [*fw.competencies(), *fw.indicators()])
    per_scale = 143  # items per unit of scale in benchmarks/diff.py (4 domains x 6 competencies x ~5 indicators)
    old, new, _ = bench.synthetic(max(1, math.ceil(items / per_scale)), seed, chain)
    rng = random.Random(seed)
    return old, new, as_plain_case(old, "2023", rng), as_plain_case(new, "2024", rng)


def median_time(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--items", type=int, default=10_000, help="items per framework (approximately)")
    parser.add_argument("--repeat", type=int, default=5, help="interleaved timed runs (median)")
    parser.add_argument("--seed", type=int, default=2020)
    args = parser.parse_args()

    old_fw, new_fw, old_text, new_text = synthetic_pair(args.items, args.seed)
    n_old, n_new = len(old_fw.ids()), len(new_fw.ids())
    size = (len(old_text.encode()) + len(new_text.encode())) / 1e6

    def floor() -> object:
        return json.loads(old_text), json.loads(new_text)

    def read() -> tuple[ec.Framework, ec.Framework]:
        return case.loads(old_text), case.loads(new_text)

    old, new = read()  # warm up (imports, caches), and check what is measured
    assert [i.text for i in old.items()] == [i.text for i in old_fw.items()]
    assert [i.text for i in new.items()] == [i.text for i in new_fw.items()]
    diff.compare(old, new)

    samples: dict[str, list[float]] = {"floor": [], "read": [], "diff": []}
    for _ in range(args.repeat):
        samples["floor"].append(median_time(floor))
        samples["read"].append(median_time(read))
        samples["diff"].append(median_time(lambda: diff.compare(old, new)))
    t = {name: statistics.median(values) for name, values in samples.items()}
    changes = diff.compare(old, new).summary().by_kind["all"]

    print(
        f"two synthetic CASE frameworks: {n_old:,} and {n_new:,} items, {size:.1f} MB of JSON "
        f"(seed {args.seed}); medians of {args.repeat} interleaved runs, python {sys.version.split()[0]}"
    )
    print(f"  {'step':<52} {'time':>10} {'x floor':>8}")
    rows = [
        ("json.loads, both files (the floor)", t["floor"]),
        ("case.loads, both files (import into the model)", t["read"]),
        ("diff.compare of the two imported frameworks", t["diff"]),
        ("import + diff", t["read"] + t["diff"]),
    ]
    for label, seconds in rows:
        print(f"  {label:<52} {seconds * 1e3:8.1f}ms {seconds / t['floor']:7.1f}x")
    print("  changes found: " + ", ".join(f"{kind} {n:,}" for kind, n in sorted(changes.items())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
