"""The command line under faults and hostile input (issue 11 items 6, 7, 12, 13): one line and
exit status 1 or 2, never a traceback; terminal-safe output; an atomic, predictable -o."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import edcompetencies as ec
from edcompetencies import _files, cli
from edcompetencies.errors import ArgumentTypeError, OutputFileError

from .test_markup import hostile_frameworks, hostile_texts


def sh(command: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Run a shell command line with ``edcompetencies`` meaning this interpreter's module."""
    line = command.replace("EDC", f"{sys.executable} -m edcompetencies")
    return subprocess.run(
        ["sh", "-c", line], capture_output=True, text=True, env={**os.environ, **env}, check=False, timeout=120
    )


def one_line_error(result: subprocess.CompletedProcess[str], status: int = 1) -> str:
    assert status == result.returncode, result.stderr
    assert "Traceback" not in result.stderr
    assert 1 == len(result.stderr.splitlines()), result.stderr
    return result.stderr


@pytest.mark.parametrize(
    "command", ["EDC show 2020", "EDC list 2020 --kind competency", "EDC diff 2015 2020", "EDC --version"]
)
def test_closed_stdout(command: str) -> None:
    assert "standard output is closed" in one_line_error(sh(f"{command} >&-"))


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("command", ["EDC show 2020", "EDC export 2020 --format csv", "EDC --help", "EDC --version"])
def test_full_disk(command: str) -> None:
    assert "No space left on device" in one_line_error(sh(f"{command} > /dev/full"))


def test_ascii_terminal_gets_backslash_escapes() -> None:
    result = sh("EDC search 2020 trauma", PYTHONIOENCODING="ascii")
    assert 0 == result.returncode and "Traceback" not in result.stderr
    assert "stress\\u2014and adjust" in result.stdout


def test_broken_pipe_is_quiet() -> None:
    result = sh("EDC export 2020 --format json | true; exit 0")
    assert "" == result.stderr


@pytest.mark.parametrize("target", ["''", ".", "/"])
def test_output_names_that_are_no_file(target: str) -> None:
    message = one_line_error(sh(f"EDC export 2020 --format csv -o {target}"))
    assert "cannot write" in message


def test_deeply_nested_files(tmp_path: Path) -> None:
    for name, text in [("deep.json", "[" * 100_000), ("case.json", '{"CFDocument": ' + "[" * 100_000)]:
        (tmp_path / name).write_text(text)
        one_line_error(sh(f"EDC list {tmp_path / name}"))
        one_line_error(sh(f"EDC diff 2015 {tmp_path / name}"))


def test_missing_files_are_said_to_be_missing(capsys: pytest.CaptureFixture[str]) -> None:
    assert 1 == cli.main(["diff", "2015", "missing.json"])
    assert "edcompetencies: error: no such file: missing.json\n" == capsys.readouterr().err
    assert 1 == cli.main(["list", "nowhere/x"])
    assert "no such file: nowhere/x" in capsys.readouterr().err
    assert 1 == cli.main(["diff", "2015", "missing"])
    assert "unknown edition 'missing'" in capsys.readouterr().err
    assert 1 == cli.main(["list", "/"])
    assert "not a regular file" in capsys.readouterr().err


