"""Tables (records, CSV, JSON Lines, DataFrame) and printable views (Markdown, HTML) of a framework."""

from __future__ import annotations

import csv
import io
import json
import sys
from html.parser import HTMLParser

import pytest
from hypothesis import given

import edcompetencies as ec
from edcompetencies import themes
from edcompetencies._views import COLUMNS
from edcompetencies.errors import MissingExtraError, UnknownFormatError

from .strategies import frameworks


@pytest.fixture(scope="module")
def fw() -> ec.Framework:
    return ec.load(2020)


# --------------------------------------------------------------------------- records


def test_one_record_per_item_in_document_order(fw: ec.Framework) -> None:
    rows = fw.to_records()
    assert list(fw.ids()) == [r["id"] for r in rows]
    assert 4 + 23 + 101 + 22 == len(rows)
    assert list(COLUMNS) == list(rows[0])
    kinds = [r["kind"] for r in rows]
    assert (4, 23, 101, 22) == tuple(kinds.count(k) for k in ("domain", "competency", "indicator", "sub-indicator"))


def test_record_of_a_sub_indicator(fw: ec.Framework) -> None:
    """Instructional 4 a ii: "Enabling students to choose and co-design curricula." """
    row = next(r for r in fw.to_records() if r["id"] == "2020:instructional.4.a.ii")
    assert row == {
        "edition": 2020,
        "id": "2020:instructional.4.a.ii",
        "kind": "sub-indicator",
        "domain": "instructional",
        "domain_name": "Instructional",
        "competency": 4,
        "label": "ii",
        "depth": 3,
        "path": "instructional.4.a.ii",
        "parent": "2020:instructional.4.a",
        "title": None,
        "text": "Enabling students to choose and co-design curricula.",
        "themes": "",
        "code": None,  # the publisher's code, item type and identifier: none in the packaged editions
        "item_type": None,
        "identifier": None,
    }


def test_2015_records_carry_the_short_titles() -> None:
    rows = ec.load(2015).to_records()
    first = next(r for r in rows if r["id"] == "2015:intrapersonal.1")
    assert "Support All Learners" == first["title"] and 1 == first["depth"] and "2015:intrapersonal" == first["parent"]
    domain = rows[0]
    assert (None, None, 0, None) == (domain["competency"], domain["label"], domain["depth"], domain["parent"])


def test_csv_reads_back_as_the_records(fw: ec.Framework) -> None:
    text = fw.to_csv()
    assert text.startswith(",".join(COLUMNS) + "\r\n")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    expected = [{k: "" if v is None else str(v) for k, v in r.items()} for r in fw.to_records()]
    assert expected == rows


def test_jsonl_is_one_record_per_line(fw: ec.Framework) -> None:
    lines = fw.to_jsonl().splitlines()
    assert fw.to_records() == [json.loads(line) for line in lines]
    assert "“" in fw.to_jsonl()  # not ASCII-escaped: the publication's characters stay


def test_dataframe(fw: ec.Framework, monkeypatch: pytest.MonkeyPatch) -> None:
    pandas = pytest.importorskip("pandas")
    frame = fw.to_dataframe()
    assert isinstance(frame, pandas.DataFrame)
    assert [*COLUMNS, "FC", "EI", "SE", "RL"] == list(frame.columns) and 150 == len(frame)  # a flag per theme
    assert 101 == int((frame["kind"] == "indicator").sum())
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(MissingExtraError, match=r"pip install 'edcompetencies\[pandas\]'"):
        fw.to_dataframe()


def test_a_selection_exports_only_its_items(fw: ec.Framework) -> None:
    ei = themes.filter(fw, "EI")
    assert list(ei.ids()) == [r["id"] for r in ei.to_records()]
    assert len(ei.to_jsonl().splitlines()) == len(ei.ids())


# --------------------------------------------------------------------------- Markdown


def test_markdown_is_laid_out_like_the_publication(fw: ec.Framework) -> None:
    md = fw.to_markdown()
    assert md.startswith("# Educator Competencies for Personalized, Learner-Centered Environments (2020)\n")
    assert "Theme key: `FC` Foundational Competency; `EI` Equity and Inclusion;" in md
    assert "\n## Intrapersonal (Need to Reflect)\n" in md
    assert "\n### Competency 1 `FC`\n" in md
    assert "\n- **b.** Demonstrate awareness of and remedies for unintentional biases" in md
    assert "productivity. `EI` `RL`\n" in md
    assert "\n  - **ii.** Enabling students to choose and co-design curricula.\n" in md
    assert md.index("## Intrapersonal") < md.index("## Interpersonal") < md.index("## Cognitive")
    assert "\n## Source notes\n" in md and "## Source notes" not in fw.to_markdown(notes=False)


def test_markdown_2015_uses_the_short_titles() -> None:
    md = ec.load(2015).to_markdown()
    assert "\n### 1. Support All Learners\n" in md
    assert "Theme key" not in md


