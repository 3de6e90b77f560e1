"""tools/check_dist.py, the release check of .ci/run: what a wheel and an sdist must hold."""

from __future__ import annotations

import importlib.util
from importlib import metadata
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def check_dist() -> ModuleType:
    spec = importlib.util.spec_from_file_location("check_dist", ROOT / "tools" / "check_dist.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


METADATA = """\
Metadata-Version: 2.4
Name: edcompetencies
Version: 1.0
Project-URL: Documentation, https://example.org/docs
Project-URL: Changelog, https://example.org/changelog
Project-URL: Issues, https://example.org/issues
Project-URL: Source, https://example.org/source
License-Expression: MIT
License-File: LICENSE
License-File: NOTICE
Classifier: Programming Language :: Python :: 3.10
Classifier: Programming Language :: Python :: 3.13
Requires-Python: >=3.10
Description-Content-Type: text/markdown

The README.
"""


def _wheel(expected: list[str]) -> list[str]:
    info = "edcompetencies-1.0.dist-info"
    return [*expected, f"{info}/METADATA", f"{info}/RECORD", f"{info}/licenses/LICENSE", f"{info}/licenses/NOTICE"]


def test_the_package_files_are_the_source_tree(check_dist: ModuleType) -> None:
    files = check_dist.package_files()
    assert "edcompetencies/py.typed" in files
    assert "edcompetencies/data/edition-2020.json" in files
    assert "edcompetencies/case/__init__.py" in files
    assert not [name for name in files if "__pycache__" in name]


def test_a_complete_wheel_passes(check_dist: ModuleType) -> None:
    expected = ["edcompetencies/__init__.py", "edcompetencies/py.typed", "edcompetencies/data/edition-2020.json"]
    assert [] == check_dist.check_wheel(_wheel(expected), METADATA, expected)


def test_a_wheel_missing_a_data_file_or_shipping_tests_fails(check_dist: ModuleType) -> None:
    expected = ["edcompetencies/__init__.py", "edcompetencies/py.typed", "edcompetencies/data/edition-2020.json"]
    names = [n for n in _wheel(expected) if not n.endswith(".json")] + ["tests/test_model.py"]
    assert [
        "wheel: edcompetencies/data/edition-2020.json is missing",
        "wheel: tests/test_model.py is outside the package",
    ] == check_dist.check_wheel(names, METADATA, expected)


def test_a_wheel_without_its_license_files_fails(check_dist: ModuleType) -> None:
    expected = ["edcompetencies/__init__.py"]
    names = [n for n in _wheel(expected) if "licenses/" not in n]
    problems = check_dist.check_wheel(names, METADATA, expected)
    assert 2 == len(problems) and all("license file" in p for p in problems)


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("Project-URL: Issues, https://example.org/issues\n", "metadata: no Project-URL Issues"),
        ("License-File: NOTICE\n", "metadata: no License-File NOTICE"),
        ("Classifier: Programming Language :: Python :: 3.10\n", "does not match the oldest classifier"),
    ],
)
def test_incomplete_metadata_fails(check_dist: ModuleType, line: str, problem: str) -> None:
    problems = check_dist.check_metadata(METADATA.replace(line, ""))
    assert 1 == len(problems) and problem in problems[0]


def test_the_installed_metadata_is_complete(check_dist: ModuleType) -> None:
    """What pyproject.toml declares: project URLs, license files, classifiers matching requires-python."""
    assert [] == check_dist.check_metadata(metadata.distribution("edcompetencies").read_text("METADATA") or "")


def test_an_sdist_with_build_output_fails(check_dist: ModuleType) -> None:
    names = ["pyproject.toml", "README.md", "CHANGELOG.md", "LICENSE", "NOTICE", "PKG-INFO", "tests/test_x.py"]
    names += ["docs/index.md", "docs/_build/html/index.html", "tools/check_dist.py"]
    names += [f"src/{name}" for name in check_dist.package_files()]
    assert ["sdist: docs/_build/html/index.html should not ship"] == check_dist.check_sdist(names)
