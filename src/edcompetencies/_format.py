"""The JSON format of a framework: reading (validated) and writing.

The format is documented in ``docs/data-format.md``. Reading is hand-written rather
than done with cattrs for two reasons: it is on the cold path of ``ec.load`` (cattrs
costs ~25 ms to import, the whole start budget is ~3x a bare interpreter), and every
rule of the format - not only the types - is checked here with one kind of error that
names the JSON path and the item ID.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any, TypeVar

from ._model import Competency, Domain, Framework, Indicator, NoteKind, SourceNote, Theme
from ._rules import type_name
from .errors import ArgumentTypeError, FrameworkFormatError

__all__ = ["FORMAT", "FORMAT_VERSION", "dumps", "from_data", "loads", "to_data"]

FORMAT = "edcompetencies/edition"
FORMAT_VERSION = 1

_EDITION_STR = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$")
_KEY = re.compile(r"^[a-z][a-z0-9_\-]*$")
_LABEL = re.compile(r"^[A-Za-z0-9]+$")
_NOTE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$")

T = TypeVar("T")


class _Reader:
    """Walks decoded JSON, checking each value and remembering where it is."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.seen: dict[str, str] = {}

    def fail(self, path: str, message: str, item: str | None = None) -> FrameworkFormatError:
        return FrameworkFormatError(message, source=self.source, path=path, item=item)

    def obj(
        self,
        value: object,
        path: str,
        required: tuple[str, ...],
        optional: tuple[str, ...],
        item: str | None = None,
        name_item: Callable[[dict[str, Any]], str | None] | None = None,
    ) -> dict[str, Any]:
        """Check that *value* is an object with the allowed keys.

        *name_item* derives the object's own ID from its keys where it can, so an error
        about the object names the object rather than its parent.
        """
        if not isinstance(value, dict):
            raise self.fail(path, f"expected an object, found {type_name(value)}", item)
        if name_item is not None:
            item = name_item(value) or item
        for key in value:
            if key not in required and key not in optional:
                allowed = ", ".join(required + optional)
                raise self.fail(f"{path}.{key}", f"unknown key {key!r} (allowed: {allowed})", item)
        for key in required:
            if key not in value:
                raise self.fail(path, f"missing required key {key!r}", item)
        return value

    def text(self, value: object, path: str, item: str | None = None, *, nullable: bool = False) -> Any:
        if value is None and nullable:
            return None
        if not isinstance(value, str):
            expected = "a string or null" if nullable else "a string"
            raise self.fail(path, f"expected {expected}, found {type_name(value)}", item)
        if not value.strip():
            raise self.fail(path, "empty text", item)
        return value

    def integer(self, value: object, path: str, item: str | None = None, *, nullable: bool = False) -> Any:
        if value is None and nullable:
            return None
        if not isinstance(value, int) or isinstance(value, bool):
            expected = "an integer or null" if nullable else "an integer"
            raise self.fail(path, f"expected {expected}, found {type_name(value)}", item)
        return value

    def array(
        self, value: object, path: str, each: Callable[[object, str], T], item: str | None = None
    ) -> tuple[T, ...]:
        if not isinstance(value, list):
            raise self.fail(path, f"expected an array, found {type_name(value)}", item)
        return tuple(each(v, f"{path}[{n}]") for n, v in enumerate(value))

    def themes(self, value: object, path: str, item: str) -> frozenset[Theme]:
        def one(v: object, p: str) -> Theme:
            if isinstance(v, str):
                try:
                    return Theme(v)
                except ValueError:
                    pass
            raise self.fail(p, f"unknown theme {v!r}; valid themes are FC, EI, SE, RL", item)

        found = self.array(value, path, one, item)
        if len(set(found)) != len(found):
            raise self.fail(path, "a theme is listed twice", item)
        return frozenset(found)

    def register(self, item_id: str, path: str, given: object) -> str:
        if given is not None and given != item_id:
            raise self.fail(
                f"{path}.id", f"the id {given!r} does not match the item's place; expected {item_id!r}", item_id
            )
        if item_id in self.seen:
            raise self.fail(path, f"duplicate ID {item_id!r} (first at {self.seen[item_id]})", item_id)
        self.seen[item_id] = path
        return item_id


