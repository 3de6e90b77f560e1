"""Colour on a terminal (issue 13 point 3): ``--color``, ``NO_COLOR``, ``FORCE_COLOR``, and a text
that cannot smuggle an escape in even with colour on."""

from __future__ import annotations

import io
import re
import subprocess
import sys

import pytest
from hypothesis import given, settings

import edcompetencies as ec
from edcompetencies import cli, diff
from edcompetencies.errors import ArgumentTypeError

from .test_markup import hostile_frameworks

# the library's own codes: bold, dim, green underlined, red struck, reset
OWN_CODE = re.compile(r"\x1b\[(?:1|2|32;4|31;9|0)m")


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    import os

    base = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    return subprocess.run(
        [sys.executable, "-m", "edcompetencies", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**base, **(env or {})},
        timeout=60,
    )


def curated() -> diff.Diff:
    return diff.compare(ec.load(2015), ec.load(2020), lineage=ec.lineage(2015, 2020))


def test_color_always_colours_insertions_and_deletions() -> None:
    result = run("diff", "2015", "2020", "--color", "always")
    assert 0 == result.returncode, result.stderr
    assert "\x1b[32;4m{+" in result.stdout and "\x1b[31;9m[-" in result.stdout
    assert "\x1b[1mChanges from 2015 to 2020 (curated lineage)\x1b[0m" in result.stdout
    assert OWN_CODE.sub("", result.stdout) == run("diff", "2015", "2020").stdout  # the same text, coloured


@pytest.mark.parametrize(
    ("options", "env"),
    [
        (["--color", "never"], {"FORCE_COLOR": "1"}),
        (["--color", "auto"], {}),  # not a terminal (a pipe)
        ([], {"NO_COLOR": "1", "FORCE_COLOR": "1"}),
        (["--color", "auto"], {"FORCE_COLOR": "0"}),
    ],
)
def test_no_colour_without_a_terminal_or_with_never_or_no_color(options: list[str], env: dict[str, str]) -> None:
    for command in (["diff", "2015", "2020"], ["show", "2020"], ["list", "2020"], ["search", "2020", "trauma"]):
        result = run(*command, *options, env=env)
        assert "\x1b" not in result.stdout, (command, options, env)


def test_force_color_forces_colour_in_auto_mode() -> None:
    for command in (["diff", "2015", "2020"], ["show", "2020"], ["list", "2020"], ["search", "2020", "trauma"]):
        result = run(*command, env={"FORCE_COLOR": "1"})
        assert "\x1b[1m" in result.stdout, command


def test_show_colours_headings_and_tags_and_never_splits_a_tag() -> None:
    result = run("show", "2020", "--indicators", "--color", "always")
    assert "\x1b[1mCognitive (Need to Know)\x1b[0m" in result.stdout
    assert "\x1b[2m[EI RL]\x1b[0m" in result.stdout
    for line in result.stdout.splitlines():
        plain = OWN_CODE.sub("", line)
        assert plain.count("[") == plain.count("]")  # a tag is whole on its line
        assert len(plain) <= 100


def test_search_colours_the_matched_words() -> None:
    out = run("search", "2020", "trauma", "--color", "always").stdout
    assert "\x1b[32;4m[trauma]\x1b[0m-informed" in out


def test_colour_on_a_tty_in_auto_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    stream = Tty()
    monkeypatch.setattr(sys, "stdout", stream)
    assert 0 == cli.main(["diff", "2015", "2020", "--domain", "cognitive"])
    assert "\x1b[32;4m" in stream.getvalue()
    monkeypatch.setenv("NO_COLOR", "1")
    stream = Tty()
    monkeypatch.setattr(sys, "stdout", stream)
    assert 0 == cli.main(["diff", "2015", "2020", "--domain", "cognitive"])
    assert "\x1b" not in stream.getvalue()


def test_color_always_with_output_file_writes_colour_and_auto_does_not(tmp_path: object) -> None:
    from pathlib import Path

    path = Path(str(tmp_path)) / "d.txt"
    assert 0 == run("diff", "2015", "2020", "-o", str(path), env={"FORCE_COLOR": "1"}).returncode
    assert "\x1b" not in path.read_text(encoding="utf-8")
    assert 0 == run("diff", "2015", "2020", "-o", str(path), "--color", "always").returncode
    assert "\x1b[31;9m" in path.read_text(encoding="utf-8")


def test_library_text_stays_plain_unless_asked() -> None:
    d = curated()
    assert "\x1b" not in d.render("text") and "\x1b" not in d.to_text()
    assert d.to_text() == OWN_CODE.sub("", d.to_text(color=True))
    ch = d.change_for("2015:cognitive.1.1")
    assert ch.to_text() == OWN_CODE.sub("", ch.to_text(color=True))
    assert "\x1b[32;4m{+investigation+}\x1b[0m" in ch.to_text(color=True)
    with pytest.raises(ArgumentTypeError):
        d.to_text(color="yes")  # type: ignore[arg-type]
    with pytest.raises(ArgumentTypeError):
        ch.to_text(color=1)  # type: ignore[arg-type]


def test_a_text_with_escapes_in_it_cannot_escape_with_colour_on() -> None:
    """A framework built in Python is not checked by a reader: its text may hold any escape."""
    import attrs

    old = ec.load(2020)
    comp = old["2020:cognitive.1"]
    hostile = attrs.evolve(comp, statement="Utilize \x1b[2J\x1b]0;pwned\x07 in-depth \u202e understanding")
    domains = tuple(
        attrs.evolve(d, competencies=tuple(hostile if c.id == comp.id else c for c in d.competencies))
        for d in old.domains
    )
    new = attrs.evolve(old, domains=domains)
    text = diff.compare(old, new).to_text(color=True)
    assert "\\x1b[2J" in text and "\\u202e" in text
    assert "\x07" not in text and "\u202e" not in text
    assert "\x1b" not in OWN_CODE.sub("", text)  # every raw ESC is one of the library's own codes


@settings(max_examples=25, deadline=None)
@given(hostile_frameworks)
def test_hostile_frameworks_print_no_escape_but_the_librarys_own(fw: ec.Framework) -> None:
    text = diff.compare(fw, fw).to_text(color=True)
    assert "\x1b" not in OWN_CODE.sub("", text)
    assert not any(c in text for c in "\x07\x9b\u202e\u2066") and not re.search("\r(?!\n)", text)


def test_the_diff_wraps_to_the_terminal_s_width() -> None:
    """Issue 13 point 3: on a terminal, the report's long lines wrap to its width (tables stay whole)."""
    import fcntl
    import os
    import pty
    import struct
    import subprocess
    import sys
    import termios

    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 72, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "FORCE_COLOR")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "edcompetencies", "diff", "2015", "2020", "--domain", "cognitive", "--color", "never"],
        stdout=follower,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            data = os.read(leader, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=60)
    os.close(leader)
    lines = b"".join(chunks).decode("utf-8").replace("\r\n", "\n").split("\n")
    body = [line for line in lines if line.startswith("    ") and "   " not in line.strip()]
    assert body and all(len(line) <= 71 for line in body)
    assert any(line.startswith("        ") for line in body)  # a wrapped line's continuation
