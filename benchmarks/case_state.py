"""CASE import and diff at state size: 1,000, 10,000 and 100,000 items, against ``json.loads``.

Issue 12 point 7: ``case.loads`` of a 10,000-item package within 3x ``json.loads`` of the same
text, and 10x the items at most about 11x the time, for the import and for the diff.

The packages are generated the way a state agency's tool writes them (the shape of the Smarter
Balanced content specification in ``../shared/reference/case/real/``, CASE 1.0 fields such as
``CFDocumentURI`` and ``CFPackageURI`` included): a CFDocument, items typed
``Strand`` / ``Standard`` / ``Benchmark`` with their ``uri``, ``humanCodingScheme``,
``educationLevel``, ``CFItemTypeURI``, ``CFDocumentURI`` and ``lastChangeDateTime``; the
``isChildOf`` edges with sequence numbers (the strands linked to the CFDocument), one
``exactMatchOf`` association to an outside framework for every ten items; items and associations
shuffled. The statements are drawn from the words of the two editions, each as often as it occurs
there. The next version of each rewords 5% of the statements, changes the education level of 2%
of the items, removes 1% and adds 1%.

Measured side by side in one run, interleaved (so machine noise hits all alike), for each size:

1. ``json.loads`` of the package text (the floor no reader beats);
2. the floor of any reader that builds this model: the same decoding ``case.loads`` does (a hook
   that finds repeated keys, the collector paused) and one model object with its ``Metadata`` per
   item, with no check, no tree and no label (what is left of the 3x for everything else);
3. ``case.loads`` of the same text (the framework only), and its ratio to ``json.loads``;
4. ``diff.compare`` of the two versions' frameworks;

then the growth per 10x of each (10x the items should cost at most about 11x the time).

The sizes share one process, so every size is timed beside the others' texts and frameworks,
as in a program that reads several packages; both readers slow down among them, ``json.loads``
by more than ``case.loads``. ``--fresh`` measures each size in a process of its own instead.

    python benchmarks/case_state.py [--sizes 1000 10000 100000] [--repeat N] [--seed S] [--fresh]
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import random
import statistics
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from typing import Any

import edcompetencies as ec
from edcompetencies import Indicator, Metadata, case, diff

BASE = "https://case.example.org/ims/case/v1p0"
NAMESPACE = uuid.UUID("9b0c3ad4-7f0e-4d8e-9a55-3c1e2f6a7b10")
TARGET = 3.0  # case.loads within 3x json.loads at 10,000 items
GROWTH = 11.0  # 10x the items, at most about 11x the time
# The words of both editions' statements, each as often as it occurs there: sentences drawn from them
# have the spread of real wording (a few common words, many rare ones), which the diff's alignment
# relies on (from a vocabulary of 50 words, every item would look like every other).
WORDS = [word for year in (2015, 2020) for item in ec.load(year).items() for word in item.text.split()]
TYPES = ("Strand", "Standard", "Benchmark")


def _ident(*parts: object) -> str:
    return str(uuid.uuid5(NAMESPACE, "/".join(map(str, parts))))


def _link(kind: str, identifier: str, title: str) -> dict[str, str]:
    return {"title": title, "identifier": identifier, "uri": f"{BASE}/{kind}/{identifier}"}


def _sentence(rng: random.Random) -> str:
    words = rng.choices(WORDS, k=rng.randint(12, 28))
    return " ".join(words).capitalize() + "."


def outline(items: int, seed: int) -> list[dict[str, Any]]:
    """The items of a framework of *items* items: strands of 10 standards of 9 benchmarks (100 items a strand)."""
    rng = random.Random(seed)
    out: list[dict[str, Any]] = []
    strand = 0
    while len(out) < items:
        strand += 1
        code = f"ST.S{strand}"
        out.append({"key": code, "code": code, "parent": None, "seq": strand, "level": 0, "text": _sentence(rng)})
        for s in range(1, 11):
            standard = f"{code}.{s}"
            out.append({"key": standard, "code": standard, "parent": code, "seq": s, "level": 1})
            out[-1]["text"] = _sentence(rng)
            for b in range(1, 10):
                key = f"{standard}.{chr(96 + b)}"
                out.append({"key": key, "code": key, "parent": standard, "seq": b, "level": 2})
                out[-1]["text"] = _sentence(rng)
    for n, item in enumerate(out):
        item["grade"] = f"{(n // 700) % 12 + 1:02d}"
    return out[:items]  # parents come before their children: a cut leaves no orphan


def next_version(items: list[dict[str, Any]], seed: int) -> list[dict[str, Any]]:
    """The next version: 5% reworded, 2% with another education level, 1% removed, 1% added."""
    rng = random.Random(seed + 1)
    out = []
    for item in items:
        item = dict(item)
        roll = rng.random()
        if roll < 0.01 and item["level"] == 2:
            continue  # removed (a leaf, so no orphan is left)
        if roll < 0.06:
            words = item["text"].rstrip(".").split()
            words[rng.randrange(len(words))] = rng.choice(WORDS)
            item["text"] = " ".join(words) + "."
        elif roll < 0.08:
            item["grade"] = f"{int(item['grade']) % 12 + 1:02d}"
        out.append(item)
        if item["level"] == 1 and rng.random() < 0.1:  # about 1% of the items: a new benchmark
            key = f"{item['key']}.new"
            out.append({**item, "key": key, "code": key, "parent": item["key"], "seq": 10, "level": 2})
            out[-1]["text"] = _sentence(rng)
    return out


def package(items: list[dict[str, Any]], version: str, seed: int) -> str:
    """The CASE package text of *items*, as a state agency's tool would write it."""
    rng = random.Random(seed)
    doc_id = _ident("document")
    title = "Synthetic State Standards"
    doc_link = _link("CFDocuments", doc_id, title)
    changed = "2024-05-01T12:00:00+00:00"
    cf_items = []
    associations = []
    for n, item in enumerate(items):
        ident = _ident("item", item["key"])
        type_name = TYPES[item["level"]]
        cf_items.append(
            {
                "uri": f"{BASE}/CFItems/{ident}",
                "identifier": ident,
                "lastChangeDateTime": changed,
                "CFDocumentURI": doc_link,
                "CFItemType": type_name,
                "CFItemTypeURI": _link("CFItemTypes", _ident("type", type_name), type_name),
                "educationLevel": [item["grade"]],
                "language": "en",
                "humanCodingScheme": item["code"],
                "fullStatement": item["text"],
            }
        )
        parent = doc_link if item["parent"] is None else _link("CFItems", _ident("item", item["parent"]), "")
        if item["parent"] is not None:
            parent["title"] = item["parent"]
        edge = _ident("edge", item["key"])
        associations.append(
            {
                "uri": f"{BASE}/CFAssociations/{edge}",
                "identifier": edge,
                "lastChangeDateTime": changed,
                "CFDocumentURI": doc_link,
                "originNodeURI": _link("CFItems", ident, item["code"]),
                "associationType": "isChildOf",
                "destinationNodeURI": parent,
                "sequenceNumber": item["seq"],
            }
        )
        if n % 10 == 5:
            match = _ident("match", item["key"])
            associations.append(
                {
                    "uri": f"{BASE}/CFAssociations/{match}",
                    "identifier": match,
                    "lastChangeDateTime": changed,
                    "CFDocumentURI": doc_link,
                    "originNodeURI": _link("CFItems", ident, item["code"]),
                    "associationType": "exactMatchOf",
                    "destinationNodeURI": {
                        "title": f"NATIONAL.{item['code']}",
                        "identifier": _ident("national", item["key"]),
                        "uri": f"https://standards.example.net/CFItems/{_ident('national', item['key'])}",
                    },
                }
            )
    rng.shuffle(cf_items)
    rng.shuffle(associations)
    document = {
        "uri": f"{BASE}/CFDocuments/{doc_id}",
        "identifier": doc_id,
        "lastChangeDateTime": changed,
        "CFPackageURI": _link("CFPackages", doc_id, title),
        "creator": "Synthetic State Department of Education",
        "publisher": "Synthetic State Department of Education",
        "title": title,
        "version": version,
        "adoptionStatus": "Adopted",
        "language": "en",
    }
    return json.dumps({"CFDocument": document, "CFItems": cf_items, "CFAssociations": associations})


