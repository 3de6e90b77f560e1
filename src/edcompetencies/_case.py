"""CASE 1.1 interchange, the private half: identifiers, the field mapping, the writer and the reader.

The mapping between the model and CASE fields is written once here and used in both
directions: the writer puts each model field into its CASE field, then asks the reader's own
derivation (:func:`derive_document`, :func:`derive_domain` ...) what it would read back, and
writes into ``extensions`` only the fields that would not come back exactly. A package edited in
a CASE tool therefore keeps its edits (a standard field is authoritative unless the extension
overrides it), and the extension stays small.

The reader (:class:`Reader`) checks as it goes and builds the model in passes: items, the
``isChildOf`` edges (one parent each), the tree (cycles and depth in one linear pass, siblings
ordered), the levels, then the model objects with IDs chosen sibling group by sibling group.
It raises :class:`~edcompetencies.errors.CaseFormatError` only when no tree can be built;
everything else it cannot use is recorded, with its JSON path, in ``CaseImport.ignored``.
"""

from __future__ import annotations

import json
import re
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from ._model import Competency, Domain, Framework, Indicator, NoteKind, SourceNote, Theme
from ._rules import type_name
from .errors import CaseFormatError

if TYPE_CHECKING:  # pragma: no cover
    from .case import CaseAssociation, CaseImport

__all__ = [
    "CASE_VERSION",
    "EXTENSION",
    "LEVELS",
    "MAX_DEPTH",
    "NAMESPACE",
    "Reader",
    "build_package",
    "derive_competency",
    "derive_document",
    "derive_domain",
    "derive_indicator",
    "edition_from_version",
    "is_uri",
    "name_uuid",
]

CASE_VERSION = "1.1"
MAX_DEPTH = 100

# The library's UUID namespace: uuid5(NAMESPACE_URL, "https://pypi.org/project/edcompetencies/").
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://pypi.org/project/edcompetencies/")

EXTENSION = "edcompetencies"
"""The key of the library's object in a CASE ``extensions`` object."""

EXTENSION_FORMAT = "edcompetencies/case"
EXTENSION_VERSION = 1

# CFItemType titles of the model's levels, and their CASE hierarchyCode.
LEVELS = ("Domain", "Competency", "Indicator", "Sub-indicator")
_LEVEL_DESCRIPTIONS = {
    "Domain": "A domain of the framework: a group of competencies.",
    "Competency": "A competency: a numbered statement within a domain.",
    "Indicator": "An indicator of a competency.",
    "Sub-indicator": "A sub-indicator: an indicator of an indicator.",
}

# RFC 3986 URI: a scheme, a colon, then only URI characters (percent escapes well formed).
_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$")
_EDITION_STR = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$")
_DIGITS = re.compile(r"^[0-9]+$")
_CREATOR_SEPARATOR = "; "
_UNKNOWN_CREATOR = "unknown"


def is_uri(value: object) -> bool:
    """Whether *value* is an absolute RFC 3986 URI (what CASE's ``format: uri`` asks)."""
    return isinstance(value, str) and _URI.match(value) is not None


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


def date_time(year: int | None) -> str:
    """The fixed ``lastChangeDateTime`` of an export: 1 January of the publication year."""
    if year is None or not 1 <= year <= 9999:
        return "1970-01-01T00:00:00+00:00"
    return f"{year:04d}-01-01T00:00:00+00:00"


# --------------------------------------------------------------------------- the mapping, reading side
#
# Each derive_* function takes the *clean* standard fields of one CASE object (strings that are
# present and not blank, or None) and returns the model fields they give. The reader calls them;
# the writer calls them to find what the extension must carry.


def edition_from_version(version: str | None) -> int | str | None:
    """The edition a CFDocument ``version`` names: an int for plain digits, else the string."""
    if version is None:
        return None
    if _DIGITS.match(version) and str(int(version)) == version:
        return int(version)
    if _EDITION_STR.match(version):
        return version
    return None


def derive_document(
    *, title: str, creator: str | None, publisher: str | None, official_url: str | None, license: str | None
) -> dict[str, Any]:
    publishers = [] if creator is None else creator.split(_CREATOR_SEPARATOR)
    for name in [] if publisher is None else publisher.split(_CREATOR_SEPARATOR):
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


# --------------------------------------------------------------------------- the writer


