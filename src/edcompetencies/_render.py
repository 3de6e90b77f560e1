"""Rendering diffs: plain text, Markdown, HTML (every text escaped), JSON and CSV."""

from __future__ import annotations

import csv
import html
import io
import json
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from ._markup import md_escape
from .errors import UnknownFormatError

if TYPE_CHECKING:  # pragma: no cover
    from .diff import Change, Diff, Summary, WordOp

FORMATS = ("text", "markdown", "html", "json", "csv")
_KIND_ORDER = ("unchanged", "punctuation", "reworded", "moved", "merged", "split", "added", "removed")


# --------------------------------------------------------------------------- redlines


def redline_text(ops: tuple[WordOp, ...]) -> str:
    out = []
    for op in ops:
        if op.op == "equal":
            out.append(op.new)
        if op.op in ("delete", "replace"):
            out.append(f"[-{op.old}-]")
        if op.op in ("insert", "replace"):
            out.append(f"{{+{op.new}+}}")
    return "".join(out)


def redline_markdown(ops: tuple[WordOp, ...]) -> str:
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


def redline_html(ops: tuple[WordOp, ...]) -> str:
    out = []
    for op in ops:
        if op.op == "equal":
            out.append(html.escape(op.new))
        if op.op in ("delete", "replace"):
            out.append(f"<del>{html.escape(op.old)}</del>")
        if op.op in ("insert", "replace"):
            out.append(f"<ins>{html.escape(op.new)}</ins>")
    return "".join(out)


# --------------------------------------------------------------------------- one change


def _label(change: Change) -> str:
    kinds = [change.kind.value]
    if change.text_change is not None and change.text_change != change.kind:
        kinds.append(change.text_change.value)
    if change.moved and change.kind.value != "moved":
        kinds.append("moved")
    if change.renumbered:
        kinds.append("renumbered")
    return ", ".join(kinds)


def _ids(change: Change) -> str:
    old = change.old.id if change.old else "(none)"
    new = change.new.id if change.new else "(none)"
    return f"{old} -> {new}"


def change(change: Change, format: str) -> str:
    if format == "text":
        lines = [f"{_label(change):<24} {_ids(change)}"]
        if change.old is not None and change.new is not None:
            lines.append(f"    similarity {change.similarity:.2f}")
            lines.append("    " + redline_text(change.words))
        else:
            item = change.new or change.old
            assert item is not None
            lines.append("    " + item.text)
        if change.partners:
            lines.append("    with " + ", ".join(change.partners))
        if change.rationale:
            lines.append("    rationale: " + change.rationale)
        return "\n".join(lines) + "\n"
    if format == "markdown":
        head = f"- **{md_escape(_label(change))}** `{_ids(change)}`"
        if change.old is not None and change.new is not None:
            body = f"{redline_markdown(change.words)} (similarity {change.similarity:.2f})"
        else:
            item = change.new or change.old
            assert item is not None
            body = md_escape(item.text)
        extra = ""
        if change.partners:
            extra += f"\n  with {', '.join(f'`{p}`' for p in change.partners)}"
        if change.rationale:
            extra += f"\n  *{md_escape(change.rationale)}*"
        return f"{head}: {body}{extra}\n"
    if format == "html":
        if change.old is not None and change.new is not None:
            body = redline_html(change.words)
        else:
            item = change.new or change.old
            assert item is not None
            tag = "ins" if change.new is not None else "del"
            body = f"<{tag}>{html.escape(item.text)}</{tag}>"
        extra = ""
        if change.partners:
            extra += f'<div class="partners">with {html.escape(", ".join(change.partners))}</div>'
        if change.rationale:
            extra += f'<div class="rationale">{html.escape(change.rationale)}</div>'
        sim = (
            f' <span class="similarity">{change.similarity:.2f}</span>'
            if change.old is not None and change.new is not None
            else ""
        )
        return (
            f'<div class="change kind-{html.escape(change.kind.value)}">'
            f'<div class="head"><span class="kind">{html.escape(_label(change))}</span> '
            f"<code>{html.escape(_ids(change))}</code>{sim}</div>"
            f'<div class="text">{body}</div>{extra}</div>'
        )
    raise UnknownFormatError(format, ("text", "markdown", "html"))


# --------------------------------------------------------------------------- summary


