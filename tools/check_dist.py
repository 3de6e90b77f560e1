"""Check a built release before it is published: what the wheel and the sdist hold.

    python -m build && python tools/check_dist.py dist/*.whl dist/*.tar.gz

The wheel must hold every file of the package in the source tree (each module, each packaged
data file, ``py.typed``), the license files and the project's metadata, and nothing else: no
tests, tools, benchmarks or docs. The sdist must hold what rebuilds the wheel and runs the tests
(``src/``, ``tests/``, ``docs/``, ``tools/`` whose scripts some tests run, the license files)
and no build output or local state. Prints what it checked; exits 1 listing every problem found.
"""

from __future__ import annotations

import argparse
import email.parser
import sys
import tarfile
import zipfile
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "edcompetencies"
LICENSE_FILES = ("LICENSE", "NOTICE")
PROJECT_URLS = ("Documentation", "Changelog", "Issues", "Source")
# Never in a wheel: a top-level directory of the checkout other than the package itself.
NOT_IN_WHEEL = ("tests/", "tools/", "benchmarks/", "docs/", "src/")
NOT_IN_SDIST = ("docs/_build/", ".ci-venv/", ".ci-sssom/", "dist/", "__pycache__/", ".hypothesis/", ".pyc")


def package_files(root: Path = ROOT) -> list[str]:
    """The package's files in the source tree, as wheel paths (``edcompetencies/data/...``)."""
    base = root / "src"
    return sorted(
        path.relative_to(base).as_posix()
        for path in (base / PACKAGE).rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"
    )


def check_wheel(names: Iterable[str], metadata: str, expected: Iterable[str]) -> list[str]:
    """Problems with a wheel holding *names* (its archive paths) and *metadata* (its METADATA)."""
    names = set(names)
    problems = [f"wheel: {name} is missing" for name in sorted(set(expected) - names)]
    dist_info = {name.partition("/")[0] for name in names if name.partition("/")[0].endswith(".dist-info")}
    if len(dist_info) != 1:
        problems.append(f"wheel: expected one .dist-info directory, found {sorted(dist_info)}")
    for name in sorted(names):
        top = name.partition("/")[0]
        if top != PACKAGE and not top.endswith(".dist-info"):
            problems.append(f"wheel: {name} is outside the package")
        elif any(part in name for part in ("/tests/", "/tools/", "/benchmarks/", "__pycache__", ".pyc")) or (
            name.startswith(NOT_IN_WHEEL)
        ):
            problems.append(f"wheel: {name} should not ship")
    for license_file in LICENSE_FILES:
        if not any(name.endswith(f".dist-info/licenses/{license_file}") for name in names):
            problems.append(f"wheel: the license file {license_file} is missing from .dist-info/licenses/")
    problems += check_metadata(metadata)
    return problems


def check_metadata(metadata: str) -> list[str]:
    """Problems with a METADATA / PKG-INFO text: what a package index shows."""
    message = email.parser.Parser().parsestr(metadata)
    problems = []
    urls = {value.partition(",")[0].strip() for value in message.get_all("Project-URL") or ()}
    problems += [f"metadata: no Project-URL {label}" for label in PROJECT_URLS if label not in urls]
    if not message.get("License-Expression"):
        problems.append("metadata: no License-Expression")
    files = set(message.get_all("License-File") or ())
    problems += [f"metadata: no License-File {name}" for name in LICENSE_FILES if name not in files]
    requires = message.get("Requires-Python", "")
    classified = {
        value.rpartition(":: ")[2]
        for value in message.get_all("Classifier") or ()
        if value.startswith("Programming Language :: Python :: 3.")
    }
    if not classified:
        problems.append("metadata: no 'Programming Language :: Python :: 3.x' classifier")
    elif requires != f">={min(classified, key=lambda v: tuple(map(int, v.split('.'))))}":
        problems.append(f"metadata: Requires-Python {requires!r} does not match the oldest classifier")
    if message.get("Description-Content-Type") != "text/markdown":
        problems.append("metadata: the long description is not declared as Markdown")
    return problems


def check_sdist(names: Iterable[str]) -> list[str]:
    """Problems with an sdist holding *names* (archive paths below its top directory)."""
    names = set(names)
    needed = ["pyproject.toml", "README.md", "CHANGELOG.md", *LICENSE_FILES, "PKG-INFO"]
    needed += [f"src/{name}" for name in package_files()]
    problems = [f"sdist: {name} is missing" for name in needed if name not in names]
    if not any(name.startswith("tests/test_") for name in names):
        problems.append("sdist: the tests are missing")
    if "tools/check_dist.py" not in names:
        problems.append("sdist: tools/ is missing (tests run its scripts)")
    if not any(name.startswith("docs/") and name.endswith(".md") for name in names):
        problems.append("sdist: the docs are missing")
    problems += [f"sdist: {name} should not ship" for name in sorted(names) if any(p in name for p in NOT_IN_SDIST)]
    return problems


def read_wheel(path: Path) -> tuple[list[str], str]:
    with zipfile.ZipFile(path) as archive:
        names = [name for name in archive.namelist() if not name.endswith("/")]
        metadata = next(name for name in names if name.endswith(".dist-info/METADATA"))
        return names, archive.read(metadata).decode("utf-8")


def read_sdist(path: Path) -> list[str]:
    with tarfile.open(path) as archive:
        return [member.name.partition("/")[2] for member in archive.getmembers() if member.isfile()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("archives", nargs="+", type=Path, help="the built .whl and .tar.gz files")
    args = parser.parse_args(argv)
    problems: list[str] = []
    for path in args.archives:
        if path.name.endswith(".whl"):
            names, metadata = read_wheel(path)
            problems += check_wheel(names, metadata, package_files())
            print(f"{path.name}: {len(names)} files, {len(package_files())} package files expected")
        elif path.name.endswith(".tar.gz"):
            names = read_sdist(path)
            problems += check_sdist(names)
            print(f"{path.name}: {len(names)} files")
        else:
            problems.append(f"{path}: neither a wheel nor an sdist")
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
