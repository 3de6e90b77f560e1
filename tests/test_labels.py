"""The publisher's own labels are shown wherever an item is shown (issue 12 point 3).

A framework read from another tool's file carries each item's ``code`` (a CASE
``humanCodingScheme``) and, in its ``metadata``, its item type (``CFItemType``) and CASE
``identifier``. ``list``, ``show``, search results, the records (CSV, JSON Lines, frames) and the
framework's text, Markdown and HTML views show them; lookups take the code; ``list`` prints the
top-level items too and has ``--kind domain``. The packaged editions, which have none, read as before.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import attrs
import pytest
from hypothesis import given

import edcompetencies as ec
from edcompetencies import case, cli
from edcompetencies._markup import md_code
from edcompetencies.errors import UnknownItemError

from .strategies import hostile_strings
from .test_case_real import _real

ORDERING = "opensalt-ordering-act-science-2018.json"
FLAT = "sbac-item-response-types.json"
L1_10 = "H.A.SCI.CSC.C.CE.L1.10"  # the OpenSALT file's code of "kinetic energy ... speed"
LAKELAND = Path(__file__).resolve().parents[1] / "docs" / "examples" / "case-lakeland-2022.json"


def main(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = cli.main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def coded() -> ec.Framework:
    """The 2020 Cognitive domain with a publisher's code, item type and identifier on three items."""
    fw = ec.load(2020).select(domains="cognitive")
    domain = fw.domains[0]
    competency = domain.competencies[0]
    indicator = attrs.evolve(
        competency.indicators[0],
        code="COG.1.a",
        metadata={"CFItemType": "Indicator", "identifier": "0f3c-1a", "educationLevel": ["09"]},
    )
    competency = attrs.evolve(
        competency,
        code="COG.1",
        metadata={"CFItemType": "Standard"},
        indicators=(indicator, *competency.indicators[1:]),
    )
    domain = attrs.evolve(domain, code="COG", competencies=(competency, *domain.competencies[1:]))
    return attrs.evolve(fw, domains=(domain,), notes=())


# --------------------------------------------------------------------------- the real files


