"""Transcribe the 2020 crosswalk, glossary and toolkit from ``../shared/seeds/`` into packaged JSON.

This is a maintainer tool, not part of the library, written in the manner of
``tools/transcribe_editions.py`` (whose ``clean()`` rules it imports). It reads the
2020 seed (``003_301b7d7ba3d1d927.txt``) and writes three files to
``src/edcompetencies/data/``:

* ``crosswalk-2020.json`` - the Crosswalk of InTASC Model Core Teaching Standards,
* ``glossary-2020.json`` - Appendix A, Glossary of Terms,
* ``toolkit-2020.json`` - Prioritized Competencies, Assessment Tool, Reflection Tool,
  Directions for Setting Up a Simple Rubric, the "In the field" examples, the
  Appendix B respondents table and the Centering Equity guide.

The transcription only:

* normalises whitespace and strips scrape markup with ``clean()`` (``**bold**``,
  ``*italic*``, ``[text](#)``, HTML tags; an autolink ``<https://...>`` keeps its URL);
  every other character is kept;
* reads list structure: the leading list markers of the scrape (``- ``) and the
  publication's bullet glyphs at the start of an item (``»``, ``•``) are list markup,
  not text; item labels (``a.``, ``i.``, ``1.``) go to a ``label`` field;
* splits a glossary definition's trailing "(Closely related terms: ...)" parenthetical
  into its own fields (its exact text is kept in ``related_terms_text``);
* resolves every reference to a 2020 competency or indicator to the main-text ID
  (``edition-2020.json`` is read, not re-transcribed), recording how it was resolved
  and whether the quoted wording matches the main text.

Curated facts (source notes, who an "In the field" example is about, the few source
citations without quotation marks) live in this file as literals; the script asserts
what it can about them against the seed, and refuses to write a file in which a
quoted text differs from the main text without a source note that names it.

Usage::

    python tools/transcribe_toolkit.py [SEEDS_DIR]
"""

from __future__ import annotations

import difflib
import json
import re
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from transcribe_editions import ROMAN
from transcribe_editions import clean as clean_markup

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "edcompetencies" / "data"
SEEDS = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "seeds"
SEED = "003_301b7d7ba3d1d927.txt"
LETTERS = "abcdefghijklmnopqrstuvwxyz"
DOMAINS = ("intrapersonal", "interpersonal", "cognitive", "instructional")
LEVELS = ("establishing", "developing", "operationalizing", "refining")

Json = dict[str, Any]


AUTOLINK = re.compile(r"<(https?://[^>\s]+)>")


def clean(text: str) -> str:
    """``transcribe_editions.clean()``, after turning autolinks ``<https://...>`` into their URL.

    ``clean()`` strips anything in angle brackets as an HTML tag; an autolink's text is its
    URL, which is kept (the edition text has no autolinks, the toolkit has many).
    """
    return clean_markup(AUTOLINK.sub(r"\1", text))


def src(section: str) -> str:
    return f"{SEED}, {section}"


# --------------------------------------------------------------------------- seed access


class Seed:
    """The seed's lines (1-based access helpers, exact-match lookups that must be unique)."""

    def __init__(self, path: Path) -> None:
        self.text = path.read_text(encoding="utf-8")
        self.lines = self.text.split("\n")

    def line(self, number: int) -> str:
        return self.lines[number - 1]

    def find(
        self, text: str, start: int = 1, end: int | None = None, *, prefix: bool = False, first: bool = False
    ) -> int:
        """The 1-based number of the one line in [start, end) that is (or starts with) *text*.

        With ``first``, the first of several such lines."""
        end = end or len(self.lines) + 1
        hits = [
            n
            for n in range(start, end)
            if (self.line(n).strip().startswith(text) if prefix else self.line(n).strip() == text)
        ]
        assert len(hits) == 1 or (first and hits), (text, start, end, hits)
        return hits[0]

    def nonblank(self, start: int, end: int) -> list[tuple[int, str]]:
        return [(n, self.line(n)) for n in range(start, end) if self.line(n).strip()]


# --------------------------------------------------------------------------- main text


def load_edition() -> tuple[dict[str, str], dict[str, list[str]]]:
    """Main-text texts by ID, and each competency's indicator IDs (from edition-2020.json)."""
    data = json.loads((DATA / "edition-2020.json").read_text(encoding="utf-8"))
    texts: dict[str, str] = {}
    children: dict[str, list[str]] = {}

    def walk(item: Json, parent: str) -> None:
        texts[item["id"]] = item["text"]
        children.setdefault(parent, []).append(item["id"])
        for child in item["children"]:
            walk(child, item["id"])

    for domain in data["domains"]:
        for comp in domain["competencies"]:
            texts[comp["id"]] = comp["statement"]
            children.setdefault(domain["key"], []).append(comp["id"])
            for ind in comp["indicators"]:
                walk(ind, comp["id"])
    return texts, children


MAIN, CHILDREN = load_edition()


def typo_key(text: str) -> str:
    """The text with quote, apostrophe and dash characters, spacing and a final period levelled."""
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    text = re.sub(r"\s*[–—]\s*", " - ", text)
    text = re.sub(r"\s+", " ", text).strip()
    return text.rstrip(".").rstrip()


def compare(quoted: str, main: str) -> str:
    """exact | typographic (quotes, dashes, spacing, final period only) | different."""
    if quoted == main:
        return "exact"
    if typo_key(quoted) == typo_key(main):
        return "typographic"
    return "different"


def comp_id(domain: str, number: int) -> str:
    return f"2020:{domain}.{number}"


def resolve_competency(domain: str, number: int, text: str) -> Json:
    """Resolve a quoted competency (domain, number as printed, wording) to the main-text ID."""
    own = comp_id(domain, number)
    if own in MAIN and compare(text, MAIN[own]) != "different":
        return {"competency": own, "resolution": "number-and-text", "match": compare(text, MAIN[own])}
    for other in CHILDREN[domain]:
        if compare(text, MAIN[other]) != "different":
            return {"competency": other, "resolution": "text", "match": compare(text, MAIN[other])}
    assert own in MAIN, (domain, number, text)
    return {"competency": own, "resolution": "number", "match": "different"}


def find_items_by_text(text: str) -> list[str]:
    return [i for i, t in MAIN.items() if i.count(".") >= 2 and compare(text, t) != "different"]


def resolve_indicator(candidate: str | None, text: str) -> Json:
    """Resolve a quoted indicator: by its label (candidate ID) and wording, or by wording alone."""
    if candidate and candidate in MAIN and compare(text, MAIN[candidate]) != "different":
        return {"refs": [candidate], "resolution": "number-and-text", "match": compare(text, MAIN[candidate])}
    hits = find_items_by_text(text)
    if len(hits) == 1:
        return {"refs": hits, "resolution": "text", "match": compare(text, MAIN[hits[0]])}
    parts = re.split(r"(?<=\.) (?=[A-Z])", text)
    found = [find_items_by_text(p) for p in parts]
    if len(parts) > 1 and all(len(f) == 1 for f in found):
        return {"refs": [f[0] for f in found], "resolution": "text", "match": "different"}
    assert candidate in MAIN, (candidate, text)
    return {"refs": [candidate], "resolution": "number", "match": "different"}


# --------------------------------------------------------------------------- generic text structure


BULLET = re.compile(r"^(?:- )?(?:[»•●]\s+)?")


def strip_bullet(text: str) -> str:
    return BULLET.sub("", text.strip(), count=1)


def blocks_of(lines: list[str]) -> list[Json]:
    """Paragraph and list blocks from scraped lines: ``- `` lines are list items."""
    blocks: list[Json] = []
    for raw in lines:
        if not raw.strip():
            continue
        stripped = raw.strip()
        m = re.match(r"^(?:- )?(?:([a-z]|\d+)\. )(.*)$", stripped)
        if stripped.startswith("- ") or (m and re.match(r"^\d+\. ", stripped)):
            if m:
                item = {"label": m.group(1), "text": clean(m.group(2)), "children": []}
            else:
                item = {"label": None, "text": clean(strip_bullet(stripped)), "children": []}
            same_kind = (
                blocks
                and blocks[-1]["type"] == "list"
                and (blocks[-1]["items"][-1]["label"] is None) == (item["label"] is None)
            )
            if same_kind:
                blocks[-1]["items"].append(item)
            else:
                blocks.append({"type": "list", "items": [item]})
        else:
            blocks.append({"type": "paragraph", "text": clean(stripped)})
    return blocks


def sections_of(seed: Seed, start: int, end: int, headings: list[str]) -> list[Json]:
    """Split lines [start, end) at the given heading lines (in order) into heading + blocks."""
    marks = []
    pos = start
    for heading in headings:
        pos = seed.find(heading, pos, end)
        marks.append(pos)
    sections = []
    bounds = [start, *marks, end]
    names: list[str | None] = [None, *headings]
    for k in range(len(names)):
        body_start = bounds[k] + (1 if k else 0)
        body = [seed.line(n) for n in range(body_start, bounds[k + 1])]
        blocks = blocks_of(body)
        if names[k] is None and not blocks:
            continue
        sections.append({"heading": names[k], "blocks": blocks})
    return sections


