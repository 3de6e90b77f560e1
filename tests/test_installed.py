"""The data ships inside the installed distribution (a wheel missing its JSON cannot pass)."""

from __future__ import annotations

import json
from importlib import metadata, resources

import pytest

import edcompetencies as ec

DATA_FILES = [
    "edition-2015.json",
    "edition-2020.json",
    "lineage-2015-2020.json",
    "crosswalk-2020.json",
    "glossary-2020.json",
    "toolkit-2020.json",
    "publication-2020.json",
    "overview-2015.json",
]


@pytest.mark.parametrize("name", DATA_FILES)
def test_data_file_readable_through_importlib_resources(name: str) -> None:
    resource = resources.files("edcompetencies") / "data" / name
    assert resource.is_file()
    data = json.loads(resource.read_text(encoding="utf-8"))
    assert data["format"].startswith("edcompetencies/")


def test_py_typed_ships() -> None:
    assert (resources.files("edcompetencies") / "py.typed").is_file()


def test_distribution_records_its_data() -> None:
    """A regular (non-editable) install lists the data files in its RECORD."""
    dist = metadata.distribution("edcompetencies")
    direct = dist.read_text("direct_url.json")
    if direct and json.loads(direct).get("dir_info", {}).get("editable"):
        pytest.skip("editable install: the package is read from the source tree")
    recorded = {str(f).replace("\\", "/") for f in dist.files or ()}
    for name in [*DATA_FILES, "py.typed"]:
        assert any(
            path.endswith(f"edcompetencies/{'data/' if name.endswith('json') else ''}{name}") for path in recorded
        )


def test_version() -> None:
    assert ec.__version__ == metadata.version("edcompetencies")
