"""The rendering primitives every output shares: escaping, CSV, JSON Lines, tables, the HTML page.

One place for each rule, so every table, page and redline the library writes follows it:

- Markdown (:func:`md_escape`): inline syntax is escaped lightly (the source stays readable),
  and a text can never start a block of its own (a heading, a list, a quote, a code fence, a
  table row, raw HTML): line breaks become spaces (or ``<br>`` in a table cell) and a marker at
  the start of the text is escaped.
- HTML (:func:`html_escape`, :func:`html_page`, :func:`html_fragment`): every text escaped;
  one stylesheet (:data:`STYLE`) for every page and notebook fragment, scoped under the
  library's ``edc`` class, that survives printing and Jupyter's own CSS.
- CSV (:func:`csv_text`): RFC 4180, a header row, CRLF line ends, every field holding a CR, LF
  or quote quoted, and cells a spreadsheet would run as a formula neutralised.
- Terminals (:func:`terminal_text`): control characters, bidi controls and lone surrogates
  shown as escapes, so printed data cannot move the cursor, clear the screen or reorder text.
- Tables of named rows (:func:`table`) and the shared verbs of every tabular result
  (:class:`Tabular`, :data:`FORMATS`, :func:`render`).
"""

import csv
import enum
import io
import json
import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar

import attrs

from .errors import ArgumentTypeError, MissingExtraError, UnknownChoiceError, UnknownFormatError

if TYPE_CHECKING:  # pragma: no cover
    import pandas  # type: ignore[import-untyped, unused-ignore]

__all__ = [
    "COLOR_MODES",
    "FORMATS",
    "STYLE",
    "THEME_CODES",
    "Card",
    "Tabular",
    "card_repr",
    "csv_text",
    "cut_text",
    "dataframe",
    "html_card",
    "html_details",
    "html_escape",
    "html_fragment",
    "html_page",
    "jsonl_text",
    "md_code",
    "md_emphasis",
    "md_escape",
    "render",
    "sequence_repr",
    "styled",
    "table",
    "terminal_text",
    "use_color",
    "wrap_lines",
]

# --------------------------------------------------------------------------- Markdown

_MD_INLINE = re.compile(r"([\\`*_\[\]<|~])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
# a line break by Markdown's rule (CR, LF, CRLF) or by any other tool's (str.splitlines: VT, FF,
# the file/group/record separators, NEL, the Unicode line and paragraph separators)
_MD_BREAK = re.compile("[ \t]*(?:[\r\n\v\f\x1c-\x1e\x85\u2028\u2029][ \t]*)+")
_MD_INDENT = re.compile(r"\A[ \t]+")
# what a line may start with to open a block: ATX heading, quote, list bullet, setext underline
# (``=``; ``-`` is a bullet too), ordered-list number; backticks, tildes, ``<``, ``|``, ``*``
# and ``_`` are escaped everywhere already.
_MD_BLOCK_START = re.compile(r"\A( ?)(?:([#>+\-=])|([0-9]{1,9})([.)]))")


def _md_block_start(match: "re.Match[str]") -> str:
    space, marker, number, dot = match.groups()
    return f"{space}\\{marker}" if marker else f"{space}{number}\\{dot}"


def md_escape(text: str, *, newline: str = " ", line_start: bool = False) -> str:
    r"""Escape *text* for Markdown so it stays inside the paragraph, list item, heading or table cell
    it is put in.

    Inline syntax is escaped lightly, so the source stays readable: backslash, backtick, emphasis
    and strike-through marks, brackets, ``<`` (raw HTML, autolinks), table pipes and what would
    read as an HTML entity. No block can start inside the text: every line break (with the blanks
    around it) becomes *newline* (a space; ``"<br>"`` in a table cell). Where the text itself
    begins a line (``line_start=True``: a paragraph of its own), leading blanks (an indented code
    block) shrink to one space and a heading, quote, list or setext marker at its start is
    escaped too; in the middle of a line (after a list bullet, in a heading or a cell, a fragment
    of a redline) these mean nothing and stay as they are.

    >>> md_escape("ok\n\n# Injected heading")
    'ok # Injected heading'
    >>> md_escape("- not a list, *not emphasis*, 1. not numbered", line_start=True)
    '\\- not a list, \\*not emphasis\\*, 1. not numbered'
    >>> md_escape("2020. A year", line_start=True), md_escape("-informed")
    ('2020\\. A year', '-informed')
    """
    if not isinstance(text, str):
        raise ArgumentTypeError("md_escape()", "text", "a string", text)
    escaped = _MD_BREAK.sub(newline, _ENTITY.sub("&amp;", _MD_INLINE.sub(r"\\\1", text)))
    if not line_start:
        return escaped
    return _MD_BLOCK_START.sub(_md_block_start, _MD_INDENT.sub(" ", escaped), count=1)


def md_emphasis(text: str, mark: str = "*", *, newline: str = " ") -> str:
    """*text* escaped and wrapped in an emphasis *mark* (``*`` italic, ``**`` bold). The blanks
    around it stay outside the marks: ``* x*`` would be no emphasis, and at the start of a line a
    list item.

    >>> md_emphasis(" Selection: EI "), md_emphasis("")
    ('*Selection: EI*', '')
    """
    inner = md_escape(text, newline=newline).strip()
    return f"{mark}{inner}{mark}" if inner else ""


_BACKTICKS = re.compile("`+")


def md_code(text: str) -> str:
    """*text* as a Markdown code span (a publisher's code, shown as it is): fenced with one
    backtick more than the longest run inside it, padded where it starts or ends with one, every
    line break a space (a code span shows backslashes and ``<`` as they are: nothing to escape).

    >>> md_code("L1.10"), md_code("a`b"), md_code("`x")
    ('`L1.10`', '``a`b``', '`` `x ``')
    """
    if not isinstance(text, str):
        raise ArgumentTypeError("md_code()", "text", "a string", text)
    text = _MD_BREAK.sub(" ", text)
    fence = "`" * (max((len(run) for run in _BACKTICKS.findall(text)), default=0) + 1)
    pad = " " if text[:1] in ("`", " ") or text[-1:] in ("`", " ") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


# --------------------------------------------------------------------------- HTML


def html_escape(text: str) -> str:
    """Escape a text for HTML content or a quoted attribute value: ``&``, ``<``, ``>``, ``"`` and
    ``'`` (what ``html.escape(text, quote=True)`` does, without importing :mod:`html` and its
    table of entities on the command line's path)."""
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#x27;")
    )


