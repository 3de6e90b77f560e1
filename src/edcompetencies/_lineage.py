"""The curated lineage between two editions: an editorial record, packaged as data.

Every 2015 competency and indicator node is linked to its 2020 successor(s) or marked
removed; every 2020 item to its predecessor(s) or marked new. Each link has a relation
(``same``, ``reworded``, ``merged``, ``split``) and a one-line rationale a researcher
can cite. The file was made by reading both texts in full, not by an algorithm.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from functools import cache
from typing import Any

import attrs

from ._loading import _edition_number, load, read_data
from ._model import Competency, Framework
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


def _edition_or_name(text: str) -> int | str:
    """An edition as the model holds it: ``2015`` (an ASCII number) or a name."""
    from ._rules import ascii_number

    number = ascii_number(text)
    return number if number is not None else text


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

    def to_sssom(self, *, labels: bool = True) -> str:
        """The lineage as an SSSOM/TSV mapping table (see docs/interchange.md): a row per link
        (``same`` skos:exactMatch, ``reworded`` skos:closeMatch, ``merged`` skos:broadMatch,
        ``split`` skos:narrowMatch), ``sssom:NoTermFound`` rows for removed and added items, the
        rationale as ``comment``; with *labels*, the items' texts of packaged editions as labels.

        >>> import edcompetencies as ec
        >>> table = ec.lineage(2015, 2020).to_sssom()
        >>> ec.Lineage.from_sssom(table) == ec.lineage(2015, 2020)
        True
        """
        from . import _sssom

        names: dict[str, str] = {}
        if labels:
            for edition in (self.old, self.new):
                if edition in (2015, 2020):
                    names.update((item.id, item.text) for item in load(edition).items())
        return _sssom.lineage_table(self, labels=names)

    @classmethod
    def from_sssom(cls, text: str | bytes, *, source: str = "<string>") -> Lineage:
        """A lineage read from an SSSOM/TSV table (a state's own mapping, or :meth:`to_sssom`'s);
        a table that is not one errs with :class:`~edcompetencies.errors.FrameworkFormatError`
        naming *source* and the line."""
        from . import _sssom

        old, new, description, links, removed, added = _sssom.lineage_parts(text, source=source)
        number_old, number_new = (_edition_or_name(old), _edition_or_name(new))
        return cls(
            old=number_old,
            new=number_new,
            description=description,
            links=[Link(o, n, relation, rationale) for o, n, relation, rationale in links],
            removed=[Unmatched(i, rationale) for i, rationale in removed],
            added=[Unmatched(i, rationale) for i, rationale in added],
        )

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


def _fail(path: str, message: str, source: str = _SOURCE) -> FrameworkFormatError:
    return FrameworkFormatError(message, source=source, path=path)


def _kind(value: object) -> str:
    names: dict[type, str] = {dict: "an object", list: "an array", str: "a string", type(None): "null"}
    return names.get(type(value), type(value).__name__)


def _object(value: object, path: str, required: tuple[str, ...], source: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _fail(path, f"expected an object, found {_kind(value)}", source)
    for key in value:
        if key not in required:
            raise _fail(f"{path}.{key}", f"unknown key {key!r} (allowed: {', '.join(required)})", source)
    for key in required:
        if key not in value:
            raise _fail(path, f"missing required key {key!r}", source)
    return value


def _text(value: object, path: str, source: str, *, one_line: bool = False) -> str:
    if not isinstance(value, str):
        raise _fail(path, f"expected a string, found {_kind(value)}", source)
    if not value.strip():
        raise _fail(path, "empty text", source)
    if one_line and "\n" in value:
        raise _fail(path, "a rationale is one line", source)
    return value


def _array(value: object, path: str, source: str) -> list[Any]:
    if not isinstance(value, list):
        raise _fail(path, f"expected an array, found {_kind(value)}", source)
    return value


def _parse(text: str | bytes, old: int, new: int, *, source: str = _SOURCE) -> Lineage:
    """Decode and check a lineage file between two packaged editions.

    Every problem is a :class:`~edcompetencies.errors.FrameworkFormatError` naming the JSON
    path: the keys and types; every ID an item of its edition, both ends of a link at the same
    level (competency or indicator); each link once; a relation that agrees with the links
    (``merged``: the new item has several predecessors, ``split``: the old item several
    successors, otherwise one each); and every competency and indicator of both editions
    accounted for exactly once, linked or listed as removed / added.
    """
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise _fail("$", f"malformed JSON: {exc}", source) from None
    keys = ("format", "format_version", "old", "new", "description", "links", "removed", "added")
    _object(data, "$", keys, source)
    if data["format"] != "edcompetencies/lineage" or data["format_version"] != 1:
        raise _fail("$.format", "not an edcompetencies/lineage file (format version 1)", source)
    if (data["old"], data["new"]) != (old, new):
        raise _fail("$", f"a lineage from {data['old']!r} to {data['new']!r}, not {old} -> {new}", source)
    old_fw, new_fw = load(old), load(new)
    levels = {item.id: isinstance(item, Competency) for fw in (old_fw, new_fw) for item in fw.items()}
    for fw in (old_fw, new_fw):
        for domain in fw.domains:
            del levels[domain.id]

    def item(value: object, path: str, fw: Framework) -> str:
        found = _text(value, path, source)
        if found not in levels or not found.startswith(f"{fw.edition}:"):
            raise _fail(path, f"{found!r} is not a competency or indicator of the {fw.edition} edition", source)
        return found

    links: list[Link] = []
    seen: dict[tuple[str, str], int] = {}
    for n, raw in enumerate(_array(data["links"], "$.links", source)):
        path = f"$.links[{n}]"
        _object(raw, path, ("old", "new", "relation", "rationale"), source)
        a, b = item(raw["old"], f"{path}.old", old_fw), item(raw["new"], f"{path}.new", new_fw)
        if levels[a] != levels[b]:
            raise _fail(path, f"{a} -> {b} links a competency with an indicator", source)
        if (a, b) in seen:
            raise _fail(path, f"the link {a} -> {b} is listed twice (first at $.links[{seen[a, b]}])", source)
        seen[a, b] = n
        relation = _text(raw["relation"], f"{path}.relation", source)
        if relation not in RELATIONS:
            raise _fail(f"{path}.relation", f"unknown relation {relation!r}; expected {', '.join(RELATIONS)}", source)
        links.append(Link(a, b, relation, _text(raw["rationale"], f"{path}.rationale", source, one_line=True)))
    successors = Counter(link.old for link in links)
    predecessors = Counter(link.new for link in links)
    for n, link in enumerate(links):
        merge, split = predecessors[link.new] > 1, successors[link.old] > 1
        expected = "merged" if merge else "split" if split else None
        if merge and split:
            raise _fail(f"$.links[{n}]", f"{link.old} -> {link.new} is part of a many-to-many group", source)
        if (expected or link.relation) != link.relation or (expected is None and link.relation in _SWAP):
            what = expected or "'same' or 'reworded' (each item has one counterpart)"
            raise _fail(f"$.links[{n}].relation", f"{link.relation!r} where the links make it {what}", source)
    pools: list[list[Unmatched]] = []
    for side, key, fw, linked in (("removed", "old", old_fw, successors), ("added", "new", new_fw, predecessors)):
        pool: list[Unmatched] = []
        for n, raw in enumerate(_array(data[side], f"$.{side}", source)):
            path = f"$.{side}[{n}]"
            _object(raw, path, (key, "rationale"), source)
            found = item(raw[key], f"{path}.{key}", fw)
            if found in linked or any(u.id == found for u in pool):
                raise _fail(path, f"{found} is already accounted for (linked, or listed twice)", source)
            pool.append(Unmatched(found, _text(raw["rationale"], f"{path}.rationale", source, one_line=True)))
        listed = set(linked) | {u.id for u in pool}
        missing = [i for i in fw.ids() if i in levels and i not in listed]
        if missing:
            raise _fail(f"$.{side}", f"{len(missing)} item(s) neither linked nor listed, first {missing[0]}", source)
        pools.append(pool)
    return Lineage(old, new, _text(data["description"], "$.description", source), links, pools[0], pools[1])


@cache
def _packaged(old: int, new: int) -> Lineage:
    return _parse(read_data(f"lineage-{old}-{new}.json"), old, new)


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
