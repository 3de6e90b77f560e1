"""Editorial or substantive: does a change of wording change what a text says?

A change is **editorial** when the two texts say the same words once these differences are set
aside, and **substantive** otherwise:

1. punctuation, including the serial comma and a colon or semicolon for a comma;
2. typography: curly or straight quotes and apostrophes, dash style (``—``, ``–``, ``-``, ``--``),
   spaces around them, non-breaking spaces;
3. capitalisation;
4. the articles *a*, *an* and *the*;
5. number style: ``1``-``20`` and ``one``-``twenty``, ``1st``-``10th`` and ``first``-``tenth``;
6. hyphenation and compounds: ``learner-centered``, ``learner centered`` and ``learnercentered``;
7. spelling: a word that differs by one letter added, dropped, changed or swapped with its
   neighbour, when both spellings have at least six letters (``though`` -> ``through``,
   ``judgement`` -> ``judgment``); shorter words are never taken for misspellings (``form`` and
   ``from`` are different words), and a letter added or dropped at the end of a word is grammar,
   not spelling (``struggle`` -> ``struggles``).

Everything else - a word added, dropped or replaced, words reordered - is substantive.

>>> classify("Create, use, or adapt rubrics", "Create, use or adapt rubrics")
'editorial'
>>> classify("Engage in the design thinking", "Engage in design-thinking")
'editorial'
>>> classify("Use data to set goals", "Use data to set learning goals")
'substantive'
"""

import re
import unicodedata

__all__ = ["EDITORIAL", "SUBSTANTIVE", "UNCHANGED", "classify", "words"]

UNCHANGED, EDITORIAL, SUBSTANTIVE = "unchanged", "editorial", "substantive"

_TYPOGRAPHY = str.maketrans(
    dict.fromkeys("\u2018\u2019", "'")
    | dict.fromkeys("\u201c\u201d", '"')
    | dict.fromkeys("\u2013\u2014\u2012\u2212\u00a0", " ")
    | dict.fromkeys("\u2011\u2010", "-")
)
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_ARTICLES = frozenset({"a", "an", "the"})
_NUMBERS = {
    word: str(n)
    for n, word in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        ]
    )
}
_ORDINALS = {
    word: f"{n}{suffix}"
    for n, (word, suffix) in enumerate(
        zip(
            ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"],
            ["st", "nd", "rd"] + ["th"] * 7,
            strict=True,
        ),
        start=1,
    )
}


def words(text: str) -> tuple[str, ...]:
    """The words that carry meaning: case-folded, typography and punctuation gone, articles dropped,
    numbers as digits. Hyphenated words stay joined (``learner-centered`` -> ``learnercentered``)."""
    text = unicodedata.normalize("NFKC", text).translate(_TYPOGRAPHY).casefold()
    text = re.sub(r"(?<=\w)-(?=\w)", "", text)  # a hyphen inside a word joins it
    out = []
    for w in _WORD.findall(text):
        w = w.replace("'", "")
        if w in _ARTICLES:
            continue
        out.append(_NUMBERS.get(w) or _ORDINALS.get(w) or w)
    return tuple(out)


def _one_edit(a: str, b: str) -> bool:
    """*a* and *b* differ by one letter inserted, deleted, replaced or two neighbours swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        if len(diff) == 1:
            return True
        return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
    short, long = (a, b) if len(a) < len(b) else (b, a)
    i = next((k for k, (x, y) in enumerate(zip(short, long, strict=False)) if x != y), len(short))
    # a letter added at the end is grammar (struggle -> struggles, engage -> engaged), not spelling
    return i < len(short) and short[i:] == long[i + 1 :]


def _same_words(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    if len(a) != len(b):
        return False
    return all(x == y or (min(len(x), len(y)) >= 6 and _one_edit(x, y)) for x, y in zip(a, b, strict=True))


def classify(old: str, new: str) -> str:
    """``"unchanged"`` (the same text), ``"editorial"`` or ``"substantive"`` (see the module's rule)."""
    if old == new:
        return UNCHANGED
    a, b = words(old), words(new)
    if _same_words(a, b):
        return EDITORIAL
    # compounds written apart in one text and joined in the other: "learner centered" / "learnercentered"
    if "".join(a) == "".join(b):
        return EDITORIAL
    return SUBSTANTIVE
