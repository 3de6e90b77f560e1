"""The 2020 Crosswalk of InTASC Model Core Teaching Standards, as data you can traverse.

The 2020 toolkit relates the ten InTASC Model Core Teaching Standards (2013) to the
competencies in two parts:

* **part one** relates each 2020 *domain* to its related standards (a domain-level alignment);
* **part two** gives, for each standard, the "Areas of Emphasis for Personalized Learning"
  and the related 2020 *competencies* (a competency-level alignment).

Every :class:`Alignment` says which part it comes from. The crosswalk quotes each
standard's statement and its performances (``4(a)`` ...), not InTASC's essential knowledge
or dispositions, and does not group the standards: the library adds nothing the source lacks.

>>> from edcompetencies import crosswalk
>>> s = crosswalk.standard(6)
>>> s.title, len(s.performances)
('Assessment', 9)
>>> [c.id for c in crosswalk.competencies_for(10)]
['2020:intrapersonal.4', '2020:interpersonal.4']
>>> [p.label for p in crosswalk.emphasis(6).performances]
['6(a)', '6(e)', '6(g)']

The 2015 edition's own crosswalk (its Appendix D) is not in the source. A view derived
through the curated 2015 -> 2020 lineage (:func:`edcompetencies.lineage`) is offered on
request (``derived=True``); derived alignments say so (``derived``, ``via``, ``provenance``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from typing import TYPE_CHECKING, Any, ClassVar

import attrs

from . import _toolkit_data
from ._lineage import lineage
from ._loading import _edition_number, load
from ._markup import Card, ColumnType, Tabular, sequence_repr
from ._model import Competency, Domain, Framework, Indicator, Item, SourceNote
from ._packaged import edition_number
from ._rules import ascii_number
from ._sssom import crosswalk_table
from ._toolkit_data import Section
from ._toolkit_data import tuple_of as _tuple
from .errors import (
    ArgumentTypeError,
    MissingExtraError,
    NotPublishedError,
    UnknownChoiceError,
    UnknownItemError,
    UnknownStandardError,
)
from .pictures import Picture
from .pictures import heatmap as _heatmap

if TYPE_CHECKING:  # pragma: no cover
    import networkx  # type: ignore[import-untyped, unused-ignore]
    import pandas  # type: ignore[import-untyped, unused-ignore]

__all__ = [
    "PARTS",
    "Alignment",
    "Alignments",
    "Emphasis",
    "Performance",
    "Section",
    "Standard",
    "alignments",
    "alignments_for",
    "competencies_for",
    "domains_for",
    "emphasis",
    "graph",
    "heatmap",
    "introduction",
    "notes",
    "notes_for",
    "performance",
    "standard",
    "standards",
    "standards_for",
    "standards_for_domain",
    "to_dataframe",
    "to_records",
    "to_sssom",
]

PARTS = ("one", "two")
"""The crosswalk's two parts: ``"one"`` (domain -> standards) and ``"two"`` (standard -> competencies)."""

_STANDARD_KEY = re.compile(r"(?:intasc:|#|standard\s*#?)?\s*([0-9]+)", re.IGNORECASE | re.ASCII)
_PERFORMANCE_KEY = re.compile(r"(?:intasc:)?\s*([0-9]+)\s*\(\s*([a-z])\s*\)", re.IGNORECASE | re.ASCII)


# --------------------------------------------------------------------------- objects


@attrs.frozen(repr=False)
class Performance(Card):
    """A performance of an InTASC standard, as the crosswalk quotes it.

    ``label`` is InTASC's own (``"4(a)"``): the standard's number and the letter.
    """

    label: str
    text: str
    standard: int

    @property
    def letter(self) -> str:
        """The performance's letter, e.g. ``"a"``."""
        return self.label[self.label.index("(") + 1 : -1]

    @property
    def id(self) -> str:
        """``"intasc:4(a)"``: the ID source notes use."""
        return f"intasc:{self.label}"


