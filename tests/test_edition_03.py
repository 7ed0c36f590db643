"""The Chinese edition of notebook 03 (topic models): the real Chinese sentences of
:mod:`wpanalysis.statements.topics` and :mod:`wpanalysis.statements.topic_stability` for the
hand-made tables of ``tests/test_statements_topics.py`` (whose English sentences that file pins),
the tables as shown (:func:`wpanalysis.topic_reports.shown`) and the figures' words in both
languages (:mod:`wpanalysis.plots.topics`)."""

from __future__ import annotations

import json

import matplotlib
import numpy as np
import pandas as pd
import pytest

from tests.test_statements_topics import (
    DOCS,
    K_TABLE,
    PER_TOPIC,
    SWEEP,
    _dmr,
    _input_tables,
    _match,
    _Plan,
    _shares,
    _sweep,
    _tables,
)
from wpanalysis import config, labels
from wpanalysis import topic_reports as reports
from wpanalysis.plots import topics as topic_plots
from wpanalysis.statements import topic_stability
from wpanalysis.statements import topics as said

matplotlib.use("Agg")

ALLOW = ["labels.yaml", "tables/03_plan_topic_shares.csv"]
TOPICS = pd.DataFrame({"topic": [1, 2, 3], "label": ["甲", "乙", "丙"], "share": [0.5, 0.3, 0.2],
                       "n_items": [50, 30, 20], "npmi": [0.1, 0.3, 0.2]})
FACTS = pd.DataFrame({"measure": ["engine", "library and version", "inference", "iterations", "document–topic prior α",
                                  "topic–term prior η", "threads", "SIMD path", "item shares",
                                  "log-likelihood per token (all items, θ·φ)"],
                      "value": ["tomotopy", "tomotopy 0.14.0 (sse2)", "collapsed Gibbs sampling", 200, 0.125, 0.125, 1,
                                "sse2", "fold-in with the topics fixed", -5.593]})
WEIGHTS = pd.DataFrame({"topic": [1, 6], "n_plans": [9, 9], "plan_weighted": [0.148, 0.124],
                        "item_weighted": [0.158, 0.111], "difference": [0.010, -0.013], "plan_sd": [0.07, 0.056],
                        "plan_min": [0.035, 0.072], "plan_max": [0.229, 0.223]})
DMR = _dmr([("region", "central", 1, 1, 0.28, 0.07, 0.24, 10), ("region", "central", 1, 2, 0.72, 0.6, 0.9, 10),
            ("region", "east", 5, 1, 0.24, 0.07, 0.24, 20), ("region", "east", 5, 2, 0.76, 0.7, 0.9, 20),
            ("year", "2024", 9, 1, 0.5, 0.4, 0.6, 20), ("year", "2024", 9, 2, 0.5, 0.4, 0.6, 20)])


def _input_zh():
    items, tokens, dtm = _input_tables([True, True, False, False])
    model_input = items.assign(model_text=["title+body", "title+body", "title", "title"])
    common = pd.DataFrame({"token": ["推进"], "n_items": [2], "share": [0.5]})
    return said.describe_input(items, model_input, tokens, dtm, common, 0.3, {"b": "乙县 2024"}, language="zh")


def _lda_nmf_zh():
    summary, lda, nmf = _tables()
    matches = pd.DataFrame({"topic_a": [1, 2, 3], "topic_b": [2, 2, 1], "cosine": [0.72, 0.82, 0.92]})
    return topic_stability.describe_lda_nmf(summary, matches, lda, nmf, language="zh")


def _closing_zh():
    summary, lda, _ = _tables()
    summary["umass"], summary["diversity"] = [-1.415, -1.6], [0.9, 0.93]
    matches = pd.DataFrame({"topic_a": [1, 2, 3], "topic_b": [1, 2, 3], "cosine": [0.5, 0.5, 0.95]})
    sweep = _sweep([(2, 0.124, 0.007, -1.354, 0.900, 523.0), *SWEEP.itertuples(index=False)])
    return topic_stability.summarise(3, sweep, summary, K_TABLE, PER_TOPIC, lda, matches, 0.8, 0.5, n_plans=9,
                                     language="zh")


# --------------------------------------------------------------------------- the sentences


def test_zh_cannot_fit():
    text = said.cannot_fit(12, 40, 1, [3, 4, 5], 10, language="zh")
    assert text == (
        '**无法拟合主题模型**。矩阵含有来自 1 份要点的 12 个条目和 40 个词：k = 3–5 中没有一个能让每个主题至少有 10 个'
        '条目、且主题数不超过词数，因此跳过下面各节。')
    assert labels.foreign_words(text, "zh", allow=ALLOW) == []


