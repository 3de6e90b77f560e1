"""The 2020 toolkit as data: prioritized competencies, assessment and reflection tools,
single-point rubrics, "In the field" examples and the Appendix B respondents table.

>>> from edcompetencies import toolkit
>>> [c.id for c in toolkit.prioritized()]
['2020:intrapersonal.1', '2020:intrapersonal.2', '2020:intrapersonal.4', '2020:interpersonal.1',
 '2020:cognitive.4', '2020:instructional.4']
>>> [level.name for level in toolkit.levels()]
['Establishing', 'Developing', 'Operationalizing', 'Refining']
>>> print(toolkit.rubric("instructional.8").to_markdown().splitlines()[0])
## EDUCATOR COMPETENCIES INSTRUCTIONAL DOMAIN

Where the toolkit prints a competency differently from the main text (it numbers
Instructional 4 as 5), the entry keeps the toolkit's number and wording
(:class:`PrintedCompetency`) and resolves to the main-text competency; the difference is a
source note (:func:`notes_for`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any, ClassVar, TypeVar

import attrs

from . import _toolkit_data
from ._loading import load
from ._markup import Card, ColumnType, Tabular, html_escape, md_emphasis, md_escape
from ._model import Competency, Domain, Framework, Indicator, SourceNote
from ._publication import (
    Approach,
    FrameworkSource,
    FrameworkSources,
    UserGuide,
    UserGuideQuestion,
    UserGuideStrategy,
    approach,
    framework_sources,
    user_guide,
)
from ._toolkit_data import Block, BulletList, ListItem, Paragraph, Section, Table
from ._toolkit_data import tuple_of as _tuple
from .errors import ArgumentTypeError, NotInToolkitError, UnknownChoiceError, UnknownItemError

__all__ = [
    "LEVELS",
    "RUBRIC_FORMATS",
    "Approach",
    "AssessmentEntry",
    "AssessmentTool",
    "Block",
    "BulletList",
    "CenteringEquity",
    "Descriptor",
    "FieldExample",
    "Footnote",
    "FrameworkSource",
    "FrameworkSources",
    "Level",
    "ListItem",
    "Paragraph",
    "PrintedCompetency",
    "PrintedIndicator",
    "ReflectionEntry",
    "ReflectionTool",
    "RespondentRow",
    "Respondents",
    "Rubric",
    "RubricColumn",
    "RubricExample",
    "RubricExampleRow",
    "RubricRow",
    "Section",
    "SimpleRubric",
    "Table",
    "UserGuide",
    "UserGuideQuestion",
    "UserGuideStrategy",
    "all_notes",
    "approach",
    "assessment",
    "assessment_tool",
    "centering_equity",
    "framework_sources",
    "in_the_field",
    "levels",
    "notes",
    "notes_for",
    "prioritized",
    "prioritized_entries",
    "reflection",
    "reflection_tool",
    "respondents",
    "rubric",
    "simple_rubric",
    "user_guide",
]

LEVELS = ("establishing", "developing", "operationalizing", "refining")
"""The Assessment Tool's four implementation levels, in order."""

RUBRIC_FORMATS = ("text", "markdown", "html", "csv", "jsonl")
"""The formats of :meth:`Rubric.render` (and of :meth:`Respondents.render`)."""


# --------------------------------------------------------------------------- shared pieces


@attrs.frozen(repr=False)
class Level(Card):
    """An implementation level of the Assessment Tool: its key, heading as printed and definition."""

    key: str
    heading: str
    definition: str

    @property
    def name(self) -> str:
        """The level's name, e.g. ``"Operationalizing"``."""
        return self.heading.title()


@attrs.frozen(repr=False)
class PrintedCompetency(Card):
    """A competency as the toolkit prints it, resolved to the main text.

    ``toolkit_number`` and ``text`` are the toolkit's (they can differ from the main text);
    ``competency_id`` is the main-text competency; ``resolution`` says how it was found
    (``"text"`` where the printed number is wrong) and ``match`` how the wording compares.
    """

    domain: str
    toolkit_number: int
    text: str
    competency_id: str
    resolution: str
    match: str

    @property
    def competency(self) -> Competency:
        """The main-text :class:`~edcompetencies.Competency`."""
        found = load(2020)[self.competency_id]
        assert isinstance(found, Competency)
        return found

    @property
    def renumbered(self) -> bool:
        """True where the toolkit's number differs from the main text's."""
        return self.toolkit_number != self.competency.number

    def notes(self) -> tuple[SourceNote, ...]:
        """The toolkit notes concerning this competency (e.g. the renumbering)."""
        return notes_for(self.competency_id)


