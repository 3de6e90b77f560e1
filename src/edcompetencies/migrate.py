"""Carry data tagged with one edition's items to the other edition: re-tagging, with the reasons.

Districts, preparation programmes and badge issuers hold years of records tagged with 2015
items ("Cognitive 1.3"). :func:`ids` and :func:`frame` turn each tag into its 2020 item(s)
along the curated lineage (``ec.lineage(2015, 2020)``), with the relation, the curated
rationale and whether a person should look at it:

>>> from edcompetencies import migrate
>>> m = migrate.ids(["2015:cognitive.2", "Cognitive 1.3", "2015:intrapersonal.4", "Cognitive 9"], to=2020)
>>> for x in m[:3]:
...     print(x.source, x.targets, x.relation, x.needs_review)
2015:cognitive.2 ('2020:cognitive.2',) reworded False
2015:cognitive.1.3 ('2020:cognitive.1.c',) exact False
2015:intrapersonal.4 ('2020:intrapersonal.4',) merged False
>>> m[3].relation, m[3].problem
('unknown', "no item 'Cognitive 9' in the 2015 edition")
>>> print(m.summary())
4 tags to 2020: 1 exact, 1 reworded, 1 merged, 1 unknown; 1 to review

What a tag may be (case and spaces do not matter): an ID with or without its edition prefix
(``2015:cognitive.3.3``, ``cognitive.3.3``), the publication's own label (``Cognitive 1.3``,
``Intrapersonal 1.2``, ``Instructional 4``, 2020's ``Cognitive 3.c.ii``), or the CASE
identifier our CASE export gives the item. Anything else is reported as ``unknown`` with the
reason, never dropped or guessed.

The relations, and when ``needs_review`` is true (after ICD-10's GEM flags: approximate,
combination, choice):

========== ============================================================ ============
relation   meaning                                                      needs review
========== ============================================================ ============
exact      the same item: unchanged, or changed in punctuation only     no
reworded   one successor, reworded (GEM "approximate")                  no
merged     one successor that several old items merged into             no
           (GEM "combination": the target is certain, and broader)
split      several successors: which of them applies is a choice        yes
           (GEM "choice")
removed    no successor; ``suggestions`` names the nearest items        yes
unknown    the tag names no item of the source edition (``problem``)    yes
========== ============================================================ ============

Migrating the other way (``to=2015``) walks the same lineage backwards.
"""

from __future__ import annotations

import csv as _csv
import io as _io
import re as _re
from collections import Counter as _Counter
from collections.abc import Iterable as _Iterable
from collections.abc import Iterator as _Iterator
from collections.abc import Sequence as _Sequence
from functools import cache as _cache
from typing import TYPE_CHECKING as _TYPE_CHECKING
from typing import Any as _Any
from typing import overload as _overload

import attrs as _attrs

from ._lineage import lineage as _lineage
from ._loading import _edition_number, load
from ._markup import Card as _Card
from ._markup import Tabular as _Tabular
from ._markup import csv_text as _csv_text
from ._markup import html_escape as _html_escape
from ._markup import md_escape as _md_escape
from ._markup import records_table as _records_table
from ._model import Competency as _Competency
from .case import identifier as _identifier
from .credentials import find_alignments
from .diff import normalise_words
from .errors import ArgumentTypeError as _ArgumentTypeError
from .errors import MigrationError, MissingExtraError
from .errors import UnknownChoiceError as _UnknownChoiceError

if _TYPE_CHECKING:  # pragma: no cover
    import pandas  # type: ignore[import-untyped, unused-ignore]

__all__ = ["RELATIONS", "Migration", "MigrationError", "Migrations", "alignments", "csv_text", "frame", "ids", "rows"]


def __dir__() -> list[str]:
    return list(__all__)


RELATIONS = ("exact", "reworded", "merged", "split", "removed", "unknown")
"""Every relation a migration can have, in the order summaries list them."""

_REVIEW = frozenset({"split", "removed", "unknown"})
_COLUMNS = ("input", "source", "targets", "relation", "needs_review", "rationale", "suggestions", "problem")
_LABEL = _re.compile(
    r"(?:(?P<edition>[0-9]{4})\s*[:\s]\s*)?(?P<domain>[a-z]+)\s*[\s.]\s*(?P<path>[a-z0-9]+(?:\s*\.\s*[a-z0-9]+)*)"
)
_UUID = _re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


