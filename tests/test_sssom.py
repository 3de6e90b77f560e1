"""SSSOM/TSV: the lineage as a standard mapping table, written and read back exactly."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import edcompetencies as ec
from edcompetencies import _sssom
from edcompetencies.errors import FrameworkFormatError

LINEAGE = ec.lineage(2015, 2020)


def _parts(lin: ec.Lineage) -> tuple[object, ...]:
    return (
        str(lin.old),
        str(lin.new),
        lin.description,
        [(x.old, x.new, x.relation, x.rationale) for x in lin.links],
        [(u.id, u.rationale) for u in lin.removed],
        [(u.id, u.rationale) for u in lin.added],
    )


def test_the_curated_lineage_round_trips_exactly() -> None:
    table = _sssom.lineage_table(LINEAGE)
    assert _parts(LINEAGE) == _sssom.lineage_parts(table)
    backwards = LINEAGE.reversed()
    assert _parts(backwards) == _sssom.lineage_parts(_sssom.lineage_table(backwards))


def test_the_table_says_what_each_row_is() -> None:
    meta, rows = _sssom.loads(_sssom.lineage_table(LINEAGE))
    assert "edcompetencies:lineage-2015-2020" == meta["mapping_set_id"]
    assert "urn:edcompetencies:2015:" == meta["curie_map"]["EDC2015"]
    assert 119 + 19 + 30 == len(rows)
    first = rows[0]
    assert ("EDC2015:cognitive.1", "skos:exactMatch", "EDC2020:cognitive.1") == (
        first["subject_id"],
        first["predicate_id"],
        first["object_id"],
    )
    assert {"semapv:ManualMappingCuration"} == {r["mapping_justification"] for r in rows}
    predicates = {r["predicate_id"] for r in rows if "sssom:NoTermFound" not in (r["subject_id"], r["object_id"])}
    assert {"skos:exactMatch", "skos:closeMatch", "skos:broadMatch", "skos:narrowMatch"} == predicates
    merged = next(r for r in rows if r["subject_id"] == "EDC2015:intrapersonal.4")
    assert "skos:broadMatch" == merged["predicate_id"]  # the 2020 item is broader than each merged one


FOLDED = """\
# curie_map:
#   EDC2015: 'urn:edcompetencies:2015:'
#   EDC2020: 'urn:edcompetencies:2020:'
#   skos: http://www.w3.org/2004/02/skos/core#
#   semapv: https://w3id.org/semapv/vocab/
# creator_id:
#   - orcid:0000-0000-0000-0000
# mapping_set_description: 'A state''s own mapping, written by another tool
#   that folds long values across lines.'
# mapping_set_id: https://example.org/state-mapping
# license: https://creativecommons.org/licenses/by/4.0/
subject_id\tpredicate_id\tobject_id\tmapping_justification\tcomment
EDC2015:cognitive.1\tskos:exactMatch\tEDC2020:cognitive.1\tsemapv:ManualMappingCuration\tsame
EDC2015:cognitive.2\tskos:closeMatch\tEDC2020:cognitive.2\tsemapv:ManualMappingCuration\t
EDC2015:cognitive.3\tskos:exactMatch\tsssom:NoTermFound\tsemapv:ManualMappingCuration\tgone
"""


def test_a_table_written_by_another_tool_reads() -> None:
    meta, _ = _sssom.loads(FOLDED)
    assert (
        "A state's own mapping, written by another tool that folds long values across lines."
        == meta["mapping_set_description"]
    )
    assert ["orcid:0000-0000-0000-0000"] == meta["creator_id"]
    old, new, description, links, removed, added = _sssom.lineage_parts(FOLDED)
    assert ("2015", "2020") == (old, new) and description.startswith("A state's")
    assert [
        ("2015:cognitive.1", "2020:cognitive.1", "same", "same"),
        ("2015:cognitive.2", "2020:cognitive.2", "reworded", ""),
    ] == links
    assert [("2015:cognitive.3", "gone")] == removed and [] == added


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("#mapping_set_id: x\nsubject_id\tpredicate_id\n", "the header lacks object_id, mapping_justification"),
        ("subject_id\tpredicate_id\tobject_id\tmapping_justification\n", "no mapping_set_id"),
        ("#  bad: 1\n#mapping_set_id: x\nsubject_id\n", "indented line before any key"),
        ("#mapping_set_id: x\n#mapping_set_id: y\nsubject_id\n", "given twice"),
        ("#mapping_set_id: [a, b]\nsubject_id\n", "beyond what SSSOM metadata uses"),
        ("#mapping_set_id: x\n", "no header row"),
        ("#mapping_set_id: x\nsubject_id\tpredicate_id\tobject_id\tmapping_justification\na\tb\n", "2 cells"),
        ("#mapping_set_id: x\nsubject_id\tpredicate_id\tobject_id\tmapping_justification\na\x1b\tb\tc\td\n", "U+001B"),
    ],
)
def test_malformed_tables_say_what_and_where(text: str, message: str) -> None:
    with pytest.raises(FrameworkFormatError, match="line") as info:
        _sssom.loads(text, source="state.sssom.tsv")
    assert message in str(info.value) and "state.sssom.tsv" in str(info.value)


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("EDC2015:cognitive.1\tskos:relatedMatch\tEDC2020:cognitive.1", "is not one a lineage holds"),
        ("OTHER:x\tskos:exactMatch\tEDC2020:cognitive.1", "does not name an edition"),
        ("sssom:NoTermFound\tskos:exactMatch\tsssom:NoTermFound", "both sides"),
        ("cognitive\tskos:exactMatch\tEDC2020:cognitive.1", "not a CURIE"),
    ],
)
def test_rows_a_lineage_cannot_hold_are_refused(row: str, message: str) -> None:
    text = (
        "#curie_map:\n#  EDC2015: 'urn:edcompetencies:2015:'\n#  EDC2020: 'urn:edcompetencies:2020:'\n"
        "#mapping_set_id: x\nsubject_id\tpredicate_id\tobject_id\tmapping_justification\n"
        f"{row}\tsemapv:ManualMappingCuration\n"
    )
    with pytest.raises(FrameworkFormatError, match=message):
        _sssom.lineage_parts(text)


SCALARS = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\x85\u2028\u2029\ufeff"))


@given(st.dictionaries(st.from_regex(r"[a-z_][a-z0-9_]{0,8}", fullmatch=True), SCALARS, max_size=5), SCALARS)
def test_metadata_and_cells_round_trip(meta: dict[str, str], cell: str) -> None:
    """Any value survives the YAML block; a cell keeps its text but for tabs and line breaks."""
    meta = {"mapping_set_id": "x", **{k: v for k, v in meta.items() if k != "mapping_set_id"}}
    clean = " ".join(cell.replace("\t", " ").splitlines()) if cell.strip() else "x"
    row = {"subject_id": "a:1", "predicate_id": "skos:exactMatch", "object_id": "b:1", "mapping_justification": clean}
    table = _sssom.dumps(meta, ("subject_id", "predicate_id", "object_id", "mapping_justification"), [row])
    from edcompetencies._rules import text_problem

    if text_problem(clean):
        with pytest.raises(FrameworkFormatError):
            _sssom.loads(table)
        return
    got_meta, got_rows = _sssom.loads(table)
    assert meta == got_meta
    assert _sssom._cell(clean) == got_rows[0]["mapping_justification"]


def test_the_sssom_toolkit_validates_the_table(tmp_path: Path) -> None:
    """The SSSOM project's own validator (``sssom validate``, from the ``sssom`` package) accepts it."""
    exe = shutil.which("sssom") or os.environ.get("SSSOM_EXE")
    if exe is None:
        if os.environ.get("CI"):
            pytest.fail("CI must install the sssom command (see .ci/run)")
        pytest.skip("the sssom command is not installed")
    path = tmp_path / "lineage.sssom.tsv"
    path.write_text(_sssom.lineage_table(LINEAGE), encoding="utf-8")
    result = subprocess.run([exe, "validate", str(path)], capture_output=True, text=True, timeout=300)
    assert 0 == result.returncode, result.stderr[-2000:]
    assert "error" not in (result.stdout + result.stderr).lower()


