"""Pictures as plain SVG the library writes itself: lineage diagrams, bar charts, heatmaps.

No plotting library is needed. Every picture is a :class:`Picture`: ``to_svg()`` gives the
SVG text (every label escaped), a notebook shows it through ``_repr_svg_``, ``to_html()``
embeds it in a page and ``save(path)`` writes it. Colours come from the Okabe-Ito palette,
which readers with the common colour-vision deficiencies tell apart, and the meaning never
rests on colour alone: each category also has its own pattern and a legend, and counts are
written on the shapes that are wide enough to hold them.

The drawing functions take plain data, so any program can draw its own:

>>> from edcompetencies import pictures
>>> p = pictures.bars([("Changes", [("cognitive", {"added": 2, "removed": 1})])], ("added", "removed"))
>>> p.to_svg().startswith('<svg xmlns="http://www.w3.org/2000/svg"')
True

The library's own results draw with these: ``diff.compare(...).sankey()``,
``diff.compare(...).summary().chart()``, ``crosswalk.heatmap()`` and
``themes.counts(fw).chart()``.
"""

from __future__ import annotations

import os as _os
import re as _re
from collections.abc import Mapping as _Mapping
from collections.abc import Sequence as _Sequence

import attrs as _attrs

from ._markup import Card as _Card
from ._markup import html_escape as _html_escape
from ._markup import html_page as _html_page

__all__ = ["Band", "Node", "Picture", "bars", "heatmap", "sankey"]


def __dir__() -> list[str]:
    return list(__all__)


# Okabe & Ito (2008), "Color Universal Design": distinguishable with the common deficiencies. A pattern
# per category is drawn over the colour, so that print in grey and every reader tell them apart. The
# well-known categories keep one colour and pattern in every picture (the change kinds and their
# wording classes, the themes, the crosswalk's parts); another gets them by its place among the
# picture's categories.
_LOOKS = {
    "unchanged": ("#999999", ""),
    "same": ("#999999", ""),
    "punctuation": ("#56B4E9", "dots"),
    "editorial": ("#56B4E9", "dots"),
    "reworded": ("#0072B2", "hatch"),
    "substantive": ("#0072B2", "hatch"),
    "moved": ("#F0E442", "cross"),
    "merged": ("#E69F00", "vertical"),
    "split": ("#CC79A7", "back"),
    "added": ("#009E73", "grid"),
    "removed": ("#D55E00", "horizontal"),
    "metadata": ("#000000", ""),
    "FC": ("#E69F00", ""),
    "EI": ("#CC79A7", "hatch"),
    "SE": ("#009E73", "dots"),
    "RL": ("#0072B2", "cross"),
    "one": ("#E69F00", "hatch"),
    "two": ("#0072B2", ""),
    "both": ("#000000", "dots"),
}
_EXTRA = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#999999")
# the patterns' ink, white so that it shows on every colour
_SHAPES = {
    "": "",
    "hatch": '<path d="M0,6 L6,0" stroke="#fff" stroke-width="1.4"/>',
    "dots": '<circle cx="3" cy="3" r="1.2" fill="#fff"/>',
    "cross": '<path d="M0,0 L6,6 M6,0 L0,6" stroke="#fff" stroke-width="1"/>',
    "vertical": '<path d="M3,0 L3,6" stroke="#fff" stroke-width="1.2"/>',
    "back": '<path d="M0,0 L6,6" stroke="#fff" stroke-width="1.4"/>',
    "grid": '<path d="M0,3 L6,3 M3,0 L3,6" stroke="#fff" stroke-width="0.8"/>',
    "horizontal": '<path d="M0,3 L6,3" stroke="#fff" stroke-width="1.2"/>',
}
_PATTERNS = tuple(_SHAPES)
_HALO = 'stroke="#fff" stroke-width="3" paint-order="stroke"'  # a white edge that keeps text readable on a band
_ON_SHAPE = f'font-size="11" text-anchor="middle" fill="#000" {_HALO}'  # a count or a mark written on a shape
_FONT = "font-family:system-ui,-apple-system,'Segoe UI',Helvetica,Arial,sans-serif"


