"""The frozen data model of a competency framework: one place to learn it.

A :class:`Framework` (one edition) holds :class:`Domain` objects, which hold
:class:`Competency` objects, which hold :class:`Indicator` objects; an indicator's
``children`` are its sub-indicators. Every node carries a stable ``id`` built from
the publication's own labels::

    2020:intrapersonal              a domain
    2020:intrapersonal.1            a competency
    2020:intrapersonal.1.a          an indicator
    2020:instructional.4.a.ii       a sub-indicator
    2015:cognitive.2.1.3            (2015 numbers both indicator levels)

All objects are immutable (assigning an attribute raises), hashable and safe to
share between threads. Indexes (ID -> item, item -> parent) are derived lazily.
"""

import enum
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from functools import cached_property
from typing import TYPE_CHECKING, Any, Protocol

import attrs

from .errors import ArgumentTypeError, CapabilityMissingError, UnknownItemError, UnknownThemeError

if TYPE_CHECKING:  # pragma: no cover
    import pandas  # type: ignore[import-untyped, unused-ignore]

__all__ = [
    "Competency",
    "Domain",
    "Framework",
    "Indicator",
    "Item",
    "Metadata",
    "NoteKind",
    "SourceNote",
    "Theme",
]


# --------------------------------------------------------------------------- themes

_THEME_LABELS = {
    "FC": "Foundational Competency",
    "EI": "Equity and Inclusion",
    "SE": "Social and Emotional Learning",
    "RL": "Remote Learning",
}

# Quoted from the 2020 edition's "Cross-Cutting Themes" section (seed 003).
_THEME_DEFINITIONS = {
    "FC": (
        "serve as “prerequisites” to other competencies. Without mastering these, it will be "
        "very difficult for educators to achieve the desired outcomes of a personalized, "
        "learner-centered setting."
    ),
    "EI": (
        "Explicit attention to equity and inclusion is woven through every domain, in both "
        "competencies and indicators. The competencies noted with the equity and inclusion theme "
        "are designed to help learning communities not just improve existing structures and "
        "behaviors, but more deeply consider where and how to dismantle systemic racism."
    ),
    "SE": (
        "features competencies related to the ways in which educators and students manage their "
        "emotions, set and achieve positive goals, feel and show empathy for others, establish "
        "and maintain positive relationships and make responsible decisions.¹⁰"
    ),
    "RL": (
        "highlights the areas that are especially important for or relevant to personalized, "
        "learner-centered approaches in remote (synchronous and asynchronous teaching from a "
        "distance, some coursework may be digitally enhanced, some may not) or online teaching "
        "(instruction and coursework takes place entirely online)."
    ),
}


class StrEnum(str, enum.Enum):
    """A string-valued enum whose ``str()`` is its value (``enum.StrEnum`` needs Python 3.11)."""

    def __str__(self) -> str:
        return str(self.value)


class Theme(StrEnum):
    """A cross-cutting theme of the 2020 edition, tagged on competencies and indicators.

    The value is the publication's two-letter code; ``label`` and ``definition`` are the
    publication's words.

    >>> Theme("EI").label
    'Equity and Inclusion'
    >>> Theme.parse("se")
    <Theme.SE: 'SE'>
    >>> str(Theme.RL)
    'RL'
    """

    FC = "FC"
    EI = "EI"
    SE = "SE"
    RL = "RL"

    @property
    def code(self) -> str:
        """The two-letter code, e.g. ``"EI"``."""
        return self.value

    @property
    def label(self) -> str:
        """The theme's name in the publication's key, e.g. ``"Equity and Inclusion"``."""
        return _THEME_LABELS[self.value]

    @property
    def definition(self) -> str:
        """The publication's description of the theme (2020, Cross-Cutting Themes)."""
        return _THEME_DEFINITIONS[self.value]

    @property
    def endnotes(self) -> "tuple[EndnoteLike, ...]":
        """The endnotes the definition's marks refer to (``Theme.SE``: endnote 10)."""
        return _up().endnotes_of(f"theme:{self.value}")

    @classmethod
    def parse(cls, value: "str | Theme") -> "Theme":
        """Return the theme for a code or a name, case-insensitively.

        Unknown values raise :class:`~edcompetencies.errors.UnknownThemeError`, which
        lists the valid codes.
        """
        if isinstance(value, Theme):
            return value
        if isinstance(value, str):
            wanted = value.strip().casefold()
            for theme in cls:
                if wanted in (theme.value.casefold(), theme.label.casefold()):
                    return theme
        raise UnknownThemeError(value)


def _themes(values: "frozenset[Theme] | set[Theme] | tuple[Theme, ...] | list[Theme]") -> frozenset[Theme]:
    if type(values) is frozenset and (not values or all(type(v) is Theme for v in values)):
        return values  # nearly always (a reader's, a copy's): no new set per item
    return frozenset(Theme.parse(v) for v in values)


def _indicator_tuple(values: "Iterable[Indicator]") -> "tuple[Indicator, ...]":
    return tuple(values)


def _competency_tuple(values: "Iterable[Competency]") -> "tuple[Competency, ...]":
    return tuple(values)


def _domain_tuple(values: "Iterable[Domain]") -> "tuple[Domain, ...]":
    return tuple(values)


