"""Generated statements on how far the topics of notebook 03 can be trusted: their stability over
refits (at the chosen k and its neighbours), the comparison of LDA with NMF, and the closing
summary. The other statements of notebook 03 are in :mod:`wpanalysis.statements.topics`, which
also gives these by name (``said.summarise``).

Each function returns Markdown in *language* (``"en"`` or ``"zh"``). Example::

    from wpanalysis.statements import topic_stability
    topic_stability.describe_topic_stability(per_topic, names, threshold=0.5, language="zh")
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from . import bullet_list, count, pick, share
from .topics import _NAMED, COSINE_DIRECTION, SAME_THEME_COSINE, _f, _ks, _list, _pad, _sentences, _topic, _topics

__all__ = ["describe_stability_over_k", "describe_topic_stability", "no_refits", "describe_lda_nmf", "summarise"]


def no_refits(language: str = "en") -> str:
    """What the notebook shows instead of the stability table when there is one seed only.

    >>> no_refits(), no_refits("zh")
    ('Only one seed: no refits, no stability check.', '只有一个随机种子：没有重新拟合，也就不检查稳定性。')
    """
    return pick(language, "Only one seed: no refits, no stability check.",
                "只有一个随机种子：没有重新拟合，也就不检查稳定性。")


def describe_stability_over_k(table: pd.DataFrame, chosen_k: int, threshold: float, seeds: Sequence[int],
                              n_items: int, n_fit: int, digits: int = 3, language: str = "en") -> str:
    """Stability over refits at the chosen k and its fitted neighbours (*table*:
    :func:`wpanalysis.topic_reports.stability_over_k`): the mean best-match Jaccard with its spread
    over the pairs of runs, how far it is from *threshold*, and the items the refits saw.

    >>> t = pd.DataFrame({"k": [2, 3], "n_runs": [3, 3], "n_pairs": [3, 3], "jaccard_mean": [0.7, 0.45],
    ...                   "jaccard_sd": [0.05, 0.1], "jaccard_min": [0.65, 0.3], "jaccard_max": [0.75, 0.55],
    ...                   "n_topics": [2, 3], "n_stable": [2, 0]})
    >>> describe_stability_over_k(t, 3, 0.5, [0, 1, 2], 200, 200).split(". ")[0]
    'Each k was refitted with 3 seeds (0, 1 and 2) on all 200 items'
    >>> describe_stability_over_k(t, 3, 0.5, [0, 1, 2], 200, 200, language="zh").split("。")[0]
    '每个 k 都用 3 个随机种子（0、1 和 2）在全部 200 个条目上重新拟合'
    """
    zh = language == "zh"
    pick(language, "", "")
    if table.empty:
        return ("没有重新拟合：只有一个随机种子，因此无法衡量跨随机种子的稳定性。" if zh else
                "No refits: one seed only, so stability over seeds cannot be measured.")
    n_runs = int(table["n_runs"].max())
    if zh:
        seen = (f"在全部 {n_items:,} 个条目上" if n_fit >= n_items else
                f"在遍历的随机样本（{n_items:,} 个条目中的 {n_fit:,} 个）上")
    else:
        seen = (f"on all {n_items:,} items" if n_fit >= n_items else
                f"on the sweep's random sample of {n_fit:,} of the {n_items:,} items")
    parts = []
    for r in table.itertuples():
        mean, sd, lo, hi = (_f(x, digits) for x in (r.jaccard_mean, r.jaccard_sd, r.jaccard_min, r.jaccard_max))
        if zh:
            spread = f"标准差 {sd}，范围 {lo}–{hi}，基于 {int(r.n_pairs):,} 对运行" if r.n_pairs > 1 else "只有一对运行"
            parts.append(f"k = {r.k}{'（选定）' if r.k == chosen_k else ''}：{mean}（{spread}；{r.n_topics} 个主题中有 "
                         f"{r.n_stable} 个在每次重新拟合中都达到 {threshold:g}）")
        else:
            spread = (f"sd {sd}, range {lo}–{hi} over {count(int(r.n_pairs), 'pair')} of runs" if r.n_pairs > 1
                      else "one pair of runs")
            parts.append(f"k = {r.k}{' (chosen)' if r.k == chosen_k else ''}: {mean} ({spread}; {r.n_stable} of "
                         f"{r.n_topics} topics {'reaches' if r.n_stable == 1 else 'reach'} {threshold:g} in every "
                         "refit)")
    if zh:
        text = (f"每个 k 都用 {n_runs} 个随机种子（{_list(seeds, language='zh')}）{seen}重新拟合。"
                f"主要词语的平均最佳匹配 Jaccard 系数——{'；'.join(parts)}。")
    else:
        text = (f"Each k was refitted with {count(n_runs, 'seed')} ({_list(seeds)}) {seen}. Mean best-match Jaccard "
                f"of the top terms — {'; '.join(parts)}.")
    row = table.set_index("k").loc[chosen_k] if chosen_k in set(table["k"]) else None
    if row is not None:
        gap = float(row["jaccard_mean"]) - threshold
        within = (pd.notna(row["jaccard_sd"]) and abs(gap) < float(row["jaccard_sd"]))
        sd = _f(row["jaccard_sd"], digits) if pd.notna(row["jaccard_sd"]) else ""
        if zh:
            text += (f"在选定的 k = {chosen_k} 处，平均值比阈值 {threshold:g} {'高' if gap >= 0 else '低'} "
                     f"{_f(abs(gap), digits)}" + (f"，不到各对运行的一个标准差（{sd}）：重新拟合不能把它清楚地"
                                                  "归于阈值的任何一侧。" if within else "。"))
        else:
            text += (f" At the chosen k = {chosen_k} the mean is {_f(abs(gap), digits)} "
                     f"{'above' if gap >= 0 else 'below'} the threshold of "
                     f"{threshold:g}" + (f", less than one sd of the pairs ({sd}): the "
                                         "refits do not put it clearly on either side." if within else "."))
        best = table.sort_values(["jaccard_mean", "k"], ascending=[False, True]).iloc[0]
        if int(best["k"]) != chosen_k:
            bk, bm = int(best["k"]), _f(best["jaccard_mean"], digits)
            text += (f"主题在 k = {bk} 时（{bm}）比在选定的 k 时更能重现：选择 k 的规则权衡的是一致性和多样性，"
                     "而不是稳定性。" if zh else
                     f" Topics recur more at k = {bk} ({bm}) than at the chosen k: the rule for k weighs coherence "
                     "and diversity, not stability.")
    return text


def _neighbours(row: pd.Series, columns: Sequence[str], digits: int, language: str = "en") -> str:
    shown = [pick(language, f"{_f(row[c], digits)} at k = {c.removeprefix('jaccard_k')}",
                  f"k = {c.removeprefix('jaccard_k')} 时为 {_f(row[c], digits)}") for c in columns]
    return "，".join(shown) if language == "zh" else _list(shown)


def describe_topic_stability(per_topic: pd.DataFrame, names: Mapping[int, str] | None, threshold: float,
                             cosine_bar: float = COSINE_DIRECTION, digits: int = 3, language: str = "en") -> str:
    """Each topic of the reported model against its refits (*per_topic*:
    :func:`wpanalysis.topic_reports.topic_stability_table`): **stable** only when it reaches
    *threshold* in every refit; **borderline** when its mean does but some refit does not (the mean
    alone is one number near the threshold, not a finding); **not stable** otherwise — each with how
    far its mean is from the threshold, its range over the refits and its best match at k ± 1."""
    zh = language == "zh"
    pick(language, "", "")
    if "verdict" not in per_topic.columns:
        return ("没有重新拟合：只有一个随机种子，因此不能称任何主题稳定或不稳定。" if zh else
                "No refits: one seed only, so no topic can be called stable or unstable.")
    near = [c for c in per_topic.columns if c.startswith("jaccard_k")]
    lines = []
    n_refits = int(per_topic["n_refits"].iloc[0])
    thr = f"{threshold:g}"
    for r in per_topic.itertuples():
        row = per_topic.loc[r.Index]
        head = _topic(int(r.topic), names, language)
        mean, margin = _f(r.jaccard_mean, digits), _f(abs(r.margin), digits)
        rng = f"{_f(r.jaccard_min, digits)}–{_f(r.jaccard_max, digits)}"
        missed, reached = n_refits - int(r.n_reached), int(r.n_reached)
        if zh:
            where = f"平均 {mean}，比阈值 {thr} {'高' if r.margin >= 0 else '低'} {margin}；范围 {rng}"
            verdict = {"stable": f"**稳定**：在全部 {n_refits} 次重新拟合中都达到 {thr}（{where}）",
                       "borderline": f"**临界**：其平均值达到 {thr}，但在 {n_refits} 次重新拟合中有 {missed} 次低于它"
                                     f"（{where}）——就现有证据而言并不稳健"}.get(
                r.verdict, f"**不稳定**：在 {n_refits} 次重新拟合中有 {reached} 次达到 {thr}（{where}）")
            text = f"{_pad(head, language)}{verdict}"
            if near:
                text += f"；它在相邻 k 上的最佳匹配：{_neighbours(row, near, digits, language)}"
            lines.append(text + "。")
            continue
        where = f"mean {mean}, {margin} {'above' if r.margin >= 0 else 'below'} the threshold of {thr}; range {rng}"
        verdict = {"stable": f"**stable**: it reaches {thr} in all {n_refits} refits ({where})",
                   "borderline": f"**borderline**: its mean reaches {thr}, but it falls below it in "
                                 f"{missed} of {n_refits} refits ({where}) — not robust on this evidence"}.get(
            r.verdict, f"**not stable**: it reaches {thr} in {reached} of {n_refits} refits ({where})")
        text = f"{head[0].upper()}{head[1:]} is {verdict}"
        if near:
            text += f"; its best match at the neighbouring k: {_neighbours(row, near, digits)}"
        lines.append(text + ".")
    weak = per_topic[(per_topic["verdict"] != "stable") & (per_topic["cosine_mean"] >= cosine_bar)]
    if len(weak):
        ts = _topics(weak["topic"].astype(int), language)
        lines.append(f"{_pad(ts, language)}的主题—词权重仍指向同一方向（平均余弦相似度 ≥ {cosine_bar:g}）："
                     "各次重新拟合在大方向上一致，"
                     "只是在相邻主题之间对条目的划分不同——应把这些主题放在一起阅读。" if zh else
                     f"The topic–term weights of {ts} still point the same way "
                     f"(mean cosine ≥ {cosine_bar:g}): the refits agree on the broad direction but cut the items "
                     "between neighbouring topics differently — read those topics together.")
    return _sentences(lines, language)


# --------------------------------------------------------------------------- LDA against NMF


def _merges(matches: pd.DataFrame, nmf_table: pd.DataFrame, language: str = "en") -> list[str]:
    """LDA topics that share their closest NMF topic, and NMF topics no LDA topic is closest to."""
    zh = language == "zh"
    lines = []
    nmf_names = dict(zip(nmf_table["topic"], nmf_table["label"]))
    for b, group in matches.groupby("topic_b", sort=True):
        if len(group) > 1:
            cosines = _list([_f(c, 2) for c in group["cosine"]], language=language)
            lda_ts, nmf_t = _topics(group["topic_a"].astype(int), language), _topic(int(b), nmf_names, language)
            if zh:
                lines.append(f"LDA 的{_pad(lda_ts, language)}都最接近 NMF 的{nmf_t}（余弦相似度 {cosines}）："
                             "NMF 用一个主题涵盖了 LDA 分开的内容。")
            else:
                both = "both" if len(group) == 2 else "all"
                lines.append(f"LDA {lda_ts} are {both} closest to NMF {nmf_t} (cosine {cosines}): NMF covers with one "
                             "topic what LDA splits.")
    orphans = nmf_table[~nmf_table["topic"].isin(matches["topic_b"])]
    for r in orphans.itertuples():
        t = _topic(int(r.topic), nmf_names, language)
        lines.append(f"NMF 的{t}不是任何 LDA 主题的最佳匹配：占条目的 {share(r.share, 1)}，是 "
                     f"{int(r.n_items):,} 个条目的主导主题。" if zh else
                     f"NMF {t} is no LDA topic's closest match: {share(r.share, 1)} of "
                     f"the items, the dominant topic of {count(int(r.n_items), 'item')}.")
    return lines


def describe_lda_nmf(summary: pd.DataFrame, matches: pd.DataFrame, lda_table: pd.DataFrame, nmf_table: pd.DataFrame,
                     same_cosine: float = SAME_THEME_COSINE, digits: int = 3, language: str = "en") -> str:
    """Which themes both models find (best-match cosine ≥ *same_cosine*), which LDA topics NMF
    merges, which NMF topics match no LDA topic, and which model is more coherent, more diverse
    and more even in topic size. *summary*: :func:`wpanalysis.topics.model_summary` with rows
    ``LDA`` and ``NMF``; *matches*: :func:`wpanalysis.topics.match_topics` (LDA → NMF)."""
    zh = language == "zh"
    pick(language, "", "")
    lda_table, nmf_table = (t.rename(columns={"share_items": "share"}) for t in (lda_table, nmf_table))
    lda_names = dict(zip(lda_table["topic"], lda_table["label"]))
    nmf_names = dict(zip(nmf_table["topic"], nmf_table["label"]))
    same = matches[matches["cosine"] >= same_cosine]
    if len(same):
        pairs = [f"LDA {_topic(int(r.topic_a), lda_names, language)} ↔ "
                 f"NMF {_topic(int(r.topic_b), nmf_names, language)}"
                 + pick(language, f" (cosine {_f(r.cosine, 2)})", f"（余弦相似度 {_f(r.cosine, 2)}）")
                 for r in same.itertuples()]
        lines = [f"两个模型都找到了以下对应主题：{_list(pairs, _NAMED, language='zh')}。" if zh else
                 f"Both models find {_list(pairs, _NAMED)}."]
    else:
        lines = [f"没有任何 LDA 主题在 NMF 中有余弦相似度 ≥ {same_cosine:g} 的对应主题："
                 "两个模型对语料的切分不同。" if zh else
                 f"No LDA topic has an NMF counterpart with cosine ≥ {same_cosine:g}: the two models cut the corpus "
                 "differently."]
    lines += _merges(matches, nmf_table, language)
    lines += _quality(summary.set_index("model"), lda_table, nmf_table, digits, language)
    return _sentences(lines, language)


def _quality(s: pd.DataFrame, lda_table: pd.DataFrame, nmf_table: pd.DataFrame, digits: int,
             language: str = "en") -> list[str]:
    """Which model is more coherent, more diverse and more even in topic size (rows LDA, NMF of *s*)."""
    zh = language == "zh"
    lines = []
    coherent = "LDA" if s.loc["LDA", "npmi"] >= s.loc["NMF", "npmi"] else "NMF"
    umass = "LDA" if s.loc["LDA", "umass"] >= s.loc["NMF", "umass"] else "NMF"
    a, b = s.loc[coherent], s.loc[_other(coherent)]
    na, nb, ua, ub = (_f(x, digits) for x in (a["npmi"], b["npmi"], a["umass"], b["umass"]))
    if umass == coherent:
        lines.append(f"{coherent} 的主题更一致（NPMI {na} 对 {nb}；UMass {ua} 对 {ub}）。" if zh else
                     f"{coherent}'s topics are more coherent (NPMI {na} against {nb}; UMass {ua} against {ub}).")
    else:
        lines.append(f"按 NPMI，{coherent} 的主题更一致（{na} 对 {nb}）；"
                     f"按 UMass，则是 {umass} 的更一致（{ub} 对 {ua}）。" if zh else
                     f"{coherent}'s topics are more coherent by NPMI ({na} against {nb}), {umass}'s by UMass ({ub} "
                     f"against {ua}).")
    if s.loc["LDA", "diversity"] != s.loc["NMF", "diversity"]:
        div = "LDA" if s.loc["LDA", "diversity"] > s.loc["NMF", "diversity"] else "NMF"
        x, y = _f(s.loc[div, "diversity"], digits), _f(s.loc[_other(div), "diversity"], digits)
        lines.append(f"{div} 的主题{'也' if div == coherent else ''}更多样（{x} 对 {y}）。" if zh else
                     f"{div}'s are{' also' if div == coherent else ''} more diverse ({x} against {y}).")
    spread = {"LDA": lda_table["share"], "NMF": nmf_table["share"]}
    even = min(spread, key=lambda m: (spread[m].max() - spread[m].min(), m))
    mine = f"{share(spread[even].min(), 1)}–{share(spread[even].max(), 1)}"
    theirs = f"{share(spread[_other(even)].min(), 1)}–{share(spread[_other(even)].max(), 1)}"
    lines.append(f"{even} 的主题规模更均衡（占比 {mine}，对比 {theirs}）。" if zh else
                 f"{even}'s topics are more even in size (shares {mine}, against {theirs}).")
    return lines


def _other(model: str) -> str:
    return "NMF" if model == "LDA" else "LDA"


# --------------------------------------------------------------------------- the summary


def summarise(chosen_k: int, sweep: pd.DataFrame, summary: pd.DataFrame, k_stability: pd.DataFrame | None,
              per_topic: pd.DataFrame | None, lda_table: pd.DataFrame, matches: pd.DataFrame | None,
              min_diversity: float, threshold: float, n_plans: int, sampled: bool = False,
              same_cosine: float = SAME_THEME_COSINE, digits: int = 3, language: str = "en") -> str:
    """The closing bullets: the chosen k and where it sits in the sweep, its coherence, the stability
    over seeds with its spread, and the firm result — topics that reach the stability threshold in
    *every* refit *and* are found by NMF (best-match cosine ≥ *same_cosine*), phrased for these
    *n_plans* plans."""
    zh = language == "zh"
    pick(language, "", "")
    row = sweep.set_index("k").loc[chosen_k]
    n_clear = int((sweep["diversity"] >= min_diversity - 1e-12).sum())
    lda = summary.set_index("model").loc["LDA"]
    names = dict(zip(lda_table["topic"], lda_table["label"]))
    ks = sorted(int(k) for k in sweep["k"])
    at_edge = ("largest" if chosen_k == ks[-1] and len(ks) > 1 else
               "smallest" if chosen_k == ks[0] and len(ks) > 1 else "inside")
    npmi, sd, umass, div = (_f(row[c], digits) for c in ("npmi", "npmi_sd", "umass", "diversity"))
    r_npmi, r_umass, r_div = (_f(lda[c], digits) for c in ("npmi", "umass", "diversity"))
    if zh:
        edge = {"largest": "它是尝试过的最大的 k",
                "smallest": "它是尝试过的最小的 k"}.get(at_edge, "它位于尝试范围之内")
        where = "遍历的样本" if sampled else "遍历"
        lines = [f"**选定 k = {chosen_k}**，依据第 2 节的规则（尝试过的 {len(sweep)} 个 k（{_ks(ks, language)}）中有 "
                 f"{n_clear} 个达到多样性标准 {min_diversity:g}）；{edge}。",
                 f"**k = {chosen_k} 时的一致性**：NPMI {npmi}（{where}各随机种子的平均值，标准差 {sd}），"
                 f"UMass {umass}，多样性 {div}；报告的模型：NPMI {r_npmi}，UMass {r_umass}，多样性 {r_div}。"]
    else:
        edge = {"largest": "the largest k tried", "smallest": "the smallest k tried"}.get(at_edge,
                                                                                         "inside the range tried")
        where = "the sweep's sample" if sampled else "the sweep"
        lines = [f"**Chosen k = {chosen_k}** by the rule of section 2 ({n_clear} of the {len(sweep)} k tried, "
                 f"{_ks(ks)}, cleared the diversity bar of {min_diversity:g}); it is {edge}.",
                 f"**Coherence at k = {chosen_k}:** NPMI {npmi} (mean over the seeds of {where}, sd "
                 f"{sd}), UMass {umass}, diversity {div}; the reported model: NPMI {r_npmi}, "
                 f"UMass {r_umass}, diversity {r_div}."]
    if k_stability is None or per_topic is None or "verdict" not in per_topic.columns:
        return bullet_list(lines)
    at = k_stability.set_index("k")
    here = at.loc[chosen_k]
    others = [pick(language, f"k = {k}: ", f"k = {k}：") + _f(at.loc[k, "jaccard_mean"], digits)
              for k in at.index if k != chosen_k]
    counts = per_topic["verdict"].value_counts()
    n_stable, n_border, n_unstable = (int(counts.get(v, 0)) for v in ("stable", "borderline", "unstable"))
    mean, j_sd, n_runs, n_pairs = (_f(here["jaccard_mean"], digits), _f(here["jaccard_sd"], digits),
                                   int(here["n_runs"]), int(here["n_pairs"]))
    stable = set(per_topic.loc[per_topic["verdict"] == "stable", "topic"].astype(int))
    found = set() if matches is None else set(matches.loc[matches["cosine"] >= same_cosine, "topic_a"].astype(int))
    firm = sorted(stable & found)
    if zh:
        lines.append(f"**k = {chosen_k} 时跨 {n_runs} 个随机种子的稳定性**：平均最佳匹配 Jaccard 系数 {mean}（基于 "
                     f"{n_pairs:,} 对运行的标准差 {j_sd}" + (f"；{'，'.join(others)}" if others else "")
                     + "）；" + f"{len(per_topic)} 个主题中，{n_stable} 个稳定（在每次重新拟合中都达到 "
                     f"{threshold:g}），{n_border} 个临界，{n_unstable} 个不稳定。")
        lines.append(f"**在这 {n_plans:,} 份要点中的可靠结果**："
                     f"{_list([_topic(t, names, language) for t in firm], _NAMED, language='zh')}——在每次重新拟合中"
                     f"都高于阈值，且 NMF 也找到了（余弦相似度 ≥ {same_cosine:g}）。" if firm else
                     f"**没有任何主题既在每次重新拟合中都稳定、又被 NMF 找到**（余弦相似度 ≥ {same_cosine:g}）：在这 "
                     f"{n_plans:,} 份要点中，应把这些主题视为语料的初步地图，而不是稳定的类别。")
        return bullet_list(lines)
    lines.append(f"**Stability over {count(n_runs, 'seed')} at k = {chosen_k}:** mean best-match "
                 f"Jaccard {mean} (sd {j_sd} over {count(n_pairs, 'pair')} of runs"
                 + (f"; {_list(others)}" if others else "") + f"); of {count(len(per_topic), 'topic')}, "
                 f"{n_stable} stable ({threshold:g} reached in every refit), "
                 f"{n_border} borderline, {n_unstable} not stable.")
    if firm:
        lines.append(f"**Firm result, in these {count(n_plans, 'plan')}:** "
                     f"{_list([_topic(t, names) for t in firm], _NAMED)} — above the threshold in every refit and "
                     f"found by NMF too (cosine ≥ {same_cosine:g}).")
    else:
        lines.append(f"**No topic is both stable in every refit and found by NMF** (cosine ≥ {same_cosine:g}): in "
                     f"these {count(n_plans, 'plan')}, read the topics as a first map of the corpus, not as stable "
                     "categories.")
    return bullet_list(lines)
