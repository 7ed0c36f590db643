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

import hashlib
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from .. import config
from .codebook import NONE, Codebook, load_codebook

__all__ = ["GOLD_PATH", "PROMPTED_TERMS", "SEED_GOLD_SHA256", "SEED_GOLD_CODERS", "GoldStatus", "profile_agreement",
           "cohens_kappa", "gold_sample", "write_gold_template", "load_gold", "coded_gold", "gold_status",
           "agreement_items", "agreement_for", "agreement_variants", "domain_kappas", "agreement_summary",
           "SAMPLE_COLUMNS", "sentence_sample", "krippendorff_alpha", "category_agreement", "precision_recall"]


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
                                                       "notes": object, "title": object, "split": object,
                                                       "coder": object, "text": object})
    for column in ("domains", "primary", "notes"):
        if column in gold:
            gold[column] = gold[column].fillna("")
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


PROMPTED_TERMS: tuple[str, ...] = ("组织领导", "育人环境", "教科研", "共同体意识", "法治进校园", "法治意识",
                                   "城乡教育", "校园餐", "食堂", "强基计划", "技能培训", "学位授权")
"""Seed terms of codebook v1 that reading the seed sample may have prompted, listed (in
``data/annotations/README.md``) before agreement without them was measured."""

SEED_GOLD_SHA256 = "d182e182d3f948622f7316f0fff7d34322c77c5a0c5f003e1bf1f6c6b0cb4caf"
"""SHA-256 of the seed corpus's ``domains_gold.csv`` as measured (line endings as LF)."""

SEED_GOLD_CODERS = "one coder, the AI coding agent that also wrote the codebook"
"""Who coded the seed sample, as ``data/annotations/README.md`` records it."""

TEMPLATE_COLUMNS = ["doc_id", "item_seq", "item_number", "split", "basis", "title", "text", "domains", "primary",
                    "notes", "coder"]


def write_gold_template(items: pd.DataFrame, path: str | Path, codebook: Codebook | None = None, n_per_doc: int = 8,
                        seed: int = 0, overwrite: bool = False) -> list[Path]:
    """Draw :func:`gold_sample` and write it to *path* as a CSV to code by hand; return the files written.

    The file has the sample's columns, the item's ``text`` to read, and empty ``domains``,
    ``primary``, ``notes`` and ``coder`` columns to fill in (``domains``: 1–3 ids joined by
    ``|``, primary first; ``none`` when no domain fits). Beside it, ``<name>_codes.csv``
    lists the codebook's ids with their names and descriptions. An existing file is kept
    (:class:`FileExistsError`) unless *overwrite*.

    >>> items = pd.DataFrame({"doc_id": ["a"] * 3, "item_seq": [1, 2, 3], "item_number": [1, 2, 3],
    ...                       "title": list("甲乙丙"), "text": list("甲乙丙"), "has_body": [True] * 3})
    >>> written = write_gold_template(items, getfixture("tmp_path") / "gold.csv", n_per_doc=2)
    >>> [p.name for p in written], load_gold(written[0])["domains"].tolist()
    (['gold.csv', 'gold_codes.csv'], ['', ''])
    """
    codebook = codebook or load_codebook()
    path = Path(path)
    codes = path.with_name(f"{path.stem}_codes.csv")
    for target in (path, codes):
        if target.exists() and not overwrite:
            raise FileExistsError(f"{target} exists; pass overwrite=True to replace it")
    sample = gold_sample(items, n_per_doc=n_per_doc, seed=seed)
    text = items.astype({"doc_id": object}).set_index(["doc_id", "item_seq"])["text"]
    sample["text"] = [str(text.get((d, s), "")) for d, s in zip(sample["doc_id"], sample["item_seq"])]
    for column in ("domains", "primary", "notes", "coder"):
        sample[column] = ""
    path.parent.mkdir(parents=True, exist_ok=True)
    sample[TEMPLATE_COLUMNS].to_csv(path, index=False, encoding="utf-8")
    names = pd.DataFrame([(d.id, d.zh, d.en, d.description) for d in codebook.domains]
                         + [(NONE, "未归类", "none", "no domain of the codebook fits the item")],
                         columns=["domain", "zh", "en", "description"])
    names.to_csv(codes, index=False, encoding="utf-8")
    return [path, codes]


