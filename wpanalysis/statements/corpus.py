"""Generated statements of the corpus overview (notebook 01): what the corpus holds, how large its
plans are, how their items spread over sections, what the parser warned about, and which plans
limit which comparisons.

Each function takes the tables of :func:`wpanalysis.build.load_corpus` (or an
:mod:`wpanalysis.overview` table of them) and returns Markdown in *language* (``"en"`` or ``"zh"``).
Example::

    from IPython.display import Markdown
    from wpanalysis import build
    from wpanalysis.statements import corpus as said
    corpus = build.load_corpus()
    Markdown(said.describe_corpus(corpus.documents))                  # "**9 plans** from 5 provinces …"
    Markdown(said.describe_corpus(corpus.documents, language="zh"))   # "**9 份要点**，来自 5 个省份…"
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from .. import labels as label_table
from .. import overview
from ..registry import FULL_TEXT, UNKNOWN, doc_labels, full_text_ids
from . import bullet_list, count, listing, pick

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


def _of_zh(k: int, n: int, yes: str, no: str) -> str:
    """The Chinese clause of :func:`_of`: '9 份要点中有 3 份<yes>', '全部 9 份要点都<yes>', '没有一份要点<yes>',
    '该份要点<yes|no>' when n is 1."""
    if n == 1:
        return f"该份要点{yes if k else no}"
    if k == n:
        return f"全部 {n:,} 份要点都{yes}"
    return f"{n:,} 份要点中有 {k:,} 份{yes}" if k else f"没有一份要点{yes}"


def _agree(k: int, n: int, singular: str, plural: str) -> str:
    """The verb form that goes with :func:`_of`'s subject."""
    return singular if k <= 1 or n == 1 else plural