@_attrs.frozen(repr=False)
class Migration(_Card):
    """What became of one tag: ``source`` (the item the tag names, or ``None``), ``targets`` (its
    item(s) in the other edition), ``relation`` (see :data:`RELATIONS`), ``needs_review``,
    ``rationale`` (the curated lineage's words), ``suggestions`` (nearest items, for a removed one),
    ``problem`` (why an unknown tag is unknown) and, when asked for, ``indicators`` (what became of
    a competency's indicators)."""

    input: str
    source: str | None
    targets: tuple[str, ...]
    relation: str
    needs_review: bool
    rationale: str | None = None
    suggestions: tuple[str, ...] = ()
    problem: str | None = None
    indicators: tuple[Migration, ...] = ()

    @property
    def replaced(self) -> bool:
        """The tag names an item of the source edition, which the target edition replaced (the
        drift a badge issuer or wallet looks for); false for unknown tags and current items."""
        return self.source is not None and self.source not in self.targets

    def to_record(self) -> dict[str, _Any]:
        """A flat row (the columns of :meth:`Migrations.to_records`)."""
        record = {name: getattr(self, name) for name in _COLUMNS}
        return {**record, "targets": " | ".join(self.targets), "suggestions": " | ".join(self.suggestions)}

    def __repr__(self) -> str:
        targets = ", ".join(self.targets) or "-"
        review = ", needs review" if self.needs_review else ""
        return f"<Migration {self.input!r}: {self.relation} -> {targets}{review}>"


def _migrations(items: _Iterable[Migration]) -> tuple[Migration, ...]:
    return tuple(items)


@_attrs.frozen(repr=False)
class Migrations(_Tabular, _Sequence[Migration]):
    """The migrations of :func:`ids`, in input order: a sequence of :class:`Migration` with the
    shared verbs (``to_records()``, ``to_csv()``, ``to_dataframe()``, ``render()`` ...) and a
    :meth:`summary` of how many migrated exactly, how many need review and how many are unknown."""

    _items: tuple[Migration, ...] = _attrs.field(converter=_migrations)
    source: int
    target: int

    columns = _COLUMNS

    @_overload
    def __getitem__(self, index: int) -> Migration: ...

    @_overload
    def __getitem__(self, index: slice) -> Migrations: ...

    def __getitem__(self, index: int | slice) -> Migration | Migrations:
        if isinstance(index, slice):
            return Migrations(self._items[index], self.source, self.target)
        return self._items[index]

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> _Iterator[Migration]:
        return iter(self._items)

    def __repr__(self) -> str:
        return f"<Migrations {self.source} -> {self.target}: {self.summary()}>"

    def counts(self) -> dict[str, int]:
        """Relation -> number of tags, every relation listed (0 where none)."""
        found = _Counter(m.relation for m in self._items)
        return {relation: found.get(relation, 0) for relation in RELATIONS}

    def summary(self) -> str:
        """One line: how many tags, by relation, and how many need review."""
        parts = [f"{n} {relation}" for relation, n in self.counts().items() if n]
        review = sum(m.needs_review for m in self._items)
        return f"{len(self._items)} tags to {self.target}: {', '.join(parts) or 'none'}; {review} to review"

    def to_records(self) -> list[dict[str, _Any]]:
        return [m.to_record() for m in self._items]

    def to_text(self) -> str:
        lines = [self.summary()]
        for m in self._items:
            flag = "  (review)" if m.needs_review else ""
            lines.append(f"{m.input}: {m.relation} -> {', '.join(m.targets) or '-'}{flag}")
            if m.rationale:
                lines.append(f"    {m.rationale}")
            if m.suggestions:
                lines.append(f"    nearest: {', '.join(m.suggestions)}")
            if m.problem:
                lines.append(f"    {m.problem}")
        return "\n".join(lines) + "\n"

    def to_markdown(self) -> str:
        return f"{_md_escape(self.summary())}\n\n{self._table('markdown')}"

    def _table(self, format: str) -> str:
        """The tags as a table of the one rendering layer (Markdown or HTML), with why each went where."""
        rows = [
            {
                "tag": m.input,
                "relation": m.relation,
                "targets": ", ".join(m.targets),
                "review": "yes" if m.needs_review else "",
                "why": m.rationale or m.problem or "",
            }
            for m in self._items
        ]
        return _records_table(rows, ("tag", "relation", "targets", "review", "why"), format)

    def _title(self) -> str:
        return f"Tags migrated from {self.source} to {self.target}"

    def _html_body(self) -> str:
        return f'<div class="edc edc-migrate"><p>{_html_escape(self.summary())}</p>{self._table("html")}</div>'