def test_zh_cannot_fit0():
    text = said.cannot_fit(0, 0, 1, [3], 10, min_docs=2, language="zh")
    assert text == (
        '**无法拟合主题模型**。筛减后没有剩下任何词：一个词必须出现在至少 2 份要点中，而语料中含有实词的要点只有 1 份，'
        '因此跳过下面各节。')
    assert labels.foreign_words(text, "zh", allow=ALLOW) == []


def test_zh_input():
    text = _input_zh()
    assert text == (
        '模型读取来自 2 份要点的 **3 个条目**和 **1 个词**（筛减前为 2 个；保留了实词词元的 60%）。4 个条目中有 2 个没'
        '有正文，只以标题进入模型；它们来自 1 份要点：乙县 2024（全部 2 个）。有 1 个条目在筛减后没有剩下任何词，被排除'
        '在外。因过于常见（出现在超过 30% 的条目中）而删除的词：推进（50%）。')
    assert labels.foreign_words(text, "zh", allow=ALLOW) == []


def test_zh_setup():
    text = said.describe_sweep_setup(SWEEP[SWEEP["k"] < 5], [3, 4, 5], [0], n_items=5480, n_fit=45, language="zh")
    assert text == (
        '遍历尝试了 k = 3 和 4，每个 k 用 1 个随机种子（0）：共 2 次 LDA 拟合，外加 2 次留出集拟合，使用从 5,480 个条目'
        '中随机抽取的 45 个（随机种子 0）；下方报告的模型使用全部条目拟合；k = 4 时每个主题平均有 11 个条目。k = 5 被排'
        '除：在遍历所拟合的样本上，每个主题的条目不足 10 个。')
    assert labels.foreign_words(text, "zh", allow=ALLOW) == []


def test_zh_kchoice():
    text = said.describe_k_choice(SWEEP, 3, 0.8, language="zh")
    assert text == (
        '只有 k = 3 达到多样性标准 0.8（0.844）；k = 4 和 5 低于该标准（多样性 0.760–0.775）。**选定 k = 3**：唯一达到'
        '该标准的 k。k = 4 的 NPMI 更高（0.139），但低于多样性标准（0.775）；差距为 0.005，在随机种子之间的离散范围之内'
        '（标准差 0.020）：数据不能清楚地区分两者。留出集困惑度在 k = 3 时最低，即选定的 k（510；范围 510–525）；UMass '
        '在 k = 4 时最好（−1.403）。')
    assert labels.foreign_words(text, "zh", allow=ALLOW) == []


def test_zh_kchoice_none():
    sweep = _sweep([(3, 0.10, 0.0, -1.5, 0.7, np.nan), (4, 0.12, 0.0, -1.4, 0.6, np.nan)])
    text = said.describe_k_choice(sweep, 4, 0.8, language="zh")
    assert text == (
        '没有任何 k 达到多样性标准 0.8（最高为 0.700，在 k = 3），因此全部 k 参与比较。**选定 k = 4**：平均 NPMI 最高（'
        '0.120）。次优的 k = 3（NPMI 0.100）低 0.020（只有一个随机种子：没有随机种子之间的离散程度可供比较）。UMass 在 '
        'k = 4 时最好，即选定的 k（−1.400）。')
    assert labels.foreign_words(text, "zh", allow=ALLOW) == []


def test_zh_topics():
    text = said.describe_topics(TOPICS, language="zh")
    assert text == (
        '这 3 个主题各占条目的 20% 到 50%（主题 1「甲」最大：是 50 个条目的主导主题）。一致性最高的是主题 2（乙，NPMI 0'
        '.300）；最低的是主题 1（甲，0.100）。')
    assert labels.foreign_words(text, "zh", allow=ALLOW) == []


def test_zh_labels_stale():
    match = _match([(1, "甲", 1, 7, 2, True), (2, "乙", 2, 3, 0, False)])
    text = said.describe_labels(match, "labels.yaml", 3, language="zh")
    assert text == (
        '`labels.yaml` 中的 2 个标签有 1 个与拟合出的主题匹配（该主题按权重排前 10 位的词包含其每个核对词、标签只由核对'
        '词构成、且标签记录的词至少有 50% 在这前 10 位之中）并被采用（主题 1）；其余 1 个不匹配而被忽略：乙（最接近的候'
        '选：主题 2，共有 3 个词）。主题 2 和 3 以其前三个主要词语表示。')
    assert labels.foreign_words(text, "zh", allow=ALLOW) == []


