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
    assert out.startswith("Changes from 2015 to 2020 (curated lineage)")  # the default for the packaged editions
    assert out.index("competency 21 -> 23") < out.index("\nIntrapersonal\n")  # summary first, then by domain
    assert "of 115 2015 indicators, 12 carried over unchanged, 31 editorially, 53 substantively" in out
    assert "Notation: [-deleted-] {+inserted+}" in out
    auto = run("diff", "2015", "2020", "--auto")
    assert auto.stdout.startswith("Changes from 2015 to 2020 (automatic alignment)")
    assert 2 == run("diff", "2015", "2020", "--auto", "--curated").returncode


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "json", "csv"])
def test_diff_formats(fmt: str) -> None:
    """Every format says it is curated and holds only the Cognitive domain's changes."""
    result = run("diff", "2015", "2020", "--curated", "--format", fmt, "--domain", "cognitive")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "2015:cognitive.1" in out and "2020:cognitive.3" in out
    assert "2020:instructional." not in out and "2020:intrapersonal." not in out
    if fmt == "json":
        import json

        data = json.loads(out)
        assert data["curated"] is True and data["changes"]
    elif fmt == "csv":
        import csv

        rows = list(csv.DictReader(out.splitlines()))
        assert rows and {row["domain"] for row in rows} == {"cognitive"}
    else:
        assert "curated lineage" in out


def test_diff_unknown_domain_fails() -> None:
    result = run("diff", "2015", "2020", "--domain", "cogntive")
    assert result.returncode == 1 and result.stdout == ""
    assert "unknown domain 'cogntive'" in result.stderr and "Traceback" not in result.stderr


def test_diff_ignore_punctuation_and_output_file(tmp_path: pytest.TempPathFactory) -> None:
    target = tmp_path / "changes.csv"  # type: ignore[operator]
    result = run("diff", "2015", "2020", "--ignore", "punctuation", "--format", "csv", "-o", str(target))
    assert result.returncode == 0 and result.stdout == ""
    import csv

    rows = list(csv.DictReader(target.read_text(encoding="utf-8").splitlines()))
    kinds = {row["kind"] for row in rows}
    assert "reworded" in kinds and "unchanged" not in kinds
    # what stays of a punctuation-only change is its other change (a 2015 title the 2020 text drops)
    assert all("metadata" in row["kinds"].split() for row in rows if row["kind"] == "punctuation")


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


# --------------------------------------------------------------------------- list, search, export


@pytest.mark.parametrize("command", ["show", "list", "search", "export", "diff", "migrate"])
def test_every_command_has_help_with_examples(command: str) -> None:
    result = run(command, "--help")
    assert result.returncode == 0 and result.stderr == ""
    assert "examples:" in result.stdout and f"edcompetencies {command} " in result.stdout


def test_top_level_help_lists_the_commands() -> None:
    result = run("--help")
    assert result.returncode == 0
    for command in ("show", "list", "search", "export", "diff", "migrate"):
        assert f"    {command}" in result.stdout


def test_list_theme_and_domain() -> None:
    """`list 2020 --theme EI --domain cognitive`: EI items of Cognitive with the items that hold them."""
    result = run("list", "2020", "--theme", "EI", "--domain", "cognitive")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    # the domain first (issue 12 point 3: top-level items are listed), then the items indented by depth
    assert "2020:cognitive  Cognitive" == lines[0]
    assert lines[1].startswith("  2020:cognitive.3  Demonstrate awareness of and employ culturally responsive")
    assert "      2020:cognitive.3.c.i [EI]  Reflect on one's own race, background, social location" in "\n".join(lines)
    assert all("2020:cognitive" in line for line in lines)
    tagged = [line for line in lines if "[" in line.split("  ")[0] or " [" in line]
    assert 11 == sum(1 for line in tagged if "EI" in line)


def test_list_kind_is_a_flat_list() -> None:
    result = run("list", "2020", "--theme", "FC", "--kind", "competency")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert 12 == len(lines) and all(line.startswith("2020:") and "[FC" in line for line in lines)
    both = run("list", "2020", "--theme", "EI,RL", "--mode", "all", "--kind", "indicator", "--kind", "sub-indicator")
    assert all("EI" in line and "RL" in line for line in both.stdout.splitlines())