STYLE = """\
.edc,.edc-diff{color:#1a1a1a;-webkit-print-color-adjust:exact;print-color-adjust:exact}
.edc table,table.edc{border-collapse:collapse;margin:.4em 0;table-layout:auto}
.edc th,.edc td{text-align:left;vertical-align:top;padding:.15em .5em;border:1px solid #bbb;background:none}
.edc td.num,.edc th.num,.edc-table td,.edc-table thead th{text-align:right;font-variant-numeric:tabular-nums}
.edc-table thead th:first-child,.edc-table tbody th{text-align:left}
.edc-records td,.edc-records thead th{text-align:left}
.edc caption{text-align:left;font-weight:bold;padding:.2em 0}
.edc ins,.edc-diff ins{background:#dfd;color:#064;text-decoration:underline}
.edc del,.edc-diff del{background:#fdd;color:#900;text-decoration:line-through}
.edc mark{background:#ff6;color:inherit}
.edc details>summary{cursor:pointer;font-weight:bold}
.edc-fw{font-family:Georgia,"Times New Roman",serif;line-height:1.45;max-width:52em}
.edc-fw h1{font-size:1.6em;margin:.2em 0}.edc-fw h2{font-size:1.3em;border-bottom:2px solid #345;margin-top:1.4em}
.edc-fw h2 .tagline{font-weight:normal;font-style:italic;color:#456;font-size:.8em;margin-left:.5em}
.edc-fw .edc-comp{margin:1em 0 1.2em;break-inside:avoid-page}
.edc-fw .edc-comp>h3{font-size:1.05em;margin:.2em 0}.edc-fw .edc-comp>p{margin:.2em 0 .4em}
.edc-fw ul.edc-ind{list-style:none;margin:.2em 0;padding-left:1.6em}
.edc-fw ul.edc-ind>li{margin:.15em 0}.edc-fw .label{font-weight:bold;margin-right:.35em}
.edc .badges{white-space:nowrap}.edc .code{font:.85em/1 ui-monospace,monospace;color:#345;margin:0 .4em}
.edc .badge{display:inline-block;font:bold .7em/1.5 sans-serif;padding:0 .45em;margin-left:.3em;
border-radius:.6em;border:1px solid currentColor;vertical-align:.1em}
.edc .badge-FC{color:#7a3e00}.edc .badge-EI{color:#8b1a4a}.edc .badge-SE{color:#1d5e2f}
.edc .badge-RL{color:#1f4e8c}.edc-fw .meta,.edc-fw .key{color:#444;font-size:.9em}
.edc-fw .notes{font-size:.85em;color:#444}.edc-fw .caption{font-style:italic}
.edc-rubric{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;color:#111;max-width:100%}
.edc-rubric h2{font-size:1.1em;margin:0 0 .25em;letter-spacing:.03em}
.edc-rubric p{margin:0 0 .75em}
.edc-rubric cite{display:block;font-size:.85em;color:#444}
.edc-rubric table{width:100%;table-layout:fixed}
.edc-rubric th,.edc-rubric td{border:1px solid #555;padding:.4em .5em}
.edc-rubric th .description{display:block;font-weight:normal;font-size:.85em}
.edc-rubric th.operationalizing,.edc-rubric td.operationalizing{width:40%}
.edc-rubric td.developing,.edc-rubric td.refining{height:4em}
.edc-rubric ul{margin:.3em 0 0;padding-left:1em;list-style:none}
.edc-rubric .label{font-weight:bold}
.edc-diff .change{margin:.7em 0}.edc-diff .head{font-size:90%;color:#555}.edc del+ins{margin-left:.2em}
.edc-diff .rationale{font-style:italic;color:#555}
.edc-diff table.sbs{width:100%;table-layout:fixed;margin:.2em 0;font-size:inherit}
.edc-diff table.sbs th{font-weight:normal;font-size:85%;color:#555}
.edc-diff table.sbs td{width:50%;overflow-wrap:break-word}.edc-diff .none{color:#666;font-style:italic}
.edc-diff ins.space,.edc-diff del.space{white-space:pre;padding:0 .15em}
@media print{
.edc{color:#000}
.edc ins,.edc-diff ins{text-decoration:underline}.edc del,.edc-diff del{text-decoration:line-through}
.edc-fw{max-width:none}.edc-fw h2{break-after:avoid-page}
.edc tr,.edc-diff .change{break-inside:avoid;page-break-inside:avoid}
}
"""
"""The one stylesheet of every page and notebook fragment the library writes.

Every rule is scoped under the library's own classes (``edc`` on every root element, and
``edc-fw``, ``edc-rubric``, ``edc-diff``, ``edc-table`` for the views, ``edc-records`` for a
table of records), so a notebook's own styles are left alone; table cells are left-aligned
(Jupyter right-aligns them, and centres tables) but for numbers (``num``: a table of records
marks its number cells) and the values of a table of named rows;
insertions are underlined and deletions struck as well as coloured (a space changed alone,
``class="space"``, kept visible), colours print (``print-color-adjust: exact``), and a diff's
side-by-side view (``table.sbs``) has two equal columns in the size of the text around it.
``tests/test_browser.py`` checks these in headless Chromium, with print emulation."""


