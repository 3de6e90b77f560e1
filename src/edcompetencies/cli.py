"""The ``edcompetencies`` command line: thin, it parses arguments, calls the API, prints.

Exit status: 0 on success, 1 when the command fails (an unknown ID, a bad file, a file
that cannot be written, a closed or full standard output), 2 on a usage error. Errors go to
stderr in one line, without a traceback.

Whatever the command prints goes through the terminal writer
(:func:`edcompetencies._markup.terminal_text`): control characters, bidi controls and lone
surrogates in the data are printed as escapes (``\x1b``, ``\u202e``), and a character the
terminal's encoding lacks as a backslash escape. ``-o FILE`` writes the exact text, atomically
(:func:`edcompetencies._files.write_text`). The one exception is the outline of a packaged
edition (``show 2015``), printed from the packaged data on a fast path: that data is part of
the distribution, and the tests check that every text in it is already terminal-safe.
"""

from __future__ import annotations

import argparse
import sys

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: the command imports as little as it can, for a fast start
if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Callable, Sequence
    from typing import Any, TextIO

    from _typeshed import SupportsWrite

    from ._model import Framework

    Handler = Callable[[argparse.Namespace, "_Out"], int]

__all__ = ["main"]

# each command's examples: the end of its help, and of the command line's
_EPILOGS = {
    "show": """\
examples:
  edcompetencies show 2020                    outline of the 2020 edition
  edcompetencies show 2015 --indicators       outline of the 2015 edition with every indicator
  edcompetencies show 2020:instructional.4    one item with its indicators
  edcompetencies show 2020 --theme FC         outline of the foundational competencies
  edcompetencies show package.json:LTC.LP.1   an item of a CASE file, by the publisher's code
""",
    "list": """\
examples:
  edcompetencies list 2020 --theme EI --domain cognitive   EI items of the Cognitive domain, with their holders
  edcompetencies list 2020 --theme EI --theme RL --mode all --kind indicator
  edcompetencies list 2020 --theme FC --kind competency    the foundational competencies
  edcompetencies list 2015 --domain instructional --kind competency
  edcompetencies list 2020 --kind domain                   the domains (a flat CASE framework's top-level items)
  edcompetencies list case-package.json                    every item, with the publisher's codes
""",
    "search": """\
examples:
  edcompetencies search 2020 trauma                  items mentioning trauma (trauma-informed, traumatic ...)
  edcompetencies search 2020 '"restorative practices"'   a phrase
  edcompetencies search 2020 data feedback --mode any --limit 5
  edcompetencies search 2015 mastery --domain instructional --format markdown
""",
    "export": """\
examples:
  edcompetencies export 2020 --format csv -o ec2020.csv        one row per item
  edcompetencies export 2020 --format jsonl --theme EI         the EI selection as JSON Lines
  edcompetencies export 2020 --format html --theme SE -o se.html   a printable page
  edcompetencies export 2015 --format markdown --domain cognitive
  edcompetencies export 2020 --format json                     the library's own JSON format
  edcompetencies export 2020 --format case --intasc --lineage -o ec2020-case.json   a CASE 1.1 CFPackage
  edcompetencies export 2020 --format ctdl-asn --lineage -o ec2020.jsonld     CTDL-ASN for credential registries
  edcompetencies export 2020 --format sssom -o lineage.sssom.tsv    the 2015 -> 2020 lineage as SSSOM
""",
    "migrate": """\
examples:
  edcompetencies migrate 2015:cognitive.3.3                 what became of one item, and why
  edcompetencies migrate "Cognitive 1.3" "Intrapersonal 1.3"  the publication's labels work too
  edcompetencies migrate tags.csv --column competency --to 2020 -o tags-2020.csv
                                                            re-tag a table; the summary goes to stderr
""",
    "diff": """\
examples:
  edcompetencies diff 2015 2020                        the report along the curated lineage: summary, then changes
  edcompetencies diff 2015 2020 --auto                 the automatic alignment instead (weaker; for any two files)
  edcompetencies diff 2015 2020 --ignore punctuation   hide unchanged and punctuation-only items
  edcompetencies diff a.json b.json --ignore metadata  wording and structure only (no codes, item types)
  edcompetencies diff 2015 2020 --domain cognitive --format markdown
  edcompetencies diff 2015 2020 --format html --side-by-side -o report.html   old | new, in two columns
  edcompetencies diff 2020 ours.json --format csv -o changes.csv
  edcompetencies diff 2015 2020 --format svg -o lineage.svg        the lineage diagram (--picture chart: the chart)
  edcompetencies diff 2015 2020 --color always | less -R           coloured redlines through a pager
""",
}

