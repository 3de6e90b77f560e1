"""Reading the 2020 crosswalk, glossary and toolkit files: validated, cached, shared.

Private: :mod:`edcompetencies.crosswalk`, :mod:`~edcompetencies.glossary` and
:mod:`~edcompetencies.toolkit` build their public objects from what this module returns.
Nothing is read at import. Each file is read once through ``_loading.read_data`` (zip-safe
``importlib.resources``), decoded, and checked against the format of
``docs/data-format-toolkit.md``: every key and type, every reference to the 2020 edition,
every performance label, every link and every note item. A problem raises
:class:`~edcompetencies.errors.FrameworkFormatError` naming the file and the JSON path.

The module also holds the pieces the three share: the text blocks of introductory
sections (:class:`Section`, :class:`Paragraph`, :class:`BulletList`, :class:`Table`) and
the source notes of the three files.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable, Iterable
from functools import cache
from typing import Any

import attrs

from ._model import NoteKind, SourceNote
from ._rules import type_name
from .errors import ArgumentTypeError, FrameworkFormatError, UnknownChoiceError

__all__ = [
    "FILES",
    "ArgumentTypeError",
    "Block",
    "BulletList",
    "ListItem",
    "Paragraph",
    "Section",
    "Table",
    "all_notes",
    "blocks_from",
    "data",
    "notes_of",
    "parse",
    "sections_from",
]

FILES = {
    "crosswalk": "crosswalk-2020.json",
    "glossary": "glossary-2020.json",
    "toolkit": "toolkit-2020.json",
}
RESOLUTIONS = ("number-and-text", "text", "number", "position")
MATCHES = ("exact", "typographic", "different")
DOMAINS = ("intrapersonal", "interpersonal", "cognitive", "instructional")
LEVELS = ("establishing", "developing", "operationalizing", "refining")
_PERFORMANCE_LABEL = re.compile(r"^([1-9][0-9]*)\(([a-z])\)$")
_lock = threading.Lock()

Json = Any
Check = Callable[[object, str], None]


# --------------------------------------------------------------------------- shared text blocks


@attrs.frozen
class Paragraph:
    """One paragraph of text, as printed."""

    text: str

    @property
    def plain(self) -> str:
        """The paragraph's text."""
        return self.text


@attrs.frozen
class ListItem:
    """An item of a list: its printed label (``"a"``) or ``None`` for a bullet, its text and sub-items."""

    label: str | None
    text: str
    children: tuple[ListItem, ...] = ()

    def lines(self, depth: int = 0) -> list[str]:
        marker = f"{self.label}. " if self.label else "- "
        out = ["  " * depth + marker + self.text]
        for child in self.children:
            out += child.lines(depth + 1)
        return out


@attrs.frozen
class BulletList:
    """A bulleted or labelled list."""

    items: tuple[ListItem, ...]

    @property
    def plain(self) -> str:
        """The list as plain text, one item a line (``a. ...`` or ``- ...``), sub-items indented."""
        return "\n".join(line for item in self.items for line in item.lines())


@attrs.frozen
class Table:
    """A table: its header row (or ``None``) and its rows of cells."""

    header: tuple[str, ...] | None
    rows: tuple[tuple[str, ...], ...]

    @property
    def plain(self) -> str:
        """The table as plain text, one row a line, cells separated by `` | ``."""
        rows = ([self.header] if self.header else []) + list(self.rows)
        return "\n".join(" | ".join(row) for row in rows)


Block = Paragraph | BulletList | Table
"""A block of a section or a definition."""


@attrs.frozen
class Section:
    """A headed part of an introduction, as printed: ``heading`` (``None`` before the first) and blocks."""

    heading: str | None
    blocks: tuple[Block, ...]

    @property
    def text(self) -> str:
        """The section's blocks as plain text, separated by blank lines (the heading not included)."""
        return "\n\n".join(b.plain for b in self.blocks)


