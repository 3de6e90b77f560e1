"""Classification and the result types: :func:`compare`, :class:`Diff`, :class:`Change`, :class:`Summary`.

``compare`` takes the pairs of items (from the automatic alignment or a curated lineage)
and says what happened to each item: unchanged, reworded, moved, merged, split ...; the
result types carry the shared verbs of every tabular result (``to_records``, ``to_csv``,
``to_html`` ...) and render through :mod:`._render`.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from functools import cached_property
from typing import Any

import attrs

from .. import _sssom
from .._case_names import BOOKKEEPING, SPELLED_BY
from .._editorial import EDITORIAL, SUBSTANTIVE, UNCHANGED, classify
from .._lineage import Lineage, Link, Unmatched
from .._markup import Card, ColumnType, Tabular, html_fragment, html_page
from .._model import Competency, Domain, Framework, Indicator, Metadata, StrEnum, Theme, require_framework
from .._rules import collector_paused
from ..errors import ArgumentTypeError, DiffLookupError, LineageMismatchError, UnknownChoiceError
from ..pictures import Picture
from . import _pictures, _render
from ._align import DOMAIN_FIELDS, Node, auto_pairs, domain_pairs, text_of
from ._wordops import WordOp, normalise_words, similarity, word_ops

__all__ = [
    "BOOKKEEPING",
    "COLUMNS",
    "FRAMEWORK_FIELDS",
    "KIND_ORDER",
    "LEVELS",
    "SPELLED_BY",
    "Change",
    "ChangeKind",
    "Diff",
    "FieldChange",
    "Summary",
    "compare",
]

LEVELS = ("domain", "competency", "indicator")
"""The levels of the tree a diff compares: top-level items (domains), competencies, indicators
(sub-indicators included)."""

FRAMEWORK_FIELDS = ("title", "publishers", "year", "license", "citation", "url")
"""The framework's own fields a diff compares (besides its metadata): the edition is the diff's
name, ``source`` and ``notes`` say where the library's copy came from."""

COLUMNS = (
    "level",
    "kind",
    "kinds",
    "text_change",
    "moved",
    "renumbered",
    "old_id",
    "new_id",
    "old_domain",
    "domain",
    "similarity",
    "edit",
    "themes",
    "partners",
    "old_text",
    "new_text",
    "fields",
    "old_values",
    "new_values",
    "rationale",
)
"""The fields of a change's record, in order (the CSV header and the DataFrame columns)."""


class ChangeKind(StrEnum):
    """What happened to an item between the two frameworks."""

    UNCHANGED = "unchanged"
    PUNCTUATION = "punctuation"
    """Only punctuation or typography changed (quotes, dashes, the serial comma)."""
    REWORDED = "reworded"
    METADATA = "metadata"
    """The publisher's code, item type or another metadata field changed (see :attr:`Change.fields`)."""
    MOVED = "moved"
    """The item now sits under another competency (or domain); see ``Change.text_change``."""
    MERGED = "merged"
    """Two or more old items became this one new item."""
    SPLIT = "split"
    """One old item became two or more new items."""
    ADDED = "added"
    REMOVED = "removed"


KIND_ORDER = tuple(k.value for k in ChangeKind)
"""The kinds of change in their fixed order (unchanged ... removed): the columns of a summary
and the ordered categories of a frame's ``kind`` column."""

_COLUMN_TYPES: dict[str, ColumnType] = {"kind": KIND_ORDER}


# How a change of the diff reads as a lineage link (a moved item keeps its wording's relation).
_LINK_RELATIONS = {
    ChangeKind.UNCHANGED: "same",
    ChangeKind.PUNCTUATION: "same",
    ChangeKind.REWORDED: "reworded",
    ChangeKind.MERGED: "merged",
    ChangeKind.SPLIT: "split",
}


def _text_kind(old: str, new: str) -> ChangeKind:
    if old == new:
        return ChangeKind.UNCHANGED
    if normalise_words(old) == normalise_words(new):
        return ChangeKind.PUNCTUATION
    return ChangeKind.REWORDED


_TEXT_RANK = {ChangeKind.UNCHANGED: 0, ChangeKind.PUNCTUATION: 1, ChangeKind.REWORDED: 2}
_EDIT_RANK = {UNCHANGED: 0, EDITORIAL: 1, SUBSTANTIVE: 2}


# --------------------------------------------------------------------------- fields


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _stripped(value: object) -> object:
    """*value* without the bookkeeping fields at any depth (an association's own identifier ...)."""
    if isinstance(value, dict):
        return {k: _stripped(v) for k, v in value.items() if k not in BOOKKEEPING}
    if isinstance(value, list):
        return [_stripped(v) for v in value]
    return value


@attrs.frozen(eq=False, repr=False)
class FieldChange(Card):
    """One field of an item or of the framework whose value changed.

    ``field`` is its name: a domain's ``tagline``, ``description`` or ``overview`` (a text, with
    its redline in :attr:`words`), an item's ``code`` (the publisher's code, CASE
    ``humanCodingScheme``), a competency's ``title`` (the 2015 web copy's short title: a label
    beside the statement, as the code is) or a metadata field under its publisher's name (``CFItemType``,
    ``educationLevel`` ...), or one of the framework's own fields. ``old`` and ``new`` are the
    values (JSON values; ``None`` where the field is absent). ``kind`` is
    :attr:`ChangeKind.METADATA` for the code, the title and metadata (labels and further fields
    beside the wording), the text's change (:attr:`ChangeKind.PUNCTUATION` or
    :attr:`ChangeKind.REWORDED`) for a domain's text.
    """

    field: str
    old: Any
    new: Any
    kind: ChangeKind

    def __repr__(self) -> str:
        return f"FieldChange({self.field!r}, {self.old!r} -> {self.new!r})"

    @property
    def is_text(self) -> bool:
        """True for a text of a domain (shown as a redline), False for the code, a title and metadata."""
        return self.kind is not ChangeKind.METADATA

    @cached_property
    def words(self) -> tuple[WordOp, ...]:
        """The word redline of a text field (empty for metadata)."""
        if not self.is_text:
            return ()
        return word_ops(self.old or "", self.new or "")

    @cached_property
    def similarity(self) -> float:
        """The word similarity of a text field's two values, 0..1 (0 for metadata)."""
        if not self.is_text:
            return 0.0
        return similarity(normalise_words(self.old or ""), normalise_words(self.new or ""))

    @cached_property
    def edit(self) -> str | None:
        """``"editorial"`` or ``"substantive"`` for a text field (see :attr:`Change.edit`), None for metadata."""
        return classify(self.old or "", self.new or "") if self.is_text else None

    def value_text(self, side: str) -> str:
        """The old or the new value as one line of text: a text as it is, another value as JSON."""
        value = self.old if side == "old" else self.new
        if value is None:
            return "(none)"
        return value if isinstance(value, str) and self.is_text else _json(value)