class _Writer:
    def __init__(self, fw: Framework, base_uri: str | None) -> None:
        self.fw = fw
        self.base_uri = base_uri
        self.when = date_time(fw.year)
        self.document = document_name(fw.edition)
        self.document_identifier = name_uuid(self.document)
        self.item_types: dict[str, dict[str, Any]] = {}
        self.concepts: dict[Theme, dict[str, Any]] = {}
        self.groupings: dict[str, dict[str, Any]] = {}
        self.items: list[dict[str, Any]] = []
        self.associations: list[dict[str, Any]] = []

    # -- links -------------------------------------------------------------------

    def uri(self, identifier: str) -> str:
        return f"{self.base_uri}{identifier}" if self.base_uri is not None else f"urn:uuid:{identifier}"

    def link(self, identifier: str, title: str) -> dict[str, str]:
        return {"title": title, "identifier": identifier, "uri": self.uri(identifier)}

    def document_link(self) -> dict[str, str]:
        return self.link(self.document_identifier, self.fw.title)

    def item_type(self, title: str) -> dict[str, str]:
        if title not in self.item_types:
            identifier = name_uuid(f"item-type:{title}")
            self.item_types[title] = {
                "identifier": identifier,
                "uri": self.uri(identifier),
                "title": title,
                "description": _LEVEL_DESCRIPTIONS.get(title, title),
                "hierarchyCode": str(LEVELS.index(title) + 1) if title in LEVELS else "1",
                "typeCode": title,
                "lastChangeDateTime": self.when,
            }
        return self.link(self.item_types[title]["identifier"], title)

    def concept(self, theme: Theme) -> dict[str, str]:
        if theme not in self.concepts:
            identifier = name_uuid(f"concept:{theme.value}")
            self.concepts[theme] = {
                "identifier": identifier,
                "uri": self.uri(identifier),
                "title": theme.label,
                "keywords": f"{theme.value}|{theme.label}",
                "hierarchyCode": theme.value,
                "description": theme.definition,
                "lastChangeDateTime": self.when,
            }
        return self.link(self.concepts[theme]["identifier"], theme.label)

    def grouping(self, key: str, title: str, description: str) -> dict[str, str]:
        if key not in self.groupings:
            identifier = name_uuid(f"grouping:{key}")
            self.groupings[key] = {
                "identifier": identifier,
                "uri": self.uri(identifier),
                "title": title,
                "description": description,
                "lastChangeDateTime": self.when,
            }
        return self.link(self.groupings[key]["identifier"], title)

    def associate(
        self,
        kind: str,
        origin: tuple[str, str],
        destination: tuple[str, str],
        *,
        sequence: int | None = None,
        grouping: dict[str, str] | None = None,
        notes: str | None = None,
        extension: dict[str, Any] | None = None,
    ) -> None:
        """Add an association; *origin* and *destination* are (identifier name, title)."""
        identifier = name_uuid(association_name(self.document, kind, origin[0], destination[0]))
        association: dict[str, Any] = {
            "identifier": identifier,
            "uri": self.uri(identifier),
            "associationType": kind,
        }
        if sequence is not None:
            association["sequenceNumber"] = sequence
        association["originNodeURI"] = self.node(*origin)
        association["destinationNodeURI"] = self.node(*destination)
        if grouping is not None:
            association["CFAssociationGroupingURI"] = grouping
        if notes is not None:
            association["notes"] = notes
        association["lastChangeDateTime"] = self.when
        if extension:
            association["extensions"] = {EXTENSION: extension}
        self.associations.append(association)

    def node(self, name: str, title: str) -> dict[str, str]:
        return self.link(name_uuid(name), title)

    # -- the document ----------------------------------------------------------------

    def cf_document(self, licenses: list[dict[str, Any]]) -> dict[str, Any]:
        fw = self.fw
        creator = _CREATOR_SEPARATOR.join(fw.publishers) or _UNKNOWN_CREATOR
        official = fw.url if is_uri(fw.url) else None
        doc: dict[str, Any] = {
            "identifier": self.document_identifier,
            "uri": self.uri(self.document_identifier),
            "creator": creator,
            "title": fw.title,
            "lastChangeDateTime": self.when,
        }
        if official is not None:
            doc["officialSourceURL"] = official
        if fw.publishers:
            doc["publisher"] = creator  # the model's publishers are the publication's creators and publishers
        if _is_packaged(fw):
            doc["language"] = "en"
        doc["version"] = str(fw.edition)
        if fw.license is not None:
            identifier = name_uuid(f"license:{fw.license}")
            licenses.append(
                {
                    "identifier": identifier,
                    "uri": self.uri(identifier),
                    "title": fw.license,
                    "licenseText": fw.license,
                    "lastChangeDateTime": self.when,
                }
            )
            doc["licenseURI"] = self.link(identifier, fw.license)
        doc["caseVersion"] = CASE_VERSION
        derived = derive_document(
            title=fw.title, creator=creator, publisher=doc.get("publisher"), official_url=official, license=fw.license
        )
        actual = {
            "title": fw.title,
            "publishers": fw.publishers,
            "year": fw.year,
            "license": fw.license,
            "citation": fw.citation,
            "url": fw.url,
            "source": fw.source,
        }
        extension: dict[str, Any] = {"format": EXTENSION_FORMAT, "format_version": EXTENSION_VERSION}
        if edition_from_version(str(fw.edition)) != fw.edition:
            extension["edition"] = fw.edition
        for key, value in actual.items():
            if derived[key] != value:
                extension[key] = list(value) if isinstance(value, tuple) else value
        if fw.notes:
            extension["notes"] = [_note_out(n) for n in fw.notes]
        doc["extensions"] = {EXTENSION: extension}
        return doc

    # -- items -------------------------------------------------------------------

    def cf_item(
        self,
        item_id: str,
        level: str,
        enumeration: str,
        *,
        full: str,
        abbreviated: str | None = None,
        alternative: str | None = None,
        themes: frozenset[Theme] = frozenset(),
        extension: dict[str, Any],
    ) -> None:
        identifier = name_uuid(item_name(item_id))
        item: dict[str, Any] = {
            "identifier": identifier,
            "uri": self.uri(identifier),
            "fullStatement": full,
        }
        if alternative is not None:
            item["alternativeLabel"] = alternative
        item["CFItemType"] = level
        item["humanCodingScheme"] = item_id
        item["listEnumeration"] = enumeration
        if abbreviated is not None:
            item["abbreviatedStatement"] = abbreviated
        ordered = [t for t in Theme if t in themes]
        if ordered:
            item["conceptKeywords"] = [t.label for t in ordered]
            links = [self.concept(t) for t in ordered]
            if len(links) == 1:  # CASE links one concept per item
                item["conceptKeywordsURI"] = links[0]
        item["CFItemTypeURI"] = self.item_type(level)
        item["lastChangeDateTime"] = self.when
        if extension:
            item["extensions"] = {EXTENSION: extension}
        self.items.append(item)

    def domain(self, domain: Domain, position: int) -> None:
        full = domain.description if domain.description is not None else domain.name
        derived = derive_domain(full=full, abbreviated=domain.name, alternative=domain.tagline)
        actual = {
            "name": domain.name,
            "description": domain.description,
            "tagline": domain.tagline,
            "overview": domain.overview,
        }
        self.cf_item(
            domain.id,
            "Domain",
            str(position),
            full=full,
            abbreviated=domain.name,
            alternative=domain.tagline,
            extension=_differences(derived, actual),
        )
        self.associate(
            "isChildOf",
            (item_name(domain.id), domain.id),
            (self.document, self.fw.title),
            sequence=position,
        )
        for n, competency in enumerate(domain.competencies, start=1):
            self.competency(competency, domain.id, n)

    def competency(self, competency: Competency, parent: str, position: int) -> None:
        derived = derive_competency(full=competency.statement, abbreviated=competency.title, themes=competency.themes)
        actual = {"statement": competency.statement, "title": competency.title, "themes": competency.themes}
        self.cf_item(
            competency.id,
            "Competency",
            str(competency.number),
            full=competency.statement,
            abbreviated=competency.title,
            themes=competency.themes,
            extension=_differences(derived, actual),
        )
        self.associate(
            "isChildOf", (item_name(competency.id), competency.id), (item_name(parent), parent), sequence=position
        )
        for n, indicator in enumerate(competency.indicators, start=1):
            self.indicator(indicator, competency.id, n)

    def indicator(self, indicator: Indicator, parent: str, position: int) -> None:
        derived = derive_indicator(full=indicator.text, themes=indicator.themes)
        actual = {"text": indicator.text, "themes": indicator.themes}
        self.cf_item(
            indicator.id,
            "Indicator" if indicator.depth == 1 else "Sub-indicator",
            indicator.label,
            full=indicator.text,
            themes=indicator.themes,
            extension=_differences(derived, actual),
        )
        self.associate(
            "isChildOf", (item_name(indicator.id), indicator.id), (item_name(parent), parent), sequence=position
        )
        for n, child in enumerate(indicator.children, start=1):
            self.indicator(child, indicator.id, n)

    # -- optional parts ----------------------------------------------------------------

    def lineage(self) -> None:
        from ._lineage import lineage

        fw = self.fw
        record = lineage(2015, 2020) if str(fw.edition) in ("2015", "2020") else lineage(fw.edition, 2020)
        own = 0 if str(fw.edition) == "2015" else 1
        grouping = self.grouping(
            "lineage-2015-2020",
            "Curated lineage, 2015 to 2020",
            "Links from each 2015 item to its 2020 successor(s), curated by reading both editions: "
            "exactMatchOf where the text is unchanged (relation 'same'), replacedBy where it was "
            "reworded, merged or split.",
        )
        for link in record.links:
            mine = (link.old, link.new)[own]
            if mine not in fw:
                from .errors import UnknownItemError

                raise UnknownItemError(mine, fw.edition, (), reason="the curated lineage links this item")
            kind = "exactMatchOf" if link.relation == "same" else "replacedBy"
            self.associate(
                kind,
                (item_name(link.old), link.old),
                (item_name(link.new), link.new),
                grouping=grouping,
                notes=f"{link.relation}: {link.rationale}",
                extension={"relation": link.relation},
            )

    def crosswalk(self) -> None:
        from . import crosswalk

        fw = self.fw
        if str(fw.edition) != "2020":
            from .errors import NotPublishedError

            raise NotPublishedError(
                f"export(..., intasc=True): the InTASC crosswalk is published for the 2020 edition only, "
                f"not for the {fw.edition} one"
            )
        parts = {
            "one": self.grouping(
                "intasc-crosswalk-part-one",
                "InTASC crosswalk, Part One (domains)",
                "Crosswalk Part One of the 2020 edition: each domain and its related InTASC standards.",
            ),
            "two": self.grouping(
                "intasc-crosswalk-part-two",
                "InTASC crosswalk, Part Two (competencies)",
                "Crosswalk Part Two of the 2020 edition: each InTASC standard and its related competencies.",
            ),
        }
        for alignment in crosswalk.alignments():
            if alignment.item not in fw:
                from .errors import UnknownItemError

                raise UnknownItemError(alignment.item, fw.edition, (), reason="the InTASC crosswalk aligns this item")
            standard = f"intasc:{alignment.standard}"
            extension = {
                key: value
                for key, value in (
                    ("part", alignment.part),
                    ("quoted_standard", alignment.quoted_standard),
                    ("quoted_item", alignment.quoted_item),
                    ("resolution", alignment.resolution),
                    ("match", alignment.match),
                )
                if value is not None
            }
            self.associate(
                "isRelatedTo",
                (item_name(alignment.item), alignment.item),
                (item_name(standard), standard),
                grouping=parts[alignment.part],
                notes=alignment.provenance,
                extension=extension,
            )

    # -- the package -----------------------------------------------------------------

    def package(self, *, lineage: bool, intasc: bool) -> dict[str, Any]:
        licenses: list[dict[str, Any]] = []
        doc = self.cf_document(licenses)
        for n, domain in enumerate(self.fw.domains, start=1):
            self.domain(domain, n)
        if lineage:
            self.lineage()
        if intasc:
            self.crosswalk()
        package: dict[str, Any] = {
            "CFDocument": doc,
            "CFItems": self.items,
            "CFAssociations": self.associations,
            "CFDefinitions": {
                "CFConcepts": [self.concepts[t] for t in Theme if t in self.concepts],
                "CFSubjects": [],
                "CFLicenses": licenses,
                "CFItemTypes": [self.item_types[t] for t in LEVELS if t in self.item_types],
                "CFAssociationGroupings": list(self.groupings.values()),
            },
        }
        if intasc:
            package["extensions"] = {EXTENSION: {"packages": [intasc_package(self.base_uri)]}}
        return package


