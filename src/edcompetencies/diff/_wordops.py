"""Word operations: the normalised words of a text, and the word-level redline of two texts.

The redline aligns tokens (words, runs of whitespace, single punctuation marks). Texts of
the size an indicator has are aligned by difflib's ``SequenceMatcher``, as they always were.
Its matching is cubic in the worst case (each of up to n matching runs searches the whole
remaining region, and a token as common as a space is compared at every position: 1,600
words took 85 s), so a longer text is first cut at anchors the way git's patience diff
does: the tokens that occur exactly once in each text, kept where their order agrees (a
longest increasing subsequence). Between two anchors the same rule applies again, until a
region is small enough for ``SequenceMatcher``. A large region without any anchor (a text
made of a few repeated words) is aligned window by window. Each step costs about the size
of its region, so the whole grows as n log n (benchmarks/growth_diff.py prints the figures).
"""

from __future__ import annotations

import bisect
import difflib
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence

import attrs

from .._markup import Card
from ..errors import ArgumentTypeError

__all__ = ["WordOp", "matching_blocks", "normalise_words", "similarity", "word_ops"]

_TYPOGRAPHY = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-", "\u00a0": " "})
_WORD = re.compile(r"[^\W_]+")
_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")

SMALL = 128 * 128
"""The largest region (old tokens times new tokens) that ``SequenceMatcher`` aligns directly.
Every text of both editions is below it (the longest has 103 tokens), so their redlines are
difflib's own; at this size its worst case is a few milliseconds."""

WINDOW = 128
"""The window, in tokens, of the fallback for a large region without anchors."""


def normalise_words(text: str) -> tuple[str, ...]:
    """The words of *text*, case-folded, without punctuation or typographic variants.

    >>> normalise_words("Create, use, or adapt “rubrics”—now.")
    ('create', 'use', 'or', 'adapt', 'rubrics', 'now')
    """
    if not isinstance(text, str):
        raise ArgumentTypeError("diff.normalise_words()", "text", "a string", text)
    text = unicodedata.normalize("NFKC", text).translate(_TYPOGRAPHY).casefold()
    return tuple(_WORD.findall(text))


@attrs.frozen(repr=False)
class WordOp(Card):
    """One word-level operation: ``equal``, ``insert``, ``delete`` or ``replace``.

    ``old`` and ``new`` are the exact spans of the two texts (empty for an insert or a
    delete), so joining every op's ``old`` rebuilds the old text, and likewise ``new``.
    """

    op: str
    old: str
    new: str


# --------------------------------------------------------------------------- matching


def matching_blocks(a: Sequence[str], b: Sequence[str]) -> list[tuple[int, int, int]]:
    """The matching runs ``(i, j, size)`` of two token sequences, in order, without the final
    ``(len(a), len(b), 0)`` that difflib adds; adjacent runs are joined.

    >>> matching_blocks("a b c d".split(), "a x c d".split())
    [(0, 0, 1), (2, 2, 2)]
    """
    blocks: list[tuple[int, int, int]] = []
    if len(a) * len(b) <= SMALL:
        _difflib(a, 0, len(a), b, 0, len(b), blocks)
        return _joined(blocks)
    # regions still to align, the leftmost last; a block is a region of size -1
    stack: list[tuple[int, int, int, int]] = [(0, len(a), 0, len(b))]
    while stack:
        alo, ahi, blo, bhi = stack.pop()
        if ahi < 0:  # a block: (i, -1, j, size)
            blocks.append((alo, blo, bhi))
            continue
        head = 0
        while alo + head < ahi and blo + head < bhi and a[alo + head] == b[blo + head]:
            head += 1
        if head:
            blocks.append((alo, blo, head))
            alo, blo = alo + head, blo + head
        tail = 0
        while alo < ahi - tail and blo < bhi - tail and a[ahi - tail - 1] == b[bhi - tail - 1]:
            tail += 1
        ahi, bhi = ahi - tail, bhi - tail
        pushed: list[tuple[int, int, int, int]] = []
        if tail:
            pushed.append((ahi, -1, bhi, tail))
        if alo < ahi and blo < bhi:
            if (ahi - alo) * (bhi - blo) <= SMALL:
                found: list[tuple[int, int, int]] = []
                _difflib(a, alo, ahi, b, blo, bhi, found)
                pushed.extend((i, -1, j, n) for i, j, n in reversed(found))
            else:
                anchors = _anchors(a, alo, ahi, b, blo, bhi)
                if anchors:
                    ends = (ahi, bhi)
                    for i, j in reversed(anchors):
                        pushed.append((i + 1, ends[0], j + 1, ends[1]))
                        pushed.append((i, -1, j, 1))
                        ends = (i, j)
                    pushed.append((alo, ends[0], blo, ends[1]))
                else:
                    found = []
                    _windowed(a, alo, ahi, b, blo, bhi, found)
                    pushed.extend((i, -1, j, n) for i, j, n in reversed(found))
        stack.extend(pushed)
    return _joined(blocks)


def _difflib(
    a: Sequence[str], alo: int, ahi: int, b: Sequence[str], blo: int, bhi: int, out: list[tuple[int, int, int]]
) -> None:
    matcher = difflib.SequenceMatcher(None, a[alo:ahi], b[blo:bhi], autojunk=False)
    out.extend((alo + i, blo + j, n) for i, j, n in matcher.get_matching_blocks() if n)