def _note_tuple(values: "Iterable[SourceNote]") -> "tuple[SourceNote, ...]":
    return tuple(values)


def _str_tuple(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(values)


def _theme_codes(themes: frozenset[Theme]) -> str:
    return " ".join(t.value for t in Theme if t in themes)


def _short(text: str | None, width: int = 48) -> str:
    if text is None:
        return "None"
    return repr(text if len(text) <= width else text[: width - 1] + "…")


def _code_repr(item: "Item") -> str:
    return f", code={item.code!r}" if item.code is not None else ""


# --------------------------------------------------------------------------- the way up
# What the conveniences return, described by shape: the model names no type of a module above
# it, not even for type checking. edcompetencies.SearchResults and publication.Endnote are these.


class EndnoteLike(Protocol):
    """An endnote of the publication (:class:`edcompetencies.publication.Endnote`): its number and text."""

    @property
    def number(self) -> int: ...
    @property
    def text(self) -> str: ...


class SearchResultsLike(Protocol):
    """Ranked hits (:class:`edcompetencies.SearchResults`): a sequence with IDs and the shared verbs."""

    @property
    def query(self) -> str: ...
    @property
    def ids(self) -> tuple[str, ...]: ...
    def __len__(self) -> int: ...
    def __iter__(self) -> Iterator[Any]: ...
    def __getitem__(self, index: int) -> Any: ...
    def to_records(self) -> list[dict[str, Any]]: ...
    def to_dataframe(self) -> "pandas.DataFrame": ...
    def to_csv(self, *, escape_formulas: bool = True) -> str: ...
    def to_text(self) -> str: ...
    def to_markdown(self) -> str: ...
    def to_html(self, *, document: bool = True) -> str: ...
    def render(self, format: str = "text") -> str: ...


class Conveniences(Protocol):
    """What the capability layer lends the model's notebook conveniences (``fw.search``, ``fw.to_html`` ...).

    The model is the ground floor: it imports nothing of the package but :mod:`errors`. Its
    convenience methods are one-line delegations to the one object that
    ``edcompetencies._conveniences`` installs with :func:`install` when it is imported (as the
    package's public names and every reader that builds a framework do).
    """

    def select(self, fw: "Framework", **kwargs: Any) -> "Framework": ...
    def search(self, fw: "Framework", query: str, **kwargs: Any) -> "SearchResultsLike": ...
    def records(self, fw: "Framework") -> "list[dict[str, Any]]": ...
    def dataframe(self, fw: "Framework") -> "pandas.DataFrame": ...
    def csv(self, fw: "Framework", *, escape_formulas: bool = True) -> str: ...
    def jsonl(self, fw: "Framework") -> str: ...
    def markdown(self, fw: "Framework", **kwargs: Any) -> str: ...
    def html(self, fw: "Framework", **kwargs: Any) -> str: ...
    def render(self, fw: "Framework", format: str, **kwargs: Any) -> str: ...
    def item_html(self, item: "Item") -> str: ...
    def item_markdown(self, item: "Item") -> str: ...
    def card_html(self, obj: object) -> str: ...
    def endnotes(self, edition: int | str) -> "tuple[EndnoteLike, ...]": ...
    def endnotes_of(self, ref: str) -> "tuple[EndnoteLike, ...]": ...


_INSTALLED: "list[Conveniences]" = []


def install(conveniences: Conveniences) -> None:
    """Lend the model its conveniences (called once, by ``edcompetencies._conveniences``)."""
    _INSTALLED[:] = [conveniences]


def _up() -> Conveniences:
    if not _INSTALLED:
        raise CapabilityMissingError()
    return _INSTALLED[0]


# --------------------------------------------------------------------------- metadata


_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)


def _canonical(value: object) -> str:
    # one encoder for every call: json.dumps with options builds a new one each time (a third of the cost)
    return _ENCODER.encode(value)


_SCALARS = (str, int, bool, type(None))


def _frozen(value: object) -> object:
    """A JSON value as an immutable one: text, numbers, booleans and null as they are, a list
    or an object as ``("json", canonical text)`` (a tuple is no JSON value, so nothing clashes)."""
    if isinstance(value, _SCALARS) or (isinstance(value, float) and value == value and abs(value) != float("inf")):
        return value
    return ("json", _canonical(value))


def _metadata_fields(value: object) -> tuple[tuple[str, object], ...]:
    if isinstance(value, Metadata):
        return value._fields
    pairs = value.items() if isinstance(value, Mapping) else value
    fields = {}
    for key, item in pairs:  # type: ignore[attr-defined]
        if not isinstance(key, str):
            raise ArgumentTypeError("Metadata()", "every name", "a string", key)
        try:
            fields[key] = _frozen(item)
        except (TypeError, ValueError):  # not JSON: a set, an object, NaN ...
            raise ArgumentTypeError("Metadata()", f"the value of {key!r}", "a JSON value", item) from None
    return tuple(sorted(fields.items()))


def _copied(value: object) -> Any:
    """A fresh copy of a JSON value (lists and objects copied all the way down)."""
    if type(value) is list:
        return [_copied(v) for v in value]
    if type(value) is dict:
        return {k: _copied(v) for k, v in value.items()}
    return value


