"""Compare stage: groups of plans, uncertainty, topic prevalence, differences and similarity.

Every function takes the tables of :func:`wpanalysis.build.load_corpus` (and, where
words are counted, the token table of :func:`wpanalysis.segment.tokenize_items`) and
returns a tidy :class:`pandas.DataFrame` whose columns its docstring lists. Results about
groups always carry ``n_docs`` and ``n_items`` beside them: in a small corpus a "group" is
often one plan.

* **Groups** — any registry column (:data:`wpanalysis.registry.GROUP_COLUMNS`: region,
  admin level, year, completeness; province works too). A missing value is the group
  ``"unknown"``, never dropped: :func:`group_sizes`, :func:`registry_groups`.
* **Choosing groups by a rule** — :func:`comparable_groups` (which groups have enough
  plans), :func:`plan_groups` (kept, pooled as :data:`OTHER`, left out) and :func:`regroup`
  (the registry with those groups), :func:`contrast_groups` / :func:`first_contrast` (the two
  largest), :func:`plan_pair` (two plans to contrast), :func:`rule_comparisons`,
  :func:`confounded_groups` (groupings that hold the same plans), so notebooks never name a
  group or a plan by hand.
* **Which text** — :func:`basis_items` is the robustness switch: ``"title"`` (item titles,
  all plans), ``"text"`` (title + body, only plans with body text) or ``"all"`` (each item's
  own text; outline-only plans by their titles — notebook 03's convention).
* **Uncertainty** — :func:`bootstrap_ci` (percentile bootstrap of a group mean, over items
  or over documents), :func:`topic_prevalence_by_group`, :func:`project_topics`.
* **Differences and similarity** — :func:`largest_differences`, :func:`differences_by_basis`,
  :func:`doc_similarity` (cosine of TF-IDF vectors), :func:`similarity_matrix`,
  :func:`similarity_summary`, :func:`group_similarity`, :func:`display_sample` (at most *n*
  plans for a per-plan figure), :func:`drop_place_names` and :func:`keyness_comparisons` (for
  keyness between places, see :func:`wpanalysis.features.keyness_groups`).

Policy-domain coding lives in :mod:`wpanalysis.coding`, the figures in
:mod:`wpanalysis.plots.compare` and :mod:`wpanalysis.plots.domains`.

Example::

    from wpanalysis import build, compare
    from wpanalysis.coding import codebook, profiles
    corpus = build.load_corpus()
    assigned = codebook.assign_domains(corpus.items)
    table = profiles.domain_profile(assigned, corpus.documents, by="region")
    compare.largest_differences(table)

Nothing is printed.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Mapping, Sequence
from itertools import combinations
from typing import TYPE_CHECKING, Literal

import numpy as np
import pandas as pd
from scipy.stats import norm

from .coding.codebook import NONE
from .registry import FULL_TEXT, GROUP_COLUMNS, UNKNOWN, _order_groups, doc_labels, group_values, place_names

if TYPE_CHECKING:

    from .topics import TopicModel

__all__ = [
    "BASES",
    "MAX_BOOTSTRAP_VALUES",
    "registry_groups",
    "group_sizes",
    "OTHER",
    "LEFT_OUT",
    "comparable_groups",
    "contrast_groups",
    "plan_groups",
    "regroup",
    "drop_left_out",
    "first_contrast",
    "confounded_groups",
    "plan_pair",
    "keyness_comparisons",
    "basis_items",
    "drop_place_names",
    "largest_differences",
    "differences_by_basis",
    "bootstrap_ci",
    "topic_prevalence_by_group",
    "project_topics",
    "doc_similarity",
    "similarity_matrix",
    "similarity_summary",
    "group_similarity",
    "display_sample",
    "key_rows",
    "rule_comparisons",
    "fit_item_topics",
]


BASES: tuple[str, ...] = ("all", "text", "title")
"""Which text a comparison reads; see :func:`basis_items`."""

OTHER = "other"
"""The group that pools the groups with too few plans (:func:`plan_groups`, ``small="pool"``)."""

MIN_PLANS_INTERVAL = 5
"""Plans a group needs before a plan-resampling interval is shown (:mod:`wpanalysis.inference`)."""

MAX_BOOTSTRAP_VALUES = 5_000
"""Past this many values in a group, :func:`bootstrap_ci` of single values (items) gives the normal
interval mean ± z·sd/√n instead of resampling: the percentile bootstrap of a mean agrees with it at
that size, and resampling every item of a large corpus thousands of times costs n × draws."""

LEFT_OUT = "left out"
"""The value :func:`regroup` gives a plan whose group is left out; tables drop it (:func:`drop_left_out`)."""


# --------------------------------------------------------------------------- groups


def registry_groups(documents: pd.DataFrame, items: pd.DataFrame) -> pd.DataFrame:
    """The plans and the groups they fall in: a map-free table, one row per document.

    Columns: ``doc_id``, ``label`` (:func:`wpanalysis.registry.doc_labels`), ``province``,
    ``region``, ``admin_level``, ``year``, ``completeness`` (an empty registry value shown
    as ``unknown``), ``n_items``, ``n_items_with_body``. Rows in registry order.
    """
    counts = items.groupby(items["doc_id"].astype(object)).agg(n_items=("item_seq", "size"),
                                                                n_items_with_body=("has_body", "sum"))
    out = pd.DataFrame({"doc_id": documents["doc_id"].astype(object).to_numpy(),
                        "label": doc_labels(documents).to_numpy()})
    for column in ("province", "region", "admin_level", "year", "completeness"):
        out[column] = group_values(documents, column).to_numpy()
    out = out.join(counts, on="doc_id")
    for column in ("n_items", "n_items_with_body"):
        out[column] = out[column].fillna(0).astype("int64")
    return out


def group_sizes(documents: pd.DataFrame, items: pd.DataFrame, by: str | Sequence[str] = GROUP_COLUMNS,
                labels: Mapping[str, str] | pd.Series | None = None, max_names: int | None = None) -> pd.DataFrame:
    """Documents and items per group, for one or several registry columns.

    Columns: ``grouping`` (the column), ``group``, ``n_docs``, ``n_items``,
    ``n_items_with_body``, ``documents`` (the members, by *labels* or ``doc_id``, joined by
    ``、``; past *max_names*, the first ones and how many more). Groupings in the order
    given, groups in :data:`GROUP_ORDER` (``unknown`` last); plans :func:`regroup` left out
    are not counted. Only documents that have items count.

    >>> docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "region": ["east", None, "east"]})
    >>> items = pd.DataFrame({"doc_id": ["a", "a", "b", "c"], "item_seq": [1, 2, 1, 1],
    ...                       "has_body": [True, True, False, True]})
    >>> group_sizes(docs, items, "region")[["group", "n_docs", "n_items"]].values.tolist()
    [['east', 2, 3], ['unknown', 1, 1]]
    """
    columns = [by] if isinstance(by, str) else list(by)
    item_docs = items["doc_id"].astype(object)
    per_doc = items.groupby(item_docs).agg(n_items=("item_seq", "size"), n_body=("has_body", "sum"))
    names = dict(labels) if labels is not None else {}
    rows = []
    for column in columns:
        groups = group_values(documents, column)
        groups = groups[groups.index.isin(per_doc.index) & (groups != LEFT_OUT)]
        for group in _order_groups(column, groups.unique()):
            members = groups.index[groups == group].tolist()
            shown = [str(names.get(d, d)) for d in members[:max_names]]
            more = f"…（另 {len(members) - len(shown)} 份）" if len(shown) < len(members) else ""
            rows.append({"grouping": column, "group": group, "n_docs": len(members),
                         "n_items": int(per_doc.loc[members, "n_items"].sum()),
                         "n_items_with_body": int(per_doc.loc[members, "n_body"].sum()),
                         "documents": "、".join(shown) + more})
    return pd.DataFrame(rows, columns=["grouping", "group", "n_docs", "n_items", "n_items_with_body", "documents"])


def comparable_groups(documents: pd.DataFrame, by: str, min_docs: int = 2,
                      max_groups: int | None = None) -> pd.DataFrame:
    """Which groups of registry column *by* a comparison can use — the rule notebooks choose groups by.

    A group is usable when it has at least *min_docs* plans, is not ``unknown``, and is among
    the *max_groups* largest usable groups (all when None). One row per group, the largest
    first (ties in display order): ``group``, ``n_docs``, ``doc_ids`` (a list, registry
    order), ``usable``, ``reason`` (why a group is left out; empty when usable).

    >>> docs = pd.DataFrame({"doc_id": list("abcde"), "region": ["east", "east", "west", None, "east"]})
    >>> comparable_groups(docs, "region")[["group", "n_docs", "usable", "reason"]].values.tolist()
    [['east', 3, True, ''], ['west', 1, False, 'fewer than 2 plans'], ['unknown', 1, False, 'value not recorded']]
    """
    groups = group_values(documents, by)
    order = _order_groups(by, groups.unique())
    sizes = {g: int((groups == g).sum()) for g in order}
    ranked = sorted(order, key=lambda g: (-sizes[g], order.index(g)))
    rows, n_usable = [], 0
    for group in ranked:
        reason = ""
        if group == UNKNOWN:
            reason = "value not recorded"
        elif group == LEFT_OUT:
            reason = "left out"
        elif sizes[group] < min_docs:
            reason = f"fewer than {min_docs} plans"
        elif max_groups is not None and n_usable >= max_groups:
            reason = f"not among the {max_groups} largest groups"
        n_usable += not reason
        rows.append((group, sizes[group], groups.index[groups == group].tolist(), not reason, reason))
    return pd.DataFrame(rows, columns=["group", "n_docs", "doc_ids", "usable", "reason"])


def contrast_groups(documents: pd.DataFrame, by: str, min_docs: int = 2) -> tuple[str, str] | None:
    """The two largest usable groups of *by* (see :func:`comparable_groups`), or None when fewer than two.

    >>> docs = pd.DataFrame({"doc_id": list("abcd"), "admin_level": ["city", "city", "county", "county"]})
    >>> contrast_groups(docs, "admin_level"), contrast_groups(docs, "admin_level", min_docs=3)
    (('city', 'county'), None)
    """
    usable = comparable_groups(documents, by, min_docs, max_groups=2)
    usable = usable[usable["usable"]]
    return (usable["group"].iloc[0], usable["group"].iloc[1]) if len(usable) == 2 else None


def plan_groups(documents: pd.DataFrame, by: str | Sequence[str] = GROUP_COLUMNS, min_docs: int = 2,
                small: Literal["pool", "drop"] = "pool", max_groups: int | None = None) -> pd.DataFrame:
    """How each group of each grouping is used — kept, pooled as ``other``, left out, or ``unknown``.

    A group with at least *min_docs* plans (and among the *max_groups* largest) is kept. The
    other groups are pooled into :data:`OTHER` when ``small="pool"`` and the pool reaches
    *min_docs* plans; otherwise (or with ``small="drop"``) they are left out. Plans whose
    value is not recorded stay in ``unknown``: shown in tables, never compared. One row per
    group, groupings in the order given, the largest group first. Columns: ``grouping``,
    ``group``, ``n_docs``, ``doc_ids``, ``status`` (``kept``, ``pooled``, ``left out``,
    ``unknown``), ``becomes`` (the group its plans are counted in), ``reason``.

    >>> docs = pd.DataFrame({"doc_id": list("abcdef"), "region": ["east"] * 3 + ["west", "northeast", None]})
    >>> plan_groups(docs, "region")[["group", "status", "becomes"]].values.tolist()
    [['east', 'kept', 'east'], ['west', 'pooled', 'other'], ['northeast', 'pooled', 'other'], \
['unknown', 'unknown', 'unknown']]
    >>> plan_groups(docs, "region", min_docs=3)["status"].tolist()
    ['kept', 'left out', 'left out', 'unknown']
    """
    if small not in ("pool", "drop"):
        raise ValueError(f"small must be 'pool' or 'drop', got {small!r}")
    rows = []
    for column in [by] if isinstance(by, str) else list(by):
        table = comparable_groups(documents, column, min_docs, max_groups)
        minor = table[~table["usable"] & (table["group"] != UNKNOWN)]
        pooled = int(minor["n_docs"].sum())
        pool = small == "pool" and pooled >= min_docs
        for r in table.itertuples(index=False):
            status, becomes, reason = "kept", r.group, r.reason
            if r.group == UNKNOWN:
                status, becomes = "unknown", UNKNOWN
            elif not r.usable and pool:
                status, becomes = "pooled", OTHER
            elif not r.usable:
                status, becomes = "left out", LEFT_OUT
                if small == "pool":
                    reason += f"; the small groups pooled have {pooled} plans, still fewer than {min_docs}"
            rows.append((column, r.group, r.n_docs, r.doc_ids, status, becomes, reason))
    return pd.DataFrame(rows, columns=["grouping", "group", "n_docs", "doc_ids", "status", "becomes", "reason"])


def regroup(documents: pd.DataFrame, plan: pd.DataFrame) -> pd.DataFrame:
    """*documents* with each grouping column of *plan* (:func:`plan_groups`) holding the group a plan is counted in.

    Pooled plans get :data:`OTHER`, left-out plans :data:`LEFT_OUT`, unknown ones stay
    empty. Only the grouping columns change; use the original table for anything that reads
    a column's meaning (``completeness`` for full-text plans, place names).

    >>> docs = pd.DataFrame({"doc_id": list("abc"), "region": ["east", "east", "west"]})
    >>> regroup(docs, plan_groups(docs, "region", small="drop"))["region"].tolist()
    ['east', 'east', 'left out']
    """
    out = documents.copy()
    for column, part in plan.groupby("grouping", sort=False):
        where = {d: b for ids, b in zip(part["doc_ids"], part["becomes"]) for d in ids if b != UNKNOWN}
        out[column] = pd.Series([v if isinstance(v, str) else None for v in out["doc_id"].astype(object).map(where)],
                                index=out.index, dtype=object)
    return out


def drop_left_out(table: pd.DataFrame, column: str = "group") -> pd.DataFrame:
    """The rows of a per-group *table* whose group is not :data:`LEFT_OUT`.

    >>> drop_left_out(pd.DataFrame({"group": ["east", "left out"]}))["group"].tolist()
    ['east']
    """
    return table[table[column] != LEFT_OUT].reset_index(drop=True)


def first_contrast(documents: pd.DataFrame, by: Sequence[str], min_docs: int = 2) -> tuple[str, str, str] | None:
    """The first grouping of *by* (in the order given) with two usable groups: ``(column, largest, second)``.

    >>> docs = pd.DataFrame({"doc_id": list("abcd"), "region": ["east"] * 4, "year": [2024, 2024, 2025, 2025]})
    >>> first_contrast(docs, ["region", "year"])
    ('year', '2024', '2025')
    """
    for column in by:
        pair = contrast_groups(documents, column, min_docs)
        if pair is not None:
            return (column, *pair)
    return None


def confounded_groups(grouped: pd.DataFrame, by: Sequence[str], min_docs: int = 2) -> pd.DataFrame:
    """Groups of different groupings that hold the same plans, or one inside the other.

    Two groups with the **same plans** cannot be told apart; a group of at least
    *min_docs* plans **inside** a group holding fewer than half of all plans travels with
    it. Left-out plans do not count. Columns: ``grouping_a``, ``group_a``, ``n_a``,
    ``relation`` (``same plans`` / ``inside``), ``grouping_b``, ``group_b``, ``n_b``.

    >>> docs = pd.DataFrame({"doc_id": list("abcdef"), "region": [None, None, "east", "east", "east", "east"],
    ...                      "completeness": ["outline-only"] * 2 + ["full"] * 4})
    >>> confounded_groups(docs, ["region", "completeness"])[["group_a", "relation", "group_b"]].values.tolist()
    [['east', 'same plans', 'full'], ['unknown', 'same plans', 'outline-only']]
    """
    total = len(grouped)
    sets = []
    for column in by:
        values = group_values(grouped, column)
        for group in _order_groups(column, values.unique()):
            if group != LEFT_OUT:
                sets.append((column, group, frozenset(values.index[values == group])))
    rows = []
    for (ca, ga, sa), (cb, gb, sb) in combinations(sets, 2):
        if ca == cb:
            continue
        if sa == sb:
            rows.append((ca, ga, len(sa), "same plans", cb, gb, len(sb)))
        elif sa < sb and len(sa) >= min_docs and 2 * len(sb) < total:
            rows.append((ca, ga, len(sa), "inside", cb, gb, len(sb)))
        elif sb < sa and len(sb) >= min_docs and 2 * len(sa) < total:
            rows.append((cb, gb, len(sb), "inside", ca, ga, len(sa)))
    return pd.DataFrame(rows, columns=["grouping_a", "group_a", "n_a", "relation", "grouping_b", "group_b", "n_b"])


def plan_pair(documents: pd.DataFrame, tokens: pd.DataFrame, by: str) -> tuple[str, str, bool] | None:
    """Two plans to contrast, by a stated rule: the longest plan of *tokens* (most tokens) whose
    *by* is known, and the longest plan of another known group; when no two known groups have
    plans, the two longest plans. Returns ``(first, partner, across_groups)``, or None with
    fewer than two plans.

    >>> docs = pd.DataFrame({"doc_id": list("abc"), "region": ["east", "east", "central"]})
    >>> t = pd.DataFrame({"doc_id": list("aaaabbbcc"), "token": list("xxxxxxxxx")})
    >>> plan_pair(docs, t, "region"), plan_pair(docs.assign(region="east"), t, "region")
    (('a', 'c', True), ('a', 'b', False))
    """
    sizes = tokens.groupby(tokens["doc_id"].astype(object)).size()
    ranked = sorted(sizes.index, key=lambda d: (-int(sizes[d]), str(d)))
    if len(ranked) < 2:
        return None
    groups = group_values(documents, by)
    known = [d for d in ranked if groups.get(d, UNKNOWN) not in (UNKNOWN, LEFT_OUT)]
    partner = next((d for d in known if known and groups[d] != groups[known[0]]), None)
    if partner is not None:
        return known[0], partner, True
    return ranked[0], ranked[1], False


def keyness_comparisons(tokens: Mapping[str, pd.DataFrame], documents: pd.DataFrame,
                        comparisons: Sequence[tuple[str, str, object, object]], n_terms: int = 10) -> pd.DataFrame:
    """Keyness (:func:`wpanalysis.features.keyness_groups`) of several comparisons on several bases.

    *tokens* maps a basis name to its token table; *comparisons* are ``(name, column,
    target, reference)``. One row per comparison × basis: ``comparison``, ``basis``,
    ``n_docs_target``, ``n_docs_reference``, ``possible`` (both groups have plans on that
    basis), ``n_tested``, ``n_significant``, ``terms`` (up to *n_terms* significant terms,
    strongest first, joined by 、).
    """
    from .features import group_members, keyness_groups

    rows = []
    for name, column, target, reference in comparisons:
        for basis, toks in tokens.items():
            members = group_members(toks, documents, column, target, reference)
            n_t, n_r = (int((members["group"] == g).sum()) for g in ("target", "reference"))
            row = {"comparison": name, "basis": basis, "n_docs_target": n_t, "n_docs_reference": n_r,
                   "possible": bool(n_t and n_r), "n_tested": 0, "n_significant": 0, "terms": ""}
            if n_t and n_r:
                k = keyness_groups(toks, documents, column, target, reference)
                hits = k[k["significant"]].assign(_s=lambda t: -t["g2"].abs()).sort_values("_s", kind="stable")
                row.update(n_tested=len(k), n_significant=len(hits), terms="、".join(hits["token"].head(n_terms)))
            rows.append(row)
    return pd.DataFrame(rows, columns=["comparison", "basis", "n_docs_target", "n_docs_reference", "possible",
                                       "n_tested", "n_significant", "terms"])


def basis_items(items: pd.DataFrame, documents: pd.DataFrame, basis: Literal["all", "text", "title"] = "all"
                ) -> pd.DataFrame:
    """The items a comparison reads, with the text it reads in ``text`` — the robustness switch.

    * ``"title"`` — every item of every plan, ``text`` replaced by the item's title (``body``
      emptied): the only text all nine plans have, so every plan is measured alike.
    * ``"text"`` — the items of plans with body text (completeness ``full`` or ``partial``),
      title + body; outline-only plans are left out.
    * ``"all"`` — every item with its own text: title + body where there is a body, the
      title alone for title-only items (notebook 03's ``outline_items="titles"``).

    A column ``basis`` records the choice. Rows keep the order of *items*.

    >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "completeness": ["full", "outline-only"]})
    >>> items = pd.DataFrame({"doc_id": ["a", "b"], "item_seq": [1, 1], "title": ["落实双减", "强化安全"],
    ...                       "body": ["减轻作业负担", ""], "text": ["落实双减。减轻作业负担", "强化安全"],
    ...                       "has_body": [True, False]})
    >>> basis_items(items, docs, "title")["text"].tolist(), basis_items(items, docs, "text")["doc_id"].tolist()
    (['落实双减', '强化安全'], ['a'])
    """
    if basis not in BASES:
        raise ValueError(f"basis must be one of {BASES}, got {basis!r}")
    if basis == "text":
        keep = documents.loc[documents["completeness"].isin(FULL_TEXT), "doc_id"].astype(object)
        out = items[items["doc_id"].astype(object).isin(set(keep))].copy()
    else:
        out = items.copy()
    if basis == "title":
        out["text"] = out["title"].fillna("").astype(str)
        out["body"] = ""
    out["basis"] = basis
    return out.reset_index(drop=True)


def drop_place_names(tokens: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """*tokens* without the tokens that are, or begin with, a registry place name (宁波, 河源市, 深汕…).

    Place names are the most "key" words of any local plan and say nothing about policy;
    drop them before keyness between places. Tokens that merely contain a place name
    further in (全省) are kept.

    >>> docs = pd.DataFrame({"province": ["浙江省"], "city": ["宁波市"], "county": [None]})
    >>> t = pd.DataFrame({"token": ["宁波", "宁波市", "教育", "浙江"]})
    >>> drop_place_names(t, docs)["token"].tolist()
    ['教育']
    """
    names = sorted(place_names(documents), key=len, reverse=True)
    if not names:
        return tokens.reset_index(drop=True)
    pattern = re.compile("^(?:" + "|".join(map(re.escape, names)) + ")")
    codes, uniques = pd.factorize(tokens["token"].astype(str))  # match each distinct token once
    placed = np.fromiter((bool(pattern.match(t)) for t in uniques), dtype=bool, count=len(uniques))
    keep = np.ones(len(codes), dtype=bool)
    keep[codes >= 0] = ~placed[codes[codes >= 0]]
    return tokens[keep].reset_index(drop=True)


# --------------------------------------------------------------------------- differences


def largest_differences(table: pd.DataFrame, value: str = "share", key: str = "domain", n: int | None = 10,
                        exclude: Sequence[str] = (UNKNOWN,)) -> pd.DataFrame:
    """The largest differences of *value* between two groups of the same grouping.

    *table* is long, with ``grouping``, ``group``, ``n_docs``, ``n_items`` and the *key*
    (``domain``, ``topic`` …) columns (:func:`domain_profile`,
    :func:`topic_prevalence_by_group`). Every pair of groups of each grouping is compared
    on every key, groups in *exclude* left out. Columns: ``grouping``, ``group_a``,
    ``group_b``, ``n_docs_a``, ``n_docs_b``, ``n_items_a``, ``n_items_b``, *key*,
    ``value_a``, ``value_b``, ``diff`` (a − b); sorted by the absolute difference, the
    *n* largest (all when *n* is None).

    >>> t = pd.DataFrame({"grouping": ["region"] * 4, "group": ["east", "east", "central", "central"],
    ...                   "n_docs": [5, 5, 1, 1], "n_items": [50, 50, 9, 9], "domain": ["a", "b", "a", "b"],
    ...                   "share": [0.5, 0.5, 0.2, 0.8]})
    >>> largest_differences(t, n=1)[["group_a", "group_b", "domain", "diff"]].values.tolist()
    [['east', 'central', 'a', 0.3]]
    """
    rows = []
    for grouping, part in table.groupby("grouping", sort=False):
        groups = [g for g in pd.unique(part["group"]) if g not in set(exclude)]
        indexed = part.set_index(["group", key])
        sizes = part.drop_duplicates("group").set_index("group")
        for ga, gb in combinations(groups, 2):
            for k in pd.unique(part[key]):
                va, vb = indexed[value].get((ga, k)), indexed[value].get((gb, k))
                if va is None or vb is None or pd.isna(va) or pd.isna(vb):
                    continue
                rows.append((grouping, ga, gb, int(sizes.loc[ga, "n_docs"]), int(sizes.loc[gb, "n_docs"]),
                             int(sizes.loc[ga, "n_items"]), int(sizes.loc[gb, "n_items"]), k, float(va), float(vb),
                             round(float(va) - float(vb), 12)))
    out = pd.DataFrame(rows, columns=["grouping", "group_a", "group_b", "n_docs_a", "n_docs_b", "n_items_a",
                                      "n_items_b", key, "value_a", "value_b", "diff"])
    out = out.assign(_abs=out["diff"].abs()).sort_values(["_abs", "grouping", "group_a", "group_b"],
                                                          ascending=[False, True, True, True], kind="stable")
    out = out.drop(columns="_abs").reset_index(drop=True)
    return out if n is None else out.head(n)


def differences_by_basis(tables: Mapping[str, pd.DataFrame], value: str = "share", key: str = "domain",
                         n: int | None = 10, exclude: Sequence[str] = (UNKNOWN,),
                         exclude_keys: Sequence[object] = (NONE,)) -> pd.DataFrame:
    """The same group differences measured on several bases (e.g. ``all``, ``title``, ``text``).

    *tables* maps a basis name to a long table as :func:`largest_differences` takes. The
    pairs and keys are ranked by the absolute difference on the **first** basis; the
    differences on the others are looked up (missing when a basis lacks one of the groups,
    e.g. outline-only plans on the ``text`` basis). Columns: ``grouping``, ``group_a``,
    ``group_b``, *key*, one ``diff_<basis>`` per basis, ``same_sign`` (True when every
    available difference has the sign of the first), ``n_bases`` (bases with the pair).
    Keys in *exclude_keys* (default ``none``) are left out.

    >>> t = pd.DataFrame({"grouping": ["r"] * 4, "group": ["a", "a", "b", "b"], "n_docs": [1] * 4,
    ...                   "n_items": [5] * 4, "domain": ["x", "y", "x", "y"], "share": [0.6, 0.4, 0.2, 0.8]})
    >>> u = t.assign(share=[0.5, 0.5, 0.4, 0.6])
    >>> both = differences_by_basis({"all": t, "title": u}, n=1)
    >>> both[["domain", "diff_all", "diff_title", "same_sign"]].values.tolist()
    [['x', 0.4, 0.1, True]]
    """
    names = list(tables)
    if not names:
        raise ValueError("no tables given")
    keys = ["grouping", "group_a", "group_b", key]
    merged = None
    for name in names:
        table = tables[name]
        table = table[~table[key].isin(list(exclude_keys))]
        diffs = largest_differences(table, value=value, key=key, n=None, exclude=exclude)[[*keys, "diff"]]
        diffs = diffs.rename(columns={"diff": f"diff_{name}"})
        merged = diffs if merged is None else merged.merge(diffs, on=keys, how="left")
    first = merged[f"diff_{names[0]}"]
    others = merged[[f"diff_{b}" for b in names[1:]]]
    same = np.ones(len(merged), dtype=bool)
    for column in others.columns:
        same &= others[column].isna().to_numpy() | (np.sign(others[column]) == np.sign(first)).to_numpy()
    merged["same_sign"] = same
    merged["n_bases"] = 1 + others.notna().sum(axis=1).to_numpy()
    merged = merged.assign(_abs=first.abs()).sort_values(["_abs", "grouping", "group_a", "group_b"],
                                                         ascending=[False, True, True, True], kind="stable")
    merged = merged.drop(columns="_abs").reset_index(drop=True)
    return merged if n is None else merged.head(n)


# --------------------------------------------------------------------------- uncertainty


def _group_rng(seed: int, group: object) -> np.random.Generator:
    """A generator per group, so a group's interval does not depend on the other groups."""
    return np.random.default_rng([int(seed), zlib.crc32(str(group).encode("utf-8"))])


