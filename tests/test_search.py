"""Framework.search: matching rules, ranking, matched words, rendering."""

from __future__ import annotations

import re
import sys
import unicodedata

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import edcompetencies as ec
from edcompetencies import SearchHit, SearchResults
from edcompetencies.errors import UnknownChoiceError, UnknownFormatError

from .strategies import frameworks, words


@pytest.fixture(scope="module")
def fw() -> ec.Framework:
    return ec.load(2020)


def test_trauma_finds_the_four_items_of_the_publication(fw: ec.Framework) -> None:
    """2020 mentions trauma in Intrapersonal 5 b, Interpersonal 1 e and e i, and Cognitive 6 a."""
    hits = fw.search("trauma")
    assert isinstance(hits, SearchResults)
    assert {
        "2020:intrapersonal.5.b",
        "2020:interpersonal.1.e",
        "2020:interpersonal.1.e.i",
        "2020:cognitive.6.a",
    } == set(hits.ids)
    # exact words rank above a word that only begins with the query ("traumatic")
    assert "2020:interpersonal.1.e.i" == hits.ids[-1]
    assert ("traumatic",) == hits[-1].words
    # two mentions in one item rank it first
    assert "2020:intrapersonal.5.b" == hits.ids[0]
    assert 2 == len(hits[0].spans)


def test_case_accents_quotes_and_plurals_do_not_matter(fw: ec.Framework) -> None:
    assert fw.search("TRAUMA").ids == fw.search("trauma").ids
    assert set(fw.search("learner").ids) == set(fw.search("learners").ids)
    strategies = fw.search("strategy")
    assert any("strategies" in w.casefold() for hit in strategies for w in hit.words)
    # curly and straight quotes in a phrase query mean the same
    assert fw.search("“restorative practices”").ids == fw.search('"restorative practices"').ids


def test_a_phrase_matches_only_as_a_whole(fw: ec.Framework) -> None:
    phrase = fw.search('"restorative practices"')
    assert "2020:intrapersonal.1.d" in phrase.ids
    assert all("restorative practices" in hit.text.casefold() for hit in phrase)
    loose = fw.search("restorative practices")
    assert set(phrase.ids) <= set(loose.ids)


def test_all_and_any(fw: ec.Framework) -> None:
    both = fw.search("data feedback")
    either = fw.search("data feedback", mode="any")
    assert set(both.ids) < set(either.ids)
    assert all(hit.terms == 2 for hit in both)
    # items matching both terms rank before items matching one
    terms = [hit.terms for hit in either]
    assert terms == sorted(terms, reverse=True)


def test_kinds_and_limit(fw: ec.Framework) -> None:
    competencies = fw.search("learning", kinds="competency")
    assert competencies and all(hit.item.kind == "competency" for hit in competencies)
    assert 3 == len(fw.search("learning", limit=3))
    assert fw.search("learning", kinds=["indicator", "sub-indicator"]).ids
    with pytest.raises(UnknownChoiceError):
        fw.search("learning", kinds="chapter")
    with pytest.raises(UnknownChoiceError):
        fw.search("learning", mode="most")
    with pytest.raises(UnknownChoiceError):
        fw.search(42)  # type: ignore[arg-type]


def test_2015_titles_are_searched_too() -> None:
    """2015 competencies have short titles: "Support All Learners" is found by its title."""
    hits = ec.load(2015).search('"support all learners"', kinds="competency")
    assert ["2015:intrapersonal.1"] == list(hits.ids)
    assert "title" == hits[0].field and "Support All Learners" == hits[0].text


def test_nothing_and_empty_queries(fw: ec.Framework) -> None:
    assert 0 == len(fw.search("zebra"))
    assert 0 == len(fw.search("   "))
    assert 0 == len(fw.search('""'))


def test_highlight_and_rendering(fw: ec.Framework) -> None:
    hits = fw.search("trauma")
    assert hits[1].highlight("<", ">") == "Be prepared to embody the fundamental features of <trauma>-informed schools:"
    text = hits.render()
    assert text.startswith("4 hits for 'trauma' in 2020\n")
    assert "personal [trauma], [trauma]-adjacency" in text
    md = hits.render("markdown")
    assert "- `2020:interpersonal.1.e` Be prepared to embody the fundamental features of **trauma**-informed" in md
    html = hits._repr_html_()
    assert "<mark>trauma</mark>" in html and html == hits.to_html(document=False)
    page = hits.render("html")
    assert page.startswith("<!DOCTYPE html>") and hits._html_body() in page and hits._html_body() in html
    assert "<mark>" in hits[0]._repr_html_()
    with pytest.raises(UnknownFormatError):
        hits.render("pdf")


def test_records_and_dataframe(fw: ec.Framework, monkeypatch: pytest.MonkeyPatch) -> None:
    rows = fw.search("trauma").to_records()
    assert [1, 2, 3, 4] == [r["rank"] for r in rows]
    from edcompetencies._search import SEARCH_COLUMNS

    assert ("rank", "id", "kind", "score", "terms", "matched", "field", "themes", "text", "code") == SEARCH_COLUMNS
    assert SEARCH_COLUMNS == tuple(rows[0])
    assert "SE RL" == rows[0]["themes"]
    pandas = pytest.importorskip("pandas")
    assert isinstance(fw.search("trauma").to_dataframe(), pandas.DataFrame)
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ec.errors.MissingExtraError):
        fw.search("trauma").to_dataframe()


def test_results_are_a_sequence(fw: ec.Framework) -> None:
    hits = fw.search("trauma")
    assert isinstance(hits[0], SearchHit)
    assert isinstance(hits[:2], SearchResults) and 2 == len(hits[:2])
    assert hits == fw.search("trauma") and hash(hits) == hash(fw.search("trauma"))
    assert "<SearchResults 'trauma' in 2020: 4 hits" in repr(hits)
    assert hits.ids == tuple(hit.id for hit in hits)