def test_list_2015_by_theme_fails_clearly() -> None:
    result = run("list", "2015", "--theme", "EI")
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.startswith("edcompetencies: error: the 2015 framework carries no theme tags")
    assert result.stderr.count("\n") == 1


def test_unknown_theme_and_domain() -> None:
    theme = run("list", "2020", "--theme", "XX")
    assert theme.returncode == 2 and "valid themes are FC" in theme.stderr and "Traceback" not in theme.stderr
    domain = run("list", "2020", "--domain", "cogntive")
    assert domain.returncode == 1 and "did you mean 'cognitive'" in domain.stderr


def test_search() -> None:
    result = run("search", "2020", "trauma")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("4 hits for 'trauma' in 2020\n2020:intrapersonal.5.b  (trauma) [SE RL]\n")
    phrase = run("search", "2020", '"restorative practices"', "--format", "csv")
    rows = list(__import__("csv").DictReader(phrase.stdout.splitlines()))
    assert rows and all("restorative practices" in row["text"].casefold() for row in rows)
    nothing = run("search", "2020", "zebra")
    assert nothing.returncode == 1 and nothing.stdout.startswith("0 hits")
    empty_csv = run("search", "2020", "zebra", "--format", "csv")
    assert empty_csv.returncode == 1 and empty_csv.stdout.splitlines() == [
        "rank,id,kind,score,terms,matched,field,themes,text,code"
    ]
    scoped = run("search", "2020", "learning", "--domain", "cognitive", "--kind", "competency", "--limit", "2")
    assert scoped.returncode == 0 and scoped.stdout.startswith("2 hits")


@pytest.mark.parametrize(
    ("fmt", "start"),
    [
        ("csv", "edition,id,kind,domain,"),
        ("jsonl", '{"edition": 2020, "id": "2020:intrapersonal",'),
        ("json", '{\n "format": "edcompetencies/edition"'),
        ("markdown", "# Educator Competencies for Personalized, Learner-Centered Environments (2020)"),
        ("html", "<!DOCTYPE html>"),
    ],
)
def test_export_formats(fmt: str, start: str) -> None:
    result = run("export", "2020", "--format", fmt)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(start)


def test_export_a_selection_to_a_file(tmp_path: pytest.TempPathFactory) -> None:
    import edcompetencies as ec

    target = tmp_path / "ei.json"  # type: ignore[operator]
    result = run("export", "2020", "--format", "json", "--theme", "EI", "-o", str(target))
    assert result.returncode == 0 and result.stdout == ""
    from edcompetencies import themes

    assert themes.filter(ec.load(2020), "EI") == ec.loads(target.read_text(encoding="utf-8"))


def test_export_needs_a_format_and_case_flags_need_case() -> None:
    assert run("export", "2020").returncode == 2
    assert run("export", "2020", "--format", "pdf").returncode == 2
    mixed = run("export", "2020", "--format", "csv", "--intasc")
    assert mixed.returncode == 2 and "--format case" in mixed.stderr


def test_export_to_an_unwritable_place_fails_cleanly(tmp_path: pytest.TempPathFactory) -> None:
    target = tmp_path / "missing" / "out.csv"  # type: ignore[operator]
    result = run("export", "2020", "--format", "csv", "-o", str(target))
    assert result.returncode == 1 and "cannot write" in result.stderr and "Traceback" not in result.stderr


def test_show_a_selection() -> None:
    result = run("show", "2020", "--theme", "FC")
    assert result.returncode == 0
    assert "  5. Practice and model self-care." not in result.stdout  # Intrapersonal 5 is not FC
    assert "  1. Demonstrate a dedication to all learners" in result.stdout


# --------------------------------------------------------------------------- the fast path of `show`


