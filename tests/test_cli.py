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


def test_diff_report() -> None:
    result = run("diff", "2015", "2020")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("Changes from 2015 to 2020 (automatic alignment)")
    assert out.index("competency 21 -> 23") < out.index("\nIntrapersonal\n")  # summary first, then by domain


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "json", "csv"])
def test_diff_formats(fmt: str) -> None:
    result = run("diff", "2015", "2020", "--curated", "--format", fmt, "--domain", "cognitive")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip()


def test_diff_ignore_punctuation_and_output_file(tmp_path: pytest.TempPathFactory) -> None:
    target = tmp_path / "changes.csv"  # type: ignore[operator]
    result = run("diff", "2015", "2020", "--ignore", "punctuation", "--format", "csv", "-o", str(target))
    assert result.returncode == 0 and result.stdout == ""
    import csv

    rows = list(csv.DictReader(target.read_text(encoding="utf-8").splitlines()))
    kinds = {row["kind"] for row in rows}
    assert "reworded" in kinds and not kinds & {"punctuation", "unchanged"}


def test_diff_framework_files(tmp_path: pytest.TempPathFactory) -> None:
    import edcompetencies as ec

    path = tmp_path / "ours.json"  # type: ignore[operator]
    path.write_text(ec.dumps(ec.load(2020)), encoding="utf-8")
    result = run("diff", "2020", str(path), "--format", "json")
    assert result.returncode == 0, result.stderr
    bad = tmp_path / "bad.json"  # type: ignore[operator]
    bad.write_text('{"edition": 1}', encoding="utf-8")
    result = run("diff", "2020", str(bad))
    assert result.returncode == 1 and "bad.json: $: missing required key" in result.stderr


def test_diff_usage_errors() -> None:
    assert run("diff", "2015").returncode == 2
    assert run("diff", "2015", "2020", "--format", "xml").returncode == 2
    assert run("diff", "2015", "2020", "--ignore", "case").returncode == 2
