"""The data ships inside the installed distribution (a wheel missing its JSON cannot pass)."""

from __future__ import annotations

import json
import os
from importlib import metadata, resources
from pathlib import Path

import pytest

import edcompetencies as ec

# These need nothing but the installed package: .ci/run also runs them against the built wheel
# from a copy of tests/ outside the source tree (pytest -m installed).
pytestmark = pytest.mark.installed

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


@pytest.mark.skipif(not os.environ.get("EDCOMPETENCIES_EXPECT_INSTALLED"), reason="only where .ci/run tests a wheel")
def test_the_package_under_test_is_the_installed_wheel() -> None:
    """Where .ci/run tests the built wheel, the package comes from site-packages, not the tree."""
    assert "site-packages" in Path(ec.__file__).parts
    direct = metadata.distribution("edcompetencies").read_text("direct_url.json")
    assert not (direct and json.loads(direct).get("dir_info", {}).get("editable"))


def test_version() -> None:
    assert ec.__version__ == metadata.version("edcompetencies")


@pytest.mark.parametrize("name", DATA_FILES)
def test_data_file_read_through_the_package_loader(name: str) -> None:
    """The library reads its files through ``__spec__.loader.get_data`` (zip-safe): the same bytes."""
    from edcompetencies._packaged import read_bytes

    assert (resources.files("edcompetencies") / "data" / name).read_bytes() == read_bytes(name)


def test_a_file_name_is_never_a_path() -> None:
    from edcompetencies._packaged import read_bytes

    with pytest.raises(ValueError, match="not a packaged data file"):
        read_bytes("../__init__.py")


PUBLIC_MODULES = (
    "crosswalk",
    "glossary",
    "toolkit",
    "publication",
    "migrate",
    "credentials",
    "ctdl",
    "pictures",
    "themes",
)


def _public_types() -> set[type]:
    import importlib

    found: set[type] = set()
    for module in (
        ec,
        *(importlib.import_module(f"edcompetencies.{m}") for m in (*PUBLIC_MODULES, "errors", "diff", "case")),
    ):
        found |= {v for v in map(lambda n: getattr(module, n), module.__all__) if isinstance(v, type)}
    return found


@pytest.mark.parametrize("module_name", PUBLIC_MODULES)
def test_public_functions_return_publicly_importable_types(module_name: str) -> None:
    """Issue 10: `crosswalk.introduction()` returned `_toolkit_data.Section`, importable from a private module only."""
    import importlib
    import inspect
    import typing

    module = importlib.import_module(f"edcompetencies.{module_name}")
    public = _public_types()
    for name in module.__all__:
        value = getattr(module, name)
        functions = [value] if inspect.isfunction(value) else []
        if isinstance(value, type):
            functions = [f for n, f in vars(value).items() if inspect.isfunction(f) and not n.startswith("_")]
        for function in functions:
            try:
                hints = typing.get_type_hints(function, vars(importlib.import_module(function.__module__)))
            except NameError:  # a return type of an optional extra (pandas, networkx)
                continue
            for tp in _classes(hints.get("return")):
                if tp.__module__.startswith("edcompetencies."):
                    assert tp in public, f"{module_name}.{name}: returns {tp.__module__}.{tp.__qualname__}"


def _classes(tp: object) -> list[type]:
    import typing

    if isinstance(tp, type):
        return [tp]
    return [c for arg in typing.get_args(tp) for c in _classes(arg)]


@pytest.mark.parametrize("module_name", PUBLIC_MODULES)
def test_module_namespaces_show_their_public_names(module_name: str) -> None:
    import importlib

    module = importlib.import_module(f"edcompetencies.{module_name}")
    shown = set(dir(module))
    assert not shown & {"re", "attrs", "annotations", "TYPE_CHECKING", "cache", "Any"}
    assert set(module.__all__) <= shown
