"""Transcribe the 2015 and 2020 editions from ``../shared/seeds/`` into packaged JSON.

This is a maintainer tool, not part of the library. It records *how* the packaged
data was derived from the scraped publication text, so the derivation can be
re-run and reviewed. It only:

* normalises whitespace and strips scrape markup (``**bold**``, ``*italic*``,
  ``[text](#)``, HTML tags),
* reads the bold theme tags (``**EI SE RL**``) into the ``themes`` field,
* supplies the 2020 indicator letters the scrape dropped (the publication letters
  indicators a, b, c ... in order), recording each such item in a source note.

Curated metadata and source notes live in this file as literals; every text they
quote must still be found in the seeds (``tests/test_provenance.py`` checks that).

Usage::

    python tools/transcribe_editions.py [SEEDS_DIR]
"""

from __future__ import annotations

import json
import re
import string
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "edcompetencies" / "data"
SEEDS = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "seeds"

SEED_2015 = "001_8daf0ca3f180402d.txt"
SEED_2015_OVERVIEW = "000_2020076ada269fb4.txt"
SEED_2020 = "003_301b7d7ba3d1d927.txt"

THEME_CODES = ("FC", "EI", "SE", "RL")
TAG_RE = re.compile(r"\*\*((?:FC|EI|SE|RL)(?:\s+(?:FC|EI|SE|RL))*)\*\*")
ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x")


def clean(text: str) -> str:
    """Strip scrape markup and normalise whitespace; keep every other character."""
    text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = text.replace("**", "")
    text = re.sub(r"(?<![\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?![\w*])", r"\1", text)
    return re.sub(r"\s+", " ", text).strip()


def split_tags(text: str) -> tuple[str, list[str]]:
    """Remove bold theme tags from *text* and return (clean text, tags in order)."""
    tags: list[str] = []
    for match in TAG_RE.finditer(text):
        for code in match.group(1).split():
            if code not in tags:
                tags.append(code)
    stripped = TAG_RE.sub(" ", text)
    stripped = clean(stripped)
    return stripped, sorted(tags, key=THEME_CODES.index)


# --------------------------------------------------------------------------- 2015


def transcribe_2015() -> dict[str, Any]:
    lines = (SEEDS / SEED_2015).read_text(encoding="utf-8").splitlines()
    domain_re = re.compile(r"^(Cognitive|Instructional|Interpersonal|Intrapersonal): (Need to \w+)$")
    domains: dict[str, dict[str, Any]] = {}
    current: dict[str, Any] | None = None
    titles: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        m = domain_re.match(line)
        if m:
            name, tagline = m.groups()
            j = i + 1
            while not lines[j].strip():
                j += 1
            description = lines[j].strip()
            assert description.endswith(" View all domains."), description
            description = description[: -len(" View all domains.")]
            current = {
                "key": name.lower(),
                "name": name,
                "tagline": tagline,
                "overview": None,
                "description": clean(description),
                "competencies": [],
            }
            domains[current["key"]] = current
            # the title list: "Explore x competencies", "x background", then titles
            k = j + 1
            while not lines[k].startswith("Explore "):
                k += 1
            k += 2  # skip "Explore ..." and "... background"
            titles = []
            while lines[k].strip():
                titles.append(lines[k].strip())
                k += 1
            i = k
            continue
        if line.strip() == "Explore Indicators":
            assert current is not None
            s = i - 1
            while not lines[s].strip():
                s -= 1
            statement = clean(lines[s])
            title = None
            if s >= 2 and not lines[s - 1].strip() and lines[s - 2].strip() in titles:
                title = lines[s - 2].strip()
            number = len(current["competencies"]) + 1
            indicators: list[dict[str, Any]] = []
            k = i + 1
            while k < len(lines) and re.match(r"^ {2,}\d+\. ", lines[k]):
                raw = lines[k]
                indent = len(raw) - len(raw.lstrip(" "))
                label, text = re.match(r"^\s*(\d+)\. (.*)$", raw).groups()  # type: ignore[union-attr]
                item = {"label": label, "text": clean(text), "themes": [], "children": []}
                if indent == 2:
                    indicators.append(item)
                else:
                    assert indent == 4, raw
                    indicators[-1]["children"].append(item)
                k += 1
            current["competencies"].append(
                {
                    "number": number,
                    "title": title,
                    "statement": statement,
                    "themes": [],
                    "indicators": indicators,
                }
            )
            i = k
            continue
        i += 1
    # The publication's own order (overview page): Cognitive, Intrapersonal,
    # Interpersonal, Instructional; the web page lists them in another order.
    order = ["cognitive", "intrapersonal", "interpersonal", "instructional"]
    return {
        "format": "edcompetencies/edition",
        "format_version": 1,
        "edition": 2015,
        "title": "Educator Competencies for Personalized, Learner-Centered Teaching",
        "publishers": ["Council of Chief State School Officers", "Jobs for the Future"],
        "year": 2015,
        "license": None,
        "citation": None,
        "url": None,
        "source": (
            "Students at the Center Hub web pages of the 2015 edition: the Educator Competencies "
            "overview page and the competencies page (seeds "
            f"{SEED_2015_OVERVIEW} and {SEED_2015})"
        ),
        "domains": [domains[k] for k in order],
        "notes": NOTES_2015,
    }


