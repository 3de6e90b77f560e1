"""The mapping between model fields and CASE fields, written once and used in both directions.

Each ``derive_*`` function takes the *clean* standard fields of one CASE object (strings that
are present and not blank, or None) and returns the model fields they give. The reader calls
them to build the model; the writer calls them to find which model fields would not come back
exactly, and writes only those into the ``edcompetencies`` extension. A package edited in a
CASE tool therefore keeps its edits (a standard field is authoritative unless the extension
overrides it), and the extension stays small.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from .._model import Theme
from .._rules import ascii_number, is_name

__all__ = [
    "CREATOR_SEPARATOR",
    "EXTENSION",
    "EXTENSION_FORMAT",
    "EXTENSION_VERSION",
    "LEVELS",
    "derive_competency",
    "derive_document",
    "derive_domain",
    "derive_indicator",
    "edition_from_version",
    "is_package",
    "theme_codes",
    "themes_from_keywords",
]

EXTENSION = "edcompetencies"
"""The key of the library's object in a CASE ``extensions`` object."""

EXTENSION_FORMAT = "edcompetencies/case"
EXTENSION_VERSION = 1

# CFItemType titles of the model's levels (their CASE hierarchyCode is their place, from 1).
LEVELS = ("Domain", "Competency", "Indicator", "Sub-indicator")

CREATOR_SEPARATOR = "; "


def is_package(obj: object) -> bool:
    """Whether *obj* looks like a CFPackage: a mapping with a ``"CFDocument"`` key.

    >>> from edcompetencies import case
    >>> case.is_package({"CFDocument": {}}), case.is_package({"edition": 2020})
    (True, False)
    """
    return isinstance(obj, Mapping) and "CFDocument" in obj


def edition_from_version(version: str | None) -> int | str | None:
    """The edition a CFDocument ``version`` names: an int for plain ASCII digits, else the name.

    A number has at most :data:`~edcompetencies._rules.MAX_DIGITS` digits and no leading zero
    (``"0123"`` is the name ``"0123"``); longer digit strings, and anything that is not a name
    (:func:`~edcompetencies._rules.is_name`: ``"²"`` and ``"2020\\n"`` are not), name no edition.
    """
    if version is None:
        return None
    number = ascii_number(version)
    if number is not None and str(number) == version:
        return number
    if is_name(version) and not (number is None and version.isdigit()):  # is_name: ASCII only
        return version
    return None


def derive_document(
    *, title: str, creator: str | None, publisher: str | None, official_url: str | None, license: str | None
) -> dict[str, Any]:
    publishers = [] if creator is None else creator.split(CREATOR_SEPARATOR)
    for name in [] if publisher is None else publisher.split(CREATOR_SEPARATOR):
        if name not in publishers:
            publishers.append(name)
    return {
        "title": title,
        "publishers": tuple(publishers),
        "year": None,
        "license": license,
        "citation": None,
        "url": official_url,
        "source": None,
    }


def derive_domain(*, full: str, abbreviated: str | None, alternative: str | None) -> dict[str, Any]:
    name = abbreviated if abbreviated is not None else full
    description = full if abbreviated is not None and full != abbreviated else None
    return {"name": name, "description": description, "tagline": alternative, "overview": None}


def derive_competency(*, full: str, abbreviated: str | None, themes: frozenset[Theme]) -> dict[str, Any]:
    return {"statement": full, "title": abbreviated, "themes": themes}


def derive_indicator(*, full: str, themes: frozenset[Theme]) -> dict[str, Any]:
    return {"text": full, "themes": themes}


def themes_from_keywords(keywords: Iterable[str]) -> tuple[frozenset[Theme], list[str]]:
    """The themes named by concept keywords (a theme's label, any case), and the other keywords."""
    by_label = {t.label.casefold(): t for t in Theme}
    found: set[Theme] = set()
    other: list[str] = []
    for keyword in keywords:
        theme = by_label.get(keyword.strip().casefold())
        if theme is None:
            other.append(keyword)
        else:
            found.add(theme)
    return frozenset(found), other


def theme_codes(themes: frozenset[Theme]) -> list[str]:
    return [t.value for t in Theme if t in themes]