def _is_packaged(fw: Framework) -> bool:
    if fw.edition not in (2015, 2020) or isinstance(fw.edition, bool):
        return False
    from ._loading import load

    return fw == load(fw.edition)


def _differences(derived: Mapping[str, Any], actual: Mapping[str, Any]) -> dict[str, Any]:
    """The model fields the standard CASE fields would not give back, as JSON values."""
    out: dict[str, Any] = {}
    for key, value in actual.items():
        if derived[key] != value:
            out[key] = theme_codes(value) if isinstance(value, frozenset) else value
    return out


def _note_out(note: SourceNote) -> dict[str, Any]:
    return {"id": note.id, "kind": note.kind.value, "items": list(note.items), "text": note.text, "source": note.source}


def build_package(fw: Framework, *, intasc: bool, lineage: bool, base_uri: str | None) -> dict[str, Any]:
    return _Writer(fw, base_uri).package(lineage=lineage, intasc=intasc)


# --------------------------------------------------------------------------- InTASC


def intasc_package(base_uri: str | None) -> dict[str, Any]:
    """The InTASC standards as the 2020 crosswalk quotes them, as their own CFPackage."""
    from . import crosswalk

    fw = Framework(edition="intasc", title=INTASC_TITLE, domains=(), year=2020)
    writer = _Writer(fw, base_uri)
    writer.document = "document:intasc"
    writer.document_identifier = name_uuid(writer.document)
    doc = {
        "identifier": writer.document_identifier,
        "uri": writer.uri(writer.document_identifier),
        "creator": "Council of Chief State School Officers",
        "title": INTASC_TITLE,
        "lastChangeDateTime": writer.when,
        "description": (
            "The ten InTASC Model Core Teaching Standards (2013) and the performances that the 2020 "
            "Educator Competencies' InTASC crosswalk quotes, as it quotes them: not the full InTASC text "
            "(no essential knowledge or critical dispositions)."
        ),
        "language": "en",
        "version": "2013",
        "caseVersion": CASE_VERSION,
        "extensions": {EXTENSION: {"format": EXTENSION_FORMAT, "format_version": EXTENSION_VERSION}},
    }
    for standard in crosswalk.standards():
        emphasis = crosswalk.emphasis(standard.number)
        identifier = name_uuid(item_name(standard.id))
        writer.items.append(
            {
                "identifier": identifier,
                "uri": writer.uri(identifier),
                "fullStatement": standard.statement,
                "CFItemType": "Standard",
                "humanCodingScheme": standard.id,
                "listEnumeration": str(standard.number),
                "abbreviatedStatement": standard.title,
                "CFItemTypeURI": _intasc_type(writer, "Standard", "1", "An InTASC Model Core Teaching Standard."),
                "lastChangeDateTime": writer.when,
                "extensions": {
                    EXTENSION: {
                        "crosswalk": {
                            "heading": standard.heading,
                            "emphasis": emphasis.text,
                            "emphasis_performances": [p.label for p in emphasis.performances],
                        }
                    }
                },
            }
        )
        writer.associate(
            "isChildOf",
            (item_name(standard.id), standard.id),
            (writer.document, INTASC_TITLE),
            sequence=standard.number,
        )
        for n, performance in enumerate(standard.performances, start=1):
            identifier = name_uuid(item_name(performance.id))
            writer.items.append(
                {
                    "identifier": identifier,
                    "uri": writer.uri(identifier),
                    "fullStatement": performance.text,
                    "CFItemType": "Performance",
                    "humanCodingScheme": performance.id,
                    "listEnumeration": performance.letter,
                    "CFItemTypeURI": _intasc_type(
                        writer, "Performance", "2", "A performance of an InTASC standard, e.g. 4(a)."
                    ),
                    "lastChangeDateTime": writer.when,
                }
            )
            writer.associate(
                "isChildOf",
                (item_name(performance.id), performance.id),
                (item_name(standard.id), standard.id),
                sequence=n,
            )
    return {
        "CFDocument": doc,
        "CFItems": writer.items,
        "CFAssociations": writer.associations,
        "CFDefinitions": {
            "CFConcepts": [],
            "CFSubjects": [],
            "CFLicenses": [],
            "CFItemTypes": list(writer.item_types.values()),
            "CFAssociationGroupings": [],
        },
    }