def _printed(raw: dict[str, Any]) -> PrintedCompetency:
    return PrintedCompetency(
        raw["domain"], raw["toolkit_number"], raw["text"], raw["competency"], raw["resolution"], raw["match"]
    )


@attrs.frozen(repr=False)
class Descriptor(Card):
    """One level indicator of the Assessment Tool, as printed.

    ``refs`` are the main-text items it restates or refers to; an Operationalizing
    descriptor restates an indicator (``resolution`` ``"position"``, ``match`` how the wording
    compares); ``children`` are descriptors nested under it.
    """

    text: str
    children: tuple[Descriptor, ...] = attrs.field(default=(), converter=_tuple)
    refs: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    resolution: str | None = None
    match: str | None = None


def _descriptor(raw: dict[str, Any]) -> Descriptor:
    return Descriptor(**{**raw, "children": [_descriptor(c) for c in raw["children"]]})


def _competency_arg(item: Competency | str, where: str) -> Competency:
    fw = load(2020)
    if isinstance(item, str):
        found = fw[item]
    elif isinstance(item, Competency) and item in fw:
        found = item
    elif isinstance(item, (Competency, Indicator, Domain)):
        raise UnknownItemError(item.id, 2020, (), reason=f"the {where} covers 2020 competencies only")
    else:
        raise ArgumentTypeError(f"the {where}", "competency", "a 2020 competency or its ID", item)
    if not isinstance(found, Competency):
        raise UnknownItemError(found.id, 2020, (), reason=f"not a competency; the {where} is organised by competency")
    return found


# --------------------------------------------------------------------------- assessment tool


@attrs.frozen(repr=False)
class AssessmentEntry(Card):
    """The Assessment Tool's unpacking of one competency into the four implementation levels."""

    printed: PrintedCompetency
    establishing: tuple[Descriptor, ...] = attrs.field(converter=_tuple)
    developing: tuple[Descriptor, ...] = attrs.field(converter=_tuple)
    operationalizing: tuple[Descriptor, ...] = attrs.field(converter=_tuple)
    refining: tuple[Descriptor, ...] = attrs.field(converter=_tuple)

    @property
    def competency(self) -> Competency:
        """The main-text competency."""
        return self.printed.competency

    def level(self, key: str | Level) -> tuple[Descriptor, ...]:
        """The descriptors of one level (``"developing"``, a :class:`Level`, or its heading)."""
        name = key.key if isinstance(key, Level) else str(key).strip().lower()
        if name not in LEVELS:
            raise UnknownChoiceError("implementation level", key, LEVELS)
        found: tuple[Descriptor, ...] = getattr(self, name)
        return found


@attrs.frozen(repr=False)
class AssessmentTool(Card, Tabular):
    """The Assessment Tool for Prioritized Competencies: its directions, levels and entries."""

    title: str
    sections: tuple[Section, ...] = attrs.field(converter=_tuple)
    levels: tuple[Level, ...] = attrs.field(converter=_tuple)
    entries: tuple[AssessmentEntry, ...] = attrs.field(converter=_tuple)

    columns = ("competency", "level", "position", "depth", "text", "refs")
    """The fields of :meth:`to_records`, in order (the shared verbs: ``to_csv()``, ``to_dataframe()``
    with ``level`` an ordered Categorical of the four levels ...)."""
    _column_types: ClassVar[Mapping[str, ColumnType]] = {"level": LEVELS}

    def to_records(self) -> list[dict[str, Any]]:
        """One row per descriptor (nested ones included): the competency's ID, the level's key,
        its position in the level (1-based, depth-first), its depth (0 for a top descriptor), the
        text and the main-text items it restates (IDs separated by spaces).

        >>> from edcompetencies import toolkit
        >>> row = toolkit.assessment_tool().to_records()[0]
        >>> row["competency"], row["level"], row["position"], row["depth"]
        ('2020:intrapersonal.1', 'establishing', 1, 0)
        """
        rows: list[dict[str, Any]] = []
        for entry in self.entries:
            for level in LEVELS:
                rows += [
                    {
                        "competency": entry.printed.competency_id,
                        "level": level,
                        "position": n,
                        "depth": depth,
                        "text": d.text,
                        "refs": " ".join(d.refs),
                    }
                    for n, (depth, d) in enumerate(_depth_first(entry.level(level)), start=1)
                ]
        return rows

    def entry(self, competency: Competency | str) -> AssessmentEntry:
        """The entry for a 2020 competency; one the tool does not unpack raises ``NotInToolkitError``."""
        reason = "prioritized, but the source does not unpack it; see the note assessment-tool-four-of-six"
        return _entry(self.entries, competency, "Assessment Tool", reason)


