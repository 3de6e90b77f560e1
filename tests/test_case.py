"""CASE 1.1 interchange: exports that CASE tools accept, exact round trips, and a reader that
accepts real-world packages, reports what it ignores and refuses malformed ones clearly.

Exports are validated against the CASE 1.0 CFPackage schema shipped in
``../shared/reference/case/`` and checked against the CASE 1.1 key facts listed there.
"""

from __future__ import annotations

import contextlib
import copy
import functools
import gc
import hashlib
import importlib.util
import json
import os
import random
import re
import subprocess
import sys
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from types import ModuleType
from typing import Any, NoReturn

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import edcompetencies as ec
from edcompetencies import Framework, case, diff
from edcompetencies.case import _reader
from edcompetencies.errors import CaseFormatError, NotPublishedError, UnknownEditionError

from .strategies import case_texts, frameworks, json_values

ROOT = Path(__file__).resolve().parents[1]
# ../shared beside the checkout (CI, /work/main), or beside the worktrees' folder (/work/wt/NAME).
SHARED = next(
    (p / "shared" for p in (ROOT.parent, ROOT.parent.parent) if (p / "shared").is_dir()), ROOT.parent / "shared"
)
REFERENCE = SHARED / "reference" / "case"
EXAMPLES = ROOT / "docs" / "examples"


# --------------------------------------------------------------------------- checking packages


def _reference(name: str) -> Path:
    path = REFERENCE / name
    if not path.is_file():
        pytest.skip(f"the CASE reference files (../shared/reference/case/{name}) are not beside this checkout")
    return path


@functools.cache
def _json(name: str) -> Any:
    return json.loads(_reference(name).read_text(encoding="utf-8"))


# RFC 3986 absolute URI and RFC 3339 date-time: the formats the schemas name (jsonschema checks
# them only with optional packages, so the tests spell them out).
_URI = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*")
_DATE_TIME = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]+)?(?:Z|[+-][0-9]{2}:[0-9]{2})"
)


@functools.cache
def _validator() -> Any:
    import jsonschema

    checker = jsonschema.FormatChecker()

    @checker.checks("uri")
    def _is_uri(value: object) -> bool:
        return not isinstance(value, str) or _URI.fullmatch(value) is not None

    @checker.checks("date-time")
    def _is_date_time(value: object) -> bool:
        if not isinstance(value, str):
            return True
        if _DATE_TIME.fullmatch(value) is None:
            return False
        datetime.fromisoformat(value.replace("Z", "+00:00"))
        return True

    return jsonschema.Draft4Validator(_json("case-v1p0-cfpackage-schema.json"), format_checker=checker)


def validate_1p0(package: dict[str, Any]) -> None:
    """Validate against the CASE 1.0 schema. Its top level allows no ``extensions`` (new in 1.1), so a
    copy without the package-level ``extensions`` is validated; the 1.1 fields inside objects
    (``caseVersion``, ``notes`` and ``extensions``) are allowed by the 1.0 schema as they stand."""
    stripped = {k: v for k, v in package.items() if k != "extensions"}
    errors = sorted(_validator().iter_errors(stripped), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:5])


def _names(described: list[str]) -> set[str]:
    """Field names from the key facts' lists ("caseVersion (enum ['1.1'])" -> "caseVersion")."""
    return {entry.split()[0].removesuffix("[]") for entry in described}


def check_1p1(package: dict[str, Any]) -> None:
    """The CASE 1.1 differences from 1.0, as listed in case-v1p1-key-facts.json: the allowed and
    required fields of each object (1.1 allows no others), lowercase RFC 4122 UUIDs, caseVersion
    "1.1", the association types, integer sequence numbers."""
    facts = _json("case-v1p1-key-facts.json")
    uuid_pattern = re.compile(facts["uuid_pattern"].split()[0])

    def is_uuid(value: object) -> bool:
        return isinstance(value, str) and uuid_pattern.fullmatch(value) is not None

    top = facts["top_level"]
    assert set(top["required"]) <= set(package) <= set(top["properties"])

    def check(obj: dict[str, Any], kind: str, required: set[str], allowed: set[str]) -> None:
        assert required <= set(obj), f"{kind} lacks {required - set(obj)}"
        assert set(obj) <= allowed, f"{kind} has fields 1.1 does not allow: {set(obj) - allowed}"
        assert is_uuid(obj["identifier"]), f"{kind} identifier {obj['identifier']!r}"
        for key, value in obj.items():
            if key.endswith("URI") and key not in ("originNodeURI", "destinationNodeURI"):
                links = value if isinstance(value, list) else [value]
                for link in links:
                    assert set(link) == {"title", "identifier", "uri"} and is_uuid(link["identifier"]), (kind, key)
            if key == "extensions":
                assert isinstance(value, dict)

    doc_facts = facts["CFPckgDocumentDType"]
    doc = package["CFDocument"]
    allowed = set(doc_facts["required"]) | _names(doc_facts["new_in_1_1"]) | set(doc_facts["other"])
    check(doc, "CFDocument", set(doc_facts["required"]), allowed)
    assert doc["caseVersion"] == "1.1"

    item_facts = facts["CFPckgItemDType"]
    allowed = set(item_facts["required"]) | _names(item_facts["new_in_1_1"]) | _names(item_facts["other"])
    for item in package.get("CFItems", []):
        check(item, "CFItem", set(item_facts["required"]), allowed)

    assoc_facts = facts["CFPckgAssociationDType"]
    allowed = set(assoc_facts["required"]) | _names(assoc_facts["other"]) | {"extensions"}
    for association in package.get("CFAssociations", []):
        check(association, "CFAssociation", set(assoc_facts["required"]), allowed)
        assert association["associationType"] in assoc_facts["associationType_enum"]
        if "sequenceNumber" in association:
            assert type(association["sequenceNumber"]) is int
        for end in ("originNodeURI", "destinationNodeURI"):
            assert set(association[end]) <= {"title", "identifier", "uri", "targetType"}
            assert set(association[end]) >= {"title", "identifier", "uri"}

    for kind, described in facts["CFDefinitionDType"].items():
        required_text, _, extra = described.partition(" (+")
        required = set(required_text.removeprefix("required ").split(","))
        allowed = required | set(extra.rstrip(")").split(",")) - {""} | {"extensions"}
        for entry in package.get("CFDefinitions", {}).get(kind, []):
            check(entry, kind, required, allowed)


def every_identifier(package: dict[str, Any]) -> Iterator[str]:
    yield package["CFDocument"]["identifier"]
    for part in ("CFItems", "CFAssociations"):
        for obj in package.get(part, []):
            yield obj["identifier"]
    for entries in package.get("CFDefinitions", {}).values():
        for entry in entries:
            yield entry["identifier"]


def strip_extensions(value: Any) -> Any:
    """A package as a CASE tool that drops every ``extensions`` object would keep it."""
    if isinstance(value, dict):
        return {k: strip_extensions(v) for k, v in value.items() if k != "extensions"}
    if isinstance(value, list):
        return [strip_extensions(v) for v in value]
    return value


# --------------------------------------------------------------------------- building packages by hand


def package(items: list[dict[str, Any]], associations: list[dict[str, Any]] = (), **document: Any) -> dict[str, Any]:  # type: ignore[assignment]
    doc = {"identifier": "doc", "uri": "urn:x:doc", "creator": "A State", "title": "A Framework", "version": "v1"}
    return {"CFDocument": {**doc, **document}, "CFItems": items, "CFAssociations": list(associations)}


