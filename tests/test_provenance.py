"""Every text in the packaged editions is found, word for word and in order, in the source.

The seeds (``../shared/seeds/``) are the scraped publication text. Normalising them only
as the transcription rules allow (whitespace, ``**``/``*`` markup, ``[text](#)`` links,
HTML tags, bold theme tags) must leave every packaged string as a substring. This test
does not share code with the transcription tool, so it checks it independently.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import edcompetencies as ec
from edcompetencies import Theme

SEED_FILES = {2015: "001_8daf0ca3f180402d.txt", 2020: "003_301b7d7ba3d1d927.txt"}
TAGS = re.compile(r"\*\*(?:FC|EI|SE|RL)(?: (?:FC|EI|SE|RL))*\*\*")


def normalise(text: str) -> str:
    text = TAGS.sub(" ", text)
    text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = text.replace("**", "").replace("*", "")
    return re.sub(r"\s+", " ", text)


@pytest.fixture(scope="module", params=[2015, 2020], ids=["2015", "2020"])
def pair(request: pytest.FixtureRequest, seeds: Path) -> tuple[ec.Framework, str]:
    raw = (seeds / SEED_FILES[request.param]).read_text(encoding="utf-8")
    return ec.load(request.param), normalise(raw)


def test_every_statement_and_indicator_is_in_the_source(pair: tuple[ec.Framework, str]) -> None:
    fw, source = pair
    missing = [c.id for c in fw.competencies() if c.statement not in source]
    missing += [i.id for i in fw.indicators() if i.text not in source]
    assert missing == []


def test_items_appear_in_source_order(pair: tuple[ec.Framework, str]) -> None:
    """Within each competency, the statement and then every indicator node (depth-first)
    appear in this order in the source: no indicator sits under the wrong parent."""
    fw, source = pair
    for competency in fw.competencies():
        at = source.index(competency.statement)
        for node in competency.walk():
            found = source.find(node.text, at)
            assert found > at, f"{node.id} is not found after its predecessor"
            at = found


def test_domain_texts_and_titles_are_in_the_source(pair: tuple[ec.Framework, str]) -> None:
    fw, source = pair
    texts = [fw.title]
    for d in fw.domains:
        texts += [d.name, d.tagline or "", d.description or "", d.overview or ""]
    texts += [c.title for c in fw.competencies() if c.title]
    assert [t for t in texts if t not in source] == []


def test_metadata_is_in_the_source(pair: tuple[ec.Framework, str]) -> None:
    fw, source = pair
    for text in (fw.license, fw.citation, fw.url):
        if text is not None:
            assert normalise(text) in source or text.replace("https://", "") in source


def test_theme_definitions_are_quoted_from_2020(seeds: Path) -> None:
    source = normalise((seeds / SEED_FILES[2020]).read_text(encoding="utf-8"))
    for theme in Theme:
        # the definition may join two consecutive paragraphs of the source
        for sentence in re.split(r"(?<=\.) (?=The )", theme.definition):
            assert sentence in source, theme
        assert f"{theme.label} " in source
