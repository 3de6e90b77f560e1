"""The one rendering layer (issue 10 point 3, issue 11 items 5, 7, 10, 11): CSV, Markdown, HTML,
terminal text, and the same verbs on every tabular result."""

from __future__ import annotations

import csv
import io
import re
import sys

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import edcompetencies as ec
from edcompetencies import _markup, crosswalk, glossary, themes, toolkit
from edcompetencies._markup import FORMULA_STARTS, STYLE, csv_text, md_escape, terminal_text
from edcompetencies.errors import ArgumentTypeError, UnknownFormatError

from .strategies import frameworks

# Text a hostile file (or a hostile caller, through attrs) could hold: controls, bidi
# overrides, lone surrogates, formula starts and Markdown block syntax.
_NASTY = [
    "\x1b[2J",
    "\r",
    "\r\n",
    "\n\n# Injected heading\n",
    "\n===\n",
    "\n---\n",
    "\n```\n",
    "\n~~~\n",
    "\n> quote",
    "\n- item",
    "\n1. item",
    "\n    code",
    "\n<div>",
    "\n| a | b |",
    "\u202e",
    "\u2066",
    "\ud800",
    "\x00",
    "\x07",
    "\x9b",
    "\x7f",
    "=1+1",
    "+1",
    "-1",
    "@SUM(A1)",
    "\t",
    "<script>",
    "&amp;",
]
hostile_texts = st.lists(st.one_of(st.sampled_from(_NASTY), st.text(max_size=5)), min_size=1, max_size=6).map("".join)
hostile_frameworks = frameworks(text=hostile_texts, max_domains=2)


# --------------------------------------------------------------------------- CSV


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_csv_neutralises_formula_cells(start: str) -> None:
    """OWASP's advice: a text cell a spreadsheet would run gets a ' in front."""
    text = csv_text([{"a": f"{start}HYPERLINK(x)", "b": "ok"}], ["a", "b"])
    (row,) = list(csv.DictReader(io.StringIO(text, newline="")))
    assert f"'{start}HYPERLINK(x)" == row["a"] and "ok" == row["b"]


def test_csv_leaves_numbers_and_machine_csv_alone() -> None:
    text = csv_text([{"n": -1, "x": 0.5, "t": "-1"}], ["n", "x", "t"])
    assert "n,x,t\r\n-1,0.5,'-1\r\n" == text
    assert "t\r\n-1\r\n" == csv_text([{"t": "-1"}], ["t"], escape_formulas=False)
    with pytest.raises(ArgumentTypeError):
        csv_text([], ["t"], escape_formulas="no")  # type: ignore[arg-type]


def test_csv_quotes_a_bare_cr() -> None:
    text = csv_text([{"a": "x\ry", "b": None}], ["a", "b"])
    assert 'a,b\r\n"x\ry",\r\n' == text
    assert [["a", "b"], ["x\ry", ""]] == list(csv.reader(io.StringIO(text, newline=""), strict=True))


# Python 3.10's csv *reader* refuses a NUL ("line contains NUL"): the round trips read back without
# one there; test_csv_writes_a_nul_the_same_on_every_python pins the bytes written.
CSV_TEXT = st.characters(blacklist_categories=("Cs",), blacklist_characters="\0" if sys.version_info < (3, 11) else "")


def test_csv_writes_a_nul_the_same_on_every_python() -> None:
    """Python 3.10's csv writer refuses a NUL; the library writes it as 3.11 and later do (unquoted)."""
    rows = [{"a": "x\0y", "b": "\0", "c": 'q\0"', "d": "\ue000"}]
    assert 'a,b,c,d\r\nx\0y,\0,"q\0""",\ue000\r\n' == csv_text(rows, ["a", "b", "c", "d"], escape_formulas=False)


@given(st.lists(st.text(CSV_TEXT), min_size=1, max_size=4))
def test_machine_csv_round_trips_any_text(cells: list[str]) -> None:
    columns = [f"c{n}" for n in range(len(cells))]
    text = csv_text([dict(zip(columns, cells, strict=True))], columns, escape_formulas=False)
    assert [columns, cells] == list(csv.reader(io.StringIO(text, newline=""), strict=True))
    assert text.endswith("\r\n")


@given(st.text(CSV_TEXT))
def test_people_csv_never_starts_a_cell_with_a_formula(cell: str) -> None:
    text = csv_text([{"a": cell}], ["a"])
    (_, (read,)) = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    assert not read.startswith(FORMULA_STARTS)
    assert read in (cell, "'" + cell)


