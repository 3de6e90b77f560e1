"""Transcribe the rest of the publications' text from ``../shared/seeds/`` into packaged JSON.

A maintainer tool, written in the manner of ``tools/transcribe_toolkit.py`` (whose ``clean()``
and seed helpers it imports). It writes two files to ``src/edcompetencies/data/``:

* ``publication-2020.json`` - from the 2020 seed (``003_301b7d7ba3d1d927.txt``): the Endnotes
  (each with where its mark stands and which packaged texts carry the mark), Appendix B's
  approach text (the respondents table stays in ``toolkit-2020.json``), Appendix C's twelve
  framework sources and the User Guide's body (its "In the field" boxes stay in
  ``toolkit-2020.json`` and are referred to by ID);
* ``overview-2015.json`` - from the 2015 overview page (``000_2020076ada269fb4.txt``): the four
  key principles of student-centered learning and the Guiding Principles.

The transcription only normalises whitespace and strips scrape markup (``clean()``); the
publication's bullet glyphs and the scrape's ``- `` list markers are list markup. A paragraph
split by a page break is joined with a space (recorded in a source note). The few curated facts
(the User Guide's strategy headings, which theme definition carries a mark, the notes) are
literals here and asserted against the seed. ``edition-2020.json`` and ``toolkit-2020.json``
are read (not re-transcribed) to find the packaged texts that carry footnote marks.

Usage::

    python tools/transcribe_publication.py [SEEDS_DIR]
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from transcribe_toolkit import DATA, SEED, SEEDS, Seed, clean, strip_bullet

SEED_2015_OVERVIEW = "000_2020076ada269fb4.txt"
SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
MARK = re.compile(f"[{SUPERSCRIPTS}]+")
URL = re.compile(r"https?://[^\s<>]+[^\s<>.,;)]")

Json = dict[str, Any]


def mark_number(mark: str) -> int:
    return int("".join(str(SUPERSCRIPTS.index(c)) for c in mark))


def note(id_: str, kind: str, items: list[str], text: str, source: str) -> Json:
    return {"id": id_, "kind": kind, "items": items, "text": text, "source": source}


# --------------------------------------------------------------------------- shared


def passages(lines: list[str]) -> list[Json]:
    """Paragraphs, each with the list items that follow it (``- `` lines of the scrape)."""
    out: list[Json] = []
    for raw in lines:
        stripped = raw.strip()
        if not stripped:
            continue
        if stripped.startswith(("- ", "• ")):
            assert out, raw
            out[-1]["items"].append(clean(strip_bullet(stripped.removeprefix("• "))))
        else:
            out.append({"text": clean(stripped), "items": []})
    return out


def join_page_breaks(found: list[Json]) -> list[str]:
    """Join a paragraph that ends without punctuation to the next one, which starts in lower case.

    Returns the joined paragraphs' first words, for the source note."""
    joined = []
    k = 0
    while k < len(found) - 1:
        here, after = found[k], found[k + 1]
        if not here["items"] and not re.search(r"[.:?!”]$", here["text"]) and after["text"][:1].islower():
            joined.append(here["text"].rsplit(" ", 3)[-3:])
            here["text"] = f"{here['text']} {after['text']}"
            here["items"] = after["items"]
            del found[k + 1]
        else:
            k += 1
    return [" ".join(words) for words in joined]


# --------------------------------------------------------------------------- endnotes

# The printed headings of the main text, to say where a mark stands.
MAIN_HEADINGS = (
    "INTRODUCTION",
    "OVERVIEW",
    "Cross-Cutting Themes",
    "Putting the Competencies into Practice",
    "INTRAPERSONAL DOMAIN",
    "INTERPERSONAL DOMAIN",
    "COGNITIVE DOMAIN",
    "INSTRUCTIONAL DOMAIN",
)
# Theme definitions are not in a data file (the model quotes them): which one carries a mark.
THEME_MARKS = {"SE": ("Social and Emotional Learning SE – ", 10)}
SENTENCE_END = re.compile(f"[.!?][”’)]?[{SUPERSCRIPTS}]*\\s+(?=[A-Z“])")


