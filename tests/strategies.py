"""Hypothesis strategies for frameworks in the model's shape (not only the two editions)."""

from __future__ import annotations

import string

from hypothesis import strategies as st

from edcompetencies import Competency, Domain, Framework, Indicator, NoteKind, SourceNote, Theme

# Text as a publication might have it: any printable characters, including quotes,
# dashes, `<`, `&` and non-ASCII, never empty or blank.
texts = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")),
    min_size=1,
    max_size=60,
).filter(lambda s: s.strip() != "")

words = st.lists(
    st.sampled_from(
        [
            "the",
            "learners",
            "educators",
            "build",
            "use",
            "data",
            "equity",
            "practice",
            "learning",
            "support",
            "each",
            "student",
            "and",
            "of",
            "to",
            "in",
            "with",
            "for",
            "feedback",
            "mastery",
            "competencies",
            "reflect,",
            "design;",
            "“voice”",
            "—",
        ]
    ),
    min_size=1,
    max_size=14,
).map(" ".join)

editions = st.one_of(
    st.integers(min_value=0, max_value=9999),
    st.from_regex(r"\A[A-Za-z0-9][A-Za-z0-9_.\-]{0,12}\Z"),
)
labels = st.text(alphabet=string.ascii_lowercase + string.digits, min_size=1, max_size=4)
domain_keys = st.from_regex(r"\A[a-z][a-z0-9_\-]{0,10}\Z")
indicator_themes = st.frozensets(st.sampled_from([Theme.EI, Theme.SE, Theme.RL]))
competency_themes = st.frozensets(st.sampled_from(list(Theme)))


@st.composite
def indicator_lists(draw: st.DrawFn, parent_id: str, depth: int, text: st.SearchStrategy[str]) -> tuple[Indicator, ...]:
    chosen = draw(st.lists(labels, unique=True, max_size=4 if depth == 1 else 3))
    out = []
    for label in chosen:
        item_id = f"{parent_id}.{label}"
        children = draw(indicator_lists(item_id, depth + 1, text)) if depth < 2 else ()
        out.append(
            Indicator(
                id=item_id,
                label=label,
                text=draw(text),
                themes=draw(indicator_themes),
                children=children,
            )
        )
    return tuple(out)


@st.composite
def frameworks(draw: st.DrawFn, text: st.SearchStrategy[str] = texts, max_domains: int = 4) -> Framework:
    """A valid framework with consistent IDs, random shape and random text."""
    edition = draw(editions)
    keys = draw(st.lists(domain_keys, unique=True, min_size=1, max_size=max_domains))
    domains = []
    for key in keys:
        domain_id = f"{edition}:{key}"
        numbers = draw(st.lists(st.integers(min_value=1, max_value=40), unique=True, max_size=4))
        competencies = []
        for number in numbers:
            comp_id = f"{domain_id}.{number}"
            competencies.append(
                Competency(
                    id=comp_id,
                    number=number,
                    statement=draw(text),
                    title=draw(st.none() | text),
                    themes=draw(competency_themes),
                    indicators=draw(indicator_lists(comp_id, 1, text)),
                )
            )
        domains.append(
            Domain(
                id=domain_id,
                key=key,
                name=draw(text),
                tagline=draw(st.none() | text),
                description=draw(st.none() | text),
                overview=draw(st.none() | text),
                competencies=tuple(competencies),
            )
        )
    draft = Framework(edition=edition, title=draw(text), domains=tuple(domains))
    ids = [*draft.ids(), str(edition)]
    notes = tuple(
        SourceNote(
            id=f"note-{n}",
            kind=draw(st.sampled_from(list(NoteKind))),
            items=tuple(draw(st.lists(st.sampled_from(ids), min_size=1, max_size=3))),
            text=draw(text),
            source=draw(st.none() | text),
        )
        for n in range(draw(st.integers(min_value=0, max_value=2)))
    )
    return Framework(
        edition=edition,
        title=draft.title,
        domains=draft.domains,
        publishers=tuple(draw(st.lists(text, max_size=2))),
        year=draw(st.none() | st.integers(min_value=1900, max_value=2100)),
        license=draw(st.none() | text),
        citation=draw(st.none() | text),
        url=draw(st.none() | text),
        source=draw(st.none() | text),
        notes=notes,
    )


# Arbitrary JSON-like values, for feeding the reader garbage.
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20,
)

# Long texts for the word redline: 80 to 400 words, many repeated, some rare, with punctuation
# and odd whitespace, so that both the anchors and the windows of diff._wordops are exercised.
long_texts = st.lists(
    st.one_of(
        st.sampled_from(["the", "learners", "data", "and", "of", "support", "equity", "—", ",", "“voice”"]),
        st.from_regex(r"\A[a-z]{1,3}[0-9]{0,2}\Z"),
    ),
    min_size=80,
    max_size=400,
).flatmap(
    lambda ws: st.lists(st.sampled_from([" ", " ", " ", "  ", "\n", ", "]), min_size=len(ws), max_size=len(ws)).map(
        lambda seps: "".join(w + s for w, s in zip(ws, seps, strict=True))
    )
)


@st.composite
def hand_built_frameworks(draw: st.DrawFn, edition: str) -> Framework:
    """A framework built with the constructors, whose IDs need not follow the tree (no reader checked them).

    At most 40 nodes: 1 domain, 3 competencies, each with 3 indicators of 3 sub-indicators.
    """
    ids = iter(
        draw(
            st.lists(
                st.from_regex(rf"\A{edition}:[a-z]{{1,3}}(\.[a-z0-9]{{1,2}}){{0,3}}\Z"),
                min_size=40,
                max_size=40,
                unique=True,
            )
        )
    )
    text = st.sampled_from(["Use data.", "Use data well.", "Reflect on equity.", "Build trust", "—"])

    def indicators(depth: int) -> list[Indicator]:
        count = draw(st.integers(0, 3 if depth < 3 else 0))
        return [Indicator(next(ids), "a", draw(text), children=indicators(depth + 1)) for _ in range(count)]

    competencies = [
        Competency(next(ids), n + 1, draw(text), None, (), indicators(1)) for n in range(draw(st.integers(1, 3)))
    ]
    return Framework(edition, "T", [Domain(next(ids), "d", "D", competencies)])
