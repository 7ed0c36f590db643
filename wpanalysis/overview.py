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
``—``; the analysis tables keep pandas' missing values. The tables keep the package's codes
(``outline-only``, ``gap in the item numbering``); :func:`shown` is a table as the notebook shows
it in a language, and the texts this module writes (notes, summaries) take ``language``::

    overview.shown(overview.warning_kinds(corpus.warnings), "zh")   # 级别, 类别 … 警告, 标题取自目录
"""

from __future__ import annotations

import re

import pandas as pd

from . import labels
from .registry import _PLACE_COLUMNS, GROUP_ORDER, UNKNOWN, _known, doc_labels, group_values

__all__ = [
    "MISSING",
    "COMPOSITION_COLUMNS",
    "registry_table",
    "composition",
    "document_sizes",
    "size_summary",
    "items_per_section",
    "section_label",
    "section_counts",
    "artefact_counts",
    "warning_kind",
    "warning_kinds",
    "warnings_table",
    "comparability_notes",
    "kind_label",
    "artefact_label",
    "shown",
]

MISSING = "—"
"""How display tables show an unknown value."""


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


COMPOSITION_COLUMNS: tuple[str, ...] = ("region", "admin_level", "year", "completeness", "province")
"""The registry columns :func:`composition` counts by default."""


def _composition_order(column: str, counts: pd.Series) -> list[str]:
    """Known values in :data:`GROUP_ORDER`'s order (years ascending, others largest first), unknown last."""
    names = [n for n in counts.index if n != UNKNOWN]
    if column in GROUP_ORDER:
        preferred = GROUP_ORDER[column]
        names = [n for n in preferred if n in names] + sorted(n for n in names if n not in preferred)
    elif column == "year":
        names = sorted(names)
    else:
        names = sorted(names, key=lambda n: (-counts[n], n))
    return names + ([UNKNOWN] if UNKNOWN in counts.index else [])


def composition(documents: pd.DataFrame, columns: tuple[str, ...] = COMPOSITION_COLUMNS) -> pd.DataFrame:
    """How many plans have each value of the registry *columns*: the corpus at a glance.

    Columns: ``column``, ``value`` (text; ``unknown`` when the registry leaves it empty),
    ``n_plans``. Values follow the registry's display order (:data:`GROUP_ORDER`), years
    ascending, other columns (provinces) largest first; ``unknown`` last. A column the
    table lacks is skipped.

    >>> docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "region": ["west", "east", None],
    ...                      "year": [2025, 2024, 2025]})
    >>> composition(docs).values.tolist()  # doctest: +NORMALIZE_WHITESPACE
    [['region', 'east', 1], ['region', 'west', 1], ['region', 'unknown', 1],
     ['year', '2024', 1], ['year', '2025', 2]]
    """
    frames = []
    for column in (c for c in columns if c in documents.columns):
        counts = group_values(documents, column).value_counts()
        order = _composition_order(column, counts)
        frames.append(pd.DataFrame({"column": column, "value": order,
                                    "n_plans": [int(counts[v]) for v in order]}))
    if not frames:
        return pd.DataFrame({"column": [], "value": [], "n_plans": pd.Series([], dtype="int64")})
    table = pd.concat(frames, ignore_index=True)
    table["n_plans"] = table["n_plans"].astype("int64")
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


def size_summary(sizes: pd.DataFrame) -> pd.DataFrame:
    """The size distribution by completeness: a few rows however many plans there are.

    *sizes* is :func:`document_sizes`'s table. One row per completeness value present (in
    the registry's order, ``unknown`` last) and a last row ``all``. Columns:
    ``completeness``, ``n_plans``, ``items_min``, ``items_median``, ``items_max``,
    ``chars_min``, ``chars_median``, ``chars_max``, ``chars_per_item_median`` (medians
    rounded to one decimal; missing when no plan of the row has items).

    >>> sizes = pd.DataFrame({"doc_id": ["a", "b", "c"], "completeness": ["full", "full", "outline-only"],
    ...                       "n_items": [10, 30, 20], "n_chars": [1000, 5000, 200],
    ...                       "chars_per_item": [100.0, 166.7, 10.0]})
    >>> size_summary(sizes)[["completeness", "n_plans", "items_median", "chars_max"]].values.tolist()
    [['full', 2, 20.0, 5000], ['outline-only', 1, 20.0, 200], ['all', 3, 20.0, 5000]]
    """
    groups = pd.Series([v if isinstance(v, str) and v else UNKNOWN for v in sizes["completeness"]],
                       index=sizes.index)
    order = _composition_order("completeness", groups.value_counts())
    rows = [_size_row(name, sizes[groups == name]) for name in order]
    if len(sizes) or not rows:
        rows.append(_size_row("all", sizes))
    return pd.DataFrame(rows)


