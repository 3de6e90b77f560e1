"""Edition diffing: what changed between two frameworks, in structure and in words.

>>> import edcompetencies as ec
>>> from edcompetencies import diff
>>> d = diff.compare(ec.load(2015), ec.load(2020))
>>> ch = d.change_for("2015:interpersonal.4.2")
>>> ch.kind, ch.new.id, ch.renumbered
(<ChangeKind.UNCHANGED: 'unchanged'>, '2020:interpersonal.4.a', True)

The alignment works on any two frameworks in the model's format. It is computed from the
text (word features with an inverted index, so it never compares every pair) and from the
structure (where indicators went tells where their competency went); or it is taken from
a curated :class:`~edcompetencies.Lineage` with ``compare(old, new, lineage=...)``.
"""

from __future__ import annotations

import itertools
import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from functools import cached_property
from typing import TYPE_CHECKING, Any

import attrs

from ._lineage import Lineage
from ._model import Competency, Framework, Indicator, StrEnum, Theme
from .errors import (
    ArgumentTypeError,
    DiffLookupError,
    LineageMismatchError,
    UnknownChoiceError,
)

if TYPE_CHECKING:  # pragma: no cover
    import pandas  # type: ignore[import-untyped, unused-ignore]

__all__ = [
    "Change",
    "ChangeKind",
    "Diff",
    "DiffLookupError",
    "LineageMismatchError",
    "Summary",
    "WordOp",
    "compare",
    "normalise_words",
    "word_ops",
]

LEVELS = ("competency", "indicator")

Node = Competency | Indicator


class ChangeKind(StrEnum):
    """What happened to an item between the two frameworks."""

    UNCHANGED = "unchanged"
    PUNCTUATION = "punctuation"
    """Only punctuation or typography changed (quotes, dashes, the serial comma)."""
    REWORDED = "reworded"
    MOVED = "moved"
    """The item now sits under another competency (or domain); see ``Change.text_change``."""
    MERGED = "merged"
    """Two or more old items became this one new item."""
    SPLIT = "split"
    """One old item became two or more new items."""
    ADDED = "added"
    REMOVED = "removed"


# --------------------------------------------------------------------------- words

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


def word_ops(old: str, new: str) -> tuple[WordOp, ...]:
    """Word-level operations turning *old* into *new*.

    >>> [(o.op, o.old, o.new) for o in word_ops("tools of inquiry", "tools of investigation")]
    [('equal', 'tools of ', 'tools of '), ('replace', 'inquiry', 'investigation')]
    """
    import difflib

    for name, value in (("old", old), ("new", new)):
        if not isinstance(value, str):
            raise ArgumentTypeError("diff.word_ops()", name, "a string", value)
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    ops: list[list[str]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        ops.append([tag, "".join(a[i1:i2]), "".join(b[j1:j2])])
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


def _similarity(a: Sequence[str], b: Sequence[str]) -> float:
    import difflib

    if not a and not b:
        return 1.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def _text_kind(old: str, new: str) -> ChangeKind:
    if old == new:
        return ChangeKind.UNCHANGED
    if normalise_words(old) == normalise_words(new):
        return ChangeKind.PUNCTUATION
    return ChangeKind.REWORDED


# --------------------------------------------------------------------------- changes


@attrs.frozen(eq=False)
class Change:
    """One aligned pair of items, or one item without a counterpart.

    ``kind`` is the headline; ``kinds`` holds every kind that applies (a moved item that
    was also reworded has ``{MOVED, REWORDED}``), ``text_change`` what happened to the
    wording alone, ``moved`` whether it left its competency (or domain) and ``renumbered``
    whether its position changed within the same parent. ``partners`` names the other
    items of a merge (old IDs) or a split (new IDs).
    """

    kind: ChangeKind
    old: Node | None
    new: Node | None
    text_change: ChangeKind | None = None
    moved: bool = False
    renumbered: bool = False
    partners: tuple[str, ...] = ()
    rationale: str | None = None

    @property
    def kinds(self) -> frozenset[ChangeKind]:
        """Every kind that applies to this change."""
        kinds = {self.kind}
        if self.text_change is not None:
            kinds.add(self.text_change)
        if self.moved:
            kinds.add(ChangeKind.MOVED)
        return frozenset(kinds)

    @property
    def level(self) -> str:
        """``"competency"`` or ``"indicator"`` (indicators include sub-indicators)."""
        item = self.new if self.new is not None else self.old
        return "competency" if isinstance(item, Competency) else "indicator"

    @property
    def domain(self) -> str:
        """The domain key of the new item, or of the old one for a removal."""
        item = self.new if self.new is not None else self.old
        assert item is not None
        return item.domain_key

    @property
    def old_domain(self) -> str | None:
        return None if self.old is None else self.old.domain_key

    @property
    def themes(self) -> frozenset[Theme]:
        """The theme tags of the new item (or of the old one for a removal)."""
        item = self.new if self.new is not None else self.old
        assert item is not None
        return item.themes

    @cached_property
    def similarity(self) -> float:
        """Similarity of the two texts on normalised words, 0..1 (0 for added/removed)."""
        if self.old is None or self.new is None:
            return 0.0
        return _similarity(normalise_words(self.old.text), normalise_words(self.new.text))

    @cached_property
    def words(self) -> tuple[WordOp, ...]:
        """Word-level operations from the old text to the new one."""
        return word_ops(self.old.text if self.old else "", self.new.text if self.new else "")

    def _key(self) -> tuple[str, str]:
        return (self.old.id if self.old else "", self.new.id if self.new else "")

    def __repr__(self) -> str:
        old, new = self._key()
        return f"Change({self.kind.value}, {old or None!r} -> {new or None!r})"

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
            "themes": " ".join(t.value for t in Theme if t in self.themes),
            "partners": " ".join(self.partners),
            "old_text": self.old.text if self.old else None,
            "new_text": self.new.text if self.new else None,
            "rationale": self.rationale,
        }

    def render(self, format: str = "text") -> str:
        """This change as ``text``, ``markdown`` or ``html``."""
        from . import _render

        return _render.change(self, format)

    def _repr_html_(self) -> str:
        return self.render("html")


