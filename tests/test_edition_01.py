"""The Chinese edition of notebook 01: the real Chinese sentences of statements/corpus.py on the
hand-made tables the English tests use (tests/test_statements_corpus.py) and on the frozen seeds,
with no English word left; the display tables of overview.py in Chinese; the figures of
plots/corpus.py in each language (Chinese: no English word; English: no Han characters but the
corpus's own words — plan labels and section numerals)."""

from __future__ import annotations

from pathlib import Path

import matplotlib
import pandas as pd
import pytest

from tests.seeds import SEED_PROCESSED
from tests.test_statements_corpus import (
    COUNTY,
    HEYUAN,
    JISHOU,
    MIXED_WARNINGS,
    NINGBO,
    SHENZHEN,
    _docs,
    _sections,
    _sizes,
    _warnings,
)
from wpanalysis import labels, overview, registry
from wpanalysis.build import load_corpus
from wpanalysis.plots import corpus as corpus_plots
from wpanalysis.statements import corpus as said

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


@pytest.fixture(scope="module")
def seeds():
    return load_corpus(SEED_PROCESSED)


def _chinese(text: str, allow: list[str] = ()) -> str:
    """*text*, after checking it has no English word (codes, acronyms and the corpus's words allowed)."""
    assert labels.foreign_words(text, "zh", allow=allow) == [], text
    return text


# ----------------------------------------------------------------------- describe_corpus


def test_describe_corpus_in_chinese():
    assert _chinese(said.describe_corpus(_docs(), language="zh")) == (
        "登记表中没有要点：请在 `data/raw/documents.csv` 中添加行，再构建语料。")
    assert _chinese(said.describe_corpus(_docs(NINGBO), language="zh")) == (
        "**1 份要点**，来自 1 个省份（浙江省），2024 年。该份要点有正文（全文）。\n\n"
        "- 按地区：东部（1）\n- 按行政层级：地级市（1）\n- 按年份：2024（1）\n- 按省份：浙江省（1）")
    assert _chinese(said.describe_corpus(_docs(NINGBO, SHENZHEN, HEYUAN, JISHOU, COUNTY), language="zh")) == (
        "**5 份要点**，来自 3 个省份（1 份未记录省份），2023–2025 年。4 份有正文（3 份全文、1 份部分）；"
        "1 份仅提纲（只有条目标题）。\n\n"
        "- 按地区：东部（3）、中部（1）和未记录（1）\n"
        "- 按行政层级：地级市（4）和县（1）\n"
        "- 按年份：2023（1）、2024（3）和 2025（1）\n"
        "- 按省份：广东省（2）、浙江省（1）、湖南省（1）和未记录（1）")
    assert said.describe_corpus(_docs(NINGBO, SHENZHEN, HEYUAN), language="zh").startswith(
        "**3 份要点**，来自 2 个省份，2024–2025 年。全部 3 份都有正文（均为全文）。\n\n")


def test_describe_corpus_in_chinese_without_body_text_province_or_year():
    county = _docs(COUNTY, ("county_y", None, None, None, "county", None, "outline-only", 10, 0))
    assert _chinese(said.describe_corpus(county, language="zh")).split("\n\n")[0] == (
        "**2 份要点**，均未记录省份，2024 年（1 份未记录年份）。没有一份要点有正文，因此无法在这一语料上进行"
        "基于正文的测量（篇幅、字段、责任单位、词频）。")
    docs = _docs(NINGBO, ("x_2024", "浙江省", "杭州市", "east", "city", 2024, None, 5, 5))
    assert _chinese(said.describe_corpus(docs, language="zh")).split("\n\n")[0] == (
        "**2 份要点**，来自 1 个省份（浙江省），2024 年。1 份有正文（全文）；1 份未记录完整程度（按无正文计）。")
    rows = [(f"p{k}", f"省{k:02d}", None, "west", "province", 2024, "full", 3, 3) for k in range(12)]
    assert said.describe_corpus(_docs(*rows), language="zh").splitlines()[-1] == (
        "- 按省份：省00（1）、省01（1）、省02（1）、省03（1）、省04（1）、省05（1）、省06（1）、省07（1）等 12 个")


# ----------------------------------------------------------------------- describe_sizes


