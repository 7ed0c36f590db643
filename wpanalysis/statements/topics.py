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
from ..topics import LabelMatch
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
    "describe_sweep_edge",
    "describe_engine",
    "describe_stability_over_k",
    "describe_topic_stability",
    "describe_weighting",
    "describe_plan_table",
    "describe_sweep_rule",
    "describe_dmr",
    "no_dmr",
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
    table = table.rename(columns={"share_items": "share"})
    first = table.iloc[0]
    text = (f"The {count(len(table), 'topic')} take between {share(table['share'].min(), 1)} and "
            f"{share(table['share'].max(), 1)} of the items (topic 1, {first['label']}, is the largest: the dominant "
            f"topic of {count(int(first['n_items']), 'item')}).")
    if "npmi" in table.columns and len(table) > 1:
        ranked = table.sort_values(["npmi", "topic"], ascending=[False, True])
        hi, lo = ranked.iloc[0], ranked.iloc[-1]
        text += (f" Most coherent: topic {int(hi['topic'])} ({hi['label']}, NPMI {_f(hi['npmi'], digits)}); "
                 f"least: topic {int(lo['topic'])} ({lo['label']}, {_f(lo['npmi'], digits)}).")
    return text


def _why_not(row) -> str:
    """Why a label of a :class:`~wpanalysis.topics.LabelMatch` table does not apply."""
    if not getattr(row, "named_by_checks", True):
        return "it names words that are not among its check terms"
    return f"best candidate: topic {row.topic}, {row.shared} shared terms"


def describe_labels(match: LabelMatch, file_name: str, k: int) -> str:
    """Which labels of the labels file apply to the fitted topics, which are ignored as stale, and
    what the unlabelled topics show instead."""
    rule = (f"every check term among the topic's top {match.n_terms} terms by weight, a label made of its check "
            f"terms only, and at least {share(match.min_shared, 1)} of its recorded terms among those top "
            f"{match.n_terms}")
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
        names = [f"{r.label} ({_why_not(r)})" for r in stale.itertuples()]
        text = (f"{len(used)} of the {count(len(table), 'label')} in `{file_name}` match a fitted topic ({rule}) "
                f"and are used ({_topics(sorted(used['topic'].astype(int)))}); {len(stale)} "
                f"{'does' if len(stale) == 1 else 'do'} not and {'is' if len(stale) == 1 else 'are'} ignored: "
                f"{listing(names, _NAMED)}.")
    unlabelled = sorted(set(range(1, k + 1)) - set(used["topic"].astype(int)))
    if unlabelled:
        text += f" {_topics(unlabelled).capitalize()} {'is' if len(unlabelled) == 1 else 'are'} {fallback}."
    return text


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
                     f"the items, the dominant topic of {count(int(r.n_items), 'item')}.")
    return lines


def describe_lda_nmf(summary: pd.DataFrame, matches: pd.DataFrame, lda_table: pd.DataFrame, nmf_table: pd.DataFrame,
                     same_cosine: float = SAME_THEME_COSINE, digits: int = 3) -> str:
    """Which themes both models find (best-match cosine ≥ *same_cosine*), which LDA topics NMF
    merges, which NMF topics match no LDA topic, and which model is more coherent, more diverse
    and more even in topic size. *summary*: :func:`wpanalysis.topics.model_summary` with rows
    ``LDA`` and ``NMF``; *matches*: :func:`wpanalysis.topics.match_topics` (LDA → NMF)."""
    lda_table, nmf_table = (t.rename(columns={"share_items": "share"}) for t in (lda_table, nmf_table))
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


