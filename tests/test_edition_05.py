"""The Chinese edition of notebook 05 (issue 21): the exact Chinese sentence of the statements of
wpanalysis.statements.targets (and its target_plans / target_evaluation parts) for the tables the
English tests use, no English word in them, and the figures of wpanalysis.plots.targets in each language."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
import regex  # noqa: E402

from tests.seeds import SEED_PROCESSED  # noqa: E402
from tests.test_statements_targets import (  # noqa: E402
    LABELS,
    REFS,
    _domains,
    evaluation,
    group_tests,
    headline,
    loo,
    measures_per_doc,
    per_doc,
    summary,
)
from wpanalysis import labels  # noqa: E402
from wpanalysis.build import load_corpus  # noqa: E402
from wpanalysis.plots.targets import plot_plan_rates, plot_shared_indicators, plot_targets_by_domain  # noqa: E402
from wpanalysis.registry import doc_labels  # noqa: E402
from wpanalysis.statements.targets import (  # noqa: E402
    closing_statement,
    concordance_lines,
    concordance_statement,
    domains_statement,
    evaluation_statement,
    group_tests_statement,
    headline_loo_statement,
    lines_statement,
    measures_statement,
    no_sample_statement,
    rate_loo_statement,
    reference_statement,
    section_statement,
    shared_statement,
    table_view,
    targets_overview,
    weighting_statement,
    who_coded,
)
from wpanalysis.targets import targets_table  # noqa: E402
from wpanalysis.targets.indicators import shared_indicators  # noqa: E402
from wpanalysis.targets.tables import attach_domains, targets_per_document  # noqa: E402

ALLOW = [*LABELS.values(), "score_sample", "README"]


def zh(text: str) -> str:
    """*text*, after checking that a Chinese reader sees no English word in it."""
    assert labels.foreign_words(text, "zh", allow=ALLOW) == [], text
    return text


# --------------------------------------------------------------------------- targets per plan


def test_overview_zh():
    assert zh(targets_overview(per_doc([], []), language="zh")) == "没有登记任何要点，因此没有可统计的量化目标。"
    assert zh(targets_overview(per_doc([1], [10]), LABELS, language="zh")) == (
        "唯一的一份要点中共有 **1 条量化目标**；其 10 个条目中有 1 个至少提出一条。")
    table = per_doc([5, 3, 2, 0], [10, 10, 10, 0], ["full", "full", "partial", "outline-only"])
    assert zh(targets_overview(table, LABELS, language="zh")) == (
        "4 份要点中的 3 份共有 **10 条量化目标**；这些要点的 40 个条目中有 10 个至少提出一条。丁市 2025 没有提出量化"
        "目标；"
        "它没有正文，因此其零值不说明该教育局的任何情况。目标最多的要点是甲市 2024，提出 5 条（50%）；加上第二多的乙"
        "县 2024，"
        "共 8 条（80%）。按每 10 个有正文的条目计，3 份有正文的要点从 2.0（丙区 2023）到 5.0（甲市 2024）不等；中位"
        "数 3.0。")
    mixed = per_doc([4, 0, 0, 0], [10, 0, 10, 0], ["full", "outline-only", "full", "outline-only"])
    assert "乙县 2024、丙区 2023 和丁市 2025 没有提出量化目标（其中 2 份没有正文）。" in zh(
        targets_overview(mixed, LABELS, language="zh"))
    assert "乙县 2024 没有提出量化目标，尽管它有正文。" in zh(
        targets_overview(per_doc([4, 0], [10, 10]), LABELS, language="zh"))


def test_section_and_domains_zh():
    sections = pd.DataFrame({"section": pd.array([1, 2], dtype="Int64"), "section_title": ["学前", "义教"],
                             "n_items": [2, 3], "n_targets": [1, 3]})
    assert zh(section_statement(per_doc([2, 4], [10, 10]), sections, LABELS, language="zh")) == (
        "按部分统计目标最多的要点：乙县 2024（4 条目标）。其中目标最多的是第 2 部分“义教”（3 条，75%）。")
    per_domain, with_domains = _domains([("学前", "a", 1)] * 4 + [("学前", "a", 2), ("学前", "b", 1), ("义教", "b", 1)])
    assert zh(domains_statement(per_domain, with_domains, LABELS, language="zh")) == (
        "量化目标最多的领域是学前（6）和义教（1）。在这些领域中，一份要点就提出了学前（甲市 2024，6 条中的 5 条）一半"
        "以上的"
        "目标；一个条目就提出了学前（甲市 2024 第 1 条，6 条中的 4 条）一半以上的目标。在最多要点中设有量化目标的领域是"
        "学前（2 份要点）。")


def test_shared_zh():
    coverage = pd.DataFrame({"zh": ["毛入园率", "新增学位", "近视率"], "n_docs": [2, 3, 0]})
    shared = pd.DataFrame({"year": [pd.NA, 2025, pd.NA, pd.NA, pd.NA]})
    assert zh(shared_statement(coverage, shared, n_body_plans=4, language="zh")) == (
        "3 项列出的指标中，有 2 项至少由 2 份要点提出：新增学位（3 份要点）和毛入园率（2）。没有哪项指标由 4 份有正文"
        "的要点中"
        "超过 3 份提出；1 项列出的指标没有任何要点提出。5 个共有数值中有 1 个注明了目标年份；其余针对要点本身的年份。")


# --------------------------------------------------------------------------- measures and the plan as the unit


def test_measures_and_weighting_zh():
    text = measures_statement(measures_per_doc([1, 1, 0], [2, 1, 0], [0, 0, 0], [0, 0, 4]), LABELS, language="zh")
    assert zh(text) == (
        "在 9 条量化目标中，2 条表述水平（达到95%），3 条表述相对变化（下降1%：指标自身数值的百分比），0 条表述绝对变化"
        "（提高2个百分点），4 条表述数量（新增学位1200个）。相对变化出现在 2 份要点中（甲市 2024 和乙县 2024）：它们"
        "以指标"
        "自身数值的百分比计，而非百分点，因此下面没有任何表格或图形把它们与水平或以百分点计的变化放在同一坐标轴上，"
        "或相加成一个总数。")
    text = weighting_statement(summary(3, (5.0, 4.0, 6.0, 40.0, 35.0, 45.5),
                                       {"level": (0.30, 0.32), "absolute change": (0.0, 0.0), "amount": (0.70, 0.68)}),
                               language="zh")
    assert zh(text).endswith(
        "在 3 份有正文的要点中，平均每份要点每 10 个有正文的条目提出 5.0 条目标（中位数 4.0；合并全部条目计算为 6.0），"
        "每万字提出 40.0 条（中位数 35.0；合并计算为 45.5）。各类量占一份要点目标的比例，等权（合并计算）："
        "水平 30%（32%）和数量 70%（68%）。两种加权方式之间，没有哪一比例的变动达到 5 个百分点。")


def test_group_tests_zh():
    assert zh(group_tests_statement(pd.DataFrame(), 3, min_plans=2, language="zh")) == (
        "3 份有正文的要点中，没有哪种分组有两个各含至少 2 份要点的组，因此无法进行要点层面的比较：在这 3 份要点中"
        "，仅作描述。")
    text = group_tests_statement(group_tests([0.001, 0.2], [True, True], [True, False]), 60, language="zh")
    assert zh(text) == (
        "事先声明的检验族包含 2 次检验（1 对组 × 2 个比率），每次都是对要点均值之差的置换检验（每份要点权重为 1），并"
        "在全部"
        "检验上进行 Benjamini–Hochberg 和 Bonferroni 校正。其中 2 次检验在现有组规模下能达到 p < 0.05；经 "
        "Benjamini–Hochberg 校正后显著的有 1 次，经 Bonferroni 校正后显著的有 1 次。最小的 p 值：每 10 个有正文条目的"
        "目标数，"
        "地区中的“东部”（40 份要点，均值 12.0）对“中部”（20 份要点，8.0），p = 0.001（BH 0.002，Bonferroni 0.002）。"
        "因此：在要点层面，基于这 60 份要点。")


def test_leave_one_out_zh():
    table = loo([8.0, 7.0, 3.0], 6.0, full_median=4.0).assign(median=[8.0, 7.0, 3.0])
    assert zh(rate_loo_statement(table, "targets per 10,000 characters", LABELS, language="zh")) == (
        "逐一去掉一份要点（3 份有正文的要点），每万字的目标数的等权平均在 3.0 到 8.0 之间变动（全部要点：6.0），中位"
        "数在 "
        "3.0 到 8.0 之间变动（全部要点：4.0）。去掉丙区 2023 时平均值变动最大：变为 3.0，变动 -3.0（为全部要点数值的"
        " 50%）。")
    text = headline_loo_statement(headline(0.5, 0.1), loo([-0.1, 0.9, 0.3, 0.5], 0.4), LABELS, language="zh")
    assert zh(text).startswith(
        "主要差异（规则：两组要点均值在每 10 个有正文条目的目标数上的最大差距）：地区“东部”（2 份要点，均值 0.5）对“"
        "中部”"
        "（2 份要点，0.1），差异为 0.40。")
    assert zh(headline_loo_statement(None, None, min_plans=3, language="zh")) == (
        "没有哪种分组有两个各含至少 3 份有正文要点的组，因此没有可以检验逐一去掉一份要点后是否稳健的组间差异。")


def test_reference_zh():
    values = pd.DataFrame({"indicator_id": ["g", "g", "m", "m"], "doc_id": ["a", "b", "a", "b"],
                           "unit": ["%", "%", "%", "百分点"],
                           "measure": ["level", "level", "relative change", "absolute change"]})
    assert zh(reference_statement(values, REFS, language="zh")) == (
        "- **毛入园率**：国家参照值（≥ 90 %，2025 年）属于水平（%）；2 个要点数值（2 份要点）属于同一类型，可以与之对"
        "照。\n"
        "- **近视率年降幅**：国家参照值（≥ 0.5 百分点，2023 年）属于绝对变化（百分点）；2 个要点数值（2 份要点）中有 "
        "1 个属于"
        "另一类型，即相对变化（%）：指标自身数值 1% 的变化不等于 1 个百分点的变化，因此不与之对照。")


# --------------------------------------------------------------------------- evaluation


def test_evaluation_zh():
    table = evaluation([("dev", 30, 40, 40, 40, 1.0, 1.0, 1.0, 0.8, 0.95),
                        ("heldout", 30, 60, 60, 57, 0.95, 0.95, 1.0, 0.7, 0.9),
                        ("all", 60, 100, 100, 97, 0.97, 0.97, 1.0, 0.74, 0.92)])
    assert zh(evaluation_statement(table, n_docs=5, language="zh")) == (
        "人工标注样本（`data/annotations/targets_gold.csv`）列出 5 份要点的 60 个条目，含 100 条目标。精确率为 "
        "0.970（97/100），召回率为 0.970（97/100）。按子样本：开发集的精确率为 1.000，召回率为 1.000（30 个条目中的 "
        "40 条目标）；留出集的精确率为 0.950，召回率为 0.950（30 个条目中的 60 条目标）。两者都不低于 0.9：对于与此类"
        "似的"
        "要点，上面的计数可以视为各份要点的量化目标。抽取器找到一条目标时，其文本范围与标注完全一致的比例为 100%，指"
        "标措辞"
        "一致的比例为 74%（字符重叠 F1 0.92）。\n\n*由谁标注。* `data/annotations/README.md` 没有记录由谁编码这一样本："
        "引用这些分数之前，请按角色记录下来。由规则作者标注的样本或规则据以编写的样本，其分数只是上限。留出集若是在规"
        "则冻结后"
        "只评分一次，则是更公允的数字。")
    low = evaluation([("all", 50, 40, 30, 24, 0.8, 0.6, 0.9, 0.5, 0.8)])
    assert "精确率和召回率都低于 0.9：依赖上面的计数之前，请先阅读误报与漏报" in zh(
        evaluation_statement(low, n_docs=3, n_left_out=1, name="x.csv", language="zh"))
    assert zh(who_coded("the extractor's author alone", language="zh")) == (
        "*由谁标注。* `data/annotations/README.md` 的记录（原文）：`the extractor's author alone`。编码者就是规则的作者"
        "（抽取器的规则由同一人编写）：规则作者所做的核查不等于编码者间信度，这些分数只是上限。")
    assert zh(no_sample_statement(n_items=40, seed=2, language="zh")).endswith(
        "```python\nevaluate.draw_sample(corpus.items, n_items=40, seed=2, path=paths.annotations / "
        "\"targets_sample.csv\")\n```")


# --------------------------------------------------------------------------- concordances and closing


def test_concordance_zh():
    terms = pd.DataFrame({"term": ["双减", "县管校聘", "课后服务"], "n_docs": [2, 0, 1], "n_hits": [4, 0, 1],
                          "n_items": [3, 0, 1], "n_targets": [2, 0, 0], "n_docs_with_targets": [1, 0, 0]})
    before = {"双减": pd.Series({"落实": 2, "巩固": 1}), "课后服务": pd.Series(dtype=int)}
    after = {"双减": pd.Series({"政策": 3}), "课后服务": pd.Series({"质量": 1})}
    assert zh(concordance_statement(terms, before, after, top=1, language="zh")) == (
        "- **双减**：在 2 份要点的 3 个条目中出现 4 次；这些条目提出 2 条目标，分布在 1 份要点中。紧挨在它前面的词："
        "落实 ×2；"
        "紧跟在它后面的词：政策 ×3。\n- **县管校聘**：本语料中没有出现。\n- **课后服务**：在 1 份要点的 1 个条目中出"
        "现 1 次；"
        "这些条目都没有提出目标。紧挨在它前面的词：无；紧跟在它后面的词：质量。")
    assert zh(lines_statement("双减", 30, 1200, language="zh")) == (
        "**双减**：1,200 处中的 30 处，分散取自各份要点（先取每份要点的第一处，再取第二处……）：")
    hits = pd.DataFrame({"doc_id": ["a", "b"], "item_number": [1, 12], "left": ["落实", "x"], "match": ["双减", "双减"],
                         "right": ["政策", "成果"], "responsible_units": ["", ""]})
    assert concordance_lines("双减", hits, 2, LABELS, language="zh") == (
        "**双减**：全部 2 处：\n\n```text\n甲市 2024:1   落实 双减 政策\n乙县 2024:12     x 双减 成果\n```")
    assert concordance_lines("双减", hits.iloc[:0], 0) == "**双减** — no hit."


def test_closing_zh():
    table = per_doc([5, 3, 1], [10, 10, 0], ["full", "full", "outline-only"])
    scores = evaluation([("all", 60, 100, 100, 97, 0.97, 0.97, 1.0, 0.74, 0.92)])
    text = closing_statement(table, pd.DataFrame({"zh": ["毛入园率"], "n_docs": [2]}), scores,
                             coder="the extractor's author alone", tests=group_tests([0.3], [False], [False]),
                             language="zh")
    assert zh(text) == (
        "- 3 份要点中共有 **9 条量化目标**；其中 8 条见于 2 份有正文的要点。\n"
        "- 共有指标 1 项（由 2 份或更多要点提出），提出最广的一项见于 2 份要点。\n"
        "- 抽取器：在人工标注样本上精确率 0.970（97/100），召回率 0.970（97/100）；由规则作者编码：这是一项核查，不是"
        "编码者间"
        "信度。\n- **要点分组。** 在登记表分组之间比较目标比率：在这 2 份要点中，仅作描述。\n"
        "- **样本量小。** 有正文的要点 2 份（少于 30 份）：请把这些表格读作对这几份要点的描述，而不是对教育局总体的描"
        "述。"
        "目标多的要点可能只是采用了容易写出数字的格式（带标签的字段、汇总条目）。")


def test_table_view_localises_values_and_headers():
    tests = group_tests([0.001], [True], [True]).assign(status=["interval"])
    shown = table_view(tests, "zh")
    assert shown["组 A"].tolist() == ["东部"] and shown["分组方式"].tolist() == ["地区"]
    assert shown["比率"].tolist() == ["每 10 个有正文条目的目标数"] and shown["能否达到显著性水平"].tolist() == ["是"]
    assert all(labels.foreign_words(str(c), "zh") == [] for c in shown.columns)
    assert table_view(tests, "en") is tests
    coverage = pd.DataFrame({"zh": ["毛入园率"], "en": ["gross enrolment rate"], "n_docs": [2]})
    assert table_view(coverage, "zh").columns.tolist() == ["中文", "要点份数"]


# --------------------------------------------------------------------------- figures


@pytest.fixture(scope="module")
def seed() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    built = load_corpus(SEED_PROCESSED)
    return built.documents, built.items, targets_table(built.items)


_HAN = regex.compile(r"\p{Han}")


@pytest.mark.parametrize("language", ["en", "zh"])
def test_figures_speak_the_language(seed, language):
    documents, items, found = seed
    names = doc_labels(documents)
    shared = shared_indicators(found, documents)
    with_domains = attach_domains(found, items)
    per_doc = targets_per_document(found, items, documents)
    data = [*names, *shared["indicator_zh"], *shared["unit"], *labels.corpus_words(documents)]
    figures = [plot_shared_indicators(shared, names, language=language),
               plot_targets_by_domain(with_domains, names, language=language),
               plot_plan_rates(per_doc, names, language=language),
               plot_targets_by_domain(with_domains.iloc[:0], language=language)]
    for fig in figures:
        texts = labels.figure_strings(fig)
        plt.close(fig)
        if language == "zh":
            assert [w for t in texts for w in labels.foreign_words(t, "zh", allow=data)] == []
        else:  # English figures: Han characters only in the corpus's own words (plan labels, indicators, units)
            assert [t for t in texts if _HAN.search(t) and labels.foreign_words(t, "en", allow=data)] == []
