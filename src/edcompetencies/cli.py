"""The ``edcompetencies`` command line: thin, it parses arguments, calls the API, prints.

Exit status: 0 on success, 1 when the command fails (an unknown ID, a bad file),
2 on a usage error. Errors go to stderr in one line, without a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:  # pragma: no cover - the command imports the library lazily, for a fast start
    from ._model import Framework

__all__ = ["main"]

_EPILOG_DIFF = """\
examples:
  edcompetencies diff 2015 2020                        the report: summary, then changes by domain
  edcompetencies diff 2015 2020 --curated              use the curated lineage instead of the automatic alignment
  edcompetencies diff 2015 2020 --ignore punctuation   hide unchanged and punctuation-only items
  edcompetencies diff 2015 2020 --domain cognitive --format markdown
  edcompetencies diff 2020 ours.json --format csv -o changes.csv
"""

_EPILOG_SHOW = """\
examples:
  edcompetencies show 2020                    outline of the 2020 edition
  edcompetencies show 2015                    outline of the 2015 edition
  edcompetencies show 2020:instructional.4    one item with its indicators
"""


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise _UsageError(f"{self.prog}: {message}")


def _wrap(text: str, indent: str, width: int = 100) -> str:
    import textwrap

    return textwrap.fill(text, width=width, initial_indent=indent, subsequent_indent=indent + "   ")


def _themes(item: object) -> str:
    from ._model import Theme

    themes: frozenset[Theme] = getattr(item, "themes", frozenset())
    codes = [t.value for t in Theme if t in themes]
    return f" [{' '.join(codes)}]" if codes else ""


def _print_competency(c: object, out: TextIO, *, indicators: bool) -> None:
    from ._model import Competency

    assert isinstance(c, Competency)
    title = f" {c.title}:" if c.title else ""
    out.write(_wrap(f"{c.number}.{title} {c.statement}{_themes(c)}", "  ") + "\n")
    if indicators:
        for indicator in c.walk():
            pad = "     " + "   " * (indicator.depth - 1)
            out.write(_wrap(f"{indicator.label}. {indicator.text}{_themes(indicator)}", pad) + "\n")


def _cmd_show(args: argparse.Namespace, out: TextIO) -> int:
    import edcompetencies as ec

    target: str = args.target
    edition, sep, item_id = target.partition(":")
    fw = ec.load(edition)
    if not sep or not item_id:
        out.write(f"{fw.title} ({fw.edition})\n")
        for domain in fw.domains:
            tagline = f" ({domain.tagline})" if domain.tagline else ""
            out.write(f"\n{domain.name}{tagline}\n")
            for competency in domain.competencies:
                _print_competency(competency, out, indicators=args.indicators)
        return 0
    item = fw[item_id]
    out.write(f"{item.id}\n")
    if isinstance(item, ec.Domain):
        out.write(f"{item.name}" + (f" ({item.tagline})" if item.tagline else "") + "\n")
        if item.description:
            out.write(_wrap(item.description, "") + "\n")
        for competency in item.competencies:
            _print_competency(competency, out, indicators=True)
    elif isinstance(item, ec.Competency):
        _print_competency(item, out, indicators=True)
    else:
        for node in item.walk():
            pad = "  " + "   " * (node.depth - item.depth)
            out.write(_wrap(f"{node.label}. {node.text}{_themes(node)}", pad) + "\n")
    for note in fw.notes_for(item):
        out.write(_wrap(f"note ({note.kind}): {note.text}", "  ") + "\n")
    return 0


def _framework(spec: str) -> Framework:
    """An edition (2015, 2020) or the path of a framework JSON file."""
    import edcompetencies as ec

    if spec.strip().isdigit():
        return ec.load(spec)
    from pathlib import Path

    path = Path(spec)
    if not path.is_file():
        raise ec.UnknownEditionError(spec, ec.editions())
    try:
        text = path.read_bytes()
    except OSError as exc:
        raise ec.FrameworkFormatError(f"cannot read the file: {exc.strerror}", source=spec) from None
    return ec.loads(text, source=spec)


def _write(text: str, output: str | None, out: TextIO) -> None:
    if output is None:
        out.write(text)
        return
    from pathlib import Path

    from .errors import EdCompetenciesError

    target = Path(output)
    temporary = target.with_name(f".{target.name}.tmp")
    try:
        temporary.write_text(text, encoding="utf-8")
        temporary.replace(target)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise EdCompetenciesError(f"cannot write {output}: {exc.strerror}") from None


def _cmd_diff(args: argparse.Namespace, out: TextIO) -> int:
    import edcompetencies as ec
    from edcompetencies import diff

    old, new = _framework(args.old), _framework(args.new)
    lineage = ec.lineage(old.edition, new.edition) if args.curated else None
    result = diff.compare(old, new, lineage=lineage)
    if args.domain or args.ignore:
        result = result.select(domains=args.domain or None, ignore_punctuation="punctuation" in (args.ignore or []))
    _write(result.render(args.format), args.output, out)
    return 0


def _parser() -> _Parser:
    from importlib.metadata import PackageNotFoundError, version

    try:
        own_version = version("edcompetencies")
    except PackageNotFoundError:  # pragma: no cover
        own_version = "unknown"
    parser = _Parser(
        prog="edcompetencies",
        description="The Educator Competencies (2015 and 2020 editions) from the command line.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=_EPILOG_DIFF + "\n" + _EPILOG_SHOW,
    )
    parser.add_argument("--version", action="version", version=f"edcompetencies {own_version}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    show = commands.add_parser(
        "show",
        help="print an edition's outline, or one item with its indicators",
        description="Print an edition's outline (domains and competencies), or one item with its indicators.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=_EPILOG_SHOW,
    )
    show.add_argument("target", help="an edition (2015, 2020) or an item ID such as 2020:instructional.4")
    show.add_argument("--indicators", action="store_true", help="in an outline, list every competency's indicators too")
    show.set_defaults(func=_cmd_show)

    compare = commands.add_parser(
        "diff",
        help="compare two editions (or framework JSON files): what changed, in structure and words",
        description=(
            "Compare two frameworks: a summary of the changes by kind, domain and theme, then every "
            "changed competency and indicator with a word-level redline."
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=_EPILOG_DIFF,
    )
    compare.add_argument("old", help="the older edition (2015) or a framework JSON file")
    compare.add_argument("new", help="the newer edition (2020) or a framework JSON file")
    compare.add_argument(
        "--format", choices=["text", "markdown", "html", "json", "csv"], default="text", help="output format"
    )
    compare.add_argument(
        "--curated", action="store_true", help="align with the curated lineage (packaged editions only)"
    )
    compare.add_argument(
        "--ignore",
        action="append",
        choices=["punctuation"],
        help="hide unchanged and punctuation-only changes",
    )
    compare.add_argument("--domain", action="append", metavar="KEY", help="only changes in this domain (repeatable)")
    compare.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    compare.set_defaults(func=_cmd_diff)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    from .errors import EdCompetenciesError

    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except _UsageError as exc:
        sys.stderr.write(f"{exc}\n")
        return 2
    if args.command is None:
        parser.print_help(sys.stderr)
        return 2
    try:
        status: int = args.func(args, sys.stdout)
    except EdCompetenciesError as exc:
        sys.stderr.write(f"edcompetencies: error: {exc}\n")
        return 1
    except BrokenPipeError:  # pragma: no cover - e.g. piped into `head`
        return 0
    return status