def describe_sweep_edge(tried: Sequence[int], chosen_k: int, requested: Sequence[int] = ()) -> str:
    """Whether the chosen k lies inside the swept range or at its edge (where a k beyond it was never
    fitted, so the rule's choice may be the range's, not the data's). *requested*: the k asked for
    (``k_values``), to say when a larger k was asked for but left out for too few items per topic.

    >>> describe_sweep_edge([2, 3, 4], 3)
    'k = 3 lies inside the sweep (k = 2–4): both neighbours, k = 2 and k = 4, were fitted and scored.'
    """
    ks = sorted(int(k) for k in tried)
    if len(ks) == 1:
        return f"Only k = {chosen_k} was tried: the sweep cannot say whether another k fits better."
    lo, hi = ks[0], ks[-1]
    if chosen_k == hi and any(int(k) > hi for k in requested):
        return (f"**k = {chosen_k} is the largest k the sweep tried** ({_ks(ks)}): the larger k asked for were left "
                "out because the items give too few per topic, so whether a finer cut scores higher cannot be told "
                "from this corpus.")
    if chosen_k == hi:
        return (f"**k = {chosen_k} is the largest k the sweep tried** ({_ks(ks)}): a larger k was never fitted and "
                f"might score higher by the same rule — extend `k_values` before reading k = {chosen_k} as the "
                "best cut.")
    if chosen_k == lo and lo > 2:
        return (f"**k = {chosen_k} is the smallest k the sweep tried** ({_ks(ks)}): a smaller k was never fitted "
                "and might score higher by the same rule — extend `k_values` down to 2.")
    if chosen_k == lo:
        return (f"**k = {chosen_k} is the lower edge of the sweep** ({_ks(ks)}) and the fewest topics a model can "
                "have: by this rule the items support no finer split — which is not the same as the corpus having "
                "two themes.")
    missing = [k for k in (chosen_k - 1, chosen_k + 1) if k not in ks]
    if missing:
        return (f"k = {chosen_k} lies inside the sweep ({_ks(ks)}), but {_ks(missing)} next to it "
                f"{'was' if len(missing) == 1 else 'were'} not fitted.")
    return (f"k = {chosen_k} lies inside the sweep ({_ks(ks)}): both neighbours, k = {chosen_k - 1} and "
            f"k = {chosen_k + 1}, were fitted and scored.")


def describe_engine(facts: pd.DataFrame) -> str:
    """Which library fitted the LDA and how, from :func:`wpanalysis.topic_engines.engine_facts`
    (rows ``measure``, ``value``).

    >>> f = pd.DataFrame({"measure": ["engine", "library and version", "inference", "iterations"],
    ...                   "value": ["tomotopy", "tomotopy 0.14.0", "collapsed Gibbs sampling", 200]})
    >>> describe_engine(f)
    'The LDA models are fitted with tomotopy 0.14.0: collapsed Gibbs sampling, 200 iterations.'
    """
    v = dict(zip(facts["measure"], facts["value"]))
    lib = v.get("library and version", v.get("engine", "an unnamed engine"))
    parts = [str(v["inference"])] if "inference" in v else []
    if "iterations" in v:
        parts.append(f"{v['iterations']} iterations")
    priors = [f"{name} = {v[key]}" for key, name in (("document–topic prior α", "α"), ("topic–term prior η", "η"))
              if key in v]
    if priors:
        parts.append("priors " + " and ".join(priors))
    if "threads" in v:
        parts.append(f"{count(int(v['threads']), 'thread')}")
    if "item shares" in v:
        parts.append(f"item shares: {v['item shares']}")
    if "log-likelihood per token (all items, θ·φ)" in v:
        parts.append(f"log-likelihood per token {_f(float(v['log-likelihood per token (all items, θ·φ)']), 3)}")
    return f"The LDA models are fitted with {lib}" + (f": {'; '.join(parts) if len(parts) > 2 else ', '.join(parts)}"
                                                      if parts else "") + "."


