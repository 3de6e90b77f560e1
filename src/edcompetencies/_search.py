"""Full-text search over a framework's items: ranked hits with the words that matched.

The query is split into words (a ``"quoted phrase"`` stays one term). Matching ignores case,
accents, curly versus straight quotes and the hyphens inside words, and a query word
matches the same word, its plural or singular (``learner`` / ``learners``, ``strategy`` /
``strategies``) or, from three letters on, a longer word it begins (``trauma`` finds
``trauma-informed`` and ``traumatic``).

Ranking: items that match more of the query's terms first; then by score (an exact match
counts 1, a plural or singular 0.9, a word it begins 0.6, a repeat 0.1 more, the title or
statement of a competency the same as an indicator's text); ties in document order.
"""

from __future__ import annotations

import re
import unicodedata
import weakref
from collections.abc import Callable, Iterator, Sequence
from typing import overload

import attrs

from ._markup import Tabular, html_escape, html_fragment, md_escape
from ._model import Competency, Domain, Framework, Item, _theme_codes, require_framework
from ._rules import one_or_many
from ._views import COLUMN_TYPES, KINDS, html_code, md_code_after, text_code, text_tags
from ._words import singular
from .errors import ArgumentTypeError, UnknownChoiceError

__all__ = ["SEARCH_COLUMNS", "SearchHit", "SearchResults", "search"]

SEARCH_COLUMNS = ("rank", "id", "kind", "score", "terms", "matched", "field", "themes", "text", "code")
"""The columns of :meth:`SearchResults.to_records`, in order (the publisher's ``code`` last, as in
:meth:`Framework.to_records`)."""

_WORD = re.compile(r"\w+")
_TERM = re.compile(r'"([^"]*)"|(\S+)')
MODES = ("all", "any")
"""How the terms of a query combine: an item matches ``all`` of them (the default) or ``any``."""

_EXACT, _INFLECTED, _PREFIX, _REPEAT = 1.0, 0.9, 0.6, 0.1


def _fold(text: str) -> str:
    """Casefold and strip accents, keeping one character per character (positions stay valid)."""
    out = []
    for ch in text:
        base = unicodedata.normalize("NFKD", ch)
        kept = "".join(c for c in base if not unicodedata.combining(c))
        out.append(kept[:1].casefold()[:1] if len(kept) >= 1 else ch)
    return "".join(out)


@attrs.frozen
class _Token:
    word: str
    stem: str
    start: int
    end: int


def _tokens(text: str) -> list[_Token]:
    folded = _fold(text)
    return [_Token(m.group(), singular(m.group()), m.start(), m.end()) for m in _WORD.finditer(folded)]


def _terms(query: str) -> list[tuple[str, ...]]:
    """The query's terms, each a tuple of folded words (a phrase has several)."""
    terms: list[tuple[str, ...]] = []
    for m in _TERM.finditer(query.replace("“", '"').replace("”", '"')):
        words = tuple(w.group() for w in _WORD.finditer(_fold(m.group(1) if m.group(1) is not None else m.group(2))))
        if words and words not in terms:
            terms.append(words)
    return terms


def _weight(word: str, stem: str, token: _Token, last: bool) -> float:
    if token.word == word:
        return _EXACT
    if token.stem == stem:
        return _INFLECTED
    # only the last word of a phrase (or a lone word) may be the start of a longer word
    if last and len(word) >= 3 and token.word.startswith(word):
        return _PREFIX
    return 0.0


def _match(term: tuple[str, ...], tokens: tuple[_Token, ...]) -> list[tuple[float, int, int]]:
    """Every occurrence of *term* in *tokens*: (weight, start, end)."""
    found = []
    n = len(term)
    words = [(w, singular(w), k == n - 1) for k, w in enumerate(term)]
    first, first_stem, first_last = words[0]
    for i in range(len(tokens) - n + 1):
        if not _weight(first, first_stem, tokens[i], first_last):  # the cheap test first
            continue
        weights = [_weight(w, stem, tokens[i + k], last) for k, (w, stem, last) in enumerate(words)]
        if all(weights):
            found.append((min(weights), tokens[i].start, tokens[i + n - 1].end))
    return found


