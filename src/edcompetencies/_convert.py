"""The one way the library reads JSON: decoding, and a private, configured cattrs converter.

:func:`decode` turns JSON text into data, refusing what :func:`json.loads` would let through
or fail on without a location: a repeated key (named with the JSON path of the object that
holds it), nesting too deep to parse (with the line and column), integers too long for
``int()`` (a number of more than 4,300 digits makes ``json.loads`` raise a bare
``ValueError``; here it reaches the converter, which says where it is), bytes that are not
UTF-8. A UTF-8 byte order mark (bytes or text) is accepted. The data is walked a second
time only when something is wrong, to say where: a full walk costs as much as the decoding.

:func:`structure` turns decoded data into attrs classes with one converter, made as cattrs
advises (never the global one): ``cattrs.preconf.json.make_converter(forbid_extra_keys=True)``,
made strict by hooks - a string is a string (never blank, never holding a character
``_rules.text_problem`` refuses), an integer is an integer (not a boolean, a float or a
string; at most ``_rules.MAX_DIGITS`` digits), an array is a JSON array (a string is not a
sequence of characters), an object is a JSON object, a ``Literal`` is one of its values, a
union of attrs classes with a ``type`` default is told apart by the ``type`` key. cattrs'
validation errors (the tree ``cattrs.transform_error`` walks) become one
:class:`~edcompetencies.errors.FrameworkFormatError` naming the source, the ``$.path`` and,
through the reader's *item_at*, the item ID; data nested deeper than the converter can
recurse is reported with the path of the first value deeper than :data:`MAX_DEPTH`.

Importing cattrs costs ~35 ms, so ``ec.load``'s cold path (the packaged editions, trusted and
checked by the test suite) never imports this module; ``ec.loads``, the lineage and the
test suite's checks of the toolkit files do.
"""

import json
import re
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from types import UnionType
from typing import Any, Literal, TypeVar, Union, get_args, get_origin

import attrs
from cattrs import Converter
from cattrs.errors import (
    BaseValidationError,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn
from cattrs.preconf.json import make_converter

from ._rules import MAX_DIGITS, text_problem, type_name
from .errors import FrameworkFormatError

__all__ = ["MAX_DEPTH", "Invalid", "ItemAt", "Path", "decode", "first_duplicate", "json_path", "structure"]

T = TypeVar("T")
Path = tuple["str | int", ...]
"""A JSON path as its steps: object keys and array indexes (``("domains", 2, "number")``)."""

MAX_DEPTH = 100
"""The deepest nesting of arrays and objects any reader accepts (the formats need about ten)."""

_LIMIT = 10**MAX_DIGITS
_TOO_DEEP = f"the JSON is nested too deeply (over {MAX_DEPTH} levels; the path shows the first {MAX_DEPTH})"
_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


class Invalid(ValueError):
    """A value a hook refuses; ``message`` says why (the converter adds where)."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


def json_path(path: Path) -> str:
    """``$.domains[2].number`` from its steps (a key that is not a name is quoted: ``$["a b"]``)."""
    out = ["$"]
    for step in path:
        if isinstance(step, int):
            out.append(f"[{step}]")
        elif isinstance(step, str) and _IDENT.fullmatch(step):
            out.append(f".{step}")
        else:
            out.append(f"[{json.dumps(str(step), ensure_ascii=True)}]")
    return "".join(out)


# --------------------------------------------------------------------------- decoding


class _HugeInt(int):
    """Stands in for a JSON integer too long to convert; the converter's hook refuses it."""

    digits: int


def _parse_int(text: str) -> int:
    if len(text) <= 1000:
        return int(text)
    huge = _HugeInt(_LIMIT)
    huge.digits = len(text.lstrip("-"))
    return huge


class _Repeated(dict[str, Any]):
    """A decoded object that repeated a key (``key``); :func:`decode` reports where it is."""

    key: str


def _pairs_hook(repeats: list[_Repeated]) -> Callable[[list[tuple[str, Any]]], dict[str, Any]]:
    """An ``object_pairs_hook`` that marks an object repeating a key (and remembers that one did)."""

    def pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result = dict(pairs)
        if len(result) == len(pairs):
            return result
        repeated = _Repeated(result)
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                repeated.key = key
                break
            seen.add(key)
        repeats.append(repeated)
        return repeated

    return pairs


def _children(value: object) -> list[tuple[str | int, object]]:
    if isinstance(value, dict):
        return list(value.items())
    if isinstance(value, list):
        return list(enumerate(value))
    return []


def _find(data: object, wanted: Callable[[object, int], bool]) -> tuple[Path, object] | None:
    """The first value (depth first, in document order) for which ``wanted(value, depth)``."""
    stack: list[tuple[Path, object]] = [((), data)]
    while stack:
        path, value = stack.pop()
        if wanted(value, len(path)):
            return path, value
        stack.extend(((*path, step), child) for step, child in reversed(_children(value)))
    return None


_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]', re.DOTALL)


