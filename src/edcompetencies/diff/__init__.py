"""Edition diffing: what changed between two frameworks, in structure and in words.

>>> import edcompetencies as ec
>>> from edcompetencies import diff
>>> d = diff.compare(ec.load(2015), ec.load(2020))
>>> ch = d.change_for("2015:interpersonal.4.2")
>>> ch.kind, ch.new.id, ch.renumbered
(<ChangeKind.UNCHANGED: 'unchanged'>, '2020:interpersonal.4.a', True)

The alignment works on any two frameworks in the model's format, at every level: the
top-level items (domains), the competencies, the indicators. It is taken from the publisher's
identifiers where both sides carry them, then computed from the text (word features with an
inverted index, so it never compares every pair) and from the structure (where indicators
went tells where their competency went, and competencies their domain); or it is taken from
a curated :class:`~edcompetencies.Lineage` with ``compare(old, new, lineage=...)``. Codes and
metadata (CASE item types, education levels ...) are compared too: a change of kind
``metadata``, each field a :class:`FieldChange`.

The package, by what a reader looks for: ``_wordops`` (normalised words, the word-level
redline), ``_align`` (the automatic alignment), ``_changes`` (classification and the result
types), ``_render`` (text, Markdown, HTML and JSON). Everything public is imported here.
"""

from ..errors import DiffLookupError, LineageMismatchError
from ._changes import Change, ChangeKind, Diff, FieldChange, Summary, compare
from ._wordops import WordOp, normalise_words, word_ops

__all__ = [
    "Change",
    "ChangeKind",
    "Diff",
    "DiffLookupError",
    "FieldChange",
    "LineageMismatchError",
    "Summary",
    "WordOp",
    "compare",
    "normalise_words",
    "word_ops",
]


def __dir__() -> list[str]:
    return list(__all__)
