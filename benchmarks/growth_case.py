"""How ``case.read`` grows with the size of the parts that used to be quadratic (issue 11, item 2).

Two synthetic packages, each doubled step by step, timed side by side in one run:

- **notes**: n source notes in the CFDocument's ``edcompetencies`` extension (each naming the
  one item of the package); every note is checked against the others (its ID must be new);
- **numbers**: n sibling competencies whose extension gives each its ``number``; every number
  is checked against its siblings' (it must be distinct).

For each size it prints the time (best of ``--repeat`` runs) and the ratio to the previous
size: about 2 per doubling is linear, about 2.1-2.3 is n log n, 4 is quadratic.

    python benchmarks/growth_case.py [--start N] [--steps K] [--repeat R]
"""

from __future__ import annotations

import argparse
import gc
import time
from collections.abc import Callable
from typing import Any

from edcompetencies import case


def _document(ext: dict[str, Any]) -> dict[str, Any]:
    return {"identifier": "doc", "title": "Growth", "version": "v1", "extensions": {"edcompetencies": ext}}


def _child(origin: str, destination: str) -> dict[str, Any]:
    return {
        "identifier": f"{origin}->{destination}",
        "associationType": "isChildOf",
        "originNodeURI": {"title": origin, "identifier": origin, "uri": f"urn:x:{origin}"},
        "destinationNodeURI": {"title": destination, "identifier": destination, "uri": f"urn:x:{destination}"},
    }


def with_notes(n: int) -> dict[str, Any]:
    """A one-item package whose document extension carries *n* source notes."""
    notes = [{"id": f"note-{k}", "kind": "editorial", "items": ["v1:d"], "text": f"Note {k}."} for k in range(n)]
    return {
        "CFDocument": _document({"notes": notes}),
        "CFItems": [{"identifier": "d", "fullStatement": "A domain.", "humanCodingScheme": "D"}],
        "CFAssociations": [_child("d", "doc")],
    }


def with_numbers(n: int) -> dict[str, Any]:
    """A domain with *n* competencies, each numbered by the extension (in reverse of file order)."""
    items = [{"identifier": "d", "fullStatement": "A domain.", "humanCodingScheme": "D"}]
    items += [
        {
            "identifier": f"c{k}",
            "fullStatement": f"Competency {k}.",
            "extensions": {"edcompetencies": {"number": n - k}},
        }
        for k in range(n)
    ]
    return {
        "CFDocument": _document({}),
        "CFItems": items,
        "CFAssociations": [_child("d", "doc"), *(_child(f"c{k}", "d") for k in range(n))],
    }


def best(build: Callable[[int], dict[str, Any]], n: int, repeat: int) -> float:
    data = build(n)
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        case.read(data)
        times.append(time.perf_counter() - start)
    return min(times)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--start", type=int, default=2000, help="the first size (default 2000)")
    parser.add_argument("--steps", type=int, default=5, help="how many doublings (default 5)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per size, the best is kept (default 3)")
    args = parser.parse_args(argv)
    paths = {"notes in the document extension": with_notes, "extension numbers on n siblings": with_numbers}
    sizes = [args.start * 2**k for k in range(args.steps)]
    results: dict[str, list[float]] = {name: [] for name in paths}
    for n in sizes:  # interleaved, so machine noise hits both paths alike
        for name, build in paths.items():
            results[name].append(best(build, n, args.repeat))
    print(f"case.read growth (time: best of {args.repeat} runs; ratio: to the previous size)")
    header = f"  {'n':>8}" + "".join(f"  {name:>34}" for name in paths)
    print(header)
    for k, n in enumerate(sizes):
        cells = []
        for name in paths:
            t = results[name][k]
            ratio = f"{t / results[name][k - 1]:.2f}x" if k else "-"
            cells.append(f"{t * 1000:>22.1f} ms {ratio:>8}")
        print(f"  {n:>8,}" + "".join(f"  {c:>34}" for c in cells))
    if len(sizes) > 1:
        overall = [(results[name][-1] / results[name][0]) ** (1 / (len(sizes) - 1)) for name in paths]
        print(
            "  per doubling over the whole range: "
            + ", ".join(f"{name} {ratio:.2f}x" for name, ratio in zip(paths, overall, strict=True))
            + " (linear 2x, n log n about 2.1-2.2x, quadratic 4x)"
        )


if __name__ == "__main__":
    main()
