"""Every text of the crosswalk, glossary and toolkit files is found, word for word, in the source.

Independent of ``tools/transcribe_toolkit.py`` (no shared code): the 2020 seed is normalised as
the transcription rules allow (whitespace; ``**``/``*`` markup; ``[text](#)`` links keep their
text; an autolink ``<https://...>`` keeps its URL; other HTML tags go) and every transcribed
string must be a substring of it. The counts the issue names are also recounted from the seed.
"""

from __future__ import annotations

import json
import re
import shutil
import string
import subprocess
import sys
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from edcompetencies import crosswalk, glossary, toolkit

SEED = "003_301b7d7ba3d1d927.txt"
FILES = ("crosswalk-2020.json", "glossary-2020.json", "toolkit-2020.json")
# Keys whose values are not transcribed text: IDs and references the transcription assigns, how a
# quotation was resolved, enumerations of the format, and the source notes (editorial text that
# quotes the seed, checked separately below).
NOT_TEXT = {
    "id",
    "refs",
    "resolution",
    "match",
    "domain",
    "key",
    "position",
    "part",
    "format",
    "source",
    "competency",
    "item",
    "letter",
    "type",
    "notes",
    "copies",
    "after_item",
}


def normalise(text: str) -> str:
    text = re.sub(r"<(https?://[^>\s]+)>", r"\1", text)
    text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = text.replace("**", "").replace("*", "")
    return re.sub(r"\s+", " ", text)


@pytest.fixture(scope="module")
def source(seeds: Path) -> str:
    return normalise((seeds / SEED).read_text(encoding="utf-8"))


def packaged(name: str) -> Any:
    return json.loads((resources.files("edcompetencies") / "data" / name).read_text(encoding="utf-8"))


def strings(value: Any, path: str = "$") -> Iterator[tuple[str, str]]:
    if isinstance(value, dict):
        for key, v in value.items():
            if key == "label" and path.endswith(("]", "performances")) and re.match(r"^\d+\(", str(v)):
                continue  # InTASC labels such as "4(a)" are built from the number and the printed letter
            if key not in NOT_TEXT:
                yield from strings(v, f"{path}.{key}")
    elif isinstance(value, list):
        for n, v in enumerate(value):
            yield from strings(v, f"{path}[{n}]")
    elif isinstance(value, str):
        yield path, value


@pytest.mark.parametrize("name", FILES)
def test_every_transcribed_text_is_in_the_source(name: str, source: str) -> None:
    found = list(strings(packaged(name)))
    assert len(found) > 200
    missing = [(path, text) for path, text in found if re.sub(r"\s+", " ", text) not in source]
    assert [] == missing


@pytest.mark.parametrize("name", FILES)
def test_quotations_in_notes_are_in_the_source(name: str, source: str) -> None:
    """A source note's quotations ("...") are verbatim from the seed (parts longer than a few words)."""
    for note in packaged(name)["notes"]:
        for quoted in re.findall(r"\"([^\"]+)\"", note["text"]):
            for part in quoted.split("..."):
                part = part.strip()
                if len(part) > 12:
                    assert part in source, (note["id"], part)


def test_no_intasc_group_titles_are_added(source: str) -> None:
    """The crosswalk does not group the standards; nothing in the data names InTASC's groups."""
    text = json.dumps(packaged("crosswalk-2020.json"), ensure_ascii=False)
    for title in ("The Learner and Learning", "Instructional Practice", "Professional Responsibility"):
        assert title not in source
        assert title not in text


# --------------------------------------------------------------------------- counts recounted from the seed


def _part_two(source: str) -> dict[int, str]:
    part = source[source.index("CROSSWALK PART TWO") :]
    pieces = re.split(r"InTASC Standard #(\d+): ", part)[1:]
    return {int(n): body for n, body in zip(pieces[::2], pieces[1::2], strict=True)}


def test_standards_and_performances_recounted(source: str) -> None:
    blocks = _part_two(source)
    assert list(range(1, 11)) == sorted(blocks)
    for number, body in blocks.items():
        cell = body.split("Areas of Emphasis for Personalized Learning", 1)[1].split("Reinforces", 1)[0]
        letters = re.findall(r"(?<!\S)([a-z])\. (?=[A-Z])", cell)
        assert list(string.ascii_lowercase[: len(letters)]) == letters
        s = crosswalk.standard(number)
        assert [f"{number}({letter})" for letter in letters] == [p.label for p in s.performances]
        assert body.startswith(s.title)
        for p in s.performances:
            assert p.text in cell


