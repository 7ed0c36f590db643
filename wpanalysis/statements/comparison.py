"""Generated statements of the regional comparison (notebook 04): which groups there are and which
are pooled or left out, how far the codebook agrees with a reader, which domains and topics set
groups apart. What keyness and similarity find is in :mod:`wpanalysis.statements.comparison_texts`,
the robustness checks and the limits in :mod:`wpanalysis.statements.comparison_robustness`.

Each function takes tables of :mod:`wpanalysis.compare` or :mod:`wpanalysis.coding` (small ones a
test can make by hand) and returns Markdown in *language* (``"en"`` or ``"zh"``). Numbers are
described, never tested: no sentence here calls a difference significant (keyness reports the
Bonferroni-corrected terms as the method defines them). Example::

    from IPython.display import Markdown
    from wpanalysis import compare
    from wpanalysis.statements import comparison as said
    plan = compare.plan_groups(documents, ["region", "admin_level"], min_docs=2)
    Markdown(said.describe_groups(plan, min_plans=2, language="zh"))
"""

from __future__ import annotations

import functools
import inspect
import math
import re
from collections.abc import Callable, Mapping, Sequence

import pandas as pd

from .. import labels as lab
from ..coding.agreement import SEED_GOLD_CODERS, GoldStatus
from ..compare import OTHER
from ..registry import FULL_TEXT, GROUP_ORDER, UNKNOWN
from . import bullet_list, count, listing, pick, share

__all__ = [
    "kappa_word",
    "grouping_name",
    "group_name",
    "wording",
    "tidy_zh",
    "displayed",
    "describe_plans",
    "describe_groups",
    "describe_confounds",
    "describe_gold",
    "describe_agreement",
    "describe_plan_profiles",
    "describe_group_differences",
    "describe_rates",
    "describe_prevalence",
    "describe_rows",
    "gold_call",
]

_NAMED = 5
"""How many plans or groups a sentence names before it says "and N others"."""

_WORDING: dict[str, tuple[str, str]] = {
    "no_agreement": ("Agreement not measured: there is no coded sample of this corpus (see above).",
                     "未测量一致性：本语料没有人工编码样本（见上文）。"),
    "no_agreement_short": ("Not measured: there is no coded sample of this corpus.",
                           "未测量：本语料没有人工编码样本。"),
    "no_rates": ("No group difference, so no rates to compare.", "没有组间差异，因此没有可比较的比率。"),
    "no_topics": ("Too few items or terms for {k} topics: no topic model, and no topic prevalence.",
                  "条目或词语太少，无法拟合 {k} 个主题：没有主题模型，也没有各组的主题占比。"),
    "no_topic_model": ("No topic model, so nothing to describe.", "没有主题模型，因此无可描述。"),
    "no_topic_repeat": ("No topic model, so nothing to repeat.", "没有主题模型，因此无可重复的比较。"),
    "no_group_difference": ("No group difference to follow.", "没有可追踪的组间差异。"),
    "no_topic_difference": ("No topic difference to follow.", "没有可追踪的主题差异。"),
    "no_term": ("No significant term to follow.", "没有可追踪的显著词。"),
    "nothing_to_compare": ("Nothing to compare.", "无可比较。"),
    "variant_text": ("codebook, title + body", "编码表，标题 + 正文"),
    "variant_title": ("codebook, titles only", "编码表，仅标题"),
    "variant_prompted": ("without the prompted terms", "去掉提示添加的词语"),
    "closing_groups": ("Groups", "分组"),
    "closing_frame": ("Sample frame", "抽样框"),
    "closing_validity": ("Codebook validity", "编码表的效度"),
    "closing_difference": ("Largest group difference (pooled items)", "最大的组间差异（合并条目）"),
    "closing_plan_level": ("The same at plan level", "要点层面的同一差异"),
    "closing_family": ("Plan-level family", "要点层面的检验族"),
    "closing_topics": ("Topics", "主题"),
    "closing_similarity": ("Similarity", "相似度"),
    "closing_robustness": ("Robustness", "稳健性"),
}


_HAN_EDGE = re.compile(r"(?<=[\u3400-\u9fff])(?=[A-Za-z0-9`])|(?<=[A-Za-z0-9`%])(?=[\u3400-\u9fff])")
_PUNCT_SPACE = re.compile(r" +(?=[，。；：、（）“”—])|(?<=[，。；：、（）“”—]) +")


def tidy_zh(text: str) -> str:
    """Chinese text spaced as the notebooks' Chinese prose is: a space between Chinese and Latin letters or
    digits (宁波 2024 占), none beside Chinese punctuation; fenced code is left alone.

    >>> tidy_zh("见于county_a_2024（0.174） 等 4 个；宁波 2024占 26%")
    '见于 county_a_2024（0.174）等 4 个；宁波 2024 占 26%'
    """
    parts = re.split(r"(```.*?```)", text, flags=re.S)
    return "".join(part if part.startswith("```") else _PUNCT_SPACE.sub("", _HAN_EDGE.sub(" ", part))
                   for part in parts)


def _zh_tidy(func: Callable[..., str]) -> Callable[..., str]:
    """Run :func:`tidy_zh` over what *func* returns when it is called with ``language="zh"``."""
    signature = inspect.signature(func)

    @functools.wraps(func)
    def wrapper(*args: object, **kwargs: object) -> str:
        text = func(*args, **kwargs)
        language = signature.bind(*args, **kwargs).arguments.get("language", "en")
        return tidy_zh(text) if language == "zh" else text

    return wrapper


def wording(key: str, language: str = "en", **fields: object) -> str:
    """A fixed phrase of notebook 04 in *language* (messages when a table is missing, the names the
    notebook gives its variants and closing headlines); ``{fields}`` filled.

    >>> wording("no_topics", k=3), wording("closing_topics", "zh")
    ('Too few items or terms for 3 topics: no topic model, and no topic prevalence.', '主题')
    """
    en, zh = _WORDING[key]
    return pick(language, en, zh).format(**fields)


