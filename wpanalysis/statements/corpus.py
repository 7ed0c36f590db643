"""Generated statements of the corpus overview (notebook 01): what the corpus holds, how large its
plans are, how their items spread over sections, what the parser warned about, and which plans
limit which comparisons.

Each function takes the tables of :func:`wpanalysis.build.load_corpus` (or an
:mod:`wpanalysis.overview` table of them) and returns Markdown. Example::

    from IPython.display import Markdown
    from wpanalysis import build
    from wpanalysis.statements import corpus as said
    corpus = build.load_corpus()
    Markdown(said.describe_corpus(corpus.documents))   # "**9 plans** from 5 provinces …"
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from .. import overview
from ..registry import FULL_TEXT, UNKNOWN, doc_labels, full_text_ids
from . import bullet_list, count, listing

__all__ = [
    "OUTLINE_RATIO",
    "describe_corpus",
    "describe_sizes",
    "describe_sections",
    "describe_warnings",
    "describe_comparability",
    "rows_shown",
]

OUTLINE_RATIO = 3.0
"""Plans with body text must have at least this many times the characters per item (median) of
outline-only plans for :func:`describe_sizes` to call the outline-only plans lists of titles."""

_NAMED = 5
"""How many plans a sentence names before it says "and N others"."""

_COLUMN_NAMES = {"region": "region", "admin_level": "administrative level", "year": "year",
                 "province": "province"}


def _is(n: int) -> str:
    return "is" if n == 1 else "are"


def _has(n: int) -> str:
    return "has" if n == 1 else "have"


def _of(k: int, n: int) -> str:
    """'3 of 9 plans', 'All 9 plans', 'None of the 9 plans', 'The plan' / 'No plan' when n is 1."""
    if n == 1:
        return "The plan" if k else "No plan"
    if k == n:
        return f"All {n:,} plans"
    return f"{k:,} of {n:,} plans" if k else f"None of the {n:,} plans"


def _agree(k: int, n: int, singular: str, plural: str) -> str:
    """The verb form that goes with :func:`_of`'s subject."""
    return singular if k <= 1 or n == 1 else plural