def split_bullets(html: str) -> list[Json]:
    """A scraped table cell of ``»`` items, possibly with a nested ``<ul>`` of ``•`` items."""
    items: list[Json] = []
    html = re.sub(r"^\s*<ul[^>]*>", "", html)
    for chunk in re.split(r"(?:^|\s)»\s", " " + html):
        if not chunk.strip():
            continue
        head, _, nested = chunk.partition("<ul")
        item: Json = {"text": clean(head), "children": [], "refs": []}
        if nested:
            nested = nested.split(">", 1)[1]
            for sub in re.split(r"(?:^|\s)•\s", " " + nested):
                if sub.strip():
                    item["children"].append({"text": clean(sub), "children": [], "refs": []})
        items.append(item)
    return items


def split_labelled(html: str, *, letters: str = LETTERS, nested: bool = True) -> list[Json]:
    """A scraped cell of ``a. ... b. ...`` items; after a ``<ul>``, ``i. ii. ...`` children."""
    html = re.sub(r"^\s*<(?:ul|p)[^>]*>", "", html.strip())
    html = " " + html
    items: list[Json] = []
    pos = 0
    top = 0
    sub = 0
    in_nested = False
    marks: list[tuple[int, int, str, bool]] = []  # (start of label, start of text, label, child?)
    while True:
        cands = []
        if top < len(letters):
            m = re.compile(rf"(?:\s|>)({letters[top]})\. (?=[A-Z])").search(html, pos)
            if m:
                cands.append((m.start(1), m.end(), m.group(1), False))
        if nested and in_nested and sub < len(ROMAN):
            m = re.compile(rf"(?:\s|>)({ROMAN[sub]})\. (?=[A-Z])").search(html, pos)
            if m:
                cands.append((m.start(1), m.end(), m.group(1), True))
        if not cands:
            break
        cand = min(cands)
        marks.append(cand)
        pos = cand[1]
        if cand[3]:
            sub += 1
        else:
            top += 1
            sub = 0
            in_nested = False
        nxt = html.find("<ul", pos)
        # a nested list opens inside this item if a <ul> comes before the next top label
        if nested and nxt != -1 and top < len(letters):
            m = re.compile(rf"(?:\s|>)({letters[top]})\. (?=[A-Z])").search(html, pos)
            if m is None or nxt < m.start():
                in_nested = True
    for k, (_, text_start, label, child) in enumerate(marks):
        text_end = marks[k + 1][0] if k + 1 < len(marks) else len(html)
        text = clean(html[text_start:text_end])
        item = {"label": label, "text": text, "children": []}
        if child:
            items[-1]["children"].append(item)
        else:
            items.append(item)
    return items


def split_numbered(html: str) -> list[tuple[int, str]]:
    """``1. ... 2. ...`` items of a scraped ``<ol>`` (sometimes without spaces between items)."""
    html = re.sub(r"^.*?<ol[^>]*>", "", html)
    out = []
    n = 1
    pos = 0
    starts = []
    while True:
        m = re.compile(rf"(?:(?<=\s)|(?<=\.)|(?<=>)|^){n}\. (?=[A-Z])").search(html, pos)
        if not m:
            break
        starts.append((n, m.start(), m.end()))
        pos = m.end()
        n += 1
    for k, (num, _, text_start) in enumerate(starts):
        end = starts[k + 1][1] if k + 1 < len(starts) else len(html)
        out.append((num, clean(html[text_start:end])))
    return out


# --------------------------------------------------------------------------- crosswalk


def parse_standard_heading(text: str) -> tuple[int, str]:
    m = re.match(r"^(?:InTASC )?(?:Standard )?#(\d+)[.:]? (.+)$", text)
    assert m, text
    return int(m.group(1)), m.group(2)


# The (domain, standard) pairs part two gives and part one does not (note "crosswalk-parts-differ").
PARTS_DIFFER = {
    ("cognitive", 1),
    ("cognitive", 3),
    ("instructional", 3),
    ("instructional", 4),
    ("instructional", 5),
    ("intrapersonal", 10),
}


def crosswalk(seed: Seed) -> Json:
    start = seed.find("This InTASC Crosswalk is part of a series", 1500, prefix=True)
    part_one = seed.find("CROSSWALK PART ONE", start)
    part_two = seed.find("CROSSWALK PART TWO", part_one)
    end = len(seed.lines) + 1
    introduction = sections_of(
        seed,
        start,
        part_one,
        [
            "Background on the InTASC Model Core Teaching Standards",
            "How the Educator Competencies Fit with the Standards",
        ],
    )

    # ---- part one: one table per domain
    p1_heading = seed.line(seed.find("InTASC Model Core Teaching Standards relevant", part_one, part_two, prefix=True))
    p1_intro = seed.line(seed.find("The following tables provide", part_one, part_two, prefix=True))
    domains: list[Json] = []
    part_one_quotes: dict[int, list[Json]] = {}
    for _, line in seed.nonblank(part_one, part_two):
        if not line.startswith("<p> ") and not line.startswith("<p>INSTRUCTIONAL"):
            continue
        left, right = line.split("\t")
        paras = re.findall(r"<p>(.*?)</p>", left)
        name = clean(paras[0])
        key = name.split()[0].lower()
        assert key in DOMAINS and name == f"{key.upper()} DOMAIN", name
        description = clean(paras[1])
        assert clean(paras[2]) == "Competencies include:", paras[2]
        comps = []
        for number, text in split_numbered(left):
            res = resolve_competency(key, number, text)
            comps.append({"number": number, "text": text, **res})
        assert len(comps) == len(CHILDREN[key]), (key, len(comps))
        related = []
        for para in re.findall(r"<p>(.*?)</p>", right):
            para = clean(para)
            m = re.match(r"^((?:Standard )?#\d+[.:]? .+?) (The teacher .*)$", para)
            assert m, para
            number, title = parse_standard_heading(m.group(1))
            quote = {"standard": number, "heading": m.group(1), "title": title, "statement": m.group(2)}
            related.append(quote)
            part_one_quotes.setdefault(number, []).append({"domain": key, **quote})
        domains.append(
            {
                "domain": key,
                "id": f"2020:{key}",
                "heading": name,
                "description": description,
                "competencies": comps,
                "related_standards": related,
            }
        )
    assert [d["domain"] for d in domains] == list(DOMAINS)

    # ---- part two: one table per standard
    p2_heading = seed.line(seed.find("Additional areas of emphasis within each InTASC Standard", part_two, end))
    p2_intro = seed.line(seed.find("The following table provides greater detail", part_two, end, prefix=True))
    standards: list[Json] = []
    entries: list[Json] = []
    heads = [n for n in range(part_two, end) if seed.line(n).startswith("InTASC Standard #")]
    assert len(heads) == 10, heads
    for k, h in enumerate(heads):
        number, title = parse_standard_heading(seed.line(h))
        assert number == k + 1
        block_end = heads[k + 1] if k + 1 < len(heads) else end
        body = seed.nonblank(h + 1, block_end)
        statement = clean(body[0][1])
        assert body[1][1] == "Performances\tAreas of Emphasis for Personalized Learning", body[1]
        assert len(body) == 3, body
        perf_html, emph_html = body[2][1].split("\t")
        performances = []
        for item in split_labelled(perf_html, nested=False):
            performances.append({"label": f"{number}({item['label']})", "letter": item["label"], "text": item["text"]})
        assert [p["letter"] for p in performances] == list(LETTERS[: len(performances)])
        paras = re.findall(r"<p>(.*?)</p>", emph_html)
        assert len(paras) == 2 and clean(paras[1]) == "See related Educator Competencies:", paras
        emphasis = clean(paras[0])
        references = [
            {"label": f"{m.group(1)}({m.group(2)})", "standard": int(m.group(1)), "letter": m.group(2)}
            for m in re.finditer(r"\b(\d{1,2})\(([a-z])\)", emphasis)
        ]
        for ref in references:
            assert ref["standard"] == number, ref
            assert ref["letter"] in [p["letter"] for p in performances], ref
        related = []
        comp_html = emph_html.split("See related Educator Competencies:", 1)[1]
        for chunk in re.split(r"\s»\s", comp_html)[1:]:
            m = re.match(r"^(Intrapersonal|Interpersonal|Cognitive|Instructional) #(\d+): (.*)$", clean(chunk))
            assert m, chunk
            res = resolve_competency(m.group(1).lower(), int(m.group(2)), m.group(3))
            related.append({"domain": m.group(1).lower(), "number": int(m.group(2)), "text": m.group(3), **res})
        standards.append(
            {
                "number": number,
                "id": f"intasc:{number}",
                "heading": clean(seed.line(h)),
                "title": title,
                "statement": statement,
                "group": None,
                "performances": performances,
                "part_one_quotes": [
                    {
                        "domain": q["domain"],
                        "heading": q["heading"],
                        "title": q["title"],
                        "statement": q["statement"],
                        "match": compare(q["statement"], statement),
                    }
                    for q in part_one_quotes.get(number, [])
                ],
            }
        )
        entries.append(
            {
                "standard": number,
                "emphasis": emphasis,
                "references": references,
                "related_competencies": related,
            }
        )
    for d in domains:
        for rel in d["related_standards"]:
            std = standards[rel["standard"] - 1]
            assert rel["title"] == std["title"], (rel, std["title"])
            rel["match"] = compare(rel["statement"], std["statement"])

    pairs_one = {(d["domain"], r["standard"]) for d in domains for r in d["related_standards"]}
    pairs_two = {(r["domain"], e["standard"]) for e in entries for r in e["related_competencies"]}
    assert pairs_one <= pairs_two, pairs_one - pairs_two
    assert pairs_two - pairs_one == PARTS_DIFFER, sorted(pairs_two - pairs_one)

    links = []
    for d in domains:
        for rel in d["related_standards"]:
            links.append({"part": "one", "standard": rel["standard"], "item": d["id"]})
    for e in entries:
        for rel in e["related_competencies"]:
            links.append({"part": "two", "standard": e["standard"], "item": rel["competency"]})

    return {
        "format": "edcompetencies/crosswalk",
        "format_version": 1,
        "edition": 2020,
        "title": "Crosswalk of InTASC Model Core Teaching Standards",
        "standards_title": "InTASC Model Core Teaching Standards",
        "standards_year": 2013,
        "source": src("Crosswalk of InTASC Model Core Teaching Standards"),
        "introduction": introduction,
        "groups": None,
        "standards": standards,
        "part_one": {
            "label": clean(seed.line(part_one)),
            "heading": clean(p1_heading),
            "introduction": clean(p1_intro),
            "domains": domains,
        },
        "part_two": {
            "label": clean(seed.line(part_two)),
            "heading": clean(p2_heading),
            "introduction": clean(p2_intro),
            "standards": entries,
        },
        "links": links,
        "notes": [],
    }