def pair(items: int, seed: int) -> tuple[str, str]:
    """Two versions of a framework of about *items* items, as CASE package texts."""
    old = outline(items, seed)
    return package(old, "2023", seed), package(next_version(old, seed), "2024", seed + 1)


def _pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(items)
    if len(out) != len(items):
        raise ValueError("a repeated key")
    return out


_BUILT = {"fullStatement", "humanCodingScheme", "CFDocumentURI", "lastChangeDateTime"}


def floor(text: str) -> list[Indicator]:
    """What no reader of this model gets below: decode as case.loads does, one item object each."""
    gc.disable()
    try:
        data = json.loads(text, object_pairs_hook=_pairs)
        items = [
            Indicator(
                id=f"x:{n}",
                label=str(n),
                text=raw["fullStatement"],
                code=raw.get("humanCodingScheme"),
                metadata=Metadata._owned({k: v for k, v in raw.items() if k not in _BUILT}),  # as the reader does
            )
            for n, raw in enumerate(data["CFItems"])
        ]
        parents = {
            a["originNodeURI"]["identifier"]: a["destinationNodeURI"]["identifier"] for a in data["CFAssociations"]
        }
        del data, parents
        return items
    finally:
        gc.enable()


def _time(fn: Callable[..., object], *args: object) -> float:
    gc.collect()
    start = time.perf_counter()
    fn(*args)
    return time.perf_counter() - start