def test_library_argument_type_error_is_not_a_usage_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The library's ArgumentTypeError (a failed command, status 1) is not argparse's (status 2)."""

    def broken(spec: str) -> ec.Framework:
        raise ArgumentTypeError("f()", "x", "a string", 3)

    monkeypatch.setattr(cli, "_framework", broken)
    assert 1 == cli.main(["list", "2020"])
    assert "f(): x must be a string, not int" in capsys.readouterr().err
    assert 2 == cli.main(["list", "2020", "--theme", "XX"])


def test_printed_data_and_errors_are_terminal_safe(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads(ec.dumps(ec.load(2020).select(ids=["cognitive.1"])))
    data["domains"][0]["competencies"][0]["statement"] = "\x1b[2J\rAll checks passed\u202e"
    path = tmp_path / "evil.json"
    path.write_text(json.dumps(data))
    for args in (["list", str(path)], ["show", f"{path}:cognitive.1"], ["search", str(path), "checks"]):
        status = cli.main(args)
        out, err = capsys.readouterr()
        assert status in (0, 1)
        assert not any(c in out + err for c in "\x1b\r\u202e")  # refused on read, or printed escaped
    assert 1 == cli.main(["show", "2020:\x1b[2Jx\u202e"])
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\u202e" not in err and "\\x1b[2J" in err


def test_html_output_is_a_page_unless_a_fragment_is_asked(capsys: pytest.CaptureFixture[str]) -> None:
    for args in (["diff", "2015", "2020"], ["search", "2020", "trauma"], ["export", "2020"]):
        assert cli.main([*args, "--format", "html"]) in (0,)
        page = capsys.readouterr().out
        assert page.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in page and "<title>" in page
        cli.main([*args, "--format", "html", "--fragment"])
        assert not capsys.readouterr().out.startswith("<!DOCTYPE")


def test_csv_keep_formulas(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    assert 0 == cli.main(["export", "2020", "--format", "csv", "-o", str(target)])
    assert 0 == cli.main(["export", "2020", "--format", "csv", "--keep-formulas", "-o", str(target)])
    assert target.read_bytes().startswith(b"edition,id,")


# --------------------------------------------------------------------------- the -o writer


def test_write_text_ignores_a_planted_temporary_file(tmp_path: Path) -> None:
    victim = tmp_path / "victim"
    victim.write_text("precious")
    (tmp_path / ".x.csv.tmp").symlink_to(victim)
    _files.write_text(str(tmp_path / "x.csv"), "new\r\n")
    assert "precious" == victim.read_text() and b"new\r\n" == (tmp_path / "x.csv").read_bytes()


def test_write_text_keeps_the_mode(tmp_path: Path) -> None:
    target = tmp_path / "private.csv"
    target.write_text("old")
    target.chmod(0o600)
    _files.write_text(str(target), "new")
    assert 0o600 == stat.S_IMODE(target.stat().st_mode) and "new" == target.read_text()
    fresh = tmp_path / "fresh.csv"
    _files.write_text(str(fresh), "x")
    mask = os.umask(0)
    os.umask(mask)
    assert 0o666 & ~mask == stat.S_IMODE(fresh.stat().st_mode)


def test_write_text_writes_through_a_symlink(tmp_path: Path) -> None:
    real = tmp_path / "real.csv"
    real.write_text("old")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    _files.write_text(str(link), "new")
    assert link.is_symlink() and "new" == real.read_text()


@pytest.mark.parametrize("failure", [OSError(28, "No space left on device"), KeyboardInterrupt(), RuntimeError("x")])
def test_write_text_cleans_up_on_any_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failure: BaseException
) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old")

    def fail(*args: object) -> None:
        raise failure

    monkeypatch.setattr(_files.os, "replace", fail)
    with pytest.raises((OutputFileError, KeyboardInterrupt, RuntimeError)):
        _files.write_text(str(target), "new")
    assert ["out.csv"] == os.listdir(tmp_path) and "old" == target.read_text()


def test_write_text_refuses_what_utf8_cannot_hold(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("old")
    with pytest.raises(OutputFileError, match="cannot be written as UTF-8"):
        _files.write_text(str(target), "a\ud800")
    assert ["out.json"] == os.listdir(tmp_path) and "old" == target.read_text()
    with pytest.raises(OutputFileError, match="cannot write '': the file name is empty"):
        _files.write_text("", "x")
    with pytest.raises(OutputFileError, match="No such file or directory"):
        _files.write_text(str(tmp_path / "no" / "dir.csv"), "x")
    for name in ("a\x00b", "\ud800"):
        with pytest.raises(OutputFileError, match="not a usable file name"):
            _files.write_text(str(tmp_path / name), "x")


# --------------------------------------------------------------------------- hostile arguments

_COMMAND_LINES = st.one_of(
    st.tuples(st.just("show"), hostile_texts),
    st.tuples(st.just("list"), st.sampled_from(["2015", "2020"]), st.just("--domain"), hostile_texts),
    st.tuples(st.just("search"), st.sampled_from(["2015", "2020"]), hostile_texts),
    st.tuples(st.just("search"), st.just("2020"), hostile_texts, st.just("--format"), st.sampled_from(["csv", "html"])),
    st.tuples(st.just("export"), hostile_texts, st.just("--format"), st.sampled_from(["csv", "markdown"])),
    st.tuples(st.just("diff"), st.just("2015"), hostile_texts),
    st.tuples(st.just("export"), st.just("2020"), st.just("--format"), st.just("csv"), st.just("-o"), hostile_texts),
)


@settings(max_examples=60, deadline=None)
@given(_COMMAND_LINES)
def test_no_exception_but_the_librarys_escapes_the_command_line(args: tuple[str, ...]) -> None:
    """Run in-process with captured output: a status, never an exception; output terminal-safe."""
    import contextlib
    import io

    stdout, stderr = io.StringIO(), io.StringIO()
    with tempfile.TemporaryDirectory() as folder:
        cwd = os.getcwd()
        os.chdir(folder)
        try:
            with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
                status = cli.main(list(args))
        finally:
            os.chdir(cwd)
    assert status in (0, 1, 2)
    assert not any(c in stderr.getvalue() for c in "\x1b\x07\u202e\x9b")
    stdout.getvalue().encode("utf-8")


# --------------------------------------------------------------------------- show on a terminal


def test_wrap_never_splits_the_theme_tags() -> None:
    assert "a b c d e f\n   [FC EI]" == cli._wrap("a b c d e f", "", 12, tail="[FC EI]")
    assert "a b [FC]" == cli._wrap("a b", "", 100, tail="[FC]")


def test_show_wraps_to_the_terminal_width(monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

        def fileno(self) -> int:
            return 1

    monkeypatch.setattr(os, "get_terminal_size", lambda fd=1: os.terminal_size((61, 24)))
    out = cli._Out(Terminal())
    assert 60 == out.width
    assert 100 == cli._Out(io.StringIO()).width  # not a terminal: as before


@settings(max_examples=40, deadline=None)
@given(hostile_frameworks, st.sampled_from(["list", "show", "search", "export", "diff"]))
def test_no_exception_but_the_librarys_escapes_a_command_on_a_hostile_file(fw: ec.Framework, command: str) -> None:
    """A framework file full of hostile text: refused on read, or printed terminal-safe."""
    import contextlib
    import io

    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "hostile.json")
        with open(path, "w", encoding="ascii") as stream:
            json.dump(json.loads(ec.dumps(fw)), stream)  # ASCII: a lone surrogate as a \ud800 escape
        args = {
            "list": ["list", path],
            "show": ["show", path],
            "search": ["search", path, "a"],
            "export": ["export", path, "--format", "markdown"],
            "diff": ["diff", path, path],
        }[command]
        stdout, stderr = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            status = cli.main(args)
    assert status in (0, 1)
    printed = stdout.getvalue() + stderr.getvalue()
    assert not any(c in printed for c in "\x1b\x07\x00\x9b\u202e\u2066")
    printed.encode("utf-8")
