"""Tests for wpanalysis.overview and wpanalysis.plots.corpus: loading, the overview tables and the two
overview figures, at the seeds' size and at sizes the seeds do not reach.

The corpus is built afresh into a temporary folder once per session, so the tests never
read stale files in data/processed/.
"""

from __future__ import annotations

import io
import subprocess
import sys
import warnings
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib import font_manager  # noqa: E402
from PIL import Image  # noqa: E402

from tests.seeds import SEED_RAW, SEED_REGISTRY
from wpanalysis import build, overview, registry  # noqa: E402
from wpanalysis.build import build_corpus, write_corpus  # noqa: E402
from wpanalysis.plots import corpus as corpus_plots  # noqa: E402
from wpanalysis.plots import style  # noqa: E402

REPO_ROOT = Path(__file__).resolve().parents[1]
DOC_IDS = [
    "rongcheng_2025", "hebei_city_2024", "shenzhen_2024", "unknown_city_2024",
    "county_a_2024", "county_b_2024", "jishou_2023", "ningbo_2024", "heyuan_2025",
]
OUTLINE_ONLY = ["unknown_city_2024", "county_a_2024", "county_b_2024"]


@pytest.fixture(scope="session")
def processed_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("processed")
    write_corpus(build_corpus(SEED_REGISTRY, SEED_RAW), out)
    return out


@pytest.fixture(scope="session")
def tables(processed_dir: Path) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    corpus = build.load_corpus(processed_dir)
    return corpus.documents, corpus.items, corpus.warnings


@pytest.fixture
def documents(tables) -> pd.DataFrame:
    return tables[0].copy()


@pytest.fixture
def items(tables) -> pd.DataFrame:
    return tables[1].copy()


@pytest.fixture
def parse_warnings(tables) -> pd.DataFrame:
    return tables[2].copy()


# ----------------------------------------------------------------------- loading


def test_load_corpus_reads_typed_parquet(documents: pd.DataFrame, items: pd.DataFrame):
    assert documents["doc_id"].tolist() == DOC_IDS
    assert len(items) == 274
    assert items.groupby("doc_id").size()["ningbo_2024"] == 31
    assert str(items["section"].dtype) == "Int64"
    assert items["has_body"].dtype == bool


def test_load_warnings_columns(parse_warnings: pd.DataFrame):
    assert list(parse_warnings.columns) == ["source_file", "doc_id", "level", "message"]
    assert set(parse_warnings["level"]) <= {"error", "warning", "info"}


# ----------------------------------------------------------------------- labels and registry


def test_doc_labels(documents: pd.DataFrame):
    labels = registry.doc_labels(documents)
    assert list(labels.index) == DOC_IDS
    assert labels["ningbo_2024"] == "宁波 2024"
    assert labels["rongcheng_2025"] == "荣成 2025"  # the county-level city, not its prefecture
    assert labels["jishou_2023"] == "吉首 2023"
    assert labels["hebei_city_2024"] == "河北某市 2024"  # city redacted, province known
    for doc_id in OUTLINE_ONLY:  # no place at all: the doc_id
        assert labels[doc_id] == doc_id
    assert labels.is_unique


def test_doc_labels_fall_back_to_doc_id_when_repeated():
    docs = pd.DataFrame({
        "doc_id": ["a", "b", "c"], "province": ["浙江省"] * 3, "city": ["宁波市", "宁波市", "杭州市"],
        "county": [None] * 3, "admin_level": ["city"] * 3, "year": [2024, 2024, 2024],
    })
    assert registry.doc_labels(docs).tolist() == ["a", "b", "杭州 2024"]