def grouping_name(column: str, language: str = "en") -> str:
    """How a sentence names registry grouping *column*: ``admin level`` / ``行政层级``.

    >>> grouping_name("admin_level"), grouping_name("admin_level", "zh"), grouping_name("my_col", "zh")
    ('admin level', '行政层级', 'my_col')
    """
    if language == "en":
        return column.replace("_", " ")
    return lab.column_label(column, language, default=column)


def group_name(column: str, value: object, language: str = "en") -> str:
    """How a sentence names group *value* of grouping *column*: ```east``` in English (a code), ``“东部”``
    in Chinese (its label; years, places and a researcher's own values as they are).

    >>> group_name("region", "east"), group_name("region", "east", "zh"), group_name("year", "2024", "zh")
    ('`east`', '“东部”', '“2024”')
    """
    return f"`{value}`" if language == "en" else f"“{_group_text(column, value, language)}”"


def _group_text(column: str, value: object, language: str) -> str:
    found = lab.group_label(column, value, language, default=None)
    return found if found is not None else lab.label("_all", value, language, default=str(value))


def _value(kind: str, value: object, language: str) -> object:
    """*value* of vocabulary *kind* in *language*, or as it is when it has no label."""
    if not isinstance(value, str):
        return value
    return lab.label(kind, value, language, default=value)


_VALUE_COLUMNS = {"domain": "domain", "top_text": "domain", "top_title": "domain", "basis": "comparison_basis",
                  "unit": "unit_of_analysis", "status": "effect_status", "analysis": "group_size_analysis",
                  "rule": "group_size_rule"}


_SHOWN_AS = {"can_reach": "reaches_alpha", "r": "pearson_r"}
"""Columns a Chinese table heads with another label: 能否达到显著水平 (no ``<`` in an HTML header) and
Pearson 相关系数 r (not the bare code ``r``)."""


def displayed(table: pd.DataFrame, language: str = "en", grouping: str | None = None) -> pd.DataFrame:
    """A table of notebook 04 as a reader of *language* sees it: in ``"en"`` unchanged; in ``"zh"`` a
    copy whose ``grouping`` values are named (行政层级), whose group values (``group``, ``group_a``,
    ``group_b``, of each row's grouping or of *grouping*) and fixed vocabularies (domains, bases,
    units, statuses) show their labels, and whose headers are Chinese (:func:`wpanalysis.labels.localised`).
    A file the notebook writes keeps its codes: only the display is localised.

    >>> t = pd.DataFrame({"grouping": ["admin_level"], "group": ["city"], "domain": ["teachers"], "n_docs": [3]})
    >>> shown = displayed(t, "zh"); shown.columns.tolist(), shown.iloc[0, :3].tolist()
    (['分组方式', '组', '政策领域', '要点份数'], ['行政层级', '地级市', '教师队伍'])
    >>> displayed(t) is t
    True
    """
    if pick(language, "en", "zh") == "en":
        return table
    shown = table.copy()
    groupings = shown["grouping"] if "grouping" in shown else pd.Series(grouping, index=shown.index)
    if grouping is not None or "grouping" in shown:
        for column in ("group", "group_a", "group_b"):
            if column in shown:
                shown[column] = [_group_text(str(g), v, language) if isinstance(v, str) else v
                                 for g, v in zip(groupings, shown[column])]
    if "grouping" in shown:
        shown["grouping"] = shown["grouping"].map(lambda c: grouping_name(str(c), language))
    if "what" in shown and "analysis" in shown:
        shown["what"] = [_value("domain", w, language) if a == "domain" else w
                         for a, w in zip(shown["analysis"], shown["what"])]
        shown["analysis"] = shown["analysis"].map(
            lambda a: lab.column_label(a, language, default=a))
    for column, kind in _VALUE_COLUMNS.items():
        if column in shown and not (column == "analysis" and "what" in shown):
            shown[column] = shown[column].map(lambda v, k=kind: _value(k, v, language))
    return lab.localised(shown.rename(columns=_SHOWN_AS), language)


def _g(grouping: str, language: str = "en") -> str:
    return grouping_name(grouping, language)


def _gv(grouping: str, value: object, language: str = "en") -> str:
    """``region `east``` / ``地区“东部”``."""
    return f"{_g(grouping, language)}{' ' if language == 'en' else ''}{group_name(grouping, value, language)}"


def _num(value: float, digits: int = 3) -> str:
    return "—" if value is None or (isinstance(value, float) and math.isnan(value)) else f"{value:.{digits}f}"


def _plans(n: int, language: str = "en") -> str:
    return count(int(n), "plan") if language == "en" else f"{int(n):,} 份要点"


def _n(n: int, noun: str, unit: str, language: str = "en") -> str:
    """*n* with an English noun or a Chinese measure word + noun: ``4 items`` / ``4 个条目``."""
    return count(int(n), noun) if language == "en" else f"{int(n):,} {unit}"


def _label(labels: Mapping[str, str] | pd.Series | None, doc_id: object) -> str:
    return str(labels.get(doc_id, doc_id)) if labels is not None else str(doc_id)  # no copy: called per plan


def _b(text: str, note: str, language: str = "en") -> str:
    """*text* (*note*), in the language's brackets."""
    return f"{text} ({note})" if language == "en" else f"{text}（{note}）"


def kappa_word(kappa: float, language: str = "en") -> str:
    """Landis & Koch's (1977) word for a κ: poor (< 0), slight, fair, moderate, substantial, almost perfect.

    >>> kappa_word(0.939), kappa_word(0.5), kappa_word(float("nan")), kappa_word(0.5, "zh")
    ('almost perfect', 'moderate', 'undefined', '中等一致')
    """
    word = "poor"
    if kappa is None or math.isnan(kappa):
        word = "undefined"
    else:
        for low, name in ((0.81, "almost perfect"), (0.61, "substantial"), (0.41, "moderate"), (0.21, "fair"),
                          (0.0, "slight")):
            if kappa >= low:
                word = name
                break
    return word if language == "en" else lab.label("instruments_kappa_word", word, language)


# --------------------------------------------------------------------------- groups


