"""The curated 2015 -> 2020 lineage: complete, every reference resolves, consistent multiplicities."""

from __future__ import annotations

import contextlib
import copy
import json
from collections import Counter
from importlib import resources
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import edcompetencies as ec
from edcompetencies.diff import normalise_words
from edcompetencies.errors import FrameworkFormatError

from .datacheck import check_lineage, read_lineage
from .strategies import hostile_json_values


@pytest.fixture(scope="module")
def lin() -> ec.Lineage:
    return ec.lineage(2015, 2020)


def test_every_item_is_linked_or_marked(lin: ec.Lineage) -> None:
    old, new = ec.load(2015), ec.load(2020)
    olds = {x.old for x in lin.links} | {u.id for u in lin.removed}
    news = {x.new for x in lin.links} | {u.id for u in lin.added}
    assert olds == {i.id for i in old.items() if not isinstance(i, ec.Domain)}
    assert news == {i.id for i in new.items() if not isinstance(i, ec.Domain)}
    assert not ({x.old for x in lin.links} & {u.id for u in lin.removed})
    assert not ({x.new for x in lin.links} & {u.id for u in lin.added})


def test_links_join_items_of_the_same_level(lin: ec.Lineage) -> None:
    old, new = ec.load(2015), ec.load(2020)
    for x in lin.links:
        assert isinstance(old[x.old], ec.Competency) == isinstance(new[x.new], ec.Competency), x


def test_relations_are_consistent(lin: ec.Lineage) -> None:
    preds = Counter(x.new for x in lin.links)
    succs = Counter(x.old for x in lin.links)
    old, new = ec.load(2015), ec.load(2020)
    for x in lin.links:
        assert x.rationale.strip() and "\n" not in x.rationale
        if x.relation == "merged":
            assert preds[x.new] >= 2, x
        elif x.relation == "split":
            assert succs[x.old] >= 2, x
        else:
            assert preds[x.new] == 1 and succs[x.old] == 1, x
        if x.relation == "same":
            assert normalise_words(old[x.old].text) == normalise_words(new[x.new].text), x


def test_counts(lin: ec.Lineage) -> None:
    assert Counter(x.relation for x in lin.links) == {"same": 48, "reworded": 63, "merged": 5, "split": 3}
    assert (len(lin.removed), len(lin.added)) == (19, 30)


def test_reversed(lin: ec.Lineage) -> None:
    back = ec.lineage(2020, 2015)
    assert (back.old, back.new) == (2020, 2015)
    assert back.pairs() == {(b, a) for a, b in lin.pairs()}
    assert Counter(x.relation for x in back.links)["split"] == 5
    assert back.reversed() == lin


def test_lookup_helpers(lin: ec.Lineage) -> None:
    assert [x.old for x in lin.predecessors("2020:intrapersonal.4")] == [
        "2015:intrapersonal.4",
        "2015:intrapersonal.5",
        "2015:intrapersonal.6",
    ]
    assert lin.rationale("2015:interpersonal.1.5", None)
    assert lin.rationale(None, "2020:cognitive.5")
    assert lin.relation("2015:cognitive.1", "2020:cognitive.2") is None


def test_unknown_pair_of_editions() -> None:
    with pytest.raises(ec.UnknownEditionError):
        ec.lineage(2015, 2015)
    with pytest.raises(ec.UnknownEditionError):
        ec.lineage(2015, 2030)


def test_successors_and_predecessors() -> None:
    lin = ec.lineage(2015, 2020)
    assert [("2020:cognitive.3.c", "split"), ("2020:cognitive.3.c.i", "split"), ("2020:cognitive.3.c.ii", "split")] == [
        (x.new, x.relation) for x in lin.successors("2015:intrapersonal.1.3")
    ]
    assert () == lin.successors("2015:interpersonal.1.5") == lin.predecessors("2020:cognitive.5")  # removed, added
    for link in lin.links:
        assert link in lin.successors(link.old) and link in lin.predecessors(link.new)


# --------------------------------------------------------------------------- the file's validation