_KINDS = ("domain", "competency", "indicator", "sub-indicator")


class _UsageError(Exception):
    pass


class _Formatter(argparse.RawDescriptionHelpFormatter):
    """Keeps the description's line breaks; sizes itself without importing shutil (as shutil would)."""

    def __init__(self, prog: str) -> None:
        import os

        try:
            columns = int(os.environ.get("COLUMNS", "0")) or os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):  # no terminal (or no stdout): argparse's own default
            columns = 80
        super().__init__(prog, width=max(columns, 40) - 2)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise _UsageError(f"{self.prog}: {message}")

    def _print_message(self, message: str, file: SupportsWrite[str] | None = None) -> None:
        """As argparse's, but a failed write (``--help > /dev/full``) is an error, not silence."""
        stream = file or sys.stderr
        if message and stream is not None:
            stream.write(message)


class _Out:
    """Standard output for a command: every text through the terminal writer (see the module
    docstring), a character the stream cannot encode written as a backslash escape."""

    def __init__(self, stream: TextIO | None) -> None:
        self.stream = stream
        self.escape = True  # the fast path of `show` (packaged, checked data) turns it off
        self.color = False  # --color: set by _color(); text is then coloured by the library's own codes
        self.width = 100  # where `show` wraps: the terminal's width on a terminal, else 100
        try:
            if stream is not None and stream.isatty():
                import os

                self.width = max(os.get_terminal_size(stream.fileno()).columns - 1, 40)
        except (AttributeError, ValueError, OSError):  # not a real terminal after all
            pass

    def write(self, text: str, *, safe: bool = False) -> None:
        """Write *text* through the terminal writer; ``safe=True``: *text* is already terminal-safe
        (made by ``terminal_text`` and ``styled``) and holds the library's own colour codes."""
        if self.stream is None:
            from .errors import EdCompetenciesError

            raise EdCompetenciesError("standard output is closed (write to a file with -o FILE)")
        if self.escape and not safe:
            from ._markup import terminal_text

            text = terminal_text(text)
        try:
            self.stream.write(text)
        except UnicodeEncodeError:
            encoding = getattr(self.stream, "encoding", None) or "ascii"
            self.stream.write(text.encode(encoding, "backslashreplace").decode(encoding))

    def styled(self, text: str, style: str) -> str:
        """*text* in *style* when colouring, terminal-safe (``styled`` escapes it; checked data has
        nothing to escape): what :meth:`write` then writes with ``safe=True``."""
        if not self.color:
            return text
        from ._markup import styled

        return styled(text, style, color=True)

    def line(self, text: str, tail: str = "", style: str = "dim") -> None:
        """Write *text* and a newline; when colouring, its *tail* (the theme tags, which end it) in *style*."""
        if not self.color or not text:
            self.write(text + "\n")
            return
        from ._markup import terminal_text

        head, found = (text[: -len(tail)], True) if tail and text.endswith(tail) else (text, False)
        head = terminal_text(head) if self.escape else head
        self.write(head + (self.styled(tail, style) if found else "") + "\n", safe=True)


def _color(args: argparse.Namespace, out: _Out, output: str | None = None) -> bool:
    """Whether to colour (``--color``, ``NO_COLOR``, ``FORCE_COLOR``; never when writing ``-o FILE``
    but with ``--color always``); sets ``out.color``. Without a terminal or ``FORCE_COLOR``, "auto"
    answers without importing the rendering layer (the fast path of ``show``)."""
    import os

    mode = getattr(args, "color", "never")
    stream = None if output is not None else out.stream
    if mode == "never" or (mode == "auto" and stream is None):
        return False
    if mode == "auto" and not os.environ.get("FORCE_COLOR") and not getattr(stream, "isatty", lambda: False)():
        return False
    from ._markup import use_color

    out.color = use_color(stream, mode)
    return out.color


def _wrap(text: str, indent: str, width: int = 100, *, tail: str = "") -> str:
    """Fill *text* to *width* at spaces, continuation lines indented three more; *tail* (the
    theme tags) is never split.

    (textwrap.fill with break_on_hyphens=False, without importing textwrap, whose regular
    expressions cost the command line's fast path several milliseconds.)
    """
    lines: list[str] = []
    line = indent
    for word in [*text.split(), *([tail] if tail else [])]:
        if line.strip() and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = indent + "   " + word
        else:
            line = line + " " + word if line.strip() else line + word
    lines.append(line)
    return "\n".join(lines)