# --------------------------------------------------------------------------- reflection tool


@attrs.frozen(repr=False)
class PrintedIndicator(Card):
    """An indicator as the Reflection Tool prints it, with the main-text items it resolves to."""

    label: str | None
    text: str
    refs: tuple[str, ...] = attrs.field(converter=_tuple)
    resolution: str
    match: str
    children: tuple[PrintedIndicator, ...] = attrs.field(default=(), converter=_tuple)


def _printed_indicator(raw: dict[str, Any]) -> PrintedIndicator:
    return PrintedIndicator(**{**raw, "children": [_printed_indicator(c) for c in raw["children"]]})


_Nested = TypeVar("_Nested", Descriptor, PrintedIndicator)


def _depth_first(items: tuple[_Nested, ...], depth: int = 0) -> list[tuple[int, _Nested]]:
    """Printed items and the items nested under them, depth-first, each with its depth (0 at the top)."""
    out: list[tuple[int, _Nested]] = []
    for item in items:
        out.append((depth, item))
        out += _depth_first(item.children, depth + 1)
    return out


@attrs.frozen(repr=False)
class ReflectionEntry(Card):
    """The Reflection Tool's table for one competency: indicators, reflective questions, look-fors.

    The source copy is kept as it is, duplicated and garbled parts included (see the notes
    ``reflection-tool-instructional-duplicated-questions`` and ``...-garbled-indicators``).
    """

    printed: PrintedCompetency
    indicators: tuple[PrintedIndicator, ...] = attrs.field(converter=_tuple)
    reflective_questions: tuple[str, ...] = attrs.field(converter=_tuple)
    look_fors: tuple[str, ...] = attrs.field(converter=_tuple)

    @property
    def competency(self) -> Competency:
        """The main-text competency."""
        return self.printed.competency


@attrs.frozen(repr=False)
class ReflectionTool(Card, Tabular):
    """The Reflection Tool for Prioritized Competencies: its directions and entries."""

    title: str
    sections: tuple[Section, ...] = attrs.field(converter=_tuple)
    entries: tuple[ReflectionEntry, ...] = attrs.field(converter=_tuple)

    PARTS = ("indicator", "reflective question", "look-for")
    columns = ("competency", "part", "position", "label", "text")
    """The fields of :meth:`to_records`, in order (the shared verbs: ``to_csv()``, ``to_dataframe()``
    with ``part`` an ordered Categorical ...)."""
    _column_types: ClassVar[Mapping[str, ColumnType]] = {"part": PARTS}

    def to_records(self) -> list[dict[str, Any]]:
        """One row per printed indicator (sub-indicators included), reflective question and
        look-for: the competency's ID, the part, its position in the part (1-based), the printed
        label (indicators only) and the text, as printed.

        >>> from edcompetencies import toolkit
        >>> sorted({row["part"] for row in toolkit.reflection_tool().to_records()})
        ['indicator', 'look-for', 'reflective question']
        """
        rows: list[dict[str, Any]] = []
        for entry in self.entries:
            competency = entry.printed.competency_id
            printed = [i for _, i in _depth_first(entry.indicators)]
            parts = (
                ("indicator", [(i.label, i.text) for i in printed]),
                ("reflective question", [(None, q) for q in entry.reflective_questions]),
                ("look-for", [(None, x) for x in entry.look_fors]),
            )
            for part, items in parts:
                rows += [
                    {"competency": competency, "part": part, "position": n, "label": label, "text": text}
                    for n, (label, text) in enumerate(items, start=1)
                ]
        return rows

    def entry(self, competency: Competency | str) -> ReflectionEntry:
        """The entry for a 2020 competency; one the tool lacks raises ``NotInToolkitError``."""
        reason = "prioritized, but the source copy has no table for it; see the note reflection-tool-two-of-six"
        return _entry(self.entries, competency, "Reflection Tool", reason)


