"""Integrity of the packaged editions: IDs, counts against the source, clean text, themes."""

from __future__ import annotations

import re

import pytest
from hypothesis import given

import edcompetencies as ec
from edcompetencies import Competency, Indicator, Theme

from .strategies import hostile_json_values, hostile_strings

ID_2015 = re.compile(r"^2015:(cognitive|intrapersonal|interpersonal|instructional)(\.\d+(\.\d+(\.\d+)?)?)?$")
ID_2020 = re.compile(
    r"^2020:(intrapersonal|interpersonal|cognitive|instructional)(\.\d+(\.[a-z](\.(i|ii|iii|iv|v|vi))?)?)?$"
)

# Competencies per domain, counted in the source (001: the 2015 web page; 003: the 2020 text).
COUNTS = {
    2015: {"cognitive": 3, "intrapersonal": 6, "interpersonal": 4, "instructional": 8},
    2020: {"intrapersonal": 5, "interpersonal": 4, "cognitive": 6, "instructional": 8},
}
# Indicators and sub-indicators, counted in the source.
NODE_COUNTS = {2015: (90, 25), 2020: (101, 22)}


@pytest.fixture(params=[2015, 2020], ids=["2015", "2020"])
def fw(request: pytest.FixtureRequest) -> ec.Framework:
    return ec.load(request.param)


def test_domain_order() -> None:
    """2015: Cognitive, Intrapersonal, Interpersonal, Instructional (the overview page);
    2020: Intrapersonal, Interpersonal, Cognitive, Instructional (the Overview section)."""
    assert [d.key for d in ec.load(2015).domains] == ["cognitive", "intrapersonal", "interpersonal", "instructional"]
    assert [d.key for d in ec.load(2020).domains] == ["intrapersonal", "interpersonal", "cognitive", "instructional"]


def test_competency_counts_match_source(fw: ec.Framework) -> None:
    assert COUNTS[fw.edition] == {d.key: len(d.competencies) for d in fw.domains}  # type: ignore[index]
    assert sum(COUNTS[fw.edition].values()) == {2015: 21, 2020: 23}[fw.edition]  # type: ignore[index]


def test_indicator_counts_match_source(fw: ec.Framework) -> None:
    nodes = list(fw.indicators())
    assert NODE_COUNTS[fw.edition] == (  # type: ignore[index]
        sum(1 for n in nodes if n.depth == 2),
        sum(1 for n in nodes if n.depth == 3),
    )


def test_competencies_numbered_from_one(fw: ec.Framework) -> None:
    for domain in fw.domains:
        assert [c.number for c in domain.competencies] == list(range(1, len(domain.competencies) + 1))


def test_labels_follow_the_publication_scheme(fw: ec.Framework) -> None:
    """2015 numbers indicators and sub-indicators 1, 2, 3; 2020 letters them a, b, c and i, ii, iii."""
    roman = ["i", "ii", "iii", "iv", "v", "vi", "vii"]
    for c in fw.competencies():
        for n, indicator in enumerate(c.indicators):
            assert indicator.label == (str(n + 1) if fw.edition == 2015 else "abcdefghij"[n])
            for m, sub in enumerate(indicator.children):
                assert sub.label == (str(m + 1) if fw.edition == 2015 else roman[m])
                assert sub.children == ()


def test_ids_unique_and_well_formed(fw: ec.Framework) -> None:
    ids = [item.id for item in fw.items()]
    assert len(ids) == len(set(ids))
    pattern = ID_2015 if fw.edition == 2015 else ID_2020
    bad = [i for i in ids if not pattern.match(i)]
    assert bad == []


def _texts(fw: ec.Framework) -> list[tuple[str, str]]:
    out = [("$.title", fw.title)]
    for d in fw.domains:
        out += [(d.id, d.name)] + [(d.id, t) for t in (d.tagline, d.description, d.overview) if t is not None]
    for c in fw.competencies():
        out.append((c.id, c.statement))
        if c.title is not None:
            out.append((c.id, c.title))
    out += [(i.id, i.text) for i in fw.indicators()]
    return out


def test_no_markup_remnants(fw: ec.Framework) -> None:
    bad = [(where, t) for where, t in _texts(fw) if any(m in t for m in ("**", "](", "<", ">", "*", "#", "\t"))]
    assert bad == []


def test_no_empty_or_untrimmed_text(fw: ec.Framework) -> None:
    bad = [(where, t) for where, t in _texts(fw) if not t.strip() or t != t.strip() or "  " in t]
    assert bad == []


def test_theme_tags_valid_and_fc_only_on_competencies(fw: ec.Framework) -> None:
    for item in fw.items():
        themes = getattr(item, "themes", frozenset())
        assert all(isinstance(t, Theme) for t in themes)
        if isinstance(item, Indicator):
            assert Theme.FC not in themes, item.id
    if fw.edition == 2015:
        assert all(not getattr(i, "themes", None) for i in fw.items())