def _text_fields(o: Node, n: Node) -> list[FieldChange]:
    """A domain's texts beside its name that differ."""
    if not isinstance(o, Domain) or not isinstance(n, Domain):
        return []
    out = []
    for name in DOMAIN_FIELDS:
        a, b = getattr(o, name), getattr(n, name)
        if a != b:
            out.append(FieldChange(name, a, b, _text_kind(a or "", b or "")))
    return out


def _metadata_changes(old: Metadata, new: Metadata) -> list[FieldChange]:
    """The metadata fields whose values differ, bookkeeping aside, in name order."""
    if old == new:
        return []
    out = []
    for name in sorted(set(old) | set(new)):
        if name in BOOKKEEPING:
            continue
        a = old.json_text(name) if name in old else None
        b = new.json_text(name) if name in new else None
        if a == b:
            continue
        va, vb = (old[name] if a is not None else None), (new[name] if b is not None else None)
        if a is not None and b is not None and isinstance(va, (dict, list)) and _stripped(va) == _stripped(vb):
            continue
        out.append(FieldChange(name, va, vb, ChangeKind.METADATA))
    return out


def _field_changes(o: Node, n: Node) -> tuple[FieldChange, ...]:
    """What differs between two aligned items besides the main text: a domain's other texts,
    the code, the metadata."""
    fields = _text_fields(o, n)
    if o.code != n.code:
        fields.append(FieldChange("code", o.code, n.code, ChangeKind.METADATA))
    if isinstance(o, Competency) and isinstance(n, Competency) and o.title != n.title:
        # a label beside the statement, as the code is (the 2015 web copy's short titles)
        fields.append(FieldChange("title", o.title, n.title, ChangeKind.METADATA))
    fields += _metadata_changes(o.metadata, n.metadata)
    return tuple(fields)


def _plain(value: object) -> object:
    return list(value) if isinstance(value, tuple) else value


def _framework_changes(old: Framework, new: Framework) -> tuple[FieldChange, ...]:
    """The framework's own fields and metadata that differ (every one a metadata change)."""
    out = []
    spelled: set[str] = set()  # the metadata fields a change listed here already shows
    for name in FRAMEWORK_FIELDS:
        a, b = getattr(old, name), getattr(new, name)
        if a != b:
            out.append(FieldChange(name, _plain(a), _plain(b), ChangeKind.METADATA))
            spelled.update(SPELLED_BY.get(name, ()))
    out += [f for f in _metadata_changes(old.metadata, new.metadata) if f.field not in spelled]
    return tuple(out)


# --------------------------------------------------------------------------- changes


def _html(result: Change | Diff, document: bool, side_by_side: bool, **more: bool) -> str:
    """``to_html()`` of a change or a diff: a page or a fragment (as every result's, see
    :meth:`Tabular.to_html`) of the normal view or of the side-by-side one."""
    for keyword, value in (("document", document), ("side_by_side", side_by_side)):
        if not isinstance(value, bool):
            raise ArgumentTypeError(f"{type(result).__name__}.to_html()", keyword, "True or False", value)
    body = result._html_body(side_by_side=side_by_side, **more)
    return html_page(result._title(), body, style=result._style) if document else html_fragment(body)