@pytest.mark.parametrize("edition", ["2015", "2020"])
def test_fast_path_reads_the_same_data_as_the_model(edition: str) -> None:
    """`show` on a packaged edition prints from the raw JSON: it must be what the model holds."""
    import edcompetencies as ec
    from edcompetencies._format import to_data
    from edcompetencies._packaged import edition_data

    assert to_data(ec.load(edition)) == edition_data(edition)
    assert edition_data("2017") is None and edition_data("../2020") is None


def test_show_does_not_import_the_model() -> None:
    """The fast path answers without attrs (importing it alone takes ~3.7x a bare start here)."""
    code = (
        "import sys, io, contextlib\n"
        "from edcompetencies.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    assert main(['show', '2020:instructional.4']) == 0\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('attr', 'attrs', 'typing', 'textwrap', 'shutil')"
        " or m in ('edcompetencies._model', 'importlib.metadata'))\n"
        "print(heavy)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "[]" == result.stdout.strip()


def test_show_of_a_file_or_a_selection_prints_like_the_fast_path(tmp_path: pytest.TempPathFactory) -> None:
    import edcompetencies as ec

    path = tmp_path / "copy.json"  # type: ignore[operator]
    path.write_text(ec.dumps(ec.load(2020)), encoding="utf-8")
    fast = run("show", "2020:instructional.4")
    slow = run("show", f"{path}:instructional.4")
    assert fast.returncode == slow.returncode == 0
    assert fast.stdout == slow.stdout
    assert run("show", "2020", "--indicators").stdout.replace("\n", "") == run(
        "show", str(path), "--indicators"
    ).stdout.replace("\n", "")


def test_migrate_one_item_and_labels() -> None:
    result = run("migrate", "2015:cognitive.3.3", "Intrapersonal 1.3")
    assert 0 == result.returncode, result.stderr
    assert "2 tags to 2020: 1 exact, 1 split; 1 to review" == result.stdout.splitlines()[0]
    assert "2015:cognitive.3.3: exact -> 2020:cognitive.4.c" in result.stdout
    assert "(review)" in result.stdout
    unknown = run("migrate", "Cognitive 9")
    assert 1 == unknown.returncode and "no item 'Cognitive 9' in the 2015 edition" in unknown.stdout
    back = run("migrate", "2020:intrapersonal.4", "--to", "2015", "--format", "csv")
    assert back.stdout.startswith("input,source,targets,relation") and ",split," in back.stdout


def test_migrate_a_csv_table(tmp_path: pytest.TempPathFactory) -> None:
    from pathlib import Path

    table = Path(str(tmp_path)) / "tags.csv"
    table.write_text("course,competency\r\nGoal setting,Cognitive 1.3\r\nLunch,n/a\r\n", encoding="utf-8")
    out = Path(str(tmp_path)) / "tags-2020.csv"
    result = run("migrate", str(table), "--column", "competency", "--to", "2020", "-o", str(out))
    assert 0 == result.returncode, result.stderr
    assert "edcompetencies: 2 tags to 2020: 1 exact, 1 unknown; 1 to review\n" == result.stderr
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("course,competency,competency_2020,competency_relation")
    assert lines[1].startswith("Goal setting,Cognitive 1.3,2020:cognitive.1.c,exact,False,")
    assert lines[2].startswith("Lunch,n/a,,unknown,True,")
    missing = run("migrate", str(table), "--column", "tag")
    assert 1 == missing.returncode and "no column 'tag'" in missing.stderr
    nofile = run("migrate", "nowhere.csv", "--column", "competency")
    assert 1 == nofile.returncode and "no such file" in nofile.stderr


def test_export_sssom_and_ctdl_asn() -> None:
    import json

    sssom = run("export", "2020", "--format", "sssom")
    assert 0 == sssom.returncode and sssom.stdout.startswith("#curie_map:")
    assert "edcompetencies:lineage-2015-2020" in sssom.stdout
    crosswalk = run("export", "2020", "--format", "sssom", "--intasc")
    assert "edcompetencies:crosswalk-2020-intasc" in crosswalk.stdout
    ctdl = run("export", "2020", "--format", "ctdl-asn", "--lineage")
    doc = json.loads(ctdl.stdout)
    assert "https://credreg.net/ctdlasn/schema/context/json" == doc["@context"] and 151 == len(doc["@graph"])
