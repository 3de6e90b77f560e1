"""Hypothesis strategies for frameworks in the model's shape (not only the two editions)."""

from __future__ import annotations

import string

from hypothesis import strategies as st

from edcompetencies import Competency, Domain, Framework, Indicator, NoteKind, SourceNote, Theme
from edcompetencies._rules import text_problem

# Text as a publication might have it: any printable characters, including quotes,
# dashes, `<`, `&` and non-ASCII, never empty or blank.
texts = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs", "Cc"),
        # the bidi embeddings, overrides and isolates the readers refuse (_rules.text_problem)
        blacklist_characters="\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069",
    ),
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


# --- hostile strings
# Shared by every reader's fuzz test (framework JSON, lineage, toolkit files, CASE, the CLI's
# arguments): what a hostile or careless file holds. Each reader must answer these with its
# own documented error (or accept them where they are fine), never a bare ValueError,
# TypeError, KeyError, RecursionError or a crash in a later UTF-8 write.

CONTROL_CHARACTERS = tuple(chr(c) for c in (*range(0x00, 0x09), *range(0x0B, 0x20), 0x7F))
"""C0 controls but tab and newline (ESC, BEL, CR, NUL ...), and DEL."""
C1_CONTROLS = tuple(chr(c) for c in range(0x80, 0xA0))
BIDI_CONTROLS = ("\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069")
LONE_SURROGATES = ("\ud800", "\udbff", "\udc00", "\udfff")
FORBIDDEN_CHARACTERS = CONTROL_CHARACTERS + C1_CONTROLS + BIDI_CONTROLS + LONE_SURROGATES
"""Every character ``_rules.text_problem`` refuses in text (one of each kind at least)."""
UNICODE_DIGITS = ("²", "٢٠٢٠", "1¹", "２０２０", "߂߀", "①", "2⁰20")
"""Strings ``str.isdigit()`` or ``int()`` accept that are not ASCII numbers."""
HUGE_DIGITS = ("9" * 10, "9" * 4301, "9" * 5000)
"""Digit strings over ``_rules.MAX_DIGITS`` and over Python's int() limit (4,300 digits)."""

forbidden_characters = st.sampled_from(FORBIDDEN_CHARACTERS)

# A plausible string with one forbidden character spliced in somewhere.
strings_with_forbidden_characters = st.tuples(
    st.text(string.ascii_letters + " .", max_size=6), forbidden_characters, st.text(string.ascii_letters, max_size=6)
).map("".join)

# Near-misses of IDs, keys, labels and numbers: a trailing newline, Unicode digits, huge digit strings.
hostile_names = st.one_of(
    st.sampled_from(UNICODE_DIGITS + HUGE_DIGITS),
    st.tuples(
        st.sampled_from(["2020", "cog", "cognitive.1", "a", "4", "intasc:4", "2020:cognitive.1.a", "glossary"]),
        st.sampled_from(["\n", "\r\n", " \n", "\x00", "\u202e", "\ud800"]),
    ).map("".join),
)

hostile_strings = st.one_of(
    strings_with_forbidden_characters,
    hostile_names,
    st.sampled_from(["", " ", "\n", "\t", "-1", "0", "../2020", "2020:", ":", "$", "\ufeff2020"]),
    st.text(max_size=12),  # anything at all, surrogates and controls included
)
"""Strings a reader must handle: controls, C1, bidi, lone surrogates, Unicode/huge digits, trailing newlines."""

# JSON-ready values with hostile strings as leaves and keys (json.dumps writes lone surrogates
# as \\ud800 escapes, which json.loads turns back into lone surrogates).
hostile_json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**12), max_value=10**12)
    | st.floats(allow_nan=False)
    | hostile_strings,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(hostile_strings, children, max_size=3),
    max_leaves=10,
)

HUGE_INTEGER_LITERAL = "9" * 5000
"""A JSON integer json.loads refuses with a bare ValueError (over 4,300 digits); write it into JSON text by hand."""


# --- CASE
# Hostile strings for the CASE reader's fuzz tests (issue 11): control characters, lone
# surrogates, bidi controls, Unicode digits, huge numbers, trailing newlines. The helper
# strategies of the framework reader may replace these once merged; these are what CASE needs.

case_hostile_fragments = st.sampled_from(
    [
        "\x00",
        "\x07",
        "\x08",
        "\x0c",
        "\x1b[2J",
        "\r",
        "\r\n",
        "\n",
        "\t",
        "\x7f",
        "\x9b",
        "\u202e",
        "\u2066",
        "\ud800",
        "\udfff",
        "²",
        "1¹",
        "٢٠٢٠",
        "\u0662",
        "9" * 5000,
        "0" * 12,
        "2020",
        "a.",
        "(ii)",
        " ",
        "\ufeff",
    ]
)
case_hostile_texts = st.lists(case_hostile_fragments | st.text(max_size=4), min_size=1, max_size=4).map("".join)
"""Strings built of hostile fragments and a little ordinary text."""


case_texts = texts.filter(lambda s: text_problem(s) is None)
"""Publication text the readers accept (``texts`` may hold bidi controls, which are refused)."""


def case_nested(depth: int) -> object:
    """A JSON value nested *depth* arrays deep (deeper than the interpreter's recursion limit if asked)."""
    value: object = "bottom"
    for _ in range(depth):
        value = [value]
    return value


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
