"""Edition diffing: speed and accuracy of the automatic alignment, measured side by side.

1. The real 2015 -> 2020 comparison, against the approach a researcher would write first:
   difflib's ``SequenceMatcher.ratio()`` over every pair of competencies and every pair of
   indicators, each item linked to its best match at or above a threshold (from both sides,
   so merges and splits can be found). Both are scored against the curated lineage.
   Targets: at least 20x faster, and at least as accurate.
2. Scale: synthetic frameworks made from the real text (a word-level Markov chain over both
   editions), and a "next version" of each with random rewording, punctuation edits, moves
   across competencies and domains, reordering, deletions, additions, merges and splits, whose
   ground truth the generator records. Growing the framework 10x must grow the comparison
   time by at most 15x (all pairs would grow 100x). Accuracy on the ground truth is printed.

    python benchmarks/diff.py [--repeat N] [--seed S]
"""

from __future__ import annotations

import argparse
import difflib
import random
import statistics
import string
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence

import edcompetencies as ec
from edcompetencies import diff

Pairs = set[tuple[str, str]]
SPEED_TARGET = 20.0
SCALE_TARGET = 15.0


# --------------------------------------------------------------------------- measuring


def items_pairs(d: diff.Diff) -> Pairs:
    """The aligned pairs of competencies and indicators: the levels the lineage and the generator record."""
    return set(d.select(level=["competency", "indicator"]).pairs())


