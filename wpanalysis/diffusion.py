"""Diffusion of policy terms over places and years: first use, use by year, adoption curves and the
long table event-history models take.

A plan **uses** a term when the term occurs, as written, in the text of at least one of its items
(read in Simplified characters; a term inside a longer listed term counts too: a plan writing
课后服务质量 uses 课后服务). The terms are the education-policy lexicon
(``resources/lexicon/education_policy.txt``, :func:`policy_terms`) or any list a researcher gives.
The adopting unit is the **bureau** (:func:`wpanalysis.align.bureau_key`): a bureau has *adopted* a
term by year *y* when one of its plans of year *y* or earlier uses it.

What a corpus can show: the first year and place a term is *found in this corpus* (not where it was
coined: a corpus holds the plans someone collected), how many plans use it each year, and — only
when the corpus holds several years of the same bureaus — adoption over time. With one plan per
bureau, the event-history table has one row per bureau and term and no time at risk.

Example::

    from wpanalysis.build import load_corpus
    from wpanalysis import diffusion
    corpus = load_corpus()
    diffusion.first_use(corpus).head()
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from .align import (
    ALIGN_COLUMNS,
    SHIFT_COLUMNS,
    SUMMARY_COLUMNS,
    align_plans,
    alignment_summary,
    attention_shift,
    choose_pair,
    continuity_table,
    with_bureau,
)
from .build import Corpus
from .files import write_atomically
from .lexicon import load_lexicon
from .script import to_simplified

__all__ = ["USE_COLUMNS", "FIRST_COLUMNS", "ADOPTION_COLUMNS", "EVENT_COLUMNS", "CONTINUITY_TABLES",
           "policy_terms", "plan_places", "term_use", "first_use", "adoption_by_year", "event_history",
           "write_continuity_tables"]

USE_COLUMNS = ["doc_id", "bureau", "year", "place", "term", "n_items", "item_numbers"]
FIRST_COLUMNS = ["term", "first_year", "first_places", "first_docs", "n_plans", "n_plans_total", "n_bureaus",
                 "n_years"]
ADOPTION_COLUMNS = ["term", "year", "n_plans_year", "n_using", "share_using", "n_adopters_cum", "n_bureaus_cum",
                    "share_adopted_cum"]
EVENT_COLUMNS = ["term", "bureau", "doc_id", "year", "period", "adopted", "left_censored"]


def policy_terms() -> list[str]:
    """The terms of the education-policy lexicon, in file order.

    >>> "双减" in policy_terms()
    True
    """
    return [t for t, _ in load_lexicon()]


def _place(row: pd.Series) -> str:
    for column in ("county", "city", "province"):
        value = row.get(column)
        if isinstance(value, str) and value.strip():
            return value.strip()
    issuer = row.get("issuer")
    return issuer.strip() if isinstance(issuer, str) and issuer.strip() else f"{row['doc_id']}: place unknown"


def plan_places(documents: pd.DataFrame) -> pd.Series:
    """Each plan's most specific known place (county, else city, else province, else issuer),
    indexed by ``doc_id``.

    >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "province": ["浙江省", None], "city": ["宁波市", None],
    ...                      "county": [None, None], "issuer": [None, None]})
    >>> plan_places(docs).tolist()
    ['宁波市', 'b: place unknown']
    """
    return pd.Series([_place(row) for _, row in documents.iterrows()], index=documents["doc_id"].tolist(),
                     name="place", dtype=object)


def _finder(terms: Sequence[str]):
    """A function text → the set of *terms* occurring in it (plain substrings: a term inside a longer
    one counts)."""
    unique = sorted(set(terms))
    return lambda text: {t for t in unique if t in text}


def term_use(corpus: Corpus, terms: Sequence[str] | None = None) -> pd.DataFrame:
    """Plan × term, only the terms a plan uses (columns :data:`USE_COLUMNS`): ``n_items`` using it and
    their ``item_numbers`` (``;``-joined). Sorted by year, doc_id, term.

    Example: ``term_use(corpus, ["双减", "课后服务"])``.
    """
    terms = policy_terms() if terms is None else [to_simplified(t) for t in terms]
    find = _finder(terms)
    docs = with_bureau(corpus.documents).set_index("doc_id")
    places = plan_places(corpus.documents)
    items = corpus.items[corpus.items["doc_id"].isin(docs.index)]
    texts = [to_simplified(t) if isinstance(t, str) else "" for t in items["text"]]
    rows = []
    # a term is looked for in a plan's items only when the plan's whole text holds it (most do not)
    for doc_id, positions in items.groupby("doc_id", sort=False).indices.items():
        numbers = items["item_number"].iloc[positions].astype(str).tolist()
        mine = [texts[k] for k in positions]
        plan = [doc_id, docs.at[doc_id, "bureau"], docs.at[doc_id, "year"], places[doc_id]]
        for term in sorted(find("\n".join(mine))):
            nums = [n for n, text in zip(numbers, mine) if term in text]
            rows.append([*plan, term, len(nums), ";".join(nums)])
    out = pd.DataFrame(rows, columns=USE_COLUMNS)
    return out.sort_values(["year", "doc_id", "term"], kind="stable").reset_index(drop=True)


def first_use(corpus: Corpus, terms: Sequence[str] | None = None, use: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per term used at least once (columns :data:`FIRST_COLUMNS`): the ``first_year`` it is
    found in the corpus, the places and plans using it that year (、-joined), how many plans and
    bureaus use it, of ``n_plans_total``, and in how many years. Sorted by first year, most plans, term.
    *use* is :func:`term_use` (computed when not given)."""
    use = term_use(corpus, terms) if use is None else use
    by_term = use.groupby("term", sort=True)
    first = by_term["year"].min().rename("first_year")
    at_first = use[use["year"] == use["term"].map(first)].groupby("term", sort=True)
    out = pd.DataFrame({
        "first_year": first,
        "first_places": at_first["place"].agg(lambda s: "、".join(dict.fromkeys(s))),
        "first_docs": at_first["doc_id"].agg("、".join),
        "n_plans": by_term["doc_id"].nunique(),
        "n_plans_total": len(corpus.documents),
        "n_bureaus": by_term["bureau"].nunique(),
        "n_years": by_term["year"].nunique(),
    }).rename_axis("term").reset_index()
    out = out.astype({"first_year": int, "n_plans": int, "n_bureaus": int, "n_years": int}) if len(out) else out
    return out.reindex(columns=FIRST_COLUMNS).sort_values(["first_year", "n_plans", "term"],
                                                          ascending=[True, False, True],
                                                          kind="stable").reset_index(drop=True)