# --------------------------------------------------------------------------- glossary


URL_RE = re.compile(r"<(https?://[^>\s]+)>|(?<![<\w])(https?://\S+)")

# Citations printed without quotation marks or italics around a title: which part is
# the title and which the author is a reading decision (note "glossary-unquoted-sources").
SOURCE_OVERRIDES: dict[str, Json] = {
    "Ed Reform Glossary.": {"title": "Ed Reform Glossary", "author": None, "year": None, "details": None},
    "International Institute of Restorative Practices.": {
        "title": None,
        "author": "International Institute of Restorative Practices",
        "year": None,
        "details": None,
    },
    "UDL Guidelines - Version 2.0: Guideline 9.": {
        "title": "UDL Guidelines - Version 2.0",
        "author": None,
        "year": None,
        "details": "Guideline 9",
    },
    "CAST": {"title": None, "author": "CAST", "year": None, "details": None},
    (
        "Frey, N., Hattie, J., & Fisher, D. (2018). Developing Assessment-Capable Visible Learners, "
        "grades K-12: Maximizing skill, will, and thrill. Thousand Oaks, CA: Corwin Literacy."
    ): {
        "title": "Developing Assessment-Capable Visible Learners, grades K-12: Maximizing skill, will, and thrill",
        "author": "Frey, N., Hattie, J., & Fisher, D.",
        "year": 2018,
        "details": "Thousand Oaks, CA: Corwin Literacy.",
    },
}


def parse_citation(raw: str) -> Json:
    urls = [a or b for a, b in URL_RE.findall(raw)]
    assert len(urls) <= 1, raw
    text = clean(URL_RE.sub(" ", raw))
    entry: Json = {"text": text, "title": None, "author": None, "year": None, "details": None}
    if text in SOURCE_OVERRIDES:
        entry.update(SOURCE_OVERRIDES[text])
    else:
        # a quoted (and/or italic) title first: the raw text tells italics from quotes
        body = URL_RE.sub(" ", raw).strip()
        m = re.match(r"^[“\"]\*?(.+?)\*?[”\"]\s*(.*)$", body) or re.match(r"^\*(.+?)\*\s*(.*)$", body)
        assert m, raw
        entry["title"] = clean(m.group(1))
        rest = clean(m.group(2)).lstrip(",").strip()
        ym = re.match(r"^(.*?)\s*\((\d{4})\)\.?\s*(.*)$", rest)
        if ym:
            author, year, details = ym.group(1), int(ym.group(2)), ym.group(3)
        else:
            author, year, details = rest, None, ""
        if author.endswith(".") and not author.endswith("eds."):
            author = author[:-1]
        entry["author"] = author or None
        entry["year"] = year
        entry["details"] = details or None
    entry["url"] = urls[0] if urls else None
    return entry


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def is_term(line: str) -> bool:
    s = line.strip()
    return bool(
        s
        and len(s.split()) <= 6
        and not s.endswith(".")
        and "http" not in s
        and not s.startswith(("<", "“", '"', "*", "Source", "-", "|"))
    )


def glossary(seed: Seed) -> Json:
    start = seed.find("GLOSSARY OF TERMS")
    appendix = seed.find("APPENDIX A", 1, start)
    end = seed.find("APPENDIX B", start)
    term_lines = [n for n in range(start + 1, end) if is_term(seed.line(n))]
    terms = []
    for k, n in enumerate(term_lines):
        block_end = term_lines[k + 1] if k + 1 < len(term_lines) else end
        lines = [(i, seed.line(i)) for i in range(n + 1, block_end)]
        src_at = next((i for i, ln in lines if re.match(r"^Sources?:", ln)), None)
        def_lines = [ln for i, ln in lines if src_at is None or i < src_at]
        definition: list[Json] = []
        table_rows: list[list[str]] = []
        for ln in def_lines:
            s = ln.strip()
            if not s:
                continue
            if s.startswith(("- |", "|")):
                cells = [c.strip() for c in s.lstrip("- ").strip().strip("|").split("|")]
                if all(re.fullmatch(r"-*", c) for c in cells):
                    continue  # the header separator row
                if all(not c for c in cells):
                    continue  # the empty header row
                table_rows.append([clean(strip_bullet(c)) for c in cells])
                continue
            if table_rows:
                definition.append({"type": "table", "header": None, "rows": table_rows})
                table_rows = []
            definition.extend(blocks_of([ln]))
            if len(definition) >= 2 and definition[-1]["type"] == "list" and definition[-2]["type"] == "list":
                definition[-2]["items"].extend(definition.pop()["items"])
        if table_rows:
            definition.append({"type": "table", "header": None, "rows": table_rows})
        related_text = None
        closely: list[str] | None = None
        not_syn: list[str] | None = None
        for block in definition:
            if block["type"] != "paragraph":
                continue
            m = re.search(r"\s*\((Closely related terms: [^()]*)\)\.?$", block["text"])
            if m:
                related_text = m.group(1)
                block["text"] = block["text"][: m.start()]
                body = related_text[len("Closely related terms: ") :]
                body, _, negative = body.partition(". Not synonymous with: ")
                closely = [t.strip() for t in re.split(r"[,;] ", body.rstrip(".")) if t.strip()]
                if negative:
                    not_syn = [t.strip() for t in re.split(r"[,;] ", negative.rstrip(".")) if t.strip()]
        sources = []
        if src_at is not None:
            entries: list[list[str]] = []
            first = re.sub(r"^Sources?:\s*", "", seed.line(src_at)).strip()
            if first:
                entries.append([first])
            for i, ln in lines:
                if i <= src_at or not ln.strip():
                    continue
                s = ln.strip()
                if re.fullmatch(r"<?https?://\S+?>?", s) and entries:
                    entries[-1].append(s)
                else:
                    entries.append([s])
            sources = [parse_citation(" ".join(e)) for e in entries]
        terms.append(
            {
                "id": slug(seed.line(n)),
                "term": clean(seed.line(n)),
                "definition": definition,
                "related_terms_text": related_text,
                "closely_related_terms": closely,
                "not_synonymous_with": not_syn,
                "sources": sources,
            }
        )
    return {
        "format": "edcompetencies/glossary",
        "format_version": 1,
        "edition": 2020,
        "title": clean(seed.line(start)),
        "appendix": clean(seed.line(appendix)).removeprefix("APPENDIX ").strip(),
        "source": src("Appendix A, Glossary of Terms"),
        "terms": terms,
        "notes": [],
    }


# --------------------------------------------------------------------------- toolkit


def toolkit_table_heading(seed: Seed, n: int) -> tuple[str, int, str]:
    """The ``X DOMAIN`` / ``N statement`` lines that head a toolkit table at line n."""
    dom = seed.line(n).strip()
    m = re.match(r"^(INTRAPERSONAL|INTERPERSONAL|COGNITIVE|INSTRUCTIONAL) DOMAIN$", dom)
    assert m, dom
    k = n + 1
    while not seed.line(k).strip():
        k += 1
    cm = re.match(r"^(\d+) (.+)$", seed.line(k).strip())
    assert cm, seed.line(k)
    return m.group(1).lower(), int(cm.group(1)), clean(cm.group(2))


def quoted_competency(domain: str, number: int, text: str) -> Json:
    res = resolve_competency(domain, number, text)
    return {"domain": domain, "toolkit_number": number, "text": text, **res}


