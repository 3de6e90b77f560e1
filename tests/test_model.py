"""The model: lookup, navigation, immutability, hashing, threads."""

from __future__ import annotations

import threading

import attrs
import pytest
from hypothesis import given

import edcompetencies as ec
from edcompetencies import Competency, Domain, Indicator, Theme

from .strategies import frameworks


@pytest.fixture(scope="module")
def fw2020() -> ec.Framework:
    return ec.load(2020)


@pytest.fixture(scope="module")
def fw2015() -> ec.Framework:
    return ec.load(2015)


def test_load_accepts_int_and_str_and_caches() -> None:
    assert ec.load(2020) is ec.load("2020")
    assert ec.load(" 2015 ") is ec.load(2015)
    assert ec.load(2020).edition == 2020


@pytest.mark.parametrize("bad", [2017, "2017", "edition-2020.json", "../2020", None, True, 2020.0, "twenty"])
def test_load_unknown_edition(bad: object) -> None:
    with pytest.raises(ec.UnknownEditionError) as info:
        ec.load(bad)  # type: ignore[arg-type]
    assert isinstance(info.value, LookupError)
    assert "2015, 2020" in str(info.value)


def test_editions() -> None:
    assert (2015, 2020) == ec.editions()


def test_metadata_2020(fw2020: ec.Framework) -> None:
    """Title page, license statement and suggested citation of the 2020 publication."""
    assert fw2020.title == "Educator Competencies for Personalized, Learner-Centered Environments"
    assert fw2020.publishers == ("KnowledgeWorks", "Council of Chief State School Officers")
    assert fw2020.year == 2020
    assert fw2020.license == "Creative Commons Attribution 3.0 United States License"
    assert fw2020.citation is not None and fw2020.citation.startswith("KnowledgeWorks and the Council")
    assert fw2020.url == "https://studentsatthecenterhub.org/ed-comps"


def test_metadata_2015(fw2015: ec.Framework) -> None:
    """The 2015 web copy has no license or citation: None, and a note says so."""
    assert fw2015.title == "Educator Competencies for Personalized, Learner-Centered Teaching"
    assert fw2015.year == 2015
    assert fw2015.license is None and fw2015.citation is None
    assert "2015-no-license-or-citation" in {n.id for n in fw2015.notes_for("2015")}


def test_domain_fields(fw2020: ec.Framework, fw2015: ec.Framework) -> None:
    d = fw2020.domains[0]
    assert (d.key, d.name, d.tagline) == ("intrapersonal", "Intrapersonal", "Need to Reflect")
    assert d.description is not None and d.description.startswith("The Intrapersonal Domain encompasses")
    assert d.overview is not None and d.overview.startswith("This domain encompasses")
    d15 = fw2015.domain("intrapersonal")
    assert d15.tagline == "Need to Process"
    assert d15.overview is None


def test_competency_fields(fw2020: ec.Framework, fw2015: ec.Framework) -> None:
    c = fw2020["intrapersonal.1"]
    assert isinstance(c, Competency)
    assert (c.id, c.number, c.title, c.kind, c.depth) == ("2020:intrapersonal.1", 1, None, "competency", 1)
    assert c.themes == frozenset({Theme.FC})
    assert c.text == c.statement
    assert fw2015["intrapersonal.1"].title == "Support All Learners"  # type: ignore[union-attr]
    assert fw2015["instructional.1"].title is None  # type: ignore[union-attr]
    assert fw2015["instructional.2"].title == "Assessment and Data"  # type: ignore[union-attr]


def test_indicator_fields(fw2020: ec.Framework) -> None:
    i = fw2020["2020:instructional.4.a.ii"]
    assert isinstance(i, Indicator)
    assert (i.label, i.depth, i.kind, i.domain_key, i.competency_id) == (
        "ii",
        3,
        "sub-indicator",
        "instructional",
        "2020:instructional.4",
    )
    parent = fw2020["instructional.4.a"]
    assert isinstance(parent, Indicator) and i in parent.children and parent.kind == "indicator"


def test_lookup_with_and_without_prefix(fw2020: ec.Framework) -> None:
    assert fw2020["cognitive.2.b.i"] is fw2020["2020:cognitive.2.b.i"]
    assert fw2020[" cognitive.2 "] is fw2020["2020:cognitive.2"]
    assert isinstance(fw2020["cognitive"], Domain)
    assert "cognitive.2.b.i" in fw2020 and "cognitive.2.b.ix" not in fw2020