@attrs.frozen(eq=False)
class Change(Tabular):
    """One aligned pair of items, or one item without a counterpart.

    ``kind`` is the headline; ``kinds`` holds every kind that applies (a moved item that
    was also reworded has ``{MOVED, REWORDED}``, a reworded one whose code changed
    ``{REWORDED, METADATA}``), ``text_change`` what happened to the wording alone (for a
    domain: its name, tagline, description and overview), ``moved`` whether it left its
    competency (or domain) and ``renumbered`` whether its position changed within the same
    parent. ``partners`` names the other items of a merge (old IDs) or a split (new IDs).
    ``fields`` holds what changed besides the main text: a domain's tagline, description or
    overview, a competency's title, the item's code and its metadata fields (:class:`FieldChange`).

    A change has the verbs of every tabular result (one row): ``to_records()``, ``to_csv()``,
    ``to_html()`` (a page; ``document=False`` for a fragment), ``render(format="text")`` ...
    """

    kind: ChangeKind
    old: Node | None
    new: Node | None
    text_change: ChangeKind | None = None
    moved: bool = False
    renumbered: bool = False
    partners: tuple[str, ...] = ()
    rationale: str | None = None
    fields: tuple[FieldChange, ...] = ()

    columns = COLUMNS
    _column_types = _COLUMN_TYPES

    @property
    def kinds(self) -> frozenset[ChangeKind]:
        """Every kind that applies to this change."""
        kinds = {self.kind}
        if self.text_change is not None:
            kinds.add(self.text_change)
        if self.moved:
            kinds.add(ChangeKind.MOVED)
        if any(f.kind is ChangeKind.METADATA for f in self.fields):
            kinds.add(ChangeKind.METADATA)
        return frozenset(kinds)

    @property
    def metadata(self) -> tuple[FieldChange, ...]:
        """The code and metadata fields that changed (a part of :attr:`fields`)."""
        return tuple(f for f in self.fields if f.kind is ChangeKind.METADATA)

    @property
    def _item(self) -> Node:
        item = self.new if self.new is not None else self.old
        if item is None:
            raise ArgumentTypeError("Change()", "old or new", "a Domain, Competency or Indicator", None)
        return item

    @property
    def level(self) -> str:
        """``"domain"`` (a top-level item), ``"competency"`` or ``"indicator"`` (indicators include
        sub-indicators)."""
        item = self._item
        return "domain" if isinstance(item, Domain) else "competency" if isinstance(item, Competency) else "indicator"

    @property
    def domain(self) -> str:
        """The domain key of the new item, or of the old one for a removal."""
        return self._item.domain_key

    @property
    def old_domain(self) -> str | None:
        """The domain key of the old item (``None`` for an addition): differs from :attr:`domain` for a move."""
        return None if self.old is None else self.old.domain_key

    @property
    def themes(self) -> frozenset[Theme]:
        """The theme tags of the new item (or of the old one for a removal; a domain has none)."""
        item = self._item
        return frozenset() if isinstance(item, Domain) else item.themes

    @cached_property
    def similarity(self) -> float:
        """Similarity of the two texts on normalised words, 0..1 (0 for added/removed)."""
        if self.old is None or self.new is None:
            return 0.0
        return similarity(normalise_words(text_of(self.old)), normalise_words(text_of(self.new)))

    @cached_property
    def words(self) -> tuple[WordOp, ...]:
        """Word-level operations from the old text to the new one (a domain's name; its other
        texts have theirs in :attr:`fields`)."""
        return word_ops(text_of(self.old) if self.old else "", text_of(self.new) if self.new else "")

    def _key(self) -> tuple[str, str]:
        return (self.old.id if self.old else "", self.new.id if self.new else "")

    def __repr__(self) -> str:
        old, new = self._key()
        return f"Change({self.kind.value}, {old or None!r} -> {new or None!r})"

    @cached_property
    def edit(self) -> str | None:
        """What the change does to the wording: ``"unchanged"``, ``"editorial"`` (punctuation,
        typography, spelling, capitalisation, articles, number style, hyphenation) or
        ``"substantive"``; ``None`` for an added or removed item. The rule is documented in
        docs/diff.md.

        >>> import edcompetencies as ec
        >>> from edcompetencies import diff
        >>> d = diff.compare(ec.load(2015), ec.load(2020), lineage=ec.lineage(2015, 2020))
        >>> d.change_for("2015:intrapersonal.3.2").edit, d.change_for("2015:cognitive.2").edit
        ('editorial', 'substantive')
        """
        if self.old is None or self.new is None:
            return None
        edits = [classify(text_of(self.old), text_of(self.new))]
        edits += [f.edit for f in self.fields if f.edit is not None]
        return max(edits, key=_EDIT_RANK.__getitem__)

    def to_record(self) -> dict[str, Any]:
        """A flat row for a table (see :meth:`Diff.to_records`)."""
        return {
            "level": self.level,
            "kind": self.kind.value,
            "kinds": " ".join(sorted(k.value for k in self.kinds)),
            "text_change": self.text_change.value if self.text_change else None,
            "moved": self.moved,
            "renumbered": self.renumbered,
            "old_id": self.old.id if self.old else None,
            "new_id": self.new.id if self.new else None,
            "old_domain": self.old_domain,
            "domain": self.domain,
            "similarity": round(self.similarity, 4),
            "edit": self.edit,
            "themes": " ".join(t.value for t in Theme if t in self.themes),
            "partners": " ".join(self.partners),
            "old_text": text_of(self.old) if self.old else None,
            "new_text": text_of(self.new) if self.new else None,
            "fields": " ".join(f.field for f in self.fields),
            "old_values": _json({f.field: f.old for f in self.fields}) if self.fields else None,
            "new_values": _json({f.field: f.new for f in self.fields}) if self.fields else None,
            "rationale": self.rationale,
        }

    def to_records(self) -> list[dict[str, Any]]:
        """This change as one row, with the columns of :meth:`Diff.to_records`."""
        return [self.to_record()]

    def to_text(self, *, color: bool = False) -> str:
        """The IDs, the kinds, the similarity and the ``[-deleted-]{+inserted+}`` redline; with
        ``color=True``, for a terminal: made terminal-safe (see :func:`_markup.terminal_text`), then
        deletions red and struck, insertions green and underlined by the library's own ANSI codes
        (the markers stay, so the redline reads without colour too).

        >>> import edcompetencies as ec
        >>> from edcompetencies import diff
        >>> ch = diff.compare(ec.load(2015), ec.load(2020)).change_for("2015:interpersonal.1.2")
        >>> ch.to_text(color=True).splitlines()[2]
        '    Contribute to student learning environments ... welcoming\\x1b[31;9m[-,-]\\x1b[0m and affirming.'
        """
        return _render.change_text(self, color=_flag(color, "Change.to_text()", "color"))

    def to_markdown(self) -> str:
        """A list item with the ``~~deleted~~ **inserted**`` redline (every text escaped)."""
        return _render.change_markdown(self)

    def _html_body(self, *, side_by_side: bool = False) -> str:
        return f'<div class="edc edc-diff">{_render.change_html(self, side_by_side=side_by_side)}</div>'

    def to_html(self, *, document: bool = True, side_by_side: bool = False) -> str:
        """HTML, every text escaped: a page, or with ``document=False`` a fragment that carries the
        stylesheet; ``side_by_side=True`` shows the old and the new text in two columns, what was
        deleted struck in the old one and what was inserted underlined in the new one.

        >>> import edcompetencies as ec
        >>> from edcompetencies import diff
        >>> d = diff.compare(ec.load(2015), ec.load(2020), lineage=ec.lineage(2015, 2020))
        >>> html = d.change_for("2015:intrapersonal.3.2").to_html(document=False, side_by_side=True)
        >>> '<td class="old">Demonstrate ability' in html, '<td class="new">Demonstrate<ins> the</ins> ability' in html
        (True, True)
        """
        return _html(self, document, side_by_side)

    def _title(self) -> str:
        old, new = self._key()
        return f"{self.kind.value}: {old or '(none)'} -> {new or '(none)'}"


# --------------------------------------------------------------------------- summary


