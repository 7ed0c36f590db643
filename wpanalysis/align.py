"""Item alignment between two plans, bureau series, continuity across years and attention shift.

Two plans (the same bureau in two years, or two bureaus in one year) are compared item by item:

* **similarity** — each item is two bags of content tokens (the lexicon-aware token table of
  :func:`wpanalysis.segment.tokenize_items`, every stopword layer removed), its title and its body,
  weighted by TF-IDF over the two plans' items. The score of a pair is the weighted mean of the
  cosine of the titles (weight :data:`WEIGHTS` ``title`` = 2), of the bodies (1) and the Jaccard
  overlap of the items' policy domains (0.5, :mod:`wpanalysis.coding`); a part missing on either
  side (a title-only item has no body, an item no seed term matches has no domain) leaves the
  mean. Scores lie in [0, 1].
* **assignment** — one-to-one, maximising the summed score (the Hungarian algorithm,
  :func:`scipy.optimize.linear_sum_assignment`) over pairs scoring at least :data:`THRESHOLD`.
* **labels** — an aligned item of the later plan is ``changed`` when it names policy terms (the
  lexicon, ``resources/lexicon/education_policy.txt``) or quantitative targets (indicator,
  comparator, value, unit) that its partner does not, else ``continued``; an unaligned item of the
  first plan is ``dropped``, of the second ``new``. Each row carries its evidence (shared tokens,
  scores, the new terms and targets, and for unaligned items the best score they had).

A **bureau** is the issuing education bureau, derived from the registry (:func:`bureau_key`); the
plans of one bureau in different years form a series (:func:`bureau_series`), whose consecutive
plans give the continuity table (:func:`continuity_table`) and the attention-shift table by domain
(:func:`attention_shift`).

Example::

    from wpanalysis.build import load_corpus
    from wpanalysis import align
    corpus = load_corpus()
    align.align_plans(corpus, "shenzhen_2024", "ningbo_2024")
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.optimize import linear_sum_assignment
from sklearn.feature_extraction.text import TfidfVectorizer

from .build import Corpus, item_targets, parse_file
from .coding import NONE, assign_domains, load_codebook
from .lexicon import load_lexicon
from .script import to_simplified
from .segment import tokenize_items

__all__ = ["THRESHOLD", "WEIGHTS", "LABELS", "ALIGN_COLUMNS", "SUMMARY_COLUMNS", "SHIFT_COLUMNS", "PlanItems",
           "bureau_key", "with_bureau", "bureau_series", "plan_items", "file_items", "policy_terms_in",
           "similarity", "align_items", "align_plans", "alignment_summary", "choose_pair", "continuity_table",
           "attention_shift", "load_series", "ALIGNMENT_GOLD", "CURVE_COLUMNS", "load_alignment_gold",
           "threshold_curve"]

THRESHOLD = 0.2
"""Pairs scoring below this are never aligned. Chosen on the hand-aligned pair of two 2024 seed plans
(:data:`ALIGNMENT_GOLD` in ``data/annotations/``: P 0.73, R 0.48 at 0.2; the curve is in the README)."""

WEIGHTS: dict[str, float] = {"title": 2.0, "body": 1.0, "domain": 0.5}
"""Weights of the title cosine, body cosine and domain overlap in an item pair's score."""

LABELS = ("continued", "changed", "new", "dropped")

ALIGN_COLUMNS = ["doc_a", "item_seq_a", "item_number_a", "title_a", "doc_b", "item_seq_b", "item_number_b",
                 "title_b", "label", "score", "title_score", "body_score", "domain_score", "domain_a", "domain_b",
                 "shared_terms", "new_terms", "dropped_terms", "new_targets", "best_match_score"]
"""Columns of :func:`align_plans` (see the README's data dictionary)."""

SUMMARY_COLUMNS = ["doc_a", "doc_b", "n_items_a", "n_items_b", *LABELS, "shared", "share_of_a_kept",
                   "share_of_b_new"]

SHIFT_COLUMNS = ["bureau", "year", "doc_id", "domain", "domain_zh", "n_items", "share", "change", "items_added",
                 "items_removed"]

