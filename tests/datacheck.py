"""The packaged data files' rules, checked by the test suite rather than at every start.

The library trusts its packaged lineage, crosswalk, glossary and toolkit files at run time
(the way jsonschema-specifications trusts its shipped schemas) and builds its objects from
them by hand: reading them through the converter would cost ~47 ms of cattrs import plus
4-36 ms of code generation per file, the trusted build 1-3 ms. Here each file's shape is
written as attrs records that the library's one converter structures (``_convert``: every
key, type, choice and text, with the JSON path of the first problem), and the rules that tie
a file to the editions and to itself follow; the tests run them on the packaged files and on
broken copies, so a broken file cannot ship. Each rule raises the library's
:class:`~edcompetencies.errors.FrameworkFormatError` with the file and the JSON path.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any, Literal, get_args

import attrs

import edcompetencies as ec
from edcompetencies._convert import decode, structure
from edcompetencies._lineage import _SOURCE, _SWAP, RELATIONS, Link, Unmatched
from edcompetencies.errors import FrameworkFormatError

# --------------------------------------------------------------------------- the lineage file


@attrs.frozen
class _Removed:
    old: str
    rationale: str


@attrs.frozen
class _Added:
    new: str
    rationale: str


@attrs.frozen
class _LineageFile:
    format: str
    format_version: int
    old: int
    new: int
    description: str
    links: tuple[Link, ...]
    removed: tuple[_Removed, ...]
    added: tuple[_Added, ...]


def read_lineage(text: str | bytes, old: int = 2015, new: int = 2020, *, source: str = _SOURCE) -> ec.Lineage:
    """Decode a lineage file between two packaged editions and structure it with the library's converter.

    Checked: the JSON, every key and type, every text (``_convert``), the format and the pair
    of editions, each relation one of ``RELATIONS``, each rationale one line.
    """
    raw = structure(decode(text, source=source), _LineageFile, source=source)

    def fail(path: str, message: str) -> FrameworkFormatError:
        return FrameworkFormatError(message, source=source, path=path)

    if raw.format != "edcompetencies/lineage" or raw.format_version != 1:
        raise fail("$.format", "not an edcompetencies/lineage file (format version 1)")
    if (raw.old, raw.new) != (old, new):
        raise fail("$", f"a lineage from {raw.old!r} to {raw.new!r}, not {old} -> {new}")
    for n, link in enumerate(raw.links):
        if link.relation not in RELATIONS:
            message = f"unknown relation {link.relation!r}; expected {', '.join(RELATIONS)}"
            raise fail(f"$.links[{n}].relation", message)
    sides: tuple[tuple[str, tuple[Link | _Removed | _Added, ...]], ...] = (
        ("links", raw.links),
        ("removed", raw.removed),
        ("added", raw.added),
    )
    for side, entries in sides:
        for n, entry in enumerate(entries):
            if "\n" in entry.rationale:
                raise fail(f"$.{side}[{n}].rationale", "a rationale is one line")
    removed = [Unmatched(u.old, u.rationale) for u in raw.removed]
    added = [Unmatched(u.new, u.rationale) for u in raw.added]
    return ec.Lineage(old, new, raw.description, raw.links, removed, added)


def check_lineage(text: str | bytes, old: int = 2015, new: int = 2020, *, source: str = _SOURCE) -> ec.Lineage:
    """Read a lineage file as the library does, then check its cross-reference rules.

    Every ID an item of its edition, both ends of a link at the same level (competency or
    indicator); each link once; a relation that agrees with the links (``merged``: the new
    item has several predecessors, ``split``: the old item several successors, otherwise one
    each); and every competency and indicator of both editions accounted for exactly once,
    linked or listed as removed / added.
    """
    lin = read_lineage(text, old, new, source=source)

    def fail(path: str, message: str) -> FrameworkFormatError:
        return FrameworkFormatError(message, source=source, path=path)

    old_fw, new_fw = ec.load(old), ec.load(new)
    levels = {
        item.id: isinstance(item, ec.Competency)
        for fw in (old_fw, new_fw)
        for item in fw.items()
        if not isinstance(item, ec.Domain)
    }

    def item(found: str, path: str, fw: ec.Framework) -> str:
        if found not in levels or not found.startswith(f"{fw.edition}:"):
            raise fail(path, f"{found!r} is not a competency or indicator of the {fw.edition} edition")
        return found

    seen: dict[tuple[str, str], int] = {}
    for n, link in enumerate(lin.links):
        path = f"$.links[{n}]"
        a, b = item(link.old, f"{path}.old", old_fw), item(link.new, f"{path}.new", new_fw)
        if levels[a] != levels[b]:
            raise fail(path, f"{a} -> {b} links a competency with an indicator")
        if (a, b) in seen:
            raise fail(path, f"the link {a} -> {b} is listed twice (first at $.links[{seen[a, b]}])")
        seen[a, b] = n
    successors = Counter(link.old for link in lin.links)
    predecessors = Counter(link.new for link in lin.links)
    for n, link in enumerate(lin.links):
        merge, split = predecessors[link.new] > 1, successors[link.old] > 1
        expected = "merged" if merge else "split" if split else None
        if merge and split:
            raise fail(f"$.links[{n}]", f"{link.old} -> {link.new} is part of a many-to-many group")
        if (expected or link.relation) != link.relation or (expected is None and link.relation in _SWAP):
            what = expected or "'same' or 'reworded' (each item has one counterpart)"
            raise fail(f"$.links[{n}].relation", f"{link.relation!r} where the links make it {what}")
    for side, key, fw, linked, pool in (
        ("removed", "old", old_fw, successors, lin.removed),
        ("added", "new", new_fw, predecessors, lin.added),
    ):
        listed: set[str] = set()
        for n, entry in enumerate(pool):
            found = item(entry.id, f"$.{side}[{n}].{key}", fw)
            if found in linked or found in listed:
                raise fail(f"$.{side}[{n}]", f"{found} is already accounted for (linked, or listed twice)")
            listed.add(found)
        listed |= set(linked)
        missing = [i for i in fw.ids() if i in levels and i not in listed]
        if missing:
            raise fail(f"$.{side}", f"{len(missing)} item(s) neither linked nor listed, first {missing[0]}")
    return lin


# --------------------------------------------------------------------------- toolkit files: the shapes

Domain = Literal["intrapersonal", "interpersonal", "cognitive", "instructional"]
Resolution = Literal["number-and-text", "text", "number", "position"]
Match = Literal["exact", "typographic", "different"]
Level = Literal["establishing", "developing", "operationalizing", "refining"]
Kind = Literal["missing", "inconsistent", "garbled", "duplicated", "editorial"]


@attrs.frozen
class ListItemIn:
    label: str | None
    text: str
    children: tuple[ListItemIn, ...]


@attrs.frozen
class ParagraphIn:
    text: str
    type: str = "paragraph"


@attrs.frozen
class ListIn:
    items: tuple[ListItemIn, ...]
    type: str = "list"


@attrs.frozen
class TableIn:
    header: tuple[str, ...] | None
    rows: tuple[tuple[str, ...], ...]
    type: str = "table"


Block = ParagraphIn | ListIn | TableIn


@attrs.frozen
class SectionIn:
    heading: str | None
    blocks: tuple[Block, ...]


@attrs.frozen
class NoteIn:
    id: str
    kind: Kind
    items: tuple[str, ...]
    text: str
    source: str | None = None


@attrs.frozen
class PerformanceIn:
    label: str
    letter: str
    text: str


@attrs.frozen
class PartOneQuoteIn:
    domain: Domain
    heading: str
    title: str
    statement: str
    match: Match


@attrs.frozen
class StandardIn:
    number: int
    id: str
    heading: str
    title: str
    statement: str
    group: None
    performances: tuple[PerformanceIn, ...]
    part_one_quotes: tuple[PartOneQuoteIn, ...]


@attrs.frozen
class QuotedCompetencyIn:
    number: int
    text: str
    competency: str
    resolution: Resolution
    match: Match


@attrs.frozen
class RelatedStandardIn:
    standard: int
    heading: str
    title: str
    statement: str
    match: Match


@attrs.frozen
class PartOneDomainIn:
    domain: Domain
    id: str
    heading: str
    description: str
    competencies: tuple[QuotedCompetencyIn, ...]
    related_standards: tuple[RelatedStandardIn, ...]


@attrs.frozen
class PartOneIn:
    label: str
    heading: str
    introduction: str
    domains: tuple[PartOneDomainIn, ...]


@attrs.frozen
class ReferenceIn:
    label: str
    standard: int
    letter: str


@attrs.frozen
class RelatedCompetencyIn:
    domain: Domain
    number: int
    text: str
    competency: str
    resolution: Resolution
    match: Match


@attrs.frozen
class PartTwoStandardIn:
    standard: int
    emphasis: str
    references: tuple[ReferenceIn, ...]
    related_competencies: tuple[RelatedCompetencyIn, ...]


@attrs.frozen
class PartTwoIn:
    label: str
    heading: str
    introduction: str
    standards: tuple[PartTwoStandardIn, ...]


@attrs.frozen
class LinkIn:
    part: Literal["one", "two"]
    standard: int
    item: str


@attrs.frozen
class CrosswalkFile:
    format: Literal["edcompetencies/crosswalk"]
    format_version: Literal[1]
    edition: Literal[2020]
    title: str
    source: str
    notes: tuple[NoteIn, ...]
    standards_title: str
    standards_year: int
    introduction: tuple[SectionIn, ...]
    groups: None
    standards: tuple[StandardIn, ...]
    part_one: PartOneIn
    part_two: PartTwoIn
    links: tuple[LinkIn, ...]


@attrs.frozen
class SourceIn:
    text: str
    title: str | None
    author: str | None
    year: int | None
    details: str | None
    url: str | None


@attrs.frozen
class TermIn:
    id: str
    term: str
    definition: tuple[Block, ...]
    related_terms_text: str | None
    closely_related_terms: tuple[str, ...] | None
    not_synonymous_with: tuple[str, ...] | None
    sources: tuple[SourceIn, ...]


@attrs.frozen
class GlossaryFile:
    format: Literal["edcompetencies/glossary"]
    format_version: Literal[1]
    edition: Literal[2020]
    title: str
    source: str
    notes: tuple[NoteIn, ...]
    appendix: str
    terms: tuple[TermIn, ...]


@attrs.frozen
class ToolkitCompetencyIn:
    domain: Domain
    toolkit_number: int
    text: str
    competency: str
    resolution: Resolution
    match: Match


@attrs.frozen
class PrioritizedIn:
    title: str
    sections: tuple[SectionIn, ...]
    competencies: tuple[ToolkitCompetencyIn, ...]


@attrs.frozen
class ImplementationLevelIn:
    key: Level
    heading: str
    definition: str


@attrs.frozen
class DescriptorIn:
    text: str
    children: tuple[DescriptorIn, ...]
    refs: tuple[str, ...]
    resolution: Resolution | None = None
    match: Match | None = None


@attrs.frozen
class LevelsIn:
    establishing: tuple[DescriptorIn, ...]
    developing: tuple[DescriptorIn, ...]
    operationalizing: tuple[DescriptorIn, ...]
    refining: tuple[DescriptorIn, ...]


@attrs.frozen
class AssessmentCompetencyIn(ToolkitCompetencyIn):
    levels: LevelsIn


@attrs.frozen
class AssessmentToolIn:
    title: str
    sections: tuple[SectionIn, ...]
    competencies: tuple[AssessmentCompetencyIn, ...]


@attrs.frozen
class PrintedIndicatorIn:
    label: str | None
    text: str
    refs: tuple[str, ...]
    resolution: Resolution
    match: Match
    children: tuple[PrintedIndicatorIn, ...]


@attrs.frozen
class ReflectionEntryIn(ToolkitCompetencyIn):
    indicators: tuple[PrintedIndicatorIn, ...]
    reflective_questions: tuple[str, ...]
    look_fors: tuple[str, ...]


@attrs.frozen
class ReflectionToolIn:
    title: str
    sections: tuple[SectionIn, ...]
    entries: tuple[ReflectionEntryIn, ...]


@attrs.frozen
class RubricColumnIn:
    key: Literal["developing", "operationalizing", "refining"]
    position: Literal["left", "middle", "right"]
    heading: str
    description: str


@attrs.frozen
class RubricRowIn:
    developing: str | None
    operationalizing: str
    refining: str | None
    refs: tuple[str, ...]
    resolution: Resolution
    match: Match


@attrs.frozen
class RubricExampleIn(ToolkitCompetencyIn):
    caption: str
    heading: str
    competency_heading: str
    citation: str
    rows: tuple[RubricRowIn, ...]


@attrs.frozen
class SimpleRubricIn:
    title: str
    sections: tuple[SectionIn, ...]
    columns: tuple[RubricColumnIn, ...]
    example: RubricExampleIn


@attrs.frozen
class FieldExampleIn:
    id: str
    part: Literal["main-text", "user-guide"]
    section: str
    heading: str | None
    domain: Domain | None
    after_item: str | None
    labelled: bool
    actors: tuple[str, ...]
    text: str
    copies: tuple[str, ...]


@attrs.frozen
class RespondentRowIn:
    group: str
    counts: dict[str, int | None]


@attrs.frozen
class RespondentsIn:
    appendix: str
    section: str
    introduction: str
    heading: str
    columns: tuple[str, ...]
    rows: tuple[RespondentRowIn, ...]
    total: dict[str, int | None]


@attrs.frozen
class FootnoteIn:
    label: str
    text: str


@attrs.frozen
class CenteringEquityIn:
    title: str
    sections: tuple[SectionIn, ...]
    footnotes: tuple[FootnoteIn, ...]
    guiding_questions: tuple[str, ...] | None


@attrs.frozen
class ToolkitFile:
    format: Literal["edcompetencies/toolkit"]
    format_version: Literal[1]
    edition: Literal[2020]
    title: str
    source: str
    notes: tuple[NoteIn, ...]
    prioritized_competencies: PrioritizedIn
    implementation_levels: tuple[ImplementationLevelIn, ...]
    assessment_tool: AssessmentToolIn
    reflection_tool: ReflectionToolIn
    simple_rubric: SimpleRubricIn
    in_the_field: tuple[FieldExampleIn, ...]
    respondents: RespondentsIn
    centering_equity: CenteringEquityIn


SHAPES: dict[str, type] = {"crosswalk": CrosswalkFile, "glossary": GlossaryFile, "toolkit": ToolkitFile}
FILES = {"crosswalk": "crosswalk-2020.json", "glossary": "glossary-2020.json", "toolkit": "toolkit-2020.json"}
LEVELS = get_args(Level)
_PERFORMANCE_LABEL = re.compile(r"([1-9][0-9]*)\(([a-z])\)")


class _Fail:
    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, path: str, message: str) -> FrameworkFormatError:
        return FrameworkFormatError(message, source=self.source, path=path)


Json = Any


# --------------------------------------------------------------------------- toolkit files: the references


def _edition_ids() -> frozenset[str]:
    return frozenset(ec.load(2020).ids())


def _check_competency(c: _Fail, ids: frozenset[str], value: str, path: str, domain: str | None = None) -> None:
    if value not in ids or value.count(".") != 1:
        raise c.fail(path, f"{value!r} is not a competency of the 2020 edition")
    if domain is not None and not value.startswith(f"2020:{domain}."):
        raise c.fail(path, f"{value!r} is not in the {domain} domain the entry names")


def _check_refs(c: _Fail, ids: frozenset[str], refs: list[str], path: str) -> None:
    for n, ref in enumerate(refs):
        if ref not in ids:
            raise c.fail(f"{path}[{n}]", f"{ref!r} is not an item of the 2020 edition")


def _check_crosswalk_refs(c: _Fail, data: Json, ids: frozenset[str]) -> set[str]:
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
            m = _PERFORMANCE_LABEL.fullmatch(perf["label"])
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


def _check_glossary_refs(c: _Fail, data: Json) -> set[str]:
    defined = {"glossary"}
    for n, term in enumerate(data["terms"]):
        tid = f"glossary:{term['id']}"
        if tid in defined:
            raise c.fail(f"$.terms[{n}].id", f"duplicate term ID {term['id']!r}")
        defined.add(tid)
    return defined


def _check_toolkit_refs(c: _Fail, data: Json, ids: frozenset[str]) -> set[str]:
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
            if value is not None and value < 0:
                raise c.fail(f"{path}.{col}", f"expected 0 or more, found {value}")
    return defined


def _check_note_items(c: _Fail, notes: list[Json], ids: frozenset[str], defined: set[str]) -> None:
    seen: set[str] = set()
    for n, note in enumerate(notes):
        if note["id"] in seen:
            raise c.fail(f"$.notes[{n}].id", f"duplicate note ID {note['id']!r}")
        seen.add(note["id"])
        for k, item in enumerate(note["items"]):
            if item not in ids and item not in defined and item != "2020":
                message = f"the note {note['id']!r} names {item!r}, which does not exist"
                raise c.fail(f"$.notes[{n}].items[{k}]", message)


def parse(kind: str, text: str | bytes, *, source: str | None = None) -> Json:
    """Read one toolkit file (``kind``: crosswalk, glossary or toolkit) and check all its rules.

    The JSON and its shape go through the library's one reader (``_convert.decode`` and the
    converter, structuring into the records above); then the cross-reference rules: every
    reference to the 2020 edition, every performance label, every link and every note item.
    Returns the decoded JSON, as the library reads it (``_toolkit_data.data``).
    """
    source = source or f"edcompetencies/data/{FILES[kind]}"
    c = _Fail(source)
    data: Json = decode(text, source=source)
    structure(data, SHAPES[kind], source=source)
    ids = _edition_ids()
    if kind == "crosswalk":
        defined = _check_crosswalk_refs(c, data, ids)
    elif kind == "glossary":
        defined = _check_glossary_refs(c, data)
    else:
        defined = _check_toolkit_refs(c, data, ids)
    _check_note_items(c, data["notes"], ids, defined)
    return data


def check_note_ids_across_files(files: dict[str, Json]) -> None:
    """No note ID is used in two of the crosswalk, glossary and toolkit files."""
    seen: dict[str, str] = {}
    for kind, data in files.items():
        for n, note in enumerate(data["notes"]):
            if note["id"] in seen:
                raise FrameworkFormatError(
                    f"the note ID {note['id']!r} is also used in {seen[note['id']]}",
                    source=f"edcompetencies/data/{FILES[kind]}",
                    path=f"$.notes[{n}].id",
                )
            seen[note["id"]] = FILES[kind]