def test_unknown_id_is_keyerror_with_suggestions(fw2020: ec.Framework) -> None:
    with pytest.raises(KeyError) as info:
        fw2020["instructional.4.a.iix"]
    error = info.value
    assert isinstance(error, ec.UnknownItemError)
    assert "2020:instructional.4.a.ii" in error.suggestions
    assert "did you mean" in str(error) and "instructional.4.a.iix" in str(error)


def test_other_edition_prefix_is_not_found(fw2020: ec.Framework) -> None:
    with pytest.raises(ec.UnknownItemError):
        fw2020["2015:cognitive.1"]


def test_get(fw2020: ec.Framework) -> None:
    assert fw2020.get("nope") is None
    sentinel = fw2020.domains[0]
    assert fw2020.get("nope", sentinel) is sentinel
    assert fw2020.get("cognitive.1") is fw2020["cognitive.1"]
    assert fw2020.get(42) is None  # type: ignore[arg-type]


def test_iteration_order_and_counts(fw2020: ec.Framework) -> None:
    comps = list(fw2020.competencies())
    assert [c.id for c in comps[:2]] == ["2020:intrapersonal.1", "2020:intrapersonal.2"]
    nodes = list(fw2020.indicators())
    # depth-first: an indicator is followed by its own sub-indicators
    at = [n.id for n in nodes].index("2020:instructional.4.a")
    assert [n.id for n in nodes[at : at + 3]] == [
        "2020:instructional.4.a",
        "2020:instructional.4.a.i",
        "2020:instructional.4.a.ii",
    ]
    assert len(list(fw2020.items())) == 4 + len(comps) + len(nodes)
    assert fw2020.ids()[0] == "2020:intrapersonal"


def test_parent_and_ancestors(fw2020: ec.Framework) -> None:
    assert fw2020.parent("instructional.4.a.ii") is fw2020["instructional.4.a"]
    assert fw2020.parent("instructional.4") is fw2020["instructional"]
    assert fw2020.parent("instructional") is None
    assert [a.id for a in fw2020.ancestors(fw2020["instructional.4.a.ii"])] == [
        "2020:instructional.4.a",
        "2020:instructional.4",
        "2020:instructional",
    ]
    assert fw2020.competency_of("instructional.4.a.ii") is fw2020["instructional.4"]
    assert fw2020.domain_of("instructional.4.a.ii") is fw2020["instructional"]


def test_navigation_rejects_foreign_items(fw2020: ec.Framework, fw2015: ec.Framework) -> None:
    with pytest.raises(ec.UnknownItemError, match="does not belong"):
        fw2020.parent(fw2015["cognitive.1"])
    with pytest.raises(ec.UnknownItemError):
        fw2020.competency_of("cognitive")


def test_objects_are_immutable(fw2020: ec.Framework) -> None:
    c = fw2020["cognitive.1"]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        c.statement = "changed"  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        fw2020.title = "changed"  # type: ignore[misc]
    assert isinstance(fw2020.domains, tuple) and isinstance(c.indicators, tuple)
    assert isinstance(c.themes, frozenset)


def test_objects_are_hashable_and_equal_by_value(fw2020: ec.Framework) -> None:
    again = ec.loads(ec.dumps(fw2020))
    assert again is not fw2020
    assert again == fw2020 and hash(again) == hash(fw2020)
    assert len({fw2020, again, ec.load(2015)}) == 2
    assert {fw2020["cognitive.1"]: 1}[again["cognitive.1"]] == 1


def test_theme_enum() -> None:
    assert [t.value for t in Theme] == ["FC", "EI", "SE", "RL"]
    assert [t.label for t in Theme] == [
        "Foundational Competency",
        "Equity and Inclusion",
        "Social and Emotional Learning",
        "Remote Learning",
    ]
    assert Theme.parse("Remote Learning") is Theme.RL and Theme.parse(" ei ") is Theme.EI
    assert Theme.FC.definition.startswith("serve as “prerequisites”")
    assert Theme("SE") == "SE" and str(Theme.SE) == "SE"
    with pytest.raises(ec.UnknownThemeError, match="valid themes are FC"):
        Theme.parse("XX")


def test_threads_share_one_framework() -> None:
    results: list[ec.Framework] = []
    errors: list[BaseException] = []

    def work() -> None:
        try:
            fw = ec.load(2020)
            for item_id in fw.ids():
                assert fw[item_id].id == item_id
                fw.ancestors(item_id)
            results.append(fw)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len({id(fw) for fw in results}) == 1


def test_repr_is_short(fw2020: ec.Framework) -> None:
    assert repr(fw2020).startswith("<Framework 2020:")
    assert len(repr(fw2020["instructional.4"])) < 200
    assert "Domain('2020:cognitive'" in repr(fw2020["cognitive"])