def test_zh_labels_none():
    match = _match([(1, "甲", 1, 2, 0, False), (2, "乙", 3, 4, 1, False)])
    text = said.describe_labels(match, "labels.yaml", 3, language="zh")
    assert text == (
        '`labels.yaml` 中的 2 个标签没有一个与拟合出的主题匹配（该主题按权重排前 10 位的词包含其每个核对词、标签只由核'
        '对词构成、且标签记录的词至少有 50% 在这前 10 位之中；最接近的共有 4 个词）：它们是为其他语料或其他设定撰写的，'
        '因此被忽略。主题 1、2 和 3 以其前三个主要词语表示。')
    assert labels.foreign_words(text, "zh", allow=ALLOW) == []


def test_zh_labels_missing():
    text = said.describe_labels(_match([], found=False), "labels.yaml", 4, language="zh")
    assert text == (
        '`labels.yaml` 中没有这个模型的标签：全部 4 个主题都以其前三个主要词语表示。')
    assert labels.foreign_words(text, "zh", allow=ALLOW) == []


def test_zh_rep():
    rep = pd.DataFrame({"topic": [1, 1, 2, 2, 3, 3], "document": ["甲", "甲", "甲", "乙", "丙", "甲"]})
    text = said.describe_representatives(rep, language="zh")
    assert text == (
        '主题 1 显示的 2 个条目全部来自同一份要点（甲）：这样的主题可能只是该要点自己的措辞，而不是各要点共有的主题——在'
        '为它标注之前，请阅读它的更多条目。主题 2 和 3 显示的条目来自 2 份要点。')
    assert labels.foreign_words(text, "zh", allow=ALLOW) == []


def test_zh_docshares():
    shares = _shares({"a": [0.6, 0.4], "b": [0.3, 0.7], "c": [0.5, 0.5]})
    text = said.describe_document_shares(shares, DOCS, {1: "甲"}, {"a": "A 市"}, language="zh")
    assert text == (
        '每份要点都把条目分布在全部 2 个主题上：每份要点在每个主题上的占比都在 30% 到 70% 之间。最偏向各主题的要点——主'
        '题 1（甲）：A 市（0.60）；主题 2：b（0.70）。有 1 份要点只依据条目标题（b）：其占比只能说明标题点到了哪些主题'
        '，而不能说明每个主题占了多少篇幅。')
    assert labels.foreign_words(text, "zh", allow=ALLOW) == []


def test_zh_docshares2():
    shares = _shares({"a": [0.95, 0.05], "c": [0.5, 0.5]})
    text = said.describe_document_shares(shares, DOCS, max_plans=1, language="zh")
    assert text == (
        '占比从 5% 到 95% 不等；2 份要点中有 1 份至少在一个主题上的占比低于 10%。最偏向各主题的要点——主题 1：a（0.95）'
        '；主题 2：c（0.50）。共有 2 份要点（超过 1 份），因此图中显示的是各主题在各份要点中占比的分布，而不是每份要点'
        '一行。')
    assert labels.foreign_words(text, "zh", allow=ALLOW) == []


def test_zh_ldanmf():
    text = _lda_nmf_zh()
    assert text == (
        '两个模型都找到了以下对应主题：LDA 主题 3（丙） ↔ NMF 主题 1（A）（余弦相似度 0.92）。LDA 的主题 1 和 2 都最接'
        '近 NMF 的主题 2（B）（余弦相似度 0.72 和 0.82）：NMF 用一个主题涵盖了 LDA 分开的内容。NMF 的主题 3（C）不是任'
        '何 LDA 主题的最佳匹配：占条目的 7%，是 10 个条目的主导主题。LDA 的主题更一致（NPMI 0.160 对 0.090；UMass −1.40'
        '0 对 −1.600）。NMF 的主题更多样（0.930 对 0.900）。LDA 的主题规模更均衡（占比 31%–35%，对比 7%–49%）。')
    assert labels.foreign_words(text, "zh", allow=ALLOW) == []


def test_zh_edge_req():
    text = said.describe_sweep_edge(range(2, 9), 8, range(2, 11), language="zh")
    assert text == (
        '**k = 8 是遍历尝试过的最大 k**（k = 2–8）：所要求的更大的 k 因每个主题的条目太少而被排除，因此无法从本语料判断'
        '更细的划分是否得分更高。')
    assert labels.foreign_words(text, "zh", allow=ALLOW) == []