_PLACE_LEVEL = {"province": "province", "city": "city", "county-level city": "county", "county": "county",
                "district": "county"}
_N_EVIDENCE = 8


# --- bureaus ---------------------------------------------------------------------------------------


def _known(value: object) -> bool:
    return isinstance(value, str) and value.strip() != "" and "X" not in value and "某" not in value


def _bureau(row: pd.Series) -> str:
    places = [str(row.get(c)) for c in ("province", "city", "county") if _known(row.get(c))]
    own = _PLACE_LEVEL.get(str(row.get("admin_level", "")))
    if own is not None and _known(row.get(own)):
        return "/".join(places)
    if _known(row.get("issuer")):
        return f"issuer:{str(row['issuer']).strip()}"
    return f"doc:{row['doc_id']}"


def bureau_key(documents: pd.DataFrame) -> pd.Series:
    """The issuing bureau of each plan, from the registry's place and issuer columns (index kept).

    A plan whose own place is known (the ``province`` of a province-level plan, the ``city`` of a
    city's, the ``county`` of a county's, county-level city's or district's) belongs to the bureau
    of that jurisdiction, written ``省/市/县`` from the known place columns: issuer names change
    with reorganisations (教育局 → 教育和体育局) while the jurisdiction stays. Otherwise the
    registry's ``issuer`` names it (``issuer:…``); a plan with neither is its own bureau
    (``doc:<doc_id>``), so two unnamed plans are never taken for one bureau's series. Redacted
    places (``X``, ``某``) count as unknown.

    >>> docs = pd.DataFrame({"doc_id": ["nb24", "nb25", "hb24", "x24"], "issuer": [None, "宁波市教育局", None, None],
    ...                      "province": ["浙江省", "浙江省", "河北省", None], "city": ["宁波市", "宁波市", None, None],
    ...                      "county": [None] * 4, "admin_level": ["city", "city", "city", "county"]})
    >>> bureau_key(docs).tolist()
    ['浙江省/宁波市', '浙江省/宁波市', 'doc:hb24', 'doc:x24']
    """
    return pd.Series([_bureau(row) for _, row in documents.iterrows()], index=documents.index, name="bureau",
                     dtype=object)


def with_bureau(documents: pd.DataFrame) -> pd.DataFrame:
    """*documents* with a ``bureau`` column (:func:`bureau_key`)."""
    return documents.assign(bureau=bureau_key(documents))


def bureau_series(documents: pd.DataFrame, min_plans: int = 2) -> pd.DataFrame:
    """``bureau``, ``doc_id``, ``year`` of every bureau with plans in at least *min_plans* different
    years, sorted by bureau, year and doc_id.

    >>> docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "issuer": ["甲局", "甲局", "乙局"], "province": [None] * 3,
    ...                      "city": [None] * 3, "county": [None] * 3, "admin_level": ["city"] * 3,
    ...                      "year": [2024, 2023, 2024]})
    >>> bureau_series(docs).values.tolist()
    [['issuer:甲局', 'b', 2023], ['issuer:甲局', 'a', 2024]]
    """
    table = with_bureau(documents)[["bureau", "doc_id", "year"]]
    years = table.groupby("bureau")["year"].transform("nunique")
    table = table[years >= min_plans]
    return table.sort_values(["bureau", "year", "doc_id"], kind="stable").reset_index(drop=True)


# --- the items of one plan -------------------------------------------------------------------------


@dataclass(frozen=True)
class PlanItems:
    """What alignment needs of one plan: its ``items`` (``doc_id``, ``item_seq``, ``item_number``,
    ``title``, ``body``, ``text``) in order, and its ``targets`` (the build's targets table rows)."""

    doc_id: str
    items: pd.DataFrame
    targets: pd.DataFrame


def plan_items(corpus: Corpus, doc_id: str) -> PlanItems:
    """The items and targets of the plan *doc_id* of a built corpus.

    Raises ``KeyError`` naming the plans available when *doc_id* is not in the corpus."""
    items = corpus.items[corpus.items["doc_id"] == doc_id]
    if doc_id not in set(corpus.documents["doc_id"]):
        known = ", ".join(map(str, corpus.documents["doc_id"].tolist()[:20]))
        raise KeyError(f"no plan {doc_id!r} in the corpus; plans: {known}")
    targets = corpus.targets[corpus.targets["doc_id"] == doc_id]
    return PlanItems(doc_id, items.sort_values("item_seq").reset_index(drop=True), targets.reset_index(drop=True))