def html_fragment(body: str) -> str:
    """*body* with the stylesheet before it: what a notebook displays."""
    return f"<style>{STYLE}</style>{body}"


def html_details(summary: str, body: str, *, open: bool = False) -> str:
    """A collapsed view (``<details>``) for a large object in a notebook: *summary* (text, escaped)
    shown, *body* (HTML) folded away unless *open*."""
    return f"<details{' open' if open else ''}><summary>{html_escape(summary)}</summary>{body}</details>"


def html_page(title: str, body: str, *, style: str = "") -> str:
    """A self-contained HTML page: DOCTYPE, UTF-8 charset, viewport, escaped title, the stylesheet
    (:data:`STYLE`, then any *style* rules of the page's own)."""
    if not isinstance(title, str):
        raise ArgumentTypeError("html_page()", "title", "a string", title)
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html_escape(title)}</title>\n<style>\nbody{{margin:2em}}\n{STYLE}{style}</style>\n"
        f"</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


# --------------------------------------------------------------------------- CSV and JSON Lines

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""The first characters that make a spreadsheet (Excel, LibreOffice, Google Sheets) read a cell
as a formula: :func:`csv_text` prefixes such text cells with ``'``."""


def _cell_text(value: object) -> str:
    """A record's value as the text of a cell (CSV or table): ``None`` empty, a collection its
    values space-separated."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple, frozenset, set)):
        return " ".join(str(v) for v in value)
    return str(value)


def _csv_cell(value: object, escape_formulas: bool) -> object:
    if isinstance(value, (bool, int, float)):  # the csv module writes a number as Python does
        return value
    text = _cell_text(value)
    return "'" + text if escape_formulas and text.startswith(FORMULA_STARTS) else text


def csv_text(rows: Iterable[Mapping[str, Any]], columns: Sequence[str], *, escape_formulas: bool = True) -> str:
    r"""Rows as CSV: RFC 4180 (a header row, CRLF line ends; a field holding a comma, quote, CR or
    LF is quoted, a bare CR too), ``None`` as an empty field.

    With *escape_formulas* (the default: CSV is written for people, who open it in a spreadsheet),
    a **text** cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a CR
    (:data:`FORMULA_STARTS`) gets a ``'`` in front, as OWASP advises, so Excel and LibreOffice
    show it instead of running it. Numbers the library writes as numbers (``-1``, ``0.25``) are
    left alone: a spreadsheet reads them as numbers, not formulas. ``escape_formulas=False``
    writes every text as it is, for programs that read the CSV back.

    >>> csv_text([{"id": "x", "text": "=1+1", "n": -1}], ["id", "text", "n"])
    "id,text,n\r\nx,'=1+1,-1\r\n"
    >>> csv_text([{"text": "=1+1"}], ["text"], escape_formulas=False)
    'text\r\n=1+1\r\n'
    """
    if not isinstance(escape_formulas, bool):
        raise ArgumentTypeError("to_csv()", "escape_formulas", "True or False", escape_formulas)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    fields = list(columns)
    table: list[list[Any]] = [
        fields,
        *([_csv_cell(row.get(field), escape_formulas) for field in fields] for row in rows),
    ]
    stand_in = _nul_stand_in(table) if _CSV_REFUSES_NUL else None
    if stand_in is not None:
        table = [[c.replace("\0", stand_in) if isinstance(c, str) else c for c in row] for row in table]
    writer.writerows(table)
    text = buffer.getvalue()
    return text if stand_in is None else text.replace(stand_in, "\0")


# Python 3.10's csv writer refuses a NUL ("need to escape"); 3.11 and later write it as it is,
# unquoted. On 3.10 a NUL travels as a private-use character no cell holds (unquoted too) and is
# put back, so every Python writes the same bytes.
_CSV_REFUSES_NUL = sys.version_info < (3, 11)


def _nul_stand_in(table: list[list[Any]]) -> str | None:
    cells = "".join(str(cell) for row in table for cell in row)
    if "\0" not in cells:
        return None
    return next(chr(code) for code in range(0xE000, 0x110000) if chr(code) not in cells)


def jsonl_text(rows: Iterable[Mapping[str, Any]]) -> str:
    """Rows as JSON Lines: one JSON object per row and line (UTF-8, not ASCII-escaped)."""
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)


# --------------------------------------------------------------------------- terminals


# C0 controls but tab and newline, a CR that does not end a line (CRLF), DEL, the C1 controls,
# the bidi marks, embeddings, overrides and isolates, lone surrogates. (A regular expression,
# not a str.translate table: building a table of the 2,048 surrogates costs every command
# line start about a millisecond.)
_TERMINAL_UNSAFE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]|\r(?!\n)"
)


def _terminal_escape(match: "re.Match[str]") -> str:
    code = ord(match.group())
    if code == 0x0D:
        return "\\r"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal_text(text: str) -> str:
    r"""*text* made safe to print on a terminal: every control character but tab, newline and a
    CR that ends a line (CRLF), DEL, the C1 controls, the bidirectional marks, embeddings,
    overrides and isolates, and lone surrogates are written as escapes, the way Python's
    ``repr`` writes them (``\x1b``, ``\x07``, ``\r``, ``\u202e``, ``\ud800``).

    So a file cannot clear the screen, move the cursor to overwrite a line, ring the bell or
    reverse the order of the text it is printed in, and the output always encodes as UTF-8.

    >>> terminal_text("ok\x1b[2J\rAll checks passed\u202e")
    'ok\\x1b[2J\\rAll checks passed\\u202e'
    >>> terminal_text("a,b\r\nc\td\n")
    'a,b\r\nc\td\n'
    """
    if _TERMINAL_UNSAFE.search(text) is None:
        return text
    return _TERMINAL_UNSAFE.sub(_terminal_escape, text)


COLOR_MODES = ("auto", "always", "never")
"""The choices of a ``--color`` option."""

_STYLES = {"insert": "32;4", "delete": "31;9", "heading": "1", "dim": "2"}


def use_color(stream: object, mode: str = "auto", environ: Mapping[str, str] | None = None) -> bool:
    """Whether to colour output written to *stream*: ``mode="always"`` or ``"never"`` decide;
    ``"auto"`` colours a terminal (``isatty()``, ``TERM`` not ``dumb``) unless ``NO_COLOR`` is set
    (non-empty, https://no-color.org), and colours anything when ``FORCE_COLOR`` is set (non-empty,
    not ``0``). *environ* defaults to :data:`os.environ`.

    >>> use_color(None, "always"), use_color(None, "never"), use_color(None, environ={"FORCE_COLOR": "1"})
    (True, False, True)
    """
    if mode not in COLOR_MODES:
        raise UnknownChoiceError("colour mode", mode, COLOR_MODES)
    if mode != "auto":
        return mode == "always"
    if environ is None:
        import os

        environ = os.environ
    if environ.get("NO_COLOR"):
        return False
    if environ.get("FORCE_COLOR", "0") not in ("", "0"):
        return True
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty()) and environ.get("TERM") != "dumb"
    except ValueError:  # a closed stream
        return False


def styled(text: str, style: str, *, color: bool) -> str:
    r"""*text* made terminal-safe (:func:`terminal_text`), then, with *color*, wrapped in the ANSI
    codes of *style*: ``"insert"`` (green, underlined), ``"delete"`` (red, struck), ``"heading"``
    (bold) or ``"dim"``. The codes are the library's own: the text itself can hold none.

    >>> styled("new\x1b[2J", "insert", color=True)
    '\x1b[32;4mnew\\x1b[2J\x1b[0m'
    >>> styled("old", "delete", color=False)
    'old'
    """
    if style not in _STYLES:
        raise UnknownChoiceError("style", style, tuple(_STYLES))
    safe = terminal_text(text)
    return f"\x1b[{_STYLES[style]}m{safe}\x1b[0m" if color and safe else safe


# --------------------------------------------------------------------------- tables of named rows

TABLE_FORMATS = ("text", "markdown", "html")


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def table(
    columns: Sequence[str],
    rows: Sequence[tuple[str, Sequence[object]]],
    format: str,
    *,
    corner: str = "",
    width: int = 11,
    caption: str | None = None,
    titles: Sequence[str] | None = None,
) -> str:
    """A table of named rows as aligned text, Markdown or HTML (every text escaped).

    *width* is the text format's minimum cell width; *titles* (HTML) explain the column heads;
    the values (counts) are right-aligned, the row names left-aligned.
    """
    if caption is not None and not isinstance(caption, str):
        raise ArgumentTypeError("table()", "caption", "a string or None", caption)
    if format == "text":
        first = max([len(corner), *(len(name) for name, _ in rows)]) if rows else len(corner)
        head = f"{corner:<{first}}" + "".join(f" {c:>{width}}" for c in columns)
        body = [f"{name:<{first}}" + "".join(f" {v!s:>{width}}" for v in values) for name, values in rows]
        return "\n".join([head, *body]) + "\n"
    if format == "markdown":
        lead = f"| {md_escape(corner)} |" if corner else "| |"
        lines = [lead + " " + " | ".join(md_escape(c) for c in columns) + " |", "|---|" + "---:|" * len(columns)]
        lines += [
            f"| {md_escape(name)} | " + " | ".join(md_escape(str(v)) for v in values) + " |" for name, values in rows
        ]
        return "\n".join(lines) + "\n"
    if format == "html":
        e = html_escape
        tips = list(titles) if titles is not None else [""] * len(columns)
        head = "".join(
            f'<th title="{e(tip)}">{e(c)}</th>' if tip else f"<th>{e(c)}</th>"
            for c, tip in zip(columns, tips, strict=True)
        )
        cells = "".join(
            f"<tr><th>{e(name)}</th>" + "".join(f"<td>{e(str(v))}</td>" for v in values) + "</tr>"
            for name, values in rows
        )
        cap = f"<caption>{e(caption)}</caption>" if caption else ""
        return (
            f'<table class="edc edc-table">{cap}<thead><tr><th>{e(corner)}</th>{head}</tr></thead>'
            f"<tbody>{cells}</tbody></table>"
        )
    raise UnknownFormatError(_format_name(format, "table()"), TABLE_FORMATS)


def records_table(rows: Sequence[Mapping[str, Any]], columns: Sequence[str], format: str) -> str:
    """Records as a table with one column per field: aligned text, a Markdown pipe table or an
    HTML table (every text escaped; ``None`` an empty cell)."""
    texts = [[_cell_text(row.get(c)) for c in columns] for row in rows]
    if format == "text":
        widths = [max([len(c), *(len(r[n]) for r in texts)]) for n, c in enumerate(columns)]
        lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip()]
        lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip() for r in texts]
        return "\n".join(lines) + "\n"
    if format == "markdown":
        lines = ["| " + " | ".join(md_escape(c) for c in columns) + " |", "|" + "---|" * len(columns)]
        lines += ["| " + " | ".join(md_escape(v, newline="<br>") for v in r) + " |" for r in texts]
        return "\n".join(lines) + "\n"
    if format == "html":
        e = html_escape
        head = "".join(f"<th>{e(c)}</th>" for c in columns)
        body = "".join(
            "<tr>"
            + "".join(
                f'<td class="num">{e(v)}</td>' if _is_number(row.get(c)) else f"<td>{e(v)}</td>"
                for c, v in zip(columns, r, strict=True)
            )
            + "</tr>"
            for row, r in zip(rows, texts, strict=True)
        )
        return f'<table class="edc edc-table edc-records"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
    raise UnknownFormatError(_format_name(format, "records_table()"), TABLE_FORMATS)


# --------------------------------------------------------------------------- the shared verbs

FORMATS = ("text", "markdown", "html", "csv", "jsonl", "json")
"""Every format any result renders to; each result class supports the ones it has a ``to_*`` for
(the command line's ``export`` adds ``case``, a CASE package)."""


def _format_name(format: object, function: str) -> str:
    if not isinstance(format, str):
        raise ArgumentTypeError(function, "format", f"a format name (one of {', '.join(FORMATS)})", format)
    return format


THEME_CODES = ("FC", "EI", "SE", "RL")
"""The theme codes in the publication's order: a frame's ``themes`` column comes with one
boolean column per code."""

ColumnType = str | tuple[str, ...]
"""A frame column's type: a pandas dtype name (``"Int64"``, ``"boolean"``, ``"Float64"``,
``"object"``), ``"themes"`` (a list column plus one boolean column per theme) or the ordered
categories of a ``kind`` column (a tuple: a pandas ``Categorical`` in that order)."""


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and value != value)