# `show` prints from the documented JSON format (dicts), so that a packaged edition can be
# shown without importing the model (the fast path); frameworks from files or selections go
# through the model and ``to_data`` and print the same way.


def _tags(node: dict[str, Any]) -> str:
    codes = node.get("themes") or []
    return f"[{' '.join(codes)}]" if codes else ""


def _code(node: dict[str, Any]) -> str:
    """`` (L1.10)``: the publisher's code of a node, after its ID or label (nothing without one)."""
    return f" ({node['code']})" if node.get("code") is not None else ""


def _print_indicators(nodes: list[dict[str, Any]], out: _Out, pad: str) -> None:
    for node in nodes:
        tags = _tags(node)
        out.line(_wrap(f"{node['label']}.{_code(node)} {node['text']}", pad, out.width, tail=tags), tags)
        _print_indicators(node.get("children") or [], out, pad + "   ")


def _print_competency(c: dict[str, Any], out: _Out, *, indicators: bool) -> None:
    title = f" {c['title']}:" if c.get("title") else ""
    tags = _tags(c)
    out.line(_wrap(f"{c['number']}.{_code(c)}{title} {c['statement']}", "  ", out.width, tail=tags), tags)
    if indicators:
        _print_indicators(c.get("indicators") or [], out, "     ")


def _find(data: dict[str, Any], item_id: str) -> tuple[str, dict[str, Any]] | None:
    """The node of the JSON data with this ID, and its kind."""
    for domain in data["domains"]:
        if domain["id"] == item_id:
            return "domain", domain
        for competency in domain["competencies"]:
            if competency["id"] == item_id:
                return "competency", competency
            stack = list(competency["indicators"])
            while stack:
                node = stack.pop()
                if node["id"] == item_id:
                    return "indicator", node
                stack += node.get("children") or []
    return None


def _show(data: dict[str, Any], item_id: str | None, out: _Out, *, indicators: bool) -> bool:
    """Print the outline (no *item_id*) or one item; ``False`` when the item is not there."""
    if item_id is None:
        out.line(f"{data['title']} ({data['edition']})", f"{data['title']} ({data['edition']})", "heading")
        for domain in data["domains"]:
            tagline = _code(domain) + (f" ({domain['tagline']})" if domain.get("tagline") else "")
            out.write("\n")
            out.line(f"{domain['name']}{tagline}", f"{domain['name']}{tagline}", "heading")
            for competency in domain["competencies"]:
                _print_competency(competency, out, indicators=indicators)
        return True
    found = _find(data, item_id)
    if found is None:
        return False
    kind, node = found
    out.write(f"{node['id']}{_code(node)}\n")
    metadata = node.get("metadata") or {}
    for name, field in (("CFItemType", "item type"), ("identifier", "identifier")):
        if metadata.get(name) is not None:  # a CASE item's type and identifier (null: the package has none)
            value = metadata[name]
            if not isinstance(value, str):
                import json

                value = json.dumps(value, ensure_ascii=False)
            out.write(f"{field}: {value}\n")
    if kind == "domain":
        out.write(node["name"] + (f" ({node['tagline']})" if node.get("tagline") else "") + "\n")
        if node.get("description"):
            out.write(_wrap(node["description"], "", out.width) + "\n")
        for competency in node["competencies"]:
            _print_competency(competency, out, indicators=True)
    elif kind == "competency":
        _print_competency(node, out, indicators=True)
    else:
        _print_indicators([node], out, "  ")
    for note in data.get("notes") or []:
        if node["id"] in note["items"]:
            out.write(_wrap(f"note ({note['kind']}): {note['text']}", "  ", out.width) + "\n")
    return True


def _theme_arg(value: str) -> list[str]:
    """``--theme`` takes a code or name, or several separated by commas; a bad one is a usage error."""
    from ._model import Theme
    from .errors import UnknownThemeError

    codes = []
    for part in value.split(","):
        try:
            codes.append(Theme.parse(part).value)
        except UnknownThemeError as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None
    return codes