def sentence_at(text: str, start: int, end: int) -> str:
    """The sentence of *text* that ends with the mark at [start, end)."""
    begin = 0
    for m in SENTENCE_END.finditer(text, 0, start):
        begin = m.end()
    return text[begin:end]


def marked_texts() -> dict[int, list[str]]:
    """Mark number -> IDs of the packaged texts that carry it (edition-2020.json, toolkit-2020.json)."""
    found: dict[int, list[str]] = {}

    def add(ref: str, text: str) -> None:
        for m in MARK.finditer(text):
            refs = found.setdefault(mark_number(m.group()), [])
            if ref not in refs:
                refs.append(ref)

    edition = json.loads((DATA / "edition-2020.json").read_text(encoding="utf-8"))
    for domain in edition["domains"]:
        for key in ("overview", "description"):
            add(f"2020:{domain['key']}", domain.get(key) or "")
        for comp in domain["competencies"]:
            assert not MARK.search(json.dumps(comp, ensure_ascii=False)), comp["id"]
    toolkit = json.loads((DATA / "toolkit-2020.json").read_text(encoding="utf-8"))
    for example in toolkit["in_the_field"]:
        add(f"in-the-field:{example['id']}", example["text"])
    # The Centering Equity guide's own footnote mark refers to the guide's own footnote (kept in
    # toolkit-2020.json), not to the main text's endnote 1 (note centering-equity-main-text-differences).
    rest = {k: v for k, v in toolkit.items() if k not in ("in_the_field", "centering_equity", "notes")}
    assert not MARK.search(json.dumps(rest, ensure_ascii=False))
    return found


def endnotes(seed: Seed) -> Json:
    heading = seed.find("Endnotes", 600)
    end = seed.find("APPENDIX A", heading)
    entries: list[Json] = []
    for n in range(heading + 1, end):
        line = seed.line(n).strip()
        if not line:
            continue
        m = re.match(r"^(\d+)\. (.*)$", line)
        if m:
            entries.append({"number": int(m.group(1)), "raw": [m.group(2)]})
        else:
            entries[-1]["raw"].append(line)
    assert [e["number"] for e in entries] == list(range(1, len(entries) + 1))

    # Where each mark stands in the main text (before the Endnotes heading).
    marks: dict[int, Json] = {}
    section = None
    for n in range(1, heading):
        line = seed.line(n)
        if line.strip() in MAIN_HEADINGS:
            section = line.strip()
        if not MARK.search(line):
            continue
        text = clean(strip_bullet(line))
        for m in MARK.finditer(text):
            number = mark_number(m.group())
            assert number not in marks, number
            assert section is not None, n
            marks[number] = {"section": section, "context": sentence_at(text, m.start(), m.end())}
    assert sorted(marks) == [e["number"] for e in entries], sorted(marks)

    refs = marked_texts()
    for code, (prefix, number) in THEME_MARKS.items():
        line = next(seed.line(n) for n in range(1, heading) if seed.line(n).startswith(prefix))
        assert [mark_number(m) for m in MARK.findall(line)] == [number], line
        refs.setdefault(number, []).append(f"theme:{code}")
    out = []
    for e in entries:
        text = clean(" ".join(e["raw"]))
        number = e["number"]
        out.append(
            {
                "number": number,
                "text": text,
                "urls": URL.findall(text),
                "section": marks[number]["section"],
                "context": marks[number]["context"],
                "references": refs.get(number, []),
            }
        )
    assert set(refs) <= {e["number"] for e in out}, refs
    return {"heading": "Endnotes", "endnotes": out}


# --------------------------------------------------------------------------- Appendix B and C

APPENDIX_B = "APPROACH TO COMPETENCIES DEVELOPMENT"


