"""The endnotes, Appendix B and C, the User Guide and the 2015 principles are the seeds' words.

Independent of ``tools/transcribe_publication.py`` (no shared code): each seed is normalised as the
transcription rules allow (whitespace; ``**``/``*`` markup; ``[text](#)`` links keep their text; an
autolink ``<https://...>`` keeps its URL; other HTML tags go; the scrape's list markers and the
publication's bullet glyphs) and every transcribed string must be a substring of it. The counts are
recounted from the seeds, every footnote mark in the packaged data must resolve to an endnote, and
every endnote must be referred to.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import attrs
import pytest

import edcompetencies as ec
from edcompetencies import crosswalk, glossary, publication, toolkit

SEED_2020 = "003_301b7d7ba3d1d927.txt"
SEED_2015 = "000_2020076ada269fb4.txt"
FILES = {"publication-2020.json": SEED_2020, "overview-2015.json": SEED_2015}
SUPERSCRIPT = re.compile("[⁰¹²³⁴⁵⁶⁷⁸⁹]+")
# IDs, enumerations and references the transcription assigns; notes are checked separately.
NOT_TEXT = {"format", "source", "appendix", "in_the_field", "references", "notes"}


def normalise(text: str) -> str:
    text = re.sub(r"<(https?://[^>\s]+)>", r"\1", text)
    text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = text.replace("**", "").replace("*", "")
    text = re.sub(r"(?m)^\s*(?:- )?[»•]\s+", "", text)
    return re.sub(r"\s+", " ", text)


def packaged(name: str) -> Any:
    return json.loads((resources.files("edcompetencies") / "data" / name).read_text(encoding="utf-8"))


def strings(value: Any, path: str = "$") -> Iterator[tuple[str, str]]:
    if isinstance(value, dict):
        for key, v in value.items():
            if key not in NOT_TEXT:
                yield from strings(v, f"{path}.{key}")
    elif isinstance(value, list):
        for n, v in enumerate(value):
            yield from strings(v, f"{path}[{n}]")
    elif isinstance(value, str):
        yield path, value


@pytest.fixture(scope="module")
def raw(seeds: Path) -> str:
    return (seeds / SEED_2020).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def main_text(raw: str) -> str:
    """The 2020 main text before its Endnotes list (the last "Endnotes" line before Appendix A)."""
    return raw[: raw.rindex("\nEndnotes\n", 0, raw.index("APPENDIX A"))]


@pytest.mark.parametrize("name", FILES)
def test_every_transcribed_text_is_in_the_source(name: str, seeds: Path) -> None:
    source = normalise((seeds / FILES[name]).read_text(encoding="utf-8"))
    found = list(strings(packaged(name)))
    assert len(found) > 10
    assert [] == [(path, text) for path, text in found if text not in source]


@pytest.mark.parametrize("name", FILES)
def test_quotations_in_notes_are_in_the_source(name: str, seeds: Path) -> None:
    source = normalise(" ".join((seeds / f).read_text(encoding="utf-8") for f in FILES.values()))
    for note in packaged(name)["notes"]:
        for quoted in re.findall(r"\"([^\"]+)\"", note["text"]):
            for part in quoted.split("..."):
                if len(part.strip()) > 12:
                    assert part.strip() in source, (note["id"], part)


def test_the_transcription_tool_reproduces_the_packaged_files(seeds: Path, tmp_path: Path) -> None:
    """tools/transcribe_publication.py, run on the seeds in a scratch copy of the tree, writes both
    packaged files byte for byte."""
    root = Path(__file__).resolve().parents[1]
    (tmp_path / "tools").mkdir()
    for name in ("transcribe_publication.py", "transcribe_toolkit.py", "transcribe_editions.py"):
        shutil.copy(root / "tools" / name, tmp_path / "tools" / name)
    data = tmp_path / "src" / "edcompetencies" / "data"
    data.mkdir(parents=True)
    for name in ("edition-2020.json", "toolkit-2020.json"):
        shutil.copy(root / "src" / "edcompetencies" / "data" / name, data)
    result = subprocess.run(
        [sys.executable, str(tmp_path / "tools" / "transcribe_publication.py"), str(seeds)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert 0 == result.returncode, result.stderr
    for name in FILES:
        packaged_text = (resources.files("edcompetencies") / "data" / name).read_text(encoding="utf-8")
        assert packaged_text == (data / name).read_text(encoding="utf-8"), name


# --------------------------------------------------------------------------- counts recounted from the seeds


def test_endnotes_recounted(raw: str, main_text: str) -> None:
    """The Endnotes list numbers 14 notes; the main text carries each mark once; each note's text
    (its URL lines joined) is the printed one."""
    listing = raw[len(main_text) : raw.index("APPENDIX A")]
    numbers = [int(n) for n in re.findall(r"(?m)^(\d+)\. ", listing)]
    assert list(range(1, 15)) == numbers
    marks = [m for m in SUPERSCRIPT.findall(main_text)]
    assert sorted(marks, key=publication.marks_in) == [n.mark for n in publication.endnotes()]
    flat = normalise(listing)
    for note in publication.endnotes():
        assert f" {note.number}. {note.text}" in flat
        assert note.urls == tuple(re.findall(r"https?://\S+[^\s.,;)]", note.text))
        assert note.urls or "http" not in note.text


def test_every_endnote_is_referred_to(main_text: str) -> None:
    """Each endnote's mark stands in the main text once, at the end of the sentence it keeps
    (context), under the section it names."""
    flat = normalise(main_text)
    for note in publication.endnotes():
        assert 1 == len(re.findall(f"(?<![⁰¹²³⁴⁵⁶⁷⁸⁹]){note.mark}(?![⁰¹²³⁴⁵⁶⁷⁸⁹])", flat)), note.number
        assert note.context.endswith(note.mark) and note.context in flat
        assert flat.rindex(note.section, 0, flat.index(note.context)) >= 0


def test_every_mark_in_the_packaged_data_resolves() -> None:
    """Every footnote mark in the data - both editions, the glossary, the crosswalk, the toolkit and
    the theme definitions - resolves: to an endnote whose references name the text carrying it, or,
    in the Centering Equity guide, to the guide's own footnote (note centering-equity-main-text-differences)."""
    resolved = 0
    for edition in ec.editions():
        fw = ec.load(edition)
        for domain in fw.domains:
            text = f"{domain.overview or ''} {domain.description or ''}"
            for note in publication.endnotes_in(text):
                assert domain.id in note.references
                resolved += 1
        for item in [*fw.competencies(), *fw.indicators()]:
            assert not SUPERSCRIPT.search(json.dumps([getattr(item, "statement", ""), getattr(item, "text", "")]))
    for theme in ec.Theme:
        for note in publication.endnotes_in(theme.definition):
            assert f"theme:{theme.code}" in note.references
            resolved += 1
    for example in toolkit.in_the_field():
        for note in publication.endnotes_in(example.text):
            assert example.ref in note.references
            resolved += 1
    for name in ("glossary-2020.json", "crosswalk-2020.json"):
        assert not SUPERSCRIPT.search(json.dumps(packaged(name)["terms" if "glossary" in name else "standards"]))
    assert not SUPERSCRIPT.search(json.dumps(packaged("crosswalk-2020.json")["part_one"], ensure_ascii=False))
    guide = toolkit.centering_equity()
    marks = [
        m
        for s in guide.sections
        for b in s.blocks
        for m in SUPERSCRIPT.findall(json.dumps(attrs.asdict(b), ensure_ascii=False))  # every text of the block
    ]
    assert ["¹"] == marks
    assert ["1"] == [f.label for f in guide.footnotes]
    assert guide.footnotes[0].text == publication.endnote(9).text
    # and nothing refers to an endnote the data does not carry
    referenced = sum(len(n.references) for n in publication.endnotes())
    assert referenced == resolved == 8


