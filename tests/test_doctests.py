"""Run the docstring examples of the installed package's modules."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import edcompetencies

# These need nothing but the installed package: .ci/run also runs them against the built wheel
# from a copy of tests/ outside the source tree (pytest -m installed).
pytestmark = pytest.mark.installed

MODULES = sorted(
    m.name
    for m in pkgutil.walk_packages(edcompetencies.__path__, "edcompetencies.")
    if m.name != "edcompetencies.__main__"
)


@pytest.mark.parametrize("name", ["edcompetencies", *MODULES])
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0
