"""The automatic alignment: which items of two frameworks correspond, from text and structure.

Word features (content words and word pairs) go into an inverted index, so an item is only
ever scored against its best-voted candidates, never against every item of the other side;
then identical texts pair, confident one-to-one matches are taken greedily, competencies
follow their indicators, and merges and splits attach free items to matched ones. Every rule
treats the two sides alike, so ``compare(b, a)`` finds the pairs of ``compare(a, b)``.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from .._model import Competency, Domain, Framework, Indicator
from ._wordops import normalise_words

__all__ = ["DOMAIN_FIELDS", "Node", "auto_pairs", "domain_pairs", "identifier", "text_of"]

Node = Domain | Competency | Indicator

DOMAIN_FIELDS = ("tagline", "description", "overview")
"""A domain's texts compared beside its name (the name is its main text, see :func:`text_of`)."""


def text_of(node: Node) -> str:
    """An item's main text: a domain's name, a competency's statement, an indicator's text."""
    return node.name if isinstance(node, Domain) else node.text


def _aligned_text(node: Node) -> str:
    """The words an item is aligned by: its main text, and for a domain its other texts too."""
    if isinstance(node, Domain):
        return "\n".join(t for t in (node.name, *(getattr(node, f) for f in DOMAIN_FIELDS)) if t)
    return node.text


def identifier(node: Node) -> str | None:
    """The publisher's identifier of an item (a CASE ``identifier`` in its metadata), or None."""
    if not node.metadata:
        return None
    value = node.metadata.get("identifier")
    return value if isinstance(value, str) and value else None


_STOP = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "both",
        "by",
        "for",
        "from",
        "in",
        "into",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "that",
        "the",
        "their",
        "them",
        "these",
        "they",
        "this",
        "to",
        "via",
        "when",
        "which",
        "while",
        "who",
        "with",
        "will",
        "own",
        "one",
        "each",
        "such",
    ]
)


class _Side:
    """The items of one framework at one level, with their word features."""

    def __init__(self, items: Sequence[Node], text: Callable[[Node], str] = text_of) -> None:
        self.items = list(items)
        self.texts = [text(i) for i in self.items]
        self.words = [normalise_words(t) for t in self.texts]
        # tuples of distinct words and features, not sets (every use sorts, counts or intersects
        # them): 2.5 kB less an item, 500 MB at 100,000 items, and a little less time
        self.content = [tuple(frozenset(ws).difference(_STOP) or frozenset(ws)) for ws in self.words]
        self.features = [
            tuple(frozenset(map(" ".join, itertools.pairwise(ws))).union(content))
            for ws, content in zip(self.words, self.content, strict=True)
        ]


TieKey = tuple[float, int, int, int]


def _tie_key(score: float, i: int, j: int) -> TieKey:
    """Sort key for greedy matching that is the same whichever side is called old.

    Scores are rounded so that float summation order cannot break a tie one way and not
    the other; among equal scores, pairs nearer the start of both documents come first.
    Two pairs that still tie share no item, so their order cannot change the result.
    """
    return (-round(score, 9), i + j, min(i, j), max(i, j))


Taken = dict[int, list[int]]  # the aligned items of one side: index -> the indexes of its partners
Pair = tuple[int, int]  # (old index, new index)
Scores = dict[Pair, tuple[float, float, float]]


def _postings(features: list[tuple[str, ...]], wanted: set[str]) -> dict[str, list[int]]:
    """The items (in order) that have each of the *wanted* features."""
    postings: dict[str, list[int]] = defaultdict(list)
    for n, found in enumerate(map(wanted.intersection, features)):
        for f in found:
            postings[f].append(n)
    return postings


def _voting(feats: tuple[str, ...], common: set[str]) -> list[str]:
    """The features of an item that are not too common to vote."""
    return [f for f in feats if f not in common]


def _best(votes: dict[int, int], count: int) -> list[int]:
    """The *count* items with the most votes, the first item first among equals."""
    size = len(votes) and max(votes) + 1
    return [key % size for key in sorted([m - v * size for m, v in votes.items()])[:count]]  # sorts so as numbers


