"""The curated 2015 -> 2020 lineage: complete, every reference resolves, consistent multiplicities."""

from __future__ import annotations

from collections import Counter

import pytest

import edcompetencies as ec
from edcompetencies.diff import normalise_words


@pytest.fixture(scope="module")
def lin() -> ec.Lineage:
    return ec.lineage(2015, 2020)


def test_every_item_is_linked_or_marked(lin: ec.Lineage) -> None:
    old, new = ec.load(2015), ec.load(2020)
    olds = {x.old for x in lin.links} | {u.id for u in lin.removed}
    news = {x.new for x in lin.links} | {u.id for u in lin.added}
    assert olds == {i.id for i in old.items() if not isinstance(i, ec.Domain)}
    assert news == {i.id for i in new.items() if not isinstance(i, ec.Domain)}
    assert not ({x.old for x in lin.links} & {u.id for u in lin.removed})
    assert not ({x.new for x in lin.links} & {u.id for u in lin.added})


def test_links_join_items_of_the_same_level(lin: ec.Lineage) -> None:
    old, new = ec.load(2015), ec.load(2020)
    for x in lin.links:
        assert isinstance(old[x.old], ec.Competency) == isinstance(new[x.new], ec.Competency), x


def test_relations_are_consistent(lin: ec.Lineage) -> None:
    preds = Counter(x.new for x in lin.links)
    succs = Counter(x.old for x in lin.links)
    old, new = ec.load(2015), ec.load(2020)
    for x in lin.links:
        assert x.rationale.strip() and "\n" not in x.rationale
        if x.relation == "merged":
            assert preds[x.new] >= 2, x
        elif x.relation == "split":
            assert succs[x.old] >= 2, x
        else:
            assert preds[x.new] == 1 and succs[x.old] == 1, x
        if x.relation == "same":
            assert normalise_words(old[x.old].text) == normalise_words(new[x.new].text), x


def test_counts(lin: ec.Lineage) -> None:
    assert Counter(x.relation for x in lin.links) == {"same": 48, "reworded": 63, "merged": 5, "split": 3}
    assert (len(lin.removed), len(lin.added)) == (19, 30)


def test_reversed(lin: ec.Lineage) -> None:
    back = ec.lineage(2020, 2015)
    assert (back.old, back.new) == (2020, 2015)
    assert back.pairs() == {(b, a) for a, b in lin.pairs()}
    assert Counter(x.relation for x in back.links)["split"] == 5
    assert back.reversed() == lin


def test_lookup_helpers(lin: ec.Lineage) -> None:
    assert [x.old for x in lin.predecessors("2020:intrapersonal.4")] == [
        "2015:intrapersonal.4",
        "2015:intrapersonal.5",
        "2015:intrapersonal.6",
    ]
    assert lin.rationale("2015:interpersonal.1.5", None)
    assert lin.rationale(None, "2020:cognitive.5")
    assert lin.relation("2015:cognitive.1", "2020:cognitive.2") is None


def test_unknown_pair_of_editions() -> None:
    with pytest.raises(ec.UnknownEditionError):
        ec.lineage(2015, 2015)
    with pytest.raises(ec.UnknownEditionError):
        ec.lineage(2015, 2030)
