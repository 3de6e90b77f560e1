"""Pictures of a diff: the lineage diagram and the chart of changes (see :mod:`edcompetencies.pictures`).

The result types of :mod:`._changes` call these; they read a diff by duck typing, so this module
imports only the drawing functions.
"""

from __future__ import annotations

from typing import Any

from ..errors import UnknownChoiceError
from ..pictures import Band, Node, Picture, bars, sankey

# The result types of ._changes, read by their attributes only (duck typing): importing them,
# even for type checking, would tie this module back to the one that imports it.
Diff = Any
Summary = Any

__all__ = ["KIND_ORDER", "LEVELS", "diff_sankey", "summary_chart"]

KIND_ORDER = ("unchanged", "punctuation", "reworded", "metadata", "moved", "merged", "split", "added", "removed")
"""The fixed order of change kinds in every chart and table."""

LEVELS = ("competency", "indicator")


def _name(key: str) -> str:
    return key[:1].upper() + key[1:]


def diff_sankey(d: Diff, level: str = "competency") -> Picture:
    """The lineage diagram of *d*: the old framework's items (grouped by domain, or at the indicator
    level by competency) on the left, the new one's on the right, one band per aligned pair, its
    width the indicators the pair carries; removed and added items end or start in a stub."""
    if level not in LEVELS:
        raise UnknownChoiceError("level", level, LEVELS)

    changes = [c for c in d.changes if c.level == level]
    drawn = {item.id for c in changes for item in (c.old, c.new) if item is not None}

    def nodes(fw: object) -> list[Node]:
        """The items the changes hold (all of them for a whole diff; a selection's only)."""
        out = []
        for domain in fw.domains:  # type: ignore[attr-defined]
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
        if level == "competency" and old and new:
            weight = sum(1 for a, b in pairs if a.startswith(old + ".") and b.startswith(new + "."))
        elif level == "competency":
            item = c.old if c.old is not None else c.new
            weight = len(list(item.walk())) if item is not None else 1
        else:
            weight = 1
        title = f"{old or 'new'} -> {new or 'removed'}: {c.kind.value}"
        bands.append(Band(old, new, max(weight, 1), c.kind.value, title))
    used = [k for k in KIND_ORDER if any(b.category == k for b in bands)]
    how = "curated lineage" if d.curated else "automatic alignment"
    title = f"{d.old.edition} -> {d.new.edition}: what became of each {level} ({how})"
    return sankey(
        nodes(d.old),
        nodes(d.new),
        bands,
        used,
        title=title,
        left_title=str(d.old.edition),
        right_title=str(d.new.edition),
        unit=5.0 if level == "competency" else 7.0,
    )


def summary_chart(s: Summary) -> Picture:
    """Changes by kind per domain and per theme, the kinds always in :data:`KIND_ORDER`."""
    panels = [
        ("By domain (all levels)", [(_name(key), row) for key, row in s.by_domain.items()]),
    ]
    if s.by_theme:
        panels.append(("By theme (items tagged in the new edition)", list(s.by_theme.items())))
    return bars(panels, KIND_ORDER, title=f"{s.old_edition} -> {s.new_edition}: changes by kind")