def bootstrap_ci(values: Sequence[float], groups: Sequence[object], n: int = 2000, seed: int = 0,
                 level: float = 0.95, clusters: Sequence[object] | None = None,
                 max_values: int | None = MAX_BOOTSTRAP_VALUES) -> pd.DataFrame:
    """Mean of *values* per group with a percentile bootstrap confidence interval.

    Each group is resampled *n* times with replacement — its **values** (items) by
    default, or, when *clusters* (e.g. ``doc_id``) is given, its **clusters** whole, the
    mean then taken over the items of the drawn clusters. The item bootstrap treats items
    as independent draws; items of one plan are not (one bureau, one style), so its
    intervals are too narrow for claims about plans. The cluster bootstrap respects the
    plan as the unit, and shows what one plan per group means: an interval of width 0.
    Each group has its own random stream (from *seed* and the group's name), so results
    are reproducible and do not depend on the other groups.

    A group of more than *max_values* single values (no *clusters*) gets the normal interval
    mean ± z·sd/√n instead (:data:`MAX_BOOTSTRAP_VALUES`; None: always resample).

    Columns: ``group``, ``n`` (values), ``n_clusters`` (distinct clusters, or ``n``),
    ``mean``, ``ci_low``, ``ci_high``; groups in order of first appearance.

    >>> ci = bootstrap_ci([0.1, 0.4, 0.5, 0.9, 0.2, 0.3], ["a", "a", "a", "b", "b", "b"], n=500)
    >>> ci[["group", "n", "mean"]].round(3).values.tolist()
    [['a', 3, 0.333], ['b', 3, 0.467]]
    >>> bool(((ci["ci_low"] <= ci["mean"]) & (ci["mean"] <= ci["ci_high"])).all())
    True
    """
    values = np.asarray(values, dtype=float)
    groups = np.asarray(list(groups), dtype=object)
    if len(values) != len(groups):
        raise ValueError("values and groups differ in length")
    cl = None if clusters is None else np.asarray(list(clusters), dtype=object)
    if cl is not None and len(cl) != len(values):
        raise ValueError("values and clusters differ in length")
    alpha = (1 - level) / 2
    rows = []
    for group in pd.unique(groups):
        mask = groups == group
        v = values[mask]
        rng = _group_rng(seed, group)
        if cl is None and max_values is not None and len(v) > max_values:
            half = float(norm.ppf(1 - alpha)) * float(v.std()) / np.sqrt(len(v))
            rows.append((group, int(mask.sum()), len(v), float(v.mean()), float(v.mean() - half),
                         float(v.mean() + half)))
            continue
        if cl is None:
            boot = v[rng.integers(0, len(v), size=(n, len(v)))].mean(axis=1)
            n_clusters = len(v)
        else:
            codes, uniques = pd.factorize(cl[mask])
            sums = np.bincount(codes, weights=v)
            counts = np.bincount(codes).astype(float)
            draw = rng.integers(0, len(uniques), size=(n, len(uniques)))
            boot = sums[draw].sum(axis=1) / counts[draw].sum(axis=1)
            n_clusters = len(uniques)
        low, high = np.quantile(boot, [alpha, 1 - alpha])
        rows.append((group, int(mask.sum()), int(n_clusters), float(v.mean()), float(low), float(high)))
    return pd.DataFrame(rows, columns=["group", "n", "n_clusters", "mean", "ci_low", "ci_high"])


