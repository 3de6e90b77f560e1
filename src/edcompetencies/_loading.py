"""Loading the packaged editions: zip-safe, lazy, cached.

Nothing is read at import. An edition name is checked against the editions that
ship before any file is opened; it is never used as a path.
"""

from __future__ import annotations

import sys
import threading
from functools import cache

from ._format import loads
from ._model import Framework
from ._packaged import EDITIONS
from .errors import UnknownEditionError

if sys.version_info >= (3, 11):
    from importlib.resources import files
else:  # pragma: no cover - exercised on Python 3.10 only
    from importlib_resources import files

__all__ = ["editions", "load"]

_EDITIONS = EDITIONS
_lock = threading.Lock()


def editions() -> tuple[int, ...]:
    """The editions that ship with the library, oldest first.

    >>> import edcompetencies as ec
    >>> ec.editions()
    (2015, 2020)
    """
    return _EDITIONS


def _edition_number(edition: object) -> int:
    if isinstance(edition, bool):
        raise UnknownEditionError(edition, _EDITIONS)
    if isinstance(edition, int) and edition in _EDITIONS:
        return edition
    if isinstance(edition, str):
        text = edition.strip()
        if text.isdigit() and int(text) in _EDITIONS:
            return int(text)
    raise UnknownEditionError(edition, _EDITIONS)


def read_data(name: str) -> str:
    """The text of a packaged data file (``data/<name>``), read through importlib.resources."""
    text: str = (files("edcompetencies") / "data" / name).read_text(encoding="utf-8")
    return text


@cache
def _load(edition: int) -> Framework:
    name = f"edition-{edition}.json"
    return loads(read_data(name), source=f"edcompetencies/data/{name}")


def load(edition: int | str) -> Framework:
    """Load a packaged edition: ``2015`` or ``2020`` (an int or a string).

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
