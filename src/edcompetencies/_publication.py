"""The publications' text around the framework: endnotes, sources, the User Guide, the 2015 overview.

Private core of :mod:`edcompetencies.publication` (and of ``toolkit.framework_sources()``,
``toolkit.user_guide()`` and ``toolkit.approach()``). It reads two packaged files,
``publication-2020.json`` and ``overview-2015.json`` (layout: ``docs/data-format-publication.md``),
through :func:`edcompetencies._toolkit_data.data` (the package's own loader, cached), and builds
frozen attrs objects from them. The files are the library's own, written by
``tools/transcribe_publication.py`` and checked by the test suite, so they are trusted here.

Layering: this module imports no capability module, so the model's conveniences may delegate to
it (``fw.endnotes``, ``domain.endnotes``) without an import circle.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import Any, overload

import attrs

from ._markup import Card, Tabular, html_escape, md_escape
from ._rules import MAX_DIGITS, ascii_number
from ._toolkit_data import data
from ._toolkit_data import tuple_of as _tuple
from .errors import ArgumentTypeError, UnknownChoiceError, UnknownEditionError

__all__ = [
    "EDITIONS",
    "SUPERSCRIPTS",
    "Approach",
    "Endnote",
    "FrameworkSource",
    "FrameworkSources",
    "Overview",
    "Passage",
    "Principles",
    "UserGuide",
    "UserGuideQuestion",
    "UserGuideStrategy",
    "approach",
    "endnote",
    "endnotes",
    "endnotes_in",
    "endnotes_of",
    "framework_sources",
    "marks_in",
    "note_records",
    "overview",
    "user_guide",
]

EDITIONS = (2015, 2020)
"""The editions whose publication text is packaged (2015: the overview; 2020: the rest)."""
SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
"""The superscript digits the publication's footnote marks are printed in, 0 to 9."""
_MARK = re.compile(f"[{SUPERSCRIPTS}]+")
_TO_ASCII = str.maketrans(SUPERSCRIPTS, "0123456789")
_KINDS = {2015: "overview", 2020: "publication"}


def _short(text: str, width: int = 48) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _superscript(number: int) -> str:
    return "".join(SUPERSCRIPTS[int(d)] for d in str(number))


def _edition(edition: object, function: str) -> int:
    """The edition as an int (``2020``, ``"2020"``), or the library's error."""
    if isinstance(edition, bool) or not isinstance(edition, int | str):
        raise ArgumentTypeError(function, "edition", "an edition year (an int or a string)", edition)
    number = ascii_number(str(edition).strip())
    if number not in EDITIONS:
        raise UnknownEditionError(edition, EDITIONS)
    return number


# --------------------------------------------------------------------------- passages


@attrs.frozen(repr=False)
class Passage(Card):
    """A paragraph as printed, with the list items that follow it (``items``, often empty)."""

    text: str
    items: tuple[str, ...] = attrs.field(default=(), converter=_tuple)

    def __repr__(self) -> str:
        more = f", {len(self.items)} items" if self.items else ""
        return f"Passage({_short(self.text)!r}{more})"

    def to_text(self) -> str:
        """The paragraph, then one ``- item`` line per item."""
        return "\n".join([self.text, *(f"- {item}" for item in self.items)])

    def to_markdown(self) -> str:
        """The paragraph and its items as Markdown, every text escaped."""
        lines = [md_escape(self.text)]
        if self.items:
            lines += ["", *(f"- {md_escape(item)}" for item in self.items)]
        return "\n".join(lines)

    def _html(self) -> str:
        out = f"<p>{html_escape(self.text)}</p>"
        if self.items:
            out += "<ul>" + "".join(f"<li>{html_escape(i)}</li>" for i in self.items) + "</ul>"
        return out


# --------------------------------------------------------------------------- endnotes


