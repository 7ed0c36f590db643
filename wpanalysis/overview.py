"""Corpus overview: the small summary tables of a built corpus (notebook 01).

Every function takes the tables :func:`wpanalysis.build.load_corpus` returns
(``data/processed/``, see the data dictionary in the README) and returns a tidy
:class:`pandas.DataFrame` with the columns its docstring lists, rows in registry order
unless stated otherwise. Figures of these tables are in :mod:`wpanalysis.plots.corpus`.

Example::

    from wpanalysis import build, overview
    corpus = build.load_corpus()
    overview.document_sizes(corpus.documents, corpus.items)      # one row per document

Display tables (:func:`registry_table`, :func:`warnings_table`) show a missing value as
``—``; the analysis tables keep pandas' missing values.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from .registry import _PLACE_COLUMNS, _known, doc_labels

if TYPE_CHECKING:
    pass

__all__ = [
    "MISSING",
    "registry_table",
    "document_sizes",
    "items_per_section",
    "artefact_counts",
    "warnings_table",
    "comparability_notes",
]

MISSING = "—"
"""How display tables show an unknown value."""


# --------------------------------------------------------------------------- loading


# --------------------------------------------------------------------------- labels


def _place(row: pd.Series) -> str:
    columns = _PLACE_COLUMNS.get(row.get("admin_level"), ("province", "city", "county"))
    return " / ".join(row[c] if _known(row.get(c)) else MISSING for c in columns)


# --------------------------------------------------------------------------- tables


def registry_table(documents: pd.DataFrame) -> pd.DataFrame:
    """The registry as a readable table, one row per document.

    Columns: ``doc_id``; ``label`` (see :func:`doc_labels`); ``place`` (province / city /
    county, down to the document's own level, an unknown name shown as ``—``);
    ``admin_level``; ``region`` (``—`` when unknown); ``year``; ``completeness``;
    ``n_items``.

    >>> from wpanalysis.build import load_corpus
    >>> documents = load_corpus().documents
    >>> registry_table(documents).set_index("doc_id").loc["rongcheng_2025", "place"]
    '山东省 / 威海市 / 荣成市'
    >>> registry_table(documents).set_index("doc_id").loc["hebei_city_2024", "place"]
    '河北省 / —'
    """
    table = pd.DataFrame(
        {
            "doc_id": documents["doc_id"].to_numpy(),
            "label": doc_labels(documents).to_numpy(),
            "place": [_place(row) for _, row in documents.iterrows()],
            "admin_level": documents["admin_level"].fillna(MISSING).to_numpy(),
            "region": documents["region"].fillna(MISSING).to_numpy(),
            "year": documents["year"].to_numpy(),
            "completeness": documents["completeness"].fillna(MISSING).to_numpy(),
            "n_items": documents["n_items"].to_numpy(),
        }
    )
    return table


def document_sizes(documents: pd.DataFrame, items: pd.DataFrame) -> pd.DataFrame:
    """Items and characters per document, counted from the items table; one row per document.

    Columns: ``doc_id``, ``label``, ``completeness``, ``n_items``, ``n_items_with_body``
    (items that have text beyond their title), ``n_chars`` (characters of item text,
    title + body), ``chars_per_item`` (rounded to one decimal; missing when a document has
    no items). A document without items gets zeros.

    >>> from wpanalysis.build import load_corpus
    >>> corpus = load_corpus()
    >>> documents, items = corpus.documents, corpus.items
    >>> sizes = document_sizes(documents, items).set_index("doc_id")
    >>> sizes.loc["ningbo_2024", "n_items"], sizes.loc["county_a_2024", "n_items_with_body"]
    (np.int64(31), np.int64(0))
    """
    counts = items.groupby("doc_id", sort=False).agg(
        n_items=("item_seq", "size"), n_items_with_body=("has_body", "sum"), n_chars=("n_chars", "sum")
    )
    sizes = pd.DataFrame(
        {
            "doc_id": documents["doc_id"].to_numpy(),
            "label": doc_labels(documents).to_numpy(),
            "completeness": documents["completeness"].to_numpy(),
        }
    )
    sizes = sizes.join(counts, on="doc_id")
    for col in ("n_items", "n_items_with_body", "n_chars"):
        sizes[col] = sizes[col].fillna(0).astype("int64")
    per_item = sizes["n_chars"] / sizes["n_items"].where(sizes["n_items"] > 0)
    sizes["chars_per_item"] = per_item.round(1)
    return sizes


def items_per_section(items: pd.DataFrame) -> pd.DataFrame:
    """Items and characters per document × section (the document's own section numbers).

    Columns: ``doc_id``, ``section`` (``Int64``; missing for items outside any section,
    e.g. plans without 一、 headings), ``section_title``, ``n_items``, ``n_chars``.
    Documents appear in the order of the items table, sections in their numeric order with
    the items outside any section first.

    >>> from wpanalysis.build import load_corpus
    >>> items = load_corpus().items
    >>> table = items_per_section(items)
    >>> table[table["doc_id"] == "ningbo_2024"]["n_items"].tolist()
    [3, 2, 3, 3, 3, 3, 3, 5, 3, 3]
    """
    doc_order = {doc_id: k for k, doc_id in enumerate(pd.unique(items["doc_id"]))}
    table = (
        items.groupby(["doc_id", "section"], dropna=False, sort=False)
        .agg(section_title=("section_title", "first"), n_items=("item_seq", "size"), n_chars=("n_chars", "sum"))
        .reset_index()
    )
    table["section"] = table["section"].astype("Int64")
    key = pd.DataFrame({"doc": table["doc_id"].map(doc_order), "sec": table["section"].fillna(-1).astype(int)})
    table = table.loc[key.sort_values(["doc", "sec"], kind="stable").index].reset_index(drop=True)
    return table[["doc_id", "section", "section_title", "n_items", "n_chars"]]


def artefact_counts(warnings: pd.DataFrame) -> pd.DataFrame:
    """Extraction artefacts cleaning removed, counted per file and kind (the ``info`` rows).

    Columns: ``source_file``, ``kind`` (e.g. ``web chrome``, ``page marker``), ``n_removed``.

    >>> warnings = pd.DataFrame({"source_file": ["a.txt"] * 3, "doc_id": [None] * 3,
    ...                          "level": ["info", "info", "warning"],
    ...                          "message": ["removed web chrome: 版权", "removed web chrome: 转载", "numbering gap"]})
    >>> artefact_counts(warnings).to_dict("records")
    [{'source_file': 'a.txt', 'kind': 'web chrome', 'n_removed': 2}]
    """
    info = warnings[warnings["level"] == "info"]
    kind = info["message"].str.extract(r"^removed (?P<kind>[^:]+):", expand=False).fillna("other")
    counts = (
        pd.DataFrame({"source_file": info["source_file"], "kind": kind})
        .groupby(["source_file", "kind"], sort=True)
        .size()
        .rename("n_removed")
        .reset_index()
    )
    counts["n_removed"] = counts["n_removed"].astype("int64")
    return counts


def warnings_table(warnings: pd.DataFrame) -> pd.DataFrame:
    """The parse warnings and errors, with each file's artefact list replaced by one count.

    The ``info`` rows (one per artefact cleaning removed) become a single ``info`` row per
    file: "removed 2 artefacts (web chrome ×2)". Columns: ``source_file``, ``doc_id``
    (``—`` for messages about the whole file), ``level``, ``message``; rows grouped by
    file, in the build order, the artefact count after the file's warnings.

    >>> warnings = pd.DataFrame({"source_file": ["a.txt"] * 3, "doc_id": [None, None, "a_2024"],
    ...                          "level": ["info", "info", "warning"],
    ...                          "message": ["removed web chrome: 版权", "removed page marker: - 3 -",
    ...                                      "numbering gap"]})
    >>> warnings_table(warnings)[["doc_id", "level", "message"]].values.tolist()  # doctest: +NORMALIZE_WHITESPACE
    [['a_2024', 'warning', 'numbering gap'],
     ['—', 'info', 'removed 2 artefacts (page marker ×1, web chrome ×1)']]
    """
    columns = ["source_file", "doc_id", "level", "message"]
    kept = warnings.loc[warnings["level"] != "info", columns]
    summaries = []
    for source, group in artefact_counts(warnings).groupby("source_file", sort=True):
        total = int(group["n_removed"].sum())
        kinds = ", ".join(f"{k} ×{n}" for k, n in zip(group["kind"], group["n_removed"]))
        noun = "artefact" if total == 1 else "artefacts"
        summaries.append({"source_file": source, "doc_id": None, "level": "info",
                          "message": f"removed {total} {noun} ({kinds})"})
    table = pd.concat([kept, pd.DataFrame(summaries, columns=columns)], ignore_index=True)
    file_order = {f: k for k, f in enumerate(pd.unique(warnings["source_file"]))}
    order = pd.DataFrame({"file": table["source_file"].map(file_order), "info": table["level"] == "info"})
    table = table.loc[order.sort_values(["file", "info"], kind="stable").index].reset_index(drop=True)
    table["doc_id"] = table["doc_id"].astype(object).where(table["doc_id"].notna(), MISSING)
    return table


def _range(first: object, last: object) -> str:
    if pd.isna(first) or pd.isna(last):
        return MISSING
    return f"{int(first)}–{int(last)}"


def comparability_notes(documents: pd.DataFrame) -> pd.DataFrame:
    """One row per document whose plan limits comparisons, with a plain-English note.

    A document is listed when it is **outline-only** (only item titles survive), **partial**
    (some items are missing) or its **place is unknown** (no province and no region, so it
    drops out of regional comparisons; a redacted city inside a known province does not
    count). Columns: ``doc_id``, ``label``, ``completeness``, ``n_items``,
    ``n_items_with_body``, ``item_range`` (first–last item number), ``place_known``,
    ``limits`` (the reasons, ``; ``-separated), ``note``.

    >>> from wpanalysis.build import load_corpus
    >>> documents = load_corpus().documents
    >>> comparability_notes(documents)[["doc_id", "limits"]].values.tolist()  # doctest: +NORMALIZE_WHITESPACE
    [['rongcheng_2025', 'partial'], ['unknown_city_2024', 'outline-only; unknown place'],
     ['county_a_2024', 'outline-only; unknown place'], ['county_b_2024', 'outline-only; unknown place']]
    """
    rows = []
    labels = doc_labels(documents)
    for _, doc in documents.iterrows():
        completeness = doc["completeness"]
        place_known = _known(doc.get("province")) or _known(doc.get("region"))
        n_items, n_body = int(doc["n_items"]), int(doc["n_items_with_body"])
        item_range = _range(doc["first_item"], doc["last_item"])
        limits, notes = [], []
        if completeness == "outline-only":
            limits.append("outline-only")
            if n_body:
                only = f"{n_items - n_body} of {n_items} items are titles only ({n_body} with body text)"
            else:
                only = f"all {n_items} items are titles only"
            notes.append(f"Outline-only: {only}; use it for title-level comparisons, not for body-text "
                         "measures such as length, fields or responsible units.")
        elif completeness == "partial":
            limits.append("partial")
            first = doc["first_item"]
            missing = f"; items 1–{int(first) - 1} are missing" if pd.notna(first) and int(first) > 1 else ""
            notes.append(f"Partial: only items {item_range} survive ({n_items} items){missing}, so counts and "
                         "shares understate the whole plan.")
        if not place_known:
            limits.append("unknown place")
            notes.append("Place unknown: no province or region, so it drops out of regional comparisons.")
        if limits:
            rows.append({
                "doc_id": doc["doc_id"], "label": labels[doc["doc_id"]], "completeness": completeness,
                "n_items": n_items, "n_items_with_body": n_body, "item_range": item_range,
                "place_known": place_known, "limits": "; ".join(limits), "note": " ".join(notes),
            })
    columns = ["doc_id", "label", "completeness", "n_items", "n_items_with_body", "item_range", "place_known",
               "limits", "note"]
    return pd.DataFrame(rows, columns=columns)


# --------------------------------------------------------------------------- figures