def prioritized(seed: Seed) -> Json:
    start = seed.find("Prioritized Competencies", 1300)
    header = seed.find("INTRAPERSONAL\tINTERPERSONAL\tCOGNITIVE\tINSTRUCTIONAL", start)
    end = seed.find("Assessment Tool for Prioritized Competencies", header, first=True)
    sections = sections_of(
        seed,
        start + 1,
        header,
        ["The Purpose of this Tool"],
    )
    comps = []
    cells = seed.line(header + 1).split("\t")
    assert len(cells) == 4
    for domain, cell in zip(DOMAINS, cells, strict=True):
        for para in re.findall(r"<p>(.*?)</p>", cell):
            m = re.match(r"^(\d+) (.+)$", clean(para))
            assert m, para
            comps.append(quoted_competency(domain, int(m.group(1)), m.group(2)))
    assert seed.line(end - 2).startswith("Personalized, Learner-Centered Environments")
    return {"title": "Prioritized Competencies", "sections": sections, "competencies": comps}


def flatten(items: list[Json]) -> list[Json]:
    out = []
    for item in items:
        out.append(item)
        out.extend(flatten(item["children"]))
    return out


def main_indicators(comp: str) -> list[str]:
    """A competency's indicator and sub-indicator IDs in reading order."""
    out = []
    for ind in CHILDREN.get(comp, []):
        out.append(ind)
        out.extend(main_indicators(ind))
    return out


def align_operationalizing(comp: str, items: list[Json]) -> None:
    """The operationalizing column restates the competency's indicators in order (the Reflection
    Tool: "The indicators listed are the operationalizing level"): align them by position."""
    flat = flatten(items)
    ids = main_indicators(comp)
    assert len(flat) == len(ids), (comp, len(flat), len(ids))
    for item, ref in zip(flat, ids, strict=True):
        item["refs"] = [ref]
        item["resolution"] = "position"
        item["match"] = compare(item["text"], MAIN[ref])


def assessment_tool(seed: Seed) -> tuple[Json, list[Json]]:
    start = seed.find("Assessment Tool for Prioritized Competencies", 1346)
    end = seed.find("Reflection Tool for Prioritized Competencies", start, first=True)
    tables = [n for n in range(start, end) if seed.line(n).strip() == "EDUCATOR COMPETENCIES"]
    first_table = tables[0]
    sections = sections_of(
        seed,
        start + 1,
        first_table,
        [
            "The Purpose of this Tool",
            "How to Use this Tool",
            "SELF-ASSESSMENT",
            "WALKTHROUGHS",
            "WORKING LEVEL VS. LEVEL OF MASTERY",
            "What do the implementation headers mean?",
            "ESTABLISHING",
            "DEVELOPING",
            "OPERATIONALIZING",
            "REFINING",
            "What might be one approach for a collaborative continuous improvement cycle?",
        ],
    )
    levels = []
    for sec in sections:
        if sec["heading"] in ("ESTABLISHING", "DEVELOPING", "OPERATIONALIZING", "REFINING"):
            assert len(sec["blocks"]) == 1
            levels.append(
                {"key": sec["heading"].lower(), "heading": sec["heading"], "definition": sec["blocks"][0]["text"]}
            )
    assert [lv["key"] for lv in levels] == list(LEVELS)
    headings = {lv["heading"] for lv in levels}
    sections = [s for s in sections if s["heading"] not in headings]
    comps = []
    for n in tables:
        k = n + 1
        while not seed.line(k).strip():
            k += 1
        domain, number, text = toolkit_table_heading(seed, k)
        header = seed.find("ESTABLISHING\tDEVELOPING\tOPERATIONALIZING\tREFINING", k, k + 6)
        cells = seed.line(header + 1).split("\t")
        assert len(cells) == 4, cells
        entry = quoted_competency(domain, number, text)
        entry["levels"] = {}
        for level, cell in zip(LEVELS, cells, strict=True):
            items = split_bullets(cell)
            for item in items:
                m = re.search(r"see [“\"](\d+)\. (.+?),?[”\"],? in the (\w+) domain", item["text"])
                if m:
                    res = resolve_competency(m.group(3).lower(), int(m.group(1)), m.group(2).rstrip(","))
                    assert res["match"] != "different", m.group(0)
                    item["refs"] = [res["competency"]]
            entry["levels"][level] = items
        align_operationalizing(entry["competency"], entry["levels"]["operationalizing"])
        comps.append(entry)
    tool = {"title": "Assessment Tool for Prioritized Competencies", "sections": sections, "competencies": comps}
    return tool, levels


def reflection_tool(seed: Seed) -> Json:
    start = seed.find("Reflection Tool for Prioritized Competencies", 1449)
    end = seed.find("Directions for Setting Up a Simple Rubric", start)
    tables = [n for n in range(start, end) if seed.line(n).strip() == "EDUCATOR COMPETENCIES"]
    sections = sections_of(seed, start + 1, tables[0], ["The Purpose of this Tool", "How to Use this Tool"])
    # A page break splits one paragraph of "How to Use this Tool" (note "reflection-tool-page-break").
    how = next(s for s in sections if s["heading"] == "How to Use this Tool")["blocks"]
    for k, block in enumerate(how):
        if block["type"] == "paragraph" and block["text"].endswith("they aren’t the"):
            nxt = how.pop(k + 1)
            assert nxt["text"].startswith("only strategy"), nxt
            block["text"] = f"{block['text']} {nxt['text']}"
            break
    else:
        raise AssertionError("page-broken paragraph not found")
    entries = []
    for n in tables:
        k = n + 1
        while not seed.line(k).strip():
            k += 1
        domain, number, text = toolkit_table_heading(seed, k)
        header = seed.find("INDICATORS\tREFLECTIVE/GUIDING QUESTIONS\tPOSSIBLE LOOK FORS", k, k + 6)
        cells = seed.line(header + 1).split("\t")
        assert len(cells) == 3, cells
        entry = quoted_competency(domain, number, text)
        indicators = []
        for item in split_labelled(cells[0]):
            res = resolve_indicator(f"{entry['competency']}.{item['label']}", item["text"])
            children = []
            for child in item["children"]:
                cres = resolve_indicator(f"{entry['competency']}.{item['label']}.{child['label']}", child["text"])
                children.append({"label": child["label"], "text": child["text"], **cres, "children": []})
            indicators.append({"label": item["label"], "text": item["text"], **res, "children": children})
        entry["indicators"] = indicators
        entry["reflective_questions"] = [i["text"] for i in split_bullets(cells[1])]
        entry["look_fors"] = [i["text"] for i in split_bullets(cells[2])]
        entries.append(entry)
    return {"title": "Reflection Tool for Prioritized Competencies", "sections": sections, "entries": entries}


def simple_rubric(seed: Seed) -> Json:
    start = seed.find("Directions for Setting Up a Simple Rubric", 1496)
    crosswalk_at = seed.find("Crosswalk of InTASC Model Core Teaching Standards", start, first=True)
    figure = seed.find("Figure 1. Example of a single point implementation rubric for one competency", start)
    sections = sections_of(
        seed,
        start + 1,
        figure,
        [
            "The Purpose of this Tool",
            "ADDITIONAL RESOURCES:",
            "How to Use this Tool",
            "CREATE SINGLE POINT IMPLEMENTATION RUBRICS",
        ],
    )
    title_line = seed.line(figure + 2)
    h2 = clean(re.search(r"<h2[^>]*>(.*?)</h2>", title_line).group(1))  # type: ignore[union-attr]
    para = re.search(r"<p[^>]*>(.*?)</p>", title_line).group(1)  # type: ignore[union-attr]
    citation = clean(re.search(r"<i>(.*?)</i>", para).group(1))  # type: ignore[union-attr]
    cm = re.match(r"^COMPETENCY (\d+): (.*)$", clean(re.sub(r"<i>.*?</i>", "", para)))
    assert cm and h2 == "EDUCATOR COMPETENCIES INSTRUCTIONAL DOMAIN", title_line
    head_cells = seed.line(figure + 3).split("\t")
    directions = next(s for s in sections if s["heading"] == "CREATE SINGLE POINT IMPLEMENTATION RUBRICS")
    described = directions["blocks"][0]["text"]
    columns = []
    for level, position, cell in zip(
        ("developing", "operationalizing", "refining"), ("left", "middle", "right"), head_cells, strict=True
    ):
        heading, _, description = cell.strip().partition(" ")
        assert heading.lower() == level, cell
        # the directions name each column's place: "(operationalizing) in the middle", "to the left ... (developing)"
        place = rf"(in the {position}|to the {position}).{{0,90}}\({level}\)|\({level}\) in the {position}"
        assert re.search(place, described), (level, position)
        columns.append({"key": level, "position": position, "heading": heading, "description": description})
    rows = []
    n = figure + 4
    while seed.line(n).strip():
        cells = seed.line(n).split("\t")
        assert len(cells) == 3 and not cells[0].strip() and not cells[2].strip(), cells
        text = clean(cells[1])
        res = resolve_indicator(None, text)
        rows.append({"developing": None, "operationalizing": text, "refining": None, **res})
        n += 1
    assert n < crosswalk_at
    example = {
        "caption": clean(seed.line(figure)),
        "heading": h2,
        "competency_heading": f"COMPETENCY {cm.group(1)}",
        **quoted_competency("instructional", int(cm.group(1)), cm.group(2)),
        "citation": citation,
        "rows": rows,
    }
    return {
        "title": "Directions for Setting Up a Simple Rubric",
        "sections": sections,
        "columns": columns,
        "example": example,
    }