def _inferred(values: Sequence[object]) -> ColumnType:
    present = [v for v in values if not _missing(v)]
    if present and all(isinstance(v, bool) for v in present):
        return "boolean"
    if present and all(isinstance(v, int) and not isinstance(v, bool) for v in present):
        return "Int64"
    if present and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in present):
        return "Float64"
    return "object"


def _theme_list(value: object) -> list[str]:
    if _missing(value):
        return []
    if isinstance(value, str):
        return value.split()
    if isinstance(value, Iterable):
        return sorted((str(v) for v in value), key=lambda c: THEME_CODES.index(c) if c in THEME_CODES else 99)
    return [str(value)]


def dataframe(
    rows: list[dict[str, Any]],
    feature: str,
    columns: Sequence[str] | None = None,
    dtypes: Mapping[str, ColumnType] | None = None,
) -> "pandas.DataFrame":
    """*rows* as a tidy pandas DataFrame (with *columns*, in that order even when there are no
    rows), or :class:`~edcompetencies.errors.MissingExtraError` naming the extra.

    One convention for every frame the library makes: a missing value is ``pd.NA`` (never a mix
    of None and NaN); a column's type is the one *dtypes* declares for it (see
    :data:`ColumnType`), else the one its values have: whole numbers ``Int64`` (nullable, never
    float64 with NaN), truth values ``boolean``, other numbers ``Float64``, the rest objects. A
    ``themes`` column (declared or not) becomes a list of codes, and the frame ends with one
    boolean column per theme (:data:`THEME_CODES`; the record columns come first, in order).
    A column declared with a tuple of kinds is an ordered ``Categorical`` in that order. The
    records themselves stay plain Python values.
    """
    try:
        import pandas
    except ImportError:
        raise MissingExtraError(feature, "pandas", "pandas") from None
    names = list(columns) if columns is not None else list(dict.fromkeys(k for row in rows for k in row))
    declared = dict(dtypes or {})
    data: dict[str, Any] = {}
    flags: dict[str, Any] = {}
    for name in names:
        values = [row.get(name) for row in rows]
        kind = declared.get(name, "themes" if name == "themes" else _inferred(values))
        if kind == "themes":
            lists = [_theme_list(v) for v in values]
            data[name] = pandas.Series(lists, dtype=object)
            for code in THEME_CODES:
                if code not in names:
                    flags[code] = pandas.array([code in codes for codes in lists], dtype="boolean")
        elif isinstance(kind, tuple):
            cells = [None if _missing(v) else str(v) for v in values]
            data[name] = pandas.Categorical(cells, categories=list(kind), ordered=True)
        elif kind == "object":
            data[name] = pandas.Series([pandas.NA if _missing(v) else v for v in values], dtype=object)
        else:
            data[name] = pandas.array([pandas.NA if _missing(v) else v for v in values], dtype=kind)
    return pandas.DataFrame({**data, **flags}, index=pandas.RangeIndex(len(rows)))


