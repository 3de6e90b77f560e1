"""What the executed examples of ``docs/*.md`` share: ``real_case(name)``, a real CASE package's path.

The real packages are in ``../shared/reference/case/real/`` beside the checkout (or beside the
worktrees' folder). In CI a missing file fails the page; elsewhere the rest of the page is skipped.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = next(
    (p / "shared" for p in (ROOT.parent, ROOT.parent.parent) if (p / "shared").is_dir()), ROOT.parent / "shared"
)


def real_case(name: str) -> str:
    """The path of ``../shared/reference/case/real/<name>`` (skips, or fails in CI, when it is absent)."""
    path = SHARED / "reference" / "case" / "real" / name
    if not path.is_file():
        if os.environ.get("CI"):
            pytest.fail(f"the real CASE packages must be beside the checkout in CI: {path} is missing")
        pytest.skip(f"the real CASE packages (../shared/reference/case/real/{name}) are not beside this checkout")
    return str(path)


@pytest.fixture(autouse=True)
def _shared_names(doctest_namespace: dict[str, Any]) -> None:
    doctest_namespace["real_case"] = real_case