def topic_prevalence_by_group(shares: pd.DataFrame, documents: pd.DataFrame, by: str | Sequence[str] = GROUP_COLUMNS,
                              n: int = 2000, seed: int = 0, level: float = 0.95,
                              topic_names: Mapping[int, str] | None = None,
                              unit: Literal["item", "document", "plan"] = "item",
                              min_plans_interval: int = MIN_PLANS_INTERVAL) -> pd.DataFrame:
    """Mean topic share per group, with a bootstrap confidence interval (:func:`bootstrap_ci`).

    *shares* holds item–topic proportions (``doc_id``, ``item_seq``, ``topic``, ``share``:
    :func:`wpanalysis.topics.item_topics` or :func:`project_topics`). ``unit="item"``
    resamples items, ``"document"`` resamples whole plans (items pooled). ``unit="plan"`` is the
    plan-weighted rule: each plan's mean share first, the group's value the mean of its plans,
    plans resampled — and no interval (NaN) for a group of fewer than *min_plans_interval*
    plans. Columns: ``grouping``,
    ``group``, ``n_docs``, ``n_items``, ``topic``, ``label``, ``mean``, ``ci_low``,
    ``ci_high``, ``unit``; groups in :data:`GROUP_ORDER` (``unknown`` last), then topics.
    Plans :func:`regroup` left out are not counted.

    >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "region": ["east", None]})
    >>> s = pd.DataFrame({"doc_id": ["a", "a", "b"], "item_seq": [1, 2, 1], "topic": [1, 1, 1],
    ...                   "share": [0.2, 0.4, 0.9]})
    >>> topic_prevalence_by_group(s, docs, "region", n=200)[["group", "n_items", "mean"]].values.tolist()
    [['east', 2, 0.30000000000000004], ['unknown', 1, 0.9]]
    """
    if unit not in ("item", "document", "plan"):
        raise ValueError(f"unit must be 'item', 'document' or 'plan', got {unit!r}")
    columns = [by] if isinstance(by, str) else list(by)
    shares = shares.assign(doc_id=shares["doc_id"].astype(object))
    if unit == "plan":  # one row per plan and topic, its mean share; n_items kept for the table
        sizes = shares.groupby("doc_id")["item_seq"].nunique()
        shares = shares.groupby(["doc_id", "topic"], sort=True)["share"].mean().reset_index()
        shares["item_seq"] = shares["doc_id"].map(sizes)
    names = dict(topic_names or {})
    frames = []
    for column in columns:
        groups = group_values(documents, column)
        s = shares.assign(group=shares["doc_id"].map(groups))
        if s["group"].isna().any():
            missing = sorted(s.loc[s["group"].isna(), "doc_id"].unique())
            raise ValueError(f"documents not in the registry: {', '.join(missing)}")
        s = s[s["group"] != LEFT_OUT]
        for topic, part in s.groupby("topic", sort=True):
            ci = bootstrap_ci(part["share"], part["group"], n=n, seed=seed, level=level,
                              clusters=part["doc_id"] if unit == "document" else None)
            ci = ci.rename(columns={"n": "n_items"})
            ci["n_docs"] = [part.loc[part["group"] == g, "doc_id"].nunique() for g in ci["group"]]
            if unit == "plan":
                ci["n_items"] = [int(part.loc[part["group"] == g, "item_seq"].sum()) for g in ci["group"]]
                few = ci["n_docs"] < min_plans_interval
                ci.loc[few, ["ci_low", "ci_high"]] = np.nan
            ci["topic"] = int(topic)
            ci["label"] = names.get(int(topic), str(topic))
            ci["grouping"] = column
            order = {g: k for k, g in enumerate(_order_groups(column, ci["group"]))}
            frames.append(ci.assign(_o=ci["group"].map(order)))
    if not frames:
        return pd.DataFrame(columns=["grouping", "group", "n_docs", "n_items", "topic", "label", "mean", "ci_low",
                                     "ci_high", "unit"])
    out = pd.concat(frames, ignore_index=True)
    out["_g"] = out["grouping"].map({c: k for k, c in enumerate(columns)})
    out = out.sort_values(["_g", "_o", "topic"], kind="stable").reset_index(drop=True)
    out["unit"] = unit
    return out[["grouping", "group", "n_docs", "n_items", "topic", "label", "mean", "ci_low", "ci_high", "unit"]]


