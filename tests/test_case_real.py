"""The 17 real CASE packages in ``../shared/reference/case/real/`` (written by OpenSALT, the Smarter
Balanced CASE server and OpenCASE): each still imports as it did before the CASE package was split
and hardened, with every item and statement kept.

The files are the test bed of issue 12; its README gives each file's source. In CI the folder
must be there (a missing folder fails); elsewhere these tests skip without it.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

import pytest

import edcompetencies as ec
from edcompetencies import case
from edcompetencies.errors import CaseFormatError

ROOT = Path(__file__).resolve().parents[1]
# ../shared beside the checkout (CI, /work/main), or beside the worktrees' folder (/work/wt/NAME).
SHARED = next(
    (p / "shared" for p in (ROOT.parent, ROOT.parent.parent) if (p / "shared").is_dir()), ROOT.parent / "shared"
)
REAL = SHARED / "reference" / "case" / "real"

# file: (CaseImport.items, .associations, .ignored without the \f repairs, sha256 of the IDs), as
# read on the commit before the split (051a0e2); the IDs are the same, so diffs and lookups are too.
# The ignored counts are issue 12's (point 5): the items typed against their place are one entry
# per item type (not one per item), and the math content specification's 15 orphans one more.
BEFORE = {
    "compeito-opencase-ja-university-case11.json": (36, 0, 0, "d0b6122aa8c35ed3"),
    "opensalt-fixture-empty.json": (0, 0, 0, "e3b0c44298fc1c14"),
    "opensalt-fixture-markdown-2017.json": (2, 0, 0, "9f82a56d27bf89de"),
    "opensalt-fixture-markdown-2019.json": (2, 0, 0, "9f82a56d27bf89de"),
    "opensalt-fixture-sequence-number.json": (2, 0, 0, "c8c235b45a26f6d5"),
    "opensalt-fixture-smartlevel.json": (14, 0, 0, "636d509649beaa50"),
    "opensalt-fixture-utf8.json": (1, 0, 0, "549e2905a0449f88"),
    "opensalt-ordering-act-science-2018.json": (65, 0, 0, "2f06615542c1fbab"),
    "sbac-ela-g3-claim1-target1.json": (37, 19, 0, "f4a0ee430e3455a1"),
    "sbac-ela-g5-pt-informational.json": (164, 76, 0, "35b151a129405cf6"),
    "sbac-ela-g5-pt-narrative.json": (164, 80, 0, "f8fc729818f85e67"),
    "sbac-item-response-types.json": (19, 0, 0, "5e29022136b71f39"),
    "sbac-math-content-specification.json": (585, 2797, 2, "07dd8d40d69a5864"),
    "sbac-math-g3-5-claim2-item-spec.json": (305, 213, 1, "c985dc91f103aa41"),
    "sbac-math-hs-claim2-item-spec-edlevel-edited.json": (207, 144, 1, "893859dd145c6dea"),
    "sbac-math-hs-claim2-item-spec.json": (207, 144, 1, "893859dd145c6dea"),
    "sbac-webb-dok-levels.json": (15, 0, 0, "dd22d7c1dbae84dc"),
}


def _real(name: str) -> Path:
    path = REAL / name
    if not path.is_file():
        if os.environ.get("CI"):
            pytest.fail(f"the real CASE packages must be beside the checkout in CI: {path} is missing")
        pytest.skip(f"the real CASE packages (../shared/reference/case/real/{name}) are not beside this checkout")
    return path


def _as_read(text: str) -> str:
    """A statement as the reader holds it: line ends as LF, the \\f of a JSON "\\frac" restored."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\x0c", "\\f")


def test_the_folder_holds_the_files_listed_here() -> None:
    _real("README.md")
    assert sorted(BEFORE) == sorted(p.name for p in REAL.glob("*.json"))


@pytest.mark.parametrize("name", sorted(BEFORE))
def test_a_real_package_imports_as_before(name: str) -> None:
    path = _real(name)
    result = case.read(path)
    raw: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    items, associations, ignored, ids = BEFORE[name]
    repairs = [entry for entry in result.ignored if "a LaTeX command" in entry.message]
    assert (items, associations, ignored) == (
        len(result.items),
        len(result.associations),
        len(result.ignored) - len(repairs),
    )
    assert ids == hashlib.sha256("\n".join(result.framework.ids()).encode()).hexdigest()[:16]
    fw = result.framework
    for cf_item in raw.get("CFItems", []):
        mine = result.item(cf_item["identifier"])
        node = fw[mine.id]
        statement = _as_read(cf_item.get("fullStatement") or cf_item.get("abbreviatedStatement"))
        assert statement in (node.text, getattr(node, "name", None))
    assert ec.loads(ec.dumps(fw)) == fw
    assert fw == case.loads(case.dumps(case.export(fw)))  # codes and metadata come back too