# --------------------------------------------------------------------------- resolving tags


@_cache
def _names(edition: int) -> dict[str, str]:
    """Every way a tag may name an item of *edition* (folded) -> the item's ID."""
    fw = load(edition)
    names: dict[str, str] = {}
    for item in fw.items():
        path = item.id.partition(":")[2]
        names[item.id.casefold()] = item.id
        names[path.casefold()] = item.id
        names[_identifier(item).casefold()] = item.id
    return names


def _by_label(folded: str, edition: int) -> tuple[str | None, str | None]:
    """A publication label (``cognitive 1.3``, ``2020 cognitive 3.c.ii``) read in *edition*."""
    m = _LABEL.fullmatch(folded)
    if m is None:
        return None, None
    fw = load(edition)
    wanted = m.group("domain")
    domain = next((d for d in fw.domains if wanted in (d.key, d.name.casefold())), None)
    if domain is None:
        return None, f"no domain {wanted!r} in the {edition} edition"
    path = ".".join(part.strip() for part in m.group("path").split("."))
    item_id = f"{edition}:{domain.key}.{path}"
    return (fw[item_id].id, None) if item_id in fw else (None, f"no item {{}} in the {edition} edition")


def _resolve(tag: str, source: int, target: int) -> tuple[str | None, str | None]:
    """The item ID a tag names (an item of *source*, or already one of *target*), or the problem.

    A tag that could name an item of either edition ("Cognitive 1") is read in *source*.
    """
    folded = " ".join(tag.split()).casefold()
    if not folded:
        return None, "an empty tag"
    compact = folded.replace(" ", "")
    for edition in (source, target):
        found = _names(edition).get(folded) or _names(edition).get(compact)
        if found is not None:
            return found, None
    if _UUID.fullmatch(folded):
        return None, f"no item of {source} or {target} has the CASE identifier {tag.strip()!r}"
    m = _LABEL.fullmatch(folded)
    if m is None:
        return None, f"{tag.strip()!r} is neither an item ID, a label like 'Cognitive 1.3' nor a CASE identifier"
    if m.group("edition"):
        edition = int(m.group("edition"))
        if edition not in (source, target):
            return None, f"{tag.strip()!r} names the {edition} edition; this migration reads {source} tags"
        found, problem = _by_label(folded, edition)
    else:
        found, problem = _by_label(folded, source)
        if found is None:
            found = _by_label(folded, target)[0]
    if found is not None:
        return found, None
    return None, (problem or "").replace("{}", repr(tag.strip()))


def _editorial(old: str, new: str) -> bool:
    return normalise_words(old) == normalise_words(new)


@_cache
def _nearest(source: int, target: int, item_id: str, n: int = 3) -> tuple[str, ...]:
    """The *n* items of *target* whose words are most like the removed item's (same level)."""
    import difflib

    item = load(source)[item_id]
    level_is_competency = isinstance(item, _Competency)
    words = normalise_words(item.text)
    scored = []
    for other in load(target).items():
        if other.kind == "domain" or isinstance(other, _Competency) != level_is_competency:
            continue
        ratio = difflib.SequenceMatcher(None, words, normalise_words(other.text), autojunk=False).ratio()
        scored.append((-ratio, other.id))
    return tuple(i for _, i in sorted(scored)[:n])