def approach(seed: Seed) -> tuple[Json, list[str]]:
    start = seed.find("APPENDIX B")
    title = seed.find(APPENDIX_B, start)
    table = seed.find("RESPONDENTS\t2014\t2019", title, prefix=True)
    found = passages([seed.line(n) for n in range(title + 1, table)])
    joined = join_page_breaks(found)
    return {"appendix": "B", "title": APPENDIX_B, "passages": found}, joined


SOURCE = re.compile(
    r"^(?P<organisation>[^.]+?)(?:\. (?P<authors>.+?))? \((?P<year>\d{4})(?:, (?P<month>[A-Z][a-z]+))?\)\. "
    r"(?P<title>.+)\.$"
)


def framework_sources(seed: Seed) -> Json:
    start = seed.find("APPENDIX C")
    title = seed.find("FRAMEWORK SOURCES", start)
    end = seed.find("**TOOLKIT", title, prefix=True)
    sources: list[Json] = []
    for n, line in seed.nonblank(title + 1, end):
        text = clean(line)
        if re.fullmatch(r"https?://\S+", text):
            assert sources and sources[-1]["url"] is None, n
            sources[-1]["url"] = text
            continue
        m = SOURCE.match(text)
        assert m, text
        sources.append(
            {
                "text": text,
                "organisation": m.group("organisation"),
                "authors": m.group("authors"),
                "year": int(m.group("year")),
                "month": m.group("month"),
                "title": m.group("title"),
                "url": None,
            }
        )
    assert all(s["url"] for s in sources)
    return {"appendix": "C", "title": "FRAMEWORK SOURCES", "sources": sources}


# --------------------------------------------------------------------------- the User Guide

GUIDE_TITLE = "User Guide: Who should use the Educator Competencies and how?"
QUESTIONS = (
    "How can educators or leaders of a learning community use the Educator Competencies?",
    "How can leaders in a district, state or an educator preparation program use the Educator Competencies?",
)
# The strategy headings, in printed order (each is a line of the seed; asserted below).
STRATEGIES = (
    "Start with the intrapersonal domain.",
    "Crosswalk with standards for teaching.",
    "Turn competencies into a self-assessment rubric.",
    "Create a cross-functional team charged with facilitating a customized approach to narrow, "
    "prioritize and develop a customized learning plan for the learning community.",
    "Use the Educator Competencies and Leadership Competencies for Learner-Centered, Personalized "
    "Education together for a year-long community text study.",
    "Conduct a crosswalk to refresh existing standards and revise licensure requirements.",
    "Use these competencies as a self-assessment rubric.",
    "Frame and conduct community conversations.",
    "Revise preparation program curricula.",
    "Create micro-credentials.",
    "Design curriculum or modules for educator preparation programs using the same pedagogy.",
    "Use the competencies to support innovation pilots.",
)
BOX = ("IN THE FIELD", "**IN THE", "FIELD**")