def _add_selection(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("selection (combine freely; an item must pass all of them)")
    group.add_argument(
        "--theme",
        action="append",
        type=_theme_arg,
        metavar="CODE",
        help="only items tagged with this theme (FC, EI, SE, RL; repeatable or comma-separated)",
    )
    group.add_argument(
        "--mode", choices=["any", "all"], default="any", help="with several themes: items carrying any (default) or all"
    )
    group.add_argument(
        "--domain",
        action="append",
        metavar="KEY",
        help="only this domain (key, name or code, e.g. cognitive; repeatable)",
    )


def _selected(fw: Framework, args: argparse.Namespace) -> Framework:
    themes = [code for codes in args.theme or [] for code in codes]
    if not themes and not args.domain:
        return fw
    return fw.select(domains=args.domain or None, themes=themes or None, mode=args.mode)


def _caption(args: argparse.Namespace) -> str | None:
    """What a selection holds, in words, to head a printed page."""
    from ._model import Theme

    themes = [Theme(code) for codes in args.theme or [] for code in codes]
    parts = []
    if themes:
        joiner = " and " if args.mode == "all" else " or "
        parts.append("items tagged " + joiner.join(f"{t.value} ({t.label})" for t in themes))
    if args.domain:
        parts.append("in the " + ", ".join(args.domain) + " domain" + ("s" if len(args.domain) > 1 else ""))
    return ("Selection: " + " ".join(parts) + ", with the items that hold them.") if parts else None


def _cmd_show(args: argparse.Namespace, out: _Out) -> int:
    target: str = args.target
    edition, sep, item_id = target.partition(":")
    wanted = item_id.strip() or None if sep else None
    _color(args, out)
    if not args.theme and not args.domain:
        from ._packaged import edition_data

        data = edition_data(edition)
        if data is not None:
            qualified = f"{data['edition']}:{wanted}" if wanted else None
            out.escape = False  # packaged data: terminal-safe, checked by the tests
            shown = _show(data, qualified, out, indicators=args.indicators)
            out.escape = True
            if shown:
                return 0
    # a file, a selection, or an item that is not there: the validated model, with its errors
    from ._format import to_data

    fw = _selected(_framework(edition), args)
    item = fw[wanted].id if wanted else None  # an unknown ID raises UnknownItemError with suggestions
    _show(to_data(fw), item, out, indicators=args.indicators)
    return 0


def _framework(spec: str) -> Framework:
    """An edition (2015, 2020) or the path of a framework JSON or CASE file."""
    import edcompetencies as ec

    from ._rules import ascii_number

    if ascii_number(spec.strip()) is not None:
        return ec.load(spec)
    import os
    from pathlib import Path

    from .errors import NoSuchFileError

    path = Path(spec)
    if not path.is_file():
        if path.exists():
            raise NoSuchFileError(spec, "not a regular file")
        if "/" in spec or os.sep in spec or spec.lower().endswith(".json"):  # looks like a path
            raise NoSuchFileError(spec)
        raise ec.UnknownEditionError(spec, ec.editions())
    try:
        text = path.read_bytes()
    except OSError as exc:
        raise ec.FrameworkFormatError(f"cannot read the file: {exc.strerror}", source=spec) from None
    if b'"CFDocument"' in text:
        import json

        try:
            data = json.loads(text)
        except (ValueError, RecursionError):
            data = None
        from edcompetencies import case

        if case.is_package(data):
            return case.load(path)
    return ec.loads(text, source=spec)


def _write(text: str, output: str | None, out: _Out) -> None:
    """Print *text*, or with ``-o`` write it to the file, atomically (see :mod:`edcompetencies._files`)."""
    if output is None:
        out.write(text)
        return
    from ._files import write_text

    write_text(output, text)


def _rendered(result: Any, args: argparse.Namespace, **html: bool) -> str:
    """A result in ``--format``, by its shared verbs: a full HTML page unless ``--fragment`` (with
    the *html* options of the result's ``to_html``), CSV with formulas neutralised unless
    ``--keep-formulas``."""
    if args.format == "html":
        return str(result.to_html(document=not args.fragment, **html))
    if args.format == "csv":
        return str(result.to_csv(escape_formulas=not args.keep_formulas))
    return str(result.render(args.format))


def _cmd_diff(args: argparse.Namespace, out: _Out) -> int:
    import edcompetencies as ec
    from edcompetencies import diff

    if args.side_by_side and args.format != "html":
        raise _UsageError("edcompetencies diff: --side-by-side goes with --format html")
    old, new = _framework(args.old), _framework(args.new)
    packaged = (
        {old.edition, new.edition} == {2015, 2020} and old == ec.load(old.edition) and new == ec.load(new.edition)
    )
    if args.curated and not packaged:
        raise _UsageError("edcompetencies diff: --curated needs the packaged editions (2015 and 2020)")
    lineage = ec.lineage(old.edition, new.edition) if packaged and not args.auto else None
    result = diff.compare(old, new, lineage=lineage)
    if args.domain or args.ignore:
        ignore = args.ignore or []
        result = result.select(
            domains=args.domain or None,
            ignore_punctuation="punctuation" in ignore,
            ignore_metadata="metadata" in ignore,
        )
    if args.picture is not None and args.format != "svg":
        raise _UsageError("edcompetencies diff: --picture goes with --format svg")
    if args.no_pictures and args.format != "html":
        raise _UsageError("edcompetencies diff: --no-pictures goes with --format html")
    if args.format == "svg":
        picture = args.picture or "sankey"
        if picture == "chart":
            svg = result.summary().chart().to_svg()
        else:
            levels = {"sankey": None, "sankey-domains": "domain", "sankey-indicators": "indicator"}
            svg = result.sankey(level=levels[picture]).to_svg()
        _write(svg + "\n", args.output, out)
    elif args.format == "text":
        from ._markup import terminal_text, wrap_lines

        color = _color(args, out, args.output)
        text = result.to_text(color=color)
        if args.output is not None:
            _write(text, args.output, out)
        else:
            text = text if color else terminal_text(text)
            if out.stream is not None and out.stream.isatty():  # wrapped to the terminal's width
                text = wrap_lines(text, out.width)
            out.write(text, safe=True)
    else:
        _write(_rendered(result, args, side_by_side=args.side_by_side, pictures=not args.no_pictures), args.output, out)
    return 0


def _cmd_list(args: argparse.Namespace, out: _Out) -> int:
    from ._markup import terminal_text
    from ._model import Domain, _theme_codes

    whole = _framework(args.framework)
    fw = _selected(whole, args)
    kinds = set(args.kind or [])
    color = _color(args, out)
    lines = []
    for item in fw.items():
        if kinds and (item.kind not in kinds or whole[item.id] != item):
            continue  # a flat list: only items of the kinds, and not those kept only to hold matching ones
        pad = "" if kinds else "  " * item.depth
        codes = _theme_codes(getattr(item, "themes", frozenset()))
        tags = f" {out.styled(f'[{codes}]', 'dim')}" if codes else ""
        text = item.name if isinstance(item, Domain) else item.text  # a domain: its heading
        text = terminal_text(text) if color else text
        code = f" ({terminal_text(item.code) if color else item.code})" if item.code is not None else ""
        lines.append(f"{pad}{out.styled(item.id, 'heading')}{code}{tags}  {text}\n")
    out.write("".join(lines), safe=color)
    if not lines:
        _error_line("edcompetencies: no item matches the selection")
        return 1
    return 0


def _cmd_search(args: argparse.Namespace, out: _Out) -> int:
    fw = _selected(_framework(args.framework), args)
    query = " ".join(args.query)
    hits = fw.search(query, match=args.match, kinds=args.kind or None, limit=args.limit)
    if args.format == "text" and args.output is None and _color(args, out):
        out.write(_search_colored(hits.to_text(), out), safe=True)
    else:
        _write(_rendered(hits, args), args.output, out)
    return 0 if len(hits) else 1


def _search_colored(text: str, out: _Out) -> str:
    """The text of search hits, terminal-safe, coloured: each hit's ID bold, the matched words
    (``[...]`` in the item's text, the brackets kept) bold and underlined as insertions are."""
    import re

    from ._markup import terminal_text

    lines = []
    for line in terminal_text(text).split("\n"):
        if line.startswith("    "):
            line = re.sub(r"\[[^\[\]]+\]", lambda m: out.styled(m.group(), "insert"), line)
        elif line.partition("  ")[2]:
            head, sep, rest = line.partition("  ")
            line = out.styled(head, "heading") + sep + rest
        lines.append(line)
    return "\n".join(lines)


def _cmd_export(args: argparse.Namespace, out: _Out) -> int:
    fw = _selected(_framework(args.framework), args)
    if args.rubrics and args.format != "case":
        raise _UsageError("edcompetencies export: --rubrics goes with --format case")
    if args.format == "case":
        from edcompetencies import case

        text = case.dumps(case.export(fw, intasc=args.intasc, lineage=args.lineage, rubrics=args.rubrics))
    elif args.format == "ctdl-asn":
        from edcompetencies import ctdl

        text = ctdl.dumps(fw, intasc=args.intasc, lineage=args.lineage)
    elif args.format == "sssom":
        import edcompetencies as ec

        if fw.edition not in ec.editions():
            raise _UsageError("edcompetencies export --format sssom: the lineage is curated between 2015 and 2020")
        if args.intasc:
            from edcompetencies import crosswalk

            text = crosswalk.to_sssom()
        else:
            text = ec.lineage(2015, 2020).to_sssom()
    else:
        if args.intasc or args.lineage:
            raise _UsageError("edcompetencies export: --intasc and --lineage go with --format case or ctdl-asn")
        if args.format == "html":
            text = fw.to_html(document=not args.fragment, caption=_caption(args))
        elif args.format == "csv":
            text = fw.to_csv(escape_formulas=not args.keep_formulas)
        else:
            text = fw.render(args.format, caption=_caption(args))
    _write(text, args.output, out)
    return 0


def _cmd_migrate(args: argparse.Namespace, out: _Out) -> int:
    from edcompetencies import migrate

    tags = args.tags
    if args.column is not None:
        if len(tags) != 1:
            raise _UsageError("edcompetencies migrate: --column takes one CSV file")
        from pathlib import Path

        from .errors import NoSuchFileError

        path = Path(tags[0])
        if not path.is_file():
            raise NoSuchFileError(tags[0], "not a regular file" if path.exists() else "no such file")
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise NoSuchFileError(tags[0], f"cannot be read as UTF-8 text ({exc})") from None
        table, migrations = migrate.csv_text(text, column=args.column, to=args.to)
        _write(table, args.output, out)
        _error_line(f"edcompetencies: {migrations.summary()}")
        return 0
    migrations = migrate.ids(tags, to=args.to, indicators=args.indicators)
    _write(_rendered(migrations, args), args.output, out)
    return 1 if any(m.relation == "unknown" for m in migrations) else 0


class _Version(argparse.Action):
    """``--version``: the installed version, looked up only when asked (importlib.metadata is slow to import)."""

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, help="print the version and exit")

    def __call__(self, parser: argparse.ArgumentParser, *args: Any, **kwargs: Any) -> None:
        from importlib.metadata import PackageNotFoundError, version

        try:
            own_version = version("edcompetencies")
        except PackageNotFoundError:  # pragma: no cover
            own_version = "unknown"
        _Out(sys.stdout).write(f"edcompetencies {own_version}\n")
        parser.exit()


