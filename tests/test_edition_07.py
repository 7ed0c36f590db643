"""The Chinese edition of notebook 07: the real Chinese sentences of statements/continuity.py and
statements/network.py on the frozen seeds and the constructed series (the tables the English tests
use), with no English word left; the figures of plots/continuity.py and plots/network.py in each
language (Chinese: no English word; English: no Han characters but the corpus's own words)."""

from __future__ import annotations

from pathlib import Path

import matplotlib
import pandas as pd
import pytest

from tests.seeds import SEED_ANNOTATIONS, SEED_PROCESSED
from wpanalysis import align, diffusion, labels, network, registry, units
from wpanalysis.build import load_corpus
from wpanalysis.plots import continuity as continuity_plots
from wpanalysis.plots import network as network_plots
from wpanalysis.statements import continuity as sc
from wpanalysis.statements import network as sn

matplotlib.use("Agg")
SERIES = Path(__file__).parent / "fixtures" / "series"


@pytest.fixture(scope="module")
def seeds():
    return load_corpus(SEED_PROCESSED)


@pytest.fixture(scope="module")
def series():
    return align.load_series(SERIES)


@pytest.fixture(scope="module")
def seed_units(seeds):
    unit_items = units.unit_table(seeds.items)
    return unit_items, units.plan_unit_summary(seeds.documents, seeds.items, unit_items)


def _allow(corpus) -> list[str]:
    return labels.corpus_words(corpus.documents)


def _chinese(text: str, allow: list[str] = ()) -> str:
    """*text*, after checking it has no English word (codes, acronyms and the corpus's words allowed)."""
    assert labels.foreign_words(text, "zh", allow=allow) == [], text
    return text


def test_alignment_in_chinese(seeds):
    table = align.align_plans(seeds, "hebei_city_2024", "shenzhen_2024")
    assert _chinese(sc.alignment_statement(table, language="zh")) == (
        "在阈值 0.2 下，**hebei_city_2024**（53 条）与 **shenzhen_2024**（34 条）共有 **15 条**条目（延续 0 条，"
        "调整 15 条）；hebei_city_2024 有 38 条条目在 shenzhen_2024 中没有对应条目，shenzhen_2024 有 19 条条目在 "
        "hebei_city_2024 中没有对应条目。")
    doc_labels = registry.doc_labels(seeds.documents)
    assert _chinese(sc.alignment_examples(table, n=1, labels=doc_labels, language="zh"), _allow(seeds)) == (
        "- 共有：河北某市 2024 39 坚持依法治教 ↔ 深圳 2024 30 强化依法治教（得分 0.64；共有术语：依法治教、矛盾、法治、"
        "管理、校园、加强、推进）\n"
        "- 仅见于 河北某市 2024：1 全面完成年度工作任务\n"
        "- 仅见于 深圳 2024：1 加强党对教育工作的全面领导")
    assert sc.no_pair_statement(seeds.documents.head(1), language="zh") == (
        "没有哪一年有两份全文要点（共 1 份要点，分布在 1 个年份），因此这里不对同一年份的两份要点进行对齐。")


def test_validation_says_who_aligned_in_chinese(seeds):
    gold = align.load_alignment_gold(SEED_ANNOTATIONS / align.ALIGNMENT_GOLD, seeds)
    curve = align.threshold_curve(gold, seeds)
    text = _chinese(sc.validation_statement(curve, language="zh"))
    assert text == ("在人工对齐的那一对要点上（由对齐方法的作者本人人工对齐：23 对条目），"
                    "阈值 0.2 下的自动配对给出 15 对，其中 11 对正确：精确率 0.73，召回率 0.48。"
                    "人工对齐的只有 23 对，每一对都会使召回率变化 0.04：这些数字只能作为粗略参考。")
    # who aligned stays as clear as in English: the author, or an independent coder
    assert "由一位独立编码员人工对齐" in sc.validation_statement(curve, who="an independent coder", language="zh")
    assert "aligned by the alignment's author" in sc.validation_statement(curve)
    empty = sc.validation_statement(curve.iloc[0:0], language="zh")
    assert _chinese(empty).startswith("本语料没有自己的人工对齐要点对")


def test_continuity_and_attention_in_chinese(series):
    ct = align.continuity_table(series)
    assert _chinese(sc.continuity_statement(ct, language="zh")).splitlines() == [
        "- 示例省/示例市/示例县，2022 → 2023：前一年 8 条中，延续 4 条、调整 3 条、未延续 1 条；"
        "后一年 8 条中新增 1 条。",
        "- 示例省/示例市/示例县，2023 → 2024：前一年 8 条中，延续 4 条、调整 2 条、未延续 2 条；"
        "后一年 8 条中新增 2 条。"]
    shift = align.attention_shift(series, continuity=ct)
    assert _chinese(sc.attention_statement(shift, n=2, language="zh")).splitlines() == [
        "- 示例省/示例市/示例县 2023 年：教育数字化 −12.5 个百分点（去掉的条目：6 推进教育信息化建设）",
        "- 示例省/示例市/示例县 2023 年：体美劳与健康 +12.5 个百分点（新增条目：6 加强学生心理健康教育）"]
    assert _chinese(sc.continuity_statement(ct.iloc[0:0], language="zh")).startswith("本语料中没有哪个教育局")


