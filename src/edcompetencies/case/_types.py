"""What reading a CASE package gives: :class:`CaseImport` and its parts.

Plain frozen values; this module imports nothing of the reader or the writer.
"""

from __future__ import annotations

import json
from functools import cached_property
from typing import Any

import attrs

from .._markup import Card
from .._model import Framework
from ..errors import UnknownItemError

__all__ = ["CaseAssociation", "CaseImport", "CaseItem", "Ignored"]


@attrs.frozen(repr=False)
class Ignored(Card):
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


@attrs.frozen(repr=False)
class CaseItem(Card):
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


@attrs.frozen(repr=False)
class CaseAssociation(Card):
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


@attrs.frozen(repr=False)
class CaseImport(Card):
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
        found = self._by_key.get(key) if isinstance(key, str) else None
        if found is None:
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
