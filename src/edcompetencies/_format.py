"""The JSON format of a framework: reading a user's file (validated) and writing.

The format is documented in ``docs/data-format.md``. A user's file (:func:`loads`) is decoded
by ``_convert.decode`` and structured by the library's one cattrs converter into the input
records below (every key, every type, every text: ``forbid_extra_keys``, strict hooks), then
the rules the converter cannot express are checked here by hand, in one pass: an ID follows
from its place (and a given ``id`` must match it), no ID twice, keys and labels as
``_rules`` defines them, competency numbers from 1, themes known and FC on competencies only,
note IDs unique, note items naming items of the framework. Every problem is one
:class:`~edcompetencies.errors.FrameworkFormatError` naming the source, the JSON path and,
where there is one, the item ID.

The packaged editions do not come through here: ``_loading`` builds them with a trusted,
hand-written builder (the test suite checks the files with this reader), because importing
cattrs alone costs ~35 ms against a ~60 ms budget for ``import edcompetencies; ec.load(2020)``.
"""

from __future__ import annotations

import json
from typing import Any

import attrs

from ._convert import MAX_DEPTH, Path, decode, first_duplicate, structure
from ._model import (
    Competency,
    Domain,
    Framework,
    Indicator,
    Item,
    Metadata,
    NoteKind,
    SourceNote,
    Theme,
    require_framework,
)
from ._rules import MAX_DIGITS, MAX_LABEL, is_key, is_label, is_name, text_problem
from .errors import FrameworkFormatError

__all__ = ["FORMAT", "FORMAT_VERSION", "dumps", "from_data", "loads", "to_data"]

FORMAT = "edcompetencies/edition"
FORMAT_VERSION = 1
MAX_INDICATOR_DEPTH = 32
"""How deep indicators may nest (sub-indicators of sub-indicators ...; the editions have 2 levels)."""

_THEMES = {t.value: t for t in Theme}
_KINDS = {k.value: k for k in NoteKind}


# --------------------------------------------------------------------------- the file's records


@attrs.frozen
class _IndicatorIn:
    label: str
    text: str
    id: str | None = None
    themes: tuple[str, ...] = ()
    children: tuple[_IndicatorIn, ...] = ()
    code: str | None = None
    metadata: dict[str, Any] = attrs.field(factory=dict)


@attrs.frozen
class _CompetencyIn:
    number: int
    statement: str
    id: str | None = None
    title: str | None = None
    themes: tuple[str, ...] = ()
    indicators: tuple[_IndicatorIn, ...] = ()
    code: str | None = None
    metadata: dict[str, Any] = attrs.field(factory=dict)


@attrs.frozen
class _DomainIn:
    key: str
    name: str
    id: str | None = None
    tagline: str | None = None
    description: str | None = None
    overview: str | None = None
    competencies: tuple[_CompetencyIn, ...] = ()
    code: str | None = None
    metadata: dict[str, Any] = attrs.field(factory=dict)


@attrs.frozen
class _NoteIn:
    id: str
    kind: str
    items: tuple[str, ...]
    text: str
    source: str | None = None


@attrs.frozen
class _FrameworkIn:
    edition: int | str
    title: str
    domains: tuple[_DomainIn, ...]
    format: str | None = None
    format_version: int = FORMAT_VERSION
    publishers: tuple[str, ...] = ()
    year: int | None = None
    license: str | None = None
    citation: str | None = None
    url: str | None = None
    source: str | None = None
    notes: tuple[_NoteIn, ...] = ()
    metadata: dict[str, Any] = attrs.field(factory=dict)


def _valid_edition(edition: object) -> bool:
    if isinstance(edition, bool):
        return False
    return (isinstance(edition, int) and edition >= 0) or is_name(edition)


def _valid_number(number: object) -> bool:
    return type(number) is int and 0 < number < 10**MAX_DIGITS