def _summary_rows(s: Summary) -> tuple[list[str], list[tuple[str, dict[str, int]]]]:
    used = [k for k in _KIND_ORDER if any(k in row for row in s.by_kind.values())]
    rows: list[tuple[str, dict[str, int]]] = []
    for level in ("competency", "indicator", "all"):
        if level in s.by_kind:
            rows.append((f"{level}", s.by_kind[level]))
    for key, row in s.by_domain.items():
        rows.append((f"domain: {key}", row))
    for key, row in s.by_theme.items():
        rows.append((f"theme: {key}", row))
    return used, rows


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

    *width* is the text format's minimum cell width; *titles* (HTML) explain the column heads.
    """
    if format == "text":
        first = max([len(corner), *(len(name) for name, _ in rows)]) if rows else len(corner)
        head = f"{corner:<{first}}" + "".join(f" {c:>{width}}" for c in columns)
        body = [f"{name:<{first}}" + "".join(f" {v!s:>{width}}" for v in values) for name, values in rows]
        return "\n".join([head, *body]) + "\n"
    if format == "markdown":
        lead = f"| {md_escape(corner)} |" if corner else "| |"
        lines = [lead + " " + " | ".join(md_escape(c) for c in columns) + " |", "|---|" + "---:|" * len(columns)]
        lines += [f"| {md_escape(name)} | " + " | ".join(str(v) for v in values) + " |" for name, values in rows]
        return "\n".join(lines) + "\n"
    if format == "html":
        tips = titles or [""] * len(columns)
        head = "".join(
            f'<th title="{html.escape(tip)}">{html.escape(c)}</th>' if tip else f"<th>{html.escape(c)}</th>"
            for c, tip in zip(columns, tips, strict=True)
        )
        cells = "".join(
            f"<tr><th>{html.escape(name)}</th>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in values) + "</tr>"
            for name, values in rows
        )
        cap = f"<caption>{html.escape(caption)}</caption>" if caption else ""
        return f"<table>{cap}<thead><tr><th>{html.escape(corner)}</th>{head}</tr></thead><tbody>{cells}</tbody></table>"
    raise UnknownFormatError(format, ("text", "markdown", "html"))


def summary(s: Summary, format: str) -> str:
    cols, named = _summary_rows(s)
    rows = [(name, [row.get(c, 0) for c in cols]) for name, row in named]
    totals = ", ".join(f"{lvl} {a} -> {b}" for lvl, (a, b) in s.totals.items())
    moved = ", ".join(f"{lvl} {n}" for lvl, n in s.moved.items()) or "none"
    title = f"{s.old_edition} -> {s.new_edition}: {totals}; moved: {moved}"
    if format == "text":
        return title + "\n" + table(cols, rows, "text")
    if format == "markdown":
        return md_escape(title) + "\n\n" + table(cols, rows, "markdown")
    if format == "html":
        return f'<div class="summary"><p>{html.escape(title)}</p>{table(cols, rows, "html")}</div>'
    raise UnknownFormatError(format, ("text", "markdown", "html"))


# --------------------------------------------------------------------------- whole diff

_STYLE = (
    "<style>.edc-diff del{background:#fdd;text-decoration:line-through}.edc-diff ins{background:#dfd;"
    "text-decoration:none}.edc-diff .change{margin:.4em 0}.edc-diff .head{font-size:90%;color:#555}"
    ".edc-diff table{border-collapse:collapse}.edc-diff td,.edc-diff th{padding:0 .5em;text-align:right}"
    ".edc-diff .rationale{font-style:italic;color:#555}</style>"
)


def _by_domain(d: Diff) -> list[tuple[str, list[Change]]]:
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
                return dom.name
    return key


def _converter() -> Any:
    import cattrs

    from ._model import Competency, Indicator, Theme
    from .diff import Change, ChangeKind, WordOp

    conv = cattrs.Converter()
    conv.register_unstructure_hook(Theme, lambda t: t.value)
    conv.register_unstructure_hook(ChangeKind, lambda k: k.value)
    conv.register_unstructure_hook(
        Competency, lambda c: {"id": c.id, "kind": "competency", "text": c.statement, "title": c.title}
    )
    conv.register_unstructure_hook(Indicator, lambda i: {"id": i.id, "kind": i.kind, "text": i.text})
    conv.register_unstructure_hook(WordOp, lambda w: {"op": w.op, "old": w.old, "new": w.new})
    base: Callable[[Any], dict[str, Any]] = conv.gen_unstructure_attrs_fromdict(Change)

    def change_hook(c: Change) -> dict[str, Any]:
        out = base(c)
        out["kinds"] = sorted(k.value for k in c.kinds)
        out["level"] = c.level
        out["similarity"] = round(c.similarity, 4)
        out["words"] = [conv.unstructure(w) for w in c.words]
        return out

    conv.register_unstructure_hook(Change, change_hook)
    return conv


def diff(d: Diff, format: str) -> str:
    if format not in FORMATS:
        raise UnknownFormatError(format, FORMATS)
    s = d.summary()
    if format == "json":
        conv = _converter()
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
            },
            "changes": [conv.unstructure(c) for c in d.changes],
        }
        return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    if format == "csv":
        buffer = io.StringIO()
        records = d.to_records()
        fields = list(records[0]) if records else ["level", "kind", "old_id", "new_id"]
        writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(records)
        return buffer.getvalue()
    how = "curated lineage" if d.curated else "automatic alignment"
    title = f"Changes from {d.old.edition} to {d.new.edition} ({how})"
    parts: list[str] = []
    if format == "text":
        parts += [title, "=" * len(title), "", summary(s, "text")]
        for key, changes in _by_domain(d):
            name = _domain_name(d, key)
            parts += ["", name, "-" * len(name)]
            parts += [change(c, "text").rstrip("\n") for c in changes]
        return "\n".join(parts) + "\n"
    if format == "markdown":
        parts += [f"# {md_escape(title)}", "", summary(s, "markdown")]
        for key, changes in _by_domain(d):
            parts += [f"## {md_escape(_domain_name(d, key))}", ""]
            parts += [change(c, "markdown").rstrip("\n") for c in changes]
            parts.append("")
        return "\n".join(parts)
    page = "".join(
        f"<h3>{html.escape(_domain_name(d, key))}</h3>" + "".join(change(c, "html") for c in changes)
        for key, changes in _by_domain(d)
    )
    return f'<div class="edc-diff">{_STYLE}<h2>{html.escape(title)}</h2>{summary(s, "html")}{page}</div>'