# --------------------------------------------------------------------------- summary


@attrs.frozen
class Summary:
    """Counts by kind, by level, by domain and by theme: the headline numbers."""

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

    def __str__(self) -> str:
        return self.render("text")

    def render(self, format: str = "text") -> str:
        """The summary as a table: ``"text"``, ``"markdown"`` or ``"html"``.

        >>> import edcompetencies as ec
        >>> from edcompetencies import diff
        >>> s = diff.compare(ec.load(2015), ec.load(2020), lineage=ec.lineage(2015, 2020)).summary()
        >>> print(s.render("markdown").splitlines()[2])
        | | unchanged | punctuation | reworded | moved | merged | split | added | removed |
        """
        from . import _render

        return _render.summary(self, format)

    def _repr_html_(self) -> str:
        return self.render("html")


# --------------------------------------------------------------------------- diff


@attrs.frozen(eq=False)
class Diff:
    """The comparison of two frameworks: every :class:`Change`, competencies first."""

    old: Framework
    new: Framework
    changes: tuple[Change, ...]
    curated: bool = False

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
        return tuple(c for c in self.changes if item_id in c._key())

    def change_for(self, item_id: str) -> Change:
        """The one change of an item (old or new, by full ID).

        Raises :class:`DiffLookupError` (a ``KeyError``) if it has none, or several (a merged or
        split item: use :meth:`changes_for`).
        """
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
        kinds: Iterable[ChangeKind | str] | None = None,
        domains: Iterable[str] | None = None,
        level: str | None = None,
        ignore_punctuation: bool = False,
    ) -> Diff:
        """A diff with only the changes that match (the alignment is unchanged).

        ``kinds`` keeps a change any of whose :attr:`Change.kinds` is listed; ``domains`` (domain
        keys) keeps a change whose old or new item is in one of the domains; ``level`` is
        ``"competency"`` or ``"indicator"``; ``ignore_punctuation`` drops unchanged and
        punctuation-only changes. A kind, domain key or level that does not exist raises
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
            for key in sorted(keys, key=str):
                if key not in known:
                    raise UnknownChoiceError("domain", key, known)
        if level is not None and level not in LEVELS:
            raise UnknownChoiceError("level", level, LEVELS)
        kept = []
        for c in self.changes:
            if wanted is not None and not (c.kinds & wanted):
                continue
            if keys is not None and not ({c.domain, c.old_domain} & keys):
                continue
            if level is not None and c.level != level:
                continue
            if ignore_punctuation and c.kinds <= {ChangeKind.UNCHANGED, ChangeKind.PUNCTUATION}:
                continue
            kept.append(c)
        return Diff(self.old, self.new, tuple(kept), self.curated)

    def summary(self) -> Summary:
        """Counts by kind, level, domain and theme (each change counted once, by its ``kind``)."""
        by_kind: dict[str, Counter[str]] = defaultdict(Counter)
        by_domain: dict[str, Counter[str]] = defaultdict(Counter)
        by_theme: dict[str, Counter[str]] = defaultdict(Counter)
        moved: Counter[str] = Counter()
        for c in self.changes:
            by_kind[c.level][c.kind.value] += 1
            by_kind["all"][c.kind.value] += 1
            by_domain[c.domain][c.kind.value] += 1
            for t in c.themes:
                by_theme[t.value][c.kind.value] += 1
            if c.moved:
                moved[c.level] += 1
        totals = {
            "competency": (sum(1 for _ in self.old.competencies()), sum(1 for _ in self.new.competencies())),
            "indicator": (sum(1 for _ in self.old.indicators()), sum(1 for _ in self.new.indicators())),
        }
        order = [k.value for k in ChangeKind]

        def ordered(counter: Counter[str]) -> dict[str, int]:
            return {k: counter[k] for k in order if counter[k]}

        domain_order = [d.key for d in self.new.domains] + [d.key for d in self.old.domains]
        return Summary(
            old_edition=self.old.edition,
            new_edition=self.new.edition,
            by_kind={lvl: ordered(by_kind[lvl]) for lvl in ("competency", "indicator", "all") if lvl in by_kind},
            by_domain={k: ordered(by_domain[k]) for k in dict.fromkeys(domain_order) if k in by_domain},
            by_theme={t.value: ordered(by_theme[t.value]) for t in Theme if t.value in by_theme},
            moved=dict(moved),
            totals=totals,
        )

    def to_records(self) -> list[dict[str, Any]]:
        """One row per change: level, kind, kinds, IDs, domains, similarity, texts, rationale."""
        return [c.to_record() for c in self.changes]

    def to_dataframe(self) -> pandas.DataFrame:
        """The records as a pandas DataFrame (install the ``pandas`` extra)."""
        from ._views import dataframe

        return dataframe(self.to_records(), "Diff.to_dataframe()")

    def render(self, format: str = "text") -> str:
        """The whole report: ``text``, ``markdown``, ``html``, ``json`` or ``csv``."""
        from . import _render

        return _render.diff(self, format)

    def _repr_html_(self) -> str:
        return self.render("html")


def _listed_arg(values: Iterable[Any], name: str) -> list[Any]:
    if isinstance(values, str) or not isinstance(values, Iterable):
        raise ArgumentTypeError("Diff.select()", name, 'a list (e.g. ["cognitive"])', values)
    return list(values)


def _kind(value: ChangeKind | str) -> ChangeKind:
    try:
        return ChangeKind(value)
    except ValueError:
        raise UnknownChoiceError("change kind", value, [k.value for k in ChangeKind]) from None


# --------------------------------------------------------------------------- alignment

_STOP = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "both",
        "by",
        "for",
        "from",
        "in",
        "into",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "that",
        "the",
        "their",
        "them",
        "these",
        "they",
        "this",
        "to",
        "via",
        "when",
        "which",
        "while",
        "who",
        "with",
        "will",
        "own",
        "one",
        "each",
        "such",
    ]
)


class _Side:
    """The items of one framework at one level, with their word features."""

    def __init__(self, items: Sequence[Node]) -> None:
        self.items = list(items)
        self.words = [normalise_words(i.text) for i in self.items]
        self.content = [frozenset(w for w in ws if w not in _STOP) or frozenset(ws) for ws in self.words]
        self.features: list[frozenset[str]] = []
        for ws, content in zip(self.words, self.content, strict=True):
            grams = {f"{a} {b}" for a, b in itertools.pairwise(ws)}
            self.features.append(frozenset(grams | content))


def _tie_key(score: float, i: int, j: int) -> tuple[float, int, int, int]:
    """Sort key for greedy matching that is the same whichever side is called old.

    Scores are rounded so that float summation order cannot break a tie one way and not
    the other; among equal scores, pairs nearer the start of both documents come first.
    Two pairs that still tie share no item, so their order cannot change the result.
    """
    return (-round(score, 9), i + j, min(i, j), max(i, j))


class _Aligner:
    """Finds the pairs of one level: one-to-one first, then merges and splits.

    Everything here treats the two sides alike (candidates are drawn from both sides,
    ties are broken symmetrically), so comparing new with old finds the same pairs as
    comparing old with new.
    """

    MAX_DF = 40  # a feature in more items than this is too common to find candidates with
    VOTE_BUDGET = 60  # postings an item reads when voting, rarest features first
    CANDIDATES = 12
    RARE = 6  # an item's rarest features whose pairs find candidates when single features are too common

    def __init__(self, old: Sequence[Node], new: Sequence[Node]) -> None:
        self.a, self.b = _Side(old), _Side(new)
        df: Counter[str] = Counter()
        for content in self.a.content + self.b.content:
            df.update(content)
        n = len(self.a.items) + len(self.b.items) + 1
        self.idf = {w: math.log(n / c) + 1.0 for w, c in df.items()}
        self.mass_a = [sum(self.idf[w] ** 2 for w in sorted(c)) for c in self.a.content]
        self.mass_b = [sum(self.idf[w] ** 2 for w in sorted(c)) for c in self.b.content]
        self.scores = self._score_candidates()

    def _score_candidates(self) -> dict[tuple[int, int], tuple[float, float, float]]:
        """Score each item's best-voted candidates on the other side (from both sides)."""
        postings_a = self._postings(self.a.features)
        postings_b = self._postings(self.b.features)
        df = {f: len(postings_a.get(f, ())) + len(postings_b.get(f, ())) for f in postings_a.keys() | postings_b.keys()}
        candidates = {(i, j) for i, j in self._top(self.a.features, postings_b, df)}
        candidates |= {(i, j) for j, i in self._top(self.b.features, postings_a, df)}
        candidates |= self._by_rare_pairs(df)
        return {(i, j): self._score(i, j) for i, j in sorted(candidates)}

    def _by_rare_pairs(self, df: dict[str, int]) -> set[tuple[int, int]]:
        """Candidates that share two of their rarest features, however common each one is.

        In a large framework whose wording is uniform, every single word or word pair of an
        item may be in more than ``MAX_DF`` items, and voting then finds nothing for it. For
        such starved items (fewer than ``RARE // 2`` features that can vote), two items that share two
        of their ``RARE`` rarest features are still a telling pair: the pairs of those features
        are far rarer than any one of them. Both sides rank features by the same counts, so an
        item and its reworded successor keep most of their rarest features; the work per item
        stays bounded (``RARE`` choose 2 keys, and keys in more than ``MAX_DF`` items are skipped).
        """

        order = {f: n for n, f in enumerate(sorted(df, key=lambda f: (df[f], f)))}  # rank, rarest first
        size = len(order)
        votable = self.MAX_DF

        def keys(feats: frozenset[str]) -> list[int]:
            rare = sorted([order[f] for f in feats])[: self.RARE]
            return [a * size + b for a, b in itertools.combinations(rare, 2)]

        def starved(feats: frozenset[str]) -> bool:
            return sum(1 for f in feats if df[f] <= votable) < self.RARE // 2

        keys_a = [keys(feats) for feats in self.a.features]
        keys_b = [keys(feats) for feats in self.b.features]
        pairs: set[tuple[int, int]] = set()
        for own, other, features, flip in (
            (keys_a, keys_b, self.a.features, False),
            (keys_b, keys_a, self.b.features, True),
        ):
            index: dict[int, list[int]] = defaultdict(list)
            for m, item_keys in enumerate(other):
                for key in item_keys:
                    index[key].append(m)
            for n, feats in enumerate(features):
                if not starved(feats):
                    continue
                votes: Counter[int] = Counter()
                for key in own[n]:
                    found = index.get(key, ())
                    if len(found) <= self.MAX_DF:
                        votes.update(found)
                best = sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))[: self.CANDIDATES]
                pairs |= {(m, n) if flip else (n, m) for m, _ in best}
        return pairs

    @staticmethod
    def _postings(features: list[frozenset[str]]) -> dict[str, list[int]]:
        postings: dict[str, list[int]] = defaultdict(list)
        for n, feats in enumerate(features):
            for f in feats:
                postings[f].append(n)
        return postings

    def _top(
        self, features: list[frozenset[str]], postings: dict[str, list[int]], df: dict[str, int]
    ) -> Iterator[tuple[int, int]]:
        """Each item's best-voted candidates on the other side.

        An item votes with its rarest features first (the most telling ones) and stops once
        it has read ``VOTE_BUDGET`` postings, so the work per item does not grow with the
        size of the frameworks; a feature in more than ``MAX_DF`` items never votes.
        """
        for n, feats in enumerate(features):
            votes: dict[int, float] = defaultdict(float)
            read = 0
            for f in sorted((f for f in feats if df[f] <= self.MAX_DF), key=lambda f: (df[f], f)):
                if read >= self.VOTE_BUDGET:
                    break
                weight = 2.0 if " " in f else 1.0
                found = postings.get(f, ())
                read += len(found)
                for m in found:
                    votes[m] += weight
            for m, _ in sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))[: self.CANDIDATES]:
                yield n, m

    def _score(self, i: int, j: int) -> tuple[float, float, float]:
        """(cosine, share of old covered by new, share of new covered by old) on idf-weighted words."""
        shared = sorted(self.a.content[i] & self.b.content[j])
        dot = sum(self.idf[w] ** 2 for w in shared)
        ma, mb = self.mass_a[i], self.mass_b[j]
        if not dot or not ma or not mb:
            return (0.0, 0.0, 0.0)
        return (dot / math.sqrt(ma * mb), dot / ma, dot / mb)

    def one_to_one(
        self, threshold: float, taken_a: dict[int, list[int]], taken_b: dict[int, list[int]], bonus: Any = None
    ) -> None:
        ranked = []
        for (i, j), (cos, _, _) in self.scores.items():
            if i in taken_a or j in taken_b:
                continue
            score = cos + (bonus(i, j) if bonus else 0.0)
            if score >= threshold:
                ranked.append((_tie_key(score, i, j), i, j))
        for _, i, j in sorted(ranked):
            if i not in taken_a and j not in taken_b:
                taken_a[i] = [j]
                taken_b[j] = [i]

    def many(self, threshold: float, taken_a: dict[int, list[int]], taken_b: dict[int, list[int]]) -> None:
        """Merges (an unmatched old item contained in a matched new one) and splits (the converse)."""
        merges: dict[int, tuple[tuple[float, int, int, int], int]] = {}  # free old item -> (key, new item)
        splits: dict[int, tuple[tuple[float, int, int, int], int]] = {}  # free new item -> (key, old item)
        for (i, j), (_, cover_a, cover_b) in self.scores.items():
            if i not in taken_a and j in taken_b and cover_a >= threshold:
                key = _tie_key(cover_a, i, j)
                if i not in merges or key < merges[i][0]:
                    merges[i] = (key, j)
            elif j not in taken_b and i in taken_a and cover_b >= threshold:
                key = _tie_key(cover_b, i, j)
                if j not in splits or key < splits[j][0]:
                    splits[j] = (key, i)
        _attach(merges, splits, taken_a, taken_b)


