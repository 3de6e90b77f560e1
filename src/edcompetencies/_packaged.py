"""The packaged editions as decoded JSON, read without importing the model.

This is the command line's fast path (``edcompetencies show 2020:instructional.4`` answers
without importing attrs or building the model, which would triple its start-up time). It
reads through the package's own loader, as :func:`pkgutil.get_data` does, so it works from
a wheel, a source tree or a zip. The data is the library's own, checked by the test suite;
anything else (a user's file, an unknown item) takes the validated path through
:func:`edcompetencies.load`.
"""

from __future__ import annotations

import json
import os

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: importing typing costs the fast path ~2 ms
if TYPE_CHECKING:
    from typing import Any

__all__ = ["EDITIONS", "edition_data"]

EDITIONS: tuple[int, ...] = (2015, 2020)
"""The editions that ship with the library, oldest first."""


def edition_data(edition: str) -> dict[str, Any] | None:
    """The decoded JSON of a packaged edition (``"2020"``), or ``None`` when it is not one."""
    text = edition.strip()
    if not text.isdigit() or int(text) not in EDITIONS:
        return None
    import edcompetencies

    spec = edcompetencies.__spec__
    if spec is None or spec.loader is None or not hasattr(spec.loader, "get_data") or not edcompetencies.__file__:
        return None  # pragma: no cover - an exotic loader: the caller takes the full path
    path = os.path.join(os.path.dirname(edcompetencies.__file__), "data", f"edition-{int(text)}.json")
    try:
        data: dict[str, Any] = json.loads(spec.loader.get_data(path))
    except (OSError, ValueError):  # pragma: no cover - the full path reports it properly
        return None
    return data