def test_registry_table(documents: pd.DataFrame):
    table = overview.registry_table(documents)
    assert list(table.columns) == [
        "doc_id", "label", "place", "admin_level", "region", "year", "completeness", "n_items",
    ]
    assert len(table) == 9
    row = table.set_index("doc_id")
    assert row.loc["rongcheng_2025", "place"] == "山东省 / 威海市 / 荣成市"
    assert row.loc["ningbo_2024", "place"] == "浙江省 / 宁波市"
    assert row.loc["hebei_city_2024", "place"] == "河北省 / —"
    assert row.loc["unknown_city_2024", "place"] == "— / —"
    assert row.loc["county_a_2024", "place"] == "— / — / —"
    assert row.loc["county_b_2024", "region"] == "—"
    assert row.loc["jishou_2023", "region"] == "central"
    assert row.loc["ningbo_2024", "n_items"] == 31
    assert int(table["n_items"].sum()) == 274
    assert not table.isna().any().any()


# ----------------------------------------------------------------------- sizes and sections


def test_document_sizes(documents: pd.DataFrame, items: pd.DataFrame):
    sizes = overview.document_sizes(documents, items)
    assert len(sizes) == 9
    assert list(sizes.columns) == [
        "doc_id", "label", "completeness", "n_items", "n_items_with_body", "n_chars", "chars_per_item",
    ]
    assert sizes["doc_id"].tolist() == DOC_IDS
    assert int(sizes["n_items"].sum()) == 274
    by_doc = sizes.set_index("doc_id")
    assert by_doc.loc["ningbo_2024", "n_items"] == 31
    assert by_doc.loc["hebei_city_2024", "n_items"] == 53
    assert by_doc.loc[OUTLINE_ONLY, "n_items_with_body"].tolist() == [1, 0, 0]
    # Counted from the items table, they agree with the build's per-document counts.
    built = documents.set_index("doc_id")
    assert (by_doc["n_items"] == built["n_items"]).all()
    assert (by_doc["n_chars"] == built["n_chars"]).all()
    assert (by_doc["n_items_with_body"] == built["n_items_with_body"]).all()
    # Outline-only plans are long lists of short titles.
    assert by_doc.loc[OUTLINE_ONLY, "chars_per_item"].max() < 30
    assert by_doc.drop(index=OUTLINE_ONLY)["chars_per_item"].min() > 100


def test_document_sizes_document_without_items(documents: pd.DataFrame, items: pd.DataFrame):
    sizes = overview.document_sizes(documents, items[items["doc_id"] != "heyuan_2025"])
    row = sizes.set_index("doc_id").loc["heyuan_2025"]
    assert (row["n_items"], row["n_items_with_body"], row["n_chars"]) == (0, 0, 0)
    assert pd.isna(row["chars_per_item"])


def test_items_per_section(items: pd.DataFrame):
    table = overview.items_per_section(items)
    assert list(table.columns) == ["doc_id", "section", "section_title", "n_items", "n_chars"]
    assert int(table["n_items"].sum()) == 274
    assert int(table["n_chars"].sum()) == int(items["n_chars"].sum())
    assert not table.duplicated(["doc_id", "section"]).any()
    assert list(pd.unique(table["doc_id"])) == DOC_IDS

    ningbo = table[table["doc_id"] == "ningbo_2024"]
    assert ningbo["section"].tolist() == list(range(1, 11))
    assert ningbo["n_items"].tolist() == [3, 2, 3, 3, 3, 3, 3, 5, 3, 3]
    assert ningbo["section_title"].iloc[0] == "坚持和加强党的全面领导"

    shenzhen = table[table["doc_id"] == "shenzhen_2024"]  # numbered straight through
    assert len(shenzhen) == 1 and pd.isna(shenzhen["section"].iloc[0]) and shenzhen["n_items"].iloc[0] == 34

    rongcheng = table[table["doc_id"] == "rongcheng_2025"]  # partial: sections 1-4 lost
    assert pd.isna(rongcheng["section"].iloc[0]) and rongcheng["n_items"].iloc[0] == 3
    assert rongcheng["section"].dropna().tolist() == [5, 6, 7, 8, 9, 10]


# ----------------------------------------------------------------------- warnings