@dataclass(frozen=True)
class GoldStatus:
    """What a hand-coded sample holds and how it relates to the corpus (:func:`gold_status`)."""

    path: str
    exists: bool
    n_rows: int = 0
    n_coded: int = 0
    n_matched: int = 0
    n_docs: int = 0
    n_title_only: int = 0
    per_doc: int = 0
    is_draw: bool = False
    seed_sample: bool = False
    coders: tuple[str, ...] = ()


def _sha256_lf(path: Path) -> str:
    return hashlib.sha256(path.read_bytes().replace(b"\r\n", b"\n")).hexdigest()


def coded_gold(gold: pd.DataFrame, items: pd.DataFrame) -> pd.DataFrame:
    """The rows of *gold* that are coded (``domains`` filled) and name an item of *items* (same
    ``doc_id``, ``item_seq`` and, when the sample records it, the same title).

    >>> items = pd.DataFrame({"doc_id": ["a", "a"], "item_seq": [1, 2], "title": ["甲", "乙"]})
    >>> g = pd.DataFrame({"doc_id": ["a", "a", "a"], "item_seq": [1, 2, 3], "title": ["甲", "丙", "丁"],
    ...                   "domains": ["party", "moral", "party"], "primary": ["party", "moral", "party"]})
    >>> coded_gold(g, items)["item_seq"].tolist()
    [1]
    """
    coded = gold[gold["domains"].fillna("").astype(str).str.strip() != ""]
    titles = items.astype({"doc_id": object}).set_index(["doc_id", "item_seq"])["title"]
    keys = list(zip(coded["doc_id"].astype(object), coded["item_seq"].astype(int)))
    found = [k in titles.index and ("title" not in coded or str(titles[k]) == str(t))
             for k, t in zip(keys, coded["title"] if "title" in coded else [None] * len(keys))]
    return coded[np.asarray(found, dtype=bool)].reset_index(drop=True)


def gold_status(path: str | Path, items: pd.DataFrame, n_per_doc: int = 8, seed: int = 0) -> GoldStatus:
    """Read the hand-coded sample at *path* (if any) against the corpus's *items*: how many rows, coded,
    found in the corpus, from how many plans; whether it is exactly the draw
    ``gold_sample(items, n_per_doc, seed)``; whether it is the seed corpus's documented sample
    (:data:`SEED_GOLD_SHA256`); the coders its ``coder`` column names.
    """
    path = Path(path)
    if not path.is_file():
        return GoldStatus(str(path), False)
    gold = load_gold(path)
    matched = coded_gold(gold, items)
    drawn = gold_sample(items, n_per_doc=n_per_doc, seed=seed)
    keys = ["doc_id", "item_seq", "split"]
    is_draw = gold[keys].astype(str).values.tolist() == drawn[keys].astype(str).values.tolist()
    coders = gold["coder"].fillna("").astype(str).str.strip() if "coder" in gold else pd.Series([], dtype=object)
    per_doc = int(matched.groupby("doc_id").size().max()) if len(matched) else 0
    n_coded = int((gold["domains"].astype(str).str.strip() != "").sum())
    n_titles = int((matched["basis"] == "title").sum()) if "basis" in matched else 0
    return GoldStatus(str(path), True, len(gold), n_coded, len(matched), int(matched["doc_id"].nunique()), n_titles,
                      per_doc, is_draw, _sha256_lf(path) == SEED_GOLD_SHA256, tuple(sorted(set(coders[coders != ""]))))