def item(identifier: str, text: str | None = None, **fields: Any) -> dict[str, Any]:
    return {"identifier": identifier, "fullStatement": text or f"Statement {identifier}.", **fields}


def child(origin: str, destination: str, sequence: object = None, identifier: str | None = None) -> dict[str, Any]:
    association: dict[str, Any] = {
        "identifier": identifier or f"{origin}->{destination}",
        "associationType": "isChildOf",
        "originNodeURI": {"title": origin, "identifier": origin, "uri": f"urn:x:{origin}"},
        "destinationNodeURI": {"title": destination, "identifier": destination, "uri": f"urn:x:{destination}"},
    }
    if sequence is not None:
        association["sequenceNumber"] = sequence
    return association


def fails(data: object, match: str, identifier: str | None = None) -> CaseFormatError:
    with pytest.raises(CaseFormatError, match=re.escape(match)) as info:
        case.read(data)  # type: ignore[arg-type]
    if identifier is not None:
        assert info.value.identifier == identifier
        assert f"(identifier {identifier})" in str(info.value)
    return info.value


# --------------------------------------------------------------------------- export: what CASE tools get


@pytest.mark.parametrize("edition", [2015, 2020])
@pytest.mark.parametrize("options", [{}, {"lineage": True}], ids=["plain", "lineage"])
def test_exports_validate_against_the_case_schemas(edition: int, options: dict[str, bool]) -> None:
    """Both editions export as packages the CASE 1.0 schema accepts and that follow the 1.1 rules."""
    exported = case.export(ec.load(edition), **options)
    validate_1p0(exported)
    check_1p1(exported)


def test_intasc_export_validates_and_splits_into_two_packages() -> None:
    """With the crosswalk, the InTASC standards travel as their own package; each part validates."""
    exported = case.export(ec.load(2020), intasc=True, lineage=True)
    validate_1p0(exported)  # the embedded package is in the top-level extensions, stripped here
    intasc, main = case.packages(exported)
    for part in (intasc, main):
        validate_1p0(part)
        check_1p1(part)
    assert "extensions" not in main
    assert intasc == case.intasc_package()
    assert main == case.export(ec.load(2020), lineage=True) | {
        "CFAssociations": main["CFAssociations"],
        "CFDefinitions": main["CFDefinitions"],
    }


def test_the_act_example_validates_with_the_test_validator() -> None:
    """The validator used above accepts a real package known to be valid (so it is not vacuous)."""
    validate_1p0(_json("example-act-holistic-math.json"))
    with pytest.raises(AssertionError):
        validate_1p0(_json("example-what-standards-could-be.json"))


def test_the_validator_rejects_what_1p1_forbids() -> None:
    """A 1.0-era field (CFDocumentURI on an item) or an uppercase UUID fails the 1.1 checks."""
    exported = case.export(ec.load(2015))
    bad = copy.deepcopy(exported)
    bad["CFItems"][0]["CFDocumentURI"] = {"title": "t", "identifier": bad["CFDocument"]["identifier"], "uri": "urn:x"}
    with pytest.raises(AssertionError, match="does not allow"):
        check_1p1(bad)
    bad = copy.deepcopy(exported)
    bad["CFItems"][0]["identifier"] = bad["CFItems"][0]["identifier"].upper()
    with pytest.raises(AssertionError, match="identifier"):
        check_1p1(bad)


def test_document_fields() -> None:
    """The CFDocument carries the edition's title, creator, publisher, license, version and source URL."""
    fw = ec.load(2020)
    doc = case.export(fw)["CFDocument"]
    assert fw.title == doc["title"]
    assert "KnowledgeWorks; Council of Chief State School Officers" == doc["creator"]
    assert "KnowledgeWorks; Council of Chief State School Officers" == doc["publisher"]
    assert "2020" == doc["version"]
    assert "1.1" == doc["caseVersion"]
    assert fw.url == doc["officialSourceURL"]
    assert fw.license == doc["licenseURI"]["title"]
    assert "2020-01-01T00:00:00+00:00" == doc["lastChangeDateTime"]
    assert "en" == doc["language"]
    ours = doc["extensions"]["edcompetencies"]
    assert {"format", "format_version", "year", "citation", "source", "notes"} == set(ours)


def test_creator_and_publisher_read_back_as_the_publishers() -> None:
    """A package's creator and publisher both become publishers, each once, creator first."""
    package = case.export(ec.load(2020))
    del package["CFDocument"]["extensions"]
    package["CFDocument"]["creator"] = "State Department of Education"
    package["CFDocument"]["publisher"] = "Office of Educator Quality; State Department of Education"
    fw = case.load(package)
    assert ("State Department of Education", "Office of Educator Quality") == fw.publishers
    assert ec.load(2020).publishers == case.load(case.export(ec.load(2020))).publishers


def test_items_and_hierarchy() -> None:
    """A CFItem per domain, competency and indicator, coded with our IDs, each with one isChildOf edge."""
    fw = ec.load(2015)
    exported = case.export(fw)
    items = exported["CFItems"]
    assert list(fw.ids()) == [i["humanCodingScheme"] for i in items]
    kinds = Counter(i["CFItemType"] for i in items)
    assert (4, sum(1 for _ in fw.competencies())) == (kinds["Domain"], kinds["Competency"])
    assert len(list(fw.indicators())) == kinds["Indicator"] + kinds["Sub-indicator"]
    by_code = {i["humanCodingScheme"]: i for i in items}
    assert "Support All Learners" == by_code["2015:intrapersonal.1"]["abbreviatedStatement"]
    assert "3" == by_code["2015:cognitive.2.1.3"]["listEnumeration"]
    assert "Sub-indicator" == by_code["2015:cognitive.2.1.3"]["CFItemType"]
    assert "Indicator" == by_code["2015:cognitive.2.1"]["CFItemType"]
    assert "Need to Know" == by_code["2015:cognitive"]["alternativeLabel"]
    edges = [a for a in exported["CFAssociations"] if a["associationType"] == "isChildOf"]
    assert len(items) == len(edges)
    identifiers = {i["identifier"]: i["humanCodingScheme"] for i in items}
    identifiers[exported["CFDocument"]["identifier"]] = "document"
    parents = {
        identifiers[a["originNodeURI"]["identifier"]]: identifiers[a["destinationNodeURI"]["identifier"]] for a in edges
    }
    assert "document" == parents["2015:cognitive"]
    assert "2015:cognitive.2.1" == parents["2015:cognitive.2.1.3"]
    sequence = {identifiers[a["originNodeURI"]["identifier"]]: a["sequenceNumber"] for a in edges}
    assert 3 == sequence["2015:cognitive.2.1.3"]
    assert [1, 2, 3, 4] == [sequence[d.id] for d in fw.domains]


