"""The CASE writer: :func:`export` a framework as a CASE 1.1 package, the InTASC package, :func:`dumps`.

The writer puts each model field into its CASE field, then asks the mapping
(:mod:`._mapping`, the reader's own derivation) what would be read back, and writes into the
``edcompetencies`` extension only the fields that would not come back exactly.

The lineage, the InTASC crosswalk and the packaged editions are imported inside the functions
that need them (downward: none of them imports ``case``): ``crosswalk`` alone costs about
130 ms to import, which a plain export or a reader never pays.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from .. import crosswalk as _crosswalk
from .. import toolkit as _toolkit
from .._case_names import INTERNAL, PACKAGE_EXTENSIONS, SHARED_EDGE_FIELDS, SHARED_ITEM_FIELDS
from .._lineage import lineage as _curated_lineage
from .._model import Competency, Domain, Framework, Indicator, SourceNote, Theme, require_framework
from .._rules import surrogate_at
from ..errors import ArgumentTypeError, ArgumentValueError, NotPublishedError, UnknownItemError
from ._identifiers import CASE_VERSION, association_name, document_name, is_uri, item_name, name_uuid, node_key
from ._mapping import (
    EXTENSION,
    EXTENSION_FORMAT,
    EXTENSION_VERSION,
    LEVELS,
    PACKAGE_PARTS,
    concept_definition,
    date_time,
    derive_competency,
    derive_document,
    derive_domain,
    derive_indicator,
    edition_from_version,
    is_package,
    item_type_definition,
    license_definition,
    theme_codes,
    type_links,
    written_competency,
    written_document,
    written_domain,
    written_indicator,
    written_item,
)

__all__ = ["INTASC_TITLE", "dumps", "export", "intasc_package", "packages"]


class _Writer:
    def __init__(self, fw: Framework, base_uri: str | None) -> None:
        self.fw = fw
        self.base_uri = base_uri
        self.when = date_time(fw.year)
        self.document = document_name(fw.edition)
        meta = fw.metadata
        given = meta.get("identifier") if "identifier" in meta else None
        self.document_identifier = given if isinstance(given, str) else name_uuid(self.document)
        uri = meta.get("uri") if "uri" in meta else None
        self.document_uri = uri if isinstance(uri, str) else self.uri(self.document_identifier)
        self.nodes: dict[str, tuple[str, str]] = {}  # model ID -> (identifier, uri) as written
        self.type_links = type_links(meta.get("CFDefinitions"))
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

    def item_type(self, title: str) -> dict[str, str]:
        if title in self.type_links:  # a type the package read defines: linked to its definition
            return self.type_links[title]
        if title not in self.item_types:
            self.item_types[title] = item_type_definition(title, self.when, self.base_uri)
        return self.link(self.item_types[title]["identifier"], title)

    def concept(self, theme: Theme) -> dict[str, str]:
        if theme not in self.concepts:
            self.concepts[theme] = concept_definition(theme, self.when, self.base_uri)
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
        meta = fw.metadata
        doc: dict[str, Any] = {
            k: v
            for k, v in written_document(fw, identifier=self.document_identifier, when=self.when).items()
            if v is not None
        }
        doc["uri"] = self.document_uri
        if fw.license is not None and "licenseURI" not in meta:
            licenses.append(license_definition(fw.license, self.when, self.base_uri))
            identifier = licenses[-1]["identifier"]
            doc["licenseURI"] = self.link(identifier, fw.license)
        derived = derive_document(
            title=fw.title,
            creator=doc["creator"],
            publisher=doc.get("publisher"),
            official_url=doc.get("officialSourceURL"),
            license=fw.license,
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
        kept_version = meta.get("version") if "version" in meta else str(fw.edition)
        if not isinstance(kept_version, str) or edition_from_version(kept_version) != fw.edition:
            extension["edition"] = fw.edition  # the version written does not name the edition
        for key, value in actual.items():
            if derived[key] != value:
                extension[key] = list(value) if isinstance(value, tuple) else value
        if fw.notes:
            extension["notes"] = [_note_out(n) for n in fw.notes]
        _override(doc, {k: v for k, v in meta.items() if k not in PACKAGE_PARTS}, extension)
        return doc

    # -- items -------------------------------------------------------------------

    def cf_item(
        self,
        item: Domain | Competency | Indicator,
        level: str,
        enumeration: str,
        texts: dict[str, str | None],
        *,
        themes: frozenset[Theme] = frozenset(),
        extension: dict[str, Any],
    ) -> None:
        meta = item.metadata
        identifier = meta.get("identifier") if isinstance(meta.get("identifier"), str) else None
        if identifier is None:
            identifier = name_uuid(item_name(item.id))
        out: dict[str, Any] = {"identifier": identifier, "uri": self.uri(identifier)}
        written = written_item(
            texts=texts,
            item_type=level,
            code=item.code if item.code is not None else item.id,
            enumeration=enumeration,
            themes=themes,
            when=self.when,
        )
        for key, value in written.items():
            if value is not None:
                out[key] = value
        ordered = [t for t in Theme if t in themes]
        if "conceptKeywordsURI" not in meta:
            links = [self.concept(t) for t in ordered]
            if len(links) == 1:
                out["conceptKeywordsURI"] = links[0]
        item_type = meta.get("CFItemType", level) if "CFItemType" in meta else level
        if "CFItemTypeURI" not in meta and isinstance(item_type, str):
            out["CFItemTypeURI"] = self.item_type(item_type)
        shared = self.fw.metadata.get(SHARED_ITEM_FIELDS)  # a fresh copy for each item
        if isinstance(shared, dict):  # the bookkeeping fields the package's items all had alike
            out.update(shared)
        _override(out, {k: v for k, v in meta.items() if k not in ("isChildOf", "CFItem")}, extension)
        if item.code is not None:  # a code given since the read wins over "the package had none"
            out["humanCodingScheme"] = item.code
        if not isinstance(item_type, str) and "CFItemTypeURI" not in meta:
            out.pop("CFItemTypeURI", None)  # no type: no link of the writer's (a kept link of the package's stays)
        self.items.append(out)
        self.nodes[item.id] = (out["identifier"], out.get("uri", self.uri(out["identifier"])))

    def child_edge(self, item: Domain | Competency | Indicator, parent: str | None, position: int) -> None:
        """The ``isChildOf`` association of *item* under *parent* (a model ID; None: the CFDocument)."""
        meta = item.metadata
        edge = meta.get("isChildOf", {}) if "isChildOf" in meta else {}
        if not isinstance(edge, dict):  # None: the package had no edge for this item
            return
        parent_name = self.document if parent is None else item_name(parent)
        identifier = edge.get("identifier")
        if not isinstance(identifier, str):
            identifier = name_uuid(association_name(self.document, "isChildOf", item_name(item.id), parent_name))
        origin = self.nodes[item.id]
        destination = (self.document_identifier, self.document_uri) if parent is None else self.nodes[parent]
        association: dict[str, Any] = {
            "identifier": identifier,
            "uri": self.uri(identifier),
            "associationType": "isChildOf",
            "sequenceNumber": position,
            "originNodeURI": {"title": item.id, "identifier": origin[0], "uri": origin[1]},
            "destinationNodeURI": {
                "title": self.fw.title if parent is None else parent,
                "identifier": destination[0],
                "uri": destination[1],
            },
            "lastChangeDateTime": self.when,
        }
        shared = self.fw.metadata.get(SHARED_EDGE_FIELDS)
        if isinstance(shared, dict):
            association.update(shared)
        _override(association, edge, None)
        self.associations.append(association)

    def domain(self, domain: Domain, position: int) -> None:
        if "CFItem" in domain.metadata and domain.metadata["CFItem"] is None:
            # a domain the reader made for a package without one: its competencies sit under the CFDocument
            self.nodes[domain.id] = (self.document_identifier, self.document_uri)
            for n, competency in enumerate(domain.competencies, start=1):
                self.competency(competency, None, n)
            return
        full = domain.description if domain.description is not None else domain.name
        derived = derive_domain(full=full, abbreviated=domain.name, alternative=domain.tagline)
        actual = {
            "name": domain.name,
            "description": domain.description,
            "tagline": domain.tagline,
            "overview": domain.overview,
        }
        self.cf_item(
            domain,
            "Domain",
            str(position),
            written_domain(name=domain.name, description=domain.description, tagline=domain.tagline),
            extension=_differences(derived, actual),
        )
        self.child_edge(domain, None, position)
        for n, competency in enumerate(domain.competencies, start=1):
            self.competency(competency, domain.id, n)

    def competency(self, competency: Competency, parent: str | None, position: int) -> None:
        derived = derive_competency(full=competency.statement, abbreviated=competency.title, themes=competency.themes)
        actual = {"statement": competency.statement, "title": competency.title, "themes": competency.themes}
        self.cf_item(
            competency,
            "Competency",
            str(competency.number),
            written_competency(statement=competency.statement, title=competency.title),
            themes=competency.themes,
            extension=_differences(derived, actual),
        )
        self.child_edge(competency, parent, position)
        for n, indicator in enumerate(competency.indicators, start=1):
            self.indicator(indicator, competency.id, n, "Indicator")

    def indicator(self, indicator: Indicator, parent: str, position: int, level: str) -> None:
        derived = derive_indicator(full=indicator.text, themes=indicator.themes)
        actual = {"text": indicator.text, "themes": indicator.themes}
        self.cf_item(
            indicator,
            level,
            indicator.label,
            written_indicator(text=indicator.text),
            themes=indicator.themes,
            extension=_differences(derived, actual),
        )
        self.child_edge(indicator, parent, position)
        for n, child in enumerate(indicator.children, start=1):
            self.indicator(child, indicator.id, n, "Sub-indicator")

    # -- optional parts ----------------------------------------------------------------

    def lineage(self) -> None:
        fw = self.fw
        record = (
            _curated_lineage(2015, 2020) if str(fw.edition) in ("2015", "2020") else _curated_lineage(fw.edition, 2020)
        )
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
        fw = self.fw
        if str(fw.edition) != "2020":
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
        for alignment in _crosswalk.alignments():
            if alignment.item not in fw:
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

    def rubrics(self) -> list[dict[str, Any]]:
        """The toolkit's single-point rubric of every competency, as CFRubrics linked to the items."""
        out: list[dict[str, Any]] = []
        for competency in self.fw.competencies():
            rubric = _toolkit.rubric(competency, framework=self.fw)
            rubric_identifier = name_uuid(f"rubric:{self.document}:{competency.id}")
            rows: list[tuple[Competency | Indicator, str]] = [(r.indicator, r.operationalizing) for r in rubric.rows]
            rows = rows or [(competency, competency.statement)]
            criteria = []
            for position, (item, text) in enumerate(rows, start=1):
                criterion = name_uuid(f"rubric-criterion:{self.document}:{item.id}")
                identifier, uri = self.nodes[item.id]
                levels = []
                for place, column in enumerate(rubric.columns, start=1):
                    level = name_uuid(f"rubric-level:{self.document}:{item.id}:{column.key}")
                    levels.append(
                        {
                            "identifier": level,
                            "uri": self.uri(level),
                            "description": column.description,
                            "quality": column.heading.capitalize(),
                            "position": place,
                            "rubricCriterionId": criterion,
                            "lastChangeDateTime": self.when,
                        }
                    )
                criteria.append(
                    {
                        "identifier": criterion,
                        "uri": self.uri(criterion),
                        "category": f"Competency {competency.number}",
                        "description": text,
                        "CFItemURI": {"title": item.id, "identifier": identifier, "uri": uri},
                        "position": position,
                        "rubricId": rubric_identifier,
                        "lastChangeDateTime": self.when,
                        "CFRubricCriterionLevels": levels,
                    }
                )
            out.append(
                {
                    "identifier": rubric_identifier,
                    "uri": self.uri(rubric_identifier),
                    "title": f"Single-point rubric: {rubric.heading.title()}, {rubric.competency_heading.title()}",
                    "description": competency.statement,
                    "lastChangeDateTime": self.when,
                    "CFRubricCriteria": criteria,
                }
            )
        return out

    # -- the package -----------------------------------------------------------------

    def package(self, *, lineage: bool, intasc: bool, rubrics: bool) -> dict[str, Any]:
        meta = self.fw.metadata
        licenses: list[dict[str, Any]] = []
        doc = self.cf_document(licenses)
        for n, domain in enumerate(self.fw.domains, start=1):
            self.domain(domain, n)
        self.kept_associations()
        if lineage:
            self.lineage()
        if intasc:
            self.crosswalk()
        generated = {
            "CFConcepts": [self.concepts[t] for t in Theme if t in self.concepts],
            "CFSubjects": [],
            "CFLicenses": licenses,
            "CFItemTypes": [self.item_types[t] for t in LEVELS if t in self.item_types]
            + [v for t, v in self.item_types.items() if t not in LEVELS],
            "CFAssociationGroupings": list(self.groupings.values()),
        }
        package: dict[str, Any] = {
            "CFDocument": doc,
            "CFItems": self.items,
            "CFAssociations": self.associations,
            "CFDefinitions": _definitions(meta.get("CFDefinitions") if "CFDefinitions" in meta else None, generated),
        }
        written_rubrics = self.kept_rubrics()
        if rubrics:
            written_rubrics += self.rubrics()
        if written_rubrics:
            package["CFRubrics"] = written_rubrics
        extensions = meta.get(PACKAGE_EXTENSIONS) if PACKAGE_EXTENSIONS in meta else None
        extensions = dict(extensions) if isinstance(extensions, dict) else {}
        if intasc:
            extensions[EXTENSION] = {**extensions.get(EXTENSION, {}), "packages": [_intasc_package(self.base_uri)]}
        if extensions:
            package["extensions"] = extensions
        return package

    def gone(self, part: str) -> set[str]:
        """The keys of the package's items that the kept *part* names (its record in the framework's
        metadata, :data:`.._case_names.INTERNAL`) and this framework no longer has (a selection, an edit)."""
        meta = self.fw.metadata
        name = INTERNAL[part]
        internal = meta.get(name) if name in meta else None
        gone = {node_key(i) for i in internal if isinstance(i, str)} if isinstance(internal, list) else set()
        gone -= {node_key(identifier) for identifier, _ in self.nodes.values()}
        gone.discard(node_key(self.document_identifier))
        return gone

    def kept_associations(self) -> None:
        """The package's associations the model holds only in ``metadata``, but those whose item is gone."""
        meta = self.fw.metadata
        kept = meta.get("CFAssociations") if "CFAssociations" in meta else None
        if not isinstance(kept, list):
            return
        gone = self.gone("CFAssociations")
        for association in kept:
            if gone and isinstance(association, dict):
                ends = (association.get("originNodeURI"), association.get("destinationNodeURI"))
                if any(_names(end, gone) for end in ends):
                    continue  # it would name an item of this document that is no longer there
            self.associations.append(association)

    def kept_rubrics(self) -> list[Any]:
        """The package's CFRubrics the model holds in ``metadata``, without the criteria whose item is
        gone (and without a rubric all of whose criteria named such items)."""
        meta = self.fw.metadata
        kept = meta.get("CFRubrics") if "CFRubrics" in meta else None
        if not isinstance(kept, list):
            return []
        gone = self.gone("CFRubrics")
        if not gone:
            return kept
        out = []
        for rubric in kept:
            criteria = rubric.get("CFRubricCriteria") if isinstance(rubric, dict) else None
            if isinstance(criteria, list) and criteria:
                left = [c for c in criteria if not (isinstance(c, dict) and _names(c.get("CFItemURI"), gone))]
                if not left:
                    continue  # a rubric of items that are no longer there
                rubric = {**rubric, "CFRubricCriteria": left}
            out.append(rubric)
        return out


