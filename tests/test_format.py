"""The JSON format: round trips, and clear errors for every kind of bad input."""

from __future__ import annotations

import contextlib
import copy
import json
import re
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import edcompetencies as ec
from edcompetencies._format import from_data, to_data

from .strategies import (
    FORBIDDEN_CHARACTERS,
    HUGE_INTEGER_LITERAL,
    frameworks,
    hostile_json_values,
    hostile_strings,
    json_values,
)


@pytest.fixture
def data() -> dict[str, Any]:
    return to_data(ec.load(2020))


def fails(data: object, match: str) -> ec.FrameworkFormatError:
    with pytest.raises(ec.FrameworkFormatError, match=re.escape(match)) as info:
        ec.loads(json.dumps(data), source="custom.json")
    assert str(info.value).startswith("custom.json: ")
    return info.value


@given(frameworks())
def test_round_trip_generated(fw: ec.Framework) -> None:
    assert ec.loads(ec.dumps(fw)) == fw
    assert ec.loads(ec.dumps(fw, indent=None).encode("utf-8")) == fw


@pytest.mark.parametrize("edition", [2015, 2020])
def test_round_trip_packaged(edition: int) -> None:
    fw = ec.load(edition)
    assert ec.loads(ec.dumps(fw)) == fw


def test_ids_are_optional_on_input(data: dict[str, Any]) -> None:
    """A hand-written framework need not spell out IDs: they follow from the labels."""
    stripped = copy.deepcopy(data)
    for d in stripped["domains"]:
        del d["id"]
        for c in d["competencies"]:
            del c["id"]
            for i in c["indicators"]:
                del i["id"]
                for s in i["children"]:
                    del s["id"]
    assert ec.loads(json.dumps(stripped)) == ec.load(2020)


def test_minimal_custom_framework() -> None:
    text = json.dumps(
        {
            "edition": "district-2024",
            "title": "Our competencies",
            "domains": [
                {
                    "key": "cognitive",
                    "name": "Cognitive",
                    "competencies": [
                        {"number": 1, "statement": "Know things.", "indicators": [{"label": "a", "text": "A."}]}
                    ],
                }
            ],
        }
    )
    fw = ec.loads(text)
    assert fw["cognitive.1.a"].id == "district-2024:cognitive.1.a"
    assert fw.notes == () and fw.publishers == ()


def test_malformed_json() -> None:
    with pytest.raises(ec.FrameworkFormatError, match=r"line 1 column \d+") as info:
        ec.loads('{"edition": 2020,', source="broken.json")
    assert info.value.source == "broken.json"
    with pytest.raises(ec.FrameworkFormatError, match="not UTF-8"):
        ec.loads(b"\xff\xfe{}")
    with pytest.raises(ec.FrameworkFormatError, match="expected JSON text"):
        ec.loads(None)  # type: ignore[arg-type]
    with pytest.raises(ec.FrameworkFormatError, match="nested too deeply"):
        ec.loads("[" * 100_000 + "]" * 100_000)


def test_duplicate_json_key() -> None:
    with pytest.raises(ec.FrameworkFormatError, match="repeats the key 'title'"):
        ec.loads('{"edition": 1, "title": "a", "title": "b", "domains": []}')


def test_top_level_not_an_object() -> None:
    error = fails([1, 2], "expected an object, found an array")
    assert error.path == "$"


def test_unknown_key(data: dict[str, Any]) -> None:
    data["domains"][1]["competencies"][0]["stamement"] = "typo"
    error = fails(data, "unknown key 'stamement'")
    assert error.path == "$.domains[1].competencies[0].stamement"
    assert error.item == "2020:interpersonal.1"


def test_missing_key(data: dict[str, Any]) -> None:
    del data["domains"][0]["competencies"][2]["indicators"][1]["text"]
    error = fails(data, "missing required key 'text'")
    assert error.path == "$.domains[0].competencies[2].indicators[1]"
    assert error.item == "2020:intrapersonal.3.b"