_Entry = TypeVar("_Entry", AssessmentEntry, ReflectionEntry)


def _entry(entries: tuple[_Entry, ...], competency: Competency | str, tool: str, prioritized_reason: str) -> _Entry:
    """The entry of a tool for a 2020 competency; a prioritized one it lacks is explained by *prioritized_reason*."""
    wanted = _competency_arg(competency, tool)
    for e in entries:
        if e.printed.competency_id == wanted.id:
            return e
    reason = prioritized_reason if wanted in prioritized() else None
    raise NotInToolkitError(wanted.id, tool, [e.printed.competency_id for e in entries], reason=reason)


# --------------------------------------------------------------------------- simple rubric


@attrs.frozen(repr=False)
class RubricColumn(Card):
    """A column of a single-point rubric, as the directions print it."""

    key: str
    position: str
    heading: str
    description: str


@attrs.frozen(repr=False)
class RubricExampleRow(Card):
    """A row of Figure 1: the indicator as printed there, and the main-text item it resolves to."""

    operationalizing: str
    refs: tuple[str, ...] = attrs.field(converter=_tuple)
    resolution: str
    match: str
    developing: str | None = None
    refining: str | None = None


@attrs.frozen(repr=False)
class RubricExample(Card):
    """Figure 1 of the directions: the example single-point rubric, as printed."""

    caption: str
    heading: str
    competency_heading: str
    printed: PrintedCompetency
    citation: str
    rows: tuple[RubricExampleRow, ...] = attrs.field(converter=_tuple)


@attrs.frozen(repr=False)
class SimpleRubric(Card):
    """The Directions for Setting Up a Simple Rubric: text, the three columns and Figure 1."""

    title: str
    sections: tuple[Section, ...] = attrs.field(converter=_tuple)
    columns: tuple[RubricColumn, ...] = attrs.field(converter=_tuple)
    example: RubricExample


@attrs.frozen(repr=False)
class RubricRow(Card):
    """A row of a rubric: an indicator (the operationalizing cell) and the two evidence cells.

    ``developing`` and ``refining`` are ``None`` in a blank template; :meth:`Rubric.fill`
    sets them.
    """

    indicator: Indicator
    developing: str | None = None
    refining: str | None = None

    @property
    def operationalizing(self) -> str:
        """The indicator's text, followed by its sub-indicators, one a line (``i. ...``)."""
        lines = [self.indicator.text]
        lines += [f"{c.label}. {c.text}" for c in self.indicator.children]
        return "\n".join(lines)


def _md(text: str) -> str:
    return md_escape(text, newline="<br>")