def _item_at(data: object, path: Path) -> str | None:
    """The ID of the deepest item whose place *path* runs through, as far as the raw data tells it."""
    if not isinstance(data, dict) or not _valid_edition(data.get("edition")):
        return None
    item: str | None = None
    node: Any = data
    for key, index in zip(path[0::2], path[1::2], strict=False):
        try:
            node = node[key][index]
        except (KeyError, IndexError, TypeError):
            break
        if not isinstance(node, dict):
            break
        if key == "domains" and item is None and is_key(node.get("key")):
            item = f"{data['edition']}:{node['key']}"
        elif key == "competencies" and item is not None and _valid_number(node.get("number")):
            item = f"{item}.{node['number']}"
        elif key in ("indicators", "children") and item is not None and is_label(node.get("label")):
            item = f"{item}.{node['label']}"
        else:
            break
    return item


# --------------------------------------------------------------------------- the rules


class _Rules:
    """The format's rules beyond types, checked on the structured records; remembers every ID's path."""

    def __init__(self, source: str, edition: int | str) -> None:
        self.source = source
        self.edition = edition
        self.seen: dict[str, str] = {}

    def fail(self, path: str, message: str, item: str | None = None) -> FrameworkFormatError:
        return FrameworkFormatError(message, source=self.source, path=path, item=item)

    def register(self, item_id: str, path: str, given: str | None) -> str:
        if given is not None and given != item_id:
            raise self.fail(
                f"{path}.id", f"the id {given!r} does not match the item's place; expected {item_id!r}", item_id
            )
        if item_id in self.seen:
            raise self.fail(path, f"duplicate ID {item_id!r} (first at {self.seen[item_id]})", item_id)
        self.seen[item_id] = path
        return item_id

    def metadata(self, values: dict[str, Any], path: str, item: str | None) -> Metadata:
        """The publisher's fields: any JSON values, whose texts follow the rules of every text, nested
        at most MAX_DEPTH levels (the model copies them recursively)."""
        stack: list[tuple[object, str, int]] = [(values, path, 0)]
        while stack:
            value, where, depth = stack.pop()
            if depth > MAX_DEPTH:
                raise self.fail(where, f"the metadata is nested too deeply (more than {MAX_DEPTH} levels)", item)
            if isinstance(value, str):
                problem = text_problem(value)
                if problem is not None:
                    raise self.fail(where, f"not text: {problem}", item)
            elif isinstance(value, dict):
                stack.extend((v, f"{where}[{json.dumps(k, ensure_ascii=False)}]", depth + 1) for k, v in value.items())
                for key in value:
                    problem = text_problem(key)
                    if problem is not None:
                        raise self.fail(where, f"a name that is not text: {problem}", item)
            elif isinstance(value, list):
                stack.extend((v, f"{where}[{n}]", depth + 1) for n, v in enumerate(value))
        return Metadata(values)

    def code(self, value: str | None, path: str, item: str) -> str | None:
        if value is not None and value != value.strip():
            raise self.fail(path, f"a code has no space before or after it, found {value!r}", item)
        return value

    def themes(self, values: tuple[str, ...], path: str, item: str, *, competency: bool) -> frozenset[Theme]:
        found = []
        for n, value in enumerate(values):
            if value not in _THEMES:
                raise self.fail(f"{path}[{n}]", f"unknown theme {value!r}; valid themes are FC, EI, SE, RL", item)
            found.append(_THEMES[value])
        if len(set(found)) != len(found):
            raise self.fail(path, "a theme is listed twice", item)
        if Theme.FC in found and not competency:
            raise self.fail(path, "FC (Foundational Competency) tags competencies only", item)
        return frozenset(found)

    def indicator(self, raw: _IndicatorIn, path: str, parent_id: str, depth: int = 1) -> Indicator:
        if depth > MAX_INDICATOR_DEPTH:
            message = f"the indicators are nested too deeply (more than {MAX_INDICATOR_DEPTH} levels)"
            raise self.fail(path, message, parent_id)
        if not is_label(raw.label):
            message = f"a label is 1 to {MAX_LABEL} ASCII letters or digits, found {raw.label!r}"
            raise self.fail(f"{path}.label", message, parent_id)
        item_id = self.register(f"{parent_id}.{raw.label}", path, raw.id)
        return Indicator(
            id=item_id,
            label=raw.label,
            text=raw.text,
            themes=self.themes(raw.themes, f"{path}.themes", item_id, competency=False),
            children=tuple(
                self.indicator(c, f"{path}.children[{n}]", item_id, depth + 1) for n, c in enumerate(raw.children)
            ),
            code=self.code(raw.code, f"{path}.code", item_id),
            metadata=self.metadata(raw.metadata, f"{path}.metadata", item_id),
        )

    def competency(self, raw: _CompetencyIn, path: str, domain_id: str) -> Competency:
        if raw.number < 1:
            raise self.fail(f"{path}.number", f"a competency number is 1 or more, found {raw.number}", domain_id)
        item_id = self.register(f"{domain_id}.{raw.number}", path, raw.id)
        return Competency(
            id=item_id,
            number=raw.number,
            statement=raw.statement,
            title=raw.title,
            themes=self.themes(raw.themes, f"{path}.themes", item_id, competency=True),
            indicators=tuple(
                self.indicator(i, f"{path}.indicators[{n}]", item_id) for n, i in enumerate(raw.indicators)
            ),
            code=self.code(raw.code, f"{path}.code", item_id),
            metadata=self.metadata(raw.metadata, f"{path}.metadata", item_id),
        )

    def domain(self, raw: _DomainIn, path: str) -> Domain:
        if not is_key(raw.key):
            message = f"a domain key is lowercase letters, digits, '_' or '-', found {raw.key!r}"
            raise self.fail(f"{path}.key", message)
        item_id = self.register(f"{self.edition}:{raw.key}", path, raw.id)
        return Domain(
            id=item_id,
            key=raw.key,
            name=raw.name,
            tagline=raw.tagline,
            description=raw.description,
            overview=raw.overview,
            competencies=tuple(
                self.competency(c, f"{path}.competencies[{n}]", item_id) for n, c in enumerate(raw.competencies)
            ),
            code=self.code(raw.code, f"{path}.code", item_id),
            metadata=self.metadata(raw.metadata, f"{path}.metadata", item_id),
        )

    def note(self, raw: _NoteIn, path: str) -> SourceNote:
        if not is_name(raw.id):
            raise self.fail(f"{path}.id", f"a note ID is letters, digits, '.', '_' or '-', found {raw.id!r}")
        if raw.kind not in _KINDS:
            raise self.fail(f"{path}.kind", f"expected one of {', '.join(_KINDS)}, found {raw.kind!r}")
        for n, item in enumerate(raw.items):
            if item != str(self.edition) and item not in self.seen:
                message = f"the note {raw.id!r} names {item!r}, which is not an item of this framework"
                raise self.fail(f"{path}.items[{n}]", message)
        return SourceNote(id=raw.id, kind=_KINDS[raw.kind], items=raw.items, text=raw.text, source=raw.source)


