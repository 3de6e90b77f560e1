"""Lossless round trips (issue 12 point 2): ``case.export(case.load(x))`` is a package equivalent to x.

Equivalence is :mod:`tests.case_equivalence`'s rule (docs/case.md, "Round trips"): the same CFDocument
fields, the same items, associations, definitions and rubrics by identifier, field by field. The real
packages of ``../shared/reference/case/real/`` are the test bed (they must be there in CI).
"""

from __future__ import annotations

import copy
import json
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import edcompetencies as ec
from edcompetencies import case
from edcompetencies.case._mapping import derive_indicator
from edcompetencies.errors import CaseFormatError

from .case_equivalence import differences, round_trip
from .strategies import case_texts, frameworks
from .test_case import validate_1p0
from .test_case_real import BEFORE, REAL, _real

MESSY = [
    "messy/sbac-math-content-specification-dup-association.json",
    "messy/sbac-ela-g3-claim1-target1-dup-item-id.json",
]


def _package(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(_real(name).read_text(encoding="utf-8"))
    return data


@pytest.mark.parametrize("name", sorted(BEFORE))
def test_a_real_package_exports_back_equivalent(name: str) -> None:
    original = _package(name)
    exported, found = round_trip(original)
    assert [] == found
    assert exported == case.export(case.load(exported)), "an export of an export is the same package"


@pytest.mark.parametrize("name", sorted(BEFORE))
def test_the_json_format_keeps_what_an_import_holds(name: str) -> None:
    """``ec.dumps`` / ``ec.loads`` of an imported framework keep its codes and metadata, so the export is the same."""
    fw = case.load(_real(name))
    again = ec.loads(ec.dumps(fw))
    assert fw == again
    assert case.export(fw) == case.export(again)


@pytest.mark.parametrize("name", MESSY)
def test_a_messy_package_that_loads_exports_back_equivalent(name: str) -> None:
    original = _package(name)
    try:
        case.read(original)
    except CaseFormatError:  # two different items with one identifier: refused, as it should be
        return
    assert [] == round_trip(original)[1]


def test_the_sbac_performance_task_keeps_every_identifier_and_association() -> None:
    """The issue's figures: 0/164 identifiers reused and 240 -> 164 associations before; all of them now."""
    original = _package("sbac-ela-g5-pt-informational.json")
    exported = case.export(case.load(original))
    identifiers = {i["identifier"] for i in original["CFItems"]}
    assert (164, 164) == (len(identifiers), len(identifiers & {i["identifier"] for i in exported["CFItems"]}))
    associations = {a["identifier"] for a in original["CFAssociations"]}
    assert (240, 240) == (len(associations), len({a["identifier"] for a in exported["CFAssociations"]}))
    by_id = {i["identifier"]: i for i in exported["CFItems"]}
    first = original["CFItems"][0]
    assert "Clarification" == by_id[first["identifier"]]["CFItemType"]
    assert first["educationLevel"] == by_id[first["identifier"]]["educationLevel"]


def test_creator_and_publisher_stay_apart_and_codes_are_the_publishers() -> None:
    original = _package("compeito-opencase-ja-university-case11.json")
    fw = case.load(original)
    exported = case.export(fw)
    assert ("池之端大学 教務委員会", "池之端大学") == (
        exported["CFDocument"]["creator"],
        exported["CFDocument"]["publisher"],
    )
    assert "CS" == fw.domains[0].code == fw["CS"].code
    assert "CS" in {i["humanCodingScheme"] for i in exported["CFItems"]}
    assert "ja" == fw.metadata["language"] == fw.domains[0].metadata["language"]


def test_a_package_this_library_wrote_reads_back_with_empty_metadata() -> None:
    for edition in (2015, 2020):
        fw = ec.load(edition)
        for package in (case.export(fw), case.export(fw, lineage=True)):
            back = case.load(package)
            assert back == fw
            assert not back.metadata
            assert not any(back[i].metadata or back[i].code for i in back.ids())


def test_associations_of_removed_items_are_left_out() -> None:
    """A user removes a domain: its items' associations are not written (no dangling reference into the document)."""
    original = _package("sbac-ela-g5-pt-informational.json")
    fw = case.load(original)
    kept = attrs.evolve(fw, domains=fw.domains[1:])
    exported = case.export(kept)
    written = {i["identifier"] for i in exported["CFItems"]} | {exported["CFDocument"]["identifier"]}
    internal = {i["identifier"] for i in original["CFItems"]}
    for association in exported["CFAssociations"]:
        for end in (association["originNodeURI"], association["destinationNodeURI"]):
            assert end["identifier"] in written or end["identifier"] not in internal
    assert len(exported["CFAssociations"]) < len(original["CFAssociations"])
    assert len(exported["CFItems"]) == len(list(kept.ids()))


def test_an_edited_statement_is_exported_as_edited() -> None:
    fw = case.load(_real("opensalt-fixture-markdown-2019.json"))
    domain = fw.domains[0]
    edited = attrs.evolve(fw, domains=[attrs.evolve(domain, name="A new statement.", description=None)])
    item = next(i for i in case.export(edited)["CFItems"] if i["identifier"] == domain.metadata["identifier"])
    assert "A new statement." == item["fullStatement"]


def test_an_export_of_an_import_is_still_valid_case() -> None:
    """Where the package read was valid CASE 1.0, so is its export (the OpenSALT 2019 fixture)."""
    original = _package("opensalt-fixture-markdown-2019.json")
    validate_1p0(case.export(case.load(original)))


def test_the_folder_is_the_one_the_real_tests_read() -> None:
    assert REAL == _real("README.md").parent


# --------------------------------------------------------------------------- generated packages


def _foreign(package: dict[str, Any], seed: int) -> dict[str, Any]:
    """An export rewritten as another tool would write it: new identifiers, own types, levels, no extension."""
    out = copy.deepcopy(package)
    text = json.dumps(out)
    generator = uuid.UUID(int=seed)
    for n, item in enumerate(out["CFItems"]):
        text = text.replace(item["identifier"], str(uuid.uuid5(generator, str(n))))
    out = json.loads(text)
    out["CFDocument"].pop("extensions", None)
    out["CFDocument"]["publisher"] = "Another Publisher"
    for n, item in enumerate(out["CFItems"]):
        item.pop("extensions", None)
        item["CFItemType"] = f"Type {n % 3}"
        item.pop("CFItemTypeURI", None)
        item["educationLevel"] = ["09", "10"][: n % 3]
        if n % 2:
            item["humanCodingScheme"] = f"X.{n}"
    for association in out["CFAssociations"]:
        if association["sequenceNumber"] % 2:
            del association["sequenceNumber"]
    return out


@given(frameworks(text=case_texts))
def test_a_generated_framework_exports_stably(fw: ec.Framework) -> None:
    """framework -> export -> read -> export gives the same package."""
    exported = case.export(fw)
    assert exported == case.export(case.load(exported))


@given(frameworks(text=case_texts, max_domains=3), st.integers(min_value=0, max_value=2**64))
def test_a_generated_foreign_package_exports_back_equivalent(fw: ec.Framework, seed: int) -> None:
    original = _foreign(case.export(fw), seed)
    result = case.read(original)
    exported = case.export(result.framework)
    assert [] == differences(original, exported, ignored=result.ignored)
    assert exported == case.export(case.load(exported))
    assert result.framework == ec.loads(ec.dumps(result.framework))


@given(frameworks(text=case_texts, max_domains=3), st.integers(min_value=0, max_value=2**64))
def test_a_generated_package_reads_alike_from_text_and_from_a_mapping(fw: ec.Framework, seed: int) -> None:
    """The shortcut for clean JSON text the reader decoded itself (see ``Reader.decode``) gives what
    the general path, which checks every text of a decoded mapping, gives: the same framework, rows
    and ignored entries."""
    for package in (case.export(fw), _foreign(case.export(fw), seed)):
        text = json.dumps(package, ensure_ascii=False)
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder, "package.json")
            path.write_text(text, encoding="utf-8")
            fast = case.read(path)
        general = case.read(json.loads(text))
        assert case.loads(text) == fast.framework == general.framework
        assert (fast.items, fast.associations, fast.ignored) == (general.items, general.associations, general.ignored)