@attrs.frozen(repr=False)
class Standard(Card):
    """An InTASC Model Core Teaching Standard as the 2020 crosswalk quotes it.

    ``statement`` is part two's quotation (part one quotes some standards slightly
    differently; see the note ``crosswalk-standard-statement-variants``); ``heading`` is
    part two's heading as printed; ``performances`` are the ones the crosswalk quotes.
    """

    number: int
    title: str
    statement: str
    performances: tuple[Performance, ...] = attrs.field(converter=_tuple)
    heading: str

    @property
    def id(self) -> str:
        """``"intasc:4"``: the ID source notes use."""
        return f"intasc:{self.number}"

    def performance(self, key: str) -> Performance:
        """One of this standard's performances, by label (``"4(a)"``) or letter (``"a"``)."""
        if isinstance(key, str):
            wanted = key.strip().lower()
            for p in self.performances:
                if wanted in (p.label, p.letter, p.id):
                    return p
        raise UnknownStandardError(key, [p.label for p in self.performances], what="performance")

    def __repr__(self) -> str:
        return f"Standard({self.number}, {self.title!r}, performances={len(self.performances)})"


@attrs.frozen(repr=False)
class Alignment(Card):
    """One link of the crosswalk between a standard and a domain (part one) or a competency (part two).

    ``quoted_standard`` is part one's quotation of the standard's statement (part one only);
    ``quoted_item`` is part two's quotation of the competency, kept as printed (part two only);
    ``resolution`` says how that quotation was resolved to ``item`` and ``match`` how its
    wording compares with the main text (see ``docs/data-format-toolkit.md``).

    A derived alignment (a 2015 item, through the curated lineage) has ``derived_from``, the
    published alignment it rests on, ``via``, the lineage path from ``item`` to that
    alignment's item, and ``relation``, the lineage relation. It is never published text.
    """

    standard: int
    item: str
    part: str
    quoted_standard: str | None = None
    quoted_item: str | None = None
    resolution: str | None = None
    match: str | None = None
    via: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    relation: str | None = None
    derived_from: Alignment | None = None

    @property
    def level(self) -> str:
        """``"domain"`` (part one) or ``"competency"`` (part two)."""
        return "domain" if self.part == "one" else "competency"

    @property
    def derived(self) -> bool:
        """True for an alignment derived through the lineage rather than published."""
        return self.derived_from is not None

    @property
    def edition(self) -> int:
        """The edition of ``item`` (2020, or 2015 for a derived alignment)."""
        return int(self.item.partition(":")[0])

    @property
    def provenance(self) -> str:
        """Where the alignment comes from, in words."""
        if self.derived_from is not None:
            path = " -> ".join(self.via)
            return (
                f"derived, not published: {path} ({self.relation}) in the curated 2015 -> 2020 lineage, "
                f"then Crosswalk Part {self.derived_from.part.title()} of the 2020 edition"
            )
        return f"published: Crosswalk Part {self.part.title()} of the 2020 edition"

    def __repr__(self) -> str:
        derived = ", derived" if self.derived else ""
        return f"Alignment(standard={self.standard}, item={self.item!r}, part={self.part!r}{derived})"


class Alignments(tuple[Alignment, ...], Tabular):
    """Crosswalk links (a tuple of :class:`Alignment`) with the shared table verbs: :meth:`to_records`,
    :meth:`to_dataframe`, :meth:`to_csv`, :meth:`to_html`, :meth:`to_markdown`, :meth:`to_text`,
    :meth:`render`; what :func:`alignments` and :func:`alignments_for` return.

    >>> from edcompetencies import crosswalk
    >>> print(crosswalk.alignments_for(10).render("csv").splitlines()[1][:40])
    2020,one,domain,10,Leadership and Collab
    """

    __slots__ = ()

    columns = (
        "edition",
        "part",
        "level",
        "standard",
        "standard_title",
        "item",
        "item_kind",
        "domain",
        "competency_number",
        "item_text",
        "quoted_standard",
        "quoted_item",
        "resolution",
        "match",
        "derived",
        "via",
        "relation",
    )

    _column_types: ClassVar[Mapping[str, ColumnType]] = {"part": ("one", "two"), "item_kind": ("domain", "competency")}

    def __repr__(self) -> str:
        return sequence_repr(self, (f"{a.standard}~{a.item}" for a in self))

    def _title(self) -> str:
        return "InTASC crosswalk links"

    def to_records(self) -> list[dict[str, Any]]:
        """One row per alignment (see :func:`to_records`)."""
        rows = []
        for a in self:
            kind, domain, number, text = _item_text(load(a.edition), a.item)
            computed = {
                "standard_title": _by_number()[a.standard].title,
                "item_kind": kind,
                "domain": domain,
                "competency_number": number,
                "item_text": text,
                "via": " -> ".join(a.via) if a.via else None,
            }
            rows.append({c: computed[c] if c in computed else getattr(a, c) for c in self.columns})
        return rows

    def to_text(self) -> str:
        """One line per link: standard, part, item and its text."""
        return "".join(f"InTASC {a.standard} (part {a.part})  {a.item}\n" for a in self)