NOTES_2015: list[dict[str, Any]] = [
    {
        "id": "2015-untitled-instructional",
        "kind": "missing",
        "items": [
            "2015:instructional.1",
            "2015:instructional.3",
            "2015:instructional.7",
            "2015:instructional.8",
        ],
        "text": (
            "The web copy gives these four Instructional competencies no short title: the "
            "domain's title list names only Assessment and Data, Student Agency, Anytime, "
            "Anywhere and Project-based Learning. Their title is None; no title is invented."
        ),
        "source": SEED_2015,
    },
    {
        "id": "2015-domain-order",
        "kind": "inconsistent",
        "items": [
            "2015:cognitive",
            "2015:intrapersonal",
            "2015:interpersonal",
            "2015:instructional",
        ],
        "text": (
            "The competencies web page lists the domains Cognitive, Instructional, "
            "Interpersonal, Intrapersonal; the overview page says the Competencies are "
            "organized into four domains—Cognitive, Intrapersonal, Interpersonal, and "
            "Instructional. The library follows the publication's order."
        ),
        "source": f"{SEED_2015}; {SEED_2015_OVERVIEW}",
    },
    {
        "id": "2015-no-license-or-citation",
        "kind": "missing",
        "items": ["2015"],
        "text": (
            "The 2015 web copy carries no license statement, suggested citation or publication "
            "URL: license, citation and url are None. (The 2020 edition is licensed CC BY 3.0 US.)"
        ),
        "source": f"{SEED_2015_OVERVIEW}; {SEED_2015}",
    },
    {
        "id": "2015-no-overview-blurbs",
        "kind": "missing",
        "items": [
            "2015:cognitive",
            "2015:intrapersonal",
            "2015:interpersonal",
            "2015:instructional",
        ],
        "text": (
            "The 2015 web copy has one description per domain and no separate overview "
            "paragraph: each domain's overview is None. The trailing navigation link "
            '"View all domains." is page chrome and is not part of the description.'
        ),
        "source": SEED_2015,
    },
    {
        "id": "2015-typographical-slips",
        "kind": "editorial",
        "items": [
            "2015:intrapersonal.5.3",
            "2015:intrapersonal.3.4",
            "2015:instructional.1.2",
            "2015:cognitive.2.1.3",
        ],
        "text": (
            'The web copy\'s own slips are kept as printed, not corrected: "though behaviors" '
            '(Intrapersonal 5.3), "and helps students" (Intrapersonal 3.4), "application of '
            'learning goal" (Instructional 1.2; 2020 has "learning goals") and "real- world" '
            "(Cognitive 2.1.3)."
        ),
        "source": SEED_2015,
    },
    {
        "id": "2015-appendices-missing",
        "kind": "missing",
        "items": ["2015"],
        "text": (
            "The overview page refers to appendices (A glossary, B methodology, C frameworks, "
            "D crosswalk with the InTASC standards) that the source copy does not include."
        ),
        "source": SEED_2015_OVERVIEW,
    },
]