@_zh_tidy
def describe_plans(documents: pd.DataFrame, items: pd.DataFrame, language: str = "en") -> str:
    """How many plans and items, and how many plans have body text.

    >>> docs = pd.DataFrame({"doc_id": list("abc"), "completeness": ["full", "partial", "outline-only"]})
    >>> describe_plans(docs, pd.DataFrame({"doc_id": list("aabc")}))
    '**3 plans** (4 items); 2 have body text (1 full, 1 partial); 1 is outline-only: its items are titles only.'
    >>> describe_plans(docs, pd.DataFrame({"doc_id": list("aabc")}), "zh")
    '**3 份要点**（4 个条目）；2 份有正文（全文 1 份、部分 1 份）；1 份仅有提纲：其条目只有标题。'
    """
    zh = language == "zh"
    n = len(documents)
    values = documents["completeness"].fillna(UNKNOWN)
    body = int(values.isin(FULL_TEXT).sum())
    if n == 0:
        return pick(language, "**No plans**: the corpus is empty, so there is nothing to compare.",
                    "**没有要点**：语料为空，无可比较。")
    head = _b(f"**{_plans(n, language)}**", _n(len(items), "item", "个条目", language), language)
    if zh:
        parts = [f"{lab.group_label('completeness', v, 'zh')} {int((values == v).sum())} 份" for v in FULL_TEXT
                 if (values == v).any()]
    else:
        parts = [f"{int((values == v).sum())} {v}" for v in FULL_TEXT if (values == v).any()]
    sep = "；" if zh else "; "
    if body == n:
        text = head + sep + (pick(language, "all have body text", "全部有正文") if n > 1
                             else pick(language, "it has body text", "该份有正文"))
    elif body == 0:
        text = head + sep + (pick(language, "none has body text", "都没有正文") if n > 1
                             else pick(language, "it has no body text", "该份没有正文"))
    else:
        text = head + sep + pick(language, f"{body} {'has' if body == 1 else 'have'} body text ({', '.join(parts)})",
                                 f"{body} 份有正文（{'、'.join(parts)}）")
    rest = n - body
    if rest:
        outline = int((values == "outline-only").sum())
        other = rest - outline
        if outline:
            text += sep + pick(language, f"{outline} {'is' if outline == 1 else 'are'} outline-only: "
                                         f"{'its' if outline == 1 else 'their'} items are titles only",
                               f"{outline} 份仅有提纲：其条目只有标题")
        if other:
            text += sep + pick(language, f"{other} {'has' if other == 1 else 'have'} no completeness recorded",
                               f"{other} 份未记录完整程度")
    return text + pick(language, ".", "。")


def _grouping_line(part: pd.DataFrame, labels: Mapping[str, str] | pd.Series | None, min_plans: int,
                   language: str = "en") -> str:
    zh = language == "zh"
    grouping = part["grouping"].iloc[0]
    kept = part[part["status"] == "kept"]
    pooled = part[part["status"] == "pooled"]
    left = part[part["status"] == "left out"]
    unknown = part[part["status"] == "unknown"]

    def v(value: object) -> str:
        return group_name(grouping, value, language)

    if zh:
        sizes = [f"{v(g)}（仅 1 份：{_label(labels, ids[0])}）" if n == 1 else f"{v(g)}（{_plans(n, language)}）"
                 for g, n, ids in zip(kept["group"], kept["n_docs"], kept["doc_ids"])]
    else:
        sizes = [f"`{g}` (a single plan: {_label(labels, ids[0])})" if n == 1 else f"`{g}` ({_plans(n)})"
                 for g, n, ids in zip(kept["group"], kept["n_docs"], kept["doc_ids"])]
    line = pick(language, f"**{_g(grouping)}**: ", f"**{_g(grouping, 'zh')}**：") + (
        listing(sizes, _NAMED, language=language) if sizes else pick(language, "no group kept", "未保留任何组"))
    if len(pooled):
        small = listing([_b(v(g), str(n), language) for g, n in zip(pooled["group"], pooled["n_docs"])], _NAMED,
                        language=language)
        line += pick(language, f"; pooled as `{OTHER}` ({_plans(pooled['n_docs'].sum())}), groups of fewer than "
                               f"{_plans(min_plans)}: " + small,
                     f"；不足 {_plans(min_plans, 'zh')}的组合并为{v(OTHER)}（{_plans(pooled['n_docs'].sum(), 'zh')}）："
                     + small)
    if len(left):
        if zh:
            named = [f"{v(g)}（{_plans(n, 'zh')}{'：' + _label(labels, ids[0]) if n == 1 else ''}）"
                     for g, n, ids in zip(left["group"], left["n_docs"], left["doc_ids"])]
        else:
            named = [f"`{g}` ({_plans(n)}{': ' + _label(labels, ids[0]) if n == 1 else ''})"
                     for g, n, ids in zip(left["group"], left["n_docs"], left["doc_ids"])]
        line += pick(language, f"; left out, too few plans: {listing(named, _NAMED)}",
                     f"；因要点太少而排除：{listing(named, _NAMED, language='zh')}")
    if len(unknown):
        line += pick(language,
                     f"; not recorded for {_plans(unknown['n_docs'].sum())} (`{UNKNOWN}`: shown, never compared)",
                     f"；{_plans(unknown['n_docs'].sum(), 'zh')}未记录（{v(UNKNOWN)}：列出，但从不参与比较）")
    usable = len(kept) + (1 if len(pooled) else 0)
    if usable < 2:
        line += pick(language, " — nothing to compare within this grouping", "——该分组内无可比较的组")
    return line + pick(language, ".", "。")