def adoption_by_year(corpus: Corpus, terms: Sequence[str] | None = None, use: pd.DataFrame | None = None
                     ) -> pd.DataFrame:
    """Term × year, every year of the corpus, for each term used at least once (or each term given):
    ``n_plans_year`` (plans of that year), ``n_using`` and ``share_using`` (plans of that year using
    it), ``n_adopters_cum`` (bureaus with a plan of that year or earlier using it), ``n_bureaus_cum``
    (bureaus with a plan of that year or earlier) and ``share_adopted_cum`` — the adoption curve.
    Columns :data:`ADOPTION_COLUMNS`."""
    use = term_use(corpus, terms) if use is None else use
    docs = with_bureau(corpus.documents)
    years = sorted(docs["year"].dropna().unique())
    per_year = docs.groupby("year")["doc_id"].count()
    first_seen = docs.groupby("bureau")["year"].min().value_counts()
    bureaus_by = first_seen.reindex(years, fill_value=0).cumsum()
    listed = _listed(use, terms)
    grid = pd.MultiIndex.from_product([listed, years], names=["term", "year"])
    using = use.groupby(["term", "year"])["doc_id"].nunique().reindex(grid, fill_value=0)
    adopted = use.groupby(["term", "bureau"])["year"].min().reset_index().groupby(["term", "year"]).size()
    adopters = adopted.reindex(grid, fill_value=0).groupby(level="term", sort=False).cumsum()
    out = pd.DataFrame(index=grid).reset_index()
    out["n_plans_year"] = per_year.reindex(out["year"]).to_numpy().astype(int)
    out["n_using"] = using.to_numpy().astype(int)
    out["share_using"] = out["n_using"] / out["n_plans_year"]
    out["n_adopters_cum"] = adopters.to_numpy().astype(int)
    out["n_bureaus_cum"] = bureaus_by.reindex(out["year"]).to_numpy().astype(int)
    out["share_adopted_cum"] = out["n_adopters_cum"] / out["n_bureaus_cum"]
    return out[ADOPTION_COLUMNS]


def _listed(use: pd.DataFrame, terms: Sequence[str] | None) -> list[str]:
    """The terms a table covers: those used (sorted) or every term given, in its order."""
    return sorted(set(use["term"])) if terms is None else list(dict.fromkeys(to_simplified(t) for t in terms))