def test_describe_sizes_in_chinese():
    assert _chinese(said.describe_sizes(_sizes(), language="zh")) == "没有要点，因此没有可描述的篇幅。"
    assert _chinese(said.describe_sizes(_sizes(("宁波 2024", "full", 31, 10548)), language="zh")) == (
        "唯一的一份要点（宁波 2024）有 31 条，条目文本共 10,548 字。")
    sizes = _sizes(("A", "full", 30, 6000), ("B", "full", 50, 9000), ("C", "partial", 20, 3000),
                   ("D", "outline-only", 25, 250), ("E", "outline-only", 15, 150))
    assert _chinese(said.describe_sizes(sizes, n_named=2, language="zh")) == (
        "每份要点的条目数为 15 至 50 条（中位数 25），条目文本字数为 150 至 9,000 字（中位数 3,000）。"
        "按字数，篇幅最大的要点：B（9,000）和 A（6,000）；最小的：E（150）和 D（250）。条目最多的要点：B（50）。"
        "按每条计，仅提纲要点的字数中位数为 10，有正文的要点为 180（是前者的 18 倍）：仅提纲要点的条目数可以与"
        "其他要点比较，字数则不能。")


def test_describe_sizes_in_chinese_edge_cases():
    outline_with_text = _sizes(("A", "full", 10, 1000), ("B", "outline-only", 10, 500))
    assert _chinese(said.describe_sizes(outline_with_text, language="zh")).endswith(
        "按每条计，仅提纲要点的字数中位数为 50，有正文的要点为 100（不到前者的 3 倍）：这些仅提纲的要点不只有标题，"
        "请核对登记表中它们的完整程度。")
    ties = _sizes(("A", "full", 10, 500), ("B", "full", 10, 500), ("C", "full", 10, 500), ("D", "full", 0, 0))
    assert _chinese(said.describe_sizes(ties, n_named=1, language="zh")) == (
        "每份要点的条目数为 0 至 10 条（中位数 10），条目文本字数为 0 至 500 字（中位数 500）。"
        "按字数，篇幅最大的要点：A（500）；最小的：D（0）。条目最多的要点：A（10）、B（10）和 C（10）。"
        "1 份要点（D）没有条目：解析程序一条也没有找到（见解析警告）。")
    alike = _sizes(("A", "full", 10, 500), ("B", "full", 10, 500))
    assert _chinese(said.describe_sizes(alike, language="zh")) == (
        "每份要点的条目数均为 10 条，条目文本字数均为 500 字。按字数，篇幅最大的要点：A（500）；最小的：B（500）。")


# ----------------------------------------------------------------------- describe_sections


def test_describe_sections_in_chinese():
    assert _chinese(said.describe_sections(_sections(), _docs(), language="zh")) == (
        "没有一份要点有条目，因此没有可描述的部分。")
    assert said.describe_sections(_sections(("shenzhen_2024", None, 34)), _docs(SHENZHEN), language="zh") == (
        "该份要点的条目通篇连续编号，没有部分标题。")
    both = _sections(("shenzhen_2024", None, 34), ("ningbo_2024", None, 31))
    assert said.describe_sections(both, _docs(SHENZHEN, NINGBO), language="zh") == (
        "全部 2 份要点的条目都通篇连续编号，没有部分标题。")
    table = _sections(("ningbo_2024", 1, 3), ("ningbo_2024", 2, 5), ("shenzhen_2024", None, 34),
                      ("heyuan_2025", None, 2), ("heyuan_2025", 1, 5), ("heyuan_2025", 2, 4),
                      ("heyuan_2025", 3, 1))
    assert _chinese(said.describe_sections(table, _docs(NINGBO, SHENZHEN, HEYUAN), language="zh")) == (
        "每份要点含条目的部分为 0 至 3 个（中位数 2）。1 份要点的条目通篇连续编号，没有部分标题：深圳 2024。"
        "在 1 份要点中，有些条目不属于任何部分（位于第一个标题之前，或其标题已缺失）：河源 2025（12 条中的 2 条）。"
        "最大的部分有 5 条（宁波 2024 的第二部分和河源 2025 的第一部分）。")
    one = _sections(("ningbo_2024", 1, 3), ("ningbo_2024", 2, 5))
    assert said.describe_sections(one, _docs(NINGBO), language="zh") == (
        "该份要点有 2 个含条目的部分。最大的部分有 5 条（宁波 2024 的第二部分）。")
    equal = _sections(("ningbo_2024", 1, 3), ("shenzhen_2024", 1, 4))
    assert said.describe_sections(equal, _docs(NINGBO, SHENZHEN), language="zh") == (
        "每份要点都有 1 个含条目的部分。最大的部分有 4 条（深圳 2024 的第一部分）。")


# ----------------------------------------------------------------------- describe_warnings