def file_items(path: str | Path, document: int = 1) -> PlanItems:
    """The items and targets of document *document* (1-based) of a plan file, registered or not;
    ``doc_id`` is the file's stem (``#k`` added for a later document of a compilation).

    Raises ``ValueError`` when the file holds fewer documents, ``wpanalysis.read.ReadError`` or
    ``OSError`` when it cannot be read."""
    path = Path(path)
    docs = parse_file(path).documents
    if not 1 <= document <= len(docs):
        raise ValueError(f"{path}: holds {len(docs)} document(s), not a document {document}; "
                         f"write {path.name}#K with K from 1 to {len(docs)}")
    doc = docs[document - 1]
    doc_id = path.stem if document == 1 else f"{path.stem}#{document}"
    items = pd.DataFrame({"doc_id": doc_id, "item_seq": range(1, len(doc.items) + 1),
                          "item_number": [it.number for it in doc.items], "title": [it.title for it in doc.items],
                          "body": [it.body for it in doc.items], "text": [it.text for it in doc.items]})
    return PlanItems(doc_id, items, item_targets(items))


# --- policy terms and targets ----------------------------------------------------------------------


@lru_cache(maxsize=4)
def _term_pattern(terms: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, sorted(set(terms), key=lambda t: (-len(t), t)))))


def policy_terms_in(text: str, terms: Sequence[str] | None = None) -> list[str]:
    """The policy terms (default: the lexicon) named in *text*, leftmost-longest, in order of first
    appearance, each once; the text is read in Simplified characters.

    >>> policy_terms_in("落实“双减”,做好課後服務,再抓双减")
    ['双减', '课后服务']
    """
    terms = tuple(terms) if terms is not None else tuple(t for t, _ in load_lexicon())
    found = _term_pattern(terms).findall(to_simplified(text or "")) if terms else []
    return list(dict.fromkeys(found))


def _target_signatures(targets: pd.DataFrame) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for row in targets.itertuples(index=False):
        value = f"{row.value:g}" if isinstance(row.value, (int, float)) and pd.notna(row.value) else str(row.value)
        unit = row.unit if isinstance(row.unit, str) else ""
        out.setdefault(int(row.item_seq), []).append(f"{row.indicator}{row.comparator}{value}{unit}")
    return out


# --- similarity ------------------------------------------------------------------------------------


def _subwords(token: str) -> list[str]:
    """The character bigrams inside a token of three or more characters (校园安全 → 校园 园安 安全).

    The lexicon keeps compounds whole (学校家庭社会协同育人, 校园安全), so two items about the same
    task often share no whole token; on the hand-aligned pair, adding the bigrams raised recall at
    the chosen threshold (README, "Item alignment").

    >>> _subwords("校园安全"), _subwords("安全")
    (['校园', '园安', '安全'], [])
    """
    return [token[k:k + 2] for k in range(len(token) - 1)] if len(token) >= 3 else []


def _content_tokens(items: pd.DataFrame, column: str, subwords: bool = True) -> list[list[str]]:
    """Content tokens (no stopword layer) of each item's *column*, in item order, each followed by
    its :func:`_subwords` when *subwords*."""
    frame = items[["doc_id", "item_seq", "item_number"]].assign(_t=items[column].fillna("").astype(str).tolist())
    tokens = tokenize_items(frame, text_column="_t", cache=False)
    tokens = tokens[tokens["stop_layer"] == ""]
    by_item = tokens.groupby(["doc_id", "item_seq"], sort=False)["token"].agg(list).to_dict()
    lists = [by_item.get((d, int(s)), []) for d, s in zip(items["doc_id"], items["item_seq"])]
    return [[x for t in ts for x in (t, *_subwords(t))] for ts in lists] if subwords else lists