@attrs.frozen(repr=False)
class Emphasis(Card):
    """A standard's "Areas of Emphasis for Personalized Learning" (crosswalk part two).

    ``performances`` are the performances the text singles out (``6(a), 6(e) and 6(g)``),
    resolved to :class:`Performance` objects, in the order the text names them.
    """

    standard: int
    text: str
    performances: tuple[Performance, ...] = attrs.field(converter=_tuple)


# --------------------------------------------------------------------------- building


@cache
def _by_number() -> dict[int, Standard]:
    return {s.number: s for s in standards()}


@cache
def _published() -> tuple[Alignment, ...]:
    raw = _toolkit_data.data("crosswalk")
    out: list[Alignment] = []
    for dom in raw["part_one"]["domains"]:
        for rel in dom["related_standards"]:
            quoted = rel["statement"]
            out.append(Alignment(rel["standard"], dom["id"], "one", quoted_standard=quoted, match=rel["match"]))
    for entry in raw["part_two"]["standards"]:
        for comp in entry["related_competencies"]:
            out.append(
                Alignment(
                    entry["standard"],
                    comp["competency"],
                    "two",
                    quoted_item=comp["text"],
                    resolution=comp["resolution"],
                    match=comp["match"],
                )
            )
    return tuple(out)


@cache
def _derived_2015() -> tuple[Alignment, ...]:
    """Part two alignments carried back to 2015 competencies through the curated lineage."""
    lin = lineage(2015, 2020)
    new = load(2020)
    by_item: dict[str, list[Alignment]] = {}
    for a in _published():
        if a.part == "two":
            by_item.setdefault(a.item, []).append(a)
    out: list[Alignment] = []
    for comp in load(2015).competencies():
        seen: set[tuple[int, str]] = set()
        for link in lin.successors(comp.id):
            successor = new[link.new]
            if isinstance(successor, Domain):  # pragma: no cover - the lineage links no domains
                continue
            target = new.competency_of(successor)
            via = (comp.id, link.new) if target.id == link.new else (comp.id, link.new, target.id)
            for published in by_item.get(target.id, ()):
                if (published.standard, target.id) in seen:
                    continue
                seen.add((published.standard, target.id))
                out.append(
                    Alignment(
                        published.standard, comp.id, "two", via=via, relation=link.relation, derived_from=published
                    )
                )
    order = {s.number: n for n, s in enumerate(standards())}
    position = {item_id: n for n, item_id in enumerate(load(2015).ids())}
    return tuple(sorted(out, key=lambda a: (order[a.standard], position[a.item])))


# --------------------------------------------------------------------------- resolving arguments


def _standard_of(value: int | str | Standard) -> Standard:
    if isinstance(value, Standard):
        found = _by_number().get(value.number)
        if found == value:
            return found
        raise UnknownStandardError(value.number, [str(n) for n in _by_number()])
    number: int | None = None
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, str):
        m = _STANDARD_KEY.fullmatch(value.strip())
        number = ascii_number(m.group(1)) if m else None
    found = _by_number().get(number) if number is not None else None
    if found is None:
        raise UnknownStandardError(value, [str(n) for n in _by_number()])
    return found


def _framework_of(item: Item | str) -> tuple[Framework, Item]:
    """The packaged framework an item or ID belongs to, and the item (unprefixed IDs: 2020)."""
    if isinstance(item, str):
        text = item.strip()
        prefix, sep, _ = text.partition(":")
        if sep and edition_number(prefix) is not None:
            fw = load(prefix)
        elif sep:
            raise UnknownItemError(text, None, (), reason="the crosswalk knows the 2015 and 2020 editions' IDs only")
        else:
            fw = load(2020)
        return fw, fw[text]
    if isinstance(item, (Domain, Competency, Indicator)):
        prefix = item.id.partition(":")[0]
        if prefix in ("2015", "2020"):
            fw = load(int(prefix))
            if item in fw:
                return fw, item
        raise UnknownItemError(item.id, None, (), reason="not an item of the packaged 2015 or 2020 edition")
    raise ArgumentTypeError("crosswalk", "item", "a domain, competency, indicator or an ID string", item)


