"""The names a framework read from CASE keeps parts of its package under (``_case_names``): the
reader writes them, the writer reads them back, the diff knows what they are. Each list is tied
here to what the code does, so that a name changed on one side fails a test."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import attrs
import pytest

import edcompetencies as ec
from edcompetencies import _case_names, case, diff
from edcompetencies.case import _mapping

from .test_case_real import BEFORE, _real

# the CFDocument fields a package may have (as the reader lists them)
DOCUMENT_FIELDS = case._reader._DOCUMENT_FIELDS


def _document(fw: ec.Framework) -> dict[str, Any]:
    return _mapping.written_document(fw, identifier="d", when="2020-01-01T00:00:00+00:00")


# A framework that is not a packaged edition (its notes dropped), so that no field below makes it
# one again, and one other value of each framework field.
BASE = attrs.evolve(ec.load(2020), notes=())
OTHER: dict[str, object] = {
    "title": "Another title",
    "publishers": ("Somebody else",),
    "year": 2021,
    "license": "CC0-1.0",
    "citation": "Another citation.",
    "url": "https://example.org/elsewhere",
}


def test_every_framework_field_the_diff_compares_has_another_value_here() -> None:
    assert set(OTHER) == set(diff._changes.FRAMEWORK_FIELDS)


@pytest.mark.parametrize("field", sorted(OTHER))
def test_the_fields_a_framework_field_spells_are_those_the_writer_writes_from_it(field: str) -> None:
    before = _document(BASE)
    after = _document(attrs.evolve(BASE, **{field: OTHER[field]}))
    changed = {name for name in before.keys() | after.keys() if before.get(name) != after.get(name)}
    assert changed == set(_case_names.SPELLED_BY.get(field, ()))


def test_the_spelled_fields_are_cfdocument_fields() -> None:
    spelled = {name for names in _case_names.SPELLED_BY.values() for name in names}
    assert spelled <= DOCUMENT_FIELDS
    assert set(_case_names.SPELLED_BY) <= set(diff._changes.FRAMEWORK_FIELDS)


def test_the_package_parts_are_no_cfdocument_fields_and_the_records_are_bookkeeping() -> None:
    parts = set(_case_names.PACKAGE_PARTS)
    assert not parts & DOCUMENT_FIELDS
    assert set(_case_names.INTERNAL.values()) <= parts
    records = {_case_names.SHARED_ITEM_FIELDS, _case_names.SHARED_EDGE_FIELDS, *_case_names.INTERNAL.values()}
    assert records <= _case_names.BOOKKEEPING
    assert diff._changes.BOOKKEEPING is _case_names.BOOKKEEPING


@pytest.mark.parametrize("name", sorted(BEFORE))
def test_a_real_frameworks_metadata_names_are_cfdocument_fields_or_package_parts(name: str) -> None:
    path: Path = _real(name)
    fw = case.load(path)
    unknown = set(fw.metadata) - DOCUMENT_FIELDS - set(_case_names.PACKAGE_PARTS)
    assert not unknown


def test_the_reader_writes_every_package_part_the_writer_reads() -> None:
    """One package with all the parts: each is kept under its name, and exported back."""
    path = _real("sbac-math-content-specification.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    data["extensions"] = {"someTool": {"run": 1}}
    fw = case.loads(json.dumps(data))
    kept = {n for n in _case_names.PACKAGE_PARTS if n in fw.metadata}
    assert {"CFAssociations", _case_names.INTERNAL_ASSOCIATIONS, _case_names.PACKAGE_EXTENSIONS} <= kept
    assert _case_names.SHARED_ITEM_FIELDS in kept
    written = case.export(fw)
    assert written["extensions"] == {"someTool": {"run": 1}}
    assert len(written["CFAssociations"]) == len(data["CFAssociations"])