def _size_row(name: str, part: pd.DataFrame) -> dict:
    row: dict = {"completeness": name, "n_plans": len(part)}
    for column, key in (("n_items", "items"), ("n_chars", "chars")):
        values = part[column]
        row[f"{key}_min"] = int(values.min()) if len(values) else None
        row[f"{key}_median"] = round(float(values.median()), 1) if len(values) else None
        row[f"{key}_max"] = int(values.max()) if len(values) else None
    per_item = part["chars_per_item"].dropna()
    row["chars_per_item_median"] = round(float(per_item.median()), 1) if len(per_item) else None
    return row


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


_CHINESE_NUMERALS = "一二三四五六七八九十"


def section_label(section: object) -> str:
    """A section number as the plans write it: 一 … 十, 十一 … 十九, then digits; 无 for no section.

    >>> [section_label(s) for s in (None, 1, 10, 14, 20, 23)]
    ['无', '一', '十', '十四', '二十', '23']
    """
    if section is None or pd.isna(section):
        return "无"
    n = int(section)
    if 1 <= n <= 10:
        return _CHINESE_NUMERALS[n - 1]
    if 10 < n < 20:
        return "十" + _CHINESE_NUMERALS[n - 11]
    if n == 20:
        return "二十"
    return str(n)


def section_counts(per_section: pd.DataFrame) -> pd.DataFrame:
    """Per document: how many sections hold items and how many items sit outside any section.

    *per_section* is :func:`items_per_section`'s table. Columns: ``doc_id``, ``n_sections``
    (sections with at least one item), ``n_items``, ``n_outside`` (items outside any
    section), ``largest_section`` (section number of the section with most items, the first
    on a tie; missing when there is none), ``largest_n_items``; documents in table order.

    >>> per_section = pd.DataFrame({"doc_id": ["a", "a", "a", "b"],
    ...                             "section": pd.array([None, 1, 2, None], dtype="Int64"),
    ...                             "n_items": [2, 3, 5, 7]})
    >>> section_counts(per_section)[["doc_id", "n_sections", "n_outside", "largest_section"]].values.tolist()
    [['a', 2, 2, 2], ['b', 0, 7, <NA>]]
    """
    rows = []
    for doc_id, group in per_section.groupby("doc_id", sort=False):
        inside = group[group["section"].notna()]
        top = inside.loc[inside["n_items"].idxmax()] if len(inside) else None
        rows.append({
            "doc_id": doc_id, "n_sections": len(inside), "n_items": int(group["n_items"].sum()),
            "n_outside": int(group.loc[group["section"].isna(), "n_items"].sum()),
            "largest_section": top["section"] if top is not None else None,
            "largest_n_items": int(top["n_items"]) if top is not None else 0,
        })
    table = pd.DataFrame(rows, columns=["doc_id", "n_sections", "n_items", "n_outside", "largest_section",
                                        "largest_n_items"])
    table["largest_section"] = table["largest_section"].astype("Int64")
    for column in ("n_sections", "n_items", "n_outside", "largest_n_items"):
        table[column] = table[column].astype("int64")
    return table


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