def from_data(data: object, *, source: str = "<data>") -> Framework:
    """Build a :class:`Framework` from decoded JSON, checking every rule of the format."""
    raw = structure(data, _FrameworkIn, source=source, item_at=_item_at)
    r = _Rules(source, raw.edition)
    if raw.format is not None and raw.format != FORMAT:
        raise r.fail("$.format", f"expected {FORMAT!r}, found {raw.format!r}")
    if raw.format_version != FORMAT_VERSION:
        raise r.fail(
            "$.format_version",
            f"format version {raw.format_version} is not supported (this library reads version {FORMAT_VERSION})",
        )
    if isinstance(raw.edition, int) and raw.edition < 0:
        raise r.fail("$.edition", f"an edition number must not be negative, found {raw.edition}")
    if isinstance(raw.edition, str) and not is_name(raw.edition):
        raise r.fail(
            "$.edition",
            f"an edition name must be letters, digits, '.', '_' or '-' (no ':' or spaces), found {raw.edition!r}",
        )
    domains = tuple(r.domain(d, f"$.domains[{n}]") for n, d in enumerate(raw.domains))
    notes = tuple(r.note(note, f"$.notes[{n}]") for n, note in enumerate(raw.notes))
    repeated = first_duplicate([note.id for note in notes])
    if repeated is not None:
        raise r.fail(f"$.notes[{repeated[1]}].id", f"duplicate note ID {notes[repeated[1]].id!r}")
    return Framework(
        edition=raw.edition,
        title=raw.title,
        domains=domains,
        publishers=raw.publishers,
        year=raw.year,
        license=raw.license,
        citation=raw.citation,
        url=raw.url,
        source=raw.source,
        notes=notes,
        metadata=r.metadata(raw.metadata, "$.metadata", None),
    )