def _packaged() -> dict[str, Any]:
    text = (resources.files("edcompetencies") / "data" / "lineage-2015-2020.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def _fails(data: object, match: str) -> FrameworkFormatError:
    text = data if isinstance(data, str) else json.dumps(data)
    with pytest.raises(FrameworkFormatError, match=match) as info:
        check_lineage(text, source="lineage-test.json")
    assert str(info.value).startswith("lineage-test.json: $")
    return info.value


def _index(data: dict[str, Any], old: str, new: str | None = None) -> int:
    return next(n for n, x in enumerate(data["links"]) if x["old"] == old and (new is None or x["new"] == new))


def test_the_packaged_file_parses_to_the_packaged_lineage() -> None:
    """The library reads the packaged file trusted; its cross-reference rules hold (tests/datacheck.py)."""
    assert ec.lineage(2015, 2020) == read_lineage(json.dumps(_packaged()), 2015, 2020)
    assert ec.lineage(2015, 2020) == check_lineage(json.dumps(_packaged()))


def test_shape_errors_name_the_path() -> None:
    _fails("{", "malformed JSON")
    data = _packaged()
    data["links"] = {}
    assert "$.links" == _fails(data, "expected an array, found an object").path
    data = _packaged()
    del data["links"][3]["rationale"]
    assert "$.links[3]" == _fails(data, "missing required key 'rationale'").path
    data = _packaged()
    data["removed"][0]["why"] = "x"
    assert "$.removed[0].why" == _fails(data, "unknown key 'why'").path
    data = _packaged()
    data["links"][0]["rationale"] = "two\nlines"
    assert "$.links[0].rationale" == _fails(data, "one line").path
    data = _packaged()
    data["new"] = 2021
    _fails(data, "not 2015 -> 2020")


def test_reference_errors() -> None:
    data = _packaged()
    data["links"][0]["new"] = "2020:cognitive.9"
    assert "$.links[0].new" == _fails(data, "not a competency or indicator of the 2020 edition").path
    data = _packaged()
    data["links"][0]["old"] = "2020:cognitive.1"  # an item of the other edition
    _fails(data, "of the 2015 edition")
    data = _packaged()
    data["links"][0]["new"] = "2020:cognitive.1.a"
    _fails(data, "links a competency with an indicator")
    data = _packaged()
    data["links"].append(copy.deepcopy(data["links"][5]))
    _fails(data, r"listed twice \(first at \$.links\[5\]\)")


def test_relations_must_agree_with_the_links() -> None:
    data = _packaged()
    data["links"][_index(data, "2015:interpersonal.1.3", "2020:interpersonal.1.c")]["relation"] = "reworded"
    _fails(data, "'reworded' where the links make it merged")
    data = _packaged()
    data["links"][_index(data, "2015:cognitive.1")]["relation"] = "split"
    _fails(data, "'split' where the links make it 'same' or 'reworded'")
    data = _packaged()
    data["links"][_index(data, "2015:cognitive.1")]["relation"] = "renamed"
    _fails(data, "unknown relation 'renamed'")


def test_every_item_accounted_for_once() -> None:
    data = _packaged()
    data["added"].pop()
    assert "$.added" == _fails(data, r"1 item\(s\) neither linked nor listed").path
    data = _packaged()
    data["removed"].append({"old": "2015:cognitive.1", "rationale": "also removed?"})
    _fails(data, "2015:cognitive.1 is already accounted for")


# --------------------------------------------------------------------------- hostile input (issue 11)


@pytest.mark.parametrize("name", ["²", "9" * 5000, "٢٠٢٠", "2015:"])
def test_edition_names_are_ascii_numbers(name: str) -> None:
    """Issue 11 item 4: `ec.lineage("²", 2020)` raised ValueError."""
    with pytest.raises(ec.UnknownEditionError):
        ec.lineage(name, 2020)


def test_the_reader_lets_only_its_own_error_out() -> None:
    """Issue 11 item 5: RecursionError, ValueError and TypeError came out of the lineage reader."""
    for text in ("[" * 100_000, "{" + '"a": [' * 3000, b"\xff", '{"old": ' + "9" * 5000 + "}", "\ufeff[]"):
        with pytest.raises(FrameworkFormatError):
            read_lineage(text, 2015, 2020)
    data = _packaged()
    data["links"][2]["rationale"] = "bell \a"
    assert "$.links[2].rationale" == _fails(data, "control character U\\+0007").path
    data = _packaged()
    data["links"][2]["old"] = 2015
    assert "$.links[2].old" == _fails(data, "expected a string, found an integer").path


@given(st.data())
def test_hostile_values_only_raise_the_documented_error(draw: st.DataObject) -> None:
    data = _packaged()
    node: Any = data
    while True:
        keys = list(node.keys()) if isinstance(node, dict) else list(range(len(node)))
        if not keys:
            break
        key = draw.draw(st.sampled_from(keys))
        child = node[key]
        if not isinstance(child, (dict, list)) or draw.draw(st.booleans()):
            node[key] = draw.draw(hostile_json_values)
            break
        node = child
    with contextlib.suppress(FrameworkFormatError):
        check_lineage(json.dumps(data))
