"""The CASE reader: :func:`read`, :func:`load` and :func:`loads` turn any CFPackage into the model.

The reader (:class:`Reader`) checks as it goes and builds the model in passes: items, the
``isChildOf`` edges (one parent each), the tree (cycles and depth in one linear pass, siblings
ordered), the levels, then the model objects with IDs chosen sibling group by sibling group.
It raises :class:`~edcompetencies.errors.CaseFormatError` only when no tree can be built or a
text cannot be held (see below); everything else it cannot use is recorded, with its JSON
path, in ``CaseImport.ignored``.

It is written by hand rather than with a configured converter because it is *tolerant*: a
converter stops at the first value that does not fit, where this reader bends what it can and
records each thing it set aside with its path. Real packages need that: 4 of the 17 written by
other tools in the test bed (``../shared/reference/case/real/``) read only that way, with 22
entries in ``ignored`` (51 items typed against their place in the tree, one entry per type and
file; 15 items with no parent edge, in one entry; 17 ``\\f`` escapes where LaTeX's ``\\frac``
was meant); a hand-edited variant repeats an association byte for byte; and the 2017 OpenSALT
example has string ``sequenceNumber``s and a field no CASE version has. IDs are also chosen across sibling groups
(codes, enumerations, positions), which no per-object structuring does.

What it refuses, with the JSON path and the identifier: text holding control characters other
than tab and newline (line ends CR LF and CR are read as LF; a form feed or backspace, which
in a statement comes in practice from a JSON ``\\f`` / ``\\b`` escape, is read back as the two
characters of the LaTeX command that was meant, and reported), bidirectional controls or lone
surrogates; the
rules are :mod:`edcompetencies._rules`' (numbers are ASCII digits, patterns match whole strings).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from typing import Any, Literal, overload

import attrs

from .._case_names import (
    INTERNAL_ASSOCIATIONS,
    INTERNAL_RUBRICS,
    PACKAGE_EXTENSIONS,
    SHARED_EDGE_FIELDS,
    SHARED_ITEM_FIELDS,
)
from .._model import Competency, Domain, Framework, Indicator, Metadata, NoteKind, SourceNote, Theme
from .._rules import (
    MAX_DIGITS,
    MAX_FILE_BYTES,
    MAX_LABEL,
    ascii_number,
    collector_paused,
    is_clean_json,
    is_key,
    is_label,
    is_name,
    json_text_is_clean,
    read_file,
    surrogate_at,
    text_problem,
    type_name,
)
from ..errors import ArgumentTypeError, ArgumentValueError, CaseFormatError
from ..errors import _shown_value as _shown
from ._identifiers import association_name, document_name, is_uuid, item_name, name_uuid, node_key
from ._mapping import (
    EXTENSION,
    EXTENSION_FORMAT,
    concept_definition,
    date_time,
    derive_competency,
    derive_document,
    derive_domain,
    derive_indicator,
    edition_from_version,
    item_type_definition,
    license_definition,
    themes_from_keywords,
    type_link,
    type_link_of,
    written_competency,
    written_document,
    written_domain,
    written_indicator,
    written_item,
)
from ._types import CaseAssociation, CaseImport, CaseItem, Ignored

__all__ = ["MAX_BYTES", "MAX_DEPTH", "Reader", "load", "loads", "read"]

MAX_DEPTH = 100
"""The deepest hierarchy read (levels below the CFDocument); deeper packages are refused."""

MAX_BYTES = MAX_FILE_BYTES
"""The largest file :func:`read` reads unless ``max_bytes=`` says otherwise: 256 MiB.

About 65 times the largest real package in the test bed (3.8 MB); a package of 100,000 items
is about 120 MB."""

Source = str | os.PathLike[str] | Mapping[str, Any]


def read(source: Source, *, edition: int | str | None = None, max_bytes: int = MAX_BYTES) -> CaseImport:
    """Read a CASE package (a path to its JSON file, or the decoded mapping) into the model.

    The tree is rebuilt from the ``isChildOf`` associations, siblings in ``sequenceNumber``
    order (then ``listEnumeration``, then ``humanCodingScheme``, as OpenSALT orders them);
    items without a parent are domains, whether or not they have an edge to the CFDocument.
    ``edition`` overrides the edition (the ID prefix) read from the package. A path must name
    a regular file of at most ``max_bytes`` bytes (:data:`MAX_BYTES`, 256 MiB, by default).

    A package that cannot give a tree (no CFDocument, a cycle, an ``isChildOf`` edge to an
    unknown item, two items with one identifier ...) or holds text the model cannot hold
    raises :class:`~edcompetencies.errors.CaseFormatError` naming the JSON path and the
    identifier. Anything else that cannot be used is listed in ``ignored``.
    """
    with collector_paused():  # until the decoded package is freed: the collector would walk all of it
        reader, data = _opened("case.read()", source, edition, max_bytes)
        result = reader.read(data, edition)
        del reader, data
    return result


def _opened(function: str, source: Source, edition: object, max_bytes: int) -> tuple[Reader, object]:
    """The reader for *source* and the package it holds (decoded, when *source* is a path)."""
    _check_edition(function, edition)
    if isinstance(source, Mapping):
        return Reader("<package>"), source
    if isinstance(source, (str, os.PathLike)):
        name = os.fspath(source)
        if not isinstance(name, str):
            raise ArgumentTypeError(function, "source", "a path, or a decoded CFPackage mapping", source)
        if isinstance(max_bytes, bool) or not isinstance(max_bytes, int):
            raise ArgumentTypeError(function, "max_bytes", "an integer", max_bytes)
        if max_bytes < 0:
            raise ArgumentValueError(function, "max_bytes", "a number of bytes (0 or more)", max_bytes)
        reader = Reader(name)
        return reader, reader.decode(_read_file(name, max_bytes))
    raise CaseFormatError(
        f"expected a CFPackage mapping or the path of a JSON file, found {type_name(source)}",
        source="<package>",
    )


def load(source: Source, *, edition: int | str | None = None, max_bytes: int = MAX_BYTES) -> Framework:
    """The framework in a CASE package (a path or the decoded mapping); see :func:`read`.

    It reads and checks what :func:`read` does, but builds only the framework (not the
    :class:`CaseImport` rows of every item and association).

    >>> import edcompetencies as ec
    >>> from edcompetencies import case
    >>> case.load(case.export(ec.load(2015))) == ec.load(2015)
    True
    """
    with collector_paused():  # until the decoded package is freed (see read())
        reader, data = _opened("case.load()", source, edition, max_bytes)
        framework = reader.framework(data, edition)
        del reader, data
    return framework


def loads(text: str | bytes, *, source: str = "<string>", edition: int | str | None = None) -> Framework:
    """The framework in a CASE package given as JSON text (``str`` or UTF-8 ``bytes``); see :func:`read`.

    A UTF-8 byte order mark at the start is allowed, as :func:`edcompetencies.loads` allows it.
    """
    if not isinstance(source, str):
        raise ArgumentTypeError("case.loads()", "source", "a string (the name shown in errors)", source)
    _check_edition("case.loads()", edition)
    with collector_paused():  # until the decoded package is freed (see read())
        reader = Reader(source)
        framework = reader.framework(reader.decode(text), edition)
        del reader
    return framework


def _read_file(name: str, max_bytes: int) -> bytes:
    try:
        return read_file(name, max_bytes)
    except (OSError, ValueError) as exc:  # ValueError: a NUL in the path
        reason = getattr(exc, "strerror", None) or str(exc)
        if "more than the limit" in reason:
            reason += "; case.read(..., max_bytes=) reads larger files"
        raise CaseFormatError(f"cannot read the file: {reason}", source=name) from None


def _check_edition(function: str, edition: object) -> None:
    if edition is None:
        return
    if isinstance(edition, bool) or not isinstance(edition, (int, str)):
        raise ArgumentTypeError(function, "edition", "an int, a str or None", edition)
    if isinstance(edition, int) and not 0 <= edition < 10**MAX_DIGITS:
        raise ArgumentValueError(function, "edition", f"a number from 0 to {10**MAX_DIGITS - 1:,}", edition)
    if isinstance(edition, str) and edition_from_version(edition) is None:
        raise ArgumentValueError(
            function, "edition", "an edition name: ASCII letters, digits, '.', '_' or '-'", edition
        )


def _json_text(value: object) -> str:
    """JSON text of fields kept as they are: UTF-8 characters, but a lone surrogate escaped (encodable)."""
    try:
        text = json.dumps(value, ensure_ascii=False, default=repr)
        return json.dumps(value, default=repr) if surrogate_at(text) is not None else text
    except (TypeError, ValueError):  # built in Python: a cycle, a key that is no string, a 5,000-digit integer
        return json.dumps(_shown(value, limit=10_000), ensure_ascii=False)


_ENUMERATION = re.compile(r"\W*([A-Za-z0-9]+)\W*")
_DIGIT_RUNS = re.compile(r"([0-9]+)")
_YEAR = re.compile(r"\s*([0-9]{4})-")
_MEMBER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
# Strings (skipped whole) and brackets: enough to find how deep a JSON text nests.
_NESTING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]')
_NESTING_SHOWN = 500
_DOC = -1  # the CFDocument, as a parent
_LATEX_ESCAPES = {"\x0c": ("\\f", "\\frac"), "\x08": ("\\b", "\\beta")}

# Fields each CASE object may have (CASE 1.1, plus the 1.0 fields later dropped).
_TOP_FIELDS = {"CFDocument", "CFItems", "CFAssociations", "CFDefinitions", "CFRubrics", "extensions"}
_DOCUMENT_FIELDS = {
    "identifier", "uri", "frameworkType", "caseVersion", "creator", "title", "lastChangeDateTime",
    "officialSourceURL", "publisher", "description", "subject", "subjectURI", "language", "version",
    "adoptionStatus", "statusStartDate", "statusEndDate", "licenseURI", "notes", "extensions", "CFPackageURI",
}  # fmt: skip
_ITEM_FIELDS = {
    "identifier", "fullStatement", "alternativeLabel", "CFItemType", "uri", "humanCodingScheme",
    "listEnumeration", "abbreviatedStatement", "conceptKeywords", "conceptKeywordsURI", "notes", "subject",
    "subjectURI", "language", "educationLevel", "CFItemTypeURI", "licenseURI", "statusStartDate",
    "statusEndDate", "lastChangeDateTime", "extensions", "CFDocumentURI",
}  # fmt: skip
_ASSOCIATION_FIELDS = {
    "identifier", "associationType", "sequenceNumber", "uri", "originNodeURI", "destinationNodeURI",
    "CFAssociationGroupingURI", "lastChangeDateTime", "notes", "extensions", "CFDocumentURI",
}  # fmt: skip

# CFItemType names that say which level of the model an item is.
_TYPE_LEVELS = {"domain": 0, "competency": 1, "indicator": 2, "sub-indicator": 3, "subindicator": 3}
_LEVEL_NAMES = (("a domain", "domains"), ("a competency", "competencies"), ("an indicator", "indicators"))
_GROUP_SHOWN = 5  # items named in one ignored entry about many

# What our own extension may carry, per kind of object.
_EXT_DOCUMENT = {"format", "format_version", "edition", "title", "publishers", "year", "license", "citation"}
_EXT_DOCUMENT |= {"url", "source", "notes"}
_EXT_KEPT = {"crosswalk"}  # ours, but not model fields: left in the unmapped fields
_EXT_FIELDS = (
    {"key", "name", "description", "tagline", "overview"},
    {"number", "statement", "title", "themes"},
    {"label", "text", "themes"},
)
_EXT_ITEM = _EXT_FIELDS[0] | _EXT_FIELDS[1] | _EXT_FIELDS[2]
# The CFItem fields the model or CaseItem's columns hold (the others are CaseItem.unmapped).
_CONSUMED = frozenset({"identifier", "uri", "fullStatement", "humanCodingScheme", "listEnumeration", "CFItemType"})
# The CFItem's text fields, in the order Reader.item() reads them.
_TEXT_FIELDS = (
    "fullStatement", "abbreviatedStatement", "alternativeLabel", "CFItemType", "humanCodingScheme", "listEnumeration"
)  # fmt: skip
_NO_THEMES: frozenset[Theme] = frozenset()
_NO_EXTENSION: dict[str, Any] = {}  # an item without extensions (never changed)
_NO_TEXTS: dict[str, Any] = {}  # an item whose text fields needed no cleaning (never changed)

# What the CASE REST API answers besides packages, recognised by their keys (issue 11 item 13).
_API_ANSWERS = (
    ("CFDocuments", "a list of CFDocuments (the CASE API's /CFDocuments answer)"),
    ("CFItem", "one CFItem with its associations (the CASE API's /CFItemAssociations answer)"),
    ("CFAssociations", "a list of CFAssociations without a CFDocument"),
    ("CFItems", "a list of CFItems without a CFDocument"),
    ("CFConcepts", "a list of CFConcepts (the CASE API's /CFConcepts answer)"),
    ("CFItemTypes", "a list of CFItemTypes (the CASE API's /CFItemTypes answer)"),
    ("CFSubjects", "a list of CFSubjects (the CASE API's /CFSubjects answer)"),
    ("CFLicenses", "a list of CFLicenses"),
    ("CFAssociationGroupings", "a list of CFAssociationGroupings"),
    ("CFRubrics", "CFRubrics without a CFDocument"),
    ("associationType", "one CFAssociation (the CASE API's /CFAssociations/{id} answer)"),
    ("fullStatement", "one CFItem (the CASE API's /CFItems/{id} answer)"),
    ("creator", "a CFDocument on its own (the CASE API's /CFDocuments/{id} answer)"),
)


def _not_a_package(data: Mapping[str, Any]) -> str:
    """Why a JSON object is not a CFPackage, naming what it is when it is another CASE API answer."""
    for key, what in _API_ANSWERS:
        if key in data:
            return (
                f"missing CFDocument: not a CASE package but {what}; "
                "a package is the CASE API's /CFPackages/{identifier} answer"
            )
    return "missing CFDocument: not a CASE package"


def _member(path: str, key: object) -> str:
    """The JSON path of an object's member: ``$.a.b``, or ``$.a["odd key"]``."""
    if isinstance(key, str) and _MEMBER.fullmatch(key):
        return f"{path}.{key}"
    return f"{path}[{json.dumps(key if isinstance(key, str) else _shown(key), ensure_ascii=True)}]"