# What XML 1.0 cannot hold (controls but tab/newline/CR, lone surrogates, U+FFFE/U+FFFF) becomes U+FFFD.
_NOT_XML = _re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _e(text: object) -> str:
    return _html_escape(_NOT_XML.sub("\ufffd", str(text)))


def _pattern_defs(names: _Sequence[str]) -> str:
    """A ``<pattern>`` per category: its colour, and its ink over it."""
    out = []
    for i, name in enumerate(names):
        colour, kind = _LOOKS.get(name, (_EXTRA[i % len(_EXTRA)], _PATTERNS[i % len(_PATTERNS)]))
        out.append(
            f'<pattern id="p-{_e(_slug(name))}" width="6" height="6" patternUnits="userSpaceOnUse">'
            f'<rect width="6" height="6" fill="{colour}"/>{_SHAPES[kind]}</pattern>'
        )
    return "<defs>" + "".join(out) + "</defs>"


def _slug(name: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in name.lower())


def _fill(name: str) -> str:
    return f"url(#p-{_e(_slug(name))})"


def _text(x: float, y: float, text: object, style: str) -> str:
    """A label at (*x*, *y*), escaped; *style* holds its other attributes."""
    return f'<text x="{x:.1f}" y="{y:.1f}" {style}>{_e(text)}</text>'


def _svg(width: float, height: float, title: str, body: str, defs: str = "") -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" role="img" aria-label="{_e(title)}" style="{_FONT}">'
        f"<title>{_e(title)}</title>{defs}"
        f'<rect width="100%" height="100%" fill="#fff"/>'
        f'<text x="12" y="24" font-size="16" font-weight="bold" fill="#111">{_e(title)}</text>'
        f"{body}</svg>"
    )


def _legend(names: _Sequence[str], x: float, y: float, labels: _Mapping[str, str] | None = None) -> str:
    out, cx = [], x
    for name in names:
        label = (labels or {}).get(name, name)
        out.append(
            f'<g class="legend-entry"><rect x="{cx:.1f}" y="{y - 10:.1f}" width="14" height="14" '
            f'fill="{_fill(name)}" stroke="#333" stroke-width="0.5"/>'
            + _text(cx + 18, y + 1, label, 'font-size="12" fill="#222"')
            + "</g>"
        )
        cx += _legend_step(label)
    return "".join(out)


def _legend_step(label: str) -> float:
    return 34 + 6.6 * len(label)


def _fit(width: float, title: str, names: _Sequence[str], labels: _Mapping[str, str] | None) -> float:
    """*width*, or wider if the title (bold, 16 px) or the legend (one line from x = 12) needs it,
    so that no label is cut at the picture's edge."""
    legend = 12 + sum(_legend_step((labels or {}).get(name, name)) for name in names) - 16
    return max(width, 9.8 * len(title) + 24, legend + 12)


@_attrs.frozen
class Picture:
    """An SVG picture: ``to_svg()``, ``save(path)``, ``to_html()``; notebooks show it directly."""

    svg: str
    title: str

    def to_svg(self) -> str:
        """The SVG document as text."""
        return self.svg

    def _repr_svg_(self) -> str:
        return self.svg

    def to_html(self, *, document: bool = True) -> str:
        """The picture inside an HTML page (or, with ``document=False``, as an inline fragment)."""
        figure = f'<figure class="edc-picture">{self.svg}</figure>'
        return _html_page(self.title, figure) if document else figure

    def _inline(self, scope: str) -> str:
        """The SVG for a page that holds other pictures: its pattern IDs prefixed with *scope*
        (a slug), so that two pictures' patterns never share an ID."""
        prefix = _slug(scope)
        return self.svg.replace('id="p-', f'id="{prefix}-p-').replace("url(#p-", f"url(#{prefix}-p-")

    def save(self, path: str | _os.PathLike[str]) -> None:
        """Write the SVG to *path* (UTF-8)."""
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(self.svg)

    def __repr__(self) -> str:
        return f"<Picture {self.title!r}: {len(self.svg):,} characters of SVG>"


