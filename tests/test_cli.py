"""The command line, run for real in a subprocess."""

from __future__ import annotations

import subprocess
import sys

import pytest


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "edcompetencies", *args], capture_output=True, text=True, encoding="utf-8", timeout=60
    )


def test_show_edition_outline() -> None:
    result = run("show", "2020")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Educator Competencies for Personalized, Learner-Centered Environments (2020)")
    assert "Intrapersonal (Need to Reflect)" in result.stdout
    assert "  8. Use technology in service of learning." in result.stdout


def test_show_outline_2015_with_titles() -> None:
    result = run("show", "2015", "--indicators")
    assert result.returncode == 0
    assert "1. Support All Learners: Convey a dedication" in result.stdout
    assert "     1. Recognize, make transparent" in result.stdout


def test_show_one_item() -> None:
    result = run("show", "2020:instructional.4")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "2020:instructional.4"
    assert "        ii. Enabling students to choose and co-design curricula." in lines


def test_unknown_item_is_one_line_on_stderr_with_status_1() -> None:
    result = run("show", "2020:instructional.44")
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "did you mean" in result.stderr


def test_unknown_edition_status_1() -> None:
    result = run("show", "2017")
    assert result.returncode == 1 and "2015, 2020" in result.stderr


@pytest.mark.parametrize("args", [(), ("frobnicate",), ("show",), ("show", "2020", "--bogus")])
def test_usage_errors_status_2(args: tuple[str, ...]) -> None:
    result = run(*args)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and result.stderr


def test_help_and_version() -> None:
    result = run("show", "--help")
    assert result.returncode == 0 and "examples:" in result.stdout
    version = run("--version")
    assert version.returncode == 0 and version.stdout.startswith("edcompetencies ")