@_zh_tidy
def describe_groups(plan: pd.DataFrame, min_plans: int, labels: Mapping[str, str] | pd.Series | None = None,
                    small: str = "pool", language: str = "en") -> str:
    """Per grouping: the groups kept (with their sizes), pooled as ``other``, left out, and not recorded;
    the registry's known values no plan has. *plan* is :func:`wpanalysis.compare.plan_groups`.

    >>> plan = pd.DataFrame({"grouping": "region", "group": ["east", "central"], "n_docs": [5, 1],
    ...                      "doc_ids": [list("abcde"), ["f"]], "status": ["kept", "left out"]})
    >>> print(describe_groups(plan, 2, {"f": "吉首 2023"}))  # doctest: +NORMALIZE_WHITESPACE
    A group needs at least 2 plans; smaller groups are pooled as `other` when together they reach 2 plans, and
    are left out otherwise.
    - **region**: `east` (5 plans); left out, too few plans: `central` (1 plan: 吉首 2023) — nothing to compare
      within this grouping. No plan is `west` or `northeast`.
    >>> describe_groups(plan, 2, {"f": "吉首 2023"}, language="zh").splitlines()[0]
    '一个组至少需要 2 份要点；较小的组若合计达到 2 份要点，则合并为“其他”，否则排除。'
    """
    other = group_name("_all", OTHER, language)
    rule = pick(language,
                f"A group needs at least {_plans(min_plans)}; smaller groups are "
                + (f"pooled as `{OTHER}` when together they reach {_plans(min_plans)}, and are left out otherwise."
                   if small == "pool" else "left out."),
                f"一个组至少需要 {_plans(min_plans, 'zh')}；较小的组"
                + (f"若合计达到 {_plans(min_plans, 'zh')}，则合并为{other}，否则排除。" if small == "pool"
                   else "被排除。"))
    lines = []
    for grouping, part in plan.groupby("grouping", sort=False):
        line = _grouping_line(part, labels, min_plans, language)
        absent = [v for v in GROUP_ORDER.get(grouping, ()) if v not in set(part["group"])]
        if absent:
            names = listing([group_name(grouping, v, language) for v in absent], conjunction="or", language=language)
            line += pick(language, f" No plan is {names}.", f"没有要点属于{names}。")
        lines.append(line)
    return rule + "\n" + bullet_list(lines)


@_zh_tidy
def describe_confounds(confounds: pd.DataFrame, language: str = "en") -> str:
    """Which groups of different groupings hold the same plans, or sit inside another
    (:func:`wpanalysis.compare.confounded_groups`).

    >>> c = pd.DataFrame({"grouping_a": ["region"], "group_a": ["unknown"], "n_a": [3], "relation": ["same plans"],
    ...                   "grouping_b": ["completeness"], "group_b": ["outline-only"], "n_b": [3]})
    >>> describe_confounds(c)
    'The groupings are tangled, so their differences cannot be told apart:\\n- region `unknown` and \
completeness `outline-only` hold the same 3 plans.'
    >>> describe_confounds(c, "zh")
    '分组之间相互纠缠，其差异无法区分：\\n- 地区“未记录”与完整程度“仅提纲”包含相同的 3 份要点。'
    """
    if confounds.empty:
        return pick(language, "No two groups of different groupings hold the same plans, and no group sits wholly "
                              "inside a small group of another grouping.",
                    "不同分组之间没有两个组包含相同的要点，也没有哪个组完全落在另一分组的某个小组之内。")
    lines = []
    for r in confounds.itertuples(index=False):
        a, b = _gv(r.grouping_a, r.group_a, language), _gv(r.grouping_b, r.group_b, language)
        if r.relation == "same plans":
            lines.append(pick(language, f"{a} and {b} hold the same {_plans(r.n_a)}.",
                              f"{a}与{b}包含相同的 {_plans(r.n_a, 'zh')}。"))
        else:
            lines.append(pick(language, f"all {_plans(r.n_a)} of {a} are {b} ({r.n_b} in all).",
                              f"{a}的全部 {_plans(r.n_a, 'zh')}都属于{b}（后者共 {r.n_b} 份）。"))
    return pick(language, "The groupings are tangled, so their differences cannot be told apart:\n",
                "分组之间相互纠缠，其差异无法区分：\n") + bullet_list(lines)


# --------------------------------------------------------------------------- the codebook and its validation


def _provenance(status: GoldStatus, language: str = "en") -> str:
    if status.seed_sample:
        return pick(language,
                    f"It is the seed corpus's documented sample: {SEED_GOLD_CODERS}, coded every item "
                    "(`data/annotations/README.md`), so the agreement below is a check by the codebook's author, "
                    "not inter-coder reliability.",
                    "这是种子语料记录在案的样本：由一位编码者（即编写编码表的 AI 编码代理）为每个条目编码"
                    "（`data/annotations/README.md`），因此下面的一致性是编码表作者本人的检验，而不是编码员间信度。")
    if len(status.coders) == 1:
        return pick(language,
                    f"One coder ({status.coders[0]}) coded it: the agreement below is one reader's check of the "
                    "codebook, not inter-coder reliability.",
                    f"由一位编码者（{status.coders[0]}）编码：下面的一致性是一位读者对编码表的检验，而不是编码员间信度。")
    if status.coders:
        return pick(language,
                    f"{len(status.coders)} coders ({listing(status.coders)}) coded it; the notebook compares the "
                    "codebook with the coding in the file and does not measure agreement between the coders.",
                    f"由 {len(status.coders)} 位编码者（{listing(status.coders, language='zh')}）编码；本笔记本比较"
                    "编码表与文件中的编码，不测量编码者之间的一致性。")
    return pick(language,
                "The file does not name its coders (its `coder` column is missing or empty): read the agreement "
                "below as one reader's check, not inter-coder reliability.",
                "该文件未注明编码者（其 `coder` 列缺失或为空）：请把下面的一致性读作一位读者的检验，"
                "而不是编码员间信度。")