# --------------------------------------------------------------------------- bars


def bars(
    panels: _Sequence[tuple[str, _Sequence[tuple[str, _Mapping[str, int]]]]],
    categories: _Sequence[str],
    *,
    title: str = "",
    labels: _Mapping[str, str] | None = None,
) -> Picture:
    """Horizontal stacked bars: for each panel, one bar per row, one segment per category.

    *categories* fixes the order of the segments and of the legend, whatever the rows hold
    (a category a row lacks counts 0); *labels* renames categories in the legend.
    """
    label_width = max([len(name) for _, rows in panels for name, _ in rows] + [8]) * 7 + 20
    bar_width, bar_height, gap = 560.0, 18.0, 6.0
    most = max([sum(row.get(c, 0) for c in categories) for _, rows in panels for _, row in rows] + [1])
    scale = bar_width / most
    y = 52.0
    body = [f'<g class="legend">{_legend(categories, 12, y, labels)}</g>']
    y += 22
    for panel_title, rows in panels:
        body.append(
            f'<text x="12" y="{y + 12:.1f}" font-size="13" font-weight="bold" fill="#222">{_e(panel_title)}</text>'
        )
        y += 22
        for name, row in rows:
            body.append(_text(label_width - 8, y + 13, name, 'font-size="12" text-anchor="end" fill="#222"'))
            x = float(label_width)
            total = 0
            for category in categories:
                value = row.get(category, 0)
                total += value
                if not value:
                    continue
                w = value * scale
                body.append(
                    f'<rect class="segment" data-category="{_e(category)}" x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" '
                    f'height="{bar_height:.1f}" fill="{_fill(category)}" stroke="#fff" stroke-width="0.5">'
                    f"<title>{_e(name)}: {_e((labels or {}).get(category, category))} {value}</title></rect>"
                )
                if w >= 22:
                    body.append(_text(x + w / 2, y + 13, value, _ON_SHAPE))
                x += w
            body.append(_text(x + 6, y + 13, total, 'font-size="11" fill="#444"'))
            y += bar_height + gap
        y += 10
    width = _fit(label_width + bar_width + 60, title, categories, labels)
    return Picture(_svg(width, y + 10, title, "".join(body), _pattern_defs(categories)), title)


# --------------------------------------------------------------------------- heatmap


def heatmap(
    rows: _Sequence[str],
    columns: _Sequence[str],
    cells: _Mapping[tuple[str, str], str],
    categories: _Sequence[str],
    *,
    title: str = "",
    labels: _Mapping[str, str] | None = None,
    row_labels: _Mapping[str, str] | None = None,
    column_labels: _Mapping[str, str] | None = None,
    marks: _Mapping[str, str] | None = None,
) -> Picture:
    """A grid of *rows* x *columns*; a cell in *cells* is filled with its category's colour and pattern,
    and carries its mark (*marks*, else the label's initial), so the picture reads without colour too."""
    row_names = [(row_labels or {}).get(r, r) for r in rows]
    col_names = [(column_labels or {}).get(c, c) for c in columns]
    left = max([len(n) for n in row_names] + [6]) * 6.6 + 20
    size = 30.0
    top = 96.0 + max([len(n) for n in col_names] + [4]) * 5.0
    body = [f'<g class="legend">{_legend(categories, 12, 52, labels)}</g>']
    for j, name in enumerate(col_names):
        cx = left + j * size + size / 2
        body.append(
            f'<text transform="translate({cx + 4:.1f},{top - 8:.1f}) rotate(-45)" font-size="11" fill="#222">'
            f"{_e(name)}</text>"
        )
    for i, (row, name) in enumerate(zip(rows, row_names, strict=True)):
        y = top + i * size
        body.append(_text(left - 8, y + size / 2 + 4, name, 'font-size="11" text-anchor="end" fill="#222"'))
        for j, column in enumerate(columns):
            x = left + j * size
            category = cells.get((row, column))
            if category is None:
                body.append(
                    f'<rect x="{x:.1f}" y="{y:.1f}" width="{size:.1f}" height="{size:.1f}" fill="#fff" '
                    'stroke="#ddd" stroke-width="0.5"/>'
                )
                continue
            label = (labels or {}).get(category, category)
            mark = (marks or {}).get(category, label[:1].upper())
            body.append(
                f'<rect class="cell" data-category="{_e(category)}" x="{x:.1f}" y="{y:.1f}" width="{size:.1f}" '
                f'height="{size:.1f}" fill="{_fill(category)}" stroke="#fff" stroke-width="1">'
                f"<title>{_e(name)} x {_e(col_names[j])}: {_e(label)}</title></rect>"
                + _text(x + size / 2, y + size / 2 + 4, mark, _ON_SHAPE)
            )
    longest = max([len(n) for n in col_names] + [4]) * 5.0
    width = _fit(left + len(columns) * size + longest + 20, title, categories, labels)
    height = top + len(rows) * size + 20
    return Picture(_svg(width, height, title, "".join(body), _pattern_defs(categories)), title)


