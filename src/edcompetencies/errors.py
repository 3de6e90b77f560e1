"""The library's errors: one base class, and specific ones that are also built-in lookups.

Every error the library raises on purpose is an :class:`EdCompetenciesError`. Lookups
that fail are also ``KeyError`` / ``LookupError``, so ``dict``-style code keeps working;
bad input is also a ``ValueError``.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = [
    "EdCompetenciesError",
    "FrameworkFormatError",
    "UnknownEditionError",
    "UnknownItemError",
    "UnknownThemeError",
]


class EdCompetenciesError(Exception):
    """Base class of every error raised by edcompetencies."""


class UnknownItemError(EdCompetenciesError, KeyError):
    """No item has this ID. ``suggestions`` holds the nearest IDs that exist.

    >>> import edcompetencies as ec
    >>> try:
    ...     ec.load(2020)["instructional.4.a.vi"]
    ... except KeyError as error:
    ...     print(error)
    ...     print(error.suggestions)
    no item 'instructional.4.a.vi' in the 2020 framework; did you mean ...?
    ('2020:instructional.4.a.i', ...)
    """

    def __init__(
        self,
        key: str,
        edition: int | str | None = None,
        suggestions: Sequence[str] = (),
        *,
        reason: str | None = None,
    ) -> None:
        self.key = key
        self.edition = edition
        self.suggestions = tuple(suggestions)
        self.reason = reason
        super().__init__(key)

    def __str__(self) -> str:
        where = f" in the {self.edition} framework" if self.edition is not None else ""
        message = f"no item {self.key!r}{where}"
        if self.reason:
            message = f"{self.key!r}{where}: {self.reason}"
        if self.suggestions:
            quoted = [repr(s) for s in self.suggestions]
            listed = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]
            message += f"; did you mean {listed}?"
        return message


class UnknownEditionError(EdCompetenciesError, LookupError):
    """No packaged edition has this name; ``available`` lists the editions that ship."""

    def __init__(self, edition: object, available: Sequence[int]) -> None:
        self.edition = edition
        self.available = tuple(available)
        super().__init__(edition)

    def __str__(self) -> str:
        listed = ", ".join(str(e) for e in self.available)
        return f"unknown edition {self.edition!r}; the editions that ship are {listed}"


class UnknownThemeError(EdCompetenciesError, LookupError, ValueError):
    """Not a theme code or name; the message lists the valid ones."""

    def __init__(self, value: object) -> None:
        self.value = value
        super().__init__(value)

    def __str__(self) -> str:
        return (
            f"unknown theme {self.value!r}; valid themes are FC (Foundational Competency), "
            "EI (Equity and Inclusion), SE (Social and Emotional Learning), RL (Remote Learning)"
        )


class FrameworkFormatError(EdCompetenciesError, ValueError):
    """A framework's JSON is malformed or breaks the format's rules.

    ``source`` names the file or text read; ``path`` is the JSON path of the offending
    value (``$.domains[2].competencies[0].number``); ``item`` the ID concerned, if any.
    """

    def __init__(self, message: str, *, source: str = "<string>", path: str = "$", item: str | None = None) -> None:
        self.message = message
        self.source = source
        self.path = path
        self.item = item
        super().__init__(message)

    def __str__(self) -> str:
        item = f" (item {self.item})" if self.item else ""
        return f"{self.source}: {self.path}{item}: {self.message}"