def _attach(
    merges: dict[int, tuple[tuple[float, int, int, int], int]],
    splits: dict[int, tuple[tuple[float, int, int, int], int]],
    taken_a: dict[int, list[int]],
    taken_b: dict[int, list[int]],
) -> None:
    """Attach free items to matched ones, never making a many-to-many group.

    A matched pair that would both absorb old items (a merge) and shed new ones (a split)
    keeps only the side with the stronger evidence, or neither when it is a tie, so the
    rule reads the same in both directions.
    """
    best_merge: dict[int, tuple[float, int, int, int]] = {}  # new item -> strongest merge into it
    for key, j in merges.values():
        best_merge[j] = min(key, best_merge.get(j, key))
    best_split: dict[int, tuple[float, int, int, int]] = {}  # old item -> strongest split from it
    for key, i in splits.values():
        best_split[i] = min(key, best_split.get(i, key))
    drop_merge: set[int] = set()
    drop_split: set[int] = set()
    for j, merge_key in best_merge.items():
        for i in taken_b[j]:
            split_key = best_split.get(i)
            if split_key is None:
                continue
            # a many-to-many group would form around the pair (i, j); key[0] is minus the evidence
            if merge_key[0] <= split_key[0]:
                drop_split.add(i)
            if split_key[0] <= merge_key[0]:
                drop_merge.add(j)
    for i, (_, j) in sorted(merges.items()):
        if j not in drop_merge:
            taken_a[i] = [j]
            taken_b[j].append(i)
    for j, (_, i) in sorted(splits.items()):
        if i not in drop_split:
            taken_b[j] = [i]
            taken_a[i].append(j)