def test_part_two_related_competencies_recounted(source: str) -> None:
    for number, body in _part_two(source).items():
        related = re.findall(r"» (Intrapersonal|Interpersonal|Cognitive|Instructional) #(\d): ", body)
        expected = [f"2020:{domain.lower()}.{n}" for domain, n in related]
        assert expected == [a.item for a in crosswalk.alignments_for(number, part="two")]


def test_glossary_terms_recounted(source: str) -> None:
    appendix = source[source.index("GLOSSARY OF TERMS") : source.index("APPROACH TO COMPETENCIES DEVELOPMENT")]
    for term in glossary.terms():
        assert f" {term.term} " in appendix
    positions = [appendix.index(f" {t.term} ") for t in glossary.terms()]
    assert sorted(positions) == positions  # in printed order
    assert appendix.count("Source:") + appendix.count("Sources:") == 34 - 3  # three terms have none


def test_prioritized_competencies_recounted(source: str) -> None:
    table = source[source.index("INTRAPERSONAL INTERPERSONAL COGNITIVE INSTRUCTIONAL") :]
    table = table[: table.index("Educator Competencies for Personalized")]
    numbers = re.findall(r"(?<![\w.])([1-9]) (?=[A-Z])", table)
    assert ["1", "2", "4", "1", "4", "5"] == numbers
    assert [p.toolkit_number for p in toolkit.prioritized_entries()] == [int(n) for n in numbers]


def test_field_examples_and_levels_recounted(source: str) -> None:
    """Every box the source labels IN THE FIELD is an example marked ``labelled`` (8 in the User Guide, 1 in
    the main text); the main text's other boxes are unlabelled (note in-the-field-unlabelled-boxes)."""
    assert sum(e.labelled for e in toolkit.in_the_field()) == source.count("IN THE FIELD")
    for example in toolkit.in_the_field():
        assert example.text in source
    for level in toolkit.levels():
        assert f"{level.heading} {level.definition}" in source


def test_the_transcription_tool_reproduces_the_packaged_files(seeds: Path, tmp_path: Path) -> None:
    """tools/transcribe_toolkit.py, run on the seed in a scratch copy of the tree, writes the three
    packaged files byte for byte: the data is what the documented tool makes, not hand edits."""
    root = Path(__file__).resolve().parents[1]
    (tmp_path / "tools").mkdir()
    for name in ("transcribe_toolkit.py", "transcribe_editions.py"):
        shutil.copy(root / "tools" / name, tmp_path / "tools" / name)
    data = tmp_path / "src" / "edcompetencies" / "data"
    data.mkdir(parents=True)
    shutil.copy(root / "src" / "edcompetencies" / "data" / "edition-2020.json", data)
    result = subprocess.run(
        [sys.executable, str(tmp_path / "tools" / "transcribe_toolkit.py"), str(seeds)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert 0 == result.returncode, result.stderr
    for name in FILES:
        packaged_text = (resources.files("edcompetencies") / "data" / name).read_text(encoding="utf-8")
        assert packaged_text == (data / name).read_text(encoding="utf-8"), name


def _table_rows(seeds: Path, header: str) -> list[list[str]]:
    lines = (seeds / SEED).read_text(encoding="utf-8").split("\n")
    return [lines[n + 1].split("\t") for n, line in enumerate(lines) if line.startswith(header)]


def test_assessment_and_reflection_tools_recounted(seeds: Path) -> None:
    """Each table cell lists its items after a » glyph: the Assessment Tool has one table per competency
    it unpacks (four), the Reflection Tool two; every level's descriptors and every question and look-for
    are there, no more and no fewer (a descriptor's own sub-list is lettered, not », in the source)."""
    assessment = _table_rows(seeds, "ESTABLISHING\tDEVELOPING\tOPERATIONALIZING\tREFINING")
    entries = toolkit.assessment_tool().entries
    assert len(assessment) == len(entries) == 4
    for cells, entry in zip(assessment, entries, strict=True):
        assert [cell.count("»") for cell in cells] == [len(entry.level(level)) for level in toolkit.LEVELS]
    reflection = _table_rows(seeds, "INDICATORS\tREFLECTIVE/GUIDING QUESTIONS\tPOSSIBLE LOOK FORS")
    assert len(reflection) == len(toolkit.reflection_tool().entries) == 2
    for cells, r in zip(reflection, toolkit.reflection_tool().entries, strict=True):
        assert (cells[1].count("»"), cells[2].count("»")) == (len(r.reflective_questions), len(r.look_fors))