def _add_output(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-o", "--output", metavar="FILE", help="write to FILE instead of stdout (atomically; see docs/safety.md)"
    )
    parser.add_argument("--fragment", action="store_true", help="html: an HTML fragment instead of a full page")
    parser.add_argument(
        "--keep-formulas",
        action="store_true",
        help="csv: write cells starting with = + - @ as they are (by default they get a ' in front)",
    )


def _add_color(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--color",
        choices=["auto", "always", "never"],
        default="auto",
        help="colour the text: auto (default: on a terminal, unless NO_COLOR is set; FORCE_COLOR forces it), "
        "always or never",
    )


def _setup_show(show: argparse.ArgumentParser) -> None:
    show.add_argument(
        "target",
        help="an edition (2015, 2020) or a framework file, or an item in one: EDITION:ID (2020:instructional.4), "
        "FILE:ID or FILE:CODE (the publisher's code of a CASE item)",
    )
    show.add_argument("--indicators", action="store_true", help="in an outline, list every competency's indicators too")
    _add_color(show)
    _add_selection(show)


def _setup_list(listing: argparse.ArgumentParser) -> None:
    listing.add_argument("framework", help="an edition (2015, 2020) or a framework JSON file")
    listing.add_argument(
        "--kind", action="append", choices=_KINDS, help="only items of this kind, as a flat list (repeatable)"
    )
    _add_color(listing)
    _add_selection(listing)


