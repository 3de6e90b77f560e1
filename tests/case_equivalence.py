"""Semantic equality of two CASE packages, the rule of ``case.export(case.load(x))`` (docs/case.md, "Round trips").

Two packages are equivalent when:

- their CFDocuments have the same fields;
- they have the same CFItems, matched by ``identifier`` (order is not meaningful), field by field;
- the same CFAssociations, matched by ``identifier`` (an association without one by its
  (origin, type, destination, sequenceNumber)); their ``originNodeURI`` / ``destinationNodeURI``
  links are compared by the identifier they name (a link's ``title`` and ``uri`` are labels of the
  node, which the node itself carries);
- the same CFDefinitions (each kind by ``identifier``) and CFRubrics (by ``identifier``), and the same
  package ``extensions``.

A CFDocument without a ``version`` is exported with one (the edition it was read as); the copy's
``version`` is then not compared. Throughout, a field whose value is JSON ``null`` is the same as an
absent field, an empty array of CFDefinitions or CFRubrics the same as none, and the library's own
extension (``extensions.edcompetencies``, its bookkeeping) is left out. Text is compared as the reader holds it:
line ends CR LF and CR read as LF, and, at the paths the reader reports in ``ignored`` as repaired, a
form feed or backspace read as the LaTeX ``\\f`` / ``\\b`` it stood for.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from edcompetencies import case
from edcompetencies.case import Ignored

EXTENSION = "edcompetencies"
_LINKS = ("originNodeURI", "destinationNodeURI")
_INDEX = re.compile(r"\$\.(CFItems|CFAssociations)\[(\d+)\]\.(\w+)$")


def repairs(ignored: Iterable[Ignored]) -> set[tuple[str, int, str]]:
    """(part, index, field) of each text the reader repaired (a ``\\f`` or ``\\b`` read as LaTeX)."""
    out = set()
    for entry in ignored:
        match = _INDEX.match(entry.path)
        if match and "a LaTeX command" in entry.message:
            out.add((match.group(1), int(match.group(2)), match.group(3)))
    return out


def _text(value: str, latex: bool) -> str:
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return value.replace("\x0c", "\\f").replace("\x08", "\\b") if latex else value


def _normal(value: Any, latex: bool = False) -> Any:
    """A JSON value as compared: nulls and the library's extension dropped, text with its line ends as LF."""
    if isinstance(value, str):
        return _text(value, latex)
    if isinstance(value, Mapping):
        out = {}
        for key, item in value.items():
            if item is None or (key == EXTENSION and not latex):
                continue
            if key == "extensions" and isinstance(item, Mapping):
                item = {k: v for k, v in item.items() if k != EXTENSION}
                if not item:
                    continue
            out[key] = _normal(item, latex)
        return out
    if isinstance(value, list):
        return [_normal(v, latex) for v in value]
    return value


def _object(raw: Mapping[str, Any], fixed: set[str]) -> dict[str, Any]:
    out = {k: _normal(v, k in fixed) for k, v in raw.items() if v is not None}
    if isinstance(raw.get("extensions"), Mapping):
        rest = {k: _normal(v) for k, v in raw["extensions"].items() if k != EXTENSION}
        if rest:
            out["extensions"] = rest
        else:
            out.pop("extensions")
    for key in _LINKS:
        if isinstance(out.get(key), Mapping):
            out[key] = out[key].get("identifier")
    return out


def _by_identifier(kind: str, values: object, fixed: set[tuple[str, int, str]]) -> dict[Any, Any]:
    out: dict[Any, Any] = {}
    for n, raw in enumerate(values if isinstance(values, list) else []):
        if not isinstance(raw, Mapping):
            out[("not an object", n)] = raw
            continue
        obj = _object(raw, {field for part, index, field in fixed if part == kind and index == n})
        key = obj.get("identifier")
        if not isinstance(key, str):
            key = (obj.get("originNodeURI"), obj.get("associationType"), obj.get("destinationNodeURI"))
            key += (obj.get("sequenceNumber"),)
            obj.pop("identifier", None)
        out[key] = obj
    return out


def differences(original: Mapping[str, Any], copy: Mapping[str, Any], *, ignored: Iterable[Ignored] = ()) -> list[str]:
    """What differs between two packages, one line each (empty: they are equivalent).

    *ignored* is what the reader reported on *original* (its repairs are accounted for).
    An association the copy has without an identifier where the original had none is matched by
    its ends, type and sequence number.
    """
    fixed = repairs(ignored)
    out: list[str] = []

    def compare(where: str, mine: Mapping[Any, Any], theirs: Mapping[Any, Any]) -> None:
        for key in sorted(set(mine) | set(theirs), key=repr):
            if key not in theirs:
                out.append(f"{where} {key!r}: missing from the copy")
            elif key not in mine:
                out.append(f"{where} {key!r}: only in the copy")
            elif mine[key] != theirs[key]:
                a, b = mine[key], theirs[key]
                if isinstance(a, dict) and isinstance(b, dict):
                    for field in sorted(set(a) | set(b)):
                        if a.get(field) != b.get(field):
                            out.append(f"{where} {key!r}.{field}: {a.get(field)!r} != {b.get(field)!r}")
                else:
                    out.append(f"{where} {key!r}: {a!r} != {b!r}")

    document = _object(original["CFDocument"], set())
    written = _object(copy["CFDocument"], set())
    if "version" not in document:  # the export writes the edition the package was read as
        written.pop("version", None)
    compare("CFDocument", document, written)
    for kind in ("CFItems", "CFAssociations", "CFRubrics"):
        compare(kind, _by_identifier(kind, original.get(kind), fixed), _by_identifier(kind, copy.get(kind), set()))
    mine_definitions = original.get("CFDefinitions") or {}
    theirs_definitions = copy.get("CFDefinitions") or {}
    if isinstance(mine_definitions, Mapping) and isinstance(theirs_definitions, Mapping):
        for kind in sorted(set(mine_definitions) | set(theirs_definitions)):
            compare(
                f"CFDefinitions.{kind}",
                _by_identifier(kind, mine_definitions.get(kind), set()),
                _by_identifier(kind, theirs_definitions.get(kind), set()),
            )
    elif _normal(mine_definitions) != _normal(theirs_definitions):
        out.append("CFDefinitions differ")
    mine_ext = _normal(original.get("extensions") or {})
    theirs_ext = _normal(copy.get("extensions") or {})
    if mine_ext != theirs_ext:
        out.append(f"extensions: {mine_ext!r} != {theirs_ext!r}")
    return out


def round_trip(package: Mapping[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """``case.export(case.read(package).framework)`` and its differences from *package*."""
    result = case.read(package)
    copy = case.export(result.framework)
    return copy, differences(package, copy, ignored=result.ignored)