def _domain_sets(items: pd.DataFrame) -> list[frozenset[str]]:
    assigned = assign_domains(items, load_codebook())
    assigned = assigned[assigned["domain"] != NONE]
    by_item = assigned.groupby(["doc_id", "item_seq"])["domain"].agg(frozenset).to_dict()
    return [by_item.get((d, int(s)), frozenset()) for d, s in zip(items["doc_id"], items["item_seq"])]


def _primary(items: pd.DataFrame) -> list[str]:
    assigned = assign_domains(items, load_codebook())
    first = assigned[assigned["rank"] == 1].set_index(["doc_id", "item_seq"])["domain"].to_dict()
    return [first.get((d, int(s)), NONE) for d, s in zip(items["doc_id"], items["item_seq"])]


def _cosine(vectorizer: TfidfVectorizer, a: list[list[str]], b: list[list[str]]) -> np.ndarray:
    """Cosine of TF-IDF vectors; NaN where either side has no tokens."""
    xa, xb = vectorizer.transform(a), vectorizer.transform(b)
    sim = (xa @ xb.T).toarray()
    empty = np.array([len(t) == 0 for t in a])[:, None] | np.array([len(t) == 0 for t in b])[None, :]
    sim[empty] = np.nan
    return sim


def similarity(a: pd.DataFrame, b: pd.DataFrame, weights: dict[str, float] | None = None) -> dict[str, np.ndarray]:
    """Item × item similarity of two plans' items: ``title``, ``body``, ``domain`` and the weighted
    ``score`` (each an array of shape len(a) × len(b); NaN where a part is missing on either side).

    >>> a = pd.DataFrame({"doc_id": "a", "item_seq": [1, 2], "item_number": [1, 2],
    ...                   "title": ["落实双减政策", "加强师德师风建设"], "body": ["", ""]})
    >>> b = a.assign(doc_id="b", title=["加强师德师风建设", "推进课后服务"])
    >>> similarity(a, b)["score"].round(2).tolist()   # 双减 and 课后服务 share only their domain
    [[0.0, 0.2], [1.0, 0.0]]
    """
    weights = weights or WEIGHTS
    parts = {"title": (_content_tokens(a, "title"), _content_tokens(b, "title")),
             "body": (_content_tokens(a, "body"), _content_tokens(b, "body"))}
    corpus_docs = [t + u for t, u in zip(*(parts[p][0] for p in parts))] + \
                  [t + u for t, u in zip(*(parts[p][1] for p in parts))]
    vectorizer = TfidfVectorizer(analyzer=lambda tokens: tokens, norm="l2", sublinear_tf=True)
    vectorizer.fit([d for d in corpus_docs if d] or [["_"]])
    out = {p: _cosine(vectorizer, *parts[p]) for p in parts}
    da, db = _domain_sets(a), _domain_sets(b)
    out["domain"] = np.array([[len(x & y) / len(x | y) if x and y else np.nan for y in db] for x in da]).reshape(
        len(da), len(db))
    num = sum(weights[p] * np.nan_to_num(out[p]) for p in ("title", "body", "domain"))
    den = sum(weights[p] * ~np.isnan(out[p]) for p in ("title", "body", "domain"))
    out["score"] = np.divide(num, den, out=np.zeros_like(num, dtype=float), where=den > 0)
    return out


# --- assignment and labels -------------------------------------------------------------------------


def _assign(score: np.ndarray, threshold: float) -> list[tuple[int, int]]:
    """One-to-one pairs maximising the summed score over pairs scoring at least *threshold*."""
    if score.size == 0:
        return []
    kept = np.where(score >= threshold, score, 0.0)
    rows, cols = linear_sum_assignment(kept, maximize=True)
    return sorted((int(i), int(j)) for i, j in zip(rows, cols) if score[i, j] >= threshold)


def _shared(tokens_a: list[str], tokens_b: list[str], idf: dict[str, float]) -> str:
    common = set(tokens_a) & set(tokens_b)
    ranked = sorted(common, key=lambda t: (-idf.get(t, 0.0), tokens_b.index(t)))
    return "、".join(ranked[:_N_EVIDENCE])


