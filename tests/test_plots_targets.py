"""Figures of targets (wpanalysis.plots.targets): Chinese labels on the shared-indicator and domain figures."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from wpanalysis.build import load_corpus  # noqa: E402
from wpanalysis.plots.targets import plot_shared_indicators, plot_targets_by_domain  # noqa: E402
from wpanalysis.targets import targets_table  # noqa: E402
from wpanalysis.targets.indicators import shared_indicators  # noqa: E402
from wpanalysis.targets.tables import attach_domains  # noqa: E402


@pytest.fixture(scope="module")
def corpus() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    built = load_corpus()
    return built.documents, built.items, targets_table(built.items)


def test_figures_have_chinese_labels(corpus):
    documents, items, found = corpus
    shared = shared_indicators(found, documents)
    fig = plot_shared_indicators(shared, title="共有指标")
    ticks = [t.get_text() for ax in fig.axes for t in ax.get_yticklabels()]
    assert "学前三年毛入园率" in ticks and "新增学位" in ticks
    plt.close(fig)
    fig = plot_targets_by_domain(attach_domains(found, items))
    assert "学前教育" in [t.get_text() for t in fig.axes[0].get_yticklabels()]
    plt.close(fig)
