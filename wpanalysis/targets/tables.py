"""Targets stage, tables: the targets of the items table, of one plan file, and where they are.

:func:`targets_table` runs :func:`~wpanalysis.targets.extract.extract_targets` on every item
(columns :data:`TARGET_COLUMNS`); the build writes it as ``targets.csv`` and ``.parquet``
(:func:`wpanalysis.build.item_targets`), and :func:`wpanalysis.build.targets_of_file` gives the
targets of one plan file that need not be registered. :func:`targets_per_document`, :func:`targets_per_section`,
:func:`attach_domains` and :func:`targets_per_domain` count them; :func:`plan_with_most_targets` and
:func:`most_targets` choose plans by rule rather than by name.

>>> items = pd.DataFrame({"doc_id": ["d"], "item_seq": [1], "item_number": [1], "text": ["新建三所学校"]})
>>> targets_table(items)[["raw", "value", "unit"]].values.tolist()
[['三所', 3.0, '所']]
"""

from __future__ import annotations

from dataclasses import asdict

import pandas as pd

from ..coding.codebook import NONE, Codebook, load_codebook, primary_domains
from .extract import extract_targets
from .measures import MEASURES, item_measures

__all__ = [
    "TARGET_COLUMNS",
    "targets_table",
    "targets_per_document",
    "plan_with_most_targets",
    "most_targets",
    "targets_per_section",
    "attach_domains",
    "targets_per_domain",
]

TARGET_COLUMNS = [
    "doc_id", "item_seq", "item_number", "indicator", "comparator", "value", "unit", "year",
    "raw", "start", "end", "qualifier", "domain", "measure",
]
"""Columns of :func:`targets_table`: the item (``doc_id``, ``item_seq``, ``item_number``), the
target (``indicator``, ``comparator``, ``value`` as float, ``unit``, ``year`` as Int64 or missing),
``raw`` = ``text[start:end]`` of the item's ``text``, ``qualifier`` (力争|左右…, may be empty),
the item's ``domain`` (missing until the items table carries a codebook domain) and ``measure``
(``level``, ``relative change``, ``absolute change`` or ``amount``:
:func:`wpanalysis.targets.measures.measure_of`; the last column, added after the others)."""



def targets_table(items: pd.DataFrame) -> pd.DataFrame:
    """One row per target of every item (columns :data:`TARGET_COLUMNS`), in item order.

    ``start``/``end`` index the item's ``text``; ``domain`` is copied from ``items`` when it
    has that column.

    >>> items = pd.DataFrame({"doc_id": ["d"], "item_seq": [1], "item_number": [3],
    ...                       "text": ["新增学位12.1万个,覆盖率达到95%以上。"]})
    >>> targets_table(items)[["item_number", "indicator", "comparator", "value", "unit"]].values.tolist()
    [[3, '新增学位', '=', 121000.0, '个'], [3, '覆盖率', '>=', 95.0, '%']]
    """
    rows = []
    has_domain = "domain" in items.columns
    for row in items.itertuples(index=False):
        text = row.text if isinstance(row.text, str) else ""
        found = extract_targets(text)
        kinds = item_measures(text, [(t.start, t.end) for t in found], [t.unit for t in found])
        for t, kind in zip(found, kinds):
            d = asdict(t)
            d.pop("qualifier")
            rows.append({"doc_id": row.doc_id, "item_seq": row.item_seq, "item_number": row.item_number,
                         **d, "qualifier": t.qualifier,
                         "domain": row.domain if has_domain else None, "measure": kind})
    table = pd.DataFrame(rows, columns=TARGET_COLUMNS)
    table["value"] = table["value"].astype(float)
    for col in ("item_seq", "item_number", "start", "end"):
        table[col] = table[col].astype("int64")
    table["year"] = table["year"].astype("Int64")
    table["domain"] = table["domain"].astype("string")
    table["measure"] = table["measure"].astype("string")
    return table


# --------------------------------------------------------------------------- where the targets are


