"""The pictures the docs show (docs/img/*.svg) are the library's own output, regenerated and compared."""

from __future__ import annotations

import importlib.util
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent


def tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("write_pictures", ROOT / "tools" / "write_pictures.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_docs_pictures_are_current() -> None:
    """Regenerated in memory, byte for byte the files under docs/img."""
    module = tool()
    for name, svg in module.pictures().items():
        path = ROOT / "docs" / "img" / name
        assert path.read_bytes() == svg.encode("utf-8"), f"{path} is out of date: run python tools/write_pictures.py"
        ET.fromstring(svg)


def test_every_picture_is_shown_on_a_page() -> None:
    pages = "".join(
        (ROOT / "docs" / page).read_text(encoding="utf-8")
        for page in ("diff.md", "what-changed-2020.md", "pictures.md")
    )
    shown = set(re.findall(r"!\[[^\]]+\]\(img/([^)]+\.svg)\)", pages))
    assert set(tool().pictures()) == shown