def test_list_shows_the_publishers_codes_of_an_opensalt_framework(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = main(capsys, "list", str(_real(ORDERING)))
    assert 0 == status
    lines = out.splitlines()
    assert 65 == len(lines)  # every CFItem, the four top-level ones included
    assert "2018:f (F)  Final round" == lines[0]
    line = next(line for line in lines if "L1.10" in line)
    text = "Understand that the indicator for kinetic energy is speed."
    expected = f"        2018:h-a-sci-csc.4.CE.L1.10 ({L1_10})  {text}"
    assert expected == line


def test_show_and_lookups_take_the_code_of_an_opensalt_framework(capsys: pytest.CaptureFixture[str]) -> None:
    path = str(_real(ORDERING))
    fw = case.load(path)
    assert "2018:h-a-sci-csc.4.CE.L1.10" == fw[L1_10].id and L1_10 == fw[L1_10].code
    assert "F" == fw.domains[0].code and fw.get("F.2.1") is fw["2018:f.2.1"]
    status, out, _ = main(capsys, "show", f"{path}:{L1_10}")
    assert 0 == status
    assert out.startswith(
        f"2018:h-a-sci-csc.4.CE.L1.10 ({L1_10})\nidentifier: b7766ecc-f058-11e7-8dcb-2706f91ec02a\n"
        f"  10. ({L1_10}) Understand that the indicator"
    )  # no item type line: the item has none (kept as null in its metadata)
    # the end of a code is not a code, but the error suggests the whole one
    status, _, err = main(capsys, "show", f"{path}:L1.10")
    assert 1 == status and f"did you mean '{L1_10}'" in err
    with pytest.raises(UnknownItemError, match=f"did you mean '{L1_10}'"):
        fw["L1.10"]


def test_a_flat_framework_lists_every_item(capsys: pytest.CaptureFixture[str]) -> None:
    """Every item of sbac-item-response-types is a child of the CFDocument: 19 top-level items."""
    status, out, err = main(capsys, "list", str(_real(FLAT)))
    assert (0, "") == (status, err)
    lines = out.splitlines()
    assert 19 == len(lines)
    assert "2018:multiple-choice-single-correct-response  Multiple Choice, single correct response" == lines[0]
    status, flat, _ = main(capsys, "list", str(_real(FLAT)), "--kind", "domain")
    assert 0 == status and flat == out


def test_the_records_of_a_real_package_carry_its_codes() -> None:
    fw = case.load(_real(ORDERING))
    rows = list(csv.DictReader(fw.to_csv().splitlines()))
    assert 65 == len(rows)
    row = next(row for row in rows if row["code"] == L1_10)
    assert "2018:h-a-sci-csc.4.CE.L1.10" == row["id"]


# --------------------------------------------------------------------------- records


def test_records_carry_the_code_the_item_type_and_the_identifier() -> None:
    rows = coded().to_records()
    assert ("COG", None, None) == (rows[0]["code"], rows[0]["item_type"], rows[0]["identifier"])
    assert ("COG.1", "Standard", None) == (rows[1]["code"], rows[1]["item_type"], rows[1]["identifier"])
    assert ("COG.1.a", "Indicator", "0f3c-1a") == (rows[2]["code"], rows[2]["item_type"], rows[2]["identifier"])
    assert (None, None, None) == (rows[3]["code"], rows[3]["item_type"], rows[3]["identifier"])
    assert ["code", "item_type", "identifier"] == list(rows[0])[-3:]
    lines = coded().to_csv().splitlines()
    assert lines[0].endswith(",themes,code,item_type,identifier")
    assert lines[3].endswith(",COG.1.a,Indicator,0f3c-1a")
    assert json.loads(coded().to_jsonl().splitlines()[2])["identifier"] == "0f3c-1a"


def test_a_metadata_value_that_is_not_text_is_given_as_json_text() -> None:
    fw = coded()
    item = attrs.evolve(fw.domains[0], metadata={"CFItemType": ["a", 1], "identifier": 7})
    row = attrs.evolve(fw, domains=(item,)).to_records()[0]
    assert ('["a",1]', "7") == (row["item_type"], row["identifier"])


def test_the_packaged_editions_have_empty_label_columns() -> None:
    for edition in ec.editions():
        rows = ec.load(edition).to_records()
        assert all(row["code"] is None and row["item_type"] is None and row["identifier"] is None for row in rows)


def test_the_frame_holds_the_labels_as_text() -> None:
    pandas = pytest.importorskip("pandas")
    df = coded().to_dataframe()
    assert {"object"} == {str(df[c].dtype) for c in ("code", "item_type", "identifier")}
    assert "COG.1.a" == df.loc[2, "code"] and df.loc[3, "code"] is pandas.NA
    packaged = ec.load(2015).to_dataframe()
    assert str(packaged["code"].dtype) == "object" and packaged["code"].isna().all()


# --------------------------------------------------------------------------- lookups and selections


def test_selections_take_codes() -> None:
    fw = coded()
    assert fw.select(ids="COG.1.a").ids() == ("2020:cognitive", "2020:cognitive.1", "2020:cognitive.1.a")
    assert fw.select(domains="cog").ids() == fw.ids()
    with pytest.raises(UnknownItemError):
        fw.select(domains="COG.1")  # a competency's code names no domain


def test_a_domain_is_selected_by_its_code_on_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = main(capsys, "list", str(LAKELAND), "--domain", "LTC.AS", "--kind", "competency")
    assert 0 == status
    heads = [line.split("  ")[0] for line in out.splitlines()]
    assert ["2022:ltc-as.1 (LTC.AS.1)", "2022:ltc-as.2 (LTC.AS.2)"] == heads


# --------------------------------------------------------------------------- the command line


def test_list_prints_the_domains_and_kind_domain(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = main(capsys, "list", "2020", "--kind", "domain")
    assert 0 == status
    assert ["2020:intrapersonal", "2020:interpersonal", "2020:cognitive", "2020:instructional"] == [
        line.split("  ")[0] for line in out.splitlines()
    ]
    status, out, _ = main(capsys, "list", "2020")
    lines = out.splitlines()
    assert 150 == len(lines) and "2020:intrapersonal  Intrapersonal" == lines[0]
    assert lines[1].startswith("  2020:intrapersonal.1 [FC]  ") and lines[2].startswith("    2020:intrapersonal.1.a ")
    status, _, err = main(capsys, "list", "2020", "--theme", "EI", "--kind", "domain")
    assert 1 == status and "no item matches" in err  # domains carry no themes


def test_show_prints_the_code_the_item_type_and_the_identifier(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "coded.json"
    path.write_text(ec.dumps(coded()), encoding="utf-8")
    status, out, _ = main(capsys, "show", f"{path}:COG.1.a")
    assert 0 == status
    assert out.startswith("2020:cognitive.1.a (COG.1.a)\nitem type: Indicator\nidentifier: 0f3c-1a\n  a. (COG.1.a) ")
    status, out, _ = main(capsys, "show", str(path))
    assert "\nCognitive (COG) (Need to Know)\n  1. (COG.1) Utilize" in out
    status, out, _ = main(capsys, "show", f"{path}:cognitive.1")
    assert out.startswith("2020:cognitive.1 (COG.1)\nitem type: Standard\n  1. (COG.1) Utilize")


def test_the_packaged_outline_and_items_are_unchanged(capsys: pytest.CaptureFixture[str]) -> None:
    _, fast, _ = main(capsys, "show", "2020:cognitive.1")
    assert fast.startswith("2020:cognitive.1\n  1. Utilize")
    assert "()" not in main(capsys, "show", "2020", "--indicators")[1]


def test_search_results_show_codes(capsys: pytest.CaptureFixture[str]) -> None:
    hits = case.load(LAKELAND).search("mastery")
    assert [("2022:ltc-lp.2.b", "LTC.LP.2.b"), ("2022:ltc-as.2.b", "LTC.AS.2.b")] == [
        (row["id"], row["code"]) for row in hits.to_records()
    ]
    assert "2022:ltc-lp.2.b (LTC.LP.2.b)  (mastery)" == hits.to_text().splitlines()[1]
    assert "- `2022:ltc-lp.2.b` `LTC.LP.2.b` Adjust pacing based on evidence of **mastery**." in hits.to_markdown()
    assert '<code>2022:ltc-lp.2.b</code><span class="code">LTC.LP.2.b</span>Adjust' in hits.to_html()
    assert '<span class="code">LTC.LP.2.b</span>' in hits[0]._repr_html_()
    assert hits.to_csv().splitlines()[1].endswith(",LTC.LP.2.b")
    status, out, _ = main(capsys, "search", str(LAKELAND), "mastery", "--color", "always")
    assert 0 == status and "(LTC.LP.2.b)" in out
    packaged = ec.load(2020).search("trauma")
    assert "2020:intrapersonal.5.b  (trauma) [SE RL]" == packaged.to_text().splitlines()[1]
    assert 'class="code"' not in packaged.to_html() and packaged.to_records()[0]["code"] is None


# --------------------------------------------------------------------------- views and displays


def test_the_views_show_codes() -> None:
    fw = coded()
    text = fw.render("text")
    assert "\nCognitive (COG): Need to Know\n  Competency 1 (COG.1) [FC]\n" in text
    assert "\n     a. (COG.1.a) Communicate the central concepts" in text
    markdown = fw.to_markdown()
    assert "## Cognitive `COG` (Need to Know)" in markdown and "### Competency 1 `COG.1` `FC`" in markdown
    assert "- **a.** `COG.1.a` " in markdown
    html = fw.to_html(document=False)
    for code in ("COG", "COG.1", "COG.1.a"):
        assert f'<span class="code">{code}</span>' in html
    assert '<span class="code">COG.1.a</span>' in fw["COG.1.a"]._repr_html_()
    assert "`COG.1`" in fw["COG.1"].to_markdown()
    assert "code='COG.1.a'" in repr(fw["COG.1.a"]) and "code='COG'" in repr(fw["COG"])


def test_the_packaged_views_show_no_codes() -> None:
    fw = ec.load(2020)
    assert 'class="code"' not in fw.to_html() and "code=" not in repr(fw["cognitive.1"])
    assert "()" not in fw.render("text")


def test_md_code_keeps_any_code_in_one_code_span() -> None:
    assert "`L1.10`" == md_code("L1.10")
    assert "`` a`b ``" != md_code("a`b") and "``a`b``" == md_code("a`b")
    assert "`` `x` ``" == md_code("`x`")
    assert "`a b`" == md_code("a\nb")


@given(hostile_strings)
def test_a_hostile_code_is_escaped_in_html_and_stays_in_its_span(code: str) -> None:
    fw = coded()
    item = attrs.evolve(fw.domains[0], code=code or "x")
    html = attrs.evolve(fw, domains=(item,)).to_html(document=False)
    assert "<script" not in html.replace("&lt;script", "")
    span = md_code(code or "x")
    assert "\n" not in span and span.startswith("`") and span.endswith("`")
