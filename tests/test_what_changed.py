"""docs/what-changed-2020.md is the library's own output, regenerated and compared here."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

TOOL = Path(__file__).parent.parent / "tools" / "write_what_changed.py"


def test_what_changed_page_is_up_to_date() -> None:
    result = subprocess.run([sys.executable, str(TOOL), "--check"], capture_output=True, text=True)
    assert 0 == result.returncode, result.stderr