# --------------------------------------------------------------------------- notebook cards

_ID_FIELDS = ("id", "ref", "competency_id", "key", "code", "number", "edition", "group", "old")
_TEXT_FIELDS = ("title", "text", "statement", "term", "definition", "heading", "name", "label", "description")
_CUT = 60
_LONG = 400
_MANY = 6


def cut_text(text: str, width: int = _CUT) -> str:
    """*text* on one line, cut to *width* characters with an ellipsis where it is longer."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "\u2026"


def _scalar(value: object) -> bool:
    return value is None or isinstance(value, (str, int, float, bool, enum.Enum))


def _fields_of(obj: object) -> dict[str, Any]:
    kind: Any = type(obj)
    return {f.name: getattr(obj, f.name) for f in attrs.fields(kind)} if attrs.has(kind) else {}


def _ident(fields: Mapping[str, Any]) -> str | None:
    return next((n for n in _ID_FIELDS if _scalar(fields.get(n)) and fields.get(n) is not None), None)


def _ident_repr(value: object) -> str:
    value = value.value if isinstance(value, enum.Enum) else value
    return repr(cut_text(value) if isinstance(value, str) else value)


def card_repr(obj: object) -> str:
    """A short ``repr`` of an attrs result: the class, its ID (or number) and a cut text, then
    the sizes of its collections, e.g. ``AssessmentTool('2020', 'Self-assessment...', entries=35)``.

    >>> @attrs.frozen(repr=False)
    ... class Note(Card):
    ...     id: str
    ...     text: str
    ...     parts: tuple[str, ...] = ()
    >>> Note("n1", "A very long text " * 9, ("first part", "second part"))
    Note('n1', 'A very long text A very long text A very long text A very l…', parts=2)
    """
    parts: list[str] = []
    fields = _fields_of(obj)
    ident = _ident(fields)
    if ident is not None:
        parts.append(_ident_repr(fields[ident]))
    else:  # the ID of what it is about: an entry's printed competency
        inner = next((_fields_of(v) for v in fields.values() if _ident(_fields_of(v))), None)
        if inner is not None:
            parts.append(_ident_repr(inner[str(_ident(inner))]))
    # the text: the first of the usual names, else the first text field
    text = next(
        (n for n in (*_TEXT_FIELDS, *fields) if n != ident and isinstance(fields.get(n), str) and fields[n]), None
    )
    if text is not None:
        parts.append(repr(cut_text(fields[text])))
    for name, value in fields.items():
        collection = isinstance(value, (tuple, list, frozenset, Mapping)) and value and len(parts) < 5
        if collection and not all(isinstance(v, str) and len(v) <= 3 for v in value):
            parts.append(f"{name}={len(value)}")
    return f"{type(obj).__name__}({', '.join(parts)})"


def _card_value(value: object) -> str:
    e = html_escape
    if isinstance(value, enum.Enum):
        return e(str(value.value))
    if isinstance(value, str):
        if len(value) > _LONG:
            return html_details(cut_text(value), f"<p>{e(value)}</p>")
        return e(value)
    if attrs.has(type(value)):
        return e(repr(value)) if type(value).__repr__ is not object.__repr__ else e(type(value).__name__)
    if isinstance(value, Mapping):
        items = "".join(f"<li>{e(str(k))}: {_card_value(v)}</li>" for k, v in value.items())
        body = f"<ul>{items}</ul>"
        return html_details(f"{len(value)} entries", body) if len(value) > _MANY else body
    if isinstance(value, (tuple, list, frozenset, set)):
        values = sorted(value, key=str) if isinstance(value, (frozenset, set)) else list(value)
        if all(isinstance(v, (str, enum.Enum)) and len(str(getattr(v, "value", v))) <= 3 for v in values):
            return e(" ".join(str(getattr(v, "value", v)) for v in values))
        body = "<ul>" + "".join(f"<li>{_card_value(v)}</li>" for v in values) + "</ul>"
        return html_details(f"{len(values)} items", body) if len(values) > _MANY else body
    return e(str(value))


def html_card(obj: object) -> str:
    """The notebook card of an attrs result: its short ``repr`` as the caption, then a row per
    field that has a value (every text escaped; a long text, a long collection folded away in a
    ``<details>``), under the one stylesheet (``class="edc edc-card"``). Wrap it in
    :func:`html_fragment` for a notebook."""
    e = html_escape
    if isinstance(obj, Mapping):  # Metadata: a row per name
        shown, label = list(obj.items()), f"{type(obj).__name__}: {len(obj)} fields"
    else:
        empty = (tuple, list, frozenset, set, Mapping, str)
        shown = [(n, v) for n, v in _fields_of(obj).items() if v is not None and not (isinstance(v, empty) and not v)]
        label = card_repr(obj)
    rows = "".join(f"<tr><th>{e(str(name))}</th><td>{_card_value(value)}</td></tr>" for name, value in shown)
    return (
        f'<div class="edc edc-card"><table class="edc"><caption>{e(label)}</caption><tbody>{rows}</tbody></table></div>'
    )


def sequence_repr(obj: object, labels: Iterable[str]) -> str:
    """A short ``repr`` of a result sequence: its class, its length and its first few labels.

    >>> sequence_repr((), ["a", "b"])
    '<tuple of 2: a, b>'
    """
    names = list(labels)
    shown = ", ".join(names[:4]) + (", ..." if len(names) > 4 else "")
    return f"<{type(obj).__name__} of {len(names)}: {shown}>"


class Card:
    """The notebook display every public attrs result shares: a short ``repr`` (:func:`card_repr`)
    and a compact card (:func:`html_card`) as ``_repr_html_``. An attrs subclass is declared with
    ``repr=False`` (or defines its own ``__repr__``)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return card_repr(self)

    def _repr_html_(self) -> str:
        return html_fragment(html_card(self))


