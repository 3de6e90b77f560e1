"""Pictures: plain SVG that parses, escapes every label and carries its meaning beyond colour."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from hypothesis import given
from hypothesis import strategies as st

from edcompetencies import pictures
from edcompetencies.errors import UnknownChoiceError
from edcompetencies.pictures import Band, Node

SVG = "{http://www.w3.org/2000/svg}"


def _parse(p: pictures.Picture) -> ET.Element:
    return ET.fromstring(p.to_svg())


def _classed(root: ET.Element, name: str) -> list[ET.Element]:
    return [e for e in root.iter() if e.get("class") == name]


def test_bars_draw_one_segment_per_nonzero_count_in_the_fixed_order() -> None:
    p = pictures.bars(
        [("By domain", [("a", {"removed": 1, "added": 2}), ("b", {"added": 0})])], ("added", "removed"), title="T"
    )
    root = _parse(p)
    segments = _classed(root, "segment")
    assert ["added", "removed"] == [s.get("data-category") for s in segments]
    assert 2 == len(_classed(root, "legend-entry"))
    assert p._repr_svg_() == p.to_svg() and "T" == p.title
    assert 'fill="url(#p-added)"' in p.to_svg()  # a pattern, not a bare colour


def test_heatmap_marks_each_filled_cell_with_its_category_and_initial() -> None:
    p = pictures.heatmap(["r1", "r2"], ["c1", "c2"], {("r1", "c2"): "one", ("r2", "c1"): "two"}, ("one", "two"))
    cells = _classed(_parse(p), "cell")
    assert ["one", "two"] == [c.get("data-category") for c in cells]
    texts = [t.text for t in _parse(p).iter(SVG + "text")]
    assert "O" in texts and "T" in texts
    marked = pictures.heatmap(["r"], ["c"], {("r", "c"): "one"}, ("one",), marks={"one": "1"})
    assert "1" in [t.text for t in _parse(marked).iter(SVG + "text")]


def test_sankey_draws_one_band_per_band_and_a_box_per_node() -> None:
    left = [Node("o1", "Old 1", "A", 3), Node("o2", "Old 2", "A", 1)]
    right = [Node("n1", "New 1", "A", 2), Node("n2", "New 2", "B", 2)]
    bands = [
        Band("o1", "n1", 2, "same"),
        Band("o1", "n2", 1, "split"),
        Band("o2", None, 1, "removed"),
        Band(None, "n2", 1, "added"),
    ]
    root = _parse(pictures.sankey(left, right, bands, ("same", "split", "added", "removed"), title="S"))
    assert 4 == len(_classed(root, "band"))
    assert 4 == len(_classed(root, "node"))


@given(st.text())
def test_every_label_is_escaped(text: str) -> None:
    """Whatever a label holds, the SVG parses; a label XML can hold reads back as it was."""
    p = pictures.bars([(text, [(text, {text: 1})])], (text,), title=text)
    title = _parse(p).find(SVG + "title")
    assert title is not None
    if not any((c < " " and c not in "\t\n") or "\ud800" <= c <= "\udfff" or c in "\ufffe\uffff" for c in text):
        assert (title.text or "") == text.replace("\r", "\n") or "\r" in text
    s = pictures.sankey([Node("a", text, text)], [Node("b", text, text)], [Band("a", "b", 1, text, text)], (text,))
    _parse(s)


def test_save_and_html(tmp_path: object) -> None:
    from pathlib import Path

    p = pictures.bars([("P", [("r", {"x": 1})])], ("x",), title="Saved")
    path = Path(str(tmp_path)) / "p.svg"
    p.save(path)
    assert path.read_text(encoding="utf-8") == p.to_svg()
    page = p.to_html()
    assert page.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in page and p.to_svg() in page
    assert p.to_svg() in p.to_html(document=False)
    assert repr(p).startswith("<Picture 'Saved'")


def test_the_lineage_diagram_has_one_band_per_curated_link() -> None:
    """Issue 13: a band per lineage link (competencies, or every indicator), a stub per added or removed item."""
    import edcompetencies as ec
    from edcompetencies import diff

    lin = ec.lineage(2015, 2020)
    old, new = ec.load(2015), ec.load(2020)
    d = diff.compare(old, new, lineage=lin)
    for level, kinds in (("competency", ("competency",)), ("indicator", ("indicator", "sub-indicator"))):
        root = _parse(d.sankey(level=level))
        bands = _classed(root, "band")
        links = [x for x in lin.links if old[x.old].kind in kinds]
        unmatched = [u for u in lin.removed if old[u.id].kind in kinds] + [
            u for u in lin.added if new[u.id].kind in kinds
        ]
        assert len(links) + len(unmatched) == len(bands)
        assert {b.get("data-category") for b in bands} <= {k.value for k in diff.ChangeKind}


def test_the_lineage_diagram_of_the_domains() -> None:
    """``level="domain"``: a box per domain (its size the items it holds), a band per aligned pair;
    the default draws the competencies where a diff holds any."""
    import edcompetencies as ec
    from edcompetencies import diff

    old, new = ec.load(2015), ec.load(2020)
    d = diff.compare(old, new, lineage=ec.lineage(2015, 2020))
    root = _parse(d.sankey(level="domain"))
    domain_changes = [c for c in d if c.level == "domain"]
    assert len(domain_changes) == len(_classed(root, "band")) > 0
    assert len(old.domains) + len(new.domains) == len(_classed(root, "node"))
    assert d.sankey().to_svg() == d.sankey(level="competency").to_svg()
    with pytest.raises(UnknownChoiceError):
        d.sankey(level="theme")


def test_the_charts_of_the_library() -> None:
    import edcompetencies as ec
    from edcompetencies import crosswalk, diff, themes

    s = diff.compare(ec.load(2015), ec.load(2020), lineage=ec.lineage(2015, 2020)).summary()
    segments = _classed(_parse(s.chart()), "segment")
    assert sum(int(x.find(SVG + "title").text.rsplit(" ", 1)[1]) for x in segments) == sum(  # type: ignore[union-attr]
        n for row in [*s.by_domain.values(), *s.by_theme.values()] for n in row.values()
    )
    cells = _classed(_parse(crosswalk.heatmap()), "cell")
    assert 80 == len(cells) and {"one", "two", "both"} == {c.get("data-category") for c in cells}
    counted = _classed(_parse(themes.counts(ec.load(2020)).chart()), "segment")
    assert 12 + 28 + 29 + 63 == sum(int(x.find(SVG + "title").text.rsplit(" ", 1)[1]) for x in counted)  # type: ignore[union-attr]
