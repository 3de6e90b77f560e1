"""Word forms shared by search and the glossary: a light English singular and plural.

Enough to match "learner" with "learners" and "strategy" with "strategies", never more
(no stemming: "learning" stays "learning").
"""

from __future__ import annotations

__all__ = ["plural", "singular"]


def singular(word: str) -> str:
    """The singular of a lowercase English word, or the word itself.

    >>> [singular(w) for w in ("strategies", "approaches", "learners", "process", "status", "analysis")]
    ['strategy', 'approach', 'learner', 'process', 'status', 'analysis']
    """
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("sses", "shes", "ches", "xes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def plural(word: str) -> str:
    """The plural of a lowercase English singular.

    >>> [plural(w) for w in ("strategy", "approach", "learner", "day")]
    ['strategies', 'approaches', 'learners', 'days']
    """
    if len(word) > 2 and word.endswith("y") and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    return word + "s"
