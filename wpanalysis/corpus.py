"""Corpus overview: loading the processed tables and the small summaries notebook 01 shows.

Every function takes the tables :func:`load_corpus` returns (``data/processed/``, see the
data dictionary in the README) and returns a tidy :class:`pandas.DataFrame` with the
columns its docstring lists, rows in registry order unless stated otherwise. The
``plot_*`` functions return a :class:`matplotlib.figure.Figure` with Chinese labels; call
:func:`wpanalysis.plots.set_house_style` first for the house look (they make sure a CJK
font is active either way).

Example::

    from wpanalysis import corpus
    documents, items = corpus.load_corpus()
    corpus.document_sizes(documents, items)      # one row per document
    fig = corpus.plot_document_sizes(corpus.document_sizes(documents, items))

Display tables (:func:`registry_table`, :func:`warnings_table`) show a missing value as
``—``; the analysis tables keep pandas' missing values.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from . import config
from .plots import HOUSE_PALETTE, use_cjk_font

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = [
    "MISSING",
    "COMPLETENESS_LABELS",
    "load_corpus",
    "load_warnings",
    "doc_labels",
    "registry_table",
    "document_sizes",
    "items_per_section",
    "artefact_counts",
    "warnings_table",
    "comparability_notes",
    "plot_document_sizes",
    "plot_items_per_section",
]

MISSING = "—"
"""How display tables show an unknown value."""

COMPLETENESS_LABELS: dict[str, str] = {"full": "完整", "partial": "部分", "outline-only": "仅提纲"}
"""Chinese legend labels for the registry's ``completeness`` values."""

_COMPLETENESS_COLOURS: dict[str, str] = {
    "full": HOUSE_PALETTE[0],  # blue
    "partial": HOUSE_PALETTE[4],  # orange
    "outline-only": HOUSE_PALETTE[1],  # vermillion
}
_UNKNOWN_COLOUR = "#999999"

# The place columns a document of each administrative level is expected to fill.
_PLACE_COLUMNS: dict[str, tuple[str, ...]] = {
    "province": ("province",),
    "city": ("province", "city"),
    "county-level city": ("province", "city", "county"),
    "county": ("province", "city", "county"),
    "district": ("province", "city", "county"),
}
# How a short label names a place the text redacts or does not give, by admin level.
_SOME_PLACE = {"province": "某省", "city": "某市", "county-level city": "某市", "county": "某县", "district": "某区"}
_PLACE_SUFFIX = re.compile(r"(特别行政区|自治区|自治州|自治县|地区|省|市|县|区)$")
_CHINESE_NUMERALS = "一二三四五六七八九十"


# --------------------------------------------------------------------------- loading