# "In the field" examples: who each is about (names as printed), keyed by the start of its text.
IN_THE_FIELD_ACTORS: dict[str, list[str]] = {
    "When state leaders in **Arkansas** built": ["Arkansas"],
    "Vermont recently incorporated": ["Vermont"],
    "A group of organizations led by the education design lab **2Revolutions**": ["2Revolutions"],
    "When **Arkansas** built their Designing for Innovation Framework": ["Arkansas"],
    "During 2017, **Hartford, Connecticut** district leaders": ["Hartford, Connecticut"],
    "When **Virginia** leaders": ["Virginia"],
    "Altitude Learning (formerly AltSchools)": ["Altitude Learning"],
    "In **Jefferson County, Kentucky**": ["Jefferson County, Kentucky"],
    "In supporting the **Jefferson County, Kentucky** schools": ["Jefferson County, Kentucky"],
    "Arkansas, South Carolina and Virginia each began": ["Arkansas", "South Carolina", "Virginia"],
}


def actors_of(raw: str) -> list[str]:
    hits = [v for k, v in IN_THE_FIELD_ACTORS.items() if raw.strip().startswith(k)]
    assert len(hits) == 1, raw[:80]
    return hits[0]


def main_text_boxes(seed: Seed) -> list[Json]:
    """The boxes of the main text: the introduction's, and those between the domains' lists."""
    out = []
    intro = seed.find("When state leaders in **Arkansas** built", 1, seed.find("OVERVIEW"), prefix=True)
    out.append({"line": intro, "section": "Introduction", "domain": None, "after_item": None, "labelled": False})
    start = seed.find("INTRAPERSONAL DOMAIN", first=True)
    end = seed.find("Acknowledgements", first=True)
    domain_re = re.compile(r"^(INTRAPERSONAL|INTERPERSONAL|COGNITIVE|INSTRUCTIONAL) DOMAIN$")
    comp_re = re.compile(r"^(?:- )?(\d+)(?:\*\*)? (.+)$")
    ind_re = re.compile(r"^- (?:([a-z])\. )?(.+)$")
    sub_re = re.compile(r"^ - ([ivx]+)\. (.+)$")
    domain = None
    comp = ind = 0
    sub = 0
    in_list = False
    last: str | None = None
    labelled = False
    for n in range(start, end):
        line = seed.line(n)
        m = domain_re.match(line)
        if m:
            domain, in_list = m.group(1).lower(), False
            comp = 0
            continue
        if line.startswith("Effective educators in a personalized, learner-centered setting will:"):
            in_list = True
            continue
        if not in_list or not line.strip():
            continue
        if line.startswith(("INDICATORS:", "THEMES:", "Educator Competencies")):
            continue
        if line.strip() in ("**IN THE", "FIELD**"):
            labelled = True
            continue
        if comp_re.match(line):
            comp, ind, sub = int(comp_re.match(line).group(1)), 0, 0  # type: ignore[union-attr]
            last = f"2020:{domain}.{comp}"
            continue
        if sub_re.match(line):
            sub += 1
            last = f"2020:{domain}.{comp}.{LETTERS[ind - 1]}.{ROMAN[sub - 1]}"
            continue
        if ind_re.match(line):
            ind, sub = ind + 1, 0
            last = f"2020:{domain}.{comp}.{LETTERS[ind - 1]}"
            continue
        assert last in MAIN, (n, last)
        out.append(
            {
                "line": n,
                "section": f"{domain.capitalize()} Domain",  # type: ignore[union-attr]
                "domain": domain,
                "after_item": last,
                "labelled": labelled,
            }
        )
        labelled = False
    return out


def user_guide_boxes(seed: Seed) -> list[Json]:
    start = seed.find("User Guide: Who should use the Educator Competencies and how?")
    end = seed.find("Centering Equity: Guiding Questions", start, first=True)
    q1 = seed.find("How can educators or leaders of a learning community use the Educator Competencies?", start)
    q2 = seed.find(
        "How can leaders in a district, state or an educator preparation program use the Educator Competencies?", q1
    )
    out = []
    for n in range(start, end):
        if seed.line(n).strip() in ("IN THE FIELD", "FIELD**"):
            k = n + 1
            while not seed.line(k).strip():
                k += 1
            out.append(
                {
                    "line": k,
                    "section": "User Guide",
                    "domain": None,
                    "after_item": None,
                    "labelled": True,
                    "heading": clean(seed.line(q2 if k > q2 else q1)),
                }
            )
    return out


def in_the_field(seed: Seed) -> list[Json]:
    boxes = main_text_boxes(seed) + user_guide_boxes(seed)
    examples = []
    counters = {"main-text": 0, "user-guide": 0}
    for box in boxes:
        part = "user-guide" if box["section"] == "User Guide" else "main-text"
        counters[part] += 1
        raw = seed.line(box["line"])
        examples.append(
            {
                "id": f"{part}-{counters[part]}",
                "part": part,
                "section": box["section"],
                "heading": box.get("heading"),
                "domain": box["domain"],
                "after_item": box["after_item"],
                "labelled": box["labelled"],
                "actors": actors_of(raw),
                "text": clean(raw),
                "copies": [],
                "_raw": raw,
            }
        )
    for a in examples:
        for b in examples:
            if a is not b and a["part"] != b["part"]:
                ratio = difflib.SequenceMatcher(None, a["text"].split(), b["text"].split()).ratio()
                if ratio > 0.6:
                    a["copies"].append(b["id"])
    for ex in examples:
        del ex["_raw"]
    return examples


def respondents(seed: Seed) -> Json:
    head = seed.find("RESPONDENTS\t2014\t2019")
    years = seed.line(head).split("\t")[1:]
    rows = []
    total = None
    n = head + 1
    while seed.line(n).strip():
        cells = seed.line(n).split("\t")
        counts = {y: (None if c.strip() == "—" else int(c)) for y, c in zip(years, cells[1:], strict=True)}
        if cells[0] == "TOTAL":
            total = counts
        else:
            rows.append({"group": clean(cells[0]), "counts": counts})
        n += 1
    assert total is not None
    for y in years:
        assert sum(r["counts"][y] or 0 for r in rows) == total[y], y
    intro_at = seed.find("For the revision process, the team interviewed another 62 respondents", 1, head, prefix=True)
    intro = seed.line(intro_at)
    appendix = seed.find("APPENDIX B")
    section = seed.find("APPROACH TO COMPETENCIES DEVELOPMENT", appendix)
    return {
        "appendix": "B",
        "section": clean(seed.line(section)),
        "introduction": clean(intro),
        "heading": clean(seed.line(head).split("\t")[0]),
        "columns": years,
        "rows": rows,
        "total": total,
    }


def centering_equity(seed: Seed) -> Json:
    start = seed.find("Centering Equity: Guiding Questions", 1282)
    end = seed.find("Prioritized Competencies", start)
    sections = sections_of(seed, start + 1, end - 2, ["The Purpose of this Tool", "How to Use this Tool"])
    last = sections[-1]["blocks"]
    assert last[-1]["type"] == "list" and last[-1]["items"][0]["label"] == "1", last[-1]
    footnotes = [{"label": i["label"], "text": i["text"]} for i in last.pop()["items"]]
    return {
        "title": "Centering Equity: Guiding Questions",
        "sections": sections,
        "footnotes": footnotes,
        "guiding_questions": None,
    }


def toolkit(seed: Seed) -> Json:
    assessment, levels = assessment_tool(seed)
    return {
        "format": "edcompetencies/toolkit",
        "format_version": 1,
        "edition": 2020,
        "title": "Educator Competencies for Personalized, Learner-Centered Environments",
        "source": src(
            "toolkit (User Guide, Centering Equity: Guiding Questions, Prioritized Competencies, Assessment Tool, "
            "Reflection Tool, Directions for Setting Up a Simple Rubric); main text (In the field boxes); "
            "Appendix B"
        ),
        "prioritized_competencies": prioritized(seed),
        "implementation_levels": levels,
        "assessment_tool": assessment,
        "reflection_tool": reflection_tool(seed),
        "simple_rubric": simple_rubric(seed),
        "in_the_field": in_the_field(seed),
        "respondents": respondents(seed),
        "centering_equity": centering_equity(seed),
        "notes": [],
    }


# --------------------------------------------------------------------------- source notes


def note(id_: str, kind: str, items: list[str], text: str, section: str) -> Json:
    return {"id": id_, "kind": kind, "items": items, "text": text, "source": src(section)}


CW = "Crosswalk of InTASC Model Core Teaching Standards"
CW1 = f"{CW}, Crosswalk Part One"
CW2 = f"{CW}, Crosswalk Part Two"