# The build's messages (structure.py, build.py) by what they report; first match wins.
_WARNING_KINDS: tuple[tuple[str, str], ...] = (
    (r"in the body but not in the outline", "item in the body, not in the outline"),
    (r"in the outline but not in the body", "item in the outline only (title only)"),
    (r"^item numbering jumps", "gap in the item numbering"),
    (r"^numbering starts at item", "numbering starts after 1 (partial?)"),
    (r"^title taken from the table of contents", "title from the table of contents"),
    (r"appears twice", "number appears twice"),
    (r"^paragraph repeated", "paragraph repeated"),
    (r"could not be placed", "unassigned text"),
    (r"^no numbered items: run-in", "sub-sections used as items"),
    (r"^no sections or numbered items", "no structure found"),
    (r"^no text to parse", "no text"),
    (r"^declared ", "declared count not met"),
    (r"^registry says", "completeness differs from the registry"),
    (r"^registry lists", "number of plans in the file differs from the registry"),
    (r"^part \d+ not found", "registered part not in the file"),
    (r"does not exist", "registered file missing"),
    (r"not in the registry", "file not in the registry"),
)
_NUMBERS = re.compile(r"\d+(?:[–-]\d+)?(?:, \d+(?:[–-]\d+)?)*")


def warning_kind(message: str, level: str = "warning") -> str:
    """What a build message reports, without its numbers: the key :func:`warning_kinds` counts by.

    Artefacts cleaning removed (``info``) become ``removed <kind>``; a message of no known
    kind keeps its words with each number (or list of ranges) written ``N``.

    >>> warning_kind("item numbering jumps from 20 to 22 (items 21 missing)")
    'gap in the item numbering'
    >>> warning_kind("removed web chrome: 版权所有", "info")
    'removed web chrome'
    >>> warning_kind("scanned pages 3, 5–7 have no text")
    'scanned pages N have no text'
    """
    if level == "info":
        found = re.match(r"^removed (?P<kind>[^:]+):", message)
        return f"removed {found['kind']}" if found else "removed (other)"
    for pattern, kind in _WARNING_KINDS:
        if re.search(pattern, message):
            return kind
    return _NUMBERS.sub("N", message)


_LEVEL_ORDER = {"error": 0, "warning": 1, "info": 2}


def warning_kinds(warnings: pd.DataFrame) -> pd.DataFrame:
    """The build's messages counted by level and kind (:func:`warning_kind`): a summary at any size.

    Columns: ``level``, ``kind``, ``n_messages``, ``n_plans`` (documents the messages name;
    0 for messages about whole files), ``n_files``. Errors first, then warnings, then the
    artefacts cleaning removed (``info``); within a level the most frequent kind first.

    >>> warnings = pd.DataFrame({"source_file": ["a.txt", "a.txt", "b.txt"], "doc_id": ["a", None, "b"],
    ...                          "level": ["warning", "info", "warning"],
    ...                          "message": ["item numbering jumps from 2 to 4 (items 3 missing)",
    ...                                      "removed page marker: - 3 -",
    ...                                      "item numbering jumps from 5 to 9 (items 6–8 missing)"]})
    >>> warning_kinds(warnings).values.tolist()  # doctest: +NORMALIZE_WHITESPACE
    [['warning', 'gap in the item numbering', 2, 2, 2], ['info', 'removed page marker', 1, 0, 1]]
    """
    columns = ["level", "kind", "n_messages", "n_plans", "n_files"]
    if warnings.empty:
        return pd.DataFrame({c: pd.Series([], dtype="int64" if c.startswith("n_") else object) for c in columns})
    kinds = [warning_kind(m, lv) for m, lv in zip(warnings["message"], warnings["level"])]
    table = (
        warnings.assign(kind=kinds)
        .groupby(["level", "kind"], sort=False)
        .agg(n_messages=("message", "size"), n_plans=("doc_id", "nunique"), n_files=("source_file", "nunique"))
        .reset_index()
    )
    table["rank"] = table["level"].map(_LEVEL_ORDER).fillna(len(_LEVEL_ORDER))
    table = table.sort_values(["rank", "n_messages", "kind"], ascending=[True, False, True], kind="stable")
    for column in columns[2:]:
        table[column] = table[column].astype("int64")
    return table[columns].reset_index(drop=True)


