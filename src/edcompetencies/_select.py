"""Selections: a pruned :class:`Framework` of the items that match, with the ancestors that hold them.

One mechanism serves ``Framework.select`` and ``themes.filter``. The result is an ordinary
Framework of the same edition, with the same IDs, so diffing, the crosswalk, rendering and
export all work on a selection. Source notes are kept when they concern an item that is
still there (or the publication as a whole), naming only the items that are.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import attrs

from ._model import Competency, Domain, Framework, Indicator, Item, SourceNote, Theme, require_framework
from ._rules import one_or_many
from .errors import NoThemesError, UnknownChoiceError, UnknownItemError

__all__ = ["MODES", "prune", "require_tags", "select"]

MODES = ("any", "all")
"""How several themes combine: an item carries ``any`` of them (the default) or ``all``."""


# the field that holds a node's children (every node has a ``children`` property: evolve needs the field)
_CHILD_FIELD = {"domain": "competencies", "competency": "indicators"}
_Node = TypeVar("_Node", Domain, Competency, Indicator)


def parse_themes(values: Iterable[str | Theme]) -> frozenset[Theme]:
    """Theme codes or names to themes; an unknown one raises ``UnknownThemeError``."""
    return frozenset(Theme.parse(v) for v in values)


def _domain_keys(fw: Framework, wanted: tuple[str, ...]) -> frozenset[str]:
    """Domain keys, names, IDs or publisher's codes (any case) to the framework's domain keys."""
    by_name: dict[str, str] = {}
    for domain in fw.domains:
        for name in (domain.key, domain.name, domain.id, *([domain.code] if domain.code is not None else [])):
            by_name[name.casefold()] = domain.key
    keys = set()
    for value in wanted:
        key = by_name.get(value.strip().casefold())
        if key is None:
            import difflib

            suggestions = difflib.get_close_matches(value.strip().casefold(), [d.key for d in fw.domains], n=2)
            raise UnknownItemError(
                value,
                fw.edition,
                suggestions,
                reason="not a domain (the domains are " + ", ".join(d.key for d in fw.domains) + ")",
            )
        keys.add(key)
    return frozenset(keys)


def prune(fw: Framework, keep: Callable[[Item], bool]) -> Framework:
    """The framework with the items *keep* accepts, whole, and the ancestors that hold them.

    An item *keep* accepts is kept with all its descendants; an item it rejects is kept only
    as the container of descendants it accepts, and dropped otherwise.
    """

    def part(node: _Node) -> _Node | None:
        if keep(node):
            return node
        kept = tuple(filter(None, map(part, node.children)))  # every node is true: None goes
        changes: dict[str, Any] = {_CHILD_FIELD.get(node.kind, "children"): kept}
        return attrs.evolve(node, **changes) if kept else None

    domains = tuple(filter(None, map(part, fw.domains)))
    pruned = attrs.evolve(fw, domains=domains, notes=())
    return attrs.evolve(pruned, notes=_notes(fw.notes, pruned))


def _notes(notes: tuple[SourceNote, ...], fw: Framework) -> tuple[SourceNote, ...]:
    edition = str(fw.edition)
    out = []
    for note in notes:
        items = tuple(i for i in note.items if i == edition or i in fw)
        if items:
            out.append(note if items == note.items else attrs.evolve(note, items=items))
    return tuple(out)


def require_tags(fw: Framework) -> None:
    """Raise :class:`NoThemesError` when no item of *fw* carries a theme (the 2015 edition)."""
    if not any(getattr(item, "themes", None) for item in fw.items()):
        raise NoThemesError(fw.edition)


def select(
    fw: Framework,
    *,
    domains: str | Iterable[str] | None = None,
    themes: str | Theme | Iterable[str | Theme] | None = None,
    mode: str = "any",
    ids: str | Iterable[str] | None = None,
) -> Framework:
    """The implementation of :meth:`Framework.select` (see there)."""
    require_framework("select()", fw)
    if mode not in MODES:
        raise UnknownChoiceError("mode", mode, MODES)
    tests: list[Callable[[Item], bool]] = []
    domain_list = one_or_many(domains, "select()", "domains")
    if domain_list is not None:
        wanted_domains = _domain_keys(fw, domain_list)
        tests.append(lambda item: item.domain_key in wanted_domains)
    theme_list = one_or_many(themes, "select()", "themes")
    if theme_list is not None:
        wanted = parse_themes(theme_list)
        if not wanted:
            raise UnknownChoiceError("themes", (), [t.value for t in Theme])
        require_tags(fw)
        if mode == "all":
            tests.append(lambda item: wanted <= getattr(item, "themes", frozenset()))
        else:
            tests.append(lambda item: bool(wanted & getattr(item, "themes", frozenset())))
    id_list = one_or_many(ids, "select()", "ids")
    if id_list is not None:
        chosen = tuple(fw[i].id for i in id_list)  # an unknown ID raises UnknownItemError with suggestions
        # IDs are paths: an item lies within a chosen one when the chosen ID is its prefix
        tests.append(lambda item: any(item.id == c or item.id.startswith(c + ".") for c in chosen))
    if not tests:
        return fw
    return prune(fw, lambda item: all(test(item) for test in tests))