def agreement_for(gold: pd.DataFrame, items: pd.DataFrame, codebook: Codebook | None = None,
                  text: str = "text") -> pd.DataFrame:
    """The codebook's coding of the gold items beside the hand coding (:func:`agreement_items`):
    the items of *gold* found in *items* are coded by *codebook* reading *text* (``text`` or ``title``)."""
    from .codebook import assign_domains, item_domains

    codebook = codebook or load_codebook()
    sample = items.astype({"doc_id": object}).merge(gold[["doc_id", "item_seq"]].astype({"doc_id": object}),
                                                    on=["doc_id", "item_seq"])
    return agreement_items(gold, item_domains(assign_domains(sample, codebook, text=text)))


def agreement_variants(gold: pd.DataFrame, items: pd.DataFrame, variants: dict[str, tuple[Codebook, str]]
                       ) -> pd.DataFrame:
    """:func:`agreement_summary` (all items) of several codings: *variants* maps a name to
    ``(codebook, text)``. One row per variant, indexed by its name."""
    rows = [agreement_summary(agreement_for(gold, items, book, text), book).iloc[[0]].assign(variant=name)
            for name, (book, text) in variants.items()]
    return pd.concat(rows, ignore_index=True).set_index("variant").drop(columns="subset")


SAMPLE_COLUMNS = ["id", "doc_id", "item_seq", "item_number", "sentence", "split", "text"]


def sentence_sample(sentences: pd.DataFrame, n_per_doc: int = 18, seed: int = 0) -> pd.DataFrame:
    """A sample of sentences stratified by plan, to code by hand (the instrument validation sample).

    For each document in ``doc_id`` order, *n_per_doc* of its sentences (all, if it has fewer)
    are drawn without replacement by one ``numpy.random.default_rng(seed)``; the first half of
    each document's draws is the ``dev`` split, the rest ``heldout``. The rows are then put in
    a seeded random order and numbered ``id`` = ``s001``, ``s002`` … in that order, so a coder
    reading by id never reads one plan's sentences together. Columns: :data:`SAMPLE_COLUMNS`.

    >>> s = pd.DataFrame({"doc_id": ["a"] * 4 + ["b"] * 2, "item_seq": [1, 1, 2, 2, 1, 1],
    ...                   "item_number": [1, 1, 2, 2, 1, 1], "sentence": [1, 2, 1, 2, 1, 2],
    ...                   "text": list("甲乙丙丁戊己")})
    >>> drawn = sentence_sample(s, n_per_doc=2)
    >>> drawn.groupby("doc_id")["split"].value_counts().sort_index().tolist(), drawn["id"].tolist()[:2]
    ([1, 1, 1, 1], ['s001', 's002'])
    """
    rng = np.random.default_rng(seed)
    parts = []
    for doc_id in sorted(sentences["doc_id"].astype(object).unique()):
        part = sentences[sentences["doc_id"] == doc_id].sort_values(["item_seq", "sentence"]).reset_index(drop=True)
        size = min(n_per_doc, len(part))
        picks = part.iloc[rng.choice(len(part), size=size, replace=False)].copy()
        picks["split"] = ["dev" if k < size // 2 else "heldout" for k in range(size)]
        parts.append(picks)
    drawn = pd.concat(parts, ignore_index=True)
    drawn = drawn.iloc[rng.permutation(len(drawn))].reset_index(drop=True)
    drawn["id"] = [f"s{k:03d}" for k in range(1, len(drawn) + 1)]
    return drawn[SAMPLE_COLUMNS]


def krippendorff_alpha(*codings: Sequence[object]) -> float:
    """Krippendorff's α (nominal) of two or more codings of the same units, by the ``krippendorff``
    package; a missing code (None or NaN) is a unit that coder left out. NaN when α is undefined
    (every code the same).

    The hand-computed example of :func:`cohens_kappa` (50 units, 15 coded differently): α pools
    both coders' 100 codes (55 y, 45 n), so the observed disagreement is 30/100 = 0.3, the
    expected 2·55·45 / (100·99) = 0.5, and α = 1 − 0.3 / 0.5 = 0.4.

    >>> a = ["y"] * 20 + ["n"] * 15 + ["y"] * 5 + ["n"] * 10
    >>> b = ["y"] * 20 + ["n"] * 15 + ["n"] * 5 + ["y"] * 10
    >>> round(krippendorff_alpha(a, b), 3)
    0.4
    """
    import krippendorff

    rows = [[None if (c is None or (isinstance(c, float) and math.isnan(c))) else str(c) for c in coding]
            for coding in codings]
    values = sorted({c for row in rows for c in row if c is not None})
    if len(values) < 2:
        return math.nan
    index = {v: k for k, v in enumerate(values)}
    data = np.array([[np.nan if c is None else index[c] for c in row] for row in rows], dtype=float)
    return float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))