CROSSWALK_NOTES: list[Json] = [
    note(
        "crosswalk-no-intasc-groups",
        "missing",
        [f"intasc:{n}" for n in range(1, 11)],
        "The crosswalk gives the ten standards one by one, each with its number, title and statement, and "
        "groups them in no way; no grouping is supplied, so each standard's group is null and the top-level "
        "groups is null.",
        CW,
    ),
    note(
        "crosswalk-performances-only",
        "editorial",
        [f"intasc:{n}" for n in range(1, 11)],
        "The crosswalk quotes each standard's performances only (InTASC's labels continue into essential "
        "knowledge and dispositions, which the crosswalk does not quote); only the performances given are "
        "transcribed, with InTASC's labels: standard number and letter, e.g. 4(a).",
        CW2,
    ),
    note(
        "crosswalk-standard-statement-variants",
        "inconsistent",
        ["intasc:3", "intasc:4", "intasc:5", "intasc:6", "intasc:10"],
        "Part one and part two quote some standards' statements differently: standard #3 \"positive social "
        'interaction, active engagement in learning and self-motivation" (part one) and "positive social '
        'interaction and active engagement in learning and self-motivation" (part two); #4 "the '
        'discipline(s) he or she teaches" and "the discipline(s) they teach"; #5 "critical thinking, '
        'creativity and collaborative problem solving" and "critical thinking, creativity, and collaborative '
        'problem solving"; #10 "other school professionals, and community members" and "other school '
        "professionals and community members\"; #6 differs only in its apostrophes. Each standard's "
        "statement is part two's; part one's quotation is kept with the domain (and in part_one_quotes).",
        CW,
    ),
    note(
        "crosswalk-parts-differ",
        "editorial",
        [
            "intasc:1",
            "intasc:3",
            "intasc:4",
            "intasc:5",
            "intasc:10",
            "2020:cognitive",
            "2020:instructional",
            "2020:intrapersonal",
        ],
        "Part one relates each domain to some standards; part two relates each standard to competencies, and "
        "its pairs are a superset of part one's. Part two also relates standard #1 and #3 to Cognitive "
        "competencies, #3, #4 and #5 to Instructional competencies and #10 to an Intrapersonal competency, "
        "which part one's domain tables do not list. Both are kept as given; every link records its part.",
        CW,
    ),
    note(
        "crosswalk-cognitive-2-wording",
        "inconsistent",
        ["2020:cognitive.2", "intasc:3"],
        'Under standard #3 the crosswalk quotes Cognitive #2 as "Knowledge of the different types of skills '
        'involved in effective communication"; the main text reads "Impart knowledge of the different types '
        'of skills involved in effective communication". Resolved by number to 2020:cognitive.2.',
        CW2,
    ),
    note(
        "crosswalk-intrapersonal-4-garbled",
        "garbled",
        ["2020:intrapersonal.4", "intasc:10"],
        'Under standard #10 the related competency reads "Intrapersonal #4: Reinforces the InTASC standard. '
        "See related Educator Competencies for Personalized Learning.\": the competency's statement is "
        "replaced by the table's boilerplate. Resolved by number to 2020:intrapersonal.4 (\"Demonstrate "
        'commitment to lifelong professional learning and growth."); the garbled text is kept as quoted.',
        CW2,
    ),
    note(
        "crosswalk-5b-quotation",
        "inconsistent",
        ["intasc:5(b)"],
        'The areas of emphasis for standard #5 quote 5(b) as "applying content knowledge to real word '
        'problems"; performance 5(b) reads "applying content knowledge to real world problems". The '
        "reference is kept to 5(b); the quotation is kept as printed.",
        CW2,
    ),
    note(
        "crosswalk-domain-descriptions-marks",
        "inconsistent",
        ["2020:intrapersonal", "2020:interpersonal", "2020:cognitive"],
        "Part one's domain descriptions leave out the main text's footnote marks (¹¹ after \"to achieve "
        'one’s goals”", ¹² after "respond to messages from others.”", ¹³ after "self-regulation and learning '
        'habits)."), and the Cognitive one has "foster students’ content learning" where the main text has '
        '"foster students\' content learning". Kept as printed.',
        CW1,
    ),
    note(
        "crosswalk-7-heading-period",
        "inconsistent",
        ["intasc:7"],
        'Part one heads standard #7 "#7 Planning for Instruction", without the period of "#2. Learning '
        'Differences", "#6. Assessment" and "#8. Instructional Strategies". Kept as printed.',
        CW1,
    ),
    note(
        "crosswalk-7a-garbled",
        "garbled",
        ["intasc:7(a)"],
        'Performance 7(a) reads "...appropriate for curriculum goals and content; standards and are relevant '
        'to learners.": the words around "content; standards" are garbled, and the seeds have no other copy '
        "of 7(a) to restore them from. Kept as printed.",
        CW2,
    ),
]

GLOSSARY_NOTES: list[Json] = [
    note(
        "glossary-no-source",
        "missing",
        ["glossary:competency-competent", "glossary:competency-based-education", "glossary:personalized-learning"],
        "These terms are given without a source: their sources list is empty. No source is supplied.",
        "Appendix A, Glossary of Terms",
    ),
    note(
        "glossary-source-fields-absent",
        "missing",
        [
            "glossary:collaborative-group-work",
            "glossary:design-thinking",
            "glossary:learner-centered",
            "glossary:learning-progressions",
            "glossary:project-based-learning",
            "glossary:real-world-learning",
            "glossary:restorative-practices",
            "glossary:self-regulation",
            "glossary:trauma-informed-schools",
            "glossary:universal-design-for-learning",
        ],
        'Some citations lack a title, an author or a year (e.g. "Collaborative Culture: Group Work", '
        '"What is Project Based Learning?", "What is Design Thinking?" Stanford University REDLab): '
        "the absent fields are null.",
        "Appendix A, Glossary of Terms",
    ),
    note(
        "glossary-unquoted-sources",
        "editorial",
        [
            "glossary:learning-progressions",
            "glossary:restorative-practices",
            "glossary:self-regulation",
            "glossary:universal-design-for-learning",
        ],
        "Four citations have no quoted or italic title, so which words are title and which author is a "
        'reading decision: "Ed Reform Glossary." is read as a title; "International Institute of '
        'Restorative Practices." and "CAST" as authors (organisations) without a title; "UDL Guidelines - '
        'Version 2.0: Guideline 9." as title "UDL Guidelines - Version 2.0" with detail "Guideline 9". '
        "(The Self-Assessment source, Frey, Hattie and Fisher 2018, has an italic title and is read in "
        "its APA form: authors, year, title, publisher.) Each citation's full text is kept in its text field.",
        "Appendix A, Glossary of Terms",
    ),
    note(
        "glossary-toshalis-spelling",
        "inconsistent",
        ["glossary:agency", "glossary:self-regulation", "glossary:student-agency", "glossary:student-voice-and-choice"],
        'The same work ("Motivation, Engagement, and Student Voice.") is credited to "Tshalis and '
        'Nakkula." under Agency and to "Toshalis and Nakkula." under Self-Regulation, Student Agency and '
        "Student Voice (and Choice). Both spellings are kept as printed.",
        "Appendix A, Glossary of Terms",
    ),
    note(
        "glossary-agency-duplicate-definition",
        "duplicated",
        ["glossary:agency", "glossary:student-agency"],
        'Agency and Student Agency have the same definition ("The initiative and capacity to act in a way '
        'that produces meaningful change in oneself or the environment.") and the same closely related '
        "terms; both entries are kept as printed.",
        "Appendix A, Glossary of Terms",
    ),
    note(
        "glossary-self-assessment-url",
        "inconsistent",
        ["glossary:self-assessment"],
        "The Self-Assessment source cites a book (Frey, Hattie and Fisher, Developing Assessment-Capable "
        "Visible Learners, Corwin Literacy, 2018) followed by the URL "
        "https://studentsatthecenterhub.org/resource/student-centered-assessment-guide-self-assessment/, a "
        "Students at the Center resource rather than the book. The URL is kept with the citation as printed.",
        "Appendix A, Glossary of Terms",
    ),
    note(
        "glossary-related-terms-split",
        "editorial",
        ["glossary"],
        'A definition\'s closing parenthetical "(Closely related terms: ...)" is moved out of the '
        "definition into related_terms_text (exact text), closely_related_terms and not_synonymous_with "
        '(split at commas and semicolons only, so "computer-adaptive testing and digital platforms" stays '
        "one entry). Under Personalized Learning the parenthetical is followed by a period, which goes with it.",
        "Appendix A, Glossary of Terms",
    ),
    note(
        "glossary-order",
        "inconsistent",
        ["glossary:anytime-anywhere-learning", "glossary:restorative-practices"],
        "The terms are in alphabetical order except in two places: Anytime/Anywhere Learning stands before "
        "Agency, and Restorative Practices before Reflective Practice (these notes name the term out of "
        "place). The printed order is kept.",
        "Appendix A, Glossary of Terms",
    ),
    note(
        "glossary-framework-two-urls",
        "inconsistent",
        ["glossary:anytime-anywhere-learning", "glossary:student-centered", "glossary:student-ownership"],
        'One work ("The Students at the Center Framework.", JFF 2013) is cited with two URLs: '
        "http://studentsatthecenterhub.org/interactive-framework/ under Anytime/Anywhere Learning and "
        "Student-Ownership, https://studentsatthecenterhub.org/framework/ under Student-Centered. Both are "
        "kept as printed.",
        "Appendix A, Glossary of Terms",
    ),
    note(
        "glossary-eleducation-url",
        "inconsistent",
        ["glossary:collaborative-group-work"],
        'The "Collaborative Culture: Group Work" source is given at '
        "https://eeducation.org/resources/collaborative-culture-group-work, while Appendix C gives EL "
        "Education's site as eleducation.org "
        "(https://eleducation.org/resources/framework-for-professional-development-in-el-education-schools). "
        "The URL is kept as printed.",
        "Appendix A, Glossary of Terms; Appendix C, Framework Sources",
    ),
]

