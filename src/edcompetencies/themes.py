"""The cross-cutting themes of the 2020 edition: filter a framework by theme, count the tags.

The 2020 publication tags competencies and indicators with four themes (its key):
``FC`` Foundational Competency (competencies only), ``EI`` Equity and Inclusion, ``SE``
Social and Emotional Learning and ``RL`` Remote Learning. :class:`~edcompetencies.Theme`
holds each theme's name and the publication's definition.

>>> import edcompetencies as ec
>>> from edcompetencies import themes
>>> fw = ec.load(2020)
>>> ei = themes.filter(fw, "EI")          # the items tagged EI, with the ancestors that hold them
>>> len(themes.tagged(fw, "EI")), [d.key for d in ei.domains]
(28, ['intrapersonal', 'interpersonal', 'cognitive', 'instructional'])
>>> [c.id for c in themes.filter(fw, "FC").competencies()][:3]   # the foundational competencies, whole
['2020:intrapersonal.1', '2020:intrapersonal.2', '2020:intrapersonal.3']
>>> themes.counts(fw).total()
{'FC': 12, 'EI': 28, 'SE': 29, 'RL': 63}

A filter's result is an ordinary :class:`~edcompetencies.Framework` (same edition, same IDs),
so it can be diffed, rendered, exported or filtered again.
"""

from __future__ import annotations

from typing import Any

import attrs

from ._markup import Card, Tabular, table
from ._model import Competency, Framework, Indicator, Theme, require_framework
from ._select import MODES, require_tags
from .errors import UnknownChoiceError
from .pictures import Picture, bars

__all__ = ["MODES", "Theme", "ThemeCounts", "counts", "filter", "parse", "tagged"]

_LEVELS = ("competency", "indicator", "sub-indicator")


def parse(value: str | Theme) -> Theme:
    """The theme for a code or a name, in any case (``"ei"``, ``"Equity and Inclusion"``).

    >>> parse("remote learning")
    <Theme.RL: 'RL'>
    >>> parse("XX")
    Traceback (most recent call last):
    ...
    edcompetencies.errors.UnknownThemeError: unknown theme 'XX'; valid themes are FC (Foundational ...
    """
    return Theme.parse(value)


def filter(fw: Framework, *themes: str | Theme, mode: str = "any") -> Framework:
    """The items carrying the themes, with the ancestors that hold them, as a pruned Framework.

    ``mode="any"`` (the default) keeps items carrying any of the themes, ``mode="all"``
    items carrying every one. A tagged item is kept whole: ``FC`` tags competencies, so
    ``filter(fw, "FC")`` gives the foundational competencies with all their indicators.

    >>> import edcompetencies as ec
    >>> both = filter(ec.load(2020), "EI", "RL", mode="all")
    >>> [i.id for i in both.indicators()][:3]
    ['2020:intrapersonal.1.b', '2020:intrapersonal.1.c', '2020:interpersonal.1.b']

    A framework without theme tags (the 2015 edition) raises
    :class:`~edcompetencies.errors.NoThemesError` rather than giving an empty result;
    an unknown code raises :class:`~edcompetencies.errors.UnknownThemeError`.
    """
    require_framework("themes.filter()", fw)
    if not themes:
        raise UnknownChoiceError("theme (give at least one)", None, [t.value for t in Theme])
    return fw.select(themes=themes, mode=mode)


def tagged(fw: Framework, theme: str | Theme) -> tuple[Competency | Indicator, ...]:
    """The items (competencies and indicators, in document order) that carry *theme* themselves.

    Unlike :func:`filter`, no ancestors or descendants are added.

    >>> import edcompetencies as ec
    >>> [i.id for i in tagged(ec.load(2020), "SE")][:2]
    ['2020:intrapersonal.1.c', '2020:intrapersonal.2.b']
    """
    require_framework("themes.tagged()", fw)
    wanted = Theme.parse(theme)
    require_tags(fw)
    return tuple(item for item in fw.items() if isinstance(item, (Competency, Indicator)) and wanted in item.themes)