@attrs.frozen(repr=False)
class Rubric(Tabular, Card):
    """A single-point implementation rubric for one competency, built as the directions describe.

    Columns (from the directions): *developing* evidence on the left, the competency's
    indicators (*operationalizing*, mastery) in the middle, *refining* evidence on the right;
    one row per indicator, its sub-indicators in the same cell. Render it with :meth:`to_text`,
    :meth:`to_markdown`, :meth:`to_html` (self-contained, every text escaped, printable) or
    :meth:`to_csv`; in Jupyter it displays as HTML. (``columns`` are the printed columns;
    the record fields are ``id``, ``label``, ``developing``, ``operationalizing``, ``refining``.)
    """

    competency: Competency
    edition: int | str
    domain: str
    columns: tuple[RubricColumn, ...] = attrs.field(converter=_tuple)  # type: ignore[assignment]
    rows: tuple[RubricRow, ...] = attrs.field(converter=_tuple)
    citation: str

    @property
    def heading(self) -> str:
        """``"EDUCATOR COMPETENCIES INSTRUCTIONAL DOMAIN"``, as Figure 1 heads its rubric."""
        return f"EDUCATOR COMPETENCIES {self.domain.upper()} DOMAIN"

    @property
    def competency_heading(self) -> str:
        """``"COMPETENCY 2"``."""
        return f"COMPETENCY {self.competency.number}"

    def fill(self, indicator: Indicator | str, *, developing: str | None = None, refining: str | None = None) -> Rubric:
        """A copy with evidence recorded for one indicator (its ID, label, or the object).

        >>> from edcompetencies import toolkit
        >>> r = toolkit.rubric("instructional.7").fill("a", developing="Tried jigsaw groups")
        >>> r.rows[0].developing
        'Tried jigsaw groups'
        """
        key = indicator.id if isinstance(indicator, Indicator) else str(indicator).strip()
        rows = list(self.rows)
        for n, row in enumerate(rows):
            if key in (row.indicator.id, row.indicator.label) or row.indicator.id.endswith(f":{key}"):
                rows[n] = attrs.evolve(
                    row,
                    developing=developing if developing is not None else row.developing,
                    refining=refining if refining is not None else row.refining,
                )
                return attrs.evolve(self, rows=rows)
        raise UnknownItemError(
            key,
            self.edition,
            [r.indicator.id for r in self.rows][:3],
            reason=f"not an indicator of {self.competency.id}",
        )

    def _fields(self) -> Sequence[str]:
        return ("id", "label", "developing", "operationalizing", "refining")

    def _title(self) -> str:
        return f"{self.competency_heading}: {self.competency.statement}"

    def to_records(self) -> list[dict[str, Any]]:
        """One row per indicator: ``id``, ``label``, ``developing``, ``operationalizing``, ``refining``."""
        return [
            {
                "id": row.indicator.id,
                "label": row.indicator.label,
                "developing": row.developing,
                "operationalizing": row.operationalizing,
                "refining": row.refining,
            }
            for row in self.rows
        ]

    def to_markdown(self) -> str:
        """The rubric as a Markdown table (a GitHub-flavoured pipe table; text escaped)."""
        out = [
            f"## {_md(self.heading)}",
            "",
            f"**{_md(self.competency_heading)}:** {_md(self.competency.statement)}",
            "",
            md_emphasis(self.citation, newline="<br>"),
            "",
            "| " + " | ".join(f"**{_md(c.heading)}**<br>{_md(c.description)}" for c in self.columns) + " |",
            "|" + "---|" * len(self.columns),
        ]
        for row in self.rows:
            cells = {
                "developing": row.developing or "",
                "operationalizing": f"{row.indicator.label}. {row.operationalizing}",
                "refining": row.refining or "",
            }
            out.append("| " + " | ".join(_md(cells[c.key]) for c in self.columns) + " |")
        return "\n".join(out) + "\n"

    def to_text(self) -> str:
        """The rubric as plain text: the headings, then each indicator with its evidence (``-`` when blank)."""
        out = [self.heading, f"{self.competency_heading}: {self.competency.statement}", f"({self.citation})", ""]
        for row in self.rows:
            out.append(f"{row.indicator.label}. {row.operationalizing}".replace("\n", "\n   "))
            for c in self.columns:
                if c.key != "operationalizing":
                    out.append(f"   {c.heading}: {getattr(row, c.key) or '-'}")
        return "\n".join(out) + "\n"

    def _html_body(self) -> str:
        e = html_escape
        head = "".join(
            f'<th scope="col" class="{e(c.key)}"><span class="heading">{e(c.heading)}</span>'
            f'<span class="description">{e(c.description)}</span></th>'
            for c in self.columns
        )
        body = []
        for row in self.rows:
            cells = []
            for c in self.columns:
                if c.key == "operationalizing":
                    subs = "".join(
                        f'<li><span class="label">{e(s.label)}.</span> {e(s.text)}</li>' for s in row.indicator.children
                    )
                    inner = f'<span class="label">{e(row.indicator.label)}.</span> {e(row.indicator.text)}'
                    inner += f'<ul class="sub-indicators">{subs}</ul>' if subs else ""
                else:
                    inner = e(getattr(row, c.key) or "").replace("\n", "<br>")
                cells.append(f'<td class="{e(c.key)}">{inner}</td>')
            body.append(f'<tr id="{e(row.indicator.id)}">{"".join(cells)}</tr>')
        return (
            f'<section class="edc edc-rubric" data-competency="{e(self.competency.id)}">'
            f"<header><h2>{e(self.heading)}</h2><p><strong>{e(self.competency_heading)}:</strong> "
            f"{e(self.competency.statement)}<cite>{e(self.citation)}</cite></p></header>"
            f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></section>"
        )

    def __str__(self) -> str:
        return self.to_markdown()


# --------------------------------------------------------------------------- in the field, respondents