def load_corpus(processed_dir: str | Path = config.PROCESSED_DATA_DIR) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read the documents and items tables from the Parquet files in *processed_dir*.

    Parquet keeps the column types (``Int64`` section numbers, booleans). Build the files
    first with ``python -m wpanalysis build``.

    >>> documents, items = load_corpus()
    >>> len(documents), len(items)
    (9, 274)
    """
    processed_dir = Path(processed_dir)
    documents = pd.read_parquet(processed_dir / "documents.parquet")
    items = pd.read_parquet(processed_dir / "items.parquet")
    return documents, items


def load_warnings(processed_dir: str | Path = config.PROCESSED_DATA_DIR) -> pd.DataFrame:
    """Read the parse warnings (``source_file``, ``doc_id``, ``level``, ``message``).

    >>> list(load_warnings().columns)
    ['source_file', 'doc_id', 'level', 'message']
    """
    return pd.read_parquet(Path(processed_dir) / "warnings.parquet")


# --------------------------------------------------------------------------- labels


def _known(value: object) -> bool:
    return isinstance(value, str) and value.strip() != ""


def _short_place(name: str) -> str:
    """宁波市 → 宁波: drop the administrative suffix when two or more characters remain."""
    short = _PLACE_SUFFIX.sub("", name)
    return short if len(short) >= 2 else name


def _label(row: pd.Series) -> str | None:
    level = row.get("admin_level")
    columns = _PLACE_COLUMNS.get(level, ("province", "city", "county"))
    known = [c for c in columns if _known(row.get(c))]
    if not known:
        return None
    place = _short_place(row[known[-1]])
    if known[-1] != columns[-1]:  # the place itself is redacted or not given
        place += _SOME_PLACE.get(level, "某地")
    return f"{place} {row['year']}" if pd.notna(row.get("year")) else place


def doc_labels(documents: pd.DataFrame) -> pd.Series:
    """Short Chinese labels for figures, indexed by ``doc_id``: "宁波 2024".

    The label names the most specific known place without its suffix (市, 县, 省 …) and
    the year; a place the text does not name at the document's level becomes 某市/某县
    (``河北某市 2024``). Documents with no known place, or whose label would repeat another
    document's, are labelled by their ``doc_id``.

    >>> docs = pd.DataFrame({"doc_id": ["ningbo_2024", "x_2024"], "province": ["浙江省", None],
    ...                      "city": ["宁波市", None], "county": [None, None],
    ...                      "admin_level": ["city", "county"], "year": [2024, 2024]})
    >>> doc_labels(docs).tolist()
    ['宁波 2024', 'x_2024']
    """
    labels = pd.Series([_label(row) for _, row in documents.iterrows()], index=documents["doc_id"], dtype=object)
    repeated = labels.duplicated(keep=False) & labels.notna()
    labels = labels.where(labels.notna() & ~repeated, labels.index.to_series())
    labels.name = "label"
    return labels.astype(str)


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

    >>> documents, _ = load_corpus()
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

    >>> documents, items = load_corpus()
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

    >>> _, items = load_corpus()
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

    >>> documents, _ = load_corpus()
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


def plot_document_sizes(sizes: pd.DataFrame) -> Figure:
    """Horizontal bars of items (left) and characters (right) per document, coloured by completeness.

    *sizes* is :func:`document_sizes`'s table; documents run top to bottom in its order,
    labelled by its ``label`` column (or ``doc_id`` if there is none).

    >>> import matplotlib.pyplot as plt
    >>> fig = plot_document_sizes(document_sizes(*load_corpus()))
    >>> [ax.get_title() for ax in fig.axes]
    ['条目数', '字数（条目文本）']
    >>> plt.close(fig)
    """
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch
    from matplotlib.ticker import StrMethodFormatter

    use_cjk_font()
    labels = sizes["label"] if "label" in sizes else sizes["doc_id"]
    colours = [_COMPLETENESS_COLOURS.get(c, _UNKNOWN_COLOUR) for c in sizes["completeness"]]
    y = np.arange(len(sizes))
    fig, axes = plt.subplots(1, 2, figsize=(8.0, 0.38 * len(sizes) + 1.6), sharey=True)
    for ax, column, title in ((axes[0], "n_items", "条目数"), (axes[1], "n_chars", "字数（条目文本）")):
        bars = ax.barh(y, sizes[column].to_numpy(), color=colours, height=0.7)
        ax.bar_label(bars, labels=[f"{v:,}" for v in sizes[column]], padding=3, fontsize=9)
        ax.set_title(title)
        ax.grid(axis="y", visible=False)
        ax.margins(x=0.18)
        ax.xaxis.set_major_formatter(StrMethodFormatter("{x:,.0f}"))
    axes[0].set_yticks(y, labels=list(labels))
    axes[0].invert_yaxis()
    present = [c for c in COMPLETENESS_LABELS if c in set(sizes["completeness"])]
    handles = [Patch(color=_COMPLETENESS_COLOURS[c], label=COMPLETENESS_LABELS[c]) for c in present]
    fig.legend(handles=handles, title="完整程度", loc="lower center", ncol=len(handles), bbox_to_anchor=(0.5, -0.02))
    fig.suptitle("各份工作要点的篇幅")
    fig.tight_layout(rect=(0, 0.08, 1, 1))
    return fig


def _section_label(section: object) -> str:
    if pd.isna(section):
        return "无"
    n = int(section)
    if 1 <= n <= 10:
        return _CHINESE_NUMERALS[n - 1]
    if 10 < n < 20:
        return "十" + _CHINESE_NUMERALS[n - 11]
    return str(n)


def plot_items_per_section(per_section: pd.DataFrame, labels: pd.Series | None = None) -> Figure:
    """Heatmap of items per document (rows) × section number (columns), counts written in the cells.

    *per_section* is :func:`items_per_section`'s table; *labels* maps ``doc_id`` to a row
    label (e.g. :func:`doc_labels`), the ``doc_id`` itself by default. Columns are the
    documents' own section numbers (一, 二, …; 无 = items outside any section), so a
    column compares positions, not topics.

    >>> import matplotlib.pyplot as plt
    >>> documents, items = load_corpus()
    >>> fig = plot_items_per_section(items_per_section(items), doc_labels(documents))
    >>> fig.axes[0].get_title(), fig.axes[0].get_yticklabels()[-2].get_text()
    ('各部分的条目数', '宁波 2024')
    >>> plt.close(fig)
    """
    import matplotlib.pyplot as plt
    import seaborn as sns

    use_cjk_font()
    doc_order = list(pd.unique(per_section["doc_id"]))
    column_key = per_section["section"].fillna(0).astype(int)
    grid = (
        per_section.assign(column=column_key)
        .pivot_table(index="doc_id", columns="column", values="n_items", aggfunc="sum")
        .reindex(index=doc_order)
    )
    grid = grid.reindex(columns=sorted(grid.columns))
    grid.columns = [_section_label(None if c == 0 else c) for c in grid.columns]
    if labels is not None:
        grid.index = [labels.get(d, d) for d in grid.index]
    fig, ax = plt.subplots(figsize=(0.55 * grid.shape[1] + 3.2, 0.42 * grid.shape[0] + 1.4))
    sns.heatmap(grid.astype(float), annot=True, fmt=".0f", cmap="viridis", linewidths=0.5, linecolor="white",
                cbar_kws={"label": "条目数"}, ax=ax)
    ax.set_xlabel("部分（按各文件自身的编号；无 = 不属于任何部分）")
    ax.set_ylabel("")
    ax.set_title("各部分的条目数")
    ax.grid(False)
    ax.tick_params(axis="both", length=0)
    ax.tick_params(axis="x", rotation=0)
    fig.tight_layout()
    return fig
