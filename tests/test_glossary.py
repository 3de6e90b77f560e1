"""Appendix A (2020), Glossary of Terms: entries, lookup, related terms, terms used in a text."""

from __future__ import annotations

import contextlib
import copy
import itertools
import json
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

import edcompetencies as ec
from edcompetencies import _toolkit_data, glossary
from edcompetencies.errors import FrameworkFormatError, UnknownTermError
from edcompetencies.glossary import _key

from . import datacheck
from .strategies import hostile_json_values, hostile_strings

TERMS = glossary.terms()
FILLER = st.lists(st.sampled_from(["the", "educators", "use", "in", "class", "daily", "and", "with", "—", "(e.g.,"]))


def test_thirty_four_terms_with_thirty_six_sources() -> None:
    """Appendix A defines 34 terms; three have no source, three cite two, the rest one."""
    assert 34 == len(TERMS)
    assert 36 == sum(len(t.sources) for t in TERMS)
    assert {"competency-competent", "competency-based-education", "personalized-learning"} == {
        t.id for t in TERMS if not t.sources
    }
    assert len({t.id for t in TERMS}) == len(TERMS)


def test_sources_have_the_printed_parts() -> None:
    (first,) = glossary.lookup("Agency").sources[:1]
    assert ("Anytime, Anywhere.", "Wolfe, Steinberg and Hoffman, eds.", 2013, "Chpt. 7") == (
        first.title,
        first.author,
        first.year,
        first.details,
    )
    assert first.url == "https://www.hepg.org/hep-home/books/anytime,-anywhere"
    for term in TERMS:
        for source in term.sources:
            assert source.url is None or re.match(r"^https?://\S+$", source.url)
            assert source.year is None or 1990 < source.year < 2021


def test_definitions_keep_their_structure() -> None:
    ci = glossary.lookup("continuous improvement")
    assert ["paragraph", "list"] == [type(b).__name__.lower().replace("bulletlist", "list") for b in ci.blocks]
    assert "a. the frequency of quality improvement work;" in ci.definition
    deeper = glossary.lookup("Deeper Learning")
    assert isinstance(deeper.blocks[1], _toolkit_data.Table)
    assert "Learn how to learn" in deeper.definition


def test_related_terms_as_printed() -> None:
    personalized = glossary.lookup("personalized learning")
    assert ("student-centered learning", "learner-centered education") == personalized.related_terms
    assert ("individualized learning", "computer-adaptive testing and digital platforms") == (
        personalized.not_synonymous_with
    )
    assert () == glossary.lookup("Mastery").related_terms


# --------------------------------------------------------------------------- lookup


def test_own_names_are_unambiguous() -> None:
    """No two entries share a lookup key, so a term's own name always finds it."""
    owner: dict[str, str] = {}
    for term in TERMS:
        for name in term.names:
            assert owner.setdefault(_key(name), term.id) == term.id


@given(st.sampled_from(TERMS), st.sampled_from([str.upper, str.lower, str.title, lambda s: s]))
def test_every_term_is_found_by_its_names_in_any_case(term: glossary.Term, case: object) -> None:
    for name in term.names:
        assert glossary.lookup(case(name)) is term  # type: ignore[operator]
    assert glossary.lookup(f"glossary:{term.id}") is term
    assert glossary.get(term.term) is term


def test_plurals_separators_and_parentheses() -> None:
    assert "Growth Mindset" == glossary.lookup("growth mindsets").term
    assert "Learning Progressions" == glossary.lookup("learning progression").term
    assert "Self-Assessment" == glossary.lookup("self assessments").term
    assert "Student Voice (and Choice)" == glossary.lookup("Student Voice and Choice").term
    assert "Competency, Competent" == glossary.lookup("competencies").term
    assert "Anytime/Anywhere Learning" == glossary.lookup("anytime anywhere learning").term


def test_closely_related_terms_resolve() -> None:
    assert "Exit Tickets" == glossary.lookup("Exit Slips").term
    assert "Restorative Practices" == glossary.lookup("restorative justice").term
    assert "Competency-Based Education" == glossary.lookup("proficiency-based learning").term
    assert "Personalized Learning" == glossary.lookup("learner-centered education").term
    # an entry's own name wins over another entry's related term
    assert "Student-Centered" == glossary.lookup("student-centered").term


def test_every_related_term_leads_somewhere() -> None:
    for term in TERMS:
        for name in term.related_terms:
            assert term in glossary.related(name)


def test_ambiguous_related_term_lists_candidates() -> None:
    with pytest.raises(UnknownTermError) as info:
        glossary.lookup("ownership")
    assert ("Agency", "Student Agency") == info.value.candidates
    assert isinstance(info.value, LookupError)
    assert glossary.get("ownership") is None
    assert ["Agency", "Student Agency"] == [t.term for t in glossary.related("Ownership")]