def test_artefact_counts_match_info_rows(parse_warnings: pd.DataFrame):
    counts = overview.artefact_counts(parse_warnings)
    assert list(counts.columns) == ["source_file", "kind", "n_removed"]
    assert int(counts["n_removed"].sum()) == int((parse_warnings["level"] == "info").sum())
    assert "web chrome" in set(counts.loc[counts["source_file"] == "003_10673799d0bd0e53.txt", "kind"])


def test_warnings_table(parse_warnings: pd.DataFrame):
    table = overview.warnings_table(parse_warnings)
    assert list(table.columns) == ["source_file", "doc_id", "level", "message"]
    kept = parse_warnings[parse_warnings["level"] != "info"]
    assert table.loc[table["level"] != "info", "message"].tolist() == kept["message"].tolist()
    info = table[table["level"] == "info"]
    files_with_info = set(parse_warnings.loc[parse_warnings["level"] == "info", "source_file"])
    assert sorted(info["source_file"]) == sorted(files_with_info)  # one summary row per file
    assert info["message"].str.match(r"removed \d+ artefacts? \(").all()
    assert (info["doc_id"] == "—").all()
    assert not table.isna().any().any()
    assert "numbering starts at item 14: the document may be partial" in table["message"].tolist()


def test_warnings_table_without_any_info():
    warns = pd.DataFrame({"source_file": ["a.txt"], "doc_id": ["a_2024"], "level": ["warning"], "message": ["x"]})
    assert overview.warnings_table(warns).to_dict("records") == [
        {"source_file": "a.txt", "doc_id": "a_2024", "level": "warning", "message": "x"}
    ]


# ----------------------------------------------------------------------- comparability


def test_comparability_notes_flag_outline_only_and_partial(documents: pd.DataFrame):
    notes = overview.comparability_notes(documents)
    assert notes["doc_id"].tolist() == ["rongcheng_2025", *OUTLINE_ONLY]
    by_doc = notes.set_index("doc_id")
    assert by_doc.loc[OUTLINE_ONLY, "completeness"].eq("outline-only").all()
    assert by_doc.loc["rongcheng_2025", "completeness"] == "partial"
    assert by_doc.loc["rongcheng_2025", "item_range"] == "14–41"
    assert "items 1–13 are missing" in by_doc.loc["rongcheng_2025", "note"]
    assert by_doc.loc["county_a_2024", "note"].startswith("Outline-only: all 23 items are titles only")
    assert "24 of 25 items" in by_doc.loc["unknown_city_2024", "note"]
    assert by_doc.loc[OUTLINE_ONLY, "limits"].eq("outline-only; unknown place").all()
    assert by_doc.loc["rongcheng_2025", "place_known"]
    assert "hebei_city_2024" not in by_doc.index  # redacted city, but province and region known


def test_comparability_notes_none_for_full_documents(documents: pd.DataFrame):
    full = documents[documents["completeness"] == "full"]
    notes = overview.comparability_notes(full)
    assert notes.empty
    assert "note" in notes.columns


def test_comparability_notes_unknown_place_alone(documents: pd.DataFrame):
    doc = documents[documents["doc_id"] == "ningbo_2024"].assign(province=None, region=None)
    notes = overview.comparability_notes(doc)
    assert notes["limits"].tolist() == ["unknown place"]
    assert notes["note"].iloc[0].startswith("Place unknown")


# ----------------------------------------------------------------------- figures


@pytest.fixture
def house_style():
    with matplotlib.rc_context():
        style.set_house_style()
        yield
    plt.close("all")


def _texts(fig) -> list[str]:
    return [t.get_text() for t in fig.findobj(matplotlib.text.Text) if t.get_text()]