def _topic_order(model: TopicModel) -> np.ndarray:
    """Index of each of *model*'s topics (1…k order) among the estimator's components."""
    comps = np.asarray(model.estimator.components_, dtype=float)
    comps = comps / comps.sum(axis=1, keepdims=True)
    order = np.array([int(np.abs(comps - row).sum(axis=1).argmin()) for row in model.topic_term])
    if sorted(order.tolist()) != list(range(model.k)):
        raise ValueError("could not match the model's topics to its estimator's components")
    return order


def project_topics(model: TopicModel, tokens: pd.DataFrame) -> pd.DataFrame:
    """Topic proportions of new texts (e.g. item titles) under a fitted LDA *model*.

    *tokens* is a token table (``doc_id``, ``item_seq``, ``token``; stopwords removed as for
    the model); only the model's vocabulary counts, and items with none of its terms are
    left out. The model is not refitted: scikit-learn's ``transform`` infers each item's
    proportions with the topics fixed. Columns as :func:`wpanalysis.topics.item_topics`
    (``doc_id``, ``item_seq``, ``topic``, ``share``), topics numbered as in *model*.
    """
    from scipy import sparse

    if model.method != "lda" or model.estimator is None:
        raise ValueError("project_topics needs an LDA model fitted by wpanalysis.topics.fit_topics")
    vocab = {t: j for j, t in enumerate(model.vocabulary)}
    known = tokens[tokens["token"].isin(vocab.keys())]
    keys = known[["doc_id", "item_seq"]].astype({"doc_id": object}).drop_duplicates()
    keys = keys.sort_values(["doc_id", "item_seq"]).reset_index(drop=True)
    index = pd.MultiIndex.from_frame(keys)
    r = index.get_indexer(pd.MultiIndex.from_frame(known[["doc_id", "item_seq"]].astype({"doc_id": object})))
    c = known["token"].map(vocab).to_numpy()
    counts = sparse.csr_matrix((np.ones(len(known)), (r, c)), shape=(len(keys), len(vocab)))
    counts.sum_duplicates()
    theta = np.asarray(model.estimator.transform(counts), dtype=float)[:, _topic_order(model)]
    theta = theta / theta.sum(axis=1, keepdims=True)
    k = model.k
    return pd.DataFrame({"doc_id": np.repeat(keys["doc_id"].to_numpy(), k),
                         "item_seq": np.repeat(keys["item_seq"].to_numpy(), k),
                         "topic": np.tile(np.arange(1, k + 1), len(keys)), "share": theta.ravel()})