# --------------------------------------------------------------------------- writing


def _themes_out(themes: frozenset[Theme]) -> list[str]:
    return [t.value for t in Theme if t in themes]


def _publisher(item: Item | Framework, out: dict[str, Any]) -> dict[str, Any]:
    """*out* with the item's ``code`` and ``metadata``, written only where there are some."""
    if not isinstance(item, Framework) and item.code is not None:
        out["code"] = item.code
    if item.metadata:
        out["metadata"] = item.metadata.to_dict()
    return out


# what each kind of node writes, in the file's order: its fields, then its children's key
_WRITTEN = {
    "domain": ("id", "key", "name", "tagline", "overview", "description", "competencies"),
    "competency": ("id", "number", "title", "statement", "themes", "indicators"),
    "indicator": ("id", "label", "text", "themes", "children"),
}


def _node_out(node: Domain | Competency | Indicator) -> dict[str, Any]:
    *fields, children = _WRITTEN.get(node.kind, _WRITTEN["indicator"])  # a sub-indicator writes as an indicator
    out: dict[str, Any] = {name: getattr(node, name) for name in fields}
    if "themes" in out:
        out["themes"] = _themes_out(out["themes"])
    out[children] = [_node_out(child) for child in node.children]
    return _publisher(node, out)


def to_data(fw: Framework) -> dict[str, Any]:
    """The framework as JSON-ready data, in the documented format (IDs included)."""
    out = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "edition": fw.edition,
        "title": fw.title,
        "publishers": list(fw.publishers),
        "year": fw.year,
        "license": fw.license,
        "citation": fw.citation,
        "url": fw.url,
        "source": fw.source,
        "domains": [_node_out(d) for d in fw.domains],
        "notes": [
            {"id": n.id, "kind": n.kind.value, "items": list(n.items), "text": n.text, "source": n.source}
            for n in fw.notes
        ],
    }
    return _publisher(fw, out)


def dumps(fw: Framework, *, indent: int | None = 1) -> str:
    """Serialise *fw* to JSON text in the format of the packaged files.

    >>> import edcompetencies as ec
    >>> fw = ec.load(2015)
    >>> ec.loads(ec.dumps(fw)) == fw
    True
    """
    require_framework("ec.dumps()", fw)
    return json.dumps(to_data(fw), ensure_ascii=False, indent=indent) + "\n"


def loads(text: str | bytes, *, source: str = "<string>") -> Framework:
    """Read a framework from JSON text (``str`` or UTF-8 ``bytes``; a byte order mark is allowed), validating it.

    Any problem raises :class:`~edcompetencies.errors.FrameworkFormatError` naming
    *source*, the JSON path and, where there is one, the item ID.

    >>> import edcompetencies as ec
    >>> ec.loads(b'\\xef\\xbb\\xbf{"edition": "x", "title": "T", "domains": [{"key": "cog", "name": "C"}]}').edition
    'x'
    >>> ec.loads('{"edition": "x", "title": "T", "domains": [{"key": "cog", "name": "C\\\\u0007"}]}')
    Traceback (most recent call last):
    edcompetencies.errors.FrameworkFormatError: <string>: $.domains[0].name (item x:cog): not text: ...U+0007...
    """
    return from_data(decode(text, source=source, item_at=_item_at), source=source)