def test_plots_render_chinese_without_warnings(house_style, documents, items, tmp_path: Path):
    sizes = overview.document_sizes(documents, items)
    per_section = overview.items_per_section(items)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a missing CJK glyph would raise here
        fig_sizes = corpus_plots.plot_document_sizes(sizes, language="zh")
        fig_sections = corpus_plots.plot_items_per_section(per_section, registry.doc_labels(documents), language="zh")
        paths = style.save_figure("01_document_sizes", fig_sizes, figures_dir=tmp_path, language="zh")
        paths += style.save_figure("01_items_per_section", fig_sections, figures_dir=tmp_path, language="zh")
    assert all(p.is_file() and p.stat().st_size > 10_000 for p in paths)

    expected_font = str(style.cjk_font_path())
    for fig in (fig_sizes, fig_sections):
        for text in fig.findobj(matplotlib.text.Text):
            if any("\u4e00" <= ch <= "\u9fff" for ch in text.get_text()):
                assert font_manager.findfont(text.get_fontproperties()) == expected_font

    size_texts = _texts(fig_sizes)
    assert {"条目数", "宁波 2024", "河北某市 2024", "county_a_2024", "仅提纲"} <= set(size_texts)
    assert [t.get_text() for t in fig_sizes.axes[0].get_yticklabels()] == sizes["label"].tolist()
    section_texts = _texts(fig_sections)
    assert {"各部分的条目数（N = 9 份）", "无", "一", "十", "宁波 2024"} <= set(section_texts)
    assert "35" in section_texts  # Jishou's one section of items


def test_plots_render_english(house_style, documents, items):
    sizes = overview.document_sizes(documents, items)
    fig_sizes = corpus_plots.plot_document_sizes(sizes)
    assert {"items", "characters (item text)", "completeness", "full text", "outline only", "宁波 2024"} \
        <= set(_texts(fig_sizes))
    assert fig_sizes.get_suptitle() == "Length of each work plan (N = 9 plans)"
    per_section = overview.items_per_section(items)
    fig_sections = corpus_plots.plot_items_per_section(per_section, registry.doc_labels(documents))
    assert {"Items per section (N = 9 plans)", "none", "一", "十", "宁波 2024"} <= set(_texts(fig_sections))


def test_plot_document_sizes_falls_back_to_doc_id(house_style, documents, items):
    sizes = overview.document_sizes(documents, items).drop(columns="label")
    fig = corpus_plots.plot_document_sizes(sizes)
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == DOC_IDS


# ----------------------------------------------------------------------- summaries at any size


def test_composition_counts_every_plan_per_column(documents: pd.DataFrame):
    table = overview.composition(documents)
    assert list(table.columns) == ["column", "value", "n_plans"]
    assert (table.groupby("column")["n_plans"].sum() == len(documents)).all()
    region = table[table["column"] == "region"]
    assert region["value"].tolist() == ["east", "central", "unknown"]  # registry order, unknown last
    assert region["n_plans"].tolist() == [5, 1, 3]
    years = table[table["column"] == "year"]["value"].tolist()
    assert years == sorted(years)
    province = table[table["column"] == "province"]
    assert province["value"].iloc[0] == "广东省" and province["value"].iloc[-1] == "unknown"  # largest first


def test_composition_of_an_empty_registry():
    assert overview.composition(pd.DataFrame({"doc_id": [], "region": []})).empty


def test_size_summary(documents: pd.DataFrame, items: pd.DataFrame):
    summary = overview.size_summary(overview.document_sizes(documents, items)).set_index("completeness")
    assert summary.index.tolist() == ["full", "partial", "outline-only", "all"]
    assert summary["n_plans"].tolist() == [5, 1, 3, 9]
    assert summary.loc["all", ["items_min", "items_max", "chars_max"]].tolist() == [15, 53, 10548]
    assert summary.loc["outline-only", "chars_per_item_median"] == 9.8


def test_size_summary_puts_unrecorded_completeness_last():
    sizes = pd.DataFrame({"completeness": [None, "full"], "n_items": [3, 5], "n_chars": [30, 50],
                          "chars_per_item": [10.0, 10.0]})
    assert overview.size_summary(sizes)["completeness"].tolist() == ["full", "unknown", "all"]


