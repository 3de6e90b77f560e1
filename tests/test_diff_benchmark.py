"""The diff benchmark's synthetic frameworks: the generator is sound and the alignment finds its truth.

The benchmark (benchmarks/diff.py) prints timings; here only its correctness is checked, so the
printed accuracy cannot silently come from a broken generator.
"""

from __future__ import annotations

import importlib.util
import random
import sys
from pathlib import Path
from types import ModuleType

import pytest

import edcompetencies as ec
from edcompetencies import diff

BENCHMARK = Path(__file__).parent.parent / "benchmarks" / "diff.py"


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("_diff_benchmark", BENCHMARK)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def chain(bench: ModuleType) -> object:
    return bench.Chain(i.text for fw in (ec.load(2015), ec.load(2020)) for i in [*fw.competencies(), *fw.indicators()])


def test_sentences_are_distinct_and_made_of_real_words(bench: ModuleType, chain: object) -> None:
    rng = random.Random(0)
    sentences = [chain.sentence(rng) for _ in range(200)]  # type: ignore[attr-defined]
    assert len(set(sentences)) == 200
    corpus = {w for fw in (ec.load(2015), ec.load(2020)) for i in fw.indicators() for w in i.text.split()}
    corpus |= {w for fw in (ec.load(2015), ec.load(2020)) for c in fw.competencies() for w in c.text.split()}
    assert all(set(s.split()) <= corpus for s in sentences)


@pytest.mark.parametrize("seed", [1, 2])
def test_synthetic_truth_is_consistent_and_found(bench: ModuleType, chain: object, seed: int) -> None:
    old, new, truth = bench.synthetic(1, seed, chain)
    assert all(a in old and b in new for a, b in truth)
    found = bench.items_pairs(diff.compare(old, new))
    precision, recall, _ = bench.score(found, truth)
    assert precision >= 0.9 and recall >= 0.9


def test_naive_baseline_links_best_matches(bench: ModuleType) -> None:
    ratios = {("o1", "n1"): 0.9, ("o1", "n2"): 0.7, ("o2", "n2"): 0.65, ("o2", "n1"): 0.1}
    assert {("o1", "n1"), ("o2", "n2"), ("o1", "n2")} == bench.naive_links(ratios, 0.6)
    assert {("o1", "n1")} == bench.naive_links(ratios, 0.8)


def test_score(bench: ModuleType) -> None:
    assert (0.5, 1.0, pytest.approx(2 / 3)) == bench.score({("a", "b"), ("c", "d")}, {("a", "b")})


def test_large_uniform_frameworks_still_find_their_links(bench: ModuleType, chain: object) -> None:
    """10,000 items written from a few hundred sentences: every word is common, yet links are found.

    Every single word or word pair of such a framework is in more than MAX_DF items, so voting
    with single features finds no candidate for most items (recall was 0.74 here); pairs of an
    item's rarest features still find them (recall 0.89, precision 0.96 at seed 2020).
    """
    old, new, truth = bench.synthetic(70, 2020, chain)
    assert sum(1 for _ in old.items()) > 10_000
    precision, recall, _ = bench.score(bench.items_pairs(diff.compare(old, new)), truth)
    assert precision >= 0.93 and recall >= 0.85
