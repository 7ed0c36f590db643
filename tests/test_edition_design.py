"""The Chinese edition of the design statements (wpanalysis.statements.design, issue 21): the real
Chinese sentence of every public function, on the frozen seed corpus or small hand-made tables, and
no English word left in any of them (labels.foreign_words)."""

from __future__ import annotations

import inspect

import pandas as pd
import pytest

from tests.seeds import SEED_PROCESSED
from wpanalysis import inference, labels
from wpanalysis.build import load_corpus
from wpanalysis.registry import doc_labels
from wpanalysis.statements import design

ZH: list[str] = []  # every Chinese sentence the tests below produce, checked for English words at the end


def zh(text: str) -> str:
    ZH.append(text)
    return text


@pytest.fixture(scope="module")
def seed():
    return load_corpus(SEED_PROCESSED)


def test_every_public_function_takes_language():
    for name in design.__all__:
        function = getattr(design, name)
        if callable(function):
            parameter = inspect.signature(function).parameters["language"]
            assert parameter.default == "en", name
    with pytest.raises(ValueError, match="language"):
        design.level(3, 0, 0, language="fr")


def test_frame_of_the_seed_corpus(seed):
    frame = inference.sample_frame(seed.documents, seed.items)
    overlaps = inference.frame_overlaps(seed.documents, seed.items)
    assert zh(design.frame(frame, overlaps, language="zh")) == (
        "这 9 份要点分属抽样框属性的 6 种组合，其中 4 种组合只有一份要点；在两项属性都有记录的要点中，"
        "知道行政层级即可知道职能（8 份要点）；知道年份即可知道地区（6 份要点）；知道年份即可知道职能（8 份要点）："
        "按行政层级的差异同时也是按职能的差异。")
    assert design.frame(frame, overlaps).startswith("The 9 plans fall into 6 combinations")


def test_frame_without_and_with_attributes_that_determine_each_other():
    frame = pd.DataFrame({"n_plans": [2, 2]})
    none = pd.DataFrame({"first": ["year"], "second": ["region"], "determines": [False], "n_plans": [4]})
    assert zh(design.frame(frame, none, language="zh")) == (
        "这 4 份要点分属抽样框属性的 2 种组合，其中 0 种组合只有一份要点；"
        "在两项属性都有记录的要点中，没有哪项属性决定另一项。")
    both = pd.DataFrame({"first": ["year", "region"], "second": ["region", "year"], "determines": [True, True],
                         "n_plans": [4, 4]})
    assert zh(design.frame(frame, both, language="zh")) == (
        "这 4 份要点分属抽样框属性的 2 种组合，其中 0 种组合只有一份要点；"
        "在两项属性都有记录的要点中，地区和年份相互决定："
        "相互决定的属性无法区分。")


def test_reach_on_the_seed_groups(seed):
    sizes = seed.documents["admin_level"].value_counts()
    assert (sizes["city"], sizes["county-level city"]) == (5, 2)
    assert zh(design.reach(sizes["city"], sizes["county-level city"], language="zh")) == (
        "两组分别有 5 份和 2 份要点时，把这些要点分成这样的两组共有 21 种方式；可达到的最小 p 值为 0.048，"
        "因此检验可以达到 p < 0.05。")


def test_reach_every_branch():
    assert zh(design.reach(4, 2, language="zh")) == (
        "两组分别有 4 份和 2 份要点时，把这些要点分成这样的两组共有 15 种方式；可达到的最小 p 值为 0.067，"
        "因此任何检验都不可能达到 p < 0.05。")
    assert zh(design.reach(5, 5, m=10, language="zh")) == (
        "两组分别有 5 份和 5 份要点时，把这些要点分成这样的两组共有 252 种方式；可达到的最小 p 值为 0.008，"
        "因此检验可以达到 p < 0.05，但达不到 p < 0.005，即 10 项检验的 Bonferroni 阈值。")
    assert zh(design.reach(9, 9, m=556, language="zh")) == (
        "两组分别有 9 份和 9 份要点时，把这些要点分成这样的两组共有 48,620 种方式；可达到的最小 p 值 < 0.001，"
        "因此检验可以达到 p < 0.05，即使对 556 项检验做 Bonferroni 校正之后也是如此。")
    assert "有超过十亿种方式" in zh(design.reach(30, 30, language="zh"))