# --------------------------------------------------------------------------- similarity


def doc_similarity(tokens: pd.DataFrame, unit: str = "doc_id") -> pd.DataFrame:
    """Cosine similarity of the documents' TF-IDF vectors, one row per pair.

    Counts per document (:func:`wpanalysis.features.document_term_matrix`) are weighted by
    scikit-learn's smoothed idf, ln((1 + N) / (1 + df)) + 1, and scaled to length 1; the
    cosine of two documents is then the dot product of their vectors (0 = no shared
    weighted term, 1 = the same profile). Columns: ``doc_a``, ``doc_b`` (``doc_a`` <
    ``doc_b``), ``cosine``; sorted by cosine, descending. Fewer than two documents give no pairs.

    >>> t = pd.DataFrame({"doc_id": ["a", "a", "b", "b", "c"], "token": ["双减", "作业", "双减", "作业", "教师"]})
    >>> doc_similarity(t).round(3).values.tolist()
    [['a', 'b', 1.0], ['a', 'c', 0.0], ['b', 'c', 0.0]]
    """
    from sklearn.feature_extraction.text import TfidfTransformer

    from .features import document_term_matrix

    dtm = document_term_matrix(tokens.assign(**{unit: tokens[unit].astype(object)}), unit)
    if dtm.matrix.shape[0] < 2 or dtm.matrix.shape[1] == 0:
        return pd.DataFrame({"doc_a": pd.Series([], dtype=object), "doc_b": pd.Series([], dtype=object),
                             "cosine": pd.Series([], dtype=float)})
    weights = TfidfTransformer().fit_transform(dtm.matrix)
    sim = np.asarray((weights @ weights.T).todense())
    ids = dtm.rows[unit].to_numpy(dtype=object)
    first, second = np.triu_indices(len(ids), k=1)
    out = pd.DataFrame({"doc_a": ids[first], "doc_b": ids[second],
                        "cosine": np.minimum(sim[first, second], 1.0).astype(float)})
    return out.sort_values(["cosine", "doc_a", "doc_b"], ascending=[False, True, True], kind="stable").reset_index(
        drop=True)