@attrs.frozen(repr=False)
class FieldExample(Card):
    """An "In the field" example: who it is about (``actors``), what they did (``text``), where it is.

    ``part`` is ``"main-text"`` or ``"user-guide"``; ``domain`` the domain page it is on
    (main text); ``after_item`` the main-text item it follows; ``labelled`` whether the source
    labels the box IN THE FIELD; ``copies`` the IDs of the same example in the other part.
    """

    id: str
    part: str
    section: str
    heading: str | None
    domain: str | None
    after_item: str | None
    labelled: bool
    actors: tuple[str, ...] = attrs.field(converter=_tuple)
    text: str
    copies: tuple[str, ...] = attrs.field(converter=_tuple)

    @property
    def ref(self) -> str:
        """``"in-the-field:<id>"``: the ID source notes use."""
        return f"in-the-field:{self.id}"


@attrs.frozen(repr=False)
class RespondentRow(Card):
    """A row of the respondents table: the group and its counts by column (``None`` for a dash)."""

    group: str
    counts: tuple[int | None, ...] = attrs.field(converter=_tuple)


@attrs.frozen(repr=False)
class Respondents(Tabular, Card):
    """Appendix B's respondents table, as printed (``total`` is the printed totals row)."""

    appendix: str
    section: str
    introduction: str
    heading: str
    columns: tuple[str, ...] = attrs.field(converter=_tuple)
    rows: tuple[RespondentRow, ...] = attrs.field(converter=_tuple)
    total: tuple[int | None, ...] = attrs.field(converter=_tuple)

    def count(self, group: str, column: str | int) -> int | None:
        """The count of a group (or ``"total"``) in a column (``"2019"`` or ``2019``)."""
        col = str(column)
        if col not in self.columns:
            raise UnknownChoiceError("column", column, self.columns)
        n = self.columns.index(col)
        if not isinstance(group, str):
            raise ArgumentTypeError("Respondents.count()", "group", "a group name (a string)", group)
        if group.strip().lower() == "total":
            return self.total[n]
        for row in self.rows:
            if row.group.lower() == group.strip().lower():
                return row.counts[n]
        raise UnknownChoiceError("group", group, [*(r.group for r in self.rows), "total"])

    def _fields(self) -> Sequence[str]:
        return ("group", *self.columns)

    def _title(self) -> str:
        return self.heading

    def to_records(self) -> list[dict[str, Any]]:
        """One row per group: ``group`` and one key per column, as printed (totals not included)."""
        return [{"group": row.group, **dict(zip(self.columns, row.counts, strict=True))} for row in self.rows]


@attrs.frozen(repr=False)
class Footnote(Card):
    """A footnote, as printed."""

    label: str
    text: str


@attrs.frozen(repr=False)
class CenteringEquity(Card):
    """Centering Equity: Guiding Questions. ``guiding_questions`` is ``None``: the source copy has none."""

    title: str
    sections: tuple[Section, ...] = attrs.field(converter=_tuple)
    footnotes: tuple[Footnote, ...] = attrs.field(converter=_tuple)
    guiding_questions: tuple[str, ...] | None = None


# --------------------------------------------------------------------------- building


def _data() -> Any:
    return _toolkit_data.data("toolkit")


@cache
def levels() -> tuple[Level, ...]:
    """The four implementation levels with their definitions, in order.

    >>> from edcompetencies import toolkit
    >>> toolkit.levels()[2].definition[:45]
    'You have mastered the knowledge, skills and/o'
    """
    return tuple(Level(**lv) for lv in _data()["implementation_levels"])


@cache
def prioritized_entries() -> tuple[PrintedCompetency, ...]:
    """The six Prioritized Competencies as the toolkit prints them (number and wording).

    >>> from edcompetencies import toolkit
    >>> p = toolkit.prioritized_entries()[-1]
    >>> p.toolkit_number, p.competency.id, p.renumbered
    (5, '2020:instructional.4', True)
    """
    return tuple(_printed(c) for c in _data()["prioritized_competencies"]["competencies"])


@cache
def prioritized() -> tuple[Competency, ...]:
    """The six Prioritized Competencies, resolved to the main-text competencies."""
    return tuple(p.competency for p in prioritized_entries())