def describe_stability_over_k(table: pd.DataFrame, chosen_k: int, threshold: float, seeds: Sequence[int],
                              n_items: int, n_fit: int, digits: int = 3) -> str:
    """Stability over refits at the chosen k and its fitted neighbours (*table*:
    :func:`wpanalysis.topic_reports.stability_over_k`): the mean best-match Jaccard with its spread
    over the pairs of runs, how far it is from *threshold*, and the items the refits saw.

    >>> t = pd.DataFrame({"k": [2, 3], "n_runs": [3, 3], "n_pairs": [3, 3], "jaccard_mean": [0.7, 0.45],
    ...                   "jaccard_sd": [0.05, 0.1], "jaccard_min": [0.65, 0.3], "jaccard_max": [0.75, 0.55],
    ...                   "n_topics": [2, 3], "n_stable": [2, 0]})
    >>> describe_stability_over_k(t, 3, 0.5, [0, 1, 2], 200, 200).split(". ")[0]
    'Each k was refitted with 3 seeds (0, 1 and 2) on all 200 items'
    """
    if table.empty:
        return "No refits: one seed only, so stability over seeds cannot be measured."
    n_runs = int(table["n_runs"].max())
    seen = (f"on all {n_items:,} items" if n_fit >= n_items else
            f"on the sweep's random sample of {n_fit:,} of the {n_items:,} items")
    parts = []
    for r in table.itertuples():
        mark = " (chosen)" if r.k == chosen_k else ""
        spread = (f"sd {_f(r.jaccard_sd, digits)}, range {_f(r.jaccard_min, digits)}–{_f(r.jaccard_max, digits)} "
                  f"over {count(int(r.n_pairs), 'pair')} of runs" if r.n_pairs > 1 else "one pair of runs")
        parts.append(f"k = {r.k}{mark}: {_f(r.jaccard_mean, digits)} ({spread}; {r.n_stable} of {r.n_topics} "
                     f"topics {'reaches' if r.n_stable == 1 else 'reach'} {threshold:g} in every refit)")
    text = (f"Each k was refitted with {count(n_runs, 'seed')} ({listing(seeds)}) {seen}. Mean best-match Jaccard "
            f"of the top terms — {'; '.join(parts)}.")
    row = table.set_index("k").loc[chosen_k] if chosen_k in set(table["k"]) else None
    if row is not None:
        gap = float(row["jaccard_mean"]) - threshold
        side = "above" if gap >= 0 else "below"
        within = (pd.notna(row["jaccard_sd"]) and abs(gap) < float(row["jaccard_sd"]))
        text += (f" At the chosen k = {chosen_k} the mean is {_f(abs(gap), digits)} {side} the threshold of "
                 f"{threshold:g}" + (f", less than one sd of the pairs ({_f(row['jaccard_sd'], digits)}): the "
                                     "refits do not put it clearly on either side." if within else "."))
        best = table.sort_values(["jaccard_mean", "k"], ascending=[False, True]).iloc[0]
        if int(best["k"]) != chosen_k:
            text += (f" Topics recur more at k = {int(best['k'])} ({_f(best['jaccard_mean'], digits)}) than at the "
                     "chosen k: the rule for k weighs coherence and diversity, not stability.")
    return text


def _neighbours(row: pd.Series, columns: Sequence[str], threshold: float, digits: int) -> str:
    shown = [f"{_f(row[c], digits)} at k = {c.removeprefix('jaccard_k')}" for c in columns]
    return listing(shown)


def describe_topic_stability(per_topic: pd.DataFrame, names: Mapping[int, str] | None, threshold: float,
                             cosine_bar: float = COSINE_DIRECTION, digits: int = 3) -> str:
    """Each topic of the reported model against its refits (*per_topic*:
    :func:`wpanalysis.topic_reports.topic_stability_table`): **stable** only when it reaches
    *threshold* in every refit; **borderline** when its mean does but some refit does not (the mean
    alone is one number near the threshold, not a finding); **not stable** otherwise — each with how
    far its mean is from the threshold, its range over the refits and its best match at k ± 1."""
    if "verdict" not in per_topic.columns:
        return "No refits: one seed only, so no topic can be called stable or unstable."
    names = _as_dict(names)
    near = [c for c in per_topic.columns if c.startswith("jaccard_k")]
    lines = []
    n_refits = int(per_topic["n_refits"].iloc[0])
    for r in per_topic.itertuples():
        row = per_topic.loc[r.Index]
        head = _topic(int(r.topic), names)
        where = (f"mean {_f(r.jaccard_mean, digits)}, {_f(abs(r.margin), digits)} "
                 f"{'above' if r.margin >= 0 else 'below'} the threshold of {threshold:g}; range "
                 f"{_f(r.jaccard_min, digits)}–{_f(r.jaccard_max, digits)}")
        if r.verdict == "stable":
            verdict = (f"**stable**: it reaches {threshold:g} in all {n_refits} refits ({where})")
        elif r.verdict == "borderline":
            verdict = (f"**borderline**: its mean reaches {threshold:g}, but it falls below it in "
                       f"{n_refits - int(r.n_reached)} of {n_refits} refits ({where}) — not robust on this evidence")
        else:
            verdict = (f"**not stable**: it reaches {threshold:g} in {int(r.n_reached)} of {n_refits} refits "
                       f"({where})")
        text = f"{head[0].upper()}{head[1:]} is {verdict}"
        if near:
            text += f"; its best match at the neighbouring k: {_neighbours(row, near, threshold, digits)}"
        lines.append(text + ".")
    weak = per_topic[(per_topic["verdict"] != "stable") & (per_topic["cosine_mean"] >= cosine_bar)]
    if len(weak):
        lines.append(f"The topic–term weights of {_topics(weak['topic'].astype(int))} still point the same way "
                     f"(mean cosine ≥ {cosine_bar:g}): the refits agree on the broad direction but cut the items "
                     "between neighbouring topics differently — read those topics together.")
    return " ".join(lines)