def _require_derived(derived: bool, what: str) -> None:
    if not derived:
        raise NotPublishedError(
            f"{what}: the 2015 edition's own InTASC crosswalk (its Appendix D) is not in the source. "
            "Pass derived=True for a view derived through the curated 2015 -> 2020 lineage "
            "(it is not published; see crosswalk.alignments_for() for each link's provenance)."
        )


def _check_part(part: str | None, allowed: tuple[str, ...] = PARTS) -> None:
    if part is not None and part not in allowed:
        raise UnknownChoiceError("crosswalk part", part, allowed)


# --------------------------------------------------------------------------- public API


@cache
def standards() -> tuple[Standard, ...]:
    """The ten InTASC standards, 1 to 10, as the crosswalk quotes them.

    >>> from edcompetencies import crosswalk
    >>> [(s.number, s.title) for s in crosswalk.standards()][:3]
    [(1, 'Learner Development'), (2, 'Learning Differences'), (3, 'Learning Environments')]
    """
    return tuple(
        Standard(
            number=s["number"],
            title=s["title"],
            statement=s["statement"],
            performances=[Performance(p["label"], p["text"], s["number"]) for p in s["performances"]],
            heading=s["heading"],
        )
        for s in _toolkit_data.data("crosswalk")["standards"]
    )


def standard(number: int | str | Standard) -> Standard:
    """One standard by number (``4``, ``"4"``, ``"#4"``, ``"intasc:4"``).

    An unknown number raises :class:`~edcompetencies.errors.UnknownStandardError` (a
    ``LookupError``) that lists the valid numbers.

    >>> from edcompetencies import crosswalk
    >>> crosswalk.standard("intasc:4").title
    'Content Knowledge'
    """
    return _standard_of(number)


def performance(label: str) -> Performance:
    """A performance by InTASC label, e.g. ``"6(a)"`` or ``"intasc:6(a)"``.

    >>> from edcompetencies import crosswalk
    >>> crosswalk.performance("6(e)").text
    'The teacher engages learners in multiple ways of demonstrating knowledge and skill as part of the ...'
    """
    m = _PERFORMANCE_KEY.fullmatch(label.strip()) if isinstance(label, str) else None
    number = ascii_number(m.group(1)) if m else None
    if m is None or number is None:
        every = [p.label for s in standards() for p in s.performances]
        raise UnknownStandardError(label, [every[0], every[1], "...", every[-1]], what="performance")
    return _standard_of(number).performance(f"{number}({m.group(2).lower()})")


def introduction() -> tuple[Section, ...]:
    """The crosswalk's introduction (Background; How the Educator Competencies Fit), as printed."""
    return _toolkit_data.sections_from(_toolkit_data.data("crosswalk")["introduction"])


def alignments(*, edition: int | str = 2020, part: str | None = None) -> Alignments:
    """Every link of the crosswalk, part one's first; ``part`` selects one part.

    ``edition=2015`` gives the view derived through the curated lineage: part two links only
    (the lineage links competencies, not domains), each marked ``derived``.

    >>> from edcompetencies import crosswalk
    >>> len(crosswalk.alignments()), len(crosswalk.alignments(part="one"))
    (78, 11)
    >>> all(a.derived for a in crosswalk.alignments(edition=2015))
    True
    """
    _check_part(part)
    found = _published() if _edition_number(edition) == 2020 else _derived_2015()
    return Alignments(a for a in found if part is None or a.part == part)