def from_data(data: object, *, source: str = "<data>") -> Framework:
    """Build a :class:`Framework` from decoded JSON, checking every rule of the format."""
    r = _Reader(source)
    top = r.obj(
        data,
        "$",
        ("edition", "title", "domains"),
        ("format", "format_version", "publishers", "year", "license", "citation", "url", "source", "notes"),
    )
    if "format" in top and top["format"] != FORMAT:
        raise r.fail("$.format", f"expected {FORMAT!r}, found {top['format']!r}")
    version = r.integer(top.get("format_version", FORMAT_VERSION), "$.format_version")
    if version != FORMAT_VERSION:
        raise r.fail(
            "$.format_version",
            f"format version {version} is not supported (this library reads version {FORMAT_VERSION})",
        )
    edition = top["edition"]
    if isinstance(edition, bool) or not isinstance(edition, (int, str)):
        raise r.fail("$.edition", f"expected an integer or a string, found {type_name(edition)}")
    if isinstance(edition, int) and edition < 0:
        raise r.fail("$.edition", f"an edition number must not be negative, found {edition}")
    if isinstance(edition, str) and not _EDITION_STR.match(edition):
        raise r.fail(
            "$.edition",
            f"an edition name must be letters, digits, '.', '_' or '-' (no ':' or spaces), found {edition!r}",
        )

    def indicator(value: object, path: str, parent_id: str) -> Indicator:
        raw = r.obj(
            value,
            path,
            ("label", "text"),
            ("id", "themes", "children"),
            parent_id,
            lambda v: f"{parent_id}.{v['label']}" if isinstance(v.get("label"), str) else None,
        )
        label = raw["label"]
        if not isinstance(label, str) or not _LABEL.match(label):
            raise r.fail(f"{path}.label", f"a label is letters or digits, found {label!r}", parent_id)
        item_id = r.register(f"{parent_id}.{label}", path, raw.get("id"))
        text = r.text(raw["text"], f"{path}.text", item_id)
        themes = r.themes(raw.get("themes", []), f"{path}.themes", item_id)
        if Theme.FC in themes:
            raise r.fail(f"{path}.themes", "FC (Foundational Competency) tags competencies only", item_id)
        children = r.array(raw.get("children", []), f"{path}.children", lambda v, p: indicator(v, p, item_id), item_id)
        return Indicator(id=item_id, label=label, text=text, themes=themes, children=children)

    def competency(value: object, path: str, domain_id: str) -> Competency:
        raw = r.obj(
            value,
            path,
            ("number", "statement"),
            ("id", "title", "themes", "indicators"),
            domain_id,
            lambda v: f"{domain_id}.{v['number']}" if type(v.get("number")) is int else None,
        )
        number = r.integer(raw["number"], f"{path}.number", domain_id)
        if number < 1:
            raise r.fail(f"{path}.number", f"a competency number is 1 or more, found {number}", domain_id)
        item_id = r.register(f"{domain_id}.{number}", path, raw.get("id"))
        return Competency(
            id=item_id,
            number=number,
            statement=r.text(raw["statement"], f"{path}.statement", item_id),
            title=r.text(raw.get("title"), f"{path}.title", item_id, nullable=True),
            themes=r.themes(raw.get("themes", []), f"{path}.themes", item_id),
            indicators=r.array(
                raw.get("indicators", []), f"{path}.indicators", lambda v, p: indicator(v, p, item_id), item_id
            ),
        )

    def domain(value: object, path: str) -> Domain:
        raw = r.obj(
            value,
            path,
            ("key", "name"),
            ("id", "tagline", "description", "overview", "competencies"),
            None,
            lambda v: f"{edition}:{v['key']}" if isinstance(v.get("key"), str) else None,
        )
        key = raw["key"]
        if not isinstance(key, str) or not _KEY.match(key):
            raise r.fail(f"{path}.key", f"a domain key is lowercase letters, digits, '_' or '-', found {key!r}")
        item_id = r.register(f"{edition}:{key}", path, raw.get("id"))
        return Domain(
            id=item_id,
            key=key,
            name=r.text(raw["name"], f"{path}.name", item_id),
            tagline=r.text(raw.get("tagline"), f"{path}.tagline", item_id, nullable=True),
            description=r.text(raw.get("description"), f"{path}.description", item_id, nullable=True),
            overview=r.text(raw.get("overview"), f"{path}.overview", item_id, nullable=True),
            competencies=r.array(
                raw.get("competencies", []),
                f"{path}.competencies",
                lambda v, p: competency(v, p, item_id),
                item_id,
            ),
        )

    domains = r.array(top["domains"], "$.domains", domain)

    def note(value: object, path: str) -> SourceNote:
        raw = r.obj(value, path, ("id", "kind", "items", "text"), ("source",))
        note_id = raw["id"]
        if not isinstance(note_id, str) or not _NOTE_ID.match(note_id):
            raise r.fail(f"{path}.id", f"a note ID is letters, digits, '.', '_' or '-', found {note_id!r}")
        kinds = ", ".join(k.value for k in NoteKind)
        if not isinstance(raw["kind"], str) or raw["kind"] not in {k.value for k in NoteKind}:
            raise r.fail(f"{path}.kind", f"expected one of {kinds}, found {raw['kind']!r}")

        def ref(v: object, p: str) -> str:
            if not isinstance(v, str) or (v != str(edition) and v not in r.seen):
                raise r.fail(p, f"the note {note_id!r} names {v!r}, which is not an item of this framework")
            return v

        return SourceNote(
            id=note_id,
            kind=NoteKind(raw["kind"]),
            items=r.array(raw["items"], f"{path}.items", ref),
            text=r.text(raw["text"], f"{path}.text"),
            source=r.text(raw.get("source"), f"{path}.source", nullable=True),
        )

    notes = r.array(top.get("notes", []), "$.notes", note)
    note_ids = [n.id for n in notes]
    for n, note_id in enumerate(note_ids):
        if note_id in note_ids[:n]:
            raise r.fail(f"$.notes[{n}].id", f"duplicate note ID {note_id!r}")

    return Framework(
        edition=edition,
        title=r.text(top["title"], "$.title"),
        domains=domains,
        publishers=r.array(top.get("publishers", []), "$.publishers", lambda v, p: r.text(v, p)),
        year=r.integer(top.get("year"), "$.year", nullable=True),
        license=r.text(top.get("license"), "$.license", nullable=True),
        citation=r.text(top.get("citation"), "$.citation", nullable=True),
        url=r.text(top.get("url"), "$.url", nullable=True),
        source=r.text(top.get("source"), "$.source", nullable=True),
        notes=notes,
    )


