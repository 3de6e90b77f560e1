"""CASE 1.1 interchange: export a framework as a 1EdTech CASE package, read any CASE package back.

State agencies and tools such as OpenSALT and the CASE Network exchange competency frameworks
as CASE packages (CFPackage JSON: one ``CFDocument``, its ``CFItems``, and ``CFAssociations``
whose ``isChildOf`` edges make the hierarchy). :func:`export` writes one for any framework;
:func:`read` and :func:`load` turn any package back into a :class:`~edcompetencies.Framework`,
so the diff engine can compare two versions of any framework.

>>> import edcompetencies as ec
>>> from edcompetencies import case
>>> package = case.export(ec.load(2020))
>>> package["CFDocument"]["caseVersion"], len(package["CFItems"])
('1.1', 150)
>>> case.load(package) == ec.load(2020)
True
>>> case.identifier("2020:cognitive.1") == case.identifier(ec.load(2020)["cognitive.1"])
True

Identifiers are version 5 UUIDs of the library's IDs, so an export is reproducible byte for
byte and an item keeps its identifier from one release to the next. The mapping of every
field, what goes into ``extensions`` and how IDs are made for other publishers' packages are
documented in ``docs/case.md``.

The package is split by what a reader looks for: ``_types`` (what reading gives:
:class:`CaseImport` ...), ``_identifiers`` (UUIDs and URIs), ``_mapping`` (model fields <->
CASE fields, both directions), ``_writer`` (:func:`export`, :func:`dumps`, :func:`packages`,
the InTASC package) and ``_reader`` (:func:`read`, :func:`load`, :func:`loads`). None of them
imports this module.
"""

from .. import _conveniences  # noqa: F401 - lends the frameworks it builds fw.search, fw.to_html ...
from ._identifiers import CASE_VERSION, NAMESPACE, identifier
from ._mapping import is_package
from ._reader import MAX_BYTES, MAX_DEPTH, load, loads, read
from ._types import (
    CaseAssociation,
    CaseImport,
    CaseItem,
    CaseRubric,
    CaseRubricCriterion,
    CaseRubricCriterionLevel,
    Ignored,
)
from ._writer import dumps, export, intasc_package, packages

__all__ = [
    "CASE_VERSION",
    "MAX_BYTES",
    "MAX_DEPTH",
    "NAMESPACE",
    "CaseAssociation",
    "CaseImport",
    "CaseItem",
    "CaseRubric",
    "CaseRubricCriterion",
    "CaseRubricCriterionLevel",
    "Ignored",
    "dumps",
    "export",
    "identifier",
    "intasc_package",
    "is_package",
    "load",
    "loads",
    "packages",
    "read",
]


def __dir__() -> list[str]:
    return __all__
