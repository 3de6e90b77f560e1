"""The 2020 toolkit: prioritized competencies, assessment and reflection tools, rubrics, field examples."""

from __future__ import annotations

import contextlib
import copy
import csv
import io
import json
import re
import sys
from html.parser import HTMLParser

import pytest
from hypothesis import given
from hypothesis import strategies as st

import edcompetencies as ec
from edcompetencies import _toolkit_data, toolkit
from edcompetencies.errors import (
    FrameworkFormatError,
    NotInToolkitError,
    UnknownChoiceError,
    UnknownFormatError,
    UnknownItemError,
)

from . import datacheck
from .strategies import frameworks, hostile_json_values, hostile_strings

FW = ec.load(2020)
OLD = ec.load(2015)
HOSTILE = "<script>alert('x')</script> & | *bold* `code` \"quoted\" [link](http://x) # ==SUM(A1)\nsecond line"

# --------------------------------------------------------------------------- prioritized competencies


def test_six_prioritized_competencies_resolved_to_the_main_text() -> None:
    """Intrapersonal 1, 2 and 4, Interpersonal 1, Cognitive 4 and Instructional "5" (main text 4)."""
    found = toolkit.prioritized()
    assert 6 == len(found)
    assert all(c in FW for c in found)
    assert ["2020:intrapersonal.1", "2020:intrapersonal.2", "2020:intrapersonal.4"] == [c.id for c in found[:3]]
    assert FW["instructional.4"] is found[-1]


def test_renumbered_competency_keeps_the_toolkit_number_and_has_a_note() -> None:
    entry = toolkit.prioritized_entries()[-1]
    assert (5, "2020:instructional.4", "text", True) == (
        entry.toolkit_number,
        entry.competency_id,
        entry.resolution,
        entry.renumbered,
    )
    assert entry.text == entry.competency.statement
    assert "toolkit-instructional-5-numbering" in [n.id for n in entry.notes()]
    assert "toolkit-instructional-5-numbering" in [n.id for n in toolkit.notes_for(FW["instructional.4"])]
    assert [False] * 5 == [p.renumbered for p in toolkit.prioritized_entries()[:5]]


def test_every_quoted_competency_differing_from_the_main_text_is_noted() -> None:
    quoted = list(toolkit.prioritized_entries())
    quoted += [e.printed for e in toolkit.assessment_tool().entries]
    quoted += [e.printed for e in toolkit.reflection_tool().entries]
    for p in quoted:
        assert p.competency.domain_key == p.domain
        if p.match != "exact" or p.renumbered:
            assert toolkit.notes_for(p.competency_id), p


# --------------------------------------------------------------------------- assessment tool


def test_four_levels_with_definitions() -> None:
    levels = toolkit.levels()
    assert list(toolkit.LEVELS) == [lv.key for lv in levels]
    assert ["ESTABLISHING", "DEVELOPING", "OPERATIONALIZING", "REFINING"] == [lv.heading for lv in levels]
    assert all(lv.definition.startswith("You ") for lv in levels)


def test_assessment_tool_unpacks_four_competencies() -> None:
    tool = toolkit.assessment_tool()
    assert ["2020:intrapersonal.1", "2020:interpersonal.1", "2020:cognitive.4", "2020:instructional.4"] == [
        e.competency.id for e in tool.entries
    ]
    for entry in tool.entries:
        for level in toolkit.LEVELS:
            assert entry.level(level), (entry.competency.id, level)
        assert entry.level(tool.levels[0]) == entry.establishing


def test_operationalizing_restates_the_indicators_in_order() -> None:
    for entry in toolkit.assessment_tool().entries:
        refs = [r for d in entry.operationalizing for r in d.refs]
        expected = [i.id for i in entry.competency.walk()]
        assert expected[: len(refs)] == refs or sorted(refs) == sorted(set(refs) & set(expected))
        assert all(d.resolution == "position" for d in entry.operationalizing)
        for d in entry.operationalizing:
            if d.match == "different":
                assert set(d.refs) & {i for n in toolkit.notes_for(d.refs[0]) for i in n.items}