def test_the_reader_gives_an_indicator_its_fields_in_the_model_order() -> None:
    """The reader makes each Indicator by position (a dict of keywords per item cost a hundredth of a
    read): the model's field order and the fields the mapping derives are what that call assumes."""
    assert [f.name for f in attrs.fields(ec.Indicator)] == [
        "id", "label", "text", "themes", "children", "code", "metadata"
    ]  # fmt: skip
    assert set(derive_indicator(full="A.", themes=frozenset())) == {"text", "themes"}
    original = ec.load(2020)
    loaded = case.loads(json.dumps(case.export(original)))
    pairs = [(loaded[i.id], i) for i in original.indicators()]
    assert pairs and all(
        (got.label, got.text, got.themes, got.children, got.code) == (i.label, i.text, i.themes, i.children, i.code)
        for got, i in pairs
    )


def test_a_package_without_domains_exports_back_without_the_domain_the_reader_made() -> None:
    """Top items typed as competencies go into a domain 'main' that the package does not have: not exported."""

    def edge(identifier: str, origin: str, destination: str) -> dict[str, Any]:
        return {
            "identifier": identifier,
            "associationType": "isChildOf",
            "originNodeURI": {"identifier": origin, "title": origin, "uri": f"urn:x:{origin}"},
            "destinationNodeURI": {"identifier": destination, "title": destination, "uri": f"urn:x:{destination}"},
        }

    original = {
        "CFDocument": {"identifier": "d", "title": "T", "version": "1"},
        "CFItems": [
            {"identifier": "a", "fullStatement": "A.", "CFItemType": "Competency"},
            {"identifier": "b", "fullStatement": "B.", "CFItemType": "Indicator", "notes": "a note"},
        ],
        "CFAssociations": [
            edge("e1", "a", "d"),
            edge("e2", "b", "a"),
            {**edge("e3", "b", "elsewhere"), "associationType": "isRelatedTo"},
        ],
    }
    exported, found = round_trip(original)
    assert [] == found
    assert ["a", "b"] == [i["identifier"] for i in exported["CFItems"]]
    assert "1:main" == case.load(original).domains[0].id