class Metadata(Mapping[str, Any]):
    """A publisher's further fields of an item or a framework: a read-only mapping of JSON values.

    The model's own fields say what every framework has (a statement, a label, themes); what a
    publisher adds beyond them travels here under the publisher's own names, so nothing read is
    lost and a writer can give it back. A framework read from a CASE package holds, for example,
    an item's ``identifier``, ``CFItemType`` or ``educationLevel`` (``docs/case.md`` lists them);
    the packaged editions have none (``len(item.metadata) == 0``).

    Values are JSON values (``None``, booleans, numbers, text, lists, objects); a list or an
    object is copied afresh on each access, so the object stays immutable and hashable. Two
    Metadata are equal when they hold the same names with the same values, in any order.

    >>> from edcompetencies import Metadata
    >>> meta = Metadata({"educationLevel": ["09", "10"], "CFItemType": "Target"})
    >>> meta["educationLevel"], sorted(meta), meta == Metadata({"CFItemType": "Target", "educationLevel": ["09", "10"]})
    (['09', '10'], ['CFItemType', 'educationLevel'], True)
    """

    # _frozen_fields: (name, value) pairs in name order, a list or an object as ("json", canonical
    # text); made on first need from _data, the dict a reader hands over (see _owned), so reading
    # a large package encodes nothing until a value is compared, hashed or written.
    __slots__ = ("_data", "_frozen_fields", "_hash")
    _data: "dict[str, Any] | None"
    _frozen_fields: "tuple[tuple[str, object], ...] | None"
    _hash: int | None

    def __init__(self, fields: "Mapping[str, Any] | Iterable[tuple[str, Any]]" = ()) -> None:
        pairs = list(fields.items() if isinstance(fields, Mapping) else fields)
        frozen = _metadata_fields(pairs)  # checks that every name is text and every value JSON
        data = dict(pairs)
        object.__setattr__(self, "_frozen_fields", frozen)
        object.__setattr__(self, "_data", {key: _copied(data[key]) for key, _ in frozen} if frozen else None)
        object.__setattr__(self, "_hash", None)

    @classmethod
    def _owned(cls, data: "dict[str, Any]") -> "Metadata":
        """Metadata over *data* as it is, without a copy: for a reader whose *data* holds JSON values
        (text names, finite numbers) that it decoded itself and nothing else holds or changes."""
        self = object.__new__(cls)
        object.__setattr__(self, "_data", data or None)
        object.__setattr__(self, "_frozen_fields", None if data else ())
        object.__setattr__(self, "_hash", None)
        return self

    @property
    def _fields(self) -> tuple[tuple[str, object], ...]:
        fields = self._frozen_fields
        if fields is None:
            data = self._data or {}
            fields = tuple(sorted((key, _frozen(value)) for key, value in data.items()))
            object.__setattr__(self, "_frozen_fields", fields)
        return fields

    def __setattr__(self, name: str, value: object) -> None:
        raise attrs.exceptions.FrozenInstanceError()

    def __delattr__(self, name: str) -> None:
        raise attrs.exceptions.FrozenInstanceError()

    def __reduce__(self) -> tuple[type["Metadata"], tuple[dict[str, Any]]]:
        return (Metadata, (self.to_dict(),))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Metadata):
            return NotImplemented
        return self is other or self._fields == other._fields

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    def __hash__(self) -> int:
        cached = self._hash
        if cached is None:
            cached = hash(self._fields)
            object.__setattr__(self, "_hash", cached)
        return cached

    def __getitem__(self, name: str) -> Any:
        data = self._data
        if data is None:
            raise KeyError(name)
        return _copied(data[name])

    def __contains__(self, name: object) -> bool:
        data = self._data
        return data is not None and name in data

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self._data)) if self._data else iter(())

    def __len__(self) -> int:
        return len(self._data) if self._data else 0

    def __bool__(self) -> bool:
        return bool(self._data)

    def json_text(self, name: str) -> str:
        """The value of *name* as canonical JSON text (sorted keys, no spaces): cheap to compare."""
        if self._data is None:
            raise KeyError(name)
        return _canonical(self._data[name])

    def to_dict(self) -> dict[str, Any]:
        """The fields as a new, ordinary dict (in name order)."""
        return {key: _copied(self._data[key]) for key in self} if self._data else {}

    def __repr__(self) -> str:
        return f"Metadata({self.to_dict()!r})"

    def _repr_html_(self) -> str:
        """Notebook display: a card with a row per field (every text escaped)."""
        return _up().card_html(self)


def _metadata(value: "Metadata | Mapping[str, Any] | None") -> Metadata:
    if isinstance(value, Metadata):
        return value
    return Metadata(value or ())


_EMPTY = Metadata()


# --------------------------------------------------------------------------- nodes