def test_every_writer_writes_the_same_csv() -> None:
    fw = ec.load(2020)
    assert csv_text(fw.to_records(), _markup_columns()) == fw.to_csv()
    counts = themes.counts(fw)
    assert csv_text(counts.to_records(), counts.columns) == counts.to_csv()
    r = toolkit.rubric("instructional.2")
    assert csv_text(r.to_records(), ["id", "label", "developing", "operationalizing", "refining"]) == r.to_csv()


def _markup_columns() -> tuple[str, ...]:
    from edcompetencies._views import COLUMNS

    return COLUMNS


# --------------------------------------------------------------------------- Markdown

_BLOCK = re.compile(r" {0,3}(?:#|>|[-+*] |[-+*]$|[0-9]{1,9}[.)]( |$)|`{3}|~{3}|=+\s*$|-+\s*$|<[a-zA-Z/!?]|\|)")


@given(hostile_texts)
def test_no_text_opens_a_markdown_block(text: str) -> None:
    """A text holding "ok\\n\\n# Injected heading", setext underlines, fences, list or quote
    markers, raw HTML or table rows stays on its line, inside its paragraph or cell."""
    inline = md_escape(text)
    assert "\n" not in inline and "\r" not in inline
    assert _BLOCK.match(md_escape(text, line_start=True)) is None
    cell = md_escape(text, newline="<br>")
    assert "\n" not in cell and re.search(r"(?<!\\)\|", cell) is None


def test_markdown_examples() -> None:
    assert "ok # Injected heading" == md_escape("ok\n\n# Injected heading")
    assert "\\# x" == md_escape("# x", line_start=True)
    assert " \\=== x" == md_escape("    === x", line_start=True)
    assert "a<br>b" == md_escape("a\r\nb", newline="<br>")


@given(hostile_frameworks, st.none() | hostile_texts)
def test_framework_markdown_has_only_its_own_blocks(fw: ec.Framework, caption: str | None) -> None:
    md = fw.to_markdown(caption=caption)
    headings = [line for line in md.splitlines() if re.match(" {0,3}#", line)]
    expected = 1 + len(fw.domains) + len(list(fw.competencies())) + (1 if fw.notes else 0)
    assert expected == len(headings)
    items = [line for line in md.splitlines() if re.match(r"\s*- ", line)]
    assert len(list(fw.indicators())) + len(fw.notes) == len(items)
    assert not any(re.fullmatch(r" {0,3}(=+|-+|`{3,}.*|~{3,}.*)\s*", line) for line in md.splitlines())


# --------------------------------------------------------------------------- terminal

_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


@given(hostile_texts)
def test_terminal_text_leaves_nothing_a_terminal_obeys(text: str) -> None:
    safe = terminal_text(text)
    assert _UNSAFE.search(safe.replace("\r\n", "\n")) is None
    safe.encode("utf-8")  # no lone surrogate left


@given(st.text(st.characters(blacklist_categories=("Cc", "Cf", "Cs"))))
def test_terminal_text_keeps_ordinary_text(text: str) -> None:
    assert text == terminal_text(text)
    assert "a\tb\nc\r\n" == terminal_text("a\tb\nc\r\n")


def test_terminal_text_escapes_like_repr() -> None:
    assert "\\x1b[2J\\rAll checks passed\\u202e\\ud800\\x9b\\x7f" == terminal_text(
        "\x1b[2J\rAll checks passed\u202e\ud800\x9b\x7f"
    )


def test_packaged_editions_are_terminal_safe() -> None:
    """`show` prints the packaged editions on a fast path without the terminal writer: this pins
    that their every text is already safe."""
    for edition in ec.editions():
        for row in ec.load(edition).to_records():
            for value in row.values():
                assert not isinstance(value, str) or terminal_text(value) == value


# --------------------------------------------------------------------------- HTML


def _pages() -> dict[str, str]:
    fw = ec.load(2020)
    return {
        "framework": fw.to_html(),
        "rubric": toolkit.rubric("instructional.2").to_html(),
        "counts": themes.counts(fw).to_html(),
        "glossary": glossary.terms().to_html(),
        "crosswalk": crosswalk.alignments().to_html(),
        "respondents": toolkit.respondents().to_html(),
    }