def _names(link: object, keys: set[str]) -> bool:
    """Whether a link object (``originNodeURI``, ``CFItemURI`` ...) names one of the items *keys*."""
    return isinstance(link, dict) and node_key(str(link.get("identifier"))) in keys


def _override(out: dict[str, Any], fields: Mapping[str, Any], extension: dict[str, Any] | None) -> None:
    """Put a package's kept fields (an item's or the CFDocument's ``metadata``) over the written ones.

    None removes a field the package did not have; ``extensions`` keeps the package's own
    extensions beside the library's *extension* (written only when it has fields)."""
    extensions: dict[str, Any] = {}
    for key, value in fields.items():
        if key == "extensions":
            extensions = dict(value) if isinstance(value, dict) else {}
        elif value is None:
            out.pop(key, None)
        else:
            out[key] = value
    if extension:
        theirs = extensions.get(EXTENSION)
        extensions[EXTENSION] = {**(theirs if isinstance(theirs, dict) else {}), **extension}
    if extensions:
        out["extensions"] = extensions
    else:
        out.pop("extensions", None)


def _definitions(kept: object, generated: dict[str, list[dict[str, Any]]]) -> object:
    """The package's own CFDefinitions, then the writer's that it does not have (by identifier).

    What the package had there that is not an object (or, for one kind, not an array) travels
    back as it was, in place of the writer's: the reader reported it and kept it.
    """
    if kept is None:
        return generated
    if not isinstance(kept, dict):
        return kept
    out: dict[str, Any] = {}
    for kind in [*generated, *(k for k in kept if k not in generated)]:
        theirs = kept.get(kind)
        if not isinstance(theirs, list):
            out[kind] = generated.get(kind, []) if theirs is None else theirs
            continue
        known = {node_key(str(d.get("identifier"))) for d in theirs if isinstance(d, dict)}
        out[kind] = [*theirs, *(d for d in generated.get(kind, []) if node_key(d["identifier"]) not in known)]
    return out


