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
from functools import cache
from typing import Any

from .._case_names import PACKAGE_PARTS
from .._loading import load as _load
from .._model import Framework, Theme
from .._rules import ascii_number, is_name
from ._identifiers import CASE_VERSION, is_uri, name_uuid

__all__ = [
    "CREATOR_SEPARATOR",
    "EXTENSION",
    "EXTENSION_FORMAT",
    "EXTENSION_VERSION",
    "LEVELS",
    "PACKAGE_PARTS",
    "concept_definition",
    "date_time",
    "derive_competency",
    "derive_document",
    "derive_domain",
    "derive_indicator",
    "edition_from_version",
    "is_package",
    "is_packaged",
    "item_type_definition",
    "license_definition",
    "link",
    "theme_codes",
    "themes_from_keywords",
    "type_link",
    "type_link_of",
    "type_links",
    "written_competency",
    "written_document",
    "written_domain",
    "written_indicator",
    "written_item",
]

EXTENSION = "edcompetencies"
"""The key of the library's object in a CASE ``extensions`` object."""

EXTENSION_FORMAT = "edcompetencies/case"
EXTENSION_VERSION = 1

# CFItemType titles of the model's levels (their CASE hierarchyCode is their place, from 1).
LEVELS = ("Domain", "Competency", "Indicator", "Sub-indicator")

CREATOR_SEPARATOR = "; "
UNKNOWN_CREATOR = "unknown"  # CASE requires a creator


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


# --------------------------------------------------------------------------- what the writer writes
# The standard CASE fields the writer gives a model item or a framework, written once: the
# writer writes them, the reader compares a package's fields with them and keeps in the model's
# ``metadata`` only the fields that differ (docs/case.md, "Round trips").


def date_time(year: int | None) -> str:
    """The fixed ``lastChangeDateTime`` of an export: 1 January of the publication year."""
    if year is None or not 1 <= year <= 9999:
        return "1970-01-01T00:00:00+00:00"
    return f"{year:04d}-01-01T00:00:00+00:00"


def written_domain(*, name: str, description: str | None, tagline: str | None) -> dict[str, str | None]:
    full = description if description is not None else name
    return {"fullStatement": full, "alternativeLabel": tagline, "abbreviatedStatement": name}


def written_competency(*, statement: str, title: str | None) -> dict[str, str | None]:
    return {"fullStatement": statement, "alternativeLabel": None, "abbreviatedStatement": title}


def written_indicator(*, text: str) -> dict[str, str | None]:
    return {"fullStatement": text, "alternativeLabel": None, "abbreviatedStatement": None}


def link(identifier: str, title: str, base_uri: str | None = None) -> dict[str, str]:
    """A CASE link object (LinkGenURI) to *identifier*, its URI made as the writer makes URIs."""
    uri = f"{base_uri}{identifier}" if base_uri is not None else f"urn:uuid:{identifier}"
    return {"title": title, "identifier": identifier, "uri": uri}


@cache
def type_link(title: str) -> dict[str, str]:
    """The link an export gives an item of type *title* (one object per title: compare it, never change it)."""
    return link(name_uuid(f"item-type:{title}"), title)


def type_link_of(definition: Mapping[str, Any]) -> dict[str, str]:
    """The link to a package's own CFItemType definition (an export links a type the package defines to it)."""
    return {"title": definition["title"], "identifier": definition["identifier"], "uri": definition["uri"]}


def type_links(definitions: object) -> dict[str, dict[str, str]]:
    """Title -> link of each CFItemType in a package's CFDefinitions (the first of a title)."""
    out: dict[str, dict[str, str]] = {}
    entries = definitions.get("CFItemTypes") if isinstance(definitions, Mapping) else None
    for entry in entries if isinstance(entries, list) else []:
        if isinstance(entry, Mapping) and all(isinstance(entry.get(k), str) for k in ("title", "identifier", "uri")):
            out.setdefault(entry["title"], type_link_of(entry))
    return out


