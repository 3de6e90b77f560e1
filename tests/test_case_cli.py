"""CASE from the command line, run for real in a subprocess: ``export --format case`` and ``diff`` on CASE files."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import edcompetencies as ec
from edcompetencies import case

EXAMPLES = Path(__file__).resolve().parents[1] / "docs" / "examples"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "edcompetencies", *args], capture_output=True, text=True, encoding="utf-8", timeout=120
    )


def test_export_case_writes_the_package() -> None:
    """``export 2020 --format case`` prints exactly what ``case.dumps(case.export(...))`` gives."""
    result = run("export", "2020", "--format", "case")
    assert result.returncode == 0, result.stderr
    assert case.dumps(case.export(ec.load(2020))) == result.stdout


def test_export_case_with_intasc_and_lineage_to_a_file(tmp_path: Path) -> None:
    target = tmp_path / "ec2020.case.json"
    result = run("export", "2020", "--format", "case", "--intasc", "--lineage", "-o", str(target))
    assert result.returncode == 0, result.stderr
    assert "" == result.stdout
    text = target.read_text(encoding="utf-8")
    assert case.dumps(case.export(ec.load(2020), intasc=True, lineage=True)) == text
    intasc, framework = case.packages(json.loads(text))
    assert "2013" == intasc["CFDocument"]["version"]
    assert ec.load(2020) == case.load(framework)


def test_export_case_2015_with_intasc_fails_in_one_line() -> None:
    result = run("export", "2015", "--format", "case", "--intasc")
    assert result.returncode == 1
    assert "" == result.stdout
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "2020 edition only" in result.stderr


def test_diff_two_case_files() -> None:
    result = run("diff", str(EXAMPLES / "case-lakeland-2022.json"), str(EXAMPLES / "case-lakeland-2024.json"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Changes from 2022 to 2024")
    assert "2022:ltc-lp.1.a -> 2024:ltc-lp.1.a" in result.stdout


def test_diff_an_edition_with_its_case_export(tmp_path: Path) -> None:
    """A CASE file and an edition compare like any two frameworks: the export changed nothing."""
    exported = tmp_path / "2015.json"
    exported.write_text(case.dumps(case.export(ec.load(2015))), encoding="utf-8")
    result = run("diff", "2015", str(exported), "--format", "csv")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == len(ec.load(2015).ids())  # every item, the domains too (issue 12 point 1)
    assert {"unchanged"} == {row["kind"] for row in rows}


def test_diff_a_malformed_case_file_fails_in_one_line(tmp_path: Path) -> None:
    data = case.export(ec.load(2015))
    edges = [a for a in data["CFAssociations"] if a["associationType"] == "isChildOf"]
    domain = edges[0]["originNodeURI"]
    edges[0]["destinationNodeURI"] = dict(edges[1]["originNodeURI"])  # the first domain under its own competency
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(data), encoding="utf-8")
    result = run("diff", "2015", str(broken))
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "a cycle in isChildOf" in result.stderr and domain["identifier"] in result.stderr


def test_diff_a_case_file_with_a_control_character_fails_in_one_line(tmp_path: Path) -> None:
    """A statement that would clear the terminal is refused with its path, printed without the control."""
    data = case.export(ec.load(2015))
    data["CFItems"][3]["fullStatement"] = "All checks passed\x1b[2J"
    hostile = tmp_path / "hostile.json"
    hostile.write_text(json.dumps(data), encoding="utf-8")
    result = run("diff", "2015", str(hostile))
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr and "\x1b" not in result.stderr
    assert "$.CFItems[3].fullStatement" in result.stderr and "U+001B" in result.stderr


def test_diff_a_deeply_nested_case_file_fails_in_one_line(tmp_path: Path) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text('{"CFDocument": {"identifier": "d", "title": "T"}, "x": ' + "[" * 100_000 + "]" * 100_000 + "}")
    result = run("diff", "2015", str(deep))
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "nested too deeply" in result.stderr and "line 1 column" in result.stderr
