"""CASE identifiers and URIs: version 5 UUIDs of the library's IDs, in one namespace.

The item ``2020:cognitive.1`` is ``uuid5(NAMESPACE, "item:2020:cognitive.1")`` in every export
and every release; a framework's CFDocument is ``uuid5(NAMESPACE, "document:<edition>")``.
"""

from __future__ import annotations

import re
import uuid

from .._model import Competency, Domain, Framework, Indicator, Item
from .._rules import text_problem
from ..errors import ArgumentTypeError, ArgumentValueError

__all__ = [
    "CASE_VERSION",
    "NAMESPACE",
    "association_name",
    "document_name",
    "identifier",
    "is_uri",
    "is_uuid",
    "item_name",
    "name_uuid",
    "node_key",
]

CASE_VERSION = "1.1"
"""The CASE version written (``caseVersion`` of the CFDocument): ``"1.1"``."""

NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://pypi.org/project/edcompetencies/")
"""The UUID namespace of the library's identifiers: ``uuid5(NAMESPACE_URL, "https://pypi.org/project/edcompetencies/")``."""

# RFC 3986 URI: a scheme, a colon, then only URI characters (percent escapes well formed).
_URI = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*")
_UUID = re.compile(r"[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}")


def is_uri(value: object) -> bool:
    """Whether *value* is an absolute RFC 3986 URI (what CASE's ``format: uri`` asks)."""
    return isinstance(value, str) and _URI.fullmatch(value) is not None


def is_uuid(value: str) -> bool:
    """Whether *value* is a UUID in its usual text form (any case)."""
    return _UUID.fullmatch(value) is not None


def node_key(identifier: str) -> str:
    """An identifier as identifiers are compared: as written, but a UUID in any case (and no spaces around)."""
    stripped = identifier.strip()
    return stripped.lower() if is_uuid(stripped) else stripped


def name_uuid(name: str) -> str:
    """The lowercase RFC 4122 version 5 UUID of *name* in the library's namespace."""
    return str(uuid.uuid5(NAMESPACE, name))


def document_name(edition: int | str) -> str:
    return f"document:{edition}"


def item_name(item_id: str) -> str:
    return f"item:{item_id}"


def association_name(document: str, kind: str, origin: str, destination: str) -> str:
    # The exporting document is part of the name: a CASE server keeps each association in one
    # document (OpenSALT refuses to move one), so two packages never share an association.
    return f"association:{document}:{kind}:{origin}:{destination}"


def identifier(item: Item | Framework | str) -> str:
    """The CASE identifier an export gives an item (by object or ID) or a framework's CFDocument.

    >>> from edcompetencies import case
    >>> case.identifier("2020:instructional.4.a.ii")
    '...-...-5...-...-...'
    """
    if isinstance(item, Framework):
        return name_uuid(document_name(item.edition))
    if isinstance(item, (Domain, Competency, Indicator)):
        return name_uuid(item_name(item.id))
    if isinstance(item, str):
        item_id = item.strip()
        problem = "it is blank" if not item_id else text_problem(item_id)
        if problem is not None:
            raise ArgumentValueError(
                "case.identifier()", "item", "an item ID such as '2020:cognitive.1'", item, problem
            )
        return name_uuid(item_name(item_id))
    raise ArgumentTypeError("case.identifier()", "item", "an item, a framework or an item ID", item)