@attrs.frozen(repr=False)
class Summary(Tabular, Card):
    """Counts by kind, by level, by domain and by theme: the headline numbers.

    Its records are the rows of its table: ``group`` (``level``, ``domain`` or ``theme``),
    ``name`` and one count per kind.
    """

    old_edition: int | str
    new_edition: int | str
    by_kind: dict[str, dict[str, int]]
    """level -> kind -> count, plus ``"all"``."""
    by_domain: dict[str, dict[str, int]]
    """domain key -> kind -> count (all levels)."""
    by_theme: dict[str, dict[str, int]]
    """theme code -> kind -> count (items tagged with the theme; 2020 tags)."""
    moved: dict[str, int]
    """level -> number of moved items."""
    totals: dict[str, tuple[int, int]]
    """level -> (items in old, items in new)."""
    fates: dict[str, dict[str, int]] = attrs.field(factory=dict)
    """level -> what became of the old items (``unchanged``, ``editorial``, ``substantive``,
    ``removed``) and how many new items were ``added``: the headline of :meth:`headline`."""
    metadata: dict[str, int] = attrs.field(factory=dict)
    """level -> number of changes whose code or metadata changed (whatever their headline kind:
    a reworded item whose code changed counts here and as ``reworded``)."""
    framework: tuple[str, ...] = ()
    """The names of the framework's own fields and metadata that changed."""

    columns = ("group", "name", *(k.value for k in ChangeKind))

    def __str__(self) -> str:
        return self.to_text()

    def _groups(self) -> list[tuple[str, str, dict[str, int]]]:
        levels = [level for level in (*LEVELS, "all") if level in self.by_kind]
        rows: list[tuple[str, str, dict[str, int]]] = [("level", level, self.by_kind[level]) for level in levels]
        rows += [("domain", key, row) for key, row in self.by_domain.items()]
        rows += [("theme", key, row) for key, row in self.by_theme.items()]
        return rows

    def _table(self) -> tuple[list[str], list[tuple[str, list[int]]]]:
        """The kinds that occur, and one named row of counts per level, domain and theme."""
        groups = self._groups()
        used = [k.value for k in ChangeKind if any(row.get(k.value) for _, _, row in groups)]
        names = [name if group == "level" else f"{group}: {name}" for group, name, _ in groups]
        return used, [(name, [row.get(c, 0) for c in used]) for name, (_, _, row) in zip(names, groups, strict=True)]

    def headline(self, level: str = "indicator") -> str:
        """What became of the old edition's items at *level*, in one sentence.

        >>> import edcompetencies as ec
        >>> from edcompetencies import diff
        >>> s = diff.compare(ec.load(2015), ec.load(2020), lineage=ec.lineage(2015, 2020)).summary()
        >>> print(s.headline())
        of 115 2015 indicators, 12 carried over unchanged, 31 editorially, 53 substantively; 19 removed; 26 added
        """
        f = self.fates.get(level)
        if f is None:
            raise UnknownChoiceError("level", level, tuple(self.fates))
        plural = {"competency": "competencies"}.get(level, level + "s")
        return (
            f"of {self.totals[level][0]} {self.old_edition} {plural}, {f['unchanged']} carried over unchanged, "
            f"{f['editorial']} editorially, {f['substantive']} substantively; {f['removed']} removed; "
            f"{f['added']} added"
        )

    def _heading(self) -> str:
        totals = ", ".join(f"{lvl} {a} -> {b}" for lvl, (a, b) in self.totals.items())
        moved = ", ".join(f"{lvl} {n}" for lvl, n in self.moved.items()) or "none"
        lines = [f"{self.old_edition} -> {self.new_edition}: {totals}"]
        lines += [self.headline(level) for level in LEVELS if level in self.fates]
        lines.append(
            f"left their competency or domain: {moved} (the table's moved column counts the items whose "
            "headline change is the move; the others are counted by their change of wording)"
        )
        if self.metadata or self.framework:
            counts = ", ".join(f"{lvl} {n}" for lvl, n in self.metadata.items()) or "none"
            own = f"; the framework's own fields: {', '.join(self.framework)}" if self.framework else ""
            why = " (the table's metadata column counts the items whose only change it is)" if self.metadata else ""
            lines.append(f"code or metadata changed: {counts}{own}{why}")
        return "\n".join(lines)

    def to_records(self) -> list[dict[str, Any]]:
        """One row per level, domain and theme: ``group``, ``name`` and a count for every kind.

        >>> import edcompetencies as ec
        >>> from edcompetencies import diff
        >>> s = diff.compare(ec.load(2015), ec.load(2020), lineage=ec.lineage(2015, 2020)).summary()
        >>> s.to_records()[1]
        {'group': 'level', 'name': 'competency', 'unchanged': 3, 'punctuation': 1, 'reworded': 11, 'metadata': 3, ...}
        """
        kinds = [k.value for k in ChangeKind]
        return [
            {"group": group, "name": name, **{k: row.get(k, 0) for k in kinds}} for group, name, row in self._groups()
        ]

    def to_text(self) -> str:
        """The totals line and an aligned table."""
        return _render.summary_text(self)

    def to_markdown(self) -> str:
        """The totals line and a Markdown table.

        >>> import edcompetencies as ec
        >>> from edcompetencies import diff
        >>> s = diff.compare(ec.load(2015), ec.load(2020), lineage=ec.lineage(2015, 2020)).summary()
        >>> print(next(line for line in s.render("markdown").splitlines() if line.startswith("| |")))
        | | unchanged | punctuation | reworded | metadata | moved | merged | split | added | removed |
        """
        return _render.summary_markdown(self)

    def _html_body(self) -> str:
        return f'<div class="edc edc-diff">{_render.summary_html(self)}</div>'

    def _title(self) -> str:
        return f"Summary of the changes {_render.between(self.old_edition, self.new_edition)}"

    def chart(self) -> Picture:
        """Changes by kind per domain and per theme as an SVG bar chart (kinds in a fixed order).

        >>> import edcompetencies as ec
        >>> from edcompetencies import diff
        >>> diff.compare(ec.load(2015), ec.load(2020), lineage=ec.lineage(2015, 2020)).summary().chart()
        <Picture '2015 -> 2020: changes by kind': ... characters of SVG>
        """
        return _pictures.summary_chart(self)


