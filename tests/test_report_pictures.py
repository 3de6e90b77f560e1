"""Pictures in the diff's report and on the command line (issue 13 point 5)."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

import edcompetencies as ec
from edcompetencies import crosswalk, diff, pictures, themes
from edcompetencies.errors import ArgumentTypeError


def curated() -> diff.Diff:
    return diff.compare(ec.load(2015), ec.load(2020), lineage=ec.lineage(2015, 2020))


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "edcompetencies", *args], capture_output=True, text=True, encoding="utf-8", timeout=60
    )


def test_the_html_report_embeds_the_lineage_diagram_and_the_chart() -> None:
    d = curated()
    page = d.to_html()
    assert 2 == page.count("<svg") and 25 == page.count('class="band"')
    assert page.index("</table>") < page.index("<svg") < page.index("<h3>")  # after the summary, before the changes
    assert 0 == d.to_html(pictures=False).count("<svg")
    assert 2 == d.to_html(document=False).count("<svg") == d._repr_html_().count("<svg")
    ids = re.findall(r' id="([^"]+)"', page)
    assert len(ids) == len(set(ids))  # two pictures, no pattern ID twice
    for ref in re.findall(r"url\(#([^)]+)\)", page):
        assert ref in ids
    with pytest.raises(ArgumentTypeError):
        d.to_html(pictures="no")  # type: ignore[arg-type]
    with pytest.raises(ArgumentTypeError):
        d.to_html(document=None)  # type: ignore[arg-type]


def test_a_selection_draws_only_its_items() -> None:
    d = curated().select(domains="cognitive")
    svg = d.sankey().to_svg()
    nodes = re.findall(r'<rect class="node"[^>]*><title>([^<]+)</title>', svg)
    assert nodes and not any("instructional" in n for n in nodes)
    assert len(nodes) < len(re.findall(r'<rect class="node"', curated().sankey().to_svg()))
    assert "2020:instructional" not in d.to_html()


def test_diff_format_svg_writes_the_chosen_picture() -> None:
    d = curated()
    default = run("diff", "2015", "2020", "--format", "svg")
    assert 0 == default.returncode, default.stderr
    assert d.sankey().to_svg() + "\n" == default.stdout
    chart = run("diff", "2015", "2020", "--format", "svg", "--picture", "chart").stdout
    assert d.summary().chart().to_svg() + "\n" == chart
    fine = run("diff", "2015", "2020", "--format", "svg", "--picture", "sankey-indicators").stdout
    assert 143 == fine.count('class="band"')
    ET.fromstring(fine)
    assert 2 == run("diff", "2015", "2020", "--picture", "chart").returncode
    assert 2 == run("diff", "2015", "2020", "--no-pictures").returncode
    page = run("diff", "2015", "2020", "--format", "html", "--no-pictures").stdout
    assert page.startswith("<!DOCTYPE html>") and "<svg" not in page


def _patterns(svg: str) -> dict[str, str]:
    """Category -> the pattern drawn over its colour (the pattern element's inner shapes)."""
    return dict(re.findall(r'<pattern id="p-([^"]+)"[^>]*><rect[^>]*/>(.*?)</pattern>', svg))


def test_well_known_categories_keep_their_pattern_in_every_picture() -> None:
    """The same kind gets the same pattern whichever other kinds a picture holds."""
    d = curated()
    seen: dict[str, str] = {}
    for picture in (
        d.sankey(),
        d.sankey(level="indicator"),
        d.summary().chart(),
        d.select(kinds="added").summary().chart(),
        d.select(kinds=["reworded", "added"]).sankey(),
        themes.counts(ec.load(2020)).chart(),
        crosswalk.heatmap(),
        pictures.bars([("P", [("r", {"added": 1})])], ("added",)),
    ):
        for name, shape in _patterns(picture.to_svg()).items():
            assert seen.setdefault(name, shape) == shape, name
    assert seen["reworded"] != seen["added"] != seen["removed"]