def test_refining_refers_to_intrapersonal_4() -> None:
    for entry in toolkit.assessment_tool().entries:
        assert ("2020:intrapersonal.4",) == entry.refining[-1].refs


def test_assessment_lookup_errors() -> None:
    assert toolkit.assessment("2020:cognitive.4") is toolkit.assessment(FW["cognitive.4"])
    with pytest.raises(NotInToolkitError, match="assessment-tool-four-of-six") as info:
        toolkit.assessment("intrapersonal.2")
    assert isinstance(info.value, LookupError) and len(info.value.available) == 4
    with pytest.raises(NotInToolkitError) as info:
        toolkit.assessment("cognitive.1")
    assert info.value.reason is None
    with pytest.raises(UnknownItemError, match="not a competency"):
        toolkit.assessment("cognitive.4.a")
    with pytest.raises(UnknownItemError, match="2020 competencies only"):
        toolkit.assessment(OLD["cognitive.1"])
    with pytest.raises(UnknownChoiceError, match="unknown implementation level"):
        toolkit.assessment("cognitive.4").level("mastering")


# --------------------------------------------------------------------------- reflection tool


def test_reflection_tool_has_two_entries_kept_as_printed() -> None:
    tool = toolkit.reflection_tool()
    assert ["2020:interpersonal.1", "2020:instructional.4"] == [e.competency.id for e in tool.entries]
    first, second = tool.entries
    assert 4 == len(first.reflective_questions) and 4 == len(first.look_fors)
    # the source duplicates the questions and look-fors; the copy is kept and noted
    assert (first.reflective_questions, first.look_fors) == (second.reflective_questions, second.look_fors)
    assert "reflection-tool-instructional-duplicated-questions" in [n.id for n in second.printed.notes()]
    # the garbled run-on indicator g refers to two main-text indicators
    g = next(i for i in second.indicators if i.label == "g")
    assert ("2020:instructional.4.g", "2020:instructional.2.d") == g.refs
    assert ["a", "b", "c", "d", "e", "f", "g", "h"] == [i.label for i in second.indicators]


def test_reflection_lookup() -> None:
    assert toolkit.reflection("interpersonal.1").look_fors[2] == "Student testimony"
    with pytest.raises(NotInToolkitError, match="reflection-tool-two-of-six"):
        toolkit.reflection("cognitive.4")


# --------------------------------------------------------------------------- rubrics


def test_directions_columns() -> None:
    directions = toolkit.simple_rubric()
    assert [("developing", "left"), ("operationalizing", "middle"), ("refining", "right")] == [
        (c.key, c.position) for c in directions.columns
    ]
    assert "Evidence of practicing/approaching mastery" == directions.columns[0].description


@pytest.mark.parametrize("competency", [*FW.competencies(), *OLD.competencies()], ids=lambda c: c.id)
def test_a_rubric_for_every_competency_of_either_edition(competency: ec.Competency) -> None:
    r = toolkit.rubric(competency)
    assert [i.id for i in competency.indicators] == [row.indicator.id for row in r.rows]
    assert all(row.developing is None and row.refining is None for row in r.rows)
    assert r == toolkit.rubric(competency.id)
    md, page, table = r.to_markdown(), r.to_html(), r.to_csv()
    assert md.count("\n| ") == len(r.rows) + 1  # header row and one row per indicator
    assert page.startswith("<!DOCTYPE html>") and page.count("<tr id=") == len(r.rows)
    assert len(r.rows) == len(list(csv.DictReader(io.StringIO(table))))
    assert r._repr_html_() == r.to_html(document=False)
    assert r.render("markdown") == md and r.render("html") == page and r.render("csv") == table


def test_rubric_matches_figure_one() -> None:
    """Figure 1 is Instructional 2's rubric; its rows are the main-text indicators a-e."""
    example = toolkit.simple_rubric().example
    r = toolkit.rubric("instructional.2")
    assert [ref for row in example.rows for ref in row.refs] == [row.indicator.id for row in r.rows]
    assert example.heading == r.heading
    assert example.competency_heading == r.competency_heading
    assert example.citation == r.citation