def category_agreement(a: Sequence[object], b: Sequence[object], categories: Sequence[str]) -> pd.DataFrame:
    """Agreement of two codings of the same units: overall (one nominal code per unit), then per
    category (the binary code "the unit is in this category").

    Columns: ``category`` (``all`` first), ``n`` (units), ``n_a``, ``n_b``, ``n_both`` (units in the
    category for the first coding, the second, both; for ``all`` the units coded alike are
    ``n_both``), ``agreement`` (share coded alike), ``kappa`` (Cohen's κ), ``alpha``
    (Krippendorff's α, nominal). κ and α are NaN where undefined (neither coding uses the category).

    >>> t = category_agreement(["x", "x", "y", "z"], ["x", "y", "y", "z"], ["x", "y", "z"])
    >>> t[["category", "n_a", "n_b", "n_both", "agreement"]].values.tolist()[:2]
    [['all', 4, 4, 3, 0.75], ['x', 2, 1, 1, 0.75]]
    """
    a, b = [str(x) for x in a], [str(x) for x in b]
    if len(a) != len(b):
        raise ValueError(f"the two codings differ in length ({len(a)} and {len(b)})")
    n = len(a)
    same = sum(x == y for x, y in zip(a, b))
    rows = [("all", n, n, n, same, same / n if n else math.nan, cohens_kappa(a, b), krippendorff_alpha(a, b))]
    for c in categories:
        xa, xb = [x == c for x in a], [y == c for y in b]
        alike = sum(x == y for x, y in zip(xa, xb))
        used = any(xa) or any(xb)
        rows.append((c, n, sum(xa), sum(xb), sum(x and y for x, y in zip(xa, xb)), alike / n if n else math.nan,
                     cohens_kappa(xa, xb) if used else math.nan, krippendorff_alpha(xa, xb) if used else math.nan))
    return pd.DataFrame(rows, columns=["category", "n", "n_a", "n_b", "n_both", "agreement", "kappa", "alpha"])


def precision_recall(gold: Sequence[object], predicted: Sequence[object], categories: Sequence[str]) -> pd.DataFrame:
    """Precision, recall and F1 of *predicted* against *gold*, per category.

    Columns: ``category``, ``n_gold``, ``n_predicted``, ``n_correct``, ``precision`` (correct /
    predicted), ``recall`` (correct / gold), ``f1``; NaN where the denominator is 0.

    >>> precision_recall(["x", "x", "y"], ["x", "y", "y"], ["x", "y"]).round(3).values.tolist()
    [['x', 2, 1, 1, 1.0, 0.5, 0.667], ['y', 1, 2, 1, 0.5, 1.0, 0.667]]
    """
    gold, predicted = [str(x) for x in gold], [str(x) for x in predicted]
    rows = []
    for c in categories:
        ng, np_ = gold.count(c), predicted.count(c)
        ok = sum(g == c and p == c for g, p in zip(gold, predicted))
        prec = ok / np_ if np_ else math.nan
        rec = ok / ng if ng else math.nan
        f1 = 2 * prec * rec / (prec + rec) if np_ and ng and (prec + rec) else math.nan
        rows.append((c, ng, np_, ok, prec, rec, f1))
    return pd.DataFrame(rows, columns=["category", "n_gold", "n_predicted", "n_correct", "precision", "recall", "f1"])
