"""Notebook display of every public result (issue 13 point 6): a short ``repr``, a compact
``_repr_html_`` that parses, every text escaped, large collections folded away (``<details>``).

The classes are found by walking the public modules' ``__all__``; an instance of each is found
by walking the results of the public functions, so a new public class is checked without a
line of its own here (and the test fails if no instance of it can be reached).
"""

from __future__ import annotations

import enum
import importlib
import inspect
from collections.abc import Iterator, Sequence, Sized
from html.parser import HTMLParser
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import edcompetencies as ec
from edcompetencies import _markup, case, crosswalk, diff, glossary, migrate, themes, toolkit

from .strategies import hostile_strings

PUBLIC_MODULES = (
    "edcompetencies",
    "edcompetencies.crosswalk",
    "edcompetencies.glossary",
    "edcompetencies.toolkit",
    "edcompetencies.publication",
    "edcompetencies.themes",
    "edcompetencies.diff",
    "edcompetencies.case",
    "edcompetencies.migrate",
    "edcompetencies.credentials",
    "edcompetencies.pictures",
)
MAX_REPR = 300
"""A repr "under a few hundred characters"."""

HOSTILE = "<script>alert('x')</script> & \"quoted\" <b>bold</b>"


def public_classes() -> list[type]:
    """Every attrs class, and every result sequence, named in a public module's ``__all__``."""
    found: dict[type, None] = {}
    for name in PUBLIC_MODULES:
        module = importlib.import_module(name)
        for attr in module.__all__:
            obj = getattr(module, attr)
            if isinstance(obj, type) and (attrs.has(obj) or issubclass(obj, _markup.Tabular)):
                found[obj] = None
    return list(found)


def _no_argument_results() -> Iterator[object]:
    for name in PUBLIC_MODULES:
        module = importlib.import_module(name)
        for attr in module.__all__:
            function = getattr(module, attr)
            if isinstance(function, type) or not callable(function):
                continue
            try:
                parameters = inspect.signature(function).parameters.values()
            except (TypeError, ValueError):  # pragma: no cover - a builtin
                continue
            if all(p.default is not p.empty or p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD) for p in parameters):
                try:
                    yield function()
                except ec.errors.EdCompetenciesError:  # e.g. a function that needs networkx
                    continue


def roots() -> Iterator[object]:
    yield from _no_argument_results()
    fw15, fw20 = ec.load(2015), ec.load(2020)
    d = diff.compare(fw15, fw20, lineage=ec.lineage(2015, 2020))
    first = fw20.domains[0].competencies[0]
    yield from (fw15, fw20, ec.lineage(2015, 2020), d, d.summary(), d.changes[0].words)
    yield from (fw20.search("trauma"), themes.counts(fw20), crosswalk.emphasis(1))
    yield from (toolkit.assessment(first), toolkit.reflection("2020:interpersonal.1"), toolkit.rubric(first))
    yield glossary.terms_in("personalized learning and competency-based education")
    yield migrate.ids(["2015:cognitive.1", "2015:intrapersonal.2.1"])
    yield case.read(case.export(fw20, intasc=True))
    yield case.read(case.export(fw20, rubrics=True)).rubrics[:1]
    yield d.sankey()
    yield ec.pictures.Node("2015:cognitive", "Cognitive", "2015"), ec.pictures.Band("a", "b", 2, "same")
    yield case.Ignored("$.CFItems[0].educationalLevel", "not part of the model", "abc")


def instances() -> dict[type, object]:
    """One instance of each class reachable from the public results, the first found."""
    found: dict[type, object] = {}
    seen: dict[int, object] = {}  # the objects too: an id is unique only while its object lives

    def walk(obj: object, depth: int) -> None:
        if id(obj) in seen or depth > 8 or isinstance(obj, (str, bytes, int, float, enum.Enum)):
            return
        seen[id(obj)] = obj
        kind = type(obj)
        if attrs.has(kind) or isinstance(obj, _markup.Tabular):
            found.setdefault(kind, obj)
        if attrs.has(kind):
            for field in attrs.fields(kind):
                walk(getattr(obj, field.name), depth + 1)
        if isinstance(obj, (Sequence, frozenset, set)):
            for value in list(obj)[:40]:
                walk(value, depth + 1)
        elif isinstance(obj, dict):
            for value in list(obj.values())[:40]:
                walk(value, depth + 1)

    for root in roots():
        walk(root, 0)
    return found