@given(frameworks())
def test_every_item_reachable_by_id(fw: ec.Framework) -> None:
    for item in fw.items():
        assert fw[item.id] is item
        assert fw.get(item.id) is item
        assert item in fw


@given(frameworks())
def test_ancestors_consistent_with_iteration(fw: ec.Framework) -> None:
    for domain in fw.domains:
        assert fw.ancestors(domain) == ()
        for comp in domain.competencies:
            assert fw.ancestors(comp) == (domain,)
            for indicator in comp.walk():
                chain = fw.ancestors(indicator)
                assert chain[-1] is domain and chain[-2] is comp
                assert len(chain) == indicator.depth
                assert indicator in fw.parent(indicator).children  # type: ignore[union-attr]
                assert indicator.id.startswith(chain[0].id + ".")
    assert list(fw.indicators()) == [i for c in fw.competencies() for i in c.walk()]


@given(frameworks())
def test_depth_is_the_same_in_objects_and_records(fw: ec.Framework) -> None:
    """One meaning of ``depth``: domain 0, competency 1, indicator 2, sub-indicator 3, in records too."""
    rows = {row["id"]: row for row in fw.to_records()}
    for item in fw.items():
        assert rows[item.id]["depth"] == item.depth
        assert item.depth == {"domain": 0, "competency": 1, "indicator": 2, "sub-indicator": 3}.get(
            item.kind, item.depth
        )


def test_depth_of_each_kind(fw2020: ec.Framework) -> None:
    kinds = [
        (fw2020[i].kind, fw2020[i].depth) for i in ("cognitive", "cognitive.3", "cognitive.3.e", "cognitive.3.e.i")
    ]
    assert [("domain", 0), ("competency", 1), ("indicator", 2), ("sub-indicator", 3)] == kinds


@given(frameworks())
def test_every_node_iterates_over_its_children(fw: ec.Framework) -> None:
    """One rule for ``len`` and iteration: a node is the sequence of its children."""
    assert list(fw) == list(fw.domains) == list(fw.children) and len(fw) == len(fw.domains)
    for item in fw.items():
        assert list(item) == list(item.children)
        assert len(item) == len(item.children)


def test_len_and_list_of_the_editions(fw2020: ec.Framework, fw2015: ec.Framework) -> None:
    """``list(fw)`` used to raise ``UnknownItemError: '0'`` (Python fell back to ``fw[0]``)."""
    assert 4 == len(fw2020) == len(fw2015)
    assert ["intrapersonal", "interpersonal", "cognitive", "instructional"] == [d.key for d in fw2020]
    assert 23 == sum(len(d) for d in fw2020)
    assert 101 == sum(len(c) for c in fw2020.competencies())


def test_conveniences_without_the_capability_layer_say_what_to_do() -> None:
    """The model's conveniences delegate to one installed object; without it, a clear error."""
    import subprocess
    import sys

    code = (
        "from edcompetencies._model import Framework\n"
        "from edcompetencies.errors import CapabilityMissingError\n"
        "fw = Framework(edition=1, title='t', domains=())\n"
        "try:\n    fw.search('x')\nexcept CapabilityMissingError as e:\n    print('ok', e)\n"
        "import edcompetencies._conveniences\n"
        "print(len(fw.search('x')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.startswith("ok the model's conveniences need the library") and out.endswith("\n0\n")


def test_a_node_without_children_is_still_true(fw2020: ec.Framework) -> None:
    """``len()`` counts children, but ``if item:`` keeps meaning "there is an item"."""
    leaf = fw2020["cognitive.3.e.i"]
    assert 0 == len(leaf) and bool(leaf)
    assert bool(ec.Framework(edition=1, title="empty", domains=()))


def test_every_function_that_takes_a_framework_checks_it_alike() -> None:
    """One check (``_model.require_framework``) in every function that takes a framework."""
    from edcompetencies import case, diff, themes
    from edcompetencies._model import require_framework
    from edcompetencies.errors import ArgumentTypeError

    fw = ec.load(2020)
    assert require_framework("f()", fw) is fw
    calls = {
        "ec.dumps()": lambda: ec.dumps("2020"),  # type: ignore[arg-type]
        "case.export()": lambda: case.export("2020"),  # type: ignore[arg-type]
        "diff.compare()": lambda: diff.compare(fw, "2020"),  # type: ignore[arg-type]
        "themes.counts()": lambda: themes.counts("2020"),  # type: ignore[arg-type]
    }
    for function, call in calls.items():
        with pytest.raises(ArgumentTypeError, match=r"a Framework \(ec\.load\(\), ec\.loads\(\)") as info:
            call()
        assert str(info.value).startswith(function), str(info.value)
