"""CTDL-ASN: a framework as the JSON-LD that credential registries read.

CASE 1.1 dropped JSON-LD; the Credential Registry and the tools around it read competency
frameworks as CTDL-ASN (``ceasn:CompetencyFramework`` and ``ceasn:Competency``).
:func:`export` writes a framework as one ``@graph`` with deterministic identifiers, optionally
with the curated lineage and the InTASC crosswalk as alignments:

>>> import edcompetencies as ec
>>> from edcompetencies import ctdl
>>> doc = ctdl.export(ec.load(2020))
>>> doc["@context"]
'https://credreg.net/ctdlasn/schema/context/json'
>>> framework, *competencies = doc["@graph"]
>>> framework["@type"], framework["ceasn:name"], len(competencies)
('ceasn:CompetencyFramework', {'en-US': 'Educator Competencies for Personalized, Learner-Centered Environments'}, 150)
>>> c = next(n for n in competencies if n["ceasn:codedNotation"] == "Cognitive 3.c")
>>> c["ceasn:competencyText"], c["ceasn:listID"], c["ceasn:competencyCategory"]
({'en-US': 'Demonstrate ability to:'}, 'c', {'en-US': 'Indicator'})

What goes where:

- every domain, competency, indicator and sub-indicator is a ``ceasn:Competency`` (its
  ``ceasn:competencyCategory`` says which), with ``ceasn:competencyText`` (the statement or
  text), ``ceasn:codedNotation`` (the publication's label, ``Cognitive 3.c``), ``ceasn:listID``
  (its number or letter), ``ceasn:competencyLabel`` (a domain's name, a 2015 competency's
  short title), ``ceasn:conceptKeyword`` (the theme tags' names), ``ceasn:isPartOf``,
  ``ceasn:isTopChildOf`` / ``ceasn:isChildOf`` and ``ceasn:hasChild`` (in publication order);
- identifiers: ``ceterms:ctid`` is ``ce-`` and a UUID derived from the item's CASE identifier
  (the same item always gets the same CTID), ``@id`` is ``base_uri`` + the CTID (by default
  the Registry's resource URI form);
- ``lineage=True`` (a packaged edition): each item points at its counterparts in the other
  edition with the CTDL-ASN alignment the curated relation means - ``same``:
  ``ceasn:exactAlignment``; ``reworded``: ``ceasn:majorAlignment``; the new item of a merge
  covers each old one and more: ``ceasn:narrowAlignment`` ("this competency covers all of the
  relevant concepts in the referenced competency as well as ..."); a part of a split:
  ``ceasn:broadAlignment``; one-to-one successors also carry ``ceasn:isVersionOf``. These are
  alignments, not SKOS matches: ``skos:exactMatch`` is SSSOM's word, ``ceasn:exactAlignment``
  CTDL-ASN's;
- ``intasc=True`` (the 2020 edition): the InTASC standards the crosswalk quotes become a second
  ``ceasn:CompetencyFramework`` in the graph, and the crosswalk's links become
  ``ceasn:majorAlignment`` (part two: a competency and a standard) and ``ceasn:minorAlignment``
  (part one: a domain and a standard).

``ceasn:publisher`` takes an organisation's Registry URI, which the publications do not have:
``ceasn:publisherName`` carries the publishers' names and the publisher adds its URI on
publication.
"""

from __future__ import annotations

import json as _json
import uuid as _uuid
from typing import Any as _Any

from . import crosswalk
from ._lineage import lineage
from ._loading import editions, load
from ._model import Competency as _Competency
from ._model import Domain as _Domain
from ._model import Framework as _Framework
from ._model import Indicator as _Indicator
from ._model import Item as _Item
from ._model import Theme as _Theme
from .case._identifiers import document_name, item_name, name_uuid
from .credentials import label as _label
from .errors import ArgumentTypeError as _ArgumentTypeError
from .errors import NotPublishedError, UnknownChoiceError

__all__ = ["CONTEXT", "REGISTRY", "ctid", "dumps", "export"]


def __dir__() -> list[str]:
    return list(__all__)


CONTEXT = "https://credreg.net/ctdlasn/schema/context/json"
"""The CTDL-ASN JSON-LD context."""

REGISTRY = "https://credentialengineregistry.org/resources/"
"""The Credential Registry's resource URI form, the default base of every ``@id``."""

_LANGUAGE = "en-US"
_LINEAGE = {
    "same": "ceasn:exactAlignment",
    "reworded": "ceasn:majorAlignment",
    "merged": "ceasn:narrowAlignment",
    "split": "ceasn:broadAlignment",
}
_CROSSWALK = {"one": "ceasn:minorAlignment", "two": "ceasn:majorAlignment"}
_CATEGORY = {"domain": "Domain", "competency": "Competency", "indicator": "Indicator", "sub-indicator": "Sub-indicator"}
_INTASC_TITLE = "InTASC Model Core Teaching Standards, as quoted in the 2020 Educator Competencies crosswalk"