@pytest.mark.parametrize("name", list(_pages()))
def test_one_page_shell_and_one_stylesheet(name: str) -> None:
    page = _pages()[name]
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n')
    assert STYLE in page and page.count("<style>") == 1
    assert re.search(r'class="edc[ "]', page)


def test_the_stylesheet_survives_printing_and_jupyter() -> None:
    assert "@media print" in STYLE and "print-color-adjust:exact" in STYLE
    assert ".edc th,.edc td{text-align:left" in STYLE
    assert re.search(r"\.edc ins,\.edc-diff ins\{[^}]*text-decoration:underline", STYLE)
    assert re.search(r"\.edc del,\.edc-diff del\{[^}]*text-decoration:line-through", STYLE)
    rules = STYLE.replace("@media print{", "")
    for selectors in re.findall(r"([^{}]+)\{[^{}]*\}", rules):
        for selector in selectors.split(","):
            assert selector.strip().startswith((".edc", "table.edc")), selector  # scoped: the notebook is left alone


def test_fragments_carry_the_stylesheet() -> None:
    fw = ec.load(2020)
    for fragment in (fw._repr_html_(), themes.counts(fw)._repr_html_(), toolkit.rubric("cognitive.1")._repr_html_()):
        assert fragment.startswith(f"<style>{STYLE}</style>")


# --------------------------------------------------------------------------- the shared verbs


def _results() -> list[_markup.Tabular]:
    fw = ec.load(2020)
    return [
        themes.counts(fw),
        toolkit.rubric("instructional.4"),
        toolkit.respondents(),
        glossary.terms(),
        glossary.related("ownership"),
        crosswalk.alignments(),
        crosswalk.alignments_for(10),
    ]


@pytest.mark.parametrize("result", _results(), ids=lambda r: type(r).__name__)
def test_every_tabular_result_has_the_same_verbs(result: _markup.Tabular) -> None:
    assert result.render() == result.to_text() == result.render("text")
    assert result.render("markdown") == result.to_markdown()
    assert result.render("csv") == result.to_csv() and result.to_csv().endswith("\r\n")
    assert result.render("jsonl") == result.to_jsonl()
    assert result.render("html") == result.to_html() and result.to_html().startswith("<!DOCTYPE html>")
    assert result._repr_html_() == result.to_html(document=False)
    assert len(result.to_records()) == len(list(csv.DictReader(io.StringIO(result.to_csv(), newline=""))))
    with pytest.raises(UnknownFormatError, match="choose one of text, markdown, html, csv, jsonl"):
        result.render("pdf")
    with pytest.raises(ArgumentTypeError, match="format must be"):
        result.render(3)  # type: ignore[arg-type]
    with pytest.raises(ArgumentTypeError, match="document must be"):
        result.to_html(document="yes")  # type: ignore[arg-type]


@pytest.mark.parametrize("result", _results(), ids=lambda r: type(r).__name__)
def test_every_tabular_result_has_a_dataframe(result: _markup.Tabular) -> None:
    pandas = pytest.importorskip("pandas")
    frame = result.to_dataframe()
    assert isinstance(frame, pandas.DataFrame)
    assert list(result._fields()) == list(frame.columns) and len(result.to_records()) == len(frame)


def test_one_list_of_formats() -> None:
    from edcompetencies._views import EXPORT_FORMATS

    assert set(EXPORT_FORMATS) <= set(_markup.FORMATS)
    assert set(toolkit.RUBRIC_FORMATS) <= set(_markup.FORMATS)


def test_result_tuples_keep_working() -> None:
    assert tuple(glossary.terms()) == glossary.terms() and isinstance(glossary.terms(), tuple)
    assert 78 == len(crosswalk.alignments()) and crosswalk.to_records() == crosswalk.alignments().to_records()
    assert isinstance(crosswalk.alignments(part="one")[0], crosswalk.Alignment)


def test_wrong_argument_types_are_the_librarys_error() -> None:
    fw = ec.load(2020)
    with pytest.raises(ArgumentTypeError, match="caption must be a string"):
        fw.to_html(caption=3)  # type: ignore[arg-type]
    with pytest.raises(ArgumentTypeError, match="caption must be a string"):
        fw.to_markdown(caption=["x"])  # type: ignore[arg-type]
    with pytest.raises(ArgumentTypeError, match="fw must be a Framework"):
        themes.counts("2020")  # type: ignore[arg-type]
    with pytest.raises(ArgumentTypeError, match=r"themes\.filter\(\): fw must be a Framework"):
        themes.filter("2020", "EI")  # type: ignore[arg-type]
    with pytest.raises(ArgumentTypeError, match=r"themes\.tagged\(\): fw must be a Framework"):
        themes.tagged(None, "EI")  # type: ignore[arg-type]
    with pytest.raises(ArgumentTypeError):
        fw.render(None)  # type: ignore[arg-type]
    with pytest.raises(ArgumentTypeError):
        md_escape(3)  # type: ignore[arg-type]