def _deep_position(text: str) -> tuple[int, int]:
    """The line and column of the first ``[`` or ``{`` nested more than MAX_DEPTH deep."""
    depth = 0
    for m in _TOKEN.finditer(text):
        token = m.group()
        if token in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                line = text.count("\n", 0, m.start()) + 1
                return line, m.start() - (text.rfind("\n", 0, m.start()) + 1) + 1
        elif token in "]}":
            depth -= 1
    return 1, 1  # pragma: no cover - json.loads recursed, so the text is this deep


ItemAt = Callable[[object, Path], "str | None"]
"""How a reader names the item a JSON path falls in, from the decoded data (it knows how IDs are made)."""


def decode(text: object, *, source: str, item_at: ItemAt | None = None) -> object:
    """Decode JSON text (``str`` or UTF-8 ``bytes``, a byte order mark allowed), checked as above.

    >>> decode('{"a": [1, {"b": 2, "b": 3}]}', source="x.json")
    Traceback (most recent call last):
    edcompetencies.errors.FrameworkFormatError: x.json: $.a[1]: a JSON object repeats the key 'b'
    """
    if isinstance(text, (bytes, bytearray, memoryview)):
        try:
            text = bytes(text).decode("utf-8")
        except UnicodeDecodeError as exc:
            raise FrameworkFormatError(f"not UTF-8 text: {exc.reason} at byte {exc.start}", source=source) from None
    if not isinstance(text, str):
        raise FrameworkFormatError(f"expected JSON text, got {type(text).__name__}", source=source)
    text = text.removeprefix("\ufeff")
    try:
        repeats: list[_Repeated] = []
        data = json.loads(text, object_pairs_hook=_pairs_hook(repeats), parse_int=_parse_int)
    except json.JSONDecodeError as exc:
        raise FrameworkFormatError(
            f"malformed JSON at line {exc.lineno} column {exc.colno}: {exc.msg}", source=source
        ) from None
    except RecursionError:
        line, column = _deep_position(text)
        raise FrameworkFormatError(
            f"the JSON is nested too deeply (more than {MAX_DEPTH} levels at line {line} column {column})",
            source=source,
        ) from None
    except ValueError as exc:  # pragma: no cover - json.loads raises JSONDecodeError for bad text
        raise FrameworkFormatError(f"malformed JSON: {exc}", source=source) from None
    if repeats:  # walk the data only when it holds a repeated key, to say where
        path, value = _find(data, lambda value, _: isinstance(value, _Repeated)) or ((), repeats[0])
        key = getattr(value, "key", repeats[0].key)
        item = item_at(data, path) if item_at is not None else None
        message = f"a JSON object repeats the key {key!r}"
        raise FrameworkFormatError(message, source=source, path=json_path(path), item=item)
    return data


# --------------------------------------------------------------------------- the converter


def _found(value: object) -> str:
    if isinstance(value, _HugeInt):
        return f"an integer of {value.digits} digits"
    return type_name(value)


def _text(value: object, _: object) -> str:
    if not isinstance(value, str):
        raise Invalid(f"expected a string, found {_found(value)}")
    if not value.strip():
        raise Invalid("empty text")
    problem = text_problem(value)
    if problem is not None:
        raise Invalid(f"not text: {problem}")
    return value


