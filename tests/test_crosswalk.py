"""The InTASC crosswalk (2020 toolkit): standards, performances, both parts, the derived 2015 view."""

from __future__ import annotations

import contextlib
import copy
import json
import re
import string
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

import edcompetencies as ec
from edcompetencies import _toolkit_data, crosswalk
from edcompetencies.errors import (
    EdCompetenciesError,
    FrameworkFormatError,
    MissingExtraError,
    NotPublishedError,
    UnknownEditionError,
    UnknownItemError,
    UnknownStandardError,
)

from . import datacheck
from .strategies import hostile_json_values, hostile_strings

FW = ec.load(2020)
OLD = ec.load(2015)
STANDARD_NUMBERS = st.integers(min_value=1, max_value=10)
COMPETENCIES = st.sampled_from(list(FW.competencies()))
INDICATORS = st.sampled_from(list(FW.indicators()))
OLD_COMPETENCIES = st.sampled_from(list(OLD.competencies()))


def raw() -> dict:  # type: ignore[type-arg]
    return copy.deepcopy(_toolkit_data.data("crosswalk"))


# --------------------------------------------------------------------------- counts and references


def test_ten_standards_numbered_one_to_ten() -> None:
    """The crosswalk quotes the ten InTASC Model Core Teaching Standards."""
    assert list(range(1, 11)) == [s.number for s in crosswalk.standards()]


def test_performance_counts_per_standard() -> None:
    """Part two quotes 3, 6, 8, 9, 8, 9, 6, 9, 6 and 11 performances (75 in all)."""
    counts = {s.number: len(s.performances) for s in crosswalk.standards()}
    assert {1: 3, 2: 6, 3: 8, 4: 9, 5: 8, 6: 9, 7: 6, 8: 9, 9: 6, 10: 11} == counts
    assert 75 == sum(counts.values())


def test_performance_labels_unique_and_in_letter_order() -> None:
    for s in crosswalk.standards():
        labels = [p.label for p in s.performances]
        assert len(set(labels)) == len(labels)
        assert [f"{s.number}({letter})" for letter in string.ascii_lowercase[: len(labels)]] == labels
        assert all(p.standard == s.number and p.id == f"intasc:{p.label}" for p in s.performances)


def test_link_counts_by_part() -> None:
    """Part one: 2 + 3 + 2 + 4 domain-standard pairs; part two: 67 standard-competency pairs."""
    assert (11, 67) == (len(crosswalk.alignments(part="one")), len(crosswalk.alignments(part="two")))


def test_every_reference_resolves() -> None:
    for a in crosswalk.alignments():
        item = FW[a.item]
        assert isinstance(item, ec.Domain if a.part == "one" else ec.Competency)
        assert a.level == ("domain" if a.part == "one" else "competency")
        assert crosswalk.standard(a.standard).number == a.standard
        assert not a.derived and a.provenance.startswith("published: Crosswalk Part")
    for s in crosswalk.standards():
        for p in crosswalk.emphasis(s).performances:
            assert p in s.performances


def test_part_two_quotations_resolve_by_number_and_keep_garbled_text() -> None:
    """Standard #10's "Intrapersonal #4" is garbled in the source: kept, resolved by number, noted."""
    (a,) = [a for a in crosswalk.alignments_for(10) if a.item == "2020:intrapersonal.4"]
    assert ("number", "different") == (a.resolution, a.match)
    assert a.quoted_item is not None and "Reinforces the InTASC standard" in a.quoted_item
    assert "crosswalk-intrapersonal-4-garbled" in [n.id for n in crosswalk.notes_for("intrapersonal.4")]


def test_part_one_quotes_of_the_standard_statement() -> None:
    quotes = {(a.item, a.quoted_standard) for a in crosswalk.alignments_for(3, part="one")}
    assert {"2020:intrapersonal", "2020:interpersonal"} == {item for item, _ in quotes}
    assert all(q is not None and q.startswith("The teacher works with others") for _, q in quotes)


def test_emphasis_references_are_exactly_those_the_text_names() -> None:
    """Every "N(x)" in an areas-of-emphasis text is resolved, in the text's order, and nothing else is."""
    for s in crosswalk.standards():
        e = crosswalk.emphasis(s)
        named = [f"{n}({letter})" for n, letter in re.findall(r"\b(\d+)\s*\(\s*([a-z])\s*\)", e.text)]
        assert named == [p.label for p in e.performances], s.number
        assert e.standard == s.number and all(p is s.performance(p.label) for p in e.performances)
    assert 8 == sum(len(crosswalk.emphasis(s).performances) for s in crosswalk.standards())


def test_emphasis_resolves_the_named_performances() -> None:
    """ "6(a), 6(e) and 6(g)" singles out three performances of standard 6."""
    e = crosswalk.emphasis(6)
    assert ["6(a)", "6(e)", "6(g)"] == [p.label for p in e.performances]
    assert "6(a), 6(e) and 6(g)" in e.text
    assert () == crosswalk.emphasis(1).performances