def _setup_search(finder: argparse.ArgumentParser) -> None:
    finder.add_argument("framework", help="an edition (2015, 2020) or a framework JSON file")
    finder.add_argument("query", nargs="+", help="words or quoted phrases")
    finder.add_argument(
        "--match", choices=["all", "any"], default="all", help="items must match all terms (default) or any"
    )
    finder.add_argument("--kind", action="append", choices=_KINDS, help="only this kind")
    finder.add_argument("--limit", type=int, metavar="N", help="at most N hits")
    from ._markup import FORMATS  # the one list of formats (imported when this command's arguments are built)

    finder.add_argument("--format", choices=[f for f in FORMATS if f != "json"], default="text", help="output format")
    _add_output(finder)
    _add_color(finder)
    _add_selection(finder)


def _setup_export(export: argparse.ArgumentParser) -> None:
    from ._markup import FORMATS

    export.add_argument("framework", help="an edition (2015, 2020) or a framework JSON file")
    export.add_argument(
        "--format",
        choices=[*(f for f in FORMATS if f != "text"), "case", "ctdl-asn", "sssom"],
        required=True,
        help="output format (sssom: the curated lineage of the edition with the other one, or the crosswalk)",
    )
    export.add_argument(
        "--intasc", action="store_true", help="case, ctdl-asn: add the InTASC standards and the crosswalk"
    )
    export.add_argument("--lineage", action="store_true", help="case, ctdl-asn: add the curated 2015 -> 2020 lineage")
    export.add_argument(
        "--rubrics", action="store_true", help="case: add each competency's single-point rubric as a CFRubric"
    )
    _add_output(export)
    _add_selection(export)