def test_the_form_feeds_of_real_packages_are_repaired_and_reported() -> None:
    """Four SBAC files write LaTeX's ``\\frac`` as the JSON escape ``"\\frac"`` (a form feed, then "rac")."""
    result = case.read(_real("sbac-math-content-specification.json"))
    repairs = [entry for entry in result.ignored if "a LaTeX command" in entry.message]
    assert ["$.CFItems[414].fullStatement", "$.CFItems[481].fullStatement"] == [r.path for r in repairs][:2]
    assert "$\\frac{1}{3^{3}}$" in result.framework[result.item(repairs[0].identifier or "").id].text


def test_two_items_with_one_identifier_are_still_refused() -> None:
    """Two *different* CFItems sharing an identifier: no way to choose one, so the package is refused."""
    path = _real("messy/sbac-ela-g3-claim1-target1-dup-item-id.json")
    with pytest.raises(
        CaseFormatError, match=r"\$\.CFItems\[3\] .*duplicate identifier .*first at \$\.CFItems\[2\].*other fields"
    ) as info:
        case.read(path)
    assert "81bef0ac-cc76-11e7-943b-9b9ed3d69b53" == info.value.identifier


def test_a_byte_identical_duplicate_association_is_read_and_listed() -> None:
    """Issue 12 point 5: one repeated association made the 585-item framework unloadable; the copy is
    skipped and listed, and the framework is the one the file without the copy gives."""
    result = case.read(_real("messy/sbac-math-content-specification-dup-association.json"))
    clean = case.read(_real("sbac-math-content-specification.json"))
    (copy,) = [entry for entry in result.ignored if "exact copy" in entry.message]
    assert ("$.CFAssociations[135]", "ae3aae37-b13c-494b-b8a1-a6f5962bef91") == (copy.path, copy.identifier)
    assert "$.CFAssociations[134]" in copy.message
    assert (585, clean.framework) == (len(result.items), result.framework)
    assert len(clean.ignored) + 1 == len(result.ignored)


def test_items_without_a_parent_edge_are_listed_once() -> None:
    """The math content specification has 15 items with no isChildOf edge (orphans) and 8 linked to the
    CFDocument (its roots, not orphans): all 23 are top-level, the 15 listed in one entry."""
    result = case.read(_real("sbac-math-content-specification.json"))
    (orphans,) = [entry for entry in result.ignored if "no isChildOf edge" in entry.message]
    assert "$.CFItems[*]" == orphans.path
    assert orphans.message.startswith("15 items have no isChildOf edge to an item or to the CFDocument;")
    assert orphans.message.endswith(" and 10 more")
    assert "$.CFItems[562] 'M.GHS.C3.HSA.APR.C.4'" in orphans.message
    assert 23 == len(result.framework.domains)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("sbac-math-content-specification.json", "11 items typed 'Domain' are placed as competencies by"),
        (
            "sbac-math-g3-5-claim2-item-spec.json",
            "18 items typed 'Domain' are placed at other levels (1 as a competency, 17 as indicators) by",
        ),
        (
            "sbac-math-hs-claim2-item-spec.json",
            "11 items typed 'Domain' are placed at other levels (1 as a competency, 10 as indicators) by",
        ),
    ],
)
def test_items_typed_against_their_place_are_one_entry_per_type(name: str, message: str) -> None:
    """Issue 12 point 5: 11-18 entries of "placed as a indicator" per SBAC file become one per item type."""
    result = case.read(_real(name))
    (typed,) = [entry for entry in result.ignored if "typed 'Domain'" in entry.message]
    assert ("$.CFItems[*].CFItemType", None) == (typed.path, typed.identifier)
    assert typed.message.startswith(message)
    assert not any(" a indicator" in entry.message for entry in result.ignored)


@pytest.mark.parametrize("name", [*sorted(BEFORE), "messy/sbac-math-content-specification-dup-association.json"])
def test_the_fast_path_reads_as_the_general_path(name: str) -> None:
    """The reader takes a shortcut for JSON text it decoded itself and found clean (nothing to
    refuse or repair, see ``Reader.decode``); a decoded mapping goes the general way, checking each
    text. Both give the same framework, rows and ignored entries (those that do not come from the
    decoding: a mapping's repeated keys are already gone)."""
    path = _real(name)
    text = path.read_text(encoding="utf-8")
    fast, general = case.read(path), case.read(json.loads(text))
    assert fast.framework == general.framework == case.loads(text) == case.load(json.loads(text))
    assert (fast.items, fast.associations) == (general.items, general.associations)
    assert (fast.document, fast.unmapped) == (general.document, general.unmapped)
    assert fast.ignored == general.ignored