def similarity_matrix(pairs: pd.DataFrame, labels: Mapping[str, str] | pd.Series | None = None,
                      order: Sequence[str] | None = None) -> pd.DataFrame:
    """The square, symmetric similarity matrix of :func:`doc_similarity`'s pairs (1 on the diagonal).

    Rows and columns follow *order* (default: sorted ids), renamed by *labels*.

    >>> p = pd.DataFrame({"doc_a": ["a"], "doc_b": ["b"], "cosine": [0.25]})
    >>> similarity_matrix(p).values.tolist()
    [[1.0, 0.25], [0.25, 1.0]]
    """
    ids = list(order) if order is not None else sorted(set(pairs["doc_a"]) | set(pairs["doc_b"]))
    position = {d: k for k, d in enumerate(ids)}
    a, b = pairs["doc_a"].map(position), pairs["doc_b"].map(position)
    keep = (a.notna() & b.notna()).to_numpy()
    values = np.eye(len(ids))
    ia, ib = a[keep].astype(int).to_numpy(), b[keep].astype(int).to_numpy()
    values[ia, ib] = values[ib, ia] = pairs["cosine"].to_numpy(dtype=float)[keep]
    m = pd.DataFrame(values, index=ids, columns=ids)
    if labels is not None:
        names = dict(labels)
        m.index = [names.get(i, i) for i in m.index]
        m.columns = [names.get(i, i) for i in m.columns]
    return m