@pytest.mark.parametrize(
    ("mutate", "path", "message"),
    [
        (lambda d: d.update(edition=True), "$.edition", "expected an integer or a string, found a boolean"),
        (lambda d: d.update(edition="a:b"), "$.edition", "no ':' or spaces"),
        (lambda d: d.update(edition=-3), "$.edition", "must not be negative"),
        (lambda d: d.update(title=7), "$.title", "expected a string, found an integer"),
        (lambda d: d.update(title="   "), "$.title", "empty text"),
        (lambda d: d.update(year="2020"), "$.year", "expected an integer or null, found a string"),
        (lambda d: d.update(domains={}), "$.domains", "expected an array, found an object"),
        (lambda d: d["domains"][0].update(key="Intra Personal"), "$.domains[0].key", "a domain key is"),
        (
            lambda d: d["domains"][2]["competencies"][0].update(number=1.5),
            "$.domains[2].competencies[0].number",
            "expected an integer, found a number",
        ),
        (
            lambda d: d["domains"][2]["competencies"][0].update(number=0),
            "$.domains[2].competencies[0].number",
            "1 or more",
        ),
        (
            lambda d: d["domains"][2]["competencies"][0].update(themes=["XX"]),
            "$.domains[2].competencies[0].themes[0]",
            "unknown theme 'XX'",
        ),
        (
            lambda d: d["domains"][2]["competencies"][0].update(themes=["FC", "FC"]),
            "$.domains[2].competencies[0].themes",
            "listed twice",
        ),
        (
            lambda d: d["domains"][2]["competencies"][0]["indicators"][0].update(themes=["FC"]),
            "$.domains[2].competencies[0].indicators[0].themes",
            "FC (Foundational Competency) tags competencies only",
        ),
        (
            lambda d: d["domains"][2]["competencies"][0]["indicators"][0].update(label="a.b"),
            "$.domains[2].competencies[0].indicators[0].label",
            "letters or digits",
        ),
        (
            lambda d: d["domains"][2]["competencies"][0]["indicators"][0].update(id="2020:cognitive.1.z"),
            "$.domains[2].competencies[0].indicators[0].id",
            "does not match the item's place",
        ),
        (lambda d: d.update(format="something/else"), "$.format", "expected 'edcompetencies/edition'"),
        (lambda d: d.update(format_version=2), "$.format_version", "not supported"),
        (lambda d: d["notes"][0].update(kind="rumour"), "$.notes[0].kind", "expected one of missing"),
        (
            lambda d: d["notes"][0].update(items=["2020:cognitive.99"]),
            "$.notes[0].items[0]",
            "not an item of this framework",
        ),
        (
            lambda d: d["notes"].append(dict(d["notes"][0])),
            f"$.notes[{len(ec.load(2020).notes)}].id",
            "duplicate note ID",
        ),
    ],
)
def test_bad_values_name_their_path(data: dict[str, Any], mutate: Any, path: str, message: str) -> None:
    mutate(data)
    error = fails(data, message)
    assert error.path == path


def test_duplicate_ids(data: dict[str, Any]) -> None:
    indicators = data["domains"][2]["competencies"][0]["indicators"]
    indicators[1]["label"] = "a"
    indicators[1]["id"] = "2020:cognitive.1.a"
    error = fails(data, "duplicate ID '2020:cognitive.1.a'")
    assert error.item == "2020:cognitive.1.a"
    assert "first at $.domains[2].competencies[0].indicators[0]" in str(error)


def test_duplicate_domain(data: dict[str, Any]) -> None:
    data["domains"].append(copy.deepcopy(data["domains"][0]))
    fails(data, "duplicate ID '2020:intrapersonal'")


def test_dumps_rejects_non_framework() -> None:
    with pytest.raises(TypeError, match="must be a Framework"):
        ec.dumps({"edition": 2020})  # type: ignore[arg-type]


@given(json_values)
def test_arbitrary_json_only_raises_the_documented_error(value: object) -> None:
    with contextlib.suppress(ec.FrameworkFormatError):
        ec.loads(json.dumps(value))


@given(st.text(max_size=60))
def test_arbitrary_text_only_raises_the_documented_error(text: str) -> None:
    with contextlib.suppress(ec.FrameworkFormatError):
        ec.loads(text)


@given(st.data())
def test_corrupting_a_valid_file_only_raises_the_documented_error(draw: st.DataObject) -> None:
    """Replace one random value deep inside a real edition with random JSON."""
    data = to_data(ec.load(2015))
    node: Any = data
    while True:
        keys = list(node.keys()) if isinstance(node, dict) else list(range(len(node)))
        if not keys:
            break
        key = draw.draw(st.sampled_from(keys))
        child = node[key]
        if not isinstance(child, (dict, list)) or draw.draw(st.booleans()):
            node[key] = draw.draw(json_values)
            break
        node = child
    try:
        fw = from_data(data)
    except ec.FrameworkFormatError:
        return
    assert isinstance(fw, ec.Framework)


# --------------------------------------------------------------------------- hostile input (issue 11)


def _minimal(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "edition": "x",
        "title": "T",
        "domains": [
            {
                "key": "cog",
                "name": "Cognitive",
                "competencies": [{"number": 1, "statement": "S.", "indicators": [{"label": "a", "text": "A."}]}],
            }
        ],
    }
    data.update(changes)
    return data


class _CountingStr(str):
    """A string that counts how often it is compared, to show a check is not quadratic."""

    comparisons = 0

    def __eq__(self, other: object) -> bool:
        _CountingStr.comparisons += 1
        return str.__eq__(self, other)

    __hash__ = str.__hash__