def test_a_code_given_after_the_read_is_exported() -> None:
    """The OpenSALT smart-level fixture has no codes (kept as "none" in metadata); a code set later is written."""
    fw = case.load(_real("opensalt-fixture-smartlevel.json"))
    domain = fw.domains[0]
    assert domain.code is None and domain.metadata["humanCodingScheme"] is None
    coded = attrs.evolve(fw, domains=[attrs.evolve(domain, code="NEW.1"), *fw.domains[1:]])
    written = {i["identifier"]: i for i in case.export(coded)["CFItems"]}
    assert "NEW.1" == written[domain.metadata["identifier"]]["humanCodingScheme"]
    assert "humanCodingScheme" not in written[fw.domains[0].competencies[0].metadata["identifier"]]


def test_a_kept_version_that_names_no_edition_still_gives_the_edition_back() -> None:
    """Found by Hypothesis: a CFDocument whose version is '' (and whose lastChangeDateTime is unreadable)
    reads as the edition 'case'; its export kept the version '' and read back as 1970."""
    data = {"CFDocument": {"identifier": "doc", "title": "T", "version": "", "lastChangeDateTime": "\x00"}}
    fw = case.read(data).framework
    assert "case" == fw.edition
    assert fw == case.loads(case.dumps(case.export(fw)))