def test_framework_sources_recounted(raw: str) -> None:
    """Appendix B says the criteria came from "cross-walking" 12 educator frameworks; Appendix C lists 12."""
    assert "“cross-walking” 12 educator frameworks and standards" in raw
    appendix = raw[raw.index("FRAMEWORK SOURCES") : raw.index("**TOOLKIT")]
    assert 12 == len(re.findall(r"(?m)^[^<\n]+\(\d{4}(?:, [A-Z][a-z]+)?\)\. ", appendix))
    sources = toolkit.framework_sources()
    assert 12 == len(sources)
    flat = normalise(appendix)
    for s in sources:
        assert f"{s.text} {s.url}" in flat
        assert s.text.startswith(s.organisation) and str(s.year) in s.text and s.title in s.text


def test_user_guide_recounted(raw: str) -> None:
    guide_text = raw[raw.index("User Guide: Who should use") : raw.index("Centering Equity: Guiding Questions")]
    reminders = guide_text[guide_text.index("It is always important to:") :].split("\n\n\n")[0]
    assert 5 == reminders.count("- » ") == len(toolkit.user_guide().reminders)
    assert 8 == guide_text.count("IN THE FIELD") + guide_text.count("**IN THE\nFIELD**")
    flat = normalise(guide_text)
    positions = [flat.index(s.heading) for s in toolkit.user_guide().strategies]
    assert sorted(positions) == positions
    for q in toolkit.user_guide().questions:
        assert q.heading in flat