TK = "toolkit"
TOOLKIT_NOTES: list[Json] = [
    note(
        "toolkit-instructional-5-numbering",
        "inconsistent",
        ["2020:instructional.4", "2020:instructional.5"],
        'The Prioritized Competencies, the Assessment Tool and the Reflection Tool number "Promote student '
        'agency and ownership with regard to learning" as Instructional 5; in the main text it is '
        'Instructional 4 (Instructional 5 is "Provide opportunities for anytime/anywhere and real-world '
        'learning that is tied to learning objectives and standards."). Resolved by wording to '
        "2020:instructional.4; toolkit_number keeps the toolkit's 5.",
        "Prioritized Competencies; Assessment Tool for Prioritized Competencies; Reflection Tool for "
        "Prioritized Competencies",
    ),
    note(
        "toolkit-serial-commas",
        "inconsistent",
        ["2020:interpersonal.1", "2020:cognitive.4"],
        "The toolkit quotes two prioritized competencies with a serial comma the main text does not have: "
        '"Design, strengthen, and participate in positive learning environments" (Prioritized Competencies, '
        'Assessment Tool, Reflection Tool; main text "Design, strengthen and participate") and "metacognition, '
        'self-regulation, and perseverance" (Assessment Tool; main text "metacognition, self-regulation and '
        "perseverance\"). Resolved by number; the toolkit's wording is kept.",
        "Prioritized Competencies; Assessment Tool for Prioritized Competencies; Reflection Tool for "
        "Prioritized Competencies",
    ),
    note(
        "assessment-tool-four-of-six",
        "missing",
        ["2020:intrapersonal.2", "2020:intrapersonal.4"],
        "The Assessment Tool unpacks four competencies (Intrapersonal 1, Interpersonal 1, Cognitive 4 and "
        "the toolkit's Instructional 5); the prioritized Intrapersonal 2 and 4 are not unpacked, although the "
        'Directions for Setting Up a Simple Rubric say the Assessment Tool "unpacked six high-leverage '
        'competencies". Only the four given are transcribed.',
        "Assessment Tool for Prioritized Competencies; Directions for Setting Up a Simple Rubric",
    ),
    note(
        "assessment-tool-operationalizing-wording",
        "inconsistent",
        [
            "2020:interpersonal.1.a",
            "2020:interpersonal.1.b",
            "2020:interpersonal.1.d",
            "2020:interpersonal.1.e",
            "2020:interpersonal.1.e.i",
            "2020:cognitive.4.a",
            "2020:cognitive.4.b",
            "2020:cognitive.4.d",
            "2020:instructional.4.a",
            "2020:instructional.4.a.i",
            "2020:instructional.4.a.ii",
            "2020:instructional.4.a.iv",
            "2020:instructional.4.b",
            "2020:instructional.4.c",
            "2020:instructional.4.f",
            "2020:instructional.4.g",
        ],
        "The Assessment Tool's operationalizing column restates each competency's indicators in order (the "
        'Reflection Tool: "The indicators listed are the operationalizing level for each competency"), but '
        "for Interpersonal 1, Cognitive 4 and the toolkit's Instructional 5 often in other words, e.g. "
        '"Cultivate professional learning environments" (main text "Contribute to professional learning '
        'environments"), "engage peers and students" ("engage colleagues and students"), "Model feedback '
        'techniques that highlight the processes of thinking" ("Use modeling, rehearsal and feedback '
        'techniques to highlight the processes of thinking"), "Ensuring students have the capacity to set and '
        'revise goals and monitor progress." ("Providing access for students to monitor their progress and '
        'set goals."), "Shift the dynamic from adult control of decision-making to student agency in '
        'decisions." ("Shift the dynamic from adult control to student agency in decision-making."). Each '
        'descriptor is aligned by position to the indicator it restates (resolution "position"; match says '
        "whether the wording differs); the toolkit's wording is kept.",
        "Assessment Tool for Prioritized Competencies",
    ),
    note(
        "assessment-tool-flat-sublist",
        "editorial",
        ["2020:interpersonal.1"],
        "In the Assessment Tool's operationalizing column for Interpersonal 1, \"Be prepared with the "
        'fundamentals of trauma-informed schools:" is followed by two items with the same bullet as the '
        'others ("Be able to recognize and respond to those who have been impacted by traumatic stress" '
        'and "Provide students with clear expectations..."); the source does not nest them, so they are '
        "kept as items of the same list. (The Instructional column's nested list is marked in the source and "
        "kept nested.)",
        "Assessment Tool for Prioritized Competencies",
    ),
    note(
        "reflection-tool-two-of-six",
        "missing",
        ["2020:intrapersonal.1", "2020:intrapersonal.2", "2020:intrapersonal.4", "2020:cognitive.4"],
        'The Reflection Tool says "Six priority competencies from the main text are each listed in the first '
        'column" and refers to the intrapersonal competency "demonstrates a dedication to all learners," '
        "but the source copy has tables for two competencies only: Interpersonal 1 and the toolkit's "
        "Instructional 5. The other four have no reflection entry.",
        "Reflection Tool for Prioritized Competencies",
    ),
    note(
        "reflection-tool-instructional-duplicated-questions",
        "duplicated",
        ["2020:instructional.4", "2020:interpersonal.1"],
        "The reflective questions and possible look fors given for the toolkit's Instructional 5 are a "
        'word-for-word copy of those for Interpersonal 1 ("How have I contributed to a professional learning '
        'environment that supports positive risk-taking?" ... "Participation in conversations, trainings or '
        'feedback cycles related to culturally responsive teaching and trauma-informed practices"). They are '
        "kept as given.",
        "Reflection Tool for Prioritized Competencies",
    ),
    note(
        "reflection-tool-instructional-garbled-indicators",
        "garbled",
        ["2020:instructional.4.g", "2020:instructional.2.d", "2020:instructional.2.e"],
        "The Reflection Tool's indicator list for the toolkit's Instructional 5 runs on past the main text's "
        'seven indicators: item g is "Shift the dynamic from adult control to student agency in '
        'decision-making." followed by "Develop and use assessment tools that are flexible, involve students '
        'in their creation and which clearly articulate standards and criteria for meeting those standards." '
        '(main-text Instructional 2 d), and item h is Instructional 2 e ("Collect data that can help expose '
        'racial inequities..."). Kept as given; g refers to 2020:instructional.4.g and 2020:instructional.2.d, '
        "h to 2020:instructional.2.e.",
        "Reflection Tool for Prioritized Competencies",
    ),
    note(
        "reflection-tool-columns",
        "inconsistent",
        ["toolkit:reflection-tool"],
        "The directions describe the competency in the first column and the possible look fors in the "
        '"fourth column"; the source\'s tables have three columns (INDICATORS, REFLECTIVE/GUIDING QUESTIONS, '
        "POSSIBLE LOOK FORS) with the competency as a heading above.",
        "Reflection Tool for Prioritized Competencies",
    ),
    note(
        "reflection-tool-page-break",
        "editorial",
        ["toolkit:reflection-tool"],
        'A page break splits a paragraph of How to Use this Tool after "however, they aren’t the"; the two '
        "halves are joined with a space.",
        "Reflection Tool for Prioritized Competencies",
    ),
    note(
        "rubric-example-unlettered",
        "editorial",
        ["2020:instructional.2", *(f"2020:instructional.2.{c}" for c in "abcde")],
        "Figure 1 of the Directions for Setting Up a Simple Rubric lists Instructional 2's indicators without "
        "their letters; each row is resolved by its wording to 2020:instructional.2.a to .e.",
        "Directions for Setting Up a Simple Rubric",
    ),
    note(
        "in-the-field-unlabelled-boxes",
        "editorial",
        [
            "in-the-field:main-text-1",
            "in-the-field:main-text-3",
            "in-the-field:main-text-4",
            "in-the-field:main-text-5",
            "in-the-field:main-text-6",
            "in-the-field:main-text-7",
            "in-the-field:main-text-8",
        ],
        'In the main text only one box carries the label "IN THE FIELD" (Vermont, Intrapersonal Domain); '
        "the others stand, unlabelled, between a domain's lists or after the introduction. They are read as "
        "In the field examples because they are boxes of the same kind and all but Virginia's recur, "
        "labelled IN THE FIELD, in the User Guide. labelled records which ones carry the label.",
        "main text, Introduction and domains; User Guide",
    ),
    note(
        "in-the-field-copies-differ",
        "inconsistent",
        [
            "in-the-field:main-text-1",
            "in-the-field:user-guide-8",
            "in-the-field:main-text-2",
            "in-the-field:user-guide-4",
            "in-the-field:main-text-3",
            "in-the-field:user-guide-7",
            "in-the-field:main-text-4",
            "in-the-field:user-guide-6",
            "in-the-field:main-text-7",
            "in-the-field:user-guide-1",
            "in-the-field:main-text-8",
            "in-the-field:user-guide-2",
        ],
        "The User Guide's copies of main-text examples differ in wording: Arkansas \"a strong research base "
        'undergirding" (main text) and "a strong research basis undergirding" (User Guide); Vermont "as '
        'well integrating the framework into the state\'s Standards." and "as well as integrating the '
        'framework into the state\'s Standard."; Arkansas "the self-assessments for the Professional '
        'Competencies and Learner-Driven sections" and "the Professional Competencies and Learner-Driven '
        'self-assessment sections"; Altitude Learning "what they are already doing, thereby lessening any sense '
        'of overwhelm" and "what these teachers are already doing, thereby lessening potential to overwhelm", '
        'and the User Guide copies of Altitude Learning and Jefferson County are longer ("And in some Altitude '
        'Learning lab schools...", "Coaches and leaders then used the indicators..."). The 2Revolutions copies '
        "differ only in that LearnNext effort is a link in the main text; the Hartford copies are identical. "
        "Each copy is kept as printed, and copies links them.",
        "main text; User Guide",
    ),
    note(
        "respondents-students-2014",
        "missing",
        ["toolkit:respondents"],
        "The respondents table gives a dash (—) instead of a number for Students in 2014: the count is null "
        "(the table does not say whether the dash means none or not applicable). The columns, with the dash "
        "counted as nothing, sum to the printed totals (77 and 84).",
        "Appendix B, Approach to Competencies Development",
    ),
    note(
        "respondents-total-vs-text",
        "inconsistent",
        ["toolkit:respondents"],
        'The text before the table says the field survey had "only 26 responses" and that "the team '
        "interviewed another 62 respondents. Including the survey responses, the breakdown of sources is as "
        "follows\"; 26 and 62 make 88, while the table's 2019 total is 84. The table is kept as printed.",
        "Appendix B, Approach to Competencies Development",
    ),
    note(
        "centering-equity-no-questions",
        "missing",
        ["toolkit:centering-equity"],
        "The Centering Equity: Guiding Questions guide in the source has its purpose, how to use it (which "
        'refers to "several guiding questions from each topic area") and the National Equity Project '
        "definition, but no topic areas and no guiding questions: guiding_questions is null.",
        "Centering Equity: Guiding Questions",
    ),
    note(
        "centering-equity-definition-bullets",
        "editorial",
        ["toolkit:centering-equity"],
        "The guide's copy of the National Equity Project definition splits the main text's first point in "
        'two ("Ensuring equally high outcomes for all participants in our educational system" and '
        '"Removing the predictability of success or failure that currently correlates with any social, '
        'economic or cultural factor"; main text "...educational system; removing the predictability of '
        "success or failures...\"). The guide's copy is kept as printed.",
        "Centering Equity: Guiding Questions",
    ),
    note(
        "centering-equity-main-text-differences",
        "inconsistent",
        ["toolkit:centering-equity"],
        "The guide's copy of the National Equity Project definition also differs from the main text's "
        '(Cross-Cutting Themes) in its punctuation and footnote: "examining biases, and creating" (main text '
        '"examining biases and creating"), "definition of educational equity – which" (main text '
        '"definition of educational equity—which"), and its mark ¹, which refers to the guide\'s own footnote 1 '
        "(kept in footnotes; the same citation as the main text's endnote 9, whose mark is ⁹). The guide's "
        "copy is kept as printed.",
        "Centering Equity: Guiding Questions; main text, Cross-Cutting Themes",
    ),
    note(
        "assessment-tool-truncated-descriptor",
        "missing",
        ["2020:interpersonal.1"],
        "In the Assessment Tool, the third establishing descriptor of Interpersonal 1 ends in a comma "
        '("Research strategies for building self-directed learning and peer-to-peer learning, aspects of '
        'fully implemented student agency,"), as if cut short; the seeds have no other copy. Kept as printed.',
        "Assessment Tool for Prioritized Competencies",
    ),
]


