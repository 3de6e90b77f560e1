"""Loading the packaged editions: zip-safe, lazy, cached, and fast.

Nothing is read at import. An edition name is checked against the editions that ship
before any file is opened; it is never used as a path.

The packaged files are the library's own and are checked by the test suite
(``tests/test_data.py`` reads each through the validating reader, ``ec.loads``, and compares),
so they are trusted here, the way jsonschema-specifications trusts its shipped files: this
module builds the objects by hand, without the cattrs converter. That is measured, not
habit: importing cattrs costs ~35 ms, and ``import edcompetencies; ec.load(2020)[...]`` must
stay within 1.2x ``import attrs`` (see ``benchmarks/cold_start.py``).
"""

from __future__ import annotations

import json
import threading
from functools import cache
from typing import Any

from . import _conveniences  # noqa: F401 - lends the frameworks it builds fw.search, fw.to_html ...
from ._model import Competency, Domain, Framework, Indicator, NoteKind, SourceNote, Theme
from ._packaged import EDITIONS, edition_number, read_bytes
from .errors import UnknownEditionError

__all__ = ["editions", "load"]

_lock = threading.Lock()


def editions() -> tuple[int, ...]:
    """The editions that ship with the library, oldest first.

    >>> import edcompetencies as ec
    >>> ec.editions()
    (2015, 2020)
    """
    return EDITIONS


def _edition_number(edition: object) -> int:
    number = edition_number(edition)
    if number is None:
        raise UnknownEditionError(edition, EDITIONS)
    return number


def _themes(values: list[str]) -> frozenset[Theme]:
    return frozenset(Theme(v) for v in values)


def _indicator(raw: dict[str, Any]) -> Indicator:
    return Indicator(
        id=raw["id"],
        label=raw["label"],
        text=raw["text"],
        themes=_themes(raw["themes"]),
        children=tuple(_indicator(c) for c in raw["children"]),
    )


def _build(data: dict[str, Any]) -> Framework:
    """A packaged edition from its decoded JSON (trusted: the file carries every ID)."""
    return Framework(
        edition=data["edition"],
        title=data["title"],
        domains=tuple(
            Domain(
                id=d["id"],
                key=d["key"],
                name=d["name"],
                tagline=d["tagline"],
                description=d["description"],
                overview=d["overview"],
                competencies=tuple(
                    Competency(
                        id=c["id"],
                        number=c["number"],
                        statement=c["statement"],
                        title=c["title"],
                        themes=_themes(c["themes"]),
                        indicators=tuple(_indicator(i) for i in c["indicators"]),
                    )
                    for c in d["competencies"]
                ),
            )
            for d in data["domains"]
        ),
        publishers=tuple(data["publishers"]),
        year=data["year"],
        license=data["license"],
        citation=data["citation"],
        url=data["url"],
        source=data["source"],
        notes=tuple(
            SourceNote(
                id=n["id"], kind=NoteKind(n["kind"]), items=tuple(n["items"]), text=n["text"], source=n["source"]
            )
            for n in data["notes"]
        ),
    )


@cache
def _load(edition: int) -> Framework:
    return _build(json.loads(read_bytes(f"edition-{edition}.json")))


def load(edition: int | str) -> Framework:
    """Load a packaged edition: ``2015`` or ``2020`` (an int or a string of ASCII digits).

    The result is cached: every call returns the same immutable object. An unknown
    edition raises :class:`~edcompetencies.errors.UnknownEditionError` (a
    ``LookupError``) that lists the editions that ship.

    >>> import edcompetencies as ec
    >>> ec.load("2020") is ec.load(2020)
    True
    >>> ec.load(2020).edition
    2020
    """
    number = _edition_number(edition)
    with _lock:
        return _load(number)
