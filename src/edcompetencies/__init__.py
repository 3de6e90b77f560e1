"""edcompetencies: the Educator Competencies for Personalized, Learner-Centered
Teaching (2015) and Environments (2020) as a typed, immutable data model.

>>> import edcompetencies as ec
>>> fw = ec.load(2020)
>>> fw["intrapersonal.1"].number
1
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._format import dumps, loads
from ._lineage import Lineage, Link, Unmatched, lineage
from ._loading import editions, load
from ._model import Competency, Domain, Framework, Indicator, Item, NoteKind, SourceNote, Theme
from .errors import (
    EdCompetenciesError,
    FrameworkFormatError,
    NoThemesError,
    UnknownEditionError,
    UnknownItemError,
    UnknownThemeError,
)

if TYPE_CHECKING:  # imported on first use, see __getattr__
    from ._search import SearchHit, SearchResults

__all__ = [
    "Competency",
    "Domain",
    "EdCompetenciesError",
    "Framework",
    "FrameworkFormatError",
    "Indicator",
    "Item",
    "Lineage",
    "Link",
    "NoThemesError",
    "NoteKind",
    "SearchHit",
    "SearchResults",
    "SourceNote",
    "Theme",
    "UnknownEditionError",
    "UnknownItemError",
    "UnknownThemeError",
    "Unmatched",
    "dumps",
    "editions",
    "lineage",
    "load",
    "loads",
]


# Capability modules, imported on first use (``ec.diff``, ``ec.case`` ...) so that
# ``import edcompetencies`` stays cheap on the command line's cold path.
_SUBMODULES = frozenset({"case", "crosswalk", "diff", "glossary", "themes", "toolkit"})


def __getattr__(name: str) -> Any:
    if name in _SUBMODULES:
        import importlib

        return importlib.import_module(f"{__name__}.{name}")
    if name in ("SearchHit", "SearchResults"):
        from . import _search

        return getattr(_search, name)
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("edcompetencies")
        except PackageNotFoundError:  # pragma: no cover - running from a source tree
            return "0+unknown"
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