@attrs.frozen(repr=False)
class Endnote(Card):
    """An endnote of the 2020 edition, as printed.

    ``text`` is the note (its URLs included, as printed) and ``urls`` the URLs in it; ``section``
    the printed heading under which its mark stands, ``context`` the sentence that carries the
    mark, and ``references`` the IDs of the library's texts that carry it: a domain
    (``"2020:intrapersonal"``), a theme (``"theme:SE"``) or an In the field example
    (``"in-the-field:main-text-6"``). An endnote referred to from text the library does not
    transcribe (the Introduction) has no references.
    """

    number: int
    text: str
    urls: tuple[str, ...] = attrs.field(converter=_tuple)
    section: str
    context: str
    references: tuple[str, ...] = attrs.field(converter=_tuple)

    @property
    def mark(self) -> str:
        """The mark as printed in the text, e.g. ``"¹⁰"``."""
        return _superscript(self.number)

    @property
    def ref(self) -> str:
        """``"endnote:<number>"``: the ID source notes use."""
        return f"endnote:{self.number}"

    def __repr__(self) -> str:
        return f"Endnote({self.number}, {_short(self.text)!r})"


@cache
def _endnotes() -> tuple[Endnote, ...]:
    return tuple(Endnote(**e) for e in data("publication")["endnotes"]["endnotes"])


def endnotes(edition: int | str = 2020) -> tuple[Endnote, ...]:
    """The endnotes of an edition, in printed order (the 2015 edition's copy has none).

    >>> from edcompetencies import publication
    >>> notes = publication.endnotes(2020)
    >>> len(notes), notes[9]
    (14, Endnote(10, 'CASEL. What is SEL? Retrieved from https://case…'))
    >>> publication.endnotes(2015)
    ()
    """
    return _endnotes() if _edition(edition, "endnotes()") == 2020 else ()


def endnote(number: int, edition: int | str = 2020) -> Endnote:
    """The endnote with this number, or :class:`~edcompetencies.errors.UnknownChoiceError`.

    >>> from edcompetencies import publication
    >>> publication.endnote(14).references
    ('in-the-field:main-text-6',)
    """
    found = endnotes(edition)
    if isinstance(number, bool) or not isinstance(number, int):
        raise ArgumentTypeError("endnote()", "number", "an endnote number (an int)", number)
    for note in found:
        if note.number == number:
            return note
    raise UnknownChoiceError("endnote", number, [n.number for n in found])


def _runs(text: str, function: str) -> tuple[str, ...]:
    """The runs of superscript digits in *text*, in order, each once."""
    if not isinstance(text, str):
        raise ArgumentTypeError(function, "text", "a string", text)
    return tuple(dict.fromkeys(m.group() for m in _MARK.finditer(text)))


def marks_in(text: str) -> tuple[int, ...]:
    """The numbers of the footnote marks (superscript digits) in a text, in order, each once.

    A run of more than :data:`~edcompetencies._rules.MAX_DIGITS` superscript digits is no
    mark's number and is left out (:func:`endnotes_in` reports it).

    >>> from edcompetencies import publication
    >>> publication.marks_in("goals.”¹¹ It includes … habits).¹³")
    (11, 13)
    """
    numbers = (ascii_number(run.translate(_TO_ASCII)) for run in _runs(text, "marks_in()"))
    return tuple(dict.fromkeys(n for n in numbers if n is not None))


def endnotes_in(text: str, edition: int | str = 2020) -> tuple[Endnote, ...]:
    """The endnotes a text's marks refer to, in the order of the marks.

    A mark with no endnote raises :class:`~edcompetencies.errors.UnknownChoiceError`.

    >>> import edcompetencies as ec
    >>> from edcompetencies import publication
    >>> publication.endnotes_in(ec.load(2020).domain("cognitive").description)
    (Endnote(13, 'Pellegrino, J. & Hilton, M., eds. (2012). Educa…'),)
    """
    found: list[Endnote] = []
    for run in _runs(text, "endnotes_in()"):
        number = ascii_number(run.translate(_TO_ASCII))
        if number is None:  # longer than any endnote number
            raise UnknownChoiceError("endnote", f"{run[:MAX_DIGITS]}…", [n.number for n in endnotes(edition)])
        note = endnote(number, edition)
        if note not in found:
            found.append(note)
    return tuple(found)


