"""The curated lineage between two editions: an editorial record, packaged as data.

Every 2015 competency and indicator node is linked to its 2020 successor(s) or marked
removed; every 2020 item to its predecessor(s) or marked new. Each link has a relation
(``same``, ``reworded``, ``merged``, ``split``) and a one-line rationale a researcher
can cite. The file was made by reading both texts in full, not by an algorithm.

The packaged file is trusted at run time and built by hand here; the test suite reads it
with the library's converter and checks every rule of the format (``tests/datacheck.py``:
keys, types, text, relations, every ID an item of its edition, multiplicities, every item
accounted for once). Measured cold: reading it through the converter took 28-40 ms (cattrs'
import and code generation), the trusted build takes 3-7 ms.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

import attrs

from . import _sssom
from ._loading import _edition_number, load
from ._markup import Card, dataframe
from ._rules import ascii_number
from ._toolkit_data import data
from ._toolkit_data import tuple_of as _tuple
from .errors import UnknownEditionError

if TYPE_CHECKING:  # pragma: no cover
    import pandas  # type: ignore[import-untyped, unused-ignore]

__all__ = ["COLUMNS", "RELATIONS", "ROW_RELATIONS", "Lineage", "Link", "Unmatched", "lineage"]

RELATIONS = ("same", "reworded", "merged", "split")
COLUMNS = ("relation", "old", "new", "rationale")
"""The columns of :meth:`Lineage.to_records`, in order."""
ROW_RELATIONS = (*RELATIONS, "removed", "added")
"""The relations of :meth:`Lineage.to_records` rows in their fixed order: the links' four, then
``removed`` and ``added`` (the ordered categories of the frame's ``relation`` column)."""
_SWAP = {"merged": "split", "split": "merged"}


@attrs.frozen(repr=False)
class Link(Card):
    """One old item and one of its successors."""

    old: str
    new: str
    relation: str
    rationale: str

    def __repr__(self) -> str:
        return f"Link({self.old!r} -> {self.new!r}, {self.relation!r})"


@attrs.frozen(repr=False)
class Unmatched(Card):
    """An item with no counterpart in the other edition (removed, or new)."""

    id: str
    rationale: str


def _edition_or_name(text: str) -> int | str:
    """An edition as the model holds it: ``2015`` (an ASCII number) or a name."""
    number = ascii_number(text)
    return number if number is not None else text


@attrs.frozen(repr=False)
class Lineage(Card):
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
    links: tuple[Link, ...] = attrs.field(converter=_tuple)
    removed: tuple[Unmatched, ...] = attrs.field(converter=_tuple)
    added: tuple[Unmatched, ...] = attrs.field(converter=_tuple)

    def __repr__(self) -> str:
        counts = f"links={len(self.links)}, removed={len(self.removed)}, added={len(self.added)}"
        return f"Lineage({self.old} -> {self.new}, {counts})"

    def to_records(self) -> list[dict[str, str | None]]:
        """One row per link, removed and added item (plain Python values): ``relation``
        (one of :data:`ROW_RELATIONS`), ``old``, ``new`` (None for an added or removed item)
        and ``rationale``.

        >>> import edcompetencies as ec
        >>> rows = ec.lineage(2015, 2020).to_records()
        >>> len(rows), rows[-1]["relation"], rows[-1]["old"]
        (168, 'added', None)
        """
        rows: list[dict[str, str | None]] = [
            {"relation": x.relation, "old": x.old, "new": x.new, "rationale": x.rationale} for x in self.links
        ]
        rows += [{"relation": "removed", "old": x.id, "new": None, "rationale": x.rationale} for x in self.removed]
        rows += [{"relation": "added", "old": None, "new": x.id, "rationale": x.rationale} for x in self.added]
        return rows

    def to_dataframe(self) -> pandas.DataFrame:
        """:meth:`to_records` as a pandas DataFrame (the ``pandas`` extra): ``relation`` an ordered
        ``Categorical`` (:data:`ROW_RELATIONS`), a missing ID ``pd.NA``.

        >>> import edcompetencies as ec
        >>> frame = ec.lineage(2015, 2020).to_dataframe()
        >>> frame["relation"].value_counts(sort=False).to_dict()
        {'same': 48, 'reworded': 63, 'merged': 5, 'split': 3, 'removed': 19, 'added': 30}
        """
        return dataframe(self.to_records(), "Lineage.to_dataframe()", COLUMNS, {"relation": ROW_RELATIONS})

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
        old, new, description, links, removed, added = _sssom.lineage_parts(text, source=source)
        return cls(
            old=_edition_or_name(old),
            new=_edition_or_name(new),
            description=description,
            links=[Link(*link) for link in links],
            removed=[Unmatched(*item) for item in removed],
            added=[Unmatched(*item) for item in added],
        )

    def successors(self, old_id: str) -> tuple[Link, ...]:
        """The links from an old item (empty for a removed one)."""
        return tuple(link for link in self.links if link.old == old_id)

    def predecessors(self, new_id: str) -> tuple[Link, ...]:
        """The links into a new item (empty for an added one)."""
        return tuple(link for link in self.links if link.new == new_id)

    def _link(self, old_id: str | None, new_id: str | None) -> Link | None:
        return next((link for link in self.links if link.old == old_id and link.new == new_id), None)

    def relation(self, old_id: str, new_id: str) -> str | None:
        """The relation of the link between two items, or None if they are not linked."""
        link = self._link(old_id, new_id)
        return link.relation if link is not None else None

    def rationale(self, old_id: str | None, new_id: str | None) -> str | None:
        """The curated rationale for a link, a removed item or an added item."""
        if old_id is not None and new_id is not None:
            link = self._link(old_id, new_id)
            return link.rationale if link is not None else None
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


@cache
def _packaged() -> Lineage:
    """The packaged 2015 -> 2020 lineage, built from its trusted JSON (see the module docstring)."""
    raw = data("lineage")
    return Lineage(
        2015,
        2020,
        raw["description"],
        [Link(**x) for x in raw["links"]],
        [Unmatched(x["old"], x["rationale"]) for x in raw["removed"]],
        [Unmatched(x["new"], x["rationale"]) for x in raw["added"]],
    )


def lineage(old: int | str, new: int | str) -> Lineage:
    """The curated lineage between two packaged editions (either direction).

    >>> import edcompetencies as ec
    >>> len(ec.lineage(2015, 2020).links) == len(ec.lineage(2020, 2015).links)
    True
    """
    a, b = _edition_number(old), _edition_number(new)
    if (a, b) == (2015, 2020):
        return _packaged()
    if (a, b) == (2020, 2015):
        return _packaged().reversed()
    raise UnknownEditionError(f"{old} -> {new}", (2015, 2020))
