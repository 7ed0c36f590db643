"""The Chinese edition of notebook 02 (keywords): the real Chinese sentences of
wpanalysis.statements.keywords for the tables the English tests use, no English word in them,
and the term figures in each language (Chinese: no English word; English: no Han character but
the data — terms and plan labels)."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from tests.seeds import SEED_PROCESSED  # noqa: E402
from tests.test_statements_keywords import DOCS, MEMBERS, PAIRS, _counts, _groups, _key, _with_without  # noqa: E402
from wpanalysis import features, labels, registry, segment  # noqa: E402
from wpanalysis.build import load_corpus  # noqa: E402
from wpanalysis.plots import terms as term_plots  # noqa: E402
from wpanalysis.plots.style import set_house_style  # noqa: E402
from wpanalysis.statements import keywords as said  # noqa: E402

CITY = ("city", "county-level city")


def _no_english(text: str, allow: list[str] | tuple[str, ...] = ()) -> None:
    assert labels.foreign_words(text, "zh", allow=allow) == [], text


# --------------------------------------------------------------------------- the hand-made tables


def test_plans_with_text_in_chinese():
    counts = _counts([("a", "宁波 2024", "full", 5_000, 3_600), ("b", "荣成 2025", "partial", 2_400, 1_500),
                      ("c", "某县 2024", "outline-only", 98, 91), ("d", "d", "", 12, 10)])
    text = said.plans_with_text(counts, language="zh")
    assert text == (
        "**4 份要点中有 2 份有正文**（1 份全文、1 份部分保留），计入下文：共 7,400 个词元，其中 5,100 个是实词词元"
        "（不属于任何停用词层）。部分保留的要点（荣成 2025）只计入保留下来的条目，而不是整份要点。仅提纲的要点"
        "（某县 2024）只提供条目标题，共 98 个词元；它不参与词频比较，只参与新词发现。1 份要点未记录完整程度，"
        "按无正文处理。")
    _no_english(text)
    assert said.plans_with_text(_counts([]), language="zh") == "语料中没有要点，无可计数。"


def test_plans_and_clouds_shown_in_chinese():
    assert said.plans_shown(9, 9, "plans", "tokens", language="zh") == "显示全部 9 份要点，按登记表顺序排列。"
    assert said.plans_shown(12, 13, "plans", "tokens", language="zh") == (
        "显示 13 份要点中最大的 12 份（按词元数），按登记表顺序排列；其余 1 份未显示。")
    assert said.plans_shown(1, 1, language="zh") == "显示这一份有正文的要点。"
    assert said.clouds_shown(11, 180, language="zh") == (
        "180 份有正文的要点中最大的 11 份各画一幅词云（按实词词元数），按登记表顺序排列；其余 169 份合并为一幅。")


def test_boilerplate_change_in_chinese():
    kept = [("工作", 50, True)] + [(f"t{i:02d}", 40 - i, False) for i in range(9)]
    removed = [(f"t{i:02d}", 40 - i, False) for i in range(9)] + [("校园", 20, True)]
    text = said.boilerplate_change(_with_without(kept, removed, 10_000, 9_500), language="zh")
    assert text == (
        "删除“政策套话”停用词层后，前 10 个高频词中有 1 个移出列表：“工作”（第 1 位，每万词元 50.0 次）；“校园”进入"
        "列表。其余各词的频率都上升 5.3%，因为剩余 9,500 个词元，而不是 10,000 个。列表中 10% 的词发生了变化，因此在"
        "这一选择下列表稳定（稳定：至多 10% 的词发生变化）。")
    _no_english(text)


def test_top_terms_and_tfidf_in_chinese():
    t = pd.DataFrame({"doc_id": ["a", "a", "b"], "token": ["双减", "双减", "教师"]})
    assert said.top_terms(t, n=1, language="zh") == (
        "在 2 份有正文的要点中，最常见的实词是“双减”（每万实词词元 6666.7 次）；前 1 个词占全部 3 个实词词元的 "
        "66.7%。这 1 个词中没有一个出现在每一份要点中。")
    t = pd.DataFrame({"doc_id": ["a", "a", "b", "b", "c", "c"],
                      "token": ["教育", "宁波市", "教育", "河源", "教育", "双减"]})
    d = pd.DataFrame({"doc_id": ["a", "b", "c"], "rank": [1, 1, 1], "token": ["宁波市", "河源", "双减"]})
    text = said.tfidf_distinctive(t, t[t["token"] != "教育"], d, DOCS, language="zh")
    assert text == (
        "在全部 3 份要点中都出现的词（4 个词中的 1 个）在排序前删除。3 份要点中有 2 份的前 1 个特色词包含登记表中的"
        "地名（“宁波市”和“河源”）：地名把一份要点标记为它自己的；`compare.drop_place_names` 可以删除它们。")
    _no_english(text)
    raw = pd.DataFrame({"doc_id": ["a", "b", "c"], "rank": [1, 1, 1], "token": ["教育"] * 3})
    assert said.tfidf_raw(raw, t, language="zh") == (
        "全部 3 份要点的原始 TF-IDF 首位词都出现在每一份要点中（“教育”）：它的 `idf` 处于下限 1，排序由频次决定，"
        "原始排序重复了词频表。")


def test_contrast_choice_in_chinese_names_groups_and_reasons():
    groups = _groups([("city", 4, True, ""), ("county-level city", 2, True, ""),
                      ("district", 2, False, "not among the 2 largest groups"),
                      ("unknown", 1, False, "value not recorded")])
    text = said.contrast_choice(groups, CITY, "admin_level", 2, language="zh")
    assert text == (
        "有正文的要点按行政层级分组：地级市 4 份、县级市 2 份、区 2 份、未记录 1 份。比较其中至少有 2 份要点的最大"
        "两组：**地级市**（4 份，目标组）与 **县级市**（2 份，参照组）。未参与比较的组：区（2 份：不在最大的 2 个组"
        "之中）；未记录（1 份：取值未记录）。")
    _no_english(text)


def test_keyness_result_in_chinese():
    key = _key([("高校", 20.5, 2.64, True, 2, 1), ("宁波", 19.1, 4.54, True, 1, 0), ("双减", 1.0, 0.1, False, 2, 1),
                ("教体", -24.2, -4.96, True, 1, 1)])
    text = said.keyness_result(key, MEMBERS, CITY, n=1, column="admin_level", language="zh")
    assert text == (
        "**地级市**（2 份，5,000 个实词词元：宁波 2024 和深圳 2024）与 **县级市**（1 份，1,500 个实词词元："
        "吉首 2023）。"
        "两组合计至少出现 5 次的 4 个词参加检验；经 Bonferroni 校正（p × 4 < 0.05）后**有 3 个显著**：2 个在地级市要点"
        "中更常见，1 个在县级市要点中更常见。\n\n"
        "- 在地级市要点中更常见：“高校”（G² = 20.5，对数比 +2.64；出现在 2 份地级市要点中的 2 份、1 份县级市要点中的 "
        "1 份）\n"
        "- 在县级市要点中更常见：“教体”（G² = 24.2，对数比 -4.96；出现在 2 份地级市要点中的 1 份、1 份县级市要点中的 "
        "1 份）\n\n"
        "“宁波”是由多份要点组成的组的关键词，但只出现在其中一份要点中：它是那一份要点的词，而不是整组的词。\n\n"
        "这一检验的单位是词元：每组的词元合并计算，因此一份反复使用某个词的要点，与几份各用一次的要点分量相同。结果描述"
        "的是这 3 份要点的措辞，而不是地级市与县级市教育局之间的差异；下文以要点为单位的检验回答这个问题。")
    _no_english(text)
    assert said.keyness_result(None, None, None, language="zh") == "跳过组间关键性检验（没有可比较的两组，见上文）。"


def test_plan_pair_network_discovery_in_chinese():
    places = pd.DataFrame({"token": ["宁波", "吉首市", "教师"], "significant": [True, True, True]})
    text = said.plan_pair(places, ("宁波 2024", "吉首 2023"), CITY, DOCS, "admin_level", "zh")
    assert text == (
        "在两份单独的要点之间做同样的检验，取两组中各自最大的一份（按实词词元数）：宁波 2024（地级市）与吉首 2023"
        "（县级市）。3 个词参加检验；经 Bonferroni 校正后有 3 个显著，其中 2 个是登记表中的地名（“宁波”和“吉首市”）。"
        "每侧只有一份要点时，比较的是两篇文本，而不是两类教育局：无法进行以要点为单位的检验。")
    _no_english(text)
    text = said.network(PAIRS, PAIRS.iloc[:3], 40, 0.2, 5, max_nodes=4, language="zh")
    assert text == (
        "前 40 个高频实词中，有 6 个由 3 个词对相连（NPMI ≥ 0.2，且至少在 5 个条目中共现）：体系–健全（0.39）、"
        "改革–深化（0.39）和开展–活动（0.33）。图中绘出连接最多的 4 个词。")
    assert said.discovery(pd.DataFrame({"term": ["积极培育"]}), 3, 796, language="zh") == (
        "从全部 3 份要点的条目文本（796 字）中，只有一个候选词达到阈值：“积极培育”。")
    text = said.discovery(pd.DataFrame({"term": []}), 3, 796, language="zh")
    assert text.endswith("降低 `min_count` 可以看到较弱的候选词。")
    _no_english(text)


def test_in_short_in_chinese():
    ww = _with_without([("工作", 50, True)], [("双减", 40, False)], 1_000, 950)
    key = _key([("高校", 20.5, 2.64, True, 2, 1), ("双减", 9.0, 1.0, False, 2, 1)]).assign(
        significant_bh=[True, True], significant_bh_plan=[False, False], min_p_plan=[1 / 3, 1 / 3],
        p_plan=[1 / 3, 1.0])
    text = said.in_short(3, 3, ww.iloc[:0], CITY, key, MEMBERS, "admin_level", language="zh")
    assert text == (
        "**小结**。全部 3 份要点都有正文，均已计入。以合并的词元计算，地级市与县级市的对比经 Bonferroni 校正后有 1 个"
        "显著词（经 Benjamini–Hochberg 校正后 2 个）；以要点为单位，组的大小为 2 份和 1 份时，任何检验都无法达到 "
        "p < 0.05（可达到的最小 p 值为 0.333）——在这 3 份要点中，这是对这些要点措辞的描述，也是细读的起点，而不是关于"
        "教育局总体的发现。")
    _no_english(text)
    assert said.in_short(2, 3, ww, None, None, None, "region", language="zh") == (
        "**小结**。3 份要点中有 2 份有正文，均已计入。删除政策套话层改变了前 1 个高频词中的 1 个。按地区分组，没有"
        "两个组有足够的要点可供比较。")


def test_shown_tables_in_chinese():
    table = pd.DataFrame({"rank": [1], "kept_token": ["工作"], "kept_in_layer": [True], "removed_new": [False]})
    out = said.shown(table, "zh")
    assert out.columns.tolist() == ["排名", "保留的词", "保留词所在层", "新去除的词"]
    assert out.iloc[0].tolist() == [1, "工作", "是", "否"]
    assert said.shown(table, "en") is table and said.shown(None, "zh") is None


# --------------------------------------------------------------------------- the seed corpus


@pytest.fixture(scope="module")
def seed():
    corpus = load_corpus(SEED_PROCESSED)
    tokens = segment.tokenize_items(corpus.items, cache=False)
    content = segment.remove_stopwords(registry.keep_full_text(tokens, corpus.documents))
    return corpus.documents, tokens, content


def test_seed_statements_have_no_english_word(seed):
    documents, tokens, content = seed
    allow = labels.corpus_words(documents)
    doc_labels = registry.doc_labels(documents)
    counts = features.token_counts(tokens, documents, doc_labels)
    text = said.plans_with_text(counts, language="zh")
    assert text.startswith("**9 份要点中有 6 份有正文**（5 份全文、1 份部分保留），计入下文：")
    sentences = [text, said.top_terms(content, n=30, language="zh"),
                 said.tfidf_raw(features.tfidf_distinctive(content, top=3), content, language="zh")]
    for sentence in sentences:
        _no_english(sentence, allow)


def test_term_figures_in_each_language(seed):
    documents, _, content = seed
    set_house_style()
    freq = features.term_frequency(content)
    data = [*freq["token"], *labels.corpus_words(documents)]
    key = features.keyness(content[content["doc_id"] == "ningbo_2024"], content[content["doc_id"] != "ningbo_2024"])
    graph = features.cooccurrence_graph(features.cooccurrence(content, vocabulary=freq.head(20)["token"].tolist()),
                                        min_units=2)
    for language in ("zh", "en"):
        target, reference = said.group_names("admin_level", CITY, language, figure=True)
        figs = [term_plots.plot_top_terms(freq, n=10, title=said.top_terms_title(10, 6, language), language=language),
                term_plots.plot_keyness(key, n=5, target=target, reference=reference,
                                        title=said.keyness_title("admin_level", CITY, MEMBERS, language),
                                        language=language),
                term_plots.plot_network(graph, title=said.network_title(20, 6, 0.2, language), language=language),
                term_plots.plot_wordclouds({said.others_pooled(language).format(n=3): {"双减": 2}},
                                           title=said.clouds_title(1, 4, 100, language), language=language)]
        for fig in figs:
            for text in labels.figure_strings(fig):
                assert labels.foreign_words(text, language, allow=data) == [], (language, text)
            plt.close(fig)