class _Aligner:
    """Finds the pairs of one level: one-to-one first, then merges and splits.

    Everything here treats the two sides alike (candidates are drawn from both sides,
    ties are broken symmetrically), so comparing new with old finds the same pairs as
    comparing old with new.

    Only pairs with a free item are ever read (a one-to-one match joins two free items, a
    merge or a split joins a free one covered by at least *cover* to a taken one, and an item
    once taken stays taken), so the candidates are found and scored when the pairs are first
    asked for, around the items free then: two versions of a framework that keep their
    identifiers leave a few hundred items free among 100,000, and scoring the pairs of the
    others was most of the time. A level without merges and splits has no *cover* (infinite).
    """

    MAX_DF = 40  # a feature in more items than this is too common to find candidates with
    VOTE_BUDGET = 60  # postings an item reads when voting, rarest features first
    CANDIDATES = 12
    RARE = 6  # an item's rarest features whose pairs find candidates when single features are too common

    def __init__(
        self, old: Sequence[Node], new: Sequence[Node], text: Callable[[Node], str] = text_of, cover: float = math.inf
    ) -> None:
        self.a, self.b = _Side(old, text), _Side(new, text)
        self.cover = cover
        df = Counter(itertools.chain.from_iterable(itertools.chain(self.a.content, self.b.content)))
        n = len(self.a.items) + len(self.b.items) + 1
        self.weight = {w: (math.log(n / c) + 1.0) ** 2 for w, c in df.items()}  # idf squared
        self.mass_a: dict[int, float] = {}
        self.mass_b: dict[int, float] = {}
        self._scores: Scores | None = None

    def scores(self, taken_a: Taken, taken_b: Taken) -> Scores:
        """The scored candidate pairs (found around the items free when first asked for)."""
        if self._scores is None:
            self._scores = {(i, j): self._score(i, j) for i, j in self._candidates(taken_a, taken_b)}
        return self._scores

    def _candidates(self, taken_a: Taken, taken_b: Taken) -> set[tuple[int, int]]:
        """Each item's best-voted candidates on the other side (from both sides), where one of the two is free.

        A taken item can have a free one among its candidates only if the two share a feature
        that votes, so the postings of the free items' features find the taken items to look
        at, and only those that cover enough of a free one for a merge or a split are looked at.
        """
        fa, fb = self.a.features, self.b.features
        free_a = [n for n in range(len(fa)) if n not in taken_a]
        free_b = [n for n in range(len(fb)) if n not in taken_b]
        if not free_a and not free_b:
            return set()
        df = Counter(itertools.chain.from_iterable(itertools.chain(fa, fb)))
        common = {f for f, count in df.items() if count > self.MAX_DF}  # too common to vote
        voting_a = set().union(*(fa[n] for n in free_a)) - common  # what the free items vote with
        voting_b = set().union(*(fb[n] for n in free_b)) - common
        wanted = voting_a | voting_b
        postings_a, postings_b = _postings(fa, wanted), _postings(fb, wanted)
        near_a, near_b = set(free_a), set(free_b)  # the items whose candidates are looked for
        for m in free_b:  # a taken old item split into a free new one
            for f in _voting(fb[m], common):
                near_a.update(n for n in postings_a.get(f, ()) if n not in near_a and self._covers(n, m, 2))
        for n in free_a:  # a free old item merged into a taken new one
            for f in _voting(fa[n], common):
                near_b.update(m for m in postings_b.get(f, ()) if m not in near_b and self._covers(n, m, 1))
        more = set().union(*(fa[n] for n in near_a), *(fb[n] for n in near_b)) - common - wanted
        if more:
            postings_a.update(_postings(fa, more))
            postings_b.update(_postings(fb, more))
        pairs = {(n, m) for n in near_a for m in self._top(_voting(fa[n], common), postings_b, df)}
        pairs |= {(n, m) for m in near_b for n in self._top(_voting(fb[m], common), postings_a, df)}
        pairs |= self._by_rare_pairs(df, common, taken_a, taken_b)
        return {(i, j) for i, j in pairs if i not in taken_a or j not in taken_b}

    def _covers(self, i: int, j: int, side: int) -> bool:
        """Whether the pair covers enough of its free item for a merge (*side* 1) or a split (2)."""
        return self.cover < math.inf and self._score(i, j)[side] >= self.cover

    def _by_rare_pairs(self, df: Counter[str], common: set[str], taken_a: Taken, taken_b: Taken) -> set[Pair]:
        """Candidates that share two of their rarest features, however common each one is.

        In a large framework whose wording is uniform, every single word or word pair of an
        item may be in more than ``MAX_DF`` items, and voting then finds nothing for it. For
        such starved items (fewer than ``RARE // 2`` features that can vote), two items that share two
        of their ``RARE`` rarest features are still a telling pair: the pairs of those features
        are far rarer than any one of them. Both sides rank features by the same counts, so an
        item and its reworded successor keep most of their rarest features; the work per item
        stays bounded (``RARE`` choose 2 keys, and keys in more than ``MAX_DF`` items are skipped).
        A taken starved item votes only if it shares a key with a free item of the other side.
        """

        def keys(feats: tuple[str, ...]) -> list[tuple[str, str]]:
            rare = sorted(sorted(feats), key=df.__getitem__)[: self.RARE]  # rarest first, ties by name
            return list(itertools.combinations(rare, 2))

        pairs: set[tuple[int, int]] = set()
        for own, other, own_taken, other_taken, flip in (
            (self.a.features, self.b.features, taken_a, taken_b, False),
            (self.b.features, self.a.features, taken_b, taken_a, True),
        ):
            starved = [
                n for n, feats in enumerate(own) if len(feats) - len(common.intersection(feats)) < self.RARE // 2
            ]
            if not starved:
                continue
            free_keys = {k for m, feats in enumerate(other) if m not in other_taken for k in keys(feats)}
            voters: dict[int, list[tuple[str, str]]] = {}
            for n in starved:
                own_keys = keys(own[n])
                if n not in own_taken or not free_keys.isdisjoint(own_keys):
                    voters[n] = own_keys
            wanted = {k for own_keys in voters.values() for k in own_keys}
            in_keys = {f for k in wanted for f in k}
            index: dict[tuple[str, str], list[int]] = defaultdict(list)
            for m, feats in enumerate(other):
                if len(in_keys.intersection(feats)) < 2:
                    continue  # it cannot hold a wanted key
                for key in keys(feats):
                    if key in wanted:
                        index[key].append(m)
            for n, own_keys in voters.items():
                votes: Counter[int] = Counter()
                for key in own_keys:
                    found = index.get(key, ())
                    if len(found) <= self.MAX_DF:
                        votes.update(found)
                pairs |= {(m, n) if flip else (n, m) for m in _best(votes, self.CANDIDATES)}
        return pairs

    def _top(self, feats: list[str], postings: dict[str, list[int]], df: Counter[str]) -> list[int]:
        """An item's best-voted candidates on the other side, from its features that can vote.

        An item votes with its rarest features first (the most telling ones) and stops once
        it has read ``VOTE_BUDGET`` postings, so the work per item does not grow with the
        size of the frameworks; a feature in more than ``MAX_DF`` items never votes.
        """
        votes: dict[int, int] = defaultdict(int)  # candidate -> its votes
        read = 0
        for f in sorted(sorted(feats), key=df.__getitem__):  # rarest first, ties by name
            if read >= self.VOTE_BUDGET:
                break
            weight = 2 if " " in f else 1
            found = postings.get(f, ())
            read += len(found)
            for m in found:
                votes[m] += weight
        return _best(votes, self.CANDIDATES)

    def _mass(self, content: Iterable[str]) -> float:
        return sum(map(self.weight.__getitem__, sorted(content)))

    def _score(self, i: int, j: int) -> tuple[float, float, float]:
        """(cosine, share of old covered by new, share of new covered by old) on idf-weighted words."""
        dot = self._mass(set(self.a.content[i]).intersection(self.b.content[j]))
        ma = self.mass_a.get(i)
        if ma is None:
            ma = self.mass_a[i] = self._mass(self.a.content[i])
        mb = self.mass_b.get(j)
        if mb is None:
            mb = self.mass_b[j] = self._mass(self.b.content[j])
        if not dot or not ma or not mb:
            return (0.0, 0.0, 0.0)
        return (dot / math.sqrt(ma * mb), dot / ma, dot / mb)

    def one_to_one(self, threshold: float, taken_a: Taken, taken_b: Taken, bonus: Any = None) -> None:
        ranked = []
        for (i, j), (cos, _, _) in self.scores(taken_a, taken_b).items():
            if i in taken_a or j in taken_b:
                continue
            score = cos + (bonus(i, j) if bonus else 0.0)
            if score >= threshold:
                ranked.append((_tie_key(score, i, j), i, j))
        for _, i, j in sorted(ranked):
            if i not in taken_a and j not in taken_b:
                taken_a[i] = [j]
                taken_b[j] = [i]

    def many(self, taken_a: Taken, taken_b: Taken) -> None:
        """Merges (an unmatched old item contained in a matched new one) and splits (the converse)."""
        scores = self.scores(taken_a, taken_b)
        _attach(
            ((i, j, cover_a, cover_b) for (i, j), (_, cover_a, cover_b) in scores.items()), self.cover, taken_a, taken_b
        )