def test_themes_are_concepts_and_keywords() -> None:
    """Themes are CFConcepts, named on items by conceptKeywords (and linked when there is one)."""
    exported = case.export(ec.load(2020))
    concepts = exported["CFDefinitions"]["CFConcepts"]
    assert [t.label for t in ec.Theme] == [c["title"] for c in concepts]
    assert ["FC", "EI", "SE", "RL"] == [c["hierarchyCode"] for c in concepts]
    by_code = {i["humanCodingScheme"]: i for i in exported["CFItems"]}
    assert ["Equity and Inclusion"] == by_code["2020:cognitive.3.e.i"]["conceptKeywords"]
    assert concepts[1]["identifier"] == by_code["2020:cognitive.3.e.i"]["conceptKeywordsURI"]["identifier"]
    several = [i for i in exported["CFItems"] if len(i.get("conceptKeywords", [])) > 1]
    assert several and all("conceptKeywordsURI" not in i for i in several)
    assert [] == case.export(ec.load(2015))["CFDefinitions"]["CFConcepts"]


def test_identifiers_are_deterministic_uuid5() -> None:
    """Identifiers are lowercase version 5 UUIDs of our IDs, pinned so they never change between releases."""
    assert "a7034d35-7093-5af4-b7d9-9da106a2572c" == case.identifier("2020:cognitive.1")
    assert "60a2796d-4f78-59a3-bf46-94910caf4c2a" == case.identifier(ec.load(2020))
    assert "645051b6-89c0-5ab6-9fca-4881faf06630" == case.identifier(ec.load(2015)["intrapersonal.1"])
    assert case.NAMESPACE == uuid.uuid5(uuid.NAMESPACE_URL, "https://pypi.org/project/edcompetencies/")
    exported = case.export(ec.load(2020), lineage=True, intasc=True)
    for value in every_identifier(exported):
        parsed = uuid.UUID(value)
        assert (5, uuid.RFC_4122, str(parsed)) == (parsed.version, parsed.variant, value)
    identifiers = list(every_identifier(exported))
    assert len(identifiers) == len(set(identifiers))
    fw = ec.load(2020)
    assert [case.identifier(i) for i in fw.items()] == [i["identifier"] for i in exported["CFItems"]]


def test_export_is_reproducible_byte_for_byte() -> None:
    """Two runs, in two processes with different hash seeds, write the same bytes."""
    script = (
        "import hashlib, edcompetencies as ec; from edcompetencies import case; "
        "print(hashlib.sha256(case.dumps(case.export(ec.load(2020), lineage=True, intasc=True)).encode()).hexdigest())"
    )
    here = hashlib.sha256(case.dumps(case.export(ec.load(2020), lineage=True, intasc=True)).encode()).hexdigest()
    for seed in ("1", "2"):
        result = subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            text=True,
            timeout=120,
            env={**os.environ, "PYTHONHASHSEED": seed},
            check=True,
        )
        assert here == result.stdout.strip()


def test_dumps_is_utf8_json_text() -> None:
    text = case.dumps(case.export(ec.load(2020)))
    assert text.endswith("}\n") and "“" in text and "\\u" not in text
    assert case.export(ec.load(2020)) == json.loads(text)
    with pytest.raises(TypeError, match="CFPackage mapping"):
        case.dumps([])  # type: ignore[arg-type]


def test_base_uri() -> None:
    exported = case.export(ec.load(2015), base_uri="https://case.example.org/uri/")
    doc = exported["CFDocument"]
    assert f"https://case.example.org/uri/{doc['identifier']}" == doc["uri"]
    assert all(i["uri"] == "https://case.example.org/uri/" + i["identifier"] for i in exported["CFItems"])
    assert case.export(ec.load(2015))["CFItems"][0]["uri"].startswith("urn:uuid:")
    with pytest.raises(ValueError, match="absolute URI"):
        case.export(ec.load(2015), base_uri="not a uri")


def test_lineage_points_to_the_other_editions_identifiers() -> None:
    """The 2015 -> 2020 lineage: exactMatchOf for 'same', replacedBy otherwise, from the 2015 item to
    the 2020 item, whichever edition is exported; each package owns its own associations."""
    lin = ec.lineage(2015, 2020)
    ids_2015 = {i["identifier"] for i in case.export(ec.load(2015))["CFItems"]}
    ids_2020 = {i["identifier"] for i in case.export(ec.load(2020))["CFItems"]}
    found = {}
    for edition in (2015, 2020):
        associations = [
            a
            for a in case.export(ec.load(edition), lineage=True)["CFAssociations"]
            if a["associationType"] != "isChildOf"
        ]
        assert len(lin.links) == len(associations)
        assert all(a["originNodeURI"]["identifier"] in ids_2015 for a in associations)
        assert all(a["destinationNodeURI"]["identifier"] in ids_2020 for a in associations)
        kinds = Counter(a["associationType"] for a in associations)
        assert sum(1 for link in lin.links if link.relation == "same") == kinds["exactMatchOf"]
        assert len(lin.links) - kinds["exactMatchOf"] == kinds["replacedBy"]
        found[edition] = {a["identifier"] for a in associations}
        first = associations[0]
        assert first["notes"].startswith(first["extensions"]["edcompetencies"]["relation"] + ": ")
    assert not found[2015] & found[2020]


def test_intasc_associations_point_into_the_intasc_package() -> None:
    intasc, main = case.packages(case.export(ec.load(2020), intasc=True))
    standards = {i["identifier"]: i["humanCodingScheme"] for i in intasc["CFItems"]}
    related = [a for a in main["CFAssociations"] if a["associationType"] == "isRelatedTo"]
    assert len(related) == len(ec.crosswalk.alignments())
    assert all(a["destinationNodeURI"]["identifier"] in standards for a in related)
    groups = Counter(a["CFAssociationGroupingURI"]["title"] for a in related)
    assert {"InTASC crosswalk, Part One (domains)": 11, "InTASC crosswalk, Part Two (competencies)": 67} == groups
    assert 10 == sum(1 for code in standards.values() if "(" not in code)
    read = case.read(intasc)
    assert 10 == len(read.framework.domains) and () == read.ignored
    emphasis = read.item("2013:intasc-6").unmapped_fields()["extensions"]["edcompetencies"]["crosswalk"]
    assert ["6(a)", "6(e)", "6(g)"] == emphasis["emphasis_performances"]


def test_export_refuses_what_it_cannot_do() -> None:
    with pytest.raises(TypeError, match="must be a Framework"):
        case.export({"edition": 2020})  # type: ignore[arg-type]
    with pytest.raises(NotPublishedError, match="2020 edition only"):
        case.export(ec.load(2015), intasc=True)
    custom = ec.loads((EXAMPLES / "district-2024.json").read_text(encoding="utf-8"))
    with pytest.raises(UnknownEditionError):
        case.export(custom, lineage=True)


def test_packages_of_a_plain_package() -> None:
    exported = case.export(ec.load(2015))
    assert [exported] == case.packages(exported)
    with pytest.raises(TypeError, match="CFPackage"):
        case.packages({"CFItems": []})


def test_is_package() -> None:
    assert case.is_package(case.export(ec.load(2015)))
    assert not case.is_package(json.loads(ec.dumps(ec.load(2015))))
    assert not case.is_package(["CFDocument"])


# --------------------------------------------------------------------------- round trips


@pytest.mark.parametrize("edition", [2015, 2020])
def test_round_trip_packaged(edition: int) -> None:
    """Export then import gives back an equal framework, through the data and through the text."""
    fw = ec.load(edition)
    for options in ({}, {"lineage": True}, {"intasc": edition == 2020}):
        exported = case.export(fw, **options)
        result = case.read(exported)
        assert fw == result.framework
        assert () == result.ignored
        assert fw == case.loads(case.dumps(exported))


