"""The packaged data files' cross-reference rules, checked by the test suite.

The library trusts its packaged files at run time (the way jsonschema-specifications trusts
its shipped schemas): it reads them with the converter's shape checks only. The rules that
tie a file to the editions and to itself live here, and the tests run them on the packaged
files and on broken copies, so a broken file cannot ship. Each rule raises the library's
:class:`~edcompetencies.errors.FrameworkFormatError` with the file and the JSON path.
"""

from __future__ import annotations

from collections import Counter

import edcompetencies as ec
from edcompetencies._lineage import _SOURCE, _SWAP, _parse
from edcompetencies.errors import FrameworkFormatError


def check_lineage(text: str | bytes, old: int = 2015, new: int = 2020, *, source: str = _SOURCE) -> ec.Lineage:
    """Read a lineage file as the library does, then check its cross-reference rules.

    Every ID an item of its edition, both ends of a link at the same level (competency or
    indicator); each link once; a relation that agrees with the links (``merged``: the new
    item has several predecessors, ``split``: the old item several successors, otherwise one
    each); and every competency and indicator of both editions accounted for exactly once,
    linked or listed as removed / added.
    """
    lin = _parse(text, old, new, source=source)

    def fail(path: str, message: str) -> FrameworkFormatError:
        return FrameworkFormatError(message, source=source, path=path)

    old_fw, new_fw = ec.load(old), ec.load(new)
    levels = {
        item.id: isinstance(item, ec.Competency)
        for fw in (old_fw, new_fw)
        for item in fw.items()
        if not isinstance(item, ec.Domain)
    }

    def item(found: str, path: str, fw: ec.Framework) -> str:
        if found not in levels or not found.startswith(f"{fw.edition}:"):
            raise fail(path, f"{found!r} is not a competency or indicator of the {fw.edition} edition")
        return found

    seen: dict[tuple[str, str], int] = {}
    for n, link in enumerate(lin.links):
        path = f"$.links[{n}]"
        a, b = item(link.old, f"{path}.old", old_fw), item(link.new, f"{path}.new", new_fw)
        if levels[a] != levels[b]:
            raise fail(path, f"{a} -> {b} links a competency with an indicator")
        if (a, b) in seen:
            raise fail(path, f"the link {a} -> {b} is listed twice (first at $.links[{seen[a, b]}])")
        seen[a, b] = n
    successors = Counter(link.old for link in lin.links)
    predecessors = Counter(link.new for link in lin.links)
    for n, link in enumerate(lin.links):
        merge, split = predecessors[link.new] > 1, successors[link.old] > 1
        expected = "merged" if merge else "split" if split else None
        if merge and split:
            raise fail(f"$.links[{n}]", f"{link.old} -> {link.new} is part of a many-to-many group")
        if (expected or link.relation) != link.relation or (expected is None and link.relation in _SWAP):
            what = expected or "'same' or 'reworded' (each item has one counterpart)"
            raise fail(f"$.links[{n}].relation", f"{link.relation!r} where the links make it {what}")
    for side, key, fw, linked, pool in (
        ("removed", "old", old_fw, successors, lin.removed),
        ("added", "new", new_fw, predecessors, lin.added),
    ):
        listed: set[str] = set()
        for n, entry in enumerate(pool):
            found = item(entry.id, f"$.{side}[{n}].{key}", fw)
            if found in linked or found in listed:
                raise fail(f"$.{side}[{n}]", f"{found} is already accounted for (linked, or listed twice)")
            listed.add(found)
        listed |= set(linked)
        missing = [i for i in fw.ids() if i in levels and i not in listed]
        if missing:
            raise fail(f"$.{side}", f"{len(missing)} item(s) neither linked nor listed, first {missing[0]}")
    return lin
