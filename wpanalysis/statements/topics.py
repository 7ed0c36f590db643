"""Generated statements of the topic models (notebook 03): what the model reads, how the sweep
chose k, the topics and their labels, which plans lean to which topic, and the DMR. The stability
of the topics, the comparison with NMF and the closing summary are in
:mod:`wpanalysis.statements.topic_stability` (import it from there).

Each function takes the tables of :mod:`wpanalysis.topics` and returns Markdown in *language*
(``"en"`` or ``"zh"``); the thresholds that choose a word ("stable", "within the spread between
seeds", "found by both models") are arguments with the defaults stated here. Example::

    from IPython.display import Markdown
    from wpanalysis.statements import topics as said
    Markdown(said.describe_k_choice(sweep, chosen_k=3, min_diversity=0.8, language="zh"))
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

import pandas as pd

from .. import labels
from ..features import DocumentTermMatrix
from ..registry import full_text_ids
from ..topics import LabelMatch
from . import count, listing, pick, share

__all__ = [
    "SAME_THEME_COSINE",
    "LOW_SHARE",
    "COSINE_DIRECTION",
    "cannot_fit",
    "describe_input",
    "describe_sweep_setup",
    "describe_k_choice",
    "describe_topics",
    "describe_labels",
    "describe_sweep_edge",
    "describe_engine",
    "describe_weighting",
    "describe_plan_table",
    "describe_sweep_rule",
    "describe_dmr",
    "no_dmr",
    "describe_representatives",
    "describe_document_shares",
]

SAME_THEME_COSINE = 0.9
"""Cosine of the topic–term weights at which an NMF topic counts as the same theme as an LDA topic."""

LOW_SHARE = 0.1
"""A plan whose share of a topic is below this is said to give the topic little room."""

COSINE_DIRECTION = 0.8
"""Mean best-match cosine at which the refits of an unstable topic still point the same way."""

_NAMED = 6

def _f(x: float, digits: int = 3) -> str:
    """0.1234 → '0.123'; negative numbers with a minus sign (−)."""
    return f"{x:.{digits}f}".replace("-", "−")


_ZH_AND = re.compile(r"(?<=[0-9A-Za-z`])(和|或)(?=[0-9A-Za-z`])")


def _list(names: Iterable[object], limit: int = 8, language: str = "en") -> str:
    """:func:`~wpanalysis.statements.listing`, with spaces around 和 between numbers or Latin words in Chinese.

    >>> _list([0, 1, 2], language="zh"), _list(["宁波", "吉首"], language="zh"), _list([0, 1])
    ('0、1 和 2', '宁波和吉首', '0 and 1')
    """
    text = listing(names, limit, language=language)
    return _ZH_AND.sub(r" \1 ", text) if language == "zh" else text


def _pad(text: str, language: str) -> str:
    """*text* with a space after it when Chinese text follows a number or Latin letter ('主题 1' + '的')."""
    return text + " " if language == "zh" and text[-1:].isascii() and text[-1:].isalnum() else text


def _n(n: int, en: str, zh: str, language: str) -> str:
    """*n* with its noun: ``count(n, en)`` in English, ``"n zh"`` (a measure word and noun) in Chinese.

    >>> _n(3, "plan", "份要点", "en"), _n(3, "plan", "份要点", "zh")
    ('3 plans', '3 份要点')
    """
    return pick(language, count(n, en), f"{n:,} {zh}")


def _ks(ks: Sequence[int], language: str = "en") -> str:
    """[3, 4, 5, 6] → 'k = 3–6'; [3, 5] → 'k = 3 and 5' ('k = 3和5' in Chinese)."""
    ks = sorted(int(k) for k in ks)
    if len(ks) >= 3 and ks == list(range(ks[0], ks[-1] + 1)):
        return f"k = {ks[0]}–{ks[-1]}"
    return f"k = {_list(ks, language=language)}"


def _as_dict(mapping: Mapping | pd.Series | None) -> dict:
    return {} if mapping is None else dict(mapping)


def _topic(t: int, names: Mapping[int, str] | None, language: str = "en") -> str:
    """'topic 2 (双减)' / '主题 2（双减）'; without a name 'topic 2' / '主题 2'."""
    name = _as_dict(names).get(t)
    if language == "zh":
        return f"主题 {t}（{name}）" if name else f"主题 {t}"
    return f"topic {t} ({name})" if name else f"topic {t}"


def _topics(ts: Sequence[int], language: str = "en") -> str:
    ts = list(ts)
    if language == "zh":
        return f"主题 {_list(ts, language='zh')}"
    return f"{'topic' if len(ts) == 1 else 'topics'} {_list(ts)}"


def _sentences(lines: Sequence[str], language: str) -> str:
    """Sentences joined: with a space in English, with nothing in Chinese (。 ends each)."""
    return pick(language, " ", "").join(line for line in lines if line)


# --------------------------------------------------------------------------- input and sweep


def cannot_fit(n_items: int, n_terms: int, n_plans: int, ks: Sequence[int], min_items_per_topic: int,
               min_docs: int = 1, language: str = "en") -> str:
    """The sentence a notebook shows instead of the topic model when the matrix cannot support one
    (*n_plans*: the plans with content tokens; *min_docs*: the pruning's minimum of plans per term).

    >>> cannot_fit(0, 0, 1, [3, 4], 10, min_docs=2)[:90]
    '**No topic model.** No term survives pruning: a term must occur in at least 2 plans, and t'
    >>> cannot_fit(0, 0, 1, [3, 4], 10, min_docs=2, language="zh").split("：")[1]
    '一个词必须出现在至少 2 份要点中，而语料中含有实词的要点只有 1 份，因此跳过下面各节。'
    """
    if language == "zh":
        skipped = "因此跳过下面各节。"
        if n_terms == 0:
            why = (f"一个词必须出现在至少 {min_docs:,} 份要点中，而语料中含有实词的要点只有 {n_plans:,} 份"
                   if n_plans < min_docs else "没有词满足筛减阈值（`min_df`、`max_share`、`min_docs`）")
            return f"**无法拟合主题模型**。筛减后没有剩下任何词：{why}，{skipped}"
        return (f"**无法拟合主题模型**。矩阵含有来自 {n_plans:,} 份要点的 {n_items:,} 个条目和 {n_terms:,} 个词："
                f"{_ks(ks, language)} 中没有一个能让每个主题至少有 {min_items_per_topic} 个条目、且主题数不超过词数，"
                f"{skipped}")
    pick(language, "", "")
    skipped = "so the sections below are skipped."
    if n_terms == 0:
        why = (f"a term must occur in at least {count(min_docs, 'plan')}, and the corpus has "
               f"{count(n_plans, 'plan')} with content words" if n_plans < min_docs else
               "no term meets the pruning thresholds (`min_df`, `max_share`, `min_docs`)")
        return f"**No topic model.** No term survives pruning: {why}, {skipped}"
    return (f"**No topic model.** The matrix holds {count(n_items, 'item')} and {count(n_terms, 'term')} from "
            f"{count(n_plans, 'plan')}: none of {_ks(ks)} has at least {min_items_per_topic} items per topic and "
            f"at most as many topics as terms, {skipped}")


def _title_only(items: pd.DataFrame, model_input: pd.DataFrame, doc_names: Mapping[str, str] | None,
                language: str = "en") -> str:
    outline = items[~items["has_body"].fillna(False).astype(bool)]
    if outline.empty:
        return pick(language, "Every item has body text.", "每个条目都有正文。")
    names = _as_dict(doc_names)
    totals = items.groupby("doc_id", observed=True).size()
    per_doc = outline.groupby("doc_id", observed=True).size().sort_values(ascending=False, kind="stable")
    titled = "title" in set(model_input.get("model_text", []))
    if language == "zh":
        parts = [f"{names.get(d, d)}（{f'全部 {n} 个' if n == totals[d] else f'{totals[d]} 个中的 {n} 个'}）"
                 for d, n in per_doc.items()]
        kept = "只以标题进入模型" if titled else "被排除在模型之外"
        return (f"{len(items):,} 个条目中有 {len(outline):,} 个没有正文，{kept}；它们来自 {len(per_doc):,} 份要点："
                f"{_list(parts, _NAMED, language='zh')}。")
    parts = [f"{names.get(d, d)} ({'all ' + str(n) if n == totals[d] else f'{n} of {totals[d]}'})"
             for d, n in per_doc.items()]
    kept = "enter with their title alone" if titled else "are left out"
    return (f"{len(outline):,} of the {count(len(items), 'item')} {'has' if len(outline) == 1 else 'have'} no body "
            f"text and {kept}; they come from {count(len(per_doc), 'plan')}: {_list(parts, _NAMED)}.")


def describe_input(items: pd.DataFrame, model_input: pd.DataFrame, tokens: pd.DataFrame, dtm: DocumentTermMatrix,
                   too_common: pd.DataFrame, max_share: float, doc_names: Mapping[str, str] | None = None,
                   language: str = "en") -> str:
    """What the model reads: items and plans in the matrix, terms kept, title-only items, items
    left with no term, and the terms dropped as too common (*too_common*:
    :func:`wpanalysis.topics.too_common_terms`)."""
    n_docs = dtm.rows["doc_id"].nunique() if dtm.shape[0] else 0
    n_tokens = len(tokens)
    kept = int(dtm.matrix.sum()) if dtm.shape[0] else 0
    n_content = len(tokens[["doc_id", "item_seq"]].drop_duplicates())
    gone = n_content - dtm.shape[0]
    words = [(w, share(s, 1)) for w, s in zip(too_common["token"], too_common["share"])]
    if language == "zh":
        lines = [f"模型读取来自 {n_docs:,} 份要点的 **{dtm.shape[0]:,} 个条目**和 **{dtm.shape[1]:,} 个词**（筛减前为 "
                 f"{tokens['token'].nunique():,} 个；保留了实词词元的 {share(kept, n_tokens)}）。",
                 _title_only(items, model_input, doc_names, language)]
        if gone > 0:
            lines.append(f"有 {gone:,} 个条目在筛减后没有剩下任何词，被排除在外。")
        lines.append(f"因过于常见（出现在超过 {share(max_share, 1)} 的条目中）而删除的词："
                     f"{_list([f'{w}（{s}）' for w, s in words], _NAMED, language='zh')}。" if words else
                     f"没有词出现在超过 {share(max_share, 1)} 的条目中。")
        return _sentences(lines, language)
    pick(language, "", "")
    lines = [f"The model reads **{count(dtm.shape[0], 'item')}** from {count(n_docs, 'plan')} and "
             f"**{count(dtm.shape[1], 'term')}** (of {tokens['token'].nunique():,} before pruning; "
             f"{share(kept, n_tokens)} of the content tokens kept).", _title_only(items, model_input, doc_names)]
    if gone > 0:
        lines.append(f"{count(gone, 'item')} {'has' if gone == 1 else 'have'} no term left after pruning and "
                     f"{'is' if gone == 1 else 'are'} left out.")
    if words:
        lines.append(f"Dropped as too common (in more than {share(max_share, 1)} of the items): "
                     f"{_list([f'{w} ({s})' for w, s in words], _NAMED)}.")
    else:
        lines.append(f"No term occurs in more than {share(max_share, 1)} of the items.")
    return " ".join(lines)


def describe_sweep_setup(sweep: pd.DataFrame, ks: Sequence[int], seeds: Sequence[int], n_items: int, n_fit: int,
                         sample_seed: int = 0, min_items_per_topic: int = 10, holdout: bool = True,
                         language: str = "en") -> str:
    """What the sweep fitted: the k tried (and those left out for too few items per topic), the
    seeds, the number of fits, and the items they saw — all of them, or a random sample.

    >>> describe_sweep_setup(pd.DataFrame({"k": [3, 4]}), [3, 4], [0, 1], n_items=400, n_fit=400)[:95]
    'The sweep tried k = 3 and 4 with 2 seeds (0 and 1): 4 LDA fits plus 2 held-out fits, on all 400'
    >>> describe_sweep_setup(pd.DataFrame({"k": [3, 4]}), [3, 4], [0, 1], 400, 400, language="zh").split("：")[0]
    '遍历尝试了 k = 3 和 4，每个 k 用 2 个随机种子（0 和 1）'
    """
    tried = [int(k) for k in sweep["k"]]
    dropped = sorted(set(int(k) for k in ks) - set(tried))
    n_fits = len(tried) * len(seeds)
    if language == "zh":
        fits = f"共 {n_fits:,} 次 LDA 拟合" + (f"，外加 {len(tried)} 次留出集拟合" if holdout else "")
        seen = (f"使用全部 {n_items:,} 个条目" if n_fit >= n_items else
                f"使用从 {n_items:,} 个条目中随机抽取的 {n_fit:,} 个（随机种子 {sample_seed}）；"
                "下方报告的模型使用全部条目拟合")
        text = (f"遍历尝试了 {_ks(tried, language)}，每个 k 用 {len(seeds)} 个随机种子"
                f"（{_list(seeds, language='zh')}）：{fits}，{seen}"
                + (f"；k = {max(tried)} 时每个主题平均有 {n_fit / max(tried):,.0f} 个条目。" if tried else "。"))
        if dropped:
            text += (f"{_ks(dropped, language)} 被排除：在遍历所拟合的样本上，每个主题的条目不足 "
                     f"{min_items_per_topic} 个。")
        return text
    pick(language, "", "")
    fits = f"{count(n_fits, 'LDA fit')}" + (f" plus {len(tried)} held-out fits" if holdout else "")
    seen = (f"on all {n_items:,} items" if n_fit >= n_items else
            f"on a random sample of {n_fit:,} of the {n_items:,} items (seed {sample_seed}); the reported model "
            "below is fitted on all items")
    text = (f"The sweep tried {_ks(tried)} with {count(len(seeds), 'seed')} ({_list(seeds)}): {fits}, {seen}"
            + (f"; at k = {max(tried)} a topic has {n_fit / max(tried):,.0f} items on average." if tried else "."))
    if dropped:
        text += (f" {_ks(dropped)} {'is' if len(dropped) == 1 else 'are'} left out: fewer than "
                 f"{min_items_per_topic} items per topic on the sample the sweep fits.")
    return text


def _closest(sweep: pd.DataFrame, chosen: pd.Series, min_diversity: float, digits: int, language: str = "en") -> str:
    """How the chosen k's NPMI compares with the best other k, against the spread between seeds."""
    others = sweep[sweep["k"] != chosen["k"]].sort_values(["npmi", "k"], ascending=[False, True])
    if others.empty:
        return ""
    rival = others.iloc[0]
    rk = int(rival["k"])
    gap = abs(round(float(chosen["npmi"]), digits) - round(float(rival["npmi"]), digits))  # as the table shows them
    sd = float(chosen["npmi_sd"])
    zh = language == "zh"
    pick(language, "", "")
    if sd == 0:
        spread = pick(language, " (one seed: no spread between seeds to compare with)",
                      "（只有一个随机种子：没有随机种子之间的离散程度可供比较）")
    elif gap < sd:
        spread = (f"，在随机种子之间的离散范围之内（标准差 {_f(sd, digits)}）：数据不能清楚地区分两者" if zh else
                  f", within the spread between seeds (sd {_f(sd, digits)}): the data do not separate the two clearly")
    else:
        spread = (f"，超过随机种子之间的离散范围（标准差 {_f(sd, digits)}）" if zh else
                  f", more than the spread between seeds (sd {_f(sd, digits)})")
    if round(float(rival["npmi"]), digits) == round(float(chosen["npmi"]), digits):
        raw = _f(abs(float(chosen["npmi"]) - float(rival["npmi"])), digits + 1)
        head = (f"k = {rk} 的 NPMI 保留 {digits} 位小数时相同（并列时取较小的 k）；差距为 {raw}" if zh else
                f"k = {rk} has the same NPMI at {digits} decimals (ties go to the smaller k); the gap is {raw}")
    elif rival["npmi"] > chosen["npmi"]:
        head = (f"k = {rk} 的 NPMI 更高（{_f(rival['npmi'], digits)}），但低于多样性标准（"
                f"{_f(rival['diversity'], digits)}）；差距为 {_f(gap, digits)}" if zh else
                f"k = {rk} has a higher NPMI ({_f(rival['npmi'], digits)}) but falls below the "
                f"diversity bar ({_f(rival['diversity'], digits)}); the gap is {_f(gap, digits)}")
    else:
        head = (f"次优的 k = {rk}（NPMI {_f(rival['npmi'], digits)}）低 {_f(gap, digits)}" if zh else
                f"The next best, k = {rk} (NPMI {_f(rival['npmi'], digits)}), is {_f(gap, digits)} lower")
    return f"{head}{spread}{pick(language, '.', '。')}"


def describe_k_choice(sweep: pd.DataFrame, chosen_k: int, min_diversity: float, digits: int = 3,
                      language: str = "en") -> str:
    """Which k clear the diversity bar, the chosen k and why, how close the runner-up is, and
    where perplexity and UMass are best (they are shown but do not decide)."""
    clear = sweep[sweep["diversity"] >= min_diversity - 1e-12]
    below = sweep[sweep["diversity"] < min_diversity - 1e-12]
    chosen = sweep.set_index("k").loc[chosen_k].copy()
    chosen["k"] = chosen_k
    npmi = _f(chosen["npmi"], digits)
    zh = language == "zh"
    pick(language, "", "")
    bar = f"多样性标准 {min_diversity:g}" if zh else f"the diversity bar of {min_diversity:g}"
    if clear.empty:
        best = sweep.sort_values(["diversity", "k"], ascending=[False, True]).iloc[0]
        hi, at = _f(best["diversity"], digits), int(best["k"])
        lines = [f"没有任何 k 达到{bar}（最高为 {hi}，在 k = {at}），因此全部 k 参与比较。**选定 k = {chosen_k}**："
                 f"平均 NPMI 最高（{npmi}）。" if zh else
                 f"No k reaches {bar} (the highest is {hi}, at k = {at}), "
                 f"so all k compete. **Chosen k = {chosen_k}**: the highest mean NPMI ({npmi})."]
    else:
        first = (int(clear["k"].iloc[0]), _f(clear["diversity"].iloc[0], digits))
        if zh:
            which = (f"只有 k = {first[0]} 达到{bar}（{first[1]}）" if len(clear) == 1 else
                     f"{_ks(clear['k'], language)} 达到{bar}")
        else:
            which = (f"Only k = {first[0]} clears {bar} ({first[1]})" if len(clear) == 1 else
                     f"{_ks(clear['k'])} clear {bar}")
        if len(below):
            low, high = below["diversity"].min(), below["diversity"].max()
            values = _f(low, digits) if len(below) == 1 else f"{_f(low, digits)}–{_f(high, digits)}"
            which += (f"；{_ks(below['k'], language)} 低于该标准（多样性 {values}）" if zh else
                      f"; {_ks(below['k'])} {'falls' if len(below) == 1 else 'fall'} below it (diversity {values})")
        if zh:
            why = "唯一达到该标准的 k" if len(clear) == 1 else f"其中平均 NPMI 最高（{npmi}）"
            lines = [f"{which}。**选定 k = {chosen_k}**：{why}。"]
        else:
            why = "the only k that clears it" if len(clear) == 1 else f"the highest mean NPMI among them ({npmi})"
            lines = [f"{which}. **Chosen k = {chosen_k}**: {why}."]
    lines.append(_closest(sweep, chosen, min_diversity, digits, language))
    lines.append(_other_measures(sweep, chosen_k, digits, language))
    return _sentences(lines, language)


def _other_measures(sweep: pd.DataFrame, chosen_k: int, digits: int, language: str = "en") -> str:
    zh = language == "zh"
    parts = []
    perp = sweep.dropna(subset=["perplexity"])
    if len(perp):
        best = perp.sort_values(["perplexity", "k"]).iloc[0]
        k, same = int(best["k"]), int(best["k"]) == chosen_k
        values = (f"{best['perplexity']:,.0f}", f"{perp['perplexity'].min():,.0f}", f"{perp['perplexity'].max():,.0f}")
        parts.append(f"留出集困惑度在 k = {k} 时最低" + ("，即选定的 k" if same else "")
                     + f"（{values[0]}；范围 {values[1]}–{values[2]}）" if zh else
                     f"held-out perplexity is lowest at k = {k}" + (", the chosen k" if same else "")
                     + f" ({values[0]}; range {values[1]}–{values[2]})")
    best = sweep.sort_values(["umass", "k"], ascending=[False, True]).iloc[0]
    k, same = int(best["k"]), int(best["k"]) == chosen_k
    parts.append(f"UMass 在 k = {k} 时最好" + ("，即选定的 k" if same else "") + f"（{_f(best['umass'], digits)}）"
                 if zh else
                 f"UMass is best at k = {k}" + (", the chosen k" if same else "") + f" ({_f(best['umass'], digits)})")
    if zh:
        return "；".join(parts) + "。"
    text = "; ".join(parts)
    return text[0].upper() + text[1:] + "."


# --------------------------------------------------------------------------- the topics


def describe_topics(table: pd.DataFrame, digits: int = 3, language: str = "en") -> str:
    """The topics' sizes and coherence from :func:`wpanalysis.topics.topic_table` (merged with
    :func:`wpanalysis.topics.topic_coherence`): the range of shares and the most and least coherent topic.

    >>> t = pd.DataFrame({"topic": [1, 2], "label": ["甲", "乙"], "share": [0.6, 0.4], "n_items": [6, 4],
    ...                   "npmi": [0.1, 0.2]})
    >>> describe_topics(t).split(". ")[1]
    'Most coherent: topic 2 (乙, NPMI 0.200); least: topic 1 (甲, 0.100).'
    >>> describe_topics(t, language="zh").split("。")[1]
    '一致性最高的是主题 2（乙，NPMI 0.200）；最低的是主题 1（甲，0.100）'
    """
    table = table.rename(columns={"share_items": "share"})
    first = table.iloc[0]
    lo, hi, n_first = share(table["share"].min(), 1), share(table["share"].max(), 1), int(first["n_items"])
    ranked = table.sort_values(["npmi", "topic"], ascending=[False, True]) if "npmi" in table.columns else None
    if language == "zh":
        text = (f"这 {len(table):,} 个主题各占条目的 {lo} 到 {hi}（主题 1「{first['label']}」最大："
                f"是 {n_first:,} 个条目的主导主题）。")
        if ranked is not None and len(table) > 1:
            a, b = ranked.iloc[0], ranked.iloc[-1]
            text += (f"一致性最高的是主题 {int(a['topic'])}（{a['label']}，NPMI {_f(a['npmi'], digits)}）；"
                     f"最低的是主题 {int(b['topic'])}（{b['label']}，{_f(b['npmi'], digits)}）。")
        return text
    pick(language, "", "")
    text = (f"The {count(len(table), 'topic')} take between {lo} and "
            f"{hi} of the items (topic 1, {first['label']}, is the largest: the dominant "
            f"topic of {count(n_first, 'item')}).")
    if ranked is not None and len(table) > 1:
        a, b = ranked.iloc[0], ranked.iloc[-1]
        text += (f" Most coherent: topic {int(a['topic'])} ({a['label']}, NPMI {_f(a['npmi'], digits)}); "
                 f"least: topic {int(b['topic'])} ({b['label']}, {_f(b['npmi'], digits)}).")
    return text


def _why_not(row, language: str = "en") -> str:
    """Why a label of a :class:`~wpanalysis.topics.LabelMatch` table does not apply."""
    if not getattr(row, "named_by_checks", True):
        return pick(language, "it names words that are not among its check terms", "它所命名的词不在其核对词之中")
    return pick(language, f"best candidate: topic {row.topic}, {row.shared} shared terms",
                f"最接近的候选：主题 {row.topic}，共有 {row.shared} 个词")


def describe_labels(match: LabelMatch, file_name: str, k: int, language: str = "en") -> str:
    """Which labels of the labels file apply to the fitted topics, which are ignored as stale, and
    what the unlabelled topics show instead."""
    zh = language == "zh"
    pick(language, "", "")
    n, min_shared = match.n_terms, share(match.min_shared, 1)
    rule = (f"该主题按权重排前 {n} 位的词包含其每个核对词、标签只由核对词构成、且标签记录的词至少有 "
            f"{min_shared} 在这前 {n} 位之中" if zh else
            f"every check term among the topic's top {n} terms by weight, a label made of its check "
            f"terms only, and at least {min_shared} of its recorded terms among those top {n}")
    table = match.table
    fallback = "以其前三个主要词语表示" if zh else "shown by their top three terms"
    if not match.found or table.empty:
        return (f"`{file_name}` 中没有这个模型的标签：全部 {k} 个主题都{fallback}。" if zh else
                f"No labels for this model in `{file_name}`: all {count(k, 'topic')} are {fallback}.")
    used = table[table["applied"]]
    stale = table[~table["applied"]]
    n_labels = len(table)
    if stale.empty:
        text = (f"`{file_name}` 中的全部 {n_labels} 个标签都与拟合出的某个主题匹配（{rule}），均予采用。" if zh else
                f"All {count(n_labels, 'label')} in `{file_name}` match a fitted topic ({rule}) and are used.")
    elif used.empty:
        best = int(stale["shared"].max())
        text = (f"`{file_name}` 中的 {n_labels} 个标签没有一个与拟合出的主题匹配（{rule}；最接近的共有 {best} 个词）："
                "它们是为其他语料或其他设定撰写的，因此被忽略。" if zh else
                f"None of the {count(n_labels, 'label')} in `{file_name}` matches a fitted topic ({rule}; the "
                f"closest shares {best} terms): they were written for another corpus or other settings and are "
                "ignored.")
    else:
        names = [f"{r.label}{pick(language, ' (', '（')}{_why_not(r, language)}{pick(language, ')', '）')}"
                 for r in stale.itertuples()]
        used_topics = _topics(sorted(used["topic"].astype(int)), language)
        text = (f"`{file_name}` 中的 {n_labels} 个标签有 {len(used)} 个与拟合出的主题匹配（{rule}）"
                f"并被采用（{used_topics}）；"
                f"其余 {len(stale)} 个不匹配而被忽略：{_list(names, _NAMED, language='zh')}。" if zh else
                f"{len(used)} of the {count(n_labels, 'label')} in `{file_name}` match a fitted topic ({rule}) "
                f"and are used ({used_topics}); {len(stale)} "
                f"{'does' if len(stale) == 1 else 'do'} not and {'is' if len(stale) == 1 else 'are'} ignored: "
                f"{_list(names, _NAMED)}.")
    unlabelled = sorted(set(range(1, k + 1)) - set(used["topic"].astype(int)))
    if unlabelled:
        text += (f"{_pad(_topics(unlabelled, language), language)}{fallback}。" if zh else
                 f" {_topics(unlabelled).capitalize()} {'is' if len(unlabelled) == 1 else 'are'} {fallback}.")
    return text


def describe_representatives(rep: pd.DataFrame, language: str = "en") -> str:
    """Whether each topic's most typical items come from several plans or from one (a topic whose
    top items all come from one plan may be that plan's phrasing rather than a shared theme).

    >>> rep = pd.DataFrame({"topic": [1, 1, 2, 2], "document": ["甲", "甲", "甲", "乙"]})
    >>> describe_representatives(rep).split(": ")[0]
    'The 2 items shown for topic 1 all come from one plan (甲)'
    >>> describe_representatives(rep, language="zh").split("：")[0]
    '主题 1 显示的 2 个条目全部来自同一份要点（甲）'
    """
    column = "document" if "document" in rep.columns else "doc_id"
    per = rep.groupby("topic", sort=True)[column].agg(lambda s: list(dict.fromkeys(s)))
    single = {int(t): docs[0] for t, docs in per.items() if len(docs) == 1}
    several = [int(t) for t, docs in per.items() if len(docs) > 1]
    zh = language == "zh"
    pick(language, "", "")
    lines = []
    if single:
        n = int(rep.groupby("topic").size().max())
        caution = ("这样的主题可能只是该要点自己的措辞，而不是各要点共有的主题——"
                   "在为它标注之前，请阅读它的更多条目。" if zh else
                   "such a topic may be that plan’s own phrasing rather than a theme plans share — read more of its "
                   "items before labelling it.")
        t, d = next(iter(single.items()))
        if zh:
            where = _list([f"主题 {t}（{d}）" for t, d in single.items()], _NAMED, language="zh")
            lines.append(f"{where}各自显示的 {n:,} 个条目都全部来自同一份要点：{caution}" if len(single) > 1 else
                         f"主题 {t} 显示的 {n:,} 个条目全部来自同一份要点（{d}）：{caution}")
        else:
            where = _list([f"topic {t} ({d})" for t, d in single.items()], _NAMED)
            lines.append(f"The {count(n, 'item')} shown for {where} all come from one plan: {caution}"
                         if len(single) > 1 else
                         f"The {count(n, 'item')} shown for topic {t} all come from one plan ({d}): {caution}")
    if several:
        fewest = min(len(per[t]) for t in several)
        at_least = len(several) > 1 and fewest < max(len(per[t]) for t in several)
        lines.append(f"{_topics(several, language)} 显示的条目来自{'至少 ' if at_least else ' '}"
                     f"{fewest:,} 份要点。" if zh else
                     f"The items shown for {_topics(several)} come from "
                     f"{'at least ' if at_least else ''}{count(fewest, 'plan')}.")
    return _sentences(lines, language)


# --------------------------------------------------------------------------- plans and models


def describe_document_shares(shares: pd.DataFrame, documents: pd.DataFrame, names: Mapping[int, str] | None = None,
                             doc_names: Mapping[str, str] | None = None, max_plans: int = 30,
                             low: float = LOW_SHARE, language: str = "en") -> str:
    """How each plan spreads its items over the topics (*shares*:
    :func:`wpanalysis.topics.document_topic_shares`): the range of shares, the plan leaning most to
    each topic, the plans read from titles only, and which form the figure takes."""
    dnames = _as_dict(doc_names)
    grid = shares.pivot_table(index="doc_id", columns="topic", values="share", aggfunc="sum", observed=True)
    n = len(grid)
    lo, hi = share(float(grid.min().min()), 1), share(float(grid.max().max()), 1)
    n_low = int((grid.min(axis=1) < low).sum())
    leaning = [(_topic(int(t), names, language), dnames.get(grid[t].idxmax(), grid[t].idxmax()), _f(grid[t].max(), 2))
               for t in grid.columns]
    titles_only = [d for d in grid.index if d not in set(full_text_ids(documents))]
    plans = [dnames.get(d, d) for d in titles_only]
    if language == "zh":
        lines = [f"每份要点都把条目分布在全部 {grid.shape[1]} 个主题上："
                 f"每份要点在每个主题上的占比都在 {lo} 到 {hi} 之间。" if n_low == 0 else
                 f"占比从 {lo} 到 {hi} 不等；{n:,} 份要点中有 {n_low:,} 份至少在一个主题上的占比低于 {share(low, 1)}。"]
        lines.append("最偏向各主题的要点——" + "；".join(f"{t}：{d}（{x}）" for t, d, x in leaning) + "。")
        if titles_only:
            lines.append(f"有 {len(titles_only):,} 份要点只依据条目标题（{_list(plans, _NAMED, language='zh')}）："
                         f"{'它们的' if len(titles_only) > 1 else '其'}占比只能说明标题点到了哪些主题，"
                         "而不能说明每个主题占了多少篇幅。")
        if n > max_plans:
            lines.append(f"共有 {n:,} 份要点（超过 {max_plans} 份），因此图中显示的是各主题在各份要点中占比的分布，"
                         "而不是每份要点一行。")
        return _sentences(lines, language)
    pick(language, "", "")
    if n_low == 0:
        lines = [f"Every plan spreads its items over all {count(grid.shape[1], 'topic')}: each plan's share of each "
                 f"topic is between {lo} and {hi}."]
    else:
        lines = [f"Shares range from {lo} to {hi}; {count(n_low, 'plan')} of {n:,} "
                 f"{'gives' if n_low == 1 else 'give'} less than {share(low, 1)} to at least one topic."]
    lines.append("Leaning most towards each topic — " + "; ".join(f"{t}: {d} ({x})" for t, d, x in leaning) + ".")
    if titles_only:
        lines.append(f"{count(len(titles_only), 'plan')} {'rests' if len(titles_only) == 1 else 'rest'} on item "
                     f"titles only ({_list(plans, _NAMED)}): "
                     f"{'its shares say' if len(titles_only) == 1 else 'their shares say'} which themes the headings "
                     "name, not how much text each theme gets.")
    if n > max_plans:
        lines.append(f"With {count(n, 'plan')} (more than {max_plans}), the figure shows the distribution of the "
                     "plans' shares of each topic rather than a row per plan.")
    return " ".join(lines)


def describe_sweep_edge(tried: Sequence[int], chosen_k: int, requested: Sequence[int] = (),
                        language: str = "en") -> str:
    """Whether the chosen k lies inside the swept range or at its edge (where a k beyond it was never
    fitted, so the rule's choice may be the range's, not the data's). *requested*: the k asked for
    (``k_values``), to say when a larger k was asked for but left out for too few items per topic.

    >>> describe_sweep_edge([2, 3, 4], 3)
    'k = 3 lies inside the sweep (k = 2–4): both neighbours, k = 2 and k = 4, were fitted and scored.'
    >>> describe_sweep_edge([2, 3, 4], 3, language="zh")
    'k = 3 位于遍历范围之内（k = 2–4）：两个相邻的 k = 2 和 k = 4 都已拟合并评分。'
    """
    ks = sorted(int(k) for k in tried)
    k = chosen_k
    zh = language == "zh"
    pick(language, "", "")
    if len(ks) == 1:
        return (f"只尝试了 k = {k}：遍历无法判断其他 k 是否拟合得更好。" if zh else
                f"Only k = {k} was tried: the sweep cannot say whether another k fits better.")
    lo, hi, rng = ks[0], ks[-1], _ks(ks, language)
    if k == hi and any(int(r) > hi for r in requested):
        return (f"**k = {k} 是遍历尝试过的最大 k**（{rng}）：所要求的更大的 k 因每个主题的条目太少而被排除，"
                "因此无法从本语料判断更细的划分是否得分更高。" if zh else
                f"**k = {k} is the largest k the sweep tried** ({rng}): the larger k asked for were left "
                "out because the items give too few per topic, so whether a finer cut scores higher cannot be told "
                "from this corpus.")
    if k == hi:
        return (f"**k = {k} 是遍历尝试过的最大 k**（{rng}）：更大的 k 从未拟合，按同一规则可能得分更高——"
                f"在把 k = {k} 视为最佳划分之前，请扩展 `k_values`。" if zh else
                f"**k = {k} is the largest k the sweep tried** ({rng}): a larger k was never fitted and "
                f"might score higher by the same rule — extend `k_values` before reading k = {k} as the "
                "best cut.")
    if k == lo and lo > 2:
        return (f"**k = {k} 是遍历尝试过的最小 k**（{rng}）：更小的 k 从未拟合，按同一规则可能得分更高——"
                "请把 `k_values` 向下扩展到 2。" if zh else
                f"**k = {k} is the smallest k the sweep tried** ({rng}): a smaller k was never fitted "
                "and might score higher by the same rule — extend `k_values` down to 2.")
    if k == lo:
        return (f"**k = {k} 是遍历的下限**（{rng}），也是一个模型所能有的最少主题数："
                "按这一规则，这些条目不支持更细的划分——但这并不等于语料只有两个主题。" if zh else
                f"**k = {k} is the lower edge of the sweep** ({rng}) and the fewest topics a model can "
                "have: by this rule the items support no finer split — which is not the same as the corpus having "
                "two themes.")
    missing = [m for m in (k - 1, k + 1) if m not in ks]
    if missing:
        return (f"k = {k} 位于遍历范围之内（{rng}），但与它相邻的 {_ks(missing, language)} 没有拟合。" if zh else
                f"k = {k} lies inside the sweep ({rng}), but {_ks(missing)} next to it "
                f"{'was' if len(missing) == 1 else 'were'} not fitted.")
    return (f"k = {k} 位于遍历范围之内（{rng}）：两个相邻的 k = {k - 1} 和 k = {k + 1} 都已拟合并评分。" if zh else
            f"k = {k} lies inside the sweep ({rng}): both neighbours, k = {k - 1} and "
            f"k = {k + 1}, were fitted and scored.")


def _fact(value: object, language: str) -> str:
    """An engine's fact (``collapsed Gibbs sampling``) in *language*: its ``topic_fact`` label when it has one."""
    text = str(value)
    if language == "en":
        return text
    return labels.load_labels().values.get("topic_fact", {}).get(text, {}).get(language, text)


def describe_engine(facts: pd.DataFrame, language: str = "en") -> str:
    """Which library fitted the LDA and how, from :func:`wpanalysis.topic_engines.engine_facts`
    (rows ``measure``, ``value``).

    >>> f = pd.DataFrame({"measure": ["engine", "library and version", "inference", "iterations"],
    ...                   "value": ["tomotopy", "tomotopy 0.14.0", "collapsed Gibbs sampling", 200]})
    >>> describe_engine(f)
    'The LDA models are fitted with tomotopy 0.14.0: collapsed Gibbs sampling, 200 iterations.'
    >>> describe_engine(f, language="zh")
    'LDA 模型由 tomotopy 0.14.0 拟合：塌缩吉布斯抽样，200 次迭代。'
    """
    zh = language == "zh"
    pick(language, "", "")
    v = dict(zip(facts["measure"], facts["value"]))
    lib = v.get("library and version", v.get("engine", "未注明的程序库" if zh else "an unnamed engine"))
    parts = [_fact(v["inference"], language)] if "inference" in v else []
    if "iterations" in v:
        parts.append(f"{v['iterations']} 次迭代" if zh else f"{v['iterations']} iterations")
    priors = [f"{name} = {v[key]}" for key, name in (("document–topic prior α", "α"), ("topic–term prior η", "η"))
              if key in v]
    if priors:
        parts.append("先验 " + " 和 ".join(priors) if zh else "priors " + " and ".join(priors))
    if "threads" in v:
        parts.append(f"{int(v['threads']):,} 个线程" if zh else f"{count(int(v['threads']), 'thread')}")
    if "item shares" in v:
        parts.append(f"条目占比：{_fact(v['item shares'], language)}" if zh else f"item shares: {v['item shares']}")
    ll = "log-likelihood per token (all items, θ·φ)"
    if ll in v:
        parts.append(pick(language, f"log-likelihood per token {_f(float(v[ll]), 3)}",
                          f"每词元对数似然 {_f(float(v[ll]), 3)}"))
    if zh:
        return f"LDA 模型由 {lib} 拟合" + (f"：{'；'.join(parts) if len(parts) > 2 else '，'.join(parts)}" if parts
                                       else "") + "。"
    return f"The LDA models are fitted with {lib}" + (f": {'; '.join(parts) if len(parts) > 2 else ', '.join(parts)}"
                                                      if parts else "") + "."


def describe_weighting(table: pd.DataFrame, names: Mapping[int, str] | None = None, digits: int = 3,
                       language: str = "en") -> str:
    """The declared weighting rule and how much it matters (*table*:
    :func:`wpanalysis.topic_reports.weighting_table`): each plan weighs 1, beside the item-weighted
    share, with the largest gap between the two and the topic whose share varies most between plans.

    >>> t = pd.DataFrame({"topic": [1, 2], "n_plans": [4, 4], "plan_weighted": [0.6, 0.4],
    ...                   "item_weighted": [0.55, 0.45], "difference": [-0.05, 0.05], "plan_sd": [0.2, 0.2],
    ...                   "plan_min": [0.3, 0.1], "plan_max": [0.9, 0.7]})
    >>> describe_weighting(t).split(". ")[1]
    'In these 4 plans the two differ by at most 0.050 (topic 1: 0.600 plan-weighted against 0.550 item-weighted)'
    >>> describe_weighting(t, language="zh").split("。")[1]
    '在这 4 份要点中，两者最多相差 0.050（主题 1：按要点加权为 0.600，按条目加权为 0.550）'
    """
    n = int(table["n_plans"].max())
    top = table.loc[table["difference"].abs().idxmax()]
    spread = table.assign(_range=table["plan_max"] - table["plan_min"]).sort_values(
        ["_range", "topic"], ascending=[False, True]).iloc[0]
    gap, pw, iw = _f(abs(top["difference"]), digits), _f(top["plan_weighted"], digits), _f(top["item_weighted"], digits)
    lo, hi = _f(spread["plan_min"], digits), _f(spread["plan_max"], digits)
    t_top, t_spread = _topic(int(top["topic"]), names, language), _topic(int(spread["topic"]), names, language)
    if language == "zh":
        return (f"声明的规则以要点为准：每份要点权重为 1，因此一个主题在语料中的占比是 {n:,} 份要点占比的平均值"
                f"（`plan_weighted`）；`item_weighted` 把每个条目计一次，因此条目多的要点权重更大。"
                f"在这 {n:,} 份要点中，两者最多相差 {gap}（{t_top}：按要点加权为 {pw}，按条目加权为 {iw}）。"
                f"各份要点差别最大的是{t_spread}："
                f"其占比从 {lo} 到 {hi} 不等。")
    pick(language, "", "")
    return (f"The declared rule is the plan's: each plan weighs 1, so a topic's share of the corpus is the mean of "
            f"the {n:,} plans' shares (`plan_weighted`); `item_weighted` counts every item once, so plans with more "
            f"items weigh more. In these {count(n, 'plan')} the two differ by at most "
            f"{gap} ({t_top}: {pw} plan-weighted against {iw} item-weighted). Plans differ most in {t_spread}: "
            f"their shares range from {lo} to {hi}.")


def describe_plan_table(n_plans: int, max_plans: int, csv_name: str, language: str = "en") -> str:
    """Whether the per-plan table is shown or, past *max_plans* plans, written to *csv_name*.

    >>> describe_plan_table(9, 30, "tables/x.csv")
    "One row per plan, 9 plans: each plan's share of each topic and its number of items in the model."
    >>> describe_plan_table(9, 30, "tables/x.csv", language="zh")
    '每份要点一行，共 9 份：每份要点在各主题上的占比，以及它在模型中的条目数。'
    """
    if language == "zh":
        if n_plans <= max_plans:
            return f"每份要点一行，共 {n_plans:,} 份：每份要点在各主题上的占比，以及它在模型中的条目数。"
        return (f"共有 {n_plans:,} 份要点（超过 {max_plans} 份），因此不显示按要点的表，而是写入 `{csv_name}`"
                "（每份要点一行）；上表给出各份要点占比的分布。")
    pick(language, "", "")
    if n_plans <= max_plans:
        return (f"One row per plan, {count(n_plans, 'plan')}: each plan's share of each topic and its number of items "
                "in the model.")
    return (f"With {count(n_plans, 'plan')} (more than {max_plans}), the per-plan table is not shown: it is written "
            f"to `{csv_name}` (one row per plan); the table above gives the distribution of the plans' shares.")


def describe_sweep_rule(plan: object, sweep_max_items: int, language: str = "en") -> str:
    """The large-N rule as applied (*plan*: :func:`wpanalysis.topic_engines.sweep_plan`): which items the
    sweep and the stability refits fit, how many seeds, and how many fits that costs."""
    n_ks, n_sweep, n_stable = len(plan.ks), len(plan.sweep_seeds), len(plan.stability_seeds)
    if language == "zh":
        seen = (f"全部 {plan.n_items:,} 个条目（不超过 `sweep_max_items` = {sweep_max_items:,}）" if not plan.sampled
                else f"从 {plan.n_items:,} 个条目中随机抽取的 {plan.sweep_items:,} 个（超过 `sweep_max_items` = "
                     f"{sweep_max_items:,}），因此其开销不再随语料增长")
        return (f"遍历和稳定性重新拟合使用{seen}；报告的模型和 NMF 使用全部条目。按照规则，要尝试 {n_ks} 个 k"
                f"（{_ks(plan.ks, language) if plan.ks else '无'}），遍历中每个 k 用 {n_sweep} 个随机种子，"
                f"稳定性重新拟合用 {n_stable} 个随机种子（{_list(plan.stability_seeds, language='zh')}）。")
    pick(language, "", "")
    seen = (f"all {plan.n_items:,} items (no more than `sweep_max_items` = {sweep_max_items:,})" if not plan.sampled
            else f"a random sample of {plan.sweep_items:,} of the {plan.n_items:,} items (more than "
                 f"`sweep_max_items` = {sweep_max_items:,}), so their cost stops growing with the corpus")
    return (f"The sweep and the stability refits fit {seen}; the reported model and NMF fit all items. The rule "
            f"gives {count(n_ks, 'k')} to try ({_ks(plan.ks) if plan.ks else 'none'}), "
            f"{count(n_sweep, 'seed')} per k in the sweep and {count(n_stable, 'seed')} "
            f"({_list(plan.stability_seeds)}) for the stability refits.")


def _covariate(column: str, language: str) -> str:
    """A DMR covariate's name: the code in English (as the tables show it), its header in Chinese."""
    if language == "en":
        return column
    return labels.column_label(column, language, default=column)


def _value(column: str, value: object, language: str) -> str:
    """A covariate value: `` `east` `` in English, its group label (东部) in Chinese."""
    if language == "en":
        return f"`{value}`"
    return labels.group_label(column, value, language, default=f"`{value}`")


def describe_dmr(table: pd.DataFrame, names: Mapping[int, str] | None = None, level: float = 0.95,
                 digits: int = 3, language: str = "en") -> str:
    """Topic prevalence by covariate from the DMR (*table*: :attr:`wpanalysis.topic_dmr.DMRPrevalence.table`):
    for each covariate with at least two values, the topic whose model-based share differs most between
    its values, the two extreme values with their plans and intervals, and whether the intervals
    overlap — phrased for these plans, and never about a value held by one plan as a group.

    >>> t = pd.DataFrame({"covariate": ["region"] * 4, "value": ["east", "east", "west", "west"],
    ...                   "n_plans": [5, 5, 1, 1], "topic": [1, 2, 1, 2], "prevalence": [0.6, 0.4, 0.3, 0.7],
    ...                   "ci_low": [0.5, 0.3, 0.1, 0.5], "ci_high": [0.7, 0.5, 0.5, 0.9], "n_boot": [20] * 4})
    >>> describe_dmr(t).split(": ")[0]
    'By region, topic 1 differs most'
    >>> describe_dmr(t, {1: "双减"}, language="zh").split("：")[0]
    '按地区，主题 1（双减）的差异最大'
    """
    zh = language == "zh"
    pick(language, "", "")
    if table.empty:
        return "没有可建模的协变量。" if zh else "No covariate to model."
    pct = f"{level:.0%}"
    lines = []
    for cov, part in table.groupby("covariate", sort=False):
        values = part["value"].unique()
        name = _covariate(str(cov), language)
        if len(values) < 2:
            only = _value(str(cov), values[0], language)
            lines.append(f"按{name}，每份要点的取值都相同（{only}）：没有可比较的内容。" if zh else
                         f"By {cov}, every plan has the same value ({only}): nothing to compare.")
            continue
        spread = part.groupby("topic")["prevalence"].agg(lambda s: s.max() - s.min()).round(9)  # ties: lower topic
        t = int(spread.sort_values(ascending=False, kind="stable").index[0])
        rows = part[part["topic"] == t].sort_values(["prevalence", "value"], ascending=[False, True])
        hi, lo = rows.iloc[0], rows.iloc[-1]

        def one(r: pd.Series, cov: str = str(cov)) -> str:
            n_plans = int(r["n_plans"])
            interval = f"{_f(r['ci_low'], digits)}–{_f(r['ci_high'], digits)}"
            value = f"{_value(cov, r['value'], language)} {_f(r['prevalence'], digits)}"
            if zh:
                plans = "1 份要点：即该份要点本身，而不是一个组" if n_plans == 1 else f"{n_plans:,} 份要点"
                return f"{value}（{plans}；{pct} 区间 {interval}）"
            plans = "1 plan: that plan, not a group" if n_plans == 1 else count(n_plans, "plan")
            return f"{value} ({plans}; {pct} interval {interval})"
        overlap = float(hi["ci_low"]) <= float(lo["ci_high"])
        if zh:
            verdict = "区间重叠：这些要点无法区分这两个取值" if overlap else "区间不重叠（就这些要点而言）"
            which = _pad(_topic(t, names, language), language)
            other = one(lo)
            against = "对比 " if other[:1].isascii() and other[:1].isalnum() else "对比"
            lines.append(f"按{name}，{which}的差异最大：{one(hi)}，{against}{other}；{verdict}。")
        else:
            verdict = ("the intervals overlap: the plans do not separate the two values" if overlap else
                       "the intervals do not overlap, in these plans")
            lines.append(f"By {cov}, {_topic(t, names)} differs most: {one(hi)} against {one(lo)}; {verdict}.")
    known = table.dropna(subset=["ci_low", "ci_high"])
    outside = int(((known["prevalence"] < known["ci_low"]) | (known["prevalence"] > known["ci_high"])).sum())
    if outside:
        lines.append(f"在 {len(known):,} 个“取值 × 主题”单元中，有 {outside:,} 个的全样本拟合占比"
                     "落在其自身的自助区间之外：重新拟合不能重现它，因此应把这些占比视为尚无定论。" if zh else
                     f"For {outside:,} of the {len(known):,} value × topic cells the full fit's prevalence lies "
                     "outside its own bootstrap interval: the refits do not reproduce it, so read those prevalences as "
                     "unsettled.")
    n_boot = int(table["n_boot"].max())
    lines.append(f"区间：{n_boot:,} 次按要点自助重抽样的重新拟合，每次使用各自的随机种子；"
                 "区间涵盖要点的抽样和抽样器随机种子的影响，不涵盖其他设定；"
                 "它们是对这些要点的描述，而不是检验。" if zh else
                 f"Intervals: {count(n_boot, 'plan-bootstrap refit')}, each with its own seed; they cover the sampling "
                 "of plans and the sampler's seed, not other settings, and they are descriptions of these plans, "
                 "not tests.")
    return _sentences(lines, language)


def no_dmr(columns: Sequence[str], n_boot: int, language: str = "en") -> str:
    """Why the DMR section is skipped.

    >>> no_dmr(["region", "year"], 0)
    'No DMR: `dmr_boot` is 0, so section 7 is skipped.'
    >>> no_dmr(["region", "year"], 0, language="zh")
    '不做 DMR：`dmr_boot` 为 0，因此跳过第 7 节。'
    """
    shown = [f"`{c}`" for c in columns]
    if language == "zh":
        if n_boot <= 0:
            return "不做 DMR：`dmr_boot` 为 0，因此跳过第 7 节。"
        return (f"不做 DMR：在这些要点中，登记表的列 {_list(shown, language='zh')} 都没有两个不同的取值"
                "（或者无法拟合主题模型），因此没有可建模的内容。")
    pick(language, "", "")
    if n_boot <= 0:
        return "No DMR: `dmr_boot` is 0, so section 7 is skipped."
    return (f"No DMR: none of the registry columns {_list(shown)} has two values among "
            "these plans (or no topic model could be fitted), so there is nothing to model.")