def test_round_trip_through_a_file(tmp_path: Path) -> None:
    path = tmp_path / "2020.json"
    path.write_text(case.dumps(case.export(ec.load(2020))), encoding="utf-8")
    assert ec.load(2020) == case.load(path)
    assert ec.load(2020) == case.load(str(path))


@given(frameworks(text=case_texts))
def test_round_trip_generated(fw: ec.Framework) -> None:
    """Any framework in the model's shape comes back equal, with nothing to report."""
    exported = case.export(fw)
    result = case.read(exported)
    assert fw == result.framework
    assert () == result.ignored
    assert fw == case.loads(case.dumps(exported))


@settings(max_examples=30)
@given(frameworks(text=case_texts))
def test_generated_exports_validate(fw: ec.Framework) -> None:
    """Any framework's package follows CASE 1.1 and validates against the 1.0 schema."""
    exported = case.export(fw)
    check_1p1(exported)
    validate_1p0(exported)


@given(frameworks(text=case_texts), st.randoms(use_true_random=False))
def test_file_order_does_not_matter(fw: ec.Framework, rng: random.Random) -> None:
    """The tree comes from the isChildOf edges and their sequenceNumber, not from the order in the file."""
    exported = case.export(fw)
    rng.shuffle(exported["CFItems"])
    rng.shuffle(exported["CFAssociations"])
    assert fw == case.load(exported)


@pytest.mark.parametrize("edition", [2015, 2020])
def test_without_extensions_only_what_case_has_no_field_for_is_lost(edition: int) -> None:
    """A CASE tool that drops ``extensions`` keeps the tree, IDs, texts, titles and themes; only the
    fields CASE has no place for (domain overviews, year, citation, source, notes) are lost."""
    fw = ec.load(edition)
    result = case.read(strip_extensions(case.export(fw)))
    back = result.framework
    assert () == result.ignored
    assert fw.ids() == back.ids()
    assert [(i.text, getattr(i, "themes", None)) for i in fw.items()] == [
        (i.text, getattr(i, "themes", None)) for i in back.items()
    ]
    assert [c.title for c in fw.competencies()] == [c.title for c in back.competencies()]
    assert [(d.name, d.tagline, d.description) for d in fw.domains] == [
        (d.name, d.tagline, d.description) for d in back.domains
    ]
    assert (fw.title, fw.publishers, fw.license, fw.url) == (back.title, back.publishers, back.license, back.url)
    assert (None, None, None, ()) == (back.year, back.citation, back.source, back.notes)


def test_edited_standard_fields_win_over_the_extension() -> None:
    """Standard fields are authoritative: an edit made in a CASE tool is read back."""
    exported = case.export(ec.load(2020))
    exported["CFItems"][1]["fullStatement"] = "An edited statement."
    exported["CFDocument"]["title"] = "An edited title"
    back = case.load(exported)
    assert "An edited statement." == back.domains[0].competencies[0].statement
    assert "An edited title" == back.title


def test_edition_override_renames_ids_and_notes() -> None:
    back = case.load(case.export(ec.load(2020)), edition="v2")
    assert "v2:cognitive.1" in back
    assert all(i.startswith("v2:") or i == "v2" for note in back.notes for i in note.items)
    assert ec.loads(ec.dumps(back)) == back
    with pytest.raises(ValueError, match="edition name"):
        case.load(case.export(ec.load(2020)), edition="has space")


# --------------------------------------------------------------------------- reading other publishers' packages


def test_act_example_loads() -> None:
    """A real package (ACT Holistic Framework, Math): six levels, no sequence numbers, no item types."""
    result = case.read(_reference("example-act-holistic-math.json"))
    fw = result.framework
    assert 2017 == fw.edition  # no version: the year of its lastChangeDateTime
    assert ("ACT, Inc.",) == fw.publishers
    (domain,) = fw.domains
    assert ("h-a-math-gm", "Geometry and Measurement") == (domain.key, domain.name)
    assert domain.description is not None and domain.description.startswith("Properties and measurements")
    (competency,) = domain.competencies
    assert (1, "Plane Figures") == (competency.number, competency.title)
    assert "2017:h-a-math-gm.1.2DFP.L1.24" in fw  # deeper levels are indicator children
    labels = [i.label for i in fw["h-a-math-gm.1.2DFP.L1"].children]
    assert [str(n) for n in range(1, 25)] == labels  # natural order of the codes, not file order
    assert 28 == len(result.items) == len(fw.ids())
    assert "H.A.MATH.GM.PF" == result.item("2017:h-a-math-gm.1").human_coding_scheme
    assert (
        "2-D Figures and Their Properties"
        == result.item("2017:h-a-math-gm.1.2DFP").unmapped_fields()["abbreviatedStatement"]
    )
    assert () == result.ignored
    assert ec.loads(ec.dumps(fw)) == fw


def test_2017_example_loads_and_reports_what_it_ignored() -> None:
    """A real 2017 OpenSALT export that is not schema-valid: what can be understood is read."""
    result = case.read(_reference("example-what-standards-could-be.json"))
    fw = result.framework
    assert ["2017:ccss-math-content-6-rp-a", "2017:ccss-math-content-7-rp-a"] == [d.id for d in fw.domains]
    assert ["1", "2", "3"] == [c.label for c in fw.domains[0].competencies]
    assert ["a", "b", "c", "d"] == [i.label for i in fw["ccss-math-content-6-rp-a.3"].children]
    reported = [str(x) for x in result.ignored]
    assert any("sequenceNumber '1' is a string" in r for r in reported)
    assert any(r.startswith("$.CFItems[*].educationalLevel: not a CASE CFItem field on 16 CFItems") for r in reported)
    kinds = Counter(a.type for a in result.associations)
    assert {"exactMatchOf": 16, "precedes": 3, "exemplar": 2, "isRelatedTo": 2} == kinds
    precedes = [a for a in result.associations if a.type == "precedes"]
    assert ("2017:ccss-math-content-6-rp-a.1", "2017:ccss-math-content-6-rp-a.2") in {
        (a.origin_id, a.destination_id) for a in precedes
    }
    assert "06" == result.item("2017:ccss-math-content-6-rp-a.1").unmapped_fields()["educationalLevel"]
    assert "Draft" == result.document_fields()["adoptionStatus"]
    assert ec.loads(ec.dumps(fw)) == fw


def test_diff_two_versions_of_a_state_framework() -> None:
    """The docs' fictitious state framework, 2022 and 2024: the diff engine compares any two CASE files."""
    old = case.load(EXAMPLES / "case-lakeland-2022.json")
    new = case.load(EXAMPLES / "case-lakeland-2024.json")
    assert (2022, 2024) == (old.edition, new.edition)
    assert old.ids()[:3] == ("2022:ltc-lp", "2022:ltc-lp.1", "2022:ltc-lp.1.a")
    changes = diff.compare(old, new)
    kind = {(c.old.id if c.old else None, c.new.id if c.new else None): c.kind.value for c in changes.changes}
    assert "reworded" == kind["2022:ltc-lp.1.a", "2024:ltc-lp.1.a"]
    assert "removed" == kind["2022:ltc-lp.2.c", None]
    assert "added" == kind[None, "2024:ltc-co.2"]
    assert "punctuation" == kind["2022:ltc-as.2.b", "2024:ltc-as.2.b"]