def _keyness() -> pd.DataFrame:
    return pd.DataFrame({"token": ["高校", "宁波"], "g2": [16.1, 19.1], "significant": [True, False],
                         "significant_bh": [True, True], "share_target": [1.0, 0.25], "share_reference": [0.5, 0.0],
                         "docs_target": [4, 1], "docs_reference": [1, 0], "exact": [True, True],
                         "significant_bh_plan": [False, False], "significant_bonferroni_plan": [False, False],
                         "p_plan": [0.467, 1.0]})


def test_plan_keyness_sentence():
    names = tuple(labels.group_label("admin_level", v, "zh") for v in ("city", "county-level city"))
    assert zh(design.plan_keyness(_keyness(), names, (4, 2), language="zh")) == (
        "检验族为所检验的 2 个词。**合并计算所有词元（G²）：** Bonferroni 校正后 1 个词显著，Benjamini–Hochberg 校正后 "
        "2 个词显著（显著性水平 0.05）。其中 1 个词在其作为关键词的那一组中每份要点都使用；"
        "“宁波”只出现在该组的一份要点中。"
        "\n\n**以要点为分析单位**（精确置换检验，检验两组要点每 10,000 词元平均频率之差，地级市对县级市）："
        "两组分别有 4 份和 2 份要点时，把这些要点分成这样的两组共有 15 种方式；可达到的最小 p 值为 0.067，"
        "因此任何检验都不可能达到 p < 0.05。Benjamini–Hochberg 校正后 0 个词显著，Bonferroni 校正后 0 个词显著；"
        "要点层面的最小 p 值为 0.467（“高校”）。在这 6 份要点中，关键词是对其措辞的**描述**，"
        "而不是不同类型教育局之间存在差异的证据。")
    assert zh(design.plan_keyness(_keyness().iloc[:0], ("甲", "乙"), (1, 1), language="zh")) == (
        "没有哪个词的频次足以参加检验，因此在两个层面上都没有可比较的内容。")
    codes = design.plan_keyness(_keyness().assign(exact=False), ("`city`", "county-level city"), (4, 2),
                                language="zh")  # group values, as notebooks 02 and 04 pass them
    assert "（蒙特卡洛置换检验，检验两组要点每 10,000 词元平均频率之差，“地级市”对“县级市”）" in zh(codes)
    other = design.plan_keyness(_keyness(), ("`my_group`", "乙组"), (4, 2), language="zh")
    assert "之差，`my_group` 对乙组）" in zh(other)


def _tests(**changes) -> pd.DataFrame:
    base = {"p": [0.01, 0.3], "min_p": [0.002, 0.002], "can_reach": [True, True], "significant_bh": [True, False],
            "significant_bonferroni": [True, False], "status": ["interval", "descriptive only"]}
    return pd.DataFrame({**base, **changes})


def test_family_every_branch():
    what = "group × domain and group × topic differences"  # as notebook 04 passes it
    assert zh(design.family(_tests(), what, language="zh")) == (
        "事先声明的检验族包含 2 项组 × 领域与组 × 主题差异，每项都在要点层面检验："
        "按其组规模，其中 2 项可能达到 p < 0.05；"
        "在全部 2 项上校正，Benjamini–Hochberg 校正后 1 项显著，Bonferroni 校正后 1 项显著。"
        "其中 1 项差异的两组规模足以给出对要点重抽样的区间。")
    none = _tests(can_reach=[False, False], significant_bh=[False, False], significant_bonferroni=[False, False],
                  status=["descriptive only"] * 2)
    assert zh(design.family(none, "differences", language="zh")) == (
        "事先声明的检验族包含 2 项差异，每项都在要点层面检验：无论数据如何，其中没有一项能达到 p < 0.05"
        "（组规模不允许更小的 p 值），因此没有一项显著——仅作描述。没有哪个组的要点多到足以给出对要点重抽样的区间。")
    assert zh(design.family(_tests().iloc[:0], "differences", language="zh")) == (
        "没有两个组有足够的要点，因此没有可检验的差异。")