def alignments_for(item: int | str | Standard | Item, *, part: str | None = None) -> Alignments:
    """The links of a standard (number or :class:`Standard`) or of a framework item.

    A domain has part one's links and a competency part two's; an indicator has its
    competency's. A 2015 item has derived links (there is no published 2015 crosswalk).

    >>> from edcompetencies import crosswalk
    >>> [(a.part, a.standard) for a in crosswalk.alignments_for("2020:intrapersonal")]
    [('one', 3), ('one', 9)]
    >>> a = crosswalk.alignments_for("2015:cognitive.3")[0]
    >>> a.derived, a.via
    (True, ('2015:cognitive.3', '2020:cognitive.4'))
    """
    _check_part(part)
    if isinstance(item, (int, Standard)) or (isinstance(item, str) and _STANDARD_KEY.fullmatch(item.strip())):
        number = _standard_of(item).number
        pool = _published()
        return Alignments(a for a in pool if a.standard == number and (part is None or a.part == part))
    fw, resolved = _framework_of(item)
    if isinstance(resolved, Indicator):
        resolved = fw.competency_of(resolved)
    pool = _published() if fw.edition == 2020 else _derived_2015()
    return Alignments(a for a in pool if a.item == resolved.id and (part is None or a.part == part))


def competencies_for(
    standard: int | str | Standard, *, edition: int | str = 2020, derived: bool = False
) -> tuple[Competency, ...]:
    """The competencies crosswalk part two relates to a standard, in publication order.

    ``edition=2015`` (with ``derived=True``, since the 2015 crosswalk is not published) gives
    the 2015 competencies whose curated 2020 successors part two relates to the standard.

    >>> from edcompetencies import crosswalk
    >>> [c.id for c in crosswalk.competencies_for(4)]
    ['2020:cognitive.1', '2020:cognitive.3', '2020:instructional.8']
    >>> [c.id for c in crosswalk.competencies_for(4, edition=2015, derived=True)]
    ['2015:cognitive.1', '2015:instructional.8']
    """
    number = _standard_of(standard).number
    edition = _edition_number(edition)
    if edition == 2015:
        _require_derived(derived, f"competencies_for({standard!r}, edition=2015)")
    fw = load(edition)
    wanted = {a.item for a in alignments(edition=edition, part="two") if a.standard == number}
    return tuple(c for c in fw.competencies() if c.id in wanted)


def standards_for(item: Item | str, *, derived: bool = False) -> tuple[Standard, ...]:
    """The standards crosswalk part two relates to a competency (an indicator: its competency's).

    A domain gives :func:`standards_for_domain`'s answer (part one). A 2015 item needs
    ``derived=True``: its standards are derived through the curated lineage.

    >>> from edcompetencies import crosswalk
    >>> [s.number for s in crosswalk.standards_for("instructional.4.a.ii")]
    [2, 3, 6, 7, 8]
    """
    fw, resolved = _framework_of(item)
    if fw.edition == 2015:
        _require_derived(derived, f"standards_for({resolved.id!r})")
    if isinstance(resolved, Domain):
        return standards_for_domain(resolved, part="one" if fw.edition == 2020 else "two", derived=derived)
    numbers = {a.standard for a in alignments_for(resolved, part="two")}
    return tuple(s for s in standards() if s.number in numbers)


def standards_for_domain(domain: Domain | str, *, part: str = "one", derived: bool = False) -> tuple[Standard, ...]:
    """The standards crosswalk part one relates to a domain (a :class:`Domain` or its key).

    ``part="two"`` gives the standards part two relates to any of the domain's competencies;
    ``part="any"`` both. Part two relates more than part one (see the note
    ``crosswalk-parts-differ``). A 2015 domain has no part one; with ``derived=True`` and
    ``part="two"`` its competencies' derived standards are given.

    >>> from edcompetencies import crosswalk
    >>> [s.number for s in crosswalk.standards_for_domain("cognitive")]
    [4, 5]
    >>> [s.number for s in crosswalk.standards_for_domain("cognitive", part="two")]
    [1, 3, 4, 5]
    """
    _check_part(part, ("one", "two", "any"))
    fw, resolved = _framework_of(domain)
    if not isinstance(resolved, Domain):
        raise UnknownItemError(resolved.id, fw.edition, (), reason="not a domain (use standards_for())")
    numbers: set[int] = set()
    if fw.edition == 2015:
        _require_derived(derived, f"standards_for_domain({resolved.id!r})")
        if part == "one":
            raise NotPublishedError(
                "crosswalk part one relates 2020 domains only, and the curated lineage links competencies and "
                "indicators, not domains; use part='two' for the derived standards of the domain's competencies"
            )
    if part in ("one", "any"):
        numbers |= {a.standard for a in _published() if a.part == "one" and a.item == resolved.id}
    if part in ("two", "any"):
        ids = {c.id for c in resolved.competencies}
        numbers |= {a.standard for a in alignments(edition=int(fw.edition), part="two") if a.item in ids}
    return tuple(s for s in standards() if s.number in numbers)