def test_roots_with_and_without_an_edge_to_the_document() -> None:
    """Both occur in practice: a root item may have an isChildOf edge to the CFDocument, or none."""
    with_edges = package(
        [item("b", listEnumeration="2"), item("a", listEnumeration="1"), item("x")],
        [child("b", "doc", 1), child("a", "doc", 2), child("x", "b", 1)],
    )
    without = package([item("b", listEnumeration="2"), item("a", listEnumeration="1"), item("x")], [child("x", "b", 1)])
    assert ["Statement b.", "Statement a."] == [d.name for d in case.load(with_edges).domains]  # sequenceNumber first
    assert ["Statement a.", "Statement b."] == [d.name for d in case.load(without).domains]  # then listEnumeration


def test_sibling_order() -> None:
    """sequenceNumber, then listEnumeration, then humanCodingScheme (naturally: 2 before 10), then file order."""
    items = [item("root", humanCodingScheme="R")]
    items += [item(f"c{n}", humanCodingScheme=f"R.{n}") for n in (10, 2, 1)]
    edges = [child(f"c{n}", "root") for n in (10, 2, 1)]
    assert [1, 2, 10] == [c.number for c in case.load(package(items, edges)).domains[0].competencies]
    edges[0]["sequenceNumber"] = 1
    assert ["R.10", "R.1", "R.2"] == [
        i.human_coding_scheme for i in case.read(package(items, edges)).items if i.id.count(".") == 1
    ]


def test_levels_ids_and_codes_of_a_foreign_package() -> None:
    """Domain keys from humanCodingScheme (or the name, or the position); numbers and labels from
    listEnumeration, then the code after the parent's code, then the position."""
    items = [
        item("d1", "Math", humanCodingScheme="ST.MATH"),
        item("d2", "Reading", abbreviatedStatement="Reading & Writing"),
        item("d3", "No code at all, and a long statement that makes a poor key for anyone to type"),
        item("c1", humanCodingScheme="ST.MATH.7", listEnumeration="A."),
        item("c2", humanCodingScheme="ST.MATH.9"),
        item("c3", listEnumeration="(4)"),
        item("i1", listEnumeration="a)"),
        item("i2", humanCodingScheme="ST.MATH.7.b"),
        item("s1", listEnumeration="i."),
        item("s2", listEnumeration="i."),
        item("deep", listEnumeration="1"),
    ]
    edges = [
        child("c1", "d1", 1), child("c2", "d1", 2), child("c3", "d2", 1),
        child("i1", "c1", 1), child("i2", "c1", 2), child("s1", "i1", 1), child("s2", "i1", 2), child("deep", "s1"),
    ]  # fmt: skip
    result = case.read(package(items, edges))
    fw = result.framework
    assert ["v1:st-math", "v1:reading-writing", "v1:d3"] == [d.id for d in fw.domains]
    assert [7, 9] == [c.number for c in fw.domains[0].competencies]  # "A." is no number: the codes give 7, 9
    assert [4] == [c.number for c in fw.domains[1].competencies]
    assert ["v1:st-math.7.a", "v1:st-math.7.b"] == [i.id for i in fw.domains[0].competencies[0].indicators]
    assert ["1", "2"] == [i.label for i in fw["st-math.7.a"].children]  # "i." twice: positions
    assert "v1:st-math.7.a.1.1" == result.item("deep").id
    assert "A." == result.item("c1").list_enumeration
    assert ec.loads(ec.dumps(fw)) == fw


def test_item_types_map_to_levels() -> None:
    """Top items typed as competencies (a framework without domains) go into one domain; a type that
    contradicts an item's place is reported and the place wins."""
    flat = package(
        [item("c1", CFItemType="Competency"), item("c2", CFItemType="competency"), item("i", CFItemType="Domain")],
        [child("i", "c1")],
        title="Flat",
    )
    result = case.read(flat)
    (domain,) = result.framework.domains
    assert ("v1:main", "Flat", [1, 2]) == (domain.id, domain.name, [c.number for c in domain.competencies])
    reported = [str(x) for x in result.ignored]
    assert any("no domain level" in r for r in reported)
    assert any("typed 'Domain' but placed as an indicator" in r for r in reported)


def test_themes_are_read_from_concept_keywords() -> None:
    items = [
        item("d"),
        item("c", conceptKeywords=["Foundational Competency", "equity and inclusion", "Algebra"]),
        item("i", conceptKeywords=["Foundational Competency", "Remote Learning"]),
    ]
    result = case.read(package(items, [child("c", "d"), child("i", "c")]))
    competency = result.framework.domains[0].competencies[0]
    assert {ec.Theme.FC, ec.Theme.EI} == competency.themes
    assert ["Foundational Competency", "equity and inclusion", "Algebra"] == result.item("c").unmapped_fields()[
        "conceptKeywords"
    ]
    assert {ec.Theme.RL} == competency.indicators[0].themes
    assert any("FC (Foundational Competency) tags competencies only" in str(x) for x in result.ignored)


def test_several_parents_first_item_parent_wins() -> None:
    items = [item("a"), item("b"), item("x")]
    result = case.read(package(items, [child("x", "doc", 1), child("x", "a", 1), child("x", "b", 1)]))
    assert "v1:statement-a.1" == result.item("x").id  # a short statement names a domain without a code
    reported = [str(x) for x in result.ignored]
    assert any("also sits under the CFDocument" in r for r in reported)
    assert any("is also a child of 'b'" in r for r in reported)


def test_nothing_is_silently_dropped() -> None:
    """Unknown fields, other associations and package parts stay available; the reasons are listed."""
    data = package(
        [item("d", educationalLevel="06", notes="A note.", extensions={"vendor": {"x": 1}})],
        [
            {**child("d", "ext-1"), "associationType": "exactMatchOf", "notes": "same"},
            {"identifier": "broken", "associationType": "precedes"},
        ],
        adoptionStatus="Draft",
    )
    data["CFRubrics"] = [{"identifier": "r"}]
    data["vendorField"] = True
    result = case.read(data)
    assert {"educationalLevel": "06", "notes": "A note.", "extensions": {"vendor": {"x": 1}}} == result.item(
        "d"
    ).unmapped_fields()
    (association,) = result.associations
    assert ("exactMatchOf", "v1:statement-d", None, "ext-1") == (
        association.type,
        association.origin_id,
        association.destination_id,
        association.destination,
    )
    assert "same" == association.unmapped_fields()["notes"]
    assert {"CFRubrics": [{"identifier": "r"}], "vendorField": True} == result.unmapped_fields()
    assert "Draft" == result.document_fields()["adoptionStatus"]
    reported = [str(x) for x in result.ignored]
    assert any(r.startswith("$.vendorField: not a CFPackage field") for r in reported)
    assert any(r.startswith("$.CFAssociations[1].originNodeURI (identifier broken)") for r in reported)
    assert any(r.startswith("$.CFItems[*].educationalLevel") for r in reported)


def test_json_text_problems_are_reported(tmp_path: Path) -> None:
    path = tmp_path / "dup.json"
    path.write_text('{"CFDocument": {"identifier": "d", "title": "A", "title": "B"}}', encoding="utf-8")
    result = case.read(path)
    assert "B" == result.framework.title
    assert any("repeats the key 'title'" in str(x) for x in result.ignored)


# --------------------------------------------------------------------------- malformed packages


