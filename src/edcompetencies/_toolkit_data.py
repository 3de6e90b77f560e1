"""Reading the packaged crosswalk, glossary, toolkit, publication and lineage files: trusted, cached, shared.

Private: :mod:`edcompetencies.crosswalk`, :mod:`~edcompetencies.glossary`,
:mod:`~edcompetencies.toolkit`, the publication's text and the lineage build their public
objects from what this module returns. Nothing is read at import. Each file is read once
through ``_packaged.read_bytes`` (the package's loader, zip-safe) and decoded. The files are
the library's own: they are trusted here, the way jsonschema-specifications trusts its shipped
files, and the test suite checks them (``tests/datacheck.py``: their shape, as attrs records
structured by the library's one converter, and every cross-reference rule of
``docs/data-format-toolkit.md`` - every reference to the 2020 edition, every performance label,
every link and every note item). Validating them again at every start cost a second
hand-written reader (about 680 lines, removed); structuring them through the converter instead
was measured at ~47 ms for cattrs' import plus 4-36 ms of code generation per file, against
1-3 ms for ``json.loads`` and the hand-written builders of the three public modules, which is
why those builders remain (they pass a record's keys straight to the class where the keys are
its fields).

The module also holds the pieces the three share: the text blocks of introductory
sections (:class:`Section`, :class:`Paragraph`, :class:`BulletList`, :class:`Table`) and
the source notes of the three files.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable
from functools import cache
from typing import Any

import attrs

from ._markup import Card
from ._model import SourceNote
from ._packaged import read_bytes
from .errors import ArgumentTypeError

__all__ = [
    "FILES",
    "Block",
    "BulletList",
    "ListItem",
    "Paragraph",
    "Section",
    "Table",
    "all_notes",
    "blocks_from",
    "data",
    "notes_of",
    "sections_from",
    "tuple_of",
]

FILES = {
    "crosswalk": "crosswalk-2020.json",
    "glossary": "glossary-2020.json",
    "toolkit": "toolkit-2020.json",
    "publication": "publication-2020.json",
    "overview": "overview-2015.json",
    "lineage": "lineage-2015-2020.json",
}
DOMAINS = ("intrapersonal", "interpersonal", "cognitive", "instructional")
_lock = threading.Lock()

Json = Any


def tuple_of(values: Iterable[Any]) -> tuple[Any, ...]:
    """The attrs converter of every tuple field built from the packaged files."""
    return tuple(values)


# --------------------------------------------------------------------------- shared text blocks


@attrs.frozen(repr=False)
class Paragraph(Card):
    """One paragraph of text, as printed."""

    text: str

    @property
    def plain(self) -> str:
        """The paragraph's text."""
        return self.text


@attrs.frozen(repr=False)
class ListItem(Card):
    """An item of a list: its printed label (``"a"``) or ``None`` for a bullet, its text and sub-items."""

    label: str | None
    text: str
    children: tuple[ListItem, ...] = ()

    def lines(self, depth: int = 0) -> list[str]:
        """The item and its sub-items as plain-text lines (``a. ...`` or ``- ...``), indented two spaces per *depth*."""
        marker = f"{self.label}. " if self.label else "- "
        out = ["  " * depth + marker + self.text]
        for child in self.children:
            out += child.lines(depth + 1)
        return out


@attrs.frozen(repr=False)
class BulletList(Card):
    """A bulleted or labelled list."""

    items: tuple[ListItem, ...]

    @property
    def plain(self) -> str:
        """The list as plain text, one item a line (``a. ...`` or ``- ...``), sub-items indented."""
        return "\n".join(line for item in self.items for line in item.lines())


@attrs.frozen(repr=False)
class Table(Card):
    """A table: its header row (or ``None``) and its rows of cells."""

    header: tuple[str, ...] | None
    rows: tuple[tuple[str, ...], ...]

    @property
    def plain(self) -> str:
        """The table as plain text, one row a line, cells separated by ``" | "``."""
        rows = ([self.header] if self.header else []) + list(self.rows)
        return "\n".join(" | ".join(row) for row in rows)


Block = Paragraph | BulletList | Table
"""A block of a section or a definition."""


@attrs.frozen(repr=False)
class Section(Card):
    """A headed part of an introduction, as printed: ``heading`` (``None`` before the first) and blocks."""

    heading: str | None
    blocks: tuple[Block, ...]

    @property
    def text(self) -> str:
        """The section's blocks as plain text, separated by blank lines (the heading not included)."""
        return "\n\n".join(b.plain for b in self.blocks)


def _list_item(raw: Json) -> ListItem:
    return ListItem(raw["label"], raw["text"], tuple(_list_item(c) for c in raw["children"]))


def blocks_from(raw: Iterable[Json]) -> tuple[Block, ...]:
    """Blocks from their validated JSON."""
    out: list[Block] = []
    for block in raw:
        if block["type"] == "paragraph":
            out.append(Paragraph(block["text"]))
        elif block["type"] == "list":
            out.append(BulletList(tuple(_list_item(i) for i in block["items"])))
        else:
            header = tuple(block["header"]) if block["header"] is not None else None
            out.append(Table(header, tuple(tuple(r) for r in block["rows"])))
    return tuple(out)


def sections_from(raw: Iterable[Json]) -> tuple[Section, ...]:
    """Sections from their validated JSON."""
    return tuple(Section(s["heading"], blocks_from(s["blocks"])) for s in raw)


# --------------------------------------------------------------------------- reading


@cache
def _read(kind: str) -> Json:
    return json.loads(read_bytes(FILES[kind]))


def data(kind: str) -> Json:
    """The decoded JSON of one packaged file (cached; do not modify it)."""
    with _lock:
        return _read(kind)


@cache
def notes_of(kind: str) -> tuple[SourceNote, ...]:
    """The source notes of one file, in file order."""
    return tuple(SourceNote(**n) for n in data(kind)["notes"])


def all_notes() -> tuple[SourceNote, ...]:
    """The source notes of the crosswalk, glossary and toolkit files, in that order."""
    return notes_of("crosswalk") + notes_of("glossary") + notes_of("toolkit")


def notes_for(item: object, notes: tuple[SourceNote, ...]) -> tuple[SourceNote, ...]:
    """The notes among *notes* that name *item*: by an object's ``id``, or a string as given; a 2020 ID
    without its prefix (``"instructional.4"``) is qualified, as the notes' ``items`` write it."""
    wanted = getattr(item, "id", item)
    if not isinstance(wanted, str):
        raise ArgumentTypeError("notes_for()", "item", "an item, an object with an id, or an ID string", item)
    wanted = wanted.strip()
    if ":" not in wanted and wanted not in ("glossary", "2020"):
        wanted = f"2020:{wanted}"
    return tuple(n for n in notes if wanted in n.items)