def test_hostile_text_is_escaped_in_html() -> None:
    base = ec.load(2020)
    c8 = base["instructional.8"]
    hostile = base.select(domains="instructional")
    domain = attrs.evolve(
        hostile.domains[0],
        competencies=[attrs.evolve(c8, statement='Use <script>alert("x")</script> & co.')],
    )
    hostile = attrs.evolve(hostile, domains=[domain])
    html = hostile.search("script").render("html")
    assert "<script>" not in html and "&lt;<mark>script</mark>&gt;" in html


def first_word(passage: str) -> str:
    folded = unicodedata.normalize("NFKD", passage).casefold()
    return re.findall(r"\w+", folded)[0]


def related(token: str, query_word: str) -> bool:
    """The matching rule, stated independently: same word, a longer word it begins, or a plural."""
    return (
        token == query_word
        or (len(query_word) >= 3 and token.startswith(query_word))
        or query_word.startswith(token)
        or (query_word.endswith("ies") and token == query_word[:-3] + "y")
    )


@given(frameworks(text=words), words)
def test_every_hit_matches_and_spans_point_at_the_matched_words(fw: ec.Framework, query: str) -> None:
    """Each span starts with a word related to a query word; hits are ranked and deterministic."""
    hits = fw.search(query, mode="any")
    assert hits == fw.search(query, mode="any")  # deterministic
    query_words = re.findall(r"\w+", unicodedata.normalize("NFKD", query).casefold())
    for hit in hits:
        assert hit.terms >= 1 and hit.score > 0
        assert set(hit.words) == {hit.text[s:e] for s, e in hit.spans}
        for start, end in hit.spans:
            token = first_word(hit.text[start:end])
            assert any(related(token, q) for q in query_words), (token, query_words)
    scores = [(-h.terms, -h.score) for h in hits]
    assert scores == sorted(scores)
    # every item whose text holds a query word exactly is found
    for item in fw.items():
        item_words = set(re.findall(r"\w+", unicodedata.normalize("NFKD", item.text).casefold()))
        if item_words & set(query_words):
            assert item.id in hits.ids


@given(
    frameworks(text=words),
    st.sampled_from([("learning", 1), ("students", 1), ("equity data", 2), ('"each student"', 1)]),
)
def test_all_mode_hits_are_the_any_mode_hits_matching_every_term(fw: ec.Framework, case: tuple[str, int]) -> None:
    query, n_terms = case
    every = fw.search(query)
    some = fw.search(query, mode="any")
    assert list(every.ids) == [h.id for h in some if h.terms == n_terms]


def test_the_best_field_is_chosen_whatever_the_mode() -> None:
    """A competency whose statement matches one term and whose title matches both is one hit in
    both modes, with the title's two terms (Hypothesis found ``all`` and ``any`` disagreeing)."""
    c = ec.Competency(id="0:a.1", number=1, statement="equity", title="equity data")
    fw = ec.Framework(edition=0, title="t", domains=[ec.Domain(id="0:a", key="a", name="A", competencies=[c])])
    every, some = fw.search("equity data"), fw.search("equity data", mode="any")
    assert ["0:a.1"] == list(every.ids) == list(some.ids)
    assert (2, "title") == (every[0].terms, every[0].field) == (some[0].terms, some[0].field)


def test_repeated_searches_use_the_cached_tokens_and_agree(fw: ec.Framework) -> None:
    from edcompetencies import _search

    first = fw.search("student agency", mode="any")
    assert fw in _search._INDEXES
    assert first == fw.search("student agency", mode="any")
    # an equal framework built anew finds the same hits
    again = ec.loads(ec.dumps(fw))
    assert first.ids == again.search("student agency", mode="any").ids


@pytest.mark.parametrize(
    "kwargs",
    [{"kinds": 3}, {"kinds": [1, 2]}, {"limit": "3"}, {"limit": 2.5}, {"limit": True}],
)
def test_wrong_argument_types_are_the_library_s_error(fw: ec.Framework, kwargs: dict[str, object]) -> None:
    from edcompetencies.errors import ArgumentTypeError

    with pytest.raises(ArgumentTypeError):
        fw.search("learning", **kwargs)  # type: ignore[arg-type]


def test_negative_limit_is_refused(fw: ec.Framework) -> None:
    with pytest.raises(UnknownChoiceError):
        fw.search("learning", limit=-1)


def test_search_results_have_the_shared_verbs(fw: ec.Framework) -> None:
    hits = fw.search("trauma")
    csv = hits.to_csv()
    assert csv.startswith("rank,id,kind,score,terms,matched,field,themes,text,code\r\n")
    assert 5 == csv.count("\r\n")
    assert hits.render() == hits.to_text() and hits.render("csv") == csv
    assert hits.to_jsonl().count("\n") == 4
    assert list(hits.to_dataframe().columns) == [*hits.columns, "FC", "EI", "SE", "RL"]  # one flag per theme
    assert hits.to_html().startswith("<!DOCTYPE html>")


def test_match_is_the_one_keyword_of_the_api_and_the_command_line(fw: ec.Framework) -> None:
    """Issue 10: ``match=`` on the API, ``--match`` on the CLI; ``mode=`` still works as its older name."""
    assert fw.search("data feedback", match="any") == fw.search("data feedback", mode="any")
    assert fw.search("data feedback", match="any", mode="any").ids
    with pytest.raises(UnknownChoiceError):
        fw.search("data feedback", match="any", mode="all")
    with pytest.raises(UnknownChoiceError):
        fw.search("data feedback", match="most")
