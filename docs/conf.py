"""Sphinx configuration: the documentation site, built from the Markdown pages of docs/ with MyST.

Build it with warnings as errors (a broken reference or a missing docstring fails)::

    python -m sphinx -W --keep-going -n -b html docs docs/_build/html
"""

from __future__ import annotations

import builtins
import importlib
import sys
from importlib import metadata
from typing import Any

from docutils import nodes
from sphinx.pycode import ModuleAnalyzer
from sphinx.util import logging

logger = logging.getLogger(__name__)

project = "edcompetencies"
author = "edcompetencies developers"
copyright = "the edcompetencies developers; the competency text: KnowledgeWorks, CCSSO, Jobs for the Future"
release = metadata.version("edcompetencies")
version = release

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.viewcode",
]

source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
root_doc = "index"
exclude_patterns = ["_build", "examples", "Thumbs.db", ".DS_Store"]

# MyST: the pages are plain CommonMark plus a few extensions; headings get anchors so that
# links like [tables](themes.md#tables) are checked.
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

# autodoc: the docstrings are reST with Sphinx roles; signatures show the type hints.
autodoc_default_options = {"members": True, "undoc-members": True, "show-inheritance": True}
autodoc_member_order = "bysource"
autodoc_typehints = "signature"
autoclass_content = "class"

# Warnings are errors (-W) and every reference must resolve (-n), except those into the standard
# library and third-party packages: there is no network at build time, so no intersphinx inventory.
nitpicky = True
_EXTERNAL = (
    "collections",
    "typing",
    "typing_extensions",
    "pathlib",
    "datetime",
    "enum",
    "os",
    "io",
    "re",
    "types",
    "argparse",
    "json",
    "pandas",
    "networkx",
    "attrs",
    "attr",
    "cattrs",
    "abc",
    "functools",
)
_BUILTINS = [*sorted(name for name, value in vars(builtins).items() if isinstance(value, type)), "None", "Ellipsis"]
nitpick_ignore_regex = [
    (r"py:.*", r"({})(\..*)?".format("|".join(_EXTERNAL))),
    (r"py:.*", r"({})".format("|".join(_BUILTINS))),
]

html_theme = "furo"
html_title = "edcompetencies"
html_static_path: list[str] = []

# The package defines its classes in private modules (``edcompetencies._model.Framework``) and
# documents each where a user imports it (``edcompetencies.Framework``), once. A reference that
# does not resolve as written (a type hint's private spelling, a base class, a re-export, a
# method a class inherits, a name relative to the module that defines the class) resolves to
# wherever the same object is documented; anything else stays an error.


def _lookup(dotted: str) -> Any:
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            obj: Any = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        try:
            for part in parts[cut:]:
                obj = getattr(obj, part)
        except AttributeError:
            return None
        return obj
    return None


_documented: dict[tuple[int, str], str] = {}


def _same_object(app: Any, env: Any, node: Any, contnode: Any) -> Any:
    if node.get("refdomain") != "py":
        return None
    domain = env.get_domain("py")
    if not _documented:
        for full in domain.objects:
            obj = _lookup(full)
            if obj is not None:
                _documented.setdefault((id(obj), full.rpartition(".")[2]), full)
    target = node.get("reftarget", "").lstrip("~.")
    module, cls = node.get("py:module") or "", node.get("py:class") or ""
    contexts = [f"{module}.{cls}" if cls else "", module, "edcompetencies", ""]
    owner = _lookup(f"{module}.{cls}") if cls else None
    if owner is not None and getattr(owner, "__module__", ""):
        contexts.insert(2, owner.__module__)
    for context in contexts:
        obj = _lookup(f"{context}.{target}" if context else target)
        full = _documented.get((id(obj), target.rpartition(".")[2])) if obj is not None else None
        if full is not None:
            return domain.resolve_xref(env, node["refdoc"], app.builder, node["reftype"], full, node, contnode)
    return None


# A public function, class, method or property without a docstring is an error (with -W): it
# would show up in the reference with nothing to read.
def _require_docstring(app: Any, what: str, name: str, obj: Any, options: Any, lines: list[str]) -> None:
    kinds = {"function", "class", "exception", "method", "property", "module"}
    if what in kinds and not any(lines) and not name.rpartition(".")[2].startswith("_"):
        logger.warning("no docstring: %s %s", what, name, location=name)


# A constant re-exported from a private module (``case.MAX_BYTES``) takes the docstring written
# under its definition there.
def _data_docstring(app: Any, what: str, name: str, obj: Any, options: Any, lines: list[str]) -> None:
    if what != "data" or any(lines):
        return
    attribute = name.rpartition(".")[2]
    for module_name, module in sorted(sys.modules.items()):
        if module_name.startswith("edcompetencies.") and getattr(module, attribute, None) is obj:
            docs = ModuleAnalyzer.for_module(module_name).find_attr_docs().get(("", attribute))
            if docs:
                lines.extend(docs)
                return


# A page may hold doctest examples outside a fence (the test suite runs them either way);
# Markdown would read their ``>>>`` as nested quotes, so they are fenced before parsing.
def _fence_bare_examples(app: Any, docname: str, source: list[str]) -> None:
    out: list[str] = []
    fenced = in_example = False
    for line in source[0].split("\n"):
        if in_example and not line.strip():
            out.append("```")
            in_example = False
        elif not in_example and not fenced and line.startswith(">>>"):
            out.append("```pycon")
            in_example = True
        elif not in_example and line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        out.append(line)
    if in_example:
        out.append("```")
    source[0] = "\n".join(out)


# No "Bases: object": a class whose only base is object shows no "Bases:" line.
def _bases(app: Any, name: str, obj: Any, options: Any, bases: list[type]) -> None:
    bases[:] = [base for base in bases if base is not object]


def _drop_empty_bases(app: Any, doctree: Any) -> None:
    for paragraph in list(doctree.findall(nodes.paragraph)):
        if paragraph.astext().strip() == "Bases:":
            paragraph.parent.remove(paragraph)


def setup(app: Any) -> None:
    app.connect("source-read", _fence_bare_examples)
    app.connect("autodoc-process-bases", _bases)
    app.connect("doctree-read", _drop_empty_bases)
    app.connect("autodoc-process-docstring", _data_docstring)
    app.connect("missing-reference", _same_object)
    app.connect("autodoc-process-docstring", _require_docstring)