def _attach(shares: Iterable[tuple[int, int, float, float]], threshold: float, taken_a: Taken, taken_b: Taken) -> None:
    """Attach free items to matched ones, never making a many-to-many group.

    *shares* are (old item, new item, the share of the old one in the new, of the new one in
    the old); a free old item joins the matched new item holding most of it, at least
    *threshold* (a merge), and a free new item likewise (a split). A matched pair that would
    both absorb old items and shed new ones keeps only the side with the stronger evidence,
    or neither when it is a tie, so the rule reads the same in both directions.
    """
    merges: dict[int, tuple[TieKey, int]] = {}  # free old item -> (key, new item)
    splits: dict[int, tuple[TieKey, int]] = {}  # free new item -> (key, old item)
    for i, j, share_a, share_b in shares:
        if i not in taken_a and j in taken_b and share_a >= threshold:
            key = _tie_key(share_a, i, j)
            if i not in merges or key < merges[i][0]:
                merges[i] = (key, j)
        elif j not in taken_b and i in taken_a and share_b >= threshold:
            key = _tie_key(share_b, i, j)
            if j not in splits or key < splits[j][0]:
                splits[j] = (key, i)
    best_merge: dict[int, TieKey] = {}  # new item -> strongest merge into it
    for key, j in merges.values():
        best_merge[j] = min(key, best_merge.get(j, key))
    best_split: dict[int, TieKey] = {}  # old item -> strongest split from it
    for key, i in splits.values():
        best_split[i] = min(key, best_split.get(i, key))
    drop_merge: set[int] = set()
    drop_split: set[int] = set()
    for j, merge_key in best_merge.items():
        for i in taken_b[j]:
            split_key = best_split.get(i)
            if split_key is None:
                continue
            # a many-to-many group would form around the pair (i, j); key[0] is minus the evidence
            if merge_key[0] <= split_key[0]:
                drop_split.add(i)
            if split_key[0] <= merge_key[0]:
                drop_merge.add(j)
    for i, (_, j) in sorted(merges.items()):
        if j not in drop_merge:
            taken_a[i] = [j]
            taken_b[j].append(i)
    for j, (_, i) in sorted(splits.items()):
        if i not in drop_split:
            taken_b[j] = [i]
            taken_a[i].append(j)