INTASC_TITLE = "InTASC Model Core Teaching Standards, as quoted in the 2020 Educator Competencies crosswalk"


def _intasc_type(writer: _Writer, title: str, code: str, description: str) -> dict[str, str]:
    if title not in writer.item_types:
        identifier = name_uuid(f"item-type:intasc:{title}")
        writer.item_types[title] = {
            "identifier": identifier,
            "uri": writer.uri(identifier),
            "title": title,
            "description": description,
            "hierarchyCode": code,
            "typeCode": title,
            "lastChangeDateTime": writer.when,
        }
    return writer.link(writer.item_types[title]["identifier"], title)


def split_packages(package: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The packages embedded in *package*'s extensions, then *package* without them."""
    embedded: Sequence[Any] = ()
    extensions = package.get("extensions")
    if isinstance(extensions, Mapping):
        ours = extensions.get(EXTENSION)
        if isinstance(ours, Mapping) and isinstance(ours.get("packages"), (list, tuple)):
            embedded = ours["packages"]
    main = dict(package)
    if embedded:
        assert isinstance(extensions, Mapping)
        rest = {k: v for k, v in extensions.items() if k != EXTENSION}
        ours = {k: v for k, v in extensions[EXTENSION].items() if k != "packages"}
        if ours:
            rest[EXTENSION] = ours
        if rest:
            main["extensions"] = rest
        else:
            del main["extensions"]
    return [*(dict(p) for p in embedded if isinstance(p, Mapping)), main]


# --------------------------------------------------------------------------- the reader


def _json_fields(values: Mapping[str, Any]) -> str:
    return _json_text({str(k): v for k, v in values.items()})


def _json_text(value: object) -> str:
    try:
        return json.dumps(value, ensure_ascii=False, default=repr)
    except (ValueError, RecursionError):  # a mapping built in Python may refer to itself
        return json.dumps(repr(value), ensure_ascii=False)


_UUID = re.compile(r"^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$")
_KEY = re.compile(r"^[a-z][a-z0-9_\-]*$")
_LABEL = re.compile(r"^[A-Za-z0-9]+$")
_ENUMERATION = re.compile(r"^\W*([A-Za-z0-9]+)\W*$")
_NOTE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$")
_NATURAL = re.compile(r"([0-9]+)")
_YEAR = re.compile(r"^\s*([0-9]{4})-")
_DOC = -1  # the CFDocument, as a parent

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
_LEVEL_NAMES = ("domain", "competency", "indicator")

# What our own extension may carry, per kind of object.
_EXT_DOCUMENT = {"format", "format_version", "edition", "title", "publishers", "year", "license", "citation"}
_EXT_DOCUMENT |= {"url", "source", "notes"}
_EXT_KEPT = {"crosswalk"}  # ours, but not model fields: left in the unmapped fields
_EXT_FIELDS = (
    {"key", "name", "description", "tagline", "overview"},
    {"number", "statement", "title", "themes"},
    {"label", "text", "themes"},
)


def _natural(text: str | None) -> tuple[int, tuple[tuple[int, int, str], ...]]:
    if text is None:
        return (1, ())
    parts = _NATURAL.split(text)
    return (0, tuple((0, int(p), "") if p.isdigit() else (1, 0, p.casefold()) for p in parts if p))


def _slug(text: str) -> str | None:
    """A domain key made of a code or a name: ``"CCSS.Math.6.RP"`` -> ``"ccss-math-6-rp"``."""
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    if slug and not slug[0].isalpha():
        slug = "d" + slug
    return slug if slug and _KEY.match(slug) else None


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
    unmapped: dict[str, Any]
    parent: int | None = None
    sequence: int | None = None
    children: list[int] = attrs.Factory(list)
    depth: int = 0
    id: str = ""


class Reader:
    def __init__(self, source: str) -> None:
        self.source = source
        self.ignored: list[tuple[str, str, str | None]] = []
        self.unknown_fields: dict[tuple[str, str], int] = {}
        self.duplicate_keys: set[str] = set()
        self.keys: dict[str, str] = {}
        self.order: list[_Node] = []

    # -- reporting ----------------------------------------------------------------

    def fail(self, path: str, message: str, identifier: str | None = None) -> CaseFormatError:
        return CaseFormatError(message, source=self.source, path=path, identifier=identifier)

    def ignore(self, path: str, message: str, identifier: str | None = None) -> None:
        self.ignored.append((path, message, identifier))

    # -- decoding -------------------------------------------------------------------

    def decode(self, text: object) -> object:
        if isinstance(text, (bytes, bytearray)):
            try:
                text = bytes(text).decode("utf-8-sig")
            except UnicodeDecodeError as exc:
                raise self.fail("$", f"not UTF-8 text: {exc.reason} at byte {exc.start}") from None
        if not isinstance(text, str):
            raise self.fail("$", f"expected JSON text, found {type_name(text)}")

        def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
            out = dict(items)
            if len(out) != len(items):
                keys = [key for key, _ in items]
                self.duplicate_keys.update(key for key in out if keys.count(key) > 1)
            return out

        try:
            return json.loads(text, object_pairs_hook=pairs)
        except json.JSONDecodeError as exc:
            raise self.fail("$", f"malformed JSON at line {exc.lineno} column {exc.colno}: {exc.msg}") from None
        except RecursionError:
            raise self.fail("$", "the JSON is nested too deeply") from None
        except ValueError as exc:  # e.g. an integer too long to convert
            raise self.fail("$", f"malformed JSON: {exc}") from None

    # -- values ---------------------------------------------------------------------

    def text(self, raw: Mapping[str, Any], key: str, path: str, identifier: str | None) -> str | None:
        """A string field that is present and not blank, else None (reporting a wrong type)."""
        value = raw.get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            self.ignore(f"{path}.{key}", f"expected a string, found {type_name(value)}; ignored", identifier)
            return None
        return value if value.strip() else None

    def identifier(self, value: object, path: str) -> str:
        if not isinstance(value, str) or not value.strip():
            found = "an empty string" if isinstance(value, str) else type_name(value)
            raise self.fail(path, f"expected an identifier (a non-empty string), found {found}")
        return value

    def key(self, identifier: str) -> str:
        """Identifiers are compared as written, except that UUIDs ignore case."""
        found = self.keys.get(identifier)
        if found is None:
            stripped = identifier.strip()
            found = self.keys[identifier] = stripped.lower() if _UUID.match(stripped) else stripped
        return found

    def link(self, value: object, path: str, ident: str | None) -> tuple[str, str | None, str | None] | None:
        """(identifier, uri, title) of a LinkGenURI / LinkURI object, or None when malformed."""
        if isinstance(value, Mapping) and isinstance(value.get("identifier"), str) and value["identifier"].strip():
            uri = value.get("uri") if isinstance(value.get("uri"), str) else None
            title = value.get("title") if isinstance(value.get("title"), str) else None
            return value["identifier"], uri, title
        if isinstance(value, str) and value.strip():
            # Some 2017 exports give a bare URI; its last segment is the identifier.
            tail = value.rstrip("/").rsplit("/", 1)[-1]
            if _UUID.match(tail):
                self.ignore(path, "a bare URI instead of a link object; its last segment read as the identifier", ident)
                return tail, value, None
        return None

    def sequence(self, value: object, path: str, identifier: str | None) -> int | None:
        if value is None:
            return None
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if isinstance(value, str) and re.fullmatch(r"\s*-?[0-9]{1,18}\s*", value):
            self.ignore(path, f"sequenceNumber {value!r} is a string, not an integer; read as {int(value)}", identifier)
            return int(value)
        if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
            self.ignore(path, f"sequenceNumber {value!r} is not an integer; read as {int(value)}", identifier)
            return int(value)
        self.ignore(path, f"sequenceNumber {value!r} is not an integer; ignored", identifier)
        return None

    def unknown(self, kind: str, raw: Mapping[str, Any], known: set[str]) -> None:
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
                    f"{where}.{key}", "not a field of the edcompetencies extension here; kept as unmapped", identifier
                )
        return out

    # -- the package ------------------------------------------------------------------

    def package(self, data: object, edition_override: int | str | None) -> CaseImport:
        from .case import CaseImport, CaseItem, Ignored

        if not isinstance(data, Mapping):
            raise self.fail("$", f"expected a CFPackage (a JSON object with a CFDocument), found {type_name(data)}")
        if "CFDocument" not in data:
            raise self.fail("$", "missing CFDocument: not a CASE package")
        if self.duplicate_keys:
            listed = ", ".join(repr(k) for k in sorted(self.duplicate_keys))
            self.ignore("$", f"a JSON object repeats the key(s) {listed}; the last value of each was used")
        for key in data:
            if key not in _TOP_FIELDS:
                self.ignore(f"$.{key}", "not a CFPackage field; kept in CaseImport.unmapped")
        doc = data["CFDocument"]
        if not isinstance(doc, Mapping):
            raise self.fail("$.CFDocument", f"expected an object, found {type_name(doc)}")
        doc_identifier = self.identifier(doc.get("identifier"), "$.CFDocument.identifier")
        doc_key = self.key(doc_identifier)
        title = self.text(doc, "title", "$.CFDocument", doc_identifier)
        if title is None:
            raise self.fail("$.CFDocument.title", "the CFDocument has no title", doc_identifier)
        self.unknown("CFDocument", doc, _DOCUMENT_FIELDS)
        definitions = self.definitions(data.get("CFDefinitions"))

        nodes = self.items(data.get("CFItems"), doc_key, definitions)
        by_key = {self.key(n.identifier): n.index for n in nodes}
        associations = self.associations(data.get("CFAssociations"), nodes, by_key, doc_key)
        roots = self.tree(nodes)

        doc_ext = self.extension(doc, "$.CFDocument", doc_identifier, _EXT_DOCUMENT)
        package_edition = self.package_edition(doc, doc_ext, doc_identifier)
        edition = edition_override if edition_override is not None else package_edition
        fw_fields = self.document_fields(doc, doc_ext, title, definitions, doc_identifier)

        levels_offset = self.levels(nodes, roots)
        domains = self.build(nodes, roots, levels_offset, edition, package_edition, title)
        notes = self.notes(
            doc_ext.get("notes"), edition, package_edition, {n.id for n in nodes if n.id}, doc_identifier
        )

        for (kind, key), count in sorted(self.unknown_fields.items()):
            where = {"CFDocument": "$.CFDocument", "CFItem": "$.CFItems[*]", "CFAssociation": "$.CFAssociations[*]"}
            on = "" if kind == "CFDocument" else f" on {count} {kind}{'s' if count > 1 else ''}"
            self.ignore(f"{where[kind]}.{key}", f"not a CASE {kind} field{on}; kept as unmapped")

        framework = Framework(edition=edition, domains=domains, notes=notes, **fw_fields)
        items = self.order  # the nodes in document order, as built
        mapped_ids = {n.index: n.id for n in nodes}
        return CaseImport(
            framework=framework,
            document_identifier=doc_identifier,
            items=[
                CaseItem(
                    identifier=n.identifier,
                    id=n.id,
                    uri=n.raw.get("uri") if isinstance(n.raw.get("uri"), str) else None,
                    item_type=n.item_type,
                    human_coding_scheme=n.code,
                    list_enumeration=n.enumeration,
                    path=n.path,
                    unmapped=_json_fields(n.unmapped),
                )
                for n in items
            ],
            associations=[
                attrs.evolve(
                    a,
                    origin_id=mapped_ids.get(by_key.get(self.key(a.origin), -2)),
                    destination_id=mapped_ids.get(by_key.get(self.key(a.destination), -2)),
                )
                for a in associations
            ],
            ignored=[Ignored(*entry) for entry in self.ignored],
            document=_json_fields({k: v for k, v in doc.items() if k not in _DOCUMENT_MAPPED}),
            unmapped=_json_fields(
                {k: v for k, v in data.items() if k not in ("CFDocument", "CFItems", "CFAssociations")}
            ),
        )

    # -- definitions ----------------------------------------------------------------

    def definitions(self, value: object) -> dict[str, dict[str, str]]:
        """identifier key -> title, per kind of definition (item types, concepts, licenses)."""
        out: dict[str, dict[str, str]] = {"CFItemTypes": {}, "CFConcepts": {}, "CFLicenses": {}}
        if value is None or (isinstance(value, (list, tuple)) and not value):
            return out
        if not isinstance(value, Mapping):
            self.ignore("$.CFDefinitions", f"expected an object, found {type_name(value)}; ignored")
            return out
        for kind, titles in out.items():
            entries = value.get(kind)
            if entries is None:
                continue
            if not isinstance(entries, (list, tuple)):
                self.ignore(f"$.CFDefinitions.{kind}", f"expected an array, found {type_name(entries)}; ignored")
                continue
            for n, entry in enumerate(entries):
                if (
                    isinstance(entry, Mapping)
                    and isinstance(entry.get("identifier"), str)
                    and isinstance(entry.get("title"), str)
                ):
                    titles[self.key(entry["identifier"])] = entry["title"]
                else:
                    self.ignore(f"$.CFDefinitions.{kind}[{n}]", "no identifier and title; ignored")
        return out

    # -- items ------------------------------------------------------------------------

    def items(self, value: object, doc_key: str, definitions: dict[str, dict[str, str]]) -> list[_Node]:
        if value is None:
            return []
        if not isinstance(value, (list, tuple)):
            raise self.fail("$.CFItems", f"expected an array, found {type_name(value)}")
        nodes: list[_Node] = []
        seen: dict[str, str] = {}
        for n, raw in enumerate(value):
            path = f"$.CFItems[{n}]"
            if not isinstance(raw, Mapping):
                raise self.fail(path, f"expected a CFItem object, found {type_name(raw)}")
            ident = self.identifier(raw.get("identifier"), f"{path}.identifier")
            key = self.key(ident)
            if key in seen:
                raise self.fail(path, f"duplicate identifier {ident!r} (first at {seen[key]})", ident)
            if key == doc_key:
                raise self.fail(path, f"the item has the CFDocument's identifier {ident!r}", ident)
            seen[key] = path
            nodes.append(self.item(n, raw, path, ident, definitions))
        return nodes

    def item(
        self, n: int, raw: Mapping[str, Any], path: str, ident: str, definitions: dict[str, dict[str, str]]
    ) -> _Node:
        self.unknown("CFItem", raw, _ITEM_FIELDS)
        full = self.text(raw, "fullStatement", path, ident)
        abbreviated = self.text(raw, "abbreviatedStatement", path, ident)
        alternative = self.text(raw, "alternativeLabel", path, ident)
        consumed = {"identifier", "uri", "fullStatement", "humanCodingScheme", "listEnumeration", "CFItemType"}
        if full is None:
            fallback = abbreviated if abbreviated is not None else alternative
            if fallback is None:
                raise self.fail(f"{path}.fullStatement", "the item has no text (no fullStatement)", ident)
            self.ignore(
                f"{path}.fullStatement", "missing or empty; the abbreviatedStatement or alternativeLabel used", ident
            )
            full = fallback
        item_type = self.text(raw, "CFItemType", path, ident)
        type_link = self.link(raw.get("CFItemTypeURI"), f"{path}.CFItemTypeURI", ident)
        if item_type is None and type_link is not None:
            item_type = definitions["CFItemTypes"].get(self.key(type_link[0]), type_link[2])
        themes: set[Theme] = set()
        keywords = raw.get("conceptKeywords")
        if isinstance(keywords, (list, tuple)) and all(isinstance(k, str) for k in keywords):
            found, other = themes_from_keywords(keywords)
            themes |= found
            if not other:
                consumed.add("conceptKeywords")
        elif keywords is not None:
            self.ignore(f"{path}.conceptKeywords", f"expected an array of strings, found {type_name(keywords)}", ident)
        concept = self.link(raw.get("conceptKeywordsURI"), f"{path}.conceptKeywordsURI", ident)
        if concept is not None:
            title = definitions["CFConcepts"].get(self.key(concept[0]), concept[2])
            found, other = themes_from_keywords([title] if title else [])
            if found:
                themes |= found
                consumed.add("conceptKeywordsURI")
        unmapped = {k: v for k, v in raw.items() if k not in consumed}
        ext = self.extension(raw, path, ident, _EXT_FIELDS[0] | _EXT_FIELDS[1] | _EXT_FIELDS[2])
        if ext:  # what is left of the extensions once the model fields are taken out
            left = {k: v for k, v in unmapped["extensions"][EXTENSION].items() if k not in ext}
            rest = {k: v for k, v in unmapped["extensions"].items() if k != EXTENSION}
            rest |= {EXTENSION: left} if left else {}
            if rest:
                unmapped["extensions"] = rest
            else:
                del unmapped["extensions"]
        return _Node(
            index=n,
            identifier=ident,
            path=path,
            raw=raw,
            full=full,
            abbreviated=abbreviated,
            alternative=alternative,
            code=self.text(raw, "humanCodingScheme", path, ident),
            enumeration=self.text(raw, "listEnumeration", path, ident),
            item_type=item_type,
            themes=frozenset(themes),
            ext=ext,
            unmapped=unmapped,
        )

    # -- associations -------------------------------------------------------------------

    def associations(
        self, value: object, nodes: list[_Node], by_key: dict[str, int], doc_key: str
    ) -> list[CaseAssociation]:
        from .case import CaseAssociation

        if value is None:
            return []
        if not isinstance(value, (list, tuple)):
            raise self.fail("$.CFAssociations", f"expected an array, found {type_name(value)}")
        kept: list[CaseAssociation] = []
        seen: dict[str, str] = {}
        edges: dict[int, list[tuple[int, int | None, str, str | None]]] = {}
        for n, raw in enumerate(value):
            path = f"$.CFAssociations[{n}]"
            if not isinstance(raw, Mapping):
                raise self.fail(path, f"expected a CFAssociation object, found {type_name(raw)}")
            self.unknown("CFAssociation", raw, _ASSOCIATION_FIELDS)
            ident = (
                raw.get("identifier") if isinstance(raw.get("identifier"), str) and raw["identifier"].strip() else None
            )
            if ident is not None:
                key = self.key(ident)
                if key in seen:
                    raise self.fail(path, f"duplicate identifier {ident!r} (first at {seen[key]})", ident)
                seen[key] = path
            kind = raw.get("associationType")
            origin = self.link(raw.get("originNodeURI"), f"{path}.originNodeURI", ident)
            destination = self.link(raw.get("destinationNodeURI"), f"{path}.destinationNodeURI", ident)
            if not isinstance(kind, str) or not kind.strip():
                self.ignore(path, "no associationType; the association was ignored", ident)
                continue
            if kind.strip().casefold() == "ischildof":
                if kind != "isChildOf":
                    self.ignore(f"{path}.associationType", f"{kind!r} read as 'isChildOf'", ident)
                self.child_edge(raw, path, ident, origin, destination, by_key, doc_key, edges)
                continue
            if origin is None or destination is None:
                side = "originNodeURI" if origin is None else "destinationNodeURI"
                self.ignore(f"{path}.{side}", f"no node identifier; the {kind} association was ignored", ident)
                continue
            kept.append(
                CaseAssociation(
                    identifier=ident,
                    type=kind,
                    origin=origin[0],
                    destination=destination[0],
                    origin_id=None,
                    destination_id=None,
                    origin_title=origin[2],
                    destination_title=destination[2],
                    path=path,
                    unmapped=_json_fields(
                        {
                            k: v
                            for k, v in raw.items()
                            if k not in ("identifier", "associationType", "originNodeURI", "destinationNodeURI")
                        }
                    ),
                )
            )
        self.place(nodes, edges)
        return kept

    def child_edge(
        self,
        raw: Mapping[str, Any],
        path: str,
        ident: str | None,
        origin: tuple[str, str | None, str | None] | None,
        destination: tuple[str, str | None, str | None] | None,
        by_key: dict[str, int],
        doc_key: str,
        edges: dict[int, list[tuple[int, int | None, str, str | None]]],
    ) -> None:
        if origin is None:
            raise self.fail(f"{path}.originNodeURI", "an isChildOf association without an origin identifier", ident)
        if destination is None:
            raise self.fail(
                f"{path}.destinationNodeURI", "an isChildOf association without a destination identifier", ident
            )
        child = by_key.get(self.key(origin[0]))
        if child is None:
            if self.key(origin[0]) == doc_key:
                raise self.fail(f"{path}.originNodeURI.identifier", "the CFDocument cannot be a child", origin[0])
            raise self.fail(
                f"{path}.originNodeURI.identifier",
                f"isChildOf edge from {origin[0]!r}, which is not an item of the package",
                origin[0],
            )
        target = self.key(destination[0])
        if target == doc_key:
            parent = _DOC
        elif target in by_key:
            parent = by_key[target]
        else:
            raise self.fail(
                f"{path}.destinationNodeURI.identifier",
                f"isChildOf edge to unknown item {destination[0]!r} (not an item of the package, nor its CFDocument)",
                destination[0],
            )
        sequence = self.sequence(raw.get("sequenceNumber"), f"{path}.sequenceNumber", ident)
        edges.setdefault(child, []).append((parent, sequence, path, ident))

    def place(self, nodes: list[_Node], edges: dict[int, list[tuple[int, int | None, str, str | None]]]) -> None:
        """Give each item one parent: an item rather than the CFDocument, then the first edge."""
        for child, found in edges.items():
            ordered = sorted(found, key=lambda e: e[0] == _DOC)  # stable: file order within each kind
            parent, sequence, _, _ = ordered[0]
            node = nodes[child]
            node.parent = None if parent == _DOC else parent
            node.sequence = sequence
            for other, _, path, ident in ordered[1:]:
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

        roots.sort(key=order)
        for node in nodes:
            node.children.sort(key=order)
        return roots

    def levels(self, nodes: list[_Node], roots: list[int]) -> int:
        """1 when every root is typed as a competency (the package has no domain level), else 0."""

        def known(node: _Node) -> int | None:
            return _TYPE_LEVELS.get(node.item_type.strip().casefold()) if node.item_type else None

        offset = 1 if roots and all(known(nodes[r]) == 1 for r in roots) else 0
        for node in nodes:
            level = node.depth + offset
            expected = known(node)
            if expected is not None and min(expected, 2) != min(level, 2):
                self.ignore(
                    f"{node.path}.CFItemType",
                    f"typed {node.item_type!r} but placed as a {_LEVEL_NAMES[min(level, 2)]} by the isChildOf "
                    "hierarchy; read by its place",
                    node.identifier,
                )
        return offset

    # -- the document -----------------------------------------------------------------

    def package_edition(self, doc: Mapping[str, Any], ext: dict[str, Any], ident: str) -> int | str:
        if "edition" in ext:
            value = ext["edition"]
            if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
                return value
            if isinstance(value, str) and edition_from_version(value) is not None:
                return value
            self.ignore(f"$.CFDocument.extensions.{EXTENSION}.edition", f"not an edition: {value!r}", ident)
        version = self.text(doc, "version", "$.CFDocument", ident)
        if version is not None:
            edition = edition_from_version(version)
            if edition is None:
                slug = re.sub(r"[^A-Za-z0-9_.\-]+", "-", version.strip()).strip("-._")
                edition = edition_from_version(slug) if slug else None
                if edition is not None:
                    self.ignore("$.CFDocument.version", f"version {version!r} read as the edition {edition!r}", ident)
            if edition is not None:
                return edition
        changed = doc.get("lastChangeDateTime")
        if isinstance(changed, str) and _YEAR.match(changed):
            return int(_YEAR.match(changed).group(1))  # type: ignore[union-attr]
        return "case"

    def document_fields(
        self,
        doc: Mapping[str, Any],
        ext: dict[str, Any],
        title: str,
        definitions: dict[str, dict[str, str]],
        ident: str,
    ) -> dict[str, Any]:
        official = doc.get("officialSourceURL")
        license_link = self.link(doc.get("licenseURI"), "$.CFDocument.licenseURI", ident)
        license_title = None
        if license_link is not None:
            license_title = definitions["CFLicenses"].get(self.key(license_link[0]), license_link[2])
        fields = derive_document(
            title=title,
            creator=self.text(doc, "creator", "$.CFDocument", ident),
            publisher=self.text(doc, "publisher", "$.CFDocument", ident),
            official_url=official if isinstance(official, str) and official.strip() else None,
            license=license_title if license_title and license_title.strip() else None,
        )
        where = f"$.CFDocument.extensions.{EXTENSION}"
        checks: Mapping[str, Callable[[object], bool]] = {
            "title": _is_text,
            "publishers": lambda v: isinstance(v, (list, tuple)) and all(_is_text(x) for x in v),
            "year": lambda v: v is None or (isinstance(v, int) and not isinstance(v, bool)),
            "license": _is_optional_text,
            "citation": _is_optional_text,
            "url": _is_optional_text,
            "source": _is_optional_text,
        }
        for key, check in checks.items():
            if key in ext:
                if check(ext[key]):
                    fields[key] = tuple(ext[key]) if key == "publishers" else ext[key]
                else:
                    self.ignore(f"{where}.{key}", f"not a valid {key}: {ext[key]!r}; ignored", ident)
        return fields

    def notes(
        self, value: object, edition: int | str, package_edition: int | str, ids: set[str], ident: str
    ) -> list[SourceNote]:
        if value is None:
            return []
        where = f"$.CFDocument.extensions.{EXTENSION}.notes"
        if not isinstance(value, (list, tuple)):
            self.ignore(where, f"expected an array, found {type_name(value)}; ignored", ident)
            return []
        old_prefix, new_prefix = f"{package_edition}:", f"{edition}:"
        notes: list[SourceNote] = []
        for n, raw in enumerate(value):
            path = f"{where}[{n}]"
            if not (
                isinstance(raw, Mapping)
                and set(raw) <= {"id", "kind", "items", "text", "source"}
                and isinstance(raw.get("id"), str)
                and _NOTE_ID.match(raw["id"])
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
            if not all(i in ids or i == str(edition) for i in items) or any(x.id == raw["id"] for x in notes):
                self.ignore(
                    path, f"the note {raw['id']!r} names items that are not in the package, or repeats; ignored", ident
                )
                continue
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
                "$.CFItems",
                "the package has no domain level (its top items are typed as competencies); "
                "they were put in one domain 'main', named after the document",
            )
            domain_id = f"{edition}:main"
            competencies = self.competencies(nodes, roots, domain_id, None)
            return [Domain(id=domain_id, key="main", name=title, competencies=competencies)]
        keys = self.group_values(nodes, roots, "key", package_edition)
        domains = []
        for index, key in zip(roots, keys, strict=True):
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
            competencies = self.competencies(nodes, node.children, domain_id, node.code)
            domains.append(Domain(id=domain_id, key=key, competencies=competencies, **fields))
        return domains

    def competencies(
        self, nodes: list[_Node], group: list[int], domain_id: str, parent_code: str | None
    ) -> list[Competency]:
        numbers = self.group_values(nodes, group, "number", parent_code)
        out = []
        for index, number in zip(group, numbers, strict=True):
            node = nodes[index]
            item_id = f"{domain_id}.{number}"
            node.id = item_id
            self.order.append(node)
            fields = derive_competency(full=node.full, abbreviated=node.abbreviated, themes=node.themes)
            self.apply(
                node, fields, {"statement": _is_text, "title": _is_optional_text, "themes": _is_themes}, "number"
            )
            out.append(
                Competency(
                    id=item_id,
                    number=number,
                    indicators=self.indicators(nodes, node.children, item_id, node.code),
                    **fields,
                )
            )
        return out

    def indicators(
        self, nodes: list[_Node], group: list[int], parent_id: str, parent_code: str | None
    ) -> list[Indicator]:
        labels = self.group_values(nodes, group, "label", parent_code)
        out = []
        for index, label in zip(group, labels, strict=True):
            node = nodes[index]
            item_id = f"{parent_id}.{label}"
            node.id = item_id
            self.order.append(node)
            fields = derive_indicator(full=node.full, themes=node.themes)
            self.apply(node, fields, {"text": _is_text, "themes": _is_themes}, "label")
            if Theme.FC in fields["themes"]:
                self.ignore(
                    f"{node.path}.conceptKeywords",
                    "FC (Foundational Competency) tags competencies only; ignored on an indicator",
                    node.identifier,
                )
                fields["themes"] = fields["themes"] - {Theme.FC}
            out.append(
                Indicator(
                    id=item_id,
                    label=label,
                    children=self.indicators(nodes, node.children, item_id, node.code),
                    **fields,
                )
            )
        return out

    def apply(
        self, node: _Node, fields: dict[str, Any], checks: Mapping[str, Callable[[object], bool]], naming: str
    ) -> None:
        """Let the item's edcompetencies extension override the fields derived from CASE fields."""
        for key, value in node.ext.items():
            where = f"{node.path}.extensions.{EXTENSION}.{key}"
            if key == naming:
                continue  # the key, number or label: already chosen with its siblings
            if key not in checks:
                self.ignore(where, f"no {key} at this level of the model; ignored", node.identifier)
            elif checks[key](value):
                fields[key] = frozenset(Theme(v) for v in value) if key == "themes" else value
            else:
                self.ignore(where, f"not a valid {key}: {value!r}; ignored", node.identifier)

    def group_values(self, nodes: list[_Node], group: list[int], what: str, parent: int | str | None) -> list[Any]:
        """Keys, numbers or labels for a group of siblings: valid and distinct.

        Each item takes its value from the first source that gives it a valid value no sibling
        shares: our extension, then (see ``_SOURCES``) its codes, then its position among its
        siblings (the next free one when that is taken).
        """
        if not group:
            return []
        chosen: dict[int, Any] = {}
        valid = _VALID[what]
        for index in group:
            node = nodes[index]
            if what in node.ext:
                value = node.ext[what]
                if valid(value) and value not in chosen.values():
                    chosen[index] = value
                else:
                    where = f"{node.path}.extensions.{EXTENSION}.{what}"
                    self.ignore(where, f"not a valid or distinct {what}: {value!r}; ignored", node.identifier)
        taken = set(chosen.values())
        for source in _SOURCES[what]:
            pending = [i for i in group if i not in chosen]
            if not pending:
                return [chosen[i] for i in group]
            candidates = [(i, source(nodes[i], parent)) for i in pending]
            counts = Counter(v for _, v in candidates if v is not None)
            for index, value in candidates:
                if value is not None and counts[value] == 1 and value not in taken:
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
_POSITION: dict[str, Callable[[int], Any]] = {"key": lambda n: f"d{n}", "number": lambda n: n, "label": str}
_DOCUMENT_MAPPED = {"identifier", "title", "creator", "publisher", "officialSourceURL", "licenseURI", "version"}


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


