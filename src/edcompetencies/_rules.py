"""The rules every reader applies: keys, labels, names, numbers and text. One place.

Each reader (the framework JSON, the lineage and toolkit files, CASE packages, SSSOM
tables, the command line's arguments) checks what it reads with these functions, so an
ID that one reader accepts is an ID every other reader and writer handles.

- Patterns are matched whole (``fullmatch``): ``"cog\\n"`` is not a key.
- Numbers are ASCII digits only (``"²"``, ``"٢٠٢٠"`` and ``"1¹"`` are not numbers) and have at
  most :data:`MAX_DIGITS` digits, so ``int()`` can never fail on them.
- Text may hold any character but C0/C1 control characters other than tab and newline,
  lone surrogates and the bidirectional embedding, override and isolate controls: these
  would break UTF-8 output or let a file rewrite a terminal screen.
- Files given by path are read only when they are regular files (not a FIFO that never
  ends, not ``/dev/zero``), and only up to a size limit (:func:`read_file`).
- What is read is built with the cyclic garbage collector paused (:func:`collector_paused`).
"""

import contextlib
import errno
import gc
import os
import re
import stat
from collections.abc import Iterable, Iterator, Mapping

from .errors import ArgumentTypeError

__all__ = [
    "MAX_DIGITS",
    "MAX_FILE_BYTES",
    "MAX_LABEL",
    "ascii_number",
    "collector_paused",
    "is_clean_json",
    "is_key",
    "is_label",
    "is_name",
    "json_text_is_clean",
    "one_or_many",
    "read_file",
    "surrogate_at",
    "text_problem",
    "type_name",
]

MAX_DIGITS = 9
"""The longest number (in digits) any reader accepts: competency numbers, editions, sequences."""

MAX_LABEL = 32
"""The longest label an indicator may have (``"a"``, ``"ii"``, ``"3"`` in the publications)."""

MAX_FILE_BYTES = 256 * 1024 * 1024
"""The largest file (in bytes) a reader reads by default: 256 MiB.

About 65 times the largest real CASE package in the test bed (3.8 MB, 585 items and 3,367
associations); a synthetic 100,000-item package is about 120 MB. A keyword raises it.
"""

_KEY = re.compile(r"[a-z][a-z0-9_\-]*")
_LABEL = re.compile(rf"[A-Za-z0-9]{{1,{MAX_LABEL}}}")
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-]*")
_DIGITS = re.compile(rf"[0-9]{{1,{MAX_DIGITS}}}")

# C0 controls but tab and newline, DEL and the C1 controls, the bidi embeddings, overrides
# and isolates, and lone surrogates (which json.loads lets through from "\ud800").
_FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def is_key(value: object) -> bool:
    """A domain key: lower-case ASCII letters, digits, ``_`` and ``-``, starting with a letter."""
    return isinstance(value, str) and _KEY.fullmatch(value) is not None


def is_label(value: object) -> bool:
    """An indicator label: 1 to :data:`MAX_LABEL` ASCII letters or digits (``"a"``, ``"ii"``, ``"3"``)."""
    return isinstance(value, str) and _LABEL.fullmatch(value) is not None


def is_name(value: object) -> bool:
    """A string edition or a note ID: ASCII letters, digits, ``_``, ``.`` and ``-``, no leading punctuation."""
    return isinstance(value, str) and _NAME.fullmatch(value) is not None


def ascii_number(value: str) -> int | None:
    """The number a string of 1 to :data:`MAX_DIGITS` ASCII digits spells, else ``None``.

    >>> ascii_number("2020"), ascii_number("²"), ascii_number("٢٠٢٠"), ascii_number("2020\\n")
    (2020, None, None, None)
    """
    return int(value) if _DIGITS.fullmatch(value) else None


def text_problem(value: str) -> str | None:
    """What makes *value* unfit to be read as text, or ``None`` when it is fine.

    >>> text_problem("tab\\tand newline\\n are fine")
    >>> text_problem("bell\\a")
    'it holds the control character U+0007 at offset 4'
    >>> text_problem("\\ud800")
    'it holds a lone surrogate U+D800 at offset 0 (not encodable as UTF-8)'
    """
    if value.isprintable():  # no control, format or surrogate character at all: the common case, fast
        return None
    m = _FORBIDDEN.search(value)
    if m is None:
        return None
    char, offset = m.group(), m.start()
    code = f"U+{ord(char):04X}"
    if "\ud800" <= char <= "\udfff":
        return f"it holds a lone surrogate {code} at offset {offset} (not encodable as UTF-8)"
    if "\u202a" <= char <= "\u2069":
        return f"it holds the bidirectional control {code} at offset {offset}"
    return f"it holds the control character {code} at offset {offset}"


# What JSON text may hold that decodes to a text text_problem refuses. json.loads refuses raw C0
# controls inside strings, so raw: DEL, C1 and bidi controls, surrogates; escaped: \u0000-\u001f,
# \u007f-\u009f, \u202a-\u202e, \u2066-\u2069, \ud800-\udfff and \b \f \r.
_FORBIDDEN_RAW_IN_JSON = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_FORBIDDEN_ESCAPED = re.compile(
    r"\\(?:[bfr]|u(?:00[01][0-9a-fA-F]|007[fF]|00[89][0-9a-fA-F]|202[a-eA-E]|206[6-9]|[dD][89a-fA-F][0-9a-fA-F]{2}))"
)