def test_missing_cfdocument() -> None:
    fails({"CFItems": []}, "$: missing CFDocument: not a CASE package")
    fails([], "expected a CFPackage mapping or the path of a JSON file, found an array")
    with pytest.raises(CaseFormatError, match=re.escape("<string>: $: expected a CFPackage (a JSON object")):
        case.loads("[]")


def test_cycle_names_an_identifier() -> None:
    data = package([item("a"), item("b"), item("c")], [child("a", "b"), child("b", "c"), child("c", "a")])
    error = fails(data, "a cycle in isChildOf: 'a' -> 'b' -> 'c' -> 'a'", "a")
    assert "$.CFItems[0]" == error.path
    fails(package([item("a")], [child("a", "a")]), "a cycle in isChildOf: 'a' -> 'a'", "a")


def test_a_long_cycle_is_found_without_hanging() -> None:
    n = 20_000
    data = package([item(f"i{k}") for k in range(n)], [child(f"i{k}", f"i{(k + 1) % n}") for k in range(n)])
    start = time.perf_counter()
    fails(data, "a cycle in isChildOf", "i0")
    assert time.perf_counter() - start < 30  # generous: it is linear, a fraction of a second


def test_edge_to_an_unknown_item() -> None:
    error = fails(package([item("a")], [child("a", "ghost")]), "isChildOf edge to unknown item 'ghost'", "ghost")
    assert "$.CFAssociations[0].destinationNodeURI.identifier" == error.path
    fails(package([item("a")], [child("ghost", "a")]), "isChildOf edge from 'ghost'", "ghost")
    fails(package([item("a")], [child("doc", "a")]), "the CFDocument cannot be a child", "doc")


def test_duplicate_identifiers() -> None:
    error = fails(
        package([item("a"), item("A"), item("a", "Other.")]), "duplicate identifier 'a' (first at $.CFItems[0])", "a"
    )
    assert "$.CFItems[2]" == error.path
    upper = "6F1A2C1E-0000-4000-8000-000000000000"
    fails(package([item(upper.lower()), item(upper)]), "duplicate identifier", upper)
    fails(package([item("doc")]), "the item has the CFDocument's identifier", "doc")
    fails(
        package([item("a"), item("b")], [child("a", "b", identifier="x"), child("b", "doc", identifier="x")]),
        "duplicate identifier 'x'",
        "x",
    )


def test_an_exact_copy_of_an_item_or_an_association_is_skipped_and_listed() -> None:
    """Issue 12 point 5: an object repeated as it is (equal as JSON values) is read once and listed
    with its path and identifier; the framework is the one the package without the copies gives."""
    items = [item("d"), item("c", humanCodingScheme="C")]
    edges = [child("d", "doc"), child("c", "d", 1, identifier="e")]
    result = case.read(package([*items, dict(items[1])], [*edges, dict(edges[1])]))
    assert case.read(package(items, edges)).framework == result.framework
    assert [
        "$.CFItems[2] (identifier c): an exact copy of the CFItem at $.CFItems[1] (the same identifier and "
        "fields); skipped",
        "$.CFAssociations[2] (identifier e): an exact copy of the CFAssociation at $.CFAssociations[1] (the same "
        "identifier and fields); skipped",
    ] == [str(entry) for entry in result.ignored]


@pytest.mark.parametrize("other", [1.0, True, "1", [1]])
def test_copies_are_equal_as_json_values_not_as_python_values(other: object) -> None:
    """``1 == 1.0 == True`` in Python, not in JSON: such "copies" differ, so the identifier is refused."""
    first, second = child("c", "d", identifier="e"), child("c", "d", identifier="e")
    first["sequenceNumber"], second["sequenceNumber"] = 1, other
    fails(package([item("d"), item("c")], [first, second]), "duplicate identifier 'e'", "e")
    fails(package([item("c", n=1), item("c", n=other)]), "on a CFItem with other fields", "c")


def test_items_with_no_parent_edge_are_listed() -> None:
    """Issue 12 point 5: orphans (no isChildOf edge at all) are listed, one entry each when there is one,
    one entry naming the first five when there are more; items linked to the CFDocument are not orphans."""
    one = case.read(package([item("d"), item("o")], [child("d", "doc")]))
    assert [
        "$.CFItems[1] (identifier o): no isChildOf edge to an item or to the CFDocument; read as a top-level item"
    ] == [str(entry) for entry in one.ignored]
    many = case.read(
        package([item("d"), *(item(f"o{k}", humanCodingScheme=f"O.{k}") for k in range(7))], [child("d", "doc")])
    )
    (entry,) = many.ignored
    assert ("$.CFItems[*]", None) == (entry.path, entry.identifier)
    assert (
        "7 items have no isChildOf edge to an item or to the CFDocument; read as top-level items: "
        "$.CFItems[1] 'O.0', $.CFItems[2] 'O.1', $.CFItems[3] 'O.2', $.CFItems[4] 'O.3', $.CFItems[5] 'O.4' and 2 more"
    ) == entry.message
    assert 8 == len(many.framework.domains)
    assert () == case.read(case.export(ec.load(2020))).ignored  # an export links its domains to the CFDocument


def test_items_typed_against_their_place_are_one_entry_per_type() -> None:
    """Issue 12 point 5: one entry per item type, in good grammar ("an indicator"), counting the places."""
    items = [item("d", CFItemType="Domain"), item("c", CFItemType="Domain"), item("i1", CFItemType="Domain")]
    items += [item("i2", CFItemType="Domain"), item("x", CFItemType="Competency")]
    edges = [child("d", "doc"), child("c", "d"), child("i1", "c"), child("i2", "c"), child("x", "i1")]
    result = case.read(package(items, edges))
    assert [
        "$.CFItems[*].CFItemType: 3 items typed 'Domain' are placed at other levels (1 as a competency, 2 as "
        "indicators) by the isChildOf hierarchy; read by their places: $.CFItems[1] 'c', $.CFItems[2] 'i1', "
        "$.CFItems[3] 'i2'",
        "$.CFItems[4].CFItemType (identifier x): typed 'Competency' but placed as an indicator by the isChildOf "
        "hierarchy; read by its place",
    ] == [str(entry) for entry in result.ignored]