@cache
def _concept_link(theme: Theme) -> dict[str, str]:
    return link(name_uuid(f"concept:{theme.value}"), theme.label)


def written_item(
    *,
    texts: Mapping[str, str | None],
    item_type: str | None,
    code: str,
    enumeration: str,
    themes: frozenset[Theme],
    when: str,
) -> dict[str, Any]:
    """The standard fields (but ``identifier`` and ``uri``) the writer gives an item; None: not written."""
    ordered = [t for t in Theme if t in themes] if themes else []
    concept = _concept_link(ordered[0]) if len(ordered) == 1 else None  # CASE links one concept per item
    return {
        "fullStatement": texts["fullStatement"],
        "alternativeLabel": texts["alternativeLabel"],
        "CFItemType": item_type,
        "humanCodingScheme": code,
        "listEnumeration": enumeration,
        "abbreviatedStatement": texts["abbreviatedStatement"],
        "conceptKeywords": [t.label for t in ordered] or None,
        "conceptKeywordsURI": concept,
        "CFItemTypeURI": None if item_type is None else type_link(item_type),
        "lastChangeDateTime": when,
    }


def is_packaged(fw: Framework) -> bool:
    """Whether *fw* is one of the packaged editions, unchanged."""
    if fw.edition not in (2015, 2020) or isinstance(fw.edition, bool):
        return False
    return fw == _load(fw.edition)


def written_document(fw: Framework, *, identifier: str, when: str) -> dict[str, Any]:
    """The standard CFDocument fields the writer gives a framework; None: not written."""
    creator = CREATOR_SEPARATOR.join(fw.publishers) or UNKNOWN_CREATOR
    return {
        "identifier": identifier,
        "uri": f"urn:uuid:{identifier}",
        "creator": creator,
        "title": fw.title,
        "lastChangeDateTime": when,
        "officialSourceURL": fw.url if is_uri(fw.url) else None,
        # the model's publishers are the publication's creators and publishers
        "publisher": creator if fw.publishers else None,
        "language": "en" if is_packaged(fw) else None,
        "version": str(fw.edition),
        "licenseURI": None if fw.license is None else link(name_uuid(f"license:{fw.license}"), fw.license),
        "caseVersion": CASE_VERSION,
    }


_LEVEL_DESCRIPTIONS = {
    "Domain": "A domain of the framework: a group of competencies.",
    "Competency": "A competency: a numbered statement within a domain.",
    "Indicator": "An indicator of a competency.",
    "Sub-indicator": "A sub-indicator: an indicator of an indicator.",
}


def item_type_definition(title: str, when: str, base_uri: str | None = None) -> dict[str, Any]:
    """The CFItemType the writer defines for an item type it writes."""
    identifier = name_uuid(f"item-type:{title}")
    return {
        "identifier": identifier,
        "uri": link(identifier, title, base_uri)["uri"],
        "title": title,
        "description": _LEVEL_DESCRIPTIONS.get(title, title),
        "hierarchyCode": str(LEVELS.index(title) + 1) if title in LEVELS else "1",
        "typeCode": title,
        "lastChangeDateTime": when,
    }


def concept_definition(theme: Theme, when: str, base_uri: str | None = None) -> dict[str, Any]:
    """The CFConcept the writer defines for a theme."""
    identifier = name_uuid(f"concept:{theme.value}")
    return {
        "identifier": identifier,
        "uri": link(identifier, theme.label, base_uri)["uri"],
        "title": theme.label,
        "keywords": f"{theme.value}|{theme.label}",
        "hierarchyCode": theme.value,
        "description": theme.definition,
        "lastChangeDateTime": when,
    }


def license_definition(license: str, when: str, base_uri: str | None = None) -> dict[str, Any]:
    """The CFLicense the writer defines for a framework's license."""
    identifier = name_uuid(f"license:{license}")
    return {
        "identifier": identifier,
        "uri": link(identifier, license, base_uri)["uri"],
        "title": license,
        "licenseText": license,
        "lastChangeDateTime": when,
    }