# --------------------------------------------------------------------------- diff


@attrs.frozen(eq=False)
class Diff(Tabular):
    """The comparison of two frameworks: every :class:`Change`, competencies first.

    ``render(format="text")`` gives the whole report (``"text"``, ``"markdown"``, ``"html"``,
    ``"json"``, ``"csv"`` or ``"jsonl"``); ``to_html()`` is a self-contained page and
    ``to_html(document=False)`` the fragment a notebook shows.
    """

    old: Framework
    new: Framework
    changes: tuple[Change, ...]
    curated: bool = False
    framework_changes: tuple[FieldChange, ...] = ()
    """The framework's own fields (title, publishers, year ...) and metadata that changed."""
    scope: tuple[Change, ...] | None = None
    """For a selection, the changes it was drawn from (within its domains and levels, whatever its
    kinds and ``ignore_`` filters): the summary's headline and totals count these, so a hidden
    unchanged item is not counted as removed. None for a whole diff (the headline counts every item)."""

    columns = COLUMNS
    _column_types = _COLUMN_TYPES

    def __iter__(self) -> Iterator[Change]:
        return iter(self.changes)

    def __len__(self) -> int:
        return len(self.changes)

    def __repr__(self) -> str:
        counts = Counter(c.kind.value for c in self.changes)
        listed = ", ".join(f"{k.value} {counts[k.value]}" for k in ChangeKind if counts[k.value])
        how = "curated" if self.curated else "automatic"
        return f"<Diff {self.old.edition} -> {self.new.edition} ({how}): {listed}>"

    def changes_for(self, item_id: str) -> tuple[Change, ...]:
        """The changes an item (old or new, by full ID) takes part in."""
        if not isinstance(item_id, str):
            raise ArgumentTypeError("Diff.changes_for()", "item_id", 'an item ID (e.g. "2020:cognitive.1")', item_id)
        return tuple(c for c in self.changes if item_id in c._key())

    def change_for(self, item_id: str) -> Change:
        """The one change of an item (old or new, by full ID).

        Raises :class:`DiffLookupError` (a ``KeyError``) if it has none, or several (a merged or
        split item: use :meth:`changes_for`).
        """
        if not isinstance(item_id, str):
            raise ArgumentTypeError("Diff.change_for()", "item_id", 'an item ID (e.g. "2020:cognitive.1")', item_id)
        found = self.changes_for(item_id)
        if len(found) != 1:
            raise DiffLookupError(item_id, len(found))
        return found[0]

    def pairs(self) -> frozenset[tuple[str, str]]:
        """Every aligned (old ID, new ID) pair."""
        return frozenset(c._key() for c in self.changes if c.old is not None and c.new is not None)

    def select(
        self,
        *,
        kinds: ChangeKind | str | Iterable[ChangeKind | str] | None = None,
        domains: str | Iterable[str] | None = None,
        level: str | Iterable[str] | None = None,
        ignore_punctuation: bool = False,
        ignore_metadata: bool = False,
    ) -> Diff:
        """A diff with only the changes that match (the alignment is unchanged).

        ``kinds`` keeps a change any of whose :attr:`Change.kinds` is listed; ``domains`` (domain
        keys) keeps a change whose old or new item is in one of the domains; ``level`` keeps the
        changes of ``"domain"``, ``"competency"`` or ``"indicator"`` items (each takes one string or
        a list of them); ``ignore_punctuation`` drops unchanged and punctuation-only changes;
        ``ignore_metadata`` compares as if there were no codes and metadata: their field changes
        go, a change that was nothing else becomes unchanged (and goes too with
        ``ignore_punctuation``), and so do the framework's changes. The framework's changes stay
        only in a selection by ``kinds`` that includes ``metadata``, or by none of ``kinds``,
        ``domains`` and ``level``. A kind, domain key or level that does not exist raises
        :class:`~edcompetencies.errors.UnknownChoiceError` (a ``ValueError``) listing the valid ones.

        >>> import edcompetencies as ec
        >>> from edcompetencies import diff
        >>> d = diff.compare(ec.load(2015), ec.load(2020))
        >>> d.select(domains=["cognitve"])
        Traceback (most recent call last):
        ...
        edcompetencies.errors.UnknownChoiceError: unknown domain 'cognitve'; choose one of intrapersonal, ...
        """
        wanted = None if kinds is None else {_kind(k) for k in _listed_arg(kinds, "kinds")}
        keys = None
        if domains is not None:
            known = list(dict.fromkeys([d.key for d in self.new.domains] + [d.key for d in self.old.domains]))
            keys = set(_listed_arg(domains, "domains"))
            for key in sorted(keys):
                if key not in known:
                    raise UnknownChoiceError("domain", key, known)
        levels = None
        if level is not None:
            if not isinstance(level, (str, Iterable)):
                raise ArgumentTypeError("Diff.select()", "level", '"domain", "competency", "indicator" or None', level)
            levels = set(_listed_arg(level, "level"))
            for name in sorted(levels):
                if name not in LEVELS:
                    raise UnknownChoiceError("level", name, LEVELS)
        for name, flag in (("ignore_punctuation", ignore_punctuation), ("ignore_metadata", ignore_metadata)):
            if not isinstance(flag, bool):
                raise ArgumentTypeError("Diff.select()", name, "True or False", flag)
        base = self.scope if self.scope is not None else self.changes
        scope = tuple(
            c
            for c in base
            if (keys is None or {c.domain, c.old_domain} & keys) and (levels is None or c.level in levels)
        )
        kept = []
        for c in self.changes:
            if ignore_metadata and c.metadata:
                c = _without_metadata(c)
            if wanted is not None and not (c.kinds & wanted):
                continue
            if keys is not None and not ({c.domain, c.old_domain} & keys):
                continue
            if levels is not None and c.level not in levels:
                continue
            if ignore_punctuation and c.kinds <= {ChangeKind.UNCHANGED, ChangeKind.PUNCTUATION}:
                continue
            kept.append(c)
        framework = self.framework_changes
        if ignore_metadata or keys is not None or levels is not None or (wanted and ChangeKind.METADATA not in wanted):
            framework = ()
        return Diff(self.old, self.new, tuple(kept), self.curated, framework, scope)

    def summary(self) -> Summary:
        """Counts by kind, level, domain and theme (each change counted once, by its ``kind``)."""
        by_kind: dict[str, Counter[str]] = defaultdict(Counter)
        by_domain: dict[str, Counter[str]] = defaultdict(Counter)
        by_theme: dict[str, Counter[str]] = defaultdict(Counter)
        moved: Counter[str] = Counter()
        metadata: Counter[str] = Counter()
        for c in self.changes:
            by_kind[c.level][c.kind.value] += 1
            by_kind["all"][c.kind.value] += 1
            by_domain[c.domain][c.kind.value] += 1
            for t in c.themes:
                by_theme[t.value][c.kind.value] += 1
            if c.moved:
                moved[c.level] += 1
            if ChangeKind.METADATA in c.kinds:
                metadata[c.level] += 1
        scope = self.changes if self.scope is None else self.scope
        of_old: dict[str, list[Change]] = defaultdict(list)
        for c in scope:
            if c.old is not None:
                of_old[c.old.id].append(c)
        if self.scope is None:
            totals = {
                "domain": (len(self.old.domains), len(self.new.domains)),
                "competency": (sum(1 for _ in self.old.competencies()), sum(1 for _ in self.new.competencies())),
                "indicator": (sum(1 for _ in self.old.indicators()), sum(1 for _ in self.new.indicators())),
            }
        else:  # the items within the selection's domains and levels
            totals = {
                level: (
                    len({c.old.id for c in scope if c.old is not None and c.level == level}),
                    len({c.new.id for c in scope if c.new is not None and c.level == level}),
                )
                for level in LEVELS
            }
        order = [k.value for k in ChangeKind]

        def ordered(counter: Counter[str]) -> dict[str, int]:
            return {k: counter[k] for k in order}  # every kind, zeros included, in one fixed order

        fates: dict[str, dict[str, int]] = {}
        old_items: tuple[tuple[str, Iterable[Node]], ...] = (
            ("domain", self.old.domains),
            ("competency", self.old.competencies()),
            ("indicator", self.old.indicators()),
        )
        for level, items in old_items:
            found = dict.fromkeys(("unchanged", "editorial", "substantive", "removed", "added"), 0)
            for item in items:
                cs = of_old.get(item.id, ())
                if not cs and self.scope is not None:
                    continue  # outside the selection's domains and levels
                edits = {c.edit for c in cs}
                if not cs or any(c.new is None for c in cs):
                    found["removed"] += 1
                elif "substantive" in edits:
                    found["substantive"] += 1
                elif "editorial" in edits:
                    found["editorial"] += 1
                else:
                    found["unchanged"] += 1
            found["added"] = sum(1 for c in scope if c.old is None and c.level == level)
            fates[level] = found

        domain_order = [d.key for d in self.new.domains] + [d.key for d in self.old.domains]
        return Summary(
            old_edition=self.old.edition,
            new_edition=self.new.edition,
            by_kind={lvl: ordered(by_kind[lvl]) for lvl in (*LEVELS, "all") if lvl in by_kind},
            by_domain={k: ordered(by_domain[k]) for k in dict.fromkeys(domain_order) if k in by_domain},
            by_theme={t.value: ordered(by_theme[t.value]) for t in Theme if t.value in by_theme},
            moved=dict(moved),
            totals=totals,
            fates=fates,
            metadata={lvl: metadata[lvl] for lvl in LEVELS if metadata[lvl]},
            framework=tuple(f.field for f in self.framework_changes),
        )

    def to_records(self) -> list[dict[str, Any]]:
        """One row per change: level, kind, kinds, IDs, domains, similarity, texts, rationale."""
        return [c.to_record() for c in self.changes]

    def to_text(self, *, color: bool = False) -> str:
        """The whole report: a title, the summary, then the changes by domain; ``color=True`` colours
        it for a terminal as :meth:`Change.to_text` does (``render("text")`` stays plain)."""
        return _render.diff_text(self, color=_flag(color, "Diff.to_text()", "color"))

    def to_markdown(self) -> str:
        """The whole report as Markdown (every text escaped)."""
        return _render.diff_markdown(self)

    def to_json(self) -> str:
        """The summary and every change with its word operations, as JSON."""
        return _render.diff_json(self, Change)

    def sankey(self, level: str | None = None) -> Picture:
        """The lineage diagram: the old items (grouped by domain) -> the new ones, one band per aligned
        pair, its width the indicators carried; splits, merges, removed and added items show.
        By default the competencies, or the domains of a diff that holds no competency (a flat
        framework's top-level items); ``level="competency"``, ``"indicator"`` (every indicator) or
        ``"domain"`` chooses.

        >>> import edcompetencies as ec
        >>> from edcompetencies import diff
        >>> d = diff.compare(ec.load(2015), ec.load(2020), lineage=ec.lineage(2015, 2020))
        >>> d.sankey().to_svg().count('class="band"')
        25
        """
        return _pictures.diff_sankey(self, _pictures.drawn_level(self) if level is None else level)

    def to_lineage(self) -> Lineage:
        """The alignment as a :class:`~edcompetencies.Lineage`: a link per aligned pair (unchanged and
        punctuation-only ``same``, reworded ``reworded``, ``merged``, ``split``; a moved item, or one
        whose code, title or metadata changed, by its wording's change), the removed
        and added items; the curated rationales where the diff used the curated lineage. The domains
        a curated diff aligned automatically (its lineage names none) are left out: comparing with
        the result aligns them again the same way."""
        links, removed, added = [], [], []
        for c in self.changes:
            if c.rationale == _AUTO_DOMAINS:
                continue  # a curated diff's domains aligned automatically: not part of the curated record
            if c.old is not None and c.new is not None:
                # a move, a new code or title is no change of the wording the link records
                moved_or_relabelled = c.kind in (ChangeKind.MOVED, ChangeKind.METADATA)
                kind = c.text_change if moved_or_relabelled and c.text_change is not None else c.kind
                relation = _LINK_RELATIONS.get(kind, "reworded")
                links.append(Link(c.old.id, c.new.id, relation, c.rationale or ""))
            elif c.old is not None:
                removed.append(Unmatched(c.old.id, c.rationale or ""))
            elif c.new is not None:
                added.append(Unmatched(c.new.id, c.rationale or ""))
        how = "curated lineage" if self.curated else "automatic alignment"
        return Lineage(
            old=self.old.edition,
            new=self.new.edition,
            description=f"The {how} of edcompetencies.diff.compare() from {self.old.edition} to {self.new.edition}.",
            links=links,
            removed=removed,
            added=added,
        )

    def to_sssom(self) -> str:
        """The alignment as an SSSOM/TSV mapping table (see :meth:`Lineage.to_sssom`): justified
        ``semapv:ManualMappingCuration`` for the curated lineage, ``semapv:LexicalMatching`` with
        each pair's word similarity as ``confidence`` for the automatic one.

        >>> import edcompetencies as ec
        >>> from edcompetencies import diff
        >>> table = diff.compare(ec.load(2015), ec.load(2020)).to_sssom()
        >>> rows = [row.split(chr(9)) for row in table.splitlines() if not row.startswith("#")]
        >>> rows[0][5:7], rows[1][5]
        (['mapping_justification', 'confidence'], 'semapv:LexicalMatching')
        """
        lineage = self.to_lineage()
        if self.curated:
            return _sssom.lineage_table(lineage)
        confidence = {
            (c.old.id, c.new.id): round(c.similarity, 4)
            for c in self.changes
            if c.old is not None and c.new is not None
        }
        return _sssom.lineage_table(lineage, justification=_sssom.LEXICAL, confidence=confidence)

    def _html_body(self, *, side_by_side: bool = False, pictures: bool = True) -> str:
        return _render.diff_html(self, side_by_side=side_by_side, pictures=pictures)

    def to_html(self, *, document: bool = True, side_by_side: bool = False, pictures: bool = True) -> str:
        """The whole report as HTML, every text escaped: a self-contained page, or with
        ``document=False`` the fragment a notebook shows. ``side_by_side=True`` shows each change
        as its old text | its new text (a two-column table; deletions struck, insertions underlined);
        with *pictures* (the default) the lineage diagram (:meth:`sankey`) and the chart of
        changes (:meth:`Summary.chart`) come inline as SVG after the summary.

        >>> import edcompetencies as ec
        >>> from edcompetencies import diff
        >>> d = diff.compare(ec.load(2015), ec.load(2020), lineage=ec.lineage(2015, 2020))
        >>> d.to_html(side_by_side=True).count('<table class="sbs">') == len(d)
        True
        >>> d.to_html().count("<svg"), d.to_html(pictures=False).count("<svg")
        (2, 0)
        """
        return _html(self, document, side_by_side, pictures=_flag(pictures, "Diff.to_html()", "pictures"))

    def _title(self) -> str:
        return _render.diff_title(self)