def _num(value: float) -> str:
    """1234 → '1,234'; 12.5 → '12.5' (medians of an even count)."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


# --------------------------------------------------------------------------- the corpus


def _provinces(comp: pd.DataFrame, n: int) -> str:
    rows = comp[comp["column"] == "province"]
    known = rows[rows["value"] != UNKNOWN]
    n_unknown = int(rows.loc[rows["value"] == UNKNOWN, "n_plans"].sum()) if len(rows) else n
    if known.empty:
        return "with no province recorded"
    notes = [known["value"].iloc[0]] if len(known) == 1 else []
    notes += [f"{count(n_unknown, 'plan')} with no province"] if n_unknown else []
    where = f"from {count(len(known), 'province')}"
    return where + (f" ({'; '.join(notes)})" if notes else "")


def _years(comp: pd.DataFrame, n: int) -> str:
    rows = comp[comp["column"] == "year"]
    known = [int(v) for v in rows["value"] if v != UNKNOWN]
    n_unknown = n - int(rows.loc[rows["value"] != UNKNOWN, "n_plans"].sum())
    if not known:
        return "year not recorded"
    span = str(known[0]) if len(known) == 1 else f"{min(known)}–{max(known)}"
    return span + (f" ({count(n_unknown, 'plan')} without a year)" if n_unknown else "")


def _body_text(documents: pd.DataFrame) -> str:
    n = len(documents)
    completeness = documents["completeness"]
    n_body = len(full_text_ids(documents))
    n_full, n_partial = int((completeness == "full").sum()), int((completeness == "partial").sum())
    n_outline = int((completeness == "outline-only").sum())
    n_unrecorded = n - n_body - n_outline
    if n_body == 0:
        sentence = ("None has body text, so measures of body text (length, fields, responsible units, "
                    "term frequencies) cannot be made on this corpus")
    else:
        kind = "full" if n_full else "partial"
        detail = (f"{n_full} full, {n_partial} partial" if n_full and n_partial
                  else kind if n_body == 1 else f"all {kind}")
        subject = "It has" if n == 1 else f"All {n} have" if n_body == n else f"{n_body} {_has(n_body)}"
        sentence = f"{subject} body text ({detail})"
    if n_outline and n_body:
        sentence += f"; {n_outline} {_is(n_outline)} outline-only (item titles only)"
    if n_unrecorded:
        sentence += (f"; {n_unrecorded} {_has(n_unrecorded)} no completeness recorded "
                     "(counted as without body text)")
    return sentence + "."


def describe_corpus(documents: pd.DataFrame) -> str:
    """The corpus in a sentence and its plans counted by region, level, year and province.

    >>> docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "province": ["广东省", "广东省", None],
    ...                      "admin_level": ["city", "city", "county"], "region": ["east", "east", None],
    ...                      "year": [2024, 2025, 2024], "completeness": ["full", "partial", "outline-only"]})
    >>> print(describe_corpus(docs))  # doctest: +NORMALIZE_WHITESPACE
    **3 plans** from 1 province (广东省; 1 plan with no province), 2024–2025. 2 have body text
    (1 full, 1 partial); 1 is outline-only (item titles only).
    <BLANKLINE>
    - by region: east (2) and unknown (1)
    - by administrative level: city (2) and county (1)
    - by year: 2024 (2) and 2025 (1)
    - by province: 广东省 (2) and unknown (1)
    """
    n = len(documents)
    if n == 0:
        return "The registry holds no plans: add rows to `data/raw/documents.csv` and build the corpus."
    comp = overview.composition(documents, tuple(_COLUMN_NAMES))
    head = f"**{count(n, 'plan')}** {_provinces(comp, n)}, {_years(comp, n)}. {_body_text(documents)}"
    lines = []
    for column, name in _COLUMN_NAMES.items():
        rows = comp[comp["column"] == column]
        if len(rows):
            lines.append(f"by {name}: " + listing(f"{v} ({k:,})" for v, k in zip(rows["value"], rows["n_plans"])))
    return head + ("\n\n" + bullet_list(lines) if lines else "")


# --------------------------------------------------------------------------- sizes


def _spread(values: pd.Series, noun: str) -> str:
    low, high, mid = values.min(), values.max(), values.median()
    if low == high:
        return f"{noun}: {_num(low)} in every plan"
    return f"{noun} from {_num(low)} to {_num(high)} (median {_num(mid)})"


def _named(rows: pd.DataFrame, column: str) -> str:
    return listing((f"{label} ({value:,})" for label, value in zip(rows["label"], rows[column])), _NAMED)


def _extremes(sizes: pd.DataFrame, n_named: int) -> str:
    k = min(n_named, len(sizes) // 2)
    largest = sizes.sort_values("n_chars", ascending=False, kind="stable").head(k)
    smallest = sizes.drop(index=largest.index).sort_values("n_chars", kind="stable").head(k)
    most = sizes[sizes["n_items"] == sizes["n_items"].max()]
    text = f"Largest by characters: {_named(largest, 'n_chars')}; smallest: {_named(smallest, 'n_chars')}."
    if sizes["n_items"].nunique() > 1:
        text += f" Most items: {_named(most, 'n_items')}."
    return text


def _outline_contrast(sizes: pd.DataFrame) -> str:
    has_items = sizes["n_items"] > 0
    outline = sizes.loc[has_items & (sizes["completeness"] == "outline-only"), "chars_per_item"]
    body = sizes.loc[has_items & sizes["completeness"].isin(FULL_TEXT), "chars_per_item"]
    if outline.empty or body.empty:
        return ""
    mo, mb = outline.median(), body.median()
    text = (f" Per item, outline-only plans have a median of {_num(round(mo, 1))} characters, plans with "
            f"body text {_num(round(mb, 1))}")
    if mo > 0 and mb / mo >= OUTLINE_RATIO:
        return text + (f" ({mb / mo:.0f} times as many): an outline-only plan's item count can be compared "
                       "with other plans', its character count cannot.")
    return text + (f" (less than {OUTLINE_RATIO:g} times as many): the outline-only plans hold more than "
                   "titles; check their completeness in the registry.")


def describe_sizes(sizes: pd.DataFrame, n_named: int = 3) -> str:
    """Items and characters per plan: the range and median, the *n_named* largest and smallest plans
    (by characters of item text; ties keep registry order), plans without items, and how outline-only
    plans differ from plans with body text (:data:`OUTLINE_RATIO`).

    *sizes* is :func:`wpanalysis.overview.document_sizes`'s table.

    >>> sizes = pd.DataFrame({"label": ["A", "B", "C"], "completeness": ["full", "full", "outline-only"],
    ...                       "n_items": [10, 30, 20], "n_chars": [1000, 6000, 200],
    ...                       "chars_per_item": [100.0, 200.0, 10.0]})
    >>> print(describe_sizes(sizes, n_named=1))  # doctest: +NORMALIZE_WHITESPACE
    Per plan, items from 10 to 30 (median 20); characters of item text from 200 to 6,000 (median 1,000).
    Largest by characters: B (6,000); smallest: C (200). Most items: B (30). Per item, outline-only plans
    have a median of 10 characters, plans with body text 150 (15 times as many): an outline-only plan's
    item count can be compared with other plans', its character count cannot.
    """
    if sizes.empty:
        return "There are no plans, so there are no sizes to describe."
    sizes = sizes.assign(label=sizes["label"] if "label" in sizes else sizes["doc_id"]).reset_index(drop=True)
    if len(sizes) == 1:
        row = sizes.iloc[0]
        return (f"The one plan, {row['label']}, has {count(int(row['n_items']), 'item')} and "
                f"{count(int(row['n_chars']), 'character')} of item text.")
    text = (f"Per plan, {_spread(sizes['n_items'], 'items')}; "
            f"{_spread(sizes['n_chars'], 'characters of item text')}. {_extremes(sizes, n_named)}")
    empty = sizes[sizes["n_items"] == 0]
    if len(empty):
        text += (f" {count(len(empty), 'plan')} ({listing(empty['label'], _NAMED)}) {_has(len(empty))} no items: "
                 "the parser found none (see the warnings).")
    return text + _outline_contrast(sizes)


# --------------------------------------------------------------------------- sections


def _largest_sections(counts: pd.DataFrame, labels: pd.Series) -> str:
    top = counts[counts["largest_n_items"] == counts["largest_n_items"].max()]
    where = [f"section {overview.section_label(s)} of {labels.get(d, d)}"
             for d, s in zip(top["doc_id"], top["largest_section"])]
    return f" The largest section holds {count(int(top['largest_n_items'].iloc[0]), 'item')} ({listing(where, 3)})."


def describe_sections(per_section: pd.DataFrame, documents: pd.DataFrame) -> str:
    """How many sections the plans have, which number their items straight through, which have items
    outside any section, and the largest section.

    *per_section* is :func:`wpanalysis.overview.items_per_section`'s table; *documents* gives
    the plans' labels.

    >>> per_section = pd.DataFrame({"doc_id": ["a", "a", "b"], "section": pd.array([1, 2, None], dtype="Int64"),
    ...                             "n_items": [3, 5, 7]})
    >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "province": ["浙江省", None], "city": ["宁波市", None],
    ...                      "county": [None, None], "admin_level": ["city", "city"], "year": [2024, 2024]})
    >>> print(describe_sections(per_section, docs))  # doctest: +NORMALIZE_WHITESPACE
    Sections holding items per plan: from 0 to 2 (median 1). 1 plan numbers its items straight through,
    with no section headings: b. The largest section holds 5 items (section 二 of 宁波 2024).
    """
    counts = overview.section_counts(per_section)
    if counts.empty:
        return "No plan has items, so there are no sections to describe."
    labels = doc_labels(documents)
    n_sections = counts["n_sections"]
    if n_sections.max() == 0:
        subject = "The plan numbers its" if len(counts) == 1 else f"All {len(counts):,} plans number their"
        return f"{subject} items straight through, with no section headings."
    if len(counts) == 1:
        text = f"The plan has {count(int(n_sections.iloc[0]), 'section')} holding items."
    elif n_sections.min() == n_sections.max():
        text = f"Every plan has {count(int(n_sections.iloc[0]), 'section')} holding items."
    else:
        text = (f"Sections holding items per plan: from {n_sections.min()} to {n_sections.max()} "
                f"(median {_num(n_sections.median())}).")
    straight = counts[n_sections == 0]
    if len(straight):
        verb = "numbers its" if len(straight) == 1 else "number their"
        text += (f" {count(len(straight), 'plan')} {verb} items straight through, with no section headings: "
                 f"{listing((labels.get(d, d) for d in straight['doc_id']), _NAMED)}.")
    mixed = counts[(n_sections > 0) & (counts["n_outside"] > 0)]
    if len(mixed):
        named = listing((f"{labels.get(d, d)} ({k} of {t})" for d, k, t in
                         zip(mixed["doc_id"], mixed["n_outside"], mixed["n_items"])), _NAMED)
        text += (f" In {count(len(mixed), 'plan')}, some items sit outside any section (before the first "
                 f"heading, or under a heading that was lost): {named}.")
    text += _largest_sections(counts[n_sections > 0], labels)
    return text


# --------------------------------------------------------------------------- warnings


def _kind_lines(kinds: pd.DataFrame, limit: int = 8) -> list[str]:
    lines = []
    for row in kinds.head(limit).itertuples(index=False):
        where = count(row.n_plans, "plan") if row.n_plans else count(row.n_files, "file")
        prefix = "**error** — " if row.level == "error" else ""
        lines.append(f"{prefix}{row.kind}: {count(row.n_messages, 'message')} in {where}")
    if len(kinds) > limit:
        lines.append(f"… and {count(len(kinds) - limit, 'other kind')} (see the table below)")
    return lines


def _artefacts(info: pd.DataFrame, kinds: pd.DataFrame) -> str:
    if info.empty:
        return ""
    removed = listing(f"{k.removeprefix('removed ')} ×{n:,}" for k, n in zip(kinds["kind"], kinds["n_messages"]))
    return (f" Cleaning removed {count(len(info), 'artefact')} from {count(info['source_file'].nunique(), 'file')} "
            f"({removed}); they are not warnings.")


def describe_warnings(warnings: pd.DataFrame, documents: pd.DataFrame) -> str:
    """How many plans the build warned about and of which kinds (:func:`wpanalysis.overview.warning_kinds`),
    the errors, the messages about whole files and the artefacts cleaning removed.

    >>> warnings = pd.DataFrame({"source_file": ["a.txt", "a.txt"], "doc_id": ["a", None],
    ...                          "level": ["warning", "info"],
    ...                          "message": ["title taken from the table of contents", "removed page marker: - 3 -"]})
    >>> print(describe_warnings(warnings, pd.DataFrame({"doc_id": ["a", "b"]})))  # doctest: +NORMALIZE_WHITESPACE
    1 of 2 plans has warnings (1 message); no errors. Cleaning removed 1 artefact from 1 file
    (page marker ×1); they are not warnings.
    <BLANKLINE>
    - title from the table of contents: 1 message in 1 plan
    """
    if warnings.empty:
        return "The build reported nothing: no warnings, no errors and no artefacts removed by cleaning."
    kinds = overview.warning_kinds(warnings)
    is_info = warnings["level"] == "info"
    messages = warnings[~is_info]
    about_plans, about_files = messages[messages["doc_id"].notna()], messages[messages["doc_id"].isna()]
    n_warned, n_errors = about_plans["doc_id"].nunique(), int((warnings["level"] == "error").sum())
    text = f"{_of(n_warned, len(documents))} {_agree(n_warned, len(documents), 'has', 'have')} warnings"
    text += f" ({count(len(about_plans), 'message')})" if n_warned else ""
    text += ("; no errors." if not n_errors else
             f"; **{count(n_errors, 'error')}**: what they name was not built — fix it before reading further.")
    if len(about_files):
        text += (" 1 message concerns a whole file." if len(about_files) == 1
                 else f" {len(about_files):,} messages concern whole files.")
    text += _artefacts(warnings[is_info], kinds[kinds["level"] == "info"])
    lines = _kind_lines(kinds[kinds["level"] != "info"])
    return text + ("\n\n" + bullet_list(lines) if lines else "")


# --------------------------------------------------------------------------- comparability


def _limited(notes: pd.DataFrame, reason: str, plans: tuple[str, str], what: tuple[str, str]) -> str | None:
    """The line on the plans *notes* lists for *reason*: *plans* names them, *what* says what that limits
    (each as the singular and the plural form)."""
    rows = notes[notes["limits"].str.split("; ").map(lambda limits: reason in limits)]
    if rows.empty:
        return None
    one = len(rows) == 1
    return f"{len(rows):,} {plans[not one]} ({listing(rows['label'], _NAMED)}): {what[not one]}"


def describe_comparability(documents: pd.DataFrame) -> str:
    """Which plans limit which comparisons (:func:`wpanalysis.overview.comparability_notes`), and how
    many plans enter every comparison (full, of known place).

    >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "completeness": ["full", "outline-only"],
    ...                      "province": ["浙江省", "浙江省"], "city": ["宁波市", "杭州市"], "county": [None, None],
    ...                      "region": ["east", "east"], "admin_level": ["city", "city"], "year": [2024, 2024],
    ...                      "n_items": [30, 20], "n_items_with_body": [30, 0], "first_item": [1, 1],
    ...                      "last_item": [30, 20]})
    >>> print(describe_comparability(docs))  # doctest: +NORMALIZE_WHITESPACE
    1 of 2 plans limits comparisons:
    <BLANKLINE>
    - 1 outline-only plan (杭州 2024): item titles only, so it counts for title-level comparisons,
      not for measures of body text
    <BLANKLINE>
    1 plan (full, of known place) enters every comparison.
    """
    n = len(documents)
    if n == 0:
        return "There are no plans to compare."
    notes = overview.comparability_notes(documents)
    unrestricted = documents[~documents["doc_id"].isin(notes["doc_id"]) & (documents["completeness"] == "full")]
    m = len(unrestricted)
    tail = (f"{count(m, 'plan')} (full, of known place) {'enters' if m == 1 else 'enter'} every comparison."
            if m else "No plan enters every comparison.")
    unrecorded = int((~documents["completeness"].isin(["full", "partial", "outline-only"])).sum())
    if unrecorded:
        tail += (f" {count(unrecorded, 'plan')} {_has(unrecorded)} no completeness recorded and "
                 f"{'is' if unrecorded == 1 else 'are'} treated as without body text.")
    if notes.empty:
        return f"No plan limits comparisons. {tail}"
    lines = [line for line in (
        _limited(notes, "outline-only", ("outline-only plan", "outline-only plans"),
                 tuple(f"item titles only, so {s} for title-level comparisons, not for measures of body text"
                       for s in ("it counts", "they count"))),
        _limited(notes, "partial", ("partial plan", "partial plans"),
                 tuple(f"items are missing, so {s} counts and shares understate the whole plan"
                       for s in ("its", "their"))),
        _limited(notes, "unknown place", ("plan of unknown place", "plans of unknown place"),
                 tuple(f"no province or region, so {s} out of regional comparisons"
                       for s in ("it drops", "they drop"))),
    ) if line]
    verb = _agree(len(notes), n, "limits", "limit")
    return f"{_of(len(notes), n)} {verb} comparisons:\n\n{bullet_list(lines)}\n\n{tail}"


# --------------------------------------------------------------------------- tables


def rows_shown(n_rows: int, max_rows: int, where: str | os.PathLike[str], root: str | os.PathLike[str] | None = None
               ) -> str:
    """Says how much of a table the notebook shows and where the whole table is.

    *where* is a path (shown relative to *root* when given) or Markdown naming the full table.

    >>> rows_shown(180, 30, Path("/plans/data/processed/documents.csv"), "/plans")
    'The first 30 of 180 rows are shown; the other 150 are in the full table, `data/processed/documents.csv`.'
    >>> rows_shown(9, 30, "`overview.comparability_notes(documents)`")
    'All 9 rows are shown (full table: `overview.comparability_notes(documents)`).'
    """
    if isinstance(where, os.PathLike):
        path = Path(where)
        where = f"`{path.relative_to(root).as_posix() if root is not None else path.as_posix()}`"
    if n_rows == 0:
        return f"The table has no rows (full table: {where})."
    if n_rows <= max_rows:
        shown = "The table's one row is shown" if n_rows == 1 else f"All {n_rows:,} rows are shown"
        return f"{shown} (full table: {where})."
    rest = n_rows - max_rows
    other = "the other row is" if rest == 1 else f"the other {rest:,} are"
    first = "The first row is" if max_rows == 1 else f"The first {max_rows:,} of {n_rows:,} rows are"
    return f"{first} shown; {other} in the full table, {where}."