def test_rubric_of_a_competency_with_sub_indicators() -> None:
    r = toolkit.rubric("instructional.4")
    first = r.rows[0]
    assert first.operationalizing.splitlines()[1] == "i. " + FW["instructional.4.a.i"].text
    assert "<br>i. Providing access" in r.to_markdown()
    assert '<ul class="sub-indicators">' in r.to_html()


def test_fill_records_evidence() -> None:
    r = toolkit.rubric("instructional.7").fill("b", developing=HOSTILE).fill("2020:instructional.7.c", refining="x")
    assert (HOSTILE, None) == (r.rows[1].developing, r.rows[1].refining)
    assert "x" == r.rows[2].refining
    assert toolkit.rubric("instructional.7").rows[1].developing is None  # immutable
    with pytest.raises(UnknownItemError, match="not an indicator"):
        r.fill("z", developing="y")


def test_rubric_argument_errors() -> None:
    with pytest.raises(UnknownItemError, match=r"indicator of 2020:cognitive\.1"):
        toolkit.rubric("cognitive.1.a")
    with pytest.raises(UnknownItemError):
        toolkit.rubric("cognitive.42")
    with pytest.raises(UnknownItemError, match="framework="):
        toolkit.rubric(ec.Competency("mine:d.1", 1, "Use data."))
    for bad in ({"framework": None}, {"framework": FW}):
        with pytest.raises(ec.EdCompetenciesError, match="competency must be a competency or its ID, not int") as e:
            toolkit.rubric(4, **bad)  # type: ignore[arg-type]
        assert isinstance(e.value, TypeError)
    with pytest.raises(TypeError, match="framework must be a Framework"):
        toolkit.rubric("cognitive.1", framework="2020")  # type: ignore[arg-type]
    # an item of another framework is refused, not given a rubric under the wrong edition's name
    with pytest.raises(UnknownItemError, match="not an item of the framework given"):
        toolkit.rubric(OLD["cognitive.1"], framework=FW)
    assert toolkit.rubric(FW["cognitive.1"], framework=FW) == toolkit.rubric("cognitive.1")
    with pytest.raises(ec.EdCompetenciesError, match="a 2020 competency or its ID"):
        toolkit.assessment(4)  # type: ignore[arg-type]
    with pytest.raises(UnknownFormatError, match=r"markdown, html, csv"):
        toolkit.rubric("cognitive.1").render("pdf")


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _hostile_framework(text: str) -> tuple[ec.Framework, ec.Competency]:
    indicators = [ec.Indicator("mine:d.1.a", "a", text, children=[ec.Indicator("mine:d.1.a.i", "i", text)])]
    competency = ec.Competency("mine:d.1", 1, text, indicators=indicators)
    return ec.Framework("mine", text, [ec.Domain("mine:d", "d", text, [competency])]), competency


@given(st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40).filter(str.strip))
def test_html_escapes_everything(text: str) -> None:
    fw, competency = _hostile_framework(text + HOSTILE)
    r = toolkit.rubric(competency, framework=fw).fill("a", developing=HOSTILE, refining=text)
    page = r.to_html()
    assert "<script>" not in page
    parser = _Text()
    parser.feed(page)
    assert "script" not in parser.tags
    body = "".join(parser.text)
    assert text + HOSTILE in body  # the indicator cell: the text, unchanged, as text
    assert HOSTILE.replace("\n", "") in body  # the evidence cell (its line break becomes <br>)


# Python 3.10's csv reader refuses a NUL (the writer is pinned in test_markup.py): none there.
@given(
    st.text(
        st.characters(blacklist_categories=("Cs",), blacklist_characters="\0" if sys.version_info < (3, 11) else ""),
        min_size=1,
        max_size=40,
    ).filter(str.strip)
)
def test_csv_round_trips_any_text(text: str) -> None:
    fw, competency = _hostile_framework(HOSTILE + text)
    r = toolkit.rubric(competency, framework=fw).fill("a", developing=text, refining=HOSTILE)
    (row,) = list(csv.DictReader(io.StringIO(r.to_csv(escape_formulas=False), newline="")))
    assert r.to_records()[0] == {k: (v if v != "" else None) for k, v in row.items()} | {"label": "a"}