def _natural(text: str | None) -> tuple[int, tuple[tuple[int, int, str], ...]]:
    """A sort key that compares runs of ASCII digits as numbers (``L1.2`` before ``L1.10``), of any length."""
    if text is None:
        return (1, ())
    parts = _DIGIT_RUNS.split(text)  # text, digits, text, digits, ..., text
    key = []
    for n, part in enumerate(parts):
        if n % 2:
            digits = part.lstrip("0")
            key.append((0, len(digits), digits))  # by length, then digit by digit: no int() of 5,000 digits
        elif part:
            key.append((1, 0, part.casefold()))
    return (0, tuple(key))


def _slug(text: str) -> str | None:
    """A domain key made of a code or a name: ``"CCSS.Math.6.RP"`` -> ``"ccss-math-6-rp"``."""
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    if slug and not slug[0].isalpha():
        slug = "d" + slug
    return slug if is_key(slug) else None


def _nesting(text: str) -> str:
    """Where a JSON text nests deepest (or first nests :data:`_NESTING_SHOWN` levels deep), for a message."""
    depth = deepest = where = 0
    for match in _NESTING.finditer(text):
        bracket = match.group()
        if bracket in "[{":
            depth += 1
            if depth > deepest:
                deepest, where = depth, match.start()
                if depth >= _NESTING_SHOWN:
                    break
        elif bracket in "]}":
            depth -= 1
    line = text.count("\n", 0, where) + 1
    column = where - (text.rfind("\n", 0, where) + 1) + 1
    more = "at least " if deepest >= _NESTING_SHOWN else ""
    return f"{more}{deepest} arrays and objects inside one another by line {line} column {column}"


@attrs.define
class _Node:
    """A CFItem while the tree is built (mutable, private)."""

    index: int
    identifier: str
    path: str
    raw: Mapping[str, Any]
    full: str
    abbreviated: str | None
    alternative: str | None
    code: str | None
    enumeration: str | None
    item_type: str | None
    themes: frozenset[Theme]
    ext: dict[str, Any]
    consumed: frozenset[str]  # the fields the model or CaseItem's columns hold
    texts: dict[str, Any]  # the standard text fields (and the uri) that cleaning changed, cleaned
    parent: int | None = None
    sequence: int | None = None
    edge: Mapping[str, Any] | None = None  # the isChildOf association that placed the item
    edge_path: str = ""
    children: list[int] = attrs.Factory(list)
    depth: int = 0
    id: str = ""
    uri: str | None = None

    def unmapped(self) -> dict[str, Any]:
        """The fields :attr:`consumed` leaves (``CaseItem.unmapped``), less our extension's model fields.

        Made when asked (by :meth:`Reader.case_import`, and for an item with extensions): not for
        every item of every load."""
        out = {k: v for k, v in self.raw.items() if k not in self.consumed}
        if self.ext:  # what is left of the extensions once the model fields are taken out
            left = {k: v for k, v in out["extensions"][EXTENSION].items() if k not in self.ext}
            rest = {k: v for k, v in out["extensions"].items() if k != EXTENSION}
            rest |= {EXTENSION: left} if left else {}
            if rest:
                out["extensions"] = rest
            else:
                del out["extensions"]
        return out


_Link = tuple[str, str | None, str | None]  # (identifier, uri, title) of a LinkGenURI
_Edge = tuple[int, int | None, str, str | None, Mapping[str, Any]]  # (parent, sequence, path, identifier, raw)


@attrs.define
class _Edges:
    """The isChildOf associations read, by child: the first of each, and any more (rare)."""

    first: dict[int, _Edge] = attrs.Factory(dict)
    more: dict[int, list[_Edge]] = attrs.Factory(dict)


_Kept = tuple[Mapping[str, Any], str | None, str, _Link, _Link, str]  # an association other than the tree's edges