def _anchors(a: Sequence[str], alo: int, ahi: int, b: Sequence[str], blo: int, bhi: int) -> list[tuple[int, int]]:
    """Pairs ``(i, j)`` of equal tokens to cut a region at, in increasing order of both (patience diff):
    the tokens that occur exactly once on each side, kept where their order agrees."""
    once_a = [token for token, n in Counter(a[alo:ahi]).items() if n == 1]
    count_b = Counter(b[blo:bhi])
    where_b = {b[j]: j for j in range(blo, bhi) if count_b[b[j]] == 1}
    where_a = {a[i]: i for i in range(alo, ahi)}
    pairs = sorted((where_a[token], where_b[token]) for token in once_a if token in where_b)
    return _increasing(pairs)


def _increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest subsequence of *pairs* (sorted by ``i``) whose ``j`` also increases (patience sorting)."""
    tops: list[int] = []  # the smallest j ending an increasing run of each length
    ends: list[int] = []  # the index in pairs of that run's last pair
    back: list[int] = []  # for each pair, the index of the pair before it in its run
    for n, (_, j) in enumerate(pairs):
        k = bisect.bisect_left(tops, j)
        back.append(ends[k - 1] if k else -1)
        if k == len(tops):
            tops.append(j)
            ends.append(n)
        else:
            tops[k], ends[k] = j, n
    run = []
    n = ends[-1] if ends else -1
    while n >= 0:
        run.append(pairs[n])
        n = back[n]
    return run[::-1]


def _windowed(
    a: Sequence[str], alo: int, ahi: int, b: Sequence[str], blo: int, bhi: int, out: list[tuple[int, int, int]]
) -> None:
    """A large region without anchors, aligned ``WINDOW`` tokens at a time.

    ``SequenceMatcher`` aligns the next window of each side; the runs that end in the first
    half of the old window are kept, and the next windows start where the old half ends (the
    new side as far on as the last kept run says). The work per window is bounded, and the
    windows advance by half a window each time. A deletion or insertion longer than a window
    is not seen through: what follows it is then reported as replaced (the texts still rebuild).
    """
    half = WINDOW // 2
    while (ahi - alo) * (bhi - blo) > SMALL and ahi - alo > half and bhi - blo > half:
        found: list[tuple[int, int, int]] = []
        _difflib(a, alo, min(ahi, alo + WINDOW), b, blo, min(bhi, blo + WINDOW), found)
        stop = alo + half
        kept = []
        for i, j, n in found:
            if i >= stop:
                break
            n = min(n, stop - i)
            kept.append((i, j, n))
        out.extend(kept)
        if kept:
            i, j, n = kept[-1]
            blo = min(bhi, j + n + (stop - i - n))
        else:
            blo += half
        alo = stop
    if alo < ahi and blo < bhi and (ahi - alo) * (bhi - blo) <= SMALL:
        _difflib(a, alo, ahi, b, blo, bhi, out)


def _joined(blocks: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    joined: list[tuple[int, int, int]] = []
    for i, j, n in blocks:
        if joined and joined[-1][0] + joined[-1][2] == i and joined[-1][1] + joined[-1][2] == j:
            joined[-1] = (joined[-1][0], joined[-1][1], joined[-1][2] + n)
        else:
            joined.append((i, j, n))
    return joined


def _opcodes(a: Sequence[str], b: Sequence[str]) -> list[tuple[str, int, int, int, int]]:
    """difflib's ``get_opcodes`` over :func:`matching_blocks`."""
    codes = []
    i = j = 0
    for ai, bj, n in [*matching_blocks(a, b), (len(a), len(b), 0)]:
        if i < ai and j < bj:
            codes.append(("replace", i, ai, j, bj))
        elif i < ai:
            codes.append(("delete", i, ai, j, bj))
        elif j < bj:
            codes.append(("insert", i, ai, j, bj))
        if n:
            codes.append(("equal", ai, ai + n, bj, bj + n))
        i, j = ai + n, bj + n
    return codes


def similarity(a: Sequence[str], b: Sequence[str]) -> float:
    """Twice the matched tokens over the total (difflib's ``ratio()``), 1.0 for two empty sequences."""
    if not a and not b:
        return 1.0
    return 2.0 * sum(n for _, _, n in matching_blocks(a, b)) / (len(a) + len(b))


def word_ops(old: str, new: str) -> tuple[WordOp, ...]:
    """Word-level operations turning *old* into *new*.

    >>> [(o.op, o.old, o.new) for o in word_ops("tools of inquiry", "tools of investigation")]
    [('equal', 'tools of ', 'tools of '), ('replace', 'inquiry', 'investigation')]
    """
    for name, value in (("old", old), ("new", new)):
        if not isinstance(value, str):
            raise ArgumentTypeError("diff.word_ops()", name, "a string", value)
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    ops = [[tag, "".join(a[i1:i2]), "".join(b[j1:j2])] for tag, i1, i2, j1, j2 in _opcodes(a, b)]
    # A change, a run of spaces, a change: read as one replacement, not three operations.
    merged: list[list[str]] = []
    for op in ops:
        if (
            len(merged) >= 2
            and op[0] != "equal"
            and merged[-1][0] == "equal"
            and not merged[-1][1].strip()
            and merged[-2][0] != "equal"
        ):
            space = merged.pop()
            prev = merged.pop()
            op = ["replace", prev[1] + space[1] + op[1], prev[2] + space[2] + op[2]]
        elif merged and op[0] != "equal" and merged[-1][0] != "equal":
            prev = merged.pop()
            op = ["replace", prev[1] + op[1], prev[2] + op[2]]
        merged.append(op)
    result = []
    for kind, x, y in merged:
        if kind == "replace" and not x:
            kind = "insert"
        elif kind == "replace" and not y:
            kind = "delete"
        result.append(WordOp(kind, x, y))
    return tuple(result)