def targets_per_document(targets: pd.DataFrame, items: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """One row per registered plan (registry order): ``doc_id``, ``completeness``, ``n_items``,
    ``n_items_with_body``, ``n_chars_with_body`` (characters of those items' ``text``, whitespace
    left out), ``n_items_with_targets``, ``n_targets``, ``targets_per_10_items`` (per 10 items with
    body text) and ``targets_per_10k_chars`` (per 10,000 of those characters) — both missing when
    the plan has no body text — and, when *targets* has a ``measure`` column, ``n_level``,
    ``n_relative_change``, ``n_absolute_change``, ``n_amount`` (:mod:`wpanalysis.targets.measures`).

    >>> docs = pd.DataFrame({"doc_id": ["a"], "completeness": ["full"]})
    >>> items = pd.DataFrame({"doc_id": ["a", "a"], "item_seq": [1, 2], "has_body": [True, True],
    ...                       "text": ["新建三所学校", "入园率达到95%"]})
    >>> t = pd.DataFrame({"doc_id": ["a", "a"], "item_seq": [1, 2], "measure": ["amount", "level"]})
    >>> out = targets_per_document(t, items, docs)
    >>> out[["n_items_with_targets", "n_targets", "n_chars_with_body", "n_level", "n_amount"]].values.tolist()
    [[2, 2, 14, 1, 1]]
    >>> out["targets_per_10_items"].tolist(), out["targets_per_10k_chars"].round(1).tolist()
    ([10.0], [1428.6])
    """
    docs = items["doc_id"].astype(object)
    body = items["has_body"].astype(bool)
    chars = items["text"].fillna("").astype(str).str.count(r"\S") if "text" in items.columns else 0 * body
    per_item = pd.DataFrame({"doc_id": docs, "n_items": 1, "n_items_with_body": body.astype(int),
                             "n_chars_with_body": (chars * body).astype(int)}).groupby("doc_id").sum()
    tdocs = targets["doc_id"].astype(object)
    with_targets = targets.assign(doc_id=tdocs).groupby("doc_id")["item_seq"].nunique()
    counted = pd.DataFrame({"n_items_with_targets": with_targets, "n_targets": tdocs.value_counts()})
    out = documents[["doc_id", "completeness"]].astype({"doc_id": object}).reset_index(drop=True)
    out = out.join(per_item, on="doc_id").join(counted, on="doc_id")
    cols = ["n_items", "n_items_with_body", "n_chars_with_body", "n_items_with_targets", "n_targets"]
    out[cols] = out[cols].fillna(0).astype("int64")
    with_body = out["n_items_with_body"].where(out["n_items_with_body"] > 0)
    out["targets_per_10_items"] = (10 * out["n_targets"] / with_body).astype(float)
    chars_body = out["n_chars_with_body"].where(with_body.notna() & (out["n_chars_with_body"] > 0))
    out["targets_per_10k_chars"] = (10_000 * out["n_targets"] / chars_body).astype(float)
    if "measure" in targets.columns:
        kinds = pd.crosstab(tdocs, targets["measure"].astype(str))
        for kind in MEASURES:
            column = "n_" + kind.replace(" ", "_")
            out[column] = out["doc_id"].map(kinds[kind] if kind in kinds else {}).fillna(0).astype("int64")
    return out


def plan_with_most_targets(per_doc: pd.DataFrame) -> str | None:
    """The ``doc_id`` with the most targets in :func:`targets_per_document` (ties: registry order), or
    None when no plan states one.

    >>> per_doc = pd.DataFrame({"doc_id": ["a", "b", "c"], "n_targets": [2, 5, 5]})
    >>> plan_with_most_targets(per_doc), plan_with_most_targets(per_doc.assign(n_targets=0))
    ('b', None)
    """
    if per_doc.empty or per_doc["n_targets"].max() <= 0:
        return None
    return str(per_doc["doc_id"].iloc[int(per_doc["n_targets"].to_numpy().argmax())])


def most_targets(per_doc: pd.DataFrame, max_rows: int) -> pd.DataFrame:
    """*per_doc* as it is when it has at most *max_rows* rows; else the *max_rows* plans with the most
    targets, most first (ties in registry order) — a per-plan table that stays readable at any N.

    >>> per_doc = pd.DataFrame({"doc_id": ["a", "b", "c"], "n_targets": [2, 5, 3]})
    >>> most_targets(per_doc, 3)["doc_id"].tolist(), most_targets(per_doc, 2)["doc_id"].tolist()
    (['a', 'b', 'c'], ['b', 'c'])
    """
    if len(per_doc) <= max_rows:
        return per_doc
    return per_doc.sort_values("n_targets", ascending=False, kind="stable").head(max_rows)


def targets_per_section(targets: pd.DataFrame, items: pd.DataFrame, doc_id: str) -> pd.DataFrame:
    """One plan's targets by section: ``section``, ``section_title``, ``n_items``, ``n_targets``
    (sections in the plan's order; items outside any section are section ``<NA>``).

    >>> items = pd.DataFrame({"doc_id": ["a", "a"], "item_seq": [1, 2], "section": [1, 2],
    ...                       "section_title": ["学前", "义教"]})
    >>> targets_per_section(pd.DataFrame({"doc_id": ["a"], "item_seq": [2]}), items, "a")["n_targets"].tolist()
    [0, 1]
    """
    its = items[items["doc_id"] == doc_id]
    counts = targets[targets["doc_id"] == doc_id].groupby("item_seq").size()
    its = its.assign(n_targets=its["item_seq"].map(counts).fillna(0).astype(int))
    out = (its.groupby(["section", "section_title"], sort=False, dropna=False)
           .agg(n_items=("item_seq", "size"), n_targets=("n_targets", "sum")).reset_index())
    return out


def attach_domains(targets: pd.DataFrame, items: pd.DataFrame, codebook: Codebook | None = None) -> pd.DataFrame:
    """*targets* with ``domain`` (the item's primary domain id, ``none`` when no seed term matches)
    and ``domain_zh``, from :func:`wpanalysis.coding.codebook.assign_domains` on the items' title and body.

    With the default codebook (*codebook* None) and a ``domain`` on every target — the targets table
    the build writes carries its item's primary domain — that column is used as it is: coding every
    item again costs seconds at hundreds of plans and gives the same domains.

    Example::

        attach_domains(targets_table(items), items)[["raw", "domain", "domain_zh"]]
    """
    reuse = codebook is None and "domain" in targets.columns and targets["domain"].notna().all() and len(targets)
    codebook = codebook or load_codebook()
    out = targets.drop(columns=["domain"], errors="ignore").astype({"doc_id": object})
    if reuse:
        out["domain"] = targets["domain"].astype(object).to_numpy()
    else:
        primary = primary_domains(items, codebook)
        out = out.merge(primary.astype({"doc_id": object}), on=["doc_id", "item_seq"], how="left")
    out["domain"] = out["domain"].fillna(NONE)
    out["domain_zh"] = out["domain"].map(codebook.names("zh"))
    return out


def targets_per_domain(with_domains: pd.DataFrame, codebook: Codebook | None = None) -> pd.DataFrame:
    """One row per primary domain that has targets: ``domain``, ``zh``, ``n_targets``, ``n_items``,
    ``n_docs``, ``n_level_percent`` (levels in %: 达到95%), ``n_change`` (relative or absolute
    changes: 下降1%, 提高2个百分点 — never counted with the levels; needs the ``measure`` column),
    ``examples`` (the three most frequent indicator wordings); most targets first, ties in codebook order.

    Example::

        targets_per_domain(attach_domains(found, items))[["zh", "n_targets", "examples"]]
    """
    codebook = codebook or load_codebook()
    order = {d: k for k, d in enumerate([*codebook.ids, NONE])}
    measure = with_domains["measure"].astype(str) if "measure" in with_domains else pd.Series("", with_domains.index)
    rows = []
    for domain, sub in with_domains.groupby("domain", sort=False):
        words = sub["indicator"][sub["indicator"].str.len() > 0].value_counts(sort=False)
        words = words.sort_values(ascending=False, kind="stable")
        rows.append({"domain": domain, "zh": codebook.names("zh").get(domain, domain), "n_targets": len(sub),
                     "n_items": sub[["doc_id", "item_seq"]].drop_duplicates().shape[0],
                     "n_docs": sub["doc_id"].nunique(),
                     "n_level_percent": int(((sub["unit"] == "%") & (measure[sub.index] == "level")).sum()),
                     "n_change": int(measure[sub.index].str.endswith("change").sum()),
                     "examples": "、".join(words.index[:3]), "_o": order.get(domain, len(order))})
    cols = ["domain", "zh", "n_targets", "n_items", "n_docs", "n_level_percent", "n_change", "examples", "_o"]
    out = pd.DataFrame(rows, columns=cols).sort_values(["n_targets", "_o"], ascending=[False, True], kind="stable")
    return out.drop(columns="_o").reset_index(drop=True)
