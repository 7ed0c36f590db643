"""Generated statements of notebook 07 (continuity and diffusion): what two aligned plans share, what a
bureau's series continued, changed, dropped and raised, where attention moved, when policy terms first
appear — and what a corpus of this size can and cannot show.

Each function takes the tables of :mod:`wpanalysis.align` / :mod:`wpanalysis.diffusion` and returns
Markdown in *language* (``"en"`` or ``"zh"``).

>>> al = pd.DataFrame({"doc_a": "a", "doc_b": "b", "item_seq_a": [1, 2, None], "item_seq_b": [1, None, 2],
...                    "item_number_a": [1, 2, None], "item_number_b": [1, None, 2],
...                    "title_a": ["落实双减", "抓好安全", None], "title_b": ["落实双减", None, "发展职教"],
...                    "label": ["continued", "dropped", "new"], "score": [0.9, None, None]})
>>> print(alignment_statement(al))  # doctest: +NORMALIZE_WHITESPACE
**a** (2 items) and **b** (2 items) share **1 item** (1 continued, 0 changed) at the threshold 0.2;
1 item of a has no counterpart in b and 1 item of b none in a.
>>> print(alignment_statement(al, language="zh"))  # doctest: +NORMALIZE_WHITESPACE
在阈值 0.2 下，**a**（2 条）与 **b**（2 条）共有 **1 条**条目（延续 1 条，调整 0 条）；a 有 1 条条目在 b
中没有对应条目，b 有 1 条条目在 a 中没有对应条目。
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from .. import labels as lab
from ..align import THRESHOLD, alignment_summary, bureau_series
from . import bullet_list, count, listing, pick, share

__all__ = ["alignment_statement", "alignment_examples", "no_pair_statement", "validation_statement",
           "continuity_statement", "attention_statement", "diffusion_limits_statement", "first_use_statement",
           "shown"]

Labels = Mapping[str, str] | pd.Series | None

#: The Chinese of the *who* roles :func:`validation_statement` knows (any other *who* is shown as given).
WHO_ZH = {"the alignment's author": "对齐方法的作者本人", "the codebook's author": "编码表的作者本人",
          "an independent coder": "一位独立编码员"}


def _name(labels: Labels, doc_id: object) -> str:
    return str(labels.get(doc_id, doc_id)) if labels is not None else str(doc_id)


def _item(number: object, title: object) -> str:
    num = f"{int(number)}" if pd.notna(number) else "?"
    return f"{num} {title}" if isinstance(title, str) else num


def _zh_items(n: int) -> str:
    return f"{n:,} 条"


def _kind(label: str, language: str) -> str:
    """continued / changed … in *language* (the ``alignment`` vocabulary)."""
    return lab.label("alignment", label, language)


def alignment_statement(table: pd.DataFrame, labels: Labels = None, threshold: float = THRESHOLD,
                        language: str = "en") -> str:
    """What two aligned plans share and what is unique to each (one :func:`wpanalysis.align.align_plans` table)."""
    if table.empty:
        return pick(language, "No items to align.", "没有可对齐的条目。")
    s = alignment_summary(table).iloc[0]
    a, b = _name(labels, s["doc_a"]), _name(labels, s["doc_b"])
    n_a, n_b, shared, dropped, new = (int(s[c]) for c in ("n_items_a", "n_items_b", "shared", "dropped", "new"))
    if language == "zh":
        return (f"在阈值 {threshold:g} 下，**{a}**（{_zh_items(n_a)}）与 **{b}**（{_zh_items(n_b)}）共有 "
                f"**{_zh_items(shared)}**条目（{_kind('continued', language)} {_zh_items(int(s['continued']))}，"
                f"{_kind('changed', language)} {_zh_items(int(s['changed']))}）；{a} 有 {_zh_items(dropped)}条目在 "
                f"{b} 中没有对应条目，{b} 有 {_zh_items(new)}条目在 {a} 中没有对应条目。")
    pick(language, "", "")
    return (f"**{a}** ({count(n_a, 'item')}) and **{b}** ({count(n_b, 'item')}) "
            f"share **{count(shared, 'item')}** ({s['continued']} continued, {s['changed']} changed) at "
            f"the threshold {threshold:g}; {count(dropped, 'item')} of {a} "
            f"{'has' if s['dropped'] == 1 else 'have'} no counterpart in {b} and "
            f"{count(new, 'item')} of {b} none in {a}.")


def alignment_examples(table: pd.DataFrame, n: int = 3, labels: Labels = None, language: str = "en") -> str:
    """The *n* best-scoring shared items and the first *n* items unique to each plan, as bullets.

    >>> al = pd.DataFrame({"doc_a": "a", "doc_b": "b", "item_number_a": [1, 2, None], "item_number_b": [1, None, 2],
    ...                    "title_a": ["落实双减", "抓好安全", None], "title_b": ["落实双减", None, "发展职教"],
    ...                    "label": ["continued", "dropped", "new"], "score": [0.9, None, None],
    ...                    "shared_terms": ["双减", None, None]})
    >>> print(alignment_examples(al, 1))
    - shared: a 1 落实双减 ↔ b 1 落实双减 (score 0.90; shared 双减)
    - only in a: 2 抓好安全
    - only in b: 2 发展职教
    >>> print(alignment_examples(al, 1, language="zh"))
    - 共有：a 1 落实双减 ↔ b 1 落实双减（得分 0.90；共有术语：双减）
    - 仅见于 a：2 抓好安全
    - 仅见于 b：2 发展职教
    """
    if table.empty:
        return pick(language, "No items to align.", "没有可对齐的条目。")
    a, b = _name(labels, table["doc_a"].iloc[0]), _name(labels, table["doc_b"].iloc[0])
    pairs = table[table["label"].isin(["continued", "changed"])].sort_values("score", ascending=False, kind="stable")
    pair_text = pick(language, "shared: {a} {ia} ↔ {b} {ib} (score {score:.2f}; shared {terms})",
                     "共有：{a} {ia} ↔ {b} {ib}（得分 {score:.2f}；共有术语：{terms}）")
    lines = [pair_text.format(a=a, b=b, ia=_item(r.item_number_a, r.title_a), ib=_item(r.item_number_b, r.title_b),
                              score=r.score, terms=r.shared_terms or "—") for r in pairs.head(n).itertuples()]
    only_a = [_item(r.item_number_a, r.title_a) for r in table[table["label"] == "dropped"].head(n).itertuples()]
    only_b = [_item(r.item_number_b, r.title_b) for r in table[table["label"] == "new"].head(n).itertuples()]
    only = pick(language, "only in {plan}: {items}", "仅见于 {plan}：{items}")
    lines += [only.format(plan=a, items=listing(only_a, n, language=language)),
              only.format(plan=b, items=listing(only_b, n, language=language))]
    return bullet_list(lines)


def no_pair_statement(documents: pd.DataFrame, language: str = "en") -> str:
    """Why no two plans are aligned: no year has two full-text plans.

    >>> no_pair_statement(pd.DataFrame({"doc_id": ["a"], "year": [2024], "completeness": ["full"]}))
    'No year has two full-text plans (1 plan in 1 year), so no two plans of one year are aligned here.'
    >>> no_pair_statement(pd.DataFrame({"doc_id": ["a"], "year": [2024], "completeness": ["full"]}), "zh")
    '没有哪一年有两份全文要点（共 1 份要点，分布在 1 个年份），因此这里不对同一年份的两份要点进行对齐。'
    """
    n, years = len(documents), documents["year"].nunique()
    return pick(language,
                f"No year has two full-text plans ({count(n, 'plan')} in {count(years, 'year')}), so no two plans "
                "of one year are aligned here.",
                f"没有哪一年有两份全文要点（共 {n:,} 份要点，分布在 {years:,} 个年份），"
                "因此这里不对同一年份的两份要点进行对齐。")


def validation_statement(curve: pd.DataFrame, who: str = "the alignment's author", threshold: float = THRESHOLD,
                         language: str = "en") -> str:
    """Precision and recall of the assignment on a hand-aligned pair (:func:`wpanalysis.align.threshold_curve`).
    *who* aligned it by hand; in Chinese the roles of :data:`WHO_ZH` are translated, any other is shown as given.

    >>> curve = pd.DataFrame({"threshold": [0.2], "n_gold_pairs": [23], "n_predicted": [15], "n_correct": [11],
    ...                       "precision": [11 / 15], "recall": [11 / 23], "f1": [0.58]})
    >>> print(validation_statement(curve))  # doctest: +NORMALIZE_WHITESPACE
    On the hand-aligned pair (aligned by the alignment's author: 23 pairs), the assignment at the threshold 0.2
    makes 15 pairs, 11 of them right: precision 0.73, recall 0.48. With 23 hand-aligned pairs, each pair moves
    recall by 0.04: read these as rough.
    >>> print(validation_statement(curve, language="zh"))  # doctest: +NORMALIZE_WHITESPACE
    在人工对齐的那一对要点上（由对齐方法的作者本人人工对齐：23 对条目），阈值 0.2 下的自动配对给出 15 对，其中 11
    对正确：精确率 0.73，召回率 0.48。人工对齐的只有 23 对，每一对都会使召回率变化 0.04：这些数字只能作为粗略参考。
    """
    if curve.empty:
        return pick(language,
                    "This corpus has no hand-aligned pair of its own (or lacks the plans of the one given), so the "
                    "threshold's precision and recall cannot be measured here; see the README for the seed pair.",
                    "本语料没有自己的人工对齐要点对（或缺少所给那一对中的要点），因此无法在这里测量阈值的精确率和"
                    "召回率；种子语料的那一对见 README。")
    row = curve.iloc[(curve["threshold"] - threshold).abs().argmin()]
    n, predicted, correct = int(row["n_gold_pairs"]), int(row["n_predicted"]), int(row["n_correct"])
    if language == "zh":
        return (f"在人工对齐的那一对要点上（由{WHO_ZH.get(who, who)}人工对齐：{n:,} 对条目），"
                f"阈值 {row['threshold']:g} 下的自动配对给出 {predicted:,} 对，其中 {correct:,} 对正确："
                f"精确率 {row['precision']:.2f}，召回率 {row['recall']:.2f}。人工对齐的只有 {n:,} 对，"
                f"每一对都会使召回率变化 {1 / n:.2f}：这些数字只能作为粗略参考。")
    pick(language, "", "")
    return (f"On the hand-aligned pair (aligned by {who}: {count(n, 'pair')}), the assignment at the threshold "
            f"{row['threshold']:g} makes {count(predicted, 'pair')}, {correct} of them "
            f"right: precision {row['precision']:.2f}, recall {row['recall']:.2f}. With {n} hand-aligned pairs, "
            f"each pair moves recall by {1 / n:.2f}: read these as rough.")


def continuity_statement(continuity: pd.DataFrame, labels: Labels = None, language: str = "en") -> str:
    """Per consecutive pair of a bureau's plans: how many items continued, changed, were dropped or new.

    >>> ct = pd.DataFrame({"bureau": "b", "year_a": 2022, "year_b": 2023, "doc_a": "x", "doc_b": "y",
    ...                    "item_seq_a": [1, 2], "item_seq_b": [1, None], "label": ["changed", "dropped"]})
    >>> print(continuity_statement(ct))
    - b, 2022 → 2023: of 2 items, 0 continued, 1 changed, 1 dropped; 0 new of 1.
    >>> print(continuity_statement(ct, language="zh"))
    - b，2022 → 2023：前一年 2 条中，延续 0 条、调整 1 条、未延续 1 条；后一年 1 条中新增 0 条。
    """
    if continuity.empty:
        return pick(language, "No bureau has plans in two different years in this corpus, so nothing can be said "
                    "here about what a bureau continued or dropped.",
                    "本语料中没有哪个教育局有两个不同年份的要点，因此这里无法说明一个教育局延续了哪些条目、"
                    "哪些条目未被延续。")
    summary = alignment_summary(continuity)
    years = continuity[["bureau", "year_a", "year_b", "doc_a", "doc_b"]].drop_duplicates()
    merged = years.merge(summary, on=["doc_a", "doc_b"])
    if language == "zh":
        k = {label: _kind(label, language) for label in ("continued", "changed", "dropped", "new")}
        lines = [f"{r.bureau}，{r.year_a} → {r.year_b}：前一年 {_zh_items(int(r.n_items_a))}中，{k['continued']} "
                 f"{_zh_items(r.continued)}、{k['changed']} {_zh_items(r.changed)}、{k['dropped']} "
                 f"{_zh_items(r.dropped)}；后一年 {_zh_items(int(r.n_items_b))}中{k['new']} {_zh_items(r.new)}。"
                 for r in merged.itertuples()]
    else:
        pick(language, "", "")
        lines = [f"{r.bureau}, {r.year_a} → {r.year_b}: of {count(int(r.n_items_a), 'item')}, {r.continued} "
                 f"continued, {r.changed} changed, {r.dropped} dropped; {r.new} new of {r.n_items_b}."
                 for r in merged.itertuples()]
    return bullet_list(lines)


def attention_statement(shift: pd.DataFrame, n: int = 3, names: Mapping[str, str] | None = None,
                        language: str = "en") -> str:
    """The largest shifts of attention (share of items by domain) between consecutive plans, with the
    items behind them.

    >>> sh = pd.DataFrame({"bureau": "b", "year": [2023, 2023], "domain": ["digital", "vocational"],
    ...                    "domain_zh": ["教育数字化", "职业教育"], "n_items": [1, 0], "share": [0.125, 0.0],
    ...                    "change": [0.125, -0.125], "items_added": ["6 推进教育数字化", ""],
    ...                    "items_removed": ["", "4 发展职业教育"]})
    >>> print(attention_statement(sh))
    - b 2023: 教育数字化 +12.5 points (added: 6 推进教育数字化)
    - b 2023: 职业教育 −12.5 points (removed: 4 发展职业教育)
    >>> print(attention_statement(sh, language="zh"))
    - b 2023 年：教育数字化 +12.5 个百分点（新增条目：6 推进教育数字化）
    - b 2023 年：职业教育 −12.5 个百分点（去掉的条目：4 发展职业教育）
    """
    moved = shift[shift["change"].notna() & (shift["change"] != 0)]
    if moved.empty:
        if shift["change"].notna().sum() == 0:
            return pick(language, "No shift of attention between domains can be shown: no bureau has two plans, or "
                        "the shares did not change.",
                        "无法显示政策领域之间的注意力转移：没有哪个教育局有两份要点，或者各领域的占比没有变化。")
        return pick(language, "The domains' shares did not change between consecutive plans.",
                    "相邻两份要点之间，各政策领域的占比没有变化。")
    top = moved.assign(_abs=moved["change"].abs()).sort_values(["_abs", "bureau", "year", "domain"],
                                                               ascending=[False, True, True, True]).head(n)
    line = pick(language, "{bureau} {year}: {domain} {sign}{points:.1f} points ({why})",
                "{bureau} {year} 年：{domain} {sign}{points:.1f} 个百分点（{why}）")
    added, removed = pick(language, "added: ", "新增条目："), pick(language, "removed: ", "去掉的条目：")
    lines = [line.format(bureau=r.bureau, year=r.year, domain=r.domain_zh, sign="+" if r.change > 0 else "−",
                         points=abs(r.change) * 100,
                         why=added + r.items_added if r.change > 0 else removed + r.items_removed)
             for r in top.itertuples()]
    return bullet_list(lines)


def diffusion_limits_statement(documents: pd.DataFrame, language: str = "en") -> str:
    """What the corpus can and cannot show about diffusion, from its numbers of plans, years and bureaus.

    >>> docs = pd.DataFrame({"doc_id": list("abc"), "year": [2024, 2024, 2025], "issuer": [None] * 3,
    ...                      "province": ["浙江省"] * 3, "city": ["宁波市", "杭州市", "宁波市"], "county": [None] * 3,
    ...                      "admin_level": ["city"] * 3})
    >>> print(diffusion_limits_statement(docs))  # doctest: +NORMALIZE_WHITESPACE
    3 plans of 2 bureaus over 2 years (2024–2025); 1 bureau has plans in two or more years.
    <BLANKLINE>
    - It can show: the first year and place a term is *found in these plans*, and how many plans use it each
    year.
    - It cannot show where a term was coined or first used in China (the corpus is a collection, not a census),
    nor compare adoption rates: 1 bureau is observed in more than one year, too few for an event-history model
    (which needs many bureaus observed over years, with adoptions among them).
    >>> print(diffusion_limits_statement(docs, "zh").splitlines()[0])
    共 3 份要点，来自 2 个教育局，跨 2 个年份（2024–2025）；其中 1 个教育局有两个及以上年份的要点。
    """
    docs = documents if isinstance(documents, pd.DataFrame) else documents.documents
    series = bureau_series(docs)
    from ..align import bureau_key  # the bureau of every plan, not only series

    n_bureaus = bureau_key(docs).nunique()
    years = sorted(docs["year"].dropna().astype(int).unique())
    span = f"{years[0]}–{years[-1]}" if len(years) > 1 else (str(years[0]) if years else
                                                              pick(language, "no year", "无年份"))
    n_series = series["bureau"].nunique()
    if language == "zh":
        head = (f"共 {len(docs):,} 份要点，来自 {n_bureaus:,} 个教育局，跨 {len(years):,} 个年份（{span}）；"
                f"其中 {n_series:,} 个教育局有两个及以上年份的要点。")
        can = "能显示的：一个术语*在这些要点中*首次出现的年份和地点，以及每年有多少份要点使用它。"
        where = "不能显示的：一个术语在何处首创、在中国何处最先使用（本语料是汇集而成的，不是普查）"
        cannot = (f"{where}；有 {n_series:,} 个教育局被观察了多个年份，事件史表可以支持离散时间模型，其协变量"
                  "（相邻地区、行政层级、所在地区）由研究者选定。" if n_series >= 20 else
                  f"{where}，也不能比较采用速度：被观察到一个以上年份的教育局有 {n_series:,} 个，太少，不足以"
                  "建立事件史模型（这种模型需要对许多教育局进行多年观察，且其中有采用事件）。")
        return head + "\n\n" + bullet_list([can, cannot])
    pick(language, "", "")
    head = (f"{count(len(docs), 'plan')} of {count(n_bureaus, 'bureau')} over {count(len(years), 'year')} ({span}); "
            f"{count(n_series, 'bureau')} {'has' if n_series == 1 else 'have'} plans in two or more years.")
    can = ("It can show: the first year and place a term is *found in these plans*, and how many plans use it "
           "each year.")
    if n_series >= 20:
        cannot = ("It cannot show where a term was coined or first used in China (the corpus is a collection, not a "
                  f"census); with {count(n_series, 'bureau')} observed over years, the event-history table can "
                  "support a discrete-time model, whose covariates (neighbours, level, region) are the researcher's.")
    else:
        cannot = ("It cannot show where a term was coined or first used in China (the corpus is a collection, not a "
                  f"census), nor compare adoption rates: {count(n_series, 'bureau')} "
                  f"{'is' if n_series == 1 else 'are'} observed in more than one year, too few for an event-history "
                  "model (which needs many bureaus observed over years, with adoptions among them).")
    return head + "\n\n" + bullet_list([can, cannot])


def first_use_statement(first: pd.DataFrame, n: int = 5, language: str = "en") -> str:
    """The terms first found in the latest year (new in the corpus that year) and the most widely used terms.

    >>> first = pd.DataFrame({"term": ["双减", "教联体"], "first_year": [2023, 2024],
    ...                       "first_places": ["吉首市", "宁波市"], "n_plans": [5, 1], "n_plans_total": [9, 9]})
    >>> print(first_use_statement(first, n=1))  # doctest: +NORMALIZE_WHITESPACE
    Of 2 terms found, 1 first appears in 2024, the latest year (教联体 (宁波市)); the most widely used is
    双减 (5 of 9 plans, 56%).
    >>> print(first_use_statement(first, n=1, language="zh"))  # doctest: +NORMALIZE_WHITESPACE
    在这些要点中找到的 2 个术语里，有 1 个首次出现于最近的年份 2024 年：教联体（宁波市）；使用最广的是双减（9
    份要点中有 5 份，56%）。
    """
    if first.empty:
        return pick(language, "None of the terms is found in these plans.", "这些要点中没有找到任何一个术语。")
    latest = first["first_year"].max()
    newest = first[first["first_year"] == latest]
    wide = first.sort_values(["n_plans", "term"], ascending=[False, True]).head(n)
    total = int(first["n_plans_total"].iloc[0])
    place = pick(language, "{term} ({places})", "{term}（{places}）")
    used = pick(language, "{term} ({k} of {total} plans, {share})", "{term}（{total} 份要点中有 {k} 份，{share}）")
    news = listing([place.format(term=r.term, places=r.first_places) for r in newest.head(n).itertuples()], n,
                   language=language)
    widest = listing([used.format(term=r.term, k=r.n_plans, total=total, share=share(r.n_plans, total))
                      for r in wide.itertuples()], n, language=language)
    if language == "zh":
        return (f"在这些要点中找到的 {len(first):,} 个术语里，有 {len(newest):,} 个首次出现于最近的年份 {latest} 年："
                f"{news}；使用最广的是{widest}。")
    verb = "is" if len(wide) == 1 else "are"
    return (f"Of {count(len(first), 'term')} found, {len(newest)} first appear{'s' if len(newest) == 1 else ''} "
            f"in {latest}, the latest year ({news}); the most widely used {verb} {widest}.")


_CODED = {"label": "alignment", "kind": "unit_kind", "network": "network"}  # column: its vocabulary
_HEADERS = {"label": "alignment", "Id": "node_id", "Label": "node_label"}  # shown under these codes' headers


def shown(table: pd.DataFrame | None, language: str = "en") -> pd.DataFrame | None:
    """An alignment, continuity or unit-network table as notebook 07 displays it: in ``"en"`` unchanged;
    in ``"zh"`` the package's fixed values (alignment labels, kinds of unit, the pooled network) and the
    headers in Chinese. Files written keep their codes.

    >>> shown(pd.DataFrame({"label": ["dropped"], "kind": ["office"]}), "zh").to_dict("list")
    {'对齐结果': ['未延续'], '类型': ['机关科室']}
    """
    if language == "en" or table is None:
        return table
    table = table.assign(**{column: table[column].map(lambda v, k=kind: lab.label(k, v, language, default=v))
                            for column, kind in _CODED.items() if column in table})
    return lab.localised(table.rename(columns=_HEADERS), language)