def _valid_key(value: object) -> bool:
    return isinstance(value, str) and _KEY.match(value) is not None


def _valid_number(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 1


def _valid_label(value: object) -> bool:
    return isinstance(value, str) and _LABEL.match(value) is not None


def _suffix(node: _Node, parent: int | str | None) -> str | None:
    """The item's humanCodingScheme after its parent's and a dot (``"3"`` of ``"X.2.3"`` under ``"X.2"``)."""
    if node.code is None or not isinstance(parent, str) or not node.code.startswith(parent + "."):
        return None
    return node.code[len(parent) + 1 :]


def _key_from_own_code(node: _Node, package_edition: int | str | None) -> str | None:
    prefix = f"{package_edition}:"
    if node.code is not None and node.code.startswith(prefix) and _valid_key(node.code[len(prefix) :]):
        return node.code[len(prefix) :]
    return None


def _key_from_code(node: _Node, _: object) -> str | None:
    return _slug(node.code) if node.code else None


def _key_from_name(node: _Node, _: object) -> str | None:
    """A key made of the name (abbreviatedStatement), else of a short statement."""
    slug = _slug(node.abbreviated or node.alternative or node.full)
    return slug if slug is not None and len(slug) <= 40 else None


def _number(text: str | None) -> int | None:
    if text is None:
        return None
    m = _ENUMERATION.match(text)
    if m is None or not m.group(1).isdigit():
        return None
    number = int(m.group(1))
    return number if number >= 1 else None


def _label(text: str | None) -> str | None:
    if text is None:
        return None
    m = _ENUMERATION.match(text)
    return m.group(1) if m else None


_SOURCES: dict[str, tuple[Callable[[_Node, Any], Any], ...]] = {
    "key": (_key_from_own_code, _key_from_code, _key_from_name),
    "number": (lambda n, p: _number(n.enumeration), lambda n, p: _number(_suffix(n, p))),
    "label": (lambda n, p: _label(n.enumeration), lambda n, p: _label(_suffix(n, p))),
}

_VALID.update(key=_valid_key, number=_valid_number, label=_valid_label)