def test_diffusion_in_chinese(series):
    text = _chinese(sc.diffusion_limits_statement(series.documents, language="zh"))
    assert text.splitlines()[0] == ("共 4 份要点，来自 2 个教育局，跨 3 个年份（2022–2024）；"
                                    "其中 1 个教育局有两个及以上年份的要点。")
    assert "被观察到一个以上年份的教育局有 1 个，太少，不足以建立事件史模型" in text
    first = diffusion.first_use(series, ["双减", "教育家精神", "教联体"])
    assert _chinese(sc.first_use_statement(first, n=2, language="zh")) == (
        "在这些要点中找到的 3 个术语里，有 1 个首次出现于最近的年份 2024 年：教联体（示例县）；使用最广的是"
        "双减（4 份要点中有 3 份，75%）和教育家精神（4 份要点中有 2 份，50%）。")
    assert sc.first_use_statement(first.iloc[0:0], language="zh") == "这些要点中没有找到任何一个术语。"


def test_units_in_chinese(seeds, seed_units):
    unit_items, summary = seed_units
    doc_labels = registry.doc_labels(seeds.documents)
    allow = _allow(seeds)
    assert _chinese(sn.units_overview(summary, doc_labels, language="zh"), allow) == (
        "9 份要点中有 2 份列出了责任单位（荣成 2025 和宁波 2024）；7 份没有列出（河北某市 2024、深圳 2024、"
        "unknown_city_2024、county_a_2024、county_b_2024、吉首 2023 和河源 2025）。在列出单位的要点中，有单位的 59 条"
        "条目里有 56 条（95%）列出了不止一个单位（其中 53 条列出了不止一个具名单位，不计“各学校”之类的集合名称）。")
    assert _chinese(sn.unknown_units_statement(units.unknown_units(unit_items), n_listed=len(unit_items),
                                               language="zh")) == (
        "要点中出现的每个单位名称都已收录在别名表（`wpanalysis/resources/unit_aliases.yaml`）中。")
    unknown = pd.DataFrame({"spelling": ["质学校", "某办"], "n_items": [18, 1]})
    assert _chinese(sn.unknown_units_statement(unknown, language="zh")) == (
        "有 2 种单位写法未收录在别名表中，按原样保留：质学校（18 条）和某办（1 条）。如果它们指的是已知单位，"
        "请把它们添加到 `wpanalysis/resources/unit_aliases.yaml`。")


def test_network_statements_in_chinese(seeds, seed_units):
    unit_items, summary = seed_units
    doc_labels = registry.doc_labels(seeds.documents)
    allow = _allow(seeds)
    nodes, _ = network.network_tables(unit_items)
    assert _chinese(sn.central_units_statement(nodes, top=3, labels=doc_labels, language="zh"), allow) == (
        "- 荣成 2025（17 个单位）：与其他单位共同承担条目最多的是基础教育科（25）、教研中心（19）和督导室（13）；"
        "中介作用最强的（中介中心性）是基础教育科（0.27）、职业教育科（0.25）和教研中心（0.23）。\n"
        "- 宁波 2024（22 个单位）：与其他单位共同承担条目最多的是基础教育处（42）、教研室（36）和职业教育处（33）；"
        "中介作用最强的（中介中心性）是宣德处（0.13）、基础教育处（0.13）和计划财务处（0.11）。")
    assert _chinese(sn.central_units_statement(nodes, top=1, max_plans=1, language="zh")) == (
        "2 份要点列出了单位，多于逐份描述的上限 1 份：以下为合并网络。\n\n"
        "- 全部要点合并（38 个单位）：与其他单位共同承担条目最多的是基础教育处（42）；中介作用最强的（中介中心性）"
        "是办公室（0.51）。")
    load = units.lead_load(unit_items)
    assert _chinese(sn.lead_load_statement(load, summary, top=3, labels=doc_labels, language="zh"), allow) == (
        "- 荣成 2025：在有单位的 28 条条目中，各单位牵头的条目数：政工科（7）、基础教育科（5）和职业教育科（5）。\n"
        "- 宁波 2024：在有单位的 31 条条目中，各单位牵头的条目数：基础教育处（5）、职业教育处（3）和高等教育处（3）。")
    assert _chinese(sn.lead_load_statement(load, summary, top=1, max_plans=1, language="zh")) == (
        "- 全部要点合并：政工科牵头的条目最多（在有单位的 59 条条目中牵头 7 条，12%）。")
    assert sn.lead_load_statement(load.iloc[0:0], summary, language="zh") == (
        "没有一份要点列出责任单位，因此没有单位牵头任何条目。")


def _figures(seeds, series, seed_units, language: str) -> list:
    unit_items, _ = seed_units
    doc_labels = registry.doc_labels(seeds.documents)
    ct = align.continuity_table(series)
    return [continuity_plots.plot_alignment(align.align_plans(seeds, "hebei_city_2024", "shenzhen_2024"),
                                            doc_labels, language=language),
            continuity_plots.plot_attention_shift(align.attention_shift(series, continuity=ct), language=language),
            continuity_plots.plot_adoption(diffusion.adoption_by_year(series), n_terms=5, language=language),
            network_plots.plot_unit_networks(unit_items, len(seeds.documents), labels=doc_labels, language=language),
            network_plots.plot_lead_load(units.lead_load(unit_items), len(seeds.documents), labels=doc_labels,
                                         language=language)]


@pytest.mark.parametrize("language", ["zh", "en"])
def test_figures_speak_one_language(seeds, series, seed_units, language):
    import matplotlib.pyplot as plt

    unit_items, _ = seed_units
    data = [*_allow(seeds), *labels.corpus_words(series.documents), *unit_items["unit"].astype(str),
            *diffusion.adoption_by_year(series)["term"], *align.attention_shift(series)["bureau"]]
    for fig in _figures(seeds, series, seed_units, language):
        strings = labels.figure_strings(fig)
        plt.close(fig)
        for text in strings:
            assert labels.foreign_words(text, language, allow=data) == [], (language, text)
        if language == "en":
            assert any("plans" in s for s in strings)
        else:
            assert any("份" in s for s in strings)