def _exact(a: _Side, b: _Side, taken_a: dict[int, list[int]], taken_b: dict[int, list[int]]) -> None:
    """Pair identical texts (first exactly, then up to punctuation), in document order."""
    for key_a, key_b in (
        ([i.text for i in a.items], [j.text for j in b.items]),
        ([" ".join(ws) or None for ws in a.words], [" ".join(ws) or None for ws in b.words]),
    ):
        by_text: dict[str | None, list[int]] = defaultdict(list)
        for j, key in enumerate(key_b):
            if j not in taken_b and key is not None:
                by_text[key].append(j)
        for i, key in enumerate(key_a):
            if i in taken_a or key is None:
                continue
            free = [j for j in by_text.get(key, ()) if j not in taken_b]
            if free:
                taken_a[i] = [free[0]]
                taken_b[free[0]] = [i]


def _auto_pairs(old: Framework, new: Framework) -> set[tuple[str, str]]:
    old_ind, new_ind = list(old.indicators()), list(new.indicators())
    old_comp, new_comp = list(old.competencies()), list(new.competencies())

    # 1. indicators: identical wording, then confident one-to-one matches
    ind = _Aligner(old_ind, new_ind)
    ia: dict[int, list[int]] = {}
    ib: dict[int, list[int]] = {}
    _exact(ind.a, ind.b, ia, ib)
    ind.one_to_one(0.55, ia, ib)

    # 2. competencies: statements, plus where their indicators went
    comp = _Aligner(old_comp, new_comp)
    comp_index_a = {c.id: n for n, c in enumerate(old_comp)}
    comp_index_b = {c.id: n for n, c in enumerate(new_comp)}
    flow: Counter[tuple[int, int]] = Counter()
    out_a: Counter[int] = Counter()
    in_b: Counter[int] = Counter()
    for i, js in ia.items():
        ca = comp_index_a[old_ind[i].competency_id]
        for j in js:
            cb = comp_index_b[new_ind[j].competency_id]
            flow[ca, cb] += 1
            out_a[ca] += 1
            in_b[cb] += 1
    for (ca, cb), _ in flow.items():
        comp.scores.setdefault((ca, cb), comp._score(ca, cb))

    def comp_bonus(ca: int, cb: int) -> float:
        f = flow.get((ca, cb), 0)
        if not f:
            return 0.0
        return 0.5 * (f / out_a[ca] + f / in_b[cb])

    ca_taken: dict[int, list[int]] = {}
    cb_taken: dict[int, list[int]] = {}
    _exact(comp.a, comp.b, ca_taken, cb_taken)
    comp.one_to_one(0.5, ca_taken, cb_taken, comp_bonus)
    # folded competencies: most of an unmatched competency's indicators went into a matched one
    folds: dict[int, tuple[tuple[float, int, int, int], int]] = {}
    unfolds: dict[int, tuple[tuple[float, int, int, int], int]] = {}
    for (ca, cb), f in flow.items():
        if ca not in ca_taken and cb in cb_taken and f / out_a[ca] >= 0.5:
            key = _tie_key(f / out_a[ca], ca, cb)
            if ca not in folds or key < folds[ca][0]:
                folds[ca] = (key, cb)
        elif cb not in cb_taken and ca in ca_taken and f / in_b[cb] >= 0.5:
            key = _tie_key(f / in_b[cb], ca, cb)
            if cb not in unfolds or key < unfolds[cb][0]:
                unfolds[cb] = (key, ca)
    _attach(folds, unfolds, ca_taken, cb_taken)

    # 3. indicators again: weaker matches where the competencies agree, then merges and splits
    comp_pairs = {(ca, cb) for ca, cbs in ca_taken.items() for cb in cbs}

    def ind_bonus(i: int, j: int) -> float:
        ca = comp_index_a[old_ind[i].competency_id]
        cb = comp_index_b[new_ind[j].competency_id]
        return 0.2 if (ca, cb) in comp_pairs else 0.0

    ind.one_to_one(0.5, ia, ib, ind_bonus)
    ind.many(0.6, ia, ib)

    pairs = {(old_comp[ca].id, new_comp[cb].id) for ca, cbs in ca_taken.items() for cb in cbs}
    pairs |= {(old_ind[i].id, new_ind[j].id) for i, js in ia.items() for j in js}
    return pairs