def _optional_text(value: object, _: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise Invalid(f"expected a string or null, found {_found(value)}")
    return _text(value, str)


def _integer(value: object, _: object, *, nullable: bool = False) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise Invalid(f"expected an integer{' or null' if nullable else ''}, found {_found(value)}")
    if isinstance(value, _HugeInt) or not -_LIMIT < value < _LIMIT:
        raise Invalid(f"a number has at most {MAX_DIGITS} digits, found {_found(value)}")
    return value


def _optional_integer(value: object, _: object) -> int | None:
    return None if value is None else _integer(value, int, nullable=True)


def _boolean(value: object, _: object) -> bool:
    if not isinstance(value, bool):
        raise Invalid(f"expected true or false, found {_found(value)}")
    return value


def _integer_or_text(value: object, _: object) -> int | str:
    if isinstance(value, str):
        return _text(value, str)
    if isinstance(value, int) and not isinstance(value, bool):
        return _integer(value, int)
    raise Invalid(f"expected an integer or a string, found {_found(value)}")


def _is_container(tp: object) -> bool:
    return getattr(tp, "__origin__", None) in (tuple, frozenset, dict)


def _container(tp: Any, converter: Converter) -> Callable[[object, object], object]:
    """A ``tuple``/``frozenset`` (from a JSON array) or a ``dict`` (from an object) of one element
    type; an element's error carries its index or key, the way cattrs notes them."""
    origin = tp.__origin__
    element = tp.__args__[1 if origin is dict else 0]
    hook = converter.get_structure_hook(element)

    def structure_container(value: object, _: object) -> object:
        pairs: Iterable[tuple[Any, object]]
        if origin is dict and isinstance(value, dict):
            pairs = value.items()
        elif origin is not dict and isinstance(value, list):
            pairs = enumerate(value)
        else:
            raise Invalid(f"expected {'an object' if origin is dict else 'an array'}, found {_found(value)}")
        out = {}
        for key, v in pairs:
            try:
                out[key] = hook(v, element)
            except Exception as exc:
                where = f"key {key!r}" if origin is dict else f"index {key}"
                note = IterableValidationNote(f"Structuring {tp!r} @ {where}", key, element)
                exc.__notes__ = [*getattr(exc, "__notes__", []), note]  # type: ignore[attr-defined]
                raise IterableValidationError(f"While structuring {tp!r}", [exc], tp) from None
        return out if origin is dict else origin(out.values())

    return structure_container


def _is_literal(tp: object) -> bool:
    origin: object = get_origin(tp)
    return origin is Literal


def _literal(tp: Any) -> Callable[[object, object], object]:
    allowed = tp.__args__

    def structure_literal(value: object, _: object) -> object:
        for option in allowed:
            if type(value) is type(option) and value == option:
                return value
        listed = ", ".join(repr(a) for a in allowed)
        raise Invalid(f"expected one of {listed}, found {value!r}")

    return structure_literal


def _null(value: object, _: object) -> None:
    if value is not None:
        raise Invalid(f"expected null, found {_found(value)}")


def _tag(cl: object) -> str | None:
    """The ``type`` a tagged class stands for: the default of its ``type`` field."""
    if not (isinstance(cl, type) and attrs.has(cl)):
        return None
    field = attrs.fields_dict(cl).get("type")
    return field.default if field is not None and isinstance(field.default, str) else None


def _is_tagged_union(tp: object) -> bool:
    args = get_args(tp)
    return get_origin(tp) in (Union, UnionType) and bool(args) and all(_tag(a) for a in args)


def _tagged_union(tp: Any, converter: Converter) -> Callable[[object, object], object]:
    """A union of attrs classes told apart by their ``type`` key (``{"type": "paragraph", ...}``)."""
    by_tag = {_tag(cl): cl for cl in get_args(tp)}
    tags = [repr(t) for t in by_tag]
    listed = ", ".join(tags[:-1]) + " or " + tags[-1] if len(tags) > 1 else tags[0]

    def structure_tagged(value: object, _: object) -> object:
        if not isinstance(value, dict):
            raise Invalid(f"expected an object, found {_found(value)}")
        tag = value.get("type")
        cl = by_tag.get(tag) if isinstance(tag, str) else None
        if cl is None:
            raise Invalid(f"expected a type of {listed}, found {tag!r}")
        return converter.structure(value, cl)

    return structure_tagged


def _attrs_class(cl: type, converter: Converter) -> Callable[[object, object], object]:
    inner: Any = make_dict_structure_fn(cl, converter, _cattrs_forbid_extra_keys=True)

    def structure_object(value: object, _: object) -> object:
        if not isinstance(value, dict):
            raise Invalid(f"expected an object, found {_found(value)}")
        structured: object = inner(value, cl)
        return structured

    return structure_object


@cache
def _converter() -> Converter:
    converter = make_converter(forbid_extra_keys=True)
    converter.register_structure_hook(str, _text)
    converter.register_structure_hook(str | None, _optional_text)
    converter.register_structure_hook(int, _integer)
    converter.register_structure_hook(int | None, _optional_integer)
    converter.register_structure_hook(bool, _boolean)
    converter.register_structure_hook_func(lambda tp: tp == (int | str), _integer_or_text)
    converter.register_structure_hook_factory(_is_container, lambda tp: _container(tp, converter))
    converter.register_structure_hook_factory(_is_literal, _literal)
    converter.register_structure_hook(type(None), _null)
    converter.register_structure_hook_factory(_is_tagged_union, lambda tp: _tagged_union(tp, converter))
    converter.register_structure_hook_factory(attrs.has, lambda cl: _attrs_class(cl, converter))
    return converter


def _first_problem(exc: BaseException) -> tuple[Path, str]:
    """Where the first problem of a cattrs validation error is, and what it is.

    A loop, not a recursion: the tree of errors is as deep as the data.
    """
    path: Path = ()
    while True:
        if isinstance(exc, ClassValidationError):
            with_notes, others = exc.group_exceptions()
            for other in others:
                if isinstance(other, ForbiddenExtraKeysError):
                    key = min(other.extra_fields, key=repr)
                    allowed = ", ".join(a.alias for a in attrs.fields(other.cl))
                    return (*path, key), f"unknown key {key!r} (allowed: {allowed})"
            if not with_notes:
                exc = others[0]
                continue
            sub, note = with_notes[0]
            if isinstance(sub, KeyError) and not isinstance(sub, BaseValidationError):
                return path, f"missing required key {note.name!r}"
            exc, path = sub, (*path, note.name)
        elif isinstance(exc, IterableValidationError):
            inner, index = exc.group_exceptions()[0][0]
            exc, path = inner, (*path, index.index)
        elif isinstance(exc, Invalid):
            return path, exc.message
        elif isinstance(exc, RecursionError):
            return path[:MAX_DEPTH], _TOO_DEEP
        else:  # pragma: no cover - a hook's own bug
            return path, f"invalid value ({type(exc).__name__}: {exc})"


def structure(
    data: object,
    cl: type[T],
    *,
    source: str,
    item_at: ItemAt | None = None,
) -> T:
    """*data* as an instance of the attrs class *cl*, or a FrameworkFormatError saying where it is wrong."""
    try:
        return _converter().structure(data, cl)
    except (BaseValidationError, Invalid) as exc:
        path, message = _first_problem(exc)
    except RecursionError:  # say where: the first value deeper than MAX_DEPTH (searched only now)
        found = _find(data, lambda _, depth: depth > MAX_DEPTH)
        path, message = (found[0][:MAX_DEPTH] if found is not None else ()), _TOO_DEEP
    item = item_at(data, path) if item_at is not None else None
    raise FrameworkFormatError(message, source=source, path=json_path(path), item=item)


def first_duplicate(values: Sequence[str]) -> tuple[int, int] | None:
    """The positions of the first value repeated in *values* (first seen, repeated), or ``None``."""
    seen: dict[str, int] = {}
    for n, value in enumerate(values):
        if value in seen:
            return seen[value], n
        seen[value] = n
    return None
