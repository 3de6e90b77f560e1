"""Rendering diffs: redlines, one change, the summary and the whole report (every text escaped).

This module knows the result types only by their attributes (``change.kind.value``,
``diff.changes``, ``summary.by_kind`` ...): it imports nothing above the word operations
and the alignment's :func:`text_of`, so the result types can import it and no circle forms.
CSV, the page shell and the shared verbs come from :mod:`edcompetencies._markup`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from .._markup import html_escape, md_escape, styled, table, terminal_text
from .._model import Competency, Domain, Indicator, StrEnum
from ._align import text_of
from ._wordops import WordOp

# The result types of ._changes, read by their attributes only (duck typing): importing them,
# even for type checking, would tie this module back to the one that imports it.
Change = Any
Diff = Any
FieldChange = Any
Summary = Any

__all__ = [
    "REDLINE_THRESHOLD",
    "between",
    "change_html",
    "change_markdown",
    "change_text",
    "diff_html",
    "diff_json",
    "diff_markdown",
    "diff_text",
    "diff_title",
    "field_html",
    "field_markdown",
    "field_text",
    "framework_html",
    "framework_markdown",
    "framework_text",
    "redline_html",
    "redline_markdown",
    "redline_text",
    "side_by_side_html",
    "summary_html",
    "summary_markdown",
    "summary_text",
    "table",
]


# --------------------------------------------------------------------------- redlines

REDLINE_THRESHOLD = 0.35
"""Below this word similarity a pair is shown as its old text and its new text: a word-by-word
redline between two unrelated sentences is noise."""

_LEGEND_TAIL = (
    f"pairs whose words are less than {REDLINE_THRESHOLD:.0%} alike are shown as old and new text, not word by word"
)


def _redlined(change: Change) -> bool:
    return change.old is not None and change.new is not None and change.similarity >= REDLINE_THRESHOLD


def _plain(text: str, color: bool) -> str:
    """*text* as it goes into a coloured report (terminal-safe: the report's own codes are the only
    escapes in it) or a plain one (as it is; the terminal writer escapes it when printed)."""
    return terminal_text(text) if color else text


def _paint(text: str, style: str, color: bool) -> str:
    return styled(text, style, color=True) if color else text


def redline_text(ops: Sequence[WordOp], *, color: bool = False) -> str:
    """``[-deleted-]{+inserted+}``; with *color*, terminal-safe and the markers with their text
    coloured (deletions red and struck, insertions green and underlined, see
    :func:`edcompetencies._markup.styled`)."""
    out = []
    for op in ops:
        if op.op == "equal":
            out.append(_plain(op.new, color))
        if op.op in ("delete", "replace"):
            out.append(_paint(f"[-{op.old}-]", "delete", color))
        if op.op in ("insert", "replace"):
            out.append(_paint(f"{{+{op.new}+}}", "insert", color))
    return "".join(out)


def redline_markdown(ops: Sequence[WordOp]) -> str:
    """``~~deleted~~ **inserted**``; the spaces around a change stay outside the markers
    (Markdown ignores ``~~ text~~``), and a space on either side of either text is kept."""
    out = []
    for op in ops:
        if op.op == "equal":
            out.append(md_escape(op.new))
            continue
        marks = []
        if op.old.strip():
            marks.append(f"~~{md_escape(op.old.strip())}~~")
        if op.new.strip():
            marks.append(f"**{md_escape(op.new.strip())}**")
        if not marks:  # a change of whitespace only
            out.append(op.new)
            continue
        lead = any(span[:1].isspace() for span in (op.old, op.new))
        trail = any(span[-1:].isspace() for span in (op.old, op.new))
        out.append((" " if lead else "") + " ".join(marks) + (" " if trail else ""))
    return "".join(out)


def _marked(tag: str, text: str) -> str:
    """*text* in ``<ins>`` or ``<del>``; a space alone gets ``class="space"`` (kept, never collapsed
    or wrapped away, by the stylesheet) and a title, or the mark would not show."""
    if text.strip():
        return f"<{tag}>{html_escape(text)}</{tag}>"
    what = "inserted" if tag == "ins" else "deleted"
    return f'<{tag} class="space" title="a space {what}">{html_escape(text)}</{tag}>'


def redline_html(ops: Sequence[WordOp]) -> str:
    """``<del>deleted</del><ins>inserted</ins>``."""
    out = []
    for op in ops:
        if op.op == "equal":
            out.append(html_escape(op.new))
        if op.op in ("delete", "replace"):
            out.append(_marked("del", op.old))
        if op.op in ("insert", "replace"):
            out.append(_marked("ins", op.new))
    return "".join(out)


# --------------------------------------------------------------------------- one change


def _label(change: Change) -> str:
    kinds = [change.kind.value]
    text = change.text_change.value if change.text_change is not None else None
    if text is not None and text != change.kind.value and (text, change.kind.value) != ("unchanged", "metadata"):
        kinds.append(text)
    if change.kind.value != "metadata" and "metadata" in {k.value for k in change.kinds}:
        kinds.append("metadata")
    if change.moved and change.kind.value != "moved":
        kinds.append("moved")
    if change.renumbered:
        kinds.append("renumbered")
    return ", ".join(kinds)


def _ids(change: Change) -> str:
    old = change.old.id if change.old else "(none)"
    new = change.new.id if change.new else "(none)"
    return f"{old} -> {new}"


def _text(change: Change) -> str:
    """The text of an added or removed item."""
    return text_of(change.new) if change.new is not None else text_of(change.old) if change.old is not None else ""


MAX_VALUE = 200
"""A metadata value longer than this (as JSON) is shown cut, with its length; the records and the
JSON report keep it whole."""


def _value(f: FieldChange, side: str) -> str:
    text = str(f.value_text(side))
    if f.is_text or len(text) <= MAX_VALUE:
        return text
    return f"{text[: MAX_VALUE - 20]}... ({len(text):,} characters)"


def _field_redlined(f: FieldChange) -> bool:
    return bool(f.is_text and f.old is not None and f.new is not None and f.similarity >= REDLINE_THRESHOLD)


def field_text(f: FieldChange, *, color: bool = False) -> str:
    """One changed field as a line of text: a domain's text as a redline, a value as old -> new."""
    name = _plain(f.field, color)
    if _field_redlined(f):
        return f"    {name}: " + redline_text(f.words, color=color)
    old = _paint(_plain(_value(f, "old"), color), "delete", color)
    new = _paint(_plain(_value(f, "new"), color), "insert", color)
    return f"    {name}: {old} -> {new}"


