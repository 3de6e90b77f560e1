"""Appendix A of the 2020 edition, Glossary of Terms: definitions, related terms, sources.

>>> from edcompetencies import glossary
>>> t = glossary.lookup("growth mindsets")
>>> t.term, t.sources[0].year
('Growth Mindset', 2015)
>>> glossary.lookup("exit slips").term          # a closely related term
'Exit Tickets'
>>> [(m.text, m.term.term) for m in glossary.terms_in("Use peer assessment and project-based learning.")]
[('peer assessment', 'Peer Assessment'), ('project-based learning', 'Project-Based Learning')]

**Matching rule** (used by :func:`lookup` and :func:`terms_in`): case is ignored; a hyphen, a
dash, a slash and white space separate words alike (``self assessment`` is ``Self-Assessment``);
each word may be singular or plural (``mindsets``, ``progression``, ``competencies``);
other punctuation is ignored in a lookup. A term's own names are its printed name, the parts
of a name printed with a comma (``Competency, Competent``) and a name printed with a
parenthesis read with and without it (``Student Voice (and Choice)``: ``Student Voice``,
``Student Voice and Choice``). Closely related terms are the definition's "(Closely related
terms: ...)"; one printed with a slash (``mastery-based learning/education``) is also read as
each alternative. :func:`terms_in` finds words, not parts of words: a match is not preceded
or followed by a letter, a digit or a hyphen (``competency`` is not found in
``competency-based``), and the longest match wins where two overlap.
"""

from __future__ import annotations

import difflib
import re
from functools import cache
from typing import Any

import attrs

from . import _toolkit_data
from ._markup import Card, Tabular, sequence_repr
from ._model import SourceNote
from ._toolkit_data import Block, BulletList, ListItem, Paragraph, Table
from ._toolkit_data import tuple_of as _tuple
from ._words import plural, singular
from .errors import ArgumentTypeError, UnknownTermError

__all__ = [
    "Block",
    "BulletList",
    "ListItem",
    "Paragraph",
    "Source",
    "Table",
    "Term",
    "TermMatch",
    "Terms",
    "get",
    "lookup",
    "notes",
    "notes_for",
    "related",
    "terms",
    "terms_in",
]


# --------------------------------------------------------------------------- objects


@attrs.frozen(repr=False)
class Source(Card):
    """A source cited for a term, as printed; each part is ``None`` where the citation has none.

    ``text`` is the whole citation (without its URL); ``details`` what follows the year
    (pages, chapter, publisher).
    """

    text: str
    title: str | None = None
    author: str | None = None
    year: int | None = None
    details: str | None = None
    url: str | None = None


@attrs.frozen(repr=False)
class Term(Card):
    """A glossary entry.

    ``definition`` is the definition as plain text (a list or table in it is given one item
    or row a line; ``blocks`` keeps the structure). ``related_terms`` are the "Closely related
    terms" and ``not_synonymous_with`` the "Not synonymous with" terms, as printed; both are
    empty where the entry has none.
    """

    id: str
    term: str
    blocks: tuple[Block, ...] = attrs.field(converter=_tuple)
    related_terms: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    not_synonymous_with: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    sources: tuple[Source, ...] = attrs.field(default=(), converter=_tuple)
    related_terms_text: str | None = None

    @property
    def definition(self) -> str:
        """The definition as plain text."""
        return "\n".join(b.plain for b in self.blocks)

    @property
    def ref(self) -> str:
        """``"glossary:<id>"``: the ID source notes use for the term."""
        return f"glossary:{self.id}"

    @property
    def names(self) -> tuple[str, ...]:
        """The term's own names (see the matching rule): ``('Competency, Competent', 'Competency', 'Competent')``."""
        return _own_names(self.term)

    def related_entries(self) -> tuple[Term, ...]:
        """The glossary entries its closely related terms name (those that are entries themselves).

        >>> from edcompetencies import glossary
        >>> [t.term for t in glossary.lookup("Agency").related_entries()]
        ['Student-Ownership']
        """
        index = _own_index()
        found: list[Term] = []
        for name in self.related_terms:
            for variant in _related_names(name):
                hit = index.get(_key(variant))
                if hit is not None and hit not in found and hit != self:
                    found.append(hit)
        return tuple(found)

    def __repr__(self) -> str:
        return f"Term({self.term!r}, sources={len(self.sources)})"