@attrs.frozen(cache_hash=True, repr=False)
class Indicator:
    """An indicator of a competency, or a sub-indicator of an indicator.

    ``label`` is the publication's own label (``"a"``, ``"ii"``, ``"3"``); ``children``
    are the sub-indicators, in publication order. ``code`` and ``metadata`` (see
    :attr:`Domain.code`) are the publisher's code and further fields, for frameworks read
    from other formats.
    """

    id: str
    label: str
    text: str
    themes: frozenset[Theme] = attrs.field(default=frozenset(), converter=_themes)
    children: "tuple[Indicator, ...]" = attrs.field(default=(), converter=_indicator_tuple)
    code: str | None = None
    metadata: Metadata = attrs.field(default=_EMPTY, converter=_metadata)

    @property
    def depth(self) -> int:
        """2 for an indicator, 3 for a sub-indicator (and so on): see :attr:`Domain.depth`."""
        return self.id.partition(":")[2].count(".")

    @property
    def kind(self) -> str:
        """``"indicator"`` or ``"sub-indicator"``."""
        return "indicator" if self.depth == 2 else "sub-indicator"

    @property
    def domain_key(self) -> str:
        """The key of the domain the indicator belongs to, e.g. ``"cognitive"``."""
        return _domain_key(self.id)

    @property
    def competency_id(self) -> str:
        """The ID of the competency the indicator belongs to."""
        edition, _, path = self.id.partition(":")
        return edition + ":" + ".".join(path.split(".")[:2])

    @property
    def endnotes(self) -> "tuple[EndnoteLike, ...]":
        """The endnotes this item's texts refer to with a mark (see :mod:`edcompetencies.publication`)."""
        return _up().endnotes_of(self.id)

    def walk(self) -> "Iterator[Indicator]":
        """This indicator, then its descendants, depth-first."""
        yield self
        for child in self.children:
            yield from child.walk()

    def __iter__(self) -> "Iterator[Indicator]":
        """The sub-indicators (a node iterates over its ``children``)."""
        return iter(self.children)

    def __len__(self) -> int:
        """How many sub-indicators (``len(children)``)."""
        return len(self.children)

    def __bool__(self) -> bool:
        """Always true, even without children: ``if item:`` tests that there is an item."""
        return True

    def __repr__(self) -> str:
        themes = f", themes={_theme_codes(self.themes)!r}" if self.themes else ""
        return f"Indicator({self.id!r}, {_short(self.text)}{themes}{_code_repr(self)})"

    def _repr_html_(self) -> str:
        """Notebook display: the indicator and its sub-indicators, with theme badges."""
        return _up().item_html(self)

    def to_markdown(self) -> str:
        """The indicator and its sub-indicators as Markdown (as a domain's and a competency's)."""
        return _up().item_markdown(self)


@attrs.frozen(cache_hash=True, repr=False)
class Competency:
    """A competency: a numbered statement with its indicators.

    ``title`` is the 2015 web copy's short title (``"Support All Learners"``) or ``None``
    where the source gives none (all of 2020, four 2015 Instructional competencies).
    ``code`` and ``metadata``: see :class:`Domain`.
    """

    id: str
    number: int
    statement: str
    title: str | None = None
    themes: frozenset[Theme] = attrs.field(default=frozenset(), converter=_themes)
    indicators: tuple[Indicator, ...] = attrs.field(default=(), converter=_indicator_tuple)
    code: str | None = None
    metadata: Metadata = attrs.field(default=_EMPTY, converter=_metadata)

    @property
    def text(self) -> str:
        """The statement (every node has a ``text``)."""
        return self.statement

    @property
    def children(self) -> tuple[Indicator, ...]:
        """The indicators (every node has ``children``)."""
        return self.indicators

    @property
    def label(self) -> str:
        """The competency number as a label, e.g. ``"4"``."""
        return str(self.number)

    @property
    def depth(self) -> int:
        """1: competencies sit directly under their domain (see :attr:`Domain.depth`)."""
        return 1

    @property
    def kind(self) -> str:
        """``"competency"``."""
        return "competency"

    @property
    def domain_key(self) -> str:
        """The key of the competency's domain, e.g. ``"cognitive"``."""
        return _domain_key(self.id)

    @property
    def endnotes(self) -> "tuple[EndnoteLike, ...]":
        """The endnotes this item's texts refer to with a mark (see :mod:`edcompetencies.publication`)."""
        return _up().endnotes_of(self.id)

    def walk(self) -> Iterator[Indicator]:
        """Every indicator node of the competency, depth-first."""
        for indicator in self.indicators:
            yield from indicator.walk()

    def __iter__(self) -> Iterator[Indicator]:
        """The indicators (a node iterates over its ``children``)."""
        return iter(self.indicators)

    def __len__(self) -> int:
        """How many indicators (``len(children)``)."""
        return len(self.indicators)

    def __bool__(self) -> bool:
        """Always true, even without children: ``if item:`` tests that there is an item."""
        return True

    def __repr__(self) -> str:
        title = f", title={self.title!r}" if self.title else ""
        themes = f", themes={_theme_codes(self.themes)!r}" if self.themes else ""
        return f"Competency({self.id!r}{title}, {_short(self.statement)}{themes}{_code_repr(self)})"

    def _repr_html_(self) -> str:
        """Notebook display: the competency laid out like the publication, with theme badges."""
        return _up().item_html(self)

    def to_markdown(self) -> str:
        """The competency and its indicators as Markdown."""
        return _up().item_markdown(self)