def event_history(corpus: Corpus, terms: Sequence[str] | None = None, use: pd.DataFrame | None = None
                  ) -> pd.DataFrame:
    """The discrete-time event-history table: one row per term × bureau-year at risk (columns
    :data:`EVENT_COLUMNS`). A bureau's years are those it has plans for (``period`` counts them
    from 1; plans of one bureau and year are one observation, ``doc_id`` ;-joined); ``adopted`` is 1
    in the first year a plan of the bureau uses the term, and the bureau leaves the risk set after it;
    a bureau that never uses it stays at 0 (right-censored). ``left_censored`` marks an adoption in
    the bureau's first observed year: the corpus cannot tell when it happened. Terms: those used at
    least once (a term no plan uses has no event), or every term given. Sorted by term (as listed),
    bureau, year."""
    use = term_use(corpus, terms) if use is None else use
    docs = with_bureau(corpus.documents)
    obs = docs.groupby(["bureau", "year"], sort=True)["doc_id"].agg(lambda s: ";".join(sorted(s))).reset_index()
    obs["period"] = obs.groupby("bureau").cumcount() + 1
    listed = _listed(use, terms)
    first = use.groupby(["term", "bureau"])["year"].min().rename("first_year").reset_index()
    table = pd.DataFrame({"term": listed, "_order": range(len(listed))}).merge(obs, how="cross")
    table = table.merge(first, on=["term", "bureau"], how="left")
    table = table[table["first_year"].isna() | (table["year"] <= table["first_year"])].copy()
    table["adopted"] = (table["year"] == table["first_year"]).astype(int)
    table["left_censored"] = (table["adopted"] == 1) & (table["period"] == 1)
    table = table.sort_values(["_order", "bureau", "year"], kind="stable").reset_index(drop=True)
    return table[EVENT_COLUMNS]


CONTINUITY_TABLES: dict[str, list[str]] = {
    "alignment_pair.csv": ALIGN_COLUMNS,
    "continuity.csv": ["bureau", "year_a", "year_b", *ALIGN_COLUMNS],
    "continuity_summary.csv": ["bureau", "year_a", "year_b", *SUMMARY_COLUMNS],
    "attention_shift.csv": SHIFT_COLUMNS,
    "term_first_use.csv": FIRST_COLUMNS,
    "term_adoption.csv": ADOPTION_COLUMNS,
    "term_event_history.csv": EVENT_COLUMNS,
}
"""The tables :func:`write_continuity_tables` writes, with their columns."""


def _continuity_summary(continuity: pd.DataFrame) -> pd.DataFrame:
    columns = CONTINUITY_TABLES["continuity_summary.csv"]
    if continuity.empty:
        return pd.DataFrame(columns=columns)
    keys = continuity[["bureau", "year_a", "year_b", "doc_a", "doc_b"]].drop_duplicates()
    return keys.merge(alignment_summary(continuity), on=["doc_a", "doc_b"])[columns]


def write_continuity_tables(corpus: Corpus, out_dir: str | Path, terms: Sequence[str] | None = None,
                            use: pd.DataFrame | None = None, alignment: pd.DataFrame | None = None) -> list[Path]:
    """Write the alignment, continuity, attention-shift and term-adoption tables of *corpus* to
    *out_dir* as UTF-8 CSV (:data:`CONTINUITY_TABLES`; each written atomically, always with its
    header, empty when the corpus cannot support it) and return their paths in that order.

    ``alignment_pair.csv`` aligns the two plans :func:`wpanalysis.align.choose_pair` picks; the
    continuity tables cover every bureau with plans in two or more years; the term tables use
    *terms* (default: the lexicon). What a notebook has already computed can be passed instead of
    being computed again: *use* (:func:`term_use` of *corpus* and *terms*) and *alignment*
    (:func:`wpanalysis.align.align_plans` of the pair :func:`~wpanalysis.align.choose_pair` picks)."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    pair = choose_pair(corpus.documents)
    continuity = continuity_table(corpus)
    use = term_use(corpus, terms) if use is None else use
    if alignment is None:
        alignment = align_plans(corpus, *pair) if pair else pd.DataFrame()
    tables = {
        "alignment_pair.csv": alignment,
        "continuity.csv": continuity,
        "continuity_summary.csv": _continuity_summary(continuity),
        "attention_shift.csv": attention_shift(corpus, continuity=continuity),
        "term_first_use.csv": first_use(corpus, terms, use),
        "term_adoption.csv": adoption_by_year(corpus, terms, use),
        "term_event_history.csv": event_history(corpus, terms, use),
    }
    written = []
    for name, table in tables.items():
        table = table.reindex(columns=CONTINUITY_TABLES[name])
        path = out_dir / name
        write_atomically(path, lambda tmp, t=table: t.to_csv(tmp, index=False, encoding="utf-8", lineterminator="\n"))
        written.append(path)
    return written