def _migrate(tag: str, source: int, target: int, indicators: bool) -> Migration:
    item_id, problem = _resolve(tag, source, target)
    if item_id is None:
        return Migration(tag, None, (), "unknown", True, problem=problem)
    if item_id.startswith(f"{target}:"):
        return Migration(tag, item_id, (item_id,), "exact", False, rationale=f"already an item of the {target} edition")
    lin = _lineage(source, target)
    links = [link for link in lin.links if link.old == item_id]
    children: tuple[Migration, ...] = ()
    if indicators:
        node = load(source)[item_id]
        if isinstance(node, _Competency):
            children = tuple(_migrate(i.id, source, target, False) for i in node.walk())
    if not links:
        rationale = lin.rationale(item_id, None)
        if load(source)[item_id].kind == "domain":
            same = f"{target}:{item_id.partition(':')[2]}"
            if same in load(target):
                return Migration(
                    tag, item_id, (same,), "exact", False, rationale="the same domain", indicators=children
                )
        return Migration(
            tag,
            item_id,
            (),
            "removed",
            True,
            rationale=rationale,
            suggestions=_nearest(source, target, item_id),
            indicators=children,
        )
    targets = tuple(link.new for link in links)
    rationale = " ".join(dict.fromkeys(link.rationale for link in links))
    if len(links) > 1:
        relation = "split"
    elif links[0].relation == "merged":
        relation = "merged"
    elif links[0].relation == "same" or _editorial(load(source)[item_id].text, load(target)[targets[0]].text):
        relation = "exact"
    else:
        relation = "reworded"
    return Migration(tag, item_id, targets, relation, relation in _REVIEW, rationale=rationale, indicators=children)


def _editions(to: object) -> tuple[int, int]:
    target = _edition_number(to)
    if target not in (2015, 2020):  # pragma: no cover - _edition_number knows only these
        raise _UnknownChoiceError("to", to, (2015, 2020))
    return (2020 if target == 2015 else 2015), target


def ids(tags: _Iterable[str], *, to: int | str = 2020, strict: bool = False, indicators: bool = False) -> Migrations:
    """Migrate *tags* (one per entry, in order) to the edition *to*.

    Every tag gives one :class:`Migration`, unknown ones included (``relation="unknown"``, with
    the ``problem``); with ``strict=True`` an unknown tag raises
    :class:`~edcompetencies.errors.MigrationError` instead. ``indicators=True`` adds, for a
    competency, what became of each of its indicators (``Migration.indicators``).
    """
    if isinstance(tags, (str, bytes)) or not isinstance(tags, _Iterable):
        raise _ArgumentTypeError("migrate.ids()", "tags", "a list of strings", tags)
    source, target = _editions(to)
    out = []
    for position, tag in enumerate(tags):
        if not isinstance(tag, str):
            raise _ArgumentTypeError("migrate.ids()", f"tags[{position}]", "a string", tag)
        migration = _migrate(tag, source, target, indicators)
        if strict and migration.relation == "unknown":
            raise MigrationError(tag, position, migration.problem or "unknown")
        out.append(migration)
    return Migrations(out, source, target)


def _added_columns(column: str, target: int) -> dict[str, str]:
    """The record fields a migrated table adds -> their column names (``targets``: ``{column}_{target}``)."""
    return {key: f"{column}_{target if key == 'targets' else key}" for key in _COLUMNS[2:]}


def rows(
    records: _Iterable[dict[str, _Any]], *, column: str, to: int | str = 2020
) -> tuple[list[dict[str, _Any]], Migrations]:
    """Migrate the tags in *column* of each record: a copy of every record, in order, with the added
    columns ``{column}_{to}``, ``{column}_relation``, ``{column}_needs_review``, ``{column}_rationale``,
    ``{column}_suggestions`` and ``{column}_problem``; and the :class:`Migrations` (for the report).

    A record without the column is a :class:`~edcompetencies.errors.MigrationError`; an empty or
    unknown tag is reported in its row, never dropped.
    """
    source, target = _editions(to)
    added = _added_columns(column, target)
    out: list[dict[str, _Any]] = []
    migrations = []
    cache: dict[str, Migration] = {}
    for position, record in enumerate(records):
        if column not in record:
            raise MigrationError(str(column), position, f"row {position + 1} has no column {column!r}")
        value = record[column]
        tag = "" if value is None else str(value)
        migration = cache.get(tag)
        if migration is None:
            migration = cache[tag] = _migrate(tag, source, target, False)
        migrations.append(migration)
        row = dict(record)
        flat = migration.to_record()
        for key, name in added.items():
            row[name] = flat[key]
        out.append(row)
    return out, Migrations(migrations, source, target)