# --------------------------------------------------------------------------- 2020


def transcribe_2020() -> tuple[dict[str, Any], list[str]]:
    lines = (SEEDS / SEED_2020).read_text(encoding="utf-8").splitlines()
    overview_re = re.compile(r"^(INTRAPERSONAL|INTERPERSONAL|COGNITIVE|INSTRUCTIONAL) DOMAIN \((Need to \w+)\)$")
    overviews: dict[str, tuple[str, str]] = {}
    for n, line in enumerate(lines):
        m = overview_re.match(line)
        if m:
            overviews[m.group(1).lower()] = (m.group(2), clean(lines[n + 1]))
    start = lines.index("INTRAPERSONAL DOMAIN")
    end = lines.index("Acknowledgements")
    domain_re = re.compile(r"^(INTRAPERSONAL|INTERPERSONAL|COGNITIVE|INSTRUCTIONAL) DOMAIN$")
    comp_re = re.compile(r"^(?:- )?(\d+)(?:\*\*)? (.+)$")
    ind_re = re.compile(r"^- (?:([a-z])\. )?(.+)$")
    sub_re = re.compile(r"^ - ([ivx]+)\. (.+)$")
    domains: list[dict[str, Any]] = []
    unlettered: list[str] = []
    in_list = False
    current_comp: dict[str, Any] | None = None
    for n in range(start, end):
        line = lines[n]
        m = domain_re.match(line)
        if m:
            key = m.group(1).lower()
            j = n + 1
            while not lines[j].strip():
                j += 1
            tagline, overview = overviews[key]
            domains.append(
                {
                    "key": key,
                    "name": key.capitalize(),
                    "tagline": tagline,
                    "overview": overview,
                    "description": clean(lines[j]),
                    "competencies": [],
                }
            )
            in_list = False
            continue
        if line.startswith("Effective educators in a personalized, learner-centered setting will:"):
            in_list = True
            continue
        if not in_list or not line.strip():
            continue
        if line.startswith(("INDICATORS:", "THEMES:")):
            continue
        m = comp_re.match(line)
        if m:
            text, tags = split_tags(m.group(2))
            current_comp = {
                "number": int(m.group(1)),
                "title": None,
                "statement": text,
                "themes": tags,
                "indicators": [],
            }
            assert current_comp["number"] == len(domains[-1]["competencies"]) + 1, line
            domains[-1]["competencies"].append(current_comp)
            continue
        m = sub_re.match(line)
        if m:
            assert current_comp is not None
            parent = current_comp["indicators"][-1]
            expected = ROMAN[len(parent["children"])]
            assert m.group(1) == expected, (line, expected)
            text, tags = split_tags(m.group(2))
            parent["children"].append({"label": m.group(1), "text": text, "themes": tags, "children": []})
            continue
        m = ind_re.match(line)
        if m:
            assert current_comp is not None
            expected = string.ascii_lowercase[len(current_comp["indicators"])]
            label = m.group(1)
            if label is None:
                label = expected
                unlettered.append(f"2020:{domains[-1]['key']}.{current_comp['number']}.{label}")
            assert label == expected, (line, expected)
            text, tags = split_tags(m.group(2))
            current_comp["indicators"].append({"label": label, "text": text, "themes": tags, "children": []})
            continue
        # anything else inside the list is an "In the field" box or page furniture
    edition = {
        "format": "edcompetencies/edition",
        "format_version": 1,
        "edition": 2020,
        "title": "Educator Competencies for Personalized, Learner-Centered Environments",
        "publishers": ["KnowledgeWorks", "Council of Chief State School Officers"],
        "year": 2020,
        "license": "Creative Commons Attribution 3.0 United States License",
        "citation": (
            "KnowledgeWorks and the Council of Chief State School Officers (2020). Educator "
            "Competencies for Personalized, Learner-Centered Teaching: Revised 2020. "
            "Cincinnati, OH: KnowledgeWorks."
        ),
        "url": "https://studentsatthecenterhub.org/ed-comps",
        "source": (
            "Educator Competencies for Personalized, Learner-Centered Environments, 2020 "
            f"edition with toolkit, full text (seed {SEED_2020})"
        ),
        "domains": domains,
        "notes": notes_2020(unlettered),
    }
    return edition, unlettered