def test_influence_keeps_its_sign_and_flips(seed):
    plan_labels = dict(zip(seed.documents["doc_id"], doc_labels(seed.documents)))
    loo = pd.DataFrame({"left_out": ["ningbo_2024", "jishou_2023"], "value": [0.3, -0.1], "change": [0.1, -0.3],
                        "same_sign": [True, False]})
    summary = {"full": 0.2, "low": -0.1, "high": 0.3, "n_flips": 1, "most_influential": "jishou_2023", "value": -0.1}
    assert zh(design.influence(loo, summary, "the G² of 高校", plan_labels, 1, language="zh")) == (
        "逐一去掉一份要点（共 2 份要点）时，“高校”的 G² 在 -0.1 到 0.3 之间变动（全部要点：0.2）；"
        "去掉吉首 2023 时变化最大（-0.1）。"
        "去掉其中 1 份要点（吉首 2023）时，其符号反转或无法计算：这一发现依赖于这份要点。")
    kept = loo.assign(same_sign=True)
    assert zh(design.influence(kept, summary, "the plan-weighted difference", plan_labels, language="zh")) == (
        "逐一去掉一份要点（共 2 份要点）时，按要点等权的差异在 -0.100 到 0.300 之间变动（全部要点：0.200）；"
        "去掉吉首 2023 时变化最大（-0.100）。无论去掉哪一份要点，其符号都不变。")
    both = loo.assign(same_sign=False)
    assert "去掉其中 2 份要点（宁波 2024 和吉首 2023）时，其符号反转或无法计算：这一发现依赖于这些要点。" in zh(
        design.influence(both, summary, "the plan-weighted gap in topic 3", plan_labels, language="zh"))


def test_long_lists_of_terms_and_plans():
    single = pd.DataFrame({"token": list("甲乙丙丁戊己庚"), "g2": [1.0] * 7, "share_target": [0.25] * 7,
                           "share_reference": [0.0] * 7, "docs_target": [1] * 7, "docs_reference": [0] * 7,
                           "significant": [True] * 7, "significant_bh": [True] * 7, "exact": [True] * 7,
                           "significant_bh_plan": [False] * 7, "significant_bonferroni_plan": [False] * 7,
                           "p_plan": [0.5] * 7})
    assert "；“甲”、“乙”、“丙”、“丁”、“戊”等 7 个词只出现在该组的一份要点中。" in zh(
        design.plan_keyness(single, ("甲组", "乙组"), (4, 2), language="zh"))
    loo = pd.DataFrame({"left_out": [f"plan_{i}" for i in range(7)], "value": [0.2] * 7, "change": [0.1] * 7,
                        "same_sign": [False] * 7})
    summary = {"full": 0.1, "low": -0.01, "high": 0.2, "n_flips": 7, "most_influential": "plan_2", "value": -0.01}
    assert "去掉其中 7 份要点（宁波 2024、plan_1、plan_2、plan_3、plan_4 等 7 份）时" in zh(
        design.influence(loo, summary, "the difference", {"plan_0": "宁波 2024"}, language="zh"))


def test_robustness_every_branch():
    table = pd.DataFrame({"switch": ["baseline", "basis", "hmm", "lexicon", "stopwords", "mask_places"],
                          "setting": ["", "title", "False", "False", "['function_words', 'punctuation_numbers']",
                                      "True"],
                          "g2": [16.1, 0.0, 15.0, -1.0, -2.0, 3.0],
                          "same_sign": [True, False, True, False, False, True]})
    assert zh(design.robustness(table, "the G² of 高校", language="zh")) == (
        "在 5 种替代设置下（每次只改变一项），“高校”的 G²（基准设置下为 16.1）在其中 2 种下保持符号不变；"
        "当只用条目标题（0.0）、不用项目词表（-1.0）或只删除“虚词”“标点与数字”停用词层（-2.0）时，其符号反转或消失。")
    assert zh(design.robustness(table.assign(same_sign=True), "the G² of 教体", language="zh")) == (
        "在 5 种替代设置下（每次只改变一项），“教体”的 G²（基准设置下为 16.1）在全部设置下都保持符号不变。")
    assert zh(design.robustness(table.iloc[:1], "it", language="zh")) == "没有对该结果运行任何替代设置。"
    odd = pd.DataFrame({"switch": ["baseline", "backend"], "setting": ["", "pkuseg"], "g2": [2.0, -1.0],
                        "same_sign": [True, False]})
    assert "当 `backend = pkuseg`（-1.0）时，其符号反转或消失。" in zh(design.robustness(odd, "the G² of 高校",
                                                                                   language="zh"))