def user_guide(seed: Seed) -> Json:
    start = seed.find(GUIDE_TITLE)
    end = seed.find("Centering Equity: Guiding Questions", start, first=True)
    end = seed.find("Educator Competencies for", start, end, prefix=True)  # the next page's running title
    purpose = seed.find("The Purpose of this Tool", start, end)
    q_lines = [seed.find(q, start, end) for q in QUESTIONS]
    s_lines = [seed.find(s, q_lines[0], end) for s in STRATEGIES]
    assert s_lines == sorted(s_lines), s_lines
    toolkit = json.loads((DATA / "toolkit-2020.json").read_text(encoding="utf-8"))
    boxes = [e for e in toolkit["in_the_field"] if e["part"] == "user-guide"]

    introduction = passages([seed.line(n) for n in range(start + 1, purpose)])
    purpose_passages = passages([seed.line(n) for n in range(purpose + 1, q_lines[0])])
    questions: list[Json] = []
    bounds = sorted([*q_lines, *s_lines, end])
    for k, n in enumerate(bounds[:-1]):
        if n in q_lines:
            questions.append({"heading": clean(seed.line(n)), "strategies": []})
            continue
        strategy: Json = {"heading": clean(seed.line(n)), "paragraphs": [], "resources": [], "in_the_field": []}
        blanks = 0
        in_box = False
        for m in range(n + 1, bounds[k + 1]):
            raw = seed.line(m)
            if not raw.strip():
                blanks += 1
                continue
            if raw.strip() in BOX:
                in_box = raw.strip() != "**IN THE"
                blanks = 0
                continue
            text = clean(raw)
            if in_box:
                box = boxes.pop(0)
                assert box["text"] == text, (box["id"], text)
                strategy["in_the_field"].append(box["id"])
                in_box = False
            elif strategy["resources"] or blanks > 1 or raw.startswith(" "):
                strategy["resources"].append(text)
            else:
                assert not strategy["in_the_field"], (m, raw)
                strategy["paragraphs"].append(text)
            blanks = 0
        assert strategy["paragraphs"], strategy["heading"]
        questions[-1]["strategies"].append(strategy)
    assert not boxes, boxes
    return {
        "title": GUIDE_TITLE,
        "introduction": introduction,
        "purpose": {"heading": "The Purpose of this Tool", "passages": purpose_passages},
        "questions": questions,
    }


# --------------------------------------------------------------------------- 2015 overview


def overview_2015(seeds: Path) -> Json:
    seed = Seed(seeds / SEED_2015_OVERVIEW)
    key = seed.find("Multiple frameworks and research studies", prefix=True)
    guiding = seed.find("Guiding Principles")
    why = seed.find("Why a new framework?")
    key_passages = passages([seed.line(n) for n in range(key, key + 8)])
    assert len(key_passages) == 2 and len(key_passages[0]["items"]) == 4, key_passages
    assert key_passages[1]["text"].startswith("In combination"), key_passages
    guiding_passages = passages([seed.line(n) for n in range(guiding + 1, why)])
    assert len(guiding_passages) == 1, guiding_passages
    return {
        "format": "edcompetencies/overview",
        "format_version": 1,
        "edition": 2015,
        "title": clean(seed.line(1)),
        "source": SEED_2015_OVERVIEW,
        "key_principles": {"heading": None, "introduction": key_passages[0], "conclusion": key_passages[1]},
        "guiding_principles": {
            "heading": "Guiding Principles",
            "introduction": guiding_passages[0],
            "conclusion": None,
        },
        "notes": [
            note(
                "2015-overview-partly-transcribed",
                "editorial",
                ["2015"],
                "Of the overview page only the four key principles of student-centered learning (with the "
                "sentences before and after them) and the Guiding Principles are transcribed; its other "
                'paragraphs ("Why a new framework?", "Who should use this framework and how?", "Where do we '
                'go from here?") are not.',
                SEED_2015_OVERVIEW,
            )
        ],
    }


# --------------------------------------------------------------------------- main


def src(section: str) -> str:
    return f"{SEED}, {section}"


def publication_2020(seed: Seed) -> Json:
    approach_, joined = approach(seed)
    assert joined == ["how a small"], joined
    return {
        "format": "edcompetencies/publication",
        "format_version": 1,
        "edition": 2020,
        "title": "Educator Competencies for Personalized, Learner-Centered Environments",
        "source": SEED,
        "endnotes": endnotes(seed),
        "approach": approach_,
        "framework_sources": framework_sources(seed),
        "user_guide": user_guide(seed),
        "notes": PUBLICATION_NOTES,
    }