def field_markdown(f: FieldChange) -> str:
    if _field_redlined(f):
        return f"\n  {md_escape(f.field)}: {redline_markdown(f.words)}"
    return f"\n  {md_escape(f.field)}: ~~{md_escape(_value(f, 'old'))}~~ -> **{md_escape(_value(f, 'new'))}**"


def field_html(f: FieldChange) -> str:
    if _field_redlined(f):
        body = redline_html(f.words)
    else:
        body = f"<del>{html_escape(_value(f, 'old'))}</del> &rarr; <ins>{html_escape(_value(f, 'new'))}</ins>"
    kind = "metadata" if not f.is_text else "text"
    return f'<div class="field field-{kind}"><span class="name">{html_escape(f.field)}</span>: {body}</div>'


def _side_field(f: FieldChange, side: str) -> str:
    """A changed field in one column of the side-by-side view."""
    tag = "del" if side == "old" else "ins"
    if _field_redlined(f):
        value = "".join(
            html_escape(getattr(op, side)) if op.op == "equal" else _marked(tag, getattr(op, side))
            for op in f.words
            if getattr(op, side)
        )
    else:
        value = f"<{tag}>{html_escape(_value(f, side))}</{tag}>"
    return f'<div class="field"><span class="name">{html_escape(f.field)}</span>: {value}</div>'


