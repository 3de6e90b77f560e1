"""The rendering primitives every output shares: escaping, CSV, JSON Lines, the HTML page.

One place for each rule, so every table, page and redline the library writes follows it:
Markdown escaping (:func:`md_escape`), HTML escaping (:func:`html_escape`), CSV
(:func:`csv_text`: RFC 4180, a header row, CRLF line ends), JSON Lines (:func:`jsonl_text`)
and the self-contained HTML page (:func:`html_page`).
"""

import csv
import html
import io
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from .errors import MissingExtraError, UnknownFormatError

if TYPE_CHECKING:  # pragma: no cover
    import pandas  # type: ignore[import-untyped, unused-ignore]

__all__ = [
    "FORMATS",
    "Tabular",
    "csv_text",
    "dataframe",
    "html_escape",
    "html_page",
    "jsonl_text",
    "md_escape",
    "render",
]

_MD_INLINE = re.compile(r"([\\`*_\[\]<|~])")
_ENTITY = re.compile(r"&(?=#?\w+;)")


def md_escape(text: str) -> str:
    """Escape what would change the meaning of inline Markdown, and no more, so the source stays
    readable: backslash, backtick, emphasis and strike-through marks, brackets, ``<`` (raw HTML),
    table pipes and what would read as an HTML entity."""
    return _ENTITY.sub("&amp;", _MD_INLINE.sub(r"\\\1", text))


def html_escape(text: str) -> str:
    """Escape a text for HTML content or a quoted attribute value."""
    return html.escape(text, quote=True)


def csv_text(rows: Iterable[Mapping[str, Any]], columns: Sequence[str], *, escape_formulas: bool = True) -> str:
    """Rows as CSV (RFC 4180: a header row, CRLF line ends, quoted where needed).

    *escape_formulas* (to be implemented: neutralise cells a spreadsheet would run as formulas).
    """
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns))
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def jsonl_text(rows: Iterable[Mapping[str, Any]]) -> str:
    """Rows as JSON Lines: one JSON object per row and line (UTF-8, not ASCII-escaped)."""
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)


def html_page(title: str, body: str, *, style: str = "") -> str:
    """A self-contained HTML page: DOCTYPE, UTF-8 charset, viewport, escaped title, the style."""
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html_escape(title)}</title>\n<style>\nbody{{margin:2em}}\n{style}</style>\n"
        f"</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


# --------------------------------------------------------------------------- the shared verbs

FORMATS = ("text", "markdown", "html", "csv", "jsonl", "json")
"""Every format any result renders to; each result class supports the ones it has a ``to_*`` for."""


def dataframe(rows: list[dict[str, Any]], feature: str, columns: Sequence[str] | None = None) -> "pandas.DataFrame":
    """*rows* as a pandas DataFrame (with *columns*, in that order even when there are no rows),
    or :class:`~edcompetencies.errors.MissingExtraError` naming the extra."""
    try:
        import pandas
    except ImportError:
        raise MissingExtraError(feature, "pandas", "pandas") from None
    if columns is None:
        return pandas.DataFrame.from_records(rows)
    return pandas.DataFrame.from_records(rows, columns=list(columns))


class Tabular:
    """The verbs every tabular result shares, with the same names, keywords and defaults.

    A subclass defines :attr:`columns`, :meth:`to_records`, :meth:`to_text`,
    :meth:`to_markdown` and :meth:`_html_body` (and ``_title`` for the page title); the
    rest follows from those: :meth:`to_csv`, :meth:`to_jsonl`, :meth:`to_dataframe`,
    :meth:`to_html` (a full page, or with ``document=False`` a fragment with its style),
    :meth:`render` and the notebook's ``_repr_html_``.
    """

    __slots__ = ()

    columns: tuple[str, ...] = ()
    """The record fields, in order (the CSV header and the DataFrame columns)."""

    _style: str = ""

    def to_records(self) -> list[dict[str, Any]]:
        """One flat row per entry, ready for a DataFrame or ``csv.DictWriter``."""
        raise NotImplementedError

    def to_text(self) -> str:
        """Plain text for a terminal."""
        raise NotImplementedError

    def to_markdown(self) -> str:
        """Markdown (every text escaped)."""
        raise NotImplementedError

    def _html_body(self) -> str:
        raise NotImplementedError

    def _title(self) -> str:
        return type(self).__name__

    def to_html(self, *, document: bool = True) -> str:
        """HTML, every text escaped: a self-contained page, or with ``document=False`` a fragment
        that carries its own style (what a notebook shows)."""
        if document:
            return html_page(self._title(), self._html_body(), style=self._style)
        return f"<style>{self._style}</style>{self._html_body()}" if self._style else self._html_body()

    def to_csv(self, *, escape_formulas: bool = True) -> str:
        """:meth:`to_records` as CSV (see :func:`csv_text`)."""
        return csv_text(self.to_records(), self.columns, escape_formulas=escape_formulas)

    def to_jsonl(self) -> str:
        """:meth:`to_records` as JSON Lines."""
        return jsonl_text(self.to_records())

    def to_dataframe(self) -> "pandas.DataFrame":
        """:meth:`to_records` as a pandas DataFrame (install the ``pandas`` extra)."""
        return dataframe(self.to_records(), f"{type(self).__name__}.to_dataframe()", self.columns)

    def render(self, format: str = "text") -> str:
        """The result in *format*: one of the :data:`FORMATS` this class has a ``to_*`` method for."""
        return render(self, format)

    def _repr_html_(self) -> str:
        return self.to_html(document=False)


def render(obj: object, format: str) -> str:
    """Call ``obj.to_<format>()``; an unknown or unsupported format raises
    :class:`~edcompetencies.errors.UnknownFormatError` listing the ones *obj* has."""
    supported = tuple(f for f in FORMATS if callable(getattr(obj, f"to_{f}", None)))
    if not isinstance(format, str) or format not in supported:
        raise UnknownFormatError(format if isinstance(format, str) else repr(format), supported)
    result: str = getattr(obj, f"to_{format}")()
    return result