def test_duplicate_note_check_is_not_quadratic() -> None:
    """Issue 11 item 2: 100k notes took 122 s (each note ID compared with every earlier one)."""
    n = 3000
    notes = [{"id": _CountingStr(f"n{k}"), "kind": "editorial", "items": ["x"], "text": "t"} for k in range(n)]
    _CountingStr.comparisons = 0
    fw = from_data(_minimal(notes=notes))
    assert n == len(fw.notes)
    assert _CountingStr.comparisons <= 2 * n
    notes.append({"id": "n7", "kind": "editorial", "items": ["x"], "text": "t"})
    with pytest.raises(ec.FrameworkFormatError, match="duplicate note ID 'n7'") as info:
        from_data(_minimal(notes=notes))
    assert f"$.notes[{n}].id" == info.value.path


@pytest.mark.parametrize(
    ("mutate", "path", "item", "message"),
    [
        (lambda d: d["domains"][0].update(key="cog\n"), "$.domains[0].key", None, "a domain key is"),
        (
            lambda d: d["domains"][0]["competencies"][0]["indicators"][0].update(label="9" * 5000),
            "$.domains[0].competencies[0].indicators[0].label",
            "x:cog.1",
            "a label is 1 to 32 ASCII letters or digits",
        ),
        (
            lambda d: d["domains"][0]["competencies"][0]["indicators"][0].update(label="²"),
            "$.domains[0].competencies[0].indicators[0].label",
            "x:cog.1",
            "a label is",
        ),
        (
            lambda d: d["domains"][0]["competencies"][0].update(number=10**9),
            "$.domains[0].competencies[0].number",
            "x:cog",
            "at most 9 digits",
        ),
        (lambda d: d.update(edition="2020\n"), "$.edition", None, "an edition name must be"),
        (lambda d: d.update(year=-(10**12)), "$.year", None, "at most 9 digits"),
        (
            lambda d: d.update(notes=[{"id": "n\n", "kind": "editorial", "items": ["x"], "text": "t"}]),
            "$.notes[0].id",
            None,
            "a note ID",
        ),
    ],
)
def test_ids_labels_and_numbers_follow_the_shared_rules(mutate: Any, path: str, item: str | None, message: str) -> None:
    """Issue 11 items 4 and 9: whole-string patterns, ASCII digits only, labels and numbers capped."""
    data = _minimal()
    mutate(data)
    error = fails(data, message)
    assert (path, item) == (error.path, error.item)


def test_a_huge_json_integer_is_a_format_error_with_its_place() -> None:
    """Issue 11 item 4: json.loads raises a bare ValueError past 4,300 digits."""
    text = json.dumps(_minimal()).replace('"number": 1', f'"number": {HUGE_INTEGER_LITERAL}')
    with pytest.raises(ec.FrameworkFormatError, match="an integer of 5000 digits") as info:
        ec.loads(text, source="huge.json")
    assert ("$.domains[0].competencies[0].number", "x:cog") == (info.value.path, info.value.item)
    with pytest.raises(ec.FrameworkFormatError, match="expected a string, found an integer of 5000 digits"):
        ec.loads(json.dumps(_minimal()).replace('"T"', HUGE_INTEGER_LITERAL))


@pytest.mark.parametrize("char", FORBIDDEN_CHARACTERS)
def test_text_with_a_forbidden_character_is_refused(char: str) -> None:
    """Issue 11 items 7-8: ESC, BEL, CR, NUL, C1, bidi overrides and lone surrogates, in every text field."""
    data = _minimal()
    data["domains"][0]["competencies"][0]["indicators"][0]["text"] = f"A {char}B"
    error = fails(data, "not text: it holds")
    assert "$.domains[0].competencies[0].indicators[0].text" == error.path
    assert "x:cog.1.a" == error.item
    data = _minimal(publishers=["ok", f"P{char}"])
    assert "$.publishers[1]" == fails(data, "not text").path


def test_a_lone_surrogate_never_reaches_the_model() -> None:
    """Once read, every UTF-8 output failed (ec.dumps(fw).encode())."""
    text = json.dumps(_minimal(title="T \ud800"))  # json.dumps writes the escape "\\ud800"
    with pytest.raises(ec.FrameworkFormatError, match="lone surrogate U\\+D800") as info:
        ec.loads(text)
    assert "$.title" == info.value.path


def test_duplicate_keys_name_the_object_holding_them() -> None:
    """Issue 11 item 14: a file with 600 `text` keys said only `$`."""
    data = _minimal()
    text = json.dumps(data).replace('"text": "A."', ", ".join(['"text": "A."'] * 600))
    with pytest.raises(ec.FrameworkFormatError, match="repeats the key 'text'") as info:
        ec.loads(text, source="dup.json")
    assert "$.domains[0].competencies[0].indicators[0]" == info.value.path
    assert str(info.value).startswith("dup.json: $.domains[0]")