@_zh_tidy
def describe_gold(status: GoldStatus, call: str, language: str = "en") -> str:
    """What the hand-coded sample holds (or that there is none, with *call*, the Python that draws one).

    >>> describe_gold(GoldStatus("data/annotations/domains_gold.csv", False), "coding.write_gold_template(...)")
    'No hand-coded sample for this corpus (`data/annotations/domains_gold.csv` does not exist), so the \
codebook cannot be checked against hand coding here. To make one, draw a sample into a file, code its \
`domains` column by hand and run this notebook again:\\n\\n```python\\ncoding.write_gold_template(...)\\n```'
    """
    how = f"\n\n```python\n{call}\n```"
    if not status.exists:
        return pick(language,
                    f"No hand-coded sample for this corpus (`{status.path}` does not exist), so the codebook cannot "
                    "be checked against hand coding here. To make one, draw a sample into a file, code its `domains` "
                    "column by hand and run this notebook again:",
                    f"本语料没有人工编码样本（`{status.path}` 不存在），因此这里无法用人工编码检验编码表。"
                    "如需建立样本，"
                    "请把抽样写入文件，手工填写其 `domains` 列，然后重新运行本笔记本：") + how
    if status.n_coded == 0:
        return pick(language,
                    f"`{status.path}` holds {count(status.n_rows, 'row')}, none coded yet: fill in its `domains` "
                    "column (codebook ids joined by `|`, the primary first) and run this notebook again.",
                    f"`{status.path}` 有 {status.n_rows:,} 行，尚未编码：请填写其 `domains` 列（编码表中的领域编号，"
                    "用 `|` 连接，首要领域在前），然后重新运行本笔记本。")
    if status.n_matched == 0:
        return pick(language,
                    f"None of the {count(status.n_coded, 'coded item')} in `{status.path}` is an item of this "
                    "corpus (same plan, position and title), so the codebook cannot be checked here. Draw a sample "
                    "of this corpus to code:",
                    f"`{status.path}` 中的 {status.n_coded:,} 个已编码条目都不是本语料的条目（同一要点、位置和标题），"
                    "因此这里无法检验编码表。请从本语料抽样编码：") + how
    text = pick(language,
                f"**{count(status.n_matched, 'hand-coded item')}** from {_plans(status.n_docs)} (at most "
                f"{status.per_doc} per plan; {status.n_title_only} of them titles of outline-only plans).",
                f"**{status.n_matched:,} 个人工编码条目**，来自 {_plans(status.n_docs, 'zh')}"
                f"（每份至多 {status.per_doc} "
                f"个；其中 {status.n_title_only} 个是仅有提纲的要点的标题）。")
    if status.n_matched < status.n_coded:
        text += pick(language,
                     f" {count(status.n_coded - status.n_matched, 'coded row')} name no item of this corpus: left out.",
                     f"{status.n_coded - status.n_matched:,} 个已编码行不对应本语料的任何条目：已排除。")
    if status.n_coded < status.n_rows:
        text += pick(language, f" {count(status.n_rows - status.n_coded, 'row')} are not coded yet.",
                     f"{status.n_rows - status.n_coded:,} 行尚未编码。")
    text += (pick(language, " The file is exactly the seeded draw of the call below.",
                  "该文件正是下方调用按种子抽取的样本。") if status.is_draw else
             pick(language, " The file is not the seeded draw of the call below (drawn otherwise, or the corpus "
                            "changed).", "该文件不是下方调用按种子抽取的样本（另行抽取，或语料已改变）。"))
    return text + pick(language, " ", "") + _provenance(status, language) + how


_HALVES = {"dev": "开发", "heldout": "留出"}


def _subset(name: str, language: str) -> str:
    return f"{name} half" if language == "en" else f"{_HALVES.get(name, name)}半样本"


@_zh_tidy
def describe_agreement(summary: pd.DataFrame, kappas: pd.DataFrame, variants: pd.DataFrame | None = None,
                       min_gold: int = 3, names: Mapping[str, str] | None = None, language: str = "en") -> str:
    """The codebook against the hand coding: primary-domain κ (with Landis & Koch's word), per-domain κ,
    over- and under-assigned domains, rare domains, and the variants (e.g. titles only).

    *summary* is :func:`wpanalysis.coding.agreement_summary` (``all`` first), *kappas*
    :func:`~wpanalysis.coding.domain_kappas`, *variants* :func:`~wpanalysis.coding.agreement_variants`
    (its first row is the main coding and is not repeated). Domains with fewer than *min_gold*
    gold items are "rare". Domains are named by *names* (id → name), else by the ``zh`` column.
    """
    zh = language == "zh"
    if names is not None:
        kappas = kappas.assign(zh=kappas["domain"].map(lambda d: names.get(d, d)))
    rows = summary.set_index("subset")
    main = rows.loc["all"]
    n, hits = int(main["n_items"]), int(round(main["primary_agreement"] * main["n_items"]))
    k = main["primary_kappa"]
    halves = [f"{_subset(s, language)} {_num(rows.loc[s, 'primary_kappa'])}" for s in rows.index if s != "all"]
    if zh:
        text = (f"在 {n:,} 个条目上，编码表选出的首要领域与人工编码一致的有 {hits} 个（首要领域 κ = {_num(k)}，"
                f"按 κ 的常用强度分级为{kappa_word(k, 'zh')}" + (f"；{'，'.join(halves)}）" if halves else "）")
                + f"；各领域 κ 的平均值为 {_num(main['mean_domain_kappa'])}（共 {int(main['n_domains'])} 个领域），"
                f"{share(main['exact_match'], 1)} 的条目得到与人工编码完全相同的领域集合。")
    else:
        text = (f"On the {count(n, 'item')} the codebook picks the hand-coded primary domain for {hits} "
                f"(primary κ = {_num(k)}, {kappa_word(k)} on Landis and Koch's scale")
        text += (f"; {', '.join(halves)})" if halves else ")")
        text += (f"; the mean per-domain κ is {_num(main['mean_domain_kappa'])} over "
                 f"{count(int(main['n_domains']), 'domain')}, and {share(main['exact_match'], 1)} of the items get "
                 "exactly the hand-coded set of domains.")
    diff = kappas["n_codebook"] - kappas["n_gold"]
    more = kappas[(diff >= 2) & (kappas["n_gold"] >= min_gold)]
    fewer = kappas[(diff <= -2) & (kappas["n_gold"] >= min_gold)]
    sides = [(word, listing([_b(z, pick(language, f"{c} against {g}", f"{c} 对 {g}"), language) for z, c, g in
                             zip(t["zh"], t["n_codebook"], t["n_gold"])], _NAMED, language=language))
             for word, t in ((pick(language, "more", "更多"), more), (pick(language, "fewer", "更少"), fewer))
             if len(t)]
    if sides:
        text += pick(language,
                     " The codebook assigns "
                     + "; and ".join(f"{w} items than the hand coding to {d}" for w, d in sides)
                     + ".",
                     "与人工编码相比，" + "；".join(f"编码表分给{d}的条目{w}" for w, d in sides) + "。")
    rare = kappas[(kappas["n_gold"] < min_gold) & ((kappas["n_gold"] > 0) | (kappas["n_codebook"] > 0))]
    if len(rare):
        named = listing([_b(z, pick(language, f"{g} gold, {c} codebook, κ = {_num(kk)}",
                                    f"人工 {g} 个，编码表 {c} 个，κ = {_num(kk)}"), language)
                         for z, g, c, kk in zip(rare["zh"], rare["n_gold"], rare["n_codebook"], rare["kappa"])],
                        _NAMED, language=language)
        text += pick(language, f" Rare in the sample (fewer than {min_gold} gold items), so their κ swings on one "
                               f"item: {named}.",
                     f"样本中较少见的领域（人工编码少于 {min_gold} 个），其 κ 会因一个条目而大幅波动：{named}。")
    if variants is not None and len(variants) > 1:
        shown = [pick(language, f"{name}, κ = {_num(v)}", f"{name}，κ = {_num(v)}")
                 for name, v in variants["primary_kappa"].iloc[1:].items()]
        text += pick(language, " Other readings: " + "; ".join(shown) + ".", "其他读法：" + "；".join(shown) + "。")
    return text


