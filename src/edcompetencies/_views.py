"""Tables and printable views of a framework (or a selection of one).

- records: one flat row per item, for a DataFrame, CSV or JSON Lines;
- Markdown and self-contained HTML laid out like the publication: each domain with its
  tagline and introduction, numbered competencies, lettered indicators, theme badges, and a
  theme key; every text escaped. The same HTML, as a fragment, is a notebook's rich display.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from . import _markup
from ._format import dumps
from ._markup import csv_text, html_escape, html_fragment, html_page, jsonl_text, md_code, md_emphasis, md_escape
from ._model import Competency, Domain, Framework, Indicator, Item, Theme, _theme_codes
from .errors import ArgumentTypeError, UnknownFormatError

__all__ = [
    "COLUMNS",
    "COLUMN_TYPES",
    "EXPORT_FORMATS",
    "KINDS",
    "records",
    "render",
    "to_csv",
    "to_html",
    "to_jsonl",
    "to_markdown",
    "to_text",
]

COLUMNS = (
    "edition",
    "id",
    "kind",
    "domain",
    "domain_name",
    "competency",
    "label",
    "depth",
    "path",
    "parent",
    "title",
    "text",
    "themes",
    "code",
    "item_type",
    "identifier",
)
"""The columns of :meth:`Framework.to_records`, in order (the publisher's ``code``, ``item_type``
and ``identifier`` last, so the columns of the packaged editions' tables keep their places)."""

KINDS = ("domain", "competency", "indicator", "sub-indicator")
"""The kinds of item, in the order of the tree: the categories of a frame's ``kind`` column."""

COLUMN_TYPES: dict[str, _markup.ColumnType] = {
    "kind": KINDS,
    "code": "object",
    "item_type": "object",
    "identifier": "object",
}
"""The declared types of :meth:`Framework.to_dataframe`'s columns (the others are inferred,
see :func:`~edcompetencies._markup.dataframe`)."""

EXPORT_FORMATS = ("text", "csv", "jsonl", "json", "markdown", "html")
"""The formats of :meth:`Framework.render`: the shared :data:`~edcompetencies._markup.FORMATS` but text."""


# --------------------------------------------------------------------------- the publisher's labels


def metadata_text(item: Item, name: str) -> str | None:
    """The item's metadata field *name* as text (``None`` when there is none): a CASE item's
    ``CFItemType`` (its item type) or ``identifier``; a value that is not text as canonical JSON."""
    meta = item.metadata
    if not meta or name not in meta:  # the packaged editions have none: no lookup at all
        return None
    value = meta[name]
    if value is None:  # the package has no such field (kept as null so that an export leaves it out)
        return None
    return value if isinstance(value, str) else meta.json_text(name)


def text_code(code: str | None) -> str:
    """`` (L1.10)``: a publisher's code after an item's ID or label in text (nothing without one)."""
    return f" ({code})" if code is not None else ""


def md_code_after(code: str | None) -> str:
    """`` `L1.10` ``: a publisher's code after an item's ID or label in Markdown (nothing without one)."""
    return f" {md_code(code)}" if code is not None else ""


def html_code(code: str | None) -> str:
    """A publisher's code as an HTML span (class ``code``, spaced by the stylesheet), or nothing."""
    return f'<span class="code">{html_escape(code)}</span>' if code is not None else ""


# --------------------------------------------------------------------------- records


def _record(fw: Framework, item: Item, parent: Item | None, domain: Domain, competency: int | None) -> dict[str, Any]:
    path = item.id.partition(":")[2]
    return {
        "edition": fw.edition,
        "id": item.id,
        "kind": item.kind,
        "domain": domain.key,
        "domain_name": domain.name,
        "competency": competency,
        "label": None if isinstance(item, Domain) else item.label,
        "depth": path.count("."),
        "path": path,
        "parent": parent.id if parent is not None else None,
        "title": item.title if isinstance(item, Competency) else None,
        "text": item.text,
        "themes": _theme_codes(getattr(item, "themes", frozenset())),
        "code": item.code,
        "item_type": metadata_text(item, "CFItemType"),
        "identifier": metadata_text(item, "identifier"),
    }


def records(fw: Framework) -> list[dict[str, Any]]:
    """The rows of :meth:`Framework.to_records`, in document order."""
    rows: list[dict[str, Any]] = []

    def indicators(nodes: Iterable[Indicator], parent: Item, domain: Domain, number: int) -> None:
        for node in nodes:
            rows.append(_record(fw, node, parent, domain, number))
            indicators(node.children, node, domain, number)

    for domain in fw.domains:
        rows.append(_record(fw, domain, None, domain, None))
        for competency in domain.competencies:
            rows.append(_record(fw, competency, domain, domain, competency.number))
            indicators(competency.indicators, competency, domain, competency.number)
    return rows


def to_csv(fw: Framework, *, escape_formulas: bool = True) -> str:
    """The records as CSV; a text cell a spreadsheet would run as a formula gets a ``'`` in front
    unless ``escape_formulas=False`` (see :func:`~edcompetencies._markup.csv_text`)."""
    return csv_text(records(fw), COLUMNS, escape_formulas=escape_formulas)


def to_jsonl(fw: Framework) -> str:
    """The records as JSON Lines."""
    return jsonl_text(records(fw))


# --------------------------------------------------------------------------- Markdown


def _md_badges(themes: frozenset[Theme]) -> str:
    return "".join(f" `{t.value}`" for t in Theme if t in themes)


def _competency_heading(c: Competency) -> str:
    return f"{c.number}. {c.title}" if c.title else f"Competency {c.number}"


def _md_indicators(nodes: Iterable[Indicator], depth: int, out: list[str]) -> None:
    for node in nodes:
        code = f"{md_code(node.code)} " if node.code is not None else ""
        out.append(
            f"{'  ' * depth}- **{md_escape(node.label)}.** {code}{md_escape(node.text)}{_md_badges(node.themes)}"
        )
        _md_indicators(node.children, depth + 1, out)


def _md_competency(c: Competency, out: list[str], level: int) -> None:
    heading = f"{c.number}. {md_escape(c.title)}" if c.title else f"Competency {c.number}"
    out += [
        f"{'#' * level} {heading}{md_code_after(c.code)}{_md_badges(c.themes)}",
        "",
        md_escape(c.statement, line_start=True),
        "",
    ]
    if c.indicators:
        _md_indicators(c.indicators, 0, out)
        out.append("")


def _md_domain(d: Domain, out: list[str], level: int) -> None:
    tagline = f" ({md_escape(d.tagline)})" if d.tagline else ""
    out += [f"{'#' * level} {md_escape(d.name)}{md_code_after(d.code)}{tagline}", ""]
    if d.description:
        out += [md_escape(d.description, line_start=True), ""]
    for c in d.competencies:
        _md_competency(c, out, level + 1)


def _used_themes(fw: Framework) -> list[Theme]:
    used: set[Theme] = set()
    for item in fw.items():
        used |= getattr(item, "themes", frozenset())
    return [t for t in Theme if t in used]


def _check_caption(function: str, caption: object) -> None:
    if caption is not None and not isinstance(caption, str):
        raise ArgumentTypeError(function, "caption", "a string or None", caption)


def text_tags(themes: frozenset[Theme]) -> str:
    """`` [EI SE]``: an item's theme codes after it in text (nothing without themes)."""
    codes = _theme_codes(themes)
    return f" [{codes}]" if codes else ""


def _meta(fw: Framework) -> str:
    """The publishers and the licence, as the page's line under the title (empty without them)."""
    return ". ".join(part for part in (", ".join(fw.publishers), fw.license) if part)


def to_text(fw: Framework, *, notes: bool = True, caption: str | None = None) -> str:
    """The framework as plain text: each domain, its competencies and their indicators, indented,
    with theme tags in brackets (the command line's ``show`` layout, without wrapping)."""
    out = [f"{fw.title} ({fw.edition})"]
    if caption:
        out.append(caption)

    def indicators(nodes: Iterable[Indicator], pad: str) -> None:
        for node in nodes:
            out.append(f"{pad}{node.label}.{text_code(node.code)} {node.text}{text_tags(node.themes)}")
            indicators(node.children, pad + "   ")

    for domain in fw.domains:
        tagline = f": {domain.tagline}" if domain.tagline else ""
        out += ["", f"{domain.name}{text_code(domain.code)}{tagline}"]
        for c in domain.competencies:
            out.append(f"  {_competency_heading(c)}{text_code(c.code)}{text_tags(c.themes)}")
            out.append(f"     {c.statement}")
            indicators(c.indicators, "     ")
    if notes and fw.notes:
        out += ["", "Source notes:"] + [f"  {n.id} ({n.kind.value}): {n.text}" for n in fw.notes]
    return "\n".join(out) + "\n"


def to_markdown(fw: Framework, *, notes: bool = True, caption: str | None = None) -> str:
    """The framework as a Markdown document laid out like the publication."""
    _check_caption("Framework.to_markdown()", caption)
    out = [f"# {md_escape(fw.title)} ({fw.edition})", ""]
    if caption:
        out += [md_emphasis(caption), ""]
    if meta := _meta(fw):
        out += [md_escape(meta, line_start=True) + ".", ""]
    used = _used_themes(fw)
    if used:
        out += ["Theme key: " + "; ".join(f"`{t.value}` {t.label}" for t in used) + ".", ""]
    for domain in fw.domains:
        _md_domain(domain, out, 2)
    if notes and fw.notes:
        out += ["## Source notes", ""]
        out += [f"- **{md_escape(n.id)}** ({n.kind.value}): {md_escape(n.text)}" for n in fw.notes]
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def item_markdown(item: Item) -> str:
    """One domain, competency or indicator as Markdown."""
    out: list[str] = []
    if isinstance(item, Domain):
        _md_domain(item, out, 2)
    elif isinstance(item, Competency):
        _md_competency(item, out, 3)
    else:
        _md_indicators([item], 0, out)
    return "\n".join(out).rstrip("\n") + "\n"


# --------------------------------------------------------------------------- HTML


_e = html_escape


def _badges(themes: frozenset[Theme]) -> str:
    badges = "".join(
        f'<span class="badge badge-{t.value}" title="{_e(t.label)}">{t.value}</span>' for t in Theme if t in themes
    )
    return f'<span class="badges">{badges}</span>' if badges else ""


def _html_indicators(nodes: Iterable[Indicator]) -> str:
    items = "".join(
        f'<li id="{_e(n.id)}"><span class="label">{_e(n.label)}.</span>{html_code(n.code)}'
        f"{_e(n.text)}{_badges(n.themes)}" + (_html_indicators(n.children) if n.children else "") + "</li>"
        for n in nodes
    )
    return f'<ul class="edc-ind">{items}</ul>'


def _html_competency(c: Competency) -> str:
    return (
        f'<section class="edc-comp" id="{_e(c.id)}">'
        f"<h3>{_e(_competency_heading(c))}{html_code(c.code)}{_badges(c.themes)}</h3>"
        f"<p>{_e(c.statement)}</p>" + (_html_indicators(c.indicators) if c.indicators else "") + "</section>"
    )


def _html_domain(d: Domain) -> str:
    tagline = f'<span class="tagline">{_e(d.tagline)}</span>' if d.tagline else ""
    description = f'<p class="description">{_e(d.description)}</p>' if d.description else ""
    return (
        f'<section class="edc-domain" id="{_e(d.id)}"><h2>{_e(d.name)}{html_code(d.code)}{tagline}</h2>{description}'
        + "".join(_html_competency(c) for c in d.competencies)
        + "</section>"
    )


def _html_body(fw: Framework, notes: bool, caption: str | None) -> str:
    parts = [f"<header><h1>{_e(fw.title)} ({_e(str(fw.edition))})</h1>"]
    if caption:
        parts.append(f'<p class="caption">{_e(caption)}</p>')
    if meta := _meta(fw):
        parts.append(f'<p class="meta">{_e(meta)}.</p>')
    used = _used_themes(fw)
    if used:
        key = "; ".join(f"{_badges(frozenset({t}))} {_e(t.label)}" for t in used)
        parts.append(f'<p class="key">Theme key: {key}</p>')
    parts.append("</header>")
    parts += [_html_domain(d) for d in fw.domains]
    if notes and fw.notes:
        rows = "".join(f"<li><b>{_e(n.id)}</b> ({_e(n.kind.value)}): {_e(n.text)}</li>" for n in fw.notes)
        parts.append(f'<section class="notes"><h2>Source notes</h2><ul>{rows}</ul></section>')
    return "".join(parts)


def to_html(fw: Framework, *, document: bool = True, notes: bool = True, caption: str | None = None) -> str:
    """The framework as HTML: a self-contained page (``document=True``) or a fragment with the stylesheet."""
    _check_caption("Framework.to_html()", caption)
    if not isinstance(document, bool):
        raise ArgumentTypeError("Framework.to_html()", "document", "True or False", document)
    body = f'<article class="edc edc-fw">{_html_body(fw, notes, caption)}</article>'
    return html_page(f"{fw.title} ({fw.edition})", body) if document else html_fragment(body)


def item_html(item: Item) -> str:
    """One domain, competency or indicator as an HTML fragment with its style (notebook display)."""
    if isinstance(item, Domain):
        body = _html_domain(item)
    elif isinstance(item, Competency):
        body = _html_competency(item)
    else:
        body = _html_indicators([item])
    return html_fragment(f'<article class="edc edc-fw">{body}</article>')


# --------------------------------------------------------------------------- one entry point


def render(fw: Framework, format: str, *, caption: str | None = None) -> str:
    """*fw* in one of :data:`EXPORT_FORMATS` (*caption*, e.g. what was selected, heads a page)."""
    if not isinstance(format, str):
        raise ArgumentTypeError("Framework.render()", "format", f"a format name ({', '.join(EXPORT_FORMATS)})", format)
    if format in _LAYOUTS:
        return _LAYOUTS[format](fw, caption=caption)
    if format in _EXPORTS:
        return _EXPORTS[format](fw)
    raise UnknownFormatError(format, EXPORT_FORMATS)


_LAYOUTS: dict[str, Callable[..., str]] = {"text": to_text, "markdown": to_markdown, "html": to_html}
_EXPORTS: dict[str, Callable[[Framework], str]] = {"csv": to_csv, "jsonl": to_jsonl, "json": dumps}