class Terms(tuple[Term, ...], Tabular):
    """Glossary terms (a tuple of :class:`Term`) with the shared table verbs: :meth:`to_records`,
    :meth:`to_dataframe`, :meth:`to_csv`, :meth:`to_html`, :meth:`to_markdown`, :meth:`to_text`,
    :meth:`render`; what :func:`terms` and :func:`related` return.

    >>> from edcompetencies import glossary
    >>> glossary.terms().to_records()[0]["term"]
    'Anytime/Anywhere Learning'
    """

    __slots__ = ()

    columns = ("id", "term", "definition", "related_terms", "not_synonymous_with", "sources")

    def __repr__(self) -> str:
        return sequence_repr(self, (repr(t.term) for t in self))

    def _title(self) -> str:
        return "Glossary of terms"

    def to_records(self) -> list[dict[str, Any]]:
        """One row per term: ``id``, ``term``, ``definition`` (plain text), ``related_terms`` and
        ``not_synonymous_with`` (joined with ``"; "``, ``None`` when empty) and ``sources`` (the
        citations, one a line)."""
        return [
            {
                "id": t.id,
                "term": t.term,
                "definition": t.definition,
                "related_terms": "; ".join(t.related_terms) or None,
                "not_synonymous_with": "; ".join(t.not_synonymous_with) or None,
                "sources": "\n".join(s.text for s in t.sources) or None,
            }
            for t in self
        ]

    def to_text(self) -> str:
        """Each term and its definition, a blank line between terms."""
        blocks = []
        for t in self:
            lines = [t.term, *("    " + line for line in t.definition.split("\n"))]
            blocks.append("\n".join(lines) + "\n")
        return "\n".join(blocks)


@attrs.frozen(repr=False)
class TermMatch(Card):
    """A glossary term found in a text: ``text[start:end]`` is ``text`` (as written there).

    ``name`` is the term's name or closely related term that matched; ``related`` is True
    when it is a closely related term rather than one of the term's own names.
    """

    term: Term
    start: int
    end: int
    text: str
    name: str
    related: bool = False


# --------------------------------------------------------------------------- names and keys

_DASHES = "\\-\u2010\u2011\u2012\u2013\u2014"
_SEPARATORS = f"\\s{_DASHES}/"
_PUNCT = re.compile(r"[^\w\s]")


def _words(name: str) -> list[str]:
    text = re.sub(f"[{_SEPARATORS}]+", " ", name.casefold())
    return _PUNCT.sub(" ", text).split()


def _key(name: str) -> str:
    """The lookup key of a name: case, separators, punctuation and plurals ignored."""
    return " ".join(singular(w) for w in _words(name))


def _own_names(term: str) -> tuple[str, ...]:
    names = [term]
    if ", " in term:
        names += [part.strip() for part in term.split(",") if part.strip()]
    m = re.match(r"^(.*?)\s*\((.+)\)\s*$", term)
    if m:
        names += [m.group(1), f"{m.group(1)} {m.group(2)}"]
    return tuple(dict.fromkeys(names))


def _related_names(name: str) -> tuple[str, ...]:
    """A closely related term, and each alternative of a word printed with a slash."""
    names = [name]
    words = name.split(" ")
    for n, word in enumerate(words):
        if "/" in word:
            for alternative in word.split("/"):
                names.append(" ".join([*words[:n], alternative, *words[n + 1 :]]))
    return tuple(names)


# --------------------------------------------------------------------------- building