def test_zh_engine():
    text = said.describe_engine(FACTS, language="zh")
    assert text == (
        'LDA 模型由 tomotopy 0.14.0 (sse2) 拟合：塌缩吉布斯抽样；200 次迭代；先验 α = 0.125 和 η = 0.125；1 个线程；条'
        '目占比：固定主题后折入推断；每词元对数似然 −5.593。')
    assert labels.foreign_words(text, "zh", allow=ALLOW) == []


def test_zh_stab_k():
    text = topic_stability.describe_stability_over_k(K_TABLE, 3, 0.5, [0, 1, 2, 3, 4], 273, 273, language="zh")
    assert text == (
        '每个 k 都用 5 个随机种子（0、1、2、3 和 4）在全部 273 个条目上重新拟合。主要词语的平均最佳匹配 Jaccard 系数——k'
        ' = 2：0.650（标准差 0.120，范围 0.500–0.833，基于 10 对运行；2 个主题中有 1 个在每次重新拟合中都达到 0.5）；k '
        '= 3（选定）：0.426（标准差 0.068，范围 0.329–0.548，基于 10 对运行；3 个主题中有 0 个在每次重新拟合中都达到 0.'
        '5）；k = 4：0.410（标准差 0.050，范围 0.330–0.500，基于 10 对运行；4 个主题中有 0 个在每次重新拟合中都达到 0.5'
        '）。在选定的 k = 3 处，平均值比阈值 0.5 低 0.074。主题在 k = 2 时（0.650）比在选定的 k 时更能重现：选择 k 的规'
        '则权衡的是一致性和多样性，而不是稳定性。')
    assert labels.foreign_words(text, "zh", allow=ALLOW) == []


def test_zh_stab_t():
    text = topic_stability.describe_topic_stability(PER_TOPIC, {3: "校园·管理·强化"}, 0.5, language="zh")
    assert text == (
        '主题 1 **不稳定**：在 4 次重新拟合中有 2 次达到 0.5（平均 0.471，比阈值 0.5 低 0.029；范围 0.250–0.667）；它在'
        '相邻 k 上的最佳匹配：k = 2 时为 0.602，k = 4 时为 0.469。主题 2 **稳定**：在全部 4 次重新拟合中都达到 0.5（平'
        '均 0.700，比阈值 0.5 高 0.200；范围 0.538–0.818）；它在相邻 k 上的最佳匹配：k = 2 时为 0.650，k = 4 时为 0.600'
        '。主题 3（校园·管理·强化）**临界**：其平均值达到 0.5，但在 4 次重新拟合中有 2 次低于它（平均 0.548，比阈值 0.5'
        ' 高 0.048；范围 0.429–0.667）——就现有证据而言并不稳健；它在相邻 k 上的最佳匹配：k = 2 时为 0.473，k = 4 时为 0'
        '.520。主题 1 和 3 的主题—词权重仍指向同一方向（平均余弦相似度 ≥ 0.8）：各次重新拟合在大方向上一致，只是在相邻'
        '主题之间对条目的划分不同——应把这些主题放在一起阅读。')
    assert labels.foreign_words(text, "zh", allow=ALLOW) == []


def test_zh_weighting():
    text = said.describe_weighting(WEIGHTS, {6: "培训·完善·机制"}, language="zh")
    assert text == (
        '声明的规则以要点为准：每份要点权重为 1，因此一个主题在语料中的占比是 9 份要点占比的平均值（`plan_weighted`）；'
        '`item_weighted` 把每个条目计一次，因此条目多的要点权重更大。在这 9 份要点中，两者最多相差 0.013（主题 6（培训·'
        '完善·机制）：按要点加权为 0.124，按条目加权为 0.111）。各份要点差别最大的是主题 1：其占比从 0.035 到 0.229 不'
        '等。')
    assert labels.foreign_words(text, "zh", allow=ALLOW) == []


def test_zh_plantable():
    text = said.describe_plan_table(180, 30, "tables/03_plan_topic_shares.csv", language="zh")
    assert text == (
        '共有 180 份要点（超过 30 份），因此不显示按要点的表，而是写入 `tables/03_plan_topic_shares.csv`（每份要点一行'
        '）；上表给出各份要点占比的分布。')
    assert labels.foreign_words(text, "zh", allow=ALLOW) == []