def warnings_table(warnings: pd.DataFrame, language: str = "en") -> pd.DataFrame:
    """The parse warnings and errors, with each file's artefact list replaced by one count.

    The ``info`` rows (one per artefact cleaning removed) become a single ``info`` row per
    file: "removed 2 artefacts (web chrome ×2)" (in *language*; the build's own messages are
    records and stay as the build wrote them). Columns: ``source_file``, ``doc_id``
    (``—`` for messages about the whole file), ``level``, ``message``; rows grouped by
    file, in the build order, the artefact count after the file's warnings.

    >>> warnings = pd.DataFrame({"source_file": ["a.txt"] * 3, "doc_id": [None, None, "a_2024"],
    ...                          "level": ["info", "info", "warning"],
    ...                          "message": ["removed web chrome: 版权", "removed page marker: - 3 -",
    ...                                      "numbering gap"]})
    >>> warnings_table(warnings)[["doc_id", "level", "message"]].values.tolist()  # doctest: +NORMALIZE_WHITESPACE
    [['a_2024', 'warning', 'numbering gap'],
     ['—', 'info', 'removed 2 artefacts (page marker ×1, web chrome ×1)']]
    >>> warnings_table(warnings, "zh")["message"].iloc[-1]
    '清理去除 2 处痕迹（页码标记 ×1、网页框架 ×1）'
    """
    columns = ["source_file", "doc_id", "level", "message"]
    kept = warnings.loc[warnings["level"] != "info", columns]
    summaries = []
    for source, group in artefact_counts(warnings).groupby("source_file", sort=True):
        total = int(group["n_removed"].sum())
        if language == "zh":
            kinds = "、".join(f"{artefact_label(k, language)} ×{n}" for k, n in zip(group["kind"], group["n_removed"]))
            message = f"清理去除 {total} 处痕迹（{kinds}）"
        else:
            kinds = ", ".join(f"{k} ×{n}" for k, n in zip(group["kind"], group["n_removed"]))
            message = f"removed {total} {'artefact' if total == 1 else 'artefacts'} ({kinds})"
        summaries.append({"source_file": source, "doc_id": None, "level": "info", "message": message})
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


def comparability_notes(documents: pd.DataFrame, language: str = "en") -> pd.DataFrame:
    """One row per document whose plan limits comparisons, with a note in *language*.

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
    >>> comparability_notes(documents, "zh")["note"].iloc[0]
    '部分：只保留了第 14–41 条（共 28 条）；第 1–13 条缺失，因此计数和占比会低估整份要点。'
    """
    zh = _language(language) == "zh"
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
            notes.append(_outline_note(n_items, n_body, zh))
        elif completeness == "partial":
            limits.append("partial")
            notes.append(_partial_note(doc["first_item"], item_range, n_items, zh))
        if not place_known:
            limits.append("unknown place")
            notes.append("地点不明：没有省份或地区，因此不参与地区比较。" if zh
                         else "Place unknown: no province or region, so it drops out of regional comparisons.")
        if limits:
            rows.append({
                "doc_id": doc["doc_id"], "label": labels[doc["doc_id"]], "completeness": completeness,
                "n_items": n_items, "n_items_with_body": n_body, "item_range": item_range,
                "place_known": place_known, "limits": "; ".join(limits), "note": ("" if zh else " ").join(notes),
            })
    columns = ["doc_id", "label", "completeness", "n_items", "n_items_with_body", "item_range", "place_known",
               "limits", "note"]
    return pd.DataFrame(rows, columns=columns)


def _language(language: str) -> str:
    if language not in labels.LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(map(repr, labels.LANGUAGES))}, got {language!r}")
    return language


def _outline_note(n_items: int, n_body: int, zh: bool) -> str:
    if zh:
        only = (f"{n_items} 条中有 {n_items - n_body} 条只有标题（{n_body} 条有正文）" if n_body
                else f"全部 {n_items} 条都只有标题")
        return f"仅提纲：{only}；可用于标题层面的比较，不能用于篇幅、字段或责任单位等基于正文的测量。"
    only = (f"{n_items - n_body} of {n_items} items are titles only ({n_body} with body text)" if n_body
            else f"all {n_items} items are titles only")
    return (f"Outline-only: {only}; use it for title-level comparisons, not for body-text "
            "measures such as length, fields or responsible units.")


