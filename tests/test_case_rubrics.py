"""CASE rubrics (issue 12 point 6): a package's ``CFRubrics`` typed (``CaseImport.rubrics``) and exported back,
and the toolkit's single-point rubrics exported as CFRubrics linked to their items."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import attrs

import edcompetencies as ec
from edcompetencies import case, toolkit

from .case_equivalence import differences
from .test_case import check_1p1, validate_1p0
from .test_case_real import _real

COMPEITO = "compeito-opencase-ja-university-case11.json"


def test_the_rubrics_of_a_package_are_typed_and_linked_to_their_items() -> None:
    """The OpenCASE export has 2 rubrics, with 4 and 3 criteria of 4 levels each, each linked to an item."""
    result = case.read(_real(COMPEITO))
    rubrics = result.rubrics
    assert ["プログラミング基礎 評価ルーブリック", "卒業研究 評価ルーブリック"] == [r.title for r in rubrics]
    assert [4, 3] == [len(r.criteria) for r in rubrics]
    first = rubrics[0].criteria[0]
    assert ("コード品質", 0.3, 1) == (first.category, first.weight, first.position)
    assert "10000000-0000-0000-0000-000000000021" == first.cf_item_identifier
    assert first.id is not None
    assert first.id == result.item(first.cf_item_identifier).id
    assert first.id in result.framework
    level = first.levels[0]
    assert ("Excellent", 4.0, None) == (level.quality, level.score, level.position)
    assert "仕様通りの動作を確認できている" == level.feedback
    assert all(len(c.levels) == 4 and c.id is not None for r in rubrics for c in r.criteria)
    assert attrs.has(type(level)) and hash(rubrics[0]) == hash(case.read(_real(COMPEITO)).rubrics[0])


def test_the_rubrics_of_a_package_export_back() -> None:
    raw: dict[str, Any] = json.loads(_real(COMPEITO).read_text(encoding="utf-8"))
    result = case.read(raw)
    exported = case.export(result.framework)
    assert raw["CFRubrics"] == exported["CFRubrics"]
    assert [] == differences(raw, exported, ignored=result.ignored)
    assert result.rubrics == case.read(exported).rubrics


def test_an_export_of_a_selection_leaves_out_the_criteria_of_items_it_no_longer_has() -> None:
    """A criterion names an item of the package: once the item is gone (a selection, an edit), an
    export leaves the criterion out, and a rubric all of whose items are gone; one that names an
    item outside the package stays (see the next test)."""
    fw = case.load(_real(COMPEITO))
    assert 7 == len(fw.metadata["CFRubrics.internal"])
    one = case.export(fw.select(ids=["se.1"]))  # se.1.1 and se.1.2 of the first rubric's four items
    ids = {item["identifier"] for item in one["CFItems"]}
    (rubric,) = one["CFRubrics"]
    assert 2 == len(rubric["CFRubricCriteria"])
    assert all(c["CFItemURI"]["identifier"] in ids for c in rubric["CFRubricCriteria"])
    assert "CFRubrics" not in case.export(fw.select(domains=["cs"]))  # neither rubric names a cs item
    outside = {"identifier": "c9", "CFItemURI": {"identifier": "elsewhere", "title": "E", "uri": "urn:e"}}
    raw = json.loads(_real(COMPEITO).read_text(encoding="utf-8"))
    raw["CFRubrics"][1]["CFRubricCriteria"].append(outside)
    kept = case.export(case.load(raw).select(domains=["cs"]))["CFRubrics"]
    assert [[outside]] == [r["CFRubricCriteria"] for r in kept]


def _one_rubric(*criteria: dict[str, Any]) -> dict[str, Any]:
    """A package of one item ("x") and one CFRubric ("r") holding *criteria*."""
    return {
        "CFDocument": {"identifier": "d", "title": "T"},
        "CFItems": [{"identifier": "x", "fullStatement": "Know things."}],
        "CFRubrics": [{"identifier": "r", "CFRubricCriteria": list(criteria)}],
    }


def test_a_criterion_whose_item_is_not_in_the_package_links_to_no_model_item() -> None:
    package = _one_rubric(
        {"identifier": "c", "CFItemURI": {"identifier": "elsewhere", "title": "E", "uri": "urn:e"}},
        {"identifier": "c2", "weight": "heavy", "CFRubricCriterionLevels": "none"},
    )
    criteria = case.read(package).rubrics[0].criteria
    assert ("elsewhere", None) == (criteria[0].cf_item_identifier, criteria[0].id)
    assert (None, (), None) == (criteria[1].weight, criteria[1].levels, criteria[1].cf_item_identifier)
    assert () == case.read({"CFDocument": {"identifier": "d", "title": "T"}}).rubrics


def test_the_toolkit_rubrics_export_as_cf_rubrics_linked_to_their_indicators() -> None:
    """A CFRubric per competency, a criterion per indicator (the operationalizing cell), three levels each."""
    fw = ec.load(2020)
    package = case.export(fw, rubrics=True)
    validate_1p0(package)
    check_1p1(package)
    rubrics = package["CFRubrics"]
    assert len(list(fw.competencies())) == len(rubrics)
    by_identifier = {i["identifier"]: i["humanCodingScheme"] for i in package["CFItems"]}
    first = toolkit.rubric("2020:intrapersonal.1")
    criteria = rubrics[0]["CFRubricCriteria"]
    assert [row.indicator.id for row in first.rows] == [by_identifier[c["CFItemURI"]["identifier"]] for c in criteria]
    assert [row.operationalizing for row in first.rows] == [c["description"] for c in criteria]
    assert ["Developing", "Operationalizing", "Refining"] == [
        level["quality"] for level in criteria[0]["CFRubricCriterionLevels"]
    ]
    result = case.read(package)
    assert fw == result.framework, "the toolkit's rubrics are the export's own: not kept in metadata"
    assert [row.indicator.id for row in first.rows] == [c.id for c in result.rubrics[0].criteria]
    assert "CFRubrics" not in case.export(fw)


def test_a_competency_without_indicators_gets_one_criterion_linked_to_itself() -> None:
    fw = ec.load(2020)
    domain = fw.domains[0]
    bare = attrs.evolve(domain.competencies[0], indicators=())
    small = attrs.evolve(fw, domains=[attrs.evolve(domain, competencies=[bare])])
    (rubric,) = case.export(small, rubrics=True)["CFRubrics"]
    (criterion,) = rubric["CFRubricCriteria"]
    assert case.identifier(bare) == criterion["CFItemURI"]["identifier"]
    assert bare.statement == criterion["description"]


def test_an_imported_framework_keeps_its_rubrics_beside_the_toolkits() -> None:
    fw = case.load(_real(COMPEITO))
    rubrics = case.export(fw, rubrics=True)["CFRubrics"]
    assert 2 + len(list(fw.competencies())) == len(rubrics)


def test_export_rubrics_from_the_command_line() -> None:
    command = [sys.executable, "-m", "edcompetencies", "export", "2015", "--format", "case", "--rubrics"]
    result = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert 0 == result.returncode, result.stderr
    assert case.dumps(case.export(ec.load(2015), rubrics=True)) == result.stdout
    wrong = subprocess.run(
        [*command[:6], "json", "--rubrics"], capture_output=True, text=True, encoding="utf-8", timeout=120
    )
    assert 2 == wrong.returncode
    assert "--rubrics goes with --format case" in wrong.stderr


def test_a_criterion_whose_link_names_no_text_is_kept_and_names_no_item() -> None:
    """A CFItemURI whose identifier is not text (an array here) is kept as it is, naming no item."""
    package = _one_rubric(
        {"identifier": "c", "CFItemURI": {"identifier": ["odd"]}},
        {"identifier": "c2", "CFItemURI": {"identifier": "x", "title": "X", "uri": "urn:x"}},
    )
    fw = case.load(package)
    assert ["x"] == fw.metadata["CFRubrics.internal"]
    assert package["CFRubrics"] == case.export(fw)["CFRubrics"]