def _ctid_of(name: str) -> str:
    return "ce-" + str(_uuid.UUID(bytes=_uuid.UUID(name_uuid(name)).bytes, version=4))


def ctid(item: _Item | _Framework | str) -> str:
    """The CTID an export gives an item (by object or ID) or a framework: ``ce-`` and a UUID
    derived from its CASE identifier, in the version-4 layout the Registry expects.

    >>> from edcompetencies import ctdl
    >>> ctdl.ctid("2020:cognitive.3.c") == ctdl.ctid("2020:cognitive.3.c"), len(ctdl.ctid("2020:cognitive.3.c"))
    (True, 39)
    """
    if isinstance(item, _Framework):
        return _ctid_of(document_name(item.edition))
    if isinstance(item, (_Domain, _Competency, _Indicator)):
        return _ctid_of(item_name(item.id))
    if isinstance(item, str) and item.strip():
        return _ctid_of(item_name(item.strip()))
    raise _ArgumentTypeError("ctdl.ctid()", "item", "an item, a framework or an item ID", item)


def _text(value: str) -> dict[str, str]:
    return {_LANGUAGE: value}


class _Graph:
    def __init__(self, base_uri: str) -> None:
        self.base = base_uri
        self.nodes: list[dict[str, _Any]] = []
        self.by_id: dict[str, dict[str, _Any]] = {}

    def uri(self, ctid_value: str) -> str:
        return self.base + ctid_value

    def add(self, key: str, ctid_value: str, kind: str, properties: dict[str, _Any]) -> str:
        """Add the node *key*, a ``ceasn:<kind>`` with its ``@id`` and CTID and then *properties*
        in order (those that are ``None`` left out); return its ``@id``."""
        node = {"@id": self.uri(ctid_value), "@type": f"ceasn:{kind}", "ceterms:ctid": ctid_value}
        node.update((name, value) for name, value in properties.items() if value is not None)
        self.nodes.append(node)
        self.by_id[key] = node
        return self.uri(ctid_value)

    def link(self, key: str, prop: str, target: str) -> None:
        values = self.by_id[key].setdefault(prop, [])
        if target not in values:
            values.append(target)


def _framework(graph: _Graph, fw: _Framework) -> None:
    framework_uri = graph.add(
        "framework:" + str(fw.edition),
        ctid(fw),
        "CompetencyFramework",
        {
            "ceasn:name": _text(fw.title),
            "ceasn:description": _text(fw.citation or fw.title),
            "ceasn:inLanguage": [_LANGUAGE],
            "ceasn:publisherName": {_LANGUAGE: list(fw.publishers)} if fw.publishers else None,
            "ceasn:rights": _text(fw.license) if fw.license else None,
            "ceasn:source": [fw.url] if fw.url else None,
            "ceasn:dateCreated": str(fw.year) if fw.year is not None else None,
            "ceasn:hasTopChild": [graph.uri(ctid(d)) for d in fw.domains],
        },
    )

    def competency(item: _Item, parent: str | None) -> None:
        node: dict[str, _Any] = {
            "ceasn:competencyText": _text(item.text),
            "ceasn:codedNotation": _label(item),
            "ceasn:competencyCategory": _text(_CATEGORY[item.kind]),
            "ceasn:inLanguage": [_LANGUAGE],
            "ceasn:isPartOf": framework_uri,
        }
        if isinstance(item, _Domain):
            node["ceasn:competencyLabel"] = _text(item.name)
            node["ceasn:isTopChildOf"] = framework_uri
        else:
            node["ceasn:listID"] = item.label if isinstance(item, _Indicator) else str(item.number)
            node["ceasn:isChildOf"] = [parent or framework_uri]
        if isinstance(item, _Competency) and item.title:
            node["ceasn:competencyLabel"] = _text(item.title)
        themes: frozenset[_Theme] = getattr(item, "themes", frozenset())
        if themes:
            node["ceasn:conceptKeyword"] = {_LANGUAGE: [t.label for t in sorted(themes, key=lambda t: t.value)]}
        if item.children:
            node["ceasn:hasChild"] = [graph.uri(ctid(child)) for child in item.children]
        item_uri = graph.add(item.id, ctid(item), "Competency", node)
        for child in item.children:
            competency(child, item_uri)

    for domain in fw.domains:
        competency(domain, None)


