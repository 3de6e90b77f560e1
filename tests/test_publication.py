"""The publication's text around the framework: endnotes, Appendix B and C, the User Guide, the 2015 overview.

Behaviour of :mod:`edcompetencies.publication` and of ``toolkit.framework_sources()``,
``toolkit.user_guide()`` and ``toolkit.approach()``; the data itself is checked against the
seeds in ``tests/test_publication_provenance.py``.
"""

from __future__ import annotations

import csv
import io
import json

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import edcompetencies as ec
from edcompetencies import _publication, publication, toolkit
from edcompetencies.errors import ArgumentTypeError, EdCompetenciesError, UnknownChoiceError, UnknownEditionError

FW = ec.load(2020)


# --------------------------------------------------------------------------- endnotes


def test_endnotes_are_numbered_in_printed_order() -> None:
    notes = publication.endnotes()
    assert list(range(1, 15)) == [n.number for n in notes]
    assert notes == publication.endnotes(2020) == publication.endnotes("2020")
    assert all(isinstance(n, publication.Endnote) for n in notes)
    assert () == publication.endnotes(2015)


def test_an_endnote_has_its_text_urls_and_place() -> None:
    """Endnote 10 (CASEL) is marked ¹⁰ at the end of the Social and Emotional Learning theme's definition."""
    note = publication.endnote(10)
    assert "CASEL. What is SEL? Retrieved from https://casel.org/what-is-sel/" == note.text
    assert ("https://casel.org/what-is-sel/",) == note.urls
    assert ("Cross-Cutting Themes", "¹⁰", "endnote:10") == (note.section, note.mark, note.ref)
    assert note.context.endswith("make responsible decisions.¹⁰")
    assert ("theme:SE",) == note.references
    assert "Endnote(10, 'CASEL. What is SEL? Retrieved from https://case…')" == repr(note)


def test_endnote_5_keeps_both_urls() -> None:
    assert 2 == len(publication.endnote(5).urls)
    assert all(url in publication.endnote(5).text for url in publication.endnote(5).urls)


def test_domains_and_themes_list_their_endnotes() -> None:
    """The domain texts carry ⁶-⁸ (Overview) and ¹¹-¹³ (domain pages); Instructional carries none."""
    expected = {"intrapersonal": [6, 11], "interpersonal": [7, 12], "cognitive": [8, 13], "instructional": []}
    for domain in FW.domains:
        assert expected[domain.key] == [n.number for n in publication.endnotes_of(domain.id)]
        text = f"{domain.overview or ''} {domain.description or ''}"
        assert publication.endnotes_of(domain.id) == tuple(
            sorted(publication.endnotes_in(text), key=lambda n: n.number)
        )
    for theme in ec.Theme:
        marks = publication.endnotes_in(theme.definition)
        assert marks == publication.endnotes_of(f"theme:{theme.code}")
    assert [10] == [n.number for n in publication.endnotes_of("theme:SE")]


def test_items_carry_no_marks() -> None:
    """No competency or indicator of either edition carries a footnote mark: their endnotes are empty."""
    for edition in ec.editions():
        fw = ec.load(edition)
        for item in [*fw.competencies(), *fw.indicators()]:
            assert () == publication.endnotes_of(item.id)
            assert () == publication.marks_in(getattr(item, "statement", None) or getattr(item, "text", ""))


def test_in_the_field_example_endnote() -> None:
    example = next(e for e in toolkit.in_the_field() if e.id == "main-text-6")
    assert (publication.endnote(14),) == publication.endnotes_in(example.text) == publication.endnotes_of(example.ref)


def test_endnotes_in_follows_the_marks_and_dedups() -> None:
    assert [13, 2] == [n.number for n in publication.endnotes_in("a¹³ b² c¹³")]
    assert () == publication.endnotes_in("no marks, 2020")


def test_unknown_marks_and_bad_arguments_raise_the_library_errors() -> None:
    with pytest.raises(UnknownChoiceError, match="15"):
        publication.endnotes_in("x¹⁵")
    with pytest.raises(UnknownChoiceError):
        publication.endnotes_in("x¹", 2015)  # the 2015 copy has no endnotes
    with pytest.raises(UnknownChoiceError):
        publication.endnote(0)
    with pytest.raises(UnknownEditionError):
        publication.endnotes(2019)
    with pytest.raises(UnknownEditionError):
        publication.endnotes("²⁰²⁰")
    for call in (
        lambda: publication.endnotes(None),  # type: ignore[arg-type]
        lambda: publication.endnotes(True),
        lambda: publication.endnote("10"),  # type: ignore[arg-type]
        lambda: publication.endnotes_in(10),  # type: ignore[arg-type]
        lambda: publication.endnotes_of(None),  # type: ignore[arg-type]
        lambda: publication.marks_in(b"\xc2\xb9"),  # type: ignore[arg-type]
    ):
        with pytest.raises(ArgumentTypeError):
            call()
    assert issubclass(ArgumentTypeError, EdCompetenciesError)