def _setup_migrate(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("tags", nargs="+", help="item IDs or labels (Cognitive 1.3), or with --column one CSV file")
    parser.add_argument("--to", default="2020", choices=["2015", "2020"], help="the edition to migrate to")
    parser.add_argument("--column", help="the CSV column that holds the tags (the table keeps every row and column)")
    parser.add_argument(
        "--format", choices=["text", "markdown", "html", "csv", "jsonl"], default="text", help="output format"
    )
    parser.add_argument("--indicators", action="store_true", help="for a competency, what became of its indicators")
    _add_output(parser)


def _setup_diff(compare: argparse.ArgumentParser) -> None:
    from ._markup import FORMATS

    compare.add_argument("old", help="the older edition (2015) or a framework JSON or CASE file")
    compare.add_argument("new", help="the newer edition (2020) or a framework JSON or CASE file")
    compare.add_argument(
        "--format",
        choices=[*(f for f in FORMATS if f != "jsonl"), "svg"],
        default="text",
        help="output format (svg: a picture, see --picture)",
    )
    compare.add_argument(
        "--picture",
        choices=["sankey", "sankey-domains", "sankey-indicators", "chart"],
        help="with --format svg: the lineage diagram of the competencies (sankey, the default; of the "
        "domains where there are no competencies), of the domains (sankey-domains) or of the "
        "indicators (sankey-indicators), or the chart of changes by kind (chart)",
    )
    compare.add_argument(
        "--no-pictures", action="store_true", help="html: leave the lineage diagram and the chart out of the report"
    )
    how = compare.add_mutually_exclusive_group()
    how.add_argument(
        "--curated",
        action="store_true",
        help="align with the curated lineage (the default for the packaged editions; an error for other inputs)",
    )
    how.add_argument(
        "--auto", action="store_true", help="align automatically by wording (the default for framework and CASE files)"
    )
    compare.add_argument(
        "--ignore",
        action="append",
        choices=["punctuation", "metadata"],
        help="punctuation: hide unchanged and punctuation-only changes; metadata: compare as if there were no "
        "codes and metadata (CASE item types, education levels ...); repeatable",
    )
    compare.add_argument(
        "--side-by-side",
        action="store_true",
        help="html: each change as its old text | its new text, in two columns",
    )
    compare.add_argument("--domain", action="append", metavar="KEY", help="only changes in this domain (repeatable)")
    _add_output(compare)
    _add_color(compare)


# name: (one-line help, description, argument setup, handler)
_COMMANDS: dict[str, tuple[str, str, Callable[[argparse.ArgumentParser], None], Handler]] = {
    "show": (
        "print an edition's outline, or one item with its indicators",
        "Print an edition's outline (domains and competencies), or one item with its indicators.",
        _setup_show,
        _cmd_show,
    ),
    "list": (
        "list the items of an edition or a selection, one per line",
        "List items one per line (ID, the publisher's code where there is one, theme tags, text; a domain's "
        "name), every level from the domains down, indented as an outline. With --theme or --domain, the "
        "selection: the items that match, kept whole, and the items that hold them; with --kind, a flat list "
        "of the items of that kind within matching items.",
        _setup_list,
        _cmd_list,
    ),
    "search": (
        "search the text of an edition: ranked items with the matched words",
        "Search competencies, indicators and domain descriptions. Words match in any case, singular or plural, "
        "and as the start of a longer word (trauma finds trauma-informed); quote a phrase to match it whole. "
        "Exit status 1 when nothing matches.",
        _setup_search,
        _cmd_search,
    ),
    "export": (
        "export an edition or a selection: csv, jsonl, json, markdown, html or CASE",
        "Export a framework or a selection of it: a table (csv, jsonl: one row per item), the library's JSON "
        "format (json), a printable page (markdown, html) or a 1EdTech CASE 1.1 package (case).",
        _setup_export,
        _cmd_export,
    ),
    "migrate": (
        "re-tag 2015 items with 2020 items (or back): relation, reason and what to review",
        "Carry tags from one edition to the other along the curated lineage: each tag's new item(s), the "
        "relation (exact, reworded, merged, split, removed, unknown), the curated rationale and whether a "
        "person should review it. With --column, a CSV table is re-tagged row by row (nothing dropped) and "
        "the summary goes to stderr. Exit status 1 when a tag (not a table row) is unknown.",
        _setup_migrate,
        _cmd_migrate,
    ),
    "diff": (
        "compare two editions (or framework JSON or CASE files): what changed, in structure and words",
        "Compare two frameworks: a summary of the changes by kind, domain and theme, then every "
        "changed competency and indicator with a word-level redline.",
        _setup_diff,
        _cmd_diff,
    ),
}


def _parser(only: str | None = None) -> _Parser:
    """The argument parser; with *only*, the other commands get their help line but no arguments
    (building every command's arguments costs the fast path of ``show`` a few milliseconds)."""
    parser = _Parser(
        prog="edcompetencies",
        description="The Educator Competencies (2015 and 2020 editions) from the command line.",
        formatter_class=_Formatter,
        epilog="\n".join(_EPILOGS[name] for name in _COMMANDS),
    )
    parser.add_argument("--version", action=_Version)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name, (help, description, setup, handler) in _COMMANDS.items():
        sub = commands.add_parser(
            name,
            help=help,
            description=description,
            formatter_class=_Formatter,
            epilog=_EPILOGS[name],
        )
        if only is None or only == name:
            setup(sub)
        sub.set_defaults(func=handler)
    return parser


def _quiet_stdout() -> None:
    """Point standard output at the null device, so the interpreter's last flush of output that
    could not be written (a closed pipe, a full disk) fails no more (as Python's docs advise
    for ``BrokenPipeError``)."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (AttributeError, ValueError, OSError):  # no real stdout (closed, or captured in-process)
        pass


def _error_line(line: str) -> None:
    """One line on stderr, through the terminal writer (nothing if stderr is closed)."""
    if sys.stderr is not None:
        _Out(sys.stderr).write(line.replace("\n", " ") + "\n")


def _parse_and_run(parser: _Parser, arguments: list[str]) -> int:
    try:
        args = parser.parse_args(arguments)
    except SystemExit as exc:  # --help, --version: printed; a failed write shows at the flush
        if sys.stdout is not None:
            sys.stdout.flush()
        return exc.code if isinstance(exc.code, int) else 0
    if args.command is None:
        if sys.stderr is not None:
            parser.print_help(sys.stderr)
        return 2
    status: int = args.func(args, _Out(sys.stdout))
    if sys.stdout is not None:  # a flush, so that a write error shows here rather than at exit
        sys.stdout.flush()
    return status


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    parser = _parser(arguments[0] if arguments and arguments[0] in _COMMANDS else None)
    try:
        return _parse_and_run(parser, arguments)
    except _UsageError as exc:
        _error_line(str(exc))
        return 2
    except BrokenPipeError:  # e.g. piped into `head`: stop quietly
        _quiet_stdout()
        return 1
    except Exception as exc:
        # imported only when needed: the fast path never fails
        from .errors import EdCompetenciesError

        if isinstance(exc, EdCompetenciesError):
            message = str(exc)
        elif isinstance(exc, OSError):
            _quiet_stdout()
            message = exc.strerror or str(exc)
            message += f": {exc.filename!r}" if exc.filename is not None else ""
        elif isinstance(exc, RecursionError):
            message = "the input is nested too deeply to read"
        else:
            raise
        _error_line(f"edcompetencies: error: {message}")
        return 1


def __dir__() -> list[str]:
    """The public names only (tab completion shows no ``re``, ``attrs`` or ``annotations``)."""
    return sorted(__all__)
