"""Keyword analysis: the glue between the token table and the figures of notebook 02.

The heavy lifting lives in :mod:`wpanalysis.segment` (tokens, stopword layers) and
:mod:`wpanalysis.features` (frequencies, TF-IDF, keyness, co-occurrence). This module
adds the choices a keyword analysis of the work plans has to make and show:

* which documents take part — :func:`full_text_ids`, :func:`keep_full_text` (outline-only
  plans contribute item titles only, so they are left out of frequency comparisons);
* what segmentation produced — :func:`token_counts`;
* what the switchable ``policy_boilerplate`` stopword layer changes —
  :func:`top_terms_with_without`;
* per-document tables and word-cloud inputs — :func:`rank_table`, :func:`term_counts`,
  :func:`term_counts_by`;
* TF-IDF without the terms every document shares — :func:`drop_ubiquitous`;
* keyness between two groups of the registry — :func:`group_members`,
  :func:`keyness_groups`;
* the vocabulary lexicon discovery should leave out — :func:`known_terms`;
* a small PNG of a figure for a notebook to embed — :func:`preview_png`.

Every function takes the tables of :func:`wpanalysis.corpus.load_corpus` and
:func:`wpanalysis.segment.tokenize_items` and returns a plain value or a tidy
:class:`pandas.DataFrame` with the columns its docstring lists. Nothing is printed.

Example::

    from wpanalysis import corpus, keywords, segment
    documents, items = corpus.load_corpus()
    tokens = keywords.keep_full_text(segment.tokenize_items(items), documents)
    keywords.top_terms_with_without(tokens, n=30)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import pandas as pd

from .features import keyness, term_frequency
from .segment import STOPWORD_LAYERS, load_lexicon, remove_stopwords

__all__ = [
    "BASE_LAYERS",
    "FULL_TEXT",
    "full_text_ids",
    "keep_full_text",
    "token_counts",
    "top_terms_with_without",
    "rank_table",
    "term_counts",
    "term_counts_by",
    "drop_ubiquitous",
    "group_members",
    "keyness_groups",
    "known_terms",
]

BASE_LAYERS: tuple[str, ...] = ("function_words", "punctuation_numbers")
"""Stopword layers removed in every bag-of-words analysis; ``policy_boilerplate`` is the switchable one."""

FULL_TEXT: tuple[str, ...] = ("full", "partial")
"""Registry ``completeness`` values of plans with body text (outline-only plans have titles only)."""


# --------------------------------------------------------------------------- documents


def full_text_ids(documents: pd.DataFrame) -> list[str]:
    """``doc_id`` of the plans with body text (completeness ``full`` or ``partial``), in registry order.

    >>> docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "completeness": ["full", "outline-only", "partial"]})
    >>> full_text_ids(docs)
    ['a', 'c']
    """
    return documents.loc[documents["completeness"].isin(FULL_TEXT), "doc_id"].tolist()


def keep_full_text(table: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """The rows of *table* (tokens or items, anything with ``doc_id``) that belong to full-text plans.

    >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "completeness": ["full", "outline-only"]})
    >>> keep_full_text(pd.DataFrame({"doc_id": ["a", "b", "a"], "token": ["双减", "教师", "课后服务"]}), docs)
      doc_id token
    0      a    双减
    1      a  课后服务
    """
    return table[table["doc_id"].isin(full_text_ids(documents))].reset_index(drop=True)


def token_counts(tokens: pd.DataFrame, documents: pd.DataFrame, labels: pd.Series | None = None) -> pd.DataFrame:
    """Tokens per document and how many fall in each stopword layer; one row per document.

    Columns: ``doc_id``, ``label`` (from *labels*, a Series indexed by ``doc_id``; the
    ``doc_id`` itself by default), ``completeness``, ``n_items`` (items with at least one
    token), ``n_tokens`` (all non-space tokens), ``function_words``, ``punctuation_numbers``,
    ``policy_boilerplate`` (tokens in each layer) and ``n_content`` (tokens in no layer).
    Rows follow *documents*; a document without tokens gets zeros.

    >>> docs = pd.DataFrame({"doc_id": ["a"], "completeness": ["full"]})
    >>> t = pd.DataFrame({"doc_id": ["a"] * 3, "item_seq": [1, 1, 2], "token": ["的", "双减", "工作"],
    ...                   "stop_layer": ["function_words", "", "policy_boilerplate"]})
    >>> token_counts(t, docs).iloc[0].to_dict()  # doctest: +NORMALIZE_WHITESPACE
    {'doc_id': 'a', 'label': 'a', 'completeness': 'full', 'n_items': 2, 'n_tokens': 3, 'function_words': 1,
     'punctuation_numbers': 0, 'policy_boilerplate': 1, 'n_content': 1}
    """
    layer_counts = (
        tokens.groupby(["doc_id", "stop_layer"]).size().unstack(fill_value=0)
        .reindex(columns=[*STOPWORD_LAYERS, ""], fill_value=0)
    )
    out = pd.DataFrame({"doc_id": documents["doc_id"].to_numpy()})
    out["label"] = out["doc_id"] if labels is None else out["doc_id"].map(labels).fillna(out["doc_id"])
    out["completeness"] = documents["completeness"].to_numpy()
    n_items = tokens[["doc_id", "item_seq"]].drop_duplicates().groupby("doc_id").size()
    out["n_items"] = out["doc_id"].map(n_items).fillna(0).astype("int64")
    out["n_tokens"] = out["doc_id"].map(tokens.groupby("doc_id").size()).fillna(0).astype("int64")
    for layer in STOPWORD_LAYERS:
        out[layer] = out["doc_id"].map(layer_counts[layer]).fillna(0).astype("int64")
    out["n_content"] = out["doc_id"].map(layer_counts[""]).fillna(0).astype("int64")
    return out


# --------------------------------------------------------------------------- frequencies


def top_terms_with_without(tokens: pd.DataFrame, layer: str = "policy_boilerplate", n: int = 30,
                           base: Sequence[str] = BASE_LAYERS) -> pd.DataFrame:
    """The top *n* terms side by side: with *layer* kept and with it removed (the *base* layers always removed).

    Rates are per 10,000 tokens left after removal, so removing a layer raises every
    remaining term's rate a little. Columns: ``rank``; ``kept_token``, ``kept_n``,
    ``kept_per_10k``, ``kept_in_layer`` (True when the term belongs to *layer*, i.e. it
    disappears once the layer is removed); ``removed_token``, ``removed_n``,
    ``removed_per_10k``, ``removed_new`` (True when the term is not in the top *n* with the
    layer kept). Ties in a count are broken by the term (code-point order).

    >>> t = pd.DataFrame({"token": ["工作", "工作", "工作", "双减", "双减", "教师"],
    ...                   "stop_layer": ["policy_boilerplate"] * 3 + ["", "", ""]})
    >>> top_terms_with_without(t, n=2)[["kept_token", "kept_in_layer", "removed_token", "removed_new"]].values.tolist()
    [['工作', True, '双减', False], ['双减', False, '教师', True]]
    """
    if layer not in STOPWORD_LAYERS:
        raise ValueError(f"unknown stopword layer {layer!r}; layers: {STOPWORD_LAYERS}")
    base = [b for b in base if b != layer]
    kept = term_frequency(remove_stopwords(tokens, base) if base else tokens).head(n).reset_index(drop=True)
    removed = term_frequency(remove_stopwords(tokens, [*base, layer])).head(n).reset_index(drop=True)
    in_layer = set(tokens.loc[tokens["stop_layer"] == layer, "token"])
    out = pd.DataFrame({"rank": range(1, max(len(kept), len(removed)) + 1)})
    for side, table in (("kept", kept), ("removed", removed)):
        out[f"{side}_token"] = table["token"]
        out[f"{side}_n"] = table["n"].astype("Int64")
        out[f"{side}_per_10k"] = table["per_10k"]
    out["kept_in_layer"] = out["kept_token"].isin(in_layer)
    out["removed_new"] = ~out["removed_token"].isin(set(kept["token"]))
    columns = ["rank", "kept_token", "kept_n", "kept_per_10k", "kept_in_layer",
               "removed_token", "removed_n", "removed_per_10k", "removed_new"]
    return out[columns]


def rank_table(table: pd.DataFrame, by: str = "doc_id", value: str = "per_10k", n: int = 30,
               labels: Mapping[str, str] | pd.Series | None = None, decimals: int = 1,
               order: Sequence[str] | None = None) -> pd.DataFrame:
    """A display table of the top *n* terms per group: one row per rank, one column per group.

    *table* is a long table with ``by``, ``token`` and *value* columns whose rows are already
    in rank order inside each group (as :func:`~wpanalysis.features.term_frequency` and
    :func:`~wpanalysis.features.tfidf_distinctive` return them). Each cell reads
    ``"term value"`` (value rounded to *decimals*); the index is ``rank`` (1-based); the
    columns are the groups in *order* (e.g. :func:`full_text_ids`, registry order; by
    default the order of first appearance), renamed by *labels*. A group with fewer than *n*
    terms has empty cells (``""``).

    >>> t = pd.DataFrame({"doc_id": ["a", "a", "b"], "token": ["双减", "教师", "课后服务"], "per_10k": [60.0, 40, 100]})
    >>> rank_table(t, n=2, labels={"a": "宁波 2024"}).to_dict("list")
    {'宁波 2024': ['双减 60.0', '教师 40.0'], 'b': ['课后服务 100.0', '']}
    >>> list(rank_table(t, order=["b", "a"]).columns)
    ['b', 'a']
    """
    top = table.assign(rank=table.groupby(by, sort=False).cumcount() + 1)
    top = top[top["rank"] <= n]
    cells = top["token"].astype(str) + " " + top[value].map(lambda v: f"{v:.{decimals}f}")
    wide = (
        pd.DataFrame({by: top[by], "rank": top["rank"], "cell": cells})
        .pivot(index="rank", columns=by, values="cell")
        .reindex(columns=list(order) if order is not None else list(pd.unique(top[by])))
        .fillna("")
    )
    if labels is not None:
        wide.columns = [labels.get(c, c) for c in wide.columns]
    wide.columns.name = None
    return wide


def term_counts(tokens: pd.DataFrame, n: int | None = 100) -> dict[str, int]:
    """The *n* most frequent terms as ``{term: count}`` (all terms when *n* is None), for a word cloud.

    >>> term_counts(pd.DataFrame({"token": ["双减", "教师", "双减"]}))
    {'双减': 2, '教师': 1}
    """
    freq = term_frequency(tokens)
    if n is not None:
        freq = freq.head(n)
    return {str(t): int(c) for t, c in zip(freq["token"], freq["n"])}


def term_counts_by(tokens: pd.DataFrame, by: str = "doc_id", labels: Mapping[str, str] | pd.Series | None = None,
                   n: int | None = 100) -> dict[str, dict[str, int]]:
    """:func:`term_counts` per group, keyed by the group's label (groups in order of first appearance).

    >>> t = pd.DataFrame({"doc_id": ["a", "a", "b"], "token": ["双减", "教师", "课后服务"]})
    >>> term_counts_by(t, labels={"a": "宁波 2024", "b": "河源 2025"}, n=1)
    {'宁波 2024': {'双减': 1}, '河源 2025': {'课后服务': 1}}
    """
    out: dict[str, dict[str, int]] = {}
    for key, group in tokens.groupby(by, sort=False):
        name = labels.get(key, key) if labels is not None else key
        out[str(name)] = term_counts(group, n)
    return out


def drop_ubiquitous(tokens: pd.DataFrame, unit: str = "doc_id") -> pd.DataFrame:
    """*tokens* without the terms that occur in every unit (every document by default).

    With scikit-learn's smooth idf such a term has idf = 1, the lowest there is: it cannot
    tell documents apart, yet in a small corpus its high count still puts it at the top of
    a TF-IDF ranking. A corpus of one unit is returned unchanged.

    >>> t = pd.DataFrame({"doc_id": ["a", "a", "b"], "token": ["教育", "双减", "教育"]})
    >>> drop_ubiquitous(t)["token"].tolist()
    ['双减']
    """
    n_units = tokens[unit].nunique()
    if n_units < 2:
        return tokens
    spread = tokens.groupby("token")[unit].nunique()
    everywhere = set(spread[spread == n_units].index)
    return tokens[~tokens["token"].isin(everywhere)].reset_index(drop=True)


# --------------------------------------------------------------------------- keyness


def _as_list(values: object) -> list:
    if isinstance(values, str) or not isinstance(values, Iterable):
        return [values]
    return list(values)


def group_members(tokens: pd.DataFrame, documents: pd.DataFrame, column: str, target: object, reference: object,
                  labels: Mapping[str, str] | pd.Series | None = None) -> pd.DataFrame:
    """Which documents of *tokens* form the target and the reference group of a comparison.

    A document is in the target group when its registry *column* (``admin_level``,
    ``region``, ``doc_id`` …) has one of the *target* values (a value or a list), in the
    reference group for *reference*; documents in neither, or absent from *tokens*, are
    left out. Columns: ``group`` (``target`` / ``reference``), ``doc_id``, ``label``,
    *column*, ``n_tokens``; target rows first, each group in registry order.

    >>> docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "admin_level": ["city", "county", "city"]})
    >>> t = pd.DataFrame({"doc_id": ["a", "b", "b"], "token": ["双减", "教师", "双减"]})
    >>> group_members(t, docs, "admin_level", "city", "county")[["group", "doc_id", "n_tokens"]].values.tolist()
    [['target', 'a', 1], ['reference', 'b', 2]]
    """
    sizes = tokens.groupby("doc_id").size()
    present = documents[documents["doc_id"].isin(sizes.index)]
    rows = []
    for group, values in (("target", _as_list(target)), ("reference", _as_list(reference))):
        for _, doc in present[present[column].isin(values)].iterrows():
            label = labels.get(doc["doc_id"], doc["doc_id"]) if labels is not None else doc["doc_id"]
            rows.append({"group": group, "doc_id": doc["doc_id"], "label": label, column: doc[column],
                         "n_tokens": int(sizes[doc["doc_id"]])})
    columns = ["group", "doc_id", "label", column, "n_tokens"]
    return pd.DataFrame(rows, columns=list(dict.fromkeys(columns)))


def keyness_groups(tokens: pd.DataFrame, documents: pd.DataFrame, column: str, target: object, reference: object,
                   min_count: int = 5, alpha: float = 0.05) -> pd.DataFrame:
    """Keyness (:func:`wpanalysis.features.keyness`) of the target group's tokens against the reference group's.

    Groups are chosen as in :func:`group_members`. The columns of
    :func:`~wpanalysis.features.keyness` (``token``, ``n_target``, ``n_reference``,
    ``per_10k_target``, ``per_10k_reference``, ``g2`` signed, ``p``, ``p_bonferroni``,
    ``significant``, ``log_ratio``) plus ``docs_target`` and ``docs_reference``: in how
    many documents of each group the term occurs. A term key to a group but found in only
    one of its documents is that document's word, not the group's. Sorted by ``g2``,
    descending. Raises ``ValueError`` when a group has no documents.

    >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "admin_level": ["city", "county"]})
    >>> t = pd.DataFrame({"doc_id": ["a"] * 40 + ["b"] * 40, "token": ["高校"] * 20 + ["教育"] * 20 + ["教育"] * 40})
    >>> k = keyness_groups(t, docs, "admin_level", "city", "county")
    >>> k[["token", "significant", "docs_target", "docs_reference"]].values.tolist()
    [['高校', True, 1, 0], ['教育', True, 1, 1]]
    """
    members = group_members(tokens, documents, column, target, reference)
    ids = {g: members.loc[members["group"] == g, "doc_id"].tolist() for g in ("target", "reference")}
    for group, doc_ids in ids.items():
        if not doc_ids:
            values = target if group == "target" else reference
            raise ValueError(f"no documents in the {group} group ({column} = {values!r})")
    parts = {g: tokens[tokens["doc_id"].isin(doc_ids)] for g, doc_ids in ids.items()}
    table = keyness(parts["target"], parts["reference"], min_count=min_count, alpha=alpha)
    for group, part in parts.items():
        spread = part.groupby("token")["doc_id"].nunique()
        table[f"docs_{group}"] = table["token"].map(spread).fillna(0).astype("int64")
    return table


# --------------------------------------------------------------------------- lexicon discovery


def known_terms() -> frozenset[str]:
    """The vocabulary segmentation already knows: jieba's default dictionary plus the shipped lexicon.

    Pass it as ``known=`` to :func:`wpanalysis.discover.discover_terms`, so that only new
    candidates are proposed.

    >>> {"教育", "县管校聘"} <= known_terms()
    True
    """
    from .discover import jieba_vocabulary

    return jieba_vocabulary() | {term for term, _ in load_lexicon()}