def change_text(change: Change, *, color: bool = False) -> str:
    """One change as text; with *color*, terminal-safe, the head bold and the redline coloured."""
    t = _plain
    lines = [_paint(t(f"{_label(change):<24} {_ids(change)}", color), "heading", color)]
    if change.old is not None and change.new is not None:
        lines.append(f"    similarity {change.similarity:.2f}")
        if _redlined(change):
            lines.append("    " + redline_text(change.words, color=color))
        else:
            lines += [
                "    old: " + _paint(_plain(text_of(change.old), color), "delete", color),
                "    new: " + _paint(_plain(text_of(change.new), color), "insert", color),
            ]
    else:
        style = "insert" if change.new is not None else "delete"
        lines.append("    " + _paint(_plain(_text(change), color), style, color))
    lines += [field_text(f, color=color) for f in change.fields]
    if change.partners:
        lines.append("    with " + t(", ".join(change.partners), color))
    if change.rationale:
        lines.append("    " + _paint("rationale: " + t(change.rationale, color), "dim", color))
    return "\n".join(lines) + "\n"


def change_markdown(change: Change) -> str:
    head = f"- **{md_escape(_label(change))}** `{_ids(change)}`"
    if change.old is not None and change.new is not None and _redlined(change):
        body = f"{redline_markdown(change.words)} (similarity {change.similarity:.2f})"
    elif change.old is not None and change.new is not None:
        body = (
            f"(similarity {change.similarity:.2f})\n  old: ~~{md_escape(text_of(change.old))}~~\n"
            f"  new: **{md_escape(text_of(change.new))}**"
        )
    else:
        body = md_escape(_text(change))
    extra = "".join(field_markdown(f) for f in change.fields)
    if change.partners:
        extra += f"\n  with {', '.join(f'`{p}`' for p in change.partners)}"
    if change.rationale:
        extra += f"\n  *{md_escape(change.rationale)}*"
    return f"{head}: {body}{extra}\n"


def side_by_side_html(change: Change) -> str:
    """The old text | the new text, a two-column table: in the old column what was deleted is struck
    (``<del>``), in the new one what was inserted is underlined (``<ins>``); a pair less than
    :data:`REDLINE_THRESHOLD` alike is struck and underlined whole, as is a removed or added text."""
    if change.old is not None and change.new is not None and _redlined(change):
        old = "".join(
            html_escape(op.old) if op.op == "equal" else _marked("del", op.old) for op in change.words if op.old
        )
        new = "".join(
            html_escape(op.new) if op.op == "equal" else _marked("ins", op.new) for op in change.words if op.new
        )
    else:
        old = (
            f"<del>{html_escape(text_of(change.old))}</del>"
            if change.old is not None
            else '<span class="none">(none)</span>'
        )
        new = (
            f"<ins>{html_escape(text_of(change.new))}</ins>"
            if change.new is not None
            else '<span class="none">(none)</span>'
        )
    old += "".join(_side_field(f, "old") for f in change.fields)
    new += "".join(_side_field(f, "new") for f in change.fields)
    return (
        '<table class="sbs"><thead><tr><th scope="col">old</th><th scope="col">new</th></tr></thead>'
        f'<tbody><tr><td class="old">{old}</td><td class="new">{new}</td></tr></tbody></table>'
    )


def change_html(change: Change, *, side_by_side: bool = False) -> str:
    """One change as HTML: its kinds, IDs and similarity, then the word redline (or the old and the new
    text), or with *side_by_side* the two texts in two columns (:func:`side_by_side_html`)."""
    if side_by_side:
        body = side_by_side_html(change)
    elif change.old is not None and change.new is not None and _redlined(change):
        body = redline_html(change.words)
    elif change.old is not None and change.new is not None:
        body = (
            f'<div class="old">old: <del>{html_escape(text_of(change.old))}</del></div>'
            f'<div class="new">new: <ins>{html_escape(text_of(change.new))}</ins></div>'
        )
    else:
        tag = "ins" if change.new is not None else "del"
        body = f"<{tag}>{html_escape(_text(change))}</{tag}>"
    if not side_by_side:
        body += "".join(field_html(f) for f in change.fields)
    extra = ""
    if change.partners:
        extra += f'<div class="partners">with {html_escape(", ".join(change.partners))}</div>'
    if change.rationale:
        extra += f'<div class="rationale">{html_escape(change.rationale)}</div>'
    sim = (
        f' <span class="similarity">{change.similarity:.2f}</span>'
        if change.old is not None and change.new is not None
        else ""
    )
    return (
        f'<div class="change kind-{html_escape(change.kind.value)}">'
        f'<div class="head"><span class="kind">{html_escape(_label(change))}</span> '
        f"<code>{html_escape(_ids(change))}</code>{sim}</div>"
        f'<div class="text">{body}</div>{extra}</div>'
    )