def endnotes_of(ref: str) -> tuple[Endnote, ...]:
    """The endnotes whose marks a library text carries, by the text's ID: a domain
    (``"2020:intrapersonal"``), a theme (``"theme:SE"``), an In the field example
    (``"in-the-field:main-text-6"``); ``()`` for any other ID.

    >>> from edcompetencies import publication
    >>> [n.number for n in publication.endnotes_of("2020:interpersonal")]
    [7, 12]
    """
    if not isinstance(ref, str):
        raise ArgumentTypeError("endnotes_of()", "ref", "an ID (a string)", ref)
    return tuple(n for n in _endnotes() if ref in n.references)


# --------------------------------------------------------------------------- Appendix B and C


@attrs.frozen(repr=False)
class Approach(Card):
    """Appendix B, Approach to Competencies Development: its text (the respondents table that ends
    it is :func:`edcompetencies.toolkit.respondents`)."""

    appendix: str
    title: str
    passages: tuple[Passage, ...] = attrs.field(converter=_tuple)

    @property
    def text(self) -> str:
        """The appendix's text, passages separated by blank lines."""
        return "\n\n".join(p.to_text() for p in self.passages)

    def __repr__(self) -> str:
        return f"Approach(appendix={self.appendix!r}, {len(self.passages)} passages)"


@cache
def approach() -> Approach:
    """Appendix B's approach text, as printed.

    >>> from edcompetencies import toolkit
    >>> a = toolkit.approach()
    >>> a
    Approach(appendix='B', 8 passages)
    >>> a.passages[5].items[0]
    'Better foreground and highlight issues of equity'
    """
    raw = data("publication")["approach"]
    return Approach(raw["appendix"], raw["title"], [Passage(**p) for p in raw["passages"]])


@attrs.frozen(repr=False)
class FrameworkSource(Card):
    """One of Appendix C's framework sources: who published it (``organisation``, and ``authors``
    where printed), when (``year``, ``month`` where printed), its ``title`` and ``url``; ``text`` is
    the citation as printed (without the URL)."""

    organisation: str
    authors: str | None
    year: int
    month: str | None
    title: str
    url: str
    text: str

    def __repr__(self) -> str:
        return f"FrameworkSource({self.organisation!r}, {self.year}, {_short(self.title)!r})"


@attrs.frozen(repr=False)
class FrameworkSources(Tabular):
    """Appendix C, Framework Sources: the twelve educator frameworks and standards the 2014
    competencies were cross-walked from, in printed order. Iterable, indexable, and tabular
    (``to_records()``, ``to_csv()``, ``to_markdown()``, ``to_html()`` ...)."""

    appendix: str
    title: str
    sources: tuple[FrameworkSource, ...] = attrs.field(converter=_tuple)

    columns = ("organisation", "authors", "year", "month", "title", "url")
    _style = "table{border-collapse:collapse}td,th{border:1px solid #999;padding:.3em;vertical-align:top}"

    def __iter__(self) -> Iterator[FrameworkSource]:
        return iter(self.sources)

    def __len__(self) -> int:
        return len(self.sources)

    @overload
    def __getitem__(self, index: int) -> FrameworkSource: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[FrameworkSource, ...]: ...
    def __getitem__(self, index: int | slice) -> FrameworkSource | tuple[FrameworkSource, ...]:
        return self.sources[index]

    def __repr__(self) -> str:
        return f"FrameworkSources(appendix={self.appendix!r}, {len(self.sources)} sources)"

    def to_records(self) -> list[dict[str, Any]]:
        """One row per source: organisation, authors, year, month, title, url."""
        return [{c: getattr(s, c) for c in self.columns} for s in self.sources]

    def to_text(self) -> str:
        """One source a line: the citation as printed, then its URL."""
        return "\n".join(f"{s.text} {s.url}" for s in self.sources)

    def _title(self) -> str:
        return f"Appendix {self.appendix}: Framework Sources"


@cache
def framework_sources() -> FrameworkSources:
    """Appendix C's twelve framework sources.

    >>> from edcompetencies import toolkit
    >>> sources = toolkit.framework_sources()
    >>> len(sources), sources[0]
    (12, FrameworkSource('Big Picture/The Met', 2014, 'Advisor Competencies'))
    >>> sources[8].authors, sources[8].month
    ('Barbara Cervone and Kathleen Cushman', 'October')
    """
    raw = data("publication")["framework_sources"]
    return FrameworkSources(raw["appendix"], raw["title"], [FrameworkSource(**s) for s in raw["sources"]])


