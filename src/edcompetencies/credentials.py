"""Open Badges 3.0 and CLR 2.0 alignments: a badge's or a credential's link to a competency.

An issuer who aligns a micro-credential with "Cognitive 3.c" puts an OB 3.0 ``Alignment``
object in the achievement's ``alignment`` list. :func:`alignment` writes that object for any
domain, competency or indicator, pointing at the item our CASE export publishes (the same
deterministic identifier, so a wallet can resolve it there):

>>> from edcompetencies import credentials
>>> a = credentials.alignment("2020:cognitive.3.c", base_uri="https://case.example.org/uri/")
>>> a["type"], a["targetName"], a["targetCode"], a["targetType"]
(['Alignment'], 'Cognitive 3.c', '2020:cognitive.3.c', 'CFItem')
>>> a["targetUrl"] == "https://case.example.org/uri/" + credentials.case_identifier("2020:cognitive.3.c")
True

``migrate.alignments(badge)`` reads such objects back and says which of them point at 2015
items that the 2020 edition replaced (see :mod:`edcompetencies.migrate`).
"""

from __future__ import annotations

import json as _json
from collections.abc import Iterator as _Iterator
from typing import Any as _Any

from ._loading import load as _load
from ._model import Competency as _Competency
from ._model import Domain as _Domain
from ._model import Framework as _Framework
from ._model import Indicator as _Indicator
from ._model import Item as _Item
from .case import identifier as _identifier
from .errors import ArgumentTypeError as _ArgumentTypeError
from .errors import FrameworkFormatError as _FrameworkFormatError

__all__ = ["TARGET_TYPE", "alignment", "case_identifier", "find_alignments", "label"]


def __dir__() -> list[str]:
    return list(__all__)


TARGET_TYPE = "CFItem"
"""The OB 3.0 ``targetType`` of an alignment that points at an item of our CASE export."""


def case_identifier(item: _Item | str) -> str:
    """The CASE identifier our CASE export gives *item* (``case.identifier``)."""
    return _identifier(item)


def _item(item: _Item | str, function: str) -> tuple[_Item, _Framework]:
    if isinstance(item, str):
        edition, sep, _ = item.strip().partition(":")
        if not sep:
            raise _ArgumentTypeError(function, "item", "an item or an ID with its edition (2020:cognitive.3.c)", item)
        fw = _load(edition)
        return fw[item], fw
    if isinstance(item, (_Domain, _Competency, _Indicator)):
        fw = _load(item.id.partition(":")[0])
        if fw.get(item.id) != item:
            raise _ArgumentTypeError(function, "item", "an item of a packaged edition (or its ID)", item)
        return item, fw
    raise _ArgumentTypeError(function, "item", "an item or an ID (2020:cognitive.3.c)", item)


def label(item: _Item) -> str:
    """The publication's way of naming an item: ``Cognitive``, ``Cognitive 3``, ``Cognitive 3.c.ii``.

    >>> import edcompetencies as ec
    >>> label(ec.load(2015)["cognitive.1.3"]), label(ec.load(2020)["instructional"])
    ('Cognitive 1.3', 'Instructional')
    """
    domain, _, rest = item.id.partition(":")[2].partition(".")
    name = domain[:1].upper() + domain[1:]
    return f"{name} {rest}" if rest else name


def alignment(item: _Item | str, *, base_uri: str | None = None) -> dict[str, _Any]:
    """The OB 3.0 / CLR 2.0 ``Alignment`` object for a domain, competency or indicator of a
    packaged edition (an object or an ID with its edition).

    ``targetUrl`` is the URI our CASE export gives the item: ``base_uri`` + its CASE identifier
    when you serve the export there (``edcompetencies export 2020 --format case``), else
    ``urn:uuid:<identifier>``; ``targetCode`` is the item's ID, ``targetName`` the publication's
    label, ``targetDescription`` its text, ``targetFramework`` the edition's title.
    """
    found, fw = _item(item, "credentials.alignment()")
    if base_uri is not None and (not isinstance(base_uri, str) or ":" not in base_uri):
        raise _ArgumentTypeError("credentials.alignment()", "base_uri", "an absolute URI ending in / or :", base_uri)
    identifier = case_identifier(found)
    url = f"{base_uri}{identifier}" if base_uri is not None else f"urn:uuid:{identifier}"
    return {
        "type": ["Alignment"],
        "targetName": label(found),
        "targetDescription": found.text,
        "targetUrl": url,
        "targetCode": found.id,
        "targetFramework": fw.title,
        "targetType": TARGET_TYPE,
    }


def _walk(value: _Any, path: str, depth: int = 0) -> _Iterator[tuple[str, dict[str, _Any]]]:
    if depth > 64:
        raise _FrameworkFormatError("nested too deeply (more than 64 levels)", source="<alignments>", path=path)
    if isinstance(value, dict):
        kinds = value.get("type")
        kinds = [kinds] if isinstance(kinds, str) else kinds if isinstance(kinds, list) else []
        if "Alignment" in kinds or ("targetName" in value and "targetUrl" in value):
            yield path, value
            return
        for key, inner in value.items():
            yield from _walk(inner, f"{path}.{key}", depth + 1)
    elif isinstance(value, list):
        for n, inner in enumerate(value):
            yield from _walk(inner, f"{path}[{n}]", depth + 1)


def find_alignments(data: _Any) -> list[tuple[str, dict[str, _Any]]]:
    """Every OB 3.0 ``Alignment`` object in a badge, a credential, an achievement or a list (or their
    JSON text), with its JSON path: ``[("$.credentialSubject.achievement.alignment[0]", {...}), ...]``."""
    if isinstance(data, (str, bytes)):
        try:
            data = _json.loads(data)
        except ValueError as e:
            raise _FrameworkFormatError(f"not JSON ({e})", source="<alignments>", path="$") from None
    return list(_walk(data, "$"))
