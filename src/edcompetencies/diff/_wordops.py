"""Word operations: the normalised words of a text, and the word-level redline of two texts."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Sequence

import attrs

from ..errors import ArgumentTypeError

__all__ = ["WordOp", "normalise_words", "similarity", "word_ops"]

_TYPOGRAPHY = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-", "\u00a0": " "})
_WORD = re.compile(r"[^\W_]+")
_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")


def normalise_words(text: str) -> tuple[str, ...]:
    """The words of *text*, case-folded, without punctuation or typographic variants.

    >>> normalise_words("Create, use, or adapt “rubrics”—now.")
    ('create', 'use', 'or', 'adapt', 'rubrics', 'now')
    """
    if not isinstance(text, str):
        raise ArgumentTypeError("diff.normalise_words()", "text", "a string", text)
    text = unicodedata.normalize("NFKC", text).translate(_TYPOGRAPHY).casefold()
    return tuple(_WORD.findall(text))


@attrs.frozen
class WordOp:
    """One word-level operation: ``equal``, ``insert``, ``delete`` or ``replace``.

    ``old`` and ``new`` are the exact spans of the two texts (empty for an insert or a
    delete), so joining every op's ``old`` rebuilds the old text, and likewise ``new``.
    """

    op: str
    old: str
    new: str


def similarity(a: Sequence[str], b: Sequence[str]) -> float:
    """Twice the matched tokens over the total (difflib's ``ratio()``), 1.0 for two empty sequences."""
    if not a and not b:
        return 1.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def word_ops(old: str, new: str) -> tuple[WordOp, ...]:
    """Word-level operations turning *old* into *new*.

    >>> [(o.op, o.old, o.new) for o in word_ops("tools of inquiry", "tools of investigation")]
    [('equal', 'tools of ', 'tools of '), ('replace', 'inquiry', 'investigation')]
    """
    for name, value in (("old", old), ("new", new)):
        if not isinstance(value, str):
            raise ArgumentTypeError("diff.word_ops()", name, "a string", value)
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    ops = [[tag, "".join(a[i1:i2]), "".join(b[j1:j2])] for tag, i1, i2, j1, j2 in matcher.get_opcodes()]
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