def _curated_pairs(old: Framework, new: Framework, lineage: Lineage) -> set[tuple[str, str]]:
    if (str(lineage.old), str(lineage.new)) != (str(old.edition), str(new.edition)):
        raise LineageMismatchError(
            f"the lineage links {lineage.old} -> {lineage.new}, but the frameworks are {old.edition} -> {new.edition}"
        )
    # a selection (e.g. one theme) holds only some items: keep the links between those
    return {(x.old, x.new) for x in lineage.links if x.old in old and x.new in new}


def compare(old: Framework, new: Framework, *, lineage: Lineage | None = None) -> Diff:
    """Compare two frameworks: every competency and indicator, aligned, classified.

    Without *lineage* the alignment is computed from the text and structure; with it,
    the curated links are used (and their rationales attached to the changes).
    """
    for name, value in (("old", old), ("new", new)):
        if not isinstance(value, Framework):
            raise ArgumentTypeError("diff.compare()", name, "a Framework (ec.load(), ec.loads())", value)
    if lineage is not None and not isinstance(lineage, Lineage):
        raise ArgumentTypeError("diff.compare()", "lineage", "a Lineage (ec.lineage()) or None", lineage)
    pairs = _auto_pairs(old, new) if lineage is None else _curated_pairs(old, new, lineage)
    return Diff(old, new, _classify(old, new, pairs, lineage), curated=lineage is not None)


