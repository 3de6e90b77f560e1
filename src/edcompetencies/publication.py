"""The publications' text around the framework: endnotes, the 2015 overview, and their notes.

The 2020 edition's endnotes, linked to the texts that carry their marks (``¹⁰`` in the Social
and Emotional Learning theme's definition, ``⁶``-``⁸`` and ``¹¹``-``¹³`` in the domains'
texts, ``¹⁴`` in an In the field example), and the 2015 overview's principles. The 2020
toolkit's parts of the publication (Appendix B's approach, Appendix C's framework sources, the
User Guide) are in :mod:`edcompetencies.toolkit`. Nothing is read at import.

>>> from edcompetencies import publication
>>> publication.endnote(10).context[-29:]
'make responsible decisions.¹⁰'
>>> [n.number for n in publication.endnotes_of("theme:SE")]
[10]
"""

from __future__ import annotations

from ._model import SourceNote
from ._publication import (
    SUPERSCRIPTS,
    Endnote,
    Overview,
    Passage,
    Principles,
    endnote,
    endnotes,
    endnotes_in,
    endnotes_of,
    marks_in,
    note_records,
    overview,
)

__all__ = [
    "SUPERSCRIPTS",
    "Endnote",
    "Overview",
    "Passage",
    "Principles",
    "endnote",
    "endnotes",
    "endnotes_in",
    "endnotes_of",
    "marks_in",
    "notes",
    "overview",
]


def notes(edition: int | str = 2020) -> tuple[SourceNote, ...]:
    """The source notes of the transcribed publication text of an edition (endnotes, appendices,
    User Guide for 2020; the overview for 2015).

    >>> from edcompetencies import publication
    >>> [n.id for n in publication.notes(2015)]
    ['2015-overview-partly-transcribed']
    >>> "approach-page-break" in [n.id for n in publication.notes(2020)]
    True
    """
    return tuple(SourceNote(n["id"], n["kind"], n["items"], n["text"], n["source"]) for n in note_records(edition))


def __dir__() -> list[str]:
    """The public names only (tab completion shows no ``re``, ``attrs`` or ``annotations``)."""
    return sorted(__all__)