def _flag(value: object, function: str, name: str) -> bool:
    if not isinstance(value, bool):
        raise ArgumentTypeError(function, name, "True or False", value)
    return value


def _without_metadata(c: Change) -> Change:
    """*c* as if the items had no code and metadata: a change that was nothing else is unchanged."""
    fields = tuple(f for f in c.fields if f.kind is not ChangeKind.METADATA)
    kind = ChangeKind.UNCHANGED if c.kind is ChangeKind.METADATA else c.kind
    return attrs.evolve(c, kind=kind, fields=fields)


def _listed_arg(values: object, name: str) -> list[str]:
    """One string or an iterable of strings, as a list."""
    if isinstance(values, str):
        return [values]
    if isinstance(values, Iterable):
        listed = list(values)
        if all(isinstance(v, str) for v in listed):
            return listed
    raise ArgumentTypeError("Diff.select()", name, 'a string or a list of strings (e.g. ["cognitive"])', values)


def _kind(value: str) -> ChangeKind:
    try:
        return ChangeKind(value)
    except ValueError:
        raise UnknownChoiceError("change kind", value, [k.value for k in ChangeKind]) from None


# --------------------------------------------------------------------------- compare


_AUTO_DOMAINS = "the lineage names no domain: aligned automatically (by identifier, key, text and competencies)"