def test_nesting_too_deep_has_a_location() -> None:
    with pytest.raises(ec.FrameworkFormatError, match=r"nested too deeply .*line 1 column 101"):
        ec.loads("[" * 100_000 + "]" * 100_000)
    data = _minimal()
    node = data["domains"][0]["competencies"][0]["indicators"][0]
    for _ in range(60):
        node["children"] = [{"label": "a", "text": "A."}]
        node = node["children"][0]
    with pytest.raises(ec.FrameworkFormatError, match="nested too deeply") as info:
        ec.loads(json.dumps(data))
    assert info.value.path.startswith("$.domains[0].competencies[0].indicators[0].children[0].children[0]")
    for _ in range(400):  # deeper than the converter can recurse, not too deep for json.loads
        node["children"] = [{"label": "a", "text": "A."}]
        node = node["children"][0]
    with pytest.raises(ec.FrameworkFormatError, match="nested too deeply") as info:
        ec.loads(json.dumps(data))
    assert info.value.path.startswith("$.domains[0].competencies[0].indicators[0].children[0].children[0]")
    assert info.value.path.count("children") < 100


def test_metadata_nested_too_deep_is_a_format_error_with_its_place() -> None:
    """Metadata is any JSON: 500 levels of it parse, and were copied into the model by recursion
    (a bare RecursionError); more than MAX_DEPTH levels are refused where they go too deep."""
    data = _minimal()
    data["domains"][0]["metadata"] = {"deep": json.loads("[" * 500 + "]" * 500)}
    with pytest.raises(
        ec.FrameworkFormatError, match=r"metadata is nested too deeply \(more than 100 levels\)"
    ) as info:
        ec.loads(json.dumps(data))
    assert '$.domains[0].metadata["deep"]' + "[0]" * 100 == info.value.path
    assert "x:cog" == info.value.item
    data["domains"][0]["metadata"] = {"deep": json.loads("[" * 100 + "]" * 100)}
    assert 1 == len(ec.loads(json.dumps(data)).domains[0].metadata)


@pytest.mark.parametrize("bom", [b"\xef\xbb\xbf", "\ufeff"])
def test_a_byte_order_mark_is_accepted(bom: bytes | str) -> None:
    """Issue 11 item 14: case.loads accepted a BOM, ec.loads refused it with Python's hint."""
    text = ec.dumps(ec.load(2015))
    document = bom + text.encode("utf-8") if isinstance(bom, bytes) else bom + text
    assert ec.load(2015) == ec.loads(document)


@given(st.data())
def test_hostile_values_in_a_valid_file_only_raise_the_documented_error(draw: st.DataObject) -> None:
    """Replace one value (or add one key) deep inside a real edition with a hostile one."""
    data = to_data(ec.load(2020))
    node: Any = data
    while True:
        keys = list(node.keys()) if isinstance(node, dict) else list(range(len(node)))
        if not keys:
            break
        key = draw.draw(st.sampled_from(keys))
        child = node[key]
        if not isinstance(child, (dict, list)) or draw.draw(st.booleans()):
            if isinstance(node, dict) and draw.draw(st.booleans()):
                key = draw.draw(hostile_strings)
            node[key] = draw.draw(hostile_json_values)
            break
        node = child
    try:
        fw = ec.loads(json.dumps(data))
    except ec.FrameworkFormatError as error:
        str(error).encode("utf-8", "backslashreplace")
        return
    ec.dumps(fw).encode("utf-8")  # whatever is accepted can be written back


@given(hostile_json_values)
def test_hostile_json_only_raises_the_documented_error(value: object) -> None:
    with contextlib.suppress(ec.FrameworkFormatError):
        ec.loads(json.dumps(value))


@given(hostile_json_values)
def test_from_data_on_arbitrary_values_raises_only_the_documented_error(value: object) -> None:
    """`from_data` takes decoded data (tools/transcribe_editions.py uses it): the same errors as `ec.loads`."""
    with contextlib.suppress(ec.FrameworkFormatError):
        from_data(value)
    with contextlib.suppress(ec.FrameworkFormatError):
        from_data({1: value, "edition": value, (2, 3): None})


def test_an_error_deep_down_is_reported_without_recursion() -> None:
    """The error tree is as deep as the data: reading it must not overflow the stack either."""
    data = _minimal()
    node = data["domains"][0]["competencies"][0]["indicators"][0]
    for _ in range(300):
        node["children"] = [{"label": "a", "text": "A."}]
        node = node["children"][0]
    node["text"] = 5
    with pytest.raises(ec.FrameworkFormatError, match=r"nested too deeply|expected a string") as info:
        ec.loads(json.dumps(data))
    assert info.value.path.startswith("$.domains[0].competencies[0].indicators[0].children[0]")