INSTANCES = instances()
CLASSES = public_classes()


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attributes: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)


def parsed_tags(html: str) -> list[str]:
    parser = _Tags()
    parser.feed(html)
    parser.close()
    return parser.tags


def test_every_public_class_has_an_instance() -> None:
    """The walk reaches every public class, so the checks below cover all of them."""
    assert [] == [c.__name__ for c in CLASSES if c not in INSTANCES]


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_repr_is_short(cls: type) -> None:
    """A notebook cell shows a line, not a 3 KB wall of attrs repr."""
    text = repr(INSTANCES[cls])
    assert len(text) <= MAX_REPR, text
    assert "\n" not in text


def rich(obj: Any) -> str:
    """What a notebook shows: the HTML, or for a picture its SVG."""
    if isinstance(obj, ec.pictures.Picture):
        return f'<div class="edc"><style></style>{obj._repr_svg_()}</div>'
    html: str = obj._repr_html_()
    return html


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_repr_html_parses_under_the_stylesheet(cls: type) -> None:
    html = rich(INSTANCES[cls])
    tags = parsed_tags(html)
    assert "style" in tags
    assert "script" not in tags
    assert 'class="edc' in html


def test_large_collections_are_folded_away() -> None:
    """The assessment tool (35 entries) and the lineage (119 links) show a collapsed view."""
    for obj in (toolkit.assessment_tool(), ec.lineage(2015, 2020)):
        html = obj._repr_html_()
        assert "<details>" in html
        assert len(repr(obj)) <= MAX_REPR


def test_short_reprs_name_the_object() -> None:
    assert "Lineage(2015 -> 2020, links=119, removed=19, added=30)" == repr(ec.lineage(2015, 2020))
    link = ec.lineage(2015, 2020).links[0]
    assert repr(link) == f"Link({link.old!r} -> {link.new!r}, {link.relation!r})"
    assert repr(ec.load(2015).notes[0]).startswith("SourceNote('2015-")
    # an entry names the competency it unpacks (the ID of its printed competency)
    assert repr(toolkit.assessment("2020:intrapersonal.1")).startswith("AssessmentEntry('2020:intrapersonal.1', ")
    assert repr(toolkit.reflection("interpersonal.1")).startswith("ReflectionEntry('2020:interpersonal.1', ")


def _hostile_variants(obj: object, text: str) -> Iterator[object]:
    """*obj* with each of its text fields replaced by *text* (where the class accepts it)."""
    for field in attrs.fields(type(obj)):
        if field.name == "svg":  # a picture's own markup (its texts: tests/test_pictures.py)
            continue
        if field.type in (str, "str", "str | None") and isinstance(getattr(obj, field.name), str):
            try:
                yield attrs.evolve(obj, **{field.name.lstrip("_"): text})  # type: ignore[misc]
            except (ValueError, TypeError, ec.errors.EdCompetenciesError):
                continue


@pytest.mark.parametrize("cls", [c for c in CLASSES if attrs.has(c)], ids=lambda c: c.__name__)
def test_every_text_is_escaped(cls: type) -> None:
    """A hostile text in any text field does not survive as markup, in the card or the repr."""
    for variant in _hostile_variants(INSTANCES[cls], HOSTILE):
        html = rich(variant)
        assert "<script>" not in html
        assert "script" not in parsed_tags(html)
        assert "b" not in parsed_tags(html)
        assert len(repr(variant)) <= MAX_REPR


@settings(max_examples=60, deadline=None)
@given(text=st.text(alphabet=st.sampled_from("<>&\"'/ab script=\n"), max_size=80) | hostile_strings)
def test_card_escapes_any_text(text: str) -> None:
    """The shared card helper escapes any text: no tag comes out that the card did not write."""
    note = attrs.evolve(ec.load(2015).notes[0], text=text, id=text or "x")
    card = _markup.html_card(note)
    tags = parsed_tags(card)
    assert len(repr(note)) <= MAX_REPR
    assert set(tags) <= {"div", "table", "caption", "tbody", "tr", "th", "td", "ul", "li", "details", "summary", "p"}


def test_card_repr_counts_collections() -> None:
    tool = toolkit.assessment_tool()
    assert isinstance(tool.entries, Sized)
    assert f"entries={len(tool.entries)}" in repr(tool)