def json_text_is_clean(text: str) -> bool:
    """Whether JSON *text* that :func:`json.loads` accepts decodes only to texts and names that pass
    :func:`text_problem` (NaN and Infinity aside: a decoder's ``parse_constant`` tells those).

    A ``False`` can be a false alarm (``"\\u0009"``, ``"C:\\\\root"``): it only means that each
    value must be checked. ASCII text is checked at C speed; other text by one regular expression.

    >>> import json
    >>> json_text_is_clean(json.dumps({"a": "café"})), json_text_is_clean(json.dumps({"a": "bell" + chr(7)}))
    (True, False)
    >>> json_text_is_clean(json.dumps({"a": chr(0x202E)}, ensure_ascii=False))
    False
    """
    raw_clean = "\x7f" not in text if text.isascii() else _FORBIDDEN_RAW_IN_JSON.search(text) is None
    return raw_clean and _FORBIDDEN_ESCAPED.search(text) is None


_JSON_SCALARS = (int, bool, type(None))
_MAX_CONTAINERS = 100_000
_MAX_NESTING = 200


def is_clean_json(value: object) -> bool:
    """Whether *value* is a JSON value whose every text and name passes :func:`text_problem` (fast, no copy).

    Numbers must be finite; a value with more than 100,000 arrays and objects or nested more than
    200 deep (or a cycle) is not judged here (``False``), so a caller that needs the reason walks it
    itself.

    >>> is_clean_json({"a": ["b", 1, None, 2.5]}), is_clean_json({"a": ["b\\x07"]}), is_clean_json({1: "x"})
    (True, False, False)
    """
    search = _FORBIDDEN.search
    if type(value) is str:  # most values: one C call
        return value.isprintable() or not search(value)
    stack: list[tuple[object, int]] = [([value], 0)]
    containers = 0
    while stack:
        current, depth = stack.pop()
        containers += 1
        if containers > _MAX_CONTAINERS or depth > _MAX_NESTING:
            return False
        if type(current) is dict:
            for key in current:
                if type(key) is not str or search(key):
                    return False
            items: Iterable[object] = current.values()
        else:
            items = current  # type: ignore[assignment]
        for item in items:
            kind = type(item)
            if kind is str:
                if not item.isprintable() and search(item):  # type: ignore[attr-defined, call-overload]
                    return False
            elif kind is dict or kind is list:
                stack.append((item, depth + 1))
            elif kind is float:
                if item != item or item in (float("inf"), float("-inf")):
                    return False
            elif kind not in _JSON_SCALARS:
                return False
    return True


_SURROGATE = re.compile("[\ud800-\udfff]")


def surrogate_at(value: str) -> int | None:
    """The offset of the first lone surrogate in *value* (no UTF-8 output can encode it), else ``None``.

    For text that is written out rather than read in (JSON that keeps a package's other fields,
    a writer's output), where :func:`text_problem`'s other refusals do not apply.

    >>> surrogate_at("ok"), surrogate_at("a\\ud800")
    (None, 1)
    """
    m = _SURROGATE.search(value)
    return None if m is None else m.start()


def type_name(value: object) -> str:
    """How a decoded JSON value is named in an error message ("an integer", "null" ...)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, (list, tuple)):
        return "an array"
    if isinstance(value, Mapping):
        return "an object"
    return type(value).__name__


def one_or_many(value: object, function: str, argument: str) -> tuple[str, ...] | None:
    """A keyword that takes one name or several (``domains=``, ``themes=``, ``kinds=`` ...): ``None``
    stays ``None``, a string becomes a 1-tuple, an iterable of strings a tuple; anything else raises
    :class:`~edcompetencies.errors.ArgumentTypeError` naming *function* and *argument*.

    >>> one_or_many("cognitive", "select()", "domains"), one_or_many(["a", "b"], "select()", "domains")
    (('cognitive',), ('a', 'b'))
    """
    if value is None:
        return None
    if isinstance(value, str):
        return (value,)
    if isinstance(value, Iterable) and not isinstance(value, (bytes, Mapping)):
        values = tuple(value)
        if all(isinstance(v, str) for v in values):
            return values
    raise ArgumentTypeError(function, argument, "a string or a list of strings", value)


def read_file(path: str, max_bytes: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of the regular file at *path*, if it holds at most *max_bytes*.

    Anything else raises :class:`OSError` whose ``strerror`` says what was wrong: a FIFO, a
    device such as ``/dev/zero``, a directory (``errno.EINVAL``), a file that is too large
    (``errno.EFBIG``), or the operating system's own reason. A FIFO is opened without
    waiting for a writer, so this never hangs.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise OSError(errno.EINVAL, f"not a regular file but {_file_kind(mode)}")
        with open(fd, "rb", closefd=False) as handle:
            data = handle.read(max_bytes + 1)
    finally:
        os.close(fd)
    if len(data) > max_bytes:
        raise OSError(errno.EFBIG, f"the file holds more than the limit of {max_bytes:,} bytes")
    return data


def _file_kind(mode: int) -> str:
    kinds = (
        (stat.S_ISDIR, "a directory"),
        (stat.S_ISFIFO, "a FIFO (named pipe)"),
        (stat.S_ISCHR, "a device"),
        (stat.S_ISBLK, "a device"),
        (stat.S_ISSOCK, "a socket"),
    )
    return next((name for test, name in kinds if test(mode)), "something else")


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while acyclic structures are built (restored however it ends).

    Decoding a file and building the model (or a diff) allocate many objects and no cycles; the
    collector's passes over them find nothing and took half the time of reading 32,000 numbered
    CASE siblings (1.47 s with them, 0.77 s without) and a third of comparing two 10,000-item
    frameworks. Free what was decoded before leaving, or the first pass after walks all of it.

    >>> import gc
    >>> with collector_paused():
    ...     gc.isenabled()
    False
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