def test_the_ignored_messages_say_what_was_done(tmp_path: Path) -> None:
    """Issue 12 point 5: the messages name what was used, in the singular or the plural as it is."""
    text = (
        '{"CFDocument": {"identifier": "doc", "title": "T", "a": 1, "a": 2, "b": 1, "b": 2,'
        ' "extensions": {"edcompetencies": {"notes": ['
        '{"id": "n", "kind": "editorial", "items": [], "text": "One."},'
        '{"id": "n", "kind": "editorial", "items": [], "text": "Two."},'
        '{"id": "m", "kind": "editorial", "items": ["v1:ghost"], "text": "Three."}]}}},'
        ' "CFItems": [{"identifier": "x", "abbreviatedStatement": "Short.", "conceptKeywords": "Algebra"}],'
        ' "CFAssociations": [{"identifier": "e", "associationType": "isChildOf",'
        ' "originNodeURI": {"identifier": "x"}, "destinationNodeURI": {"identifier": "doc"}}]}'
    )
    path = tmp_path / "messages.json"
    path.write_text(text, encoding="utf-8")
    assert [
        "$.CFDocument (identifier doc): a JSON object repeats the keys 'a', 'b'; the last value of each was used",
        "$.CFItems[0].fullStatement (identifier x): missing or empty; the abbreviatedStatement was used as the "
        "statement",
        "$.CFItems[0].conceptKeywords (identifier x): expected an array of strings, found a string; kept as unmapped",
        "$.CFDocument.extensions.edcompetencies.notes[1] (identifier doc): the note 'n' repeats the ID of an earlier "
        "note; ignored",
        "$.CFDocument.extensions.edcompetencies.notes[2] (identifier doc): the note 'm' names items that are not in "
        "the package; ignored",
        "$.CFDocument.a: not a CASE CFDocument field; kept as unmapped",
        "$.CFDocument.b: not a CASE CFDocument field; kept as unmapped",
    ] == [str(entry) for entry in case.read(path).ignored]

    n = case.MAX_DEPTH + 5
    data = package([item(f"i{k}") for k in range(n)], [child(f"i{k + 1}", f"i{k}") for k in range(n - 1)])
    fails(data, f"the hierarchy is more than {case.MAX_DEPTH} levels deep", f"i{case.MAX_DEPTH}")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"CFDocument": []}, "$.CFDocument: expected an object, found an array"),
        ({"CFDocument": {"title": "T"}}, "$.CFDocument.identifier: expected an identifier"),
        ({"CFDocument": {"identifier": "d"}}, "$.CFDocument.title (identifier d): the CFDocument has no title"),
        ({"CFDocument": {"identifier": "d", "title": "T"}, "CFItems": {}}, "$.CFItems: expected an array"),
        ({"CFDocument": {"identifier": "d", "title": "T"}, "CFItems": [1]}, "$.CFItems[0]: expected a CFItem object"),
        (
            {"CFDocument": {"identifier": "d", "title": "T"}, "CFItems": [{"identifier": "x", "fullStatement": " "}]},
            "$.CFItems[0].fullStatement (identifier x): the item has no text",
        ),
        (
            {"CFDocument": {"identifier": "d", "title": "T"}, "CFAssociations": [{"associationType": "isChildOf"}]},
            "$.CFAssociations[0].originNodeURI: an isChildOf association without an origin identifier",
        ),
        # each object checked alone (Reader.object_identifier): items and associations alike
        (
            {"CFDocument": {"identifier": "d", "title": "T"}, "CFAssociations": [{}, "x"]},
            "$.CFAssociations[1]: expected a CFAssociation object, found a string",
        ),
        (
            {"CFDocument": {"identifier": "d", "title": "T"}, "CFItems": [{"identifier": " ", "fullStatement": "S"}]},
            "$.CFItems[0].identifier: expected an identifier (a non-empty string), found an empty string",
        ),
        (
            {"CFDocument": {"identifier": "d", "title": "T"}, "CFItems": [{"fullStatement": "S"}, 1]},
            "$.CFItems[0].identifier: expected an identifier (a non-empty string), found null",
        ),
        (
            {"CFDocument": {"identifier": "d", "title": "T"}, "CFAssociations": [{"identifier": "a\x00"}, 1]},
            "$.CFAssociations[0].identifier: the identifier 'a\\x00' cannot be read",
        ),
    ],
)
def test_malformed_parts(data: dict[str, Any], message: str) -> None:
    fails(data, message)


def test_errors_are_the_documented_kind(tmp_path: Path) -> None:
    """A CaseFormatError is a FrameworkFormatError (and a ValueError) naming the source."""
    with pytest.raises(CaseFormatError) as info:
        case.read(tmp_path / "missing.json")
    assert isinstance(info.value, ec.FrameworkFormatError) and isinstance(info.value, ValueError)
    assert str(info.value).startswith(f"{tmp_path / 'missing.json'}: $: cannot read the file")
    bad = tmp_path / "bad.json"
    bad.write_text('{"CFDocument": ', encoding="utf-8")
    with pytest.raises(CaseFormatError, match="malformed JSON at line 1 column 16"):
        case.load(bad)
    with pytest.raises(CaseFormatError, match="not UTF-8"):
        case.loads(b"\xff\xfe{}")
    with pytest.raises(CaseFormatError, match="found an integer"):
        case.read(3)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- arbitrary input


def accepted_is_valid(result: case.CaseImport) -> None:
    """Whatever is accepted is a framework the library's own format accepts."""
    fw = result.framework
    assert ec.loads(ec.dumps(fw)) == fw


@given(json_values)
def test_arbitrary_json_only_raises_the_documented_error(value: object) -> None:
    with contextlib.suppress(CaseFormatError):
        if not isinstance(value, str):  # a string is a path
            accepted_is_valid(case.read(value))  # type: ignore[arg-type]
    with contextlib.suppress(CaseFormatError):
        case.loads(json.dumps(value))


@given(st.text(max_size=60))
def test_arbitrary_text_only_raises_the_documented_error(text: str) -> None:
    with contextlib.suppress(CaseFormatError):
        case.loads(text)


_POOL = ["a", "b", "c", "d", "doc"]
_fields = st.fixed_dictionaries(
    {"identifier": st.sampled_from(_POOL) | json_values},
    optional={
        "fullStatement": st.sampled_from(["Text.", " ", "Other text."]) | json_values,
        "abbreviatedStatement": st.sampled_from(["Short", ""]) | json_values,
        "humanCodingScheme": st.sampled_from(["X", "X.1", "X.1.a", "2020:x"]) | json_values,
        "listEnumeration": st.sampled_from(["1", "a.", "(ii)", "0", ""]) | json_values,
        "CFItemType": st.sampled_from(["Domain", "Competency", "Indicator", "Strand"]) | json_values,
        "conceptKeywords": st.lists(st.sampled_from(["Remote Learning", "Foundational Competency", "x"])) | json_values,
        "extensions": st.fixed_dictionaries({"edcompetencies": st.dictionaries(st.sampled_from(
            ["key", "number", "label", "name", "themes", "text", "statement", "crosswalk"]), json_values)})
        | json_values,
    },
)  # fmt: skip
_node = st.fixed_dictionaries({"identifier": st.sampled_from(_POOL) | json_values}, optional={"title": json_values})
_associations = st.fixed_dictionaries(
    {},
    optional={
        "identifier": st.sampled_from(["x", "y"]) | json_values,
        "associationType": st.sampled_from(["isChildOf", "IsChildOf", "exactMatchOf"]) | json_values,
        "originNodeURI": _node | json_values,
        "destinationNodeURI": _node | json_values,
        "sequenceNumber": st.integers() | st.sampled_from(["1", "x", 2.0, 2.5, True]) | json_values,
    },
)
_documents = st.fixed_dictionaries(
    {"identifier": st.just("doc") | json_values, "title": st.just("T") | json_values},
    optional={
        "version": st.sampled_from(["2020", "v 1", "", "..."]) | json_values,
        "creator": json_values,
        "licenseURI": json_values,
        "extensions": st.fixed_dictionaries({"edcompetencies": st.dictionaries(st.sampled_from(
            ["edition", "publishers", "year", "notes", "url", "bogus"]), json_values)}) | json_values,
    },
)  # fmt: skip