@attrs.frozen
class SearchHit:
    """One item that matched a search: the item, its score and what matched where.

    ``words`` are the matched passages as they stand in the text (``"Trauma-informed"``);
    ``spans`` their ``(start, end)`` positions in ``field`` - ``"text"`` (an indicator's text,
    a competency's statement, a domain's description) or ``"title"`` (a 2015 short title).
    ``terms`` counts the query terms the item matched.
    """

    item: Item
    score: float
    terms: int
    words: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]
    field: str = "text"

    @property
    def id(self) -> str:
        """The item's ID."""
        return self.item.id

    @property
    def text(self) -> str:
        """The text the spans point into."""
        if self.field == "title":
            assert isinstance(self.item, Competency) and self.item.title is not None
            return self.item.title
        return self.item.text

    def highlight(self, before: str = "[", after: str = "]") -> str:
        """The text with every match wrapped in *before* / *after*.

        >>> import edcompetencies as ec
        >>> ec.load(2020).search("trauma-informed")[0].highlight("**", "**")
        'Be prepared to embody the fundamental features of **trauma-informed** schools:'
        """
        return _marked(self, before, after, str)

    def _repr_html_(self) -> str:
        return html_fragment(f'<div class="edc edc-hit">{_hit_html(self)}</div>')


def _marked(hit: SearchHit, before: str, after: str, escape: Callable[[str], str]) -> str:
    """The hit's text, escaped for its format, with each match between *before* and *after*."""
    text, out, last = hit.text, [], 0
    for start, end in hit.spans:
        out += [escape(text[last:start]), before, escape(text[start:end]), after]
        last = end
    out.append(escape(text[last:]))
    return "".join(out)


def _hit_html(hit: SearchHit) -> str:
    code = html_code(hit.item.code) or " "
    return f"<div><code>{html_escape(hit.id)}</code>{code}{_marked(hit, '<mark>', '</mark>', html_escape)}</div>"


class SearchResults(Tabular, Sequence[SearchHit]):
    """The ranked hits of :meth:`Framework.search`: a sequence of :class:`SearchHit`.

    Displays as a table in a notebook, and has the verbs of every tabular result:
    ``to_records()``, ``to_dataframe()``, ``to_csv()``, ``to_jsonl()``, ``to_text()``,
    ``to_markdown()``, ``to_html()`` and ``render(format="text")``.

    >>> import edcompetencies as ec
    >>> hits = ec.load(2020).search("trauma", limit=2)
    >>> hits.to_csv().splitlines()[0]
    'rank,id,kind,score,terms,matched,field,themes,text,code'
    >>> [(row["rank"], row["id"], row["matched"]) for row in hits.to_records()]
    [(1, '2020:intrapersonal.5.b', 'trauma'), (2, '2020:interpersonal.1.e', 'trauma')]
    """

    __slots__ = ("_hits", "edition", "query")

    columns = SEARCH_COLUMNS
    _column_types = COLUMN_TYPES  # as Framework.to_dataframe's: kind an ordered Categorical, code text

    def __init__(self, query: str, edition: int | str, hits: Sequence[SearchHit]) -> None:
        self.query = query
        self.edition = edition
        self._hits = tuple(hits)

    @overload
    def __getitem__(self, index: int) -> SearchHit: ...

    @overload
    def __getitem__(self, index: slice) -> SearchResults: ...

    def __getitem__(self, index: int | slice) -> SearchHit | SearchResults:
        if isinstance(index, slice):
            return SearchResults(self.query, self.edition, self._hits[index])
        return self._hits[index]

    def __len__(self) -> int:
        return len(self._hits)

    def __iter__(self) -> Iterator[SearchHit]:
        return iter(self._hits)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, SearchResults):
            return (self.query, self.edition, self._hits) == (other.query, other.edition, other._hits)
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self.query, self.edition, self._hits))

    def __repr__(self) -> str:
        ids = ", ".join(h.id for h in self._hits[:5]) + (", ..." if len(self._hits) > 5 else "")
        return f"<SearchResults {self.query!r} in {self.edition}: {len(self._hits)} hits [{ids}]>"

    @property
    def ids(self) -> tuple[str, ...]:
        """The IDs of the hits, best first."""
        return tuple(h.id for h in self._hits)

    def to_records(self) -> list[dict[str, object]]:
        """One row per hit: rank, id, kind, score, terms, matched words, field, themes, text and the
        item's ``code`` (the publisher's, ``None`` in the packaged editions)."""
        return [
            {
                "rank": rank,
                "id": hit.id,
                "kind": hit.item.kind,
                "score": round(hit.score, 4),
                "terms": hit.terms,
                "matched": " | ".join(hit.words),
                "field": hit.field,
                "themes": _theme_codes(getattr(hit.item, "themes", frozenset())),
                "text": hit.text,
                "code": hit.item.code,
            }
            for rank, hit in enumerate(self._hits, 1)
        ]

    def to_text(self) -> str:
        """The hits as plain text, matches in ``[...]``."""
        lines = [f"{len(self._hits)} hits for {self.query!r} in {self.edition}"]
        for hit in self._hits:
            tags = text_tags(getattr(hit.item, "themes", frozenset()))
            lines.append(f"{hit.id}{text_code(hit.item.code)}  ({', '.join(hit.words)}){tags}")
            lines.append("    " + hit.highlight())
        return "\n".join(lines) + "\n"

    def to_markdown(self) -> str:
        """The hits as a Markdown list, matches in ``**...**``."""
        lines = [f"{len(self._hits)} hits for “{md_escape(self.query)}” in {self.edition}", ""]
        lines += [
            f"- `{hit.id}`{md_code_after(hit.item.code)} {_marked(hit, '**', '**', md_escape)}" for hit in self._hits
        ]
        return "\n".join(lines) + "\n"

    def _title(self) -> str:
        return f"{len(self._hits)} hits for “{self.query}” in {self.edition}"

    def _html_body(self) -> str:
        rows = "".join(
            f"<tr><td>{rank}</td><td>{_hit_html(hit)}</td><td>{hit.score:.2f}</td></tr>"
            for rank, hit in enumerate(self._hits, 1)
        )
        return (
            f'<div class="edc edc-search"><p>{len(self._hits)} hits for <b>{html_escape(self.query)}</b> in '
            f"{html_escape(str(self.edition))}"
            f"</p><table><thead><tr><th>#</th><th>item</th><th>score</th></tr></thead><tbody>{rows}</tbody>"
            "</table></div>"
        )