class Reader:
    """One reading of one package: collects what it ignores, raises what it cannot read."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.root = "$"  # "$.CFPackage" when the package comes wrapped
        self.ignored: list[tuple[str, str, str | None]] = []
        self.unknown_fields: dict[tuple[str, str], int] = {}
        self.duplicates: list[tuple[dict[str, Any], list[str]]] = []
        self.keys: dict[str, str] = {}
        self.order: list[_Node] = []
        self.clean_text = False  # the JSON text holds nothing text_problem refuses (see decode())
        self.owned = False  # the data is the reader's own decoding (nothing else holds its values)
        self.shared_item: dict[str, Any] = {}  # bookkeeping fields every CFItem has alike (see shared())
        self.shared_edge: dict[str, Any] = {}  # the same, of the isChildOf associations
        self.item_excluded: set[str] = set()  # the CFItem fields not kept as they are: written, or shared
        self.edge_excluded: set[str] = set()  # the same, of the isChildOf associations
        self.extended = False  # some item has the library's extension (see extension())
        self.copies: set[int] = set()  # id() of the exact copies skipped (not kept in the metadata either)
        self.when = date_time(None)  # the lastChangeDateTime an export would write
        self.type_links: dict[str, dict[str, str]] = {}  # CFItemType title -> the link to its definition
        self.ours = False  # the package is one of the library's exports (its extension says so)
        self.written_types: set[str] = set()  # the CFItemTypes and themes an export defines itself
        self.written_themes: set[Theme] = set()
        self.document = ""  # the CFDocument's name in the library's identifiers (document:<edition>)
        self.parts: tuple[str, list[_Node], dict[str, int], list[_Kept], Mapping[str, Any], Mapping[str, Any]]

    # -- reporting ----------------------------------------------------------------

    def fail(self, path: str, message: str, identifier: str | None = None) -> CaseFormatError:
        return CaseFormatError(message, source=self.source, path=path, identifier=identifier)

    def ignore(self, path: str, message: str, identifier: str | None = None) -> None:
        self.ignored.append((path, message, identifier))

    # -- decoding -------------------------------------------------------------------

    def decode(self, text: object) -> object:
        """The JSON value of *text* (``str`` or UTF-8 ``bytes``, a leading byte order mark allowed)."""
        if isinstance(text, (bytes, bytearray)):
            try:
                text = bytes(text).decode("utf-8-sig")
            except UnicodeDecodeError as exc:
                raise self.fail("$", f"not UTF-8 text: {exc.reason} at byte {exc.start}") from None
        if not isinstance(text, str):
            raise self.fail("$", f"expected JSON text, found {type_name(text)}")
        text = text.removeprefix("\ufeff")  # the same rule as the framework reader's
        # JSON text with no forbidden character and no NaN/Infinity decodes to values whose every
        # text passes text_problem: then keep() need not walk each kept value (a third of the cost
        # of a 10,000-item package's metadata); a false alarm only sends it down the slow path
        self.clean_text = json_text_is_clean(text)
        self.owned = True

        def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
            out = dict(items)
            if len(out) != len(items):
                counts = Counter(key for key, _ in items)
                self.duplicates.append((out, [key for key, count in counts.items() if count > 1]))
            return out

        def constant(name: str) -> float:
            self.clean_text = False  # NaN, Infinity or -Infinity: no JSON number
            return float(name.replace("Infinity", "inf"))

        try:
            with collector_paused():
                return json.loads(text, object_pairs_hook=pairs, parse_constant=constant)
        except json.JSONDecodeError as exc:
            raise self.fail("$", f"malformed JSON at line {exc.lineno} column {exc.colno}: {exc.msg}") from None
        except RecursionError:
            raise self.fail("$", f"the JSON is nested too deeply ({_nesting(text)})") from None
        except ValueError as exc:  # e.g. an integer too long to convert
            raise self.fail("$", f"malformed JSON: {exc}") from None

    def report_duplicates(self, data: object) -> None:
        """One ignored entry per JSON object that repeats keys, at its path (found only when there are some)."""
        if not self.duplicates:
            return
        wanted = {id(obj): keys for obj, keys in self.duplicates}
        stack: list[tuple[str, object]] = [("$", data)]
        while stack:
            path, value = stack.pop()
            if isinstance(value, dict):
                keys = wanted.get(id(value))
                if keys is not None:
                    listed = ", ".join(repr(k) for k in sorted(keys))
                    ident = value.get("identifier")
                    what = (
                        f"the key {listed}; its last value"
                        if len(keys) == 1
                        else f"the keys {listed}; the last value of each"
                    )
                    self.ignore(
                        path,
                        f"a JSON object repeats {what} was used",
                        ident if isinstance(ident, str) and text_problem(ident) is None else None,
                    )
                children = [(_member(path, k), v) for k, v in value.items()]
            elif isinstance(value, list):
                children = [(f"{path}[{n}]", v) for n, v in enumerate(value)]
            else:
                continue
            stack.extend(child for child in reversed(children) if isinstance(child[1], (dict, list)))
        self.duplicates.clear()

    def clean(self, value: str, path: str, identifier: str | None) -> str:
        """Text as the model holds it (line ends as LF), or a CaseFormatError when it cannot be held."""
        if text_problem(value) is None:  # nearly always: one regular expression search
            return value
        if "\r" in value:
            value = value.replace("\r\n", "\n").replace("\r", "\n")
        for char, (meant, example) in _LATEX_ESCAPES.items():
            if char in value:
                value = value.replace(char, meant)
                self.ignore(
                    path,
                    f'U+{ord(char):04X}, what a JSON "{meant}" escape gives, read as the two characters '
                    f"{meant}: a LaTeX command such as {example} written with one backslash",
                    identifier,
                )
        problem = text_problem(value)
        if problem is not None:
            raise self.fail(
                path,
                f"{problem}: text may not hold control characters (but tab and newline), "
                "bidirectional controls or lone surrogates",
                identifier,
            )
        return value

    # -- values ---------------------------------------------------------------------

    def text(self, raw: Mapping[str, Any], key: str, path: str, identifier: str | None) -> str | None:
        """A string field that is present and not blank, else None (reporting a wrong type)."""
        value = raw.get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            self.ignore(f"{path}.{key}", f"expected a string, found {type_name(value)}; ignored", identifier)
            return None
        if not value.isprintable() and text_problem(value) is not None:  # printable: no control of any kind
            value = self.clean(value, f"{path}.{key}", identifier)
        return value if value.strip() else None

    def identifier(self, value: object, path: str) -> str:
        if not isinstance(value, str) or not value.strip():
            found = "an empty string" if isinstance(value, str) else type_name(value)
            raise self.fail(path, f"expected an identifier (a non-empty string), found {found}")
        self.check_identifier(value, path)
        return value

    def check_identifier(self, value: str, path: str) -> None:
        problem = text_problem(value)
        if problem is not None:
            raise self.fail(path, f"the identifier {value!r} cannot be read: {problem}")

    def key(self, identifier: str) -> str:
        """Identifiers are compared as written, except that UUIDs ignore case.

        Only for identifiers already checked (:meth:`check_identifier`): :meth:`link` checks
        only the identifiers it does not find here (a package repeats each one several times).
        """
        found = self.keys.get(identifier)
        if found is None:
            stripped = identifier.strip()
            found = self.keys[identifier] = stripped.lower() if is_uuid(stripped) else stripped
        return found

    def link(
        self, owner: Mapping[str, Any], field: str, at: str, ident: str | None
    ) -> tuple[str, str | None, str | None] | None:
        """(identifier, uri, title) of the LinkGenURI / LinkURI object in *owner*'s *field*, or None when
        malformed. *at* is *owner*'s JSON path (the field's path is made only for a message).

        The identifier is checked and its key taken (``self.keys[identifier]`` is there after).
        """
        value = owner.get(field)
        if type(value) is dict or isinstance(value, Mapping):
            identifier = value.get("identifier")
            if isinstance(identifier, str) and identifier.strip():
                if identifier not in self.keys:
                    self.check_identifier(identifier, f"{at}.{field}.identifier")
                    self.key(identifier)
                uri = value.get("uri")
                title = value.get("title")
                if not isinstance(title, str):
                    title = None
                elif not title.isprintable() and text_problem(title) is not None:
                    title = self.clean(title, f"{at}.{field}.title", ident)
                return identifier, uri if isinstance(uri, str) else None, title
        if isinstance(value, str) and value.strip():
            # Some 2017 exports give a bare URI; its last segment is the identifier.
            tail = value.rstrip("/").rsplit("/", 1)[-1]
            if is_uuid(tail):
                self.ignore(
                    f"{at}.{field}",
                    "a bare URI instead of a link object; its last segment read as the identifier",
                    ident,
                )
                self.key(tail)  # a UUID: nothing to check
                return tail, value, None
        return None

    def sequence(self, value: object, path: str, identifier: str | None) -> int | None:
        if value is None:
            return None
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if isinstance(value, str):
            digits = value.strip()
            number = ascii_number(digits.removeprefix("-"))
            if number is not None:
                number = -number if digits.startswith("-") else number
                shown = _shown(value)
                self.ignore(path, f"sequenceNumber {shown} is a string, not an integer; read as {number}", identifier)
                return number
        if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
            self.ignore(path, f"sequenceNumber {value!r} is not an integer; read as {int(value)}", identifier)
            return int(value)
        self.ignore(path, f"sequenceNumber {_shown(value)} is not an integer; ignored", identifier)
        return None

    def unknown(self, kind: str, raw: Mapping[str, Any], known: set[str]) -> None:
        if raw.keys() <= known:
            return
        for key in raw:
            if key not in known:
                self.unknown_fields[kind, str(key)] = self.unknown_fields.get((kind, str(key)), 0) + 1

    def extension(self, raw: Mapping[str, Any], path: str, identifier: str | None, allowed: set[str]) -> dict[str, Any]:
        """The model fields in our own extension object of a CASE object.

        Its other keys stay where they are (in the object's unmapped fields); the ones that are
        not ours either (``crosswalk`` is: the InTASC package's data) are reported.
        """
        extensions = raw.get("extensions")
        if not isinstance(extensions, Mapping) or EXTENSION not in extensions:
            return {}
        ours = extensions[EXTENSION]
        where = f"{path}.extensions.{EXTENSION}"
        if not isinstance(ours, Mapping):
            self.ignore(where, f"expected an object, found {type_name(ours)}; kept as unmapped", identifier)
            return {}
        out: dict[str, Any] = {}
        for key, value in ours.items():
            if key in allowed:
                out[str(key)] = value
            elif key not in _EXT_KEPT:
                self.ignore(
                    _member(where, key),
                    "not a field of the edcompetencies extension here; kept as unmapped",
                    identifier,
                )
        return out

    # -- the package ------------------------------------------------------------------

    def read(self, data: object, edition_override: int | str | None) -> CaseImport:
        """The package in decoded JSON *data* (a CFPackage, or one wrapped in ``{"CFPackage": ...}``)."""
        with self.building():
            return self.case_import(self.package(data, edition_override))

    def framework(self, data: object, edition_override: int | str | None) -> Framework:
        """Only the framework of the package in *data*: what :func:`load` needs (checked alike)."""
        with self.building():
            return self.package(data, edition_override)

    @contextlib.contextmanager
    def building(self) -> Iterator[None]:
        """The collector paused while the (acyclic) model is built; too deep a mapping made an error."""
        with collector_paused():
            try:
                yield
            except RecursionError:  # a Python-built mapping nested deeper than the interpreter goes
                raise self.fail(self.root, "the package is nested too deeply") from None

    def package(self, data: object, edition_override: int | str | None) -> Framework:
        if not isinstance(data, Mapping):
            raise self.fail("$", f"expected a CFPackage (a JSON object with a CFDocument), found {type_name(data)}")
        self.report_duplicates(data)
        if "CFDocument" not in data and set(data) == {"CFPackage"} and isinstance(data["CFPackage"], Mapping):
            data = data["CFPackage"]
            self.root = "$.CFPackage"
            self.ignore(self.root, "the package comes wrapped in a CFPackage object; read from inside it")
        if "CFDocument" not in data:
            raise self.fail(self.root, _not_a_package(data))
        for key in data:
            if key not in _TOP_FIELDS:
                self.ignore(_member(self.root, key), "not a CFPackage field; kept in CaseImport.unmapped")
        doc = data["CFDocument"]
        if not isinstance(doc, Mapping):
            raise self.fail(f"{self.root}.CFDocument", f"expected an object, found {type_name(doc)}")
        doc_identifier = self.identifier(doc.get("identifier"), f"{self.root}.CFDocument.identifier")
        doc_key = self.key(doc_identifier)
        title = self.text(doc, "title", f"{self.root}.CFDocument", doc_identifier)
        if title is None:
            raise self.fail(f"{self.root}.CFDocument.title", "the CFDocument has no title", doc_identifier)
        self.unknown("CFDocument", doc, _DOCUMENT_FIELDS)
        definitions = self.definitions(data.get("CFDefinitions"))

        nodes = self.items(data.get("CFItems"), doc_key, definitions)
        keys = self.keys
        by_key = {keys[n.identifier]: n.index for n in nodes}  # items() took the key of each
        associations = self.associations(data.get("CFAssociations"), nodes, by_key, doc_key)
        roots = self.tree(nodes)

        doc_ext = self.extension(doc, f"{self.root}.CFDocument", doc_identifier, _EXT_DOCUMENT)
        # only the library's own exports can have the identifiers it makes: others' are kept unhashed
        self.ours = doc_ext.get("format") == EXTENSION_FORMAT
        package_edition = self.package_edition(doc, doc_ext, doc_identifier)
        edition = edition_override if edition_override is not None else package_edition
        fw_fields = self.document_fields(doc, doc_ext, title, definitions, doc_identifier)

        levels_offset = self.levels(nodes, roots)
        self.when = date_time(fw_fields["year"])
        self.document = document_name(edition)
        self.shared_item = self.shared([n.raw for n in nodes])
        self.shared_edge = self.shared([n.edge for n in nodes if n.edge is not None])
        self.item_excluded = _ITEM_WRITTEN | self.shared_item.keys()
        self.edge_excluded = _EDGE_WRITTEN | self.shared_edge.keys()
        domains = self.build(nodes, roots, levels_offset, edition, package_edition, title)
        notes = self.notes(
            doc_ext.get("notes"), edition, package_edition, {n.id for n in nodes if n.id}, doc_identifier
        )

        for (kind, key), count in sorted(self.unknown_fields.items()):
            where = {"CFDocument": "CFDocument", "CFItem": "CFItems[*]", "CFAssociation": "CFAssociations[*]"}
            on = "" if kind == "CFDocument" else f" on {count} {kind}{'s' if count > 1 else ''}"
            self.ignore(_member(f"{self.root}.{where[kind]}", key), f"not a CASE {kind} field{on}; kept as unmapped")

        framework = Framework(edition=edition, domains=domains, notes=notes, **fw_fields)
        kept = self.package_metadata(data, doc, doc_identifier, framework, nodes, by_key)
        if kept:  # as read, like an item's (metadata()): freezing 1,000 kept associations was a 25th of a read
            framework = attrs.evolve(framework, metadata=self.metadata(kept))
        self.parts = (doc_identifier, nodes, by_key, associations, doc, data)
        return framework

    def case_import(self, framework: Framework) -> CaseImport:
        """The :class:`CaseImport` of the package :meth:`package` read into *framework*."""
        doc_identifier, nodes, by_key, associations, doc, data = self.parts
        mapped_ids = {n.index: n.id for n in nodes}
        return CaseImport(
            framework=framework,
            document_identifier=doc_identifier,
            items=[
                CaseItem(
                    identifier=n.identifier,
                    id=n.id,
                    uri=n.uri,
                    item_type=n.item_type,
                    human_coding_scheme=n.code,
                    list_enumeration=n.enumeration,
                    path=n.path,
                    unmapped=self.fields(n.unmapped(), n.path, n.identifier),
                )
                for n in self.order  # the nodes in document order, as built
            ],
            associations=[
                self.association(raw, ident, kind, origin, destination, path, by_key, mapped_ids)
                for raw, ident, kind, origin, destination, path in associations
            ],
            ignored=[Ignored(*entry) for entry in self.ignored],
            document=self.fields(
                {k: v for k, v in doc.items() if k not in _DOCUMENT_MAPPED}, f"{self.root}.CFDocument", doc_identifier
            ),
            unmapped=self.fields(
                {k: v for k, v in data.items() if k not in ("CFDocument", "CFItems", "CFAssociations")}, self.root, None
            ),
        )

    def package_metadata(
        self,
        data: Mapping[str, Any],
        doc: Mapping[str, Any],
        ident: str,
        fw: Framework,
        nodes: list[_Node],
        by_key: dict[str, int],
    ) -> dict[str, Any]:
        """The CFDocument's fields and the package's parts an export would not give back (see item_metadata)."""
        root = f"{self.root}.CFDocument"
        written = written_document(fw, identifier=name_uuid(self.document), when=self.when)
        written["uri"] = f"urn:uuid:{ident}"
        meta: dict[str, Any] = {}
        for key, value in written.items():
            got = doc.get(key)
            if isinstance(got, str):
                got = _repaired(got)  # reported when the field was read
            if got != value and not (got is None and key == "version"):  # the version carries the edition
                self.keep(meta, key, got, root, ident)
        extensions = doc.get("extensions")
        if isinstance(extensions, Mapping):
            rest = {k: v for k, v in extensions.items() if k != EXTENSION}
            if rest:
                self.keep(meta, "extensions", rest, root, ident)
        elif extensions is not None:
            self.keep(meta, "extensions", extensions, root, ident)
        for key, value in doc.items():
            if key not in written and key != "extensions" and value is not None:
                self.keep(meta, key, value, root, ident)
        if self.shared_item:
            first = nodes[0]  # the value is the first item's (every item has it alike)
            self.keep(meta, SHARED_ITEM_FIELDS, self.shared_item, first.path, first.identifier, whole=True)
        if self.shared_edge:
            edged = next(n for n in nodes if n.edge is not None)
            self.keep(meta, SHARED_EDGE_FIELDS, self.shared_edge, edged.edge_path, None, whole=True)
        # the package's parts the tree does not hold
        associations = data.get("CFAssociations")
        if isinstance(associations, (list, tuple)):
            edges = {id(n.edge) for n in nodes if n.edge is not None}
            each: dict[str, Any] = {}
            for n, association in enumerate(associations):
                if id(association) not in edges and id(association) not in self.copies and not _is_ours(association):
                    self.keep(each, str(n), association, f"{self.root}.CFAssociations[{n}]", None, whole=True)
            kept = list(each.values())
            if kept:
                meta["CFAssociations"] = kept
                ends = [
                    a.get(side)
                    for a in kept
                    if isinstance(a, Mapping)
                    for side in ("originNodeURI", "destinationNodeURI")
                ]
                internal = self.internal(ends, by_key)
                if internal:
                    meta[INTERNAL_ASSOCIATIONS] = internal
        definitions = data.get("CFDefinitions")
        if isinstance(definitions, Mapping):
            # what an export defines itself, as it defines it (the groupings: of the library's own associations)
            made = {d["identifier"]: d for d in (item_type_definition(t, self.when) for t in self.written_types)}
            made |= {d["identifier"]: d for d in (concept_definition(t, self.when) for t in self.written_themes)}
            if fw.license is not None and "licenseURI" not in meta:
                made[name_uuid(f"license:{fw.license}")] = license_definition(fw.license, self.when)
            ours = {name_uuid(f"grouping:{g}") for g in _GROUPINGS}
            theirs: dict[str, Any] = {}
            for kind, entries in definitions.items():
                if isinstance(entries, (list, tuple)):
                    left = [
                        e
                        for e in entries
                        if not (
                            isinstance(e, Mapping)
                            and isinstance(e.get("identifier"), str)
                            and (made.get(node_key(e["identifier"])) == e or node_key(e["identifier"]) in ours)
                        )
                    ]
                    if left:
                        theirs[kind] = left
                elif entries is not None:
                    theirs[kind] = entries
            if theirs:
                self.keep(meta, "CFDefinitions", theirs, self.root, None)
        elif definitions is not None and definitions != []:
            self.keep(meta, "CFDefinitions", definitions, self.root, None)
        rubrics = data.get("CFRubrics")
        if isinstance(rubrics, (list, tuple)) and rubrics:
            # the toolkit's rubrics an export writes itself (rubrics=True) are not kept, as the lineage is not
            toolkit = {name_uuid(f"rubric:{self.document}:{c.id}") for c in fw.competencies()}
            rubrics = [r for r in rubrics if not (isinstance(r, Mapping) and r.get("identifier") in toolkit)]
        if rubrics is not None and rubrics != []:
            self.keep(meta, "CFRubrics", rubrics, self.root, None)
            # the package's items the criteria name: an export leaves out a criterion whose item is gone
            criteria = [
                c
                for r in (rubrics if isinstance(rubrics, (list, tuple)) else ())
                if isinstance(r, Mapping) and isinstance(r.get("CFRubricCriteria"), (list, tuple))
                for c in r["CFRubricCriteria"]
            ]
            internal = self.internal([c.get("CFItemURI") for c in criteria if isinstance(c, Mapping)], by_key)
            if internal and "CFRubrics" in meta:
                meta[INTERNAL_RUBRICS] = internal
        extensions = data.get("extensions")
        if isinstance(extensions, Mapping):
            rest = {k: v for k, v in extensions.items() if k != EXTENSION}
            if rest:
                self.keep(meta, PACKAGE_EXTENSIONS, rest, self.root, None, "extensions")
        elif extensions is not None:
            self.keep(meta, PACKAGE_EXTENSIONS, extensions, self.root, None, "extensions")
        return meta

    def internal(self, links: list[Any], by_key: dict[str, int]) -> list[str]:
        """The identifiers of the package's items that *links* (link objects kept in the metadata) name,
        sorted: an export of a selection leaves out what names an item it no longer has."""
        named = {i for link in links if isinstance(link, Mapping) and isinstance(i := link.get("identifier"), str)}
        return sorted(i for i in named if self.key(i) in by_key)

    def fields(self, values: Mapping[str, Any], path: str, identifier: str | None) -> str:
        """The JSON object text of fields kept as they are (the model has no place for them)."""
        try:
            return _json_text({str(k): v for k, v in values.items()})
        except RecursionError:
            raise self.fail(path, _TOO_DEEP, identifier) from None

    # -- definitions ----------------------------------------------------------------

    def definitions(self, value: object) -> dict[str, dict[str, str]]:
        """identifier key -> title, per kind of definition (item types, concepts, licenses)."""
        out: dict[str, dict[str, str]] = {"CFItemTypes": {}, "CFConcepts": {}, "CFLicenses": {}}
        if value is None or (isinstance(value, (list, tuple)) and not value):
            return out
        if not isinstance(value, Mapping):
            self.ignore(
                f"{self.root}.CFDefinitions",
                f"expected an object, found {type_name(value)}; not read (kept, and exported back as it is)",
            )
            return out
        for kind, titles in out.items():
            entries = value.get(kind)
            if entries is None:
                continue
            if not isinstance(entries, (list, tuple)):
                self.ignore(
                    f"{self.root}.CFDefinitions.{kind}",
                    f"expected an array, found {type_name(entries)}; not read (kept, and exported back as it is)",
                )
                continue
            for n, entry in enumerate(entries):
                if (
                    isinstance(entry, Mapping)
                    and isinstance(entry.get("identifier"), str)
                    and isinstance(entry.get("title"), str)
                ):
                    where = f"{self.root}.CFDefinitions.{kind}[{n}]"
                    self.check_identifier(entry["identifier"], f"{where}.identifier")
                    titles[self.key(entry["identifier"])] = self.clean(entry["title"], f"{where}.title", None)
                    if kind == "CFItemTypes" and isinstance(entry.get("uri"), str):
                        self.type_links.setdefault(entry["title"], type_link_of(entry))
                else:
                    self.ignore(f"{self.root}.CFDefinitions.{kind}[{n}]", "no identifier and title; ignored")
        return out

    # -- items ------------------------------------------------------------------------

    def items(self, value: object, doc_key: str, definitions: dict[str, dict[str, str]]) -> list[_Node]:
        if value is None:
            return []
        if not isinstance(value, (list, tuple)):
            raise self.fail(f"{self.root}.CFItems", f"expected an array, found {type_name(value)}")
        nodes: list[_Node] = []
        seen: dict[str, int] = {}  # key -> the index of the item with that identifier
        keys = self.keys
        idents: list[Any] = [raw.get("identifier") if raw.__class__ is dict else None for raw in value]
        plain = self.plain_identifiers(idents)
        if plain and list(map(str.lower, idents)) == idents:
            keys.update(zip(idents, idents, strict=True))  # each its own key (no spaces around, no capital letter)
        for n, raw in enumerate(value):
            path = f"{self.root}.CFItems[{n}]"
            if plain:  # objects, with identifiers that need no check, no two alike
                ident = idents[n]
                key = keys[ident] if ident in keys else self.key(ident)
            else:
                found = self.object_identifier(value, n, raw, path, seen, "CFItems", "CFItem", required=True)
                if found is None:
                    continue  # an exact copy, skipped
                ident, key = found
            if key == doc_key:
                raise self.fail(path, f"the item has the CFDocument's identifier {ident!r}", ident)
            nodes.append(self.item(len(nodes), raw, path, ident, definitions))
        return nodes

    def plain_identifiers(self, idents: list[Any]) -> bool:
        """Whether *idents*, the ``identifier`` of each object of an array (None for one that is not an
        object), need no check one by one: all text the model can hold, none blank, no two with one
        key (see :meth:`key`). Tested in C, a pass per rule, where a check and a key per object were
        a twentieth of reading a large package; False only sends each object through the checks."""
        if not idents or set(map(type, idents)) != {str}:
            return False
        if not (self.clean_text or all(map(str.isprintable, idents))):
            return False
        stripped = list(map(str.strip, idents))
        # equal keys have equal lower-case forms: distinct lower-case forms, distinct keys
        return "" not in stripped and len(set(map(str.lower, stripped))) == len(stripped)

    @overload
    def object_identifier(
        self,
        value: list[Any] | tuple[Any, ...],
        n: int,
        raw: object,
        path: str,
        seen: dict[str, int],
        part: str,
        kind: str,
        *,
        required: Literal[True],
    ) -> tuple[str, str] | None: ...

    @overload
    def object_identifier(
        self,
        value: list[Any] | tuple[Any, ...],
        n: int,
        raw: object,
        path: str,
        seen: dict[str, int],
        part: str,
        kind: str,
        *,
        required: bool,
    ) -> tuple[str, str] | tuple[None, None] | None: ...

    def object_identifier(
        self,
        value: list[Any] | tuple[Any, ...],
        n: int,
        raw: object,
        path: str,
        seen: dict[str, int],
        part: str,
        kind: str,
        *,
        required: bool,
    ) -> tuple[str, str] | tuple[None, None] | None:
        """The identifier and key of *raw*, the *n*-th object (a *kind*) of the package's array
        *part* (*value*), checked one object at a time: what :meth:`items` and :meth:`associations`
        do when :meth:`plain_identifiers` cannot vouch for the whole array at once.

        *seen* maps the keys read so far to their objects' positions. None: an exact copy of an
        earlier object with the identifier, reported and skipped (:meth:`repeated`; another object
        with it is refused). An object with no identifier is refused where one is *required*, else
        it has none: ``(None, None)``.
        """
        if type(raw) is not dict and not isinstance(raw, Mapping):
            raise self.fail(path, f"expected a {kind} object, found {type_name(raw)}")
        ident = raw.get("identifier")
        if not isinstance(ident, str) or not ident.strip():
            if not required:
                return None, None
            ident = self.identifier(ident, f"{path}.identifier")  # refuses it
        if not ident.isprintable():  # printable: nothing to refuse (the common case)
            self.check_identifier(ident, f"{path}.identifier")
        key = self.keys.get(ident) or self.key(ident)
        if key in seen:
            first = seen[key]
            self.repeated((f"{self.root}.{part}[{first}]", value[first]), raw, path, ident, kind)
            return None
        seen[key] = n
        return ident, key

    def repeated(
        self, first: tuple[str, Mapping[str, Any]], raw: Mapping[str, Any], path: str, ident: str, kind: str
    ) -> None:
        """A second object with an identifier already read: an exact copy is reported and skipped, else refused."""
        if not _same_json(first[1], raw):
            raise self.fail(
                path, f"duplicate identifier {ident!r} (first at {first[0]}) on a {kind} with other fields", ident
            )
        self.ignore(path, f"an exact copy of the {kind} at {first[0]} (the same identifier and fields); skipped", ident)
        self.copies.add(id(raw))

    def item(
        self, n: int, raw: Mapping[str, Any], path: str, ident: str, definitions: dict[str, dict[str, str]]
    ) -> _Node:
        if not raw.keys() <= _ITEM_FIELDS:
            self.unknown("CFItem", raw, _ITEM_FIELDS)
        get = raw.get
        clean = self.clean_text
        texts: dict[str, Any] = _NO_TEXTS  # the standard text fields that cleaning changed (see item_metadata())
        # The six text fields. One that is text the model can hold as it is (nearly always: the JSON
        # text held nothing to clean, see decode()) and not blank is taken here; any other goes
        # through text(), which reports, cleans or leaves it out. A call of text() per field was a
        # tenth of reading a large package.
        fields: list[str | None] = []
        for key in _TEXT_FIELDS:
            value = get(key)
            if value is not None and not (value.__class__ is str and (clean or value.isprintable()) and value.strip()):
                got = value
                value = self.text(raw, key, path, ident)
                if value is not None and value is not got:
                    texts = {**texts, key: value}
            fields.append(value)
        full, abbreviated, alternative, item_type, code, enumeration = fields
        type_text = item_type
        consumed = _CONSUMED
        if full is None:
            fallback = abbreviated if abbreviated is not None else alternative
            if fallback is None:
                raise self.fail(f"{path}.fullStatement", "the item has no text (no fullStatement)", ident)
            used = "abbreviatedStatement" if abbreviated is not None else "alternativeLabel"
            self.ignore(f"{path}.fullStatement", f"missing or empty; the {used} was used as the statement", ident)
            full = fallback
        # The type's link names the type only when there is no CFItemType; a link object is read
        # (checked, reported) only then or when its text may need cleaning: it has nothing to report else.
        link_value = get("CFItemTypeURI")
        if link_value is not None and (type_text is None or not clean or link_value.__class__ is not dict):
            type_link = self.link(raw, "CFItemTypeURI", path, ident)
            if item_type is None and type_link is not None:
                item_type = definitions["CFItemTypes"].get(self.keys[type_link[0]], type_link[2])  # link() took it
        themes: frozenset[Theme] = _NO_THEMES
        keywords = get("conceptKeywords")
        if keywords is not None:
            if isinstance(keywords, (list, tuple)) and all(isinstance(k, str) for k in keywords):
                found, other = themes_from_keywords(keywords)
                themes = frozenset(found)
                if not other:
                    consumed = consumed | {"conceptKeywords"}
            else:
                self.ignore(
                    f"{path}.conceptKeywords",
                    f"expected an array of strings, found {type_name(keywords)}; kept as unmapped",
                    ident,
                )
        concept = self.link(raw, "conceptKeywordsURI", path, ident) if "conceptKeywordsURI" in raw else None
        if concept is not None:
            title = definitions["CFConcepts"].get(self.key(concept[0]), concept[2])
            found, other = themes_from_keywords([title] if title else [])
            if found:
                themes = themes | found
                consumed = consumed | {"conceptKeywordsURI"}
        if "extensions" in raw:
            ext = self.extension(raw, path, ident, _EXT_ITEM)
            self.extended = self.extended or bool(ext)
        else:
            ext = _NO_EXTENSION
        # The uri (CaseItem.uri, and the metadata's copy): cleaned here, once, so that a repair is
        # listed once and a URI no text may hold is refused by load() as by read().
        uri = get("uri")
        if uri is not None and not (uri.__class__ is str and (clean or uri.isprintable())):
            if isinstance(uri, str):
                cleaned = self.clean(uri, f"{path}.uri", ident)
                if cleaned is not uri:
                    texts = {**texts, "uri": cleaned}
                uri = cleaned
            else:
                uri = None
        fields_read = (full, abbreviated, alternative, code, enumeration, item_type)
        return _Node(n, ident, path, raw, *fields_read, themes, ext, consumed, texts, uri=uri)

    # -- associations -------------------------------------------------------------------

    def associations(self, value: object, nodes: list[_Node], by_key: dict[str, int], doc_key: str) -> list[_Kept]:
        """The associations other than the tree's edges, as read (:meth:`association` makes their rows);
        the tree's edges place the items."""
        if value is None:
            return []
        if not isinstance(value, (list, tuple)):
            raise self.fail(f"{self.root}.CFAssociations", f"expected an array, found {type_name(value)}")
        kept: list[_Kept] = []
        seen: dict[str, int] = {}  # key -> the index of the association with that identifier
        edges = _Edges()
        idents: list[Any] = [raw.get("identifier") if raw.__class__ is dict else None for raw in value]
        plain = self.plain_identifiers(idents)
        clean = self.clean_text
        for n, raw in enumerate(value):
            path = f"{self.root}.CFAssociations[{n}]"
            if plain:  # objects, with identifiers that need no check, no two alike
                ident = idents[n]
            else:
                found = self.object_identifier(
                    value, n, raw, path, seen, "CFAssociations", "CFAssociation", required=False
                )
                if found is None:
                    continue  # an exact copy, skipped
                ident = found[0]
            if not raw.keys() <= _ASSOCIATION_FIELDS:
                self.unknown("CFAssociation", raw, _ASSOCIATION_FIELDS)
            kind = raw.get("associationType")
            if kind == "isChildOf" and clean:
                # An edge between an item and an item (or the CFDocument) named by their keys: its link
                # objects have nothing to check or report (the text is clean), so link() is not needed.
                ends = raw.get("originNodeURI"), raw.get("destinationNodeURI")
                origin_id = ends[0].get("identifier") if ends[0].__class__ is dict else None
                target_id = ends[1].get("identifier") if ends[1].__class__ is dict else None
                if origin_id.__class__ is str and target_id.__class__ is str and origin_id in by_key:
                    parent = _DOC if target_id == doc_key else by_key.get(target_id)
                    if parent is not None:  # keys are their own keys: by_key[key(x)] is by_key[x]
                        self.child_edge(raw, path, ident, by_key[origin_id], parent, edges)
                        continue
            origin = self.link(raw, "originNodeURI", path, ident)
            destination = self.link(raw, "destinationNodeURI", path, ident)
            if not isinstance(kind, str) or not kind.strip():
                self.ignore(path, "no associationType; the association was ignored", ident)
                continue
            if not kind.isprintable():
                kind = self.clean(kind, f"{path}.associationType", ident)
            if kind == "isChildOf" or kind.strip().casefold() == "ischildof":
                if kind != "isChildOf":
                    self.ignore(f"{path}.associationType", f"{kind!r} read as 'isChildOf'", ident)
                child, parent = self.edge_ends(path, ident, origin, destination, by_key, doc_key)
                self.child_edge(raw, path, ident, child, parent, edges)
                continue
            if origin is None or destination is None:
                side = "originNodeURI" if origin is None else "destinationNodeURI"
                self.ignore(f"{path}.{side}", f"no node identifier; the {kind} association was ignored", ident)
                continue
            kept.append((raw, ident, kind, origin, destination, path))
        self.place(nodes, edges)
        return kept

    def association(
        self,
        raw: Mapping[str, Any],
        ident: str | None,
        kind: str,
        origin: _Link,
        destination: _Link,
        path: str,
        by_key: dict[str, int],
        mapped_ids: dict[int, str],
    ) -> CaseAssociation:
        """The :class:`CaseAssociation` row of an association kept by :meth:`associations`."""
        return CaseAssociation(
            identifier=ident,
            type=kind,
            origin=origin[0],
            destination=destination[0],
            origin_id=mapped_ids.get(by_key.get(self.key(origin[0]), -2)),
            destination_id=mapped_ids.get(by_key.get(self.key(destination[0]), -2)),
            origin_title=origin[2],
            destination_title=destination[2],
            path=path,
            unmapped=self.fields(
                {
                    k: v
                    for k, v in raw.items()
                    if k not in ("identifier", "associationType", "originNodeURI", "destinationNodeURI")
                },
                path,
                ident,
            ),
        )

    def edge_ends(
        self,
        path: str,
        ident: str | None,
        origin: _Link | None,
        destination: _Link | None,
        by_key: dict[str, int],
        doc_key: str,
    ) -> tuple[int, int]:
        """The child and the parent (an item's index, or :data:`_DOC`) the isChildOf association at *path* links."""
        if origin is None:
            raise self.fail(f"{path}.originNodeURI", "an isChildOf association without an origin identifier", ident)
        if destination is None:
            raise self.fail(
                f"{path}.destinationNodeURI", "an isChildOf association without a destination identifier", ident
            )
        keys = self.keys  # link() took the key of both ends
        child = by_key.get(keys[origin[0]])
        if child is None:
            if keys[origin[0]] == doc_key:
                raise self.fail(f"{path}.originNodeURI.identifier", "the CFDocument cannot be a child", origin[0])
            raise self.fail(
                f"{path}.originNodeURI.identifier",
                f"isChildOf edge from {origin[0]!r}, which is not an item of the package",
                origin[0],
            )
        target = keys[destination[0]]
        if target == doc_key:
            return child, _DOC
        if target in by_key:
            return child, by_key[target]
        raise self.fail(
            f"{path}.destinationNodeURI.identifier",
            f"isChildOf edge to unknown item {destination[0]!r} (not an item of the package, nor its CFDocument)",
            destination[0],
        )

    def child_edge(
        self, raw: Mapping[str, Any], path: str, ident: str | None, child: int, parent: int, edges: _Edges
    ) -> None:
        """Record the isChildOf association *raw* that links *child* to *parent* (read by :meth:`place`)."""
        sequence = raw.get("sequenceNumber")
        if sequence is not None and type(sequence) is not int:  # an int is taken as it is (not a bool)
            sequence = self.sequence(sequence, f"{path}.sequenceNumber", ident)
        edge = (parent, sequence, path, ident, raw)
        if child in edges.first:
            edges.more.setdefault(child, []).append(edge)
        else:
            edges.first[child] = edge

    def place(self, nodes: list[_Node], edges: _Edges) -> None:
        """Give each item one parent: an item rather than the CFDocument, then the first edge.

        Items with no edge at all (orphans) become top-level items too, and are reported (the
        items linked to the CFDocument are not orphans: that is where CASE puts top-level items).
        """
        first, more = edges.first, edges.more
        if len(first) < len(nodes):
            orphans = [n for n in nodes if n.index not in first]
            self.report_group(
                orphans,
                "",
                "no isChildOf edge to an item or to the CFDocument; read as a top-level item",
                f"{len(orphans):,} items have no isChildOf edge to an item or to the CFDocument; "
                "read as top-level items",
            )
        for child, edge in first.items():
            node = nodes[child]
            if child in more:  # stable: in file order, an item's edge before the CFDocument's
                edge, *others = sorted([edge, *more[child]], key=lambda e: e[0] == _DOC)
            else:
                others = []
            parent, node.sequence, node.edge_path, _, node.edge = edge
            node.parent = None if parent == _DOC else parent
            for other, _, path, ident, _ in others:
                if other == parent:
                    self.ignore(path, f"repeats the isChildOf edge of {node.identifier!r}; ignored", ident)
                elif other == _DOC:
                    self.ignore(
                        path, f"{node.identifier!r} also sits under the CFDocument; its item parent is used", ident
                    )
                else:
                    self.ignore(
                        path,
                        f"{node.identifier!r} is also a child of {nodes[other].identifier!r}; "
                        "an item has one place in this model, the first is used",
                        ident,
                    )

    # -- the tree -----------------------------------------------------------------------

    def tree(self, nodes: list[_Node]) -> list[int]:
        """Check for cycles and depth; order every node's children; return the roots in order."""
        state = [0] * len(nodes)  # 0 new, 1 on the current trail, 2 done
        for start in range(len(nodes)):
            trail: list[int] = []
            current: int | None = start
            while current is not None and state[current] == 0:
                state[current] = 1
                trail.append(current)
                current = nodes[current].parent
            if current is not None and state[current] == 1:
                cycle = trail[trail.index(current) :]
                names = " -> ".join(repr(nodes[i].identifier) for i in [*cycle[:6], cycle[0]])
                raise self.fail(
                    f"{nodes[current].path}",
                    f"a cycle in isChildOf: {names}" + (" ..." if len(cycle) > 6 else ""),
                    nodes[current].identifier,
                )
            base = -1 if current is None else nodes[current].depth
            for offset, index in enumerate(reversed(trail), start=1):
                nodes[index].depth = base + offset
                state[index] = 2
                if nodes[index].depth >= MAX_DEPTH:
                    raise self.fail(
                        nodes[index].path,
                        f"the hierarchy is more than {MAX_DEPTH} levels deep",
                        nodes[index].identifier,
                    )
        roots: list[int] = []
        for node in nodes:
            if node.parent is None:
                roots.append(node.index)
            else:
                nodes[node.parent].children.append(node.index)

        def order(index: int) -> tuple[Any, ...]:
            node = nodes[index]
            sequence = node.sequence
            return (sequence is None, sequence or 0, _natural(node.enumeration), _natural(node.code), index)

        def arrange(group: list[int]) -> None:
            sequences = {nodes[i].sequence for i in group}
            if None not in sequences and len(sequences) == len(group):  # the numbers decide alone
                group.sort(key=lambda i: nodes[i].sequence or 0)
            else:
                group.sort(key=order)

        arrange(roots)
        for node in nodes:
            if len(node.children) > 1:
                arrange(node.children)
        return roots

    def levels(self, nodes: list[_Node], roots: list[int]) -> int:
        """1 when every root is typed as a competency (the package has no domain level), else 0."""

        def known(node: _Node) -> int | None:
            return _TYPE_LEVELS.get(node.item_type.strip().casefold()) if node.item_type else None

        offset = 1 if roots and all(known(nodes[r]) == 1 for r in roots) else 0
        misplaced: dict[str, list[_Node]] = {}
        for node in nodes:
            expected = known(node)
            if expected is not None and min(expected, 2) != min(node.depth + offset, 2):
                misplaced.setdefault(node.item_type or "", []).append(node)
        for item_type, group in misplaced.items():
            places = Counter(min(node.depth + offset, 2) for node in group)
            if len(places) == 1:
                placed = f"as {_LEVEL_NAMES[next(iter(places))][1]}"
            else:
                placed = (
                    "at other levels ("
                    + ", ".join(
                        f"{count:,} as {_LEVEL_NAMES[level][count > 1]}" for level, count in sorted(places.items())
                    )
                    + ")"
                )
            self.report_group(
                group,
                ".CFItemType",
                f"typed {item_type!r} but placed as {_LEVEL_NAMES[min(group[0].depth + offset, 2)][0]} "
                "by the isChildOf hierarchy; read by its place",
                f"{len(group):,} items typed {item_type!r} are placed {placed} by the isChildOf hierarchy; "
                "read by their places",
            )
        return offset

    def keep(
        self,
        meta: dict[str, Any],
        key: str,
        value: object,
        at: str,
        identifier: str | None,
        field: str = "",
        *,
        whole: bool = False,
    ) -> None:
        """Put *value* into *meta* as the model can hold it, or report why it cannot be (and leave it out).

        *at* is the JSON path of the object that has the field *key* (``"$.CFItems[3]"``), or with
        ``whole=True`` the value's own path (an association, kept whole); *field* is the package's
        name of the field where it is not *key*."""
        if self.clean_text or is_clean_json(value):  # nearly always: one pass, no copy
            meta[key] = value
            return
        path = at if whole else _member(at, field or key)
        try:
            meta[key] = self.kept_value(value, path, identifier)
        except _Unkeepable as exc:
            self.ignore(
                exc.path,
                f"{exc.reason}: the model cannot hold it; kept in the CaseImport only (an export leaves it out)",
                identifier,
            )
        except RecursionError:
            self.ignore(path, f"{_TOO_DEEP}: kept in the CaseImport only (an export leaves it out)", identifier)

    def kept_value(self, value: object, path: str, identifier: str | None) -> Any:
        """A value as ``metadata`` holds it: JSON, every text cleaned (see :meth:`clean`); else :class:`_Unkeepable`."""
        if isinstance(value, str):
            if text_problem(value) is None:
                return value
            try:
                return self.clean(value, path, identifier)
            except CaseFormatError:
                raise _Unkeepable(path, str(text_problem(_repaired(value)))) from None
        if value is None or isinstance(value, (bool, int)):
            return value
        if isinstance(value, float):
            if value != value or abs(value) == float("inf"):
                raise _Unkeepable(path, f"{value!r} is not a JSON number")
            return value
        if isinstance(value, Mapping):
            out = {}
            for key, item in value.items():
                if not isinstance(key, str):
                    raise _Unkeepable(path, f"a name that is not text: {_shown(key)}")
                where = _member(path, key)
                out[self.kept_value(key, where, identifier)] = self.kept_value(item, where, identifier)
            return out
        if isinstance(value, (list, tuple)):
            return [self.kept_value(v, f"{path}[{n}]", identifier) for n, v in enumerate(value)]
        raise _Unkeepable(path, f"not a JSON value: {type_name(value)}")

    def report_group(self, group: list[_Node], field: str, one: str, many: str) -> None:
        """One ignored entry for items reported alike: at the item's *field* when there is one item,
        else at ``$.CFItems[*]`` + *field*, naming the first few items (``$.CFItems[3] 'CODE'``)."""
        if len(group) == 1:
            self.ignore(f"{group[0].path}{field}", one, group[0].identifier)
        elif group:
            shown = ", ".join(f"{n.path} {_shown(n.code or n.identifier)}" for n in group[:_GROUP_SHOWN])
            more = f" and {len(group) - _GROUP_SHOWN:,} more" if len(group) > _GROUP_SHOWN else ""
            self.ignore(f"{self.root}.CFItems[*]{field}", f"{many}: {shown}{more}")

    def clean_value(self, value: object, path: str, identifier: str | None) -> object:
        """An extension's value with its text cleaned (a string, or each string of an array); others as they are."""
        if isinstance(value, str):
            return self.clean(value, path, identifier)
        if isinstance(value, (list, tuple)) and any(isinstance(v, str) for v in value):
            return [self.clean(v, f"{path}[{n}]", identifier) if isinstance(v, str) else v for n, v in enumerate(value)]
        return value

    # -- the document -----------------------------------------------------------------

    def package_edition(self, doc: Mapping[str, Any], ext: dict[str, Any], ident: str) -> int | str:
        if "edition" in ext:
            value = ext["edition"]
            if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 10**MAX_DIGITS:
                return value
            if isinstance(value, str) and edition_from_version(value) is not None:
                return value
            self.ignore(
                f"{self.root}.CFDocument.extensions.{EXTENSION}.edition", f"not an edition: {_shown(value)}", ident
            )
        version = self.text(doc, "version", f"{self.root}.CFDocument", ident)
        if version is not None:
            edition = edition_from_version(version)
            if edition is None:
                slug = re.sub(r"[^A-Za-z0-9_.\-]+", "-", version.strip()).strip("-._")
                edition = edition_from_version(slug) if slug else None
                where = f"{self.root}.CFDocument.version"
                if edition is not None:
                    self.ignore(where, f"version {_shown(version)} read as the edition {edition!r}", ident)
                else:
                    self.ignore(where, f"version {_shown(version)} names no edition; ignored", ident)
            if edition is not None:
                return edition
        changed = doc.get("lastChangeDateTime")
        year = _YEAR.match(changed) if isinstance(changed, str) else None
        return int(year.group(1)) if year is not None else "case"

    def document_fields(
        self,
        doc: Mapping[str, Any],
        ext: dict[str, Any],
        title: str,
        definitions: dict[str, dict[str, str]],
        ident: str,
    ) -> dict[str, Any]:
        official = doc.get("officialSourceURL")
        license_link = self.link(doc, "licenseURI", f"{self.root}.CFDocument", ident)
        license_title = None
        if license_link is not None:
            license_title = definitions["CFLicenses"].get(self.key(license_link[0]), license_link[2])
        if isinstance(official, str):
            official = self.clean(official, f"{self.root}.CFDocument.officialSourceURL", ident)
        fields = derive_document(
            title=title,
            creator=self.text(doc, "creator", f"{self.root}.CFDocument", ident),
            publisher=self.text(doc, "publisher", f"{self.root}.CFDocument", ident),
            official_url=official if isinstance(official, str) and official.strip() else None,
            license=license_title if license_title and license_title.strip() else None,
        )
        where = f"{self.root}.CFDocument.extensions.{EXTENSION}"
        checks: Mapping[str, Callable[[object], bool]] = {
            "title": _is_text,
            "publishers": lambda v: isinstance(v, (list, tuple)) and all(_is_text(x) for x in v),
            "year": lambda v: v is None or (isinstance(v, int) and not isinstance(v, bool) and abs(v) < 10**MAX_DIGITS),
            "license": _is_optional_text,
            "citation": _is_optional_text,
            "url": _is_optional_text,
            "source": _is_optional_text,
        }
        for key, check in checks.items():
            if key in ext:
                value = self.clean_value(ext[key], f"{where}.{key}", ident)
                if check(value):
                    fields[key] = tuple(value) if isinstance(value, (list, tuple)) else value  # publishers
                else:
                    self.ignore(f"{where}.{key}", f"not a valid {key}: {_shown(value)}; ignored", ident)
        return fields

    def notes(
        self, value: object, edition: int | str, package_edition: int | str, ids: set[str], ident: str
    ) -> list[SourceNote]:
        if value is None:
            return []
        where = f"{self.root}.CFDocument.extensions.{EXTENSION}.notes"
        if not isinstance(value, (list, tuple)):
            self.ignore(where, f"expected an array, found {type_name(value)}; ignored", ident)
            return []
        old_prefix, new_prefix = f"{package_edition}:", f"{edition}:"
        notes: list[SourceNote] = []
        seen: set[str] = set()
        for n, raw in enumerate(value):
            path = f"{where}[{n}]"
            if isinstance(raw, Mapping):
                raw = {k: self.clean_value(v, _member(path, k), ident) for k, v in raw.items()}
            if not (
                isinstance(raw, Mapping)
                and set(raw) <= {"id", "kind", "items", "text", "source"}
                and is_name(raw.get("id"))
                and isinstance(raw.get("kind"), str)
                and raw["kind"] in {k.value for k in NoteKind}
                and isinstance(raw.get("items"), (list, tuple))
                and all(isinstance(i, str) for i in raw["items"])
                and _is_text(raw.get("text"))
                and _is_optional_text(raw.get("source"))
            ):
                self.ignore(path, "not a valid source note; ignored", ident)
                continue
            items = []
            for item in raw["items"]:
                if item == str(package_edition):
                    items.append(str(edition))
                elif item.startswith(old_prefix):
                    items.append(new_prefix + item[len(old_prefix) :])
                else:
                    items.append(item)
            if raw["id"] in seen:
                self.ignore(path, f"the note {raw['id']!r} repeats the ID of an earlier note; ignored", ident)
                continue
            if not all(i in ids or i == str(edition) for i in items):
                self.ignore(path, f"the note {raw['id']!r} names items that are not in the package; ignored", ident)
                continue
            seen.add(raw["id"])
            notes.append(SourceNote(raw["id"], NoteKind(raw["kind"]), items, raw["text"], raw.get("source")))
        return notes

    # -- building the model ---------------------------------------------------------------

    def build(
        self,
        nodes: list[_Node],
        roots: list[int],
        offset: int,
        edition: int | str,
        package_edition: int | str,
        title: str,
    ) -> list[Domain]:
        if offset:
            self.ignore(
                f"{self.root}.CFItems",
                "the package has no domain level (its top items are typed as competencies); "
                "they were put in one domain 'main', named after the document",
            )
            domain_id = f"{edition}:main"
            competencies = self.competencies(nodes, roots, domain_id, None, None)
            # the package has no such item: the writer puts the competencies under the CFDocument
            return [Domain(id=domain_id, key="main", name=title, competencies=competencies, metadata={"CFItem": None})]
        keys = self.group_values(nodes, roots, "key", package_edition)
        domains = []
        for position, (index, key) in enumerate(zip(roots, keys, strict=True), start=1):
            node = nodes[index]
            domain_id = f"{edition}:{key}"
            node.id = domain_id
            self.order.append(node)
            fields = derive_domain(full=node.full, abbreviated=node.abbreviated, alternative=node.alternative)
            checks = {"name": _is_text, "description": _is_optional_text}
            checks |= {"tagline": _is_optional_text, "overview": _is_optional_text}
            self.apply(node, fields, checks, "key")
            for theme in node.themes:
                self.ignore(
                    f"{node.path}.conceptKeywords", f"a domain has no themes; {theme.label!r} ignored", node.identifier
                )
            competencies = self.competencies(nodes, node.children, domain_id, node.code, domain_id)
            code = node.code if node.code != domain_id else None
            written = written_domain(name=fields["name"], description=fields["description"], tagline=fields["tagline"])
            meta = self.item_metadata(
                node, domain_id, "Domain", code, str(position), written, frozenset(), position, None
            )
            domains.append(
                Domain(
                    id=domain_id, key=key, competencies=competencies, code=code, metadata=self.metadata(meta), **fields
                )
            )
        return domains

    def competencies(
        self, nodes: list[_Node], group: list[int], domain_id: str, parent_code: str | None, parent: str | None
    ) -> list[Competency]:
        numbers = self.group_values(nodes, group, "number", parent_code)
        out = []
        for position, (index, number) in enumerate(zip(group, numbers, strict=True), start=1):
            node = nodes[index]
            item_id = f"{domain_id}.{number}"
            node.id = item_id
            self.order.append(node)
            fields = derive_competency(full=node.full, abbreviated=node.abbreviated, themes=node.themes)
            if node.ext:
                self.apply(node, fields, _COMPETENCY_CHECKS, "number")
            code = node.code if node.code != item_id else None
            written = written_competency(statement=fields["statement"], title=fields["title"])
            meta = self.item_metadata(
                node, item_id, "Competency", code, str(number), written, fields["themes"], position, parent
            )
            out.append(
                Competency(
                    id=item_id,
                    number=number,
                    indicators=self.indicators(nodes, node.children, item_id, node.code, "Indicator"),
                    code=code,
                    metadata=self.metadata(meta),
                    **fields,
                )
            )
        return out

    def indicators(
        self, nodes: list[_Node], group: list[int], parent_id: str, parent_code: str | None, level: str
    ) -> list[Indicator]:
        labels = self.group_values(nodes, group, "label", parent_code)
        out = []
        for position, (index, label) in enumerate(zip(group, labels, strict=True), start=1):
            node = nodes[index]
            item_id = f"{parent_id}.{label}"
            node.id = item_id
            self.order.append(node)
            fields = derive_indicator(full=node.full, themes=node.themes)
            if node.ext:
                self.apply(node, fields, _INDICATOR_CHECKS, "label")
            if Theme.FC in fields["themes"]:
                self.ignore(
                    f"{node.path}.conceptKeywords",
                    "FC (Foundational Competency) tags competencies only; ignored on an indicator",
                    node.identifier,
                )
                fields["themes"] = fields["themes"] - {Theme.FC}
            code = node.code if node.code != item_id else None
            written = written_indicator(text=fields["text"])
            meta = self.item_metadata(node, item_id, level, code, label, written, fields["themes"], position, parent_id)
            children = (
                self.indicators(nodes, node.children, item_id, node.code, "Sub-indicator") if node.children else ()
            )
            # the fields in their order (id, label, text, themes, children, code, metadata), not by name:
            # an Indicator per item, and a call by keywords builds a dict of them each time
            out.append(Indicator(item_id, label, fields["text"], fields["themes"], children, code, self.metadata(meta)))
        return out

    def metadata(self, meta: dict[str, Any]) -> Metadata | dict[str, Any]:
        """An item's kept fields as its ``metadata``: without a copy when the reader decoded the JSON
        itself (nothing else holds the values), else as a dict the model copies."""
        return Metadata._owned(meta) if self.owned else meta

    def shared(self, raws: list[Mapping[str, Any]]) -> dict[str, Any]:
        """The bookkeeping fields (:data:`_SHARED`) that all of *raws* (two or more) have, with one value
        an export would not write by itself: kept once, in the framework's metadata
        (``CFItems.shared``, ``isChildOf.shared``), not on each item. A CASE 1.0 package's items all
        carry the same ``CFDocumentURI``; held per item, it was a fifth of reading a large package."""
        out: dict[str, Any] = {}
        if len(raws) < 2:
            return out
        first = raws[0]
        for key in _SHARED:
            value = first.get(key)
            if value is None or (key == "lastChangeDateTime" and value == self.when):
                continue
            values = [raw.get(key) for raw in raws]
            if values.count(value) == len(values):  # compared in C: a generator of == was a twentieth of a read
                out[key] = value
        return out

    def item_metadata(
        self,
        node: _Node,
        item_id: str,
        level: str,
        code: str | None,
        enumeration: str,
        texts: dict[str, str | None],
        themes: frozenset[Theme],
        position: int,
        parent: str | None,
    ) -> dict[str, Any]:
        """The CFItem's fields (and its isChildOf association's) an export would not give back as they are.

        An export writes each standard field from the model (:func:`._mapping.written_item`);
        a field whose value differs is kept under its CASE name (None: the package has no such
        field), and every other non-null field as it is; see docs/case.md, "Round trips".
        """
        raw = node.raw
        ident = node.identifier
        meta: dict[str, Any] = {}
        if not self.ours or ident != name_uuid(item_name(item_id)):
            meta["identifier"] = ident
        fields = {**raw, **node.texts} if node.texts else raw  # the text fields as cleaned, the others as read
        final_type = fields.get("CFItemType")
        written = written_item(
            texts=texts,
            item_type=level,
            code=code if code is not None else item_id,
            enumeration=enumeration,
            themes=themes,
            when=self.when,
        )
        if isinstance(final_type, str):  # a type the package defines is linked to its definition
            written["CFItemTypeURI"] = self.type_links.get(final_type) or type_link(final_type)
        else:
            written["CFItemTypeURI"] = None
        written["uri"] = f"urn:uuid:{ident}"
        shared = self.shared_item
        # fields put in directly, checked in one pass only when the text may hold what the model
        # refuses (see keep()): a call of keep() per field was a seventh of reading a large package
        get = fields.get
        for key, value in written.items():
            got = get(key)
            if got != value and key not in shared:
                meta[key] = got
        rest = node.unmapped().get("extensions") if "extensions" in raw else None
        if rest:
            meta["extensions"] = rest
        # the fields neither written from the model nor shared by all items, found in C (a loop over
        # every field was a tenth of this method); metadata keeps names in order, so a set's is no matter
        for key in raw.keys() - self.item_excluded:
            value = raw[key]
            if value is not None:
                meta[key] = value
        if not self.clean_text:
            meta = self.kept_fields(meta, node.path, ident)
        if "CFItemTypeURI" not in meta and isinstance(final_type, str):
            self.written_types.add(final_type)
        if "conceptKeywordsURI" not in meta:
            self.written_themes |= themes
        edge = node.edge
        if edge is None:
            meta["isChildOf"] = None  # no association placed it (a top-level item without one)
            return meta
        kept: dict[str, Any] = {}
        edge_id = edge.get("identifier")
        if not isinstance(edge_id, str) or self.ours:
            parent_name = self.document if parent is None else item_name(parent)
            made = name_uuid(association_name(self.document, "isChildOf", item_name(item_id), parent_name))
            edge_id = made if not isinstance(edge_id, str) else edge_id
        else:
            made = None
        if edge_id != made:
            kept["identifier"] = edge_id
        shared = self.shared_edge
        get = edge.get
        for key, value in (
            ("uri", f"urn:uuid:{edge_id}"),
            ("associationType", "isChildOf"),
            ("sequenceNumber", position),
            ("lastChangeDateTime", self.when),
        ):
            got = get(key)
            if got != value and key not in shared:
                kept[key] = got
        excluded = self.edge_excluded
        if not edge.keys() <= excluded:  # kept in the association's order: it is written back nested
            for key, value in edge.items():
                if key not in excluded and value is not None:
                    kept[key] = value
        if kept:
            if self.clean_text:  # what keep() would do: nothing in it to check
                meta["isChildOf"] = kept
            else:
                self.keep(meta, "isChildOf", kept, node.edge_path, edge_id, whole=True)
        return meta

    def kept_fields(self, fields: dict[str, Any], at: str, identifier: str | None) -> dict[str, Any]:
        """*fields* of the object at *at* as the model can hold them, each checked by :meth:`keep`."""
        out: dict[str, Any] = {}
        for key, value in fields.items():
            self.keep(out, key, value, at, identifier)
        return out

    def apply(
        self, node: _Node, fields: dict[str, Any], checks: Mapping[str, Callable[[object], bool]], naming: str
    ) -> None:
        """Let the item's edcompetencies extension override the fields derived from CASE fields."""
        for key, value in node.ext.items():
            where = _member(f"{node.path}.extensions.{EXTENSION}", key)
            if key == naming:
                continue  # the key, number or label: already chosen with its siblings
            if key not in checks:
                self.ignore(where, f"no {key} at this level of the model; ignored", node.identifier)
                continue
            value = self.clean_value(value, where, node.identifier)
            if checks[key](value):
                fields[key] = (
                    frozenset(Theme(v) for v in value) if isinstance(value, (list, tuple)) else value
                )  # themes
            else:
                self.ignore(where, f"not a valid {key}: {_shown(value)}; ignored", node.identifier)

    def group_values(self, nodes: list[_Node], group: list[int], what: str, parent: int | str | None) -> list[Any]:
        """Keys, numbers or labels for a group of siblings: valid and distinct.

        Each item takes its value from the first source that gives it a valid value no sibling
        shares: our extension, then (see ``_SOURCES``) its codes, then its position among its
        siblings (the next free one when that is taken).
        """
        if not group:
            return []
        chosen: dict[int, Any] = {}
        taken: set[Any] = set()
        valid = _VALID[what]
        for index in group if self.extended else ():  # no item has the extension: nothing to look up
            node = nodes[index]
            if what in node.ext:
                value = node.ext[what]
                if valid(value) and value not in taken:
                    chosen[index] = value
                    taken.add(value)
                else:
                    where = f"{node.path}.extensions.{EXTENSION}.{what}"
                    self.ignore(where, f"not a valid or distinct {what}: {_shown(value)}; ignored", node.identifier)
        for source in _SOURCES[what]:
            if not chosen:  # nothing taken yet: the first source that gives each sibling a distinct value wins
                found = source([nodes[i] for i in group], parent)
                if None not in found and len(set(found)) == len(found):
                    return found  # nearly always (every sibling coded): no bookkeeping per item
                pending = group
            else:
                pending = [i for i in group if i not in chosen]
                if not pending:
                    return [chosen[i] for i in group]
                found = source([nodes[i] for i in pending], parent)
            candidates = [(i, v) for i, v in zip(pending, found, strict=True) if v is not None]
            values = [v for _, v in candidates]
            counts = None if len(set(values)) == len(values) else Counter(values)  # nearly always distinct
            for index, value in candidates:
                if (counts is None or counts[value] == 1) and value not in taken:
                    chosen[index] = value
                    taken.add(value)
        for position, index in enumerate(group, start=1):
            if index not in chosen:
                while _POSITION[what](position) in taken:
                    position += len(group)
                chosen[index] = _POSITION[what](position)
                taken.add(chosen[index])
        return [chosen[i] for i in group]


_VALID: dict[str, Callable[[object], bool]] = {}
# The CFItem and isChildOf fields an export writes from the model (the others are kept as they are).
_ITEM_WRITTEN = {
    "identifier", "uri", "fullStatement", "alternativeLabel", "CFItemType", "humanCodingScheme", "listEnumeration",
    "abbreviatedStatement", "conceptKeywords", "conceptKeywordsURI", "CFItemTypeURI", "lastChangeDateTime",
    "extensions",
}  # fmt: skip
_EDGE_WRITTEN = {
    "identifier", "uri", "associationType", "sequenceNumber", "originNodeURI", "destinationNodeURI",
    "lastChangeDateTime",
}  # fmt: skip
_INDICATOR_CHECKS: dict[str, Callable[[object], bool]] = {}  # the fields the extension may set, and their checks
_COMPETENCY_CHECKS: dict[str, Callable[[object], bool]] = {}
_POSITION: dict[str, Callable[[int], Any]] = {"key": lambda n: f"d{n}", "number": lambda n: n, "label": str}
_SHARED = ("CFDocumentURI", "lastChangeDateTime")
"""The bookkeeping fields kept once for all items (or all isChildOf associations) that have them alike."""
_DOCUMENT_MAPPED = {"identifier", "title", "creator", "publisher", "officialSourceURL", "licenseURI", "version"}


class _Unkeepable(Exception):
    """A value the model's metadata cannot hold (text it refuses, a name that is no text, no JSON value)."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(path, reason)
        self.path, self.reason = path, reason


_TOO_DEEP = "nested too deeply (arrays and objects inside one another)"
_GROUPINGS = ("lineage-2015-2020", "intasc-crosswalk-part-one", "intasc-crosswalk-part-two")


def _is_ours(association: object) -> bool:
    """An association the library writes itself (the lineage, the InTASC crosswalk): it carries its extension."""
    extensions = association.get("extensions") if isinstance(association, Mapping) else None
    return isinstance(extensions, Mapping) and EXTENSION in extensions


def _repaired(text: str) -> str:
    """Text as :meth:`Reader.clean` repairs it (line ends as LF, the LaTeX escapes), without reporting again."""
    if text_problem(text) is None:
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    for char, (meant, _) in _LATEX_ESCAPES.items():
        text = text.replace(char, meant)
    return text


def _is_text(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _is_optional_text(value: object) -> bool:
    return value is None or _is_text(value)


def _is_themes(value: object) -> bool:
    codes = {t.value for t in Theme}
    return (
        isinstance(value, (list, tuple))
        and all(isinstance(v, str) and v in codes for v in value)
        and len(set(value)) == len(value)
    )


def _valid_number(value: object) -> bool:
    """A competency number: an integer from 1 to :data:`~edcompetencies._rules.MAX_DIGITS` digits."""
    return isinstance(value, int) and not isinstance(value, bool) and 1 <= value < 10**MAX_DIGITS


def _suffixes(group: list[_Node], parent: int | str | None) -> list[str | None]:
    """Each item's humanCodingScheme after its parent's and a dot (``"3"`` of ``"X.2.3"`` under ``"X.2"``)."""
    if not isinstance(parent, str):
        return [None] * len(group)
    prefix = parent + "."
    size = len(prefix)
    return [n.code[size:] if n.code is not None and n.code.startswith(prefix) else None for n in group]


def _keys_from_own_codes(group: list[_Node], package_edition: int | str | None) -> list[str | None]:
    prefix = f"{package_edition}:"
    size = len(prefix)
    return [
        n.code[size:] if n.code is not None and n.code.startswith(prefix) and is_key(n.code[size:]) else None
        for n in group
    ]


def _keys_from_codes(group: list[_Node], _: object) -> list[str | None]:
    return [_slug(n.code) if n.code else None for n in group]


def _keys_from_names(group: list[_Node], _: object) -> list[str | None]:
    """A key made of the name (abbreviatedStatement), else of a short statement."""
    slugs = [_slug(n.abbreviated or n.alternative or n.full) for n in group]
    return [slug if slug is not None and len(slug) <= 40 else None for slug in slugs]


def _numbers(texts: list[str | None]) -> list[int | None]:
    """The number each enumeration spells (``"2."``, ``"(2)"``): ASCII digits only, from 1."""
    if not any(texts):  # no enumeration at all (most groups of most packages): nothing to match
        return [None] * len(texts)
    out: list[int | None] = []
    for text in texts:
        m = _ENUMERATION.fullmatch(text) if text is not None else None
        number = ascii_number(m.group(1)) if m is not None else None
        out.append(number if number is not None and number >= 1 else None)
    return out


def _labels(texts: list[str | None]) -> list[str | None]:
    """The label each enumeration spells (``"a."`` -> ``"a"``) where it is one (:func:`.is_label`)."""
    if not any(texts):
        return [None] * len(texts)
    out: list[str | None] = []
    for text in texts:
        if text is not None and text.isalnum() and text.isascii() and len(text) <= MAX_LABEL:
            out.append(text)  # a label as it is ("a", "12"): what the pattern and is_label() give it
            continue
        m = _ENUMERATION.fullmatch(text) if text is not None else None
        out.append(m.group(1) if m is not None and is_label(m.group(1)) else None)
    return out


# The sources of a key, number or label, in the order group_values() tries them: each gives the
# value of every item of a group of siblings (None where it has none), a call per group.
_SOURCES: dict[str, tuple[Callable[[list[_Node], Any], list[Any]], ...]] = {
    "key": (_keys_from_own_codes, _keys_from_codes, _keys_from_names),
    "number": (lambda g, p: _numbers([n.enumeration for n in g]), lambda g, p: _numbers(_suffixes(g, p))),
    "label": (lambda g, p: _labels([n.enumeration for n in g]), lambda g, p: _labels(_suffixes(g, p))),
}

_VALID.update(key=is_key, number=_valid_number, label=is_label)
_INDICATOR_CHECKS.update(text=_is_text, themes=_is_themes)
_COMPETENCY_CHECKS.update(statement=_is_text, title=_is_optional_text, themes=_is_themes)


def _same_json(first: object, second: object) -> bool:
    """Whether two decoded objects are equal as JSON values (``1`` is not ``1.0`` nor ``true`` here)."""
    if first != second:
        return False
    try:
        return json.dumps(first, sort_keys=True) == json.dumps(second, sort_keys=True)
    except (TypeError, ValueError, RecursionError):  # built in Python, not decoded: equal as Python values
        return True