def test_zh_closing2():
    text = _closing_zh()
    assert text == (
        '- **选定 k = 3**，依据第 2 节的规则（尝试过的 4 个 k（k = 2–5）中有 2 个达到多样性标准 0.8）；它位于尝试范围之'
        '内。\n- **k = 3 时的一致性**：NPMI 0.134（遍历各随机种子的平均值，标准差 0.020），UMass −1.421，多样性 0.844；'
        '报告的模型：NPMI 0.160，UMass −1.415，多样性 0.900。\n- **k = 3 时跨 5 个随机种子的稳定性**：平均最佳匹配 Jacc'
        'ard 系数 0.426（基于 10 对运行的标准差 0.068；k = 2：0.650，k = 4：0.410）；3 个主题中，1 个稳定（在每次重新拟'
        '合中都达到 0.5），1 个临界，1 个不稳定。\n- **没有任何主题既在每次重新拟合中都稳定、又被 NMF 找到**（余弦相似'
        '度 ≥ 0.9）：在这 9 份要点中，应把这些主题视为语料的初步地图，而不是稳定的类别。')
    assert labels.foreign_words(text, "zh", allow=ALLOW) == []


def test_zh_rule2():
    text = said.describe_sweep_rule(_Plan(5480, 1000, [2, 3], [0], [0, 1, 2]), 1000, language="zh")
    assert text == (
        '遍历和稳定性重新拟合使用从 5,480 个条目中随机抽取的 1,000 个（超过 `sweep_max_items` = 1,000），因此其开销不再'
        '随语料增长；报告的模型和 NMF 使用全部条目。按照规则，要尝试 2 个 k（k = 2 和 3），遍历中每个 k 用 1 个随机种子'
        '，稳定性重新拟合用 3 个随机种子（0、1 和 2）。')
    assert labels.foreign_words(text, "zh", allow=ALLOW) == []


def test_zh_dmr():
    text = said.describe_dmr(DMR, {1: "义务教育与幼儿园"}, language="zh")
    assert text == (
        '按地区，主题 1（义务教育与幼儿园）的差异最大：中部 0.280（1 份要点：即该份要点本身，而不是一个组；95% 区间 0.0'
        '70–0.240），对比东部 0.240（5 份要点；95% 区间 0.070–0.240）；区间重叠：这些要点无法区分这两个取值。按年份，每'
        '份要点的取值都相同（2024）：没有可比较的内容。在 6 个“取值 × 主题”单元中，有 1 个的全样本拟合占比落在其自身的'
        '自助区间之外：重新拟合不能重现它，因此应把这些占比视为尚无定论。区间：20 次按要点自助重抽样的重新拟合，每次使'
        '用各自的随机种子；区间涵盖要点的抽样和抽样器随机种子的影响，不涵盖其他设定；它们是对这些要点的描述，而不是检验'
        '。')
    assert labels.foreign_words(text, "zh", allow=ALLOW) == []


def test_zh_nodmr():
    text = said.no_dmr(["region", "year"], 20, language="zh")
    assert text == (
        '不做 DMR：在这些要点中，登记表的列 `region` 和 `year` 都没有两个不同的取值（或者无法拟合主题模型），因此没有可'
        '建模的内容。')
    assert labels.foreign_words(text, "zh", allow=ALLOW) == []


def test_the_moved_statements_are_still_reachable_from_topics():
    assert topic_stability.no_refits("zh")
    with pytest.raises(AttributeError):
        said.no_such_statement  # noqa: B018


def test_english_is_the_default_and_other_languages_are_refused():
    assert said.describe_plan_table(9, 30, "x.csv") == said.describe_plan_table(9, 30, "x.csv", language="en")
    with pytest.raises(ValueError, match="language"):
        said.describe_plan_table(9, 30, "x.csv", language="fr")


# --------------------------------------------------------------------------- the tables as shown