# --------------------------------------------------------------------------- sankey


@_attrs.frozen(repr=False)
class Node(_Card):
    """A box of a lineage diagram: ``size`` is its height in units (e.g. indicators); ``group`` its column group."""

    id: str
    label: str
    group: str
    size: int = 1


@_attrs.frozen(repr=False)
class Band(_Card):
    """A band from a left node to a right node (``target=None``: removed; ``source=None``: added)."""

    source: str | None
    target: str | None
    weight: int
    category: str
    title: str = ""


def sankey(
    left: _Sequence[Node],
    right: _Sequence[Node],
    bands: _Sequence[Band],
    categories: _Sequence[str],
    *,
    title: str = "",
    left_title: str = "",
    right_title: str = "",
    labels: _Mapping[str, str] | None = None,
    unit: float = 5.0,
) -> Picture:
    """A two-column flow diagram: *left* nodes (stacked by group) to *right* nodes, one band per
    entry of *bands*, its width ``weight`` units; bands without a target end in a hatched stub
    ("removed"), bands without a source start from one ("added")."""
    gap, group_gap, node_w = 3.0, 22.0, 12.0
    label_w = max([len(n.label) for n in (*left, *right)] + [10]) * 6.2 + 16
    x_left = label_w + 10
    x_right = x_left + node_w + 420
    width = x_right + node_w + label_w + 10
    out_weight: dict[str, int] = {}
    in_weight: dict[str, int] = {}
    for b in bands:
        if b.source is not None:
            out_weight[b.source] = out_weight.get(b.source, 0) + b.weight
        if b.target is not None:
            in_weight[b.target] = in_weight.get(b.target, 0) + b.weight

    def layout(nodes: _Sequence[Node], flow: dict[str, int]) -> tuple[dict[str, tuple[float, float]], list[str], float]:
        boxes: dict[str, tuple[float, float]] = {}
        heads: list[str] = []
        y, group = 84.0, None
        for n in nodes:
            if n.group != group:
                if group is not None:
                    y += group_gap
                group = n.group
                heads.append(f"{y:.1f}|{n.group}")
                y += 14
            h = max(n.size, flow.get(n.id, 0), 1) * unit
            boxes[n.id] = (y, h)
            y += h + gap
        return boxes, heads, y

    lbox, lheads, lend = layout(left, out_weight)
    rbox, rheads, rend = layout(right, in_weight)
    height = max(lend, rend) + 20
    # band ends: stacked on each node in the order of the other end, to keep crossings few
    lnext = {k: v[0] for k, v in lbox.items()}
    rnext = {k: v[0] for k, v in rbox.items()}

    def other_y(b: Band, side: str) -> float:
        if side == "left":
            return rbox[b.target][0] if b.target in rbox else height
        return lbox[b.source][0] if b.source in lbox else -1.0

    body: list[str] = []
    stub_labels: list[str] = []  # drawn after every band, so that no band hides one
    left_start: dict[int, float] = {}
    for i, b in sorted(enumerate(bands), key=lambda ib: other_y(ib[1], "left")):
        if b.source in lnext:
            left_start[i] = lnext[b.source]
            lnext[b.source] += b.weight * unit
    right_start: dict[int, float] = {}
    for i, b in sorted(enumerate(bands), key=lambda ib: other_y(ib[1], "right")):
        if b.target in rnext:
            right_start[i] = rnext[b.target]
            rnext[b.target] += b.weight * unit
    x0, x1 = x_left + node_w, x_right
    for i, b in enumerate(bands):
        h = b.weight * unit
        if b.source is None and i in right_start:  # added: a stub into the new node
            y1 = right_start[i]
            y0, xs = y1, x1 - 90
        elif b.target is None and i in left_start:  # removed: a stub out of the old node
            y0 = left_start[i]
            y1, xs = y0, x0 + 90
        elif i in left_start and i in right_start:
            y0, y1, xs = left_start[i], right_start[i], x1
        else:
            continue
        start_x = xs if b.source is None else x0
        end_x = xs if b.target is None else x1
        mid = (start_x + end_x) / 2
        d = (
            f"M{start_x:.1f},{y0:.1f} C{mid:.1f},{y0:.1f} {mid:.1f},{y1:.1f} {end_x:.1f},{y1:.1f} "
            f"L{end_x:.1f},{y1 + h:.1f} C{mid:.1f},{y1 + h:.1f} {mid:.1f},{y0 + h:.1f} {start_x:.1f},{y0 + h:.1f} Z"
        )
        label = (labels or {}).get(b.category, b.category)
        body.append(
            f'<path class="band" data-category="{_e(b.category)}" d="{d}" fill="{_fill(b.category)}" '
            f'fill-opacity="0.75" stroke="#fff" stroke-width="0.4"><title>{_e(b.title or label)}</title></path>'
        )
        if b.target is None:
            stub_labels.append(_text(xs + 4, y0 + h / 2 + 4, label, f'font-size="10" fill="#7a2a00" {_HALO}'))
        if b.source is None:
            stub_labels.append(
                _text(xs - 4, y1 + h / 2 + 4, label, f'font-size="10" text-anchor="end" fill="#005a40" {_HALO}')
            )
    body += stub_labels
    for nodes, boxes, x, anchor, tx in (
        (left, lbox, x_left, "end", x_left - 6),
        (right, rbox, x_right, "start", x_right + node_w + 6),
    ):
        for n in nodes:
            y, h = boxes[n.id]
            body.append(
                f'<rect class="node" x="{x:.1f}" y="{y:.1f}" width="{node_w:.1f}" height="{h:.1f}" fill="#333">'
                f"<title>{_e(n.id)}</title></rect>"
                + _text(tx, y + min(h, 14) / 2 + 4, n.label, f'font-size="11" text-anchor="{anchor}" fill="#111"')
            )
    for heads, x, anchor in ((lheads, x_left + node_w, "end"), (rheads, x_right, "start")):
        for head in heads:
            y_text, _, group = head.partition("|")
            style = f'font-size="12" font-weight="bold" text-anchor="{anchor}" fill="#345"'
            body.append(_text(x, float(y_text) + 10, group, style))
    body.append(
        _text(x_left, 72, left_title, 'font-size="13" font-weight="bold" text-anchor="end" fill="#111"')
        + _text(x_right, 72, right_title, 'font-size="13" font-weight="bold" fill="#111"')
        + f'<g class="legend">{_legend(categories, 12, 48, labels)}</g>'
    )
    width = _fit(width, title, categories, labels)
    return Picture(_svg(width, height, title, "".join(body), _pattern_defs(categories)), title)