def test_describe_warnings_in_chinese():
    assert _chinese(said.describe_warnings(_warnings(), _docs(NINGBO), language="zh")) == (
        "构建过程没有报告任何信息：没有警告，没有错误，清理也没有去除任何痕迹。")
    warnings = _warnings(*MIXED_WARNINGS)
    assert _chinese(said.describe_warnings(warnings, _docs(NINGBO, SHENZHEN, HEYUAN), language="zh")) == (
        "3 份要点中有 2 份有警告（3 条信息）；没有错误。1 条信息针对整个文件。清理时从 2 个文件中去除了 3 处痕迹"
        "（页码标记 ×2 和网页框架 ×1）；它们不是警告。\n\n"
        "- 条目编号跳号：2 条信息，涉及 1 份要点\n"
        "- 文件中的要点份数与登记表不符：1 条信息，涉及 1 个文件\n"
        "- 标题取自目录：1 条信息，涉及 1 份要点")


def test_describe_warnings_in_chinese_errors_and_artefacts_only():
    errors = _warnings(("a.txt", "ningbo_2024", "error", "part 2 not found: the file holds 1 documents"),
                       ("b.txt", None, "error", "/x/b.txt: file listed in the registry does not exist"))
    assert _chinese(said.describe_warnings(errors, _docs(NINGBO, SHENZHEN), language="zh")) == (
        "2 份要点中有 1 份有警告（1 条信息）；**2 个错误**：错误所指的内容没有构建，请先修正，再往下读。"
        "1 条信息针对整个文件。\n\n"
        "- **错误**——登记的文件不存在：1 条信息，涉及 1 个文件\n"
        "- **错误**——登记的序号在文件中找不到：1 条信息，涉及 1 份要点")
    artefact = _warnings(("a.txt", None, "info", "removed web chrome: 版权所有"))
    assert _chinese(said.describe_warnings(artefact, _docs(NINGBO), language="zh")) == (
        "该份要点没有警告；没有错误。清理时从 1 个文件中去除了 1 处痕迹（网页框架 ×1）；它们不是警告。")
    rows = [("a.txt", f"d{k}", "warning", f"unusual message number {k} of its kind {'x' * k}") for k in range(10)]
    text = said.describe_warnings(_warnings(*rows), pd.DataFrame({"doc_id": [f"d{k}" for k in range(10)]}),
                                  language="zh")
    assert text.startswith("全部 10 份要点都有警告（10 条信息）；没有错误。")
    assert text.endswith("- ……另有 2 类（见下表）")  # a kind no label names is the build's record, as written


# ----------------------------------------------------------------------- describe_comparability


def test_describe_comparability_in_chinese():
    assert _chinese(said.describe_comparability(_docs(), language="zh")) == "没有可比较的要点。"
    assert _chinese(said.describe_comparability(_docs(NINGBO, SHENZHEN), language="zh")) == (
        "没有一份要点会限制比较。2 份要点（全文、地点已知）可参与所有比较。")
    assert _chinese(said.describe_comparability(_docs(NINGBO, JISHOU, COUNTY), language="zh")) == (
        "3 份要点中有 2 份会限制比较：\n\n"
        "- 1 份仅提纲的要点（county_x）：只有条目标题，因此可用于标题层面的比较，不能用于基于正文的测量\n"
        "- 1 份部分保留的要点（湘西州 2023）：缺少部分条目，因此其计数和占比会低估整份要点\n"
        "- 1 份地点不明的要点（county_x）：没有省份或地区，因此不参与地区比较\n\n"
        "1 份要点（全文、地点已知）可参与所有比较。")
    county_y = ("county_y", None, None, None, "county", 2024, "outline-only", 10, 0)
    assert said.describe_comparability(_docs(COUNTY, county_y), language="zh").endswith(
        "- 2 份地点不明的要点（county_x 和 county_y）：没有省份或地区，因此不参与地区比较\n\n"
        "没有一份要点可参与所有比较。")
    docs = _docs(NINGBO, ("x_2024", "浙江省", "杭州市", "east", "city", 2024, None, 5, 5))
    assert _chinese(said.describe_comparability(docs, language="zh")) == (
        "没有一份要点会限制比较。1 份要点（全文、地点已知）可参与所有比较。1 份要点未记录完整程度，按无正文处理。")


# ----------------------------------------------------------------------- rows_shown


@pytest.mark.parametrize("n_rows, max_rows, sentence", [
    (0, 30, "该表没有行（完整的表：`data/processed/warnings.csv`）。"),
    (1, 30, "该表唯一的一行已全部显示（完整的表：`data/processed/warnings.csv`）。"),
    (30, 30, "该表的 30 行已全部显示（完整的表：`data/processed/warnings.csv`）。"),
    (31, 30, "显示前 30 行（共 31 行）；其余 1 行见完整的表 `data/processed/warnings.csv`。"),
    (3000, 1, "显示第一行（共 3,000 行）；其余 2,999 行见完整的表 `data/processed/warnings.csv`。"),
])
def test_rows_shown_in_chinese(n_rows: int, max_rows: int, sentence: str):
    root = Path("/plans")
    where = root / "data" / "processed" / "warnings.csv"
    assert _chinese(said.rows_shown(n_rows, max_rows, where, root, language="zh")) == sentence