def test_markdown_escapes_table_syntax() -> None:
    fw, competency = _hostile_framework(HOSTILE)
    md = toolkit.rubric(competency, framework=fw).fill("a", developing=HOSTILE).to_markdown()
    table = [line for line in md.splitlines() if line.startswith("| ")]
    for line in table:
        unescaped = line.replace("\\|", "")
        assert 4 == unescaped.count("|")
    assert "\\<script>" in md and re.search(r"(?<!\\)<script", md) is None  # one Markdown escaper: `<` escaped


@given(frameworks())
def test_rubrics_for_any_framework(fw: ec.Framework) -> None:
    for competency in fw.competencies():
        r = toolkit.rubric(competency, framework=fw)
        assert [i.id for i in competency.indicators] == [row.indicator.id for row in r.rows]
        assert r.to_html().count("<tr id=") == len(r.rows)


# --------------------------------------------------------------------------- in the field, respondents, equity


def test_sixteen_field_examples() -> None:
    examples = toolkit.in_the_field()
    assert 16 == len(examples)
    assert (8, 8) == (len(toolkit.in_the_field(part="main-text")), len(toolkit.in_the_field(part="user-guide")))
    by_id = {e.id: e for e in examples}
    for e in examples:
        for copy_id in e.copies:
            assert e.id in by_id[copy_id].copies  # copies are linked both ways
        assert e.after_item is None or e.after_item in FW
        assert e.domain is None or e.domain == FW[e.after_item].domain_key  # type: ignore[index]
    arkansas = {e.id for e in examples if "Arkansas" in e.actors}
    assert arkansas == {e.id for e in toolkit.in_the_field(actor="arkansas")} and len(arkansas) == 5
    assert all(e.domain == "cognitive" for e in toolkit.in_the_field(domain="cognitive"))
    with pytest.raises(ValueError):
        toolkit.in_the_field(domain="emotional")
    with pytest.raises(ValueError):
        toolkit.in_the_field(part="appendix")
    with pytest.raises(TypeError, match="actor must be a string"):
        toolkit.in_the_field(actor=["Arkansas"])  # type: ignore[arg-type]


def test_respondents_table() -> None:
    r = toolkit.respondents()
    assert ("2014", "2019") == r.columns and "B" == r.appendix
    for n, _ in enumerate(r.columns):
        assert sum(row.counts[n] or 0 for row in r.rows) == r.total[n]
    assert (None, 7) == (r.count("students", "2014"), r.count("Students", 2019))
    assert 6 == len(r.to_records()) and {"group", "2014", "2019"} == set(r.to_records()[0])
    with pytest.raises(UnknownChoiceError, match=r"column .*choose one of 2014, 2019"):
        r.count("Students", 2020)
    with pytest.raises(UnknownChoiceError, match="unknown group"):
        r.count("Parents", 2019)
    with pytest.raises(ec.EdCompetenciesError, match="group must be a group name"):
        r.count(2019, "2019")  # type: ignore[arg-type]
    assert "respondents-students-2014" in [n.id for n in toolkit.notes_for("toolkit:respondents")]


def test_centering_equity_has_no_questions_in_the_source() -> None:
    guide = toolkit.centering_equity()
    assert guide.guiding_questions is None
    assert "centering-equity-no-questions" in [n.id for n in toolkit.notes_for("toolkit:centering-equity")]
    assert guide.footnotes[0].text.startswith("National Equity Project")


# --------------------------------------------------------------------------- notes and validation


def test_all_notes_of_the_three_files() -> None:
    notes = toolkit.all_notes()
    assert 41 == len(notes) == len({n.id for n in notes})
    assert 20 == len(toolkit.notes())
    for note in notes:
        assert note.text and note.source and note.source.startswith("003_301b7d7ba3d1d927.txt")
    example = toolkit.in_the_field()[0]
    assert "in-the-field-copies-differ" in [n.id for n in toolkit.notes_for(example)]