def test_2015_principles_recounted(seeds: Path) -> None:
    text = (seeds / SEED_2015).read_text(encoding="utf-8")
    key = text[text.index("The four key principles") : text.index("In combination")]
    guiding = text[text.index("Guiding Principles") : text.index("Why a new framework?")]
    o = publication.overview(2015)
    assert o is not None
    assert key.count("  • ") == len(o.key_principles) == 4
    assert guiding.count("  • ") == len(o.guiding_principles) == 6
    flat = re.sub(r"\s+", " ", text)  # the page has no-break spaces; whitespace is normalised
    for principle in [*o.key_principles, *o.guiding_principles]:
        assert f"• {principle}" in flat


# --------------------------------------------------------------------------- the source facts of issue 14


FACTS = [
    # (where the notes are, note id, items it must name)
    (toolkit.notes, "assessment-tool-truncated-descriptor", {"2020:interpersonal.1"}),
    (toolkit.notes, "centering-equity-main-text-differences", {"toolkit:centering-equity"}),
    (crosswalk.notes, "crosswalk-domain-descriptions-marks", {"2020:intrapersonal", "2020:cognitive"}),
    (crosswalk.notes, "crosswalk-7-heading-period", {"intasc:7"}),
    (crosswalk.notes, "crosswalk-7a-garbled", {"intasc:7(a)"}),
    (lambda: ec.load(2020).notes, "2020-contents-appendix-d", {"2020"}),
    (glossary.notes, "glossary-order", {"glossary:anytime-anywhere-learning", "glossary:restorative-practices"}),
    (glossary.notes, "glossary-framework-two-urls", {"glossary:student-centered", "glossary:student-ownership"}),
    (glossary.notes, "glossary-eleducation-url", {"glossary:collaborative-group-work"}),
]


@pytest.mark.parametrize(("notes", "note_id", "items"), FACTS, ids=[f[1] for f in FACTS])
def test_issue_14_source_facts_are_recorded(notes: Any, note_id: str, items: set[str]) -> None:
    note = next(n for n in notes() if n.id == note_id)
    assert items <= set(note.items)
    assert note.source and note.source.startswith(SEED_2020)


def test_the_facts_hold_in_the_seed(raw: str) -> None:
    """What the notes of issue 14 state is what the seed prints."""
    assert "aspects of fully implemented student agency, »" in raw
    assert "examining biases, and creating" in raw and "examining biases and creating" in raw
    assert "definition of educational equity – which" in raw and "definition of educational equity—which" in raw
    assert "#7 Planning for Instruction" in raw and "#7. Planning" not in raw
    assert "curriculum goals and content; standards and are relevant to learners." in raw
    assert "D: References" in raw and "APPENDIX D" not in raw
    assert "https://eeducation.org/" in raw and "https://eleducation.org/" in raw
    glossary_ids = [t.id for t in glossary.terms()]
    assert glossary_ids.index("anytime-anywhere-learning") < glossary_ids.index("agency")
    assert glossary_ids.index("restorative-practices") < glossary_ids.index("reflective-practice")
