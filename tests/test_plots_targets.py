"""Figures of targets (wpanalysis.plots.targets): Chinese labels, N in the titles, readable colours and a
capped canvas from 1 to 3,000 plans."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.colors import to_hex  # noqa: E402

from tests.seeds import SEED_PROCESSED
from wpanalysis.build import load_corpus  # noqa: E402
from wpanalysis.plots.style import HOUSE_PALETTE  # noqa: E402
from wpanalysis.plots.targets import (  # noqa: E402
    OTHERS_COLOUR,
    plan_colours,
    plot_plan_rates,
    plot_shared_indicators,
    plot_targets_by_domain,
)
from wpanalysis.targets import targets_table  # noqa: E402
from wpanalysis.targets.indicators import load_indicators, shared_indicators  # noqa: E402
from wpanalysis.targets.tables import attach_domains  # noqa: E402

DPI = 300


@pytest.fixture(scope="module")
def corpus() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    built = load_corpus(SEED_PROCESSED)
    return built.documents, built.items, targets_table(built.items)


def _pixels(fig) -> tuple[float, float]:
    """Size of the saved figure in pixels at the 300-dpi save (tight bounding box, as save_figure does)."""
    fig.canvas.draw()
    box = fig.get_tightbbox(fig.canvas.get_renderer())
    return box.width * DPI, box.height * DPI


def _bar_colours(fig) -> set[str]:
    return {to_hex(p.get_facecolor()) for p in fig.axes[0].patches}


def _dot_colours(fig) -> set[str]:
    return {to_hex(c) for ax in fig.axes for coll in ax.collections for c in coll.get_facecolors()}


def _many_plans(n_plans: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A generated corpus of *n_plans* plans: targets with domains, and shared-indicator rows."""
    rng = np.random.default_rng(0)
    domains = ["学前教育", "义务教育", "职业教育", "教师队伍", "体美劳与健康", "教育数字化"]
    docs = [f"plan_{k:04d}" for k in range(n_plans)]
    sizes = rng.integers(1, 30, n_plans)
    doc_col = np.repeat(docs, sizes)
    with_domains = pd.DataFrame({"doc_id": doc_col, "item_number": 1,
                                 "domain_zh": rng.choice(domains, len(doc_col))})
    names = [i.zh for i in load_indicators() if i.zh != "新增学位"][:6]
    rows = [{"indicator_id": name, "indicator_zh": name, "doc_id": d, "comparator": rng.choice(["=", ">="]),
             "value": float(rng.integers(80, 101)), "unit": "%", "year": pd.NA} for d in docs for name in names]
    rows += [{"indicator_id": "new", "indicator_zh": "新增学位", "doc_id": d, "comparator": "=",
              "value": float(rng.integers(1, 20)) * 10_000, "unit": "个", "year": 2025} for d in docs[::3]]
    return with_domains, pd.DataFrame(rows)