@_zh_tidy
def describe_plan_profiles(top: pd.DataFrame, assigned: pd.DataFrame, items: pd.DataFrame,
                           labels: Mapping[str, str] | pd.Series | None = None, names: Mapping[str, str] | None = None,
                           language: str = "en") -> str:
    """Which domains lead the plans' profiles, which plan spreads its items most evenly, and how many
    items fit no domain.

    *top* is :func:`wpanalysis.coding.top_domains` of the per-plan profile (``group`` = plan,
    ``rank``, ``zh``, ``share``); *assigned* :func:`~wpanalysis.coding.assign_domains` of *items*.
    Domains are named by *names* (id → name), else by the ``zh`` column.
    """
    zh = language == "zh"
    if names is not None:
        top = top.assign(zh=top["domain"].map(lambda d: names.get(d, d)))
    n = top["group"].nunique()
    if n == 0:
        return pick(language, "No plan has items to code.", "没有带可编码条目的要点。")
    often = top.groupby("zh", sort=False)["group"].nunique().sort_values(ascending=False, kind="stable")
    shown = often[often >= 2].head(3) if n > 1 else often.head(3)
    if n > 1:
        text = pick(language, f"Among {_plans(n)}, the domains most often among a plan's three largest: ",
                    f"在 {_plans(n, 'zh')}中，最常位列一份要点前三大领域的是：")
        named = [pick(language, f"{z} ({c} of {n})", f"{z}（{n} 份中的 {c} 份）") for z, c in shown.items()]
    else:
        text = pick(language, "The plan's three largest domains: ", "该份要点的三大领域：")
        named = [str(z) for z in shown.index]
    text += listing(named, _NAMED, language=language) + pick(language, ".", "。")
    first = top[top["rank"] == 1]
    if n > 1:
        leads = []
        for name, part in sorted(first.groupby("zh"), key=lambda kv: (-len(kv[1]), -kv[1]["share"].max())):
            part = part.sort_values("share", ascending=False, kind="stable")
            plans = listing([_b(_label(labels, g), _num(v), language) for g, v in zip(part["group"], part["share"])],
                            3, language=language, unit="份")
            leads.append(pick(language, f"{name} in {plans}", f"{name}见于{plans}"))
        rest = len(leads) - _NAMED
        if zh:
            text += ("各份要点的最大领域：" + "；".join(leads[:_NAMED])
                     + (f"；另有 {rest} 个领域。" if rest > 0 else "。"))
        else:
            text += " The largest domain of each plan: " + "; ".join(leads[:_NAMED])
            text += f"; and {count(rest, 'other domain')}." if rest > 0 else "."
        even = first.sort_values("share", kind="stable").iloc[0]
        text += pick(language, f" Most even: {_label(labels, even['group'])}, whose largest domain holds only "
                               f"{_num(even['share'])} of its items.",
                     f"分布最均匀的是{_label(labels, even['group'])}，其最大领域只占其条目的 {_num(even['share'])}。")
    none = assigned[assigned["domain"] == "none"]
    if len(none):
        body = items.astype({"doc_id": object}).set_index(["doc_id", "item_seq"])["has_body"]
        titles = sum(not bool(body.get((d, s), True)) for d, s in zip(none["doc_id"], none["item_seq"]))
        if zh:
            text += (f"{len(none):,} 个条目（{share(len(none), len(items))}）不属于任何领域（`none`）"
                     + (f"，其中 {titles} 个是仅有提纲的要点的标题。" if titles else "。"))
        else:
            what = "a title of an outline-only plan" if titles == 1 else "titles of outline-only plans"
            text += (f" {count(len(none), 'item')} ({share(len(none), len(items))}) fit no domain (`none`)"
                     + (f", {titles} of them {what}." if titles else "."))
    else:
        text += pick(language, " Every item fits at least one domain.", "每个条目都至少属于一个领域。")
    return text


def _sizes(row: pd.Series, side: str, language: str = "en") -> str:
    return pick(language, f"{_plans(row[f'n_docs_{side}'])}, {count(int(row[f'n_items_{side}']), 'item')}",
                f"{_plans(row[f'n_docs_{side}'], 'zh')}、{int(row[f'n_items_{side}']):,} 个条目")