def score(found: Pairs, gold: Pairs) -> tuple[float, float, float]:
    """(precision, recall, F1) of the found links against the gold ones."""
    hit = len(found & gold)
    precision = hit / len(found) if found else 1.0
    recall = hit / len(gold) if gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def median_time(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


# --------------------------------------------------------------------------- the naive approach


def naive_ratios(old: ec.Framework, new: ec.Framework) -> dict[tuple[str, str], float]:
    """SequenceMatcher ratio for every pair of competencies and every pair of indicators."""
    ratios: dict[tuple[str, str], float] = {}
    levels: list[tuple[Sequence[ec.Competency | ec.Indicator], Sequence[ec.Competency | ec.Indicator]]] = [
        (list(old.competencies()), list(new.competencies())),
        (list(old.indicators()), list(new.indicators())),
    ]
    for olds, news in levels:
        for o in olds:
            matcher = difflib.SequenceMatcher(None, b=o.text, autojunk=False)
            for n in news:
                matcher.set_seq1(n.text)
                ratios[o.id, n.id] = matcher.ratio()
    return ratios


def naive_links(ratios: dict[tuple[str, str], float], threshold: float) -> Pairs:
    """Link each item to its best match on the other side when the ratio reaches *threshold*."""
    best_new: dict[str, tuple[float, str]] = {}
    best_old: dict[str, tuple[float, str]] = {}
    for (o, n), r in ratios.items():
        if r > best_new.get(o, (-1.0, ""))[0]:
            best_new[o] = (r, n)
        if r > best_old.get(n, (-1.0, ""))[0]:
            best_old[n] = (r, o)
    links = {(o, n) for o, (r, n) in best_new.items() if r >= threshold}
    links |= {(o, n) for n, (r, o) in best_old.items() if r >= threshold}
    return links


def naive_compare(old: ec.Framework, new: ec.Framework, threshold: float = 0.6) -> Pairs:
    return naive_links(naive_ratios(old, new), threshold)


# --------------------------------------------------------------------------- synthetic frameworks


class Chain:
    """A word-level Markov chain over the publication's own sentences.

    Order 1, so sentences mix several real ones; a sentence that repeats a four-word run
    of an earlier one is drawn again (a few times at most), so the items of a synthetic
    framework are distinct the way a real framework's are, and the ground truth is not
    ambiguous.
    """

    END = "\0"

    def __init__(self, texts: Iterable[str]) -> None:
        self.next: dict[str, list[str]] = defaultdict(list)
        self.starts: list[str] = []
        self.vocabulary: list[str] = []
        self.used: set[tuple[str, ...]] = set()
        seen: set[str] = set()
        for text in texts:
            words = text.split()
            if len(words) < 3:
                continue
            self.starts.append(words[0])
            for a, b in zip(words, [*words[1:], self.END], strict=True):
                self.next[a].append(b)
            for w in words:
                bare = w.strip(string.punctuation + "“”’—")
                if bare and bare.isalpha() and bare not in seen:
                    seen.add(bare)
                    self.vocabulary.append(bare)

    def _draw(self, rng: random.Random) -> list[str]:
        while True:
            words = [rng.choice(self.starts)]
            while len(words) < 40:
                nxt = rng.choice(self.next[words[-1]])
                if nxt == self.END:
                    break
                words.append(nxt)
            if 8 <= len(words) < 40:
                return words

    def sentence(self, rng: random.Random) -> str:
        for _ in range(20):
            words = self._draw(rng)
            runs = {tuple(words[k : k + 4]) for k in range(len(words) - 3)}
            if not runs & self.used:
                break
        self.used |= runs
        return " ".join(words)


def reword(text: str, rng: random.Random, vocabulary: Sequence[str], heavy: bool = False) -> str:
    """Word-level edits (replace, delete or insert a word): one to three, or a third of the words."""
    words = text.split()
    for _ in range(max(4, len(words) // 3) if heavy else rng.randint(1, 3)):
        op = rng.choice(("replace", "delete", "insert"))
        k = rng.randrange(len(words))
        if op == "replace":
            words[k] = rng.choice(vocabulary)
        elif op == "delete" and len(words) > 6:
            del words[k]
        else:
            words.insert(k, rng.choice(vocabulary))
    return " ".join(words)


def repunctuate(text: str, rng: random.Random) -> str:
    """A punctuation-only edit: drop the commas, or add one."""
    if "," in text:
        return text.replace(",", "")
    words = text.split()
    k = rng.randrange(1, len(words))
    words[k - 1] += ","
    return " ".join(words)


def _label(n: int) -> str:
    letters = string.ascii_lowercase
    return letters[n] if n < 26 else letters[n // 26 - 1] + letters[n % 26]


def build(edition: str, layout: list[list[tuple[str, list[tuple[str, str]]]]]) -> tuple[ec.Framework, dict[str, str]]:
    """A framework from [domain][competency] = (statement, [(key, indicator text)]).

    Returns it with a map from each item's generator key to its ID.
    """
    ids: dict[str, str] = {}
    domains = []
    for d, comps in enumerate(layout):
        domain_id = f"{edition}:d{d}"
        competencies = []
        for c, (statement, indicators) in enumerate(comps, start=1):
            comp_id = f"{domain_id}.{c}"
            children = []
            for n, (key, text) in enumerate(indicators):
                ind_id = f"{comp_id}.{_label(n)}"
                ids[key] = ind_id
                children.append(ec.Indicator(id=ind_id, label=_label(n), text=text))
            ids[f"c:{statement}"] = comp_id
            competencies.append(ec.Competency(id=comp_id, number=c, statement=statement, indicators=tuple(children)))
        domains.append(ec.Domain(id=domain_id, key=f"d{d}", name=f"Domain {d}", competencies=tuple(competencies)))
    return ec.Framework(edition=edition, title=f"Synthetic {edition}", domains=tuple(domains)), ids


def synthetic(scale: int, seed: int, chain: Chain) -> tuple[ec.Framework, ec.Framework, Pairs]:
    """An old framework of ``4 x 6*scale`` competencies (about 5 indicators each), a new
    version of it, and the true links between them.

    Per indicator: 5% removed, 4% merged with the next, 4% split in two, 16% lightly and
    4% heavily reworded, 5% punctuation only, 5% moved to a random competency (in any
    domain); 4% of competencies are removed (their indicators move elsewhere), 30% of
    the rest are reworded, a quarter of competencies gain an indicator, a fifth are
    reordered, and half the domains gain a competency.
    """
    rng = random.Random(seed)
    vocab = chain.vocabulary
    counter = iter(range(10**9))

    def fresh() -> str:
        return f"i{next(counter)}"

    old_layout = [
        [
            (chain.sentence(rng), [(fresh(), chain.sentence(rng)) for _ in range(rng.randint(3, 7))])
            for _ in range(6 * scale)
        ]
        for _ in range(4)
    ]
    truth_keys: set[tuple[str, str]] = set()  # (old key, new key) for indicators
    comp_truth: set[tuple[str, str]] = set()  # (old statement, new statement)
    new_layout: list[list[tuple[str, list[tuple[str, str]]]]] = [[] for _ in old_layout]
    homeless: list[tuple[str, str]] = []  # (new key, text) of indicators whose competency was removed
    moves: list[tuple[str, str]] = []
    for d, comps in enumerate(old_layout):
        for statement, indicators in comps:
            removed_comp = rng.random() < 0.04
            out: list[tuple[str, str]] = []
            k = 0
            while k < len(indicators):
                key, text = indicators[k]
                roll = rng.random()
                if roll < 0.05:  # removed
                    pass
                elif roll < 0.09 and k + 1 < len(indicators):  # merged with the next one
                    nxt_key, nxt_text = indicators[k + 1]
                    new_key = fresh()
                    out.append((new_key, text.rstrip(".") + ", and " + nxt_text[0].lower() + nxt_text[1:]))
                    truth_keys |= {(key, new_key), (nxt_key, new_key)}
                    k += 1
                elif roll < 0.13 and len(text.split()) >= 14:  # split in two
                    words = text.split()
                    half = len(words) // 2
                    first, second = " ".join(words[:half]) + ".", " ".join(words[half:])
                    for part in (first, second[0].upper() + second[1:]):
                        new_key = fresh()
                        out.append((new_key, part))
                        truth_keys.add((key, new_key))
                else:
                    new_key = fresh()
                    new_text = text
                    if roll < 0.33:
                        new_text = reword(text, rng, vocab, heavy=roll > 0.29)
                    elif roll < 0.38:
                        new_text = repunctuate(text, rng)
                    truth_keys.add((key, new_key))
                    if roll > 0.95 or removed_comp:  # moves to another competency (maybe another domain)
                        moves.append((new_key, new_text))
                    else:
                        out.append((new_key, new_text))
                k += 1
            for _ in range(rng.choice((0, 0, 0, 1))):  # an added indicator
                out.insert(rng.randrange(len(out) + 1), (fresh(), chain.sentence(rng)))
            if rng.random() < 0.2:
                rng.shuffle(out)
            if removed_comp:
                homeless.extend(out)
                continue
            new_statement = reword(statement, rng, vocab) if rng.random() < 0.3 else statement
            comp_truth.add((statement, new_statement))
            new_layout[d].append((new_statement, out))
        if rng.random() < 0.5:  # an added competency
            new_layout[d].append(
                (chain.sentence(rng), [(fresh(), chain.sentence(rng)) for _ in range(rng.randint(3, 6))])
            )
    for key, text in moves + homeless:
        statement, indicators = rng.choice(rng.choice([dom for dom in new_layout if dom]))
        indicators.insert(rng.randrange(len(indicators) + 1), (key, text))
    old, old_ids = build("old", old_layout)
    new, new_ids = build("new", new_layout)
    truth = {(old_ids[a], new_ids[b]) for a, b in truth_keys}
    truth |= {(old_ids[f"c:{a}"], new_ids[f"c:{b}"]) for a, b in comp_truth}
    return old, new, truth


# --------------------------------------------------------------------------- main


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of each measurement (median)")
    parser.add_argument("--seed", type=int, default=2020)
    args = parser.parse_args()
    ok = True

    old, new = ec.load(2015), ec.load(2020)
    gold = ec.lineage(2015, 2020).pairs()
    diff.compare(old, new)  # warm up caches (indexes, imports) for both approaches alike

    # Side by side, interleaved: naive, automatic, naive, automatic ...
    naive_times, auto_times = [], []
    for _ in range(args.repeat):
        naive_times.append(median_time(lambda: naive_compare(old, new), 1))
        auto_times.append(median_time(lambda: diff.compare(old, new), 1))
    t_naive, t_auto = statistics.median(naive_times), statistics.median(auto_times)
    ratios = naive_ratios(old, new)
    best = max((score(naive_links(ratios, t / 100), gold)[2], t / 100) for t in range(30, 95, 5))
    auto_p, auto_r, auto_f = score(items_pairs(diff.compare(old, new)), gold)
    naive_p, naive_r, naive_f = score(naive_links(ratios, 0.6), gold)
    best_p, best_r, best_f = score(naive_links(ratios, best[1]), gold)
    n_pairs = len(ratios)
    print(f"2015 -> 2020, scored against the curated lineage ({len(gold)} links); medians of {args.repeat} runs")
    print(f"  {'approach':<48} {'time':>9} {'precision':>9} {'recall':>7} {'F1':>6}")
    print(
        f"  {'diff.compare (automatic alignment)':<48} {t_auto * 1e3:7.1f}ms {auto_p:9.3f} {auto_r:7.3f} {auto_f:6.3f}"
    )
    label = f"SequenceMatcher, all {n_pairs} pairs, ratio >= 0.6"
    print(f"  {label:<48} {t_naive * 1e3:7.1f}ms {naive_p:9.3f} {naive_r:7.3f} {naive_f:6.3f}")
    label = f"  same, threshold {best[1]:.2f} picked on the answer key"
    print(f"  {label:<48} {'':>9} {best_p:9.3f} {best_r:7.3f} {best_f:6.3f}")
    speedup = t_naive / t_auto
    print(f"  speed-up {speedup:.1f}x (target >= {SPEED_TARGET:.0f}x); F1 {auto_f:.3f} vs {max(naive_f, best_f):.3f}")
    ok &= speedup >= SPEED_TARGET and auto_f >= max(naive_f, best_f)

    chain = Chain(i.text for fw in (old, new) for i in [*fw.competencies(), *fw.indicators()])
    print(f"\nSynthetic frameworks from the real text (seed {args.seed}); medians of {max(args.repeat, 5)} runs")
    print(
        f"  {'scale':<6} {'old items':>9} {'new items':>9} {'true links':>10} {'time':>10}"
        f" {'precision':>9} {'recall':>7}"
    )
    frameworks = {scale: synthetic(scale, args.seed, chain) for scale in (1, 10)}
    for s_old, s_new, _ in frameworks.values():
        diff.compare(s_old, s_new)
    # Interleaved, like the side-by-side above, so a busy machine slows both sizes alike.
    timings: dict[int, list[float]] = {1: [], 10: []}
    for _ in range(max(args.repeat, 5)):
        for scale, (s_old, s_new, _) in frameworks.items():
            timings[scale].append(median_time(lambda a=s_old, b=s_new: diff.compare(a, b), 1))
    results = {}
    for scale, (s_old, s_new, truth) in frameworks.items():
        t = statistics.median(timings[scale])
        p, r, _ = score(items_pairs(diff.compare(s_old, s_new)), truth)
        n_old = sum(1 for _ in s_old.competencies()) + sum(1 for _ in s_old.indicators())
        n_new = sum(1 for _ in s_new.competencies()) + sum(1 for _ in s_new.indicators())
        print(f"  {scale:>4}x {n_old:>9} {n_new:>9} {len(truth):>10} {t * 1e3:8.1f}ms {p:9.3f} {r:7.3f}")
        results[scale] = (t, n_old)
    growth = results[10][0] / results[1][0]
    size = results[10][1] / results[1][1]
    print(
        f"  {size:.1f}x the items -> {growth:.1f}x the time (target <= {SCALE_TARGET:.0f}x; all pairs: ~{size**2:.0f}x)"
    )
    ok &= growth <= SCALE_TARGET
    print("\nall targets met" if ok else "\nTARGET MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
