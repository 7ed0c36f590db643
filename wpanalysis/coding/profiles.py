"""Attention profiles from coded items: shares of items per code, per plan or group, and rates per 10,000 tokens.

Example::

    from wpanalysis.coding import codebook, profiles
    assigned = codebook.assign_domains(items)
    profiles.domain_profile(assigned, documents, by="region")
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd

from ..registry import _groups_for
from .codebook import NONE, Codebook, load_codebook

__all__ = ["PROFILE_COLUMNS", "domain_profile", "domain_rates", "top_domains", "top_domain_counts"]


PROFILE_COLUMNS = ["grouping", "group", "n_docs", "n_items", "domain", "zh", "n_items_domain", "share_any", "share",
                   "share_primary"]



def domain_profile(assignments: pd.DataFrame, documents: pd.DataFrame, by: str | Sequence[str] = "doc_id",
                   codebook: Codebook | None = None) -> pd.DataFrame:
    """Attention by domain: the share of items per domain, per document or per group.

    *by* is ``"doc_id"`` or registry columns (one or several; empty values form the group
    ``unknown``). For every group and every domain (``none`` included, zeros kept):

    * ``share`` — the items' domain weights summed and divided by ``n_items`` (an item
      with two domains gives each a half): **sums to 1 per group**, so it can be stacked;
    * ``share_any`` — the share of items that have the domain among their domains (does
      not sum to 1: an item counts for each of its domains);
    * ``share_primary`` — the share of items whose primary domain it is (sums to 1).

    Columns: ``grouping``, ``group``, ``n_docs``, ``n_items``, ``domain``, ``zh``,
    ``n_items_domain``, ``share_any``, ``share``, ``share_primary``. Groups are measured
    on the items of *assignments* only; a group's items are pooled, so a long plan weighs
    more than a short one in its group.

    >>> docs = pd.DataFrame({"doc_id": ["a"], "region": ["east"]})
    >>> a = pd.DataFrame({"doc_id": ["a", "a", "a"], "item_seq": [1, 1, 2], "domain": ["teachers", "safety", "safety"],
    ...                   "rank": [1, 2, 1], "primary": [True, False, True], "weight": [0.5, 0.5, 1.0]})
    >>> p = domain_profile(a, docs, "region").set_index("domain")
    >>> p.loc["safety", ["share", "share_any", "share_primary"]].tolist()
    [0.75, 1.0, 0.5]
    """
    codebook = codebook or load_codebook()
    columns = [by] if isinstance(by, str) else list(by)
    names = codebook.names("zh")
    domains = [*codebook.ids, NONE]
    a = assignments.assign(doc_id=assignments["doc_id"].astype(object))
    n_by_doc = a.groupby("doc_id")["item_seq"].nunique()
    frames = []
    for column in columns:
        groups, order = _groups_for(documents, column, n_by_doc.index)
        if not order:
            continue
        g = a.assign(group=a["doc_id"].map(groups))
        weight = g.groupby(["group", "domain"])["weight"].sum()
        anyd = g.groupby(["group", "domain"])["item_seq"].size()
        prim = g[g["primary"]].groupby(["group", "domain"])["item_seq"].size()
        for group in order:
            members = groups.index[groups == group]
            n_items = int(n_by_doc.loc[members].sum())
            for domain in domains:
                key = (group, domain)
                n_dom = int(anyd.get(key, 0))
                frames.append((column, group, len(members), n_items, domain, names.get(domain, domain), n_dom,
                               n_dom / n_items if n_items else math.nan,
                               float(weight.get(key, 0.0)) / n_items if n_items else math.nan,
                               int(prim.get(key, 0)) / n_items if n_items else math.nan))
    return pd.DataFrame(frames, columns=PROFILE_COLUMNS)



def domain_rates(hits: pd.DataFrame, tokens: pd.DataFrame, documents: pd.DataFrame, by: str = "doc_id",
                 codebook: Codebook | None = None) -> pd.DataFrame:
    """Seed-term matches per 10,000 tokens, per group and domain — a length-free measure.

    *hits* is :func:`domain_hits`'s table, *tokens* the token table of the same items
    (which layers to count is the caller's choice; the notebook counts words, punctuation
    and numbers removed). Columns: ``grouping``, ``group``, ``n_docs``, ``n_tokens``,
    ``domain``, ``zh``, ``hits``, ``per_10k``.

    >>> docs = pd.DataFrame({"doc_id": ["a"], "region": ["east"]})
    >>> h = pd.DataFrame({"doc_id": ["a"], "item_seq": [1], "domain": ["safety"], "hits": [2]})
    >>> t = pd.DataFrame({"doc_id": ["a"] * 40, "token": ["安全"] * 40})
    >>> domain_rates(h, t, docs, "region").set_index("domain").loc["safety", "per_10k"]
    np.float64(500.0)
    """
    codebook = codebook or load_codebook()
    names = codebook.names("zh")
    n_tok = tokens.groupby(tokens["doc_id"].astype(object)).size()
    groups, order = _groups_for(documents, by, n_tok.index)
    h = hits.assign(group=hits["doc_id"].astype(object).map(groups))
    sums = h.groupby(["group", "domain"])["hits"].sum()
    rows = []
    for group in order:
        members = groups.index[groups == group]
        total = int(n_tok.loc[members].sum())
        for domain in codebook.ids:
            n = int(sums.get((group, domain), 0))
            rate = n / total * 10_000 if total else 0.0
            rows.append((by, group, len(members), total, domain, names[domain], n, rate))
    return pd.DataFrame(rows, columns=["grouping", "group", "n_docs", "n_tokens", "domain", "zh", "hits", "per_10k"])



def top_domains(profile: pd.DataFrame, n: int = 3, value: str = "share") -> pd.DataFrame:
    """The *n* largest named domains (``none`` left out) of each group of a :func:`domain_profile`.

    Columns: those of *profile* plus ``rank`` (1 = largest *value*; ties in codebook
    order). Groups keep their order in *profile*.

    >>> p = pd.DataFrame({"grouping": "doc_id", "group": ["d"] * 3, "domain": ["x", "y", "none"],
    ...                   "share": [0.2, 0.5, 0.3]})
    >>> top_domains(p, n=1)[["group", "domain", "rank"]].values.tolist()
    [['d', 'y', 1]]
    """
    named = profile[profile["domain"] != NONE]
    order = {g: k for k, g in enumerate(dict.fromkeys(zip(named["grouping"], named["group"])))}
    ranked = named.assign(_g=[order[k] for k in zip(named["grouping"], named["group"])])
    ranked = ranked.sort_values(["_g", value], ascending=[True, False], kind="stable")
    ranked["rank"] = ranked.groupby("_g").cumcount() + 1
    return ranked[ranked["rank"] <= n].drop(columns="_g").reset_index(drop=True)


def top_domain_counts(top: pd.DataFrame) -> pd.DataFrame:
    """How many groups (plans) have each domain as their largest and among their largest, from
    :func:`top_domains` — the per-plan table in a size that does not grow with the plans.

    Columns: ``domain``, ``zh``, ``n_first`` (groups whose largest domain it is), ``n_top`` (groups
    with it among their *n* largest), ``median_share`` (its median *share* where it is among them);
    sorted by ``n_top``, then ``n_first``, descending.

    >>> t = pd.DataFrame({"group": ["a", "a", "b", "b"], "domain": ["x", "y", "y", "x"], "zh": ["甲", "乙", "乙", "甲"],
    ...                   "rank": [1, 2, 1, 2], "share": [0.5, 0.2, 0.4, 0.3]})
    >>> top_domain_counts(t)[["domain", "n_first", "n_top"]].values.tolist()
    [['x', 1, 2], ['y', 1, 2]]
    """
    out = top.groupby(["domain", "zh"], sort=False).agg(n_first=("rank", lambda r: int((r == 1).sum())),
                                                        n_top=("group", "nunique"), median_share=("share", "median"))
    out = out.reset_index().sort_values(["n_top", "n_first", "domain"], ascending=[False, False, True], kind="stable")
    return out.reset_index(drop=True)