def test_level_every_branch():
    assert [zh(design.level(6, r, s, language="zh")) for r, s in ((0, 0), (3, 0), (3, 1))] == [
        "在这 6 份要点中，仅作描述", "在这 6 份要点中：没有一项要点层面的差异在校正后仍然显著",
        "在要点层面，基于 6 份要点"]


def test_weighting_with_codebook_names_and_nothing_to_weigh():
    means = pd.DataFrame({"grouping": ["region", "admin_level"], "group": ["east", "county-level city"],
                          "domain": ["safety", "teachers"], "n_plans": [5, 1], "plan_weighted": [0.10, 0.3],
                          "item_weighted": [0.14, 0.2], "difference": [0.04, 0.1]})
    teachers = labels.label("domain", "teachers", "zh")
    assert zh(design.describe_weighting(means, "domain", language="zh")) == (
        f"每份要点等权（而不是合并条目）时，一个组的占比最多变动 0.100（行政层级“县级市”组中的{teachers}，仅一份要点："
        "按要点等权为 0.300，合并条目为 0.200）。事先声明的规则是按要点等权的值。")
    assert zh(design.describe_weighting(means.iloc[:0], "domain", language="zh")) == "没有哪个组有可加权的要点。"


def _family_row(**changes) -> pd.DataFrame:
    row = {"grouping": ["admin_level"], "group_a": ["county-level city"], "group_b": ["city"], "what": ["x"],
           "n_plans_a": [5], "n_plans_b": [4], "mean_a": [0.05], "mean_b": [0.2], "p": [0.01], "min_p": [0.008],
           "can_reach": [True], "p_bh": [0.03], "status": ["descriptive only"]}
    return pd.DataFrame({**row, **changes})


def test_headline_test_every_branch():
    top = pd.Series({"grouping": "admin_level", "group_a": "city", "group_b": "county-level city", "domain": "x"})
    assert zh(design.describe_headline_test(top, _family_row(), "domain", {"x": "体育"}, language="zh")) == (
        "在要点层面（每份要点权重为 1），体育在“地级市”组（4 份要点）中平均为 0.200，"
        "在“县级市”组（5 份要点）中为 0.050："
        "置换检验 p = 0.010，两组分别有 4 份和 5 份要点时可达到的最小 p 值为 0.008；在事先声明的检验族上做 "
        "Benjamini–Hochberg 校正后（p = 0.030），这一差异在这 9 份要点中显著。")
    unreachable = design.describe_headline_test(top, _family_row(can_reach=[False], p_bh=[0.2]), "domain",
                                                {"x": "体育"}, language="zh")
    assert zh(unreachable).endswith("因此任何检验都不可能达到 p < 0.05——在这 9 份要点中，这是一种描述，"
                                    "而不是关于教育局的发现。")
    assert zh(design.describe_headline_test(top, _family_row(what=["y"]), "domain", language="zh")) == (
        "最大政策领域差异所在的两组并非都有足够的要点进行要点层面的检验：仅作描述。")
    assert zh(design.describe_headline_test(None, _family_row(), "domain", language="zh")) == (
        "没有可在要点层面检验的政策领域差异。")
    year = pd.Series({"grouping": "year", "group_a": "2023", "group_b": "2024", "domain": "x"})
    not_sig = design.describe_headline_test(year, _family_row(grouping=["year"], group_a=["2023"], group_b=["2024"],
                                                              p_bh=[0.2]), "domain", {"x": "体育"}, language="zh")
    assert "体育在“2023”组（5 份要点）中平均为 0.050" in zh(not_sig) and zh(not_sig).endswith("中不显著。")


def test_subject_and_p_text():
    assert [design.subject(w, "zh") for w in ("the G² of 高校", "differences", "the difference", "region", "奇怪")] == [
        "“高校”的 G²", "差异", "该差异", "地区", "奇怪"]
    assert design.subject("a new phrase", "zh") == "`a new phrase`"  # code, never shown as an English word
    assert design.subject("the gap", "en") == "the gap"
    assert design.p_text(0.0004, language="zh") == "< 0.001"


def test_no_english_word_in_any_chinese_sentence():
    assert len(ZH) > 25  # the tests above ran first (pytest keeps file order)
    for text in ZH:
        assert labels.foreign_words(text, "zh") == [], text