def _lineage(graph: _Graph, fw: _Framework) -> None:
    other = 2015 if fw.edition == 2020 else 2020
    lin = lineage(other, fw.edition)  # links point from the other edition into this one
    for link in lin.links:
        if link.new not in graph.by_id:
            continue
        relation = link.relation
        graph.link(link.new, _LINEAGE[relation], graph.uri(ctid(link.old)))
        one_to_one = len(lin.successors(link.old)) == 1 and len(lin.predecessors(link.new)) == 1
        if relation in ("same", "reworded") and one_to_one:
            graph.by_id[link.new]["ceasn:isVersionOf"] = graph.uri(ctid(link.old))


def _intasc(graph: _Graph) -> None:
    def ctid_of(item_id: str) -> str:
        return _ctid_of(f"item:{item_id}")

    standards = crosswalk.standards()
    framework_uri = graph.add(
        "framework:intasc",
        _ctid_of("document:intasc"),
        "CompetencyFramework",
        {
            "ceasn:name": _text(_INTASC_TITLE),
            "ceasn:description": _text(
                "The ten InTASC Model Core Teaching Standards (2013) and the performances the 2020 Educator "
                "Competencies' InTASC crosswalk quotes, as it quotes them."
            ),
            "ceasn:inLanguage": [_LANGUAGE],
            "ceasn:publisherName": {_LANGUAGE: ["Council of Chief State School Officers"]},
            "ceasn:hasTopChild": [graph.uri(ctid_of(s.id)) for s in standards],
        },
    )
    for standard in standards:
        standard_uri = graph.add(
            standard.id,
            ctid_of(standard.id),
            "Competency",
            {
                "ceasn:competencyText": _text(standard.statement),
                "ceasn:competencyLabel": _text(standard.title),
                "ceasn:codedNotation": standard.id,
                "ceasn:listID": str(standard.number),
                "ceasn:competencyCategory": _text("Standard"),
                "ceasn:inLanguage": [_LANGUAGE],
                "ceasn:isPartOf": framework_uri,
                "ceasn:isTopChildOf": framework_uri,
                "ceasn:hasChild": [graph.uri(ctid_of(p.id)) for p in standard.performances],
            },
        )
        for performance in standard.performances:
            graph.add(
                performance.id,
                ctid_of(performance.id),
                "Competency",
                {
                    "ceasn:competencyText": _text(performance.text),
                    "ceasn:codedNotation": performance.id,
                    "ceasn:listID": performance.letter,
                    "ceasn:competencyCategory": _text("Performance"),
                    "ceasn:inLanguage": [_LANGUAGE],
                    "ceasn:isPartOf": framework_uri,
                    "ceasn:isChildOf": [standard_uri],
                },
            )
    for alignment in crosswalk.alignments(edition=2020):
        if alignment.item in graph.by_id:
            target = graph.uri(ctid_of(crosswalk.standard(alignment.standard).id))
            graph.link(alignment.item, _CROSSWALK[alignment.part], target)


def export(fw: _Framework, *, lineage: bool = False, intasc: bool = False, base_uri: str = REGISTRY) -> dict[str, _Any]:
    """*fw* as a CTDL-ASN JSON-LD document (a dict with ``@context`` and ``@graph``); see the module."""
    if not isinstance(fw, _Framework):
        raise _ArgumentTypeError("ctdl.export()", "fw", "a Framework (ec.load(), ec.loads())", fw)
    if not isinstance(base_uri, str) or ":" not in base_uri:
        raise _ArgumentTypeError("ctdl.export()", "base_uri", "an absolute URI ending in / (or :)", base_uri)
    packaged = fw.edition in editions() and load(fw.edition) == fw
    if (lineage or intasc) and not packaged:
        option = "lineage=True" if lineage else "intasc=True"
        raise UnknownChoiceError(f"framework for {option} (a packaged edition)", fw.edition, editions())
    graph = _Graph(base_uri)
    _framework(graph, fw)
    if lineage:
        _lineage(graph, fw)
    if intasc:
        if fw.edition != 2020:
            raise NotPublishedError(
                f"the {fw.edition} edition publishes no InTASC crosswalk; the 2020 edition's is exported with "
                "ctdl.export(ec.load(2020), intasc=True)"
            )
        _intasc(graph)
    return {"@context": CONTEXT, "@graph": graph.nodes}


def dumps(fw: _Framework, *, lineage: bool = False, intasc: bool = False, base_uri: str = REGISTRY) -> str:
    """:func:`export` as JSON text (UTF-8, one space indent), the same bytes for the same framework."""
    document = export(fw, lineage=lineage, intasc=intasc, base_uri=base_uri)
    return _json.dumps(document, ensure_ascii=False, indent=1) + "\n"