def _list_item(raw: Json) -> ListItem:
    return ListItem(raw["label"], raw["text"], tuple(_list_item(c) for c in raw["children"]))


def blocks_from(raw: Iterable[Json]) -> tuple[Block, ...]:
    """Blocks from their validated JSON."""
    out: list[Block] = []
    for block in raw:
        if block["type"] == "paragraph":
            out.append(Paragraph(block["text"]))
        elif block["type"] == "list":
            out.append(BulletList(tuple(_list_item(i) for i in block["items"])))
        else:
            header = tuple(block["header"]) if block["header"] is not None else None
            out.append(Table(header, tuple(tuple(r) for r in block["rows"])))
    return tuple(out)


def sections_from(raw: Iterable[Json]) -> tuple[Section, ...]:
    """Sections from their validated JSON."""
    return tuple(Section(s["heading"], blocks_from(s["blocks"])) for s in raw)


# --------------------------------------------------------------------------- validation


class _Checker:
    """Checks decoded JSON against a small declarative description, naming the JSON path."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, path: str, message: str, item: str | None = None) -> FrameworkFormatError:
        return FrameworkFormatError(message, source=self.source, path=path, item=item)

    # -- primitive checks (each returns a Check) ---------------------------------------

    def text(self, *, nullable: bool = False) -> Check:
        def check(value: object, path: str) -> None:
            if value is None and nullable:
                return
            if not isinstance(value, str):
                expected = "a string or null" if nullable else "a string"
                raise self.fail(path, f"expected {expected}, found {type_name(value)}")
            if not value.strip():
                raise self.fail(path, "empty text")

        return check

    def integer(self, *, nullable: bool = False, minimum: int | None = None) -> Check:
        def check(value: object, path: str) -> None:
            if value is None and nullable:
                return
            if not isinstance(value, int) or isinstance(value, bool):
                expected = "an integer or null" if nullable else "an integer"
                raise self.fail(path, f"expected {expected}, found {type_name(value)}")
            if minimum is not None and value < minimum:
                raise self.fail(path, f"expected {minimum} or more, found {value}")

        return check

    def boolean(self) -> Check:
        def check(value: object, path: str) -> None:
            if not isinstance(value, bool):
                raise self.fail(path, f"expected true or false, found {type_name(value)}")

        return check

    def null(self) -> Check:
        def check(value: object, path: str) -> None:
            if value is not None:
                raise self.fail(path, f"expected null, found {type_name(value)}")

        return check

    def choice(self, allowed: Iterable[object]) -> Check:
        allowed = tuple(allowed)

        def check(value: object, path: str) -> None:
            if value not in allowed or isinstance(value, bool):
                listed = ", ".join(repr(a) for a in allowed)
                raise self.fail(path, f"expected one of {listed}, found {value!r}")

        return check

    def array(self, each: Check, *, nullable: bool = False, min_items: int = 0) -> Check:
        def check(value: object, path: str) -> None:
            if value is None and nullable:
                return
            if not isinstance(value, list):
                expected = "an array or null" if nullable else "an array"
                raise self.fail(path, f"expected {expected}, found {type_name(value)}")
            if len(value) < min_items:
                raise self.fail(path, f"expected at least {min_items} entries, found {len(value)}")
            for n, v in enumerate(value):
                each(v, f"{path}[{n}]")

        return check

    def obj(self, required: dict[str, Check], optional: dict[str, Check] | None = None) -> Check:
        optional = optional or {}

        def check(value: object, path: str) -> None:
            if not isinstance(value, dict):
                raise self.fail(path, f"expected an object, found {type_name(value)}")
            for key in value:
                if key not in required and key not in optional:
                    allowed = ", ".join([*required, *optional])
                    raise self.fail(f"{path}.{key}", f"unknown key {key!r} (allowed: {allowed})")
            for key, sub in required.items():
                if key not in value:
                    raise self.fail(path, f"missing required key {key!r}")
                sub(value[key], f"{path}.{key}")
            for key, sub in optional.items():
                if key in value:
                    sub(value[key], f"{path}.{key}")

        return check

    def any_object(self) -> Check:
        def check(value: object, path: str) -> None:
            if not isinstance(value, dict):
                raise self.fail(path, f"expected an object, found {type_name(value)}")

        return check

    def mapping(self, keys: Iterable[str], each: Check) -> Check:
        """An object with exactly these keys, each value checked by *each*."""
        return self.obj(dict.fromkeys(keys, each))

    # -- shared shapes ---------------------------------------------------------------

    def list_item(self) -> Check:
        def check(value: object, path: str) -> None:
            self.obj(
                {"label": self.text(nullable=True), "text": self.text(), "children": self.array(self.list_item())}
            )(value, path)

        return check

    def block(self) -> Check:
        paragraph = self.obj({"type": self.choice(["paragraph"]), "text": self.text()})
        bullets = self.obj({"type": self.choice(["list"]), "items": self.array(self.list_item(), min_items=1)})
        table = self.obj(
            {
                "type": self.choice(["table"]),
                "header": self.array(self.text(), nullable=True),
                "rows": self.array(self.array(self.text())),
            }
        )

        def check(value: object, path: str) -> None:
            if not isinstance(value, dict):
                raise self.fail(path, f"expected an object, found {type_name(value)}")
            kind = value.get("type")
            shape = {"paragraph": paragraph, "list": bullets, "table": table}.get(kind if isinstance(kind, str) else "")
            if shape is None:
                raise self.fail(f"{path}.type", f"expected 'paragraph', 'list' or 'table', found {kind!r}")
            shape(value, path)

        return check

    def sections(self) -> Check:
        return self.array(self.obj({"heading": self.text(nullable=True), "blocks": self.array(self.block())}))

    def quoted_competency(self, extra: dict[str, Check] | None = None) -> Check:
        return self.obj(
            {
                "domain": self.choice(DOMAINS),
                "toolkit_number": self.integer(minimum=1),
                "text": self.text(),
                "competency": self.text(),
                "resolution": self.choice(RESOLUTIONS),
                "match": self.choice(MATCHES),
                **(extra or {}),
            }
        )

    def notes(self) -> Check:
        return self.array(
            self.obj(
                {
                    "id": self.text(),
                    "kind": self.choice([k.value for k in NoteKind]),
                    "items": self.array(self.text(), min_items=1),
                    "text": self.text(),
                },
                {"source": self.text(nullable=True)},
            )
        )

    def top(self, fmt: str, extra: dict[str, Check]) -> Check:
        return self.obj(
            {
                "format": self.choice([f"edcompetencies/{fmt}"]),
                "format_version": self.choice([1]),
                "edition": self.choice([2020]),
                "title": self.text(),
                "source": self.text(),
                "notes": self.notes(),
                **extra,
            }
        )


def _descriptor(c: _Checker) -> Check:
    def check(value: object, path: str) -> None:
        c.obj(
            {"text": c.text(), "children": c.array(_descriptor(c)), "refs": c.array(c.text())},
            {"resolution": c.choice(RESOLUTIONS), "match": c.choice(MATCHES)},
        )(value, path)

    return check


def _printed_indicator(c: _Checker) -> Check:
    def check(value: object, path: str) -> None:
        c.obj(
            {
                "label": c.text(nullable=True),
                "text": c.text(),
                "refs": c.array(c.text(), min_items=1),
                "resolution": c.choice(RESOLUTIONS),
                "match": c.choice(MATCHES),
                "children": c.array(_printed_indicator(c)),
            }
        )(value, path)

    return check


def _crosswalk_shape(c: _Checker) -> Check:
    quoted_link = {
        "resolution": c.choice(RESOLUTIONS),
        "match": c.choice(MATCHES),
    }
    return c.top(
        "crosswalk",
        {
            "standards_title": c.text(),
            "standards_year": c.integer(),
            "introduction": c.sections(),
            "groups": c.null(),
            "standards": c.array(
                c.obj(
                    {
                        "number": c.integer(minimum=1),
                        "id": c.text(),
                        "heading": c.text(),
                        "title": c.text(),
                        "statement": c.text(),
                        "group": c.null(),
                        "performances": c.array(
                            c.obj({"label": c.text(), "letter": c.text(), "text": c.text()}), min_items=1
                        ),
                        "part_one_quotes": c.array(
                            c.obj(
                                {
                                    "domain": c.choice(DOMAINS),
                                    "heading": c.text(),
                                    "title": c.text(),
                                    "statement": c.text(),
                                    "match": c.choice(MATCHES),
                                }
                            )
                        ),
                    }
                ),
                min_items=1,
            ),
            "part_one": c.obj(
                {
                    "label": c.text(),
                    "heading": c.text(),
                    "introduction": c.text(),
                    "domains": c.array(
                        c.obj(
                            {
                                "domain": c.choice(DOMAINS),
                                "id": c.text(),
                                "heading": c.text(),
                                "description": c.text(),
                                "competencies": c.array(
                                    c.obj(
                                        {
                                            "number": c.integer(minimum=1),
                                            "text": c.text(),
                                            "competency": c.text(),
                                            **quoted_link,
                                        }
                                    )
                                ),
                                "related_standards": c.array(
                                    c.obj(
                                        {
                                            "standard": c.integer(minimum=1),
                                            "heading": c.text(),
                                            "title": c.text(),
                                            "statement": c.text(),
                                            "match": c.choice(MATCHES),
                                        }
                                    )
                                ),
                            }
                        )
                    ),
                }
            ),
            "part_two": c.obj(
                {
                    "label": c.text(),
                    "heading": c.text(),
                    "introduction": c.text(),
                    "standards": c.array(
                        c.obj(
                            {
                                "standard": c.integer(minimum=1),
                                "emphasis": c.text(),
                                "references": c.array(
                                    c.obj({"label": c.text(), "standard": c.integer(minimum=1), "letter": c.text()})
                                ),
                                "related_competencies": c.array(
                                    c.obj(
                                        {
                                            "domain": c.choice(DOMAINS),
                                            "number": c.integer(minimum=1),
                                            "text": c.text(),
                                            "competency": c.text(),
                                            **quoted_link,
                                        }
                                    )
                                ),
                            }
                        )
                    ),
                }
            ),
            "links": c.array(
                c.obj({"part": c.choice(["one", "two"]), "standard": c.integer(minimum=1), "item": c.text()})
            ),
        },
    )


def _glossary_shape(c: _Checker) -> Check:
    source = c.obj(
        {
            "text": c.text(),
            "title": c.text(nullable=True),
            "author": c.text(nullable=True),
            "year": c.integer(nullable=True),
            "details": c.text(nullable=True),
            "url": c.text(nullable=True),
        }
    )
    return c.top(
        "glossary",
        {
            "appendix": c.text(),
            "terms": c.array(
                c.obj(
                    {
                        "id": c.text(),
                        "term": c.text(),
                        "definition": c.array(c.block(), min_items=1),
                        "related_terms_text": c.text(nullable=True),
                        "closely_related_terms": c.array(c.text(), nullable=True),
                        "not_synonymous_with": c.array(c.text(), nullable=True),
                        "sources": c.array(source),
                    }
                ),
                min_items=1,
            ),
        },
    )


def _toolkit_shape(c: _Checker) -> Check:
    descriptors = c.array(_descriptor(c))
    return c.top(
        "toolkit",
        {
            "prioritized_competencies": c.obj(
                {"title": c.text(), "sections": c.sections(), "competencies": c.array(c.quoted_competency())}
            ),
            "implementation_levels": c.array(
                c.obj({"key": c.choice(LEVELS), "heading": c.text(), "definition": c.text()})
            ),
            "assessment_tool": c.obj(
                {
                    "title": c.text(),
                    "sections": c.sections(),
                    "competencies": c.array(c.quoted_competency({"levels": c.mapping(LEVELS, descriptors)})),
                }
            ),
            "reflection_tool": c.obj(
                {
                    "title": c.text(),
                    "sections": c.sections(),
                    "entries": c.array(
                        c.quoted_competency(
                            {
                                "indicators": c.array(_printed_indicator(c)),
                                "reflective_questions": c.array(c.text()),
                                "look_fors": c.array(c.text()),
                            }
                        )
                    ),
                }
            ),
            "simple_rubric": c.obj(
                {
                    "title": c.text(),
                    "sections": c.sections(),
                    "columns": c.array(
                        c.obj(
                            {
                                "key": c.choice(("developing", "operationalizing", "refining")),
                                "position": c.choice(("left", "middle", "right")),
                                "heading": c.text(),
                                "description": c.text(),
                            }
                        )
                    ),
                    "example": c.quoted_competency(
                        {
                            "caption": c.text(),
                            "heading": c.text(),
                            "competency_heading": c.text(),
                            "citation": c.text(),
                            "rows": c.array(
                                c.obj(
                                    {
                                        "developing": c.text(nullable=True),
                                        "operationalizing": c.text(),
                                        "refining": c.text(nullable=True),
                                        "refs": c.array(c.text(), min_items=1),
                                        "resolution": c.choice(RESOLUTIONS),
                                        "match": c.choice(MATCHES),
                                    }
                                )
                            ),
                        }
                    ),
                }
            ),
            "in_the_field": c.array(
                c.obj(
                    {
                        "id": c.text(),
                        "part": c.choice(("main-text", "user-guide")),
                        "section": c.text(),
                        "heading": c.text(nullable=True),
                        "domain": c.choice((*DOMAINS, None)),
                        "after_item": c.text(nullable=True),
                        "labelled": c.boolean(),
                        "actors": c.array(c.text(), min_items=1),
                        "text": c.text(),
                        "copies": c.array(c.text()),
                    }
                )
            ),
            "respondents": c.obj(
                {
                    "appendix": c.text(),
                    "section": c.text(),
                    "introduction": c.text(),
                    "heading": c.text(),
                    "columns": c.array(c.text(), min_items=1),
                    "rows": c.array(
                        c.obj({"group": c.text(), "counts": c.any_object()}),
                    ),
                    "total": c.any_object(),
                }
            ),
            "centering_equity": c.obj(
                {
                    "title": c.text(),
                    "sections": c.sections(),
                    "footnotes": c.array(c.obj({"label": c.text(), "text": c.text()})),
                    "guiding_questions": c.array(c.text(), nullable=True),
                }
            ),
        },
    )


# --------------------------------------------------------------------------- references


def _edition_ids() -> frozenset[str]:
    from ._loading import load

    return frozenset(load(2020).ids())


def _check_competency(c: _Checker, ids: frozenset[str], value: str, path: str, domain: str | None = None) -> None:
    if value not in ids or value.count(".") != 1:
        raise c.fail(path, f"{value!r} is not a competency of the 2020 edition")
    if domain is not None and not value.startswith(f"2020:{domain}."):
        raise c.fail(path, f"{value!r} is not in the {domain} domain the entry names")


def _check_refs(c: _Checker, ids: frozenset[str], refs: list[str], path: str) -> None:
    for n, ref in enumerate(refs):
        if ref not in ids:
            raise c.fail(f"{path}[{n}]", f"{ref!r} is not an item of the 2020 edition")


def _check_crosswalk_refs(c: _Checker, data: Json, ids: frozenset[str]) -> set[str]:
    """Cross-reference rules of the crosswalk; returns the IDs it defines (for note items)."""
    defined: set[str] = set()
    numbers: list[int] = []
    performances: dict[int, set[str]] = {}
    for n, std in enumerate(data["standards"]):
        path = f"$.standards[{n}]"
        number = std["number"]
        if number in numbers:
            raise c.fail(f"{path}.number", f"standard {number} is listed twice")
        numbers.append(number)
        if std["id"] != f"intasc:{number}":
            raise c.fail(f"{path}.id", f"expected 'intasc:{number}', found {std['id']!r}")
        defined.add(std["id"])
        labels: set[str] = set()
        for k, perf in enumerate(std["performances"]):
            ppath = f"{path}.performances[{k}]"
            m = _PERFORMANCE_LABEL.match(perf["label"])
            if m is None or int(m.group(1)) != number or m.group(2) != perf["letter"]:
                raise c.fail(
                    f"{ppath}.label",
                    f"a performance label is '<standard>(<letter>)' for this standard and letter, "
                    f"e.g. '{number}({perf['letter']})'; found {perf['label']!r}",
                )
            if perf["label"] in labels:
                raise c.fail(f"{ppath}.label", f"performance {perf['label']} is listed twice in standard {number}")
            labels.add(perf["label"])
            defined.add(f"intasc:{perf['label']}")
        performances[number] = labels
    if numbers != sorted(numbers):
        raise c.fail("$.standards", "the standards are not in number order")

    def known(number: int, path: str) -> None:
        if number not in performances:
            raise c.fail(path, f"standard {number} is not among the standards ({', '.join(map(str, numbers))})")

    pairs_one: list[tuple[int, str]] = []
    for n, dom in enumerate(data["part_one"]["domains"]):
        path = f"$.part_one.domains[{n}]"
        if dom["id"] != f"2020:{dom['domain']}":
            raise c.fail(f"{path}.id", f"expected '2020:{dom['domain']}', found {dom['id']!r}")
        for k, comp in enumerate(dom["competencies"]):
            _check_competency(c, ids, comp["competency"], f"{path}.competencies[{k}].competency", dom["domain"])
        for k, rel in enumerate(dom["related_standards"]):
            known(rel["standard"], f"{path}.related_standards[{k}].standard")
            pairs_one.append((rel["standard"], dom["id"]))
    pairs_two: list[tuple[int, str]] = []
    for n, entry in enumerate(data["part_two"]["standards"]):
        path = f"$.part_two.standards[{n}]"
        known(entry["standard"], f"{path}.standard")
        for k, ref in enumerate(entry["references"]):
            rpath = f"{path}.references[{k}]"
            known(ref["standard"], f"{rpath}.standard")
            if ref["label"] != f"{ref['standard']}({ref['letter']})" or ref["label"] not in performances.get(
                ref["standard"], set()
            ):
                raise c.fail(rpath, f"the reference {ref['label']!r} names no performance of the crosswalk")
        for k, comp in enumerate(entry["related_competencies"]):
            _check_competency(
                c, ids, comp["competency"], f"{path}.related_competencies[{k}].competency", comp["domain"]
            )
            pairs_two.append((entry["standard"], comp["competency"]))
    if sorted(e["standard"] for e in data["part_two"]["standards"]) != numbers:
        raise c.fail("$.part_two.standards", "part two must have one entry for each standard")
    links = [(link["part"], link["standard"], link["item"]) for link in data["links"]]
    expected = [("one", s, i) for s, i in pairs_one] + [("two", s, i) for s, i in pairs_two]
    for n, link in enumerate(links):
        if link not in expected:
            raise c.fail(f"$.links[{n}]", f"the link {link} is in neither part one nor part two")
    if sorted(links) != sorted(expected) or len(set(links)) != len(links):
        raise c.fail("$.links", "the links must list part one's and part two's pairs, each once")
    return defined


def _check_glossary_refs(c: _Checker, data: Json) -> set[str]:
    defined = {"glossary"}
    for n, term in enumerate(data["terms"]):
        tid = f"glossary:{term['id']}"
        if tid in defined:
            raise c.fail(f"$.terms[{n}].id", f"duplicate term ID {term['id']!r}")
        defined.add(tid)
    return defined


def _check_toolkit_refs(c: _Checker, data: Json, ids: frozenset[str]) -> set[str]:
    defined = {"toolkit:reflection-tool", "toolkit:respondents", "toolkit:centering-equity"}

    def quoted(entry: Json, path: str) -> None:
        _check_competency(c, ids, entry["competency"], f"{path}.competency", entry["domain"])

    def descriptors(items: list[Json], path: str) -> None:
        for k, d in enumerate(items):
            _check_refs(c, ids, d["refs"], f"{path}[{k}].refs")
            descriptors(d["children"], f"{path}[{k}].children")

    def indicators(items: list[Json], path: str) -> None:
        for k, d in enumerate(items):
            _check_refs(c, ids, d["refs"], f"{path}[{k}].refs")
            indicators(d["children"], f"{path}[{k}].children")

    for n, entry in enumerate(data["prioritized_competencies"]["competencies"]):
        quoted(entry, f"$.prioritized_competencies.competencies[{n}]")
    keys = [lvl["key"] for lvl in data["implementation_levels"]]
    if keys != list(LEVELS):
        raise c.fail("$.implementation_levels", f"expected the levels {', '.join(LEVELS)} in order")
    for n, entry in enumerate(data["assessment_tool"]["competencies"]):
        path = f"$.assessment_tool.competencies[{n}]"
        quoted(entry, path)
        for level in LEVELS:
            descriptors(entry["levels"][level], f"{path}.levels.{level}")
    for n, entry in enumerate(data["reflection_tool"]["entries"]):
        path = f"$.reflection_tool.entries[{n}]"
        quoted(entry, path)
        indicators(entry["indicators"], f"{path}.indicators")
    example = data["simple_rubric"]["example"]
    quoted(example, "$.simple_rubric.example")
    for n, row in enumerate(example["rows"]):
        _check_refs(c, ids, row["refs"], f"$.simple_rubric.example.rows[{n}].refs")
    if [col["key"] for col in data["simple_rubric"]["columns"]] != ["developing", "operationalizing", "refining"]:
        raise c.fail("$.simple_rubric.columns", "expected the columns developing, operationalizing, refining")
    examples = {e["id"] for e in data["in_the_field"]}
    for n, example_ in enumerate(data["in_the_field"]):
        path = f"$.in_the_field[{n}]"
        if example_["after_item"] is not None and example_["after_item"] not in ids:
            raise c.fail(f"{path}.after_item", f"{example_['after_item']!r} is not an item of the 2020 edition")
        for k, copy in enumerate(example_["copies"]):
            if copy not in examples:
                raise c.fail(f"{path}.copies[{k}]", f"{copy!r} is not an In the field example")
        defined.add(f"in-the-field:{example_['id']}")
    resp = data["respondents"]
    columns = resp["columns"]
    for n, row in enumerate([*resp["rows"], {"counts": resp["total"]}]):
        path = f"$.respondents.rows[{n}].counts" if n < len(resp["rows"]) else "$.respondents.total"
        counts = row["counts"]
        if sorted(counts) != sorted(columns):
            raise c.fail(path, f"expected one count for each column ({', '.join(columns)})")
        for col, value in counts.items():
            c.integer(nullable=True, minimum=0)(value, f"{path}.{col}")
    return defined


def _check_note_items(c: _Checker, notes: list[Json], ids: frozenset[str], defined: set[str]) -> None:
    seen: set[str] = set()
    for n, note in enumerate(notes):
        if note["id"] in seen:
            raise c.fail(f"$.notes[{n}].id", f"duplicate note ID {note['id']!r}")
        seen.add(note["id"])
        for k, item in enumerate(note["items"]):
            if item not in ids and item not in defined and item != "2020":
                message = f"the note {note['id']!r} names {item!r}, which does not exist"
                raise c.fail(f"$.notes[{n}].items[{k}]", message)


# --------------------------------------------------------------------------- reading


def parse(kind: str, text: str | bytes, *, source: str | None = None) -> Json:
    """Decode and validate one file's JSON text (``kind``: crosswalk, glossary or toolkit).

    Raises :class:`~edcompetencies.errors.FrameworkFormatError` naming *source* (by default
    the packaged file) and the JSON path of the first problem.
    """
    if kind not in FILES:
        raise UnknownChoiceError("kind", kind, tuple(FILES))
    c = _Checker(source or f"edcompetencies/data/{FILES[kind]}")
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        where = f" at line {exc.lineno} column {exc.colno}" if isinstance(exc, json.JSONDecodeError) else ""
        raise c.fail("$", f"malformed JSON{where}: {getattr(exc, 'msg', exc)}") from None
    except RecursionError:
        raise c.fail("$", "the JSON is nested too deeply") from None
    shape = {"crosswalk": _crosswalk_shape, "glossary": _glossary_shape, "toolkit": _toolkit_shape}[kind]
    try:
        shape(c)(data, "$")
    except RecursionError:
        raise c.fail("$", "the JSON is nested too deeply") from None
    ids = _edition_ids()
    if kind == "crosswalk":
        defined = _check_crosswalk_refs(c, data, ids)
    elif kind == "glossary":
        defined = _check_glossary_refs(c, data)
    else:
        defined = _check_toolkit_refs(c, data, ids)
    _check_note_items(c, data["notes"], ids, defined)
    return data


@cache
def _all() -> dict[str, Json]:
    from ._loading import read_data

    result = {kind: parse(kind, read_data(name)) for kind, name in FILES.items()}
    seen: dict[str, str] = {}
    for kind in FILES:
        for n, note in enumerate(result[kind]["notes"]):
            if note["id"] in seen:
                raise FrameworkFormatError(
                    f"the note ID {note['id']!r} is also used in {seen[note['id']]}",
                    source=f"edcompetencies/data/{FILES[kind]}",
                    path=f"$.notes[{n}].id",
                )
            seen[note["id"]] = FILES[kind]
    return result


def data(kind: str) -> Json:
    """The validated, decoded JSON of one packaged file (cached; do not modify it)."""
    with _lock:
        return _all()[kind]


def _note(raw: Json) -> SourceNote:
    return SourceNote(
        id=raw["id"], kind=NoteKind(raw["kind"]), items=tuple(raw["items"]), text=raw["text"], source=raw.get("source")
    )


@cache
def notes_of(kind: str) -> tuple[SourceNote, ...]:
    """The source notes of one file, in file order."""
    return tuple(_note(n) for n in data(kind)["notes"])


def all_notes() -> tuple[SourceNote, ...]:
    """The source notes of the crosswalk, glossary and toolkit files, in that order."""
    return notes_of("crosswalk") + notes_of("glossary") + notes_of("toolkit")


def note_key(item: object) -> str:
    """The ID a note's ``items`` would use for *item*: an object's ``id``, or a string as given.

    A 2020 ID without its prefix (``"instructional.4"``) is qualified.
    """
    item_id = getattr(item, "id", item)
    if not isinstance(item_id, str):
        raise ArgumentTypeError("notes_for()", "item", "an item, an object with an id, or an ID string", item)
    item_id = item_id.strip()
    if ":" not in item_id and item_id not in ("glossary", "2020"):
        return f"2020:{item_id}"
    return item_id


def notes_for(item: object, notes: tuple[SourceNote, ...]) -> tuple[SourceNote, ...]:
    """The notes among *notes* that name *item*."""
    wanted = note_key(item)
    return tuple(n for n in notes if wanted in n.items)