def _exact(a: _Side, b: _Side, taken_a: Taken, taken_b: Taken) -> None:
    """Pair identical texts (first exactly, then up to punctuation), in document order.

    Each text keeps a queue of the free new items that have it, so n identical texts pair
    in n steps (a scan of the free items for each old one took n squared).
    """
    for key_a, key_b in (
        (a.texts, b.texts),
        ([" ".join(ws) or None for ws in a.words], [" ".join(ws) or None for ws in b.words]),
    ):
        by_text: dict[str | None, deque[int]] = defaultdict(deque)
        for j, key in enumerate(key_b):
            if j not in taken_b and key is not None:
                by_text[key].append(j)
        for i, key in enumerate(key_a):
            if i in taken_a or key is None:
                continue
            free = by_text.get(key)
            if free:
                j = free.popleft()
                taken_a[i] = [j]
                taken_b[j] = [i]


def _indicators(competencies: list[Competency]) -> tuple[list[Indicator], list[int]]:
    """Every indicator node in document order, and the index of the competency holding each
    (from the tree, not parsed from the IDs, which a hand-built framework may not keep to)."""
    indicators: list[Indicator] = []
    owners: list[int] = []
    for n, competency in enumerate(competencies):
        for indicator in competency.walk():
            indicators.append(indicator)
            owners.append(n)
    return indicators, owners


def _same_key(
    a: Sequence[Node],
    b: Sequence[Node],
    key: Callable[[Node], str | None],
    taken_a: Taken,
    taken_b: Taken,
) -> None:
    """Pair the free items that share a key (an identifier; a domain's key) found once on each side."""

    def unique(items: Sequence[Node], taken: Taken) -> dict[str, int]:
        keys = {n: k for n, item in enumerate(items) if n not in taken and (k := key(item)) is not None}
        counts = Counter(keys.values())
        return {k: n for n, k in keys.items() if counts[k] == 1}

    in_a, in_b = unique(a, taken_a), unique(b, taken_b)
    for k, i in in_a.items():
        j = in_b.get(k)
        if j is not None:
            taken_a[i] = [j]
            taken_b[j] = [i]