def test_part_two_is_a_superset_of_part_one_at_domain_level() -> None:
    """The note crosswalk-parts-differ: every part-one pair appears in part two via a competency."""
    for d in FW.domains:
        one = set(crosswalk.standards_for_domain(d))
        assert one <= set(crosswalk.standards_for_domain(d, part="two"))
        assert set(crosswalk.standards_for_domain(d, part="any")) == one | set(
            crosswalk.standards_for_domain(d, part="two")
        )


# --------------------------------------------------------------------------- traversal both ways


@given(STANDARD_NUMBERS, COMPETENCIES)
def test_competencies_for_and_standards_for_agree(number: int, competency: ec.Competency) -> None:
    s = crosswalk.standard(number)
    assert (competency in crosswalk.competencies_for(s)) == (s in crosswalk.standards_for(competency))


@given(STANDARD_NUMBERS, INDICATORS)
def test_an_indicator_has_its_competencys_standards(number: int, indicator: ec.Indicator) -> None:
    s = crosswalk.standard(number)
    competency = FW.competency_of(indicator)
    assert crosswalk.standards_for(indicator) == crosswalk.standards_for(competency)
    assert crosswalk.standards_for(indicator.id) == crosswalk.standards_for(indicator)
    assert (competency in crosswalk.competencies_for(number)) == (s in crosswalk.standards_for(indicator))


@given(STANDARD_NUMBERS, st.sampled_from(list(FW.domains)))
def test_domains_for_and_standards_for_domain_agree(number: int, domain: ec.Domain) -> None:
    s = crosswalk.standard(number)
    assert (domain in crosswalk.domains_for(s)) == (s in crosswalk.standards_for_domain(domain.key))


@given(STANDARD_NUMBERS, OLD_COMPETENCIES)
def test_derived_2015_view_agrees_both_ways(number: int, competency: ec.Competency) -> None:
    s = crosswalk.standard(number)
    forward = crosswalk.competencies_for(s, edition=2015, derived=True)
    assert (competency in forward) == (s in crosswalk.standards_for(competency, derived=True))


def test_standard_arguments() -> None:
    s = crosswalk.standard(4)
    assert (
        s
        is crosswalk.standard("4")
        is crosswalk.standard("intasc:4")
        is crosswalk.standard("#4")
        is crosswalk.standard(s)
    )
    assert crosswalk.competencies_for(s) == crosswalk.competencies_for(4)
    assert s.performance("a") is s.performance("4(a)") is crosswalk.performance("intasc:4(a)")


def test_competencies_for_in_publication_order() -> None:
    ids = FW.ids()
    for s in crosswalk.standards():
        found = [ids.index(c.id) for c in crosswalk.competencies_for(s)]
        assert sorted(found) == found and len(found) > 0


# --------------------------------------------------------------------------- the derived 2015 view


def test_2015_needs_an_explicit_derived_flag() -> None:
    with pytest.raises(NotPublishedError, match="Appendix D"):
        crosswalk.standards_for("2015:cognitive.1")
    with pytest.raises(NotPublishedError, match="derived=True"):
        crosswalk.competencies_for(4, edition=2015)
    with pytest.raises(NotPublishedError):
        crosswalk.standards_for_domain("2015:cognitive", part="one", derived=True)


def test_derived_alignments_say_so_and_follow_the_lineage() -> None:
    lineage = ec.lineage(2015, 2020)
    derived = crosswalk.alignments(edition=2015)
    assert derived and all(a.derived and a.part == "two" and a.edition == 2015 for a in derived)
    for a in derived:
        assert a.derived_from is not None and a.derived_from.item == a.via[-1]
        assert (a.via[0], a.via[1]) in lineage.pairs() and a.via[0] == a.item
        assert a.relation == lineage.relation(a.via[0], a.via[1])
        assert "derived, not published" in a.provenance
        assert a.derived_from in crosswalk.alignments()


def test_derived_view_example() -> None:
    """2015 Intrapersonal 4-6 merged into 2020 Intrapersonal 4, which part two relates to #9 and #10."""
    found = crosswalk.standards_for("2015:intrapersonal.5", derived=True)
    assert [9, 10] == [s.number for s in found]
    assert [9, 10] == [s.number for s in crosswalk.standards_for(OLD["intrapersonal.5.1"], derived=True)]
    assert [] == [a for a in crosswalk.alignments_for("2015:intrapersonal.5") if not a.derived]
    assert [9, 10] == [
        s.number for s in crosswalk.standards_for_domain(OLD.domain("intrapersonal"), part="two", derived=True)
    ][-2:]


# --------------------------------------------------------------------------- errors