def test_shown_tables_have_chinese_headers_and_words():
    per_topic = PER_TOPIC.assign(name=["甲", "乙", "丙"])
    assert reports.shown(per_topic, "en") is per_topic
    zh = reports.shown(per_topic, "zh")
    assert zh.columns.tolist() == ["主题", "平均 Jaccard 系数", "Jaccard 系数标准差", "最低 Jaccard 系数",
                                   "最高 Jaccard 系数", "重新拟合次数", "达到阈值的次数", "平均值减阈值",
                                   "平均余弦相似度", "判定", "k = 2 时的 Jaccard 系数", "k = 4 时的 Jaccard 系数",
                                   "名称"]
    assert zh["判定"].tolist() == ["不稳定", "稳定", "临界"]
    facts = reports.shown(FACTS, "zh")
    assert facts.columns.tolist() == ["数量类型", "数值"]
    assert facts.iloc[2].tolist() == ["推断方法", "塌缩吉布斯抽样"] and facts.iloc[3].tolist() == ["迭代次数", 200]
    wide = reports.shown(reports.dmr_wide(DMR, {1: "义务教育与幼儿园"}), "zh")
    assert wide.columns.tolist()[:3] == ["协变量", "取值", "要点份数"]
    assert wide[["协变量", "取值"]].values.tolist() == [["地区", "中部"], ["地区", "东部"], ["年份", "2024"]]
    labelled = reports.shown(pd.DataFrame({"topic": [1, 2], "label": ["甲", "a·b"], "gloss": ["x", ""],
                                           "labelled": [True, False]}), "zh")
    assert labelled.columns.tolist() == ["主题", "名称", "已命名"] and labelled["已命名"].tolist() == ["是", "否"]
    for table in (zh, facts, wide, labelled):
        header = " ".join(map(str, table.columns))
        assert labels.foreign_words(header, "zh") == []


# --------------------------------------------------------------------------- the figures


def _figures(language: str) -> list:
    rng = np.random.default_rng(0)
    sweep = _sweep([(k, 0.1 + k / 100, 0.01, -1.4, 0.9 - k / 50, 500.0 - k) for k in range(2, 7)])
    shares = pd.DataFrame({"doc_id": np.repeat(["a", "b", "c"], 3), "topic": np.tile([1, 2, 3], 3),
                           "share": rng.dirichlet(np.ones(3), size=3).ravel()})
    many = pd.DataFrame({"doc_id": np.repeat([f"plan_{i:02d}" for i in range(40)], 3),
                         "topic": np.tile([1, 2, 3], 40), "share": rng.dirichlet(np.ones(3), size=40).ravel()})
    names = {1: "义务教育与幼儿园", 2: "高校·企业·合作"}
    return [topic_plots.plot_k_sweep(sweep, chosen_k=4, min_diversity=0.8, n_plans=3, n_items=120, n_fit=100,
                                     language=language),
            topic_plots.plot_document_topics(shares, names, {"a": "宁波 2024", "b": "吉首 2023"}, language=language),
            topic_plots.plot_document_topics(many, names, max_plans=30, language=language)]


@pytest.mark.parametrize("language", ["zh", "en"])
def test_figures_speak_one_language(language):
    import matplotlib.pyplot as plt

    names = ["义务教育与幼儿园", "高校·企业·合作"]
    data = [*names, "宁波 2024", "吉首 2023", *(p for n in names for w in (6, 14) for p in topic_plots._short(n, w, 2))]
    for fig in _figures(language):
        texts = labels.figure_strings(fig)
        assert texts
        for text in texts:
            assert labels.foreign_words(text, language, allow=data) == [], text
        plt.close(fig)


def test_english_figures_name_an_unnamed_topic_in_english():
    import matplotlib.pyplot as plt

    figs = _figures("en")
    texts = labels.figure_strings(figs[1])
    assert "3\ntopic 3" in texts
    assert any(t.startswith("Topic composition of each work plan (N = 3 plans") for t in texts)
    assert figs[0]._suptitle.get_text() == ("Choosing the number of topics k (N = 3 plans, random sample of 100 / 120 "
                                            "items)\ndashed line: chosen k = 4")
    for fig in figs:
        plt.close(fig)


# --------------------------------------------------------------------------- the notebook passes the language on


def test_notebook_passes_the_language_to_every_statement_plot_and_table():
    nb = json.loads((config.NOTEBOOKS_DIR / "03_topic_modelling.ipynb").read_text(encoding="utf-8"))
    code = ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]
    calls = [line for cell in code for line in cell.split("said.")[1:]]
    assert calls and all("language" in line.split("))")[0] or "language=language" in line for line in calls)
    assert all("language=language" in cell for cell in code if "topic_plots." in cell or "show_figure(" in cell)
    shown_last = [cell.strip().splitlines()[-1] for cell in code if ".round(3)" in cell.strip().splitlines()[-1]]
    assert shown_last and all("reports.shown(" in line for line in shown_last)
    assert not any("print(" in cell for cell in code)
