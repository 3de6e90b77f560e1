"""CASE 1.1 interchange: export a framework as a 1EdTech CASE package, read any CASE package back.

State agencies and tools such as OpenSALT and the CASE Network exchange competency frameworks
as CASE packages (CFPackage JSON: one ``CFDocument``, its ``CFItems``, and ``CFAssociations``
whose ``isChildOf`` edges make the hierarchy). :func:`export` writes one for any framework;
:func:`read` and :func:`load` turn any package back into a :class:`~edcompetencies.Framework`,
so the diff engine can compare two versions of any framework.

>>> import edcompetencies as ec
>>> from edcompetencies import case
>>> package = case.export(ec.load(2020))
>>> package["CFDocument"]["caseVersion"], len(package["CFItems"])
('1.1', 150)
>>> case.load(package) == ec.load(2020)
True
>>> case.identifier("2020:cognitive.1") == case.identifier(ec.load(2020)["cognitive.1"])
True

Identifiers are version 5 UUIDs of the library's IDs, so an export is reproducible byte for
byte and an item keeps its identifier from one release to the next. The mapping of every
field, what goes into ``extensions`` and how IDs are made for other publishers' packages are
documented in ``docs/case.md``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from functools import cached_property
from typing import Any

import attrs

from . import _case
from ._model import Competency, Domain, Framework, Indicator, Item
from ._rules import type_name
from .errors import CaseFormatError

__all__ = [
    "CASE_VERSION",
    "MAX_DEPTH",
    "NAMESPACE",
    "CaseAssociation",
    "CaseImport",
    "CaseItem",
    "Ignored",
    "dumps",
    "export",
    "identifier",
    "intasc_package",
    "is_package",
    "load",
    "loads",
    "packages",
    "read",
]

CASE_VERSION = _case.CASE_VERSION
"""The CASE version written (``caseVersion`` of the CFDocument): ``"1.1"``."""

NAMESPACE = _case.NAMESPACE
"""The UUID namespace of the library's identifiers: ``uuid5(NAMESPACE_URL, "https://pypi.org/project/edcompetencies/")``."""

MAX_DEPTH = _case.MAX_DEPTH
"""The deepest hierarchy read (levels below the CFDocument); deeper packages are refused."""


# --------------------------------------------------------------------------- export


def export(
    fw: Framework, *, intasc: bool = False, lineage: bool = False, base_uri: str | None = None
) -> dict[str, Any]:
    """The framework as a CASE 1.1 package (a CFPackage, as JSON-ready data).

    One CFDocument for the framework, a CFItem per domain, competency and indicator, an
    ``isChildOf`` association per item with its position as ``sequenceNumber``, and
    CFDefinitions for the item types, the themes (CFConcepts) and the license.

    ``lineage=True`` (2015 or 2020 edition) adds the curated 2015 -> 2020 lineage:
    ``exactMatchOf`` (text unchanged) or ``replacedBy`` associations from each 2015 item to
    its 2020 successors; the other edition's items are referenced by their identifiers.
    ``intasc=True`` (2020 edition) adds the InTASC crosswalk as ``isRelatedTo`` associations
    to the InTASC standards, whose own package is embedded in the package's ``extensions``
    (see :func:`packages` to split it out for upload).

    URIs are ``urn:uuid:<identifier>``, or ``base_uri + identifier`` when a base is given.

    >>> import edcompetencies as ec
    >>> from edcompetencies import case
    >>> p = case.export(ec.load(2015), lineage=True)
    >>> sorted({a["associationType"] for a in p["CFAssociations"]})
    ['exactMatchOf', 'isChildOf', 'replacedBy']
    """
    if not isinstance(fw, Framework):
        raise TypeError(f"export() takes a Framework, not {type(fw).__name__}")
    if base_uri is not None and not _case.is_uri(base_uri):
        raise ValueError(f"base_uri must be an absolute URI such as 'https://example.org/case/', not {base_uri!r}")
    return _case.build_package(fw, intasc=intasc, lineage=lineage, base_uri=base_uri)


def intasc_package(*, base_uri: str | None = None) -> dict[str, Any]:
    """The InTASC standards and performances the 2020 crosswalk quotes, as their own CFPackage.

    Load it into a CASE tool before a package exported with ``intasc=True``, so that its
    ``isRelatedTo`` associations find their destinations.

    >>> from edcompetencies import case
    >>> p = case.intasc_package()
    >>> p["CFItems"][0]["humanCodingScheme"], p["CFItems"][0]["abbreviatedStatement"]
    ('intasc:1', 'Learner Development')
    """
    if base_uri is not None and not _case.is_uri(base_uri):
        raise ValueError(f"base_uri must be an absolute URI such as 'https://example.org/case/', not {base_uri!r}")
    return _case.intasc_package(base_uri)


