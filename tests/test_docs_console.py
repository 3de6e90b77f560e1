"""Run the ``$ edcompetencies ...`` examples of docs/*.md and compare their output.

Expected output may use ``...`` as doctest's ELLIPSIS does.
"""

from __future__ import annotations

import doctest
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parents[1] / "docs"


def examples() -> list[tuple[str, str, str]]:
    found = []
    for page in sorted(DOCS.glob("*.md")):
        for block in re.findall(r"```console\n(.*?)```", page.read_text(encoding="utf-8"), re.S):
            parts = re.split(r"^\$ ", block, flags=re.M)
            for part in parts[1:]:
                command, _, output = part.partition("\n")
                found.append((page.name, command, output))
    return found


@pytest.mark.parametrize(("page", "command", "expected"), examples())
def test_console_example(page: str, command: str, expected: str) -> None:
    argv = shlex.split(command)
    assert argv[0] == "edcompetencies"
    result = subprocess.run(
        [sys.executable, "-m", "edcompetencies", *argv[1:]],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        cwd=DOCS.parent,
    )
    actual = result.stdout + result.stderr
    checker = doctest.OutputChecker()
    assert checker.check_output(expected, actual, doctest.ELLIPSIS), f"{page}: $ {command}\n{actual}"
