"""Open Badges 3.0 / CLR 2.0 alignments, and the drift check that reads them back."""

from __future__ import annotations

import json
import re

import pytest

import edcompetencies as ec
from edcompetencies import case, credentials, migrate
from edcompetencies.errors import ArgumentTypeError, EdCompetenciesError, FrameworkFormatError

# OB 3.0, Alignment: type (contains "Alignment"), targetName and targetUrl are required; targetType is
# one of the spec's values or an "ext:" extension.
TARGET_TYPES = {"ceasn:Competency", "ceterms:Credential", "CFItem", "CFRubric", "CFRubricCriterion",
                "CFRubricCriterionLevel", "CTDL"}  # fmt: skip
URI = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:\S+")


def _valid(a: dict[str, object]) -> None:
    assert isinstance(a["type"], list) and "Alignment" in a["type"]
    assert isinstance(a["targetName"], str) and a["targetName"]
    assert isinstance(a["targetUrl"], str) and URI.fullmatch(a["targetUrl"])
    assert a["targetType"] in TARGET_TYPES
    assert {
        "type",
        "targetName",
        "targetUrl",
        "targetCode",
        "targetDescription",
        "targetFramework",
        "targetType",
    } >= set(a)
    json.dumps(a)


@pytest.mark.parametrize("edition", [2015, 2020])
def test_every_item_has_a_valid_alignment_that_migrate_reads_back(edition: int) -> None:
    fw = ec.load(edition)
    found = [credentials.alignment(item, base_uri="https://case.example.org/uri/") for item in fw.items()]
    for a in found:
        _valid(a)
    back = migrate.alignments(found, to=2020)
    assert [item.id for item in fw.items()] == [m.source for m in back]
    assert (edition == 2015) == all(m.replaced for m in back)


def test_the_alignment_points_at_our_case_export() -> None:
    a = credentials.alignment(ec.load(2020)["cognitive.3.c.ii"])
    identifier = case.identifier("2020:cognitive.3.c.ii")
    assert f"urn:uuid:{identifier}" == a["targetUrl"]
    exported = {item["identifier"] for item in case.export(ec.load(2020))["CFItems"]}
    assert identifier in exported
    assert ("Cognitive 3.c.ii", "2020:cognitive.3.c.ii") == (a["targetName"], a["targetCode"])
    assert (
        ec.load(2020).title == a["targetFramework"] and ec.load(2020)["cognitive.3.c.ii"].text == a["targetDescription"]
    )


def test_an_alignment_is_read_by_its_url_when_its_code_is_foreign() -> None:
    a = credentials.alignment("2015:cognitive.1.3", base_uri="https://case.example.org/uri/")
    a["targetCode"] = "CS-1.3 (our catalogue)"
    [m] = migrate.alignments({"achievement": {"alignment": [a]}})
    assert ("2015:cognitive.1.3", ("2020:cognitive.1.c",), True) == (m.source, m.targets, m.replaced)
    assert "$.achievement.alignment[0]" == m.input


def test_unknown_and_malformed_alignments() -> None:
    [m] = migrate.alignments([{"type": ["Alignment"], "targetName": "Other", "targetUrl": "https://x.org/1"}])
    assert "unknown" == m.relation and m.needs_review and not m.replaced
    assert [] == list(migrate.alignments({"no": "alignments"}))
    with pytest.raises(FrameworkFormatError):
        migrate.alignments("{not json")
    deep: object = {"type": "x"}
    for _ in range(100):
        deep = {"a": deep}
    with pytest.raises(FrameworkFormatError, match="nested too deeply"):
        migrate.alignments(deep)


@pytest.mark.parametrize("bad", [3, None, "cognitive.1", "2020:nothing.9"])
def test_wrong_items_are_the_library_s_errors(bad: object) -> None:
    with pytest.raises(EdCompetenciesError):
        credentials.alignment(bad)  # type: ignore[arg-type]
    with pytest.raises(ArgumentTypeError):
        credentials.alignment("2020:cognitive.1", base_uri=3)  # type: ignore[arg-type]


def test_label() -> None:
    assert ["Cognitive", "Cognitive 3", "Cognitive 3.c", "Cognitive 3.c.ii"] == [
        credentials.label(ec.load(2020)[i]) for i in ("cognitive", "cognitive.3", "cognitive.3.c", "cognitive.3.c.ii")
    ]
