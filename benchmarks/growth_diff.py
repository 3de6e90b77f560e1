"""How diffing grows with its input: size, time and the ratio per doubling, side by side in one run.

Each path doubles its input a few times; a path that grows as n log n shows ratios a little
above 2, a quadratic one 4, a cubic one 8. Targets (issue 11, items 1 and 2): at most about
2.5 per doubling, and the word redline of 1,600 words well under a second.

1. ``diff.word_ops`` on the issue's reproduction: n words, every other one replaced.
2. ``diff.word_ops`` on English-like text: n words drawn from a small vocabulary (many repeats).
3. ``diff.compare`` of a framework whose one competency has n sibling indicators, with a copy of
   itself in which every other indicator is reworded (every kept pair is checked for renumbering).
4. ``diff.compare`` of two frameworks whose n indicators all have the same text.
5. ``diff.compare`` (with a one-link lineage) plus the text report of two one-item frameworks
   whose texts have n words (the shape of two CASE files with one long description).
6. ``diff.compare`` with a curated lineage of n links. Still quadratic (about 4x per doubling):
   ``Lineage.rationale`` scans every link for each change; an index on ``Lineage`` fixes it.

    python benchmarks/growth_diff.py [--quick]
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable

import edcompetencies as ec
from edcompetencies import diff

VOCABULARY = [
    "the",
    "learners",
    "educators",
    "build",
    "use",
    "data",
    "equity",
    "practice",
    "learning",
    "support",
    "each",
    "student",
    "and",
    "of",
    "to",
    "in",
    "with",
    "for",
    "feedback",
    "mastery",
    "competencies",
    "reflect",
    "design",
    "voice",
    "choice",
    "culture",
    "community",
    "growth",
    "goals",
    "assessment",
]


def _time(fn: Callable[[], object]) -> float:
    """The best of five runs (fewer when one takes over a second): the machine is shared."""
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
        if best > 1.0:
            break
    return best


def _framework(edition: str, texts: list[str], per_competency: int) -> ec.Framework:
    competencies = []
    for c in range(0, len(texts), per_competency):
        number = c // per_competency + 1
        indicators = [
            ec.Indicator(f"{edition}:d.{number}.{k + 1}", str(k + 1), text)
            for k, text in enumerate(texts[c : c + per_competency])
        ]
        statement = f"Competency c{number}"
        competencies.append(ec.Competency(f"{edition}:d.{number}", number, statement, None, (), indicators))
    return ec.Framework(edition, "T", [ec.Domain(f"{edition}:d", "d", "D", competencies)])


def alternating(n: int) -> tuple[str, str]:
    old = " ".join(f"w{k}" for k in range(n))
    new = " ".join(f"v{k}" if k % 2 else f"w{k}" for k in range(n))
    return old, new


def english(n: int) -> tuple[str, str]:
    rng = random.Random(n)
    old = [rng.choice(VOCABULARY) for _ in range(n)]
    new = [rng.choice(VOCABULARY) if rng.random() < 0.2 else w for w in old]
    return " ".join(old), " ".join(new)


def case_word_ops(make: Callable[[int], tuple[str, str]]) -> Callable[[int], Callable[[], object]]:
    def setup(n: int) -> Callable[[], object]:
        old, new = make(n)
        return lambda: diff.word_ops(old, new)

    return setup


def siblings(n: int) -> Callable[[], object]:
    texts = [f"Indicator x{k} y{k * 7} z{k * 13}." for k in range(n)]
    reworded = [t if k % 2 else t.replace(".", " q.") for k, t in enumerate(texts)]
    old, new = _framework("a", texts, n), _framework("b", reworded, n)
    return lambda: diff.compare(old, new)


def identical(n: int) -> Callable[[], object]:
    texts = ["Use data to support each learner."] * n
    old, new = _framework("a", texts, 16), _framework("b", texts, 16)
    return lambda: diff.compare(old, new)


def long_item(n: int) -> Callable[[], object]:
    a, b = english(n)
    old, new = _framework("a", [a], 1), _framework("b", [b], 1)
    return lambda: diff.compare(old, new, lineage=_one_link()).render("text")


def curated(n: int) -> Callable[[], object]:
    texts = [f"Indicator x{k} y{k * 7}." for k in range(n)]
    old, new = _framework("a", texts, 16), _framework("b", texts, 16)
    links = [ec.Link(i.id, "b:" + i.id.partition(":")[2], "same", "r") for i in old.indicators()]
    links += [ec.Link(c.id, "b:" + c.id.partition(":")[2], "same", "r") for c in old.competencies()]
    lineage = ec.Lineage("a", "b", "n links", links, [], [])
    return lambda: diff.compare(old, new, lineage=lineage)


def _one_link() -> ec.Lineage:
    return ec.Lineage("a", "b", "one link", [ec.Link("a:d.1.1", "b:d.1.1", "reworded", "r")], [], [])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="smaller sizes (a quick look)")
    parser.add_argument(
        "--stop-after", type=float, default=20.0, metavar="SECONDS", help="skip larger sizes after a time this long"
    )
    args = parser.parse_args()
    paths: list[tuple[str, Callable[[int], Callable[[], object]], list[int]]] = [
        ("word_ops, every other word replaced (words)", case_word_ops(alternating), [400, 800, 1600, 3200, 6400]),
        ("word_ops, English-like, 20% reworded (words)", case_word_ops(english), [400, 800, 1600, 3200, 6400]),
        ("compare, n sibling indicators", siblings, [2000, 4000, 8000, 16000]),
        ("compare, n identical texts", identical, [2000, 4000, 8000, 16000]),
        ("compare + to_text, one item of n words", long_item, [400, 800, 1600, 3200]),
        ("compare, a lineage of n links", curated, [1000, 2000, 4000, 8000]),
    ]
    print(f"{'path':<46} {'n':>7} {'seconds':>9} {'x per doubling':>15}")
    summary = []
    for name, setup, sizes in paths:
        if args.quick:
            sizes = [s // 4 for s in sizes[:3]]
        times: list[float] = []
        for n in sizes:
            seconds = _time(setup(n))
            shown = f"{seconds / times[-1]:.2f}" if times else "-"
            times.append(seconds)
            print(f"{name:<46} {n:>7} {seconds:>9.3f} {shown:>15}", flush=True)
            if seconds > args.stop_after:
                print(f"{name:<46} (larger sizes skipped: over {args.stop_after:g} s)")
                break
        if len(times) > 1:
            # the geometric mean of the ratios: one noisy timing moves it less than it moves one ratio
            summary.append((name, (times[-1] / times[0]) ** (1 / (len(times) - 1))))
        print()
    print("mean ratio per doubling (target: at most about 2.5)")
    for name, mean in summary:
        print(f"  {name:<46} {mean:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
