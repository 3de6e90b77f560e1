"""Write the pictures of docs/diff.md, docs/what-changed-2020.md and docs/pictures.md as SVG files.

    python tools/write_pictures.py          # rewrite docs/img/*.svg
    python tools/write_pictures.py --check  # exit 1 if a picture is out of date

Every picture is the library's own output (``Diff.sankey()``, ``Summary.chart()``,
``crosswalk.heatmap()``, ``ThemeCounts.chart()``); tests/test_write_pictures.py regenerates them
in memory and compares the bytes, so the pages cannot show a picture the data no longer gives.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import edcompetencies as ec
from edcompetencies import crosswalk, diff, themes

IMG = Path(__file__).resolve().parent.parent / "docs" / "img"


def pictures() -> dict[str, str]:
    """File name -> SVG text, for every picture the docs show."""
    d = diff.compare(ec.load(2015), ec.load(2020), lineage=ec.lineage(2015, 2020))
    return {
        "sankey-2015-2020.svg": d.sankey().to_svg() + "\n",
        "sankey-indicators-2015-2020.svg": d.sankey(level="indicator").to_svg() + "\n",
        "changes-2015-2020.svg": d.summary().chart().to_svg() + "\n",
        "crosswalk-heatmap.svg": crosswalk.heatmap().to_svg() + "\n",
        "themes-2020.svg": themes.counts(ec.load(2020)).chart().to_svg() + "\n",
    }


def stale() -> list[str]:
    """The pictures whose file is missing or differs from what the library draws now."""
    return [
        name
        for name, svg in pictures().items()
        if not (IMG / name).is_file() or (IMG / name).read_bytes() != svg.encode("utf-8")
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="exit 1 if a picture is out of date")
    args = parser.parse_args()
    if args.check:
        out_of_date = stale()
        for name in out_of_date:
            print(f"{IMG / name} is out of date: run python tools/write_pictures.py", file=sys.stderr)
        return 1 if out_of_date else 0
    IMG.mkdir(exist_ok=True)
    for name, svg in pictures().items():
        (IMG / name).write_bytes(svg.encode("utf-8"))
        print(f"wrote {IMG / name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