def _partial_note(first: object, item_range: str, n_items: int, zh: bool) -> str:
    gap = int(first) - 1 if pd.notna(first) and int(first) > 1 else 0
    if zh:
        kept = f"第 {item_range} 条" if item_range != MISSING else "部分条目"
        missing = f"；第 1–{gap} 条缺失" if gap else ""
        return f"部分：只保留了{kept}（共 {n_items} 条）{missing}，因此计数和占比会低估整份要点。"
    missing = f"; items 1–{gap} are missing" if gap else ""
    return (f"Partial: only items {item_range} survive ({n_items} items){missing}, so counts and "
            "shares understate the whole plan.")


# --------------------------------------------------------------------------- the tables as shown


def artefact_label(kind: str, language: str = "en") -> str:
    """The name of a kind of artefact cleaning removes (``web chrome`` → 网页框架); a kind the label
    table lacks is shown as it is.

    >>> artefact_label("page marker", "zh"), artefact_label("web chrome"), artefact_label("new kind", "zh")
    ('页码标记', 'web chrome', 'new kind')
    """
    return labels.label("artefact_kind", kind, _language(language), default=kind)


def kind_label(kind: str, language: str = "en") -> str:
    """The name of a kind of build message (:func:`warning_kind`) in *language*; a message of no known
    kind is a record and is shown as it is.

    >>> kind_label("gap in the item numbering", "zh"), kind_label("removed web chrome", "zh")
    ('条目编号跳号', '清理去除：网页框架')
    >>> kind_label("gap in the item numbering"), kind_label("scanned pages N have no text", "zh")
    ('gap in the item numbering', 'scanned pages N have no text')
    """
    _language(language)
    if kind.startswith("removed "):
        template = labels.label("overview_word", "removed", language, default="removed {kind}")
        return template.format(kind=artefact_label(kind.removeprefix("removed "), language))
    return labels.label("warning_kind", kind, language, default=kind)


def _cells(column: str, language: str):  # noqa: ANN202 - a cell mapper or None
    """How the cells of *column* of this module's tables are shown in *language* (None: as they are)."""
    if column == "level":
        return lambda v: labels.label("warning_level", v, language, default=v)
    if column == "kind":
        return lambda v: kind_label(v, language) if isinstance(v, str) else v
    if column == "limits":
        joiner = "；" if language == "zh" else "; "
        return lambda v: joiner.join(labels.label("comparability_limit", x, language, default=x)
                                     for x in str(v).split("; "))
    if column == "completeness":  # size_summary's last row; the values themselves: labels.localised
        return lambda v: labels.label("overview_word", v, language, default=v) if v == "all" else v
    if column == "place_known":
        return lambda v: (labels.label("overview_word", str(v).lower(), language, default=v)
                          if isinstance(v, bool) else v)
    return None


def shown(table: pd.DataFrame, language: str = "en") -> pd.DataFrame:
    """A table of this module as notebook 01 shows it in *language*: in ``"en"`` the table itself;
    in ``"zh"`` :func:`wpanalysis.labels.localised` (Chinese headers and group values) after the
    module's fixed words in its cells — warning levels, kinds of message and artefact, the limits
    of :func:`comparability_notes`, the row ``all`` of :func:`size_summary`, yes/no — are put in
    Chinese. The build's own messages are records and stay as they are.

    >>> t = pd.DataFrame({"level": ["warning"], "kind": ["title from the table of contents"], "n_plans": [2]})
    >>> shown(t, "zh").values.tolist(), shown(t, "zh").columns.tolist()
    ([['警告', '标题取自目录', 2]], ['级别', '类型', '要点份数'])
    >>> shown(t, "en") is t
    True
    """
    if _language(language) == "en":
        return table
    cells = table.copy()
    for column in cells.columns:
        mapper = _cells(str(column), language)
        if mapper is not None:
            cells[column] = cells[column].map(mapper).astype(object)
    return labels.localised(cells, language)