def test_section_counts(items: pd.DataFrame):
    counts = overview.section_counts(overview.items_per_section(items)).set_index("doc_id")
    assert counts.loc["ningbo_2024", ["n_sections", "n_outside"]].tolist() == [10, 0]
    assert counts.loc["shenzhen_2024", ["n_sections", "n_outside"]].tolist() == [0, 34]
    assert counts.loc["rongcheng_2025", ["n_sections", "n_outside"]].tolist() == [6, 3]
    assert counts.loc["jishou_2023", ["largest_section", "largest_n_items"]].tolist() == [2, 35]
    assert int(counts["n_items"].sum()) == len(items)


@pytest.mark.parametrize("message, kind", [
    ("item numbering jumps from 20 to 22 (items 21 missing)", "gap in the item numbering"),
    ("items 2–20, 22–26 are in the outline but not in the body (title only)", "item in the outline only (title only)"),
    ("item 27 is in the body but not in the outline", "item in the body, not in the outline"),
    ("numbering starts at item 14: the document may be partial", "numbering starts after 1 (partial?)"),
    ("declared items 30, parsed 28", "declared count not met"),
    ("a message of a kind nobody wrote yet, item 3", "a message of a kind nobody wrote yet, item N"),
])
def test_warning_kind(message: str, kind: str):
    assert overview.warning_kind(message) == kind


def test_warning_kinds(parse_warnings: pd.DataFrame):
    kinds = overview.warning_kinds(parse_warnings)
    assert list(kinds.columns) == ["level", "kind", "n_messages", "n_plans", "n_files"]
    assert int(kinds["n_messages"].sum()) == len(parse_warnings)
    assert kinds["level"].tolist() == sorted(kinds["level"], key=["error", "warning", "info"].index)
    toc = kinds.set_index("kind").loc["title from the table of contents"]
    assert (toc["n_messages"], toc["n_plans"]) == (2, 2)
    assert kinds.set_index("kind").loc["removed web chrome", "n_plans"] == 0
    assert overview.warning_kinds(parse_warnings.iloc[:0]).empty


# ----------------------------------------------------------------------- figures at any size


def _pixels(fig) -> tuple[int, int]:
    """The size of *fig* saved as save_figure saves it (300 dpi, tight bounding box)."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=300, bbox_inches="tight")
    return Image.open(buffer).size


def _corpus(n_plans: int, n_sections: int = 8, seed: int = 0) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Generated sizes and items-per-section tables of *n_plans* plans with long ids."""
    rng = np.random.default_rng(seed)
    ids = [f"a_rather_long_generated_plan_id_{k:05d}" for k in range(n_plans)]
    completeness = rng.choice(["full", "partial", "outline-only", None], n_plans)
    n_items = rng.integers(5, 80, n_plans)
    sizes = pd.DataFrame({"doc_id": ids, "label": ids, "completeness": completeness, "n_items": n_items,
                          "n_chars": n_items * rng.integers(10, 300, n_plans)})
    sizes["chars_per_item"] = (sizes["n_chars"] / sizes["n_items"]).round(1)
    rows = [(d, s if s else None, int(rng.integers(1, 60)))
            for d in ids for s in range(int(rng.integers(0, n_sections)) + 1)]
    per_section = pd.DataFrame(rows, columns=["doc_id", "section", "n_items"])
    per_section["section"] = per_section["section"].astype("Int64")
    return sizes, per_section


@pytest.mark.parametrize("n_plans", [1, 30, 31, 3000])
def test_figures_stay_within_4000_pixels(house_style, n_plans: int):
    sizes, per_section = _corpus(n_plans, n_sections=40)
    for fig in (corpus_plots.plot_document_sizes(sizes), corpus_plots.plot_items_per_section(per_section)):
        width, height = _pixels(fig)
        assert width <= 4000 and height <= 4000, (n_plans, width, height)
        plt.close(fig)