def _num(value: float) -> str:
    """1234 → '1,234'; 12.5 → '12.5' (medians of an even count)."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"




def _group(column: str, value: object, language: str) -> str:
    """A composition value as a sentence names it: the code in English, its label in Chinese
    (``unknown`` of any column, a place name or a year as it is)."""
    if language == "en":
        return str(value)
    if value == UNKNOWN:  # the value every grouping column shares (groups._all)
        return label_table.group_label("region", UNKNOWN, language)
    return label_table.group_label(column, value, language)


def _section_name(section: object, language: str) -> str:
    """'section 二' / '第二部分' (a section number past 二十 is written in digits: 第 23 部分)."""
    numeral = overview.section_label(section)
    if language == "en":
        return f"section {numeral}"
    return f"第{numeral}部分" if not numeral.isdigit() else f"第 {numeral} 部分"


# --------------------------------------------------------------------------- the corpus


def _provinces(comp: pd.DataFrame, n: int, language: str) -> str:
    rows = comp[comp["column"] == "province"]
    known = rows[rows["value"] != UNKNOWN]
    n_unknown = int(rows.loc[rows["value"] == UNKNOWN, "n_plans"].sum()) if len(rows) else n
    if known.empty:
        return pick(language, "with no province recorded", "均未记录省份")
    notes = [known["value"].iloc[0]] if len(known) == 1 else []
    if n_unknown:
        notes.append(pick(language, f"{count(n_unknown, 'plan')} with no province", f"{n_unknown:,} 份未记录省份"))
    if language == "zh":
        return f"来自 {len(known):,} 个省份" + (f"（{'；'.join(notes)}）" if notes else "")
    return f"from {count(len(known), 'province')}" + (f" ({'; '.join(notes)})" if notes else "")


def _years(comp: pd.DataFrame, n: int, language: str) -> str:
    rows = comp[comp["column"] == "year"]
    known = [int(v) for v in rows["value"] if v != UNKNOWN]
    n_unknown = n - int(rows.loc[rows["value"] != UNKNOWN, "n_plans"].sum())
    if not known:
        return pick(language, "year not recorded", "年份未记录")
    span = str(known[0]) if len(known) == 1 else f"{min(known)}–{max(known)}"
    if language == "zh":
        return f"{span} 年" + (f"（{n_unknown:,} 份未记录年份）" if n_unknown else "")
    return span + (f" ({count(n_unknown, 'plan')} without a year)" if n_unknown else "")


def _body_text(documents: pd.DataFrame, language: str) -> str:
    n = len(documents)
    completeness = documents["completeness"]
    n_body = len(full_text_ids(documents))
    n_full, n_partial = int((completeness == "full").sum()), int((completeness == "partial").sum())
    n_outline = int((completeness == "outline-only").sum())
    n_unrecorded = n - n_body - n_outline
    zh = language == "zh"
    if n_body == 0:
        sentence = pick(language, "None has body text, so measures of body text (length, fields, responsible units, "
                                  "term frequencies) cannot be made on this corpus",
                        "没有一份要点有正文，因此无法在这一语料上进行基于正文的测量（篇幅、字段、责任单位、词频）")
    else:
        kind = "full" if n_full else "partial"
        if zh:
            name = label_table.group_label("completeness", kind, language)
            detail = (f"{n_full:,} 份全文、{n_partial:,} 份部分" if n_full and n_partial
                      else name if n_body == 1 else f"均为{name}")
            subject = ("该份要点有正文" if n == 1 else f"全部 {n:,} 份都有正文" if n_body == n
                       else f"{n_body:,} 份有正文")
            sentence = f"{subject}（{detail}）"
        else:
            detail = (f"{n_full} full, {n_partial} partial" if n_full and n_partial
                      else kind if n_body == 1 else f"all {kind}")
            subject = "It has" if n == 1 else f"All {n} have" if n_body == n else f"{n_body} {_has(n_body)}"
            sentence = f"{subject} body text ({detail})"
    if n_outline and n_body:
        sentence += pick(language, f"; {n_outline} {_is(n_outline)} outline-only (item titles only)",
                         f"；{n_outline:,} 份仅提纲（只有条目标题）")
    if n_unrecorded:
        sentence += pick(language, f"; {n_unrecorded} {_has(n_unrecorded)} no completeness recorded "
                                   "(counted as without body text)",
                         f"；{n_unrecorded:,} 份未记录完整程度（按无正文计）")
    return sentence + pick(language, ".", "。")


def describe_corpus(documents: pd.DataFrame, language: str = "en") -> str:
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
    >>> print(describe_corpus(docs, language="zh").replace("。", "。\\n"))
    **3 份要点**，来自 1 个省份（广东省；1 份未记录省份），2024–2025 年。
    2 份有正文（1 份全文、1 份部分）；1 份仅提纲（只有条目标题）。
    <BLANKLINE>
    <BLANKLINE>
    - 按地区：东部（2）和未记录（1）
    - 按行政层级：地级市（2）和县（1）
    - 按年份：2024（2）和 2025（1）
    - 按省份：广东省（2）和未记录（1）
    """
    n = len(documents)
    if n == 0:
        return pick(language, "The registry holds no plans: add rows to `data/raw/documents.csv` and build the corpus.",
                    "登记表中没有要点：请在 `data/raw/documents.csv` 中添加行，再构建语料。")
    comp = overview.composition(documents, tuple(_COLUMN_NAMES))
    provinces, years, body = _provinces(comp, n, language), _years(comp, n, language), _body_text(documents, language)
    head = pick(language, f"**{count(n, 'plan')}** {provinces}, {years}. {body}",
                f"**{n:,} 份要点**，{provinces}，{years}。{body}")
    lines = []
    for column, name in _COLUMN_NAMES.items():
        rows = comp[comp["column"] == column]
        if not len(rows):
            continue
        if language == "zh":
            counts = (f"{_group(column, v, language)}（{k:,}）" for v, k in zip(rows["value"], rows["n_plans"]))
            lines.append(f"按{label_table.column_label(column, language)}：{listing(counts, language=language)}")
        else:
            lines.append(f"by {name}: " + listing(f"{v} ({k:,})" for v, k in zip(rows["value"], rows["n_plans"])))
    return head + ("\n\n" + bullet_list(lines) if lines else "")