def _position(fw: Framework, item: Node) -> tuple[int, int]:
    parent = fw.parent(item)
    assert parent is not None
    siblings = parent.children
    return (item.depth, next(n for n, s in enumerate(siblings) if getattr(s, "id", None) == item.id))


def _classify(
    old: Framework, new: Framework, pairs: set[tuple[str, str]], lineage: Lineage | None
) -> tuple[Change, ...]:
    succ: dict[str, list[str]] = defaultdict(list)
    pred: dict[str, list[str]] = defaultdict(list)
    for a, b in sorted(pairs):
        succ[a].append(b)
        pred[b].append(a)
    new_order = {item_id: n for n, item_id in enumerate(new.ids())}
    old_order = {item_id: n for n, item_id in enumerate(old.ids())}

    def rationale(a: str | None, b: str | None) -> str | None:
        return lineage.rationale(a, b) if lineage is not None else None

    changes: list[tuple[tuple[int, int, int], Change]] = []
    for level, old_items, new_items in (
        (0, list(old.competencies()), list(new.competencies())),
        (1, list(old.indicators()), list(new.indicators())),
    ):
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
                prev = old[a]
                assert isinstance(prev, (Competency, Indicator))
                o = prev
                text = _text_kind(o.text, n.text)
                if isinstance(n, Competency):
                    moved = o.domain_key != n.domain_key
                    renumbered = not moved and o.number != n.number  # type: ignore[union-attr]
                else:
                    assert isinstance(o, Indicator) and isinstance(n, Indicator)
                    parent_old = o.competency_id if o.depth == 1 else old.parent(o).id  # type: ignore[union-attr]
                    parent_new = n.competency_id if n.depth == 1 else new.parent(n).id  # type: ignore[union-attr]
                    moved = o.domain_key != n.domain_key or (
                        parent_new not in succ.get(parent_old, ())
                        and not (o.depth != n.depth and n.competency_id in succ.get(o.competency_id, ()))
                    )
                    renumbered = not moved and _position(old, o) != _position(new, n)
                partners: tuple[str, ...] = ()
                if len(pred[n.id]) > 1:
                    kind, partners = ChangeKind.MERGED, tuple(x for x in pred[n.id] if x != a)
                elif len(succ[a]) > 1:
                    kind, partners = ChangeKind.SPLIT, tuple(x for x in succ[a] if x != n.id)
                elif moved:
                    kind = ChangeKind.MOVED
                else:
                    kind = text
                changes.append(
                    (
                        (level, 0, new_order[n.id]),
                        Change(kind, o, n, text, moved, renumbered, partners, rationale(a, n.id)),
                    )
                )
    changes.sort(key=lambda pair: pair[0])
    return tuple(c for _, c in changes)