def quotations(data: Json) -> list[tuple[Json, list[str]]]:
    """Every object with a ``match`` or ``resolution``, with the IDs it quotes.

    The IDs are its ``competency``, its ``refs``, its ``standard`` (as ``intasc:N``) or, for a
    standard's part-one quotation, the enclosing standard's ID.
    """
    out: list[tuple[Json, list[str]]] = []

    def walk(obj: Any, context: str | None) -> None:
        if isinstance(obj, dict):
            if str(obj.get("id", "")).startswith("intasc:"):
                context = obj["id"]
            if "match" in obj or "resolution" in obj:
                if "competency" in obj:
                    refs = [obj["competency"]]
                elif "refs" in obj:
                    refs = list(obj["refs"])
                elif "standard" in obj:
                    refs = [f"intasc:{obj['standard']}"]
                else:
                    refs = [context] if context else []
                out.append((obj, refs))
            for v in obj.values():
                walk(v, context)
        elif isinstance(obj, list):
            for v in obj:
                walk(v, context)

    walk(data, None)
    return out


def add_typographic_note(data: Json, notes: list[Json], note_id: str, section: str) -> None:
    """One editorial note listing items whose quotations differ from the main text in typography only."""
    items: list[str] = []
    for obj, refs in quotations(data):
        if obj.get("match") == "typographic":
            items.extend(r for r in refs if r not in items)
    if items:
        notes.append(
            note(
                note_id,
                "editorial",
                items,
                "These items are quoted with typographic differences only (straight or curly apostrophes and "
                "quotation marks, hyphen, en or em dashes and the spacing around them, a final period) from the "
                "main text or, for a standard, from the crosswalk's other quotation of it: their match is "
                '"typographic". The quotations are kept as printed.',
                section,
            )
        )


def check_differences_noted(data: Json) -> None:
    """Every quotation that differs in wording, or was not resolved by number and text, must be named
    by a source note (other than the typographic-differences note)."""
    noted = {i for n in data["notes"] if not n["id"].endswith("-typographic-differences") for i in n["items"]}
    missing = []
    for obj, refs in quotations(data):
        unresolved = obj.get("resolution") in ("number", "text")
        if (obj.get("match") == "different" or unresolved) and not any(r in noted for r in refs):
            missing.append((refs, obj.get("text") or obj.get("statement")))
    assert not missing, missing


# --------------------------------------------------------------------------- main


def write(name: str, data: Json) -> None:
    path = DATA / name
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def main() -> None:
    seed = Seed(SEEDS / SEED)

    cw = crosswalk(seed)
    cw["notes"] = list(CROSSWALK_NOTES)
    add_typographic_note(cw, cw["notes"], "crosswalk-typographic-differences", CW)
    check_differences_noted(cw)

    gl = glossary(seed)
    gl["notes"] = list(GLOSSARY_NOTES)
    absent = [
        f"glossary:{t['id']}"
        for t in gl["terms"]
        if any(src_[k] is None for src_ in t["sources"] for k in ("title", "author", "year", "url"))
    ]
    fields_note = next(n for n in gl["notes"] if n["id"] == "glossary-source-fields-absent")
    assert fields_note["items"] == absent, absent
    term_ids = {t["id"] for t in gl["terms"]}
    for n in gl["notes"]:
        for item in n["items"]:
            assert item == "glossary" or item.removeprefix("glossary:") in term_ids, item

    tk = toolkit(seed)
    tk["notes"] = list(TOOLKIT_NOTES)
    add_typographic_note(tk, tk["notes"], "toolkit-typographic-differences", TK)
    check_differences_noted(tk)
    ids = {f"in-the-field:{e['id']}" for e in tk["in_the_field"]}
    for n in tk["notes"]:
        for item in n["items"]:
            if item.startswith("in-the-field:"):
                assert item in ids, item

    seed_text = clean(seed.text)
    for data in (cw, gl, tk):
        for n in data["notes"]:
            for quoted in re.findall(r"\"([^\"]+)\"", n["text"]):
                for part in quoted.split("..."):
                    part = part.strip()
                    if len(part) > 12:
                        assert part in seed_text, (n["id"], part)

    write("crosswalk-2020.json", cw)
    write("glossary-2020.json", gl)
    write("toolkit-2020.json", tk)
    print(
        "crosswalk-2020.json:",
        len(cw["standards"]),
        "standards; performances",
        {s["number"]: len(s["performances"]) for s in cw["standards"]},
        f"; {len(cw['links'])} links",
    )
    print("glossary-2020.json:", len(gl["terms"]), "terms")
    print(
        "toolkit-2020.json:",
        len(tk["prioritized_competencies"]["competencies"]),
        "prioritized;",
        len(tk["implementation_levels"]),
        "levels;",
        len(tk["assessment_tool"]["competencies"]),
        "assessment entries;",
        len(tk["reflection_tool"]["entries"]),
        "reflection entries;",
        len(tk["in_the_field"]),
        "in-the-field examples",
    )
    for data in (cw, gl, tk):
        print(data["format"], "notes:", [n["id"] for n in data["notes"]])


if __name__ == "__main__":
    main()
