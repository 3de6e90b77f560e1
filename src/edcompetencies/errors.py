"""The library's errors: one base class, and specific ones that are also built-in lookups.

Every error the library raises on purpose is an :class:`EdCompetenciesError`. Lookups
that fail are also ``KeyError`` / ``LookupError``, so ``dict``-style code keeps working;
bad input is also a ``ValueError``.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = [
    "ArgumentTypeError",
    "ArgumentValueError",
    "CapabilityMissingError",
    "CaseFormatError",
    "DiffLookupError",
    "EdCompetenciesError",
    "FrameworkFormatError",
    "LineageMismatchError",
    "MigrationError",
    "MissingExtraError",
    "NoSuchFileError",
    "NoThemesError",
    "NotInToolkitError",
    "NotPublishedError",
    "OutputFileError",
    "UnknownChoiceError",
    "UnknownEditionError",
    "UnknownFormatError",
    "UnknownItemError",
    "UnknownStandardError",
    "UnknownTermError",
    "UnknownThemeError",
]


class EdCompetenciesError(Exception):
    """Base class of every error raised by edcompetencies."""


def _shown(text: object) -> str:
    """*text* as a message shows a file name or an identifier: as it is when every character is
    printable, else as Python's ``repr`` writes it (``'a\\x1b[2J'``), so a name cannot rewrite
    the terminal the message is printed on."""
    if isinstance(text, str) and text and text.isprintable():
        return text
    return repr(text)


def _listed(values: Sequence[str], conjunction: str = "or") -> str:
    quoted = list(values)
    if len(quoted) <= 1:
        return "".join(quoted)
    return ", ".join(quoted[:-1]) + f" {conjunction} " + quoted[-1]


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
            message += f"; did you mean {_listed([repr(s) for s in self.suggestions])}?"
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


class NoThemesError(EdCompetenciesError, ValueError):
    """A theme filter on a framework that carries no theme tags (the 2015 edition has none).

    >>> import edcompetencies as ec
    >>> from edcompetencies import themes
    >>> themes.filter(ec.load(2015), "EI")
    Traceback (most recent call last):
    ...
    edcompetencies.errors.NoThemesError: the 2015 framework carries no theme tags...
    """

    def __init__(self, edition: object) -> None:
        self.edition = edition
        super().__init__(edition)

    def __str__(self) -> str:
        message = f"the {self.edition} framework carries no theme tags, so no item can match a theme filter"
        if str(self.edition) == "2015":
            message += (
                " (the cross-cutting themes FC, EI, SE and RL are new in the 2020 edition; filter the 2020"
                " edition, or follow ec.lineage(2015, 2020) from its tagged items back to 2015)"
            )
        return message


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
        item = f" (item {_shown(self.item)})" if self.item else ""
        return f"{_shown(self.source)}: {_shown(self.path)}{item}: {self.message}"


class CaseFormatError(FrameworkFormatError):
    """A CASE package (CFPackage JSON) cannot be read into a framework.

    ``source`` names the file or data read, ``path`` the JSON path of the offending value
    (``$.CFAssociations[12].destinationNodeURI.identifier``) and ``identifier`` the CASE
    identifier concerned, if any (also in ``item``, so code written for
    :class:`FrameworkFormatError` shows it).
    """

    def __init__(
        self, message: str, *, source: str = "<package>", path: str = "$", identifier: str | None = None
    ) -> None:
        super().__init__(message, source=source, path=path, item=identifier)
        self.identifier = identifier

    def __str__(self) -> str:
        identifier = f" (identifier {_shown(self.identifier)})" if self.identifier else ""
        return f"{_shown(self.source)}: {_shown(self.path)}{identifier}: {self.message}"


# --------------------------------------------------------------------------- crosswalk, glossary, toolkit


class UnknownStandardError(EdCompetenciesError, LookupError):
    """No InTASC standard (or performance) has this number or label; the message lists the valid ones.

    >>> from edcompetencies import crosswalk
    >>> crosswalk.standard(11)
    Traceback (most recent call last):
    ...
    edcompetencies.errors.UnknownStandardError: no InTASC standard 11; the crosswalk quotes standards 1 to 10
    """

    def __init__(self, value: object, valid: Sequence[str], *, what: str = "standard") -> None:
        self.value = value
        self.valid = tuple(valid)
        self.what = what
        super().__init__(value)

    def __str__(self) -> str:
        name = f"{self.value}" if isinstance(self.value, int) and not isinstance(self.value, bool) else repr(self.value)
        valid = _listed(self.valid)
        if len(self.valid) > 2 and all(v.isdigit() for v in self.valid):
            numbers = [int(v) for v in self.valid]
            if numbers == list(range(numbers[0], numbers[-1] + 1)):
                valid = f"{numbers[0]} to {numbers[-1]}"
        return f"no InTASC {self.what} {name}; the crosswalk quotes {self.what}s {valid}"


class UnknownTermError(EdCompetenciesError, LookupError):
    """No glossary term (or closely related term) has this name. ``suggestions`` holds the nearest terms.

    ``candidates`` is set instead when the name is a closely related term of several entries.
    """

    def __init__(self, name: object, suggestions: Sequence[str] = (), *, candidates: Sequence[str] = ()) -> None:
        self.name = name
        self.suggestions = tuple(suggestions)
        self.candidates = tuple(candidates)
        super().__init__(name)

    def __str__(self) -> str:
        if self.candidates:
            listed = _listed([repr(c) for c in self.candidates], "and")
            return f"{self.name!r} is a closely related term of several glossary entries: {listed}"
        message = f"no glossary term {self.name!r}"
        if self.suggestions:
            message += f"; did you mean {_listed([repr(s) for s in self.suggestions])}?"
        return message


class NotInToolkitError(EdCompetenciesError, LookupError):
    """A toolkit part (assessment tool, reflection tool) has no entry for this competency.

    ``available`` lists the competency IDs it does cover.
    """

    def __init__(self, item: str, part: str, available: Sequence[str], *, reason: str | None = None) -> None:
        self.item = item
        self.part = part
        self.available = tuple(available)
        self.reason = reason
        super().__init__(item)

    def __str__(self) -> str:
        message = f"the {self.part} has no entry for {self.item!r}"
        if self.reason:
            message += f" ({self.reason})"
        return message + f"; it covers {_listed(list(self.available), 'and')}"


class NotPublishedError(EdCompetenciesError, LookupError):
    """The source publishes no such thing (e.g. the 2015 edition's own InTASC crosswalk).

    The message says what can be derived instead, and how to ask for it explicitly.
    """

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


class MissingExtraError(EdCompetenciesError, ImportError):
    """An optional dependency is not installed; the message names the extra that provides it."""

    def __init__(self, feature: str, module: str, extra: str) -> None:
        self.feature = feature
        self.module = module
        self.extra = extra
        super().__init__(f"{feature} needs {module}: pip install 'edcompetencies[{extra}]'", name=module)


class UnknownChoiceError(EdCompetenciesError, LookupError, ValueError):
    """An argument that must be one of a fixed set of names is not one of them.

    ``what`` names the argument (``"format"``, ``"implementation level"``...), ``value`` is what
    was given and ``allowed`` lists the valid choices, which the message repeats.
    """

    def __init__(self, what: str, value: object, allowed: Sequence[object]) -> None:
        self.what = what
        self.value = value
        self.allowed = tuple(allowed)
        super().__init__(what, value)

    def __str__(self) -> str:
        return f"unknown {self.what} {self.value!r}; choose one of {', '.join(map(str, self.allowed))}"


class UnknownFormatError(UnknownChoiceError):
    """A rendering or export format that does not exist."""

    def __init__(self, format: str, allowed: Sequence[str]) -> None:
        super().__init__("format", format, allowed)
        self.format = format


class ArgumentTypeError(EdCompetenciesError, TypeError):
    """An argument is not the kind of thing a function takes (a number where an item or text is wanted).

    The library's own error (caught with :class:`EdCompetenciesError`, as the command line does),
    and still a ``TypeError``. ``function`` names the function, ``argument`` the parameter,
    ``expected`` what it takes and ``value`` what was given.

    >>> import edcompetencies as ec
    >>> ec.dumps({"edition": 2020})
    Traceback (most recent call last):
    ...
    edcompetencies.errors.ArgumentTypeError: ec.dumps(): fw must be a Framework (ec.load(), ec.loads()), not dict
    """

    def __init__(self, function: str, argument: str, expected: str, value: object) -> None:
        self.function = function
        self.argument = argument
        self.expected = expected
        self.value = value
        super().__init__(function, argument, expected)

    def __str__(self) -> str:
        return f"{self.function}: {self.argument} must be {self.expected}, not {type(self.value).__name__}"


class LineageMismatchError(EdCompetenciesError, ValueError):
    """A lineage was given for other editions than the two frameworks compared."""


class DiffLookupError(EdCompetenciesError, KeyError):
    """An item has no change, or several, where one was asked for."""

    def __init__(self, item_id: str, found: int) -> None:
        self.item_id = item_id
        self.found = found
        super().__init__(item_id)

    def __str__(self) -> str:
        if self.found == 0:
            return f"no change involves {self.item_id!r} (check the ID and its edition prefix)"
        return f"{self.item_id!r} takes part in {self.found} changes (a merge or split): use changes_for()"


class CapabilityMissingError(EdCompetenciesError, RuntimeError):
    """A model object's convenience method (``fw.search``, ``fw.to_html`` ...) was called before the
    capability layer was imported: only possible when the private ``edcompetencies._model`` is used alone."""

    def __str__(self) -> str:
        return "the model's conveniences need the library: import edcompetencies._conveniences (or use ec.load) first"


class MigrationError(EdCompetenciesError, LookupError, ValueError):
    """A tag or table that :mod:`edcompetencies.migrate` cannot carry over, with where it stands.

    ``tag`` is the tag (or column) concerned, ``position`` its place in the input (0-based) and
    ``problem`` what is wrong.
    """

    def __init__(self, tag: str, position: int, problem: str) -> None:
        self.tag = tag
        self.position = position
        self.problem = problem
        super().__init__(tag, position, problem)

    def __str__(self) -> str:
        return f"tag {self.position + 1} ({self.tag!r}): {self.problem}"


class NoSuchFileError(EdCompetenciesError, FileNotFoundError):
    """A file named on the command line (or given as a path) does not exist, or is not a regular file."""

    def __init__(self, path: str, reason: str = "no such file") -> None:
        self.path = path
        self.reason = reason
        super().__init__(path)

    def __str__(self) -> str:
        return f"{self.reason}: {_shown(self.path)}"


class OutputFileError(EdCompetenciesError, OSError):
    """An output file cannot be written; the old file, if any, is left as it was."""

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(path, reason)

    def __str__(self) -> str:
        return f"cannot write {_shown(self.path)}: {self.reason}"


def _shown_value(value: object, limit: int = 60) -> str:
    """A value as an error message shows it: its ``repr`` (control characters escaped), cut short
    (:func:`_shown` is for names: files, paths and identifiers, shown as they are when printable)."""
    try:
        text = repr(value)
    except (ValueError, RecursionError):  # an integer of more than 4,300 digits; a value nested too deeply
        if isinstance(value, int):
            return f"an integer of about {int(value.bit_length() * 0.30103) + 1:,} digits"
        return f"{type(value).__name__} too large to show"
    return text if len(text) <= limit else f"{text[: limit - 5]}...{text[-2:]}"


class ArgumentValueError(EdCompetenciesError, ValueError):
    """An argument has the right type but a value the function cannot take (a base URI that is no URI).

    The value counterpart of :class:`ArgumentTypeError`: the library's own error, and still a
    ``ValueError``. ``function`` names the function, ``argument`` the parameter, ``expected``
    what it takes, ``value`` what was given and ``problem`` (if any) what is wrong with it.

    >>> import edcompetencies as ec
    >>> from edcompetencies import case
    >>> case.export(ec.load(2020), base_uri="not a URI")
    Traceback (most recent call last):
    ...
    edcompetencies.errors.ArgumentValueError: case.export(): base_uri must be an absolute URI such as ...
    """

    def __init__(self, function: str, argument: str, expected: str, value: object, problem: str | None = None) -> None:
        self.function = function
        self.argument = argument
        self.expected = expected
        self.value = value
        self.problem = problem
        super().__init__(function, argument, expected)

    def __str__(self) -> str:
        problem = f" ({self.problem})" if self.problem else ""
        return f"{self.function}: {self.argument} must be {self.expected}, not {_shown_value(self.value)}{problem}"


def __dir__() -> list[str]:
    """The public names only (tab completion shows no ``re``, ``attrs`` or ``annotations``)."""
    return sorted(__all__)