def csv_text(text: str, *, column: str, to: int | str = 2020) -> tuple[str, Migrations]:
    """Migrate a CSV table's *column* (the command line's ``migrate FILE``): the table with the
    added columns (CRLF, every input column kept in order), and the :class:`Migrations`."""
    reader = _csv.DictReader(_io.StringIO(text, newline=""))
    try:  # the csv module refuses a field over its size limit (and, on Python 3.10, a NUL)
        if reader.fieldnames is None or column not in reader.fieldnames:
            raise MigrationError(column, 0, f"the table has no column {column!r} (its columns: {reader.fieldnames})")
        records, migrations = rows(reader, column=column, to=to)
    except _csv.Error as exc:
        raise MigrationError(
            column, 0, f"the table cannot be read as CSV at line {reader.line_num + 1}: {exc}"
        ) from None
    fields = [*reader.fieldnames, *_added_columns(column, migrations.target).values()]
    for position, record in enumerate(records):
        if None in record:  # where the csv module's reader keeps the cells past the header's
            problem = f"row {position + 1} has more cells than the header's {len(reader.fieldnames)}"
            raise MigrationError(column, position, problem)
    return _csv_text(records, fields, escape_formulas=False), migrations


def frame(df: pandas.DataFrame, *, column: str, to: int | str = 2020) -> pandas.DataFrame:
    """A copy of the DataFrame *df* with the migration of *column* in added columns (see :func:`rows`).

    No row is dropped or repeated; unknown tags are reported in their rows.
    """
    try:
        import pandas
    except ImportError:  # pragma: no cover - the caller has a DataFrame, so pandas is there
        raise MissingExtraError("migrate.frame()", "pandas", "pandas") from None
    if not isinstance(df, pandas.DataFrame):
        raise _ArgumentTypeError("migrate.frame()", "df", "a pandas DataFrame", df)
    if column not in df.columns:
        raise MigrationError(str(column), 0, f"the DataFrame has no column {column!r}")
    tags = ["" if pandas.isna(v) else str(v) for v in df[column].tolist()]
    _, migrations = rows(({column: t} for t in tags), column=column, to=to)
    out = df.copy()
    for key, name in _added_columns(column, migrations.target).items():
        values = [m.to_record()[key] for m in migrations]
        out[name] = pandas.array(values, dtype="boolean") if key == "needs_review" else values
    return out


def alignments(data: _Any, *, to: int | str = 2020) -> Migrations:
    """The drift check for badges and credentials: every Open Badges 3.0 / CLR 2.0 ``Alignment``
    in *data* (a credential, an achievement, a list of alignments, or their JSON text), migrated
    to the edition *to*.

    An alignment is read by its ``targetCode`` (an ID or label) and, failing that, by the CASE
    identifier at the end of its ``targetUrl`` (``urn:uuid:...`` or ``.../<identifier>``).
    ``Migration.replaced`` says which point at items the target edition replaced; the
    migrations' ``input`` is the alignment's JSON path.

    >>> from edcompetencies import credentials, migrate
    >>> badge = {"credentialSubject": {"achievement": {"alignment": [
    ...     credentials.alignment("2015:cognitive.1.3"), credentials.alignment("2020:cognitive.6")]}}}
    >>> for m in migrate.alignments(badge):
    ...     print(m.input, m.replaced, m.targets)
    $.credentialSubject.achievement.alignment[0] True ('2020:cognitive.1.c',)
    $.credentialSubject.achievement.alignment[1] False ('2020:cognitive.6',)
    """
    source, target = _editions(to)
    out = []
    for path, found in find_alignments(data):
        code, url = found.get("targetCode"), found.get("targetUrl")
        migration: Migration | None = None
        for tag in (code, url.rsplit("/", 1)[-1].rsplit(":", 1)[-1] if isinstance(url, str) else None):
            if isinstance(tag, str) and tag.strip():
                attempt = _migrate(tag, source, target, False)
                if attempt.relation != "unknown":
                    migration = attempt
                    break
                migration = migration or attempt
        if migration is None:
            migration = Migration(
                path, None, (), "unknown", True, problem="the alignment has no targetCode or targetUrl"
            )
        out.append(_attrs.evolve(migration, input=path))
    return Migrations(out, source, target)