# --------------------------------------------------------------------------- tables and the summary


def summary_text(s: Summary, *, color: bool = False) -> str:
    columns, rows = s._table()
    return _plain(s._heading() + "\n" + table(columns, rows, "text"), color)


def summary_markdown(s: Summary) -> str:
    columns, rows = s._table()
    heading = "\n\n".join(md_escape(line) for line in s._heading().split("\n"))
    return heading + "\n\n" + table(columns, rows, "markdown")


def summary_html(s: Summary) -> str:
    columns, rows = s._table()
    heading = "".join(f"<p>{html_escape(line)}</p>" for line in s._heading().split("\n"))
    return f'<div class="summary">{heading}{table(columns, rows, "html")}</div>'


# --------------------------------------------------------------------------- the whole diff


def _by_domain(d: Diff) -> list[tuple[str, list[Change]]]:
    """The changes grouped by domain key, in the domains' order (new framework first)."""
    groups: dict[str, list[Change]] = {}
    for key in [x.key for x in d.new.domains] + [x.key for x in d.old.domains]:
        groups.setdefault(key, [])
    for c in d.changes:
        groups.setdefault(c.domain, []).append(c)
    return [(k, v) for k, v in groups.items() if v]


def _domain_name(d: Diff, key: str) -> str:
    for fw in (d.new, d.old):
        for dom in fw.domains:
            if dom.key == key:
                return str(dom.name)
    return key


_FRAMEWORK = "The framework"


def framework_text(d: Diff, *, color: bool = False) -> list[str]:
    """The framework's changed fields, as lines under a heading (none if nothing changed)."""
    if not d.framework_changes:
        return []
    lines = ["", _paint(_FRAMEWORK, "heading", color), "-" * len(_FRAMEWORK)]
    return lines + [field_text(f, color=color).strip() for f in d.framework_changes]


def framework_markdown(d: Diff) -> list[str]:
    if not d.framework_changes:
        return []
    return [f"## {_FRAMEWORK}", "", *(f"- {field_markdown(f).strip()}" for f in d.framework_changes), ""]


def framework_html(d: Diff) -> str:
    if not d.framework_changes:
        return ""
    return f"<h3>{_FRAMEWORK}</h3>" + "".join(field_html(f) for f in d.framework_changes)


def between(old: int | str, new: int | str) -> str:
    """The two editions a report compares, as its title names them: two of one edition (two versions
    of a package that gives no version of its own, named by the year of its last change) are said
    to be that, not "from 2018 to 2018" alone.

    >>> between(2015, 2020), between(2018, "2018")
    ('from 2015 to 2020', 'from 2018 to 2018, two versions of one edition')
    """
    same = ", two versions of one edition" if str(old) == str(new) else ""
    return f"from {old} to {new}{same}"


def diff_title(d: Diff) -> str:
    how = "curated lineage" if d.curated else "automatic alignment"
    return f"Changes {between(d.old.edition, d.new.edition)} ({how})"


def diff_text(d: Diff, *, color: bool = False) -> str:
    """The report as text; with *color*, terminal-safe, with the library's own ANSI codes: headings
    bold, deletions red and struck, insertions green and underlined (the markers stay)."""
    title = _plain(diff_title(d), color)
    legend = (
        f"Notation: {_paint('[-deleted-]', 'delete', color)} {_paint('{+inserted+}', 'insert', color)}; {_LEGEND_TAIL}."
    )
    parts = [_paint(title, "heading", color), "=" * len(title), "", summary_text(d.summary(), color=color), legend]
    parts += framework_text(d, color=color)
    for key, changes in _by_domain(d):
        name = _plain(_domain_name(d, key), color)
        parts += ["", _paint(name, "heading", color), "-" * len(name)]
        parts += [change_text(c, color=color).rstrip("\n") for c in changes]
    return "\n".join(parts) + "\n"