def test_an_item_typed_only_by_its_link_exports_the_link_back() -> None:
    """An item with a CFItemTypeURI and no CFItemType (its type read from the link's definition)
    kept the link in its metadata, and the export dropped it as if the item had no type."""
    original = _package("sbac-ela-g3-claim1-target1.json")
    item = original["CFItems"][4]
    del item["CFItemType"]
    exported, found = round_trip(original)
    assert [] == found
    written = next(i for i in exported["CFItems"] if i["identifier"] == item["identifier"])
    assert written["CFItemTypeURI"] == item["CFItemTypeURI"] and "CFItemType" not in written


@pytest.mark.parametrize(
    ("definitions", "message"),
    [
        ("\u2028", "$.CFDefinitions: expected an object, found a string; not read"),
        ({"CFItemTypes": 3, "CFConcepts": []}, "$.CFDefinitions.CFItemTypes: expected an array, found an integer"),
    ],
)
def test_definitions_that_cannot_be_read_travel_back_as_they_were(definitions: object, message: str) -> None:
    original = _package("opensalt-fixture-utf8.json")
    original["CFDefinitions"] = definitions
    result = case.read(original)
    assert any(str(entry).startswith(message) for entry in result.ignored)
    exported = case.export(result.framework)
    written = exported["CFDefinitions"]
    kept = {kind: written[kind] for kind in definitions} if isinstance(definitions, dict) else written
    assert kept == definitions
    assert case.load(exported) == result.framework


# The small real packages, each as read once (a mutated copy of one is drawn below).
SMALL = [name for name in sorted(BEFORE) if (REAL / name).is_file() and (REAL / name).stat().st_size < 120_000]
_ODD_VALUES = st.sampled_from(
    [
        *(None, "", " ", "x", "\u2028", "urn:uuid:x", "isChildOf", 0, -1, 1.5, 10**30, True, [], {}, ["a"]),
        *({"a": 1}, {"identifier": "x"}, {"identifier": None}, {"identifier": "x", "uri": 1, "title": 0}),
    ]
)


def _places(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """The path of every value inside *value* (a key's or an index's), depth first."""
    if path:
        yield path
    children = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for step, child in children:
        yield from _places(child, (*path, step))


_GONE = object()


def _inside(value: Any, step: Any) -> Any:
    """The value at *step* (a key or an index) inside *value*, or _GONE where there is none."""
    if isinstance(value, dict):
        return value.get(step, _GONE)
    if isinstance(value, list) and isinstance(step, int) and step < len(value):
        return value[step]
    return _GONE


@given(st.data())
def test_a_real_package_with_odd_values_put_in_reads_and_exports_back_alike(data: st.DataObject) -> None:
    """A real package with a few values replaced or removed anywhere (what another tool's bug or a
    hand edit gives) is refused with a CaseFormatError or read; then its export reads back as the
    same framework, and exports as the same package (what found the two defects above)."""
    if not SMALL:
        _real("opensalt-fixture-utf8.json")  # fails in CI, skips elsewhere
    package = copy.deepcopy(_package(data.draw(st.sampled_from(SMALL), label="package")))
    places = list(_places(package))
    for _ in range(data.draw(st.integers(1, 4), label="changes")):
        where = data.draw(st.sampled_from(places), label="where")
        parent: Any = package
        for step in where[:-1]:  # an earlier change may have put another value on the way
            parent = _inside(parent, step)
        last = where[-1]
        if isinstance(parent, dict) and data.draw(st.booleans(), label="remove"):
            parent.pop(last, None)
        elif isinstance(parent, dict) or _inside(parent, last) is not _GONE:
            parent[last] = copy.deepcopy(data.draw(_ODD_VALUES, label="value"))
    try:
        fw = case.read(package).framework
    except CaseFormatError:
        return
    exported = case.export(fw)
    again = case.loads(json.dumps(exported))
    assert again == fw
    assert case.export(again) == exported