def packages(package: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Every CFPackage in *package*, in the order to load them into a CASE tool.

    A package exported with ``intasc=True`` carries the InTASC package in its
    ``extensions``; this returns ``[intasc, framework]`` (the framework without the embedded
    copy). Any other package comes back alone.

    >>> import edcompetencies as ec
    >>> from edcompetencies import case
    >>> [p["CFDocument"]["title"][:6] for p in case.packages(case.export(ec.load(2020), intasc=True))]
    ['InTASC', 'Educat']
    """
    if not is_package(package):
        raise TypeError("packages() takes a CFPackage: a mapping with a 'CFDocument'")
    return _case.split_packages(package)


def dumps(package: Mapping[str, Any]) -> str:
    """A package as JSON text: UTF-8 characters, two-space indent, keys in the order given.

    Exports carry no timestamp of their own (``lastChangeDateTime`` is 1 January of the
    framework's year), so the same framework always gives the same text.

    >>> import edcompetencies as ec
    >>> from edcompetencies import case
    >>> case.dumps(case.export(ec.load(2020))) == case.dumps(case.export(ec.load(2020)))
    True
    """
    if not isinstance(package, Mapping):
        raise TypeError(f"dumps() takes a CFPackage mapping, not {type(package).__name__}")
    return json.dumps(package, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def is_package(obj: object) -> bool:
    """Whether *obj* looks like a CFPackage: a mapping with a ``"CFDocument"`` key.

    >>> from edcompetencies import case
    >>> case.is_package({"CFDocument": {}}), case.is_package({"edition": 2020})
    (True, False)
    """
    return isinstance(obj, Mapping) and "CFDocument" in obj


def identifier(item: Item | Framework | str) -> str:
    """The CASE identifier an export gives an item (by object or ID) or a framework's CFDocument.

    >>> from edcompetencies import case
    >>> case.identifier("2020:instructional.4.a.ii")
    '...-...-5...-...-...'
    """
    if isinstance(item, Framework):
        return _case.name_uuid(_case.document_name(item.edition))
    if isinstance(item, (Domain, Competency, Indicator)):
        return _case.name_uuid(_case.item_name(item.id))
    if isinstance(item, str):
        return _case.name_uuid(_case.item_name(item.strip()))
    raise TypeError(f"identifier() takes an item, a framework or an ID, not {type(item).__name__}")


# --------------------------------------------------------------------------- what reading gives


@attrs.frozen
class Ignored:
    """Something in a package that was not understood or has no place in the model.

    ``path`` is its JSON path (``$.CFItems[*].educationalLevel`` stands for every item);
    ``identifier`` the CASE identifier concerned, if any.
    """

    path: str
    message: str
    identifier: str | None = None

    def __str__(self) -> str:
        identifier = f" (identifier {self.identifier})" if self.identifier else ""
        return f"{self.path}{identifier}: {self.message}"


@attrs.frozen
class CaseItem:
    """One CFItem as read: the model item it became, and what the model has no field for.

    ``unmapped`` holds the CFItem's other fields as the JSON text of an object;
    :meth:`unmapped_fields` decodes it.
    """

    identifier: str
    id: str
    uri: str | None
    item_type: str | None
    human_coding_scheme: str | None
    list_enumeration: str | None
    path: str
    unmapped: str = "{}"

    def unmapped_fields(self) -> dict[str, Any]:
        """The CFItem's fields the model has no place for, decoded."""
        fields: dict[str, Any] = json.loads(self.unmapped)
        return fields


@attrs.frozen
class CaseAssociation:
    """A CFAssociation other than the ``isChildOf`` edges the tree was built from.

    ``origin`` and ``destination`` are CASE identifiers; ``origin_id`` / ``destination_id``
    the model IDs when the node is an item of the package (``None`` for external nodes,
    whose ``*_title`` is what the package calls them).
    """

    identifier: str | None
    type: str
    origin: str
    destination: str
    origin_id: str | None
    destination_id: str | None
    origin_title: str | None
    destination_title: str | None
    path: str
    unmapped: str = "{}"

    def unmapped_fields(self) -> dict[str, Any]:
        """The association's other fields (``notes``, ``sequenceNumber``, ``extensions`` ...), decoded."""
        fields: dict[str, Any] = json.loads(self.unmapped)
        return fields


def _items_tuple(values: object) -> tuple[CaseItem, ...]:
    return tuple(values)  # type: ignore[arg-type]


def _associations_tuple(values: object) -> tuple[CaseAssociation, ...]:
    return tuple(values)  # type: ignore[arg-type]


def _ignored_tuple(values: object) -> tuple[Ignored, ...]:
    return tuple(values)  # type: ignore[arg-type]


@attrs.frozen
class CaseImport:
    """A CASE package read into the model, with everything the model has no place for.

    ``framework`` is the result; ``items`` maps each CFItem to its model ID (in framework
    order); ``associations`` are the associations other than the tree's ``isChildOf`` edges;
    ``document`` and ``unmapped`` hold the CFDocument's and the package's other fields as
    JSON object text; ``ignored`` lists what was not understood or not used.

    >>> from edcompetencies import case
    >>> result = case.read({"CFDocument": {"identifier": "d", "title": "T", "version": "v1"},
    ...     "CFItems": [{"identifier": "x", "fullStatement": "Know things.", "humanCodingScheme": "K"}]})
    >>> result.framework.domains[0].id, result.identifiers["v1:k"]
    ('v1:k', 'x')
    """

    framework: Framework
    document_identifier: str
    items: tuple[CaseItem, ...] = attrs.field(converter=_items_tuple)
    associations: tuple[CaseAssociation, ...] = attrs.field(converter=_associations_tuple)
    ignored: tuple[Ignored, ...] = attrs.field(converter=_ignored_tuple)
    document: str = "{}"
    unmapped: str = "{}"

    @cached_property
    def identifiers(self) -> dict[str, str]:
        """Model ID -> CASE identifier, for every item."""
        return {item.id: item.identifier for item in self.items}

    @cached_property
    def _by_key(self) -> dict[str, CaseItem]:
        index = {item.identifier: item for item in self.items}
        index.update({item.id: item for item in self.items})
        return index

    def item(self, key: str) -> CaseItem:
        """The :class:`CaseItem` of a model ID or of a CASE identifier."""
        found = self._by_key.get(key)
        if found is None:
            from .errors import UnknownItemError

            raise UnknownItemError(key, self.framework.edition, (), reason="not an item of this package")
        return found

    def document_fields(self) -> dict[str, Any]:
        """The CFDocument's fields the model has no place for, decoded."""
        fields: dict[str, Any] = json.loads(self.document)
        return fields

    def unmapped_fields(self) -> dict[str, Any]:
        """The package's other parts (``CFDefinitions``, ``CFRubrics``, ``extensions`` ...), decoded."""
        fields: dict[str, Any] = json.loads(self.unmapped)
        return fields


# --------------------------------------------------------------------------- reading


def read(source: str | os.PathLike[str] | Mapping[str, Any], *, edition: int | str | None = None) -> CaseImport:
    """Read a CASE package (a path to its JSON file, or the decoded mapping) into the model.

    The tree is rebuilt from the ``isChildOf`` associations, siblings in ``sequenceNumber``
    order (then ``listEnumeration``, then ``humanCodingScheme``, as OpenSALT orders them);
    items without a parent are domains, whether or not they have an edge to the CFDocument.
    ``edition`` overrides the edition (the ID prefix) read from the package.

    A package that cannot give a tree (no CFDocument, a cycle, an ``isChildOf`` edge to an
    unknown item, two items with one identifier ...) raises
    :class:`~edcompetencies.errors.CaseFormatError` naming the JSON path and the identifier.
    Anything else that cannot be used is listed in ``ignored``.
    """
    if isinstance(source, Mapping):
        name = "<package>"
        data: object = source
        reader = _case.Reader(name)
    elif isinstance(source, (str, os.PathLike)):
        name = os.fspath(source)
        reader = _case.Reader(name)
        data = reader.decode(_read_file(name))
    else:
        raise CaseFormatError(
            f"expected a CFPackage mapping or the path of a JSON file, found {type_name(source)}",
            source="<package>",
        )
    if edition is not None:
        _check_edition(edition)
    try:
        return reader.package(data, edition)
    except RecursionError:
        raise CaseFormatError("the package is nested too deeply", source=name) from None


def load(source: str | os.PathLike[str] | Mapping[str, Any], *, edition: int | str | None = None) -> Framework:
    """The framework in a CASE package (a path or the decoded mapping); see :func:`read`.

    >>> import edcompetencies as ec
    >>> from edcompetencies import case
    >>> case.load(case.export(ec.load(2015))) == ec.load(2015)
    True
    """
    return read(source, edition=edition).framework


def loads(text: str | bytes, *, source: str = "<string>", edition: int | str | None = None) -> Framework:
    """The framework in a CASE package given as JSON text; see :func:`read`."""
    reader = _case.Reader(source)
    data = reader.decode(text)
    if edition is not None:
        _check_edition(edition)
    try:
        return reader.package(data, edition).framework
    except RecursionError:
        raise CaseFormatError("the package is nested too deeply", source=source) from None


def _read_file(name: str) -> bytes:
    try:
        with open(name, "rb") as handle:
            return handle.read()
    except (OSError, ValueError) as exc:  # ValueError: a NUL in the path
        raise CaseFormatError(f"cannot read the file: {getattr(exc, 'strerror', None) or exc}", source=name) from None


def _check_edition(edition: object) -> None:
    if isinstance(edition, bool) or not isinstance(edition, (int, str)):
        raise TypeError(f"edition must be an int or a str, not {type(edition).__name__}")
    if isinstance(edition, int) and edition < 0:
        raise ValueError(f"an edition number must not be negative, found {edition}")
    if isinstance(edition, str) and _case.edition_from_version(edition) is None:
        raise ValueError(f"an edition name is letters, digits, '.', '_' or '-', found {edition!r}")