@cache
def assessment_tool() -> AssessmentTool:
    """The Assessment Tool for Prioritized Competencies."""
    raw = _data()["assessment_tool"]
    entries = [
        AssessmentEntry(_printed(c), *[[_descriptor(d) for d in c["levels"][level]] for level in LEVELS])
        for c in raw["competencies"]
    ]
    return AssessmentTool(raw["title"], _toolkit_data.sections_from(raw["sections"]), levels(), entries)


def assessment(competency: Competency | str) -> AssessmentEntry:
    """The Assessment Tool's level indicators for a competency it unpacks.

    >>> from edcompetencies import toolkit
    >>> [d.text for d in toolkit.assessment("cognitive.4").level("establishing")][:1]
    ['Establish knowledge of feedback techniques that prioritize the processes of thinking.']
    """
    return assessment_tool().entry(competency)


@cache
def reflection_tool() -> ReflectionTool:
    """The Reflection Tool for Prioritized Competencies."""
    raw = _data()["reflection_tool"]
    entries = [
        ReflectionEntry(
            _printed(e),
            [_printed_indicator(i) for i in e["indicators"]],
            e["reflective_questions"],
            e["look_fors"],
        )
        for e in raw["entries"]
    ]
    return ReflectionTool(raw["title"], _toolkit_data.sections_from(raw["sections"]), entries)


def reflection(competency: Competency | str) -> ReflectionEntry:
    """The Reflection Tool's questions and look-fors for a competency it covers.

    >>> from edcompetencies import toolkit
    >>> toolkit.reflection("interpersonal.1").look_fors[2]
    'Student testimony'
    """
    return reflection_tool().entry(competency)


@cache
def simple_rubric() -> SimpleRubric:
    """The Directions for Setting Up a Simple Rubric, with its Figure 1 example."""
    raw = _data()["simple_rubric"]
    ex = raw["example"]
    example = RubricExample(
        ex["caption"],
        ex["heading"],
        ex["competency_heading"],
        _printed(ex),
        ex["citation"],
        [RubricExampleRow(**r) for r in ex["rows"]],
    )
    columns = [RubricColumn(**c) for c in raw["columns"]]
    return SimpleRubric(raw["title"], _toolkit_data.sections_from(raw["sections"]), columns, example)


def _rubric_target(item: Competency | str, framework: Framework | None) -> tuple[Framework, Competency]:
    if framework is not None and not isinstance(framework, Framework):
        raise ArgumentTypeError("toolkit.rubric()", "framework", "a Framework or None", framework)
    if isinstance(item, str):
        prefix, sep, _ = item.strip().partition(":")
        fw = framework if framework is not None else load(prefix if sep else 2020)
        found = fw[item]
    elif isinstance(item, (Competency, Indicator, Domain)):
        if framework is not None and item not in framework:
            raise UnknownItemError(
                item.id, framework.edition, (), reason=f"not an item of the framework given ({framework.edition})"
            )
        prefix = item.id.partition(":")[0]
        if framework is None and (prefix not in ("2015", "2020") or item not in load(prefix)):
            raise UnknownItemError(
                item.id, None, (), reason="not in a packaged edition; pass framework= for your own framework"
            )
        fw = framework if framework is not None else load(prefix)
        found = item
    else:
        raise ArgumentTypeError("toolkit.rubric()", "competency", "a competency or its ID", item)
    if not isinstance(found, Competency):
        reason = "a rubric is built for a competency"
        if isinstance(found, Indicator):
            reason += f"; this is an indicator of {found.competency_id}"
        raise UnknownItemError(found.id, fw.edition, (), reason=reason)
    return fw, found


def rubric(competency: Competency | str, *, framework: Framework | None = None) -> Rubric:
    """A blank single-point rubric for any competency of either edition (or of *framework*).

    The columns are those of the Directions for Setting Up a Simple Rubric; the rows are
    the competency's indicators, as the directions say ("The indicators ... can be pasted
    into the operationalizing column"). IDs without a prefix are 2020's.

    >>> from edcompetencies import toolkit
    >>> r = toolkit.rubric("2015:cognitive.2")
    >>> r.citation
    'Educator Competencies for Personalized, Learner-Centered Teaching (2015)'
    >>> [row.indicator.id for row in r.rows], [c.key for c in r.columns]
    (['2015:cognitive.2.1', '2015:cognitive.2.2'], ['developing', 'operationalizing', 'refining'])
    """
    fw, found = _rubric_target(competency, framework)
    directions = simple_rubric()
    if fw.edition == 2020 and fw is load(2020):
        citation = directions.example.citation
    else:
        citation = f"{fw.title} ({fw.year if fw.year is not None else fw.edition})"
    domain = fw.domain(found.domain_key).name
    return Rubric(found, fw.edition, domain, directions.columns, [RubricRow(i) for i in found.indicators], citation)