@cache
def _terms() -> tuple[Term, ...]:
    return tuple(
        Term(
            id=t["id"],
            term=t["term"],
            blocks=_toolkit_data.blocks_from(t["definition"]),
            related_terms=t["closely_related_terms"] or (),
            not_synonymous_with=t["not_synonymous_with"] or (),
            sources=[Source(**s) for s in t["sources"]],
            related_terms_text=t["related_terms_text"],
        )
        for t in _toolkit_data.data("glossary")["terms"]
    )


@cache
def _own_index() -> dict[str, Term]:
    index: dict[str, Term] = {}
    for term in _terms():
        for name in (*term.names, term.id):
            index.setdefault(_key(name), term)
    return index


@cache
def _related_index() -> dict[str, tuple[Term, ...]]:
    index: dict[str, list[Term]] = {}
    for term in _terms():
        for name in term.related_terms:
            for variant in _related_names(name):
                found = index.setdefault(_key(variant), [])
                if term not in found:
                    found.append(term)
    return {key: tuple(found) for key, found in index.items()}


# --------------------------------------------------------------------------- lookup


def terms() -> Terms:
    """Every glossary term, in printed order.

    >>> from edcompetencies import glossary
    >>> len(glossary.terms()), glossary.terms()[0].term
    (34, 'Anytime/Anywhere Learning')
    """
    return Terms(_terms())


def _strip_prefix(name: str) -> str:
    name = name.strip()
    return name[len("glossary:") :] if name.casefold().startswith("glossary:") else name


def lookup(name: str) -> Term:
    """The term with this name, or the one entry that lists it as a closely related term.

    Case, separators and plurals are ignored (see the matching rule above). An unknown name
    raises :class:`~edcompetencies.errors.UnknownTermError` (a ``LookupError``) with
    ``suggestions``; a closely related term of several entries raises it with ``candidates``
    (use :func:`related` to get them all).

    >>> from edcompetencies import glossary
    >>> glossary.lookup("student voice").term
    'Student Voice (and Choice)'
    >>> glossary.lookup("COMPETENT").term
    'Competency, Competent'
    >>> glossary.lookup("mastery-based education").term
    'Competency-Based Education'
    >>> glossary.lookup("ownership")
    Traceback (most recent call last):
    ...
    edcompetencies.errors.UnknownTermError: 'ownership' is a closely related term of several glossary entries: ...
    """
    if not isinstance(name, str):
        raise UnknownTermError(name)
    key = _key(_strip_prefix(name))
    own = _own_index().get(key)
    if own is not None:
        return own
    related_to = _related_index().get(key, ())
    if len(related_to) == 1:
        return related_to[0]
    if related_to:
        raise UnknownTermError(name, candidates=[t.term for t in related_to])
    names = {_key(n): n for t in _terms() for n in t.names}
    close = difflib.get_close_matches(key, list(names), n=3, cutoff=0.6)
    starts = [n for k, n in names.items() if key and (k.startswith(key) or key in k.split())]
    suggestions = list(dict.fromkeys([names[k] for k in close] + starts))[:3]
    raise UnknownTermError(name, suggestions)


def get(name: str, default: Term | None = None) -> Term | None:
    """:func:`lookup`, returning *default* (``None``) instead of raising."""
    try:
        return lookup(name)
    except UnknownTermError:
        return default


def related(name: str) -> Terms:
    """Every entry *name* leads to: the term itself, or each entry listing it as closely related.

    >>> from edcompetencies import glossary
    >>> [t.term for t in glossary.related("ownership")]
    ['Agency', 'Student Agency']
    >>> [t.term for t in glossary.related("learner-centered")]
    ['Learner-Centered', 'Student-Centered']
    """
    key = _key(_strip_prefix(name)) if isinstance(name, str) else ""
    found: list[Term] = []
    own = _own_index().get(key)
    if own is not None:
        found.append(own)
    found += [t for t in _related_index().get(key, ()) if t not in found]
    return Terms(found)


# --------------------------------------------------------------------------- finding terms in text