def test_statements_refuse_an_unknown_language():
    with pytest.raises(ValueError, match="language"):
        said.describe_corpus(_docs(NINGBO), language="fr")
    with pytest.raises(ValueError, match="language"):
        said.rows_shown(3, 30, "`x`", language="fr")


# ----------------------------------------------------------------------- the seed corpus, as notebook 01 shows it


def test_seed_statements_in_chinese(seeds):
    documents, items, warnings = seeds.documents, seeds.items, seeds.warnings
    allow = labels.corpus_words(documents)
    sizes = overview.document_sizes(documents, items)
    texts = [said.describe_corpus(documents, language="zh"), said.describe_sizes(sizes, language="zh"),
             said.describe_sections(overview.items_per_section(items), documents, language="zh"),
             said.describe_warnings(warnings, documents, language="zh"),
             said.describe_comparability(documents, language="zh")]
    for text in texts:
        _chinese(text, allow)
    assert texts[0].startswith("**9 份要点**，来自 5 个省份（3 份未记录省份），2023–2025 年。6 份有正文"
                               "（5 份全文、1 份部分）；3 份仅提纲（只有条目标题）。")
    assert texts[2].endswith("最大的部分有 35 条（吉首 2023 的第二部分）。")
    assert texts[4].startswith("9 份要点中有 4 份会限制比较：")


def test_seed_tables_shown_in_chinese(seeds):
    documents, items, warnings = seeds.documents, seeds.items, seeds.warnings
    summary = overview.shown(overview.size_summary(overview.document_sizes(documents, items)), "zh")
    assert summary["完整程度"].tolist() == ["全文", "部分", "仅提纲", "全部"]
    kinds = overview.shown(overview.warning_kinds(warnings), "zh")
    assert kinds.columns.tolist() == ["级别", "类型", "信息条数", "要点份数", "文件数"]
    assert set(kinds["级别"]) <= {"错误", "警告", "信息"}
    assert "标题取自目录" in kinds["类型"].tolist() and "清理去除：网页框架" in kinds["类型"].tolist()
    shown_warnings = overview.shown(overview.warnings_table(warnings, "zh"), "zh")
    assert shown_warnings["信息"].iloc[-1] == "清理去除 2 处痕迹（网页框架 ×2）"
    notes = overview.shown(overview.comparability_notes(documents, "zh"), "zh").set_index("要点编号")
    assert notes.loc["county_a_2024", "局限"] == "仅提纲；地点不明"
    assert notes.loc["county_a_2024", "地点已知"] == "否"
    assert notes.loc["county_a_2024", "说明"] == (
        "仅提纲：全部 23 条都只有标题；可用于标题层面的比较，不能用于篇幅、字段或责任单位等基于正文的测量。"
        "地点不明：没有省份或地区，因此不参与地区比较。")
    for note in notes["说明"]:
        _chinese(note)
    # English: the tables as they are, the notes as before
    assert overview.shown(overview.warning_kinds(warnings), "en").columns[0] == "level"
    assert overview.comparability_notes(documents)["note"].iloc[0].startswith("Partial: only items 14–41 survive")


# ----------------------------------------------------------------------- figures


@pytest.mark.parametrize("max_plans", [30, 3])  # per plan, and as distributions
def test_figures_in_each_language(seeds, max_plans: int):
    documents, items = seeds.documents, seeds.items
    allow = labels.corpus_words(documents)
    sizes, per_section = overview.document_sizes(documents, items), overview.items_per_section(items)
    for language in ("zh", "en"):
        figures = [corpus_plots.plot_document_sizes(sizes, max_plans=max_plans, language=language),
                   corpus_plots.plot_items_per_section(per_section, registry.doc_labels(documents),
                                                       max_plans=max_plans, language=language)]
        for fig in figures:
            strings = labels.figure_strings(fig)
            assert strings
            assert [s for s in strings if labels.foreign_words(s, language, allow=allow)] == [], (language, strings)
        plt.close("all")


def test_figures_without_items_in_each_language():
    empty = pd.DataFrame(columns=["doc_id", "section", "n_items"])
    for language, words in (("zh", "没有条目"), ("en", "no items")):
        strings = labels.figure_strings(corpus_plots.plot_items_per_section(empty, language=language))
        assert words in strings
        assert all(labels.foreign_words(s, language) == [] for s in strings)
    plt.close("all")
