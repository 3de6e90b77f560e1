"""The curated lineage between two editions: an editorial record, packaged as data.

Every 2015 competency and indicator node is linked to its 2020 successor(s) or marked
removed; every 2020 item to its predecessor(s) or marked new. Each link has a relation
(``same``, ``reworded``, ``merged``, ``split``) and a one-line rationale a researcher
can cite. The file was made by reading both texts in full, not by an algorithm.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

import attrs

from ._convert import decode, structure
from ._loading import _edition_number
from ._packaged import read_bytes
from .errors import FrameworkFormatError, UnknownEditionError

__all__ = ["RELATIONS", "Lineage", "Link", "Unmatched", "lineage"]

RELATIONS = ("same", "reworded", "merged", "split")
_SWAP = {"merged": "split", "split": "merged"}


@attrs.frozen
class Link:
    """One old item and one of its successors."""

    old: str
    new: str
    relation: str
    rationale: str


@attrs.frozen
class Unmatched:
    """An item with no counterpart in the other edition (removed, or new)."""

    id: str
    rationale: str


def _links(values: Iterable[Link]) -> tuple[Link, ...]:
    return tuple(values)


def _unmatched(values: Iterable[Unmatched]) -> tuple[Unmatched, ...]:
    return tuple(values)


@attrs.frozen
class Lineage:
    """The curated alignment from edition ``old`` to edition ``new``.

    >>> import edcompetencies as ec
    >>> lin = ec.lineage(2015, 2020)
    >>> [link.new for link in lin.successors("2015:intrapersonal.6")]
    ['2020:intrapersonal.4']
    >>> lin.relation("2015:cognitive.1", "2020:cognitive.1")
    'same'
    """

    old: int | str
    new: int | str
    description: str
    links: tuple[Link, ...] = attrs.field(converter=_links)
    removed: tuple[Unmatched, ...] = attrs.field(converter=_unmatched)
    added: tuple[Unmatched, ...] = attrs.field(converter=_unmatched)

    def pairs(self) -> frozenset[tuple[str, str]]:
        """Every (old ID, new ID) link."""
        return frozenset((link.old, link.new) for link in self.links)

    def successors(self, old_id: str) -> tuple[Link, ...]:
        """The links from an old item (empty for a removed one)."""
        return tuple(link for link in self.links if link.old == old_id)

    def predecessors(self, new_id: str) -> tuple[Link, ...]:
        """The links into a new item (empty for an added one)."""
        return tuple(link for link in self.links if link.new == new_id)

    def relation(self, old_id: str, new_id: str) -> str | None:
        """The relation of the link between two items, or None if they are not linked."""
        for link in self.links:
            if link.old == old_id and link.new == new_id:
                return link.relation
        return None

    def rationale(self, old_id: str | None, new_id: str | None) -> str | None:
        """The curated rationale for a link, a removed item or an added item."""
        if old_id is not None and new_id is not None:
            for link in self.links:
                if link.old == old_id and link.new == new_id:
                    return link.rationale
            return None
        pool, wanted = (self.removed, old_id) if old_id is not None else (self.added, new_id)
        return next((u.rationale for u in pool if u.id == wanted), None)

    def reversed(self) -> Lineage:
        """The same record read from the new edition back to the old one."""
        return Lineage(
            old=self.new,
            new=self.old,
            description=self.description,
            links=[Link(x.new, x.old, _SWAP.get(x.relation, x.relation), x.rationale) for x in self.links],
            removed=self.added,
            added=self.removed,
        )


_SOURCE = "edcompetencies/data/lineage-2015-2020.json"


# --------------------------------------------------------------------------- the file's records


@attrs.frozen
class _Removed:
    old: str
    rationale: str


@attrs.frozen
class _Added:
    new: str
    rationale: str


@attrs.frozen
class _LineageFile:
    format: str
    format_version: int
    old: int
    new: int
    description: str
    links: tuple[Link, ...]
    removed: tuple[_Removed, ...]
    added: tuple[_Added, ...]


def _parse(text: str | bytes, old: int, new: int, *, source: str = _SOURCE) -> Lineage:
    """Decode a lineage file between two packaged editions and structure it (the converter).

    Checked here: the JSON, every key and type, every text (``_convert``), the format and the
    pair of editions, each relation one of :data:`RELATIONS`, each rationale one line. The
    rules that tie the file to the editions (every ID an item of its edition, both ends of a
    link at the same level, each link once, relations agreeing with the links' multiplicities,
    every item accounted for exactly once) hold for the packaged file and are checked by the
    test suite (``tests/datacheck.py``), as the packaged files are trusted at run time.
    """
    raw = structure(decode(text, source=source), _LineageFile, source=source)

    def fail(path: str, message: str) -> FrameworkFormatError:
        return FrameworkFormatError(message, source=source, path=path)

    if raw.format != "edcompetencies/lineage" or raw.format_version != 1:
        raise fail("$.format", "not an edcompetencies/lineage file (format version 1)")
    if (raw.old, raw.new) != (old, new):
        raise fail("$", f"a lineage from {raw.old!r} to {raw.new!r}, not {old} -> {new}")
    for n, link in enumerate(raw.links):
        if link.relation not in RELATIONS:
            message = f"unknown relation {link.relation!r}; expected {', '.join(RELATIONS)}"
            raise fail(f"$.links[{n}].relation", message)
    sides: tuple[tuple[str, tuple[Link | _Removed | _Added, ...]], ...] = (
        ("links", raw.links),
        ("removed", raw.removed),
        ("added", raw.added),
    )
    for side, entries in sides:
        for n, entry in enumerate(entries):
            if "\n" in entry.rationale:
                raise fail(f"$.{side}[{n}].rationale", "a rationale is one line")
    removed = [Unmatched(u.old, u.rationale) for u in raw.removed]
    added = [Unmatched(u.new, u.rationale) for u in raw.added]
    return Lineage(old, new, raw.description, raw.links, removed, added)


@cache
def _packaged(old: int, new: int) -> Lineage:
    return _parse(read_bytes(f"lineage-{old}-{new}.json"), old, new)


def lineage(old: int | str, new: int | str) -> Lineage:
    """The curated lineage between two packaged editions (either direction).

    >>> import edcompetencies as ec
    >>> len(ec.lineage(2015, 2020).links) == len(ec.lineage(2020, 2015).links)
    True
    """
    a, b = _edition_number(old), _edition_number(new)
    if (a, b) == (2015, 2020):
        return _packaged(2015, 2020)
    if (a, b) == (2020, 2015):
        return _packaged(2015, 2020).reversed()
    raise UnknownEditionError(f"{old} -> {new}", (2015, 2020))