def _idf(a: pd.DataFrame, b: pd.DataFrame) -> dict[str, float]:
    docs = _content_tokens(a, "text", False) + _content_tokens(b, "text", False)
    n = len(docs)
    df: dict[str, int] = {}
    for d in docs:
        for t in set(d):
            df[t] = df.get(t, 0) + 1
    return {t: float(np.log((1 + n) / (1 + k)) + 1) for t, k in df.items()}


def _pair_row(pa: PlanItems, pb: PlanItems, i: int | None, j: int | None, ctx: dict) -> dict:
    row: dict = dict.fromkeys(ALIGN_COLUMNS)
    row.update(doc_a=pa.doc_id, doc_b=pb.doc_id)
    if i is not None:
        item = pa.items.iloc[i]
        row.update(item_seq_a=int(item["item_seq"]), item_number_a=item["item_number"], title_a=item["title"],
                   domain_a=ctx["dom_a"][i])
    if j is not None:
        item = pb.items.iloc[j]
        row.update(item_seq_b=int(item["item_seq"]), item_number_b=item["item_number"], title_b=item["title"],
                   domain_b=ctx["dom_b"][j])
    sim = ctx["sim"]
    if i is not None and j is not None:
        terms_a, terms_b = ctx["terms_a"][i], ctx["terms_b"][j]
        targets_a = set(ctx["targets_a"].get(row["item_seq_a"], []))
        new_targets = [t for t in ctx["targets_b"].get(row["item_seq_b"], []) if t not in targets_a]
        new_terms = [t for t in terms_b if t not in terms_a]
        row.update(label="changed" if new_terms or new_targets else "continued", score=float(sim["score"][i, j]),
                   title_score=float(sim["title"][i, j]), body_score=float(sim["body"][i, j]),
                   domain_score=float(sim["domain"][i, j]),
                   shared_terms=_shared(ctx["tok_a"][i], ctx["tok_b"][j], ctx["idf"]), new_terms="、".join(new_terms),
                   dropped_terms="、".join(t for t in terms_a if t not in terms_b), new_targets="；".join(new_targets))
    elif i is not None:
        row.update(label="dropped", best_match_score=float(np.max(sim["score"][i])) if sim["score"].shape[1] else 0.0)
    else:
        row.update(label="new", best_match_score=float(np.max(sim["score"][:, j])) if sim["score"].shape[0] else 0.0)
    return row


def align_items(pa: PlanItems, pb: PlanItems, threshold: float = THRESHOLD,
                weights: dict[str, float] | None = None) -> pd.DataFrame:
    """Align the items of two plans (columns :data:`ALIGN_COLUMNS`): the items of *pa* in their order,
    each with its partner in *pb* (``continued`` / ``changed``) or ``dropped``, then the unaligned
    items of *pb* in their order (``new``). ``score`` is the pair's similarity (see the module
    docstring); ``best_match_score`` of an unaligned item is the highest score it had with any item of
    the other plan. Terms are 、-joined, targets ；-joined.
    """
    a, b = pa.items.reset_index(drop=True), pb.items.reset_index(drop=True)
    sim = similarity(a, b, weights)
    pairs = dict(_assign(sim["score"], threshold))
    ctx = {"sim": sim, "dom_a": _primary(a), "dom_b": _primary(b), "idf": _idf(a, b),
           "tok_a": _content_tokens(a, "text", False), "tok_b": _content_tokens(b, "text", False),
           "terms_a": [policy_terms_in(t) for t in a["text"].fillna("")],
           "terms_b": [policy_terms_in(t) for t in b["text"].fillna("")],
           "targets_a": _target_signatures(pa.targets), "targets_b": _target_signatures(pb.targets)}
    rows = [_pair_row(pa, pb, i, pairs.get(i), ctx) for i in range(len(a))]
    taken = set(pairs.values())
    rows += [_pair_row(pa, pb, None, j, ctx) for j in range(len(b)) if j not in taken]
    out = pd.DataFrame(rows, columns=ALIGN_COLUMNS)
    for col in ("item_seq_a", "item_seq_b", "item_number_a", "item_number_b"):
        out[col] = out[col].astype("Int64")
    for col in ("score", "title_score", "body_score", "domain_score", "best_match_score"):
        out[col] = out[col].astype(float)
    return out


