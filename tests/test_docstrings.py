"""Every public name has a docstring (issue 15): the API reference is generated from them.

Public means: a module of the package whose name has no leading underscore, the names in its
``__all__``, and the public methods and properties of those classes (their own and those they
inherit from the package's bases, such as the shared verbs of ``Tabular``). No exclusions beyond
private names. A method that overrides a documented one may rely on the inherited docstring, as
the reference does (Sphinx's ``autodoc_inherit_docstrings``).
"""

from __future__ import annotations

import functools
import importlib
import inspect
import pkgutil
from collections.abc import Iterator
from types import ModuleType

import pytest

import edcompetencies

# These need nothing but the installed package: .ci/run also runs them against the built wheel
# from a copy of tests/ outside the source tree (pytest -m installed).
pytestmark = pytest.mark.installed

PUBLIC_MODULES = sorted(
    [
        "edcompetencies",
        *(
            m.name
            for m in pkgutil.walk_packages(edcompetencies.__path__, "edcompetencies.")
            if not any(part.startswith("_") for part in m.name.split("."))
        ),
    ]
)


def _own_doc(obj: object) -> str:
    doc = getattr(obj, "__doc__", None)
    return doc.strip() if isinstance(doc, str) else ""


def _ours(obj: object) -> bool:
    return str(getattr(obj, "__module__", "")).partition(".")[0] == "edcompetencies"


def _member_doc(cls: type, name: str, value: object) -> str:
    """The docstring a class member shows in the reference (its own, or the one it overrides)."""
    target = value
    if isinstance(value, (staticmethod, classmethod)):
        target = value.__func__
    elif isinstance(value, property):
        target = value.fget
    elif isinstance(value, functools.cached_property):
        target = value.func
    doc = _own_doc(target)
    for base in cls.__mro__[1:]:
        if doc:
            break
        if name in vars(base):
            doc = _member_doc(base, name, vars(base)[name])
    return doc


def _is_documentable(value: object) -> bool:
    return (
        inspect.isfunction(value)
        or isinstance(value, (staticmethod, classmethod, property, functools.cached_property))
        or (callable(value) and hasattr(value, "__wrapped__"))
    )


def _undocumented(module: ModuleType) -> Iterator[str]:
    if not _own_doc(module):
        yield f"{module.__name__} (the module)"
    for name in module.__all__:
        value = getattr(module, name)
        if not (inspect.isclass(value) or callable(value)) or not _ours(value):
            continue  # a constant or a type alias: documented beside its definition or on its page
        if not _own_doc(value):
            yield f"{module.__name__}.{name}"
        if not inspect.isclass(value):
            continue
        seen: set[str] = set()
        for cls in value.__mro__:
            if not _ours(cls):
                continue
            for attr, member in vars(cls).items():
                if attr.startswith("_") or attr in seen or not _is_documentable(member):
                    continue
                seen.add(attr)
                if not _member_doc(cls, attr, member):
                    yield f"{module.__name__}.{name}.{attr}"


def test_the_public_modules_are_found() -> None:
    assert {"edcompetencies", "edcompetencies.diff", "edcompetencies.case", "edcompetencies.errors"} <= set(
        PUBLIC_MODULES
    )
    assert not [name for name in PUBLIC_MODULES if "._" in name]


@pytest.mark.parametrize("module_name", PUBLIC_MODULES)
def test_every_public_name_has_a_docstring(module_name: str) -> None:
    module = importlib.import_module(module_name)
    assert [] == sorted(set(_undocumented(module)))


def test_the_walk_finds_a_missing_docstring() -> None:
    """The test can fail: a public class whose method has no docstring is listed."""

    class Documented:
        """A class."""

        def method(self) -> None:
            pass

        @property
        def prop(self) -> int:
            return 1

    Documented.__module__ = "edcompetencies.fake"
    module = ModuleType("edcompetencies.fake", "A module.")
    module.__all__ = ["Documented", "function"]  # type: ignore[attr-defined]
    module.Documented = Documented  # type: ignore[attr-defined]

    def function() -> None:
        pass

    function.__module__ = "edcompetencies.fake"
    module.function = function  # type: ignore[attr-defined]
    expected = [
        "edcompetencies.fake.Documented.method",
        "edcompetencies.fake.Documented.prop",
        "edcompetencies.fake.function",
    ]
    assert expected == sorted(_undocumented(module))