class Tabular:
    """The verbs every tabular result shares, with the same names, keywords and defaults.

    A subclass defines :attr:`columns` and :meth:`to_records`; by default :meth:`to_text`,
    :meth:`to_markdown` and the HTML are a table of the records, one column per field, and a
    subclass overrides them (and ``_html_body``, ``_title``) with a layout of its own. The rest
    follows: :meth:`to_csv`, :meth:`to_jsonl`, :meth:`to_dataframe`, :meth:`to_html` (a full page,
    or with ``document=False`` a fragment with the stylesheet), :meth:`render` and the
    notebook's ``_repr_html_``.
    """

    __slots__ = ()

    columns: tuple[str, ...] = ()
    """The record fields, in order (the CSV header and the DataFrame columns)."""

    _column_types: ClassVar[Mapping[str, ColumnType]] = {}
    """The frame's declared column types (see :func:`dataframe`); the others are inferred."""

    _style: str = ""
    """Rules of the result's own, added after :data:`STYLE` (best left empty: one stylesheet)."""

    def _fields(self) -> Sequence[str]:
        """The record fields (:attr:`columns`; a class whose ``columns`` means something else overrides this)."""
        return self.columns

    def to_records(self) -> list[dict[str, Any]]:
        """One flat row per entry, ready for a DataFrame or ``csv.DictWriter``."""
        raise NotImplementedError

    def to_text(self) -> str:
        """Plain text for a terminal."""
        return records_table(self.to_records(), self._fields(), "text")

    def to_markdown(self) -> str:
        """Markdown (every text escaped)."""
        return records_table(self.to_records(), self._fields(), "markdown")

    def _html_body(self) -> str:
        return records_table(self.to_records(), self._fields(), "html")

    def _title(self) -> str:
        return type(self).__name__

    def to_html(self, *, document: bool = True) -> str:
        """HTML, every text escaped: a self-contained page, or with ``document=False`` a fragment
        that carries the stylesheet (what a notebook shows)."""
        if not isinstance(document, bool):
            raise ArgumentTypeError(f"{type(self).__name__}.to_html()", "document", "True or False", document)
        if document:
            return html_page(self._title(), self._html_body(), style=self._style)
        style = f"<style>{self._style}</style>" if self._style else ""
        return html_fragment(style + self._html_body())

    def to_csv(self, *, escape_formulas: bool = True) -> str:
        """:meth:`to_records` as CSV (see :func:`csv_text`: formulas neutralised unless
        ``escape_formulas=False``)."""
        return csv_text(self.to_records(), self._fields(), escape_formulas=escape_formulas)

    def to_jsonl(self) -> str:
        """:meth:`to_records` as JSON Lines."""
        return jsonl_text(self.to_records())

    def to_dataframe(self) -> "pandas.DataFrame":
        """:meth:`to_records` as a pandas DataFrame (install the ``pandas`` extra)."""
        return dataframe(self.to_records(), f"{type(self).__name__}.to_dataframe()", self._fields(), self._column_types)

    def render(self, format: str = "text") -> str:
        """The result in *format*: one of the :data:`FORMATS` this class has a ``to_*`` method for."""
        return render(self, format)

    def _repr_html_(self) -> str:
        return self.to_html(document=False)


