"""SSSOM/TSV, the Simple Standard for Sharing Ontological Mappings: writing and reading the format.

A mapping table is TSV whose first lines, each starting with ``#``, hold the mapping set's
metadata as YAML (``curie_map``, ``mapping_set_id``, ``license`` ...); then a header row and
one row per mapping (``subject_id``, ``predicate_id``, ``object_id``,
``mapping_justification``, and optional columns such as ``confidence`` and ``comment``).
Identifiers are CURIEs whose prefixes the ``curie_map`` expands.

This module knows the format only; the lineage, the diff and the crosswalk turn their links
into rows (:meth:`Lineage.to_sssom`, :meth:`Diff.to_sssom`, ``crosswalk.to_sssom()``) and a
table back into a lineage (:meth:`Lineage.from_sssom`).

The metadata reader understands the YAML that SSSOM files use - ``key: value`` lines, a
mapping (``curie_map:`` with indented ``prefix: IRI`` lines) and lists (``creator_id:`` with
indented ``- value`` lines) - and refuses anything else with the line it stands on; no YAML
library is needed, and nothing in a file is ever executed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from ._rules import text_problem
from .errors import FrameworkFormatError

__all__ = [
    "BROAD",
    "CLOSE",
    "CROSSWALK_COLUMNS",
    "EXACT",
    "LEXICAL",
    "LINEAGE_COLUMNS",
    "MANUAL",
    "NARROW",
    "NO_TERM",
    "PREFIXES",
    "crosswalk_table",
    "curie",
    "dumps",
    "lineage_parts",
    "lineage_table",
    "loads",
    "prefix",
]

EXACT, CLOSE, BROAD, NARROW = "skos:exactMatch", "skos:closeMatch", "skos:broadMatch", "skos:narrowMatch"
MANUAL, LEXICAL = "semapv:ManualMappingCuration", "semapv:LexicalMatching"
NO_TERM = "sssom:NoTermFound"
"""The object (or subject) of a row saying that an item has no counterpart."""

PREFIXES = {
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "semapv": "https://w3id.org/semapv/vocab/",
    "sssom": "https://w3id.org/sssom/",
}

_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_NEEDS_QUOTES = re.compile(
    r"""^[\s\-?:,\[\]{}#&*!|>'"%@`]|[:#]\s|:$|\s$|^$|^(?:true|false|null|yes|no|~)$|^[0-9.+\-]"""
)

_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "/": "/", "0": "\0"}


def _escape(m: re.Match[str]) -> str:
    code = m.group(1)
    if code[0] in "xu" and len(code) > 1:
        return chr(int(code[1:], 16))
    return _ESCAPES.get(code, "\\" + code)


def _scalar(value: object) -> str:
    """A YAML scalar on one line: double-quoted (with YAML's escapes) when it could be misread."""
    text = str(value)
    if _NEEDS_QUOTES.search(text) or any(c in text for c in '\n\r\t"\\'):
        escaped = text.replace("\\", "\\\\").replace('"', '\\"')
        return '"' + escaped.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t") + '"'
    return text


def _cell(value: object) -> str:
    """A TSV cell: tabs and line breaks, which the format cannot hold, become spaces."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4g}"
    return re.sub(r"[\t\r\n]+", " ", str(value))


def dumps(metadata: Mapping[str, Any], columns: Sequence[str], rows: Sequence[Mapping[str, Any]]) -> str:
    """A mapping table: *metadata* as the ``#`` YAML block (values are strings, numbers, mappings
    of strings or lists of strings), then *columns* and *rows* as TSV (``\\n`` line ends)."""
    lines = []
    for key, value in metadata.items():
        if isinstance(value, Mapping):
            lines.append(f"#{key}:")
            lines += [f"#  {k}: {_scalar(v)}" for k, v in value.items()]
        elif isinstance(value, (list, tuple)):
            lines.append(f"#{key}:")
            lines += [f"#  - {_scalar(v)}" for v in value]
        else:
            lines.append(f"#{key}: {_scalar(value)}")
    lines.append("\t".join(columns))
    lines += ["\t".join(_cell(row.get(c)) for c in columns) for row in rows]
    return "\n".join(lines) + "\n"


def _unquote(text: str, source: str, line: int) -> str:
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] == '"':
        return re.sub(r"\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|.)", _escape, text[1:-1])
    if len(text) >= 2 and text[0] == text[-1] == "'":
        return text[1:-1].replace("''", "'")
    if text[:1] in ("[", "{", "&", "*", "!", "|", ">"):
        raise FrameworkFormatError(
            f"this YAML ({text[:1]!r}) is beyond what SSSOM metadata uses", source=source, path=f"line {line}"
        )
    return text.split(" #", 1)[0].rstrip()


def _open_quote(value: str) -> bool:
    """A scalar that starts a quoted string YAML continues on the next lines."""
    v = value.strip()
    if v[:1] == "'":
        return len(v) == 1 or not (v.endswith("'") and (len(v) - len(v.rstrip("'"))) % 2 == 1)
    if v[:1] == '"':
        return len(v) == 1 or not (v.endswith('"') and not v.endswith('\\"'))
    return False


def _logical_lines(lines: list[str]) -> list[tuple[int, str]]:
    """The metadata lines without their ``#``, a quoted or plain scalar folded across lines joined."""
    out: list[tuple[int, str]] = []
    bodies = [raw[1:] for raw in lines]
    # "#key: value" and "# key: value" are both written: drop the indentation all lines share
    common = min((len(b) - len(b.lstrip(" ")) for b in bodies if b.strip()), default=0)
    for number, body in enumerate((b[common:] for b in bodies), 1):
        if not body.strip() or body.lstrip().startswith("#"):
            continue
        if out:
            last = out[-1][1]
            _, sep, value = last.partition(": ") if ": " in last else ("", "", "")
            continuation = body[:1] in (" ", "\t") and (
                (sep and _open_quote(value))
                or (sep and value.strip() and ": " not in body and not body.strip().startswith("- "))
            )
            if continuation:
                out[-1] = (out[-1][0], last.rstrip() + " " + body.strip())
                continue
        out.append((number, body))
    return out