def _fields(item: Item) -> list[tuple[str, str]]:
    fields = [("text", item.text)]
    if isinstance(item, Competency) and item.title:
        fields.append(("title", item.title))
    if isinstance(item, Domain) and item.description is None:
        fields = [("text", item.name)]
    return fields


# The folded tokens of every field of every item, per framework: computed once, then shared by
# every search of that framework (a framework is immutable; the entry goes with it).
_Index = tuple[tuple[Item, tuple[tuple[str, str, tuple[_Token, ...]], ...]], ...]
_INDEXES: weakref.WeakKeyDictionary[Framework, _Index] = weakref.WeakKeyDictionary()


def _index(fw: Framework) -> _Index:
    index = _INDEXES.get(fw)
    if index is None:
        index = tuple(
            (item, tuple((field, text, tuple(_tokens(text))) for field, text in _fields(item))) for item in fw.items()
        )
        _INDEXES[fw] = index
    return index


def search(
    fw: Framework,
    query: str,
    *,
    match: str = "all",
    kinds: str | Sequence[str] | None = None,
    limit: int | None = None,
    mode: str | None = None,
) -> SearchResults:
    """The implementation of :meth:`Framework.search` (see there); *mode* is *match*'s older name."""
    if mode is not None:
        if match not in ("all", mode):
            raise UnknownChoiceError("match (mode= is its older name; give one)", (match, mode), ("match=", "mode="))
        match = mode
    require_framework("search()", fw)
    if not isinstance(query, str):
        raise UnknownChoiceError("query", query, ["a string of words or quoted phrases"])
    if match not in MODES:
        raise UnknownChoiceError("match", match, MODES)
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int)):
        raise ArgumentTypeError("search()", "limit", "a whole number or None", limit)
    if limit is not None and limit < 0:
        raise UnknownChoiceError("limit", limit, ["a whole number from 0", "None (every hit)"])
    wanted_kinds = one_or_many(kinds, "search()", "kinds") or KINDS
    for kind in wanted_kinds:
        if kind not in KINDS:
            raise UnknownChoiceError("kind", kind, KINDS)
    terms = _terms(query)
    if not terms:
        return SearchResults(query, fw.edition, ())
    scored: list[tuple[int, float, int, SearchHit]] = []
    for order, (item, fields) in enumerate(_index(fw)):
        if item.kind not in wanted_kinds:
            continue
        best: tuple[int, float, SearchHit] | None = None
        for field, text, tokens in fields:
            matched, score = 0, 0.0
            spans: list[tuple[int, int]] = []
            for term in terms:
                found = _match(term, tokens)
                if found:
                    matched += 1
                    score += max(w for w, _, _ in found) + _REPEAT * (len(found) - 1)
                    spans += [(s, e) for _, s, e in found]
            # one hit per item: the field matching the most terms, then the best score (the text on a tie)
            if matched and (best is None or (matched, score) > best[:2]):
                merged = _merge(spans)
                hit = SearchHit(
                    item=item,
                    score=score,
                    terms=matched,
                    words=tuple(dict.fromkeys(text[s:e] for s, e in merged)),
                    spans=tuple(merged),
                    field=field,
                )
                best = (matched, score, hit)
        if best is None or (match == "all" and best[0] < len(terms)):
            continue
        scored.append((-best[0], -best[1], order, best[2]))
    scored.sort(key=lambda row: row[:3])
    hits = [row[3] for row in scored]
    return SearchResults(query, fw.edition, hits[:limit] if limit is not None else hits)


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