def test_markdown_escapes_what_would_change_the_meaning() -> None:
    base = ec.load(2020).select(ids=["instructional.8"])
    import attrs

    c = attrs.evolve(base["instructional.8"], statement="Use *bold* [links](x) <b>tags</b> | pipes & &amp; ok")
    fw = attrs.evolve(base, domains=[attrs.evolve(base.domains[0], competencies=[c])])
    md = fw.to_markdown()
    assert r"Use \*bold\* \[links\](x) \<b>tags\</b> \| pipes & &amp;amp; ok" in md


def test_item_markdown(fw: ec.Framework) -> None:
    md = fw["instructional.4"].to_markdown()  # type: ignore[union-attr]
    assert md.startswith("### Competency 4 `FC`\n\nPromote student agency")
    assert fw.domain("cognitive").to_markdown().startswith("## Cognitive (Need to Know)\n")


def test_every_kind_of_node_renders_itself_as_markdown_and_html() -> None:
    """A domain, a competency, an indicator and a sub-indicator have the same two views."""
    fw = ec.load(2015)
    indicator = next(i for i in fw.indicators() if i.children)
    sub = indicator.children[0]
    assert indicator.to_markdown().startswith(f"- **{indicator.label}.** ")
    assert f"  - **{sub.label}.** " in indicator.to_markdown()
    assert sub.to_markdown().startswith(f"- **{sub.label}.** ")
    for node in (fw.domains[0], fw.domains[0].competencies[0], indicator, sub):
        assert node.to_markdown().endswith("\n") and node._repr_html_().startswith("<")


# --------------------------------------------------------------------------- HTML


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.data: list[str] = []
        self.ids: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.ids += [v for k, v in attrs if k == "id" and v is not None]

    def handle_data(self, data: str) -> None:
        self.data.append(data)


def parse(html: str) -> _Collector:
    collector = _Collector()
    collector.feed(html)
    collector.close()
    return collector


ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "article", "header", "h1", "h2", "h3", "p",
    "section", "ul", "li", "span", "b",
}  # fmt: skip


def test_html_is_a_self_contained_printable_page(fw: ec.Framework) -> None:
    page = fw.to_html()
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert '<meta charset="utf-8">' in page and "@media print" in page
    assert "http" not in page.split("<body>")[0]  # no external stylesheet or font
    parsed = parse(page)
    assert set(parsed.tags) <= ALLOWED_TAGS
    assert "script" not in parsed.tags and "link" not in parsed.tags and "img" not in parsed.tags
    assert set(fw.ids()) <= set(parsed.ids)  # every item is an anchor
    assert '<span class="badge badge-EI" title="Equity and Inclusion">EI</span>' in page


def test_html_carries_every_text_of_the_framework(fw: ec.Framework) -> None:
    text = "".join(parse(fw.to_html()).data)
    for item in fw.items():
        assert item.text in text, item.id


@given(frameworks())
def test_html_and_markdown_escape_any_text(fw: ec.Framework) -> None:
    """Whatever the text (`<script>`, quotes, `&`), the page parses to exactly that text."""
    parsed = parse(fw.to_html())
    assert set(parsed.tags) <= ALLOWED_TAGS
    text = "".join(parsed.data)
    for item in fw.items():
        assert item.text in text
    assert set(fw.ids()) <= set(parsed.ids)
    assert fw.to_markdown().count("\n# ") == 0  # one top heading only, whatever the text


def test_notebook_display_of_framework_domain_competency_indicator(fw: ec.Framework) -> None:
    frag = fw._repr_html_()
    assert frag.startswith("<style>") and "<!DOCTYPE" not in frag and "Source notes" not in frag
    domain = fw.domain("cognitive")._repr_html_()
    assert '<section class="edc-domain" id="2020:cognitive">' in domain
    assert "Need to Know" in domain
    comp = fw["instructional.4"]._repr_html_()
    assert '<section class="edc-comp" id="2020:instructional.4"><h3>Competency 4' in comp
    assert "co-design curricula." in comp
    indicator = fw["instructional.4.a"]._repr_html_()
    assert 'id="2020:instructional.4.a.iv"' in indicator


def test_render_dispatches_and_refuses_unknown_formats(fw: ec.Framework) -> None:
    assert fw.render("csv") == fw.to_csv()
    assert fw.render("jsonl") == fw.to_jsonl()
    assert fw.render("json") == ec.dumps(fw)
    assert fw.render("markdown") == fw.to_markdown()
    assert fw.render("html") == fw.to_html()
    assert fw.render() == fw.render("text") and fw.render().startswith(f"{fw.title} ({fw.edition})\n")
    with pytest.raises(UnknownFormatError, match="choose one of text, csv, jsonl, json, markdown, html"):
        fw.render("pdf")