def measure(sizes: list[int], seed: int, repeat: int, budget: float) -> list[tuple[float, dict[str, float], int]]:
    """For each size: (MB, median seconds of json.loads / case.loads / diff.compare, runs).

    Each round times every step at every size, so machine noise hits the sizes alike and the
    growth is measured between times taken side by side; no new round starts once the rounds
    have taken *budget* seconds (a 100,000-item diff takes tens of seconds)."""
    texts = [pair(size, seed) for size in sizes]
    frameworks = [(case.loads(old), case.loads(new)) for old, new in texts]  # warm up, and check them
    for size, (old_fw, _) in zip(sizes, frameworks, strict=True):
        assert len(old_fw.ids()) == size, (len(old_fw.ids()), size)
    samples: list[dict[str, list[float]]] = [{"json": [], "floor": [], "case": [], "diff": []} for _ in sizes]
    started = time.perf_counter()
    for _ in range(repeat):
        for k, ((old_text, _), (old, new)) in enumerate(zip(texts, frameworks, strict=True)):
            samples[k]["json"].append(_time(json.loads, old_text))
            samples[k]["floor"].append(_time(floor, old_text))
            samples[k]["case"].append(_time(case.loads, old_text))
            samples[k]["diff"].append(_time(diff.compare, old, new))
        if time.perf_counter() - started > budget:
            break
    medians = [{name: statistics.median(values) for name, values in times.items()} for times in samples]
    return [
        (len(text.encode()) / 1e6, t, len(times["diff"]))
        for (text, _), t, times in zip(texts, medians, samples, strict=True)
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000], help="items per package")
    parser.add_argument("--repeat", type=int, default=5, help="interleaved rounds (median)")
    parser.add_argument("--budget", type=float, default=300.0, help="seconds before no new round starts (default 300)")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--fresh",
        action="store_true",
        help="each size in a process of its own: no other size's texts and frameworks alive beside it",
    )
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # --fresh's child: one size, as JSON
    args = parser.parse_args(argv)

    if args.one is not None:
        print(json.dumps(measure([args.one], args.seed, args.repeat, args.budget)[0]))
        return 0
    if args.fresh:
        options = ["--repeat", str(args.repeat), "--seed", str(args.seed), "--budget", str(args.budget)]
        rows = [
            tuple(json.loads(subprocess.run([sys.executable, __file__, "--one", str(size), *options],
                                            capture_output=True, text=True, check=True).stdout))
            for size in args.sizes
        ]  # fmt: skip
    else:
        rows = measure(args.sizes, args.seed, args.repeat, args.budget)
    how = "each size in a process of its own" if args.fresh else "each timing every size"
    print(
        f"CASE at state size (seed {args.seed}, python {sys.version.split()[0]}): medians of {rows[0][2]} rounds, "
        f"{how}; target: case.loads within {TARGET:.0f}x json.loads at 10,000 items, "
        f"at most ~{GROWTH:.0f}x the time per 10x the items"
    )
    print(
        f"  {'items':>8} {'MB':>6} {'json.loads':>11} {'floor':>6} {'case.loads':>11} {'ratio':>6} {'growth':>14}"
        f" {'diff.compare':>13} {'growth':>7}"
    )
    for k, (size, (mb, t, _)) in enumerate(zip(args.sizes, rows, strict=True)):
        growth, diff_growth = f"{'-':>14}", f"{'-':>7}"
        if k:
            per10 = 1 / math.log10(size / args.sizes[k - 1])  # growth per 10x the items, whatever the step
            grown = {name: (t[name] / rows[k - 1][1][name]) ** per10 for name in t}
            growth = f"{grown['case']:5.1f}x ({grown['json']:4.1f}x)"
            diff_growth = f"{grown['diff']:6.1f}x"
        print(
            f"  {size:>8,} {mb:6.1f} {t['json'] * 1e3:9.1f}ms {t['floor'] / t['json']:5.1f}x {t['case'] * 1e3:9.1f}ms"
            f" {t['case'] / t['json']:5.1f}x {growth} {t['diff'] * 1e3:11.1f}ms {diff_growth}"
        )
    print(
        "  floor: the least any reader of this model costs (see floor()), and ratio: case.loads, each against"
        " json.loads of the same text;\n  growth: per 10x the items (json.loads's in brackets)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