def test_toolkit_file_validation() -> None:
    data = copy.deepcopy(_toolkit_data.data("toolkit"))
    data["assessment_tool"]["competencies"][0]["levels"]["refining"][0]["refs"] = ["2020:intrapersonal.9"]
    with pytest.raises(FrameworkFormatError, match="not an item of the 2020 edition") as info:
        datacheck.parse("toolkit", json.dumps(data))
    assert "$.assessment_tool.competencies[0].levels.refining[0].refs[0]" == info.value.path
    data = copy.deepcopy(_toolkit_data.data("toolkit"))
    data["prioritized_competencies"]["competencies"][5]["competency"] = "2020:cognitive.4"
    with pytest.raises(FrameworkFormatError, match="not in the instructional domain"):
        datacheck.parse("toolkit", json.dumps(data))
    data = copy.deepcopy(_toolkit_data.data("toolkit"))
    data["respondents"]["total"]["2019"] = -1
    with pytest.raises(FrameworkFormatError, match="0 or more") as info:
        datacheck.parse("toolkit", json.dumps(data))
    assert "$.respondents.total.2019" == info.value.path
    data = copy.deepcopy(_toolkit_data.data("toolkit"))
    data["in_the_field"][0]["copies"] = ["user-guide-99"]
    with pytest.raises(FrameworkFormatError, match="not an In the field example"):
        datacheck.parse("toolkit", json.dumps(data))
    data = copy.deepcopy(_toolkit_data.data("toolkit"))
    data["implementation_levels"].reverse()
    with pytest.raises(FrameworkFormatError, match="in order"):
        datacheck.parse("toolkit", json.dumps(data))


# --------------------------------------------------------------------------- hostile input (issue 11)

LOOKUPS = {
    "assessment": toolkit.assessment,
    "reflection": toolkit.reflection,
    "rubric": toolkit.rubric,
    "notes_for": toolkit.notes_for,
    "in_the_field(actor=)": lambda x: toolkit.in_the_field(actor=x),
    "in_the_field(domain=)": lambda x: toolkit.in_the_field(domain=x),
    "in_the_field(part=)": lambda x: toolkit.in_the_field(part=x),
}


@given(st.sampled_from(sorted(LOOKUPS)), hostile_strings | hostile_json_values)
def test_lookups_raise_only_the_library_errors(name: str, value: str) -> None:
    with contextlib.suppress(ec.EdCompetenciesError):
        LOOKUPS[name](value)


def test_every_packaged_toolkit_file_keeps_its_rules() -> None:
    """The files are trusted at run time; here every shape and cross-reference rule is checked."""
    from edcompetencies._packaged import read_bytes

    files = {kind: datacheck.parse(kind, read_bytes(name)) for kind, name in datacheck.FILES.items()}
    assert files == {kind: _toolkit_data.data(kind) for kind in datacheck.FILES}
    datacheck.check_note_ids_across_files(files)
    files["glossary"]["notes"].append(dict(files["crosswalk"]["notes"][0]))
    with pytest.raises(FrameworkFormatError, match=r"is also used in crosswalk-2020\.json"):
        datacheck.check_note_ids_across_files(files)


def test_the_toolkit_shapes_refuse_what_the_old_checker_refused() -> None:
    data = copy.deepcopy(_toolkit_data.data("toolkit"))
    data["in_the_field"][0]["labelled"] = 1
    with pytest.raises(FrameworkFormatError, match="expected true or false, found an integer") as info:
        datacheck.parse("toolkit", json.dumps(data))
    assert "$.in_the_field[0].labelled" == info.value.path
    data = copy.deepcopy(_toolkit_data.data("toolkit"))
    data["reflection_tool"]["entries"][0]["match"] = "approximate"
    with pytest.raises(FrameworkFormatError, match="expected one of 'exact', 'typographic', 'different'"):
        datacheck.parse("toolkit", json.dumps(data))
    data = copy.deepcopy(_toolkit_data.data("toolkit"))
    data["centering_equity"]["sections"][0]["blocks"][0]["text"] = "screen\x1b[2J"
    with pytest.raises(FrameworkFormatError, match="control character U\\+001B") as info:
        datacheck.parse("toolkit", json.dumps(data))
    assert "$.centering_equity.sections[0].blocks[0].text" == info.value.path