# --------------------------------------------------------------------------- the User Guide


@attrs.frozen(repr=False)
class UserGuideStrategy(Card):
    """A strategy of the User Guide: its heading, its paragraphs, the resources it points to (set
    apart in the guide) and the IDs of the In the field examples printed under it
    (see :func:`edcompetencies.toolkit.in_the_field`)."""

    heading: str
    paragraphs: tuple[str, ...] = attrs.field(converter=_tuple)
    resources: tuple[str, ...] = attrs.field(converter=_tuple)
    in_the_field: tuple[str, ...] = attrs.field(converter=_tuple)

    def __repr__(self) -> str:
        return f"UserGuideStrategy({_short(self.heading)!r})"


@attrs.frozen(repr=False)
class UserGuideQuestion(Card):
    """One of the User Guide's two questions, with its strategies."""

    heading: str
    strategies: tuple[UserGuideStrategy, ...] = attrs.field(converter=_tuple)

    def __repr__(self) -> str:
        return f"UserGuideQuestion({_short(self.heading)!r}, {len(self.strategies)} strategies)"


@attrs.frozen(repr=False)
class UserGuide(Tabular):
    """The User Guide, "Who should use the Educator Competencies and how?": its introduction, its
    purpose (ending in the ``reminders``), and its two questions with their strategies.

    Tabular: one record per strategy (``to_records()``, ``to_csv()``, ...); ``to_text()``,
    ``to_markdown()`` and ``to_html()`` give the whole guide.
    """

    title: str
    introduction: tuple[Passage, ...] = attrs.field(converter=_tuple)
    purpose_heading: str
    purpose: tuple[Passage, ...] = attrs.field(converter=_tuple)
    questions: tuple[UserGuideQuestion, ...] = attrs.field(converter=_tuple)

    columns = ("question", "strategy", "text", "resources", "in_the_field")
    _style = "h2{font-size:1.2em}h3{font-size:1em}"

    @property
    def reminders(self) -> tuple[str, ...]:
        """The five things "It is always important to" do, as printed."""
        return self.purpose[-1].items

    @property
    def strategies(self) -> tuple[UserGuideStrategy, ...]:
        """Every strategy, in printed order."""
        return tuple(s for q in self.questions for s in q.strategies)

    def __repr__(self) -> str:
        return f"UserGuide({len(self.questions)} questions, {len(self.strategies)} strategies)"

    def to_records(self) -> list[dict[str, Any]]:
        """One row per strategy: its question, heading, paragraphs, resources and example IDs
        (several joined by blank lines, resp. spaces)."""
        return [
            {
                "question": q.heading,
                "strategy": s.heading,
                "text": "\n\n".join(s.paragraphs),
                "resources": "\n\n".join(s.resources),
                "in_the_field": " ".join(s.in_the_field),
            }
            for q in self.questions
            for s in q.strategies
        ]

    def to_text(self) -> str:
        """The whole guide as plain text (the In the field examples by ID)."""
        parts = [self.title, *(p.to_text() for p in self.introduction), self.purpose_heading]
        parts += [p.to_text() for p in self.purpose]
        for q in self.questions:
            parts.append(q.heading)
            for s in q.strategies:
                parts += [s.heading, *s.paragraphs, *s.resources]
                parts += [f"(In the field: {i})" for i in s.in_the_field]
        return "\n\n".join(parts)

    def to_markdown(self) -> str:
        """The whole guide as Markdown, every text escaped."""
        parts = [f"# {md_escape(self.title)}", *(p.to_markdown() for p in self.introduction)]
        parts += [f"## {md_escape(self.purpose_heading)}", *(p.to_markdown() for p in self.purpose)]
        for q in self.questions:
            parts.append(f"## {md_escape(q.heading)}")
            for s in q.strategies:
                parts += [f"### {md_escape(s.heading)}", *(md_escape(p) for p in s.paragraphs)]
                parts += [f"> {md_escape(r)}" for r in s.resources]
                parts += [f"*In the field: {md_escape(i)}*" for i in s.in_the_field]
        return "\n\n".join(parts)

    def _html_body(self) -> str:
        out = [f"<h1>{html_escape(self.title)}</h1>", *(p._html() for p in self.introduction)]
        out += [f"<h2>{html_escape(self.purpose_heading)}</h2>", *(p._html() for p in self.purpose)]
        for q in self.questions:
            out.append(f"<h2>{html_escape(q.heading)}</h2>")
            for s in q.strategies:
                out.append(f"<h3>{html_escape(s.heading)}</h3>")
                out += [f"<p>{html_escape(p)}</p>" for p in s.paragraphs]
                out += [f"<blockquote>{html_escape(r)}</blockquote>" for r in s.resources]
                out += [f"<p><em>In the field: {html_escape(i)}</em></p>" for i in s.in_the_field]
        return '<div class="edc edc-guide">\n' + "\n".join(out) + "\n</div>"

    def _title(self) -> str:
        return self.title