def domains_for(standard: int | str | Standard) -> tuple[Domain, ...]:
    """The 2020 domains crosswalk part one relates to a standard (the inverse of part one).

    >>> from edcompetencies import crosswalk
    >>> [d.key for d in crosswalk.domains_for(3)]
    ['intrapersonal', 'interpersonal']
    """
    number = _standard_of(standard).number
    ids = {a.item for a in _published() if a.part == "one" and a.standard == number}
    return tuple(d for d in load(2020).domains if d.id in ids)


def emphasis(standard: int | str | Standard) -> Emphasis:
    """A standard's areas-of-emphasis text and the performances it singles out.

    >>> from edcompetencies import crosswalk
    >>> e = crosswalk.emphasis(2)
    >>> [p.label for p in e.performances]
    ['2(b)', '2(f)', '2(c)']
    >>> e.text[:52]
    'Reinforces the InTASC standard, while emphasizing th'
    """
    number = _standard_of(standard).number
    for entry in _toolkit_data.data("crosswalk")["part_two"]["standards"]:
        if entry["standard"] == number:
            return Emphasis(
                number,
                entry["emphasis"],
                [_standard_of(r["standard"]).performance(r["label"]) for r in entry["references"]],
            )
    raise UnknownStandardError(number, [str(n) for n in _by_number()])  # pragma: no cover - validated data


def notes() -> tuple[SourceNote, ...]:
    """The crosswalk's source notes (gaps, inconsistencies and reading decisions)."""
    return _toolkit_data.notes_of("crosswalk")


def notes_for(item: object) -> tuple[SourceNote, ...]:
    """The crosswalk notes naming an item: a standard, a performance, a domain or competency, or an ID.

    >>> from edcompetencies import crosswalk
    >>> [n.id for n in crosswalk.notes_for(crosswalk.performance("5(b)"))]
    ['crosswalk-5b-quotation']
    """
    if isinstance(item, int) and not isinstance(item, bool):
        item = _standard_of(item)
    return _toolkit_data.notes_for(item, notes())


# --------------------------------------------------------------------------- analysis


def _item_text(fw: Framework, item_id: str) -> tuple[str, str | None, int | None, str]:
    found = fw[item_id]
    if isinstance(found, Domain):
        return "domain", found.key, None, found.name
    assert isinstance(found, Competency)
    return "competency", found.domain_key, found.number, found.statement


def to_records(*, edition: int | str = 2020) -> list[dict[str, Any]]:
    """One row per alignment, ready for ``pandas.DataFrame.from_records`` or ``csv.DictWriter``.

    >>> from edcompetencies import crosswalk
    >>> rows = crosswalk.to_records()
    >>> sorted(rows[0])
    ['competency_number', 'derived', 'domain', 'edition', 'item', 'item_kind', 'item_text', 'level', 'match',
     'part', 'quoted_item', 'quoted_standard', 'relation', 'resolution', 'standard', 'standard_title', 'via']
    >>> rows[-1]["standard"], rows[-1]["item"], rows[-1]["part"]
    (10, '2020:interpersonal.4', 'two')
    """
    return alignments(edition=edition).to_records()


def to_dataframe(*, edition: int | str = 2020) -> pandas.DataFrame:
    """:func:`to_records` as a pandas DataFrame (install the ``pandas`` extra)."""
    return alignments(edition=edition).to_dataframe()


