"""Generated statements of notebook 07 (continuity and diffusion): what two aligned plans share, what a
bureau's series continued, changed, dropped and raised, where attention moved, when policy terms first
appear — and what a corpus of this size can and cannot show.

Each function takes the tables of :mod:`wpanalysis.align` / :mod:`wpanalysis.diffusion` and returns
Markdown.

>>> al = pd.DataFrame({"doc_a": "a", "doc_b": "b", "item_seq_a": [1, 2, None], "item_seq_b": [1, None, 2],
...                    "item_number_a": [1, 2, None], "item_number_b": [1, None, 2],
...                    "title_a": ["落实双减", "抓好安全", None], "title_b": ["落实双减", None, "发展职教"],
...                    "label": ["continued", "dropped", "new"], "score": [0.9, None, None]})
>>> print(alignment_statement(al))  # doctest: +NORMALIZE_WHITESPACE
**a** (2 items) and **b** (2 items) share **1 item** (1 continued, 0 changed) at the threshold 0.2;
1 item of a has no counterpart in b and 1 item of b none in a.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from ..align import THRESHOLD, alignment_summary, bureau_series
from . import bullet_list, count, listing, share

__all__ = ["alignment_statement", "alignment_examples", "no_pair_statement", "validation_statement",
           "continuity_statement", "attention_statement", "diffusion_limits_statement", "first_use_statement"]

Labels = Mapping[str, str] | pd.Series | None


def _name(labels: Labels, doc_id: object) -> str:
    return str(labels.get(doc_id, doc_id)) if labels is not None else str(doc_id)


def _item(number: object, title: object) -> str:
    num = f"{int(number)}" if pd.notna(number) else "?"
    return f"{num} {title}" if isinstance(title, str) else num


def alignment_statement(table: pd.DataFrame, labels: Labels = None, threshold: float = THRESHOLD) -> str:
    """What two aligned plans share and what is unique to each (one :func:`wpanalysis.align.align_plans` table)."""
    if table.empty:
        return "No items to align."
    s = alignment_summary(table).iloc[0]
    a, b = _name(labels, s["doc_a"]), _name(labels, s["doc_b"])
    return (f"**{a}** ({count(int(s['n_items_a']), 'item')}) and **{b}** ({count(int(s['n_items_b']), 'item')}) "
            f"share **{count(int(s['shared']), 'item')}** ({s['continued']} continued, {s['changed']} changed) at "
            f"the threshold {threshold:g}; {count(int(s['dropped']), 'item')} of {a} "
            f"{'has' if s['dropped'] == 1 else 'have'} no counterpart in {b} and "
            f"{count(int(s['new']), 'item')} of {b} none in {a}.")


def alignment_examples(table: pd.DataFrame, n: int = 3, labels: Labels = None) -> str:
    """The *n* best-scoring shared items and the first *n* items unique to each plan, as bullets.

    >>> al = pd.DataFrame({"doc_a": "a", "doc_b": "b", "item_number_a": [1, 2, None], "item_number_b": [1, None, 2],
    ...                    "title_a": ["落实双减", "抓好安全", None], "title_b": ["落实双减", None, "发展职教"],
    ...                    "label": ["continued", "dropped", "new"], "score": [0.9, None, None],
    ...                    "shared_terms": ["双减", None, None]})
    >>> print(alignment_examples(al, 1))
    - shared: a 1 落实双减 ↔ b 1 落实双减 (score 0.90; shared 双减)
    - only in a: 2 抓好安全
    - only in b: 2 发展职教
    """
    if table.empty:
        return "No items to align."
    a, b = _name(labels, table["doc_a"].iloc[0]), _name(labels, table["doc_b"].iloc[0])
    pairs = table[table["label"].isin(["continued", "changed"])].sort_values("score", ascending=False, kind="stable")
    lines = [f"shared: {a} {_item(r.item_number_a, r.title_a)} ↔ {b} {_item(r.item_number_b, r.title_b)} "
             f"(score {r.score:.2f}; shared {r.shared_terms or '—'})" for r in pairs.head(n).itertuples()]
    only_a = [_item(r.item_number_a, r.title_a) for r in table[table["label"] == "dropped"].head(n).itertuples()]
    only_b = [_item(r.item_number_b, r.title_b) for r in table[table["label"] == "new"].head(n).itertuples()]
    lines += [f"only in {a}: {listing(only_a, n)}", f"only in {b}: {listing(only_b, n)}"]
    return bullet_list(lines)


def no_pair_statement(documents: pd.DataFrame) -> str:
    """Why no two plans are aligned: no year has two full-text plans.

    >>> no_pair_statement(pd.DataFrame({"doc_id": ["a"], "year": [2024], "completeness": ["full"]}))
    'No year has two full-text plans (1 plan in 1 year), so no two plans of one year are aligned here.'
    """
    return (f"No year has two full-text plans ({count(len(documents), 'plan')} in "
            f"{count(documents['year'].nunique(), 'year')}), so no two plans of one year are aligned here.")


def validation_statement(curve: pd.DataFrame, who: str = "the alignment's author", threshold: float = THRESHOLD
                         ) -> str:
    """Precision and recall of the assignment on a hand-aligned pair (:func:`wpanalysis.align.threshold_curve`).

    >>> curve = pd.DataFrame({"threshold": [0.2], "n_gold_pairs": [23], "n_predicted": [15], "n_correct": [11],
    ...                       "precision": [11 / 15], "recall": [11 / 23], "f1": [0.58]})
    >>> print(validation_statement(curve))  # doctest: +NORMALIZE_WHITESPACE
    On the hand-aligned pair (aligned by the alignment's author: 23 pairs), the assignment at the threshold 0.2
    makes 15 pairs, 11 of them right: precision 0.73, recall 0.48. With 23 hand-aligned pairs, each pair moves
    recall by 0.04: read these as rough.
    """
    if curve.empty:
        return ("This corpus has no hand-aligned pair of its own (or lacks the plans of the one given), so the "
                "threshold's precision and recall cannot be measured here; see the README for the seed pair.")
    row = curve.iloc[(curve["threshold"] - threshold).abs().argmin()]
    n = int(row["n_gold_pairs"])
    return (f"On the hand-aligned pair (aligned by {who}: {count(n, 'pair')}), the assignment at the threshold "
            f"{row['threshold']:g} makes {count(int(row['n_predicted']), 'pair')}, {int(row['n_correct'])} of them "
            f"right: precision {row['precision']:.2f}, recall {row['recall']:.2f}. With {n} hand-aligned pairs, "
            f"each pair moves recall by {1 / n:.2f}: read these as rough.")


def continuity_statement(continuity: pd.DataFrame, labels: Labels = None) -> str:
    """Per consecutive pair of a bureau's plans: how many items continued, changed, were dropped or new.

    >>> ct = pd.DataFrame({"bureau": "b", "year_a": 2022, "year_b": 2023, "doc_a": "x", "doc_b": "y",
    ...                    "item_seq_a": [1, 2], "item_seq_b": [1, None], "label": ["changed", "dropped"]})
    >>> print(continuity_statement(ct))
    - b, 2022 → 2023: of 2 items, 0 continued, 1 changed, 1 dropped; 0 new of 1.
    """
    if continuity.empty:
        return ("No bureau has plans in two different years in this corpus, so nothing can be said here about "
                "what a bureau continued or dropped.")
    summary = alignment_summary(continuity)
    years = continuity[["bureau", "year_a", "year_b", "doc_a", "doc_b"]].drop_duplicates()
    merged = years.merge(summary, on=["doc_a", "doc_b"])
    lines = [f"{r.bureau}, {r.year_a} → {r.year_b}: of {count(int(r.n_items_a), 'item')}, {r.continued} continued, "
             f"{r.changed} changed, {r.dropped} dropped; {r.new} new of {r.n_items_b}."
             for r in merged.itertuples()]
    return bullet_list(lines)


def attention_statement(shift: pd.DataFrame, n: int = 3, names: Mapping[str, str] | None = None) -> str:
    """The largest shifts of attention (share of items by domain) between consecutive plans, with the
    items behind them.

    >>> sh = pd.DataFrame({"bureau": "b", "year": [2023, 2023], "domain": ["digital", "vocational"],
    ...                    "domain_zh": ["教育数字化", "职业教育"], "n_items": [1, 0], "share": [0.125, 0.0],
    ...                    "change": [0.125, -0.125], "items_added": ["6 推进教育数字化", ""],
    ...                    "items_removed": ["", "4 发展职业教育"]})
    >>> print(attention_statement(sh))
    - b 2023: 教育数字化 +12.5 points (added: 6 推进教育数字化)
    - b 2023: 职业教育 −12.5 points (removed: 4 发展职业教育)
    """
    moved = shift[shift["change"].notna() & (shift["change"] != 0)]
    if moved.empty:
        return ("No shift of attention between domains can be shown: no bureau has two plans, or the shares "
                "did not change." if shift["change"].notna().sum() == 0 else
                "The domains' shares did not change between consecutive plans.")
    top = moved.assign(_abs=moved["change"].abs()).sort_values(["_abs", "bureau", "year", "domain"],
                                                               ascending=[False, True, True, True]).head(n)
    lines = []
    for r in top.itertuples():
        sign = "+" if r.change > 0 else "−"
        why = f"added: {r.items_added}" if r.change > 0 else f"removed: {r.items_removed}"
        lines.append(f"{r.bureau} {r.year}: {r.domain_zh} {sign}{abs(r.change) * 100:.1f} points ({why})")
    return bullet_list(lines)


def diffusion_limits_statement(documents: pd.DataFrame) -> str:
    """What the corpus can and cannot show about diffusion, from its numbers of plans, years and bureaus.

    >>> docs = pd.DataFrame({"doc_id": list("abc"), "year": [2024, 2024, 2025], "issuer": [None] * 3,
    ...                      "province": ["浙江省"] * 3, "city": ["宁波市", "杭州市", "宁波市"], "county": [None] * 3,
    ...                      "admin_level": ["city"] * 3})
    >>> print(diffusion_limits_statement(docs))  # doctest: +NORMALIZE_WHITESPACE
    3 plans of 2 bureaus over 2 years (2024–2025); 1 bureau has plans in two or more years.
    <BLANKLINE>
    - It can show: the first year and place a term is *found in these plans*, and how many plans use it each
    year.
    - It cannot show where a term was coined or first used in China (the corpus is a collection, not a census),
    nor compare adoption rates: 1 bureau is observed in more than one year, too few for an event-history model
    (which needs many bureaus observed over years, with adoptions among them).
    """
    docs = documents if isinstance(documents, pd.DataFrame) else documents.documents
    series = bureau_series(docs)
    from ..align import bureau_key  # the bureau of every plan, not only series

    n_bureaus = bureau_key(docs).nunique()
    years = sorted(docs["year"].dropna().astype(int).unique())
    span = f"{years[0]}–{years[-1]}" if len(years) > 1 else (str(years[0]) if years else "no year")
    n_series = series["bureau"].nunique()
    head = (f"{count(len(docs), 'plan')} of {count(n_bureaus, 'bureau')} over {count(len(years), 'year')} ({span}); "
            f"{count(n_series, 'bureau')} {'has' if n_series == 1 else 'have'} plans in two or more years.")
    can = ("It can show: the first year and place a term is *found in these plans*, and how many plans use it "
           "each year.")
    if n_series >= 20:
        cannot = ("It cannot show where a term was coined or first used in China (the corpus is a collection, not a "
                  f"census); with {count(n_series, 'bureau')} observed over years, the event-history table can "
                  "support a discrete-time model, whose covariates (neighbours, level, region) are the researcher's.")
    else:
        cannot = ("It cannot show where a term was coined or first used in China (the corpus is a collection, not a "
                  f"census), nor compare adoption rates: {count(n_series, 'bureau')} "
                  f"{'is' if n_series == 1 else 'are'} observed in more than one year, too few for an event-history "
                  "model (which needs many bureaus observed over years, with adoptions among them).")
    return head + "\n\n" + bullet_list([can, cannot])


def first_use_statement(first: pd.DataFrame, n: int = 5) -> str:
    """The terms first found in the latest year (new in the corpus that year) and the most widely used terms.

    >>> first = pd.DataFrame({"term": ["双减", "教联体"], "first_year": [2023, 2024],
    ...                       "first_places": ["吉首市", "宁波市"], "n_plans": [5, 1], "n_plans_total": [9, 9]})
    >>> print(first_use_statement(first, n=1))  # doctest: +NORMALIZE_WHITESPACE
    Of 2 terms found, 1 first appears in 2024, the latest year (教联体 (宁波市)); the most widely used is
    双减 (5 of 9 plans, 56%).
    """
    if first.empty:
        return "None of the terms is found in these plans."
    latest = first["first_year"].max()
    newest = first[first["first_year"] == latest]
    wide = first.sort_values(["n_plans", "term"], ascending=[False, True]).head(n)
    total = int(first["n_plans_total"].iloc[0])
    news = listing([f"{r.term} ({r.first_places})" for r in newest.head(n).itertuples()], n)
    widest = listing([f"{r.term} ({r.n_plans} of {total} plans, {share(r.n_plans, total)})"
                      for r in wide.itertuples()], n)
    verb = "is" if len(wide) == 1 else "are"
    return (f"Of {count(len(first), 'term')} found, {len(newest)} first appear{'s' if len(newest) == 1 else ''} "
            f"in {latest}, the latest year ({news}); the most widely used {verb} {widest}.")