# --------------------------------------------------------------------------- sizes


def _spread(values: pd.Series, noun: str, language: str = "en", unit: str = "") -> str:
    """'items from 10 to 30 (median 20)' / '条目数为 10 至 30 条（中位数 20）'; *unit* is the Chinese measure word."""
    low, high, mid = values.min(), values.max(), values.median()
    if language == "zh":
        if low == high:
            return f"{noun}均为 {_num(low)} {unit}"
        return f"{noun}为 {_num(low)} 至 {_num(high)} {unit}（中位数 {_num(mid)}）"
    if low == high:
        return f"{noun}: {_num(low)} in every plan"
    return f"{noun} from {_num(low)} to {_num(high)} (median {_num(mid)})"


def _named(rows: pd.DataFrame, column: str, language: str = "en") -> str:
    brackets = pick(language, " ({:,})", "（{:,}）")
    return listing((label + brackets.format(value) for label, value in zip(rows["label"], rows[column])), _NAMED,
                   language=language, unit="份")


def _extremes(sizes: pd.DataFrame, n_named: int, language: str) -> str:
    k = min(n_named, len(sizes) // 2)
    largest = sizes.sort_values("n_chars", ascending=False, kind="stable").head(k)
    smallest = sizes.drop(index=largest.index).sort_values("n_chars", kind="stable").head(k)
    most = sizes[sizes["n_items"] == sizes["n_items"].max()]
    large, small = _named(largest, "n_chars", language), _named(smallest, "n_chars", language)
    text = pick(language, f"Largest by characters: {large}; smallest: {small}.",
                f"按字数，篇幅最大的要点：{large}；最小的：{small}。")
    if sizes["n_items"].nunique() > 1:
        named = _named(most, "n_items", language)
        text += pick(language, f" Most items: {named}.", f"条目最多的要点：{named}。")
    return text


def _outline_contrast(sizes: pd.DataFrame, language: str) -> str:
    has_items = sizes["n_items"] > 0
    outline = sizes.loc[has_items & (sizes["completeness"] == "outline-only"), "chars_per_item"]
    body = sizes.loc[has_items & sizes["completeness"].isin(FULL_TEXT), "chars_per_item"]
    if outline.empty or body.empty:
        return ""
    mo, mb = outline.median(), body.median()
    outline_median, body_median = _num(round(mo, 1)), _num(round(mb, 1))
    text = pick(language, f" Per item, outline-only plans have a median of {outline_median} characters, plans with "
                          f"body text {body_median}",
                f"按每条计，仅提纲要点的字数中位数为 {outline_median}，有正文的要点为 {body_median}")
    if mo > 0 and mb / mo >= OUTLINE_RATIO:
        return text + pick(language, f" ({mb / mo:.0f} times as many): an outline-only plan's item count can be "
                                     "compared with other plans', its character count cannot.",
                           f"（是前者的 {mb / mo:.0f} 倍）：仅提纲要点的条目数可以与其他要点比较，字数则不能。")
    return text + pick(language, f" (less than {OUTLINE_RATIO:g} times as many): the outline-only plans hold more "
                                 "than titles; check their completeness in the registry.",
                       f"（不到前者的 {OUTLINE_RATIO:g} 倍）：这些仅提纲的要点不只有标题，"
                       "请核对登记表中它们的完整程度。")


def describe_sizes(sizes: pd.DataFrame, n_named: int = 3, language: str = "en") -> str:
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
    >>> print(describe_sizes(sizes, n_named=1, language="zh")[:61])
    每份要点的条目数为 10 至 30 条（中位数 20），条目文本字数为 200 至 6,000 字（中位数 1,000）。
    """
    if sizes.empty:
        return pick(language, "There are no plans, so there are no sizes to describe.",
                    "没有要点，因此没有可描述的篇幅。")
    sizes = sizes.assign(label=sizes["label"] if "label" in sizes else sizes["doc_id"]).reset_index(drop=True)
    sizes["label"] = sizes["label"].astype(str)
    if len(sizes) == 1:
        row = sizes.iloc[0]
        return pick(language, f"The one plan, {row['label']}, has {count(int(row['n_items']), 'item')} and "
                              f"{count(int(row['n_chars']), 'character')} of item text.",
                    f"唯一的一份要点（{row['label']}）有 {int(row['n_items']):,} 条，"
                    f"条目文本共 {int(row['n_chars']):,} 字。")
    if language == "zh":
        text = (f"每份要点的{_spread(sizes['n_items'], '条目数', language, '条')}，"
                f"{_spread(sizes['n_chars'], '条目文本字数', language, '字')}。{_extremes(sizes, n_named, language)}")
    else:
        text = (f"Per plan, {_spread(sizes['n_items'], 'items')}; "
                f"{_spread(sizes['n_chars'], 'characters of item text')}. {_extremes(sizes, n_named, language)}")
    empty = sizes[sizes["n_items"] == 0]
    if len(empty):
        names = listing(empty["label"], _NAMED, language=language, unit="份")
        text += pick(language, f" {count(len(empty), 'plan')} ({names}) {_has(len(empty))} no items: "
                               "the parser found none (see the warnings).",
                     f"{len(empty):,} 份要点（{names}）没有条目：解析程序一条也没有找到（见解析警告）。")
    return text + _outline_contrast(sizes, language)


# --------------------------------------------------------------------------- sections


def _largest_sections(counts: pd.DataFrame, labels: pd.Series, language: str) -> str:
    top = counts[counts["largest_n_items"] == counts["largest_n_items"].max()]
    n_items = int(top["largest_n_items"].iloc[0])
    if language == "zh":
        where = [f"{labels.get(d, d)} 的{_section_name(s, language)}"
                 for d, s in zip(top["doc_id"], top["largest_section"])]
        return f"最大的部分有 {n_items:,} 条（{listing(where, 3, language=language)}）。"
    where = [f"{_section_name(s, language)} of {labels.get(d, d)}"
             for d, s in zip(top["doc_id"], top["largest_section"])]
    return f" The largest section holds {count(n_items, 'item')} ({listing(where, 3)})."


def describe_sections(per_section: pd.DataFrame, documents: pd.DataFrame, language: str = "en") -> str:
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
    >>> print(describe_sections(per_section, docs, language="zh").replace("。", "。\\n"))
    每份要点含条目的部分为 0 至 2 个（中位数 1）。
    1 份要点的条目通篇连续编号，没有部分标题：b。
    最大的部分有 5 条（宁波 2024 的第二部分）。
    <BLANKLINE>
    """
    counts = overview.section_counts(per_section)
    if counts.empty:
        return pick(language, "No plan has items, so there are no sections to describe.",
                    "没有一份要点有条目，因此没有可描述的部分。")
    labels = doc_labels(documents)
    n_sections = counts["n_sections"]
    zh = language == "zh"
    if n_sections.max() == 0:
        if zh:
            subject = "该份要点的条目" if len(counts) == 1 else f"全部 {len(counts):,} 份要点的条目都"
            return f"{subject}通篇连续编号，没有部分标题。"
        subject = "The plan numbers its" if len(counts) == 1 else f"All {len(counts):,} plans number their"
        return f"{subject} items straight through, with no section headings."
    if len(counts) == 1:
        k = int(n_sections.iloc[0])
        text = pick(language, f"The plan has {count(k, 'section')} holding items.",
                    f"该份要点有 {k:,} 个含条目的部分。")
    elif n_sections.min() == n_sections.max():
        k = int(n_sections.iloc[0])
        text = pick(language, f"Every plan has {count(k, 'section')} holding items.",
                    f"每份要点都有 {k:,} 个含条目的部分。")
    else:
        low, high, mid = n_sections.min(), n_sections.max(), _num(n_sections.median())
        text = pick(language, f"Sections holding items per plan: from {low} to {high} (median {mid}).",
                    f"每份要点含条目的部分为 {low} 至 {high} 个（中位数 {mid}）。")
    straight = counts[n_sections == 0]
    if len(straight):
        names = listing((labels.get(d, d) for d in straight["doc_id"]), _NAMED, language=language, unit="份")
        if zh:
            text += f"{len(straight):,} 份要点的条目通篇连续编号，没有部分标题：{names}。"
        else:
            verb = "numbers its" if len(straight) == 1 else "number their"
            text += f" {count(len(straight), 'plan')} {verb} items straight through, with no section headings: {names}."
    mixed = counts[(n_sections > 0) & (counts["n_outside"] > 0)]
    if len(mixed):
        share = pick(language, " ({k} of {t})", "（{t} 条中的 {k} 条）")
        named = listing((f"{labels.get(d, d)}{share.format(k=k, t=t)}" for d, k, t in
                         zip(mixed["doc_id"], mixed["n_outside"], mixed["n_items"])), _NAMED,
                        language=language, unit="份")
        text += pick(language, f" In {count(len(mixed), 'plan')}, some items sit outside any section (before the "
                               f"first heading, or under a heading that was lost): {named}.",
                     f"在 {len(mixed):,} 份要点中，有些条目不属于任何部分"
                     f"（位于第一个标题之前，或其标题已缺失）：{named}。")
    text += _largest_sections(counts[n_sections > 0], labels, language)
    return text


# --------------------------------------------------------------------------- warnings


def _kind_lines(kinds: pd.DataFrame, language: str, limit: int = 8) -> list[str]:
    lines = []
    for row in kinds.head(limit).itertuples(index=False):
        if language == "zh":
            where = f"{row.n_plans:,} 份要点" if row.n_plans else f"{row.n_files:,} 个文件"
            prefix = "**错误**——" if row.level == "error" else ""
            lines.append(f"{prefix}{overview.kind_label(row.kind, language)}：{row.n_messages:,} 条信息，涉及 {where}")
        else:
            where = count(row.n_plans, "plan") if row.n_plans else count(row.n_files, "file")
            prefix = "**error** — " if row.level == "error" else ""
            lines.append(f"{prefix}{row.kind}: {count(row.n_messages, 'message')} in {where}")
    if len(kinds) > limit:
        rest = len(kinds) - limit
        lines.append(pick(language, f"… and {count(rest, 'other kind')} (see the table below)",
                          f"……另有 {rest:,} 类（见下表）"))
    return lines


def _artefacts(info: pd.DataFrame, kinds: pd.DataFrame, language: str) -> str:
    if info.empty:
        return ""
    n_files = info["source_file"].nunique()
    removed = listing((f"{overview.artefact_label(k.removeprefix('removed '), language)} ×{n:,}"
                       for k, n in zip(kinds["kind"], kinds["n_messages"])), language=language)
    return pick(language, f" Cleaning removed {count(len(info), 'artefact')} from {count(n_files, 'file')} "
                          f"({removed}); they are not warnings.",
                f"清理时从 {n_files:,} 个文件中去除了 {len(info):,} 处痕迹（{removed}）；它们不是警告。")


def describe_warnings(warnings: pd.DataFrame, documents: pd.DataFrame, language: str = "en") -> str:
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
    >>> print(describe_warnings(warnings, pd.DataFrame({"doc_id": ["a", "b"]}), language="zh"))
    2 份要点中有 1 份有警告（1 条信息）；没有错误。清理时从 1 个文件中去除了 1 处痕迹（页码标记 ×1）；它们不是警告。
    <BLANKLINE>
    - 标题取自目录：1 条信息，涉及 1 份要点
    """
    if warnings.empty:
        return pick(language,
                    "The build reported nothing: no warnings, no errors and no artefacts removed by cleaning.",
                    "构建过程没有报告任何信息：没有警告，没有错误，清理也没有去除任何痕迹。")
    kinds = overview.warning_kinds(warnings)
    is_info = warnings["level"] == "info"
    messages = warnings[~is_info]
    about_plans, about_files = messages[messages["doc_id"].notna()], messages[messages["doc_id"].isna()]
    n_warned, n_errors = about_plans["doc_id"].nunique(), int((warnings["level"] == "error").sum())
    n_docs, n_files = len(documents), len(about_files)
    if language == "zh":
        text = _of_zh(n_warned, n_docs, "有警告", "没有警告")
        text += f"（{len(about_plans):,} 条信息）" if n_warned else ""
        text += ("；没有错误。" if not n_errors else
                 f"；**{n_errors:,} 个错误**：错误所指的内容没有构建，请先修正，再往下读。")
        text += f"{n_files:,} 条信息针对整个文件。" if n_files else ""
    else:
        text = f"{_of(n_warned, n_docs)} {_agree(n_warned, n_docs, 'has', 'have')} warnings"
        text += f" ({count(len(about_plans), 'message')})" if n_warned else ""
        text += ("; no errors." if not n_errors else
                 f"; **{count(n_errors, 'error')}**: what they name was not built — fix it before reading further.")
        if n_files:
            text += (" 1 message concerns a whole file." if n_files == 1
                     else f" {n_files:,} messages concern whole files.")
    text += _artefacts(warnings[is_info], kinds[kinds["level"] == "info"], language)
    lines = _kind_lines(kinds[kinds["level"] != "info"], language)
    return text + ("\n\n" + bullet_list(lines) if lines else "")


# --------------------------------------------------------------------------- comparability

# What each reason of overview.comparability_notes limits: (the plans it names, what that limits), in
# English as the singular and the plural form, in Chinese as one.
_LIMITS: dict[str, dict[str, tuple[tuple[str, str], tuple[str, str]]]] = {
    "en": {
        "outline-only": (("outline-only plan", "outline-only plans"),
                         tuple(f"item titles only, so {s} for title-level comparisons, not for measures of body text"
                               for s in ("it counts", "they count"))),
        "partial": (("partial plan", "partial plans"),
                    tuple(f"items are missing, so {s} counts and shares understate the whole plan"
                          for s in ("its", "their"))),
        "unknown place": (("plan of unknown place", "plans of unknown place"),
                          tuple(f"no province or region, so {s} out of regional comparisons"
                                for s in ("it drops", "they drop"))),
    },
    "zh": {
        "outline-only": (("份仅提纲的要点",) * 2,
                         ("只有条目标题，因此可用于标题层面的比较，不能用于基于正文的测量",) * 2),
        "partial": (("份部分保留的要点",) * 2, ("缺少部分条目，因此其计数和占比会低估整份要点",) * 2),
        "unknown place": (("份地点不明的要点",) * 2, ("没有省份或地区，因此不参与地区比较",) * 2),
    },
}


def _limited(notes: pd.DataFrame, reason: str, language: str) -> str | None:
    """The line on the plans *notes* lists for *reason*: how many, which, and what that limits."""
    rows = notes[notes["limits"].str.split("; ").map(lambda limits: reason in limits)]
    if rows.empty:
        return None
    plans, what = _LIMITS[language][reason]
    many = len(rows) != 1
    names = listing(rows["label"], _NAMED, language=language, unit="份")
    return pick(language, f"{len(rows):,} {plans[many]} ({names}): {what[many]}",
                f"{len(rows):,} {plans[many]}（{names}）：{what[many]}")


def describe_comparability(documents: pd.DataFrame, language: str = "en") -> str:
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
    >>> print(describe_comparability(docs, language="zh"))
    2 份要点中有 1 份会限制比较：
    <BLANKLINE>
    - 1 份仅提纲的要点（杭州 2024）：只有条目标题，因此可用于标题层面的比较，不能用于基于正文的测量
    <BLANKLINE>
    1 份要点（全文、地点已知）可参与所有比较。
    """
    n = len(documents)
    if n == 0:
        return pick(language, "There are no plans to compare.", "没有可比较的要点。")
    notes = overview.comparability_notes(documents)
    unrestricted = documents[~documents["doc_id"].isin(notes["doc_id"]) & (documents["completeness"] == "full")]
    m = len(unrestricted)
    if language == "zh":
        tail = f"{m:,} 份要点（全文、地点已知）可参与所有比较。" if m else "没有一份要点可参与所有比较。"
    else:
        tail = (f"{count(m, 'plan')} (full, of known place) {'enters' if m == 1 else 'enter'} every comparison."
                if m else "No plan enters every comparison.")
    unrecorded = int((~documents["completeness"].isin(["full", "partial", "outline-only"])).sum())
    if unrecorded:
        tail += pick(language, f" {count(unrecorded, 'plan')} {_has(unrecorded)} no completeness recorded and "
                               f"{'is' if unrecorded == 1 else 'are'} treated as without body text.",
                     f"{unrecorded:,} 份要点未记录完整程度，按无正文处理。")
    if notes.empty:
        return pick(language, f"No plan limits comparisons. {tail}", f"没有一份要点会限制比较。{tail}")
    lines = [line for line in (_limited(notes, reason, language) for reason in _LIMITS["en"]) if line]
    head = pick(language, f"{_of(len(notes), n)} {_agree(len(notes), n, 'limits', 'limit')} comparisons:",
                _of_zh(len(notes), n, "会限制比较", "不限制比较") + "：")
    return f"{head}\n\n{bullet_list(lines)}\n\n{tail}"


# --------------------------------------------------------------------------- tables


def rows_shown(n_rows: int, max_rows: int, where: str | os.PathLike[str], root: str | os.PathLike[str] | None = None,
               language: str = "en") -> str:
    """Says how much of a table the notebook shows and where the whole table is.

    *where* is a path (shown relative to *root* when given) or Markdown naming the full table.

    >>> rows_shown(180, 30, Path("/plans/data/processed/documents.csv"), "/plans")
    'The first 30 of 180 rows are shown; the other 150 are in the full table, `data/processed/documents.csv`.'
    >>> rows_shown(9, 30, "`overview.comparability_notes(documents)`")
    'All 9 rows are shown (full table: `overview.comparability_notes(documents)`).'
    >>> rows_shown(180, 30, Path("/plans/data/processed/documents.csv"), "/plans", language="zh")
    '显示前 30 行（共 180 行）；其余 150 行见完整的表 `data/processed/documents.csv`。'
    """
    if isinstance(where, os.PathLike):
        path = Path(where)
        where = f"`{path.relative_to(root).as_posix() if root is not None else path.as_posix()}`"
    zh = pick(language, "", "zh") == "zh"
    if n_rows == 0:
        return f"该表没有行（完整的表：{where}）。" if zh else f"The table has no rows (full table: {where})."
    if n_rows <= max_rows:
        if zh:
            shown = "该表唯一的一行已全部显示" if n_rows == 1 else f"该表的 {n_rows:,} 行已全部显示"
            return f"{shown}（完整的表：{where}）。"
        shown = "The table's one row is shown" if n_rows == 1 else f"All {n_rows:,} rows are shown"
        return f"{shown} (full table: {where})."
    rest = n_rows - max_rows
    if zh:
        first = "显示第一行" if max_rows == 1 else f"显示前 {max_rows:,} 行"
        return f"{first}（共 {n_rows:,} 行）；其余 {rest:,} 行见完整的表 {where}。"
    other = "the other row is" if rest == 1 else f"the other {rest:,} are"
    first = "The first row is" if max_rows == 1 else f"The first {max_rows:,} of {n_rows:,} rows are"
    return f"{first} shown; {other} in the full table, {where}."
