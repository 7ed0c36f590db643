"""Figures of the design and plan-level inference: the sample frame and plan-weighted prevalence."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from wpanalysis.plots import compare as compare_plots  # noqa: E402


def _frame(n_rows: int) -> pd.DataFrame:
    rng = np.random.default_rng(0)
    return pd.DataFrame({"region": rng.choice(["east", "central", "west", "unknown"], n_rows),
                         "admin_level": rng.choice(["city", "county"], n_rows),
                         "year": rng.choice(["2023", "2024"], n_rows),
                         "remit": "education", "completeness": "full",
                         "n_plans": np.arange(n_rows, 0, -1), "plans": ""})


def test_sample_frame_keeps_under_4000_pixels_and_pools_small_rows():
    frame = _frame(300)
    fig = compare_plots.plot_sample_frame(frame, max_rows=25, language="zh")
    width, height = fig.get_size_inches() * 300
    assert width <= 4000 and height <= 4000
    grid = fig.axes[0]
    labels = [t.get_text() for t in grid.texts]
    assert "其他 276 种组合" in labels  # 300 − 24 rows pooled into one
    assert f"N = {int(frame['n_plans'].sum()):,} 份" in fig._suptitle.get_text()
    plt.close(fig)


def test_sample_frame_one_cell_per_row_and_attribute():
    fig = compare_plots.plot_sample_frame(_frame(3), language="zh")
    grid = fig.axes[0]
    assert len(grid.patches) == 3 * 5
    assert "（N = 6 份）" in fig._suptitle.get_text()
    plt.close(fig)


def test_prevalence_draws_groups_without_an_interval():
    prevalence = pd.DataFrame({"grouping": ["region"] * 2, "group": ["east", "central"], "n_docs": [5, 1],
                               "n_items": [50, 9], "topic": [1, 1], "label": ["t", "t"], "mean": [0.3, 0.5],
                               "ci_low": [0.2, np.nan], "ci_high": [0.4, np.nan], "unit": ["plan", "plan"]})
    fig = compare_plots.plot_prevalence(prevalence, title="x", language="zh")
    assert "每份权重相同" in fig.axes[0].get_xlabel()
    assert fig.axes[0].get_xlim()[1] >= 0.5
    plt.close(fig)