@cache
def user_guide() -> UserGuide:
    """The User Guide's body (its In the field boxes are :func:`edcompetencies.toolkit.in_the_field`).

    >>> from edcompetencies import toolkit
    >>> guide = toolkit.user_guide()
    >>> guide
    UserGuide(2 questions, 12 strategies)
    >>> guide.reminders[0]
    'Acknowledge and plan for the time deep-change work entails'
    >>> guide.strategies[1].heading, guide.strategies[1].in_the_field
    ('Crosswalk with standards for teaching.', ('user-guide-1',))
    """
    raw = data("publication")["user_guide"]
    return UserGuide(
        raw["title"],
        [Passage(**p) for p in raw["introduction"]],
        raw["purpose"]["heading"],
        [Passage(**p) for p in raw["purpose"]["passages"]],
        [
            UserGuideQuestion(
                q["heading"],
                [UserGuideStrategy(**s) for s in q["strategies"]],
            )
            for q in raw["questions"]
        ],
    )


# --------------------------------------------------------------------------- the 2015 overview


@attrs.frozen(repr=False)
class Principles(Card):
    """A list of principles as printed: the ``introduction`` that leads into them, the
    principles (``items``) and, where printed, a ``conclusion``. Iterable over the principles."""

    heading: str | None
    introduction: Passage
    conclusion: Passage | None

    @property
    def items(self) -> tuple[str, ...]:
        """The principles, in printed order."""
        return self.introduction.items

    def __iter__(self) -> Iterator[str]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def __repr__(self) -> str:
        return f"Principles({self.heading!r}, {len(self.items)} items)"


@attrs.frozen(repr=False)
class Overview(Card):
    """The 2015 edition's overview page, as far as it is transcribed: the four key principles of
    student-centered learning and the Guiding Principles."""

    edition: int
    title: str
    key_principles: Principles
    guiding_principles: Principles

    def __repr__(self) -> str:
        key, guiding = len(self.key_principles), len(self.guiding_principles)
        return f"Overview({self.edition}, {key} key principles, {guiding} guiding principles)"


def _principles(raw: dict[str, Any]) -> Principles:
    conclusion = raw["conclusion"]
    return Principles(
        raw["heading"], Passage(**raw["introduction"]), Passage(**conclusion) if conclusion is not None else None
    )


@cache
def _overview_2015() -> Overview:
    raw = data("overview")
    return Overview(
        raw["edition"], raw["title"], _principles(raw["key_principles"]), _principles(raw["guiding_principles"])
    )


def overview(edition: int | str = 2015) -> Overview | None:
    """The overview of an edition: the 2015 one (principles), ``None`` for 2020 (not transcribed).

    >>> from edcompetencies import publication
    >>> o = publication.overview(2015)
    >>> o
    Overview(2015, 4 key principles, 6 guiding principles)
    >>> list(o.key_principles)
    ['Learning is personalized', 'Learning is competency based',
     'Learning takes place anytime, anywhere', 'Students have agency and ownership over their learning']
    """
    return _overview_2015() if _edition(edition, "overview()") == 2015 else None


# --------------------------------------------------------------------------- notes


def note_records(edition: int | str) -> tuple[dict[str, Any], ...]:
    """The source notes of the edition's publication file, as decoded JSON (``id``, ``kind``,
    ``items``, ``text``, ``source``): :mod:`edcompetencies.publication` makes them SourceNotes."""
    return tuple(data(_KINDS[_edition(edition, "notes()")])["notes"])