def _themes_out(themes: frozenset[Theme]) -> list[str]:
    return [t.value for t in Theme if t in themes]


def _indicator_out(i: Indicator) -> dict[str, Any]:
    return {
        "id": i.id,
        "label": i.label,
        "text": i.text,
        "themes": _themes_out(i.themes),
        "children": [_indicator_out(c) for c in i.children],
    }


def to_data(fw: Framework) -> dict[str, Any]:
    """The framework as JSON-ready data, in the documented format (IDs included)."""
    return {
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
        "domains": [
            {
                "id": d.id,
                "key": d.key,
                "name": d.name,
                "tagline": d.tagline,
                "overview": d.overview,
                "description": d.description,
                "competencies": [
                    {
                        "id": c.id,
                        "number": c.number,
                        "title": c.title,
                        "statement": c.statement,
                        "themes": _themes_out(c.themes),
                        "indicators": [_indicator_out(i) for i in c.indicators],
                    }
                    for c in d.competencies
                ],
            }
            for d in fw.domains
        ],
        "notes": [
            {"id": n.id, "kind": n.kind.value, "items": list(n.items), "text": n.text, "source": n.source}
            for n in fw.notes
        ],
    }


def dumps(fw: Framework, *, indent: int | None = 1) -> str:
    """Serialise *fw* to JSON text in the format of the packaged files.

    >>> import edcompetencies as ec
    >>> fw = ec.load(2015)
    >>> ec.loads(ec.dumps(fw)) == fw
    True
    """
    if not isinstance(fw, Framework):
        raise ArgumentTypeError("ec.dumps()", "fw", "a Framework (ec.load(), ec.loads())", fw)
    return json.dumps(to_data(fw), ensure_ascii=False, indent=indent) + "\n"


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKey(key)
        result[key] = value
    return result


class _DuplicateKey(ValueError):
    def __init__(self, key: str) -> None:
        self.key = key
        super().__init__(key)


def loads(text: str | bytes, *, source: str = "<string>") -> Framework:
    """Read a framework from JSON text, validating it.

    Any problem raises :class:`~edcompetencies.errors.FrameworkFormatError` naming
    *source*, the JSON path and, where there is one, the item ID.
    """
    if isinstance(text, (bytes, bytearray)):
        try:
            text = bytes(text).decode("utf-8")
        except UnicodeDecodeError as exc:
            raise FrameworkFormatError(f"not UTF-8 text: {exc.reason} at byte {exc.start}", source=source) from None
    if not isinstance(text, str):
        raise FrameworkFormatError(f"expected JSON text, got {type(text).__name__}", source=source)
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicate_keys)
    except _DuplicateKey as exc:
        raise FrameworkFormatError(f"a JSON object repeats the key {exc.key!r}", source=source) from None
    except json.JSONDecodeError as exc:
        raise FrameworkFormatError(
            f"malformed JSON at line {exc.lineno} column {exc.colno}: {exc.msg}", source=source
        ) from None
    except RecursionError:
        raise FrameworkFormatError("the JSON is nested too deeply", source=source) from None
    except ValueError as exc:
        raise FrameworkFormatError(f"malformed JSON: {exc}", source=source) from None
    try:
        return from_data(data, source=source)
    except RecursionError:
        raise FrameworkFormatError("the JSON is nested too deeply", source=source) from None