def describe_weighting(table: pd.DataFrame, names: Mapping[int, str] | None = None, digits: int = 3) -> str:
    """The declared weighting rule and how much it matters (*table*:
    :func:`wpanalysis.topic_reports.weighting_table`): each plan weighs 1, beside the item-weighted
    share, with the largest gap between the two and the topic whose share varies most between plans.

    >>> t = pd.DataFrame({"topic": [1, 2], "n_plans": [4, 4], "plan_weighted": [0.6, 0.4],
    ...                   "item_weighted": [0.55, 0.45], "difference": [-0.05, 0.05], "plan_sd": [0.2, 0.2],
    ...                   "plan_min": [0.3, 0.1], "plan_max": [0.9, 0.7]})
    >>> describe_weighting(t).split(". ")[1]
    'In these 4 plans the two differ by at most 0.050 (topic 1: 0.600 plan-weighted against 0.550 item-weighted)'

    """
    n = int(table["n_plans"].max())
    top = table.loc[table["difference"].abs().idxmax()]
    spread = table.assign(_range=table["plan_max"] - table["plan_min"]).sort_values(
        ["_range", "topic"], ascending=[False, True]).iloc[0]
    return (f"The declared rule is the plan's: each plan weighs 1, so a topic's share of the corpus is the mean of "
            f"the {n:,} plans' shares (`plan_weighted`); `item_weighted` counts every item once, so plans with more "
            f"items weigh more. In these {count(n, 'plan')} the two differ by at most "
            f"{_f(abs(top['difference']), digits)} ({_topic(int(top['topic']), names)}: "
            f"{_f(top['plan_weighted'], digits)} plan-weighted against {_f(top['item_weighted'], digits)} "
            f"item-weighted). Plans differ most in {_topic(int(spread['topic']), names)}: their shares range from "
            f"{_f(spread['plan_min'], digits)} to {_f(spread['plan_max'], digits)}.")


