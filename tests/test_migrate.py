"""migrate: re-tagging 2015 data with 2020 items (and back) along the curated lineage."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import edcompetencies as ec
from edcompetencies import case, migrate
from edcompetencies.errors import ArgumentTypeError, EdCompetenciesError, MigrationError

LINEAGE = ec.lineage(2015, 2020)


def test_every_curated_link_round_trips_both_ways() -> None:
    """Migrating each linked 2015 item gives exactly its curated targets, and each target migrates
    back to a set that holds the 2015 item again."""
    old_ids = sorted({link.old for link in LINEAGE.links})
    forward = migrate.ids(old_ids, to=2020)
    for item_id, m in zip(old_ids, forward, strict=True):
        assert m.source == item_id
        assert sorted(m.targets) == sorted(link.new for link in LINEAGE.links if link.old == item_id)
        back = migrate.ids(list(m.targets), to=2015)
        assert all(item_id in b.targets for b in back), (item_id, back)


def test_removed_and_added_items() -> None:
    removed = migrate.ids([u.id for u in LINEAGE.removed], to=2020)
    assert {"removed"} == {m.relation for m in removed}
    assert all(m.needs_review and not m.targets and m.rationale and len(m.suggestions) == 3 for m in removed)
    assert all(s.startswith("2020:") for m in removed for s in m.suggestions)
    added = migrate.ids([u.id for u in LINEAGE.added], to=2015)
    assert {"removed"} == {m.relation for m in added}  # read backwards, a new item has no predecessor
    assert [u.rationale for u in LINEAGE.added] == [m.rationale for m in added]


def test_relations_follow_the_documented_rule() -> None:
    tags = ["2015:cognitive.1", "2015:intrapersonal.1.3", "2015:intrapersonal.4", "2015:cognitive.1.3"]
    m = migrate.ids([*tags, "2015:cognitive.2"], to=2020)
    assert ["exact", "split", "merged", "exact", "reworded"] == [x.relation for x in m]
    assert [False, True, False, False, False] == [x.needs_review for x in m]
    # cognitive.1.3 changed its punctuation only: the curated lineage calls that "same", migrate "exact"
    assert "same" == LINEAGE.relation("2015:cognitive.1.3", "2020:cognitive.1.c")


def test_a_punctuation_only_rewording_is_exact() -> None:
    """A lineage (e.g. a state's own) may call a punctuation-only change "reworded": migrate says exact."""
    link = next(x for x in LINEAGE.links if x.old == "2015:cognitive.1.3")
    assert ec.load(2015)[link.old].text != ec.load(2020)[link.new].text
    assert migrate._editorial(ec.load(2015)[link.old].text, ec.load(2020)[link.new].text)
    assert not migrate._editorial(ec.load(2015)["cognitive.2"].text, ec.load(2020)["cognitive.2"].text)


def test_the_publications_labels_ids_and_case_identifiers_are_tags() -> None:
    tags = [
        "2015:cognitive.1.3",
        "cognitive.1.3",
        "Cognitive 1.3",
        "  COGNITIVE   1 . 3 ",
        "2015 Cognitive 1.3",
        case.identifier("2015:cognitive.1.3"),
        case.identifier("2015:cognitive.1.3").upper(),
    ]
    assert {"2015:cognitive.1.3"} == {m.source for m in migrate.ids(tags)}
    assert "2015:instructional.4" == migrate.ids(["Instructional 4"])[0].source
    assert "2015:intrapersonal.1.2" == migrate.ids(["Intrapersonal 1.2"])[0].source


def test_a_tag_already_in_the_target_edition_stays() -> None:
    m = migrate.ids(["Cognitive 3.c.ii", "2020:cognitive.6"], to=2020)
    assert [("2020:cognitive.3.c.ii",), ("2020:cognitive.6",)] == [x.targets for x in m]
    assert {"exact"} == {x.relation for x in m}


@pytest.mark.parametrize(
    ("tag", "problem"),
    [
        ("Cognitive 9", "no item 'Cognitive 9' in the 2015 edition"),
        ("Nope 1.2", "no domain 'nope' in the 2015 edition"),
        ("2019 cognitive 1", "names the 2019 edition"),
        ("", "an empty tag"),
        ("00000000-0000-0000-0000-000000000000", "has the CASE identifier"),
        ("¿qué?", "is neither an item ID"),
    ],
)
def test_unknown_tags_are_reported_with_the_reason(tag: str, problem: str) -> None:
    [m] = migrate.ids([tag])
    assert ("unknown", True, None, ()) == (m.relation, m.needs_review, m.source, m.targets)
    assert m.problem is not None and problem in m.problem
    with pytest.raises(MigrationError, match="tag 1"):
        migrate.ids([tag], strict=True)


def test_indicators_of_a_competency() -> None:
    [m] = migrate.ids(["2015:intrapersonal.6"], indicators=True)
    assert [i.source for i in m.indicators] == [i.id for i in ec.load(2015)["intrapersonal.6"].walk()]
    assert {"removed", "reworded", "exact"} >= {i.relation for i in m.indicators}


def test_summary_and_the_shared_verbs() -> None:
    m = migrate.ids(["Cognitive 1.3", "Intrapersonal 1.3", "bogus"])
    assert {"exact": 1, "reworded": 0, "merged": 0, "split": 1, "removed": 0, "unknown": 1} == m.counts()
    assert "3 tags to 2020: 1 exact, 1 split, 1 unknown; 2 to review" == m.summary()
    assert m.to_csv().startswith("input,source,targets,relation,needs_review,rationale,suggestions,problem\r\n")
    assert m.render() == m.to_text() and "bogus" in m.to_markdown() and m.to_html().startswith("<!DOCTYPE html>")
    assert list(m.to_dataframe().columns) == list(migrate.Migrations.columns)
    assert m[1:].summary().startswith("2 tags")


def test_frame_adds_columns_and_keeps_every_row() -> None:
    df = pd.DataFrame(
        {"course": ["A", "B", "C", "D"], "competency": ["Cognitive 1.3", None, "bogus", "Intrapersonal 1.3"]}
    )
    out = migrate.frame(df, column="competency", to=2020)
    assert list(out["course"]) == ["A", "B", "C", "D"] and list(df.columns) == ["course", "competency"]
    assert ["exact", "unknown", "unknown", "split"] == list(out["competency_relation"])
    assert "2020:cognitive.1.c" == out["competency_2020"][0]
    assert [False, True, True, True] == list(out["competency_needs_review"])
    with pytest.raises(MigrationError):
        migrate.frame(df, column="missing")
    with pytest.raises(ArgumentTypeError):
        migrate.frame([1, 2], column="x")  # type: ignore[arg-type]


def test_csv_text_keeps_the_table_and_adds_columns() -> None:
    table = 'id,competency,note\r\n1,Cognitive 1.3,"a, b"\r\n2,bogus,\r\n'
    out, migrations = migrate.csv_text(table, column="competency")
    lines = out.splitlines()
    assert lines[0] == (
        "id,competency,note,competency_2020,competency_relation,competency_needs_review,competency_rationale,"
        "competency_suggestions,competency_problem"
    )
    assert lines[1].startswith('1,Cognitive 1.3,"a, b",2020:cognitive.1.c,exact,False,')
    assert 2 == len(migrations) and migrations.counts()["unknown"] == 1
    with pytest.raises(MigrationError, match="no column"):
        migrate.csv_text(table, column="tag")


def test_a_row_longer_than_the_header_is_a_migration_error() -> None:
    """The cells past the header have no column to go to: a raw ValueError from the csv module's writer before."""
    with pytest.raises(MigrationError, match="row 2 has more cells than the header's 2"):
        migrate.csv_text("id,tag\r\n1,Cognitive 1.3\r\n2,Cognitive 1.4,extra\r\n", column="tag")


@pytest.mark.parametrize("bad", ["Cognitive 1.3", b"x", 3, None])
def test_ids_wants_a_list_of_strings(bad: object) -> None:
    with pytest.raises(ArgumentTypeError):
        migrate.ids(bad)  # type: ignore[arg-type]
    with pytest.raises(ArgumentTypeError):
        migrate.ids([bad if not isinstance(bad, str) else 3])  # type: ignore[list-item]


def test_unknown_edition_is_the_library_s_error() -> None:
    with pytest.raises(EdCompetenciesError):
        migrate.ids(["Cognitive 1.3"], to=2017)


TAGS = st.one_of(
    st.sampled_from([i for i in ec.load(2015).ids()] + ["Cognitive 1.3", "Instructional 4", "bogus", ""]),
    st.text(max_size=30),
)


@given(st.lists(TAGS, max_size=25), st.sampled_from([2015, 2020]))
def test_no_row_is_dropped_or_repeated(tags: list[str], to: int) -> None:
    """Whatever the tags, one migration per tag in order, unknown ones reported (never raised)."""
    m = migrate.ids(tags, to=to)
    assert [x.input for x in m] == tags
    assert all(x.relation in migrate.RELATIONS for x in m)
    assert all((x.relation == "unknown") == (x.source is None) for x in m)
    out, again = migrate.rows([{"tag": t, "n": k} for k, t in enumerate(tags)], column="tag", to=to)
    assert [r["n"] for r in out] == list(range(len(tags))) and list(again) == list(m)


def test_a_table_the_csv_module_refuses_is_a_migration_error() -> None:
    """A field over the csv module's size limit raised a raw _csv.Error (so did a NUL on Python 3.10)."""
    with pytest.raises(MigrationError, match="cannot be read as CSV at line 2: field larger than field limit"):
        migrate.csv_text('tag\n"' + "x" * 200_000 + '"\n', column="tag")