def _curated_pairs(old: Framework, new: Framework, lineage: Lineage) -> tuple[set[tuple[str, str]], bool]:
    """The lineage's pairs, and whether the domains were aligned automatically (it names none)."""
    if (str(lineage.old), str(lineage.new)) != (str(old.edition), str(new.edition)):
        raise LineageMismatchError(
            f"the lineage links {lineage.old} -> {lineage.new}, but the frameworks are {old.edition} -> {new.edition}"
        )
    # a selection (e.g. one theme) holds only some items: keep the links between those
    pairs = set()
    for link in lineage.links:
        a, b = old.get(link.old), new.get(link.new)
        if a is None or b is None:
            continue
        if isinstance(a, Domain) != isinstance(b, Domain) or isinstance(a, Competency) != isinstance(b, Competency):
            raise LineageMismatchError(
                f"the lineage links {a.kind} {link.old!r} to {b.kind} {link.new!r}: "
                "a link joins two domains, two competencies or two indicators"
            )
        pairs.add((a.id, b.id))
    # a lineage that names no domain (the packaged one) leaves them to the automatic alignment
    named = [x.old for x in lineage.links] + [x.id for x in lineage.removed]
    named += [x.new for x in lineage.links] + [x.id for x in lineage.added]
    domains = {d.id for fw in (old, new) for d in fw.domains}
    auto = not any(item_id in domains for item_id in named)
    if auto:
        pairs |= domain_pairs(old, new, pairs)
    return pairs, auto


