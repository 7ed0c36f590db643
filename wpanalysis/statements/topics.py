"""Generated statements of the topic models (notebook 03): what the model reads, how the sweep
chose k, the topics and their labels, how stable they are, which plans lean to which topic, and
how NMF compares with LDA.

Each function takes the tables of :mod:`wpanalysis.topics` and returns Markdown; the thresholds
that choose a word ("stable", "within the spread between seeds", "found by both models") are
arguments with the defaults stated here. Example::

    from IPython.display import Markdown
    from wpanalysis.statements import topics as said
    Markdown(said.describe_k_choice(sweep, chosen_k=3, min_diversity=0.8))
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from ..features import DocumentTermMatrix
from ..registry import full_text_ids
from ..topics import LabelMatch, Stability
from . import bullet_list, count, listing, share

__all__ = [
    "SAME_THEME_COSINE",
    "LOW_SHARE",
    "COSINE_DIRECTION",
    "cannot_fit",
    "describe_input",
    "describe_sweep_setup",
    "describe_k_choice",
    "describe_topics",
    "describe_labels",
    "describe_stability",
    "describe_representatives",
    "describe_document_shares",
    "describe_lda_nmf",
    "summarise",
]

SAME_THEME_COSINE = 0.9
"""Cosine of the topic–term weights at which an NMF topic counts as the same theme as an LDA topic."""

LOW_SHARE = 0.1
"""A plan whose share of a topic is below this is said to give the topic little room."""

COSINE_DIRECTION = 0.8
"""Mean best-match cosine at which the refits of an unstable topic still point the same way."""

_NAMED = 6


def _f(x: float, digits: int = 3) -> str:
    """0.1234 → '0.123'; negative numbers with a minus sign (−)."""
    return f"{x:.{digits}f}".replace("-", "−")


def _ks(ks: Sequence[int]) -> str:
    """[3, 4, 5, 6] → 'k = 3–6'; [3, 5] → 'k = 3 and 5'."""
    ks = sorted(int(k) for k in ks)
    if len(ks) >= 3 and ks == list(range(ks[0], ks[-1] + 1)):
        return f"k = {ks[0]}–{ks[-1]}"
    return f"k = {listing(ks)}"


def _as_dict(mapping: Mapping | pd.Series | None) -> dict:
    return {} if mapping is None else dict(mapping)


def _topic(t: int, names: Mapping[int, str] | None) -> str:
    name = _as_dict(names).get(t)
    return f"topic {t} ({name})" if name else f"topic {t}"


def _topics(ts: Sequence[int]) -> str:
    ts = list(ts)
    return f"{'topic' if len(ts) == 1 else 'topics'} {listing(ts)}"


# --------------------------------------------------------------------------- input and sweep


def cannot_fit(n_items: int, n_terms: int, n_plans: int, ks: Sequence[int], min_items_per_topic: int,
               min_docs: int = 1) -> str:
    """The sentence a notebook shows instead of the topic model when the matrix cannot support one
    (*n_plans*: the plans with content tokens; *min_docs*: the pruning's minimum of plans per term).

    >>> cannot_fit(0, 0, 1, [3, 4], 10, min_docs=2)[:90]
    '**No topic model.** No term survives pruning: a term must occur in at least 2 plans, and t'
    """
    skipped = "so the sections below are skipped."
    if n_terms == 0:
        why = (f"a term must occur in at least {count(min_docs, 'plan')}, and the corpus has "
               f"{count(n_plans, 'plan')} with content words" if n_plans < min_docs else
               "no term meets the pruning thresholds (`min_df`, `max_share`, `min_docs`)")
        return f"**No topic model.** No term survives pruning: {why}, {skipped}"
    return (f"**No topic model.** The matrix holds {count(n_items, 'item')} and {count(n_terms, 'term')} from "
            f"{count(n_plans, 'plan')}: none of {_ks(ks)} has at least {min_items_per_topic} items per topic and "
            f"at most as many topics as terms, {skipped}")


def _title_only(items: pd.DataFrame, model_input: pd.DataFrame, doc_names: Mapping[str, str] | None) -> str:
    outline = items[~items["has_body"].fillna(False).astype(bool)]
    if outline.empty:
        return "Every item has body text."
    names = _as_dict(doc_names)
    totals = items.groupby("doc_id", observed=True).size()
    per_doc = outline.groupby("doc_id", observed=True).size().sort_values(ascending=False, kind="stable")
    parts = [f"{names.get(d, d)} ({'all ' + str(n) if n == totals[d] else f'{n} of {totals[d]}'})"
             for d, n in per_doc.items()]
    kept = "enter with their title alone" if "title" in set(model_input.get("model_text", [])) else "are left out"
    return (f"{len(outline):,} of the {count(len(items), 'item')} {'has' if len(outline) == 1 else 'have'} no body "
            f"text and {kept}; they come from {count(len(per_doc), 'plan')}: {listing(parts, _NAMED)}.")


def describe_input(items: pd.DataFrame, model_input: pd.DataFrame, tokens: pd.DataFrame, dtm: DocumentTermMatrix,
                   too_common: pd.DataFrame, max_share: float, doc_names: Mapping[str, str] | None = None) -> str:
    """What the model reads: items and plans in the matrix, terms kept, title-only items, items
    left with no term, and the terms dropped as too common (*too_common*:
    :func:`wpanalysis.topics.too_common_terms`)."""
    n_docs = dtm.rows["doc_id"].nunique() if dtm.shape[0] else 0
    n_tokens = len(tokens)
    kept = int(dtm.matrix.sum()) if dtm.shape[0] else 0
    n_content = len(tokens[["doc_id", "item_seq"]].drop_duplicates())
    lines = [f"The model reads **{count(dtm.shape[0], 'item')}** from {count(n_docs, 'plan')} and "
             f"**{count(dtm.shape[1], 'term')}** (of {tokens['token'].nunique():,} before pruning; "
             f"{share(kept, n_tokens)} of the content tokens kept).", _title_only(items, model_input, doc_names)]
    if n_content > dtm.shape[0]:
        gone = n_content - dtm.shape[0]
        lines.append(f"{count(gone, 'item')} {'has' if gone == 1 else 'have'} no term left after pruning and "
                     f"{'is' if gone == 1 else 'are'} left out.")
    if len(too_common):
        words = [f"{w} ({share(s, 1)})" for w, s in zip(too_common["token"], too_common["share"])]
        lines.append(f"Dropped as too common (in more than {share(max_share, 1)} of the items): "
                     f"{listing(words, _NAMED)}.")
    else:
        lines.append(f"No term occurs in more than {share(max_share, 1)} of the items.")
    return " ".join(lines)


def describe_sweep_setup(sweep: pd.DataFrame, ks: Sequence[int], seeds: Sequence[int], n_items: int, n_fit: int,
                         sample_seed: int = 0, min_items_per_topic: int = 10, holdout: bool = True) -> str:
    """What the sweep fitted: the k tried (and those left out for too few items per topic), the
    seeds, the number of fits, and the items they saw — all of them, or a random sample.

    >>> describe_sweep_setup(pd.DataFrame({"k": [3, 4]}), [3, 4], [0, 1], n_items=400, n_fit=400)[:95]
    'The sweep tried k = 3 and 4 with 2 seeds (0 and 1): 4 LDA fits plus 2 held-out fits, on all 400'
    """
    tried = [int(k) for k in sweep["k"]]
    fits = f"{count(len(tried) * len(seeds), 'LDA fit')}" + (f" plus {len(tried)} held-out fits" if holdout else "")
    seen = (f"on all {n_items:,} items" if n_fit >= n_items else
            f"on a random sample of {n_fit:,} of the {n_items:,} items (seed {sample_seed}); the reported model "
            "below is fitted on all items")
    text = (f"The sweep tried {_ks(tried)} with {count(len(seeds), 'seed')} ({listing(seeds)}): {fits}, {seen}"
            + (f"; at k = {max(tried)} a topic has {n_fit / max(tried):,.0f} items on average." if tried else "."))
    dropped = sorted(set(int(k) for k in ks) - set(tried))
    if dropped:
        text += (f" {_ks(dropped)} {'is' if len(dropped) == 1 else 'are'} left out: fewer than "
                 f"{min_items_per_topic} items per topic on the sample the sweep fits.")
    return text


def _closest(sweep: pd.DataFrame, chosen: pd.Series, min_diversity: float, digits: int) -> str:
    """How the chosen k's NPMI compares with the best other k, against the spread between seeds."""
    others = sweep[sweep["k"] != chosen["k"]].sort_values(["npmi", "k"], ascending=[False, True])
    if others.empty:
        return ""
    rival = others.iloc[0]
    gap = abs(round(float(chosen["npmi"]), digits) - round(float(rival["npmi"]), digits))  # as the table shows them
    sd = float(chosen["npmi_sd"])
    if sd == 0:
        spread = " (one seed: no spread between seeds to compare with)"
    elif gap < sd:
        spread = f", within the spread between seeds (sd {_f(sd, digits)}): the data do not separate the two clearly"
    else:
        spread = f", more than the spread between seeds (sd {_f(sd, digits)})"
    if round(float(rival["npmi"]), digits) == round(float(chosen["npmi"]), digits):
        raw = abs(float(chosen["npmi"]) - float(rival["npmi"]))
        head = (f"k = {int(rival['k'])} has the same NPMI at {digits} decimals (ties go to the smaller k); "
                f"the gap is {_f(raw, digits + 1)}")
    elif rival["npmi"] > chosen["npmi"]:
        head = (f"k = {int(rival['k'])} has a higher NPMI ({_f(rival['npmi'], digits)}) but falls below the "
                f"diversity bar ({_f(rival['diversity'], digits)}); the gap is {_f(gap, digits)}")
    else:
        head = f"The next best, k = {int(rival['k'])} (NPMI {_f(rival['npmi'], digits)}), is {_f(gap, digits)} lower"
    return f"{head}{spread}."


def describe_k_choice(sweep: pd.DataFrame, chosen_k: int, min_diversity: float, digits: int = 3) -> str:
    """Which k clear the diversity bar, the chosen k and why, how close the runner-up is, and
    where perplexity and UMass are best (they are shown but do not decide)."""
    clear = sweep[sweep["diversity"] >= min_diversity - 1e-12]
    below = sweep[sweep["diversity"] < min_diversity - 1e-12]
    chosen = sweep.set_index("k").loc[chosen_k].copy()
    chosen["k"] = chosen_k
    bar = f"the diversity bar of {min_diversity:g}"
    if clear.empty:
        best = sweep.sort_values(["diversity", "k"], ascending=[False, True]).iloc[0]
        lines = [f"No k reaches {bar} (the highest is {_f(best['diversity'], digits)}, at k = {int(best['k'])}), "
                 f"so all k compete. **Chosen k = {chosen_k}**: the highest mean NPMI ({_f(chosen['npmi'], digits)})."]
    else:
        which = (f"Only k = {int(clear['k'].iloc[0])} clears {bar} ({_f(clear['diversity'].iloc[0], digits)})"
                 if len(clear) == 1 else f"{_ks(clear['k'])} clear {bar}")
        if len(below):
            low, high = below["diversity"].min(), below["diversity"].max()
            values = _f(low, digits) if len(below) == 1 else f"{_f(low, digits)}–{_f(high, digits)}"
            which += f"; {_ks(below['k'])} {'falls' if len(below) == 1 else 'fall'} below it (diversity {values})"
        why = ("the only k that clears it" if len(clear) == 1 else
               f"the highest mean NPMI among them ({_f(chosen['npmi'], digits)})")
        lines = [f"{which}. **Chosen k = {chosen_k}**: {why}."]
    lines.append(_closest(sweep, chosen, min_diversity, digits))
    lines.append(_other_measures(sweep, chosen_k, digits))
    return " ".join(line for line in lines if line)


def _other_measures(sweep: pd.DataFrame, chosen_k: int, digits: int) -> str:
    parts = []
    perp = sweep.dropna(subset=["perplexity"])
    if len(perp):
        best = perp.sort_values(["perplexity", "k"]).iloc[0]
        parts.append(f"held-out perplexity is lowest at k = {int(best['k'])}"
                     + (", the chosen k" if int(best["k"]) == chosen_k else "")
                     + f" ({best['perplexity']:,.0f}; range {perp['perplexity'].min():,.0f}–"
                       f"{perp['perplexity'].max():,.0f})")
    best = sweep.sort_values(["umass", "k"], ascending=[False, True]).iloc[0]
    parts.append(f"UMass is best at k = {int(best['k'])}" + (", the chosen k" if int(best["k"]) == chosen_k else "")
                 + f" ({_f(best['umass'], digits)})")
    text = "; ".join(parts)
    return text[0].upper() + text[1:] + "."


# --------------------------------------------------------------------------- the topics


def describe_topics(table: pd.DataFrame, digits: int = 3) -> str:
    """The topics' sizes and coherence from :func:`wpanalysis.topics.topic_table` (merged with
    :func:`wpanalysis.topics.topic_coherence`): the range of shares and the most and least coherent topic.

    >>> t = pd.DataFrame({"topic": [1, 2], "label": ["甲", "乙"], "share": [0.6, 0.4], "n_items": [6, 4],
    ...                   "npmi": [0.1, 0.2]})
    >>> describe_topics(t).split(". ")[1]
    'Most coherent: topic 2 (乙, NPMI 0.200); least: topic 1 (甲, 0.100).'
    """
    first = table.iloc[0]
    text = (f"The {count(len(table), 'topic')} take between {share(table['share'].min(), 1)} and "
            f"{share(table['share'].max(), 1)} of the corpus (topic 1, {first['label']}, is the largest: the dominant "
            f"topic of {count(int(first['n_items']), 'item')}).")
    if "npmi" in table.columns and len(table) > 1:
        ranked = table.sort_values(["npmi", "topic"], ascending=[False, True])
        hi, lo = ranked.iloc[0], ranked.iloc[-1]
        text += (f" Most coherent: topic {int(hi['topic'])} ({hi['label']}, NPMI {_f(hi['npmi'], digits)}); "
                 f"least: topic {int(lo['topic'])} ({lo['label']}, {_f(lo['npmi'], digits)}).")
    return text


def describe_labels(match: LabelMatch, file_name: str, k: int) -> str:
    """Which labels of the labels file apply to the fitted topics, which are ignored as stale, and
    what the unlabelled topics show instead."""
    rule = (f"at least {share(match.min_shared, 1)} of its recorded terms among the topic's top "
            f"{match.n_terms}, and all of its check terms")
    table = match.table
    fallback = "shown by their top three terms"
    if not match.found or table.empty:
        return f"No labels for this model in `{file_name}`: all {count(k, 'topic')} are {fallback}."
    used = table[table["applied"]]
    stale = table[~table["applied"]]
    if stale.empty:
        text = f"All {count(len(table), 'label')} in `{file_name}` match a fitted topic ({rule}) and are used."
    elif used.empty:
        best = int(stale["shared"].max())
        text = (f"None of the {count(len(table), 'label')} in `{file_name}` matches a fitted topic ({rule}; the "
                f"closest shares {best} terms): they were written for another corpus or other settings and are "
                "ignored.")
    else:
        names = [f"{r.label} (best candidate: topic {r.topic}, {r.shared} shared terms)" for r in stale.itertuples()]
        text = (f"{len(used)} of the {count(len(table), 'label')} in `{file_name}` match a fitted topic ({rule}) "
                f"and are used ({_topics(sorted(used['topic'].astype(int)))}); {len(stale)} "
                f"{'does' if len(stale) == 1 else 'do'} not and {'is' if len(stale) == 1 else 'are'} ignored: "
                f"{listing(names, _NAMED)}.")
    unlabelled = sorted(set(range(1, k + 1)) - set(used["topic"].astype(int)))
    if unlabelled:
        text += f" {_topics(unlabelled).capitalize()} {'is' if len(unlabelled) == 1 else 'are'} {fallback}."
    return text


def describe_stability(stability: Stability, names: Mapping[int, str] | None = None, digits: int = 3,
                       cosine_bar: float = COSINE_DIRECTION) -> str:
    """How many topics recur over the refits (``stable``: mean best-match Jaccard at or above the
    threshold), and whether the unstable ones still point the same way (mean cosine ≥ *cosine_bar*)."""
    per = stability.topics
    seeds = sorted(set(stability.pairs["seed_a"]) | set(stability.pairs["seed_b"]))
    head = (f"Over {count(len(seeds), 'run')} (seeds {listing(seeds)}), the mean best-match Jaccard of the top "
            f"terms is {_f(stability.mean_jaccard, digits)} and the mean cosine {_f(stability.mean_cosine, digits)}.")
    bar = f"mean best-match Jaccard ≥ {stability.threshold:g}"
    stable, unstable = per[per["stable"]], per[~per["stable"]]
    if unstable.empty:
        return f"{head} All {count(len(per), 'topic')} are **stable** ({bar}): each recurs in every refit."
    if stable.empty:
        body = (f"No topic is **stable** ({bar}; the best is {_f(per['jaccard_mean'].max(), digits)}): read the "
                "topics as one of several possible cuts of the corpus.")
    else:
        names = _as_dict(names)
        shown = [f"topic {int(r.topic)} ({names[r.topic] + '; ' if r.topic in names else ''}"
                 f"{_f(r.jaccard_mean, digits)}, never below {_f(r.jaccard_min, digits)})" for r in stable.itertuples()]
        body = (f"{len(stable)} of {count(len(per), 'topic')} {'is' if len(stable) == 1 else 'are'} **stable** "
                f"({bar}): {listing(shown, _NAMED)}. {_topics(unstable['topic'].astype(int)).capitalize()} "
                f"{'is' if len(unstable) == 1 else 'are'} not "
                f"({listing([_f(v, digits) for v in unstable['jaccard_mean']])}).")
    if (unstable["cosine_mean"] >= cosine_bar).all():
        body += (f" The weights of the unstable topics still point the same way (mean cosine ≥ {cosine_bar:g}): "
                 "the refits agree on their broad direction but cut the items between them differently.")
    else:
        low = unstable[unstable["cosine_mean"] < cosine_bar]
        body += (f" The weights of {_topics(low['topic'].astype(int))} differ too (mean cosine below {cosine_bar:g}): "
                 "they depend on the seed.")
    return f"{head} {body}"


def describe_representatives(rep: pd.DataFrame) -> str:
    """Whether each topic's most typical items come from several plans or from one (a topic whose
    top items all come from one plan may be that plan's phrasing rather than a shared theme).

    >>> rep = pd.DataFrame({"topic": [1, 1, 2, 2], "document": ["甲", "甲", "甲", "乙"]})
    >>> describe_representatives(rep).split(": ")[0]
    'The 2 items shown for topic 1 all come from one plan (甲)'
    """
    column = "document" if "document" in rep.columns else "doc_id"
    per = rep.groupby("topic", sort=True)[column].agg(lambda s: list(dict.fromkeys(s)))
    single = {int(t): docs[0] for t, docs in per.items() if len(docs) == 1}
    several = [int(t) for t, docs in per.items() if len(docs) > 1]
    lines = []
    if single:
        n = int(rep.groupby("topic").size().max())
        where = listing([f"topic {t} ({d})" for t, d in single.items()], _NAMED)
        lines.append(f"The {count(n, 'item')} shown for {where} all come from one plan: such a topic may be that "
                     "plan’s own phrasing rather than a theme plans share — read more of its items before labelling it."
                     if len(single) > 1 else
                     f"The {count(n, 'item')} shown for topic {next(iter(single))} all come from one plan "
                     f"({next(iter(single.values()))}): such a topic may be that plan’s own phrasing rather than a "
                     "theme plans share — read more of its items before labelling it.")
    if several:
        fewest = min(len(per[t]) for t in several)
        lines.append(f"The items shown for {_topics(several)} come from "
                     f"{'at least ' if len(several) > 1 and fewest < max(len(per[t]) for t in several) else ''}"
                     f"{count(fewest, 'plan')}.")
    return " ".join(lines)


# --------------------------------------------------------------------------- plans and models


def describe_document_shares(shares: pd.DataFrame, documents: pd.DataFrame, names: Mapping[int, str] | None = None,
                             doc_names: Mapping[str, str] | None = None, max_plans: int = 30,
                             low: float = LOW_SHARE) -> str:
    """How each plan spreads its items over the topics (*shares*:
    :func:`wpanalysis.topics.document_topic_shares`): the range of shares, the plan leaning most to
    each topic, the plans read from titles only, and which form the figure takes."""
    dnames = _as_dict(doc_names)
    grid = shares.pivot_table(index="doc_id", columns="topic", values="share", aggfunc="sum", observed=True)
    n = len(grid)
    lo, hi = float(grid.min().min()), float(grid.max().max())
    n_low = int((grid.min(axis=1) < low).sum())
    if n_low == 0:
        lines = [f"Every plan spreads its items over all {count(grid.shape[1], 'topic')}: each plan's share of each "
                 f"topic is between {share(lo, 1)} and {share(hi, 1)}."]
    else:
        lines = [f"Shares range from {share(lo, 1)} to {share(hi, 1)}; {count(n_low, 'plan')} of {n:,} "
                 f"{'gives' if n_low == 1 else 'give'} less than {share(low, 1)} to at least one topic."]
    leaning = [f"{_topic(int(t), names)}: {dnames.get(grid[t].idxmax(), grid[t].idxmax())} ({_f(grid[t].max(), 2)})"
               for t in grid.columns]
    lines.append("Leaning most towards each topic — " + "; ".join(leaning) + ".")
    titles_only = [d for d in grid.index if d not in set(full_text_ids(documents))]
    if titles_only:
        lines.append(f"{count(len(titles_only), 'plan')} {'rests' if len(titles_only) == 1 else 'rest'} on item "
                     f"titles only ({listing([dnames.get(d, d) for d in titles_only], _NAMED)}): "
                     f"{'its shares say' if len(titles_only) == 1 else 'their shares say'} which themes the headings "
                     "name, not how much text each theme gets.")
    if n > max_plans:
        lines.append(f"With {count(n, 'plan')} (more than {max_plans}), the figure shows the distribution of the "
                     "plans' shares of each topic rather than a row per plan.")
    return " ".join(lines)


def _merges(matches: pd.DataFrame, nmf_table: pd.DataFrame) -> list[str]:
    """LDA topics that share their closest NMF topic, and NMF topics no LDA topic is closest to."""
    lines = []
    nmf_names = dict(zip(nmf_table["topic"], nmf_table["label"]))
    for b, group in matches.groupby("topic_b", sort=True):
        if len(group) > 1:
            both = "both" if len(group) == 2 else "all"
            cosines = listing([_f(c, 2) for c in group["cosine"]])
            lines.append(f"LDA {_topics(group['topic_a'].astype(int))} are {both} closest to NMF "
                         f"{_topic(int(b), nmf_names)} (cosine {cosines}): NMF covers with one topic what LDA splits.")
    orphans = nmf_table[~nmf_table["topic"].isin(matches["topic_b"])]
    for r in orphans.itertuples():
        lines.append(f"NMF {_topic(int(r.topic), nmf_names)} is no LDA topic's closest match: {share(r.share, 1)} of "
                     f"the corpus, the dominant topic of {count(int(r.n_items), 'item')}.")
    return lines


def describe_lda_nmf(summary: pd.DataFrame, matches: pd.DataFrame, lda_table: pd.DataFrame, nmf_table: pd.DataFrame,
                     same_cosine: float = SAME_THEME_COSINE, digits: int = 3) -> str:
    """Which themes both models find (best-match cosine ≥ *same_cosine*), which LDA topics NMF
    merges, which NMF topics match no LDA topic, and which model is more coherent, more diverse
    and more even in topic size. *summary*: :func:`wpanalysis.topics.model_summary` with rows
    ``LDA`` and ``NMF``; *matches*: :func:`wpanalysis.topics.match_topics` (LDA → NMF)."""
    lda_names = dict(zip(lda_table["topic"], lda_table["label"]))
    nmf_names = dict(zip(nmf_table["topic"], nmf_table["label"]))
    same = matches[matches["cosine"] >= same_cosine]
    if len(same):
        pairs = [f"LDA {_topic(int(r.topic_a), lda_names)} ↔ NMF {_topic(int(r.topic_b), nmf_names)} "
                 f"(cosine {_f(r.cosine, 2)})" for r in same.itertuples()]
        lines = [f"Both models find {listing(pairs, _NAMED)}."]
    else:
        lines = [f"No LDA topic has an NMF counterpart with cosine ≥ {same_cosine:g}: the two models cut the corpus "
                 "differently."]
    lines += _merges(matches, nmf_table)
    lines += _quality(summary.set_index("model"), lda_table, nmf_table, digits)
    return " ".join(lines)


def _quality(s: pd.DataFrame, lda_table: pd.DataFrame, nmf_table: pd.DataFrame, digits: int) -> list[str]:
    """Which model is more coherent, more diverse and more even in topic size (rows LDA, NMF of *s*)."""
    lines = []
    coherent = "LDA" if s.loc["LDA", "npmi"] >= s.loc["NMF", "npmi"] else "NMF"
    umass = "LDA" if s.loc["LDA", "umass"] >= s.loc["NMF", "umass"] else "NMF"
    a, b = s.loc[coherent], s.loc[_other(coherent)]
    if umass == coherent:
        lines.append(f"{coherent}'s topics are more coherent (NPMI {_f(a['npmi'], digits)} against "
                     f"{_f(b['npmi'], digits)}; UMass {_f(a['umass'], digits)} against {_f(b['umass'], digits)}).")
    else:
        lines.append(f"{coherent}'s topics are more coherent by NPMI ({_f(a['npmi'], digits)} against "
                     f"{_f(b['npmi'], digits)}), {umass}'s by UMass ({_f(b['umass'], digits)} against "
                     f"{_f(a['umass'], digits)}).")
    if s.loc["LDA", "diversity"] != s.loc["NMF", "diversity"]:
        div = "LDA" if s.loc["LDA", "diversity"] > s.loc["NMF", "diversity"] else "NMF"
        also = " also" if div == coherent else ""
        lines.append(f"{div}'s are{also} more diverse ({_f(s.loc[div, 'diversity'], digits)} against "
                     f"{_f(s.loc[_other(div), 'diversity'], digits)}).")
    spread = {"LDA": lda_table["share"], "NMF": nmf_table["share"]}
    even = min(spread, key=lambda m: (spread[m].max() - spread[m].min(), m))
    lines.append(f"{even}'s topics are more even in size (shares {share(spread[even].min(), 1)}–"
                 f"{share(spread[even].max(), 1)}, against {share(spread[_other(even)].min(), 1)}–"
                 f"{share(spread[_other(even)].max(), 1)}).")
    return lines


def _other(model: str) -> str:
    return "NMF" if model == "LDA" else "LDA"


def summarise(chosen_k: int, sweep: pd.DataFrame, summary: pd.DataFrame, stability: Stability | None,
              lda_table: pd.DataFrame, matches: pd.DataFrame | None, min_diversity: float, sampled: bool = False,
              same_cosine: float = SAME_THEME_COSINE, digits: int = 3) -> str:
    """The closing bullets: the chosen k, its coherence in the sweep and in the reported model,
    the stability over seeds, and the firm result — the topics that are stable *and* found by
    NMF (best-match cosine ≥ *same_cosine*)."""
    row = sweep.set_index("k").loc[chosen_k]
    n_clear = int((sweep["diversity"] >= min_diversity - 1e-12).sum())
    lda = summary.set_index("model").loc["LDA"]
    names = dict(zip(lda_table["topic"], lda_table["label"]))
    where = "the sweep's sample" if sampled else "the sweep"
    lines = [f"**Chosen k = {chosen_k}** by the rule of section 2 ({n_clear} of the {len(sweep)} k tried "
             f"cleared the diversity bar of {min_diversity:g}).",
             f"**Coherence at k = {chosen_k}:** NPMI {_f(row['npmi'], digits)} (mean over the seeds of {where}, sd "
             f"{_f(row['npmi_sd'], digits)}), UMass {_f(row['umass'], digits)}, diversity "
             f"{_f(row['diversity'], digits)}; the reported model: NPMI {_f(lda['npmi'], digits)}, "
             f"UMass {_f(lda['umass'], digits)}, diversity {_f(lda['diversity'], digits)}."]
    if stability is not None:
        lines.append(f"**Stability over {count(_n_runs(stability), 'seed')}:** mean best-match "
                     f"Jaccard {_f(stability.mean_jaccard, digits)}, cosine {_f(stability.mean_cosine, digits)}; "
                     f"{stability.n_stable} of {count(len(stability.topics), 'topic')} stable.")
        stable = set(stability.topics.loc[stability.topics["stable"], "topic"].astype(int))
        found = set() if matches is None else set(matches.loc[matches["cosine"] >= same_cosine, "topic_a"].astype(int))
        firm = sorted(stable & found)
        if firm:
            lines.append(f"**Firm result:** {listing([_topic(t, names) for t in firm], _NAMED)} — stable over seeds "
                         f"and found by NMF too (cosine ≥ {same_cosine:g}).")
        else:
            lines.append(f"**No topic is both stable over seeds and found by NMF** (cosine ≥ {same_cosine:g}): "
                         "read the topics as a first map of the corpus, not as stable categories.")
    return bullet_list(lines)


def _n_runs(stability: Stability) -> int:
    return len(set(stability.pairs["seed_a"]) | set(stability.pairs["seed_b"]))