def align_plans(corpus: Corpus, doc_a: str, doc_b: str, threshold: float = THRESHOLD,
                weights: dict[str, float] | None = None) -> pd.DataFrame:
    """Align the items of plans *doc_a* and *doc_b* of a built corpus (:func:`align_items`)."""
    return align_items(plan_items(corpus, doc_a), plan_items(corpus, doc_b), threshold, weights)


def alignment_summary(alignment: pd.DataFrame) -> pd.DataFrame:
    """One row per (``doc_a``, ``doc_b``) of an alignment table: the items of each plan, the count of
    each label, ``shared`` (continued + changed), ``share_of_a_kept`` (shared / items of A) and
    ``share_of_b_new`` (new / items of B). Columns :data:`SUMMARY_COLUMNS`.

    >>> al = pd.DataFrame({"doc_a": "a", "doc_b": "b", "item_seq_a": [1, 2, None], "item_seq_b": [1, None, 2],
    ...                    "label": ["continued", "dropped", "new"]})
    >>> alignment_summary(al).iloc[0, 2:9].astype(int).tolist()
    [2, 2, 1, 0, 1, 1, 1]
    """
    rows = []
    for (da, db), part in alignment.groupby(["doc_a", "doc_b"], sort=False):
        counts = part["label"].value_counts()
        n_a, n_b = int(part["item_seq_a"].notna().sum()), int(part["item_seq_b"].notna().sum())
        c = {lab: int(counts.get(lab, 0)) for lab in LABELS}
        shared = c["continued"] + c["changed"]
        rows.append([da, db, n_a, n_b, *c.values(), shared, shared / n_a if n_a else float("nan"),
                     c["new"] / n_b if n_b else float("nan")])
    return pd.DataFrame(rows, columns=SUMMARY_COLUMNS)


def choose_pair(documents: pd.DataFrame) -> tuple[str, str] | None:
    """The rule for a two-plan contrast: the latest year with at least two ``full`` plans; of them the
    two with the most items (ties: registry order), earlier in registry order first. None if no year has two.

    >>> docs = pd.DataFrame({"doc_id": list("abcd"), "year": [2024, 2024, 2024, 2025],
    ...                      "completeness": ["full", "full", "full", "full"], "n_items": [30, 53, 34, 30]})
    >>> choose_pair(docs)
    ('b', 'c')
    """
    full = documents[documents["completeness"] == "full"].reset_index(drop=True)
    counts = full.groupby("year")["doc_id"].count()
    years = sorted(counts[counts >= 2].index)
    if not years:
        return None
    part = full[full["year"] == years[-1]]
    size = part["n_items"] if "n_items" in part else pd.Series(0, index=part.index)
    top = part.assign(_n=size.fillna(0), _pos=range(len(part))).sort_values(["_n", "_pos"], ascending=[False, True])
    first, second = top.head(2).sort_values("_pos")["doc_id"].tolist()
    return str(first), str(second)


# --- series ----------------------------------------------------------------------------------------


def _series(corpus: Corpus, doc_ids: Sequence[str] | None) -> pd.DataFrame:
    if doc_ids is None:
        return bureau_series(corpus.documents)
    docs = with_bureau(corpus.documents)
    docs = docs[docs["doc_id"].isin(list(doc_ids))]
    return docs[["bureau", "doc_id", "year"]].sort_values(["bureau", "year", "doc_id"]).reset_index(drop=True)


def continuity_table(corpus: Corpus, doc_ids: Sequence[str] | None = None, threshold: float = THRESHOLD
                     ) -> pd.DataFrame:
    """The alignments of consecutive plans of each bureau series (:func:`bureau_series`), or of the
    plans *doc_ids* (grouped by their bureau, in year order): ``bureau``, ``year_a``, ``year_b``, then
    :data:`ALIGN_COLUMNS`. Empty (with these columns) when no bureau has two years."""
    series = _series(corpus, doc_ids)
    tables = []
    for bureau, part in series.groupby("bureau", sort=True):
        rows = part.to_dict("records")
        for first, second in zip(rows, rows[1:]):
            al = align_plans(corpus, first["doc_id"], second["doc_id"], threshold)
            tables.append(al.assign(bureau=bureau, year_a=first["year"], year_b=second["year"]))
    columns = ["bureau", "year_a", "year_b", *ALIGN_COLUMNS]
    if not tables:
        return pd.DataFrame(columns=columns)
    return pd.concat(tables, ignore_index=True)[columns]