PUBLICATION_NOTES: list[Json] = [
    note(
        "endnote-marks-out-of-order",
        "editorial",
        ["endnote:6", "endnote:7", "endnote:8", "2020:intrapersonal", "2020:interpersonal", "2020:cognitive"],
        "In the Overview the scrape gives the domain paragraphs in the order Intrapersonal, Cognitive, "
        "Interpersonal, Instructional, so their marks read 6, 8, 7 (the Interpersonal paragraph carries 7, "
        "the Cognitive one 8). The endnotes are kept in their numbered order; endnotes 6, 7 and 8 (and 11, "
        "12 and 13) cite the same work.",
        src("Overview; Endnotes"),
    ),
    note(
        "endnote-4-title-case",
        "inconsistent",
        ["endnote:4"],
        'Endnote 4 names the work "Leadership Competencies for Learner-Centered, personalized Education"; '
        'the Introduction and the User Guide write "Leadership Competencies for Learner-Centered, '
        'Personalized Education". Kept as printed.',
        src("Endnotes"),
    ),
    note(
        "endnotes-unreferenced-texts",
        "editorial",
        ["endnote:1", "endnote:2", "endnote:3", "endnote:4", "endnote:5", "endnote:9"],
        "Endnotes 1 to 5 are referred to from the Introduction and endnote 9 from the main text's "
        "Centering Equity and Inclusion section, which are not transcribed: these endnotes keep the "
        "sentence that carries the mark (context) and have no references.",
        src("Introduction; Cross-Cutting Themes; Endnotes"),
    ),
    note(
        "approach-page-break",
        "editorial",
        ["appendix:B"],
        'A page break splits a paragraph of Appendix B after "how a small"; the two halves are joined with a space.',
        src("Appendix B, Approach to Competencies Development"),
    ),
    note(
        "framework-sources-names-differ",
        "inconsistent",
        ["appendix:B", "appendix:C"],
        "Appendix B calls two of the sources by other names than Appendix C: \"iNACOL's Blended Learning "
        'Educator Competencies" (Appendix C: "iNACOL Blended Learning Teacher Competencies Framework") '
        'and the "Personalized Learning Institute@CESA#1" (Appendix C: "The Institute @ CESA #1"). Each is '
        "kept as printed.",
        src("Appendix B, Approach to Competencies Development; Appendix C, Framework Sources"),
    ),
    note(
        "user-guide-resource-pointers",
        "editorial",
        ["toolkit:user-guide"],
        "Under most strategies the User Guide sets a pointer to a resource apart from the paragraph "
        '(e.g. "Go to studentsatthecenterhub.org/ed-comps to filter and print just the intrapersonal '
        "competencies.\"); these are kept as the strategy's resources, and its In the field boxes by "
        "their IDs in toolkit-2020.json.",
        src("User Guide"),
    ),
]


def write(name: str, data: Json) -> None:
    (DATA / name).write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def main() -> None:
    seed = Seed(SEEDS / SEED)
    publication = publication_2020(seed)
    overview = overview_2015(SEEDS)
    seed_text = clean(seed.text)
    for n in publication["notes"]:
        for quoted in re.findall(r"\"([^\"]+)\"", n["text"]):
            for part in quoted.split("..."):
                if len(part.strip()) > 12:
                    assert part.strip() in seed_text, (n["id"], part)
    write("publication-2020.json", publication)
    write("overview-2015.json", overview)
    guide = publication["user_guide"]
    print(
        "publication-2020.json:",
        len(publication["endnotes"]["endnotes"]),
        "endnotes;",
        len(publication["framework_sources"]["sources"]),
        "framework sources;",
        len(publication["approach"]["passages"]),
        "approach passages; User Guide",
        len(guide["questions"]),
        "questions,",
        sum(len(q["strategies"]) for q in guide["questions"]),
        "strategies,",
        len(guide["purpose"]["passages"][-1]["items"]),
        "reminders",
    )
    print(
        "overview-2015.json:",
        len(overview["key_principles"]["introduction"]["items"]),
        "key principles;",
        len(overview["guiding_principles"]["introduction"]["items"]),
        "guiding principles",
    )


if __name__ == "__main__":
    main()