def _metadata(lines: list[str], source: str) -> dict[str, Any]:
    meta: dict[str, Any] = {}
    current: str | None = None
    for number, body in _logical_lines(lines):
        if body[:1] in (" ", "\t"):
            if current is None:
                raise FrameworkFormatError("an indented line before any key", source=source, path=f"line {number}")
            item = body.strip()
            if item.startswith("- "):
                if not isinstance(meta[current], list):
                    if meta[current]:
                        raise FrameworkFormatError(
                            f"{current!r} mixes a list and a mapping", source=source, path=f"line {number}"
                        )
                    meta[current] = []
                meta[current].append(_unquote(item[2:], source, number))
                continue
            key, sep, value = item.partition(":")
            if not sep or not _KEY.fullmatch(key.strip()) or isinstance(meta[current], list):
                raise FrameworkFormatError(f"cannot read {item!r} in {current!r}", source=source, path=f"line {number}")
            meta[current][key.strip()] = _unquote(value, source, number)
            continue
        key, sep, value = body.partition(":")
        key = key.strip()
        if not sep or not _KEY.fullmatch(key):
            found = body.strip()
            raise FrameworkFormatError(f"expected 'key: value', found {found!r}", source=source, path=f"line {number}")
        if key in meta:
            raise FrameworkFormatError(f"the metadata key {key!r} is given twice", source=source, path=f"line {number}")
        if value.strip():
            meta[key] = _unquote(value, source, number)
            current = None
        else:
            meta[key] = {}
            current = key
    return meta


def loads(text: str | bytes, *, source: str = "<string>") -> tuple[dict[str, Any], list[dict[str, str]]]:
    """The metadata and the rows (dicts of column -> cell, empty cells left out) of a mapping table.

    Every problem is a :class:`~edcompetencies.errors.FrameworkFormatError` naming *source* and
    the line; the required columns (``subject_id``, ``predicate_id``, ``object_id``,
    ``mapping_justification``) and ``mapping_set_id`` must be there.
    """
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as e:
            raise FrameworkFormatError(f"not UTF-8 ({e.reason} at byte {e.start})", source=source, path="$") from None
    if not isinstance(text, str):
        raise FrameworkFormatError("an SSSOM table is text", source=source, path="$")
    lines = text.removeprefix("\ufeff").replace("\r\n", "\n").split("\n")
    head = 0
    while head < len(lines) and lines[head].startswith("#"):
        head += 1
    meta = _metadata(lines[:head], source)
    table = [(n, line) for n, line in enumerate(lines[head:], head + 1) if line.strip()]
    if not table:
        raise FrameworkFormatError("no header row after the metadata", source=source, path=f"line {head + 1}")
    columns = table[0][1].split("\t")
    missing = [c for c in ("subject_id", "predicate_id", "object_id", "mapping_justification") if c not in columns]
    if missing:
        raise FrameworkFormatError(f"the header lacks {', '.join(missing)}", source=source, path=f"line {table[0][0]}")
    if len(set(columns)) != len(columns):
        raise FrameworkFormatError("a column is named twice in the header", source=source, path=f"line {table[0][0]}")
    if "mapping_set_id" not in meta:
        raise FrameworkFormatError("the metadata has no mapping_set_id", source=source, path="line 1")
    rows = []
    for offset, line in table[1:]:
        cells = line.split("\t")
        if len(cells) != len(columns):
            raise FrameworkFormatError(
                f"{len(cells)} cells where the header has {len(columns)}", source=source, path=f"line {offset}"
            )
        for column, cell in zip(columns, cells, strict=True):
            problem = text_problem(cell)
            if problem:
                raise FrameworkFormatError(f"{column}: {problem}", source=source, path=f"line {offset}")
        rows.append({c: v for c, v in zip(columns, cells, strict=True) if v != ""})
    return meta, rows