def test_lineage_to_sssom_and_back_is_exact() -> None:
    """Lineage -> SSSOM -> Lineage gives the same lineage, both directions, with or without labels."""
    for lin in (LINEAGE, LINEAGE.reversed()):
        assert lin == ec.Lineage.from_sssom(lin.to_sssom())
        assert lin == ec.Lineage.from_sssom(lin.to_sssom(labels=False).encode("utf-8"))
    labelled = _sssom.loads(LINEAGE.to_sssom())[1][0]
    assert ec.load(2015)["cognitive.1"].text == labelled["subject_label"] == labelled["object_label"]
    assert "subject_label" not in _sssom.loads(LINEAGE.to_sssom(labels=False))[1][0]


def test_a_state_s_own_mapping_reads_as_a_lineage() -> None:
    lin = ec.Lineage.from_sssom(FOLDED, source="state.sssom.tsv")
    assert (2015, 2020) == (lin.old, lin.new)
    assert [("2015:cognitive.1", "2020:cognitive.1", "same")] == [(x.old, x.new, x.relation) for x in lin.links][:1]
    assert ["2015:cognitive.3"] == [u.id for u in lin.removed]


def test_the_crosswalk_as_a_mapping_table() -> None:
    from edcompetencies import crosswalk

    meta, rows = _sssom.loads(crosswalk.to_sssom())
    assert "edcompetencies:crosswalk-2020-intasc" == meta["mapping_set_id"]
    assert 78 == len(rows) and {"skos:relatedMatch"} == {r["predicate_id"] for r in rows}
    assert {"crosswalk part one": 11, "crosswalk part two": 67} == {
        part: sum(r["comment"] == part for r in rows) for part in ("crosswalk part one", "crosswalk part two")
    }
    with pytest.raises(FrameworkFormatError, match="not one a lineage holds"):
        ec.Lineage.from_sssom(crosswalk.to_sssom())