def heatmap() -> Picture:
    """The 2020 competencies x the ten InTASC standards as an SVG heatmap: a cell is filled where the
    crosswalk aligns them - part two (the competency itself), part one (its domain) or both - with
    the part's colour, pattern and initial.

    >>> from edcompetencies import crosswalk
    >>> crosswalk.heatmap().to_svg().count('class="cell"')
    80
    """
    fw = load(2020)
    part_one = {(a.item.partition(":")[2], a.standard) for a in alignments(edition=2020, part="one")}
    part_two = {(a.item, a.standard) for a in alignments(edition=2020, part="two")}
    rows = [c.id for c in fw.competencies()]
    columns = [str(s.number) for s in standards()]
    cells: dict[tuple[str, str], str] = {}
    for c in fw.competencies():
        for s in standards():
            one, two = (c.domain_key, s.number) in part_one, (c.id, s.number) in part_two
            if one or two:
                cells[(c.id, str(s.number))] = "both" if one and two else ("two" if two else "one")
    return _heatmap(
        rows,
        columns,
        cells,
        ("two", "one", "both"),
        title="The 2020 competencies and the InTASC standards (the crosswalk)",
        labels={"one": "1: part one (the domain)", "two": "2: part two (the competency)", "both": "1+2: both parts"},
        marks={"one": "1", "two": "2", "both": "1+2"},
        row_labels={c.id: f"{c.domain_key[:1].upper()}{c.domain_key[1:]} {c.number}" for c in fw.competencies()},
        column_labels={str(s.number): f"{s.number}. {s.title}" for s in standards()},
    )


def to_sssom() -> str:
    """The 2020 crosswalk as an SSSOM/TSV mapping table: a row per link, the 2020 domain or
    competency (``EDC2020:cognitive.3``) ``skos:relatedMatch`` its InTASC standard
    (``INTASC:4``), the part in ``comment`` (see docs/interchange.md).

    >>> from edcompetencies import crosswalk
    >>> last = crosswalk.to_sssom().splitlines()[-1].split(chr(9))
    >>> last[0], last[2], last[3], last[6]
    ('EDC2020:interpersonal.4', 'skos:relatedMatch', 'INTASC:10', 'crosswalk part two')
    """
    fw = load(2020)
    return crosswalk_table(
        [
            (a.item, fw[a.item].text, a.standard, _standard_of(a.standard).title, a.part)
            for a in alignments(edition=2020)
        ]
    )


def graph(*, edition: int | str = 2020) -> networkx.Graph[str]:
    """The whole crosswalk as a networkx graph (install the ``networkx`` extra).

    Nodes are keyed by ID and carry ``kind``: ``"standard"`` (``intasc:4``), ``"performance"``
    (``intasc:4(a)``, with ``emphasized`` when the areas of emphasis single it out),
    ``"domain"`` and ``"competency"`` (every one of the edition, linked or not). Edges carry
    ``kind``: ``"performance"`` (standard - performance), ``"contains"`` (domain - competency)
    and ``"alignment"`` (with ``part``, ``derived`` and, for derived ones, ``via``).

    >>> from edcompetencies import crosswalk
    >>> g = crosswalk.graph()
    >>> g.nodes["intasc:6(e)"]["emphasized"]
    True
    >>> sorted(n for n in g["intasc:10"] if g.nodes[n]["kind"] != "performance")
    ['2020:interpersonal', '2020:interpersonal.4', '2020:intrapersonal.4']
    """
    try:
        import networkx
    except ImportError:
        raise MissingExtraError("crosswalk.graph()", "networkx", "networkx") from None
    edition = _edition_number(edition)
    found = alignments(edition=edition)
    fw = load(edition)
    g: networkx.Graph[str] = networkx.Graph(
        name=f"InTASC crosswalk ({edition})", edition=edition, derived=edition != 2020
    )
    emphasized = {p.label for s in standards() for p in emphasis(s).performances}
    for s in standards():
        g.add_node(s.id, kind="standard", number=s.number, title=s.title, statement=s.statement)
        for p in s.performances:
            g.add_node(p.id, kind="performance", label=p.label, text=p.text, emphasized=p.label in emphasized)
            g.add_edge(s.id, p.id, kind="performance")
    for d in fw.domains:
        g.add_node(d.id, kind="domain", key=d.key, name=d.name)
        for c in d.competencies:
            g.add_node(c.id, kind="competency", domain=d.key, number=c.number, statement=c.statement)
            g.add_edge(d.id, c.id, kind="contains")
    for a in found:
        g.add_edge(
            f"intasc:{a.standard}",
            a.item,
            kind="alignment",
            part=a.part,
            level=a.level,
            match=a.match,
            derived=a.derived,
            via=" -> ".join(a.via) if a.via else None,
        )
    return g


def __dir__() -> list[str]:
    """The public names only (tab completion shows no ``re``, ``attrs`` or ``annotations``)."""
    return sorted(__all__)
