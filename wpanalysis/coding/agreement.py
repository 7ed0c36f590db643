"""Agreement between the codebook's coding and a hand-coded gold sample: drawing the sample,
loading it, Cohen's κ per code, and agreement of profiles.

The gold sample of the seed corpus is ``data/annotations/domains_gold.csv`` (see its
README for who coded it and how).

Example::

    from wpanalysis.coding import agreement, codebook
    gold = agreement.load_gold()
    agreement.domain_kappas(codebook.assign_domains(items), gold)
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from .. import config
from .codebook import NONE, Codebook, load_codebook

__all__ = ["GOLD_PATH", "profile_agreement", "cohens_kappa", "gold_sample", "load_gold", "agreement_items",
           "domain_kappas", "agreement_summary"]


GOLD_PATH = config.DATA_DIR / "annotations" / "domains_gold.csv"



def profile_agreement(first: pd.DataFrame, second: pd.DataFrame, names: tuple[str, str] = ("text", "title"),
                      value: str = "share") -> pd.DataFrame:
    """How alike two domain profiles of the same groups are (e.g. read from full texts and from titles).

    *first* and *second* are :func:`domain_profile` tables; only groups in both count.
    Coverage and attention are kept apart: ``r`` is the Pearson correlation of *value* over
    the named domains (``none`` left out, so items a reading cannot place do not count as
    disagreement about where attention goes), and ``none_<name>`` is each reading's share
    of ``none``. Columns: ``grouping``, ``group``, ``r``, ``top_<name>`` for each (the
    Chinese name of the largest named domain), ``same_top``, ``none_<name>`` for each.
    Groups in the order of *first*.

    >>> a = pd.DataFrame({"grouping": "doc_id", "group": "d", "domain": ["x", "y", "z", "none"],
    ...                   "zh": ["甲", "乙", "丙", "无"], "share": [0.6, 0.3, 0.1, 0.0]})
    >>> b = a.assign(share=[0.4, 0.3, 0.1, 0.2])
    >>> profile_agreement(a, b)[["r", "top_text", "same_top", "none_title"]].round(3).values.tolist()
    [[0.954, '甲', True, 0.2]]
    """
    keys = ["grouping", "group", "domain"]
    joined = first.merge(second[[*keys, value]], on=keys, suffixes=("_a", "_b"))
    rows = []
    for (grouping, group), part in joined.groupby(["grouping", "group"], sort=False):
        named = part[part["domain"] != NONE]
        none = part[part["domain"] == NONE]
        tops = [str(named.sort_values(f"{value}_{s}", ascending=False, kind="stable")["zh"].iloc[0]) for s in "ab"]
        nones = [float(none[f"{value}_{s}"].sum()) for s in "ab"]
        rows.append((grouping, group, float(named[f"{value}_a"].corr(named[f"{value}_b"])), tops[0], tops[1],
                     tops[0] == tops[1], nones[0], nones[1]))
    return pd.DataFrame(rows, columns=["grouping", "group", "r", f"top_{names[0]}", f"top_{names[1]}", "same_top",
                                       f"none_{names[0]}", f"none_{names[1]}"])



def cohens_kappa(a: Sequence[object], b: Sequence[object]) -> float:
    """Cohen's kappa of two codings of the same items: (p_o − p_e) / (1 − p_e).

    p_o is the share of items coded alike, p_e the agreement expected by chance from each
    coder's own category shares. Returns NaN when p_e = 1 (both coders put every item in
    the same single category: agreement beyond chance is undefined).

    A hand-made example, 50 items coded yes/no: both yes 20, both no 15, only A yes 5,
    only B yes 10. p_o = 35/50 = 0.7; A says yes 25/50, B 30/50, so
    p_e = 0.5·0.6 + 0.5·0.4 = 0.5 and κ = (0.7 − 0.5) / (1 − 0.5) = 0.4.

    >>> a = ["y"] * 20 + ["n"] * 15 + ["y"] * 5 + ["n"] * 10
    >>> b = ["y"] * 20 + ["n"] * 15 + ["n"] * 5 + ["y"] * 10
    >>> round(cohens_kappa(a, b), 6)
    0.4
    """
    a, b = list(a), list(b)
    if len(a) != len(b):
        raise ValueError(f"the two codings differ in length ({len(a)} and {len(b)})")
    if not a:
        return math.nan
    n = len(a)
    p_o = sum(x == y for x, y in zip(a, b)) / n
    categories = set(a) | set(b)
    p_e = sum((a.count(c) / n) * (b.count(c) / n) for c in categories)
    if math.isclose(p_e, 1.0):
        return math.nan
    return (p_o - p_e) / (1 - p_e)



def gold_sample(items: pd.DataFrame, n_per_doc: int = 8, seed: int = 0) -> pd.DataFrame:
    """The stratified random sample of items that was hand-coded (``domains_gold.csv``).

    For each document in ``doc_id`` order, *n_per_doc* of its items (all, if it has fewer)
    are drawn without replacement by one ``numpy.random.default_rng(seed)``; the first half
    of each document's draws is the ``dev`` split, the rest ``heldout``. Columns: ``doc_id``,
    ``item_seq``, ``item_number``, ``split``, ``basis`` (``title+body``, or ``title`` for a
    title-only item), ``title``; sorted by ``doc_id``, ``item_seq``.

    >>> items = pd.DataFrame({"doc_id": ["a"] * 4, "item_seq": [1, 2, 3, 4], "item_number": [1, 2, 3, 4],
    ...                       "title": list("甲乙丙丁"), "has_body": [True] * 4})
    >>> gold_sample(items, n_per_doc=2)["split"].tolist()
    ['dev', 'heldout']
    """
    rng = np.random.default_rng(seed)
    rows = []
    docs = items.assign(doc_id=items["doc_id"].astype(object))
    for doc_id in sorted(docs["doc_id"].unique()):
        part = docs[docs["doc_id"] == doc_id].sort_values("item_seq").reset_index(drop=True)
        size = min(n_per_doc, len(part))
        picks = rng.choice(len(part), size=size, replace=False)
        for k, p in enumerate(picks):
            r = part.iloc[int(p)]
            rows.append((doc_id, int(r["item_seq"]), int(r["item_number"]), "dev" if k < size // 2 else "heldout",
                         "title+body" if bool(r["has_body"]) else "title", str(r["title"])))
    out = pd.DataFrame(rows, columns=["doc_id", "item_seq", "item_number", "split", "basis", "title"])
    return out.sort_values(["doc_id", "item_seq"]).reset_index(drop=True)



def load_gold(path: str | Path = GOLD_PATH) -> pd.DataFrame:
    """The hand-coded sample: ``doc_id``, ``item_seq``, ``item_number``, ``split``, ``basis``,
    ``title``, ``domains`` (1–3 ids joined by ``|``, primary first), ``primary``, ``notes``.

    >>> gold = load_gold()
    >>> len(gold), sorted(gold["split"].unique())
    (72, ['dev', 'heldout'])
    """
    gold = pd.read_csv(path, encoding="utf-8", dtype={"doc_id": object, "domains": object, "primary": object,
                                                       "notes": object, "title": object, "split": object})
    gold["notes"] = gold["notes"].fillna("")
    return gold



def _split_set(value: str) -> set[str]:
    return {v for v in str(value).split("|") if v and v != NONE}



def agreement_items(gold: pd.DataFrame, predicted: pd.DataFrame) -> pd.DataFrame:
    """Gold and codebook domains side by side, one row per gold item.

    *predicted* is :func:`item_domains` of the codebook's assignments (items missing from
    it count as ``none``). Columns: ``doc_id``, ``item_seq``, ``split``, ``title``,
    ``gold``, ``codebook`` (ids joined by ``|``), ``gold_primary``, ``codebook_primary``,
    ``primary_match``, ``jaccard`` (shared domains / domains in either).

    >>> g = pd.DataFrame({"doc_id": ["a"], "item_seq": [1], "split": ["dev"], "title": ["x"],
    ...                   "domains": ["teachers|safety"], "primary": ["teachers"]})
    >>> p = pd.DataFrame({"doc_id": ["a"], "item_seq": [1], "domains": ["teachers"], "primary": ["teachers"]})
    >>> agreement_items(g, p)[["primary_match", "jaccard"]].values.tolist()
    [[True, 0.5]]
    """
    pred = predicted.assign(doc_id=predicted["doc_id"].astype(object)).set_index(["doc_id", "item_seq"])
    rows = []
    for r in gold.itertuples(index=False):
        key = (r.doc_id, int(r.item_seq))
        p_domains = pred["domains"].get(key, NONE)
        p_primary = pred["primary"].get(key, NONE)
        sa, sb = _split_set(r.domains), _split_set(p_domains)
        union = sa | sb
        rows.append((r.doc_id, int(r.item_seq), getattr(r, "split", ""), getattr(r, "title", ""), r.domains,
                     p_domains, r.primary, p_primary, r.primary == p_primary,
                     len(sa & sb) / len(union) if union else 1.0))
    return pd.DataFrame(rows, columns=["doc_id", "item_seq", "split", "title", "gold", "codebook", "gold_primary",
                                       "codebook_primary", "primary_match", "jaccard"])



def domain_kappas(agreement: pd.DataFrame, codebook: Codebook | None = None) -> pd.DataFrame:
    """Per-domain agreement: for each domain, the binary coding "has this domain" (gold vs codebook).

    *agreement* is :func:`agreement_items`' table. Columns: ``domain``, ``zh``, ``n_gold``,
    ``n_codebook``, ``n_both`` (items with the domain in gold, in the codebook, in both),
    ``agreement`` (share of items coded alike), ``kappa`` (NaN when neither side ever uses
    the domain).

    >>> ag = pd.DataFrame({"gold": ["teachers", "safety", "teachers"], "codebook": ["teachers", "none", "safety"]})
    >>> row = domain_kappas(ag).set_index("domain").loc["teachers"]
    >>> int(row["n_gold"]), int(row["n_codebook"]), float(row["kappa"])
    (2, 1, 0.4)
    """
    codebook = codebook or load_codebook()
    gold_sets = [_split_set(v) for v in agreement["gold"]]
    pred_sets = [_split_set(v) for v in agreement["codebook"]]
    names = codebook.names("zh")
    rows = []
    for domain in codebook.ids:
        a = [domain in s for s in gold_sets]
        b = [domain in s for s in pred_sets]
        kappa = cohens_kappa(a, b)
        rows.append((domain, names[domain], sum(a), sum(b), sum(x and y for x, y in zip(a, b)),
                     sum(x == y for x, y in zip(a, b)) / len(a) if a else math.nan,
                     round(kappa, 12) if not math.isnan(kappa) else kappa))
    return pd.DataFrame(rows, columns=["domain", "zh", "n_gold", "n_codebook", "n_both", "agreement", "kappa"])



def agreement_summary(agreement: pd.DataFrame, codebook: Codebook | None = None) -> pd.DataFrame:
    """The codebook against the hand coding, for all items and for each split.

    Two kappas, because the coding is multi-label:

    * ``primary_kappa`` — Cohen's kappa of the primary domain (one nominal category per
      item: 16 domains + ``none``); ``primary_agreement`` is its raw agreement;
    * ``mean_domain_kappa`` — the mean over domains of the per-domain binary kappa ("does
      the item belong to domain d?", :func:`domain_kappas`), over the ``n_domains`` domains
      whose kappa is defined.

    Also ``exact_match`` (share of items with the same domain set) and ``mean_jaccard``.
    Columns: ``subset`` (``all``, then each split), ``n_items`` and the measures above.
    """
    codebook = codebook or load_codebook()
    subsets = [("all", agreement)]
    if "split" in agreement:
        subsets += [(s, agreement[agreement["split"] == s]) for s in sorted(agreement["split"].dropna().unique())]
    rows = []
    for name, part in subsets:
        kappas = domain_kappas(part, codebook)["kappa"].dropna()
        exact = [_split_set(a) == _split_set(b) for a, b in zip(part["gold"], part["codebook"])]
        rows.append((name, len(part), float(part["primary_match"].mean()),
                     cohens_kappa(part["gold_primary"], part["codebook_primary"]),
                     float(kappas.mean()) if len(kappas) else math.nan, len(kappas),
                     float(np.mean(exact)) if exact else math.nan, float(part["jaccard"].mean())))
    return pd.DataFrame(rows, columns=["subset", "n_items", "primary_agreement", "primary_kappa", "mean_domain_kappa",
                                       "n_domains", "exact_match", "mean_jaccard"])