def test_2020_theme_tag_counts() -> None:
    """Tag counts as printed in the 2020 text: every bold tag group in the competency pages
    (the THEMES key in the page footers aside) counted with grep: FC 12, EI 28, SE 29, RL 63."""
    fw = ec.load(2020)
    counts = {t.value: 0 for t in Theme}
    for item in fw.items():
        for t in getattr(item, "themes", ()):
            counts[t.value] += 1
    fc = sorted(c.id for c in fw.competencies() if Theme.FC in c.themes)
    assert len(fc) == counts["FC"] == 12
    assert [c.id for c in fw.competencies() if c.themes - {Theme.FC}] == []
    assert counts == {"FC": 12, "EI": 28, "SE": 29, "RL": 63}


def test_midsentence_tag() -> None:
    """Cognitive 3 e i ends '... implicit biases; **EI** and' in the source."""
    item = ec.load(2020)["cognitive.3.e.i"]
    assert item.text == "Identify where one's own lived experience has shaped one's own implicit biases; and"
    assert item.themes == frozenset({Theme.EI})  # type: ignore[union-attr]


def test_titles_2015() -> None:
    """Every 2015 competency has its web-page short title but four Instructional ones."""
    fw = ec.load(2015)
    untitled = [c.id for c in fw.competencies() if c.title is None]
    assert untitled == [
        "2015:instructional.1",
        "2015:instructional.3",
        "2015:instructional.7",
        "2015:instructional.8",
    ]
    note = next(n for n in fw.notes if n.id == "2015-untitled-instructional")
    assert set(note.items) == set(untitled)
    assert all(c.title is None for c in ec.load(2020).competencies())


def test_notes_resolve(fw: ec.Framework) -> None:
    assert fw.notes, "every edition has source notes"
    for note in fw.notes:
        assert note.items, note.id
        for item in note.items:
            assert item == str(fw.edition) or item in fw, (note.id, item)
        assert note.text.strip() and note.source
    assert len({n.id for n in fw.notes}) == len(fw.notes)


def test_unlettered_2020_indicators_are_noted() -> None:
    """The scrape drops the letters of Intrapersonal 1-5 and Cognitive 1 indicators."""
    fw = ec.load(2020)
    note = next(n for n in fw.notes if n.id == "2020-unlettered-indicators")
    expected = [
        i.id
        for c in fw.competencies()
        if c.id in {f"2020:intrapersonal.{n}" for n in range(1, 6)} | {"2020:cognitive.1"}
        for i in c.indicators
    ]
    assert list(note.items) == expected and len(expected) == 26


def test_packaged_files_are_canonical(fw: ec.Framework) -> None:
    """The packaged JSON is exactly what `ec.dumps` writes, so a diff of the file is a diff of the data."""
    from edcompetencies._packaged import read_bytes

    assert read_bytes(f"edition-{fw.edition}.json").decode("utf-8") == ec.dumps(fw)


def test_competency_types(fw: ec.Framework) -> None:
    for d in fw.domains:
        for c in d.competencies:
            assert isinstance(c, Competency) and c.domain_key == d.key


def test_the_trusted_builder_agrees_with_the_validating_reader(fw: ec.Framework) -> None:
    """`ec.load` builds the packaged files without the converter (trusted); `ec.loads` checks every rule."""
    from edcompetencies._packaged import read_bytes

    assert ec.loads(read_bytes(f"edition-{fw.edition}.json"), source=f"edition-{fw.edition}.json") == fw


@pytest.mark.parametrize("name", ["²", "9" * 5000, "٢٠٢٠", "２０２０", "20 20", "1¹", "", "2020:", "../2020"])
def test_only_ascii_digits_name_an_edition(name: str) -> None:
    """Issue 11 item 4: `ec.load("²")` and `ec.load("9" * 5000)` raised ValueError; `ec.load("٢٠٢٠")` loaded 2020."""
    with pytest.raises(ec.UnknownEditionError, match="the editions that ship are 2015, 2020"):
        ec.load(name)


@given(hostile_strings | hostile_json_values)
def test_load_raises_only_the_library_error(name: object) -> None:
    try:
        fw = ec.load(name)  # type: ignore[arg-type]
    except ec.UnknownEditionError:
        return
    assert str(fw.edition) == str(name).strip()


def test_the_cold_path_imports_neither_cattrs_nor_importlib_resources() -> None:
    """Issue 10 point 5: `ec.load` builds the packaged files without the converter (cattrs costs ~35 ms)
    and reads them through the package's loader (importlib.resources cost 12-13 ms)."""
    import subprocess
    import sys

    code = (
        "import sys, edcompetencies as ec; ec.load(2020)['intrapersonal.1']; ec.load(2015); "
        "print(sorted(m for m in ('cattrs', 'importlib.resources', 'edcompetencies._convert') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "[]" == out.strip()