@_zh_tidy
def describe_group_differences(diffs: pd.DataFrame, names: Mapping[str, str], sizes: pd.DataFrame | None = None,
                               language: str = "en") -> str:
    """The largest difference in domain shares between two groups, how many of the largest concern the
    same domain, and which groups are a single plan or titles only.

    *diffs* is :func:`wpanalysis.compare.largest_differences` of a domain profile; *names*
    maps domain ids to names (in *language*); *sizes* is :func:`~wpanalysis.compare.group_sizes`
    (for the groups without body text).
    """
    if diffs.empty:
        return pick(language, "No grouping has two groups to compare, so there are no group differences to show.",
                    "没有分组包含两个可比较的组，因此没有组间差异可显示。")
    top = diffs.iloc[0]
    domain = names.get(top["domain"], top["domain"])
    grouping = top["grouping"]
    text = pick(language,
                f"The largest difference: {domain} takes {_num(top['value_a'])} of the items of "
                f"{_gv(grouping, top['group_a'])} ({_sizes(top, 'a')}) against {_num(top['value_b'])} in "
                f"`{top['group_b']}` ({_sizes(top, 'b')}).",
                f"差异最大的是：{domain}在{_gv(grouping, top['group_a'], 'zh')}（{_sizes(top, 'a', 'zh')}）的条目中占 "
                f"{_num(top['value_a'])}，而在{group_name(grouping, top['group_b'], 'zh')}（{_sizes(top, 'b', 'zh')}）"
                f"中占 {_num(top['value_b'])}。")
    common = diffs["domain"].value_counts()
    if len(diffs) > 1 and common.iloc[0] >= 2:
        shared = names.get(common.index[0], common.index[0])
        if language == "zh":
            many = "全部" if common.iloc[0] == len(diffs) else f"中有 {common.iloc[0]} 个"
            text += (f"最大的 {len(diffs)} 个差异{many}涉及{shared}：当不同分组包含相同要点时，"
                     "同一对比会以多个名义出现。")
        else:
            many = f"All {len(diffs)}" if common.iloc[0] == len(diffs) else f"{common.iloc[0]} of the {len(diffs)}"
            text += (f" {many} largest differences concern {shared}: where groupings share plans, one contrast "
                     "shows up under several names.")
    single = sorted({(g, grp) for g, grp, n in [*zip(diffs["grouping"], diffs["group_a"], diffs["n_docs_a"]),
                                                 *zip(diffs["grouping"], diffs["group_b"], diffs["n_docs_b"])]
                     if n == 1})
    if single:
        named = listing([_gv(g, v, language) for g, v in single], _NAMED, language=language)
        text += pick(language, f" A single plan: {named} — a difference with it is a difference of that one plan.",
                     f"只有一份要点的组：{named}——与它的差异就是那一份要点的差异。")
    if sizes is not None:
        shown = {(g, v) for g, a, b in zip(diffs["grouping"], diffs["group_a"], diffs["group_b"]) for v in (a, b)}
        titles = [_gv(g, v, language) for g, v, nb in zip(sizes["grouping"], sizes["group"], sizes["n_items_with_body"])
                  if (g, v) in shown and nb == 0]
        if titles:
            text += pick(language, f" Read from titles only (no body text): {listing(titles, _NAMED)}.",
                         f"只从标题读出（没有正文）：{listing(titles, _NAMED, language='zh')}。")
    return text


_RATE_WORDS = {"holds": "依然成立", "vanishes": "消失", "reverses": "反转"}


@_zh_tidy
def describe_rates(rates: pd.DataFrame, top: pd.Series, names: Mapping[str, str],
                   title_only: Sequence[str] = (), language: str = "en") -> str:
    """Whether the largest difference (*top*, a row of :func:`~wpanalysis.compare.largest_differences`)
    holds per 10,000 words (*rates*: :func:`wpanalysis.coding.domain_rates` of its grouping); groups in
    *title_only* are flagged.

    >>> r = pd.DataFrame({"group": ["a", "b"], "domain": ["x", "x"], "per_10k": [253.1, 125.6]})
    >>> describe_rates(r, pd.Series({"group_a": "a", "group_b": "b", "domain": "x", "diff": 0.13}), {"x": "体育"})
    'Per 10,000 words the contrast holds: 253 matches of 体育 per 10,000 words in `a` against 126 in `b`.'
    >>> describe_rates(r, pd.Series({"group_a": "a", "group_b": "b", "domain": "x", "diff": 0.13}), {"x": "体育"},
    ...                language="zh")
    '按每万词计算，这一对比依然成立：体育在“a”中每万词匹配 253 次，在“b”中为 126 次。'
    """
    table = rates.set_index(["group", "domain"])["per_10k"]
    a, b = (table.get((top[f"group_{s}"], top["domain"])) for s in "ab")
    if a is None or b is None:
        return pick(language, "Per 10,000 words the largest difference cannot be measured (a group has no words).",
                    "按每万词计算，最大的差异无法测量（有组没有词）。")
    word = "holds" if (a - b) * top["diff"] > 0 else ("vanishes" if a == b else "reverses")
    grouping = str(top.get("grouping", ""))
    domain = names.get(top["domain"], top["domain"])
    va, vb = (group_name(grouping, top[f"group_{s}"], language) for s in "ab")
    text = pick(language,
                f"Per 10,000 words the contrast {word}: {a:,.0f} matches of {domain} per 10,000 words in {va} against "
                f"{b:,.0f} in {vb}.",
                f"按每万词计算，这一对比{_RATE_WORDS[word]}："
                f"{domain}在{va}中每万词匹配 {a:,.0f} 次，在{vb}中为 {b:,.0f} 次。")
    if title_only:
        named = listing([group_name(grouping, g, language) for g in title_only], language=language)
        text += pick(language, f" {named} {'is' if len(title_only) == 1 else 'are'} read from titles only, where "
                               "policy words are dense: not comparable with the other rates.",
                     f"{named}只从标题读出，而标题中政策词语密集：不能与其他组的比率相比。")
    return text


def _interval(row: pd.Series) -> str:
    return "" if pd.isna(row["ci_low"]) else f" [{_num(row['ci_low'])}, {_num(row['ci_high'])}]"


def _overlap(a: pd.Series, b: pd.Series) -> bool:
    return bool(a["ci_low"] <= b["ci_high"] and b["ci_low"] <= a["ci_high"])