# --------------------------------------------------------------------------- lineages

_RELATION_PREDICATES = {"same": EXACT, "reworded": CLOSE, "merged": BROAD, "split": NARROW}
_PREDICATE_RELATIONS = {v: k for k, v in _RELATION_PREDICATES.items()}
_IRI_BASE = "urn:edcompetencies:"
LINEAGE_COLUMNS = (
    "subject_id",
    "subject_label",
    "predicate_id",
    "object_id",
    "object_label",
    "mapping_justification",
    "confidence",
    "comment",
    "subject_source_version",
    "object_source_version",
)


def prefix(edition: object) -> str:
    """The CURIE prefix of an edition's items: ``EDC2015``; a string edition keeps its letters."""
    return "EDC" + re.sub(r"[^A-Za-z0-9_]", "_", str(edition))


def curie(item_id: str) -> str:
    """``2015:cognitive.1`` -> ``EDC2015:cognitive.1``."""
    edition, _, path = item_id.partition(":")
    return f"{prefix(edition)}:{path}"


def _set_metadata(
    prefixes: Mapping[str, str],
    set_id: str,
    description: str,
    subject: tuple[str, str],
    obj: tuple[str, str],
) -> dict[str, Any]:
    """A mapping set's metadata: *prefixes* maps the prefix of its items to the source they belong to;
    *subject* and *obj* are each side's (source, version)."""
    return {
        "curie_map": {**{p: f"{_IRI_BASE}{s}:" for p, s in prefixes.items()}, "edcompetencies": _IRI_BASE, **PREFIXES},
        "mapping_set_id": set_id,
        "mapping_set_description": description,
        "license": "https://creativecommons.org/licenses/by/3.0/us/",
        "subject_source": f"edcompetencies:{subject[0]}",
        "subject_source_version": subject[1],
        "object_source": f"edcompetencies:{obj[0]}",
        "object_source_version": obj[1],
        "mapping_tool": "edcompetencies",
    }


def lineage_table(
    lineage: Any,
    *,
    justification: str = MANUAL,
    confidence: Mapping[tuple[str, str], float] | None = None,
    labels: Mapping[str, str] | None = None,
    mapping_set_id: str | None = None,
) -> str:
    """A lineage (anything with ``old``, ``new``, ``description``, ``links``, ``removed``, ``added``)
    as an SSSOM table: a row per link (``same`` skos:exactMatch, ``reworded`` skos:closeMatch,
    ``merged`` skos:broadMatch - the new item is broader - and ``split`` skos:narrowMatch), a row
    ``sssom:NoTermFound`` per removed or added item, the rationale as ``comment``."""
    old, new = str(lineage.old), str(lineage.new)
    set_id = mapping_set_id or f"edcompetencies:lineage-{old}-{new}"
    meta = _set_metadata({prefix(old): old, prefix(new): new}, set_id, lineage.description, (old, old), (new, new))
    names = labels or {}
    scores = confidence or {}

    def row(old_id: str, predicate: str, new_id: str, comment: str) -> dict[str, Any]:
        """A row of the table; an empty *old_id* or *new_id* is sssom:NoTermFound."""
        return {
            "subject_id": curie(old_id) if old_id else NO_TERM,
            "subject_label": names.get(old_id),
            "predicate_id": predicate,
            "object_id": curie(new_id) if new_id else NO_TERM,
            "object_label": names.get(new_id),
            "mapping_justification": justification,
            "confidence": scores.get((old_id, new_id)),
            "comment": comment,
            "subject_source_version": old,
            "object_source_version": new,
        }

    rows = [row(link.old, _RELATION_PREDICATES[link.relation], link.new, link.rationale) for link in lineage.links]
    rows += [row(gone.id, EXACT, "", gone.rationale) for gone in lineage.removed]
    rows += [row("", EXACT, fresh.id, fresh.rationale) for fresh in lineage.added]
    return dumps(meta, LINEAGE_COLUMNS, rows)