def _differences(derived: Mapping[str, Any], actual: Mapping[str, Any]) -> dict[str, Any]:
    """The model fields the standard CASE fields would not give back, as JSON values."""
    out: dict[str, Any] = {}
    for key, value in actual.items():
        if derived[key] != value:
            out[key] = theme_codes(value) if isinstance(value, frozenset) else value
    return out


def _note_out(note: SourceNote) -> dict[str, Any]:
    return {"id": note.id, "kind": note.kind.value, "items": list(note.items), "text": note.text, "source": note.source}


def export(
    fw: Framework,
    *,
    intasc: bool = False,
    lineage: bool = False,
    rubrics: bool = False,
    base_uri: str | None = None,
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

    ``rubrics=True`` adds the toolkit's single-point rubric of every competency
    (:func:`edcompetencies.toolkit.rubric`) as a CFRubric: a criterion per indicator, linked to
    the indicator's CFItem (to the competency's own, for a competency without indicators), each
    with the three levels of the directions (developing, operationalizing, refining).

    A framework read from a CASE package (:func:`load`) carries what the model has no field
    for in its ``metadata``; the export puts it back, so the package comes back equivalent
    to the one read (same identifiers, types, codes, associations, definitions and rubrics;
    ``docs/case.md``, "Round trips"). An association kept that way whose item of this
    document is no longer in the framework (the item was removed) is left out.

    URIs are ``urn:uuid:<identifier>``, or ``base_uri + identifier`` when a base is given.

    >>> import edcompetencies as ec
    >>> from edcompetencies import case
    >>> p = case.export(ec.load(2015), lineage=True)
    >>> sorted({a["associationType"] for a in p["CFAssociations"]})
    ['exactMatchOf', 'isChildOf', 'replacedBy']
    """
    require_framework("case.export()", fw, made_by="ec.load(), ec.loads(), case.load()")
    for name, flag in (("intasc", intasc), ("lineage", lineage), ("rubrics", rubrics)):
        if not isinstance(flag, bool):
            raise ArgumentTypeError("case.export()", name, "True or False", flag)
    _check_base_uri("case.export()", base_uri)
    return _Writer(fw, base_uri).package(lineage=lineage, intasc=intasc, rubrics=rubrics)


def _check_base_uri(function: str, base_uri: object) -> None:
    if base_uri is None:
        return
    if not isinstance(base_uri, str):
        raise ArgumentTypeError(function, "base_uri", "a string (an absolute URI) or None", base_uri)
    if not is_uri(base_uri):
        raise ArgumentValueError(function, "base_uri", "an absolute URI such as 'https://example.org/case/'", base_uri)


def dumps(package: Mapping[str, Any]) -> str:
    """A package as JSON text: UTF-8 characters, two-space indent, keys in the order given.

    Exports carry no timestamp of their own (``lastChangeDateTime`` is 1 January of the
    framework's year), so the same framework always gives the same text. What JSON cannot
    hold (a ``set``, ``NaN``, a lone surrogate that no UTF-8 file can store, a mapping that
    contains itself) is refused with :class:`~edcompetencies.errors.ArgumentTypeError` or
    :class:`~edcompetencies.errors.ArgumentValueError`.

    >>> import edcompetencies as ec
    >>> from edcompetencies import case
    >>> case.dumps(case.export(ec.load(2020))) == case.dumps(case.export(ec.load(2020)))
    True
    """
    if not isinstance(package, Mapping):
        raise ArgumentTypeError("case.dumps()", "package", "a CFPackage mapping (case.export())", package)

    def refuse(value: object) -> object:
        raise ArgumentTypeError("case.dumps()", "package", "JSON data (dicts, lists, strings, numbers, None)", value)

    try:
        text = json.dumps(package, ensure_ascii=False, indent=2, allow_nan=False, default=refuse)
    except ArgumentTypeError:
        raise
    except (TypeError, ValueError) as exc:  # a key that is no string; NaN or infinity; a cycle; 5,000 digits
        raise ArgumentValueError("case.dumps()", "package", "JSON data", package, str(exc)) from None
    except RecursionError:
        raise ArgumentValueError("case.dumps()", "package", "JSON data", package, "it is nested too deeply") from None
    at = surrogate_at(text)
    if at is not None:
        raise ArgumentValueError(
            "case.dumps()",
            "package",
            "encodable as UTF-8",
            text[max(0, at - 20) : at + 1],
            f"a lone surrogate U+{ord(text[at]):04X}",
        )
    return text + "\n"


# --------------------------------------------------------------------------- InTASC


def intasc_package(*, base_uri: str | None = None) -> dict[str, Any]:
    """The InTASC standards and performances the 2020 crosswalk quotes, as their own CFPackage.

    Load it into a CASE tool before a package exported with ``intasc=True``, so that its
    ``isRelatedTo`` associations find their destinations.

    >>> from edcompetencies import case
    >>> p = case.intasc_package()
    >>> p["CFItems"][0]["humanCodingScheme"], p["CFItems"][0]["abbreviatedStatement"]
    ('intasc:1', 'Learner Development')
    """
    _check_base_uri("case.intasc_package()", base_uri)
    return _intasc_package(base_uri)


def _intasc_package(base_uri: str | None) -> dict[str, Any]:
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
    for standard in _crosswalk.standards():
        quoted = _crosswalk.emphasis(standard.number)
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
                            "emphasis": quoted.text,
                            "emphasis_performances": [p.label for p in quoted.performances],
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
        raise ArgumentTypeError("case.packages()", "package", "a CFPackage: a mapping with a 'CFDocument'", package)
    main = dict(package)
    embedded: Sequence[Any] = ()
    extensions = package.get("extensions")
    ours = extensions.get(EXTENSION) if isinstance(extensions, Mapping) else None
    listed = ours.get("packages") if isinstance(ours, Mapping) else None
    if isinstance(extensions, Mapping) and isinstance(ours, Mapping) and isinstance(listed, (list, tuple)) and listed:
        embedded = listed
        rest = {k: v for k, v in extensions.items() if k != EXTENSION}
        left = {k: v for k, v in ours.items() if k != "packages"}
        if left:
            rest[EXTENSION] = left
        if rest:
            main["extensions"] = rest
        else:
            del main["extensions"]
    return [*(dict(p) for p in embedded if isinstance(p, Mapping)), main]