def _item_label(number: object, title: object) -> str:
    num = f"{int(number)}" if isinstance(number, (int, float, np.integer)) and pd.notna(number) else "?"
    return f"{num} {title}" if isinstance(title, str) else num


def _moves(continuity: pd.DataFrame, doc_b: str) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Items behind the change into plan *doc_b*, by domain: added (new, or aligned items whose primary
    domain changed into it) and removed (dropped, or aligned items whose domain changed out of it)."""
    added: dict[str, list[str]] = {}
    removed: dict[str, list[str]] = {}
    for r in continuity[continuity["doc_b"] == doc_b].itertuples(index=False):
        if r.label == "new" or (r.label in ("continued", "changed") and r.domain_a != r.domain_b):
            tag = "" if r.label == "new" else f" (from {r.domain_a})"
            added.setdefault(r.domain_b, []).append(_item_label(r.item_number_b, r.title_b) + tag)
        if r.label == "dropped" or (r.label in ("continued", "changed") and r.domain_a != r.domain_b):
            tag = "" if r.label == "dropped" else f" (to {r.domain_b})"
            removed.setdefault(r.domain_a, []).append(_item_label(r.item_number_a, r.title_a) + tag)
    return added, removed


def attention_shift(corpus: Corpus, doc_ids: Sequence[str] | None = None,
                    continuity: pd.DataFrame | None = None) -> pd.DataFrame:
    """Attention by policy domain across each bureau series (or the plans *doc_ids*): one row per
    bureau × year × domain (every domain the bureau's plans give a primary item to, ``none``
    included), columns :data:`SHIFT_COLUMNS`: ``n_items`` and ``share`` of the plan's items whose
    primary domain it is, ``change`` (share minus the previous plan's; NaN for the first), and the
    items behind the change (``;``-joined ``number title``): ``items_added`` (new items, and aligned
    items whose domain changed into it, marked ``(from …)``), ``items_removed`` (dropped items, and
    aligned items whose domain changed out of it). *continuity* is :func:`continuity_table` of the
    same plans (computed when not given)."""
    series = _series(corpus, doc_ids)
    continuity = continuity_table(corpus, doc_ids) if continuity is None else continuity
    names = load_codebook().names("zh")
    items = corpus.items[corpus.items["doc_id"].isin(series["doc_id"])]
    primary = items[["doc_id", "item_seq"]].assign(domain=_primary(items) if len(items) else [])
    rows = []
    for bureau, part in series.groupby("bureau", sort=True):
        plans = part.to_dict("records")
        mine = primary[primary["doc_id"].isin(part["doc_id"])]
        domains = [d for d in [*names] if d in set(mine["domain"])]
        previous: dict[str, float] | None = None
        for k, plan in enumerate(plans):
            counts = mine[mine["doc_id"] == plan["doc_id"]]["domain"].value_counts()
            n = int(counts.sum())
            added, removed = _moves(continuity, plan["doc_id"]) if k else ({}, {})
            shares = {d: counts.get(d, 0) / n if n else float("nan") for d in domains}
            for d in domains:
                change = shares[d] - previous[d] if previous is not None else float("nan")
                rows.append([bureau, plan["year"], plan["doc_id"], d, names.get(d, d), int(counts.get(d, 0)),
                             shares[d], change, "; ".join(added.get(d, [])), "; ".join(removed.get(d, []))])
            previous = shares
    return pd.DataFrame(rows, columns=SHIFT_COLUMNS)


def load_series(root: str | Path) -> Corpus:
    """Build the compendium at *root* (``root/data/raw/documents.csv`` and its files) in memory —
    nothing is written — e.g. the constructed three-year series of ``tests/fixtures/series/``."""
    from .build import build_corpus  # the build stage is only needed here

    raw = Path(root) / "data" / "raw"
    return build_corpus(raw / "documents.csv", raw)


# --- validation on a hand-aligned pair -------------------------------------------------------------

ALIGNMENT_GOLD = "alignment_two_largest_full_latest_year.csv"
"""File name, in a compendium's ``data/annotations/``, of its hand-aligned pair: the two plans
:func:`choose_pair` picks, every item listed once (``decision`` aligned / unaligned)."""

CURVE_COLUMNS = ["threshold", "n_gold_pairs", "n_predicted", "n_correct", "precision", "recall", "f1"]


def load_alignment_gold(path: str | Path, corpus: Corpus | None = None) -> pd.DataFrame:
    """The aligned pairs of a hand alignment: ``doc_a``, ``item_seq_a``, ``doc_b``, ``item_seq_b``
    (``decision == "aligned"`` rows). With *corpus*: empty when the corpus lacks the aligned plans
    (the hand alignment is of another corpus); else each row's titles are checked against the
    corpus's items, and a ``ValueError`` names the first row whose item has a different title
    (the hand alignment then belongs to another parse and must be redone)."""
    gold = pd.read_csv(path, dtype={"item_seq_a": "Int64", "item_seq_b": "Int64"}, encoding="utf-8")
    if corpus is not None and not set(gold["doc_a"]) | set(gold["doc_b"]) <= set(corpus.documents["doc_id"]):
        return pd.DataFrame({c: pd.Series(dtype=int if c.startswith("item") else object)
                             for c in ["doc_a", "item_seq_a", "doc_b", "item_seq_b"]})
    if corpus is not None:
        titles = corpus.items.set_index(["doc_id", "item_seq"])["title"].to_dict()
        for k, row in gold.iterrows():
            for side in ("a", "b"):
                key = (row[f"doc_{side}"], row[f"item_seq_{side}"])
                if pd.notna(key[1]) and titles.get((key[0], int(key[1]))) != row[f"title_{side}"]:
                    raise ValueError(f"{Path(path).name} row {k + 2}: item {key[1]} of {key[0]} is titled "
                                     f"{titles.get((key[0], int(key[1])))!r} in the corpus, not "
                                     f"{row[f'title_{side}']!r}; redo the hand alignment for this parse")
    aligned = gold[gold["decision"] == "aligned"]
    return aligned[["doc_a", "item_seq_a", "doc_b", "item_seq_b"]].astype({"item_seq_a": int, "item_seq_b": int})


def threshold_curve(gold: pd.DataFrame, corpus: Corpus,
                    thresholds: Sequence[float] = (0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5)) -> pd.DataFrame:
    """Precision, recall and F1 of the assignment against the hand-aligned pairs *gold*
    (:func:`load_alignment_gold`) at each threshold (columns :data:`CURVE_COLUMNS`). Precision =
    correct pairs / pairs the assignment makes; recall = correct pairs / hand-aligned pairs. Empty
    when the corpus lacks the gold's plans."""
    if gold.empty or not {gold["doc_a"].iloc[0], gold["doc_b"].iloc[0]} <= set(corpus.documents["doc_id"]):
        return pd.DataFrame(columns=CURVE_COLUMNS)
    pa, pb = plan_items(corpus, gold["doc_a"].iloc[0]), plan_items(corpus, gold["doc_b"].iloc[0])
    score = similarity(pa.items, pb.items)["score"]
    seq_a, seq_b = pa.items["item_seq"].tolist(), pb.items["item_seq"].tolist()
    truth = set(zip(gold["item_seq_a"], gold["item_seq_b"]))
    rows = []
    for t in thresholds:
        predicted = {(seq_a[i], seq_b[j]) for i, j in _assign(score, t)}
        correct = len(predicted & truth)
        p = correct / len(predicted) if predicted else float("nan")
        r = correct / len(truth) if truth else float("nan")
        f1 = 2 * p * r / (p + r) if predicted and truth and p + r > 0 else float("nan")
        rows.append([float(t), len(truth), len(predicted), correct, p, r, f1])
    return pd.DataFrame(rows, columns=CURVE_COLUMNS)