def test_unknown_standard_lists_the_valid_numbers() -> None:
    for bad in (0, 11, "11", "x", True, 4.0, None):
        with pytest.raises(UnknownStandardError) as info:
            crosswalk.standard(bad)  # type: ignore[arg-type]
        assert isinstance(info.value, LookupError)
        assert "1 to 10" in str(info.value)


def test_unknown_performance() -> None:
    with pytest.raises(UnknownStandardError, match=r"4\(i\)"):
        crosswalk.performance("4(z)")
    with pytest.raises(UnknownStandardError, match="performance"):
        crosswalk.performance("four a")
    with pytest.raises(UnknownStandardError):
        crosswalk.standard(1).performance("1(d)")


def test_a_foreign_standard_object_is_refused() -> None:
    fake = crosswalk.Standard(4, "Content Knowledge", "changed", (), "heading")
    with pytest.raises(UnknownStandardError):
        crosswalk.competencies_for(fake)


def test_bad_items_and_parts() -> None:
    with pytest.raises(UnknownItemError, match="did you mean"):
        crosswalk.standards_for("instrucional.4")
    with pytest.raises(UnknownItemError):
        crosswalk.standards_for("2017:cognitive.1")
    with pytest.raises(UnknownItemError, match="not a domain"):
        crosswalk.standards_for_domain("cognitive.1")
    with pytest.raises(EdCompetenciesError, match="item must be a domain, competency, indicator or an ID string") as e:
        crosswalk.standards_for(42)  # type: ignore[arg-type]
    assert isinstance(e.value, TypeError)
    with pytest.raises(EdCompetenciesError, match="not float"):
        crosswalk.notes_for(4.5)
    with pytest.raises(ValueError, match="part"):
        crosswalk.alignments(part="three")
    with pytest.raises(ValueError, match="part"):
        crosswalk.standards_for_domain("cognitive", part="both")
    with pytest.raises(UnknownEditionError):
        crosswalk.alignments(edition=2017)
    mine = ec.Competency("mine:d.1", 1, "Use data.")
    other = ec.Framework("mine", "Mine", [ec.Domain("mine:d", "d", "D", [mine])])
    assert mine in other
    with pytest.raises(UnknownItemError, match="packaged"):
        crosswalk.standards_for(mine)


def test_editions_may_be_given_as_strings() -> None:
    """As ec.load() takes 2015 or "2015", so do the crosswalk's edition= arguments."""
    assert crosswalk.alignments(edition="2015") == crosswalk.alignments(edition=2015)
    assert crosswalk.competencies_for(4, edition="2015", derived=True) == crosswalk.competencies_for(
        4, edition=2015, derived=True
    )
    assert crosswalk.to_records(edition="2020") == crosswalk.to_records()
    assert crosswalk.graph(edition="2015").graph["derived"]
    with pytest.raises(NotPublishedError):
        crosswalk.competencies_for(4, edition="2015")
    with pytest.raises(UnknownEditionError):
        crosswalk.competencies_for(4, edition="2017")


def test_standards_for_a_domain_is_part_one() -> None:
    assert crosswalk.standards_for("2020:cognitive") == crosswalk.standards_for_domain("cognitive")


# --------------------------------------------------------------------------- analysis: records, graph, DataFrame


def test_records_one_per_alignment() -> None:
    rows = crosswalk.to_records()
    assert len(crosswalk.alignments()) == len(rows)
    for row, a in zip(rows, crosswalk.alignments(), strict=True):
        assert (row["standard"], row["item"], row["part"], row["derived"]) == (a.standard, a.item, a.part, False)
        assert row["item_text"] == FW[a.item].text or row["item_text"] == FW[a.item].name  # type: ignore[union-attr]
    json.dumps(rows)
    derived = crosswalk.to_records(edition=2015)
    assert derived and all(r["derived"] and r["via"] and r["edition"] == 2015 for r in derived)


def test_graph_holds_the_whole_crosswalk() -> None:
    g = crosswalk.graph()
    kinds = [data["kind"] for _, data in g.nodes(data=True)]
    assert (10, 75, 4, 23) == tuple(kinds.count(k) for k in ("standard", "performance", "domain", "competency"))
    aligned = [(u, v, d) for u, v, d in g.edges(data=True) if d["kind"] == "alignment"]
    assert 78 == len(aligned)
    for a in crosswalk.alignments():
        assert g.edges[f"intasc:{a.standard}", a.item]["part"] == a.part
    singled_out = {p.id for s in crosswalk.standards() for p in crosswalk.emphasis(s).performances}
    assert singled_out == {n for n, d in g.nodes(data=True) if d.get("emphasized")}
    assert 8 == len(singled_out)
    old = crosswalk.graph(edition=2015)
    assert old.graph["derived"] and all(d["derived"] for _, _, d in old.edges(data=True) if d["kind"] == "alignment")


