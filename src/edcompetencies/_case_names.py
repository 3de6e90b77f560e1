"""The names under which a framework read from CASE keeps parts of its package in ``metadata``.

The CASE reader writes them, the CASE writer reads them back, and the diff knows which of them
are bookkeeping (never a change) and which spell a framework field again. They are listed here
once, below all three: the diff reads frameworks of any source and does not import :mod:`.case`.
Nothing here is imported from the library (only the standard library).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

__all__ = [
    "BOOKKEEPING",
    "INTERNAL",
    "INTERNAL_ASSOCIATIONS",
    "INTERNAL_RUBRICS",
    "PACKAGE_EXTENSIONS",
    "PACKAGE_PARTS",
    "SHARED_EDGE_FIELDS",
    "SHARED_ITEM_FIELDS",
    "SPELLED_BY",
]

SHARED_ITEM_FIELDS = "CFItems.shared"
"""The bookkeeping fields every CFItem has alike (kept once, on the framework)."""
SHARED_EDGE_FIELDS = "isChildOf.shared"
"""The bookkeeping fields every isChildOf association has alike (kept once, on the framework)."""
INTERNAL_ASSOCIATIONS = "CFAssociations.internal"
"""The reader's record of the items the kept associations name."""
INTERNAL_RUBRICS = "CFRubrics.internal"
"""The reader's record of the items the kept rubric criteria name."""
INTERNAL: Mapping[str, str] = MappingProxyType({"CFAssociations": INTERNAL_ASSOCIATIONS, "CFRubrics": INTERNAL_RUBRICS})
"""Of each package part whose kept objects name items (by the part's name), the name of its record."""
PACKAGE_EXTENSIONS = "CFPackage.extensions"
"""The package's own ``extensions`` (those of the CFPackage object, not the CFDocument's)."""

PACKAGE_PARTS = (
    "CFAssociations",
    INTERNAL_ASSOCIATIONS,
    "CFDefinitions",
    "CFRubrics",
    INTERNAL_RUBRICS,
    PACKAGE_EXTENSIONS,
    SHARED_ITEM_FIELDS,
    SHARED_EDGE_FIELDS,
)
"""The framework metadata names that hold parts of the package, not CFDocument fields."""

BOOKKEEPING = frozenset(
    {"identifier", "uri", "lastChangeDateTime", "CFDocumentURI", "CFPackageURI", "isChildOf"}
    | {SHARED_ITEM_FIELDS, SHARED_EDGE_FIELDS}  # the framework's copy of bookkeeping every item has alike
    | {INTERNAL_ASSOCIATIONS, INTERNAL_RUBRICS}  # the reader's record of the items these name
)
"""Metadata fields that are never a change: a package's bookkeeping (see docs/diff.md), also
where they sit inside a field's value (an association's ``identifier``)."""

SPELLED_BY: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "title": ("title",),
        "publishers": ("creator", "publisher"),
        "license": ("licenseURI",),
        "url": ("officialSourceURL",),
    }
)
"""The CFDocument fields the CASE writer writes from each framework field (a CFDocument's
``creator`` and ``publisher`` are the model's ``publishers``): a framework read from CASE keeps
them in its metadata where they differ from what would be written, so where the framework field
changed, the diff does not list them as a change again."""