def similarity_summary(pairs: pd.DataFrame) -> pd.DataFrame:
    """Each plan's place among the others, from :func:`doc_similarity`'s pairs.

    Columns: ``doc_id``, ``mean`` (mean cosine with every other plan), ``nearest`` (its most
    similar plan), ``nearest_cosine``, ``n_nearest_of`` (how many plans have it as their
    nearest); sorted by ``mean``, descending.

    >>> p = pd.DataFrame({"doc_a": ["a", "a", "b"], "doc_b": ["b", "c", "c"], "cosine": [0.8, 0.6, 0.4]})
    >>> similarity_summary(p)[["doc_id", "nearest", "n_nearest_of"]].values.tolist()
    [['a', 'b', 2], ['b', 'a', 1], ['c', 'a', 0]]
    """
    both = pd.concat([pairs.rename(columns={"doc_a": "doc_id", "doc_b": "other"}),
                      pairs.rename(columns={"doc_b": "doc_id", "doc_a": "other"})], ignore_index=True)
    if both.empty:
        return pd.DataFrame(columns=["doc_id", "mean", "nearest", "nearest_cosine", "n_nearest_of"])
    both = both.sort_values(["doc_id", "cosine", "other"], ascending=[True, False, True], kind="stable")
    best = both.drop_duplicates("doc_id").set_index("doc_id")
    out = pd.DataFrame({"mean": both.groupby("doc_id")["cosine"].mean(), "nearest": best["other"],
                        "nearest_cosine": best["cosine"]})
    out["n_nearest_of"] = out.index.map(best["other"].value_counts()).fillna(0).astype("int64")
    out = out.rename_axis("doc_id").reset_index()
    return out.sort_values(["mean", "doc_id"], ascending=[False, True], kind="stable").reset_index(drop=True)


