"""The model's notebook conveniences, in one place: ``fw.search``, ``fw.select``, ``fw.to_html`` ...

The model (:mod:`edcompetencies._model`) is the ground floor and imports nothing of the
package but its errors, so it cannot call search, selection or the views itself. Each of its
convenience methods is a one-line delegation to the :class:`Conveniences` object this module
installs in the model when it is imported, which ``edcompetencies.__getattr__`` (every public
name) and every reader that builds a framework do. The picture stays: model <- capabilities
<- renderers <- CLI, with this module on top of the capabilities it lends.

The capabilities are imported inside the methods, downward only, so that ``ec.load(2020)``
does not pay for search, selection and the views until they are used.
"""

from __future__ import annotations

from . import _model

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: the cold path of ec.load need not import typing first
if TYPE_CHECKING:  # pragma: no cover
    from typing import Any

    import pandas  # type: ignore[import-untyped, unused-ignore]

    from ._model import Framework, Item
    from ._publication import Endnote
    from ._search import SearchResults

__all__: list[str] = []


class _Conveniences:
    """The implementation of :class:`edcompetencies._model.Conveniences`."""

    __slots__ = ()

    def select(self, fw: Framework, **kwargs: Any) -> Framework:
        from ._select import select

        return select(fw, **kwargs)

    def search(self, fw: Framework, query: str, **kwargs: Any) -> SearchResults:
        from ._search import search

        return search(fw, query, **kwargs)

    def records(self, fw: Framework) -> list[dict[str, Any]]:
        from ._views import records

        return records(fw)

    def dataframe(self, fw: Framework) -> pandas.DataFrame:
        from ._markup import dataframe
        from ._views import COLUMN_TYPES, COLUMNS, records

        return dataframe(records(fw), "Framework.to_dataframe()", COLUMNS, COLUMN_TYPES)

    def csv(self, fw: Framework, *, escape_formulas: bool = True) -> str:
        from ._views import to_csv

        return to_csv(fw, escape_formulas=escape_formulas)

    def jsonl(self, fw: Framework) -> str:
        from ._views import to_jsonl

        return to_jsonl(fw)

    def markdown(self, fw: Framework, **kwargs: Any) -> str:
        from ._views import to_markdown

        return to_markdown(fw, **kwargs)

    def html(self, fw: Framework, **kwargs: Any) -> str:
        from ._views import to_html

        return to_html(fw, **kwargs)

    def render(self, fw: Framework, format: str, **kwargs: Any) -> str:
        from ._views import render

        return render(fw, format, **kwargs)

    def item_html(self, item: Item) -> str:
        from ._views import item_html

        return item_html(item)

    def item_markdown(self, item: Item) -> str:
        from ._views import item_markdown

        return item_markdown(item)

    def card_html(self, obj: object) -> str:
        from ._markup import html_card, html_fragment

        return html_fragment(html_card(obj))

    def endnotes(self, edition: int | str) -> tuple[Endnote, ...]:
        from ._publication import EDITIONS, endnotes

        return endnotes(edition) if edition in EDITIONS else ()

    def endnotes_of(self, ref: str) -> tuple[Endnote, ...]:
        from ._publication import endnotes_of

        return endnotes_of(ref)


_model.install(_Conveniences())
