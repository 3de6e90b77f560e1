"""Themes: filtering by theme, selections, tag counts (pinned to the 2020 publication)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import edcompetencies as ec
from edcompetencies import Competency, Domain, Indicator, Theme, themes
from edcompetencies.errors import NoThemesError, UnknownChoiceError, UnknownItemError, UnknownThemeError

from .strategies import frameworks


@pytest.fixture(scope="module")
def fw() -> ec.Framework:
    return ec.load(2020)


def own_themes(item: object) -> frozenset[Theme]:
    return frozenset(getattr(item, "themes", frozenset()))


# --------------------------------------------------------------------------- filter


def test_filter_ei_keeps_every_tagged_item_and_only_holders_besides(fw: ec.Framework) -> None:
    """Every item the publication tags EI is in the selection; every other item holds one."""
    ei = themes.filter(fw, "EI")
    tagged = {i.id for i in fw.items() if Theme.EI in own_themes(i)}
    assert 28 == len(tagged)
    assert tagged <= set(ei.ids())
    for item in ei.items():
        if item.id in tagged:
            continue
        # not tagged itself: it must hold a tagged item (no FC competencies are pulled in whole)
        assert any(t.startswith(item.id + ".") for t in tagged), item.id


def test_filter_result_is_an_ordinary_framework_with_the_same_ids(fw: ec.Framework) -> None:
    ei = themes.filter(fw, "EI")
    assert isinstance(ei, ec.Framework) and ei.edition == 2020 and ei.title == fw.title
    for item in ei.items():
        original = fw[item.id]
        assert type(original) is type(item)
        assert original.text == item.text
    # the library works on it: lookup, diff, JSON round trip
    assert ei["cognitive.3.c.i"] == fw["cognitive.3.c.i"]
    assert ec.loads(ec.dumps(ei)) == ei
    from edcompetencies import diff

    d = diff.compare(ei, fw)
    assert {c.kind.value for c in d.changes} <= {"unchanged", "added"}


def test_filter_cognitive_3_keeps_the_holder_indicator_with_tagged_children_only(fw: ec.Framework) -> None:
    """Cognitive 3 c ("Demonstrate ability to:") is untagged; its sub-indicators i and ii are EI."""
    c3c = themes.filter(fw, "EI")["cognitive.3.c"]
    assert isinstance(c3c, Indicator) and not c3c.themes
    assert ["i", "ii"] == [child.label for child in c3c.children]
    rl = themes.filter(fw, "RL")
    assert ["ii"] == [child.label for child in rl["cognitive.3.e"].children]  # type: ignore[union-attr]


def test_filter_fc_gives_the_foundational_competencies_whole(fw: ec.Framework) -> None:
    """The publication marks twelve competencies FC; each comes with all its indicators."""
    fc = themes.filter(fw, "FC")
    competencies = list(fc.competencies())
    assert 12 == len(competencies)
    for c in competencies:
        assert Theme.FC in c.themes
        assert fw[c.id] == c  # whole, not pruned
    assert ["intrapersonal.1", "intrapersonal.2", "intrapersonal.3", "intrapersonal.4"] == [
        c.id.partition(":")[2] for c in fc.domain("intrapersonal").competencies
    ]


def test_mode_all_is_the_intersection_and_any_the_union(fw: ec.Framework) -> None:
    both = themes.filter(fw, "EI", "RL", mode="all")
    tagged_both = {i.id for i in fw.items() if {Theme.EI, Theme.RL} <= own_themes(i)}
    assert tagged_both == {i.id for i in both.items() if {Theme.EI, Theme.RL} <= own_themes(i)}
    assert "2020:intrapersonal.1.b" in tagged_both  # "… lowered expectations of productivity. **EI RL**"
    assert "2020:intrapersonal.1.a" not in both  # EI only
    either = themes.filter(fw, "EI", "RL")
    assert set(either.ids()) == set(themes.filter(fw, "EI").ids()) | set(themes.filter(fw, "RL").ids())


def test_theme_names_and_case_are_accepted(fw: ec.Framework) -> None:
    assert themes.filter(fw, "ei") == themes.filter(fw, Theme.EI) == themes.filter(fw, "Equity and Inclusion")


def test_unknown_theme_lists_the_valid_ones(fw: ec.Framework) -> None:
    with pytest.raises(UnknownThemeError, match=r"valid themes are FC \(Foundational Competency\), EI"):
        themes.filter(fw, "XX")
    with pytest.raises(UnknownChoiceError):
        themes.filter(fw)
    with pytest.raises(UnknownChoiceError, match="choose one of any, all"):
        themes.filter(fw, "EI", mode="some")


def test_2015_has_no_tags_and_says_so() -> None:
    """The 2015 edition has no cross-cutting themes: a filter is an error, not an empty result."""
    with pytest.raises(NoThemesError, match="new in the 2020 edition") as info:
        themes.filter(ec.load(2015), "EI")
    assert isinstance(info.value, ValueError)
    with pytest.raises(NoThemesError):
        ec.load(2015).select(themes=["SE"])
    with pytest.raises(NoThemesError):
        themes.tagged(ec.load(2015), "RL")


def test_notes_follow_the_selection(fw: ec.Framework) -> None:
    """Notes are kept for items still selected, naming only those; publication-wide notes stay."""
    cognitive = fw.select(domains="cognitive")
    for note in cognitive.notes:
        assert note.items
        assert all(i == "2020" or i in cognitive for i in note.items)
    wide = [n.id for n in fw.notes if "2020" in n.items]
    assert set(wide) <= {n.id for n in cognitive.notes}
    dropped = [n for n in fw.notes if not any(i == "2020" or i.startswith("2020:cognitive") for i in n.items)]
    assert dropped and not {n.id for n in dropped} & {n.id for n in cognitive.notes}


# --------------------------------------------------------------------------- select


def test_select_domains_and_themes_compose(fw: ec.Framework) -> None:
    se = fw.select(domains=["cognitive"], themes=["SE"])
    assert ["cognitive"] == [d.key for d in se.domains]
    assert se == fw.select(domains="Cognitive").select(themes="SE")
    assert se == themes.filter(fw.select(domains=["2020:cognitive"]), "SE")
    assert all(Theme.SE in own_themes(i) for i in se.indicators())


def test_select_ids_keeps_the_items_whole_with_their_holders(fw: ec.Framework) -> None:
    chosen = fw.select(ids=["instructional.4.a", "2020:cognitive.1"])
    assert ("2020:cognitive", "2020:instructional") == tuple(d.id for d in chosen.domains)
    assert chosen["cognitive.1"] == fw["cognitive.1"]
    assert [i.id for i in chosen["instructional.4"].children] == ["2020:instructional.4.a"]  # type: ignore[union-attr]
    assert len(chosen["instructional.4.a"].children) == 4  # type: ignore[union-attr]


def test_select_nothing_is_the_framework_itself(fw: ec.Framework) -> None:
    assert fw.select() is fw


def test_select_unknown_domain_or_id_suggests(fw: ec.Framework) -> None:
    with pytest.raises(UnknownItemError, match="did you mean 'cognitive'"):
        fw.select(domains=["cogntive"])
    with pytest.raises(UnknownItemError, match="did you mean"):
        fw.select(ids=["instructional.4.z"])


def test_select_with_no_match_is_empty_not_an_error(fw: ec.Framework) -> None:
    empty = fw.select(domains="intrapersonal", themes="FC").select(themes="EI", mode="all")
    assert empty.domains  # FC competencies have EI indicators
    nothing = fw.select(domains="instructional", themes=["EI", "SE", "RL"], mode="all")
    assert () == nothing.domains and () == nothing.ids()


# --------------------------------------------------------------------------- tagged, counts


def test_tagged_lists_only_the_items_that_carry_the_theme(fw: ec.Framework) -> None:
    se = themes.tagged(fw, "SE")
    assert 29 == len(se)
    assert all(Theme.SE in i.themes for i in se)
    assert [i.id for i in se] == [i.id for i in fw.items() if Theme.SE in own_themes(i)]


def seed_tag_counts(seeds: Path) -> dict[str, dict[str, int]]:
    """Recount the tags of the 2020 main text from the seed, domain by domain (not from our data)."""
    lines = next(seeds.glob("003_*.txt")).read_text(encoding="utf-8").splitlines()
    starts = {
        key: next(n for n, line in enumerate(lines) if line.strip() == f"{key.upper()} DOMAIN" and n > 170)
        for key in ("intrapersonal", "interpersonal", "cognitive", "instructional")
    }
    end = next(n for n, line in enumerate(lines) if line.strip() == "Acknowledgements")
    order = sorted(starts.items(), key=lambda kv: kv[1])
    tag = re.compile(r"\*\*((?:FC|EI|SE|RL)(?: (?:FC|EI|SE|RL))*)\*\*")
    out: dict[str, dict[str, int]] = {}
    for n, (key, start) in enumerate(order):
        stop = order[n + 1][1] if n + 1 < len(order) else end
        tally = {t.value: 0 for t in Theme}
        for line in lines[start:stop]:
            if "THEMES:" in line:  # the theme key repeated on every page
                continue
            for m in tag.finditer(line):
                for code in m.group(1).split():
                    tally[code] += 1
        out[key] = tally
    return out


def test_counts_match_the_publication_domain_by_domain(fw: ec.Framework, seeds: Path) -> None:
    """Tag counts by domain equal a recount of the bold tags in the 2020 main text."""
    assert seed_tag_counts(seeds) == themes.counts(fw).by_domain()


def test_counts_by_level_and_total(fw: ec.Framework) -> None:
    counts = themes.counts(fw)
    assert {"FC": 12, "EI": 28, "SE": 29, "RL": 63} == counts.total()
    assert {"FC": 12, "EI": 0, "SE": 0, "RL": 0} == counts.total(level="competency")
    assert counts.total(level="indicator")["RL"] + counts.total(level="sub-indicator")["RL"] == 63
    assert 11 == counts.get("EI", domain="cognitive")
    assert 2 == counts.get(Theme.FC, domain="cognitive", level="competency")
    with pytest.raises(UnknownChoiceError):
        counts.get("EI", domain="nowhere")
    with pytest.raises(UnknownChoiceError):
        counts.get("EI", level="domain")
    with pytest.raises(UnknownThemeError):
        counts.get("ZZ")


def test_counts_records_render_and_dataframe(fw: ec.Framework) -> None:
    counts = themes.counts(fw)
    rows = counts.to_records()
    assert 16 == len(rows)
    row = next(r for r in rows if r["domain"] == "cognitive" and r["theme"] == "EI")
    assert row == {
        "domain": "cognitive",
        "domain_name": "Cognitive",
        "theme": "EI",
        "theme_label": "Equity and Inclusion",
        "competencies": 0,
        "indicators": 7,  # 3 a, b, d; 5 a, b, c; 6 a
        "sub_indicators": 4,  # 3 c i, ii; 3 e i, ii
        "total": 11,
    }
    assert "| Cognitive | 2 | 11 | 4 | 17 |" in counts.render("markdown")
    html = counts._repr_html_()
    assert '<th title="Equity and Inclusion">EI</th>' in html and "<td>63</td>" in html
    with pytest.raises(ec.errors.UnknownFormatError):
        counts.render("pdf")
    pandas = pytest.importorskip("pandas")
    frame = counts.to_dataframe()
    assert isinstance(frame, pandas.DataFrame)
    table = frame.pivot(index="domain", columns="theme", values="total")
    assert 17 == table.loc["cognitive", "RL"]


def test_counts_dataframe_names_the_extra(fw: ec.Framework, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ec.errors.MissingExtraError, match=r"edcompetencies\[pandas\]"):
        themes.counts(fw).to_dataframe()


def test_counts_of_2015_are_all_zero() -> None:
    counts = themes.counts(ec.load(2015))
    assert {"FC": 0, "EI": 0, "SE": 0, "RL": 0} == counts.total()
    assert ("cognitive", "Cognitive") in counts.domains


def test_parse() -> None:
    assert Theme.SE is themes.parse("social and emotional learning")
    with pytest.raises(UnknownThemeError):
        themes.parse("")


# --------------------------------------------------------------------------- properties


def tagged_frameworks() -> st.SearchStrategy[ec.Framework]:
    return frameworks().filter(lambda f: any(own_themes(i) for i in f.items()))


@given(
    tagged_frameworks(), st.lists(st.sampled_from(list(Theme)), min_size=1, max_size=3), st.sampled_from(["any", "all"])
)
def test_filter_invariants(fw: ec.Framework, wanted: list[Theme], mode: str) -> None:
    """A filter keeps exactly the matching items (whole) and the items that hold them."""
    result = themes.filter(fw, *wanted, mode=mode)

    def matches(item: object) -> bool:
        tags = own_themes(item)
        return set(wanted) <= tags if mode == "all" else bool(set(wanted) & tags)

    matching = [i for i in fw.items() if matches(i)]
    kept = set(result.ids())
    for item in matching:
        assert item.id in kept
        assert result[item.id] == item  # whole
        for ancestor in fw.ancestors(item):
            assert ancestor.id in kept
    for item in result.items():
        original = fw[item.id]
        assert original.text == item.text and own_themes(original) == own_themes(item)
        inside_match = any(matches(a) for a in (original, *fw.ancestors(original)))
        holds_match = any(m.id.startswith(item.id + ".") for m in matching)
        assert inside_match or holds_match
    assert ec.loads(ec.dumps(result)) == result
    if mode == "all":
        assert kept <= set(themes.filter(fw, *wanted, mode="any").ids())


@given(frameworks(), st.data())
def test_select_by_domain_keeps_those_domains_whole(fw: ec.Framework, data: st.DataObject) -> None:
    keys = data.draw(st.lists(st.sampled_from([d.key for d in fw.domains]), min_size=1, unique=True))
    result = fw.select(domains=keys)
    assert [d for d in fw.domains if d.key in keys] == list(result.domains)


@given(frameworks())
def test_counts_add_up(fw: ec.Framework) -> None:
    counts = themes.counts(fw)
    for theme in Theme:
        expected = sum(1 for i in fw.items() if theme in own_themes(i))
        assert expected == counts.total()[theme.value]
        assert expected == sum(row[theme.value] for row in counts.by_domain().values())


def test_theme_enum_carries_the_publication_words() -> None:
    assert "Remote Learning" == Theme.RL.label
    assert Theme.FC.definition.startswith("serve as “prerequisites” to other competencies.")
    assert isinstance(Competency, type) and isinstance(Domain, type)


@pytest.mark.parametrize("kwargs", [{"domains": 3}, {"themes": [1]}, {"ids": {"a": 1}}])
def test_select_wrong_argument_types(kwargs: dict[str, object]) -> None:
    from edcompetencies.errors import ArgumentTypeError

    with pytest.raises(ArgumentTypeError):
        ec.load(2020).select(**kwargs)  # type: ignore[arg-type]
