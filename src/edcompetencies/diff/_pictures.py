"""Pictures of a diff: the lineage diagram and the chart of changes (see :mod:`edcompetencies.pictures`).

The result types of :mod:`._changes` call these; they read a diff by duck typing, so this module
imports only the drawing functions.
"""

from __future__ import annotations

from typing import Any

from .._markup import cut_text
from ..errors import UnknownChoiceError
from ..pictures import Band, Node, Picture, bars, sankey

# The result types of ._changes, read by their attributes only (duck typing): importing them,
# even for type checking, would tie this module back to the one that imports it.
Diff = Any
Summary = Any

__all__ = ["KIND_ORDER", "LEVELS", "diff_sankey", "drawn_level", "summary_chart"]

KIND_ORDER = ("unchanged", "punctuation", "reworded", "metadata", "moved", "merged", "split", "added", "removed")
"""The fixed order of change kinds in every chart and table."""

LEVELS = ("domain", "competency", "indicator")
"""The levels a lineage diagram draws: domains (a flat framework's top-level items), competencies, indicators."""


def _name(key: str) -> str:
    return key[:1].upper() + key[1:]


def _size(item: Any) -> int:
    """The items a competency (its indicators) or a domain (its competencies and theirs) holds."""
    if hasattr(item, "competencies"):
        return sum(1 + _size(c) for c in item.competencies)
    return sum(1 for _ in item.walk())


def drawn_level(d: Diff) -> str:
    """The level a report draws: the competencies, or the domains of a diff that holds no
    competency (a flat framework's top-level items: its diagram of competencies is empty)."""
    levels = {c.level for c in d.changes}
    return "domain" if "competency" not in levels and "domain" in levels else "competency"


def diff_sankey(d: Diff, level: str = "competency") -> Picture:
    """The lineage diagram of *d*: the old framework's items (grouped by domain, or at the indicator
    level by competency; domains in one column) on the left, the new one's on the right, one band
    per aligned pair, its width the indicators (at the domain level, the items) the pair carries;
    removed and added items end or start in a stub."""
    if level not in LEVELS:
        raise UnknownChoiceError("level", level, LEVELS)

    changes = [c for c in d.changes if c.level == level]
    drawn = {item.id for c in changes for item in (c.old, c.new) if item is not None}

    def nodes(fw: object) -> list[Node]:
        """The items the changes hold (all of them for a whole diff; a selection's only)."""
        out = []
        for domain in fw.domains:  # type: ignore[attr-defined]
            if level == "domain":
                if domain.id in drawn:
                    # a flat framework's domain is named by its statement: cut, as a label
                    out.append(Node(domain.id, cut_text(domain.name, 40), "", max(1, _size(domain))))
                continue
            for c in domain.competencies:
                if level == "competency" and c.id in drawn:
                    out.append(Node(c.id, f"{domain.name} {c.number}", domain.name, max(1, sum(1 for _ in c.walk()))))
                elif level == "indicator":
                    out.extend(
                        Node(i.id, i.id.partition(":")[2], f"{domain.name} {c.number}")
                        for i in c.walk()
                        if i.id in drawn
                    )
        return out

    pairs = {(c.old.id, c.new.id) for c in d.changes if c.old is not None and c.new is not None}
    bands = []
    for c in changes:
        old = c.old.id if c.old is not None else None
        new = c.new.id if c.new is not None else None
        if level != "indicator" and old and new:
            weight = sum(1 for a, b in pairs if a.startswith(old + ".") and b.startswith(new + "."))
        elif level != "indicator":
            item = c.old if c.old is not None else c.new
            weight = _size(item) if item is not None else 1
        else:
            weight = 1
        title = f"{old or 'new'} -> {new or 'removed'}: {c.kind.value}"
        bands.append(Band(old, new, max(weight, 1), c.kind.value, title))
    used = [k for k in KIND_ORDER if any(b.category == k for b in bands)]
    how = "curated lineage" if d.curated else "automatic alignment"
    title = f"{d.old.edition} -> {d.new.edition}: what became of each {level} ({how})"
    left, right = nodes(d.old), nodes(d.new)
    # a box per indicator needs room for its label; so does a domain that holds no item (a flat framework's)
    smallest = min((n.size for n in (*left, *right)), default=1)
    unit = 7.0 if level == "indicator" else max(5.0, 10.0 / smallest) if level == "domain" else 5.0
    return sankey(
        left,
        right,
        bands,
        used,
        title=title,
        left_title=str(d.old.edition),
        right_title=str(d.new.edition),
        unit=unit,
    )


def summary_chart(s: Summary) -> Picture:
    """Changes by kind per domain and per theme, the kinds always in :data:`KIND_ORDER`."""
    panels = [
        ("By domain (all levels)", [(_name(key), row) for key, row in s.by_domain.items()]),
    ]
    if s.by_theme:
        panels.append(("By theme (items tagged in the new edition)", list(s.by_theme.items())))
    return bars(panels, KIND_ORDER, title=f"{s.old_edition} -> {s.new_edition}: changes by kind")