@given(
    st.fixed_dictionaries(
        {"CFDocument": _documents},
        optional={
            "CFItems": st.lists(_fields, max_size=6) | json_values,
            "CFAssociations": st.lists(_associations, max_size=8) | json_values,
            "CFDefinitions": json_values,
        },
    )
)
def test_package_shaped_garbage_only_raises_the_documented_error(data: dict[str, Any]) -> None:
    """Packages of random structure (cycles, unknown edges, duplicates, bad types) are read or refused clearly."""
    try:
        result = case.read(data)
    except CaseFormatError:
        return
    accepted_is_valid(result)
    items = data.get("CFItems")
    assert len(result.items) == (len(items) if isinstance(items, list) else 0)


@given(st.data())
def test_corrupting_a_valid_export_only_raises_the_documented_error(draw: st.DataObject) -> None:
    """Replace or delete one random value deep inside a real export."""
    data = case.export(ec.load(2015), lineage=True)
    node: Any = data
    while True:
        keys = list(node.keys()) if isinstance(node, dict) else list(range(len(node)))
        if not keys:
            break
        key = draw.draw(st.sampled_from(keys))
        child_value = node[key]
        if not isinstance(child_value, (dict, list)) or draw.draw(st.booleans()):
            if isinstance(node, dict) and draw.draw(st.booleans()):
                del node[key]
            else:
                node[key] = draw.draw(json_values)
            break
        node = child_value
    try:
        result = case.read(data)
    except CaseFormatError:
        return
    accepted_is_valid(result)


# --------------------------------------------------------------------------- speed at state size


def test_load_builds_only_the_framework(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Issue 12 point 7: case.load/loads build the framework only, never the CaseImport rows of every
    item and association (nor the JSON text of their other fields), and check the package alike."""
    fw = ec.load(2020)
    text = case.dumps(case.export(fw))
    path = tmp_path / "package.json"
    path.write_text(text, encoding="utf-8")

    def refused(*args: object, **kwargs: object) -> NoReturn:
        raise AssertionError("load() built what only read() gives")

    monkeypatch.setattr(_reader, "CaseImport", refused)
    monkeypatch.setattr(_reader, "CaseItem", refused)
    monkeypatch.setattr(_reader.Reader, "fields", refused)
    assert fw == case.loads(text) == case.load(path) == case.load(json.loads(text))
    with pytest.raises(AssertionError, match="only read"):
        case.read(path)
    bad = package([item("x", uri="urn:x:\x1b[2J")], [child("x", "doc")])
    for reading in (case.load, lambda data: case.loads(json.dumps(data))):
        with pytest.raises(CaseFormatError, match=re.escape("$.CFItems[0].uri")):
            reading(bad)


@pytest.mark.parametrize("enabled", [True, False])
def test_the_collector_is_paused_while_reading_and_restored(enabled: bool) -> None:
    """The cyclic collector is off while a package is decoded and built (it walked every decoded
    object for nothing), and is as it was afterwards, also when the package is refused."""
    seen: list[bool] = []
    original = Framework.__init__

    def spy(self: Framework, *args: Any, **kwargs: Any) -> None:
        seen.append(gc.isenabled())
        original(self, *args, **kwargs)

    text = case.dumps(case.export(ec.load(2015)))
    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(Framework, "__init__", spy)
            case.loads(text)
        assert [False] == seen
        assert enabled == gc.isenabled()
        with pytest.raises(CaseFormatError):
            case.loads("{")
        with pytest.raises(CaseFormatError):
            case.read(package([item("x")], [child("x", "ghost")]))
        assert enabled == gc.isenabled()
    finally:
        (gc.enable if was else gc.disable)()


def test_the_diff_pauses_the_collector_too() -> None:
    """diff.compare of two frameworks builds no cycles: the collector is off while it runs, restored after."""
    seen: list[bool] = []
    old, new = ec.load(2015), ec.load(2020)
    original = diff.Diff.__init__

    def spy(self: diff.Diff, *args: Any, **kwargs: Any) -> None:
        seen.append(gc.isenabled())
        original(self, *args, **kwargs)

    assert gc.isenabled()
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(diff.Diff, "__init__", spy)
        changes = diff.compare(old, new)
    assert ([False], True) == (seen, gc.isenabled())
    assert [repr(c) for c in changes.changes] == [repr(c) for c in diff.compare(old, new).changes]


# --------------------------------------------------------------------------- the benchmark's generator

BENCHMARK = ROOT / "benchmarks" / "case.py"


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("_case_benchmark", BENCHMARK)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_benchmark_packages_are_plain_case_of_the_requested_size(bench: ModuleType) -> None:
    """The benchmark's synthetic packages: the size asked for, no edcompetencies extension, valid 1.1,
    and they read back as the frameworks they were made from (IDs aside)."""
    old_fw, new_fw, old_text, new_text = bench.synthetic_pair(300, seed=1)
    for fw, text in ((old_fw, old_text), (new_fw, new_text)):
        data = json.loads(text)
        assert "edcompetencies" not in text
        if REFERENCE.is_dir():
            check_1p1(data)
        n = len(data["CFItems"])
        assert n == len(fw.ids())
        back = case.loads(text)
        assert [i.text for i in fw.items()] == [i.text for i in back.items()]
    assert 300 <= len(old_fw.ids()) < 300 + 2 * 150  # at least the size asked for, at most one step of scale more
    assert len(diff.compare(case.loads(old_text), case.loads(new_text)).changes) > 0


def test_an_extension_year_of_too_many_digits_is_ignored() -> None:
    """Found by Hypothesis: a 10-digit year was accepted, and the framework's own format refused it."""
    data = {"CFDocument": {"identifier": "doc", "title": "T", "extensions": {"edcompetencies": {"year": 10**9}}}}
    result = case.read(data)
    assert result.framework.year is None
    assert ["not a valid year: 1000000000; ignored"] == [i.message for i in result.ignored if i.path.endswith("year")]
    accepted_is_valid(result)


def test_the_state_size_benchmark_reads_what_it_generates() -> None:
    """benchmarks/case_state.py's packages (shaped as the SBAC server's): the size asked for, read with nothing ignored
    (no orphan, no type against its place: the general path, not the reports), every statement kept, and
    the next version's changes found by the diff (the benchmark prints the timings)."""
    spec = importlib.util.spec_from_file_location("_case_state", ROOT / "benchmarks" / "case_state.py")
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    old_text, new_text = bench.pair(250, seed=3)
    data = json.loads(old_text)
    result = case.read(data)
    assert (250, ()) == (len(result.framework.ids()), result.ignored)
    assert sorted(i["fullStatement"] for i in data["CFItems"]) == sorted(i.text for i in result.framework.items())
    assert 25 == len([a for a in data["CFAssociations"] if a["associationType"] == "exactMatchOf"])
    assert 25 == len(result.associations)
    changes = diff.compare(result.framework, case.loads(new_text)).summary().by_kind["all"]
    assert changes["reworded"] > 0
    assert changes["added"] > 0


def test_the_state_size_benchmark_measures_each_size_in_its_own_process_when_asked(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """``--fresh``: a child process per size (no other size's data beside it), the same table."""
    spec = importlib.util.spec_from_file_location("_case_state", ROOT / "benchmarks" / "case_state.py")
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    assert 0 == bench.main(["--sizes", "200", "400", "--repeat", "1", "--fresh"])
    out = capsys.readouterr().out
    assert "each size in a process of its own" in out
    rows = [line.split() for line in out.splitlines() if line.strip().startswith(("200", "400"))]
    assert ["200", "400"] == [row[0] for row in rows] and all(row[5].endswith("x") for row in rows)