def compare(old: Framework, new: Framework, *, lineage: Lineage | None = None) -> Diff:
    """Compare two frameworks: every domain, competency and indicator, aligned, classified;
    their codes and metadata, and the framework's own fields.

    Without *lineage* the alignment is computed from the publisher's identifiers where both
    sides carry them, then from the text and structure; with it, the curated links are used
    (and their rationales attached to the changes; domains the lineage does not name are
    aligned automatically). A lineage for other editions, or one that links a competency to
    an indicator, raises :class:`~edcompetencies.errors.LineageMismatchError` (a ``ValueError``).
    """
    for name, value in (("old", old), ("new", new)):
        require_framework("diff.compare()", value, name)
    if lineage is not None and not isinstance(lineage, Lineage):
        raise ArgumentTypeError("diff.compare()", "lineage", "a Lineage (ec.lineage()) or None", lineage)
    with collector_paused():  # the alignment and the changes make no cycles (a third of the time at 10,000 items)
        pairs, auto = (auto_pairs(old, new), True) if lineage is None else _curated_pairs(old, new, lineage)
        changes = _classify(old, new, pairs, lineage, auto_domains=auto)
        return Diff(old, new, changes, curated=lineage is not None, framework_changes=_framework_changes(old, new))


def _places(fw: Framework) -> dict[str, tuple[str, int, int, str]]:
    """Each indicator's (parent ID, depth, index among its siblings, competency ID), from one walk
    of the tree (not parsed from the IDs, which a hand-built framework may not keep to).

    (Looking each one up among its parent's children made n sibling indicators cost n squared.)
    """
    places: dict[str, tuple[str, int, int, str]] = {}
    stack: list[tuple[Competency | Indicator, int, str]] = [(c, 1, c.id) for c in fw.competencies()]
    while stack:
        parent, depth, competency = stack.pop()
        for n, child in enumerate(parent.children):
            places[child.id] = (parent.id, depth, n, competency)
            stack.append((child, depth + 1, competency))
    return places


def _domain_ids(fw: Framework) -> dict[str, str]:
    """Each competency's and indicator's domain ID, from one walk of the tree."""
    out: dict[str, str] = {}
    for domain in fw.domains:
        for competency in domain.competencies:
            out[competency.id] = domain.id
            for indicator in competency.walk():
                out[indicator.id] = domain.id
    return out


def _classify(
    old: Framework, new: Framework, pairs: set[tuple[str, str]], lineage: Lineage | None, *, auto_domains: bool
) -> tuple[Change, ...]:
    succ: dict[str, list[str]] = defaultdict(list)
    pred: dict[str, list[str]] = defaultdict(list)
    for a, b in sorted(pairs):
        succ[a].append(b)
        pred[b].append(a)
    new_order = {item_id: n for n, item_id in enumerate(new.ids())}
    old_order = {item_id: n for n, item_id in enumerate(old.ids())}
    old_places, new_places = _places(old), _places(new)
    old_domain, new_domain = _domain_ids(old), _domain_ids(new)
    old_rank = {d.id: n for n, d in enumerate(old.domains)}
    new_rank = {d.id: n for n, d in enumerate(new.domains)}

    domain_ids = {d.id for fw in (old, new) for d in fw.domains}

    def rationale(a: str | None, b: str | None) -> str | None:
        if lineage is None:
            return None
        if auto_domains and (a or b) in domain_ids:
            return _AUTO_DOMAINS
        return lineage.rationale(a, b)

    def left_domain(a: str, b: str) -> bool:
        """The item's new domain is not a successor of its old one."""
        return new_domain[b] not in succ.get(old_domain[a], ())

    changes: list[tuple[tuple[int, int, int], Change]] = []
    levels: list[tuple[int, list[Node], list[Node]]] = [
        (0, list(old.domains), list(new.domains)),
        (1, list(old.competencies()), list(new.competencies())),
        (2, list(old.indicators()), list(new.indicators())),
    ]
    old_by_id = {o.id: o for _, old_items, _ in levels for o in old_items}
    for level, old_items, new_items in levels:
        for o in old_items:
            if o.id not in succ:
                changes.append(
                    ((level, 1, old_order[o.id]), Change(ChangeKind.REMOVED, o, None, rationale=rationale(o.id, None)))
                )
        for n in new_items:
            if n.id not in pred:
                changes.append(
                    ((level, 0, new_order[n.id]), Change(ChangeKind.ADDED, None, n, rationale=rationale(None, n.id)))
                )
                continue
            for a in pred[n.id]:
                o = old_by_id[a]
                fields = _field_changes(o, n)
                text = max(
                    (_text_kind(text_of(o), text_of(n)), *(f.kind for f in fields if f.is_text)),
                    key=_TEXT_RANK.__getitem__,
                )
                if isinstance(n, Domain) and isinstance(o, Domain):
                    moved, renumbered = False, old_rank[o.id] != new_rank[n.id]
                elif isinstance(n, Competency) and isinstance(o, Competency):
                    moved = left_domain(o.id, n.id)
                    renumbered = not moved and o.number != n.number
                elif isinstance(n, Indicator) and isinstance(o, Indicator):
                    (parent_old, depth_old, index_old, comp_old) = old_places[o.id]
                    (parent_new, depth_new, index_new, comp_new) = new_places[n.id]
                    moved = left_domain(o.id, n.id) or (
                        parent_new not in succ.get(parent_old, ())
                        and not (depth_old != depth_new and comp_new in succ.get(comp_old, ()))
                    )
                    renumbered = not moved and (depth_old, index_old) != (depth_new, index_new)
                else:  # pragma: no cover - both aligners pair items of one level
                    raise LineageMismatchError(f"{a!r} and {n.id!r} are not items of the same level")
                partners: tuple[str, ...] = ()
                if len(pred[n.id]) > 1:
                    kind, partners = ChangeKind.MERGED, tuple(x for x in pred[n.id] if x != a)
                elif len(succ[a]) > 1:
                    kind, partners = ChangeKind.SPLIT, tuple(x for x in succ[a] if x != n.id)
                elif moved:
                    kind = ChangeKind.MOVED
                elif text is ChangeKind.UNCHANGED and any(f.kind is ChangeKind.METADATA for f in fields):
                    kind = ChangeKind.METADATA
                else:
                    kind = text
                changes.append(
                    (
                        (level, 0, new_order[n.id]),
                        Change(kind, o, n, text, moved, renumbered, partners, rationale(a, n.id), fields),
                    )
                )
    changes.sort(key=lambda pair: pair[0])
    return tuple(c for _, c in changes)
