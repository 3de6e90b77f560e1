"""Diffing grows as n log n: word redlines (issue 11 item 1) and the compare paths of item 2.

No timings here (benchmarks/growth_diff.py prints those): the work is counted as the number of
Python lines executed, which does not depend on the machine. Doubling the input must at most
about double the work (2.5x allows for the log factor); the cubic redline did 8x and the
quadratic paths over 3x at these sizes.
"""

from __future__ import annotations

import difflib
import importlib.util
import random
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given
from hypothesis import strategies as st

from edcompetencies import diff
from edcompetencies.diff import _wordops

from .strategies import long_texts

VOCABULARY = ["the", "learners", "data", "and", "of", "support", "x", "y"]
BENCHMARK = Path(__file__).parent.parent / "benchmarks" / "growth_diff.py"


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    """The benchmark's own inputs, so that what is counted here is what it times."""
    spec = importlib.util.spec_from_file_location("_growth_diff_benchmark", BENCHMARK)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def lines_executed(fn: Callable[[], object]) -> int:
    """The number of Python lines *fn* executes (every frame, the standard library's included)."""
    count = 0

    def tracer(frame: object, event: str, arg: object) -> Callable[..., object]:
        nonlocal count
        if event == "line":
            count += 1
        return tracer

    previous = sys.gettrace()
    sys.settrace(tracer)  # type: ignore[arg-type]
    try:
        fn()
    finally:
        sys.settrace(previous)
    return count


def growth(make: Callable[[int], Callable[[], object]], n: int) -> float:
    """The work at 2n over the work at n."""
    return lines_executed(make(2 * n)) / lines_executed(make(n))


def test_a_word_redline_grows_linearly_with_the_text(bench: ModuleType) -> None:
    """Issue 11 item 1: 400 / 800 / 1,600 words took 1.15 s / 10.8 s / 85 s (8x per doubling)."""
    assert growth(bench.case_word_ops(bench.alternating), 100) <= 2.5
    ops = diff.word_ops(*bench.alternating(1600))
    assert isinstance(ops, tuple) and 1600 == len(ops)  # every other word replaced, one op each
    assert all(op.op in {"equal", "replace"} for op in ops)  # type: ignore[attr-defined]


def test_a_redline_without_rare_words_grows_linearly_too(bench: ModuleType) -> None:
    """No anchor (a word found once in each text) to cut at: the text is aligned window by window."""
    assert growth(bench.case_word_ops(bench.english), 400) <= 2.5


def test_n_sibling_indicators_grow_linearly(bench: ModuleType) -> None:
    """Issue 11 item 2: 16,000 sibling indicators took 30 s (each looked up among its siblings)."""
    assert growth(bench.siblings, 1000) <= 2.5


def test_n_identical_texts_grow_linearly(bench: ModuleType) -> None:
    """Issue 11 item 2: 16,000 identical texts took 24 s (each scanned the free items with its text)."""
    assert growth(bench.identical, 1000) <= 2.5
    d = bench.identical(100)()
    assert isinstance(d, diff.Diff) and {"unchanged"} == {c.kind.value for c in d}
    assert all(c.old.id.split(":")[1] == c.new.id.split(":")[1] for c in d if c.old and c.new)  # in document order


def test_short_texts_are_aligned_as_difflib_aligns_them() -> None:
    """Below SMALL the redline is difflib's own, so every redline of the two editions is unchanged."""
    rng = random.Random(3)
    for _ in range(50):
        a = [rng.choice(VOCABULARY) for _ in range(rng.randint(0, 40))]
        b = [rng.choice(VOCABULARY) for _ in range(rng.randint(0, 40))]
        expected = [
            tuple(m) for m in difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks() if m.size
        ]
        assert expected == _wordops.matching_blocks(a, b)


@given(long_texts, long_texts)
def test_long_word_ops_rebuild_both_texts(old: str, new: str) -> None:
    """The redline property on texts long enough for anchors and windows."""
    ops = diff.word_ops(old, new)
    assert "".join(op.old for op in ops) == old
    assert "".join(op.new for op in ops) == new
    assert all(op.old == op.new for op in ops if op.op == "equal")
    assert all(op.op != "equal" or op.old for op in ops)


@given(st.lists(st.sampled_from(VOCABULARY[:-1]), max_size=400), st.data())
def test_matching_blocks_match_and_increase(a: list[str], data: st.DataObject) -> None:
    b = data.draw(st.lists(st.sampled_from([*VOCABULARY[:-2], "z"]), max_size=400))
    blocks = _wordops.matching_blocks(a, b)
    end_a = end_b = 0
    for i, j, n in blocks:
        assert n > 0 and i >= end_a and j >= end_b and a[i : i + n] == b[j : j + n]
        end_a, end_b = i + n, j + n
    assert 0.0 <= _wordops.similarity(a, b) <= 1.0