def _follow(
    parents: _Aligner,
    children: dict[int, list[int]],
    owner_a: Sequence[int],
    owner_b: Sequence[int],
    taken_a: Taken,
    taken_b: Taken,
) -> None:
    """Align the free parents (competencies, domains) by their text plus where their children went.

    *children* are the children's pairs (old index -> new indexes), *owner_a* / *owner_b* the
    parent of each child. Two parents whose children mostly flowed into each other are aligned
    even when their text was rewritten; an unmatched parent most of whose children went into a
    matched one is folded into it (a merge), and the converse is a split.
    """
    flow: Counter[tuple[int, int]] = Counter()
    out_a: Counter[int] = Counter()
    in_b: Counter[int] = Counter()
    for i, js in children.items():
        ca = owner_a[i]
        for j in js:
            cb = owner_b[j]
            flow[ca, cb] += 1
            out_a[ca] += 1
            in_b[cb] += 1
    scores = parents.scores(taken_a, taken_b)
    for ca, cb in flow:
        if (ca, cb) not in scores:
            scores[ca, cb] = parents._score(ca, cb)

    def bonus(ca: int, cb: int) -> float:
        f = flow.get((ca, cb), 0)
        if not f:
            return 0.0
        return 0.5 * (f / out_a[ca] + f / in_b[cb])

    _exact(parents.a, parents.b, taken_a, taken_b)
    parents.one_to_one(0.5, taken_a, taken_b, bonus)
    _attach(((ca, cb, f / out_a[ca], f / in_b[cb]) for (ca, cb), f in flow.items()), 0.5, taken_a, taken_b)


def domain_pairs(old: Framework, new: Framework, competency_pairs: Iterable[tuple[str, str]]) -> set[tuple[str, str]]:
    """The aligned (old ID, new ID) pairs of domains: by identifier, then by key, then by their
    texts plus where their competencies went (*competency_pairs*)."""
    old_dom, new_dom = list(old.domains), list(new.domains)
    old_comp = [(n, c.id) for n, d in enumerate(old_dom) for c in d.competencies]
    new_comp = [(n, c.id) for n, d in enumerate(new_dom) for c in d.competencies]
    index_a = {cid: k for k, (_, cid) in enumerate(old_comp)}
    index_b = {cid: k for k, (_, cid) in enumerate(new_comp)}
    children: dict[int, list[int]] = defaultdict(list)
    for a, b in sorted(competency_pairs):
        if a in index_a and b in index_b:
            children[index_a[a]].append(index_b[b])
    da: dict[int, list[int]] = {}
    db: dict[int, list[int]] = {}
    _same_key(old_dom, new_dom, identifier, da, db)
    _same_key(old_dom, new_dom, lambda d: d.key if isinstance(d, Domain) else None, da, db)
    aligner = _Aligner(old_dom, new_dom, _aligned_text)
    _follow(aligner, children, [n for n, _ in old_comp], [n for n, _ in new_comp], da, db)
    return {(old_dom[i].id, new_dom[j].id) for i, js in da.items() for j in js}


def auto_pairs(old: Framework, new: Framework) -> set[tuple[str, str]]:
    """The aligned (old ID, new ID) pairs of domains, competencies and indicators, from the
    publisher's identifiers where both sides carry them, then from text and structure."""
    old_comp, new_comp = list(old.competencies()), list(new.competencies())
    old_ind, owner_a = _indicators(old_comp)
    new_ind, owner_b = _indicators(new_comp)

    # 1. indicators: the same identifier, identical wording, then confident one-to-one matches
    ind = _Aligner(old_ind, new_ind, cover=0.6)
    ia: dict[int, list[int]] = {}
    ib: dict[int, list[int]] = {}
    _same_key(old_ind, new_ind, identifier, ia, ib)
    _exact(ind.a, ind.b, ia, ib)
    ind.one_to_one(0.55, ia, ib)

    # 2. competencies: the same identifier, their statements, plus where their indicators went
    comp = _Aligner(old_comp, new_comp)
    ca_taken: dict[int, list[int]] = {}
    cb_taken: dict[int, list[int]] = {}
    _same_key(old_comp, new_comp, identifier, ca_taken, cb_taken)
    _follow(comp, ia, owner_a, owner_b, ca_taken, cb_taken)

    # 3. indicators again: weaker matches where the competencies agree, then merges and splits
    comp_pairs = {(ca, cb) for ca, cbs in ca_taken.items() for cb in cbs}

    def ind_bonus(i: int, j: int) -> float:
        ca, cb = owner_a[i], owner_b[j]
        return 0.2 if (ca, cb) in comp_pairs else 0.0

    ind.one_to_one(0.5, ia, ib, ind_bonus)
    ind.many(ia, ib)

    pairs = {(old_comp[ca].id, new_comp[cb].id) for ca, cbs in ca_taken.items() for cb in cbs}
    # 4. domains: the same identifier or key, then their texts plus where their competencies went
    pairs |= domain_pairs(old, new, pairs)
    pairs |= {(old_ind[i].id, new_ind[j].id) for i, js in ia.items() for j in js}
    return pairs