def _word_pattern(word: str) -> str:
    forms = {word, singular(word)}
    forms.add(plural(singular(word)))
    return "(?:" + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)) + ")"


def _name_pattern(name: str) -> re.Pattern[str] | None:
    words = _words(name)
    if not words:
        return None
    body = f"[{_SEPARATORS}]+".join(_word_pattern(w) for w in words)
    edge = f"\\w{_DASHES}"  # a letter, digit, hyphen or dash next to a match means it is part of a longer word
    return re.compile(f"(?<![{edge}]){body}(?![{edge}])", re.IGNORECASE)


@cache
def _patterns(related: bool) -> tuple[tuple[re.Pattern[str], str, tuple[Term, ...], bool], ...]:
    out: list[tuple[re.Pattern[str], str, tuple[Term, ...], bool]] = []
    seen: set[str] = set()
    for term in _terms():
        for name in term.names:
            pattern = _name_pattern(name)
            if pattern is not None and _key(name) not in seen:
                seen.add(_key(name))
                out.append((pattern, name, (term,), False))
    if related:
        for key, entries in _related_index().items():
            if key in seen:
                continue
            seen.add(key)
            name = next(v for t in entries for n in t.related_terms for v in _related_names(n) if _key(v) == key)
            pattern = _name_pattern(name)
            if pattern is not None:
                out.append((pattern, name, entries, True))
    return tuple(out)


def terms_in(text: str, *, related: bool = False) -> tuple[TermMatch, ...]:
    """The glossary terms used in *text*, in order, with their positions (for linking).

    Only a term's own names are found unless ``related=True``, which also finds closely
    related terms (a closely related term of several entries gives one match per entry, on
    the same span). Overlapping matches keep the longest.

    >>> import edcompetencies as ec
    >>> from edcompetencies import glossary
    >>> text = ec.load(2020)["instructional.4.b"].text
    >>> [(m.start, m.end, m.term.id) for m in glossary.terms_in(text)]
    [(99, 114, 'self-assessment')]
    >>> text[99:114]
    'self-assessment'
    >>> found = glossary.terms_in("Promote student agency and ownership", related=True)
    >>> [(m.text, m.term.term, m.related) for m in found]
    [('student agency', 'Student Agency', False), ('ownership', 'Agency', True), ('ownership', 'Student Agency', True)]
    """
    if not isinstance(text, str):
        raise ArgumentTypeError("glossary.terms_in()", "text", "a string", text)
    candidates: list[TermMatch] = []
    for pattern, name, entries, is_related in _patterns(related):
        for m in pattern.finditer(text):
            for term in entries:
                candidates.append(TermMatch(term, m.start(), m.end(), m.group(0), name, is_related))
    candidates.sort(key=lambda c: (-(c.end - c.start), c.start, c.related))
    kept: list[TermMatch] = []
    for c in candidates:
        clash = [k for k in kept if k.start < c.end and c.start < k.end]
        if not clash or all((k.start, k.end, k.related) == (c.start, c.end, True) and c.related for k in clash):
            kept.append(c)
    return tuple(sorted(kept, key=lambda c: (c.start, _terms().index(c.term))))


# --------------------------------------------------------------------------- notes


def notes() -> tuple[SourceNote, ...]:
    """The glossary's source notes."""
    return _toolkit_data.notes_of("glossary")


def notes_for(term: Term | str) -> tuple[SourceNote, ...]:
    """The glossary notes concerning a term (a :class:`Term` or a name).

    >>> from edcompetencies import glossary
    >>> [n.id for n in glossary.notes_for("Agency")]
    ['glossary-toshalis-spelling', 'glossary-agency-duplicate-definition']
    """
    resolved = term if isinstance(term, Term) else lookup(term)
    return tuple(n for n in notes() if resolved.ref in n.items)


def __dir__() -> list[str]:
    """The public names only (tab completion shows no ``re``, ``attrs`` or ``annotations``)."""
    return sorted(__all__)
