"""edcompetencies: the Educator Competencies for Personalized, Learner-Centered
Teaching (2015) and Environments (2020) as a typed, immutable data model.

>>> import edcompetencies as ec
>>> fw = ec.load(2020)
>>> fw["intrapersonal.1"].number
1

Every public name is imported on first use (PEP 562), so ``import edcompetencies`` costs
next to nothing and the command line starts fast; type checkers and editors see the
imports below.
"""

from __future__ import annotations

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: importing typing would cost the command line ~5 ms
if TYPE_CHECKING:
    from typing import Any

    from ._format import dumps, loads
    from ._lineage import Lineage, Link, Unmatched, lineage
    from ._loading import editions, load
    from ._model import Competency, Domain, Framework, Indicator, Item, Metadata, NoteKind, SourceNote, Theme
    from ._search import SearchHit, SearchResults
    from .errors import (
        EdCompetenciesError,
        FrameworkFormatError,
        NoThemesError,
        UnknownEditionError,
        UnknownItemError,
        UnknownThemeError,
    )

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
    "Metadata",
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

# Where each public name lives.
_EXPORTS = {
    **dict.fromkeys(("dumps", "loads"), "_format"),
    **dict.fromkeys(("Lineage", "Link", "Unmatched", "lineage"), "_lineage"),
    **dict.fromkeys(("editions", "load"), "_loading"),
    **dict.fromkeys(
        ("Competency", "Domain", "Framework", "Indicator", "Item", "Metadata", "NoteKind", "SourceNote", "Theme"),
        "_model",
    ),
    **dict.fromkeys(("SearchHit", "SearchResults"), "_search"),
    **dict.fromkeys(
        (
            "EdCompetenciesError",
            "FrameworkFormatError",
            "NoThemesError",
            "UnknownEditionError",
            "UnknownItemError",
            "UnknownThemeError",
        ),
        "errors",
    ),
}

# Capability modules, imported on first use (``ec.diff``, ``ec.case`` ...).
_SUBMODULES = frozenset(
    {
        "case",
        "credentials",
        "crosswalk",
        "ctdl",
        "diff",
        "errors",
        "glossary",
        "migrate",
        "pictures",
        "publication",
        "themes",
        "toolkit",
    }
)


def __getattr__(name: str) -> Any:
    import importlib

    if name in _EXPORTS:
        importlib.import_module(f"{__name__}._conveniences")  # lends the model fw.search, fw.to_html ...
        value = getattr(importlib.import_module(f"{__name__}.{_EXPORTS[name]}"), name)
        globals()[name] = value  # later lookups skip this function
        return value
    if name in _SUBMODULES:
        importlib.import_module(f"{__name__}._conveniences")
        return importlib.import_module(f"{__name__}.{name}")
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("edcompetencies")
        except PackageNotFoundError:  # pragma: no cover - running from a source tree
            return "0+unknown"
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    """The public names only (no ``annotations`` or ``TYPE_CHECKING`` in tab completion)."""
    return sorted({*__all__, *_SUBMODULES, "__version__"})