@attrs.frozen(repr=False)
class ThemeCounts(Tabular, Card):
    """How many items carry each theme, by domain and level (competency, indicator, sub-indicator).

    ``cells`` maps ``(domain key, level, theme code)`` to a count (zero counts are left out);
    ``domains`` keeps the framework's domain order. Read it with :meth:`get`,
    :meth:`by_domain`, :meth:`total`; tabulate it with :meth:`to_records` /
    :meth:`to_dataframe` (or :meth:`to_csv`, :meth:`to_jsonl`); print it with :meth:`render`
    (``"text"``, ``"markdown"``, ``"html"``, ``"csv"``, ``"jsonl"``); a notebook shows it as a table.
    """

    columns = ("domain", "domain_name", "theme", "theme_label", "competencies", "indicators", "sub_indicators", "total")

    edition: int | str
    domains: tuple[tuple[str, str], ...]
    cells: tuple[tuple[str, str, str, int], ...]

    def get(self, theme: str | Theme, *, domain: str | None = None, level: str | None = None) -> int:
        """The number of items tagged *theme*, optionally in one domain (key) and at one level.

        >>> import edcompetencies as ec
        >>> counts(ec.load(2020)).get("EI", domain="cognitive")
        11
        """
        code = Theme.parse(theme).value
        if domain is not None and domain not in {key for key, _ in self.domains}:
            raise UnknownChoiceError("domain", domain, [key for key, _ in self.domains])
        if level is not None and level not in _LEVELS:
            raise UnknownChoiceError("level", level, _LEVELS)
        return sum(
            n
            for d, lvl, t, n in self.cells
            if t == code and (domain is None or d == domain) and (level is None or lvl == level)
        )

    def chart(self) -> Picture:
        """Theme tags per domain as an SVG bar chart (themes in the key's order).

        >>> import edcompetencies as ec
        >>> counts(ec.load(2020)).chart().to_svg().count('class="segment"')
        16
        """
        names = dict(self.domains)
        rows = [(names[key], row) for key, row in self.by_domain().items()]
        labels = {t.value: f"{t.value} {t.label}" for t in Theme}
        return bars(
            [("Theme tags per domain", rows)],
            [t.value for t in Theme],
            title=f"Theme tags in the {self.edition} edition",
            labels=labels,
        )

    def by_domain(self, *, level: str | None = None) -> dict[str, dict[str, int]]:
        """``{domain key: {theme code: count}}``, every domain and theme present (zeros included)."""
        return {key: {t.value: self.get(t, domain=key, level=level) for t in Theme} for key, _ in self.domains}

    def total(self, *, level: str | None = None) -> dict[str, int]:
        """``{theme code: count}`` over the whole framework."""
        return {t.value: self.get(t, level=level) for t in Theme}

    def to_records(self) -> list[dict[str, Any]]:
        """One row per domain and theme: ``domain``, ``domain_name``, ``theme``, ``theme_label``,
        ``competencies``, ``indicators``, ``sub_indicators``, ``total`` (zeros included)."""
        rows = []
        for key, name in self.domains:
            for t in Theme:
                row: dict[str, Any] = {"domain": key, "domain_name": name, "theme": t.value, "theme_label": t.label}
                for level, column in zip(_LEVELS, ("competencies", "indicators", "sub_indicators"), strict=True):
                    row[column] = self.get(t, domain=key, level=level)
                row["total"] = self.get(t, domain=key)
                rows.append(row)
        return rows

    def _table(self, format: str) -> str:
        codes = [t.value for t in Theme]
        by_domain = self.by_domain()
        rows: list[tuple[str, list[object]]] = [
            (name, [by_domain[key][c] for c in codes]) for key, name in self.domains
        ]
        rows.append(("Total", list(self.total().values())))
        if format == "html":
            return table(codes, rows, "html", corner="domain", caption=self._title(), titles=[t.label for t in Theme])
        return table(codes, rows, format, corner="domain" if format == "markdown" else "", width=4)

    def to_text(self) -> str:
        """A domain-by-theme table of totals, with a total row, as aligned text.

        ``counts(fw).to_dataframe().pivot(index="domain_name", columns="theme", values="total")``
        is the same table as a DataFrame, ready for ``.plot.bar()``.
        """
        return self._table("text")

    def to_markdown(self) -> str:
        """The domain-by-theme table of :meth:`to_text` as a Markdown table."""
        return self._table("markdown")

    def _html_body(self) -> str:
        return self._table("html")

    def _title(self) -> str:
        return f"Theme tags by domain ({self.edition})"


def counts(fw: Framework) -> ThemeCounts:
    """Count the theme tags of *fw* by domain, level and theme.

    Every tag counts once where it stands: a competency tagged ``FC`` counts one FC for
    its domain, and its indicators count their own tags.

    >>> import edcompetencies as ec
    >>> print(counts(ec.load(2020)).render())
                    FC   EI   SE   RL
    Intrapersonal    4    5   11   11
    Interpersonal    3    7   10    9
    Cognitive        2   11    4   17
    Instructional    3    5    4   26
    Total           12   28   29   63
    <BLANKLINE>
    """
    require_framework("themes.counts()", fw)
    tally: dict[tuple[str, str, str], int] = {}
    for item in fw.items():
        for theme in getattr(item, "themes", frozenset()):
            key = (item.domain_key, item.kind, theme.value)
            tally[key] = tally.get(key, 0) + 1
    order = {t.value: n for n, t in enumerate(Theme)}
    domain_order = {d.key: n for n, d in enumerate(fw.domains)}
    cells = sorted(
        ((d, lvl, t, n) for (d, lvl, t), n in tally.items()),
        key=lambda c: (domain_order[c[0]], _LEVELS.index(c[1]), order[c[2]]),
    )
    return ThemeCounts(edition=fw.edition, domains=tuple((d.key, d.name) for d in fw.domains), cells=tuple(cells))


def __dir__() -> list[str]:
    """The public names only (tab completion shows no ``re``, ``attrs`` or ``annotations``)."""
    return sorted(__all__)