def notes_2020(unlettered: list[str]) -> list[dict[str, Any]]:
    return [
        {
            "id": "2020-unlettered-indicators",
            "kind": "missing",
            "items": unlettered,
            "text": (
                "The scraped text gives these indicators without their letters. Every other 2020 "
                "indicator list in the main text is lettered a, b, c ... in order, so the letters are "
                "supplied in that order; the wording is unchanged. No copy in the source (the toolkit "
                "included) shows the letters of these particular indicators."
            ),
            "source": SEED_2020,
        },
        {
            "id": "2020-citation-title",
            "kind": "inconsistent",
            "items": ["2020"],
            "text": (
                'The suggested citation names the work "Educator Competencies for Personalized, '
                'Learner-Centered Teaching: Revised 2020", while the title page and license '
                'statement call it "Educator Competencies for Personalized, Learner-Centered '
                'Environments". The citation is kept as printed; the title follows the title page.'
            ),
            "source": SEED_2020,
        },
        {
            "id": "2020-midsentence-tag",
            "kind": "editorial",
            "items": ["2020:cognitive.3.e.i"],
            "text": (
                'The theme tag EI stands mid-sentence ("... implicit biases; EI and"); it is read '
                'as the indicator\'s tag and removed from the text, which keeps the words "; and".'
            ),
            "source": SEED_2020,
        },
        {
            "id": "2020-split-by-page-furniture",
            "kind": "editorial",
            "items": ["2020:instructional.2", "2020:instructional.4"],
            "text": (
                "The indicator lists of these competencies are interrupted in the source by a page "
                'footer (the THEMES key) and, for Instructional 4, by an "In the field" box; the '
                "indicators on both sides belong to the same competency."
            ),
            "source": SEED_2020,
        },
        {
            "id": "2020-typographical-slips",
            "kind": "editorial",
            "items": ["2020:instructional", "2020:intrapersonal", "2020:interpersonal.3.b"],
            "text": (
                "Kept as printed, not corrected: the Instructional domain description reads "
                '"include the what educators need to do"; the Intrapersonal description says '
                'educators "need to reflect" and, later, "need to process" (the 2015 tagline); '
                'Interpersonal 3.b reads "planning and connections counseling" where the 2015 '
                'text (Interpersonal 3.2) has "planning, and connections to graduation counseling".'
            ),
            "source": SEED_2020,
        },
        {
            "id": "2020-no-short-titles",
            "kind": "missing",
            "items": ["2020"],
            "text": (
                "The 2020 edition gives its competencies no short titles (the 2015 web copy did): "
                "every 2020 competency's title is None."
            ),
            "source": SEED_2020,
        },
        {
            "id": "2020-contents-appendix-d",
            "kind": "missing",
            "items": ["2020"],
            "text": (
                'The contents list an appendix "D: References" (page 33), but the publication has no '
                "Appendix D: Appendix C, Framework Sources, is followed by the toolkit. No references "
                "appendix is supplied."
            ),
            "source": SEED_2020,
        },
    ]


def main() -> None:
    e2015 = transcribe_2015()
    e2020, unlettered = transcribe_2020()
    sys.path.insert(0, str(ROOT / "src"))
    from edcompetencies import dumps
    from edcompetencies._format import from_data

    for edition in (e2015, e2020):
        path = DATA / f"edition-{edition['edition']}.json"
        # validated and written in the canonical form (with IDs) by the library itself
        framework = from_data(json.loads(json.dumps(edition)), source=path.name)
        path.write_text(dumps(framework), encoding="utf-8")
        comps = sum(len(d["competencies"]) for d in edition["domains"])
        print(
            f"{path.name}: {comps} competencies; per domain:",
            {d["key"]: len(d["competencies"]) for d in edition["domains"]},
        )
    print(f"2020 indicators without letters in the scrape: {len(unlettered)}")


if __name__ == "__main__":
    main()
