"""The import structure of ``src/edcompetencies``: model <- capabilities <- renderers <- CLI.

Read with ``ast`` from the source files (nothing is imported), counting imports at module level
and inside functions alike; only type-only imports under ``if TYPE_CHECKING:`` are left out,
because they never run. The rules (issue 10, "One clear house"):

- no import circle anywhere in the package;
- the model (``_model.py``) imports nothing of the package but ``errors``;
- imports inside functions are few, each listed below with the reason it is deferred, and
  each points down (never at a module that imports the function's own module back);
- only the command line imports the command line.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "edcompetencies"
PACKAGE = "edcompetencies"

# (importing module, imported module): why the import waits until the function runs.
DEFERRED: dict[tuple[str, str], str] = {}

# Modules whose imports of the package wait, as a rule, and why.
DEFERRING = {
    "edcompetencies._conveniences": "the one way up from the model: ec.load must not pay for search, selection "
    "and the views until a notebook uses them",
    "edcompetencies.cli": "each command imports what it runs, so that `edcompetencies show` answers from the "
    "packaged JSON without importing the model (the cold-start benchmark)",
}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST, module: str, is_package: bool, type_only: bool = False) -> Iterator[tuple[str, bool]]:
    """(imported module, inside a function) for every run-time import of the package (with
    *type_only*, the imports under ``if TYPE_CHECKING:`` too)."""
    base = module.split(".") if is_package else module.split(".")[:-1]

    def visit(node: ast.AST, in_function: bool) -> Iterator[tuple[str, bool]]:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child.test) and not type_only:
                for other in child.orelse:
                    yield from visit(other, in_function)
                continue
            inner = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            if isinstance(child, ast.Import):
                for alias in child.names:
                    if alias.name == PACKAGE or alias.name.startswith(PACKAGE + "."):
                        yield alias.name, in_function
            elif isinstance(child, ast.ImportFrom):
                if child.level:
                    anchor = base[: len(base) - (child.level - 1)]
                    target = ".".join(anchor + ([child.module] if child.module else []))
                else:
                    target = child.module or ""
                if target == PACKAGE or target.startswith(PACKAGE + "."):
                    for alias in child.names:  # `from . import x` imports the submodule x
                        candidate = f"{target}.{alias.name}"
                        yield (candidate if candidate in MODULES else target), in_function
            yield from visit(child, inner)

    yield from visit(tree, False)


def _read() -> dict[str, list[tuple[str, bool]]]:
    graph: dict[str, list[tuple[str, bool]]] = {}
    for path in sorted(SRC.rglob("*.py")):
        name = _module_name(path)
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        graph[name] = sorted(set(_imports(tree, name, path.name == "__init__.py")))
    return graph


MODULES = {_module_name(p) for p in SRC.rglob("*.py")}
GRAPH = _read()


def _edges(*, deferred: bool = True) -> dict[str, set[str]]:
    return {m: {t for t, inner in imports if t != m and (deferred or not inner)} for m, imports in GRAPH.items()}


def _circles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def connect(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                connect(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(edges):
        if v not in index:
            connect(v)
    return found


def test_the_graph_is_read() -> None:
    """The reader sees the package's real imports (a broken reader would pass every rule)."""
    assert "edcompetencies._model" in MODULES and "edcompetencies.cli" in MODULES
    assert ("edcompetencies._model", False) in GRAPH["edcompetencies._search"]
    assert ("edcompetencies.errors", False) in GRAPH["edcompetencies._model"]


def test_no_circle_even_through_type_only_imports() -> None:
    """The model and every module are below what they import, for the type checker too."""
    edges: dict[str, set[str]] = {}
    for path in sorted(SRC.rglob("*.py")):
        name = _module_name(path)
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        edges[name] = {t for t, _ in _imports(tree, name, path.name == "__init__.py", type_only=True) if t != name}
    assert [] == _circles(edges)
    assert {"edcompetencies.errors"} == edges["edcompetencies._model"]


def test_no_import_circle() -> None:
    """No circle, counting imports inside functions too."""
    assert [] == _circles(_edges())


def test_circles_are_found() -> None:
    """The circle finder finds a circle when there is one (so the test above can fail)."""
    assert [["a", "b", "c"]] == _circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}})


def test_the_model_is_the_ground_floor() -> None:
    """``_model.py`` imports nothing of the package but its errors."""
    assert {"edcompetencies.errors"} == {t for t, _ in GRAPH["edcompetencies._model"]}


def test_errors_and_rules_sit_below_everything() -> None:
    assert [] == GRAPH["edcompetencies.errors"]
    assert {"edcompetencies.errors"} >= {t for t, _ in GRAPH["edcompetencies._rules"]}
    assert {"edcompetencies.errors"} >= {t for t, _ in GRAPH["edcompetencies._markup"]}


def test_only_the_command_line_imports_the_command_line() -> None:
    importers = {m for m, imports in GRAPH.items() for t, _ in imports if t == "edcompetencies.cli"}
    assert importers <= {"edcompetencies.__main__"}


def test_deferred_imports_are_listed_with_their_reason() -> None:
    """Every import inside a function into the package is one of the listed few.

    The modules in ``DEFERRING`` defer as a rule, for the reason given there; the package root's
    lazy exports are not ``import`` statements. A new deferred import must be added to
    ``DEFERRED`` with its reason, or moved to module level.
    """
    deferred = {(m, t) for m, imports in GRAPH.items() for t, inner in imports if inner and m not in DEFERRING}
    assert set(DEFERRED) == deferred, sorted(deferred - set(DEFERRED))


def test_deferred_imports_point_down() -> None:
    """A deferred import never reaches back to a module that imports the importer (at module level)."""
    module_level = _edges(deferred=False)

    def reaches(start: str, goal: str) -> bool:
        seen, todo = set(), [start]
        while todo:
            v = todo.pop()
            if v == goal:
                return True
            if v not in seen:
                seen.add(v)
                todo += module_level.get(v, ())
        return False

    for m, imports in GRAPH.items():
        for t, inner in imports:
            if inner:
                assert not reaches(t, m), (m, t)


@pytest.mark.parametrize("module", sorted(m for m in MODULES if not m.rsplit(".", 1)[-1].startswith("_")))
def test_public_modules_complete_only_their_public_names(module: str) -> None:
    """Tab completion on a public module shows its public names, not ``re``, ``attrs`` or ``annotations``."""
    import importlib

    mod = importlib.import_module(module)
    leaked = {"re", "attrs", "annotations", "TYPE_CHECKING", "json", "Any", "Iterable"} & set(dir(mod))
    assert not leaked, leaked


def test_every_library_error_is_listed_in_errors_all() -> None:
    """Each error class of the library is public (``errors.__all__``), and derives from the base."""
    import inspect

    from edcompetencies import errors

    classes = {n for n, o in vars(errors).items() if inspect.isclass(o) and issubclass(o, errors.EdCompetenciesError)}
    assert classes == set(errors.__all__)