@attrs.frozen(cache_hash=True, repr=False)
class Domain:
    """A domain of the framework (Intrapersonal, Interpersonal, Cognitive, Instructional).

    ``tagline`` is the domain's "Need to ..." phrase; ``description`` the domain's own
    introduction; ``overview`` the shorter paragraph of the publication's Overview
    section (2020 only; ``None`` where the source has none).

    Every node also has ``code``, the publisher's own code for the item where it has one
    (a CASE ``humanCodingScheme`` such as ``"L1.10"``; ``None`` in the packaged editions,
    whose IDs are built from the publication's labels): it is shown beside the ID and
    ``fw[code]`` finds the item. ``metadata`` (a :class:`Metadata`) holds the publisher's
    further fields under their own names (empty in the packaged editions).
    """

    id: str
    key: str
    name: str
    competencies: tuple[Competency, ...] = attrs.field(default=(), converter=_competency_tuple)
    tagline: str | None = None
    description: str | None = None
    overview: str | None = None
    code: str | None = None
    metadata: Metadata = attrs.field(default=_EMPTY, converter=_metadata)

    @property
    def kind(self) -> str:
        """``"domain"``."""
        return "domain"

    @property
    def children(self) -> tuple[Competency, ...]:
        """The competencies (every node has ``children``)."""
        return self.competencies

    @property
    def depth(self) -> int:
        """0. Every node's ``depth`` counts the levels above it: domain 0, competency 1,
        indicator 2, sub-indicator 3; records (``to_records()``) carry the same number."""
        return 0

    @property
    def domain_key(self) -> str:
        """The domain's own key (every node has a ``domain_key``)."""
        return self.key

    @property
    def endnotes(self) -> "tuple[EndnoteLike, ...]":
        """The endnotes this item's texts refer to with a mark (see :mod:`edcompetencies.publication`)."""
        return _up().endnotes_of(self.id)

    def __iter__(self) -> Iterator[Competency]:
        """The competencies (a node iterates over its ``children``)."""
        return iter(self.competencies)

    def __len__(self) -> int:
        """How many competencies (``len(children)``)."""
        return len(self.competencies)

    def __bool__(self) -> bool:
        """Always true, even without children: ``if item:`` tests that there is an item."""
        return True

    @property
    def text(self) -> str:
        """The description, or the name where there is none."""
        return self.description if self.description is not None else self.name

    def __repr__(self) -> str:
        return f"Domain({self.id!r}, name={self.name!r}, competencies={len(self.competencies)}{_code_repr(self)})"

    def _repr_html_(self) -> str:
        """Notebook display: the domain laid out like the publication, with theme badges."""
        return _up().item_html(self)

    def to_markdown(self) -> str:
        """The domain, its competencies and their indicators as Markdown."""
        return _up().item_markdown(self)


Item = Domain | Competency | Indicator
"""Any node of the tree that has an ID."""


class NoteKind(StrEnum):
    """What sort of gap or inconsistency a :class:`SourceNote` records."""

    MISSING = "missing"
    """The source lacks something (a title, an appendix, a letter)."""
    INCONSISTENT = "inconsistent"
    """Two places in the publication disagree; the main text is followed."""
    GARBLED = "garbled"
    """A copy in the source is garbled."""
    DUPLICATED = "duplicated"
    """A passage is duplicated in the source."""
    EDITORIAL = "editorial"
    """A reading decision the transcription had to make."""


@attrs.frozen(cache_hash=True, repr=False)
class SourceNote:
    """A known gap or inconsistency in the source, and the items it concerns.

    ``items`` holds IDs of this framework's nodes, or the bare edition (``"2015"``)
    when the note is about the publication as a whole.
    """

    id: str
    kind: NoteKind = attrs.field(converter=NoteKind)
    items: tuple[str, ...] = attrs.field(converter=_str_tuple)
    text: str
    source: str | None = None

    def __repr__(self) -> str:
        return f"SourceNote({_short(self.id)}, {self.kind.value!r}, {_short(self.text)}, items={len(self.items)})"

    def _repr_html_(self) -> str:
        """Notebook display: the note as a compact card (every text escaped)."""
        return _up().card_html(self)


# --------------------------------------------------------------------------- framework

_PREFIX = re.compile(r"^[^:]+:")


def _domain_key(item_id: str) -> str:
    return item_id.partition(":")[2].split(".", 1)[0]