def test_the_sssom_toolkit_validates_the_crosswalk_table(tmp_path: Path) -> None:
    from edcompetencies import crosswalk

    exe = shutil.which("sssom") or os.environ.get("SSSOM_EXE")
    if exe is None:
        if os.environ.get("CI"):
            pytest.fail("CI must install the sssom command (see .ci/run)")
        pytest.skip("the sssom command is not installed")
    path = tmp_path / "crosswalk.sssom.tsv"
    path.write_text(crosswalk.to_sssom(), encoding="utf-8")
    result = subprocess.run([exe, "validate", str(path)], capture_output=True, text=True, timeout=300)
    assert 0 == result.returncode, result.stderr[-2000:]


def test_a_diff_as_a_mapping_table() -> None:
    """The curated diff's table is the lineage's; the automatic one is lexical with confidences."""
    from edcompetencies import diff

    curated = diff.compare(ec.load(2015), ec.load(2020), lineage=LINEAGE)
    back = ec.Lineage.from_sssom(curated.to_sssom())
    assert {(x.old, x.new, x.relation) for x in LINEAGE.links} == {(x.old, x.new, x.relation) for x in back.links}
    assert {u.id for u in LINEAGE.removed} == {u.id for u in back.removed}
    _, rows = _sssom.loads(diff.compare(ec.load(2015), ec.load(2020)).to_sssom())
    linked = [r for r in rows if "sssom:NoTermFound" not in (r["subject_id"], r["object_id"])]
    assert {"semapv:LexicalMatching"} == {r["mapping_justification"] for r in rows}
    assert all(0 <= float(r["confidence"]) <= 1 for r in linked)
