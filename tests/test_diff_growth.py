"""Diffing grows as n log n: word redlines (issue 11 item 1) and the compare paths of item 2.

No timings here (benchmarks/growth_diff.py prints those): the work is counted as the number of
Python lines executed, which does not depend on the machine. Doubling the input must at most
about double the work (2.5x allows for the log factor); the cubic redline did 8x and the
quadratic paths over 3x at these sizes.
"""

from __future__ import annotations

import difflib
import random
import sys
from collections.abc import Callable

from hypothesis import given
from hypothesis import strategies as st

import edcompetencies as ec
from edcompetencies import diff
from edcompetencies.diff import _wordops

from .strategies import long_texts

VOCABULARY = [
    "the",
    "learners",
    "use",
    "data",
    "to",
    "support",
    "each",
    "student",
    "and",
    "of",
    "in",
    "with",
    "for",
    "feedback",
    "mastery",
]


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


def alternating(n: int) -> Callable[[], object]:
    """The issue's reproduction: n words, every other one replaced."""
    old = " ".join(f"w{k}" for k in range(n))
    new = " ".join(f"v{k}" if k % 2 else f"w{k}" for k in range(n))
    return lambda: diff.word_ops(old, new)


def repetitive(n: int) -> Callable[[], object]:
    """n words from a small vocabulary, a fifth of them replaced: no word occurs only once."""
    rng = random.Random(n)
    old = [rng.choice(VOCABULARY) for _ in range(n)]
    new = [rng.choice(VOCABULARY) if rng.random() < 0.2 else w for w in old]
    return lambda: diff.word_ops(" ".join(old), " ".join(new))


def _framework(edition: str, texts: list[str], per_competency: int) -> ec.Framework:
    competencies = []
    for c in range(0, len(texts), per_competency):
        number = c // per_competency + 1
        indicators = [
            ec.Indicator(f"{edition}:d.{number}.{k + 1}", str(k + 1), text)
            for k, text in enumerate(texts[c : c + per_competency])
        ]
        competencies.append(
            ec.Competency(f"{edition}:d.{number}", number, f"Competency c{number}", None, (), indicators)
        )
    return ec.Framework(edition, "T", [ec.Domain(f"{edition}:d", "d", "D", competencies)])


def siblings(n: int) -> Callable[[], object]:
    """One competency with n indicators, every other one reworded."""
    texts = [f"Indicator x{k} y{k * 7} z{k * 13}." for k in range(n)]
    old = _framework("a", texts, n)
    new = _framework("b", [t if k % 2 else t.replace(".", " q.") for k, t in enumerate(texts)], n)
    return lambda: diff.compare(old, new)


def identical(n: int) -> Callable[[], object]:
    """n indicators with one and the same text, on both sides."""
    texts = ["Use data to support each learner."] * n
    old, new = _framework("a", texts, 16), _framework("b", texts, 16)
    return lambda: diff.compare(old, new)


def test_a_word_redline_grows_linearly_with_the_text() -> None:
    """Issue 11 item 1: 400 / 800 / 1,600 words took 1.15 s / 10.8 s / 85 s (8x per doubling)."""
    assert growth(alternating, 100) <= 2.5
    ops = alternating(1600)()
    assert isinstance(ops, tuple) and 1600 == len(ops)  # every other word replaced, one op each
    assert all(op.op in {"equal", "replace"} for op in ops)  # type: ignore[attr-defined]


def test_a_redline_without_rare_words_grows_linearly_too() -> None:
    """No anchor (a word found once in each text) to cut at: the text is aligned window by window."""
    assert growth(repetitive, 400) <= 2.5


def test_n_sibling_indicators_grow_linearly() -> None:
    """Issue 11 item 2: 16,000 sibling indicators took 30 s (each looked up among its siblings)."""
    assert growth(siblings, 1000) <= 2.5


def test_n_identical_texts_grow_linearly() -> None:
    """Issue 11 item 2: 16,000 identical texts took 24 s (each scanned the free items with its text)."""
    assert growth(identical, 1000) <= 2.5
    d = identical(100)()
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


@given(st.lists(st.sampled_from([*VOCABULARY[:6], "x", "y"]), max_size=400), st.data())
def test_matching_blocks_match_and_increase(a: list[str], data: st.DataObject) -> None:
    b = data.draw(st.lists(st.sampled_from([*VOCABULARY[:6], "x", "z"]), max_size=400))
    blocks = _wordops.matching_blocks(a, b)
    end_a = end_b = 0
    for i, j, n in blocks:
        assert n > 0 and i >= end_a and j >= end_b and a[i : i + n] == b[j : j + n]
        end_a, end_b = i + n, j + n
    assert 0.0 <= _wordops.similarity(a, b) <= 1.0