def render(obj: object, format: str) -> str:
    """Call ``obj.to_<format>()``; an unknown or unsupported format raises
    :class:`~edcompetencies.errors.UnknownFormatError` listing the ones *obj* has, a format that
    is not a string :class:`~edcompetencies.errors.ArgumentTypeError`."""
    name = _format_name(format, f"{type(obj).__name__}.render()")
    supported = tuple(f for f in FORMATS if callable(getattr(obj, f"to_{f}", None)))
    if name not in supported:
        raise UnknownFormatError(name, supported)
    result: str = getattr(obj, f"to_{name}")()
    return result


_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def wrap_lines(text: str, width: int) -> str:
    """Each line of *text* wrapped at spaces to *width* visible columns (the library's own colour
    codes take no room), a continuation indented four spaces past its line's own indent; a word
    longer than the width stays whole, and a table row (columns aligned with runs of spaces) is
    left as it is. Used for text a terminal shows, at the terminal's width.

    >>> print(wrap_lines("    [-old-]{+new+} words here", 16))
        [-old-]{+new+}
            words here
    """
    out = []
    for line in text.split("\n"):
        if len(_ANSI.sub("", line)) <= width or "   " in line.strip():
            out.append(line)
            continue
        indent = line[: len(line) - len(line.lstrip(" "))]
        pad = indent + "    "
        current, visible = indent, len(indent)
        for word in line.lstrip(" ").split(" "):
            size = len(_ANSI.sub("", word))
            if visible + size > width and current.strip():
                out.append(current.rstrip(" "))
                current, visible = pad, len(pad)
            current += word + " "
            visible += size + 1
        out.append(current.rstrip(" "))
    return "\n".join(out)