@given(st.lists(st.integers(min_value=0, max_value=10**6), max_size=8), st.text(alphabet="ab .,", max_size=5))
def test_marks_in_reads_back_what_superscript_writes(numbers: list[int], sep: str) -> None:
    """Written as superscript marks between ordinary characters, numbers read back in order, each once."""
    text = "x".join(_publication._superscript(n) + sep for n in numbers)
    assert tuple(dict.fromkeys(numbers)) == publication.marks_in(text)


@given(st.text())
def test_marks_in_never_fails_on_a_string(text: str) -> None:
    numbers = publication.marks_in(text)
    assert len(numbers) == len(set(numbers))


def test_endnotes_are_frozen_and_hashable() -> None:
    note = publication.endnote(1)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        note.number = 2  # type: ignore[misc]
    assert {note: 1}[publication.endnote(1)] == 1


# --------------------------------------------------------------------------- Appendix C


def test_framework_sources_are_the_twelve_of_appendix_c() -> None:
    sources = toolkit.framework_sources()
    assert 12 == len(sources) == len(list(sources)) == len(sources.to_records())
    assert "FrameworkSources(appendix='C', 12 sources)" == repr(sources)
    first = sources[0]
    assert ("Big Picture/The Met", None, 2014, None, "Advisor Competencies") == (
        first.organisation,
        first.authors,
        first.year,
        first.month,
        first.title,
    )
    assert first.url.startswith("http://studentsatthecenterhub.org/")
    assert sources[-2:] == sources.sources[-2:]
    assert all(s.url and s.title and s.organisation and 2010 < s.year < 2016 for s in sources)


def test_framework_sources_tabular_verbs() -> None:
    sources = toolkit.framework_sources()
    rows = list(csv.DictReader(io.StringIO(sources.to_csv())))
    assert [s.title for s in sources] == [r["title"] for r in rows]
    assert list(sources.columns) == list(rows[0])
    assert 12 == len(sources.to_jsonl().splitlines())
    assert json.loads(sources.to_jsonl().splitlines()[8])["authors"] == "Barbara Cervone and Kathleen Cushman"
    assert 14 == len(sources.to_markdown().splitlines())
    assert sources.to_html().startswith("<!DOCTYPE html>")
    assert "<title>Appendix C: Framework Sources</title>" in sources.to_html()
    assert sources._repr_html_() == sources.to_html(document=False)
    assert sources.render() == sources.to_text() and 12 == len(sources.to_text().splitlines())
    assert sources.render("markdown") == sources.to_markdown()


# --------------------------------------------------------------------------- Appendix B


def test_approach_text() -> None:
    """Appendix B's eight paragraphs, two of them with lists (three aims, five respondent groups)."""
    a = toolkit.approach()
    assert ("B", "APPROACH TO COMPETENCIES DEVELOPMENT") == (a.appendix, a.title)
    assert [0, 0, 0, 0, 0, 3, 5, 0] == [len(p.items) for p in a.passages]
    assert "how a small subset of educators viewed" in a.passages[5].text
    assert a.passages[-1].text == toolkit.respondents().introduction
    assert a.text.count("\n- ") == 8
    assert "Approach(appendix='B', 8 passages)" == repr(a)


# --------------------------------------------------------------------------- the User Guide


def test_user_guide_shape() -> None:
    """Two questions, 5 and 7 strategies, five reminders; its eight boxes are the toolkit's user-guide examples."""
    guide = toolkit.user_guide()
    assert [5, 7] == [len(q.strategies) for q in guide.questions]
    assert 5 == len(guide.reminders)
    assert "The Purpose of this Tool" == guide.purpose_heading
    boxes = [i for s in guide.strategies for i in s.in_the_field]
    assert [e.id for e in toolkit.in_the_field(part="user-guide")] == boxes
    assert all(s.paragraphs for s in guide.strategies)
    for q in guide.questions:
        for e in toolkit.in_the_field(part="user-guide"):
            if e.id in {i for s in q.strategies for i in s.in_the_field}:
                assert q.heading == e.heading
    assert "UserGuide(2 questions, 12 strategies)" == repr(guide)
    assert repr(guide.questions[0]).startswith("UserGuideQuestion('How can educators")