def test_graph_without_networkx_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "networkx", None)
    with pytest.raises(MissingExtraError, match=r"edcompetencies\[networkx\]") as info:
        crosswalk.graph()
    assert isinstance(info.value, ImportError)


def test_dataframe_needs_pandas(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(MissingExtraError, match=r"pip install 'edcompetencies\[pandas\]'"):
        crosswalk.to_dataframe()


def test_dataframe_when_pandas_is_installed() -> None:
    pandas = pytest.importorskip("pandas")
    frame = crosswalk.to_dataframe()
    assert isinstance(frame, pandas.DataFrame) and len(frame) == 78


def test_notes_are_listable() -> None:
    ids = [n.id for n in crosswalk.notes()]
    assert 11 == len(ids) and "crosswalk-no-intasc-groups" in ids
    assert ["crosswalk-5b-quotation"] == [n.id for n in crosswalk.notes_for("intasc:5(b)")]
    assert "crosswalk-standard-statement-variants" in [n.id for n in crosswalk.notes_for(3)]


def test_introduction_is_the_printed_text() -> None:
    headings = [s.heading for s in crosswalk.introduction()]
    assert "Background on the InTASC Model Core Teaching Standards" in headings


# --------------------------------------------------------------------------- the file's validation


def _fails(data: dict, match: str) -> FrameworkFormatError:  # type: ignore[type-arg]
    with pytest.raises(FrameworkFormatError, match=match) as info:
        datacheck.parse("crosswalk", json.dumps(data), source="crosswalk-test.json")
    assert str(info.value).startswith("crosswalk-test.json: $")
    return info.value


def test_packaged_file_validates() -> None:
    assert datacheck.parse("crosswalk", json.dumps(raw()))["standards"][0]["number"] == 1


def test_duplicate_performance_label_is_refused() -> None:
    data = raw()
    data["standards"][0]["performances"][1] = dict(data["standards"][0]["performances"][0])
    error = _fails(data, "listed twice")
    assert "$.standards[0].performances[1].label" == error.path


def test_reference_to_a_missing_performance_is_refused() -> None:
    data = raw()
    data["part_two"]["standards"][5]["references"][0] = {"label": "6(z)", "standard": 6, "letter": "z"}
    assert "$.part_two.standards[5].references[0]" == _fails(data, "names no performance").path


def test_unknown_competency_is_refused() -> None:
    data = raw()
    data["part_two"]["standards"][0]["related_competencies"][0]["competency"] = "2020:interpersonal.9"
    _fails(data, "not a competency of the 2020 edition")


def test_links_must_match_the_parts() -> None:
    data = raw()
    data["links"].pop()
    _fails(data, "each once")
    data = raw()
    data["links"][0]["standard"] = 7
    assert "$.links[0]" == _fails(data, "neither part").path


def test_types_keys_and_note_items() -> None:
    data = raw()
    data["standards"][2]["title"] = 3
    assert "$.standards[2].title" == _fails(data, "expected a string").path
    data = raw()
    data["surprise"] = 1
    _fails(data, "unknown key 'surprise'")
    data = raw()
    data["notes"][0]["items"].append("intasc:11")
    _fails(data, "names 'intasc:11'")
    with pytest.raises(FrameworkFormatError, match="malformed JSON"):
        datacheck.parse("crosswalk", "{")


# --------------------------------------------------------------------------- hostile input (issue 11)

LOOKUPS = {
    "standard": crosswalk.standard,
    "performance": crosswalk.performance,
    "alignments_for": crosswalk.alignments_for,
    "competencies_for": crosswalk.competencies_for,
    "standards_for": crosswalk.standards_for,
    "standards_for_domain": crosswalk.standards_for_domain,
    "domains_for": crosswalk.domains_for,
    "emphasis": crosswalk.emphasis,
    "notes_for": crosswalk.notes_for,
    "alignments(edition=)": lambda x: crosswalk.alignments(edition=x),
    "alignments(part=)": lambda x: crosswalk.alignments(part=x),
}


@pytest.mark.parametrize("name", sorted(set(LOOKUPS) - {"notes_for"}))
@pytest.mark.parametrize("value", ["9" * 5000, "#" + "9" * 5000, "intasc:" + "9" * 5000 + "(a)", "²", "²:cognitive.1"])
def test_number_like_arguments_raise_the_library_error(name: str, value: str) -> None:
    """Issue 11 item 4: `crosswalk.*_for("9" * 5000)` raised ValueError from int()."""
    with pytest.raises(EdCompetenciesError):
        LOOKUPS[name](value)


@given(st.sampled_from(sorted(LOOKUPS)), hostile_strings | hostile_json_values)
def test_lookups_raise_only_the_library_errors(name: str, value: str) -> None:
    with contextlib.suppress(EdCompetenciesError):
        LOOKUPS[name](value)