def group_similarity(pairs: pd.DataFrame, documents: pd.DataFrame, by: str) -> pd.DataFrame:
    """Mean cosine of the pairs of plans within each group of *by*, and between each two groups.

    Columns: ``group_a``, ``group_b`` (equal for a within-group row), ``n_pairs``, ``mean``;
    groups in display order, ``unknown`` and left-out plans skipped, and no within-group row for
    :data:`OTHER` (its plans come from different groups).

    >>> docs = pd.DataFrame({"doc_id": list("abc"), "region": ["east", "east", "west"]})
    >>> p = pd.DataFrame({"doc_a": ["a", "a", "b"], "doc_b": ["b", "c", "c"], "cosine": [0.8, 0.6, 0.4]})
    >>> group_similarity(p, docs, "region").values.tolist()
    [['east', 'east', 1, 0.8], ['east', 'west', 2, 0.5]]
    """
    groups = group_values(documents, by)
    order = [g for g in _order_groups(by, groups.unique()) if g not in (UNKNOWN, LEFT_OUT)]
    rank = {g: k for k, g in enumerate(order)}
    ga, gb = pairs["doc_a"].map(groups).map(rank), pairs["doc_b"].map(groups).map(rank)
    keep = ga.notna() & gb.notna()
    low, high = np.minimum(ga[keep], gb[keep]).astype(int), np.maximum(ga[keep], gb[keep]).astype(int)
    table = pd.DataFrame({"a": low.to_numpy(), "b": high.to_numpy(), "cosine": pairs.loc[keep, "cosine"].to_numpy()})
    out = table.groupby(["a", "b"], sort=True)["cosine"].agg(["size", "mean"]).reset_index()
    out = pd.DataFrame({"group_a": [order[i] for i in out["a"]], "group_b": [order[i] for i in out["b"]],
                        "n_pairs": out["size"].astype("int64"), "mean": out["mean"].astype(float)})
    return out[~((out["group_a"] == OTHER) & (out["group_b"] == OTHER))].reset_index(drop=True)


def display_sample(documents: pd.DataFrame, ids: Sequence[str], n: int, by: str, seed: int = 0) -> list[str]:
    """At most *n* of the plans *ids* for a per-plan figure: all of them when they fit, else a seeded
    sample stratified by *by* (each group keeps its share, at least one plan). Registry order.

    >>> docs = pd.DataFrame({"doc_id": list("abcdef"), "region": ["east"] * 4 + ["west"] * 2})
    >>> display_sample(docs, list("abcdef"), 3, "region")
    ['c', 'd', 'e']
    """
    ids = list(ids)
    if len(ids) <= n:
        return ids
    groups = group_values(documents, by).reindex(ids)
    rng = np.random.default_rng(seed)
    chosen: list[str] = []
    for group in _order_groups(by, groups.unique()):
        members = groups.index[groups == group].tolist()
        take = max(1, round(n * len(members) / len(ids)))
        chosen += [members[int(k)] for k in rng.choice(len(members), size=min(take, len(members)), replace=False)]
    keep = set(chosen[:n]) if len(chosen) > n else set(chosen)
    return [d for d in documents["doc_id"].astype(object) if d in keep]


# --------------------------------------------------------------------------- notebook steps


def key_rows(table: pd.DataFrame, n: int = 10) -> pd.DataFrame:
    """The significant rows of a keyness *table*: the *n* strongest for the target, then the *n* strongest
    for the reference.

    >>> k = pd.DataFrame({"token": list("abcd"), "g2": [9.0, 4.0, -2.0, -8.0],
    ...                   "significant": [True, True, False, True]})
    >>> key_rows(k, n=1)["token"].tolist()
    ['a', 'd']
    """
    sig = table[table["significant"]]
    pos = sig[sig["g2"] > 0].sort_values(["g2", "token"], ascending=[False, True], kind="stable").head(n)
    neg = sig[sig["g2"] < 0].sort_values(["g2", "token"], ascending=[True, True], kind="stable").head(n)
    return pd.concat([pos, neg])


def rule_comparisons(grouped: pd.DataFrame, by: Sequence[str], min_docs: int = 2,
                     pair: tuple[str, str, bool] | None = None,
                     labels: Mapping[str, str] | pd.Series | None = None) -> list[tuple[str, str, str, str]]:
    """The comparisons a robustness check repeats, chosen by rule: the plan *pair* (if any), then for each
    grouping of *by* its two largest usable groups (:func:`contrast_groups`). Each is
    ``(name, column, target, reference)`` for :func:`keyness_comparisons`.

    >>> docs = pd.DataFrame({"doc_id": list("abcd"), "region": ["east", "east", "west", "west"]})
    >>> rule_comparisons(docs, ["region"], pair=("a", "c", True))
    [('a vs c', 'doc_id', 'a', 'c'), ('region: east vs west', 'region', 'east', 'west')]
    """
    names = dict(labels) if labels is not None else {}
    out = [(f"{names.get(pair[0], pair[0])} vs {names.get(pair[1], pair[1])}", "doc_id", pair[0], pair[1])] \
        if pair else []
    for column in by:
        contrast = contrast_groups(grouped, column, min_docs)
        if contrast is not None:
            out.append((f"{column}: {contrast[0]} vs {contrast[1]}", column, *contrast))
    return out


def fit_item_topics(items: pd.DataFrame, k: int, seed: int = 0, labels_path: str | None = None,
                    min_df: int = 3, max_share: float = 0.3, min_docs: int = 2, cache: object = True,
                    topic_cache: str | None = None) -> tuple[TopicModel, pd.DataFrame, dict[int, str]] | None:
    """Notebook 03's item-level LDA on *items* (outline items by their titles, all stopword layers removed,
    the vocabulary pruned by *min_df*, *max_share*, *min_docs*): ``(model, item shares, {topic: label})``.

    Labels come from *labels_path* (``topic_labels.yaml``) when they still fit the model, else
    the top terms. None when the pruned matrix has no more items or terms than *k* (a corpus
    too small for *k* topics). *cache* is the token cache of
    :func:`wpanalysis.segment.tokenize_items`; *topic_cache* the folder of fitted models
    (:func:`wpanalysis.topics.fit_topics`'s ``cache_dir``: an identical fit, e.g. notebook 03's, is read back).
    """
    from .segment import remove_stopwords, tokenize_items
    from .topics import fit_topics, item_topics, load_topic_labels, model_items, topic_dtm, topic_table

    tokens = remove_stopwords(tokenize_items(model_items(items, outline_items="titles"), cache=cache))
    dtm = topic_dtm(tokens, min_df=min_df, max_share=max_share, min_docs=min_docs)
    if min(dtm.matrix.shape) <= k:
        return None
    model = fit_topics(dtm, k, method="lda", seed=seed, cache_dir=topic_cache)
    labels = load_topic_labels(labels_path, "lda", model) if labels_path else {}
    table = topic_table(model, labels)
    return model, item_topics(model), dict(zip(table["topic"].astype(int), table["label"]))