def test_unknown_term_suggests() -> None:
    with pytest.raises(UnknownTermError, match="did you mean 'Growth Mindset'") as info:
        glossary.lookup("growth mindest")
    assert "Growth Mindset" in info.value.suggestions
    with pytest.raises(UnknownTermError, match="no glossary term"):
        glossary.lookup("individualized learning")  # "not synonymous with", never a match
    with pytest.raises(UnknownTermError):
        glossary.lookup(None)  # type: ignore[arg-type]
    assert glossary.get("nothing like it", default=TERMS[0]) is TERMS[0]
    assert () == glossary.related("nothing like it")


def test_related_entries() -> None:
    assert ["Student Voice (and Choice)", "Student Agency"] == [
        t.term for t in glossary.lookup("Student-Ownership").related_entries()
    ]


# --------------------------------------------------------------------------- terms_in


@given(FILLER, st.sampled_from(TERMS), FILLER, st.sampled_from([str.upper, str.lower, lambda s: s]))
def test_terms_in_finds_an_embedded_term_at_its_position(
    before: list[str], term: glossary.Term, after: list[str], case: object
) -> None:
    name = case(term.names[-1])  # type: ignore[operator]
    prefix = " ".join(before) + (" " if before else "")
    text = prefix + name + (" " if after else "") + " ".join(after) + "."
    found = [m for m in glossary.terms_in(text) if m.term is term]
    assert [(len(prefix), len(prefix) + len(name))] == [(m.start, m.end) for m in found]
    assert all(text[m.start : m.end] == m.text for m in glossary.terms_in(text))


@given(st.sampled_from(list(ec.load(2020).items()) + list(ec.load(2015).items())))
def test_terms_in_spans_are_exact_and_do_not_overlap(item: ec.Item) -> None:
    found = glossary.terms_in(item.text, related=True)
    for m in found:
        assert item.text[m.start : m.end] == m.text
    spans = sorted({(m.start, m.end) for m in found})
    for (_, end), (start, _) in itertools.pairwise(spans):
        assert end <= start


def test_terms_in_an_indicator() -> None:
    text = ec.load(2020)["instructional.4.c"].text
    assert ["peer-assessment", "project-based-learning"] == [m.term.id for m in glossary.terms_in(text)]


def test_longest_match_wins_and_word_boundaries() -> None:
    found = glossary.terms_in("Competency-based education is not competency-based grading; see competencies.")
    assert [("Competency-based education", "competency-based-education"), ("competencies", "competency-competent")] == [
        (m.text, m.term.id) for m in found
    ]
    assert () == glossary.terms_in("transferable masterys")
    assert ["self-assessment"] == [m.term.id for m in glossary.terms_in("SELF ASSESSMENTS")]


def test_related_matches_are_opt_in_and_flagged() -> None:
    assert () == glossary.terms_in("Use exit slips.")
    (m,) = glossary.terms_in("Use exit slips.", related=True)
    assert (m.term.term, m.related, m.name, m.text) == ("Exit Tickets", True, "exit slips", "exit slips")


def test_terms_in_refuses_non_text() -> None:
    message = r"glossary.terms_in\(\): text must be a string, not NoneType"
    with pytest.raises(ec.EdCompetenciesError, match=message) as e:
        glossary.terms_in(None)  # type: ignore[arg-type]
    assert isinstance(e.value, TypeError)


def test_notes() -> None:
    """The Self-Assessment source has an italic title, so the unquoted-sources note (four citations
    without a quoted or italic title) does not concern it (issue 14)."""
    assert 10 == len(glossary.notes())
    assert ["glossary-self-assessment-url"] == [n.id for n in glossary.notes_for("self-assessment")]
    unquoted = next(n for n in glossary.notes() if n.id == "glossary-unquoted-sources")
    assert unquoted.text.startswith("Four citations") and "glossary:self-assessment" not in unquoted.items
    for note in glossary.notes():
        for item in note.items:
            assert item == "glossary" or glossary.lookup(item) is not None


def test_glossary_file_validation() -> None:
    data = copy.deepcopy(_toolkit_data.data("glossary"))
    data["terms"][1]["id"] = data["terms"][0]["id"]
    with pytest.raises(FrameworkFormatError, match="duplicate term ID") as info:
        datacheck.parse("glossary", json.dumps(data))
    assert "$.terms[1].id" == info.value.path and "glossary-2020.json" in info.value.source
    data = copy.deepcopy(_toolkit_data.data("glossary"))
    data["terms"][3]["sources"][0]["year"] = "2013"
    with pytest.raises(FrameworkFormatError, match="expected an integer or null") as info:
        datacheck.parse("glossary", json.dumps(data))
    assert "$.terms[3].sources[0].year" == info.value.path
    data = copy.deepcopy(_toolkit_data.data("glossary"))
    data["terms"][0]["definition"][0] = {"type": "poem", "text": "x"}
    with pytest.raises(FrameworkFormatError, match="'paragraph', 'list' or 'table'"):
        datacheck.parse("glossary", json.dumps(data))


# --------------------------------------------------------------------------- hostile input (issue 11)


@given(st.sampled_from(["lookup", "get", "related", "terms_in", "notes_for"]), hostile_strings | hostile_json_values)
def test_lookups_raise_only_the_library_errors(name: str, value: str) -> None:
    with contextlib.suppress(ec.EdCompetenciesError):
        getattr(glossary, name)(value)
