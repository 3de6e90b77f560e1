"""The publisher's code and further fields on the model (issue 12, point 3's groundwork)."""

from __future__ import annotations

import json

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import edcompetencies as ec
from edcompetencies.errors import ArgumentTypeError, FrameworkFormatError, UnknownItemError

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=12,
)


@given(st.dictionaries(st.text(max_size=8), json_values, max_size=6))
def test_metadata_holds_json_values_and_equals_in_any_order(fields: dict[str, object]) -> None:
    meta = ec.Metadata(fields)
    assert meta.to_dict() == fields or json.dumps(meta.to_dict(), sort_keys=True) == json.dumps(fields, sort_keys=True)
    again = ec.Metadata(dict(reversed(list(fields.items()))))
    assert again == meta and hash(again) == hash(meta)
    assert len(meta) == len(fields) and set(meta) == set(fields)
    for name in fields:
        assert json.loads(meta.json_text(name)) == meta[name]


def test_metadata_is_immutable_and_values_are_fresh() -> None:
    meta = ec.Metadata({"educationLevel": ["09", "10"]})
    meta["educationLevel"].append("11")
    assert meta["educationLevel"] == ["09", "10"]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        meta._fields = ()  # type: ignore[misc]
    with pytest.raises(KeyError):
        meta["language"]
    assert not ec.Metadata() and bool(meta)
    assert "09" in meta._repr_html_()


@pytest.mark.parametrize(
    ("value", "what"),
    [({1: "x"}, "every name must be a string"), ({"a": {1, 2}}, "JSON value"), ({"a": float("nan")}, "JSON value")],
)
def test_metadata_refuses_what_is_not_json(value: object, what: str) -> None:
    with pytest.raises(ArgumentTypeError, match=what):
        ec.Metadata(value)  # type: ignore[arg-type]


def _coded() -> ec.Framework:
    fw = ec.load(2020)
    first = fw.domains[0]
    competency = attrs.evolve(first.competencies[0], code="IP.1", metadata={"CFItemType": "Competency"})
    domain = attrs.evolve(first, code="IP", competencies=(competency, *first.competencies[1:]))
    second = attrs.evolve(fw.domains[1], code="IP")  # a code two items share
    return attrs.evolve(fw, domains=(domain, second, *fw.domains[2:]), metadata={"language": "en"})


def test_packaged_editions_have_no_codes_or_metadata() -> None:
    for edition in ec.editions():
        fw = ec.load(edition)
        assert not fw.metadata
        assert all(item.code is None and not item.metadata for item in fw.items())


def test_lookup_by_code() -> None:
    fw = _coded()
    assert fw["IP.1"].id == "2020:intrapersonal.1"
    assert fw.get(" IP.1 ") is fw["intrapersonal.1"] and "IP.1" in fw
    with pytest.raises(UnknownItemError, match="used by 2 items"):
        fw["IP"]
    assert fw.get("IP") is None and "IP" not in fw
    with pytest.raises(UnknownItemError) as caught:
        fw["IP.2"]
    assert "did you mean 'IP.1'" in str(caught.value)  # the nearest code first


def test_json_format_round_trips_codes_and_metadata() -> None:
    fw = _coded()
    text = ec.dumps(fw)
    assert ec.loads(text) == fw
    data = json.loads(text)
    assert data["metadata"] == {"language": "en"}
    assert data["domains"][0]["competencies"][0]["code"] == "IP.1"
    assert "code" not in data["domains"][2]  # written only where there is one
    assert ec.dumps(ec.load(2020)) == ec.dumps(ec.loads(ec.dumps(ec.load(2020))))


@pytest.mark.parametrize(
    ("change", "path"),
    [
        (lambda d: d["domains"][0].__setitem__("metadata", {"notes": "bell\u0007"}), '$.domains[0].metadata["notes"]'),
        (lambda d: d["domains"][0].__setitem__("metadata", {"a\u202e": 1}), "$.domains[0].metadata"),
        (lambda d: d["domains"][0].__setitem__("code", " IP"), "$.domains[0].code"),
        (lambda d: d.__setitem__("metadata", []), "$.metadata"),
    ],
)
def test_json_format_checks_codes_and_metadata(change: object, path: str) -> None:
    data = json.loads(ec.dumps(_coded()))
    change(data)  # type: ignore[operator]
    with pytest.raises(FrameworkFormatError) as caught:
        ec.loads(json.dumps(data))
    assert caught.value.path == path


def test_metadata_from_pairs_and_from_metadata() -> None:
    pairs = (("b", [1]), ("a", {"x": None}))
    meta = ec.Metadata(iter(pairs))  # an iterator of pairs is read once
    assert meta.to_dict() == {"a": {"x": None}, "b": [1]} == ec.Metadata(meta).to_dict()
    assert ec.Metadata(meta) == meta
