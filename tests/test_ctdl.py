"""CTDL-ASN export, checked against the spec's required properties and the structural rules
that ctdl-validate (Credential Engine's publishing gate) applies: CTID grammar, identifier kinds,
references inside the payload, inverse pairs, and isPartOf naming the competency's own framework."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

import edcompetencies as ec
from edcompetencies import ctdl
from edcompetencies.errors import ArgumentTypeError, EdCompetenciesError, NotPublishedError

CTID = re.compile(r"ce-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")
FRAMEWORK_REQUIRED = {"@id", "@type", "ceterms:ctid", "ceasn:name", "ceasn:description", "ceasn:inLanguage"}
COMPETENCY_REQUIRED = {"@id", "@type", "ceterms:ctid", "ceasn:competencyText", "ceasn:inLanguage", "ceasn:isPartOf"}
LANGUAGE_MAPS = {"ceasn:name", "ceasn:description", "ceasn:competencyText", "ceasn:competencyLabel",
                 "ceasn:competencyCategory", "ceasn:publisherName", "ceasn:conceptKeyword", "ceasn:rights"}  # fmt: skip
REFERENCES = {"ceasn:isPartOf", "ceasn:isTopChildOf", "ceasn:isChildOf", "ceasn:hasChild", "ceasn:hasTopChild"}


def _check(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    assert "https://credreg.net/ctdlasn/schema/context/json" == doc["@context"]
    nodes = {n["@id"]: n for n in doc["@graph"]}
    assert len(nodes) == len(doc["@graph"]), "an @id is declared twice"
    for uri, n in nodes.items():
        assert CTID.fullmatch(n["ceterms:ctid"]), n["ceterms:ctid"]
        assert uri == ctdl.REGISTRY + n["ceterms:ctid"]  # the Registry URI's tail is the CTID
        required = FRAMEWORK_REQUIRED if n["@type"] == "ceasn:CompetencyFramework" else COMPETENCY_REQUIRED
        assert required <= set(n), (uri, required - set(n))
        for prop in LANGUAGE_MAPS & set(n):
            assert isinstance(n[prop], dict) and set(n[prop]) == {"en-US"}, (uri, prop)
        for prop in REFERENCES & set(n):
            for target in n[prop] if isinstance(n[prop], list) else [n[prop]]:
                assert target in nodes, (uri, prop, target)  # references resolve inside the payload
        if n["@type"] == "ceasn:Competency":
            assert ("ceasn:isChildOf" in n) != ("ceasn:isTopChildOf" in n)
            assert nodes[n["ceasn:isPartOf"]]["@type"] == "ceasn:CompetencyFramework"
            for child in n.get("ceasn:hasChild", []):  # inverse pairs agree, and share the framework
                assert [uri] == nodes[child]["ceasn:isChildOf"]
                assert n["ceasn:isPartOf"] == nodes[child]["ceasn:isPartOf"]
            for parent in n.get("ceasn:isChildOf", []):
                assert uri in nodes[parent]["ceasn:hasChild"]
        else:
            for top in n["ceasn:hasTopChild"]:
                assert uri == nodes[top]["ceasn:isTopChildOf"] == nodes[top]["ceasn:isPartOf"]
    return nodes


@pytest.mark.parametrize("edition", [2015, 2020])
def test_every_item_is_a_competency_of_the_framework(edition: int) -> None:
    fw = ec.load(edition)
    nodes = _check(ctdl.export(fw))
    assert 1 + len(list(fw.items())) == len(nodes)
    by_code = {n.get("ceasn:codedNotation"): n for n in nodes.values()}
    if edition == 2020:
        c = by_code["Cognitive 3.c.ii"]
        assert fw["cognitive.3.c.ii"].text == c["ceasn:competencyText"]["en-US"]
        assert {"en-US": ["Equity and Inclusion"]} == c["ceasn:conceptKeyword"]
    else:
        assert {"en-US": "Support All Learners"} == by_code["Intrapersonal 1"]["ceasn:competencyLabel"]
    order = [nodes[u]["ceasn:codedNotation"] for u in by_code["Cognitive"]["ceasn:hasChild"]]
    assert order == [f"Cognitive {c.number}" for c in fw["cognitive"].competencies]


def test_lineage_alignments_follow_the_curated_relations() -> None:
    lin = ec.lineage(2015, 2020)
    nodes = _check(ctdl.export(ec.load(2020), lineage=True))
    old = {n["@id"]: n for n in ctdl.export(ec.load(2015))["@graph"]}
    counted = 0
    for link in lin.links:
        node = nodes[ctdl.REGISTRY + ctdl.ctid(link.new)]
        prop = {"same": "ceasn:exactAlignment", "reworded": "ceasn:majorAlignment",
                "merged": "ceasn:narrowAlignment", "split": "ceasn:broadAlignment"}[link.relation]  # fmt: skip
        target = ctdl.REGISTRY + ctdl.ctid(link.old)
        assert target in node[prop] and target in old  # resolves in the 2015 export
        counted += 1
    assert 119 == counted
    assert all(
        "ceasn:skos" not in k and not k.startswith("skos:") for n in nodes.values() for k in n
    )  # alignments, not SKOS matches
    merged = nodes[ctdl.REGISTRY + ctdl.ctid("2020:intrapersonal.4")]
    assert 3 == len(merged["ceasn:narrowAlignment"]) and "ceasn:isVersionOf" not in merged
    same = nodes[ctdl.REGISTRY + ctdl.ctid("2020:cognitive.1")]
    assert ctdl.REGISTRY + ctdl.ctid("2015:cognitive.1") == same["ceasn:isVersionOf"]


def test_the_crosswalk_as_alignments_to_an_intasc_framework() -> None:
    from edcompetencies import crosswalk

    nodes = _check(ctdl.export(ec.load(2020), intasc=True))
    frameworks = [n for n in nodes.values() if n["@type"] == "ceasn:CompetencyFramework"]
    assert 2 == len(frameworks)
    for a in crosswalk.alignments(edition=2020):
        node = nodes[ctdl.REGISTRY + ctdl.ctid(a.item)]
        prop = "ceasn:majorAlignment" if a.part == "two" else "ceasn:minorAlignment"
        assert any(nodes[t]["ceasn:codedNotation"] == crosswalk.standard(a.standard).id for t in node[prop])


def test_the_export_is_deterministic() -> None:
    first = ctdl.dumps(ec.load(2020), lineage=True, intasc=True)
    assert first == ctdl.dumps(ec.load(2020), lineage=True, intasc=True)
    json.loads(first)
    other = ctdl.export(ec.load(2020), base_uri="https://example.org/ctdl/")
    assert other["@graph"][0]["@id"] == "https://example.org/ctdl/" + ctdl.ctid(ec.load(2020))


def test_a_framework_of_your_own_exports_without_lineage() -> None:
    c = ec.Competency(id="ours:a.1", number=1, statement="Do.", indicators=[ec.Indicator("ours:a.1.a", "a", "Well.")])
    fw = ec.Framework(
        edition="ours", title="Ours", domains=[ec.Domain(id="ours:a", key="a", name="A", competencies=[c])]
    )
    doc = ctdl.export(fw)
    assert len(doc["@graph"]) == 1 + len(list(fw.items()))
    with pytest.raises(EdCompetenciesError):
        ctdl.export(fw, lineage=True)


def test_wrong_arguments() -> None:
    with pytest.raises(ArgumentTypeError):
        ctdl.export({"edition": 2020})  # type: ignore[arg-type]
    with pytest.raises(ArgumentTypeError):
        ctdl.export(ec.load(2020), base_uri="nowhere")
    with pytest.raises(NotPublishedError):
        ctdl.export(ec.load(2015), intasc=True)
    with pytest.raises(ArgumentTypeError):
        ctdl.ctid(3)  # type: ignore[arg-type]