def summarise(chosen_k: int, sweep: pd.DataFrame, summary: pd.DataFrame, k_stability: pd.DataFrame | None,
              per_topic: pd.DataFrame | None, lda_table: pd.DataFrame, matches: pd.DataFrame | None,
              min_diversity: float, threshold: float, n_plans: int, sampled: bool = False,
              same_cosine: float = SAME_THEME_COSINE, digits: int = 3) -> str:
    """The closing bullets: the chosen k and where it sits in the sweep, its coherence, the stability
    over seeds with its spread, and the firm result — topics that reach the stability threshold in
    *every* refit *and* are found by NMF (best-match cosine ≥ *same_cosine*), phrased for these
    *n_plans* plans."""
    row = sweep.set_index("k").loc[chosen_k]
    n_clear = int((sweep["diversity"] >= min_diversity - 1e-12).sum())
    lda = summary.set_index("model").loc["LDA"]
    names = dict(zip(lda_table["topic"], lda_table["label"]))
    ks = sorted(int(k) for k in sweep["k"])
    edge = ("the largest k tried" if chosen_k == ks[-1] and len(ks) > 1 else
            "the smallest k tried" if chosen_k == ks[0] and len(ks) > 1 else "inside the range tried")
    where = "the sweep's sample" if sampled else "the sweep"
    lines = [f"**Chosen k = {chosen_k}** by the rule of section 2 ({n_clear} of the {len(sweep)} k tried, "
             f"{_ks(ks)}, cleared the diversity bar of {min_diversity:g}); it is {edge}.",
             f"**Coherence at k = {chosen_k}:** NPMI {_f(row['npmi'], digits)} (mean over the seeds of {where}, sd "
             f"{_f(row['npmi_sd'], digits)}), UMass {_f(row['umass'], digits)}, diversity "
             f"{_f(row['diversity'], digits)}; the reported model: NPMI {_f(lda['npmi'], digits)}, "
             f"UMass {_f(lda['umass'], digits)}, diversity {_f(lda['diversity'], digits)}."]
    if k_stability is None or per_topic is None or "verdict" not in per_topic.columns:
        return bullet_list(lines)
    at = k_stability.set_index("k")
    here = at.loc[chosen_k]
    others = [f"k = {k}: {_f(at.loc[k, 'jaccard_mean'], digits)}" for k in at.index if k != chosen_k]
    counts = per_topic["verdict"].value_counts()
    lines.append(f"**Stability over {count(int(here['n_runs']), 'seed')} at k = {chosen_k}:** mean best-match "
                 f"Jaccard {_f(here['jaccard_mean'], digits)} (sd {_f(here['jaccard_sd'], digits)} over "
                 f"{count(int(here['n_pairs']), 'pair')} of runs"
                 + (f"; {listing(others)}" if others else "") + f"); of {count(len(per_topic), 'topic')}, "
                 f"{int(counts.get('stable', 0))} stable ({threshold:g} reached in every refit), "
                 f"{int(counts.get('borderline', 0))} borderline, {int(counts.get('unstable', 0))} not stable.")
    stable = set(per_topic.loc[per_topic["verdict"] == "stable", "topic"].astype(int))
    found = set() if matches is None else set(matches.loc[matches["cosine"] >= same_cosine, "topic_a"].astype(int))
    firm = sorted(stable & found)
    if firm:
        lines.append(f"**Firm result, in these {count(n_plans, 'plan')}:** "
                     f"{listing([_topic(t, names) for t in firm], _NAMED)} — above the threshold in every refit and "
                     f"found by NMF too (cosine ≥ {same_cosine:g}).")
    else:
        lines.append(f"**No topic is both stable in every refit and found by NMF** (cosine ≥ {same_cosine:g}): in "
                     f"these {count(n_plans, 'plan')}, read the topics as a first map of the corpus, not as stable "
                     "categories.")
    return bullet_list(lines)


def describe_plan_table(n_plans: int, max_plans: int, csv_name: str) -> str:
    """Whether the per-plan table is shown or, past *max_plans* plans, written to *csv_name*.

    >>> describe_plan_table(9, 30, "tables/x.csv")
    "One row per plan, 9 plans: each plan's share of each topic and its number of items in the model."
    """
    if n_plans <= max_plans:
        return (f"One row per plan, {count(n_plans, 'plan')}: each plan's share of each topic and its number of items "
                "in the model.")
    return (f"With {count(n_plans, 'plan')} (more than {max_plans}), the per-plan table is not shown: it is written "
            f"to `{csv_name}` (one row per plan); the table above gives the distribution of the plans' shares.")


def describe_sweep_rule(plan: object, sweep_max_items: int) -> str:
    """The large-N rule as applied (*plan*: :func:`wpanalysis.topic_engines.sweep_plan`): which items the
    sweep and the stability refits fit, how many seeds, and how many fits that costs."""
    seen = (f"all {plan.n_items:,} items (no more than `sweep_max_items` = {sweep_max_items:,})" if not plan.sampled
            else f"a random sample of {plan.sweep_items:,} of the {plan.n_items:,} items (more than "
                 f"`sweep_max_items` = {sweep_max_items:,}), so their cost stops growing with the corpus")
    return (f"The sweep and the stability refits fit {seen}; the reported model and NMF fit all items. The rule "
            f"gives {count(len(plan.ks), 'k')} to try ({_ks(plan.ks) if plan.ks else 'none'}), "
            f"{count(len(plan.sweep_seeds), 'seed')} per k in the sweep and {count(len(plan.stability_seeds), 'seed')} "
            f"({listing(plan.stability_seeds)}) for the stability refits.")