def diff_markdown(d: Diff) -> str:
    legend = f"Notation: ~~deleted~~ **inserted**; {_LEGEND_TAIL}."
    parts = [f"# {md_escape(diff_title(d))}", "", summary_markdown(d.summary()), legend, ""]
    parts += framework_markdown(d)
    for key, changes in _by_domain(d):
        parts += [f"## {md_escape(_domain_name(d, key))}", ""]
        parts += [change_markdown(c).rstrip("\n") for c in changes]
        parts.append("")
    return "\n".join(parts)


def _figures(d: Diff) -> str:
    """The lineage diagram (of the competencies, or of the domains where there are none) and the
    chart of changes, inline SVG, each in a scrollable figure."""
    pictures = (("sankey", d.sankey()), ("chart", d.summary().chart()))
    return "".join(
        f'<figure class="edc-picture" style="margin:1em 0;overflow-x:auto">{picture._inline(scope)}</figure>'
        for scope, picture in pictures
    )


def diff_html(d: Diff, *, pictures: bool = True, side_by_side: bool = False) -> str:
    """The report as an HTML fragment in ``<div class="edc edc-diff">`` (styled by ``_markup.STYLE``);
    with *pictures*, the lineage diagram and the chart of changes after the summary; with
    *side_by_side* each change shows its old and new text in two columns."""
    body = "".join(
        f"<h3>{html_escape(_domain_name(d, key))}</h3>"
        + "".join(change_html(c, side_by_side=side_by_side) for c in changes)
        for key, changes in _by_domain(d)
    )
    legend = f'<p class="legend">Notation: <del>deleted</del> <ins>inserted</ins>; {html_escape(_LEGEND_TAIL)}.</p>'
    title = html_escape(diff_title(d))
    figures = _figures(d) if pictures else ""
    head = f"<h2>{title}</h2>{summary_html(d.summary())}{legend}{figures}{framework_html(d)}"
    return f'<div class="edc edc-diff">{head}{body}</div>'


def diff_json(d: Diff, change_type: type[Change]) -> str:
    """The summary and every change with its word operations, as JSON.

    A plain cattrs ``Converter`` with hooks for the model's items, the enums and word
    operations; *change_type* is the :class:`Change` class (passed in so that this module
    does not import the result types).
    """
    import cattrs

    conv = cattrs.Converter()
    conv.register_unstructure_hook_func(lambda t: isinstance(t, type) and issubclass(t, StrEnum), lambda e: e.value)
    conv.register_unstructure_hook(
        Competency, lambda c: {"id": c.id, "kind": "competency", "text": c.statement, "title": c.title}
    )
    conv.register_unstructure_hook(Indicator, lambda i: {"id": i.id, "kind": i.kind, "text": i.text})
    conv.register_unstructure_hook(
        Domain,
        lambda d: {
            "id": d.id,
            "kind": "domain",
            "text": d.name,
            **{name: getattr(d, name) for name in ("tagline", "description", "overview")},
        },
    )
    conv.register_unstructure_hook(WordOp, lambda w: {"op": w.op, "old": w.old, "new": w.new})
    base: Callable[[Any], dict[str, Any]] = conv.gen_unstructure_attrs_fromdict(change_type)

    def field_hook(f: FieldChange) -> dict[str, Any]:
        out = {"field": f.field, "kind": f.kind.value, "old": f.old, "new": f.new}
        if f.is_text:
            out["words"] = [conv.unstructure(w) for w in f.words]
        return out

    def change_hook(c: Change) -> dict[str, Any]:
        out = base(c)
        out["kinds"] = sorted(k.value for k in c.kinds)
        out["level"] = c.level
        out["similarity"] = round(c.similarity, 4)
        out["words"] = [conv.unstructure(w) for w in c.words]
        out["fields"] = [field_hook(f) for f in c.fields]
        return out

    s = d.summary()
    data = {
        "format": "edcompetencies/diff",
        "old": d.old.edition,
        "new": d.new.edition,
        "curated": d.curated,
        "summary": {
            "by_kind": s.by_kind,
            "by_domain": s.by_domain,
            "by_theme": s.by_theme,
            "moved": s.moved,
            "totals": {k: list(v) for k, v in s.totals.items()},
            "metadata": s.metadata,
        },
        "framework_changes": [field_hook(f) for f in d.framework_changes],
        "changes": [change_hook(c) for c in d.changes],
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