@_zh_tidy
def describe_prevalence(prevalence: pd.DataFrame, by_document: pd.DataFrame | None = None, few: int = 6,
                        language: str = "en") -> str:
    """Topic prevalence by group: the range of group means, the largest gap with its item intervals and
    whether they overlap, single-plan groups, and how resampling whole plans changes the intervals.

    *prevalence* is :func:`wpanalysis.compare.topic_prevalence_by_group` over items,
    *by_document* the same over documents (``unit="document"``); groups of fewer than *few*
    plans are flagged as having too few distinct resamples.
    """
    from ..compare import largest_differences

    zh = language == "zh"
    if prevalence.empty:
        return pick(language, "No group has items with topic shares: there is no prevalence to compare.",
                    "没有组含有带主题占比的条目：没有可比较的主题占比。")
    text = ""
    gap = largest_differences(prevalence.rename(columns={"mean": "value"}), value="value", key="topic", n=1,
                              exclude=(UNKNOWN,))
    if len(gap):
        g = gap.iloc[0]
        rows = prevalence.set_index(["grouping", "group", "topic"])
        a, b = rows.loc[(g["grouping"], g["group_a"], g["topic"])], rows.loc[(g["grouping"], g["group_b"], g["topic"])]
        plan = "unit" in prevalence.columns and (prevalence["unit"] == "plan").any()
        va, vb = (group_name(g["grouping"], g[f"group_{s}"], language) for s in "ab")
        if zh:
            what = "按要点重抽的区间" if plan else "按条目重抽的区间"
            text += (f"差距最大的是：主题 {g['topic']}（{a['label']}）在{_g(g['grouping'], 'zh')}中，{va}为 "
                     f"{_num(a['mean'])}{_interval(a)}（{_sizes(g, 'a', 'zh')}），{vb}为 {_num(b['mean'])}"
                     f"{_interval(b)}（{_sizes(g, 'b', 'zh')}）；")
            if pd.isna(a["ci_low"]) or pd.isna(b["ci_low"]):
                text += "有组太小，无法给出按要点重抽的区间：仅作描述。"
            else:
                text += f"两组的{what}{'' if _overlap(a, b) else '不'}重叠。"
        else:
            what = "plan intervals" if plan else "item intervals"
            text += (f"The largest gap: topic {g['topic']} ({a['label']}) in {_g(g['grouping'])}, {va} "
                     f"{_num(a['mean'])}{_interval(a)} ({_sizes(g, 'a')}) against "
                     f"{vb} {_num(b['mean'])}{_interval(b)} ({_sizes(g, 'b')}); ")
            if pd.isna(a["ci_low"]) or pd.isna(b["ci_low"]):
                text += "a group is too small for a plan-resampling interval: descriptive only."
            else:
                text += f"the {what} overlap." if _overlap(a, b) else f"the {what} do not overlap."
    else:
        text += pick(language, "No grouping has two groups to set side by side.", "没有分组有两个组可以并列比较。")
    low, high = _num(prevalence["mean"].min()), _num(prevalence["mean"].max())
    text += pick(language, f" Group means of the topics lie between {low} and {high}.",
                 f"各主题的组均值介于 {low} 与 {high} 之间。")
    single = prevalence[prevalence["n_docs"] == 1].drop_duplicates(["grouping", "group"])
    if len(single):
        named = listing([_gv(g, v, language) for g, v in zip(single["grouping"], single["group"])], _NAMED,
                        language=language)
        text += pick(language, f" A single plan: {named} — its mean describes that plan, not a kind of bureau.",
                     f"只有一份要点的组：{named}——其均值描述的是那一份要点，而不是一类教育局。")
    if by_document is not None and len(by_document):
        keys = ["grouping", "group", "topic"]
        both = prevalence.merge(by_document[[*keys, "ci_low", "ci_high"]], on=keys, suffixes=("", "_doc"))
        w_item, w_doc = both["ci_high"] - both["ci_low"], both["ci_high_doc"] - both["ci_low_doc"]
        wider, narrower = int((w_doc > w_item).sum()), int((w_doc < w_item).sum())
        text += pick(language, f" Resampling whole plans instead of items widens the interval in {wider} of "
                               f"{len(both)} group × topic cells and narrows it in {narrower}.",
                     f"以整份要点代替条目进行重抽，在 {len(both)} 个“组 × 主题”单元中，有 {wider} 个区间变宽，"
                     f"{narrower} 个变窄。")
        small = both[both["n_docs"] < few].drop_duplicates(["grouping", "group"])
        if len(small):
            text += pick(language, f" {count(len(small), 'group')} {'has' if len(small) == 1 else 'have'} fewer than "
                                   f"{_plans(few)}: too few distinct resamples to say how much such plans vary.",
                         f"{len(small)} 个组不足 {_plans(few, 'zh')}：不同的重抽样本太少，"
                         "无法说明这类要点的差异有多大。")
    return text


# --------------------------------------------------------------------------- notes and code

_ROWS = {"plan": ("份", "要点"), "pair": ("对", "要点"), "full-text plan": ("份", "全文要点")}
_ORDERS = {"registry order": "按登记表顺序", "the five most and five least alike": "最相似的五对和最不相似的五对"}


def gold_call(corpus_root: object, n_per_doc: int, seed: int, name: str = "domains_gold.csv",
              language: str = "en") -> str:
    """The Python that draws a sample of the corpus at *corpus_root* into a file to code by hand
    (:func:`wpanalysis.coding.write_gold_template`); code, the same in every *language*.

    >>> print(gold_call(None, 8, 0))
    from wpanalysis import build, coding, config
    paths = config.paths()
    coding.write_gold_template(build.load_corpus(paths.processed).items, paths.annotations / "domains_gold.csv",
                               n_per_doc=8, seed=0)
    """
    pick(language, "", "")  # refuses an unknown language
    root = "" if corpus_root is None else repr(str(corpus_root))
    return ("from wpanalysis import build, coding, config\n"
            f"paths = config.paths({root})\n"
            f'coding.write_gold_template(build.load_corpus(paths.processed).items, paths.annotations / "{name}",\n'
            f"                           n_per_doc={n_per_doc}, seed={seed})")


@_zh_tidy
def describe_rows(shown: int, total: int, what: str = "plan", order: str = "registry order",
                  language: str = "en") -> str:
    """A note under a table cut to its first rows ("" when every row is shown).

    >>> describe_rows(30, 180), describe_rows(9, 9), describe_rows(30, 180, language="zh")
    ('The first 30 of 180 plans (registry order).', '', '仅列出 180 份要点中的前 30 份（按登记表顺序）。')
    """
    if shown >= total:
        return ""
    if language == "zh":
        unit, noun = _ROWS.get(what, ("个", what))
        return f"仅列出 {total:,} {unit}{noun}中的前 {shown:,} {unit}（{_ORDERS.get(order, order)}）。"
    return pick(language, f"The first {shown} of {count(total, what)} ({order}).", "")