def lineage_parts(
    text: str | bytes, *, source: str = "<string>"
) -> tuple[str, str, str, list[tuple[str, str, str, str]], list[tuple[str, str]], list[tuple[str, str]]]:
    """An SSSOM table read as a lineage: (old edition, new edition, description, links as
    (old ID, new ID, relation, rationale), removed as (ID, rationale), added as (ID, rationale)).

    Identifiers must expand (``curie_map``) to an edition's items (``urn:edcompetencies:2015:``);
    a predicate other than the four of :func:`lineage_table` is refused with its line.
    """
    meta, rows = loads(text, source=source)
    curie_map = meta.get("curie_map") or {}
    if not isinstance(curie_map, dict):
        raise FrameworkFormatError("curie_map is not a mapping", source=source, path="curie_map")
    editions = {
        p: iri[len(_IRI_BASE) : -1]
        for p, iri in curie_map.items()
        if isinstance(iri, str) and iri.startswith(_IRI_BASE) and iri.endswith(":") and len(iri) > len(_IRI_BASE) + 1
    }

    def item(value: str, where: str) -> tuple[str, str]:
        p, sep, path = value.partition(":")
        if not sep or not path:
            raise FrameworkFormatError(f"{value!r} is not a CURIE", source=source, path=where)
        if p not in editions:
            raise FrameworkFormatError(
                f"the prefix {p!r} does not name an edition's items (its curie_map entry must be "
                f"{_IRI_BASE}<edition>:)",
                source=source,
                path=where,
            )
        return editions[p], f"{editions[p]}:{path}"

    subjects: set[str] = set()
    objects: set[str] = set()
    links: list[tuple[str, str, str, str]] = []
    removed: list[tuple[str, str]] = []
    added: list[tuple[str, str]] = []
    for number, row in enumerate(rows, 1):
        where = f"row {number}"
        subject, predicate, obj = row.get("subject_id"), row.get("predicate_id"), row.get("object_id")
        if subject is None or predicate is None or obj is None:
            raise FrameworkFormatError("subject_id, predicate_id and object_id are required", source=source, path=where)
        comment = row.get("comment", "")
        if subject == NO_TERM and obj == NO_TERM:
            raise FrameworkFormatError("both sides are sssom:NoTermFound", source=source, path=where)
        if obj == NO_TERM:
            edition, old_id = item(subject, where)
            subjects.add(edition)
            removed.append((old_id, comment))
            continue
        if subject == NO_TERM:
            edition, new_id = item(obj, where)
            objects.add(edition)
            added.append((new_id, comment))
            continue
        relation = _PREDICATE_RELATIONS.get(predicate)
        if relation is None:
            raise FrameworkFormatError(
                f"predicate {predicate!r} is not one a lineage holds ({', '.join(_PREDICATE_RELATIONS)})",
                source=source,
                path=where,
            )
        (s_edition, old_id), (o_edition, new_id) = item(subject, where), item(obj, where)
        subjects.add(s_edition)
        objects.add(o_edition)
        links.append((old_id, new_id, relation, comment))
    old = str(meta.get("subject_source_version") or (sorted(subjects)[0] if len(subjects) == 1 else ""))
    new = str(meta.get("object_source_version") or (sorted(objects)[0] if len(objects) == 1 else ""))
    if not old or not new or subjects - {old} or objects - {new}:
        raise FrameworkFormatError(
            "a lineage maps one edition to one other: subjects from "
            f"{sorted(subjects) or '?'}, objects from {sorted(objects) or '?'}",
            source=source,
            path="$",
        )
    description = str(meta.get("mapping_set_description", ""))
    return old, new, description, links, removed, added


CROSSWALK_COLUMNS = tuple(c for c in LINEAGE_COLUMNS if c != "confidence")


def crosswalk_table(rows: Sequence[tuple[str, str, int, str, str]]) -> str:
    """The InTASC crosswalk as an SSSOM table: one row per (item ID, item text, standard number,
    standard title, part), with ``skos:relatedMatch`` - the publication aligns an item with a
    standard; it does not say one means the other - and the part in ``comment``."""
    meta = _set_metadata(
        {"EDC2020": "2020", "INTASC": "intasc"},
        "edcompetencies:crosswalk-2020-intasc",
        "The 2020 Educator Competencies' InTASC crosswalk: part one aligns each domain with InTASC "
        "standards, part two each competency.",
        ("2020", "2020"),
        ("intasc", "2013"),
    )
    out = [
        {
            "subject_id": curie(item),
            "subject_label": text,
            "predicate_id": "skos:relatedMatch",
            "object_id": f"INTASC:{number}",
            "object_label": title,
            "mapping_justification": MANUAL,
            "comment": f"crosswalk part {part}",
            "subject_source_version": "2020",
            "object_source_version": "2013",
        }
        for item, text, number, title, part in rows
    ]
    return dumps(meta, CROSSWALK_COLUMNS, out)
