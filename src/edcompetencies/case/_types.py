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
from ._identifiers import node_key

__all__ = [
    "CaseAssociation",
    "CaseImport",
    "CaseItem",
    "CaseRubric",
    "CaseRubricCriterion",
    "CaseRubricCriterionLevel",
    "Ignored",
]


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


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _integer(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)


def _fields(raw: object) -> dict[str, Any]:
    return dict(raw) if isinstance(raw, dict) else {}


def _levels_tuple(values: object) -> tuple[CaseRubricCriterionLevel, ...]:
    return tuple(values)  # type: ignore[arg-type]


def _criteria_tuple(values: object) -> tuple[CaseRubricCriterion, ...]:
    return tuple(values)  # type: ignore[arg-type]


@attrs.frozen(repr=False)
class CaseRubricCriterionLevel(Card):
    """A level of a rubric criterion (a CASE CFRubricCriterionLevel): its quality, score and feedback.

    A field the package gives with the wrong type reads as ``None`` (the package's value stays in the
    framework's ``metadata["CFRubrics"]``, and an export writes it back as it was).
    """

    identifier: str | None
    uri: str | None
    description: str | None
    quality: str | None
    score: float | None
    feedback: str | None
    position: int | None

    @classmethod
    def _read(cls, raw: object) -> CaseRubricCriterionLevel:
        fields = _fields(raw)
        return cls(
            identifier=_text(fields.get("identifier")),
            uri=_text(fields.get("uri")),
            description=_text(fields.get("description")),
            quality=_text(fields.get("quality")),
            score=_number(fields.get("score")),
            feedback=_text(fields.get("feedback")),
            position=_integer(fields.get("position")),
        )


@attrs.frozen(repr=False)
class CaseRubricCriterion(Card):
    """A criterion of a rubric (a CASE CFRubricCriterion), linked to the CFItem it assesses.

    ``cf_item_identifier`` is the identifier its ``CFItemURI`` names; ``id`` the model ID of that
    item, or ``None`` when it is not an item of the package. ``levels`` are in the package's order
    (``position`` gives the rubric's own).
    """

    identifier: str | None
    uri: str | None
    category: str | None
    description: str | None
    weight: float | None
    position: int | None
    cf_item_identifier: str | None
    id: str | None
    levels: tuple[CaseRubricCriterionLevel, ...] = attrs.field(converter=_levels_tuple)

    @classmethod
    def _read(cls, raw: object, ids: dict[str, str]) -> CaseRubricCriterion:
        fields = _fields(raw)
        item = _fields(fields.get("CFItemURI")).get("identifier")
        item = item if isinstance(item, str) else None
        levels = fields.get("CFRubricCriterionLevels")
        return cls(
            identifier=_text(fields.get("identifier")),
            uri=_text(fields.get("uri")),
            category=_text(fields.get("category")),
            description=_text(fields.get("description")),
            weight=_number(fields.get("weight")),
            position=_integer(fields.get("position")),
            cf_item_identifier=item,
            id=None if item is None else ids.get(node_key(item)),
            levels=[CaseRubricCriterionLevel._read(v) for v in (levels if isinstance(levels, list) else [])],
        )


@attrs.frozen(repr=False)
class CaseRubric(Card):
    """A rubric of the package (a CASE CFRubric): its criteria, each linked to an item.

    >>> from edcompetencies import case
    >>> result = case.read({"CFDocument": {"identifier": "d", "title": "T"},
    ...     "CFItems": [{"identifier": "x", "fullStatement": "Know things.", "humanCodingScheme": "K"}],
    ...     "CFRubrics": [{"identifier": "r", "title": "Knowing", "CFRubricCriteria": [
    ...         {"identifier": "c", "CFItemURI": {"identifier": "x", "title": "K", "uri": "urn:x"},
    ...          "CFRubricCriterionLevels": [{"quality": "Good", "score": 2}]}]}]})
    >>> criterion = result.rubrics[0].criteria[0]
    >>> criterion.id, criterion.levels[0].quality, criterion.levels[0].score
    ('case:k', 'Good', 2.0)
    """

    identifier: str | None
    uri: str | None
    title: str | None
    description: str | None
    criteria: tuple[CaseRubricCriterion, ...] = attrs.field(converter=_criteria_tuple)

    @classmethod
    def _read(cls, raw: object, ids: dict[str, str]) -> CaseRubric:
        fields = _fields(raw)
        criteria = fields.get("CFRubricCriteria")
        return cls(
            identifier=_text(fields.get("identifier")),
            uri=_text(fields.get("uri")),
            title=_text(fields.get("title")),
            description=_text(fields.get("description")),
            criteria=[CaseRubricCriterion._read(c, ids) for c in (criteria if isinstance(criteria, list) else [])],
        )


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

    @cached_property
    def rubrics(self) -> tuple[CaseRubric, ...]:
        """The package's ``CFRubrics``, typed, each criterion linked to its item's model ID.

        They are read from the package's parts kept in :attr:`unmapped` (a framework read
        from the package carries them in ``metadata["CFRubrics"]``, and an export writes them back).
        """
        raw = self.unmapped_fields().get("CFRubrics")
        if not isinstance(raw, list):
            return ()
        ids = {node_key(item.identifier): item.id for item in self.items}
        return tuple(CaseRubric._read(r, ids) for r in raw)

    def document_fields(self) -> dict[str, Any]:
        """The CFDocument's fields the model has no place for, decoded."""
        fields: dict[str, Any] = json.loads(self.document)
        return fields

    def unmapped_fields(self) -> dict[str, Any]:
        """The package's other parts (``CFDefinitions``, ``CFRubrics``, ``extensions`` ...), decoded."""
        fields: dict[str, Any] = json.loads(self.unmapped)
        return fields