@attrs.frozen(cache_hash=True, repr=False)
class Framework:
    """One edition of the framework, or any framework in the same shape.

    >>> import edcompetencies as ec
    >>> fw = ec.load(2020)
    >>> fw["instructional.4.a.ii"].text
    'Enabling students to choose and co-design curricula.'
    >>> [d.key for d in fw.domains]
    ['intrapersonal', 'interpersonal', 'cognitive', 'instructional']

    ``metadata`` (a :class:`Metadata`) holds a publisher's further fields of the framework
    itself (for a CASE package, the CFDocument's and the package's: see ``docs/case.md``).
    """

    edition: int | str
    title: str
    domains: tuple[Domain, ...] = attrs.field(converter=_domain_tuple)
    publishers: tuple[str, ...] = attrs.field(default=(), converter=_str_tuple)
    year: int | None = None
    license: str | None = None
    citation: str | None = None
    url: str | None = None
    source: str | None = None
    notes: tuple[SourceNote, ...] = attrs.field(default=(), converter=_note_tuple)
    metadata: Metadata = attrs.field(default=_EMPTY, converter=_metadata)

    # -- derived indexes (never fields: the object stays hashable) --------------

    @cached_property
    def _index(self) -> dict[str, Item]:
        index: dict[str, Item] = {}
        for domain in self.domains:
            index[domain.id] = domain
            for competency in domain.competencies:
                index[competency.id] = competency
                for indicator in competency.walk():
                    index[indicator.id] = indicator
        return index

    @cached_property
    def _parents(self) -> "dict[str, Item]":
        parents: dict[str, Item] = {}

        def visit(parent: "Competency | Indicator", children: tuple[Indicator, ...]) -> None:
            for child in children:
                parents[child.id] = parent
                visit(child, child.children)

        for domain in self.domains:
            for competency in domain.competencies:
                parents[competency.id] = domain
                visit(competency, competency.indicators)
        return parents

    # -- lookup -------------------------------------------------------------------

    @property
    def prefix(self) -> str:
        """The ID prefix of this framework's items, e.g. ``"2020:"``."""
        return f"{self.edition}:"

    @property
    def endnotes(self) -> "tuple[EndnoteLike, ...]":
        """The publication's endnotes, in printed order (``()`` for a framework of your own).

        >>> import edcompetencies as ec
        >>> fw = ec.load(2020)
        >>> len(fw.endnotes), fw.endnotes[9].number, [n.number for n in fw["cognitive"].endnotes]
        (14, 10, [8, 13])
        """
        return _up().endnotes(self.edition)

    def _qualify(self, key: str) -> str:
        key = key.strip()
        return key if _PREFIX.match(key) else self.prefix + key

    @cached_property
    def _codes(self) -> "dict[str, tuple[Item, ...]]":
        codes: dict[str, tuple[Item, ...]] = {}
        for item in self._index.values():
            if item.code is not None:
                codes[item.code] = (*codes.get(item.code, ()), item)
        return codes

    def _find(self, key: str) -> "Item | None":
        found = self._index.get(self._qualify(key))
        if found is None and self._codes:
            by_code = self._codes.get(key.strip(), ())
            if len(by_code) > 1:
                ids = ", ".join(item.id for item in by_code[:5])
                reason = f"the code is used by {len(by_code)} items ({ids}); use an ID"
                raise UnknownItemError(key, self.edition, (), reason=reason)
            found = by_code[0] if by_code else None
        return found

    def __getitem__(self, key: str) -> Item:
        """The item with this ID (with or without the edition prefix), or with this publisher's ``code``.

        An ID is looked up first; a framework read from a CASE package also finds an item by
        its ``humanCodingScheme`` (``fw["L1.10"]``). An unknown key raises
        :class:`~edcompetencies.errors.UnknownItemError` (a ``KeyError``) that suggests the
        nearest IDs; so does a code that several items share.
        """
        if not isinstance(key, str):
            raise UnknownItemError(repr(key), self.edition, (), reason="item IDs are strings")
        found = self._find(key)
        if found is None:
            raise UnknownItemError(key, self.edition, self._suggest(key))
        return found

    def get(self, key: str, default: "Item | None" = None) -> "Item | None":
        """The item with this ID or code (as ``fw[key]``), or *default* (``None``) when there is none."""
        if not isinstance(key, str):
            return default
        try:
            found = self._find(key)
        except UnknownItemError:  # a code several items share
            return default
        return default if found is None else found

    def __contains__(self, key: object) -> bool:
        if isinstance(key, (Domain, Competency, Indicator)):
            return self._index.get(key.id) == key
        return isinstance(key, str) and self.get(key) is not None

    def ids(self) -> tuple[str, ...]:
        """Every item ID, in document order (domains, competencies, indicators)."""
        return tuple(self._index)

    def _suggest(self, key: str, n: int = 3) -> tuple[str, ...]:
        import difflib

        wanted = self._qualify(key)
        # a framework with codes is looked up by code more often than by ID: the codes that end in
        # the key (``L1.10`` for ``H.A.SCI.CSC.C.CE.L1.10``), then the nearest codes first
        tail = "." + key.strip()
        found = [code for code in self._codes if code.endswith(tail)][:n]
        found += difflib.get_close_matches(key.strip(), self._codes, n=n, cutoff=0.6) if self._codes else []
        found += difflib.get_close_matches(wanted, self._index, n=n, cutoff=0.5)
        return tuple(dict.fromkeys(found))[:n]

    def _resolve(self, item: "Item | str") -> Item:
        if isinstance(item, str):
            return self[item]
        if isinstance(item, (Domain, Competency, Indicator)) and self._index.get(item.id) == item:
            return item
        item_id = getattr(item, "id", None)
        raise UnknownItemError(
            str(item_id) if item_id is not None else repr(item),
            self.edition,
            (),
            reason="the item does not belong to this framework",
        )

    def domain(self, key: str) -> Domain:
        """The domain with this key (``"cognitive"``) or ID (``"2020:cognitive"``)."""
        item = self[key]
        if not isinstance(item, Domain):
            raise UnknownItemError(key, self.edition, (), reason="not a domain")
        return item

    # -- iteration ------------------------------------------------------------------

    @property
    def children(self) -> tuple[Domain, ...]:
        """The domains: the framework is the root of the tree."""
        return self.domains

    def __iter__(self) -> Iterator[Domain]:
        """The domains, in publication order.

        One rule for every node of the tree: iterating gives the ``children`` (a framework's
        domains, a domain's competencies, a competency's indicators, an indicator's
        sub-indicators) and ``len()`` counts them. ``items()`` walks every node; ``fw[id]``,
        ``fw.get(id)`` and ``id in fw`` look items up at any depth.

        >>> import edcompetencies as ec
        >>> fw = ec.load(2020)
        >>> len(fw), [d.key for d in fw][:2], len(fw["cognitive"]), len(fw["cognitive.3"])
        (4, ['intrapersonal', 'interpersonal'], 6, 5)
        """
        return iter(self.domains)

    def __len__(self) -> int:
        """How many domains (``len(children)``)."""
        return len(self.domains)

    def __bool__(self) -> bool:
        """Always true, even without children: ``if item:`` tests that there is an item."""
        return True

    def competencies(self) -> Iterator[Competency]:
        """Every competency, domain by domain, in publication order."""
        for domain in self.domains:
            yield from domain.competencies

    def indicators(self) -> Iterator[Indicator]:
        """Every indicator node, depth-first (each indicator, then its sub-indicators)."""
        for competency in self.competencies():
            yield from competency.walk()

    def items(self) -> Iterator[Item]:
        """Every node in document order: each domain, its competencies and their indicators."""
        return iter(self._index.values())

    # -- navigation -----------------------------------------------------------------

    def parent(self, item: "Item | str") -> "Domain | Competency | Indicator | None":
        """The node that holds *item* (``None`` for a domain)."""
        return self._parents.get(self._resolve(item).id)

    def ancestors(self, item: "Item | str") -> "tuple[Domain | Competency | Indicator, ...]":
        """The nodes that hold *item*, nearest first, ending with its domain.

        >>> import edcompetencies as ec
        >>> [a.id for a in ec.load(2020).ancestors("instructional.4.a.ii")]
        ['2020:instructional.4.a', '2020:instructional.4', '2020:instructional']
        """
        chain: list[Item] = []
        current = self.parent(item)
        while current is not None:
            chain.append(current)
            current = self._parents.get(current.id)
        return tuple(chain)

    def competency_of(self, item: "Competency | Indicator | str") -> Competency:
        """The competency an indicator belongs to (a competency is its own)."""
        resolved = self._resolve(item)
        if isinstance(resolved, Competency):
            return resolved
        if isinstance(resolved, Domain):
            raise UnknownItemError(resolved.id, self.edition, (), reason="a domain has no competency")
        found = self[resolved.competency_id]
        assert isinstance(found, Competency)
        return found

    def domain_of(self, item: "Item | str") -> Domain:
        """The domain an item belongs to."""
        return self.domain(self._resolve(item).domain_key)

    # -- notes ------------------------------------------------------------------

    def notes_for(self, item: "Item | str") -> tuple[SourceNote, ...]:
        """The source notes that concern *item* (or, with ``str(edition)``, the publication)."""
        if isinstance(item, str) and item.strip() == str(self.edition):
            wanted = str(self.edition)
        else:
            wanted = self._resolve(item).id
        return tuple(note for note in self.notes if wanted in note.items)

    # -- selection and search ---------------------------------------------------

    def select(
        self,
        *,
        domains: "str | Iterable[str] | None" = None,
        themes: "str | Theme | Iterable[str | Theme] | None" = None,
        mode: str = "any",
        ids: "str | Iterable[str] | None" = None,
    ) -> "Framework":
        """A pruned framework: the items that pass every given condition, and their ancestors.

        ``domains`` (keys, names or IDs) keeps those domains; ``themes`` keeps the items
        tagged with any (``mode="any"``) or all (``mode="all"``) of the themes; ``ids`` keeps
        those items. An item that passes is kept whole, with its descendants; an item that
        does not is kept only to hold descendants that do. The result is an ordinary
        Framework (same edition, same IDs), so selections compose and every other part of
        the library works on them. Source notes are kept for the items still there.

        >>> import edcompetencies as ec
        >>> fw = ec.load(2020)
        >>> se = fw.select(domains=["cognitive"], themes=["SE"])
        >>> [i.id for i in se.indicators()]
        ['2020:cognitive.4.b', '2020:cognitive.4.c', '2020:cognitive.4.d', '2020:cognitive.6.a']
        >>> se.select(ids=["cognitive.6"]).ids()
        ('2020:cognitive', '2020:cognitive.6', '2020:cognitive.6.a')

        A theme on a framework without tags (the 2015 edition) raises
        :class:`~edcompetencies.errors.NoThemesError`; an unknown theme,
        :class:`~edcompetencies.errors.UnknownThemeError`; an unknown domain or ID,
        :class:`~edcompetencies.errors.UnknownItemError` with suggestions.
        """
        return _up().select(self, domains=domains, themes=themes, mode=mode, ids=ids)

    def search(
        self,
        query: str,
        *,
        match: str = "all",
        kinds: "str | Iterable[str] | None" = None,
        limit: int | None = None,
        mode: str | None = None,
    ) -> "SearchResultsLike":
        """Items whose text matches *query*, best first, with the words that matched.

        Words match whatever their case, accents or quotes, in singular or plural, and a
        word of three letters or more also matches the longer words it begins (``trauma``
        finds ``trauma-informed``); ``"quoted phrases"`` match as a whole. By default an item
        must match every term (``match="all"``); ``match="any"`` ranks items matching more
        terms first (the command line's ``--match``; ``mode=`` is the keyword's older name and
        still works). ``kinds`` limits the search to ``"domain"``, ``"competency"``,
        ``"indicator"`` or ``"sub-indicator"``.

        >>> import edcompetencies as ec
        >>> hits = ec.load(2020).search("trauma")
        >>> [(hit.id, hit.words) for hit in hits]
        [('2020:intrapersonal.5.b', ('trauma',)), ('2020:interpersonal.1.e', ('trauma',)),
         ('2020:cognitive.6.a', ('trauma',)), ('2020:interpersonal.1.e.i', ('traumatic',))]
        >>> hits[0].highlight()
        'Recognize challenges stemming from personal [trauma], [trauma]-adjacency and/or stress...'
        """
        return _up().search(self, query, match=match, mode=mode, kinds=kinds, limit=limit)

    # -- tables and printable views ------------------------------------------------

    def to_records(self) -> "list[dict[str, Any]]":
        """One flat row per item, in document order, ready for a DataFrame or ``csv.DictWriter``.

        Columns: ``edition``, ``id``, ``kind`` (domain, competency, indicator, sub-indicator),
        ``domain`` (key), ``domain_name``, ``competency`` (its number), ``label``, ``depth``
        (0 for a domain, 1 for a competency, 2 for an indicator, 3 for a sub-indicator),
        ``path`` (the ID without its edition), ``parent`` (ID), ``title``, ``text`` and
        ``themes`` (codes separated by spaces, ``"EI RL"``).

        >>> import edcompetencies as ec
        >>> row = ec.load(2020).to_records()[3]
        >>> row["id"], row["kind"], row["competency"], row["label"], row["depth"], row["themes"]
        ('2020:intrapersonal.1.b', 'indicator', 1, 'b', 2, 'EI RL')
        """
        return _up().records(self)

    def to_dataframe(self) -> "pandas.DataFrame":
        """:meth:`to_records` as a pandas DataFrame (install the ``pandas`` extra)."""
        return _up().dataframe(self)

    def to_csv(self, *, escape_formulas: bool = True) -> str:
        """:meth:`to_records` as CSV text (a header row; RFC 4180 quoting and CRLF line ends).

        Text cells a spreadsheet would run as a formula are neutralised unless
        ``escape_formulas=False`` (see docs/safety.md)."""
        return _up().csv(self, escape_formulas=escape_formulas)

    def to_jsonl(self) -> str:
        """:meth:`to_records` as JSON Lines: one JSON object per item and line."""
        return _up().jsonl(self)

    def to_markdown(self, *, notes: bool = True, caption: str | None = None) -> str:
        """The framework as Markdown laid out like the publication (theme key, badges, source notes).

        *caption*, in italics under the title, can say what a selection holds.
        """
        return _up().markdown(self, notes=notes, caption=caption)

    def to_html(self, *, document: bool = True, notes: bool = True, caption: str | None = None) -> str:
        """The framework as a self-contained, printable HTML page (``document=False``: a fragment).

        Every text is escaped; items carry their IDs as HTML ``id`` attributes, so a page can
        link to ``#2020:instructional.4.a``. *caption*, under the title, can say what a
        selection holds.
        """
        return _up().html(self, document=document, notes=notes, caption=caption)

    def render(self, format: str = "text", *, caption: str | None = None) -> str:
        """The framework as ``"text"`` (the default), ``"csv"``, ``"jsonl"``, ``"json"`` (the
        library's own format), ``"markdown"`` or ``"html"`` (headed by *caption*); an unknown
        format raises :class:`~edcompetencies.errors.UnknownFormatError`."""
        return _up().render(self, format, caption=caption)

    # -- display ----------------------------------------------------------------

    def __repr__(self) -> str:
        n = sum(len(d.competencies) for d in self.domains)
        return f"<Framework {self.edition}: {self.title!r}, {len(self.domains)} domains, {n} competencies>"

    def _repr_html_(self) -> str:
        """Notebook display: the framework laid out like the publication (a fragment of :meth:`to_html`)."""
        return self.to_html(document=False, notes=False)


def require_framework(
    function: str, value: object, name: str = "fw", *, made_by: str = "ec.load(), ec.loads()"
) -> Framework:
    """*value* when it is a :class:`Framework`, else an :class:`~edcompetencies.errors.ArgumentTypeError`
    naming *function*'s argument *name* and where a framework comes from (*made_by*): the one check of
    every function that takes a framework."""
    if not isinstance(value, Framework):
        raise ArgumentTypeError(function, name, f"a Framework ({made_by})", value)
    return value


attrs.resolve_types(Indicator)
attrs.resolve_types(Competency)
attrs.resolve_types(Domain)
attrs.resolve_types(SourceNote)
attrs.resolve_types(Framework)
