"""``diff`` on the real CASE packages of ``../shared/reference/case/real/`` (issue 12 points 1 and 4).

The version pairs of its README: the OpenSALT markdown fixture of 2017 and 2019 (one top-level
statement edited), the Webb Depth of Knowledge levels against the SBAC item types (19 top-level
items new), the SBAC math high-school item specification and its edited copy (7 rewordings,
``educationLevel`` changed on all 207 items). In CI the folder must be there (a missing folder
fails); elsewhere these tests skip without it.
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from edcompetencies import case, diff

from .test_case_real import REAL, _real

K = diff.ChangeKind


def _pair(old: str, new: str) -> diff.Diff:
    return diff.compare(case.load(_real(f"{old}.json")), case.load(_real(f"{new}.json")))


def _files() -> list[str]:
    return sorted(p.name for p in REAL.glob("*.json")) if REAL.is_dir() else ["(the folder is missing)"]


@pytest.mark.parametrize("name", _files())
def test_every_real_package_compared_with_itself_is_unchanged(name: str) -> None:
    """Every level compared: each item of each file (top-level items too) is one unchanged change."""
    fw = case.load(_real(name))
    d = diff.compare(fw, fw)
    assert len(d) == sum(1 for _ in fw.items()) and {c.kind for c in d} <= {K.UNCHANGED}
    assert () == d.framework_changes and {} == d.summary().metadata
    assert d.render("text") and d.render("json")


def test_the_markdown_fixture_reports_its_changed_top_level_statement() -> None:
    """Issue 12 point 1: the 2017 -> 2019 pair diffed as empty (its two items are top-level)."""
    d = _pair("opensalt-fixture-markdown-2017", "opensalt-fixture-markdown-2019")
    assert [("md-math", K.UNCHANGED), ("md-table", K.REWORDED)] == [(c.domain, c.kind) for c in d]
    table = d.change_for("2017:md-table")
    assert "This contains a [-table-]{+_table_+} in markdown:" in table.render("text")
    s = d.summary()
    assert "of 2 2017 domains, 1 carried over unchanged, 0 editorially, 1 substantively; 0 removed; 0 added" == (
        s.headline("domain")
    )
    # both files give no version and were last changed in 2017: the title says they are one edition twice
    title = d.render("text").splitlines()[0]
    assert "Changes from 2017 to 2017, two versions of one edition (automatic alignment)" == title
    assert "Summary of the changes from 2017 to 2017, two versions of one edition" in s.to_html()
    # the 2017 file's CFPackageURI and its items' common CFDocumentURI (CFItems.shared) are bookkeeping
    assert () == d.framework_changes
    siblings = _pair("sbac-ela-g5-pt-informational", "sbac-ela-g5-pt-narrative")
    fields = [f.field for f in siblings.framework_changes]
    assert "CFAssociations" in fields and not any(f.endswith((".internal", ".shared")) for f in fields)


def test_a_change_of_publishers_is_listed_once_not_again_as_creator_and_publisher() -> None:
    """The OpenCASE export's creator and publisher against OpenSALT's: the model's ``publishers``
    changed, and the CFDocument's ``creator`` / ``publisher`` the metadata keeps to write them back
    as they were are the same change (``diff._changes.SPELLED_BY``), not two more."""
    d = _pair("compeito-opencase-ja-university-case11", "opensalt-fixture-empty")
    fields = [f.field for f in d.framework_changes]
    assert "publishers" in fields and not {"creator", "publisher"} & set(fields)
    assert "language" in fields  # the metadata that spells no framework field is still compared
    old = case.load(_real("compeito-opencase-ja-university-case11.json"))
    assert {"creator", "publisher"} <= set(old.metadata)  # there to be listed, and left out


def test_a_flat_framework_draws_its_top_level_items_not_an_empty_diagram() -> None:
    """A framework of top-level items only has no competency to draw: the default diagram (and the
    HTML report's, and the command line's ``sankey``) draws its domains, each label cut to 40
    characters (they are the statements); ``sankey-domains`` draws the domains of any diff."""
    d = _pair("opensalt-fixture-markdown-2017", "opensalt-fixture-markdown-2019")
    svg = d.sankey().to_svg()
    assert "what became of each domain" in svg and svg == d.sankey(level="domain").to_svg()
    assert 2 == svg.count('class="band"') and 4 == svg.count('class="node"')
    assert "what became of each domain" in d.to_html()
    texts = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    assert "This contains a table in markdown: | Co\u2026" in texts  # 40 characters, the statement cut
    assert all(len(t) <= 40 for t in texts if t.startswith("This contains"))
    assert (
        "what became of each competency" in _pair("sbac-webb-dok-levels", "sbac-item-response-types").sankey().to_svg()
    )
    args = [sys.executable, "-m", "edcompetencies", "diff", _real("sbac-webb-dok-levels.json")]
    out = subprocess.run(
        [*args, _real("sbac-item-response-types.json"), "--format", "svg", "--picture", "sankey-domains"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "what became of each domain" in out and 3 + 19 == out.count('class="node"')


def test_a_flat_list_counts_its_new_items_as_added() -> None:
    """Issue 12 point 1: the 19 item types (all top-level) against the DOK levels were never counted."""
    d = _pair("sbac-webb-dok-levels", "sbac-item-response-types")
    s = d.summary()
    assert 19 == s.fates["domain"]["added"] == s.by_kind["domain"]["added"] == len(d.select(kinds="added"))
    assert (3, 19) == s.totals["domain"] and 3 == s.fates["domain"]["removed"]


def test_the_math_hs_pair_reports_its_seven_rewordings() -> None:
    """What works before the reader keeps the metadata: 7 full statements changed (images. -> case.)."""
    d = _pair("sbac-math-hs-claim2-item-spec", "sbac-math-hs-claim2-item-spec-edlevel-edited")
    reworded = [c for c in d if c.text_change is K.REWORDED]
    assert 7 == len(reworded) and all("case." in c.new.text for c in reworded)  # type: ignore[union-attr]
    assert 207 == len(d) and 207 == sum(1 for _ in d.old.items())


def test_the_math_hs_pair_reports_207_metadata_changes_and_7_text_changes() -> None:
    """Issue 12 point 4: educationLevel changed on all 207 items; diff reported only the 7 rewordings."""
    d = _pair("sbac-math-hs-claim2-item-spec", "sbac-math-hs-claim2-item-spec-edlevel-edited")
    assert 207 == len(d.select(kinds="metadata")) == sum(d.summary().metadata.values())
    assert all("educationLevel" in {f.field for f in c.metadata} for c in d)
    assert 7 == sum(1 for c in d if c.text_change is K.REWORDED)
    assert 7 == len(d.select(ignore_metadata=True, ignore_punctuation=True))
    assert all(c.new is not None and c.old is not None and c.old.id == c.new.id for c in d)  # matched by identifier


def test_the_math_hs_pair_as_a_lineage_links_the_relevelled_items_as_the_same() -> None:
    """A pair whose only change is its metadata keeps its wording: ``same`` (SSSOM exactMatch), not ``reworded``."""
    d = _pair("sbac-math-hs-claim2-item-spec", "sbac-math-hs-claim2-item-spec-edlevel-edited")
    relations = [link.relation for link in d.to_lineage().links]
    assert (200, 7) == (relations.count("same"), relations.count("reworded"))
    table = d.to_sssom()
    assert (200, 7) == (table.count("\tskos:exactMatch\t"), table.count("\tskos:closeMatch\t"))


def test_the_command_line_diffs_the_markdown_fixture() -> None:
    old, new = (_real(f"opensalt-fixture-markdown-{year}.json") for year in (2017, 2019))
    result = subprocess.run(
        [sys.executable, "-m", "edcompetencies", "diff", str(old), str(new), "--ignore", "punctuation"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )
    assert 0 == result.returncode, result.stderr
    assert "reworded                 2017:md-table -> 2017:md-table" in result.stdout
    assert "md-math" not in result.stdout.split("Notation:")[1]  # unchanged, so hidden