def test_table_is_shared() -> None:
    text = _markup.table(["a", "b"], [("row", [1, 22])], "text", width=3)
    assert "      a   b\nrow   1  22\n" == text
    assert '<table class="edc edc-table">' in _markup.table(["a"], [("<r>", [1])], "html")
    assert "| \\<r> | 1 |" in _markup.table(["a"], [("<r>", [1])], "markdown")
    with pytest.raises(UnknownFormatError):
        _markup.table(["a"], [], "csv")


# --------------------------------------------------------------------------- hostile input, every format


@given(hostile_frameworks)
def test_hostile_frameworks_render_in_every_format(fw: ec.Framework) -> None:
    """No exception but the library's own escapes a renderer, whatever text the model holds."""
    from edcompetencies._views import EXPORT_FORMATS

    for format in EXPORT_FORMATS:
        try:
            out = fw.render(format)
        except ec.EdCompetenciesError:
            continue
        assert isinstance(out, str)
    page = fw.to_html()
    assert "<script>" not in page and "<div>" not in page
    counts = themes.counts(fw)
    for format in ("text", "markdown", "html", "csv", "jsonl"):
        counts.render(format)
    for competency in fw.competencies():
        rubric = toolkit.rubric(competency, framework=fw)
        for format in ("text", "markdown", "html", "csv", "jsonl"):
            rubric.render(format)


def test_views_escape_formulas_keyword() -> None:
    base = ec.load(2020).select(ids=["instructional.8"])
    c = attrs.evolve(base["instructional.8"], statement="=cmd|' /C calc'!A0")
    fw = attrs.evolve(base, domains=[attrs.evolve(base.domains[0], competencies=[c])])
    from edcompetencies._views import to_csv

    assert ",'=cmd|' /C calc'!A0," in to_csv(fw)
    assert ",=cmd|' /C calc'!A0," in to_csv(fw, escape_formulas=False)


@given(st.text())
def test_html_escape_is_the_standard_escape(text: str) -> None:
    import html

    assert html.escape(text, quote=True) == _markup.html_escape(text)


# --------------------------------------------------------------------------- colour and collapsed views (for issue 13)


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("stream", "mode", "environ", "expected"),
    [
        (_Tty(), "auto", {}, True),
        (io.StringIO(), "auto", {}, False),
        (_Tty(), "auto", {"NO_COLOR": "1"}, False),
        (_Tty(), "auto", {"NO_COLOR": ""}, True),  # NO_COLOR counts when not empty
        (_Tty(), "auto", {"TERM": "dumb"}, False),
        (io.StringIO(), "auto", {"FORCE_COLOR": "1"}, True),
        (io.StringIO(), "auto", {"FORCE_COLOR": "0"}, False),
        (_Tty(), "never", {}, False),
        (io.StringIO(), "always", {"NO_COLOR": "1"}, True),  # the option wins over the environment
        (None, "auto", {}, False),
    ],
)
def test_use_color(stream: object, mode: str, environ: dict[str, str], expected: bool) -> None:
    assert expected == _markup.use_color(stream, mode, environ)


def test_use_color_refuses_unknown_modes() -> None:
    with pytest.raises(ec.EdCompetenciesError, match="colour mode 'sometimes'"):
        _markup.use_color(None, "sometimes")


@given(hostile_texts, st.sampled_from(["insert", "delete", "heading", "dim"]))
def test_styled_text_holds_only_the_librarys_own_codes(text: str, style: str) -> None:
    plain = _markup.styled(text, style, color=False)
    assert terminal_text(text) == plain
    coloured = _markup.styled(text, style, color=True)
    assert coloured.count("\x1b") == (2 if plain else 0)
    assert coloured.replace(f"\x1b[{_markup._STYLES[style]}m", "", 1).replace("\x1b[0m", "") == plain


def test_html_details() -> None:
    assert "<details><summary>a &lt;b&gt;</summary><p>x</p></details>" == _markup.html_details("a <b>", "<p>x</p>")
    assert _markup.html_details("s", "", open=True).startswith("<details open>")