@cache
def _examples() -> tuple[FieldExample, ...]:
    return tuple(FieldExample(**e) for e in _data()["in_the_field"])


def in_the_field(
    *, actor: str | None = None, domain: str | None = None, part: str | None = None
) -> tuple[FieldExample, ...]:
    """The "In the field" examples, optionally those about an actor, on a domain's pages, or in a part.

    ``actor`` matches case-insensitively within an actor's name (``"arkansas"``).

    >>> from edcompetencies import toolkit
    >>> [e.id for e in toolkit.in_the_field(actor="Virginia")]
    ['main-text-6', 'user-guide-5']
    >>> [e.actors for e in toolkit.in_the_field(domain="cognitive")]
    [('Arkansas',), ('Hartford, Connecticut',)]
    """
    if part is not None and part not in ("main-text", "user-guide"):
        raise UnknownChoiceError("part", part, ("main-text", "user-guide"))
    if domain is not None and domain not in _toolkit_data.DOMAINS:
        raise UnknownChoiceError("domain", domain, _toolkit_data.DOMAINS)
    found = _examples()
    if actor is not None:
        if not isinstance(actor, str):
            raise ArgumentTypeError("toolkit.in_the_field()", "actor", "a string", actor)
        wanted = actor.strip().casefold()
        found = tuple(e for e in found if any(wanted in a.casefold() for a in e.actors))
    if domain is not None:
        found = tuple(e for e in found if e.domain == domain)
    if part is not None:
        found = tuple(e for e in found if e.part == part)
    return found


@cache
def respondents() -> Respondents:
    """Appendix B's respondents table.

    >>> from edcompetencies import toolkit
    >>> r = toolkit.respondents()
    >>> r.columns, r.count("Students", 2019), r.count("Students", 2014), r.count("total", 2019)
    (('2014', '2019'), 7, None, 84)
    """
    raw = _data()["respondents"]
    rows = [RespondentRow(r["group"], [r["counts"][c] for c in raw["columns"]]) for r in raw["rows"]]
    return Respondents(**{**raw, "rows": rows, "total": [raw["total"][c] for c in raw["columns"]]})


@cache
def centering_equity() -> CenteringEquity:
    """The Centering Equity guide (purpose, use, definition; the source copy has no questions)."""
    raw = _data()["centering_equity"]
    questions = raw["guiding_questions"]
    return CenteringEquity(
        raw["title"],
        _toolkit_data.sections_from(raw["sections"]),
        [Footnote(**f) for f in raw["footnotes"]],
        tuple(questions) if questions is not None else None,
    )


# --------------------------------------------------------------------------- notes


def notes() -> tuple[SourceNote, ...]:
    """The toolkit's source notes."""
    return _toolkit_data.notes_of("toolkit")


def all_notes() -> tuple[SourceNote, ...]:
    """Every source note of the crosswalk, glossary and toolkit files (41), in that order.

    >>> from edcompetencies import toolkit
    >>> from collections import Counter
    >>> Counter(n.id.split("-")[0] for n in toolkit.all_notes())["crosswalk"]
    11
    """
    return _toolkit_data.all_notes()


def notes_for(item: object) -> tuple[SourceNote, ...]:
    """The notes of the three files concerning an item: a competency or indicator (object or
    ID; ``"instructional.4"`` means 2020's), a :class:`FieldExample`, or an ID such as
    ``"toolkit:respondents"``, ``"intasc:5(b)"`` or ``"glossary:agency"``.

    >>> from edcompetencies import toolkit
    >>> [n.id for n in toolkit.notes_for("instructional.4")][:2]
    ['toolkit-instructional-5-numbering', 'reflection-tool-instructional-duplicated-questions']
    """
    if isinstance(item, FieldExample):
        item = item.ref
    return _toolkit_data.notes_for(item, all_notes())


def __dir__() -> list[str]:
    """The public names only (tab completion shows no ``re``, ``attrs`` or ``annotations``)."""
    return sorted(__all__)