def test_user_guide_tabular_verbs() -> None:
    guide = toolkit.user_guide()
    records = guide.to_records()
    assert 12 == len(records) and list(guide.columns) == list(records[0])
    assert "user-guide-4 user-guide-5" == records[5]["in_the_field"]
    text = guide.to_text()
    for s in guide.strategies:
        assert s.heading in text and all(p in text for p in s.paragraphs)
    assert guide.to_markdown().startswith("# User Guide: Who should use the Educator Competencies and how?")
    assert "<h3>Create micro-credentials.</h3>" in guide.to_html(document=False)
    assert guide.render("csv") == guide.to_csv()


# --------------------------------------------------------------------------- the 2015 overview


def test_2015_overview_principles() -> None:
    o = publication.overview(2015)
    assert o is not None and o == publication.overview("2015") == publication.overview()
    assert 4 == len(o.key_principles) and 6 == len(o.guiding_principles)
    assert "Guiding Principles" == o.guiding_principles.heading
    assert o.guiding_principles.introduction.text.endswith("We determined that the Competencies should:")
    assert o.key_principles.conclusion is not None
    assert o.key_principles.conclusion.text.startswith("In combination")
    assert all(
        p.startswith("Be ") or p.startswith("Not ") or p.startswith(("Align", "Convey", "Focus"))
        for p in o.guiding_principles
    )
    assert "Principles('Guiding Principles', 6 items)" == repr(o.guiding_principles)
    assert None is publication.overview(2020)
    with pytest.raises(UnknownEditionError):
        publication.overview(2016)


def test_passage_renders() -> None:
    p = publication.Passage("Lead *in*:", ["a|b", "c"])
    assert "Lead *in*:\n- a|b\n- c" == p.to_text()
    assert "Lead \\*in\\*:\n\n- a\\|b\n- c" == p.to_markdown()
    assert "Passage('Lead *in*:', 2 items)" == repr(p)


# --------------------------------------------------------------------------- notes


def test_publication_notes_are_source_notes() -> None:
    notes = publication.notes(2020)
    assert {"endnote-marks-out-of-order", "approach-page-break", "endnotes-unreferenced-texts"} <= {n.id for n in notes}
    assert all(isinstance(n, ec.SourceNote) and n.source and n.source.startswith("003_") for n in notes)
    assert publication.notes("2015") == publication.notes(2015)
    assert all(n.source == "000_2020076ada269fb4.txt" for n in publication.notes(2015))
    with pytest.raises(UnknownEditionError):
        publication.notes(1999)


def test_unreferenced_endnotes_are_the_ones_the_note_names() -> None:
    note = next(n for n in publication.notes() if n.id == "endnotes-unreferenced-texts")
    assert [f"endnote:{n.number}" for n in publication.endnotes() if not n.references] == list(note.items)


@given(st.text(alphabet=_publication.SUPERSCRIPTS, min_size=10, max_size=6000))
def test_a_run_too_long_for_a_number_is_no_mark(run: str) -> None:
    """More superscript digits than any number has (even more than int() reads) are reported, not crashed on."""
    assert () == publication.marks_in(f"x{run}")
    with pytest.raises(UnknownChoiceError):
        publication.endnotes_in(f"x{run}")


def test_the_model_lists_each_text_s_endnotes() -> None:
    """``fw.endnotes`` and an item's, a domain's or a theme's ``endnotes`` delegate to the publication data."""
    import edcompetencies as ec

    fw = ec.load(2020)
    assert tuple(range(1, 15)) == tuple(n.number for n in fw.endnotes)
    assert {"intrapersonal": [6, 11], "interpersonal": [7, 12], "cognitive": [8, 13], "instructional": []} == {
        d.key: [n.number for n in d.endnotes] for d in fw.domains
    }
    assert [10] == [n.number for n in ec.Theme.SE.endnotes] and () == ec.Theme.FC.endnotes
    assert all(i.endnotes == () for i in fw.items() if i.kind != "domain")
    assert () == ec.load(2015).endnotes
    own = ec.Framework(edition="district-2024", title="Ours", domains=())
    assert () == own.endnotes