def test_figures_have_chinese_labels_and_n_in_titles(corpus):
    documents, items, found = corpus
    shared = shared_indicators(found, documents)
    fig = plot_shared_indicators(shared, title="共有指标", language="zh")
    ticks = [t.get_text() for ax in fig.axes for t in ax.get_yticklabels()]
    assert "学前三年毛入园率（2 份）" in ticks and "新增学位（3 份）" in ticks
    assert fig.axes[0].get_title(loc="left") == f"共有指标（N = {shared['doc_id'].nunique()} 份要点，10 项指标）"
    plt.close(fig)
    with_domains = attach_domains(found, items)
    fig = plot_targets_by_domain(with_domains, language="zh")
    assert "学前教育" in [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert f"N = {len(found)} 条目标，{found['doc_id'].nunique()} 份要点" in fig.axes[0].get_title(loc="left")
    plt.close(fig)


def test_seed_figures_give_each_plan_its_colour(corpus):
    documents, items, found = corpus
    fig = plot_targets_by_domain(attach_domains(found, items))
    assert len(_bar_colours(fig)) == found["doc_id"].nunique() <= 8
    assert len(fig.axes[0].get_legend().get_texts()) == found["doc_id"].nunique()
    plt.close(fig)


@pytest.mark.parametrize("n_plans", [3, 180, 3000])
def test_figures_scale_to_many_plans(n_plans):
    with_domains, shared = _many_plans(n_plans)
    fig = plot_targets_by_domain(with_domains, max_plans=8, language="zh")
    width, height = _pixels(fig)
    assert width <= 4000 and height <= 4000
    assert len(_bar_colours(fig)) == min(n_plans, 8)  # past 8 plans: 7 colours and one grey 其他
    legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert len(legend) == min(n_plans, 8)
    if n_plans > 8:
        assert legend[-1] == f"其他 {n_plans - 7} 份" and to_hex(OTHERS_COLOUR) in _bar_colours(fig)
    assert f"{with_domains['doc_id'].nunique()} 份要点" in fig.axes[0].get_title(loc="left")
    plt.close(fig)
    fig = plot_shared_indicators(shared, max_plans=8, language="zh")
    width, height = _pixels(fig)
    assert width <= 4000 and height <= 4000
    assert len(_dot_colours(fig)) <= 8
    assert f"N = {n_plans} 份要点，7 项指标" in fig.axes[0].get_title(loc="left")
    if n_plans > 8:  # counts only: one dot per distinct value, no plan names in the legend
        assert sum(len(c.get_offsets()) for ax in fig.axes for c in ax.collections) < len(shared)
        assert not any(t.get_text().startswith("plan_") for t in fig.axes[0].get_legend().get_texts())
    plt.close(fig)


def test_plan_colours_keep_registry_places_and_pool_the_rest():
    labels = {"a": "甲", "b": "乙", "c": "丙"}
    colours, legend = plan_colours(["c", "a"], labels)
    assert colours == {"a": HOUSE_PALETTE[0], "c": HOUSE_PALETTE[2]}  # same place in every figure
    assert [name for name, _ in legend] == ["甲", "丙"]
    many = [f"p{k}" for k in range(20)]
    colours, legend = plan_colours(many + ["p19"] * 5, max_plans=4, language="zh")
    assert len(set(colours.values())) == 4 and colours["p19"] == HOUSE_PALETTE[0]
    assert legend[-1] == ("其他 17 份", OTHERS_COLOUR)


def test_empty_tables_draw_a_placeholder(corpus):
    documents, items, found = corpus
    fig = plot_shared_indicators(shared_indicators(found.iloc[:0], documents), language="zh")
    assert "N = 0 份要点" in fig.axes[0].get_title(loc="left")
    plt.close(fig)
    fig = plot_targets_by_domain(attach_domains(found.iloc[:0], items), language="zh")
    assert "N = 0 条目标" in fig.axes[0].get_title(loc="left")
    plt.close(fig)


def test_shared_indicators_put_each_kind_of_quantity_on_its_own_axis():
    rows = [("g", "毛入园率", "a", "=", 95.0, "%", "level"), ("g", "毛入园率", "b", ">=", 90.0, "%", "level"),
            ("m", "近视率年降幅", "a", ">=", 1.0, "%", "relative change"),
            ("m", "近视率年降幅", "b", ">=", 0.5, "百分点", "absolute change"),
            ("n", "新增学位", "a", "=", 1200.0, "个", "amount")]
    table = pd.DataFrame(rows, columns=["indicator_id", "indicator_zh", "doc_id", "comparator", "value", "unit",
                                        "measure"]).assign(year=pd.NA)
    fig = plot_shared_indicators(table, language="zh")
    labels = [ax.get_xlabel() for ax in fig.axes if ax.get_xlabel()]
    assert labels == ["目标值：水平（%）", "目标值：相对变化（%，指标自身数值的百分比，非百分点）",
                      "目标值：绝对变化（百分点）", "目标值：数量（个）"]
    assert fig.axes[0].get_xlim() == (-2.0, 104.0)  # levels in % on a 0–100 axis
    assert fig.axes[1].get_xlim()[1] == pytest.approx(1.12)  # the relative change keeps its own scale
    plt.close(fig)


def _rates(n_plans: int) -> pd.DataFrame:
    rng = np.random.default_rng(1)
    targets = rng.integers(0, 60, n_plans)
    items = rng.integers(10, 50, n_plans)
    chars = items * 200
    return pd.DataFrame({"doc_id": [f"plan_{k:04d}" for k in range(n_plans)], "completeness": "full",
                         "n_targets": targets, "n_items_with_body": items, "n_chars_with_body": chars,
                         "targets_per_10_items": 10 * targets / items,
                         "targets_per_10k_chars": 10_000 * targets / chars})


@pytest.mark.parametrize("n_plans", [3, 30, 180, 3000])
def test_plan_rates_scale_and_state_n(n_plans):
    table = pd.concat([_rates(n_plans), pd.DataFrame({"doc_id": ["outline"], "completeness": ["outline-only"],
                                                      "n_targets": [0], "n_items_with_body": [0],
                                                      "n_chars_with_body": [0]})], ignore_index=True)
    fig = plot_plan_rates(table, max_plans=30, language="zh")
    width, height = _pixels(fig)
    assert width <= 4000 and height <= 4000
    assert fig.axes[0].get_title(loc="left") == f"各份要点的量化目标密度（N = {n_plans} 份有正文的要点）"
    dots = sum(len(c.get_offsets()) for c in fig.axes[0].collections)
    assert dots == (n_plans if n_plans <= 30 else 0)  # past 30 plans: a histogram, no dot per plan
    assert [line.get_linestyle() for line in fig.axes[0].get_lines()] == ["-", "--"]
    assert fig.axes[0].get_lines()[0].get_xdata()[0] == pytest.approx(table["targets_per_10_items"].mean())
    plt.close(fig)
