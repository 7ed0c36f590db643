"""The Chinese edition of notebook 06 (policy instruments): its generated statements (exact
sentences on the hand-made tables of test_statements_instruments.py and on the frozen seed corpus),
its displayed tables and its figures, with no English word a Chinese reader would see."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.seeds import SEED_ANNOTATIONS, SEED_PROCESSED
from wpanalysis import framework, labels
from wpanalysis.build import load_corpus
from wpanalysis.coding import validation
from wpanalysis.coding.instruments import TYPES, load_instrument_codebook
from wpanalysis.statements import instruments as said


def _zh(text: str, allow: tuple[str, ...] = ()) -> str:
    """*text*, after checking that a Chinese reader meets no English word in it."""
    assert labels.foreign_words(text, "zh", allow=allow) == [], text
    return text


@pytest.fixture(scope="module")
def seeds():
    corpus = load_corpus(SEED_PROCESSED)
    coded = framework.corpus_sentences(corpus)
    return corpus, coded


# --------------------------------------------------------------------------- hand-made tables


def test_distribution_with_a_tie_and_of_nothing():
    coded = pd.DataFrame({"doc_id": ["a", "b", "b"], "instrument_type": ["supply", "environment", "demand"],
                          "instrument": ["talent", "regulation", "pilots_demonstration"]})
    assert _zh(said.describe_instrument_distribution(coded, language="zh")) == (
        "在 2 份要点的 3 个句子中，33% 编码为供给型，33% 为环境型，33% 为需求型；0% 没有任何行为（`none`）。"
        "最常见的子工具是人才培养与队伍建设、法规管制和试点示范（各 1 句）。")
    empty = pd.DataFrame(columns=["doc_id", "instrument_type", "instrument"])
    assert _zh(said.describe_instrument_distribution(empty, language="zh")) == "语料中没有可编码的句子。"


def test_validation_without_a_sample_and_coders_only():
    summary = pd.DataFrame(columns=["comparison", "level", "subset", "n", "agreement", "kappa", "alpha"])
    assert _zh(said.describe_validation(summary, language="zh")) == (
        "该语料没有经两人分别编码的样本，因此这里没有对政策工具编码进行验证。")
    summary = pd.DataFrame({"comparison": ["coders"], "level": ["type"], "subset": ["all"], "n": [20],
                            "agreement": [0.5], "kappa": [0.3], "alpha": [0.31]})
    assert _zh(said.describe_validation(summary, language="zh")) == (
        "在 20 个句子上，两位编码员对工具类型的编码一致性为 Cohen's κ = 0.30（Krippendorff's α = 0.31；一般一致）。")
    assert _zh(said.describe_missing_sample("zh")).endswith("然后保存 `validation.CODER_FILES` 列出的三个文件。")


def test_disagreements_none_and_some():
    agree = pd.DataFrame({"coder_a": ["talent"], "coder_b": ["talent"]})
    assert _zh(said.describe_disagreements(agree, language="zh")) == "两位编码员对全部 1 个句子的编码都相同。"
    differ = pd.DataFrame({"coder_a": ["none", "funding"], "coder_b": ["regulation", "funding"]})
    assert _zh(said.describe_disagreements(differ, language="zh")) == (
        "两位编码员在 2 个句子中有 1 个编码不同；最常见的是“无工具”与“法规管制”（1 句）。")


def test_plan_structure_every_plan_and_one_plan():
    s = pd.DataFrame({"doc_id": ["a", "a", "b", "b"], "instrument": ["supply", "environment"] * 2,
                      "n_sentences": [4, 4, 2, 2], "share": [0.25, 0.75, 0.0, 1.0]})
    assert _zh(said.describe_plan_structure(s, language="zh")) == (
        "在全部 2 份要点中，环境型工具都是占比最大的类型（并列时各类型都计入）；"
        "供给型工具所占的比例在各份要点之间从 0% 到 25% 不等。")
    assert _zh(said.describe_plan_structure(s[s["doc_id"] == "a"], language="zh")) == (
        "在全部 1 份要点中，环境型工具都是占比最大的类型（并列时各类型都计入）。")
    assert _zh(said.describe_plan_structure(s.assign(n_sentences=0), language="zh")) == (
        "没有任何一份要点含有可编码的句子。")


def test_group_shares_all_descriptive_several_compared_overlap_and_apart():
    t = pd.DataFrame({"grouping": "region", "group": ["east", "west"], "n_plans": [2, 1],
                      "basis": ["descriptive only"] * 2})
    assert _zh(said.describe_group_shares(t, 3, language="zh")) == (
        "没有任何组拥有 3 份或更多要点，因此各组的比例只作描述：东部（2 份）和西部（1 份）。")
    t = pd.DataFrame({"grouping": "region", "group": ["east", "east", "west", "west"], "n_plans": [5, 5, 4, 4],
                      "instrument": ["supply", "demand"] * 2, "mean_share": [0.2, 0.1, 0.4, 0.12],
                      "ci_low": [0.15, 0.05, 0.3, 0.08], "ci_high": [0.25, 0.15, 0.5, 0.2],
                      "basis": ["bootstrap over plans"] * 4})
    assert _zh(said.describe_group_shares(t, 3, language="zh")) == (
        "至少有 3 份要点的组给出按要点重抽样的 95% 自助法区间：东部（5 份）和西部（4 份）。"
        "区间不重叠的有：供给型（东部 20%，西部 40%）；其余区间都相互重叠。")
    t["ci_high"] = 0.6
    assert _zh(said.describe_group_shares(t, 3, language="zh")).endswith(
        "每一类型中各组的区间都相互重叠：在目前的要点数量下，数据无法区分这些组。")
    # a group the label table does not know (a researcher's own column) is shown as it is
    own = t.assign(grouping="my_column", group=["甲组", "甲组", "乙组", "乙组"])
    assert "甲组（5 份）和乙组（4 份）" in said.describe_group_shares(own, 3, language="zh")


def test_the_english_sentences_are_unchanged_by_the_language_argument():
    s = pd.DataFrame({"doc_id": ["a", "a", "b", "b"], "instrument": ["supply", "environment"] * 2,
                      "n_sentences": [4, 4, 5, 5], "share": [0.25, 0.75, 0.6, 0.4]})
    assert said.describe_plan_structure(s, language="en") == said.describe_plan_structure(s)
    with pytest.raises(ValueError):
        said.describe_plan_structure(s, language="fr")


# --------------------------------------------------------------------------- the frozen seed corpus


def test_seed_validation_in_chinese():
    checked = validation.load_validation(SEED_ANNOTATIONS, load_instrument_codebook())
    summary = validation.validation_summary(checked)
    assert _zh(said.describe_validation(summary, language="zh")) == (
        "在 159 个句子上，两位编码员对工具类型的编码一致性为 Cohen's κ = 0.91"
        "（Krippendorff's α = 0.91；几乎完全一致）。"
        "程序编码与两人的共识编码相比，在全部句子上 κ = 0.64（高度一致），"
        "在编码表词语未据以调整的 80 个留出句子上 κ = 0.54（中等一致）。")
    assert _zh(said.describe_disagreements(checked["consensus"], language="zh")) == (
        "两位编码员在 159 个句子中有 12 个编码不同；最常见的是“法规管制”与“策略性措施”（3 句）、"
        "“公共服务”与“策略性措施”（2 句）、“策略性措施”与“人才培养与队伍建设”（2 句）。")
    shown = framework.displayed(summary, "zh")
    assert shown.columns.tolist() == ["比较", "级别", "子集", "句子数", "一致率", "Cohen's κ", "Krippendorff's α"]
    assert shown.iloc[0, :3].tolist() == ["两位编码员之间", "工具类型", "全部"]
    assert set(shown["比较"]) == {"两位编码员之间", "程序编码与共识编码"}
    pr = framework.displayed(checked["package_pr"], "zh")
    assert set(pr["类别"]) == {"供给型", "环境型", "需求型", "无工具"}
    assert set(pr["子集"]) == {"全部", "开发集", "留出集"}


def test_seed_distribution_structure_and_groups_in_chinese(seeds):
    corpus, coded = seeds
    assert _zh(said.describe_instrument_distribution(coded, language="zh")) == (
        "在 9 份要点的 1,188 个句子中，59% 编码为环境型，25% 为供给型，13% 为需求型；4% 没有任何行为（`none`）。"
        "最常见的子工具是策略性措施（322 句）。")
    structure = framework.plan_instrument_structure(coded, corpus.documents)
    assert _zh(said.describe_plan_structure(structure, language="zh")) == (
        "在全部 9 份要点中，环境型工具都是占比最大的类型（并列时各类型都计入）；"
        "供给型工具所占的比例在各份要点之间从 14% 到 27% 不等。")
    groups = framework.group_instrument_shares(structure, corpus.documents, "region", 3, n_boot=200)
    assert _zh(said.describe_group_shares(groups, 3, language="zh")) == (
        "至少有 3 份要点的组给出按要点重抽样的 95% 自助法区间：东部（5 份）。只作描述（不足 3 份要点）：中部（1 份）。"
        "只有一个这样的组，无从比较。")
    shown = framework.displayed(groups, "zh")
    assert shown.columns.tolist() == ["分组方式", "组", "要点份数", "政策工具", "平均比例", "95% 区间下限",
                                      "95% 区间上限", "依据"]
    assert set(shown["组"]) == {"东部", "中部"} and set(shown["依据"]) == {"按要点自助法", "仅作描述"}
    assert framework.displayed(groups, "en") is groups


def test_seed_tables_as_shown_in_chinese(seeds):
    _, coded = seeds
    xy = framework.instrument_domain_table(coded)
    pivot = framework.displayed(xy.pivot(index="domain", columns="instrument", values="n"), "zh")
    assert pivot.index.name == "政策领域" and pivot.columns.name == "政策工具"
    assert set(pivot.columns) == {"供给型", "环境型", "需求型", "无工具"} and "教师队伍" in pivot.index
    examples = framework.displayed(framework.instrument_examples(coded, n=2), "zh")
    assert examples.columns.tolist() == ["政策工具", "要点编号", "条目编号", "句子", "文本", "判定依据"]
    for evidence in examples["判定依据"]:
        _zh(evidence)
        assert evidence.startswith(("词语：", "规则 R2：", "规则 R6："))
    book = framework.codebook_table(language="zh")
    assert book.columns.tolist() == ["工具类型", "子工具", "编码", "词语列表"] and book.iloc[0, :3].tolist() == [
        "供给型", "人才培养与队伍建设", "talent"]
    assert framework.codebook_table().columns.tolist() == ["type_zh", "instrument", "zh", "en", "terms"]


@pytest.mark.parametrize("evidence, zh", [
    ("term 培训", "词语：培训"),
    ("term 《家庭教育促进法》", "词语：《家庭教育促进法》"),
    ("rule R2: target state with no act", "规则 R2：只有目标状态，没有行为"),
    ("rule R6: problem description (不够)", "规则 R6：问题描述（不够）"),
    ("rule R6: principle or slogan, no act", "规则 R6：原则或口号，没有行为"),
    ("rule R6: general act (做好), no specific instrument", "规则 R6：一般性行为（做好），没有具体的子工具"),
    ("rule R6: no act", "规则 R6：没有行为"),
    ("rule R6: empty", "规则 R6：空句"),
    ("a researcher's note", "a researcher's note"),
])
def test_every_form_of_evidence(evidence, zh):
    assert framework.evidence_label(evidence, "zh") == zh
    assert framework.evidence_label(evidence, "en") == evidence


# --------------------------------------------------------------------------- figures


def test_figures_speak_one_language(seeds):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from wpanalysis.plots import instruments as plots

    corpus, coded = seeds
    plan_ids = tuple(corpus.documents["doc_id"])
    structure = framework.plan_instrument_structure(coded, corpus.documents)
    many = pd.DataFrame([(f"p{k:03d}", t, 1, 4, 0.25) for k in range(40) for t in [*TYPES, "none"]],
                        columns=["doc_id", "instrument", "n", "n_sentences", "share"])
    for language in ("zh", "en"):
        def title(key: str, lang: str = language) -> str:
            return labels.figure_text(key, lang)

        figures = [
            plots.plot_instrument_distribution(coded, title("instruments.distribution_title"), language=language),
            plots.plot_instrument_domain_heatmap(framework.instrument_domain_table(coded), n_plans=9,
                                                 title=title("instruments.heatmap_title"), language=language),
            plots.plot_instrument_domain_heatmap(framework.instrument_domain_table(coded, "instrument"),
                                                 value="share_of_all", language=language),
            plots.plot_plan_structure(structure, title=title("instruments.structure_title"), language=language),
            plots.plot_plan_structure(many, max_plans=30, language=language),
        ]
        for fig in figures:
            texts = labels.figure_strings(fig)
            assert texts
            for text in texts:
                assert labels.foreign_words(text, language, allow=plan_ids) == [], (language, text)
            plt.close(fig)
