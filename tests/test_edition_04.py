"""The Chinese edition of notebook 04 (regional comparison): its generated sentences, its tables and its
figures in Chinese, and its figures in English.

The sentences are asserted exactly, on the small hand-made tables the English tests use
(tests/test_statements_comparison.py) and on the frozen seed corpus; every Chinese text must hold no
English word (`labels.foreign_words`), every English figure no Chinese one except the corpus's own words.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from tests.seeds import SEED_RAW, SEED_REGISTRY  # noqa: E402
from tests.test_statements_comparison import _plan  # noqa: E402
from wpanalysis import compare, labels  # noqa: E402
from wpanalysis.build import build_corpus  # noqa: E402
from wpanalysis.coding.agreement import GoldStatus  # noqa: E402
from wpanalysis.coding.codebook import NONE, assign_domains, load_codebook  # noqa: E402
from wpanalysis.coding.profiles import domain_profile  # noqa: E402
from wpanalysis.plots import compare as compare_plots  # noqa: E402
from wpanalysis.plots import domains as domain_plots  # noqa: E402
from wpanalysis.registry import doc_labels  # noqa: E402
from wpanalysis.statements import comparison as said  # noqa: E402
from wpanalysis.statements import comparison_robustness as robust  # noqa: E402
from wpanalysis.statements import comparison_texts as texts  # noqa: E402


@pytest.fixture(scope="module")
def corpus():
    built = build_corpus(SEED_REGISTRY, SEED_RAW)
    return built.documents, built.items


@pytest.fixture(scope="module")
def codebook():
    return load_codebook()


def _chinese(text: str, allow: list[str] | tuple[str, ...] = ()) -> str:
    assert labels.foreign_words(text, "zh", allow=allow) == [], text
    return text


# --------------------------------------------------------------------------- hand-made tables (as the English tests)


def test_plans_and_groups_in_chinese():
    docs = pd.DataFrame({"doc_id": list("abcd"), "completeness": ["full", "full", "outline-only", None]})
    assert _chinese(said.describe_plans(docs, pd.DataFrame({"doc_id": list("aabcd")}), language="zh")) == (
        "**4 份要点**（5 个条目）；2 份有正文（全文 2 份）；1 份仅有提纲：其条目只有标题；1 份未记录完整程度。")
    assert said.describe_plans(docs.iloc[0:0], pd.DataFrame({"doc_id": []}), language="zh") == \
        "**没有要点**：语料为空，无可比较。"
    assert _chinese(said.describe_groups(_plan(), 2, {"h": "宁波 2025"}, language="zh"), ["宁波 2025"]) == (
        "一个组至少需要 2 份要点；较小的组若合计达到 2 份要点，则合并为“其他”，否则排除。\n"
        "- **地区**：“东部”（4 份要点）；不足 2 份要点的组合并为“其他”（2 份要点）：“西部”（1）和“东北”（1）；"
        "2 份要点未记录（“未记录”：列出，但从不参与比较）。没有要点属于“中部”。\n"
        "- **年份**：“2024”（7 份要点）；因要点太少而排除：“2025”（1 份要点：宁波 2025）——该分组内无可比较的组。")


def test_confounds_gold_and_rows_in_chinese():
    both = pd.DataFrame({"grouping_a": ["region", "admin_level"], "group_a": ["unknown", "county"], "n_a": [3, 2],
                         "relation": ["same plans", "inside"], "grouping_b": ["completeness", "completeness"],
                         "group_b": ["outline-only", "outline-only"], "n_b": [3, 3]})
    assert _chinese(said.describe_confounds(both, language="zh")) == (
        "分组之间相互纠缠，其差异无法区分：\n- 地区“未记录”与完整程度“仅提纲”包含相同的 3 份要点。\n"
        "- 行政层级“县”的全部 2 份要点都属于完整程度“仅提纲”（后者共 3 份）。")
    missing = said.describe_gold(GoldStatus("data/annotations/domains_gold.csv", False), "x = 1", language="zh")
    assert _chinese(missing).startswith("本语料没有人工编码样本（`data/annotations/domains_gold.csv` 不存在）")
    assert said.describe_rows(30, 180, "pair", "the five most and five least alike", language="zh") == \
        "仅列出 180 对要点中的前 30 对（最相似的五对和最不相似的五对）。"


def test_differences_rates_and_prevalence_in_chinese():
    diffs = pd.DataFrame({"grouping": ["admin_level", "admin_level"], "group_a": ["city", "city"],
                          "group_b": ["county", "county"], "domain": ["sport", "sport"], "value_a": [0.0, 0.1],
                          "value_b": [0.077, 0.2], "diff": [-0.077, -0.1], "n_docs_a": [5, 5], "n_docs_b": [1, 1],
                          "n_items_a": [173, 173], "n_items_b": [38, 38]})
    text = said.describe_group_differences(diffs, {"sport": "社会体育与竞技体育"}, language="zh")
    assert _chinese(text) == (
        "差异最大的是：社会体育与竞技体育在行政层级“地级市”（5 份要点、173 个条目）的条目中占 0.000，而在“县”"
        "（1 份要点、38 个条目）中占 0.077。最大的 2 个差异全部涉及社会体育与竞技体育：当不同分组包含相同要点时，"
        "同一对比会以多个名义出现。只有一份要点的组：行政层级“县”——与它的差异就是那一份要点的差异。")
    rates = pd.DataFrame({"group": ["city", "county"], "domain": ["sport", "sport"], "per_10k": [8.2, 96.0]})
    assert _chinese(said.describe_rates(rates, diffs.iloc[0], {"sport": "体育"}, ["county"], language="zh")) == (
        "按每万词计算，这一对比依然成立：体育在“地级市”中每万词匹配 8 次，在“县”中为 96 次。“县”只从标题读出，"
        "而标题中政策词语密集：不能与其他组的比率相比。")
    prevalence = pd.DataFrame({"grouping": ["region"] * 2, "group": ["east", "west"], "n_docs": [5, 1],
                               "n_items": [50, 9], "topic": [1, 1], "label": ["发展·实施", "发展·实施"],
                               "mean": [0.3, 0.5], "ci_low": [0.2, np.nan], "ci_high": [0.4, np.nan],
                               "unit": ["plan", "plan"]})
    assert _chinese(said.describe_prevalence(prevalence, language="zh")) == (
        "差距最大的是：主题 1（发展·实施）在地区中，“东部”为 0.300 [0.200, 0.400]（5 份要点、50 个条目），"
        "“西部”为 0.500（1 份要点、9 个条目）；有组太小，无法给出按要点重抽的区间：仅作描述。"
        "各主题的组均值介于 0.300 与 0.500 之间。"
        "只有一份要点的组：地区“西部”——其均值描述的是那一份要点，而不是一类教育局。")


def test_keyness_and_similarity_in_chinese():
    table = pd.DataFrame({"token": ["高校", "学科", "教体"], "g2": [20.0, 12.0, -15.0],
                          "significant": [True, True, True], "docs_target": [1, 1, 1], "docs_reference": [1, 1, 1]})
    members = pd.DataFrame({"doc_id": ["a", "b"], "group": ["target", "reference"], "n_tokens": [3555, 2430]})
    text = texts.describe_keyness(table, members, "宁波 2024", "吉首 2023", groups=False, language="zh")
    assert _chinese(text, ["宁波 2024", "吉首 2023"]) == (
        "宁波 2024（3,555 个实词）对吉首 2023（2,430 个实词）：检验了 3 个词，经 Bonferroni 校正后显著的有 3 个："
        "高校、学科（宁波 2024）；教体（吉首 2023）。校正后留下的很少：其余关键词只是细读的线索，而不是发现。"
        "一方只有一份要点时，这比较的是文本，而不是各类教育局：无法做以要点为单位的检验。")
    summary = pd.DataFrame({"doc_id": ["a", "b", "c"], "n_nearest_of": [2, 1, 0], "mean": [0.6, 0.55, 0.5]})
    pairs = pd.DataFrame({"doc_a": ["a", "a", "b"], "doc_b": ["b", "c", "c"], "cosine": [0.65, 0.55, 0.48]})
    within = pd.DataFrame({"group_a": ["east", "east"], "group_b": ["east", "west"], "mean": [0.6, 0.5],
                           "n_pairs": [1, 2]})
    names = {"a": "宁波 2024", "b": "county_a_2024", "c": "吉首 2023"}
    text = texts.describe_similarity(summary, pairs, names, within, "region", language="zh")
    assert _chinese(text, [*names.values()]) == (
        "在 3 份全文要点（3 对）之间，余弦相似度介于 0.48 与 0.65 之间——彼此相似程度大致相同，共享这一文体的词汇。"
        "最常成为另一份要点最近邻的是宁波 2024（在其余 2 份中占 2 份）。平均而言与其他要点最不相似的是吉首 2023"
        "（平均余弦相似度 0.50）。同一地区内的要点对平均为 0.60，跨地区的要点对平均为 0.50：地区内的要点比跨地区的要点"
        "更相似。")
    assert texts.describe_pair_choice(("b", "c", False), "region", {"b": 10, "c": 9}, names, language="zh") == (
        "没有两个地区都有带正文的要点，因此要点对是最长的两份全文要点：county_a_2024（10 个实词）和吉首 2023"
        "（9 个实词）。")


def test_robustness_and_limits_in_chinese():
    d = pd.DataFrame({"diff_all": [0.17, -0.1], "diff_title": [0.08, -0.06], "diff_text": [0.17, np.nan],
                      "same_sign": [True, True]})
    fit = pd.DataFrame({"group": ["a", "b"], "r": [0.6, 0.9], "same_top": [True, False],
                        "none_title": [0.06, 0.21]})
    text = robust.describe_domain_robustness(d, fit, {"a": "宁波 2024", "b": "吉首 2023"}, language="zh")
    assert _chinese(text, ["宁波 2024", "吉首 2023"]) == (
        "最大的 2 个差异在两组都存在的每种依据上都保持方向；只看标题时，差异的大小通常缩小（比值中位数 0.54）。"
        "其中 1 个无法在全文上测量：有组没有带正文的要点，因此只在计入标题时才存在。按要点看，从标题读出的领域构成"
        "与全文构成的相关为 r = 0.60–0.90（中位数 0.75）；2 份中有 1 份的最大领域相同。r 低于 0.7 的要点：宁波 2024"
        "（0.60）。只看标题时，每份要点有 6%–21% 的条目无法归入任何领域。")
    rules = [("a vs c", "doc_id", "a", "c"), ("region: east vs west", "region", "east", "west")]
    comparisons = robust.name_comparisons(rules, {"a": "宁波 2024", "c": "吉首 2023"}, "zh")
    assert [c[0] for c in comparisons] == ["宁波 2024 对 吉首 2023", "地区：东部 对 西部"]
    assert robust.describe_closing({"相似度": "余弦相似度介于 0.48 与 0.65 之间。其余从略。"}, language="zh") == \
        "- **相似度**：余弦相似度介于 0.48 与 0.65 之间。"


# --------------------------------------------------------------------------- the frozen seed corpus


def test_seed_corpus_sentences_in_chinese(corpus):
    documents, items = corpus
    allow = labels.corpus_words(documents)
    assert _chinese(said.describe_plans(documents, items, language="zh"), allow) == (
        "**9 份要点**（274 个条目）；6 份有正文（全文 5 份、部分 1 份）；3 份仅有提纲：其条目只有标题。")
    plan = compare.plan_groups(documents, ["region", "admin_level"], 2)
    text = said.describe_groups(plan, 2, doc_labels(documents), language="zh")
    assert _chinese(text, allow).splitlines()[2] == (
        "- **行政层级**：“地级市”（5 份要点）、“县级市”（2 份要点）和“县”（2 份要点）。没有要点属于“省级”或“区”。")
    grouped = compare.regroup(documents, plan)
    confounds = compare.confounded_groups(grouped, ["region", "admin_level"], 2)
    sizes = compare.group_sizes(grouped, items, ["region", "admin_level"])
    limits = robust.describe_limits(documents, sizes, plan, confounds, {"a": 3, "b": 1}, doc_labels(documents),
                                    language="zh")
    assert _chinese(limits, allow).splitlines()[0] == (
        "- **组规模**：9 份要点，其中 6 份有正文；保留的组各有 2–5 份要点，因此组间差异是少数几个教育局之间的差异，"
        "而不是不同类型地方之间的差异。")


def test_displayed_tables_have_chinese_headers(corpus):
    documents, items = corpus
    plan = compare.plan_groups(documents, ["region", "admin_level"], 2)
    sizes = compare.group_sizes(compare.regroup(documents, plan), items, ["region", "admin_level"])
    shown = said.displayed(sizes, "zh")
    assert [labels.foreign_words(str(c), "zh") for c in shown.columns] == [[] for _ in shown.columns]
    assert set(shown.iloc[:, 0]) <= {"地区", "行政层级"} and "地级市" in set(shown.iloc[:, 1])
    assert said.displayed(sizes, "en") is sizes


# --------------------------------------------------------------------------- figures


def _figures(corpus, codebook, language):
    documents, items = corpus
    assigned = assign_domains(items, codebook)
    by_doc = domain_profile(assigned, documents, "doc_id", codebook)
    by_group = domain_profile(assigned, documents, ["region", "admin_level"], codebook)
    prevalence = pd.DataFrame([("region", g, 5, 100, t, f"主题{t}", 0.3, 0.2, 0.4, "plan")
                               for g in ("east", "unknown") for t in (1, 2)],
                              columns=["grouping", "group", "n_docs", "n_items", "topic", "label", "mean", "ci_low",
                                       "ci_high", "unit"])
    keyness = pd.DataFrame({"token": ["高校", "教体"], "g2": [20.0, -15.0], "log_ratio": [1.2, -0.8],
                            "significant": [True, False]})
    frame = pd.DataFrame({"region": ["east", "unknown"], "admin_level": ["city", "county"], "year": ["2024", "2025"],
                          "remit": ["education", "education and sports"], "completeness": ["full", "outline-only"],
                          "n_plans": [3, 2], "plans": ["", ""]})
    groups = pd.Series({d: domain_plots.group_name("region", "east", language) for d in by_doc["group"].unique()})
    return [domain_plots.plot_domains_by_document(by_doc, codebook, 3, groups=groups, group_name="x",
                                                  language=language),
            domain_plots.plot_domain_bars(by_doc, codebook, labels=doc_labels(documents), language=language,
                                          marks={documents["doc_id"].iloc[0]: domain_plots.group_name(
                                              "completeness", "outline-only", language)}),
            domain_plots.plot_domain_heatmap(by_group[by_group["domain"] != NONE], codebook, language=language),
            compare_plots.plot_prevalence(prevalence, language=language),
            compare_plots.plot_keyness_bars(keyness, target="宁波 2024", reference="吉首 2023", language=language),
            compare_plots.plot_clustermap(pd.DataFrame([[1.0, 0.3, 0.5], [0.3, 1.0, 0.4], [0.5, 0.4, 1.0]],
                                                       index=list("abc"), columns=list("abc")), language=language),
            compare_plots.plot_sample_frame(frame, language=language)]


def test_figures_in_chinese_hold_no_english_word(corpus, codebook):
    allow = [*labels.corpus_words(corpus[0]), "主题1", "主题2"]
    for fig in _figures(corpus, codebook, "zh"):
        found = {t: labels.foreign_words(t, "zh", allow=allow) for t in labels.figure_strings(fig)}
        assert {t: w for t, w in found.items() if w} == {}
        plt.close(fig)


def test_figures_in_english_hold_no_chinese_except_the_corpus_words(corpus, codebook):
    allow = [*labels.corpus_words(corpus[0]), "主题1", "主题2", "高校", "教体"]
    texts_seen = []
    for fig in _figures(corpus, codebook, "en"):
        strings = labels.figure_strings(fig)
        texts_seen += strings
        found = {t: labels.foreign_words(t, "en", allow=allow) for t in strings}
        assert {t: w for t, w in found.items() if w} == {}
        plt.close(fig)
    assert "east (5 plans / 100 items)" in texts_seen and "significant after Bonferroni correction" in texts_seen