def describe_dmr(table: pd.DataFrame, names: Mapping[int, str] | None = None, level: float = 0.95,
                 digits: int = 3) -> str:
    """Topic prevalence by covariate from the DMR (*table*: :attr:`wpanalysis.topic_dmr.DMRPrevalence.table`):
    for each covariate with at least two values, the topic whose model-based share differs most between
    its values, the two extreme values with their plans and intervals, and whether the intervals
    overlap — phrased for these plans, and never about a value held by one plan as a group.

    >>> t = pd.DataFrame({"covariate": ["region"] * 4, "value": ["east", "east", "west", "west"],
    ...                   "n_plans": [5, 5, 1, 1], "topic": [1, 2, 1, 2], "prevalence": [0.6, 0.4, 0.3, 0.7],
    ...                   "ci_low": [0.5, 0.3, 0.1, 0.5], "ci_high": [0.7, 0.5, 0.5, 0.9], "n_boot": [20] * 4})
    >>> describe_dmr(t).split(": ")[0]
    'By region, topic 1 differs most'
    """
    if table.empty:
        return "No covariate to model."
    names = _as_dict(names)
    pct = f"{level:.0%}"
    lines = []
    for cov, part in table.groupby("covariate", sort=False):
        values = part["value"].unique()
        if len(values) < 2:
            lines.append(f"By {cov}, every plan has the same value (`{values[0]}`): nothing to compare.")
            continue
        spread = part.groupby("topic")["prevalence"].agg(lambda s: s.max() - s.min()).round(9)  # ties: lower topic
        t = int(spread.sort_values(ascending=False, kind="stable").index[0])
        rows = part[part["topic"] == t].sort_values(["prevalence", "value"], ascending=[False, True])
        hi, lo = rows.iloc[0], rows.iloc[-1]

        def one(r: pd.Series) -> str:
            plans = "1 plan: that plan, not a group" if int(r["n_plans"]) == 1 else count(int(r["n_plans"]), "plan")
            return (f"`{r['value']}` {_f(r['prevalence'], digits)} ({plans}; {pct} interval "
                    f"{_f(r['ci_low'], digits)}–{_f(r['ci_high'], digits)})")
        overlap = float(hi["ci_low"]) <= float(lo["ci_high"])
        verdict = ("the intervals overlap: the plans do not separate the two values" if overlap else
                   "the intervals do not overlap, in these plans")
        lines.append(f"By {cov}, {_topic(t, names)} differs most: {one(hi)} against {one(lo)}; {verdict}.")
    known = table.dropna(subset=["ci_low", "ci_high"])
    outside = int(((known["prevalence"] < known["ci_low"]) | (known["prevalence"] > known["ci_high"])).sum())
    if outside:
        lines.append(f"For {outside:,} of the {len(known):,} value × topic cells the full fit's prevalence lies "
                     "outside its own bootstrap interval: the refits do not reproduce it, so read those prevalences as "
                     "unsettled.")
    n_boot = int(table["n_boot"].max())
    lines.append(f"Intervals: {count(n_boot, 'plan-bootstrap refit')}, each with its own seed; they cover the sampling "
                 "of plans and the sampler's seed, not other settings, and they are descriptions of these plans, "
                 "not tests.")
    return " ".join(lines)


def no_dmr(columns: Sequence[str], n_boot: int) -> str:
    """Why the DMR section is skipped.

    >>> no_dmr(["region", "year"], 0)
    'No DMR: `dmr_boot` is 0, so section 7 is skipped.'
    """
    if n_boot <= 0:
        return "No DMR: `dmr_boot` is 0, so section 7 is skipped."
    return (f"No DMR: none of the registry columns {listing([f'`{c}`' for c in columns])} has two values among "
            "these plans (or no topic model could be fitted), so there is nothing to model.")