def test_document_sizes_become_a_distribution_past_max_plans(house_style):
    sizes, _ = _corpus(180)
    fig = corpus_plots.plot_document_sizes(sizes, max_plans=30, language="zh")
    assert fig.get_suptitle() == "各份工作要点的篇幅分布（N = 180 份）"
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert [label.split("\n")[0] for label in labels] == ["全文", "部分", "仅提纲", "未记录"]
    assert labels[0].split("\n")[1].endswith(" 份")
    english = corpus_plots.plot_document_sizes(sizes, max_plans=30)
    assert english.get_suptitle() == "Distribution of work-plan length (N = 180 plans)"
    labels = [t.get_text() for t in english.axes[0].get_yticklabels()]
    assert [label.split("\n")[0] for label in labels] == ["full text", "partial", "outline only", "unknown"]
    assert labels[0].split("\n")[1].endswith(" plans")
    colours = {tuple(c) for ax in fig.axes for coll in ax.collections for c in coll.get_facecolors()}
    assert 1 < len({c[:3] for c in colours}) <= 8
    per_plan = corpus_plots.plot_document_sizes(sizes.head(30), max_plans=30, language="zh")
    assert per_plan.get_suptitle() == "各份工作要点的篇幅（N = 30 份）"
    assert len(per_plan.axes[0].get_yticklabels()) == 30


def test_items_per_section_become_a_distribution_past_max_plans(house_style):
    _, per_section = _corpus(180, n_sections=20)
    fig = corpus_plots.plot_items_per_section(per_section, max_plans=30, max_sections=15, language="zh")
    ax = fig.axes[0]
    assert ax.get_title() == "各部分条目数的分布（N = 180 份）"
    columns = [t.get_text() for t in ax.get_xticklabels()]
    assert columns[0] == "无" and columns[-1] == "十六+" and len(columns) == 17
    english = corpus_plots.plot_items_per_section(per_section, max_plans=30, max_sections=15).axes[0]
    assert english.get_title() == "Distribution of items per section (N = 180 plans)"
    assert english.get_ylabel() == "items in the section"
    assert english.get_xticklabels()[0].get_text() == "none"
    rows = [t.get_text() for t in ax.get_yticklabels()]
    assert rows[-1] == "1" and rows[0] == "51+"  # most items at the top, wider bins past 5
    # every plan is counted once in each section column it has
    counts = [float(t.get_text()) for t in ax.texts]
    assert sum(counts) == per_section.assign(c=per_section["section"].fillna(0).clip(upper=16))[["doc_id", "c"]] \
        .drop_duplicates().shape[0]


def test_items_per_section_pools_late_sections_per_plan(house_style):
    per_section = pd.DataFrame({"doc_id": ["a"] * 4, "section": pd.array([1, 2, 16, 17], dtype="Int64"),
                                "n_items": [1, 2, 3, 4]})
    fig = corpus_plots.plot_items_per_section(per_section, max_sections=15)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["一", "二", "十六+"]
    assert [t.get_text() for t in ax.texts] == ["1", "2", "7"]


def test_figures_of_a_corpus_without_items(house_style):
    no_items = pd.DataFrame(columns=["doc_id", "section", "n_items"])
    fig = corpus_plots.plot_items_per_section(no_items, language="zh")
    assert fig.axes[0].get_title() == "各部分的条目数（N = 0 份）"
    assert fig.axes[0].texts[0].get_text() == "没有条目"
    english = corpus_plots.plot_items_per_section(no_items)
    assert (english.axes[0].get_title(), english.axes[0].texts[0].get_text()) == (
        "Items per section (N = 0 plans)", "no items")
    empty = pd.DataFrame(columns=["doc_id", "label", "completeness", "n_items", "n_chars", "chars_per_item"])
    assert corpus_plots.plot_document_sizes(empty, language="zh").get_suptitle() == "各份工作要点的篇幅（N = 0 份）"
    assert corpus_plots.plot_document_sizes(empty).get_suptitle() == "Length of each work plan (N = 0 plans)"


# ----------------------------------------------------------------------- import


def test_import_prints_nothing():
    out = subprocess.run(
        [sys.executable, "-c", "import wpanalysis.overview, wpanalysis.notebooks"],
        capture_output=True, text=True, encoding="utf-8", cwd=REPO_ROOT, check=True,
    )
    assert (out.stdout, out.stderr) == ("", "")
